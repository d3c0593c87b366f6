"""Running one submission's notebook in a sandboxed kernel, here or on a Dask cluster.

The unit of work is a :class:`Job`: the sanitized notebook nbgrader is about to execute, the
files of the student's folder, the execution settings of the course and the
:class:`~mipyme.cohort.sandbox.Limits`. :func:`run_job` is a plain function of a job that
returns an :class:`Outcome` (the executed notebook and, if the grader had to stop the
kernel, why), so the same code runs in a thread of this process (:class:`LocalExecutor`) or
on the worker processes of a ``distributed`` cluster (:class:`DaskExecutor`).

Execution is nbgrader's own ``Execute`` preprocessor with two changes: the kernel starts
in the sandbox (talking over Unix sockets, since the box has no network), and what a
submission can do to the grader is bounded: output beyond ``Limits.output_bytes`` is
dropped, a kernel that does not answer an interrupt or dies is stopped, and every cell
that did not run gets an error, so a test that never ran never scores.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from mipyme.cohort.sandbox import Limits, Sandbox

__all__ = ["DaskExecutor", "Job", "LocalExecutor", "Outcome", "make_executor", "run_job"]

#: The error a cell gets when the grader stopped the kernel before it ran.
STOPPED = "GradingStopped"


@dataclass(frozen=True, slots=True)
class Job:
    """Everything needed to execute one notebook of one submission, anywhere."""

    student: str
    assignment: str
    notebook: str  #: the notebook as JSON text
    files: dict[str, bytes]  #: the student's folder, relative path -> content
    execute: dict[str, Any]  #: the course's ``Execute`` settings (timeout, kernel...)
    limits: Limits = field(default_factory=Limits)
    sandbox: Sandbox = field(default_factory=Sandbox)
    lang: str = "es"


@dataclass(frozen=True, slots=True)
class Outcome:
    """The executed notebook (JSON text) and how it went: ``status`` is ``"ok"``,
    ``"timeout"``, ``"died"``, ``"output"`` (too much output) or ``"error"`` (the grader
    could not run it); ``reason`` is a key of the i18n catalogue, ``params`` its values."""

    notebook: str
    status: str = "ok"
    reason: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0
    truncated: bool = False  #: output past ``Limits.output_bytes`` was dropped


class _Stop(Exception):
    def __init__(self, status: str, reason: str, **params: Any) -> None:
        super().__init__(reason)
        self.status, self.reason, self.params = status, reason, params


def _kernel_manager_class():
    from jupyter_client.manager import AsyncKernelManager

    class BoxedKernelManager(AsyncKernelManager):
        """A kernel started inside the sandbox, reached through Unix sockets."""

        def __init__(self, *, box: Sandbox, limits: Limits, workdir: str, cwd: str,
                     env: dict[str, str], **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self._box, self._limits, self._env = box, limits, env
            self._workdir, self._cwd = workdir, cwd
            self._uid: int | None = None

        def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
            argv = super().format_kernel_cmd(extra_arguments)
            argv[0] = self._box.python if argv[0] in ("python", "python3") else argv[0]
            cmd, self._uid = self._box.command(argv, self._workdir, self._limits, self._env,
                                               self._cwd)
            if self._uid is not None:
                for root, dirs, files in os.walk(self._workdir):
                    for name in [*dirs, *files]:
                        os.chown(os.path.join(root, name), self._uid, self._uid)
                os.chown(self._workdir, self._uid, self._uid)
            return cmd

        async def _async_interrupt_kernel(self) -> None:
            # A signal would reach bubblewrap, not the kernel: ask the kernel itself.
            if self.has_kernel:
                msg = self.session.msg("interrupt_request", content={})
                self._connect_control_socket()
                self.session.send(self._control_socket, msg)

        interrupt_kernel = _async_interrupt_kernel

        async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
            import subprocess

            # What the kernel prints outside cells is not the student's output.
            kw["stdout"] = kw["stderr"] = subprocess.DEVNULL
            kw["stdin"] = subprocess.DEVNULL
            return await super()._async_launch_kernel(kernel_cmd, **kw)

    return BoxedKernelManager


def _execute_class():
    from nbclient.exceptions import DeadKernelError
    from nbgrader.preprocessors import Execute

    class BoxedExecute(Execute):
        """nbgrader's Execute, bounded: capped output, no second unanswered timeout."""

        def __init__(self, *args: Any, limits: Limits, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._limits = limits
            self._kept = 0
            self._seen = 0
            self.truncated = False
            self._timeouts = 0
            self.ran: set[int] = set()

        def preprocess_cell(self, cell, resources, index):
            out = super().preprocess_cell(cell, resources, index)
            self.ran.add(index)
            if self._seen > self._limits.output_abort_bytes:
                raise _Stop("output", "cohort.reason.output", mib=self._seen // 2**20)
            return out

        def output(self, outs, msg, display_id, cell_index):
            size = _size(msg.get("content", {}))
            self._seen += size  # past output_abort_bytes the kernel stops after this cell
            if self._kept + size > self._limits.output_bytes:
                if not self.truncated:
                    self.truncated = True
                    outs.append(nbformat.v4.new_output(
                        "stream", name="stderr", text=_say("cohort.output_truncated",
                                                           mib=self._limits.output_bytes
                                                           // 2**20) + "\n"))
                return None
            self._kept += size
            return super().output(outs, msg, display_id, cell_index)

        async def _async_handle_timeout(self, timeout, cell=None):
            self._timeouts += 1
            if self._timeouts > 1:
                # The kernel ignored the interrupt after the last timeout: it is stuck.
                raise _Stop("timeout", "cohort.reason.stuck", seconds=timeout)
            return await super()._async_handle_timeout(timeout, cell)

        async def _async_check_alive(self):
            try:
                await super()._async_check_alive()
            except DeadKernelError:
                raise _Stop("died", "cohort.reason.died") from None

    return BoxedExecute


def _size(content: dict) -> int:
    total = 0
    for key in ("text", "data"):
        value = content.get(key)
        if isinstance(value, str):
            total += len(value)
        elif isinstance(value, dict):
            total += sum(len(v) if isinstance(v, str) else len(str(v)) for v in value.values())
    return total


def _say(key: str, **params: Any) -> str:
    from mipyme.grading.feedback import say

    return say(key, **params)


def _kernel_env(job: Job) -> dict[str, str]:
    env = {
        "PATH": f"{Path(job.sandbox.python).parent}:/usr/local/bin:/usr/bin:/bin",
        "HOME": "/tmp", "TMPDIR": "/tmp", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
        "MPLBACKEND": "agg", "MPLCONFIGDIR": "/tmp/matplotlib", "IPYTHONDIR": "/tmp/ipython",
        "JUPYTER_RUNTIME_DIR": "/tmp/jupyter", "PYTHONDONTWRITEBYTECODE": "1",
        "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
        "NBGRADER_EXECUTION": "autograde", "MIPYME_LANG": job.lang,
    }
    for key in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
        if key in os.environ:
            env[key] = os.environ[key]
    return env


def _mark_not_run(nb: nbformat.NotebookNode, ran: set[int], text: str) -> None:
    """Give every code cell that did not run an error, so no test that never ran scores."""
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and index not in ran:
            if not any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
                cell.setdefault("outputs", []).append(nbformat.v4.new_output(
                    "error", ename=STOPPED, evalue=text, traceback=[f"{STOPPED}: {text}"]))


def run_job(job: Job) -> Outcome:
    """Execute ``job`` in a fresh sandboxed kernel; never raises for what the notebook does."""
    from nbclient.exceptions import CellTimeoutError
    from traitlets.config import Config

    started = time.perf_counter()
    nb = nbformat.reads(job.notebook, as_version=4)
    work = Path(tempfile.mkdtemp(prefix="mipyme-grade-"))
    os.chmod(work, 0o755)
    folder = work / "submission"
    folder.mkdir()
    ipc = work / "ipc"
    ipc.mkdir()
    try:
        for rel, data in job.files.items():
            target = (folder / rel).resolve()
            if not target.is_relative_to(folder.resolve()):
                continue  # a path that climbs out of the folder is not the student's
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        config = Config()
        for key, value in job.execute.items():
            setattr(config.Execute, key, value)
        if job.limits.cell_timeout is not None:
            config.Execute.timeout = job.limits.cell_timeout
        km = _kernel_manager_class()(
            box=job.sandbox, limits=job.limits, workdir=str(work), cwd=str(folder),
            env=_kernel_env(job),
            kernel_name=job.execute.get("kernel_name") or "python3", transport="ipc",
            ip=str(ipc / "kernel"), connection_file=str(ipc / "kernel.json"))
        executor = _execute_class()(config=config, limits=job.limits)
        status, reason, params = "ok", "", {}
        try:
            executor.preprocess(nb, {"metadata": {"path": str(folder)}}, km=km)
        except _Stop as stop:
            status, reason, params = stop.status, stop.reason, stop.params
        except CellTimeoutError:  # no output after the interrupt: the kernel is stuck
            status, reason = "timeout", "cohort.reason.stuck"
            params = {"seconds": config.Execute.get("timeout", 30)}
        except Exception as err:  # the kernel would not start, or nbclient gave up
            status, reason = "error", "cohort.reason.error"
            params = {"error": f"{type(err).__name__}: {str(err)[:300]}"}
        finally:
            _shutdown(km)
        if status != "ok":
            _mark_not_run(nb, executor.ran, _say(reason, **params))
        return Outcome(nbformat.writes(nb), status, reason, params,
                       time.perf_counter() - started, executor.truncated)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _shutdown(km: Any) -> None:
    import asyncio

    async def stop() -> None:
        try:
            if km.has_kernel:
                await km.shutdown_kernel(now=True)
        except Exception:  # already dead: nothing to stop
            pass
        try:
            await km.cleanup_resources()
        except Exception:
            pass

    try:
        asyncio.run(stop())
    except RuntimeError:  # inside a running loop (should not happen): kill directly
        if getattr(km, "provisioner", None) and km.provisioner.process:
            km.provisioner.process.kill()


class LocalExecutor:
    """Run jobs in the calling thread (the autograder calls it from ``workers`` threads)."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or min(2, os.cpu_count() or 1)

    def run(self, job: Job) -> Outcome:
        return run_job(job)

    def close(self) -> None:
        pass

    def __repr__(self) -> str:
        return f"LocalExecutor(workers={self.workers})"


class DaskExecutor:
    """Run jobs on a ``distributed`` cluster: ``DaskExecutor("tcp://host:8786")`` or an
    existing ``distributed.Client``. Each cluster worker needs the kit and bubblewrap."""

    def __init__(self, address: Any, workers: int | None = None) -> None:
        from distributed import Client

        self.client = address if isinstance(address, Client) else Client(address)
        self._own = not isinstance(address, Client)
        total = sum(w.get("nthreads", 1) for w in
                    self.client.scheduler_info()["workers"].values())
        self.workers = workers or max(1, total)

    def run(self, job: Job) -> Outcome:
        return self.client.submit(run_job, job, pure=False).result()

    def close(self) -> None:
        if self._own:
            self.client.close()

    def __repr__(self) -> str:
        return f"DaskExecutor({self.client.scheduler.address!r}, workers={self.workers})"


def make_executor(spec: str | None = None, workers: int | None = None
                  ) -> LocalExecutor | DaskExecutor:
    """``None`` or ``"local"``: this machine; ``"dask://HOST:PORT"``: a Dask scheduler."""
    if spec in (None, "", "local"):
        return LocalExecutor(workers)
    if spec.startswith("dask://"):
        return DaskExecutor("tcp://" + spec.removeprefix("dask://"), workers)
    if spec.startswith(("tcp://", "tls://", "inproc://")):
        return DaskExecutor(spec, workers)
    from mipyme.errors import InputError

    raise InputError("errors.one_of", arg="executor", choices=("local", "dask://HOST:PORT"),
                     value=spec)

