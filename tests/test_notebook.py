"""notebooks/analysis.ipynb runs top to bottom on a fresh corpus run and draws its charts."""
import base64
import os
from pathlib import Path

import pytest

from conftest import drop_conflicts_text
from pipeline.cli import main

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "analysis.ipynb"


def tagged(nb, tag):
    return next(c for c in nb.cells if tag in c.get("metadata", {}).get("tags", []))


def test_notebook_runs_and_draws_the_budget_chart(tmp_path, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    out = tmp_path / "out"
    assert main(["run", str(ROOT / "corpus"), "-o", str(out), "--model", "none", "--quiet"]) == 0
    drop_conflicts_text(out)  # the conflicts cell reads conflict_values.csv
    from pipeline.outputs.sqlite_export import write_sqlite

    write_sqlite(out)
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert not any(c.get("outputs") for c in nb.cells if c.cell_type == "code"), "commit the notebook without outputs"
    monkeypatch.setenv("LVPRESS_OUT", str(out))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    client = nbclient.NotebookClient(nb, timeout=180, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()  # raises CellExecutionError on the first failing cell
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors

    chart = tagged(nb, "budget-chart")
    pngs = [o["data"]["image/png"] for o in chart.outputs if "image/png" in o.get("data", {})]
    assert len(pngs) == 1 and base64.b64decode(pngs[0]).startswith(b"\x89PNG")
    assert any("image/png" in o.get("data", {}) for o in tagged(nb, "timeline").outputs)
    conflicts = "".join(o.get("data", {}).get("text/plain", "") for o in tagged(nb, "conflicts").outputs)
    assert "total_eur" in conflicts and "erdf_eur" in conflicts and "one cent off" in conflicts
    if os.environ.get("TEST_ARTIFACTS"):
        Path(os.environ["TEST_ARTIFACTS"]).mkdir(parents=True, exist_ok=True)
        (Path(os.environ["TEST_ARTIFACTS"]) / "budget.png").write_bytes(base64.b64decode(pngs[0]))
    (tmp_path / "budget.png").write_bytes(base64.b64decode(pngs[0]))


def test_notebook_default_output_folder_is_documented():
    text = NOTEBOOK.read_text(encoding="utf-8")
    assert 'os.environ.get(\\"LVPRESS_OUT\\", \\"../out\\")' in text
