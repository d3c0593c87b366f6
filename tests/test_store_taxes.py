"""The store's taxes by product and by date (issue 20): each product pays its own IVA (0% on
food, LIVA art. 2o.-A fr. I b), a marketplace withholds half of the IVA actually charged
(LIVA art. 18-J) and the ISR rate in force on each sale's date (LISR art. 113-A: 1% in
2021-2025, 2.5% from 2026 by LIF 2026 art. 25 fr. VI). Every expected figure is worked by hand
in the test's docstring."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd
import pytest

from mipyme.errors import InputError
from mipyme.store import Catalog, CatalogItem, sale_breakdown, simulate
from mipyme.tables import read_table

# 1,160.00 with IVA is 1,000.00 before IVA: every figure below is a round number
PLATE = CatalogItem("PLATO", "Plato de talavera", "home", unit_cost="300", price="1160",
                    weight_kg=0.9, length_cm=30, width_cm=30, height_cm=6, stock=100_000)
COFFEE = CatalogItem("CAFE", "Café tostado 1 kg", "food", unit_cost="300", price="1000",
                     weight_kg=1.0, length_cm=20, width_cm=15, height_cm=10, stock=100_000)


@pytest.fixture(scope="module")
def new_year():
    """Three weeks across 2025-12-31, lots of traffic so every channel sells on both sides."""
    store = simulate(days=21, seed=11, catalog=Catalog((PLATE, COFFEE)), start="2025-12-20",
                     traffic=8)
    orders = store.orders
    return orders[orders["status"] == "sold"].copy()


def test_a_run_across_new_year_withholds_each_sales_own_rate(new_year):
    """A plate at 1,160.00 (IVA included) on Mercado Libre or Amazon, per unit:

        before IVA 1,160 / 1.16 = 1,000.00     IVA charged 160.00
        IVA withheld: 50% of 160.00 = 80.00, in 2025 and in 2026
        ISR withheld: 1% x 1,000.00 = 10.00 up to 2025-12-31; 2.5% x 1,000.00 = 25.00 from
        2026-01-01 (the old code used the start date's rate, 1%, for the whole run)
    """
    market = new_year[new_year["channel"].isin(["mercado_libre", "amazon_mx"])
                      & (new_year["sku"] == "PLATO")]
    old = market[market["date"] <= pd.Timestamp("2025-12-31")]
    new = market[market["date"] >= pd.Timestamp("2026-01-01")]
    assert len(old) > 5 and len(new) > 5
    units_old, units_new = old["units"].to_numpy(), new["units"].to_numpy()
    assert (old["sales_cents"] == 100_000 * units_old).all()
    assert (old["iva_cents"] == 16_000 * units_old).all()
    assert (old["isr_withheld_cents"] == 1_000 * units_old).all()
    assert (old["iva_withheld_cents"] == 8_000 * units_old).all()
    assert (new["isr_withheld_cents"] == 2_500 * units_new).all()
    assert (new["iva_withheld_cents"] == 8_000 * units_new).all()


def test_coffee_carries_no_iva_and_none_is_withheld(new_year):
    """Roasted coffee at 1,000.00 is food (0% IVA): before IVA it is still 1,000.00, the IVA
    withheld is 50% of 0 = 0, and the ISR withheld is 1% = 10.00 in 2025, 2.5% = 25.00 in
    2026, per unit. In the own store nothing is withheld; on Etsy (an export) no IVA either."""
    coffee = new_year[new_year["sku"] == "CAFE"]
    assert (coffee["iva_cents"] == 0).all() and (coffee["iva_withheld_cents"] == 0).all()
    assert (coffee["sales_cents"] == coffee["gross_cents"]).all()
    market = coffee[coffee["channel"].isin(["mercado_libre", "amazon_mx"])]
    before = market["date"] <= pd.Timestamp("2025-12-31")
    assert before.any() and (~before).any()
    per_unit = market["isr_withheld_cents"] / market["units"]
    assert set(per_unit[before]) == {1_000} and set(per_unit[~before]) == {2_500}
    own = coffee[coffee["channel"].isin(["web", "etsy"])]
    assert len(own) > 0 and (own["isr_withheld_cents"] == 0).all()


def test_one_coffee_sale_and_one_talavera_plate_by_hand():
    """Coffee (the example catalog's 240.00 bag) on Mercado Libre, 2026: IVA 0, IVA withheld 0,
    ISR 2.5% x 240.00 = 6.00. A Talavera dinner plate at 520.00: before IVA 520 / 1.16 =
    448.28, IVA 71.72 (16%), IVA withheld 50% x 71.72 = 35.86, ISR 2.5% x 448.28 = 11.207
    -> 11.21."""
    coffee = sale_breakdown("CAFE-CHIS", "mercado_libre", start="2026-03-02")
    assert (coffee["iva"], coffee["iva_withheld"], coffee["isr_withheld"]) == (
        Decimal("0.00"), Decimal("0.00"), Decimal("6.00"))
    plate = CatalogItem("TAL-PLT-27", "Plato trinche 27 cm", "home", unit_cost="180",
                        price="520")
    sale = sale_breakdown("TAL-PLT-27", "mercado_libre", catalog=Catalog((plate,)),
                          start="2026-03-02")
    assert (sale["sales"], sale["iva"], sale["iva_withheld"], sale["isr_withheld"]) == (
        Decimal("448.28"), Decimal("71.72"), Decimal("35.86"), Decimal("11.21"))
    # the same plate in 2024: ISR 1% x 448.28 = 4.48, IVA withheld unchanged
    before = sale_breakdown("TAL-PLT-27", "mercado_libre", catalog=Catalog((plate,)),
                            start="2024-07-01")
    assert (before["isr_withheld"], before["iva_withheld"]) == (Decimal("4.48"),
                                                                Decimal("35.86"))


def test_a_drink_sold_as_food_pays_the_general_rate():
    """Mezcal is in the food category but is a drink other than milk (16%, LIVA art. 2o.-A
    fr. I b, numeral 1): 690.00 -> 594.83 before IVA, IVA 95.17."""
    mezcal = CatalogItem("MEZ", "Mezcal espadín 750 ml", "food", unit_cost="230",
                         price="690", iva_kind="general")
    sale = sale_breakdown("MEZ", "web", catalog=Catalog((mezcal,)))
    assert (sale["sales"], sale["iva"]) == (Decimal("594.83"), Decimal("95.17"))
    with pytest.raises(InputError, match="iva_kind"):
        CatalogItem("MEZ", "Mezcal", "food", unit_cost="230", price="690", iva_kind="drink")


def test_the_withholding_table_covers_every_day_since_june_2020():
    """With an RFC the rows follow one another without gaps from 2020-06-01; the IVA share is
    50% (100% without an RFC), and iva_rate is that share at the 16% rate."""
    table = read_table("marketplace_withholding", required=("has_rfc", "isr_rate", "iva_share",
                                                            "iva_rate"),
                       decimals=("isr_rate", "iva_share", "iva_rate"),
                       dates=("as_of", "valid_from", "valid_to"))
    for row in table.itertuples():
        assert row.iva_rate == row.iva_share * Decimal("0.16")
        assert row.iva_share == (Decimal("0.50") if row.has_rfc == "yes" else Decimal("1.00"))
    rfc = table[table["has_rfc"] == "yes"].sort_values("valid_from")
    assert rfc["valid_from"].iloc[0] == dt.date(2020, 6, 1)
    ends = list(rfc["valid_to"].iloc[:-1])
    starts = list(rfc["valid_from"].iloc[1:])
    assert all(end + dt.timedelta(days=1) == start for end, start in zip(ends, starts,
                                                                           strict=True))
    assert rfc["valid_to"].iloc[-1] is None
    assert list(rfc["isr_rate"].iloc[1:]) == [Decimal("0.01"), Decimal("0.025")]
    assert "estimate" in rfc["source"].iloc[0]


def test_no_withholding_before_the_law():
    """Before 2020-06-01 marketplaces withheld nothing."""
    sale = sale_breakdown("REBOZO", "mercado_libre", start="2020-05-31")
    assert (sale["isr_withheld"], sale["iva_withheld"]) == (Decimal("0.00"), Decimal("0.00"))


def test_restocking_pays_each_products_own_iva():
    """The store buys its goods ready to sell: 40 bags of coffee at 300.00 carry no IVA (food),
    40 plates at 300.00 carry 16% = 1,920.00."""
    coffee = CatalogItem("CAFE", "Café tostado 1 kg", "food", unit_cost="300", price="1000",
                         stock=0)
    plate = CatalogItem("PLATO", "Plato de talavera", "home", unit_cost="300", price="1160",
                        stock=0)
    store = simulate(days=14, seed=3, catalog=Catalog((coffee, plate)), auto_reorder=False,
                     start="2026-02-02")
    store.decide(reorder={"CAFE": 40, "PLATO": 40})
    bought = store.run(14).purchases_table().set_index("sku")
    assert (bought.loc["CAFE", "cost_cents"], bought.loc["CAFE", "input_iva_cents"]) == (
        1_200_000, 0)
    assert (bought.loc["PLATO", "cost_cents"], bought.loc["PLATO", "input_iva_cents"]) == (
        1_200_000, 192_000)
