"""Entity-level P/R/F1 of the shipped model on a FullStack NER CoNLL file.

Scores outer entities only, exact span and label match, on the file's gold tokenisation: each
sentence becomes a Doc from its gold words and the pipeline components run on that Doc, so
tokenizer errors do not count against the NER. Reports every label, the micro average over all
labels and a "core" micro average over person, GPE, organization and location (the labels the
extraction rules rely on). ``--json`` prints one JSON object:
{"labels": {LABEL: {"p", "r", "f1", "support"}}, "micro": {"p", "r", "f1"}, "core": {...}}.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Iterable

CORE_LABELS = ("person", "GPE", "organization", "location")

Span = tuple[int, int, int, str]  # (sentence index, start, end, label)


def add_arguments(parser) -> None:
    parser.add_argument("file", help="FullStack NER CoNLL file (e.g. fullstack-ner-dev.conll)")
    parser.add_argument("--model", default="auto",
                        help="spaCy pipeline directory to score (default: auto, the shipped "
                             "models/lv_lvpress)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


def score(gold: Iterable[Span], pred: Iterable[Span]) -> dict:
    """Exact-match scores from gold and predicted span sets."""
    gold, pred = set(gold), set(pred)
    tp = Counter(s[3] for s in gold & pred)
    fp = Counter(s[3] for s in pred - gold)
    fn = Counter(s[3] for s in gold - pred)
    support = Counter(s[3] for s in gold)
    labels = sorted(set(support) | set(fp), key=lambda l: (-support[l], l))
    out = {"labels": {}, "micro": None, "core": None}
    for label in labels:
        out["labels"][label] = {**_prf(tp[label], fp[label], fn[label]), "support": support[label]}
    out["micro"] = _prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    out["core"] = _prf(*(sum(c[l] for l in CORE_LABELS) for c in (tp, fp, fn)))
    return out


def evaluate(nlp, path: str | Path, batch_size: int = 256) -> dict:
    """Run ``nlp`` over the gold-tokenised sentences of ``path`` and score its entities."""
    from spacy.tokens import Doc

    from .conll import bio_spans, read_sentences

    sents = list(read_sentences(path, "ner"))
    docs = (Doc(nlp.vocab, words=s.words, spaces=s.spaces) for s in sents)
    gold: list[Span] = []
    pred: list[Span] = []
    for i, (sent, doc) in enumerate(zip(sents, nlp.pipe(docs, batch_size=batch_size))):
        gold.extend((i, *span) for span in bio_spans(sent.ner or []))
        pred.extend((i, e.start, e.end, e.label_) for e in doc.ents)
    return score(gold, pred)


def format_table(result: dict) -> str:
    rows = [f"{'label':<14}{'P':>8}{'R':>8}{'F1':>8}{'support':>9}"]
    for label, s in result["labels"].items():
        rows.append(f"{label:<14}{s['p']:>8.3f}{s['r']:>8.3f}{s['f1']:>8.3f}{s['support']:>9}")
    for name in ("micro", "core"):
        s = result[name]
        rows.append(f"{name:<14}{s['p']:>8.3f}{s['r']:>8.3f}{s['f1']:>8.3f}")
    return "\n".join(rows)


def main(args) -> int:
    from .nlp import load_model

    nlp = load_model(str(args.model))
    if nlp is None:
        raise SystemExit("eval-ner needs a model: --model none has nothing to score")
    result = evaluate(nlp, args.file)
    if args.json:
        sys.stdout.write(json.dumps(result) + "\n")
    else:
        print(format_table(result))
    return 0
