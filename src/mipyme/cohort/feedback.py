"""Feedback a student can read, without the code of the hidden tests.

Stock ``nbgrader generate_feedback`` turns each autograded notebook into HTML as it is: the
test cells with their hidden tests, and tracebacks that quote the failing line of a hidden
check. :func:`generate_feedback` runs the same nbgrader converter (same files in
``feedback/``, so ``nbgrader release_feedback`` and the Assignments tab keep working) with
one more step (:func:`plain_feedback`), which for every autograded test cell:

- shows the cell as the student received it (the release version; without a release
  folder, the source with the hidden-test region cut out);
- replaces its outputs with one line: passed, or which check failed and why, in plain
  Spanish and English (the messages of :mod:`mipyme.grading.feedback`), never a traceback;

and puts a summary of the checks, with points, at the top of the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import nbformat

from mipyme.errors import InputError
from mipyme.grading.feedback import say
from mipyme.grading.roundtrip import cell_messages

__all__ = ["generate_feedback", "plain_feedback"]

_HIDDEN = re.compile(r"[ \t]*### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS[ \t]*\n?", re.S)


def _is_test(cell) -> bool:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return cell.get("cell_type") == "code" and bool(meta.get("grade")) and not meta.get(
        "solution")


def _points(value) -> str:
    return f"{float(value or 0):g}"


def plain_feedback(nb: nbformat.NotebookNode, release: dict[str, str] | None = None
                   ) -> nbformat.NotebookNode:
    """The notebook with every test cell as released and its outputs in plain words.

    ``release`` maps a test cell's ``grade_id`` to its source as the student got it.
    The cells' ``score`` and ``points`` (set by nbgrader's ``GetGrades``) fill the summary.
    """
    messages = cell_messages(nb)
    rows = []
    for cell in nb.cells:
        if not _is_test(cell):
            continue
        meta = cell.metadata.nbgrader
        cell_id = meta.get("grade_id", "")
        if release and cell_id in release:
            cell.source = release[cell_id]
        else:
            cell.source = _HIDDEN.sub("", cell.source).rstrip()
        message = messages.get(cell_id)
        score, points = meta.get("score"), meta.get("points")
        if message is None and points is not None and score is not None and score < points:
            message = say("cohort.feedback.check_failed")
        text = say("cohort.feedback.cell_failed", message=message) if message else say(
            "grading.feedback.passed")
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=text + "\n")]
        cell.execution_count = cell.get("execution_count")
        if points is not None:
            rows.append(f"| `{cell_id}` | {_points(score)} / {_points(points)} | "
                        f"{(message or say('grading.feedback.passed')).replace(chr(10), '<br>')} |")
    if rows:
        header = say("cohort.feedback.summary_header").replace("\n", " / ")
        table = "\n".join([f"**{header}**", "", "| | | |", "|---|---|---|", *rows])
        nb.cells.insert(0, nbformat.v4.new_markdown_cell(table))
    return nb


def _preprocessor_class(root: Path):
    from nbconvert.preprocessors import Preprocessor
    from traitlets import Bool

    from mipyme.cohort.autograde import release_cells

    class PlainChecks(Preprocessor):
        """nbconvert step: :func:`plain_feedback` with the course's release cells."""

        enabled = Bool(True)  # nbconvert's base class is off unless told

        def preprocess(self, nb, resources):
            info = resources["nbgrader"]
            release = release_cells(root, info["assignment"], info["notebook"], _is_test)
            return plain_feedback(nb, release), resources

    return PlainChecks


def generate_feedback(assignment: str, course: str | Path, *, db_url: str | None = None,
                      students: Iterable[str] | None = None) -> list[Path]:
    """Write ``feedback/STUDENT/ASSIGNMENT/NOTEBOOK.html`` for every autograded submission
    (or only ``students``); returns the files written."""
    from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
    from nbgrader.converters import GenerateFeedback
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.preprocessors import GetGrades

    from mipyme.cohort.autograde import course_config

    root = Path(course).resolve()
    graded = root / "autograded"
    if not graded.is_dir():
        raise InputError("cohort.errors.not_graded", arg="course", value=str(course))
    wanted = None if students is None else set(students)
    who = sorted(p.name for p in graded.iterdir() if (p / assignment).is_dir()
                 and (wanted is None or p.name in wanted))
    if not who:
        raise InputError("cohort.errors.not_graded", arg="assignment", value=assignment)
    cfg = course_config(root, db_url)
    written: list[Path] = []
    for student in who:
        coursedir = CourseDirectory(config=cfg)
        coursedir.assignment_id = assignment
        coursedir.student_id = student
        converter = GenerateFeedback(coursedir=coursedir, config=cfg)
        converter.force = True
        converter.preprocessors = [GetGrades, _preprocessor_class(root),
                                    CSSHTMLHeaderPreprocessor]
        converter.start()
        written += sorted((root / "feedback" / student / assignment).glob("*.html"))
    return written
