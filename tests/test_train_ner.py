"""`lvpress train-ner` on a few sentences: prepare, train on CPU, checkpoint, export, run."""
from __future__ import annotations

import json

import pytest

pytest.importorskip("torch")
pytest.importorskip("onnx")

from pipeline.cli import main  # noqa: E402
from pipeline.model.train_ner import Bundle, prepare  # noqa: E402

SENTENCES = [
    [("Jānis", "B-person"), ("Bērziņš", "I-person"), ("strādā", "O"), ("Rīgā", "B-GPE"), (".", "O")],
    [("Ilze", "B-person"), ("Kalniņa", "I-person"), ("apmeklēja", "O"), ("Kretingu", "B-GPE"), (".", "O")],
    [("Ludzas", "B-organization"), ("novada", "I-organization"), ("pašvaldība", "I-organization"),
     ("īsteno", "O"), ("projektu", "O"), (".", "O")],
    [("Daugavpilī", "B-GPE"), ("notika", "O"), ("seminārs", "O"), (".", "O")],
]


def write_conll(path, sentences):
    lines = []
    for n, sent in enumerate(sentences):
        lines += [f"# sent_id = s{n}", "# text = " + " ".join(w for w, _ in sent)]
        lines += [f"{i}\t{w}\t{w}\tX\tx\t_\t{tag}\tO\t_\t_" for i, (w, tag) in enumerate(sent, 1)]
        lines.append("")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_prepare_tags_first_pieces_only(tmp_path):
    from pipeline.model.e5_file import E5File

    conll = write_conll(tmp_path / "a.conll", SENTENCES)
    bundle = prepare({"train": conll}, E5File(), layers=1)
    pieces, tags = bundle.sentences["train"][0]
    assert bundle.labels == ["GPE", "organization", "person"]
    assert (tags != -100).sum() == 5  # one tag per word, on its first piece
    assert pieces[0] != pieces[-1] and len(pieces) >= 7  # <s> … </s>
    bundle.save(tmp_path / "b.npz")
    again = Bundle.load(tmp_path / "b.npz")
    assert again.labels == bundle.labels and (again.sentences["train"][0][1] == tags).all()
    assert again.tensor("l0.q.w").shape == (384 * 384,)


def test_train_checkpoint_export_and_run(tmp_path, capsys):
    train = write_conll(tmp_path / "train.conll", SENTENCES * 4)
    dev = write_conll(tmp_path / "dev.conll", SENTENCES)
    out = tmp_path / "model"
    args = ["train-ner", "--train", str(train), "--dev", str(dev), "-o", str(out), "--layers", "1",
            "--epochs", "2", "--batch-size", "4", "--tune-words"]
    assert main(args) == 0
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert [h["epoch"] for h in meta["history"]] == [1, 2]
    assert (out / "encoder.int8.onnx").stat().st_size > 1_000_000
    assert (out / "words.npz").exists()
    assert (tmp_path / "model.ckpt" / "checkpoint.pt").exists()

    # the same command again resumes after the last epoch instead of starting afresh
    assert main(args) == 0
    assert [h["epoch"] for h in json.loads((out / "meta.json").read_text())["history"]] == [1, 2]

    from pipeline.model.nlp import load_model

    nlp = load_model(str(out))
    doc = nlp("Jānis Bērziņš strādā Rīgā.")
    assert all(e.label_ in meta["labels"] for e in doc.ents)


def test_running_the_pipeline_does_not_import_torch_though_it_is_installed():
    import subprocess
    import sys

    code = ("import sys; from pipeline.model.nlp import load_model; load_model('accurate'); "
            "assert 'torch' not in sys.modules, 'torch imported'; import torch; print(torch.__name__)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "torch"


def test_without_a_dev_split_the_last_epoch_is_kept(tmp_path):
    import torch

    from pipeline.model.e5_file import E5File
    from pipeline.model.train_ner import train

    bundle = prepare({"train": write_conll(tmp_path / "train.conll", SENTENCES * 2)}, E5File(), layers=1)
    final, _, scores, info = train(bundle, tmp_path / "model", epochs=2, batch_size=4, checkpoint_dir=tmp_path / "ckpt")
    last = torch.load(tmp_path / "ckpt" / "checkpoint.pt", weights_only=False)["model"]
    assert scores is None and [h["epoch"] for h in info["history"]] == [1, 2]
    assert all(torch.equal(v, last[k].cpu()) for k, v in final.state_dict().items())
