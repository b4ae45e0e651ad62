"""Check that a code change leaves `lvpress run`'s outputs byte-identical.

Runs this checkout's `python3 -m pipeline.cli run --model fast --no-cache --workers 1` on the
dev articles, the seeds and 400 generated bench documents, and compares every output with a
reference made the same way from an earlier commit: the CSV files byte for byte, run.json and
the SQLite rows and schema after dropping what differs between any two runs (times, memory,
paths, the code fingerprint that a moved or edited file changes on purpose).

    git stash / git checkout BASE
    python3 scripts/compare_outputs.py /tmp/ref --write     # the reference, from BASE
    git checkout -                                           # back to the change
    python3 scripts/compare_outputs.py /tmp/ref             # exit 0: identical, 1: differences

Run it from the repository root: each run is a subprocess started there, so the checkout's
own code is what runs (not an installed lvpress).
"""
from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH_DOCS = 400
BENCH_SEED = 1

# run.json / SQLite `run` keys that differ between two runs of the same code on the same input
VOLATILE = {"started", "seconds", "peak_rss_mb", "stage_seconds", "rules_fingerprint", "sqlite_reuse_key"}
# config entries that name this run's own folders (the bench input is a temporary one)
VOLATILE_CONFIG = {"input", "out", "cache_dir"}


def build_bench(dst: Path) -> None:
    """The generated bench documents, written by this checkout's `pipeline` package."""
    code = ("import sys; from pathlib import Path; from pipeline.run.bench import build_corpus; "
            "build_corpus(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))")
    subprocess.run([sys.executable, "-c", code, str(dst), str(BENCH_DOCS), str(BENCH_SEED)],
                   cwd=REPO, check=True)


def run_pipeline(src: Path, out: Path, cache: Path) -> None:
    subprocess.run([sys.executable, "-m", "pipeline.cli", "run", str(src), "-o", str(out), "-q",
                    "--model", "fast", "--no-cache", "--workers", "1", "--cache-dir", str(cache)],
                   cwd=REPO, check=True)


def write_outputs(dst: Path, inputs: dict[str, Path]) -> None:
    with tempfile.TemporaryDirectory(prefix="lvpress-compare-cache-") as cache:
        for name, src in inputs.items():
            run_pipeline(src, dst / name, Path(cache) / name)


def stable_run_info(info: dict) -> dict:
    info = {k: v for k, v in info.items() if k not in VOLATILE}
    info["config"] = {k: v for k, v in info.get("config", {}).items() if k not in VOLATILE_CONFIG}
    info.get("cache", {}).pop("dir", None)
    return info


def sqlite_content(path: Path) -> dict:
    """Schema and rows of every table; the `run` table as stable_run_info keeps it."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        content = {"schema": sorted(con.execute("SELECT type, name, sql FROM sqlite_master").fetchall(),
                                    key=lambda r: (r[0], r[1]))}
        for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
            rows = con.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall()
            if table == "run":
                rows = sorted(stable_run_info({k: json_or_text(v) for k, v in rows}).items())
                rows = [(k, json.dumps(v, sort_keys=True)) for k, v in rows]
            content[table] = rows
        return content
    finally:
        con.close()


def json_or_text(value: str):
    try:
        return json.loads(value)
    except (TypeError, ValueError):
        return value


def compare_folder(ref: Path, new: Path) -> list[str]:
    """One line per difference between two output folders."""
    problems = []
    names = {p.name for p in ref.iterdir() if p.is_file()} | {p.name for p in new.iterdir() if p.is_file()}
    for name in sorted(names):
        a, b = ref / name, new / name
        if not (a.exists() and b.exists()):
            problems.append(f"{name}: only in {'reference' if a.exists() else 'new outputs'}")
        elif name == "run.json":
            if stable_run_info(json.loads(a.read_text("utf-8"))) != stable_run_info(json.loads(b.read_text("utf-8"))):
                problems.append("run.json: differs outside times, paths and fingerprints")
        elif name.endswith(".sqlite"):
            old, cur = sqlite_content(a), sqlite_content(b)
            problems += [f"{name}: table {t} differs" for t in sorted(old.keys() | cur.keys())
                         if old.get(t) != cur.get(t)]
        elif a.read_bytes() != b.read_bytes():
            problems.append(f"{name}: bytes differ")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("ref", type=Path, help="reference folder (written with --write, else compared against)")
    parser.add_argument("--write", action="store_true", help="write the reference from this checkout")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared",
                        help="the folder holding dev/articles and seeds (default: %(default)s)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="lvpress-compare-") as tmp:
        bench = Path(tmp) / "bench"
        build_bench(bench)
        inputs = {"dev": args.shared / "dev" / "articles", "seeds": args.shared / "seeds", "bench": bench}
        if args.write:
            write_outputs(args.ref, inputs)
            print(f"reference written to {args.ref}")
            return 0
        new = Path(tmp) / "new"
        write_outputs(new, inputs)
        failed = False
        for name in inputs:
            problems = compare_folder(args.ref / name, new / name)
            files = len([p for p in (new / name).iterdir() if p.is_file()])
            print(f"{name}: {'identical' if not problems else 'DIFFERENT'} ({files} files)")
            for line in problems:
                print(f"  {line}")
            failed |= bool(problems)
        return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
