"""A small real program for the cohort tests: four cohorts at three universities, graded.

Nothing is mocked. Each cohort's course directory is made by
:func:`mipyme.cohort.course.init_course` from a roster CSV (with self-identified gender and
indigenous columns), its assignment is released with ``nbgrader generate_assignment`` and a
few students hand in the release answered in different ways (the instructor's solution, the
blank release, the typical mistakes of ``tests/fixtures/submissions``), graded with
``nbgrader autograde``. The other students of each roster hand in nothing.

The program, per university (participants / women / indigenous), chosen so that the report
must suppress some counts:

- BUAP, cohorts 2026A and 2026B: 18 / 9 / 5 (shown);
- UDLAP, cohort 2026A: 9 / 4 / 1 (the women and indigenous counts are under 5);
- UPAEP, cohort 2026A: 3 / 2 / 1 (the whole group is under 5).
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from exercise_support import mistakes
from mipyme.cohort.course import init_course
from mipyme.grading.roundtrip import fill, solutions

ASSIGNMENT = "ch01_fundamentos"
ROSTER_HEADER = ("id_estudiante", "nombre", "apellidos", "correo", "universidad", "cohorte",
                 "genero", "indigena")
_FIRST = ("Ana", "José", "María", "Luis", "Sofía", "Ñeli", "Raúl", "Elena", "Iván", "Paola")
_LAST = ("Núñez", "Pérez", "Gómez", "Hernández", "Martínez", "López", "Díaz", "Cruz", "Ruiz",
         "Sánchez")


@dataclass(frozen=True, slots=True)
class CohortSpec:
    """One cohort: its folder, course id, university, cohort, and who is in it.

    ``people`` is one ``(gender, indigenous)`` pair per student, as a roster writes them;
    ``handed_in`` maps a student's position in the roster to what they hand in:
    ``"solution"``, ``"blank"`` or the name of a typical-mistake fixture; ``manual`` is
    ``(student position, written cell, points)`` an instructor gave by hand afterwards.
    """

    folder: str
    course_id: str
    university: str
    cohort: str
    people: tuple[tuple[str, str], ...]
    handed_in: tuple[tuple[int, str], ...]
    manual: tuple[tuple[int, str, float], ...] = ()

    def student_id(self, index: int) -> str:
        """The id of the ``index``-th student (0-based)."""
        return f"{self.course_id}-{index + 1:02d}"


def _people(women: int, men: int, other: int, indigenous: int) -> tuple[tuple[str, str], ...]:
    genders = ["Mujer"] * women + ["Hombre"] * men + ["Prefiero no decir"] * other
    answers = ["Sí"] * indigenous + ["No"] * (len(genders) - indigenous)
    return tuple(zip(genders, answers, strict=True))


PROGRAM: tuple[CohortSpec, ...] = (
    CohortSpec("buap-2026a", "buap-2026a", "BUAP", "2026A", _people(5, 4, 1, 3),
               ((0, "solution"), (1, "sueldo_promedio"), (2, "sueldo_como_mezcla")),
               # 5 + 0.1 + 0.2 by hand: floats in the gradebook, "5.30" in a grade file
               ((0, "written_separate", 0.1), (0, "teachback", 0.2))),
    CohortSpec("buap-2026b", "buap-2026b", "BUAP", "2026B", _people(4, 4, 0, 2),
               ((0, "solution"), (3, "blank"))),
    CohortSpec("udlap-2026a", "udlap-2026a", "UDLAP", "2026A", _people(4, 5, 0, 1),
               ((0, "sueldo_promedio"), (1, "solution")), ((1, "teachback", 1.75),)),
    CohortSpec("upaep-2026a", "upaep-2026a", "UPAEP", "2026A", _people(2, 1, 0, 1),
               ((0, "sueldo_como_mezcla"),)),
)


def roster_rows(spec: CohortSpec) -> list[list[str]]:
    """The roster of a cohort, header first, with Spanish headers as a coordinator writes."""
    rows = [list(ROSTER_HEADER)]
    for i, (gender, indigenous) in enumerate(spec.people):
        sid = spec.student_id(i)
        rows.append([sid, _FIRST[i % len(_FIRST)], _LAST[(i + len(spec.folder)) % len(_LAST)],
                     f"{sid}@{spec.university.lower()}.mx", spec.university, spec.cohort,
                     gender, indigenous])
    return rows


def write_roster_csv(path: Path, rows: list[list[str]], *, encoding: str = "utf-8",
                     delimiter: str = ",") -> Path:
    """Write a roster file the way a spreadsheet would (``encoding``, ``delimiter``)."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def nbgrader(course: Path, *args: str) -> str:
    """Run the real ``nbgrader ARGS`` in a course directory; raise with its output if it fails."""
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    proc = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=env,
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"nbgrader {' '.join(args)} failed in {course}:\n"
                           f"{(proc.stdout + proc.stderr)[-4000:]}")
    return proc.stdout + proc.stderr


def _answers(how: str, source: nbformat.NotebookNode) -> dict[str, str]:
    if how == "blank":
        return {}
    answers = dict(solutions(source))
    if how != "solution":
        answers.update(mistakes(ASSIGNMENT)[how]["answers"])
    return answers


def build_cohort(program: Path, spec: CohortSpec) -> Path:
    """Make, release, hand in and autograde one cohort's course; returns its directory."""
    roster = write_roster_csv(program.parent / "rosters" / f"{spec.folder}.csv",
                              roster_rows(spec))
    course = program / spec.folder
    init_course(course, roster, spec.course_id, assignments=[ASSIGNMENT])
    nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
    name = f"{ASSIGNMENT}.ipynb"
    source = nbformat.read(course / "source" / ASSIGNMENT / name, as_version=4)
    release = nbformat.read(course / "release" / ASSIGNMENT / name, as_version=4)
    for index, how in spec.handed_in:
        target = course / "submitted" / spec.student_id(index) / ASSIGNMENT / name
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(fill(release, _answers(how, source), ASSIGNMENT), target)
    nbgrader(course, "autograde", ASSIGNMENT, "--force")
    if spec.manual:
        grade_by_hand(course, spec)
    return course


def grade_by_hand(course: Path, spec: CohortSpec) -> None:
    """Give the written answers their points, as an instructor does in nbgrader's formgrader."""
    from mipyme.cohort.course import gradebook_url, open_gradebook

    with open_gradebook(gradebook_url(course)) as gb:
        for index, cell, points in spec.manual:
            grade = gb.find_grade(cell, ASSIGNMENT, ASSIGNMENT, spec.student_id(index))
            grade.manual_score = points
        gb.db.commit()


def build_program(root: Path) -> Path:
    """The whole program under ``root/program`` (two cohorts graded side by side)."""
    program = root / "program"
    program.mkdir(parents=True)
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(lambda spec: build_cohort(program, spec), PROGRAM))
    return program


def expected_people() -> dict[str, dict[str, int]]:
    """Participants, women and indigenous per university, counted from :data:`PROGRAM`."""
    out: dict[str, dict[str, int]] = {}
    for spec in PROGRAM:
        row = out.setdefault(spec.university, {"participants": 0, "women": 0,
                                               "indigenous": 0})
        row["participants"] += len(spec.people)
        row["women"] += sum(g == "Mujer" for g, _ in spec.people)
        row["indigenous"] += sum(i == "Sí" for _, i in spec.people)
    return out


def gradebook_scores(course: Path) -> dict[tuple[str, str], float]:
    """``(student, assignment) -> score`` read straight from nbgrader's gradebook."""
    from mipyme.cohort.course import gradebook_url, open_gradebook

    out = {}
    with open_gradebook(gradebook_url(course)) as gb:
        for assignment in gb.assignments:
            for sub in gb.assignment_submissions(assignment.name):
                out[(sub.student.id, assignment.name)] = sub.score
    return out


def gradebook_cell_failures(program: Path) -> dict[str, int]:
    """For each autograded test cell, how many graded students lost points, over every
    course of the program, read straight from the gradebooks."""
    from mipyme.cohort.course import gradebook_url, open_gradebook

    out: dict[str, int] = {}
    for spec in PROGRAM:
        with open_gradebook(gradebook_url(program / spec.folder)) as gb:
            for sub in gb.assignment_submissions(ASSIGNMENT):
                for notebook in sub.notebooks:
                    for grade in notebook.grades:
                        if grade.cell_type == "code":
                            out.setdefault(grade.name, 0)
                            out[grade.name] += (grade.score or 0) < grade.max_score
    return out


def axe_script(cache: Path) -> Path:
    """axe-core from npm, installed once into build/node (same place as the book's tests)."""
    target = cache / "node_modules" / "axe-core" / "axe.min.js"
    if not target.is_file():
        subprocess.run(["npm", "install", "--prefix", str(cache), "axe-core@4", "--no-audit",
                        "--no-fund"], check=True, capture_output=True)
    return target


_BUILT: dict[str, Path] = {}


@pytest.fixture(scope="session")
def program(tmp_path_factory) -> Path:
    """The graded program folder, built once per test session (shared by every module that
    imports this fixture; tests must not change it)."""
    if "program" not in _BUILT:
        _BUILT["program"] = build_program(tmp_path_factory.mktemp("cohort"))
    return _BUILT["program"]
