"""The nbgrader round trip, reusable: release an assignment, submit notebooks, autograde.

:class:`Course` copies the kit's nbgrader course (``exercises/``) into a folder of its own and
drives the real ``nbgrader`` command from the same Python, so tests and the cohort tooling see
exactly what a student would. Scores come from nbgrader's gradebook; the feedback of each
failed test cell is the plain-words message of its assertion.

>>> from mipyme.grading.roundtrip import CellScore, Result
>>> result = Result("ana", "ch06_economia_unitaria", (
...     CellScore("test_margin", "auto", 1.0, 1.0, ""),
...     CellScore("test_price", "auto", 0.0, 2.0, "El precio debe ser ...\\nThe price must be ..."),
...     CellScore("written", "manual", None, 2.0, "")))
>>> result.auto_score, result.auto_max, result.failed()
(1.0, 3.0, ['test_price'])
"""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pandas as pd

from mipyme.curriculum import find_root
from mipyme.errors import InputError
from mipyme.grading.feedback import say
from mipyme.i18n import t

__all__ = [
    "CellScore",
    "Course",
    "Result",
    "answer_cells",
    "cell_messages",
    "fill",
    "grade_many",
    "solutions",
]

_SOLUTION = ("### BEGIN SOLUTION", "### END SOLUTION")


def _nbgrader(cell: dict) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def answer_cells(notebook: nbformat.NotebookNode) -> list[str]:
    """Ids of the cells a student answers in with code (autograded answers)."""
    return [_nbgrader(c)["grade_id"] for c in notebook.cells
            if c.cell_type == "code" and _nbgrader(c).get("solution")]


def solutions(source: nbformat.NotebookNode) -> dict[str, str]:
    """The instructor's answers: each code answer cell with its solution markers removed.

    >>> import nbformat
    >>> cell = nbformat.v4.new_code_cell(
    ...     "def f(x):\\n    ### BEGIN SOLUTION\\n    return 2 * x\\n    ### END SOLUTION")
    >>> cell.metadata["nbgrader"] = {"grade_id": "f", "solution": True, "grade": False}
    >>> solutions(nbformat.v4.new_notebook(cells=[cell]))
    {'f': 'def f(x):\\n    return 2 * x'}
    """
    out = {}
    for cell in source.cells:
        meta = _nbgrader(cell)
        if cell.cell_type == "code" and meta.get("solution"):
            lines = [line for line in cell.source.split("\n")
                     if line.strip() not in _SOLUTION]
            out[meta["grade_id"]] = "\n".join(lines)
    return out


def fill(release: nbformat.NotebookNode, answers: Mapping[str, str],
         assignment: str = "") -> nbformat.NotebookNode:
    """A copy of the release notebook with ``answers`` (cell id -> code) written in."""
    known = answer_cells(release)
    for cell_id in answers:
        if cell_id not in known:
            raise InputError("grading.roundtrip.unknown_cell", assignment=assignment,
                             cell=cell_id, choices=tuple(known))
    out = copy.deepcopy(release)
    for cell in out.cells:
        cell_id = _nbgrader(cell).get("grade_id")
        if cell.cell_type == "code" and cell_id in answers:
            cell.source = answers[cell_id].strip("\n")
    return out


def cell_messages(notebook: nbformat.NotebookNode) -> dict[str, str]:
    """What went wrong in each autograded test cell of an executed notebook, in plain words.

    An ``AssertionError`` from :mod:`mipyme.grading.feedback` already speaks both languages;
    any other error is named with its type and text. Passing cells are left out.
    """
    out = {}
    for cell in notebook.cells:
        meta = _nbgrader(cell)
        if cell.cell_type != "code" or not meta.get("grade") or meta.get("solution"):
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                if output.get("ename") == "AssertionError" and output.get("evalue"):
                    out[meta["grade_id"]] = output["evalue"]
                else:
                    out[meta["grade_id"]] = say(
                        "grading.feedback.error",
                        error=f"{output.get('ename')}: {output.get('evalue')}")
                break
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                out[meta["grade_id"]] = say("grading.feedback.stderr",
                                            text=output.get("text", "").strip()[:300])
                break
    return out


@dataclass(frozen=True, slots=True)
class CellScore:
    """The grade of one graded cell: ``kind`` is ``"auto"`` (tests) or ``"manual"``."""

    name: str
    kind: str
    score: float | None
    max_score: float
    message: str = ""


@dataclass(frozen=True, slots=True)
class Result:
    """One student's autograded assignment."""

    student: str
    assignment: str
    cells: tuple[CellScore, ...]
    root: str = ""  #: the course folder the submission was graded in

    @property
    def auto_score(self) -> float:
        """Points won in the autograded test cells."""
        return sum(c.score or 0.0 for c in self.cells if c.kind == "auto")

    @property
    def auto_max(self) -> float:
        """Points the autograded test cells are worth."""
        return sum(c.max_score for c in self.cells if c.kind == "auto")

    def scores(self) -> dict[str, float]:
        """Points won in each autograded test cell."""
        return {c.name: c.score or 0.0 for c in self.cells if c.kind == "auto"}

    def failed(self) -> list[str]:
        """Autograded test cells that did not get all their points."""
        return [c.name for c in self.cells if c.kind == "auto"
                and (c.score or 0.0) < c.max_score]

    def message(self, cell: str) -> str:
        """The feedback of one cell ('' when it passed)."""
        return next((c.message for c in self.cells if c.name == cell), "")

    def feedback(self, lang: str | None = None) -> pd.DataFrame:
        """What a student reads: each graded cell, its points and what is missing."""
        def text(cell: CellScore) -> str:
            if cell.kind == "manual":
                return t("grading.feedback.manual", lang)
            return cell.message or t("grading.feedback.passed", lang)

        return pd.DataFrame({
            t("grading.col.cell", lang): [c.name for c in self.cells],
            t("grading.col.points", lang): [c.score for c in self.cells],
            t("grading.col.max", lang): [c.max_score for c in self.cells],
            t("grading.col.message", lang): [text(c) for c in self.cells],
        })


class Course:
    """A private copy of the nbgrader course, graded with the real ``nbgrader`` command.

    Parameters
    ----------
    root : path
        An empty (or new) folder for the course: ``source/``, ``release/``, ``submitted/``,
        ``autograded/`` and ``gradebook.db`` go there.
    exercises : path
        The course to copy (default: the kit's ``exercises/``).
    python : path
        The Python that runs nbgrader and the kernels (default: this one).
    assignments : list of str
        The assignments to copy (default: all). ``"*"`` in :meth:`generate` and
        :meth:`autograde` then means exactly these, in one nbgrader run each.
    """

    def __init__(self, root: str | Path, *, exercises: str | Path | None = None,
                 python: str | Path | None = None,
                 assignments: Iterable[str] | None = None) -> None:
        self.root = Path(root)
        self.python = str(python or sys.executable)
        src = Path(exercises) if exercises else find_root() / "exercises"
        self.root.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src / "nbgrader_config.py", self.root / "nbgrader_config.py")
        names = list(assignments) if assignments is not None else sorted(
            p.name for p in (src / "source").iterdir() if p.is_dir())
        for name in names:
            shutil.copytree(src / "source" / name, self.root / "source" / name,
                            dirs_exist_ok=True)
        self.assignments: tuple[str, ...] = tuple(names)

    # -- running nbgrader ------------------------------------------------------------------
    def run(self, *args: str) -> str:
        """Run ``nbgrader ARGS`` in the course folder; return its output, raise on failure."""
        env = dict(os.environ)
        bin_dir = str(Path(self.python).parent)
        env["PATH"] = bin_dir + os.pathsep + env.get("PATH", "")  # nbgrader calls alembic
        proc = subprocess.run([self.python, "-m", "nbgrader", *args], cwd=self.root, env=env,
                              capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            raise RuntimeError(t("grading.roundtrip.failed", command=" ".join(args),
                                 code=proc.returncode,
                                 output=(proc.stdout + proc.stderr)[-4000:]))
        return proc.stdout + proc.stderr

    def _path(self, step: str, assignment: str, student: str | None = None) -> Path:
        parts = [step] + ([student] if student else []) + [assignment, f"{assignment}.ipynb"]
        return self.root.joinpath(*parts)

    def generate(self, assignment: str = "*") -> Path:
        """Release ``assignment`` (``"*"``: every one) without solutions and hidden tests;
        returns the release's path (the release folder for ``"*"``)."""
        self.run("generate_assignment", assignment, "--force", "--create")
        return self.root / "release" if assignment == "*" else self._path("release",
                                                                          assignment)

    def source(self, assignment: str) -> nbformat.NotebookNode:
        """The instructor's notebook."""
        return nbformat.read(self._path("source", assignment), as_version=4)

    def release(self, assignment: str) -> nbformat.NotebookNode:
        """The student's copy (generated first if needed)."""
        path = self._path("release", assignment)
        if not path.exists():
            self.generate(assignment)
        return nbformat.read(path, as_version=4)

    def answered(self, assignment: str, answers: Mapping[str, str] | None = None, *,
                 start: str = "solution") -> nbformat.NotebookNode:
        """The release answered with the instructor's solutions (``start="solution"``) or
        left blank (``start="release"``), then with ``answers`` written over them."""
        if start not in ("solution", "release"):
            raise InputError("errors.one_of", arg="start", choices=("solution", "release"),
                             value=start)
        base = dict(solutions(self.source(assignment))) if start == "solution" else {}
        base.update(answers or {})
        return fill(self.release(assignment), base, assignment)

    def submit(self, assignment: str, student: str,
               notebook: nbformat.NotebookNode | str | Path) -> Path:
        """Place ``notebook`` as ``submitted/<student>/<assignment>/<assignment>.ipynb``."""
        target = self._path("submitted", assignment, student)
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(notebook, (str, Path)):
            shutil.copy2(notebook, target)
        else:
            nbformat.write(notebook, target)
        return target

    def autograde(self, assignment: str, student: str | None = None) -> dict[str, Result]:
        """Autograde one student or, with ``student=None``, every submission in one run."""
        args = ["autograde", assignment, "--force", "--create"]
        if student:
            args += ["--student", student]
        self.run(*args)
        return self._results(assignment, student)

    def autograde_all(self) -> dict[str, dict[str, Result]]:
        """Every submission of every assignment in ONE nbgrader run (one start-up cost)."""
        self.run("autograde", "*", "--force", "--create")
        return {a: self._results(a) for a in self.assignments}

    def _results(self, assignment: str, student: str | None = None) -> dict[str, Result]:
        folder = self.root / "submitted"
        students = [student] if student else sorted(
            p.name for p in folder.iterdir() if (p / assignment).is_dir())
        return {s: self.result(assignment, s) for s in students}

    def result(self, assignment: str, student: str) -> Result:
        """Scores from the gradebook plus the plain-words feedback of each failed test."""
        from nbgrader.api import Gradebook

        autograded = nbformat.read(self._path("autograded", assignment, student),
                                   as_version=4)
        messages = cell_messages(autograded)
        order = {_nbgrader(c).get("grade_id"): i for i, c in enumerate(autograded.cells)}
        with Gradebook(f"sqlite:///{self.root / 'gradebook.db'}") as gb:
            notebook = gb.find_submission_notebook(assignment, assignment, student)
            grades = [g.to_dict() for g in notebook.grades]
        cells = []
        for grade in sorted(grades, key=lambda g: order.get(g["name"], 0)):
            kind = "auto" if grade["cell_type"] == "code" else "manual"
            score = grade["auto_score"] if grade["manual_score"] is None else grade[
                "manual_score"]
            cells.append(CellScore(grade["name"], kind, score, float(grade["max_score"]),
                                   messages.get(grade["name"], "")))
        return Result(student, assignment, tuple(cells), str(self.root))


def grade_many(root: str | Path, submissions: Mapping[str, Mapping[str, object]], *,
               exercises: str | Path | None = None,
               workers: int | None = None) -> dict[str, dict[str, Result]]:
    """Grade many students in many assignments with as few nbgrader runs as possible.

    ``submissions`` maps assignment -> student -> a notebook, or a mapping of answers
    (cell id -> code) written over the instructor's solutions, or the text ``"release"``
    (hand in the blank release) or ``"solution"``. The assignments are shared among
    ``workers`` courses (default: up to two, one per processor) that run side by side; each
    course releases all its assignments in one run and autogrades everything in another.
    Each :class:`Result` names its course folder in ``root``.
    """
    names = list(submissions)
    count = max(1, min(workers or min(2, os.cpu_count() or 1), len(names) or 1))
    groups = [names[i::count] for i in range(count)]

    def one(index: int, group: list[str]) -> dict[str, dict[str, Result]]:
        course = Course(Path(root) / f"course{index}", exercises=exercises, assignments=group)
        course.generate("*")
        for assignment in group:
            for student, given in submissions[assignment].items():
                if isinstance(given, str) and given in ("release", "solution"):
                    notebook = course.answered(assignment, start=given)
                elif isinstance(given, Mapping):
                    notebook = course.answered(assignment, given)
                else:
                    notebook = given
                course.submit(assignment, student, notebook)
        return course.autograde_all()

    out: dict[str, dict[str, Result]] = {}
    with ThreadPoolExecutor(max_workers=count) as pool:
        for part in pool.map(one, range(count), [g for g in groups if g] or [[]]):
            out.update(part)
    return {a: out[a] for a in names}
