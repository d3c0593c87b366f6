"""What every exercise test module shares: fixtures on disk and one nbgrader round trip.

Each module declares its assignments; this grades the instructor's solution, the blank
release and every typical-mistake fixture of them in one ``grade_many`` call (each
notebook costs a kernel start), and reads the course folder nbgrader wrote.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from pathlib import Path

import nbformat

from mipyme.curriculum import load_curriculum
from mipyme.grading.roundtrip import grade_many

FIXTURES = Path(__file__).parent / "fixtures" / "submissions"
ROOT = load_curriculum().root


def mistakes(assignment: str) -> dict[str, dict]:
    """The typical-mistake fixtures of ``assignment``: name -> answers, score, lost cells."""
    folder = FIXTURES / assignment
    return {p.stem: tomllib.loads(p.read_text(encoding="utf-8"))
            for p in sorted(folder.glob("*.toml"))}


def grade_course(root: Path, assignments: Iterable[str], **kwargs: object) -> dict:
    """Solution, blank release and every fixture of ``assignments``, graded by real nbgrader."""
    submissions = {
        a: {"solution": "solution", "blank": "release",
            **{name: case["answers"] for name, case in mistakes(a).items()}}
        for a in assignments
    }
    return grade_many(root, submissions, **kwargs)


def read_step(results: dict, step: str, assignment: str,
              student: str = "") -> nbformat.NotebookNode:
    """A notebook of the course folder that graded ``assignment`` (source, release, ...)."""
    root = Path(results[assignment]["solution"].root)
    parts = [step, *([student] if student else []), assignment, f"{assignment}.ipynb"]
    return nbformat.read(root.joinpath(*parts), as_version=4)


def secret_lines(notebook: nbformat.NotebookNode,
                 regions: tuple[str, ...] = ("SOLUTION", "HIDDEN TESTS")) -> set[str]:
    """Lines that only appear inside the ``regions`` (solution, hidden tests) of the source."""
    marker = re.compile(r"### (BEGIN|END) (" + "|".join(map(re.escape, regions)) + ")")
    inside, outside = set(), set()
    for cell in notebook.cells:
        region = False
        for line in cell.source.split("\n"):
            text = line.strip()
            if marker.match(text):
                region = text.startswith("### BEGIN")
                continue
            (inside if region else outside).add(text)
    return {line for line in inside - outside if len(line) > 12}
