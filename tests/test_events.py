"""Events: the milestones and happenings of Latvian sentences, with the shipped model (lemmas,
morphology) and without it (--model none, stems only)."""
import pytest

from pipeline.ingest.ingest import make_document
from pipeline.rules.process import process_document
from pipeline.rules.extract import plan



def events_of(nlp, text: str):
    doc = make_document(text.encode(), "t.txt", ".txt", 10**6)
    return process_document(doc, nlp, plan(["all"])).events


def found(nlp, text: str) -> list[tuple[str, str, str]]:
    return [(e.event_type, e.date, e.status) for e in events_of(nlp, text)]


@pytest.mark.parametrize("text, expected", [
    ("Lauku atbalsta dienests 2021. gada 3. martā apstiprināja biedrības projektu.",
     ("approval", "2021-03-03", "done")),
    ("Pašvaldība noslēdza vienošanos ar Centrālo finanšu un līgumu aģentūru par projekta īstenošanu.",
     ("approval", "", "done")),
    ("Novada domes sēdē 2016. gada 8. aprīlī nolēma piešķirt biedrībai līdzfinansējumu 2000 eiro apmērā.",
     ("approval", "2016-04-08", "done")),
    ("2022. gada 14. aprīlī pašvaldība un būvnieks parakstīja būvdarbu līgumu.",
     ("contract", "2022-04-14", "done")),
    ("Pašvaldība 2020. gada 2. jūnijā izsludināja iepirkumu par sporta zāles pārbūvi.",
     ("procurement", "2020-06-02", "done")),
    ("Būvdarbi skolas ēkā tika uzsākti 2019. gada septembrī.", ("works_start", "2019-09", "done")),
    ("Ēka pieņemta ekspluatācijā 2021. gada 12. janvārī.", ("completion", "2021-01-12", "done")),
    ("Jaunais rotaļu laukums Talsos svinīgi tika atklāts 2018. gada 1. jūnijā.", ("opening", "2018-06-01", "done")),
    ("2018. gada 10. maijā Valmierā notika projekta partneru sanāksme.", ("meeting", "2018-05-10", "done")),
    ("Projekta dalībnieki 2019. gada jūlijā devās pieredzes apmaiņas braucienā uz Tartu.",
     ("visit", "2019-07", "done")),
    ("Cēsīs 2017. gada 12. martā notika seminārs par energoefektivitāti.", ("seminar", "2017-03-12", "done")),
    ("2015. gada aprīlī Madonā notika apmācības sociālajiem darbiniekiem.", ("training", "2015-04", "done")),
    ("Projekta noslēguma konference notiks 2023. gada 20. novembrī Rīgā.", ("conference", "2023-11-20", "planned")),
    ("Vasaras nometne bērniem notika Kuldīgā 2022. gada augustā.", ("camp", "2022-08", "done")),
    ("Senās mūzikas festivāls notika Siguldā 2017. gada 8. jūlijā.", ("public_event", "2017-07-08", "done")),
])
def test_each_type(nlp, text, expected):
    assert found(nlp, text) == [expected]


@pytest.mark.parametrize("text, status", [
    ("Līgums ar būvnieku tiks parakstīts 2024. gada maijā.", "planned"),
    ("Būvdarbus plānots uzsākt 2024. gada jūnijā.", "planned"),
    ("Rekonstrukcijas darbi jāpabeidz līdz 2025. gada oktobrim.", "planned"),
    ("Būvdarbi tika uzsākti 2024. gada jūnijā.", "done"),
    ("Rekonstrukcijas darbi pabeigti 2025. gada oktobrī.", "done"),
])
def test_planned_or_done(nlp, text, status):
    assert [e.status for e in events_of(nlp, text)] == [status]


def test_a_happening_told_twice_is_one_event(nlp):
    events = events_of(nlp, "2021. gada 4. februārī Jelgavā notika projekta partneru sanāksme. "
                            "Sanāksmē piedalījās arī Dobeles novada pašvaldības pārstāvji.")
    assert [(e.event_type, e.date, e.place) for e in events] == [("meeting", "2021-02-04", "Jelgava")]
    assert "Dobeles novada pašvaldība" in events[0].participants.split(";")


def test_a_signing_told_twice_is_one_contract_with_its_signatories(nlp):
    events = events_of(nlp, "2019. gada 25. aprīlī tika parakstīts sadarbības līgums starp Talsu novada "
                            "pašvaldību un biedrību “Zaļais krasts”. Līgumu parakstīja domes priekšsēdētājs "
                            "Jānis Bērziņš.")
    assert [(e.event_type, e.date) for e in events] == [("contract", "2019-04-25")]
    assert {"Talsu novada pašvaldība", "Jānis Bērziņš"} <= set(events[0].participants.split(";"))


def test_a_date_of_another_clause_stays_there(nlp):
    assert found(nlp, "Līgums ar būvnieku tika parakstīts 2020. gada 5. martā, bet būvdarbi sāksies "
                      "2020. gada maijā.") == [("contract", "2020-03-05", "done"), ("works_start", "2020-05", "planned")]
    assert found(nlp, "Būvdarbi, kas sākās 2019. gada maijā, pabeigti 2020. gada 15. oktobrī.") == [
        ("works_start", "2019-05", "done"), ("completion", "2020-10-15", "done")]


def test_an_undated_event_takes_no_date_from_another_sentence(nlp):
    events = events_of(nlp, "Raksts publicēts 2020. gada 3. martā. Pašvaldība izsludināja iepirkumu.")
    assert [(e.event_type, e.date) for e in events] == [("procurement", "")]


def test_funders_are_not_participants(nlp):
    events = events_of(nlp, "2020. gada 10. jūlijā Bauskas novada pašvaldība un SIA “Ceļinieks” parakstīja "
                            "līgumu ar Eiropas Reģionālās attīstības fonda atbalstu.")
    assert [e.event_type for e in events] == ["contract"]
    people = events[0].participants.split(";")
    assert "Bauskas novada pašvaldība" in people and "SIA Ceļinieks" in people
    assert not any("fonds" in p or p == "ERAF" for p in people)


def test_topics_titles_and_series_are_not_events(nlp):
    assert events_of(nlp, "Projekta mērķis ir uzlabot apmācību kvalitāti un semināru pieejamību.") == []
    assert events_of(nlp, "Projektā plānotas četras apmācības un divi semināri.") == []
    assert events_of(nlp, "Projekts “Sporta pasākumi visiem” tiek īstenots no 2019. gada 1. marta.") == []
    assert events_of(nlp, "Projektā piešķirtais finansējums ir 20 000 eiro.") == []
    assert events_of(nlp, "Lai saņemtu finansējumu, pašvaldība iesniedza projekta pieteikumu.") == []
    assert events_of(nlp, "Projektu plānots pabeigt 2026. gada 30. jūnijā.") == []


def test_a_tender_has_no_place_unless_held_somewhere(nlp):
    events = events_of(nlp, "2019. gada 13. februārī izsludināts iepirkums par Viesītes dienas centra būvdarbiem.")
    assert [(e.event_type, e.place, e.participants) for e in events] == [("procurement", "", "")]


@pytest.mark.parametrize("text, place", [
    ("Projekta noslēguma pasākums notiks 2021. gada 10. decembrī Valkas kultūras namā.", "Valka"),
    ("Šā gada 12. martā Salaspils novada domē notika projekta partneru tikšanās.", "Salaspils"),
    ("Jūlijā projekta dalībnieki devās pieredzes apmaiņas braucienā uz Tartu.", "Tartu"),
    ("2019. gada 3. oktobrī Rīgā tika parakstīts sadarbības memorands.", "Rīga"),
    ("Ar ES fondu atbalstu pārbūvēta Rēzeknes ielas brauktuve Ludzā.", "Ludza"),
])
def test_the_place_where_it_happens(nlp, text, place):
    assert [e.place for e in events_of(nlp, text)] == [place]


def test_the_contractor_takes_part_in_the_works(nlp):
    events = events_of(nlp, "Būvdarbi sākās 2021. gada aprīlī. Būvdarbus veic SIA “Ceļu meistars”.")
    assert [(e.event_type, e.participants) for e in events] == [("works_start", "SIA Ceļu meistars")]


def test_rules_run_without_a_model():
    assert found(None, "Pašvaldība 2020. gada 2. jūnijā izsludināja iepirkumu par sporta zāles pārbūvi.") == [
        ("procurement", "2020-06-02", "done")]
    assert found(None, "Konference notiks 2023. gada 20. novembrī Rīgā.") == [("conference", "2023-11-20", "planned")]


def test_the_project_timeline_view_orders_milestones_and_merges_documents(tmp_path):
    import sqlite3

    from pipeline.cli import main

    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Projekts LLI-501. Būvdarbi pabeigti 2021. gada 3. maijā. "
                                  "Pašvaldība 2020. gada 2. jūnijā izsludināja iepirkumu par būvdarbiem.",
                                  encoding="utf-8")
    (corpus / "b.txt").write_text("Projekts LLI-501. Būvdarbus plānots pabeigt 2021. gada maijā.", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(corpus), "-o", str(out), "--model", "none", "--quiet"]) == 0
    with sqlite3.connect(out / "lvpress.sqlite") as con:
        rows = con.execute("SELECT project_code, event_type, date, status, n_documents FROM project_timeline").fetchall()
    assert rows == [("LLI-501", "procurement", "2020-06-02", "done", 1),
                    ("LLI-501", "completion", "2021-05-03", "done", 2)]


def test_an_organisation_named_inside_a_longer_one_takes_part_once(nlp):
    events = events_of(nlp, "LAD Dienvidkurzemes reģionālā lauksaimniecības pārvalde 2019. gada 4. aprīlī "
                            "apstiprināja Grobiņas novada pašvaldības projektu.")
    assert [e.event_type for e in events] == ["approval"]
    assert events[0].participants.split(";") == ["LAD Dienvidkurzemes reģionālā lauksaimniecības pārvalde",
                                                 "Grobiņas novada pašvaldība"]


@pytest.mark.parametrize("text, expected", [
    ("Projekta partneri tikās Panevēžā 2018. gada 12.–13. aprīlī.", ("meeting", "2018-04-12/2018-04-13")),
    ("Delegācija no Biržiem 2017. gada augustā viesojās Bauskā.", ("visit", "2017-08")),
])
def test_a_dated_meeting_or_visit_told_by_its_verb(nlp, text, expected):
    assert [(e.event_type, e.date) for e in events_of(nlp, text)] == [expected]


def test_an_undated_verb_of_meeting_is_a_moment_of_something_else(nlp):
    events = events_of(nlp, "Stažēšanās dalībnieki tikās ar pašvaldību speciālistiem un apmeklēja muzejus.")
    assert "meeting" not in [e.event_type for e in events]


@pytest.mark.parametrize("text, etype", [
    ("Projekta noslēguma pasākums norisinājās Dobeles kultūras namā 2013. gada 20. decembrī.", "public_event"),
    ("Projekta noslēguma seminārs notika Jēkabpilī 2016. gada 2. jūnijā.", "seminar"),
])
def test_a_closing_happening_is_that_happening_not_a_completion(nlp, text, etype):
    assert [e.event_type for e in events_of(nlp, text)] == [etype]


@pytest.mark.parametrize("text, expected", [
    ("Mācību brauciens uz Somiju notika 2018. gada maijā.", ("visit", "2018-05", "Somija")),
    ("Sadarbības partneri no Lietuvas ieradās Rēzeknē 2019. gada 10. jūlijā.", ("visit", "2019-07-10", "Rēzekne")),
    ("2016. gada 3. maijā Dobelē ieradās delegācija no Jonišķiem.", ("visit", "2016-05-03", "Dobele")),
])
def test_study_trips_and_arriving_partners_are_visits(nlp, text, expected):
    assert [(e.event_type, e.date, e.place) for e in events_of(nlp, text)] == [expected]


def test_people_arriving_at_a_meeting_make_no_visit(nlp):
    assert [e.event_type for e in events_of(nlp, "Iedzīvotāji uz sapulci ieradās 2019. gada 5. martā.")] == ["meeting"]


@pytest.mark.parametrize("text, expected", [
    ("Objekta nodošana ekspluatācijā paredzēta 2022. gada decembrī.", ("completion", "2022-12", "planned")),
    ("Ēkas pieņemšana ekspluatācijā notika 2019. gada 12. jūlijā.", ("completion", "2019-07-12", "done")),
])
def test_handing_over_into_service_told_by_its_noun(nlp, text, expected):
    assert found(nlp, text) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("Ar 2020. gada 1. janvāri dienas centrs uzsāka darbu jaunajās telpās.", ("opening", "2020-01-01", "done")),
    ("Jaunā bibliotēka darbu sāks 2021. gada septembrī.", ("opening", "2021-09", "planned")),
    ("Būvnieks uzsāka darbu objektā 2019. gada 3. jūnijā.", ("works_start", "2019-06-03", "done")),
    ("Dienas centrs 2019. gada 2. maijā uzsāka ēkas siltināšanas darbus.", ("works_start", "2019-05-02", "done")),
])
def test_an_institution_starting_its_work_opens(nlp, text, expected):
    assert found(nlp, text) == [expected]


@pytest.mark.parametrize("text, place", [
    ("Seminārs par ūdenssaimniecību notika 2014. gada 6. martā Bauskas novada domes zālē.", "Bauska"),
    ("2017. gada 9. jūnijā Kandavas kultūras nama lielajā zālē notika koncerts.", "Kandava"),
    ("Konference par tūrismu notiks 2021. gada 14. oktobrī Rīgā, Rīgas Tehniskās universitātes aulā.", "Rīga"),
])
def test_an_organisation_owning_the_room_says_where_not_who(nlp, text, place):
    events = events_of(nlp, text)
    assert [(e.place, e.participants) for e in events] == [(place, "")]


@pytest.mark.parametrize("text, place", [
    ("2012. gada 18. augustā Ludzas novada Istras pagastā notika sporta svētki.", "Istra"),
    ("Talka notiks 2015. gada 25. aprīlī Dobeles novada Auru pagasta parkā.", "Auri"),
    ("Konference notika 2019. gada 3. maijā Latgales Universitātes zālē.", ""),
])
def test_the_venue_stands_in_the_last_place_named_before_it(nlp, text, place):
    assert [e.place for e in events_of(nlp, text)] == [place]


@pytest.mark.parametrize("text, expected", [
    ("2014. gada 12. novembrī Bauskā notika apmācības jaunajiem uzņēmējiem.", ("training", "2014-11-12", "Bauska")),
    ("No 2011. gada 2. līdz 4. jūnijam Rūjienā norisinājās mācības novada bibliotekāriem.",
     ("training", "2011-06-02/2011-06-04", "Rūjiena")),
])
def test_a_training_for_its_audience_is_a_training(nlp, text, expected):
    assert [(e.event_type, e.date, e.place) for e in events_of(nlp, text)] == [expected]


@pytest.mark.parametrize("text, participants", [
    ("Seminārā, kas notika 2016. gada 8. februārī Talsos, piedalījās biedrības „Ziemeļkurzeme” pārstāvji.",
     "biedrība Ziemeļkurzeme"),
    ("2020. gada 12. martā Dobelē notiks konference par tūrismu. Konferencē uzstāsies Ekonomikas ministrijas pārstāvji.",
     "Ekonomikas ministrija"),
])
def test_those_a_later_clause_says_took_part_are_participants(nlp, text, participants):
    assert [e.participants for e in events_of(nlp, text)] == [participants]


@pytest.mark.parametrize("text, expected", [
    ("Viesus no Polijas 2018. gada 4. maijā Bauskā uzņēma novada domes priekšsēdētājs.", ("visit", "Bauska")),
    ("Kolēģus no Lietuvas 2018. gada 4. maijā uzņēma Bauskas novada pašvaldība.", ("visit", "")),
    ("2017. gada 5. oktobrī Smiltenē ieradās Valgas pilsētas pārstāvji.", ("visit", "Smiltene")),
    ("Projekta partneri 2018. gada 4. maijā uzņēma filmu par novadu.", None),
    ("Partneris no Biržiem – Biržu kultūras centrs – 2018. gada 4. maijā uzņēma partnerus no Latvijas.",
     ("visit", "Birži")),
])
def test_guests_received_or_arriving_make_a_visit_in_the_hosts_town(nlp, text, expected):
    assert [(e.event_type, e.place) for e in events_of(nlp, text) if e.event_type == "visit"] == (
        [expected] if expected else [])


def test_the_builder_named_beside_the_completion_takes_part_in_it(nlp):
    text = "Rekonstrukcijas darbus veic SIA „Zemgales ceļi”, un tos plānots pabeigt 2019. gada augustā."
    assert [(e.event_type, e.participants) for e in events_of(nlp, text)] == [("completion", "SIA Zemgales ceļi")]


def test_the_party_a_relative_with_whom_points_back_to_signs(nlp):
    text = "Cenu aptaujā uzvarēja SIA „Rīgas mēbeles”, ar kuru 2015. gada 6. maijā tika noslēgts piegādes līgums."
    contract = [e for e in events_of(nlp, text) if e.event_type == "contract"]
    assert [(e.date, e.participants) for e in contract] == [("2015-05-06", "SIA Rīgas mēbeles")]


def test_a_party_the_model_reads_as_a_plural_of_another_word_still_signs(nlp):
    text = "2011. gada 3. martā tika parakstīts sadarbības līgums starp Cēsu pilsētas domi un Vidzemes Augstskolu."
    assert [e.participants for e in events_of(nlp, text)] == ["Cēsu pilsētas dome;Vidzemes Augstskola"]


def test_who_pays_for_a_happening_takes_no_part_in_it(nlp):
    text = ("2013. gada 6. jūlijā Tukumā notika koncerts, ko līdzfinansēja Valsts kultūrkapitāla fonds un "
            "Tukuma novada pašvaldība.")
    assert [(e.event_type, e.participants) for e in events_of(nlp, text)] == [("public_event", "")]


@pytest.mark.parametrize("text, expected", [
    ("Projekta vadības komitejas sanāksme ir ieplānota 2016. gada septembrī Tartu.", ("meeting", "planned", "Tartu")),
    ("Noslēguma konference ieplānota 2020. gada 3. decembrī Limbažos.", ("conference", "planned", "Limbaži")),
])
def test_a_happening_planned_by_a_prefixed_verb_in_an_indeclinable_town(nlp, text, expected):
    assert [(e.event_type, e.status, e.place) for e in events_of(nlp, text)] == [expected]


def test_a_company_whose_quoted_name_reads_like_a_verb_signs(nlp):
    text = "Līgumu 2012. gada 9. maijā parakstīja SIA „Ceļi un tilti” valdes priekšsēdētājs Pēteris Kalns."
    assert [e.participants for e in events_of(nlp, text)] == ["SIA Ceļi un tilti;Pēteris Kalns"]


@pytest.mark.parametrize("text, expected", [
    ("Novada dome 2009. gada 2. martā izsludināja atklātu konkursu par būvdarbu veikšanu.",
     [("procurement", "2009-03-02")]),
    ("Pašvaldība 2014. gada maijā izsludināja konkursu par ēkas projektēšanu.", [("procurement", "2014-05")]),
    ("Biedrība 2014. gada maijā izsludināja projektu konkursu par vides labiekārtošanu.", []),
])
def test_a_competition_announced_for_works_or_services_is_a_tender(nlp, text, expected):
    assert [(e.event_type, e.date) for e in events_of(nlp, text)] == expected


def test_a_happening_a_relative_clause_says_will_take_place_is_planned(nlp):
    text = ("Sanāksme notika 2017. gada 4. maijā Bauskā. Dalībnieki vienojās par nākamo sanāksmi, "
            "kas notiks 2017. gada oktobrī Pasvalī.")
    assert [(e.date, e.status) for e in events_of(nlp, text)] == [("2017-05-04", "done"), ("2017-10", "planned")]


def test_an_object_a_relative_clause_tells_the_future_of_stays_done(nlp):
    text = "Dobelē pārbūvēta ēka, kuras pirmajā stāvā atradīsies bibliotēka."
    assert [(e.event_type, e.status) for e in events_of(nlp, text)] == [("completion", "done")]


def test_a_partner_named_in_a_form_that_may_be_singular_takes_part(nlp):
    text = ("Partneru sanāksme notika 2016. gada 9. maijā Rēzeknē. Sanāksmē piedalījās pārstāvji no "
            "Daugavpils pilsētas domes un Utenas rajona pašvaldības.")
    assert [e.participants for e in events_of(nlp, text)] == ["Daugavpils pilsētas dome;Utenas rajona pašvaldība"]


def test_the_supplier_of_what_was_installed_takes_part_in_the_completion(nlp):
    text = ("Ķekavā izveidots jauns rotaļu laukums. Rotaļu iekārtas piegādāja un uzstādīja SIA „Spēļu pasaule”.")
    assert [(e.event_type, e.participants) for e in events_of(nlp, text)] == [("completion", "SIA Spēļu pasaule")]


def test_who_addresses_an_opening_takes_part_in_it(nlp):
    text = ("2019. gada 2. septembrī Ikšķilē atklāja jauno sporta laukumu. Laukuma atklāšanā skolēnus uzrunāja "
            "Ikšķiles novada domes priekšsēdētājs Indulis Trapiņš.")
    assert [(e.event_type, e.participants) for e in events_of(nlp, text)] == [
        ("opening", "Ikšķiles novada dome;Indulis Trapiņš")]


def test_works_to_start_and_then_to_finish_are_two_milestones(nlp):
    text = "Pārbūves darbi tiks uzsākti 2020. gada aprīlī un tos plānots pabeigt 2020. gada oktobrī."
    assert found(nlp, text) == [("works_start", "2020-04", "planned"), ("completion", "2020-10", "planned")]


def test_who_organises_a_coming_happening_in_the_present_takes_part_in_it(nlp):
    text = ("No 2018. gada 6. līdz 8. jūlijam Alsungā norisināsies senās mūzikas festivāls. Festivālu rīko "
            "biedrība „Suitu sievas” sadarbībā ar Alsungas novada domi.")
    assert [(e.status, e.participants) for e in events_of(nlp, text)] == [
        ("planned", "biedrība Suitu sievas;Alsungas novada dome")]


@pytest.mark.parametrize("text, place", [
    ("Skolēni no Saldus un Brocēniem 2016. gada augustā piedalījās nometnē Lietuvā.", "Lietuva"),
    ("Speciālisti no Tukuma, Talsiem un Kandavas 2014. gada 3. martā piedalījās seminārā Rīgā.", "Rīga"),
])
def test_the_towns_people_come_from_are_not_where_it_happens(nlp, text, place):
    assert [e.place for e in events_of(nlp, text)] == [place]


def test_an_undated_training_for_an_audience_is_a_kind_of_activity(nlp):
    assert events_of(nlp, "Biedrība regulāri rīko apmācības senioriem visa gada garumā.") == []
