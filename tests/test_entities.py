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


def test_model_names_fill_gaps_but_rules_win(extract):
    """A stand-in for the model: a blank Latvian pipeline whose entities are set by hand."""
    import spacy
    from spacy.tokens import Span

    from pipeline.extract import DocContext, get_extractor
    from pipeline.nlp import Annotated
    from conftest import make_context

    text = "Valsts kases pārstāvis Rūdolfs Krūmiņš un ERAF 123 pārstāvji tikās Aucē."
    base = make_context(text)
    nlp = spacy.blank("lv")
    doc = nlp(text)
    by_text = {t.text: t.i for t in doc}
    doc.ents = [Span(doc, 0, 2, "organization"),  # Valsts kases: only the model knows it
                Span(doc, 3, 5, "person"),  # Rūdolfs Krūmiņš: "Rūdolfs" may be missing from the lexicon
                Span(doc, by_text["ERAF"], by_text["123"] + 1, "person"),  # digits: not a name
                Span(doc, by_text["Aucē"], by_text["Aucē"] + 1, "GPE")]  # the gazetteer agrees
    ctx = DocContext(base.document, base.sentences, [Annotated(base.sentences[0], doc)])
    get_extractor("entities")(ctx)
    got = {(m.text, m.label, m.method) for m in ctx.mentions}
    assert ("Valsts kases", "ORG", "ner:lv_lvpress") in got
    assert any(t == "Rūdolfs Krūmiņš" and lab == "PERSON" for t, lab, _ in got)
    assert not any("123" in t for t, _, _ in got)
    assert ("Aucē", "PLACE", "gazetteer:places+ner:lv_lvpress") in got
    norms = {m.text: m.norm for m in ctx.mentions}
    assert norms["Valsts kases"] == "Valsts kase"


def test_inside_any_agrees_with_checking_every_span():
    import random

    from pipeline.entities import _inside_any

    rng = random.Random(7)
    spans = [(s, s + rng.randint(1, 30)) for s in (rng.randint(0, 500) for _ in range(60))]
    inside = _inside_any(spans)
    for start in range(0, 540, 3):
        for end in range(start + 1, start + 40, 4):
            assert inside(start, end) == any(s <= start and end <= e for s, e in spans), (start, end)
    assert not _inside_any([])(0, 1)
