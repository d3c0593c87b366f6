"""Hand grading still to do in a cohort's gradebook (``mipyme pending``).

Part of each kit assignment is graded by hand in nbgrader's formgrader: the written answers
and the teach-back plan (6 of the 11 points of ``ch01_fundamentos``). Until an instructor
gives those cells their points, the gradebook counts them as 0, so a submission's total is
*provisional*: it can still go up. This module says which grades are still pending:

- a grade is pending when nbgrader's gradebook says it needs a manual grade
  (``Grade.needs_manual_grade``) and nobody has given it one (``Grade.manual_score`` is
  ``None``): :func:`is_pending`. An answer left as released is scored 0 by nbgrader itself
  and is not pending; a cell graded in the formgrader is not pending either;
- a submission is :data:`FINAL` when none of its grades is pending, else
  :data:`PROVISIONAL` (:class:`Submission`);
- :func:`status` gives every submission of a course, :func:`pending_table` every pending
  cell, :func:`summary_table` and :func:`summary_text` how many submissions and points per
  assignment still need hand grading, and :func:`formgrader_hint` how to open the course's
  formgrader to grade them.

``mipyme feedback`` (:mod:`mipyme.cohort.feedback`) shows pending cells as pending instead
of "0 / N", and ``mipyme export`` (:mod:`mipyme.cohort.export`) writes only final totals
unless asked for provisional ones.

>>> cell = PendingCell("ana", "ch01_fundamentos", "ch01_fundamentos", "teachback", 4.0)
>>> sub = Submission("ana", "ch01_fundamentos", 5.0, 11.0, (cell,))
>>> sub.status, sub.pending_points, sub.is_final
('provisional', 4.0, False)
>>> Submission("luis", "ch01_fundamentos", 11.0, 11.0).status
'final'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from mipyme.errors import InputError
from mipyme.i18n import t

__all__ = [
    "FINAL",
    "PENDING_COLUMNS",
    "PROVISIONAL",
    "SUMMARY_COLUMNS",
    "PendingCell",
    "Submission",
    "formgrader_hint",
    "gradebook_status",
    "is_pending",
    "pending_table",
    "points_text",
    "status",
    "summary_table",
    "summary_text",
]

#: A submission with no grade left to give by hand.
FINAL = "final"
#: A submission with at least one grade still to give by hand: its total can still go up.
PROVISIONAL = "provisional"
#: The columns of :func:`pending_table`: one row per cell still to grade by hand.
PENDING_COLUMNS: tuple[str, ...] = ("student", "assignment", "notebook", "cell", "points")
#: The columns of :func:`summary_table`: one row per assignment.
SUMMARY_COLUMNS: tuple[str, ...] = ("assignment", "submissions", "final", "provisional",
                                    "points_pending")


def is_pending(needs_manual_grade: object, manual_score: object) -> bool:
    """Whether a gradebook grade still waits for an instructor: nbgrader marked it as
    needing a manual grade and no manual score has been given.

    >>> is_pending(True, None)      # a written answer after autograding
    True
    >>> is_pending(True, 3.0)       # graded by hand (nbgrader may still ask for a review)
    False
    >>> is_pending(False, None)     # an autograded test, or an answer left blank (0 points)
    False
    """
    return bool(needs_manual_grade) and manual_score is None


def points_text(value: float) -> str:
    """Points as a person writes them: no trailing ``.0``.

    >>> points_text(4.0), points_text(1.5), points_text(0.30000000000000004)
    ('4', '1.5', '0.3')
    """
    return f"{round(float(value), 6):g}"


@dataclass(frozen=True, slots=True)
class PendingCell:
    """One cell of one submission that an instructor still has to grade by hand."""

    student: str
    assignment: str
    notebook: str
    cell: str  #: the cell's ``grade_id``
    points: float  #: the cell's points, all still to be given


@dataclass(frozen=True, slots=True)
class Submission:
    """One student's submission of one assignment, with the cells still to grade by hand.

    ``score`` is the gradebook's total so far (pending cells count as 0 in it).

    >>> Submission("ana", "ch01", 5.0, 11.0, (
    ...     PendingCell("ana", "ch01", "ch01", "teachback", 4.0),
    ...     PendingCell("ana", "ch01", "ch01", "written_separate", 2.0))).pending_points
    6.0
    """

    student: str
    assignment: str
    score: float
    max_score: float
    pending: tuple[PendingCell, ...] = ()

    @property
    def pending_points(self) -> float:
        """Points still to be given by hand."""
        return float(sum(c.points for c in self.pending))

    @property
    def is_final(self) -> bool:
        """True when nothing is left to grade by hand."""
        return not self.pending

    @property
    def status(self) -> str:
        """:data:`FINAL` or :data:`PROVISIONAL`."""
        return FINAL if self.is_final else PROVISIONAL


def gradebook_status(gb, assignments: Iterable[str] | None = None,
                     students: Iterable[str] | None = None
                     ) -> dict[tuple[str, str], Submission]:
    """Every submission in an open nbgrader :class:`~nbgrader.api.Gradebook` (or only those
    of ``assignments`` and ``students``), keyed by ``(student, assignment)``."""
    names = list(assignments) if assignments is not None else [a.name for a in gb.assignments]
    wanted = None if students is None else set(students)
    out: dict[tuple[str, str], Submission] = {}
    for name in names:
        for sub in gb.assignment_submissions(name):
            student = sub.student.id
            if wanted is not None and student not in wanted:
                continue
            cells = [PendingCell(student, name, notebook.name, grade.name,
                                 float(grade.max_score or 0))
                     for notebook in sub.notebooks for grade in notebook.grades
                     if is_pending(grade.needs_manual_grade, grade.manual_score)]
            cells.sort(key=lambda c: (c.notebook, c.cell))
            out[(student, name)] = Submission(student, name, float(sub.score or 0),
                                              float(sub.max_score or 0), tuple(cells))
    return out


def _course(course_dir: str | Path | None, db_url: str | None
            ) -> tuple[str, str | None, tuple[str, ...]]:
    """The gradebook URL, course id and assignment order of a course folder."""
    from mipyme.cohort.course import gradebook_url, read_cohort

    folder = Path(course_dir) if course_dir is not None else None
    if db_url is None and (folder is None or not folder.is_dir()):
        raise InputError("cohort.export.no_course", value=str(course_dir))
    url = db_url or gradebook_url(folder)
    course_id, order = None, ()
    if folder is not None and (folder / "cohort.toml").is_file():
        info = read_cohort(folder)
        course_id, order = info.course_id, info.assignments
    if url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).is_file():
        raise InputError("cohort.export.no_gradebook", value=url)
    return url, course_id, order


def _assignments(gb, order: Sequence[str], assignment: str | Sequence[str] | None
                 ) -> list[str]:
    known = [a.name for a in gb.assignments]
    names = [a for a in order if a in known] + sorted(a for a in known if a not in order)
    if not assignment:
        return names
    wanted = [assignment] if isinstance(assignment, str) else list(assignment)
    unknown = [a for a in wanted if a not in known]
    if unknown:
        raise InputError("errors.one_of", arg="assignment", choices=tuple(names),
                         value=unknown[0])
    return [a for a in names if a in wanted]


def status(course_dir: str | Path | None, db_url: str | None = None,
           assignment: str | Sequence[str] | None = None
           ) -> dict[tuple[str, str], Submission]:
    """Every submission of a course, final or provisional, keyed by ``(student, assignment)``.

    Parameters
    ----------
    course_dir : path
        The course folder (its ``cohort.toml`` gives the course id and the gradebook).
    db_url : str, optional
        The gradebook's URL (default: the course's).
    assignment : str or list of str, optional
        Only these assignments.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from mipyme.cohort.course import init_course
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "roster.csv").write_text(
    ...     "student_id,first_name,last_name,email,university,cohort\\n"
    ...     "a1,Ana,Núñez,ana@buap.mx,BUAP,2026A\\n", encoding="utf-8")
    >>> _ = init_course(folder / "c", folder / "roster.csv", "c1",
    ...                 assignments=["ch01_fundamentos"])
    >>> status(folder / "c")  # nothing handed in yet
    {}
    >>> status(folder / "c", assignment="ch99")
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'assignment' debe ser uno de ('ch01_fundamentos',) (se recibió 'ch99')
    """
    from mipyme.cohort.course import open_gradebook

    url, course_id, order = _course(course_dir, db_url)
    with open_gradebook(url, course_id) as gb:
        return gradebook_status(gb, _assignments(gb, order, assignment))


def pending_table(course_dir: str | Path | None, db_url: str | None = None,
                  assignment: str | Sequence[str] | None = None) -> pd.DataFrame:
    """Every cell still to be graded by hand: the :data:`PENDING_COLUMNS` (``points`` are
    the cell's points), ordered by assignment, student, notebook and cell.

    Parameters are those of :func:`status`.
    """
    rows = [(c.student, c.assignment, c.notebook, c.cell, c.points)
            for sub in status(course_dir, db_url, assignment).values() for c in sub.pending]
    return pd.DataFrame(rows, columns=list(PENDING_COLUMNS))


def summary_table(submissions: Iterable[Submission], assignments: Sequence[str] = ()
                  ) -> pd.DataFrame:
    """Per assignment: submissions, how many are final and provisional, and the points
    still to grade by hand (the :data:`SUMMARY_COLUMNS`). ``assignments`` gives the order
    and the assignments to show even without submissions.

    >>> subs = [Submission("ana", "ch01", 5.0, 11.0,
    ...                    (PendingCell("ana", "ch01", "ch01", "teachback", 4.0),)),
    ...         Submission("luis", "ch01", 9.0, 11.0)]
    >>> summary_table(subs, ["ch01", "ch02"]).to_dict("records")
    [{'assignment': 'ch01', 'submissions': 2, 'final': 1, 'provisional': 1, 'points_pending': 4.0}, {'assignment': 'ch02', 'submissions': 0, 'final': 0, 'provisional': 0, 'points_pending': 0.0}]
    """
    rows: dict[str, dict] = {a: {"assignment": a, "submissions": 0, "final": 0,
                                 "provisional": 0, "points_pending": 0.0}
                             for a in assignments}
    for sub in submissions:
        row = rows.setdefault(sub.assignment, {"assignment": sub.assignment, "submissions": 0,
                                               "final": 0, "provisional": 0,
                                               "points_pending": 0.0})
        row["submissions"] += 1
        row[sub.status] += 1
        row["points_pending"] += sub.pending_points
    return pd.DataFrame(list(rows.values()), columns=list(SUMMARY_COLUMNS))


def formgrader_hint(course_dir: str | Path, course_id: str | None = None,
                    lang: str | None = None) -> str:
    """How to open the formgrader of the course in ``course_dir`` to grade by hand: outside
    the hub, JupyterLab started *inside* the course folder (nbgrader reads
    ``nbgrader_config.py`` from the folder Jupyter starts in; started elsewhere, the
    formgrader shows an error); in the classroom hub, the course's formgrader service.

    >>> print(formgrader_hint("cursos/buap", "buap-2026a", lang="en"))
    To grade by hand, open this course's formgrader. On your computer, with the kit's ...
      cd cursos/buap && jupyter lab
    ...
    In the classroom hub: /services/formgrader-buap-2026a/formgrader
    """
    import shlex

    lines = [t("cohort.pending.hint_local", lang=lang),
             f"  cd {shlex.quote(str(course_dir))} && jupyter lab",
             t("cohort.pending.hint_local_then", lang=lang)]
    if course_id:
        lines.append(t("cohort.pending.hint_hub", lang=lang,
                       url=f"/services/formgrader-{course_id}/formgrader"))
    return "\n".join(lines)


def _aligned(rows: list[list[str]], numeric_from: int = 1) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(c.rjust(w) if i >= numeric_from else c.ljust(w)
                      for i, (c, w) in enumerate(zip(row, widths, strict=True))).rstrip()
            for row in rows]


def summary_text(course_dir: str | Path | None, db_url: str | None = None,
                 assignment: str | Sequence[str] | None = None,
                 lang: str | None = None) -> str:
    """What ``mipyme pending`` prints: a table per assignment (submissions, final,
    provisional, points still to grade by hand), who is waiting, and how to open the
    formgrader (:func:`formgrader_hint`); in ``lang`` (default: the language in use)."""
    from mipyme.cohort.course import open_gradebook

    url, course_id, order = _course(course_dir, db_url)
    with open_gradebook(url, course_id) as gb:
        names = _assignments(gb, order, assignment)
        subs = gradebook_status(gb, names)
    table = summary_table(subs.values(), names)
    where = str(course_dir) if course_dir is not None else url
    header = [t(f"cohort.pending.col_{c}", lang=lang) for c in SUMMARY_COLUMNS]
    body = [[r["assignment"], str(r["submissions"]), str(r["final"]), str(r["provisional"]),
             points_text(r["points_pending"])] for r in table.to_dict("records")]
    waiting = [s for s in subs.values() if not s.is_final]
    lines = [t("cohort.pending.title", lang=lang, course=where), "",
             *(f"  {line}" for line in _aligned([header, *body])), ""]
    if not waiting:
        lines.append(t("cohort.pending.nothing", lang=lang))
        return "\n".join(lines)
    lines.append(t("cohort.pending.total", lang=lang, count=len(waiting),
                   points=points_text(sum(s.pending_points for s in waiting))))
    for name in names:
        who = [s for s in waiting if s.assignment == name]
        if who:
            people = ", ".join(f"{s.student} ({points_text(s.pending_points)})"
                               for s in sorted(who, key=lambda s: s.student))
            lines.append(f"  {name}: {people}")
    if course_dir is not None:
        lines += ["", formgrader_hint(course_dir, course_id, lang=lang)]
    return "\n".join(lines)
