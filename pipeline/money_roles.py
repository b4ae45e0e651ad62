"""Who pays what: the role, party and project of each amount, from its clause and neighbours.

Latvian budget sentences chain figures: "kopējais budžets ir X, tostarp ERAF finansējums Y,
pašvaldības līdzfinansējums Z". Each amount's role comes from the words between it and the
previous figure (or the sentence start) and the few words after it; a figure in brackets
right after another one is the same money in another currency; ERDF and co-financing parts
("tostarp", "t.sk.", "no kuriem") inherit the partner of the total they belong to.
"""
from __future__ import annotations

import dataclasses

import regex as re

from .extract import DocContext
from .records import MoneyFact

ROLE_PATTERNS = [  # first match wins: an "ERAF līdzfinansējums" is ERDF money
    ("erdf", re.compile(r"\b(?:ERAF|ERDF)\b|Eiropas Reģionālās attīstības fond", re.I)),
    ("other", re.compile(r"\b(?:ESF\+?|KF|ELFLA|EAFRD|EJZF|EJZLF|ELGF|AMIF)\b|Eiropas Sociāl\p{L}* fond"
                         r"|Kohēzijas fond|lauku attīstības fond", re.I)),
    ("cofinancing", re.compile(r"līdzfinans\p{L}*|valsts budžet\p{L}*|valsts (?:finansējum|dotācij)\p{L}*"
                               r"|pašvaldības (?:finansējum|ieguldījum)\p{L}*|nacionāl\p{L}* (?:publisk\p{L}* )?finansējum"
                               r"|pašu (?:finansējum|ieguldījum)\p{L}*|co-?financ\p{L}*", re.I)),
    ("total", re.compile(r"kopēj\p{L}*|kopsumm\p{L}*|kopā\b|budžet\p{L}*|izmaks\p{L}*|finansējum\p{L}*|daļ[aāu]\b"
                         r"|vērtīb\p{L}*|\btotal\b|\bbudget\b", re.I)),
]
FUND_NAMES = re.compile(r"\b(ERAF|ERDF|ESF\+?|KF|ELFLA|EAFRD|EJZF|EJZLF|AMIF)\b")
# Phrases that make the next figure part of the one before it.
SPACES = re.compile(r"\s+")
LEAD_WORD_QUOTED = re.compile(r"(\p{L}+)\s+([„“\"«].*)$")
INCLUDES = re.compile(r"tostarp|t\.\s?sk\.|tsk\.|tai skaitā|no kur\p{L}*|no tām|no tiem|ieskaitot", re.I)
# "214 553 eiro (150 787,84 lati)", "31 625 eiro liels finansējums (22 226,17 lati)", "EUR 100 / LVL 70"
SAME_MONEY = re.compile(r"^(?:[^,;.()]{0,40}\(|\s*/|\s*jeb|\s*vai)\s*$")
CLAUSE_END = re.compile(r"[,;:()]|\.\s|\s[–-]\s(?=\p{Lu})")

# A partner named right before a budget word: "Auces novada pašvaldības gadījumā",
# "Viesītes pašvaldības budžets", "Iecavas novada domes plānotajām aktivitātēm".
PARTY = re.compile(
    r"(?P<org>(?:[Bb]iedrīb|[Nn]odibinājum)\p{L}*\s+[„“\"«][^”“\"»]{2,60}[”“\"»]"
    r"|(?:\p{Lu}[\p{L}-]+\s+){1,3}?(?:(?:novad|pilsēt|rajon|pagast|apriņķ)\p{L}*\s+)?"
    r"(?:pašvaldīb\p{L}*|dom(?:e|es|ei|i)|plānošanas reģion\p{L}*|biedrīb\p{L}*|nodibinājum\p{L}*"
    r"|universitāt\p{L}*|augstskol\p{L}*|aģentūr\p{L}*|pārvald\p{L}*))(?!\p{L})"
    r"(?!\s+(?:īstenot|ieviest|realizēt|vadīt|koordinēt|izstrādāt)\p{L}*)"
)
WINDOW_WORDS = 8


def assign_roles(ctx: DocContext, facts: list[MoneyFact]) -> list[MoneyFact]:
    out: list[MoneyFact] = []
    codes = ctx.of_label("PROJECT_CODE")
    prev: MoneyFact | None = None
    for fact in facts:
        m = fact.mention
        sent = ctx.sentences[m.sent_idx]
        same_sentence = prev is not None and prev.mention.sent_idx == m.sent_idx
        start = prev.mention.end if same_sentence else sent.start
        before = ctx.text[start:m.start]
        after = _clause_after(ctx, m.end, sent.end, facts)
        if prev is not None and same_sentence and SAME_MONEY.match(before) and prev.currency != fact.currency:
            role, party = prev.role, prev.party
        else:
            role = _role(_last_words(before), after)
            party = _party(before)
            includes = INCLUDES.search(before) or INCLUDES.search(ctx.text[sent.start:sent.start + 30])
            if not party and prev is not None and role != "total" and (same_sentence or includes):
                party = prev.party
        if role == "other" and party:
            role = "total"  # "Ogres novada pašvaldībai piešķirti 45 000 eiro": the partner's share
        out.append(dataclasses.replace(fact, role=role, party=party,
                                       project_code=_project_code(codes, m.start)))
        ctx.extras[(m.start, m.end, "MONEY")] = {"fund": _fund(before, after, role)}
        prev = out[-1]
    return out


def _last_words(text: str) -> str:
    return " ".join(text.split()[-WINDOW_WORDS:])


def _clause_after(ctx: DocContext, start: int, sent_end: int, facts: list[MoneyFact]) -> str:
    nxt = min((f.mention.start for f in facts if f.mention.start >= start), default=sent_end)
    text = ctx.text[start:min(nxt, sent_end)]
    cut = CLAUSE_END.search(text)
    text = text[:cut.start()] if cut else text
    return " ".join(text.split()[:4])


def _role(before: str, after: str) -> str:
    for role, rx in ROLE_PATTERNS:
        if rx.search(before) or rx.search(after):
            return role
    return "other"


def _fund(before: str, after: str, role: str) -> str:
    if role not in ("erdf", "other"):
        return ""
    m = FUND_NAMES.search(_last_words(before)) or FUND_NAMES.search(after)
    return {"ERDF": "ERAF"}.get(m.group(1), m.group(1)) if m else ("ERAF" if role == "erdf" else "")


def _party(before: str) -> str:
    from .inflect import to_nominative

    found = None
    for m in PARTY.finditer(before):
        found = m
    if not found:
        return ""
    org = SPACES.sub(" ", found.group("org"))
    quoted = LEAD_WORD_QUOTED.match(org)
    if quoted:  # "Biedrības „Zaļā josta”" -> "biedrība „Zaļā josta”"
        return f"{to_nominative(quoted.group(1), 'org').lower()} {quoted.group(2)}"
    return to_nominative(org, "org")


def _project_code(codes, offset: int) -> str:
    """The code named last before the figure, else the first one after it."""
    before = [c for c in codes if c.start < offset]
    if before:
        return before[-1].norm
    return codes[0].norm if codes else ""
