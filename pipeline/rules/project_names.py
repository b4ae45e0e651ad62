"""Project names and programmes as the articles print them.

A project is named by a quoted title ("Sociālo pakalpojumu pieejamības ... reģionā"), an
English title, and a short name or acronym (“SocQuality”, OCTOPUS), usually right after
"projekts"/"projekta" or a code, chained with "/", "jeb" or brackets. These become
PROJECT_NAME mentions (norm = the name; the ``kind`` extra says acronym, title_lv or
title_en) and PROGRAMME mentions (norm = a canonical programme name), which the
consolidation stage uses to link documents that never print the code. The title words
below let it find a title in a text that inflects it ("Kalētu meža parkā Priedienā").
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import regex as re

from .extract import DocContext, extractor
from .inflect import alternate

# A quoted name, possibly with quoted names nested inside („… iestādes „Pasaciņa” filiāles
# „Auseklītis” renovācija”, “Sporta klubs “Petanks Ērģeme””); when the outer quote never
# closes on the line, the last nested one shares its closing quote („… mežaparkā „Priediens”).
# A “ or " after a space opens a quote; one after a letter closes it. Sites without the
# Latvian quotes type two commas and two apostrophes: ,,Tautas nama jumta nomaiņa''.
_CLOSE = r'(?<!\s)(?:[”“"»]|\'\')'
_END = rf'{_CLOSE}(?![”“"»\'])'
_INNER = r'(?:[„«]|,,|(?<=\s)[“"])[^“”„"«»\n]{1,80}'
_BODY = rf'(?:[^“”„"«»\n]|{_INNER}{_CLOSE})+?'
QUOTED = re.compile(rf'(?:[“„"«]|,,)(?:(?P<q>{_BODY}){_END}|(?P<q>{_BODY}{_INNER}){_END})')
QUOTE_CHARS = re.compile(r'[“”„"«»]|,,|\'\'')
# "projekta „…”", "projekts Nr. 5.6.2.0/16/I/001 „…”", "projekta nosaukums: „…”", "projekts ar nosaukumu „…”"
PROJECT_WORD = re.compile(r"projekt\p{L}*(?:\s+(?:ar\s+)?nosaukum\p{L}*(?:\s+ir)?\s*[:–—-]?)?"
                          r"(?:\s+(?:Nr\.|No\.)?\s*[\w./-]*\d[\w./-]*)?[\s(]*$", re.I)
CHAIN = re.compile(r"^\s*(?:/|jeb|\(|,)\s*$")
EN_WORDS = re.compile(r"\b(?:of|and|the|in|for|to|with|on)\b")
INNER_CODE = re.compile(r"\s*\((?P<inner>[^()]*)\)\s*$")
# A short name in brackets right after a quoted title: "„…” (Sports activities)", "„…” (GreenStep)".
SHORT_NAME_AFTER = re.compile(r"\s*\((?P<a>\p{Lu}[\p{L}-]{2,}(?:\s+[\p{L}-]+){0,2})\)")
BARE_ACRONYM = re.compile(r"\b[Pp]rojekt\p{L}*\s+(?P<a>\p{Lu}{3,})(?![\p{L}\d-])")
PROGRAMME = re.compile(
    r"(?:Eiropas Savienības\s+)?(?P<interreg>Interreg\s+(?:(?P<roman>[IVX]+-?[A-C]?)\s+)?)?"
    r"(?P<a>Latvij\p{L}*|Igaunij\p{L}*|Lietuv\p{L}*)\s*[-–—]\s*(?P<b>Lietuv\p{L}*|Latvij\p{L}*|Krievij\p{L}*|Baltkrievij\p{L}*)"
    r"(?:\s*[-–—]\s*(?P<c>Krievij\p{L}*))?"
    r"\s+pārrobežu\s+sadarbības\s+programm\p{L}*\s+(?P<y1>(?:19|20)\d\d)\.?\s*[-–—]\s*(?P<y2>(?:19|20)\d\d)\.?"
    r"(?:\s*gad(?:am|ā|iem))?",
    re.I,
)
# What stands between a project's code and its name written beside it: "„…” (Nr. LLI-361)",
# "Nr. 19-09-AL12-A019.2202-000006 „…”", "LLI-361 „…”".
BESIDE_CODE = re.compile(r"[^\p{L}\d]{0,6}(?:(?:ID|projekta|proj\.)\s*)?(?:Nr\.|No\.)?[^\p{L}\d]{0,4}")
NOT_NAME_CHARS = re.compile(r"[^\p{L}\d]+")
UPPER_RUN = re.compile(r"(?<![\p{L}\d-])\p{Lu}{3,}(?![\p{L}\d-])")
GENITIVE = {"latvij": "Latvijas", "lietuv": "Lietuvas", "igaunij": "Igaunijas", "krievij": "Krievijas",
            "baltkrievij": "Baltkrievijas"}


@functools.lru_cache(maxsize=1 << 16)  # consolidation asks for the same few names again and again
def name_key(name: str) -> str:
    """Spelling-insensitive key: 'Vidus-Baltijas' and 'Vidusbaltijas' are one name."""
    return NOT_NAME_CHARS.sub("", name).casefold()


def beside_code(text: str, span: tuple[int, int], codes) -> bool:
    """Whether a code mention is written right before or after ``span``."""
    return any(BESIDE_CODE.fullmatch(text, *((c.end, span[0]) if c.end <= span[0] else (span[1], c.start)))
               for c in codes if c.end <= span[0] or c.start >= span[1])


def programme_name(m) -> str:
    countries = [GENITIVE[c.lower()[:len(k)]] for c in (m.group("a"), m.group("b"), m.group("c")) if c
                 for k in GENITIVE if c.lower().startswith(k)]
    prefix = ("Interreg " + (f"{m.group('roman').upper()} " if m.group("roman") else "")) if m.group("interreg") else ""
    return f"{prefix}{'–'.join(countries)} pārrobežu sadarbības programma {m.group('y1')}.–{m.group('y2')}. gadam"


@extractor("project_names", requires=("PROJECT_CODE",), assigns=("PROJECT_NAME", "PROGRAMME"))
def extract_project_names(ctx: DocContext) -> None:
    text = ctx.text
    prev_end = None
    codes = ctx.of_label("PROJECT_CODE")  # the codes extractor runs first
    for m in QUOTED.finditer(text):
        before = text[max(0, m.start() - 80):m.start()]  # room for "projekta Nr. " and a long LEADER code
        chained = prev_end is not None and CHAIN.match(text[prev_end:m.start()])
        if not (PROJECT_WORD.search(before) or chained or beside_code(text, m.span(), codes)):
            prev_end = None
            continue
        s, e = m.span("q")
        name = m.group("q")
        if not 2 <= len(name) <= 200:
            prev_end = None
            continue
        inner = INNER_CODE.search(name)
        if inner and len(name) > 40:  # "… attīstība (LLI-425, OCTOPUS)": the title ends before the bracket
            for part in UPPER_RUN.finditer(inner.group("inner")):
                ps = s + inner.start("inner") + part.start()
                ctx.add(ps, ps + len(part.group()), "PROJECT_NAME", part.group(), "rule:project_name", 0.8,
                        kind="acronym")
            e = s + inner.start()
            name = text[s:e]
        short = SHORT_NAME_AFTER.match(text, m.end())
        words = name.split()
        if len(words) <= 3 and len(name) <= 30 and not short:  # a short name in brackets after it: a short title
            kind = "acronym"
        else:
            kind = "title_en" if len(EN_WORDS.findall(name)) >= 2 else "title_lv"
        ctx.add(s, e, "PROJECT_NAME", " ".join(QUOTE_CHARS.sub(" ", name).split()), "rule:project_name", 0.8,
                kind=kind)
        prev_end = m.end()
        if short:
            ctx.add(short.start("a"), short.end("a"), "PROJECT_NAME", short.group("a"), "rule:project_name", 0.7,
                    kind="acronym")
            prev_end = short.end()
    for m in BARE_ACRONYM.finditer(text):
        ctx.add(m.start("a"), m.end("a"), "PROJECT_NAME", m.group("a"), "rule:project_name", 0.6, kind="acronym")
    for m in PROGRAMME.finditer(text):
        ctx.add(m.start(), m.end(), "PROGRAMME", programme_name(m), "rule:programme", 0.9)


# Title words in any case: the endings of Latvian nouns and adjectives come off, so
# "Kalētu mežaparkā Priedienā" and "Kalēti", "mežaparks", "Priediens" meet. (Rules, not the
# model's lemmas: a title's words and a text's must be cut alike, and titles come without
# the model's analysis.)
ENDINGS = tuple(sorted("ajiem ajām ajai ajam ajos ajās ajā ais iem ām ās ēm ēs īm īs os us as es is ai ei ie am "
                       "ā ē ī ū a e i u o s š".split(), key=len, reverse=True))
WORD = re.compile(r"[\p{L}\d]+")
FUNCTION_WORDS = frozenset("un ar no uz par lai pie līdz starp pēc pa kā ir arī vai bez caur ka "
                           "of and the in for to with on a an".split())
# Words that say what is done, not to what or where: a text may leave one out of a title
# ("Aktīvās atpūtas taka" for "Aktīvās atpūtas taku izveide").
GENERIC_WORDS = ("izveide attīstība labiekārtošana pārbūve atjaunošana rekonstrukcija būvniecība ierīkošana "
                 "uzlabošana modernizācija paplašināšana iegāde sakārtošana veicināšana pilnveidošana "
                 "renovācija izbūve projekts programma")


@functools.lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A word without its case ending, lower case, its last consonant in the alternated form
    that some cases take ("tornis", "torņa" -> "torņ"); numbers as they are."""
    w = word.casefold()
    if w.isdigit():
        return w
    for ending in ENDINGS:
        if w.endswith(ending) and len(w) - len(ending) >= 3:
            return alternate(w[:-len(ending)])
    return alternate(w)


GENERIC = frozenset(stem(w) for w in GENERIC_WORDS.split())


@dataclass(frozen=True)
class TitleWords:
    """What a text must hold to name a project by its title: every word that says what,
    where or when (``required``), and most of the ``generic`` ones."""

    required: frozenset[str]
    generic: frozenset[str]
    anchors: frozenset[str]  # the places, proper names and numbers among the required words

    @property
    def anchored(self) -> bool:
        return bool(self.anchors)

    @property
    def size(self) -> int:
        return len(self.required) + len(self.generic)


@functools.lru_cache(maxsize=1 << 14)
def title_words(title: str) -> TitleWords:
    words = [w for w in WORD.findall(title) if w.casefold() not in FUNCTION_WORDS]
    stems = [stem(w) for w in words]
    anchors = {s for i, (w, s) in enumerate(zip(words, stems)) if w.isdigit() or (i and w[0].isupper())}
    return TitleWords(frozenset(s for s in stems if s not in GENERIC), frozenset(s for s in stems if s in GENERIC),
                      frozenset(anchors - GENERIC))


def sentence_words(sentence: str) -> str:
    """The words of a sentence as ``title_found_in`` reads them (kept per document)."""
    return " ".join(WORD.findall(sentence))


def word_stems(words: str) -> set[str]:
    """Stems of the words and of each two neighbours written as one ("meža parkā" as
    "mežaparkā")."""
    ws = words.split()
    return {stem(w) for w in ws} | {stem(a + b) for a, b in zip(ws, ws[1:])}


def findable(title: str) -> bool:
    """Specific enough to be told apart from look-alikes by its words: three that say what
    or where, one of them a place, a proper name or a number."""
    words = title_words(title)
    return len(words.required) >= 3 and words.anchored


def title_found_in(title: str, stems: set[str]) -> int:
    """How many of a ``findable`` title's words a sentence's ``stems`` hold, or 0 unless it
    holds them all but at most one generic word: a title that differs in its place, object
    or year is never found."""
    words = title_words(title)
    if not findable(title) or not words.required <= stems:
        return 0
    missing = len(words.generic - stems)
    return words.size - missing if missing <= 1 else 0


def same_title(a: str, b: str) -> bool:
    """Whether two titles can name one project: the words that say what, where or when of
    one are all among the other's words, and the other adds no place, name or number
    (a shortened or reworded title, not "…, 2. kārta" or "… un Liepu skolā")."""
    def within(x: TitleWords, y: TitleWords) -> bool:
        return x.required <= y.required | y.generic and not y.anchors - x.required

    wa, wb = title_words(a), title_words(b)
    return within(wa, wb) or within(wb, wa)
