"""The store's books: postings balance, the bank ties to the ledger, invariants hold for any
store (property tests)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import HealthCheck, given, settings

from mipyme.finance import account_balance, balance_sheet, income_statement
from mipyme.store import (
    KINDS,
    Catalog,
    CatalogItem,
    books,
    postings,
    reconcile,
    simulate,
    unit_economics,
)
from strategies import stores


def test_a_tiny_store_posted_by_hand():
    """One product, opening with 20 mugs at 120.00 and MXN 1,000 in the bank:

        opening   Dr Bancos 1,000.00, Dr Inventario 2,400.00 / Cr Capital 3,400.00
    Every later day's entries only move money between accounts, so capital stays 3,400.00.
    """
    taza = CatalogItem("TAZA", "Taza", "home", unit_cost="120", price="320", stock=20)
    store = simulate(days=10, seed=1, catalog=Catalog((taza,)), opening_cash="1000")
    frame = postings(store)
    opening = frame[frame["txn"] == frame["txn"].min()]
    assert dict(zip(opening["account"], opening["amount_cents"], strict=True)) == {
        "1020": 100000, "1100": 240000, "3010": -340000}
    journal = books(store)
    assert account_balance(journal, "3010") == Decimal("-3400.00")
    assert reconcile(store)["ok"].all()


def test_every_daily_entry_balances_and_uses_known_kinds():
    store = simulate(days=35, seed=8, ad_budget={"web": 500, "etsy": 300})
    frame = postings(store)
    assert (frame.groupby("txn")["amount_cents"].sum() == 0).all()
    assert frame["amount_cents"].dtype == "int64"
    # At most one entry per day and kind: a year is hundreds of entries, not one per order.
    per_day = frame.groupby(["date", "description"])["txn"].nunique()
    assert (per_day == 1).all()
    assert frame["txn"].nunique() <= 35 * len(KINDS)
    assert books(store).validate() == [] or all(
        f.level == "warning" for f in books(store).validate())


def test_statements_of_a_year_tie_to_the_simulation():
    store = simulate(days=365, seed=0)
    end = dt.date(2026, 12, 31)
    statement = income_statement(store.journal, "2026-01-01", end)
    orders = store.orders
    assert statement.attrs["sales"] * 100 == int(orders["sales_cents"].sum())
    assert statement.attrs["net_income"] * 100 == int(store.daily["margin_cents"].sum())
    assert account_balance(store.journal, "1020") * 100 == store.bank_balance()
    assert account_balance(store.journal, "4020") * 100 == int(orders.loc[
        orders["returned"], "sales_cents"].sum())
    # IVA: charged on sales (minus refunds) sits in 2050, credited from fees, ads, purchases.
    sold = orders["status"] == "sold"
    refunded = orders["returned"]
    assert -account_balance(store.journal, "2050") * 100 == int(
        orders.loc[sold, "iva_cents"].sum() - orders.loc[refunded, "iva_cents"].sum())
    sheet = balance_sheet(store.journal, end)
    assert sheet.attrs["assets"] == sheet.attrs["liabilities"] + sheet.attrs["equity"]
    statements = store.statements(lang="en")
    assert statements["cash_flow"].attrs["cash_end"] * 100 == store.bank_balance()


def test_unit_economics_add_up():
    store = simulate(days=84, seed=6, ad_budget={"web": 1200, "mercado_libre": 800})
    ue = unit_economics(store)
    channels = ue.drop(index="total")
    assert channels["new_customers"].sum() == ue.loc["total", "new_customers"]
    assert channels["ads_cents"].sum() == ue.loc["total", "ads_cents"]
    # CAC = advertising before IVA / new customers, e.g. web: 12 weeks x 1,200 / 1.16,
    # each day's spend rounded to the centavo (at most half a centavo off per day).
    web = ue.loc["web"]
    assert abs(web["ads_cents"] - 12 * 120000 / 1.16) <= 84 / 2
    assert web["cac_cents"] == round(web["ads_cents"] / web["new_customers"])


# -- property tests ---------------------------------------------------------------------

@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stores())
def test_invariants_hold_for_any_store(store):
    # No negative stock, ever.
    assert store.stock_history().to_numpy().min(initial=0) >= 0
    # Conservation of units: opening + received + returned to stock = sold + on hand.
    check = store.stock_check()
    assert check["opening"] + check["received"] + check["returned_to_stock"] == (
        check["sold"] + check["on_hand"])
    # Every posting entry balances; the books are valid.
    frame = postings(store)
    assert (frame.groupby("txn")["amount_cents"].sum() == 0).all()
    # Cash ties to the ledger, sales to the income statement, margin to net income.
    table = reconcile(store)
    assert table["ok"].all(), table
    # Lost orders carry no money; only served orders have a customer.
    orders = store.orders
    lost = orders["status"] != "sold"
    assert (orders.loc[lost, "gross_cents"] == 0).all()
    assert (orders.loc[lost, "customer_id"] == -1).all()
    assert (orders.loc[~lost, "customer_id"] >= 0).all()
