"""The per-document stages in order: segment, published date and title, the Latvian model,
then the extractors. A failure on one document becomes its error row, never a crash.

Everything here shapes a document's cached result (see config.rules_fingerprint); the
runner and the engines only decide where and when it runs.
"""
from __future__ import annotations

import dataclasses
import logging
import time
import traceback
from collections import defaultdict

from ..model.nlp import annotate_many
from ..records import Document, DocResult
from .extract import DocContext, get_extractor
from .published import detect_published, detect_title
from .segment import segment
from .summary import document_profile

log = logging.getLogger(__name__)


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
    return process_documents([doc], nlp, extractor_names, timer)[0]


def process_documents(docs: list[Document], nlp, extractor_names: list[str],
                      timer: Timer | None = None, nlp_cache=None) -> list[DocResult]:
    """The per-document stages for a batch: the model runs once over all their sentences
    (spaCy is fastest on large batches) except those in ``nlp_cache`` (an AnnotationCache),
    then the extractors run document by document."""
    timer = timer if timer is not None else Timer()
    t = time.perf_counter()
    prepared: list[tuple[Document, list] | DocResult] = []
    for doc in docs:
        if doc.status != "ok":
            prepared.append(DocResult(doc))
            continue
        try:
            sentences = segment(doc.doc_id, doc.text)
            doc = dataclasses.replace(doc, published=detect_published(doc, sentences),
                                      title=str(doc.meta.get("title") or detect_title(doc, sentences)))
            prepared.append((doc, sentences))
        except Exception as e:  # a bug on one document must not lose the others
            prepared.append(_internal_error(doc, e))
    t = timer.add("segment", t)
    annotations: dict[str, list | Exception] = {}
    if nlp is not None:
        annotations = _annotate(nlp, [p for p in prepared if isinstance(p, tuple)], nlp_cache)
        t = timer.add("nlp", t)
    results = []
    for p in prepared:
        if isinstance(p, DocResult):
            results.append(p)
            continue
        doc, sentences = p
        if isinstance(annotations.get(doc.doc_id), Exception):
            results.append(_internal_error(doc, annotations[doc.doc_id], "while the model ran"))
            continue
        try:
            ctx = DocContext(doc, sentences, annotations.get(doc.doc_id))
            for name in extractor_names:
                get_extractor(name)(ctx)
                t = timer.add(f"extract:{name}", t)
        except Exception as e:
            results.append(_internal_error(doc, e))
            continue
        mentions = sorted(ctx.mentions, key=lambda m: (m.start, m.end, m.label))
        result = DocResult(doc, sentences, mentions, ctx.money, ctx.events, ctx.people)
        result.profile = document_profile(result)
        results.append(result)
    return results


def _annotate(nlp, todo: list[tuple[Document, list]], nlp_cache) -> dict[str, list | Exception]:
    """The model's annotations per document id; where the model fails on a batch, each
    document runs alone, and the one it fails on gets its exception instead of the batch."""

    try:
        return {doc.doc_id: ann for (doc, _), ann in zip(todo, annotate_many(nlp, todo, cache=nlp_cache))}
    except Exception as e:
        if len(todo) == 1:
            return {todo[0][0].doc_id: e}
    out: dict[str, list | Exception] = {}
    for pair in todo:
        try:
            out[pair[0].doc_id] = annotate_many(nlp, [pair], cache=nlp_cache)[0]
        except Exception as e:
            out[pair[0].doc_id] = e
    return out


def _internal_error(doc: Document, e: Exception, where: str = "while processing") -> DocResult:
    log.error("%s: internal error %s: %s\n%s", doc.source, where, e,
              "".join(traceback.format_exception(type(e), e, e.__traceback__)))
    return DocResult(dataclasses.replace(doc, status="error",
                                         error=f"internal error {where}: {type(e).__name__}: {e}"))
