"""The store's data files, its centavo arithmetic and the hand-checkable pieces of the model."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mipyme.errors import InputError
from mipyme.i18n import language
from mipyme.money import round_money
from mipyme.store import (
    Catalog,
    CatalogItem,
    categories,
    channels,
    chargeable_weight,
    conversion,
    expected_visits,
    optimal_price,
    payments,
    season,
    shipping_cost,
    shipping_rates,
)
from mipyme.store.cents import mul_rate, net_of_rate, split_even, to_cents
from mipyme.store.demand import calendar
from mipyme.tables import read_table

TABLES = ("store_channels", "store_payments", "store_shipping", "store_calendar",
          "store_categories")


@pytest.mark.parametrize("name", TABLES)
def test_every_store_table_says_where_its_numbers_come_from(name):
    frame = read_table(name)
    assert {"source", "as_of"} <= set(frame.columns)
    assert all(s.strip() for s in frame["source"])
    assert all(d is not None for d in frame["as_of"])


def test_tables_point_at_each_other():
    tables = set(shipping_rates()["table"])
    assert set(channels()["shipping_table"]) <= tables
    assert sum(payments()["web_share"]) == Decimal("1.00")
    assert set(channels()["payment"]) <= {"mix", "marketplace"}


def test_domain_note_figures_are_the_defaults():
    # "Online store economics": conversion by category; "Mexico: taxes and payments": fees.
    cats = categories()
    assert cats.loc["jewelry", "conversion"] == Decimal("0.0126")
    assert cats.loc["fashion", "conversion"] == Decimal("0.0359")
    for e in cats["elasticity"]:
        assert Decimal("-3.5") <= e <= Decimal("-1.5")
    pay = payments()
    assert (pay.loc["card", "fee_rate"], pay.loc["card", "fixed_fee"]) == (
        Decimal("0.036"), Decimal("3.00"))
    assert (pay.loc["mercado_pago", "fee_rate"], pay.loc["spei", "fixed_fee"]) == (
        Decimal("0.0349"), Decimal("12.50"))
    assert channels().loc["etsy", "iva_kind"] == "export"


# -- centavos ---------------------------------------------------------------------------

cents = st.integers(min_value=0, max_value=10**10)
rates = st.integers(min_value=0, max_value=999_999)


@given(cents, rates)
def test_rate_times_amount_rounds_like_round_money(amount, ppm):
    rate = Decimal(ppm).scaleb(-6)
    expected = round_money(Decimal(amount).scaleb(-2) * rate)
    assert Decimal(int(mul_rate(np.array([amount]), ppm)[0])).scaleb(-2) == expected


@given(cents, rates)
def test_amount_before_tax_rounds_like_round_money(gross, ppm):
    rate = Decimal(ppm).scaleb(-6)
    expected = round_money(Decimal(gross).scaleb(-2) / (1 + rate))
    assert Decimal(int(net_of_rate(np.array([gross]), ppm)[0])).scaleb(-2) == expected


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=1, max_value=31))
def test_a_budget_split_in_days_adds_up_to_the_cent(total, parts):
    pieces = split_even(total, parts)
    assert pieces.sum() == total
    assert pieces.max() - pieces.min() <= 1


def test_a_price_must_be_exact_to_the_cent():
    assert to_cents("690") == 69000
    with pytest.raises(InputError, match="price"):
        to_cents("690.005", "price")


# -- shipping, demand, pricing, by hand ----------------------------------------------

def test_a_bulky_alebrije_pays_for_its_volume():
    # 25 x 20 x 20 cm / 5000 = 2 kg chargeable, more than its 0.6 kg: Estafeta's 2 kg row.
    assert chargeable_weight(0.6, 25, 20, 20) == 2.0
    assert shipping_cost("estafeta", 0.6, 25, 20, 20) == Decimal("175.00")
    # Mercado Libre's rates in store_shipping.csv: MXN 100 up to 500 g, 230 for 9-12 kg.
    assert shipping_cost("mercado_libre", 0.4, 10, 10, 5) == Decimal("100.00")
    assert shipping_cost("mercado_libre", 11, 10, 10, 5) == Decimal("230.00")
    # 30 kg is over the 20 kg table: two parcels of the last row (2 x 480).
    assert shipping_cost("estafeta", 30, 10, 10, 10) == Decimal("960.00")


def test_constant_elasticity_conversion():
    # Jewelry: 1.26% x Mercado Libre factor 1.0; 20% cheaper: x 0.8 ^ -2.2 = 1.634.
    assert conversion("jewelry", "mercado_libre", 450, 450) == pytest.approx(0.0126)
    assert conversion("jewelry", "mercado_libre", 360, 450) == pytest.approx(
        0.0126 * 0.8 ** -2.2)


def test_ads_bring_visits_at_the_cost_per_click():
    # Web: 60 organic visits; MXN 120 a day at MXN 6.00 a click = 20 clicks, less the
    # saturation: a week of 840 against 15,000 -> 20 / 1.056 = 18.94 clicks.
    assert expected_visits("web") == 60
    assert expected_visits("web", ad_budget_per_day=120) == pytest.approx(60 + 20 / 1.056)
    # Ten times the budget brings less than ten times the clicks: 200 / 1.56 = 128.2.
    assert expected_visits("web", ad_budget_per_day=1200) == pytest.approx(60 + 200 / 1.56)
    assert expected_visits("web", multiplier=4.0) == 240   # Buen Fin


def test_optimal_price_of_constant_elasticity():
    # P* = c e / (1 + e): cost 260, e = -3 -> 260 x 3 / 2 = 390.
    assert optimal_price(260, -3) == Decimal("390.00")
    with pytest.raises(InputError, match="elasticity"):
        optimal_price(260, -1)


def test_the_commercial_calendar():
    days = season(["2026-01-06", "2026-05-10", "2026-05-28", "2026-11-15", "2026-12-20",
                   "2026-03-03"], lang="en")
    assert days["event"].tolist() == ["Three Kings Day", "Mother's Day", "Hot Sale",
                                      "El Buen Fin", "Guadalupe-Reyes (December)", ""]
    assert days["return_multiplier"].tolist() == [1.0, 1.0, 2.0, 2.0, 1.0, 1.0]
    assert len(calendar()) >= 10


def test_bad_products_are_refused_with_the_argument_named():
    with language("en"):
        with pytest.raises(InputError, match=r"'price' must be greater than zero \(got '-5'\)"):
            CatalogItem("X", "Taza", "home", unit_cost="80", price="-5")
        with pytest.raises(InputError, match="'stock' must be zero or more"):
            CatalogItem("X", "Taza", "home", unit_cost="80", price="200", stock=-1)
        with pytest.raises(InputError, match="'lead_time_days' must be greater than zero"):
            CatalogItem("X", "Taza", "home", unit_cost="80", price="200", lead_time_days=0)
        with pytest.raises(InputError, match="'weight_kg'"):
            CatalogItem("X", "Taza", "home", unit_cost="80", price="200", weight_kg=0)
        taza = CatalogItem("X", "Taza", "home", unit_cost="80", price="200")
        with pytest.raises(InputError, match="more than once"):
            Catalog((taza, taza))
