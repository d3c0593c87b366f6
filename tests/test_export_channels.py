"""Three ways to sell abroad compared: B2B by sea, a DDP parcel, a cross-border marketplace."""

from __future__ import annotations

from decimal import Decimal

from mipyme.export import Product, Shipment, compare_channels, marketplace_fees, quote
from mipyme.money import round_money

ON = "2026-01-21"  # packaged rate: 17.4520 pesos per dollar


def mugs():
    return Shipment(Product("Taza de Talavera", "talavera", "120", "0.6", ("14", "12", "12")),
                    200)


def test_marketplace_fees_from_the_data():
    rate, fixed = marketplace_fees(on=ON)
    # 6.5% transaction + 2.5% conversion + 3% payment = 12%
    assert rate == Decimal("0.120")
    # USD 0.20 listing -> 3.49 pesos; USD 0.25 payment -> 4.36 pesos (at 17.452)
    assert fixed.amount == Decimal("7.85")


def test_marketplace_price_passes_the_fees_through():
    table = compare_channels(mugs(), "US", "USD", ON).set_index("rule", append=True)
    parcel, market = table.iloc[2], table.iloc[3]
    # price = (cost + margin + fixed) / (1 - fee): fixed 7.85 pesos = USD 0.45
    assert market["price"] == round_money((parcel["price"] + Decimal("0.45")) / Decimal("0.88"))
    assert market["margin_per_unit"] == parcel["margin_per_unit"]


def test_the_platform_fee_line_closes_the_quote_to_the_cent():
    parcel = Shipment(mugs().product, 1, mode="courier")
    q = quote(parcel, "DDP", "US", "USD", ON, platform_fee="0.12")
    fee = q.lines.set_index("line").loc["platform_fee", "amount"]
    subtotal = q.price.amount - fee
    assert q.price.amount == round_money(subtotal / Decimal("0.88"))
    assert q.lines["amount"].sum() == q.price.amount


def test_channels_per_unit():
    table = compare_channels(mugs(), "US", "USD", ON)
    assert list(table["mode"]) == ["sea", "sea", "courier", "courier"]
    assert list(table["units"]) == [200, 200, 1, 1]
    fob, cif, parcel, market = (table.iloc[i] for i in range(4))
    assert fob["price_per_unit"] < cif["price_per_unit"] < parcel["price_per_unit"]
    assert parcel["price_per_unit"] < market["price_per_unit"]
    # the margin is the same pesos per mug, but a much smaller share of what a consumer pays
    assert market["margin_share_of_landed"] < fob["margin_share_of_landed"]
    assert table.loc[3, "channel"] == "marketplace transfronterizo (comisiones trasladadas)"
