"""The market a simulated store sells in: its parameters, read from the data files.

What each product converts, returns and costs (``store_categories.csv``, the catalog), what
each channel charges and withholds (``store_channels.csv``, ``marketplace_withholding.csv``,
the IVA table), how buyers pay (``store_payments.csv``) and the commercial calendar. Kept
apart from the simulation (:mod:`mipyme.store.simulate`) so the rules of the market can be
read, and changed, without reading the day-by-day engine.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

import numpy as np
import pandas as pd

from mipyme.errors import InputError
from mipyme.finance.taxes import iva_rate
from mipyme.money import as_decimal
from mipyme.store.catalog import categories
from mipyme.store.cents import mul_rate, to_cents, to_ppm
from mipyme.store.channels import channels, payments
from mipyme.store.demand import MAX_CONVERSION, season_arrays
from mipyme.tables import read_table

__all__ = ["Limits", "MarketParameters", "withholding_ppm"]


@dataclass(frozen=True, slots=True)
class Limits:
    """The range of each weekly decision; outside it :meth:`OnlineStore.decide` refuses.

    ``price_low`` and ``price_high`` multiply each product's list price; ``ad_budget_max`` is
    per channel and week (IVA included); ``reorder_max`` is units per product and week.

    >>> Limits().price_high
    Decimal('4')
    """

    price_low: Decimal = Decimal("0.25")
    price_high: Decimal = Decimal("4")
    ad_budget_max: Decimal = Decimal("200000")
    reorder_max: int = 10_000

    def __post_init__(self) -> None:
        for name in ("price_low", "price_high", "ad_budget_max"):
            value = as_decimal(getattr(self, name), name, places=6)
            if value <= 0:
                raise InputError("errors.positive", arg=name, value=getattr(self, name))
            object.__setattr__(self, name, value)
        if self.price_low >= self.price_high:
            raise InputError("errors.between", arg="price_low", low=0, high=self.price_high,
                             value=self.price_low)


@cache
def _withholding_table() -> pd.DataFrame:
    return read_table("marketplace_withholding", required=(
        "has_rfc", "isr_rate", "iva_share", "valid_from", "valid_to"),
        decimals=("isr_rate", "iva_share"), dates=("as_of", "valid_from", "valid_to"))


@cache
def withholding_ppm(on: dt.date) -> tuple[int, int]:
    """What a marketplace withholds from a seller with an RFC on date ``on``, in ppm.

    Returns the ISR rate (a share of the price before IVA) and the share of the IVA charged
    that is withheld (LISR art. 113-A, LIVA art. 18-J, rows of
    ``marketplace_withholding.csv``). Before 2020-06-01 there was no such withholding: (0, 0).

    >>> withholding_ppm(dt.date(2025, 12, 31)), withholding_ppm(dt.date(2026, 1, 1))
    ((10000, 500000), (25000, 500000))
    >>> withholding_ppm(dt.date(2019, 12, 31))
    (0, 0)
    """
    table = _withholding_table()
    rows = table[(table["has_rfc"] == "yes") & (table["valid_from"] <= on)
                 & table["valid_to"].map(lambda d: d is None or d >= on)]
    if rows.empty:
        return 0, 0
    row = rows.iloc[-1]
    return to_ppm(row["isr_rate"], "isr_rate"), to_ppm(row["iva_share"], "iva_share")


@cache
def _iva_ppm(kind: str, on: dt.date) -> int:
    return to_ppm(iva_rate(kind, on))


class MarketParameters:
    """The market's numbers as arrays, one entry per product, channel or payment method.

    A base of :class:`~mipyme.store.simulate.OnlineStore`: ``_setup_market`` reads the data
    files once per store; the simulation only reads these arrays.
    """

    def _setup_market(self) -> None:
        products = self.catalog.products
        cats = categories()
        ch = channels()
        pay = payments()
        self.channel_codes: tuple[str, ...] = tuple(ch.index)
        self.method_codes: tuple[str, ...] = tuple(pay.index)
        self._P, self._C = len(products), len(ch)
        cat_codes = tuple(cats.index)
        self._cat = np.array([cat_codes.index(p.category) for p in products])
        cat_col = {c: np.array([float(cats.loc[k, c]) for k in cat_codes]) for c in (
            "conversion", "elasticity", "return_rate", "restock_rate", "units_per_order")}
        self._conv = cat_col["conversion"][self._cat]
        self._elast = cat_col["elasticity"][self._cat]
        self._return_rate = cat_col["return_rate"][self._cat]
        self._restock_rate = cat_col["restock_rate"][self._cat]
        self._units_extra = np.maximum(cat_col["units_per_order"][self._cat] - 1.0, 0.0)
        self._rdays = np.array([int(cats.loc[p.category, "return_days"]) for p in products],
                               dtype=np.int64)
        self._list_cents = np.array([to_cents(p.price) for p in products], dtype=np.int64)
        self._cost_cents = np.array([to_cents(p.unit_cost) for p in products], dtype=np.int64)
        pop = np.array([p.popularity for p in products])
        self._share = pop / pop.sum()
        self._lead = np.array([p.lead_time_days for p in products], dtype=np.int64)
        self._rp = np.array([p.reorder_point for p in products], dtype=np.int64)
        self._rq = np.array([p.reorder_qty for p in products], dtype=np.int64)
        self._opening_units = np.array([p.stock for p in products], dtype=np.int64)
        self._unit_kg = np.array([max(p.weight_kg, 0.0) for p in products])
        self._unit_vol = np.array([p.length_cm * p.width_cm * p.height_cm for p in products])
        # channels
        self._comm_ppm = np.array([to_ppm(v) for v in ch["commission_rate"]], dtype=np.int64)
        self._fixed_cents = np.array([to_cents(v) for v in ch["fixed_fee"]], dtype=np.int64)
        self._is_market = np.array([v == "marketplace" for v in ch["payment"]])
        self._payout = np.array([int(v) for v in ch["payout_days"]], dtype=np.int64)
        # IVA: each product's kind, except on a channel that sells abroad (its own kind,
        # export = 0%); the rates and the withholding are looked up by each sale's date
        kinds = list(dict.fromkeys([p.iva_kind for p in products]
                                   + [k for k in ch["iva_kind"] if k != "product"]))
        self._iva_kinds: tuple[str, ...] = tuple(kinds)
        self._prod_kind = np.array([kinds.index(p.iva_kind) for p in products], dtype=np.int64)
        self._chan_kind = np.array([-1 if k == "product" else kinds.index(k)
                                    for k in ch["iva_kind"]], dtype=np.int64)
        self._withholds = np.array([v == "yes" for v in ch["withholding"]])
        self._organic = np.array([float(v) for v in ch["organic_visits"]])
        self._cpc = np.array([float(v) for v in ch["cpc"]])
        self._ctr = np.array([float(v) for v in ch["ctr"]])
        self._sat = np.array([float(v) for v in ch["ad_saturation"]])
        self._ch_conv = np.array([float(v) for v in ch["conversion_factor"]])
        self._repeat = np.array([float(v) for v in ch["repeat_share"]])
        self._free_from = np.array([to_cents(v) if v is not None else -1
                                    for v in ch["free_shipping_from"]], dtype=np.int64)
        self._ship_table = tuple(ch["shipping_table"])
        rates = read_table("store_shipping", required=("table", "divisor"),
                           decimals=("divisor",))
        self._divisor = np.array([float(rates.loc[rates["table"] == tb, "divisor"].iloc[0])
                                  for tb in self._ship_table])
        # payments
        self._fee_ppm = np.array([to_ppm(v) for v in pay["fee_rate"]], dtype=np.int64)
        self._pay_fixed = np.array([to_cents(v) for v in pay["fixed_fee"]], dtype=np.int64)
        self._settle = np.array([int(v) for v in pay["settlement_days"]], dtype=np.int64)
        self._pay_rate = np.array([float(v) for v in pay["pay_rate"]])
        share = np.array([float(v) for v in pay["web_share"]])
        self._web_cum = np.cumsum(share / share.sum())
        self._market_method = self.method_codes.index("marketplace")
        self._general_ppm = to_ppm(iva_rate("general", self.start))

    def _taxes(self, day: np.ndarray, prod: np.ndarray, chan: np.ndarray
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """IVA rate, ISR withheld rate and share of IVA withheld of each order, in ppm.

        Each order pays the rates in force on its own date (``day`` counts from the start):
        a run that crosses 2025-12-31 withholds 1% ISR before and 2.5% after.
        """
        dates, inv, iva = self._iva_by_day(day)
        held = np.array([withholding_ppm(on) for on in dates],
                        dtype=np.int64).reshape(len(dates), 2)
        kind = np.where(self._chan_kind[chan] >= 0, self._chan_kind[chan], self._prod_kind[prod])
        withholds = self._withholds[chan]
        return (iva[inv, kind], np.where(withholds, held[inv, 0], 0),
                np.where(withholds, held[inv, 1], 0))

    def _input_iva(self, day: np.ndarray, prod: np.ndarray, cost: np.ndarray) -> np.ndarray:
        """IVA paid on restocking (centavos): the store buys each product ready to sell, so the
        supplier charges the product's own IVA on the day the goods arrive (0% on food)."""
        _, inv, iva = self._iva_by_day(day)
        return mul_rate(cost, iva[inv, self._prod_kind[prod]])

    def _iva_by_day(self, day: np.ndarray) -> tuple[list[dt.date], np.ndarray, np.ndarray]:
        """The distinct dates of ``day`` (days from the start), each day's index among them
        and the IVA rate (ppm) of every kind in use on each date: (dates, index, rates)."""
        uniq, inv = np.unique(day, return_inverse=True)
        dates = [self.start + dt.timedelta(days=int(u)) for u in uniq]
        iva = np.array([[_iva_ppm(k, on) for k in self._iva_kinds] for on in dates],
                       dtype=np.int64).reshape(len(dates), len(self._iva_kinds))
        return dates, inv, iva

    def _season(self, d0: int, ndays: int) -> tuple[np.ndarray, np.ndarray]:
        """Calendar multipliers of days ``d0 .. d0 + ndays - 1`` (computed a year at a time)."""
        have = self._cache_season[0].size
        if d0 + ndays > have:
            upto = max(d0 + ndays, have + 400)
            dates = pd.DatetimeIndex(np.datetime64(self.start, "D") + np.arange(upto))
            demand, returns, _ = season_arrays(dates)
            self._cache_season = (demand, returns)
        demand, returns = self._cache_season
        return demand[d0:d0 + ndays], returns[d0:d0 + ndays]

    def _conversion_matrix(self) -> np.ndarray:
        ratio = self._price_cents / self._list_cents
        conv = self._conv * ratio ** self._elast
        return np.minimum(MAX_CONVERSION, self._ch_conv[:, None] * conv[None, :])  # (C, P)
