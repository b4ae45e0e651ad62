"""Extract facts from Latvian press releases into the contract's CSV files.

Reads a file, a folder (recursively: .txt, .md, .html, .htm, .pdf, .docx, .odt, .jsonl;
other files are listed as skipped in run.json) or a JSONL file of {"id", "text", ...}
records and writes documents.csv, sentences.csv, mentions.csv, money.csv, events.csv,
projects.csv, conflict_values.csv, people.csv, lvpress.sqlite and run.json into the output
folder. Offsets index the text as read after decoding (for HTML, PDF, Word and OpenDocument:
the extracted text).
Re-runs reuse the per-document cache; `lvpress review OUT` builds the audit page.

Exit status: 0 every document was processed, 1 some documents failed (see the error
column of documents.csv and "failed" in run.json), 2 usage error, no readable document
or fatal problem (OUT is left as it was), 130 interrupted (the previous outputs stay as
they were; a re-run reuses the cache).
"""
from __future__ import annotations

import gc
import logging
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..config import RULES_VERSION, RunConfig, add_config_arguments, config_from_args, rules_fingerprint
from ..ingest.ingest import READS, count_documents, read_documents
from ..model.nlp import ModelError, model_identity, resolve_model
from ..outputs.csv_files import OutputSet
from ..outputs.duplicates import Duplicates
from ..outputs.out_lock import OutputLocked, output_lock
from ..outputs.sqlite_export import DB_NAME, reuse_key
from ..records import Document
from ..rules.extract import plan
from ..rules.process import Timer
from .cache import CacheEntry, DocCache, versions_key
from .engines import batched, make_engine
from .sinks import Artifact, CorpusSink, CsvSink, ReportSink, Sink, SqliteSink

log = logging.getLogger(__name__)

LOOKAHEAD_CHARS = 20_000_000  # text read ahead of the writing: about 40 MB, 5,000 documents


def add_arguments(parser) -> None:
    add_config_arguments(parser)


@contextmanager
def _rare_garbage_collection():
    """The runner keeps a summary of every document for consolidation, hundreds of thousands
    of small objects alive at once, which Python's cycle collector would walk again and again
    (about 8% of a 20,000-document re-run). They hold no reference cycles, so it runs a
    hundred times less often."""
    before = gc.get_threshold()
    gc.set_threshold(100_000, 50, 1000)
    try:
        yield
    finally:
        gc.set_threshold(*before)


@_rare_garbage_collection()
def run(config: RunConfig) -> dict:
    """Run the pipeline as `lvpress run` does, holding OUT's lock (one run per folder)."""

    with output_lock(Path(config.out), config.wait):
        return _run(config)


def _run(config: RunConfig) -> dict:
    """Process every input document and write the outputs; returns the run summary.

    Documents go to the engine in tasks of ``batch_size``, a bounded number in flight; as
    tasks complete, each document's artifact goes to the sinks in input order (see
    ``sinks``), and only slim results are kept, on disk, for the cross-document stage.
    """

    started = time.time()
    extractor_names = plan(config.extractor_names)  # fails fast, before reading thousands of files
    if not Path(config.input).exists():
        raise FileNotFoundError(f"input not found: {config.input}")
    resolve_model(config.model_spec)  # a wrong --model fails here, before any worker starts
    applier = _review_applier(config)
    out = Path(config.out)
    had_review = (out / "review.html").exists()
    cache_root = Path(config.cache_dir) if config.cache_dir else out / ".cache"
    # the model's output is cached apart from the rules' results (a rules change reuses it);
    # not for a remote Dask cluster, whose workers do not see this machine's folders
    nlp_cache = "" if config.scheduler else str(cache_root / "nlp")
    engine = make_engine(config.engine, config.model_spec, extractor_names, config.n_workers, config.scheduler,
                         nlp_cache=nlp_cache, refresh=config.no_cache)
    # forked now, while this process is small; the workers load the model at the first
    # document that is not cached (the reading runs ahead to it, so the load overlaps the
    # writing of cached entries), and a re-run with nothing new loads no model
    engine.start()
    run = Run(config, engine, applier)
    try:
        run.open(extractor_names, cache_root, started)
        run.write(read_documents(Path(config.input), config.max_chars, exclude=(out, cache_root),
                                 skipped=run.skipped))
        summary = run.finish()
        if had_review:
            _rewrite_review(out)
    except BaseException:
        engine.close(abort=True)
        run.abort()
        raise
    finally:
        run.close_progress()
    return summary


@dataclass(slots=True)
class Pending:
    """A batch read and handed to the engine, waiting for its turn to be written."""

    documents: list[Document]
    hits: list[bool]  # which are in the cache: their entries are read when their turn comes
    tasks: list  # the engine's tasks computing the others
    chars: int  # characters of text the batch holds


class Lookahead:
    """The batches between their reading and their writing, in input order.

    The reading runs ahead of the writing, so new documents reach the workers while the
    cached ones before them are written; it stops when more batches wait on tasks than the
    engine keeps in flight, or when the text held passes LOOKAHEAD_CHARS."""

    def __init__(self, capacity: int):
        self.capacity = capacity
        self.batches: deque[Pending] = deque()
        self.busy = 0  # batches with tasks
        self.held = 0  # characters of text

    def push(self, batch: Pending) -> None:
        self.batches.append(batch)
        self.busy += bool(batch.tasks)
        self.held += batch.chars

    def full(self) -> bool:
        return self.busy > self.capacity or self.held > LOOKAHEAD_CHARS

    def pop(self) -> Pending:
        batch = self.batches.popleft()
        self.busy -= bool(batch.tasks)
        self.held -= batch.chars
        return batch

    def __bool__(self) -> bool:
        return bool(self.batches)


class Artifacts:
    """Each document's artifact, obtained in input order: its cache entry, the workers'
    result or one computed on the spot (an entry that could not be read after all), renamed
    when the same content comes under another name, reviewed when reviews are given."""

    def __init__(self, engine, cache: DocCache, applier, use_cache: bool, timer: Timer):
        self.engine, self.cache, self.applier, self.use_cache, self.timer = engine, cache, applier, use_cache, timer
        self.duplicates = Duplicates()

    def submit(self, batch: list[Document]) -> Pending:
        """Only whether a document is cached is looked up here: its entry is read when its
        turn to be written comes, so reading runs ahead to the new documents and the
        workers compute them while the cached ones are written."""
        for d in batch:
            self.duplicates.see(d)
        hits = [self.use_cache and d.status == "ok" and self.cache.has(d) for d in batch]
        todo = [d for d, hit in zip(batch, hits) if not hit and self.duplicates.copy_of(d) is None]
        # a batch's new documents are shared evenly among the workers: a re-run's few too
        share = -(-len(todo) // self.engine.workers) if todo else 1
        tasks = [self.engine.submit(part) for part in batched(todo, share)]
        return Pending(batch, hits, tasks, sum(len(d.text) for d in batch))

    def computed(self, batch: Pending) -> Iterator[tuple[bytes, dict]]:
        """The batch's results from the workers, in order, once its tasks are done."""
        t = time.perf_counter()
        done = [pair for task in batch.tasks for pair in task.result()]
        self.timer.add("process", t)
        return iter(done)

    def of(self, doc: Document, hit: bool, computed: Iterator[tuple[bytes, dict]]) -> Artifact:
        if self.duplicates.copy_of(doc) is not None:  # the same bytes again: one row, no facts
            return Artifact(doc.doc_id, self.duplicates.copy_rows(doc), None, reused=False)
        entry, fresh = self._entry(doc, hit, computed)
        if self.applier is not None:  # after the cache: editing reviews never invalidates it
            entry = CacheEntry.of(self.applier.apply(entry.result()))
        rows = self.duplicates.mark(entry)
        return Artifact(doc.doc_id, rows, entry, reused=not fresh and rows is entry.rows)

    def _entry(self, doc: Document, hit: bool, computed: Iterator[tuple[bytes, dict]]) -> tuple[CacheEntry, bool]:
        """The document's entry, and whether its rows differ from the cached ones."""
        t = time.perf_counter()
        entry = self.cache.get(doc) if hit else None
        self.timer.add("read_cache", t)
        if entry is None:
            blob, stage_seconds = next(computed) if not hit else self.engine.submit([doc]).result()[0]
            for k, v in stage_seconds.items():
                self.timer[k] += v
            entry = CacheEntry.unpack(blob)
            self.cache.put(entry, blob)
            return entry, True
        if entry.document.source != doc.source or entry.document.meta != doc.meta:
            return entry.moved(doc), True  # same content under another name
        return entry, self.applier is not None


class Run:
    """One run's state: the documents' way from the input to the sinks, and the outputs."""

    def __init__(self, config: RunConfig, engine, applier):
        self.config, self.engine, self.applier = config, engine, applier
        self.timer = Timer()
        self.skipped: list = []  # filled while the input is read
        self.outputs = self.progress = None
        self.sinks: tuple[Sink, ...] = ()
        self.ingest_since = time.perf_counter()  # the setup before the first batch counts as ingest

    def open(self, extractor_names: list[str], cache_root: Path, started: float) -> None:

        config = self.config
        t = time.perf_counter()
        info = model_identity(config.model_spec)
        self.ingest_since = self.timer.add("model_identity", t)
        fingerprint = rules_fingerprint()  # once: the code may be edited while a long run goes on
        cache = DocCache(cache_root, versions_key(__version__, fingerprint, extractor_names, info))
        self.artifacts = Artifacts(self.engine, cache, self.applier, not config.no_cache, self.timer)
        out = Path(config.out)
        self.outputs = OutputSet(out)
        if not config.quiet:
            self.progress = Progress(count_documents(Path(config.input), (out, cache_root)))
        head = {"lvpress_version": __version__, "rules_version": RULES_VERSION, "rules_fingerprint": fingerprint,
                "model": info, "config": config.as_dict(), "extractors": extractor_names}
        self._open_sinks(head, started)

    def _open_sinks(self, head: dict, started: float) -> None:
        outputs, artifacts = self.outputs, self.artifacts
        self.csv = CsvSink(outputs)
        # a re-run updates the previous database's per-document tables instead of loading them all
        previous = Path(self.config.out) / DB_NAME if artifacts.applier is None else None
        self.sqlite = SqliteSink(outputs.staging, previous, reuse_key(artifacts.cache.versions))
        self.corpus = CorpusSink(outputs, self.sqlite.load, self.timer)
        self.report = ReportSink(outputs, head, self.timer, started, config=self.config, cache=artifacts.cache,
                                 duplicates=artifacts.duplicates, sqlite=self.sqlite, corpus=self.corpus,
                                 skipped=self.skipped, applier=artifacts.applier)
        self.sinks = (self.csv, self.sqlite, self.corpus, self.report)

    def write(self, documents: Iterable[Document]) -> None:
        """Every document to the sinks, in input order, reading ahead as far as allowed."""
        lookahead = Lookahead(self.engine.capacity)
        t = self.ingest_since
        for batch in batched(documents, self.config.batch_size):
            lookahead.push(self.artifacts.submit(batch))
            self.timer.add("ingest", t)
            while lookahead.full():
                self._write(lookahead.pop())
            t = time.perf_counter()
        while lookahead:
            self._write(lookahead.pop())

    def _write(self, batch: Pending) -> None:
        computed = self.artifacts.computed(batch)
        t = time.perf_counter()
        for doc, hit in zip(batch.documents, batch.hits):
            artifact = self.artifacts.of(doc, hit, computed)
            for sink in self.sinks:
                sink.add(artifact)
        self.timer.add("write", t)
        if self.progress is not None:
            self.progress.update(len(batch.documents))

    def finish(self) -> dict:
        """Close the sinks in order, wait for SQLite and swap the outputs into place."""
        if self.report.nothing_read():
            raise NoDocuments(_nothing_read(self.config.input, Path(self.config.out), self.report.failed,
                                            self.skipped))
        t = time.perf_counter()
        self.engine.close()
        self.csv.close()  # the streamed CSVs are complete: SQLite loads them meanwhile
        self.sqlite.close()
        self.timer.add("consolidate", t)  # the cross-document stage's start: the corpus sink adds its own
        self.corpus.close()
        self.report.close()
        t = time.perf_counter()
        self.sqlite.finish()
        summary = self.report.summary
        summary["stage_seconds"]["sqlite_wait"] = round(time.perf_counter() - t, 3)
        self.outputs.commit()
        return summary

    def abort(self) -> None:
        for sink in self.sinks:
            sink.abort()
        if self.outputs is not None:
            self.outputs.abort()

    def close_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()


def _review_applier(config: RunConfig):
    if not config.reviews:
        return None
    # imported only for a run with reviews: it loads the money rules, a re-run pays for it
    from ..outputs.review_decisions import ReviewApplier, load_reviews

    return ReviewApplier(load_reviews(Path(config.reviews)))


class Progress:
    """A progress bar with the total and the time left on a terminal; elsewhere (a log file,
    a CI job) a log line with the same counts every LOG_SECONDS."""

    LOG_SECONDS = 30.0

    def __init__(self, total: int):
        from tqdm import tqdm

        self.bar = tqdm(desc="documents", unit="doc", total=total, file=sys.stderr, disable=None)
        self.total, self.done = total, 0
        self.started = self.logged = time.monotonic()

    def update(self, n: int) -> None:
        self.done += n
        self.bar.update(n)
        now = time.monotonic()
        if self.bar.disable and now - self.logged >= self.LOG_SECONDS:
            self.logged = now
            rate = self.done / max(now - self.started, 1e-9)
            left = max(self.total - self.done, 0) / rate if rate else 0
            log.info("documents: %d/%d (%.1f/s, about %s left)", self.done, self.total, rate,
                     time.strftime("%H:%M:%S", time.gmtime(left)))

    def close(self) -> None:
        self.bar.close()


def _rewrite_review(out: Path) -> None:
    """The review page described the previous outputs: it is written again for these."""
    from ..outputs.review_page import write_review  # only where a page was written before

    try:
        write_review(out)
    except (OSError, ValueError) as e:  # the outputs are in place: the page is not worth failing for
        log.warning("review.html could not be written again (%s): run `lvpress review %s`", e, out)


class NoDocuments(ValueError):
    """The input holds no document lvpress could read: the previous outputs stay."""


def _nothing_read(source: Path, out: Path, failed: list[dict], skipped: list) -> str:
    found = (f"{len(failed)} file(s) could not be read, e.g. {failed[0]['source']}: {failed[0]['error']}"
             if failed else "it holds no files" if not skipped else
             f"{len(skipped)} file(s) of types lvpress does not read, e.g. {skipped[0].source} "
             f"(lvpress reads {READS})")
    return f"no readable documents in {source}: {found}; {out} was left as it was"


def main(args) -> int:

    try:
        config = config_from_args(args)
        summary = run(config)
    except (FileNotFoundError, ModelError, ValueError, OutputLocked) as e:
        log.error("%s", e)
        return 2
    except KeyboardInterrupt:
        log.error("interrupted: the previous outputs in %s are untouched; run the same command again to "
                  "finish (documents done so far are cached)", args.out)
        return 130
    docs, failed = summary["documents"], summary["failed"]
    lines = [f"failed: {f['source']}: {f['error']}" for f in failed[:20]]
    if len(failed) > 20:
        lines.append(f"... and {len(failed) - 20} more (see run.json)")
    if config.quiet:  # no summary, but each failure still said once
        for line in lines:
            log.warning("%s", line)
    else:
        print(f"{docs['total']} documents: {docs['ok']} ok, {docs['error']} failed; "
              f"{summary['counts']['mentions.csv']} mentions, {summary['counts']['money.csv']} money facts"
              f"{', ' + str(len(summary['skipped'])) + ' files skipped' if summary['skipped'] else ''} "
              f"-> {config.out}", file=sys.stderr)
        for line in lines:
            print("  " + line, file=sys.stderr)
    return 1 if docs["error"] else 0
