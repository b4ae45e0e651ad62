"""The shipped model, a quick training run, and the Latvian tokenizer rules."""
from __future__ import annotations

import argparse
import os
import socket
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
MODEL = REPO / "models" / "lv_lvpress"
DATA = Path(os.environ.get("LVPRESS_DATA", "/work/shared/data"))


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_shipped_model_loads_offline(no_network):
    import spacy

    nlp = spacy.load(MODEL)
    assert {"ner", "morphologizer", "trainable_lemmatizer"} <= set(nlp.pipe_names)
    assert nlp.meta["license"] == "CC BY-SA 4.0"
    doc = nlp("Valsts prezidents Egils Levits 2019. gada 15. jūlijā apmeklēja Rīgu.")
    assert [t.text for t in doc][:6] == ["Valsts", "prezidents", "Egils", "Levits", "2019.", "gada"]
    assert all(t.pos_ for t in doc) and all(t.lemma_ for t in doc)
    assert any(e.label_ == "person" for e in doc.ents)


def test_lvpress_loads_model_with_openblas_ops_and_same_predictions():
    """load_model swaps thinc's BLIS products for numpy's (2x faster here); nothing else changes."""
    import spacy
    from thinc.api import NumpyOps

    from pipeline.model.nlp import load_model

    fast, plain = load_model(str(MODEL)), spacy.load(MODEL)
    ops = fast.get_pipe("ner").model.ops
    assert isinstance(ops, NumpyOps) and not ops.use_blis
    assert plain.get_pipe("ner").model.ops.use_blis
    text = ("Auces novada pašvaldība 2019. gada 5. februārī Kretingā parakstīja līgumu ar "
            "Ilmāru Matveju un Zemgales plānošanas reģionu.")
    a, b = fast(text), plain(text)
    assert [(e.text, e.label_) for e in a.ents] == [(e.text, e.label_) for e in b.ents]
    assert [(t.lemma_, t.pos_, str(t.morph)) for t in a] == [(t.lemma_, t.pos_, str(t.morph)) for t in b]


def test_shipped_model_size():
    size = sum(p.stat().st_size for p in MODEL.rglob("*") if p.is_file())
    assert size <= 60 * 1024 * 1024


# --- smoke training -------------------------------------------------------------------------

_SENTS = [
    # (form, lemma, upos, xpos, feats, ner)
    [("Jānis", "Jānis", "PROPN", "npmsn2", "Case=Nom|Gender=Masc|Number=Sing", "B-person"),
     ("Kalniņš", "Kalniņš", "PROPN", "npmsn1", "Case=Nom|Gender=Masc|Number=Sing", "I-person"),
     ("strādā", "strādāt", "VERB", "vmnipt330an", "Mood=Ind|Person=3|Tense=Pres", "O"),
     ("Rīgā", "Rīga", "PROPN", "npfsl4", "Case=Loc|Gender=Fem|Number=Sing", "B-GPE"),
     (".", ".", "PUNCT", "zs", "_", "O")],
    [("Latvijas", "Latvija", "PROPN", "npfsg4", "Case=Gen|Gender=Fem|Number=Sing", "B-organization"),
     ("Banka", "banka", "NOUN", "ncfsn4", "Case=Nom|Gender=Fem|Number=Sing", "I-organization"),
     ("ziņoja", "ziņot", "VERB", "vmnist330an", "Mood=Ind|Person=3|Tense=Past", "O"),
     ("par", "par", "ADP", "sppa", "_", "O"),
     ("Daugavu", "Daugava", "PROPN", "npfsa4", "Case=Acc|Gender=Fem|Number=Sing", "B-location"),
     (".", ".", "PUNCT", "zs", "_", "O")],
]


def _write_synthetic_data(root: Path, n: int) -> Path:
    """Both file formats for n sentences, used when the real corpus is not on this machine."""
    (root / "ud-lv").mkdir(parents=True)
    (root / "fullstack-ner").mkdir()
    for split, count in (("train", n), ("dev", max(10, n // 10))):
        ud, ner = [], []
        for k in range(count):
            sent = _SENTS[k % len(_SENTS)]
            head = f"# sent_id = {split}-{k}\n# text = " + " ".join(t[0] for t in sent) + "\n"
            ud.append(head + "".join(
                f"{i}\t{f}\t{l}\t{u}\t{x}\t{m}\t0\tdep\t_\t_\n"
                for i, (f, l, u, x, m, _) in enumerate(sent, 1)))
            ner.append(head + "".join(
                f"{i}\t{f}\t{l}\t{u}\t{x}\t{m}\t{e}\tO\t_\t_\n"
                for i, (f, l, u, x, m, e) in enumerate(sent, 1)))
        (root / "ud-lv" / f"fullstack-ud-{split}.conllu").write_text("\n".join(ud), "utf-8")
        (root / "fullstack-ner" / f"fullstack-ner-{split}.conll").write_text("\n".join(ner), "utf-8")
    return root


def test_smoke_training_produces_working_pipeline(tmp_path):
    """~200 sentences, a few dozen updates: checks the wiring, not the accuracy (< 1 min)."""
    import spacy

    from pipeline.model import train

    data = DATA if (DATA / "fullstack-ner").is_dir() else _write_synthetic_data(tmp_path / "data", 200)
    parser = argparse.ArgumentParser()
    train.add_arguments(parser)
    out = tmp_path / "model"
    args = parser.parse_args(["--smoke", "200", "--data", str(data), "--workdir",
                              str(tmp_path / "work"), "--output", str(out)])
    assert train.main(args) == 0
    nlp = spacy.load(out)
    assert nlp.meta["license"] == "CC BY-SA 4.0"
    doc = nlp("Jānis Kalniņš strādā Rīgā.")
    for name in ("ner", "trainable_lemmatizer", "morphologizer"):
        assert name in nlp.pipe_names
    assert len(doc) == 5 and all(t.lemma_ for t in doc) and all(t.pos_ for t in doc)
    assert isinstance(doc.ents, tuple)


# --- tokenizer ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def tokenize():
    import spacy

    from pipeline.model.lv_tokenizer import TOKENIZER_NAME, register

    register()
    nlp = spacy.blank("lv", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME}}})
    return lambda text: [t.text for t in nlp(text)]


@pytest.mark.parametrize("text, expected", [
    ("2019. gadā", ["2019.", "gadā"]),
    ("15.-16. maijā", ["15.", "-", "16.", "maijā"]),
    ("plāna 2006.-2012.gadam", ["plāna", "2006.", "-", "2012.", "gadam"]),
    ("Tas notika 2019. Tad", ["Tas", "notika", "2019", ".", "Tad"]),
    ("beidzās 2020.", ["beidzās", "2020", "."]),
    ("plkst. 19.00.", ["plkst.", "19.00", "."]),
    ("secina I.Laizāne.", ["secina", "I.", "Laizāne", "."]),
    ("A.B.Kalniņš", ["A.", "B.", "Kalniņš"]),
    ("š.g. u.c. t.sk. tsk. Nr. 5", ["š.g.", "u.c.", "t.sk.", "tsk.", "Nr.", "5"]),
    ("tālr. 67000000 utt.", ["tālr.", "67000000", "utt."]),
    ("piem., 5 milj. un 3 tūkst. eiro", ["piem.", ",", "5", "milj.", "un", "3", "tūkst.", "eiro"]),
    ("e-pasts: info@lu.lv", ["e-pasts", ":", "info@lu.lv"]),
    ("Rīgā.", ["Rīgā", "."]),
])
def test_latvian_tokenizer(tokenize, text, expected):
    assert tokenize(text) == expected


def test_tokenizer_entry_point_registered():
    """The entry point lets spacy.load() find the tokenizer without importing pipeline first."""
    from importlib.metadata import entry_points

    from pipeline.model.lv_tokenizer import TOKENIZER_NAME

    names = {ep.name for ep in entry_points(group="spacy_tokenizers")}
    if not names:
        pytest.skip("package not installed with its entry points (pip install -e .)")
    assert TOKENIZER_NAME in names
