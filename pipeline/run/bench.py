"""Benchmark lvpress on this machine and print one table (and JSON with --json PATH).

Builds N documents by varying the sample articles (other amounts, dates, names and
paragraph order, so the cache cannot cheat), then measures in one run: end-to-end
documents/s and words/s with 1 worker and with all workers; the bare spaCy model
(`nlp.pipe` only) and its tokenizer alone on the same texts (the floor no pipeline can
beat); the ratios between them; peak memory; and a warm re-run with 1% new documents.
Machines are shared and noisy: each measurement runs --repeat times (the cold ones
alternating, each warm re-run from the same copy of the cold state) and the best is kept;
compare ratios from one run, not absolute numbers.
"""
from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from ..model.nlp import load_model

FIRST_NAMES = ["Ilze", "Jānis", "Anna", "Pēteris", "Līga", "Andris", "Inese", "Māris", "Dace", "Guntis"]
SURNAMES = ["Bērziņa", "Kalniņš", "Ozola", "Liepiņš", "Krūmiņa", "Zariņš", "Vītola", "Eglītis"]
PLACES = ["Jelgavā", "Aucē", "Dobelē", "Bauskā", "Rīgā", "Kretingā", "Rokišķos", "Valmierā"]
MONTHS = ["janvārī", "februārī", "martā", "aprīlī", "maijā", "jūnijā", "jūlijā", "augustā", "septembrī"]


def add_arguments(parser) -> None:
    parser.add_argument("--docs", type=int, default=2000, help="number of documents to generate (default: 2000)")
    parser.add_argument("--json", type=Path, default=None, help="also write the results as JSON to this path")
    parser.add_argument("--model", default="auto", help="model to benchmark (default: auto, the shipped one)")
    parser.add_argument("--compare", default="fast,accurate",
                        help="models also run end to end on 1 worker, side by side in the same run "
                             "(default: %(default)s; empty for none)")
    parser.add_argument("--workers", type=int, default=0, help="'all workers' count (default: one per core)")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the generated corpus (default: 1)")
    parser.add_argument("--repeat", type=int, default=2,
                        help="runs of each measurement (cold ones alternating, warm ones from the same "
                             "cold state), best kept: shared machines are noisy (default: 2)")


def vary(text: str, rnd: random.Random) -> str:
    """The same kind of article with other figures, dates, names and paragraph order."""
    import regex as re

    paras = [p for p in text.split("\n\n") if p.strip()]
    head, body = paras[:1], paras[1:]
    rnd.shuffle(body)
    text = "\n\n".join(head + body)
    text = re.sub(r"\d{1,3}(?: \d{3})+,\d\d", lambda m: f"{rnd.randint(1000, 999999):,}".replace(",", " ")
                  + f",{rnd.randint(0, 99):02d}", text)
    text = re.sub(r"\b(20[12]\d)\.", lambda m: f"{rnd.randint(2010, 2024)}.", text)
    extra = (f"\n\n{rnd.choice(FIRST_NAMES)} {rnd.choice(SURNAMES)} {rnd.randint(1, 28)}. {rnd.choice(MONTHS)} "
             f"{rnd.choice(PLACES)} iepazīstināja ar projekta LLI-{rnd.randint(100, 999)} rezultātiem; "
             f"budžets {rnd.randint(1, 900)} {rnd.randint(100, 999)} eiro.")
    return text + extra


def build_corpus(dst: Path, n: int, seed: int, start: int = 0) -> int:
    """Write n varied documents into dst; returns their word count."""
    samples = [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parents[2] / "corpus").glob("*.txt"))]
    if not samples:
        from importlib.resources import files

        raise SystemExit(f"no sample articles found next to {files('pipeline')}")
    rnd = random.Random(seed + start)
    dst.mkdir(parents=True, exist_ok=True)
    words = 0
    for i in range(start, start + n):
        text = vary(samples[i % len(samples)], rnd)
        words += len(text.split())
        (dst / f"doc{i:06d}.txt").write_text(text, encoding="utf-8")
    return words


def _seconds(value) -> float:
    return value[0] if isinstance(value, tuple) else value["pipe_seconds"]


def timed_run(src: Path, out: Path, model: str, workers: int, fresh: bool = False) -> tuple[float, dict]:
    """Seconds of one `lvpress run`; ``fresh``: from an empty output folder and cache (a cold run)."""
    if fresh:
        shutil.rmtree(out, ignore_errors=True)
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pipeline.cli", "run", str(src), "-o", str(out), "-q",
                    "--model", model, "--workers", str(workers)], check=False)
    seconds = time.perf_counter() - t
    return seconds, json.loads((out / "run.json").read_text(encoding="utf-8"))


def first_rerun_breakdown(wall: float, summary: dict) -> dict:
    """Where a re-run's wall-clock seconds go: starting Python, importing lvpress, the run's own
    stages (run.json), and what follows them (SQLite's finish, the swap, exit)."""
    def fresh(code: str) -> float:
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - t

    stages = summary["stage_seconds"]
    run = summary["seconds"]
    # start-up is timed again in fresh processes, an estimate that a busy machine can inflate:
    # it is capped by what the run's wall clock leaves outside the run itself
    outside = max(0.0, wall - run)
    interpreter = min(fresh("pass"), outside)
    imports = min(max(0.0, fresh("import pipeline.cli as c; c.build_parser()") - interpreter), outside - interpreter)
    parts = {"interpreter": interpreter, "imports": imports,
             "model_identity": stages.get("model_identity", 0.0),
             "reading the input": stages.get("ingest", 0.0),
             "reading the cache": stages.get("read_cache", 0.0),
             # waiting for the workers: the new documents, and the model's load where it is not hidden
             "new documents": stages.get("process", 0.0),
             # the runner's "write" holds the cache reads but not the waits for the workers
             "writing": max(0.0, stages.get("write", 0.0) - stages.get("read_cache", 0.0)),
             "consolidation": stages.get("consolidate", 0.0)}
    parts["rest of the run"] = max(0.0, run - sum(v for k, v in parts.items() if k not in ("interpreter", "imports")))
    parts["sqlite, swap and exit"] = outside - interpreter - imports
    return {"wall": wall, "run_seconds": run, "parts": {k: round(v, 3) for k, v in parts.items()}}


def compare_models(src: Path, tmp: Path, names: list[str], words: int, repeat: int) -> dict:
    """End to end on 1 worker for each model, alternating, best of ``repeat``."""
    best: dict = {}
    for _ in range(max(1, repeat)):
        for name in names:
            seconds, summary = timed_run(src, tmp / f"model-{name}", name, 1, fresh=True)
            if name not in best or seconds < best[name]["seconds"]:
                best[name] = {"seconds": seconds, "words_per_s": words / seconds,
                              "peak_rss_mb": summary["peak_rss_mb"], "model": summary["model"]}
    return best


def bare_model(src: Path, model: str) -> dict:
    """nlp.pipe and the tokenizer alone over the same texts, in one process on one core."""

    nlp = load_model(model)
    if nlp is None:
        import spacy

        nlp = spacy.blank("lv")
    texts = [p.read_text(encoding="utf-8") for p in sorted(src.glob("*.txt"))]
    t = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    pipe_s = time.perf_counter() - t
    t = time.perf_counter()
    for text in texts:
        nlp.make_doc(text)
    tok_s = time.perf_counter() - t
    return {"pipe_seconds": pipe_s, "tokenizer_seconds": tok_s}


def _in_fresh_process(fn, *args):
    """Run ``fn`` in a spawned process: the model it loads must not swell this one, whose
    children would inherit its peak memory figure (ru_maxrss survives fork and exec)."""
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(1, mp_context=mp.get_context("spawn")) as pool:
        return pool.submit(fn, *args).result()


def main(args) -> int:
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    workers = args.workers or os.cpu_count() or 1
    tmp = Path(tempfile.mkdtemp(prefix="lvpress-bench-"))
    try:
        src = tmp / "corpus"
        words = build_corpus(src, args.docs, args.seed)
        best = cold_runs(src, tmp, args.model, workers, args.repeat)
        models = compare_models(src, tmp, [m for m in args.compare.split(",") if m], words, args.repeat)
        rerun = warm_reruns(src, tmp, args.model, workers, args.docs, args.seed, args.repeat)
        result = bench_result(args.docs, words, workers, args.repeat, best, rerun, models)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print_result(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
    return 0


def cold_runs(src: Path, tmp: Path, model: str, workers: int, repeat: int) -> dict:
    """End to end on 1 and on all workers, and the bare model, best of ``repeat``: alternating,
    so a noisy minute hurts all alike."""
    best: dict = {}
    for _ in range(max(1, repeat)):
        for name, measure in (("one", lambda: timed_run(src, tmp / "out1", model, 1, fresh=True)),
                              ("all", lambda: timed_run(src, tmp / "outN", model, workers, fresh=True)),
                              ("bare", lambda: _in_fresh_process(bare_model, src, model))):
            value = measure()
            if name not in best or _seconds(value) < _seconds(best[name]):
                best[name] = value
    return best


def warm_reruns(src: Path, tmp: Path, model: str, workers: int, n: int, seed: int, repeat: int) -> dict:
    """Re-runs with 1% new documents next to the cold run's cache, each try from the same
    state: the best, and the first as a user waits for it (a fresh process, no best-of)."""
    new = max(1, n // 100)
    build_corpus(src, new, seed + 7, start=n)
    shutil.copytree(tmp / "outN", tmp / "cold", symlinks=True)
    warm_s, warm, first = float("inf"), {}, {}
    for i in range(max(1, repeat)):
        if i:
            shutil.rmtree(tmp / "outN")
            shutil.copytree(tmp / "cold", tmp / "outN", symlinks=True)
        seconds, summary = timed_run(src, tmp / "outN", model, workers)
        if i == 0:
            first = first_rerun_breakdown(seconds, summary)
        if seconds < warm_s:
            warm_s, warm = seconds, summary
    return {"new": new, "seconds": warm_s, "summary": warm, "first": first}


def bench_result(n: int, words: int, workers: int, repeat: int, best: dict, rerun: dict, models: dict) -> dict:
    (one_s, one), (all_s, every), bare = best["one"], best["all"], best["bare"]
    warm_s, warm, first = rerun["seconds"], rerun["summary"], rerun["first"]
    result = {
        "docs": n, "words": words, "model": one["model"], "workers": workers,
        "e2e_1_worker": {"seconds": one_s, "docs_per_s": n / one_s, "words_per_s": words / one_s},
        "e2e_all_workers": {"seconds": all_s, "docs_per_s": n / all_s, "words_per_s": words / all_s},
        "bare_model_pipe": {"seconds": bare["pipe_seconds"], "words_per_s": words / bare["pipe_seconds"]},
        "tokenizer_only": {"seconds": bare["tokenizer_seconds"], "words_per_s": words / bare["tokenizer_seconds"]},
        "ratios": {
            "e2e_1_worker_vs_bare_model": bare["pipe_seconds"] / one_s,
            "all_workers_vs_1_worker": one_s / all_s,
            "warm_rerun_vs_cold": warm_s / all_s,
            "first_rerun_wall_vs_cold": first["wall"] / all_s,
        },
        "first_rerun": first,
        "warm_rerun_1pct_new": {"seconds": warm_s, "new_docs": rerun["new"], "cache_hits": warm["cache"]["hits"],
                                "stage_seconds": warm["stage_seconds"]},
        "repeat": repeat,
        "peak_rss_mb": {"1_worker": one["peak_rss_mb"], "all_workers": every["peak_rss_mb"]},
        "models_1_worker": models,
    }
    if "fast" in models and "accurate" in models:
        result["ratios"]["accurate_vs_fast_1_worker"] = (models["accurate"]["words_per_s"]
                                                         / models["fast"]["words_per_s"])
    return result


def print_result(result: dict) -> None:
    n, workers, first = result["docs"], result["workers"], result["first_rerun"]
    warm = result["warm_rerun_1pct_new"]
    rows = [
        ("end to end, 1 worker", result["e2e_1_worker"]),
        (f"end to end, {workers} workers", result["e2e_all_workers"]),
        ("bare model nlp.pipe (1 core)", result["bare_model_pipe"]),
        ("tokenizer alone (1 core)", result["tokenizer_only"]),
    ]
    print(f"{n} documents, {result['words']} words, model {result['model'].get('name')}")
    print(f"{'measure':34} {'seconds':>9} {'words/s':>10} {'docs/s':>8}")
    for name, r in rows:
        print(f"{name:34} {r['seconds']:9.2f} {r['words_per_s']:10.0f} {r.get('docs_per_s', n / r['seconds']):8.1f}")
    for k, v in result["ratios"].items():
        print(f"{k:34} {v:9.3f}")
    print(f"warm re-run with {warm['new_docs']} new docs: {warm['seconds']:.2f} s ({warm['cache_hits']} cached)")
    print(f"first re-run by wall clock: {first['wall']:.2f} s = "
          + ", ".join(f"{k} {v:.2f}" for k, v in first["parts"].items()))
    print(f"peak RSS MiB: {result['peak_rss_mb']}")
    for name, r in result["models_1_worker"].items():
        print(f"--model {name:9} end to end, 1 worker: {r['seconds']:8.2f} s {r['words_per_s']:8.0f} words/s, "
              f"peak RSS MiB {r['peak_rss_mb']}")
