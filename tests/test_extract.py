"""The extractor registry: declared requirements order a run's extractors and refuse an
incomplete set before any document is read."""
from __future__ import annotations

import json
import logging

import pytest

from pipeline.cli import main
from pipeline.rules.extract import plan, registered

FUNDED = "Projekta Nr. LLI-512 kopējās izmaksas ir 120 000 eiro, no tām ERAF finansējums ir 102 000 eiro."


def test_all_is_every_registered_extractor_in_a_valid_order():
    assert plan(["all"]) == ["dates", "project_codes", "money", "project_names", "entities", "events", "people"]
    assert set(plan(["all"])) == set(registered())
    assert plan(["money", "all"]) == plan(["all"])


def test_an_extractor_runs_after_those_that_write_what_it_reads():
    assert plan(["money", "project_codes"]) == ["project_codes", "money"]
    assert plan(["people", "events", "entities", "dates", "money", "project_names", "project_codes"]) == [
        "dates", "project_codes", "money", "project_names", "entities", "people", "events"]


def test_the_planned_order_gives_the_money_its_project_code(extract):
    planned = extract(FUNDED, *plan(["money", "project_codes"]))
    assert {f.project_code for f in planned.money} == {"LLI-512"}
    assert {f.project_code for f in extract(FUNDED, "money", "project_codes").money} == {""}


def test_a_set_without_what_an_extractor_reads_is_refused_with_who_writes_it():
    with pytest.raises(ValueError, match=r"'money' reads PROJECT_CODE, which 'project_codes' writes"):
        plan(["money"])
    with pytest.raises(ValueError, match=r"'people' reads PERSON, which 'entities' writes"):
        plan(["people"])


def test_the_run_command_refuses_an_incomplete_set_as_a_usage_error(tmp_path, caplog):
    (tmp_path / "a.txt").write_text(FUNDED, encoding="utf-8")
    with caplog.at_level(logging.ERROR):
        assert main(["run", str(tmp_path), "-o", str(tmp_path / "out"), "-q", "--model", "none",
                     "--extractors", "money"]) == 2
    assert "add it to --extractors" in caplog.text and not (tmp_path / "out").exists()


def test_a_name_given_twice_runs_once():
    assert plan(["project_codes", "money", "project_codes"]) == ["project_codes", "money"]


def test_run_json_records_the_extractors_in_the_order_they_ran(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(FUNDED, encoding="utf-8")
    args = ["run", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q", "--model", "none", "--workers", "1"]
    assert main(args) == 0
    report = json.loads((tmp_path / "out" / "run.json").read_text(encoding="utf-8"))
    assert report["config"]["extractors"] == "all" and report["extractors"] == plan(["all"])
    assert main(args + ["--extractors", "money,project_codes"]) == 0
    report = json.loads((tmp_path / "out" / "run.json").read_text(encoding="utf-8"))
    assert report["extractors"] == ["project_codes", "money"]
