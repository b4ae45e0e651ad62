"""Incremental re-runs, worker processes and a real Dask cluster give the same outputs."""
import json
import os
from pathlib import Path
import shutil
import signal
import subprocess
import sys
import time

import pytest

from conftest import ROOT
from pipeline.cli import main

OUTPUTS = ["documents.csv", "sentences.csv", "mentions.csv", "money.csv", "events.csv", "projects.csv", "people.csv"]


def outputs(out):
    return {name: (out / name).read_bytes() for name in OUTPUTS}


@pytest.fixture
def corpus(tmp_path):
    src = tmp_path / "in"
    shutil.copytree(ROOT / "corpus", src)
    return src


def test_rerun_reuses_the_cache_and_processes_only_new_documents(corpus, tmp_path):
    out = tmp_path / "out"
    assert main(["run", str(corpus), "-o", str(out), "-q", "--model", "none", "--workers", "1"]) == 0
    first = outputs(out)
    assert json.loads((out / "run.json").read_text())["cache"]["hits"] == 0
    assert main(["run", str(corpus), "-o", str(out), "-q", "--model", "none", "--workers", "1"]) == 0
    assert json.loads((out / "run.json").read_text())["cache"]["hits"] == 5
    assert outputs(out) == first  # cached results write the same bytes
    (corpus / "new.txt").write_text("Projekta LLI-317 kopējais budžets ir 791 256,20 eiro.", encoding="utf-8")
    assert main(["run", str(corpus), "-o", str(out), "-q", "--model", "none", "--workers", "1"]) == 0
    summary = json.loads((out / "run.json").read_text())
    assert summary["cache"] == {"dir": str(out / ".cache"), "hits": 5, "computed": 1}
    assert "LLI-317" in (out / "projects.csv").read_text() and summary["documents"]["total"] == 6


def test_changed_rules_or_extractors_invalidate_the_cache(corpus, tmp_path):
    out = tmp_path / "out"
    args = ["run", str(corpus), "-o", str(out), "-q", "--model", "none", "--workers", "1"]
    assert main(args) == 0
    assert main(args + ["--extractors", "project_codes,money"]) == 0
    assert json.loads((out / "run.json").read_text())["cache"]["hits"] == 0
    assert main(args + ["--no-cache"]) == 0
    assert json.loads((out / "run.json").read_text())["cache"]["hits"] == 0


def test_worker_processes_write_the_same_bytes(corpus, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert main(["run", str(corpus), "-o", str(a), "-q", "--model", "none", "--workers", "1"]) == 0
    assert main(["run", str(corpus), "-o", str(b), "-q", "--model", "none", "--workers", "2", "--batch-size", "2"]) == 0
    assert outputs(a) == outputs(b)
    assert json.loads((b / "run.json").read_text())["peak_rss_mb"]["main"] > 0


def _sleep_then_pid(docs, *setup):
    """A stand-in for the per-document stages: sleeps docs[0] seconds, tells who ran it."""
    time.sleep(docs[0])
    return [(str(os.getpid()).encode(), {})]


@pytest.fixture
def engines():
    """pipeline.run.engines, with a minute's alarm: a hung engine fails its test instead of CI."""
    import signal

    import pipeline.run.engines

    def hung(signum, frame):
        raise TimeoutError("the engine hung")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    yield pipeline.run.engines
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def _gone(pids) -> bool:
    """Whether these processes have all exited within 5 s."""
    for _ in range(50):
        if not [pid for pid in pids if Path(f"/proc/{pid}").exists()
                and "zombie" not in Path(f"/proc/{pid}/status").read_text()]:
            return True
        time.sleep(0.1)
    return False


def test_local_workers_load_the_model_once_and_all_take_tasks(engines, tmp_path, monkeypatch):
    loads = tmp_path / "loads"
    monkeypatch.setattr(engines, "_init_worker", lambda *setup: loads.open("a").write(f"{os.getpid()}\n"))
    monkeypatch.setattr(engines, "process_batch", _sleep_then_pid)
    engine = engines.ProcessEngine("none", [], workers=3)
    try:
        tasks = [engine.submit([0.3]) for _ in range(6)]
        pids = {blob for task in tasks for blob, _ in task.result()}
    finally:
        engine.close()
    assert len(loads.read_text().split()) == 1  # the workers are forked after the model is loaded
    assert len(pids) == 3


@pytest.mark.parametrize("where", ["process_batch", "_init_worker"])  # the rules; loading the model
def test_a_worker_error_reaches_the_runner_instead_of_hanging_it(engines, monkeypatch, where):
    def broken(docs, *setup):
        raise ValueError("rules crashed")

    monkeypatch.setattr(engines, where, broken)
    engine = engines.ProcessEngine("none", [], workers=2)
    try:
        with pytest.raises(ValueError, match="rules crashed"):
            engine.submit(["doc"]).result()
    finally:
        engine.close()


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="looks for the worker processes in /proc")
def test_a_dead_worker_stops_the_run_instead_of_hanging_it(engines, monkeypatch):
    def killed(docs, *setup):
        if docs[0] == "oom":
            os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's OOM killer would
        return _sleep_then_pid([0.3])

    monkeypatch.setattr(engines, "process_batch", killed)
    engine = engines.ProcessEngine("none", [], workers=2)
    try:
        pids = {int(blob) for task in [engine.submit([0]) for _ in range(4)] for blob, _ in task.result()}
        with pytest.raises(RuntimeError, match="worker processes stopped"):
            engine.submit(["oom"]).result()
    finally:
        engine.close(abort=True)
    assert _gone(pids)


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="looks for the worker processes in /proc")
def test_an_aborted_run_stops_every_worker(engines, monkeypatch):
    monkeypatch.setattr(engines, "process_batch", _sleep_then_pid)
    engine = engines.ProcessEngine("none", [], workers=2)
    pids = {int(blob) for task in [engine.submit([0.3]) for _ in range(4)] for blob, _ in task.result()}
    for _ in range(2):
        engine.submit([60])  # both workers busy for a minute
    time.sleep(0.5)
    started = time.monotonic()
    engine.close(abort=True)
    assert time.monotonic() - started < 10
    assert len(pids) == 2 and _gone(pids)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the kernel's parent-death signal is Linux's")
def test_workers_die_with_a_killed_parent(engines, monkeypatch):
    monkeypatch.setattr(engines, "process_batch", _sleep_then_pid)
    engine = engines.ProcessEngine("none", [], workers=2)
    try:
        pids = {int(blob) for task in [engine.submit([0.3]) for _ in range(4)] for blob, _ in task.result()}
        os.kill(engine.process.pid, signal.SIGKILL)  # nothing of ours runs to stop them
        assert len(pids) == 2 and _gone(pids)
    finally:
        engine.close(abort=True)


def test_dask_local_cluster_writes_the_same_bytes(corpus, tmp_path):
    pytest.importorskip("dask.distributed")
    from dask.distributed import LocalCluster

    a, b = tmp_path / "a", tmp_path / "b"
    assert main(["run", str(corpus), "-o", str(a), "-q", "--model", "none", "--workers", "1"]) == 0
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        assert main(["run", str(corpus), "-o", str(b), "-q", "--model", "none", "--engine", "dask",
                     "--scheduler", cluster.scheduler_address, "--batch-size", "3"]) == 0
    assert outputs(a) == outputs(b)


def test_rules_change_reuses_the_model_output_and_writes_the_same_bytes(corpus, tmp_path, monkeypatch):
    """Editing a rule recomputes the rules' results but never runs the model again."""
    from pipeline.run import runner
    from pipeline.model.nlp import load_model

    out = tmp_path / "out"
    args = ["run", str(corpus), "-o", str(out), "-q", "--workers", "1"]
    assert main(args) == 0
    first = outputs(out)
    nlp = load_model("auto")
    calls = []
    pipe = nlp.pipe
    monkeypatch.setattr(nlp, "pipe", lambda texts, **kw: calls.append(1) or pipe(texts, **kw))
    monkeypatch.setattr(runner, "rules_fingerprint", lambda: "edited-rules")
    assert main(args) == 0
    assert json.loads((out / "run.json").read_text())["cache"]["hits"] == 0  # the rules' results were redone
    assert calls == [] and outputs(out) == first
    assert main(args + ["--no-cache"]) == 0  # recomputes everything, the model's output too
    assert calls and outputs(out) == first


def test_the_model_output_cache_gives_back_the_same_annotations(tmp_path):
    """Tokens, spaces, lemmas, morphology and entities survive the cache; a changed sentence
    split or a damaged entry is a miss, never a wrong answer."""
    from pipeline.model.nlp import AnnotationCache, load_model

    nlp = load_model("auto")
    texts = ["Ilmārs Matvejs 2019. gada 5.-6. februārī apmeklēja Kretingu un Rokišķus.",
             "",  # an empty sentence keeps its place
             "Zemgales plānošanas reģions saņēma 791 256,20 eiro  no ERAF."]
    docs = list(nlp.pipe(texts))
    spans = [(0, 73), (74, 74), (75, 135)]
    cache = AnnotationCache(tmp_path, "auto")
    cache.put("abc123", spans, docs)

    def view(d):
        return [(t.text, t.whitespace_, t.lemma_, t.pos_, str(t.morph), t.ent_iob_, t.ent_type_) for t in d]

    back = cache.get("abc123", spans, nlp.vocab)
    assert [view(d) for d in back] == [view(d) for d in docs]
    assert [(e.text, e.label_) for e in back[0].ents] == [(e.text, e.label_) for e in docs[0].ents]
    assert any(e.label_ for e in back[0].ents)  # the test sentence does hold entities
    assert cache.get("abc123", [(0, 74)] + spans[1:], nlp.vocab) is None
    assert AnnotationCache(tmp_path, "auto", read=False).get("abc123", spans, nlp.vocab) is None
    entry = next(tmp_path.rglob("abc123-*"))
    entry.write_bytes(entry.read_bytes()[:20])
    assert cache.get("abc123", spans, nlp.vocab) is None


def test_a_retrained_model_has_another_identity(tmp_path):
    from pipeline.config import shipped_model_path
    from pipeline.model.nlp import model_identity

    copy = tmp_path / "model"
    shutil.copytree(shipped_model_path(), copy)
    before = model_identity(str(copy))
    (copy / "ner" / "model").write_bytes((copy / "ner" / "model").read_bytes() + b"\0")
    model_identity.cache_clear()
    after = model_identity(str(copy))
    assert before["name"] == after["name"] and before["version"] == after["version"]
    assert before["fingerprint"] != after["fingerprint"]


def test_a_moved_file_is_a_cache_hit_under_its_new_name(corpus, tmp_path):
    out = tmp_path / "out"
    args = ["run", str(corpus), "-o", str(out), "-q", "--model", "none", "--workers", "1"]
    assert main(args) == 0
    name = sorted(p.name for p in corpus.glob("*.txt"))[0]
    (corpus / name).rename(corpus / f"moved-{name}")
    assert main(args) == 0
    assert json.loads((out / "run.json").read_text())["cache"]["hits"] == 5
    for table in ("documents.csv", "mentions.csv"):
        text = (out / table).read_text(encoding="utf-8")
        assert f"moved-{name}" in text and f",{corpus / name}," not in text


def test_rules_fingerprint_hashes_every_file_of_the_rules_wing_and_nothing_else(tmp_path, monkeypatch):
    import importlib.resources
    import shutil

    from pipeline.config import rules_fingerprint

    package = tmp_path / "pipeline"
    for wing in ("rules", "data"):
        shutil.copytree(ROOT / "pipeline" / wing, package / wing)
    shutil.copy(ROOT / "pipeline" / "lexicon.py", package)
    monkeypatch.setattr(importlib.resources, "files", lambda name: package)
    before = rules_fingerprint()
    (package / "outputs").mkdir()
    (package / "outputs" / "report.py").write_text("ROWS = 1\n", encoding="utf-8")
    assert rules_fingerprint() == before
    (package / "rules" / "new_family.py").write_text("WORDS = ('projekts',)\n", encoding="utf-8")
    assert rules_fingerprint() != before
    edited = rules_fingerprint()
    (package / "lexicon.py").write_text("CAPITAL_NEXT = None\n", encoding="utf-8")
    assert rules_fingerprint() != edited


def test_bench_reports_every_measure_and_ratio(tmp_path, capsys):
    report = tmp_path / "bench.json"
    assert main(["bench", "--docs", "12", "--model", "none", "--workers", "2", "--repeat", "2",
                 "--compare", "", "--json", str(report)]) == 0
    result = json.loads(report.read_text())
    for key in ("e2e_1_worker", "e2e_all_workers", "bare_model_pipe", "tokenizer_only"):
        assert result[key]["seconds"] > 0 and result[key]["words_per_s"] > 0
    assert set(result["ratios"]) == {"e2e_1_worker_vs_bare_model", "all_workers_vs_1_worker", "warm_rerun_vs_cold",
                                     "first_rerun_wall_vs_cold"}
    first = result["first_rerun"]
    assert first["wall"] >= result["warm_rerun_1pct_new"]["seconds"]  # the first try, not the best
    assert sum(first["parts"].values()) == pytest.approx(first["wall"], abs=0.05)
    warm = result["warm_rerun_1pct_new"]
    assert warm["cache_hits"] == 12 and warm["new_docs"] == 1  # each warm try found the cold run's cache alone
    assert "end to end, 2 workers" in capsys.readouterr().out


def test_first_rerun_breakdown_puts_the_writing_where_it_happens(monkeypatch):
    """The runner's "write" seconds hold the cache reads but not the waits for the workers, so
    the writing is "write" less the reads; the parts add up to the wall clock."""
    from pipeline.run import bench

    monkeypatch.setattr(bench.subprocess, "run", lambda *a, **k: None)  # interpreter and imports: ~0 s
    stages = {"model_identity": 0.1, "ingest": 0.2, "read_cache": 0.5, "process": 2.0, "write": 1.5,
              "consolidate": 0.3}
    parts = bench.first_rerun_breakdown(5.0, {"seconds": 4.5, "stage_seconds": stages})["parts"]
    assert parts["writing"] == pytest.approx(1.0)
    assert parts["reading the input"] == pytest.approx(0.2)
    assert parts["rest of the run"] == pytest.approx(4.5 - 0.1 - 0.2 - 0.5 - 2.0 - 1.0 - 0.3, abs=0.01)
    assert sum(parts.values()) == pytest.approx(5.0, abs=0.01)


def test_first_rerun_breakdown_caps_start_up_by_the_time_outside_the_run(monkeypatch):
    """On a busy machine the fresh processes that time start-up can take longer than the run's
    own start did: the estimate never makes the parts exceed the wall clock."""
    from pipeline.run import bench

    clock = iter([0.0, 2.0, 10.0, 14.0])  # interpreter 2 s, imports 4 s: more than the 1.5 s outside
    monkeypatch.setattr(bench.time, "perf_counter", lambda: next(clock))
    monkeypatch.setattr(bench.subprocess, "run", lambda *a, **k: None)
    parts = bench.first_rerun_breakdown(5.0, {"seconds": 3.5, "stage_seconds": {"process": 3.0}})["parts"]
    assert parts["interpreter"] + parts["imports"] + parts["sqlite, swap and exit"] == pytest.approx(1.5)
    assert sum(parts.values()) == pytest.approx(5.0, abs=0.01)


def test_bench_reports_both_models_side_by_side(tmp_path, capsys):
    report = tmp_path / "bench.json"
    assert main(["bench", "--docs", "4", "--model", "none", "--workers", "1", "--repeat", "1",
                 "--compare", "fast,accurate", "--json", str(report)]) == 0
    result = json.loads(report.read_text())
    models = result["models_1_worker"]
    assert models["fast"]["model"]["choice"] == "fast" and models["accurate"]["model"]["choice"] == "accurate"
    assert result["ratios"]["accurate_vs_fast_1_worker"] == pytest.approx(
        models["accurate"]["words_per_s"] / models["fast"]["words_per_s"])
    assert "--model accurate" in capsys.readouterr().out


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="VmHWM is Linux's")
def test_the_runner_keeps_no_results_in_memory_for_the_cross_document_tables(corpus, tmp_path, monkeypatch):
    """Memory stays flat however many documents: their slim results wait in a file, so when
    consolidation starts no result is alive in the runner; the file is gone after the run."""
    import gc

    from pipeline.records import DocResult
    from pipeline.run import sinks

    seen = {}

    def consolidate(results, summaries):
        gc.collect()
        seen.update(alive=sum(isinstance(o, DocResult) for o in gc.get_objects()), waiting=len(results))
        return real(results, summaries)

    real = sinks.consolidate
    monkeypatch.setattr(sinks, "consolidate", consolidate)
    out = tmp_path / "out"
    for _ in range(2):  # computed, then from the cache
        assert main(["run", str(corpus), "-o", str(out), "-q", "--model", "none", "--workers", "1"]) == 0
        assert seen == {"alive": 0, "waiting": 5}
        assert not [p for p in tmp_path.rglob("*") if "slim" in p.name or "staging" in p.name]


def test_peak_memory_is_the_runs_own_not_its_parents(corpus, tmp_path):
    """A run started from a big process (a notebook, the benchmark) reports its own peak."""
    import subprocess
    import sys

    ballast = bytearray(400 * 2 ** 20)  # the parent holds 400 MiB
    ballast[::4096] = b"\1" * len(ballast[::4096])
    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "pipeline.cli", "run", str(corpus), "-o", str(out), "-q",
                    "--model", "none", "--workers", "1"], check=True)
    peak = json.loads((out / "run.json").read_text())["peak_rss_mb"]["main"]
    assert 0 < peak < 300, peak
    del ballast


def database(path):
    """Every table's rows (sorted: an updated database appends) and every view's row count."""
    import sqlite3

    con = sqlite3.connect(path)
    try:
        names = con.execute("SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view', 'index') "
                            "ORDER BY type, name").fetchall()
        tables = {n: sorted(con.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr)
                  for t, n in names if t == "table" and n != "run"}
        views = {n: con.execute(f'SELECT COUNT(*) FROM "{n}"').fetchone()[0] for t, n in names if t == "view"}
        run = dict(con.execute("SELECT key, value FROM run").fetchall())
    finally:
        con.close()
    return names, tables, views, run


def test_a_rerun_updates_the_previous_database_to_what_a_fresh_run_builds(corpus, tmp_path, caplog):
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    args = ["-q", "--model", "none", "--workers", "1"]
    assert main(["run", str(corpus), "-o", str(out), *args]) == 0
    assert json.loads((out / "run.json").read_text())["sqlite"] == {"built": "from the CSV files"}
    names = sorted(p.name for p in corpus.glob("*.txt"))
    (corpus / names[0]).unlink()  # removed
    (corpus / names[1]).rename(corpus / f"moved-{names[1]}")  # same content, new name
    changed = corpus / names[2]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\nProjekta budžets ir 10 000 eiro.", encoding="utf-8")
    (corpus / "new.txt").write_text("Projekta LLI-317 kopējais budžets ir 791 256,20 eiro.", encoding="utf-8")
    (corpus / "broken.txt").write_bytes(b"%PDF-1.4 not text")
    assert main(["run", str(corpus), "-o", str(out), *args]) == 1  # the broken file fails, the rest is done
    assert json.loads((out / "run.json").read_text())["sqlite"] == {
        "built": "from the previous lvpress.sqlite", "kept_documents": 2, "added_documents": 4}
    assert "background SQLite load failed" not in caplog.text  # the update itself, not the fallback
    assert main(["run", str(corpus), "-o", str(fresh), *args]) == 1
    updated, built = database(out / "lvpress.sqlite"), database(fresh / "lvpress.sqlite")
    assert updated[:3] == built[:3]  # same tables, indexes and views; same rows
    assert updated[3]["documents"] == built[3]["documents"]
    assert (out / "documents.csv").read_bytes() == (fresh / "documents.csv").read_bytes()


def test_a_database_with_tables_of_someone_elses_is_built_afresh(corpus, tmp_path):
    import sqlite3

    out = tmp_path / "out"
    args = ["run", str(corpus), "-o", str(out), "-q", "--model", "none", "--workers", "1"]
    assert main(args) == 0
    con = sqlite3.connect(out / "lvpress.sqlite")
    with con:
        con.execute("CREATE TABLE my_notes (doc_id TEXT, note TEXT)")
    con.close()
    assert main(args) == 0
    assert json.loads((out / "run.json").read_text())["sqlite"] == {"built": "from the CSV files"}
    assert "my_notes" not in {n for _, n, *_ in database(out / "lvpress.sqlite")[0]}
    assert main(args + ["--extractors", "project_codes,money"]) == 0  # other results: not reused either
    assert json.loads((out / "run.json").read_text())["sqlite"] == {"built": "from the CSV files"}


def test_an_unreadable_cache_entry_is_recomputed(corpus, tmp_path):
    out = tmp_path / "out"
    args = ["run", str(corpus), "-o", str(out), "-q", "--model", "none", "--workers", "2", "--batch-size", "2"]
    assert main(args) == 0
    first = outputs(out)
    entries = sorted((out / ".cache").glob("*/*.pkl.z"))
    entries[0].write_bytes(b"damaged")
    assert main(args) == 0
    assert outputs(out) == first
    assert json.loads((out / "run.json").read_text())["cache"]["hits"] == 4


def test_new_documents_go_to_the_workers_before_cached_ones_are_read(corpus, tmp_path, monkeypatch):
    import pipeline.run.cache
    import pipeline.run.engines

    out = tmp_path / "out"
    args = ["run", str(corpus), "-o", str(out), "-q", "--model", "none", "--workers", "1", "--batch-size", "2"]
    assert main(args) == 0
    (corpus / "zz-new.txt").write_text("Projekta LLI-317 kopējais budžets ir 791 256,20 eiro.", encoding="utf-8")
    events = []
    get, submit = pipeline.run.cache.DocCache.get, pipeline.run.engines.SerialEngine.submit
    monkeypatch.setattr(pipeline.run.cache.DocCache, "get", lambda self, doc: events.append("read") or get(self, doc))
    monkeypatch.setattr(pipeline.run.engines.SerialEngine, "submit",
                        lambda self, docs: events.append("submit") or submit(self, docs))
    assert main(args) == 0
    assert events == ["submit"] + ["read"] * 5  # the new one sorts last, yet is handed over first
    assert json.loads((out / "run.json").read_text())["cache"] == {"dir": str(out / ".cache"), "hits": 5, "computed": 1}


def test_every_annotating_module_of_the_model_wing_keys_the_per_document_cache():
    """A cached result is reused only with the code that made its annotations: every module of
    model/ is hashed into the entry key unless it only trains or evaluates."""
    from pipeline.run.cache import ANNOTATING_CODE, entry_code_key

    names = {p.name for p in (ROOT / "pipeline" / "model").glob("*.py")}
    offline = {n for n in names if n.startswith(("train", "eval"))} | {"__init__.py", "conll.py", "nlp.py"}
    assert names - offline == set(ANNOTATING_CODE)
    assert len(entry_code_key()) == 16


def test_a_new_module_of_the_ingest_wing_keys_the_per_document_cache(tmp_path, monkeypatch):
    import shutil

    from pipeline import records
    from pipeline.run.cache import entry_code_key

    package = tmp_path / "pipeline"
    for wing in ("ingest", "model"):
        shutil.copytree(ROOT / "pipeline" / wing, package / wing)
    shutil.copy(records.__file__, package)
    monkeypatch.setattr(records, "__file__", str(package / "records.py"))
    before = entry_code_key()
    (package / "model" / "train_other.py").write_text("EPOCHS = 3\n", encoding="utf-8")
    assert entry_code_key() == before
    (package / "ingest" / "epub_text.py").write_text("SUFFIXES = ('.epub',)\n", encoding="utf-8")
    assert entry_code_key() != before


def test_an_engine_never_given_a_task_stops_without_waiting_for_its_imports(engines, monkeypatch):
    """A re-run with nothing new must not wait while the workers' parent imports spaCy."""
    monkeypatch.setattr(engines, "_import_libraries", lambda model: time.sleep(60))
    engine = engines.ProcessEngine("none", [], workers=2)
    engine.start()
    started = time.monotonic()
    engine.close()
    assert time.monotonic() - started < 30


def test_import_libraries_imports_spacy_but_loads_no_model():
    """What the workers' parent does while it waits: imports for the model, never the model."""
    code = ("import sys; from pipeline.model import nlp; nlp.import_libraries({!r}); "
            "print('spacy' in sys.modules, nlp.load_model.cache_info().currsize)")
    for spec, expected in (("fast", "True 0"), ("none", "False 0")):
        out = subprocess.run([sys.executable, "-c", code.format(spec)], capture_output=True, text=True, cwd=ROOT)
        assert out.stdout.strip() == expected, out.stderr
