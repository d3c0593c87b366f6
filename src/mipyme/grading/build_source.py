"""Build the nbgrader source notebooks from one bilingual spec per assignment.

Each assignment is written once, in ``exercises/specs/<assignment>.toml``: a list of cells,
each with its Spanish and English text (or its code), its points and its rubric. This module
turns a spec into ``exercises/source/<assignment>/<assignment>.ipynb`` with nbgrader's cell
metadata, so the notebook and the texts never drift apart::

    python -m mipyme.grading.build_source          # write the notebooks
    python -m mipyme.grading.build_source --check  # fail if a notebook is out of date

Cell kinds in a spec:

``instructions``
    Read-only markdown: ``es`` and ``en`` (and an optional ``title_es``/``title_en`` and a
    ``rubric``: rows of ``es``, ``en``, ``points`` for the written cell named in ``rubric_for``).
``setup``
    Read-only code the tests rely on (imports, the example data).
``answer``
    The student's code; the instructor's solution sits between ``### BEGIN SOLUTION`` and
    ``### END SOLUTION``.
``tests``
    Autograder tests worth ``points``; hidden tests sit between ``### BEGIN HIDDEN TESTS``
    and ``### END HIDDEN TESTS``.
``written``
    A manually graded markdown answer worth ``points``; ``es``/``en`` hold the model answer
    (removed from the release).

>>> from mipyme.grading.build_source import render_bilingual, has_both_languages
>>> text = render_bilingual("Hola.", "Hello.")
>>> print(text)
**Español.** Hola.
<BLANKLINE>
**English.** Hello.
>>> has_both_languages(text), has_both_languages("**Español.** Hola.")
(True, False)
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from pathlib import Path

import nbformat

from mipyme.curriculum import find_root, load_curriculum
from mipyme.errors import InputError
from mipyme.i18n import t

__all__ = [
    "CELL_KINDS",
    "build_notebook",
    "has_both_languages",
    "load_spec",
    "main",
    "render_bilingual",
    "spec_paths",
    "write_notebooks",
    "write_sources",
]

CELL_KINDS = ("instructions", "setup", "answer", "tests", "written")
ES_MARK, EN_MARK = "**Español.**", "**English.**"
_SCHEMA = 3


def render_bilingual(es: str, en: str) -> str:
    """Spanish first, then English, each after its bold label."""
    return f"{ES_MARK} {es.strip()}\n\n{EN_MARK} {en.strip()}"


def has_both_languages(markdown: str) -> bool:
    """True when the text has a non-empty Spanish part followed by a non-empty English part."""
    match = re.search(re.escape(ES_MARK) + r"(.*?)" + re.escape(EN_MARK) + r"(.*)", markdown,
                      flags=re.S)
    return bool(match and match.group(1).strip() and match.group(2).strip())


def spec_paths(root: Path | None = None) -> list[Path]:
    """Every assignment spec under ``exercises/specs`` (files starting with ``_`` excluded)."""
    folder = (root or find_root()) / "exercises" / "specs"
    return sorted(p for p in folder.glob("*.toml") if not p.name.startswith("_"))


def _need_languages(cell: dict, file: str, *names: tuple[str, str]) -> None:
    for es, en in names or (("es", "en"),):
        if not str(cell.get(es, "")).strip() or not str(cell.get(en, "")).strip():
            raise InputError("grading.spec.missing_language", cell=cell.get("id"), file=file)


def load_spec(path: str | Path) -> dict:
    """Read and check one spec: known kinds, unique ids, both languages, rubric points."""
    path = Path(path)
    spec = tomllib.loads(path.read_text(encoding="utf-8"))
    file = path.name
    cells = spec.get("cell", [])
    if spec.get("assignment") != path.stem:
        raise InputError("errors.one_of", arg="assignment", choices=(path.stem,),
                         value=spec.get("assignment"))
    ids = [c.get("id") for c in cells]
    points = {c["id"]: c.get("points") for c in cells if c.get("kind") == "written"}
    for cell in cells:
        if cell.get("kind") not in CELL_KINDS:
            raise InputError("errors.one_of", arg="kind", choices=CELL_KINDS,
                             value=cell.get("kind"))
        if not cell.get("id") or ids.count(cell["id"]) > 1:
            raise InputError("errors.one_of", arg="id", choices="(unique ids)",
                             value=cell.get("id"))
        kind = cell["kind"]
        if kind in ("instructions", "written"):
            _need_languages(cell, file)
        if "title_es" in cell or "title_en" in cell:
            _need_languages(cell, file, ("title_es", "title_en"))
        if kind in ("setup", "answer", "tests") and not cell.get("source", "").strip():
            raise InputError("errors.data_missing_column", file=file, column=f"{cell['id']}.source")
        if kind in ("tests", "written") and not (isinstance(cell.get("points"), int)
                                                 and cell["points"] > 0):
            raise InputError("errors.positive", arg=f"{cell['id']}.points",
                             value=cell.get("points"))
        for row in cell.get("rubric", []):
            _need_languages({**row, "id": cell["id"]}, file)
        if cell.get("rubric"):
            total = sum(row["points"] for row in cell["rubric"])
            target = cell.get("rubric_for")
            if points.get(target) != total:
                raise InputError("grading.spec.rubric_points", cell=target, file=file,
                                 total=total, points=points.get(target))
    return spec


def _meta(cell_id: str, *, grade: bool, solution: bool, locked: bool,
          points: int | None = None) -> dict:
    meta = {"grade": grade, "grade_id": cell_id, "locked": locked,
            "schema_version": _SCHEMA, "solution": solution, "task": False}
    if points is not None:
        meta["points"] = points
    return meta


def _rubric_table(rows: list[dict]) -> str:
    crit = f"{t('grading.notebook.rubric_criterion', 'es')}"
    head = (f"| {crit} | {t('grading.notebook.rubric_criterion', 'en')} | "
            f"{t('grading.notebook.rubric_points', 'es')} / "
            f"{t('grading.notebook.rubric_points', 'en')} |")
    lines = [head, "|---|---|---|"]
    lines += [f"| {r['es'].strip()} | {r['en'].strip()} | {r['points']} |" for r in rows]
    return "\n".join(lines)


def _cell(spec_cell: dict) -> nbformat.NotebookNode:
    kind, cid = spec_cell["kind"], spec_cell["id"]
    if kind == "instructions":
        text = render_bilingual(spec_cell["es"], spec_cell["en"])
        if "title_es" in spec_cell:
            text = f"## {spec_cell['title_es']} / {spec_cell['title_en']}\n\n{text}"
        if spec_cell.get("rubric"):
            text += "\n\n" + _rubric_table(spec_cell["rubric"])
        cell = nbformat.v4.new_markdown_cell(text)
        cell.metadata["nbgrader"] = _meta(cid, grade=False, solution=False, locked=True)
    elif kind == "written":
        model = render_bilingual(spec_cell["es"], spec_cell["en"])
        cell = nbformat.v4.new_markdown_cell(
            f"### BEGIN SOLUTION\n{model}\n### END SOLUTION")
        cell.metadata["nbgrader"] = _meta(cid, grade=True, solution=True, locked=False,
                                          points=spec_cell["points"])
    else:
        cell = nbformat.v4.new_code_cell(spec_cell["source"].strip("\n"))
        if kind == "setup":
            meta = _meta(cid, grade=False, solution=False, locked=True)
        elif kind == "answer":
            meta = _meta(cid, grade=False, solution=True, locked=False)
        else:
            meta = _meta(cid, grade=True, solution=False, locked=True,
                         points=spec_cell["points"])
        cell.metadata["nbgrader"] = meta
    cell.id = cid.replace(".", "-")
    return cell


def build_notebook(spec: dict, root: Path | None = None) -> nbformat.NotebookNode:
    """The nbgrader source notebook of a spec, with a bilingual header from the curriculum."""
    chapter = load_curriculum((root or find_root()) / "curriculum.toml").chapter(
        spec["assignment"])
    header = nbformat.v4.new_markdown_cell(
        f"# {chapter.id} · {chapter.title_es} / {chapter.title_en}\n\n"
        + render_bilingual(t("grading.notebook.header", "es"),
                           t("grading.notebook.header", "en")))
    header.metadata["nbgrader"] = _meta("header", grade=False, solution=False, locked=True)
    header.id = "header"
    nb = nbformat.v4.new_notebook()
    nb.cells = [header, *(_cell(c) for c in spec["cell"])]
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python",
                                 "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    nbformat.validate(nb)
    return nb


def _target(root: Path, assignment: str) -> Path:
    return root / "exercises" / "source" / assignment / f"{assignment}.ipynb"


def write_sources(root: Path | None = None, *, check: bool = False) -> list[Path]:
    """Write every source notebook from its spec; return the ones that changed.

    With ``check`` nothing is written: the list names the notebooks that are out of date.
    """
    root = root or find_root()
    notebooks = []
    for path in spec_paths(root):
        spec = load_spec(path)
        notebooks.append((_target(root, spec["assignment"]), build_notebook(spec, root)))
    return write_notebooks(notebooks, check=check)


def write_notebooks(notebooks, *, check: bool = False) -> list[Path]:
    """Write each ``(path, notebook)`` whose file differs; return the paths that changed
    (with ``check``, the ones that are out of date, writing nothing)."""
    changed = []
    for target, nb in notebooks:
        text = nbformat.writes(nb) + "\n"
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            changed.append(target)
            if not check:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
    return changed


def main(argv: list[str] | None = None) -> int:
    """Command line: write the notebooks, or with ``--check`` report stale ones (exit 1)."""
    parser = argparse.ArgumentParser(prog="python -m mipyme.grading.build_source")
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if a notebook differs from its spec")
    args = parser.parse_args(argv)
    changed = write_sources(check=args.check)
    for path in changed:
        print(("stale: " if args.check else "wrote: ") + str(path))
    return 1 if (args.check and changed) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
