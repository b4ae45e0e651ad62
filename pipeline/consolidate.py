"""Across documents: one row per project, with the value most sources agree on and every
disagreement spelled out.

Documents are linked to a project by its code; a document that names the project only by
acronym or title is linked through the names that coded documents give it, and its money
rows get the code. A project that no document gives a code is keyed by its name
(``project_key`` = ``name:<acronym or title>``). Everything here is a pure, deterministic
function of the per-document results, so adding one article just means running it again.
"""
from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

import regex as re

from .people import PeopleLinks, full_names
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


def _name_links(codes: list[Mention], names: list[tuple[Mention, str]]) -> list[tuple[str, str]]:
    """(name_key, code) for the names of a document that a code pins down: one in the same
    sentence, else the document's only code."""
    distinct = {m.norm for m in codes}
    by_sentence = {m.sent_idx: m.norm for m in codes}
    out = []
    for m, _kind in names:
        if m.sent_idx in by_sentence:
            out.append((name_key(m.norm), by_sentence[m.sent_idx]))
        elif len(distinct) == 1:
            out.append((name_key(m.norm), next(iter(distinct))))
    return out


@dataclass(slots=True)
class Summary:
    """What one document brings to the cross-document decisions (codes, names, amounts, dates,
    people's full names): about 6 KB in memory, where its slim result takes 24 KB."""

    doc_id: str
    codes: set[str]
    names: list[tuple[str, str]]  # (name, kind) of its project names, kept only without a code
    name_links: list[tuple[str, str]]  # (name_key, code) for the names a code pins down
    profile: list[tuple[str, str]]  # each pair once: the projects' fields count documents
    money: list[tuple[str, str, str, Decimal | None, str]]  # role, party, currency, amount_eur, project_code
    events: list[tuple[str, str, bool, str, str]]  # event_type, date, online, project_code, event_id
    full_names: list[tuple[str, str, str]]  # see people.full_names

    @classmethod
    def of(cls, r: DocResult) -> "Summary":
        names = _names(r)
        code_mentions = [m for m in r.mentions if m.label == "PROJECT_CODE"]
        codes = {m.norm for m in code_mentions}
        return cls(r.document.doc_id, codes, [] if codes else [(m.norm, kind) for m, kind in names],
                   _name_links(code_mentions, names), list(dict.fromkeys(r.profile)),
                   [(f.role, f.party, f.currency, f.amount_eur, f.project_code) for f in r.money],
                   [(e.event_type, e.date, e.online, e.project_code, e.event_id) for e in r.events],
                   full_names(r.people))


def link_documents(summaries: list[Summary]) -> dict[str, str]:
    """doc_id -> project key (a code, or name:<name>) for documents about one project."""
    name_codes: dict[str, Counter] = defaultdict(Counter)
    doc_key: dict[str, str] = {}
    for s in summaries:
        for key, code in s.name_links:
            name_codes[key][code] += 1
        if len(s.codes) == 1:
            doc_key[s.doc_id] = next(iter(s.codes))
    # Documents without a code: through their names, else grouped by shared names.
    groups: dict[str, str] = {}
    for s in summaries:
        if s.doc_id in doc_key or s.codes:
            continue
        votes = Counter()
        for name, _ in s.names:
            votes.update(name_codes.get(name_key(name), Counter()))
        if votes:
            doc_key[s.doc_id] = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            continue
        keys = sorted({name_key(name) for name, _ in s.names})
        if not keys:
            continue
        known = next((groups[k] for k in keys if k in groups), None)
        if known is None:
            acronyms = Counter(name for name, kind in s.names if kind == "acronym")
            titles = Counter(name for name, kind in s.names)
            best = (acronyms or titles).most_common(1)[0][0]
            known = f"name:{best}"
        for k in keys:
            groups.setdefault(k, known)
        doc_key[s.doc_id] = known
    return doc_key


def consolidate(results: Iterable[DocResult], summaries: list[Summary] | None = None) -> tuple[list[dict], "Linked"]:
    """(projects.csv rows, the results with their cross-document links).

    ``results`` (a list, or the runner's spill file of slim results) is read each time the
    returned view is iterated, and once here unless ``summaries`` holds their ``Summary``
    (in order: cache entries carry it). Only the summaries stay in memory, so a corpus of
    any size consolidates in little of it."""
    if iter(results) is results:
        raise TypeError("consolidate reads the results again: give a list or a Spill, not an iterator")
    if summaries is None:
        summaries = [Summary.of(r) for r in results]
    doc_key = link_documents(summaries)
    projects: dict[str, Project] = {}

    def project(key: str) -> Project:
        if key not in projects:
            projects[key] = Project(key, "" if key.startswith("name:") else key)
        return projects[key]

    for s in summaries:
        key = doc_key.get(s.doc_id)
        for code in sorted(s.codes):
            project(code).doc_ids.add(s.doc_id)
        if key:
            p = project(key)
            p.doc_ids.add(s.doc_id)
            _collect_document_fields(p, s)
        in_euro = {(role, party) for role, party, currency, _, _ in s.money if currency == "EUR"}
        for role, party, currency, amount_eur, code in s.money:
            mkey = code or key or ""
            converted_twin = currency != "EUR" and (role, party) in in_euro
            if mkey and not party and role in ("total", "erdf") and amount_eur is not None and not converted_twin:
                project(mkey).add(f"{role}_eur", f"{amount_eur:.2f}", s.doc_id)
            if mkey and party:
                project(mkey).partners.add(party)
    rows = [_row(p) for p in sorted(projects.values(), key=lambda p: (p.code == "", p.key))]
    people = PeopleLinks(name for s in summaries for name in s.full_names)
    return rows, Linked(results, doc_key, link_events(summaries, doc_key), people)


class Linked:
    """The results with what consolidation decided, applied to one result at a time as they
    are read: money rows carry the linked project code and key, events their ``event_key``,
    people their ``same_as``."""

    def __init__(self, results: Iterable[DocResult], doc_key: dict[str, str],
                 event_keys: list[tuple[str, list[str]]], people: PeopleLinks):
        self.results, self.doc_key, self.event_keys, self.people = results, doc_key, event_keys, people

    def __iter__(self) -> Iterator[DocResult]:
        for r, (doc_id, keys) in zip(self.results, self.event_keys, strict=True):
            if r.document.doc_id != doc_id:
                raise ValueError(f"result {r.document.doc_id} where the summaries have {doc_id}: "
                                 "results and summaries must come in the same order")
            key = self.doc_key.get(doc_id) or ""
            code = "" if key.startswith("name:") else key
            money, extras = [], dict(r.extras)
            for f in r.money:
                if code and not f.project_code:
                    f = evolve(f, project_code=code)
                money.append(f)
                at = (f.mention.start, f.mention.end, "MONEY")
                extras[at] = {**r.extras.get(at, {}), "project_key": f.project_code or key}
            events = [evolve(e, event_key=k, project_code=e.project_code or code)
                      for e, k in zip(r.events, keys, strict=True)]
            yield evolve(r, money=money, extras=extras, events=events, people=self.people.link(r.people))


def link_events(summaries: list[Summary], doc_key: dict[str, str]) -> list[tuple[str, list[str]]]:
    """(doc_id, its events' ``event_key``) per document: events that are one happening share
    one, the smallest member's id.

    Same document: same type and date, or both online. Across documents: same project and
    type, and dates that can be the same day ("XXXX-05" fits "XXXX-05-15/XXXX-05-16").
    """
    events = [(s.doc_id, e) for s in summaries for e in s.events]
    parent = list(range(len(events)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        parent[find(j)] = find(i)

    by_doc: dict[str, list[int]] = defaultdict(list)
    by_date: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for i, (did, (event_type, date, _, code, _)) in enumerate(events):
        by_doc[did].append(i)
        project = code or doc_key.get(did, "")
        if project and date:
            by_date[(project, event_type)][date].append(i)
    for members in by_doc.values():  # within a document: few events, compare all pairs
        for x, i in enumerate(members):
            a_type, a_date, a_online, _, _ = events[i][1]
            for j in members[x + 1:]:
                b_type, b_date, b_online, _, _ = events[j][1]
                if (a_type == b_type and a_date and a_date == b_date) or (a_online and b_online):
                    union(i, j)
    for dates in by_date.values():  # across documents: by project and type, then by date
        for members in dates.values():
            for j in members[1:]:
                union(members[0], j)
        for first, second in _compatible_date_pairs(list(dates)):
            union(dates[first][0], dates[second][0])
    smallest: dict[int, str] = {}  # root -> the group's smallest event id
    for i, (_, (*_, event_id)) in enumerate(events):
        root = find(i)
        if root not in smallest or event_id < smallest[root]:
            smallest[root] = event_id
    keys = (smallest[find(i)] for i in range(len(events)))
    return [(s.doc_id, [next(keys) for _ in s.events]) for s in summaries]


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
    # once per sentence, not per mention: a long line holds thousands of mentions
    partner_sentence = functools.cache(lambda i: bool(PARTNER_CONTEXT.search(_sentence_text(r, i))))
    for m in r.mentions:
        sent = r.sentences[m.sent_idx]
        if m.label == "PROGRAMME":
            out.append(("programme", m.norm))
        elif m.label == "ORG" and partner_sentence(m.sent_idx):
            out.append(("partner", m.norm))
        elif m.label != "DATE" or not m.norm or "X" in m.norm:
            continue
        elif "/" in m.norm and PERIOD_CONTEXT.search(_sentence_text(r, m.sent_idx)):
            start, end = m.norm.split("/")
            out += [("start", start), ("end", end)]
        elif START_CONTEXT.search(text[sent.start:m.start]):
            out.append(("start", m.norm))
    return out


def _sentence_text(r: DocResult, i: int) -> str:
    return r.document.text[r.sentences[i].start:r.sentences[i].end]


def _collect_document_fields(p: Project, s: Summary) -> None:
    did = s.doc_id
    for fld, value in s.profile:
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
