"""Train Stanza's Latvian lemmatizer on the UD FullStack treebank (`lvpress train-lemma`).

Runs Stanza's own training entry point (``stanza.models.lemmatizer``) on local CoNLL-U files
only: a dictionary of the word forms seen in training plus a character-level seq2seq with an
edit classifier for the rest. Nothing is downloaded. The epoch whose dev score is best is
what Stanza saves; with Adam the learning rate never decays, so fewer epochs than Stanza's
default 60 are the first epochs of the full schedule. The seed is fixed (Stanza seeds torch,
numpy and random with it); repeat runs were not compared bit for bit.
"""
from __future__ import annotations

import logging
import os
import time
from pathlib import Path

log = logging.getLogger(__name__)

MODEL_FILE = "lv_lvtb_lemmatizer.pt"
SHORTHAND = "lv_lvtb"
SEED = 1234


def add_arguments(parser) -> None:
    from .train import add_ud_files

    add_ud_files(parser)
    parser.add_argument("-o", "--output", default="models/lv_stanza_lemma",
                        help="model folder to write (default: %(default)s)")
    parser.add_argument("--epochs", type=int, default=13,
                        help="seq2seq epochs (default: %(default)s, as shipped; 3-7 minutes each on one core; Stanza's own default is 60)")
    parser.add_argument("--batch-size", type=int, default=50, help="words per step (default: %(default)s)")


def stanza_args(train: Path, dev: Path, output: Path, epochs: int, batch_size: int = 50) -> list[str]:
    """The command line of ``stanza.models.lemmatizer`` for one training run, on the CPU."""
    return ["--mode", "train", "--train_file", str(train), "--eval_file", str(dev),
            "--shorthand", SHORTHAND, "--save_dir", str(output), "--save_name", MODEL_FILE,
            "--num_epoch", str(epochs), "--batch_size", str(batch_size), "--seed", str(SEED),
            "--log_step", "500", "--cpu"]


def train(train: Path, dev: Path, output: Path, epochs: int, batch_size: int = 50) -> Path:
    """Train and save the lemmatizer into ``output``; returns the model file."""
    from stanza.models import lemmatizer

    output.mkdir(parents=True, exist_ok=True)
    # Stanza's pipeline reads a resource index from the model folder before anything else:
    # an empty one lists nothing to download, and the model file is named explicitly.
    (output / "resources.json").write_text("{}\n", encoding="utf-8")
    lemmatizer.main(stanza_args(train, dev, output, epochs, batch_size))
    return output / MODEL_FILE


def main(args) -> int:
    for path in (args.train, args.dev):
        if not Path(path).exists():
            log.error("no CoNLL-U file at %s (see --train/--dev)", path)
            return 1
    # Stanza's seq2seq is small: more threads than one mostly contend with other processes.
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    start = time.perf_counter()
    model = train(Path(args.train), Path(args.dev), Path(args.output), args.epochs, args.batch_size)
    size = model.stat().st_size / 2 ** 20
    log.info("wrote %s (%.1f MiB) in %.0f s", model, size, time.perf_counter() - start)
    return 0
