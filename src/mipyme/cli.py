"""The ``mipyme`` command. Help and messages follow ``--lang`` or ``MIPYME_LANG`` (es, en).

>>> main(["--lang", "en", "version"])
mipyme 0.1.0
0
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from mipyme import __version__
from mipyme.errors import InputError
from mipyme.i18n import LANGUAGES, set_language, t

__all__ = ["main"]


def _language(argv: Sequence[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return os.environ.get("MIPYME_LANG", LANGUAGES[0])


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mipyme", description=t("cli.description"))
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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _language(argv)
    set_language(lang if lang in LANGUAGES else LANGUAGES[0])
    args = _parser().parse_args(argv)
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
