"""The data dictionary of lvpress's outputs: every file, column, label and money role.

docs/data-dictionary.md is written from here (``python3 -m pipeline.outputs.data_dictionary >
docs/data-dictionary.md``); the column lists come from tables.py, so a column without a
description here stops the page from being written, and tests/test_data_dictionary.py
checks that the page in the repository is the one this module writes.
"""
from __future__ import annotations

import sys

from . import tables

# Columns several files share; a file's own entry below wins.
COMMON = {
    "doc_id": "the document: first 16 hex characters of the SHA-256 of its raw bytes (a JSONL record: of its text)",
    "source": "where the document came from: its path relative to INPUT (a single file: its name; a JSONL "
              "record: `file#id`, a bad line `file:line`)",
    "sent_id": "the sentence, `<doc_id>:<n>` with n from 0 (see sentences.csv)",
    "start": "character offset where the span starts in the document's text (Python string index)",
    "end": "character offset just after the span: `text[start:end]` is the surface",
    "text": "the span as written in the document",
    "fact_id": "stable id of the fact, `<doc_id>:<start>-<end>:<LABEL>`: review decisions attach to it",
    "sentence": "the text of the sentence the fact is in",
    "project_code": "the project's code (see the PROJECT_CODE label), resolved across documents when this "
                    "one names the project only by acronym or title; empty if unknown",
    "reviewed": "`accept` or `correct` when a reviewer decided on the fact (`lvpress run --reviews`), else empty",
    "original_value": "the extracted value a correction replaced (`field=value; …` when fields were named)",
    "reviewer": "who decided on the fact",
    "review_note": "the reviewer's note",
}

FILES: dict[str, tuple[str, list[str], dict[str, str]]] = {
    "documents.csv": ("one row per input document", tables.DOCUMENT_COLUMNS, {
        "title": "the headline, when one can be told (a page title without its site's name)",
        "published": "the publication date the document states (a dateline, a \"Publicēts\" label, page "
                     "metadata), ISO 8601; empty if none",
        "n_chars": "characters in the document's text",
        "n_sentences": "sentences in the document",
        "status": "`ok`, or `error`: the document could not be read or processed and has no other rows",
        "error": "why, for `status=error` (e.g. `PDF without a text layer`, `not UTF-8 …`)",
        "fmt": "what the text was read from: `text`, `html`, `pdf`, `docx` or `odt`; offsets index the text "
               "as read (for HTML, PDF, Word and OpenDocument: the extracted text)",
        "encoding": "the encoding the bytes were decoded with (`utf-8`, `windows-1257`, …); empty for PDF, "
                    "Word and OpenDocument files",
        "duplicate_of": "the source of the first input with the same bytes; such a copy has no facts of its own",
        "near_duplicate_of": "the source of the first input of its near-duplicate group (the same release "
                             "republished with another header or footer); it keeps its facts, but "
                             "consolidation counts one vote per group and the SQLite sums leave it out",
    }),
    "sentences.csv": ("one row per sentence", tables.SENTENCE_COLUMNS, {
        "text": "the sentence",
        "furniture": "1 for site navigation lines (\"Lapas karte\", \"Facebook\", \"print\"), which never yield facts",
    }),
    "mentions.csv": ("one row per mention (see Labels)", tables.MENTION_COLUMNS, {
        "label": "what the span is: one of the labels below",
        "norm": "its canonical value, in the label's format (see Labels)",
        "method": "what found it: `rule:<name>`, `gazetteer:<name>`, `ner:<model>`, joined with `+` when several agree",
        "score": "confidence in [0, 1]",
        "time": "a clock time given with a DATE (`10:30`)",
        "kind": "for a PROJECT_NAME: `acronym`, `title_lv` or `title_en`",
        "note": "why a value is odd or how it was resolved (\"impossible date: day 30 of month 2\")",
    }),
    "money.csv": ("one row per amount of money", tables.MONEY_COLUMNS, {
        "text": "the amount as written (`791 256,20 eiro`)",
        "amount": "the amount, dot decimal, 2 decimals (`791256.20`)",
        "currency": "ISO 4217 code (`EUR`, `LVL`, `LTL`, …)",
        "amount_eur": "in euro at the fixed changeover rate (LVL 0.702804, LTL 3.45280); empty when there is none",
        "role": "what the amount is for the project: one of the money roles below",
        "party": "the partner whose share it is (nominative); empty for the whole project",
        "fund": "the EU fund the text names for it (`ERAF`, `ESF`, `KF`, `ELFLA`, …)",
        "project_key": "the project in projects.csv: its code, or `name:<acronym or title>` when no document gives one",
    }),
    "events.csv": ("one row per event per document", tables.EVENT_COLUMNS, {
        "event_id": "stable id of the event, `<doc_id>:<start>-<end>:EVENT.<event_type>`",
        "event_type": "what happened: one of the event types below",
        "date": "when, in the DATE format",
        "place": "where: `;`-separated PLACE norms",
        "participants": "who took part: `;`-separated ORG and PLACE norms (not the funders)",
        "trigger": "the words that name the event; `start`/`end` are their offsets",
        "event_key": "the same happening reported in several sentences or documents shares it: merge on it",
        "online": "1 when the event took place online",
        "date_from": "the sentence the date was read from, when not the event's own",
        "status": "`done`, or `planned` when the text says it is still to come",
    }),
    "projects.csv": ("one row per project, consolidated across documents", tables.PROJECT_COLUMNS, {
        "project_code": "the project's code; empty for a project no document gives one (see project_key)",
        "acronym": "its acronym (`SocQuality`)",
        "title_lv": "its Latvian title",
        "title_en": "its English title",
        "programme": "the funding programme (see the PROGRAMME label)",
        "start": "when the project starts (DATE format; TEXT in SQLite)",
        "end": "when it ends (DATE format; TEXT in SQLite)",
        "total_eur": "its total budget in euro",
        "erdf_eur": "the EU fund's share in euro",
        "n_documents": "documents about it",
        "doc_ids": "those documents, `;`-separated",
        "conflicts": "every field whose documents disagree, with each value and its documents, and likely "
                     "typos (`total_eur: 791256.20 [a1b2…] vs 791256.19 [e5f6…] (one cent off)`): the rows of "
                     "conflict_values.csv as text, joined with ` | `",
        "project_key": "its key: the code, or `name:<acronym or title>`",
        "partners": "organisations named as its partners, `;`-separated",
        "link_reason": "why each document is linked: `<doc_id>: <reason>` (\"its code\", \"title words in "
                       "its text: „…” (6 of 7)\"), joined with ` | `",
    }),
    "conflict_values.csv": ("one row per value a project's documents disagree on", tables.CONFLICT_COLUMNS, {
        "project_code": "the project's code; empty for a project no document gives one (see project_key)",
        "project_key": "the project in projects.csv: its code, or `name:<acronym or title>`",
        "field": "the projects.csv column the documents disagree on (`acronym`, `title_lv`, `title_en`, "
                 "`programme`, `start`, `end`, `total_eur`, `erdf_eur`)",
        "value": "one of the values they give, as projects.csv would show it; a field's rows come in the "
                 "order of the `conflicts` column (most documents first)",
        "doc_ids": "the documents that give this value, `;`-separated",
        "n_documents": "how many",
        "note": "the likely typo behind the field's disagreement (`one cent off`, `transposed digits 76↔67`, "
                "`decimal separator confusion (×10)`, `compatible: the same date at different precision`), the "
                "same on each of its rows; empty if none is seen",
    }),
    "people.csv": ("one row per PERSON mention with what the text says about them", tables.PEOPLE_COLUMNS, {
        "person": "the name in the nominative (the PERSON norm)",
        "role": "their position as the text gives it (`vadītāja`, `projekta koordinators`)",
        "organisation": "their organisation (an ORG norm)",
        "fact_id": "stable id, `<doc_id>:<start>-<end>:PERSON_ROLE`",
        "same_as": "the fuller name of the same person (\"I. Laizāne\" -> \"Inese Laizāne\"), when safe: recorded, "
                   "never merged",
        "link_reason": "why `same_as` is safe (same surname, fitting initial, same organisation)",
    }),
}

LABELS = {
    "PROJECT_CODE": "a project's identification number: cross-border codes `PREFIX-NUMBER` in upper case "
                    "(`LLI-317`, `EST-LAT-62`), national EU-fund numbers as written (`3.3.1.0/17/I/005`)",
    "PROJECT_NAME": "a project's acronym or title as the text gives it (`SocQuality`, `Dabas takas`); "
                    "`kind` says which",
    "PROGRAMME": "a funding programme (`Interreg V-A Latvijas–Lietuvas pārrobežu sadarbības programma`)",
    "MONEY": "`<amount> <ISO 4217>`, dot decimal, 2 decimals: `791256.20 EUR`",
    "DATE": "TIMEX3-style: `2019-02-05`, `2019-02`, `2019`, unknown year `XXXX-05-15`, ranges `start/end`",
    "PERSON": "a full name in the nominative, initials as written: `Ilmārs Matvejs`, `I. Laizāne`",
    "PLACE": "a base toponym in the nominative: `Kretinga`, `Auce`, `Latvija` (also inside an organisation's name)",
    "ORG": "an organisation in the nominative: `Auces novada pašvaldība`",
}
FACT_LABELS = {
    "EVENT.<event_type>": "an event (events.csv)",
    "PERSON_ROLE": "a person's role and organisation (people.csv)",
}

MONEY_ROLES = {
    "total": "the whole budget or total cost (an eligible cost given alone)",
    "erdf": "the share paid by the EU fund the text names (ERDF/ERAF, ESF, KF, ELFLA …; `fund` says which)",
    "cofinancing": "national, state or municipal co-financing",
    "other": "anything else: public funding as a whole, eligible cost beside a total, non-EU grants, "
             "programme-wide sums",
}

EVENT_TYPES = {
    "approval": "project approved, funding granted or agreement signed with the funder",
    "contract": "a works, supply or service contract signed",
    "procurement": "a tender announced or evaluated",
    "works_start": "works begin",
    "completion": "works finished, object accepted into service, project closed",
    "opening": "a public opening of a result",
    "meeting": "a meeting of partners or a steering group",
    "visit": "a study visit or exchange of experience",
    "seminar": "a seminar or webinar",
    "training": "training, a workshop",
    "conference": "a conference or forum",
    "camp": "a camp",
    "public_event": "a festival, exhibition, competition or concert",
}

OTHER_FILES = {
    "lvpress.sqlite": "every CSV as a typed, indexed table (offsets and counts INTEGER, scores REAL, ids, "
                      "dates and exact amounts TEXT, each amount with a REAL `<column>_num` twin) and the views "
                      "`money_per_project_role`, `events_per_month`, `project_timeline`, `conflicts` (one row per "
                      "project field from `conflict_values`, with the chosen value), `facts`",
    "run.json": "the run: versions (lvpress, rules, code fingerprint, model), configuration, counts per file and "
                "label, cache hits, how lvpress.sqlite was built, peak memory, seconds per stage, `failed` "
                "(every document that could not be read, with the reason), `skipped` (files of types lvpress "
                "does not read), `reviews` (with `--reviews`: decisions applied, orphaned and refused, with "
                "the reason)",
    "review.html": "written by `lvpress review OUT` (and again by each later run): the audit page",
}


def _table(header: tuple[str, str], rows) -> list[str]:
    out = [f"| {header[0]} | {header[1]} |", "|---|---|"]
    out += [f"| `{k}` | {v} |" for k, v in rows]
    return out


def render() -> str:
    """The data dictionary as Markdown; KeyError names a column without a description."""
    lines = ["# lvpress data dictionary", "",
             "<!-- generated by `python3 -m pipeline.outputs.data_dictionary`; tests/test_data_dictionary.py checks it -->",
             "", "What `lvpress run INPUT -o OUT` writes. All CSV files are UTF-8, comma separated, with a "
             "header row and RFC 4180 quoting; an empty cell means unknown. Offsets are Python string "
             "indices into the document's text as read, so `text[start:end]` is the surface on every row.", ""]
    for name, (what, columns, own) in FILES.items():
        missing = [c for c in columns if c not in own and c not in COMMON]
        if missing:
            raise KeyError(f"{name}: no description for column(s) {', '.join(missing)}")
        lines += [f"## {name}: {what}", ""]
        lines += _table(("column", "meaning"), [(c, own.get(c) or COMMON[c]) for c in columns]) + [""]
    lines += ["## Other files", ""] + _table(("file", "what it holds"), OTHER_FILES.items()) + [""]
    lines += ["## Labels", "", "Mentions (mentions.csv `label`) and the format of their `norm`:", ""]
    lines += _table(("label", "norm"), LABELS.items()) + [""]
    lines += ["Other labels in `fact_id`s:", ""] + _table(("label", "fact"), FACT_LABELS.items()) + [""]
    lines += ["## Money roles", "", "money.csv `role`:", ""] + _table(("role", "meaning"), MONEY_ROLES.items())
    lines += ["", "## Event types", "", "events.csv `event_type`:", ""]
    lines += _table(("event_type", "meaning"), EVENT_TYPES.items())
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(render())
