"""The export quote builder driven without a browser: choices in, ladder, margin and figure out."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mipyme.dashboards.export import QuoteBuilderDashboard
from mipyme.errors import InputError
from mipyme.export import Shipment, quote
from mipyme.i18n import language
from mipyme.money import default_rates

ON = "2026-01-21"


@pytest.fixture(scope="module")
def board():
    return QuoteBuilderDashboard(on=ON)


def test_the_ladder_matches_a_quote_for_each_rule(board):
    """Coffee from Coatepec, 400 bags by sea to the US at 20 pesos per dollar: each bar of the
    ladder is the price ``quote`` gives for that rule at that rate, and the steps add up."""
    result = board.update(rule="FOB", market="US", product="coffee", mode="sea", units=400,
                          mxn_per_usd=20)
    rates = default_rates().with_rate("USD", ON, "20")
    ship = Shipment(board.products["coffee"], 400, origin="Coatepec")
    for rule, price in zip(result["ladder"]["rule"], result["ladder"]["price"], strict=True):
        assert price == quote(ship, rule, "US", "USD", ON, rates).price.amount
    assert result["ladder"]["step"].sum() == result["ladder"]["price"].iloc[-1]
    assert result["price"] == quote(ship, "FOB", "US", "USD", ON, rates).price
    assert result["place"] == "Veracruz"


def test_margin_by_hand(board):
    """Roasted coffee 500 g costs MXN 125 a bag (catalog). 100 bags: cost 12,500; overhead
    15% = 1,875; margin 25% of 14,375 = 3,593.75 pesos, whatever the exchange rate."""
    assert board.products["coffee"].unit_cost == Decimal("125.00")
    at_18 = board.update(product="coffee", rule="EXW", mode="sea", units=100, mxn_per_usd=18)
    assert at_18["margin_mxn"].amount == Decimal("3593.75")
    # EXW price = cost + overhead + margin + 1,500 packing, each line / 18 rounded to cents:
    # 694.44 + 104.17 + 199.65 + 83.33 = 1,081.59 USD
    assert at_18["price"].amount == Decimal("1081.59")
    assert at_18["margin_share"] == Decimal("0.1846")  # 199.65 / 1,081.59
    at_25 = board.update(mxn_per_usd=25)
    assert at_25["margin_mxn"] == at_18["margin_mxn"]
    assert at_25["price"] < at_18["price"]  # a weaker peso: the same pesos are fewer dollars


def test_a_weaker_peso_helps_if_the_buyer_keeps_todays_price(board):
    weak = board.update(product="mezcal", rule="FOB", mode="sea", units=300, mxn_per_usd=25)
    strong = board.update(mxn_per_usd=15)
    assert weak["margin_mxn_at_today_price"] > strong["margin_mxn_at_today_price"]


def test_sea_only_rule_by_air_shows_the_advice_instead_of_crashing(board):
    board.update(rule="FOB", mode="sea", product="talavera", market="US")
    with language("en"):
        figure = board.render()
        result = board.update(mode="air")
        assert result["error"] is not None
        assert board.values["mode"] == "air"  # the student's choice is kept
        line = board.summary(result)
        assert line == ("FOB is for sea or inland waterway transport only (got mode='air', "
                        "air transport); use FCA instead")
        texts = [x.get_text() for x in figure.axes[0].texts]
        assert "FOB cannot be used with this transport" in texts
        assert figure.alt_text == line
    # the same refusal reads in Spanish once the language changes
    assert "usa FCA" in board.summary(board.result)
    fixed = board.update(rule="FCA")
    assert fixed["error"] is None and fixed["rule"] == "FCA"


def test_moving_the_rate_redraws_the_chart_in_the_chosen_language(board):
    board.update(rule="CIF", mode="sea", product="coffee", market="US", units=200,
                 mxn_per_usd=17.5)
    with language("en"):
        figure = board.render()
        assert figure.axes[0].get_title().startswith("Price ladder: ")
        before = figure.axes[0].patches[0].get_height()
        board.update(mxn_per_usd=25)
        after = board.figure.axes[0].patches[0].get_height()
        assert after < before  # EXW in dollars falls when each dollar buys more pesos
        assert "25.00 pesos per dollar" in board.figure.axes[0].get_title()
        assert board.figure.alt_text.startswith("Price ladder of ")
        assert "your margin" in board.summary(board.result)
    board.update(units=250)
    assert "tu margen" in board.summary(board.result)


def test_controls_refuse_values_outside_their_range(board):
    before = dict(board.values)
    with language("en"):
        with pytest.raises(InputError, match=r"'mxn_per_usd' must be between 15.0 and 26.0 "
                                             r"\(got 30\)"):
            board.update(mxn_per_usd=30)
        with pytest.raises(InputError, match="'rule' must be one of"):
            board.update(rule="FOT")
        with pytest.raises(InputError, match="'market' must be one of"):
            board.update(market="FR")
    assert board.values == before


def test_widget_builds_and_a_moved_slider_updates_the_result():
    board = QuoteBuilderDashboard(on=ON)
    box = board.widget()
    sliders = {c._mipyme_name: c for c in box.children if hasattr(c, "_mipyme_name")}
    assert set(sliders) == {"rule", "market", "product", "mode", "units", "mxn_per_usd"}
    before = board.result["price"]
    sliders["mxn_per_usd"].value = 24.0  # what a student's drag does
    assert board.values["mxn_per_usd"] == 24.0
    assert board.result["price"] < before
    sliders["mode"].value = "courier"  # FOB by courier: refused with advice, no exception
    assert board.result["error"] is not None


@settings(max_examples=25, deadline=None)
@given(rate=st.floats(min_value=15, max_value=26), units=st.integers(1, 2000),
       product=st.sampled_from(["coffee", "talavera", "silver_jewelry", "cotton_apparel",
                                "honey", "mezcal"]),
       market=st.sampled_from(["US", "CA", "DE", "MX"]))
def test_ladder_never_goes_down_and_the_chosen_price_is_on_it(board, rate, units, product,
                                                              market):
    result = board.update(rule="CIF", mode="sea", mxn_per_usd=rate, units=units,
                          product=product, market=market)
    prices = list(result["ladder"]["price"])
    assert prices == sorted(prices)
    assert result["price"].amount in prices
    assert result["landed"] >= result["price"]
