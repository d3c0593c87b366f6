"""The store dashboard driven without a browser: price and ads in, orders, profit and cash out."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mipyme.dashboards.store import StoreDashboard
from mipyme.errors import InputError
from mipyme.i18n import language
from mipyme.store import simulate


def test_prices_follow_the_percentage_of_the_list_price():
    board = StoreDashboard(days=7)
    # talavera mug listed at 320: 110% is 352.00; at 50% it is 160.00
    assert board.prices(110)["TAZA-TALAV"] == Decimal("352.00")
    assert board.prices(50)["TAZA-TALAV"] == Decimal("160.00")
    # café de Chiapas at 240 and 95%: 228.00
    assert board.prices(95)["CAFE-CHIS"] == Decimal("228.00")


def test_without_ads_at_list_price_it_is_the_plain_simulation():
    board = StoreDashboard(seed=2026, days=90)
    result = board.update(price_pct=100, quarter="q1")
    plain = simulate(90, seed=2026, start="2026-01-01").summary()
    assert result["orders"] == plain["orders"]
    assert result["visits"] == plain["visits"]
    assert result["profit"] == Decimal(plain["profit_cents"]).scaleb(-2)
    assert result["cash"] == Decimal(plain["cash_cents"]).scaleb(-2)


def test_a_weekly_ad_budget_is_spent_every_day_of_the_period():
    board = StoreDashboard(days=90)
    result = board.update(ad_mercado_libre=700)
    # 700 a week for 90 days = 12 weeks x 700 + 6 days x 100 = 9,000 pesos, IVA included
    assert result["ads"] == Decimal("9000.00")
    ads = result["by_channel"]["ads"]
    # before IVA, about 9,000 / 1.16 = 7,758.62 (rounded a day at a time), all on Mercado Libre
    assert ads["mercado_libre"] == pytest.approx(Decimal("7758.62"), abs=Decimal("1"))
    assert ads["web"] == ads["amazon_mx"] == ads["etsy"] == Decimal("0.00")
    assert result["visits"] > board.update(ad_mercado_libre=0)["visits"]


def test_the_channels_add_up_to_the_store_to_the_centavo():
    board = StoreDashboard(days=60)
    result = board.update(ad_web=500, ad_etsy=200, quarter="q4")
    table = result["by_channel"]
    assert sum(table["orders"]) == result["orders"]
    assert sum(table["profit"]) == result["profit"]
    for row in table.itertuples():
        assert row.profit == row.contribution - row.ads


def test_a_higher_price_sells_fewer_orders():
    board = StoreDashboard(days=90)
    at_list = board.update(price_pct=100)["orders"]
    dearer = board.update(price_pct=150)["orders"]
    # conversion falls by about 1.5 ^ -2.6 = 35% of what it was
    assert dearer < at_list * 0.6


@settings(max_examples=8, deadline=None)
@given(pct=st.integers(min_value=10, max_value=40).map(lambda k: 5 * k),
       ad=st.integers(min_value=0, max_value=50).map(lambda k: 100.0 * k))
def test_profit_is_always_the_sum_of_the_channels(pct, ad):
    board = StoreDashboard(days=14)
    result = board.update(price_pct=pct, ad_amazon_mx=ad)
    assert sum(result["by_channel"]["profit"]) == result["profit"]
    assert result["lowest_cash"] <= result["cash"]


def test_controls_refuse_values_outside_their_range():
    board = StoreDashboard(days=14)
    with language("en"):
        with pytest.raises(InputError, match=r"'price_pct' must be between 50 and 200 \(got 300\)"):
            board.update(price_pct=300)
        with pytest.raises(InputError, match=r"'ad_web' must be between 0 and 5000 \(got -1\)"):
            board.update(ad_web=-1)
        with pytest.raises(InputError, match="'quarter' must be one of"):
            board.update(quarter="q5")
        with pytest.raises(InputError, match=r"'days' must be between 7 and 366 \(got 3\)"):
            StoreDashboard(days=3)
    assert board.values["price_pct"] == 100


def test_the_figure_is_redrawn_in_the_chosen_language():
    board = StoreDashboard(days=28)
    with language("en"):
        figure = board.render()
        assert [ax.get_title() for ax in figure.axes] == [
            "Cash and profit, day by day", "Profit by channel, after ads"]
        assert "Own web store" in [text.get_text() for text in figure.axes[1].texts]
        assert "best channel" in figure.alt_text
        assert "Orders" in board.summary(board.result)
        assert board.channel_table().columns[-1] == "profit after ads"
    board.update(price_pct=120)
    assert board.figure.axes[0].get_title() == "Efectivo y ganancia, día a día"
    assert "Pedidos" in board.summary(board.result)


def test_widget_builds_and_a_moved_slider_updates_the_result():
    board = StoreDashboard(days=28)
    box = board.widget()
    sliders = [c for c in box.children if hasattr(c, "min")]
    assert len(sliders) == 5  # price and four ad budgets
    before = board.result["orders"]
    sliders[0].value = 200  # what a student's drag does
    assert board.values["price_pct"] == 200
    assert board.result["price_pct"] == 200
    assert board.result["orders"] < before
