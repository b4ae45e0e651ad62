"""Across documents: one row per project, with the value most sources agree on and every
disagreement spelled out.

Documents are linked to a project by its code; a document that names the project only by
acronym or title is linked through the names that coded documents give it, and its money
rows get the code. A project that no document gives a code is keyed by its name
(``project_key`` = ``name:<acronym or title>``). Everything here is a pure, deterministic
function of the per-document results, so adding one article just means running it again.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

import regex as re

from .project_names import name_key
from .records import DocResult, Mention, evolve

PERIOD_CONTEXT = re.compile(r"īsteno\p{L}*|īstenošanas|ilgums|ilgs|norises laiks|projekta laiks|laika posmā", re.I)
START_CONTEXT = re.compile(r"\b(?:uzsākšan\p{L}*|uzsākt\p{L}*|sākum\p{L}*|sākās|sākot)\s*$", re.I)
PARTNER_CONTEXT = re.compile(r"partner\p{L}*|dalībniek\p{L}*", re.I)
INTERREG_PREFIX = re.compile(r"^Interreg (?:[IVX]+-?[A-C]? )?")
FIELDS = ("acronym", "title_lv", "title_en", "programme", "start", "end", "total_eur", "erdf_eur")


@dataclass
class Project:
    key: str
    code: str = ""
    values: dict[str, dict[str, set[str]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(set)))
    partners: set[str] = field(default_factory=set)
    doc_ids: set[str] = field(default_factory=set)

    def add(self, fld: str, value: str, doc_id: str) -> None:
        if value:
            self.values[fld][value].add(doc_id)


def _names(result: DocResult) -> list[tuple[Mention, str]]:
    return [(m, result.extras.get((m.start, m.end, m.label), {}).get("kind", ""))
            for m in result.mentions if m.label == "PROJECT_NAME"]


def _doc_links(result: DocResult) -> dict[int, str]:
    """Sentence index -> project code for the names of this document that a code pins down."""
    codes = [m for m in result.mentions if m.label == "PROJECT_CODE"]
    distinct = {m.norm for m in codes}
    by_sentence = {m.sent_idx: m.norm for m in codes}
    links = {}
    for m, _kind in _names(result):
        if m.sent_idx in by_sentence:
            links[m.sent_idx] = by_sentence[m.sent_idx]
        elif len(distinct) == 1:
            links[m.sent_idx] = next(iter(distinct))
    return links


def link_documents(results: list[DocResult]) -> dict[str, str]:
    """doc_id -> project key (a code, or name:<name>) for documents about one project."""
    name_codes: dict[str, Counter] = defaultdict(Counter)
    doc_key: dict[str, str] = {}
    for r in results:
        codes = {m.norm for m in r.mentions if m.label == "PROJECT_CODE"}
        links = _doc_links(r)
        for m, _kind in _names(r):
            if m.sent_idx in links:
                name_codes[name_key(m.norm)][links[m.sent_idx]] += 1
        if len(codes) == 1:
            doc_key[r.document.doc_id] = next(iter(codes))
    # Documents without a code: through their names, else grouped by shared names.
    groups: dict[str, str] = {}
    for r in results:
        did = r.document.doc_id
        if did in doc_key or any(m.label == "PROJECT_CODE" for m in r.mentions):
            continue
        names = [(m, kind) for m, kind in _names(r)]
        votes = Counter()
        for m, _ in names:
            votes.update(name_codes.get(name_key(m.norm), Counter()))
        if votes:
            doc_key[did] = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            continue
        keys = sorted({name_key(m.norm) for m, _ in names})
        if not keys:
            continue
        known = next((groups[k] for k in keys if k in groups), None)
        if known is None:
            acronyms = Counter(m.norm for m, kind in names if kind == "acronym")
            titles = Counter(m.norm for m, kind in names)
            best = (acronyms or titles).most_common(1)[0][0]
            known = f"name:{best}"
        for k in keys:
            groups.setdefault(k, known)
        doc_key[did] = known
    return doc_key


def consolidate(results: list[DocResult]) -> tuple[list[dict], list[DocResult]]:
    """(projects.csv rows, results whose money rows carry the linked project codes)."""
    doc_key = link_documents(results)
    projects: dict[str, Project] = {}

    def project(key: str) -> Project:
        if key not in projects:
            projects[key] = Project(key, "" if key.startswith("name:") else key)
        return projects[key]

    linked = []
    for r in results:
        did = r.document.doc_id
        key = doc_key.get(did)
        for code in sorted({m.norm for m in r.mentions if m.label == "PROJECT_CODE"}):
            project(code).doc_ids.add(did)
        if key:
            p = project(key)
            p.doc_ids.add(did)
            _collect_document_fields(p, r)
        money = []
        in_euro = {(f.role, f.party) for f in r.money if f.currency == "EUR"}
        for f in r.money:
            mkey = f.project_code or key or ""
            if mkey and not mkey.startswith("name:") and not f.project_code:
                f = evolve(f, project_code=mkey)
            money.append(f)
            converted_twin = f.currency != "EUR" and (f.role, f.party) in in_euro
            if mkey and not f.party and f.role in ("total", "erdf") and f.amount_eur is not None and not converted_twin:
                project(mkey).add(f"{f.role}_eur", f"{f.amount_eur:.2f}", did)
            if mkey and f.party:
                project(mkey).partners.add(f.party)
        extras = dict(r.extras)
        for f in money:
            extras[(f.mention.start, f.mention.end, "MONEY")] = {
                **r.extras.get((f.mention.start, f.mention.end, "MONEY"), {}),
                "project_key": f.project_code or key or ""}
        linked.append(evolve(r, money=money, extras=extras))
    rows = [_row(p) for p in sorted(projects.values(), key=lambda p: (p.code == "", p.key))]
    return rows, link_events(linked, doc_key)


def link_events(results: list[DocResult], doc_key: dict[str, str]) -> list[DocResult]:
    """Give the events that are one happening one ``event_key`` (the smallest member's id).

    Same document: same type and date, or both online. Across documents: same project and
    type, and dates that can be the same day ("XXXX-05" fits "XXXX-05-15/XXXX-05-16").
    """
    events = [(r.document.doc_id, e) for r in results for e in r.events]
    parent = list(range(len(events)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def project_of(did, e):
        return e.project_code or (doc_key.get(did, "") if not doc_key.get(did, "").startswith("name:") else doc_key[did])

    def union(i: int, j: int) -> None:
        parent[find(j)] = find(i)

    by_doc: dict[str, list[int]] = defaultdict(list)
    by_date: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for i, (did, e) in enumerate(events):
        by_doc[did].append(i)
        project = project_of(did, e)
        if project and e.date:
            by_date[(project, e.event_type)][e.date].append(i)
    for members in by_doc.values():  # within a document: few events, compare all pairs
        for x, i in enumerate(members):
            a = events[i][1]
            for j in members[x + 1:]:
                b = events[j][1]
                if (a.event_type == b.event_type and a.date and a.date == b.date) or (a.online and b.online):
                    union(i, j)
    for dates in by_date.values():  # across documents: by project and type, then by date
        for members in dates.values():
            for j in members[1:]:
                union(members[0], j)
        for first, second in _compatible_date_pairs(list(dates)):
            union(dates[first][0], dates[second][0])
    smallest: dict[int, str] = {}  # root -> the group's smallest event id
    for i, (_, e) in enumerate(events):
        root = find(i)
        if root not in smallest or e.event_id < smallest[root]:
            smallest[root] = e.event_id
    keys = {i: smallest[find(i)] for i in range(len(events))}
    out, n = [], 0
    for r in results:
        did = r.document.doc_id
        new = []
        for e in r.events:
            code = e.project_code or (doc_key.get(did, "") if not doc_key.get(did, "").startswith("name:") else "")
            new.append(evolve(e, event_key=keys[n], project_code=code))
            n += 1
        out.append(evolve(r, events=new))
    return out


def _compatible_date_pairs(values: list[str]):
    """Pairs of distinct TIMEX values that may name the same day, compared only within a month
    (a year-only value against all), so thousands of events stay cheap to link."""
    buckets: dict[str, list[str]] = defaultdict(list)
    years_only = []
    for v in values:
        months = {part[5:7] for part in v.split("/") if len(part) >= 7}
        if not months:
            years_only.append(v)
        for m in months:
            buckets[m].append(v)
    seen = set()
    for bucket in list(buckets.values()) + [values]:
        others = bucket if bucket is not values else years_only
        for x, a in enumerate(bucket):
            for b in (bucket[x + 1:] if bucket is not values else others):
                if a != b and (a, b) not in seen and dates_compatible(a, b):
                    seen.add((a, b))
                    yield a, b


def dates_compatible(a: str, b: str) -> bool:
    """Two TIMEX values that may name the same day; XXXX matches any year."""
    def fits(x: str, y: str) -> bool:
        n = min(len(x), len(y))
        return all(cx == cy or "X" in (cx, cy) for cx, cy in zip(x[:n], y[:n]))

    return any(fits(x, y) for x in a.split("/") for y in b.split("/"))


def document_profile(r: DocResult) -> list[tuple[str, str]]:
    """(field, value) pairs this document states about its project; computed per document so
    that consolidation needs neither the text nor the sentences (and results can be slimmed)."""
    text = r.document.text
    out: list[tuple[str, str]] = [(kind, m.norm) for m, kind in _names(r) if kind]
    for m in r.mentions:
        sent = r.sentences[m.sent_idx]
        sentence = text[sent.start:sent.end]
        if m.label == "PROGRAMME":
            out.append(("programme", m.norm))
        elif m.label == "ORG" and PARTNER_CONTEXT.search(sentence):
            out.append(("partner", m.norm))
        elif m.label != "DATE" or not m.norm or "X" in m.norm:
            continue
        elif "/" in m.norm and PERIOD_CONTEXT.search(sentence):
            start, end = m.norm.split("/")
            out += [("start", start), ("end", end)]
        elif START_CONTEXT.search(text[sent.start:m.start]):
            out.append(("start", m.norm))
    return out


def _collect_document_fields(p: Project, r: DocResult) -> None:
    did = r.document.doc_id
    for fld, value in r.profile:
        if fld == "partner":
            p.partners.add(value)
        else:
            p.add(fld, value, did)


def same_value_key(fld: str, value: str) -> str:
    """Values that mean the same: one title spelled two ways, one programme named fully or not."""
    if fld in ("acronym", "title_lv", "title_en"):
        return name_key(value)
    if fld == "programme":
        return INTERREG_PREFIX.sub("", value)
    return value


def _grouped(values: dict[str, set[str]], fld: str) -> list[tuple[str, set[str]]]:
    """(shown value, documents) per distinct meaning; most documents first, then the fullest spelling."""
    groups: dict[str, dict[str, set[str]]] = defaultdict(dict)
    for v, docs in values.items():
        groups[same_value_key(fld, v)][v] = docs
    out = []
    for variants in groups.values():
        docs = set().union(*variants.values())
        shown = sorted(variants.items(), key=lambda kv: (-len(kv[1]), -len(kv[0]), kv[0]))[0][0]
        out.append((shown, docs))
    return sorted(out, key=lambda vd: (-len(vd[1]), -len(vd[0]), vd[0]))


def _row(p: Project) -> dict:
    grouped = {f: _grouped(p.values[f], f) if p.values.get(f) else [] for f in FIELDS}
    # most documents win; then the more precise value; then a stable order
    chosen = {f: groups[0][0] if groups else "" for f, groups in grouped.items()}
    conflicts = [c for f, groups in grouped.items() if (c := describe_conflict(f, groups))]
    return {
        "project_code": p.code, "acronym": chosen["acronym"], "title_lv": chosen["title_lv"],
        "title_en": chosen["title_en"], "programme": chosen["programme"], "start": chosen["start"],
        "end": chosen["end"], "total_eur": chosen["total_eur"], "erdf_eur": chosen["erdf_eur"],
        "n_documents": len(p.doc_ids), "doc_ids": ";".join(sorted(p.doc_ids)),
        "conflicts": " | ".join(conflicts), "project_key": p.key,
        "partners": ";".join(sorted(p.partners)),
    }


def describe_conflict(fld: str, ordered: list[tuple[str, set[str]]]) -> str:
    """``ordered``: the field's values as ``_grouped`` gives them."""
    if len(ordered) < 2:
        return ""
    parts = " vs ".join(f"{v} [{', '.join(sorted(d))}]" for v, d in ordered)
    why = explain(fld, [v for v, _ in ordered])
    return f"{fld}: {parts}" + (f" ({why})" if why else "")


def explain(fld: str, values: list[str]) -> str:
    """Name the likely typo behind two disagreeing values."""
    if len(values) != 2:
        return ""
    a, b = values
    if fld in ("start", "end"):
        if a.startswith(b) or b.startswith(a):
            return "compatible: the same date at different precision"
        return ""
    if not fld.endswith("_eur"):
        return ""
    return money_typo(Decimal(a), Decimal(b))


def money_typo(a: Decimal, b: Decimal) -> str:
    reasons = []
    if abs(a - b) == Decimal("0.01"):
        return "one cent off"
    ia, ib = str(int(a)), str(int(b))
    if len(ia) == len(ib):
        diff = [i for i in range(len(ia)) if ia[i] != ib[i]]
        if len(diff) == 2 and diff[1] == diff[0] + 1 and ia[diff[0]] == ib[diff[1]] and ia[diff[1]] == ib[diff[0]]:
            reasons.append(f"transposed digits {ia[diff[0]:diff[1] + 1]}↔{ib[diff[0]:diff[1] + 1]}")
    cents = abs((a - int(a)) - (b - int(b)))
    if reasons and cents == Decimal("0.01"):
        reasons.append("one cent off")
    elif reasons and cents:
        reasons.append(f"cents differ by {cents}")
    for k in (1, 2, 3):
        if a == b * 10 ** k or b == a * 10 ** k:
            reasons.append(f"decimal separator confusion (×{10 ** k})")
    if not reasons and sorted(ia) == sorted(ib) and ia != ib:
        reasons.append("same digits in another order")
    return " and ".join(reasons)
