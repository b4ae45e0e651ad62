"""Per-document cache: re-runs redo only the documents that changed.

A result is stored under a key made of the document's content hash (its doc_id) and the
versions that produced it: lvpress, the rules, the extractor list and the model (its name,
version and a hash of its files, which changes whenever it is retrained). Change any of
them and the affected results are recomputed; nothing else is. Entries are zlib-compressed
pickles written atomically, so a killed run leaves no half-written entry.

An entry holds what a re-run writes, ready to write: the document's CSV rows already
rendered, its consolidation summary, the slim result the cross-document tables need
(pickled: it is spilled to disk as is), and the full result compressed apart,
decompressed only when reviews are applied or the file has moved. A re-run of 10,000
cached documents is then mostly file copying.
"""
from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import sys
import tempfile
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .. import records
from ..model import nlp
from ..outputs import csv_files, duplicates, tables
from ..outputs.csv_files import render
from ..outputs.duplicates import signature
from ..outputs.tables import DOCUMENT_COLUMNS, MENTION_COLUMNS, SENTENCE_COLUMNS, document_rows, mention_rows, sentence_rows
from ..records import DocResult, Document
from ..rules.summary import Summary

STREAMED = (("documents.csv", DOCUMENT_COLUMNS, document_rows), ("sentences.csv", SENTENCE_COLUMNS, sentence_rows),
            ("mentions.csv", MENTION_COLUMNS, mention_rows))


def versions_key(lvpress_version: str, rules_version: str, extractors: list[str], model_meta: dict) -> str:
    parts = [lvpress_version, rules_version, ",".join(extractors), entry_code_key(),
             model_meta.get("name", ""), model_meta.get("version", ""), model_meta.get("fingerprint", "")]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def entry_code_key() -> str:
    """Hash of the code outside the rules wing that shapes an entry: the whole ingest wing (the
    document as read), the model's annotations as the rules see them, the records, and their
    rendering into rows and the near-duplicate signature here (the rules wing is
    config.rules_fingerprint's)."""

    pipeline = Path(records.__file__).parent
    files = [Path(m.__file__) for m in (records, nlp, duplicates, tables, csv_files, sys.modules[__name__])]
    files += sorted((pipeline / "ingest").glob("*.py"))
    # the code that turns text into the annotations the rules read, by path: importing the
    # Stanza lemmatizer's module would import PyTorch
    files += [pipeline / "model" / name for name in ANNOTATING_CODE]
    h = hashlib.sha256()
    for path in files:
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


# the model wing's modules that shape annotations (tokens, lemmas, UPOS, entities); training
# and evaluation code is left out: editing it keeps the cache
ANNOTATING_CODE = ("lv_tokenizer.py", "e5_file.py", "accurate_ner.py", "stanza_lemma.py")


@dataclass
class CacheEntry:
    """One processed document as the sinks need it and the cache stores it: the typed result
    (``DocResult``, whole and slim), its consolidation summary, and its streamed rows rendered
    once (the rendering is the cache's optimisation: a re-run copies text)."""

    document: Document
    rows: dict[str, tuple[str, int]]  # streamed CSV -> (rendered rows, row count)
    labels: dict[str, int]  # mentions per label, for run.json
    summary: Summary  # what the document brings to consolidation's decisions
    slim: bytes  # the result as the cross-document tables need it (DocResult.slim), pickled: spilled as is
    packed: bytes  # the full DocResult, pickled (the entry as a whole is compressed)
    signature: bytes = b""  # duplicates.signature: tells near-duplicates apart

    @classmethod
    def of(cls, result: DocResult) -> "CacheEntry":
        rows = {name: render(columns, fn([result])) for name, columns, fn in STREAMED}
        return cls(result.document if not result.document.text else dataclasses.replace(result.document, text=""),
                   rows, dict(Counter(m.label for m in result.mentions)), Summary.of(result),
                   pickle.dumps(result.slim(), protocol=pickle.HIGHEST_PROTOCOL),
                   zlib.compress(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL), 1), signature(result))

    def result(self) -> DocResult:
        return pickle.loads(zlib.decompress(self.packed))

    def moved(self, doc: Document) -> "CacheEntry":
        """This entry for the same content under another name or metadata (rows carry them)."""
        result = self.result()
        result.document = dataclasses.replace(result.document, source=doc.source, meta=doc.meta)
        return CacheEntry.of(result)

    def pack(self) -> bytes:
        """The cache file's bytes; workers make them, so the runner only writes them.

        The full result goes after the rest, compressed on its own: a re-run reads every
        entry but seldom needs the full result, so it never decompresses it."""
        head = zlib.compress(pickle.dumps(dataclasses.replace(self, packed=b""), protocol=pickle.HIGHEST_PROTOCOL), 1)
        return len(head).to_bytes(4, "little") + head + self.packed

    @staticmethod
    def unpack(blob: bytes) -> "CacheEntry":
        n = int.from_bytes(blob[:4], "little")
        entry = pickle.loads(zlib.decompress(blob[4:4 + n]))
        if not isinstance(entry, CacheEntry):
            raise TypeError("cache entry of an older lvpress")
        entry.packed = blob[4 + n:]
        return entry


class DocCache:
    def __init__(self, root: Path, versions: str):
        self.root = Path(root)
        self._root = str(self.root)
        self.versions = versions
        self.hits = 0
        self.misses = 0

    def _path(self, doc_id: str) -> str:
        # a str, not a Path: pathlib costs as much as a small read, twice per document of a re-run
        return os.path.join(self._root, doc_id[:2], f"{doc_id}-{self.versions}.pkl.z")

    def has(self, doc: Document) -> bool:
        """Whether an entry for this content exists: a cheap look that reads nothing."""
        return os.path.exists(self._path(doc.doc_id))

    def get(self, doc: Document) -> CacheEntry | None:
        """The cached entry for this document content, as stored: its rows name the source it
        was made for (see ``CacheEntry.moved``)."""
        try:
            with open(self._path(doc.doc_id), "rb") as f:
                entry = CacheEntry.unpack(f.read())
        except (OSError, zlib.error, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ImportError):
            self.misses += 1
            return None
        self.hits += 1
        return entry

    def put(self, entry: CacheEntry, blob: bytes | None = None) -> None:
        """Store an entry; ``blob`` is its ``pack()``, when already made."""
        if entry.document.status != "ok":
            return  # a broken file may be fixed in place; always retry it
        path = self._path(entry.document.doc_id)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(blob if blob is not None else entry.pack())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
