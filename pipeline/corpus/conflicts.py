"""A project's disagreements as records: one per value its documents give for a field, with
those documents and the likely typo behind the disagreement.

``conflict_values.csv`` and the SQLite table of that name hold the records as they are; the
``conflicts`` column of projects.csv is their rendering (``describe``), which people read and
no program needs to parse.
"""
from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from ..rules.money import EURO_RATES


@dataclass(frozen=True, slots=True)
class ConflictValue:
    """One of the values a project's documents disagree on; each row stands alone."""

    project_code: str
    project_key: str
    field: str
    value: str
    doc_ids: tuple[str, ...]  # sorted
    note: str  # the likely typo behind the field's disagreement, the same on each of its values


def conflict_values(project_key: str, project_code: str, fld: str,
                    ordered: list[tuple[str, set[str]]]) -> list[ConflictValue]:
    """The records of one field of a project, in the order ``ordered`` gives its values (most
    votes first); none when its documents agree."""
    if len(ordered) < 2:
        return []
    note = explain(fld, [v for v, _ in ordered])
    return [ConflictValue(project_code, project_key, fld, value, tuple(sorted(docs)), note)
            for value, docs in ordered]


def by_field(records: Iterable[ConflictValue]) -> Iterable[list[ConflictValue]]:
    """The records grouped per project and field, in their order."""
    for _, group in itertools.groupby(records, key=lambda c: (c.project_key, c.field)):
        yield list(group)


def describe(group: list[ConflictValue]) -> str:
    """One field's disagreement as people read it: ``field: value [docs] vs value [docs] (note)``."""
    values = " vs ".join(f"{c.value} [{', '.join(c.doc_ids)}]" for c in group)
    note = group[0].note
    return f"{group[0].field}: {values}" + (f" ({note})" if note else "")


def render(records: Iterable[ConflictValue]) -> str:
    """The ``conflicts`` column of a project: each field's disagreement, joined with `` | ``."""
    return " | ".join(describe(group) for group in by_field(records))


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
    return " and ".join(reasons) or rounded(a, b)


def rounded(a: Decimal, b: Decimal) -> str:
    """"the same sum rounded" when one value is a round figure (whole, hundreds, thousands, tenths
    of a million; in euros, or in lats before conversion) the other lies within half its step and
    2 % of: "791 234 eiro" against "791 234,60 eiro", "ap Ls 12 000" against "11 800 latu",
    "1,5 milj. eiro" against "1 486 240,12 eiro"; a planned 250 000 against a final 230 000 is not."""
    for unit, rate in (("", Decimal(1)), (" in lats", EURO_RATES["LVL"])):
        x, y = ((v * rate).quantize(Decimal("0.01")) for v in (a, b))
        for step in (Decimal(1), Decimal(100), Decimal(1000), Decimal(100000)):
            if any(r % step == 0 and 0 < abs(r - other) <= min(step / 2, r / 50) for r, other in ((x, y), (y, x))):
                return f"the same sum rounded{unit}"
    return ""
