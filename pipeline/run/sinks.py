"""Where a run's documents go.

The runner hands each document's artifact to every sink in input order (``add``), then
closes them in the order their outputs depend on each other (``close``): the streamed CSV
files, SQLite (which loads those files in the background), the cross-document tables,
run.json, which reports what the others did. ``abort`` drops what a sink holds when the
run fails. Each sink keeps its own way of being fast.
"""
from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..corpus.consolidate import consolidate
from ..outputs.csv_files import OutputSet
from ..outputs.sqlite_export import SqliteBuilder
from ..outputs.tables import CONFLICT_COLUMNS, LINKED_TABLES, PROJECT_COLUMNS, conflict_rows
from ..rules.process import Timer
from .cache import STREAMED, CacheEntry
from .spill import Spill


@dataclass(slots=True)
class Artifact:
    """One document as the sinks receive it."""

    doc_id: str
    rows: dict[str, tuple[str, int]]  # streamed CSV -> (rendered rows, row count)
    entry: CacheEntry | None  # None for a byte-identical copy of an earlier input: a documents.csv row, no facts
    reused: bool  # the rows are the cache entry's own, so the previous database may hold them


class Sink:
    """What the runner hands documents to; the outputs are written into the run's staging
    folder, which the runner swaps into place or removes."""

    def add(self, artifact: Artifact) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Every document is in: finish this sink's outputs."""

    def abort(self) -> None:
        """The run failed: release what this sink holds (open files, a background process)."""


class CsvSink(Sink):
    """documents.csv, sentences.csv and mentions.csv, streamed: the rows arrive rendered (the
    cache stores them so), and writing them is a copy of text."""

    def __init__(self, outputs: OutputSet):
        self.outputs = outputs
        self.writers = {name: outputs.writer(name, columns) for name, columns, _ in STREAMED}

    def add(self, artifact: Artifact) -> None:
        for name, (text, _) in artifact.rows.items():
            self.writers[name].write_rendered(text)

    def close(self) -> None:
        self.outputs.close_files(*self.writers)


class SqliteSink(Sink):
    """lvpress.sqlite. A re-run updates the previous database's per-document tables with
    the rows that changed instead of loading every row again; closing starts the background
    load of the streamed CSV files, which overlaps the cross-document stage, and ``finish``
    waits for it and moves the database into place."""

    def __init__(self, staging: Path, previous: Path | None, reuse_key: str):
        self.builder = SqliteBuilder(staging, previous, reuse_key)

    def add(self, artifact: Artifact) -> None:
        if not artifact.reused or not self.builder.keep(artifact.doc_id):
            self.builder.add(artifact.rows)

    def close(self) -> None:
        self.builder.start([name for name, _, _ in STREAMED])

    def load(self, name: str) -> None:
        """A further CSV file, complete: loaded in the background meanwhile."""
        self.builder.load(name)

    def finish(self) -> None:
        self.builder.finish()

    def report(self) -> dict:
        return self.builder.report()

    def abort(self) -> None:
        self.builder.abort()


class CorpusSink(Sink):
    """The cross-document tables: projects.csv and the tables linked to it (money, events,
    people), decided across every document at the end.

    Each document's summary stays in memory (about 6 KB); its slim result, four times
    bigger, waits on disk, so memory stays flat however many documents come. ``loaded``
    hears of each table as it is written (SQLite loads it while the next is written)."""

    def __init__(self, outputs: OutputSet, loaded: Callable[[str], None], timer: Timer):
        self.outputs = outputs
        self.loaded = loaded
        self.timer = timer
        self.slim = Spill(outputs.staging / ".slim-results")
        self.summaries = []
        self.counts: dict[str, int] = {}

    def add(self, artifact: Artifact) -> None:
        if artifact.entry is not None:
            self.summaries.append(artifact.entry.summary.interned())
            self.slim.add(artifact.entry.slim)

    def close(self) -> None:
        t = time.perf_counter()
        project_rows, linked, conflicts = consolidate(self.slim, self.summaries)
        t = self.timer.add("consolidate", t)
        self.counts["projects.csv"] = self.outputs.write_csv("projects.csv", PROJECT_COLUMNS, project_rows)
        self.loaded("projects.csv")
        self.counts["conflict_values.csv"] = self.outputs.write_csv("conflict_values.csv", CONFLICT_COLUMNS,
                                                                    conflict_rows(conflicts))
        self.loaded("conflict_values.csv")
        self.counts.update(self.outputs.write_tables(LINKED_TABLES, linked))
        self.slim.close()
        for name, _, _ in LINKED_TABLES:
            self.loaded(name)
        self.timer.add("write", t)

    def abort(self) -> None:
        self.slim.close()


class ReportSink(Sink):
    """run.json: rows per file, mentions per label and the failed documents, counted as the
    documents pass, with what the rest of the run reports about itself: the cache, the
    duplicates, the SQLite and cross-document sinks, the skipped files, the reviews."""

    def __init__(self, outputs: OutputSet, head: dict, timer: Timer, started: float, *, config, cache,
                 duplicates, sqlite: SqliteSink, corpus: CorpusSink, skipped: list, applier):
        self.outputs = outputs
        self.head = head  # what is known before the first document: versions, model, config
        self.timer = timer
        self.started = started
        self.config, self.cache, self.duplicates = config, cache, duplicates
        self.sqlite, self.corpus = sqlite, corpus
        self.skipped = skipped  # filled while the input is read
        self.applier = applier
        self.counts = Counter()
        self.labels = Counter()
        self.failed: list[dict] = []
        self.summary: dict = {}

    def add(self, artifact: Artifact) -> None:
        for name, (_, n) in artifact.rows.items():
            self.counts[name] += n
        if artifact.entry is not None:
            self.labels.update(artifact.entry.labels)
            document = artifact.entry.document
            if document.status != "ok":
                self.failed.append({"doc_id": document.doc_id, "source": document.source, "error": document.error})

    def nothing_read(self) -> bool:
        return self.counts["documents.csv"] == len(self.failed)

    def close(self) -> None:
        self.summary = self._summary()
        self.outputs.write_json("run.json", self.summary)

    def _summary(self) -> dict:
        total = self.counts["documents.csv"]
        counts = Counter(self.counts)
        counts.update(self.corpus.counts)
        summary = {
            **self.head,
            "started": time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(self.started)),
            "seconds": round(time.time() - self.started, 3),
            "documents": {"total": total, "ok": total - len(self.failed), "error": len(self.failed)},
            "counts": dict(sorted(counts.items())),
            "mentions_by_label": dict(sorted(self.labels.items())),
            "cache": {"dir": str(self.cache.root), "hits": self.cache.hits,
                      "computed": total - self.cache.hits - self.duplicates.n_copies},
            "sqlite": self.sqlite.report(),
            "workers": self.config.n_workers, "engine": self.config.engine,
            "peak_rss_mb": peak_rss_mb(),
            "stage_seconds": {k: round(v, 3) for k, v in sorted(self.timer.items())},
            "failed": self.failed,
            "skipped": [{"source": f.source, "reason": f.reason} for f in self.skipped],
        }
        if self.applier is not None:
            summary["reviews"] = {"file": str(self.config.reviews), **self.applier.report()}
        return summary


def peak_rss_mb() -> dict:
    """Peak resident memory of this process and of the largest worker, in MiB.

    On Linux the main figure is VmHWM, this process's own peak: getrusage's ru_maxrss
    survives exec, so a big parent (a notebook, the benchmark) would be reported instead."""
    import resource
    import sys

    scale = 1 / 1024 if sys.platform != "darwin" else 1 / 1024 / 1024
    main = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale
    try:
        status = Path("/proc/self/status").read_text()
        main = int(next(ln.split()[1] for ln in status.splitlines() if ln.startswith("VmHWM:"))) / 1024
    except (OSError, StopIteration, ValueError):
        pass
    return {"main": round(main, 1),
            "workers": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale, 1)}
