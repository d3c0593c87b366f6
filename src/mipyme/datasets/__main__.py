"""Command line: ``python -m mipyme.datasets build --out datasets/generated --seed 2026``.

``python -m mipyme.datasets dictionary --out datasets/README.md`` writes only the dictionary.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mipyme.datasets.dictionary import data_dictionary
from mipyme.datasets.generate import DEFAULT_SEED, build
from mipyme.i18n import t


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m mipyme.datasets",
                                     description=t("datasets.cli.description"))
    sub = parser.add_subparsers(dest="command", required=True)
    make = sub.add_parser("build", help=t("datasets.cli.build"))
    make.add_argument("--out", default="datasets/generated", type=Path)
    make.add_argument("--seed", default=DEFAULT_SEED, type=int)
    make.add_argument("--only", nargs="*", default=None)
    doc = sub.add_parser("dictionary", help=t("datasets.cli.dictionary"))
    doc.add_argument("--out", default=None, type=Path)
    args = parser.parse_args(argv)
    if args.command == "build":
        folder = build(args.out, seed=args.seed, only=args.only)
        print(t("datasets.cli.done", folder=folder, seed=args.seed))
    elif args.out is None:
        sys.stdout.write(data_dictionary())
    else:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(data_dictionary(), encoding="utf-8", newline="\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
