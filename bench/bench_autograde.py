"""Grading a cohort: stock ``nbgrader autograde`` against ``mipyme autograde --workers 2``.

The same submissions of the kit's real ch01 assignment (solutions, blanks and a typical
mistake, 100 by default; ``MIPYME_BENCH_SUBMISSIONS`` to change) are graded three times, in
three copies of one course: by stock nbgrader (the named baseline, one kernel after another,
no sandbox), by ``mipyme autograde`` with two workers and kernels forked from the warm
template (the default), and with two workers and every kernel started cold
(``MIPYME_GRADE_TEMPLATE=0``), each kernel in its sandbox. The scores must be identical.

The figures are the speed-ups over the baseline, the submissions graded per minute, and
where one submission's time goes with each way of starting kernels (the mean per
submission, in one worker's time): starting the kernel until it answers, running the
notebook (cells, the judge's tests, the box's clean-up) and nbgrader's own steps around it
(copying, the gradebook, writing the graded notebook back, and waiting for the other
worker's turn at the gradebook, which nbgrader's steps take one at a time), so that the
next bottleneck is visible.
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


def _ours(course: Path, count: int, warm: bool):
    """Grade ``course`` with two workers; the seconds and the report."""
    from mipyme.cohort.template import TEMPLATES

    old = os.environ.get("MIPYME_GRADE_TEMPLATE")
    os.environ["MIPYME_GRADE_TEMPLATE"] = "1" if warm else "0"
    try:
        started = time.perf_counter()
        report = autograde(ASSIGNMENT, course, workers=2)
        seconds = time.perf_counter() - started
    finally:
        TEMPLATES.close()
        if old is None:
            os.environ.pop("MIPYME_GRADE_TEMPLATE", None)
        else:
            os.environ["MIPYME_GRADE_TEMPLATE"] = old
    assert report.ok and {r.status for r in report.results} == {"graded"}, \
        report.summary("en")
    return seconds, report


def _split(report, name: str):
    """The mean cost of one submission, in one worker's time: start, execute, nbgrader."""
    n = len(report.results)
    start = sum(r.start_seconds for r in report.results) / n
    execute = sum(r.execute_seconds for r in report.results) / n
    total = sum(r.seconds for r in report.results) / n
    yield f"autograde.{name}.per_submission", total, "s (one worker)"
    yield f"autograde.{name}.start", start, "s"
    yield f"autograde.{name}.execute", execute, "s"
    yield f"autograde.{name}.nbgrader_steps", total - start - execute, "s"


def run():
    count = int(os.environ.get("MIPYME_BENCH_SUBMISSIONS", "100"))
    with tempfile.TemporaryDirectory(prefix="mipyme-bench-ag-") as tmp:
        tmp = Path(tmp)
        warm_course = _course(tmp, count)
        stock, cold_course = tmp / "stock", tmp / "cold"
        shutil.copytree(warm_course, stock)
        shutil.copytree(warm_course, cold_course)

        started = time.perf_counter()
        _nbgrader(stock, "autograde", ASSIGNMENT, "--force")
        stock_seconds = time.perf_counter() - started
        warm_seconds, warm = _ours(warm_course, count, warm=True)
        cold_seconds, cold = _ours(cold_course, count, warm=False)

        expected = _scores(stock)
        assert _scores(warm_course) == expected, "warm kernels and nbgrader disagree"
        assert _scores(cold_course) == expected, "cold kernels and nbgrader disagree"
        assert len({s for s, _ in expected}) == count

    yield "autograde.submissions", count, "notebooks"
    yield "autograde.nbgrader_stock", stock_seconds, "s (baseline)"
    yield "autograde.mipyme_workers2", warm_seconds, "s"
    yield "autograde.speedup_vs_nbgrader", stock_seconds / warm_seconds, "x"
    yield "autograde.mipyme_cold_workers2", cold_seconds, "s"
    yield "autograde.cold_speedup_vs_nbgrader", stock_seconds / cold_seconds, "x"
    yield "autograde.nbgrader_per_minute", 60 * count / stock_seconds, "submissions/min"
    yield "autograde.mipyme_per_minute", 60 * count / warm_seconds, "submissions/min"
    yield "autograde.nbgrader_per_submission", stock_seconds / count, "s"
    yield from _split(warm, "warm")
    yield from _split(cold, "cold")
