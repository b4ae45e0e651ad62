"""Property-based tests: Latvian amounts and dates in every written form parse back to their
value, and no text at all makes the rule extractors crash or point at the wrong characters."""
from __future__ import annotations

import calendar
from decimal import Decimal

import regex as re
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.rules.extract import DocContext, get_extractor
from pipeline.rules.money import find_money
from pipeline.records import Document
from pipeline.rules.segment import segment

MONEY_EXAMPLES = 1000
DATE_EXAMPLES = 800
FUZZ_EXAMPLES = 600
FAST = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def run(text: str, *extractors: str) -> DocContext:
    doc = Document(doc_id="p", source="p.txt", text=text)
    ctx = DocContext(doc, segment(doc.doc_id, text))
    for name in extractors:
        get_extractor(name)(ctx)
    return ctx


# ---------------------------------------------------------------- money

SPACES = [" ", "\u00a0", "\u2009", "\u202f"]  # space, no-break, thin, narrow no-break
CURRENCIES = {"eiro": "EUR", "euro": "EUR", "EUR": "EUR", "€": "EUR", "lati": "LVL", "latu": "LVL",
              "Ls": "LVL", "LVL": "LVL", "litai": "LTL", "litų": "LTL", "LTL": "LTL"}
SCALES = {"tūkst.": 10 ** 3, "tūkstoši": 10 ** 3, "milj.": 10 ** 6, "miljoni": 10 ** 6,
          "miljons": 10 ** 6, "mln.": 10 ** 6, "miljardi": 10 ** 9}


def group(digits: str, sep: str) -> str:
    head = len(digits) % 3 or 3
    return sep.join([digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)])


@st.composite
def amounts(draw):
    """(surface, value, currency) of an amount as Latvian press releases print it."""
    cents = draw(st.sampled_from([None, 1, 2]))  # no decimals, one or two decimal digits
    decimal_sep = draw(st.sampled_from([",", "."]))
    scale = draw(st.sampled_from([None, None, *SCALES]))
    if scale:
        whole = draw(st.integers(1, 999))
        number = str(whole)
    else:
        whole = draw(st.integers(0, 10 ** 10))
        seps = SPACES + [""] + [{",": ".", ".": ","}[decimal_sep]]  # group with the other mark
        number = group(str(whole), draw(st.sampled_from(seps))) if whole >= 1000 else str(whole)
    value = Decimal(whole)
    if cents:
        frac = draw(st.integers(0, 10 ** cents - 1))
        number += f"{decimal_sep}{frac:0{cents}d}"
        value += Decimal(frac) / 10 ** cents
    if scale:
        number += draw(st.sampled_from(SPACES)) + scale
        value *= SCALES[scale]
    cur = draw(st.sampled_from(sorted(CURRENCIES)))
    space = draw(st.sampled_from(SPACES + ([""] if cur == "€" else [])))
    if draw(st.booleans()):
        surface = f"{cur}{space}{number}"  # EUR 791 256.19, € 5000
    else:
        surface = f"{number}{space}{cur}"
    return surface, value, CURRENCIES[cur]


@settings(max_examples=MONEY_EXAMPLES, **FAST)
@given(amounts(), st.sampled_from(["Summa ir {}, kā plānots.", "{} – kopā.", "Budžets: {}\nBeigas."]))
def test_latvian_amounts_parse_back(amount, frame):
    surface, value, currency = amount
    text = frame.format(surface)
    found = list(find_money(text))
    assert [(text[s:e], a, c) for s, e, a, c in found] == [(surface, value, currency)]


# ---------------------------------------------------------------- dates

MONTHS = {  # nominative, genitive, dative, accusative, locative
    1: "janvāris janvāra janvārim janvāri janvārī", 2: "februāris februāra februārim februāri februārī",
    3: "marts marta martam martu martā", 4: "aprīlis aprīļa aprīlim aprīli aprīlī",
    5: "maijs maija maijam maiju maijā", 6: "jūnijs jūnija jūnijam jūniju jūnijā",
    7: "jūlijs jūlija jūlijam jūliju jūlijā", 8: "augusts augusta augustam augustu augustā",
    9: "septembris septembra septembrim septembri septembrī",
    10: "oktobris oktobra oktobrim oktobri oktobrī", 11: "novembris novembra novembrim novembri novembrī",
    12: "decembris decembra decembrim decembri decembrī",
}
CASE = {"nom": 0, "gen": 1, "dat": 2, "acc": 3, "loc": 4}


def month_word(month: int, case: str) -> str:
    return MONTHS[month].split()[CASE[case]]


@st.composite
def day_of(draw, year, month, low=1):
    return draw(st.integers(low, calendar.monthrange(year, month)[1]))


@st.composite
def latvian_dates(draw):
    """(surface, TIMEX value) for the written shapes of dates and ranges."""
    year = draw(st.integers(1990, 2035))
    month = draw(st.integers(1, 12))
    sp = draw(st.sampled_from([" ", "\u00a0"]))
    shape = draw(st.sampled_from(["day", "day_range", "month", "numeric", "numeric_range", "no_lidz"]))
    if shape == "day":
        day = draw(day_of(year, month))
        case = draw(st.sampled_from(["gen", "dat", "loc", "acc"]))
        return f"{year}.{sp}gada {day}.{sp}{month_word(month, case)}", f"{year}-{month:02d}-{day:02d}"
    if shape == "day_range":
        d1 = draw(day_of(year, month))
        d2 = draw(day_of(year, month, low=d1))
        dash = draw(st.sampled_from(["-", "–", " – "]))
        return (f"{year}. gada {d1}.{dash}{d2}. {month_word(month, draw(st.sampled_from(['loc', 'dat', 'gen'])))}",
                f"{year}-{month:02d}-{d1:02d}/{year}-{month:02d}-{d2:02d}")
    if shape == "month":
        return f"{year}. gada {month_word(month, 'loc')}", f"{year}-{month:02d}"
    if shape == "numeric":
        day = draw(day_of(year, month))
        pad = draw(st.booleans())
        d, m = (f"{day:02d}", f"{month:02d}") if pad else (str(day), str(month))
        return f"{d}.{m}.{year}.", f"{year}-{month:02d}-{day:02d}"
    year2 = draw(st.integers(year, 2040))
    month2 = draw(st.integers(1, 12))
    if shape == "numeric_range":
        d1, d2 = draw(day_of(year, month)), draw(day_of(year2, month2))
        dash = draw(st.sampled_from([" – ", "-", " - ", "–"]))
        return (f"{d1}.{month}.{year}.{dash}{d2}.{month2}.{year2}.",
                f"{year}-{month:02d}-{d1:02d}/{year2}-{month2:02d}-{d2:02d}")
    return (f"{year}. gada {month_word(month, 'gen')} līdz {year2}. gada {month_word(month2, 'dat')}",
            f"{year}-{month:02d}/{year2}-{month2:02d}")


@settings(max_examples=DATE_EXAMPLES, **FAST)
@given(latvian_dates(), st.sampled_from(["Pasākums notika {} Jelgavā.", "Projekts ilgs no {}, un tas ir labi.",
                                          "Termiņš: {}\nNākamā rinda."]))
def test_latvian_dates_give_their_timex_value(date, frame):
    surface, value = date
    text = frame.format(surface)
    got = [(m.text, m.norm) for m in run(text, "dates").of_label("DATE")]
    assert got == [(surface, value)]


# ---------------------------------------------------------------- fuzzing

TOKENS = ["2019.", "gada", "gadā", "5.", "5.-6.", "-", "–", "februārī", "maijā", "marta", "līdz", "no", "š.g.",
          "pagājušā", "30.", "eiro", "EUR", "€", "Ls", "lati", "litai", "milj.", "tūkst.", "miljoni", "1 234,56",
          "791\u00a0256,20", "1.234.567,89", "0,5", "LLI-317", "LLI", "Est-Lat", "317", "Nr.", "projekta",
          "3.3.1.0/17/I/005", "19-06-AL11-A019.2202-000008", "ESTLATRUS/2.1/ELRI-184/2011/14", "www.",
          "http://x.lv/", ",", ".", "!", "?", "(", ")", "„", "”", "\n", "\r", "\r\n", "\t", "\u00a0", "\u2009",
          "\u202f", "\u2028", "\u0085", "Rīgā", "Aucē", "Ģ", "ā", "Ļ", "I.", "%", "/", "plkst.", "10:30", "10.30",
          "01.02.2017.", "29.02.2020", "2014.-2020.", "gadam", "programma"]
latvianish = st.lists(st.one_of(st.sampled_from(TOKENS), st.integers(0, 10 ** 7).map(str),
                                st.text(alphabet="0123456789.,-/ ", max_size=8)), max_size=40).map(
    lambda parts: "".join(p if i % 3 else p + " " for i, p in enumerate(parts)))
any_text = st.text(max_size=300)  # any Unicode, lone surrogates and controls included
TIMEX = re.compile(r"(?:[\dX]{4}(?:-\d\d(?:-\d\d)?)?)(?:/[\dX]{4}(?:-\d\d(?:-\d\d)?)?)?")


def check_mentions(text: str) -> None:
    ctx = run(text, "project_codes", "money", "dates")
    for m in ctx.mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text, m
        if m.label == "MONEY":
            assert re.fullmatch(r"\d+\.\d\d [A-Z]{3}", m.norm), m
        if m.label == "DATE":
            assert m.norm == "" or TIMEX.fullmatch(m.norm), m
    for s, e, amount, currency in find_money(text):
        assert 0 <= s < e <= len(text) and amount >= 0 and len(currency) == 3


@settings(max_examples=FUZZ_EXAMPLES, **FAST)
@given(latvianish)
def test_latvianish_text_never_crashes_or_misplaces_mentions(text):
    check_mentions(text)


@settings(max_examples=FUZZ_EXAMPLES, **FAST)
@given(any_text)
def test_any_unicode_never_crashes_or_misplaces_mentions(text):
    check_mentions(text)


@settings(max_examples=FUZZ_EXAMPLES, **FAST)
@given(st.lists(st.sampled_from(TOKENS), max_size=30), any_text)
def test_tokens_mixed_with_unicode(tokens, noise):
    check_mentions(noise[:len(noise) // 2] + " ".join(tokens) + noise[len(noise) // 2:])
