"""Place gazetteer: matching rules, offsets, and the integrity of pipeline/data/places.tsv."""
import importlib.resources
import unicodedata
from collections import Counter

import pytest

from pipeline.rules.gazetteer import Gazetteer, PlaceHit, default_gazetteer
from pipeline.rules.inflect import forms


@pytest.fixture(scope="module")
def gaz():
    return default_gazetteer()


@pytest.fixture(scope="module")
def rows():
    text = (importlib.resources.files("pipeline") / "data" / "places.tsv").read_text(encoding="utf-8")
    lines = text.splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"))) for line in lines[1:]]


def norms(gaz, text):
    return [(h.text, h.norm) for h in gaz.find(text)]


def test_places_in_every_case(gaz):
    text = ("Pieredzes apmaiņas braucienā uz Rokišķiem un Kretingu devās speciālisti no Aucē "
            "un Dobelē dzīvojošiem, kas iepriekš bija viesojušies Rokišķos, Cēsīs un Jelgavā; "
            "Latvijas un Lietuvas partneri tikās Daugavpilī, bet Talsu un Tukuma kolēģi — Rīgā.")
    assert norms(gaz, text) == [
        ("Rokišķiem", "Rokišķi"), ("Kretingu", "Kretinga"), ("Aucē", "Auce"), ("Dobelē", "Dobele"),
        ("Rokišķos", "Rokišķi"), ("Cēsīs", "Cēsis"), ("Jelgavā", "Jelgava"), ("Latvijas", "Latvija"),
        ("Lietuvas", "Lietuva"), ("Daugavpilī", "Daugavpils"), ("Talsu", "Talsi"),
        ("Tukuma", "Tukums"), ("Rīgā", "Rīga"),
    ]


def test_place_inside_organisation_name(gaz):
    text = "Auces novada pašvaldība un Zemgales plānošanas reģions sadarbojas ar Rokišķu muzeju."
    assert norms(gaz, text) == [("Auces", "Auce"), ("Zemgales", "Zemgale"), ("Rokišķu", "Rokišķi")]


def test_hit_fields_and_offsets(gaz):
    text = "Nometne notiks\nIecavas\nnovadā (Latvijā) un Salantai ciemā, Lietuvā."
    hits = gaz.find(text)
    assert all(text[h.start:h.end] == h.text for h in hits)
    assert hits[0] == PlaceHit(text.index("Iecavas"), text.index("Iecavas") + 7, "Iecavas",
                               "Iecava", "town", "LV")
    assert [(h.norm, h.country) for h in hits[1:]] == [("Latvija", "LV"), ("Salanti", "LT"),
                                                      ("Lietuva", "LT")]


def test_decomposed_text_keeps_offsets(gaz):
    text = unicodedata.normalize("NFD", "Projekts notika Rīgā un Jūrmalā.")
    hits = gaz.find(text)
    assert [h.norm for h in hits] == ["Rīga", "Jūrmala"]
    assert all(text[h.start:h.end] == h.text for h in hits)


def test_multiword_macro_region(gaz):
    text = "uzlabošana Vidusbaltijas reģionā jeb Vidus-Baltijas reģionā, visā Baltijā"
    assert norms(gaz, text) == [("Vidusbaltijas reģionā", "Vidusbaltija"),
                                ("Vidus-Baltijas reģionā", "Vidusbaltija"), ("Baltijā", "Baltija")]


def test_hyphenated_pair_gives_two_places(gaz):
    assert [h.norm for h in gaz.find("Latvijas-Lietuvas programma")] == ["Latvija", "Lietuva"]


def test_no_hits_in_lowercase_words_or_inside_words(gaz):
    assert gaz.find("rīgā, auces novadā, latvija, ogre") == []
    assert gaz.find("Pārdaugavā un Jaunrīgā, iestādeBauskas") == []


def test_initial_or_first_name_makes_a_surname(gaz):
    assert gaz.find("Jaunatnes lietu speciāliste D.Sala un D. Sala") == []
    assert gaz.find("Runāja R.Bauska un J. K. Dobele.") == []
    assert gaz.find("Jānis Liepa un Ilzei Bauskai pateicās") == []
    assert norms(gaz, "Vadītāja S.Matačina brauca uz Bausku.") == [("Bausku", "Bauska")]


def test_ambiguous_names_need_a_place_noun(gaz):
    assert gaz.find("Sala bija pilna ar cilvēkiem. Liepa zied.") == []
    assert norms(gaz, "Salas pagastā un Liepas pagasta centrā") == [("Salas", "Sala"), ("Liepas", "Liepa")]
    assert norms(gaz, "Salas un Sēlpils pagastos") == [("Salas", "Sala"), ("Sēlpils", "Sēlpils")]


def test_common_words_at_sentence_start_are_not_places(gaz):
    # "mūsu" (our) is a form of the river Mūsa, "vaboles" (beetles) of the parish Vabole
    assert gaz.find("Mūsu ceļojums sākās. Vaboles un Taureni lidoja. More.") == []


def test_world_places(gaz):
    assert norms(gaz, "Viņš strādāja Ņujorkā, vēlāk Kijivā un PSRS.") == [
        ("Ņujorkā", "Ņujorka"), ("Kijivā", "Kijiva"), ("PSRS", "PSRS")]


def test_street_names_and_eu_bodies_are_not_places(gaz):
    assert norms(gaz, "Adrese: Rīgas iela 29, Vecumnieki") == [("Vecumnieki", "Vecumnieki")]
    assert norms(gaz, "Eiropas Savienības fondi un Eiropas Reģionālās attīstības fonds Eiropā") == [
        ("Eiropā", "Eiropa")]


def test_custom_gazetteer_from_tsv():
    g = Gazetteer.from_tsv("name\ttype\tcountry\tdecl\taliases\tforms\tambiguous\n"
                           "Vārme\tparish\tLV\t\t\t\t\n"
                           "Tartu\tcity\tEE\t0\tTērbata\t\t\n")
    assert norms(g, "Vārmē un Tērbatā, Tartu") == [("Vārmē", "Vārme"), ("Tērbatā", "Tartu"),
                                                 ("Tartu", "Tartu")]


def test_data_columns_and_uniqueness(rows):
    assert Counter(r["name"] for r in rows).most_common(1)[0][1] == 1
    types = {"country", "region", "macroregion", "city", "town", "municipality", "parish",
             "village", "river", "lake", "sea"}
    for r in rows:
        assert r["type"] in types, r
        assert r["country"] == "" or (len(r["country"]) == 2 and r["country"].isupper()), r
        assert r["decl"] in ("", "0", "6"), r
        assert r["ambiguous"] in ("", "1"), r


def test_every_name_and_form_maps_back_to_itself(gaz, rows):
    for r in rows:
        if r["ambiguous"]:
            continue
        assert norms(gaz, r["name"]) == [(r["name"], r["name"])], r["name"]
        if " " not in r["name"]:
            for form in forms(r["name"], r["decl"] or None):
                assert [h.norm for h in gaz.find(form)] == [r["name"]], form


CURRENT_MUNICIPALITIES = (  # 2021 reform: 7 state cities and the bases of the 36 novadi
    "Daugavpils Jelgava Jūrmala Liepāja Rēzekne Rīga Ventspils Aizkraukle Alūksne Augšdaugava "
    "Ādaži Balvi Bauska Cēsis Dienvidkurzeme Dobele Gulbene Jēkabpils Krāslava Kuldīga Ķekava "
    "Limbaži Līvāni Ludza Madona Mārupe Ogre Olaine Preiļi Ropaži Salaspils Saldus Saulkrasti "
    "Sigulda Smiltene Talsi Tukums Valka Valmiera Varakļāni").split()


def test_current_municipalities_present(rows):
    # Jelgava, Rēzekne and Ventspils each name a state city and a novads
    assert len(set(CURRENT_MUNICIPALITIES)) == 7 + 36 - 3
    assert set(CURRENT_MUNICIPALITIES) <= {r["name"] for r in rows}


def test_seed_article_places(gaz):
    text = ("Projektu izstrādājis kopā ar partneriem no septiņām pašvaldībām Latvijā un Lietuvā – "
            "Auces, Dobeles, Jaunjelgavas un Viesītes novada pašvaldībām, kā arī Jonišķu, Rokišķu "
            "un Kretingas partneriem. Tikšanās notika Saulaines Sociālā centra telpās, Saulainē, "
            "Rundāles pagastā, kā arī Pakrojā, Pandēles un Panemunelis centros.")
    assert {h.norm for h in gaz.find(text)} == {
        "Latvija", "Lietuva", "Auce", "Dobele", "Jaunjelgava", "Viesīte", "Jonišķi", "Rokišķi",
        "Kretinga", "Saulaine", "Rundāle", "Pakroja", "Pandēle", "Panemunelis"}


def test_names_whose_first_word_is_hyphenated_are_found():
    """find() looks a name up by its first word: 'Vidus-Baltijas' is two words to it."""
    from pipeline.rules.gazetteer import default_gazetteer

    hits = default_gazetteer().find("Sadarbojas Vidus-Baltijas reģiona un Kurzemes plānošanas reģiona pārstāvji.")
    assert [(h.text, h.norm) for h in hits][:2] == [("Vidus-Baltijas reģiona", "Vidusbaltija"), ("Kurzemes", "Kurzeme")]


def test_lithuanian_plurals_and_the_sea_take_their_latvian_names(gaz):
    text = "Braucām no Biržai uz Salantai un Kuliai, tad gar Baltijas jūras reģiona krastu līdz Polockai."
    assert [h.norm for h in gaz.find(text)] == ["Birži", "Salanti", "Kuļi", "Baltijas jūra", "Polocka"]


def test_eu_instrument_names_are_not_europe(gaz):
    text = "Finansē Eiropas kaimiņattiecību un partnerības programma un Eiropas Zivsaimniecības fonds Eiropā."
    assert [h.norm for h in gaz.find(text)] == ["Eiropa"]


@pytest.mark.parametrize("text,expected", [
    ("Laipas izbūvētas Rāznas ezera krastā un pie Kaņiera.", [("Rāznas", "Rāzna"), ("Kaņiera", "Kaņieris")]),
    ("Tilts pār Braslu un taka gar Abulu tika atjaunoti.", [("Braslu", "Brasla"), ("Abulu", "Abuls")]),
    ("Zivju resursi Irbes upē un Mūsas upes lejtecē.", [("Irbes", "Irbe"), ("Mūsas", "Mūsa")]),
])
def test_rivers_and_lakes(gaz, text, expected):
    assert norms(gaz, text) == expected


def test_river_that_is_a_surname_needs_upe(gaz):
    assert gaz.find("Irbe stāstīja par projektu.") == []


def test_lithuanian_and_estonian_spellings_take_the_latvian_name(gaz):
    text = "Partneri no Zarasai, Anykščiai un Klaipėda tikās ar kolēģiem no Saaremaa."
    assert norms(gaz, text) == [("Zarasai", "Zarasi"), ("Anykščiai", "Anīkšči"), ("Klaipėda", "Klaipēda"),
                                ("Saaremaa", "Sāmsala")]
