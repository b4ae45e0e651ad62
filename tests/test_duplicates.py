"""Copies of one release: processed once, counted once, every input still listed."""
import csv
import json
import sqlite3

from pipeline.cli import main
from pipeline.outputs.duplicates import NEAR_THRESHOLD, signature, similarity
from pipeline.ingest.ingest import make_document
from pipeline.rules.process import process_document

RELEASE = ("Jaunpils novada pašvaldība 2023. gada 3. martā noslēdza līgumu par projekta Nr. LLI-871 "
           "„Zaļie pagalmi” īstenošanu. Projekta kopējās izmaksas ir 84 000,00 EUR, tai skaitā ERAF finansējums "
           "71 400,00 EUR. Projekta laikā tiks labiekārtoti trīs daudzdzīvokļu māju pagalmi, iestādīti koki un "
           "uzstādīti soliņi. Iedzīvotāji aicināti piedalīties pagalmu plānošanas sanāksmēs, kas notiks pavasarī "
           "kultūras namā. Darbus plānots pabeigt līdz gada beigām.\n")
REPUBLISHED = "Novada Vēstis | Ziņas | Sabiedrība\n\n" + RELEASE + "\nDalīties: Facebook, X. Komentāri: 0\n"
OTHER = ("Jaunpils novada pašvaldība 2024. gada 10. oktobrī pieņēma darbus projektā Nr. LLI-871 „Zaļie pagalmi”. "
         "Projekta kopējās izmaksas bija 79 950,00 EUR, tai skaitā ERAF finansējums 67 957,50 EUR. Atjaunoti trīs "
         "pagalmi, iestādīti divdesmit koki, un bērniem ierīkots rotaļu laukums.\n")


def sig(text: str) -> bytes:
    return signature(process_document(make_document(text.encode(), "x.txt", ".txt", 10**6), None, []))


def test_a_changed_header_and_footer_keep_a_release_a_near_duplicate():
    assert similarity(sig(RELEASE), sig(REPUBLISHED)) >= NEAR_THRESHOLD
    assert similarity(sig(RELEASE), sig(OTHER)) < 0.5  # the same project, another release
    assert sig("") == b""


def run(folder, files: dict[str, str], out):
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    assert main(["run", str(folder), "-o", str(out), "-q", "--model", "none", "--workers", "1"]) == 0
    rows = {name: list(csv.DictReader(open(out / f"{name}.csv", encoding="utf-8")))
            for name in ("documents", "money", "mentions", "projects")}
    with sqlite3.connect(out / "lvpress.sqlite") as con:
        view = con.execute("SELECT project_key, role, scope, sum_eur, count FROM money_per_project_role "
                           "ORDER BY 1, 2, 3").fetchall()
    return rows, view


def test_copies_are_listed_processed_once_and_never_counted_twice(tmp_path):
    alone, alone_view = run(tmp_path / "alone", {"a.txt": RELEASE, "d.txt": OTHER}, tmp_path / "out1")
    both, view = run(tmp_path / "copies", {"a.txt": RELEASE, "b.txt": RELEASE, "c.txt": REPUBLISHED, "d.txt": OTHER},
                     tmp_path / "out2")
    docs = {d["source"]: d for d in both["documents"]}
    assert list(docs) == ["a.txt", "b.txt", "c.txt", "d.txt"]
    assert (docs["b.txt"]["doc_id"], docs["b.txt"]["duplicate_of"]) == (docs["a.txt"]["doc_id"], "a.txt")
    assert docs["b.txt"]["title"] == docs["a.txt"]["title"] and docs["b.txt"]["status"] == "ok"
    assert docs["c.txt"]["near_duplicate_of"] == "a.txt" and docs["c.txt"]["duplicate_of"] == ""
    assert all(docs[s]["duplicate_of"] == docs[s]["near_duplicate_of"] == "" for s in ("a.txt", "d.txt"))
    assert not [m for m in both["mentions"] + both["money"] if m["source"] == "b.txt"]  # no facts of its own
    assert [m["source"] for m in both["money"]].count("c.txt") == 2  # a near-duplicate keeps its facts
    assert view == alone_view  # ... but the views count its release once
    assert json.loads((tmp_path / "out2" / "run.json").read_text())["cache"]["computed"] == 3
    project = both["projects"][0]
    assert project["n_documents"] == "3" and docs["c.txt"]["doc_id"] in project["doc_ids"]
    assert project["total_eur"] == alone["projects"][0]["total_eur"]


def test_a_rerun_gives_the_same_marks(tmp_path):
    files = {"a.txt": RELEASE, "b.txt": RELEASE, "c.txt": REPUBLISHED}
    first, _ = run(tmp_path / "in", files, tmp_path / "out")
    assert main(["run", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q", "--model", "none",
                 "--workers", "1"]) == 0
    again = list(csv.DictReader(open(tmp_path / "out" / "documents.csv", encoding="utf-8")))
    assert again == first["documents"]
