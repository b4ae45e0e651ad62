"""The contract's tables: their columns (shared/CONTRACT.md's order; extra columns come after
it) and the rows each per-document record gives."""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..records import DocResult, ReviewMark, fact_id

if TYPE_CHECKING:  # the per-document cache imports this module, not the cross-document stage
    from ..corpus.conflicts import ConflictValue

REVIEW_COLUMNS = ("reviewed", "original_value", "reviewer", "review_note")  # what applied reviews leave on a row
DOCUMENT_COLUMNS = ["doc_id", "source", "title", "published", "n_chars", "n_sentences", "status",
                    "error", "fmt", "encoding", "duplicate_of", "near_duplicate_of"]
SENTENCE_COLUMNS = ["doc_id", "sent_id", "start", "end", "text", "furniture"]
MENTION_COLUMNS = ["doc_id", "source", "sent_id", "start", "end", "text", "label", "norm", "method",
                   "score", "fact_id", "time", "kind", "note", *REVIEW_COLUMNS]
MONEY_COLUMNS = ["doc_id", "source", "sent_id", "start", "end", "text", "amount", "currency",
                 "amount_eur", "role", "party", "project_code", "sentence", "fact_id", "fund", "project_key",
                 *REVIEW_COLUMNS]
EVENT_COLUMNS = ["event_id", "doc_id", "event_type", "date", "place", "project_code", "participants", "trigger",
                 "sent_id", "start", "end", "sentence", "event_key", "online", "date_from", "source",
                 "status", *REVIEW_COLUMNS]
PEOPLE_COLUMNS = ["person", "role", "organisation", "doc_id", "sent_id", "start", "end", "text", "same_as",
                  "link_reason", "source", "fact_id", *REVIEW_COLUMNS]
PROJECT_COLUMNS = ["project_code", "acronym", "title_lv", "title_en", "programme", "start", "end", "total_eur",
                   "erdf_eur", "n_documents", "doc_ids", "conflicts", "project_key", "partners", "link_reason"]
CONFLICT_COLUMNS = ["project_code", "project_key", "field", "value", "doc_ids", "n_documents", "note"]


NOT_REVIEWED = dict.fromkeys(REVIEW_COLUMNS, "")


def review_columns(mark: ReviewMark | None) -> dict:
    """The reviewer's decision on a fact, as `lvpress run --reviews` applied it."""
    if mark is None:
        return NOT_REVIEWED
    return {"reviewed": mark.decision, "original_value": mark.original_value, "reviewer": mark.reviewer,
            "review_note": mark.note}


def document_rows(results: Iterable[DocResult]):
    for r in results:
        d = r.document
        yield {"doc_id": d.doc_id, "source": d.source, "title": d.title, "published": d.published,
               "n_chars": len(d.text), "n_sentences": len(r.sentences), "status": d.status,
               "error": d.error, "fmt": d.fmt if d.status == "ok" else "", "encoding": d.encoding,
               "duplicate_of": "", "near_duplicate_of": ""}


def sentence_rows(results: Iterable[DocResult]):
    for r in results:
        text = r.document.text
        for s in r.sentences:
            yield {"doc_id": s.doc_id, "sent_id": s.sent_id, "start": s.start, "end": s.end,
                   "text": text[s.start:s.end], "furniture": int(s.furniture)}


def mention_rows(results: Iterable[DocResult]):
    for r in results:
        for m in r.mentions:
            yield {"doc_id": m.doc_id, "source": r.document.source, "sent_id": f"{m.doc_id}:{m.sent_idx}",
                   "start": m.start, "end": m.end, "text": m.text, "label": m.label, "norm": m.norm,
                   "fact_id": fact_id(m.doc_id, m.start, m.end, m.label),
                   "method": m.method, "score": m.score, "time": m.time, "kind": m.kind,
                   "note": m.note, **review_columns(m.review)}


def money_rows(results: Iterable[DocResult]):
    for r in results:
        for f in r.money:
            m = f.mention
            yield {"doc_id": m.doc_id, "source": r.document.source, "sent_id": f"{m.doc_id}:{m.sent_idx}",
                   "start": m.start, "end": m.end, "text": m.text, "amount": f"{f.amount:.2f}",
                   "currency": f.currency,
                   "amount_eur": "" if f.amount_eur is None else f"{f.amount_eur:.2f}",
                   "role": f.role, "party": f.party, "project_code": f.project_code,
                   "sentence": r.sentence_text(m.sent_idx), "fund": f.fund,
                   "fact_id": fact_id(m.doc_id, m.start, m.end, "MONEY"),
                   "project_key": f.project_key or f.project_code, **review_columns(f.review)}


def event_rows(results: Iterable[DocResult]):
    for r in results:
        for e in r.events:
            yield {"event_id": e.event_id, "doc_id": e.doc_id, "event_type": e.event_type, "date": e.date,
                   "place": e.place, "project_code": e.project_code, "participants": e.participants,
                   "trigger": e.trigger, "sent_id": f"{e.doc_id}:{e.sent_idx}", "start": e.start, "end": e.end,
                   "sentence": r.sentence_text(e.sent_idx), "event_key": e.event_key, "online": int(e.online),
                   "date_from": e.date_from, "source": r.document.source, "status": e.status,
                   **review_columns(e.review)}


def people_rows(results: Iterable[DocResult]):
    for r in results:
        for p in r.people:
            m = p.mention
            yield {"person": m.norm, "role": p.role, "organisation": p.organisation, "doc_id": m.doc_id,
                   "sent_id": f"{m.doc_id}:{m.sent_idx}", "start": m.start, "end": m.end, "text": m.text,
                   "same_as": p.same_as, "link_reason": p.link_reason, "source": r.document.source,
                   "fact_id": fact_id(m.doc_id, m.start, m.end, "PERSON_ROLE"),
                   **review_columns(p.review)}


def conflict_rows(conflicts: Iterable[ConflictValue]):
    for c in conflicts:
        yield {"project_code": c.project_code, "project_key": c.project_key, "field": c.field, "value": c.value,
               "doc_ids": ";".join(c.doc_ids), "n_documents": len(c.doc_ids), "note": c.note}


# The tables written from the consolidated results, in one reading of them.
LINKED_TABLES = [("money.csv", MONEY_COLUMNS, money_rows), ("events.csv", EVENT_COLUMNS, event_rows),
                 ("people.csv", PEOPLE_COLUMNS, people_rows)]
