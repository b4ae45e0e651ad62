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

NER_LABELS = {"person": "PERSON", "GPE": "PLACE", "location": "PLACE", "organization": "ORG"}
KIND = {"PERSON": "person", "PLACE": "place", "ORG": "org"}
# "I.Laizāne", "S. Matačina": an initial glued to a surname (not "A.Raudonikia Mākslas skola").
INITIAL_NAME = re.compile(r"(?<![\p{L}.])\p{Lu}\.\s?\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?(?![\p{L}.])(?!\s+\p{Lu}\p{Ll})")


@extractor("entities")
def extract_entities(ctx: DocContext) -> None:
    from .gazetteer import default_gazetteer
    from .inflect import to_nominative

    text = ctx.text
    spans: dict[tuple[int, int], tuple[str, str, str, float]] = {}  # span -> label, norm, method, score
    if ctx.nlp_doc:
        model = "ner:lv_lvpress"
        for ann in ctx.nlp_doc:
            for ent in ann.doc.ents:
                label = NER_LABELS.get(ent.label_)
                if label is None:
                    continue
                s = ann.sentence.start + ent.start_char
                e = ann.sentence.start + ent.end_char
                spans[(s, e)] = (label, to_nominative(text[s:e], KIND[label]), model, 0.75)
    for m in INITIAL_NAME.finditer(text):
        key = m.span()
        if key not in spans or spans[key][0] != "PERSON":
            spans[key] = ("PERSON", to_nominative(m.group(), "person"), "rule:initial_name", 0.85)
    orgs = [span for span, (label, *_rest) in spans.items() if label == "ORG"]
    for hit in default_gazetteer().find(text):
        key = (hit.start, hit.end)
        inside_org = any(s <= hit.start and hit.end <= e and (s, e) != key for s, e in orgs)
        current = spans.get(key)
        if current is None:
            method = "gazetteer:places_in_org" if inside_org else "gazetteer:places"
            spans[key] = ("PLACE", hit.norm, method, 0.9)
        elif current[0] == "PLACE":
            spans[key] = ("PLACE", hit.norm, current[2] + "+gazetteer:places", 0.95)
        elif current[0] == "ORG" and inside_org:
            pass
        else:
            spans[key] = ("PLACE", hit.norm, "gazetteer:places(over " + current[2] + ")", 0.85)
    for (s, e), (label, norm, method, score) in sorted(spans.items()):
        ctx.add(s, e, label, norm, method, score)
