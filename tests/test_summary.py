"""What one document hands to the cross-document decisions: named records, interned, picklable."""
import pickle
from decimal import Decimal

from pipeline.ingest.ingest import make_document
from pipeline.rules.process import process_document
from pipeline.rules.summary import Summary

EXTRACTORS = ["project_codes", "project_names", "money", "dates", "entities", "events", "people"]
TEXT = ("Projekta LLI-512 „Zaļās pļavas” kopējās izmaksas ir 84 300,00 eiro, tostarp ERAF finansējums "
        "71 655,00 eiro. Projekta partneri 2021. gada 9. aprīlī tikās Bauskā uz pieredzes apmaiņas semināru.\n\n"
        "Bauskas novada pašvaldības projektu vadītāja Dace Ozoliņa pastāstīja par paveikto.")


def summary() -> Summary:
    result = process_document(make_document(TEXT.encode(), "s.txt", ".txt", 10**6), None, EXTRACTORS)
    return Summary.of(result)


def test_money_and_events_are_read_by_name():
    s = summary()
    total = next(m for m in s.money if m.role == "total")
    assert (total.party, total.currency, total.amount_eur, total.project_code) == ("", "EUR", Decimal("84300.00"),
                                                                                 "LLI-512")
    visit = next(e for e in s.events if e.event_type == "visit")
    assert (visit.date, visit.online, visit.project_code) == ("2021-04-09", False, "LLI-512")
    assert visit.event_id.startswith(s.doc_id)
    assert [(n.surname, n.organisation, n.name) for n in s.full_names] == [
        ("Ozoliņa", "Bauskas novada pašvaldība", "Dace Ozoliņa")]


def test_interning_keeps_the_named_records_and_shares_their_strings():
    s = summary()
    before = (list(s.money), list(s.events), list(s.full_names))
    s.interned()
    assert (s.money, s.events, s.full_names) == before
    assert type(s.money[0]).__name__ == "SummaryMoney" and type(s.events[0]).__name__ == "SummaryEvent"
    assert s.money[0].currency is Summary.of(process_document(
        make_document(TEXT.encode(), "t.txt", ".txt", 10**6), None, EXTRACTORS)).interned().money[0].currency


def test_a_summary_pickles_back_to_the_same_records():
    s = summary().interned()
    back = pickle.loads(pickle.dumps(s, protocol=pickle.HIGHEST_PROTOCOL))
    assert (back.money, back.events, back.full_names) == (s.money, s.events, s.full_names)
    assert back.money[0].role == s.money[0].role
