"""Customers, acquisition cost and lifetime value from a simulated store.

Repeat customers (``repeat_share`` in ``store_channels.csv``) buy again without new ad
spend, so a customer is worth more than the first order: the lifetime value (LTV, here the
contribution margin a customer brought over the simulated period) can be set against the
customer acquisition cost (CAC = advertising / new customers).

>>> from mipyme.store import simulate
>>> from mipyme.store.economics import unit_economics
>>> store = simulate(days=56, seed=0, ad_budget={"mercado_libre": 1000})
>>> ue = unit_economics(store)
>>> int(ue.loc["total", "new_customers"]) == int(store.orders["new_customer"].sum())
True
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd

from mipyme.store.cents import div_half_up, net_of_rate

__all__ = ["customers", "money_on_the_way", "unit_economics"]


def customers(store) -> pd.DataFrame:
    """One row per customer: first order date and channel, orders, sales and contribution.

    >>> from mipyme.store import simulate
    >>> table = customers(simulate(days=28, seed=3))
    >>> table.columns.tolist()
    ['customer_id', 'first_order', 'channel', 'orders', 'sales_cents', 'contribution_cents']
    """
    orders = store.orders
    sold = orders[orders["status"] == "sold"]
    first = sold[sold["new_customer"]].set_index("customer_id")
    grouped = sold.groupby("customer_id", sort=True)
    out = pd.DataFrame({
        "first_order": first["date"],
        "channel": first["channel"],
        "orders": grouped.size(),
        "sales_cents": grouped["sales_cents"].sum(),
        "contribution_cents": grouped["contribution_cents"].sum(),
    })
    out.index.name = "customer_id"
    return out.reset_index()


def unit_economics(store) -> pd.DataFrame:
    """CAC and LTV per channel where customers were won, and for the whole store.

    Columns: advertising (before IVA), new customers, CAC, orders per customer, LTV
    (contribution per customer over the period) and LTV / CAC (above 1: ads pay back).
    Money in centavos, rounded half-up.

    >>> from mipyme.store import simulate
    >>> ue = unit_economics(simulate(days=28, seed=3))
    >>> ue.index.tolist()
    ['web', 'mercado_libre', 'amazon_mx', 'etsy', 'total']
    """
    table = customers(store)
    ads = net_of_rate(store._days_arrays()["ad"], store._general_ppm).sum(axis=1)
    rows = {}
    channels = list(store.channel_codes)
    for i, code in enumerate([*channels, "total"]):
        mine = table if code == "total" else table[table["channel"] == code]
        spend = int(ads.sum() if code == "total" else ads[i])
        new = len(mine)
        cac = int(div_half_up(np.array([spend]), new)[0]) if new else 0
        ltv = int(div_half_up(np.array([int(mine["contribution_cents"].sum())]), new)[0]
                  ) if new else 0
        rows[code] = {
            "ads_cents": spend, "new_customers": new, "cac_cents": cac,
            "orders_per_customer": float(mine["orders"].mean()) if new else 0.0,
            "ltv_cents": ltv, "ltv_to_cac": (ltv / cac) if cac else float("nan"),
        }
    out = pd.DataFrame.from_dict(rows, orient="index")
    ints = ["ads_cents", "new_customers", "cac_cents", "ltv_cents"]
    out[ints] = out[ints].astype(np.int64)
    return out


def money_on_the_way(sale: dict, orders_per_day: int, *, days: int = 30,
                     settlement_days: int | None = None) -> pd.DataFrame:
    """Day by day, what buyers paid, what reached the bank and what is still on its way.

    The same sale (a :func:`~mipyme.store.simulate.sale_breakdown`) ``orders_per_day``
    times a day for ``days`` days; each day's deposit arrives ``settlement_days`` later
    (default: the sale's own ``days``). Columns, in exact pesos and added up from day 1:
    ``charged`` (IVA included), ``deposited`` and ``on_the_way`` (deposits not yet
    arrived; at most ``settlement_days`` days of deposits).

    >>> from mipyme.store import sale_breakdown
    >>> sale = sale_breakdown("CAFE-CHIS", "web")            # card: deposit in 3 days
    >>> table = money_on_the_way(sale, 10, days=5)
    >>> table["on_the_way"].tolist()
    [Decimal('2265.00'), Decimal('4530.00'), Decimal('6795.00'), Decimal('6795.00'), Decimal('6795.00')]
    >>> money_on_the_way(sale, 0)
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'orders_per_day' debe estar entre 1 y 10000 (se recibió 0)
    """
    from mipyme.errors import InputError

    checks = (("orders_per_day", orders_per_day, 1, 10_000), ("days", days, 1, 366),
              ("settlement_days", sale["days"] if settlement_days is None
               else settlement_days, 0, 366))
    for arg, value, low, high in checks:
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise InputError("errors.not_a_number", arg=arg, value=value)
        if not low <= value <= high:
            raise InputError("errors.between", arg=arg, low=low, high=high, value=value)
    wait = int(checks[2][1])
    day = np.arange(1, days + 1)
    paid = Decimal(int(orders_per_day)) * sale["gross"]
    deposit = Decimal(int(orders_per_day)) * sale["deposited"]
    arrived = np.maximum(day - wait, 0)
    return pd.DataFrame({
        "day": day,
        "charged": [paid * int(d) for d in day],
        "deposited": [deposit * int(a) for a in arrived],
        "on_the_way": [deposit * int(d - a) for d, a in zip(day, arrived, strict=True)],
    })
