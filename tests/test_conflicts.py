"""A project's disagreements as records, and the projects.csv text made of them."""
import csv
from decimal import Decimal

import pytest

from conftest import DISAGREEING_RELEASES
from pipeline.corpus.conflicts import ConflictValue, money_typo, render
from pipeline.corpus.consolidate import consolidate
from pipeline.ingest.ingest import make_document
from pipeline.rules.process import process_document

EXTRACTORS = ["project_codes", "project_names", "money", "dates", "entities", "events", "people"]
TYPO = "transposed digits 43↔34"
SEPARATOR = "decimal separator confusion (×10)"


def rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_two_releases_with_other_amounts_are_records_with_their_documents():
    results = [process_document(make_document(t.encode(), f"r{i}.txt", ".txt", 10**6), None, EXTRACTORS)
               for i, t in enumerate(DISAGREEING_RELEASES)]
    a, b, c = (r.document.doc_id for r in results)
    projects, _, conflicts = consolidate(results)
    assert conflicts == [
        ConflictValue("LLI-488", "LLI-488", "total_eur", "56430.50", tuple(sorted((a, c))), TYPO),
        ConflictValue("LLI-488", "LLI-488", "total_eur", "56340.50", (b,), TYPO),
        ConflictValue("LLI-488", "LLI-488", "erdf_eur", "47965.92", tuple(sorted((a, b))), SEPARATOR),
        ConflictValue("LLI-488", "LLI-488", "erdf_eur", "479659.20", (c,), SEPARATOR),
    ]
    row = projects[0]
    assert row["conflicts"] == (f"total_eur: 56430.50 [{', '.join(sorted((a, c)))}] vs 56340.50 [{b}] ({TYPO}) | "
                                f"erdf_eur: 47965.92 [{', '.join(sorted((a, b)))}] vs 479659.20 [{c}] ({SEPARATOR})")
    assert (row["total_eur"], row["erdf_eur"]) == ("56430.50", "47965.92")


def test_agreeing_releases_give_no_records():
    text = DISAGREEING_RELEASES[0]
    results = [process_document(make_document(t.encode(), f"r{i}.txt", ".txt", 10**6), None, EXTRACTORS)
               for i, t in enumerate((text, text + " Projekts ilgs divus gadus."))]
    projects, _, conflicts = consolidate(results)
    assert conflicts == [] and projects[0]["conflicts"] == ""


def test_records_render_field_by_field_and_a_note_once():
    records = [ConflictValue("", "name:Zaļā skola", "start", "2020-09", ("b1",), "compatible: the same date at "
                             "different precision"),
               ConflictValue("", "name:Zaļā skola", "start", "2020", ("a1", "c1"), "compatible: the same date at "
                             "different precision"),
               ConflictValue("", "name:Zaļā skola", "title_lv", "Zaļā skola, 2. kārta", ("a1",), ""),
               ConflictValue("", "name:Zaļā skola", "title_lv", "Zaļā skola", ("b1", "c1"), "")]
    assert render(records) == ("start: 2020-09 [b1] vs 2020 [a1, c1] (compatible: the same date at different "
                               "precision) | title_lv: Zaļā skola, 2. kārta [a1] vs Zaļā skola [b1, c1]")
    assert render([]) == ""


def test_the_run_writes_one_row_per_value(disagreeing_run):
    out, (a, b, c) = disagreeing_run
    got = rows(out / "conflict_values.csv")
    assert [(r["field"], r["value"], r["doc_ids"], r["n_documents"], r["note"]) for r in got] == [
        ("total_eur", "56430.50", ";".join(sorted((a, c))), "2", TYPO),
        ("total_eur", "56340.50", b, "1", TYPO),
        ("erdf_eur", "47965.92", ";".join(sorted((a, b))), "2", SEPARATOR),
        ("erdf_eur", "479659.20", c, "1", SEPARATOR)]
    assert {(r["project_code"], r["project_key"]) for r in got} == {("LLI-488", "LLI-488")}
    assert rows(out / "projects.csv")[0]["conflicts"].startswith(f"total_eur: 56430.50 [{', '.join(sorted((a, c)))}]")


@pytest.mark.parametrize("a,b,expected", [
    ("791256.20", "791256.19", "one cent off"),
    ("672576.74", "672567.73", "transposed digits 76↔67 and one cent off"),
    ("10450.00", "10540.00", "transposed digits 45↔54"),
    ("1200.00", "12000.00", "decimal separator confusion (×10)"),
    ("5000.00", "7000.00", ""),
    ("48213.00", "48212.64", "the same sum rounded"),  # to whole euros
    ("1500000.00", "1486240.12", "the same sum rounded"),  # to millions
    ("21343.08", "21058.50", "the same sum rounded in lats"),  # 15 000 LVL against 14 800 LVL
    ("48213.00", "47213.64", ""),
    ("250000.00", "230000.00", ""),  # a planned and a final sum
])
def test_typo_patterns(a, b, expected):
    assert money_typo(Decimal(a), Decimal(b)) == expected
