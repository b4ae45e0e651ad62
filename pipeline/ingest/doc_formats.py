"""PDF, Word (.docx) and OpenDocument (.odt) files -> their text, paragraphs on their own lines.

As for HTML, offsets in every output index this extracted text; documents.csv names the
format in ``fmt``. PDFs are read from their text layer (pypdf): a scanned PDF has none and
is refused with that reason. .docx and .odt are zip packages of XML, read with lxml.
"""
from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"

SPACE_AROUND_NEWLINE = re.compile(r"[ \t\r\f\v]*\n[ \t\r\f\v]*")
BLANK_LINES = re.compile(r"\n{3,}")
XML_SPACE = re.compile(r"[ \t\r\n]+")


class IngestError(Exception):
    """A document that cannot be read; the message is shown to the user as is."""


def extract_text(raw: bytes, suffix: str) -> tuple[str, str]:
    """(text, fmt) of a .pdf, .docx or .odt file; IngestError says why one cannot be read."""
    fmt, reader = READERS[suffix]
    return _tidy(reader(raw)), fmt


def pdf_text(raw: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise IngestError("encrypted PDF: it needs a password to be read")
        pages = [page.extract_text() or "" for page in reader.pages]
    except IngestError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as e:
        raise IngestError(f"not a readable PDF: {type(e).__name__}: {e}") from None
    if not "".join(pages).strip():
        raise IngestError(f"PDF without a text layer ({len(pages)} page(s), a scan?): there is no text "
                          "to read; run OCR first (e.g. ocrmypdf) and give lvpress the result")
    return "\n\n".join(pages)


def docx_text(raw: bytes) -> str:
    root = _package_xml(raw, "word/document.xml", "Word (.docx)")
    literals = {W + "tab": "\t", W + "br": "\n", W + "cr": "\n"}
    # Only w:t holds text (w:delText is deleted text, w:instrText a field's code); a text
    # box comes twice, as the drawing (mc:Choice) and its fallback: the fallback is skipped.
    return _walk(root, paragraphs={W + "p"}, skip={MC_FALLBACK},
                 literal=lambda el: literals.get(el.tag), text_of=lambda el: el.tag == W + "t", collapse=False)


def odt_text(raw: bytes) -> str:
    root = _package_xml(raw, "content.xml", "OpenDocument (.odt)")
    body = root.find(f"{OFFICE}body")
    literals = {TEXT + "tab": "\t", TEXT + "line-break": "\n"}

    def literal(el) -> str | None:
        if el.tag == TEXT + "s":  # c consecutive spaces
            return " " * int(el.get(TEXT + "c", "1") or 1)
        return literals.get(el.tag)

    # Notes would cut their sentence in two; tracked changes hold deleted text.
    return _walk(body if body is not None else root, paragraphs={TEXT + "p", TEXT + "h"},
                 skip={TEXT + "note", TEXT + "tracked-changes", OFFICE + "annotation"},
                 literal=literal, text_of=lambda el: True, collapse=True)


READERS: dict[str, tuple[str, Callable[[bytes], str]]] = {
    ".pdf": ("pdf", pdf_text), ".docx": ("docx", docx_text), ".odt": ("odt", odt_text),
}


def _package_xml(raw: bytes, member: str, what: str):
    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            data = z.read(member)
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError) as e:
        raise IngestError(f"not a readable {what} file: {e}") from None
    # no entities and no network: a document is data, never instructions to fetch more
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        raise IngestError(f"not a readable {what} file: broken {member}: {e}") from None


def _walk(root, paragraphs: set[str], skip: set[str], literal: Callable, text_of: Callable,
          collapse: bool) -> str:
    """The text of an XML tree in document order, each paragraph ending a line; iterative,
    so deep nesting cannot overflow the stack. ``collapse``: runs of XML whitespace in the
    text are one space (ODF's rule; its spaces are written as elements)."""
    parts: list[str] = []

    def add(text: str | None) -> None:
        if text:
            parts.append(XML_SPACE.sub(" ", text) if collapse else text)

    stack: list = [(root, False)]
    while stack:
        el, closing = stack.pop()
        if closing:
            if el.tag in paragraphs:
                parts.append("\n")
            if collapse and el is not root:
                add(el.tail)
            continue
        if not isinstance(el.tag, str) or el.tag in skip:  # comments, processing instructions
            if collapse:
                add(el.tail)
            continue
        parts.append(literal(el) or "")
        if text_of(el):
            add(el.text)
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))
    return "".join(parts)


def _tidy(text: str) -> str:
    text = text.replace("\x00", "")
    text = SPACE_AROUND_NEWLINE.sub("\n", text)
    return BLANK_LINES.sub("\n\n", text).strip()
