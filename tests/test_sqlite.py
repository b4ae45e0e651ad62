"""lvpress.sqlite: the CSVs as typed tables, indexes, analysis views; opens in Datasette."""
import asyncio
import csv
import sqlite3
from pathlib import Path

import pytest

from pipeline.outputs.sqlite_export import write_sqlite

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    from pipeline.cli import main

    out = tmp_path_factory.mktemp("sqlite_out")
    assert main(["run", str(ROOT / "corpus"), "-o", str(out), "--model", "none", "--quiet"]) == 0
    write_sqlite(out)
    return out


@pytest.fixture
def con(out):
    con = sqlite3.connect(out / "lvpress.sqlite")
    con.row_factory = sqlite3.Row
    yield con
    con.close()


def rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_every_csv_is_a_table_with_all_rows_and_types(out, con):
    for path in out.glob("*.csv"):
        n = con.execute(f'SELECT COUNT(*) FROM "{path.stem}"').fetchone()[0]
        assert n == len(rows(path)), path.name
    types = {r["name"]: r["type"] for r in con.execute("PRAGMA table_info(mentions)")}
    assert (types["start"], types["end"], types["score"], types["doc_id"], types["fact_id"]) == \
        ("INTEGER", "INTEGER", "REAL", "TEXT", "TEXT")
    types = {r["name"]: r["type"] for r in con.execute("PRAGMA table_info(money)")}
    assert (types["amount"], types["amount_num"], types["amount_eur_num"]) == ("TEXT", "REAL", "REAL")
    row = con.execute("SELECT typeof(start) t, typeof(amount) a, typeof(amount_num) n, amount, amount_num "
                      "FROM money WHERE fact_id LIKE '%:2951-2966:MONEY'").fetchone()
    assert tuple(row) == ("integer", "text", "real", "791256.20", 791256.2)
    assert con.execute("SELECT typeof(n_documents) FROM projects").fetchone()[0] == "integer"
    types = {r["name"]: r["type"] for r in con.execute("PRAGMA table_info(projects)")}
    assert (types["start"], types["end"]) == ("TEXT", "TEXT")  # ISO dates, some only a year
    dates = con.execute("SELECT DISTINCT typeof(start), typeof(end) FROM projects").fetchall()
    assert {tuple(d) for d in dates} <= {("text", "text")}
    assert con.execute("SELECT value FROM run WHERE key = 'rules_version'").fetchone()[0]


def test_indexes(con):
    indexed = {(r["tbl_name"], r["name"]) for r in con.execute("SELECT tbl_name, name FROM sqlite_master "
                                                               "WHERE type = 'index'")}
    for table, col in [("mentions", "doc_id"), ("mentions", "fact_id"), ("mentions", "label"),
                       ("money", "project_code"), ("money", "fact_id"), ("events", "event_id"),
                       ("projects", "project_code"), ("people", "fact_id")]:
        assert (table, f"idx_{table}_{col}") in indexed


def test_money_per_project_role(out, con):
    got = {(r["project_key"], r["role"], r["currency"], r["scope"]): (r["sum"], r["count"])
           for r in con.execute("SELECT * FROM money_per_project_role")}
    expected: dict = {}
    for r in rows(out / "money.csv"):
        k = (r["project_key"], r["role"], r["currency"], "partner" if r["party"] else "project")
        s, n = expected.get(k, (0.0, 0))
        expected[k] = (s + float(r["amount"]), n + 1)
    assert got.keys() == expected.keys()
    for k, (s, n) in expected.items():
        assert got[k] == (pytest.approx(s), n)
    assert got[("LLI-425", "total", "EUR", "project")] == (705573.37, 1)


def test_events_per_month(out, con):
    got = {(r["month"], r["event_type"]): r["count"] for r in con.execute("SELECT * FROM events_per_month")}
    dated = [r for r in rows(out / "events.csv") if r["date"][:4].isdigit()]
    assert sum(got.values()) == len(dated)
    assert all(len(m) == 7 for m, _ in got)


def test_conflicts_view_and_conflict_values_table(con):
    got = {r["field"]: dict(r) for r in con.execute("SELECT * FROM conflicts WHERE project_key = 'LLI-317'")}
    assert set(got) == {"start", "end", "total_eur", "erdf_eur"}
    total = got["total_eur"]
    assert (total["chosen"], total["why"], total["n_values"]) == ("791256.20", "one cent off", 2)
    assert total["values"] == "791256.20 [b52c96884a1ff109, e23e47d6fa3542ea] vs 791256.19 [8ebc3d80f3d7bd0c]"
    assert got["erdf_eur"]["why"] == "transposed digits 76↔67 and one cent off"
    assert got["start"]["why"] == ""
    values = {(r["field"], r["value"]): (r["doc_ids"], r["n_documents"])
              for r in con.execute("SELECT * FROM conflict_values WHERE project_key = 'LLI-317'")}
    assert values[("total_eur", "791256.20")] == ("b52c96884a1ff109;e23e47d6fa3542ea", 2)
    assert values[("total_eur", "791256.19")] == ("8ebc3d80f3d7bd0c", 1)
    assert con.execute("SELECT COUNT(*) FROM conflicts WHERE project_key = 'LLI-425'").fetchone()[0] == 0


def test_the_conflicts_view_reads_the_records(records_only_run):
    out, (a, b, c) = records_only_run
    write_sqlite(out)
    con = sqlite3.connect(out / "lvpress.sqlite")
    try:
        got = con.execute("SELECT project_key, field, chosen, \"values\", why, n_values FROM conflicts "
                          "ORDER BY field DESC").fetchall()
        typed = con.execute("SELECT typeof(n_documents) FROM conflict_values").fetchone()[0]
    finally:
        con.close()
    assert got == [
        ("LLI-488", "total_eur", "56430.50", f"56430.50 [{', '.join(sorted((a, c)))}] vs 56340.50 [{b}]",
         "transposed digits 43↔34", 2),
        ("LLI-488", "erdf_eur", "47965.92", f"47965.92 [{', '.join(sorted((a, b)))}] vs 479659.20 [{c}]",
         "decimal separator confusion (×10)", 2)]
    assert typed == "integer"


def test_facts_view_unions_every_fact_row(out, con):
    n = sum(len(rows(out / f)) for f in ("mentions.csv", "money.csv", "events.csv", "people.csv"))
    assert con.execute("SELECT COUNT(*) FROM facts").fetchone()[0] == n
    r = con.execute("SELECT * FROM facts WHERE source_table = 'money' AND fact_id LIKE '%:2951-2966:MONEY'").fetchone()
    assert (r["label"], r["value"], r["doc_id"]) == ("MONEY", "791256.20 EUR", "b52c96884a1ff109")
    labels = {r[0] for r in con.execute("SELECT DISTINCT label FROM facts")}
    assert {"PLACE", "MONEY", "PERSON_ROLE", "EVENT.visit"} <= labels


def test_rewrite_is_atomic_and_leaves_no_temp_files(out):
    before = (out / "lvpress.sqlite").stat().st_ino
    write_sqlite(out)
    assert (out / "lvpress.sqlite").stat().st_ino != before  # replaced, not written in place
    assert not [p for p in out.iterdir() if p.name.startswith(".lvpress.sqlite")]


def test_failed_export_keeps_the_previous_database(out, monkeypatch):
    import pipeline.outputs.sqlite_export as sx

    good = (out / "lvpress.sqlite").read_bytes()
    monkeypatch.setattr(sx, "_views", lambda con, tables: (_ for _ in ()).throw(RuntimeError("boom")))
    with pytest.raises(RuntimeError):
        write_sqlite(out)
    assert (out / "lvpress.sqlite").read_bytes() == good
    assert not [p for p in out.iterdir() if p.name.startswith(".lvpress.sqlite")]


def test_opens_in_datasette(out):
    datasette_app = pytest.importorskip("datasette.app")

    async def fetch():
        ds = datasette_app.Datasette([str(out / "lvpress.sqlite")])
        got = {}
        for name in ("conflicts", "money_per_project_role", "events_per_month", "facts", "projects"):
            resp = await ds.client.get(f"/lvpress/{name}.json?_shape=array&_size=max")
            assert resp.status_code == 200, (name, resp.text[:300])
            got[name] = resp.json()
        return got

    got = asyncio.run(fetch())
    assert {r["field"] for r in got["conflicts"]} == {"start", "end", "total_eur", "erdf_eur"}
    assert len(got["projects"]) == 3 and got["facts"]
