"""Grading every submission of a standard nbgrader course: in parallel, sandboxed, resumable.

:func:`autograde` is ``nbgrader autograde ASSIGNMENT`` for a whole cohort, with four changes:

- each submission's kernel runs in the sandbox of :mod:`mipyme.cohort.sandbox` (no network,
  no view of ``source/``, of other students, of hidden tests on disk or of the gradebook),
  through an executor of :mod:`mipyme.cohort.executors` (threads here, or a Dask cluster);
- ``workers`` submissions run at once; the rest of nbgrader's work (sanitizing, restoring
  locked cells, writing the gradebook) is nbgrader's own code, one submission at a time, so
  the gradebook and ``autograded/`` are what nbgrader itself writes and ``nbgrader export``,
  the formgrader and manual grading keep working on the same course;
- a broken or hostile submission never stops the batch: it gets a score (zero where there
  is nothing to grade) and a reason (:attr:`StudentResult.reasons`);
- it is resumable: a journal (``.mipyme/autograde/ASSIGNMENT.jsonl`` in the course) records
  each submission once its grades are committed, with a fingerprint of the files handed in;
  a rerun skips what is recorded and unchanged (unless ``force``), and regrades anything a
  killed run left halfway. nbgrader updates grades in place, so nothing is duplicated.

>>> autograde("ch01", "/nonexistent")
Traceback (most recent call last):
...
mipyme.errors.InputError: 'course' debe ser una carpeta de curso de nbgrader con submitted/ (se recibió '/nonexistent')
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import sys
import threading
import time
import warnings
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat

from mipyme.cohort.executors import JUDGE_FAILED, STOPPED, Job, make_executor
from mipyme.cohort.intake import (
    Caps,
    Scan,
    check_cells,
    check_gradebook,
    discard,
    read_folder,
    run_lock,
    scan,
)
from mipyme.cohort.sandbox import Limits, Sandbox, find_sandbox
from mipyme.errors import InputError
from mipyme.i18n import LANGUAGES, t

__all__ = ["AutogradeReport", "StudentResult", "autograde", "course_config", "release_cells"]

#: Where the journal of graded submissions lives, inside the course directory.
JOURNAL_DIR = Path(".mipyme") / "autograde"
_TIMEOUT = "CellTimeoutError"
_SILENCED = "showtraceback was disabled"


@dataclass(frozen=True, slots=True)
class StudentResult:
    """How one student's submission went.

    ``status`` is ``"graded"`` (nothing unusual), ``"flagged"`` (graded, with reasons),
    ``"zero"`` (nothing could be graded: the score is 0, see the reasons), ``"skipped"``
    (graded by an earlier run and unchanged since) or ``"error"`` (the grader itself failed,
    for example the gradebook was unreachable; nothing was recorded and a rerun grades it).
    ``reasons`` are ``(i18n key, params)`` pairs; :meth:`reason` says them in words.
    """

    student: str
    status: str
    score: float | None = None
    max_score: float | None = None
    reasons: tuple[tuple[str, dict[str, Any]], ...] = ()
    seconds: float = 0.0

    def reason(self, lang: str | None = None) -> str:
        """The reasons in one language, joined with "; " (empty when there are none)."""
        return "; ".join(t(key, lang=lang, **params) for key, params in self.reasons)


@dataclass(frozen=True, slots=True)
class AutogradeReport:
    """What :func:`autograde` did: one :class:`StudentResult` per student, in id order."""

    assignment: str
    course: Path
    results: tuple[StudentResult, ...]
    seconds: float
    executor: str
    sandbox: str
    #: Why the boxes had per-process limits only (no control groups here); ``""``: they had.
    quotas_reason: str = ""

    def by_student(self) -> dict[str, StudentResult]:
        return {r.student: r for r in self.results}

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for r in self.results:
            out[r.status] = out.get(r.status, 0) + 1
        return out

    def table(self, lang: str | None = None):
        """A :class:`pandas.DataFrame`: student, status, score, max_score, reason, seconds."""
        import pandas as pd

        return pd.DataFrame([{"student": r.student, "status": r.status, "score": r.score,
                              "max_score": r.max_score, "reason": r.reason(lang),
                              "seconds": round(r.seconds, 2)} for r in self.results],
                            columns=["student", "status", "score", "max_score", "reason",
                                     "seconds"])

    def summary(self, lang: str | None = None) -> str:
        counts = self.counts()
        lines = [t("cohort.autograde.summary", lang=lang, assignment=self.assignment,
                   total=len(self.results), graded=counts.get("graded", 0),
                   flagged=counts.get("flagged", 0), zero=counts.get("zero", 0),
                   skipped=counts.get("skipped", 0), error=counts.get("error", 0),
                   seconds=f"{self.seconds:.1f}")]
        for r in self.results:
            if r.reasons and r.status != "skipped":
                lines.append(f"  {r.student}: {r.reason(lang)}")
        if self.quotas_reason:
            lines.append(t("cohort.sandbox.no_quotas", lang=lang, reason=self.quotas_reason))
        return "\n".join(lines)

    @property
    def ok(self) -> bool:
        """True when the grader itself failed for no one (bad submissions are fine)."""
        return not any(r.status == "error" for r in self.results)


# -- configuration -------------------------------------------------------------------------

def course_config(course: str | Path, db_url: str | None = None):
    """The traitlets config nbgrader would use in ``course``: its ``nbgrader_config.py``,
    with the root made absolute and the gradebook at ``db_url`` (``--db``) if given, else
    where the config or ``cohort.toml`` say, else ``gradebook.db`` in the course."""
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    from mipyme.cohort.course import gradebook_url

    root = Path(course).resolve()
    cfg = Config()
    if (root / "nbgrader_config.py").is_file():
        cfg.merge(PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config())
    cfg.CourseDirectory.root = str(root)
    if db_url:
        cfg.CourseDirectory.db_url = db_url
    elif "db_url" not in cfg.CourseDirectory:
        cfg.CourseDirectory.db_url = gradebook_url(root)
    return cfg


def _execute_settings(cfg) -> dict[str, Any]:
    settings: dict[str, Any] = {}
    for section in ("ExecutePreprocessor", "Execute"):
        if section in cfg:
            settings.update({k: v for k, v in cfg[section].items()
                             if isinstance(v, (str, int, float, bool, list, dict, type(None)))})
    return settings


# -- the journal ---------------------------------------------------------------------------

def _fingerprint(folder: Path, caps: Caps | None = None) -> str:
    """What was handed in: every file's path, size and modification time, as ``lstat``
    says (no link is followed), and every entry refused (see
    :meth:`mipyme.cohort.intake.Scan.fingerprint`)."""
    return _scan(folder, caps or Caps()).fingerprint()


def _scan(folder: Path, caps: Caps) -> Scan:
    """``submitted/STUDENT/ASSIGNMENT`` looked at with ``lstat`` (the student's folder too)."""
    return scan(folder, caps, label=f"{folder.parent.name}/{folder.name}", parents=1)


class _Journal:
    def __init__(self, course: Path, assignment: str) -> None:
        self.path = course / JOURNAL_DIR / f"{assignment}.jsonl"
        self.records: dict[str, dict] = {}
        if self.path.is_file():
            for line in self.path.read_text(encoding="utf-8").splitlines():
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:  # a line a killed run did not finish
                    continue
                if isinstance(record, dict) and "student" in record:
                    self.records[record["student"]] = record

    def done(self, student: str, fingerprint: str, dest: Path) -> dict | None:
        record = self.records.get(student)
        if not record or record.get("fingerprint") != fingerprint:
            return None
        if record.get("status") != "zero" and not dest.is_dir():
            return None  # autograded files were removed: grade again
        return record

    def write(self, record: dict) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a", encoding="utf-8") as out:
            out.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
            out.flush()
            os.fsync(out.fileno())
        self.records[record["student"]] = record


# -- nbgrader, with the execution step boxed -----------------------------------------------

class _Run:
    """What every submission of one batch shares."""

    def __init__(self, *, assignment: str, cfg, executor, limits: Limits, sandbox: Sandbox,
                 lang: str, kernels: int) -> None:
        self.assignment, self.cfg, self.executor = assignment, cfg, executor
        self.limits, self.sandbox, self.lang = limits, sandbox, lang
        self.execute = _execute_settings(cfg)
        self.lock = threading.Lock()  # nbgrader's own steps and the gradebook: one at a time
        self.kernels = threading.Semaphore(kernels)  # at most ``workers`` kernels at once
        self.root = Path(cfg.CourseDirectory.root)
        self.db_url = str(cfg.CourseDirectory.db_url)
        self.course_id = str(cfg.CourseDirectory.get("course_id", ""))
        # What every submission is checked against, read once per batch (under ``lock``).
        self._tests: dict[str, list[str]] = {}
        self._trusted: dict[str, dict[str, tuple[str, bool]]] = {}
        self._release: dict[str, dict[str, str] | None] = {}
        self.expected: list[str] = []

    def test_cells(self, notebook: str) -> list[str]:
        """The autograded code cells of ``notebook``, from the gradebook."""
        if notebook not in self._tests:
            with _open(self) as gb:
                found = gb.find_notebook(notebook, self.assignment)
                self._tests[notebook] = sorted(c.name for c in found.grade_cells
                                               if c.cell_type == "code")
        return self._tests[notebook]

    def trusted(self, notebook: str) -> dict[str, tuple[str, bool]]:
        """The locked code cells of ``notebook`` from the gradebook (never from the
        student's file): ``grade_id -> (source, is_test)``, for the judge."""
        if notebook not in self._trusted:
            with _open(self) as gb:
                found = gb.find_notebook(notebook, self.assignment)
                tests = {c.name for c in found.grade_cells if c.cell_type == "code"}
                self._trusted[notebook] = {
                    c.name: (c.source, c.name in tests) for c in found.source_cells
                    if c.cell_type == "code" and c.locked}
        return self._trusted[notebook]

    def release(self, notebook: str) -> dict[str, str] | None:
        """The locked cells of ``notebook`` as the students got them."""
        if notebook not in self._release:
            self._release[notebook] = release_cells(self.root, self.assignment, notebook,
                                                    _locked)
        return self._release[notebook]


class _GraderError(Exception):
    """The grader (not the submission) failed: do not record, grade again next time."""


class _BoxedExecute:
    """Takes the place of nbgrader's ``Execute``: the notebook runs through the executor."""

    def __init__(self, run: _Run, converter: Any) -> None:
        self.run, self.converter = run, converter

    def __call__(self, nb, resources):
        run = self.run
        folder = Path(resources["metadata"]["path"])
        name = resources["nbgrader"]["notebook"]
        # Opened without following links, each file bounded; what the student handed in
        # passed the caps before nbgrader copied it here, so the total is bounded too.
        files, dropped = read_folder(folder, run.limits.file_bytes,
                                     skip=frozenset({f"{name}.ipynb"}))
        if dropped:
            self.converter.reasons.append(("cohort.reason.files_dropped",
                                           {"files": ", ".join(dropped)}))
        job = Job(resources["nbgrader"]["student"], run.assignment, nbformat.writes(nb), files,
                  run.execute, run.limits, run.sandbox, run.lang, run.trusted(name))
        run.lock.release()
        try:
            with run.kernels:
                outcome = run.executor.run(job)
        except Exception as err:  # the cluster or the machine failed, not the student
            raise _GraderError(f"{type(err).__name__}: {err}") from err
        finally:
            run.lock.acquire()
        executed = nbformat.reads(outcome.notebook, as_version=4)
        self.converter.outcomes[name] = outcome
        return executed, resources


def _converter(run: _Run, student: str, log: logging.Logger):
    from nbconvert.writers import FilesWriter
    from nbgrader.converters import Autograde
    from nbgrader.converters.base import BaseConverter
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.preprocessors import Execute

    class CohortAutograde(Autograde):
        """nbgrader's Autograde for one student, with the execution step boxed."""

        def start(self) -> None:
            # BaseConverter.start without os.chdir: every path is absolute, and threads
            # share one working directory.
            self.init_notebooks()
            self.writer = FilesWriter(parent=self, config=self.config)
            self.exporter = self.exporter_class(parent=self, config=self.config)
            for pp in self.preprocessors:
                self.exporter.register_preprocessor(pp)
            self.convert_notebooks()

        def _init_preprocessors(self) -> None:
            super()._init_preprocessors()
            self.exporter._preprocessors = [
                _BoxedExecute(run, self) if isinstance(pp, Execute) else pp
                for pp in self.exporter._preprocessors]

        def convert_single_notebook(self, notebook_filename: str) -> None:
            name = Path(notebook_filename).stem
            try:
                self._sanitize_and_grade(notebook_filename)
            except _GraderError:
                raise
            except Exception as err:
                if not _students_fault(notebook_filename, err):
                    raise _GraderError(f"{type(err).__name__}: {str(err)[:300]}") from err
                self._sanitizing = True
                self.unreadable[name] = f"{type(err).__name__}: {str(err)[:200]}"
                out = Path(self._format_dest(run.assignment, student)) / f"{name}.ipynb"
                out.unlink(missing_ok=True)

        def _sanitize_and_grade(self, notebook_filename: str) -> None:
            # Autograde.convert_single_notebook without nbgrader.utils.setenv, which deletes
            # NBGRADER_EXECUTION afterwards (under the other threads' feet); the sandboxed
            # kernel gets NBGRADER_EXECUTION=autograde from the executor.
            self._sanitizing = True
            self._init_preprocessors()
            BaseConverter.convert_single_notebook(self, notebook_filename)
            graded = os.path.join(self.writer.build_directory,
                                  os.path.basename(notebook_filename))
            self._sanitizing = False
            self._init_preprocessors()
            try:
                BaseConverter.convert_single_notebook(self, graded)
            finally:
                self._sanitizing = True

    coursedir = CourseDirectory(config=run.cfg)
    coursedir.assignment_id = run.assignment
    coursedir.student_id = student
    converter = CohortAutograde(coursedir=coursedir, config=run.cfg, log=log)
    converter.force = True  # the journal decides what to skip
    converter.outcomes, converter.reasons, converter.unreadable = {}, [], {}
    return converter


def _students_fault(filename: str, err: Exception) -> bool:
    """Whether a failure to convert a notebook comes from the file handed in: it is not a
    notebook, or nbgrader refused its cells (bad or foreign metadata)."""
    from nbgrader.nbgraderformat import SchemaTooNewError, SchemaTooOldError

    try:
        nbformat.validate(nbformat.read(filename, as_version=4))
    except Exception:
        return True
    module = type(err).__module__ or ""
    return isinstance(err, (SchemaTooNewError, SchemaTooOldError)) or module.startswith(
        ("nbgrader.preprocessors", "nbformat", "json"))


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def _student_log(student: str) -> tuple[logging.Logger, _Collect]:
    log = logging.Logger(f"mipyme.autograde.{student}", logging.WARNING)
    handler = _Collect()
    log.addHandler(handler)
    return log, handler


# -- one submission ------------------------------------------------------------------------

def _open(run: _Run):
    from mipyme.cohort.course import open_gradebook

    return open_gradebook(run.db_url, run.course_id or None)


def _expected_notebooks(run: _Run) -> list[str]:
    with _open(run) as gb:
        return sorted(nb.name for nb in gb.find_assignment(run.assignment).notebooks)


def _zero(run: _Run, student: str, notebooks: Iterable[str], folder: Path) -> None:
    """Score 0 for these notebooks, the way nbgrader scores a notebook never handed in."""
    names = list(notebooks)
    with _open(run) as gb:
        timestamp = _timestamp(run, folder)
        gb.update_or_create_student(student)
        kwargs = {"timestamp": timestamp} if timestamp else {}
        gb.update_or_create_submission(run.assignment, student, **kwargs)
        for name in names:
            nb = gb.find_submission_notebook(name, run.assignment, student)
            for grade in nb.grades:
                grade.auto_score = 0
                grade.needs_manual_grade = False
        gb.db.commit()


def _timestamp(run: _Run, folder: Path):
    from nbgrader.coursedir import CourseDirectory

    return CourseDirectory(config=run.cfg).get_existing_timestamp(str(folder))


def _locked(cell) -> bool:
    return bool(cell.get("metadata", {}).get("nbgrader", {}).get("locked"))


def release_cells(root: Path, assignment: str, notebook: str, keep: Callable[[Any], bool]
                  ) -> dict[str, str] | None:
    """``grade_id -> source`` of the cells of the released ``notebook`` that ``keep``
    accepts (``None`` when the course has no ``release/`` copy of it)."""
    path = root / "release" / assignment / f"{notebook}.ipynb"
    if not path.is_file():
        return None
    nb = nbformat.read(path, as_version=4)
    return {c.metadata["nbgrader"]["grade_id"]: c.source for c in nb.cells
            if keep(c) and c.metadata.get("nbgrader", {}).get("grade_id")}


def _tampering(run: _Run, folder: Path, name: str) -> list[tuple[str, dict]]:
    """Locked cells the student deleted or changed (nbgrader restores changed ones)."""
    try:
        submitted = nbformat.read(folder / f"{name}.ipynb", as_version=4)
    except Exception:
        return []
    seen = {}
    for cell in submitted.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("grade_id"):
            seen[meta["grade_id"]] = cell.get("source", "")
    out = []
    deleted = [cell for cell in run.test_cells(name) if cell not in seen]
    if deleted:
        out.append(("cohort.reason.deleted_cells", {"cells": ", ".join(deleted)}))
    release = run.release(name)
    if release is not None:
        changed = sorted(cell for cell, text in release.items()
                         if cell in seen and seen[cell].strip() != text.strip())
        if changed:
            out.append(("cohort.reason.changed_cells", {"cells": ", ".join(changed)}))
    return out


def _executed_reasons(run: _Run, dest: Path, name: str, outcome) -> list[tuple[str, dict]]:
    out: list[tuple[str, dict]] = []
    if outcome is not None and outcome.status != "ok":
        out.append((outcome.reason, dict(outcome.params)))
    path = dest / f"{name}.ipynb"
    if not path.is_file():
        return out
    nb = nbformat.read(path, as_version=4)
    timeouts, memory, processes, silenced, outside, judged = [], [], [], [], [], []
    for index, cell in enumerate(nb.cells):
        label = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") or f"#{index + 1}"
        for output in cell.get("outputs", []):
            kind = output.get("output_type")
            if kind == "error":
                if output.get("ename") == _TIMEOUT:
                    timeouts.append(label)
                elif output.get("ename") == "MemoryError":
                    memory.append(label)
                elif output.get("ename") == "BlockingIOError" and "fork" in "".join(
                        output.get("traceback", [])):
                    processes.append(label)  # fork() past the box's process limit
                elif output.get("ename") == JUDGE_FAILED:
                    judged.append(label)
                elif any(_SILENCED in line for line in output.get("traceback", [])):
                    silenced.append(label)
                elif label.startswith("#") and output.get("ename") != STOPPED:
                    outside.append(f"{label} {output.get('ename')}")
    if timeouts and not (outcome and outcome.status == "timeout"):
        seconds = run.limits.cell_timeout or run.execute.get("timeout") or 30
        out.append(("cohort.reason.timeout", {"cells": ", ".join(timeouts),
                                              "seconds": seconds}))
    if memory:
        out.append(("cohort.reason.memory", {"cells": ", ".join(memory),
                                             "gib": run.limits.memory_bytes / 2**30}))
    if processes:
        out.append(("cohort.reason.processes", {"cells": ", ".join(processes),
                                                "processes": run.limits.processes}))
    if silenced:
        out.append(("cohort.reason.silenced", {"cells": ", ".join(silenced)}))
    if outside:
        out.append(("cohort.reason.errors_outside", {"cells": ", ".join(outside)}))
    if judged:
        out.append(("cohort.reason.judge", {"cells": ", ".join(judged)}))
    if outcome is not None and outcome.truncated and outcome.status != "output":
        out.append(("cohort.reason.truncated", {"mib": run.limits.output_bytes // 2**20}))
    return out


def _scores(run: _Run, student: str) -> tuple[float | None, float | None]:
    with _open(run) as gb:
        try:
            sub = gb.find_submission(run.assignment, student)
        except Exception:
            return None, None
        return float(sub.score), float(sub.max_score)


def _grade_one(run: _Run, student: str, journal: _Journal, fingerprint: str) -> StudentResult:
    started = time.perf_counter()
    folder = run.root / "submitted" / student / run.assignment
    dest = run.root / "autograded" / student / run.assignment
    # Before anything of the submission is read or copied: lstat only, then the notebooks'
    # cells (read without following links, within the size caps).
    caps = getattr(run, "caps", None) or Caps()
    handed_in = _scan(folder, caps)
    refused = list(handed_in.reasons) or check_cells(handed_in, caps)
    with run.lock:
        reasons: list[tuple[str, dict]] = []
        try:
            expected = run.expected
            if refused:
                reasons, missing = list(refused), list(expected)
            else:
                found = handed_in.notebooks
                missing = [n for n in expected if n not in found]
                unknown = [n for n in found if n not in expected]
                if missing:
                    reasons.append(("cohort.reason.missing_notebook", {
                        "expected": ", ".join(f"{n}.ipynb" for n in missing),
                        "found": ", ".join(f"{n}.ipynb" for n in unknown) or "—"}))
            if len(missing) == len(expected):
                # A refused submission never reaches nbgrader (which would copy it, links
                # followed, into autograded/), and what an earlier run left there goes.
                discard(dest)
                with contextlib.suppress(OSError):
                    dest.parent.rmdir()  # autograded/STUDENT, if nothing else is in it
                stamp = handed_in.size_of("timestamp.txt")
                _zero(run, student, expected, folder if handed_in.ok and (stamp or 0) < 4096
                      else run.root / JOURNAL_DIR)  # a folder without timestamp.txt
                status = "zero"
            else:
                for name in expected:
                    if name not in missing:
                        reasons += _tampering(run, folder, name)
                log, collected = _student_log(student)
                converter = _converter(run, student, log)
                try:
                    converter.start()
                except _GraderError:
                    raise
                except Exception as err:
                    raise _GraderError("; ".join(collected.lines[-2:]) or str(err)) from err
                reasons += converter.reasons
                for name, error in converter.unreadable.items():
                    reasons.append(("cohort.reason.unreadable", {"file": f"{name}.ipynb",
                                                                 "error": error}))
                if converter.unreadable:
                    _zero(run, student, converter.unreadable, folder)
                for name in expected:
                    if name not in missing and name not in converter.unreadable:
                        reasons += _executed_reasons(run, dest, name,
                                                     converter.outcomes.get(name))
                graded = [n for n in expected if n not in missing and n not in
                          converter.unreadable]
                status = ("zero" if not graded else "flagged" if reasons else "graded")
            score, max_score = _scores(run, student)
        except _GraderError as err:
            return StudentResult(student, "error", reasons=(("cohort.reason.grader", {
                "error": str(err)[:400]}),), seconds=time.perf_counter() - started)
        except Exception as err:  # the gradebook or the disk: the grader's problem
            return StudentResult(student, "error", reasons=(("cohort.reason.grader", {
                "error": f"{type(err).__name__}: {str(err)[:400]}"}),),
                seconds=time.perf_counter() - started)
        result = StudentResult(student, status, score, max_score, tuple(reasons),
                               time.perf_counter() - started)
        journal.write({"student": student, "fingerprint": fingerprint, "status": status,
                       "score": score, "max_score": max_score,
                       "reasons": [[k, p] for k, p in reasons],
                       "seconds": round(result.seconds, 3),
                       "graded_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")})
        return result


# -- the batch -----------------------------------------------------------------------------

def _students(root: Path, assignment: str, only: Iterable[str] | None) -> list[str]:
    """The students of ``submitted/`` with something for ``assignment``, no link followed:
    a student's folder that is a link is listed (its grading refuses it with a reason),
    never graded as the folder it points to."""
    found = []
    with os.scandir(root / "submitted") as entries:
        for entry in entries:
            if entry.is_symlink():
                found.append(entry.name)
            elif entry.is_dir(follow_symlinks=False) and os.path.lexists(
                    os.path.join(entry.path, assignment)):
                found.append(entry.name)
    found.sort()
    if only is not None:
        wanted = set(only)
        found = [s for s in found if s in wanted]
    return found


def _hidden(run_root: Path, db_url: str) -> tuple[str, ...]:
    from mipyme.curriculum import find_root

    hide = [str(run_root)]
    with contextlib.suppress(Exception):
        hide.append(str(find_root() / "exercises"))
    if db_url.startswith("sqlite:///"):
        hide.append(str(Path(db_url.removeprefix("sqlite:///")).resolve().parent))
    return tuple(dict.fromkeys(hide))


def autograde(assignment: str, course: str | Path, *, workers: int | None = None,
              executor: Any = None, db_url: str | None = None, force: bool = False,
              unsafe: bool = False, limits: Limits | None = None,
              students: Iterable[str] | None = None, lang: str | None = None,
              progress: Callable[[int, int, StudentResult], None] | None = None,
              caps: Caps | None = None) -> AutogradeReport:
    """Grade every submission of ``assignment`` in the nbgrader course at ``course``.

    ``workers`` submissions run at once (default: the executor's, 2 on one machine);
    ``executor`` is ``None`` (this machine), ``"dask://HOST:PORT"`` or an executor object
    of :mod:`mipyme.cohort.executors`. Without a working sandbox this raises
    :class:`~mipyme.cohort.sandbox.SandboxUnavailable` unless ``unsafe=True``.
    ``progress(done, total, result)`` is called after each submission.

    Each submission is first looked at without following any link
    (:func:`mipyme.cohort.intake.scan`): one with a link, a hard link or a special file
    anywhere, or past ``caps`` (:class:`~mipyme.cohort.intake.Caps`), scores 0 with the
    reason and nbgrader never touches it. Only one run per course and assignment goes at a
    time (a second one is refused, naming the first), and nothing is graded unless the
    gradebook can be written (:func:`mipyme.cohort.intake.check_gradebook`).
    """
    root = Path(course).resolve() if course else Path(".")
    if not (root / "submitted").is_dir():
        raise InputError("cohort.errors.course_dir", arg="course", value=str(course))
    if not assignment or "/" in assignment or assignment.startswith("."):
        raise InputError("cohort.errors.assignment_name", arg="assignment", value=assignment)
    if workers is not None and (isinstance(workers, bool) or not isinstance(workers, int)
                                or workers < 1):
        raise InputError("errors.positive", arg="workers", value=workers)
    lang = lang if lang in LANGUAGES else None
    cfg = course_config(root, db_url)
    with run_lock(root / JOURNAL_DIR / f"{assignment}.lock", assignment):
        check_gradebook(str(cfg.CourseDirectory.db_url))
        owned = not hasattr(executor, "run")
        runner = make_executor(executor, workers) if owned else executor
        try:
            threads = workers or getattr(runner, "workers", None) or 2
            box = find_sandbox(unsafe=unsafe,
                               hide=_hidden(root, str(cfg.CourseDirectory.db_url)))
            run = _Run(assignment=assignment, cfg=cfg, executor=runner,
                       limits=limits or Limits(), sandbox=box, lang=lang or LANGUAGES[0],
                       kernels=threads)
            run.caps = caps or Caps()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    expected = _expected_notebooks(run)
                except Exception as err:
                    raise InputError("cohort.errors.assignment_unknown", arg="assignment",
                                     value=assignment) from err
            if not expected:
                raise InputError("cohort.errors.assignment_unknown", arg="assignment",
                                 value=assignment)
            run.expected = expected
            return _batch(run, root, students, force, threads, progress, repr(runner),
                          box.kind)
        finally:
            if owned:
                runner.close()


def _batch(run: _Run, root: Path, only, force: bool, threads: int, progress,
           executor_name: str, sandbox_kind: str) -> AutogradeReport:
    started = time.perf_counter()
    journal = _Journal(root, run.assignment)
    students = _students(root, run.assignment, only)
    results: dict[str, StudentResult] = {}
    todo: list[tuple[str, str]] = []
    for student in students:
        fingerprint = _fingerprint(root / "submitted" / student / run.assignment,
                                   run.caps)
        record = None if force else journal.done(
            student, fingerprint, root / "autograded" / student / run.assignment)
        if record is not None:
            results[student] = StudentResult(
                student, "skipped", record.get("score"), record.get("max_score"),
                tuple((k, p) for k, p in record.get("reasons", [])))
        else:
            todo.append((student, fingerprint))
    done = len(results)
    if progress:
        for result in results.values():
            progress(done, len(students), result)
    from sqlalchemy.exc import SAWarning

    warnings.filterwarnings("ignore", category=SAWarning)
    results.update(_parallel(run, todo, journal, threads, progress, done, len(students)))
    ordered = tuple(results[s] for s in students)
    quotas = run.sandbox.quotas_reason if sandbox_kind != "none" else ""
    return AutogradeReport(run.assignment, root, ordered, time.perf_counter() - started,
                           executor_name, sandbox_kind, quotas)


def _parallel(run: _Run, todo, journal: _Journal, threads: int, progress, done: int,
              total: int) -> dict[str, StudentResult]:
    results: dict[str, StudentResult] = {}
    # One thread more than kernels: while ``threads`` kernels run, the next submission's
    # nbgrader steps (sanitizing, the gradebook) are done, so no kernel slot waits for them.
    with ThreadPoolExecutor(max_workers=max(1, min(threads + 1, len(todo) or 1)),
                            thread_name_prefix="mipyme-grade") as pool:
        futures = {pool.submit(_grade_one, run, s, journal, f): s for s, f in todo}
        for future in as_completed(futures):
            result = future.result()
            results[result.student] = result
            done += 1
            if progress:
                progress(done, total, result)
    return results


if __name__ == "__main__":  # pragma: no cover - python -m mipyme.cohort.autograde
    from mipyme.cli import main

    sys.exit(main(["autograde", *sys.argv[1:]]))
