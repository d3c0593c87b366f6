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

The work is in four modules: this one (the results, one submission, the batch),
:mod:`~mipyme.cohort.autograde_journal` (the journal),
:mod:`~mipyme.cohort.autograde_run` (nbgrader with the execution step boxed) and
:mod:`~mipyme.cohort.autograde_checks` (what a submission did besides its score).

>>> autograde("ch01", "/nonexistent")
Traceback (most recent call last):
...
mipyme.errors.InputError: 'course' debe ser una carpeta de curso de nbgrader con submitted/ (se recibió '/nonexistent')
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
import time
import warnings
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mipyme.cohort.autograde_checks import executed_reasons, tampering
from mipyme.cohort.autograde_journal import (
    JOURNAL_DIR,
    GradingJournal,
    scan_submission,
    submission_fingerprint,
)
from mipyme.cohort.autograde_run import (
    GraderError,
    GradingRun,
    config_force,
    course_config,
    expected_notebooks,
    nbgrader_autograde,
    release_cells,
    score_zero,
    student_log,
    submission_scores,
)
from mipyme.cohort.executors import make_executor
from mipyme.cohort.intake import Caps, check_cells, check_gradebook, discard, run_lock
from mipyme.cohort.sandbox import Limits, find_sandbox
from mipyme.errors import InputError
from mipyme.i18n import LANGUAGES, t
from mipyme.money import count_arg

# course_config, release_cells and JOURNAL_DIR live beside the parts they belong to; they
# are named here too, where the grader's other users have always found them.
__all__ = ["JOURNAL_DIR", "AutogradeReport", "StudentResult", "autograde", "course_config",
           "release_cells"]


@dataclass(frozen=True, slots=True)
class StudentResult:
    """How one student's submission went.

    ``status`` is ``"graded"`` (nothing unusual), ``"flagged"`` (graded, with reasons),
    ``"zero"`` (refused before grading, or no expected notebook handed in: the score is 0,
    see the reasons), ``"manual"`` (nbgrader could not grade a notebook: unreadable, not
    valid, bad metadata, a kernel not installed; left as nbgrader leaves it, waiting for
    hand grading, and the run ends with 1), ``"empty"`` (no notebook at all: nothing is
    recorded, as with nbgrader), ``"skipped"`` (graded before and unchanged since) or
    ``"error"`` (the grader itself failed, for example the gradebook was unreachable or a
    plugin could not be imported; nothing was recorded and a rerun grades it).
    ``reasons`` are ``(i18n key, params)`` pairs; :meth:`reason` says them in words.
    """

    student: str
    status: str
    score: float | None = None
    max_score: float | None = None
    reasons: tuple[tuple[str, dict[str, Any]], ...] = ()
    seconds: float = 0.0
    #: Of ``seconds``: starting the kernels (until they answered) and running the
    #: notebooks in them (cells, tests, the box's clean-up); the rest is nbgrader's own
    #: steps around them (copying, the gradebook, writing the graded notebook back).
    start_seconds: float = 0.0
    execute_seconds: float = 0.0

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
        manual = counts.get("manual", 0)
        if manual or counts.get("empty", 0):
            lines.insert(1, t("cohort.dropin.summary", lang=lang, manual=manual,
                              empty=counts.get("empty", 0)))
        if self.quotas_reason:
            lines.append(t("cohort.sandbox.no_quotas", lang=lang, reason=self.quotas_reason))
        return "\n".join(lines)

    @property
    def ok(self) -> bool:
        """True when the grader itself failed for no one (bad submissions are fine)."""
        return not any(r.status == "error" for r in self.results)

    @property
    def exit_code(self) -> int:
        """nbgrader's exit code for this run: 1 when a submission could not be graded (the
        grader failed, or it was left for hand grading: status ``"manual"``), else 0."""
        return 1 if any(r.status in ("error", "manual") for r in self.results) else 0


# -- one submission ------------------------------------------------------------------------

def _grade_one(run: GradingRun, student: str, journal: GradingJournal,
               fingerprint: str, force: bool = False) -> StudentResult:
    started = time.perf_counter()
    folder = run.submitted(student)
    dest = run.autograded(student)
    # Before anything of the submission is read or copied: lstat only, then the notebooks'
    # cells (read without following links, within the size caps).
    caps = getattr(run, "caps", None) or Caps()
    handed_in = scan_submission(folder, caps)
    refused = list(handed_in.reasons) or check_cells(handed_in, caps)
    if not refused and not handed_in.notebooks:
        # nbgrader grades nothing in a folder without notebooks and records nothing
        return StudentResult(student, "empty", reasons=(("cohort.dropin.empty", {
            "folder": f"{student}/{run.assignment}"}),), seconds=time.perf_counter() - started)
    with run.lock:
        reasons: list[tuple[str, dict]] = []
        ran: list = []  # the notebooks' outcomes, for the time split
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
                score_zero(run, student, expected, folder if handed_in.ok and (stamp or 0) < 4096
                      else run.root / JOURNAL_DIR)  # a folder without timestamp.txt
                status = "zero"
            else:
                from nbgrader.converters.base import NbGraderException

                for name in expected:
                    if name not in missing:
                        reasons += tampering(run, folder, name)
                log, collected = student_log(student)
                converter = nbgrader_autograde(run, student, log, force)
                journal.begin(student)
                try:
                    converter.start()
                except GraderError:
                    raise
                except Exception as err:
                    if not (isinstance(err, NbGraderException) and converter.broken):
                        raise GraderError(failure_cause(collected.lines)
                                          or f"{type(err).__name__}: {err}") from err
                reasons += converter.reasons
                if converter.broken:
                    # left as nbgrader leaves a submission it could not grade: its cells
                    # wait for hand grading in the formgrader, and the run ends with 1
                    reasons += converter.broken.values()
                    score, max_score = submission_scores(run, student)
                    return StudentResult(student, "manual", score, max_score, tuple(reasons),
                                         time.perf_counter() - started)
                if not converter.processed:  # nbgrader's own rule: graded and unchanged
                    journal.end(student)
                    score, max_score = submission_scores(run, student)
                    return StudentResult(student, "skipped", score, max_score, (),
                                         time.perf_counter() - started)
                for name in expected:
                    if name not in missing:
                        reasons += executed_reasons(run, dest, name,
                                                     converter.outcomes.get(name))
                ran = [o for o in converter.outcomes.values() if o is not None]
                status = "flagged" if reasons else "graded"
            score, max_score = submission_scores(run, student)
        except GraderError as err:
            return StudentResult(student, "error", reasons=(("cohort.reason.grader", {
                "error": str(err)[:600]}),), seconds=time.perf_counter() - started)
        except Exception as err:  # the gradebook or the disk: the grader's problem
            return StudentResult(student, "error", reasons=(("cohort.reason.grader", {
                "error": f"{type(err).__name__}: {str(err)[:400]}"}),),
                seconds=time.perf_counter() - started)
        start = sum(o.start_seconds for o in ran)
        result = StudentResult(student, status, score, max_score, tuple(reasons),
                               time.perf_counter() - started, start,
                               sum(o.seconds for o in ran) - start)
        journal.write({"student": student, "fingerprint": fingerprint, "status": status,
                       "score": score, "max_score": max_score,
                       "reasons": [[k, p] for k, p in reasons],
                       "seconds": round(result.seconds, 3),
                       "graded_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")})
        return result


def failure_cause(lines: list[str]) -> str:
    r"""What made nbgrader fail, from the errors it logged: the last line of the last
    traceback (``ModuleNotFoundError: No module named 'penalty'`` for a plugin that cannot be
    imported), else its last message.

    >>> failure_cause(["There was an error processing assignment: x",
    ...                "Traceback (most recent call last):\n  File ...\nValueError: bad",
    ...                "Please see the above traceback"])
    'ValueError: bad'
    """
    for line in reversed(lines):
        if line.startswith("Traceback"):
            tail = [part for part in line.strip().splitlines() if part.strip()]
            return tail[-1][:600] if tail else ""
    return lines[-1][:600] if lines else ""


# -- the batch -----------------------------------------------------------------------------

def _students(run: GradingRun, only: Iterable[str] | None) -> list[str]:
    """The students of ``submitted/`` with something for the assignment, no link followed:
    a student's folder that is a link is listed (its grading refuses it with a reason),
    never graded as the folder it points to. ``only`` (ids or nbgrader's wildcards), the
    configuration's ``CourseDirectory.student_id`` (``--student``) and
    ``CourseDirectory.student_id_exclude`` choose among them, as in nbgrader."""
    import fnmatch

    cd = run.coursedir
    found = []
    with os.scandir(cd.format_path(cd.submitted_directory, ".", ".")) as entries:
        for entry in entries:
            if entry.is_symlink():
                found.append(entry.name)
            elif entry.is_dir(follow_symlinks=False) and os.path.lexists(
                    os.path.join(entry.path, run.assignment)):
                found.append(entry.name)
    found.sort()
    patterns = [str(cd.student_id or "*")]
    if only is not None:
        patterns = list(only)
    excluded = {s for s in str(cd.student_id_exclude or "").split(",") if s}
    return [s for s in found if s not in excluded
            and any(fnmatch.fnmatchcase(s, p) for p in patterns)]


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
              caps: Caps | None = None, config: Any = None) -> AutogradeReport:
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

    The course's configuration is nbgrader's own (:func:`course_config`: every
    ``nbgrader_config.py`` nbgrader reads); ``config`` is one already loaded (``mipyme
    autograde`` passes the one its command line made, overrides included). ``force``
    regrades everything; otherwise a submission is skipped when the journal has it
    unchanged, or, without a journal entry, by nbgrader's own rule (a course graded
    before by stock nbgrader: skipped unless its ``timestamp.txt`` is newer).
    """
    if config is None:
        cfg = course_config(course or None, db_url)
    else:
        cfg = config.copy()
        if db_url:
            cfg.CourseDirectory.db_url = db_url
    root = Path(cfg.CourseDirectory.root)
    submitted = cfg.CourseDirectory.get("submitted_directory", "submitted")
    if not (root / submitted).is_dir():
        raise InputError("cohort.errors.course_dir", arg="course", value=str(course or root))
    if not assignment or "/" in assignment or assignment.startswith("."):
        raise InputError("cohort.errors.assignment_name", arg="assignment", value=assignment)
    if workers is not None:
        workers = count_arg(workers, "workers", minimum=1, strict=True)
    lang = lang if lang in LANGUAGES else None
    with run_lock(root / JOURNAL_DIR / f"{assignment}.lock", assignment):
        check_gradebook(str(cfg.CourseDirectory.db_url))
        owned = not hasattr(executor, "run")
        runner = make_executor(executor, workers) if owned else executor
        try:
            threads = workers or getattr(runner, "workers", None) or 2
            box = find_sandbox(unsafe=unsafe,
                               hide=_hidden(root, str(cfg.CourseDirectory.db_url)))
            run = GradingRun(assignment=assignment, cfg=cfg, executor=runner,
                       limits=limits or Limits(), sandbox=box, lang=lang or LANGUAGES[0],
                       kernels=threads)
            run.caps = caps or Caps()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    expected = expected_notebooks(run)
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


def _batch(run: GradingRun, root: Path, only, force: bool, threads: int, progress,
           executor_name: str, sandbox_kind: str) -> AutogradeReport:
    started = time.perf_counter()
    journal = GradingJournal(root, run.assignment)
    students = _students(run, only)
    results: dict[str, StudentResult] = {}
    todo: list[tuple[str, str, bool]] = []
    force = force or config_force(run.cfg, "Autograde")
    for student in students:
        fingerprint = submission_fingerprint(run.submitted(student), run.caps)
        # with ``--notebook``, nbgrader's rule looks at each chosen notebook: it decides
        fresh = force or run.coursedir.notebook_id != "*" or journal.halfway(student)
        record = None if fresh else journal.done(student, fingerprint, run.autograded(student))
        if record is not None:
            results[student] = StudentResult(
                student, "skipped", record.get("score"), record.get("max_score"),
                tuple((k, p) for k, p in record.get("reasons", [])))
        else:
            # regrade when forced or when the journal saw a change; else nbgrader decides
            changed = run.autograded(student).is_dir() and (journal.halfway(student) or (
                journal.records.get(student, {}).get("fingerprint", fingerprint)
                != fingerprint))
            todo.append((student, fingerprint, force or changed))
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


def _parallel(run: GradingRun, todo, journal: GradingJournal, threads: int, progress, done: int,
              total: int) -> dict[str, StudentResult]:
    results: dict[str, StudentResult] = {}
    # One thread more than kernels: while ``threads`` kernels run, the next submission's
    # nbgrader steps (sanitizing, the gradebook) are done, so no kernel slot waits for them.
    with ThreadPoolExecutor(max_workers=max(1, min(threads + 1, len(todo) or 1)),
                            thread_name_prefix="mipyme-grade") as pool:
        futures = {pool.submit(_grade_one, run, s, journal, f, again): s
                   for s, f, again in todo}
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
