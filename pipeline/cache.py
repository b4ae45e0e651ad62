"""Per-document cache: re-runs redo only the documents that changed.

A result is stored under a key made of the document's content hash (its doc_id) and the
versions that produced it: lvpress, the rules, the extractor list and the model (its name,
version and a hash of its files, which changes whenever it is retrained). Change any of
them and the affected results are recomputed; nothing else is. Entries are zlib-compressed
pickles written atomically, so a killed run leaves no half-written entry.
"""
from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import tempfile
import zlib
from pathlib import Path

from .records import DocResult, Document


def versions_key(lvpress_version: str, rules_version: str, extractors: list[str], model_meta: dict) -> str:
    parts = [lvpress_version, rules_version, ",".join(extractors),
             model_meta.get("name", ""), model_meta.get("version", ""), model_meta.get("fingerprint", "")]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


class DocCache:
    def __init__(self, root: Path, versions: str):
        self.root = Path(root)
        self.versions = versions
        self.hits = 0
        self.misses = 0

    def _path(self, doc_id: str) -> Path:
        return self.root / doc_id[:2] / f"{doc_id}-{self.versions}.pkl.z"

    def get(self, doc: Document) -> DocResult | None:
        """The cached result for this document content, re-labelled with its current source."""
        path = self._path(doc.doc_id)
        try:
            result: DocResult = pickle.loads(zlib.decompress(path.read_bytes()))
        except (OSError, zlib.error, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
            self.misses += 1
            return None
        self.hits += 1
        result.document = dataclasses.replace(result.document, source=doc.source, meta=doc.meta)
        return result

    def put(self, result: DocResult) -> None:
        if result.document.status != "ok":
            return  # a broken file may be fixed in place; always retry it
        path = self._path(result.document.doc_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(zlib.compress(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL), 1))
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
