"""The command line and its documentation stay in step with pipeline/config.py."""
import re
from dataclasses import fields
from pathlib import Path

from pipeline.cli import build_parser, main
from pipeline.config import RunConfig

ROOT = Path(__file__).resolve().parent.parent


def run_help() -> str:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return sub.choices["run"].format_help()


def test_run_help_documents_every_option():
    text = run_help()
    for f in fields(RunConfig):
        flag = f.name if f.metadata.get("positional") else "--" + f.name.replace("_", "-")
        assert flag in text, flag
        first_words = " ".join(f.metadata["help"].split()[:4])
        assert first_words in " ".join(text.split()), f.name
    assert "Exit status" in text


def test_readme_option_table_matches_config():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Options of `lvpress run`")[1].split("\n## ")[0]
    rows = [r for r in table.splitlines() if r.startswith("| `")]
    assert len(rows) == len(fields(RunConfig))
    for f, row in zip(fields(RunConfig), rows):
        assert " ".join(f.metadata["help"].split()) in row, f.name
        if not f.metadata.get("positional") and f.type not in ("bool", bool) and f.default != "":
            assert f"`{f.default}`" in row, f.name


def test_readme_starts_with_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```bash\n(.*?)```", readme, re.S).group(1).strip().splitlines()
    assert block == ["pip install . && lvpress run corpus/ -o out/",
                     "pip install '.[test]' && python3 -m pytest -q"]
    ci = (ROOT / ".ci" / "run").read_text()
    assert "pip install --quiet '.[test]'" in ci and "python3 -m pytest -q" in ci


def test_missing_input_is_a_usage_error(tmp_path, capsys):
    assert main(["run", str(tmp_path / "nope"), "-o", str(tmp_path / "out"), "-q"]) == 2


def test_unknown_extractor_is_a_usage_error(tmp_path):
    (tmp_path / "a.txt").write_text("Rīga.", encoding="utf-8")
    assert main(["run", str(tmp_path), "-o", str(tmp_path / "out"), "-q", "--extractors", "money,nope"]) == 2
