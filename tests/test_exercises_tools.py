"""The exercise sources and the feedback helpers, without running nbgrader."""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal

import nbformat
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mipyme.curriculum import load_curriculum
from mipyme.errors import InputError
from mipyme.finance import Transaction, credit, debit
from mipyme.grading import (
    amount_in,
    as_number,
    call,
    check_amount,
    check_credit,
    check_debit,
    check_entry,
    say,
)
from mipyme.grading.build_source import (
    build_notebook,
    has_both_languages,
    load_spec,
    spec_paths,
    write_sources,
)
from mipyme.grading.practice import practice_books, statement_balances
from mipyme.grading.roundtrip import answer_cells, cell_messages, fill, solutions

ROOT = load_curriculum().root


def _source(assignment: str) -> nbformat.NotebookNode:
    path = ROOT / "exercises" / "source" / assignment / f"{assignment}.ipynb"
    return nbformat.read(path, as_version=4)


def test_the_source_notebooks_are_up_to_date_with_their_specs():
    assert write_sources(check=True) == []


def test_each_spec_is_the_assignment_of_a_curriculum_chapter():
    assignments = {c.assignment for c in load_curriculum().chapters}
    specs = [p.stem for p in spec_paths()]
    assert {"ch06_economia_unitaria", "ch12_registros", "ch13_estados_financieros"} <= set(specs)
    assert set(specs) <= assignments


@pytest.mark.parametrize("path", spec_paths(), ids=lambda p: p.stem)
def test_every_instruction_cell_speaks_spanish_and_english(path):
    nb = _source(path.stem)
    instructions = [c for c in nb.cells if c.cell_type == "markdown"]
    assert len(instructions) >= 5
    for cell in instructions:
        assert has_both_languages(cell.source), cell.metadata["nbgrader"]["grade_id"]
    # The rubric rows carry both languages too (a criterion column for each).
    for row in (r for c in load_spec(path)["cell"] for r in c.get("rubric", [])):
        assert row["es"].strip() and row["en"].strip() and row["es"] != row["en"]


@pytest.mark.parametrize("path", spec_paths(), ids=lambda p: p.stem)
def test_each_assignment_has_autograded_parts_a_written_answer_and_a_teach_back(path):
    nb = _source(path.stem)
    meta = [c.metadata["nbgrader"] for c in nb.cells]
    tests = [m for m in meta if m["grade"] and not m["solution"]]
    manual = [m for m in meta if m["grade"] and m["solution"]]
    assert len(tests) >= 4 and all(m["points"] >= 1 for m in tests)
    assert {m["grade_id"] for m in manual} >= {"teachback"}
    assert len(manual) >= 2
    hidden = [c for c in nb.cells if "### BEGIN HIDDEN TESTS" in c.source]
    assert len(hidden) == len(tests)  # every test cell also checks numbers no one can copy
    rubrics = [c for c in nb.cells if "| Criterio | Criterion |" in c.source]
    assert len(rubrics) == len(manual)


def _spec_text(tmp_path, body: str) -> str:
    path = tmp_path / "ch12_registros.toml"
    path.write_text('assignment = "ch12_registros"\n' + body, encoding="utf-8")
    return path


def test_a_spec_without_english_is_refused(tmp_path):
    path = _spec_text(tmp_path, '[[cell]]\nid = "intro"\nkind = "instructions"\nes = "Hola"\n')
    with pytest.raises(InputError, match="intro"):
        load_spec(path)


def test_a_rubric_that_does_not_add_up_to_the_cell_points_is_refused(tmp_path):
    body = '''
[[cell]]
id = "task"
kind = "instructions"
es = "Explica."
en = "Explain."
rubric_for = "answer"
rubric = [{ es = "Claro", en = "Clear", points = 1 }]

[[cell]]
id = "answer"
kind = "written"
points = 2
es = "Modelo."
en = "Model."
'''
    with pytest.raises(InputError, match=r"rubric|rúbrica"):
        load_spec(_spec_text(tmp_path, body))


def test_the_builder_marks_cells_the_way_nbgrader_expects(tmp_path):
    body = '''
[[cell]]
id = "f"
kind = "answer"
source = "def f(x):\\n    ### BEGIN SOLUTION\\n    return 2 * x\\n    ### END SOLUTION"

[[cell]]
id = "test_f"
kind = "tests"
points = 3
source = "assert f(2) == 4"
'''
    nb = build_notebook(load_spec(_spec_text(tmp_path, body)), ROOT)
    header, answer, test = nb.cells
    assert header.metadata["nbgrader"]["locked"] and has_both_languages(header.source)
    assert "ch12" in header.source and "Record keeping: the journal" in header.source
    assert answer.metadata["nbgrader"]["solution"] and not answer.metadata["nbgrader"]["grade"]
    assert test.metadata["nbgrader"] == {"grade": True, "grade_id": "test_f", "locked": True,
                                         "points": 3, "schema_version": 3, "solution": False,
                                         "task": False}
    assert solutions(nb) == {"f": "def f(x):\n    return 2 * x"}
    filled = fill(nb, {"f": "def f(x):\n    return x + x"})
    assert filled.cells[1].source == "def f(x):\n    return x + x"
    assert nb.cells[1].source != filled.cells[1].source  # the original is untouched
    assert answer_cells(nb) == ["f"]
    with pytest.raises(InputError, match="test_f"):
        fill(nb, {"test_f": "pass"})


def test_feedback_is_read_from_the_error_of_each_failed_test_cell():
    cell = nbformat.v4.new_code_cell("check(...)")
    cell.metadata["nbgrader"] = {"grade": True, "solution": False, "grade_id": "t1",
                                 "points": 1}
    cell.outputs = [nbformat.v4.new_output("error", ename="AssertionError",
                                           evalue="Falta el IVA\nIVA is missing",
                                           traceback=["..."])]
    other = nbformat.v4.new_code_cell("x")
    other.metadata["nbgrader"] = {"grade": True, "solution": False, "grade_id": "t2",
                                  "points": 1}
    other.outputs = [nbformat.v4.new_output("error", ename="NameError",
                                            evalue="name 'x' is not defined", traceback=[])]
    nb = nbformat.v4.new_notebook(cells=[cell, other])
    messages = cell_messages(nb)
    assert messages["t1"] == "Falta el IVA\nIVA is missing"
    assert messages["t2"] == ("la celda se detuvo con un error: NameError: name 'x' is not "
                              "defined\nthe cell stopped with an error: NameError: name 'x' "
                              "is not defined")


# -- the checks a test cell uses ----------------------------------------------------------


def _sale(net: str, iva: str) -> Transaction:
    total = Decimal(net) + Decimal(iva)
    return Transaction("2026-05-10", "Venta", (debit("Bancos", total), credit("Ventas", net),
                                               credit("IVA trasladado", iva)))


def test_a_sale_of_1000_with_16_percent_iva_passes_every_journal_check():
    # Bancos 1,160.00 debit = Ventas 1,000.00 credit + IVA trasladado 160.00 credit
    sale = check_entry(_sale("1000.00", "160.00"), "sale_entry")
    check_debit(sale, "Bancos", "sale_entry")
    check_credit(sale, "Ventas", "sale_entry")
    assert amount_in(sale, "IVA trasladado") == Decimal("-160.00")


def test_each_journal_check_names_the_mistake():
    with pytest.raises(AssertionError, match="no cuadra"):
        check_entry(Transaction("2026-05-10", "V", (debit("Bancos", 1160),
                                                    credit("Ventas", 1000))), "sale_entry")
    with pytest.raises(AssertionError, match="catálogo"):
        check_entry(Transaction("2026-05-10", "V", (debit("Banco", 10),
                                                    credit("Ventas", 10))), "sale_entry")
    with pytest.raises(AssertionError, match="Transaction"):
        check_entry(Decimal("1160"), "sale_entry")
    with pytest.raises(AssertionError, match="missing the account 'Ventas'"):
        check_credit(Transaction("2026-05-10", "V", (debit("Bancos", 1), credit("Caja", 1))),
                     "Ventas", "sale_entry")


def test_an_unanswered_or_crashing_function_fails_in_both_languages():
    def crashes(x):
        return x / 0

    with pytest.raises(AssertionError) as info:
        call(crashes, 1)
    message = str(info.value)
    assert "se detuvo con un error" in message and "stopped with an error" in message
    assert "ZeroDivisionError" in message


@given(st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False))
def test_an_amount_always_matches_itself_and_misses_by_a_cent(amount):
    check_amount(amount, amount, "total")
    with pytest.raises(AssertionError):
        check_amount(amount + Decimal("0.01"), amount, "total")


def test_as_number_reads_what_a_student_may_return():
    assert as_number(0.15) == Decimal("0.15")
    assert as_number(Decimal("2.5")) == Decimal("2.5")
    for bad in (True, "quince", None, float("nan"), [1]):
        with pytest.raises(AssertionError, match="must be a number"):
            as_number(bad, "fee")


def test_say_gives_spanish_then_english():
    es, en = say("grading.journal.iva_missing", net="1,000.00", rate="0.16", iva="160.00",
                 total="1,160.00").split("\n")
    assert es.startswith("Falta el IVA") and en.startswith("IVA is missing")


def test_every_grading_text_exists_in_both_languages():
    from mipyme.i18n import texts

    keys = [k for k in texts() if k.startswith("grading.")]
    assert len(keys) > 30
    for key in keys:
        assert texts()[key]["es"].strip() and texts()[key]["en"].strip()
    # every key a spec or a check names exists
    text = "\n".join(p.read_text(encoding="utf-8") for p in spec_paths())
    for key in set(re.findall(r'"(grading\.[a-z0-9_.]+)"', text)):
        assert key in texts(), key


# -- practice books for hidden tests ------------------------------------------------------


@given(st.integers(min_value=0, max_value=10_000))
def test_practice_books_balance_and_their_statements_agree(seed):
    from mipyme.finance import balance_sheet, income_statement

    books = practice_books(seed)
    assert books.is_valid
    balances = statement_balances(books)
    chart = books.chart
    kind = {name: chart.get(name).type for name in balances}
    income = sum(v for k, v in balances.items() if kind[k] == "income")
    costs = sum(v for k, v in balances.items() if kind[k] == "expense")
    assert income - costs == income_statement(books).attrs["net_income"]
    assets = sum(v for k, v in balances.items() if kind[k] == "asset")
    liabilities = sum(v for k, v in balances.items() if kind[k] == "liability")
    drawings = balances["Retiros del dueño"]
    equity = sum(v for k, v in balances.items() if kind[k] == "equity") - 2 * drawings
    assert assets == liabilities + equity + income - costs
    assert assets == balance_sheet(books).attrs["assets"]


def test_the_same_seed_gives_the_same_books():
    assert statement_balances(practice_books(5)) == statement_balances(practice_books(5))
    assert statement_balances(practice_books(5)) != statement_balances(practice_books(6))


def test_the_spec_files_parse_as_toml():
    for path in spec_paths():
        assert tomllib.loads(path.read_text(encoding="utf-8"))["assignment"] == path.stem
