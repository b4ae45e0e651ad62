"""PERSON, PLACE and ORG mentions: the trained model, the place gazetteer and a few rules.

The model finds names in any form; the gazetteer knows Latvian and Lithuanian places in
every case, including those inside organisation names ("Auces novada pašvaldība" -> Auce).
Where they disagree on a span, the gazetteer's place wins over a model PLACE/PERSON guess
only for names it lists as unambiguous; ``method`` records which source spoke. Every name
is put into the nominative word by word ("Ilmāra Matveja" -> "Ilmārs Matvejs").
"""
from __future__ import annotations

import regex as re

from .extract import DocContext, extractor

# Institution heads an organisation name ends with, in any case.
ORG_HEADS = (r"pašvaldīb|dom(?=e|es|ei|i|ēm|ei)|reģion|centr|kas(?=e|es|ei|i)|bank|skol|muzej|bibliotēk|dienest|nodaļ"
             r"|iestād|aģentūr|biedrīb|nodibinājum|fond|universitāt|augstskol|slimnīc|pārvald|ministrij|inspekcij"
             r"|sabiedrīb|padom|komitej|asociācij|savienīb|klub|teātr|nam|ģimnāzij|koledž|dārz")
# "<Place in genitive> [words] <head>": Auces novada pašvaldība, Kretingas dienas aktivitāšu
# centrs, Jelgavas reģionālajā tūrisma informācijas centrā; every head gives one (nested) name.
HEAD_RX = re.compile(rf"(?:{ORG_HEADS})\p{{L}}*$", re.I)
NEXT_WORD = re.compile(r"\G[ \t\u00a0]+(\([^()\n]{1,30}\)|\p{L}+(?:[.-]\p{L}+)*)")
MAX_ORG_WORDS = 7
GLUED = re.compile(r"\p{Ll}\p{Lu}")
CAPITAL_NEXT = re.compile(r"\s+\p{Lu}")
LOCATIVE_END = re.compile(r"(?:ā|ē|ī|os|ās|ēs|īs|ūs)$")
PLACE_IN_LOCATIVE = re.compile(r"(?:novad|pagast|pilsēt|rajon|apriņķ|ciem|reģion)(?:ā|ī|os|ās)$", re.I)
# A quoted proper name right after an institution word: centrs “Baltā māja”, slimnīcu “Ģintermuiža”.
# Quotes are found first and the word before each checked: an alternation of heads tried at
# every offset of the text cost 8x more.
QUOTED = re.compile(r"[“„\"«](?P<name>[^”“\"«»\n]{2,60})[”“\"»]")
INSTITUTION_BEFORE = re.compile(rf"(?:{ORG_HEADS}|SIA|AS|uzņēmum|muzej|māj)\p{{L}}*\s+$", re.I)
# "Ilmārs Matvejs", "Ilzei Lujānei": a known first name (any case) and a capitalised surname.
FIRST_LAST = re.compile(r"(?<![\p{L}.])(?P<first>\p{Lu}\p{Ll}+)\s+(?P<last>\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)(?!\p{L}|\.\p{L})")
KNOWN_ORGS = {  # acronyms and names that press releases use bare
    r"ERAF|ERDF": "ERAF", r"ESF\+?": "ESF", r"Eiropas Savienīb\p{L}*": "Eiropas Savienība",
    r"Eiropas Komisij\p{L}*": "Eiropas Komisija", r"CFLA": "CFLA", r"LIAA": "LIAA", r"VARAM": "VARAM",
    r"Lauku atbalsta dienest\p{L}*": "Lauku atbalsta dienests",
}
KNOWN_RX = re.compile("|".join(f"(?P<k{i}>(?<!\\p{{L}}){rx}(?!\\p{{L}}))" for i, rx in enumerate(KNOWN_ORGS)))

NER_LABELS = {"person": "PERSON", "GPE": "PLACE", "location": "PLACE", "organization": "ORG"}
KIND = {"PERSON": "person", "PLACE": "place", "ORG": "org"}
# "I.Laizāne", "S. Matačina": an initial glued to a surname (not "A.Raudonikia Mākslas skola").
INITIAL_NAME = re.compile(r"(?<![\p{L}.])\p{Lu}\.\s?\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?(?!\p{L}|\.\p{L})(?!\s+\p{Lu}\p{Ll})")


@extractor("entities")
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
    from .gazetteer import default_gazetteer
    from .inflect import is_first_name, to_nominative

    spans: dict[tuple[int, int], tuple] = {}
    for m in INITIAL_NAME.finditer(text):
        spans[m.span()] = ("PERSON", to_nominative(m.group(), "person"), "rule:initial_name", 0.85, "")
    for m in FIRST_LAST.finditer(text, overlapped=True):
        key = m.span()
        if key not in spans and is_first_name(m.group("first")) and not is_first_name(m.group("last")):
            spans[key] = ("PERSON", to_nominative(m.group(), "person", lemma_hint=lemmas(*key)),
                          "rule:first_name", 0.8, "")
    hits = default_gazetteer().find(text)
    _org_rules(text, spans, hits, lemmas)
    inside_org = _inside_any([span for span, (label, *_rest) in spans.items() if label == "ORG"])
    for hit in hits:
        key = (hit.start, hit.end)
        if key not in spans:  # so no ORG has this very span: any ORG around it is a larger one
            method = "gazetteer:places_in_org" if inside_org(*key) else "gazetteer:places"
            spans[key] = ("PLACE", hit.norm, method, 0.9, hit.type)
    return spans


def _model_entities(ctx: DocContext, spans: dict) -> None:
    """Add the model's names where no rule or gazetteer entry spoke, if they look like names.

    Rules and the gazetteer are precise; the model finds what they cannot list. On a span
    where both agree the method says so; where they overlap otherwise, the rules win.
    """
    from .inflect import to_nominative

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
            if not looks_like_name(text[s:e], label):
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
    from .dates import month_number

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
    """Organisations by pattern: a place and an institution word, a quoted name after an
    institution word, known bodies. Nested names are all kept ("Auces novada pašvaldība" and
    "Auces novada pašvaldības Attīstības nodaļa")."""
    from .inflect import to_nominative

    starts = {h.start for h in hits}
    for hit in hits:
        for end in _org_heads_after(text, hit, starts):
            norm = to_nominative(text[hit.start:end], "org", lemma_hint=lemmas(hit.start, end))
            spans.setdefault((hit.start, end), ("ORG", norm, "rule:org_after_place", 0.7, ""))
    for m in QUOTED.finditer(text):
        if INSTITUTION_BEFORE.search(text, max(0, m.start() - 80), m.start()):
            spans.setdefault(m.span("name"), ("ORG", m.group("name").strip(), "rule:org_quoted", 0.7, ""))
    for m in KNOWN_RX.finditer(text):
        norm = list(KNOWN_ORGS.values())[int(m.lastgroup[1:])]
        spans.setdefault(m.span(), ("ORG", norm, "rule:org_known", 0.7, ""))


def _org_heads_after(text: str, hit, starts: set[int]) -> list[int]:
    """End offsets of the organisation names that start with this place (``starts``: where
    places start): one per head word."""
    if LOCATIVE_END.search(hit.text) or GLUED.search(hit.text):
        return []  # "Viesītē labiekārtos ...": a place in the locative starts no name
    ends, pos, prev = [], hit.end, ""
    for _ in range(MAX_ORG_WORDS):
        m = NEXT_WORD.match(text, pos)
        if not m:
            break
        w = m.group(1)
        if m.start(1) in starts or GLUED.search(w):
            break  # another place starts another name; "iestādeBauskas" is two words glued
        if w == "un" and CAPITAL_NEXT.match(text, m.end()):
            break  # "Auces un Dobeles novada pašvaldība": a list of places, each has its own name
        if hit.type == "country" and not ends and not w[:1].isupper():
            break  # "Latvijas pašvaldības" is generic; "Latvijas Universitāte" is a name
        pos = m.end()
        head = HEAD_RX.match(w) and (not w.lower().startswith("reģion") or prev.lower() == "plānošanas")
        if head:
            ends.append(pos)
        if PLACE_IN_LOCATIVE.match(w) or (head and LOCATIVE_END.search(w)):
            break  # "... centrā" ends the name; "Rokišķu novadā ..." ends it without one
        prev = w
    return ends
