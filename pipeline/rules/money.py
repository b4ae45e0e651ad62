"""Monetary amounts in Latvian press text, matched on the raw characters.

Latvian groups thousands with (no-break, thin) spaces and writes a decimal comma, but
press releases also print "EUR 791 256.19", "1,2 milj. EUR" and "250 tūkst. eiro", and
old ones use lats (LVL) and litas (LTL). An amount is only money when a currency word or
sign stands right before or after it, when a list states its currency once ("izmaksas
EUR: 640 210.40, no tā ERAF 85% - 544 178.84"), or when it starts a range whose second figure
has one ("no 5 000 līdz 45 000 eiro"), so percentages, phone numbers, postcodes and years
never match. Headlines also write millions in words ("pusmiljons eiro", "divi miljoni latu").
"""
from __future__ import annotations

from bisect import bisect_left
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import regex as re

from ..records import MoneyFact
from .extract import DocContext, extractor, scan
from .money_roles import assign_roles

# Fixed euro changeover rates (units per 1 EUR).
EURO_RATES = {"EUR": Decimal(1), "LVL": Decimal("0.702804"), "LTL": Decimal("3.45280"),
              "EEK": Decimal("15.6466")}

# Currency words and signs -> ISO 4217. Longest alternatives first in the regex.
CURRENCIES = {
    "EUR": r"eiro|euro|eur|€|eirocent\p{L}*",
    "LVL": r"lati|latu|latiem|latos|lats|latus|lvl|ls",
    "LTL": r"litai|litu|litų|litas|litiem|ltl|lt",
    "USD": r"usd|asv dolār\p{L}*|dolār\p{L}*|\$",
    "EEK": r"eek|kronas|kronu|kronām|krona",
    "GBP": r"gbp|£|mārciņ\p{L}*",
    "RUB": r"rub|rubļ\p{L}*|rublis",
    "PLN": r"pln|zlot\p{L}*",
    "SEK": r"sek", "NOK": r"nok", "DKK": r"dkk", "CHF": r"chf",
}
# Case-sensitive short forms that are ordinary words in lower case.
UPPER_ONLY = {"ls": "Ls", "lt": "Lt"}

SCALES = {
    r"miljard(?:iem|us|i|s|u|a|am)|mljrd|mlrd": Decimal(10) ** 9,
    r"milj(?:on(?:iem|os|us|i|s|u|a|am|ā))?|mljn|mlj|mln|mil": Decimal(10) ** 6,
    r"tūkst(?:ošiem|ošus|oši|otis|ošu|otu)?": Decimal(10) ** 3,
}
_SP = "[ \u00a0\u2009\u202f\u2007]"
_GROUP = "[ \u00a0\u2009\u202f\u2007'’]"  # between groups of thousands: spaces, or "5'000" as some sites write
NUMBER = (
    rf"\d{{1,3}}(?:{_SP}\d{{3}})*{_SP}\d{{4}}(?:[.,]\d{{1,2}})?(?!\d)"  # 239 9147,50: a misplaced space
    rf"|(?!(?:19|20)\d\d,)\d{{3,}},{_SP}\d{{2}}(?={_SP}?\p{{L}})"  # 9637, 65 EUR: a space after the comma
    rf"|\d{{1,3}}(?:{_GROUP}\d{{3}})+(?:[.,]\d{{1,2}})?(?!\d)"  # 791 256,20 / 791 256.19 / 5'000
    r"|\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?(?!\d|\.\d)"  # 1.234.567,89 (also before a full stop)
    r"|\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?(?!\d|,\d)"  # 1,234,567.89 (also before a comma)
    r"|\d+(?:[.,]\d+)?"  # 77418,00 / 60,1 / 5000
)
_SCALE_RX = "|".join(SCALES)
_CUR_RX = "|".join(f"(?P<{iso}>{rx})" for iso, rx in CURRENCIES.items())
_CUR_RX_AFTER = "|".join(f"(?P<{iso}_a>{rx})" for iso, rx in CURRENCIES.items())
MONEY = re.compile(
    rf"""
    (?<![\p{{L}}\d.,/-])(?<!\d['’])
    (?:
        (?P<cur_before>{_CUR_RX}) \.?{_SP}?(?P<num1>{NUMBER})
        (?:{_SP}?(?P<scale1>{_SCALE_RX})\.?(?!\p{{L}}))?
      |
        (?P<num2>{NUMBER})(?:[.,]-)?  # "12 000,- EUR": no cents
        (?:{_SP}?(?P<scale2>{_SCALE_RX})\.?)?
        {_SP}{{0,3}}(?P<cur_after>{_CUR_RX_AFTER})
    )
    (?![\p{{L}}\d])
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Where an amount can start: a digit or a currency word (see extract.scan).
MONEY_STARTS = re.compile(rf"(?<![\p{{L}}\d.,/-])(?=\d|(?i:{'|'.join(CURRENCIES.values())}))")


# The first figure of a range takes the currency and scale written after the second one:
# "no 5 000 līdz 50 000 eiro", "10–15 tūkst. EUR"; a year or a numbered label before a dash
# ("2019 – 50 000 EUR", "LLI 317 – 50 000 EUR", "Nr. 4 – 900 EUR") starts no range.
RANGE_SPREAD = 50  # "Soliņi 5 – 500 EUR" counts benches: a range's ends lie closer
RANGE_START = re.compile(
    rf"(?<![\p{{L}}\d.,/-]|(?:\d|(?-i:\p{{Lu}})){_SP}|(?i:nr)\.{_SP}?)(?!(?:19|20)\d\d(?!\d|[.,]\d|{_SP}\d))(?P<num>{NUMBER})(?:{_SP}?(?P<scale>{_SCALE_RX})\.?)?(?:{_SP}*[-–—]|{_SP}+līdz){_SP}*$",
    re.IGNORECASE,
)


# Millions in words, as headlines print them: "pusmiljons eiro", "pusotra miljona eiro", "divi
# miljoni latu", "vairāk nekā miljonu eiro"; never after digits ("1,5 miljoni eiro" is one figure).
# A plural without a number is no figure ("miljardi eiro", "desmitiem miljonu eiro").
NUMBER_WORDS = {"pusotr": Decimal("1.5"), "vien": 1, "div": 2, "trīs": 3, "četr": 4, "piec": 5, "seš": 6,
                "septiņ": 7, "astoņ": 8, "deviņ": 9, "desmit": 10}
_SCALE_WORD = r"(?:miljon|miljard)(?:s|a|u|i|us)"
_ONE_SCALE = r"(?<!(?:desmit|simt|vairāk|daudz)\p{L}*\s)(?:pus)?(?:miljon|miljard)(?:s|a|u)"
WORD_MONEY = re.compile(
    r"(?<![\d.,]\s?)(?<!\p{L})(?:(?P<word>pusotr[sau]|vien[sua]|div(?:i|us|u)|trīs|desmit"
    rf"|(?:četr|piec|seš|septiņ|astoņ|deviņ)(?:i|us|u))\s+(?P<scale>{_SCALE_WORD})|(?P<one>{_ONE_SCALE}))"
    r"\s+(?P<cur>eiro|euro|EUR|latu|latus|lati|LVL)(?![\p{L}\d])",
    re.IGNORECASE,
)


# A currency stated once for a list: "izmaksas EUR: 640 210.40", "Kopējās izmaksas (EUR) 875 094,63".
# Country codes in brackets ("Lietuva (LT)") are no header, so short signs do not count here.
HEADER_CURRENCIES = {"EUR": "eur|eiro|euro|€", "LVL": "lvl|latos|latu|lati", "LTL": "ltl|litais|litu"}
_HEADER_RX = "|".join(f"(?P<{iso}>{rx})" for iso, rx in HEADER_CURRENCIES.items())
CURRENCY_HEADER = re.compile(rf"(?<![\p{{L}}\d])\(?(?:{_HEADER_RX})(?:\)|:)", re.IGNORECASE)
# A figure without a currency: grouped thousands or two decimals ("544 178.84", "108 010,39",
# "85 000"), never a percentage, a measure, a count, a date, a clock time or a phone number.
BARE_FIGURE = re.compile(
    rf"(?<![\p{{L}}\d.,/:-]|\d{_SP}|(?i:plkst|tālr\p{{L}}*|tel\p{{L}}*|mob\p{{L}}*|nr)\.?:?{_SP}?)"
    rf"(?P<num>\d{{1,3}}(?:{_SP}\d{{3}})+(?:[.,]\d{{2}})?|\d+[.,]\d{{2}})"
    rf"(?![\d%]|[.,]\d|{_SP}?(?i:%|proc|km|m2|m²|m3|m\b|metr|kv|ha\b|hektār|kg|ton|t\b(?!\.\s?sk)|l\b|litr|cilv|person"
    r"|gad|mēneš|dien|stund|viet|bērn|skolēn|dalībniek|eksemplār|gab))"
)
DECIMALS = re.compile(r"[.,]\d{2}$")
# A payer or fund right before a figure makes it a list item even when "un" ends it:
# "t.sk. ERAF 85 000 un pašvaldība 15 000".
SHARE_LABEL = re.compile(r"(?:\b(?:ERAF|ERDF|ESF|KF|ELFLA|EJZF|valsts|pašvaldīb\p{L}*|budžet\p{L}*|"
                         rf"(?:līdz)?finansējum\p{{L}}*|atbalst\p{{L}}*)){_SP}*[:–—-]?{_SP}*$", re.IGNORECASE)


def find_listed_figures(text: str, start: int, end: int, found):
    """Yield (start, end, amount, currency) for the bare figures of a list in the sentence
    text[start:end] (``found``: the amounts with a currency in it, as find_money yields them)
    whose currency is stated once: by a header before them, or, for figures with decimals or
    ending a list item, by the amount with a currency just before them in the sentence."""
    headers = [(m.end(), currency_of(m)) for m in CURRENCY_HEADER.finditer(text, start, end)]
    spans = [(s, e, c) for s, e, _, c in found]
    for m in BARE_FIGURE.finditer(text, start, end):
        if any(s <= m.start() < e for s, e, _ in spans):
            continue
        header = [c for pos, c in headers if pos <= m.start()]
        listed = [c for s, e, c in spans if e <= m.start()]
        ends_item = (re.match(rf"{_SP}*(?:[,;)–-]|\.?\s*$)", text[m.end():end])
                     or re.match(rf"{_SP}+(?:un|kā arī){_SP}", text[m.end():end])
                     and SHARE_LABEL.search(text, start, m.start()))
        if header:
            currency = header[-1]
        elif listed and (DECIMALS.search(m.group()) or ends_item):
            currency = listed[-1]
        else:
            continue
        try:
            yield m.start(), m.end(), parse_amount(m.group("num")), currency
        except (InvalidOperation, ValueError):
            continue


def parse_amount(number: str, scale: str | None = None) -> Decimal:
    """'791 256,20' -> 791256.20; '60,1' + 'miljoni' -> 60100000; '1.234.567,89' -> 1234567.89."""
    s = re.sub(_GROUP, "", number)
    if "," in s and "." in s:
        dec = "," if s.rfind(",") > s.rfind(".") else "."
        s = s.replace("." if dec == "," else ",", "").replace(dec, ".")
    elif s.count(",") > 1 or s.count(".") > 1:
        s = s.replace(",", "").replace(".", "")
    elif "," in s or "." in s:
        sep = "," if "," in s else "."
        whole, frac = s.split(sep)
        s = whole + frac if (len(frac) == 3 and not scale) else f"{whole}.{frac}"
    value = Decimal(s)
    if scale:
        value *= _scale_factor(scale)
    return value


def _scale_factor(scale: str) -> Decimal:
    low = scale.lower().rstrip(".")
    for rx, factor in SCALES.items():
        if re.fullmatch(rx, low):
            return factor
    raise ValueError(f"unknown scale word {scale!r}")


def to_eur(amount: Decimal, currency: str) -> Decimal | None:
    rate = EURO_RATES.get(currency)
    return None if rate is None else (amount / rate).quantize(Decimal("0.01"), ROUND_HALF_UP)


def currency_of(m) -> str:
    """The ISO code of the currency group that matched (named ISO or ISO_a)."""
    for group, value in m.groupdict().items():
        if value and group[:3] in CURRENCIES:
            return group[:3]
    raise AssertionError("no currency group matched")


def find_money(text: str):
    """Yield (start, end, amount, currency) for every amount with a currency in ``text``, and
    for the first figure of a range whose second one has it."""
    for m in scan(MONEY, MONEY_STARTS, text):
        cur_text = m.group("cur_before") or m.group("cur_after")
        if cur_text.lower() in UPPER_ONLY and cur_text != UPPER_ONLY[cur_text.lower()]:
            continue
        number = m.group("num1") or m.group("num2")
        scale = m.group("scale1") or m.group("scale2")
        try:
            amount = parse_amount(number, scale)
        except (InvalidOperation, ValueError):
            continue
        if m.group("num2"):
            yield from _range_start(text, m.start(), amount, scale, currency_of(m))
        yield m.start(), m.end(), amount, currency_of(m)


def find_word_money(text: str):
    """Yield (start, end, amount, currency) for every amount of millions written in words."""
    for m in WORD_MONEY.finditer(text):
        if m.group("one"):
            one = m.group("one").lower()
            number, scale = (Decimal("0.5"), one[3:]) if one.startswith("pus") else (Decimal(1), one)
        else:
            word = m.group("word").lower()
            number = next(Decimal(v) for stem, v in NUMBER_WORDS.items() if word.startswith(stem))
            scale = m.group("scale")
        amount = number * _scale_factor(scale)
        yield m.start(), m.end(), amount, "LVL" if m.group("cur").lower().startswith(("lat", "lvl")) else "EUR"


def _range_start(text: str, start: int, upper: Decimal, scale: str | None, currency: str):
    """The first figure of the range that ends with the amount at ``start``, if it is one."""
    r = RANGE_START.search(text, max(0, start - 40), start)
    if not r or MONEY.match(text, r.start()):
        return
    try:
        amount = parse_amount(r.group("num"), r.group("scale") or scale)
    except (InvalidOperation, ValueError):
        return
    if amount < upper <= amount * RANGE_SPREAD:
        yield r.start(), r.end("scale") if r.group("scale") else r.end("num"), amount, currency


@extractor("money", requires=("PROJECT_CODE",), assigns=("MONEY", "money"))
def extract_money(ctx: DocContext) -> None:

    found = []
    amounts = sorted([*find_money(ctx.text), *find_word_money(ctx.text)])
    for start, end, amount, currency in _with_listed_figures(ctx, amounts):
        amount = amount.quantize(Decimal("0.01"), ROUND_HALF_UP)
        mention = ctx.add(start, end, "MONEY", f"{amount} {currency}", "rule:money", 0.95)
        if mention:
            found.append(MoneyFact(mention, amount, currency, to_eur(amount, currency)))
    ctx.money.extend(assign_roles(ctx, found))


def _with_listed_figures(ctx: DocContext, amounts: list) -> list:
    """The amounts with a currency and, sentence by sentence, the bare figures they govern."""
    starts = [a[0] for a in amounts]
    out = list(amounts)
    for sent in ctx.sentences:
        lo, hi = bisect_left(starts, sent.start), bisect_left(starts, sent.end)
        out.extend(find_listed_figures(ctx.text, sent.start, sent.end, amounts[lo:hi]))
    return sorted(out)
