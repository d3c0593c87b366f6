"""Set resource limits, then become the given command (run inside the sandbox).

``python -I -S _limits.py --memory=BYTES --processes=N --file-size=BYTES
--cpu=SECONDS -- COMMAND ...``. Only lowers limits; the kernel cannot raise them again.
When the process limit is per user and this user already runs processes elsewhere (a
grader without its own user id), the limit counts on top of them.
"""

from __future__ import annotations

import os
import resource
import sys

SCRIPT = os.path.realpath(__file__)


def command(python: str, *, memory: int, processes: int, file_size: int, cpu: int
            ) -> list[str]:
    """The prefix that runs this script (alone: ``-I -S``, no site, no kit import) to set
    the limits, then the command that follows it."""
    return [python, "-I", "-S", SCRIPT, f"--memory={memory}", f"--processes={processes}",
            f"--file-size={file_size}", f"--cpu={cpu}", "--"]


def _count_own_processes() -> int:
    uid = os.getuid()
    count = 0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if os.stat(f"/proc/{entry}").st_uid == uid:
                    count += 1
            except OSError:
                pass
    return count


def main(argv: list[str]) -> None:
    split = argv.index("--")
    opts = dict(a.lstrip("-").split("=", 1) for a in argv[:split])
    command = argv[split + 1:]
    limits = {
        resource.RLIMIT_AS: int(opts["memory"]),
        resource.RLIMIT_FSIZE: int(opts["file-size"]),
        resource.RLIMIT_CPU: int(opts["cpu"]),
        resource.RLIMIT_CORE: 0,
    }
    nproc = int(opts["processes"])
    if os.getuid() != 0:
        nproc += _count_own_processes()
    limits[resource.RLIMIT_NPROC] = nproc
    for kind, value in limits.items():
        _soft, hard = resource.getrlimit(kind)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        resource.setrlimit(kind, (value, value))
    os.execvp(command[0], command)


if __name__ == "__main__":
    main(sys.argv[1:])
