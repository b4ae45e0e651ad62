"""The slim results of a run, kept on disk instead of in memory until the cross-document
stages read them.

The money, events and people tables need every document's slim result once consolidation
has decided across all of them (the runner decides from the summaries the cache entries
carry). In memory the results cost about 24 KB per document, 2.4 GB for 100,000
documents; pickled in a file, about 5 KB of disk each, read back one at a time.
"""
from __future__ import annotations

import pickle
from collections.abc import Iterator
from pathlib import Path

from ..records import DocResult


class Spill:
    """Pickled results appended to one file and read back in order, as often as needed."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._file = open(self.path, "wb")
        self._count = 0

    def add(self, pickled: bytes) -> None:
        """One result, as ``pickle.dumps`` made it (cache entries hold it so)."""
        self._file.write(pickled)
        self._count += 1

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[DocResult]:
        self._file.flush()
        with open(self.path, "rb") as f:
            for _ in range(self._count):  # pickles end themselves: no lengths needed
                yield pickle.load(f)

    def close(self) -> None:
        """Close and remove the file; safe to call twice."""
        self._file.close()
        self.path.unlink(missing_ok=True)
