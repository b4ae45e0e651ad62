"""Project identification numbers.

Cross-border programme codes (``LLI-317``, ``Est-Lat 62``) are normalised to upper-case
``PREFIX-NUMBER``; national EU-fund and LEADER numbers are kept exactly as written. A bare
``projekta Nr. 317`` becomes ``LLI-317`` only when the same document names a code with
exactly one programme prefix, and the note says so.
"""
from __future__ import annotations

import regex as re

from .extract import DocContext, extractor

# Programme prefixes of cross-border cooperation codes, as they are printed. A compound code
# keeps its priority number ("LLB-2-208"); 2021-2027 numbers have five digits ("LL-00012");
# 2007-2013 Latvia-Lithuania codes carry their call's Roman number ("LLIII-174", "LLIV-316").
PREFIXES = r"LLIII|LLII|LLIV|LLI|LLB|LL|EST[-\s]?LAT|EE[-\s]?LV|LAT[-\s]?LIT|LV[-\s]?RU|LV[-\s]?BY|ESTLATRUS|ELRI|CB|BSR|SB|ENI[-\s]?LV[-\s]?RU"
CROSS_BORDER = re.compile(
    rf"(?<![\p{{L}}\d/-])(?P<prefix>{PREFIXES})[-\s\u2011\u2013]?"
    rf"(?P<num>\d-\d{{1,4}}|\d{{1,5}})(?![\d/]|\.\d|-\d|[\p{{L}}])",
    re.IGNORECASE,
)
# 3.3.1.0/17/I/005, 1.1.1.1/16/A/219, 3DP/3.5.1.1.0/12/APIA/CFLA/044/031,
# ESTLATRUS/2.1/ELRI-184/2011/14: slash-separated, with a dotted measure number; a Recovery
# Facility investment marks its measure with a lower-case "i" (5.1.1.2.i.0/1/22/I/CFLA/001).
# Releases often glue the number to its label: "Nr.8.1.2.0/17/I/032", "ID.Nr.19-05-A00702-000123".
GLUED_LABEL = r"(?<=\b(?:ID\.\s?)?(?i:nr|no)\.)"
NATIONAL = re.compile(
    rf"(?:{GLUED_LABEL}|(?<![\w/.:-]))"
    r"(?=[A-Z0-9./-]*\d\.\d)[A-Z0-9](?:[A-Z0-9.-]|(?<=\d\.)i(?=\.\d))*(?:/[A-Z0-9][A-Z0-9.-]*){2,}(?<![.-])(?![\w/])"
)
# LEADER / rural development (LAD): 19-06-AL11-A019.2202-000008, 17-08-A00402-000012
LEADER = re.compile(rf"(?:{GLUED_LABEL}|(?<![\w-]))"
                    r"\d{2}-\d{2}-(?=[A-Z0-9.-]*[A-Z])[A-Z0-9.]{2,}(?:-[A-Z0-9.]{2,})*-\d{6}(?![\w-])")
# Register numbers of other funds (EEA grants, LVAF) have no fixed shape: a number with at least
# two "/" or "-" separators is a project code only when a "Nr." label gives it in a sentence
# about a project ("projekta „…” (Reģistrācijas nr.1-08/51/2018)").
REGISTER = re.compile(
    r"(?i:\b(?:nr|no)\.)\s?(?P<code>(?=[A-Z0-9/-]*\d)(?=[A-Z0-9-]*/)[A-Z0-9]+(?:[/-][A-Z0-9]+){2,})(?![\w/.-]|\.\w)"
)
PROJECT_WORD = re.compile(r"\bprojekt\p{L}*", re.IGNORECASE)
# Numbers of contracts, acts, procurements and decisions are never project codes.
NOT_PROJECT_LABEL = re.compile(r"\b(?:līgum|likum|noteikum|iepirkum|lēmum|rīkojum|protokol|konkurs)\p{L}*"
                               r"[^.;]{0,30}$", re.IGNORECASE)
# A programme acronym followed by the project's short name (capitalised) and number:
# "EST-LAT Marinas, Nr.71".
NAMED_CROSS_BORDER = re.compile(
    rf"(?<![\p{{L}}\d/-])(?P<prefix>(?i:{PREFIXES}))\s+(?:\p{{Lu}}[\p{{L}}\d-]*\s+){{0,2}}?\p{{Lu}}[\p{{L}}\d-]*,?\s*"
    r"(?i:nr|no)\.\s?(?P<num>\d{1,4})(?![\d/.-]|[\p{L}])"
)
BARE = re.compile(r"\bprojekt\p{L}*\s+(?:\p{L}+\s+){0,2}?(?:Nr|No)\.\s*(?P<num>\d{1,4})(?![\d./-])",
                  re.IGNORECASE)
URLISH = re.compile(r"(?:https?://|www\.)\S*$")
SEPARATORS = re.compile(r"[\s-]+")


def normalise_prefix(prefix: str) -> str:
    p = SEPARATORS.sub("-", prefix.upper())
    return {"ESTLAT": "EST-LAT", "LATLIT": "LAT-LIT", "LVRU": "LV-RU", "EELV": "EE-LV"}.get(p.replace("-", ""), p)


@extractor("project_codes", assigns=("PROJECT_CODE",))
def extract_codes(ctx: DocContext) -> None:
    text = ctx.text
    taken: list[tuple[int, int]] = []
    prefixes: set[str] = set()
    for rx, method, score in ((LEADER, "rule:code_leader", 0.95), (NATIONAL, "rule:code_national", 0.9)):
        for m in rx.finditer(text):
            if URLISH.search(text, max(0, m.start() - 60), m.start()):
                continue
            if ctx.add(m.start(), m.end(), "PROJECT_CODE", m.group(), method, score):
                taken.append(m.span())
    _add_registers(ctx, taken)
    for rx in (CROSS_BORDER, NAMED_CROSS_BORDER):
        for m in rx.finditer(text):
            if any(s <= m.start() < e for s, e in taken):
                continue
            prefix = normalise_prefix(m.group("prefix"))
            if prefix in ("CB", "SB", "LL", "BSR") and not m.group("prefix").isupper():
                continue  # "cb 12", "ll 5": too common in lower case to mean a programme
            norm = f"{prefix}-{m.group('num')}"
            if ctx.add(m.start(), m.end(), "PROJECT_CODE", norm, "rule:code_crossborder", 0.95):
                prefixes.add(prefix)
                taken.append(m.span())
    if len(prefixes) == 1:
        _add_bare_numbers(ctx, next(iter(prefixes)), taken)


def _add_registers(ctx: DocContext, taken: list[tuple[int, int]]) -> None:
    text = ctx.text
    for m in REGISTER.finditer(text):
        s, e = m.span("code")
        if any(a <= s < b for a, b in taken):
            continue
        sent = ctx.sentence_at(s)
        head = text[sent.start if sent else max(0, s - 200):m.start()]
        if not PROJECT_WORD.search(head) or NOT_PROJECT_LABEL.search(head):
            continue
        if ctx.add(s, e, "PROJECT_CODE", m.group("code"), "rule:code_register", 0.8):
            taken.append((s, e))


def _add_bare_numbers(ctx: DocContext, prefix: str, taken: list[tuple[int, int]]) -> None:
    known = {m.norm for m in ctx.of_label("PROJECT_CODE")}
    for m in BARE.finditer(ctx.text):
        s, e = m.span("num")
        if any(a <= s < b for a, b in taken):
            continue
        norm = f"{prefix}-{m.group('num')}"
        score = 0.85 if norm in known else 0.6
        ctx.add(s, e, "PROJECT_CODE", norm, "rule:code_bare_number", score,
                note=f"bare number resolved with the document's prefix {prefix}")
