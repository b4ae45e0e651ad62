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

A view is compared by its SQL, or, where the change rewrote that, by its rows (a view of the
reference may become a table of the same name: its rows are then compared on the
reference's columns). Outputs that lvpress adds (``ADDED``) are listed, not counted as
differences, when the reference predates them; once it has them they are compared like the rest.

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
# outputs newer than some references: files, and SQLite objects as (type, name)
ADDED = {"conflict_values.csv"}
ADDED_SQLITE = {("table", "conflict_values"), ("index", "idx_conflict_values_project_code"),
                ("index", "idx_conflict_values_project_key")}


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


def run_info_differences(ref: dict, new: dict) -> list[str]:
    """Where the two runs' info disagree outside times, paths, fingerprints and the counts of
    files the reference predates: one ``key: reference -> new`` per differing key."""
    ref, new = stable_run_info(ref), stable_run_info(new)
    for name in ADDED - ref.get("counts", {}).keys():
        new.get("counts", {}).pop(name, None)
    return list(_differences(ref, new, ""))


def _differences(ref, new, at: str):
    if isinstance(ref, dict) and isinstance(new, dict):
        for key in sorted(ref.keys() | new.keys(), key=str):
            yield from _differences(ref.get(key, "<absent>"), new.get(key, "<absent>"), f"{at}.{key}" if at else str(key))
    elif ref != new:
        yield f"{at}: {ref!r} -> {new!r}"


def json_or_text(value: str):
    try:
        return json.loads(value)
    except (TypeError, ValueError):
        return value


def sqlite_content(path: Path) -> dict:
    """``schema``: (type, name) -> SQL of every object; ``rows``: table -> its rows in rowid
    order, the ``run`` table as a dict like run.json."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        schema = {(t, name): sql for t, name, sql in con.execute("SELECT type, name, sql FROM sqlite_master")}
        rows = {}
        for table in (name for t, name in schema if t == "table"):
            rows[table] = con.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall()
        if "run" in rows:
            rows["run"] = {k: json_or_text(v) for k, v in rows["run"]}
        return {"schema": schema, "rows": rows}
    finally:
        con.close()


def view_rows(path: Path, name: str, columns: list[str] | None = None) -> tuple[list[str], list[tuple]]:
    """(columns, sorted rows) of a view, or of the given columns of whatever holds that name."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        what = ", ".join(f'"{c}"' for c in columns) if columns else "*"
        cur = con.execute(f'SELECT {what} FROM "{name}"')
        return [d[0] for d in cur.description], sorted(cur.fetchall(), key=repr)
    except sqlite3.Error as e:
        return [], [("unreadable", str(e))]
    finally:
        con.close()


def compare_sqlite(name: str, ref: Path, new: Path) -> tuple[list[str], list[str]]:
    """(differences, additions) between two databases."""
    old, cur = sqlite_content(ref), sqlite_content(new)
    problems, added = [], []
    for (kind, obj), sql in sorted(old["schema"].items()):
        if kind == "view" and cur["schema"].get(("view", obj)) != sql:
            columns, rows = view_rows(ref, obj)
            got = view_rows(new, obj, columns)[1]
            if got != rows:
                lost, extra = [r for r in rows if r not in got], [r for r in got if r not in rows]
                problems.append(f"{name}: view {obj}: {len(lost)} of its {len(rows)} rows differ, "
                                f"e.g. {lost[:1]} -> {extra[:1]}")
        elif kind != "view" and cur["schema"].get((kind, obj)) != sql:
            problems.append(f"{name}: {kind} {obj} differs in its schema")
        elif obj == "run" and kind == "table":
            problems += [f"{name}: table run: {d}" for d in run_info_differences(old["rows"]["run"], cur["rows"]["run"])]
        elif kind == "table" and cur["rows"].get(obj) != old["rows"][obj]:
            problems.append(f"{name}: table {obj} differs")
    for kind, obj in sorted(cur["schema"].keys() - old["schema"].keys()):
        if (kind, obj) not in ADDED_SQLITE:
            problems.append(f"{name}: {kind} {obj} only in new outputs")
        elif ("view", obj) not in old["schema"]:  # else compared above, as the view it replaces
            added.append(f"{name}: {kind} {obj}")
    return problems, added


def compare_folder(ref: Path, new: Path) -> tuple[list[str], list[str]]:
    """(one line per difference, one per addition) between two output folders."""
    problems, added = [], []
    names = {p.name for p in ref.iterdir() if p.is_file()} | {p.name for p in new.iterdir() if p.is_file()}
    for name in sorted(names):
        a, b = ref / name, new / name
        if name in ADDED and not a.exists():
            added.append(name)
        elif not (a.exists() and b.exists()):
            problems.append(f"{name}: only in {'reference' if a.exists() else 'new outputs'}")
        elif name == "run.json":
            problems += [f"run.json: {d}" for d in run_info_differences(json.loads(a.read_text("utf-8")),
                                                                        json.loads(b.read_text("utf-8")))]
        elif name.endswith(".sqlite"):
            found, new_objects = compare_sqlite(name, a, b)
            problems += found
            added += new_objects
        elif a.read_bytes() != b.read_bytes():
            problems.append(f"{name}: bytes differ")
    return problems, added


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
            problems, added = compare_folder(args.ref / name, new / name)
            files = len([p for p in (new / name).iterdir() if p.is_file()])
            print(f"{name}: {'identical' if not problems else 'DIFFERENT'} ({files} files)")
            for line in problems:
                print(f"  {line}")
            for line in added:
                print(f"  added: {line}")
            failed |= bool(problems)
        return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
