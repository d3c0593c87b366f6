"""A price that passes a marketplace's fee on, when the fee is charged on the price WITH IVA."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mipyme.errors import InputError
from mipyme.finance.rules import contribution_margin, platform_price
from mipyme.money import round_money

D = Decimal
IVA = D("0.16")


def kept(price: Decimal, fee: Decimal, iva: Decimal = IVA) -> Decimal:
    """What the seller keeps of a published price: the price without IVA minus the fee."""
    return round_money(price / (1 + iva)) - round_money(price * fee)


def test_the_price_is_rounded_up_so_she_keeps_at_least_her_pesos():
    # Keep 285.00: 285 x 1.16 / 0.826 = 400.2421...; rounded half up, 400.24 would leave
    # 400.24 / 1.16 = 345.03 minus a fee of 60.04 = 284.99, a centavo short. Rounded up,
    # 400.25 leaves 345.04 - 60.04 = 285.00.
    price = platform_price("285", "0.15")
    assert price == D("400.25")
    assert kept(price, D("0.15")) == D("285.00")
    assert kept(D("400.24"), D("0.15")) == D("284.99")


def test_the_fee_is_charged_on_the_price_with_iva_by_hand():
    # Keep 300.00 with a 15 % fee and 16 % IVA: P = 300 x 1.16 / (1 - 0.15 x 1.16)
    # = 348 / 0.826 = 421.307... -> 421.31. Check: 421.31 / 1.16 = 363.198 -> 363.20;
    # fee 0.15 x 421.31 = 63.1965 -> 63.20; 363.20 - 63.20 = 300.00.
    price = platform_price("300", "0.15")
    assert price == D("421.31")
    assert kept(price, D("0.15")) == D("300.00")


def test_dividing_then_adding_iva_falls_short():
    # The usual shortcut: 300 / 0.85 = 352.94, plus IVA 352.94 x 1.16 = 409.41. The fee on
    # 409.41 is 61.41 and 409.41 / 1.16 = 352.94, so she keeps 291.53: 8.47 short.
    shortcut = round_money(round_money(D("300") / D("0.85")) * D("1.16"))
    assert shortcut == D("409.41")
    assert kept(shortcut, D("0.15")) == D("291.53")
    assert platform_price("300", "0.15") > shortcut


def test_the_chapter_6_plate():
    # 180 of cost + 90 of margin + 120 of packing = 390 to keep; 15 % fee, 16 % IVA:
    # 390 x 1.16 / 0.826 = 547.699... -> 547.70; 547.70 / 1.16 = 472.16, fee 82.16 (82.155
    # rounds half up), 472.16 - 82.16 = 390.00.
    price = platform_price("390", "0.15")
    assert price == D("547.70")
    assert kept(price, D("0.15")) == D("390.00")


def test_without_iva_it_is_the_plain_division():
    # A seller outside IVA (or a price already without it): 300 / 0.85 = 352.941...,
    # rounded up to 352.95 (352.94 would leave 352.94 - 52.94 = 300.00 too, by rounding luck).
    assert platform_price("300", "0.15", iva_rate="0") == D("352.95")


def test_the_margin_comes_from_the_price_without_iva():
    # The 520.00 plate: 520 / 1.16 = 448.28; minus 180 of cost = 268.28, not 340.
    net = round_money(D("520") / D("1.16"))
    assert contribution_margin(net, "180").per_unit == D("268.28")


def test_bad_rates_name_the_argument():
    with pytest.raises(InputError, match="'fee_rate'"):
        platform_price("300", "15")  # 15 meant 0.15
    with pytest.raises(InputError, match="'fee_rate'"):
        platform_price("300", "0.9")  # the fee would take more than the price without IVA
    with pytest.raises(InputError, match="'iva_rate'"):
        platform_price("300", "0.15", iva_rate="16")
    with pytest.raises(InputError, match="'keep'"):
        platform_price("-1", "0.15")


def test_chapter_6_uses_the_workshops_fixed_costs_from_the_data():
    # The talavera rows of datasets_fixed_costs: 6,500 + 900 + 650 + 14,000 + 22,500 + 1,200
    # + 2,500 = 48,250.00 a month. Plates: 48,250 / 268.28 = 179.85 -> 180; cups (320 with
    # IVA = 275.86, cost 110, margin 165.86): 48,250 / 165.86 = 290.91 -> 291.
    from mipyme.finance.rules import break_even_units
    from mipyme.tables import read_table

    costs = read_table("datasets_fixed_costs", decimals=("monthly_amount",))
    fixed = sum(costs.loc[costs["business"] == "talavera", "monthly_amount"])
    assert fixed == D("48250.00")
    assert break_even_units(fixed, "448.28", "180") == 180
    assert break_even_units(fixed, "275.86", "110") == 291


def test_the_brand_average_elasticity_gives_a_price_35_percent_below_todays():
    # P* = c x e / (1 + e) = 180 x 2.62 / 1.62 = 291.11, against 448.28 today: 35 % lower.
    # The chapter reads this as a direction, not a price (brand-level, short-run average).
    from mipyme.store import optimal_price

    best = optimal_price("180", "-2.62")
    assert best == D("291.11")
    assert round(1 - best / D("448.28"), 2) == D("0.35")
