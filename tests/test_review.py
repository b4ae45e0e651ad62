"""`lvpress review OUT`: the self-contained review page, and reviews fed back into a run."""
import csv
import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.corpus.consolidate import consolidate
from pipeline.outputs.tables import mention_rows, money_rows
from pipeline.ingest.ingest import read_documents
from pipeline.outputs.review_page import build_data
from pipeline.outputs.review_decisions import Review, apply_reviews, load_reviews, write_reviews
from pipeline.rules.process import process_document

ROOT = Path(__file__).resolve().parent.parent
EXTRACTORS = ["project_codes", "project_names", "money", "dates", "entities", "events", "people"]
TOTAL_OFF = "8ebc3d80f3d7bd0c:2416-2430:MONEY"  # 791256.19: one cent off the other two documents


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    out = tmp_path_factory.mktemp("review_out")
    assert main(["run", str(ROOT / "corpus"), "-o", str(out), "--model", "none", "--quiet"]) == 0
    assert main(["review", str(out)]) == 0
    return out


def rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def page_data(html: str) -> dict:
    m = re.search(r'<script id="lvpress-data" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(m.group(1))


def test_page_is_self_contained(out):
    html = (out / "review.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert "<link" not in html and "@import" not in html and "<script src" not in html
    assert "connect-src 'none'" in html  # the page cannot reach the network even by mistake
    data = page_data(html)
    assert len(data["documents"]) == 5 and data["signature"]


def test_every_fact_row_is_on_the_page_with_its_exact_span(out):
    data = page_data((out / "review.html").read_text(encoding="utf-8"))
    money_ids = {r["fact_id"] for r in rows(out / "money.csv")}
    expected = ({r["fact_id"] for r in rows(out / "mentions.csv")} | money_ids
                | {r["event_id"] for r in rows(out / "events.csv")} | {r["fact_id"] for r in rows(out / "people.csv")})
    facts = {f["id"]: f for f in data["facts"]}
    assert set(facts) == expected
    texts = {d["id"]: d["text"] for d in data["documents"]}
    assert all(d["text_from"] == "input" for d in data["documents"])
    for f in data["facts"]:
        assert texts[f["doc"]][f["start"]:f["end"]] == f["text"], f["id"]
    money = facts[TOTAL_OFF]
    assert (money["kind"], money["value"], money["role"], money["projects"]) == ("money", "791256.19 EUR", "total",
                                                                                 ["LLI-317"])
    assert money["conflicts"] and "one cent off" in money["conflicts"][0]
    assert not facts["5d95cf950d0e1e65:3300-3314:MONEY"]["conflicts"]


def test_registry_on_top_with_its_conflicts(out):
    data = page_data((out / "review.html").read_text(encoding="utf-8"))
    first = data["projects"][0]
    assert first["key"] == "LLI-317"
    total = next(c for c in first["conflicts"] if c["field"] == "total_eur")
    assert total["values"] == [{"value": "791256.20", "docs": ["b52c96884a1ff109", "e23e47d6fa3542ea"]},
                               {"value": "791256.19", "docs": ["8ebc3d80f3d7bd0c"]}]
    assert total["why"] == "one cent off"


def test_the_page_lists_conflicts_from_the_records(records_only_run):
    out, (a, b, c) = records_only_run
    data = build_data(out)
    (project,) = data["projects"]
    total, erdf = project["conflicts"]
    assert total == {"field": "total_eur", "why": "transposed digits 43↔34",
                     "values": [{"value": "56430.50", "docs": sorted((a, c))}, {"value": "56340.50", "docs": [b]}],
                     "text": f"total_eur: 56430.50 [{', '.join(sorted((a, c)))}] vs 56340.50 [{b}] "
                             "(transposed digits 43↔34)"}
    assert (erdf["field"], erdf["why"]) == ("erdf_eur", "decimal separator confusion (×10)")
    odd = next(f for f in data["facts"] if f["kind"] == "money" and f["value"] == "479659.20 EUR")
    assert odd["conflicts"] == [f"LLI-488 {erdf['text']}"]


def test_text_rebuilt_from_sentences_when_the_input_is_gone(out, tmp_path):
    moved = tmp_path / "out"
    shutil.copytree(out, moved)
    run = json.loads((moved / "run.json").read_text())
    run["config"]["input"] = str(tmp_path / "no-such-input")
    (moved / "run.json").write_text(json.dumps(run))
    data = build_data(moved)
    assert {d["text_from"] for d in data["documents"]} == {"sentences"}
    texts = {d["id"]: d["text"] for d in data["documents"]}
    for f in data["facts"]:
        assert texts[f["doc"]][f["start"]:f["end"]] == f["text"], f["id"]
    assert main(["review", str(moved), "--input", str(ROOT / "corpus"), "--html", str(tmp_path / "r.html")]) == 0
    assert {d["text_from"] for d in page_data((tmp_path / "r.html").read_text())["documents"]} == {"input"}


def test_markup_in_articles_cannot_break_out_of_the_page(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Projekta LLI-317 </script><script>alert(1)</script> <!-- kopējais budžets ir "
                               "1 000 eiro.", encoding="utf-8")
    assert main(["run", str(src), "-o", str(tmp_path / "o"), "--model", "none", "--quiet"]) == 0
    assert main(["review", str(tmp_path / "o")]) == 0
    html = (tmp_path / "o" / "review.html").read_text(encoding="utf-8")
    assert html.count("</script>") == 2 and "<!--" not in html
    assert "alert(1)" in page_data(html)["documents"][0]["text"]


def test_review_needs_an_output_folder(tmp_path):
    assert main(["review", str(tmp_path)]) == 2


def test_end_to_end_reviewer_file_changes_the_outputs(out, tmp_path):
    """The corpus run, its page, a reviewer's file (the page's export format), applied before
    consolidation: the rejected money row is gone, the project total and conflicts are rebuilt,
    the corrected norm is there with the original kept."""
    data = page_data((out / "review.html").read_text(encoding="utf-8"))
    facts = {f["id"]: f for f in data["facts"]}
    place = next(f for f in data["facts"] if f["label"] == "PLACE" and f["value"] == "Kretinga")
    erdf_off = "8ebc3d80f3d7bd0c:2460-2474:MONEY"  # 672567.73, transposed digits
    assert TOTAL_OFF in facts and erdf_off in facts
    reviews_csv = tmp_path / "reviews.csv"
    write_reviews(reviews_csv, [
        Review(TOTAL_OFF, "reject", "", "Anna Ozola", "2024-05-01T10:00:00+03:00", "one cent off: typo"),
        Review(erdf_off, "correct", "672 576,74", "Anna Ozola", "2024-05-01T10:01:00+03:00", "digits swapped"),
        Review(place["id"], "correct", "Kretinga (LT)", "Anna Ozola", "2024-05-01T10:02:00+03:00", ""),
        Review("0000000000000000:1-2:PLACE", "accept", "", "Anna Ozola", "2024-05-01T10:03:00+03:00", ""),
    ])
    reviews = load_reviews(reviews_csv)
    results = [process_document(d, None, EXTRACTORS) for d in read_documents(ROOT / "corpus", 5_000_000)]
    before = {r["project_key"]: r for r in consolidate(results)[0]}["LLI-317"]
    assert "total_eur" in before["conflicts"] and "erdf_eur" in before["conflicts"]

    reviewed, report = apply_reviews(results, reviews)
    assert report["applied"] == {"accept": 0, "reject": 1, "correct": 2}
    assert report["orphans"] == ["0000000000000000:1-2:PLACE"]
    projects, linked, _ = consolidate(reviewed)
    row = {r["project_key"]: r for r in projects}["LLI-317"]
    assert (row["total_eur"], row["erdf_eur"]) == ("791256.20", "672576.74")
    assert "total_eur" not in row["conflicts"] and "erdf_eur" not in row["conflicts"]
    assert "start:" in row["conflicts"]  # untouched disagreements stay
    money = {r["fact_id"]: r for r in money_rows(linked)}
    assert TOTAL_OFF not in money
    assert money[erdf_off]["amount"] == "672576.74"
    assert sum(Decimal(r["amount"]) for r in money.values() if r["project_key"] == "LLI-317" and r["role"] == "total"
               and not r["party"]) == Decimal("791256.20") * 2
    mentions = {r["fact_id"]: r for r in mention_rows(linked)}
    assert TOTAL_OFF not in mentions
    assert mentions[place["id"]]["norm"] == "Kretinga (LT)"
    r = next(r for r in linked if r.document.doc_id == place["doc"])
    m = next(m for m in r.mentions if (m.start, m.end, m.label) == (place["start"], place["end"], "PLACE"))
    assert (m.review.decision, m.review.original_value, m.review.reviewer) == ("correct", "Kretinga", "Anna Ozola")
