"""Events the articles report or announce: a project's milestones (approval, contract,
procurement, works_start, completion, opening) and happenings around it (meeting, visit,
seminar, training, conference, camp, public_event), each with its date, place, participants,
project code and status (``done`` or ``planned``).

A sentence is cut into clauses; a clause gives at most one event, the one its strongest
trigger names (lexicons in ``event_triggers``, matched on the model's lemmas). The event takes
the date, place and participants of its own clause, never those of another clause. Inside a
document the clauses about one happening become one event: same type and status, dates that
agree (an undated mention joins the only dated one). Across documents,
`consolidate.link_events` gives events of the same project and type with compatible dates one
``event_key``.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import regex as re

from . import event_triggers as T
from .event_triggers import Word
from .extract import DocContext, extractor
from .records import Event, Mention

ONLINE = re.compile(r"tiešsaist\p{L}*|virtuāl\p{L}*|attālinā\p{L}*|\bonline\b|\bzoom\b|vebinār\p{L}*", re.I)
ON_SITE = {"completion", "works_start", "opening"}  # a project's object: the place is where it stands
SIGNING = "signing"  # a signature without its agreement: it joins the signing told before it
PAPERWORK = ("approval", "contract", "procurement")  # their place is said only where they took place
MILESTONES = ("approval", "contract", "procurement", "works_start", "completion", "opening")
# regions, countries and seas name no site; a document's most named other place is its site
NOT_A_SITE = {"country", "macroregion", "region", "sea", "river"}
EU_FUNDS = re.compile(r"^(?:Eiropas|ES)\b.*\bfond|lauksaimniecības fond|sociāl\p{L}* fond|kohēzijas fond"
                      r"|zivsaimniecības fond|\bERAF\b|\bESF\b|\bELFLA\b|\bKF\b|\bEJZF\b|\bEZF\b|\bLEADER\b"
                      r"|Eiropas Savienība|programm|finanšu instrument|\bEEZ\b|Interreg", re.I)
# a legal form written before a quoted name belongs to the name: SIA „Strabag” -> SIA Strabag
LEGAL_FORM = re.compile(r"(?<!\p{L})(SIA|AS|VAS|IK|ZS|PS|pilnsabiedrība|biedrība|nodibinājums|JDK)\s*[„“\"«]?\s*$")
DEFINITE_PARTICIPLE = re.compile(r"t(?:ais|ajā|ajam|ajām|ajiem|ajos|ajai|ajās|ie|ās|o)$")
ABBREVIATION = re.compile(r"\p{Lu}{2,6}")
QUOTES = "„“”\"«»"
COMPANY = re.compile(r"^(?:SIA|AS|VAS|IK|PS|ZS|pilnsabiedrība)\b")
ANAPHORA = T.Lexicon("aģentūra", "pašvaldība", "dome", "biedrība", "fonds", "dienests", "ministrija", "pārvalde",
                     "bibliotēka", "skola", "muzejs")
OWNING = T.Lexicon("īstenot", "realizēt", "iesniegt", "ieviest")
SPATIAL = T.Lexicon("pie", "aiz", "blakus", "pretī", "netālu", "līdzās", "iepretim")
FUND_VERBS = T.Lexicon("finansēt", "līdzfinansēt")
CONTRACTING = T.Lexicon("veikt", "nodrošināt", "izpildīt", "veicējs", "būvuzraudzība", "autoruzraudzība", "izgatavot",
                        "piegādāt")


@dataclass
class Clause:
    words: list[Word]
    sent_idx: int
    sentence: list[Word] = field(default_factory=list)  # all the words of its sentence
    dated: bool = False  # a date stands in it

    @property
    def start(self) -> int:
        return self.words[0].start

    @property
    def end(self) -> int:
        return self.words[-1].end

    def has(self, lexicon: T.Lexicon) -> bool:
        return any(w in lexicon for w in self.words)

    def text_between(self, start: int, end: int) -> str:
        """The words of the clause inside [start, end)."""
        return " ".join(w.text for w in self.words if start <= w.start < end)

    def find(self, lexicon: T.Lexicon) -> Word | None:
        return next((w for w in self.words if w in lexicon), None)


@dataclass
class Found:
    """One clause's event before the clauses about one happening are merged."""

    event_type: str
    trigger: Word
    clause: Clause
    status: str
    date: str = ""
    date_from: str = ""
    place: str = ""
    participants: list[str] = field(default_factory=list)
    about: Clause | None = None  # a relative clause about the trigger: "procedūra, kuras uzvarētājs ir SIA X"
    weak: bool = False  # named by a verb of result only ("uzstādīts"): its clause's actors are owners
    subjects: list[str] = field(default_factory=list)  # the actors named before the trigger


# --- words and clauses -------------------------------------------------------------------------
def sentence_words(ctx: DocContext, sent, titles: list[Mention], names: list[Mention]) -> list[Word]:
    """The sentence's words, those of titles and quotes and those of places' and people's
    names marked."""
    ann = ctx._parsed.get(sent.idx)
    words = (T.words_without_model(ctx.text, sent.start, sent.end) if ann is None
             else T.words_from_doc(ann.doc, sent.start))
    quoted = [(t.start, t.end) for t in titles if sent.start <= t.start < sent.end] + _quoted(words)
    proper = [(m.start, m.end) for m in names if sent.start <= m.start < sent.end]
    return [dataclasses.replace(w, in_name=any(a <= w.start < b for a, b in quoted),
                                proper=any(a <= w.start < b for a, b in proper)) for w in words]


def _quoted(words: list[Word]) -> list[tuple[int, int]]:
    """Spans between quotes: names of projects, programmes and things, never an event's words."""
    spans, opened = [], None
    for w in words:
        if w.text in "„«" or (w.text in "“\"" and opened is None):
            opened = opened if opened is not None else w.end
        elif w.text in "”»“\"" and opened is not None:
            spans.append((opened, w.start))
            opened = None
    return spans


def _is_predicate(w: Word) -> bool:
    return w.pos in ("VERB", "AUX") and (w.feat("VerbForm") == "Fin" or
                                         (w.feat("VerbForm") == "Part" and w.feat("Definite") != "Def"))


def clauses(words: list[Word], sent_idx: int) -> list[Clause]:
    """The sentence cut at semicolons, brackets and commas before a clause word ("kas", "bet");
    with a model also at other commas between two pieces that each have a verb. A piece
    without a verb ("2019. gada 5. martā Mariehamnā,") belongs to the clause after it, or at
    the end of a clause to that clause; words before the first verb belong to the first clause
    ("Būvdarbi, kas sākās maijā, ...")."""
    pieces: list[tuple[bool, list[Word]]] = [(True, [])]
    for i, w in enumerate(words):
        if w.text in ("(", ")"):  # a bracket's words belong to the clause around it
            continue
        if w.text == ";":
            pieces.append((True, []))
        elif w.text == ",":
            after = words[i + 1].text if i + 1 < len(words) else ""
            pieces.append((bool(T.CLAUSE_START.fullmatch(after)), []))
        else:
            pieces[-1][1].append(w)
    out: list[list[Word]] = []
    pending: list[Word] = []
    for hard, body in pieces:
        if hard and pending and out:  # before the first clause, the words wait for it
            out[-1].extend(pending)
            pending = []
        if any(_is_predicate(w) for w in body):
            out.append(pending + body)
            pending = []
        else:
            pending += body
    if pending:
        out[-1].extend(pending) if out else out.append(pending)
    return [Clause(ws, sent_idx, words) for ws in out if ws]


# --- triggers ------------------------------------------------------------------------------
def _attributive(w: Word) -> bool:
    """A definite participle or adjective ("piešķirtais finansējums", "apstiprinātie projekti"):
    describes a thing, reports no event."""
    low = w.text.lower()
    if DEFINITE_PARTICIPLE.search(low):  # whatever the tagger says: "apstiprinātajām izmaiņām"
        return True
    if w.feats:
        return w.feat("Definite") == "Def" and (w.feat("VerbForm") == "Part" or w.pos == "ADJ")
    return False


def _purpose(w: Word) -> bool:
    """A noun in the dative: what something is for ("restaurācijas pabeigšanai"), not an event."""
    if w.feats:
        return w.pos == "NOUN" and w.feat("Case") == "Dat"
    return w.text.lower().endswith(("šanai", "šanām"))


def _usable(w: Word) -> bool:
    return not w.in_name and not w.proper and not _attributive(w) and not _purpose(w) and w.feat("VerbForm") != "Conv"


def _first(c: Clause, lexicon: T.Lexicon) -> Word | None:
    return next((w for w in c.words if w in lexicon and _usable(w)), None)


def _planned(c: Clause) -> bool:
    if any((w.feat("Tense") == "Fut" or w.feat("Mood") in ("Nec", "Cnd")) and not w.proper for w in c.words):
        return True
    text = " ".join(w.text for w in c.words)
    return c.has(T.PLANNED) or bool(T.PLANNED_SURFACE.search(text))


def _done_form(w: Word) -> bool:
    """A verb that reports something done: past tense or a past passive participle."""
    if not w.feats:  # no model: the endings of past participles and past tense
        return bool(re.search(r"(?:t(?:s|a|i|as|u)|[āēī]ja|ušies|usies|jis|jusi)$", w.text.lower()))
    return w.feat("Tense") == "Past" and w.feat("Definite") != "Def"


def _milestone(c: Clause, money_in_clause: bool, planned: bool, public: bool) -> tuple[str, Word, int] | None:
    """(event type, trigger word, rank: lower is stronger) of a project milestone in the clause;
    ``public``: the clause has a date or a verb of happening."""
    sign, agreement = _first(c, T.SIGN), c.find(T.AGREEMENT)
    if sign and agreement:
        clause_text = " ".join(w.text for w in c.words)
        funded = c.has(T.FINANCING) or T.FUNDER.search(clause_text)
        return ("approval" if funded else "contract"), sign, 0
    if sign and sign.pos != "NOUN" and not c.has(T.FINISH):
        return SIGNING, sign, 3  # "programma parakstīta Stokholmā": more about a signature told before
    if (w := _first(c, T.SERVICE)) and c.has(T.HAND_OVER):
        return "completion", w, 0
    if (w := _first(c, T.FINISH)) and _finishes_works(c, w) and not (planned and (
            c.has(T.PROJECT) or c.has(T.IMPLEMENTATION))):  # "projektu plānots pabeigt ...": a deadline
        return "completion", w, 1
    if w := _first(c, T.OPEN):
        after = c.words[c.words.index(w) + 1: c.words.index(w) + 4]
        named = _happening(c)  # "atklāšanas sanāksme" is a meeting, "atklāšanas pasākums" an opening
        if public and not any(x in T.OPEN_NOT for x in after) and not (
                w.feat("Case") == "Gen" and named and named[1] not in T.EVENT):
            return "opening", w, 1
    if (c.has(T.DOOR) and (w := _first(c, T.OPEN_DOOR))) or ((w := _first(c, T.START)) and c.has(T.OPERATION)):
        return "opening", w, 1
    if (w := _first(c, T.START)) and c.has(T.WORKS) and not c.has(T.IMPLEMENTATION) and not _starts_other(c, w):
        return "works_start", w, 1
    if ((w := _first(c, T.APPROVE)) and (c.has(T.APPROVED) or c.has(T.FUNDS))) \
            or ((w := _first(c, T.ENDORSE)) and c.has(T.PROPOSAL)) \
            or ((w := _first(c, T.GRANT)) and w.pos != "NOUN" and (c.has(T.FUNDS) or money_in_clause)) \
            or ((w := _first(c, T.SUPPORT)) and c.has(T.PROPOSAL)) \
            or ((w := _first(c, T.RECEIVE)) and w.pos != "NOUN" and c.has(T.APPROVAL_NOUNS)) \
            or ((w := _first(c, T.AMEND)) and c.has(T.AMENDED)):
        return "approval", w, 1
    if (w := _first(c, T.PROCURE)) or ((w := _first(c, T.PRICE_SURVEY)) and c.has(T.PRICE)) \
            or ((w := _first(c, T.PURCHASE)) and c.has(T.LAUNCH)):
        return "procurement", w, 1
    if (w := _first(c, T.DECIDE)) and c.has(T.FUNDS):
        return "approval", w, 3
    if not planned and (w := next((x for x in c.words if x in T.RESULT and _usable(x) and _done_form(x)), None)):
        return "completion", w, 4
    return None


def _phrase(c: Clause, trigger: Word) -> list[Word]:
    """The trigger with the three words before it and those after it up to "un" or "bet":
    where its subject or object stands."""
    i = c.words.index(trigger)
    after = []
    for w in c.words[i + 1:]:
        if w.lemma in ("un", "bet"):
            break
        after.append(w)
    return c.words[max(0, i - 3):i + 1] + after


def _finishes_works(c: Clause, trigger: Word) -> bool:
    """Something of the project ends, not a step of the paperwork ("vērtēšana", "konkurss")
    and not nothing ("viss labais reiz beidzas")."""
    phrase = _phrase(c, trigger)
    before = [w for w in c.sentence if w.start < trigger.start]
    has_noun = any(w.pos in ("NOUN", "PROPN") for w in phrase + before) or not any(w.pos for w in phrase)
    return has_noun and not any(w in T.PAPERWORK for w in phrase)


def _starts_other(c: Clause, start: Word) -> bool:
    """"sāka apzināt tāmes" (began to do something else), "projekts aizsākās" (the project,
    not its works)."""
    i = c.words.index(start)
    nxt = c.words[i + 1] if i + 1 < len(c.words) else None
    return (nxt is not None and nxt.feat("VerbForm") == "Inf") or any(
        w in T.PROJECT and w.feat("Case") == "Nom" for w in c.words)


def _measure(c: Clause, i: int) -> bool:
    """"413. pasākumā “Lauku ekonomikas dažādošana”": a programme's measure, not a happening."""
    prev = c.words[i - 1].text if i else ""
    nxt = c.words[i + 1].text if i + 1 < len(c.words) else ""
    return bool(re.fullmatch(r"\d+\.", prev)) or nxt in ("“", "„", '"', "«", "”")


def _a_kind(w: Word, c: Clause) -> bool:
    """"muzejā notiek izglītojoši pasākumi": a plural with no date names a kind of happening."""
    return w.feat("Number") == "Plur" and w not in T.PLURAL_ONLY and not c.dated


def _specific(etype: str, trigger: Word, c: Clause) -> str:
    """A meeting or an event the sentence also calls a seminar, a conference ... is that:
    "semināra dalībnieki ... sanāksme notiek virtuāli"."""
    if trigger not in T.GENERIC:
        return etype
    whole = Clause(c.sentence, c.sent_idx, c.sentence)
    named = [t for i, w in enumerate(c.sentence) if not w.in_name and not _counted(whole, i)
             for t, lex in T.HAPPENINGS if w in lex and t not in ("meeting", "public_event")]
    return named[0] if named else etype


def _counted(c: Clause, i: int) -> bool:
    """A number before the noun phrase that starts at word ``i`` ("četras praktiskās
    apmācības"): a series of happenings, not one. A code's digits ("LLI-317") count nothing."""
    j = i - 1
    while j >= max(0, i - 3) and c.words[j].pos == "ADJ":
        if c.words[j] in T.COUNT:  # "daudzveidīgi pasākumi"
            return True
        j -= 1
    if j < 0:
        return False
    w = c.words[j]
    code = j > 0 and c.words[j - 1].text in ("-", "/")
    return (w in T.COUNT or w.pos == "NUM" or w.text.isdigit()) and not code


def _happening(c: Clause) -> tuple[str, Word] | None:
    """The happening the clause names: its noun, not a modifier of another noun ("mācību
    programma") and not a counted series ("četras apmācības")."""
    for i, w in enumerate(c.words):
        nxt = c.words[i + 1] if i + 1 < len(c.words) else None
        if w.feat("Case") == "Gen" and nxt is not None and nxt.pos == "NOUN" and not (
                nxt in T.ORGANISING or nxt in T.EVENT or nxt in T.TRIP or nxt in T.FRAME):
            continue  # "mācību programma" names no training; "pieredzes apmaiņas pasākums" is a visit
        if w in T.EVENT and _measure(c, i):
            continue
        etype = next((t for t, lex in T.HAPPENINGS if w in lex), None)
        prev = c.words[i - 1] if i else None
        if etype is None and prev is not None:
            if (w in T.EXCHANGE or w in T.TRIP) and prev in T.EXPERIENCE:
                etype = "visit"
            elif w in T.SCHOOL and prev in T.SUMMER:
                etype = "training"
        start = i - 1 if etype and prev is not None and (prev in T.EXPERIENCE or prev in T.SUMMER) else i
        if etype and not w.in_name and not _counted(c, start) and not _purpose(w) and not _a_kind(w, c):
            return _specific(etype, w, c), w
        if w in T.HOST and i + 1 < len(c.words) and any(x in T.GUESTS for x in c.words[i + 1:i + 4]):
            return "visit", w
    return None


# --- attributes ----------------------------------------------------------------------------
def _inside(m: Mention, spans: list[Mention]) -> bool:
    return any(s.start <= m.start and m.end <= s.end and s is not m for s in spans)


def _date(c: Clause, about: Clause | None, trigger: Word, dates: list[Mention], today: str) -> str:
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


def _about_start(c: Clause, trigger: Word) -> int | None:
    """Where "par ..." after the trigger starts: what a decision or agreement is about."""
    return next((w.start for w in c.words if w.start > trigger.start and w.lemma == "par"), None)


def _year_of(year: Mention, dates: list[Mention]) -> Mention | None:
    """The yearless date a bare year is written right next to: "21.-24. janvārim 2014. gada"."""
    if not re.fullmatch(r"\d{4}", year.norm):
        return None
    return next((d for d in dates if d.norm.startswith("XXXX")
                 and (0 <= year.start - d.end <= 3 or 0 <= d.start - year.end <= 3)), None)


def _with_year(date: Mention, dates: list[Mention]) -> str:
    year = next((y.norm for y in dates if _year_of(y, dates) is date), "")
    return date.norm.replace("XXXX", year, 1).replace("XXXX", year) if year else date.norm


def _is_locative(m: Mention, words: list[Word]) -> bool:
    last = [w for w in words if m.start <= w.start < m.end]
    if last and last[-1].feats:
        return last[-1].feat("Case") == "Loc"
    from .inflect import analyses

    word = m.text.split()[-1] if m.text.split() else m.text
    return any(a.case == "loc" for a in analyses(word))


def _place_kind(norm: str) -> str:
    from .gazetteer import _key, default_gazetteer

    place = default_gazetteer().index.get(_key(norm))
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
            here = [p for p in here if not _inside(p, names)]
            about = _about_start(c, trigger) if c.start <= trigger.start < c.end else None
            if about is not None:  # "līgums par būvdarbiem Rīgā": what it is about, not where
                here = [p for p in here if p.start < about]
        own = own or here
        loc = [p for p in here if _is_locative(p, c.words) or _venue(p, c.words)]
        if trigger in T.HOST and c.start <= trigger.start < c.end:
            loc = [p for p in here if p.start < trigger.start] + loc
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


def _venue(p: Mention, words: list[Word]) -> bool:
    """A town named before the locative noun of a venue: "Jelgavas reģionālajā centrā"."""
    before = [w for w in words if w.end <= p.start][-1:]
    if any(w.lemma == "no" for w in before):  # "palīgi no Zaļenieku ... skolas": where they come from
        return False
    for w in [w for w in words if w.start >= p.end][:4]:
        if w.text in ",.;:":
            return False
        if w.pos == "NOUN":
            return w.feat("Case") == "Loc"
    return False


def _document_site(places: list[Mention]) -> str:
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
    about = _about_start(c, trigger) if trigger is not None else None
    end = min(end, about) if about is not None else end
    mine = [m for m in actors if c.start <= m.start < end and not _funder(m, c.words)
            and not _landmark(m, c.words) and not _thing(m, text) and not _misread(m, c.words)]
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
    misread span; one whose head is plural ("Latgales reģiona pašvaldībām") names no one."""
    inside = [w for w in words if m.start <= w.start < m.end]
    return any(w.pos in ("VERB", "AUX") and w.feat("Definite") != "Def" for w in inside) or (
        bool(inside) and inside[-1].pos == "NOUN" and inside[-1].feat("Number") == "Plur")


def _landmark(m: Mention, words: list[Word]) -> bool:
    """"pie kultūras nama", "aiz skolas": a building named to say where, not an actor."""
    before = [w for w in words if w.end <= m.start][-1:]
    return any(w in SPATIAL for w in before)


def _thing(m: Mention, text: str) -> bool:
    """A quoted name with no legal form before it names a thing (a title, a product, a
    park) more often than an organisation: rotaļu komplekss "Champions"."""
    quoted = m.text[:1] in QUOTES or text[max(0, m.start - 1):m.start] in tuple(QUOTES)
    return quoted and not LEGAL_FORM.search(text, max(0, m.start - 20), m.start)


# --- the extractor -------------------------------------------------------------------------
@extractor("events")
def extract_events(ctx: DocContext) -> None:
    by_label: dict[str, list[Mention]] = {}
    for m in sorted(ctx.mentions, key=lambda m: m.start):
        by_label.setdefault(m.label, []).append(m)
    names = by_label.get("PROJECT_NAME", [])
    orgs = by_label.get("ORG", [])
    venues = [o for o in orgs if _is_locative(o, [])]  # "Jelgavas ... informācijas centrā": where, not who
    places = [p for p in by_label.get("PLACE", []) if _inside(p, venues)
              or (not _inside(p, orgs) and not p.method.endswith("_in_org"))]
    actors = sorted((m for m in orgs + by_label.get("PERSON", [])
                     if not _inside(m, by_label.get("PROJECT_NAME", [])) and m not in venues), key=lambda m: m.start)
    dates = [d for d in by_label.get("DATE", []) if d.norm]
    money = by_label.get("MONEY", [])
    site = _document_site(places)
    today = ctx.document.published or _dateline(ctx, dates)
    found: list[Found] = []
    contractors: list[str] = []
    owners: list[str] = []
    for sent in ctx.sentences:
        if sent.furniture:
            continue
        words = sentence_words(ctx, sent, by_label.get("PROJECT_NAME", []),
                               by_label.get("PLACE", []) + by_label.get("PERSON", []))
        dates_here = [d for d in dates if sent.start <= d.start < sent.end
                      and not _after_since(d, words)]
        before = len(found)
        parts = clauses(words, sent.idx)
        for prev, c, nxt in zip([None] + parts, parts, parts[1:] + [None]):
            f = _clause_event(c, nxt, money, dates_here, today)
            if f is None:
                owners += _owners(c, prev, actors, ctx.text)
                continue
            # "tikās Jelgavā 5. februārī, kur notika seminārs": the clause the relative one hangs on
            host = prev if prev is not None and _relative(c) and not (found and found[-1].clause is prev) else None
            _describe(f, host, Cast(actors, places, names, dates_here, ctx.text))
            found.append(f)
        if len(found) == before:
            contractors += _contractors(words, actors, ctx.text)
    events = _merge(_inherit_from_happenings(found))
    code = by_label.get("PROJECT_CODE", [])
    for f in events:  # an object's site: where the document's places point when the clauses say nothing
        if not f.place and f.event_type in ON_SITE:
            f.place = site
    _add_cast(events, owners, contractors)
    ctx.events.extend(_to_event(ctx, f, code) for f in events)


@dataclass
class Cast:
    """What a document names that an event may take: actors, places, titles, dates."""

    actors: list[Mention]
    places: list[Mention]
    names: list[Mention]
    dates: list[Mention]
    text: str


def _describe(f: Found, host: Clause | None, cast: Cast) -> None:
    """The event's place and participants from its clause (and the clauses about it)."""
    c, text = f.clause, cast.text
    if host is not None:
        f.date = f.date or _date(host, None, f.trigger, cast.dates, "")
    around = [x for x in (c, f.about, host) if x is not None]
    f.place = _place(f.event_type, around, f.trigger, cast.places, cast.names)
    if f.weak:
        return
    f.participants = _participants(c, cast.actors, text, trigger=f.trigger) + _referred(c, cast.actors, text)
    f.subjects = _participants(c, cast.actors, text, until=f.trigger.start)
    if f.about is not None:
        f.participants += _participants(f.about, cast.actors, text) + _referred(f.about, cast.actors, text)


def _dateline(ctx: DocContext, dates: list[Mention]) -> str:
    """The full date a short line near the top gives ("2009. gada 18. novembris"), when the
    publication date was not found: what "šodien" means."""
    for d in dates[:3]:
        sent = ctx.sentences[d.sent_idx]
        if re.fullmatch(r"\d{4}-\d\d-\d\d", d.norm) and sent.end - sent.start < 60 and d.sent_idx < 12:
            return d.norm
    return ""


def _after_since(d: Mention, words: list[Word]) -> bool:
    """"darbojas kopš 2011. gada": a duration, not an event's date."""
    before = [w for w in words if w.end <= d.start][-1:]
    return any(w in T.SINCE or w.text.lower() == "kopš" for w in before)


def _clause_event(c: Clause, nxt: Clause | None, money: list[Mention], dates: list[Mention],
                  today: str) -> Found | None:
    if c.has(T.AIM) or any(w in T.MAYBE and w.feat("Mood") != "Cnd" and not _attributive(w) for w in c.words):
        return None
    planned = _planned(c)
    has_money = any(c.start <= m.start < c.end for m in money)
    has_date = c.dated = any(c.start <= d.start < c.end for d in dates)
    rel = nxt if nxt is not None and _relative(nxt) else None
    public = has_date or c.has(T.HAPPEN) or (rel is not None and (
        rel.has(T.HAPPEN) or any(rel.start <= d.start < rel.end for d in dates)))
    best = _milestone(c, has_money, planned, public)
    happening = _happening(c)
    if happening and (best is None or best[2] >= 2) and public:
        best = (*happening, 2)
    if best is None:
        if (w := _first(c, T.DO)) and c.has(T.WORKS) and planned and has_date:
            best = ("works_start", w, 2)  # "darbus plānots veikt 2017. gadā": the works' start
        else:
            return None
    etype, trigger, rank = best
    tail = c.words[c.words.index(trigger) + 1:]
    about = rel if not any(_is_predicate(w) for w in tail) else None  # the relative clause is about the trigger
    return Found(etype, trigger, c, "planned" if planned else "done", _date(c, about, trigger, dates, today),
                 about=about, weak=rank >= 4)


def _relative(c: Clause) -> bool:
    """A clause that opens with a relative word, maybe after a preposition: "kas", "par kuras"."""
    head = c.words[:2] if c.words[0].pos == "ADP" or c.words[0].lemma in ("par", "no", "ar", "pēc") else c.words[:1]
    return bool(T.RELATIVE.fullmatch(head[-1].text))


def _contractors(words: list[Word], actors: list[Mention], text: str) -> list[str]:
    """Companies a sentence says do the works ("Būvdarbus veic SIA X"): they take part in the
    document's procurement, works and completion."""
    if not any(w in CONTRACTING for w in words) or not any(w in T.WORKS or w in CONTRACTING for w in words):
        return []
    span = (words[0].start, words[-1].end) if words else (0, 0)
    names = [actor_name(m, text) for m in actors if span[0] <= m.start < span[1]]
    return [n for n in names if COMPANY.match(n)]


def _inherit_from_happenings(found: list[Found]) -> list[Found]:
    """A milestone told right after a dated meeting, with no date of its own, was decided at it
    ("the committee met on 5 March. It approved 16 projects.")."""
    for prev, f in zip(found, found[1:]):
        if (not f.date and f.event_type in MILESTONES and prev.event_type == "meeting" and prev.date
                and f.status == prev.status and f.clause.sent_idx == prev.clause.sent_idx + 1):
            f.date, f.date_from = prev.date, str(prev.clause.sent_idx)
            f.place = f.place or prev.place
    return found


def _merge(found: list[Found]) -> list[Found]:
    """One event per happening: the clauses of one sentence that name one type; mentions of one
    type and status whose dates agree (and, for happenings, places); an undated mention joins
    the only dated event of its type and status."""
    found = _join_signings(found)
    groups: list[list[Found]] = []
    for f in sorted(found, key=lambda f: not f.date):  # dated mentions found the groups
        same = [g for g in groups if g[0].event_type == f.event_type
                and (f.event_type in MILESTONES or not f.place or not g[0].place or f.place == g[0].place)]
        target = next((g for g in same if any(x.clause.sent_idx == f.clause.sent_idx for x in g)
                       and (not f.date or not g[0].date or f.date == g[0].date)), None)
        same = [g for g in same if g[0].status == f.status]
        if target is None and f.date:
            target = next((g for g in same if g[0].date == f.date), None)
        elif target is None:
            dated = [g for g in same if g[0].date]
            undated = [g for g in same if not g[0].date]
            target = dated[0] if len(dated) == 1 else (undated[0] if undated else None)
        if target is None:
            groups.append([f])
        else:
            target.append(f)
    for g in groups:
        _absorb(g[0], g[1:])
    return sorted((g[0] for g in groups), key=lambda f: f.trigger.start)


def _absorb(head: Found, others: list[Found]) -> None:
    for f in others:
        head.place = head.place or f.place
        head.participants += [p for p in f.participants if p not in head.participants]


def _join_signings(found: list[Found]) -> list[Found]:
    """A signature told without its agreement adds its place, date and signatories to the
    signing told before it; alone it is no event."""
    out: list[Found] = []
    for f in found:
        if f.event_type != SIGNING:
            out.append(f)
            continue
        before = next((x for x in reversed(out) if x.trigger in T.SIGN), None)
        if before is not None:
            before.date = before.date or f.date
            _absorb(before, [f])
    return out


def _add_cast(events: list[Found], owners: list[str], contractors: list[str]) -> None:
    """The project's owner (who carries it out, or receives its approval) takes part in its
    approval and completion; the companies that do
    the works (named as such, or in a tender or the works) in its procurement, works and
    completion."""
    works = ("procurement", "works_start", "completion")
    owners = owners + [p for f in events if f.event_type == "approval" for p in f.subjects if not T.FUNDER.search(p)]
    companies = contractors + [p for f in events if f.event_type in works for p in f.participants if COMPANY.match(p)]
    for f in events:
        cast = (owners if f.event_type in ("approval", "completion") else []) + (
            companies if f.event_type in works else [])
        f.participants += [p for p in dict.fromkeys(cast) if p not in f.participants]


def _owners(c: Clause, prev: Clause | None, actors: list[Mention], text: str) -> list[str]:
    """Who a clause says carries out or submitted the project, named before the verb:
    "biedrība X realizēja projektu", "projekts, ko pašvaldība īsteno kopā ar ..."."""
    verb = _first(c, OWNING)
    about_project = c.has(T.PROJECT) or (prev is not None and _relative(c) and prev.has(T.PROJECT))
    if verb is None or not about_project:
        return []
    return _participants(c, actors, text, until=verb.start)


def _to_event(ctx: DocContext, f: Found, codes: list[Mention]) -> Event:
    people = list(dict.fromkeys(f.participants))
    before = [c.norm for c in codes if c.start <= f.clause.end]
    doc_id = ctx.document.doc_id
    return Event(
        doc_id=doc_id, sent_idx=f.clause.sent_idx, start=f.trigger.start, end=f.trigger.end,
        trigger=ctx.text[f.trigger.start:f.trigger.end], event_type=f.event_type, date=f.date,
        date_from=f"{doc_id}:{f.date_from}" if f.date_from else "", place=f.place,
        participants=";".join(people), online=bool(ONLINE.search(ctx.text, f.clause.start, f.clause.end)),
        project_code=before[-1] if before else (codes[0].norm if codes else ""), status=f.status)

