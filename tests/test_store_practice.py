"""Chapter 17's numbers: what returns and chargebacks cost an order, by hand.

Every expected value below is worked out by hand from the rule in
:mod:`mipyme.store.practice` (the steps are in the comments), never copied from the code.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mipyme.errors import InputError
from mipyme.i18n import language
from mipyme.store import (
    OrderRisk,
    order_risk,
    orders_to_recover,
    practice_rate,
    practice_rates,
    price_for_margin,
)

D = Decimal
BLOUSE = {"fee_rate": "0.036", "fee_fixed": "3", "iva_rate": "0.16"}


def test_a_kept_order_is_price_less_fee_goods_and_shipping():
    # Blouse: 1,150 with IVA = 991.38 before IVA. Card fee on what the buyer pays:
    # 0.036 x 991.38 x 1.16 = 41.3996 + 3 = 44.40. Kept: 991.38 - 44.40 - 480 - 150 = 316.98.
    risk = order_risk("991.38", "480", "150", **BLOUSE)
    assert risk.fee == D("44.40")
    assert risk.kept == D("316.98")
    assert risk.expected == D("316.98")  # no returns, no chargebacks
    assert risk.hidden_cost == D("0.00")


def test_a_return_costs_the_fee_and_both_trips():
    # Returned: 44.40 + 150 + 150 = 344.40. Expected at 18.3%:
    # 0.817 x 316.98 = 258.97266; 0.183 x 344.40 = 63.0252; 258.97266 - 63.0252 = 195.94746.
    risk = order_risk("991.38", "480", "150", return_rate="0.183", **BLOUSE)
    assert risk.return_loss == D("344.40")
    assert risk.expected == D("195.95")
    assert risk.hidden_cost == D("121.03")
    assert risk.margin == D("0.1977")  # 195.95 / 991.38 = 0.19765...


def test_in_el_buen_fin_the_doubled_rate_takes_most_of_the_profit():
    # 0.634 x 316.98 = 200.96532; 0.366 x 344.40 = 126.0504; difference 74.91492.
    risk = order_risk("991.38", "480", "150", return_rate="0.366", **BLOUSE)
    assert risk.expected == D("74.91")


def test_when_the_buyer_pays_the_way_back_and_when_pieces_come_back_broken():
    # Buyer pays the return trip: 44.40 + 150 = 194.40; 258.97266 - 0.183 x 194.40 (35.5752)
    # = 223.39746.
    risk = order_risk("991.38", "480", "150", return_rate="0.183", return_shipping="0",
                      **BLOUSE)
    assert (risk.return_loss, risk.expected) == (D("194.40"), D("223.40"))
    # One returned blouse in ten cannot be sold again: 344.40 + 0.10 x 480 = 392.40;
    # 258.97266 - 0.183 x 392.40 (71.8092) = 187.16346.
    broken = order_risk("991.38", "480", "150", return_rate="0.183", damaged_rate="0.10",
                        **BLOUSE)
    assert (broken.return_loss, broken.expected) == (D("392.40"), D("187.16"))


def test_a_chargeback_loses_the_goods_the_shipping_the_fee_and_a_fee_more():
    # Melipona honey, 520 pesos (0% IVA), Mercado Pago 3.49% + 4: 18.148 + 4 = 22.15.
    # Kept: 520 - 22.15 - 220 - 150 = 127.85. Chargeback: 22.15 + 220 + 150 + 150 = 542.15.
    # Expected at 1%: 0.99 x 127.85 = 126.5715; 0.01 x 542.15 = 5.4215; 121.15.
    honey = order_risk("520", "220", "150", fee_rate="0.0349", fee_fixed="4",
                       chargeback_rate="0.01", chargeback_fee="150")
    assert (honey.fee, honey.kept, honey.chargeback_loss) == (D("22.15"), D("127.85"),
                                                              D("542.15"))
    assert honey.expected == D("121.15")
    # 542.15 / 127.85 = 4.24...: five kept orders to earn one chargeback back.
    assert orders_to_recover(honey.chargeback_loss, honey.kept) == 5
    assert orders_to_recover("100", "25") == 4  # exact: no order more
    assert orders_to_recover("0", "25") == 0


def test_the_table_of_endings_adds_up_to_the_expected_profit():
    risk = order_risk("520", "220", "150", fee_rate="0.0349", fee_fixed="4",
                      return_rate="0.05", chargeback_rate="0.01", chargeback_fee="150")
    table = risk.table()
    assert list(table["ending"]) == ["kept", "returned", "chargeback"]
    assert list(table["share"]) == [D("0.94"), D("0.05"), D("0.01")]
    # 0.94 x 127.85 - 0.05 x 322.15 - 0.01 x 542.15 = 120.179 - 16.1075 - 5.4215 = 98.65
    assert risk.return_loss == D("322.15")
    assert sum(table["weighted"]) == D("98.6500")
    assert risk.expected == D("98.65")


def test_the_price_that_keeps_a_margin_after_returns():
    # k = 0.817 - 0.036 x 1.16 = 0.77524; K = 3 + 480 x 0.817 + 150 + 0.183 x 150
    # = 3 + 392.16 + 150 + 27.45 = 572.61; 572.61 / (0.77524 - 0.25) = 1,090.1874 -> 1,090.19.
    price = price_for_margin("480", "150", "0.25", return_rate="0.183", **BLOUSE)
    assert price == D("1090.19")
    assert order_risk(price, "480", "150", return_rate="0.183", **BLOUSE).margin == D("0.2500")
    # Without returns: K = 633, k = 0.95824; 633 / 0.70824 = 893.765... -> 893.77.
    assert price_for_margin("480", "150", "0.25", **BLOUSE) == D("893.77")
    assert price_for_margin("40", "20", "0.25") == D("80.00")  # 60 / 0.75


@given(rate=st.integers(min_value=0, max_value=60), back=st.integers(min_value=0, max_value=300))
def test_more_returns_never_leave_more_profit(rate, back):
    low = order_risk("991.38", "480", "150", return_rate=D(rate) / 100,
                     return_shipping=back, **BLOUSE)
    high = order_risk("991.38", "480", "150", return_rate=D(rate + 1) / 100,
                      return_shipping=back, **BLOUSE)
    assert high.expected <= low.expected
    assert isinstance(low, OrderRisk) and low.kept == D("316.98")


def test_errors_name_the_argument_the_rule_and_the_value():
    with language("en"):
        with pytest.raises(InputError, match=r"'return_rate' must be between 0 and 0.999999 "
                                             r"\(got '1.2'\)"):
            order_risk("100", "40", "20", return_rate="1.2")
        with pytest.raises(InputError, match=r"'return_rate' \+ 'chargeback_rate' must be 1 "
                                             r"or less \(got '0.6' \+ '0.5'\)"):
            order_risk("100", "40", "20", return_rate="0.6", chargeback_rate="0.5")
        with pytest.raises(InputError, match=r"'price' must be zero or more \(got '-5'\)"):
            order_risk("-5", "40", "20")
        with pytest.raises(InputError, match=r"'margin' must be less than 0.9000"):
            price_for_margin("40", "20", "0.95", fee_rate="0.10")
        with pytest.raises(InputError, match=r"'profit_per_order' must be greater than zero"):
            orders_to_recover("100", "-3")
        with pytest.raises(InputError, match=r"'parameter' must be one of"):
            practice_rate("fraud")
    with language("es"), pytest.raises(InputError, match=r"'unit_cost' debe ser un número"):
        order_risk("100", "cuarenta", "20")


def test_the_data_table_carries_its_sources_and_labels_estimates():
    table = practice_rates()
    assert {"source", "as_of"} <= set(table.columns)
    assert practice_rate("return_rate_online") == D("0.183")
    assert practice_rate("return_rate_sale_event") == 2 * practice_rate("return_rate_online")
    assert practice_rate("revocation_business_days") == D("5")
    assert practice_rate("resico_income_limit") == D("3500000.00")
    sources = dict(zip(table["parameter"], table["source"], strict=True))
    assert "LFPC art. 56" in sources["revocation_business_days"]
    assert "LISR art. 113-E" in sources["resico_income_limit"]
    for name in ("return_rate_online", "chargeback_rate", "chargeback_fee"):
        assert "estimate" in sources[name], name


# -- the chapter's dashboard --------------------------------------------------------------

def test_the_dashboard_shows_the_average_order_the_library_computes():
    from mipyme.dashboards import chapter_dashboard
    from mipyme.money import Money

    board = chapter_dashboard("ch17")
    # The notebook's question: 36.6% of returns, the seller pays the way back -> 74.91 (above).
    assert board.prediction(board.update(return_pct=36.6)) == Money("74.91")
    # The buyer pays the way back: 0.634 x 316.98 - 0.366 x 194.40 = 200.96532 - 71.1504.
    result = board.update(return_paid_by="buyer")
    assert result["risk"].expected == D("129.81")
    # The curve runs from 0% (the kept order, 316.98) to 50% of returns, one point per 1%:
    # 0.5 x 316.98 - 0.5 x 194.40 = 61.29.
    assert result["curve"][0] == D("316.98") and result["curve"][-1] == D("61.29")
    assert len(result["curve"]) == 51
    with pytest.raises(InputError, match="return_pct"):
        board.update(return_pct=80.0)


def test_the_dashboard_redraws_in_the_language_in_use():
    from mipyme.dashboards.store_practice import ReturnsDashboard

    board = ReturnsDashboard(product="miel", chargeback_pct=1.0)
    with language("es"):
        board.render()
        assert "Pedidos devueltos" in board.svg()
        assert "la ganancia de 5 pedidos" in board.summary(board.result)
    with language("en"):
        board.update(return_pct=5.0)
        svg = board.svg()
        assert "Orders returned" in svg and "Pedidos devueltos" not in svg
        # 0.94 x 127.85 - 0.05 x 322.15 - 0.01 x 542.15 = 98.65 (worked by hand above)
        assert "$98.65 MXN" in board.alt_text(board.result)
    with pytest.raises(InputError, match="product"):
        ReturnsDashboard(product="mezcal")
