"""Reviewers' decisions (reviews.csv) read and applied before consolidation."""
from decimal import Decimal

import pytest

from pipeline.corpus.consolidate import consolidate
from pipeline.outputs.tables import money_rows
from pipeline.ingest.ingest import make_document
from pipeline.records import ReviewMark, fact_id
from pipeline.outputs.review_decisions import (COLUMNS, Review, ReviewsError, apply_reviews, load_reviews, parse_money_value,
                              write_reviews)
from pipeline.rules.process import process_document

EXTRACTORS = ["project_codes", "project_names", "money", "dates", "entities", "events", "people"]

A = ("Projekta EST-LAT-62 „Dabas takas” kopējais budžets ir 120 000,00 eiro, tostarp ERAF finansējums "
     "102 000,00 eiro. Projekts tiek īstenots no 2019. gada 1. marta līdz 2021. gada 28. februārim.")
B = ("Projekts EST-LAT-62 „Dabas takas” īstenots Igaunijas–Latvijas pārrobežu sadarbības programmā 2014-2020. "
     "Projekta kopējais budžets EUR 120 000.00, tai skaitā ERAF finansējums EUR 102 000.00.")
C = ("Projekta EST-LAT-62 „Dabas takas” kopējais budžets ir 210 000,00 eiro. Sanāksme notika 2019. gada "
     "5. februārī Jelgavā. Sociālā dienesta vadītāja S.Matačina stāstīja par darbu.")


def results(*texts):
    return [process_document(make_document(t.encode(), f"d{i}.txt", ".txt", 10**6), None, EXTRACTORS)
            for i, t in enumerate(texts)]


def money_id(r, amount):
    f = next(f for f in r.money if f.amount == Decimal(amount))
    return fact_id(r.document.doc_id, f.mention.start, f.mention.end, "MONEY")


def mention_id(r, label, norm=None):
    m = next(m for m in r.mentions if m.label == label and (norm is None or m.norm == norm))
    return fact_id(r.document.doc_id, m.start, m.end, m.label)


def test_rejected_money_disappears_and_the_registry_is_rebuilt():
    res = results(A, B, C)
    rows = consolidate(res).projects
    assert "total_eur: 120000.00" in rows[0]["conflicts"] and "210000.00" in rows[0]["conflicts"]
    bad = money_id(res[2], "210000.00")
    reviewed, report = apply_reviews(res, [Review(bad, "reject", reviewer="Anna")])
    assert report["applied"] == {"accept": 0, "reject": 1, "correct": 0} and report["orphans"] == []
    assert all(f.amount != Decimal("210000.00") for r in reviewed for f in r.money)
    assert not any(m.label == "MONEY" and m.norm == "210000.00 EUR" for r in reviewed for m in r.mentions)
    rows, linked, _ = consolidate(reviewed)
    assert rows[0]["total_eur"] == "120000.00" and "total_eur" not in rows[0]["conflicts"]
    assert bad not in {row["fact_id"] for row in money_rows(linked)}
    # the input results are not modified
    assert any(f.amount == Decimal("210000.00") for f in res[2].money)


def test_corrected_amount_replaces_value_keeps_original_and_fixes_the_registry():
    res = results(A, B, C)
    fid = money_id(res[2], "210000.00")
    reviewed, report = apply_reviews(res, [Review(fid, "correct", "120 000,00", "Anna", "2024-05-01T10:00:00",
                                                  "typo in the article")])
    assert report["applied"]["correct"] == 1
    rows, linked, _ = consolidate(reviewed)
    linked = list(linked)
    assert rows[0]["total_eur"] == "120000.00" and "total_eur" not in rows[0]["conflicts"]
    row = next(row for row in money_rows(linked) if row["fact_id"] == fid)
    assert (row["amount"], row["amount_eur"], row["currency"]) == ("120000.00", "120000.00", "EUR")
    fact = next(f for f in linked[2].money if f.mention.start == row["start"])
    assert fact.review == ReviewMark("correct", "Anna", "typo in the article", "210000.00")
    assert fact.project_key == "EST-LAT-62"  # consolidation keeps the review mark
    mention = next(m for m in linked[2].mentions if m.label == "MONEY" and m.start == row["start"])
    assert mention.norm == "120000.00 EUR" and mention.review == fact.review


def test_money_field_corrections_and_currency_conversion():
    res = results(A)
    fid = money_id(res[0], "102000.00")
    reviewed, _ = apply_reviews(res, [Review(fid, "correct", "role=cofinancing; party=Jelgavas novada pašvaldība")])
    f = next(f for f in reviewed[0].money if f.mention.start == int(fid.split(":")[1].split("-")[0]))
    assert (f.role, f.party, f.amount) == ("cofinancing", "Jelgavas novada pašvaldība", Decimal("102000.00"))
    key = (f.mention.start, f.mention.end, "MONEY")
    assert f.review.original_value == "role=erdf; party="
    reviewed, _ = apply_reviews(res, [Review(fid, "correct", "70 280,40 LVL")])
    f = next(f for f in reviewed[0].money if (f.mention.start, f.mention.end, "MONEY") == key)
    assert (f.amount, f.currency, f.amount_eur) == (Decimal("70280.40"), "LVL", Decimal("100000.00"))
    assert f.review.original_value == "amount=102000.00; currency=EUR"


def test_corrected_norm_and_rejected_mentions_and_person():
    res = results(C)
    r = res[0]
    place = mention_id(r, "PLACE")
    person = mention_id(r, "PERSON")
    reviewed, report = apply_reviews(res, [Review(place, "correct", "Jelgava (pilsēta)", "Jānis"),
                                           Review(person, "reject")])
    out = reviewed[0]
    m = next(m for m in out.mentions if fact_id(m.doc_id, m.start, m.end, m.label) == place)
    assert m.norm == "Jelgava (pilsēta)"
    assert m.review == ReviewMark("correct", "Jānis", "", "Jelgava")
    assert not any(m.label == "PERSON" for m in out.mentions) and out.people == []
    assert report["applied"] == {"accept": 0, "reject": 1, "correct": 1}


def test_events_people_accept_and_field_syntax():
    res = results(C)
    r = res[0]
    assert r.events and r.people
    ev = r.events[0]
    person = r.people[0]
    pid = fact_id(r.document.doc_id, person.mention.start, person.mention.end, "PERSON_ROLE")
    date_id = mention_id(r, "DATE")
    reviewed, report = apply_reviews(res, [
        Review(ev.event_id, "correct", "date=2019-02-06; place=Jelgava;Ozolnieki"),
        Review(pid, "correct", "projekta vadītājs"),
        Review(date_id, "accept", reviewer="Anna", note="checked"),
    ])
    out = reviewed[0]
    e = out.events[0]
    assert (e.date, e.place) == ("2019-02-06", "Jelgava;Ozolnieki")
    assert e.review.original_value == f"date={ev.date}; place={ev.place}"
    assert out.people[0].role == "projekta vadītājs"
    assert out.people[0].review.original_value == person.role
    m = next(m for m in out.mentions if m.label == "DATE")
    assert m.review == ReviewMark("accept", "Anna", "checked")
    assert report["applied"] == {"accept": 1, "reject": 0, "correct": 2} and not report["invalid"]
    # rejecting the event and the role drops those rows only
    reviewed, _ = apply_reviews(res, [Review(ev.event_id, "reject"), Review(pid, "reject")])
    assert ev.event_id not in {e.event_id for e in reviewed[0].events} and reviewed[0].people == []
    assert any(m.label == "PERSON" for m in reviewed[0].mentions)


def test_event_type_correction_moves_the_id():
    res = results(C)
    ev = res[0].events[0]
    reviewed, _ = apply_reviews(res, [Review(ev.event_id, "correct", "event_type=workshop")])
    e = reviewed[0].events[0]
    assert e.event_id.endswith(":EVENT.workshop")
    assert e.review.original_value == f"event_type={ev.event_type}"


def test_event_status_correction_and_its_values():
    res = results(C)
    ev = res[0].events[0]
    new = "planned" if ev.status == "done" else "done"
    reviewed, report = apply_reviews(res, [Review(ev.event_id, "correct", f"status={new}; place=Kretinga")])
    e = reviewed[0].events[0]
    assert (e.status, e.place) == (new, "Kretinga") and not report["invalid"]
    _, report = apply_reviews(res, [Review(ev.event_id, "correct", "status=maybe")])
    assert "status='maybe'" in str(report["invalid"])


def test_orphans_invalid_and_latest_decision_wins():
    res = results(A)
    fid = money_id(res[0], "120000.00")
    gone = f"{res[0].document.doc_id}:1-5:MONEY"
    other_doc = "0123456789abcdef:10-20:PLACE"
    ev_like = mention_id(res[0], "PROJECT_CODE")
    reviews = [Review(fid, "reject", timestamp="2024-05-02T09:00:00"),
               Review(fid, "accept", timestamp="2024-05-01T09:00:00"),  # older: superseded
               Review(gone, "accept"), Review(other_doc, "reject"),
               Review(money_id(res[0], "102000.00"), "correct", "lots of money"),
               Review(ev_like, "correct", "colour=red")]
    reviewed, report = apply_reviews(res, reviews)
    assert report["orphans"] == sorted([gone, other_doc])
    assert report["superseded"] == 1 and report["reviews"] == 5
    assert report["applied"] == {"accept": 0, "reject": 1, "correct": 0}
    reasons = {x["fact_id"]: x["reason"] for x in report["invalid"]}
    assert "cannot read 'lots of money' as an amount" in reasons[money_id(res[0], "102000.00")]
    assert "unknown field 'colour'" in reasons[ev_like]
    assert all(f.amount != Decimal("120000.00") for f in reviewed[0].money)
    assert any(f.amount == Decimal("102000.00") for f in reviewed[0].money)  # invalid correction: left as is


def test_event_correction_needs_a_field():
    res = results(C)
    ev = res[0].events[0]
    _, report = apply_reviews(res, [Review(ev.event_id, "correct", "2019-02-06")])
    assert "name the field" in report["invalid"][0]["reason"]


@pytest.mark.parametrize("value,expected", [
    ("791 256,20", (Decimal("791256.20"), None)),
    ("791256.19 EUR", (Decimal("791256.19"), "EUR")),
    ("1.234.567,89", (Decimal("1234567.89"), None)),
    ("60,1 milj. eiro", (Decimal("60100000.00"), "EUR")),
    ("150 787,84 lati", (Decimal("150787.84"), "LVL")),
])
def test_latvian_amounts(value, expected):
    assert parse_money_value(value) == expected


def test_round_trip_and_file_errors(tmp_path):
    p = tmp_path / "reviews.csv"
    revs = [Review("abc:1-2:PLACE", "accept", "", "Anna", "2024-05-01T10:00:00+03:00", "ok, \"quoted\""),
            Review("abc:3-9:MONEY", "correct", "1 000,00\neiro", "Jānis", "", "multi\nline")]
    write_reviews(p, revs)
    assert p.read_text(encoding="utf-8").splitlines()[0] == ",".join(COLUMNS)
    loaded = load_reviews(p)
    assert [r.as_row() for r in loaded] == [r.as_row() for r in revs]
    assert [r.line for r in loaded] == [2, 3]

    def error(text):
        p.write_text(text, encoding="utf-8")
        with pytest.raises(ReviewsError) as e:
            load_reviews(p)
        return str(e.value)

    head = ",".join(COLUMNS) + "\n"
    assert "line 1: the header lacks the column(s) decision" in error("fact_id,verdict\nabc:1-2:X,accept\n")
    assert "line 3: decision 'acept' is not one of accept, reject, correct" in error(
        head + "abc:1-2:PLACE,accept,,,,\nabc:1-2:PLACE,acept,,,,\n")
    assert "line 2: fact_id 'abc-1-2' is not of the form" in error(head + "abc-1-2,accept,,,,\n")
    assert "line 2: decision 'correct' needs a corrected_value" in error(head + "abc:1-2:PLACE,correct,,,,\n")
    assert "line 2: 4 fields, but the header has 6" in error(head + "abc:1-2:PLACE,accept,,\n")
    assert "line 2: timestamp 'yesterday' is not an ISO 8601" in error(head + "abc:1-2:PLACE,accept,,,yesterday,\n")
    assert "empty" in error("")
    p.write_bytes(head.encode() + b"abc:1-2:PLACE,accept,,\xff\xfe,,\n")
    with pytest.raises(ReviewsError, match="line 2: not UTF-8"):
        load_reviews(p)
    with pytest.raises(ReviewsError, match="cannot read"):
        load_reviews(tmp_path / "missing.csv")
    # a BOM, CRLF line ends and only the required columns are fine
    p.write_bytes("\ufefffact_id,decision\r\nabc:1-2:PLACE,Reject\r\n".encode())
    assert load_reviews(p) == [Review("abc:1-2:PLACE", "reject", line=2)]


def test_streaming_use_one_document_at_a_time_then_slim():
    """How the runner applies reviews: each result right after it is processed (before its
    mentions are written and it is slimmed), the report once at the end."""
    from pipeline.outputs.review_decisions import ReviewApplier

    res = results(A, B, C)
    reviews = [Review(money_id(res[2], "210000.00"), "reject"), Review(mention_id(res[0], "DATE"), "accept"),
               Review("ffffffffffffffff:1-2:PLACE", "reject")]
    applier = ReviewApplier(reviews)
    slim = [applier.apply(r).slim() for r in res]
    rows = consolidate(slim).projects
    listed, report = apply_reviews(res, reviews)
    assert applier.report() == report
    assert rows == consolidate(listed)[0]
    assert "total_eur" not in rows[0]["conflicts"]
    assert report["orphans"] == ["ffffffffffffffff:1-2:PLACE"]


def test_corrected_date_rebuilds_the_project_period():
    res = results(A)
    date = next(m for m in res[0].mentions if m.label == "DATE" and "/" in m.norm)
    assert consolidate(res)[0][0]["start"] == "2019-03-01"
    fid = fact_id(date.doc_id, date.start, date.end, "DATE")
    reviewed, _ = apply_reviews(res, [Review(fid, "correct", "2019-04-01/2021-02-28")])
    assert (consolidate(reviewed)[0][0]["start"], consolidate(reviewed)[0][0]["end"]) == ("2019-04-01", "2021-02-28")
    reviewed, _ = apply_reviews(res, [Review(fid, "reject")])
    assert consolidate(reviewed)[0][0]["start"] == ""


def test_a_corrected_project_code_moves_the_documents_money_with_it():
    res = results(A)
    assert {f.project_code for f in res[0].money} == {"EST-LAT-62"}
    reviewed, report = apply_reviews(res, [Review(mention_id(res[0], "PROJECT_CODE"), "correct", "EST-LAT-26")])
    assert report["invalid"] == []
    assert {f.project_code for f in reviewed[0].money} == {"EST-LAT-26"}


def test_a_corrected_person_in_a_role_renames_the_person_mention_too():
    res = results(C)
    person = res[0].people[0].mention
    fid = fact_id(res[0].document.doc_id, person.start, person.end, "PERSON_ROLE")
    reviewed, _ = apply_reviews(res, [Review(fid, "correct", "person=Sandra Matačina; role=vadītāja")])
    assert [p.mention.norm for p in reviewed[0].people] == ["Sandra Matačina"]
    assert [m.norm for m in reviewed[0].mentions if m.label == "PERSON"] == ["Sandra Matačina"]


def test_a_corrected_place_reaches_the_events_of_its_sentence():
    res = results(C)
    event = next(e for e in res[0].events if "Jelgava" in e.place)
    reviewed, _ = apply_reviews(res, [Review(mention_id(res[0], "PLACE", "Jelgava"), "correct", "Jelgavas novads")])
    moved = next(e for e in reviewed[0].events if e.event_id == event.event_id)
    assert "Jelgavas novads" in moved.place.split(";") and "Jelgava" not in moved.place.split(";")
