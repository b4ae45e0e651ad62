"""Inputs that are one release: the same bytes twice, or the same text republished with
another header or footer.

A byte-identical copy (same ``doc_id``) is processed once: the copy keeps its row in
documents.csv, with ``duplicate_of`` naming the first one's source, and has no facts of its
own. A near-duplicate (word-shingle Jaccard similarity of its text at least
``NEAR_THRESHOLD``, estimated with MinHash) is processed as usual, but documents.csv names
the first document of its group in ``near_duplicate_of``: consolidation gives the group one
vote, and the SQLite views and the notebook leave its rows out of sums and counts.
"""
from __future__ import annotations

import csv
import functools
import io

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from ..records import DocResult, Document
from ..rules.project_names import WORD
from .csv_files import render
from .tables import DOCUMENT_COLUMNS

NEAR_THRESHOLD = 0.8
SHINGLE_WORDS = 4
NUM_PERM = 64
SCHEME = "affine32"  # datasketch's MinHash scheme, named: signatures are stored and compared later


@functools.cache
def _permutations():
    """Drawn once: drawing them costs more than hashing a document's shingles."""
    return MinHash(num_perm=NUM_PERM, scheme=SCHEME).permutations


def signature(result: DocResult) -> bytes:
    """MinHash of the word shingles of a document's text, site furniture left out; empty for
    a document without text."""
    text = result.document.text
    words = [w for s in result.sentences if not s.furniture for w in WORD.findall(text[s.start:s.end].casefold())]
    if not words:
        return b""
    shingles = {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(max(1, len(words) - SHINGLE_WORDS + 1))}
    m = MinHash(num_perm=NUM_PERM, permutations=_permutations(), scheme=SCHEME)
    m.update_batch(s.encode() for s in shingles)
    return m.hashvalues.astype("<u8").tobytes()


def _minhash(sig: bytes) -> LeanMinHash:
    return LeanMinHash(seed=1, hashvalues=np.frombuffer(sig, dtype="<u8"), scheme=SCHEME)


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two documents' word shingles."""
    return _minhash(a).jaccard(_minhash(b))


class Duplicates:
    """Tells, in input order, which documents repeat one read before.

    ``see`` each document as it is read; ``copy_of`` then names the first source of
    byte-identical inputs for the later ones, and ``mark`` each processed document as it is
    written: it returns the rows to write, with ``near_duplicate_of`` set and
    ``summary.near_duplicate_of`` the group's first ``doc_id`` when the document repeats an
    earlier one. A document is compared with the first document of each group only, so a
    corpus of many republished releases costs a comparison per group, not per document seen.
    Kept per document: its documents.csv row and its group (a few hundred bytes)."""

    def __init__(self):
        self.first: dict[str, str] = {}  # doc_id -> source of the first input with these bytes
        self.copies: dict[int, str] = {}  # id() of a copy read but not yet written -> the first's source
        self.rows: dict[str, str] = {}  # doc_id -> its rendered documents.csv row, for its copies
        self.leaders: dict[str, object] = {}  # doc_id of a group's first document -> its MinHash
        self.group: dict[str, tuple[int, str, str]] = {}  # doc_id -> (order, first doc_id, first source)
        self.lsh = MinHashLSH(threshold=NEAR_THRESHOLD, num_perm=NUM_PERM)
        self.n_copies = 0

    def see(self, doc: Document) -> None:
        if doc.status != "ok":
            return
        if doc.doc_id in self.first:
            self.copies[id(doc)] = self.first[doc.doc_id]
        else:
            self.first[doc.doc_id] = doc.source

    def copy_of(self, doc: Document) -> str | None:
        """The source of the first input with the same bytes, when ``doc`` is a later one."""
        return self.copies.get(id(doc))

    def copy_rows(self, doc: Document) -> dict[str, tuple[str, int]]:
        """A copy's rows: the first one's documents.csv row under its own source."""
        first = self.copies.pop(id(doc))
        self.n_copies += 1
        row = {**_row(self.rows[doc.doc_id]), "source": doc.source, "duplicate_of": first}
        return {"documents.csv": render(DOCUMENT_COLUMNS, [row])}

    def mark(self, entry) -> dict[str, tuple[str, int]]:
        """The rows to write for a processed document (a ``cache.CacheEntry``)."""
        doc_id = entry.document.doc_id
        rows = entry.rows
        if entry.signature:
            minhash = _minhash(entry.signature)
            earlier = [self.group[d] for d in self.lsh.query(minhash)
                       if self.leaders[d].jaccard(minhash) >= NEAR_THRESHOLD]
            if earlier:
                self.group[doc_id] = min(earlier)
                _, first_id, first_source = self.group[doc_id]
                entry.summary.near_duplicate_of = first_id
                row = {**_row(rows["documents.csv"][0]), "near_duplicate_of": first_source}
                rows = {**rows, "documents.csv": render(DOCUMENT_COLUMNS, [row])}
            else:  # the first of a new group: later documents are compared with it
                self.group[doc_id] = (len(self.leaders), doc_id, entry.document.source)
                self.leaders[doc_id] = minhash
                self.lsh.insert(doc_id, minhash)
        self.rows[doc_id] = rows["documents.csv"][0]
        return rows


def _row(rendered: str) -> dict:
    return next(csv.DictReader(io.StringIO(rendered), fieldnames=DOCUMENT_COLUMNS))
