"""The box a student's kernel runs in: no network, a read-only system, limits.

On Linux the box is `bubblewrap <https://github.com/containers/bubblewrap>`_: the kernel sees
only what Python needs to run (``/usr``, ``/etc``, the Python installation, the kit's
environment) read-only, a private ``/tmp`` and its own work folder, which holds a copy of
this one submission and nothing else. The course folder (``source/``, other students, the
gradebook), the kit's own exercises with their hidden tests and every home folder are simply
not there. It has its own network namespace (no network at all), its own process namespace
(a fork bomb or a stray child dies with the box) and, when the grader runs as root, an
unprivileged user id of its own so the process limit counts only this box.

Limits (:class:`Limits`) are set by :mod:`mipyme.cohort._limits` inside the box, just before
the kernel starts: address space (memory), processes, file size, CPU time.

Where bubblewrap is missing or does not work, :func:`find_sandbox` refuses with a message
that says how to install it, unless the caller explicitly asks for ``unsafe=True``.

>>> Limits().memory_bytes // 2**30, Limits().processes
(2, 256)
>>> Limits(memory_bytes=0)
Traceback (most recent call last):
...
mipyme.errors.InputError: 'memory_bytes' debe ser mayor que cero (se recibió 0)
"""

from __future__ import annotations

import functools
import itertools
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from mipyme.cohort import _limits
from mipyme.errors import InputError

__all__ = ["Limits", "Sandbox", "SandboxUnavailable", "find_sandbox"]

#: First user id of the boxes when the grader runs as root (one id per box in use).
UID_BASE = 61000
_UID_SPAN = 2000


@dataclass(frozen=True, slots=True)
class Limits:
    """What one submission's kernel may use.

    ``cell_timeout`` is in seconds per cell (``None``: the course's ``Execute.timeout``);
    ``output_bytes`` is how much output is kept for the notebook (more is dropped with a
    note) and ``output_abort_bytes`` how much makes the grader stop the kernel.
    """

    memory_bytes: int = 2 * 2**30
    processes: int = 256
    cell_timeout: int | None = None
    output_bytes: int = 4 * 2**20
    output_abort_bytes: int = 64 * 2**20
    file_bytes: int = 256 * 2**20
    cpu_seconds: int = 900
    tmp_bytes: int = 256 * 2**20

    def __post_init__(self) -> None:
        for name in ("memory_bytes", "processes", "output_bytes", "output_abort_bytes",
                     "file_bytes", "cpu_seconds", "tmp_bytes"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                raise InputError("errors.positive", arg=name, value=value)
        if self.cell_timeout is not None and (
                not isinstance(self.cell_timeout, int) or self.cell_timeout <= 0):
            raise InputError("errors.positive", arg="cell_timeout", value=self.cell_timeout)


class SandboxUnavailable(RuntimeError):
    """No sandbox can run here; the message says why and what to do."""


_slots = itertools.count()
_slots_lock = threading.Lock()


def _next_uid() -> int:
    """A user id no other box of this process is using (boxes of other processes on the same
    machine are kept apart by the process id)."""
    with _slots_lock:
        slot = next(_slots)
    return UID_BASE + (os.getpid() * 8 + slot) % _UID_SPAN


@functools.cache
def _python_paths(python: str) -> tuple[str, ...]:
    """Folders the kernel's Python needs: its installation and every entry of its path."""
    code = ("import sys, os; print('\\n'.join([sys.prefix, sys.base_prefix, sys.exec_prefix]"
            " + [p for p in sys.path if p and os.path.isdir(p)]))")
    out = subprocess.run([python, "-I", "-c", code], capture_output=True, text=True,
                         check=True, timeout=60).stdout.split()
    real = os.path.realpath(python)
    return tuple(dict.fromkeys([*out, str(Path(real).parent.parent)]))


def _outermost(paths: list[str]) -> list[str]:
    """Drop the paths that lie inside another path of the list."""
    kept: list[str] = []
    for path in sorted(set(paths), key=len):
        if not any(path == k or path.startswith(k.rstrip("/") + "/") for k in kept):
            kept.append(path)
    return kept


def _parents(path: str) -> list[str]:
    parts = Path(path).parts[1:-1]
    return ["/" + "/".join(parts[:i + 1]) for i in range(len(parts))]


@dataclass(frozen=True, slots=True)
class Sandbox:
    """How to start a command in the box. ``kind`` is ``"bwrap"`` or ``"none"`` (unsafe).

    ``python`` is the interpreter the kernels use; ``hide`` lists folders that must not be
    visible even if they lie inside a folder the kernel needs (the course folder, say).
    """

    kind: str = "bwrap"
    python: str = sys.executable
    hide: tuple[str, ...] = ()

    def command(self, argv: list[str], workdir: str | Path, limits: Limits,
                env: dict[str, str], cwd: str | Path | None = None
                ) -> tuple[list[str], int | None]:
        """The full command that runs ``argv`` boxed, in ``cwd`` (default ``workdir``);
        ``workdir`` is the one folder the box may write. Also returns the user id the box
        runs as (``None``: the grader's own)."""
        limit_args = _limits.command(
            sys.executable if self.kind == "none" else self.python,
            memory=limits.memory_bytes, processes=limits.processes,
            file_size=limits.file_bytes, cpu=limits.cpu_seconds)
        if self.kind == "none":
            return [*limit_args, *argv], None
        workdir = str(Path(workdir).resolve())
        cwd = str(Path(cwd).resolve()) if cwd else workdir
        uid = _next_uid() if os.geteuid() == 0 else None
        binds = _outermost([p for p in (*_python_paths(self.python), "/usr", "/etc")
                            if os.path.isdir(p)])
        cmd = ["bwrap"]
        made: set[str] = {"/", "/tmp", "/dev", "/proc"}

        def parents(path: str) -> list[str]:
            # bwrap makes missing parents private (0700): make them 0755 first.
            out = []
            for parent in _parents(path):
                if parent not in made and not os.path.islink(parent):
                    out += ["--perms", "0755", "--dir", parent]
                    made.add(parent)
            return out

        # The private /tmp first: a Python installed under /tmp (a fresh clone's .venv)
        # is then bound on top of it instead of being hidden by it.
        cmd += ["--size", str(limits.tmp_bytes), "--perms", "1777", "--tmpfs", "/tmp"]
        for path in binds:
            cmd += [*parents(path), "--ro-bind", path, path]
        for link in ("bin", "lib", "lib64", "sbin"):
            if os.path.islink(f"/{link}"):
                cmd += ["--symlink", os.readlink(f"/{link}"), f"/{link}"]
            elif os.path.isdir(f"/{link}") and f"/{link}" not in binds:
                cmd += ["--ro-bind", f"/{link}", f"/{link}"]
        for path in self.hide:
            if any(path == b or path.startswith(b.rstrip("/") + "/") for b in binds):
                cmd += ["--tmpfs", path]
        cmd += ["--dev", "/dev", "--proc", "/proc",
                *parents(workdir), "--bind", workdir, workdir, "--chdir", cwd,
                "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
                "--unshare-cgroup-try", "--die-with-parent", "--new-session",
                "--hostname", "sandbox", "--clearenv"]
        for key, value in env.items():
            cmd += ["--setenv", key, value]
        if uid is None:
            cmd += ["--unshare-user"]
            inner = limit_args
        else:
            cmd += ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
            inner = ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups",
                     "--inh-caps=-all", "--bounding-set=-all", *limit_args]
        return [*cmd, "--", *inner, *argv], uid

    def check(self) -> None:
        """Start a tiny boxed Python once; raise :class:`SandboxUnavailable` if it fails."""
        if self.kind == "none":
            return
        _probe(self)


@functools.cache
def _probe(box: Sandbox) -> None:
    import tempfile

    from mipyme.i18n import t

    if shutil.which("bwrap") is None:
        raise SandboxUnavailable(t("cohort.sandbox.missing"))
    with tempfile.TemporaryDirectory(prefix="mipyme-probe-") as tmp:
        cmd, uid = box.command([box.python, "-c", "import socket; print('ok')"], tmp,
                               Limits(), {"PATH": "/usr/bin:/bin"})
        if uid is not None:
            os.chown(tmp, uid, uid)
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    if proc.returncode != 0 or proc.stdout.strip() != "ok":
        raise SandboxUnavailable(t("cohort.sandbox.broken",
                                   output=(proc.stderr or proc.stdout).strip()[-500:]))


def find_sandbox(*, unsafe: bool = False, python: str | None = None,
                 hide: tuple[str, ...] = ()) -> Sandbox:
    """The sandbox to grade with: bubblewrap, checked to work; with ``unsafe=True``, none.

    Raises :class:`SandboxUnavailable` (with what to install) when bubblewrap cannot run.
    """
    if unsafe:
        return Sandbox("none", python or sys.executable, hide)
    if not sys.platform.startswith("linux"):
        from mipyme.i18n import t

        raise SandboxUnavailable(t("cohort.sandbox.platform", platform=sys.platform))
    box = Sandbox("bwrap", python or sys.executable, tuple(hide))
    box.check()
    return box
