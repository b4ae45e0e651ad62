"""PERSON, PLACE and ORG mentions from the gazetteer and the organisation rules (no model)."""


def ents(extract, text, label):
    return [(m.text, m.norm) for m in extract(text, "entities").of_label(label)]


def test_places_in_any_case_and_inside_organisations(extract):
    text = "Semināri notika Valmierā un Cēsīs, bet Ogres novada pašvaldības pārstāvji brauca uz Rokišķiem."
    assert ents(extract, text, "PLACE") == [("Valmierā", "Valmiera"), ("Cēsīs", "Cēsis"), ("Ogres", "Ogre"),
                                            ("Rokišķiem", "Rokišķi")]


def test_organisations_from_place_and_head(extract):
    text = ("Līgumu parakstīja Ogres novada pašvaldības Attīstības nodaļas vadītāja, "
            "Vidzemes plānošanas reģiona pārstāvis un Valmieras pilsētas bibliotēkā strādājošie. "
            "Cēsu un Siguldas novadu pašvaldības piedalījās.")
    orgs = {n for _, n in ents(extract, text, "ORG")}
    assert {"Ogres novada pašvaldība", "Ogres novada pašvaldības Attīstības nodaļa",
            "Vidzemes plānošanas reģions", "Valmieras pilsētas bibliotēka", "Siguldas novada pašvaldība"} <= orgs
    assert not any(n.startswith("Cēsu un") for n in orgs)  # a list of places is not one name


def test_quoted_and_known_organisations(extract):
    text = "Jaunieši apmeklēja centru “Junda” un SIA „Dobeles ūdens”; projektu finansē ERAF un Eiropas Savienība."
    orgs = [n for _, n in ents(extract, text, "ORG")]
    assert orgs == ["Junda", "Dobeles ūdens", "ERAF", "Eiropas Savienība"]


def test_locative_places_and_municipal_areas_do_not_start_names(extract):
    text = "Rīgā darbojas jauns centrs. Rokišķu novadā daudzfunkcionālie centri darbojas kopš 2011. gada."
    assert ents(extract, text, "ORG") == []


def test_initials_are_people_not_places(extract):
    text = "Jaunatnes lietu speciāliste D.Sala un vadītāja I. Laizāne runāja Salas pagastā."
    assert ents(extract, text, "PERSON") == [("D.Sala", "D. Sala"), ("I. Laizāne", "I. Laizāne")]
    assert ents(extract, text, "PLACE") == [("Salas", "Sala")]


def test_first_name_and_surname_in_any_case(extract):
    text = ("Sanāksmi vadīja Jānis Ozoliņš. Pateicību izteica Ilzei Kalniņai un Mārim Bērziņam. "
            "Ziņu sagatavoja Aigars Ieviņš.")
    assert [n for _, n in ents(extract, text, "PERSON")] == ["Jānis Ozoliņš", "Ilze Kalniņa", "Māris Bērziņš",
                                                            "Aigars Ieviņš"]


def test_capitalised_common_words_are_not_people(extract):
    assert ents(extract, "Projekta Vadības Grupa un Sociālais Dienests tikās.", "PERSON") == []
