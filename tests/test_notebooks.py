"""Every notebook runs top to bottom, in Spanish and in English, with no error or warning."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from mipyme.authoring import build_notebooks
from mipyme.curriculum import find_root

ROOT = find_root()
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_built_notebooks_match_their_sources():
    assert NOTEBOOKS, "no notebooks built"
    assert build_notebooks(ROOT / "notebooks" / "src", ROOT / "notebooks", check=True) == []


def run_notebook(path: Path, lang: str) -> nbformat.NotebookNode:
    nb = nbformat.read(path, as_version=4)
    first_code = next(c for c in nb.cells if c.cell_type == "code")
    assert 'setup("es")' in first_code.source, "the first code cell must choose the language"
    first_code.source = first_code.source.replace('setup("es")', f'setup("{lang}")')
    client = NotebookClient(nb, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    return nb


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_clean(path, lang):
    nb = run_notebook(path, lang)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error", cell.source
            if output.get("output_type") == "stream":
                assert output["name"] != "stderr", output["text"]
    shown = "\n".join(o.get("data", {}).get("text/markdown", "")
                      for c in nb.cells for o in c.get("outputs", []))
    marker = "Language: English" if lang == "en" else "Idioma: español"
    assert marker in shown
