"""``mipyme hub``: start a cohort's JupyterHub, run instructor commands as the course grader.

Registered in ``mipyme.cli`` with ``register(sub)``; also runs alone as
``python -m mipyme.hub.cli ...``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from mipyme.i18n import LANGUAGES, get_language, set_language, t

__all__ = ["main", "register", "run_as_grader", "run_start"]


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``hub start`` and ``hub as-grader``; each sets ``run`` to a function(args) -> code."""
    hub = sub.add_parser("hub", help=t("hub.cli.hub_help"), description=t("hub.cli.hub_help"))
    actions = hub.add_subparsers(dest="hub_command", metavar="ACTION", required=True)
    start = actions.add_parser("start", help=t("hub.cli.start_help"),
                               description=t("hub.cli.start_help"))
    start.add_argument("--course", required=True, metavar="DIR", help=t("hub.cli.course"))
    start.add_argument("--port", type=int, default=8000, metavar="N", help=t("hub.cli.port"))
    start.add_argument("--ip", default="127.0.0.1", metavar="IP", help=t("hub.cli.ip"))
    start.add_argument("--state", metavar="DIR", help=t("hub.cli.state"))
    start.add_argument("--instructor", action="append", default=[], metavar="NAME",
                       help=t("hub.cli.instructor"))
    start.add_argument("--memory", type=int, default=2048, metavar="MIB",
                       help=t("hub.cli.memory"))
    start.add_argument("--cpus", type=float, default=1.0, metavar="N", help=t("hub.cli.cpus"))
    start.add_argument("--processes", type=int, default=128, metavar="N",
                       help=t("hub.cli.processes"))
    start.add_argument("--cpu-seconds", type=int, default=4 * 3600, metavar="S",
                       help=t("hub.cli.cpu_seconds"))
    start.add_argument("--idle-timeout", type=int, default=3600, metavar="S",
                       help=t("hub.cli.idle_timeout"))
    start.add_argument("--check", action="store_true", help=t("hub.cli.check"))
    start.set_defaults(run=run_start)
    grader = actions.add_parser("as-grader", help=t("hub.cli.as_grader_help"),
                                description=t("hub.cli.as_grader_help"))
    grader.add_argument("--course", required=True, metavar="DIR", help=t("hub.cli.course"))
    grader.add_argument("argv", nargs=argparse.REMAINDER, metavar="-- COMMAND",
                        help=t("hub.cli.as_grader_cmd"))
    grader.set_defaults(run=run_as_grader)


def run_start(args: argparse.Namespace) -> int:
    """``mipyme hub start``: say what is missing (exit 3), else run the hub until it stops."""
    from mipyme.hub.cgroups import detect
    from mipyme.hub.core import HubLimits, missing, plan_hub, start

    limits = HubLimits(memory_bytes=args.memory * 2**20, processes=args.processes,
                       cpu_seconds=args.cpu_seconds, cpu_cores=args.cpus)
    plan = plan_hub(args.course, state=args.state, instructors=args.instructor, ip=args.ip,
                    port=args.port, limits=limits, idle_timeout=args.idle_timeout,
                    lang=get_language())
    lacking = missing(plan)
    if lacking:
        print(t("hub.missing.header") + "".join(f"\n  - {m}" for m in lacking),
              file=sys.stderr)
        return 3
    print(t("hub.start.summary", url=plan.url, course_id=plan.course_id,
            students=len(plan.students), instructors=", ".join(plan.instructors),
            state=plan.state, service=plan.service), flush=True)
    quotas = detect()
    if quotas.available:
        where = ", ".join(map(str, quotas.group(plan.quota_group).values()))
        print(t("hub.start.quotas", memory=args.memory, cpus=args.cpus,
                processes=args.processes, where=where, version=quotas.version), flush=True)
    else:
        print(t("hub.start.no_quotas", reason=quotas.reason), flush=True)
    if args.check:
        return 0
    return start(plan)


def run_as_grader(args: argparse.Namespace) -> int:
    """``mipyme hub as-grader --course DIR -- CMD ...``: CMD's exit code and output."""
    from mipyme.hub.core import as_grader

    argv = args.argv[1:] if args.argv[:1] == ["--"] else args.argv
    if not argv:
        print(t("hub.cli.as_grader_nothing"), file=sys.stderr)
        return 2
    proc = as_grader(args.course, argv)
    sys.stdout.write(proc.stdout)
    sys.stderr.write(proc.stderr)
    return proc.returncode


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m mipyme.hub.cli ACTION ...`` (the same as ``mipyme hub ACTION ...``)."""
    from mipyme.errors import InputError

    parser = argparse.ArgumentParser(prog="mipyme")
    parser.add_argument("--lang", choices=LANGUAGES)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    register(sub)
    args = parser.parse_args(["hub", *(sys.argv[1:] if argv is None else argv)])
    if args.lang:
        set_language(args.lang)
    try:
        return args.run(args)
    except InputError as err:
        print(f"mipyme: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
