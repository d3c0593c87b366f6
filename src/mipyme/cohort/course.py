"""One cohort's nbgrader course directory, made from a roster (``mipyme cohort init``).

Why one module of about 500 lines: making a course, adding students to it and reading it back
share one set of folder and configuration rules, and a change to one must change the others.

The directory is a standard nbgrader course: ``nbgrader_config.py`` (the kit's settings with
this cohort's ``course_id``), ``source/<assignment>/`` copied from the kit, the gradebook
(``gradebook.db`` or any database URL nbgrader accepts) with every student and assignment,
a normalized UTF-8 copy of the roster (``roster.csv``) and ``cohort.toml``.

A cohort may have a schedule: when each assignment is due. ``mipyme cohort init`` writes it
to ``cohort.toml`` from ``--schedule FILE.csv`` (columns ``assignment`` and ``due``, a date
``YYYY-MM-DD``) and/or ``--due NAME=YYYY-MM-DD`` (repeatable; ``NAME`` is the assignment or
its chapter id, ``ch01``). Running init again with a schedule replaces the recorded one
(deadlines move); nothing else changes. The program report (``mipyme report``) counts an
assignment as due for a cohort on the date the schedule says::

    [schedule]
    ch01_fundamentos = 2026-09-15

Everything is checked before anything is written; the new course is built in a scratch
folder next to the target and moved into place at the end. Running it again on an existing
course only ever adds new students: it refuses, and says why, anything that would change or
drop what is there.

>>> import tempfile, pathlib
>>> from mipyme.cohort.course import init_course
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "roster.csv").write_text(
...     "student_id,first_name,last_name,email,university,cohort\\n"
...     "a1,Ana,Núñez,ana@buap.mx,BUAP,2026A\\n", encoding="utf-8")
>>> result = init_course(folder / "buap", folder / "roster.csv", "buap-2026a",
...                      assignments=["ch01_fundamentos"])
>>> result.added, result.created
(('a1',), True)
>>> read_cohort(folder / "buap").universities
('BUAP',)
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import sys
import tempfile
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from mipyme.cohort.roster import Roster, RosterError, read_roster, write_roster
from mipyme.curriculum import find_root, load_curriculum
from mipyme.errors import Finding, InputError
from mipyme.i18n import t

__all__ = [
    "CohortInfo",
    "InitResult",
    "default_assignments",
    "gradebook_url",
    "init_course",
    "open_gradebook",
    "parse_schedule",
    "read_cohort",
    "read_schedule",
]

_COURSE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")


@dataclass(frozen=True, slots=True)
class CohortInfo:
    """What ``cohort.toml`` says about a cohort's course."""

    course_id: str
    universities: tuple[str, ...]
    cohorts: tuple[str, ...]
    created: dt.date
    assignments: tuple[str, ...] = ()
    db_url: str = ""  #: empty: ``gradebook.db`` in the course directory
    #: ``(assignment, due date)`` pairs; empty: the cohort has no schedule
    schedule: tuple[tuple[str, dt.date], ...] = ()

    def due_by(self, day: dt.date) -> tuple[str, ...] | None:
        """The assignments due on or before ``day`` by the schedule, in course order;
        ``None`` when the cohort has no schedule.

        >>> info = CohortInfo("c", ("U",), ("A",), dt.date(2026, 8, 1), ("ch01", "ch02"),
        ...                   schedule=(("ch01", dt.date(2026, 9, 15)),
        ...                             ("ch02", dt.date(2026, 10, 6))))
        >>> info.due_by(dt.date(2026, 10, 1)), info.due_by(dt.date(2026, 9, 1))
        (('ch01',), ())
        """
        if not self.schedule:
            return None
        due = dict(self.schedule)
        order = [*self.assignments, *(a for a in due if a not in self.assignments)]
        return tuple(a for a in order if a in due and due[a] <= day)


@dataclass(frozen=True, slots=True)
class InitResult:
    """What :func:`init_course` did."""

    directory: Path
    course_id: str
    created: bool  #: True for a new course, False when students were added to one
    added: tuple[str, ...]  #: students added to the gradebook
    kept: tuple[str, ...] = ()  #: students already there, left as they were
    assignments: tuple[str, ...] = ()
    warnings: tuple[Finding, ...] = field(default=())
    #: the schedule written to ``cohort.toml`` by this run (empty: none given)
    schedule: tuple[tuple[str, dt.date], ...] = ()

    def summary(self) -> str:
        """One line per thing done, in the language in use."""
        key = "cohort.init.created" if self.created else "cohort.init.updated"
        lines = [t(key, path=self.directory, course_id=self.course_id,
                   students=len(self.added), kept=len(self.kept),
                   assignments=len(self.assignments))]
        if self.schedule:
            last = max(d for _, d in self.schedule)
            key = "cohort.schedule.written_one" if len(self.schedule) == 1 \
                else "cohort.schedule.written_other"
            lines.append(t(key, count=len(self.schedule), last=last.isoformat()))
        lines += [str(w) for w in self.warnings]
        return "\n".join(lines)


def default_assignments(root: str | Path | None = None) -> tuple[str, ...]:
    """The kit's assignments in curriculum order (those present in ``exercises/source``).

    >>> default_assignments()[0]
    'ch01_fundamentos'
    """
    kit = Path(root) if root else find_root()
    source = kit / "exercises" / "source"
    return tuple(c.assignment for c in load_curriculum(kit / "curriculum.toml").chapters
                 if (source / c.assignment).is_dir())


def gradebook_url(directory: str | Path, db_url: str | None = None) -> str:
    """The gradebook's database URL: ``db_url`` if given, else what ``cohort.toml`` says,
    else ``sqlite:///DIR/gradebook.db``.

    >>> gradebook_url("/tmp/c", "postgresql://db/grades")
    'postgresql://db/grades'
    >>> gradebook_url("/nonexistent/c")
    'sqlite:////nonexistent/c/gradebook.db'
    """
    if db_url:
        return db_url
    folder = Path(directory).resolve()
    if (folder / "cohort.toml").is_file():
        recorded = read_cohort(folder).db_url
        if recorded:
            return recorded
    return f"sqlite:///{folder / 'gradebook.db'}"


def read_cohort(directory: str | Path) -> CohortInfo:
    """Read a course directory's ``cohort.toml``.

    >>> read_cohort("/nonexistent")
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: '/nonexistent' no es el curso de una cohorte: falta cohort.toml
    """
    file = Path(directory) / "cohort.toml"
    if not file.is_file():
        raise InputError("cohort.course.not_a_cohort", path=str(directory))
    data = tomllib.loads(file.read_text(encoding="utf-8"))
    created = data.get("created", dt.date.today())
    if isinstance(created, str):
        created = dt.date.fromisoformat(created)
    schedule = tuple((str(name), _due_date(due, f"{file}: schedule.{name}"))
                     for name, due in data.get("schedule", {}).items())
    return CohortInfo(str(data["course_id"]), tuple(data.get("universities", ())),
                      tuple(data.get("cohorts", ())), created,
                      tuple(data.get("assignments", ())), str(data.get("db_url", "")),
                      schedule)


def _due_date(value: object, arg: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError("errors.bad_date", arg=arg, value=value) from None


def parse_schedule(items: Mapping[str, object] | Iterable[str],
                   assignments: Iterable[str]) -> tuple[tuple[str, dt.date], ...]:
    """A schedule ``((assignment, due date), ...)`` in course order, from a mapping
    ``{name: date}`` or from ``"NAME=YYYY-MM-DD"`` texts (``mipyme cohort init --due``).

    ``NAME`` is one of ``assignments`` or its chapter id (the part before the first ``_``).

    >>> parse_schedule(["ch01=2026-09-15", "ch02_catalogo_canales=2026-10-06"],
    ...                ["ch01_fundamentos", "ch02_catalogo_canales"])
    (('ch01_fundamentos', datetime.date(2026, 9, 15)), ('ch02_catalogo_canales', datetime.date(2026, 10, 6)))
    >>> parse_schedule(["ch09=2026-09-15"], ["ch01_fundamentos"])
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'schedule' nombra una tarea que este curso no tiene: 'ch09' (el curso tiene ['ch01_fundamentos'])
    """
    known = tuple(assignments)
    if isinstance(items, Mapping):
        pairs = [(str(k), v) for k, v in items.items()]
    else:
        pairs = []
        for item in items:
            name, sep, day = str(item).partition("=")
            if not sep or not name.strip():
                raise InputError("cohort.schedule.bad_item", value=item)
            pairs.append((name.strip(), day.strip()))
    found: dict[str, dt.date] = {}
    for name, day in pairs:
        matches = [a for a in known if a == name] or [a for a in known
                                                     if a.split("_", 1)[0] == name]
        if len(matches) != 1:
            raise InputError("cohort.schedule.unknown_assignment", value=name,
                             choices=list(known))
        found[matches[0]] = _due_date(day, f"schedule: {name}")
    return tuple((a, found[a]) for a in known if a in found)


def read_schedule(path: str | Path, assignments: Iterable[str]
                  ) -> tuple[tuple[str, dt.date], ...]:
    """A schedule from a CSV with the columns ``assignment`` and ``due`` (``YYYY-MM-DD``);
    lines starting with ``#`` are comments (see :func:`parse_schedule`)."""
    import csv

    file = Path(path)
    if not file.is_file():
        raise InputError("cohort.schedule.no_file", path=str(file))
    text = file.read_text(encoding="utf-8-sig")
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    reader = csv.DictReader(lines)
    header = [h.strip().lower() for h in reader.fieldnames or ()]
    if "assignment" not in header or "due" not in header:
        raise InputError("errors.data_missing_column", file=file.name,
                         column="assignment, due")
    items: dict[str, object] = {}
    for row in reader:
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        if row.get("assignment"):
            items[row["assignment"]] = row.get("due", "")
    return parse_schedule(items, assignments)


def _toml_text(info: CohortInfo) -> str:
    def quote(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    def array(items: Iterable[str]) -> str:
        return "[" + ", ".join(quote(i) for i in items) + "]"

    lines = ["# A cohort's course, written by `mipyme cohort init`.",
             f"course_id = {quote(info.course_id)}",
             f"universities = {array(info.universities)}",
             f"cohorts = {array(info.cohorts)}",
             f"created = {info.created.isoformat()}",
             f"assignments = {array(info.assignments)}"]
    if info.db_url:
        lines.append(f"db_url = {quote(info.db_url)}")
    if info.schedule:
        lines += ["", "# When each assignment is due (mipyme cohort init --schedule/--due);",
                  "# mipyme report counts an assignment once its date has come.",
                  "[schedule]"]
        lines += [f"{quote(name)} = {due.isoformat()}" for name, due in info.schedule]
    return "\n".join(lines) + "\n"


def _config_text(kit_config: Path, course_id: str, db_url: str) -> str:
    text = kit_config.read_text(encoding="utf-8")
    line = f"c.CourseDirectory.course_id = {course_id!r}"
    text, count = re.subn(r"^c\.CourseDirectory\.course_id\s*=.*$", line, text, flags=re.M)
    if not count:
        text += "\n" + line + "\n"
    if db_url:
        text += f"\n# The cohort's gradebook (mipyme cohort init --db).\n" \
                f"c.CourseDirectory.db_url = {db_url!r}\n"
    return text


def _check_db_url(url: str) -> list[Finding]:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        make_url(url)
    except ArgumentError:
        return [Finding("error", "bad_db_url", t("cohort.course.bad_db_url", value=url))]
    return []


@contextlib.contextmanager
def open_gradebook(url: str, course_id: str | None = None) -> Iterator[object]:
    """nbgrader's :class:`~nbgrader.api.Gradebook` at ``url``, closed at the end.

    nbgrader runs the ``alembic`` command when it opens a gradebook; the folder of this
    Python's scripts is put on ``PATH`` for that, if ``alembic`` is not found there.
    """
    from nbgrader.api import Gradebook

    before = os.environ.get("PATH", "")
    if shutil.which("alembic") is None:
        os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + before
    try:
        kwargs = {"course_id": course_id} if course_id else {}
        with Gradebook(url, **kwargs) as gb:
            yield gb
    finally:
        os.environ["PATH"] = before


def _fill_gradebook(url: str, course_id: str, roster: Roster, students: Iterable[str],
                    assignments: Iterable[str]) -> None:
    wanted = set(students)
    with open_gradebook(url, course_id) as gb:
        for name in assignments:
            gb.update_or_create_assignment(name)
        for student in roster.students:
            if student.student_id in wanted:
                gb.update_or_create_student(student.student_id,
                                            first_name=student.first_name,
                                            last_name=student.last_name,
                                            email=student.email)


def _read_existing_roster(folder: Path) -> Roster | None:
    file = folder / "roster.csv"
    return read_roster(file) if file.is_file() else None


def _resolve_schedule(schedule: str | Path | Mapping[str, object] | None, due: Iterable[str],
                      assignments: Iterable[str]) -> tuple[tuple[str, dt.date], ...]:
    known = tuple(assignments)
    found = dict(read_schedule(schedule, known) if isinstance(schedule, (str, Path))
                 else parse_schedule(schedule or {}, known))
    found.update(parse_schedule(list(due), known))
    return tuple((a, found[a]) for a in known if a in found)


def init_course(directory: str | Path, roster: str | Path | Roster, course_id: str, *,
                assignments: Iterable[str] | None = None, db_url: str | None = None,
                kit: str | Path | None = None, today: dt.date | None = None,
                schedule: str | Path | Mapping[str, object] | None = None,
                due: Iterable[str] = ()) -> InitResult:
    """Create (or add new students to) one cohort's nbgrader course directory.

    Parameters
    ----------
    directory : path
        The course directory; must be new, empty, or a course this function made.
    roster : path or Roster
        The cohort's roster (see :func:`mipyme.cohort.roster.read_roster`).
    course_id : str
        nbgrader's ``course_id`` (letters, digits, ``.``, ``_``, ``-``).
    assignments : list of str, optional
        Assignments to copy from the kit (default: all of ``curriculum.toml``).
    db_url : str, optional
        Gradebook database URL (default: ``sqlite:///DIR/gradebook.db``).
    kit : path, optional
        The kit's top folder (default: :func:`mipyme.curriculum.find_root`).
    today : date, optional
        The creation date written to ``cohort.toml``.
    schedule : path or mapping, optional
        When each assignment is due: a CSV with the columns ``assignment`` and ``due``
        (``YYYY-MM-DD``), or ``{assignment: date}``; written to ``cohort.toml``. On an
        existing course it replaces the recorded schedule.
    due : list of str, optional
        More due dates as ``"NAME=YYYY-MM-DD"`` (``NAME``: the assignment or its chapter id,
        ``ch01``); they win over the same assignment in ``schedule``.

    Returns
    -------
    InitResult

    Raises
    ------
    RosterError
        The roster has problems (all of them listed).
    InputError
        A bad course id, assignment or database URL, or a re-run that would change an
        existing course (other than adding students).
    """
    target = Path(directory)
    kit_root = Path(kit) if kit else find_root()
    exercises = kit_root / "exercises"
    findings: list[Finding] = []
    roster_obj: Roster | None = None
    try:
        roster_obj = roster if isinstance(roster, Roster) else read_roster(roster)
    except RosterError as err:
        findings += err.findings
    if not _COURSE_ID.match(course_id or ""):
        findings.append(Finding("error", "bad_course_id",
                                t("cohort.course.bad_course_id", value=course_id)))
    known = default_assignments(kit_root)
    chosen = tuple(assignments) if assignments is not None else known
    unknown = [a for a in chosen if not (exercises / "source" / a).is_dir()]
    if unknown:
        findings.append(Finding("error", "unknown_assignment",
                                t("cohort.course.unknown_assignment", value=unknown,
                                  choices=list(known))))
    if not chosen:
        findings.append(Finding("error", "no_assignments", t("cohort.course.no_assignments")))
    if db_url:
        findings += _check_db_url(db_url)
    due = tuple(due)
    plan: tuple[tuple[str, dt.date], ...] = ()
    if schedule is not None or due:
        existing = target / "cohort.toml"
        try:
            plan = _resolve_schedule(schedule, due, read_cohort(target).assignments
                                     if existing.is_file() else chosen)
        except InputError as err:
            findings.append(Finding("error", "bad_schedule", str(err)))
    if roster_obj is None or any(f.level == "error" for f in findings):
        source = "" if isinstance(roster, Roster) else str(roster)
        raise RosterError(findings, source, key="cohort.init.invalid")

    if (target / "cohort.toml").is_file():
        return _add_students(target, roster_obj, course_id, chosen if assignments is not None
                             else None, db_url, plan if schedule is not None or due else None)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InputError("cohort.course.not_empty", path=str(target))

    info = CohortInfo(course_id, roster_obj.universities(), roster_obj.cohorts(),
                      today or dt.date.today(), chosen, db_url or "", plan)
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        (scratch / "nbgrader_config.py").write_text(
            _config_text(exercises / "nbgrader_config.py", course_id, db_url or ""),
            encoding="utf-8")
        for name in chosen:
            shutil.copytree(exercises / "source" / name, scratch / "source" / name,
                            ignore=shutil.ignore_patterns(".ipynb_checkpoints",
                                                          "__pycache__"))
        write_roster(roster_obj, scratch / "roster.csv")
        (scratch / "cohort.toml").write_text(_toml_text(info), encoding="utf-8")
        url = db_url or f"sqlite:///{scratch / 'gradebook.db'}"
        _fill_gradebook(url, course_id, roster_obj, roster_obj.ids, chosen)
        if target.exists():
            target.rmdir()  # empty, checked above
        scratch.rename(target)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    return InitResult(target, course_id, True, roster_obj.ids, (), chosen,
                      roster_obj.warnings, plan)


def _add_students(target: Path, roster: Roster, course_id: str,
                  assignments: tuple[str, ...] | None, db_url: str | None,
                  schedule: tuple[tuple[str, dt.date], ...] | None = None) -> InitResult:
    info = read_cohort(target)
    problems: list[Finding] = []
    if info.course_id != course_id:
        problems.append(Finding("error", "other_course",
                                t("cohort.course.other_course", path=str(target),
                                  existing=info.course_id, value=course_id)))
    if assignments is not None and tuple(assignments) != info.assignments:
        problems.append(Finding("error", "other_assignments",
                                t("cohort.course.other_assignments",
                                  existing=list(info.assignments), value=list(assignments))))
    if db_url and db_url != info.db_url and not (
            not info.db_url and db_url == gradebook_url(target)):
        problems.append(Finding("error", "other_db",
                                t("cohort.course.other_db", existing=gradebook_url(target),
                                  value=db_url)))
    old = _read_existing_roster(target)
    old_students = {s.student_id: s for s in old.students} if old else {}
    new_students = {s.student_id: s for s in roster.students}
    dropped = [sid for sid in old_students if sid not in new_students]
    changed = [sid for sid, s in old_students.items()
               if sid in new_students and new_students[sid] != s]
    if dropped:
        problems.append(Finding("error", "dropped_students",
                                t("cohort.course.dropped_students", value=dropped)))
    if changed:
        problems.append(Finding("error", "changed_students",
                                t("cohort.course.changed_students", value=changed)))
    if problems:
        raise InputError("cohort.course.refuse_reinit", path=str(target),
                         problems="".join(f"\n  - {p}" for p in problems))
    added = tuple(sid for sid in roster.ids if sid not in old_students)
    kept = tuple(sid for sid in roster.ids if sid in old_students)
    if schedule is not None and schedule != info.schedule:
        info = CohortInfo(info.course_id, info.universities, info.cohorts, info.created,
                          info.assignments, info.db_url, schedule)
        tmp = target / ".cohort.toml.new"
        tmp.write_text(_toml_text(info), encoding="utf-8")
        tmp.replace(target / "cohort.toml")
    if added:
        merged = Roster(tuple(old.students if old else ()) +
                        tuple(new_students[sid] for sid in added),
                        "utf-8", ",", roster.warnings)
        _fill_gradebook(gradebook_url(target), course_id, merged, added, ())
        tmp = target / ".roster.csv.new"
        write_roster(merged, tmp)
        tmp.replace(target / "roster.csv")
        updated = CohortInfo(info.course_id, merged.universities(), merged.cohorts(),
                             info.created, info.assignments, info.db_url, info.schedule)
        tmp = target / ".cohort.toml.new"
        tmp.write_text(_toml_text(updated), encoding="utf-8")
        tmp.replace(target / "cohort.toml")
    return InitResult(target, course_id, False, added, kept, info.assignments,
                      roster.warnings, schedule or ())
