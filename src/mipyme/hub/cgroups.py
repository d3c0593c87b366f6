"""Per-user quotas with Linux control groups: one group per user's server and its kernels.

Rlimits (:mod:`mipyme.cohort._limits`) cap each process; a user with ten kernels could still
take ten times the memory, and CPU time is not a CPU share. A control group caps the user's
server and everything it starts together: memory (swap included), a CPU quota (``cpus=0.5``
is half a core) and the number of processes.

The groups live under the hub's own group, ``<own>/mipyme-hub/<course>/<user>`` (the course
id as a name, see ``HubPlan.quota_group``), in every hierarchy that carries a controller
(cgroup v1: ``memory``, ``cpu``, ``pids``; cgroup v2: the unified hierarchy with those
controllers enabled). :func:`detect` says which the machine
offers and, when none, why (:attr:`Quotas.reason`); the hub then keeps the rlimits only.

>>> q = Quota(memory_bytes=2**30, cpus=0.5, processes=64)
>>> writes("v1", q)
[('memory', 'memory.limit_in_bytes', '1073741824'), ('memory', 'memory.memsw.limit_in_bytes', '1073741824'), ('cpu', 'cpu.cfs_period_us', '100000'), ('cpu', 'cpu.cfs_quota_us', '50000'), ('pids', 'pids.max', '64')]
>>> writes("v2", q)
[('', 'memory.max', '1073741824'), ('', 'memory.swap.max', '0'), ('', 'cpu.max', '50000 100000'), ('', 'pids.max', '64')]
>>> Quota(memory_bytes=0, cpus=1, processes=1)
Traceback (most recent call last):
...
mipyme.errors.InputError: 'memory_bytes' debe ser mayor que cero (se recibió 0)
"""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from mipyme.errors import InputError

__all__ = ["ROOT", "Quota", "Quotas", "detect", "writes"]

ROOT = Path("/sys/fs/cgroup")
CONTROLLERS = ("memory", "cpu", "pids")
PERIOD_US = 100_000
_NAME = re.compile(r"^[a-z0-9_][a-z0-9_.-]{0,63}$")


@dataclass(frozen=True, slots=True)
class Quota:
    """What one user's server and its kernels may use together."""

    memory_bytes: int
    cpus: float
    processes: int

    def __post_init__(self) -> None:
        for name in ("memory_bytes", "processes"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise InputError("errors.positive", arg=name, value=value)
        if (not isinstance(self.cpus, int | float) or isinstance(self.cpus, bool)
                or not 0.01 <= self.cpus <= 1024):
            raise InputError("errors.between", arg="cpus", low=0.01, high=1024,
                             value=self.cpus)


def writes(version: str, quota: Quota) -> list[tuple[str, str, str]]:
    """``(hierarchy, file, value)`` to write in a user's group, in order.

    The hierarchy is the v1 controller's folder (``''`` for v2's unified one). Swap counts
    against the memory limit (v1 ``memsw``; v2 no swap), so a quota cannot be dodged by
    swapping.
    """
    quota_us = str(max(1000, round(quota.cpus * PERIOD_US)))
    memory = str(quota.memory_bytes)
    if version == "v1":
        return [("memory", "memory.limit_in_bytes", memory),
                ("memory", "memory.memsw.limit_in_bytes", memory),
                ("cpu", "cpu.cfs_period_us", str(PERIOD_US)),
                ("cpu", "cpu.cfs_quota_us", quota_us),
                ("pids", "pids.max", str(quota.processes))]
    return [("", "memory.max", memory), ("", "memory.swap.max", "0"),
            ("", "cpu.max", f"{quota_us} {PERIOD_US}"), ("", "pids.max", str(quota.processes))]


def _own_groups(proc_cgroup: str) -> dict[str, str]:
    """This process's group in each hierarchy: ``{controller or '': path}`` (v2 is ``''``)."""
    out = {}
    for line in proc_cgroup.splitlines():
        _, names, path = line.split(":", 2)
        for name in names.split(",") if names else [""]:
            out[name] = path
    return out


@dataclass(frozen=True, slots=True)
class Quotas:
    """The machine's cgroups as the hub uses them (``version`` None: not available, see
    ``reason``). ``prefix`` is the folder every group goes in (the autograder's boxes use
    ``mipyme-grade``, see :mod:`mipyme.cohort.boxgroups`)."""

    version: str | None
    bases: dict[str, Path]
    reason: str = ""
    prefix: str = "mipyme-hub"

    @property
    def available(self) -> bool:
        return self.version is not None

    def group(self, *parts: str) -> dict[str, Path]:
        """The folder of ``<prefix>/<parts...>`` (``mipyme-hub/...``) in each hierarchy used."""
        for part in parts:
            if not _NAME.match(part):
                raise InputError("hub.quota.bad_name", value=part)
        return {h: base.joinpath(self.prefix, *parts) for h, base in self.bases.items()}

    def create(self, quota: Quota, *parts: str) -> list[Path]:
        """Make (or reuse) the group with ``quota``; return the ``cgroup.procs`` files to join.

        Raises :class:`OSError` when the kernel refuses a value (the caller says so).
        """
        folders = self.group(*parts)
        if self.version == "v2":
            self._enable_v2(folders[""])
        for folder in folders.values():
            folder.mkdir(parents=True, exist_ok=True)
        steps = writes(self.version or "v2", quota)
        memsw = folders.get("memory", Path("/nonexistent")) / "memory.memsw.limit_in_bytes"
        if memsw.exists() and int(memsw.read_text()) < quota.memory_bytes:
            steps = [steps[1], steps[0], *steps[2:]]  # raising: memory+swap must stay >= memory
        for hierarchy, name, value in steps:
            target = folders[hierarchy] / name
            if name in ("memory.memsw.limit_in_bytes", "memory.swap.max") and not target.exists():
                continue  # swap accounting is off in this kernel: nothing to count
            target.write_text(value)
        return [folder / "cgroup.procs" for folder in folders.values()]

    def _enable_v2(self, leaf: Path) -> None:
        """Turn on the controllers in every group from the hub's own one down to ``leaf``."""
        base = self.bases[""]
        chain = [base / p for p in reversed(leaf.relative_to(base).parents)]
        want = " ".join(f"+{c}" for c in CONTROLLERS)
        for folder in chain:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "cgroup.subtree_control").write_text(want)

    def remove(self, *parts: str) -> None:
        """Remove the group if nothing runs in it any more (quietly keep it otherwise)."""
        for folder in self.group(*parts).values():
            with contextlib.suppress(OSError):
                folder.rmdir()


def join(procs_files: list[Path], pid: int | None = None) -> None:
    """Move ``pid`` (default: this process) into the group; safe in a ``preexec_fn``."""
    text = str(pid or os.getpid())
    for procs in procs_files:
        fd = os.open(procs, os.O_WRONLY)
        try:
            os.write(fd, text.encode())
        finally:
            os.close(fd)


def detect(root: Path = ROOT, proc_cgroup: str | None = None,
           prefix: str = "mipyme-hub") -> Quotas:
    """What this machine offers for per-user quotas (tries to make the folder ``prefix``)."""
    if os.geteuid() != 0:
        return Quotas(None, {}, "only root can create control groups")
    if proc_cgroup is None:
        try:
            proc_cgroup = Path("/proc/self/cgroup").read_text()
        except OSError as err:
            return Quotas(None, {}, f"/proc/self/cgroup: {err.strerror}")
    own = _own_groups(proc_cgroup)
    v1 = {c: root / c / own[c].lstrip("/") for c in CONTROLLERS
          if c in own and (root / c / "cgroup.procs").exists()}
    if len(v1) == len(CONTROLLERS):
        return _usable(Quotas("v1", v1, prefix=prefix))
    unified = root if (root / "cgroup.controllers").exists() else None
    if unified is not None and "" in own:
        base = unified / own[""].lstrip("/")
        offered = set((base / "cgroup.controllers").read_text().split()) \
            if (base / "cgroup.controllers").exists() else set()
        lacking = [c for c in CONTROLLERS if c not in offered]
        if lacking:
            return Quotas(None, {}, f"cgroup v2 at {base} does not offer {', '.join(lacking)}")
        return _usable(Quotas("v2", {"": base}, prefix=prefix))
    found = ", ".join(sorted(v1)) or "none"
    return Quotas(None, {}, f"no cgroup v2 with controllers under {root}, and cgroup v1 "
                            f"hierarchies found: {found} (needs {', '.join(CONTROLLERS)})")


def _usable(quotas: Quotas) -> Quotas:
    """``quotas`` if the hub can make its folder in every hierarchy, else why not."""
    for folder in quotas.group().values():
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            return Quotas(None, {}, f"cannot create {folder}: {err.strerror}")
    if quotas.version == "v2":
        try:
            quotas._enable_v2(quotas.group()[""] / "probe")
        except OSError as err:
            return Quotas(None, {}, f"cgroup v2 controllers cannot be delegated under "
                                    f"{quotas.bases['']}: {err.strerror}")
    return quotas
