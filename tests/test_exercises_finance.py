"""The graded exercises of the finance chapters ch14-ch16, through the real nbgrader.

Same contract as ``tests/test_exercises.py``: the release hides solutions and hidden tests, the
instructor's solution handed in as a student gets every autograded point, the blank release
gets none, and each typical-mistake submission in ``tests/fixtures/submissions/<assignment>/``
gets exactly the points written in its file, with feedback that names the mistake.

Every submission of the three assignments is graded in ONE ``grade_many`` call (one release run
and one autograde run per worker), because each notebook costs a kernel start. The fast tests
below it check, without nbgrader, that the instructor's solutions agree with the library on
any input and that the numbers written in the specs are the library's.
"""

from __future__ import annotations

import contextlib
import io
import re
from decimal import Decimal

import nbformat
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exercise_support import (
    ROOT,
    grade_course,
    mistakes,
    read_step,
    secret_lines,
)
from mipyme.finance import (
    LoanOffer,
    account_balance,
    compare_loans,
    iva_payable,
    loan_schedule,
    marketplace_withholding,
    resico_monthly_isr,
)
from mipyme.grading.build_source import build_notebook, load_spec
from mipyme.grading.roundtrip import answer_cells, solutions
from mipyme.i18n import catalog
from mipyme.money import round_money
from mipyme.store import simulate

ASSIGNMENTS = ("ch14_flujo_credito", "ch15_impuestos", "ch16_proyecto_final")




def spec(assignment: str) -> dict:
    return load_spec(ROOT / "exercises" / "specs" / f"{assignment}.toml")


def source(assignment: str) -> nbformat.NotebookNode:
    path = ROOT / "exercises" / "source" / assignment / f"{assignment}.ipynb"
    return nbformat.read(path, as_version=4)


MISTAKES = [(a, name) for a in ASSIGNMENTS for name in mistakes(a)]


# -- the round trip through nbgrader ------------------------------------------------------


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    return grade_course(tmp_path_factory.mktemp("finance_course"), ASSIGNMENTS)






@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_release_has_no_solution_and_no_hidden_test(graded, assignment):
    src = read_step(graded, "source", assignment)
    release = read_step(graded, "release", assignment)
    text = "\n".join(cell.source for cell in release.cells)
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "HIDDEN TESTS", "MARK SCHEME"):
        assert marker not in text
    secrets = secret_lines(src)
    assert len(secrets) > 10  # the check below is not empty
    assert sorted(line for line in secrets if line in text) == []
    regions = sum(c.source.count("### BEGIN SOLUTION") for c in src.cells
                  if c.cell_type == "code")
    assert regions >= len(solutions(src)) >= 2
    assert text.count("raise NotImplementedError()") == regions


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_instructors_solution_gets_full_marks(graded, assignment):
    result = graded[assignment]["solution"]
    assert result.auto_max >= 6
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
    assert 0 <= result.auto_score < result.auto_max
    for cell, words in expected.get("messages", {}).items():
        message = result.message(cell)
        assert words in message
        assert "Traceback" not in message
        assert len(message.split("\n")) == 2  # Spanish, then English


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_no_test_cell_shows_a_value_nbgrader_would_read_as_partial_credit(graded, assignment):
    done = read_step(graded, "autograded", assignment, "solution")
    for cell in done.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") and cell.cell_type == "code":
            kinds = [o.output_type for o in cell.outputs]
            assert "execute_result" not in kinds, meta["grade_id"]
            assert "error" not in kinds, meta["grade_id"]


# -- the specs, without nbgrader ----------------------------------------------------------


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_source_notebook_is_built_from_its_spec(assignment):
    path = ROOT / "exercises" / "source" / assignment / f"{assignment}.ipynb"
    built = nbformat.writes(build_notebook(spec(assignment), ROOT)) + "\n"
    assert path.read_text(encoding="utf-8") == built
    # 2-4 autograded tasks split into test cells for partial credit, every test cell with
    # hidden tests, and the written answer and the teach-back graded by hand.
    cells = spec(assignment)["cell"]
    kinds = [c["kind"] for c in cells]
    assert 2 <= kinds.count("answer") <= 4
    assert kinds.count("tests") >= 4
    assert all("### BEGIN HIDDEN TESTS" in c["source"] for c in cells if c["kind"] == "tests")
    assert [c["id"] for c in cells if c["kind"] == "written"][-1] == "teachback"
    assert kinds.count("written") == 2


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_message_a_spec_names_exists_in_both_languages(assignment):
    chapter = assignment[:4]
    text = (ROOT / "exercises" / "specs" / f"{assignment}.toml").read_text(encoding="utf-8")
    named = set(re.findall(r'"(grading\.[a-z0-9_.]+)"', text))
    own = {k for k in catalog() if k.startswith(f"grading.{chapter}.")}
    assert own, chapter
    assert named - set(catalog()) == set()
    assert own <= named  # no unused message left in the chapter's file
    for key in own:
        assert catalog()[key]["es"].strip() and catalog()[key]["en"].strip()
        assert catalog()[key]["es"] != catalog()[key]["en"]


def test_the_fixture_files_are_valid_submissions_and_cover_the_misconceptions():
    for assignment in ASSIGNMENTS:
        known = set(answer_cells(source(assignment)))
        cases = mistakes(assignment)
        assert len(cases) >= 2
        for name, case in cases.items():
            assert set(case["answers"]) <= known, name
            assert isinstance(case["score"], int) and case["lost"], name
    # flat interest on the balance, comparing only the rate, a receivable taken for cash
    assert {"interes_sobre_saldo", "solo_tasa", "credito_como_efectivo"} <= set(
        mistakes("ch14_flujo_credito"))
    # forgetting IVA, adding instead of subtracting, percent vs fraction
    assert {"olvida_iva", "suma_en_vez_de_restar", "porcentaje_no_fraccion"} <= set(
        mistakes("ch15_impuestos"))
    assert {"efectivo_es_utilidad", "respuesta_fija"} <= set(mistakes("ch16_proyecto_final"))


# -- the instructor's solutions agree with the library on any input ----------------------


def _solved(assignment: str) -> dict:
    """The setup and solution cells of the source notebook, run in a fresh namespace."""
    namespace: dict = {}
    answers = solutions(source(assignment))
    code = []
    for cell in source(assignment).cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or meta.get("grade"):
            continue
        code.append(answers.get(meta["grade_id"], cell.source))
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile("\n\n".join(code), assignment, "exec"), namespace)
    return namespace


CH14 = _solved("ch14_flujo_credito")
CH15 = _solved("ch15_impuestos")
PESOS = st.decimals(min_value=0, max_value=500_000, places=2, allow_nan=False)
RATES = st.decimals(min_value=0, max_value=3, places=4, allow_nan=False)


@settings(max_examples=40, deadline=None)
@given(st.decimals(min_value=Decimal("100"), max_value=200_000, places=2), RATES,
       st.integers(min_value=1, max_value=60), st.sampled_from(["weekly", "biweekly", "monthly"]))
def test_the_flat_interest_solution_is_the_librarys_and_never_below_declining(
        principal, rate, periods, frequency):
    per_year = CH14["PAGOS_POR_ANO"][frequency]
    flat = loan_schedule(principal, rate, periods, frequency=frequency, method="flat",
                         start="2026-01-05")
    declining = loan_schedule(principal, rate, periods, frequency=frequency,
                              start="2026-01-05")
    got = CH14["flat_interest"](principal, rate, periods, per_year)
    assert got == sum(flat["interest"], Decimal("0.00"))
    assert got >= sum(declining["interest"], Decimal("0.00")) - Decimal("0.01") * periods


def test_doña_rosas_numbers_are_the_librarys():
    # 10,000 x 0.72 x 16 / 52 = 2,215.38; the bank: 10,632.72 of payments + 200 fee
    table = compare_loans(CH14["grupal"], CH14["banco"])
    assert table.loc["grupal", "interest"] == Decimal("2215.38")
    assert table.loc["banco", "total_paid"] == Decimal("10832.72")
    assert CH14["total_paid"](CH14["banco"]) == Decimal("10832.72")
    # The written answer's CATs: 253.4% and 48.4%.
    assert table.loc["grupal", "cat"] == Decimal("2.534")
    assert table.loc["banco", "cat"] == Decimal("0.484")


def test_every_rate_trap_really_catches_choosing_by_rate():
    # In the example and hidden cases (other than doña Rosa's) the lowest rate is NOT the
    # lowest CAT, so a student who compares only the rate loses the points.
    cases = [
        [LoanOffer("financiera", "8000", "0.60", 20, frequency="weekly", method="flat"),
         LoanOffer("caja_popular", "8000", "0.70", 5)],
        [LoanOffer("a", "5000", "0.45", 12, frequency="weekly", method="flat"),
         LoanOffer("b", "5000", "0.55", 3, opening_fee="150"),
         LoanOffer("c", "5000", "0.80", 6, frequency="biweekly")],
        [LoanOffer("cooperativa", "15000", "0.38", 6, opening_fee="450"),
         LoanOffer("financiera", "15000", "0.36", 26, frequency="weekly", method="flat")],
    ]
    for offers in cases:
        by_rate = min(offers, key=lambda o: o.annual_rate).name
        assert CH14["cheaper_by_cat"](offers) != by_rate
        cats = compare_loans(*offers)["cat"]
        assert CH14["cheaper_by_cat"](offers) == cats.astype(float).idxmin()


@settings(max_examples=60, deadline=None)
@given(PESOS, PESOS)
def test_the_iva_solution_is_trasladado_minus_acreditable(sales, purchases):
    iva = CH15["IVA"]
    expected = iva_payable(round_money(sales * iva), round_money(purchases * iva))
    got = CH15["iva_to_pay"](sales, purchases)
    assert got == expected.amount
    assert (got < 0) == expected.in_favor == (round_money(purchases * iva)
                                             > round_money(sales * iva))


@settings(max_examples=60, deadline=None)
@given(st.decimals(min_value=0, max_value=3_500_000, places=2, allow_nan=False))
def test_the_resico_solution_is_the_librarys(income):
    assert CH15["resico_isr"](income) == resico_monthly_isr(income, on="2026-03-31")


@settings(max_examples=60, deadline=None)
@given(PESOS, st.booleans())
def test_the_marketplace_solution_is_the_librarys(net, has_rfc):
    w = marketplace_withholding(net, has_rfc, on="2026-03-31")
    assert CH15["marketplace_received"](net, has_rfc) == w.received
    assert w.received == w.net_sale + w.iva_charged - w.isr_withheld - w.iva_withheld


def test_the_tax_examples_in_the_text_are_the_librarys():
    # March: 48,500 x 0.16 = 7,760.00; 31,200 x 0.16 = 4,992.00; 7,760 - 4,992 = 2,768.00
    assert iva_payable("7760.00", "4992.00").amount == Decimal("2768.00")
    # November: 3,200.00 - 5,600.00 = -2,400.00, a balance in favour
    assert iva_payable("3200.00", "5600.00").in_favor
    # RESICO: 30,000 x 0.011 = 330.00; the limit 25,000.00 stays at 1.0%
    assert resico_monthly_isr("30000", on="2026-03-31") == Decimal("330.00")
    assert resico_monthly_isr("25000.00", on="2026-03-31") == Decimal("250.00")
    assert resico_monthly_isr("25000.01", on="2026-03-31") == Decimal("275.00")
    # A 1,000.00 ring: 1,160 - 25 - 80 = 1,055.00 with an RFC; 1,160 - 200 - 160 = 800.00
    assert marketplace_withholding("1000", True, on="2026-03-31").received == Decimal("1055.00")
    assert marketplace_withholding("1000", False, on="2026-03-31").received == Decimal("800.00")


# -- the capstone's numbers are the simulator's ------------------------------------------


def _month_iva(journal, month: int) -> tuple[Decimal, Decimal]:
    """(trasladado, acreditable) of one month of 2026, from balances before and after."""
    import calendar

    last = f"2026-{month:02d}-{calendar.monthrange(2026, month)[1]:02d}"
    before = f"2026-{month - 1:02d}-{calendar.monthrange(2026, month - 1)[1]:02d}"
    out = -(account_balance(journal, "IVA trasladado", last)
            - account_balance(journal, "IVA trasladado", before))
    inp = (account_balance(journal, "IVA acreditable", last)
           - account_balance(journal, "IVA acreditable", before))
    return out, inp


def test_the_capstone_text_quotes_the_simulated_year():
    store = simulate(days=365, seed=2026)
    reports = store.statements()
    income = reports["income_statement"].attrs
    assert income["revenue"] == Decimal("1878308.55")
    assert income["sales"] == Decimal("2379882.80")
    assert income["gross_profit"] == Decimal("1038823.55")
    assert income["net_income"] == Decimal("424075.05")
    assert reports["cash_flow"].attrs["cash_end"] == Decimal("393123.11")
    # May: 29,892.19 - 20,379.61 = 9,512.58; June: 18,981.96 - 22,179.13 = -3,197.17
    assert _month_iva(store.journal, 5) == (Decimal("29892.19"), Decimal("20379.61"))
    assert _month_iva(store.journal, 6) == (Decimal("18981.96"), Decimal("22179.13"))
    # the hidden tests' months with a balance in favour really are in favour
    for seed, month in ((11, 11), (12, 7)):
        out, inp = _month_iva(simulate(days=365, seed=seed).journal, month)
        assert iva_payable(out, inp).in_favor, (seed, month)
