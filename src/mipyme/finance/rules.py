"""Rules of thumb for a micro-business: break-even, contribution margin, and money habits.

Drexler, Fischer & Schoar (AEJ Applied, 2014) found that a few simple rules (keep
business and household money apart, pay yourself a fixed salary, keep simple records)
helped micro-entrepreneurs more than standard accounting lessons. These functions keep
those rules small enough for a student to read.

>>> from mipyme.finance.rules import break_even_units
>>> break_even_units(fixed_costs="6000", price="50", unit_variable_cost="30")
300
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

import pandas as pd

from mipyme.errors import Finding, InputError
from mipyme.i18n import t
from mipyme.money import Money, amount_arg, as_decimal, round_money
from mipyme.tables import parse_date

__all__ = [
    "ContributionMargin",
    "break_even_revenue",
    "break_even_units",
    "contribution_margin",
    "fixed_salary_check",
    "owner_salary_plan",
    "platform_price",
    "separate_money",
]

_RATIO_PLACE = Decimal("0.0001")

#: Words accepted in the ``account`` and ``purpose`` columns (Spanish words are aliases).
_ACCOUNTS = {"business": "business", "negocio": "business",
             "household": "household", "casa": "household", "hogar": "household"}
_PURPOSES = {**_ACCOUNTS, "owner_salary": "owner_salary", "sueldo": "owner_salary"}


# -- break-even --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ContributionMargin:
    """What each unit sold leaves to pay fixed costs: in pesos and as a share of the price.

    >>> contribution_margin("80", "60").ratio
    Decimal('0.2500')
    """

    per_unit: Decimal
    ratio: Decimal


def contribution_margin(price: object, unit_variable_cost: object) -> ContributionMargin:
    """Price minus variable cost per unit, and that margin as a share of the price.

    Hand example: a mug sells for 50.00 and its clay, glaze and box cost 30.00, so each
    mug leaves 20.00, that is 20 / 50 = 0.4 (40 %) of the price.

    >>> contribution_margin("50", "30")
    ContributionMargin(per_unit=Decimal('20.00'), ratio=Decimal('0.4000'))
    """
    p = amount_arg(price, "price", positive=True)
    c = amount_arg(unit_variable_cost, "unit_variable_cost")
    margin = round_money(p - c)
    return ContributionMargin(margin, (margin / p).quantize(_RATIO_PLACE, ROUND_HALF_UP))


def _margin_or_raise(price: object, unit_variable_cost: object) -> Decimal:
    margin = contribution_margin(price, unit_variable_cost).per_unit
    if margin <= 0:
        raise InputError("finance.rules.price_not_above_cost", price=price,
                         cost=unit_variable_cost)
    return margin


def break_even_units(fixed_costs: object, price: object, unit_variable_cost: object) -> int:
    """Units to sell so the margins pay the fixed costs, rounded UP to whole units.

    ``fixed_costs / (price - unit_variable_cost)``: with 6,000.00 of rent and wages a
    month and mugs that leave 20.00 each, 300 mugs cover the month; 6,010.00 needs 301.

    >>> break_even_units("6010", "50", "30")
    301
    >>> break_even_units("6000", "30", "30")
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: regla del punto de equilibrio: el precio ('price' = '30') debe ser mayor que el costo variable por unidad ('unit_variable_cost' = '30'); si no, cada venta pierde dinero y no hay punto de equilibrio
    """
    fixed = amount_arg(fixed_costs, "fixed_costs")
    margin = _margin_or_raise(price, unit_variable_cost)
    return int((fixed / margin).to_integral_value(rounding=ROUND_CEILING))


def break_even_revenue(fixed_costs: object, price: object,
                       unit_variable_cost: object) -> Decimal:
    """Sales in pesos that cover the fixed costs: ``fixed_costs / margin ratio``.

    This is the exact amount (it may fall between two units); selling
    :func:`break_even_units` units always reaches it.

    >>> break_even_revenue("6000", "50", "30")
    Decimal('15000.00')
    """
    fixed = amount_arg(fixed_costs, "fixed_costs")
    margin = _margin_or_raise(price, unit_variable_cost)
    p = amount_arg(price, "price", positive=True)
    return round_money(fixed * p / margin)


# -- a price that passes a platform's fee on --------------------------------------------------


def platform_price(keep: object, fee_rate: object, iva_rate: object = "0.16") -> Decimal:
    """The price WITH IVA to publish so that ``keep`` pesos remain after IVA and the fee.

    In Mexico the buyer sees the price with IVA, and a marketplace charges its percentage
    on that published price. Of a price ``P`` the seller hands ``P - P / (1 + iva)`` to the
    SAT and pays ``fee_rate x P`` to the platform, so she keeps
    ``P / (1 + iva) - fee_rate x P``; for that to be ``keep``:

    ``P = keep x (1 + iva) / (1 - fee_rate x (1 + iva))``, rounded UP to the centavo so
    that, after the IVA and the fee are rounded, she never keeps less than ``keep``.

    (The IVA the platform charges on its fee is creditable: it is not a cost; see chapter 4.)

    Hand example: to keep 300.00 with a 15 % fee and 16 % IVA,
    P = 348 / (1 - 0.174) = 421.31; 421.31 / 1.16 = 363.20 before IVA, the fee is
    0.15 x 421.31 = 63.20 and 363.20 - 63.20 = 300.00 remain. Dividing by (1 - 0.15) and
    then adding IVA gives only 409.41, where the fee (61.41) is charged on the IVA too and
    291.53 remain.

    >>> platform_price("300", "0.15")
    Decimal('421.31')
    >>> platform_price("300", "0.15", iva_rate="0")  # 352.941... rounded up
    Decimal('352.95')
    >>> platform_price("300", "15")
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'fee_rate' debe estar entre 0 y 0.86 (se recibió '15')
    """
    net = amount_arg(keep, "keep")
    iva = as_decimal(iva_rate, "iva_rate", places=4)
    if not 0 <= iva < 1:
        raise InputError("errors.between", arg="iva_rate", low=0, high=1, value=iva_rate)
    fee = as_decimal(fee_rate, "fee_rate", places=6)
    gross = 1 + iva
    ceiling = (1 / gross).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if not 0 <= fee < 1 / gross:
        raise InputError("errors.between", arg="fee_rate", low=0, high=ceiling, value=fee_rate)
    exact = net * gross / (1 - fee * gross)
    return exact.quantize(Decimal("0.01"), rounding=ROUND_CEILING)


# -- separate the money of the house and the business ---------------------------------------


def _code(value: object, allowed: dict[str, str], arg: str) -> str:
    key = str(value).strip().lower()
    if key not in allowed:
        raise InputError("errors.one_of", arg=arg, choices=tuple(dict.fromkeys(
            allowed.values())), value=value)
    return allowed[key]


def _check_columns(transactions: pd.DataFrame, columns: Iterable[str]) -> None:
    for column in columns:
        if column not in transactions.columns:
            raise InputError("errors.data_missing_column", file="transactions",
                             column=column)


def separate_money(transactions: pd.DataFrame) -> list[Finding]:
    """Find spending that mixes the house and the business (rule: keep them apart).

    ``transactions`` has the columns ``date``, ``description``, ``amount``, ``account``
    (which money paid: ``business``/``negocio`` or ``household``/``casa``) and
    ``purpose`` (what it was for: ``business``, ``household`` or ``owner_salary``/
    ``sueldo``). Household spending paid from the business is a warning; so is a
    business expense paid from the house (write it down as money the owner put in).
    The owner's fixed salary paid from the business is fine: it is the right way to
    take money home.

    >>> tx = pd.DataFrame({
    ...     "date": ["2026-03-02", "2026-03-03", "2026-03-05"],
    ...     "description": ["barro", "útiles escolares", "sueldo de marzo"],
    ...     "amount": ["800", "350", "4000"],
    ...     "account": ["negocio", "negocio", "negocio"],
    ...     "purpose": ["business", "household", "sueldo"]})
    >>> for f in separate_money(tx):
    ...     print(f)
    WARNING finance.household_from_business [2026-03-03]: 'útiles escolares' (350.00) es un gasto de la casa pagado con dinero del negocio; págalo con tu sueldo
    """
    _check_columns(transactions, ("date", "description", "amount", "account", "purpose"))
    findings = []
    for row in transactions.itertuples(index=False):
        account = _code(row.account, _ACCOUNTS, "account")
        purpose = _code(row.purpose, _PURPOSES, "purpose")
        amount = round_money(amount_arg(row.amount, "amount"))
        day = parse_date(row.date, "date")
        if account == "business" and purpose == "household":
            code = "finance.household_from_business"
        elif account == "household" and purpose == "business":
            code = "finance.business_from_household"
        else:
            continue
        findings.append(Finding("warning", code,
                                t(f"finance.rules.{code.split('.')[1]}",
                                  what=row.description, amount=amount),
                                where=day.isoformat()))
    return findings


# -- pay yourself a fixed salary -------------------------------------------------------------


def owner_salary_plan(monthly_profits: Iterable[object] | pd.Series,
                      share: object = 1) -> pd.DataFrame:
    """A fixed monthly salary the business can pay even in its worst month.

    The rule: salary = ``share`` x the LOWEST monthly profit seen (zero if some month
    lost money). The table shows, month by month, the profit, the salary and what stays
    in the business (``kept``), which a good month saves for a bad one.

    Hand example: profits of 9,000, 6,000 and 12,000 give a salary of 6,000 a month;
    the business keeps 3,000, 0 and 6,000.

    >>> owner_salary_plan(["9000", "6000", "12000"])
       month   profit   salary     kept
    0      1  9000.00  6000.00  3000.00
    1      2  6000.00  6000.00     0.00
    2      3 12000.00  6000.00  6000.00
    """
    if isinstance(monthly_profits, pd.Series):
        months, values = list(monthly_profits.index), list(monthly_profits)
    else:
        values = list(monthly_profits)
        months = list(range(1, len(values) + 1))
    if not values:
        raise InputError("errors.positive", arg="len(monthly_profits)", value=0)
    fraction = as_decimal(share, "share", places=4)
    if not 0 < fraction <= 1:
        raise InputError("errors.between", arg="share", low=0, high=1, value=share)
    profits = [round_money(v.amount if isinstance(v, Money) else as_decimal(
        v, "monthly_profits")) for v in values]
    salary = round_money(max(min(profits), Decimal(0)) * fraction)
    return pd.DataFrame({"month": months, "profit": profits,
                         "salary": [salary] * len(profits),
                         "kept": [p - salary for p in profits]})


def fixed_salary_check(transactions: pd.DataFrame, salary: object) -> list[Finding]:
    """Months in which the owner took home more (or less) than the fixed salary.

    Counted as taken home: rows with ``purpose`` ``owner_salary`` paid from the business,
    plus household spending paid from the business (see :func:`separate_money`).
    Months with no such rows are not listed.

    >>> tx = pd.DataFrame({
    ...     "date": ["2026-03-05", "2026-03-20", "2026-04-05"],
    ...     "description": ["sueldo", "gas de la casa", "sueldo"],
    ...     "amount": ["4000", "600", "4000"],
    ...     "account": ["negocio"] * 3,
    ...     "purpose": ["sueldo", "casa", "sueldo"]})
    >>> for f in fixed_salary_check(tx, salary="4000"):
    ...     print(f)
    WARNING finance.took_more_than_salary [2026-03]: en 2026-03 te llevaste 4600.00 del negocio, más que tu sueldo fijo de 4000.00
    """
    _check_columns(transactions, ("date", "amount", "account", "purpose"))
    fixed = round_money(amount_arg(salary, "salary", positive=True))
    taken: dict[str, Decimal] = {}
    for row in transactions.itertuples(index=False):
        account = _code(row.account, _ACCOUNTS, "account")
        purpose = _code(row.purpose, _PURPOSES, "purpose")
        if account != "business" or purpose == "business":
            continue
        day: dt.date = parse_date(row.date, "date")
        month = f"{day.year:04d}-{day.month:02d}"
        taken[month] = taken.get(month, Decimal(0)) + round_money(amount_arg(row.amount,
                                                                          "amount"))
    findings = []
    for month in sorted(taken):
        amount = taken[month]
        if amount == fixed:
            continue
        code = "took_more_than_salary" if amount > fixed else "took_less_than_salary"
        findings.append(Finding("warning", f"finance.{code}",
                                t(f"finance.rules.{code}", month=month, amount=amount,
                                  salary=fixed), where=month))
    return findings
