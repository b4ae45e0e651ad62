"""Latvian nominal morphology by rule, for names: inflected phrase -> nominative, and back.

Mentions are reported with a nominative norm (CONTRACT.md), but press releases name people,
places and organisations in every case ("Ilzei Lujānei", "Rokišķos", "Zemgales plānošanas
reģiona"). Latvian inflection is regular enough to undo by suffix: every declension and the
definite adjective are one table below, and ambiguity ("-a" is a masculine genitive and a
feminine nominative) is settled by, in order, a lexicon of known lemmas (first names, common
organisation nouns, the gazetteer's place names, the caller's `lemma_hint`), agreement between
the words of a name, and a fixed preference (nominative, singular, the commoner declension).
"""
from __future__ import annotations

import functools
import importlib.resources
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import regex

CASES = ("nom", "gen", "dat", "acc", "loc")
KINDS = ("person", "place", "org")


def _paradigm(singular: str, plural: str) -> dict[tuple[str, str], str]:
    """Endings written as 'nom gen dat acc loc' for each number."""
    table = {("sg", c): e for c, e in zip(CASES, singular.split())}
    table.update({("pl", c): e for c, e in zip(CASES, plural.split())})
    return table


_MASC_PLURAL = "i u iem us os"

# Noun declensions: name -> (gender, endings). "1š" is the first declension with nominative -š
# (Ieviņš); the sixth holds Daugavpils, pils, valsts and the plural Cēsis.
NOUNS: dict[str, tuple[str, dict[tuple[str, str], str]]] = {
    "1": ("m", _paradigm("s a am u ā", _MASC_PLURAL)),
    "1š": ("m", _paradigm("š a am u ā", _MASC_PLURAL)),
    "2": ("m", _paradigm("is a im i ī", _MASC_PLURAL)),
    "3": ("m", _paradigm("us us um u ū", _MASC_PLURAL)),
    "4": ("f", _paradigm("a as ai u ā", "as u ām as ās")),
    "5": ("f", _paradigm("e es ei i ē", "es u ēm es ēs")),
    "5m": ("m", _paradigm("e es em i ē", "es u ēm es ēs")),  # surnames of men: Priede, Krūzem
    "6": ("f", _paradigm("s s ij i ī", "is u īm is īs")),
}

# Stem endings a declension cannot have: no masculine nominative in -as/-es (Vidas is Vida's
# genitive), no -ņs/-ļs/-ķs/-ģs (those stems take -š or -is).
_VOWELS = tuple("aāeēiīoōuū")
BANNED_STEM_ENDINGS = {"1": _VOWELS + ("ņ", "ļ", "ķ", "ģ"), "1š": _VOWELS, "2": _VOWELS,
                       "3": _VOWELS, "5m": _VOWELS, "6": _VOWELS}

# Stem endings that point to a declension, for the kinds of name where they hold.
STEM_CUES = (
    ("iņ", "1š", KINDS),  # Ieviņš, Kalniņš
    ("ķ", "2", KINDS), ("ģ", "2", KINDS),  # kaķis, Rokišķis
    ("ij", "4", ("place", "org")),  # armija, komisija; Jurijs & Co. are in the name lexicon
    ("īc", "4", ("place", "org")),  # rūpnīca, grāmatnīca
    ("ik", "4", ("place", "org")),  # fabrika, klīnika, republika
    ("sk", "2", ("person",)),  # Kozlovskis, Raginskis
)

# Slots whose stem consonant alternates (Kārlis -> Kārļa, brālis -> brāļi, egle -> egļu).
ALTERNATING: dict[str, set[tuple[str, str]]] = {
    "2": {("sg", "gen")} | {("pl", c) for c in CASES},
    "5": {("pl", "gen")},
    "5m": {("pl", "gen")},
    "6": {("pl", "gen")},
}

# Consonant alternation, plain -> alternated; longest first so "sl" wins over "l".
ALTERNATIONS: tuple[tuple[str, str], ...] = (
    ("sl", "šļ"), ("zl", "žļ"), ("sn", "šņ"), ("zn", "žņ"), ("ln", "ļņ"), ("dz", "dž"),
    ("b", "bj"), ("p", "pj"), ("m", "mj"), ("v", "vj"), ("f", "fj"),
    ("c", "č"), ("s", "š"), ("t", "š"), ("z", "ž"), ("d", "ž"), ("l", "ļ"), ("n", "ņ"),
)

# Definite adjectives (Sociālā centra -> Sociālais centrs, reģionālajā -> reģionālais).
ADJECTIVES: dict[str, dict[tuple[str, str], str]] = {
    "m": _paradigm("ais ā ajam o ajā", "ie o ajiem os ajos"),
    "f": _paradigm("ā ās ajai o ajā", "ās o ajām ās ajās"),
}

# Preference among readings no lexicon or agreement settles; lower is preferred.
CASE_RANK = {c: i for i, c in enumerate(CASES)}
DECL_RANK = {
    # measured on FullStack-NER proper names: -a is a feminine nominative about twice as often
    # as a masculine genitive (kept by the nominative-first rule), -u and -i are masculine
    # accusatives about twice as often as feminine ones; no personal names in the 6th decl.
    "person": ("1", "4", "2", "5", "5m", "1š", "3"),
    "place": ("4", "5", "1", "1š", "2", "3", "6"),
    "org": ("1", "4", "5", "2", "3", "1š", "6"),
}

# Plural genitive of a territorial noun after a single name comes from a coordinated list
# ("Auces un Dobeles novadu pašvaldības"); the one organisation it names is singular.
LIST_GENITIVES = {"novadu": "novada", "pagastu": "pagasta", "pilsētu": "pilsētas",
                  "rajonu": "rajona", "apriņķu": "apriņķa"}

_TOKEN = regex.compile(r"[\p{L}\p{M}]+|\d+|\s+|.", regex.S)
_INITIAL = regex.compile(r"(?<![\p{L}\p{M}])(\p{Lu})\.\s*")
_BRACKETED = regex.compile(r"\s*\([^()]*\)")
_QUOTES = "\"'„“”«»‘’"


@dataclass(frozen=True)
class Analysis:
    """One reading of a word: its lemma in the same number, its singular lemma and features."""

    base: str  # the stem the lemma is built on (Kārl for Kārļa)
    lemma: str
    lemma_sg: str
    pos: str  # "noun" | "adj"
    decl: str  # declension name, or "adj"
    gender: str
    number: str
    case: str
    undone: str  # the alternated consonant undone to reach `base` (ļ in Kārļa), else ""

    @property
    def features(self) -> tuple[str, str, str]:
        return self.gender, self.number, self.case


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# Which lexicon classes settle ambiguity for each kind of name ("Rundāles novadā": a noun head).
KNOWN_CLASSES = {"person": {"m", "f"}, "place": {"place", "noun"}, "org": {"noun"}}


def _data(name: str) -> str:
    return (importlib.resources.files("pipeline") / "data" / name).read_text(encoding="utf-8")


@functools.cache
def _place_names() -> dict[str, str]:
    """Every nominative of the gazetteer (lowercase, names and aliases) -> its norm."""
    lines = _data("places.tsv").splitlines()
    header = lines[0].split("\t")
    names: dict[str, str] = {}
    for line in lines[1:]:
        row = dict(zip(header, line.split("\t")))
        for name in [row["name"], *filter(None, row.get("aliases", "").split("|"))]:
            names.setdefault(_nfc(name).lower(), row["name"])
    return names


@functools.cache
def _lexicon() -> dict[str, frozenset[str]]:
    """Known lemmas (lowercase) -> classes: first names ('m'/'f'), 'noun', 'place'."""
    known: dict[str, set[str]] = {}
    for line in _data("inflect_lexicon.tsv").splitlines():
        if line and not line.startswith("#"):
            lemma, cls = line.split("\t")[:2]
            known.setdefault(_nfc(lemma).lower(), set()).add(cls)
    for name in _place_names():
        if " " not in name:
            known.setdefault(name, set()).add("place")
    return {lemma: frozenset(classes) for lemma, classes in known.items()}


@functools.cache
def _known_for(kind: str) -> frozenset[str]:
    return frozenset(lemma for lemma, classes in _lexicon().items() if classes & KNOWN_CLASSES[kind])


def is_first_name(word: str) -> bool:
    """True when some reading of `word` is a known first name (Jānim, Ilzes, Anna)."""
    return any(a.lemma_sg.lower() in _known_for("person") for a in analyses(word))


def is_locative(word: str) -> bool:
    """True when every noun reading of `word` is a locative (Rīgā, Jāņos, Cēsīs): the case
    of places and times, never of a person's name."""
    readings = [a for a in analyses(word) if a.pos == "noun"]
    return bool(readings) and all(a.case == "loc" for a in readings)


def _with_ending(stem: str, ending: str, word: str) -> str:
    return stem + (ending.upper() if word.isupper() and len(word) > 1 else ending)


def _dealternate(stem: str) -> list[tuple[str, str]]:
    """Plain stems an alternated stem may come from (with the alternation undone), then itself."""
    low = stem.lower()
    found = [(stem[: len(stem) - len(alt)] + plain, alt)
             for plain, alt in ALTERNATIONS if low.endswith(alt)]
    return found + [(stem, "")]


def alternate(stem: str) -> str:
    """The alternated stem (Kārl -> Kārļ, brāl -> brāļ); unchanged if nothing alternates."""
    low = stem.lower()
    for plain, alt in ALTERNATIONS:
        if low.endswith(plain):
            return stem[: len(stem) - len(plain)] + alt
    return stem


@functools.lru_cache(maxsize=65536)
def analyses(word: str) -> tuple[Analysis, ...]:
    """Every reading of `word` as a noun or definite adjective the tables allow."""
    word = _nfc(word)
    low = word.lower()
    found: list[Analysis] = []
    for decl, (gender, table) in NOUNS.items():
        for (number, case), ending in table.items():
            if not low.endswith(ending) or len(word) - len(ending) < 2:
                continue
            stem = word[: len(word) - len(ending)]
            alternating = (number, case) in ALTERNATING.get(decl, ())
            for base, undone in (_dealternate(stem) if alternating else [(stem, "")]):
                if base.lower().endswith(BANNED_STEM_ENDINGS.get(decl, ())):
                    continue
                lemma_sg = _with_ending(base, table[("sg", "nom")], word)
                # the 2nd declension alternates in all plural slots, the 5th/6th in gen. only
                lemma_pl = _with_ending(stem if decl == "2" else base, table[("pl", "nom")], word)
                found.append(Analysis(base, lemma_pl if number == "pl" else lemma_sg, lemma_sg,
                                      "noun", decl, gender, number, case, undone))
    adjectives = []
    for gender, table in ADJECTIVES.items():
        for (number, case), ending in table.items():
            if low.endswith(ending) and len(word) - len(ending) >= 3:
                stem = word[: len(word) - len(ending)]
                adjectives.append((len(ending), Analysis(
                    stem, _with_ending(stem, table[(number, "nom")], word),
                    _with_ending(stem, table[("sg", "nom")], word),
                    "adj", "adj", gender, number, case, "")))
    if adjectives:  # "reģionālajā" ends in -ajā, not in -ā with a stem "reģionālaj"
        longest = max(n for n, _ in adjectives)
        found.extend(a for n, a in adjectives if n == longest)
    return tuple(found)


def _strong_cue(a: Analysis) -> bool:
    """A 2nd-declension genitive by its stem: Kārļa, Okmaņa, Lāča, Smiļģa (not Ieviņa, whose
    -iņ- is the 1š diminutive, nor -š-/-ž-, which undo ambiguously, nor the -ič- of Slavic
    surnames: Rusoviča is Rusovičs's or a woman's). Feminine surnames of such names end in -e
    (Okmane), so for persons these outrank the nominative reading."""
    base = a.base.lower()
    return a.decl == "2" and (
        (a.undone not in ("", "š", "ž") and not base.endswith("in") and not _slavic(a)) or base.endswith(("ķ", "ģ")))


def _slavic(a: Analysis) -> bool:
    """The -ič- of a Slavic surname, not an alternated -c- (Janukoviča is Janukovičs's)."""
    return a.undone == "č" and a.base.lower().endswith("ic")


def _cue(a: Analysis, kind: str) -> int:
    """0 where the stem points to this reading's declension (Ieviņ-: 1š, Kārļ-: 2), else 1."""
    base = a.base.lower()
    if a.decl == "2" and a.undone and not base.endswith("in") and not _slavic(a):  # Ieviņa is Ieviņš's
        return 0
    return 0 if any(base.endswith(end) and a.decl == decl and kind in kinds
                    for end, decl, kinds in STEM_CUES) else 1


def _is_known(a: Analysis, kind: str, known: frozenset[str]) -> bool:
    """Known lemma; for organisations also a compound of a known noun (komercskola)."""
    lemma = (a.lemma if kind == "place" else a.lemma_sg).lower()
    if lemma in known:
        return True
    return kind == "org" and any(lemma[i:] in known for i in range(2, len(lemma) - 3))


def _rank(a: Analysis, kind: str, known: frozenset[str]) -> tuple:
    """Sort key: known lemma, one the lexicon knows (above a lemmatiser's guess: "Andra" is
    Andris's, not "Andrs"'s), singular, nominative-first case, stem cue, declension order.

    Places are checked in their own number (Priekuļu is Priekuļi's, not Priekule's).
    """
    order = DECL_RANK[kind]
    return (
        not _is_known(a, kind, known),
        not _is_known(a, kind, _known_for(kind)),
        a.number != "sg",
        not (kind == "person" and _strong_cue(a)),
        CASE_RANK[a.case],
        _cue(a, kind),
        order.index(a.decl) if a.decl in order else len(order),
    )


def _nouns(word: str, kind: str) -> list[Analysis]:
    order = DECL_RANK[kind]
    return [a for a in analyses(word) if a.pos == "noun" and a.decl in order]


def _readings(word: str, kind: str, known: frozenset[str]) -> list[Analysis]:
    """Noun readings of `word`; a lemma the lexicon knows is read only as a form of itself or
    of another known lemma (Ingus: nom. or gen., never the accusative plural of "Ings"). A
    hint in `known` only ranks readings (_rank): lemmatisers copy forms they cannot analyse
    ("Lāča", "Ozoliņai"), and a copy taken as the word's only reading would keep it inflected."""
    nouns = _nouns(word, kind)
    if kind == "person":  # "Ilzi" is Ilze's, a woman's name, never a man's in the 5th declension
        nouns = [a for a in nouns if _gender_fits(a)]
    low = word.lower()
    lexicon = _known_for(kind)
    if low in lexicon:  # or of another known lemma: "Gunta" is also Guntis's genitive
        return [a for a in nouns if low in (a.lemma.lower(), a.lemma_sg.lower()) or a.lemma_sg.lower() in lexicon]
    return nouns


def _gender_fits(a: Analysis) -> bool:
    """Whether a reading's lemma, if the lexicon knows it as a first name, has its gender."""
    genders = _lexicon().get(a.lemma_sg.lower(), frozenset()) & {"m", "f"}
    return not genders or a.gender in genders


def _best_noun(word: str, kind: str, known: frozenset[str]) -> Analysis | None:
    nouns = _readings(word, kind, known)
    return min(nouns, key=lambda a: _rank(a, kind, known)) if nouns else None


def _known(kind: str, lemma_hint: Iterable[str] | str | None) -> frozenset[str]:
    if lemma_hint is None:
        return _known_for(kind)
    hints = [lemma_hint] if isinstance(lemma_hint, str) else list(lemma_hint)
    return _known_for(kind) | {_nfc(h).lower() for h in hints}


def _is_inflectable(token: str) -> bool:
    """Words proper: not acronyms (ERAF, SIA), numbers or punctuation."""
    return token[:1].isalpha() and not (len(token) > 1 and token.isupper())


def _tokens(phrase: str) -> list[str]:
    return _TOKEN.findall(phrase)


def _word_positions(tokens: list[str]) -> list[int]:
    """Indices of inflectable words outside quotes and not initials ("A." in A.Raudonikia)."""
    positions, quoted = [], False
    for i, tok in enumerate(tokens):
        if tok in _QUOTES:
            quoted = not quoted
        elif (not quoted and _is_inflectable(tok)
              and not (len(tok) == 1 and i + 1 < len(tokens) and tokens[i + 1] == ".")):
            positions.append(i)
    return positions


def _foreign_nominative(words: list[str]) -> bool:
    """A Lithuanian man named in his own nominative ("Povilas Jakučionis", "Tomas Kazlauskas").

    Latvian reads a first name in -as as a feminine genitive ("Annas Liepas"); it is a foreign
    nominative when it is a known Lithuanian name, or no Latvian first name and followed by a
    surname that no Latvian feminine genitive ends like ("-is", "-ys", "-us").
    """
    if len(words) < 2 or not words[0].endswith("as"):
        return False
    if "lt" in _lexicon().get(words[0].lower(), ()):
        return True
    return not is_first_name(words[0]) and words[-1].endswith(("is", "ys", "us"))


def _person(phrase: str, known: frozenset[str]) -> str:
    phrase = _INITIAL.sub(lambda m: m.group(1) + ". ", " ".join(phrase.split())).strip()
    tokens = _tokens(phrase)
    if _foreign_nominative([tokens[i] for i in _word_positions(tokens)]):
        return phrase
    # a word some reading of which the lexicon knows as a first name is read by the lexicon
    # alone: a lemmatiser's guess ("Ritu" -> "Rits") would outvote the name it is a form of
    known_at = {i: _known_for("person") if is_first_name(tokens[i]) else known for i in _word_positions(tokens)}
    readings = {i: _readings(tokens[i], "person", known_at[i]) for i in known_at}
    readings = {i: r for i, r in readings.items() if r}
    combos = {a.features for r in readings.values() for a in r}
    best_score, best_choice = None, {}
    for combo in combos:
        choice = {}
        for i, r in readings.items():
            fitting = [a for a in r if a.features == combo]
            if not fitting:
                break
            choice[i] = min(fitting, key=lambda a: _rank(a, "person", known_at[i]))
        else:
            ranks = [_rank(a, "person", known_at[i]) for i, a in choice.items()]
            # _rank's order, its per-word parts summed: unknown, not in the lexicon, plural,
            # no strong cue, case, ...
            score = (sum(r[0] for r in ranks), sum(r[1] for r in ranks), combo[1] != "sg",
                     sum(r[3] for r in ranks), CASE_RANK[combo[2]], sum(r[5] for r in ranks),
                     sum(r[6] for r in ranks))
            if best_score is None or score < best_score:
                best_score, best_choice = score, choice
    if best_score is None:  # no reading shared by all words: take each word's best alone
        best_choice = {i: min(r, key=lambda a: _rank(a, "person", known_at[i]))
                       for i, r in readings.items()}
    for i, a in best_choice.items():
        tokens[i] = a.lemma_sg
    return "".join(tokens)


def _agrees_with_head(adj: list[Analysis], following: list[Analysis], head_is_next: bool,
                      head: Analysis, head_features: set[tuple[str, str, str]]) -> bool:
    """Whether a definite adjective modifies the head rather than the noun after it.

    Directly before the head only gender must fit (tolerating slips like "daudzfunkcionālo
    centra"); before a genitive modifier it agrees with that modifier when it can
    ("sociālo pakalpojumu centrs"), else with the head ("reģionālajā tūrisma ... centrā").
    """
    if head_is_next:
        return any(a.gender == head.gender for a in adj)
    adj_features = {a.features for a in adj}
    if adj_features & {a.features for a in following}:
        return False
    return bool(adj_features & head_features)


def _phrase(phrase: str, kind: str, known: frozenset[str]) -> str:
    if kind == "org":
        phrase = _BRACKETED.sub("", phrase)
    tokens = _tokens(" ".join(phrase.split()))
    words = _word_positions(tokens)
    if not words:
        return "".join(tokens)
    head_pos = words[-1]
    # a lowercase head of a place name is a common noun (Lubānas ezerā): rank it as one
    head_kind = "org" if kind == "place" and tokens[head_pos].islower() else kind
    head = _best_noun(tokens[head_pos], head_kind, known)
    if head is None:
        return "".join(tokens)
    number = "sg" if kind == "org" else head.number
    head_features = {a.features for a in _nouns(tokens[head_pos], head_kind) if a.lemma == head.lemma}
    tokens[head_pos] = head.lemma_sg if number == "sg" else head.lemma
    for k, pos in enumerate(words[:-1]):
        word = tokens[pos]
        if kind == "org" and k > 0 and word.lower() in LIST_GENITIVES and tokens[words[k - 1]][0].isupper():
            tokens[pos] = LIST_GENITIVES[word.lower()]
            continue
        adj = [a for a in analyses(word) if a.pos == "adj"]
        if not adj or word.lower() in known:
            continue
        next_pos = words[k + 1]
        following = [a for a in analyses(tokens[next_pos]) if a.pos == "noun"]
        if _agrees_with_head(adj, following, next_pos == head_pos, head, head_features):
            tokens[pos] = _with_ending(adj[0].base, ADJECTIVES[head.gender][(number, "nom")], word)
    return "".join(tokens)


def to_nominative(phrase: str, kind: str, lemma_hint: Iterable[str] | str | None = None) -> str:
    """Put an inflected name phrase into the nominative.

    kind "person": every word agrees ("Ilmāra Matveja" -> "Ilmārs Matvejs"; initials become
    "I. "); "place"/"org": the last word is the head, definite adjectives agreeing with it
    follow it into the nominative and genitive modifiers stay ("Jelgavas reģionālajā tūrisma
    informācijas centrā" -> "Jelgavas reģionālais tūrisma informācijas centrs"). Organisations
    are made singular and lose bracketed asides; places keep their number (Rokišķos ->
    Rokišķi) and an alias in the gazetteer becomes its name ("Vidus-Baltijas reģionā" ->
    "Vidusbaltija"). `lemma_hint` names nominatives to prefer where a form is ambiguous.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    hint = (lemma_hint,) if isinstance(lemma_hint, str) else tuple(lemma_hint or ())
    return _to_nominative(phrase, kind, hint)


@functools.lru_cache(maxsize=65536)
def _to_nominative(phrase: str, kind: str, lemma_hint: tuple[str, ...]) -> str:
    """to_nominative, cached: the same names recur across thousands of articles."""
    phrase = _nfc(phrase)
    known = _known(kind, lemma_hint or None)
    if kind == "person":
        return _person(phrase, known)
    result = _phrase(phrase, kind, known)
    if kind == "place":  # an alias gives the gazetteer's norm: Vidusbaltijas reģions -> Vidusbaltija
        return _place_names().get(result.lower(), result)
    return result


def genitive_place(word: str) -> str:
    """The nominative of a place named in the genitive before its kind ("Silenieku ciemā" ->
    Silenieki, "Mazcenas ciemā" -> Mazcena); a plural in -u is read as masculine, as most
    village names are."""
    readings = [a for a in _nouns(word, "place") if a.case == "gen"]
    if not readings:
        return word
    known = _known_for("place")
    best = min(readings, key=lambda a: (a.number == "pl" and a.gender != "m", _rank(a, "place", known)))
    return best.lemma


def paradigm_of(nominative: str, decl: str | None = None) -> tuple[str, str, str] | None:
    """(declension, number, stem) of a single-word nominative, or None if indeclinable.

    The ending decides, except that -is is the plural of the sixth declension (Cēsis) and -s
    the sixth singular (Daugavpils) only when `decl` says "6" or the word ends in -pils.
    """
    low = _nfc(nominative).lower()
    if decl == "0" or low.endswith(("ai", "ei", "oi", "ui")):  # Lithuanian plurals: Salantai
        return None
    sixth = decl == "6" or low.endswith("pils")
    for ending, decl_name, number in (
        ("is", "6" if sixth else "2", "pl" if sixth else "sg"),
        ("us", "3", "sg"), ("as", "4", "pl"), ("es", "5", "pl"), ("š", "1š", "sg"),
        ("s", "6" if sixth else "1", "sg"), ("i", "1", "pl"), ("a", "4", "sg"), ("e", "5", "sg"),
    ):
        if low.endswith(ending) and len(low) > len(ending) + 1:
            return decl_name, number, nominative[: len(nominative) - len(ending)]
    return None


def forms(nominative: str, decl: str | None = None) -> set[str]:
    """The case forms of a single-word toponym in its own number (Auce -> Auces, Aucei, ...).

    Where a stem alternates both variants are given (Cēsis: Cēsu as written, not only Cēšu),
    since place names often keep their consonant. `decl` "0" marks an indeclinable name
    (Salantai, Tartu), "6" a sixth-declension one.
    """
    nominative = _nfc(nominative)
    found = paradigm_of(nominative, decl)
    if found is None:
        return {nominative}
    decl_name, number, stem = found
    table = NOUNS[decl_name][1]
    result = {nominative}
    for case in CASES:
        ending = table[(number, case)]
        stems = {stem}
        if (number, case) in ALTERNATING.get(decl_name, ()):
            stems.add(alternate(stem))
        result.update(_with_ending(s, ending, nominative) for s in stems)
    return result
