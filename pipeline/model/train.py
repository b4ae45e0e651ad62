"""Train the Latvian spaCy pipeline (tagger, morphologizer, lemmatizer, NER) shipped in models/.

Converts the FullStack NER and UD files to .spacy in the work dir (one Doc per sentence; UD and
NER layers of the same sentence are merged, UD-only sentences have NER marked missing), trains
with spaCy from models/config.cfg and copies the best model (by the config's score weights,
mostly NER F1) to models/lv_lvpress/.

Long runs: start with nohup and poll the log, e.g.
    nohup lvpress train > training/train.log 2>&1 &
Quick check that everything wires up: ``lvpress train --smoke 200``.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import time
from pathlib import Path

log = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[2]
MODEL_NAME = "lvpress"
ATTRIBUTION = (
    "AiLab, Institute of Mathematics and Computer Science, University of Latvia: "
    "FullStack Latvian corpus (Gruzitis et al., LREC 2018) and Latvian UD Treebank"
)


def default_data_dir() -> Path:
    """Where the FullStack data is looked for: $LVPRESS_DATA, else ./data."""
    return Path(os.environ.get("LVPRESS_DATA", "data"))


def add_ud_files(parser) -> None:
    """--train and --dev: the UD treebank files a lemma or UPOS model learns from and is picked on."""
    data = default_data_dir() / "ud-lv"
    parser.add_argument("--train", default=str(data / "fullstack-ud-train.conllu"),
                        help="CoNLL-U training file (default: %(default)s)")
    parser.add_argument("--dev", default=str(data / "fullstack-ud-dev.conllu"),
                        help="CoNLL-U file that picks the best epoch (default: %(default)s)")


def add_arguments(parser) -> None:
    parser.add_argument("--data", default=str(default_data_dir()),
                        help="folder with fullstack-ner/ and ud-lv/ (default: $LVPRESS_DATA, else ./data)")
    parser.add_argument("--workdir", default="training",
                        help="where .spacy files and training runs go (default: %(default)s)")
    parser.add_argument("--config", default=str(REPO / "models" / "config.cfg"),
                        help="spaCy training config (default: models/config.cfg)")
    parser.add_argument("--output", default=None,
                        help="copy the best model here (default: models/lv_lvpress; "
                             "with --smoke: WORKDIR/smoke-model)")
    parser.add_argument("--max-steps", type=int, default=None, help="override training.max_steps")
    parser.add_argument("--max-epochs", type=int, default=None, help="override training.max_epochs")
    parser.add_argument("--eval-frequency", type=int, default=None,
                        help="override training.eval_frequency")
    parser.add_argument("--smoke", type=int, metavar="N", default=None,
                        help="quick test: train on N sentences for a few steps")
    parser.add_argument("--set", action="append", default=[], metavar="SECTION.KEY=VALUE",
                        help="extra spaCy config override (JSON value), may repeat")
    parser.add_argument("--corpus", default=None,
                        help="use train.spacy/dev.spacy already in this folder (skip conversion)")
    parser.add_argument("--name", default=None, help="run folder name under WORKDIR/runs")
    parser.add_argument("--eval-only", action="store_true",
                        help="no training: print UPOS/XPOS/morph/lemma accuracy of --output "
                             "(default models/lv_lvpress) on ud-lv/fullstack-ud-dev.conllu")
    parser.add_argument("--no-copy", action="store_true", help="do not copy the best model")


def convert(data: Path, corpus_dir: Path, limit: int | None = None) -> dict[str, int]:
    """Write train.spacy and dev.spacy; returns the doc counts.

    Train = UD fullstack train ⊕ NER train (merged by sent_id); dev likewise, so the dev score
    during training covers NER and the tagging layers on the held-out documents.
    """
    import spacy

    from .conll import docs_from_files, write_docbin

    vocab = spacy.blank("lv").vocab
    counts = {}
    for split in ("train", "dev"):
        docs = docs_from_files(
            vocab,
            ud_path=data / "ud-lv" / f"fullstack-ud-{split}.conllu",
            ner_path=data / "fullstack-ner" / f"fullstack-ner-{split}.conll",
            limit=(limit if split == "train" else max(20, limit // 4)) if limit else None,
        )
        counts[split] = write_docbin(docs, corpus_dir / f"{split}.spacy")
    return counts


def _finish_meta(model_dir: Path, counts: dict[str, int]) -> None:
    meta_path = model_dir / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    from .. import __version__

    meta.update(
        name=MODEL_NAME,
        version=__version__,
        license="CC BY-SA 4.0",
        author="lvpress; trained on data by " + ATTRIBUTION,
        description="Latvian CNN pipeline for lvpress: " + ", ".join(meta.get("pipeline", [])),
        sources=[
            {"name": "FullStack Latvian NER", "url": "https://github.com/LUMII-AILab/FullStack",
             "license": "CC BY-SA 4.0", "author": "AiLab IMCS UL"},
            {"name": "Latvian UD Treebank", "url": "https://universaldependencies.org/treebanks/lv_lvtb/",
             "license": "CC BY-SA 4.0", "author": "AiLab IMCS UL"},
        ],
    )
    meta.setdefault("lvpress", {})["train_docs"] = counts
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def component_scores(nlp, conllu: str | Path) -> dict:
    """Token accuracy of UPOS, XPOS, FEATS and lemma on gold-tokenised CoNLL-U sentences.

    FEATS are compared after spaCy's normalisation of the gold string (feature order, case), as
    spaCy's own ``morph_acc`` does. XPOS is None when the pipeline has no tagger.
    """
    from spacy.tokens import Doc

    from .conll import read_sentences, sentence_to_doc

    sents = list(read_sentences(conllu, "ud"))
    docs = (Doc(nlp.vocab, words=s.words, spaces=s.spaces) for s in sents)
    right = {"upos": 0, "xpos": 0, "morph": 0, "lemma": 0}
    n = 0
    for sent, doc in zip(sents, nlp.pipe(docs, batch_size=256)):
        gold = sentence_to_doc(nlp.vocab, sent)
        for tok, g in zip(doc, gold):
            n += 1
            right["upos"] += tok.pos_ == g.pos_
            right["xpos"] += tok.tag_ == g.tag_
            right["morph"] += tok.morph == g.morph
            right["lemma"] += tok.lemma_ == g.lemma_
    scores: dict = {k: round(v / n, 4) for k, v in right.items()}
    if "tagger" not in nlp.pipe_names:
        scores["xpos"] = None
    return scores | {"tokens": n}


def main(args) -> int:
    from .lv_tokenizer import register

    register()
    data = Path(args.data)
    if not args.corpus and not (data / ("ud-lv" if args.eval_only else "fullstack-ner")).is_dir():
        log.error("no training data in %s (fullstack-ner/ and ud-lv/ from the FullStack Latvian corpus): "
                  "give its folder with --data or LVPRESS_DATA", data)
        return 2
    if args.eval_only:
        import spacy

        model = Path(args.output) if args.output else REPO / "models" / "lv_lvpress"
        print(json.dumps(component_scores(spacy.load(model),
                                          data / "ud-lv" / "fullstack-ud-dev.conllu")))
        return 0
    from spacy.cli.train import train as spacy_train

    work = Path(args.workdir)
    t0 = time.time()
    if args.corpus:
        corpus = Path(args.corpus)
        counts = {}
    else:
        corpus = work / ("corpus-smoke" if args.smoke else "corpus")
        counts = convert(data, corpus, args.smoke)
        log.info("converted %s in %.0fs", counts, time.time() - t0)

    overrides: dict = {"paths.train": str(corpus / "train.spacy"),
                       "paths.dev": str(corpus / "dev.spacy")}
    if args.smoke:
        overrides.update({"training.max_steps": 30, "training.eval_frequency": 30,
                          "training.max_epochs": 0, "training.patience": 0})
    if args.max_steps is not None:
        overrides["training.max_steps"] = args.max_steps
    if args.max_epochs is not None:
        overrides["training.max_epochs"] = args.max_epochs
    if args.eval_frequency is not None:
        overrides["training.eval_frequency"] = args.eval_frequency
    for item in args.set:
        key, _, value = item.partition("=")
        try:
            overrides[key] = json.loads(value)
        except json.JSONDecodeError:
            overrides[key] = value

    name = args.name or ("smoke" if args.smoke else time.strftime("run-%Y%m%d-%H%M%S"))
    run_dir = work / "runs" / name
    spacy_train(Path(args.config), run_dir, overrides=overrides, use_gpu=-1)
    best = run_dir / "model-best"
    if not best.exists():
        best = run_dir / "model-last"
    if args.no_copy:
        log.info("best model in %s", best)
        return 0
    out = Path(args.output) if args.output else (
        work / "smoke-model" if args.smoke else REPO / "models" / "lv_lvpress")
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(best, out)
    _finish_meta(out, counts)
    log.info("model copied to %s (%.0fs in all)", out, time.time() - t0)
    return 0
