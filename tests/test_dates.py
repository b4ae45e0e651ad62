import pytest


def dates(extract, text, published=""):
    return [(m.text, m.norm) for m in extract(text, "dates", published=published).of_label("DATE")]


@pytest.mark.parametrize("text,surface,value", [
    ("Pieredzes apmaiņa notika 2019. gada 5.-6. februārī Jelgavā.", "2019. gada 5.-6. februārī", "2019-02-05/2019-02-06"),
    ("Iepirkums izsludināts 2019. gada 13. februārī.", "2019. gada 13. februārī", "2019-02-13"),
    ("Piedāvājumi iesniedzami līdz 2019. gada 26. februārim.", "2019. gada 26. februārim", "2019-02-26"),
    ("Kopš projekta uzsākšanas 2012.gada 1.februārī ir paveikts daudz.", "2012.gada 1.februārī", "2012-02-01"),
    ("Līgums noslēgts 2021. gada 3. martā.", "2021. gada 3. martā", "2021-03-03"),
    ("Atskaite jāiesniedz līdz 2020. gada 15. decembrim.", "2020. gada 15. decembrim", "2020-12-15"),
    ("Konference notiks 2022. gada 7. oktobrī.", "2022. gada 7. oktobrī", "2022-10-07"),
    ("Sanāksme tika pārcelta no 2018. gada 30. novembra.", "2018. gada 30. novembra", "2018-11-30"),
    ("Darbi sāksies 2023. gada aprīlī.", "2023. gada aprīlī", "2023-04"),
    ("Nometne notiks 2017. gada jūlijā.", "2017. gada jūlijā", "2017-07"),
    ("Īstenošanas laiks 24 mēneši no 01.02.2017. – 29.02.2020.", "01.02.2017. – 29.02.2020.", "2017-02-01/2020-02-29"),
    ("tas tiks īstenots no 2018. gada marta līdz 2020.gada februārim, un", "2018. gada marta līdz 2020.gada februārim", "2018-03/2020-02"),
    ("Projekts ilgs no 2020. gada jūnija līdz 2022. gada jūnijam.", "2020. gada jūnija līdz 2022. gada jūnijam", "2020-06/2022-06"),
    ("Centri darbojas jau kopš 2011. gada, un tas ir labi.", "2011. gada", "2011"),
    ("Publicēts 22.04.2013", "22.04.2013", "2013-04-22"),
    ("Vizīte notiks š.g. 15.-16. maijam.", "š.g. 15.-16. maijam", "XXXX-05-15/XXXX-05-16"),
    ("Atklāšanas pasākumā 16. maijā plkst.10.30 piedalīsies mērs.", "16. maijā", "XXXX-05-16"),
    ("Speciālisti maijā dosies pieredzes apmaiņas braucienā.", "maijā", "XXXX-05"),
    ("Jūlijā 4 bērniem būs iespēja piedalīties nometnē.", "Jūlijā", "XXXX-07"),
    ("Gada pārskats 2016. gadā tika publicēts.", "2016. gadā", "2016"),
    ("Seminārs notiks 2019-03-05 Rīgā.", None, None),
])
def test_latvian_dates(extract, text, surface, value):
    got = dates(extract, text)
    if surface is None:
        assert got == [] or all(v for _, v in got)
    else:
        assert got == [(surface, value)]


@pytest.mark.parametrize("month,forms", [
    (1, ["janvāris", "janvāra", "janvārim", "janvāri", "janvārī"]),
    (2, ["februāris", "februāra", "februārim", "februāri", "februārī"]),
    (3, ["marts", "marta", "martam", "martu", "martā"]),
    (4, ["aprīlis", "aprīļa", "aprīlim", "aprīli", "aprīlī"]),
    (5, ["maijs", "maija", "maijam", "maiju", "maijā"]),
    (6, ["jūnijs", "jūnija", "jūnijam", "jūniju", "jūnijā"]),
    (7, ["jūlijs", "jūlija", "jūlijam", "jūliju", "jūlijā"]),
    (8, ["augusts", "augusta", "augustam", "augustu", "augustā"]),
    (9, ["septembris", "septembra", "septembrim", "septembri", "septembrī"]),
    (10, ["oktobris", "oktobra", "oktobrim", "oktobri", "oktobrī"]),
    (11, ["novembris", "novembra", "novembrim", "novembri", "novembrī"]),
    (12, ["decembris", "decembra", "decembrim", "decembri", "decembrī"]),
])
def test_every_case_of_every_month(extract, month, forms):
    for form in forms:
        text = f"Tas notika 2018. gada 9. {form} pilsētā."
        assert dates(extract, text) == [(f"2018. gada 9. {form}", f"2018-{month:02d}-09")], form


def test_relative_years_resolve_against_publication_date(extract):
    text = ("Projektā «Sociālais atbalsts» uzlabota kvalitāte\n\n22.04.2013 0\n\n"
            "19.aprīlī notika partneru tikšanās. Šā gada jūlijā notiks konference. "
            "Pagājušā gada augustā un septembrī notika vasaras skola. Nākamgad martā sāksies būvdarbi.\n"
            "Lapas informācija atjaunota: 12.12.2014\nTWITTER\n14 nov\nKonkurss notiks.")
    ctx = extract(text, "dates", published="2013-04-22")
    got = [(m.text, m.norm) for m in ctx.of_label("DATE")]
    assert got == [
        ("22.04.2013", "2013-04-22"), ("19.aprīlī", "2013-04-19"), ("Šā gada jūlijā", "2013-07"),
        ("Pagājušā gada augustā", "2012-08"), ("septembrī", "2012-09"), ("Nākamgad martā", "2014-03"),
        ("12.12.2014", "2014-12-12"), ("14 nov", "XXXX-11-14"),  # after the stamp: not anchored
    ]


def test_programme_periods_and_numbers_are_not_dates(extract):
    text = ("Interreg V-A Latvijas – Lietuvas pārrobežu sadarbības programmas 2014.- 2020. gadam projekts. "
            "Programmā 2014-2020 un programmas 2007 - 2013 ietvaros. Tālrunis 63976100, 24 mēneši, 1000 cilvēku, "
            "85 % un LV-3933. Augusts Kalniņš un Maija Ozola runāja.")
    assert dates(extract, text) == []


def test_impossible_dates_are_reported_not_shifted(extract):
    ctx = extract("Sapulce notiks 2019. gada 30. februārī un 31.04.2020.", "dates")
    got = ctx.of_label("DATE")
    assert [(m.text, m.norm) for m in got] == [("2019. gada 30. februārī", ""), ("31.04.2020.", "")]
    assert all("impossible date" in m.note for m in got)


def test_time_attached_to_its_date(extract):
    ctx = extract("Atklāšana 16. maijā plkst.10.30 Jelgavā.", "dates")
    (m,) = ctx.of_label("DATE")
    assert m.time == "10:30"


@pytest.mark.parametrize("text,surface,value", [
    ("Nometne notiks no 1. līdz 3. martam Siguldā.", "1. līdz 3. martam", "XXXX-03-01/XXXX-03-03"),
    ("Sēde notika 2019. g. 5. februārī.", "2019. g. 5. februārī", "2019-02-05"),
    ("Termiņš: 5.02.2019.", "5.02.2019.", "2019-02-05"),
])
def test_more_date_shapes(extract, text, surface, value):
    assert dates(extract, text) == [(surface, value)]


@pytest.mark.parametrize("text,surface,value", [
    ("Otrdiena, 18 Marts 2014\nSēde notika.", "18 Marts 2014", "2014-03-18"),
    ("Saturday, 2 October 2010\nTeksts.", "2 October 2010", "2010-10-02"),
    ("7 Apr, 2022\nTeksts.", "7 Apr, 2022", "2022-04-07"),
    ("Publicēts: 9. decembrī, 2020\nTeksts.", "9. decembrī, 2020", "2020-12-09"),
    ("Datums: 3. septembris, 2016\nTeksts.", "3. septembris, 2016", "2016-09-03"),
    ("Labiekārtošana pabeigta17-05-2016\nTeksts.", "17-05-2016", "2016-05-17"),
    ("2015-10-22, 14.05\nTeksts.", "2015-10-22", "2015-10-22"),
    ("Attēls 32016. gada 4. maijā notika talka.", "2016. gada 4. maijā", "2016-05-04"),
    ("Attēlsfoto2016. gada 4. maijā notika talka.", "2016. gada 4. maijā", "2016-05-04"),
    ("2019. gada 14. febr.\nTeksts.", "2019. gada 14. febr.", "2019-02-14"),
    ("Semināri notika 2016.gada 12. un 13.aprīlī Cēsīs.", "2016.gada 12. un 13.aprīlī", "2016-04-12/2016-04-13"),
    ("Kursi notiks no 3.-5. jūnijam 2017.gada Valmierā.", "3.-5. jūnijam 2017.gada", "2017-06-03/2017-06-05"),
    ("Būvdarbi sāksies 2022. gada rudenī.", "2022. gada rudenī", "2022"),
    ("Ēka celta 2019. gada agrā pavasarī.", "2019. gada agrā pavasarī", "2019"),
    ("Muiža celta 1885. gads ir tās dzimšanas gads.", "1885. gads", "1885"),
    ("2018. gada. septembrī darbi beidzās.", "2018. gada. septembrī", "2018-09"),
    ("Būvniecība notika 2011.g. – 2012.g. laikā.", "2011.g. – 2012.g.", "2011/2012"),
    ("« Augusts 2019 »\nP O T", "Augusts 2019", "2019-08"),
])
def test_datelines_and_compact_forms(extract, text, surface, value):
    assert dates(extract, text) == [(surface, value)]


@pytest.mark.parametrize("text,published,surface,value", [
    ("Apmācības notiks 15. un 16.oktobrī.", "2018-09-01", "15. un 16.oktobrī", "2018-10-15/2018-10-16"),
    ("Darbus pabeidza rudenī.", "2016-12-01", "rudenī", "2016"),
    ("Darbus pabeigs šā gada ziemā.", "2016-03-01", "šā gada ziemā", "2016"),
    ("Projekts jāpabeidz līdz šīgada 30. novembrim.", "2014-06-01", "šīgada 30. novembrim", "2014-11-30"),
])
def test_year_from_publication_date(extract, text, published, surface, value):
    assert dates(extract, text, published=published) == [(surface, value)]


def test_coordinated_days_apart_are_two_dates(extract):
    got = dates(extract, "Sēdes notiks 3. un 24. martā.", published="2018-01-10")
    assert got == [("3.", "2018-03-03"), ("24. martā", "2018-03-24")]


@pytest.mark.parametrize("text,expected", [
    ("Jūlijā 2000 apmeklētāju apmeklēja izstādi.", [("Jūlijā", "XXXX-07")]),  # a count, not a year
    ("Reģistrācijas numurs 12-04-2016-0031 un 2-07/33/2017.", []),  # codes, not dates
    ("Mar un dec ir vārdi bez dienas.", []),  # a month abbreviation alone
])
def test_numbers_next_to_months_are_not_dates(extract, text, expected):
    assert dates(extract, text) == expected


@pytest.mark.parametrize("text,expected", [
    ("No 2008. līdz 2013. gadam paredzētais Norvēģijas finanšu instrumenta apjoms ir liels.", []),
    ("Programmas 2021.–2027. gadam 2.1. pasākums.", []),
    ("Skolu renovēs no 2016. līdz 2018. gadam.", [("2016. līdz 2018. gadam", "2016/2018")]),
    ("Darbi ilgs līdz 2019. gada 30. jūnijam.", [("2019. gada 30. jūnijam", "2019-06-30")]),
    ("Darbus pabeidza pavasarī.", []),  # a time of year, with no article year to give it one
])
def test_year_ranges_and_periods(extract, text, expected):
    assert dates(extract, text) == expected


def published(text: str) -> str:
    from pipeline.rules.published import detect_published
    from pipeline.records import Document
    from pipeline.rules.segment import segment

    doc = Document(doc_id="t", source="t.txt", text=text)
    return detect_published(doc, segment(doc.doc_id, text))


@pytest.mark.parametrize("text,value", [
    ("Drukāt\nCeturtdiena, 14 Marts 2013\nNovadā atklāts jauns laukums\nTeksts par laukumu.", "2013-03-14"),
    ("Jauns laukums\n7 Apr, 2021\nTeksts.", "2021-04-07"),
    ("Jauns laukums\nPublicēts: 2022. gada 4. oktobrī\nTeksts.", "2022-10-04"),
    ("Jauns laukums\nPublicēts: 9. decembrī, 2019\nTeksts.", "2019-12-09"),
    ("2021. gada 15. martā\nJauns laukums novadā\nTeksts par laukumu.", "2021-03-15"),
    ("Jauns laukums\n12-02-2016\nTeksts.", "2016-02-12"),
    ("Jauns laukums\n2016-02-12, 10.15\nTeksts.", "2016-02-12"),
    ("Pašvaldības ceļa pārbūve12-02-2016\nTeksts par ceļu.", "2016-02-12"),
    ("Teksts par laukumu, ko atklās 5. maijā.\nJauns laukums\n10:15\n22.04.2015\n512", "2015-04-22"),
])
def test_publication_date_from_datelines(text, value):
    assert published(text) == value


def test_today_widget_is_no_publication_date():
    text = ("Sestdiena, 2024. gada 3. februāris\nVārda dienas: Ida, Aīda\n"
            "Jauns laukums novadā\nLaukums tika atklāts 2011. gada 5. maijā.")
    assert published(text) == ""


def test_body_sentence_starting_with_a_date_is_no_dateline():
    assert published("Jauns laukums novadā\n2018. gada 5. maijā novadā atklāja laukumu.") == ""


def test_widget_date_takes_no_publication_year(extract):
    text = "Datums: Trešdiena, 9. aprīlis\nVārda dienas svin: Ita, Vita\nJauns laukums\nAtklāšana 5. maijā."
    assert dates(extract, text, published="2016-03-01") == [("9. aprīlis", "XXXX-04-09"), ("5. maijā", "2016-05-05")]


@pytest.mark.parametrize("text,surface,value", [
    ("May 14, 2013\nTeksts.", "May 14, 2013", "2013-05-14"),
    ("Published: Oct 2, 2019\nTeksts.", "Oct 2, 2019", "2019-10-02"),
    ("Oktobris 2, 2019\nTeksts.", "Oktobris 2, 2019", "2019-10-02"),
])
def test_month_first_datelines(extract, text, surface, value):
    assert dates(extract, text) == [(surface, value)]


def test_trailing_year_is_not_taken_from_the_next_date(extract):
    text = "Pieteikumus pieņēma līdz 30. jūnijam, 2021. gada 2. jūlijā tos izvērtēja."
    assert dates(extract, text, published="2021-08-01") == [
        ("30. jūnijam", "2021-06-30"), ("2021. gada 2. jūlijā", "2021-07-02")]


def test_date_glued_to_the_headline_is_not_part_of_the_title():
    from pipeline.rules.published import detect_title
    from pipeline.records import Document
    from pipeline.rules.segment import segment

    text = "Sākta skolas sporta zāles pārbūve03-04-2018\nTeksts par pārbūvi."
    doc = Document(doc_id="t", source="t.txt", text=text)
    assert detect_title(doc, segment(doc.doc_id, text)) == "Sākta skolas sporta zāles pārbūve"


def test_widget_names_the_name_days_without_a_label():
    assert published("Piektdiena, 2023. gada 3. februāris\nVida, Ida, Aīda\nJauns laukums\nTeksts.") == ""


@pytest.mark.parametrize("text,surface,value", [
    ("Būvdarbus pabeigs līdz š.g. beigām.", "š.g. beigām", "2021"),
    ("Centrs durvis vērs nākamā gada sākumā.", "nākamā gada sākumā", "2022"),
    ("Iepirkums izsludināts pagājušā gada nogalē.", "pagājušā gada nogalē", "2020"),
    ("Tehniskais projekts būs gatavs šī gada 3. ceturksnī.", "šī gada 3. ceturksnī", "2021"),
    ("Otrā kārta sāksies šā gada otrajā pusē.", "šā gada otrajā pusē", "2021"),
])
def test_part_of_a_relative_year_names_the_year(extract, text, surface, value):
    assert dates(extract, text, published="2021-06-10") == [(surface, value)]


def test_bare_relative_year_and_its_part_elsewhere_are_no_dates(extract):
    assert dates(extract, "Šogad skolai ir jauns sporta laukums, tā beigās ir soliņi.", published="2021-06-10") == []


@pytest.mark.parametrize("text,expected", [
    ("Vasaras nometnes notika 2016. un 2017. gadā.", [("2016", "2016"), ("2017. gadā", "2017")]),
    ("Kursi tika rīkoti 2009., 2011. un 2013. gadā.", [("2009", "2009"), ("2011", "2011"), ("2013. gadā", "2013")]),
    ("Aptauja veikta 2011./2012. gadā.", [("2011./2012. gadā", "2011/2012")]),
])
def test_listed_years_and_slashed_year_ranges(extract, text, expected):
    assert dates(extract, text) == expected


@pytest.mark.parametrize("text,surface,value", [
    ("Apmācības notiks 12.-14.03.2018. Cēsīs.", "12.-14.03.2018.", "2018-03-12/2018-03-14"),
    ("Festivāls notika 3.–5.08.2016 Liepājā.", "3.–5.08.2016", "2016-08-03/2016-08-05"),
    ("Pieteikumi jāiesniedz līdz 07/11/2016.", "07/11/2016", "2016-11-07"),
    ("Datums: 2016/11/07", "2016/11/07", "2016-11-07"),
])
def test_numeric_day_ranges_and_slashed_dates(extract, text, surface, value):
    assert dates(extract, text) == [(surface, value)]


def test_slashed_numbers_inside_codes_are_no_dates(extract):
    assert dates(extract, "Līgums Nr. 3.1.2.0/14/I/007 un lēmums 12/2014/05 ir spēkā.") == []


@pytest.mark.parametrize("text,expected", [
    ("Iepirkums izsludināts 2017. gada 6. martā, līgums noslēgts tā paša gada 2. jūnijā.",
     [("2017. gada 6. martā", "2017-03-06"), ("tā paša gada 2. jūnijā", "2017-06-02")]),
    ("Ēka nodota 2014. gada maijā, un tajā pašā gadā septembrī sākās nodarbības.",
     [("2014. gada maijā", "2014-05"), ("tajā pašā gadā septembrī", "2014-09")]),
])
def test_the_same_year_is_the_year_of_the_date_before(extract, text, expected):
    assert dates(extract, text, published="2019-01-15") == expected


def test_roman_quarter_of_a_relative_year(extract):
    assert dates(extract, "Darbus pabeigs šā gada III ceturksnī.", published="2019-01-15") == [
        ("šā gada III ceturksnī", "2019")]


@pytest.mark.parametrize("text,surface,value", [
    ("Aizvadītā gada decembrī tika noslēgts līgums.", "Aizvadītā gada decembrī", "2017-12"),
    ("Aizvadītajā gadā 15. maijā notika atklāšana.", "Aizvadītajā gadā 15. maijā", "2017-05-15"),
    ("Pērnajā gadā jūlijā notika svētki.", "Pērnajā gadā jūlijā", "2017-07"),
    ("Nākošajā gadā martā sāksies darbi.", "Nākošajā gadā martā", "2019-03"),
])
def test_more_words_for_last_and_next_year(extract, text, surface, value):
    assert dates(extract, text, published="2018-06-01") == [(surface, value)]


@pytest.mark.parametrize("text,surface,value", [
    ("Līgums parakstīts 2017. gada 9 novembrī.", "2017. gada 9 novembrī", "2017-11-09"),
    ("Darbi ilgs no 2017. gada 3 jūlija līdz 2017. gada 29 septembrim.",
     "2017. gada 3 jūlija līdz 2017. gada 29 septembrim", "2017-07-03/2017-09-29"),
])
def test_day_without_its_dot(extract, text, surface, value):
    assert dates(extract, text) == [(surface, value)]


def test_day_without_its_dot_before_a_nominative_month_is_no_date(extract):
    assert dates(extract, "Tā notika 14 Maijs 2013 gadā.") == [("2013 gadā", "2013")]


@pytest.mark.parametrize("text", [
    "Pieteikums sagatavots atbilstoši Ministru kabineta 2019. gada 4. jūnija noteikumiem Nr. 280.",
    "Atbalsts piešķirts saskaņā ar 2013. gada 17. decembra Eiropas Parlamenta un Padomes regulu Nr. 1305/2013.",
])
def test_the_date_of_a_cited_regulation_is_no_date(extract, text):
    assert dates(extract, text) == []


@pytest.mark.parametrize("text,surface", [
    ("Ar novada domes 2019. gada 4. jūnija lēmumu projekts apstiprināts.", "2019. gada 4. jūnija"),
    ("Pēc 2019. gada 4. jūnija grozījumi noteikumos stājās spēkā.", "2019. gada 4. jūnija"),
])
def test_a_decision_date_and_a_date_before_other_words_stay(extract, text, surface):
    assert dates(extract, text) == [(surface, "2019-06-04")]


@pytest.mark.parametrize("text,expected", [
    ("Darbi notiks 2021. gada 3.‒5. jūnijā.", [("2021. gada 3.‒5. jūnijā", "2021-06-03/2021-06-05")]),
    ("Projekts ilgs no 01.02.2021 − 31.07.2022.", [("01.02.2021 − 31.07.2022.", "2021-02-01/2022-07-31")]),
    ("Lauku attīstības programmas 2014.‒2020. gadam ietvaros.", []),
])
def test_figure_dash_and_minus_join_ranges(extract, text, expected):
    assert dates(extract, text) == expected


def test_year_range_before_nominative_or_accusative_gads(extract):
    assert dates(extract, "Pārskats (2006./2007. gads) tika prezentēts.") == [("2006./2007. gads", "2006/2007")]
