import pytest


def codes(extract, text):
    return [(m.text, m.norm) for m in extract(text, "project_codes").of_label("PROJECT_CODE")]


@pytest.mark.parametrize("text,expected", [
    ("Projekta “SocQuality” (Nr. LLI-317) ietvaros notika seminārs.", [("LLI-317", "LLI-317")]),
    ("Projekts No. LLI-425 un projekts LLI 502 sākas.", [("LLI-425", "LLI-425"), ("LLI 502", "LLI-502")]),
    ("Īsteno projektu Est-Lat 62 „Dabas takas”.", [("Est-Lat 62", "EST-LAT-62")]),
    ("Projekts EST-LAT-62 noslēdzās.", [("EST-LAT-62", "EST-LAT-62")]),
    ("Projekts LV-RU-012 robežas tuvumā.", [("LV-RU-012", "LV-RU-012")]),
    ("Projekta Nr. 3.3.1.0/17/I/005 ietvaros izbūvēs ceļu.", [("3.3.1.0/17/I/005", "3.3.1.0/17/I/005")]),
    ("Līguma Nr. 3DP/3.5.1.1.0/12/APIA/CFLA/044/031 izpilde.",
     [("3DP/3.5.1.1.0/12/APIA/CFLA/044/031", "3DP/3.5.1.1.0/12/APIA/CFLA/044/031")]),
    ("LEADER projekts Nr. 19-06-AL11-A019.2202-000008 ir apstiprināts.",
     [("19-06-AL11-A019.2202-000008", "19-06-AL11-A019.2202-000008")]),
    ("Projekts ESTLATRUS/2.1/ELRI-184/2011/14 turpinās.",
     [("ESTLATRUS/2.1/ELRI-184/2011/14", "ESTLATRUS/2.1/ELRI-184/2011/14")]),
])
def test_codes_found_and_normalised(extract, text, expected):
    assert codes(extract, text) == expected


@pytest.mark.parametrize("text", [
    "Tālrunis: 63976100, e-pasts: info@auce.lv",
    "Adrese: Rīgas iela 29, Vecumnieki, LV-3933",
    "Saskaņā ar MK noteikumiem Nr. 317 un likuma 5. pantu.",
    "Pasākums notiks 01.02.2017. un 22.04.2013.",
    "Skatīt www.esfondi.lv/upload/1.1/a/b un http://x.lv/3.3.1.0/17/I/005",
    "Programma 2014-2020 un cb 12 tabula.",
])
def test_no_codes_in_phones_postcodes_acts_dates_urls(extract, text):
    assert codes(extract, text) == []


def test_bare_number_resolved_only_when_document_sets_the_prefix(extract):
    with_prefix = "Projekta No. LLI-317 vizīte. Atbalstītā projekta Nr. 317 mērķis ir iekļaušana."
    assert [n for _, n in codes(extract, with_prefix)] == ["LLI-317", "LLI-317"]
    without = "Atbalstītā projekta Nr. 317 mērķis ir iekļaušana."
    assert codes(extract, without) == []
    two_prefixes = "Projekti LLI-317 un EST-LAT-62. Projekta Nr. 99 mērķis."
    assert [n for _, n in codes(extract, two_prefixes)] == ["LLI-317", "EST-LAT-62"]


@pytest.mark.parametrize("text,norm", [
    ("Projekts Nr.LLI-317 noslēdzās.", "LLI-317"),
    ("LAD projekts Nr. 17-08-A00402-000012 ir apstiprināts.", "17-08-A00402-000012"),
    ("Projekta Nr. 5.6.2.0/16/I/002 būvdarbi.", "5.6.2.0/16/I/002"),
    ("Projekts LLI–425 (ar domuzīmi).", "LLI-425"),
    ("Sēlijas novadu projekts LLIII-174 noslēdzies.", "LLIII-174"),
    ("Projektā Nr. LLII-056 „Robežu tilti” iesaistījās skolas.", "LLII-056"),
])
def test_more_code_shapes(extract, text, norm):
    assert [n for _, n in codes(extract, text)] == [norm]


@pytest.mark.parametrize("text,norm", [
    ("Būvdarbi notiek projekta (Nr.5.6.2.0/19/I/011) ietvaros.", "5.6.2.0/19/I/011"),
    ("Biedrības projekts ID.Nr.21-03-AL07-A019.2201-000004 ir pabeigts.", "21-03-AL07-A019.2201-000004"),
    ("Apstiprināts projekts Nr.4.1.1.3/1/24/A/007 “Ģimenes ārsta prakse”.", "4.1.1.3/1/24/A/007"),
    ("Muzeji sadarbojas projektā „Riverside” (Nr. LLB-1-117).", "LLB-1-117"),
    ("Projekts EST-LAT Lighthouses, Nr.85 tiek īstenots Salacgrīvā.", "EST-LAT-85"),
    ("Interreg projekts LL-00127 „Upju tūrisms” sākas.", "LL-00127"),
    ("Igaunijas–Latvijas programmas projekts EE-LV00045 noslēdzies.", "EE-LV-00045"),
    ("Īstenots projekts „Krasta pļavas” (Reģistrācijas nr.1-12/77/2019).", "1-12/77/2019"),
    ("Projekts „Muižas parks” (Nr.EEZLV02/KMPP/2014/7) noslēdzas.", "EEZLV02/KMPP/2014/7"),
    ("Skolas pārbūves projekts Nr. 4.1.2.3.i.0/1/23/I/CFLA/017 uzsākts.", "4.1.2.3.i.0/1/23/I/CFLA/017"),
    ("Atveseļošanas fonda projekta Nr.1.2.1.4.i.1/1/22/A/CFLA/009 būvdarbi.", "1.2.1.4.i.1/1/22/A/CFLA/009"),
])
def test_glued_labels_compound_and_register_codes(extract, text, norm):
    assert [n for _, n in codes(extract, text)] == [norm]


@pytest.mark.parametrize("text", [
    "Projekta ietvaros noslēgts iepirkuma līgums Nr.2-14/55/2019 ar SIA „Ceļi”.",
    "Projektu vērtēs saskaņā ar likumu Nr. 12-3/45/2010.",
    "Projekta partneri tikās 2019/05/14 pie Nr. 5 mājas.",
    "Interreg (LLI) 2014-2020 programmas projekti.",
    "LLI programmas projekts Nr. 5 sākas.",
])
def test_registers_of_contracts_laws_and_periods_are_not_codes(extract, text):
    assert codes(extract, text) == []
