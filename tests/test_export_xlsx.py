"""`lvpress export OUT --xlsx`: spreadsheet cells are strings, never formulas; figures are numbers."""
from __future__ import annotations

import pytest

from pipeline.cli import main

openpyxl = pytest.importorskip("openpyxl")

ARTICLE = """=HYPERLINK("http://example.invalid","Klikšķiniet") Projekta budžets ir 120 000,50 eiro.
+Rēzeknes novada pašvaldība 2019. gada 5. februārī noslēdza līgumu.
@Jānis Bērziņš: projekts LLI-317 noslēdzās.
"""


@pytest.fixture
def out(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "hostile.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(src), "-o", str(out), "-q", "--model", "none"]) == 0
    return out


def test_formula_like_cells_are_written_as_plain_strings(out):
    assert main(["export", str(out), "--xlsx"]) == 0
    book = openpyxl.load_workbook(out / "lvpress.xlsx")
    sentences = book["sentences"]
    header = [c.value for c in sentences[1]]
    texts = [row[header.index("text")] for row in sentences.iter_rows(min_row=2)]
    first = next(c for c in texts if c.value.startswith("=HYPERLINK("))
    assert first.data_type == "s"
    assert {c.value[0] for c in texts} >= {"=", "+", "@"}
    assert all(c.data_type == "s" for c in texts)
    assert sentences.freeze_panes == "A2"


def test_money_and_offsets_are_numbers(out):
    target = out / "analyst.xlsx"
    assert main(["export", str(out), "--xlsx", str(target)]) == 0
    money = openpyxl.load_workbook(target)["money"]
    header = [c.value for c in money[1]]
    row = [c.value for c in money[2]]
    assert row[header.index("amount")] == pytest.approx(120000.50)
    assert isinstance(row[header.index("start")], int)
    assert row[header.index("currency")] == "EUR"


def test_export_needs_a_run_folder_and_a_format(tmp_path):
    assert main(["export", str(tmp_path), "--xlsx"]) == 2
    assert main(["export", str(tmp_path)]) == 2
