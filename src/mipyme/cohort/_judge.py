"""The judge: where an assignment's locked cells and hidden tests run, apart from the student.

Run as ``python -I _judge.py`` inside a box of its own (its own user id and folder), started
by :mod:`mipyme.cohort.judge`. It talks to the grader over its standard input and output,
one JSON object a line, and never sees the student's kernel directly:

- ``{"op": "exec", "code": ..., "kind": "setup" | "test", "hidden": bool}``: run a locked
  cell of the instructor's (the grader sends only cells whose source it read from the
  gradebook). Before a test cell runs, the judge answers ``{"op": "need", "names": [...]}``
  with the names the instructor's code uses and does not define itself; the grader answers
  ``{"op": "values", "values": {name: payload}}`` with what the student's kernel holds under
  those names. Then the cell runs here and the judge answers ``{"op": "done", "outputs":
  [...]}`` (nbformat outputs, as a kernel would have produced them).
- While a cell runs, calling a student's function sends ``{"op": "call", "ref": ..., "args":
  payload}``; the grader runs it in the student's kernel and answers ``{"op": "result",
  ...}``.

Student values arrive as pickles that are read with :class:`SafeUnpickler`: only plain data
(numbers, text, dates, ``Decimal``, containers, numpy arrays, pandas tables and the kit's own
records) can be rebuilt; a student's function becomes a :class:`StudentFunction` that only
calls back. So nothing the student wrote runs here: not in the parser, the builtins, the
comparisons, nor the test's own helpers, and the test's code and expected values never
reach the student's kernel.
"""

from __future__ import annotations

import ast
import base64
import builtins
import contextlib
import io
import json
import os
import pickle
import traceback
import warnings

#: Module prefixes whose *classes* a student's value may be rebuilt from.
SAFE_CLASS_MODULES = ("builtins", "decimal", "fractions", "datetime", "collections",
                      "numpy", "pandas", "mipyme.money", "mipyme.finance", "mipyme.store",
                      "mipyme.export", "zoneinfo", "uuid", "enum")
#: Parts of a module name that rule it out even under a safe prefix.
UNSAFE_PARTS = ("io", "computation", "plotting", "eval", "testing", "compat", "_config",
                "util", "tests", "api")
SAFE_BUILTINS = {"complex", "range", "slice", "set", "frozenset", "bytearray", "bytes",
                 "list", "dict", "tuple", "int", "float", "str", "bool", "object"}
#: The functions (not classes) that rebuild numpy and pandas values.
SAFE_FUNCTIONS = {
    ("copyreg", "_reconstructor"),
    ("numpy.core.multiarray", "_reconstruct"), ("numpy._core.multiarray", "_reconstruct"),
    ("numpy.core.multiarray", "scalar"), ("numpy._core.multiarray", "scalar"),
    ("numpy.core.numeric", "_frombuffer"), ("numpy._core.numeric", "_frombuffer"),
    ("pandas._libs.arrays", "__pyx_unpickle_NDArrayBacked"),
    ("pandas._libs.internals", "_unpickle_block"),
    ("pandas._libs.tslibs.nattype", "_nat_unpickle"),
    ("pandas._libs.tslibs.nattype", "__nat_unpickle"),
    ("pandas._libs.tslibs.timedeltas", "_timedelta_unpickle"),
    ("pandas._libs.tslibs.timestamps", "_unpickle_timestamp"),
    ("pandas.core.indexes.base", "_new_Index"),
    ("pandas.core.internals.blocks", "new_block"),
    ("pandas.core.internals.managers", "_unpickle_block"),
    ("pandas._libs.missing", "NA"), ("pandas", "NA"), ("pandas", "NaT"),
}


#: Modules the judge imports at start (the kit's assignments all use them).
WARM = ("decimal", "numpy", "pandas", "mipyme.grading", "mipyme.money")


class Refused(pickle.UnpicklingError):
    """A student's value holds something that cannot be rebuilt safely."""


def _class_allowed(module: str, name: str, obj: object) -> bool:
    if not isinstance(obj, type):
        return False
    if module == "builtins":
        return name in SAFE_BUILTINS
    if not any(module == p or module.startswith(p + ".") for p in SAFE_CLASS_MODULES):
        return False
    return not any(part in UNSAFE_PARTS for part in module.split("."))


class SafeUnpickler(pickle.Unpickler):
    """Rebuilds plain data only: classes of safe modules and numpy/pandas rebuilders."""

    def __init__(self, data: bytes, call) -> None:
        super().__init__(io.BytesIO(data))
        self._call = call
        self._functions = 0

    def find_class(self, module: str, name: str):
        if (module, name) in SAFE_FUNCTIONS:
            return super().find_class(module, name)
        if "." in name or name.startswith("__"):
            raise Refused(f"{module}.{name}")
        try:
            obj = super().find_class(module, name)
        except Exception as err:
            raise Refused(f"{module}.{name}") from err
        if _class_allowed(module, name, obj):
            return obj
        raise Refused(f"{module}.{name}")

    def load(self):
        value = super().load()
        if self._functions and not (self._functions == 1
                                    and isinstance(value, StudentFunction)):
            # A student's function only as the whole value (the answer *is* a function):
            # inside data, trusted code (a library's ``__eq__``, say) could end up calling it
            # with the test's expected values.
            raise Refused("a function inside a value")
        return value

    def persistent_load(self, pid):
        if isinstance(pid, (list, tuple)) and len(pid) == 3 and pid[0] == "fn":
            self._functions += 1
            return StudentFunction(str(pid[1]), str(pid[2]), self._call)
        if isinstance(pid, (list, tuple)) and len(pid) == 2 and pid[0] == "opaque":
            return Opaque(str(pid[1]))
        raise Refused("persistent id")


class StudentFunction:
    """A student's function: calling it runs it in the student's kernel, with copies."""

    def __init__(self, ref: str, name: str, call) -> None:
        self._ref, self.__name__, self._call = ref, name, call
        self.__qualname__ = name

    def __call__(self, *args, **kwargs):
        return self._call(self._ref, args, kwargs)

    def __repr__(self) -> str:
        return f"<function {self.__name__}>"



class ArgsPickler(pickle.Pickler):
    """Arguments for a student's function; the student's own functions go back by reference."""

    def __init__(self, buffer) -> None:
        super().__init__(buffer, protocol=4)

    def persistent_id(self, obj):
        if isinstance(obj, StudentFunction):
            return ("fn", obj._ref)
        return None


class Opaque:
    """A student's value of a kind the judge cannot check (a generator, an open file...)."""

    def __init__(self, kind: str) -> None:
        object.__setattr__(self, "_kind", kind)

    def _refuse(self, *args, **kwargs):
        raise TypeError(_message("judge.opaque", kind=object.__getattribute__(self, "_kind")))

    __call__ = __getattr__ = __eq__ = __ne__ = __lt__ = __le__ = __gt__ = __ge__ = _refuse
    __bool__ = __len__ = __iter__ = __getitem__ = __hash__ = _refuse
    __add__ = __sub__ = __mul__ = __truediv__ = __float__ = __int__ = _refuse

    def __repr__(self) -> str:
        return f"<{object.__getattribute__(self, '_kind')}>"


_MESSAGES = {
    "judge.opaque": ("el calificador no puede revisar una respuesta de tipo {kind}",
                     "the grader cannot check an answer of type {kind}"),
    "judge.refused": ("tu respuesta contiene algo que el calificador no acepta ({what})",
                      "your answer holds something the grader does not accept ({what})"),
    "judge.hidden": ("No pasó una revisión oculta de esta celda.",
                     "A hidden check of this cell did not pass."),
    "judge.stderr": ("[tu código escribió avisos o errores durante esta revisión]",
                     "[your code wrote warnings or errors during this check]"),
}


def _message(key: str, **params) -> str:
    es, en = _MESSAGES[key]
    lang = os.environ.get("MIPYME_LANG", "es")
    first, second = (en, es) if lang == "en" else (es, en)
    return first.format(**params) + "\n" + second.format(**params)


class Judge:
    def __init__(self, inp, out) -> None:
        self.inp, self.out = inp, out
        self.ns: dict = {"__name__": "__main__", "__builtins__": builtins}
        self.student: dict[str, object] = {}  # names whose values came from the student
        self.used: set[str] = set()  # names the instructor's code reads
        self.stderr_from_student = False

    # -- the wire ------------------------------------------------------------------------
    def send(self, message: dict) -> None:
        self.out.write(json.dumps(message).encode() + b"\n")
        self.out.flush()

    def receive(self) -> dict:
        line = self.inp.readline()
        if not line:
            raise SystemExit(0)
        return json.loads(line)

    def load(self, payload: str):
        return SafeUnpickler(base64.b64decode(payload), self.call).load()

    def call(self, ref: str, args: tuple, kwargs: dict):
        buffer = io.BytesIO()
        ArgsPickler(buffer).dump((args, kwargs))
        data = base64.b64encode(buffer.getvalue()).decode()
        self.send({"op": "call", "ref": ref, "args": data})
        reply = self.receive()
        if reply.get("stderr"):
            self.stderr_from_student = True
        if reply.get("ok"):
            try:
                return self.load(reply["value"])
            except Refused as err:
                raise TypeError(_message("judge.refused", what=str(err))) from None
        raise rebuild_error(reply.get("ename", "Exception"), reply.get("evalue", ""))

    # -- cells ---------------------------------------------------------------------------
    def run(self) -> None:
        while True:
            message = self.receive()
            if message.get("op") == "exec":
                self.send({"op": "done", "outputs": self.exec_cell(message)})
            elif message.get("op") == "reset":
                self.reset()
                self.send({"op": "ready"})

    def reset(self) -> None:
        """Forget the last notebook: its names, the student's values, what it used."""
        self.ns = {"__name__": "__main__", "__builtins__": builtins, "get_ipython": _Shell}
        self.student, self.used = {}, set()

    def exec_cell(self, message: dict) -> list[dict]:
        code = _plain_python(message["code"])
        try:
            tree = ast.parse(code)
        except SyntaxError as err:
            return [_error(err, hidden=message.get("hidden", False))]
        self.used |= _loaded_names(tree)
        self.refresh()
        return self.execute(tree, test=message.get("kind") == "test",
                            hidden=bool(message.get("hidden")))

    def refresh(self) -> None:
        """Ask the grader for the student's current values of the names the code needs."""
        for name, value in self.student.items():
            if self.ns.get(name) is value:  # not rebound by the instructor's code since
                self.ns.pop(name, None)
        wanted = sorted(n for n in self.used if n not in self.ns
                        and not hasattr(builtins, n))
        self.send({"op": "need", "names": wanted})
        reply = self.receive()
        self.student = {}
        for name, payload in reply.get("values", {}).items():
            if name in self.ns or name not in wanted:
                continue
            try:
                self.ns[name] = self.load(payload)
            except Exception as err:
                self.ns[name] = Opaque(f"{name}: {err}")
            self.student[name] = self.ns[name]

    def execute(self, tree: ast.Module, *, test: bool, hidden: bool) -> list[dict]:
        stdout, stderr = io.StringIO(), io.StringIO()
        outputs: list[dict] = []
        last = None
        if tree.body and isinstance(tree.body[-1], ast.Expr):
            last = ast.Expression(tree.body.pop().value)
        self.stderr_from_student = False
        error = None
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                exec(compile(tree, "<cell>", "exec"), self.ns)
                value = (eval(compile(last, "<cell>", "eval"), self.ns)
                         if last is not None else None)
            except BaseException as err:
                error, value = err, None
        if not test:
            return []
        if stdout.getvalue() and not hidden:
            outputs.append({"output_type": "stream", "name": "stdout",
                            "text": stdout.getvalue()})
        if stderr.getvalue() or self.stderr_from_student:
            text = stderr.getvalue() if not hidden else _message("judge.stderr") + "\n"
            outputs.append({"output_type": "stream", "name": "stderr",
                            "text": text or _message("judge.stderr") + "\n"})
        if error is not None:
            outputs.append(_error(error, hidden=hidden))
        elif value is not None:
            try:
                text = repr(value)
            except Exception:
                text = object.__repr__(value)
            outputs.append({"output_type": "execute_result", "execution_count": None,
                            "metadata": {}, "data": {"text/plain": text}})
        return outputs


def rebuild_error(ename: str, evalue: str) -> BaseException:
    kind = getattr(builtins, ename, None)
    if isinstance(kind, type) and issubclass(kind, Exception):
        with contextlib.suppress(Exception):
            return kind(evalue)
    return type(ename if ename.isidentifier() else "StudentError", (Exception,), {})(evalue)


def _kit_message(err: BaseException) -> bool:
    """The error was raised by the kit's plain-language checks (mipyme.grading)."""
    tb = err.__traceback__
    last = None
    while tb is not None:
        last = tb.tb_frame
        tb = tb.tb_next
    name = last.f_globals.get("__name__", "") if last is not None else ""
    return isinstance(err, AssertionError) and name.startswith("mipyme.grading")


def _error(err: BaseException, *, hidden: bool) -> dict:
    ename = type(err).__name__
    if _kit_message(err) or (not hidden and isinstance(err, AssertionError) and str(err)):
        evalue = str(err)
        lines = [f"{ename}: {evalue}"]
    elif hidden:
        evalue = _message("judge.hidden")
        lines = [evalue]
    else:
        evalue = str(err)
        frames = traceback.extract_tb(err.__traceback__)
        cell = [f for f in frames if f.filename == "<cell>"]
        lines = [f"  line {f.lineno}, in {f.name}" for f in cell] + [f"{ename}: {evalue}"]
    return {"output_type": "error", "ename": ename, "evalue": evalue, "traceback": lines}


def _plain_python(code: str) -> str:
    """IPython's own cell syntax (magics, ``!`` commands) as Python, if IPython is here."""
    if not any(line.lstrip().startswith(("%", "!")) or line.rstrip().endswith("?")
               for line in code.splitlines()):
        return code  # plain Python (IPython's import costs more than the rest of a cell)
    try:
        from IPython.core.inputtransformer2 import TransformerManager
    except ImportError:  # pragma: no cover
        return code
    return TransformerManager().transform_cell(code)


def _loaded_names(tree: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)
            and isinstance(n.ctx, ast.Load)}


class _Shell:
    """What ``get_ipython()`` gives instructor cells here: magics are quietly skipped."""

    def run_line_magic(self, *args, **kwargs):
        return None

    run_cell_magic = system = getoutput = run_line_magic


def main() -> None:
    inp = os.fdopen(os.dup(0), "rb")
    out = os.fdopen(os.dup(1), "wb")
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1):
        os.dup2(null, fd)
    # Which warnings a cell shows, as in IPython: the defaults, and deprecations of the cell.
    warnings.filterwarnings("default", category=DeprecationWarning, module="__main__")
    judge = Judge(inp, out)
    judge.reset()
    for name in WARM:  # while the student's kernel starts: the first cell need not wait
        with contextlib.suppress(Exception):
            __import__(name)
    judge.run()


if __name__ == "__main__":
    main()
