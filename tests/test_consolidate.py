"""The projects registry, events and people across documents built here."""
import pytest

from pipeline.run.cache import CacheEntry
from pipeline.corpus.consolidate import consolidate, dates_compatible
from pipeline.rules.summary import Summary
from pipeline.ingest.ingest import make_document
from pipeline.rules.process import process_document

EXTRACTORS = ["project_codes", "project_names", "money", "dates", "entities", "events", "people"]


def run(*texts):
    results = [process_document(make_document(t.encode(), f"d{i}.txt", ".txt", 10**6), None, EXTRACTORS)
               for i, t in enumerate(texts)]
    rows, linked, _ = consolidate(results)
    return {r["project_key"]: r for r in rows}, list(linked)


A = ("Projekta EST-LAT-62 „Dabas takas” kopējais budžets ir 120 000,00 eiro, tostarp ERAF finansējums "
     "102 000,00 eiro. Projekts tiek īstenots no 2019. gada 1. marta līdz 2021. gada 28. februārim.")
B = ("Projekts EST-LAT-62 „Dabas takas” īstenots Igaunijas–Latvijas pārrobežu sadarbības programmā 2014-2020. "
     "Projekta kopējais budžets EUR 120 000.00, tai skaitā ERAF finansējums EUR 102 000.00.")
C = ("Projekta „Dabas takas” kopējais budžets ir 210 000,00 eiro, tostarp ERAF finansējums 102 000,00 eiro. "
     "Projekts tiek īstenots no 2019. gada marta līdz 2021. gada februārim.")


def test_agreeing_documents_make_one_clean_row():
    projects, _ = run(A, B)
    row = projects["EST-LAT-62"]
    assert (row["acronym"], row["total_eur"], row["erdf_eur"], row["n_documents"]) == ("Dabas takas", "120000.00",
                                                                                    "102000.00", 2)
    assert row["programme"] == "Igaunijas–Latvijas pārrobežu sadarbības programma 2014.–2020. gadam"
    assert (row["start"], row["end"]) == ("2019-03-01", "2021-02-28")
    assert row["conflicts"] == ""


def test_document_without_code_is_linked_by_name_and_its_disagreement_reported():
    projects, results = run(A, B, C)
    row = projects["EST-LAT-62"]
    assert row["n_documents"] == 3
    assert row["total_eur"] == "120000.00"  # two documents against one
    ids = [r.document.doc_id for r in results]
    assert f"total_eur: 120000.00 [{', '.join(sorted(ids[:2]))}] vs 210000.00 [{ids[2]}]" in row["conflicts"]
    assert "start: 2019-03-01" in row["conflicts"] and "compatible" in row["conflicts"]
    assert [f.project_code for f in results[2].money] == ["EST-LAT-62", "EST-LAT-62"]


def test_projects_without_any_code_are_keyed_by_name():
    projects, results = run("Projektā «Zaļā skola» iegādāti datori. Projekta kopējais budžets ir 5 000 eiro.",
                            "Projekts „Zaļā skola” noslēdzās; kopējās izmaksas 5 000 eiro.")
    row = projects["name:Zaļā skola"]
    assert (row["project_code"], row["n_documents"], row["total_eur"], row["conflicts"]) == ("", 2, "5000.00", "")
    assert [f.project_code for r in results for f in r.money] == ["", ""]


def test_date_compatibility():
    assert dates_compatible("XXXX-05", "XXXX-05-15/XXXX-05-16")
    assert dates_compatible("2019-05-15", "XXXX-05-15")
    assert not dates_compatible("2019-02-05/2019-02-06", "2019-05")


def test_events_with_dates_places_and_keys():
    _, results = run(
        "Projekta LLI-317 partneri 2019. gada 5.-6. februārī tikās Jelgavā, kur notika pieredzes apmaiņas pasākums.\n\n"
        "2019. gada 13. februārī izsludināts iepirkums par dienas centra izveidi.",
        "Projekta LLI-317 dalībnieki maijā dosies pieredzes apmaiņas braucienā uz Kretingu.",
        "Projekta LLI-317 pieredzes apmaiņas pasākums notika š.g. 15.-16. maijam Kretingā.")
    events = [e for r in results for e in r.events]
    got = [(e.event_type, e.date, e.place) for e in events]
    assert got == [("visit", "2019-02-05/2019-02-06", "Jelgava"), ("procurement", "2019-02-13", ""),
                   ("visit", "XXXX-05", "Kretinga"), ("visit", "XXXX-05-15/XXXX-05-16", "Kretinga")]
    assert events[2].event_key == events[3].event_key != events[0].event_key
    assert all(e.project_code == "LLI-317" for e in events)


def test_a_topic_is_not_an_event():
    _, results = run("Projekta mērķis ir uzlabot apmācību kvalitāti un semināru pieejamību.")
    assert results[0].events == []


def test_people_roles_and_safe_initial_links():
    _, results = run(
        "Viesītes novada sociālā dienesta vadītāja S.Matačina un Jaunatnes lietu speciāliste D.Sala piedalījās.\n\n"
        "Projekta vadītāja I.Laizāne, SIA „Viesītes veselības centrs” valdes locekle.",
    )
    people = [(p.mention.norm, p.role, p.organisation) for p in results[0].people]
    assert people[0] == ("S. Matačina", "vadītāja", "Viesītes novada sociālais dienests")
    assert people[1] == ("D. Sala", "Jaunatnes lietu speciāliste", "")
    assert people[2][:2] == ("I. Laizāne", "Projekta vadītāja")


def test_results_spilled_to_disk_consolidate_like_results_in_memory(tmp_path):
    """The runner keeps the slim results in a file, read back once to decide and once more
    per reading of the linked view; both must give what a list gives."""
    import pickle

    from pipeline.run.spill import Spill

    texts = (A, B, C, "Projekta EST-LAT-62 partneri 2019. gada 5. februārī tikās Valgā. Viesītes novada "
             "pašvaldības projektu vadītāja I. Laizāne stāstīja par darbu.", "Viesītes novada pašvaldības "
             "projektu vadītāja Ilze Laizāne atklāja pasākumu 2019. gada 5. februārī.")
    full = [process_document(make_document(t.encode(), f"d{i}.txt", ".txt", 10**6), None, EXTRACTORS)
            for i, t in enumerate(texts)]
    slim = [r.slim() for r in full]
    spill = Spill(tmp_path / "slim")
    for r in slim:
        spill.add(pickle.dumps(r))
    rows, linked, _ = consolidate(spill)
    listed_rows, listed, _ = consolidate(slim)
    assert rows == listed_rows and list(linked) == list(listed) == list(linked)
    # as the runner does: the summaries the workers made from the full results
    given_rows, given, _ = consolidate(spill, [CacheEntry.of(r).summary for r in full])
    assert given_rows == rows and list(given) == list(listed)
    with pytest.raises(ValueError, match="same order"):
        list(consolidate(spill, [Summary.of(r) for r in reversed(slim)])[1])
    with pytest.raises(TypeError, match="not an iterator"):
        consolidate(iter(slim))
    assert any(p.same_as for r in linked for p in r.people)  # the view carries the links
    spill.close()
    assert not (tmp_path / "slim").exists()


def test_an_amendment_inside_one_document_is_a_conflict_with_both_values():
    projects, results = run(
        "Projekta Nr. 5.6.2.0/17/I/021 kopējās izmaksas ir 200 000 EUR, no tām ERAF finansējums 150 000,00 EUR. "
        "Noslēgti līguma grozījumi, palielinot ERAF finansējumu līdz 160 500,00 EUR.")
    row, doc = projects["5.6.2.0/17/I/021"], results[0].document.doc_id
    assert row["total_eur"] == "200000.00"
    assert f"erdf_eur: 160500.00 [{doc}] vs 150000.00 [{doc}]" in row["conflicts"]  # the less round figure first


def test_planned_and_final_figures_of_two_documents_are_a_conflict():
    projects, results = run(
        "Apstiprināts projekts Nr. 21-05-AL07-A019.2201-000003 „Brīvdabas estrādes jumta atjaunošana Zīļu ciemā”. "
        "Projekta kopējās izmaksas ir 40 000,00 EUR.",
        "Pabeigts projekts „Brīvdabas estrādes jumta atjaunošana Zīļu ciemā”. Projekta kopējās izmaksas bija "
        "38 250,10 EUR.")
    row = projects["21-05-AL07-A019.2201-000003"]
    first, second = (r.document.doc_id for r in results)
    assert row["n_documents"] == 2
    assert f"40000.00 [{first}]" in row["conflicts"] and f"38250.10 [{second}]" in row["conflicts"]


def test_a_code_cited_as_the_frame_of_another_project_is_not_the_documents_own():
    projects, results = run(
        "Projekta Nr. 8.2.1.0/16/I/004 „Skolas sporta zāles pārbūve Ozolu pagastā” ietvaros atjaunota zāle.",
        "Novadā īstenots programmas projekts „Novads aktīvs” (ID Nr. 8.1.0.0/15/I/001) ietvaros "
        "„Skolas sporta zāles pārbūve Ozolu pagastā”, kura kopējās izmaksas ir 75 000,00 EUR.")
    second = results[1].document.doc_id
    own, frame = projects["8.2.1.0/16/I/004"], projects["8.1.0.0/15/I/001"]
    assert second in own["doc_ids"] and own["total_eur"] == "75000.00"
    assert "title words in its text" in own["link_reason"]
    assert frame["doc_ids"] == second and frame["total_eur"] == "" and frame["acronym"] == "Novads aktīvs"
    assert [f.project_code for f in results[1].money] == ["8.2.1.0/16/I/004"]


def test_a_title_in_another_case_links_a_document_without_code():
    projects, results = run(
        "Projekts Nr. 19-04-AL03-A019.2203-000011 „Dabas takas ierīkošana Skujenes mežā” apstiprināts.",
        "Līdz rudenim Skujenes mežā tiks ierīkota dabas taka ar skatu torni; darbus veic biedrība.")
    row = projects["19-04-AL03-A019.2203-000011"]
    assert results[1].document.doc_id in row["doc_ids"]
    assert "„Dabas takas ierīkošana Skujenes mežā” (4 of 5)" in row["link_reason"]


def test_look_alike_titles_that_differ_in_place_object_or_year_stay_apart():
    projects, results = run(
        "Projekts Nr. 20-01-AL01-A019.2201-000001 „Ielu apgaismojuma izbūve Liepu ciemā” pabeigts.",
        "Projekts Nr. 20-01-AL01-A019.2201-000002 „Sporta laukuma apgaismojuma izbūve Bērzu ciemā” pabeigts.",
        "Projekts Nr. 20-01-AL01-A019.2201-000003 „Novada svētki 2019” noslēdzies.",
        "Bērzu ciemā ielu apgaismojuma izbūve turpinās.",  # the object of one, the place of the other
        "Sporta laukuma apgaismojuma izbūve Priežu ciemā sākta.",  # another village
        "Novada svētki 2020 pulcēja simtiem apmeklētāju.",  # another year
    )
    for r in results[3:]:
        assert not any(r.document.doc_id in row["doc_ids"] for row in projects.values()), r.document.text


def test_near_duplicates_cast_one_vote_and_are_all_listed():
    texts = ["Projekta LLI-900 kopējais budžets ir 10 000,00 EUR.",
             "Projekta LLI-900 kopējais budžets ir 10 000,00 EUR. Avots: novada ziņas.",
             "Novada ziņas. Projekta LLI-900 kopējais budžets ir 10 000,00 EUR.",
             "Projekta LLI-900 kopējās izmaksas ir 12 000,00 EUR.",
             "LLI-900: kopējās izmaksas 12 000,00 EUR, stāsta projekta vadītāja."]
    results = [process_document(make_document(t.encode(), f"d{i}.txt", ".txt", 10**6), None, EXTRACTORS)
               for i, t in enumerate(texts)]
    summaries = [Summary.of(r) for r in results]
    assert consolidate(results, summaries)[0][0]["total_eur"] == "10000.00"  # three documents against two
    summaries[1].near_duplicate_of = summaries[2].near_duplicate_of = summaries[0].doc_id
    row = consolidate(results, summaries)[0][0]
    assert row["total_eur"] == "12000.00"  # one release against two
    assert row["n_documents"] == 5 and all(s.doc_id in row["conflicts"] for s in summaries)


def test_a_stated_end_of_the_project_wins_over_its_planned_period():
    projects, results = run(
        "Projekts LLI-905 tiks īstenots no 2021. gada 1. marta līdz 2022. gada 28. februārim.",
        "Ar 2022. gada 30. jūniju beidzas projekta LLI-905 ieviešana, un sākas atskaišu sagatavošana.",
        "Būvdarbi projektā LLI-905 noslēdzās 2022. gada 10. maijā.")  # the works', not the project's end
    row = projects["LLI-905"]
    planned, done, _ = (r.document.doc_id for r in results)
    assert (row["start"], row["end"]) == ("2021-03-01", "2022-06-30")
    assert f"end: 2022-02-28 [{planned}] vs 2022-06-30 [{done}]" in row["conflicts"] or \
        f"end: 2022-06-30 [{done}] vs 2022-02-28 [{planned}]" in row["conflicts"]
    assert "2022-05-10" not in row["conflicts"]


def test_a_project_named_as_a_reference_keeps_its_code_off_the_documents_money():
    projects, results = run(
        "Saskaņā ar projektu Nr. LLI-930 „Upes krasti” izstrādāto plānu biedrības projektā „Laivu piestātne "
        "Lejas ciemā” izbūvēta piestātne. Tās kopējās izmaksas bija 18 000,00 EUR.")
    doc = results[0].document.doc_id
    own, reference = projects["name:Laivu piestātne Lejas ciemā"], projects["LLI-930"]
    assert own["doc_ids"] == reference["doc_ids"] == doc
    assert (own["total_eur"], reference["total_eur"], reference["acronym"]) == ("18000.00", "", "Upes krasti")
    assert "cites its code" in reference["link_reason"]
    assert [f.project_code for f in results[0].money] == [""]


def test_title_words_link_nothing_when_the_document_names_another_title_or_several_projects():
    projects, results = run(
        "Projekts Nr. 18-02-AL05-A019.2202-000007 „Sporta zāles grīdas atjaunošana Rudzu skolā” pabeigts.",
        "Projekts Nr. 18-02-AL05-A019.2202-000008 „Bibliotēkas jumta nomaiņa Rudzu ciemā” pabeigts.",
        # its own title: the second stage of the first project, a look-alike
        "Pēc sporta zāles grīdas atjaunošanas Rudzu skolā sākts projekts „Sporta zāles grīdas atjaunošana "
        "Rudzu skolā, 2. kārta”.",
        # a round-up of both
        "Rudzu skolā pabeigta sporta zāles grīdas atjaunošana, un Rudzu ciemā bibliotēkas jumta nomaiņa.")
    stage_two, roundup = (r.document.doc_id for r in results[2:])
    assert not any(d in row["doc_ids"] for row in projects.values() if row["project_code"] for d in (stage_two, roundup))
    assert projects["name:Sporta zāles grīdas atjaunošana Rudzu skolā, 2. kārta"]["doc_ids"] == stage_two


def test_an_event_named_after_ietvaros_leaves_the_code_the_documents_own():
    projects, results = run("Projekta „Zaļā klase Rudzu skolā” (Nr. LLI-940) ietvaros „Vasaras skola” pulcēja "
                            "40 bērnus. Projekta kopējais budžets ir 50 000,00 EUR.")
    row = projects["LLI-940"]
    assert (row["doc_ids"], row["total_eur"], row["link_reason"]) == (results[0].document.doc_id, "50000.00",
                                                                      f"{results[0].document.doc_id}: its code")
    assert len(projects) == 1


def test_a_camel_case_short_name_links_a_document_that_gives_only_it():
    projects, results = run(
        "Projekta LLI-950 „Veselīgs dzīvesveids pierobežā” (GreenStep) partneri tikās Rēzeknē.",
        "GreenStep dalībnieki šonedēļ apmeklēja Zarasus.",
        "Zaļais solis pierobežā turpinās.")  # not the short name
    row = projects["LLI-950"]
    assert results[1].document.doc_id in row["doc_ids"] and results[2].document.doc_id not in row["doc_ids"]
    assert "its name „GreenStep” in its text" in row["link_reason"]


def test_the_projects_own_contract_is_no_citation():
    projects, results = run("Projekts „Jūras krasta taka Ziemupē” pabeigts. Saskaņā ar projekta līgumu Nr. LLI-960 "
                            "kopējās izmaksas ir 30 000,00 EUR.")
    assert projects["LLI-960"]["total_eur"] == "30000.00" and len(projects) == 1


@pytest.mark.parametrize("reference", ["Tas papildina iepriekšējā projektā EST-LAT-40 paveikto.",
                                       "Līdzīgi kā agrāk īstenotajā projektā Nr. EST-LAT-40, arī tagad būs takas.",
                                       "Tas ir līdzīgs pagājušā gada projektam EST-LAT-40.",
                                       "Jaunais projekts ir projekta EST-LAT-40 turpinājums."])
def test_an_earlier_or_similar_project_named_for_comparison_keeps_its_own_figures(reference):
    projects, results = run(
        "Projekta EST-LAT-40 „Piekrastes laivu piestātnes” kopējās izmaksas ir 410 000,00 eiro.",
        f"Valkas novada pašvaldība īsteno projektu EST-LAT-71 „Meža takas Valkā”. {reference} "
        "Projekta kopējās izmaksas ir 95 000,00 eiro.")
    assert projects["EST-LAT-40"]["total_eur"] == "410000.00" and projects["EST-LAT-40"]["conflicts"] == ""
    assert (projects["EST-LAT-71"]["total_eur"], projects["EST-LAT-71"]["acronym"]) == ("95000.00", "Meža takas Valkā")
    assert [f.project_code for f in results[1].money] == ["EST-LAT-71"]


@pytest.mark.parametrize("sentence, end", [
    ("Projektu paredzēts īstenot līdz 2016. gada 31. augustam.", "2016-08-31"),
    ("Projekts jāievieš ne vēlāk kā līdz 2016. gada augustam.", "2016-08"),
    ("Projekta īstenošanas termiņš – 2016. gada 31. augusts.", "2016-08-31"),
    ("Būvdarbi ilgs līdz 2016. gada 31. augustam.", ""),  # the works', not the project's run
    ("Pieteikumus projektu īstenošanai var iesniegt līdz 2016. gada 31. augustam.", ""),  # a call's deadline
])
def test_a_single_date_the_project_runs_until_is_its_end(sentence, end):
    projects, _ = run(f"Apstiprināts projekts Nr. 16-02-AL05-A019.2203-000007 „Brīvdabas trenažieri Ziedu parkā”. {sentence}")
    assert projects["16-02-AL05-A019.2203-000007"]["end"] == end


def test_a_short_title_one_release_gives_before_its_acronym_is_the_title_in_the_others():
    projects, _ = run(
        "Uzsākts projekts LLI-211 „Zaļie krasti” (GREENSHORE); kopējās izmaksas 90 000,00 eiro.",
        "Projekts LLI-211 „Zaļie krasti” noslēdzies.",
        "Projektā „Zaļie krasti” iestādīti koki.")
    row = projects["LLI-211"]
    assert (row["acronym"], row["title_lv"], row["n_documents"], row["conflicts"]) == (
        "GREENSHORE", "Zaļie krasti", 3, "")


def test_a_round_up_of_projects_gives_each_its_own_title_and_does_not_mislink_a_title_only_release():
    projects, results = run(
        "Pagastā pabeigti projekti: Nr. 9.3.2.0/16/I/004 „Saieta nama jumta nomaiņa Ūdru ciemā”, kura izmaksas "
        "bija 60 000,00 eiro, un Nr. 3.3.1.0/16/I/020 „Uzņēmējdarbības teritorijas izbūve Ūdru ciemā”, kura "
        "izmaksas bija 900 000,00 eiro.",
        "Projektā „Saieta nama jumta nomaiņa Ūdru ciemā” ieklāts jauns jumta segums.",
        "Projekts Nr. 9.3.2.0/16/I/004 noslēdzies.")
    hall, site = projects["9.3.2.0/16/I/004"], projects["3.3.1.0/16/I/020"]
    assert hall["title_lv"] == "Saieta nama jumta nomaiņa Ūdru ciemā" and hall["total_eur"] == "60000.00"
    assert site["title_lv"] == "Uzņēmējdarbības teritorijas izbūve Ūdru ciemā"
    assert results[1].document.doc_id in hall["doc_ids"] and results[1].document.doc_id not in site["doc_ids"]


def test_a_release_giving_two_names_of_its_project_is_no_name_disagreement():
    projects, results = run(
        "Uzsākts projekts LLI-640 „Upju tūrisms” („River Trips”); kopējās izmaksas 90 000,00 eiro.",
        "Projekta LLI-640 „Upju tūrisms” partneri tikās Biržos.",
        "Projekts LLI-640 „Upes tūrisms” noslēdzies.")
    assert "acronym: Upju tūrisms" in projects["LLI-640"]["conflicts"]  # the third release names it otherwise
    assert "River Trips" not in projects["LLI-640"]["conflicts"]


def test_a_release_opening_with_the_projects_acronym_is_linked_and_the_acronym_is_no_partner():
    texts = ["Apstiprināts projekts Nr. LLI-702 „Pierobežas amatu skolas” (CRAFTNET). Budžets 300 000,00 eiro.",
             "Projekta CRAFTNET partneri 2020. gada 4. martā tikās Rokiškos."]
    results = [process_document(make_document(t.encode(), f"d{i}.txt", ".txt", 10**6), None, EXTRACTORS)
               for i, t in enumerate(texts)]
    summaries = [Summary.of(r) for r in results]
    summaries[1].profile.append(("partner", "CRAFTNET"))  # a model that reads the acronym as an organisation
    row = consolidate(results, summaries)[0][0]
    assert row["project_code"] == "LLI-702" and summaries[1].doc_id in row["doc_ids"]
    assert row["partners"] == ""


def test_an_exact_sum_wins_over_the_same_sum_in_thousands_when_the_votes_tie():
    projects, _ = run(
        "Projekts Nr. 18-04-AL11-A019.2201-000009 noslēdzies. Kopējās izmaksas 52,4 tūkst. eiro.",
        "Projekta Nr. 18-04-AL11-A019.2201-000009 kopējās izmaksas ir 52 417,36 eiro.")
    assert projects["18-04-AL11-A019.2201-000009"]["total_eur"] == "52417.36"


def test_a_round_up_with_each_code_after_its_title_pins_each_title_to_its_own_code():
    projects, _ = run(
        "Pašvaldība pabeigusi projektus „Saieta nama jumta nomaiņa Ūdru ciemā” (Nr. 9.3.2.0/16/I/004) un "
        "„Uzņēmējdarbības teritorijas izbūve Ūdru ciemā” (Nr. 3.3.1.0/16/I/020).")
    assert projects["9.3.2.0/16/I/004"]["title_lv"] == "Saieta nama jumta nomaiņa Ūdru ciemā"
    assert projects["3.3.1.0/16/I/020"]["title_lv"] == "Uzņēmējdarbības teritorijas izbūve Ūdru ciemā"


def test_releases_without_code_naming_a_project_by_title_by_acronym_and_by_both_are_one_project():
    projects, results = run(
        "Biedrība uzsāk projektu „Senioru digitālās prasmes Tukuma pilsētā”. Izmaksas 8 000 eiro.",
        "Projekta SENDIGI nodarbībās piedalījās 40 seniori.",
        "Noslēdzies projekts „Senioru digitālās prasmes Tukuma pilsētā” (SENDIGI).")
    row = projects["name:Senioru digitālās prasmes Tukuma pilsētā"]
    assert row["n_documents"] == 3 and row["acronym"] == "SENDIGI"
    assert "name:SENDIGI" not in projects
