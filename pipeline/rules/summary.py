"""What one document brings to the cross-document decisions, computed with its rules.

The profile (the fields a document states about its project) and the summary are made per
document, so consolidation needs neither the text nor the sentences and cached results keep
them ready.
"""
from __future__ import annotations

import dataclasses
import functools
import sys
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

import regex as re

from ..records import DocResult, Mention
from .people import FullName, full_names
from .project_names import beside_code, name_key, sentence_words

PERIOD_CONTEXT = re.compile(r"īsteno\p{L}*|īstenošanas|ilgums|ilgs|norises laiks|projekta laiks|laika posmā", re.I)
START_CONTEXT = re.compile(r"\b(?:uzsākšan\p{L}*|uzsākt\p{L}*|sākum\p{L}*|sākās|sākot)\s*$", re.I)
# "ar 2019. gada 14. septembri beidzas projekta ieviešana", "projekta īstenošana pabeigta 2020. gadā":
# the project's own run, begun or ended on a date (not its works': "būvdarbi noslēdzās").
PROJECT_RUN = re.compile(r"\bprojekt\p{L}*\s+(?:\S+\s+)?(?:īstenošan|ieviešan)\p{L}*"
                         r"|\b(?:īstenošan|ieviešan)\p{L}*\s+(?:\S+\s+)?projekt", re.I)
# "Projektu plānots īstenot līdz 2014. gada 30. jūnijam", "projekta īstenošanas termiņš – …": the planned
# end of the project's run, a single date (a period "no … līdz …" is one range).
END_CONTEXT = re.compile(r"(?:\blīdz|\b(?:īstenošanas|ieviešanas)\s+(?:beigu\s+)?termiņ\p{L}*(?:\s+ir)?\s*[:–-]?)\s*$",
                         re.I)
# A call for proposals' deadline ("pieteikumus projektu īstenošanai iesniedz līdz …") is no project's end.
CALL_DEADLINE = re.compile(r"iesnie\p{L}*|iesnied\p{L}*|pieteik\p{L}*|pieņemšan\p{L}*", re.I)
PROJECT_RUN_ANY = re.compile(r"\bprojekt\p{L}*\b.*\b(?:jā)?(?:īsteno|ievieš)\p{L}*"
                             r"|\b(?:jā)?(?:īsteno|ievieš)\p{L}*\b.*\bprojekt", re.I | re.S)
RUN_ENDS = re.compile(r"\b(?:pabeigt|beidz|beigs|noslēdz|noslēgs)\p{L}*", re.I)
RUN_BEGINS = re.compile(r"\b(?:uzsākt|uzsāk|aizsāk|sākās|sāksies)\p{L}*", re.I)
PARTNER_CONTEXT = re.compile(r"partner\p{L}*|dalībniek\p{L}*", re.I)
# A code named as the frame of another project ("projekts „X” (Nr. …) ietvaros „Y”", "… ietvaros
# īstenotā projekta") or as a reference ("saskaņā ar projektu Nr. …"), not as the document's own.
CITED_AFTER = re.compile(r"[\s)\]]*ietvaros\s*(?:[„“\"«](?:[^\s”“\"»]+\s+){2}[^”“\"»\n]*[”“\"»]"  # a title: 3 words or more
                         r"|(?:īstenot|realizēt|izveidot|veikt)\p{L}*\s+(?:apakš)?projekt)", re.I)
CITED_BEFORE = re.compile(r"saskaņā ar\s+(?:\p{L}+\s+){0,2}projektu\b.{0,80}$", re.I | re.S)  # not "projekta līgumu"
# An earlier or similar project named for comparison ("iepriekšējā projektā LLI-317", "līdzīgi kā agrāk
# īstenotajā projektā Nr. …", "līdzīgs projektam …"): the code right after the word "projekts";
# or the project another one continues ("projekta LLI-317 turpinājums").
CITED_EARLIER = re.compile(r"\b(?:iepriekšēj\p{L}*|agrāk(?:\s+\p{L}+)?|iepriekš\s+\p{L}+|līdzīg\p{L}*"
                           r"|pagājuš\p{L}*\s+gad\p{L}*)\s+projekt\p{L}*\s*(?:(?:Nr|ID)\.?\s*)*$", re.I)
CONTINUED = re.compile(r"[\s)\]]*turpinājum", re.I)
MAX_WORD_SENTENCES = 200  # of a document without a code of its own, kept to find titles in


def _names(result: DocResult) -> list[tuple[Mention, str]]:
    return [(m, m.kind) for m in result.mentions if m.label == "PROJECT_NAME"]


def _name_links(text: str, codes: list[Mention], names: list[tuple[Mention, str]]) -> list[tuple[str, str]]:
    """(name, code) for the names of a document that a code pins down: in the same sentence,
    the one written beside it, else the nearest (a round-up names each project by its code and
    title side by side: "„…” (Nr. …) un „…” (Nr. …)"); else the document's only code."""
    distinct = {m.norm for m in codes}
    by_sentence: dict[int, list[Mention]] = {}
    for c in codes:
        by_sentence.setdefault(c.sent_idx, []).append(c)
    out = []
    for m, _kind in names:
        if m.sent_idx in by_sentence:
            near = min(by_sentence[m.sent_idx], key=lambda c: (not beside_code(text, (m.start, m.end), [c]), _gap(c, m)))
            out.append((m.norm, near.norm))
        elif len(distinct) == 1:
            out.append((m.norm, next(iter(distinct))))
    return list(dict.fromkeys(out))


def _gap(a: Mention, b: Mention) -> int:
    """The characters between two mentions of one sentence."""
    return b.start - a.end if a.end <= b.start else a.start - b.end


class SummaryMoney(NamedTuple):
    """A money fact as consolidation weighs it."""

    role: str
    party: str
    currency: str
    amount_eur: Decimal | None
    project_code: str


class SummaryEvent(NamedTuple):
    """An event as consolidation links it to the same happening elsewhere."""

    event_type: str
    date: str
    online: bool
    project_code: str
    event_id: str


@dataclass(slots=True)
class Summary:
    """What one document brings to the cross-document decisions (codes, names, amounts, dates,
    people's full names): about 6 KB in memory, where its slim result takes 24 KB; a document
    without a code of its own adds its sentences' words, to find project titles in."""

    doc_id: str
    codes: set[str]
    cited: set[str]  # codes it names only as another project's frame or reference
    names: list[tuple[str, str]]  # (name, kind) of its project names, kept only without a code of its own
    name_links: list[tuple[str, str]]  # (name, code) for the names a code pins down
    profile: list[tuple[str, str]]  # each pair once: the projects' fields count documents
    money: list[SummaryMoney]
    events: list[SummaryEvent]
    full_names: list[FullName]
    words: list[str]  # its sentences' words, kept only without a code of its own (see title_found_in)
    near_duplicate_of: str = ""  # the doc_id of the first document of its near-duplicate group

    @classmethod
    def of(cls, r: DocResult) -> "Summary":
        names = _names(r)
        code_mentions = [m for m in r.mentions if m.label == "PROJECT_CODE"]
        codes = {m.norm for m in code_mentions}
        profile = list(dict.fromkeys(r.profile))
        cited = {v for f, v in profile if f == "cited_code"}
        cited_names = [tuple(v.split("\t")) for f, v in profile if f == "cited_name"]
        return cls(r.document.doc_id, codes, cited,
                   [] if codes - cited else list(dict.fromkeys((m.norm, kind) for m, kind in names)),
                   _name_links(r.document.text, [m for m in code_mentions if m.norm not in cited], names) + cited_names,
                   [(f, v) for f, v in profile if f not in ("cited_code", "cited_name", "words")],
                   [SummaryMoney(f.role, f.party, f.currency, f.amount_eur, f.project_code) for f in r.money],
                   [SummaryEvent(e.event_type, e.date, e.online, e.project_code, e.event_id) for e in r.events],
                   full_names(r.people), [v for f, v in profile if f == "words"])

    def interned(self) -> "Summary":
        """The same summary with its strings shared with every other document's: roles,
        currencies, funds, dates, names and programmes repeat across a corpus, and the
        runner holds one summary per document until consolidation."""
        for f in dataclasses.fields(self):
            setattr(self, f.name, _interned(getattr(self, f.name)))
        return self

    def free_names(self) -> list[tuple[str, str]]:
        """Its names that no code of its own pins to a project."""
        pinned = {name_key(name) for name, _ in self.name_links}
        return [(name, kind) for name, kind in self.names if name_key(name) not in pinned]


def _interned(value):
    if isinstance(value, str):
        return sys.intern(value)
    if isinstance(value, tuple) and hasattr(value, "_make"):  # a named record takes its fields one by one
        return value._make(_interned(v) for v in value)
    if isinstance(value, (list, tuple, set)):
        return type(value)(_interned(v) for v in value)
    return value


def document_profile(r: DocResult) -> list[tuple[str, str]]:
    """(field, value) pairs this document states about its project; computed per document so
    that consolidation needs neither the text nor the sentences (and results can be slimmed)."""
    text = r.document.text
    out: list[tuple[str, str]] = [(kind, m.norm) for m, kind in _names(r) if kind]
    # once per sentence, not per mention: a long line holds thousands of mentions
    partner_sentence = functools.cache(lambda i: bool(PARTNER_CONTEXT.search(_sentence_text(r, i))))
    cited, cited_names = _citations(r)
    out += [("cited_code", code) for code in sorted(cited)]
    out += [("cited_name", f"{name}\t{code}") for name, code in cited_names]
    if not {m.norm for m in r.mentions if m.label == "PROJECT_CODE"} - cited:
        kept = (s for s in r.sentences if not s.furniture)
        out += [("words", sentence_words(text[s.start:s.end])) for s, _ in zip(kept, range(MAX_WORD_SENTENCES))]
    for m in r.mentions:
        sent = r.sentences[m.sent_idx]
        if m.label == "PROGRAMME":
            out.append(("programme", m.norm))
        elif m.label == "ORG" and partner_sentence(m.sent_idx):
            out.append(("partner", m.norm))
        elif m.label != "DATE" or not m.norm or "X" in m.norm:
            continue
        elif "/" in m.norm and PERIOD_CONTEXT.search(_sentence_text(r, m.sent_idx)):
            start, end = m.norm.split("/")
            out += [("start", start), ("end", end)]
        elif START_CONTEXT.search(text[sent.start:m.start]):
            out.append(("start", m.norm))
        elif "/" not in m.norm and END_CONTEXT.search(text[sent.start:m.start]) \
                and PROJECT_RUN_ANY.search(sentence := _sentence_text(r, m.sent_idx)) \
                and not CALL_DEADLINE.search(sentence):
            out.append(("end", m.norm))
        elif "/" not in m.norm and PROJECT_RUN.search(sentence := _sentence_text(r, m.sent_idx)):
            if RUN_ENDS.search(sentence):
                out += [("end", m.norm), ("end_done", m.norm)]
            elif RUN_BEGINS.search(sentence):
                out += [("start", m.norm), ("start_done", m.norm)]
    return out


def _citations(r: DocResult) -> tuple[set[str], list[tuple[str, str]]]:
    """The codes a document names only as another project's frame or as a reference, and
    (name, code) for the names written right beside such a code ("„Vidzeme iekļauj” (ID Nr.
    9.2.2.1/15/I/003)"; not the project named after its "ietvaros")."""
    text = r.document.text
    cited, own, beside = set(), set(), []
    names = [m for m, _ in _names(r)]
    for m in r.mentions:
        if m.label == "PROJECT_CODE":
            sent = r.sentences[m.sent_idx]
            as_citation = (CITED_AFTER.match(text, m.end) or CITED_BEFORE.search(text, sent.start, m.start)
                           or CITED_EARLIER.search(text, sent.start, m.start) or CONTINUED.match(text, m.end))
            (cited if as_citation else own).add(m.norm)
            beside += [(n.norm, m.norm) for n in names if beside_code(text, (n.start, n.end), [m])]
    cited -= own
    return cited, list(dict.fromkeys((name, code) for name, code in beside if code in cited))


def _sentence_text(r: DocResult, i: int) -> str:
    return r.document.text[r.sentences[i].start:r.sentences[i].end]
