"""Write an audit page for reviewers: OUT/review.html, one self-contained file.

The page lists every fact of a run (mentions, money, events, people) by document or by
project, each with its sentence and the span highlighted, a link to the whole document with
all its facts highlighted, the projects registry with its conflicts on top, and filters
(label, role, project, document, confidence, conflicts only, not yet reviewed). A reviewer
accepts, rejects or corrects each fact, with a name and a note; decisions are kept in the
browser (they survive a reload), can be imported from an earlier reviews.csv and are
exported as reviews.csv, which `lvpress run --reviews reviews.csv` applies.

The page needs no network: styles, code and data are inline. Documents' texts are read again
from the run's input (run.json's config.input, or --input); when that is gone, the text is
rebuilt from sentences.csv (offsets stay right; text between sentences is blank).
"""
from __future__ import annotations

import csv
import hashlib
import json
import logging
from collections import defaultdict
from pathlib import Path

from ..corpus.conflicts import ConflictValue, by_field, describe
from ..ingest.ingest import read_documents
from .csv_files import atomic_path
from .tables import REVIEW_COLUMNS

log = logging.getLogger(__name__)

TEMPLATE = "review_template.html"
DATA_MARK = "/*__LVPRESS_DATA__*/{}"


def add_arguments(parser) -> None:
    parser.add_argument("out", type=Path, metavar="OUT", help="the output folder of `lvpress run`")
    parser.add_argument("--html", type=Path, default=None,
                        help="where to write the page (default: OUT/review.html)")
    parser.add_argument("--input", type=Path, default=None,
                        help="the run's input, when it has moved since the run (default: run.json's config.input)")


def main(args) -> int:
    out = Path(args.out)
    if not (out / "documents.csv").exists():
        log.error("%s: no documents.csv here; give the output folder of `lvpress run`", out)
        return 2
    try:
        path = write_review(out, html=args.html, input_path=args.input)
    except (OSError, ValueError) as e:
        log.error("%s", e)
        return 2
    print(f"review page: {path}")
    return 0


# -- reading the outputs ---------------------------------------------------------------
def _rows(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def project_conflicts(rows: list[dict]) -> dict[str, list[dict]]:
    """conflict_values.csv rows -> project key -> [{field, values: [{value, docs}], why, text}],
    one entry per field its documents disagree on."""
    records = [ConflictValue(r["project_code"], r["project_key"], r["field"], r["value"],
                             tuple(d for d in r["doc_ids"].split(";") if d), r["note"]) for r in rows]
    out: dict[str, list[dict]] = defaultdict(list)
    for group in by_field(records):
        out[group[0].project_key].append({"field": group[0].field, "why": group[0].note, "text": describe(group),
                                          "values": [{"value": c.value, "docs": list(c.doc_ids)} for c in group]})
    return out


def _resolve_input(out: Path, run: dict, input_path: Path | None) -> Path | None:
    if input_path is not None:
        return input_path if input_path.exists() else None
    given = (run.get("config") or {}).get("input")
    if not given:
        return None
    p = Path(given)
    candidates = [p] if p.is_absolute() else [Path.cwd() / p, out.parent / p, out / p]
    return next((c for c in candidates if c.exists()), None)


def document_texts(out: Path, run: dict, docs: list[dict], sentences: dict[str, list[dict]],
                   input_path: Path | None = None) -> dict[str, tuple[str, str]]:
    """doc_id -> (text, where it came from: 'input' or 'sentences')."""
    wanted = {d["doc_id"]: int(d["n_chars"] or 0) for d in docs if d.get("status", "ok") == "ok"}
    texts: dict[str, tuple[str, str]] = {}
    src = _resolve_input(out, run, input_path)
    if src is not None:

        max_chars = int((run.get("config") or {}).get("max_chars") or 5_000_000)
        try:
            cache = (run.get("cache") or {}).get("dir")
            for doc in read_documents(src, max_chars, exclude=(out, *([Path(cache)] if cache else []))):
                if doc.doc_id in wanted and doc.status == "ok" and len(doc.text) == wanted[doc.doc_id]:
                    texts[doc.doc_id] = (doc.text, "input")
        except Exception as e:  # an unreadable input must not stop the review page
            log.warning("could not read the run's input %s again (%s); using sentences.csv", src, e)
    for did, n in wanted.items():
        if did in texts:
            continue
        chars = [" "] * n
        for s in sentences.get(did, []):
            start, text = int(s["start"]), s["text"]
            chars[start:start + len(text)] = list(text)
        texts[did] = ("".join(chars[:n]), "sentences")
    return texts


def _num(v: str):
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def build_data(out: Path, input_path: Path | None = None) -> dict:
    """Everything the page shows, as one JSON-able dict."""
    out = Path(out)
    run = json.loads((out / "run.json").read_text(encoding="utf-8")) if (out / "run.json").exists() else {}
    docs = _rows(out / "documents.csv")
    sentences: dict[str, list[dict]] = defaultdict(list)
    for s in _rows(out / "sentences.csv"):
        sentences[s["doc_id"]].append(s)
    projects = _rows(out / "projects.csv")
    doc_projects = _link_projects(projects, project_conflicts(_rows(out / "conflict_values.csv")))
    facts = _facts(out, docs, projects, doc_projects)
    texts = document_texts(out, run, docs, sentences, input_path)
    doc_list = [_document(d, texts, sentences, doc_projects) for d in docs if d.get("status", "ok") == "ok"]
    failed = [{"id": d["doc_id"], "source": d["source"], "error": d.get("error", "")}
              for d in docs if d.get("status", "ok") != "ok"]
    signature = hashlib.sha256(";".join(sorted(d["id"] for d in doc_list)).encode()).hexdigest()[:16]
    return {"run": {k: run.get(k) for k in ("lvpress_version", "rules_version", "model", "started", "config",
                                           "counts")},
            "signature": signature, "documents": doc_list, "failed": failed,
            "projects": _project_list(projects), "facts": facts}


def _link_projects(projects: list[dict], conflicts: dict[str, list[dict]]) -> dict[str, list[str]]:
    """Give each projects.csv row its ``key`` and ``conflict_list``; returns doc_id -> the keys
    of the projects that document is about."""
    doc_projects: dict[str, list[str]] = defaultdict(list)
    for p in projects:
        p["key"] = p.get("project_key") or p.get("project_code") or ""
        p["conflict_list"] = conflicts.get(p["key"], [])
        for did in filter(None, (p.get("doc_ids") or "").split(";")):
            doc_projects[did].append(p["key"])
    return doc_projects


def _project_list(projects: list[dict]) -> list[dict]:
    """The registry as the page shows it: projects with conflicts first, then by key."""
    proj_list = [{k: p.get(k, "") for k in ("key", "project_code", "acronym", "title_lv", "title_en", "programme",
                                            "start", "end", "total_eur", "erdf_eur", "n_documents", "partners")}
                 | {"docs": [x for x in (p.get("doc_ids") or "").split(";") if x], "conflicts": p["conflict_list"]}
                 for p in projects]
    proj_list.sort(key=lambda p: (not p["conflicts"], p["key"]))
    return proj_list


def _document(d: dict, texts: dict[str, tuple[str, str]], sentences: dict[str, list[dict]],
              doc_projects: dict[str, list[str]]) -> dict:
    """A documents.csv row as the page shows it: its text, projects and sentence offsets."""
    text, origin = texts.get(d["doc_id"], ("", "none"))
    return {"id": d["doc_id"], "source": d["source"], "title": d.get("title", ""),
            "published": d.get("published", ""), "text": text, "text_from": origin,
            "projects": doc_projects.get(d["doc_id"], []),
            "sentences": [[int(s["start"]), int(s["end"])] for s in sentences.get(d["doc_id"], [])]}


# -- the facts ----------------------------------------------------------------------------
def _facts(out: Path, docs: list[dict], projects: list[dict], doc_projects: dict[str, list[str]]) -> list[dict]:
    """Every fact of the four fact files, marked where it carries a conflicting value, in
    document order and then by offset."""
    mentions, money = _rows(out / "mentions.csv"), _rows(out / "money.csv")
    score = {m.get("fact_id"): _num(m.get("score")) for m in mentions}
    span_score = {(m["doc_id"], m["start"], m["end"]): _num(m.get("score")) for m in mentions if m["label"] == "PERSON"}
    money_ids = {f.get("fact_id") for f in money}
    facts = (_mention_facts(mentions, money_ids, doc_projects) + _money_facts(money, score, doc_projects)
             + _event_facts(_rows(out / "events.csv"), doc_projects)
             + _person_facts(_rows(out / "people.csv"), span_score, doc_projects))
    _mark_conflicts(facts, projects)
    order = {d["doc_id"]: i for i, d in enumerate(docs)}
    facts.sort(key=lambda f: (order.get(f["doc"], len(order)), f["doc"], f["start"], f["end"], f["label"]))
    return facts


def _fact(row: dict, doc_projects: dict[str, list[str]], kind: str, fid: str, label: str, value: str,
          detail: str = "", role: str = "", project: str | None = None, sc: float | None = None) -> dict:
    """One fact as the page shows it; it belongs to ``project`` when given, else to every
    project of its document."""
    did = row["doc_id"]
    projects_of = [project] if project else list(doc_projects.get(did, []))
    return {"id": fid, "kind": kind, "label": label, "doc": did, "sent": row.get("sent_id", ""),
            "start": int(row["start"]), "end": int(row["end"]), "text": row.get("text") or row.get("trigger", ""),
            "value": value, "detail": detail, "role": role, "projects": projects_of, "score": sc,
            "conflicts": [], "past": {k: row[k] for k in REVIEW_COLUMNS if row.get(k)}}


def _mention_facts(mentions: list[dict], money_ids: set, doc_projects: dict[str, list[str]]) -> list[dict]:
    """Mentions rows, but for the MONEY mentions that have a money row."""
    facts = []
    for m in mentions:
        fid = m.get("fact_id") or f"{m['doc_id']}:{m['start']}-{m['end']}:{m['label']}"
        if m["label"] == "MONEY" and fid in money_ids:
            continue  # shown once, as its money row (same fact_id)
        detail = "; ".join(f"{k}: {m[k]}" for k in ("time", "kind", "note") if m.get(k))
        facts.append(_fact(m, doc_projects, "mention", fid, m["label"], m["norm"], detail, sc=_num(m.get("score"))))
    return facts


def _money_facts(money: list[dict], score: dict, doc_projects: dict[str, list[str]]) -> list[dict]:
    """Money rows, each scored as its MONEY mention (same fact_id)."""
    facts = []
    for f in money:
        fid = f.get("fact_id") or f"{f['doc_id']}:{f['start']}-{f['end']}:MONEY"
        detail = "; ".join(x for x in (f["role"], f.get("party", ""), f.get("fund", ""),
                                       f.get("amount_eur") and f["currency"] != "EUR" and f"= {f['amount_eur']} EUR")
                           if x)
        key = f.get("project_key") or f.get("project_code") or ""
        facts.append(_fact(f, doc_projects, "money", fid, "MONEY", f"{f['amount']} {f['currency']}", detail,
                           f["role"], key or None, score.get(fid)))
    return facts


def _event_facts(events: list[dict], doc_projects: dict[str, list[str]]) -> list[dict]:
    """Events rows, each of its own project when it names one."""
    facts = []
    for e in events:
        detail = "; ".join(x for x in (e["date"] and f"date {e['date']}", e["place"] and f"place {e['place']}",
                                       e["participants"] and f"participants {e['participants']}",
                                       e.get("online") == "1" and "online") if x)
        facts.append(_fact(e, doc_projects, "event", e["event_id"], f"EVENT.{e['event_type']}", e["event_type"],
                           detail, project=e.get("project_code") or None))
    return facts


def _person_facts(people: list[dict], span_score: dict, doc_projects: dict[str, list[str]]) -> list[dict]:
    """People rows, each scored as the PERSON mention of the same span."""
    facts = []
    for p in people:
        fid = p.get("fact_id") or f"{p['doc_id']}:{p['start']}-{p['end']}:PERSON_ROLE"
        detail = ", ".join(x for x in (p["role"], p["organisation"]) if x)
        if p.get("same_as"):
            detail += f" (= {p['same_as']})"
        facts.append(_fact(p, doc_projects, "person", fid, "PERSON_ROLE", p["person"], detail, p["role"],
                           sc=span_score.get((p["doc_id"], p["start"], p["end"]))))
    return facts


def _mark_conflicts(facts: list[dict], projects: list[dict]) -> None:
    """Flag the facts that carry a value a project's sources disagree on."""
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for f in facts:
        by_doc[f["doc"]].append(f)
    for p in projects:
        for c in p["conflict_list"]:
            fld = c["field"]
            for v in c["values"]:
                value = v["value"]
                for did in v["docs"]:
                    for f in by_doc.get(did, []):
                        hit = False
                        if fld in ("total_eur", "erdf_eur") and f["kind"] == "money":
                            amount, _, cur = f["value"].partition(" ")
                            hit = (f["role"] == fld[:-4] and p["key"] in f["projects"]
                                   and (amount == value and cur == "EUR" or f"= {value} EUR" in f["detail"]))
                        elif fld in ("start", "end") and f["label"] == "DATE":
                            hit = value in f["value"].split("/")
                        elif fld in ("acronym", "title_lv", "title_en", "programme") and \
                                f["label"] in ("PROJECT_NAME", "PROGRAMME"):
                            hit = f["value"].casefold() == value.casefold()
                        if hit:
                            f["conflicts"].append(f"{p['key']} {c['text']}")


def render(data: dict) -> str:
    from importlib.resources import files

    template = (files("pipeline") / "data" / TEMPLATE).read_text(encoding="utf-8")
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # Inside <script>: no "</script>" or "<!--" may appear; \u003c is the same string to JSON.
    payload = payload.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    if DATA_MARK not in template:
        raise ValueError(f"{TEMPLATE} lacks the data mark {DATA_MARK}")
    return template.replace(DATA_MARK, payload, 1)


def write_review(out: Path, html: Path | None = None, input_path: Path | None = None) -> Path:
    """Write the review page for the run in ``out``; returns its path."""

    out = Path(out)
    target = Path(html) if html else out / "review.html"
    page = render(build_data(out, input_path))
    with atomic_path(target) as f:
        f.write(page)
    target.chmod(0o644)
    return target
