"""The simulator, order by order and as a whole: money worked by hand, stock-outs, vouchers,
determinism, calibration to the store data files and seeded regression of the KPIs."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mipyme.errors import InputError, RenamedWarning
from mipyme.i18n import language, texts
from mipyme.store import Catalog, CatalogItem, Limits, OnlineStore, readable, show, simulate

BLUSA = CatalogItem("BLUSA", "Blusa bordada", "fashion", unit_cost="260", price="690",
                weight_kg=0.3, length_cm=30, width_cm=25, height_cm=4, stock=10_000)


@pytest.fixture(scope="module")
def blouse_store():
    """A one-product store (the blouse) with plenty of stock, two months."""
    return simulate(days=60, seed=5, catalog=Catalog((BLUSA,)), ad_budget={"web": 2000})


def _first(orders, **where):
    mask = orders["status"] == "sold"
    for column, value in where.items():
        mask &= orders[column] == value
    assert mask.any(), where
    return orders[mask].iloc[0]


def test_a_mercado_libre_blouse_worked_by_hand(blouse_store):
    """One blouse at 690.00 (IVA included) on Mercado Libre, 2026 withholding with RFC:

        sales   690 / 1.16           = 594.83     IVA 690 - 594.83 = 95.17
        ISR withheld  2.5% x 594.83  =  14.87     IVA withheld 50% x 95.17 = 47.59
        commission 15% x 690 + 5.00  = 108.50     IVA on it 16% = 17.36
        paid out 690 - 14.87 - 47.59 - 108.50 - 17.36 = 501.68, seven days later
        shipping: 30 x 25 x 4 / 5000 = 0.6 kg > 0.3 kg -> 1 kg row, 115.00 (free from 299)
    """
    row = _first(blouse_store.orders, channel="mercado_libre", units=1)
    assert row["gross_cents"] == 69000
    assert (row["sales_cents"], row["iva_cents"]) == (59483, 9517)
    assert (row["isr_withheld_cents"], row["iva_withheld_cents"]) == (1487, 4759)
    assert (row["commission_cents"], row["fees_iva_cents"]) == (10850, 1736)
    assert row["payment_fee_cents"] == 0
    assert row["shipping_cents"] == 11500
    assert (row["settle_date"] - row["date"]).days == 7
    assert row["cogs_cents"] == 26000


def test_an_own_store_card_payment_worked_by_hand(blouse_store):
    """One blouse paid by card on the own web store: no commission, Stripe-like fee

        fee 3.6% x 690 + 3.00 = 27.84, IVA on it 4.45; paid out 690 - 27.84 - 4.45 = 657.71
        three days later; 690 is under the 999 free-shipping threshold: the buyer pays it.
    """
    row = _first(blouse_store.orders, channel="web", payment="card", units=1)
    assert (row["commission_cents"], row["payment_fee_cents"], row["fees_iva_cents"]) == (
        0, 2784, 445)
    assert row["shipping_cents"] == 0
    assert (row["settle_date"] - row["date"]).days == 3
    orders = blouse_store.orders
    served = orders[orders["status"] == "sold"]
    settled = (served["gross_cents"] - served["isr_withheld_cents"]
               - served["iva_withheld_cents"] - served["commission_cents"]
               - served["payment_fee_cents"] - served["fees_iva_cents"])
    assert (settled[served.index == row.name] == 65771).all()


def test_two_blouses_on_the_web_ship_free(blouse_store):
    # 2 x 690 = 1,380 >= 999: the store pays Estafeta for 2 x 0.6 = 1.2 kg -> 2 kg row 175.
    row = _first(blouse_store.orders, channel="web", units=2)
    assert row["shipping_cents"] == 17500


def test_an_etsy_sale_abroad_has_no_iva_and_no_withholding(blouse_store):
    # Export: 0% IVA (LIVA art. 29). Fee 9% x 690 + 3.50 = 65.60, IVA on it 10.50.
    row = _first(blouse_store.orders, channel="etsy", units=1)
    assert (row["sales_cents"], row["iva_cents"]) == (69000, 0)
    assert (row["isr_withheld_cents"], row["iva_withheld_cents"]) == (0, 0)
    assert (row["commission_cents"], row["fees_iva_cents"]) == (6560, 1050)
    assert row["shipping_cents"] == 0


def test_unpaid_oxxo_vouchers_are_lost_sales(blouse_store):
    orders = blouse_store.orders
    lost = orders[orders["status"] == "voucher_expired"]
    assert len(lost) > 0
    assert set(lost["payment"]) == {"oxxo"}
    assert (lost[[c for c in orders.columns if c.endswith("_cents")
                  and c != "unit_price_cents"]] == 0).all().all()
    oxxo = orders[orders["payment"] == "oxxo"]
    # About 30% of vouchers expire (pay_rate 0.70 in store_payments.csv).
    assert 0.1 < len(lost) / len(oxxo) < 0.5


def test_cash_arrives_later_than_sales(blouse_store):
    daily = blouse_store.daily
    # Marketplaces pay out 7-14 days later: money is in transit at the end of the period.
    assert daily["in_transit_cents"].iloc[-1] > 0
    assert (daily["in_transit_cents"] >= 0).all()


def test_without_stock_every_order_is_lost():
    empty = CatalogItem("TAZA", "Taza", "home", unit_cost="120", price="320", stock=0)
    store = simulate(days=14, seed=0, catalog=Catalog((empty,)))
    orders = store.orders
    assert len(orders) > 0
    assert set(orders["status"]) <= {"stockout", "voucher_expired"}
    assert store.summary()["sales_cents"] == 0
    assert store.bank_balance() == store.opening_cash_cents


def test_stock_runs_out_then_the_reorder_arrives():
    # 10 mugs, reorder 50 when 5 are left, 4 days lead time: sales stop, then resume.
    taza = CatalogItem("TAZA", "Taza", "home", unit_cost="120", price="320", stock=10,
                   reorder_point=5, reorder_qty=50, lead_time_days=4)
    store = simulate(days=40, seed=3, catalog=Catalog((taza,)), traffic=3)
    purchases = store.purchases_table()
    assert len(purchases) >= 1
    assert ((purchases["arrives"] - purchases["ordered"]).dt.days == 4).all()
    assert (store.orders["status"] == "stockout").any()
    assert store.stock_history()["TAZA"].min() >= 0


def test_the_same_seed_gives_the_same_store_and_another_seed_does_not():
    a = simulate(days=21, seed=11, ad_budget={"amazon_mx": 900})
    b = simulate(days=21, seed=11, ad_budget={"amazon_mx": 900})
    c = simulate(days=21, seed=12, ad_budget={"amazon_mx": 900})
    pd.testing.assert_frame_equal(a.orders, b.orders)
    pd.testing.assert_frame_equal(a.daily, b.daily)
    assert not a.daily["visits"].equals(c.daily["visits"])


def test_a_higher_price_sells_fewer_units_but_each_earns_more():
    low = simulate(days=90, seed=2, prices={"BLUSA-BORD": 600}).orders
    high = simulate(days=90, seed=2, prices={"BLUSA-BORD": 900}).orders
    def blouses(orders):
        return orders[(orders["sku"] == "BLUSA-BORD") & (orders["status"] != "voucher_expired")]
    # Fashion elasticity -3: (900/600)^-3 = 0.30 of the orders.
    ratio = len(blouses(high)) / len(blouses(low))
    assert 0.15 < ratio < 0.5
    assert blouses(high)["unit_price_cents"].eq(90000).all()


def test_ads_bring_visits_and_orders():
    quiet = simulate(days=28, seed=4).summary()
    loud = simulate(days=28, seed=4, ad_budget={"mercado_libre": 6300}).summary()
    # MXN 6,300 a week = 900 a day / 4.50 a click = 200 clicks, over 1 + 6,300 / 20,000:
    # about 152 more visits a day.
    assert loud["visits"] - quiet["visits"] == pytest.approx(200 / 1.315 * 28, rel=0.1)
    assert loud["orders"] > quiet["orders"]


def test_decisions_are_checked_and_errors_name_argument_range_and_value():
    store = OnlineStore(limits=Limits(ad_budget_max="5000"))
    with language("en"):
        with pytest.raises(InputError, match=r"'price\['REBOZO'\]' must be greater than zero"):
            store.decide(price={"REBOZO": -1})
        with pytest.raises(InputError, match=r"'price\['REBOZO'\]' must be between 287.50 "
                                             r"and 4600.00 \(got 9999\)"):
            store.decide(price={"REBOZO": 9999})
        with pytest.raises(InputError, match=r"'ad_budget' must be one of .* \(got 'tiktok'\)"):
            store.decide(ad_budget={"tiktok": 10})
        with pytest.raises(InputError, match=r"'ad_budget\['web'\]' must be between 0 and 5000"):
            store.decide(ad_budget={"web": 6000})
        with pytest.raises(InputError, match=r"'reorder' must be one of"):
            store.decide(reorder={"NOPE": 3})
        with pytest.raises(InputError, match=r"'reorder\['REBOZO'\]' must be a number"):
            store.decide(reorder={"REBOZO": 2.5})
        with pytest.raises(InputError, match="dictionary"):
            store.decide(price=500)
    # Nothing was applied by the refused calls.
    assert store.prices["REBOZO"] == 1150
    assert store.ad_budget["web"] == 0


def test_show_labels_every_store_table():
    from mipyme.store import customers, unit_economics

    store = simulate(days=21, seed=0, ad_budget={"web": 500})
    for frame in (store.orders, store.daily, store.purchases_table(), customers(store),
                  unit_economics(store)):
        for column in frame.columns:
            assert f"store.col.{column.removesuffix('_cents')}" in texts(), column
        for lang in ("es", "en"):
            assert len(set(readable(frame, lang=lang).columns)) == len(frame.columns)
    history = readable(store.stock_history())
    assert list(history.columns) == list(store.catalog.skus)


def test_show_labels_columns_in_both_languages():
    daily = simulate(days=7, seed=0).daily
    with language("en"):
        assert "bank balance" in readable(daily).columns
    assert "saldo en bancos" in readable(daily).columns
    orders = readable(simulate(days=7, seed=0).orders, lang="en")
    assert set(orders["status"]) <= {"sold", "lost: out of stock", "lost: OXXO voucher expired"}


# -- calibration to the store_*.csv data files (their rows cite sources or say estimate) -

@pytest.fixture(scope="module")
def year():
    return simulate(days=365, seed=0)


def test_a_year_is_calibrated_to_the_domain_notes(year):
    s = year.summary()
    # Conversion visits -> orders: 2.5-3% on small web stores, 1.9-2% overall.
    assert 0.019 <= s["orders"] / s["visits"] <= 0.032
    # Returns: 18.3% of online orders in Mexico (fewer for a crafts store with little fashion).
    assert 0.10 <= s["return_rate"] <= 0.25
    # Average order value: MXN 1,000 nationally; a crafts store a little under.
    aov = year.daily["gross_cents"].sum() / s["orders"] / 100
    assert 600 <= aov <= 1100


def test_buen_fin_and_hot_sale_sell_more_and_return_more(year):
    daily = year.daily.set_index("date")
    visits = daily["visits"]
    assert visits["2026-11-13":"2026-11-17"].mean() > 3 * visits["2026-03-01":"2026-03-31"].mean()
    assert visits["2026-05-25":"2026-06-02"].mean() > 2 * visits["2026-07-01":"2026-07-31"].mean()
    orders = year.orders
    served = orders[orders["status"] == "sold"]
    hot = served["date"].between("2026-05-25", "2026-06-02")
    assert served.loc[hot, "returned"].mean() > served.loc[~hot, "returned"].mean()


def test_seeded_regression_of_the_kpis():
    """Eight weeks of the example store, seed 0, ads on web and Mercado Libre.

    Pinned from a reviewed run; a change to the model or its data files that moves them must
    be deliberate (update these numbers in the same change and say why).
    """
    s = simulate(days=56, seed=0, ad_budget={"web": 700, "mercado_libre": 1400}).summary()
    assert (s["orders"], s["visits"], s["lost_stockout"], s["lost_voucher"]) == (
        584, 22380, 56, 10)
    # issue 20: coffee pays 0% IVA on its sales and on its restocking (sales and cash up) and
    # the rebozo costs 520, not 400 (profit down); orders, visits and lost sales do not move
    assert (s["sales_cents"], s["refunds_cents"], s["profit_cents"], s["cash_cents"]) == (
        40922864, 6547079, 7425424, 13439780)
    # Roughly by hand: 315 organic visits a day x 56 days x ~1.03 (Reyes, San Valentin)
    # ~ 18,200, plus clicks (100 / 6.00 / 1.047 + 200 / 4.50 / 1.07) x 56 ~ 3,200.
    assert abs(s["visits"] - 21_400) < 0.1 * 21_400
    assert s["ads_paid_cents"] == 8 * (70000 + 140000)


def test_repeat_customers_exist_and_are_old_customers(year):
    served = year.orders[year.orders["status"] == "sold"]
    repeat = served[~served["new_customer"]]
    assert 0.05 < len(repeat) / len(served) < 0.35
    first_seen = served[served["new_customer"]].set_index("customer_id")["date"]
    assert (repeat["date"].to_numpy() >= first_seen.loc[repeat["customer_id"]].to_numpy()).all()
    assert served["customer_id"].nunique() == served["new_customer"].sum()
    assert np.array_equal(np.sort(first_seen.index), np.arange(len(first_seen)))


def test_the_old_table_name_still_answers_and_names_the_new_one():
    daily = simulate(days=7, seed=0).daily
    with pytest.warns(RenamedWarning, match="mipyme.store.readable"):
        old = show(daily, lang="en")
    assert list(old.columns) == list(readable(daily, lang="en").columns)


def test_the_old_product_name_still_answers_and_names_the_new_one():
    import mipyme.store

    with pytest.warns(RenamedWarning, match="mipyme.store.CatalogItem"):
        old = mipyme.store.Product
    assert old is CatalogItem
