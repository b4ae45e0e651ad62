"""Words per second of the shipped Latvian pipeline on ONE CPU core.

The target (>= 10,000 words/s on one core) is what lets `lvpress run` process a year of press
releases on a laptop, so the benchmark pins BLAS/OpenMP to one thread and the process to one CPU
before numpy/spaCy are imported, and never imports torch. Texts are the `# text` lines of a
CoNLL file (default: the FullStack NER dev set), i.e. the tokenizer is included in the timing.

    python scripts/bench_model.py [--model models/lv_lvpress] [--text FILE] [--repeat 3]
"""
from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("LVPRESS_DATA", "/work/shared/data"))


def load_texts(path: Path) -> list[str]:
    """`# text = ...` lines of a CoNLL(-U) file, or the non-empty lines of a plain text file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    texts = [l.split("=", 1)[1].strip() for l in lines if l.startswith("# text")]
    return texts or [l for l in lines if l.strip()]


def bench(nlp, texts: list[str], repeat: int, disable: list[str]) -> tuple[int, float]:
    """Best-of-`repeat` time to process all texts; returns (words, seconds)."""
    with nlp.select_pipes(disable=disable):
        list(nlp.pipe(texts[:200]))  # warm-up
        best = float("inf")
        words = 0
        for _ in range(repeat):
            t0 = time.perf_counter()
            words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=256))
            best = min(best, time.perf_counter() - t0)
    return words, best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=str(REPO / "models" / "lv_lvpress"))
    parser.add_argument("--text", default=str(DATA / "fullstack-ner" / "fullstack-ner-dev.conll"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cpu", type=int, default=None, help="CPU to pin to (default: first allowed)")
    args = parser.parse_args()

    if hasattr(os, "sched_setaffinity"):
        cpu = args.cpu if args.cpu is not None else min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
    sys.path.insert(0, str(REPO))
    import spacy

    from pipeline.model.nlp import load_model

    nlp = load_model(args.model)  # as `lvpress run` loads it: numpy/OpenBLAS ops, 1 BLAS thread
    texts = load_texts(Path(args.text))
    names = nlp.pipe_names
    configs = [("full pipeline", [])]
    if "ner" in names:
        # timing only: the NER has its own tok2vec, but without the lemmatizer/morphologizer
        # its LEMMA/POS features are empty, so its output is not the real one
        configs.append(("ner alone", [n for n in names if n != "ner"]))
    configs.append(("tokenizer only", list(names)))

    print(f"model {args.model}  ({len(texts)} texts, 1 thread, "
          f"CPU {sorted(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else '?'})")
    print(f"{'configuration':<18}{'words':>9}{'seconds':>10}{'words/s':>10}")
    for label, disable in configs:
        words, secs = bench(nlp, texts, args.repeat, disable)
        print(f"{label:<18}{words:>9}{secs:>10.2f}{words / secs:>10.0f}")
    # for comparison: spaCy's default (thinc's BLIS gemm), i.e. a plain spacy.load
    words, secs = bench(spacy.load(args.model), texts, args.repeat, [])
    print(f"{'full, BLIS ops':<18}{words:>9}{secs:>10.2f}{words / secs:>10.0f}")
    assert "torch" not in sys.modules, "torch was imported"
    return 0


if __name__ == "__main__":
    sys.exit(main())
