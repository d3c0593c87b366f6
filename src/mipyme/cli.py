"""The ``mipyme`` command. Help and messages follow ``--lang`` or ``MIPYME_LANG`` (es, en),
argparse's own too (usage, a missing or wrong option, help headings).

>>> main(["--lang", "en", "version"])
mipyme 0.1.0
0
>>> import contextlib, io
>>> err = io.StringIO()
>>> with contextlib.redirect_stderr(err):
...     main(["export", "ch01", "--course", "c", "--format", "xls"])
Traceback (most recent call last):
...
SystemExit: 2
>>> print(err.getvalue().splitlines()[-1])
mipyme export: error: argumento --format: debe ser uno de 'csv', 'moodle', 'canvas' (se recibió 'xls')
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from mipyme import __version__
from mipyme.cli_parser import Parser
from mipyme.errors import InputError
from mipyme.i18n import LANGUAGES, set_language, t

__all__ = ["Parser", "main", "subcommands"]

def _language(argv: Sequence[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return os.environ.get("MIPYME_LANG", LANGUAGES[0])


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="mipyme", description=t("cli.description"))
    parser.add_argument("--lang", choices=LANGUAGES, help=t("cli.lang"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    build = sub.add_parser("build", help=t("cli.build"), description=t("cli.build"))
    build.add_argument("--out", default="build", help=t("cli.build_out"))
    sub.add_parser("version", help=t("cli.version"))
    # Cohort tooling: each module adds its subcommands with ``set_defaults(run=...)``.
    from mipyme.cohort import cli_grading, cli_program
    from mipyme.hub import cli as hub_cli

    cli_program.register(sub)
    cli_grading.register(sub)
    hub_cli.register(sub)
    return parser


def subcommands(parser: argparse.ArgumentParser | None = None) -> dict[str, tuple[str, ...]]:
    """Every command of ``mipyme`` with its actions (empty for a command without any), read
    from the parser itself.

    >>> commands = subcommands()
    >>> "init" in commands["cohort"], commands["version"]
    (True, ())
    """

    def names(p: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
        for action in p._actions:
            if isinstance(action, argparse._SubParsersAction):
                return dict(action.choices)
        return {}

    return {name: tuple(names(sub)) for name, sub in names(parser or build_parser()).items()}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _language(argv)
    set_language(lang if lang in LANGUAGES else LANGUAGES[0])
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:
        if not hasattr(args, "nbgrader_args"):
            parser.parse_args(argv)  # argparse's own "unrecognized arguments" error
        # ``mipyme autograde`` and ``mipyme feedback`` pass the rest to nbgrader's own
        # option parser (--Class.trait=value, --notebook, --no-execute, -f...)
        args.nbgrader_args = extra
    try:
        if args.command == "version":
            print(f"mipyme {__version__}")
        elif args.command == "build":
            from mipyme.kit import build_kit

            out = build_kit(args.out)
            print(t("cli.built", path=out))
        else:
            return args.run(args)
    except InputError as err:
        print(f"mipyme: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
