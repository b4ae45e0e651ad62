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

XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
SPACE_AROUND_NEWLINE = re.compile(r"[ \t\r\f\v]*\n[ \t\r\f\v]*")
BLANK_LINES = re.compile(r"\n{3,}")
# Between a page's headline and its site's name in <title>; dashes are not among them, as
# headlines hold dashes themselves ("Latvijas – Lietuvas programma").
SITE_SEPARATOR = re.compile(r"\s+(?:\||::|«|»|•|·)\s+")
DASH = r"\s+[-–—]\s+"


# Where pages state their publication date, most specific first.
PUBLISHED_XPATHS = (
    "//meta[@property='article:published_time']/@content",
    "//meta[@property='og:published_time']/@content",
    "//meta[@name='pubdate' or @name='publishdate' or @name='date' or @name='DC.date' or @name='dc.date']/@content",
    "//time[@datetime]/@datetime",
)


def html_to_text(html: str) -> tuple[str, dict]:
    """(the page's text, metadata the markup states: {"published": ...} when it has one)."""
    import lxml.html
    from lxml import etree

    # lxml refuses str input that declares an encoding (<?xml ... encoding="utf-8"?>, common
    # in XHTML) and strings with NUL bytes; the text is already decoded, so drop both.
    html = XML_DECLARATION.sub("", html, count=1).replace("\x00", "")
    if not html.strip():
        return "", {}
    try:
        # huge_tree: no libxml2 limits on nesting depth and text node size, which otherwise
        # silently drop the rest of a deeply nested or very large page.
        root = lxml.html.document_fromstring(html, parser=lxml.html.HTMLParser(huge_tree=True))
    except (etree.ParserError, ValueError):
        return "", {}
    meta = {}
    for xpath in PUBLISHED_XPATHS:
        found = [v.strip() for v in root.xpath(xpath) if v.strip()]
        if found:
            meta["published"] = found[0]
            break
    title = root.findtext(".//title") or ""
    site = " ".join(root.xpath("string(//meta[@property='og:site_name']/@content)").split())
    parts: list[str] = []
    _walk(root, parts)
    text = "".join(parts)
    text = SPACE_AROUND_NEWLINE.sub("\n", text)
    text = BLANK_LINES.sub("\n\n", text).strip()
    title = without_site_name(" ".join(title.split()), site, text)
    # The <title> usually repeats the headline; keep it only when the body lacks it.
    if title and title not in text:
        text = f"{title}\n\n{text}"
    return text, meta


def without_site_name(title: str, site: str = "", body: str = "") -> str:
    """The headline of a page title such as "Headline | Site name".

    Parts between site separators that are ``site`` (the name the page gives its site) go;
    of the others, the one that is a line of ``body`` (the page's own headline), else the
    first (sites put their name last far more often than first). Around a dash, only
    ``site`` itself is cut off."""
    parts = [p for p in SITE_SEPARATOR.split(title) if p.casefold() != site.casefold()] or [title]
    if len(parts) > 1:
        lines = {line.strip() for line in body.splitlines()}
        parts = [p for p in parts if p in lines] or parts
    title = parts[0]
    if site:
        name = re.escape(site)
        title = re.sub(rf"^{name}{DASH}|{DASH}{name}$", "", title, flags=re.IGNORECASE)
    return title


def _walk(root, parts: list[str]) -> None:
    """Text of the tree in document order; iterative, so deep nesting cannot overflow the stack."""
    stack: list = [(root, False)]
    while stack:
        el, closing = stack.pop()
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if closing:
            if tag in BLOCK:
                parts.append("\n")
            if el.tail:
                parts.append(el.tail)
            continue
        if tag in DROP:
            if el.tail:
                parts.append(el.tail)
            continue
        if tag in BLOCK:
            parts.append("\n")
        if el.text and isinstance(el.tag, str):
            parts.append(el.text)
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))
