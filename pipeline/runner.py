"""Extract facts from Latvian press releases into the contract's CSV files.

Reads a file, a folder (recursively: .txt, .md, .html, .htm, .jsonl) or a JSONL file of
{"id", "text", ...} records and writes documents.csv, sentences.csv, mentions.csv,
money.csv and run.json into the output folder. Offsets index the text as read after
decoding (for HTML: the extracted text).

Exit status: 0 every document was processed, 1 some documents failed (see the error
column of documents.csv and "failed" in run.json), 2 usage error or fatal problem.
"""
from __future__ import annotations

import dataclasses
import logging
import sys
import time
import traceback
from collections import Counter, defaultdict
from pathlib import Path

from . import __version__
from .config import RULES_VERSION, RunConfig, add_config_arguments, config_from_args
from .consolidate import consolidate
from .people import link_people
from .emit import (DOCUMENT_COLUMNS, EVENT_COLUMNS, MENTION_COLUMNS, MONEY_COLUMNS, PEOPLE_COLUMNS,
                   PROJECT_COLUMNS, SENTENCE_COLUMNS, document_rows, event_rows, mention_rows, money_rows,
                   people_rows, sentence_rows, write_csv, write_json)
from .extract import DocContext, get_extractor
from .ingest import read_documents
from .published import detect_published, detect_title
from .records import Document, DocResult
from .segment import segment

log = logging.getLogger(__name__)


def add_arguments(parser) -> None:
    add_config_arguments(parser)


class Timer(defaultdict):
    """Seconds spent per stage, summed over documents."""

    def __init__(self):
        super().__init__(float)

    def add(self, stage: str, since: float) -> float:
        now = time.perf_counter()
        self[stage] += now - since
        return now


def process_document(doc: Document, nlp, extractor_names: list[str], timer: Timer | None = None) -> DocResult:
    """All per-document stages for one document; a failure becomes an error row, not a crash."""
    timer = timer if timer is not None else Timer()
    if doc.status != "ok":
        return DocResult(doc)
    t = time.perf_counter()
    try:
        sentences = segment(doc.doc_id, doc.text)
        doc = dataclasses.replace(doc, published=detect_published(doc, sentences),
                                  title=str(doc.meta.get("title") or detect_title(doc, sentences)))
        t = timer.add("segment", t)
        annotated = None
        if nlp is not None:
            from .nlp import annotate

            annotated = annotate(nlp, doc.text, sentences)
            t = timer.add("nlp", t)
        ctx = DocContext(doc, sentences, annotated)
        for name in extractor_names:
            get_extractor(name)(ctx)
            t = timer.add(f"extract:{name}", t)
    except Exception as e:  # a bug on one document must not lose the others
        log.error("%s: internal error: %s\n%s", doc.source, e, traceback.format_exc())
        return DocResult(dataclasses.replace(doc, status="error",
                                             error=f"internal error while processing: {type(e).__name__}: {e}"))
    mentions = sorted(ctx.mentions, key=lambda m: (m.start, m.end, m.label))
    return DocResult(doc, sentences, mentions, ctx.money, ctx.events, ctx.people, ctx.notes, ctx.extras)


def run(config: RunConfig) -> dict:
    """Process every input document and write the outputs; returns the run summary."""
    from .nlp import load_model, model_info

    started = time.time()
    timer = Timer()
    extractor_names = config.extractor_names
    for name in extractor_names:
        get_extractor(name)  # fail fast on a typo, before reading thousands of files
    t = time.perf_counter()
    nlp = load_model(config.model)
    t = timer.add("load_model", t)
    results: list[DocResult] = []
    docs = read_documents(Path(config.input), config.max_chars)
    progress = None
    if not config.quiet:
        from tqdm import tqdm

        progress = tqdm(desc="documents", unit="doc", file=sys.stderr, disable=None)
    while True:
        t = time.perf_counter()
        doc = next(docs, None)
        t = timer.add("ingest", t)
        if doc is None:
            break
        results.append(process_document(doc, nlp, extractor_names, timer))
        if progress is not None:
            progress.update(1)
    if progress is not None:
        progress.close()

    t = time.perf_counter()
    project_rows, results = consolidate(results)
    results = link_people(results)
    t = timer.add("consolidate", t)
    out = Path(config.out)
    counts = {
        "documents.csv": write_csv(out / "documents.csv", DOCUMENT_COLUMNS, document_rows(results)),
        "sentences.csv": write_csv(out / "sentences.csv", SENTENCE_COLUMNS, sentence_rows(results)),
        "mentions.csv": write_csv(out / "mentions.csv", MENTION_COLUMNS, mention_rows(results)),
        "money.csv": write_csv(out / "money.csv", MONEY_COLUMNS, money_rows(results)),
        "events.csv": write_csv(out / "events.csv", EVENT_COLUMNS, event_rows(results)),
        "projects.csv": write_csv(out / "projects.csv", PROJECT_COLUMNS, project_rows),
        "people.csv": write_csv(out / "people.csv", PEOPLE_COLUMNS, people_rows(results)),
    }
    timer.add("emit", t)
    failed = [{"doc_id": r.document.doc_id, "source": r.document.source, "error": r.document.error}
              for r in results if r.document.status != "ok"]
    summary = {
        "lvpress_version": __version__,
        "rules_version": RULES_VERSION,
        "model": model_info(nlp),
        "config": config.as_dict(),
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(started)),
        "seconds": round(time.time() - started, 3),
        "documents": {"total": len(results), "ok": len(results) - len(failed), "error": len(failed)},
        "counts": counts,
        "mentions_by_label": dict(sorted(Counter(m.label for r in results for m in r.mentions).items())),
        "stage_seconds": {k: round(v, 3) for k, v in sorted(timer.items())},
        "failed": failed,
    }
    write_json(out / "run.json", summary)
    return summary


def main(args) -> int:
    from .nlp import ModelError

    config = config_from_args(args)
    try:
        summary = run(config)
    except (FileNotFoundError, ModelError, ValueError) as e:
        log.error("%s", e)
        return 2
    docs = summary["documents"]
    if not config.quiet:
        print(f"{docs['total']} documents: {docs['ok']} ok, {docs['error']} failed; "
              f"{summary['counts']['mentions.csv']} mentions, {summary['counts']['money.csv']} money facts "
              f"-> {config.out}", file=sys.stderr)
        for f in summary["failed"][:20]:
            print(f"  failed: {f['source']}: {f['error']}", file=sys.stderr)
        if len(summary["failed"]) > 20:
            print(f"  ... and {len(summary['failed']) - 20} more (see run.json)", file=sys.stderr)
    return 1 if docs["error"] else 0
