"""Cost in pesos, price in dollars: scenarios, break-even rate, a stronger peso, the inverse.

Shipment and logistics rates as in test_export_quote (all in pesos): 100 Talavera plates,
FOB value MXN 17,200.00 of which margin 2,200.00 and costs 15,000.00.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from export_support import ON, plates
from mipyme.errors import InputError
from mipyme.export import (
    Product,
    Shipment,
    appreciation_effect,
    break_even_rate,
    fx_scenarios,
    max_exworks_cost,
    quote,
)
from mipyme.money import Money


def test_scenarios_requote_and_show_the_margin_at_todays_price(data, fx):
    table = fx_scenarios(plates(), "FOB", "US", "USD", ON, fx, data=data).set_index(
        "mxn_per_unit")
    # at 16.5, line by line: 606.06 + 60.61 + 133.33 + 30.30 + 18.18 + 121.21 + 60.61
    # + 12.12 = 1,042.42; at 25 every line divides exactly: 17,200 / 25 = 688.00
    assert table.loc[Decimal("16.5"), "price"] == Decimal("1042.42")
    assert table.loc[Decimal("25"), "price"] == Decimal("688.00")
    # today's price is USD 860.00 (17,200 / 20); at 16.5 it brings 14,190.00 pesos for
    # 15,000.00 of costs: a loss of 810.00; at 25: 21,500 - 15,000 = 6,500.00
    assert table.loc[Decimal("16.5"), "margin_mxn_at_today_price"] == Decimal("-810.00")
    assert table.loc[Decimal("25"), "margin_mxn_at_today_price"] == Decimal("6500.00")


def test_break_even_rate_covers_the_peso_costs(data, fx):
    # costs 15,000 pesos, price USD 860.00: 15,000 / 860 = 17.44186... -> 17.4419 (up)
    assert break_even_rate(plates(), "FOB", "US", on=ON, rates=fx, data=data) == Decimal(
        "17.4419")
    # a price given by the buyer: USD 1,000 -> 15.0000
    assert break_even_rate(plates(), "FOB", "US", Money("1000", "USD"), ON, fx,
                           data=data) == Decimal("15.0000")


def test_break_even_with_costs_priced_in_dollars(fx):
    # with the packaged rates freight is priced in dollars: the rate found makes the
    # pesos received cover the costs, and one ten-thousandth less does not
    ship = plates(originating=True)
    price = Money("1500", "USD")
    rate = break_even_rate(ship, "CIF", "US", price, ON, fx)

    def profit(mxn):
        table = fx.with_rate("USD", ON, mxn)
        q = quote(ship, "CIF", "US", "USD", ON, table)
        return price.amount * mxn - q.costs_mxn

    assert profit(rate) >= 0
    assert profit(rate - Decimal("0.01")) < 0


def test_break_even_refuses_a_peso_price(data, fx):
    with pytest.raises(InputError):
        break_even_rate(plates(), "FOB", "US", Money("17200"), ON, fx, data=data)


def test_a_ten_percent_stronger_peso_eats_the_margin(data, fx):
    effect = appreciation_effect(plates(), "FOB", "US", "USD", ON, fx, data=data)
    today, later = effect.iloc[0], effect.iloc[1]
    # today: 860 x 20 = 17,200 pesos - 15,000 costs = 2,200 margin (12.79% of revenue)
    assert (today["revenue_mxn"], today["margin_mxn"]) == (Decimal("17200.00"),
                                                          Decimal("2200.00"))
    assert today["margin_share"] == Decimal("0.1279")
    # peso 10% stronger: 20 x 0.9 = 18; 860 x 18 = 15,480 - 15,000 = 480 (3.10%)
    assert later["mxn_per_unit"] == Decimal("18.0")
    assert later["margin_mxn"] == Decimal("480.00")
    assert later["margin_share"] == Decimal("0.0310")


def test_the_inverse_question_finds_the_highest_unit_cost_to_the_centavo(data, fx):
    # DDP to the US, originating plates, the buyer's budget MXN 30,000 landed. With c the
    # unit cost, goods = 100 c x 1.1 x 1.2 = 132 c; CFR = 132 c + 6,000; CIP-level = CFR /
    # 0.9945; + 400 + 600 + 800 broker + 150 unloading + HMF 0.125% x (132 c + 4,000):
    # 132 c (1 / 0.9945 + 0.00125) = 30,000 - 1,950 - 5 - 6,000 / 0.9945 -> c = 165.63...
    ship = plates(originating=True)
    budget = Money("30000")
    top = max_exworks_cost(ship, "DDP", "US", budget, ON, fx, data=data)
    by_hand = (Decimal(30000) - 1950 - 5 - Decimal(6000) / Decimal("0.9945")) / (
        132 * (1 / Decimal("0.9945") + Decimal("0.00125")))
    assert abs(top.amount - by_hand) < Decimal("0.02")

    def landed(cost):
        product = Product("Plato de Talavera", "talavera", cost, "1", ("20", "20", "10"))
        again = Shipment(product, 100, overhead_rate="0.10", margin_rate="0.20")
        return quote(again, "DDP", "US", "MXN", ON, fx, data=data).landed

    assert landed(top.amount) <= budget < landed(top.amount + Decimal("0.01"))


def test_the_inverse_question_in_dollars_under_fob(data, fx):
    budget = Money("1500", "USD")
    top = max_exworks_cost(plates(), "FOB", "US", budget, ON, fx, data=data)
    product = Product("Plato de Talavera", "talavera", top.amount, "1", ("20", "20", "10"),
                      usmca_originating=False)
    ship = Shipment(product, 100, overhead_rate="0.10", margin_rate="0.20")
    assert quote(ship, "FOB", "US", "USD", ON, fx, data=data).landed <= budget


def test_the_inverse_question_says_when_no_cost_fits(data, fx):
    with pytest.raises(InputError, match=r"30\.00"):
        max_exworks_cost(plates(), "DDP", "US", Money("30", "USD"), ON, fx, data=data)
