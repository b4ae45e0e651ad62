"""Project names and programmes as the articles print them.

A project is named by a quoted title ("Sociālo pakalpojumu pieejamības ... reģionā"), an
English title, and a short name or acronym (“SocQuality”, OCTOPUS), usually right after
"projekts"/"projekta" or a code, chained with "/", "jeb" or brackets. These become
PROJECT_NAME mentions (norm = the name; the ``kind`` extra says acronym, title_lv or
title_en) and PROGRAMME mentions (norm = a canonical programme name), which the
consolidation stage uses to link documents that never print the code.
"""
from __future__ import annotations

import functools

import regex as re

from .extract import DocContext, extractor

QUOTED = re.compile(r"[“„\"«](?P<q>[^“”„\"«»\n]{2,200}?)[”“\"»]")
PROJECT_WORD = re.compile(r"projekt\p{L}*(?:\s+(?:Nr\.|No\.)?\s*[\w./-]*\d[\w./-]*)?[\s(]*$", re.I)
CHAIN = re.compile(r"^\s*(?:/|jeb|\(|,)\s*$")
EN_WORDS = re.compile(r"\b(?:of|and|the|in|for|to|with|on)\b")
INNER_CODE = re.compile(r"\s*\((?P<inner>[^()]*)\)\s*$")
BARE_ACRONYM = re.compile(r"\bprojekt\p{L}*\s+(?P<a>\p{Lu}{3,})(?![\p{L}\d-])")
PROGRAMME = re.compile(
    r"(?:Eiropas Savienības\s+)?(?P<interreg>Interreg\s+(?:(?P<roman>[IVX]+-?[A-C]?)\s+)?)?"
    r"(?P<a>Latvij\p{L}*|Igaunij\p{L}*|Lietuv\p{L}*)\s*[-–—]\s*(?P<b>Lietuv\p{L}*|Latvij\p{L}*|Krievij\p{L}*|Baltkrievij\p{L}*)"
    r"(?:\s*[-–—]\s*(?P<c>Krievij\p{L}*))?"
    r"\s+pārrobežu\s+sadarbības\s+programm\p{L}*\s+(?P<y1>(?:19|20)\d\d)\.?\s*[-–—]\s*(?P<y2>(?:19|20)\d\d)\.?"
    r"(?:\s*gad(?:am|ā|iem))?",
    re.I,
)
NOT_NAME_CHARS = re.compile(r"[^\p{L}\d]+")
UPPER_RUN = re.compile(r"(?<![\p{L}\d-])\p{Lu}{3,}(?![\p{L}\d-])")
GENITIVE = {"latvij": "Latvijas", "lietuv": "Lietuvas", "igaunij": "Igaunijas", "krievij": "Krievijas",
            "baltkrievij": "Baltkrievijas"}


@functools.lru_cache(maxsize=1 << 16)  # consolidation asks for the same few names again and again
def name_key(name: str) -> str:
    """Spelling-insensitive key: 'Vidus-Baltijas' and 'Vidusbaltijas' are one name."""
    return NOT_NAME_CHARS.sub("", name).casefold()


def programme_name(m) -> str:
    countries = [GENITIVE[c.lower()[:len(k)]] for c in (m.group("a"), m.group("b"), m.group("c")) if c
                 for k in GENITIVE if c.lower().startswith(k)]
    prefix = ("Interreg " + (f"{m.group('roman').upper()} " if m.group("roman") else "")) if m.group("interreg") else ""
    return f"{prefix}{'–'.join(countries)} pārrobežu sadarbības programma {m.group('y1')}.–{m.group('y2')}. gadam"


@extractor("project_names")
def extract_project_names(ctx: DocContext) -> None:
    text = ctx.text
    prev_end = None
    for m in QUOTED.finditer(text):
        before = text[max(0, m.start() - 40):m.start()]
        chained = prev_end is not None and CHAIN.match(text[prev_end:m.start()])
        if not (PROJECT_WORD.search(before) or chained):
            prev_end = None
            continue
        s, e = m.span("q")
        name = m.group("q")
        inner = INNER_CODE.search(name)
        if inner and len(name) > 40:  # "… attīstība (LLI-425, OCTOPUS)": the title ends before the bracket
            for part in UPPER_RUN.finditer(inner.group("inner")):
                ps = s + inner.start("inner") + part.start()
                ctx.add(ps, ps + len(part.group()), "PROJECT_NAME", part.group(), "rule:project_name", 0.8,
                        kind="acronym")
            e = s + inner.start()
            name = text[s:e]
        words = name.split()
        if len(words) <= 3 and len(name) <= 30:
            kind = "acronym"
        else:
            kind = "title_en" if len(EN_WORDS.findall(name)) >= 2 else "title_lv"
        ctx.add(s, e, "PROJECT_NAME", name.strip(), "rule:project_name", 0.8, kind=kind)
        prev_end = m.end()
    for m in BARE_ACRONYM.finditer(text):
        ctx.add(m.start("a"), m.end("a"), "PROJECT_NAME", m.group("a"), "rule:project_name", 0.6, kind="acronym")
    for m in PROGRAMME.finditer(text):
        ctx.add(m.start(), m.end(), "PROGRAMME", programme_name(m), "rule:programme", 0.9)
