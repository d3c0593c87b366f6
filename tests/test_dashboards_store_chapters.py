"""The store chapters' dashboards (ch01-ch06) driven without a browser.

Each dashboard must show the library's numbers (not its own formulas), change its result and
its picture when a control moves, refuse a bad value naming the control, compare a student's
guess in every case, and speak both languages.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import matplotlib
import pytest

from mipyme.dashboards.store import StoreDashboard
from mipyme.dashboards.store_chapters import (
    ChannelSaleDashboard,
    MarginDashboard,
    ReorderDashboard,
    SettlementDashboard,
    StoreMonthDashboard,
)
from mipyme.errors import InputError
from mipyme.finance.rules import break_even_units, contribution_margin
from mipyme.finance.taxes import split_iva
from mipyme.i18n import language, t, texts
from mipyme.money import Money
from mipyme.store import Catalog, example_catalog, money_on_the_way, sale_breakdown, simulate

matplotlib.use("Agg")

#: name -> (build the dashboard, a control to move, two values it takes, a bad value)
BOARDS = {
    "month": (lambda: StoreMonthDashboard(), "marketplace_pct", (50, 0), 150),
    "sale": (lambda: ChannelSaleDashboard(), "price", (1150.0, 1300.0), 5000.0),
    "store": (lambda: StoreDashboard(seed=2026, days=28), "ad_mercado_libre", (0.0, 1000.0),
              -100.0),
    "settle": (lambda: SettlementDashboard(), "settlement_days", (3, 14), 40),
    "reorder": (lambda: ReorderDashboard(days=120), "reorder_point", (12, 24), -2),
    "margin": (lambda: MarginDashboard(fixed_costs="48250.00"), "price", (520.0, 600.0), 50.0),
}


# -- the library's numbers -----------------------------------------------------------------

def test_one_sale_is_priced_exactly_as_the_simulator_prices_its_orders():
    """A rebozo of the simulated year, one per channel, against sale_breakdown."""
    orders = simulate(365, seed=2026).orders
    one = orders[(orders["sku"] == "REBOZO") & (orders["status"] == "sold")
                 & (orders["units"] == 1) & ~orders["returned"]
                 & orders["payment"].isin(["card", "marketplace"])]
    first = one.groupby("channel", observed=True).head(1).set_index("channel")
    for code, row in first.iterrows():
        sale = sale_breakdown("REBOZO", code)
        for part in ("gross", "iva", "commission", "payment_fee", "fees_iva", "shipping",
                     "cogs", "contribution", "isr_withheld", "iva_withheld"):
            assert sale[part] == Decimal(int(row[f"{part}_cents"])).scaleb(-2), (code, part)
        assert sale["days"] == (row["settle_date"] - row["date"]).days


def test_a_sale_refuses_an_unknown_product_channel_or_method():
    with pytest.raises(InputError, match="'sku'"):
        sale_breakdown("TAMAL", "web")
    with pytest.raises(InputError, match="'channel'"):
        sale_breakdown("REBOZO", "tiktok")
    with pytest.raises(InputError, match="'method'"):
        sale_breakdown("REBOZO", "mercado_libre", method="card")


def test_the_month_adds_up_each_channels_sale():
    board = StoreMonthDashboard()
    for price, units, share, on_ml in ((320.0, 100, 50, 50), (400.0, 70, 30, 21)):
        result = board.update(price=price, units=units, marketplace_pct=share)
        web = sale_breakdown("TAZA-TALAV", "web", price=f"{price:.2f}")
        ml = sale_breakdown("TAZA-TALAV", "mercado_libre", price=f"{price:.2f}")
        assert result["counts"] == {"web": units - on_ml, "mercado_libre": on_ml}
        assert result["left"] == ((units - on_ml) * web["contribution"]
                                  + on_ml * ml["contribution"])
        assert result["charged"] == units * Decimal(f"{price:.2f}")
    # every peso customers pay is somewhere in the bars
    assert sum(result["parts"].values()) == result["charged"]


def test_the_channel_board_shows_each_channels_sale_at_the_chosen_price():
    board = ChannelSaleDashboard()
    for price, channel in ((1150.0, "mercado_libre"), (900.0, "etsy")):
        result = board.update(price=price, channel=channel)
        assert result["chosen"] == sale_breakdown("REBOZO", channel, price=f"{price:.2f}")
        assert board.prediction(result) == Money(result["chosen"]["contribution"])
    assert board.update(price=1150.0, channel="mercado_libre")["chosen"]["contribution"] \
        == Decimal("163.88")


def test_the_store_boards_prediction_is_the_simulations_orders():
    board = StoreDashboard(seed=2026, days=28)
    for ads in (0.0, 1000.0):
        result = board.update(ad_mercado_libre=ads)
        plain = simulate(28, seed=2026, ad_budget={"mercado_libre": Decimal(f"{ads:.2f}")})
        assert board.prediction(result) == plain.summary()["orders"]


def test_money_on_the_way_is_at_most_the_days_of_deposits_not_yet_arrived():
    board = SettlementDashboard()
    for method, days, orders in (("card", 3, 10), ("spei", 14, 7)):
        result = board.update(method=method, settlement_days=days, orders_per_day=orders)
        sale = sale_breakdown("CAFE-CHIS", "web", method=method)
        table = money_on_the_way(sale, orders, days=30, settlement_days=days)
        assert result["peak"] == max(table["on_the_way"])
        assert result["peak"] == orders * sale["deposited"] * min(days, 30)
    assert board.update(method="card", settlement_days=3, orders_per_day=10)["peak"] \
        == Decimal("6795.00")


def test_the_settlement_summary_shows_the_months_fees_and_the_iva_in_them():
    # A 240-peso coffee paid by card (3.6% + 3 pesos before IVA): the fee is
    # 240 x 0.036 + 3 = 11.64 and its IVA 11.64 x 0.16 = 1.86, so 13.50 leaves with each sale.
    # 10 sales a day for 30 days: 300 x 13.50 = 4,050.00 of fees. Their IVA is 16/116 of each
    # sale's fee, 13.50 x 16 / 116 = 1.86 (to the cent, as each sale's fee is invoiced), and
    # 300 x 1.86 = 558.00 for the month (not 4,050 x 16 / 116 = 558.62: the IVA is rounded
    # sale by sale).
    board = SettlementDashboard()
    result = board.update(method="card", settlement_days=3, orders_per_day=10)
    assert result["fees_month"] == Decimal("4050.00")
    assert result["fees_iva_month"] == Decimal("558.00")
    for lang, words in (("es", "de IVA que puedes acreditar"), ("en", "is IVA you can credit")):
        with language(lang):
            text = board.summary(result)
            fees, fees_iva = str(Money("4050.00")), str(Money("558.00"))
        assert f"{fees}, " in text and f"{fees_iva} {words}" in text


def test_the_reorder_board_counts_the_simulations_lost_orders():
    board = ReorderDashboard(days=120)
    rebozo = example_catalog().products[example_catalog().skus.index("REBOZO")]
    for point, lead in ((12, 21), (30, 10)):
        result = board.update(reorder_point=point, lead_time=lead)
        changed = replace(rebozo, reorder_point=point, lead_time_days=lead)
        store = simulate(120, seed=2026, catalog=Catalog(tuple(
            changed if p.sku == "REBOZO" else p for p in example_catalog())))
        orders = store.orders
        lost = orders[(orders["sku"] == "REBOZO") & (orders["status"] == "stockout")]
        assert result["lost"] == len(lost) == board.prediction(result)


def test_the_margin_board_is_the_finance_rules():
    board = MarginDashboard(fixed_costs="48250.00")
    for price, cost in ((520.0, 180.0), (600.0, 150.0)):
        result = board.update(price=price, unit_cost=cost)
        net, _ = split_iva(f"{price:.2f}")
        assert result["margin"] == contribution_margin(net, f"{cost:.2f}")
        assert result["break_even"] == break_even_units("48250.00", net, f"{cost:.2f}")
    # the chapter's plate: 520 with IVA, 180 of cost, the workshop's monthly fixed costs (the
    # talavera rows of datasets_fixed_costs.csv: 48,250.00). 520 / 1.16 = 448.28, margin
    # 268.28, 48,250 / 268.28 = 179.85 -> 180; at 600: 517.24 - 180 = 337.24, 143.07 -> 144
    assert board.update(price=520.0, unit_cost=180.0)["break_even"] == 180
    assert board.update(price=600.0)["break_even"] == 144


# -- what every dashboard does ---------------------------------------------------------

@pytest.mark.parametrize("name", BOARDS)
def test_moving_a_control_changes_the_result_and_the_picture(name):
    build, control, (first, second), _ = BOARDS[name]
    board = build()
    before = board.prediction(board.update(**{control: first}))
    picture = board.svg()
    after = board.prediction(board.update(**{control: second}))
    assert before != after
    assert board.svg() != picture


@pytest.mark.parametrize("name", BOARDS)
def test_a_bad_value_is_refused_naming_the_control(name):
    build, control, _, bad = BOARDS[name]
    board = build()
    kept = dict(board.values)
    with pytest.raises(InputError, match=f"'{control}'"):
        board.update(**{control: bad})
    with pytest.raises(InputError, match=f"'{control}'"):
        board.update(**{control: "mucho"})
    assert board.values == kept


def _opening(key: str, lang: str) -> str:
    """The words a compare() text starts with, before its first figure."""
    return texts()[key][lang].split("{")[0].strip()


@pytest.mark.parametrize("name", BOARDS)
def test_compare_handles_no_guess_a_close_one_a_far_one_and_words(name):
    build, *_ = BOARDS[name]
    board = build()
    actual = board.prediction(board.update())
    number = Decimal(str(getattr(actual, "amount", actual)))
    with language("es"):
        assert board.compare(None).startswith(_opening("dash.predict.missing", "es"))
        assert board.compare("").startswith(_opening("dash.predict.missing", "es"))
        assert board.compare(number * Decimal("1.05")).startswith(
            _opening("dash.predict.close", "es"))
        assert board.compare(f"${number * 3 + 100:,.2f}").startswith(
            _opening("dash.predict.far", "es"))
        assert board.compare("muchos").startswith(_opening("dash.predict.not_a_number", "es"))
    with language("en"):
        assert board.compare(number).startswith(_opening("dash.predict.close", "en"))
    # the catalogue names the predicted figure in both languages
    assert t(board.prediction_key, lang="es") != t(board.prediction_key, lang="en")


@pytest.mark.parametrize("name", BOARDS)
def test_summary_and_alt_text_are_in_both_languages(name):
    build, *_ = BOARDS[name]
    texts = {}
    for lang in ("es", "en"):
        with language(lang):
            board = build()
            board.render()
            result = board.result
            texts[lang] = (board.summary(result), board.alt_text(result),
                           board.figure.alt_text)
            for text in texts[lang]:
                assert text.strip() and "{" not in text
    assert texts["es"][0] != texts["en"][0]
    assert texts["es"][1] != texts["en"][1]
    assert texts["es"][2] != texts["en"][2]


def test_a_sale_that_loses_money_is_drawn_left_of_zero():
    board = ChannelSaleDashboard()
    result = board.update(price=580.0, channel="mercado_libre")
    assert result["chosen"]["contribution"] < 0
    board.render()
    # The first stack drawn is what the seller keeps; one bar per channel, in board.codes order.
    kept_bar = board.figure.axes[0].containers[0].patches[board.codes.index("mercado_libre")]
    assert kept_bar.get_x() < 0
    assert board.figure.axes[0].get_xlim()[0] < kept_bar.get_x()


@pytest.mark.parametrize("name", BOARDS)
def test_the_picture_follows_a_change_of_language(name):
    build, control, (first, _), _ = BOARDS[name]
    board = build()
    with language("es"):
        board.update(**{control: first})
        board.render()
        spanish = board.figure.alt_text
    with language("en"):
        board.update(**{control: first})
        assert board.figure.alt_text != spanish
        assert board.figure.axes[0].get_title() or board.figure.axes[0].get_xlabel()


def test_starting_values_are_checked_like_a_moved_control():
    assert MarginDashboard(price=600.0).update()["price"] == Decimal("600.00")
    with pytest.raises(InputError, match="'price'"):
        MarginDashboard(price=5.0)
    with pytest.raises(InputError, match="'control'"):
        SettlementDashboard(days=3)
