"""Rules of thumb: break-even, contribution margin, separate money, a fixed salary."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mipyme.errors import InputError
from mipyme.finance.rules import (
    break_even_revenue,
    break_even_units,
    contribution_margin,
    fixed_salary_check,
    owner_salary_plan,
    separate_money,
)
from mipyme.i18n import language

D = Decimal


def test_mug_workshop_break_even_by_hand():
    """A ceramics workshop: rent and a helper cost 6,000.00 a month.

    A mug sells for 50.00; clay, glaze and a box cost 30.00, so each mug leaves 20.00
    (40 % of the price). 6,000 / 20 = 300 mugs, or 6,000 / 0.40 = 15,000.00 of sales.
    """
    assert contribution_margin("50", "30").per_unit == D("20.00")
    assert contribution_margin("50", "30").ratio == D("0.4000")
    assert break_even_units("6000", "50", "30") == 300
    assert break_even_revenue("6000", "50", "30") == D("15000.00")


def test_break_even_rounds_up_to_whole_units():
    # 6,010 / 20 = 300.5: selling 300 leaves 10.00 uncovered, so 301.
    assert break_even_units("6010", "50", "30") == 301
    assert break_even_units("0", "50", "30") == 0


def test_price_at_or_below_cost_names_the_rule():
    with pytest.raises(InputError) as err:
        break_even_units("6000", "30", "35")
    assert err.value.key == "finance.rules.price_not_above_cost"
    with language("en"), pytest.raises(InputError, match="break-even rule"):
        break_even_revenue("6000", "30", "30")
    with pytest.raises(InputError, match="'price'"):
        contribution_margin("0", "1")


@settings(max_examples=200, deadline=None)
@given(
    fixed=st.integers(min_value=0, max_value=10_000_000).map(lambda c: D(c) / 100),
    cost=st.integers(min_value=0, max_value=100_000).map(lambda c: D(c) / 100),
    margin=st.integers(min_value=1, max_value=100_000).map(lambda c: D(c) / 100),
)
def test_break_even_units_cover_fixed_costs_and_one_less_does_not(fixed, cost, margin):
    price = cost + margin
    units = break_even_units(fixed, price, cost)
    per_unit = contribution_margin(price, cost).per_unit
    assert units * per_unit >= fixed
    assert units == 0 or (units - 1) * per_unit < fixed
    assert units * price >= break_even_revenue(fixed, price, cost) - D("0.01")


def _tx(rows):
    return pd.DataFrame(rows, columns=["date", "description", "amount", "account", "purpose"])


def test_separate_money_flags_both_directions():
    # The school supplies were paid from the business; the clay from the house.
    tx = _tx([
        ("2026-03-02", "barro", "800", "casa", "negocio"),
        ("2026-03-03", "útiles escolares", "350", "negocio", "casa"),
        ("2026-03-05", "sueldo de marzo", "4000", "negocio", "sueldo"),
        ("2026-03-06", "esmalte", "200", "business", "business"),
    ])
    findings = separate_money(tx)
    assert [f.code for f in findings] == ["finance.business_from_household",
                                          "finance.household_from_business"]
    assert [f.where for f in findings] == ["2026-03-02", "2026-03-03"]
    assert all(f.level == "warning" for f in findings)
    assert "350.00" in findings[1].message


def test_separate_money_checks_its_input():
    with pytest.raises(InputError) as err:
        separate_money(_tx([("2026-03-02", "x", "1", "tarjeta", "casa")]))
    assert "'account'" in str(err.value)
    with pytest.raises(InputError, match="purpose"):
        separate_money(pd.DataFrame({"date": [], "description": [], "amount": [],
                                     "account": []}))


def test_owner_salary_plan_by_hand():
    # Profits 9,000 / 6,000 / 12,000: the worst month pays 6,000; half of it is 3,000.
    plan = owner_salary_plan(["9000", "6000", "12000"], share="0.5")
    assert set(plan["salary"]) == {D("3000.00")}
    assert list(plan["kept"]) == [D("6000.00"), D("3000.00"), D("9000.00")]
    # A month with a loss: no salary can be promised from these numbers.
    assert set(owner_salary_plan(["5000", "-200"])["salary"]) == {D("0.00")}
    with pytest.raises(InputError, match="'share'"):
        owner_salary_plan(["5000"], share="1.5")


def test_fixed_salary_check_flags_months_off_the_salary():
    tx = _tx([
        ("2026-03-05", "sueldo", "4000", "negocio", "sueldo"),
        ("2026-03-20", "gas de la casa", "600", "negocio", "casa"),    # March: 4,600
        ("2026-04-05", "sueldo", "4000", "negocio", "sueldo"),         # April: 4,000 ok
        ("2026-05-05", "sueldo", "2500", "negocio", "sueldo"),         # May: 2,500
        ("2026-05-09", "comida", "300", "casa", "casa"),               # house money: ok
    ])
    findings = fixed_salary_check(tx, salary="4000")
    assert [(f.code, f.where) for f in findings] == [
        ("finance.took_more_than_salary", "2026-03"),
        ("finance.took_less_than_salary", "2026-05")]
    assert "4600.00" in findings[0].message
    with pytest.raises(InputError):
        fixed_salary_check(tx, salary="0")
