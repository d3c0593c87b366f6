"""Subcommands of the ``mipyme`` command (see :mod:`mipyme.cli`) for grading a cohort:

- ``mipyme autograde ASSIGNMENT [--course DIR] [--workers N] [--executor dask://HOST:PORT]
  [--db URL] [--force] [--student ID ...] [--timeout S] [--memory GIB]
  [--max-submission-mib MIB] [--max-files N] [--max-notebook-mib MIB] [--max-cells N]
  [--unsafe-no-sandbox] [NBGRADER OPTIONS]``: every submission in ``submitted/``, in
  parallel and sandboxed (:func:`mipyme.cohort.autograde.autograde`); a submission past the
  caps (:class:`mipyme.cohort.intake.Caps`) scores 0 without being read;
- ``mipyme feedback ASSIGNMENT [--course DIR] [--force] [NBGRADER OPTIONS]``: feedback files
  that say which checks failed without the hidden tests' code
  (:func:`mipyme.cohort.feedback.generate_feedback`);

Both are drop-ins for ``nbgrader autograde`` and ``nbgrader generate_feedback``: any other
option goes to nbgrader's own parser (``--notebook``, ``--no-execute``, ``-f``,
``--Class.trait=value``...), the configuration is read where nbgrader reads it
(:func:`nbgrader_command_config`), without ``--course`` the course is the one the
configuration names, and the exit code is nbgrader's: 0, or 1 when something could not be
graded (``--help-all`` prints nbgrader's help of every option).
- ``mipyme pending --course DIR [--assignment NAME]``: what is still to be graded by hand,
  and how to open the formgrader (:func:`mipyme.cohort.pending.summary_text`).

Long batches draw a progress bar with the time left on stderr.

>>> from mipyme.cli import main
>>> main(["--lang", "en", "autograde", "ch01", "--course", "/nonexistent"])
1
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import TextIO

from mipyme.i18n import t

__all__ = ["Progress", "nbgrader_command_config", "register", "run_autograde", "run_feedback",
           "run_pending"]


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's subcommands; each sets ``run`` to a function(args) -> exit code."""
    grade = sub.add_parser("autograde", help=t("cohort.cli.autograde_help"),
                           description=t("cohort.cli.autograde_help"), allow_abbrev=False)
    grade.add_argument("assignment", metavar="ASSIGNMENT", nargs="?",
                       help=t("cohort.cli.ag_assignment"))
    grade.add_argument("--course", metavar="DIR", help=t("cohort.cli.ag_course"))
    grade.add_argument("--workers", type=int, metavar="N", help=t("cohort.cli.ag_workers"))
    grade.add_argument("--executor", metavar="dask://HOST:PORT",
                       help=t("cohort.cli.ag_executor"))
    grade.add_argument("--db", metavar="URL", help=t("cohort.cli.ag_db"))
    grade.add_argument("--force", action="store_true", help=t("cohort.cli.ag_force"))
    grade.add_argument("--student", action="append", metavar="ID",
                       help=t("cohort.cli.ag_student"))
    grade.add_argument("--timeout", type=int, metavar="S", help=t("cohort.cli.ag_timeout"))
    grade.add_argument("--notebook-timeout", type=int, metavar="S",
                       help=t("cohort.cli.ag_notebook_timeout"))
    grade.add_argument("--memory", type=float, metavar="GIB", help=t("cohort.cli.ag_memory"))
    grade.add_argument("--unsafe-no-sandbox", action="store_true",
                       help=t("cohort.cli.ag_unsafe"))
    grade.add_argument("--max-submission-mib", type=float, metavar="MIB",
                       help=t("cohort.cli.ag_max_mib"))
    grade.add_argument("--max-files", type=int, metavar="N", help=t("cohort.cli.ag_max_files"))
    grade.add_argument("--max-notebook-mib", type=float, metavar="MIB",
                       help=t("cohort.cli.ag_max_notebook_mib"))
    grade.add_argument("--max-cells", type=int, metavar="N", help=t("cohort.cli.ag_max_cells"))
    grade.set_defaults(run=run_autograde, nbgrader_args=[])

    feedback = sub.add_parser("feedback", help=t("cohort.cli.feedback_help"),
                              description=t("cohort.cli.feedback_help"), allow_abbrev=False)
    feedback.add_argument("assignment", metavar="ASSIGNMENT", nargs="?",
                          help=t("cohort.cli.ag_assignment"))
    feedback.add_argument("--course", metavar="DIR", help=t("cohort.cli.ag_course"))
    feedback.add_argument("--db", metavar="URL", help=t("cohort.cli.ag_db"))
    feedback.add_argument("--force", action="store_true", help=t("cohort.cli.ag_force"))
    feedback.add_argument("--student", action="append", metavar="ID",
                          help=t("cohort.cli.ag_student"))
    feedback.set_defaults(run=run_feedback, nbgrader_args=[])

    pending = sub.add_parser("pending", help=t("cohort.cli.pending_help"),
                             description=t("cohort.cli.pending_help"))
    pending.add_argument("--course", required=True, metavar="DIR",
                         help=t("cohort.cli.pending_course"))
    pending.add_argument("--assignment", action="append", metavar="NAME",
                         help=t("cohort.cli.pending_assignment"))
    pending.add_argument("--db", metavar="URL", help=t("cohort.cli.ag_db"))
    pending.set_defaults(run=run_pending)


class Progress:
    """A progress bar with the time left, on ``stream`` (stderr): redrawn in place on a
    terminal, one line per tenth of the batch otherwise (logs, CI)."""

    def __init__(self, label: str, stream: TextIO | None = None, width: int = 30) -> None:
        self.label, self.stream, self.width = label, stream or sys.stderr, width
        self.started = time.monotonic()
        self._last_tenth = -1
        self._tty = bool(getattr(self.stream, "isatty", lambda: False)())

    def __call__(self, done: int, total: int, result: object = None) -> None:
        elapsed = time.monotonic() - self.started
        share = done / total if total else 1.0
        left = elapsed / done * (total - done) if done else None
        eta = t("cohort.progress.eta", time=_clock(left)) if left is not None else ""
        filled = round(self.width * share)
        line = (f"{self.label} [{'#' * filled}{'.' * (self.width - filled)}] "
                f"{done}/{total} {eta}")
        if self._tty:
            self.stream.write("\r" + line + (" \n" if done >= total else " "))
        elif int(share * 10) != self._last_tenth or done >= total:
            self._last_tenth = int(share * 10)
            self.stream.write(line + "\n")
        self.stream.flush()


def _clock(seconds: float | None) -> str:
    seconds = round(seconds or 0)
    minutes, secs = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def nbgrader_command_config(args: argparse.Namespace, command: str):
    """``(config, assignment)`` as ``nbgrader COMMAND`` reads them from the same command
    line: every ``nbgrader_config.py`` nbgrader reads, then nbgrader's own options and
    ``--Class.trait=value`` (``args.nbgrader_args``); ``--course``, ``--db``, ``--force`` and
    ``--student`` of mipyme count as nbgrader's. Raises ``SystemExit`` as nbgrader does
    (``--help-all``: 0; a wrong option: 1)."""
    from mipyme.cohort.autograde import course_config

    argv = list(args.nbgrader_args)
    if getattr(args, "force", False):
        argv.append("--force")
    cfg = course_config(args.course, args.db, argv=argv, command=command)
    extra = list(cfg.MipymeCommand.get("extra_args", []))
    assignment = args.assignment or (extra[0] if extra else "") or str(
        cfg.CourseDirectory.get("assignment_id", ""))
    return cfg, assignment


def run_autograde(args: argparse.Namespace) -> int:
    from mipyme.cohort.autograde import autograde
    from mipyme.cohort.intake import Caps
    from mipyme.cohort.sandbox import Limits, SandboxUnavailable
    from mipyme.errors import InputError
    from mipyme.i18n import get_language

    lang = get_language()
    limits = {}
    if args.timeout is not None:
        limits["cell_timeout"] = args.timeout
    if args.notebook_timeout is not None:
        limits["notebook_timeout"] = args.notebook_timeout
    if args.memory is not None:
        limits["memory_bytes"] = int(args.memory * 2**30)
    caps = {}
    for option, name, scale in (("max_submission_mib", "total_bytes", 2**20),
                                ("max_files", "files", 1),
                                ("max_notebook_mib", "notebook_bytes", 2**20),
                                ("max_cells", "cells", 1)):
        if getattr(args, option) is not None:
            caps[name] = int(getattr(args, option) * scale)
    if args.unsafe_no_sandbox:
        print(t("cohort.cli.unsafe_warning"), file=sys.stderr)
    try:
        cfg, assignment = nbgrader_command_config(args, "autograde")
    except SystemExit as done:  # --help-all, or a wrong option (nbgrader said why)
        return done.code if isinstance(done.code, int) else 1
    try:
        report = autograde(assignment, args.course, workers=args.workers,
                           executor=args.executor, db_url=args.db, force=args.force,
                           unsafe=args.unsafe_no_sandbox, limits=Limits(**limits),
                           students=args.student, lang=lang,
                           progress=Progress(assignment or "?"), caps=Caps(**caps),
                           config=cfg)
    except SandboxUnavailable as err:
        print(f"mipyme: {err}", file=sys.stderr)
        return 3
    except InputError as err:  # nbgrader ends with 1 when it cannot start grading
        print(f"mipyme: {err}", file=sys.stderr)
        return 1
    print(report.summary(lang))
    return report.exit_code


def run_feedback(args: argparse.Namespace) -> int:
    from mipyme.cohort.feedback import generate_feedback
    from mipyme.errors import InputError
    from mipyme.i18n import get_language

    try:
        cfg, assignment = nbgrader_command_config(args, "feedback")
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else 1
    try:
        written = generate_feedback(assignment, args.course, db_url=args.db,
                                    students=args.student, config=cfg)
    except InputError as err:
        print(f"mipyme: {err}", file=sys.stderr)
        return 1
    print(t("cohort.feedback.written", lang=get_language(), count=len(written),
            assignment=assignment))
    args.course = args.course or str(cfg.CourseDirectory.root)
    args.db = str(cfg.CourseDirectory.db_url)
    args.assignment = assignment
    _say_provisional_pages(args)
    return 0


def _say_provisional_pages(args: argparse.Namespace) -> None:
    """After ``mipyme feedback``: how many of the pages show a provisional total."""
    from mipyme.cohort.pending import status

    found = status(args.course, args.db, args.assignment)
    wanted = None if not args.student else set(args.student)
    waiting = [s for s in found.values() if not s.is_final
               and (wanted is None or s.student in wanted)]
    if waiting:
        print(t("cohort.pending.feedback_written", count=len(waiting), course=args.course),
              file=sys.stderr)


def run_pending(args: argparse.Namespace) -> int:
    """``mipyme pending``: per assignment, the submissions and points still to grade by
    hand, and how to open the course's formgrader (:mod:`mipyme.cohort.pending`)."""
    from mipyme.cohort.pending import summary_text

    print(summary_text(args.course, args.db, args.assignment))
    return 0
