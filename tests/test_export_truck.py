"""Road freight across a land border (mode 'truck', e.g. Nuevo Laredo - Laredo).

Hand-computed with the packaged truck rows of freight_rates.csv (estimates) and the peso at 20
per dollar, on 2026-08-03 (no US surcharge in the tariff table that day):

    100 boxes of Talavera, 100 pesos and 1 kg each; overhead 0, margin 0; not USMCA-originating
    product cost                     100 x 100                     = 10,000.00
    export packing (pallet)                                        =    800.00
    loading                                                        =    500.00
    export clearance (broker at the border)                        =  3,500.00   FCA = 14,800.00
    road freight to the border       4.50 x 100 kg = 450 < min     =  2,500.00
    origin terminal handling         none by road                  =      0.00
    cross-border drayage             USD 250 x 20                  =  5,000.00   CPT = 22,300.00
    insurance ICC (A), r = 0.5%      22,300 / (1 - 1.1 x 0.005) = 22,423.33     =    123.33
    destination handling             none by road                  =      0.00
    delivery from Laredo             USD 0.15 x 100 = 15 < USD 150 minimum x 20 = 3,000.00
    US customs broker                USD 150 x 20                  =  3,000.00
    customs value (transaction)      10,000 + 800 + 500 + 3,500 + 2,500 = 17,300.00 (USD 865)
    duty 9.8% (HTS 6912, example)    9.8% x 17,300                 =  1,695.40
    MPF: USD 865 is an informal entry, flat USD 2.69 x 20          =     53.80
    harbor maintenance fee           by sea only: none             =      0.00
    DDP = 22,423.33 + 3,000 + 3,000 + 1,695.40 + 53.80             = 30,172.53
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from mipyme.errors import InputError
from mipyme.export import ALL_MODES, MODES, Product, Shipment, quote
from mipyme.export.markets import export_data
from mipyme.i18n import language
from mipyme.money import default_rates

ON = "2026-08-03"


@pytest.fixture
def fx():
    return default_rates().with_rate("USD", ON, "20")


def boxes(units=100, originating=False):
    product = Product("Caja de platos", "talavera", "100", "1", usmca_originating=originating)
    return Shipment(product, units, mode="truck", overhead_rate="0", margin_rate="0")


def test_truck_is_a_mode_the_engine_prices_but_not_a_dashboard_choice():
    assert "truck" in ALL_MODES and "truck" not in MODES


@pytest.mark.parametrize(("rule", "price"), [
    ("EXW", "10800.00"), ("FCA", "14800.00"), ("CPT", "22300.00"), ("CIP", "22423.33"),
    ("DAP", "25423.33"), ("DDP", "30172.53"),
])
def test_worked_truck_prices(rule, price, fx):
    q = quote(boxes(), rule, "US", "MXN", ON, fx)
    assert q.price.amount == Decimal(price)
    assert q.lines["amount"].sum() == q.price.amount


def test_truck_ddp_lines_no_harbor_fee_informal_mpf(fx):
    lines = quote(boxes(), "DDP", "US", "MXN", ON, fx).lines.set_index("line")["amount"]
    assert lines["inland_freight"] == Decimal("2500.00")  # the minimum
    assert lines["international_freight"] == Decimal("5000.00")  # drayage USD 250
    assert lines["delivery"] == Decimal("3000.00")  # USD 150 minimum
    assert lines["duty"] == Decimal("1695.40")
    assert lines["import_fees"] == Decimal("53.80")  # informal MPF, no harbor fee


def test_a_big_truck_entry_is_formal_and_still_pays_no_harbor_fee(fx):
    # 2,000 boxes: value 200,000 + 800 + 500 + 3,500 + road 4.50 x 2,000 = 9,000 -> 213,800.00
    # (USD 10,690): formal; MPF 0.3464% x 213,800 = 740.60 (between 671.60 and 13,030.00)
    lines = quote(boxes(2000), "DDP", "US", "MXN", ON, fx).lines.set_index("line")["amount"]
    assert lines["inland_freight"] == Decimal("9000.00")
    assert lines["import_fees"] == Decimal("740.60")


def test_originating_goods_by_truck_pay_no_duty_and_no_mpf(fx):
    lines = quote(boxes(originating=True), "DDP", "US", "MXN", ON, fx).lines.set_index(
        "line")["amount"]
    assert lines["duty"] == Decimal("0.00") and lines["import_fees"] == Decimal("0.00")


def test_sea_only_rules_are_refused_by_truck_with_the_rule_to_use(fx):
    with language("en"), pytest.raises(InputError, match=r"FOB.*use FCA"):
        quote(boxes(), "FOB", "US", "MXN", ON, fx)


def test_a_market_without_truck_rates_is_refused_naming_the_missing_row(fx):
    with language("en"), pytest.raises(InputError, match="international_freight / truck / DE"):
        quote(boxes(), "DDP", "DE", "MXN", ON, fx)


def test_every_truck_row_is_labelled_an_estimate_or_a_domestic_sale():
    rows = [r for r in export_data().rates.values() if r.mode == "truck"]
    assert len(rows) >= 10
    for row in rows:
        assert "estimate" in row.source or "domestic sale" in row.source, row
