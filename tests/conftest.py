"""Shared fixtures: run extractors on Latvian snippets, and the corpus run (once per session)."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from pipeline.rules.extract import DocContext, get_extractor
from pipeline.records import Document
from pipeline.rules.segment import segment

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def make_context(text: str, *extractors: str, published: str = "") -> DocContext:
    doc = Document(doc_id="t", source="t.txt", text=text)
    sentences = segment(doc.doc_id, text)
    doc = dataclasses.replace(doc, published=published)
    ctx = DocContext(doc, sentences)
    for name in extractors:
        get_extractor(name)(ctx)
    return ctx


@pytest.fixture
def extract():
    """extract(text, "money", ...) -> DocContext with the extractors' findings."""
    return make_context


@pytest.fixture(scope="session")
def nlp():
    """The shipped Latvian model, as `lvpress run` loads it by default."""
    from pipeline.config import shipped_model_path
    from pipeline.model.nlp import load_model

    if not (shipped_model_path() / "config.cfg").exists():
        pytest.skip("the shipped model is missing (run `lvpress train`)")
    return load_model("auto")


@pytest.fixture(scope="session")
def corpus_run(tmp_path_factory):
    """`lvpress run corpus/` with the shipped model: (exit code, output folder)."""
    from pipeline.cli import main

    out = tmp_path_factory.mktemp("corpus_out")
    code = main(["run", str(ROOT / "corpus"), "-o", str(out), "--quiet"])
    return code, out


# Three releases about one project: two give the same total, two the same ERDF share, and each
# odd figure is a typo of the others (digits swapped; the decimal separator misread).
DISAGREEING_RELEASES = (
    "Biedrība „Lauku partnerība” sākusi projekta LLI-488 „Upju krasti” īstenošanu. "
    "Projekta kopējās izmaksas ir 56 430,50 eiro, no tām ERAF līdzfinansējums 47 965,92 eiro.",
    "Projektā LLI-488 „Upju krasti” šovasar tiks labiekārtotas divas atpūtas vietas pie Mēmeles. "
    "Kopējais projekta budžets ir 56 340,50 eiro, tostarp ERAF finansējums 47 965,92 eiro.",
    "Projekta LLI-488 „Upju krasti” kopējās izmaksas ir 56 430,50 eiro, no tām ERAF finansējums "
    "479 659,20 eiro. Atpūtas vietas pie Mēmeles būs gatavas rudenī.",
)


@pytest.fixture(scope="session")
def disagreeing_run(tmp_path_factory):
    """`lvpress run` on DISAGREEING_RELEASES (r0.txt, r1.txt, r2.txt) without a model: the
    output folder and the releases' doc_ids in that order."""
    from pipeline.cli import main
    from pipeline.ingest.ingest import doc_id_for

    src, out = tmp_path_factory.mktemp("releases"), tmp_path_factory.mktemp("releases_out")
    for i, text in enumerate(DISAGREEING_RELEASES):
        (src / f"r{i}.txt").write_text(text, encoding="utf-8")
    assert main(["run", str(src), "-o", str(out), "--model", "none", "--quiet"]) == 0
    return out, [doc_id_for(t.encode()) for t in DISAGREEING_RELEASES]


def drop_conflicts_text(out: Path) -> None:
    """Empty projects.csv's conflicts column: what still shows the conflicts reads the records
    (conflict_values.csv)."""
    import csv

    with open(out / "projects.csv", encoding="utf-8", newline="") as f:
        projects = list(csv.DictReader(f))
    with open(out / "projects.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(projects[0]), lineterminator="\n")
        w.writeheader()
        w.writerows({**p, "conflicts": ""} for p in projects)


@pytest.fixture
def records_only_run(disagreeing_run, tmp_path):
    """A copy of ``disagreeing_run`` without the conflicts text (see drop_conflicts_text)."""
    import shutil

    out, doc_ids = disagreeing_run
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    drop_conflicts_text(copy)
    return copy, doc_ids
