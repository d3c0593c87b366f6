"""The graded exercises, through the real nbgrader (generate_assignment, then autograde).

For each assignment: the release hides solutions and hidden tests, the instructor's solution
handed in as a student gets every autograded point, the blank release gets none, and each
typical-mistake submission in ``tests/fixtures/submissions/<assignment>/`` gets exactly the
points written in its file, with feedback that names the mistake.

All submissions of an assignment are graded in ONE autograde run, and the assignments run
in parallel (``grade_many``), because each notebook costs a kernel start.
"""

from __future__ import annotations

import nbformat
import pytest

from exercise_support import (
    ROOT,
    grade_course,
    mistakes,
    read_step,
    secret_lines,
)
from mipyme.grading.roundtrip import answer_cells, solutions

ASSIGNMENTS = ("ch06_economia_unitaria", "ch12_registros", "ch13_estados_financieros")




MISTAKES = [(a, name) for a in ASSIGNMENTS for name in mistakes(a)]


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("course")
    return root, grade_course(root, ASSIGNMENTS)






@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_release_has_no_solution_and_no_hidden_test(graded, assignment):
    source = read_step(graded[1], "source", assignment)
    release = read_step(graded[1], "release", assignment)
    text = "\n".join(cell.source for cell in release.cells)
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "HIDDEN TESTS", "MARK SCHEME"):
        assert marker not in text
    secrets = secret_lines(source)
    assert len(secrets) > 10  # the check below is not empty
    leaked = sorted(line for line in secrets if line in text)
    assert leaked == []
    # Every solution region of a code cell was replaced by the bilingual stub.
    regions = sum(c.source.count("### BEGIN SOLUTION") for c in source.cells
                  if c.cell_type == "code")
    assert regions >= len(solutions(source)) >= 1
    assert text.count("raise NotImplementedError()") == regions
    assert "ESCRIBE TU RESPUESTA AQUÍ / WRITE YOUR ANSWER HERE" in text


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_instructors_solution_gets_full_marks(graded, assignment):
    _, results = graded
    result = results[assignment]["solution"]
    assert result.auto_max > 0
    assert result.failed() == []
    assert result.auto_score == result.auto_max
    # The written answer and the teach-back wait for a person with a rubric.
    manual = [c for c in result.cells if c.kind == "manual"]
    assert len(manual) >= 2


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_blank_release_gets_zero_with_a_plain_words_reason(graded, assignment):
    _, results = graded
    result = results[assignment]["blank"]
    assert result.auto_score == 0
    assert len(result.failed()) == len(result.scores())
    for cell in result.failed():
        assert "Todavía no respondes" in result.message(cell)
        assert "You have not answered" in result.message(cell)


@pytest.mark.parametrize(("assignment", "case"), MISTAKES)
def test_a_typical_mistake_gets_the_expected_partial_points(graded, assignment, case):
    _, results = graded
    expected = mistakes(assignment)[case]
    result = results[assignment][case]
    assert sorted(result.failed()) == sorted(expected["lost"])
    assert result.auto_score == expected["score"]
    assert 0 <= result.auto_score < result.auto_max
    for cell, words in expected.get("messages", {}).items():
        assert words in result.message(cell)
        assert "Traceback" not in result.message(cell)
    frame = result.feedback("en")
    assert list(frame.columns) == ["cell", "points", "maximum", "what is missing"]


def test_the_mistakes_cover_the_misconceptions_of_the_issue():
    # forgetting IVA, wrong sign, percent vs fraction, drawings as an expense, hard-coding
    assert {"olvida_iva", "signo_invertido", "retiro_como_gasto", "respuesta_fija"} <= set(
        mistakes("ch12_registros"))
    assert {"porcentaje_no_fraccion", "comision_encima"} <= set(
        mistakes("ch06_economia_unitaria"))
    assert {"retiro_como_gasto", "respuesta_fija"} <= set(mistakes("ch13_estados_financieros"))
    for assignment in ASSIGNMENTS:
        assert len(mistakes(assignment)) >= 2


def test_the_fixture_files_are_valid_submissions():
    for assignment in ASSIGNMENTS:
        source = ROOT / "exercises" / "source" / assignment / f"{assignment}.ipynb"
        known = set(answer_cells(nbformat.read(source, as_version=4)))
        for name, spec in mistakes(assignment).items():
            assert set(spec["answers"]) <= known, name
            assert isinstance(spec["score"], int) and spec["lost"], name


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_no_test_cell_shows_a_value_nbgrader_would_read_as_partial_credit(graded, assignment):
    done = read_step(graded[1], "autograded", assignment, "solution")
    for cell in done.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") and cell.cell_type == "code":
            kinds = [o.output_type for o in cell.outputs]
            assert "execute_result" not in kinds, meta["grade_id"]
            assert "error" not in kinds, meta["grade_id"]
