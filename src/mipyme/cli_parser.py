"""A command-line parser whose own texts follow the language in use.

argparse writes "usage:", "options", "error: the following arguments are required" and its
help headings in English. :class:`Parser` looks each of them up in the kit's catalogue
(``cli.argparse.*``) while it builds, formats and reports, so ``mipyme`` and
``python -m mipyme.book`` answer in the learner's language. Every sub-command's parser is a
``Parser`` too.

>>> from mipyme.i18n import set_language
>>> set_language("es")
>>> print(Parser(prog="demo").format_usage().strip())
uso: demo [-h]
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator, Sequence
from typing import NoReturn

from mipyme.i18n import t

__all__ = ["Parser"]

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
