"""Every output CSV as one SQLite table, with indexes and analysis views: ``OUT/lvpress.sqlite``.

Plain SQLite, so it opens as is in Datasette (``datasette out/lvpress.sqlite``), the
``sqlite3`` shell or pandas. Offsets and counts are INTEGER, scores REAL, ids and ISO dates TEXT. Money
stays exact: ``amount``, ``amount_eur``, ``total_eur`` and ``erdf_eur`` are the CSV's TEXT
(dot decimal) and each has a REAL twin ``<column>_num`` for sums and sorting. Empty CSV
cells are NULL in INTEGER/REAL columns and empty strings in TEXT ones.

Views:

- ``money_per_project_role``: sum and count of money rows per project, role, currency and
  scope (``project``: the whole project's figure; ``partner``: one partner's share)
- ``events_per_month``: events per month (of the event's first day) and type
- ``project_timeline``: each project's milestones in the order of a project's life (approval,
  contract, procurement, works_start, completion, opening), one row per happening
  (``event_key``) with its most precise date, place, status (``done`` when any document
  reports it done) and documents
- ``conflicts``: one row per project field whose sources disagree (from the
  ``conflict_values`` table: one row per disagreeing value), with the registry's chosen
  value, the values as ``projects.conflicts`` shows them and the likely typo (``why``)
- ``facts``: every fact row of mentions, money, events and people with ``fact_id``,
  ``doc_id``, ``label``, ``value``

The first two leave out the rows of near-duplicates (``documents.near_duplicate_of``): their
group's first document counts for them. A byte-identical copy has no rows of its own.

A re-run builds on the previous database when it can (same lvpress, rules, model and
extractors, no reviews, no tables or views of anyone else's): the per-document tables
(documents, sentences, mentions) keep the rows of unchanged documents, lose those of removed
or changed ones and get those of new ones, appended; the cross-document tables are rebuilt.
Row order is then not input order: sort with ORDER BY.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

from ..rules.event_triggers import MILESTONES

log = logging.getLogger(__name__)

DB_NAME = "lvpress.sqlite"
TABLE_ORDER = ("documents", "sentences", "mentions", "money", "events", "projects", "conflict_values", "people")
INTEGER_COLUMNS = {"start", "end", "n_chars", "n_sentences", "n_documents", "furniture", "online"}
DATE_COLUMNS = {("projects", "start"), ("projects", "end")}  # ISO dates (TEXT), not offsets
REAL_COLUMNS = {"score"}
EXACT_MONEY_COLUMNS = {"amount", "amount_eur", "total_eur", "erdf_eur"}  # TEXT + REAL <col>_num
INDEXED = ("doc_id", "fact_id", "event_id", "project_code", "project_key", "label", "sent_id", "event_key")
VIEWS = ("money_per_project_role", "events_per_month", "project_timeline", "conflicts", "facts")
REUSE_KEY = "sqlite_reuse_key"  # row of the run table: what the per-document tables were built from


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _columns(table: str, header: list[str]) -> list[tuple[str, str, str | None]]:
    """(column, SQL type, CSV column it comes from)."""
    out = []
    for c in header:
        integer = c in INTEGER_COLUMNS and (table, c) not in DATE_COLUMNS
        kind = "INTEGER" if integer else "REAL" if c in REAL_COLUMNS else "TEXT"
        out.append((c, kind, c))
        if c in EXACT_MONEY_COLUMNS:
            out.append((f"{c}_num", "REAL", c))
    return out


def _load_csv(con: sqlite3.Connection, table: str, path: Path) -> list[str]:
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if not header:
            return []
        cols = _columns(table, header)
        con.execute(f"CREATE TABLE {_q(table)} ({', '.join(f'{_q(c)} {t}' for c, t, _ in cols)})")
        _insert(con, table, header, reader)
    for c in INDEXED:
        if c in header:
            con.execute(f"CREATE INDEX {_q(f'idx_{table}_{c}')} ON {_q(table)} ({_q(c)})")
    return [c for c, _, _ in cols]


def _insert(con: sqlite3.Connection, table: str, header: list[str], rows, after_rowid: int = 0) -> None:
    """Insert CSV rows (lists of strings), then type the rows past ``after_rowid``."""
    # projects.csv lists every document of a project: far past csv's default 128 KiB field limit
    csv.field_size_limit(2**31 - 1)
    # The cells go in as the CSV's strings, at C speed; the columns' INTEGER/REAL affinity
    # turns numbers into numbers, and the few typed columns are fixed up below.
    con.executemany(f"INSERT INTO {_q(table)} ({', '.join(map(_q, header))}) "
                    f"VALUES ({', '.join('?' * len(header))})", rows)
    for c, kind, src in _columns(table, header):
        if c != src:  # the REAL twin of an exact money column
            con.execute(f"UPDATE {_q(table)} SET {_q(c)} = CAST({_q(src)} AS REAL) "
                        f"WHERE rowid > ? AND {_q(src)} != ''", (after_rowid,))
        elif kind != "TEXT":
            con.execute(f"UPDATE {_q(table)} SET {_q(c)} = NULL WHERE rowid > ? AND {_q(c)} = ''", (after_rowid,))


def _timeline_view(con: sqlite3.Connection) -> None:
    stage = " ".join(f"WHEN '{t}' THEN {i}" for i, t in enumerate(MILESTONES, 1))
    con.execute(f"""
        CREATE VIEW project_timeline AS
        SELECT project_code, CASE event_type {stage} END AS stage, event_type,
               NULLIF(substr(MAX(printf('%03d', length(date)) || date), 4), '') AS date,
               CASE WHEN SUM(status = 'done') > 0 THEN 'done' ELSE 'planned' END AS status,
               MAX(place) AS place, event_key, COUNT(DISTINCT doc_id) AS n_documents,
               GROUP_CONCAT(DISTINCT doc_id) AS doc_ids
        FROM events
        WHERE project_code != '' AND event_type IN ({", ".join(f"'{t}'" for t in MILESTONES)})
        GROUP BY project_code, event_type, event_key
        ORDER BY project_code, stage, date""")


def _views(con: sqlite3.Connection, tables: dict[str, list[str]]) -> None:
    """Create the analysis views that the loaded ``tables`` (name -> columns) allow."""
    # a near-duplicate repeats its group's first document: counted once, through that one
    originals = ("WHERE doc_id NOT IN (SELECT doc_id FROM documents WHERE near_duplicate_of != '')"
                 if "near_duplicate_of" in tables.get("documents", []) else "")
    if "money" in tables:
        _money_view(con, tables["money"], originals)
    if "events" in tables:
        _events_view(con, originals)
        if "status" in tables["events"]:
            _timeline_view(con)
    if "conflict_values" in tables and "projects" in tables:
        _conflicts_view(con, tables["projects"])
    _facts_view(con, tables)


def _money_view(con: sqlite3.Connection, columns: list[str], originals: str) -> None:
    """money_per_project_role, by project_key where the money table has one."""
    key = "project_key" if "project_key" in columns else "project_code"
    con.execute(f"""
            CREATE VIEW money_per_project_role AS
            SELECT project_code, {key} AS project_key, role, currency,
                   CASE WHEN party = '' OR party IS NULL THEN 'project' ELSE 'partner' END AS scope,
                   ROUND(SUM(amount_num), 2) AS sum, ROUND(SUM(amount_eur_num), 2) AS sum_eur,
                   COUNT(*) AS count, COUNT(DISTINCT doc_id) AS n_documents
            FROM money {originals} GROUP BY project_code, {key}, role, currency, scope
            ORDER BY {key} = '', {key}, role, currency, scope""")


def _events_view(con: sqlite3.Connection, originals: str) -> None:
    """events_per_month, over the events with at least a month."""
    con.execute(f"""
            CREATE VIEW events_per_month AS
            SELECT substr(date, 1, 7) AS month, event_type, COUNT(*) AS count,
                   COUNT(DISTINCT event_key) AS n_happenings, COUNT(DISTINCT doc_id) AS n_documents
            FROM (SELECT * FROM events {originals})
            WHERE date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*'
            GROUP BY month, event_type ORDER BY month, event_type""")


def _conflicts_view(con: sqlite3.Connection, project_columns: list[str]) -> None:
    """conflicts: one row per project field its sources disagree on, beside the registry's value."""
    chosen = " ".join(f"WHEN '{f}' THEN p.{_q(f)}" for f in ("acronym", "title_lv", "title_en", "programme",
                                                               "start", "end", "total_eur", "erdf_eur")
                      if f in project_columns)
    # one row per project and field; its values in the records' order (rowid: most documents
    # first), written as projects.conflicts writes them
    con.execute(f"""
            CREATE VIEW conflicts AS
            WITH fields AS (
                SELECT project_code, project_key, field, note, rowid AS i, MIN(rowid) OVER field AS first,
                       group_concat(value || ' [' || replace(doc_ids, ';', ', ') || ']', ' vs ') OVER field AS "values",
                       COUNT(*) OVER field AS n_values
                FROM conflict_values
                WINDOW field AS (PARTITION BY project_key, field ORDER BY rowid
                                 ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
            )
            SELECT f.project_code, f.project_key, f.field, CASE f.field {chosen} ELSE NULL END AS chosen,
                   f."values", f.note AS why, f.n_values
            FROM fields f JOIN projects p ON p.project_key = f.project_key
            WHERE f.i = f.first""")


def _facts_view(con: sqlite3.Connection, tables: dict[str, list[str]]) -> None:
    """One view over the fact rows of whichever fact tables have ids; a column a table lacks is NULL."""
    parts = []

    def col(table, name, alias=None):
        return f"{_q(name)}" + (f" AS {_q(alias)}" if alias else "") if name in tables[table] else \
            f"NULL AS {_q(alias or name)}"

    def common(table):
        return ", ".join([col(table, "doc_id"), col(table, "sent_id"), col(table, "start"), col(table, "end"),
                          col(table, "reviewed"), col(table, "original_value")])

    if "fact_id" in tables.get("mentions", []):
        parts.append(f"SELECT fact_id, 'mentions' AS source_table, label, norm AS value, text, "
                     f"{col('mentions', 'score')}, '' AS detail, {common('mentions')} FROM mentions")
    if "fact_id" in tables.get("money", []):
        parts.append("SELECT fact_id, 'money' AS source_table, 'MONEY' AS label, amount || ' ' || currency AS value, "
                     "text, NULL AS score, trim(role || ' ' || party || ' ' || project_code) AS detail, "
                     f"{common('money')} FROM money")
    if "event_id" in tables.get("events", []):
        parts.append("SELECT event_id AS fact_id, 'events' AS source_table, 'EVENT.' || event_type AS label, "
                     "date AS value, trigger AS text, NULL AS score, trim(place || ' ' || participants) AS detail, "
                     f"{common('events')} FROM events")
    if "fact_id" in tables.get("people", []):
        parts.append("SELECT fact_id, 'people' AS source_table, 'PERSON_ROLE' AS label, person AS value, text, "
                     "NULL AS score, trim(role || ', ' || organisation, ', ') AS detail, "
                     f"{common('people')} FROM people")
    if parts:
        con.execute("CREATE VIEW facts AS " + " UNION ALL ".join(parts))


def _table_name(path: Path) -> str:
    return path.stem.replace("-", "_")


def _load_tables(db: str, paths: list[Path]) -> None:
    """Load CSV files into tables of the database at ``db`` (the background step)."""
    con = sqlite3.connect(db)
    try:
        con.execute("PRAGMA journal_mode = OFF")
        with con:
            done = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            for path in paths:
                table = _table_name(path)
                if table not in done and not table.startswith("."):
                    _load_csv(con, table, path)
                    done.add(table)
    finally:
        con.close()


def _update_tables(db: str, previous: Path, kept: set[str], added: dict[str, list[str]], paths: list[Path]) -> None:
    """The previous database with only the per-document tables (``paths``) left, holding the
    rows of the ``kept`` documents and the ``added`` rendered rows (the background step)."""
    shutil.copyfile(previous, db)
    con = sqlite3.connect(db)
    try:
        con.execute("PRAGMA journal_mode = OFF")
        with con:
            streamed = {_table_name(p): p for p in paths}
            for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'view'").fetchall():
                con.execute(f"DROP VIEW {_q(name)}")
            for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
                if name not in streamed:
                    con.execute(f"DROP TABLE {_q(name)}")
            con.execute("CREATE TEMP TABLE kept (doc_id TEXT PRIMARY KEY)")
            con.executemany("INSERT INTO kept VALUES (?)", ((d,) for d in kept))
            for table, path in streamed.items():
                con.execute(f"DELETE FROM {_q(table)} WHERE doc_id NOT IN (SELECT doc_id FROM kept)")
                with open(path, encoding="utf-8", newline="") as f:
                    header = next(csv.reader(f))
                last = con.execute(f"SELECT COALESCE(MAX(rowid), 0) FROM {_q(table)}").fetchone()[0]
                rows = csv.reader(io.StringIO("".join(added.get(path.name, ())), newline=""))
                _insert(con, table, header, rows, after_rowid=last)
    finally:
        con.close()


def _build(db: str, first, args: tuple, more) -> None:
    """The background process: ``first(db, *args)``, then each CSV file that ``more`` names
    as the runner completes it, until None."""
    first(db, *args)
    for path in iter(more.get, None):
        _load_tables(db, [path])


def reuse_key(versions: str) -> str:
    """What the per-document tables' rows depend on: the per-document results (``versions``
    of the cache) and this module, which decides the tables' layout."""
    return hashlib.sha256(versions.encode() + b"|" + Path(__file__).read_bytes()).hexdigest()[:16]


class SqliteBuilder:
    """Builds ``OUT/lvpress.sqlite`` from the CSV files, atomically.

    ``start(names)`` loads the CSVs that are already complete (the big streamed ones) in a
    background process, while the runner computes the cross-document tables, and ``load``
    hands it each of those as it is written; ``finish()`` waits for it, adds what is left,
    run.json and the views, and moves the database into place. Without ``start``
    everything happens in ``finish``.

    Given the ``previous`` database and the ``reuse_key`` of this run, a re-run's background
    step copies the previous database instead and updates its per-document tables: the
    runner says which documents it reuses unchanged (``keep``) and hands over the rendered
    rows of the others (``add``). Too many added rows and it loads everything instead.
    """

    MAX_ADDED_CHARS = 32_000_000  # about 2,000 new documents: past that a full load costs no more

    def __init__(self, out_dir: Path, previous: Path | None = None, reuse_key: str = ""):
        self.out_dir = Path(out_dir)
        fd, self.tmp = tempfile.mkstemp(prefix=f".{DB_NAME}.", suffix=".tmp", dir=self.out_dir)
        os.close(fd)
        self.process = self.more = None
        self.reuse_key = reuse_key
        self.previous_docs = self._reusable_documents(previous) if previous is not None and reuse_key else None
        self.previous = previous if self.previous_docs is not None else None
        self.kept: set[str] = set()
        self.added: dict[str, list[str]] = {}
        self.added_chars = 0
        self.added_docs = 0

    def _reusable_documents(self, path: Path) -> set[str] | None:
        """The documents of the previous database when it was built from the same
        per-document results and holds nothing but lvpress's own tables, indexes and views
        (then it can be updated); else None."""
        if not path.exists():
            return None
        try:
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                objects = con.execute("SELECT type, name FROM sqlite_master").fetchall()
                stored = con.execute("SELECT value FROM run WHERE key = ?", (REUSE_KEY,)).fetchone()
                ids = [row[0] for row in con.execute("SELECT doc_id FROM documents")]
                marked = {row[0] for row in con.execute(
                    "SELECT doc_id FROM documents WHERE duplicate_of != '' OR near_duplicate_of != ''")}
            finally:
                con.close()
        except sqlite3.Error:
            return None
        ours = {("table", t) for t in TABLE_ORDER + ("run",)} | {("view", v) for v in VIEWS}
        foreign = [n for t, n in objects if (t, n) not in ours and not (t == "index" and n.startswith(("idx_", "sqlite_")))]
        if stored is None or stored[0] != self.reuse_key or foreign or len(ids) != len(set(ids)):
            return None
        return set(ids) - marked  # a mark depends on the other documents: such rows are written again

    def keep(self, doc_id: str) -> bool:
        """A document whose rows are unchanged since the previous run: True when the previous
        database holds them (else hand them to ``add``)."""
        if self.previous is None or doc_id not in self.previous_docs or doc_id in self.kept:
            return False
        self.kept.add(doc_id)
        return True

    def add(self, rows: dict[str, tuple[str, int]]) -> None:
        """The rendered rows (CSV name -> (text, count)) of a new or changed document."""
        if self.previous is None:
            return
        self.added_docs += 1
        for name, (text, _) in rows.items():
            self.added.setdefault(name, []).append(text)
            self.added_chars += len(text)
        if self.added_chars > self.MAX_ADDED_CHARS:
            log.info("many new documents: lvpress.sqlite is built afresh")
            self.previous, self.added, self.kept = None, {}, set()

    def report(self) -> dict:
        if self.previous is None:
            return {"built": "from the CSV files"}
        return {"built": "from the previous lvpress.sqlite", "kept_documents": len(self.kept),
                "added_documents": self.added_docs}

    def start(self, names: list[str]) -> None:
        import multiprocessing as mp

        paths = [self.out_dir / n for n in names]
        if self.previous is not None:
            target, args = _update_tables, (self.previous, self.kept, self.added, paths)
        else:
            target, args = _load_tables, (paths,)
        ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
        self.more = ctx.SimpleQueue()
        self.process = ctx.Process(target=_build, args=(self.tmp, target, args, self.more), name="lvpress-sqlite",
                                   daemon=True)
        self.process.start()
        self.added = {}  # the process has its copy

    def load(self, name: str) -> None:
        """A CSV file that is now complete: the background process loads it meanwhile."""
        if self.more is not None:
            self.more.put(self.out_dir / name)

    def finish(self) -> Path:
        target = self.out_dir / DB_NAME
        try:
            if self.process is not None:
                self.more.put(None)
                self.process.join()
                if self.process.exitcode != 0:  # its error is on stderr; build it all here instead
                    log.warning("background SQLite load failed (exit %s): loading in this process",
                                self.process.exitcode)
                    Path(self.tmp).write_bytes(b"")
            csvs = sorted(self.out_dir.glob("*.csv"), key=lambda p: (
                TABLE_ORDER.index(p.stem) if p.stem in TABLE_ORDER else len(TABLE_ORDER), p.stem))
            _load_tables(self.tmp, csvs)
            con = sqlite3.connect(self.tmp)
            try:
                with con:
                    names = [_table_name(p) for p in csvs if not p.stem.startswith(".")]
                    tables = {t: [row[1] for row in con.execute(f"PRAGMA table_info({_q(t)})")] for t in names}
                    tables = {t: cols for t, cols in tables.items() if cols}
                    run_json = self.out_dir / "run.json"
                    if run_json.exists():
                        run = json.loads(run_json.read_text(encoding="utf-8"))
                        con.execute("CREATE TABLE run (key TEXT PRIMARY KEY, value TEXT)")
                        con.executemany("INSERT INTO run VALUES (?, ?)",
                                        [(k, v if isinstance(v, str) else json.dumps(v, ensure_ascii=False))
                                         for k, v in run.items()])
                        if self.reuse_key:
                            con.execute("INSERT INTO run VALUES (?, ?)", (REUSE_KEY, self.reuse_key))
                    _views(con, tables)
            finally:
                con.close()
            os.chmod(self.tmp, 0o644)
            os.replace(self.tmp, target)
        except BaseException:
            self.abort()
            raise
        return target

    def abort(self) -> None:
        if self.process is not None and self.process.is_alive():
            self.process.terminate()
            self.process.join()
        Path(self.tmp).unlink(missing_ok=True)


def write_sqlite(out_dir: Path) -> Path:
    """Write ``out_dir/lvpress.sqlite`` from the CSV files (and run.json) in ``out_dir``; atomic."""
    return SqliteBuilder(out_dir).finish()
