"""How well lvpress puts inflected names into the nominative, with the CNN's lemmas and with Stanza's.

Reads a FullStack-NER ``.conll`` file (gold words, lemmas and entities), runs the Latvian
model over each sentence's gold words, and puts every inflected name into the nominative the
way the entity rules do (``rules.inflect.to_nominative`` with the model's lemmas of the name's
words as hints). A norm is right when it equals the name's gold lemmas joined by spaces, which
is the nominative for the names scored here: persons (every word), and places (GPE, location)
of one word (a longer place name keeps its genitives, "Jelgavas novads", which word lemmas do
not show). Only names written with capitals whose surface differs from the gold lemmas count:
the inflected ones ("Kretingā", "Ilmāra Matveja").

    python3 scripts/eval_norms.py ../shared/data/fullstack-ner/fullstack-ner-dev.conll [--json]

prints, for ``--lemmas cnn`` and ``--lemmas stanza`` (the latter needs ``lvpress[stanza]``),
the share of right norms per kind, and the names on which the two differ.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.config import model_spec  # noqa: E402
from pipeline.model.conll import bio_spans, read_sentences  # noqa: E402
from pipeline.model.nlp import load_model  # noqa: E402
from pipeline.rules.inflect import to_nominative  # noqa: E402

KINDS = {"person": "person", "GPE": "place", "location": "place"}


def inflected_names(path: Path) -> list[tuple]:
    """(sentence, label, start, end, surface, gold nominative) of each inflected name scored."""
    names = []
    for s in read_sentences(path, "ner"):
        for a, b, label in bio_spans(s.ner or []):
            if label not in KINDS or (label != "person" and b - a > 1):
                continue
            surface, gold = " ".join(s.words[a:b]), " ".join(s.lemmas[a:b])
            if surface != gold and all(w[:1].isupper() for w in s.words[a:b]):
                names.append((s, label, a, b, surface, gold))
    return names


def norms(names: list[tuple], model: str, lemmas: str) -> list[str]:
    """The pipeline's nominative of each name, read with the model's lemmas."""
    from spacy.tokens import Doc

    nlp = load_model(model_spec(model, lemmas))
    docs = {}
    out = []
    for s, label, a, b, surface, _ in names:
        if s.sent_id not in docs:
            docs[s.sent_id] = nlp(Doc(nlp.vocab, words=s.words, spaces=s.spaces))
        hint = [t.lemma_ for t in docs[s.sent_id][a:b] if t.is_alpha]
        out.append(to_nominative(surface, KINDS[label], lemma_hint=hint))
    return out


def scores(names: list[tuple], found: list[str]) -> dict:
    by_kind: dict[str, list[int]] = {}
    for (_, label, *_, gold), norm in zip(names, found):
        right, total = by_kind.setdefault(label, [0, 0])
        by_kind[label] = [right + (norm == gold), total + 1]
    right = sum(r for r, _ in by_kind.values())
    return {"all": round(right / len(names), 4) if names else 0.0, "names": len(names),
            **{label: {"right": r, "names": n, "share": round(r / n, 4)} for label, (r, n) in sorted(by_kind.items())}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path, help="FullStack-NER .conll file, e.g. fullstack-ner-dev.conll")
    parser.add_argument("--model", default="accurate", help="the model whose lemmas are the hints (default: accurate)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    args = parser.parse_args(argv)
    names = inflected_names(args.file)
    found = {lemmas: norms(names, args.model, lemmas) for lemmas in ("cnn", "stanza")}
    report = {lemmas: scores(names, f) for lemmas, f in found.items()}
    differ = [(n[4], n[5], c, s) for n, c, s in zip(names, found["cnn"], found["stanza"]) if c != s]
    report["differ"] = {"names": len(differ), "stanza_right": sum(s == g for _, g, _, s in differ),
                        "cnn_right": sum(c == g for _, g, c, _ in differ)}
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
        return 0
    for lemmas in ("cnn", "stanza"):
        r = report[lemmas]
        kinds = ", ".join(f"{k} {v['right']}/{v['names']} = {v['share']:.3f}" for k, v in r.items() if isinstance(v, dict))
        print(f"--lemmas {lemmas}: all {r['all']:.3f} ({kinds})")
    print(f"norms that differ: {len(differ)}; Stanza's right on {report['differ']['stanza_right']}, "
          f"the CNN's on {report['differ']['cnn_right']}")
    for surface, gold, cnn, stanza in differ:
        print(f"  {surface!r}: gold {gold!r}, cnn {cnn!r}, stanza {stanza!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
