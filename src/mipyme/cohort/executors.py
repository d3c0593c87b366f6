"""Running one submission's notebook in a sandboxed kernel, here or on a Dask cluster.

Why one module over 500 lines: the boxed kernel, the judge's routing of test cells and the
local and Dask executors are the one path a submission's code takes; security reviews read it
in one place.

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
from mipyme.cohort.template import TEMPLATES, serves

__all__ = ["DaskExecutor", "Job", "LocalExecutor", "Outcome", "kernel_manager_class",
           "make_executor", "run_job", "work_parent"]

#: The error a cell gets when the grader stopped the kernel before it ran.
STOPPED = "GradingStopped"
#: The error a test cell gets when the judge that runs the tests could not run it.
JUDGE_FAILED = "GradingError"
#: At most this many files a notebook writes while graded are kept in ``autograded/``.
SIDE_FILES = 100


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
    #: The locked code cells as the gradebook holds them, ``grade_id -> (source, is_test)``:
    #: with it, the tests run in a judge apart from the student's kernel
    #: (:mod:`mipyme.cohort.judge`); empty, every cell runs in the student's kernel.
    trusted: dict[str, tuple[str, bool]] = field(default_factory=dict)


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
    #: Files the notebook wrote or changed in its folder (relative path -> content): kept
    #: next to the graded notebook, as nbgrader keeps them (regular files only, each within
    #: ``Limits.file_bytes``, at most ``SIDE_FILES`` of them).
    files: tuple[tuple[str, bytes], ...] = ()
    #: Of ``seconds``: from asking for the kernel until it answered (the rest is the cells,
    #: the judge and the box's clean-up).
    start_seconds: float = 0.0


class _Stop(Exception):
    def __init__(self, status: str, reason: str, **params: Any) -> None:
        super().__init__(reason)
        self.status, self.reason, self.params = status, reason, params


def kernel_manager_class():
    from jupyter_client.manager import AsyncKernelManager

    class BoxedKernelManager(AsyncKernelManager):
        """A kernel started inside the sandbox, reached through Unix sockets.

        The box is in a control group of its own where the machine has them
        (:meth:`Sandbox.launch`); :meth:`close_box` empties and removes it and gives the
        box's user id back, once the kernel has stopped. ``Limits.notebook_timeout``
        seconds after the launch a timer kills the whole box: then ``deadline_hit`` is true
        and :meth:`stop_reason` says how to report it (the executor sees a dead kernel).
        ``oom_kills`` counts the box's processes the kernel killed for memory (read by
        :meth:`close_box`).
        """

        def __init__(self, *, box: Sandbox, limits: Limits, workdir: str, cwd: str,
                     env: dict[str, str], template: Any = None, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self._box, self._limits, self._env = box, limits, env
            self._template = template  # a TemplateKernel: the kernel is forked from it
            self._workdir, self._cwd = workdir, cwd
            self._uid: int | None = None
            self._run: Any = None  # the BoxRun of the kernel's box
            self._timer: Any = None
            self.deadline_hit = False
            self.oom_kills = 0

        def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
            argv = super().format_kernel_cmd(extra_arguments)
            argv[0] = self._box.python if argv[0] in ("python", "python3") else argv[0]
            old, self._run = self._run, None
            if old is not None:  # a restart: the old box is gone (the deadline stays)
                self.oom_kills += old.oom_kills()
                old.close()
            if self._template is not None:  # the template forks the box: a group and an id
                self._kernel_args = argv[3:]  # after python -m ipykernel_launcher
                self._run = self._box.reserve(self._limits)
                self._uid = self._run.uid
                give_to_box(self._workdir, self._uid)
                return argv
            self._run = self._box.launch(argv, self._workdir, self._limits, self._env,
                                         self._cwd)
            self._uid = self._run.uid
            give_to_box(self._workdir, self._uid)
            return self._run.cmd

        def stop_reason(self) -> tuple[str, str, dict[str, Any]] | None:
            """``(status, reason key, params)`` for the Outcome when the grader stopped the
            box itself (the notebook's time ran out), else ``None``."""
            if self.deadline_hit:
                return ("timeout", "cohort.reason.notebook_timeout",
                        {"seconds": self._limits.notebook_timeout})
            return None

        def _hit_deadline(self) -> None:
            self.deadline_hit = True
            self.kill_box()

        def kill_box(self) -> None:
            """Kill the kernel and everything in its box now (from any thread)."""
            import contextlib

            process = getattr(self.provisioner, "process", None) if self.provisioner else None
            if process is not None:
                with contextlib.suppress(OSError):
                    process.kill()  # bubblewrap: the box's processes die with it
            if self._run is not None:
                self._run.kill()  # and those that left it, through the control group

        def close_box(self) -> None:
            """Stop the deadline, kill what is left of the box, remove its group and give
            its user id back (after the kernel stopped; again: nothing)."""
            timer, self._timer = self._timer, None
            if timer is not None:
                timer.cancel()
            run, self._run = self._run, None
            if run is not None:
                self.oom_kills += run.oom_kills()
                run.close()
            process = getattr(self.provisioner, "process", None) if self.provisioner else None
            if hasattr(process, "close"):  # a forked kernel: surely gone, its pidfd closed
                process.kill()
                process.close()

        async def _async_interrupt_kernel(self) -> None:
            # A signal would reach bubblewrap, not the kernel: ask the kernel itself.
            if self.has_kernel:
                msg = self.session.msg("interrupt_request", content={})
                self._connect_control_socket()
                self.session.send(self._control_socket, msg)

        interrupt_kernel = _async_interrupt_kernel

        def _fork_kernel(self, cwd: str) -> None:
            """Fork the kernel from the template into this box: its control group first,
            then it may start (see :mod:`mipyme.cohort.template`)."""
            from mipyme.cohort.template import ForkedProcess

            pid = self._template.fork(uid=self._uid, workdir=self._workdir, cwd=self._cwd,
                                      args=self._kernel_args, limits=self._limits,
                                      env=self._env)
            try:
                process = ForkedProcess(pid)
                if self._run is not None and self._run.group is not None:
                    self._run.group.add(pid)
                self._template.go(pid)
            except BaseException:
                self._template.drop(pid)
                raise
            provisioner = self.provisioner
            provisioner.process, provisioner.pid, provisioner.pgid = process, pid, None
            provisioner.cwd = cwd
            self._reconcile_connection_info(provisioner.connection_info)

        async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
            import subprocess

            if self._template is not None:
                out = self._fork_kernel(kw.get("cwd", self._cwd))
            else:
                # What the kernel prints outside cells is not the student's output.
                kw["stdout"] = kw["stderr"] = subprocess.DEVNULL
                kw["stdin"] = subprocess.DEVNULL
                if self._run is not None:
                    kw.update(self._run.popen_kwargs())  # into the box's control group
                out = await super()._async_launch_kernel(kernel_cmd, **kw)
            if self._limits.notebook_timeout and self._timer is None:
                import threading

                self._timer = threading.Timer(self._limits.notebook_timeout,
                                              self._hit_deadline)
                self._timer.daemon = True
                self._timer.start()
            return out

    return BoxedKernelManager


def _execute_class():
    from nbclient.exceptions import DeadKernelError
    from nbgrader.preprocessors import Execute

    class BoxedExecute(Execute):
        """nbgrader's Execute, bounded: capped output, no second unanswered timeout."""

        def __init__(self, *args: Any, limits: Limits, judge_factory: Any = None,
                     **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._limits = limits
            self._judge_factory = judge_factory  # None: every cell in the student's kernel
            self._judge: Any = None
            self._roles: dict[int, tuple[str, bool]] = {}
            self._bridged = False
            self._call_timed_out = False
            self._kept = 0
            self._seen = 0
            self.truncated = False
            self._timeouts = 0
            self.ran: set[int] = set()
            self.start_seconds = 0.0

        # nbclient's setup_kernel calls these two (sync wrappers bound to the base class's
        # coroutines): the time until the kernel answered, for the benchmark's cost split
        def start_new_kernel(self, **kwargs):
            started = time.perf_counter()
            try:
                return super().start_new_kernel(**kwargs)
            finally:
                self.start_seconds += time.perf_counter() - started

        def start_new_kernel_client(self):
            started = time.perf_counter()
            try:
                return super().start_new_kernel_client()
            finally:
                self.start_seconds += time.perf_counter() - started

        def preprocess(self, nb, resources=None, km=None):
            if self._judge_factory is not None:
                from mipyme.cohort.judge import cell_roles

                self._roles = cell_roles(nb, self._judge_factory.trusted)
                if self._roles:  # start it now: its start-up overlaps the kernel's (a judge
                    self._judge = self._judge_factory.start()  # that cannot start is an error)
            try:
                return super().preprocess(nb, resources, km=km)
            finally:
                if self._judge is not None:
                    from mipyme.cohort.judge import POOL

                    POOL.give_back(self._judge, healthy=not self._judge_factory.failed)

        def preprocess_cell(self, cell, resources, index):
            role = self._roles.get(index)
            if role is not None and role[0] == "test":
                from nbclient.util import run_sync

                self._check_assign_resources(resources)
                cell.outputs = run_sync(self._judged)(cell, role[1])
                self.code_cells_executed += 1
                cell.execution_count = self.code_cells_executed
                self.ran.add(index)
                return cell, self.resources
            out = super().preprocess_cell(cell, resources, index)
            self.ran.add(index)
            if role is not None:  # the instructor's setup: the judge runs it too
                from nbclient.util import run_sync

                run_sync(self._judged)(cell, role[1], kind="setup")
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

        async def _judged(self, cell, hidden: bool, kind: str = "test") -> list:
            """Run one of the instructor's cells in the judge; its outputs, as a kernel's."""
            from mipyme.cohort.judge import JudgeError

            factory = self._judge_factory
            source = factory.trusted[cell.metadata["nbgrader"]["grade_id"]][0]
            self._call_timed_out = False
            if factory.failed:  # the judge broke on an earlier cell: nothing is checked
                outputs = [_judge_failed()]
            else:
                try:
                    if self._judge is None:
                        self._judge = factory.start()
                    outputs = await self._judge.run(source, kind, hidden, self._ask_student)
                except JudgeError as err:
                    factory.failed = str(err)
                    outputs = [_judge_failed()]
            if self._call_timed_out and not any(o.get("output_type") == "error"
                                                and o.get("ename") == "CellTimeoutError"
                                                for o in outputs):
                outputs.append(dict(self.error_on_timeout, output_type="error"))
            return [nbformat.from_dict(o) for o in outputs] if kind == "test" else []

        async def _ask_student(self, op: str, arg: Any) -> dict:
            """Answer the judge from the student's kernel: ``values`` of names, or a
            ``call`` of a function. Only checked strings go back; the judge rebuilds them."""
            import json

            from mipyme.cohort.judge import BRIDGE, decode_values

            if not self._bridged:
                await self._student_eval(BRIDGE, None)
                self._bridged = True
            if op == "values":
                text = await self._student_eval(
                    "", f"__mipyme_bridge__.values({list(arg)!r})")
                return decode_values(text or "")
            ref, payload = arg
            text = await self._student_eval(
                "", f"__mipyme_bridge__.call({str(ref)!r}, {str(payload)!r})")
            try:
                answer = json.loads(text or "")
            except ValueError:
                answer = None
            if not isinstance(answer, dict):
                return {"ok": False, "ename": "RuntimeError",
                        "evalue": _say("cohort.reason.no_answer"), "stderr": False}
            return {"ok": answer.get("ok") is True,
                    "value": str(answer.get("value", "")),
                    "ename": str(answer.get("ename", "Exception"))[:100],
                    "evalue": str(answer.get("evalue", ""))[:2000],
                    "stderr": answer.get("stderr") is True}

        async def _student_eval(self, code: str, expression: str | None) -> str | None:
            """Run ``code`` silently in the student's kernel (no history, no hooks) and
            return the text of ``expression``'s value (a Python string literal, read back
            with ``ast.literal_eval``), or ``None``."""
            import ast
            from queue import Empty

            expressions = {"r": expression} if expression else {}
            msg_id = self.kc.execute(code, silent=True, store_history=False,
                                     user_expressions=expressions, allow_stdin=False)
            timeout = self.timeout if self.timeout and self.timeout > 0 else 600
            deadline = time.monotonic() + timeout
            interrupted = False
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    if interrupted:
                        raise _Stop("timeout", "cohort.reason.stuck", seconds=timeout)
                    await self.km.interrupt_kernel()
                    interrupted, deadline = True, time.monotonic() + 10
                    continue
                try:
                    msg = await self.kc.shell_channel.get_msg(timeout=min(left, 1.0))
                except (Empty, TimeoutError):
                    await self._async_check_alive()
                    continue
                if msg.get("parent_header", {}).get("msg_id") == msg_id:
                    break
            if interrupted:
                self._timeouts += 1
                self._call_timed_out = True
            result = msg.get("content", {}).get("user_expressions", {}).get("r", {})
            text = result.get("data", {}).get("text/plain") if isinstance(result, dict) else None
            if not isinstance(text, str) or len(text) > self._limits.output_abort_bytes:
                return None
            try:
                value = ast.literal_eval(text)
            except (ValueError, SyntaxError, MemoryError, RecursionError):
                return None
            return value if isinstance(value, str) else None

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
    work = _make_work()
    folder = work / "submission"
    folder.mkdir(mode=0o700)
    ipc = work / "ipc"
    ipc.mkdir(mode=0o700)
    try:
        write_files(folder, job.files)
        config = Config()
        for key, value in job.execute.items():
            setattr(config.Execute, key, value)
        if job.limits.cell_timeout is not None:
            config.Execute.timeout = job.limits.cell_timeout
        kernel = kernel_name(job, nb)
        if kernel is None:  # nbgrader refuses a notebook whose kernel is not installed
            spec = nb.metadata.get("kernelspec", {}) or {}
            return Outcome(job.notebook, "kernel", "cohort.dropin.kernel",
                           {"kernel": str(spec.get("name", ""))[:100]},
                           time.perf_counter() - started)
        template = None
        if serves(job.sandbox, kernel):
            template = TEMPLATES.get(job.sandbox, job.limits, _kernel_env(job))
        km = kernel_manager_class()(
            box=job.sandbox, limits=job.limits, workdir=str(work), cwd=str(folder),
            env=_kernel_env(job), template=template, kernel_name=kernel, transport="ipc",
            ip=str(ipc / "kernel"), connection_file=str(ipc / "kernel.json"))
        judge = (_JudgeFactory(job, config.Execute.get("timeout", 30))
                 if job.trusted and _is_python(nb) else None)
        executor = _execute_class()(config=config, limits=job.limits, judge_factory=judge)
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
        if status != "ok" and km.stop_reason() is not None:  # the whole-notebook limit
            status, reason, params = km.stop_reason()
        if status != "ok":
            _mark_not_run(nb, executor.ran, _say(reason, **params))
        return Outcome(nbformat.writes(nb), status, reason, params,
                       time.perf_counter() - started, executor.truncated,
                       side_files(folder, job.files, job.limits.file_bytes),
                       executor.start_seconds)
    finally:
        _remove_tree(work)


def kernel_name(job: Job, nb: nbformat.NotebookNode) -> str | None:
    """The kernel that runs the notebook, as nbgrader picks it: the course's
    ``Execute.kernel_name``, else the notebook's own kernelspec (``python`` is
    ``python3``, as in jupyter_client); ``None`` when that kernel is not installed."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    spec = nb.metadata.get("kernelspec", {}) or {}
    name = str(job.execute.get("kernel_name") or spec.get("name") or "python3")
    name = "python3" if name == "python" else name
    try:
        KernelSpecManager().get_kernel_spec(name)
    except NoSuchKernel:
        return None
    return name


def side_files(folder: Path, before: dict[str, bytes], limit: int) -> tuple[
        tuple[str, bytes], ...]:
    """The regular files in ``folder`` that are new or changed since ``before``, read
    without following links; a file past ``limit`` bytes, a link or a special file is left
    out, and so is any file past the first :data:`SIDE_FILES`."""
    import stat

    out: list[tuple[str, bytes]] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(root, d))]
        for name in sorted(files):
            path = os.path.join(root, name)
            rel = os.path.relpath(path, folder)
            try:
                info = os.lstat(path)
                if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
                    continue
                fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
                with os.fdopen(fd, "rb") as handle:
                    data = handle.read(limit + 1)
            except OSError:
                continue
            if len(data) <= limit and before.get(rel) != data and not rel.endswith(".ipynb"):
                out.append((rel, data))
            if len(out) >= SIDE_FILES:
                return tuple(out)
    return tuple(out)


def write_files(folder: Path, files: dict[str, bytes]) -> None:
    """Write a submission's files (relative path -> content) into ``folder``; a path that
    climbs out of the folder is not the student's and is left out."""
    base = folder.resolve()
    for rel, data in files.items():
        target = (folder / rel).resolve()
        if not target.is_relative_to(base):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def give_to_box(workdir: str | Path, uid: int | None) -> None:
    """Make ``workdir`` the box's alone: 0700 folders, 0600 files, owned by the box's user
    (``uid``; ``None``: the grader's own). Links are neither followed nor changed."""
    for root, dirs, files in os.walk(workdir):
        for name in [*dirs, *files]:
            path = os.path.join(root, name)
            if not os.path.islink(path):
                os.chmod(path, 0o700 if name in dirs else 0o600)
            if uid is not None:
                os.lchown(path, uid, uid)
    os.chmod(workdir, 0o700)
    if uid is not None:
        os.chown(workdir, uid, uid)


def work_parent() -> Path:
    """This grader user's folder of work folders: ``TMPDIR/mipyme-grade-<uid>``, 0700 (if
    someone else holds that name, a fresh folder of this process's own)."""
    from mipyme.cohort.sandbox import private_folder

    try:
        return private_folder(Path(tempfile.gettempdir()) / f"mipyme-grade-{os.geteuid()}")
    except PermissionError:
        if not _own_parent:
            import logging

            _own_parent.append(Path(tempfile.mkdtemp(prefix=f"mipyme-grade-{os.geteuid()}-")))
            logging.getLogger("mipyme.cohort").warning(
                "mipyme: %s belongs to someone else; this grader works in %s",
                Path(tempfile.gettempdir()) / f"mipyme-grade-{os.geteuid()}", _own_parent[0])
        return _own_parent[0]


_own_parent: list[Path] = []


def _make_work() -> Path:
    """A new private work folder (0700) named after this grader process
    (``<pid>.<start>.<ns>-<random>``), after removing those of grader processes that are gone
    (killed with ``kill -9``, say)."""
    from mipyme.cohort.boxgroups import owner_alive, owner_tag

    parent = work_parent()
    for old in parent.iterdir():
        if not owner_alive(old.name.rpartition("-")[0]):
            _remove_tree(old)
    return Path(tempfile.mkdtemp(prefix=f"{owner_tag()}-", dir=parent))


def _remove_tree(path: Path) -> None:
    """Remove ``path`` and all in it, even folders the student made read-only."""
    if os.path.islink(path) or os.path.isfile(path):
        os.unlink(path)
        return
    if os.geteuid() != 0:  # root passes anyway; the grader's own user needs rwx
        import contextlib

        with contextlib.suppress(OSError):
            os.chmod(path, 0o700)
        for root, dirs, _ in os.walk(path):  # top down: each folder opened before entered
            for name in dirs:
                with contextlib.suppress(OSError):
                    if not os.path.islink(os.path.join(root, name)):
                        os.chmod(os.path.join(root, name), 0o700)
    shutil.rmtree(path, ignore_errors=True)


def _is_python(nb: nbformat.NotebookNode) -> bool:
    """The judge runs Python: a notebook of another language keeps stock nbgrader's way."""
    spec = nb.metadata.get("kernelspec", {}) or {}
    info = nb.metadata.get("language_info", {}) or {}
    language = str(spec.get("language") or info.get("name") or "python").lower()
    return language.startswith("python")


def _judge_failed() -> dict:
    text = _say("cohort.reason.judge_cell")
    return {"output_type": "error", "ename": JUDGE_FAILED, "evalue": text, "traceback": [text]}


class _JudgeFactory:
    """Starts the judge of one notebook when its first locked cell comes."""

    def __init__(self, job: Job, timeout: Any) -> None:
        self.job, self.trusted = job, job.trusted
        self.timeout = float(timeout) if timeout and timeout > 0 else 600.0
        self.failed = ""

    def start(self):
        from mipyme.cohort.judge import POOL

        return POOL.take(self.job.sandbox, self.job.limits, _kernel_env(self.job),
                         self.job.files, self.timeout, _make_work)


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
    finally:
        if hasattr(km, "close_box"):
            km.close_box()  # what is left of the box, its control group and user id


class LocalExecutor:
    """Run jobs in the calling thread (the autograder calls it from ``workers`` threads)."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or min(2, os.cpu_count() or 1)

    def run(self, job: Job) -> Outcome:
        return run_job(job)

    def close(self) -> None:
        from mipyme.cohort.judge import POOL

        POOL.close()  # the warm judges of this batch's threads
        TEMPLATES.close()  # and the template kernels

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

