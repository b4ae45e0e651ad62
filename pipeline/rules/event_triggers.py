"""Words of a sentence as the event rules see them, and the lexicons of event triggers.

A word carries the model's lemma and morphology when a model ran; without one (``--model
none``) its lemma is its lowercased surface and the lexicons fall back to stems, so the rules
still run, with less precision. Lexicon entries are lemmas; ``"piešķirt|piešķīr"`` adds a stem
for forms whose stem differs from the lemma's (the fallback only).
"""
from __future__ import annotations

from dataclasses import dataclass, field
import regex as re


@dataclass(slots=True)  # not frozen: a frozen dataclass costs five times as much to make, per word
class Word:
    start: int  # offsets into the document's text
    end: int
    text: str
    lemma: str  # lowercased
    pos: str = ""
    feats: str = ""  # "Case=Loc|Number=Sing", empty without a model
    in_name: bool = False  # inside a project's title: "Pasākumi veselības veicināšanai" names no event
    proper: bool = False  # inside a place's or a person's name: "Cēsīs" is no verb, whatever the tagger says
    low: str = field(init=False, repr=False, compare=False)  # the surface lowercased, read by every lexicon

    def __post_init__(self):
        self.low = self.text.lower()

    def feat(self, name: str) -> str:
        for pair in self.feats.split("|"):
            key, _, value = pair.partition("=")
            if key == name:
                return value
        return ""

    @property
    def guessed(self) -> bool:
        """True when no lemmatizer changed the word (no model, or a form it did not know)."""
        return self.lemma == self.low


TOKEN = re.compile(r"\p{L}[\p{L}\p{M}]*|\d+|[^\s\p{L}\d]")


def words_without_model(text: str, start: int, end: int) -> list[Word]:
    return [Word(start + m.start(), start + m.end(), m.group(), m.group().lower())
            for m in TOKEN.finditer(text[start:end])]


def words_from_doc(doc, offset: int) -> list[Word]:
    """The words of a spaCy Doc of a sentence that starts at ``offset`` in the document.

    Read from ``Doc.to_array`` in one call: visiting each Token costs twice as much."""
    from spacy.attrs import IDX, IS_SPACE, LEMMA, LENGTH, MORPH, ORTH, POS
    from spacy.parts_of_speech import NAMES

    strings = doc.vocab.strings
    no_feats = strings.add("_")  # the morphology of a token without features
    rows = doc.to_array([IDX, LENGTH, ORTH, LEMMA, POS, MORPH, IS_SPACE]).tolist()
    return [Word(offset + idx, offset + idx + n, strings[orth], strings[lemma or orth].lower(),
                 NAMES[pos] if pos else "", "" if morph in (0, no_feats) else strings[morph])
            for idx, n, orth, lemma, pos, morph, space in rows if not space]


def _stem(lemma: str) -> str:
    """The part of a lemma its inflected forms share: apstiprināt -> apstiprin, līgums -> līgum."""
    stem = lemma[:-4] if lemma.endswith("ties") else lemma[:-1] if lemma.endswith(("t", "s")) else lemma
    return stem.rstrip("aeiuāēīū") or stem


class Lexicon:
    """A set of lemmas; a word belongs when its lemma is one of them or its surface starts with
    one of their stems (the lemmatizer misreads some forms: "stažēšanās" -> "stažēšanāties")."""

    def __init__(self, *entries: str, verbs: bool = False):
        self.verbs = verbs  # a noun sharing a verb's stem is not the verb: "atbalsta" (support) is no "atbalstīt"
        self.lemmas = frozenset(e.split("|")[0] for e in entries)
        stems = set()
        for e in entries:
            lemma, *extra = e.split("|")
            stems.update(s for s in (_stem(lemma), *extra) if len(s) >= 4)
        self._index_stems(stems)
        self.exact = frozenset(e.split("|")[0] for e in entries if len(_stem(e.split("|")[0])) < 4)

    def _index_stems(self, stems) -> None:
        """Stems by their first four letters (every stem has four or more): a word is tried
        against the few stems that share its start, not against all of them."""
        self.stems = tuple(sorted(stems))
        by_head: dict[str, list[str]] = {}
        for stem in self.stems:
            by_head.setdefault(stem[:4], []).append(stem)
        self._by_head = {head: tuple(group) for head, group in by_head.items()}

    def may_hold(self, lemmas: set[str], heads: set[str], lows: set[str]) -> bool:
        """Whether any word with these lemmas, first four letters and surfaces can belong: when
        not, a clause's words need no look one by one."""
        return not (self.lemmas.isdisjoint(lemmas) and self._by_head.keys().isdisjoint(heads) and self.exact.isdisjoint(lows))

    def __contains__(self, word: Word) -> bool:
        if word.lemma in self.lemmas:
            return True
        if self.verbs and word.pos in ("NOUN", "PROPN"):
            return False
        stems = self._by_head.get(word.low[:4])
        return (stems is not None and word.low.startswith(stems)) or (word.low in self.exact and word.guessed)

    @classmethod
    def union(cls, *lexicons: "Lexicon") -> "Lexicon":
        """A lexicon that holds what any of them holds (no verbs-only restriction)."""
        joined = cls()
        joined.lemmas = frozenset().union(*(x.lemmas for x in lexicons))
        joined._index_stems(set().union(*(x.stems for x in lexicons)))
        joined.exact = frozenset().union(*(x.exact for x in lexicons))
        return joined


# --- milestones --------------------------------------------------------------------------
SIGN = Lexicon("parakstīt|paraksta", "noslēgt|noslēdz|noslēgš", "slēgt|slēdz", "parakstīšana", verbs=True)
AGREEMENT = Lexicon("līgums", "vienošanās", "memorands")
# a signature with one of these is the funding agreement (approval), not a works contract
FINANCING = Lexicon("finanses|finanš", "finansējums", "finansēšana", "aizdevums", "kredīts", "dotācija",
                    "piešķiršana")
FUNDER = re.compile(r"finanšu un līgumu aģentūr|\bCFLA\b|valsts reģionālās attīstības aģentūr|\bVRAA\b"
                    r"|lauku atbalsta dienest|\bLAD\b|investīciju fond|vides aizsardzības fond|kultūrkapitāla fond"
                    r"|ministrij|Eiropas Komisij|lauksaimniecības pārvald", re.I)
APPROVE = Lexicon("apstiprināt|apstiprin", "apstiprinājums", "apstiprināšana", "akceptēt")
ENDORSE = Lexicon("saskaņot", verbs=True)  # a building authority approving the design
GRANT = Lexicon("piešķirt|piešķīr", verbs=True)
FUNDS = Lexicon("finansējums", "līdzfinansējums", "atbalsts", "līdzeklis|līdzekļ", "nauda|naud", "dotācija",
                "grants", "aizdevums", "finansiāls", "eiro", "lats|latu", "euro")
SUPPORT = Lexicon("atbalstīt", verbs=True)
PROPOSAL = Lexicon("projekts", "pieteikums", "iesniegums")
APPROVED = Lexicon("projekts", "pieteikums", "iesniegums", "programma", "budžets", "finansējums", "līdzfinansējums")
RECEIVE = Lexicon("saņemt|saņēm", verbs=True)
APPROVAL_NOUNS = Lexicon("apstiprinājums", "atbalsts", "finansējums", "līdzfinansējums", "grants", "dotācija")
AMEND = Lexicon("grozījums")
AMENDED = Lexicon("lēmums", "līgums", "veikt")
DECIDE = Lexicon("nolemt|nolēm", "lemt|lēm", verbs=True)
PROCURE = Lexicon("iepirkums", "iepirkt", "iepirkšana", "tenderis")
PRICE_SURVEY = Lexicon("aptauja")
PRICE = Lexicon("cena")
PURCHASE = Lexicon("iegāde")
# "izsludināja atklātu konkursu par būvdarbu veikšanu": a tender; "projektu konkurss" is a call
TENDER = Lexicon("konkurss")
SERVICES = Lexicon("piegāde", "pakalpojums", "būvuzraudzība", "autoruzraudzība", "projektēšana")
LAUNCH = Lexicon("uzsākt", "izsludināt", verbs=True)
START = Lexicon("uzsākt", "sākt|sāka|sāku|sāks", "sākties", "aizsākt", "aizsākties", "uzsākšana", verbs=True)
WORKS = Lexicon("darbs", "būvdarbi|būvdarb", "būvniecība", "celtniecība", "rekonstrukcija", "renovācija",
                "restaurācija", "demontāža", "izbūve", "pārbūve", "remonts", "siltināšana", "labiekārtošana",
                "ierīkošana", "uzstādīšana", "montāža", "izveide", "būvēšana")
DO = Lexicon("veikt", verbs=True)
IMPLEMENTATION = Lexicon("īstenošana", "ieviešana", "realizācija", "īstenot", "ieviest", "realizēt")
PROJECT = Lexicon("projekts")
FINISH = Lexicon("pabeigt|pabeidz", "pabeigšana", "noslēgties|noslēdz", "beigties|beidz", "noslēgt|noslēdz")
SERVICE = Lexicon("ekspluatācija")
HAND_OVER = Lexicon("nodot|nodod|nodev", "pieņemt|pieņēm", verbs=True)
HANDING_OVER = Lexicon("nodošana", "pieņemšana")  # "nodošana ekspluatācijā paredzēta decembrī"
# finishing one of these is a step of the paperwork, not of the project
PAPERWORK = Lexicon("vērtēšana", "izvērtēšana", "iesniegšana", "atlase", "konkurss", "pieteikšanās", "termiņš",
                    "uzņemšana", "sagatavošana")
RESULT = Lexicon("izveidot", "uzstādīt", "pārbūvēt", "izbūvēt", "uzbūvēt", "ierīkot", "renovēt",
                 "labiekārtot", "rekonstruēt", "nosiltināt", "restaurēt", "nomainīt", verbs=True)
OPEN = Lexicon("atklāt", "atklāšana", "atvērt", "atvēršana")
OPEN_NOT = Lexicon("konkurss")  # "atklāts konkurss": an open competition
DOOR = Lexicon("durvis")
OPEN_DOOR = Lexicon("vērt", "atvērt", verbs=True)
OPERATION = Lexicon("darbība")
# "dienas centrs uzsāka darbu": an institution that starts its work opens
INSTITUTION = Lexicon("centrs", "iestāde", "bibliotēka", "muzejs", "skola", "bērnudārzs", "klīnika", "birojs",
                      "nams", "punkts", "dienests")
WORK = Lexicon("darbs")

# --- happenings ----------------------------------------------------------------------------
HAPPENINGS = [
    ("meeting", Lexicon("tikšanās", "sanāksme", "sapulce")),
    ("visit", Lexicon("vizīte", "stažēšanās", "stažēšana", "stažieris")),
    ("seminar", Lexicon("seminārs", "vebinārs")),
    ("training", Lexicon("apmācības|apmācīb", "apmācība", "mācības", "mācība", "darbnīca", "meistarklase", "kursi")),
    ("conference", Lexicon("konference", "forums")),
    ("camp", Lexicon("nometne")),
    ("public_event", Lexicon("festivāls", "izstāde", "koncerts", "svētki", "sarīkojums", "prezentācija",
                             "pasākums", "turnīrs", "sacensības", "plenērs", "talka")),
]
# every event_type the extractor writes: a project's milestones in their usual order, then happenings
MILESTONES = ("approval", "contract", "procurement", "works_start", "completion", "opening")
EVENT_TYPES = MILESTONES + tuple(t for t, _ in HAPPENINGS)
HOST = Lexicon("uzņemt|uzņēma", verbs=True)  # "uzņēma projekta partnerus": a visit, at the host's place
# a happening told by its verb alone, on a date: "partneri tikās Panevēžā 12. aprīlī"
HAPPENING_VERBS = [("meeting", Lexicon("tikties|tikā", "satikties|satikā", verbs=True)),
                   ("visit", Lexicon("viesoties|viesoj", verbs=True))]
GUESTS = Lexicon("partneris", "delegācija", "viesis", "kolēģis", "pārstāvis")
ARRIVE = Lexicon("ierasties|ierad", "atbraukt|atbrauc", verbs=True)  # "partneri ieradās Rēzeknē": a visit
# after a happening in the genitive these say when or within what, not what: "tikšanās laikā"
FRAME = Lexicon("projekts", "laiks", "ietvars", "gaita")
# a plural of one of these can still be one happening: "apmācības notika 5. maijā"
PLURAL_ONLY = Lexicon("apmācības", "apmācība", "mācības", "mācība", "sacensības", "sacensība", "svētki", "kursi",
                      "stažēšanās")
GENERIC = Lexicon("pasākums", "sanāksme", "tikšanās")  # a happening of no particular kind
EXCHANGE = Lexicon("apmaiņa")  # "pieredzes apmaiņa": a visit
EXPERIENCE = Lexicon("pieredze")
TRIP = Lexicon("brauciens")
SUMMER = Lexicon("vasara")
SCHOOL = Lexicon("skola")
# a happening needs one of these (or a date) in its clause: "projekta mērķis ir apmācības" is a topic
HAPPEN = Lexicon("notikt|notiek|notiks", "norisināties", "rīkot", "sarīkot", "organizēt", "apmeklēt", "piedalīties",
                 "pulcēt", "pulcēties", "aizvadīt", "tikties", "satikties", "ierasties", "doties|devā", "viesoties",
                 "uzņemt", "noritēt", "vadīt", "uzstāties", "uzrunāt")
# "Seminārā, kas notika 5. aprīlī, piedalījās ...": those a clause says took part
TAKE_PART = Lexicon("piedalīties", "uzstāties", "uzrunāt", verbs=True)
# "četras apmācības", "virkne semināru": a series, not a happening
COUNT = Lexicon("divi", "trīs", "četri", "pieci", "seši", "septiņi", "astoņi", "deviņi", "desmit", "vairāki",
                "daudzi", "dažādi", "daudzveidīgs", "regulārs", "virkne", "cikls")

# --- status and clauses --------------------------------------------------------------------
# "aicinām apmeklēt": an invitation to what is to come
PLANNED = Lexicon("plānot", "ieplānot", "paredzēt", "paredzams", "iecerēt", "gaidāms", "gatavoties", "tuvākais", "aicināt",
                  verbs=True)
PLANNED_SURFACE = re.compile(r"(?<!\p{L})(?:tiks|būs|notiks|jā\p{L}{4,}|\p{L}+(?<!u)sies|drīzumā)(?!\p{L})", re.I)
# a genitive happening before one of these is what is organised: "festivāla rīkošana"
ORGANISING = Lexicon("rīkošana", "organizēšana", "norise", "atklāšana", "sarīkošana")
EVENT = Lexicon("pasākums")  # also a programme's measure: "413. pasākums “Lauku ekonomikas dažādošana”"
# "varēs saņemt", "nepieciešams organizēt", "lūgt atbalstu": a possibility, a need or a request
MAYBE = Lexicon("varēt|var", "iespējams", "iespēja", "nepieciešams", "lūgt")
AIM = Lexicon("mērķis")  # "projekta mērķis ir ...": aims, not events
TODAY = Lexicon("šodien")
# a comma before one of these starts a new clause
CLAUSE_START = re.compile(r"kas|ko|kam|kur\p{L}*|kad|jo|lai|bet|taču|savukārt|tāpēc|tādēļ|ja|ka|kamēr|turklāt|un", re.I)
RELATIVE = re.compile(r"kas|ko|kam|kur\p{L}*|kad", re.I)  # a relative clause tells about the noun before it
SINCE = Lexicon("kopš")

# every word that can name an event: a clause with none of them reports no event
ANY_TRIGGER = Lexicon.union(SIGN, SERVICE, FINISH, OPEN, OPEN_DOOR, START, DO, APPROVE, ENDORSE, GRANT, SUPPORT,
                            RECEIVE, AMEND, PROCURE, PRICE_SURVEY, PURCHASE, TENDER, DECIDE, RESULT, HOST, ARRIVE,
                            EXCHANGE, TRIP, SCHOOL, *(lexicon for _, lexicon in HAPPENINGS + HAPPENING_VERBS))
