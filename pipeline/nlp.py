"""The Latvian spaCy pipeline: loading it from models/ and running it over sentences.

The model is trained by `lvpress train` and loaded from disk only, never from a hub. The
rules work without it (``--model none``): they then use the gazetteer for places and
skip model-based PERSON/ORG mentions.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .records import Sentence

log = logging.getLogger(__name__)


class ModelError(Exception):
    pass


@dataclass(frozen=True)
class Annotated:
    """A sentence and the spaCy Doc of its text; token offsets are ``sentence.start + token.idx``."""

    sentence: Sentence
    doc: Any


def resolve_model_path(path: str) -> Path | None:
    """The model directory that ``--model`` names; None for 'none' or a missing shipped model."""
    if path.lower() == "none":
        return None
    if path.lower() == "auto":
        from .config import shipped_model_path

        p = shipped_model_path()
        if not (p / "config.cfg").exists():
            log.warning("the shipped model is missing (%s): PERSON/ORG come only from rules; "
                        "run `lvpress train` to build it", p)
            return None
        return p
    p = Path(path)
    if not (p / "config.cfg").exists():
        raise ModelError(f"no spaCy pipeline at {p} (config.cfg missing). Train one with "
                         "`lvpress train`, point --model at one, or use --model none for rules only")
    return p


@lru_cache(maxsize=4)
def model_identity(path: str) -> dict:
    """Name, version, components and a hash of every file of the model, read without loading it.

    The hash keys the cache: a retrained model invalidates cached results even when its name
    and version stay the same."""
    p = resolve_model_path(path)
    if p is None:
        return {"name": "none", "version": ""}
    import hashlib
    import json

    meta = json.loads((p / "meta.json").read_text(encoding="utf-8")) if (p / "meta.json").exists() else {}
    h = hashlib.sha256()
    for f in sorted(q for q in p.rglob("*") if q.is_file()):
        h.update(f.relative_to(p).as_posix().encode())
        h.update(f.read_bytes())
    return {"name": f"{meta.get('lang', '')}_{meta.get('name', '')}", "version": meta.get("version", ""),
            "pipeline": list(meta.get("pipeline", [])), "fingerprint": h.hexdigest()[:16]}


@lru_cache(maxsize=4)
def load_model(path: str):
    """The pipeline ``--model`` names, or None for 'none'. Raises ModelError with what to do."""
    p = resolve_model_path(path)
    if p is None:
        return None
    import spacy
    from thinc.api import use_ops
    from threadpoolctl import threadpool_limits

    from . import lv_tokenizer  # noqa: F401  registers the Latvian tokenizer the config names

    # Parallelism comes from --workers (one process per core), so each process gets one BLAS
    # thread; and numpy's OpenBLAS runs this pipeline's small matrix products about twice as
    # fast as thinc's default BLIS on one core (scripts/bench_model.py).
    threadpool_limits(limits=1, user_api="blas")
    with use_ops("numpy", use_blis=False):
        return spacy.load(p)


def annotate_many(nlp, docs: list, batch_size: int = 256) -> list[list[Annotated]]:
    """Run the pipeline once over the real (non-furniture) sentences of many documents.

    ``docs`` holds (Document, sentences) pairs; the result holds one list per document."""
    real = [[s for s in sentences if not s.furniture] for _, sentences in docs]
    texts = (doc.text[s.start:s.end] for (doc, _), sents in zip(docs, real) for s in sents)
    parsed = iter(nlp.pipe(texts, batch_size=batch_size))
    return [[Annotated(s, next(parsed)) for s in sents] for sents in real]
