"""Demand: the Mexican commercial calendar, traffic from ads and the conversion funnel.

The model, per day, channel and product (its figures are in the ``store_*.csv`` data files,
each with its source or labelled an estimate):

* visits = organic visits x calendar multiplier + ad clicks, clicks = ad budget / cost per
  click, with diminishing returns past the channel's ``ad_saturation`` (``store_channels.csv``;
  the calendar is ``store_calendar.csv``: Reyes, Día de las Madres, Hot Sale, Buen Fin, Día
  de Muertos, December...);
* a product gets its share of the channel's visits (``popularity``);
* conversion = category conversion (jewelry 1.26% ... food 6.64%) x channel factor
  x (price / list price) ^ elasticity: constant-elasticity demand, Q = A P^e, with
  elasticities around the -2.62 mean of Bijmolt et al. (2005);
* orders are Poisson around visits x conversion.

>>> from mipyme.store.demand import season, conversion
>>> season(["2026-11-14"])["demand_multiplier"].tolist()   # El Buen Fin
[4.0]
>>> round(conversion("food", "web", price=240, list_price=240), 4)   # 6.64% x 1.35
0.0896
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache

import numpy as np
import pandas as pd

from mipyme.errors import InputError
from mipyme.i18n import get_language
from mipyme.money import as_decimal
from mipyme.store.catalog import categories
from mipyme.store.channels import channels, check_channel

__all__ = [
    "MAX_CONVERSION",
    "calendar",
    "conversion",
    "expected_visits",
    "optimal_price",
    "season",
]

#: Conversion never goes above this share of visits, however low the price.
MAX_CONVERSION = 0.5


@cache
def calendar() -> pd.DataFrame:
    """The commercial calendar (``data/store_calendar.csv``).

    >>> "buen_fin" in calendar()["event"].tolist()
    True
    """
    from mipyme.tables import read_table

    frame = read_table("store_calendar", required=(
        "event", "name_es", "name_en", "start", "end", "demand_multiplier",
        "return_multiplier"), decimals=("demand_multiplier", "return_multiplier"))
    for column in ("start", "end"):
        for i, value in enumerate(frame[column], start=2):
            try:
                dt.date(2024, int(value[:2]), int(value[3:]))
            except (ValueError, TypeError):
                raise InputError("errors.data_bad_value", file="store_calendar.csv", row=i,
                                 column=column, problem="MM-DD", value=value) from None
    return frame


@cache
def _season_of_year() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Demand and return multipliers and event index for each MMDD (index month*100+day)."""
    cal = calendar()
    demand = np.ones(1300)
    returns = np.ones(1300)
    event = np.full(1300, -1, dtype=np.int64)
    for i, row in enumerate(cal.itertuples(index=False)):
        lo = int(row.start[:2]) * 100 + int(row.start[3:])
        hi = int(row.end[:2]) * 100 + int(row.end[3:])
        days = np.arange(lo, hi + 1)
        mult = float(row.demand_multiplier)
        stronger = mult > demand[days]
        event[days[stronger]] = i
        demand[days] = np.maximum(demand[days], mult)
        returns[days] = np.maximum(returns[days], float(row.return_multiplier))
    return demand, returns, event


def season_arrays(dates: pd.DatetimeIndex) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Demand multiplier, return multiplier and event index (-1: none) for each date."""
    demand, returns, event = _season_of_year()
    key = np.asarray(dates.month * 100 + dates.day)
    return demand[key], returns[key], event[key]


def season(dates: object, lang: str | None = None) -> pd.DataFrame:
    """The calendar's effect on each date: event, demand and return multipliers.

    >>> season(["2026-05-10", "2026-07-01"], lang="en")
            date              event  demand_multiplier  return_multiplier
    0 2026-05-10       Mother's Day                1.7                1.0
    1 2026-07-01                                   1.0                1.0
    """
    index = pd.DatetimeIndex(pd.to_datetime(list(dates) if not isinstance(
        dates, pd.DatetimeIndex) else dates))
    demand, returns, event = season_arrays(index)
    cal = calendar()
    col = "name_en" if (lang or get_language()) == "en" else "name_es"
    names = np.array([*cal[col].tolist(), ""], dtype=object)
    return pd.DataFrame({"date": index, "event": names[event],
                         "demand_multiplier": demand, "return_multiplier": returns})


def conversion(category: str, channel: str, price: object, list_price: object) -> float:
    """Share of a product page's visits that order at ``price`` (IVA included).

    ``category conversion x channel factor x (price / list_price) ^ elasticity``, capped
    at :data:`MAX_CONVERSION`. Fashion (elasticity -3.0) at 10% above list price keeps
    1.1 ^ -3 = 75% of its conversion.

    >>> base = conversion("fashion", "mercado_libre", 690, 690)
    >>> round(conversion("fashion", "mercado_libre", 759, 690) / base, 3)
    0.751
    >>> conversion("fashion", "web", -1, 690)
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'price' debe ser mayor que cero (se recibió -1)
    """
    cats = categories()
    if category not in cats.index:
        raise InputError("errors.one_of", arg="category", choices=tuple(cats.index),
                         value=category)
    check_channel(channel)
    p = as_decimal(price, "price")
    ref = as_decimal(list_price, "list_price")
    if p <= 0:
        raise InputError("errors.positive", arg="price", value=price)
    if ref <= 0:
        raise InputError("errors.positive", arg="list_price", value=list_price)
    row = cats.loc[category]
    base = float(row["conversion"]) * float(channels().loc[channel, "conversion_factor"])
    return min(MAX_CONVERSION, base * (float(p) / float(ref)) ** float(row["elasticity"]))


def expected_visits(channel: str, ad_budget_per_day: object = 0, multiplier: float = 1.0,
                    traffic: float = 1.0) -> float:
    """Visits a channel brings in one day: organic x calendar x traffic + ad clicks.

    Clicks = budget / CPC / (1 + weekly budget / ``ad_saturation``): the more a store bids,
    the more each extra click costs, so doubling the budget less than doubles the visits.
    Mercado Libre, MXN 45 a day (315 a week) at MXN 4.50 a click, saturation 20,000 a week:
    150 organic + 10 / (1 + 315 / 20000) = 150 + 9.84 visits.

    >>> round(expected_visits("mercado_libre", ad_budget_per_day=45), 2)
    159.84
    """
    check_channel(channel)
    budget = as_decimal(ad_budget_per_day, "ad_budget_per_day")
    if budget < 0:
        raise InputError("errors.not_negative", arg="ad_budget_per_day",
                         value=ad_budget_per_day)
    row = channels().loc[channel]
    clicks = float(budget / row["cpc"]) / (1.0 + 7 * float(budget) / float(row["ad_saturation"]))
    return float(row["organic_visits"]) * multiplier * traffic + clicks


def optimal_price(unit_cost: object, elasticity: object) -> Decimal:
    """Profit-maximising price of constant-elasticity demand: P* = c e / (1 + e).

    ``unit_cost`` is the full marginal cost of a unit (product, fees, shipping); the
    elasticity must be below -1 (demand elastic), otherwise no finite price maximises profit.

    >>> optimal_price("100", "-2.62")    # 100 x 2.62 / 1.62
    Decimal('161.73')
    >>> optimal_price("100", "-0.8")
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'elasticity' debe ser menor que -1 para que exista un precio óptimo (se recibió '-0.8')
    """
    from mipyme.money import round_money

    cost = as_decimal(unit_cost, "unit_cost")
    e = as_decimal(elasticity, "elasticity", places=6)
    if cost < 0:
        raise InputError("errors.not_negative", arg="unit_cost", value=unit_cost)
    if e >= -1:
        raise InputError("store.errors.inelastic", arg="elasticity", value=elasticity)
    return round_money(cost * e / (1 + e))


