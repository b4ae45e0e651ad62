"""Project identification numbers.

Cross-border programme codes (``LLI-317``, ``Est-Lat 62``) are normalised to upper-case
``PREFIX-NUMBER``; national EU-fund and LEADER numbers are kept exactly as written. A bare
``projekta Nr. 317`` becomes ``LLI-317`` only when the same document names a code with
exactly one programme prefix, and the note says so.
"""
from __future__ import annotations

import regex as re

from .extract import DocContext, extractor

# Programme prefixes of cross-border cooperation codes, as they are printed.
PREFIXES = r"LLIV|LLI|LL|EST[-\s]?LAT|LAT[-\s]?LIT|LV[-\s]?RU|LV[-\s]?BY|ESTLATRUS|ELRI|CB|BSR|SB|ENI[-\s]?LV[-\s]?RU"
CROSS_BORDER = re.compile(
    rf"(?<![\p{{L}}\d/-])(?P<prefix>{PREFIXES})[-\s\u2011\u2013]?(?P<num>\d{{1,4}})(?![\d/]|\.\d|-\d|[\p{{L}}])",
    re.IGNORECASE,
)
# 3.3.1.0/17/I/005, 1.1.1.1/16/A/219, 3DP/3.5.1.1.0/12/APIA/CFLA/044/031,
# ESTLATRUS/2.1/ELRI-184/2011/14: slash-separated, with a dotted measure number.
NATIONAL = re.compile(
    r"(?<![\w/.:-])(?=[A-Z0-9./-]*\d\.\d)[A-Z0-9][A-Z0-9.-]*(?:/[A-Z0-9][A-Z0-9.-]*){2,}(?<![.-])(?![\w/])"
)
# LEADER / rural development (LAD): 19-06-AL11-A019.2202-000008, 17-08-A00402-000012
LEADER = re.compile(r"(?<![\w-])\d{2}-\d{2}-(?=[A-Z0-9.-]*[A-Z])[A-Z0-9.]{2,}(?:-[A-Z0-9.]{2,})*-\d{6}(?![\w-])")
BARE = re.compile(r"\bprojekt\p{L}*\s+(?:\p{L}+\s+){0,2}?(?:Nr|No)\.\s*(?P<num>\d{1,4})(?![\d./-])",
                  re.IGNORECASE)
URLISH = re.compile(r"(?:https?://|www\.)\S*$")
SEPARATORS = re.compile(r"[\s-]+")


def normalise_prefix(prefix: str) -> str:
    p = SEPARATORS.sub("-", prefix.upper())
    return {"ESTLAT": "EST-LAT", "LATLIT": "LAT-LIT", "LVRU": "LV-RU"}.get(p.replace("-", ""), p)


@extractor("project_codes")
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
    for m in CROSS_BORDER.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        prefix = normalise_prefix(m.group("prefix"))
        if prefix in ("CB", "SB", "LL", "BSR") and not m.group("prefix").isupper():
            continue  # "cb 12", "ll 5": too common in lower case to mean a programme
        norm = f"{prefix}-{m.group('num')}"
        if ctx.add(m.start(), m.end(), "PROJECT_CODE", norm, "rule:code_crossborder", 0.95):
            prefixes.add(prefix)
            taken.append(m.span())
    if len(prefixes) != 1:
        return
    (prefix,) = prefixes
    known = {m.norm for m in ctx.of_label("PROJECT_CODE")}
    for m in BARE.finditer(text):
        s, e = m.span("num")
        if any(a <= s < b for a, b in taken):
            continue
        norm = f"{prefix}-{m.group('num')}"
        score = 0.85 if norm in known else 0.6
        ctx.add(s, e, "PROJECT_CODE", norm, "rule:code_bare_number", score,
                note=f"bare number resolved with the document's prefix {prefix}")
