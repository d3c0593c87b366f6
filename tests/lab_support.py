"""The student's JupyterLab in tests: a partly answered assignment, and ``make lab``'s
student workspace served by the real ``jupyter lab`` (browser_support)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest

from browser_support import jupyter_lab
from mipyme import lab
from mipyme.grading.roundtrip import Course, solutions

ASSIGNMENT = "ch01_fundamentos"
#: A wrong answer: the average month instead of the worst one (ch01's typical mistake).
AVERAGE = ("def fixed_salary(monthly_profits):\n"
           "    return sum(monthly_profits) / len(monthly_profits)\n")


def partly_answered(folder: Path, salary: str | None = None) -> tuple[Path, Path]:
    """``ch01_fundamentos`` as a student downloads it (nbgrader's release), with
    ``household_from_business`` answered right and ``fixed_salary`` left as released
    (``salary=None``) or answered with ``salary``. Returns the notebook (in ``folder``) and
    the course folder that released it (a copy of the kit's ``exercises/``)."""
    course = Course(folder / "course", assignments=[ASSIGNMENT])
    answers = {"separate": solutions(course.source(ASSIGNMENT))["separate"]}
    if salary is not None:
        answers["salary"] = salary
    target = folder / f"{ASSIGNMENT}.ipynb"
    nbformat.write(course.answered(ASSIGNMENT, answers, start="release"), target)
    return target, course.root


@contextlib.contextmanager
def student_lab(home: Path, lang: str) -> Iterator[tuple[lab.Workspace, str, str]]:
    """``make lab LAB_LANG=lang`` in ``home``: the workspace, the server's URL and token."""
    ws = lab.prepare(lang, "student", home=home)
    with pytest.MonkeyPatch.context() as mp:
        for key, value in lab.environment(ws).items():
            mp.setenv(key, value)
        with jupyter_lab(ws.root) as (base, token):
            yield ws, base, token
