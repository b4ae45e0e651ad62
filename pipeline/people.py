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

import regex as re

from .extract import DocContext, extractor
from .records import Person, evolve

ROLE_NOUN = (r"(?:vadītāj|speciālist|pārstāv[ej]|direktor|priekšsēdētāj|koordinator|administrator|darbinie[ck]"
             r"|vietniek|ekspert|konsultant|psiholog|psihoterapeit|trener|mērs|ministr|deputāt|locek|sekretār"
             r"|lietved|grāmatved|skolotāj|pedagog|jurist|inženier|arhitekt|vadītāj|referent|asistent|menedžer"
             r"|projektu vadītāj|galv[aui])\p{L}*")
ROLE_RX = re.compile(rf"(?<!\p{{L}}){ROLE_NOUN}", re.I)
ORG_HEADS = (r"pašvaldīb\p{L}*|dom(?:e|es)|dienest\p{L}*|nodaļ\p{L}*|centr\p{L}*|reģion\p{L}*|skol\p{L}*"
             r"|biedrīb\p{L}*|pārvald\p{L}*|iestād\p{L}*|aģentūr\p{L}*|ministrij\p{L}*|universitāt\p{L}*"
             r"|fond\p{L}*|muzej\p{L}*|bibliotēk\p{L}*|slimnīc\p{L}*|uzņēmum\p{L}*|sabiedrīb\p{L}*")
ORG_RX = re.compile(rf"(?:SIA\s*)?[„“\"«]?\p{{Lu}}[\p{{L}}-]*(?:\s+[\p{{L}}-]+){{0,6}}?\s+(?:{ORG_HEADS})[”“\"»]?"
                    rf"|(?:SIA|AS|biedrība)\s*[„“\"«][^”“\"»]+[”“\"»]")
INITIALLED = re.compile(r"(\p{Lu})\.\s(.+)$")
BOUNDARY = re.compile(r"[,;:()]|\s(?:un|kā arī)\s(?=\p{Lu})")
QUOTED_NAME = re.compile(r"[„“\"«]([^”“\"»]+)[”“\"»]")
VERB_ENDING = re.compile(r"(?:ja|ās|ēja|āja|ēs|ot|dams|dama)$")
CLAUSE_END = re.compile(r"[;()]|\s(?:un|kā arī)\s")


def analyse(segment: str) -> tuple[str, str]:
    """(role, organisation) in a piece of text next to a name."""
    from .inflect import to_nominative

    roles = list(ROLE_RX.finditer(segment))
    if not roles:
        return "", ""
    role_m = roles[-1]
    org_m = None
    for m in ORG_RX.finditer(segment[:role_m.start()]):
        org_m = m
    if org_m and segment[org_m.end():role_m.start()].count(" ") <= 3:
        org_text = org_m.group().strip()
        quoted = QUOTED_NAME.search(org_text)
        organisation = quoted.group(1) if quoted else to_nominative(org_text, "org")
        role = segment[org_m.end():role_m.end()]
    else:
        organisation = ""
        words = segment[:role_m.start()].split()
        lead = [w for w in words[-2:] if not VERB_ENDING.search(w)]
        role = " ".join(lead + [role_m.group()])
    return " ".join(role.split()).strip(" ,–-"), organisation


@extractor("people")
def extract_people(ctx: DocContext) -> None:
    text = ctx.text
    for m in ctx.of_label("PERSON"):
        sent = ctx.sentences[m.sent_idx]
        before = text[sent.start:m.start]
        cut = list(BOUNDARY.finditer(before))
        role, org = analyse(before[cut[-1].end():] if cut else before)
        if not role:
            after = text[m.end:sent.end]
            stop = CLAUSE_END.search(after)
            after = after[:stop.start()] if stop else after
            if not after.strip(" ,") and sent.idx + 1 < len(ctx.sentences):
                nxt = ctx.sentences[sent.idx + 1: sent.idx + 3]
                after = " ".join(text[s.start:s.end] for s in nxt if not s.furniture)
            role, org = analyse(after.lstrip(" ,–-"))
        ctx.people.append(Person(m, role, org))


def full_names(people: list[Person]) -> list[tuple[str, str, str]]:
    """(surname, organisation, name) of the people named in full with their organisation:
    what an initialled mention elsewhere may be linked to."""
    return [(p.mention.norm.rsplit(" ", 1)[1], p.organisation, p.mention.norm) for p in people
            if p.organisation and not INITIALLED.match(p.mention.norm) and " " in p.mention.norm]


class PeopleLinks:
    """Record (never merge) that "I. Laizāne" is "Ilze Laizāne" when surname, initial and
    organisation agree, given every document's ``full_names``."""

    def __init__(self, names: Iterable[tuple[str, str, str]]):
        self.full: dict[tuple[str, str], set[str]] = defaultdict(set)  # (surname, organisation) -> full names
        for surname, organisation, name in names:
            self.full[(surname, organisation)].add(name)

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
