"""``python -m mipyme.fieldkit build --out build/fieldkit [--chapters ch01 ch02]``."""

from __future__ import annotations

import argparse
import sys

from mipyme.fieldkit import build
from mipyme.i18n import t


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mipyme.fieldkit",
                                     description=t("fieldkit.cli.description"))
    sub = parser.add_subparsers(dest="command", required=True)
    cmd = sub.add_parser("build", help=t("fieldkit.cli.description"))
    cmd.add_argument("--out", default="build/fieldkit", help=t("fieldkit.cli.out"))
    cmd.add_argument("--chapters", nargs="*", default=(), help=t("fieldkit.cli.chapters"))
    args = parser.parse_args(argv)
    report = build(args.out, tuple(args.chapters))
    for key, size in report.zips.items():
        print(t("fieldkit.cli.wrote", path=key, size=round(size / 1024)),
              f"(📱 {round(report.phone[key] / 1024)} KB)")
    print(t("fieldkit.cli.total", count=len(report.zips),
            size=round(sum(report.zips.values()) / 1024), seconds=round(report.seconds, 1)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
