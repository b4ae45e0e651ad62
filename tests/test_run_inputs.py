"""`lvpress run` on the inputs new users bring: documents the model cannot take, empty
folders, output folders inside the input, files lvpress does not read."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from pipeline.cli import main


def run(src, out, *options) -> int:
    return main(["run", str(src), "-o", str(out), "-q", *options])


def table(out, name: str) -> pd.DataFrame:
    return pd.read_csv(out / name, dtype=str, keep_default_na=False)


@pytest.fixture
def shipped_nlp():
    """The shipped model as the serial engine (--workers 1) uses it, in this process."""
    from pipeline.model.nlp import load_model

    nlp = load_model("auto")
    if nlp is None:
        pytest.skip("the shipped model is missing")
    return nlp


def test_a_line_longer_than_the_model_takes_is_annotated_in_pieces(tmp_path, shipped_nlp, monkeypatch):
    monkeypatch.setattr(shipped_nlp, "max_length", 2_000)  # spaCy's limit, scaled down
    src = tmp_path / "in"
    src.mkdir()
    line = " ".join(["Jānis Bērziņš un Anna Kalniņa strādā Rēzeknes novada pašvaldībā"] * 120)
    (src / "long.txt").write_text(line, encoding="utf-8")
    (src / "short.txt").write_text("Ludzas novada pašvaldība saņēma 12 000 eiro.\n", encoding="utf-8")
    assert run(src, tmp_path / "out", "--workers", "1") == 0
    docs = table(tmp_path / "out", "documents.csv").set_index("source")
    assert (docs["status"] == "ok").all()
    mentions = table(tmp_path / "out", "mentions.csv")
    mentions = mentions[mentions["source"] == "long.txt"]
    spans = list(zip(mentions["start"].astype(int), mentions["end"].astype(int), mentions["text"]))
    assert all(line[s:e] == surface for s, e, surface in spans)
    assert max(s for s, _, _ in spans) > len(line) - 100  # the last piece was annotated too


def test_a_document_the_model_fails_on_is_its_own_error_row(tmp_path, shipped_nlp, monkeypatch):
    pipe = shipped_nlp.pipe

    def failing_pipe(texts, **kwargs):
        for text in texts:
            if "NEIZDODAS" in text:
                raise ValueError("the model cannot take this text")
            yield from pipe([text], **kwargs)

    monkeypatch.setattr(shipped_nlp, "pipe", failing_pipe)
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Rēzeknes novada pašvaldība saņēma 5000 eiro.\n", encoding="utf-8")
    (src / "b.txt").write_text("Šis teikums NEIZDODAS.\n", encoding="utf-8")
    (src / "c.txt").write_text("Balvu novada pašvaldība saņēma 7000 eiro.\n", encoding="utf-8")
    assert run(src, tmp_path / "out", "--workers", "1", "--no-cache") == 1
    docs = table(tmp_path / "out", "documents.csv").set_index("source")
    assert docs.loc[["a.txt", "c.txt"], "status"].tolist() == ["ok", "ok"]
    assert docs.loc["b.txt", "status"] == "error"
    assert "the model cannot take this text" in docs.loc["b.txt", "error"]
    assert len(table(tmp_path / "out", "money.csv")) == 2


def good_folder(path):
    path.mkdir()
    (path / "a.txt").write_text("Projekta LLI-317 kopējais budžets ir 791 256,20 eiro.\n", encoding="utf-8")
    return path


def test_an_input_without_readable_documents_leaves_the_outputs_alone(tmp_path, caplog):
    out = tmp_path / "out"
    assert run(good_folder(tmp_path / "good"), out, "--model", "none") == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    for name, files in {"empty": {}, "images": {"photo.png": b"\x89PNG\r\n\x1a\n"},
                        "broken": {"broken.txt": b"\x00\x01\x02"}}.items():
        src = tmp_path / name
        src.mkdir()
        for fn, data in files.items():
            (src / fn).write_bytes(data)
        caplog.clear()
        assert run(src, out, "--model", "none") == 2, name
        assert "no readable documents in" in caplog.text and "was left as it was" in caplog.text
        assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before, name


def test_the_output_folder_inside_the_input_is_not_read(tmp_path):
    src = good_folder(tmp_path / "in")
    out, cache = src / "out", src / "cache"
    for _ in range(2):
        assert run(src, out, "--model", "none", "--cache-dir", str(cache)) == 0
    assert table(out, "documents.csv")["source"].tolist() == ["a.txt"]


def test_pdf_word_and_opendocument_files_are_read(tmp_path):
    from office_files import docx_paragraphs, odt, pdf

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.pdf").write_bytes(pdf([["Projekta LLI-317 kopejais budzets ir 791 256,20 eiro."]]))
    (src / "b.docx").write_bytes(docx_paragraphs("Ludzas novads", "Projekta kopējās izmaksas ir 12 000 eiro."))
    (src / "c.odt").write_bytes(odt("<text:p>Rēzeknes novada projekts saņēma 5000 eiro.</text:p>"))
    (src / "scan.pdf").write_bytes(pdf([[]]))
    (src / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (src / "budget.xlsx").write_bytes(b"PK\x03\x04")
    out = tmp_path / "out"
    assert run(src, out, "--model", "none") == 1  # the scan fails, the rest is done
    docs = table(out, "documents.csv").set_index("source")
    assert docs.loc[["a.pdf", "b.docx", "c.odt"], "fmt"].tolist() == ["pdf", "docx", "odt"]
    assert docs.loc["scan.pdf", "status"] == "error" and "without a text layer" in docs.loc["scan.pdf", "error"]
    assert sorted(docs.index) == ["a.pdf", "b.docx", "c.odt", "scan.pdf"]
    money = table(out, "money.csv")
    assert sorted(money["amount"].tolist()) == ["12000.00", "5000.00", "791256.20"]
    texts = {"a.pdf": "Projekta LLI-317 kopejais budzets ir 791 256,20 eiro.",
             "b.docx": "Ludzas novads\nProjekta kopējās izmaksas ir 12 000 eiro.",
             "c.odt": "Rēzeknes novada projekts saņēma 5000 eiro."}
    mentions = table(out, "mentions.csv")
    assert set(mentions["source"]) == set(texts)
    for m in mentions.itertuples():
        assert texts[m.source][int(m.start):int(m.end)] == m.text
    summary = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert [s["source"] for s in summary["skipped"]] == ["budget.xlsx", "photo.jpg"]
    assert "'.xlsx' is not read" in summary["skipped"][0]["reason"]
    assert [f["source"] for f in summary["failed"]] == ["scan.pdf"]


def test_a_new_output_folder_follows_the_umask(tmp_path):
    import os

    before = os.umask(0o022)
    try:
        assert run(good_folder(tmp_path / "in"), tmp_path / "out", "--model", "none") == 0
    finally:
        os.umask(before)
    assert (tmp_path / "out").stat().st_mode & 0o777 == 0o755


def test_the_review_page_is_written_again_by_the_next_run(tmp_path):
    src, out = good_folder(tmp_path / "in"), tmp_path / "out"
    assert run(src, out, "--model", "none") == 0
    assert main(["review", str(out)]) == 0
    (src / "b.txt").write_text("Balvu novada pašvaldība saņēma 7000 eiro.\n", encoding="utf-8")
    assert run(src, out, "--model", "none") == 0
    page = (out / "review.html").read_text(encoding="utf-8")
    assert "b.txt" in page and "Balvu novada" in page


def test_page_titles_lose_the_site_name(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.html").write_text(
        "<html><head><title>Novadā atjaunos trīs grants ceļus | Rēzeknes novada pašvaldība</title></head>"
        "<body><p>Rēzeknes novada pašvaldība saņēma 7000 eiro ceļu atjaunošanai.</p></body></html>",
        encoding="utf-8")
    (src / "b.txt").write_text("Kultūras namā atklāta jauna izstāde | Balvu novads\n\nIzstāde būs atvērta līdz "
                               "maijam.\n", encoding="utf-8")
    assert run(src, tmp_path / "out", "--model", "none") == 0
    docs = table(tmp_path / "out", "documents.csv").set_index("source")
    assert docs.loc["a.html", "title"] == "Novadā atjaunos trīs grants ceļus"
    assert docs.loc["b.txt", "title"] == "Kultūras namā atklāta jauna izstāde"


@pytest.mark.parametrize("option,value,message", [("--workers", "-3", "--workers must be 0 or more, not -3"),
                                                  ("--batch-size", "0", "--batch-size must be 1 or more, not 0"),
                                                  ("--max-chars", "0", "--max-chars must be 1 or more, not 0")])
def test_impossible_numbers_are_refused(tmp_path, caplog, option, value, message):
    assert run(good_folder(tmp_path / "in"), tmp_path / "out", "--model", "none", option, value) == 2
    assert message in caplog.text and not (tmp_path / "out").exists()


def test_progress_is_logged_with_the_total_when_not_on_a_terminal(tmp_path, caplog, monkeypatch):
    import logging

    from pipeline.run.runner import Progress

    monkeypatch.setattr(Progress, "LOG_SECONDS", 0.0)
    src = good_folder(tmp_path / "in")
    (src / "b.jsonl").write_text('{"id": 1, "text": "Rīgā."}\n{"id": 2, "text": "Aucē."}\n', encoding="utf-8")
    caplog.set_level(logging.INFO)
    assert main(["run", str(src), "-o", str(tmp_path / "out"), "--model", "none", "--batch-size", "1"]) == 0
    assert "documents: 3/3 (" in caplog.text and "left)" in caplog.text


@pytest.mark.parametrize("quiet", [True, False])
def test_each_failure_is_reported_once(tmp_path, capsys, caplog, quiet):
    (tmp_path / "in.jsonl").write_text('{"id": "a", "text": "Rīgā notika sanāksme."}\n{bad\n', encoding="utf-8")
    args = ["run", str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "out"), "--model", "none"]
    assert main(args + ["-q"] * quiet) == 1
    said = capsys.readouterr().err + caplog.text
    assert said.count("invalid JSON") == 1, said


def test_train_data_defaults_to_a_relative_folder(tmp_path, monkeypatch, caplog):
    from pipeline.cli import build_parser

    monkeypatch.delenv("LVPRESS_DATA", raising=False)
    assert build_parser().parse_args(["train"]).data == "data"
    assert main(["train", "--data", str(tmp_path)]) == 2
    assert f"no training data in {tmp_path}" in caplog.text


def test_review_corrections_reach_every_row_that_repeats_the_fact(tmp_path):
    from pipeline.outputs.review_decisions import Review, write_reviews

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Projekta kopējais budžets ir 791 256,20 eiro, tostarp ERAF finansējums 672 567,77 "
                               "eiro.\nSociālā dienesta vadītāja S.Matačina stāstīja par projektu.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run(src, out, "--model", "none") == 0
    money = table(out, "money.csv").set_index("amount")
    person = table(out, "mentions.csv").query("label == 'PERSON'")["fact_id"].item()
    write_reviews(tmp_path / "reviews.csv", [
        Review(money.loc["672567.77", "fact_id"], "correct", "fund=KF"),
        Review(person, "correct", "Sandra Matačina"),
        Review(money.loc["791256.20", "fact_id"], "correct", "colour=red")])
    assert run(src, out, "--model", "none", "--reviews", str(tmp_path / "reviews.csv")) == 0
    money = table(out, "money.csv").set_index("amount")
    assert money.loc["672567.77", "fund"] == "KF" and money.loc["672567.77", "original_value"] == "fund=ERAF"
    assert table(out, "people.csv")["person"].tolist() == ["Sandra Matačina"]
    assert table(out, "mentions.csv").query("label == 'PERSON'")["norm"].item() == "Sandra Matačina"
    report = json.loads((out / "run.json").read_text(encoding="utf-8"))["reviews"]
    assert report["applied"]["correct"] == 2
    assert [i["reason"] for i in report["invalid"]] == [
        "unknown field 'colour'; one of: amount, currency, role, party, project_code, fund"]


@pytest.mark.parametrize("text,limit,pieces", [
    ("Rīgā un Aucē notika sanāksme", 10, ["Rīgā un ", "Aucē ", "notika ", "sanāksme"]),
    ("Pārrobežusadarbība", 8, ["Pārrobež", "usadarbī", "ba"]),  # no whitespace to cut at
    ("Aucē", 10, ["Aucē"]),
])
def test_long_texts_are_cut_after_whitespace(text, limit, pieces):
    from pipeline.model.nlp import split_at_whitespace

    assert split_at_whitespace(text, limit) == pieces
