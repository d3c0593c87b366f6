"""One cohort's nbgrader course directory, made from a roster (``mipyme cohort init``).

The directory is a standard nbgrader course: ``nbgrader_config.py`` (the kit's settings with
this cohort's ``course_id``), ``source/<assignment>/`` copied from the kit, the gradebook
(``gradebook.db`` or any database URL nbgrader accepts) with every student and assignment,
a normalized UTF-8 copy of the roster (``roster.csv``) and ``cohort.toml``.

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
from collections.abc import Iterable, Iterator
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
    "read_cohort",
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

    def summary(self) -> str:
        """One line per thing done, in the language in use."""
        key = "cohort.init.created" if self.created else "cohort.init.updated"
        lines = [t(key, path=self.directory, course_id=self.course_id,
                   students=len(self.added), kept=len(self.kept),
                   assignments=len(self.assignments))]
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
    return CohortInfo(str(data["course_id"]), tuple(data.get("universities", ())),
                      tuple(data.get("cohorts", ())), created,
                      tuple(data.get("assignments", ())), str(data.get("db_url", "")))


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


def init_course(directory: str | Path, roster: str | Path | Roster, course_id: str, *,
                assignments: Iterable[str] | None = None, db_url: str | None = None,
                kit: str | Path | None = None, today: dt.date | None = None) -> InitResult:
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
    if roster_obj is None or any(f.level == "error" for f in findings):
        source = "" if isinstance(roster, Roster) else str(roster)
        raise RosterError(findings, source, key="cohort.init.invalid")

    if (target / "cohort.toml").is_file():
        return _add_students(target, roster_obj, course_id, chosen if assignments is not None
                             else None, db_url)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InputError("cohort.course.not_empty", path=str(target))

    info = CohortInfo(course_id, roster_obj.universities(), roster_obj.cohorts(),
                      today or dt.date.today(), chosen, db_url or "")
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
                      roster_obj.warnings)


def _add_students(target: Path, roster: Roster, course_id: str,
                  assignments: tuple[str, ...] | None, db_url: str | None) -> InitResult:
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
    if added:
        merged = Roster(tuple(old.students if old else ()) +
                        tuple(new_students[sid] for sid in added),
                        "utf-8", ",", roster.warnings)
        _fill_gradebook(gradebook_url(target), course_id, merged, added, ())
        tmp = target / ".roster.csv.new"
        write_roster(merged, tmp)
        tmp.replace(target / "roster.csv")
        updated = CohortInfo(info.course_id, merged.universities(), merged.cohorts(),
                             info.created, info.assignments, info.db_url)
        tmp = target / ".cohort.toml.new"
        tmp.write_text(_toml_text(updated), encoding="utf-8")
        tmp.replace(target / "cohort.toml")
    return InitResult(target, course_id, False, added, kept, info.assignments,
                      roster.warnings)
