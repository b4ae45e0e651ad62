"""Lemma and UPOS accuracy of the shipped pipeline on a UD CoNLL-U file, on its gold tokens.

Each sentence becomes a Doc from its gold words and the pipeline's components run on it, so
tokenizer errors do not count. A lemma is right when it equals the gold one exactly. "Unseen"
words are the forms (case kept) absent from the training file: they show how the lemmatizer
generalises beyond its dictionary. The CNN's own lemmas and UPOS are scored too, before any
Stanza lemmatizer replaces them; "upos" is the UPOS the scored lemmas were read from (with
Stanza's on the accurate model: its encoder's UPOS head). ``--json`` prints one JSON object:
{"lemma", "lemma_unseen", "upos", "upos_unseen", "words", "unseen_words",
"cnn": {"lemma", "lemma_unseen", "upos"}, "words_per_s"}.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from .nlp import STANZA_PIPE


def add_arguments(parser) -> None:
    from .train import default_data_dir

    parser.add_argument("file", help="UD CoNLL-U file (e.g. fullstack-ud-dev.conllu)")
    parser.add_argument("--model", default="auto",
                        help="pipeline to score (default: %(default)s; the CNN's lemmas and UPOS are the "
                             "same for every --model of `lvpress run`, Stanza's read the accurate "
                             "model's UPOS where it has its UPOS head)")
    parser.add_argument("--train", default=str(default_data_dir() / "ud-lv" / "fullstack-ud-train.conllu"),
                        help="training file whose word forms count as seen (default: %(default)s)")
    parser.add_argument("--stanza", nargs="?", const="shipped", default=None, metavar="PT",
                        help="add the Stanza lemmatizer (its file, or the shipped one) when the "
                             "pipeline lacks it")
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def seen_forms(path: str | Path) -> set[str]:
    from .conll import read_sentences

    return {w for s in read_sentences(path, "ud") for w in s.words}


def _accuracy(pred: list[str], gold: list[str], mask: list[bool]) -> float:
    pairs = [(p, g) for p, g, m in zip(pred, gold, mask) if m]
    return round(sum(p == g for p, g in pairs) / len(pairs), 4) if pairs else 0.0


def evaluate(nlp, path: str | Path, seen: set[str], batch_size: int = 256) -> dict:
    """Score ``nlp``'s lemmas and UPOS on the gold words of ``path``.

    The pipeline runs without its NER (the CNN's lemmas and UPOS come before it; the accurate
    model's encoder runs only for the UPOS it gives Stanza) and without the Stanza component,
    whose lemmas are then set on the same Docs: one run scores both."""
    from spacy.tokens import Doc

    from .conll import read_sentences

    sents = list(read_sentences(path, "ud"))
    stanza = nlp.get_pipe(STANZA_PIPE) if STANZA_PIPE in nlp.pipe_names else None
    ner = nlp.get_pipe("ner") if "ner" in nlp.pipe_names else None
    upos_from_ner = stanza is not None and getattr(ner, "upos_head", None) is not None
    skip = [n for n in nlp.pipe_names if n == STANZA_PIPE or (n == "ner" and not upos_from_ner)]
    start = time.perf_counter()
    with nlp.select_pipes(disable=skip):
        docs = list(nlp.pipe((Doc(nlp.vocab, words=s.words, spaces=s.spaces) for s in sents),
                             batch_size=batch_size))
    cnn = [t.lemma_ for d in docs for t in d]
    cnn_upos = [t.pos_ for d in docs for t in d]
    if stanza is not None:
        docs = list(stanza.pipe(docs, batch_size=batch_size))
    seconds = time.perf_counter() - start
    gold = [lemma for s in sents for lemma in s.lemmas]
    words = [w for s in sents for w in s.words]
    every = [True] * len(words)
    unseen = [w not in seen for w in words]
    lemmas = [t.lemma_ for d in docs for t in d]
    gold_upos = [u for s in sents for u in s.upos]
    read = stanza.read_upos([t for d in docs for t in d]) if stanza is not None else cnn_upos
    return {
        "lemma": _accuracy(lemmas, gold, every),
        "lemma_unseen": _accuracy(lemmas, gold, unseen),
        "upos": _accuracy(read, gold_upos, every),
        "upos_unseen": _accuracy(read, gold_upos, unseen),
        "words": len(words),
        "unseen_words": sum(unseen),
        "cnn": {"lemma": _accuracy(cnn, gold, every), "lemma_unseen": _accuracy(cnn, gold, unseen),
                "upos": _accuracy(cnn_upos, gold_upos, every)},
        "words_per_s": round(len(words) / seconds) if seconds else 0,
    }


def main(args) -> int:
    from .nlp import ModelError, load_model

    try:
        nlp = load_model(args.model)
    except ModelError as e:
        print(f"lvpress eval-lemma: {e}", file=sys.stderr)
        return 1
    if nlp is None:
        print("lvpress eval-lemma: --model none has no lemmatizer", file=sys.stderr)
        return 1
    if args.stanza and STANZA_PIPE not in nlp.pipe_names:
        from . import stanza_lemma  # noqa: F401  registers the lvpress_stanza_lemma factory

        path = "" if args.stanza == "shipped" else args.stanza
        try:
            nlp.add_pipe("lvpress_stanza_lemma", name=STANZA_PIPE, config={"model_path": path})
        except FileNotFoundError as e:
            print(f"lvpress eval-lemma: {e}", file=sys.stderr)
            return 1
    result = evaluate(nlp, args.file, seen_forms(args.train))
    if args.json:
        print(json.dumps(result))
    else:
        print(f"lemma {result['lemma']:.4f} (unseen {result['lemma_unseen']:.4f} over "
              f"{result['unseen_words']} of {result['words']} words), UPOS {result['upos']:.4f} "
              f"(unseen {result['upos_unseen']:.4f}); "
              f"CNN lemma {result['cnn']['lemma']:.4f} (unseen {result['cnn']['lemma_unseen']:.4f}); "
              f"{result['words_per_s']} words/s")
    return 0
