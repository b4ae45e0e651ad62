"""An institution's description and its quoted name are one organisation (GUIDE: the whole name
as the article gives it), read with the shipped model's lemmas."""
import pytest

from pipeline.ingest.ingest import make_document
from pipeline.rules.extract import plan
from pipeline.rules.process import process_document


def orgs(nlp, text: str) -> list[str]:
    result = process_document(make_document(text.encode(), "t.txt", ".txt", 10**6), nlp, plan(["all"]))
    return [m.norm for m in result.mentions if m.label == "ORG"]


@pytest.mark.parametrize("text, expected", [
    ("Jauno aprīkojumu saņēma dienas aprūpes centrs “Eglāji”.", ["dienas aprūpes centrs Eglāji"]),
    ("Projektu īsteno sporta klubs “Vārpa” no Dobeles.", ["sporta klubs Vārpa"]),
    ("Līgums noslēgts ar jauniešu centru “Kvartāls”.", ["jauniešu centrs Kvartāls"]),
    ("Koncertā uzstājās tautas deju kolektīvs “Rotaļa”.", ["tautas deju kolektīvs Rotaļa"]),
    ("Sadarbojas Limbažu rajona mednieku kolektīvs „Ainaži” un biedrība „Jūrkante”.",
     ["Limbažu rajona mednieku kolektīvs Ainaži", "biedrība Jūrkante"]),
])
def test_a_description_and_its_quoted_name_are_one_name(nlp, text, expected):
    assert orgs(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    # a bare institution word is no part of the name
    ("Jaunieši apmeklēja centru “Junda”.", ["Junda"]),
    # a generic phrase before a name with its own head word (GUIDE: "pašvaldības iestāde" is no ORG)
    ("Dokumentus sagatavoja pašvaldības iestāde „Talsu novada Sociālais dienests”.",
     ["Talsu novada Sociālais dienests"]),
    # the verb before the description ends it
    ("Telpas izmanto bērnu un jauniešu centrs “Zvaigzne”.", ["bērnu un jauniešu centrs Zvaigzne"]),
])
def test_what_stays_outside_the_name(nlp, text, expected):
    assert orgs(nlp, text) == expected


def test_an_institution_of_a_kind_is_named_by_its_quoted_name(nlp):
    found = orgs(nlp, "Bērni apmeklē Talsu novada pirmsskolas izglītības iestādi “Pīlādzītis”.")
    assert "Pīlādzītis" in found and not any("iestāde Pīlādzītis" in name for name in found)
