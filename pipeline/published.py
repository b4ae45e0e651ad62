"""Publication date and the end of the article body.

A press release states when it was published in a dateline under the headline
("22.04.2013"), a label ("Publicēts: 5. februārī, 2019") or, on municipal sites, a
"Lapas informācija atjaunota: 12.12.2014" stamp after the text. The dateline and labels
win over the update stamp, which may be years later. Relative dates ("š.g.", "19.aprīlī")
are resolved against this date only inside the body: a sidebar tweet after the stamp is
not anchored to the article.
"""
from __future__ import annotations

import datetime as dt

import regex as re

from .html_text import without_site_name
from .records import Document, Sentence

_NUMERIC = r"(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)\d\d)\.?"
_ISO = r"(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)"
LABEL = re.compile(rf"(?:publicēts|publicēšanas datums|datums|ievietots|pievienots|published)\s*:?\s*"
                   rf"(?:{_NUMERIC}|{_ISO})", re.I)
DATELINE = re.compile(rf"^\s*(?:{_NUMERIC}|{_ISO})(?:[\sT]+[0-2]?\d[:.][0-5]\d)?[\s\d|•·-]*$")
STAMP = re.compile(rf"(?:informācija|lapa|raksts)?\s*atjaunot\p{{L}}*\s*:?\s*(?:{_NUMERIC}|{_ISO})", re.I)
BODY_END = re.compile(r"\s*(?:lapas informācija atjaunota|informācija atjaunota|dalīties|komentāri|"
                      r"saistītie raksti|lasi arī|līdzīgi raksti|twitter|©|copyright)", re.I)
WORD = re.compile(r"\p{L}+")
HEAD_LINES = 6
META_KEYS = ("published", "date", "publication_date", "pub_date", "datetime")


def _iso(m) -> str:
    g = m.groupdict()
    y, mth, d = (g["y"], g["m"], g["d"]) if g.get("y") else (g["iy"], g["im"], g["id"])
    try:
        return dt.date(int(y), int(mth), int(d)).isoformat()
    except ValueError:
        return ""


def detect_published(doc: Document, sentences: list[Sentence]) -> str:
    """ISO date of publication as stated by the document (or its JSONL record), else ''."""
    for key in META_KEYS:
        value = str(doc.meta.get(key) or "")
        m = re.match(_ISO, value) or re.match(_NUMERIC, value)
        if m and _iso(m):
            return _iso(m)
    text = doc.text
    real = [s for s in sentences if not s.furniture]
    for s in real[:HEAD_LINES]:
        line = text[s.start:s.end]
        m = LABEL.search(line) or DATELINE.match(line)
        if m and _iso(m):
            return _iso(m)
    for s in real:
        m = LABEL.search(text, s.start, s.end)
        if m and _iso(m):
            return _iso(m)
    for s in real:
        m = STAMP.search(text, s.start, s.end)
        if m and _iso(m):
            return _iso(m)
    return ""


def anchor_year(doc: Document) -> int | None:
    return int(doc.published[:4]) if doc.published[:4].isdigit() else None


def body_end(ctx) -> int:
    """Offset where the article body ends (the update stamp, share buttons, sidebars)."""
    for s in ctx.sentences:
        if s.start > 0 and BODY_END.match(ctx.text, s.start, s.end):
            return s.start
    return len(ctx.text)


def detect_title(doc: Document, sentences: list[Sentence]) -> str:
    """The headline: the first real line of at least four words near the top."""
    text = doc.text
    for s in [s for s in sentences if not s.furniture][:HEAD_LINES]:
        line = text[s.start:s.end]
        if "\n" in line or len(line) > 250:
            continue
        if len(WORD.findall(line)) >= 4 and not DATELINE.match(line):
            return without_site_name(line.strip(), body=text[s.end:])
    return ""
