"""Place-name gazetteer: find toponyms in any case form and give their nominative norm.

`pipeline/data/places.tsv` lists each place by its nominative (`name`), with `type`,
`country`, an optional declension hint (`decl`: "0" indeclinable, "6" sixth declension),
`aliases` (other nominatives, possibly several words: "Vidusbaltijas reģions"), irregular
`forms` taken verbatim, and `ambiguous` for names that are also common words or surnames
(Sala, Liepa, Anna). A foreign town that Latvian texts spell two ways ("Plunģe", "Pluņģe")
has a row for each spelling: the norm keeps the spelling the article uses. Case forms come
from `inflect.forms`, so one row covers Aucē, Auces, Aucei. `places_stop.tsv` lists phrases that contain a place word without naming the place
("Eiropas Savienība"); they are consumed and yield nothing.

Matching scans capitalised words with one regex and looks up windows of 1-3 words, longest
first, in a dict from lowercase form to entry. A place inside an organisation name is found
like any other ("Auces novada pašvaldība" gives "Auces" -> Auce). A word right after an
initial ("D.Sala") or a known first name ("Jānis Liepa") is a surname, not a place.
"""
from __future__ import annotations

import functools
import importlib.resources
import unicodedata
from dataclasses import dataclass

import regex

from . import inflect

MAX_WORDS = 3

# Words after which an ambiguous name must be a place: "Salas pagastā", "Annas pagasts",
# "Irbes upē".
PLACE_NOUNS = ("novads", "pagasts", "pilsēta", "ciems", "ciemats", "apriņķis", "rajons",
               "novadpilsēta", "valstspilsēta", "apvienība", "pašvaldība", "dome", "upe", "ezers")

# A place name before these is a street or square, not the place: "Rīgas iela 29".
STREET_NOUNS = ("iela", "prospekts", "bulvāris", "šoseja", "gatve", "laukums", "aleja", "krastmala")

_WORD = regex.compile(r"[\p{L}\p{M}]+")
_JOIN = regex.compile(r"\s+|-")  # what may stand between the words of one name
_LIST_GAP = regex.compile(r",?\s+")  # ... between the items of a list
_AFTER_INITIAL = regex.compile(r"(?:^|[^\p{L}\p{M}])\p{Lu}\.\s?$")  # on the 4 chars before a word


@dataclass(frozen=True)
class Place:
    """A gazetteer entry; `type` "stop" marks a phrase that blocks matches inside it."""

    name: str
    type: str
    country: str
    ambiguous: bool


@dataclass(frozen=True)
class PlaceHit:
    """A place found in a text; `text[start:end] == hit.text` always holds."""

    start: int
    end: int
    text: str
    norm: str
    type: str
    country: str


def _key(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split())).lower()


def _phrase_forms(name: str, decl: str | None) -> set[str]:
    """Case forms of a name of one or more words, inflecting the last word only."""
    *modifiers, last = name.split(" ")
    prefix = " ".join(modifiers) + " " if modifiers else ""
    return {prefix + f for f in inflect.forms(last, decl if not modifiers else None)}


class Gazetteer:
    """Index of place forms; build once (see `default_gazetteer`), then call `find`."""

    def __init__(self, rows: list[dict[str, str]], stop_phrases: list[str] = ()):
        self.index: dict[str, Place] = {}
        generated: list[tuple[str, Place]] = []
        for row in rows:
            place = Place(row["name"], row["type"], row.get("country", ""),
                          row.get("ambiguous", "") not in ("", "0"))
            names = [row["name"], *filter(None, row.get("aliases", "").split("|"))]
            verbatim = names + list(filter(None, row.get("forms", "").split("|")))
            for form in verbatim:  # names and listed forms win over generated ones
                self.index.setdefault(_key(form), place)
            decl = row.get("decl") or None  # describes `name`; aliases decline by their ending
            generated.extend((form, place) for n in names
                             for form in _phrase_forms(n, decl if n == row["name"] else None))
        for phrase in stop_phrases:
            stop = Place(phrase, "stop", "", False)
            for form in _phrase_forms(phrase, None):
                self.index[_key(form)] = stop
        for form, place in generated:
            self.index.setdefault(_key(form), place)
        self._place_nouns = _all_forms(PLACE_NOUNS)
        self._street_nouns = _all_forms(STREET_NOUNS)
        self._longest: dict[str, int] = {}  # first word -> most words of a name starting with it
        for key in self.index:
            words = [m.group() for m in _WORD.finditer(key)]  # as find() splits the text
            if words:
                self._longest[words[0]] = max(self._longest.get(words[0], 0), len(words))

    @classmethod
    def from_tsv(cls, text: str, stop_text: str = "") -> "Gazetteer":
        lines = [ln for ln in text.splitlines() if ln.strip()]
        header = lines[0].split("\t")
        rows = [dict(zip(header, ln.split("\t"))) for ln in lines[1:]]
        stops = [ln.strip() for ln in stop_text.splitlines() if ln.strip() and not ln.startswith("#")]
        return cls(rows, stops)

    def place(self, name: str) -> Place | None:
        """The place a name (any listed or generated form) stands for."""
        return self.index.get(_key(name))

    def find(self, text: str) -> list[PlaceHit]:
        """All place mentions in `text`, left to right, longest match first, no overlaps."""
        words = list(_WORD.finditer(text))
        hits: list[PlaceHit] = []
        free = 0  # the first word after the last match
        for i, word in enumerate(words):
            # names start with a capital, and most capitalised words start no name
            if i < free or not word.group()[0].isupper():
                continue
            key = word.group().lower()
            longest = self._longest.get(key) or (
                0 if unicodedata.is_normalized("NFC", key) else self._longest.get(_key(key), 0))
            if not longest:
                continue
            matched = self._match_at(text, words, i, longest)
            if matched is None:
                continue
            n, place = matched
            if place.type != "stop" and not self._followed_by(
                    text, words, i + n, self._street_nouns, across_list=False):
                start, end = words[i].start(), words[i + n - 1].end()
                hits.append(PlaceHit(start, end, text[start:end], place.name, place.type,
                                     place.country))
            free = i + n
        return hits

    def is_street_noun(self, word: str) -> bool:
        """Whether `word` is a form of a street noun ("ielā", "šosejas"): a place before it
        names a street."""
        return _key(word) in self._street_nouns

    def _match_at(self, text: str, words: list, i: int, longest: int) -> tuple[int, Place] | None:
        """The longest name of at most ``longest`` words starting at word i."""
        first = words[i]
        for n in range(min(longest, MAX_WORDS, len(words) - i), 0, -1):
            place = self.index.get(_key(text[first.start():words[i + n - 1].end()]))
            if place is None or any(not _JOIN.fullmatch(text, words[k].end(), words[k + 1].start())
                                    for k in range(i, i + n - 1)):
                continue
            if self._is_surname(text, words, i):  # checked only for known names: it is slower
                return None
            if not place.ambiguous or self._followed_by(text, words, i + n, self._place_nouns):
                return n, place
        return None

    @staticmethod
    def _is_surname(text: str, words: list, i: int) -> bool:
        """After an initial ("D.Sala", "D. Sala") or a first name ("Jānis Liepa"); no surname
        is in the locative, nor after a word in it ("Jūlijā Siguldā", "Jānis Valmierā")."""
        start = words[i].start()
        if _AFTER_INITIAL.search(text[max(0, start - 4):start]):
            return True
        if i == 0 or not text[words[i - 1].end():start].isspace() or "\n" in text[words[i - 1].end():start]:
            return False
        prev = words[i - 1].group()
        return (prev[0].isupper() and inflect.is_first_name(prev)
                and not inflect.is_locative(prev) and not inflect.is_locative(words[i].group()))

    @staticmethod
    def _followed_by(text: str, words: list, j: int, nouns: set[str], across_list: bool = True) -> bool:
        """Whether one of `nouns` comes next, or after a list ("Salas un Sēlpils pagastos")."""
        for k in range(j, min(j + (5 if across_list else 1), len(words))):
            if not _LIST_GAP.fullmatch(text, words[k - 1].end(), words[k].start()):
                return False
            word = words[k].group()
            if _key(word) in nouns:
                return True
            if not (word[0].isupper() or word in ("un", "vai")):
                return False
        return False


def _all_forms(nouns: tuple[str, ...]) -> set[str]:
    """Singular and plural case forms of common nouns ("pagastā", "Salas un Sēlpils pagastos")."""
    found = set()
    for noun in nouns:
        decl, _, stem = inflect.paradigm_of(noun)
        plural_stem = inflect.alternate(stem) if decl == "2" else stem
        for (number, _), ending in inflect.NOUNS[decl][1].items():
            found.add(_key((stem if number == "sg" else plural_stem) + ending))
    return found


@functools.cache
def default_gazetteer() -> Gazetteer:
    """The gazetteer shipped in pipeline/data, loaded once per process."""
    data = importlib.resources.files("pipeline") / "data"
    return Gazetteer.from_tsv((data / "places.tsv").read_text(encoding="utf-8"),
                              (data / "places_stop.tsv").read_text(encoding="utf-8"))
