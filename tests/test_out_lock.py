"""One run per output folder: a second run is refused or waits; stale staging folders go."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.run.bench import build_corpus
from pipeline.cli import main
from pipeline.outputs.out_lock import lock_path

from conftest import ROOT


@pytest.fixture(scope="module")
def articles(tmp_path_factory):
    src = tmp_path_factory.mktemp("articles")
    build_corpus(src, 150, seed=3)
    return src


def start_run(src: Path, out: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "pipeline.cli", "run", str(src), "-o", str(out), "-q",
                             "--model", "none", "--workers", "1", *extra], cwd=ROOT, stderr=subprocess.PIPE,
                            text=True)


def wait_for_owner(out: Path, proc: subprocess.Popen) -> None:
    owner = lock_path(out).with_suffix(".lock.owner")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if json.loads(owner.read_text())["pid"] == proc.pid:
                return
        except (OSError, ValueError):
            pass
        assert proc.poll() is None, proc.stderr.read()
        time.sleep(0.05)
    raise AssertionError("the first run never took the lock")


def test_a_second_run_into_the_same_folder_is_refused_and_the_first_completes(articles, tmp_path, caplog):
    out = tmp_path / "out"
    first = start_run(articles, out)
    wait_for_owner(out, first)
    assert main(["run", str(articles), "-o", str(out), "-q", "--model", "none"]) == 2
    assert f"being written by process {first.pid}" in caplog.text
    assert first.wait(timeout=300) == 0, first.stderr.read()
    documents = (out / "documents.csv").read_text(encoding="utf-8").splitlines()
    assert len(documents) == 151
    assert json.loads((out / "run.json").read_text())["counts"]


def test_wait_starts_when_the_first_run_has_finished(articles, tmp_path):
    out = tmp_path / "out"
    first = start_run(articles, out)
    wait_for_owner(out, first)
    second = start_run(articles, out, "--wait")
    assert first.wait(timeout=300) == 0, first.stderr.read()
    assert second.wait(timeout=300) == 0, second.stderr.read()
    assert "waiting for it to finish" in second.stderr.read()
    assert len((out / "documents.csv").read_text(encoding="utf-8").splitlines()) == 151


def _dead_pid() -> int:
    pid = 4_000_000
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return pid
        pid -= 1


def test_stale_staging_folders_are_removed_and_live_ones_kept(tmp_path):
    corpus = ROOT / "corpus"
    out = tmp_path / "out"
    stale = tmp_path / f".out.staging-{_dead_pid()}-abc"
    live = tmp_path / f".out.staging-{os.getpid()}-xyz"
    for folder in (stale, live):
        folder.mkdir()
        (folder / "documents.csv").write_text("half written\n")
    assert main(["run", str(corpus), "-o", str(out), "-q", "--model", "none"]) == 0
    assert not stale.exists()
    assert live.exists()
