"""The README is for someone who has just cloned the repository."""
import pytest

from conftest import ROOT

tomllib = pytest.importorskip("tomllib")  # Python 3.11+; the README's checks run there

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_it_says_which_python_and_to_make_a_virtual_environment():
    assert "Python 3.10 or newer" in README and "python3 -m venv .venv" in README
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["requires-python"] == ">=3.10"


def test_the_notebook_tools_are_an_extra_the_readme_names():
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert any(d.startswith("jupyterlab") for d in extras["notebook"])
    assert "pip install '.[notebook]'" in README and "jupyter lab notebooks/analysis.ipynb" in README
    assert "pip install '.[notebook]'" in (ROOT / "notebooks" / "analysis.ipynb").read_text(encoding="utf-8")


def test_measurements_live_in_docs_benchmarks():
    assert "docs/benchmarks.md" in README and "| end to end, 1 worker |" not in README
    assert "| end to end, 1 worker |" in (ROOT / "docs" / "benchmarks.md").read_text(encoding="utf-8")
