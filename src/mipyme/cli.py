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
import contextlib
import os
import sys
from collections.abc import Iterator, Sequence
from typing import NoReturn

from mipyme import __version__
from mipyme.errors import InputError
from mipyme.i18n import LANGUAGES, set_language, t

__all__ = ["Parser", "main", "subcommands"]

# argparse's English texts (its gettext message ids, Python 3.11 to 3.13) and the kit's key
# for each. A text argparse adds later stays in English until it is listed here.
_ARGPARSE = {
    "usage: ": "cli.argparse.usage",
    "%(prog)s: error: %(message)s\n": "cli.argparse.error",
    "positional arguments": "cli.argparse.positionals",
    "options": "cli.argparse.options",
    "optional arguments": "cli.argparse.options",
    "show this help message and exit": "cli.argparse.help",
    "argument %(argument_name)s: %(message)s": "cli.argparse.argument",
    "the following arguments are required: %s": "cli.argparse.required",
    "invalid choice: %(value)r (choose from %(choices)s)": "cli.argparse.invalid_choice",
    "invalid %(type)s value: %(value)r": "cli.argparse.invalid_type",
    "unrecognized arguments: %s": "cli.argparse.unrecognized",
    "expected one argument": "cli.argparse.expected_one",
    "expected at most one argument": "cli.argparse.expected_at_most_one",
    "expected at least one argument": "cli.argparse.expected_at_least_one",
    "ambiguous option: %(option)s could match %(matches)s": "cli.argparse.ambiguous",
    "not allowed with argument %s": "cli.argparse.not_allowed",
    "one of the arguments %s is required": "cli.argparse.one_required",
    "ignored explicit argument %r": "cli.argparse.ignored_explicit",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "cli.argparse.unknown_parser",
    "subcommands": "cli.argparse.subcommands",
}
_ARGPARSE_PLURAL = {"expected %s argument": "cli.argparse.expected_n"}


def _gettext(message: str) -> str:
    key = _ARGPARSE.get(message)
    return t(key) if key else message


def _ngettext(singular: str, plural: str, n: int) -> str:
    key = _ARGPARSE_PLURAL.get(singular)
    return t(key) if key else (singular if n == 1 else plural)


@contextlib.contextmanager
def _argparse_texts() -> Iterator[None]:
    # argparse looks its texts up through the module's ``_`` and ``ngettext`` (gettext) when
    # it builds a parser, formats help and reports an error: point them at the kit's
    # catalogue for the length of the call, then put them back.
    before = (argparse._, getattr(argparse, "ngettext", None))
    argparse._ = _gettext
    argparse.ngettext = _ngettext
    try:
        yield
    finally:
        argparse._ = before[0]
        if before[1] is not None:
            argparse.ngettext = before[1]


class Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose own texts (usage, errors, help headings) are in the
    language in use; its sub-commands' parsers are ``Parser`` too."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        with _argparse_texts():
            super().__init__(*args, **kwargs)

    def parse_known_args(self, args: Sequence[str] | None = None,
                         namespace: argparse.Namespace | None = None,
                         ) -> tuple[argparse.Namespace, list[str]]:
        with _argparse_texts():
            return super().parse_known_args(args, namespace)

    def parse_args(self, args: Sequence[str] | None = None,
                   namespace: argparse.Namespace | None = None) -> argparse.Namespace:
        with _argparse_texts():
            return super().parse_args(args, namespace)

    def format_usage(self) -> str:
        with _argparse_texts():
            return super().format_usage()

    def format_help(self) -> str:
        with _argparse_texts():
            return super().format_help()

    def error(self, message: str) -> NoReturn:
        with _argparse_texts():
            super().error(message)


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
    args = build_parser().parse_args(argv)
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
