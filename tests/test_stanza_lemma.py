"""Stanza's Latvian lemmatizer: trained offline, loaded from models/ with no download, scored."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("stanza")

from pipeline.cli import main  # noqa: E402
from pipeline.model.train_lemma import MODEL_FILE  # noqa: E402

# this checkout's model (the installed lvpress_models package may be another checkout's)
MODEL = Path(__file__).resolve().parent.parent / "models" / "lv_stanza_lemma" / MODEL_FILE

# (form, UPOS, lemma) rows of sentences written for these tests
SENTENCES = [
    [("Valmieras", "PROPN", "Valmiera"), ("pilsētas", "NOUN", "pilsēta"), ("skolas", "NOUN", "skola"),
     ("saņēma", "VERB", "saņemt"), ("jaunus", "ADJ", "jauns"), ("datorus", "NOUN", "dators"), (".", "PUNCT", ".")],
    [("Projektu", "NOUN", "projekts"), ("finansēja", "VERB", "finansēt"), ("Eiropas", "PROPN", "Eiropa"),
     ("Savienība", "PROPN", "savienība"), (".", "PUNCT", ".")],
    [("Ludzas", "PROPN", "Ludza"), ("novada", "NOUN", "novads"), ("pašvaldībai", "NOUN", "pašvaldība"),
     ("piešķirti", "VERB", "piešķirt"), ("līdzekļi", "NOUN", "līdzeklis"), (".", "PUNCT", ".")],
    [("Bērni", "NOUN", "bērns"), ("mācās", "VERB", "mācīties"), ("jaunajās", "ADJ", "jauns"),
     ("telpās", "NOUN", "telpa"), (".", "PUNCT", ".")],
]


def write_conllu(path, sentences):
    lines = []
    for n, sent in enumerate(sentences):
        lines += [f"# sent_id = s{n}", "# text = " + " ".join(w for w, _, _ in sent)]
        lines += [f"{i}\t{w}\t{lemma}\t{upos}\t_\t_\t{i - 1}\t{'root' if i == 1 else 'dep'}\t_\t_"
                  for i, (w, upos, lemma) in enumerate(sent, 1)]
        lines.append("")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def nlp_with_stanza():
    """The shipped CNN pipeline with the shipped Stanza lemmatizer after it."""
    import spacy

    from pipeline.model import stanza_lemma  # noqa: F401  registers the factory
    from pipeline.model.nlp import resolve_model

    nlp = spacy.load(resolve_model("fast").pipeline, exclude=["ner"])
    nlp.add_pipe("lvpress_stanza_lemma", name="stanza_lemma", config={"model_path": str(MODEL)})
    return nlp


def test_shipped_model_is_small():
    assert MODEL.is_file()
    assert MODEL.stat().st_size < 20 * 2 ** 20


def test_loads_without_network(monkeypatch):
    import socket

    from pipeline.model.stanza_lemma import load_stanza_lemmatizer

    def no_network(*args, **kwargs):
        raise AssertionError("the lemmatizer must not reach the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    assert load_stanza_lemmatizer(MODEL) is not None


def test_lemmatises_inflected_latvian(nlp_with_stanza):
    doc = nlp_with_stanza("Ludzas novada pašvaldībai piešķirti līdzekļi jaunu skolu būvniecībai.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["novada"] == "novads"
    assert lemmas["pašvaldībai"] == "pašvaldība"
    assert lemmas["līdzekļi"] == "līdzeklis"
    assert lemmas["skolu"] == "skola"


def test_lemmatises_a_rare_surname_by_its_ending(nlp_with_stanza):
    doc = nlp_with_stanza("Atskaiti parakstīja Kristaps Zvirbulēns, un Zvirbulēnam pateicās kolēģi.")
    assert {t.text: t.lemma_ for t in doc}["Zvirbulēnam"] == "Zvirbulēns"


def encoder_tagged(words, cnn, encoder):
    """A Doc with the CNN's UPOS in pos_ and the encoder head's in _.upos."""
    import spacy
    from spacy.tokens import Doc

    from pipeline.model import accurate_ner  # noqa: F401  registers token._.upos

    doc = Doc(spacy.blank("lv").vocab, words=words, pos=cnn)
    for token, upos in zip(doc, encoder):
        token._.upos = upos
    return doc


def test_a_capitalised_name_inside_a_sentence_keeps_the_cnns_propn(nlp_with_stanza):
    """Made-up town names, unseen in training: inside a sentence the CNN's PROPN wins over the
    encoder's NOUN; first in a sentence, or lower case, the encoder's UPOS is read."""
    doc = encoder_tagged("Delegācija apmeklēja Zvirgzdavi un Vēršupi . Zvirgzdavi ir zaļi zvirgzdavi .".split(),
                         "NOUN VERB PROPN CCONJ PROPN PUNCT PROPN AUX ADJ PROPN PUNCT".split(),
                         "NOUN VERB NOUN CCONJ NOUN PUNCT NOUN AUX ADJ NOUN PUNCT".split())
    upos = nlp_with_stanza.get_pipe("stanza_lemma").read_upos(list(doc))
    assert upos[2] == "PROPN" and upos[4] == "PROPN"
    assert upos[0] == "NOUN" and upos[6] == "NOUN" and upos[9] == "NOUN"


def test_the_encoders_propn_stays_where_the_cnn_says_noun(nlp_with_stanza):
    doc = encoder_tagged("Projektā piedalās Grumbuļu biedrība .".split(),
                         "NOUN VERB NOUN NOUN PUNCT".split(), "NOUN VERB PROPN NOUN PUNCT".split())
    assert nlp_with_stanza.get_pipe("stanza_lemma").read_upos(list(doc))[2] == "PROPN"


def test_determiners_and_pronouns_keep_the_cnn_lemma():
    import spacy
    from spacy.tokens import Doc

    from pipeline.model.stanza_lemma import StanzaLemmatizer

    words = ["tā", "skolu", "viņiem"]
    doc = Doc(spacy.blank("lv").vocab, words=words, pos=["DET", "NOUN", "PRON"], lemmas=["tas", "-", "viņš"])
    lemmas = [t.lemma_ for t in StanzaLemmatizer(MODEL)(doc)]
    assert lemmas == ["tas", "skola", "viņš"]


def test_a_name_stanza_copies_keeps_the_cnns_lemma(monkeypatch):
    """Stanza copies the form of a name it cannot analyse; the CNN's other capitalised lemma
    stays, while Stanza's lemma wins where it is a lemma of its own or the CNN's is no name's."""
    import spacy
    from spacy.tokens import Doc

    from pipeline.model.stanza_lemma import StanzaLemmatizer

    words = ["Ardeila", "Zemgurisa", "Vilkmuižā", "Kandavu"]
    doc = Doc(spacy.blank("lv").vocab, words=words, pos=["PROPN"] * 4,
              lemmas=["Ardeils", "zemguriss", "Vilkmuiža", "Kandavs"])
    lemmatizer = StanzaLemmatizer(MODEL)
    monkeypatch.setattr(lemmatizer, "lemmas", lambda pairs: ["Ardeila", "Zemgurisa", "Vilkmuižā", "Kandava"])
    assert [t.lemma_ for t in lemmatizer(doc)] == ["Ardeils", "Zemgurisa", "Vilkmuiža", "Kandava"]


def test_empty_docs_pass_through(nlp_with_stanza):
    assert [len(d) for d in nlp_with_stanza.pipe(["", "Rīgā."])] == [0, 2]


def test_eval_lemma_json_keys(tmp_path, capsys):
    gold = write_conllu(tmp_path / "gold.conllu", SENTENCES)
    assert main(["eval-lemma", str(gold), "--train", str(gold), "--stanza", str(MODEL), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert {"lemma", "lemma_unseen", "upos", "upos_unseen", "cnn"} <= set(result)
    assert 0.5 < result["lemma"] <= 1.0
    assert result["unseen_words"] == 0  # every form is in the "training" file


def test_train_lemma_smoke_run(tmp_path):
    """Stanza's own training entry point on four sentences, one epoch: a model file comes out."""
    data = write_conllu(tmp_path / "train.conllu", SENTENCES)
    out = tmp_path / "model"
    assert main(["train-lemma", "--train", str(data), "--dev", str(data), "-o", str(out),
                 "--epochs", "1", "--batch-size", "8"]) == 0
    from pipeline.model.stanza_lemma import load_stanza_lemmatizer
    from stanza.models.common.doc import Document

    pipe = load_stanza_lemmatizer(out / MODEL_FILE)
    words = pipe(Document([[{"id": 1, "text": "pašvaldībai", "upos": "NOUN"}]])).sentences[0].words
    assert words[0].lemma == "pašvaldība"  # a seen form comes from the dictionary


def test_seen_forms_keep_the_cnn_upos_and_unseen_ones_read_the_encoders():
    import spacy
    from spacy.tokens import Doc

    from pipeline.model import accurate_ner  # noqa: F401  registers token._.upos
    from pipeline.model.stanza_lemma import StanzaLemmatizer

    words = ["skolu", "Skolu", "Zvirgzdenes", "Ērberģes"]
    doc = Doc(spacy.blank("lv").vocab, words=words, pos=["VERB", "VERB", "NOUN", "NOUN"])
    for token, upos in zip(doc, ["NOUN", "NOUN", "PROPN", ""]):
        token._.upos = upos
    # seen as written, seen in lower case, unseen with the encoder's UPOS, unseen without one
    assert StanzaLemmatizer(MODEL).read_upos(list(doc)) == ["VERB", "VERB", "PROPN", "NOUN"]


ACCURATE_DIR = MODEL.parent.parent / "lv_lvpress_accurate"  # this checkout's, with its UPOS head


def test_lemmas_stanza_lemmatises_an_unseen_inflected_name():
    from pipeline.config import model_spec
    from pipeline.model.nlp import load_model

    text = "Sanāksmē Ērberģes muižā piedalījās Agris Ozoliņš no Aknīstes novada."
    nlp = load_model(model_spec(str(ACCURATE_DIR), "stanza"))
    assert nlp.pipe_names[-2:] == ["ner", "stanza_lemma"]
    lemmas = {t.text: t.lemma_ for t in nlp(text)}
    assert lemmas["Ērberģes"] == "Ērberģe"
    assert lemmas["Aknīstes"] == "Aknīste" and lemmas["novada"] == "novads"
    assert {t.text: t.lemma_ for t in load_model(str(ACCURATE_DIR))(text)}["Ērberģes"] != "Ērberģe"


def test_run_with_stanza_lemmas_records_them_and_caches_apart(tmp_path):
    from pipeline.config import model_spec
    from pipeline.model.nlp import model_identity

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Delegācija no Ērberģes devās uz Kretingu.\n", encoding="utf-8")
    runs = {}
    for lemmas in ("cnn", "stanza"):
        out = tmp_path / lemmas
        assert main(["run", str(tmp_path / "in"), "-o", str(out), "-q", "--workers", "1",
                     "--cache-dir", str(tmp_path / "cache"), "--model", str(ACCURATE_DIR), "--lemmas", lemmas]) == 0
        runs[lemmas] = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert runs["stanza"]["config"]["lemmas"] == "stanza" and runs["stanza"]["model"]["lemmas"] == "stanza"
    assert runs["cnn"]["model"]["lemmas"] == "cnn"
    assert runs["stanza"]["cache"]["hits"] == 0  # the CNN run's cached result is not reused
    assert model_identity(model_spec("fast", "stanza"))["fingerprint"] != model_identity("fast")["fingerprint"]


def test_missing_torch_or_stanza_says_what_to_install(tmp_path, monkeypatch, caplog):
    import importlib.util

    from pipeline.config import ModelError, model_spec
    from pipeline.model.nlp import resolve_model

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "torch" else real(name, *a))
    with pytest.raises(ModelError, match=r"torch not installed \(pip install 'lvpress\[stanza\]'\)"):
        resolve_model(model_spec("fast", "stanza"))
    (tmp_path / "a.txt").write_text("Projektu īsteno Ludzas novada pašvaldība.\n", encoding="utf-8")
    assert main(["run", str(tmp_path), "-o", str(tmp_path / "out"), "-q", "--lemmas", "stanza"]) == 2
    assert "lvpress[stanza]" in caplog.text


def test_unknown_lemmas_and_a_model_without_lemmas_are_refused():
    from pipeline.config import ModelError, model_spec
    from pipeline.model.nlp import resolve_model

    with pytest.raises(ModelError, match="cnn or stanza"):
        model_spec("fast", "hunspell")
    with pytest.raises(ModelError, match="not --model none"):
        resolve_model(model_spec("none", "stanza"))


def test_eval_lemma_reads_the_encoders_upos_with_stanza(tmp_path, capsys):
    gold = write_conllu(tmp_path / "gold.conllu", SENTENCES)
    assert main(["eval-lemma", str(gold), "--train", str(gold), "--model", str(ACCURATE_DIR),
                 "--stanza", str(MODEL), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["upos"] >= 0.8 and result["cnn"]["upos"] >= 0.8
    assert result["lemma"] >= result["cnn"]["lemma"]
