"""HTML -> the article's text, with block elements on their own lines.

For HTML input, offsets in every output refer to this extracted text (documents.csv marks
such documents with fmt=html). Inline elements do not break lines, so a sentence with a
<b>bold</b> project code stays one sentence.
"""
from __future__ import annotations

import re

DROP = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object"}
BLOCK = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot",
    "th", "thead", "title", "tr", "ul",
}


def html_to_text(html: str) -> str:
    import lxml.html
    from lxml import etree

    if not html.strip():
        return ""
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    title = root.findtext(".//title") or ""
    parts: list[str] = []
    _walk(root, parts)
    text = "".join(parts)
    text = re.sub(r"[ \t\r\f\v]*\n[ \t\r\f\v]*", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    title = " ".join(title.split())
    # The <title> usually repeats the headline; keep it only when the body lacks it.
    if title and title not in text:
        text = f"{title}\n\n{text}"
    return text


def _walk(el, parts: list[str]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag.lower() in DROP:
        if el.tail:
            parts.append(el.tail)
        return
    block = tag.lower() in BLOCK
    if block:
        parts.append("\n")
    if el.text and isinstance(el.tag, str):
        parts.append(el.text)
    for child in el:
        _walk(child, parts)
    if block:
        parts.append("\n")
    if el.tail:
        parts.append(el.tail)
