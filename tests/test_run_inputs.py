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
    from pipeline.nlp import load_model

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
