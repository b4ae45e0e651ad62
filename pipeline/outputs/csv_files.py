"""Write the contract's files atomically: CSV text, single files, and the output folder.

Every file is written to a temporary name and moved into place with ``os.replace`` only when
complete, so a crash never leaves a half-written CSV; a run's whole set of files is staged
beside OUT and swapped in at once.
"""
from __future__ import annotations

import csv
import ctypes
import ctypes.util
import io
import itertools
import json
import logging
import operator
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from pathlib import Path

from .out_lock import remove_stale_staging, staging_prefix

log = logging.getLogger(__name__)
OUTPUT_FILES = ("documents.csv", "sentences.csv", "mentions.csv", "money.csv", "events.csv", "projects.csv",
                "conflict_values.csv", "people.csv", "lvpress.sqlite", "run.json")
KEPT = (".cache",)  # carried over from the previous output folder


def _umask() -> int:
    mask = os.umask(0o022)  # reading the umask means setting it: put it straight back
    os.umask(mask)
    return mask


@contextmanager
def atomic_path(path: Path, mode: str = "w"):
    """Yield an open temporary file that replaces ``path`` only if the block succeeds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        text = {} if "b" in mode else {"encoding": "utf-8", "newline": ""}
        with os.fdopen(fd, mode, **text) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; others' files follow the umask
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class CsvWriter:
    """RFC 4180 rows with \\n line ends; a field holding a bare \\r is quoted too.

    Python's csv module quotes only the characters of its line terminator, so a text with a
    carriage return (old Mac line ends, CRLF inside a sentence) would break the row.
    """

    def __init__(self, f, columns: list[str], header: bool = True):
        kw = {"fieldnames": columns, "lineterminator": "\n", "extrasaction": "ignore"}
        self.file = f
        self._plain = csv.DictWriter(f, **kw)
        self._quoted = csv.DictWriter(f, quoting=csv.QUOTE_ALL, **kw)
        if header:
            self._plain.writeheader()

    def writerow(self, row: dict) -> None:
        has_cr = any(isinstance(v, str) and "\r" in v for v in row.values())
        (self._quoted if has_cr else self._plain).writerow(row)

    def write_rendered(self, text: str) -> None:
        """Rows rendered earlier by ``render`` (e.g. from the cache), written as they are."""
        self.file.write(text)


def render(columns: list[str], rows: Iterable[dict]) -> tuple[str, int]:
    """Rows (dicts holding every column) as the CSV text a CsvWriter writes (no header), and how many."""
    rows = list(rows)
    buf = io.StringIO()
    get = operator.itemgetter(*columns)  # a tuple of cells, but a bare cell for one column
    csv.writer(buf, lineterminator="\n").writerows(map(get, rows) if len(columns) > 1 else ([get(r)] for r in rows))
    text = buf.getvalue()
    if "\r" in text:  # rare: redo row by row, so rows holding a \r get quoted
        buf = io.StringIO()
        w = CsvWriter(buf, columns, header=False)
        for row in rows:
            w.writerow(row)
        text = buf.getvalue()
    return text, len(rows)


class OutputSet:
    """The files of one run, written into a staging folder next to OUT and swapped in at once.

    Readers of OUT see either the previous complete set or the new one, never a mix: the
    staging folder replaces OUT with one atomic exchange of the two directories (Linux
    renameat2), or one rename when OUT does not exist yet. When OUT holds files lvpress did
    not write (e.g. a user's notes), the folder is not swapped: each file is replaced
    atomically on its own, run.json last, and the log says so.
    """

    def __init__(self, out: Path):
        self.out = Path(out)
        self.out.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_staging(self.out)
        self.staging = Path(tempfile.mkdtemp(prefix=staging_prefix(self.out), dir=self.out.parent))
        # the staging folder becomes OUT: it gets OUT's mode, or a new folder's (mkdtemp's is 0700)
        self.staging.chmod(stat.S_IMODE(self.out.stat().st_mode) if self.out.is_dir() else 0o777 & ~_umask())
        self._open: dict[str, tuple] = {}

    def path(self, name: str) -> Path:
        return self.staging / name

    def writer(self, name: str, columns: list[str]) -> "CsvWriter":
        f = open(self.staging / name, "w", encoding="utf-8", newline="")
        w = CsvWriter(f, columns)
        self._open[name] = (f, w)
        return w

    def write_csv(self, name: str, columns: list[str], rows: Iterable[dict]) -> int:
        return self.write_tables([(name, columns, list)], rows)[name]

    def write_tables(self, tables: list[tuple[str, list[str], Callable]], items: Iterable) -> dict[str, int]:
        """Several tables from one reading of ``items`` (e.g. results read back from disk):
        ``tables`` holds (name, columns, rows_of(items)). Rows are rendered for a few hundred
        items at a time (one csv call each): memory stays small, speed high."""
        writers = {name: self.writer(name, columns) for name, columns, _ in tables}
        counts = dict.fromkeys(writers, 0)
        items = iter(items)
        while chunk := list(itertools.islice(items, 500)):
            for name, columns, rows_of in tables:
                text, n = render(columns, rows_of(chunk))
                writers[name].write_rendered(text)
                counts[name] += n
        self.close_files(*writers)
        return counts

    def write_json(self, name: str, data: dict) -> None:
        with open(self.staging / name, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=2, default=str)
            f.write("\n")

    def close_files(self, *names: str) -> None:
        """Flush and close the open files (or those named), so they can be read back (e.g.
        into SQLite) and survive a crash once renamed."""
        for name in names or list(self._open):
            f, _ = self._open.pop(name)
            f.flush()
            os.fsync(f.fileno())
            f.close()

    def commit(self) -> None:
        self.close_files()
        if not self.out.exists():
            os.rename(self.staging, self.out)
            return
        foreign = [p.name for p in self.out.iterdir() if p.name not in OUTPUT_FILES + KEPT + ("review.html",)]
        if not foreign and _exchange(self.staging, self.out):
            for name in KEPT:  # the old set is now at the staging path
                if (self.staging / name).exists():
                    os.replace(self.staging / name, self.out / name)
            shutil.rmtree(self.staging, ignore_errors=True)
            return
        if foreign:
            log.info("%s holds other files (%s): replacing lvpress's files one by one", self.out,
                     ", ".join(sorted(foreign)[:5]))
        names = sorted(p.name for p in self.staging.iterdir())
        for name in sorted(names, key=lambda n: n == "run.json"):
            os.replace(self.staging / name, self.out / name)
        (self.out / "review.html").unlink(missing_ok=True)  # it described the previous set
        shutil.rmtree(self.staging, ignore_errors=True)

    def abort(self) -> None:
        for f, _ in self._open.values():
            f.close()
        shutil.rmtree(self.staging, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two directories (renameat2 RENAME_EXCHANGE); False where unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    fn = getattr(libc, "renameat2", None)
    if fn is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    rc = fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return rc == 0
