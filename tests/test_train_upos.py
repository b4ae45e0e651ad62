"""The accurate model's UPOS head: the graph's second output, the head's tags, `lvpress train-upos`."""
from __future__ import annotations

import shutil

import numpy as np
import pytest

from conftest import ROOT

pytest.importorskip("onnx")

from pipeline.model.accurate_ner import HIDDEN, SUFFIX_LENGTHS, UPOS_HEAD, UposHead  # noqa: E402
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


def test_tags_made_up_words_by_their_endings(tagged):
    """Words no treebank holds, in the same slots: the ending tells a verb from a noun."""
    upos = tagged("Biedrība nākamgad pļerkstinās jaunus grumbuļus.")
    assert upos["pļerkstinās"] == "VERB" and upos["grumbuļus"] == "NOUN"
    upos = tagged("Pagasta ļaudis grumbuļoja zaļās pļerkstēs.")
    assert upos["grumbuļoja"] == "VERB" and upos["pļerkstēs"] == "NOUN"


def test_suffix_rows_hash_each_length_into_its_own_block():
    rows = UposHead.suffix_rows(["Skolām", "skolām", "mājām", "un"], 512)
    assert rows.shape == (4, SUFFIX_LENGTHS)
    assert rows[0].tolist() == rows[1].tolist()  # case is ignored
    assert rows[0, :2].tolist() == rows[2, :2].tolist()  # "m", "ām" shared with mājām
    assert rows[0, 3] != rows[2, 3]  # "lām" and "ājām" differ
    for n in range(SUFFIX_LENGTHS):
        assert all(n * 512 <= r < (n + 1) * 512 for r in rows[:, n])


def test_the_head_reads_the_suffix_table(tmp_path):
    """A head whose only input is the last character's embedding: -t (infinitive) is VERB,
    -s (masculine noun) NOUN, whatever the encoder states say."""
    buckets, states = 64, 6
    suffixes = np.zeros((SUFFIX_LENGTHS * buckets, 1), dtype=np.float32)
    verb, noun = UposHead.suffix_rows(["rakstīt", "raksts"], buckets)[:, 0]
    suffixes[verb], suffixes[noun] = 1.0, -1.0
    w1 = np.zeros((2 * states + SUFFIX_LENGTHS, 2), dtype=np.float32)
    w1[2 * states] = [1.0, -1.0]  # hidden unit 0: -t, unit 1: -s
    np.savez(tmp_path / "head.npz", tags=np.array(["NOUN", "VERB"]), w1=w1, b1=np.zeros(2, np.float32),
             w2=np.array([[0.0, 1.0], [1.0, 0.0]], dtype=np.float32), b2=np.zeros(2, np.float32),
             suffixes=suffixes)
    head = UposHead(tmp_path / "head.npz")
    features = np.random.default_rng(0).normal(size=(2, 2 * states)).astype(np.float32)
    assert head.tag(features, ["Nolasīt", "galds"]) == ["VERB", "NOUN"]


def test_a_head_without_a_suffix_table_reads_the_states_alone(tmp_path):
    w1 = np.eye(4, 2, dtype=np.float32)
    np.savez(tmp_path / "head.npz", tags=np.array(["NOUN", "VERB"]), w1=w1, b1=np.zeros(2, np.float32),
             w2=np.eye(2, dtype=np.float32), b2=np.zeros(2, np.float32))
    head = UposHead(tmp_path / "head.npz")
    features = np.array([[1, 0, 0, 0], [0, 1, 0, 0]], dtype=np.float32)
    assert head.tag(features, ["galds", "rakstīt"]) == ["NOUN", "VERB"]


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
    args = ["train-upos", "--train", str(data), "--dev", str(data), "-m", str(model), "--epochs", "2",
            "--suffix-buckets", "64", "--suffix-dim", "8"]
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
    assert head.suffixes.shape == (SUFFIX_LENGTHS * 64, 8)
    assert head.w1.shape == (2 * 384 + SUFFIX_LENGTHS * 8, 256)
