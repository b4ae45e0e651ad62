"""Publication date and headline.

A press release states when it was published in a dateline near the headline, in whatever
form the site prints ("22.04.2013", "Otrdiena, 14 Maijs 2013", "3 Mar, 2021",
"2021. gada 15. martā", "2020-06-16, 08.26", or glued to the headline by page extraction),
a label ("Publicēts: 5. februārī, 2019"), a dateline line after the text, or, on municipal
sites, a "Lapas informācija atjaunota: 12.12.2014" stamp. Datelines and labels win over the
update stamp, which may be years later. A "today" widget (a date beside the name days) is
no publication date. Relative dates ("š.g.", "19.aprīlī") are resolved against this date
only inside the body: a sidebar tweet after the stamp is not anchored to the article.
"""
from __future__ import annotations

import datetime as dt
from itertools import chain, islice

import regex as re

from ..ingest.html_text import without_site_name
from ..records import Document, Sentence
from .dates import stated_days
from .page import is_widget, text_body_end

_NUMERIC = r"(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)\d\d)\.?"
_ISO = r"(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)"
LABEL_WORDS = r"publicēts|publicēšanas datums|datums|ievietots|pievienots|published"
LABEL = re.compile(rf"(?:{LABEL_WORDS})\s*:?\s*", re.I)
WEEKDAY = (r"pirmdien|otrdien|trešdien|ceturtdien|piektdien|sestdien|svētdien"
           r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday")
# What a dateline line holds besides its date: a label, a weekday, a clock time, a view count.
DATELINE_REST = re.compile(rf"(?:{LABEL_WORDS}|(?:{WEEKDAY})\p{{L}}*|plkst\.?|[\W\d_])*", re.I)
STAMP = re.compile(rf"(?:informācija|lapa|raksts)?\s*atjaunot\p{{L}}*\s*:?\s*(?:{_NUMERIC}|{_ISO})", re.I)
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


def labelled_date(line: str) -> str:
    """The date right after a label: "Publicēts: 2022. gada 4. oktobrī" -> "2022-10-04"."""
    labels = list(LABEL.finditer(line))
    days = stated_days(line) if labels else []
    for m in labels:
        for start, _, value in days:
            if DATELINE_REST.fullmatch(line, m.end(), start):
                return value
    return ""


def dateline(line: str, head: bool) -> str:
    """The date of a line that is a dateline: one date with at most a label, weekday and time
    around it, or (near the top) a date glued to the end of the headline."""
    days = stated_days(line)
    if len(days) != 1:
        return ""
    start, end, value = days[0]
    if DATELINE_REST.fullmatch(line, 0, start) and DATELINE_REST.fullmatch(line, end):
        return value
    return value if head and _glued_date_start(line) == start else ""


def _glued_date_start(line: str) -> int | None:
    """Where a date glued to the end of a headline starts ("… pārbūve15-09-2017"), if one is."""
    days = stated_days(line)
    if days:
        start, end, _ = days[-1]
        if start > 0 and line[start - 1].isalpha() and not line[end:].strip():
            return start
    return None


def detect_published(doc: Document, sentences: list[Sentence]) -> str:
    """ISO date of publication as stated by the document (or its JSONL record), else ''."""
    for key in META_KEYS:
        value = str(doc.meta.get(key) or "")
        m = re.match(_ISO, value) or re.match(_NUMERIC, value)
        if m and _iso(m):
            return _iso(m)
    text = doc.text
    body = [s for s in sentences if not s.furniture]

    def real(s: Sentence) -> bool:  # asked only of lines that give a date: the check is costly
        return not is_widget(text, sentences, s.idx)

    def line(s: Sentence) -> str:
        return text[s.start:s.end]

    end = text_body_end(text, sentences)
    found = chain(
        (labelled_date(line(s)) or dateline(line(s), head=True) for s in islice(filter(real, body), HEAD_LINES)),
        (value for s in body if (value := labelled_date(line(s))) and real(s)),
        (value for s in body if s.start < end and (value := dateline(line(s), head=False)) and real(s)),
        (value for s in body if (m := STAMP.search(line(s))) and (value := _iso(m)) and real(s)),
    )
    return next((value for value in found if value), "")


def detect_title(doc: Document, sentences: list[Sentence]) -> str:
    """The headline: the first real line of at least four words near the top."""
    text = doc.text
    for s in [s for s in sentences if not s.furniture][:HEAD_LINES]:
        line = text[s.start:s.end]
        if "\n" in line or len(line) > 250:
            continue
        if len(WORD.findall(line)) >= 4 and not dateline(line, head=False):
            return without_site_name(line[:_glued_date_start(line)].strip(), body=text[s.end:])
    return ""
