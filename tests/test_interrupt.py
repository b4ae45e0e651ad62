"""Killing a run at any point leaves the previous complete output set, and a re-run finishes."""
import csv
import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest

from conftest import ROOT

OUTPUTS = ["documents.csv", "sentences.csv", "mentions.csv", "money.csv", "events.csv", "projects.csv", "people.csv",
           "run.json"]


def make_corpus(dst, n):
    """n distinct documents: the sample articles with other figures and dates."""
    dst.mkdir()
    seeds = sorted((ROOT / "corpus").glob("*.txt"))
    rnd = random.Random(n)
    for i in range(n):
        text = seeds[i % len(seeds)].read_text(encoding="utf-8")
        text += f"\n\nProjekta LLI-{100 + i} kopējais budžets ir {rnd.randint(1000, 999999)} eiro, " \
                f"tostarp ERAF finansējums {rnd.randint(100, 999)},{rnd.randint(10, 99)} eiro. " \
                f"Sanāksme notiks 2019. gada {1 + i % 28}. martā."
        (dst / f"doc{i:03d}.txt").write_text(text, encoding="utf-8")


def snapshot(out):
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def consistent(out):
    docs = list(csv.DictReader(open(out / "documents.csv", encoding="utf-8")))
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    ids = {d["doc_id"] for d in docs}
    assert run["documents"]["total"] == len(docs)
    for name in ("mentions.csv", "money.csv", "sentences.csv"):
        rows = list(csv.DictReader(open(out / name, encoding="utf-8")))
        assert run["counts"][name] == len(rows)
        assert {r["doc_id"] for r in rows} <= ids


def command(src, out):
    return [sys.executable, "-m", "pipeline.cli", "run", str(src), "-o", str(out), "-q", "--model", "none",
            "--workers", "1", "--batch-size", "4"]


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
def test_kill_and_rerun(tmp_path, sig):
    src, out = tmp_path / "in", tmp_path / "out"
    make_corpus(src, 12)
    subprocess.run(command(src, out), check=True, cwd=ROOT)
    before = snapshot(out)
    make_corpus(src / "new", 36)  # new documents: the killed run must not show any of them
    rnd = random.Random(int(sig))
    proc = subprocess.Popen(command(src, out), cwd=ROOT, stderr=subprocess.PIPE)
    cache = out / ".cache"
    deadline = time.time() + 60
    while time.time() < deadline and proc.poll() is None:
        entries = sum(1 for _ in cache.rglob("*.pkl.z"))
        if entries >= 12 + 1 + rnd.randint(0, 4):  # the old 12 plus some new documents are cached
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the run finished before it could be interrupted"
    os.kill(proc.pid, sig)
    proc.wait(timeout=60)
    assert proc.returncode != 0
    assert snapshot(out) == before, "a killed run must leave the previous outputs untouched"
    if sig == signal.SIGINT:
        assert proc.returncode == 130 and b"interrupted" in proc.stderr.read()
    consistent(out)
    done = subprocess.run(command(src, out), cwd=ROOT)
    assert done.returncode == 0
    consistent(out)
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert run["documents"]["total"] == 48 and run["cache"]["hits"] >= 13
    assert not list(tmp_path.glob(".out.staging-*"))
