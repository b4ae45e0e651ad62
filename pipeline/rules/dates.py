"""Latvian dates -> TIMEX3-style values, matched on the raw characters.

dateparser's Latvian data knows only nominative month names and invents missing parts, so
the Latvian forms are handled here: every case of every month ("februārī", "februāra",
"februārim"), ordinal days and years with their dots ("2019. gada 5.-6. februārī"),
coordinated days ("8. un 9.augustā") and years ("2012. un 2013. gadā"), numeric dates
("5.02.2019", "15-09-2017", "2019-02-05"), the datelines sites print ("Otrdiena, 14 Maijs
2013", "3 Mar, 2021", "Publicēts: 5. februārī, 2019"), seasons ("2020. gada rudenī" -> 2020),
ranges, and relative years ("š.g.", "pagājušā gada", "šī gada beigās") resolved against the
publication date. Without an anchor the year is "XXXX". Programme periods ("programma
2014.-2020. gadam") are names, not dates. Impossible dates ("31. februārī") are reported with
an empty value and a note, never shifted.
"""
from __future__ import annotations

import calendar
import dataclasses
from dataclasses import dataclass

import regex as re

from ..lexicon import CAPITAL_NEXT
from .extract import DocContext, extractor, scan
from .page import anchor_year, body_end, is_widget

# Stem and case endings of each month (nominative, genitive, dative, accusative, locative),
# with the ASCII spellings of texts that lost their diacritics.
_MONTH_FORMS = {
    1: r"janv[āa]r(?:is|a|im|i|ī)", 2: r"febru[āa]r(?:is|a|im|i|ī)", 3: r"mart(?:s|a|am|u|ā)",
    4: r"apr[īi](?:lis|ļa|la|lim|li|lī)", 5: r"maij(?:s|a|am|u|ā)", 6: r"j[ūu]nij(?:s|a|am|u|ā)",
    7: r"j[ūu]lij(?:s|a|am|u|ā)", 8: r"august(?:s|a|am|u|ā)", 9: r"septembr(?:is|a|im|i|ī)",
    10: r"oktobr(?:is|a|im|i|ī)", 11: r"novembr(?:is|a|im|i|ī)", 12: r"decembr(?:is|a|im|i|ī)",
}
_MONTH_ABBR = {1: "janv", 2: "febr?", 3: "mar", 4: "apr", 6: "jūn", 7: "jūl", 8: "aug", 9: "sept?",
               10: "okt", 11: "nov", 12: "dec"}
# English month names of datelines on bilingual sites ("Friday, 16 November 2007").
_ENGLISH = {1: "jan(?:uary)?", 2: "feb(?:ruary)?", 3: "mar(?:ch)?", 4: "apr(?:il)?", 5: "may", 6: "june?",
            7: "july?", 8: "aug(?:ust)?", 9: "sep(?:t(?:ember)?)?", 10: "oct(?:ober)?", 11: "nov(?:ember)?",
            12: "dec(?:ember)?"}
MONTH_RX = "|".join(f"(?:{rx})" for rx in _MONTH_FORMS.values())
ABBR_RX = "|".join(_MONTH_ABBR.values())
ENGLISH_RX = "|".join(_ENGLISH.values())
# Seasons in the locative ("2020. gada rudenī", "pavasarī") name their year.
SEASON_RX = r"pavasarī|vasarā|rudenī|ziemā"
SEASON_ADJ = r"(?:agr|vēl|vēlaj)[āa]"  # "2018. gada vēlā pavasarī"
# A part of a year after a relative one ("šī gada beigās", "nākamā gada 1. ceturksnī") names
# that year, as a season does; a bare "šogad" names none.
YEAR_PART_RX = (r"(?:(?:[1-4]\.|(?-i:[IV]{1,3})\.?|(?:pirm|otr|treš|ceturt)\p{L}*)[ \u00a0]*)?"
                r"(?:sākum[āa]|beig[āa][sm]|nogal[ēe]|vid[ūu]|pus[ēe]|pusgad[āa]|ceturksn[īi])(?!\p{L})")
_MONTH_LOOKUP = [(re.compile(rf"^(?:{rx})$", re.I), n) for n, rx in _MONTH_FORMS.items()]
_ABBR_LOOKUP = [(re.compile(rf"^(?:{rx})\.?$", re.I), n) for n, rx in _MONTH_ABBR.items()]
_ENGLISH_LOOKUP = [(re.compile(rf"^{rx}$", re.I), n) for n, rx in _ENGLISH.items()]

_SP = r"[ \u00a0\u2009\u202f]"
DASH = r"\s*[-–—‒−]\s*"  # hyphen, en, em, figure dash and minus: sites type any
RELATIVE = {
    r"š\.\s?g\.|š[āī]\s?gada|šogad|šajā gadā": 0,
    r"pagājušā gada|pagājušajā gadā|aizvadītā gada|aizvadītajā gadā|pērnajā gadā|pērnā gada|pērn"
    r"|iepriekšējā gada|iepriekšējā gadā": -1,
    r"nākamā gada|nākamgad|nākamajā gadā|nākošā gada|nākošajā gadā|nākošgad": 1,
    r"aizpagājušā gada": -2,
}
REL_RX = "|".join(RELATIVE)
# "tā paša gada 30. aprīlī": the year of the date before
SAME_YEAR_RX = r"t[āa] pa[šs]a gada|taj[āa] pa[šs][āa] gad[āa]"


def _year(name: str) -> str:
    return rf"(?P<{name}>1[89]\d\d|20\d\d)\.?{_SP}*(?:(?:gada|gadā|gadam|gadu|gads)(?!\p{{L}})|g\.)"


def _trailing_year(name: str) -> str:
    """A year after its day and month ("18.novembris, 2009", "3 Mar, 2021"): followed by "gada"
    or ending the line or clause, so that a count after a month ("maijā 2000 apmeklētāju")
    is not taken for one, nor the year that starts the next date."""
    starts_next = rf"{_SP}*(?:[0-3]?\d\.|(?:{MONTH_RX})(?!\p{{L}}))"  # "30. jūnijam, 2020. gada 1. jūlijā"
    return (rf"(?P<{name}>1[89]\d\d|20\d\d)"
            rf"(?:\.?{_SP}*(?:gada(?!\p{{L}})|g\.)(?!{starts_next})|(?!\.?{_SP}*(?:gad|g\.)|{_SP}*[\p{{L}}\d]))")


# A day whose dot a site dropped, before a month written out in a case other than the
# nominative: "2016. gada 15 oktobrī" (a nominative is a dateline's: "14 Maijs 2013").
NO_DOT = rf"(?={_SP}+(?:{MONTH_RX})(?!\p{{L}}))(?!{_SP}+\p{{L}}+s(?!\p{{L}}))"


def _alternatives(p: str) -> str:
    """A numeric date (dotted, dashed or ISO), a dateline's day, month and year, a day/month or
    season with an optional year, or a year, with group names prefixed by p."""
    # "5.02.2019", "15.-17.09.2017", "15-09-2017", "05/03/2019"; a dashed or slashed one is no
    # date inside a longer code ("15-09-2017-001")
    numeric = (rf"(?:(?P<{p}nd0>[0-3]?\d)\.{DASH}(?=[0-3]?\d\.[01]?\d\.))?"
               rf"(?P<{p}nd>[0-3]?\d)(?:\.(?P<{p}nm>[01]?\d)\.(?P<{p}ny>(?:19|20)\d\d)\.?"
               rf"|(?P<{p}sep>[-/])(?P<{p}dm>[01]?\d)(?P={p}sep)(?P<{p}dy>(?:19|20)\d\d)(?![/-]\d))(?!\d)")
    iso = rf"(?P<{p}iy>(?:19|20)\d\d)(?P<{p}isep>[-/])(?P<{p}im>[01]\d)(?P={p}isep)(?P<{p}id>[0-3]\d)(?![\d/-])"
    # a dateline's day without its dot, month in any language, year after: "14 Maijs 2013",
    # or the month first: "May 14, 2013"
    month = rf"(?:{MONTH_RX}|{ENGLISH_RX}|(?:{ABBR_RX})\.?)(?!\p{{L}})"
    dateline = (rf"(?:(?P<{p}xd>[0-3]?\d)\.?{_SP}+(?P<{p}xm>{month})"
                rf"|(?P<{p}xm2>{month}){_SP}+(?P<{p}xd2>[0-3]?\d)(?!\d))"
                rf",?{_SP}+{_trailing_year(p + 'xy')}")
    point = (rf"(?:(?:(?P<{p}rel>{REL_RX})|(?P<{p}same>{SAME_YEAR_RX})){_SP}*)?(?:{_year(p + 'y')}\.?,?{_SP}*)?"
             rf"(?:(?P<{p}d1>[0-3]?\d)(?:\.|{NO_DOT})(?:(?:{DASH}|\s+līdz\s+|(?P<{p}and>{_SP}*un{_SP}*))"
             rf"(?P<{p}d2>[0-3]?\d)\.)?{_SP}*)?"
             rf"(?:(?P<{p}m>{MONTH_RX})|(?P<{p}ab>{ABBR_RX})\.?|(?:{SEASON_ADJ}{_SP}+)?(?P<{p}s>{SEASON_RX}))"
             rf"(?!\p{{L}})"
             rf"(?:,?{_SP}+{_trailing_year(p + 'ty')})?")
    year_only = rf"(?:(?P<{p}yrel>{REL_RX})(?:{_SP}+(?P<{p}part>{YEAR_PART_RX}))?|{_year(p + 'yo')})"
    return f"(?:{numeric}|{iso}|{dateline}|{point}|{year_only})"


STATED_YEAR = re.compile(r"(?:1[89]|20)\d\d")  # every year the alternatives below state
DATE = re.compile(
    rf"{_alternatives('a_')}"
    rf"(?:(?P<range>{DASH}|\s+līdz\s+(?:pat\s+)?){_alternatives('b_')})?",
    re.IGNORECASE,
)
# Where a date can start (a digit, a relative year, a month or a season): the big
# alternation is tried only there, in half the time of letting it scan every offset of the
# text. A full date also starts where page extraction glued it to the word or number before
# ("foto2017. gada 10. oktobrī", "pārbūve15-09-2017").
_GLUED_FULL = (rf"(?<=[\p{{Ll}}\d])(?=(?:19|20)\d\d\.?{_SP}*(?:gada|g\.){_SP}*[0-3]?\d\.)"
               rf"|(?<=\p{{Ll}})(?=[0-3]?\d(?P<gs>[.-])[01]?\d(?P=gs)(?:19|20)\d\d)")
DATE_STARTS = re.compile(rf"(?<![\p{{L}}\d.])(?=\d|(?i:{REL_RX}|{SAME_YEAR_RX}|{MONTH_RX}|{SEASON_RX}"
                         rf"|(?:{ENGLISH_RX}|{ABBR_RX})\.?{_SP}+\d))|{_GLUED_FULL}")
DAY_ABBR = re.compile(rf"(?=\d)(?<![\p{{L}}\d.])(?P<d>[0-3]?\d)\.?{_SP}(?P<m>{ABBR_RX})\.?(?!\p{{L}})", re.I)
YEAR_RANGE = re.compile(
    rf"(?<![\p{{L}}\d.])(?P<y1>1[89]\d\d|20\d\d)\.?(?:{_SP}*g\.)?(?:{DASH}|/|(?P<until>\s+līdz\s+))"
    rf"(?P<y2>1[89]\d\d|20\d\d)\.?+"
    rf"(?:{_SP}*(?P<gada>gada|gadā|gadam|gadiem|gads|gadu|g\.)(?!\p{{L}}))?+(?!\d)"
    rf"(?!{_SP}*(?:[0-3]?\d\.{_SP}*)?(?:{MONTH_RX}))", re.I)  # "līdz 2020. gada 31. decembrim" is a day
# The years of a list before the one that carries "gadā": "2012. un 2013. gadā", "2014., 2015.
# un 2016. gadā"; each is a date of its own (the last one is matched by DATE).
_LISTED_YEAR = r"(?:1[89]|20)\d\d\."
LISTED_YEAR = re.compile(
    rf"(?<![\p{{L}}\d.])(?P<y>(?:1[89]|20)\d\d)\.(?=(?:,{_SP}*{_LISTED_YEAR})*(?:,|{_SP}+(?:un|vai)){_SP}*"
    rf"{_LISTED_YEAR}{_SP}*(?:gadā|gada|gadam|gadu|gados|gadiem)(?!\p{{L}}))", re.I)
PROGRAMME_BEFORE = re.compile(r"(?:programm|period|stratēģij|plān|ES fondu|Interreg|Latvija[-–]Lietuva)\p{L}*"
                              r"[^.!?]{0,25}$", re.I)
# "No 2009. līdz 2014. gadam paredzētais ... finanšu instrumentu apjoms": the period of a fund
PROGRAMME_AFTER = re.compile(r"[^.!?]{0,60}?(?:programm|period|finanšu instrument|plānošan)", re.I)
# A law's or regulation's date, in the genitive before its name, cites it and is no date:
# "Ministru kabineta 2016. gada 13. septembra noteikumi Nr. 600", "2014. gada 17. decembra
# Eiropas Parlamenta un Padomes regula"; a council's decision ("domes ... lēmums") is a date.
LEGAL_CITATION = re.compile(r"(?<=a)[ \t\u00a0]+(?:(?:\p{Lu}\p{L}*|un)[ \t\u00a0]+){0,4}?"
                            r"(?i:noteikum|regul|likum|direktīv)\p{L}*")
NAME_ENDING = re.compile(r"(?:is|s)$", re.I)
NEVER_NAME_ENDING = re.compile(r"(?:ā|ī|am|im|u|i)$", re.I)
TIME = re.compile(r"[,\s]*(?:plkst\.?|pulksten)?\s*(?P<h>[0-2]?\d)[.:](?P<min>[0-5]\d)(?!\d)")
COORDINATION = re.compile(r"^\s*(?:,|un|vai|,\s*kā arī)\s*$", re.I)


@dataclass(frozen=True)
class Point:
    year: str | None  # "2019", "XXXX" or None when only a year is missing
    month: int | None
    day: int | None
    day2: int | None = None
    rel: int | None = None  # relative year offset, e.g. -1 for "pagājušā gada"
    season: bool = False  # "rudenī": a date of its year only
    abbreviated: bool = False  # "janv.": a month only when a day goes with it
    same_year: bool = False  # "tā paša gada": the year of the date before


def month_number(word: str) -> int | None:
    for rx, n in _MONTH_LOOKUP:
        if rx.match(word):
            return n
    for rx, n in _ABBR_LOOKUP + _ENGLISH_LOOKUP:
        if rx.match(word):
            return n
    return None


def _point(m, p: str) -> Point | None:
    g = m.groupdict()
    if g.get(f"{p}nd"):
        day, last = int(g[f"{p}nd0"] or g[f"{p}nd"]), int(g[f"{p}nd"]) if g.get(f"{p}nd0") else None
        return Point(g[f"{p}ny"] or g[f"{p}dy"], int(g[f"{p}nm"] or g[f"{p}dm"]), day, last)
    if g.get(f"{p}iy"):
        return Point(g[f"{p}iy"], int(g[f"{p}im"]), int(g[f"{p}id"]))
    if g.get(f"{p}xy"):
        return Point(g[f"{p}xy"], month_number(g[f"{p}xm"] or g[f"{p}xm2"]), int(g[f"{p}xd"] or g[f"{p}xd2"]))
    month = g.get(f"{p}m") or g.get(f"{p}ab")
    if month or g.get(f"{p}s"):
        rel = _relative(g.get(f"{p}rel"))
        d1 = int(g[f"{p}d1"]) if g.get(f"{p}d1") else None
        d2 = int(g[f"{p}d2"]) if g.get(f"{p}d2") else None
        return Point(g.get(f"{p}y") or g.get(f"{p}ty"), month_number(month) if month else None, d1, d2, rel,
                     season=bool(g.get(f"{p}s")), abbreviated=bool(g.get(f"{p}ab")),
                     same_year=bool(g.get(f"{p}same")))
    if g.get(f"{p}yo"):
        return Point(g[f"{p}yo"], None, None)
    if g.get(f"{p}yrel"):
        return Point(None, None, None, rel=_relative(g[f"{p}yrel"]), season=bool(g.get(f"{p}part")))
    return None


def _relative(word: str | None) -> int | None:
    if not word:
        return None
    for rx, offset in RELATIVE.items():
        if re.fullmatch(rx, word.lower()):
            return offset
    return None


def resolve_year(point: Point, anchor: int | None) -> Point:
    """Fill the year from the anchor (publication year) or mark it unknown."""
    if point.year:
        return point
    if point.rel is not None:
        return dataclasses.replace(point, year=str(anchor + point.rel) if anchor else "XXXX")
    return dataclasses.replace(point, year=str(anchor) if anchor else "XXXX")


def timex(point: Point) -> tuple[str, str]:
    """(value, note) for a resolved point; an impossible date gives ("", reason)."""
    y, mth, d = point.year, point.month, point.day
    if mth is None:
        return y, ""
    if not 1 <= mth <= 12:
        return "", f"impossible date: month {mth}"
    for day in (d, point.day2):
        if day is None:
            continue
        days = calendar.monthrange(int(y) if y.isdigit() else 2000, mth)[1]  # XXXX: allow 29 Feb
        if not 1 <= day <= days:
            return "", f"impossible date: day {day} of month {mth}" + (f" in {y}" if y.isdigit() else "")
    if d is None:
        return f"{y}-{mth:02d}", ""
    first = f"{y}-{mth:02d}-{d:02d}"
    if point.day2 is not None:
        return f"{first}/{y}-{mth:02d}-{point.day2:02d}", ""
    return first, ""


def stated_days(line: str) -> list[tuple[int, int, str]]:
    """(start, end, ISO date) of each date in ``line`` that states its own day, month and year:
    what a dateline gives."""
    out = []
    if not STATED_YEAR.search(line):  # most lines have no year: spare them the big pattern
        return out
    for m in scan(DATE, DATE_STARTS, line):
        a = _point(m, "a_")
        if m.group("range") or a is None or a.day is None or a.day2 is not None or a.month is None:
            continue
        if a.year and a.year.isdigit():
            value, _ = timex(a)
            if value:
                out.append((m.start(), m.end(), value))
    return out


def _is_programme_period(text: str, start: int, end: int) -> bool:
    return bool(PROGRAMME_BEFORE.search(text, max(0, start - 80), start) or PROGRAMME_AFTER.match(text, end))


def _capitalised_name(ctx: DocContext, m, a: Point, b: Point | None) -> bool:
    """A lone month word that is a name: "Augusts Kalniņš", "Maija" inside a sentence.

    Lone months as dates are in the locative or genitive ("augustā", "augusta beigās"),
    so a nominative one is a name too.
    """
    if b is not None or a.day is not None or a.year is not None or a.rel is not None:
        return False
    word = m.group()
    if NAME_ENDING.search(word):
        return True
    if NEVER_NAME_ENDING.search(word):  # "Maijā Rīgā ...": never a name
        return False
    sent = ctx.sentence_at(m.start())
    inside = sent is not None and sent.start != m.start()
    return word[0].isupper() and (inside or bool(CAPITAL_NEXT.match(ctx.text, m.end())))


@extractor("dates", assigns=("DATE",))
def extract_dates(ctx: DocContext) -> None:
    text = ctx.text
    anchor = anchor_year(ctx.document)
    end_of_body = body_end(ctx)
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, int, str, str, str]] = []  # start, end, value, note, time
    last_year: tuple[int, str] | None = None  # (end offset, year) of the previous date
    _year_ranges(text, taken, found)
    for m in scan(DATE, DATE_STARTS, text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        a, b = _point(m, "a_"), _point(m, "b_")
        if a is None or (a.month is None and b is None and a.year is None and not a.season):
            continue  # a bare "šogad" names no date of its own
        sent = ctx.sentence_at(m.start())
        in_body = m.start() < end_of_body and not (sent and is_widget(text, ctx.sentences, sent.idx))
        doc_anchor = anchor if in_body else None
        if a.season and a.year is None and a.rel is None and doc_anchor is None:
            continue  # a bare "rudenī" without the article's year is no more than a time of year
        if (a.abbreviated and a.day is None) or (b is not None and b.abbreviated and b.day is None):
            continue  # "mar", "dec" alone are words, not months
        if _capitalised_name(ctx, m, a, b):
            continue
        if b is None and a.day is not None and LEGAL_CITATION.match(text, m.end()):
            taken.append(m.span())
            continue
        a, b = _shared_years(a, b, text[last_year[0]:m.start()] if last_year else None, last_year)
        value, note, point = _value(a, b, doc_anchor)
        start = m.start()
        if b is None and m.group("a_and") and a.day2 != a.day + 1:  # "2. un 16. maijā": two days
            found.append((start, m.start("a_and"), *timex(dataclasses.replace(point, day2=None)), ""))
            start = m.end("a_and")
            value, note = timex(dataclasses.replace(point, day=point.day2, day2=None))
        tm = TIME.match(text, m.end())
        clock = f"{int(tm.group('h')):02d}:{tm.group('min')}" if tm and int(tm.group("h")) < 24 else ""
        found.append((start, m.end(), value, note, clock))
        taken.append(m.span())
        year = value.split("/")[-1][:4]
        last_year = (m.end(), year) if value else None

    _listed_years(text, taken, found)
    _day_abbreviations(text, taken, found, anchor, end_of_body)
    for start, end, value, note, clock in sorted(found):
        score = 0.9 if value and "XXXX" not in value else 0.7
        ctx.add(start, end, "DATE", value, "rule:date_lv", score if value else 0.3, note=note, time=clock)


def _year_ranges(text: str, taken: list, found: list) -> None:
    """"2014.-2020. gadā" as a date; "2014-2020" alone or before "gada" names a period: only taken."""
    for m in YEAR_RANGE.finditer(text):
        taken.append(m.span())
        case = (m.group("gada") or "").lower()
        period_name = case == "gada" or (case == "gadam" and not m.group("until"))  # "2014.-2020. gadam"
        if case and not period_name and not _is_programme_period(text, m.start(), m.end()):
            found.append((m.start(), m.end(), f"{m.group('y1')}/{m.group('y2')}", "", ""))


def _shared_years(a: Point, b: Point | None, since_last: str | None,
                  last_year: tuple[int, str] | None) -> tuple[Point, Point | None]:
    """The points with the years they share: with the date before (``since_last``: the text
    since it), and the two ends of a range with each other."""
    # "pagājušā gada augustā un septembrī": the second month shares the first one's year
    if a.year is None and a.rel is None and last_year and COORDINATION.match(since_last):
        a = dataclasses.replace(a, year=last_year[1])
    if a.same_year:
        a = dataclasses.replace(a, year=last_year[1] if last_year else "XXXX")
    if b is not None:
        if b.year is None and b.rel is None and (a.year or a.rel is not None):
            b = dataclasses.replace(b, year=a.year, rel=a.rel)
        if a.year is None and a.rel is None and (b.year or b.rel is not None):
            a = dataclasses.replace(a, year=b.year, rel=b.rel)
    return a, b


def _value(a: Point, b: Point | None, anchor: int | None) -> tuple[str, str, Point | None]:
    """(value, note, the resolved point of a single date) of a date or a range."""
    if b is None:
        point = resolve_year(a, anchor)
        return (*timex(point), point)
    va, na = timex(resolve_year(a, anchor))
    vb, nb = timex(resolve_year(b, anchor))
    return (f"{va}/{vb}", "", None) if va and vb else ("", na or nb, None)


def _listed_years(text: str, taken: list, found: list) -> None:
    """Each year of a list before "gadā": "2012. un 2013. gadā"."""
    for m in LISTED_YEAR.finditer(text):
        if not any(s < m.end() and m.start() < e for s, e in taken) and not _is_programme_period(
                text, m.start(), m.end()):
            found.append((m.start(), m.end("y"), m.group("y"), "", ""))


def _day_abbreviations(text: str, taken: list, found: list, anchor: int | None, end_of_body: int) -> None:
    """Days with an abbreviated month ("12. dec."), with the article's year in its body."""
    for m in DAY_ABBR.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        point = resolve_year(Point(None, month_number(m.group("m")), int(m.group("d"))),
                             anchor if m.start() < end_of_body else None)
        found.append((m.start(), m.end(), *timex(point), ""))
