"""scripts/eval_norms.py: nominative norms of inflected names with either kind of lemmas."""
import importlib.util
import json

import pytest

from conftest import ROOT

pytest.importorskip("stanza")
spec = importlib.util.spec_from_file_location("eval_norms", ROOT / "scripts" / "eval_norms.py")
eval_norms = importlib.util.module_from_spec(spec)
spec.loader.exec_module(eval_norms)

SENTENCES = [  # (form, lemma, NER tag)
    [("Projektu", "projekts", "O"), ("vada", "vadīt", "O"), ("Ilmārs", "Ilmārs", "B-person"),
     ("Matvejs", "Matvejs", "I-person"), (".", ".", "O")],
    [("Ilmāra", "Ilmārs", "B-person"), ("Matveja", "Matvejs", "I-person"), ("vizīte", "vizīte", "O"),
     ("Kretingā", "Kretinga", "B-GPE"), ("ilga", "ilgt", "O"), ("divas", "divi", "O"), ("dienas", "diena", "O"),
     (".", ".", "O")],
    [("Seminārs", "seminārs", "O"), ("notika", "notikt", "O"), ("Rīgas", "Rīga", "B-GPE"),
     ("Tehniskajā", "tehnisks", "I-GPE"), ("universitātē", "universitāte", "I-GPE"), (".", ".", "O")],
]


def test_only_inflected_names_are_scored_and_both_lemmas_reported(tmp_path, capsys):
    lines = []
    for n, sent in enumerate(SENTENCES):
        lines += [f"# sent_id = s{n}", "# text = " + " ".join(w for w, _, _ in sent)]
        lines += [f"{i}\t{w}\t{lemma}\tX\tx\t_\t{tag}\tO\t_\t_" for i, (w, lemma, tag) in enumerate(sent, 1)]
        lines.append("")
    conll = tmp_path / "names.conll"
    conll.write_text("\n".join(lines) + "\n", encoding="utf-8")
    names = eval_norms.inflected_names(conll)
    # the nominative name and the multi-word place are not scored
    assert [(n[4], n[5]) for n in names] == [("Ilmāra Matveja", "Ilmārs Matvejs"), ("Kretingā", "Kretinga")]
    assert eval_norms.main([str(conll), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    for lemmas in ("cnn", "stanza"):
        assert report[lemmas]["names"] == 2 and report[lemmas]["GPE"] == {"right": 1, "names": 1, "share": 1.0}
