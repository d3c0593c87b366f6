"""The ledger, tested in the language of the books: tiny journals with hand-made figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings

from mipyme.errors import InputError
from mipyme.finance import (
    Journal,
    Posting,
    Transaction,
    account_balance,
    balance_sheet,
    cash_flow,
    close_year,
    credit,
    debit,
    default_chart,
    general_ledger,
    income_statement,
    monthly_summary,
    trial_balance,
)
from mipyme.i18n import language
from tests.strategies import journals

D = Decimal


def tienda_de_ana() -> Journal:
    """A shop's January and February (all figures by hand).

    01-02 capital 10,000 to the bank          Bancos 10,000 / Capital 10,000
    01-03 stock 2,000 + IVA 320 paid by bank  Inventario 2,000, IVA acred. 320 / Bancos 2,320
    01-15 sale 3,000 + IVA 480 by card     Pagos x liquidar 3,480 / Ventas 3,000, IVA trasl. 480
    01-15 its cost                            Costo de ventas 1,200 / Inventario 1,200
    01-17 card settles, fee 120               Bancos 3,360, Comisiones de cobro 120 / Pagos 3,480
    01-31 ads 500 by bank                     Publicidad 500 / Bancos 500
    02-01 microloan 5,000                     Bancos 5,000 / Prestamos 5,000
    02-10 laptop 8,000 by bank                Mobiliario y equipo 8,000 / Bancos 8,000
    02-20 owner takes 1,000 cash              Retiros del dueño 1,000 / Bancos 1,000
    Net income: 3,000 - 1,200 - 120 - 500 = 1,180.
    Bank: 10,000 - 2,320 + 3,360 - 500 + 5,000 - 8,000 - 1,000 = 6,540.
    """
    return Journal([
        Transaction("2026-01-02", "Capital inicial", (debit("Bancos", 10000),
                                                      credit("Capital", 10000))),
        Transaction("2026-01-03", "Compra de barro y esmalte", (
            debit("Inventario", 2000), debit("IVA acreditable", 320), credit("Bancos", 2320))),
        Transaction("2026-01-15", "Venta con tarjeta", (
            debit("Pagos por liquidar", 3480), credit("Ventas", 3000),
            credit("IVA trasladado", 480))),
        Transaction("2026-01-15", "Costo de la venta", (debit("Costo de ventas", 1200),
                                                        credit("Inventario", 1200))),
        Transaction("2026-01-17", "Liquidación de la pasarela", (
            debit("Bancos", 3360), debit("Comisiones de cobro", 120),
            credit("Pagos por liquidar", 3480))),
        Transaction("2026-01-31", "Anuncios", (debit("Publicidad", 500), credit("Bancos", 500))),
        Transaction("2026-02-01", "Microcrédito", (debit("Bancos", 5000),
                                                   credit("Prestamos", 5000))),
        Transaction("2026-02-10", "Laptop", (debit("Mobiliario y equipo", 8000),
                                             credit("Bancos", 8000))),
        Transaction("2026-02-20", "Retiro de la dueña", (debit("Retiros del dueño", 1000),
                                                        credit("Bancos", 1000))),
    ])


def test_balances_by_hand():
    books = tienda_de_ana()
    assert books.validate() == []
    assert account_balance(books, "Bancos") == D("6540.00")
    assert account_balance(books, "Bancos", on="2026-01-31") == D("10540.00")
    assert account_balance(books, "Inventario") == D("800.00")
    assert account_balance(books, "Pagos por liquidar") == D("0.00")


def test_income_statement_by_hand():
    statement = income_statement(tienda_de_ana())
    assert statement.attrs["sales"] == D("3000.00")
    assert statement.attrs["gross_profit"] == D("1800.00")
    assert statement.attrs["net_income"] == D("1180.00")
    january = income_statement(tienda_de_ana(), start="2026-01-01", end="2026-01-31")
    assert january.attrs["net_income"] == D("1180.00")
    february = income_statement(tienda_de_ana(), start="2026-02-01")
    assert february.attrs["net_income"] == D("0.00")


def test_balance_sheet_by_hand():
    sheet = balance_sheet(tienda_de_ana())
    # Assets: bank 6,540 + stock 800 + IVA 320 + laptop 8,000 = 15,660
    assert sheet.attrs["assets"] == D("15660.00")
    # Liabilities: IVA trasladado 480 + loan 5,000 = 5,480
    assert sheet.attrs["liabilities"] == D("5480.00")
    # Equity: 10,000 - 1,000 drawings + 1,180 result = 10,180
    assert sheet.attrs["equity"] == D("10180.00")
    assert sheet.attrs["result"] == D("1180.00")


def test_cash_flow_direct_method_by_hand():
    flow = cash_flow(tienda_de_ana(), lang="en")
    lines = dict(zip(flow["account"], flow["amount"], strict=True))
    assert lines["Payments in transit"] == D("3480.00")  # collected from the card sale
    assert lines["Payment fees"] == D("-120.00")
    assert lines["Inventory"] == D("-2000.00")
    assert lines["Operating activities"] == D("540.00")  # 3,480-120-2,000-320-500
    assert lines["Investing activities"] == D("-8000.00")
    assert lines["Financing activities"] == D("14000.00")  # 10,000 + 5,000 - 1,000
    assert flow.attrs["net_change"] == D("6540.00")
    february = cash_flow(tienda_de_ana(), start="2026-02-01", end="2026-02-28")
    assert february.attrs["cash_start"] == D("10540.00")
    assert february.attrs["cash_end"] == D("6540.00")


def test_trial_balance_and_ledger():
    trial = trial_balance(tienda_de_ana(), lang="en")
    assert trial.attrs["debits"] == trial.attrs["credits"]
    bank = general_ledger(tienda_de_ana(), "Bancos", lang="en")
    assert bank["balance"].iloc[-1] == D("6540.00")
    loan = general_ledger(tienda_de_ana(), "Prestamos", lang="en")
    assert loan["balance"].tolist() == [D("5000.00")]  # a liability shows on its credit side
    feb = general_ledger(tienda_de_ana(), "Bancos", start="2026-02-01", lang="en")
    assert feb["balance"].tolist() == [D("15540.00"), D("7540.00"), D("6540.00")]


def test_monthly_summary():
    summary = monthly_summary(tienda_de_ana(), lang="en")
    assert summary["month"].tolist() == ["2026-01", "2026-02"]
    assert summary["net income"].tolist() == [D("1180.00"), D("0.00")]
    assert summary["cash at end"].tolist() == [D("10540.00"), D("6540.00")]


def test_validation_returns_every_finding_at_once():
    books = Journal([
        Transaction("2026-03-01", "Sólo un lado", (debit("Bancos", 100),)),
        Transaction("2026-03-02", "No cuadra", (debit("Envios", 90), credit("Bancos", 100))),
        Transaction("2026-03-03", "Cuenta rara", (debit("Publicida", 50), credit("Caja", 50))),
    ])
    with language("en"):
        findings = books.validate()
    codes = [f.code for f in findings]
    # transaction 1 has one posting AND does not balance; Caja ends at -50 (a warning);
    # Bancos goes +100 then -100 and never below zero.
    assert codes == ["too_few_postings", "unbalanced", "unbalanced", "unknown_account",
                     "negative_cash"]
    assert [f.where for f in findings] == ["1", "1", "2", "3", "1010"]
    assert "did you mean 'Advertising' (6040)" in findings[3].message
    assert "-$50.00 MXN" in findings[4].message
    assert [f.level for f in findings] == ["error"] * 4 + ["warning"]
    assert not books.is_valid
    with pytest.raises(InputError, match="4 error"):
        books.check()


def test_closed_period_is_a_finding_only_for_late_entries():
    books = tienda_de_ana()
    result = close_year(books, "2026-01-31")
    assert result.amount == D("1180.00")
    assert books.validate() == []
    assert income_statement(books, end="2026-01-31").attrs["net_income"] == D("1180.00")
    assert account_balance(books, "Resultados acumulados") == D("-1180.00")
    books.add(Transaction("2026-01-20", "Corrección tardía", (debit("Envios", 10),
                                                             credit("Bancos", 10))))
    assert [f.code for f in books.validate()] == ["closed_period"]


def test_bad_input_names_argument_rule_and_value():
    with language("en"):
        with pytest.raises(InputError, match=r"'amount' must be zero or more \(got -5\)"):
            debit("Bancos", -5)
        with pytest.raises(InputError, match=r"'amount' must be in whole cents"):
            Posting("Bancos", D("1.005"))
        with pytest.raises(TypeError, match="does not hold exact cents"):
            debit("Bancos", 0.1 + 0.2)
        with pytest.raises(InputError, match="unknown account 'Ventaz'"):
            default_chart().get("Ventaz")


def test_chart_is_bilingual_and_extensible():
    chart = default_chart()
    for name in ["Caja", "Bancos", "Clientes", "Inventario", "IVA acreditable",
                 "IVA trasladado", "Proveedores", "Prestamos", "Capital", "Ventas",
                 "Costo de ventas", "Comisiones", "Envios", "Publicidad"]:
        account = chart.get(name)
        assert account.name_en and account.name_es
    bigger = chart.with_account("1021", "Banco digital", "Digital bank", "asset", cash=True)
    assert "1021" in bigger.cash_codes and "1021" not in chart.cash_codes
    with pytest.raises(InputError, match="type"):
        chart.with_account("9999", "X", "Y", "gasto")
    with pytest.raises(InputError):
        chart.with_account("1020", "Otra", "Other", "asset")  # code taken


def test_reports_follow_the_language():
    with language("en"):
        en = income_statement(tienda_de_ana())
    es = income_statement(tienda_de_ana())
    assert list(en.columns) == ["section", "code", "account", "amount"]
    assert list(es.columns) == ["sección", "código", "cuenta", "importe"]
    assert "Net income" in en["account"].tolist() and "Utilidad neta" in es["cuenta"].tolist()


def test_bulk_postings_match_one_by_one():
    slow = tienda_de_ana()
    fast = Journal.from_postings(slow.postings[["txn", "date", "description", "account",
                                                "amount_cents"]])
    assert balance_sheet(fast).equals(balance_sheet(slow))
    bad = slow.postings[["txn", "date", "description", "account", "amount_cents"]].copy()
    bad.loc[0, "amount_cents"] += 1
    with pytest.raises(InputError, match="no cuadra"):
        Journal.from_postings(bad)


@settings(max_examples=60, deadline=None)
@given(journals)
def test_any_valid_journal_balances(txns):
    books = Journal(txns)
    assert not [f for f in books.validate() if f.level == "error"]
    trial = trial_balance(books)
    assert trial.attrs["debits"] == trial.attrs["credits"]


@settings(max_examples=60, deadline=None)
@given(journals)
def test_balance_sheet_identity_holds_after_closing(txns):
    books = Journal(txns)
    before = balance_sheet(books)
    close_year(books, dt.date(2026, 12, 31))
    after = balance_sheet(books)
    assert after.attrs["assets"] == after.attrs["liabilities"] + after.attrs["equity"]
    assert after.attrs["result"] == D("0.00")
    assert after.attrs["assets"] == before.attrs["assets"]
    for account in books.chart:
        if account.type in ("income", "expense"):
            assert account_balance(books, account.code) == D("0.00")


@settings(max_examples=60, deadline=None)
@given(journals)
def test_cash_flow_ties_to_the_bank_accounts(txns):
    books = Journal(txns)
    flow = cash_flow(books, start="2026-04-01", end="2026-09-30")
    cash = [a.code for a in books.chart if a.cash]
    start = sum(account_balance(books, c, on="2026-03-31") for c in cash)
    end = sum(account_balance(books, c, on="2026-09-30") for c in cash)
    assert flow.attrs["cash_start"] == start
    assert flow.attrs["cash_end"] == end
    assert flow.attrs["net_change"] == end - start
