"""The page around an article: where its body ends (the update stamp, share buttons,
sidebars), "today" widgets (a date beside the day's name days) and the year that relative
dates in the body are read against. The publication date and the dates extractor both ask.
"""
from __future__ import annotations

import regex as re

from ..records import Document, Sentence

NAME_DAYS = re.compile(r"(?i:vārda dien)|^\p{Lu}\p{Ll}+(?:,\s*\p{Lu}\p{Ll}+){1,4}$")  # "Vida, Ida, Aīda"
BODY_END = re.compile(r"\s*(?:lapas informācija atjaunota|informācija atjaunota|dalīties|komentāri|"
                      r"saistītie raksti|lasi arī|līdzīgi raksti|twitter|©|copyright)", re.I)


def is_widget(text: str, sentences: list[Sentence], idx: int) -> bool:
    """A "today" widget: the line beside the date names the day's name days."""
    near = sentences[max(0, idx - 1): idx + 2]
    return any(NAME_DAYS.search(text[s.start:s.end]) for s in near if s.idx != idx)


def anchor_year(doc: Document) -> int | None:
    return int(doc.published[:4]) if doc.published[:4].isdigit() else None


def body_end(ctx) -> int:
    """Offset where the article body ends (the update stamp, share buttons, sidebars)."""
    return text_body_end(ctx.text, ctx.sentences)


def text_body_end(text: str, sentences: list[Sentence]) -> int:
    for s in sentences:
        if s.start > 0 and BODY_END.match(text, s.start, s.end):
            return s.start
    return len(text)
