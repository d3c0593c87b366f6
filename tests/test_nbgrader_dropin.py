"""nbgrader's own application tests of ``autograde`` and ``generate_feedback``, run against
``mipyme autograde`` and ``mipyme feedback``: the specification of "drop-in".

nbgrader 0.9 ships these tests inside its package (``nbgrader/tests/apps/``). Each test
calls ``run_nbgrader([...])``; here the name the two test modules imported is replaced by
:func:`run_mipyme`, which sends ``autograde`` to ``mipyme autograde`` and
``generate_feedback`` (and its old name ``feedback``) to ``mipyme feedback``, with the same
arguments, in this process, and checks the exit code the same way. Every other subcommand
(``db``, ``generate_assignment``, ``validate``...) still goes to nbgrader itself.

The tests whose expectation mipyme changes on purpose are listed in :data:`DIFFERENCES`
with the reason; the grading guide (README, "Cohorts: grading, exports, reports", and
``book/guides/instructor.*.md``) names each one too. They are marked
``xfail(strict=True)``: if one ever passes, the difference is gone and the list must shrink.
"""

# The tests take nbgrader's fixtures as arguments, imported below under the same names.
# ruff: noqa: F811

from __future__ import annotations

import contextlib
import io
import os
import sys
from pathlib import Path

import pytest
from nbgrader.tests import run_nbgrader as _stock_run_nbgrader
from nbgrader.tests.apps import test_nbgrader_autograde as _autograde_tests
from nbgrader.tests.apps import test_nbgrader_generate_feedback as _feedback_tests
from nbgrader.tests.apps.conftest import (  # noqa: F401  (the tests' fixtures)
    course_dir,
    db,
    temp_cwd,
)

from mipyme.cli import main

pytestmark = pytest.mark.slow

#: nbgrader subcommands answered by mipyme, and the mipyme command that answers each.
REDIRECTED = {"autograde": "autograde", "generate_feedback": "feedback",
              "feedback": "feedback"}

#: ``test name -> reason`` for the nbgrader tests whose expectation mipyme changes on purpose.
DIFFERENCES: dict[str, str] = {
    "test_hidden_tests_single_notebook": (
        "the tests run in a judge apart from the student's kernel, so a test cannot change "
        "the student's names: the check 'sum_of_squares_uses_squares' deletes 'squares' "
        "(del squares) and expects the student's sum_of_squares to fail with NameError; the "
        "student's function still sees its own 'squares', so the 0.5 points of that check "
        "are not given (score 1.0 instead of 1.5)"),
}


def run_mipyme(args: list[str], retcode: int = 0, env: dict | None = None,
               stdout: bool = False) -> str:
    """nbgrader's ``run_nbgrader``, with autograde and feedback answered by mipyme."""
    if not args or args[0] not in REDIRECTED:
        return _stock_run_nbgrader(args, retcode=retcode, env=env, stdout=stdout)
    old_env = os.environ.copy()
    if env:
        os.environ.clear()
        os.environ.update(env)
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(["--lang", "en", REDIRECTED[args[0]], *args[1:]])
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else 1
    finally:
        os.environ.clear()
        os.environ.update(old_env)
    text = out.getvalue() + err.getvalue()
    print(text)
    if code != retcode:
        raise AssertionError(f"process returned an unexpected return code: {code}\n{text}")
    return text


@pytest.fixture(autouse=True)
def _mipyme_answers(monkeypatch, request):
    """Swap the ``run_nbgrader`` the nbgrader test modules imported for :func:`run_mipyme`."""
    # nbgrader's gradebook runs ``alembic`` from the environment's bin folder
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(_autograde_tests, "run_nbgrader", run_mipyme)
    monkeypatch.setattr(_feedback_tests, "run_nbgrader", run_mipyme)
    reason = DIFFERENCES.get(request.node.originalname)
    if reason:
        request.node.add_marker(pytest.mark.xfail(reason=reason, strict=True))


class TestMipymeAutograde(_autograde_tests.TestNbGraderAutograde):
    """nbgrader's ``TestNbGraderAutograde``, answered by ``mipyme autograde``."""


class TestMipymeFeedback(_feedback_tests.TestNbGraderFeedback):
    """nbgrader's ``TestNbGraderFeedback``, answered by ``mipyme feedback``."""


# -- beyond nbgrader's own tests: the notebook's kernel, in the box --------------------------

def _kernel_course(course: Path, kernel: str) -> None:
    """An assignment ``ps1`` whose notebook runs in ``kernel``: one answer cell and one test
    that passes only where the kernel defined ``GREETING`` at start-up."""
    import nbformat
    from nbgrader.tests import create_grade_cell, create_solution_cell

    nb = nbformat.v4.new_notebook()
    nb.metadata.kernelspec = {"display_name": kernel, "language": "python", "name": kernel}
    nb.cells = [create_solution_cell("answer = GREETING\n", "code", "answer"),
                create_grade_cell("assert answer == 'hola desde el kernel'\n", "code",
                                  "test_answer", 1)]
    for folder in ("source", "submitted/foo"):
        (course / folder / "ps1").mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, course / folder / "ps1" / "p1.ipynb")


def _kernelspec(folder: Path, name: str) -> None:
    """A Python kernelspec ``name`` in ``folder`` that defines ``GREETING`` at start-up."""
    import json

    spec = folder / "kernels" / name
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": ["python", "-m", "ipykernel_launcher", "-f", "{connection_file}",
                 "--IPKernelApp.exec_lines=GREETING = 'hola desde el kernel'"],
        "display_name": name, "language": "python"}))


@pytest.mark.usefixtures("temp_cwd")
def test_the_notebooks_own_kernel_runs_in_the_box(course_dir, db, tmp_path, monkeypatch):
    from nbgrader.api import Gradebook

    _kernelspec(tmp_path, "mipyme-greeting")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    course = Path(course_dir)
    _kernel_course(course, "mipyme-greeting")
    _stock_run_nbgrader(["db", "assignment", "add", "ps1", "--db", db])
    _stock_run_nbgrader(["generate_assignment", "ps1", "--db", db])
    run_mipyme(["autograde", "ps1", "--db", db])
    with Gradebook(db) as gb:
        assert gb.find_submission_notebook("p1", "ps1", "foo").score == 1


@pytest.mark.usefixtures("temp_cwd")
def test_a_kernel_not_installed_is_refused_and_left_for_hand_grading(course_dir, db,
                                                                      monkeypatch):
    from nbgrader.api import Gradebook

    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    import nbformat

    course = Path(course_dir)
    _kernel_course(course, "ir-not-here")
    source = course / "source" / "ps1" / "p1.ipynb"  # a source without kernelspec: the
    nb = nbformat.read(source, as_version=4)        # submission's own names the kernel
    del nb.metadata["kernelspec"]
    nbformat.write(nb, source)
    _stock_run_nbgrader(["db", "assignment", "add", "ps1", "--db", db])
    _stock_run_nbgrader(["generate_assignment", "ps1", "--db", db])
    out = run_mipyme(["autograde", "ps1", "--db", db], retcode=1)
    assert "ir-not-here" in out
    assert not (course / "autograded" / "foo" / "ps1").exists()
    with Gradebook(db) as gb:
        notebook = gb.find_submission_notebook("p1", "ps1", "foo")
        assert notebook.needs_manual_grade and notebook.score == 0


# -- beyond nbgrader's own tests: what mipyme adds to nbgrader's behaviour ------------------

def _one_assignment(course: Path, db: str, students: dict[str, str | None]) -> None:
    """``ps1`` from nbgrader's own fixture; ``students`` maps each id to the fixture file
    handed in (``None``: an empty folder)."""
    import shutil

    files = Path(_autograde_tests.__file__).parent / "files"
    (course / "source" / "ps1").mkdir(parents=True)
    shutil.copy(files / "submitted-unchanged.ipynb", course / "source" / "ps1" / "p1.ipynb")
    _stock_run_nbgrader(["db", "assignment", "add", "ps1", "--db", db])
    _stock_run_nbgrader(["generate_assignment", "ps1", "--db", db])
    for student, name in students.items():
        folder = course / "submitted" / student / "ps1"
        folder.mkdir(parents=True)
        if name:
            shutil.copy(files / name, folder / "p1.ipynb")


@pytest.mark.usefixtures("temp_cwd")
def test_a_course_graded_by_stock_nbgrader_is_not_graded_again(course_dir, db, monkeypatch):
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    course = Path(course_dir)
    _one_assignment(course, db, {"foo": "submitted-changed.ipynb"})
    _stock_run_nbgrader(["autograde", "ps1", "--db", db])
    graded = course / "autograded" / "foo" / "ps1" / "p1.ipynb"
    before = graded.stat().st_mtime_ns
    out = run_mipyme(["autograde", "ps1", "--db", db])
    assert "1 already graded" in out and graded.stat().st_mtime_ns == before
    # a newer timestamp.txt makes it new, by nbgrader's own rule
    (course / "submitted" / "foo" / "ps1" / "timestamp.txt").write_text(
        "2030-01-01 00:00:00 UTC")
    (graded.parent / "timestamp.txt").write_text("2015-01-01 00:00:00 UTC")
    out = run_mipyme(["autograde", "ps1", "--db", db])
    assert "1 graded" in out and graded.stat().st_mtime_ns != before


@pytest.mark.usefixtures("temp_cwd")
def test_an_empty_folder_records_nothing_and_a_failing_plugin_is_named(course_dir, db,
                                                                        monkeypatch):
    from nbgrader.api import Gradebook, MissingEntry

    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    course = Path(course_dir)
    _one_assignment(course, db, {"foo": "submitted-changed.ipynb", "bar": None})
    run_mipyme(["autograde", "ps1", "--db", db])
    with Gradebook(db) as gb:
        gb.find_submission("ps1", "foo")
        with pytest.raises(MissingEntry):
            gb.find_submission("ps1", "bar")
    with open("nbgrader_config.py", "a") as fh:
        fh.write("\nc.AssignLatePenalties.plugin_class = 'penalty_missing.Plugin'\n")
    out = run_mipyme(["autograde", "ps1", "--db", db, "--force"], retcode=1)
    assert "penalty_missing" in out


@pytest.mark.usefixtures("temp_cwd")
def test_feedback_says_each_failure_once_in_each_language(course_dir, db, monkeypatch):
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    course = Path(course_dir)
    _one_assignment(course, db, {"foo": "submitted-unchanged.ipynb"})  # nothing answered
    run_mipyme(["autograde", "ps1", "--db", db])
    run_mipyme(["generate_feedback", "ps1", "--db", db])
    import re

    page = (course / "feedback" / "foo" / "ps1" / "p1.html").read_text(encoding="utf-8")
    spanish = set(re.findall(r"no pasó: ([^\n<]+)", page))
    english = set(re.findall(r"did not pass: ([^\n<]+)", page))
    assert spanish and english, "the submission fails some checks"
    # the old page said each bilingual message after both words: the same text twice
    assert not spanish & english, spanish & english


@pytest.mark.usefixtures("temp_cwd")
def test_folder_names_come_from_the_configuration(course_dir, db, monkeypatch):
    from nbgrader.api import Gradebook

    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    with open("nbgrader_config.py", "a") as fh:
        fh.write("\nc.CourseDirectory.submitted_directory = 'entregas'"
                 "\nc.CourseDirectory.autograded_directory = 'calificadas'\n")
    course = Path(course_dir)
    _one_assignment(course, db, {"foo": "submitted-changed.ipynb"})
    (course / "submitted").rename(course / "entregas")
    run_mipyme(["autograde", "ps1", "--db", db])
    assert (course / "calificadas" / "foo" / "ps1" / "p1.ipynb").is_file()
    assert not (course / "autograded").exists()
    with Gradebook(db) as gb:
        assert gb.find_submission_notebook("p1", "ps1", "foo").score == 2
