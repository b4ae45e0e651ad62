"""The extractor registry and the per-document context extractors write into.

An extractor is a function ``fn(ctx: DocContext) -> None`` registered by name with
``@extractor("name", requires=..., assigns=...)``, as spaCy declares its components: what it
reads that other extractors write (mention labels, or "money", "events", "people" for their
facts) and what it writes itself. ``plan`` orders a run's extractors by these declarations and
refuses a set that lacks what one of them reads. Every module of this package is imported on
first use and ``all`` (the default of ``--extractors``) names every registered extractor, so
adding a rule family is one new module here.
"""
from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..records import Document, Event, Mention, MoneyFact, Person, Sentence


@dataclass(frozen=True)
class Extractor:
    name: str
    fn: Callable[["DocContext"], None]
    requires: tuple[str, ...] = ()  # what it reads that others write: mention labels, "money", ...
    assigns: tuple[str, ...] = ()  # what it writes for others to read


EXTRACTORS: dict[str, Extractor] = {}


def extractor(name: str, requires: tuple[str, ...] = (), assigns: tuple[str, ...] = ()):
    def register(fn):
        EXTRACTORS[name] = Extractor(name, fn, tuple(requires), tuple(assigns))
        return fn

    return register


def registered() -> dict[str, Extractor]:
    """Every extractor of the rules wing: importing its modules registers them."""
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules(importlib.import_module(__package__).__path__):
        importlib.import_module(f"{__package__}.{module.name}")
    return EXTRACTORS


def get_extractor(name: str) -> Callable[["DocContext"], None]:
    known = EXTRACTORS if name in EXTRACTORS else registered()
    try:
        return known[name].fn
    except KeyError:
        raise ValueError(f"unknown extractor {name!r}; known: {', '.join(sorted(known))}") from None


def plan(names: list[str]) -> list[str]:
    """``names`` in the order they run: each after the extractors that assign what it requires,
    otherwise as given (``all``: every registered extractor, by name). ValueError for an unknown
    name or a requirement none of them assigns."""
    if "all" in names:
        names = sorted(registered())
    names = list(dict.fromkeys(names))
    for name in names:
        get_extractor(name)
    chosen = [EXTRACTORS[name] for name in names]
    assigners = {what: {e.name for e in chosen if what in e.assigns} for e in chosen for what in e.requires}
    missing = [(e.name, what) for e in chosen for what in e.requires if not assigners[what]]
    if missing:
        raise ValueError("; ".join(f"extractor {name!r} reads {what}, which {_assigners_of(what)} writes"
                                   for name, what in missing) + ": add it to --extractors")
    ordered: list[Extractor] = []
    while len(ordered) < len(chosen):
        done = {e.name for e in ordered}
        ready = [e for e in chosen if e.name not in done and all(assigners[w] <= done for w in e.requires)]
        if not ready:
            raise ValueError(f"extractors that read each other's findings: {', '.join(sorted(set(names) - done))}")
        ordered.append(ready[0])
    return [e.name for e in ordered]


def _assigners_of(what: str) -> str:
    return " or ".join(repr(e.name) for e in registered().values() if what in e.assigns) or "no extractor"


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
            note: str = "", time: str = "", kind: str = "") -> Mention | None:
        """Record a mention unless it lies in site furniture or outside any sentence."""
        sent = self.sentence_at(start)
        if sent is None or sent.furniture or end > sent.end:
            return None
        m = Mention(self.document.doc_id, sent.idx, start, end, self.text[start:end], label,
                    norm, method, round(score, 3), note, time, kind)
        self.mentions.append(m)
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
