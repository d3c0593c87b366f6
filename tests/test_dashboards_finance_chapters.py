"""The finance chapters' dashboards (12 to 16) driven without a browser.

Each dashboard's numbers are checked against the finance engine and against hand arithmetic
from the chapter's worked example; then every dashboard is put through the same checks:
a moved control changes the result and the picture, a bad value is refused with the
control's name, the predict-then-check comparison copes with any guess, and the words
exist in both languages.
"""

from __future__ import annotations

from decimal import Decimal

import matplotlib
import pytest

matplotlib.use("Agg")

from mipyme.dashboards.finance import FinanceDashboard
from mipyme.dashboards.finance_journal import JournalDashboard
from mipyme.dashboards.finance_statements import StatementsDashboard
from mipyme.dashboards.finance_taxes import TaxDashboard
from mipyme.dashboards.finance_year import YearDashboard
from mipyme.errors import InputError
from mipyme.finance import (
    Journal,
    Transaction,
    account_balance,
    add_iva,
    cash_flow,
    credit,
    debit,
    income_statement,
    iva_payable,
    marketplace_withholding,
    resico_monthly_isr,
    trial_balance,
)
from mipyme.finance.examples import mezcal_month, talavera_month
from mipyme.finance.loans import LoanOffer, compare_loans, loan_schedule, translate_loan_columns
from mipyme.i18n import language
from mipyme.money import Money
from mipyme.store import simulate


@pytest.fixture(scope="module")
def year_board():
    return YearDashboard()


# -- chapter 12: the journal ------------------------------------------------------------------


def talavera_books(*extra: Transaction) -> Journal:
    """Guadalupe's first month as chapter 12 writes it (the library's example), plus ``extra``."""
    books = talavera_month()
    books.extend(extra)
    return books


def test_the_gateway_fee_is_split_into_fee_and_creditable_iva():
    """The gateway keeps 120 with IVA: 120 / 1.16 = 103.448... -> 103.45 of fee (an expense)
    and 120 - 103.45 = 16.55 of IVA she can credit; the bank gets 3,480 - 120 = 3,360."""
    books = talavera_month()
    assert books.validate() == []
    assert account_balance(books, "Comisiones de cobro") == Decimal("103.45")
    assert account_balance(books, "IVA acreditable") == Decimal("336.55")  # 320 + 16.55
    assert account_balance(books, "Bancos") == Decimal("11040.00")  # 10,000 - 2,320 + 3,360
    assert account_balance(books, "Pagos por liquidar") == Decimal("0.00")
    # profit: 3,000 of sales - 1,200 of cost - 103.45 of fee
    assert income_statement(books).attrs["net_income"] == Decimal("1696.55")


def test_a_purchase_paid_from_the_bank_leaves_what_the_books_say():
    """Materials for 1,500 plus 16% IVA (240): the bank goes from 11,040 to 9,300."""
    board = JournalDashboard()
    result = board.update(transaction="purchase", amount=1500)
    assert result["balanced"] and result["debits"] == result["credits"] == Money("1740.00")
    assert result["bank"] == Money("9300.00")
    books = talavera_books(Transaction("2026-01-20", "Compra", (
        debit("Inventario", 1500), debit("IVA acreditable", 240), credit("Bancos", 1740))))
    assert result["bank"].amount == account_balance(books, "Bancos")
    assert result["trial"].attrs["debits"] == trial_balance(books).attrs["debits"]
    assert board.prediction(result) == Decimal("9300.00")


def test_a_sale_by_transfer_brings_its_iva_into_the_bank():
    """A 2,000 sale: the customer pays 2,320, of which 320 is IVA owed to the SAT."""
    result = JournalDashboard().update(transaction="sale", amount=2000)
    assert result["bank"] == Money("13360.00")  # 11,040 + 2,320
    iva_line = [line for line in result["lines"] if line[0] == "IVA trasladado"]
    assert iva_line == [("IVA trasladado", Decimal("0.00"), Decimal("320.00"))]
    assert result["trial"].attrs["debits"] == result["trial"].attrs["credits"]


def test_a_sale_without_its_iva_is_not_posted_and_is_explained():
    board = JournalDashboard()
    result = board.update(transaction="sale_no_iva", amount=1000)
    assert not result["balanced"]
    assert result["difference"] == Money("160.00")  # 1,160 charged, 1,000 written down
    assert [f.code for f in result["findings"]] == ["unbalanced"]
    assert result["bank"] == Money("11040.00")  # not posted: the bank is as it was
    with language("en"):
        line = board.summary(result)
    assert "does not balance" in line and "$160.00" in line
    assert "no cuadra" in board.summary(result)


def test_taking_home_more_than_the_bank_has_is_flagged():
    result = JournalDashboard().update(transaction="drawing", amount=15000)
    assert result["bank"] == Money("-3960.00")
    assert any(f.level == "warning" for f in result["findings"])


# -- chapter 13: statements --------------------------------------------------------------------


def test_rosas_march_matches_the_chapter_and_the_engine():
    """Chapter 13's month: net income 5,220; equity 30,000 + 5,220 - 6,000 = 29,220."""
    result = StatementsDashboard().update(fair=12, restaurant=10, drawings=6000)
    assert result["net_income"] == Money("5220.00")
    assert result["equity"] == Money("29220.00")
    assert result["receivable"] == Money("8004.00")
    books = result["books"]
    assert result["net_income"].amount == income_statement(
        books, start="2026-03-01", end="2026-03-31").attrs["net_income"]
    assert result["cash_end"].amount == cash_flow(
        books, start="2026-03-01", end="2026-03-31").attrs["cash_end"]
    # The dashboard's default month is the library's example, entry for entry.
    assert books.postings["amount_cents"].tolist() == (
        mezcal_month().postings["amount_cents"].tolist())


def test_drawings_change_cash_and_equity_but_not_profit():
    board = StatementsDashboard()
    before = board.update(drawings=6000)
    after = board.update(drawings=10000)
    assert after["net_income"] == before["net_income"]
    assert before["cash_end"] - after["cash_end"] == Money("4000.00")
    assert after["equity"] == Money("25220.00")


def test_a_sale_on_credit_adds_profit_but_no_cash():
    """5 more bottles for the restaurant: 5 x (690 - 230) = 2,300 more profit, no more cash."""
    board = StatementsDashboard()
    before = board.update(restaurant=10)
    after = board.update(restaurant=15)
    assert after["net_income"] == Money("7520.00")
    assert board.prediction(after) == Decimal("7520.00")
    assert after["operating_cash"] == before["operating_cash"] == Money("2384.80")
    assert after["receivable"] == Money(add_iva(Decimal("10350.00"), on="2026-03-20"))


# -- chapter 14: cash and credit ---------------------------------------------------------------


def test_finance_prediction_is_the_monthly_payment():
    """30,000 at 72% flat over 12 months: 30,000 x 1.72 / 12 = 4,300 a month."""
    board = FinanceDashboard()
    result = board.update(loan=30000)
    assert board.prediction(result) == Decimal("4300.00")
    schedule = loan_schedule(Decimal("30000.00"), Decimal("0.7200"), 12, frequency="monthly",
                             method="flat", start="2026-01-31")
    assert board.prediction(result) == schedule["payment"].iloc[0]
    declining = board.update(method="declining")
    assert board.prediction(declining) < Decimal("4300.00")


def test_a_loan_comparison_reads_in_the_editions_language():
    """Chapter 14's table: the words in the cells follow the edition, not only the headers."""
    offers = compare_loans(LoanOffer("grupal", "10000", "0.72", 16, frequency="weekly",
                                     method="flat"),
                           LoanOffer("banco", "10000", "0.30", 4), start="2026-02-02")
    with language("es"):
        table = translate_loan_columns(offers)
        assert list(table["frecuencia"]) == ["semanal", "mensual"]
        assert list(table["cálculo del interés"]) == ["tasa fija sobre el monto original",
                                                      "sobre saldos insolutos"]
    with language("en"):
        table = translate_loan_columns(offers)
        assert list(table["frequency"]) == ["weekly", "monthly"]
    assert list(offers["frequency"]) == ["weekly", "monthly"]  # the original is left alone


# -- chapter 15: taxes -------------------------------------------------------------------------


def test_a_month_of_mugs_only():
    """60,000 of mugs: RESICO 1.5% = 900; IVA 9,600 charged - 1,840 paid = 7,760."""
    result = TaxDashboard().update(income=60000, coffee_pct=0, platform_pct=0,
                                   purchases=11500)
    assert result["isr"] == resico_monthly_isr(Money("60000"), on="2026-03-01") == Money("900")
    assert result["iva"].amount == Money("7760.00")
    assert result["isr_withheld"] == result["iva_withheld"] == Money("0")


def test_coffee_and_platforms_lower_what_is_left_to_pay():
    """40,000: 60% coffee (0%), 30% on platforms. Mugs 16,000 -> IVA 2,560 - 1,840 = 720;
    platforms hold 8% IVA of 4,800 of mugs (384) and 2.5% ISR of 12,000 (300)."""
    result = TaxDashboard().update(income=40000, coffee_pct=60, platform_pct=30,
                                   purchases=11500)
    mugs = marketplace_withholding(Money("4800"), True, on="2026-03-01")
    coffee = marketplace_withholding(Money("7200"), True, on="2026-03-01", iva_kind="food")
    assert result["iva_withheld"] == mugs.iva_withheld + coffee.iva_withheld == Money("384")
    assert result["isr_withheld"] == mugs.isr_withheld + coffee.isr_withheld == Money("300")
    assert result["iva"] == iva_payable(Money("2560"), Money("1840"))
    assert result["iva_left"] == Money("336.00")
    assert result["isr_left"] == Money("140.00")  # 1.1% of 40,000 = 440, minus 300


def test_big_purchases_give_a_balance_in_her_favour():
    board = TaxDashboard()
    result = board.update(income=20000, coffee_pct=60, purchases=30000)
    assert result["iva_left"].amount < 0
    assert "saldo a favor" in board.summary(result)
    with language("en"):
        assert "in his favour" in board.summary(result)


def test_platform_withholding_above_resico_is_a_balance_in_his_favour():
    """All 40,000 sold on platforms: RESICO 1.1% = 440, but 2.5% withheld = 1,000, so the
    income tax left is 440 - 1,000 = -560: a balance in his favour, as chapter 15 says."""
    board = TaxDashboard()
    result = board.update(income=40000, coffee_pct=60, platform_pct=100, purchases=11500)
    assert result["isr"] == Money("440.00")
    assert result["isr_withheld"] == Money("1000.00")
    assert result["isr_left"] == Money("-560.00")
    with language("es"):
        assert "ISR: <b>saldo a favor de $560.00 MXN</b>" in board.summary(result)
    with language("en"):
        assert "a balance in his favour of $560.00 MXN" in board.summary(result)


# -- chapter 16: the year ----------------------------------------------------------------------


def lupita_year(ads: int, salary: int, rent: int = 4000) -> Journal:
    """Chapter 16's cell: the simulated year, plus rent (with IVA) and salary each month."""
    books = simulate(days=365, seed=2026, start="2026-01-01",
                     ad_budget={"web": 300, "mercado_libre": ads}).journal
    for month in range(1, 13):
        day = f"2026-{month:02d}-28"
        with_iva = add_iva(rent, on=day)
        books.add(Transaction(day, "Renta", (debit("Renta", rent),
                                             debit("IVA acreditable", with_iva - rent),
                                             credit("Bancos", with_iva))))
        books.add(Transaction(day, "Sueldo", (debit("Retiros del dueño", salary),
                                              credit("Bancos", salary))))
    return books


@pytest.mark.parametrize(("ads", "salary"), [(500, 12000), (1000, 15000)])
def test_the_year_matches_the_chapter_books(year_board, ads, salary):
    result = year_board.update(ads=ads, salary=salary)
    books = lupita_year(ads, salary)
    income = income_statement(books, start="2026-01-01", end="2026-12-31")
    cash = cash_flow(books, start="2026-01-01", end="2026-12-31")
    assert result["net_income"].amount == income.attrs["net_income"]
    assert result["cash_end"].amount == cash.attrs["cash_end"]
    assert year_board.prediction(result) == cash.attrs["cash_end"]


def test_a_higher_salary_is_cash_not_profit(year_board):
    low = year_board.update(ads=500, salary=12000)
    high = year_board.update(salary=15000)
    assert high["net_income"] == low["net_income"]
    assert low["cash_end"] - high["cash_end"] == Money("36000.00")  # 3,000 x 12
    assert high["taxes_left"] == low["taxes_left"]


def test_more_ads_change_the_year(year_board):
    quiet = year_board.update(ads=0, salary=12000)
    loud = year_board.update(ads=3000)
    assert loud["revenue"] != quiet["revenue"]
    assert loud["net_income"] != quiet["net_income"]


# -- the same checks for every dashboard -------------------------------------------------------

#: (dashboard, a control to move and two of its values, a refused value, a guess that is close)
BOARDS = [
    (JournalDashboard, "amount", 1000, 1500, 50, "9,250"),
    (StatementsDashboard, "restaurant", 10, 15, 25, 7500),
    (FinanceDashboard, "loan", 20000, 30000, -5, 4250),
    (TaxDashboard, "income", 40000, 60000, 300000, "$880"),
    (YearDashboard, "salary", 12000, 15000, 40000, None),
]
IDS = [b[0].__name__ for b in BOARDS]


def _board(cls, year_board):
    return year_board if cls is YearDashboard else cls()


@pytest.mark.parametrize(("cls", "name", "first", "second", "bad", "close"), BOARDS, ids=IDS)
def test_moving_a_control_changes_the_result_and_the_picture(year_board, cls, name, first,
                                                              second, bad, close):
    board = _board(cls, year_board)
    board.update(**{name: first})
    board.render()
    before_result, before_svg = board.prediction(board.result), board.svg()
    board.update(**{name: second})
    assert board.prediction(board.result) != before_result
    assert board.svg() != before_svg
    assert board.figure.alt_text == board.alt_text(board.result)


@pytest.mark.parametrize(("cls", "name", "first", "second", "bad", "close"), BOARDS, ids=IDS)
def test_a_bad_value_is_refused_with_the_controls_name(year_board, cls, name, first, second,
                                                        bad, close):
    board = _board(cls, year_board)
    board.update(**{name: first})
    before = dict(board.values)
    with language("en"):
        with pytest.raises(InputError, match=f"'{name}' must be between"):
            board.update(**{name: bad})
        with pytest.raises(InputError, match=f"'{name}' must be a number"):
            board.update(**{name: "mucho"})
    assert board.values == before


def test_a_bad_choice_is_refused_with_the_controls_name():
    with language("en"), pytest.raises(InputError, match="'transaction' must be one of"):
        JournalDashboard().update(transaction="gift")


@pytest.mark.parametrize(("cls", "name", "first", "second", "bad", "close"), BOARDS, ids=IDS)
def test_compare_copes_with_any_guess(year_board, cls, name, first, second, bad, close):
    board = _board(cls, year_board)
    board.update(**{name: second})
    actual = board.prediction(board.result)
    close = actual * Decimal("0.97") if close is None else close
    with language("en"):
        assert board.compare(None).startswith("You have not written your guess")
        assert board.compare(close).startswith("Very close!")
        assert board.compare(actual * 3).startswith("You guessed")
        assert "must be a number" in board.compare("no sé")
    assert board.compare(None).startswith("Todavía no escribiste tu predicción")


@pytest.mark.parametrize(("cls", "name", "first", "second", "bad", "close"), BOARDS, ids=IDS)
def test_summary_and_alt_text_in_both_languages(year_board, cls, name, first, second, bad,
                                                close):
    board = _board(cls, year_board)
    result = board.update(**{name: first})
    with language("es"):
        es = (board.summary(result), board.alt_text(result))
    with language("en"):
        en = (board.summary(result), board.alt_text(result))
    for text in (*es, *en):
        assert len(text) > 40 and "{" not in text
    assert es[0] != en[0] and es[1] != en[1]


@pytest.mark.parametrize(("cls", "name", "first", "second", "bad", "close"), BOARDS, ids=IDS)
def test_the_picture_is_drawn_in_the_chosen_language(year_board, cls, name, first, second,
                                                     bad, close):
    board = _board(cls, year_board)
    board.update(**{name: first})
    with language("en"):
        board.figure = None  # a new figure, drawn in English
        english = board.svg()
    with language("es"):
        board.figure = None
        spanish = board.svg()
    assert english != spanish
    assert 'role="img"' in english and 'aria-label="' in spanish


def test_every_widget_builds_and_a_moved_control_updates_the_dashboard(year_board):
    for board, name, value in ((JournalDashboard(), "amount", 1500.0),
                               (StatementsDashboard(), "restaurant", 15),
                               (TaxDashboard(), "income", 60000.0),
                               (year_board, "salary", 15000.0)):
        box = board.widget()
        controls = {c._mipyme_name: c for c in box.children if hasattr(c, "_mipyme_name")}
        assert set(controls) == {c.name for c in board.controls}
        controls[name].value = value  # what a student's drag does
        assert board.values[name] == value
        assert "mipyme-dashboard-static" in box._repr_mimebundle_()["text/html"]
