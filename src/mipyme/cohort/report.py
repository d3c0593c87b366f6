"""One report over many cohorts (``mipyme report``) that a program can show its funders, and
the tables behind it.

Why one module over 500 lines: the funders' report (names, inclusion goals, charts, the page)
shares one set of privacy and rounding rules; its sections are marked and are the next
candidates to split.

A program folder holds cohort course directories (each made by ``mipyme cohort init``:
``cohort.toml``, ``roster.csv`` and the gradebook). :func:`load_program` reads them all as of
a date (``as_of``, default today). What the report counts, and why:

- **Assignments due.** An assignment counts for a cohort once it is due: on or before
  ``as_of`` by the cohort's schedule (``[schedule]`` in ``cohort.toml``, written by
  ``mipyme cohort init --schedule FILE.csv`` or ``--due ch01=2026-09-15``). A cohort without
  a schedule counts the assignments released in its course: those nbgrader's gradebook has
  notebooks for (``nbgrader generate_assignment`` records them) or that someone handed in.
  An assignment merely listed in the gradebook is not due. Completion, scores and item
  difficulty cover the assignments that count, nothing else.
- **Final grades apart from autograded progress.** A submission's score is final only when
  none of its grades is waiting for hand grading (nbgrader's ``needs_manual_grade`` on a
  grade no person has scored yet). Until then the report shows the submission's autograded
  progress only: the share of the autograded tests' points it earned.
- **Inclusion, self-identified.** An empty answer, "prefer not to say" (``not_stated``) and a
  value the roster could not read (``unknown``) are counted apart as "not stated"; each
  share is over the people who stated, and is shown exactly only when that gives no hidden
  count away (else as a lower bound "≥ x%", the share over every participant).
- **Privacy.** Any count of fewer than 5 people is shown as "< 5" (a "not stated" count of
  zero is shown: that everyone answered tells nothing about anyone), and complementary
  suppression hides further cells so that no hidden count can be worked out by subtraction
  (see :func:`suppress_counts`). Completion and scores of fewer than 5 people are not shown.
- **Goals** are the program's, from a goals file (:func:`read_goal_table`; ``mipyme report
  --goals FILE``) that names each goal's program, its published source and its date. The
  kit ships no program's goals: without a goals file there is no goals section.

Each table of the report is a function returning a DataFrame: :func:`completion_table`,
:func:`completion_summary`, :func:`score_table` (``kind="final"`` or ``"autograded"``),
:func:`grading_status_table`, :func:`difficulty_table` and :func:`goals_table`.

:func:`report_html` builds the page: one self-contained file (charts are PNG images inside
the page, each with alternative text and a table of its numbers; styles are inline; no
scripts and, by its Content-Security-Policy, nothing loaded from anywhere) that prints
without cut tables. :func:`build_report` writes it and, with ``pdf=True``, a PDF beside it
(:func:`write_pdf`: headless Chromium's print to PDF). Every text is in Spanish or English
(``lang``). Other modules add sections (learning gains, the training cascade) through
:data:`SECTION_PROVIDERS` or the ``sections`` argument; see :class:`Section`.

>>> from mipyme.cohort.report import suppress_counts
>>> table = suppress_counts({"A": {"participants": 12, "women": 4},
...                          "B": {"participants": 30, "women": 12},
...                          "C": {"participants": 20, "women": 9}},
...                         {"participants": 62, "women": 25})
>>> table["women"].tolist()
['< 5', '12', '*', '25']
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import importlib
import io
import os
import re
import shutil
import subprocess
import tempfile
import textwrap
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from mipyme.charts import OKABE_ITO, finish
from mipyme.cohort.course import CohortInfo, gradebook_url, open_gradebook, read_cohort
from mipyme.cohort.roster import gender_group, indigenous_group, read_roster
from mipyme.errors import InputError
from mipyme.i18n import get_language, language, t, texts
from mipyme.tables import read_table

__all__ = [
    "GOAL_GROUPS",
    "MIN_GROUP",
    "NOT_STATED_GROUPS",
    "SECTION_PROVIDERS",
    "Program",
    "Section",
    "build_report",
    "completion_summary",
    "completion_table",
    "difficulty_table",
    "figure_html",
    "goals_table",
    "grading_status_table",
    "item_titles",
    "load_program",
    "publishable_completion",
    "publishable_scores",
    "read_goal_table",
    "read_goals",
    "report_html",
    "score_table",
    "suppress_counts",
    "table_html",
    "write_pdf",
]

#: The format of a program's goals file, with no goals in it (``mipyme report --goals``).
GOALS_TEMPLATE = Path(__file__).resolve().parent.parent / "data" / "templates" / \
    "program_goals.csv"
#: Groups smaller than this are never shown as a number.
MIN_GROUP = 5
#: Shown in place of a count of fewer than :data:`MIN_GROUP` people.
SMALL = "< 5"
#: Shown in place of a count hidden so that a small one cannot be worked out.
HIDDEN = "*"
#: Shown for an assignment that is not due yet for a group.
NOT_DUE = "—"
#: What :func:`~mipyme.cohort.roster.gender_group` and
#: :func:`~mipyme.cohort.roster.indigenous_group` return for an answer not given
#: (``not_stated``) or not readable (``unknown``): both are counted as "not stated".
NOT_STATED_GROUPS: frozenset[str] = frozenset({"not_stated", "unknown"})

_PALETTE = [OKABE_ITO[k] for k in ("blue", "orange", "green", "vermillion", "purple",
                                   "sky_blue", "yellow", "black")]
_LEVELS = ("cohort", "university", "program")
_RESULT_COLUMNS = ["course_id", "student_id", "university", "cohort", "assignment",
                   "counted", "submitted", "final", "pending", "score", "max_score",
                   "auto_score", "auto_max_score"]
_ITEM_COLUMNS = ["course_id", "student_id", "assignment", "notebook", "cell", "counted",
                 "score", "max_score"]
_ASSIGNMENT_COLUMNS = ["course_id", "assignment", "released", "due", "counted", "basis"]


@dataclass(frozen=True, slots=True)
class Program:
    """Every cohort of a program, read from their course directories as of ``as_of``.

    ``participants``: one row per student (course, university, cohort, gender and indigenous
    groups). ``results``: one row per student x assignment of the gradebook (``counted``:
    the assignment is due for the student's cohort; ``submitted``; ``final``: handed in and
    no grade waits for hand grading; ``pending``: handed in and some grade does; ``score``
    and ``max_score``; ``auto_score`` and ``auto_max_score``: the autograded tests' part).
    ``items``: one row per student x autograded test cell (score, max_score).
    ``assignments``: one row per course x assignment (``released``, ``due`` date or None,
    ``counted``, ``basis``: ``"schedule"`` or ``"released"``). ``folders``: the course
    directories, in the order of ``cohorts``.
    """

    root: Path
    cohorts: tuple[CohortInfo, ...]
    participants: pd.DataFrame
    results: pd.DataFrame
    items: pd.DataFrame
    as_of: dt.date = field(default_factory=dt.date.today)
    assignments: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=_ASSIGNMENT_COLUMNS))
    folders: tuple[Path, ...] = ()


def _float(value: object) -> float:
    return float(value) if value is not None else 0.0


def _waits_for_hand_grading(grade: object) -> bool:
    # nbgrader flags a grade for a person (needs_manual_grade) when no one has scored it
    # yet, and again when autograde runs over a score a person gave ("review it"); only
    # the first leaves the submission without a final score. A grade given straight in
    # the database leaves the flag up: its manual score is what nbgrader counts.
    return bool(grade.needs_manual_grade) and grade.manual_score is None


def load_program(program_dir: str | Path, *, as_of: dt.date | None = None) -> Program:
    """Read every cohort course directory (a folder with ``cohort.toml``) under
    ``program_dir``, counting the assignments due on or before ``as_of`` (default today;
    see the module's notes).

    >>> load_program("/nonexistent")
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: '/nonexistent' no tiene cursos de cohortes (carpetas con cohort.toml)
    """
    day = as_of or dt.date.today()
    root = Path(program_dir)
    folders = sorted(p.parent for p in root.glob("*/cohort.toml")) if root.is_dir() else []
    if (root / "cohort.toml").is_file():
        folders = [root]
    if not folders:
        raise InputError("cohort.report.no_cohorts", path=str(root))
    infos, people, results, items, assignments = [], [], [], [], []
    for folder in folders:
        info = read_cohort(folder)
        infos.append(info)
        roster = read_roster(folder / "roster.csv")
        by_id = {s.student_id: s for s in roster.students}
        for s in roster.students:
            people.append({"course_id": info.course_id, "student_id": s.student_id,
                           "university": s.university, "cohort": s.cohort,
                           "gender": gender_group(s.gender),
                           "indigenous": indigenous_group(s.indigenous)})
        due = info.due_by(day)
        scheduled = dict(info.schedule)
        with open_gradebook(gradebook_url(folder), info.course_id) as gb:
            for assignment in gb.assignments:
                subs = {s.student.id: s for s in gb.assignment_submissions(assignment.name)}
                released = bool(assignment.notebooks) or bool(subs)
                counted = released if due is None else assignment.name in due
                assignments.append({"course_id": info.course_id,
                                    "assignment": assignment.name, "released": released,
                                    "due": scheduled.get(assignment.name),
                                    "counted": counted,
                                    "basis": "released" if due is None else "schedule"})
                for sid, student in by_id.items():
                    sub = subs.get(sid)
                    row = {"course_id": info.course_id, "student_id": sid,
                           "university": student.university, "cohort": student.cohort,
                           "assignment": assignment.name, "counted": counted,
                           "submitted": sub is not None, "final": False, "pending": False,
                           "score": _float(sub.score) if sub else None,
                           "max_score": _float(assignment.max_score),
                           "auto_score": None, "auto_max_score": 0.0}
                    results.append(row)
                    if sub is None:
                        continue
                    pending, auto, auto_max = False, 0.0, 0.0
                    for notebook in sub.notebooks:
                        for grade in notebook.grades:
                            pending = pending or _waits_for_hand_grading(grade)
                            if grade.cell_type != "code" or grade.auto_score is None:
                                continue  # written answers (and hand-graded code) by hand
                            score = grade.manual_score if grade.manual_score is not None \
                                else grade.auto_score
                            auto += _float(score)
                            auto_max += _float(grade.max_score)
                            items.append({"course_id": info.course_id, "student_id": sid,
                                          "assignment": assignment.name,
                                          "notebook": notebook.name, "cell": grade.name,
                                          "counted": counted, "score": _float(score),
                                          "max_score": _float(grade.max_score)})
                    row.update(final=not pending, pending=pending, auto_score=auto,
                               auto_max_score=auto_max)
    return Program(root, tuple(infos),
                   pd.DataFrame(people, columns=["course_id", "student_id", "university",
                                                 "cohort", "gender", "indigenous"]),
                   pd.DataFrame(results, columns=_RESULT_COLUMNS),
                   pd.DataFrame(items, columns=_ITEM_COLUMNS), day,
                   pd.DataFrame(assignments, columns=_ASSIGNMENT_COLUMNS),
                   tuple(folders))


def _group_column(by: str) -> str:
    if by not in _LEVELS:
        raise InputError("errors.one_of", arg="by", choices=_LEVELS, value=by)
    return by


def _with_group(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    frame = frame.copy()
    if by == "program":
        frame["program"] = t("cohort.report.all_program")
    elif by == "cohort":
        frame["cohort"] = frame["university"] + " · " + frame["cohort"]
    return frame


def _counted(program: Program) -> pd.DataFrame:
    frame = program.results
    return frame[frame["counted"].astype(bool)]


def completion_table(program: Program, by: str = "cohort") -> pd.DataFrame:
    """Students, submissions and completion (% who handed in) per group and assignment,
    over the assignments due (see :func:`load_program`).

    ``by`` is ``"cohort"`` (university · cohort), ``"university"`` or ``"program"``.
    """
    column = _group_column(by)
    frame = _with_group(_counted(program), by)
    if frame.empty:
        return pd.DataFrame(columns=["group", "assignment", "students", "submitted",
                                     "completion_pct"])
    out = frame.groupby([column, "assignment"], sort=True).agg(
        students=("student_id", "count"), submitted=("submitted", "sum")).reset_index()
    out["submitted"] = out["submitted"].astype(int)
    out["completion_pct"] = (100 * out["submitted"] / out["students"]).round(1)
    return out.rename(columns={column: "group"})


def completion_summary(program: Program, by: str = "cohort") -> pd.DataFrame:
    """Per group: students, assignments due, hand-ins due (students x assignments due),
    hand-ins received and completion (%) over every assignment due."""
    column = _group_column(by)
    everyone = _with_group(program.participants, by)
    frame = _with_group(_counted(program), by)
    rows = []
    for group in sorted(everyone[column].unique()):
        mine = frame[frame[column] == group]
        expected, got = len(mine), int(mine["submitted"].sum())
        rows.append({"group": group,
                     "students": int((everyone[column] == group).sum()),
                     "assignments": int(mine[["course_id", "assignment"]]
                                        .drop_duplicates()["assignment"].nunique()),
                     "due": expected, "submitted": got,
                     "completion_pct": round(100 * got / expected, 1) if expected else None})
    return pd.DataFrame(rows, columns=["group", "students", "assignments", "due", "submitted",
                                       "completion_pct"])


_SCORE_COLUMNS = ["group", "assignment", "submitted", "mean_pct", "min_pct", "q1_pct",
                  "median_pct", "q3_pct", "max_pct"]


def _percentages(program: Program, by: str, kind: str) -> pd.DataFrame:
    """The counted results grouped ``by``, with each submission's score as ``pct`` of its
    points: the final grade (``kind="final"``: submissions with no hand grading pending) or
    the autograded tests' part (``"autograded"``: every submission)."""
    frame = _with_group(_counted(program), by)
    if kind == "final":
        frame = frame[frame["final"].astype(bool) & (frame["max_score"] > 0)].copy()
        frame["pct"] = 100 * frame["score"].astype(float) / frame["max_score"].astype(float)
    else:
        frame = frame[frame["submitted"].astype(bool) & (frame["auto_max_score"] > 0)].copy()
        frame["pct"] = (100 * frame["auto_score"].astype(float)
                        / frame["auto_max_score"].astype(float))
    return frame


def score_table(program: Program, by: str = "cohort", kind: str = "final") -> pd.DataFrame:
    """Score distribution (% of points) per group and assignment due: count (``submitted``),
    mean, quartiles, minimum and maximum.

    ``kind="final"``: the whole score of the submissions with no grade waiting for hand
    grading. ``kind="autograded"``: the autograded tests' share of their points, over every
    submission (what is known before hand grading ends).
    """
    column = _group_column(by)
    if kind not in ("final", "autograded"):
        raise InputError("errors.one_of", arg="kind", choices=("final", "autograded"),
                         value=kind)
    frame = _percentages(program, by, kind)
    if frame.empty:
        return pd.DataFrame(columns=_SCORE_COLUMNS)
    grouped = frame.groupby([column, "assignment"], sort=True)["pct"]
    out = pd.DataFrame({
        "submitted": grouped.count(), "mean_pct": grouped.mean(), "min_pct": grouped.min(),
        "q1_pct": grouped.quantile(0.25), "median_pct": grouped.median(),
        "q3_pct": grouped.quantile(0.75), "max_pct": grouped.max()}).round(1).reset_index()
    return out.rename(columns={column: "group"})


def grading_status_table(program: Program, by: str = "cohort") -> pd.DataFrame:
    """Per group and assignment due: hand-ins, those with a final score, those waiting for
    hand grading, and the share (%) of hand-ins with a final score."""
    column = _group_column(by)
    frame = _with_group(_counted(program), by)
    frame = frame[frame["submitted"].astype(bool)]
    if frame.empty:
        return pd.DataFrame(columns=["group", "assignment", "submitted", "final", "pending",
                                     "final_pct"])
    out = frame.groupby([column, "assignment"], sort=True).agg(
        submitted=("student_id", "count"), final=("final", "sum"),
        pending=("pending", "sum")).reset_index()
    out[["final", "pending"]] = out[["final", "pending"]].astype(int)
    out["final_pct"] = (100 * out["final"] / out["submitted"]).round(1)
    return out.rename(columns={column: "group"})


# -- names a reader understands: chapters and test titles ---------------------------------

@cache
def _chapters() -> dict[str, object]:
    from mipyme.curriculum import load_curriculum

    try:
        return {c.assignment: c for c in load_curriculum().chapters}
    except (FileNotFoundError, InputError):
        return {}


def _assignment_label(name: str, *, short: bool = False) -> str:
    """``Cap. 1 · Fundamentos...`` (``Cap. 1`` with ``short``) for a kit assignment; the
    name itself for any other."""
    chapter = _chapters().get(name)
    if chapter is None:
        return name
    number = int(chapter.id[2:]) if chapter.id[2:].isdigit() else chapter.id
    if short:
        return t("cohort.report.chapter_short", n=number)
    return t("cohort.report.chapter_label", n=number, title=chapter.title())


_POINTS = re.compile(r"\s*\(\s*\d+(?:[.,]\d+)?\s+(?:puntos?|points?)\b[^)]*\)\s*$", re.I)
_NUMBERED = re.compile(r"^\s*\d+[.)]\s*")


def _task_title(text: str) -> str:
    return _POINTS.sub("", _NUMBERED.sub("", text.strip())).strip()


def _readable_id(cell: str) -> str:
    """``test_risk_c_rules`` -> ``Risk c rules``."""
    words = re.sub(r"^tests?[_-]", "", cell).replace("_", " ").replace("-", " ").strip()
    return (words[:1].upper() + words[1:]) if words else cell


def _titles_from_cells(cells: Iterable[tuple[str, str | None, tuple[str, str] | None]]
                       ) -> dict[str, tuple[str, str]]:
    """``(kind, id, title)`` in notebook order -> ``{test id: (es, en)}``: a test's own
    title, else its task's title (the last titled instructions before it), numbered
    "check k of n" when the task has several tests."""
    tasks: list[tuple[tuple[str, str] | None, list[tuple[str, tuple[str, str] | None]]]] = [
        (None, [])]
    for kind, cell_id, title in cells:
        if kind == "instructions" and title:
            tasks.append((title, []))
        elif kind == "tests" and cell_id:
            tasks[-1][1].append((cell_id, title))
    out = {}
    for task, tests in tasks:
        for k, (cell_id, own) in enumerate(tests, start=1):
            if own:
                out[cell_id] = own
            elif task is None:
                continue
            elif len(tests) == 1:
                out[cell_id] = (_task_title(task[0]), _task_title(task[1]))
            else:
                out[cell_id] = tuple(
                    t("cohort.report.test_of_task", lang=lang, task=_task_title(text),
                      k=k, n=len(tests)) for lang, text in zip(("es", "en"), task,
                                                               strict=True))
    return out


def _titles_from_spec(path: Path) -> dict[str, tuple[str, str]]:
    spec = tomllib.loads(path.read_text(encoding="utf-8"))
    cells = []
    for cell in spec.get("cell", []):
        title = (cell["title_es"], cell["title_en"]) if cell.get("title_es") and cell.get(
            "title_en") else None
        cells.append((cell.get("kind", ""), cell.get("id"), title))
    return _titles_from_cells(cells)


def _titles_from_notebook(path: Path) -> dict[str, tuple[str, str]]:
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    cells = []
    for cell in notebook.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell.cell_type == "markdown" and cell.source.startswith("## "):
            heading = cell.source.splitlines()[0][3:].strip()
            parts = heading.split(" / ")
            title = (parts[0], parts[1]) if len(parts) == 2 else (heading, heading)
            cells.append(("instructions", None, title))
        elif cell.cell_type == "code" and meta.get("grade") and not meta.get("solution"):
            cells.append(("tests", meta.get("grade_id"), None))
    return _titles_from_cells(cells)


def item_titles(assignment: str, course: str | Path | None = None,
                kit: str | Path | None = None) -> dict[str, tuple[str, str]]:
    """``{test cell id: (Spanish title, English title)}`` for an assignment's autograded
    tests, from the kit's spec (``exercises/specs/ASSIGNMENT.toml``: a test's own
    ``title_es``/``title_en``, else its task's title) or, for an assignment the kit does not
    have, from the course's source notebook (``## título / title`` headings). A test with
    neither is missing: the report shows a readable form of its id.

    >>> item_titles("ch01_fundamentos")["test_household_found"][1]
    'House spending paid by the business (check 1 of 2)'
    """
    if kit is None:
        from mipyme.curriculum import find_root

        try:
            kit = find_root()
        except FileNotFoundError:
            kit = None
    if kit is not None:
        spec = Path(kit) / "exercises" / "specs" / f"{assignment}.toml"
        if spec.is_file():
            return _titles_from_spec(spec)
    if course is not None:
        folder = Path(course) / "source" / assignment
        out: dict[str, tuple[str, str]] = {}
        for path in sorted(folder.glob("*.ipynb")) if folder.is_dir() else []:
            out.update(_titles_from_notebook(path))
        return out
    return {}


def _titles(program: Program) -> dict[tuple[str, str], tuple[str, str]]:
    out = {}
    folders = dict(zip((c.course_id for c in program.cohorts), program.folders, strict=False))
    for course_id, assignment in program.items[["course_id", "assignment"]] \
            .drop_duplicates().itertuples(index=False):
        for cell, title in item_titles(assignment, folders.get(course_id)).items():
            out.setdefault((assignment, cell), title)
    return out


def difficulty_table(program: Program) -> pd.DataFrame:
    """For each autograded test cell of the assignments due: its title in the language in
    use (see :func:`item_titles`), students graded, how many lost points and the share (%)
    who did, hardest first."""
    columns = ["assignment", "cell", "title", "students", "lost_points", "lost_pct",
               "mean_score", "max_score"]
    items = program.items[program.items["counted"].astype(bool)]
    if items.empty:
        return pd.DataFrame(columns=columns)
    items = items.assign(lost=items["score"] < items["max_score"])
    out = items.groupby(["assignment", "cell"]).agg(
        students=("student_id", "count"), lost_points=("lost", "sum"),
        mean_score=("score", "mean"), max_score=("max_score", "max")).reset_index()
    out["lost_points"] = out["lost_points"].astype(int)
    out["lost_pct"] = (100 * out["lost_points"] / out["students"]).round(1)
    out["mean_score"] = out["mean_score"].round(2)
    titles = _titles(program)
    english = get_language() == "en"
    out["title"] = [titles[(a, c)][1 if english else 0] if (a, c) in titles
                    else _readable_id(c) for a, c in zip(out["assignment"], out["cell"],
                                                         strict=True)]
    out = out.sort_values(["lost_pct", "assignment", "cell"], ascending=[False, True, True])
    return out[columns].reset_index(drop=True)


# -- inclusion goals ------------------------------------------------------------------------

#: The groups :func:`goals_table` counts (a goal file may name only these).
GOAL_GROUPS: tuple[str, ...] = ("women", "indigenous")
#: A source that points inside the kit's own working notes is not a citation.
_INTERNAL_SOURCE = re.compile(r"(^|[\s;,(])shared/|domain-notes|(^|[\s;,(])[\w./-]+\.md\b",
                              re.I)


def read_goal_table(path: str | Path | None = None) -> pd.DataFrame:
    """A program's inclusion goals, each with where it comes from: columns ``goal``
    (``women`` or ``indigenous``), ``share`` (a ``Decimal`` between 0 and 1), ``program``,
    ``source`` (the program's own publication, as a reader can find it) and ``as_of``
    (its date). Every column is required; a goal may appear once.

    The default is the kit's template (:data:`GOALS_TEMPLATE`), which holds no program's
    goals (only the format, as comments): a program passes its own file (``mipyme report
    --goals``).

    >>> read_goal_table().empty
    True
    """
    frame = read_table(path or GOALS_TEMPLATE, required=("goal", "share", "program"),
                       decimals=("share",))
    name = Path(frame.attrs.get("path", "program_goals.csv")).name
    for row, (goal, share, program, source, as_of) in enumerate(zip(
            frame["goal"], frame["share"], frame["program"], frame["source"],
            frame["as_of"], strict=True), start=2):
        if goal not in GOAL_GROUPS:
            raise InputError("errors.one_of", arg="goal", choices=GOAL_GROUPS, value=goal)
        if share is None or not Decimal(0) <= share <= Decimal(1):
            raise InputError("errors.between", arg="share", low=0, high=1, value=share)
        if not str(program).strip() or as_of is None:
            raise InputError("errors.data_bad_value", file=name, row=row,
                             column="program" if not str(program).strip() else "as_of",
                             problem="empty / vacío", value="")
        if _INTERNAL_SOURCE.search(str(source)) and "://" not in str(source):
            raise InputError("cohort.report.goal_internal_source", file=name, row=row,
                             value=source)
    if frame["goal"].duplicated().any():
        raise InputError("cohort.report.goal_twice", file=name,
                         value=sorted(set(frame["goal"][frame["goal"].duplicated()])))
    return frame[["goal", "share", "program", "source", "as_of"]].reset_index(drop=True)


def read_goals(path: str | Path | None = None) -> dict[str, Decimal]:
    """A program's inclusion goals: ``{group: share}`` (default: the kit's
    ``program_goals.csv``, which has none).

    >>> read_goals()
    {}
    """
    frame = read_goal_table(path)
    return dict(zip(frame["goal"], frame["share"], strict=True))


def _goal_frame(goals: Mapping[str, Decimal] | pd.DataFrame | str | Path | None
                ) -> pd.DataFrame:
    if goals is None or isinstance(goals, (str, Path)):
        return read_goal_table(goals)
    if isinstance(goals, pd.DataFrame):
        return goals
    return pd.DataFrame([{"goal": g, "share": Decimal(str(v)), "program": "", "source": "",
                          "as_of": ""} for g, v in goals.items()],
                        columns=["goal", "share", "program", "source", "as_of"])


def suppress_counts(rows: Mapping[str, Mapping[str, int]], total: Mapping[str, int], *,
                    base: str = "participants", minimum: int = MIN_GROUP,
                    zero: Iterable[str] = (), splits: Iterable[tuple[str, ...]] = ()
                    ) -> pd.DataFrame:
    """Counts of people per group as texts safe to publish, with the total row last.

    Rules, in order:

    1. a row whose ``base`` (participants) is under ``minimum`` shows ``"< 5"`` everywhere;
    2. a count under ``minimum`` shows ``"< 5"`` (a zero in a column of ``zero`` shows
       ``"0"``); a count whose complement in its row (``base - count``) is under
       ``minimum`` and above zero is hidden (``"*"``), since it would give the small
       complement away;
    3. for each tuple of ``splits`` (columns that, with a rest not shown, make up the base:
       women and gender not stated), when all its counts are shown and the rest is above
       zero and under ``minimum``, its first count is hidden;
    4. complementary suppression: in each column the rows add up to the total, so if exactly
       one of them (total included) is hidden, the smallest other one is hidden too (the
       total when there is no other row).

    >>> suppress_counts({"A": {"participants": 4, "women": 2},
    ...                  "B": {"participants": 40, "women": 20}},
    ...                 {"participants": 44, "women": 22})["participants"].tolist()
    ['< 5', '*', '44']
    >>> suppress_counts({"A": {"participants": 20, "women": 12, "not_stated": 6},
    ...                  "B": {"participants": 30, "women": 12, "not_stated": 0}},
    ...                 {"participants": 50, "women": 24, "not_stated": 6},
    ...                 zero=["not_stated"], splits=[("women", "not_stated")]
    ...                 )[["women", "not_stated"]].values.tolist()
    [['*', '6'], ['*', '0'], ['24', '6']]
    """
    names = list(rows)
    columns = list(total)
    zero = set(zero)
    value = {name: dict(rows[name]) for name in names}
    value["__total__"] = dict(total)
    order = [*names, "__total__"]
    shown: dict[str, dict[str, str]] = {n: {} for n in order}
    for name in order:
        size = value[name].get(base, 0)
        for column in columns:
            count = value[name][column]
            if size < minimum:
                shown[name][column] = SMALL
            elif count == 0 and column in zero:
                shown[name][column] = "0"
            elif count < minimum:
                shown[name][column] = SMALL
            elif column != base and 0 < size - count < minimum:
                shown[name][column] = HIDDEN
            else:
                shown[name][column] = str(count)
        for split in splits:
            if all(shown[name][c].isdigit() for c in split):
                rest = size - sum(value[name][c] for c in split)
                if 0 < rest < minimum:
                    shown[name][split[0]] = HIDDEN
    for column in columns:
        while True:
            hidden = [n for n in order if shown[n][column] in (SMALL, HIDDEN)]
            if len(hidden) != 1:
                break
            others = [n for n in names if n not in hidden]
            pick = min(others, key=lambda n: (value[n][column], n)) if others else "__total__"
            shown[pick][column] = HIDDEN
    frame = pd.DataFrame([[shown[n][c] for c in columns] for n in order], columns=columns)
    frame.insert(0, "group", [*names, t("cohort.report.all_program")])
    return frame


def _pct(value: Decimal) -> str:
    return f"{value:.1f}%"


def _share_of_stated(count: str, base: str, not_stated: str
                     ) -> tuple[str, Decimal | None, Decimal | None]:
    """The share of ``count`` among those who stated, as published text, with the lowest
    and highest values the shown figures allow (in %; None when nothing is shown)."""
    if not count.isdigit() or not base.isdigit() or int(base) == 0:
        return (HIDDEN if count in (SMALL, HIDDEN) or base in (SMALL, HIDDEN) else ""), \
            None, None
    c, b = Decimal(count), Decimal(base)
    if not_stated.isdigit():
        stated = b - Decimal(not_stated)
        if stated <= 0:
            return "", None, None
        share = 100 * c / stated
        return _pct(share), share, share
    low = 100 * c / b  # every one who did not state is outside the group
    most = Decimal(MIN_GROUP - 1) if not_stated == SMALL else b - c
    high = 100 * c / (b - most) if b - most > 0 else Decimal(100)
    return "≥ " + _pct(low), low, min(high, Decimal(100))


def goals_table(program: Program, goals: Mapping[str, Decimal] | None = None, *,
                minimum: int = MIN_GROUP) -> pd.DataFrame:
    """Participants, women and people from indigenous communities per university and for the
    whole program, as publishable texts (see :func:`suppress_counts`), each with the people
    who did not state it, the share among those who did, and, for each goal in ``goals``
    (default: none), whether it is met.

    A share is exact (``"52.9%"``) when the counts shown give it; when the "not stated"
    count is hidden it is a lower bound (``"≥ 50.0%"``, the share over every participant,
    since those who did not state might all be outside the group). A goal is met ("yes")
    when even the lowest possible share reaches it, not met ("no") when even the highest
    does not, and "cannot tell" in between.

    Columns: ``group, participants`` and, for ``women`` and ``indigenous``: the count,
    ``*_not_stated``, ``*_pct`` and ``*_goal_met``.
    """
    goals = dict(goals) if goals is not None else {}
    people = program.participants
    masks = {"women": people["gender"] == "woman",
             "women_not_stated": people["gender"].isin(NOT_STATED_GROUPS),
             "indigenous": people["indigenous"] == "yes",
             "indigenous_not_stated": people["indigenous"].isin(NOT_STATED_GROUPS)}

    def counts(mask: pd.Series) -> dict[str, int]:
        return {"participants": int(mask.sum()),
                **{g: int((mask & m).sum()) for g, m in masks.items()}}

    everyone = pd.Series(True, index=people.index)
    rows = {u: counts(people["university"] == u) for u in sorted(people["university"].unique())}
    table = suppress_counts(rows, counts(everyone), minimum=minimum,
                            zero=("women_not_stated", "indigenous_not_stated"),
                            splits=(("women", "women_not_stated"),
                                    ("indigenous", "indigenous_not_stated")))
    out = table[["group", "participants"]].copy()
    for group in GOAL_GROUPS:
        shares = [_share_of_stated(c, b, n) for c, b, n in zip(
            table[group], table["participants"], table[f"{group}_not_stated"], strict=True)]
        goal = goals.get(group)
        met = []
        for _, low, high in shares:
            if goal is None or low is None:
                met.append("")
            elif low >= 100 * goal:
                met.append(t("cohort.report.yes"))
            elif high < 100 * goal:
                met.append(t("cohort.report.no"))
            else:
                met.append(t("cohort.report.cannot_tell"))
        out[group] = table[group]
        out[f"{group}_not_stated"] = table[f"{group}_not_stated"]
        out[f"{group}_pct"] = [s for s, _, _ in shares]
        out[f"{group}_goal_met"] = met
    return out


# -- charts ---------------------------------------------------------------------------------

def _completion_chart(summary: pd.DataFrame) -> tuple[Figure, pd.DataFrame] | None:
    shown = summary[(summary["students"] >= MIN_GROUP) & summary["completion_pct"].notna()]
    if shown.empty:
        return None
    shown = shown.sort_values(["completion_pct", "group"], ascending=[True, True])
    fig = Figure(figsize=(8, max(2.2, 0.45 * len(shown) + 1.2)))
    ax = fig.add_subplot()
    labels = ["\n".join(textwrap.wrap(str(g), 28)) for g in shown["group"]]
    bars = ax.barh(labels, shown["completion_pct"], color=OKABE_ITO["blue"])
    ax.bar_label(bars, labels=[f"{v:.0f}%" for v in shown["completion_pct"]], padding=3,
                 fontsize=9)
    ax.set_xlim(0, 110)
    ax.set_xlabel(t("cohort.report.chart.completion_axis"))
    ax.set_title(t("cohort.report.chart.completion_due_title"))
    ax.tick_params(axis="y", labelsize=9)
    ax.spines[["top", "right"]].set_visible(False)
    low = shown.iloc[0]
    alt = t("cohort.report.chart.completion_due_alt", groups=len(shown),
            low_group=low["group"], low=f"{low['completion_pct']:.0f}",
            high_group=shown.iloc[-1]["group"], high=f"{shown.iloc[-1]['completion_pct']:.0f}")
    data = pd.DataFrame({"group": shown["group"][::-1],
                         "completion": [f"{v:.0f}%" for v in shown["completion_pct"][::-1]]})
    return finish(fig, alt), data


def _score_chart(program: Program, kind: str) -> tuple[Figure, pd.DataFrame] | None:
    table = score_table(program, "cohort", kind)
    frame = _percentages(program, "cohort", kind)
    # A box of fewer than MIN_GROUP scores would show people's own scores: left out.
    labels = [k for k in sorted(frame["cohort"].unique())
              if (frame["cohort"] == k).sum() >= MIN_GROUP]
    if not labels or table.empty:
        return None
    data = [frame.loc[frame["cohort"] == k, "pct"].tolist() for k in labels]
    fig = Figure(figsize=(8, 3.6))
    ax = fig.add_subplot()
    box = ax.boxplot(data, patch_artist=True, medianprops={"color": OKABE_ITO["black"]})
    for patch in box["boxes"]:
        patch.set_facecolor(OKABE_ITO["sky_blue"])
    ax.set_xticks(range(1, len(labels) + 1))
    ax.set_xticklabels(["\n".join(textwrap.wrap(k, 16)) for k in labels], fontsize=8)
    ax.set_ylim(-2, 102)
    ax.set_ylabel(t("cohort.report.chart.score_axis"))
    ax.set_title(t(f"cohort.report.chart.{kind}_title"))
    ax.spines[["top", "right"]].set_visible(False)
    series = {k: pd.Series(d) for k, d in zip(labels, data, strict=True)}
    medians = {k: float(s.median()) for k, s in series.items()}
    low = min(medians, key=lambda k: (medians[k], k))
    alt = t(f"cohort.report.chart.{kind}_alt", groups=len(labels), low_group=low,
            low=f"{medians[low]:.0f}",
            overall=f"{frame[frame['cohort'].isin(labels)]['pct'].median():.0f}")
    numbers = pd.DataFrame({
        "group": labels,
        "q1_pct": [f"{s.quantile(0.25):.1f}" for s in series.values()],
        "median_pct": [f"{s.median():.1f}" for s in series.values()],
        "q3_pct": [f"{s.quantile(0.75):.1f}" for s in series.values()]})
    return finish(fig, alt), numbers


def _difficulty_chart(table: pd.DataFrame, top: int = 12) -> tuple[Figure, pd.DataFrame] | None:
    table = table[table["students"] >= MIN_GROUP]
    if table.empty:
        return None
    head = table.head(top).iloc[::-1]
    labels = ["\n".join(textwrap.wrap(f"{_assignment_label(a, short=True)} · {c}", 48))
              for a, c in zip(head["assignment"], head["title"], strict=True)]
    lines = sum(label.count("\n") + 1 for label in labels)
    fig = Figure(figsize=(9, max(2.5, 0.3 * lines + 0.25 * len(head) + 1.2)))
    ax = fig.add_subplot()
    bars = ax.barh(labels, head["lost_pct"], color=OKABE_ITO["vermillion"])
    ax.bar_label(bars, labels=[f"{v:.0f}%" for v in head["lost_pct"]], padding=3, fontsize=8)
    ax.set_xlim(0, 110)
    ax.set_xlabel(t("cohort.report.chart.difficulty_axis"))
    ax.set_title(t("cohort.report.chart.difficulty_title"))
    ax.tick_params(axis="y", labelsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    first = table.iloc[0]
    alt = t("cohort.report.chart.difficulty_title_alt", count=len(head), title=first["title"],
            assignment=_assignment_label(first["assignment"], short=True),
            pct=f"{first['lost_pct']:.0f}")
    data = pd.DataFrame({"assignment": [_assignment_label(a, short=True)
                                        for a in head["assignment"][::-1]],
                         "test": list(head["title"][::-1]),
                         "lost_pct": [f"{v:.0f}%" for v in head["lost_pct"][::-1]]})
    return finish(fig, alt), data


def _goals_chart(table: pd.DataFrame, goals: Mapping[str, Decimal]
                 ) -> tuple[Figure, pd.DataFrame] | None:
    total = table.iloc[-1]
    bars = []
    for g in GOAL_GROUPS:
        text = str(total[f"{g}_pct"])
        if g in goals and text.endswith("%"):
            bars.append((g, float(text.removeprefix("≥ ")[:-1]), text.startswith("≥")))
    if not bars:
        return None
    fig = Figure(figsize=(7, 1.2 + 0.8 * len(bars)))
    ax = fig.add_subplot()
    names = [t(f"cohort.report.group.{g}") for g, _, _ in bars]
    ax.barh(names, [v for _, v, _ in bars], color=OKABE_ITO["blue"],
            label=t("cohort.report.chart.goals_share"))
    for i, (g, v, low) in enumerate(bars):
        goal = 100 * float(goals[g])
        ax.plot([goal, goal], [i - 0.4, i + 0.4], color=OKABE_ITO["orange"], linewidth=3,
                label=t("cohort.report.chart.goals_goal") if i == 0 else None)
        ax.text(v + 1, i, ("≥ " if low else "") + f"{v:.1f}%", va="center", fontsize=9)
    ax.set_xlim(0, 100)
    ax.set_xlabel(t("cohort.report.chart.goals_axis_stated"))
    ax.set_title(t("cohort.report.chart.goals_title"))
    ax.legend(fontsize=8, loc="lower right")
    ax.spines[["top", "right"]].set_visible(False)
    parts = [t("cohort.report.chart.goals_part", group=n,
               share=("≥ " if low else "") + f"{v:.1f}", goal=f"{100 * float(goals[g]):.0f}")
             for n, (g, v, low) in zip(names, bars, strict=True)]
    data = pd.DataFrame({"goal": names,
                         "share": [("≥ " if low else "") + f"{v:.1f}%" for _, v, low in bars],
                         "target": [f"{100 * float(goals[g]):.0f}%" for g, _, _ in bars]})
    return finish(fig, t("cohort.report.chart.goals_alt", parts="; ".join(parts))), data


def _png(fig: Figure) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, metadata={"Software": None})
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def figure_html(fig: Figure | None, data: pd.DataFrame | None = None,
                caption: str | None = None) -> str:
    """A chart as a ``<figure>``: its PNG inside the page (base64) with its alternative text
    (``fig.alt_text``, else ``caption``) as ``alt`` and caption, followed by the numbers it
    draws as a table (``data``) in a ``<details>`` a screen reader reaches and a reader can
    open. Empty when ``fig`` is None."""
    if fig is None:
        return ""
    alt_text = getattr(fig, "alt_text", None) or caption or ""
    alt = html.escape(alt_text, quote=True)
    parts = [f'<figure><img src="data:image/png;base64,{_png(fig)}" alt="{alt}">',
             f"<figcaption>{html.escape(alt_text)}</figcaption>"]
    if data is not None:
        parts.append(f"<details><summary>{html.escape(t('cohort.report.chart_data'))}"
                     f"</summary>{table_html(data, caption or alt_text)}</details>")
    return "".join(parts) + "</figure>"


def _figure(made: tuple[Figure, pd.DataFrame] | None, caption: str) -> str:
    return figure_html(*made, caption) if made else ""


# -- the page -------------------------------------------------------------------------------

_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;
margin:2rem auto;max-width:62rem;padding:0 1rem;color:#111;line-height:1.45}
h1{font-size:1.7rem}h2{margin-top:2.2rem;border-bottom:2px solid #0072B2}h3{margin-top:1.6rem}
table{border-collapse:collapse;margin:0.8rem 0;font-size:0.85rem;width:100%;max-width:100%}
caption{text-align:left;font-weight:600;padding:0.2rem 0}
th,td{border:1px solid #bbb;padding:0.25rem 0.45rem;text-align:right;vertical-align:top;
overflow-wrap:break-word}
@media (max-width:40rem){th,td{overflow-wrap:anywhere;padding:0.2rem 0.25rem}
table{font-size:0.75rem}}
th{background:#e8f1f8;hyphens:auto}
table:has(th:nth-child(8)){font-size:0.74rem}
td:first-child,th:first-child{text-align:left}
td.text,th.text{text-align:left}
figure{margin:1rem 0}figure img{max-width:100%;height:auto}
figcaption,.note{font-size:0.85rem;color:#333}
details{margin:0.3rem 0 1rem}summary{cursor:pointer;color:#0b4f80}
dl.facts{display:grid;grid-template-columns:minmax(0,1fr) auto;gap:0.2rem 1rem;
max-width:40rem}
dl.facts dt{font-weight:600}dl.facts dd{margin:0}
@page{size:A4;margin:14mm 12mm}
@media print{body{max-width:none;margin:0;padding:0;font-size:10pt}
h2{break-after:avoid}figure,tr{break-inside:avoid}thead{display:table-header-group}
summary{display:none}table{font-size:8.5pt}table:has(th:nth-child(7)){font-size:7.5pt}}
"""
_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"


def _header(column: str) -> str:
    key = f"cohort.report.col.{column}"
    return t(key) if key in texts() else str(column)


def table_html(frame: pd.DataFrame, caption: str, *, text_columns: Iterable[str] = ()) -> str:
    """A DataFrame as an HTML table with a caption and column headers (named by the
    ``cohort.report.col.*`` texts where there is one); ``text_columns`` are aligned left."""
    left = {*text_columns, *(frame.columns[:1])}
    headers = [(c, _header(c)) for c in frame.columns]
    css = ' class="text"'
    head = "".join(f'<th scope="col"{css if c in left else ""}>{html.escape(h)}</th>'
                   for c, h in headers)
    body = []
    for row in frame.itertuples(index=False):
        cells = []
        for column, value in zip(frame.columns, row, strict=True):
            text = "" if value is None or (isinstance(value, float) and value != value) \
                else (f"{value:.1f}" if isinstance(value, float) else str(value))
            cells.append(f"<td{css if column in left else ''}>{html.escape(text)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (f"<table><caption>{html.escape(caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>")


_table_html = table_html  # the name this module used before


def publishable_completion(table: pd.DataFrame, *, minimum: int = MIN_GROUP) -> pd.DataFrame:
    """A :func:`completion_table` as the report shows it: one row per group, one column per
    assignment, the share who handed in as text, ``"< 5"`` for a group of fewer than
    ``minimum`` students (its share would tell what few people did) and ``"—"`` where the
    assignment is not due for the group.

    >>> table = pd.DataFrame({"group": ["A", "B", "A"], "assignment": ["ch01", "ch01", "ch02"],
    ...                       "students": [12, 3, 12], "submitted": [9, 1, 6],
    ...                       "completion_pct": [75.0, 33.3, 50.0]})
    >>> publishable_completion(table).values.tolist()
    [['A', '75%', '50%'], ['B', '< 5', '—']]
    """
    if table.empty:
        return pd.DataFrame(columns=["group"])
    shown = table.assign(text=[
        SMALL if n < minimum else f"{v:.0f}%"
        for n, v in zip(table["students"], table["completion_pct"], strict=True)])
    wide = shown.pivot(index="group", columns="assignment", values="text").fillna(NOT_DUE)
    wide.columns.name = None
    return wide.reset_index()


def publishable_scores(table: pd.DataFrame, *, minimum: int = MIN_GROUP) -> pd.DataFrame:
    """A :func:`score_table` as the report shows it: the statistics of a group with fewer than
    ``minimum`` scores become ``"< 5"``, and the count of scores is left out (with the
    completion share it would give the group's size away).

    >>> table = pd.DataFrame({"group": ["A", "B"], "assignment": ["ch01", "ch01"],
    ...     "submitted": [9, 2], "mean_pct": [80.0, 50.0], "median_pct": [82.5, 50.0]})
    >>> publishable_scores(table).values.tolist()
    [['A', 'ch01', '80.0', '82.5'], ['B', 'ch01', '< 5', '< 5']]
    """
    stats = [c for c in table.columns if c not in ("group", "assignment", "submitted")]
    out = table[["group", "assignment"]].copy()
    for column in stats:
        out[column] = [SMALL if n < minimum else f"{v:.1f}"
                       for n, v in zip(table["submitted"], table[column], strict=True)]
    return out


def _completion_by_assignment(program: Program, by: str) -> pd.DataFrame:
    """Rows: the assignments due anywhere, then every assignment due; columns: the groups."""
    wide = publishable_completion(completion_table(program, by))
    summary = completion_summary(program, by)
    if wide.empty or len(wide.columns) < 2:
        return pd.DataFrame()
    assignments = list(wide.columns[1:])
    out = pd.DataFrame({"assignment": [_assignment_label(a) for a in assignments]})
    for _, row in wide.iterrows():
        out[row["group"]] = [row[a] for a in assignments]
    total = {"assignment": t("cohort.report.all_due")}
    for group, students, pct in zip(summary["group"], summary["students"],
                                    summary["completion_pct"], strict=True):
        if group in out.columns:
            total[group] = SMALL if students < MIN_GROUP else (
                NOT_DUE if pct is None or pct != pct else f"{pct:.0f}%")
    return pd.concat([out, pd.DataFrame([total])], ignore_index=True).fillna(NOT_DUE)


def _column_chunks(frame: pd.DataFrame, width: int = 6) -> list[pd.DataFrame]:
    """A wide table as several, each with the first column and at most ``width`` others."""
    first, rest = frame.columns[:1], list(frame.columns[1:])
    if len(rest) <= width:
        return [frame]
    return [frame[[*first, *rest[i:i + width]]] for i in range(0, len(rest), width)]


def _chunked_tables(frame: pd.DataFrame, caption: str) -> str:
    chunks = _column_chunks(frame)
    if len(chunks) == 1:
        return table_html(frame, caption)
    return "".join(table_html(c, t("cohort.report.caption.part", caption=caption, k=k,
                                   n=len(chunks)))
                   for k, c in enumerate(chunks, start=1))


def _scores_shown(program: Program, by: str, kind: str) -> pd.DataFrame:
    table = score_table(program, by, kind)
    shown = publishable_scores(table)
    if kind == "final":
        status = grading_status_table(program, by)
        share = {(g, a): (SMALL if n < MIN_GROUP else f"{p:.0f}%") for g, a, n, p in zip(
            status["group"], status["assignment"], status["submitted"], status["final_pct"],
            strict=True)}
        keys = list(zip(status["group"], status["assignment"], strict=True))
        shown = shown.set_index(["group", "assignment"]).reindex(keys).fillna(SMALL) \
            .reset_index() if keys else shown
        shown.insert(2, "final_share", [share[k] for k in zip(
            shown["group"], shown["assignment"], strict=True)])
    shown["assignment"] = [_assignment_label(a, short=True) for a in shown["assignment"]]
    return shown


def _plural(key: str, count: int, **params: object) -> str:
    return t(f"{key}.{'one' if count == 1 else 'other'}", count=count, **params)


def _schedule_table(program: Program) -> pd.DataFrame:
    """Per cohort course: how its assignments due are known, how many count, and the next
    date in its schedule."""
    rows = []
    frame = program.assignments
    people = program.participants
    for info in program.cohorts:
        mine = frame[frame["course_id"] == info.course_id]
        upcoming = sorted(d for d, c in zip(mine["due"], mine["counted"], strict=True)
                          if isinstance(d, dt.date) and not c)
        labels = people[people["course_id"] == info.course_id][["university", "cohort"]] \
            .drop_duplicates().sort_values(["university", "cohort"])
        rows.append({
            "group": ", ".join(f"{u} · {c}" for u, c in labels.itertuples(index=False))
            or info.course_id,
            "basis": t("cohort.report.basis.schedule") if info.schedule
            else t("cohort.report.basis.released"),
            "counted": int(mine["counted"].astype(bool).sum()),
            "next_due": upcoming[0].isoformat() if upcoming else NOT_DUE})
    return pd.DataFrame(rows, columns=["group", "basis", "counted", "next_due"])


def _has_split_universities(program: Program) -> bool:
    people = program.participants
    return bool((people.groupby("university")["cohort"].nunique() > 1).any())


@dataclass(frozen=True, slots=True)
class Section:
    """A section another module adds to the report: a heading (``<h2>``) and its body as
    HTML (build tables with :func:`table_html` and charts with :func:`figure_html`, so they
    look and read like the rest; publish aggregates only, as :func:`suppress_counts` does).
    ``id`` is the section's HTML id (optional).
    """

    heading: str
    body_html: str
    id: str = ""

    def html(self) -> str:
        ident = f' id="{html.escape(self.id, quote=True)}"' if self.id else ""
        return (f"<section{ident}><h2>{html.escape(self.heading)}</h2>\n"
                f"{self.body_html}</section>")


#: Modules that add sections to the report (learning gains, the training cascade). Each one,
#: once it exists, has ``report_sections(program: Program) -> Iterable[Section]``, called in
#: the report's language; a module not installed yet is passed over.
SECTION_PROVIDERS: list[str] = ["mipyme.cohort.gains", "mipyme.cohort.cascade"]

#: What ``sections`` takes: a :class:`Section`, a ``(heading, body_html)`` pair (or the
#: ``(heading, body_html, table)`` triple :func:`mipyme.cohort.gains.gains_section` returns),
#: or a function of the :class:`Program` returning any of these, a list of them, or None.
SectionSource = Section | tuple | Callable[[Program], object]


def _as_sections(made: object) -> list[Section]:
    if made is None:
        return []
    if isinstance(made, Section):
        return [made]
    if isinstance(made, tuple) and len(made) in (2, 3) and all(
            isinstance(x, str) for x in made[:2]):
        return [Section(made[0], made[1])]
    out: list[Section] = []
    for item in made:  # a list of any of the above
        out += _as_sections(item)
    return out


def _provided_sections(program: Program) -> list[Section]:
    out: list[Section] = []
    for name in SECTION_PROVIDERS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as err:
            if err.name == name:
                continue
            raise
        maker = getattr(module, "report_sections", None)
        if maker is not None:
            out += _as_sections(maker(program))
    return out


def _sections(program: Program, sections: Iterable[SectionSource] | None) -> list[Section]:
    if sections is None:
        return _provided_sections(program)
    out: list[Section] = []
    for item in sections:
        out += _as_sections(item(program) if callable(item) else item)
    return out


def _p(text: str, css: str = "") -> str:
    cls = f' class="{css}"' if css else ""
    return f"<p{cls}>{html.escape(text)}</p>"


def _h(level: int, text: str) -> str:
    return f"<h{level}>{html.escape(text)}</h{level}>"


def _goals_part(program: Program, goal_frame: pd.DataFrame) -> list[str]:
    goals = dict(zip(goal_frame["goal"], goal_frame["share"], strict=True))
    table = goals_table(program, goals)
    parts = [_h(2, t("cohort.report.h.participants") if not goals
                 else t("cohort.report.h.goals")),
             _p(t("cohort.report.privacy2", small=SMALL, hidden=HIDDEN, n=MIN_GROUP), "note"),
             _p(t("cohort.report.not_stated_note"), "note")]
    for group in GOAL_GROUPS:
        columns = ["group", "participants", group, f"{group}_not_stated", f"{group}_pct"]
        if group in goals:
            columns.append(f"{group}_goal_met")
        shown = table[columns].rename(columns={f"{group}_not_stated": "not_stated",
                                               f"{group}_pct": f"{group}_pct_stated",
                                               f"{group}_goal_met": "goal_met"})
        caption = t(f"cohort.report.caption.inclusion_{group}")
        if group in goals:
            caption = t("cohort.report.caption.with_goal", caption=caption,
                        goal=f"{100 * goals[group]:.0f}")
        parts.append(table_html(shown, caption))
    if goals:
        parts.append(_figure(_goals_chart(table, goals), t("cohort.report.chart.goals_title")))
        sources = pd.DataFrame({
            "goal": [t(f"cohort.report.group.{g}") for g in goal_frame["goal"]],
            "share": [f"≥ {100 * Decimal(v):.0f}%" for v in goal_frame["share"]],
            "program": goal_frame["program"], "source": goal_frame["source"],
            "as_of": [str(v) for v in goal_frame["as_of"]]})
        parts.append(table_html(sources, t("cohort.report.caption.goal_sources"),
                                text_columns=("program", "source")))
    return parts


def _facts(program: Program) -> str:
    """The program at a glance: participants, assignments due, completion, final grades."""
    frame = _counted(program)
    people = len(program.participants)
    due, handed = len(frame), int(frame["submitted"].sum())
    final = int(frame["final"].sum())

    def share(part: int, whole: int) -> str:
        if not whole:
            return NOT_DUE
        return f"{100 * part / whole:.0f}%" if whole >= MIN_GROUP else SMALL

    rows = [(t("cohort.report.fact.participants"),
             str(people) if people >= MIN_GROUP else SMALL),
            (t("cohort.report.fact.assignments_due"),
             str(frame["assignment"].nunique())),
            (t("cohort.report.fact.completion"), share(handed, due)),
            (t("cohort.report.fact.final"), share(final, handed))]
    items = "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(v)}</dd>" for k, v in rows)
    return f'<dl class="facts">{items}</dl>'


def report_html(program: Program, *, lang: str | None = None,
                goals: Mapping[str, Decimal] | pd.DataFrame | str | Path | None = None,
                today: dt.date | None = None,
                sections: Iterable[SectionSource] | None = None,
                checks: object = None) -> str:
    """The report as one self-contained HTML page, in ``lang`` (default: the language in
    use), for the date ``program`` was read as of (``today``: the date printed instead).

    ``goals``: ``{group: share}``, a table like :func:`read_goal_table`'s, or the path of a
    goals CSV (default: the kit's ``program_goals.csv``, which holds none); with goals the
    page has a goals section naming each goal's program, source and date.

    ``sections``: more sections, each a :class:`Section` or a function ``(program) ->
    Section | [Section] | None``, placed after the kit's own and before the notes on
    method; default (None): those of :data:`SECTION_PROVIDERS`.

    ``checks``: a folder of the entrepreneurs' knowledge-check results (or what
    :func:`mipyme.cohort.checks.read_check_results` read); adds their section after the
    others (:func:`mipyme.cohort.checks.checks_section`). None: no such section.
    """
    with language(lang or get_language()) as current:
        goal_frame = _goal_frame(goals)
        day = today or program.as_of
        split = _has_split_universities(program)
        universities = program.participants["university"].nunique()
        title = t("cohort.report.title")
        parts = [
            "<!DOCTYPE html>",
            f'<html lang="{current}"><head><meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{html.escape(title)}</title>",
            f"<style>{_STYLE}</style></head><body><main>",
            _h(1, title),
            _p(t("cohort.report.intro2",
                 cohorts=_plural("cohort.report.n_cohorts", len(program.cohorts)),
                 universities=_plural("cohort.report.n_universities", universities),
                 date=day.isoformat())),
            _facts(program),
        ]
        parts += _goals_part(program, goal_frame)

        parts += [_h(2, t("cohort.report.h.completion")),
                  _p(t("cohort.report.due_note", date=day.isoformat(), not_due=NOT_DUE),
                     "note"),
                  table_html(_schedule_table(program), t("cohort.report.caption.schedule"),
                             text_columns=("basis",))]
        by_cohort = _completion_by_assignment(program, "cohort")
        if by_cohort.empty:
            parts.append(_p(t("cohort.report.nothing_due", date=day.isoformat())))
        else:
            parts.append(_figure(_completion_chart(completion_summary(program, "cohort")),
                                 t("cohort.report.chart.completion_due_title")))
            parts.append(_chunked_tables(by_cohort,
                                         t("cohort.report.caption.completion_cohort")))
            if split:
                parts.append(_chunked_tables(_completion_by_assignment(program, "university"),
                                             t("cohort.report.caption.completion_uni")))

        parts += [_h(2, t("cohort.report.h.scores")),
                  _p(t("cohort.report.final_note"), "note"),
                  _h(3, t("cohort.report.h.final")),
                  _figure(_score_chart(program, "final"),
                          t("cohort.report.chart.final_title")),
                  table_html(_scores_shown(program, "cohort", "final"),
                             t("cohort.report.caption.final_cohort"))]
        if split:
            parts.append(table_html(_scores_shown(program, "university", "final"),
                                    t("cohort.report.caption.final_uni")))
        parts += [_h(3, t("cohort.report.h.autograded")),
                  _figure(_score_chart(program, "autograded"),
                          t("cohort.report.chart.autograded_title")),
                  table_html(_scores_shown(program, "cohort", "autograded"),
                             t("cohort.report.caption.autograded_cohort"))]
        if split:
            parts.append(table_html(_scores_shown(program, "university", "autograded"),
                                    t("cohort.report.caption.autograded_uni")))

        difficulty = difficulty_table(program)
        # the checks fewer than MIN_GROUP people took show no figure: last
        order = difficulty["students"] < MIN_GROUP
        shown = pd.concat([difficulty[~order], difficulty[order]], ignore_index=True)
        small = shown["students"] < MIN_GROUP
        for column in ("students", "lost_points", "lost_pct", "mean_score"):
            shown[column] = [SMALL if s else (f"{v:.1f}" if isinstance(v, float) else str(v))
                             for s, v in zip(small, shown[column], strict=True)]
        shown["assignment"] = [_assignment_label(a, short=True) for a in shown["assignment"]]
        shown = shown.drop(columns=["cell"]).rename(columns={"title": "test"})
        parts += [_h(2, t("cohort.report.h.difficulty")),
                  _p(t("cohort.report.difficulty_intro")),
                  _figure(_difficulty_chart(difficulty),
                          t("cohort.report.chart.difficulty_title")),
                  table_html(shown, t("cohort.report.caption.difficulty"),
                             text_columns=("test",))]

        parts += [s.html() for s in _sections(program, sections)]
        if checks is not None:  # the entrepreneurs' knowledge check, before and after
            from mipyme.cohort.checks import checks_section

            parts.append(checks_section(checks).html())
        parts += [_h(2, t("cohort.report.h.method")),
                  _p(t("cohort.report.method.sources", date=day.isoformat())),
                  _p(t("cohort.report.method.due")),
                  _p(t("cohort.report.method.final")),
                  _p(t("cohort.report.method.privacy", n=MIN_GROUP, small=SMALL,
                       hidden=HIDDEN)),
                  "</main></body></html>"]
        return "\n".join(p for p in parts if p)


def _chromium(explicit: str | Path | None = None) -> str:
    candidates = [str(explicit)] if explicit else [
        os.environ.get("MIPYME_CHROMIUM", ""), "chromium", "chromium-browser",
        "google-chrome", "google-chrome-stable"]
    for name in candidates:
        if name and (shutil.which(name) or Path(name).is_file()):
            return shutil.which(name) or name
    raise InputError("cohort.report.no_chromium")


def write_pdf(page: str | Path, out: str | Path | None = None, *,
              chromium: str | Path | None = None, timeout: float = 300) -> Path:
    """Print the HTML file ``page`` to a PDF (default: beside it, ``.pdf``) with headless
    Chromium (``chromium``, else ``$MIPYME_CHROMIUM``, else ``chromium`` on ``PATH``; the
    kit's ``make system-deps`` installs Debian's). The page loads nothing (its
    Content-Security-Policy), so Chromium runs without its sandbox, as in containers."""
    source = Path(page).resolve()
    target = Path(out) if out else source.with_suffix(".pdf")
    target.parent.mkdir(parents=True, exist_ok=True)
    binary = _chromium(chromium)
    with tempfile.TemporaryDirectory(prefix="mipyme-pdf-") as profile:
        partial = Path(profile) / "report.pdf"
        cmd = [binary, "--headless", "--no-sandbox", "--disable-gpu",
               "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--disable-extensions",
               f"--user-data-dir={profile}/profile", "--no-pdf-header-footer",
               f"--print-to-pdf={partial}", source.as_uri()]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                                  check=False)
        except subprocess.TimeoutExpired:
            raise InputError("cohort.report.pdf_failed", path=str(source),
                             output=f"timeout {timeout:.0f} s") from None
        ok = partial.is_file() and partial.read_bytes()[:5] == b"%PDF-"
        if proc.returncode != 0 or not ok:
            raise InputError("cohort.report.pdf_failed", path=str(source),
                             output=(proc.stdout + proc.stderr)[-1500:])
        shutil.move(str(partial), target)
    return target


def build_report(program_dir: str | Path, out: str | Path | None = None, *,
                 lang: str | None = None, goals: str | Path | Mapping | None = None,
                 today: dt.date | None = None, as_of: dt.date | None = None,
                 pdf: bool = False, sections: Iterable[SectionSource] | None = None,
                 checks: object = None) -> Path:
    """Write the program report (default: ``PROGRAM_DIR/report.html``); returns its path.

    ``as_of``: the date the assignments due are counted at (default ``today``, else the
    date of the day). ``goals``: a mapping ``{group: share}`` or a goals CSV (see
    :func:`read_goal_table`). ``pdf``: also write the page as a PDF beside it (same name,
    ``.pdf``; see :func:`write_pdf`). ``sections`` and ``checks`` (the entrepreneurs'
    knowledge-check results: a folder, or what
    :func:`mipyme.cohort.checks.read_check_results` read): see :func:`report_html`.

    >>> build_report("/nonexistent", lang="en")
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: '/nonexistent' has no cohort courses (folders with cohort.toml)
    """
    day = as_of or today or dt.date.today()
    with language(lang or get_language()):
        program = load_program(program_dir, as_of=day)
        page = report_html(program, goals=goals, sections=sections, checks=checks)
    target = Path(out) if out else Path(program_dir) / "report.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page, encoding="utf-8")
    if pdf:
        write_pdf(target)
    return target
