"""Latvian sentence splitting on the raw text, with offsets.

spaCy's blank Latvian pipeline splits "2019." and "š.g." and has no sentence rules for
ordinal dots, so splitting is done here, on characters: a dot ends a sentence only when a
capitalised word (or a new line) follows and the dot does not close an ordinal number,
an abbreviation or an initial. Lines are units of their own (headlines, signatures, site
navigation end without punctuation); a line that continues in lower case is a wrapped line.
"""
from __future__ import annotations

import regex as re

from ..lexicon import FINAL_ABBREVIATIONS, SENTENCE_ABBREVIATIONS
from ..records import Sentence


_BOUNDARY = re.compile(r"[.!?…]+[\"”»’'\)\]]*(?=\s+(\S))")
_ORDINAL = re.compile(r"[\d.\-–]+")
_NUMBER_GLUED = re.compile(r"^\d+\.")
_DOTTED = re.compile(r"(?:\p{L}{1,3}\.)+\p{L}{1,3}")
_LINE_BREAK = re.compile(r"\r\n?|\n")
LINE = re.compile(r"[^\n\r]+")  # \n, \r\n and old Mac \r all end a line
_TOKEN_BEFORE = re.compile(r"(?r)(\S+)$")  # searched backwards: linear on long lines

# Whole lines that are site furniture: navigation, social links, print buttons.
_FURNITURE_WORDS = (
    "lapas karte|vietnes karte|youtube|facebook|instagram|twitter|x|linkedin|draugiem|rss|"
    "print|drukāt|drukas versija|dalīties|share|tweet|seko|sekot|meklēt|sākums|jaunumi|"
    "kontakti|atpakaļ|uz augšu|lasīt vairāk|komentāri|foto un video galerija|galerija|"
    "e-pasts|pieteikties jaunumiem|sīkdatnes|piekrītu|english|latviešu|русский"
)
_FURNITURE_LINE = re.compile(
    rf"^\s*(?:(?:{_FURNITURE_WORDS})\s*[:|•·/,]?\s*)+\d*\s*$", re.IGNORECASE)


def is_furniture(line: str) -> bool:
    return bool(_FURNITURE_LINE.match(line))


def segment(doc_id: str, text: str) -> list[Sentence]:
    """Sentences of ``text``; offsets index ``text`` and spans are trimmed of whitespace."""
    spans: list[tuple[int, int]] = []
    for start, end in _line_units(text):
        spans.extend(_split_line(text, start, end))
    return [
        Sentence(doc_id, i, s, e, furniture=is_furniture(text[s:e]))
        for i, (s, e) in enumerate(spans)
    ]


def _line_units(text: str):
    """(start, end) of units made of one line, or of lines wrapped in the middle of a sentence."""
    unit_start = None
    unit_end = 0
    for m in LINE.finditer(text):
        s, e = m.span()
        line = m.group()
        if not line.strip():
            continue
        if unit_start is not None and _continues(text[unit_start:unit_end], line, text[unit_end:s]):
            unit_end = e
            continue
        if unit_start is not None:
            yield unit_start, unit_end
        unit_start, unit_end = s, e
    if unit_start is not None:
        yield unit_start, unit_end


def _continues(prev: str, line: str, gap: str) -> bool:
    """A single line break inside a sentence: the next line starts in lower case."""
    if len(_LINE_BREAK.findall(gap)) > 1 or is_furniture(prev) or is_furniture(line):
        return False
    first = line.lstrip()[:1]
    return first.islower() and not prev.rstrip().endswith((".", "!", "?", ":"))


def _split_line(text: str, start: int, end: int):
    chunk = text[start:end]
    cut = 0
    for m in _BOUNDARY.finditer(chunk):
        if _is_boundary(chunk, m):
            yield from _trimmed(text, start + cut, start + m.end())
            cut = m.end()
    yield from _trimmed(text, start + cut, end)


def _is_boundary(chunk: str, m) -> bool:
    nxt = m.group(1)
    punct = m.group()
    if not punct.startswith("."):  # ! ? …
        return nxt[0].isupper() or nxt[0] in "\"„“«'(–-" or nxt[0].isdigit()
    before = _TOKEN_BEFORE.search(chunk, 0, m.start())
    word = before.group(1) if before else ""
    token = word.lower().lstrip("(\"„“«'")
    if token + "." in FINAL_ABBREVIATIONS:
        return nxt[0].isupper()
    if token + "." in SENTENCE_ABBREVIATIONS or _NUMBER_GLUED.sub("", token) + "." in SENTENCE_ABBREVIATIONS:
        return False  # "plkst.", and one glued to its number: "2009.g."
    if len(word) == 1 and word.isupper():  # an initial: "I. Laizāne"
        return False
    if _ORDINAL.fullmatch(token):  # ordinal or date: "2019. gada", "15.-16. maijam"
        return nxt[0].isupper()
    if _DOTTED.fullmatch(token):  # "t.sk", "u.tml", "š.g"
        return False
    return nxt[0].isupper() or nxt[0].isdigit() or nxt[0] in "\"„“«'(–-"


def _trimmed(text: str, s: int, e: int):
    """The span without surrounding whitespace, or nothing if it is blank."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        yield s, e
