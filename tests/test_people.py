"""People with their role and organisation as the text gives them (rules, no model)."""
import pytest


def people(extract, text):
    return [(p.mention.norm, p.role, p.organisation) for p in extract(text, "entities", "people").people]


@pytest.mark.parametrize("text,expected", [
    ("Pasākumu atklāja Kuldīgas novada domes priekšsēdētājs Jānis Kalniņš.",
     ("Jānis Kalniņš", "priekšsēdētājs", "Kuldīgas novada dome")),
    ("Līgumu parakstīja Talsu novada pašvaldības izpilddirektors Aivars Ozols.",
     ("Aivars Ozols", "izpilddirektors", "Talsu novada pašvaldība")),
    ("Informāciju sagatavoja Zemgales plānošanas reģiona sabiedrisko attiecību speciāliste Ilze Liepa.",
     ("Ilze Liepa", "sabiedrisko attiecību speciāliste", "Zemgales plānošanas reģions")),
    ("Sanāksmē runāja Igaunijas “Tartu kultūras nams” direktore Anna Kalniņa.",
     ("Anna Kalniņa", "direktore", "Tartu kultūras nams")),
    ("Kā norāda Jelgavas novada pašvaldības Attīstības nodaļas vadītāja Anna Kalniņa, darbi rit.",
     ("Anna Kalniņa", "vadītāja", "Jelgavas novada pašvaldības Attīstības nodaļa")),
    ("Pasākumu atklāja Izglītības un zinātnes ministre Anna Liepa.",
     ("Anna Liepa", "Izglītības un zinātnes ministre", "")),
    ("Pasākumā piedalījās vecāki un projekta vadītāja Anna Liepa.",
     ("Anna Liepa", "projekta vadītāja", "")),
    ("Liels paldies arī biedrības valdes priekšsēdētājai Ilzei Ozolai.",
     ("Ilze Ozola", "biedrības valdes priekšsēdētājai", "")),
])
def test_role_is_whole_words_and_organisation_has_no_clause(extract, text, expected):
    assert people(extract, text) == [expected]


def test_label_before_a_colon_is_the_role(extract):
    text = "Projekta vadītāja: Anna Kalniņa\nTālrunis: 20000000"
    assert people(extract, text) == [("Anna Kalniņa", "Projekta vadītāja", "")]


def test_signature_block_gives_organisation_and_title_lines(extract):
    text = ("Projekts turpinās.\n\nInformāciju sagatavoja:\nIlze Liepa\n"
            "Valsts reģionālās attīstības aģentūras\nKomunikācijas nodaļas vadītāja")
    assert people(extract, text) == [
        ("Ilze Liepa", "vadītāja", "Valsts reģionālās attīstības aģentūras Komunikācijas nodaļa")]


def test_signature_with_organisation_line_only(extract):
    text = "Projekts turpinās.\n\nInformāciju sagatavoja:\nIlze Liepa\nCentrālās finanšu un līgumu aģentūras"
    assert people(extract, text) == [("Ilze Liepa", "", "Centrālā finanšu un līgumu aģentūra")]
