"""The extractor registry and the per-document context extractors write into.

An extractor is a function ``fn(ctx: DocContext) -> None`` registered by name with
``@extractor("name")``; the run's configuration lists the names to run, in order (money
reads the project codes found before it). Adding a rule family is one new module and one
name in ``config.DEFAULT_EXTRACTORS``.
"""
from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..records import Document, Event, Mention, MoneyFact, Person, Sentence

EXTRACTORS: dict[str, Callable[["DocContext"], None]] = {}

# Modules that register extractors; imported on first use so the registry is complete.
EXTRACTOR_MODULES = ("codes", "project_names", "money", "dates", "entities", "events", "people")


def extractor(name: str):
    def register(fn):
        EXTRACTORS[name] = fn
        fn.extractor_name = name
        return fn

    return register


def get_extractor(name: str):
    if name not in EXTRACTORS:
        import importlib

        for mod in EXTRACTOR_MODULES:
            importlib.import_module(f"{__package__}.{mod}")
    try:
        return EXTRACTORS[name]
    except KeyError:
        raise ValueError(f"unknown extractor {name!r}; known: {', '.join(sorted(EXTRACTORS))}") from None


def scan(pattern, starts, text: str):
    """The matches ``pattern.finditer(text)`` gives, tried only where ``starts`` matches:
    a cheap pattern of where a match can begin spares a big one most offsets of the text."""
    end = 0
    for start in starts.finditer(text):
        if start.start() >= end and (m := pattern.match(text, start.start())):
            end = m.end()
            yield m


@dataclass
class DocContext:
    """One document under extraction: its text, sentences, optional spaCy Doc and findings."""

    document: Document
    sentences: list[Sentence]
    nlp_doc: Any = None
    mentions: list[Mention] = field(default_factory=list)
    money: list[MoneyFact] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    notes: dict[tuple[int, int, str], str] = field(default_factory=dict)
    extras: dict[tuple[int, int, str], dict] = field(default_factory=dict)

    def __post_init__(self):
        self._starts = [s.start for s in self.sentences]
        self._parsed = {ann.sentence.idx: ann for ann in self.nlp_doc or ()}

    @property
    def text(self) -> str:
        return self.document.text

    def sentence_at(self, offset: int) -> Sentence | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    def add(self, start: int, end: int, label: str, norm: str, method: str, score: float,
            note: str = "", **extra) -> Mention | None:
        """Record a mention unless it lies in site furniture or outside any sentence."""
        sent = self.sentence_at(start)
        if sent is None or sent.furniture or end > sent.end:
            return None
        m = Mention(self.document.doc_id, sent.idx, start, end, self.text[start:end], label,
                    norm, method, round(score, 3))
        self.mentions.append(m)
        if note:
            self.notes[(start, end, label)] = note
        if extra:
            self.extras[(start, end, label)] = extra
        return m

    def annotation(self, sent_idx: int):
        """The model's Annotated sentence (None without a model)."""
        return self._parsed.get(sent_idx)

    def lemmas(self, start: int, end: int) -> list[str]:
        """The model's lemmas of the tokens inside [start, end) (empty without a model):
        hints for putting names into the nominative."""
        sent = self.sentence_at(start)
        ann = self._parsed.get(sent.idx) if sent is not None else None
        if ann is None:
            return []
        span = ann.doc.char_span(start - ann.sentence.start, end - ann.sentence.start, alignment_mode="contract")
        return [t.lemma_ for t in span or () if t.lemma_ and t.is_alpha]

    def of_label(self, label: str) -> list[Mention]:
        return sorted((m for m in self.mentions if m.label == label), key=lambda m: m.start)
