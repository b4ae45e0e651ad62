"""The accurate model's UPOS head: the graph's second output, the head's tags, `lvpress train-upos`."""
from __future__ import annotations

import shutil

import numpy as np
import pytest

from conftest import ROOT

pytest.importorskip("onnx")

from pipeline.model.accurate_ner import HIDDEN, UPOS_HEAD, UposHead  # noqa: E402
from pipeline.cli import main  # noqa: E402
from pipeline.config import ENCODER_GRAPH  # noqa: E402

# this checkout's model (the installed lvpress_models package may be another checkout's)
MODEL_DIR = ROOT / "models" / "lv_lvpress_accurate"


@pytest.fixture(scope="module")
def tagged():
    """The CNN pipeline with this checkout's encoder, whose UPOS head sets token._.upos."""
    import spacy

    from pipeline.model import accurate_ner  # noqa: F401  registers the factory
    from pipeline.model.nlp import resolve_model

    nlp = spacy.load(resolve_model("fast").pipeline, exclude=["ner"])
    nlp.add_pipe("lvpress_encoder_ner", name="ner", config={"model_dir": str(MODEL_DIR)})
    return lambda text: {t.text: t._.upos for t in nlp(text)}


def run_graph(path, outputs, vectors, mask):
    import onnxruntime as ort

    return ort.InferenceSession(str(path), providers=["CPUExecutionProvider"]).run(
        outputs, {"vectors": vectors, "mask": mask})


def test_the_shipped_head_is_small_and_its_graph_has_both_outputs():
    import onnx

    assert (MODEL_DIR / UPOS_HEAD).stat().st_size < 4 * 2 ** 20
    outputs = [o.name for o in onnx.load(str(MODEL_DIR / ENCODER_GRAPH)).graph.output]
    assert outputs == ["logits", HIDDEN]


def test_tags_nouns_verbs_and_an_unseen_place_name(tagged):
    upos = tagged("Pašvaldība nākamgad remontēs Zvirgzdenes pamatskolu.")
    assert upos["Pašvaldība"] == "NOUN" and upos["pamatskolu"] == "NOUN"
    assert upos["remontēs"] == "VERB"
    assert upos["Zvirgzdenes"] == "PROPN"
    upos = tagged("Līgumu parakstīja Kristaps Zvirbulēns ar Ērberģes muižas biedrību.")
    assert upos["Zvirbulēns"] == "PROPN" and upos["Ērberģes"] == "PROPN"
    assert upos["parakstīja"] == "VERB" and upos["ar"] == "ADP"


def test_features_are_each_words_first_and_last_piece():
    states = np.arange(7 * 2, dtype=np.float32).reshape(7, 2)  # <s>, w1 (1 piece), w2 (3), w3 (1), </s>
    features = UposHead.features(states, [1, 2, 5], 7)
    assert features.tolist() == [[2, 3, 2, 3], [4, 5, 8, 9], [10, 11, 10, 11]]


def test_train_upos_keeps_the_ner_logits_and_replaces_its_own_output(tmp_path):
    """A smoke run on four sentences, twice: the graph gains one `hidden` output, the NER's
    logits stay bit for bit the same, and the head tags with the treebank's UPOS set."""
    from test_stanza_lemma import SENTENCES, write_conllu

    model = tmp_path / "model"
    shutil.copytree(MODEL_DIR, model)
    (model / UPOS_HEAD).unlink()
    data = write_conllu(tmp_path / "ud.conllu", SENTENCES)
    args = ["train-upos", "--train", str(data), "--dev", str(data), "-m", str(model), "--epochs", "2"]
    assert main(args) == 0
    assert main(args + ["--layers", "3"]) == 0
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(2, 9, 384)).astype(np.float32)
    mask = np.array([[1] * 9, [1] * 6 + [0] * 3], dtype=np.int64)
    old = run_graph(MODEL_DIR / ENCODER_GRAPH, ["logits"], vectors, mask)[0]
    logits, hidden = run_graph(model / ENCODER_GRAPH, ["logits", HIDDEN], vectors, mask)
    assert np.array_equal(old, logits)
    assert hidden.shape == (2, 9, 384)  # one layer: the second run replaced the first's output
    head = UposHead(model / UPOS_HEAD)
    assert set(head.tags) == {"ADJ", "NOUN", "PROPN", "PUNCT", "VERB"}
