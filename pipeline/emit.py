"""Write the contract's CSV files and run.json, atomically.

Every file is written to a temporary name in the output folder and moved into place with
``os.replace`` only when complete, so a crash never leaves a half-written CSV. Column
orders are the contract's (shared/CONTRACT.md); extra columns come after them.
"""
from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path

from .records import DocResult, fact_id

DOCUMENT_COLUMNS = ["doc_id", "source", "title", "published", "n_chars", "n_sentences", "status",
                    "error", "fmt", "encoding"]
SENTENCE_COLUMNS = ["doc_id", "sent_id", "start", "end", "text", "furniture"]
MENTION_COLUMNS = ["doc_id", "source", "sent_id", "start", "end", "text", "label", "norm", "method",
                   "score", "fact_id", "time", "kind", "note"]
MONEY_COLUMNS = ["doc_id", "source", "sent_id", "start", "end", "text", "amount", "currency",
                 "amount_eur", "role", "party", "project_code", "sentence", "fact_id", "fund", "project_key"]
EVENT_COLUMNS = ["event_id", "doc_id", "event_type", "date", "place", "project_code", "participants", "trigger",
                 "sent_id", "start", "end", "sentence", "event_key", "online", "date_from", "source"]
PEOPLE_COLUMNS = ["person", "role", "organisation", "doc_id", "sent_id", "start", "end", "text", "same_as",
                  "link_reason", "source", "fact_id"]
PROJECT_COLUMNS = ["project_code", "acronym", "title_lv", "title_en", "programme", "start", "end", "total_eur",
                   "erdf_eur", "n_documents", "doc_ids", "conflicts", "project_key", "partners"]


@contextmanager
def atomic_path(path: Path, mode: str = "w"):
    """Yield an open temporary file that replaces ``path`` only if the block succeeds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, mode, encoding="utf-8", newline="") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_csv(path: Path, columns: list[str], rows: Iterable[dict]) -> int:
    n = 0
    with atomic_path(path) as f:
        w = csv.DictWriter(f, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
        w.writeheader()
        for row in rows:
            w.writerow(row)
            n += 1
    return n


def write_json(path: Path, data: dict) -> None:
    with atomic_path(path) as f:
        json.dump(data, f, ensure_ascii=False, indent=2, default=str)
        f.write("\n")


def document_rows(results: Iterable[DocResult]):
    for r in results:
        d = r.document
        yield {"doc_id": d.doc_id, "source": d.source, "title": d.title, "published": d.published,
               "n_chars": len(d.text), "n_sentences": len(r.sentences), "status": d.status,
               "error": d.error, "fmt": d.fmt if d.status == "ok" else "", "encoding": d.encoding}


def sentence_rows(results: Iterable[DocResult]):
    for r in results:
        text = r.document.text
        for s in r.sentences:
            yield {"doc_id": s.doc_id, "sent_id": s.sent_id, "start": s.start, "end": s.end,
                   "text": text[s.start:s.end], "furniture": int(s.furniture)}


def mention_rows(results: Iterable[DocResult]):
    for r in results:
        for m in r.mentions:
            extra = r.extras.get((m.start, m.end, m.label), {})
            yield {"doc_id": m.doc_id, "source": r.document.source, "sent_id": f"{m.doc_id}:{m.sent_idx}",
                   "start": m.start, "end": m.end, "text": m.text, "label": m.label, "norm": m.norm,
                   "fact_id": fact_id(m.doc_id, m.start, m.end, m.label),
                   "method": m.method, "score": m.score, "time": extra.get("time", ""), "kind": extra.get("kind", ""),
                   "note": r.notes.get((m.start, m.end, m.label), "")}


def money_rows(results: Iterable[DocResult]):
    for r in results:
        text = r.document.text
        for f in r.money:
            m = f.mention
            s = r.sentences[m.sent_idx]
            extra = r.extras.get((m.start, m.end, "MONEY"), {})
            yield {"doc_id": m.doc_id, "source": r.document.source, "sent_id": f"{m.doc_id}:{m.sent_idx}",
                   "start": m.start, "end": m.end, "text": m.text, "amount": f"{f.amount:.2f}",
                   "currency": f.currency,
                   "amount_eur": "" if f.amount_eur is None else f"{f.amount_eur:.2f}",
                   "role": f.role, "party": f.party, "project_code": f.project_code,
                   "sentence": text[s.start:s.end], "fund": extra.get("fund", ""),
                   "fact_id": fact_id(m.doc_id, m.start, m.end, "MONEY"),
                   "project_key": extra.get("project_key", f.project_code)}


def event_rows(results: Iterable[DocResult]):
    for r in results:
        text = r.document.text
        for e in r.events:
            s = r.sentences[e.sent_idx]
            yield {"event_id": e.event_id, "doc_id": e.doc_id, "event_type": e.event_type, "date": e.date,
                   "place": e.place, "project_code": e.project_code, "participants": e.participants,
                   "trigger": e.trigger, "sent_id": f"{e.doc_id}:{e.sent_idx}", "start": e.start, "end": e.end,
                   "sentence": text[s.start:s.end], "event_key": e.event_key, "online": int(e.online),
                   "date_from": e.date_from, "source": r.document.source}


def people_rows(results: Iterable[DocResult]):
    for r in results:
        for p in r.people:
            m = p.mention
            yield {"person": m.norm, "role": p.role, "organisation": p.organisation, "doc_id": m.doc_id,
                   "sent_id": f"{m.doc_id}:{m.sent_idx}", "start": m.start, "end": m.end, "text": m.text,
                   "same_as": p.same_as, "link_reason": p.link_reason, "source": r.document.source,
                   "fact_id": fact_id(m.doc_id, m.start, m.end, "PERSON_ROLE")}
