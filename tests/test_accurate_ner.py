"""The accurate NER: the fine-tuned e5-small encoder shipped in models/, run by onnxruntime."""
from __future__ import annotations

import json

import numpy as np
import pytest

from pipeline.model.accurate_ner import bio_constraints, viterbi
from pipeline.cli import main
from pipeline.model.nlp import ModelError, load_model, model_identity, resolve_model

from conftest import SHARED


@pytest.fixture(scope="module")
def accurate():
    return load_model("accurate")


def ents(nlp, text):
    return [(e.text, e.label_) for e in nlp(text).ents]


def test_loads_offline_from_models_and_the_installed_package(accurate):
    choice = resolve_model("accurate")
    assert choice.encoder.name == "lv_lvpress_accurate"
    assert accurate.pipe_names[-1] == "ner"
    assert type(accurate.get_pipe("ner")).__name__ == "EncoderNER"
    info = model_identity("accurate")
    assert info["choice"] == "accurate" and info["fingerprint"] != model_identity("fast")["fingerprint"]


def test_tags_people_places_and_organisations_in_latvian(accurate):
    found = ents(accurate, "Rēzeknes novada pašvaldības priekšsēdētājs Jānis Bērziņš kopā ar "
                           "Lietuvas partneriem apmeklēja Klaipēdas universitāti.")
    assert ("Jānis Bērziņš", "person") in found
    found = ents(accurate, "Delegācija no Ludzas devās uz Kretingu, kur tikās ar Kretingas rajona "
                           "pašvaldības vadītāju.")
    assert ("Kretingu", "GPE") in found and ("Ludzas", "GPE") in found
    assert ("Kretingas rajona pašvaldības", "organization") in found


def test_lemmas_and_morphology_still_come_from_the_cnn(accurate):
    doc = accurate("Projektu īsteno Ludzas novada pašvaldība.")
    assert [t.lemma_ for t in doc][:2] == ["projekts", "īstenot"]
    assert doc[0].morph.get("Case") == ["Acc"]


def test_documents_longer_than_the_encoder_are_tagged_in_windows(accurate):
    filler = "Projekta ietvaros notika daudzas sanāksmes un semināri . " * 60
    doc = accurate(filler + "Sanāksmē piedalījās Ilze Kalniņa .")
    assert ("Ilze Kalniņa", "person") in [(e.text, e.label_) for e in doc.ents]


def test_viterbi_never_starts_or_continues_an_entity_with_a_foreign_inside_tag():
    tags = ["O", "B-person", "I-person", "B-GPE", "I-GPE"]
    transitions, start = bio_constraints(tags)
    # word-by-word argmax would give I-GPE, I-person: an impossible sequence
    scores = np.log(np.array([[0.1, 0.3, 0.0, 0.0, 0.6],
                              [0.1, 0.0, 0.5, 0.0, 0.4]]) + 1e-9)
    assert [tags[i] for i in viterbi(scores, transitions, start)] == ["B-person", "I-person"]


def test_unknown_model_names_say_what_to_use(tmp_path):
    with pytest.raises(ModelError, match="accurate/fast/none"):
        resolve_model(str(tmp_path / "nowhere"))


def test_eval_ner_scores_the_accurate_model(tmp_path, capsys):
    conll = tmp_path / "mini.conll"
    conll.write_text("# sent_id = t1\n# text = Jānis Bērziņš strādā Rīgā.\n"
                     "1\tJānis\tJānis\tPROPN\tnpmsn\t_\tB-person\tO\t_\t_\n"
                     "2\tBērziņš\tBērziņš\tPROPN\tnpmsn\t_\tI-person\tO\t_\t_\n"
                     "3\tstrādā\tstrādāt\tVERB\tvm\t_\tO\tO\t_\t_\n"
                     "4\tRīgā\tRīga\tPROPN\tnpfsl\t_\tB-GPE\tO\t_\t_\n"
                     "5\t.\t.\tPUNCT\tzs\t_\tO\tO\t_\t_\n\n", encoding="utf-8")
    assert main(["eval-ner", str(conll), "--model", "accurate", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["labels"]["person"]["f1"] == 1.0


@pytest.mark.skipif(not (SHARED / "seeds").exists(), reason="../shared/seeds is not beside the checkout")
def test_seed_articles_with_the_accurate_model(tmp_path):
    import subprocess
    import sys

    out = tmp_path / "out"
    assert main(["run", str(SHARED / "seeds"), "-o", str(out), "-q", "--model", "accurate"]) == 0
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert run["model"]["choice"] == "accurate"
    res = subprocess.run([sys.executable, str(SHARED / "tools" / "score.py"), str(SHARED / "gold" / "seeds.jsonl"),
                          str(out), "--json"], capture_output=True, text=True, check=True)
    scores = json.loads(res.stdout)
    assert scores["core"]["f1"] >= 0.97, scores["core"]
