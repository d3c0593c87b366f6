"""Notebooks are written as plain-text sources and built into ``.ipynb`` files.

A source is a Python file in the *percent* format (as jupytext writes it): ``# %%``
starts a code cell and ``# %% [markdown]`` a Markdown cell whose lines start with ``# ``.
Plain text diffs well and reviews well; the built notebooks are what students open.
The build is deterministic (fixed cell ids), so a test can check they are up to date.

>>> nb = percent_to_notebook("# %% [markdown]\\n# # Hola\\n# %%\\nx = 1\\n")
>>> [c.cell_type for c in nb.cells], nb.cells[0].source, nb.cells[1].source
(['markdown', 'code'], '# Hola', 'x = 1')
"""

from __future__ import annotations

from pathlib import Path

import nbformat

__all__ = ["build_notebooks", "percent_to_notebook"]

_KERNEL = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def percent_to_notebook(text: str) -> nbformat.NotebookNode:
    """A notebook from percent-format source text."""
    cells: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if line.startswith("# %%"):
            kind = "markdown" if "[markdown]" in line else "code"
            cells.append((kind, []))
        elif cells:
            cells[-1][1].append(line)
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = dict(_KERNEL)
    nb.metadata["language_info"] = {"name": "python"}
    for i, (kind, lines) in enumerate(cells):
        while lines and not lines[-1].strip():
            lines.pop()
        if kind == "markdown":
            body = "\n".join(ln[2:] if ln.startswith("# ") else ln.lstrip("#") for ln in lines)
            cell = nbformat.v4.new_markdown_cell(body)
        else:
            cell = nbformat.v4.new_code_cell("\n".join(lines))
        cell["id"] = f"cell-{i:02d}"
        nb.cells.append(cell)
    return nb


def build_notebooks(src: Path, out: Path, *, check: bool = False) -> list[Path]:
    """Build every ``src/*.py`` into ``out/*.ipynb``; with ``check``, only list stale ones."""
    stale = []
    for source in sorted(Path(src).glob("*.py")):
        target = Path(out) / f"{source.stem}.ipynb"
        text = nbformat.writes(percent_to_notebook(source.read_text(encoding="utf-8"))) + "\n"
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            stale.append(target)
            if not check:
                target.write_text(text, encoding="utf-8")
    return stale
