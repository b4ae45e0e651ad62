"""PERSON, PLACE and ORG mentions from the gazetteer and the organisation rules (no model)."""

import pytest


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
    assert orgs == ["Junda", "SIA Dobeles ūdens", "ERAF", "Eiropas Savienība"]


def test_legal_form_before_a_quoted_name_is_part_of_it(extract):
    text = ("Pašvaldība noslēdza līgumu ar IK “Bērziņš un Kalna Projekti”, bet biedrībai „Mežmalas ceļš” "
            "piešķīra grantu. Biedrība „Jauniešu centrs „Sprīdis” ” rīko nometni, p/a “Veselība” remontē ēku. "
            "Atbalstu saņēma biedrība ‘’Zvejnieki’’ un IK “Pēteris Liepiņš”.")
    orgs = [n for _, n in ents(extract, text, "ORG")]
    assert orgs == ["IK Bērziņš un Kalna Projekti", "biedrība Mežmalas ceļš", "biedrība Jauniešu centrs Sprīdis",
                    "p/a Veselība", "biedrība Zvejnieki", "IK Pēteris Liepiņš"]
    assert ents(extract, text, "PERSON") == []  # people's names inside companies' names


def test_programme_titles_in_quotes_are_not_organisations(extract):
    text = ("Projektu līdzfinansē darbības programmas “Izaugsme un nodarbinātība” ietvaros. "
            "Kalendārs\n« Maijs 2021 »")
    assert ents(extract, text, "ORG") == []


def test_funds_and_agencies_by_their_whole_name_and_no_place_inside(extract):
    text = ("Projektu līdzfinansē Eiropas reģionālā attīstības fonds un Eiropas Lauksaimniecības fonds lauku "
            "attīstībai; līgumu slēdza ar Centrālo finanšu un līgumu aģentūru, maksājumus veic Valsts kase.")
    assert [n for _, n in ents(extract, text, "ORG")] == [
        "Eiropas Reģionālās attīstības fonds", "Eiropas Lauksaimniecības fonds lauku attīstībai",
        "Centrālā finanšu un līgumu aģentūra", "Valsts kase"]
    assert ents(extract, text, "PLACE") == []


def test_each_place_of_a_list_names_its_own_organisation(extract):
    text = ("Sanāksmē piedalījās Latgales, Zemgales un Vidzemes plānošanas reģioni, "
            "kā arī Baldones (Latvija) un Biržu (Lietuva) pašvaldību pārstāvji. "
            "Koncertu rīkoja Krimuldas un Lēdurgas jauktā kora biedrība.")
    orgs = {n for _, n in ents(extract, text, "ORG")}
    assert {"Latgales plānošanas reģions", "Zemgales plānošanas reģions", "Vidzemes plānošanas reģions",
            "Baldones pašvaldība", "Biržu pašvaldība", "Krimuldas un Lēdurgas jauktā kora biedrība"} <= orgs
    assert not any(n.startswith(("Latgales, ", "Baldones (")) for n in orgs)


def test_a_name_ends_before_a_verb_or_an_adjective(extract):
    text = ("Talsu novada dome ir noslēgusi vienošanos ar Centrālo finanšu un līgumu aģentūru. "
            "Ventspils pilsētas centrālās pārvaldes darbinieki piedalījās.")
    orgs = {n for _, n in ents(extract, text, "ORG")}
    assert "Talsu novada dome" in orgs and not any(" ir " in n for n in orgs)
    assert "Ventspils pilsētas centrālā pārvalde" in orgs and "Ventspils pilsētas centrālā" not in orgs


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


def test_model_names_fill_gaps_but_rules_win(extract):
    """A stand-in for the model: a blank Latvian pipeline whose entities are set by hand."""
    import spacy
    from spacy.tokens import Span

    from pipeline.rules.extract import DocContext, get_extractor
    from pipeline.model.nlp import Annotated
    from conftest import make_context

    text = "Sēdē Valsts darba inspekcijas pārstāvis Rūdolfs Krūmiņš un ERAF 123 pārstāvji tikās Aucē."
    base = make_context(text)
    nlp = spacy.blank("lv")
    doc = nlp(text)
    by_text = {t.text: t.i for t in doc}
    doc.ents = [Span(doc, 1, 4, "organization"),  # Valsts darba inspekcijas: only the model knows it
                Span(doc, 5, 7, "person"),  # Rūdolfs Krūmiņš: "Rūdolfs" may be missing from the lexicon
                Span(doc, by_text["ERAF"], by_text["123"] + 1, "person"),  # digits: not a name
                Span(doc, by_text["Aucē"], by_text["Aucē"] + 1, "GPE")]  # the gazetteer agrees
    ctx = DocContext(base.document, base.sentences, [Annotated(base.sentences[0], doc)])
    get_extractor("entities")(ctx)
    got = {(m.text, m.label, m.method) for m in ctx.mentions}
    assert ("Valsts darba inspekcijas", "ORG", "ner:lv_lvpress") in got
    assert any(t == "Rūdolfs Krūmiņš" and lab == "PERSON" for t, lab, _ in got)
    assert not any("123" in t for t, _, _ in got)
    assert ("Aucē", "PLACE", "gazetteer:places+ner:lv_lvpress") in got
    norms = {m.text: m.norm for m in ctx.mentions}
    assert norms["Valsts darba inspekcijas"] == "Valsts darba inspekcija"


def test_a_list_under_a_singular_head_is_one_name(extract):
    text = "Koncertu rīkoja Krimuldas un Lēdurgas jauktā kora biedrība."
    assert {n for _, n in ents(extract, text, "ORG")} == {"Krimuldas un Lēdurgas jauktā kora biedrība"}


def test_a_country_before_a_capitalised_word_starts_a_name(extract):
    text = "Grantu saņēma “Latvijas Amatnieku biedrībai” piederošā darbnīca, bet Latvijas pašvaldības ne."
    assert [n for _, n in ents(extract, text, "ORG")] == ["Latvijas Amatnieku biedrība"]


def test_signature_unit_on_the_next_line_is_named_with_its_parent(extract):
    text = ("Informāciju sagatavoja:\nTukuma novada pašvaldības\nKomunikācijas nodaļa\n\n"
            "Līga Kalna\nValsts reģionālās attīstības aģentūras\nReģionālās politikas nodaļas vadītāja")
    orgs = {(t, n) for t, n in ents(extract, text, "ORG")}
    assert ("Komunikācijas nodaļa", "Tukuma novada pašvaldības Komunikācijas nodaļa") in orgs
    assert ("Reģionālās politikas nodaļas",
            "Valsts reģionālās attīstības aģentūras Reģionālās politikas nodaļa") in orgs


def test_known_body_before_its_unit_joins_it(extract):
    text = "Iesniegumus pieņem LAD Zemgales reģionālā lauksaimniecības pārvalde."
    assert [n for _, n in ents(extract, text, "ORG")] == [
        "LAD", "LAD Zemgales reģionālā lauksaimniecības pārvalde"]


def test_quoted_names_listed_after_an_institution_word(extract):
    text = "Remontēs divas pirmsskolas izglītības iestādes – “Pīlādzītis” un “Bitīte”, kā arī filiāli „Cīrulis”."
    assert [n for _, n in ents(extract, text, "ORG")] == ["Pīlādzītis", "Bitīte", "Cīrulis"]


def test_model_titles_codes_and_sentence_initial_words_are_dropped(extract):
    """The model's spans that the rules know better: quoted titles, "ES fondi", letter codes,
    words capitalised only by the start of a sentence, a place naming a street."""
    import spacy
    from spacy.tokens import Span

    from pipeline.rules.extract import DocContext, get_extractor
    from pipeline.model.nlp import Annotated
    from conftest import make_context

    text = ("Pludmalē notika „Jūras dienas” ar ES fondu atbalstu. Rīkoja LV EN un Valsts ieņēmumu dienests "
            "pie Talsu šosejas. Dienas centrs strādāja. Zemkopības ministrija atbalstīja.")
    base = make_context(text)
    doc = spacy.blank("lv")(text)
    by_text = {t.text: t.i for t in doc}
    doc.ents = [Span(doc, 0, 1, "GPE"),  # Pludmalē: sentence-initial common noun
                Span(doc, by_text["„"], by_text["”"] + 1, "organization"),  # a quoted title
                Span(doc, by_text["ES"], by_text["ES"] + 2, "organization"),
                Span(doc, by_text["LV"], by_text["EN"] + 1, "organization"),
                Span(doc, by_text["Valsts"], by_text["dienests"] + 1, "organization"),
                Span(doc, by_text["Talsu"], by_text["Talsu"] + 1, "GPE"),  # a street
                Span(doc, by_text["Dienas"], by_text["Dienas"] + 2, "organization"),  # generic
                Span(doc, by_text["Zemkopības"], by_text["Zemkopības"] + 2, "organization")]
    ctx = DocContext(base.document, base.sentences, [Annotated(s, doc) for s in base.sentences[:1]])
    get_extractor("entities")(ctx)
    assert {(m.text, m.label) for m in ctx.mentions if "ner" in m.method} == {
        ("Valsts ieņēmumu dienests", "ORG"), ("Zemkopības ministrija", "ORG")}


def test_bare_legal_form_name_closed_by_punctuation(extract):
    text = ("Darbus veiks SIA Kurzemes Būvnieks, uzraudzību AS Ceļinieks. Piegādās SIA Talsu ceļi un citi. "
            "Mežu apsaimnieko VAS „Zemgales meži”.")
    orgs = [n for _, n in ents(extract, text, "ORG")]
    assert "SIA Kurzemes Būvnieks" in orgs and "AS Ceļinieks" in orgs and "VAS Zemgales meži" in orgs
    assert "SIA Talsu" not in orgs  # "ceļi" may still belong to the name


def test_kinds_of_institution_in_the_plural_and_buildings_are_not_names(extract):
    text = "Remontēs trīs Bauskas pirmsskolas izglītības iestāžu ēkas un Cēsu Tējas namiņa jumtu."
    assert ents(extract, text, "ORG") == []


def test_a_name_after_a_person_starts_with_the_initial(extract):
    text = "Grantu saņēma J. Vītola Ogres Mūzikas skolai."
    assert [n for _, n in ents(extract, text, "ORG")] == ["J. Vītola Ogres Mūzikas skola"]
    assert ents(extract, text, "PERSON") == []


def test_inside_any_agrees_with_checking_every_span():
    import random

    from pipeline.rules.entities import _inside_any

    rng = random.Random(7)
    spans = [(s, s + rng.randint(1, 30)) for s in (rng.randint(0, 500) for _ in range(60))]
    inside = _inside_any(spans)
    for start in range(0, 540, 3):
        for end in range(start + 1, start + 40, 4):
            assert inside(start, end) == any(s <= start and end <= e for s, e in spans), (start, end)
    assert not _inside_any([])(0, 1)


@pytest.mark.parametrize("text,name", [
    ("Bauskas novada pašvaldības skolēni stādīja kokus pie Mēmeles.", "Bauskas novada pašvaldība"),
    ("Valkas mūzikas skolas skolotāji rīkoja koncertu bibliotēkā.", "Valkas mūzikas skola"),
    ("Saldus novada domes padomnieks pārstāvēja pašvaldību sanāksmē.", "Saldus novada dome"),
    ("Tukuma novada pašvaldības vadītājs apmeklēja centru.", "Tukuma novada pašvaldība"),
])
def test_people_after_an_institution_end_its_name(extract, text, name):
    assert {n for _, n in ents(extract, text, "ORG")} == {name}


@pytest.mark.parametrize("text,name", [
    ("Skolēni no Jelgavas 4. vidusskolas piedalījās sacensībās.", "Jelgavas 4. vidusskola"),
    ("Projektā iesaistījās Daugavpils 12. pamatskola un tās audzēkņi.", "Daugavpils 12. pamatskola"),
])
def test_numbered_school_after_its_place(extract, text, name):
    assert name in {n for _, n in ents(extract, text, "ORG")}


@pytest.mark.parametrize("text,name,part", [
    ("Konferenci rīkoja Latvijas Pašvaldību savienība.", "Latvijas Pašvaldību savienība", "Latvijas Pašvaldība"),
    ("Sanāksmē runāja Vidzemes Skolu direktoru padomes vadītāja.", "Vidzemes Skolu direktoru padome",
     "Vidzemes Skola"),
])
def test_plural_genitive_inside_a_name_is_no_name_of_its_own(extract, text, name, part):
    orgs = {n for _, n in ents(extract, text, "ORG")}
    assert name in orgs and part not in orgs


def test_accusative_name_before_un_and_another_name_stays(extract):
    text = "Līgumu noslēdza starp Kandavas novada pašvaldību un biedrību “Abavas ielejas draugi”."
    assert "Kandavas novada pašvaldība" in {n for _, n in ents(extract, text, "ORG")}


@pytest.mark.parametrize("text,name", [
    ("Sanāksmi vadīja valdes locekle Anna Marija Liepa.", "Anna Marija Liepa"),
    ("Paldies Kārlim Jānim Ozolam par fotogrāfijām!", "Kārlis Jānis Ozols"),
])
def test_two_first_names_belong_to_the_person(extract, text, name):
    assert [n for _, n in ents(extract, text, "PERSON")] == [name]


@pytest.mark.parametrize("text,name", [
    ("Vizīti organizēja Pērnavas pilsētas valdība.", "Pērnavas pilsētas valdība"),
    ("Koncertā dziedāja Talsu sākumskolas koris.", "Talsu sākumskola"),
    ("Balvu saņēma Madonas pilsētas bērnudārzs.", "Madonas pilsētas bērnudārzs"),
    ("Aprīkojumu ieguva Aknīstes pansionāts.", "Aknīstes pansionāts"),
])
def test_more_kinds_of_institution_head_a_name(extract, text, name):
    assert name in {n for _, n in ents(extract, text, "ORG")}


def test_friendship_is_no_parish_church(extract):
    assert ents(extract, "Rēzeknes un Utenas draudzība ilgst jau desmit gadus.", "ORG") == []


@pytest.mark.parametrize("text,name", [
    ("Aprīkojums nodots Kuldīgas reģionālajai slimnīcai.", "Kuldīgas reģionālā slimnīca"),
    ("Balvu piešķīra Siguldas novada pašvaldības centrālajam muzejam.", "Siguldas novada pašvaldības centrālais muzejs"),
    ("Lekcija notika Rēzeknes Tehnoloģiju akadēmijā.", "Rēzeknes Tehnoloģiju akadēmija"),
])
def test_dative_adjectives_and_academies_inside_names(extract, text, name):
    assert name in {n for _, n in ents(extract, text, "ORG")}


@pytest.mark.parametrize("text,name", [
    ("Tiltu pārbūvēja SIA 'Vidzemes būvnieks'.", "SIA Vidzemes būvnieks"),
    ("Talku rīkoja biedrība ‘Meža draugi’ un AS 'Ziemeļu ceļi'.", "biedrība Meža draugi"),
])
def test_legal_form_before_a_name_in_single_quotes(extract, text, name):
    assert name in {n for _, n in ents(extract, text, "ORG")}


@pytest.mark.parametrize("text,place", [
    ("Jūlijā Siguldā notiks festivāls.", "Sigulda"),
    ("Maijā Rēzeknē atklās jaunu laukumu.", "Rēzekne"),
    ("Projekta vadītājs Jānis Talsos vadīja semināru.", "Talsi"),
])
def test_a_word_in_the_locative_is_no_name_of_a_person(extract, text, place):
    assert ents(extract, text, "PERSON") == []
    assert [n for _, n in ents(extract, text, "PLACE")] == [place]


@pytest.mark.parametrize("text,name", [
    ("Nodarbinātības valsts aģentūras filiāle aicina bezdarbniekus.", "Nodarbinātības valsts aģentūra"),
    ("Dabas aizsardzības pārvalde izsniedza atļauju.", "Dabas aizsardzības pārvalde"),
    ("Iepirkumu uzraudzības birojā iesniegta sūdzība.", "Iepirkumu uzraudzības birojs"),
    ("Nacionālās kultūras mantojuma pārvaldes eksperti apsekoja muižu.", "Nacionālā kultūras mantojuma pārvalde"),
    ("Pārbaudi veica VID un IUB.", "IUB"),
])
def test_state_bodies_named_first_in_a_sentence(extract, text, name):
    assert name in {n for _, n in ents(extract, text, "ORG")}


@pytest.mark.parametrize("text,name", [
    ("Sveicam Ausmu Kalniņu jubilejā!", "Ausma Kalniņa"),
    ("Pateicamies Leonīdam Vanagam par palīdzību.", "Leonīds Vanags"),
])
def test_less_common_first_names(extract, text, name):
    assert [n for _, n in ents(extract, text, "PERSON")] == [name]


@pytest.mark.parametrize("text,expected", [
    ("Laukums izbūvēts Dūmiņu ciemā un Liepkalnes ciematā.", [("Dūmiņu", "Dūmiņi"), ("Liepkalnes", "Liepkalne")]),
    ("Apgaismojums uzstādīts Vecbērzu ciema centrā.", [("Vecbērzu", "Vecbērzi")]),
])
def test_villages_named_before_ciems(extract, text, expected):
    places = [m for m in extract(text, "entities").of_label("PLACE")]
    assert [(m.text, m.norm) for m in places] == expected
    assert {m.method for m in places} == {"rule:village"}


def test_a_sentence_start_before_ciems_is_no_village(extract):
    assert ents(extract, "Katra ciema iedzīvotāji piedalījās talkā.", "PLACE") == []


def test_a_verb_or_particle_ends_a_place_led_name(extract):
    text = "Latvijas Banka to paredzēja un laikus brīdināja valdību."
    assert [n for _, n in ents(extract, text, "ORG")] == ["Latvijas Banka"]


@pytest.mark.parametrize("text, orgs", [
    ("Līgumu parakstīja Jēkabpils novada pašvaldība un biedrība “Sēlijas partnerība”.",
     ["Jēkabpils novada pašvaldība", "biedrība Sēlijas partnerība"]),
    ("Projektā sadarbojas Ogres novada pašvaldība un nodibinājums “Ogres fonds”.",
     ["Ogres novada pašvaldība", "nodibinājums Ogres fonds"]),
    ("Pakalpojumus sniedz Viesītes veselības un sociālās aprūpes centrs.",
     ["Viesītes veselības un sociālās aprūpes centrs"]),
])
def test_a_body_and_another_after_un_are_two_names(extract, text, orgs):
    assert [norm for _, norm in ents(extract, text, "ORG")] == orgs


@pytest.mark.parametrize("text, places", [
    ("Delegācija apmeklēja Novopolocku, Postavus un Glubokoje.", ["Novopolocka", "Postavi", "Glubokoje"]),
    ("Pieredzes brauciens uz Oršu un Mioriem notika maijā.", ["Orša", "Miori"]),
    ("Sanāksme notika Mariehamnā.", ["Mariehamna"]),
])
def test_partner_towns_of_cross_border_programmes(extract, text, places):
    assert [norm for _, norm in ents(extract, text, "PLACE")] == places


@pytest.mark.parametrize("text, orgs", [
    ("Rotaļu laukumu izbūvēja Cēsu novada pašvaldības iestādes „Bērnu un jauniešu centrs” pagalmā.",
     ["Cēsu novada pašvaldība", "Bērnu un jauniešu centrs"]),
    ("Remontu sāks Madonas novada pirmsskolas izglītības iestāde jau rudenī.", []),
    ("Ēku apsaimnieko Tukuma pašvaldības iestāde, bet darbus uzrauga Tukuma novada dome.",
     ["Tukuma pašvaldība", "Tukuma novada dome"]),
])
def test_an_institution_word_after_a_place_names_a_kind_not_a_body(extract, text, orgs):
    assert sorted(norm for _, norm in ents(extract, text, "ORG")) == sorted(orgs)


@pytest.mark.parametrize("text, name", [
    ("Aizbildņus konsultē Strenču novada bāriņtiesa.", "Strenču novada bāriņtiesa"),
    ("Projektu konkursu izsludināja Bauskas rajona partnerība.", "Bauskas rajona partnerība"),
    ("Stratēģiju apstiprināja Sēlijas vietējā rīcības grupa.", "Sēlijas vietējā rīcības grupa"),
    ("Dokumentus pieņem Dagdas novada bāriņtiesā otrdienās.", "Dagdas novada bāriņtiesa"),
])
def test_orphans_courts_and_leader_groups_head_a_name(extract, text, name):
    assert name in {n for _, n in ents(extract, text, "ORG")}


@pytest.mark.parametrize("text, places", [
    ("Partneri no Panevēžas un Pluņģes ieradās Bauskā.", ["Panevēža", "Pluņģe", "Bauska"]),
    ("Pieredzes braucienā apmeklēja Alitu, Ķēdaiņus un Pelvu.", ["Alita", "Ķēdaiņi", "Pelva"]),
])
def test_partner_towns_keep_the_latvian_spelling_the_article_uses(extract, text, places):
    assert [norm for _, norm in ents(extract, text, "PLACE")] == places


def test_a_partner_town_in_a_less_usual_spelling_leads_its_council(extract):
    text = "Līgumu parakstīja Panevēžas rajona pašvaldības administrācija."
    assert "Panevēžas rajona pašvaldības administrācija" in {n for _, n in ents(extract, text, "ORG")}


@pytest.mark.parametrize("text, orgs", [
    ("Darbus vada Lizuma un Druvienas pagastu pārvalžu vadītāja Anna Kalna.",
     {"Lizuma pagasta pārvalde", "Druvienas pagasta pārvalde"}),
    ("Ceļus remontēs Ances, Puzes un Tārgales pagastu pārvaldes.",
     {"Ances pagasta pārvalde", "Puzes pagasta pārvalde", "Tārgales pagasta pārvalde"}),
])
def test_parish_administrations_listed_under_one_plural_head(extract, text, orgs):
    assert orgs <= {n for _, n in ents(extract, text, "ORG")}


@pytest.mark.parametrize("text, name", [
    ("Pieteikumus pieņem Limbažu novada domes Attīstības un projektu daļa.",
     "Limbažu novada domes Attīstības un projektu daļa"),
    ("Informāciju sniedza Alūksnes novada pašvaldības Būvniecības daļas vadītājs.",
     "Alūksnes novada pašvaldības Būvniecības daļa"),
])
def test_a_daļa_unit_of_a_body_is_named_in_full(extract, text, name):
    assert name in {n for _, n in ents(extract, text, "ORG")}


def test_a_part_of_a_region_or_a_share_is_no_unit(extract):
    text = "Lielākajā Kurzemes daļā līs, bet Ogres novada pašvaldības līdzfinansējuma daļa ir 15%."
    assert [n for _, n in ents(extract, text, "ORG")] == ["Ogres novada pašvaldība"]


@pytest.mark.parametrize("text, places", [
    ("Ekskursija veda uz Pečoriem, Ostrovu un Izborsku.", ["Pečori", "Ostrova", "Izborska"]),
    ("Partneri no Pitalovas un Opočkas ieradās Viļakā.", ["Pitalova", "Opočka", "Viļaka"]),
    ("Seminārs notika Visbijā, Gotlandē; piedalījās arī Verhņedvinskas un Satakuntas pārstāvji.",
     ["Visbija", "Gotlande", "Verhņedvinska", "Satakunta"]),
])
def test_russian_belarusian_and_central_baltic_partner_places(extract, text, places):
    assert [norm for _, norm in ents(extract, text, "PLACE")] == places


@pytest.mark.parametrize("text, name", [
    ("Līgumu parakstīja Ludzas novada pašvaldība un Lietuvas “Zarasų kultūros centras”.", "Zarasų kultūros centras"),
    ("Partneris ir Igaunijas „Võru Instituut”, kas pēta dialektus.", "Võru Instituut"),
    ("Direktore vada Lietuvas “Rokiškio kultūros namai” kolektīvu.", "Rokiškio kultūros namai"),
])
def test_a_foreign_partner_quoted_after_its_country(extract, text, name):
    assert name in {n for _, n in ents(extract, text, "ORG")}


def test_a_project_name_after_a_country_is_no_body(extract):
    text = "Latvijas–Lietuvas programmas projekts „Zaļie maršruti” sākās."
    assert "Zaļie maršruti" not in {n for _, n in ents(extract, text, "ORG")}


@pytest.mark.parametrize("text, name", [
    ("Atbalstu saņēma z/s “Lejasbrenči” un Z/S „Rīti”.", "z/s Lejasbrenči"),
    ("Atbalstu saņēma z/s “Lejasbrenči” un Z/S „Rīti”.", "Z/S Rīti"),
])
def test_a_farm_abbreviated_with_a_slash_is_a_legal_form(extract, text, name):
    assert name in {n for _, n in ents(extract, text, "ORG")}


@pytest.mark.parametrize("text, name", [
    ("Pieņemšanu rīkoja Lietuvas Republikas vēstniecība Latvijā.", "Lietuvas Republikas vēstniecība"),
    ("Vizīti atbalstīja Igaunijas vēstniecības Rīgā darbinieki.", "Igaunijas vēstniecība"),
    ("Vīzas izsniedz Krievijas Federācijas konsulāts Daugavpilī.", "Krievijas Federācijas konsulāts"),
])
def test_embassies_and_consulates_after_their_country(extract, text, name):
    assert name in {n for _, n in ents(extract, text, "ORG")}


@pytest.mark.parametrize("text, name", [
    ("Sadarbību koordinē eiroreģions „Pleskava–Livonija”.", "eiroreģions Pleskava–Livonija"),
    ("Konferenci rīkoja Eiroreģiona “Saule” sekretariāts Jelgavā.", "Eiroreģions Saule"),
])
def test_a_euroregion_and_its_quoted_name_are_one_name(extract, text, name):
    assert name in {n for _, n in ents(extract, text, "ORG")}


@pytest.mark.parametrize("text, name", [
    ("Pētījumu veica Rēzeknes Tehnoloģiju akadēmijas Reģionālistikas institūts.",
     "Rēzeknes Tehnoloģiju akadēmijas Reģionālistikas institūts"),
    ("Lekciju vadīja Latvijas Universitātes Ķīmijas fakultātes docents.", "Latvijas Universitātes Ķīmijas fakultāte"),
    ("Koncertā spēlēja Liepājas Simfoniskais orķestris.", "Liepājas Simfoniskais orķestris"),
    ("Mežus pētī Latvijas Valsts mežzinātnes institūts „Silava”.", "Latvijas Valsts mežzinātnes institūts Silava"),
])
def test_institutes_faculties_and_orchestras_head_a_name(extract, text, name):
    assert name in {n for _, n in ents(extract, text, "ORG")}


@pytest.mark.parametrize("text, name", [
    ("Darbi pabeigti.\n\nInformāciju sagatavoja:\nOgres novada pašvaldības\nSabiedrisko attiecību nodaļa,\n"
     "Plānošanas un attīstības departaments\n", "Plānošanas un attīstības departaments"),
    ("Darbi pabeigti.\n\nMNP Būvniecības un saimniecības daļa\n", "MNP Būvniecības un saimniecības daļa"),
])
def test_a_unit_alone_on_a_signature_line(extract, text, name):
    assert name in {n for _, n in ents(extract, text, "ORG")}


def test_a_sentence_ending_in_a_unit_word_is_no_signature_line(extract):
    text = "Darbi pabeigti.\nProjektu vadīja mūsu nodaļa.\n"
    assert ents(extract, text, "ORG") == []
