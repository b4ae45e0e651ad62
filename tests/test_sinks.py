"""The runner's read-ahead and the sinks it hands each document to."""
from __future__ import annotations

from pipeline.records import Document
from pipeline.run.cache import CacheEntry
from pipeline.run.runner import LOOKAHEAD_CHARS, Lookahead, Pending
from pipeline.run.sinks import Artifact, ReportSink


def pending(tasks: list, chars: int = 10) -> Pending:
    return Pending(documents=[], hits=[], tasks=tasks, chars=chars)


def test_the_reading_waits_when_more_batches_wait_on_tasks_than_the_engine_holds():
    lookahead = Lookahead(capacity=1)
    lookahead.push(pending([]))  # cached documents only: nothing for the workers
    lookahead.push(pending(["task"]))
    assert not lookahead.full()
    lookahead.push(pending(["task"]))
    assert lookahead.full()
    assert lookahead.pop().tasks == []  # the oldest goes first, even without tasks
    assert lookahead.full()
    lookahead.pop()
    assert not lookahead.full() and lookahead


def test_the_reading_waits_when_the_text_held_passes_its_budget():
    lookahead = Lookahead(capacity=10)
    lookahead.push(pending([], LOOKAHEAD_CHARS))
    assert not lookahead.full()
    lookahead.push(pending([], 1))
    assert lookahead.full()
    lookahead.pop()
    assert not lookahead.full()
    lookahead.pop()
    assert not lookahead


def entry(doc_id: str, status: str = "ok", labels: dict | None = None) -> CacheEntry:
    document = Document(doc_id, f"{doc_id}.txt", status=status, error="" if status == "ok" else "nav teksta")
    rows = {"documents.csv": (f"{doc_id}\r\n", 1), "mentions.csv": ("Rīga\r\nLiepāja\r\n", 2)}
    return CacheEntry(document, rows, labels or {}, summary=None, slim=b"", packed=b"")


def test_the_report_counts_rows_labels_and_failures_and_a_copy_as_a_document_only():
    report = ReportSink(None, {}, None, 0.0, config=None, cache=None, duplicates=None, sqlite=None, corpus=None,
                        skipped=[], applier=None)
    ok, broken = entry("a1", labels={"GPE": 2}), entry("b2", status="error")
    for e in (ok, broken):
        report.add(Artifact(e.document.doc_id, e.rows, e, reused=True))
    report.add(Artifact("a1", {"documents.csv": ("a1 kopija\r\n", 1)}, None, reused=False))
    assert report.counts == {"documents.csv": 3, "mentions.csv": 4}
    assert report.labels == {"GPE": 2}
    assert report.failed == [{"doc_id": "b2", "source": "b2.txt", "error": "nav teksta"}]
    assert not report.nothing_read()


def test_a_run_of_unreadable_files_reads_nothing():
    report = ReportSink(None, {}, None, 0.0, config=None, cache=None, duplicates=None, sqlite=None, corpus=None,
                        skipped=[], applier=None)
    broken = entry("b2", status="error")
    report.add(Artifact("b2", broken.rows, broken, reused=False))
    assert report.nothing_read()
