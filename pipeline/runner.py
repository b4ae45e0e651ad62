"""Extract facts from Latvian press releases into the contract's CSV files.

Reads a file, a folder (recursively: .txt, .md, .html, .htm, .pdf, .docx, .odt, .jsonl;
other files are listed as skipped in run.json) or a JSONL file of {"id", "text", ...}
records and writes documents.csv, sentences.csv, mentions.csv, money.csv, events.csv,
projects.csv, people.csv, lvpress.sqlite and run.json into the output folder. Offsets index
the text as read after decoding (for HTML, PDF, Word and OpenDocument: the extracted text).
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
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

from . import __version__
from .config import RULES_VERSION, RunConfig, add_config_arguments, config_from_args, rules_fingerprint
from .consolidate import consolidate
from .duplicates import Duplicates
from .sqlite_export import DB_NAME, SqliteBuilder, reuse_key
from .emit import LINKED_TABLES, PROJECT_COLUMNS, OutputSet
from .extract import get_extractor
from .ingest import READS, count_documents, read_documents
from .process import Timer
from .spill import Spill

log = logging.getLogger(__name__)

LOOKAHEAD_CHARS = 20_000_000  # text read ahead of the writing: about 40 MB, 5,000 documents


def add_arguments(parser) -> None:
    add_config_arguments(parser)


@contextmanager
def _rare_garbage_collection():
    """The runner keeps a summary of every document for consolidation, hundreds of thousands
    of small objects alive at once: Python's cycle collector would walk them again and again
    (a 20,000-document re-run took 23.3 s instead of 21.5). They hold no reference cycles,
    so it runs a hundred times less often."""
    before = gc.get_threshold()
    gc.set_threshold(100_000, 50, 1000)
    try:
        yield
    finally:
        gc.set_threshold(*before)


@_rare_garbage_collection()
def run(config: RunConfig) -> dict:
    """Run the pipeline as `lvpress run` does, holding OUT's lock (one run per folder)."""
    from .out_lock import output_lock

    with output_lock(Path(config.out), config.wait):
        return _run(config)


def _run(config: RunConfig) -> dict:
    """Process every input document and write the outputs; returns the run summary.

    Documents go to the engine in tasks of ``batch_size``, a bounded number in flight;
    documents, sentences and mentions are streamed to the output in input order as tasks
    complete, and only slim results (money, events, people, project names) are kept, on disk,
    for the cross-document stages.
    """
    from collections import deque

    from .cache import STREAMED, DocCache, Emitted, versions_key
    from .engines import batched, make_engine
    from .nlp import model_identity, resolve_model

    started = time.time()
    timer = Timer()
    extractor_names = config.extractor_names
    for name in extractor_names:
        get_extractor(name)  # fail fast on a typo, before reading thousands of files
    if not Path(config.input).exists():
        raise FileNotFoundError(f"input not found: {config.input}")
    resolve_model(config.model_spec)  # a wrong --model fails here, before any worker starts
    applier = None
    if config.reviews:
        from .reviews import ReviewApplier, load_reviews

        applier = ReviewApplier(load_reviews(Path(config.reviews)))
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
    outputs = sqlite = progress = slim = None
    try:
        t = time.perf_counter()
        info = model_identity(config.model_spec)
        t = timer.add("model_identity", t)
        fingerprint = rules_fingerprint()  # once: the code may be edited while a long run goes on
        cache = DocCache(cache_root, versions_key(__version__, fingerprint, extractor_names, info))
        outputs = OutputSet(out)
        if not config.quiet:
            progress = Progress(count_documents(Path(config.input), (out, cache_root)))
        writers = {name: outputs.writer(name, cols) for name, cols, _ in STREAMED}
        # a re-run updates the previous database's per-document tables instead of loading them all
        sqlite = SqliteBuilder(outputs.staging, out / DB_NAME if not applier else None, reuse_key(cache.versions))
        counts = Counter()
        labels = Counter()
        failed = []
        slim = Spill(outputs.staging / ".slim-results")  # on disk: memory stays flat however many documents
        summaries = []  # in memory: about 6 KB per document (24 KB for a slim result)
        duplicates = Duplicates()
        # batches in input order: ((documents, which are in the cache, engine tasks of the
        # others), characters of text they hold)
        pending: deque = deque()
        busy = held = 0  # pending batches with tasks; characters of text held by pending batches

        def emit(batch, hits, tasks) -> None:
            t = time.perf_counter()
            done = iter([pair for task in tasks for pair in task.result()]) if tasks else iter(())
            t = timer.add("process", t)
            for doc, hit in zip(batch, hits):
                if duplicates.copy_of(doc) is not None:  # the same bytes again: one row, no facts
                    rows = duplicates.copy_rows(doc)
                    sqlite.add(rows)
                    writers["documents.csv"].write_rendered(rows["documents.csv"][0])
                    counts["documents.csv"] += 1
                    continue
                t_read = time.perf_counter()
                entry = cache.get(doc) if hit else None
                timer.add("read_cache", t_read)
                fresh = entry is None or applier is not None
                if entry is None:
                    # not cached, or an entry that could not be read after all: compute it now
                    blob, stage_seconds = next(done) if not hit else engine.submit([doc]).result()[0]
                    for k, v in stage_seconds.items():
                        timer[k] += v
                    entry = Emitted.unpack(blob)
                    cache.put(entry, blob)
                elif entry.document.source != doc.source or entry.document.meta != doc.meta:
                    entry, fresh = entry.moved(doc), True  # same content under another name
                if applier is not None:  # after the cache: editing reviews never invalidates it
                    entry = Emitted.of(applier.apply(entry.result()))
                rows = duplicates.mark(entry)
                if fresh or rows is not entry.rows or not sqlite.keep(doc.doc_id):
                    sqlite.add(rows)
                for name, (text, n) in rows.items():
                    writers[name].write_rendered(text)
                    counts[name] += n
                labels.update(entry.labels)
                if entry.document.status != "ok":
                    failed.append({"doc_id": entry.document.doc_id, "source": entry.document.source,
                                   "error": entry.document.error})
                summaries.append(entry.summary.interned())
                slim.add(entry.slim)
            timer.add("emit", t)
            if progress is not None:
                progress.update(len(batch))

        skipped: list = []
        documents = read_documents(Path(config.input), config.max_chars, exclude=(out, cache_root), skipped=skipped)
        for batch in batched(documents, config.batch_size):
            # Only whether a document is cached is looked up here: its entry is read when its
            # turn to be written comes, so reading runs ahead to the new documents and the
            # workers compute them while the cached ones are written.
            for d in batch:
                duplicates.see(d)
            hits = [not config.no_cache and d.status == "ok" and cache.has(d) for d in batch]
            todo = [d for d, hit in zip(batch, hits) if not hit and duplicates.copy_of(d) is None]
            # a batch's new documents are shared evenly among the workers: a re-run's few too
            share = -(-len(todo) // engine.workers) if todo else 1
            chars = sum(len(d.text) for d in batch)
            pending.append(((batch, hits, [engine.submit(part) for part in batched(todo, share)]), chars))
            busy += bool(todo)
            held += chars
            timer.add("ingest", t)
            while busy > engine.capacity or held > LOOKAHEAD_CHARS:
                oldest, oldest_chars = pending.popleft()
                busy -= bool(oldest[2])
                held -= oldest_chars
                emit(*oldest)
            t = time.perf_counter()
        while pending:
            emit(*pending.popleft()[0])
        if counts["documents.csv"] == len(failed):
            raise NoDocuments(_nothing_read(config.input, out, failed, skipped))
        t = time.perf_counter()
        engine.close()
        outputs.close_files()  # the streamed CSVs are complete: SQLite loads them meanwhile
        sqlite.start([name for name, _, _ in STREAMED])
        project_rows, linked = consolidate(slim, summaries)
        t = timer.add("consolidate", t)
        counts["projects.csv"] = outputs.write_csv("projects.csv", PROJECT_COLUMNS, project_rows)
        sqlite.load("projects.csv")
        counts.update(outputs.write_tables(LINKED_TABLES, linked))
        slim.close()
        for name, _, _ in LINKED_TABLES:
            sqlite.load(name)
        timer.add("emit", t)
        summary = {
            "lvpress_version": __version__,
            "rules_version": RULES_VERSION,
            "rules_fingerprint": fingerprint,
            "model": info,
            "config": config.as_dict(),
            "started": time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(started)),
            "seconds": round(time.time() - started, 3),
            "documents": {"total": counts["documents.csv"], "ok": counts["documents.csv"] - len(failed),
                          "error": len(failed)},
            "counts": dict(sorted(counts.items())),
            "mentions_by_label": dict(sorted(labels.items())),
            "cache": {"dir": str(cache.root), "hits": cache.hits, "computed": counts["documents.csv"] - cache.hits - duplicates.n_copies},
            "sqlite": sqlite.report(),
            "workers": config.n_workers, "engine": config.engine,
            "peak_rss_mb": peak_rss_mb(),
            "stage_seconds": {k: round(v, 3) for k, v in sorted(timer.items())},
            "failed": failed,
            "skipped": [{"source": s.source, "reason": s.reason} for s in skipped],
        }
        if applier is not None:
            summary["reviews"] = {"file": str(config.reviews), **applier.report()}
        outputs.write_json("run.json", summary)
        outputs.close_files()
        t = time.perf_counter()
        sqlite.finish()
        summary["stage_seconds"]["sqlite_wait"] = round(time.perf_counter() - t, 3)
        outputs.commit()
        if had_review:
            _rewrite_review(out)
    except BaseException:
        engine.close(abort=True)
        if slim is not None:
            slim.close()
        if sqlite is not None:
            sqlite.abort()
        if outputs is not None:
            outputs.abort()
        raise
    finally:
        if progress is not None:
            progress.close()
    return summary


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
    from .review import write_review

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


def peak_rss_mb() -> dict:
    """Peak resident memory of this process and of the largest worker, in MiB.

    On Linux the main figure is VmHWM, this process's own peak: getrusage's ru_maxrss
    survives exec, so a big parent (a notebook, the benchmark) would be reported instead."""
    import resource

    scale = 1 / 1024 if sys.platform != "darwin" else 1 / 1024 / 1024
    main = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale
    try:
        status = Path("/proc/self/status").read_text()
        main = int(next(ln.split()[1] for ln in status.splitlines() if ln.startswith("VmHWM:"))) / 1024
    except (OSError, StopIteration, ValueError):
        pass
    return {"main": round(main, 1),
            "workers": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale, 1)}


def main(args) -> int:
    from .nlp import ModelError
    from .out_lock import OutputLocked

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
