"""`lvpress run` on a folder of hostile inputs (tests/hostile_corpus.py): readable documents
are processed, the others become status=error rows with a specific reason, and the run
finishes with exit status 1 and lists every failure in run.json."""
from __future__ import annotations

import csv
import json
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path

import pytest

from hostile_corpus import LV, build_hostile_corpus
from pipeline.cli import main
from pipeline.ingest.ingest import read_documents


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        header = f.readline()
        f.seek(0)
        rows = list(csv.DictReader(f))
    n_cols = len(header.rstrip("\n").split(","))
    for row in rows:  # a broken row (a stray \r or quote) shows up as missing or extra fields
        assert None not in row and None not in row.values() and len(row) == n_cols, row
    return rows


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("hostile")
    cases = build_hostile_corpus(corpus)
    out = tmp_path_factory.mktemp("hostile_out")
    started = time.perf_counter()
    code = main(["run", str(corpus), "-o", str(out), "-q", "--model", "none"])
    seconds = time.perf_counter() - started
    print(f"\nhostile corpus: {len(cases)} cases, lvpress run took {seconds:.1f} s")
    return cases, code, out


def test_exit_status_is_1_when_some_documents_fail(hostile_run):
    _, code, _ = hostile_run
    assert code == 1


def test_every_case_has_exactly_its_expected_row(hostile_run):
    cases, _, out = hostile_run
    docs = read_csv(out / "documents.csv")
    sources = [d["source"] for d in docs]
    assert len(sources) == len(set(sources)), "a document was reported twice"
    assert sorted(sources) == sorted(cases), "documents.csv rows differ from the hostile cases"
    problems = []
    for d in docs:
        want = cases[d["source"]]
        if d["status"] != want["status"]:
            problems.append(f"{d['source']!r}: status {d['status']} ({d['error']}), expected {want}")
        elif want["status"] == "error":
            if want["reason"] not in d["error"]:
                problems.append(f"{d['source']!r}: error {d['error']!r} lacks {want['reason']!r}")
            if d["n_sentences"] != "0" or d["fmt"]:
                problems.append(f"{d['source']!r}: an error row carries results")
        else:
            if int(d["n_sentences"]) < 1 or int(d["n_chars"]) < 1:
                problems.append(f"{d['source']!r}: ok but empty")
            for key in ("encoding", "fmt"):
                if key in want and d[key] != want[key]:
                    problems.append(f"{d['source']!r}: {key} {d[key]!r}, expected {want[key]!r}")
    assert not problems, "\n".join(problems)


def test_run_json_lists_every_failure(hostile_run):
    cases, _, out = hostile_run
    summary = json.loads((out / "run.json").read_text(encoding="utf-8"))
    expected = {src for src, want in cases.items() if want["status"] == "error"}
    failed = {f["source"]: f["error"] for f in summary["failed"]}
    assert set(failed) == expected
    assert summary["documents"] == {"total": len(cases), "ok": len(cases) - len(expected), "error": len(expected)}
    docs = {d["source"]: d for d in read_csv(out / "documents.csv")}
    for src, error in failed.items():
        assert error and docs[src]["error"] == error


def test_text_of_readable_documents_survives(hostile_run):
    cases, _, out = hostile_run
    # doc_id is the hash of the bytes: a file and a link to it (or a JSONL record with the
    # same text) share it, and their sentences with it.
    doc_of = {d["source"]: d["doc_id"] for d in read_csv(out / "documents.csv") if d["status"] == "ok"}
    text_of = defaultdict(list)
    for s in read_csv(out / "sentences.csv"):
        assert s["doc_id"] in doc_of.values()
        text_of[s["doc_id"]].append(s["text"])
    for src, want in cases.items():
        joined = "\n".join(text_of[doc_of[src]]) if want["status"] == "ok" else ""
        if "contains" in want:
            assert want["contains"] in joined, src
        if "absent" in want:
            assert want["absent"] not in joined, src
    assert "Kopējais budžets ir 791\u00a0256,20\u00a0eiro" in "\n".join(text_of[doc_of["html/page.html"]])


def test_mention_offsets_point_at_their_surface(hostile_run):
    _, _, out = hostile_run
    sentences = {s["sent_id"]: s for s in read_csv(out / "sentences.csv")}
    mentions = read_csv(out / "mentions.csv")
    assert len(mentions) > 50
    for m in mentions:
        s = sentences[m["sent_id"]]
        start, end, s_start = int(m["start"]), int(m["end"]), int(s["start"])
        assert s_start <= start < end <= int(s["end"])
        assert s["text"][start - s_start:end - s_start] == m["text"], m
    money = {(m["doc_id"], m["norm"]) for m in mentions if m["label"] == "MONEY"}
    assert any(norm == "791256.20 EUR" for _, norm in money)
    assert any(norm == "12000.00 LTL" for _, norm in money)  # "12 000 litų" in the mixed text


def test_small_max_chars_refuses_long_documents(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "short.txt").write_text("Aucē atklāts dienas centrs.", encoding="utf-8")
    (corpus / "long.txt").write_text(LV * 20, encoding="utf-8")
    (corpus / "long_utf16.txt").write_bytes(b"\xff\xfe" + (LV * 20).encode("utf-16-le"))
    (corpus / "recs.jsonl").write_text(json.dumps({"id": "a", "text": LV * 20}) + "\n"
                                       + json.dumps({"id": "b", "text": "Īss."}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(corpus), "-o", str(out), "-q", "--model", "none", "--max-chars", "1000"]) == 1
    docs = {d["source"]: d for d in read_csv(out / "documents.csv")}
    assert {s for s, d in docs.items() if d["status"] == "ok"} == {"short.txt", "recs.jsonl#b"}
    for src in ("long.txt", "long_utf16.txt", "recs.jsonl#a"):
        assert "over the limit of 1,000" in docs[src]["error"] and "--max-chars" in docs[src]["error"], src


def test_huge_file_is_refused_without_reading_it_into_memory(tmp_path):
    block = ((LV + " ") * 2000).encode("utf-8")
    with (tmp_path / "huge.txt").open("wb") as f:
        for _ in range(50_000_000 // len(block) + 1):
            f.write(block)
    tracemalloc.start()
    try:
        (doc,) = read_documents(tmp_path, max_chars=5_000_000)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert doc.status == "error" and "over the limit of 5,000,000" in doc.error
    assert peak < 5_000_000, f"peak {peak:,} bytes while refusing a 50 MB file"


def test_exit_status_0_without_failures_and_2_for_usage_errors(tmp_path):
    (tmp_path / "a.txt").write_text(LV, encoding="utf-8")
    assert main(["run", str(tmp_path), "-o", str(tmp_path / "out"), "-q", "--model", "none"]) == 0
    assert main(["run", str(tmp_path / "missing"), "-o", str(tmp_path / "out2"), "-q", "--model", "none"]) == 2
    assert main(["run", str(tmp_path), "-o", str(tmp_path / "out3"), "-q", "--model", "none",
                 "--extractors", "nosuch"]) == 2
    with pytest.raises(SystemExit) as e:
        main(["run", str(tmp_path), "--max-chars", "lots"])
    assert e.value.code == 2


@pytest.mark.skipif(not hasattr(__import__("os"), "geteuid") or __import__("os").geteuid() == 0,
                    reason="root can read files with mode 000")
def test_unreadable_file_and_folder(tmp_path):
    (tmp_path / "secret.txt").write_text("Slepeni.", encoding="utf-8")
    (tmp_path / "secret.txt").chmod(0)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "a.txt").write_text("Slepeni.", encoding="utf-8")
    (tmp_path / "locked").chmod(0)
    try:
        docs = {d.source: d for d in read_documents(tmp_path, max_chars=1000)}
    finally:
        (tmp_path / "locked").chmod(0o755)
        (tmp_path / "secret.txt").chmod(0o644)
    assert "Permission denied" in docs["secret.txt"].error
    assert "cannot read folder" in docs["locked/"].error
