"""Sentences as the event rules see them: words (with the model's lemmas and morphology when it
ran), cut into clauses, and the words that can be an event's trigger.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex as re

from ..records import Mention
from . import event_triggers as T
from .event_triggers import Word
from .extract import DocContext

# definite participles, whatever the tagger says: "apstiprinātajām izmaiņām", "apstiprināto projektu"
DEFINITE_PARTICIPLE = re.compile(r"t(?:ais|ajā|ajam|ajām|ajiem|ajos|ajai|ajās|ie|ās|o)$")


@dataclass
class Clause:
    words: list[Word]
    sent_idx: int
    sentence: list[Word] = field(default_factory=list)  # all the words of its sentence
    dated: bool = False  # a date stands in it
    _keys: tuple[set[str], set[str], set[str]] | None = field(default=None, repr=False, compare=False)

    @property
    def start(self) -> int:
        return self.words[0].start

    @property
    def end(self) -> int:
        return self.words[-1].end

    def may_hold(self, lexicon: T.Lexicon) -> bool:
        """False when no word of the clause can belong to ``lexicon`` (one set test)."""
        if self._keys is None:
            self._keys = ({w.lemma for w in self.words}, {w.low[:4] for w in self.words}, {w.low for w in self.words})
        return lexicon.may_hold(*self._keys)

    def has(self, lexicon: T.Lexicon) -> bool:
        return self.may_hold(lexicon) and any(w in lexicon for w in self.words)

    def text_between(self, start: int, end: int) -> str:
        """The words of the clause inside [start, end)."""
        return " ".join(w.text for w in self.words if start <= w.start < end)

    def find(self, lexicon: T.Lexicon) -> Word | None:
        return next((w for w in self.words if w in lexicon), None) if self.may_hold(lexicon) else None


@dataclass
class Found:
    """One clause's event before the clauses about one happening are merged."""

    event_type: str
    trigger: Word
    clause: Clause
    status: str
    date: str = ""
    date_from: str = ""
    place: str = ""
    participants: list[str] = field(default_factory=list)
    about: Clause | None = None  # a relative clause about the trigger: "procedūra, kuras uzvarētājs ir SIA X"
    weak: bool = False  # named by a verb of result only ("uzstādīts"): its clause names owners, not participants
    subjects: list[str] = field(default_factory=list)  # the actors named before the trigger


# --- words and clauses -------------------------------------------------------------------------
def sentence_words(ctx: DocContext, sent, titles: list[Mention], names: list[Mention]) -> list[Word]:
    """The sentence's words, those of titles and quotes and those of places' and people's
    names marked."""
    ann = ctx.annotation(sent.idx)
    words = (T.words_without_model(ctx.text, sent.start, sent.end) if ann is None
             else T.words_from_doc(ann.doc, sent.start))
    quoted = [(t.start, t.end) for t in titles if sent.start <= t.start < sent.end] + _quoted(words)
    proper = [(m.start, m.end) for m in names if sent.start <= m.start < sent.end]
    for w in words if quoted or proper else ():  # the words are this call's own: marked in place
        w.in_name = any(a <= w.start < b for a, b in quoted)
        w.proper = any(a <= w.start < b for a, b in proper)
    return words


def _quoted(words: list[Word]) -> list[tuple[int, int]]:
    """Spans between quotes: names of projects, programmes and things, never an event's words."""
    spans, opened = [], None
    for w in words:
        if w.text in "„«" or (w.text in "“\"" and opened is None):
            opened = opened if opened is not None else w.end
        elif w.text in "”»“\"" and opened is not None:
            spans.append((opened, w.start))
            opened = None
    return spans


def is_predicate(w: Word) -> bool:
    return w.pos in ("VERB", "AUX") and (w.feat("VerbForm") == "Fin" or
                                         (w.feat("VerbForm") == "Part" and w.feat("Definite") != "Def"))


def clauses(words: list[Word], sent_idx: int) -> list[Clause]:
    """The sentence cut at semicolons, brackets, commas before a clause word ("kas", "bet") and
    "un" before a pronoun that takes up what was told ("un tos plānots pabeigt");
    with a model also at other commas between two pieces that each have a verb. A piece
    without a verb ("2019. gada 5. martā Mariehamnā,") belongs to the clause after it, or at
    the end of a clause to that clause; words before the first verb belong to the first clause
    ("Būvdarbi, kas sākās maijā, ...")."""
    pieces: list[tuple[bool, list[Word]]] = [(True, [])]
    for i, w in enumerate(words):
        if w.text in ("(", ")"):  # a bracket's words belong to the clause around it
            continue
        if w.text == ";":
            pieces.append((True, []))
        elif w.text == ",":
            after = words[i + 1].text if i + 1 < len(words) else ""
            pieces.append((bool(T.CLAUSE_START.fullmatch(after)), []))
        elif w.lemma == "un" and i + 1 < len(words) and words[i + 1].pos == "PRON" and words[i + 1].lemma == "tas":
            pieces.append((True, [w]))  # "darbi tiks uzsākti martā un tos plānots pabeigt ...": a second clause
        else:
            pieces[-1][1].append(w)
    out: list[list[Word]] = []
    pending: list[Word] = []
    for hard, body in pieces:
        if hard and pending and out:  # before the first clause, the words wait for it
            out[-1].extend(pending)
            pending = []
        if any(is_predicate(w) for w in body):
            out.append(pending + body)
            pending = []
        else:
            pending += body
    if pending and out:
        out[-1].extend(pending)
    elif pending:
        out.append(pending)
    return [Clause(ws, sent_idx, words) for ws in out if ws]


# --- words that can be triggers -----------------------------------------------------------------
def is_attributive(w: Word) -> bool:
    """A definite participle or adjective ("piešķirtais finansējums", "apstiprinātie projekti"):
    describes a thing, reports no event."""
    low = w.text.lower()
    if DEFINITE_PARTICIPLE.search(low):
        return True
    if w.feats:
        return w.feat("Definite") == "Def" and (w.feat("VerbForm") == "Part" or w.pos == "ADJ")
    return False


def is_purpose(w: Word) -> bool:
    """A noun in the dative: what something is for ("restaurācijas pabeigšanai"), not an event."""
    if w.feats:
        return w.pos == "NOUN" and w.feat("Case") == "Dat"
    return w.text.lower().endswith(("šanai", "šanām"))


def usable(w: Word) -> bool:
    """A word that can name an event: not in a name, not describing a thing, not a gerund."""
    return (not w.in_name and not w.proper and not is_attributive(w) and not is_purpose(w)
            and w.feat("VerbForm") != "Conv")


def first_usable(c: Clause, lexicon: T.Lexicon) -> Word | None:
    return next((w for w in c.words if w in lexicon and usable(w)), None) if c.may_hold(lexicon) else None


def is_relative(c: Clause) -> bool:
    """A clause that opens with a relative word, maybe after a preposition: "kas", "par kuras"."""
    head = c.words[:2] if c.words[0].pos == "ADP" or c.words[0].lemma in ("par", "no", "ar", "pēc") else c.words[:1]
    return bool(T.RELATIVE.fullmatch(head[-1].text))
