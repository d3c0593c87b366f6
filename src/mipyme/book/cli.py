"""Command line of the book builder (``python -m mipyme.book``).

>>> main(["build", "--help"])  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
SystemExit: 0

``check-readings`` compares each chapter reading and guide page with its other language
and prints every problem; its exit code is 1 if there is one. ``check-site`` does the same
for a built site (current with the sources, the same pages in both editions, no broken
link, no solution in a download).
"""

from __future__ import annotations

import sys
from pathlib import Path

from mipyme.book.build import build_book, check_site, page_paths
from mipyme.book.readings import check_readings, reading_pairs
from mipyme.cli_parser import Parser
from mipyme.curriculum import find_root
from mipyme.i18n import LANGUAGES, t

__all__ = ["main"]


def _ids(text: str) -> list[str]:
    return [item.strip() for item in text.split(",") if item.strip()]


def main(argv: list[str] | None = None) -> int:
    """Run the command; exit code 0 only if every edition built (or every pair matched)."""
    parser = Parser(prog="python -m mipyme.book",
                                     description=t("book.cli.description"))
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help=t("book.cli.build"))
    build.add_argument("--out", default="build/book", help=t("book.cli.out"))
    build.add_argument("--lang", choices=LANGUAGES, action="append", help=t("book.cli.lang"))
    build.add_argument("--only", type=_ids, default=None, help=t("book.cli.only"))
    build.add_argument("--no-execute", action="store_true", help=t("book.cli.no_execute"))
    build.add_argument("--execute-only", type=_ids, default=None,
                       help=t("book.cli.execute_only"))
    build.add_argument("--src", default=None, help=t("book.cli.src"))
    build.add_argument("--cache", default=None, help=t("book.cli.cache"))
    build.add_argument("--fieldkit", default=None, help=t("book.cli.fieldkit"))
    check = sub.add_parser("check-readings", help=t("book.cli.check_readings"))
    check.add_argument("--root", default=None, help=t("book.cli.root"))
    site = sub.add_parser("check-site", help=t("book.cli.check_site"))
    site.add_argument("--out", default="build/book", help=t("book.cli.out"))
    args = parser.parse_args(argv)
    if args.command == "check-readings":
        return _check_readings(args.root)
    if args.command == "check-site":
        return _check_site(args.out)

    execute: bool | list[str] = not args.no_execute
    if args.execute_only is not None and not args.no_execute:
        execute = args.execute_only
    results = build_book(args.out, langs=args.lang or LANGUAGES, only=args.only,
                         execute=execute, src=args.src, cache=args.cache,
                         fieldkit=args.fieldkit)
    code = 0
    for result in results:
        if result.ok:
            print(t("book.built", edition=result.lang, pages=len(page_paths(result.html)),
                    path=result.html))
        else:
            code = 1
            print(t("book.failed", edition=result.lang, code=result.returncode),
                  file=sys.stderr)
            print(result.log, file=sys.stderr)
    return code


def _check_readings(root: str | None) -> int:
    folder = find_root() if root is None else root
    findings = check_readings(folder)
    for finding in findings:
        print(finding, file=sys.stderr)
    if findings:
        return 1
    print(t("book.readings_ok", count=len(reading_pairs(folder))))
    return 0


def _check_site(out: str) -> int:
    findings = check_site(out)
    for finding in findings:
        print(finding, file=sys.stderr)
    if findings:
        return 1
    print(t("book.check_ok", path=out, pages=len(page_paths(Path(out) / LANGUAGES[0]))))
    return 0
