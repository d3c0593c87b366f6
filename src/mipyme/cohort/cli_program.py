"""Subcommands of the ``mipyme`` command (see :mod:`mipyme.cli`) for a training program:

- ``mipyme cohort init DIR --roster roster.csv --course-id ID [--db URL]
  [--schedule FILE.csv] [--due ch01=YYYY-MM-DD]``: one cohort's nbgrader course directory
  from its roster, with when each assignment is due (:func:`mipyme.cohort.course.init_course`);
- ``mipyme export ASSIGNMENT|--all --course DIR --format csv|moodle|canvas [--out FILE]
  [--include-provisional]``: a grade file an LMS imports (:mod:`mipyme.cohort.export`);
  totals still waiting for hand grading are left out, with a warning, unless asked for;
- ``mipyme report PROGRAM_DIR [--out FILE] [--lang es|en] [--as-of DATE] [--goals CSV]
  [--pdf] [--checks FOLDER]``: one HTML report over every cohort of a program, counting the
  assignments due by DATE, with a printable PDF beside it (:mod:`mipyme.cohort.report`);
  with ``--checks``, the entrepreneurs' knowledge check before and after from a folder of
  results CSVs (:mod:`mipyme.cohort.checks`; the rows set aside are listed on stderr).

Help and messages are in the language of ``--lang`` (Spanish by default).

>>> from mipyme.cli import main
>>> main(["export", "--course", "/nonexistent", "--format", "csv"])  # no assignment
2

A bad value is an :class:`~mipyme.errors.InputError` naming the argument, the rule and the
value; :func:`mipyme.cli.main` prints it on stderr and returns 2.
"""

from __future__ import annotations

import argparse
import sys
import textwrap

from mipyme.cohort.roster import roster_guide
from mipyme.errors import InputError
from mipyme.i18n import LANGUAGES, get_language, language, t

__all__ = ["register", "run_export", "run_init", "run_report"]


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's subcommands; each sets ``run`` to a function(args) -> exit code."""
    cohort = sub.add_parser("cohort", help=t("cohort.cli.cohort_help"),
                            description=t("cohort.cli.cohort_help"))
    actions = cohort.add_subparsers(dest="cohort_command", metavar="ACTION", required=True)
    # The epilog lists the roster's columns, headers and accepted values as written.
    init = actions.add_parser("init", help=t("cohort.cli.init_help"),
                              description=textwrap.fill(t("cohort.cli.init_help"), 79),
                              epilog=roster_guide(),
                              formatter_class=argparse.RawDescriptionHelpFormatter)
    init.add_argument("dir", metavar="DIR", help=t("cohort.cli.init_dir"))
    init.add_argument("--roster", required=True, metavar="CSV",
                      help=t("cohort.cli.init_roster"))
    init.add_argument("--course-id", required=True, metavar="ID",
                      help=t("cohort.cli.init_course_id"))
    init.add_argument("--db", metavar="URL", help=t("cohort.cli.init_db"))
    init.add_argument("--assignment", action="append", metavar="NAME",
                      help=t("cohort.cli.init_assignment"))
    init.add_argument("--schedule", metavar="CSV", help=t("cohort.cli.init_schedule"))
    init.add_argument("--due", action="append", default=[], metavar="NAME=YYYY-MM-DD",
                      help=t("cohort.cli.init_due"))
    init.set_defaults(run=run_init)

    export = sub.add_parser("export", help=t("cohort.cli.export_help"),
                            description=t("cohort.cli.export_help"))
    export.add_argument("assignment", nargs="?", metavar="ASSIGNMENT",
                        help=t("cohort.cli.export_assignment"))
    export.add_argument("--all", action="store_true", help=t("cohort.cli.export_all"))
    export.add_argument("--course", required=True, metavar="DIR",
                        help=t("cohort.cli.export_course"))
    export.add_argument("--format", required=True, choices=("csv", "moodle", "canvas"),
                        help=t("cohort.cli.export_format"))
    export.add_argument("--out", metavar="FILE", help=t("cohort.cli.export_out"))
    export.add_argument("--db", metavar="URL", help=t("cohort.cli.export_db"))
    export.add_argument("--canvas-id", action="append", default=[], metavar="NAME=ID",
                        help=t("cohort.cli.export_canvas_id"))
    export.add_argument("--include-provisional", action="store_true",
                        help=t("cohort.cli.export_include_provisional"))
    export.set_defaults(run=run_export)

    report = sub.add_parser("report", help=t("cohort.cli.report_help"),
                            description=t("cohort.cli.report_help"))
    report.add_argument("program_dir", metavar="PROGRAM_DIR", help=t("cohort.cli.report_dir"))
    report.add_argument("--out", metavar="FILE", help=t("cohort.cli.report_out"))
    # Its own name: a sub-command's default would overwrite ``mipyme --lang``.
    report.add_argument("--lang", dest="report_lang", choices=LANGUAGES,
                        help=t("cohort.cli.report_lang"))
    report.add_argument("--goals", metavar="CSV", help=t("cohort.cli.report_goals_file"))
    report.add_argument("--as-of", metavar="YYYY-MM-DD", help=t("cohort.cli.report_as_of"))
    report.add_argument("--pdf", action="store_true", help=t("cohort.cli.report_pdf"))
    report.add_argument("--checks", metavar="FOLDER", help=t("cohort.cli.report_checks"))
    report.set_defaults(run=run_report)


def run_init(args: argparse.Namespace) -> int:
    """``mipyme cohort init``: print what was done, or every problem of the roster (exit 2)."""
    from mipyme.cohort.course import init_course
    from mipyme.cohort.roster import RosterError

    try:
        result = init_course(args.dir, args.roster, args.course_id, db_url=args.db,
                             assignments=args.assignment, schedule=args.schedule,
                             due=args.due)
    except RosterError as err:
        print(f"mipyme: {err}", file=sys.stderr)
        for finding in err.findings:
            if finding.level != "error":
                print(f"  - {finding}", file=sys.stderr)
        return 2
    print(result.summary())
    return 0


def _canvas_ids(items: list[str]) -> dict[str, str]:
    out = {}
    for item in items:
        name, _, number = item.partition("=")
        if not name or not number.strip().isdigit():
            raise InputError("cohort.cli.bad_canvas_id", value=item)
        out[name.strip()] = number.strip()
    return out


def run_export(args: argparse.Namespace) -> int:
    """``mipyme export``: write the grade file and say where, for how many students."""
    from pathlib import Path

    from mipyme.cohort.export import grades, provisional_notice, write_grades

    if bool(args.assignment) == bool(args.all):
        raise InputError("cohort.cli.export_what", value=args.assignment, all=args.all)
    ids = _canvas_ids(args.canvas_id)
    table = grades(args.course, db_url=args.db,
                   assignment=None if args.all else args.assignment)
    out = Path(args.out) if args.out else Path(args.course) / f"grades_{args.format}.csv"
    path = write_grades(table, args.format, out, canvas_ids=ids,
                        include_provisional=args.include_provisional)
    print(t("cohort.export.written", format=args.format, path=path,
            students=table["student_id"].nunique(), assignments=table["assignment"].nunique()))
    notice = provisional_notice(table, args.format, path,
                                include_provisional=args.include_provisional)
    if notice:  # hand grading pending: say what was left out (or written as provisional)
        print(notice, file=sys.stderr)
    return 0


def run_report(args: argparse.Namespace) -> int:
    """``mipyme report``: write the program's HTML report and say where."""
    from mipyme.cohort.report import build_report
    from mipyme.tables import parse_date

    lang = args.report_lang or args.lang
    as_of = parse_date(args.as_of, "as-of") if args.as_of else None
    checks = None
    if getattr(args, "checks", None):  # read first: a bad folder stops before the report
        from mipyme.cohort.checks import read_check_results

        with language(lang or get_language()):
            checks = read_check_results(args.checks)
            if checks.problems:
                print(t("cohort.checks.problems", count=checks.set_aside), file=sys.stderr)
                for problem in checks.problems:
                    print(f"  - {problem}", file=sys.stderr)
    path = build_report(args.program_dir, args.out, lang=lang, goals=args.goals,
                        as_of=as_of, pdf=args.pdf, checks=checks)
    print(t("cohort.report.written", path=path))
    if args.pdf:
        print(t("cohort.report.written_pdf", path=path.with_suffix(".pdf")))
    return 0
