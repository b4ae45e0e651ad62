"""PERSON, PLACE and ORG mentions: the trained model, the place gazetteer and a few rules.

The model finds names in any form; the gazetteer knows Latvian and Lithuanian places in
every case, including those inside organisation names ("Auces novada pašvaldība" -> Auce).
Where they disagree on a span, the gazetteer's place wins over a model PLACE/PERSON guess
only for names it lists as unambiguous; ``method`` records which source spoke. Every name
is put into the nominative word by word ("Ilmāra Matveja" -> "Ilmārs Matvejs").
"""
from __future__ import annotations

import regex as re

from ..lexicon import CAPITAL_NEXT, ORG_HEAD_STEMS
from .dates import month_number
from .extract import DocContext, extractor
from .gazetteer import default_gazetteer
from .inflect import LIST_GENITIVES, analyses, genitive_place, is_first_name, is_locative, to_nominative

# "<Place in genitive> [words] <head>": Auces novada pašvaldība, Kretingas dienas aktivitāšu
# centrs, Jelgavas reģionālajā tūrisma informācijas centrā; every head gives one (nested) name.
# The stem takes a case ending only: "skolēni", "skolotāji", "dārzeņi", "padomnieks" are
# people and things, not institutions.
HEAD_RX = re.compile(rf"(?:{ORG_HEAD_STEMS})(?:[aeiuāēīū]|[aeiuāēīo]?s|[aeiā]m|iem|ai|ei|um|š)?$", re.I)
# A unit word that heads a name only inside a body's name and after a capital: "pašvaldības
# Attīstības un projektu daļa" is a unit, while "Kurzemes daļā" is a part of the region and
# "pašvaldības finansējuma daļa" a share.
UNIT_HEAD_RX = re.compile(r"daļ(?:a|as|ai|u|ā)$", re.I)
# A country's mission abroad, named by the country and this word alone: "Igaunijas vēstniecība".
MISSION_RX = re.compile(r"(?:vēstniecīb|konsulāt)\p{L}*$", re.I)
# A signature's line that is a unit's name alone, in the nominative, maybe after its body's
# acronym: "Attīstības departaments", "GND Attīstības un īpašumu nodaļa,". The words before the
# unit word are genitives ("-s", "-u") and "un"; a verb ("vadīja mūsu nodaļa") makes a sentence.
UNIT_LINE = re.compile(r"(?m)^[ \t\u00a0]*(?P<name>(?:\p{Lu}{2,5}[ \t\u00a0]+)?\p{Lu}\p{Ll}*[su]"
                       r"(?:[ \t\u00a0]+(?:\p{Ll}+[su]|un)){0,4}[ \t\u00a0]+(?:nodaļa|departaments|daļa|sektors))"
                       r"[ \t\u00a0]*[,.]?[ \t\u00a0]*$")
NEXT_WORD = re.compile(r"\G[ \t\u00a0]+(\([^()\n]{1,30}\)|\p{L}+(?:[.-]\p{L}+)*)")
# The number of a school or the like right after its place: "Preiļu 1. pamatskola".
ORDINAL = re.compile(r"\G[ \t\u00a0]+([1-9]\d?\.)(?=[ \t\u00a0]*\p{Ll})")
MAX_ORG_WORDS = 7
NEXT_LINE_WORD = re.compile(r"\G[ \t\u00a0]*\n[ \t\u00a0]*(\p{Lu}\p{L}+)")
# What stands between the places of a list: "Ludzas (Latvija), Rokišķu (Lietuva) un Jēkabpils".
LIST_SEP = re.compile(r"\G(?:[ \t\u00a0]*\([^()\n]{1,30}\))?(?:,[ \t\u00a0]*|[ \t\u00a0]+(?:un|vai)[ \t\u00a0]+)")
# Lowercase words inside a name are genitives or adjectives ("novada", "pārvaldes", "reģionālā",
# "sociālo pakalpojumu"); a verb, adverb or preposition ("ir", "noslēgusi", "atbilstoši") ends it.
# A consonant before a final -s or -š makes a masculine nominative, a person's role more often
# than a part of a name ("domes padomnieks", "pašvaldības vadītājs"), except in valsts and pils;
# a definite adjective agrees with a dative head ("reģionālajai slimnīcai").
# A past-tense verb ("paredzēja", "brīdināja"; not the agent noun "vadītāja") or a particle
# ends it too.
INNER_WORD = re.compile(r"(?!\p{L}*(?:ēja|oja|uja|īja|[^t]āja)$|(?:to|no|arī|ka|ja|tika|bija)$)"
                        r"(?:\p{L}*(?:[aeiuāēīū]s|a|u|ā|o|ū|ī|aj(?:ai|am|ām|iem))|valsts|pils)")
GLUED = re.compile(r"\p{Ll}\p{Lu}")
LOCATIVE_END = re.compile(r"(?:ā|ē|ī|os|ās|ēs|īs|ūs)$")
PLACE_IN_LOCATIVE = re.compile(r"(?:novad|pagast|pilsēt|rajon|apriņķ|ciem|reģion)(?:ā|ī|os|ās)$", re.I)
# A quoted proper name right after an institution word: centrs “Baltā māja”, slimnīcu “Ģintermuiža”.
# Quotes are found first and the word before each checked: an alternation of heads tried at
# every offset of the text cost 8x more.
QUOTED = re.compile(r"[“„\"«](?P<name>[^”“\"«»\n]{2,60})[”“\"»](?!\p{L})")
# a quoted name that names an institution by its own head word: "… Sociālais dienests"
NAMED_BODY = re.compile(rf"(?<!\p{{L}})(?:{ORG_HEAD_STEMS})\p{{L}}*\s*$", re.I)
# "iestāde" (institution) names a kind, never part of a name: "pirmsskolas izglītības iestāde"
GENERIC_HEAD = re.compile(r"iestād|iestāž", re.I)
# an institution word right before a quoted name, nothing between: "centrs “Eglāji”"
TYPE_HEAD_BEFORE = re.compile(rf"(?<!\p{{L}})((?:{ORG_HEAD_STEMS})\p{{L}}*)[ \t\u00a0]+$", re.I)
GLUED = re.compile(r"\p{Ll}\p{Lu}")
SPACES_BEFORE = re.compile(r"[ \t\u00a0]+$")
WORD_BEFORE = re.compile(r"(?<![\p{L}\d.])(\p{L}+)[ \t\u00a0]+$")
INSTITUTION_BEFORE = re.compile(
    rf"(?<!\p{{L}})(?:{ORG_HEAD_STEMS}|uzņēmum|muzej|māj|filiāl|praks)\p{{L}}*,?[ \t\u00a0]+(?:[–:-][ \t\u00a0]*)?$", re.I)
# "Ilmārs Matvejs", "Ilzei Lujānei": a known first name (any case) and a capitalised surname.
FIRST_LAST = re.compile(r"(?<![\p{L}.])(?P<first>\p{Lu}\p{Ll}+)\s+(?P<last>\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)(?!\p{L}|\.\p{L})")
FIRST_NAME_BEFORE = re.compile(r"(?<![\p{L}.])(\p{Lu}\p{Ll}+)[ \t\u00a0]+$")
# A village the gazetteer does not list, named in the genitive before "ciems" ("Silenieku
# ciemā"); not at a sentence start, where any word is capitalised ("Mūsu ciemā", "Katra ciema").
VILLAGE = re.compile(r"(?<![\p{L}.])\p{Lu}\p{Ll}+(?=[ \t\u00a0]+(?:ciem|ciemat|sādž)\p{Ll}{0,3}(?!\p{L}))")
# Bodies and funds that EU-funding releases name bare, in any case; the longer name first, so
# "Eiropas Lauksaimniecības fonds lauku attīstībai" is not cut after "fonds".
KNOWN_ORGS = {
    r"ERAF|ERDF": "ERAF", r"ESF\+?": "ESF", r"ELFLA": "ELFLA", r"EJZF": "EJZF", r"EZF": "EZF",
    r"ENPI": "ENPI", r"EKPI": "EKPI", r"CFLA": "CFLA", r"LIAA": "LIAA", r"VARAM": "VARAM", r"LAD": "LAD",
    r"VRAA": "VRAA", r"LVAF": "LVAF", r"VKKF": "VKKF", r"NVA": "NVA", r"VIAA": "VIAA",
    r"IUB": "IUB", r"VID": "VID", r"VVD": "VVD", r"VMD": "VMD", r"VZD": "VZD", r"DAP": "DAP",
    r"NKMP": "NKMP",
    r"Eiropas Savienīb\p{L}*": "Eiropas Savienība", r"Eiropas Komisij\p{L}*": "Eiropas Komisija",
    r"(?i:Eiropas reģionāl\p{L}* attīstības fond\p{L}*)": "Eiropas Reģionālās attīstības fonds",
    r"(?i:Eiropas sociāl\p{L}* fond\p{L}*)": "Eiropas Sociālais fonds",
    r"(?i:Kohēzijas fond\p{L}*)": "Kohēzijas fonds",
    r"(?i:Eiropas lauksaimniecības fond\p{L}* lauku attīstībai)": "Eiropas Lauksaimniecības fonds lauku attīstībai",
    r"(?i:Eiropas lauksaimniecības garantiju fond\p{L}*)": "Eiropas Lauksaimniecības garantiju fonds",
    r"(?i:Eiropas jūrlietu un zivsaimniecības fond\p{L}*)": "Eiropas Jūrlietu un zivsaimniecības fonds",
    r"(?i:Eiropas zivsaimniecības fond\p{L}*)": "Eiropas Zivsaimniecības fonds",
    r"(?i:Eiropas kaimiņattiecību un partnerības instrument\p{L}*)":
        "Eiropas kaimiņattiecību un partnerības instruments",
    r"(?i:Eiropas kaimiņattiecību instrument\p{L}*)": "Eiropas kaimiņattiecību instruments",
    r"(?i:Centrāl\p{L}* finanšu un līgumu aģentūr\p{L}*)": "Centrālā finanšu un līgumu aģentūra",
    r"(?i:Valsts reģionālās attīstības aģentūr\p{L}*)": "Valsts reģionālās attīstības aģentūra",
    r"(?i:Latvijas vides aizsardzības fond\p{L}*)": "Latvijas vides aizsardzības fonds",
    r"(?i:Vides investīciju fond\p{L}*)": "Vides investīciju fonds",
    r"(?i:Valsts kultūrkapitāla fond\p{L}*)": "Valsts kultūrkapitāla fonds",
    r"(?i:Valsts kas(?:e|es|ei|i|ē))": "Valsts kase",
    r"Lauku atbalsta dienest\p{L}*": "Lauku atbalsta dienests",
    # state bodies that projects deal with, often named first in a sentence
    r"(?i:Nodarbinātības valsts aģentūr\p{L}*)": "Nodarbinātības valsts aģentūra",
    r"(?i:Valsts izglītības attīstības aģentūr\p{L}*)": "Valsts izglītības attīstības aģentūra",
    r"(?i:Iepirkumu uzraudzības biroj\p{L}*)": "Iepirkumu uzraudzības birojs",
    r"(?i:Valsts ieņēmumu dienest\p{L}*)": "Valsts ieņēmumu dienests",
    r"(?i:Vides valsts dienest\p{L}*)": "Vides valsts dienests",
    r"(?i:Valsts meža dienest\p{L}*)": "Valsts meža dienests",
    r"(?i:Valsts zemes dienest\p{L}*)": "Valsts zemes dienests",
    r"(?i:Dabas aizsardzības pārvald\p{L}*)": "Dabas aizsardzības pārvalde",
    r"(?i:Nacionāl\p{L}* kultūras mantojuma pārvald\p{L}*)": "Nacionālā kultūras mantojuma pārvalde",
    r"(?i:Valsts kultūras pieminekļu aizsardzības inspekcij\p{L}*)":
        "Valsts kultūras pieminekļu aizsardzības inspekcija",
}
# one word-start test for all names: the alternatives are tried at word starts only
KNOWN_RX = re.compile("(?<!\\p{L})(?:" + "|".join(f"(?P<k{i}>{rx})" for i, rx in enumerate(KNOWN_ORGS)) + ")(?!\\p{L})")
# A legal form before a name in capitals without quotes: SIA Latvijas Būvuzraugs, AS Latvenergo.
# Only where punctuation closes the name: in "SIA Talsu ceļi" a lowercase word may still belong.
LEGAL_FORM_BARE = re.compile(
    r"(?<![\p{L}/])(?:SIA|AS|VAS|IK)(?:[ \t\u00a0]+\p{Lu}[\p{L}-]+){1,3}(?=[ \t\u00a0]*(?:[,.;:!?)\n]|$))")
# An initial and a surname in the genitive before a name: "P. Barisona" Mūzikas skola.
NAMED_AFTER = re.compile(r"(?<![\p{L}.])\p{Lu}\.[ \t\u00a0]?\p{Lu}\p{Ll}+a[ \t\u00a0]+$")
# A legal form before a quoted name is part of the name: SIA „Talsu ūdens” -> SIA Talsu ūdens,
# biedrībai “Zaļā josta” -> biedrība Zaļā josta; one quoted name may sit inside the quotes
# (Biedrība „Radošais centrs „Avots” ”); a euroregion is named so too (Eiroreģions „Ezeru zeme”);
# some sites type two apostrophes (‘’Avots’’) or one ('Avots', ‘Avots’).
LEGAL_FORM_QUOTED = re.compile(
    r"(?<![\p{L}/])(?P<form>SIA|AS|VAS|A/S|IK|ZS|[Zz]/[Ss]|KS|PS|[Pp]/[Aa]|(?i:biedrīb|nodibinājum|pilnsabiedrīb)\p{L}*"
    r"|(?i:zemnieku saimniecīb|eiroreģion)\p{L}*)[ \t\u00a0]*(?:[“„\"«]|[‘’]{2}|['‘])(?P<name>[^”“\"«»‘’'\n]{1,60}?"
    r"(?:[ \t\u00a0][“„\"«][^”“\"«»\n]{1,30}[”“\"»])?)[ \t\u00a0]*(?:[”“\"»]|’’|['’])(?!\p{L})")
# "Eiroreģions" is the first word of a euroregion's own name and keeps its case as written.
EUROREGION = re.compile(r"eiroreģion", re.I)
NER_LABELS = {"person": "PERSON", "GPE": "PLACE", "location": "PLACE", "organization": "ORG"}
KIND = {"PERSON": "person", "PLACE": "place", "ORG": "org"}
# "I.Laizāne", "S. Matačina": an initial glued to a surname (not "A.Raudonikia Mākslas skola").
INITIAL_NAME = re.compile(r"(?<![\p{L}.])\p{Lu}\.\s?\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?(?!\p{L}|\.\p{L})(?!\s+\p{Lu}\p{Ll})")


@extractor("entities", requires=("PROJECT_CODE", "PROJECT_NAME", "PROGRAMME", "MONEY", "DATE"),
           assigns=("ORG", "PLACE", "PERSON"))
def extract_entities(ctx: DocContext) -> None:
    spans = {span: v[:4] for span, v in rule_spans(ctx.text, ctx.lemmas).items()}
    if ctx.nlp_doc:
        _model_entities(ctx, spans)
    for (s, e), (label, norm, method, score) in sorted(spans.items()):
        ctx.add(s, e, label, norm, method, score)


def rule_spans(text: str, lemmas=lambda start, end: []) -> dict[tuple[int, int], tuple]:
    """Names found by rules and the gazetteer: (start, end) -> (label, norm, method, score, type).

    ``type`` is the gazetteer's place type ("city", "region", ...) for places, else "".
    ``lemmas(start, end)`` may give the model's lemmas of a span as hints for the nominative.
    Used by the `entities` extractor and by the `lvpress_names` spaCy component.
    """

    spans: dict[tuple[int, int], tuple] = {}
    for m in INITIAL_NAME.finditer(text):
        spans[m.span()] = ("PERSON", to_nominative(m.group(), "person"), "rule:initial_name", 0.85, "")
    for m in FIRST_LAST.finditer(text, overlapped=True):
        if is_locative(m.group("first")) or is_locative(m.group("last")):
            continue  # no one is named in the locative: "Maijā Rīgā", "Jānis Valmierā" are times and places
        if is_first_name(m.group("first")) and not is_first_name(m.group("last")):
            key = (_first_names_start(text, m.start()), m.end())  # "Anna Marija Liepa"
            if key not in spans:
                spans[key] = ("PERSON", to_nominative(text[slice(*key)], "person", lemma_hint=lemmas(*key)),
                              "rule:first_name", 0.8, "")
    known = _known_orgs(text)
    # "Eiropas" in "Eiropas Reģionālās attīstības fonds" names the Union, not the continent
    hits = [h for h in default_gazetteer().find(text)
            if not (h.norm == "Eiropa" and any(s <= h.start < e for s, e in known))]
    spans.update((key, value) for key, value in known.items() if key not in spans)
    _org_rules(text, spans, hits, lemmas)
    inside_org = _inside_any([span for span, (label, *_rest) in spans.items() if label == "ORG"])
    for hit in hits:
        key = (hit.start, hit.end)
        if key not in spans:  # so no ORG has this very span: any ORG around it is a larger one
            method = "gazetteer:places_in_org" if inside_org(*key) else "gazetteer:places"
            spans[key] = ("PLACE", hit.norm, method, 0.9, hit.type)
    _villages(text, spans)
    return spans


def _villages(text: str, spans: dict) -> None:
    """Villages named before "ciems" that no other rule or the gazetteer found."""

    for m in VILLAGE.finditer(text):
        at_start = LINE_START.search(text, max(0, m.start() - 4), m.start()) is not None
        if not at_start and not any(s < m.end() and m.start() < e for s, e in spans):
            norm = genitive_place(m.group())
            if norm != m.group():  # a word with no genitive reading names no village
                spans[m.span()] = ("PLACE", norm, "rule:village", 0.8, "village")


def _first_names_start(text: str, start: int) -> int:
    """Where the first names before a surname start: a second first name before the one
    found goes with it ("Vents Armands Krauklis")."""

    before = FIRST_NAME_BEFORE.search(text, max(0, start - 30), start)
    return before.start() if before and is_first_name(before.group(1)) else start


def _model_entities(ctx: DocContext, spans: dict) -> None:
    """Add the model's names where no rule or gazetteer entry spoke, if they look like names.

    Rules and the gazetteer are precise; the model finds what they cannot list. On a span
    where both agree the method says so; where they overlap otherwise, the rules win.
    """

    text = ctx.text
    blocked = [(m.start, m.end) for m in ctx.mentions  # "EUR" of an amount is no organisation
               if m.label in ("PROJECT_NAME", "PROGRAMME", "MONEY", "DATE", "PROJECT_CODE")]
    ruled = list(spans)
    for ann in ctx.nlp_doc:
        for ent in ann.doc.ents:
            label = NER_LABELS.get(ent.label_)
            if label is None:
                continue
            s, e = ann.sentence.start + ent.start_char, ann.sentence.start + ent.end_char
            if (s, e) in spans:
                if spans[(s, e)][0] == label:
                    old = spans[(s, e)]
                    spans[(s, e)] = (label, old[1], f"{old[2]}+ner:lv_lvpress", min(1.0, old[3] + 0.05))
                continue
            if any(a < e and s < b for a, b in ruled + blocked):
                continue
            if not looks_like_name(text[s:e], label) or not _model_span_fits(text, s, e, label):
                continue
            norm = to_nominative(text[s:e], KIND[label], lemma_hint=[t.lemma_ for t in ent if t.is_alpha])
            spans[(s, e)] = (label, norm, "ner:lv_lvpress", 0.7)


DIGIT = re.compile(r"\d")
ACRONYM = re.compile(r"\p{Lu}{3,}")
NAME_WORD = re.compile(r"\p{Lu}[\p{Ll}\p{M}]+(?:-\p{Lu}[\p{Ll}\p{M}]+)?")
QUOTE_CHARS = "„“”\"«»"


def looks_like_name(surface: str, label: str) -> bool:
    """A sanity check on a model span: capitalised words, no digits, no cut-off quotes; an
    organisation ends in an institution word, is an acronym or has two capitalised words
    ("Jaunatnes lietu" in "Jaunatnes lietu speciāliste" is half a job title)."""

    words = surface.split()
    if not words or DIGIT.search(surface) or sum(surface.count(q) for q in QUOTE_CHARS) % 2:
        return False
    if label == "PERSON":
        return len(words) >= 2 and all(NAME_WORD.fullmatch(w.rstrip(",")) for w in words)
    if label == "PLACE":
        return all(NAME_WORD.fullmatch(w) for w in words) and month_number(words[0]) is None
    capitalised = sum(1 for w in words if w[:1].isupper())
    return (bool(HEAD_RX.match(words[-1].strip(QUOTE_CHARS))) or ACRONYM.fullmatch(surface) is not None
            or capitalised >= 2 or surface[:1] in QUOTE_CHARS)


# Programme approaches and financial instruments, named like bodies but not organisations.
NOT_ORGS = {"LEADER", "EEZ", "KPFI", "EKII", "INTERREG", "Interreg"}
DIACRITIC = re.compile(r"[ĀČĒĢĪĶĻŅŠŪŽ]")
# Heads that name one body even after a capital only a sentence start gives ("Vides
# ministrija", "Valsts ieņēmumu dienests"), unlike "Dienas aprūpes centrs" or "Vadības komiteja".
PROPER_HEAD = re.compile(r"(?:ministrij|aģentūr|dienest|inspekcij|universitāt|augstskol|fond)\p{L}*$", re.I)
LINE_START = re.compile(r"(?:^|[\n.!?:•“„\"«]\s*|\s[-–]\s*)$")
NEXT_WORD_ANY = re.compile(r"\s+(\p{L}+)")


def _model_span_fits(text: str, s: int, e: int, label: str) -> bool:
    """What the model tags but the rules know better: a quoted organisation (the rules take
    quoted names after an institution word or legal form; others are titles: „Rītos”), "ES
    fondi", letter codes ("LV EN"), a phrase capitalised only because a sentence or line starts
    with it ("Dienas aprūpes centra", "Trīs", "Pludmalē"), a place that names a street."""
    surface = text[s:e]
    words = surface.split()
    at_start = LINE_START.search(text, max(0, s - 4), s) is not None
    if label == "ORG":
        if surface[:1] in QUOTE_CHARS or words[0] == "ES" or all(len(w) <= 2 for w in words):
            return False
        if surface in NOT_ORGS or (surface.isupper() and (len(words) > 1 or DIACRITIC.search(surface))):
            return False  # "ŠEIT", "INVENTĀRA IEGĀDE": a heading in capitals
        generic = at_start and not any(w[:1].isupper() for w in words[1:]) and not ACRONYM.fullmatch(surface)
        return not generic or bool(PROPER_HEAD.match(words[-1]))
    if label == "PLACE":
        return not (at_start and len(words) == 1) and not _street_after(text, e)
    return True


def _street_after(text: str, end: int) -> bool:

    m = NEXT_WORD_ANY.match(text, end)
    return m is not None and default_gazetteer().is_street_noun(m.group(1))


def _known_orgs(text: str) -> dict[tuple[int, int], tuple]:
    """EU and national bodies and funds from KNOWN_ORGS, wherever the text names them."""
    norms = list(KNOWN_ORGS.values())
    return {m.span(): ("ORG", norms[int(m.lastgroup[1:])], "rule:org_known", 0.7, "")
            for m in KNOWN_RX.finditer(text)}


def _inside_any(spans: list[tuple[int, int]]):
    """A test whether (start, end) lies within one of ``spans``, in log time: a long text
    holds tens of thousands of places and organisations."""
    import bisect
    from itertools import accumulate

    spans = sorted(spans)
    starts = [s for s, _ in spans]
    furthest = list(accumulate((e for _, e in spans), max))  # the largest end among the first i spans

    def inside(start: int, end: int) -> bool:
        i = bisect.bisect_right(starts, start)
        return i > 0 and furthest[i - 1] >= end

    return inside


def _org_rules(text: str, spans: dict, hits, lemmas) -> None:
    """Organisations by pattern: a legal form before a name, a place and an institution word,
    an institution word before a quoted name. Nested names are all kept ("Auces novada
    pašvaldība" and "Auces novada pašvaldības Attīstības nodaļa")."""
    for m in LEGAL_FORM_QUOTED.finditer(text):
        spans.setdefault(m.span(), ("ORG", _legal_form_name(m), "rule:org_legal_form", 0.75, ""))
    for m in LEGAL_FORM_BARE.finditer(text):
        spans.setdefault(m.span(), ("ORG", " ".join(m.group().split()), "rule:org_legal_form", 0.75, ""))
    legal = [span for span, value in spans.items() if value[2] == "rule:org_legal_form"]
    for span in [span for span, value in spans.items() if value[0] == "PERSON"]:
        if any(s <= span[0] and span[1] <= e for s, e in legal):
            del spans[span]  # IK “Kalniņš un Partneri”: a person's name inside a company's
    placed = _place_led_names(text, hits, lemmas, legal)
    _join_parents(text, spans, placed)
    _units_of_known(text, spans, placed, {h.start for h in hits})
    for (s, e), value in placed.items():
        # a mention lies in one line: a unit on the line after its parent is named in full
        spans.setdefault((_line_start(text, s, e), e), value)
    _typed_quoted_names(text, spans, legal, lemmas)
    _quoted_after_institution(text, spans, {h.end for h in hits if h.type == "country" and h.text.endswith("s")})
    for m in UNIT_LINE.finditer(text):
        spans.setdefault(m.span("name"), ("ORG", " ".join(m.group("name").split()), "rule:org_unit_line", 0.7, ""))


# what follows a whole name when another body comes after it: "… pašvaldība un biedrība"
COORDINATED = re.compile(r"\s+(?:un|vai)\s")


def _place_led_names(text: str, hits, lemmas, legal: list[tuple[int, int]]) -> dict:
    """Names that start with a place and end with an institution word, less those that are
    part of a bigger name or name a kind of institution."""

    placed, whole_lists, listed = {}, [], set()
    starts = {h.start: h for h in hits}
    in_lists = {m.end() for h in hits if (m := LIST_SEP.match(text, h.end)) and m.end() in starts}
    for hit in hits:
        for end, phrase, kind in _org_names_after(text, hit, starts):
            norm = to_nominative(phrase, "org", lemma_hint=lemmas(hit.start, end))
            placed.setdefault((hit.start, end), ("ORG", norm, "rule:org_after_place", 0.7, ""))
            if kind:
                listed.add((hit.start, end))
            if kind == "whole":
                whole_lists.append((hit.start, end))
    for s, e in list(placed):
        # "Vietalvas un Odzienas biedrība" is one name, not also "Odzienas biedrība"; a place-led
        # name inside a quoted one (biedrība „Rīgas jauniešu klubs”) is only part of it
        if any(ls < s and le == e for ls, le in whole_lists) or any(ls < s and e <= le for ls, le in legal):
            del placed[(s, e)]
        elif any(ps == s and pe < e and COORDINATED.match(text, pe) for ps, pe in placed):
            del placed[(s, e)]  # "Jēkabpils novada pašvaldība un biedrība …": two bodies, not one
        elif GENERIC_HEAD.match(text[s:e].split()[-1]):
            del placed[(s, e)]  # "Iecavas pašvaldības iestāde": a kind of body, its name follows
        elif (s, e) not in listed and s not in in_lists and not _singular_head(text[s:e]):
            del placed[(s, e)]  # "Aizkraukles pirmsskolas izglītības iestāžu": a kind, not a body
        elif ((s, e) not in listed and s not in in_lists and _unit_follows(text, s, e, placed)
              and not _genitive_singular(text[s:e])):
            del placed[(s, e)]  # "Latvijas Pašvaldību savienība": only a body's genitive heads a unit
        elif person := NAMED_AFTER.search(text, max(0, s - 40), s):
            # "P. Barisona Aizkraukles Mūzikas skola": named after a person, the name starts there
            label, norm, *rest = placed.pop((s, e))
            placed[(person.start(), e)] = (label, person.group() + norm, *rest)
    return placed


def _typed_quoted_names(text: str, spans: dict, legal: list[tuple[int, int]], lemmas) -> None:
    """An institution's description and its quoted name are one name: "dienas aprūpes centrs
    “Eglāji”", "sporta kluba „Vārpa”", "Limbažu rajona mednieku kolektīva „Ainaži”" (GUIDE:
    the whole name as the article gives it). The description is the institution word with the
    genitives and adjectives right before it, or a place-led name ending there; the names
    inside the whole are no names of their own. A bare institution word ("centru “Junda”")
    is no part of the name."""
    for m in QUOTED.finditer(text):
        head = TYPE_HEAD_BEFORE.search(text, max(0, m.start() - 60), m.start())
        if (head is None or any(s <= m.start() < e for s, e in legal) or NAMED_BODY.search(m.group("name"))
                or GENERIC_HEAD.match(head.group(1))):
            # "pašvaldības iestāde „Iecavas novada Sociālais dienests”", "pirmsskolas izglītības
            # iestāde „Pasaciņa”": a generic phrase (GUIDE) before the name
            continue
        # a place-led name ending at the head word is the description ("Limbažu rajona mednieku kolektīva")
        placed = [s for (s, e), (label, _n, method, *_r) in spans.items()
                  if label == "ORG" and method == "rule:org_after_place" and e == head.end(1)]
        start = min(placed) if placed else _description_start(text, head.start(), lemmas)
        if start == head.start(1):
            continue  # "centru “Junda”": a bare institution word, the name is the quoted one
        phrase = " ".join(text[start:head.end(1)].split())
        name = " ".join(m.group("name").split())
        for span in [span for span, (label, *_r) in spans.items()
                     if label == "ORG" and start <= span[0] and span[1] <= m.end() and span != (start, m.end())]:
            del spans[span]
        spans[(start, m.end())] = ("ORG", f"{to_nominative(phrase, 'org')} {_quoted_nominative(name)}",
                                   "rule:org_typed_quoted", 0.75, "")


def _description_start(text: str, head_start: int, lemmas) -> int:
    """Where the words that describe an institution begin: the genitives and adjectives right
    before its head word ("dienas aprūpes" centrs, "Kultūrvēsturiskā mantojuma saglabāšanas"
    centra, "bērnu un jauniešu" centrs), at most four, within the line."""
    start = head_start
    for _ in range(4):
        word = WORD_BEFORE.search(text, max(0, start - 40), start)
        if word is not None and word.group(1) == "un":  # "bērnu un jauniešu": both genitives or neither
            word = WORD_BEFORE.search(text, max(0, word.start(1) - 40), word.start(1))
            if word is not None and not any(a.case == "gen" and a.pos == "noun" for a in analyses(word.group(1))):
                break
        if word is None or not _describes(word, lemmas):
            break
        start = word.start(1)
    return start


def _describes(word, lemmas) -> bool:
    """A genitive or an adjective that can stand before an institution's head word. A verb does
    not ("saņēma dienas centrs": its lemma is an infinitive), nor a word in its base form
    ("papildinājums") or two words glued by a lost line break ("iestādeBauskas"); without a
    model's lemmas only a word that can be nothing but a genitive or an adjective does."""
    readings = analyses(word.group(1))
    if not any(a.case == "gen" or a.pos == "adj" for a in readings) or GLUED.search(word.group(1)):
        return False
    lemma = lemmas(word.start(1), word.end(1))
    if not lemma:
        return all(a.case == "gen" or a.pos == "adj" for a in readings)
    base_form = lemma[0].lower() == word.group(1).lower() and any(a.case == "nom" and a.number == "sg"
                                                                  for a in readings)
    return not base_form and not lemma[0].lower().endswith(("t", "ties"))


def _quoted_after_institution(text: str, spans: dict, country_ends: set[int]) -> None:
    """A quoted name after an institution word, or listed after one ("iestādes – “Pīlādzītis”
    un “Bitīte”"), or right after a country in the genitive, as a foreign partner is written
    in its own language ("Lietuvas “Zarasų kultūros centras”"), unless it lies inside a name
    already found. ``country_ends``: where countries in the genitive end."""
    listed_end = -1
    for m in QUOTED.finditer(text):
        after_institution = INSTITUTION_BEFORE.search(text, max(0, m.start() - 80), m.start())
        foreign = _word_end_before(text, m.start()) in country_ends
        in_list = LIST_SEP.fullmatch(text, listed_end, m.start()) is not None
        if (after_institution or foreign or in_list) and not _inside(m.span(), spans):
            name = m.group("name").strip()  # a foreign name is not Latvian, its words not inflected
            spans.setdefault(m.span("name"), ("ORG", name if foreign else _quoted_nominative(name),
                                              "rule:org_quoted", 0.7, ""))
            listed_end = m.end()


def _join_parents(text: str, spans: dict, placed: dict) -> None:
    """A known body in the genitive before a unit is part of the unit's name, kept as written
    ("LAD Zemgales reģionālā lauksaimniecības pārvalde"); the unit alone is no name then."""
    for (s, e), (label, norm, *_rest) in list(placed.items()):
        parent = next(((ks, ke) for (ks, ke), v in spans.items()
                       if v[2] == "rule:org_known" and ke < s and not text[ke:s].strip(" \t\u00a0")), None)
        if parent is not None:
            del placed[(s, e)]
            joined = f"{text[parent[0]:parent[1]]} {norm}"
            placed[(parent[0], e)] = ("ORG", joined, "rule:org_after_place", 0.7, "")


def _units_of_known(text: str, spans: dict, placed: dict, starts: set[int]) -> None:
    """A capitalised unit after a known body in the genitive ("Valsts kases Maksājumu
    departaments", across a signature's line break too), named with its parent as written."""

    for (ks, ke), (_label, _norm, method, *_r) in list(spans.items()):
        if method != "rule:org_known" or not text[ke - 1:ke] == "s":
            continue
        first = NEXT_WORD.match(text, ke) or NEXT_LINE_WORD.match(text, ke)
        if not first or not first.group(1)[:1].isupper() or first.start(1) in starts:
            continue
        for end in _heads_from(text, ke, starts, after_genitive=True):
            unit = to_nominative(" ".join(text[first.start(1):end].split()), "org")
            placed.setdefault((ks, end), ("ORG", f"{text[ks:ke]} {unit}", "rule:org_after_place", 0.7, ""))


def _line_start(text: str, s: int, e: int) -> int:
    """The start of the last line of text[s:e], past its indentation."""
    cut = text.rfind("\n", s, e)
    if cut < 0:
        return s
    return cut + 1 + len(text[cut + 1:e]) - len(text[cut + 1:e].lstrip())


def _word_end_before(text: str, pos: int) -> int:
    """Where the word before the spaces before `pos` ends; -1 when no space precedes `pos`."""
    gap = SPACES_BEFORE.search(text, max(0, pos - 4), pos)
    return gap.start() if gap else -1


def _inside(span: tuple[int, int], spans: dict) -> bool:
    return any(s <= span[0] and span[1] <= e and label == "ORG" for (s, e), (label, *_r) in spans.items())


def _legal_form_name(m) -> str:
    """"biedrībai „Zaļā josta”" -> "biedrība Zaļā josta": the form in the nominative, no quotes."""

    form = m.group("form")
    if not form.isupper() and "/" not in form:
        form = to_nominative(form, "org")
        form = form if EUROREGION.match(form) else form.lower()
    name = " ".join(m.group("name").translate({ord(q): None for q in QUOTE_CHARS}).split()).lstrip(".,-–")
    return f"{form} {_quoted_nominative(name)}"


def _quoted_nominative(name: str) -> str:
    """A quoted name as written, unless the sentence inflected it inside the quotes
    (“Latvijas Folkloras biedrībai” -> Latvijas Folkloras biedrība); "Arhitekti" stays plural."""

    last = name.split()[-1] if name.split() else ""
    readings = [a for a in analyses(last) if a.pos == "noun"]
    if readings and not any(a.case == "nom" for a in readings):
        return to_nominative(name, "org")
    return name


def _list_last(text: str, hit, starts: dict):
    """The last place of a coordinated list that starts with this one ("Kurzemes, Zemgales un
    Vidzemes ..." -> Vidzemes), or None when no list starts here."""
    last = None
    while (m := LIST_SEP.match(text, (last or hit).end)) and m.end() in starts:
        last = starts[m.end()]
    return last


def _org_names_after(text: str, hit, starts: dict) -> list[tuple[int, str, str]]:
    """The organisation names that start with this place: (end offset, phrase to normalise,
    "" or how a list gave it: "shared", "whole"), one per head word. A place that leads a list
    shares the list's first head: "Kurzemes un Vidzemes plānošanas reģioni" name "Kurzemes
    plānošanas reģions" too; under a singular head that no territorial word precedes, the list
    is one name ("Vietalvas un Odzienas biedrība"). ``starts``: the places by where they start."""
    last = _list_last(text, hit, starts)
    if last is None:
        return [(end, text[hit.start:end], "") for end in _org_heads_after(text, hit, starts)]
    if LOCATIVE_END.search(hit.text):
        return []  # "pašvaldībām Latvijā un Rokišķu ...": the list starts after the locative
    ends = _org_heads_after(text, last, starts)
    if not ends:
        return []
    rest = text[last.end:ends[0]]
    if _plural_or_territorial(rest):
        return [(ends[0], hit.text + rest, "shared")]
    return [(ends[0], text[hit.start:ends[0]], "whole")]


def _singular_head(phrase: str) -> bool:
    """Whether the head of a name is singular in the reading the nominative takes: "iestāžu"
    is only the plural of "iestāde", "pašvaldībām" of "pašvaldība"."""

    last = phrase.split()[-1]
    lemma = to_nominative(last, "org")
    readings = [a for a in analyses(last) if a.pos == "noun" and a.lemma_sg == lemma]
    return not readings or any(a.number == "sg" for a in readings)


def _unit_follows(text: str, s: int, e: int, placed: dict) -> bool:
    """Whether a longer name from the same place goes on after this one's head, not after an
    "un" that starts the next name ("pašvaldību un biedrību")."""
    return any(ps == s and pe > e and text[e:pe].split()[0] not in ("un", "vai") for ps, pe in placed)


def _genitive_singular(phrase: str) -> bool:
    """Whether the head of a name inside a longer one can be a singular genitive, as the name
    of a body whose unit follows is ("Auces novada pašvaldības Attīstības nodaļa")."""

    readings = [a for a in analyses(phrase.split()[-1]) if a.pos == "noun"]
    return not readings or any(a.number == "sg" and a.case == "gen" for a in readings)


def _plural_or_territorial(rest: str) -> bool:
    """Whether the words after a list of places can be plural or hold a territorial noun."""

    words = rest.split()
    if any(w.lower() in LIST_GENITIVES or w.lower() in LIST_GENITIVES.values() for w in words):
        return True
    return bool(words) and any(a.number == "pl" for a in analyses(words[-1]) if a.pos == "noun")


def _org_heads_after(text: str, hit, starts) -> list[int]:
    """End offsets of the organisation names that start with this place (``starts``: where
    places start, computed once: a long text holds tens of thousands): one per head word."""
    if LOCATIVE_END.search(hit.text) or GLUED.search(hit.text):
        return []  # "Viesītē labiekārtos ...": a place in the locative starts no name
    return _heads_from(text, hit.end, starts, country=hit.type == "country")


def _heads_from(text: str, pos: int, starts: set[int], country: bool = False,
                after_genitive: bool = False) -> list[int]:
    """End offsets of the head words that may close a name begun before `pos`. A signature's
    line break is crossed after a genitive head ("Bauskas novada pašvaldības" / "Sabiedrisko
    attiecību nodaļa")."""
    ends, prev = [], ""
    for _ in range(MAX_ORG_WORDS):
        genitive_before = (ends and ends[-1] == pos and prev.endswith("s")) or (after_genitive and not prev)
        m = (NEXT_WORD.match(text, pos) or (not prev and ORDINAL.match(text, pos))
             or (genitive_before and NEXT_LINE_WORD.match(text, pos)))
        if not m:
            break
        w = m.group(1)
        if m.start(1) in starts or GLUED.search(w):
            break  # another place starts another name; "iestādeBauskas" is two words glued
        if w == "un" and CAPITAL_NEXT.match(text, m.end()):
            break  # "Auces un Dobeles novada pašvaldība": a list of places, each has its own name
        if country and not prev and not w[:1].isupper() and not MISSION_RX.match(w):
            break  # "Latvijas pašvaldības" is generic; "Latvijas Folkloras biedrība" is a name
        head = ((HEAD_RX.match(w) and (not w.lower().startswith("reģion") or prev.lower() == "plānošanas"))
                or (ends and UNIT_HEAD_RX.match(w) and text[ends[-1]:m.start(1)].strip()[:1].isupper()))
        if not head and w.islower() and w != "un" and not INNER_WORD.fullmatch(w):
            break
        pos = m.end()
        if head:
            ends.append(pos)
        if PLACE_IN_LOCATIVE.match(w) or (head and LOCATIVE_END.search(w)):
            break  # "... centrā" ends the name; "Rokišķu novadā ..." ends it without one
        prev = w
    return ends
