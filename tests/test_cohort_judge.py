"""The judge that runs hidden tests apart from the student's kernel: what a student's value
may be rebuilt from, how a student's function is called, and what a test cell shows."""

from __future__ import annotations

import base64
import io
import json
import os
import pickle
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from mipyme.cohort.judge import (
    BRIDGE,
    ArgsPickler,
    Judge,
    Refused,
    SafeUnpickler,
    decode_values,
    rebuild_error,
)
from mipyme.store import example_catalog


class _Evil:
    def __init__(self, call):
        self.call = call

    def __reduce__(self):
        return self.call


@pytest.mark.parametrize("gadget", [
    (os.system, ("echo owned",)),
    (eval, ("1 + 1",)),
    (pd.eval, ("1 + 1",)),
    (pd.read_pickle, ("/etc/passwd",)),
    (getattr, (Decimal("1"), "__class__")),
    (os.system.__call__, ("id",)),
    (pickle.loads, (b"",)),
    (np.load, ("x.npy",)),
])
def test_no_callable_outside_the_allow_list_is_rebuilt(gadget):
    data = pickle.dumps(_Evil(gadget), protocol=4)
    with pytest.raises(Refused):
        SafeUnpickler(data, call=None).load()


def test_plain_data_tables_and_kit_records_are_rebuilt():
    table = pd.DataFrame({"date": pd.to_datetime(["2026-03-02", "2026-03-03"]),
                          "amount": [Decimal("1800.00"), Decimal("350.00")],
                          "kind": pd.Categorical(["a", "b"])}).set_index("kind")
    values = [table, table["amount"], np.arange(4), np.float64(2.5), Decimal("0.16"),
              {"a": (1, 2.5, None, "x")}, {1, 2}, pd.NA, pd.Timestamp("2026-01-01"),
              list(example_catalog())[:2]]
    for value in values:
        back = SafeUnpickler(pickle.dumps(value, protocol=4), call=None).load()
        if isinstance(value, (pd.DataFrame, pd.Series)):
            assert back.equals(value)
        elif isinstance(value, np.ndarray):
            assert (back == value).all()
        elif value is pd.NA:
            assert back is pd.NA
        else:
            assert back == value


def _bridge(namespace: dict):
    ns: dict = {}
    exec(BRIDGE, ns)
    ns["__mipyme_bridge__"].values.__globals__["get_ipython"] = (
        lambda: type("Shell", (), {"user_ns": namespace})())
    return ns["__mipyme_bridge__"]


def _through(bridge):
    """A ``call`` that goes through the bridge as the grader does, as JSON text."""
    def call(ref, args, kwargs):
        buffer = io.BytesIO()
        ArgsPickler(buffer).dump((args, kwargs))
        reply = json.loads(bridge.call(ref, base64.b64encode(buffer.getvalue()).decode()))
        if not reply["ok"]:
            raise rebuild_error(reply["ename"], reply["evalue"])
        return SafeUnpickler(base64.b64decode(reply["value"]), call).load()
    return call


def test_a_students_function_runs_on_copies_and_returns_data():
    def household(transactions):
        transactions["seen"] = True  # changes the student's copy only
        return transactions[transactions["account"] == "negocio"]

    def explode(x):
        raise ValueError(f"bad {x}")

    household.__module__ = explode.__module__ = "__main__"
    bridge = _bridge({"household": household, "explode": explode, "rate": Decimal("0.16"),
                      "gen": (i for i in range(3))})
    values = decode_values(bridge.values(["household", "explode", "rate", "gen", "absent"]))
    assert sorted(values) == ["explode", "gen", "household", "rate"]
    call = _through(bridge)

    def load(name):
        return SafeUnpickler(base64.b64decode(values[name]), call).load()

    table = pd.DataFrame({"account": ["negocio", "casa"], "amount": [Decimal(1), Decimal(2)]})
    got = load("household")(table)
    assert list(got["amount"]) == [Decimal(1)] and "seen" not in table
    assert load("rate") == Decimal("0.16")
    with pytest.raises(ValueError, match="bad 3"):
        load("explode")(3)
    with pytest.raises(TypeError, match="generator"):
        bool(load("gen"))


class _WiredJudge(Judge):
    """The judge with the grader's part played in-process: questions go to the bridge."""

    def __init__(self, bridge) -> None:
        super().__init__(None, None)
        self.bridge, self.pending = bridge, None

    def send(self, message: dict) -> None:
        self.pending = json.loads(json.dumps(message))

    def receive(self) -> dict:
        message, self.pending = self.pending, None
        if message["op"] == "need":
            return {"op": "values", "values": decode_values(
                self.bridge.values(message["names"]))}
        assert message["op"] == "call"
        return {"op": "result", **json.loads(self.bridge.call(message["ref"],
                                                              message["args"]))}


def _judge_with(student: dict):
    return _WiredJudge(_bridge(student))


def test_a_test_cell_shows_what_a_kernel_would():
    def salary(profits):
        return min(profits)

    salary.__module__ = "__main__"
    judge = _judge_with({"salary": salary})
    setup = judge.exec_cell({"code": "from decimal import Decimal\nprofits = [Decimal(5), "
                                     "Decimal(3)]", "kind": "setup"})
    assert setup == []
    assert judge.exec_cell({"code": "assert salary(profits) == 3\nprint('ok')",
                            "kind": "test"}) == [
        {"output_type": "stream", "name": "stdout", "text": "ok\n"}]
    partial = judge.exec_cell({"code": "0.5", "kind": "test"})
    assert partial[0]["output_type"] == "execute_result"
    assert partial[0]["data"]["text/plain"] == "0.5"
    failed = judge.exec_cell({"code": "expected = 4  # hidden\nassert salary(profits) == "
                                      "expected, f'want {expected}'", "kind": "test",
                              "hidden": True})
    assert failed[-1]["ename"] == "AssertionError"
    assert "want" not in json.dumps(failed) and "expected" not in json.dumps(failed)
    shown = judge.exec_cell({"code": "assert salary(profits) == 4, 'want 4'", "kind": "test"})
    assert "want 4" in shown[-1]["evalue"]


def test_kit_messages_are_shown_even_for_hidden_tests():
    judge = _judge_with({})
    out = judge.exec_cell({"code": "from mipyme.grading import check_amount\n"
                                   "check_amount('1.00', '2.00', 'total')", "kind": "test",
                           "hidden": True})
    assert "'total' debe ser 2.00" in out[-1]["evalue"]
    np_out = judge.exec_cell({"code": "import numpy as np\nnp.testing.assert_allclose("
                                      "[1.0], [2.5])", "kind": "test", "hidden": True})
    assert "2.5" not in json.dumps(np_out)


def test_builtins_in_the_students_namespace_do_not_replace_the_judges():
    judge = _judge_with({"abs": lambda x: 0, "isinstance": lambda *a: True})
    out = judge.exec_cell({"code": "assert abs(-3) == 3 and not isinstance(1, str)",
                           "kind": "test"})
    assert out == []


def test_a_warm_judge_forgets_the_last_notebook():
    """The pool keeps one judge per thread between notebooks (its start-up is the costly
    part) and makes it new: the next notebook sees none of the last one's names or files."""
    import asyncio

    from mipyme.cohort.judge import JudgePool
    from mipyme.cohort.sandbox import Limits, find_sandbox

    box = find_sandbox()
    env = {"PATH": "/usr/bin:/bin", "HOME": "/tmp", "MIPYME_LANG": "es"}
    pool = JudgePool()

    async def nothing(op, arg):
        return {}

    try:
        first = pool.take(box, Limits(), env, {"datos.csv": b"a\n1\n"}, 30)
        setup = asyncio.run(first.run("x = open('datos.csv').read()", "setup", False, nothing))
        seen = asyncio.run(first.run("print(x)", "test", False, nothing))
        assert setup == [] and seen[0]["text"] == "a\n1\n\n"
        pool.give_back(first, healthy=True)
        second = pool.take(box, Limits(), env, {}, 30)
        assert second is first and second.proc.pid == first.proc.pid
        gone = asyncio.run(second.run("print(x)", "test", False, nothing))
        assert gone[-1]["ename"] == "NameError"
        files = asyncio.run(second.run("import os\nprint(os.listdir('.'))", "test", False,
                                       nothing))
        assert files[0]["text"] == "[]\n"
        second.busy = True  # a judge left waiting mid-cell is never handed out again
        pool.give_back(second, healthy=True)
        third = pool.take(box, Limits(), env, {}, 30)
        assert third is not second and second.proc.poll() is not None
    finally:
        pool.close()


def test_a_students_function_comes_back_only_as_the_whole_value():
    """A function hidden inside data (a dict, an object's attribute) is refused: a library's
    own method could otherwise call it with the test's expected values."""
    def helper(x):
        return x

    helper.__module__ = "__main__"
    bridge = _bridge({"helper": helper, "table": {"f": helper}, "pair": [1, helper]})
    values = decode_values(bridge.values(["helper", "table", "pair"]))
    call = _through(bridge)
    fn = SafeUnpickler(base64.b64decode(values["helper"]), call).load()
    assert fn(5) == 5
    for name in ("table", "pair"):
        with pytest.raises(Refused, match="function inside"):
            SafeUnpickler(base64.b64decode(values[name]), call).load()


def test_a_judge_answers_in_a_grader_that_holds_more_than_1024_files():
    """A long batch (or a test session) can hold more than 1024 open files, so the judge's
    pipe gets a descriptor above select()'s limit; waiting on it must still work."""
    import asyncio

    from mipyme.cohort.judge import JudgePool
    from mipyme.cohort.sandbox import Limits, find_sandbox

    held = []
    pool = JudgePool()

    async def nothing(op, arg):
        return {}

    try:
        while len(held) < 1100:  # push the next descriptors past 1024
            held.append(os.open(os.devnull, os.O_RDONLY))
        judge = pool.take(find_sandbox(), Limits(),
                          {"PATH": "/usr/bin:/bin", "HOME": "/tmp", "MIPYME_LANG": "es"}, {}, 30)
        assert judge.proc.stdout.fileno() > 1024
        seen = asyncio.run(judge.run("print(6 * 7)", "test", False, nothing))
        assert seen[0]["text"] == "42\n"
    finally:
        pool.close()
        for fd in held:
            os.close(fd)
