"""The graded exercises of chapters 1-5 (foundations and the online store), through nbgrader.

Same contract as ``tests/test_exercises.py``: the release hides solutions and hidden tests, the
instructor's solution handed in as a student gets every autograded point, the blank release
gets none, and each typical-mistake submission in ``tests/fixtures/submissions/<assignment>/``
gets exactly the points written in its file, with feedback that names the mistake.

Every submission of these assignments is graded in one ``grade_many`` call (one release run
and one autograde run per worker), because each notebook costs a kernel start.
"""

from __future__ import annotations

import re

import nbformat
import pytest

from exercise_support import (
    ROOT,
    grade_course,
    mistakes,
    read_step,
    secret_lines,
)
from mipyme.grading.build_source import build_notebook, load_spec
from mipyme.grading.roundtrip import answer_cells, solutions

ASSIGNMENTS = ("ch01_fundamentos", "ch02_catalogo_canales", "ch03_embudo", "ch04_pagos",
               "ch05_envios_inventario")




MISTAKES = [(a, name) for a in ASSIGNMENTS for name in mistakes(a)]


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    return grade_course(tmp_path_factory.mktemp("store_course"), ASSIGNMENTS)






@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_source_notebook_is_built_from_its_spec(assignment):
    spec = load_spec(ROOT / "exercises" / "specs" / f"{assignment}.toml")
    path = ROOT / "exercises" / "source" / assignment / f"{assignment}.ipynb"
    assert path.read_text(encoding="utf-8") == nbformat.writes(build_notebook(spec, ROOT)) + "\n"
    # 2-4 autograded tasks, split into test cells for partial credit, plus the written answer
    # and the teach-back graded by hand.
    kinds = [c["kind"] for c in spec["cell"]]
    assert 2 <= kinds.count("answer") <= 4
    assert kinds.count("tests") >= kinds.count("answer")
    assert kinds.count("written") == 2


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_release_has_no_solution_and_no_hidden_test(graded, assignment):
    source = read_step(graded, "source", assignment)
    release = read_step(graded, "release", assignment)
    text = "\n".join(cell.source for cell in release.cells)
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "HIDDEN TESTS", "MARK SCHEME"):
        assert marker not in text
    secrets = secret_lines(source)
    assert len(secrets) > 10  # the check below is not empty
    assert sorted(line for line in secrets if line in text) == []
    regions = sum(c.source.count("### BEGIN SOLUTION") for c in source.cells
                  if c.cell_type == "code")
    assert regions >= len(solutions(source)) >= 2
    assert text.count("raise NotImplementedError()") == regions


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_instructors_solution_gets_full_marks(graded, assignment):
    result = graded[assignment]["solution"]
    assert result.auto_max >= 5
    assert result.failed() == []
    assert result.auto_score == result.auto_max
    manual = [c for c in result.cells if c.kind == "manual"]
    assert [c.max_score for c in manual] == [2.0, 4.0]  # written answer, teach-back


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_blank_release_gets_zero_with_a_plain_words_reason(graded, assignment):
    result = graded[assignment]["blank"]
    assert result.auto_score == 0
    assert len(result.failed()) == len(result.scores())
    for cell in result.failed():
        assert "Todavía no respondes" in result.message(cell)
        assert "You have not answered" in result.message(cell)


@pytest.mark.parametrize(("assignment", "case"), MISTAKES)
def test_a_typical_mistake_gets_the_expected_partial_points(graded, assignment, case):
    expected = mistakes(assignment)[case]
    result = graded[assignment][case]
    assert sorted(result.failed()) == sorted(expected["lost"])
    assert result.auto_score == expected["score"]
    assert 0 < result.auto_score < result.auto_max
    for cell, words in expected.get("messages", {}).items():
        message = result.message(cell)
        assert words in message
        assert "Traceback" not in message
        assert len(message.split("\n")) == 2  # Spanish, then English


def test_the_mistakes_cover_the_misconceptions_of_the_issue():
    # ch01 the owner's salary taken for mixing money, salary at the average month;
    # ch02 percent vs fraction, fixed fee forgotten (with IVA counted as profit); ch03 dividing
    # by orders instead of new customers (CAC; LTV with the funnel read backwards); ch04 IVA on
    # the fee forgotten, unpaid vouchers counted as sales (with cash on the day of the sale);
    # ch05 actual weight only, divisor 6000 (with the lead time forgotten).
    assert {"sueldo_como_mezcla", "sueldo_promedio"} == set(mistakes("ch01_fundamentos"))
    assert {"porcentaje_no_fraccion", "olvida_cuota_fija_e_iva"} == set(
        mistakes("ch02_catalogo_canales"))
    assert {"cac_entre_pedidos", "ltv_por_pedido"} == set(mistakes("ch03_embudo"))
    assert {"olvida_iva_comision", "fichas_vencidas_como_venta"} == set(mistakes("ch04_pagos"))
    assert {"solo_peso_real", "divide_entre_6000"} == set(mistakes("ch05_envios_inventario"))
    lost = {(a, cell) for a in ASSIGNMENTS for spec in mistakes(a).values()
            for cell in spec["lost"]}
    for assignment in ASSIGNMENTS:  # every test cell is failed by some typical mistake
        source = load_spec(ROOT / "exercises" / "specs" / f"{assignment}.toml")
        cells = {c["id"] for c in source["cell"] if c["kind"] == "tests"}
        assert cells - {cell for a, cell in lost if a == assignment} <= {
            "test_expected_orders", "test_weight_dense", "test_payment_fee", "test_household_found"}


def test_the_fixture_files_are_valid_submissions():
    for assignment in ASSIGNMENTS:
        source = ROOT / "exercises" / "source" / assignment / f"{assignment}.ipynb"
        known = set(answer_cells(nbformat.read(source, as_version=4)))
        for name, spec in mistakes(assignment).items():
            assert set(spec["answers"]) <= known, name
            assert isinstance(spec["score"], int) and spec["lost"], name


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_no_test_cell_shows_a_value_nbgrader_would_read_as_partial_credit(graded, assignment):
    done = read_step(graded, "autograded", assignment, "solution")
    for cell in done.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") and cell.cell_type == "code":
            kinds = [o.output_type for o in cell.outputs]
            assert "execute_result" not in kinds, meta["grade_id"]
            assert "error" not in kinds, meta["grade_id"]
            assert "stream" not in kinds, meta["grade_id"]  # no warnings either


def test_every_feedback_key_of_these_assignments_exists_in_both_languages():
    from mipyme.i18n import t

    for assignment in ASSIGNMENTS:
        text = (ROOT / "exercises" / "specs" / f"{assignment}.toml").read_text(encoding="utf-8")
        keys = set(re.findall(r'"(grading\.[a-z0-9_.]+)"', text))
        assert any(key.startswith(f"grading.{assignment[:4]}.") for key in keys)
        for key in keys:
            assert t(key, "es") != t(key, "en"), key
