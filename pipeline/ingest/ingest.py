"""Read inputs (a file, a folder, JSONL records) into Documents.

Reading never raises for a bad input: it yields a Document with ``status="error"`` and a
reason the user can act on, so one broken file never stops a folder of thousands.
"""
from __future__ import annotations

import codecs
import errno
import hashlib
import json
import logging
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..records import Document
from .doc_formats import IngestError, extract_text
from .html_text import html_to_text

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
PACKAGED_SUFFIXES = {".pdf", ".docx", ".odt"}  # read by doc_formats
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | PACKAGED_SUFFIXES
READS = ".txt/.md (plain text), .html/.htm, .pdf, .docx, .odt and .jsonl records"

# Magic numbers of binary formats that get saved as .txt by scrapers.
BINARY_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (maybe .docx/.xlsx)",
    b"\xd0\xcf\x11\xe0": "an MS Office (OLE) document",
    b"\x1f\x8b": "a gzip archive",
}
BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
]
# Latvian letters outside ASCII: a legacy decoding that yields many of them is the right one.
LV_LETTERS = set("āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ")
BODY_TAG = re.compile(r"<body[\s>]")


def doc_id_for(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()[:16]


def decode(raw: bytes) -> tuple[str, str]:
    """Decode bytes to text, returning (text, encoding name)."""
    for bom, enc in BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(enc), enc
            except UnicodeDecodeError as e:
                raise IngestError(f"starts with a {enc} byte-order mark but is not valid {enc} "
                                  f"(byte {e.start})") from None
    for magic, what in BINARY_MAGIC.items():
        if raw.startswith(magic):
            raise IngestError(f"binary file: looks like {what}, not text")
    if b"\x00" in raw[:65536]:
        raise IngestError("binary file: contains NUL bytes and has no UTF-16/32 byte-order mark")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        utf8_error = f"not UTF-8 (invalid byte 0x{raw[e.start]:02x} at {e.start})"
    return _decode_legacy(raw, utf8_error)


def _decode_legacy(raw: bytes, utf8_error: str) -> tuple[str, str]:
    """Windows-1257 vs ISO-8859-13, else whatever charset-normalizer finds.

    Both Baltic code pages put the Latvian letters at the same bytes; they differ where
    Windows-1257 has typographic quotes and dashes (0x80-0x9F, control codes in ISO-8859-13)
    and ISO-8859-13 has its quotes „ ” (0xA5, 0xA1, unassigned in Windows-1257). When
    neither kind of byte occurs the two decodings are identical and the far more common
    Windows-1257 is reported.
    """
    candidates = []
    for enc, name in (("cp1257", "windows-1257"), ("iso8859_13", "iso-8859-13")):
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        if _control_ratio(text.replace("\x85", "")) == 0 and not any("\x80" <= ch <= "\x9f" for ch in text):
            candidates.append((text, name))
    if candidates and sum(ch in LV_LETTERS for ch in candidates[0][0]) >= 1:
        return candidates[0]
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None or _control_ratio(str(best)) > 0.05:
        raise IngestError(f"cannot decode: {utf8_error}; not Windows-1257 or ISO-8859-13 "
                          "Latvian text either, and no other encoding fits (binary file?)")
    return str(best), best.encoding


def _control_ratio(text: str) -> float:
    bad = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    return bad / max(len(text), 1)


def _looks_like_html(text: str, suffix: str) -> bool:
    if suffix in HTML_SUFFIXES:
        return True
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or bool(BODY_TAG.search(head))


@dataclass(frozen=True)
class Source:
    """One input file: its path and how users see it (relative to the input root)."""

    path: Path
    name: str


@dataclass(frozen=True)
class Skipped:
    """A file of a type lvpress does not read (an image, a spreadsheet): listed, not an error."""

    source: str
    reason: str


# Control characters (C0, DEL, C1) and the line/paragraph separators are escaped in the
# names shown to users, so every row of documents.csv and every log line stays one line.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def display_name(name: str) -> str:
    """A file name as shown in ``source``: undecodable bytes and control characters escaped."""
    raw = os.fsencode(name)  # undoes the surrogateescape of names that are not UTF-8
    text = raw.decode("utf-8", "backslashreplace")
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def iter_sources(root: Path, exclude: tuple[Path, ...] = ()) -> Iterator[Source | Document]:
    """Files under ``root`` in a stable order; unreadable entries come back as error Documents.
    Folders in ``exclude`` (lvpress's own output and cache inside the input) are not entered."""
    if root.is_file():
        yield Source(root, display_name(root.name))
        return
    if not root.exists():
        raise FileNotFoundError(f"input not found: {root}")
    excluded = {p.resolve() for p in exclude}
    walk_errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False, onerror=walk_errors.append):
        while walk_errors:  # a folder that cannot be listed: say so instead of skipping it
            yield _walk_error(root, walk_errors.pop(0))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".")
                             and (Path(dirpath) / d).resolve() not in excluded)
        for fn in sorted(filenames):
            if fn.startswith("."):
                continue
            path = Path(dirpath) / fn
            yield Source(path, display_name(path.relative_to(root).as_posix()))
    while walk_errors:
        yield _walk_error(root, walk_errors.pop(0))


def _walk_error(root: Path, e: OSError) -> Document:
    where = Path(e.filename) if e.filename else root
    try:
        name = where.relative_to(root).as_posix()
    except ValueError:
        name = str(where)
    name = display_name(name if name != "." else root.name) + "/"
    return _error(name, name.encode("utf-8", "surrogateescape"), f"cannot read folder: {e.strerror or e}")


def read_documents(root: Path, max_chars: int, exclude: tuple[Path, ...] = (),
                   skipped: list[Skipped] | None = None) -> Iterator[Document]:
    """Every document of the input, in a stable order; files of types lvpress does not read
    are appended to ``skipped`` instead. ``exclude``: folders not to enter."""
    for src in iter_sources(root, exclude):
        if isinstance(src, Document):
            yield src
            continue
        suffix = src.path.suffix.lower()
        if suffix not in SUPPORTED:
            log.info("%s: skipped, lvpress does not read '%s' files", src.name, suffix)
            if skipped is not None:
                skipped.append(Skipped(src.name, f"file type '{suffix}' is not read: lvpress reads {READS}"))
            continue
        try:
            yield from read_source(src, max_chars)
        except Exception as e:  # a bug on one file must not stop the run
            log.exception("%s: internal error while reading", src.name)
            yield _error(src.name, src.name.encode(), f"internal error while reading: {type(e).__name__}: {e}")


def count_documents(root: Path, exclude: tuple[Path, ...] = ()) -> int:
    """About how many documents ``read_documents`` will yield, for a progress bar: one per
    file it reads, one per line of a JSONL file (the lines are counted, not parsed)."""
    n = 0
    for src in iter_sources(root, exclude):
        if isinstance(src, Document):
            n += 1
        elif src.path.suffix.lower() in JSONL_SUFFIXES and not _not_a_regular_file(src.path):
            n += _count_lines(src.path)
        elif src.path.suffix.lower() in SUPPORTED:
            n += 1
    return n


def _count_lines(path: Path) -> int:
    lines, last = 0, b"\n"
    try:
        with path.open("rb") as f:
            while chunk := f.read(1 << 20):
                lines += chunk.count(b"\n")
                last = chunk[-1:]
    except OSError:
        return 1
    return max(lines + (last != b"\n"), 1)


def read_source(src: Source, max_chars: int) -> Iterator[Document]:
    suffix = src.path.suffix.lower()
    problem = _not_a_regular_file(src.path)
    if problem:
        yield _error(src.name, src.name.encode(), problem)
        return
    try:
        size = src.path.stat().st_size
        with src.path.open("rb") as f:
            head = f.read(4096)
            if (suffix in TEXT_SUFFIXES and size > MAX_BYTES_PER_CHAR * max_chars + 4
                    and not _looks_like_html(head.decode("latin-1"), suffix)):
                # Every supported encoding spends at most 4 bytes on a character, so the text
                # is over the limit for sure: refuse without reading it into memory.
                yield _error(src.name, head, f"file has {size:,} bytes, more than {max_chars:,} characters "
                             f"in any encoding: over the limit of {max_chars:,} (raise it with --max-chars)")
                return
            raw = head + f.read()
    except OSError as e:
        yield _error(src.name, src.name.encode(), f"cannot read file: {e.strerror or e}")
        return
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(raw, src.name, max_chars)
    elif suffix in PACKAGED_SUFFIXES:
        yield read_packaged(raw, src.name, suffix, max_chars)
    else:
        yield make_document(raw, src.name, suffix, max_chars)


def read_packaged(raw: bytes, source: str, suffix: str, max_chars: int) -> Document:
    """A PDF, Word or OpenDocument file: its extracted text, ``fmt`` naming the format."""
    try:
        text, fmt = extract_text(raw, suffix)
    except IngestError as e:
        return _error(source, raw, str(e))
    return make_document(raw, source, suffix, max_chars, text=text, fmt=fmt)


MAX_BYTES_PER_CHAR = 4  # UTF-8 and UTF-32; UTF-16 needs at most 4 too, the legacy code pages 1


def _not_a_regular_file(path: Path) -> str:
    """Why ``path`` cannot be read as a file (broken link, link loop, FIFO ...), or ""."""
    try:
        st = path.stat()
    except OSError as e:
        if e.errno == errno.ELOOP:
            return "symbolic link loop: the link points (through other links) back to itself"
        if e.errno == errno.ENOENT and path.is_symlink():
            try:
                target = os.readlink(path)
            except OSError:
                target = "?"
            return f"broken symbolic link: its target {display_name(target)} does not exist"
        return f"cannot read file: {e.strerror or e}"
    if not stat.S_ISREG(st.st_mode):
        kind = ("a named pipe (FIFO)" if stat.S_ISFIFO(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode)
                else "a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else "not a regular file")
        return f"not a regular file: {kind}"
    return ""


def make_document(raw: bytes, source: str, suffix: str, max_chars: int, meta: dict | None = None,
                  text: str | None = None, encoding: str = "", fmt: str = "text") -> Document:
    """``fmt``: what ``text`` was extracted from; plain text may turn out to be HTML."""
    doc_id = doc_id_for(raw)
    if text is None:
        if not raw.strip():
            return _error(source, raw, "empty file")
        try:
            text, encoding = decode(raw)
        except IngestError as e:
            return _error(source, raw, str(e))
    if fmt == "text" and _looks_like_html(text, suffix):

        text, page_meta = html_to_text(text)
        fmt, meta = "html", {**page_meta, **(meta or {})}
    if not text.strip():
        return _error(source, raw, "no text: the document is empty or whitespace only")
    if len(text) > max_chars:
        return _error(source, raw, f"document has {len(text):,} characters, over the limit of "
                      f"{max_chars:,} (raise it with --max-chars)")
    return Document(doc_id=doc_id, source=source, text=text, fmt=fmt, encoding=encoding,
                    meta=meta or {})


def read_jsonl(raw: bytes, name: str, max_chars: int) -> Iterator[Document]:
    """One Document per line of {"id", "text", ...}; a bad line is an error row naming the line."""
    try:
        text, _ = decode(raw)
    except IngestError as e:
        yield _error(name, raw, str(e))
        return
    # Only \n ends a record: str.splitlines() would also cut at U+2028, U+0085 and other
    # characters that JSON allows unescaped inside strings.
    n_records = 0
    for lineno, line in enumerate(text.split("\n"), 1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        n_records += 1
        where = f"{name}:{lineno}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield _error(where, line.encode(), f"line {lineno}: invalid JSON ({e.msg} at column {e.colno})")
            continue
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
            yield _error(where, line.encode(), f'line {lineno}: a record needs a string "text" field')
            continue
        try:  # "\ud800" is valid JSON but no Unicode text: it could not be written to the CSVs
            json.dumps(rec, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            yield _error(where, line.encode(), f"line {lineno}: invalid Unicode (a lone surrogate escape "
                         "such as \\ud800) in the record")
            continue
        rec_id = display_name(str(rec.get("id", lineno)))
        source = f"{name}#{rec_id}"
        meta = {k: v for k, v in rec.items() if k not in ("text",)}
        yield make_document(rec["text"].encode("utf-8"), source, "", max_chars, meta=meta,
                            text=rec["text"], encoding="utf-8")
    if n_records == 0:  # otherwise the file would vanish from the outputs without a word
        yield _error(name, raw, "empty file: no records (JSONL needs one JSON object per line)")


def _error(source: str, raw: bytes, reason: str) -> Document:
    log.debug("%s: %s", source, reason)  # the run reports its failures once, at the end
    return Document(doc_id=doc_id_for(raw or source.encode()), source=source,
                    status="error", error=reason)
