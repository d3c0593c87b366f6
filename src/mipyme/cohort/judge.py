"""Hidden tests the student cannot reach: the instructor's cells run in a judge of their own.

In stock nbgrader (and Otter-Grader) the test cells run in the student's kernel after the
student's code, so one line of an answer can rewrite them: an input transformer that turns
every later cell into ``pass``, a new ``builtins.abs`` or ``math.isclose``, a function that
reads the calling cell (``_ih[-1]``) or a ``pre_run_cell`` hook that prints it.

Here the notebook runs in two boxes (:mod:`mipyme.cohort.sandbox`), each with its own user id:

- the **student's kernel** runs every cell except the autograder tests: the answers, the
  student's own cells and the instructor's locked cells (so the answers can use them, as in
  stock nbgrader);
- the **judge** (:mod:`mipyme.cohort._judge`, a plain Python process, no kernel) runs the
  instructor's locked cells again and then each test cell. The grader takes the locked cells'
  source from the gradebook (never from the student's file), so no student code runs in the
  judge.

When a test needs a name the instructor's cells do not define (the student's function
``fixed_salary``, say), the judge asks the grader, which reads it in the student's kernel
with a silent request (no history, no ``pre_run_cell`` hooks): data comes back as a pickle
that the judge rebuilds with an allow-list (numbers, text, dates, ``Decimal``, containers,
numpy arrays, pandas tables, the kit's records); a function comes back as a reference that
the judge calls through the grader, with copies of the arguments. The student's code sees
the arguments of a call, never the test's source, its comparisons or its expected values.

What changes for an honest submission: nothing in its scores (the test's outputs are built
as a kernel builds them: an error scores 0, text on stderr scores 0, a number as the cell's
result is partial credit). Two behaviours differ from stock nbgrader and are documented in
the instructors' guide: a student's function gets copies of the test's arguments (changing
them in place does not reach the test), and a value of a class the student defined cannot be
checked (the test gets an error that says so). What a student's function prints while a test
calls it is not shown (what it writes on stderr still makes the test fail, as in stock
nbgrader).
"""

from __future__ import annotations

import atexit
import base64
import json
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

# The judge's own pieces (it runs as a process of its own, :mod:`mipyme.cohort._judge`),
# named here for the grader's side: how a value is rebuilt, a call sent, an error returned.
from mipyme.cohort._judge import ArgsPickler, Judge, Refused, SafeUnpickler, rebuild_error

__all__ = ["BRIDGE", "HIDDEN_MARK", "POOL", "ArgsPickler", "Judge", "JudgeError", "JudgePool",
           "JudgeProcess", "Refused", "SafeUnpickler", "cell_roles", "rebuild_error"]

#: How the judge starts: by module name, so it runs from the kit as installed.
COMMAND = ("-I", "-m", "mipyme.cohort._judge")
HIDDEN_MARK = "### BEGIN HIDDEN TESTS"
#: The helper the grader defines (silently) in the student's kernel to read names and call
#: functions. It is not secret: whatever it answers is the student's answer, and the judge
#: rebuilds it as data only.
BRIDGE = r'''
def __mipyme_bridge_make():
    import base64, contextlib, functools, io, json, pickle, types

    refs = {}
    kinds = (types.FunctionType, types.BuiltinFunctionType, types.MethodType,
             types.BuiltinMethodType, functools.partial)

    class Out(pickle.Pickler):
        def persistent_id(self, obj):
            if isinstance(obj, type):
                return ("opaque", f"class {obj.__name__}") if obj.__module__ == "__main__" \
                    else None
            if isinstance(obj, types.ModuleType):
                return ("opaque", f"module {obj.__name__}")
            if isinstance(obj, kinds) and (getattr(obj, "__module__", None) == "__main__"
                                           or not isinstance(obj, types.BuiltinFunctionType)
                                           and getattr(obj, "__name__", "") == "<lambda>"
                                           or isinstance(obj, (types.MethodType,
                                                               functools.partial))):
                return ref(obj)
            return None

    def ref(obj):
        key = str(id(obj))
        refs[key] = obj
        return ("fn", key, getattr(obj, "__name__", "function"))

    class In(pickle.Unpickler):
        def persistent_load(self, pid):
            return refs[pid[1]]

    def dump(value):
        buffer = io.BytesIO()
        try:
            if callable(value) and not isinstance(value, type):
                pid = ref(value)

                class Top(Out):
                    def persistent_id(self, obj):
                        return pid if obj is value else Out.persistent_id(self, obj)

                Top(buffer, protocol=4).dump(value)
            else:
                Out(buffer, protocol=4).dump(value)
        except Exception:
            buffer = io.BytesIO()
            marker = object()

            class Opaque(Out):
                def persistent_id(self, obj):
                    if obj is marker:
                        return ("opaque", type(value).__name__)
                    return None

            Opaque(buffer, protocol=4).dump(marker)
        return base64.b64encode(buffer.getvalue()).decode()

    def values(names):
        ns = get_ipython().user_ns
        return json.dumps({n: dump(ns[n]) for n in names
                           if n in ns and not isinstance(ns[n], types.ModuleType)})

    def call(ref, payload):
        out, err = io.StringIO(), io.StringIO()
        try:
            args, kwargs = In(io.BytesIO(base64.b64decode(payload))).load()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                value = refs[ref](*args, **kwargs)
            answer = {"ok": True, "value": dump(value)}
        except BaseException as error:
            answer = {"ok": False, "ename": type(error).__name__, "evalue": str(error)[:2000]}
        answer["stderr"] = bool(err.getvalue())
        return json.dumps(answer)

    return types.SimpleNamespace(values=values, call=call)


__mipyme_bridge__ = __mipyme_bridge_make()
del __mipyme_bridge_make
'''


class JudgeError(RuntimeError):
    """The judge stopped answering (it died, or took longer than its time limit)."""


def cell_roles(nb, trusted: dict[str, tuple[str, bool]]) -> dict[int, tuple[str, bool]]:
    """``index -> (role, hidden)`` for the instructor's cells of ``nb``.

    ``trusted`` maps a locked code cell's ``grade_id`` to ``(source, is_test)`` as the
    gradebook holds it. A cell takes a role only if its id is there; its source is then the
    gradebook's (nbgrader restores locked cells before execution), so a cell the student
    marked as locked, or a copy of a test under a new id, never reaches the judge.

    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1"),
    ...                                      nbformat.v4.new_code_cell("assert f() == 2")])
    >>> nb.cells[0].metadata["nbgrader"] = {"grade_id": "setup", "locked": True}
    >>> nb.cells[1].metadata["nbgrader"] = {"grade_id": "t1", "locked": True, "grade": True}
    >>> cell_roles(nb, {"setup": ("x = 1", False), "t1": ("assert f() == 2", True)})
    {0: ('setup', False), 1: ('test', False)}
    """
    roles: dict[int, tuple[str, bool]] = {}
    for index, cell in enumerate(nb.cells):
        if cell.get("cell_type") != "code":
            continue
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if grade_id in trusted:
            source, is_test = trusted[grade_id]
            roles[index] = ("test" if is_test else "setup", HIDDEN_MARK in source)
    return roles


class JudgeProcess:
    """The judge of one notebook, in its own box (see :mod:`mipyme.cohort._judge`)."""

    def __init__(self, sandbox, limits, env: dict[str, str], files: dict[str, bytes],
                 timeout: float, work: Path | None = None) -> None:
        self.timeout = timeout
        self.key = (sandbox, limits, tuple(sorted(env.items())))
        self.uses = 0
        self.busy = False
        self.work = work if work is not None else Path(tempfile.mkdtemp(prefix="mipyme-judge-"))
        os.chmod(self.work, 0o700)
        self.folder = self.work / "submission"
        self.folder.mkdir()
        self.box = sandbox.launch([sandbox.python, *COMMAND], self.work, limits, env,
                                  self.folder)
        try:
            self._fill(files)
            self.proc = subprocess.Popen(self.box.cmd, stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                         cwd=self.folder, **self.box.popen_kwargs())
        except BaseException:
            self.box.close()
            shutil.rmtree(self.work, ignore_errors=True)
            raise
        self._buffer = b""

    def _fill(self, files: dict[str, bytes]) -> None:
        """The submission's files in the judge's folder (for the instructor's cells that
        read them); the work folder is the judge's user's alone, as a kernel's is."""
        for entry in list(self.folder.iterdir()):
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
        from mipyme.cohort.executors import give_to_box, write_files

        write_files(self.folder, files)
        give_to_box(self.work, self.box.uid)

    def reset(self, files: dict[str, bytes], timeout: float) -> None:
        """Make the judge new for another notebook: nothing of the last one is left (its
        names, the student's values, its files); the imported modules stay."""
        self.timeout = timeout
        self._fill(files)
        self._send({"op": "reset"})
        if self._receive(self.timeout).get("op") != "ready":
            raise JudgeError("judge: it did not start again")

    # -- the wire ------------------------------------------------------------------------
    def _send(self, message: dict) -> None:
        try:
            self.proc.stdin.write(json.dumps(message).encode() + b"\n")
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError) as err:
            raise JudgeError(f"judge: {err}") from err

    def _receive(self, timeout: float) -> dict:
        from mipyme.cohort.sandbox import read_line

        try:
            line, self._buffer = read_line(self.proc.stdout.fileno(), self._buffer, timeout)
        except (TimeoutError, EOFError) as err:
            raise JudgeError(f"judge: {err}") from err
        return json.loads(line)

    async def run(self, code: str, kind: str, hidden: bool,
                  student: Callable[[str, Any], Awaitable[dict]]) -> list[dict]:
        """Run one of the instructor's cells; ``student(op, arg)`` answers the judge's
        questions from the student's kernel (``"values"``, names; ``"call"``, (ref, args))."""
        self.busy = True  # until "done": a judge left waiting is never reused
        self._send({"op": "exec", "code": code, "kind": kind, "hidden": hidden})
        while True:
            message = self._receive(self.timeout)
            op = message.get("op")
            if op == "done":
                self.busy = False
                return message.get("outputs", [])
            if op == "need":
                names = [n for n in message.get("names", []) if isinstance(n, str)]
                answer = await student("values", names) if names else {}
                self._send({"op": "values", "values": answer})
            elif op == "call":
                self._send({"op": "result", **await student("call", (message["ref"],
                                                                    message["args"]))})
            else:
                raise JudgeError(f"judge: unexpected {op!r}")

    def close(self) -> None:
        try:
            if self.proc.poll() is None:
                self.proc.stdin.close()
                try:
                    self.proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait(timeout=5)
        except OSError:
            pass
        finally:
            self.box.kill()
            self.box.close()
            shutil.rmtree(self.work, ignore_errors=True)


class JudgePool:
    """One warm judge per grading thread, made new between notebooks (:meth:`JudgeProcess.
    reset`) instead of started again: the judge's start-up (Python, pandas, the kit) costs
    more than its work on a short notebook. A judge that failed, or served ``MAX_USES``
    notebooks, is replaced."""

    MAX_USES = 100

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._idle: dict[int, JudgeProcess] = {}
        self._all: list[JudgeProcess] = []

    def take(self, sandbox, limits, env: dict[str, str], files: dict[str, bytes],
             timeout: float, work: Callable[[], Path] | None = None) -> JudgeProcess:
        key = (sandbox, limits, tuple(sorted(env.items())))
        with self._lock:
            judge = self._idle.pop(threading.get_ident(), None)
        if judge is not None:
            if judge.key == key and judge.uses < self.MAX_USES and judge.proc.poll() is None:
                try:
                    judge.reset(files, timeout)
                    judge.uses += 1
                    return judge
                except (JudgeError, OSError):
                    pass
            self._drop(judge)
        judge = JudgeProcess(sandbox, limits, env, files, timeout,
                             work() if work is not None else None)
        judge.uses = 1
        with self._lock:
            self._all.append(judge)
        return judge

    def give_back(self, judge: JudgeProcess, healthy: bool) -> None:
        """Keep ``judge`` for this thread's next notebook (or close it, if it failed)."""
        if not healthy or judge.busy or judge.proc.poll() is not None:
            self._drop(judge)
            return
        with self._lock:
            old = self._idle.pop(threading.get_ident(), None)
            self._idle[threading.get_ident()] = judge
        if old is not None and old is not judge:
            self._drop(old)

    def _drop(self, judge: JudgeProcess) -> None:
        with self._lock:
            if judge in self._all:
                self._all.remove(judge)
        judge.close()

    def close(self) -> None:
        """Stop every judge (the grader calls it when its batch ends, and at exit)."""
        with self._lock:
            judges, self._all, self._idle = self._all, [], {}
        for judge in judges:
            judge.close()


#: The judges of this process.
POOL = JudgePool()
atexit.register(POOL.close)


def decode_values(text: str) -> dict[str, str]:
    """The bridge's answer to ``values``: ``{name: base64 pickle}``, checked for shape only.

    >>> decode_values('{"a": "gAR9lC4="}')
    {'a': 'gAR9lC4='}
    >>> decode_values('[1]')
    {}
    """
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    out = {}
    for name, payload in data.items():
        if isinstance(name, str) and isinstance(payload, str):
            try:
                base64.b64decode(payload, validate=True)
            except ValueError:
                continue
            out[name] = payload
    return out
