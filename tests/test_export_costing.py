"""Weights, volumes and logistics charges, worked by hand with the packaged rates."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mipyme.errors import RenamedWarning
from mipyme.export import Product, Shipment, chargeable_weight, freight_tons, quote
from mipyme.money import default_rates

ON = "2026-03-02"


def test_courier_chargeable_weight_is_the_larger_of_real_and_volumetric():
    # 2 pillows 40 x 40 x 15 cm = 24,000 cm3 each -> 48,000 / 5,000 = 9.6 kg > 0.8 kg real
    pillow = Product("Cojín", "cotton_apparel", "200", "0.4", ("40", "40", "15"))
    assert Shipment(pillow, 2, mode="courier").chargeable_weight() == Decimal("9.6")
    # 3 jars of honey 10 x 10 x 12 cm, 1.5 kg each: 3,600 / 5,000 = 0.72 kg < 4.5 kg real
    honey = Product("Miel", "honey", "90", "1.5", ("10", "10", "12"))
    assert Shipment(honey, 3, mode="courier").chargeable_weight() == Decimal("4.5")


def test_air_uses_a_6000_divisor():
    pillow = Product("Cojín", "cotton_apparel", "200", "0.4", ("40", "40", "15"))
    # 48,000 / 6,000 = 8 kg
    assert Shipment(pillow, 2, mode="air").chargeable_weight(6000) == Decimal("8")
    with pytest.warns(RenamedWarning, match="chargeable_weight"):  # the old form still answers
        assert chargeable_weight(Shipment(pillow, 2, mode="air"), 6000) == Decimal("8")
    assert chargeable_weight("0.4", 40, 40, 15) == Decimal("4.8")  # one rule, one name


def test_sea_freight_ton_is_weight_or_measure():
    crate = Product("Vajilla", "talavera", "800", "12", ("50", "40", "40"))
    # 20 crates: 0.08 m3 each -> 1.6 m3; 240 kg -> 0.24 t; W/M = 1.6
    assert freight_tons(Shipment(crate, 20)) == Decimal("1.6")


def test_sea_without_dimensions_prices_by_weight_and_warns():
    sacks = Product("Café verde", "coffee", "2000", "69")
    with pytest.warns(UserWarning, match="solo por peso"):
        assert freight_tons(Shipment(sacks, 10)) == Decimal("0.69")


def test_courier_freight_to_the_us_is_base_plus_rate_per_chargeable_kg():
    # packaged US courier rate: USD 28 + USD 9 per chargeable kg; 9.6 kg -> 28 + 86.40 =
    # USD 114.40; at 20 pesos per dollar = MXN 2,288.00; quoted in USD back to 114.40
    pillow = Product("Cojín", "cotton_apparel", "200", "0.4", ("40", "40", "15"))
    rates = default_rates().with_rate("USD", ON, "20")
    q = quote(Shipment(pillow, 2, mode="courier"), "DDP", "US", "USD", ON, rates)
    freight = q.lines.set_index("line").loc["international_freight"]
    assert freight["amount"] == Decimal("114.40")
    assert "9.60" in freight["basis"]


def test_overhead_on_cost_and_margin_on_cost_plus_overhead():
    # 30 mugs at 120: cost 3,600; overhead 15% = 540; margin 25% of 4,140 = 1,035
    mug = Product("Taza", "talavera", "120", "0.6", ("14", "12", "12"))
    q = quote(Shipment(mug, 30, mode="courier"), "EXW", "US", "MXN", ON)
    lines = q.lines.set_index("line")["amount"]
    assert (lines["product_cost"], lines["overhead"], lines["margin"]) == (
        Decimal("3600.00"), Decimal("540.00"), Decimal("1035.00"))


def test_dimensions_must_be_three_positive_sizes():
    from mipyme.errors import InputError

    with pytest.raises(InputError, match="dimensions_cm"):
        Product("Taza", "talavera", "120", "0.6", ("14", "12"))
    with pytest.raises(InputError, match="dimensions_cm"):
        Product("Taza", "talavera", "120", "0.6", ("14", "12", "0"))
