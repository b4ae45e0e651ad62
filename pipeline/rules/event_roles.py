"""What an event takes from its clauses and its document: date, place, participants (and the
project's owner and contractors, who take part in its milestones).
"""
from __future__ import annotations

from dataclasses import dataclass

import regex as re

from ..records import Mention
from . import event_triggers as T
from .event_clauses import Clause, Found, first_usable, is_predicate, is_relative
from .event_triggers import Word
from .gazetteer import default_gazetteer
from .inflect import analyses

ON_SITE = {"completion", "works_start", "opening"}  # a project's object: the place is where it stands
PAPERWORK = ("approval", "contract", "procurement")  # their place is said only where they took place
MILESTONES = ("approval", "contract", "procurement", "works_start", "completion", "opening")
# regions, countries and seas name no site; a document's most named other place is its site
NOT_A_SITE = {"country", "macroregion", "region", "sea", "river", "lake"}
EU_FUNDS = re.compile(r"^(?:Eiropas|ES)\b.*\bfond|lauksaimniecības fond|sociāl\p{L}* fond|kohēzijas fond"
                      r"|zivsaimniecības fond|\bERAF\b|\bESF\b|\bELFLA\b|\bKF\b|\bEJZF\b|\bEZF\b|\bLEADER\b"
                      r"|Eiropas Savienība|programm|finanšu instrument|\bEEZ\b|Interreg", re.I)
# a legal form written before a quoted name belongs to the name: SIA „Strabag” -> SIA Strabag
LEGAL_FORM = re.compile(r"(?<!\p{L})(SIA|AS|VAS|IK|ZS|PS|pilnsabiedrība|biedrība|nodibinājums|JDK)\s*[„“\"«]?\s*$")
ABBREVIATION = re.compile(r"\p{Lu}{2,6}")
QUOTES = "„“”\"«»"
COMPANY = re.compile(r"^(?:SIA|AS|VAS|IK|PS|ZS|pilnsabiedrība)\b")
ANAPHORA = T.Lexicon("aģentūra", "pašvaldība", "dome", "biedrība", "fonds", "dienests", "ministrija", "pārvalde",
                     "bibliotēka", "skola", "muzejs")
OWNING = T.Lexicon("īstenot", "realizēt", "iesniegt", "ieviest")
SPATIAL = T.Lexicon("pie", "aiz", "blakus", "pretī", "netālu", "līdzās", "iepretim")
FUND_VERBS = T.Lexicon("finansēt", "līdzfinansēt")
# rooms and grounds an organisation owns: "domes zālē", "augstskolas aktu zālē", "skolas pagalmā"
ROOMS = {"zāle", "telpa", "aula", "auditorija", "ēka", "nams", "pagalms", "foajē", "klase", "dārzs", "parks"}
CONTRACTING = T.Lexicon("veikt", "nodrošināt", "izpildīt", "veicējs", "būvuzraudzība", "autoruzraudzība", "izgatavot",
                        "piegādāt")


@dataclass
class Cast:
    """What a document names that an event may take: actors, places, titles, dates."""

    actors: list[Mention]
    places: list[Mention]
    names: list[Mention]
    dates: list[Mention]
    text: str


def describe(f: Found, host: Clause | None, cast: Cast) -> None:
    """The event's place and participants from its clause (and the clauses about it)."""
    c, text = f.clause, cast.text
    if host is not None:
        f.date = f.date or event_date(host, None, f.trigger, cast.dates, "")
    around = [x for x in (c, f.about, host) if x is not None]
    f.place = _place(f.event_type, around, f.trigger, cast.places, cast.names)
    if f.weak:
        return
    f.participants = _participants(c, cast.actors, text, trigger=f.trigger) + _referred(c, cast.actors, text)
    f.subjects = _participants(c, cast.actors, text, until=f.trigger.start)
    if f.about is not None and not f.about.has(FUND_VERBS):  # "festivāls, ko finansēja X": X pays, not takes part
        f.participants += _participants(f.about, cast.actors, text) + _referred(f.about, cast.actors, text)


def add_takers(f: Found, c: Clause, cast: Cast) -> None:
    """Those a later clause of the sentence says took part in the happening told before it,
    a clause with no event of its own: "Seminārā, kas notika 5. aprīlī, piedalījās biedrība X"."""
    if f.weak or f.clause.sent_idx != c.sent_idx or not c.has(T.TAKE_PART):
        return
    takers = _participants(c, cast.actors, cast.text) + _referred(c, cast.actors, cast.text)
    f.participants += [p for p in takers if p not in f.participants]


def add_partner(f: Found, prev: Clause | None, cast: Cast) -> None:
    """The party a relative "ar kuru" points back to signs with: "uzvarēja SIA X, ar kuru
    noslēgts līgums" (the last actor of the clause before)."""
    if prev is None or f.event_type not in ("contract", "approval") or f.clause.words[0].lemma != "ar" \
            or not is_relative(f.clause):
        return
    named = _participants(prev, cast.actors, cast.text)
    if named and named[-1] not in f.participants:
        f.participants.append(named[-1])


# --- attributes ----------------------------------------------------------------------------
def within(m: Mention, spans: list[Mention]) -> bool:
    """The mention lies inside one of the spans (not itself)."""
    return any(s.start <= m.start and m.end <= s.end and s is not m for s in spans)


def event_date(c: Clause, about: Clause | None, trigger: Word, dates: list[Mention], today: str) -> str:
    """The date of the trigger's clause nearest to it; else of a relative clause about the
    trigger ("festivāls, kas notika martā"); "šodien" is the publication date."""
    mine = [d for d in dates if c.start <= d.start < c.end]
    if not mine and about is not None:
        mine = [d for d in dates if about.start <= d.start < about.end]
    if mine:
        parts = [d for d in mine if _year_of(d, mine)]  # "2014. gada" after "21.-24. janvārim"
        best = min((d for d in mine if d not in parts), key=lambda d: abs(d.start - trigger.start))
        return _with_year(best, mine)
    if c.has(T.TODAY) and today:
        return today
    return ""


def _about(c: Clause, trigger: Word) -> tuple[int, int] | None:
    """Where "par ..." after the trigger starts and ends: what a decision or agreement is
    about, up to the clause's verb after it ("seminārs par mežiem notika Bauskā": where it
    happened)."""
    start = next((w.start for w in c.words if w.start > trigger.start and w.lemma == "par"), None)
    if start is None:
        return None
    verb = next((w.start for w in c.words if w.start > start and is_predicate(w)), c.end)
    return start, verb


def _outside(m: Mention, about: tuple[int, int] | None) -> bool:
    return about is None or not about[0] <= m.start < about[1]


def _year_of(year: Mention, dates: list[Mention]) -> Mention | None:
    """The yearless date a bare year is written right next to: "21.-24. janvārim 2014. gada"."""
    if not re.fullmatch(r"\d{4}", year.norm):
        return None
    return next((d for d in dates if d.norm.startswith("XXXX")
                 and (0 <= year.start - d.end <= 3 or 0 <= d.start - year.end <= 3)), None)


def _with_year(date: Mention, dates: list[Mention]) -> str:
    year = next((y.norm for y in dates if _year_of(y, dates) is date), "")
    return date.norm.replace("XXXX", year, 1).replace("XXXX", year) if year else date.norm


def is_locative(m: Mention, words: list[Word]) -> bool:
    """The mention's last word is in the locative ("Jelgavā", "... centrā"): by the model's
    morphology when it ran, else by the inflection tables. A name ending in a long vowel is a
    locative whatever the model says ("Rūjienā" read as a dative): no other case of a noun ends so.
    An indeclinable name the model gives no case ("notika Tartu", "Pärnu") is where, unless a
    preposition leads it ("uz Tartu", "no Tartu")."""
    last = [w for w in words if m.start <= w.start < m.end]
    if last and last[-1].proper and not last[-1].feat("Case") and any(w.feats for w in words):
        return not any(w.pos == "ADP" for w in words if m.start - 5 <= w.end <= m.start)
    if last and last[-1].feats:
        return last[-1].feat("Case") == "Loc" or last[-1].text[-1:] in "āēīū"
    word = m.text.split()[-1] if m.text.split() else m.text
    return any(a.case == "loc" for a in analyses(word))


def in_a_room(m: Mention, text: str) -> bool:
    """The organisation owns the room the text puts something in, across adjectives and
    genitives: "Ogres novada domes zālē", "Vidzemes Augstskolas aktu zālē" say where, not who."""
    for word in re.findall(r"\p{L}+|[^\s\p{L}]", text[m.end:m.end + 60])[:3]:
        readings = analyses(word)
        if any(a.case == "loc" and a.lemma_sg in ROOMS for a in readings):
            return True
        if not any(a.case in ("gen", "loc") for a in readings):
            return False
    return False


def _place_kind(norm: str) -> str:
    place = default_gazetteer().place(norm)
    return place.type if place else ""


def _place(etype: str, clauses: list[Clause], trigger: Word, places: list[Mention], names: list[Mention]) -> str:
    """The place the event's clause (then the clauses about it) says it happened in: a
    locative, a town before a locative venue ("Jelgavas ... centrā"), a host's town ("X
    uzņēma ..."), a destination ("brauciens uz Kretingu"); for an on-site event also a place
    its clause names in another case ("Mērsraga pludmale"). Empty when they name none."""
    if etype in PAPERWORK and not (trigger in T.SIGN or any(c.has(T.HAPPEN) for c in clauses)):
        return ""  # "piešķirts finansējums projektiem Aizkraukles novadā": where the projects are
    tiers: list[list[Mention]] = [[], [], []]
    own: list[Mention] = []
    for c in clauses:
        here = [p for p in places if c.start <= p.start < c.end]
        if etype not in ON_SITE:  # a title's place is where the project is, not where this happened
            here = [p for p in here if not within(p, names)]
            about = _about(c, trigger) if c.start <= trigger.start < c.end else None
            here = [p for p in here if _outside(p, about)]  # "līgums par būvdarbiem Rīgā": not where
        own = own or here
        loc = [p for p in here if is_locative(p, c.words) or _venue(p, c.words, places)]
        if trigger in T.HOST and c.start <= trigger.start < c.end:
            loc = [p for p in here if p.start < trigger.start and not _guests_from(p, c, trigger)] + loc
        toward = [p for p in here if any(w.lemma == "uz" and w.end <= p.start and not c.text_between(w.end, p.start)
                                         for w in c.words)]  # "brauciens uz Kretingu"
        tiers[0] += [p for p in loc if _place_kind(p.norm) not in NOT_A_SITE]
        tiers[1] += loc
        tiers[2] += toward if etype not in MILESTONES else []
    for tier in tiers:
        if tier:
            return tier[0].norm
    if etype in ON_SITE:
        sites = [p.norm for p in own if _place_kind(p.norm) not in NOT_A_SITE]
        return sites[0] if sites else ""
    return ""


def _from(p: Mention, words: list[Word]) -> bool:
    """"palīgi no Zaļenieku skolas", "partneri no Igaunijas", "jaunieši no Ogres un
    Ikšķiles": where they come from, across the names listed after "no"."""
    for w in reversed([w for w in words if w.end <= p.start]):
        if w.lemma == "no":
            return True
        if not (w.proper or w.lemma == "un" or w.text == ","):
            return False
    return False


def _guests_from(p: Mention, c: Clause, trigger: Word) -> bool:
    """"Partnerus no Igaunijas uzņēma dome": the guests, told before the host's verb, come from
    there ("partneris no Kretingas uzņēma ...": the host does, and that is where)."""
    guests = [w for w in c.words if w.start < trigger.start and w in T.GUESTS and w.feat("Case") == "Acc"]
    return bool(guests) and _from(p, c.words)


def _venue(p: Mention, words: list[Word], places: list[Mention]) -> bool:
    """A town named before the locative noun of a venue, across genitives: "Jelgavas
    reģionālajā tūrisma informācijas centrā", "Valkas kultūras namā", "novada domē". The last
    place before the noun is the venue's ("Rēzeknes novada Maltas pagastā": Malta); a region or
    a country names the venue, not where it stands ("Vidzemes Augstskolas zālē")."""
    if _from(p, words) or _place_kind(p.norm) in NOT_A_SITE:
        return False
    for w in [w for w in words if w.start >= p.end][:4]:
        if any(q.start == w.start for q in places):
            return False
        if w.text[:1].isdigit():  # "no Ikšķiles 2015. gada jūlijā": a date, no venue
            return False
        if w.text in ",.;:" or (w.pos == "NOUN" and w.feat("Case") != "Gen"):
            return w.feat("Case") == "Loc"
    return False


def document_site(places: list[Mention]) -> str:
    """The place a document names most often, regions and countries aside: where its project
    stands."""
    counts: dict[str, int] = {}
    for p in places:
        if _place_kind(p.norm) not in NOT_A_SITE:
            counts[p.norm] = counts.get(p.norm, 0) + 1
    return max(counts, key=lambda n: counts[n]) if counts else ""


def _funder(m: Mention, words: list[Word]) -> bool:
    """A fund or programme paying for it, not taking part: "ERAF", "X finansējums"."""
    if EU_FUNDS.search(m.norm):
        return True
    after = [w for w in words if w.start >= m.end and w.text not in ",.”“\"»"][:1]
    before = [w for w in words if w.end <= m.start][-1:]
    return any(w in T.FUNDS for w in after) or any(w in FUND_VERBS for w in before)


def actor_name(m: Mention, text: str) -> str:
    """The norm of an organisation or person with the legal form the text writes before it and
    without quotes: biedrība „Lādiņš” -> biedrība Lādiņš."""
    name = m.norm.strip(QUOTES + " ")
    form = LEGAL_FORM.search(text, max(0, m.start - 20), m.start)
    if form and not name.lower().startswith(form.group(1).lower()):
        name = f"{form.group(1)} {name}"
    return name


def _participants(c: Clause, actors: list[Mention], text: str, until: int | None = None,
                  trigger: Word | None = None) -> list[str]:
    """The actors of the clause (those before offset ``until`` when given), not those of what
    an agreement or a tender is about ("līgums par Viesītes dienas centra izveidi")."""
    end = c.end if until is None else until
    about = _about(c, trigger) if trigger is not None else None
    mine = [m for m in actors if c.start <= m.start < end and _outside(m, about) and not _funder(m, c.words)
            and not _landmark(m, c.words) and not _thing(m, text) and not _misread(m, c.words)
            # an abbreviation inside a longer actor is part of its name ("LAD" in "LAD
            # Ziemeļvidzemes … pārvalde"); a full name inside a longer span (a misread
            # coordination, "pašvaldību un biedrību") stays
            and not (ABBREVIATION.fullmatch(m.text) and within(m, actors))]
    names: list[str] = []
    for prev, m in zip([None] + mine, mine):
        if prev is not None and ABBREVIATION.fullmatch(m.text) and text[prev.end:m.start].strip() == "(":
            continue  # "Lauku atbalsta dienests (LAD)": one actor
        if prev is not None and ABBREVIATION.fullmatch(prev.text) and not text[prev.end:m.start].strip():
            names[-1] = f"{prev.text} {actor_name(m, text)}"  # "LAD Ziemeļvidzemes ... pārvalde"
            continue
        names.append(actor_name(m, text))
    return names


def _referred(c: Clause, actors: list[Mention], text: str) -> list[str]:
    """The organisation a bare head noun refers back to: "aģentūra ir pieņēmusi lēmumu" after
    "Valsts reģionālās attīstības aģentūra ..." (the last one named with that head)."""
    names = []
    for w in c.words:
        if w.pos != "NOUN" or w not in ANAPHORA or w.text[:1].isupper() or any(
                m.start <= w.start < m.end for m in actors):
            continue
        earlier = [m for m in actors if m.end <= c.start and m.norm.split()[-1].lower() == w.lemma]
        if earlier:
            names.append(actor_name(earlier[-1], text))
    return names


def _misread(m: Mention, words: list[Word]) -> bool:
    """A name with a verb inside ("X dome ir noslēgusi vienošanos ar Centrālo") is a
    misread span, unless the verb stands inside its quotes (SIA „Ceļi un tilti”); one whose
    head is plural ("Latgales reģiona pašvaldībām") names no one. A form that may also be a
    singular ("Jonišķu rajona pašvaldības") or a plural the model gives another lemma than the
    name's head ("pilsētas domi" read as a plural of "doms") is the model's misreading."""
    inside = [w for w in words if m.start <= w.start < m.end]
    head = inside[-1] if inside else None
    quoted = _quoted(m)
    return any(w.pos in ("VERB", "AUX") and w.feat("Definite") != "Def" and not quoted[0] <= w.start < quoted[1]
               for w in inside) or (
        head is not None and head.pos == "NOUN" and head.feat("Number") == "Plur"
        and head.lemma == m.norm.split()[-1].lower()
        and not any(a.number == "sg" for a in analyses(head.text) if a.pos == "noun"))


def _quoted(m: Mention) -> tuple[int, int]:
    """The offsets between the first and the last quote of a mention ((0, 0) when none)."""
    marks = [i for i, ch in enumerate(m.text) if ch in QUOTES]
    return (m.start + marks[0], m.start + marks[-1]) if len(marks) > 1 else (0, 0)


def _landmark(m: Mention, words: list[Word]) -> bool:
    """"pie kultūras nama", "aiz skolas": a building named to say where, not an actor."""
    before = [w for w in words if w.end <= m.start][-1:]
    return any(w in SPATIAL for w in before)


def _thing(m: Mention, text: str) -> bool:
    """A quoted name with no legal form before it names a thing (a title, a product, a
    park) more often than an organisation: rotaļu komplekss "Champions"."""
    quoted = m.text[:1] in QUOTES or text[max(0, m.start - 1):m.start] in tuple(QUOTES)
    return quoted and not LEGAL_FORM.search(text, max(0, m.start - 20), m.start)


def find_contractors(words: list[Word], actors: list[Mention], text: str) -> list[str]:
    """Companies a clause with no event of its own (or a weak one) says do the works
    ("Būvdarbus veic SIA X"): they take part in the document's procurement, works and completion."""
    if not any(w in CONTRACTING for w in words) or not any(w in T.WORKS or w in CONTRACTING for w in words):
        return []
    span = (words[0].start, words[-1].end) if words else (0, 0)
    names = [actor_name(m, text) for m in actors if span[0] <= m.start < span[1]]
    return [n for n in names if COMPANY.match(n)]


def add_cast(events: list[Found], owners: list[str], contractors: list[str]) -> None:
    """The project's owner (who carries it out, or receives its approval) takes part in its
    approval and completion; the companies that do the works (named as such, or in a tender
    or the works) take part in its procurement, works and completion."""
    works = ("procurement", "works_start", "completion")
    owners = owners + [p for f in events if f.event_type == "approval" for p in f.subjects if not T.FUNDER.search(p)]
    companies = contractors + [p for f in events if f.event_type in works for p in f.participants if COMPANY.match(p)]
    for f in events:
        cast = (owners if f.event_type in ("approval", "completion") else []) + (
            companies if f.event_type in works else [])
        f.participants += [p for p in dict.fromkeys(cast) if p not in f.participants]


def find_owners(c: Clause, prev: Clause | None, actors: list[Mention], text: str) -> list[str]:
    """Who a clause says carries out or submitted the project, named before the verb:
    "biedrība X realizēja projektu", "projekts, ko pašvaldība īsteno kopā ar ..."."""
    verb = first_usable(c, OWNING)
    about_project = c.has(T.PROJECT) or (prev is not None and is_relative(c) and prev.has(T.PROJECT))
    if verb is None or not about_project:
        return []
    return _participants(c, actors, text, until=verb.start)
