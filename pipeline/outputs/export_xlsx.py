"""`lvpress export OUT --xlsx`: the output tables as one spreadsheet that is safe to open.

The CSV files stay exact (offsets index into their text), so a cell may begin with ``=``,
``+``, ``-`` or ``@``: press releases are untrusted text, and Excel or LibreOffice would run
such a cell as a formula when opening the CSV. The workbook written here stores every text
cell as a string, never a formula, and the figures (amounts, offsets, counts) as numbers;
each table is a sheet with its header row frozen. A table longer than a sheet's 1,048,576
rows continues on ``NAME (2)``, …
"""
from __future__ import annotations

import csv
import logging
import sys
from pathlib import Path

log = logging.getLogger(__name__)

from .csv_files import atomic_path
from .sqlite_export import EXACT_MONEY_COLUMNS, INTEGER_COLUMNS, REAL_COLUMNS

TABLES = ("documents", "projects", "money", "events", "people", "mentions", "sentences")
NUMBER_COLUMNS = EXACT_MONEY_COLUMNS | REAL_COLUMNS
MAX_ROWS = 1_048_575  # a sheet's rows, less the header
MAX_CELL = 32_767     # characters a cell can hold


def add_arguments(parser) -> None:
    parser.add_argument("out", type=Path, help="an output folder written by `lvpress run`")
    parser.add_argument("--xlsx", nargs="?", const="", default=None, metavar="FILE",
                        help="write an Excel workbook (default FILE: OUT/lvpress.xlsx)")


def _number(column: str, value: str):
    """The cell's value: a number for figure columns that hold one, else the text itself."""
    if value and column in NUMBER_COLUMNS | INTEGER_COLUMNS:
        try:
            return int(value) if column in INTEGER_COLUMNS else float(value)
        except ValueError:
            pass  # e.g. projects.start holds a date
    return None


def _cell(sheet, column: str, value: str):
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    number = _number(column, value)
    if number is not None:
        return WriteOnlyCell(sheet, value=number)
    if len(value) > MAX_CELL:
        value = value[:MAX_CELL - 1] + "…"
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("\ufffd", value))
    cell.data_type = "s"  # a string even when it starts with "=": never a formula
    return cell


def write_xlsx(out: Path, target: Path) -> dict[str, int]:
    """Write OUT's tables to ``target`` (atomically); returns the rows written per table."""
    from openpyxl import Workbook
    from openpyxl.styles import Font


    csv.field_size_limit(sys.maxsize)
    book = Workbook(write_only=True)
    counts = {}
    for table in TABLES:
        path = out / f"{table}.csv"
        if not path.exists():
            continue
        with open(path, encoding="utf-8", newline="") as f:
            reader = csv.reader(f)
            header = next(reader, [])
            counts[table] = 0
            sheet = None
            for row in reader:
                if sheet is None or counts[table] % MAX_ROWS == 0:
                    part = counts[table] // MAX_ROWS + 1
                    sheet = book.create_sheet(table if part == 1 else f"{table} ({part})")
                    sheet.freeze_panes = "A2"
                    heading = []
                    for name in header:
                        cell = _cell(sheet, "", name)
                        cell.font = Font(bold=True)
                        heading.append(cell)
                    sheet.append(heading)
                sheet.append([_cell(sheet, c, v) for c, v in zip(header, row)])
                counts[table] += 1
            if sheet is None:  # a table with no rows still shows its columns
                sheet = book.create_sheet(table)
                sheet.freeze_panes = "A2"
                sheet.append([_cell(sheet, "", name) for name in header])
    if not counts:
        raise FileNotFoundError(f"no lvpress tables in {out}: run `lvpress run INPUT -o {out}` first")
    with atomic_path(target, "wb") as f:
        book.save(f)
    return counts


def main(args) -> int:
    if args.xlsx is None:
        log.error("choose what to export: --xlsx")
        return 2
    target = Path(args.xlsx) if args.xlsx else args.out / "lvpress.xlsx"
    try:
        counts = write_xlsx(args.out, target)
    except FileNotFoundError as e:
        log.error("%s", e)
        return 2
    log.info("wrote %s (%s)", target, ", ".join(f"{t} {n}" for t, n in counts.items()))
    return 0
