"""Plain records passed between stages.

Offsets always index ``Document.text``: the text as read after decoding (for HTML, the
extracted text), before any cleaning, so ``text[start:end] == surface`` holds everywhere.
Money is ``Decimal``, never float.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


def evolve(record, **changes):
    """``dataclasses.replace`` without re-running ``__init__``: consolidation copies tens of
    thousands of records, and replace made up a tenth of a re-run."""
    unknown = changes.keys() - record.__dataclass_fields__.keys()
    if unknown:
        raise TypeError(f"{type(record).__name__} has no field {sorted(unknown)[0]!r}")
    new = object.__new__(type(record))
    object.__setattr__(new, "__dict__", {**record.__dict__, **changes})  # frozen records too
    return new


def fact_id(doc_id: str, start: int, end: int, label: str) -> str:
    """Stable id of a fact: the same text gives the same id on every run, so review decisions
    attach to facts, not to row numbers."""
    return f"{doc_id}:{start}-{end}:{label}"


@dataclass(frozen=True)
class Document:
    doc_id: str
    source: str
    text: str = ""
    fmt: str = "text"  # text | html | pdf | docx | odt
    encoding: str = ""
    title: str = ""
    published: str = ""
    status: str = "ok"
    error: str = ""
    meta: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Sentence:
    doc_id: str
    idx: int
    start: int
    end: int
    furniture: bool = False  # site navigation, social links etc.: never yields facts

    @property
    def sent_id(self) -> str:
        return f"{self.doc_id}:{self.idx}"


@dataclass(frozen=True)
class ReviewMark:
    """A reviewer's decision on a fact, as ``lvpress run --reviews`` applied it (a rejected fact
    is dropped, so it never carries one)."""

    decision: str  # accept | correct
    reviewer: str = ""
    note: str = ""
    original_value: str = ""  # what the extractor said, for a correction


@dataclass(frozen=True)
class Mention:
    doc_id: str
    sent_idx: int
    start: int
    end: int
    text: str
    label: str
    norm: str
    method: str
    score: float
    note: str = ""  # why the extractor is unsure (a DATE without its year, ...)
    time: str = ""  # a DATE's clock time ("10:30")
    kind: str = ""  # a PROJECT_NAME's kind: acronym | title_lv | title_en
    review: ReviewMark | None = None


@dataclass(frozen=True)
class MoneyFact:
    mention: Mention
    amount: Decimal
    currency: str
    amount_eur: Decimal | None
    role: str = "other"  # total | erdf | cofinancing | other
    party: str = ""
    project_code: str = ""
    fund: str = ""  # the EU fund the text names for it (ERAF, ESF, ...)
    project_key: str = ""  # the project it is consolidated into (set across documents)
    review: ReviewMark | None = None


@dataclass(frozen=True)
class Event:
    """An event reported in one sentence; ``start``/``end`` are the trigger phrase's offsets."""

    doc_id: str
    sent_idx: int
    start: int
    end: int
    trigger: str
    event_type: str
    date: str = ""
    date_from: str = ""  # sent_id the date was read from, when not the event's own sentence
    place: str = ""  # ";"-separated PLACE norms
    participants: str = ""  # ";"-separated ORG and PLACE norms
    online: bool = False
    project_code: str = ""
    event_key: str = ""
    status: str = ""  # done | planned
    review: ReviewMark | None = None

    @property
    def event_id(self) -> str:
        return fact_id(self.doc_id, self.start, self.end, f"EVENT.{self.event_type}")


@dataclass(frozen=True)
class Person:
    """A PERSON mention with the role and organisation the text gives it."""

    mention: Mention
    role: str = ""
    organisation: str = ""
    same_as: str = ""  # the fuller name of the same person, when the documents make it safe
    link_reason: str = ""
    review: ReviewMark | None = None


@dataclass
class DocResult:
    """Everything the per-document stages produce for one document."""

    document: Document
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    money: list[MoneyFact] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    profile: list = field(default_factory=list)  # (field, value) the document states about its project
    sentence_texts: dict = field(default_factory=dict)  # sent_idx -> text, kept when the result is slimmed

    def sentence_text(self, idx: int) -> str:
        if idx in self.sentence_texts:
            return self.sentence_texts[idx]
        s = self.sentences[idx]
        return self.document.text[s.start:s.end]

    def slim(self) -> "DocResult":
        """What consolidation and the late tables need: no text, no sentences, few mentions."""
        import dataclasses

        need = {f.mention.sent_idx for f in self.money} | {e.sent_idx for e in self.events}
        keep = [m for m in self.mentions if m.label in ("PROJECT_CODE", "PROJECT_NAME")]
        return dataclasses.replace(
            self, document=dataclasses.replace(self.document, text="", meta={}), sentences=[], mentions=keep,
            sentence_texts={i: self.sentence_text(i) for i in sorted(need)})
