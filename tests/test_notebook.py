"""notebooks/explore.ipynb runs from top to bottom, and is committed without outputs.

The notebook is executed with nbclient in a kernel whose Python is the one running the
tests (a kernel spec written to a temporary folder and put first on JUPYTER_PATH), so it
sees this environment's vnkg, whatever kernels the machine has installed.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import nbformat
import pytest

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "explore.ipynb"
KERNEL = "vnkg-tests-python"


def test_committed_notebook_has_no_outputs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code
    for cell in code:
        assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]
    assert "widgets" not in nb.metadata


def output_text(cell) -> str:
    parts = []
    for out in cell.get("outputs", []):
        if out.output_type == "stream":
            parts.append(out.text)
        elif out.output_type in ("execute_result", "display_data"):
            parts.extend(str(v) for v in out.data.values())
    return "\n".join(parts)


@pytest.fixture(scope="module")
def executed(tmp_path_factory, monkeypatch_module) -> nbformat.NotebookNode:
    from nbclient import NotebookClient

    specs = tmp_path_factory.mktemp("jupyter")
    kernel_dir = specs / "kernels" / KERNEL
    kernel_dir.mkdir(parents=True)
    (kernel_dir / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "vnkg tests", "language": "python"}))
    monkeypatch_module.setenv("JUPYTER_PATH", str(specs))
    monkeypatch_module.delenv("VNKG_GRAPH", raising=False)     # the notebook builds the seeds
    nb = nbformat.read(NOTEBOOK, as_version=4)
    workdir = tmp_path_factory.mktemp("notebook")
    # allow_errors=False: the first failing cell raises CellExecutionError with its traceback.
    NotebookClient(nb, timeout=600, kernel_name=KERNEL, allow_errors=False,
                   resources={"metadata": {"path": str(workdir)}}).execute()
    return nb


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


def test_notebook_runs_without_errors(executed) -> None:
    for cell in executed.cells:
        if cell.cell_type == "code":
            assert cell.execution_count is not None
            assert not [o for o in cell.outputs if o.output_type == "error"]


def test_notebook_answers(executed) -> None:
    cells = {c.source.strip(): output_text(c) for c in executed.cells if c.cell_type == "code"}
    officials = cells['ask("officials", org="Ministry of Foreign Affairs")']
    assert "Bui Thanh Son" in officials and "Minister" in officials
    assert "Bui Thanh Son" in cells['ask("officials", org="กระทรวงการต่างประเทศ")']
    documents = cells['ask("documents")']
    assert "57-NQ/TW" in documents and "Politburo" in documents and "2024-12-22" in documents
    assert "Digital literacy" in cells['ask("initiatives")']
    assert "vietnamnet.vn" in cells['ask("provenance", person="Nguyen Manh Hung")']
    everything = "\n".join(cells.values())
    assert "quads)" in everything and "entities," in everything
    centrality = next(text for src, text in cells.items() if src.startswith("dataset = rdflib.Dataset()"))
    assert "Nguyen Manh Hung" in centrality and "betweenness" in centrality
    view = next(text for src, text in cells.items() if src.startswith("summary = write_view("))
    assert "<iframe srcdoc=" in view and "vnkg-data" in view


def test_the_readme_shows_what_the_notebook_prints(executed) -> None:
    from test_readme import README, in_order

    text = README.read_text(encoding="utf-8")
    excerpt = text[text.index("Among its outputs"):]
    excerpt = excerpt[excerpt.index("```\n") + 4:]
    shown = [line.rstrip() for line in excerpt[:excerpt.index("```")].splitlines()]
    printed = "\n".join(out.get("text") or out.get("data", {}).get("text/plain", "")     # text, not the page
                        for c in executed.cells if c.cell_type == "code" for out in c.get("outputs", []))
    printed = re.sub(r"\S*/vnkg-explore-\w+/", "/tmp/vnkg-explore-…/", printed)   # whatever the temporary folder
    missing = in_order(shown, [line.rstrip() for line in printed.splitlines()])
    assert missing is None, f"README shows {missing!r}; the notebook printed:\n{printed}"
