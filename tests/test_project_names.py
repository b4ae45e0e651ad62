"""Project names as printed: quoted titles, nested quotes, titles beside a code; title words."""
import pytest

from pipeline.rules.project_names import same_title, sentence_words, title_found_in, word_stems


def names(ctx):
    return [(m.norm, m.kind) for m in ctx.of_label("PROJECT_NAME")]


@pytest.mark.parametrize("text,expected", [
    # a nested name whose closing quote the title shares
    ("Svinīgi atklāts projekts „Brīvdabas klases izveide Vecmuižas parkā „Ozoli”. Lente pārgriezta.",
     "Brīvdabas klases izveide Vecmuižas parkā Ozoli"),
    # nested names inside, each closed
    ("Uzsākts projekts „Sākumskolas „Avotiņš” sporta zāles „Zvaigzne” jumta atjaunošana” šogad.",
     "Sākumskolas Avotiņš sporta zāles Zvaigzne jumta atjaunošana"),
    ("Biedrības projekts “Kluba “Vējš” laivu bāzes izveide” noslēdzies.", "Kluba Vējš laivu bāzes izveide"),
])
def test_nested_quotes_stay_inside_the_title(extract, text, expected):
    assert names(extract(text, "project_codes", "project_names")) == [(expected, "title_lv")]


def test_a_quoted_title_beside_a_code_is_a_project_name_without_the_word_projekts(extract):
    ctx = extract("Īstenots: „Zivju dīķa tīrīšana Lejasmuižā” (Nr. 21-03-AL09-A019.2202-000004). Kluba „Vējš” "
                  "biedri palīdzēja.", "project_codes", "project_names")
    assert names(ctx) == [("Zivju dīķa tīrīšana Lejasmuižā", "title_lv")]


def test_a_title_is_found_in_any_case_and_look_alikes_are_not():
    title = "Skatu torņa būvniecība Zaļkalnu dabas parkā"
    assert title_found_in(title, word_stems(sentence_words("Zaļkalnu dabas parkā pabeigts skatu tornis."))) == 5
    assert not title_found_in(title, word_stems(sentence_words("Zaļkalnu dabas parkā pabeigta skatu laipa.")))
    assert not title_found_in(title, word_stems(sentence_words("Dabas parkā pabeigts skatu tornis.")))
    assert not title_found_in("Skatu torņa būvniecība dabas parkā", word_stems(sentence_words(
        "Dabas parkā pabeigts skatu tornis.")))  # nothing in it names a place: too vague to find
    assert same_title(title, "Skatu torņa būvniecība Zaļkalnu parkā")
    assert not same_title(title, "Skatu torņa būvniecība Zaļkalnu dabas parkā, 2. kārta")


def test_a_short_name_in_brackets_after_a_title(extract):
    ctx = extract("Projekts „Pārrobežu sadarbība jauniešu nodarbinātībai Latgalē” (Youth Works) noslēdzies; "
                  "projekta „Mazie soļi” (LV) partneri.", "project_codes", "project_names")
    assert names(ctx) == [("Pārrobežu sadarbība jauniešu nodarbinātībai Latgalē", "title_lv"),
                          ("Youth Works", "acronym"), ("Mazie soļi", "acronym")]



def test_an_acronym_after_the_word_project_at_a_sentence_start(extract):
    ctx = extract("Projekta RIVERLINK partneri tikās Jelgavā. Arī projektā LAUKI strādā.", "project_codes", "project_names")
    assert names(ctx) == [("RIVERLINK", "acronym"), ("LAUKI", "acronym")]


def test_a_short_title_before_its_acronym_in_brackets_is_a_title(extract):
    ctx = extract("Pašvaldība uzsāk projektu „Zaļie krasti” (GREENSHORE), bet projekts „Upju skolas” turpinās.",
                  "project_codes", "project_names")
    assert names(ctx) == [("Zaļie krasti", "title_lv"), ("GREENSHORE", "acronym"), ("Upju skolas", "acronym")]

@pytest.mark.parametrize("text,expected", [
    ("Projekta nosaukums: „Kopā būt Vecpiebalgas pagastā”.", "Kopā būt Vecpiebalgas pagastā"),
    ("Projekta nosaukums – “Jaunas iespējas Ilūkstes jauniešiem”.", "Jaunas iespējas Ilūkstes jauniešiem"),
    ("Biedrība īsteno projektu ar nosaukumu „Mūsu skolas dārzs Svētē”.", "Mūsu skolas dārzs Svētē"),
    ("Projekta nosaukums ir „Pļavas tūrisma takas izveide”.", "Pļavas tūrisma takas izveide"),
])
def test_a_title_introduced_by_its_label(extract, text, expected):
    assert names(extract(text, "project_codes", "project_names")) == [(expected, "title_lv")]


@pytest.mark.parametrize("text,expected", [
    # two commas open a quote, two apostrophes or a straight quote close it
    ("Ar projekta ,,Tautas nama jumta nomaiņa Ķoņos'' palīdzību nomainīts jumts.", "Tautas nama jumta nomaiņa Ķoņos"),
    ('Pabeigts projekts ,,Velosipēdu novietņu izbūve Rūjienā" (LLI-4).', "Velosipēdu novietņu izbūve Rūjienā"),
    ("Projekta ,,Skolas „Ozols” sporta laukuma izbūve'' darbi.", "Skolas Ozols sporta laukuma izbūve"),
])
def test_titles_in_typed_comma_quotes(extract, text, expected):
    assert names(extract(text, "project_codes", "project_names")) == [(expected, "title_lv")]
