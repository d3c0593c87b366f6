"""The seeded generator of the example datasets: same seed, same bytes.

Why one module over 500 lines: one seeded generator must write every table from one random
stream in a fixed order (same seed, same bytes); splitting it would hide that order.

Inputs are the kit's data files (``businesses.csv`` and ``datasets_*.csv``, each row with its
``source``); outputs are CSV files (UTF-8, ``\\n`` line ends, fixed decimals, sorted rows)
described by :mod:`mipyme.datasets.schema`. Two builds with the same seed give byte-identical
files; another seed gives other orders, other costs and another exchange-rate walk (the
catalogs, suppliers and the real exchange-rate anchors do not change).

>>> import tempfile
>>> from mipyme.datasets.generate import build, fx_series
>>> fx = fx_series(seed=2026)
>>> fx.loc[fx["date"] == dt.date(2025, 12, 31), "mxn_per_usd"].item()
Decimal('18.0012')
>>> sorted(p.name for p in build(tempfile.mkdtemp(), only=("miel",), orders=False).iterdir())[:4]
['README.md', 'businesses.csv', 'calendar.csv', 'channels.csv']
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import os
import shutil
import zlib
from collections.abc import Iterable
from decimal import Decimal
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from mipyme.datasets.load import check_frame
from mipyme.datasets.schema import BUSINESS_CODES, Table, table_schema
from mipyme.errors import InputError
from mipyme.i18n import t
from mipyme.money import round_money
from mipyme.store import Catalog, CatalogItem, simulate  # the one room the datasets use
from mipyme.tables import read_table, table_path

__all__ = [
    "COPIED_TABLES",
    "DEFAULT_SEED",
    "END",
    "FX_DAILY_VOLATILITY",
    "START",
    "build",
    "businesses_table",
    "calendar_table",
    "catalog_table",
    "channels_table",
    "costs_table",
    "fx_series",
    "orders_table",
    "suppliers_table",
    "write_table",
]

#: The seed of the committed data dictionary and of ``make datasets``.
DEFAULT_SEED = 2026
#: First and last day of the simulated orders and costs.
START = dt.date(2024, 1, 1)
END = dt.date(2025, 12, 31)
#: Daily spread of the log exchange rate in the simulated walk (about 10% a year).
FX_DAILY_VOLATILITY = 0.0065
#: Packaged tables copied unchanged into the output (when they exist): fees, shipping, tariffs.
COPIED_TABLES = ("tariffs", "freight_rates", "markets", "exchange_rates", "iva_rates",
                 "store_channels", "store_payments", "store_shipping", "store_categories",
                 "store_calendar")

_ZERO = Decimal("0.00")


# -- inputs ---------------------------------------------------------------------------------
@cache
def _input(name: str) -> pd.DataFrame:
    specs = {
        "businesses": ((), ("orders_per_day", "yearly_growth"), ()),
        "datasets_products": ((), ("unit_cost", "price", "iva_rate", "weight_kg",
                                   "popularity"), ()),
        "datasets_suppliers": ((), ("unit_cost",), ()),
        "datasets_fixed_costs": ((), ("monthly_amount", "variation", "increase_2025"), ()),
        "datasets_channels": ((), ("price_factor",), ()),
        "datasets_channel_mix": ((), ("share",), ()),
        "datasets_payments": ((), ("share",), ()),
        "datasets_calendar": ((), ("demand_multiplier",), ("start", "end")),
        "datasets_states": ((), ("weight",), ()),
    }
    required, decimals, dates = specs[name]
    return read_table(name, required=required, decimals=decimals, dates=("as_of", *dates))


def _rng(seed: int, *parts: object) -> np.random.Generator:
    """A generator of its own for each part of the build (stable across Python runs)."""
    words = [zlib.crc32(str(p).encode("utf-8")) for p in parts]
    return np.random.default_rng([int(seed), *words])


def _check_seed(seed: object) -> int:
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise InputError("errors.not_negative", arg="seed", value=seed)
    return int(seed)


def _business(business: object) -> pd.Series:
    table = _input("businesses")
    if business not in tuple(table["business"]):
        raise InputError("errors.one_of", arg="business", choices=BUSINESS_CODES,
                         value=business)
    return table[table["business"] == business].iloc[0]


def _dec(value: object, places: int) -> Decimal:
    """An exact decimal with ``places`` decimals from a float (not money: rates, kilograms)."""
    return Decimal(f"{float(value):.{places}f}")


# -- tables copied from the inputs ------------------------------------------------------------
def businesses_table() -> pd.DataFrame:
    """The example businesses, typed as in the schema ``businesses``.

    >>> businesses_table()["business"].tolist()
    ['talavera', 'telar', 'cafe', 'mezcal', 'plata', 'miel']
    """
    frame = _input("businesses").copy()
    frame["founded"] = frame["founded"].astype(int)
    frame["employees"] = frame["employees"].astype(int)
    return frame[list(table_schema("businesses").names)].reset_index(drop=True)


def catalog_table(business: str) -> pd.DataFrame:
    """The product catalog of ``business``.

    >>> catalog_table("plata")[["sku", "price"]].head(2)
           sku   price
    0  PLA-ARR  480.00
    1  PLA-FIL  650.00
    """
    _business(business)
    frame = _input("datasets_products")
    frame = frame[frame["business"] == business].copy()
    for col in ("length_cm", "width_cm", "height_cm"):
        frame[col] = frame[col].astype(int)
    return frame[list(table_schema("catalog").names)].reset_index(drop=True)


def suppliers_table(business: str) -> pd.DataFrame:
    """The suppliers of ``business``.

    >>> suppliers_table("cafe")["material_en"].iloc[0]
    'High-grown green coffee'
    """
    _business(business)
    frame = _input("datasets_suppliers")
    frame = frame[frame["business"] == business].copy()
    for col in ("lead_time_days", "payment_terms_days"):
        frame[col] = frame[col].astype(int)
    return frame[list(table_schema("suppliers").names)].reset_index(drop=True)


def channels_table() -> pd.DataFrame:
    """The sales channels (online ones are simulated by :mod:`mipyme.store`).

    >>> channels_table().set_index("channel").loc["wholesale", "price_factor"]
    Decimal('0.60')
    """
    frame = _input("datasets_channels").copy()
    frame["online"] = frame["online"] == "yes"
    return frame[list(table_schema("channels").names)].reset_index(drop=True)


def calendar_table() -> pd.DataFrame:
    """The seasons of the channels the generator simulates itself (not the online ones).

    >>> calendar_table()["event"].iloc[0]
    'guadalupe_reyes'
    """
    return _input("datasets_calendar")[list(table_schema("calendar").names)].reset_index(
        drop=True)


# -- exchange rate --------------------------------------------------------------------------
def fx_series(seed: int = DEFAULT_SEED, start: object = START,
              end: object | None = None) -> pd.DataFrame:
    """Pesos per dollar on every business day, passing exactly through the real anchors.

    The anchors are the USD rows of ``data/exchange_rates.csv`` (Banxico FIX). Between two
    anchors the log rate is a seeded random walk bridged to hit the next anchor exactly (a
    Brownian bridge, daily spread :data:`FX_DAILY_VOLATILITY`). Only anchor days are real.
    The series runs from ``start`` to ``end`` (default: the last anchor); there must be an
    anchor on or before ``start``.

    >>> fx = fx_series(seed=1)
    >>> fx[fx["anchor"]]["mxn_per_usd"].tolist()
    [Decimal('16.3030'), Decimal('20.3940'), Decimal('18.0012'), Decimal('17.4520')]
    >>> bool((fx["date"].map(dt.date.weekday) < 5).all())
    True
    """
    seed = _check_seed(seed)
    start = pd.Timestamp(start).date()
    rates = read_table("exchange_rates", required=("date", "currency", "mxn_per_unit"),
                       decimals=("mxn_per_unit",), dates=("date", "as_of"))
    usd = rates[rates["currency"] == "USD"].sort_values("date")
    anchors = list(zip(usd["date"], usd["mxn_per_unit"], usd["source"], strict=True))
    before = [a for a in anchors if a[0] <= start]
    if not before:
        raise InputError("datasets.fx_no_anchor", start=start, first=anchors[0][0])
    end = pd.Timestamp(end).date() if end is not None else anchors[-1][0]
    if end > anchors[-1][0]:
        raise InputError("datasets.fx_after_anchor", end=end, last=anchors[-1][0])
    used = [before[-1]] + [a for a in anchors if start < a[0] <= end]
    if used[-1][0] < end:
        later = [a for a in anchors if a[0] > end]
        used.append(later[0])
    days = pd.bdate_range(used[0][0], used[-1][0])
    position = {d.date(): i for i, d in enumerate(days)}
    for day, _, _ in used:
        if day not in position:
            raise InputError("datasets.fx_weekend_anchor", date=day)
    rng = _rng(seed, "fx")
    logs = np.empty(len(days))
    for (d0, v0, _), (d1, v1, _) in itertools.pairwise(used):
        i0, i1 = position[d0], position[d1]
        n = i1 - i0
        walk = np.concatenate([[0.0], np.cumsum(rng.normal(0.0, FX_DAILY_VOLATILITY, n))])
        gap = math.log(float(v1)) - math.log(float(v0))
        logs[i0:i1 + 1] = math.log(float(v0)) + walk - np.arange(n + 1) / n * (walk[-1] - gap)
    values = [_dec(math.exp(x), 4) for x in logs]
    is_anchor = np.zeros(len(days), dtype=bool)
    sources = [t("datasets.fx_simulated", lang="en")] * len(days)
    for day, value, source in used:
        i = position[day]
        values[i] = Decimal(value).quantize(Decimal("0.0001"))
        is_anchor[i] = True
        sources[i] = source
    frame = pd.DataFrame({"date": [d.date() for d in days], "mxn_per_usd": values,
                          "anchor": is_anchor, "source": sources})
    keep = (frame["date"] >= start) & (frame["date"] <= end)
    return frame[keep].reset_index(drop=True)


# -- orders ---------------------------------------------------------------------------------
def _calendar_multiplier(business: str, days: pd.DatetimeIndex) -> np.ndarray:
    cal = _input("datasets_calendar")
    mult = np.ones(len(days))
    for _, row in cal.iterrows():
        if row["business"] not in ("*", business):
            continue
        inside = (days >= pd.Timestamp(row["start"])) & (days <= pd.Timestamp(row["end"]))
        mult = np.where(inside, np.maximum(mult, float(row["demand_multiplier"])), mult)
    return mult


def _units_per_order() -> dict[str, float]:
    try:
        cats = read_table("store_categories", required=("category", "units_per_order"),
                          decimals=("units_per_order",))
    except FileNotFoundError:  # the store simulator's data is not there: one unit per order
        return {}
    return {c: float(u) for c, u in zip(cats["category"], cats["units_per_order"],
                                        strict=True)}


def _state_tables() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    states = _input("datasets_states")
    mx = states[states["country"] == "MX"]
    us = states[states["country"] == "US"]
    w_mx = np.array([float(w) for w in mx["weight"]])
    w_us = np.array([float(w) for w in us["weight"]])
    return (mx["state"].to_numpy(dtype=object), w_mx / w_mx.sum(),
            us["state"].to_numpy(dtype=object), w_us / w_us.sum())


def _customer_states(rng: np.random.Generator, n: int, home: str, local_share: float,
                     country: str = "MX") -> np.ndarray:
    """A state for each of ``n`` customers: the business's own state with ``local_share``."""
    mx, w_mx, us, w_us = _state_tables()
    if country == "US":
        return rng.choice(us, size=n, p=w_us)
    states = rng.choice(mx, size=n, p=w_mx)
    local = rng.random(n) < local_share
    return np.where(local, home, states)


def _iva_inside(total: Decimal, rate: Decimal) -> Decimal:
    """The IVA inside a price that includes it: total - total / (1 + rate), to the centavo."""
    return total - round_money(total / (1 + rate)) if rate else _ZERO


def _own_channel_orders(business: str, seed: int) -> pd.DataFrame:
    """Orders on the channels the store simulator does not cover (WhatsApp, market, wholesale).

    Each day and channel: Poisson orders around ``orders_per_day x share x growth x season``
    (a weekend market sells on Saturdays and Sundays only); one product per order chosen by
    its ``popularity``; units as in ``store_categories.csv``; wholesale buys 6 to 24 pieces.
    """
    info = _business(business)
    catalog = catalog_table(business)
    pop = np.array([float(p) for p in _input("datasets_products").loc[
        _input("datasets_products")["business"] == business, "popularity"]])
    channels = _input("datasets_channels").set_index("channel")
    mix = _input("datasets_channel_mix")
    mix = mix[(mix["business"] == business)]
    mix = mix[[channels.loc[c, "online"] == "no" for c in mix["channel"]]]
    payments = _input("datasets_payments")
    units = _units_per_order()
    days = pd.date_range(START, END, freq="D")
    growth = (1.0 + float(info["yearly_growth"])) ** (np.arange(len(days)) / 365.0)
    season = _calendar_multiplier(business, days)
    weekend = days.day_of_week >= 5
    prefix = business[:3].upper()
    frames = []
    for _, row in mix.iterrows():
        channel = row["channel"]
        rng = _rng(seed, "orders", business, channel)
        day_factor = np.where(weekend, 3.5, 0.0) if channels.loc[channel, "days"] == "weekend" \
            else np.ones(len(days))
        lam = float(info["orders_per_day"]) * float(row["share"]) * growth * season * day_factor
        counts = rng.poisson(lam)
        n = int(counts.sum())
        day_idx = np.repeat(np.arange(len(days)), counts)
        prod = rng.choice(len(catalog), size=n, p=pop / pop.sum())
        category = catalog["category"].to_numpy()[prod]
        if channel == "wholesale":
            qty = rng.integers(6, 25, size=n)
        else:
            extra = np.array([max(units.get(c, 1.0) - 1.0, 0.0) for c in category])
            qty = 1 + rng.poisson(extra)
        pay = payments[payments["channel"] == channel]
        share = np.array([float(s) for s in pay["share"]])
        method = rng.choice(pay["method"].to_numpy(dtype=object), size=n, p=share / share.sum())
        # customers: a pool of regulars; most market-stall buyers are anonymous
        pool = {"wholesale": 8, "whatsapp": 400, "market_stall": 300}.get(channel, 300)
        kind = {"wholesale": "M", "whatsapp": "W", "market_stall": "T"}.get(channel, "X")
        weights = 1.0 / (np.arange(pool) + 3.0)
        who = rng.choice(pool, size=n, p=weights / weights.sum())
        local = {"wholesale": 0.3, "whatsapp": 0.5, "market_stall": 1.0}.get(channel, 0.5)
        states = _customer_states(rng, pool, info["state"], local)[who]
        ids = np.array([f"{prefix}-{kind}{i + 1:04d}" for i in range(pool)], dtype=object)[who]
        if channel == "market_stall":
            ids = np.where(rng.random(n) < 0.85, "", ids)
        factor = channels.loc[channel, "price_factor"]
        prices = [round_money(p * factor) for p in catalog["price"]]
        frames.append(pd.DataFrame({
            "date": [d.date() for d in days[day_idx]], "channel": channel, "customer_id": ids, "country": "MX",
            "state": states, "sku": catalog["sku"].to_numpy()[prod], "quantity": qty,
            "unit_price": [prices[i] for i in prod],
            "total": [prices[i] * int(q) for i, q in zip(prod, qty, strict=True)],
            "iva": [_iva_inside(prices[i] * int(q), catalog["iva_rate"].iloc[i])
                    for i, q in zip(prod, qty, strict=True)],
            "commission": _ZERO, "payment_fee": _ZERO, "shipping": _ZERO,
            "payment_method": method, "status": "sold", "returned": False}))
    return pd.concat(frames, ignore_index=True)


def _cents(values: Iterable[object]) -> list[Decimal]:
    return [Decimal(int(v)).scaleb(-2) for v in values]


def _iva_kind(rate: Decimal) -> str:
    """The ``iva_rates.csv`` kind of a catalog row's ``iva_rate``: 0 is food, 16% general."""
    kinds = {Decimal("0"): "food", Decimal("0.16"): "general"}
    if rate not in kinds:
        raise InputError("errors.one_of", arg="iva_rate", choices=tuple(kinds), value=rate)
    return kinds[rate]


def _store_catalog(business: str, per_day: float):
    """The business's catalog as the store simulator's :class:`~mipyme.store.Catalog`.

    Stock and reorder rules cover about a month of the expected demand of each product; the
    lead time is the median lead time of the business's suppliers.
    """
    catalog = catalog_table(business)
    products = _input("datasets_products")
    pop = np.array([float(p) for p in products.loc[products["business"] == business,
                                                   "popularity"]])
    share = pop / pop.sum()
    units = _units_per_order()
    lead = int(np.median(suppliers_table(business)["lead_time_days"]))
    items = []
    for i, row in enumerate(catalog.itertuples(index=False)):
        daily = per_day * share[i] * units.get(row.category, 1.0)
        items.append(CatalogItem(
            row.sku, row.name_es, row.category, unit_cost=row.unit_cost, price=row.price,
            weight_kg=float(row.weight_kg), length_cm=row.length_cm, width_cm=row.width_cm,
            height_cm=row.height_cm, stock=math.ceil(daily * 30) + 2,
            reorder_point=math.ceil(daily * (lead + 7)) + 1,
            reorder_qty=math.ceil(daily * 30) + 1, lead_time_days=lead,
            popularity=float(pop[i]), iva_kind=_iva_kind(row.iva_rate)))
    return Catalog(tuple(items))


def _online_orders(business: str, seed: int) -> pd.DataFrame:
    """Orders on the online channels, from the store simulator (:func:`mipyme.store.simulate`).

    The store runs the two years from :data:`START`. Its ``traffic`` is calibrated so that the
    online orders of the channels the business uses (``datasets_channel_mix.csv``) average
    ``orders_per_day`` x their share: a first run at ``traffic=1`` counts them, the second
    run is scaled. Orders on channels the business does not use (for instance mezcal on
    Etsy) are dropped. The store charges each product's IVA (``iva_rate`` 0 on food, 16%
    on the rest; 0% on Etsy, a sale abroad).
    """
    info = _business(business)
    online = set(_input("datasets_channels").query("online == 'yes'")["channel"])
    mix = _input("datasets_channel_mix")
    mix = mix[(mix["business"] == business) & mix["channel"].isin(online)]
    kept = set(mix["channel"])
    if not kept:
        return pd.DataFrame()
    target = float(info["orders_per_day"]) * float(sum(mix["share"]))
    days = (END - START).days + 1
    catalog = _store_catalog(business, target)
    store_seed = zlib.crc32(f"{seed}:{business}".encode())
    pilot = simulate(days, seed=store_seed, catalog=catalog, start=START, traffic=1)
    counted = int(pilot.orders["channel"].isin(kept).sum())
    traffic = _dec(target * days / max(counted, 1), 4)
    orders = simulate(days, seed=store_seed, catalog=catalog, start=START,
                      traffic=traffic).orders
    orders = orders[orders["channel"].isin(kept).to_numpy()].reset_index(drop=True)
    rng = _rng(seed, "online-customers", business)
    who = orders["customer_id"].to_numpy(dtype=np.int64)
    n = int(who.max()) + 2 if len(who) else 1
    mx_states = _customer_states(rng, n, info["state"], 0.05)
    us_states = _customer_states(rng, n, info["state"], 0.0, country="US")
    etsy = (orders["channel"] == "etsy").to_numpy()
    lost = who < 0
    anyone = rng.integers(0, n, size=len(who))
    pick = np.where(lost, anyone, who)
    prefix = business[:3].upper()
    return pd.DataFrame({
        "date": [d.date() for d in orders["date"]],
        "channel": orders["channel"].astype(str).to_numpy(),
        "customer_id": np.where(lost, "", [f"{prefix}-S{c + 1:05d}" for c in who]),
        "country": np.where(etsy, "US", "MX"),
        "state": np.where(etsy, us_states[pick], mx_states[pick]),
        "sku": orders["sku"].astype(str).to_numpy(),
        "quantity": orders["units"].to_numpy(dtype=np.int64),
        "unit_price": _cents(orders["unit_price_cents"]),
        "total": _cents(orders["gross_cents"]),
        "iva": _cents(orders["iva_cents"]),
        "commission": _cents(orders["commission_cents"]),
        "payment_fee": _cents(orders["payment_fee_cents"]),
        "shipping": _cents(orders["shipping_cents"]),
        "payment_method": orders["payment"].astype(str).to_numpy(),
        "status": orders["status"].astype(str).to_numpy(),
        "returned": orders["returned"].to_numpy(dtype=bool)})


def orders_table(business: str, seed: int = DEFAULT_SEED) -> pd.DataFrame:
    """Two years of orders of ``business`` on every channel, typed as the schema ``orders``.

    >>> orders = orders_table("miel", seed=7)
    >>> sold = orders[orders["status"] == "sold"]
    >>> bool((sold["total"] == sold["unit_price"] * sold["quantity"]).all())
    True
    >>> sorted(orders["channel"].unique())
    ['amazon_mx', 'market_stall', 'mercado_libre', 'web', 'whatsapp', 'wholesale']
    >>> orders["date"].min() >= START, orders["date"].max() <= END
    (True, True)
    """
    seed = _check_seed(seed)
    frame = pd.concat([df for df in (_online_orders(business, seed),
                                     _own_channel_orders(business, seed)) if len(df)],
                      ignore_index=True)
    frame["date"] = [d.date() if hasattr(d, "date") else d for d in frame["date"]]
    order = np.lexsort((frame["sku"].to_numpy(dtype=str), frame["channel"].to_numpy(dtype=str),
                        np.array([d.toordinal() for d in frame["date"]])))
    frame = frame.iloc[order].reset_index(drop=True)
    years = np.array([d.year for d in frame["date"]])
    seq = np.zeros(len(frame), dtype=int)
    for year in np.unique(years):
        mask = years == year
        seq[mask] = np.arange(1, mask.sum() + 1)
    prefix = business[:3].upper()
    frame["order_id"] = [f"{prefix}-{y}-{s:05d}" for y, s in zip(years, seq, strict=True)]
    frame["quantity"] = frame["quantity"].astype(int)
    return frame[list(table_schema("orders").names)]


# -- costs ----------------------------------------------------------------------------------
def costs_table(business: str, orders: pd.DataFrame, seed: int = DEFAULT_SEED) -> pd.DataFrame:
    """Monthly costs: fixed ones from the data file, variable ones from the orders.

    Variable costs: ``materials`` (units sold x the catalog's ``unit_cost``), and the
    commissions, payment fees and shipping of the month's orders.

    >>> orders = orders_table("miel", seed=7)
    >>> costs = costs_table("miel", orders, seed=7)
    >>> sorted(costs["concept"].unique())[:3]
    ['accountant', 'advertising', 'commissions']
    """
    seed = _check_seed(seed)
    fixed = _input("datasets_fixed_costs")
    fixed = fixed[fixed["business"] == business]
    months = [dt.date(y, m, 1) for y in range(START.year, END.year + 1) for m in range(1, 13)]
    rows = []
    rng = _rng(seed, "costs", business)
    for _, item in fixed.iterrows():
        noise = np.clip(rng.normal(0.0, 1.0, len(months)), -2.0, 2.0)
        for month, z in zip(months, noise, strict=True):
            base = item["monthly_amount"] * (1 + item["increase_2025"] if month.year >= 2025
                                             else 1)
            amount = round_money(base * (1 + item["variation"] * _dec(z, 4)))
            rows.append({"month": month, "concept": item["concept"], "name_es": item["name_es"],
                         "name_en": item["name_en"], "kind": "fixed",
                         "amount": max(amount, _ZERO)})
    sold = orders[orders["status"] == "sold"]
    unit_cost = dict(zip(catalog_table(business)["sku"], catalog_table(business)["unit_cost"],
                         strict=True))
    month_of = [dt.date(d.year, d.month, 1) for d in sold["date"]]
    variable = {
        "materials": [unit_cost[s] * int(q) for s, q in zip(sold["sku"], sold["quantity"],
                                                            strict=True)],
        "commissions": list(sold["commission"]),
        "payment_fees": list(sold["payment_fee"]),
        "shipping": list(sold["shipping"]),
    }
    for concept, amounts in variable.items():
        totals = dict.fromkeys(months, _ZERO)
        for month, amount in zip(month_of, amounts, strict=True):
            totals[month] += amount
        for month in months:
            rows.append({"month": month, "concept": concept,
                         "name_es": t(f"datasets.cost.{concept}", lang="es"),
                         "name_en": t(f"datasets.cost.{concept}", lang="en"),
                         "kind": "variable", "amount": round_money(totals[month])})
    return pd.DataFrame(rows, columns=list(table_schema("costs").names))


# -- writing --------------------------------------------------------------------------------
def _text(values: Iterable[object], kind: str, places: int) -> list[str]:
    if kind == "int":
        return [str(int(v)) for v in values]
    if kind == "money":
        return [str(v if isinstance(v, Decimal) and v.as_tuple().exponent == -2
                    else round_money(v)) for v in values]
    if kind == "decimal":
        return [f"{Decimal(v):.{places}f}" if isinstance(v, Decimal) else f"{v:.{places}f}"
                for v in values]
    if kind == "date":
        return [v.strftime("%Y-%m-%d") for v in values]
    if kind == "bool":
        return ["true" if bool(v) else "false" for v in values]
    return ["" if v is None else str(v) for v in values]


def write_table(frame: pd.DataFrame, table: Table | str, path: str | os.PathLike) -> Path:
    """Write ``frame`` as the CSV of ``table``: its columns, sorted rows, fixed formats.

    The text is checked against the schema before it is written, so a file the generator
    writes always loads.

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "channels.csv"
    >>> _ = write_table(channels_table(), "channels", out)
    >>> out.read_text(encoding="utf-8").splitlines()[1]
    'amazon_mx,Amazon México,Amazon Mexico,true,1.00,all'
    """
    table = table if isinstance(table, Table) else table_schema(table)
    path = Path(path)
    frame = frame.sort_values(list(table.sort_by), kind="mergesort").reset_index(drop=True)
    text = pd.DataFrame({c.name: _text(frame[c.name], c.kind, c.decimals)
                         for c in table.columns}, columns=list(table.names), dtype=object)
    check_frame(text, table, file=path.name)
    path.parent.mkdir(parents=True, exist_ok=True)
    text.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
    return path


def build(out: str | os.PathLike = "datasets/generated", seed: int = DEFAULT_SEED, *,
          only: Iterable[str] | None = None, orders: bool = True) -> Path:
    """Generate every example table into the folder ``out``; returns the folder.

    Parameters
    ----------
    out:
        Folder to write into (created if needed).
    seed:
        The seed of every random draw; the same seed gives the same bytes.
    only:
        Businesses to write per-business files for (default: all of them).
    orders:
        ``False`` skips the orders and costs (quick builds for examples).

    >>> import tempfile
    >>> folder = build(tempfile.mkdtemp(), only=("plata",), orders=False)
    >>> (folder / "plata_catalog.csv").exists(), (folder / "plata_orders.csv").exists()
    (True, False)
    >>> build(tempfile.mkdtemp(), seed=-1)
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'seed' debe ser cero o más (se recibió -1)
    """
    from mipyme.datasets.dictionary import data_dictionary

    seed = _check_seed(seed)
    chosen = tuple(only) if only is not None else BUSINESS_CODES
    for business in chosen:
        _business(business)
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    write_table(businesses_table(), "businesses", folder / "businesses.csv")
    write_table(channels_table(), "channels", folder / "channels.csv")
    write_table(calendar_table(), "calendar", folder / "calendar.csv")
    write_table(fx_series(seed), "fx", folder / "fx.csv")
    for business in chosen:
        write_table(catalog_table(business), "catalog", folder / f"{business}_catalog.csv")
        write_table(suppliers_table(business), "suppliers",
                    folder / f"{business}_suppliers.csv")
        if orders:
            sales = orders_table(business, seed)
            write_table(sales, "orders", folder / f"{business}_orders.csv")
            write_table(costs_table(business, sales, seed), "costs",
                        folder / f"{business}_costs.csv")
    for name in COPIED_TABLES:
        try:
            source = table_path(name)
        except FileNotFoundError:
            continue
        shutil.copyfile(source, folder / f"{name}.csv")
    (folder / "README.md").write_text(data_dictionary(), encoding="utf-8", newline="\n")
    return folder
