"""Warm kernels without shared state: each submission's kernel is forked from a template.

A cold kernel pays, for every submission, a new interpreter, ipykernel and the imports of
pandas, matplotlib and the kit: most of the grading time of a short notebook. The template
kernel (:mod:`mipyme.cohort._template`) pays them once per batch and then forks, for each
submission, a process that enters a box of its own before anything of the submission
exists in it: its own mount, process, network, IPC and host-name namespaces, its own
``/tmp``, ``/dev/shm`` and work folder, its own user id, control group, limits and seccomp
filter, as a cold kernel's box has (:mod:`mipyme.cohort.sandbox`). Nothing passes from one
student to the next: the template never runs student code and never sees a submission, and
each kernel is a new process that ends with its notebook.

What a notebook can notice: the modules of :data:`mipyme.cohort._template.WARM` are in
``sys.modules`` before its first cell (they would be after its imports), and Python's hash
seed is the template's (the order of a ``set`` of strings is the same for every student of a
batch; random numbers are seeded afresh for each kernel).

The template serves kernels whose kernelspec is the standard ``python -m ipykernel_launcher
-f {connection_file}`` of the sandbox's Python, when the grader runs as root with
bubblewrap (the same conditions under which each box gets a user id of its own); any other
kernel, and every kernel when ``MIPYME_GRADE_TEMPLATE=0``, starts cold as before. A template
that cannot start is logged once and the batch goes on cold.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import select
import signal
import subprocess
import threading
import time
from typing import Any

__all__ = ["TEMPLATES", "ForkedProcess", "TemplateError", "TemplateKernel", "TemplatePool",
           "serves"]

_log = logging.getLogger("mipyme.cohort")
COMMAND = ("-m", "mipyme.cohort._template")
#: Seconds the template may take to import :data:`~mipyme.cohort._template.WARM`.
START_TIMEOUT = 120.0
#: Seconds a fork may take.
FORK_TIMEOUT = 30.0


class TemplateError(RuntimeError):
    """The template kernel could not start, or stopped answering."""


def enabled() -> bool:
    """Whether warm kernels are on (``MIPYME_GRADE_TEMPLATE=0`` turns them off)."""
    return os.environ.get("MIPYME_GRADE_TEMPLATE", "1").strip().lower() not in (
        "0", "no", "false", "off")


def serves(sandbox: Any, kernel_name: str) -> bool:
    """Whether the template can start ``kernel_name`` in ``sandbox`` (see the module)."""
    if not enabled() or sandbox.kind != "bwrap" or os.geteuid() != 0:
        return False
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec(kernel_name)
    except NoSuchKernel:
        return False
    argv = list(spec.argv)
    if spec.env or argv[1:] != ["-m", "ipykernel_launcher", "-f", "{connection_file}"]:
        return False
    return argv[0] in ("python", "python3") or \
        os.path.realpath(argv[0]) == os.path.realpath(sandbox.python)


class ForkedProcess:
    """A kernel forked by the template, as jupyter_client's provisioner sees a process.

    It is not the grader's child: it is watched and signalled through a pidfd, which
    cannot reach another process once it has ended."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self._fd = os.pidfd_open(pid)
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            waiting = select.poll()
            waiting.register(self._fd, select.POLLIN)
            if waiting.poll(0):
                self.returncode = 0
                self.close()
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired("kernel", timeout)
            time.sleep(0.02)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.returncode is None and self._fd >= 0:
            try:
                signal.pidfd_send_signal(self._fd, signum)
            except ProcessLookupError:
                pass

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def close(self) -> None:
        fd, self._fd = self._fd, -1
        if fd >= 0:
            os.close(fd)


class TemplateKernel:
    """One template kernel in its box, shared by the threads of a batch."""

    def __init__(self, sandbox: Any, limits: Any, env: dict[str, str]) -> None:
        from mipyme.cohort.executors import work_parent

        self.parent = work_parent()
        self._lock = threading.Lock()
        self._buffer = b""
        # No control group of its own: it runs no student code, and each kernel it forks
        # is moved into its box's group before it starts.
        cmd = sandbox.template_command([sandbox.python, *COMMAND], self.parent, limits, env)
        try:
            self.proc = subprocess.Popen(
                cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL, cwd="/")
            ready = self._receive(START_TIMEOUT)
        except BaseException:
            self.close()
            raise
        if not ready.get("ready"):
            self.close()
            raise TemplateError(f"template: {ready.get('error', 'it did not start')}")
        self.warm = tuple(ready.get("warm", ()))

    def alive(self) -> bool:
        return self.proc.poll() is None

    def _send(self, message: dict) -> None:
        try:
            self.proc.stdin.write(json.dumps(message).encode() + b"\n")
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError, ValueError) as err:
            raise TemplateError(f"template: {err}") from err

    def _receive(self, timeout: float) -> dict:
        from mipyme.cohort.sandbox import read_line

        try:
            line, self._buffer = read_line(self.proc.stdout.fileno(), self._buffer, timeout)
        except (TimeoutError, EOFError) as err:
            raise TemplateError(f"template: {err}") from err
        return json.loads(line)

    def _ask(self, message: dict) -> dict:
        with self._lock:
            self._send(message)
            return self._receive(FORK_TIMEOUT)

    def fork(self, *, uid: int, workdir: str, cwd: str, args: list[str], limits: Any,
             env: dict[str, str]) -> int:
        """A new boxed kernel for one submission, waiting for :meth:`go`: its process id.
        ``args`` are the kernel's arguments after ``python -m ipykernel_launcher``."""
        answer = self._ask({
            "op": "fork", "uid": uid, "workdir": str(workdir), "cwd": str(cwd),
            "work_parent": str(self.parent), "args": [str(a) for a in args],
            "env": env, "tmp_bytes": limits.tmp_bytes, "memory": limits.memory_bytes,
            "processes": limits.processes, "file_size": limits.file_bytes,
            "cpu": limits.cpu_seconds})
        if "pid" not in answer:
            raise TemplateError(f"template: {answer.get('error', 'no kernel')}")
        return int(answer["pid"])

    def go(self, pid: int) -> None:
        """Let the kernel ``pid`` start (it is in its control group now)."""
        if not self._ask({"op": "go", "pid": pid}).get("ok"):
            raise TemplateError("template: the kernel was not waiting")

    def drop(self, pid: int) -> None:
        """End the kernel ``pid`` before it started."""
        try:
            self._ask({"op": "drop", "pid": pid})
        except TemplateError:
            pass

    def close(self) -> None:
        proc = getattr(self, "proc", None)
        if proc is not None:
            try:
                if proc.poll() is None:
                    proc.stdin.close()
                    try:
                        proc.wait(timeout=5)
                    except subprocess.TimeoutExpired:
                        proc.kill()
                        proc.wait(timeout=5)
            except OSError:
                pass
            if proc.stdout is not None:
                proc.stdout.close()


class TemplatePool:
    """The template kernels of this process: one per kind of box (sandbox, limits and
    environment), started when a batch first needs it and stopped when it ends."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._templates: dict[Any, TemplateKernel] = {}
        self._failed: set[Any] = set()

    def get(self, sandbox: Any, limits: Any, env: dict[str, str]) -> TemplateKernel | None:
        """The template for these boxes (started now if needed); ``None`` if it cannot
        start here (said once in the log: the batch goes on with cold kernels)."""
        key = (sandbox, limits, tuple(sorted(env.items())))
        with self._lock:
            if key in self._failed:
                return None
            template = self._templates.get(key)
            if template is not None and template.alive():
                return template
            if template is not None:
                template.close()
            try:
                template = TemplateKernel(sandbox, limits, env)
            except (TemplateError, OSError, ValueError) as err:
                self._failed.add(key)
                self._templates.pop(key, None)
                _log.warning("mipyme: no warm kernels, each starts cold (%s)", err)
                return None
            self._templates[key] = template
            return template

    def running(self) -> int:
        """How many template kernels are running now."""
        with self._lock:
            return sum(template.alive() for template in self._templates.values())

    def close(self) -> None:
        with self._lock:
            templates, self._templates = list(self._templates.values()), {}
            self._failed.clear()
        for template in templates:
            template.close()


#: The template kernels of this process.
TEMPLATES = TemplatePool()
atexit.register(TEMPLATES.close)
