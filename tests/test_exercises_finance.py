"""The graded exercises of the finance part (ch12-ch16): what is particular to these chapters.

The contract every assignment keeps (the release, full marks, the blank release, each typical
mistake's points and feedback) is ``tests/test_exercise_contract.py``. Here: the misconceptions
the fixtures cover, and, without nbgrader, that the instructor's solutions agree with the
library on any input and that the numbers written in the specs are the library's.
"""

from __future__ import annotations

import contextlib
import io
from decimal import Decimal

import nbformat
from hypothesis import given, settings
from hypothesis import strategies as st

from exercise_support import ROOT, mistakes
from mipyme.finance import (
    LoanOffer,
    account_balance,
    compare_loans,
    iva_payable,
    loan_schedule,
    marketplace_withholding,
    resico_monthly_isr,
)
from mipyme.grading.build_source import load_spec
from mipyme.grading.roundtrip import solutions
from mipyme.money import round_money
from mipyme.store import simulate
from strategies import PESOS, RATES


def spec(assignment: str) -> dict:
    return load_spec(ROOT / "exercises" / "specs" / f"{assignment}.toml")


def source(assignment: str) -> nbformat.NotebookNode:
    path = ROOT / "exercises" / "source" / assignment / f"{assignment}.ipynb"
    return nbformat.read(path, as_version=4)


def test_the_mistakes_cover_the_misconceptions_of_the_issue():
    # the journal: forgetting IVA, wrong sign, drawings as an expense, hard-coding
    assert {"olvida_iva", "signo_invertido", "retiro_como_gasto", "respuesta_fija"} <= set(
        mistakes("ch12_registros"))
    assert {"retiro_como_gasto", "respuesta_fija"} <= set(mistakes("ch13_estados_financieros"))
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


def test_doña_juanas_numbers_are_the_librarys():
    # Group loan, 72 % on the declining balance, weekly, 16 % IVA on the interest: the first
    # week's interest is 10,000 x 0.72 / 52 = 138.46 and its IVA 22.15.
    table = compare_loans(CH14["grupal"], CH14["banco"], CH14["plana"])
    first = CH14["grupal"].schedule("2026-02-02").iloc[0]
    assert (first["interest"], first["iva"]) == (Decimal("138.46"), Decimal("22.15"))
    # The worst case, flat: 10,000 x 0.72 x 16 / 52 = 2,215.38 of interest.
    assert table.loc["plana", "interest"] == Decimal("2215.38")
    assert CH14["flat_interest"](Decimal("10000"), Decimal("0.72"), 16) == Decimal("2215.38")
    # The bank: 10,733.95 of payments (interest 632.72 + IVA 101.23) + 200 fee.
    assert table.loc["banco", "interest"] + table.loc["banco", "iva"] == Decimal("733.95")
    assert table.loc["banco", "total_paid"] == Decimal("10933.95")
    assert CH14["total_paid"](CH14["banco"]) == Decimal("10933.95")
    assert table.loc["grupal", "total_paid"] == Decimal("11412.10")
    # The written answer's CATs: 129.0 % (104.4 % without IVA) and 55.6 % (48.4 %).
    # 104.4 % = (1 + 0.72/52)^52 - 1; 129.0 % = (1 + 0.72 x 1.16/52)^52 - 1.
    assert table.loc["grupal", "cat"] == Decimal("1.290")
    assert table.loc["grupal", "cat_without_iva"] == Decimal("1.044")
    assert table.loc["banco", "cat"] == Decimal("0.556")
    assert table.loc["banco", "cat_without_iva"] == Decimal("0.484")


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
    assert w.received == w.net_sale + w.iva_trasladado - w.isr_withheld - w.iva_withheld


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
    assert income["revenue"] == Decimal("1933557.58")
    assert income["sales"] == Decimal("2437813.21")
    assert income["gross_profit"] == Decimal("1046192.58")
    assert income["net_income"] == Decimal("431444.08")
    assert reports["cash_flow"].attrs["cash_end"] == Decimal("389063.04")
    # May: 24,032.99 - 18,867.61 = 5,165.38; June: 14,513.06 - 20,667.13 = -6,154.07
    assert _month_iva(store.journal, 5) == (Decimal("24032.99"), Decimal("18867.61"))
    assert _month_iva(store.journal, 6) == (Decimal("14513.06"), Decimal("20667.13"))
    # the hidden tests' months with a balance in favour really are in favour
    for seed, month in ((11, 11), (12, 7)):
        out, inp = _month_iva(simulate(days=365, seed=seed).journal, month)
        assert iva_payable(out, inp).in_favor, (seed, month)
