"""The export chapters' dashboards driven without a browser (ch07, ch08, ch09, ch10, ch11).

Each dashboard's figures are checked against :func:`mipyme.export.quote` (the one source of
the formulas) for two settings; moving a control must change the result and the picture; a
bad value is refused naming the control; ``compare`` answers a missing, close, far and
non-number guess; the summary and the alt text exist in both languages.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import matplotlib
import pytest

matplotlib.use("Agg")

from mipyme.dashboards.export import QuoteBuilderDashboard
from mipyme.dashboards.export_chapters import (
    CustomsDashboard,
    IncotermDashboard,
    MarketplaceDashboard,
)
from mipyme.errors import InputError
from mipyme.export import Product, Shipment, export_data, quote
from mipyme.i18n import language
from mipyme.money import Money, default_rates

ON = "2026-01-21"

#: Wendy's honey of chapter 7 (MIE-TAJ-350 of datasets_products.csv): 240 jars of 350 g, from
#: Maní, delivered FCA at Mérida airport, to Canada.
HONEY = Product("Miel de tajonal 350 g", "honey", unit_cost="65", weight_kg="0.55",
                dimensions_cm=("9", "9", "13"))
BY_AIR = Shipment(HONEY, units=240, mode="air", origin="Maní", fca_place="Aeropuerto de Mérida")
#: Alejandro's earrings of chapter 9: 300 pairs by courier from Taxco, origin not proven.
EARRINGS = Product("Arracadas", "silver_jewelry", unit_cost="180", weight_kg="0.03",
                   dimensions_cm=("8", "6", "2"), usmca_originating=False)
PARCEL = Shipment(EARRINGS, units=300, mode="courier", origin="Taxco")
#: María's rebozo of chapter 10: one piece by courier.
REBOZO = Product("Rebozo", "cotton_apparel", unit_cost="520", weight_kg="0.4",
                 dimensions_cm=("35", "25", "5"))
ONE_REBOZO = Shipment(REBOZO, units=1, mode="courier", origin="San Cristóbal de las Casas")


@pytest.fixture
def incoterm():
    return IncotermDashboard(BY_AIR, market="CA", currency="CAD", on=ON)


@pytest.fixture
def customs():
    return CustomsDashboard(PARCEL)


@pytest.fixture
def marketplace():
    return MarketplaceDashboard(ONE_REBOZO, on=ON)


@pytest.fixture
def quote_builder():
    return QuoteBuilderDashboard(on=ON, product="coffee", units=400)


def _figure_text(board) -> str:
    board.render()
    return board.svg()


# -- the numbers agree with the library ---------------------------------------------------------
@pytest.mark.parametrize(("rule", "mode"), [("FCA", "air"), ("CIF", "sea")])
def test_incoterm_price_and_payers_are_the_quote(incoterm, rule, mode):
    result = incoterm.update(rule=rule, mode=mode)
    expected = quote(dataclasses.replace(BY_AIR, mode=mode), rule, "CA", "CAD", ON)
    assert result["price"] == expected.price
    assert result["landed"] == expected.landed
    assert result["place"] == expected.place
    payers = {line: payer for line, _, payer in result["lines"]}
    assert payers == {x.line: x.payer for x in expected.seller + expected.buyer}
    assert incoterm.prediction(result) == expected.price


@pytest.mark.parametrize(("market", "origin", "date"),
                         [("US", "no", "2026-01-21"), ("DE", "yes", "2026-08-03")])
def test_customs_duty_and_ddp_price_are_the_quote(customs, market, origin, date):
    result = customs.update(market=market, origin=origin, date=date)
    product = dataclasses.replace(EARRINGS, usmca_originating=origin == "yes")
    expected = quote(dataclasses.replace(PARCEL, product=product), "DDP", market, "USD", date)
    duty = expected.landed_lines.set_index("line").loc["duty", "amount"]
    assert result["duty"] == Money(duty, "USD")
    assert result["price"] == expected.price
    rate, _ = export_data().duty_rate("silver_jewelry", market, date, origin == "yes")
    assert result["rate"] == rate
    assert customs.prediction(result) == Money(duty, "USD")


def test_customs_us_duty_falls_with_the_date_and_vanishes_with_origin(customs):
    """Without origin: 5% (HTSUS 7113.11.50) + 25% = 30% on 21 January (IEEPA), 5% + 10% = 15%
    on 2 March (Section 122); with
    USMCA origin: 0% (the timeline the tariff table holds, with its sources)."""
    assert customs.update(market="US", origin="no", date="2026-01-21")["rate"] == \
        Decimal("0.30")
    assert customs.update(date="2026-03-02")["rate"] == Decimal("0.15")
    assert customs.update(origin="yes")["duty"] == Money("0", "USD")


@pytest.mark.parametrize("fee_pct", [0.0, 12.0])
def test_marketplace_price_is_the_quote_with_the_fee_passed_on(marketplace, fee_pct):
    result = marketplace.update(fee_pct=fee_pct, units=1, market="US")
    fee = Decimal(str(fee_pct)) / 100
    expected = quote(ONE_REBOZO, "DDP", "US", "USD", ON, platform_fee=fee or None)
    assert result["price"] == expected.price_per_unit
    assert result["margin"] == expected.margin  # one piece: the whole margin
    cut = sum((x.amount for x in expected.seller if x.line == "platform_fee"), Decimal(0))
    assert result["cut"] == Money(cut, "USD")
    assert result["kept"] + result["cut"] == result["price"]


def test_marketplace_fee_keeps_the_margin_and_divides(marketplace):
    """price = (cost + margin) / (1 - fee): with 12% the price is the no-fee price / 0.88."""
    without = marketplace.update(fee_pct=0.0)
    with_fee = marketplace.update(fee_pct=12.0)
    assert with_fee["margin"] == without["margin"]
    assert with_fee["price"].amount == pytest.approx(without["price"].amount / Decimal("0.88"),
                                                     abs=Decimal("0.01"))


@pytest.mark.parametrize(("units", "rate"), [(400, 17.5), (100, 20.0)])
def test_quote_builder_prediction_is_the_quotes_price_per_unit(quote_builder, units, rate):
    result = quote_builder.update(units=units, mxn_per_usd=rate, rule="FOB", mode="sea")
    rates = default_rates().with_rate("USD", ON, Decimal(str(rate)))
    ship = Shipment(quote_builder.products["coffee"], units, origin="Coatepec")
    expected = quote(ship, "FOB", "US", "USD", ON, rates)
    assert quote_builder.prediction(result) == expected.price_per_unit


# -- moving a control changes the result and the picture -------------------------------------
@pytest.mark.parametrize(("make", "control", "first", "second"), [
    ("incoterm", "rule", "FCA", "CPT"),
    ("incoterm", "mode", "sea", "courier"),
    ("customs", "date", "2026-01-21", "2026-03-02"),
    ("customs", "market", "US", "DE"),
    ("marketplace", "fee_pct", 0.0, 12.0),
    ("marketplace", "units", 1, 5),
    ("quote_builder", "units", 400, 100),
    ("quote_builder", "mxn_per_usd", 17.5, 16.5),
])
def test_moving_a_control_changes_the_result_and_the_picture(request, make, control, first,
                                                             second):
    board = request.getfixturevalue(make)
    board.render()
    before = board.update(**{control: first})
    picture_before, alt_before = board.svg(), board.figure.alt_text
    after = board.update(**{control: second})
    assert board.prediction(after) != board.prediction(before)
    assert board.svg() != picture_before
    assert board.figure.alt_text != alt_before


def test_fob_by_air_is_explained_in_the_picture_not_a_crash(incoterm):
    incoterm.render()
    with language("en"):
        result = incoterm.update(rule="FOB", mode="air")
        picture = incoterm.svg()
        assert "use FCA instead" in incoterm.summary(result)
    assert result["error"] is not None
    assert "FCA" in picture and "FOB" in picture
    back = incoterm.update(mode="sea")  # and back to a chart
    assert back["error"] is None and back["place"]


# -- bad values are refused, naming the control ------------------------------------------------
@pytest.mark.parametrize(("make", "control", "value"), [
    ("incoterm", "rule", "FOT"),
    ("incoterm", "mode", "rail"),
    ("customs", "origin", True),
    ("customs", "date", "2026-02-30"),
    ("marketplace", "fee_pct", 60.0),
    ("marketplace", "units", 0),
    ("marketplace", "fee_pct", "12%"),
    ("quote_builder", "mxn_per_usd", 40.0),
])
def test_a_bad_control_value_is_refused_naming_the_control(request, make, control, value):
    board = request.getfixturevalue(make)
    with pytest.raises(InputError) as refused:
        board.update(**{control: value})
    assert f"'{control}'" in str(refused.value)


# -- predict, then check -------------------------------------------------------------------------
@pytest.mark.parametrize("make", ["incoterm", "customs", "marketplace", "quote_builder"])
def test_compare_answers_missing_close_far_and_not_a_number(request, make):
    board = request.getfixturevalue(make)
    board.update()
    actual = board.prediction(board.result).amount
    with language("es"):
        assert "Todavía no escribiste" in board.compare(None)
        assert "¡Muy cerca!" in board.compare(actual * Decimal("1.03"))
        assert "Antes de seguir" in board.compare(actual * 3 + 50)
        assert "debe ser un número" in board.compare("mucho")
    with language("en"):
        assert "Very close!" in board.compare(f"${actual:,.2f}")
        assert "must be a number" in board.compare("a lot")


def test_compare_with_a_refused_rule_says_why(incoterm):
    incoterm.update(rule="FOB", mode="air")
    with language("en"):
        text = incoterm.compare(3000)
    assert "no price" in text and "FCA" in text


# -- both languages ------------------------------------------------------------------------------
@pytest.mark.parametrize("make", ["incoterm", "customs", "marketplace", "quote_builder"])
def test_summary_alt_text_and_labels_exist_in_both_languages(request, make):
    board = request.getfixturevalue(make)
    result = board.update()
    texts = {}
    for lang in ("es", "en"):
        with language(lang):
            board.figure = None
            board.render()
            texts[lang] = (board.summary(result), board.figure.alt_text,
                           board.alt_text(result),
                           [board._shown_value(c) for c in board.controls])
            assert all(texts[lang][:3]), lang
            assert "{" not in "".join(texts[lang][:3])
    assert texts["es"][0] != texts["en"][0]
    assert texts["es"][1] != texts["en"][1]


def test_the_spanish_picture_has_no_english_words(customs, marketplace, incoterm):
    with language("es"):
        for board in (customs, marketplace, incoterm):
            board.figure = None
            picture = _figure_text(board)
            for english in ("seller", "buyer", "duty", "fees", "price", "No origin"):
                assert f">{english}" not in picture, (board, english)
