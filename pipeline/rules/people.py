"""People with their role and organisation, as the text gives them.

Latvian press releases put the title before the name ("Sociālā dienesta vadītāja
S.Matačina", "Projekta vadītājs Ilmārs Matvejs") or after it as an apposition or a
signature block ("Ilze Lujāne, Zemgales plānošanas reģiona sabiedrisko attiecību
speciāliste"; a name line followed by organisation and title lines). An initial and a full
name are linked (``same_as``) only when the surname is the same, the initial fits the first
name and the organisation is the same: the link is recorded, the mentions are not merged.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

import regex as re

from ..lexicon import ROLE_CLAUSE_END, ROLE_ORG_HEADS
from ..records import Person, evolve
from .extract import DocContext, extractor
from .inflect import to_nominative

ROLE_NOUN = (r"(?:vadīt[āa]j|speciālist|pārstāv[ej]|(?:izpild)?direktor|priekšsēdēt[āa]j|koordinator|administrator|darbinie[ck]"
             r"|vietniek|ekspert|konsultant|psiholog|psihoterapeit|trener|mērs|ministr|deputāt|locek|sekretār"
             r"|lietved|grāmatved|skolotāj|pedagog|jurist|inženier|arhitekt|vadītāj|referent|asistent|menedžer"
             r"|projektu vadītāj|galv[aui])\p{L}*")
ROLE_RX = re.compile(rf"(?<!\p{{L}}){ROLE_NOUN}", re.I)
ORG_RX = re.compile(rf"(?:SIA\s*)?[„“\"«]?\p{{Lu}}[\p{{L}}-]*(?:\s+[\p{{L}}-]+){{0,6}}?\s+(?:{ROLE_ORG_HEADS})(?!\p{{L}})[”“\"»]?"
                    rf"|(?:SIA|AS|biedrība|\p{{Lu}}\p{{L}}+)\s*[„“\"«][^”“\"»]+[”“\"»]")  # Lietuvas “Visagino namai”
INITIALLED = re.compile(r"(\p{Lu})\.\s(.+)$")
BOUNDARY = re.compile(r"[,;:()]|\s(?:un|kā arī)\s(?=\p{Lu})")
QUOTED_NAME = re.compile(r"[„“\"«]([^”“\"»]+)[”“\"»]")
VERB_ENDING = re.compile(r"(?:ja|jās|ēja|āja|ēs|ot|dams|dama)$")  # not "-ās" of "reģionālās"
NAME_START = re.compile(r"(?<!\p{L})[\p{Lu}„“\"«]")
ROLE_WORD = re.compile(r"\p{L}+(?:-\p{L}+)*")
NOT_IN_ROLE = {"un", "ar", "kā", "arī", "par", "no", "uz", "ir", "bija", "tika", "pie", "pēc", "kas", "jau",
               "paldies", "sagatavoja", "informāciju"}
# A verb or a word no name holds ends the clause before a name: "Līgumu parakstīja Dagdas
# novada pašvaldības ...", "Informāciju sagatavoja Zemgales plānošanas reģiona ...",
# "Liels paldies arī biedrības ...".
CLAUSE_WORD = re.compile(r"(?<!\p{L})(?:\p{Ll}+(?:īja|āja|ēja|oja|uja)|"
                         + "|".join(sorted(NOT_IN_ROLE - {"un"})) + r")(?!\p{L})\s*", re.I)


def analyse(segment: str) -> tuple[str, str]:
    """(role, organisation) in a piece of text next to a name; the role in whole words."""
    roles = list(ROLE_RX.finditer(segment))
    if not roles:  # a signature's organisation line: "Ieva Liepa\nCentrālā finanšu un līgumu aģentūra"
        whole = ORG_RX.match(segment)
        return ("", _organisation(whole.group())) if whole and whole.end() == len(segment.rstrip()) else ("", "")
    role_m = roles[-1]
    org_span = _org_before(segment, role_m.start())
    near = org_span is not None and segment[org_span[1]:role_m.start()].count(" ") <= 3
    organisation = _organisation(segment[slice(*org_span)]) if near else ""
    if organisation:
        lead = _role_words(segment[org_span[1]:role_m.start()].split(), len(segment))
    else:
        lead = _role_words(segment[:role_m.start()].split(), 2)
    return " ".join(lead + [role_m.group()]), organisation


def _org_before(segment: str, end: int) -> tuple[int, int] | None:
    """The span of the last organisation name before ``end``, with the names it is part of
    ("Jelgavas novada pašvaldības Attīstības nodaļa": two matches, one name)."""
    span = None
    for m in ORG_RX.finditer(segment, 0, end):
        joined = span is not None and not segment[span[1]:m.start()].strip()
        span = (span[0] if joined else m.start(), m.end())
    return span


def _role_words(words: list[str], most: int) -> list[str]:
    """The words right before a role noun that belong to the role ("sabiedrisko attiecību"),
    whole words only: the run ends at a quote, a number, a verb or a linking word, except
    for the "un" of a title that starts with a capital ("Izglītības un zinātnes ministre")."""
    lead: list[str] = []
    for i in range(len(words) - 1, -1, -1):
        w = words[i]
        if w == "un" and lead:
            title = _title_before(words[:i])
            return words[title:i + 1] + lead if title is not None else lead
        if len(lead) == most or not _in_role(w):
            break
        lead.insert(0, w)
    return lead


def _in_role(word: str) -> bool:
    return bool(ROLE_WORD.fullmatch(word)) and not VERB_ENDING.search(word) and word.lower() not in NOT_IN_ROLE


def _title_before(words: list[str]) -> int | None:
    """Where a capitalised title ends its run of up to three role words before an "un"."""
    for i in range(len(words) - 1, max(-1, len(words) - 4), -1):
        if not _in_role(words[i]):
            return None
        if words[i][:1].isupper():
            return i
    return None


def _organisation(org_text: str) -> str:
    """An organisation's name in the nominative, without the clause before it."""

    org_text = org_text.strip()
    clause = list(CLAUSE_WORD.finditer(org_text))
    if clause:  # the name starts at the first capital or quote after the clause
        rest = NAME_START.search(org_text, clause[-1].end())
        if rest is None:
            return ""
        org_text = org_text[rest.start():]
    quoted = QUOTED_NAME.search(org_text)
    return quoted.group(1).strip() if quoted else to_nominative(org_text, "org")


@extractor("people", requires=("PERSON",), assigns=("people",))
def extract_people(ctx: DocContext) -> None:
    text = ctx.text
    for m in ctx.of_label("PERSON"):
        sent = ctx.sentences[m.sent_idx]
        before = text[sent.start:m.start]
        role, org = analyse(_segment_before(before))
        if not role:
            after = text[m.end:sent.end]
            stop = ROLE_CLAUSE_END.search(after)
            after = after[:stop.start()] if stop else after
            nxt = [s for s in ctx.sentences[sent.idx + 1: sent.idx + 3] if not s.furniture]
            if not after.strip(" ,") and nxt:  # a name line, then organisation and title lines
                after = " ".join(text[s.start:s.end] for s in nxt)
                org = analyse(text[nxt[0].start:nxt[0].end])[1]
            role, org_after = analyse(after.lstrip(" ,–-"))
            org = org_after or org
        ctx.people.append(Person(m, role, org))


def _segment_before(before: str) -> str:
    """The piece of text before a name that may hold its title: after the last comma or
    linking word, or a label before a colon ("Projekta vadītāja: Ilze Liepa")."""
    cut = list(BOUNDARY.finditer(before))
    if not cut:
        return before
    last = cut[-1]
    if last.group() == ":" and not before[last.end():].strip():
        start = cut[-2].end() if len(cut) > 1 else 0
        return before[start:last.start()]
    return before[last.end():]


class FullName(NamedTuple):
    """A person named in full with their organisation: what an initialled mention elsewhere
    may be linked to."""

    surname: str
    organisation: str
    name: str


def full_names(people: list[Person]) -> list[FullName]:
    """The people of a document named in full with their organisation."""
    return [FullName(p.mention.norm.rsplit(" ", 1)[1], p.organisation, p.mention.norm) for p in people
            if p.organisation and not INITIALLED.match(p.mention.norm) and " " in p.mention.norm]


class PeopleLinks:
    """Record (never merge) that "I. Laizāne" is "Ilze Laizāne" when surname, initial and
    organisation agree, given every document's ``full_names``."""

    def __init__(self, names: Iterable[FullName]):
        self.full: dict[tuple[str, str], set[str]] = defaultdict(set)  # (surname, organisation) -> full names
        for n in names:
            self.full[(n.surname, n.organisation)].add(n.name)

    def link(self, people: list[Person]) -> list[Person]:
        out = []
        for p in people:
            m = INITIALLED.match(p.mention.norm)
            if m and p.organisation:
                hits = sorted(n for n in self.full.get((m.group(2), p.organisation), ()) if n.startswith(m.group(1)))
                if len(hits) == 1:
                    p = evolve(p, same_as=hits[0], link_reason=f"same surname, initial {m.group(1)}., same organisation")
            out.append(p)
        return out
