"""Grade files from a cohort's gradebook that Moodle and Canvas import (``mipyme export``).

Three layouts:

``csv``
    Like ``nbgrader export``: one row per student and assignment (``assignment, duedate,
    timestamp, student_id, last_name, first_name, email, raw_score,
    late_submission_penalty, score, max_score``) plus ``university`` and ``cohort`` from the
    roster, ``status`` (``final``, ``provisional`` or empty when nothing was handed in) and
    ``pending_points`` (points still to be graded by hand). A student who did not submit has
    empty score cells (nbgrader writes 0).
``moodle``
    Moodle's "Import grades from CSV file": ``ID number, First name, Last name, Email
    address`` then one column per grade item, named by the assignment. Map "Email address"
    to the user's email when importing. Empty cells (no submission) leave the grade as it is.
``canvas``
    Canvas's Gradebook import: ``Student, ID, SIS User ID, SIS Login ID, Section``, then one
    column per assignment; the second row is ``Points Possible``. ``Student`` is "Last,
    First", ``SIS User ID`` the student id, ``SIS Login ID`` the email, ``Section`` the cohort;
    ``ID`` (Canvas's own user number) is left empty: Canvas matches on the SIS columns.

Only final totals are written unless asked. A submission with cells still to be graded by
hand (:mod:`mipyme.cohort.pending`) has a *provisional* total: those cells count as 0 and the
total can still go up. By default its score cells are left empty (Moodle then keeps the grade
it has) and :func:`export_grades` warns, saying how many were left out
(:func:`provisional_notice`); with ``include_provisional=True`` (``mipyme export
--include-provisional``) the provisional totals are written too: the ``csv`` layout marks
them ``provisional`` in its ``status`` column, while Moodle's and Canvas's import files have no
column for a grade's state, so there they look final and the warning says so.

Scores are exact decimals with 2 places (half up), never floats. Every text cell that a
spreadsheet would read as a formula (it starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return: a name like ``=HYPERLINK(...)`` in the roster) is written with a leading
``'`` (:func:`mipyme.cohort.roster.spreadsheet_text`); scores are numbers and stay as they are.

>>> from decimal import Decimal
>>> score_text(Decimal("2.675")), score_text(None), score_text(7.1)
('2.68', '', '7.10')
"""

from __future__ import annotations

import csv
import io
import warnings
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import nbformat
import pandas as pd

from mipyme.cohort.course import gradebook_url, open_gradebook, read_cohort
from mipyme.cohort.pending import FINAL, PROVISIONAL, gradebook_status, points_text
from mipyme.cohort.roster import read_roster, spreadsheet_text
from mipyme.errors import InputError
from mipyme.i18n import t

__all__ = [
    "CANVAS_COLUMNS",
    "FORMATS",
    "MOODLE_COLUMNS",
    "NBGRADER_COLUMNS",
    "ProvisionalGradesWarning",
    "canvas_rows",
    "csv_rows",
    "export_grades",
    "grades",
    "moodle_rows",
    "provisional_notice",
    "score_text",
    "to_decimal",
    "write_grades",
]

#: The layouts :func:`export_grades` writes.
FORMATS: tuple[str, ...] = ("csv", "moodle", "canvas")
#: The columns of ``nbgrader export``'s CSV.
NBGRADER_COLUMNS: tuple[str, ...] = (
    "assignment", "duedate", "timestamp", "student_id", "last_name", "first_name", "email",
    "raw_score", "late_submission_penalty", "score", "max_score")
#: The identity columns of a Moodle grade import file (grade items follow).
MOODLE_COLUMNS: tuple[str, ...] = ("ID number", "First name", "Last name", "Email address")
#: The identity columns of a Canvas gradebook import file (assignments follow).
CANVAS_COLUMNS: tuple[str, ...] = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")

_CENT = Decimal("0.01")


def to_decimal(value: object) -> Decimal | None:
    """A score as an exact ``Decimal`` with 2 places (``None`` stays ``None``).

    nbgrader stores floats; ``repr`` of the float is what it showed, so that is the text
    turned into a decimal (``0.1 + 0.2`` is ``0.30``, not ``0.3000000000000000444``).

    >>> to_decimal(0.1 + 0.2), to_decimal(None), to_decimal("3")
    (Decimal('0.30'), None, Decimal('3.00'))
    """
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = repr(float(value)) if isinstance(value, float) else str(value)
    return Decimal(text).quantize(_CENT, rounding=ROUND_HALF_UP)


def score_text(value: object) -> str:
    """A score as the text written to a grade file: 2 decimals, empty when missing.

    >>> score_text(Decimal("10")), score_text(None)
    ('10.00', '')
    """
    number = to_decimal(value)
    return "" if number is None else f"{number:.2f}"


def _source_points(directory: Path, assignment: str) -> Decimal:
    folder = directory / "source" / assignment
    total = Decimal(0)
    for path in sorted(folder.glob("*.ipynb")) if folder.is_dir() else []:
        notebook = nbformat.read(path, as_version=4)
        for cell in notebook.cells:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if meta.get("grade") or meta.get("task"):
                total += to_decimal(meta.get("points", 0) or 0) or Decimal(0)
    return total


def grades(directory: str | Path | None = None, *, db_url: str | None = None,
           assignment: str | Sequence[str] | None = None) -> pd.DataFrame:
    """Every student x assignment of a cohort's gradebook, with exact decimal scores.

    Parameters
    ----------
    directory : path, optional
        The cohort's course directory (its ``roster.csv`` adds university and cohort; its
        ``cohort.toml`` gives the assignment order and the database URL).
    db_url : str, optional
        The gradebook's URL (default: the course's).
    assignment : str or list of str, optional
        Only these assignments.

    Returns
    -------
    pandas.DataFrame
        The :data:`NBGRADER_COLUMNS` plus ``university``, ``cohort``, ``submitted``,
        ``status`` (``final``, ``provisional``, or empty when not submitted) and
        ``pending_points``; score columns hold ``Decimal`` or ``None`` (not submitted). A
        provisional row holds its total so far: the layouts leave it out unless asked.

    Examples
    --------
    >>> grades("/nonexistent")
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'course' debe ser una carpeta de curso o una URL de libro de calificaciones (se recibió '/nonexistent')
    """
    folder = Path(directory) if directory is not None else None
    if db_url is None and (folder is None or not folder.is_dir()):
        raise InputError("cohort.export.no_course", value=str(folder))
    url = db_url or gradebook_url(folder)
    order: tuple[str, ...] = ()
    course_id = None
    extra: dict[str, tuple[str, str]] = {}
    if folder is not None and (folder / "cohort.toml").is_file():
        info = read_cohort(folder)
        order, course_id = info.assignments, info.course_id
    if folder is not None and (folder / "roster.csv").is_file():
        extra = {s.student_id: (s.university, s.cohort)
                 for s in read_roster(folder / "roster.csv").students}
    if url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).is_file():
        raise InputError("cohort.export.no_gradebook", value=url)
    wanted = [assignment] if isinstance(assignment, str) else (
        list(assignment) if assignment else None)
    rows = []
    with open_gradebook(url, course_id) as gb:
        assignments = {a.name: a for a in gb.assignments}
        if wanted:
            unknown = [a for a in wanted if a not in assignments]
            if unknown:
                raise InputError("errors.one_of", arg="assignment",
                                 choices=tuple(assignments), value=unknown[0])
        names = [a for a in order if a in assignments] + sorted(
            a for a in assignments if a not in order)
        students = sorted(gb.students, key=lambda s: s.id)
        for name in names:
            if wanted and name not in wanted:
                continue
            record = assignments[name]
            max_score = record.max_score or (
                _source_points(folder, name) if folder is not None else 0.0)
            submitted = {s.student.id: s for s in gb.assignment_submissions(name)}
            states = gradebook_status(gb, [name])
            for student in students:
                sub = submitted.get(student.id)
                university, cohort = extra.get(student.id, ("", ""))
                row = {
                    "assignment": name,
                    "duedate": record.duedate.isoformat(sep=" ") if record.duedate else "",
                    "timestamp": sub.timestamp.isoformat(sep=" ") if sub and sub.timestamp
                    else "",
                    "student_id": student.id,
                    "last_name": student.last_name or "",
                    "first_name": student.first_name or "",
                    "email": student.email or "",
                    "raw_score": None, "late_submission_penalty": None, "score": None,
                    "max_score": to_decimal(max_score),
                    "university": university, "cohort": cohort,
                    "submitted": sub is not None,
                    "status": "", "pending_points": None,
                }
                state = states.get((student.id, name))
                if state is not None:
                    row.update(status=state.status,
                               pending_points=to_decimal(state.pending_points))
                if sub is not None:
                    raw = to_decimal(sub.score)
                    penalty = to_decimal(sub.late_submission_penalty or 0.0)
                    row.update(raw_score=raw, late_submission_penalty=penalty,
                               score=max(Decimal("0.00"), raw - penalty))
                rows.append(row)
    columns = [*NBGRADER_COLUMNS, "university", "cohort", "submitted", "status",
               "pending_points"]
    return pd.DataFrame(rows, columns=columns)


def _status(row: Mapping) -> str:
    """A row's status; a table without the column (made by hand) counts as final."""
    value = row.get("status")
    if isinstance(value, str) and value:
        return value
    return FINAL if row.get("submitted", True) else ""


def _written(row: Mapping, include_provisional: bool) -> bool:
    """Whether a submitted row's score goes into a grade file."""
    return bool(row.get("submitted", True)) and (
        include_provisional or _status(row) != PROVISIONAL)


def _text(value: object) -> str:
    if isinstance(value, Decimal) or value is None:
        return score_text(value)
    if isinstance(value, str):
        return _cell(value)
    return str(value)


def _cell(value: object) -> str:
    """A text cell of a grade file, safe to open in a spreadsheet."""
    return str(spreadsheet_text("" if value is None else str(value)))


def csv_rows(table: pd.DataFrame, *, include_provisional: bool = False) -> list[list[str]]:
    """The ``csv`` layout: a header, then one row per student x assignment. A provisional
    row keeps its scores only with ``include_provisional``; its ``status`` says so.

    >>> table = pd.DataFrame([dict(assignment="a", duedate="", timestamp="", student_id="s1",
    ...     last_name="Núñez", first_name="Ana", email="a@u.mx", raw_score=None,
    ...     late_submission_penalty=None, score=None, max_score=Decimal("5"),
    ...     university="BUAP", cohort="A", submitted=False, status="", pending_points=None)])
    >>> csv_rows(table)[1]
    ['a', '', '', 's1', 'Núñez', 'Ana', 'a@u.mx', '', '', '', '5.00', 'BUAP', 'A', '', '']
    >>> csv_rows(table.assign(first_name="=1+1", cohort="@A"))[1][5::7]
    ["'=1+1", "'@A"]
    >>> waiting = table.assign(submitted=True, raw_score=Decimal("1"), score=Decimal("1"),
    ...     late_submission_penalty=Decimal("0"), status="provisional",
    ...     pending_points=Decimal("4"))
    >>> csv_rows(waiting)[1][7:], csv_rows(waiting, include_provisional=True)[1][7:]
    (['', '', '', '5.00', 'BUAP', 'A', 'provisional', '4.00'], ['1.00', '0.00', '1.00', '5.00', 'BUAP', 'A', 'provisional', '4.00'])
    """
    columns = [*NBGRADER_COLUMNS, "university", "cohort"]
    scores = ("raw_score", "late_submission_penalty", "score")
    out = [[*columns, "status", "pending_points"]]
    for row in table.to_dict("records"):
        keep = _written(row, include_provisional)
        out.append([*("" if c in scores and not keep else _text(row[c]) for c in columns),
                    _status(row), score_text(row.get("pending_points"))])
    return out


def _wide(table: pd.DataFrame, include_provisional: bool = False
          ) -> tuple[list[str], list[dict], dict[str, Decimal | None]]:
    names = list(dict.fromkeys(table["assignment"]))
    students: dict[str, dict] = {}
    points: dict[str, Decimal | None] = {}
    for row in table.to_dict("records"):
        entry = students.setdefault(row["student_id"], dict(row, scores={}))
        entry["scores"][row["assignment"]] = row["score"] if _written(
            row, include_provisional) else None
        points[row["assignment"]] = row["max_score"]
    return names, list(students.values()), points


def moodle_rows(table: pd.DataFrame, *, include_provisional: bool = False
                ) -> list[list[str]]:
    """Moodle's grade import layout: identity columns, then one column per assignment
    (a provisional total only with ``include_provisional``: Moodle cannot mark it).

    >>> table = pd.DataFrame([dict(assignment="ch01", student_id="s1", last_name="Núñez",
    ...     first_name="Ana", email="a@u.mx", score=Decimal("4.5"), submitted=True,
    ...     max_score=Decimal("5"), cohort="A")])
    >>> moodle_rows(table)
    [['ID number', 'First name', 'Last name', 'Email address', 'ch01'], ['s1', 'Ana', 'Núñez', 'a@u.mx', '4.50']]
    """
    names, students, _ = _wide(table, include_provisional)
    out = [[*MOODLE_COLUMNS, *(_cell(n) for n in names)]]
    for s in students:
        out.append([*(_cell(s[c]) for c in ("student_id", "first_name", "last_name", "email")),
                    *(score_text(s["scores"].get(n)) for n in names)])
    return out


def canvas_rows(table: pd.DataFrame, canvas_ids: Mapping[str, str] | None = None, *,
                include_provisional: bool = False) -> list[list[str]]:
    """Canvas's gradebook import layout, with the ``Points Possible`` row second (a
    provisional total only with ``include_provisional``: Canvas cannot mark it).

    An assignment's column is ``name (id)`` when ``canvas_ids`` gives its Canvas id (the
    number in the column of a gradebook exported from Canvas), so Canvas updates that
    assignment; without an id the column is the bare name and Canvas offers to create it.

    >>> table = pd.DataFrame([dict(assignment="ch01", student_id="s1", last_name="Núñez",
    ...     first_name="Ana", email="a@u.mx", score=None, submitted=False,
    ...     max_score=Decimal("5"), cohort="A")])
    >>> canvas_rows(table)
    [['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', 'ch01'], ['Points Possible', '', '', '', '', '5.00'], ['Núñez, Ana', '', 's1', 'a@u.mx', 'A', '']]
    >>> canvas_rows(table, {"ch01": "4512"})[0][-1]
    'ch01 (4512)'
    """
    names, students, points = _wide(table, include_provisional)
    ids = dict(canvas_ids or {})
    headers = [_cell(f"{n} ({ids[n]})" if ids.get(n) else n) for n in names]
    out = [[*CANVAS_COLUMNS, *headers],
           ["Points Possible", "", "", "", "", *(score_text(points[n]) for n in names)]]
    for s in students:
        name = ", ".join(p for p in (s["last_name"], s["first_name"]) if p) or s["student_id"]
        out.append([_cell(name), "", _cell(s["student_id"]), _cell(s["email"]),
                    _cell(s.get("cohort", "")),
                    *(score_text(s["scores"].get(n)) for n in names)])
    return out


def write_grades(table: pd.DataFrame, fmt: str, out: str | Path, *,
                 canvas_ids: Mapping[str, str] | None = None,
                 include_provisional: bool = False) -> Path:
    """Write the table of :func:`grades` as a ``fmt`` (csv, moodle, canvas) file: UTF-8,
    commas, lines ending in ``\\r\\n`` as RFC 4180 says (a cell holding a line break or a
    carriage return is quoted), one header row (Canvas: and the ``Points Possible`` row).
    Provisional totals are left empty unless ``include_provisional`` (see the module).

    >>> import tempfile, pathlib
    >>> table = pd.DataFrame([dict(assignment="ch01", student_id="s1", last_name="Núñez",
    ...     first_name="Ana", email="a@u.mx", score=Decimal("4.5"), submitted=True,
    ...     max_score=Decimal("5"), cohort="A")])
    >>> path = write_grades(table, "moodle", pathlib.Path(tempfile.mkdtemp()) / "m.csv")
    >>> path.read_text(encoding="utf-8").splitlines()[1]
    's1,Ana,Núñez,a@u.mx,4.50'
    """
    if fmt not in FORMATS:
        raise InputError("errors.one_of", arg="format", choices=FORMATS, value=fmt)
    if fmt == "canvas":
        rows = canvas_rows(table, canvas_ids, include_provisional=include_provisional)
    elif fmt == "csv":
        rows = csv_rows(table, include_provisional=include_provisional)
    else:
        rows = moodle_rows(table, include_provisional=include_provisional)
    target = Path(out)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    return target


def provisional_notice(table: pd.DataFrame, fmt: str, path: str | Path, *,
                       include_provisional: bool = False) -> str | None:
    """The warning for the provisional rows of ``table`` written to ``path`` as ``fmt``, in
    the language in use: how many were left out and how to include them, or (with
    ``include_provisional``) how many were written and how they are marked; ``None`` when
    every total is final.

    >>> table = pd.DataFrame([dict(submitted=True, status="provisional",
    ...                            pending_points=Decimal("6"))])
    >>> print(provisional_notice(table, "moodle", "m.csv"))  # doctest: +ELLIPSIS
    AVISO: 1 entrega(s) tienen calificación a mano pendiente (6 puntos) y se dejaron sin ...
    >>> provisional_notice(table.assign(status="final"), "csv", "g.csv") is None
    True
    """
    waiting = [r for r in table.to_dict("records")
               if r.get("submitted", True) and _status(r) == PROVISIONAL]
    if not waiting:
        return None
    points = points_text(sum(float(r.get("pending_points") or 0) for r in waiting))
    if not include_provisional:
        key = "cohort.pending.export_left_out"
    else:
        key = "cohort.pending.export_provisional_" + ("csv" if fmt == "csv" else "lms")
    return t(key, count=len(waiting), points=points, path=path,
             format={"moodle": "Moodle", "canvas": "Canvas"}.get(fmt, fmt))


class ProvisionalGradesWarning(UserWarning):
    """Some totals of an export are provisional (hand grading pending): left out, or
    written because ``include_provisional`` asked for them."""


def export_grades(directory: str | Path | None, fmt: str = "csv",
                  out: str | Path | None = None, *, db_url: str | None = None,
                  assignment: str | Sequence[str] | None = None,
                  canvas_ids: Mapping[str, str] | None = None,
                  include_provisional: bool = False) -> Path:
    """Write a cohort's grades as a file that ``fmt`` (csv, moodle, canvas) imports.

    Parameters
    ----------
    directory : path
        The cohort's course directory.
    fmt : {"csv", "moodle", "canvas"}
        The layout (see the module's description).
    out : path, optional
        Where to write (default: ``DIR/grades_<fmt>.csv``).
    db_url, assignment
        As in :func:`grades`.
    canvas_ids : mapping, optional
        Canvas's id of each assignment (see :func:`canvas_rows`).
    include_provisional : bool
        Also write the totals of submissions with hand grading pending (default: left
        empty). Either way, a :class:`ProvisionalGradesWarning` with
        :func:`provisional_notice` says what happened to them.

    Returns
    -------
    pathlib.Path
        The file written (UTF-8, commas).

    Examples
    --------
    >>> export_grades("/tmp", "xls")
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'format' debe ser uno de ('csv', 'moodle', 'canvas') (se recibió 'xls')
    """
    if fmt not in FORMATS:
        raise InputError("errors.one_of", arg="format", choices=FORMATS, value=fmt)
    table = grades(directory, db_url=db_url, assignment=assignment)
    target = Path(out) if out else Path(directory or ".") / f"grades_{fmt}.csv"
    path = write_grades(table, fmt, target, canvas_ids=canvas_ids,
                        include_provisional=include_provisional)
    notice = provisional_notice(table, fmt, path, include_provisional=include_provisional)
    if notice:
        warnings.warn(notice, ProvisionalGradesWarning, stacklevel=2)
    return path
