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
def corpus_run(tmp_path_factory):
    """`lvpress run corpus/` with the shipped model: (exit code, output folder)."""
    from pipeline.cli import main

    out = tmp_path_factory.mktemp("corpus_out")
    code = main(["run", str(ROOT / "corpus"), "-o", str(out), "--quiet"])
    return code, out
