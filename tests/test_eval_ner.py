"""eval-ner scores: a hand-checked fixture (exact match, wrong label, missed) and the --json shape."""
from __future__ import annotations

import argparse
import json

import pytest

from pipeline.model import conll, eval_ner

# sentence 1: person "Jānis Kalniņš" (predicted as organization: wrong label), GPE "Rīgā" (exact)
# sentence 2: organization "Latvijas Banka" (missed), time "2019. gadā" (exact; not a core label)
FIXTURE = """\
# sent_id = s1
# text = Jānis Kalniņš strādā Rīgā.
1\tJānis\tJānis\tPROPN\tnpmsn2\t_\tB-person\tO\t_\t_
2\tKalniņš\tKalniņš\tPROPN\tnpmsn1\t_\tI-person\tO\t_\t_
3\tstrādā\tstrādāt\tVERB\tvmnipt330an\t_\tO\tO\t_\t_
4\tRīgā\tRīga\tPROPN\tnpfsl4\t_\tB-GPE\tO\t_\t_
5\t.\t.\tPUNCT\tzs\t_\tO\tO\t_\t_

# sent_id = s2
# text = Latvijas Banka ziņo 2019. gadā.
1\tLatvijas\tLatvija\tPROPN\tnpfsg4\t_\tB-organization\tO\t_\t_
2\tBanka\tbanka\tNOUN\tncfsn4\t_\tI-organization\tO\t_\t_
3\tziņo\tziņot\tVERB\tvmnipt330an\t_\tO\tO\t_\t_
4\t2019.\t2019.\tADJ\txo\t_\tB-time\tO\t_\t_
5\tgadā\tgads\tNOUN\tncmsl1\t_\tI-time\tO\t_\t_
6\t.\t.\tPUNCT\tzs\t_\tO\tO\t_\t_
"""

PATTERNS = [
    {"label": "organization", "pattern": [{"ORTH": "Jānis"}, {"ORTH": "Kalniņš"}]},
    {"label": "GPE", "pattern": "Rīgā"},
    {"label": "time", "pattern": [{"ORTH": "2019."}, {"ORTH": "gadā"}]},
]


@pytest.fixture(scope="module")
def fixture_paths(tmp_path_factory):
    """A CoNLL file and a rule-based 'model' whose predictions are known in advance."""
    import spacy

    root = tmp_path_factory.mktemp("evalner")
    conll = root / "tiny.conll"
    conll.write_text(FIXTURE, encoding="utf-8")
    nlp = spacy.blank("lv")
    nlp.add_pipe("entity_ruler").add_patterns(PATTERNS)
    nlp.to_disk(root / "model")
    return conll, root / "model"


def _run(capsys, argv) -> str:
    parser = argparse.ArgumentParser()
    eval_ner.add_arguments(parser)
    assert eval_ner.main(parser.parse_args(argv)) == 0
    return capsys.readouterr().out


def test_bio_spans_handles_stray_inside_tag():
    assert conll.bio_spans(["B-person", "I-person", "O", "I-GPE", "B-GPE", "I-GPE"]) == [
        (0, 2, "person"), (3, 4, "GPE"), (4, 6, "GPE")]


def test_scores_match_hand_computation(fixture_paths, capsys):
    conll, model = fixture_paths
    result = json.loads(_run(capsys, [str(conll), "--model", str(model), "--json"]))
    labels = result["labels"]
    assert labels["GPE"] == {"p": 1.0, "r": 1.0, "f1": 1.0, "support": 1}
    assert labels["time"] == {"p": 1.0, "r": 1.0, "f1": 1.0, "support": 1}
    assert labels["person"] == {"p": 0.0, "r": 0.0, "f1": 0.0, "support": 1}
    # one false positive (the mislabelled person), one gold organization missed
    assert labels["organization"] == {"p": 0.0, "r": 0.0, "f1": 0.0, "support": 1}
    # micro: tp=2 (GPE, time), fp=1, fn=2 -> P=2/3, R=1/2, F1=4/7
    assert result["micro"] == {"p": round(2 / 3, 4), "r": 0.5, "f1": round(4 / 7, 4)}
    # core (person, GPE, organization, location): tp=1, fp=1, fn=2 -> P=1/2, R=1/3, F1=0.4
    assert result["core"] == {"p": 0.5, "r": round(1 / 3, 4), "f1": 0.4}


def test_json_shape_is_one_object(fixture_paths, capsys):
    conll, model = fixture_paths
    out = _run(capsys, [str(conll), "--model", str(model), "--json"])
    assert out.count("\n") == 1
    result = json.loads(out)
    assert set(result) == {"labels", "micro", "core"}
    for scores in result["labels"].values():
        assert set(scores) == {"p", "r", "f1", "support"}
    assert set(result["micro"]) == set(result["core"]) == {"p", "r", "f1"}


def test_table_output(fixture_paths, capsys):
    conll, model = fixture_paths
    out = _run(capsys, [str(conll), "--model", str(model)])
    assert "core" in out and "micro" in out and "person" in out
