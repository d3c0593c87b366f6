"""The graded exercises of the export part (ch07-ch11), through the real nbgrader.

Same contract as ``tests/test_exercises.py``: the release hides solutions and hidden tests, the
instructor's solution handed in as a student gets every autograded point, the blank release
gets none, and each typical-mistake submission in ``tests/fixtures/submissions/<assignment>/``
gets exactly the points written in its file, with feedback that names the mistake (FOB by air,
insurance without the 110%, duty on the CIF value, the fee added on the cost, multiplying by
the exchange rate instead of dividing...).

Every student of the five assignments is graded in ONE ``grade_many`` call (one release run
and one autograde run per worker), because each notebook costs a kernel start.
"""

from __future__ import annotations

import os
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
from mipyme.i18n import catalog

ASSIGNMENTS = ("ch07_incoterms", "ch08_costeo_exportacion", "ch09_aduanas_tmec",
               "ch10_marketplaces_exterior", "ch11_tipo_de_cambio")




MISTAKES = [(a, name) for a in ASSIGNMENTS for name in mistakes(a)]


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    return grade_course(tmp_path_factory.mktemp("export_course"), ASSIGNMENTS,
                        workers=max(2, min(3, os.cpu_count() or 1)))






@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_source_notebook_is_built_from_its_spec(assignment):
    spec = load_spec(ROOT / "exercises" / "specs" / f"{assignment}.toml")
    path = ROOT / "exercises" / "source" / assignment / f"{assignment}.ipynb"
    assert path.read_text(encoding="utf-8") == nbformat.writes(build_notebook(spec, ROOT)) + "\n"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_feedback_key_of_the_spec_is_in_the_catalog_in_both_languages(assignment):
    text = (ROOT / "exercises" / "specs" / f"{assignment}.toml").read_text(encoding="utf-8")
    chapter = assignment[:4]
    keys = set(re.findall(rf'"(grading\.{chapter}\.[a-z_.]+)"', text))
    # keys built in an f-string, f"grading.ch07.who.{who}": every key under the prefix
    keys |= set(re.findall(rf'f"(grading\.{chapter}\.[a-z_.]+\.)\{{', text))
    assert len(keys) >= 3, "the spec uses its own feedback messages"
    entries = catalog()
    for key in keys:
        if key.endswith("."):
            assert any(k.startswith(key) for k in entries), key
            continue
        assert entries[key]["es"] and entries[key]["en"], key
        assert entries[key]["es"] != entries[key]["en"], key


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_release_has_no_solution_and_no_hidden_test(graded, assignment):
    source = read_step(graded, "source", assignment)
    release = read_step(graded, "release", assignment)
    text = "\n".join(cell.source for cell in release.cells)
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "HIDDEN TESTS", "MARK SCHEME"):
        assert marker not in text
    secrets = secret_lines(source)
    assert len(secrets) > 10  # the check below is not empty
    leaked = sorted(line for line in secrets if line in text)
    assert leaked == []
    regions = sum(c.source.count("### BEGIN SOLUTION") for c in source.cells
                  if c.cell_type == "code")
    assert regions >= len(solutions(source)) >= 1
    assert text.count("raise NotImplementedError()") == regions
    assert "ESCRIBE TU RESPUESTA AQUÍ / WRITE YOUR ANSWER HERE" in text


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_instructors_solution_gets_full_marks(graded, assignment):
    result = graded[assignment]["solution"]
    assert result.auto_max >= 5
    assert result.failed() == []
    assert result.auto_score == result.auto_max
    manual = [c for c in result.cells if c.kind == "manual"]
    assert {c.name for c in manual} >= {"teachback"}
    assert len(manual) == 2


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
        assert words in result.message(cell)
        assert "Traceback" not in result.message(cell)
    frame = result.feedback("en")
    assert list(frame.columns) == ["cell", "points", "maximum", "what is missing"]


def test_the_mistakes_cover_the_misconceptions_of_the_issue():
    # FOB by air, insurance without 110% / without dividing, duty on the CIF value for the US,
    # the fee added on the cost, multiplying instead of dividing by the exchange rate.
    assert "fob_por_avion" in mistakes("ch07_incoterms")
    assert {"seguro_sin_110", "seguro_sobre_cfr"} <= set(mistakes("ch08_costeo_exportacion"))
    assert "arancel_sobre_cif" in mistakes("ch09_aduanas_tmec")
    assert "comision_sobre_costo" in mistakes("ch10_marketplaces_exterior")
    assert "multiplica_en_vez_de_dividir" in mistakes("ch11_tipo_de_cambio")
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
    done = read_step(graded, "autograded", assignment, "solution")
    for cell in done.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") and cell.cell_type == "code":
            kinds = [o.output_type for o in cell.outputs]
            assert "execute_result" not in kinds, meta["grade_id"]
            assert "error" not in kinds, meta["grade_id"]
