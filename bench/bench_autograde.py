"""Grading a cohort: stock ``nbgrader autograde`` against ``mipyme autograde --workers 2``.

The same submissions of the kit's real ch01 assignment (solutions, blanks and a typical
mistake, 100 by default; ``MIPYME_BENCH_SUBMISSIONS`` to change) are graded twice, in two
copies of one course: by stock nbgrader (the named baseline, one kernel after another, no
sandbox) and by ``mipyme autograde`` with two workers, each kernel in its sandbox. The
scores must be identical; the figures are the speed-up over the baseline and the
submissions graded per minute by each.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from mipyme.cohort.autograde import autograde
from mipyme.cohort.course import gradebook_url, init_course, open_gradebook
from mipyme.grading.roundtrip import fill, solutions

ASSIGNMENT = "ch01_fundamentos"
#: The owner's salary set at the average month (a typical mistake of chapter 1).
_AVERAGE = '''
def fixed_salary(monthly_profits):
    return round_money(sum(monthly_profits) / len(monthly_profits))
'''


def _nbgrader(course: Path, *args: str) -> None:
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=env,
                   check=True, capture_output=True)


def _course(root: Path, count: int) -> Path:
    students = [f"est{i:03d}" for i in range(count)]
    roster = root / "roster.csv"
    with open(roster, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["student_id", "first_name", "last_name", "email", "university",
                         "cohort"])
        writer.writerows([s, "Ana", "Pérez", f"{s}@buap.mx", "BUAP", "2026A"]
                         for s in students)
    course = root / "course"
    init_course(course, roster, "bench", assignments=[ASSIGNMENT])
    _nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
    name = f"{ASSIGNMENT}.ipynb"
    source = nbformat.read(course / "source" / ASSIGNMENT / name, as_version=4)
    release = nbformat.read(course / "release" / ASSIGNMENT / name, as_version=4)
    right = solutions(source)
    kinds = [fill(release, right, ASSIGNMENT), fill(release, {}, ASSIGNMENT),
             fill(release, {**right, "salary": _AVERAGE}, ASSIGNMENT)]
    for i, student in enumerate(students):
        folder = course / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True)
        nbformat.write(kinds[i % len(kinds)], folder / name)
        (folder / "timestamp.txt").write_text("2026-11-20 10:00:00.000000 UTC")
    return course


def _scores(course: Path) -> dict[tuple[str, str], float]:
    with open_gradebook(gradebook_url(course)) as gb:
        return {(sub.student.id, grade.name): grade.score
                for sub in gb.assignment_submissions(ASSIGNMENT)
                for nb in sub.notebooks for grade in nb.grades}


def run():
    count = int(os.environ.get("MIPYME_BENCH_SUBMISSIONS", "100"))
    with tempfile.TemporaryDirectory(prefix="mipyme-bench-ag-") as tmp:
        tmp = Path(tmp)
        ours = _course(tmp, count)
        stock = tmp / "stock"
        shutil.copytree(ours, stock)

        started = time.perf_counter()
        _nbgrader(stock, "autograde", ASSIGNMENT, "--force")
        stock_seconds = time.perf_counter() - started

        started = time.perf_counter()
        report = autograde(ASSIGNMENT, ours, workers=2)
        our_seconds = time.perf_counter() - started

        assert report.ok and {r.status for r in report.results} == {"graded"}, \
            report.summary("en")
        expected, got = _scores(stock), _scores(ours)
        assert got == expected, "mipyme autograde and nbgrader autograde disagree"
        assert len({s for s, _ in got}) == count

    yield "autograde.submissions", count, "notebooks"
    yield "autograde.nbgrader_stock", stock_seconds, "s (baseline)"
    yield "autograde.mipyme_workers2", our_seconds, "s"
    yield "autograde.speedup_vs_nbgrader", stock_seconds / our_seconds, "x"
    yield "autograde.nbgrader_per_minute", 60 * count / stock_seconds, "submissions/min"
    yield "autograde.mipyme_per_minute", 60 * count / our_seconds, "submissions/min"
