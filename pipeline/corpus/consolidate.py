"""Across documents: one row per project, with the value most sources agree on, and a record
of every value they disagree on (see conflicts.py).

Documents are linked to a project by its code; a document that names the project only by
acronym or title is linked through the names that coded documents give it, and its money
rows get the code. A project that no document gives a code is keyed by its name
(``project_key`` = ``name:<acronym or title>``). Everything here is a pure, deterministic
function of the per-document results, so adding one article just means running it again.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

import regex as re

from ..records import DocResult, evolve
from ..rules.people import PeopleLinks
from ..rules.project_names import findable, name_key, same_title, title_found_in, title_words, word_stems
from ..rules.summary import Summary
from .conflicts import ConflictValue, conflict_values, render

INTERREG_PREFIX = re.compile(r"^Interreg (?:[IVX]+-?[A-C]? )?")
CAMEL_CASE = re.compile(r"\p{Lu}\p{Ll}+(?:\p{Lu}[\p{Ll}\d]*)+")
FIELDS = ("acronym", "title_lv", "title_en", "programme", "start", "end", "total_eur", "erdf_eur")


@dataclass
class Project:
    key: str
    code: str = ""
    values: dict[str, dict[str, set[str]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(set)))
    partners: set[str] = field(default_factory=set)
    doc_ids: set[str] = field(default_factory=set)
    reasons: dict[str, str] = field(default_factory=dict)  # doc_id -> why it is linked

    def add(self, fld: str, value: str, doc_id: str) -> None:
        if value:
            self.values[fld][value].add(doc_id)


class TitleIndex:
    """Project titles by their words, and short names written in camel case ("SocQuality",
    found as written: no Latvian word looks like one), to find them in documents that give
    no code."""

    def __init__(self):
        self.by_word: dict[str, set[str]] = defaultdict(set)
        self.keys: dict[str, set[str]] = defaultdict(set)  # title or short name -> project keys

    def add(self, title: str, key: str) -> None:
        if CAMEL_CASE.fullmatch(title):
            self.keys[title].add(key)
        elif findable(title):
            self.keys[title].add(key)
            for w in title_words(title).required:
                self.by_word[w].add(title)

    def find(self, s: "Summary") -> tuple[str, str] | None:
        """(key, reason) of the one project whose title a sentence of ``s`` holds; None when
        none does, when several do (a round-up of projects), or when ``s`` gives a title of
        its own that is another one (a look-alike: "… pagastā, 2. kārta")."""
        own = [name for name, _ in s.free_names() if findable(name)]
        best: dict[str, tuple[int, str]] = {}
        for words in s.words:
            for name in set(words.split()) & self.keys.keys():
                for key in self.keys[name] - s.cited:
                    best.setdefault(key, (1, f"its name „{name}” in its text"))
            stems = word_stems(words)
            for title in set().union(*(self.by_word.get(w, ()) for w in stems)):
                found = title_found_in(title, stems)
                if not found or (own and not any(same_title(title, name) for name in own)):
                    continue
                for key in self.keys[title] - s.cited:
                    if found > best.get(key, (0, ""))[0]:
                        best[key] = (found, f"title words in its text: „{title}” ({found} of "
                                            f"{title_words(title).size})")
        if len(best) != 1:
            return None
        return next((key, reason) for key, (_, reason) in best.items())


def link_documents(summaries: list[Summary]) -> tuple[dict[str, str], dict[str, str]]:
    """(doc_id -> project key (a code, or name:<name>), doc_id -> why) for documents about
    one project.

    A document's own code decides; a code it names only as another project's frame does
    not, when anything else tells its project. Without an own code: a title that documents
    with a code give, that title's words in its text (look-alikes stay apart, see
    ``title_found_in``), a title shared with other documents without a code, in this order."""
    name_codes: dict[str, Counter] = defaultdict(Counter)
    coded_titles = TitleIndex()
    doc_key: dict[str, str] = {}
    reasons: dict[str, str] = {}
    for s in summaries:
        for name, code in s.name_links:
            name_codes[name_key(name)][code] += 1
            coded_titles.add(name, code)
        own = s.codes - s.cited
        if len(own) == 1:
            doc_key[s.doc_id] = next(iter(own))
            reasons[s.doc_id] = "its code"
    pending = [s for s in summaries if not s.codes - s.cited]
    for s in pending:
        votes, by = Counter(), {}
        for name, _ in s.free_names():
            for code, n in name_codes.get(name_key(name), Counter()).items():
                if code not in s.cited:
                    votes[code] += n
                    by.setdefault(code, name)
        if votes:
            code = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            doc_key[s.doc_id], reasons[s.doc_id] = code, f"title „{by[code]}” that documents with its code give"
        elif found := coded_titles.find(s):
            doc_key[s.doc_id], reasons[s.doc_id] = found
    unlinked = [s for s in pending if s.doc_id not in doc_key]
    component, given = _name_components(unlinked)
    groups: dict[str, str] = {}  # component -> project key
    named_titles = TitleIndex()
    for s in unlinked:
        names = s.free_names()
        keys = sorted({name_key(name) for name, _ in names})
        if not keys:
            continue
        known = groups.get(component[keys[0]])
        if known is None:
            acronyms = Counter(name for name, kind in names if kind == "acronym")
            titles = Counter(name for name, kind in names)
            known = groups[component[keys[0]]] = f"name:{(acronyms or titles).most_common(1)[0][0]}"
            reasons[s.doc_id] = "its title"
        else:
            reasons[s.doc_id] = f"title „{next(n for n, _ in names if given[name_key(n)] > 1)}” " \
                                "that other documents give"
        for name, _ in names:
            named_titles.add(name, known)
        doc_key[s.doc_id] = known
    for s in pending:
        if s.doc_id in doc_key:
            continue
        if found := named_titles.find(s):
            doc_key[s.doc_id], reasons[s.doc_id] = found
        elif len(s.cited) == 1:
            doc_key[s.doc_id], reasons[s.doc_id] = next(iter(s.cited)), "its code"
    return doc_key, reasons


def _name_components(summaries: list[Summary]) -> tuple[dict[str, str], Counter]:
    """For the names of documents without a code: name key -> one key of the names that
    documents give together, directly or through another document (the title in one, the
    acronym in another, both in a third: one project whatever their order); and how many
    documents give each name."""
    parent: dict[str, str] = {}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    given: Counter = Counter()
    for s in summaries:
        keys = sorted({name_key(name) for name, _ in s.free_names()})
        given.update(keys)
        for k in keys:
            parent.setdefault(k, k)
            parent[find(k)] = find(keys[0])
    return {k: find(k) for k in parent}, given


class Consolidated(NamedTuple):
    projects: list[dict]  # projects.csv rows
    linked: "Linked"  # the results with their cross-document links
    conflicts: list[ConflictValue]  # the projects' disagreements, in the order of their rows


def consolidate(results: Iterable[DocResult], summaries: list[Summary] | None = None) -> Consolidated:
    """The projects, the linked results and the projects' conflicts.

    ``results`` (a list, or the runner's spill file of slim results) is read each time
    ``linked`` is iterated, and once here unless ``summaries`` holds their ``Summary``
    (in order: cache entries carry it). Only the summaries stay in memory, so a corpus of
    any size consolidates in little of it."""
    if iter(results) is results:
        raise TypeError("consolidate reads the results again: give a list or a Spill, not an iterator")
    if summaries is None:
        summaries = [Summary.of(r) for r in results]
    doc_key, reasons = link_documents(summaries)
    projects: dict[str, Project] = {}

    def project(key: str) -> Project:
        if key not in projects:
            projects[key] = Project(key, "" if key.startswith("name:") else key)
        return projects[key]

    for s in summaries:
        key = doc_key.get(s.doc_id)
        for code in sorted(s.codes):
            project(code).doc_ids.add(s.doc_id)
            project(code).reasons.setdefault(s.doc_id, "its code" if code not in s.cited else "cites its code")
        if key:
            p = project(key)
            p.doc_ids.add(s.doc_id)
            p.reasons[s.doc_id] = reasons[s.doc_id]
            _collect_document_fields(p, s)
        _collect_pinned_names(s, key, project)
        in_euro = {(m.role, m.party) for m in s.money if m.currency == "EUR"}
        for m in s.money:
            mkey = (m.project_code if m.project_code not in s.cited else "") or key or ""
            converted_twin = m.currency != "EUR" and (m.role, m.party) in in_euro
            if mkey and not m.party and m.role in ("total", "erdf") and m.amount_eur is not None and not converted_twin:
                project(mkey).add(f"{m.role}_eur", f"{m.amount_eur:.2f}", s.doc_id)
            if mkey and m.party:
                project(mkey).partners.add(m.party)
    group_of = {s.doc_id: s.near_duplicate_of for s in summaries if s.near_duplicate_of}
    rows, conflicts = [], []
    for p in sorted(projects.values(), key=lambda p: (p.code == "", p.key)):
        row, found = _row(p, group_of)
        rows.append(row)
        conflicts += found
    people = PeopleLinks(name for s in summaries for name in s.full_names)
    cited = {s.doc_id: s.cited for s in summaries if s.cited}
    return Consolidated(rows, Linked(results, doc_key, link_events(summaries, doc_key), people, cited), conflicts)


class Linked:
    """The results with what consolidation decided, applied to one result at a time as they
    are read: money rows carry the linked project code and key, events their ``event_key``,
    people their ``same_as``. A money row that the document's extractor gave a code the
    document only cites gets the document's own project instead."""

    def __init__(self, results: Iterable[DocResult], doc_key: dict[str, str],
                 event_keys: list[tuple[str, list[str]]], people: PeopleLinks, cited: dict[str, set[str]]):
        self.results, self.doc_key, self.event_keys, self.people = results, doc_key, event_keys, people
        self.cited = cited

    def __iter__(self) -> Iterator[DocResult]:
        for r, (doc_id, keys) in zip(self.results, self.event_keys, strict=True):
            if r.document.doc_id != doc_id:
                raise ValueError(f"result {r.document.doc_id} where the summaries have {doc_id}: "
                                 "results and summaries must come in the same order")
            key = self.doc_key.get(doc_id) or ""
            code = "" if key.startswith("name:") else key
            money = []
            cited = self.cited.get(doc_id, ())
            for f in r.money:
                if f.project_code in cited and key != f.project_code:
                    f = evolve(f, project_code=code)
                elif code and not f.project_code:
                    f = evolve(f, project_code=code)
                money.append(evolve(f, project_key=f.project_code or key))
            events = [evolve(e, event_key=k, project_code=e.project_code or code)
                      for e, k in zip(r.events, keys, strict=True)]
            yield evolve(r, money=money, events=events, people=self.people.link(r.people))


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
    for i, (did, e) in enumerate(events):
        by_doc[did].append(i)
        project = e.project_code or doc_key.get(did, "")
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


def _collect_document_fields(p: Project, s: Summary) -> None:
    did = s.doc_id
    elsewhere = {name for name, code in s.name_links if code != p.code}  # another project's names
    # "Projekta DIGIMUSE partneri": an acronym read as an organisation is no partner
    names = {value for fld, value in s.profile if fld in ("acronym", "title_lv", "title_en")}
    for fld, value in s.profile:
        if fld == "partner":
            if value not in names:
                p.partners.add(value)
        elif value not in elsewhere:
            p.add(fld, value, did)


def _collect_pinned_names(s: Summary, key: str | None, project) -> None:
    """The names a document pins to another project's code (one it cites, or one of the several
    a round-up gives) go to that project."""
    kinds = dict(s.names) | {value: fld for fld, value in s.profile if fld in ("acronym", "title_lv", "title_en")}
    for name, code in s.name_links:
        if code != key and name in kinds:
            project(code).add(kinds[name], name, s.doc_id)


def same_value_key(fld: str, value: str) -> str:
    """Values that mean the same: one title spelled two ways, one programme named fully or not."""
    if fld in ("acronym", "title_lv", "title_en"):
        return name_key(value)
    if fld == "programme":
        return INTERREG_PREFIX.sub("", value)
    return value


def _grouped(values: dict[str, set[str]], fld: str, group_of: dict[str, str]) -> list[tuple[str, set[str]]]:
    """(shown value, documents) per distinct meaning; most votes first, then the fullest
    spelling. Near-duplicates of one release (``group_of``: doc_id -> the group's first
    document) cast one vote."""
    def votes(docs: set[str]) -> int:
        return len({group_of.get(d, d) for d in docs})

    groups: dict[str, dict[str, set[str]]] = defaultdict(dict)
    for v, docs in values.items():
        groups[same_value_key(fld, v)][v] = docs
    out = []
    for variants in groups.values():
        docs = set().union(*variants.values())
        shown = sorted(variants.items(), key=lambda kv: (-votes(kv[1]), -_fullness(fld, kv[0]), kv[0]))[0][0]
        out.append((shown, docs))
    return sorted(out, key=lambda vd: (-votes(vd[1]), -_fullness(fld, vd[0]), vd[0]))


def _fullness(fld: str, value: str) -> int:
    """How much a value says: a sum's significant digits (64313.81 from "64 313,81 eiro" over
    64300.00 from "64,3 tūkst. eiro"), else its length (the fuller spelling of a title)."""
    if fld.endswith("_eur"):
        return len(value.replace(".", "").strip("0"))
    return len(value)


def _titles_given_as_short_names(p: Project) -> None:
    """A short title ("„Pierobeža bez robežām”") reads as a short name where a release gives
    it alone; where another release gives it as the title (before an acronym in brackets), it
    is the title in every release."""
    for fld in ("title_lv", "title_en"):
        titles = {name_key(v) for v in p.values.get(fld, {})}
        for name in [v for v in p.values.get("acronym", {}) if name_key(v) in titles]:
            p.values[fld][name] |= p.values["acronym"].pop(name)


def _disagreeing(fld: str, groups: list[tuple[str, set[str]]]) -> list[tuple[str, set[str]]]:
    """The values of a field that documents disagree on. A name whose documents all give
    another name too ("„Baltijas velotakas” („Baltic Bike Trails”)", a place written in two
    cases) is one more name of the project, not a disagreement; a changed figure is."""
    if fld not in ("acronym", "title_lv", "title_en"):
        return groups
    return [(v, docs) for i, (v, docs) in enumerate(groups)
            if not any(docs <= others for j, (_, others) in enumerate(groups) if j != i)]


def _row(p: Project, group_of: dict[str, str]) -> tuple[dict, list[ConflictValue]]:
    _titles_given_as_short_names(p)
    grouped = {f: _grouped(p.values[f], f, group_of) if p.values.get(f) else [] for f in FIELDS}
    # most documents win; then the more precise value; then a stable order. A date the project
    # is said to have begun or ended on wins over a planned period.
    chosen = {f: groups[0][0] if groups else "" for f, groups in grouped.items()}
    for f in ("start", "end"):
        done = p.values.get(f"{f}_done", {})
        chosen[f] = next((v for v, _ in grouped[f] if v in done), chosen[f])
    conflicts = [c for f, groups in grouped.items() for c in conflict_values(p.key, p.code, f, _disagreeing(f, groups))]
    return {
        "project_code": p.code, "acronym": chosen["acronym"], "title_lv": chosen["title_lv"],
        "title_en": chosen["title_en"], "programme": chosen["programme"], "start": chosen["start"],
        "end": chosen["end"], "total_eur": chosen["total_eur"], "erdf_eur": chosen["erdf_eur"],
        "n_documents": len(p.doc_ids), "doc_ids": ";".join(sorted(p.doc_ids)),
        "conflicts": render(conflicts), "project_key": p.key,
        "partners": ";".join(sorted(p.partners)),
        "link_reason": " | ".join(f"{d}: {p.reasons[d]}" for d in sorted(p.doc_ids)),
    }, conflicts
