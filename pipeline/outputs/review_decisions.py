"""Reviewers' decisions on extracted facts: read ``reviews.csv`` and apply it to the results.

``reviews.csv`` (exported by the page `lvpress review` writes, or written by hand) has one
row per decision::

    fact_id,decision,corrected_value,reviewer,timestamp,note

``fact_id`` is the stable id every fact row carries (``<doc_id>:<start>-<end>:<LABEL>``), so a
decision survives re-runs: it attaches to the text, not to a row number. ``decision`` is
``accept``, ``reject`` or ``correct``; a correction gives the new value in
``corrected_value``:

===================  =====================================  ==================================
fact                 plain value replaces                   ``field=value`` for
===================  =====================================  ==================================
mention (any label)  ``norm``                               ``norm``
MONEY                ``amount`` (``791 256,20``, ``791256.19 EUR``, ``1,2 milj. eiro``)
                                                            ``amount``, ``currency``, ``role``,
                                                            ``party``, ``project_code``, ``fund``
EVENT.<type>         (a field must be named)                ``event_type``, ``date``, ``place``,
                                                            ``participants``, ``project_code``,
                                                            ``online``, ``status``
PERSON_ROLE          ``role``                               ``person``, ``role``, ``organisation``
===================  =====================================  ==================================

Several fields at once: ``role=erdf; party=Auces novada pašvaldība``.

A corrected value reaches every row that repeats it: a PERSON's name its people rows (and a
PERSON_ROLE's ``person`` its PERSON mention), a PLACE or ORG the events of its sentence, a
DATE the events dated from its sentence, a PROJECT_CODE the document's money and events
linked to the old code, a MONEY ``fund`` the money row.

:func:`apply_reviews` works on the per-document results *before* consolidation, so the
projects registry is rebuilt from reviewed facts. Decisions whose fact is not in the results
(the text changed, the rules no longer find it) are reported as orphans, never dropped
silently; a correction that cannot be applied (unknown field, unreadable amount) is reported
as invalid and leaves the fact as extracted.
"""
from __future__ import annotations

import csv
import dataclasses
import io
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

import regex as re

from ..records import DocResult, Mention, ReviewMark, fact_id
from ..rules.money import find_money, parse_amount, to_eur
from ..rules.summary import document_profile

COLUMNS = ["fact_id", "decision", "corrected_value", "reviewer", "timestamp", "note"]
REQUIRED = ("fact_id", "decision")
DECISIONS = ("accept", "reject", "correct")
CENT = Decimal("0.01")
MONEY_ROLES = ("total", "erdf", "cofinancing", "other")
FACT_ID = re.compile(r"^(?P<doc>[^:\s]+):(?P<start>\d+)-(?P<end>\d+):(?P<label>[A-Za-z_][A-Za-z0-9_.\-]*)$")
ASSIGNMENT = re.compile(r"^\s*(?P<field>[a-z_]+)\s*=\s*(?P<value>.*?)\s*$", re.S)
ASSIGNMENT_SPLIT = re.compile(r"\s*;\s*(?=[a-z_]+\s*=)")

MONEY_FIELDS = ("amount", "currency", "role", "party", "project_code", "fund")
EVENT_FIELDS = ("event_type", "date", "place", "participants", "project_code", "online", "status")
EVENT_STATUSES = ("done", "planned")
PERSON_FIELDS = ("person", "role", "organisation")


class ReviewsError(ValueError):
    """A reviews file that cannot be read; the message names the file, the lines and the problems."""


@dataclass(frozen=True)
class Review:
    fact_id: str
    decision: str
    corrected_value: str = ""
    reviewer: str = ""
    timestamp: str = ""
    note: str = ""
    line: int = 0  # line in the reviews file where the row starts (0 when not read from a file)

    @property
    def parts(self) -> tuple[str, int, int, str]:
        """(doc_id, start, end, label)"""
        return parse_fact_id(self.fact_id)

    @property
    def doc_id(self) -> str:
        return self.parts[0]

    def as_row(self) -> dict:
        return {c: getattr(self, c) for c in COLUMNS}


def parse_fact_id(fid: str) -> tuple[str, int, int, str]:
    m = FACT_ID.match(fid or "")
    if not m:
        raise ValueError(f"fact_id {fid!r} is not of the form <doc_id>:<start>-<end>:<LABEL>")
    start, end = int(m["start"]), int(m["end"])
    if end < start:
        raise ValueError(f"fact_id {fid!r} ends before it starts")
    return m["doc"], start, end, m["label"]


def _check_timestamp(ts: str) -> None:
    if ts:
        datetime.fromisoformat(ts.replace("Z", "+00:00"))


def load_reviews(path: Path | str) -> list[Review]:
    """Read a reviews.csv; raise :class:`ReviewsError` naming every bad line and what is wrong."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise ReviewsError(f"{path}: cannot read the reviews file: {e.strerror or e}") from e
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[:e.start].count(b"\n") + 1
        raise ReviewsError(f"{path} line {line}: not UTF-8 text ({e.reason} at byte {e.start})") from e
    return parse_reviews(text, str(path))


def parse_reviews(text: str, name: str = "reviews.csv") -> list[Review]:
    """The rows of a reviews.csv given as text (see :func:`load_reviews`)."""
    if not text.strip():
        raise ReviewsError(f"{name}: the file is empty; expected a header line: {','.join(COLUMNS)}")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    problems: list[str] = []
    reviews: list[Review] = []
    try:
        header = [h.strip().lstrip("\ufeff") for h in next(reader)]
    except csv.Error as e:
        raise ReviewsError(f"{name} line 1: unreadable header: {e}") from e
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ReviewsError(f"{name} line 1: the header lacks the column(s) {', '.join(missing)}; "
                           f"expected: {','.join(COLUMNS)} (got: {','.join(header)})")
    dupes = [c for c, n in Counter(header).items() if n > 1 and c]
    if dupes:
        raise ReviewsError(f"{name} line 1: column(s) named twice: {', '.join(dupes)}")
    index = {c: header.index(c) for c in COLUMNS if c in header}
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            problems.append(f"{name} line {line}: broken CSV quoting: {e}")
            break
        start_line, line = line, reader.line_num + 1
        if not row or not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(f"{name} line {start_line}: {len(row)} fields, but the header has {len(header)}")
            continue
        values = {c: row[i].strip() if c != "corrected_value" else row[i] for c, i in index.items()}
        r = Review(fact_id=values.get("fact_id", ""), decision=values.get("decision", "").lower(),
                   corrected_value=values.get("corrected_value", "").strip(), reviewer=values.get("reviewer", ""),
                   timestamp=values.get("timestamp", ""), note=values.get("note", ""), line=start_line)
        try:
            parse_fact_id(r.fact_id)
        except ValueError as e:
            problems.append(f"{name} line {start_line}: {e}" if r.fact_id else
                            f"{name} line {start_line}: empty fact_id")
            continue
        if r.decision not in DECISIONS:
            problems.append(f"{name} line {start_line}: decision {values.get('decision', '')!r} is not one of "
                            f"{', '.join(DECISIONS)}")
            continue
        if r.decision == "correct" and not r.corrected_value:
            problems.append(f"{name} line {start_line}: decision 'correct' needs a corrected_value")
            continue
        try:
            _check_timestamp(r.timestamp)
        except ValueError:
            problems.append(f"{name} line {start_line}: timestamp {r.timestamp!r} is not an ISO 8601 date-time")
            continue
        reviews.append(r)
    if problems:
        more = f"\n... and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise ReviewsError("malformed reviews file:\n" + "\n".join(problems[:20]) + more)
    return reviews


def write_reviews(path: Path | str, reviews: list[Review]) -> None:
    """Write decisions in the reviews.csv format (the one the review page exports)."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        for r in reviews:
            w.writerow(r.as_row())


def latest(reviews: list[Review]) -> tuple[dict[str, Review], int]:
    """One decision per fact: the latest timestamp wins, then the later row. (decisions, superseded)"""
    def when(r: Review) -> datetime:
        try:
            d = datetime.fromisoformat(r.timestamp.replace("Z", "+00:00")) if r.timestamp else datetime.min
        except ValueError:
            d = datetime.min
        return d.replace(tzinfo=None) if d.tzinfo is None else d.astimezone().replace(tzinfo=None)

    chosen: dict[str, tuple[datetime, int, Review]] = {}
    for n, r in enumerate(reviews):
        key = (when(r), n)
        if r.fact_id not in chosen or key >= chosen[r.fact_id][:2]:
            chosen[r.fact_id] = (*key, r)
    return {fid: v[2] for fid, v in chosen.items()}, len(reviews) - len(chosen)


def _assignments(value: str, default: str | None, allowed: tuple[str, ...]) -> list[tuple[str, str]]:
    """'a=1; b=2' -> [(a, 1), (b, 2)]; a plain value -> [(default, value)]."""
    parts = ASSIGNMENT_SPLIT.split(value.strip())
    pairs = []
    for part in parts:
        m = ASSIGNMENT.match(part)
        if m and m["field"] in allowed:
            pairs.append((m["field"], m["value"]))
        elif m:
            raise ValueError(f"unknown field {m['field']!r}; one of: {', '.join(allowed)}")
        elif default is None:
            raise ValueError(f"name the field to correct, as field=value; one of: {', '.join(allowed)}")
        else:
            pairs.append((default, part.strip()))
    return pairs


def parse_money_value(value: str) -> tuple[Decimal, str | None]:
    """(amount, currency or None) from a reviewer's amount: '791 256,20', '791256.19 EUR', '1,2 milj. eiro'."""

    value = value.strip()
    found = list(find_money(value))
    if len(found) == 1 and found[0][1] - found[0][0] >= len(value.strip(" .")) - 1:
        _, _, amount, currency = found[0]
        return amount.quantize(CENT), currency
    m = re.fullmatch(r"(?P<num>[\d][\d \u00a0.,]*?)\s*(?P<scale>milj\p{L}*|mln|miljard\p{L}*|mlrd|tūkst\p{L}*)?\.?",
                     value, re.I)
    if not m:
        raise ValueError(f"cannot read {value!r} as an amount (e.g. 791 256,20 or 791256.20 EUR)")
    try:
        return parse_amount(m["num"].strip(), m["scale"]).quantize(CENT), None
    except (InvalidOperation, ValueError) as e:
        raise ValueError(f"cannot read {value!r} as an amount (e.g. 791 256,20 or 791256.20 EUR)") from e


class ReviewApplier:
    """Apply decisions document by document (``apply``), then ``report()`` what was applied.

    Use it directly to apply reviews while streaming documents (``apply`` each result right
    after it is processed, before it is slimmed); :func:`apply_reviews` does it for a list.
    """

    def __init__(self, reviews: list[Review]):
        self.decisions, self.superseded = latest(list(reviews))
        self.by_doc: dict[str, dict[str, Review]] = defaultdict(dict)
        for fid, r in self.decisions.items():
            self.by_doc[r.doc_id][fid] = r
        self.applied: Counter = Counter()
        self.matched: set[str] = set()
        self.invalid: list[dict] = []

    def report(self) -> dict:
        orphans = sorted(fid for fid in self.decisions if fid not in self.matched)
        return {
            "reviews": len(self.decisions),
            "superseded": self.superseded,
            "applied": {d: self.applied.get(d, 0) for d in DECISIONS},
            "orphans": orphans,
            "invalid": sorted(self.invalid, key=lambda x: x["fact_id"]),
        }

    # -- one document -------------------------------------------------------------------
    def apply(self, r: DocResult) -> DocResult:
        todo = self.by_doc.get(r.document.doc_id)
        if not todo:
            return r
        did = r.document.doc_id
        mentions = list(r.mentions)
        money = list(r.money)
        events = list(r.events)
        people = list(r.people)
        present = ({fact_id(did, m.start, m.end, m.label) for m in mentions}
                   | {fact_id(did, f.mention.start, f.mention.end, "MONEY") for f in money}
                   | {e.event_id for e in events}
                   | {fact_id(did, p.mention.start, p.mention.end, "PERSON_ROLE") for p in people})
        mentions_changed = False
        for fid, rev in sorted(todo.items()):
            if fid not in present:
                continue
            _, start, end, label = rev.parts
            key = (start, end, label)
            self.matched.add(fid)
            if rev.decision == "accept":
                mentions, money, events, people = _marked(key, ReviewMark(rev.decision, rev.reviewer, rev.note),
                                                          mentions, money, events, people)
            elif rev.decision == "reject":
                if label == "PERSON_ROLE":
                    people = [p for p in people if (p.mention.start, p.mention.end) != (start, end)]
                elif label.startswith("EVENT."):
                    events = [e for e in events if e.event_id != fid]
                else:
                    mentions = [m for m in mentions if (m.start, m.end, m.label) != key]
                    mentions_changed = True
                    if label == "MONEY":
                        money = [f for f in money if (f.mention.start, f.mention.end) != (start, end)]
                    if label == "PERSON":  # not a person: no people row either
                        people = [p for p in people if (p.mention.start, p.mention.end) != (start, end)]
            else:
                try:
                    if label == "MONEY":
                        mentions, money, original = _correct_money(mentions, money, start, end, rev.corrected_value)
                        mentions_changed = True
                    elif label.startswith("EVENT."):
                        events, original, key = _correct_event(events, fid, rev.corrected_value)
                    elif label == "PERSON_ROLE":
                        people, original = _correct_person(people, start, end, rev.corrected_value)
                        mentions = _person_mentions_follow(mentions, people, start, end)
                        mentions_changed = True
                    else:
                        mentions, original = _correct_mention(mentions, key, rev.corrected_value)
                        money, events, people = _rows_follow(next(m for m in mentions if (m.start, m.end, m.label)
                                                                  == key), original, mentions, money, events, people)
                        mentions_changed = True
                except ValueError as e:
                    self.invalid.append({"fact_id": fid, "line": rev.line, "reason": str(e)})
                    continue
                mentions, money, events, people = _marked(
                    key, ReviewMark(rev.decision, rev.reviewer, rev.note, original), mentions, money, events, people)
            self.applied[rev.decision] += 1
        out = dataclasses.replace(r, mentions=mentions, money=money, events=events, people=people)
        if mentions_changed and r.sentences:  # what it says about its project comes from its reviewed mentions
            out.profile = document_profile(out)
        return out


def _marked(key: tuple[int, int, str], mark: ReviewMark, mentions, money, events, people):
    """(mentions, money, events, people) with ``mark`` on the fact ``key`` names: a MONEY key
    marks the mention and its money row, a PERSON_ROLE key the people row, an EVENT key the event."""
    start, end, label = key
    if label == "PERSON_ROLE":
        return mentions, money, events, [dataclasses.replace(p, review=mark) if (p.mention.start, p.mention.end)
                                         == (start, end) else p for p in people]
    if label.startswith("EVENT."):
        return mentions, money, [dataclasses.replace(e, review=mark) if (e.start, e.end, f"EVENT.{e.event_type}")
                                 == key else e for e in events], people
    if label == "MONEY":
        money = [dataclasses.replace(f, review=mark) if (f.mention.start, f.mention.end) == (start, end) else f
                 for f in money]
    return [dataclasses.replace(m, review=mark) if (m.start, m.end, m.label) == key else m
            for m in mentions], money, events, people


def _correct_mention(mentions: list[Mention], key, value: str) -> tuple[list[Mention], str]:
    (_, new), = _assignments(value, "norm", ("norm",))
    out, original = [], None
    for m in mentions:
        if (m.start, m.end, m.label) == key:
            original = m.norm
            m = dataclasses.replace(m, norm=new)
        out.append(m)
    return out, original or ""


def _rows_follow(m: Mention, old: str, mentions, money, events, people):
    """(money, events, people) with a mention's corrected norm wherever they repeat it: a
    PERSON's people rows; the events (and, for an ORG, the organisations) of its sentence
    naming a PLACE or ORG; the events that took their date from a DATE's sentence; and for a
    PROJECT_CODE, the money and events of the document linked to the old code, once no
    other mention of the document names it."""
    new = m.norm
    if m.label == "PERSON":
        people = [dataclasses.replace(p, mention=dataclasses.replace(p.mention, norm=new))
                  if (p.mention.start, p.mention.end) == (m.start, m.end) else p for p in people]
    elif m.label in ("PLACE", "ORG"):
        events = [dataclasses.replace(e, place=_swap(e.place, old, new), participants=_swap(e.participants, old, new))
                  if e.sent_idx == m.sent_idx else e for e in events]
        if m.label == "ORG":
            people = [dataclasses.replace(p, organisation=new) if p.mention.sent_idx == m.sent_idx
                      and p.organisation == old else p for p in people]
    elif m.label == "DATE":
        sent_id = f"{m.doc_id}:{m.sent_idx}"
        events = [dataclasses.replace(e, date=new) if e.date == old and (e.date_from == sent_id or (
                  not e.date_from and e.sent_idx == m.sent_idx)) else e for e in events]
    elif m.label == "PROJECT_CODE" and not any(x.label == m.label and x.norm == old for x in mentions):
        money = [dataclasses.replace(f, project_code=new) if f.project_code == old else f for f in money]
        events = [dataclasses.replace(e, project_code=new) if e.project_code == old else e for e in events]
    return money, events, people


def _swap(names: str, old: str, new: str) -> str:
    """A ";"-separated list of norms with ``old`` replaced by ``new``."""
    return ";".join(new if n == old else n for n in names.split(";")) if names else names


def _person_mentions_follow(mentions, people, start, end):
    """The PERSON mention of a corrected people row carries its (maybe corrected) name."""
    name = next((p.mention.norm for p in people if (p.mention.start, p.mention.end) == (start, end)), None)
    if name is None:
        return mentions
    return [dataclasses.replace(m, norm=name) if (m.start, m.end, m.label) == (start, end, "PERSON") else m
            for m in mentions]


def _correct_money(mentions, money, start, end, value):
    """(mentions, money, original value)."""

    pairs = _assignments(value, "amount", MONEY_FIELDS)
    facts = [f for f in money if (f.mention.start, f.mention.end) == (start, end)]
    mention = next((m for m in mentions if (m.start, m.end, m.label) == (start, end, "MONEY")), None)
    if facts:
        f0 = facts[0]
        current = {"amount": f"{f0.amount:.2f}", "currency": f0.currency, "role": f0.role, "party": f0.party,
                   "project_code": f0.project_code, "fund": f0.fund}
    else:  # a MONEY mention without a money row: its norm is "<amount> <currency>"
        amount, _, currency = mention.norm.partition(" ")
        current = {"amount": amount, "currency": currency, "role": "", "party": "", "project_code": "",
                   "fund": ""}
    changes: dict[str, object] = {}
    for fld, new in pairs:
        if fld == "amount":
            amount, currency = parse_money_value(new)
            changes["amount"] = amount
            if currency and "currency" not in dict(pairs):
                changes["currency"] = currency
        elif fld == "currency":
            if not re.fullmatch(r"[A-Z]{3}", new.upper()):
                raise ValueError(f"currency {new!r} is not an ISO 4217 code such as EUR")
            changes["currency"] = new.upper()
        elif fld == "role":
            if new not in MONEY_ROLES:
                raise ValueError(f"role {new!r} is not one of {', '.join(MONEY_ROLES)}")
            changes["role"] = new
        else:
            changes[fld] = new
    if changes.get("currency") == current["currency"] and "amount" in changes and len(pairs) == 1:
        changes.pop("currency")  # '791256.19 EUR' for a euro amount: only the amount changes
    shown = [f for f, _ in pairs]
    if "currency" in changes and "currency" not in shown:
        shown.append("currency")
    if len(shown) == 1 and shown[0] == "amount":
        original = current["amount"]
    else:
        original = "; ".join(f"{f}={current[f]}" for f in shown)
    new_money = []
    for f in money:
        if (f.mention.start, f.mention.end) == (start, end):
            amount = changes.get("amount", f.amount)
            currency = changes.get("currency", f.currency)
            norm = f"{Decimal(amount):.2f} {currency}"
            f = dataclasses.replace(
                f, amount=amount, currency=currency, amount_eur=to_eur(Decimal(amount), currency),
                role=changes.get("role", f.role), party=changes.get("party", f.party),
                project_code=changes.get("project_code", f.project_code), fund=changes.get("fund", f.fund),
                mention=dataclasses.replace(f.mention, norm=norm))
        new_money.append(f)
    new_mentions = []
    for m in mentions:
        if (m.start, m.end, m.label) == (start, end, "MONEY"):
            amount = changes.get("amount", current["amount"])
            m = dataclasses.replace(m, norm=f"{Decimal(amount):.2f} {changes.get('currency', current['currency'])}")
        new_mentions.append(m)
    return new_mentions, new_money, original


def _correct_event(events, fid, value):
    pairs = _assignments(value, None, EVENT_FIELDS)
    out, original, key = [], "", None
    for e in events:
        if e.event_id == fid:
            changes = {}
            for fld, new in pairs:
                if fld == "online":
                    if new.lower() not in ("0", "1", "true", "false", "yes", "no"):
                        raise ValueError(f"online={new!r}: use 1 or 0")
                    changes["online"] = new.lower() in ("1", "true", "yes")
                elif fld == "status" and new not in EVENT_STATUSES:
                    raise ValueError(f"status={new!r}: one of {', '.join(EVENT_STATUSES)}")
                elif fld == "event_type":
                    if not re.fullmatch(r"[a-z_]+", new):
                        raise ValueError(f"event_type {new!r}: lower-case letters and _ only")
                    changes[fld] = new
                else:
                    changes[fld] = new
            original = "; ".join(f"{f}={int(e.online) if f == 'online' else getattr(e, f)}" for f, _ in pairs)
            e = dataclasses.replace(e, **changes)
            key = (e.start, e.end, f"EVENT.{e.event_type}")  # event_type corrected: the row's id follows it
        out.append(e)
    return out, original, key


def _correct_person(people, start, end, value):
    pairs = _assignments(value, "role", PERSON_FIELDS)
    out, original = [], ""
    for p in people:
        if (p.mention.start, p.mention.end) == (start, end):
            current = {"person": p.mention.norm, "role": p.role, "organisation": p.organisation}
            original = (current["role"] if len(pairs) == 1 and pairs[0][0] == "role"
                        else "; ".join(f"{f}={current[f]}" for f, _ in pairs))
            changes = dict(pairs)
            if "person" in changes:
                p = dataclasses.replace(p, mention=dataclasses.replace(p.mention, norm=changes.pop("person")))
            p = dataclasses.replace(p, **changes)
        out.append(p)
    return out, original


def apply_reviews(results: list[DocResult], reviews: list[Review]) -> tuple[list[DocResult], dict]:
    """Apply reviewers' decisions to per-document results, before ``consolidate``.

    Returns the reviewed results and a report::

        {"reviews": 12, "superseded": 1, "applied": {"accept": 5, "reject": 3, "correct": 2},
         "orphans": ["<fact_id>", ...],            # decisions whose fact is not in the results
         "invalid": [{"fact_id", "line", "reason"}]}  # corrections that could not be applied

    Rejected facts are dropped (a MONEY rejection drops the money row and its MONEY mention;
    a PERSON rejection drops the mention and its people row); corrected values replace the
    extracted ones. Accepted and corrected facts carry a ``ReviewMark`` (decision, reviewer,
    note and, for corrections, the original value).
    """
    applier = ReviewApplier(reviews)
    out = [applier.apply(r) for r in results]
    return out, applier.report()
