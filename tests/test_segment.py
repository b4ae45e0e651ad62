from pipeline.rules.segment import segment


def sents(text):
    return [text[s.start:s.end] for s in segment("d", text)]


def test_ordinal_dots_and_dates_do_not_split():
    text = ("Pasākums notika 2019. gada 5.-6. februārī Jelgavā. Programma 2014.- 2020. gadam "
            "atbalsta projektus no š.g. 15.-16. maijam. Līgums spēkā no 1. februāra.")
    assert sents(text) == [
        "Pasākums notika 2019. gada 5.-6. februārī Jelgavā.",
        "Programma 2014.- 2020. gadam atbalsta projektus no š.g. 15.-16. maijam.",
        "Līgums spēkā no 1. februāra.",
    ]


def test_abbreviations_and_initials_do_not_split():
    text = ("Projekta Nr. LLI-317 vadītāja I. Laizāne un S.Matačina ieradās plkst. 10.30, tālr. 63976100. "
            "Budžets t.sk. ERAF, tsk. Senioriem u.c. Nākamais teikums sākas šeit.")
    out = sents(text)
    assert out[0] == "Projekta Nr. LLI-317 vadītāja I. Laizāne un S.Matačina ieradās plkst. 10.30, tālr. 63976100."
    assert out[-1] == "Nākamais teikums sākas šeit."
    assert len(out) == 3


def test_headlines_and_unpunctuated_lines_split():
    text = "Sākas jauns projekts\n\nRīgā notiks seminārs. Tas būs bez maksas\nAigars Ieviņš\nZemgales reģiona\nspeciālists"
    assert sents(text) == ["Sākas jauns projekts", "Rīgā notiks seminārs.", "Tas būs bez maksas",
                           "Aigars Ieviņš", "Zemgales reģiona\nspeciālists"]


def test_offsets_are_exact_and_furniture_marked():
    text = "Lapas karte\n\nYoutube\n\nSeko: twitter facebook rss\n\nVirsraksts par projektu LLI-317\n\nprint"
    ss = segment("d", text)
    for s in ss:
        assert text[s.start:s.end].strip() == text[s.start:s.end]
    assert [s.furniture for s in ss] == [True, True, True, False, True]


def test_sentence_ending_with_year_before_capital_splits():
    assert sents("Centrs darbojas kopš 2011. Tagad tas paplašinās.") == [
        "Centrs darbojas kopš 2011.", "Tagad tas paplašinās."]


def test_abbreviation_glued_to_its_year_does_not_split():
    assert sents("Skola renovēta 2012.g. – 2013.g. periodā. Tagad tā ir silta.") == [
        "Skola renovēta 2012.g. – 2013.g. periodā.", "Tagad tā ir silta."]
