"""scripts/compare_outputs.py: old outputs compare exactly; outputs newer than the reference are additions."""
import importlib.util
import json
import sqlite3

import pytest

from conftest import ROOT

spec = importlib.util.spec_from_file_location("compare_outputs", ROOT / "scripts" / "compare_outputs.py")
compare = importlib.util.module_from_spec(spec)
spec.loader.exec_module(compare)


def folder(path, files: dict[str, str], counts: dict[str, int]):
    path.mkdir()
    for name, text in files.items():
        (path / name).write_text(text, encoding="utf-8")
    (path / "run.json").write_text(json.dumps({"counts": counts, "seconds": 1.0}), encoding="utf-8")
    return path


def database(path, *statements):
    con = sqlite3.connect(path)
    with con:
        for sql in statements:
            con.execute(sql)
    con.close()


@pytest.fixture
def ref(tmp_path):
    return folder(tmp_path / "ref", {"projects.csv": "project_code\nLLI-488\n"}, {"projects.csv": 1})


def test_a_new_output_file_and_its_count_are_additions(ref, tmp_path):
    new = folder(tmp_path / "new", {"projects.csv": "project_code\nLLI-488\n", "conflict_values.csv": "field\n"},
                 {"projects.csv": 1, "conflict_values.csv": 0})
    assert compare.compare_folder(ref, new) == ([], ["conflict_values.csv"])


@pytest.mark.parametrize("files,counts,expected", [
    ({"projects.csv": "project_code\nLLI-489\n"}, {"projects.csv": 1}, "projects.csv: bytes differ"),
    ({"projects.csv": "project_code\nLLI-488\n"}, {"projects.csv": 2}, "run.json: counts.projects.csv: 1 -> 2"),
    ({"projects.csv": "project_code\nLLI-488\n", "notes.csv": ""}, {"projects.csv": 1}, "notes.csv: only in new"),
    ({}, {"projects.csv": 1}, "projects.csv: only in reference"),
])
def test_old_outputs_still_compare_exactly(ref, tmp_path, files, counts, expected):
    problems, _ = compare.compare_folder(ref, folder(tmp_path / "new", files, counts))
    assert len(problems) == 1 and problems[0].startswith(expected)


def test_a_view_rewritten_with_the_same_rows_is_identical_and_other_rows_are_not(tmp_path):
    table = "CREATE TABLE conflict_values (field TEXT, value TEXT, doc_ids TEXT, note TEXT)"
    rows = "INSERT INTO conflict_values VALUES ('total_eur', '100.00', 'a;b', ''), ('total_eur', '10.00', 'c', '')"
    database(tmp_path / "ref.sqlite", "CREATE TABLE projects (conflicts TEXT)",
             "INSERT INTO projects VALUES ('total_eur: 100.00 [a, b] vs 10.00 [c]')",
             "CREATE VIEW conflict_values AS SELECT 'total_eur' AS field, '100.00' AS value, 'a;b' AS doc_ids "
             "UNION ALL SELECT 'total_eur', '10.00', 'c'",
             "CREATE VIEW n_values AS SELECT COUNT(*) AS n FROM conflict_values")
    same = ["CREATE TABLE projects (conflicts TEXT)",
            "INSERT INTO projects VALUES ('total_eur: 100.00 [a, b] vs 10.00 [c]')", table, rows,
            "CREATE INDEX idx_conflict_values_project_key ON conflict_values (field)"]
    database(tmp_path / "same.sqlite", *same,
             "CREATE VIEW n_values AS SELECT COUNT(DISTINCT value) AS n FROM conflict_values")
    assert compare.compare_sqlite("db", tmp_path / "ref.sqlite", tmp_path / "same.sqlite") == (
        [], ["db: index idx_conflict_values_project_key"])
    database(tmp_path / "other.sqlite", *same, "CREATE VIEW n_values AS SELECT 3 AS n",
             "CREATE TABLE extra (x TEXT)")
    problems, _ = compare.compare_sqlite("db", tmp_path / "ref.sqlite", tmp_path / "other.sqlite")
    assert [p.split(":")[1].strip() for p in problems] == ["view n_values", "table extra only in new outputs"]
