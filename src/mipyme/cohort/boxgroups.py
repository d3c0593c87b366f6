"""One control group per box: a submission's kernel and everything it starts share one quota.

Rlimits (:mod:`mipyme.cohort._limits`) cap each process: three children of 1.5 GB each fit a
2 GiB address-space limit one by one. A control group caps them together: memory (swap
included) is ``Limits.memory_bytes`` for every process of the box, the number of processes
(threads included) ``Limits.processes`` and the CPU ``Limits.cpus`` cores. The groups are the
hub's (:mod:`mipyme.hub.cgroups`: cgroup v2 where the machine has it, v1 otherwise) under the
grader's own group, in ``mipyme-grade/<pid>.<start>.<ns>-<n>``: ``<pid>.<start>.<ns>`` names
the grader process (:func:`owner_tag`), ``<n>`` counts its boxes. The box's first process joins
its group before it becomes bubblewrap, so nothing of the student's runs outside it; the
group is emptied (every process killed) and removed after the kernel stops, and the groups
of graders that are gone (killed with ``kill -9``, say) are removed before a new one is
made.

Where the machine has no usable control groups (not root, none mounted), :func:`machine`
says why once in the log and :attr:`mipyme.cohort.sandbox.Sandbox.quotas_reason` carries the
reason; the boxes then keep the per-process rlimits only.

>>> from mipyme.cohort.sandbox import Limits
>>> quota_for(Limits(memory_bytes=2**30, processes=64, cpus=1.0))
Quota(memory_bytes=1073741824, cpus=1.0, processes=64)
>>> tag = owner_tag()
>>> pid, start, namespace = tag.split(".")
>>> owner_alive(tag), owner_alive(f"{pid}.{start}1.{namespace}"), owner_alive("not-a-tag")
(True, False, False)
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import logging
import os
import signal
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from mipyme.hub.cgroups import Quota, Quotas, detect, join

if TYPE_CHECKING:
    from mipyme.cohort.sandbox import Limits

__all__ = ["PREFIX", "BoxGroup", "machine", "owner_alive", "owner_tag", "quota_for", "reason"]

#: The folder every box's group goes in, under the grader's own group.
PREFIX = "mipyme-grade"

_log = logging.getLogger("mipyme.cohort")
_counter = itertools.count()
_counter_lock = threading.Lock()


def _start_time(pid: int) -> str | None:
    """When process ``pid`` started (clock ticks since boot), ``None`` if there is none."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return None
    except OSError:  # no /proc here: the process id alone has to do
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        except PermissionError:
            pass
        return "0"
    return stat.rsplit(")", 1)[1].split()[19]


@functools.cache
def _pid_namespace() -> str:
    try:
        return str(os.stat("/proc/self/ns/pid").st_ino)
    except OSError:
        return "0"


def owner_tag(pid: int | None = None) -> str:
    """``<pid>.<start time>.<pid namespace>`` of this process (or ``pid``): unique while it
    lives, and a process that reuses the id later gets another tag."""
    pid = pid or os.getpid()
    return f"{pid}.{_start_time(pid) or 0}.{_pid_namespace()}"


def owner_alive(tag: str) -> bool:
    """Whether the process that ``tag`` (:func:`owner_tag`) names still runs. A tag of
    another process namespace (a grader in another container sharing the control groups)
    counts as alive: this process cannot tell."""
    parts = tag.split(".")
    if len(parts) != 3 or not all(part.isdigit() for part in parts):
        return False
    pid, start, namespace = parts
    if namespace != _pid_namespace():
        return True
    now = _start_time(int(pid))
    return now is not None and (now == start or now == "0")


def quota_for(limits: Limits) -> Quota:
    """The group quota of one box with ``limits``."""
    return Quota(memory_bytes=limits.memory_bytes, cpus=limits.cpus,
                 processes=limits.processes)


@functools.cache
def machine() -> Quotas:
    """The machine's control groups for boxes, looked at once per process (the reason is
    logged once when there are none)."""
    quotas = detect(prefix=PREFIX)
    if not quotas.available:
        _log.warning("mipyme: each box keeps per-process limits only (no control group): %s",
                     quotas.reason)
    return quotas


def reason() -> str:
    """Why the boxes run without a control group of their own here (``""``: they have one)."""
    quotas = machine()
    return "" if quotas.available else quotas.reason


def _sweep(quotas: Quotas) -> None:
    """Empty and remove the groups of grader processes that no longer run."""
    names: set[str] = set()
    for folder in quotas.group().values():
        with contextlib.suppress(OSError):
            names.update(p.name for p in folder.iterdir() if p.is_dir())
    for name in sorted(names):
        if not owner_alive(name.rpartition("-")[0]):
            BoxGroup(quotas, name).remove()


class BoxGroup:
    """The control group of one box (``procs``: its ``cgroup.procs`` files)."""

    def __init__(self, quotas: Quotas, name: str, procs: list[Path] | None = None) -> None:
        self.quotas, self.name = quotas, name
        self.folders = quotas.group(name)
        self.procs = procs or [folder / "cgroup.procs" for folder in self.folders.values()]

    def __repr__(self) -> str:
        return f"BoxGroup({', '.join(str(f) for f in self.folders.values())})"

    @classmethod
    def create(cls, limits: Limits) -> BoxGroup | None:
        """A new group holding ``limits``; ``None`` where the machine has none (see
        :func:`reason`) or the kernel refused the quota (logged)."""
        quotas = machine()
        if not quotas.available:
            return None
        _sweep(quotas)
        with _counter_lock:
            name = f"{owner_tag()}-{next(_counter)}"
        try:
            procs = quotas.create(quota_for(limits), name)
        except OSError as err:
            _log.error("mipyme: box without a control group (%s): %s", name, err)
            BoxGroup(quotas, name).remove()
            return None
        return cls(quotas, name, procs)

    def join(self) -> None:
        """Move this process into the group (the box's first process, before it becomes
        bubblewrap: a ``preexec_fn``)."""
        join(self.procs)

    def add(self, pid: int) -> None:
        """Move the process ``pid`` into the group (a kernel the template forked)."""
        join(self.procs, pid)

    def pids(self) -> set[int]:
        """The processes in the group now."""
        found: set[int] = set()
        for procs in self.procs:
            with contextlib.suppress(OSError):
                found.update(int(p) for p in procs.read_text().split())
        return found

    def kill(self, rounds: int = 50) -> bool:
        """Kill every process in the group (again while a fork loop adds more); whether it
        is empty."""
        kill_file = next(iter(self.folders.values())) / "cgroup.kill"
        for _ in range(rounds):
            pids = self.pids()
            if not pids:
                return True
            if self.quotas.version == "v2" and kill_file.exists():
                with contextlib.suppress(OSError):
                    kill_file.write_text("1")
            for pid in pids:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.kill(pid, signal.SIGKILL)
            time.sleep(0.02)
        return not self.pids()

    def oom_kills(self) -> int:
        """How many processes of the group the kernel killed for memory so far."""
        if self.quotas.version == "v2":
            file, prefix = self.folders[""] / "memory.events", "oom_kill "
        else:
            file, prefix = self.folders.get("memory", Path("/nonexistent")) / \
                "memory.oom_control", "oom_kill "
        with contextlib.suppress(OSError, ValueError):
            for line in file.read_text().splitlines():
                if line.startswith(prefix):
                    return int(line.split()[1])
        return 0

    def remove(self) -> bool:
        """Kill what is left in the group and remove it; whether it is gone."""
        self.kill()
        for _ in range(50):  # a killed process leaves the group once it is reaped
            self.quotas.remove(self.name)
            if not any(folder.exists() for folder in self.folders.values()):
                return True
            time.sleep(0.02)
        _log.error("mipyme: could not remove the control group %s", self)
        return False
