"""docs/data-dictionary.md is the one pipeline/outputs/data_dictionary.py writes, and it covers every
file, column, label, money role and event type the code produces."""
import pandas as pd

from pipeline.outputs import data_dictionary as dd
from pipeline.outputs.csv_files import OUTPUT_FILES
from pipeline.rules.event_triggers import EVENT_TYPES
from pipeline.outputs.review_decisions import MONEY_ROLES

from conftest import ROOT

PAGE = ROOT / "docs" / "data-dictionary.md"


def test_the_page_in_the_repository_is_the_generated_one():
    assert PAGE.read_text(encoding="utf-8") == dd.render(), \
        "run: python3 -m pipeline.outputs.data_dictionary > docs/data-dictionary.md"


def test_every_output_file_and_column_is_described():
    page = dd.render()
    for name in OUTPUT_FILES:
        assert name in page, name
    for name, (_, columns, _) in dd.FILES.items():
        section = page.split(f"## {name}")[1].split("\n## ")[0]
        assert [c for c in columns if f"| `{c}` |" not in section] == [], name


def test_every_label_role_and_event_type_is_described(corpus_run):
    _, out = corpus_run
    labels = set(pd.read_csv(out / "mentions.csv", dtype=str, keep_default_na=False)["label"])
    assert labels <= set(dd.LABELS) and {"PROJECT_NAME", "PROGRAMME"} <= set(dd.LABELS)
    assert tuple(dd.MONEY_ROLES) == MONEY_ROLES
    assert set(EVENT_TYPES) == set(dd.EVENT_TYPES)
    written = set(pd.read_csv(out / "events.csv", dtype=str, keep_default_na=False)["event_type"])
    assert written <= set(EVENT_TYPES)


def test_the_readme_points_to_the_page_not_to_files_users_lack():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/data-dictionary.md" in readme and "../shared/CONTRACT.md" not in readme
