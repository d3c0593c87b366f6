"""The online store simulator: a Mexican small business selling online, day by day.

One engine serves the batch simulation (:func:`simulate`, a year in one call) and the
classroom game (:class:`~mipyme.store.game.StoreGame`, one week per step): both advance an
:class:`OnlineStore` in chunks of at most one week, each chunk drawn from its own seeded
random generator, so a game whose teams never change their decisions gives exactly the batch
result.

Each simulated day: visits come from organic traffic (times the commercial calendar) and ad
clicks; orders are Poisson around visits x conversion (constant-elasticity in the price);
own-store buyers choose a payment method (an unpaid OXXO voucher is a lost sale); orders are
served first come, first served while stock lasts (the rest are lost to the stock-out);
returns come back after some days and part of them go back to stock; the store reorders at
the reorder point and the goods arrive after the lead time. Money is whole centavos
(``int64``), rounded half-up like :func:`mipyme.money.round_money`. Defaults are calibrated to
``shared/domain-notes.md`` through the ``store_*.csv`` data files.

>>> from mipyme.store import simulate
>>> store = simulate(days=28, seed=1)
>>> store.orders.shape[0] > 0, store.daily.shape[0]
(True, 28)
>>> store.bank_balance() == int(store.daily["cash_cents"].iloc[-1])
True
>>> simulate(days=0)
Traceback (most recent call last):
...
mipyme.errors.InputError: 'days' debe ser mayor que cero (se recibió 0)
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache

import numpy as np
import pandas as pd

from mipyme.errors import InputError, InputTypeError
from mipyme.finance.taxes import iva_rate
from mipyme.i18n import catalog, get_language, t
from mipyme.money import Money, as_decimal, pesos
from mipyme.store._cents import (
    day_sum,
    mul_rate,
    net_of_rate,
    split_even,
    to_cents,
    to_ppm,
)
from mipyme.store.catalog import Catalog, categories, example_catalog
from mipyme.store.channels import _shipping_cents, channels, check_channel, payments
from mipyme.store.demand import MAX_CONVERSION, season_arrays
from mipyme.tables import parse_date, read_table

__all__ = ["STATUSES", "Limits", "OnlineStore", "sale_breakdown", "show", "simulate"]

#: Order statuses: served, lost to a stock-out, lost because the OXXO voucher expired.
STATUSES: tuple[str, ...] = ("sold", "stockout", "voucher_expired")
_SOLD, _STOCKOUT, _EXPIRED = 0, 1, 2


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
def _withholding_ppm(start: dt.date) -> tuple[int, int]:
    """ISR and IVA withheld by marketplaces (seller with RFC) on ``start``; (0, 0) before 2026."""
    table = read_table("marketplace_withholding", required=("has_rfc", "isr_rate", "iva_rate",
                                                            "valid_from", "valid_to"),
                       decimals=("isr_rate", "iva_rate"), dates=("as_of", "valid_from",
                                                                "valid_to"))
    rows = table[(table["has_rfc"] == "yes") & (table["valid_from"] <= start)
                 & table["valid_to"].map(lambda d: d is None or d >= start)]
    if rows.empty:
        return 0, 0
    row = rows.iloc[-1]
    return to_ppm(row["isr_rate"], "isr_rate"), to_ppm(row["iva_rate"], "iva_rate")


def _positive_int(value: object, arg: str, low: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise InputTypeError("errors.not_a_number", arg=arg, value=value)
    if value < low:
        raise InputError("errors.positive" if low == 1 else "errors.not_negative", arg=arg,
                         value=value)
    return int(value)


class OnlineStore:
    """A store advancing day by day; decisions change prices, ads and reorders.

    Parameters
    ----------
    catalog:
        The products (default :func:`~mipyme.store.catalog.example_catalog`).
    seed:
        Seed of the market: the same seed and decisions give the same store.
    start:
        First simulated day.
    opening_cash:
        Money in the bank on the first day (the owner's capital, with the opening stock).
    traffic:
        Multiplies every channel's organic visits (1 = the data file's small store).
    auto_reorder:
        Reorder by each product's reorder point (batch); the game sets it off and the
        students reorder by hand.
    prices, ad_budget:
        First decisions (see :meth:`decide`); ad budgets are per week, IVA included.
    limits:
        The range of each decision (:class:`Limits`).

    >>> store = OnlineStore(seed=3, ad_budget={"mercado_libre": 700})
    >>> store.run(7).day
    7
    >>> store.decide(ad_budget={"tiktok": 100})
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'ad_budget' debe ser uno de ('web', 'mercado_libre', 'amazon_mx', 'etsy') (se recibió 'tiktok')
    """

    def __init__(self, catalog: Catalog | None = None, *, seed: int = 0,
                 start: object = "2026-01-01", opening_cash: object = "50000",
                 traffic: object = 1, auto_reorder: bool = True,
                 prices: Mapping[str, object] | object | None = None,
                 ad_budget: Mapping[str, object] | None = None,
                 limits: Limits | None = None) -> None:
        self.catalog = catalog if catalog is not None else example_catalog()
        if not isinstance(self.catalog, Catalog):
            raise InputTypeError("store.errors.not_a_catalog", value=self.catalog)
        self.seed = _positive_int(seed, "seed", low=0)
        self.start = parse_date(start, "start")
        self.opening_cash_cents = to_cents(opening_cash, "opening_cash")
        if self.opening_cash_cents < 0:
            raise InputError("errors.not_negative", arg="opening_cash", value=opening_cash)
        self.traffic = float(as_decimal(traffic, "traffic", places=6))
        if self.traffic < 0:
            raise InputError("errors.not_negative", arg="traffic", value=traffic)
        if not isinstance(auto_reorder, bool):
            raise InputError("errors.one_of", arg="auto_reorder", choices=(True, False),
                             value=auto_reorder)
        self.auto_reorder = auto_reorder
        self.limits = limits or Limits()
        self._setup()
        self.decide(price=prices, ad_budget=ad_budget)

    # -- configuration --------------------------------------------------------------
    def _setup(self) -> None:
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
        self._iva_ppm = np.array([to_ppm(iva_rate(k, self.start)) for k in ch["iva_kind"]],
                                 dtype=np.int64)
        isr_ppm, ivawh_ppm = _withholding_ppm(self.start)
        withholds = np.array([v == "yes" for v in ch["withholding"]])
        self._isr_ppm = np.where(withholds, isr_ppm, 0).astype(np.int64)
        self._ivawh_ppm = np.where(withholds, ivawh_ppm, 0).astype(np.int64)
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
        # state
        self._price_cents = self._list_cents.copy()
        self._ad_week = np.zeros(self._C, dtype=np.int64)
        self._reorder_next = np.zeros(self._P, dtype=np.int64)
        self._day = 0
        self._on_hand = self._opening_units.copy()
        self._on_order = np.zeros(self._P, dtype=np.int64)
        self._cap = 0
        self._inc_buy = np.zeros((self._P, 0), dtype=np.int64)
        self._inc_ret = np.zeros((self._P, 0), dtype=np.int64)
        self._customers = 0
        self._chunks: list[dict[str, np.ndarray]] = []
        self._day_chunks: list[dict[str, np.ndarray]] = []
        self._buys: list[tuple[int, int, int, int]] = []
        self._cache: dict[str, object] = {}
        self._cache_season: tuple[np.ndarray, np.ndarray] = (np.zeros(0), np.zeros(0))

    # -- decisions ------------------------------------------------------------------
    def decide(self, price: Mapping[str, object] | object | None = None,
               ad_budget: Mapping[str, object] | None = None,
               reorder: Mapping[str, object] | None = None) -> None:
        """Set the decisions for the next days; what is not given stays as it was.

        Parameters
        ----------
        price:
            ``{sku: price}`` (IVA included); a single number if the catalog has one product.
        ad_budget:
            ``{channel: pesos per week}`` (IVA included, what leaves the bank).
        reorder:
            ``{sku: units}`` to order now (they arrive after the product's lead time).

        Every value is checked before any is applied: a wrong one raises and changes nothing.

        >>> store = OnlineStore()
        >>> store.decide(price={"TAZA-TALAV": 2000})
        Traceback (most recent call last):
        ...
        mipyme.errors.InputError: 'price['TAZA-TALAV']' debe estar entre 80.00 y 1280.00 (se recibió 2000)
        """
        prices = self._check_prices(price) if price is not None else None
        ads = self._check_ads(ad_budget) if ad_budget is not None else None
        reorders = self._check_reorder(reorder) if reorder is not None else None
        if prices is not None:
            self._price_cents = prices
        if ads is not None:
            self._ad_week = ads
        if reorders is not None:
            self._reorder_next = reorders

    def _check_prices(self, price: object) -> np.ndarray:
        skus = self.catalog.skus
        if not isinstance(price, Mapping):
            if len(skus) != 1:
                raise InputError("store.errors.price_mapping", count=len(skus), value=price)
            price = {skus[0]: price}
        out = self._price_cents.copy()
        for sku, value in price.items():
            if sku not in skus:
                raise InputError("errors.one_of", arg="price", choices=skus, value=sku)
            arg = f"price['{sku}']"
            i = skus.index(sku)
            cents = to_cents(value, arg)
            if cents <= 0:
                raise InputError("errors.positive", arg=arg, value=value)
            low = self._list_cents[i] * self.limits.price_low / 100
            high = self._list_cents[i] * self.limits.price_high / 100
            if not low <= Decimal(cents) / 100 <= high:
                raise InputError("errors.between", arg=arg, low=f"{low:.2f}",
                                 high=f"{high:.2f}", value=value)
            out[i] = cents
        return out

    def _check_ads(self, ad_budget: object) -> np.ndarray:
        if not isinstance(ad_budget, Mapping):
            raise InputTypeError("store.errors.mapping", arg="ad_budget", value=ad_budget)
        out = self._ad_week.copy()
        for channel, value in ad_budget.items():
            check_channel(channel, "ad_budget")
            arg = f"ad_budget['{channel}']"
            cents = to_cents(value, arg)
            if cents < 0:
                raise InputError("errors.not_negative", arg=arg, value=value)
            if cents > self.limits.ad_budget_max * 100:
                raise InputError("errors.between", arg=arg, low=0,
                                 high=self.limits.ad_budget_max, value=value)
            out[self.channel_codes.index(channel)] = cents
        return out

    def _check_reorder(self, reorder: object) -> np.ndarray:
        if not isinstance(reorder, Mapping):
            raise InputTypeError("store.errors.mapping", arg="reorder", value=reorder)
        skus = self.catalog.skus
        out = np.zeros(self._P, dtype=np.int64)
        for sku, value in reorder.items():
            if sku not in skus:
                raise InputError("errors.one_of", arg="reorder", choices=skus, value=sku)
            arg = f"reorder['{sku}']"
            units = _positive_int(value, arg, low=0)
            if units > self.limits.reorder_max:
                raise InputError("errors.between", arg=arg, low=0,
                                 high=self.limits.reorder_max, value=value)
            out[skus.index(sku)] = units
        return out

    @property
    def prices(self) -> dict[str, Decimal]:
        """The current price of each SKU (IVA included).

        >>> OnlineStore(prices={"REBOZO": "1099.90"}).prices["REBOZO"]
        Decimal('1099.90')
        """
        return {s: pesos(c) for s, c in
                zip(self.catalog.skus, self._price_cents, strict=True)}

    @property
    def ad_budget(self) -> dict[str, Decimal]:
        """The current weekly ad budget of each channel (IVA included).

        >>> OnlineStore(ad_budget={"etsy": 350}).ad_budget["etsy"]
        Decimal('350.00')
        """
        return {c: pesos(v) for c, v in
                zip(self.channel_codes, self._ad_week, strict=True)}

    # -- running --------------------------------------------------------------------
    @property
    def day(self) -> int:
        """Days simulated so far.

        >>> OnlineStore().run(10).day
        10
        """
        return self._day

    @property
    def today(self) -> dt.date:
        """The next day to simulate.

        >>> OnlineStore(start="2026-11-09").run(3).today
        datetime.date(2026, 11, 12)
        """
        return self.start + dt.timedelta(days=self._day)

    def run(self, days: int) -> OnlineStore:
        """Simulate ``days`` more days (in chunks that end on week boundaries); returns self.

        Decisions take effect from the next chunk, so change them between weeks.

        >>> store = OnlineStore(seed=1).run(7)
        >>> store.decide(ad_budget={"web": 700})
        >>> store.run(7).day
        14
        >>> store.run(-1)
        Traceback (most recent call last):
        ...
        mipyme.errors.InputError: 'days' debe ser mayor que cero (se recibió -1)
        """
        days = _positive_int(days, "days")
        end = self._day + days
        while self._day < end:
            week_end = (self._day // 7 + 1) * 7
            self._chunk(min(week_end, end) - self._day)
        self._cache = {}
        return self

    def _ensure_capacity(self, needed: int) -> None:
        if needed <= self._cap:
            return
        new = max(needed, 2 * self._cap, 64)
        grow = np.zeros((self._P, new - self._cap), dtype=np.int64)
        self._inc_buy = np.concatenate([self._inc_buy, grow], axis=1)
        self._inc_ret = np.concatenate([self._inc_ret, grow.copy()], axis=1)
        self._cap = new

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

    def _buy(self, day: int, product: int, units: int) -> None:
        arrival = day + int(self._lead[product])
        self._inc_buy[product, arrival] += units
        self._on_order[product] += units
        self._buys.append((day, arrival, product, units))

    def _chunk(self, ndays: int) -> None:
        d0, P, C = self._day, self._P, self._C
        rng = np.random.default_rng([self.seed, d0])
        days = np.arange(d0, d0 + ndays)
        demand_mult, return_mult = self._season(d0, ndays)
        self._ensure_capacity(d0 + ndays + int(max(self._lead.max(), self._rdays.max())) + 2)
        # traffic and orders
        ad = np.stack([split_even(int(w), 7)[days % 7] for w in self._ad_week])  # (C, D)
        week_pesos = self._ad_week / 100.0
        clicks_exp = ad / 100.0 / self._cpc[:, None] / (1.0 + week_pesos / self._sat)[:, None]
        clicks = rng.poisson(clicks_exp)
        organic = rng.poisson(self._organic[:, None] * self.traffic * demand_mult[None, :])
        visits = organic + clicks
        rate = (self._share[None, :] * self._conversion_matrix()).T  # (P, C)
        lam = visits.T[:, None, :] * rate[None, :, :]  # (D, P, C)
        counts = rng.poisson(lam).ravel()
        n = int(counts.sum())
        idx = np.repeat(np.arange(counts.size), counts)
        day_l = idx // (P * C)
        prod = (idx // C) % P
        chan = idx % C
        order = np.lexsort((rng.random(n), prod, day_l))
        day_l, prod, chan = day_l[order], prod[order], chan[order]
        qty = 1 + rng.poisson(self._units_extra[prod])
        u = rng.random((6, n))
        method = np.where(self._is_market[chan], self._market_method,
                          np.searchsorted(self._web_cum, u[0], side="right").clip(
                              max=len(self._web_cum) - 1))
        expired = u[1] >= self._pay_rate[method]
        returned = u[2] < self._return_rate[prod] * return_mult[day_l]
        restock = returned & (u[3] < self._restock_rate[prod])
        valid_qty = np.where(expired, 0, qty)
        group = day_l * P + prod
        first = np.ones(n, dtype=bool)
        first[1:] = group[1:] != group[:-1]
        first_idx = np.maximum.accumulate(np.where(first, np.arange(n), 0)) if n else first
        running = np.cumsum(valid_qty)
        cum = running - (running - valid_qty)[first_idx] if n else running
        bounds = np.searchsorted(day_l, np.arange(ndays + 1))
        sold = np.zeros(n, dtype=bool)
        stock_end = np.empty((P, ndays), dtype=np.int64)
        if self._reorder_next.any():
            for p in np.flatnonzero(self._reorder_next):
                self._buy(d0, int(p), int(self._reorder_next[p]))
            self._reorder_next = np.zeros(P, dtype=np.int64)
        for k in range(ndays):
            a = d0 + k
            self._on_hand += self._inc_buy[:, a] + self._inc_ret[:, a]
            self._on_order -= self._inc_buy[:, a]
            s, e = bounds[k], bounds[k + 1]
            if e > s:
                pk = prod[s:e]
                fill = (~expired[s:e]) & (cum[s:e] <= self._on_hand[pk])
                sold[s:e] = fill
                q = qty[s:e]
                self._on_hand -= np.bincount(pk[fill], weights=q[fill],
                                             minlength=P).astype(np.int64)
                back = fill & restock[s:e]
                if back.any():
                    np.add.at(self._inc_ret, (pk[back], a + self._rdays[pk[back]]), q[back])
            if self.auto_reorder:
                need = (self._rq > 0) & (self._on_hand + self._on_order <= self._rp)
                for p in np.flatnonzero(need):
                    self._buy(a, int(p), int(self._rq[p]))
            stock_end[:, k] = self._on_hand
        self._day = d0 + ndays
        status = np.where(sold, _SOLD, np.where(expired, _EXPIRED, _STOCKOUT)).astype(np.int8)
        self._chunks.append(self._money(day_l + d0, prod, chan, qty, method, status,
                                        returned & sold, restock & sold, u[4], u[5]))
        self._day_chunks.append({"visits": visits, "clicks": clicks, "ad": ad,
                                 "stock": stock_end})

    def _money(self, day: np.ndarray, prod: np.ndarray, chan: np.ndarray, qty: np.ndarray,
               method: np.ndarray, status: np.ndarray, returned: np.ndarray,
               restock: np.ndarray, u_repeat: np.ndarray, u_pick: np.ndarray
               ) -> dict[str, np.ndarray]:
        """Every peso of each order, in whole centavos (zero for orders not served)."""
        sold = status == _SOLD
        units = np.where(sold, qty, 0)
        price = self._price_cents[prod]
        gross = price * units
        net = net_of_rate(gross, self._iva_ppm[chan])
        isr = mul_rate(net, self._isr_ppm[chan])
        ivawh = mul_rate(net, self._ivawh_ppm[chan])
        commission = mul_rate(gross, self._comm_ppm[chan]) + self._fixed_cents[chan] * sold
        pay_fee = mul_rate(gross, self._fee_ppm[method]) + self._pay_fixed[method] * sold
        fee_iva = mul_rate(commission + pay_fee, self._general_ppm)
        settle_amount = gross - isr - ivawh - commission - pay_fee - fee_iva
        settle_day = day + np.where(self._is_market[chan], self._payout[chan],
                                    self._settle[method])
        kg = np.maximum(self._unit_kg[prod], self._unit_vol[prod] / self._divisor[chan]) * units
        free = (self._free_from[chan] >= 0) & (gross >= self._free_from[chan]) & sold
        shipping = np.zeros(len(day), dtype=np.int64)
        for c, table in enumerate(self._ship_table):
            mask = free & (chan == c)
            if mask.any():
                shipping[mask] = _shipping_cents(table, kg[mask])
        ship_iva = mul_rate(shipping, self._general_ppm)
        cogs = self._cost_cents[prod] * units
        # customers: new, or one who bought before (repeat buyers teach lifetime value)
        customer = np.full(len(day), -1, dtype=np.int64)
        served = np.flatnonzero(sold)
        new = u_repeat[served] >= self._repeat[chan[served]]
        base = self._customers
        while True:
            before = base + np.cumsum(new) - new
            orphan = (~new) & (before == 0)
            if not orphan.any():
                break
            new = new | orphan
        ids = np.where(new, before, np.floor(u_pick[served] * np.maximum(before, 1)))
        customer[served] = ids.astype(np.int64)
        new_flag = np.zeros(len(day), dtype=bool)
        new_flag[served] = new
        self._customers = base + int(new.sum())
        return {
            "day": day.astype(np.int64), "product": prod, "channel": chan, "method": method,
            "qty": qty.astype(np.int64), "units": units.astype(np.int64), "status": status,
            "price": price, "gross": gross, "net": net, "iva": gross - net, "isr": isr,
            "ivawh": ivawh, "commission": commission, "pay_fee": pay_fee, "fee_iva": fee_iva,
            "settle": settle_amount, "settle_day": settle_day.astype(np.int64),
            "shipping": shipping, "ship_iva": ship_iva, "cogs": cogs,
            "returned": returned, "restock": restock,
            "return_day": (day + self._rdays[prod]).astype(np.int64),
            "customer": customer, "new_customer": new_flag,
        }

    # -- what happened ---------------------------------------------------------------
    def _events(self) -> dict[str, np.ndarray]:
        """All orders so far as one dict of arrays (cached until the next run)."""
        if "events" not in self._cache:
            if self._chunks:
                if len(self._chunks) > 1:  # keep one compacted chunk for the next time
                    keys = self._chunks[0].keys()
                    self._chunks = [{k: np.concatenate([c[k] for c in self._chunks])
                                     for k in keys}]
                self._cache["events"] = self._chunks[0]
            else:
                self._cache["events"] = self._money(*(np.zeros(0, dtype=np.int64),) * 5,
                                                    np.zeros(0, dtype=np.int8),
                                                    *(np.zeros(0, dtype=bool),) * 2,
                                                    np.zeros(0), np.zeros(0))
        return self._cache["events"]

    def _days_arrays(self) -> dict[str, np.ndarray]:
        if "days" not in self._cache:
            chunks = self._day_chunks
            if len(chunks) > 1:
                self._day_chunks = [{k: np.concatenate([c[k] for c in chunks], axis=1)
                                     for k in chunks[0]}]
            self._cache["days"] = (self._day_chunks[0] if self._day_chunks else {
                k: np.zeros((self._P if k == "stock" else self._C, 0), dtype=np.int64)
                for k in ("visits", "clicks", "ad", "stock")})
        return self._cache["days"]

    def purchases_table(self) -> pd.DataFrame:
        """Restock orders: day placed, day of arrival, SKU, units, cost (centavos, no IVA).

        >>> simulate(days=7, seed=0).purchases_table().columns.tolist()
        ['ordered', 'arrives', 'sku', 'units', 'cost_cents', 'input_iva_cents', 'arrived']
        """
        buys = np.array(self._buys, dtype=np.int64).reshape(-1, 4)
        cost = self._cost_cents[buys[:, 2]] * buys[:, 3]
        start = np.datetime64(self.start, "D")
        return pd.DataFrame({
            "ordered": start + buys[:, 0], "arrives": start + buys[:, 1],
            "sku": np.array(self.catalog.skus, dtype=object)[buys[:, 2]],
            "units": buys[:, 3], "cost_cents": cost,
            "input_iva_cents": mul_rate(cost, self._general_ppm),
            "arrived": buys[:, 1] < self._day})

    def _purchase_arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        buys = np.array(self._buys, dtype=np.int64).reshape(-1, 4)
        arrived = buys[:, 1] < self._day
        cost = self._cost_cents[buys[:, 2]] * buys[:, 3]
        return buys[arrived, 1], cost[arrived], mul_rate(cost[arrived], self._general_ppm)

    @property
    def orders(self) -> pd.DataFrame:
        """One row per order (served or lost), money in whole centavos (``*_cents``).

        A return or a settlement after the last simulated day has not happened yet: its
        ``returned`` is False and ``settled`` is False.

        >>> orders = simulate(days=7, seed=0).orders
        >>> orders[["channel", "sku", "status", "gross_cents"]].dtypes.astype(str).tolist()
        ['category', 'category', 'category', 'int64']
        """
        if "orders" not in self._cache:
            self._cache["orders"] = self._orders_frame()
        return self._cache["orders"]

    def _orders_frame(self) -> pd.DataFrame:
        ev = self._events()
        start = np.datetime64(self.start, "D")
        happened = ev["returned"] & (ev["return_day"] < self._day)
        restocked = happened & ev["restock"]
        contribution = (ev["net"] - ev["cogs"] - ev["commission"] - ev["pay_fee"]
                        - ev["shipping"]
                        - np.where(happened, ev["net"] - self._cost_cents[ev["product"]]
                                   * ev["units"] * restocked, 0))
        status = pd.Categorical.from_codes(ev["status"].astype(np.int64), categories=STATUSES)
        return pd.DataFrame({
            "order_id": np.arange(1, len(ev["day"]) + 1),
            "date": start + ev["day"],
            "channel": pd.Categorical.from_codes(ev["channel"], categories=self.channel_codes),
            "sku": pd.Categorical.from_codes(ev["product"], categories=self.catalog.skus),
            "units": ev["qty"],
            "payment": pd.Categorical.from_codes(ev["method"], categories=self.method_codes),
            "status": status,
            "unit_price_cents": ev["price"],
            "gross_cents": ev["gross"],
            "sales_cents": ev["net"],
            "iva_cents": ev["iva"],
            "isr_withheld_cents": ev["isr"],
            "iva_withheld_cents": ev["ivawh"],
            "commission_cents": ev["commission"],
            "payment_fee_cents": ev["pay_fee"],
            "fees_iva_cents": ev["fee_iva"],
            "shipping_cents": ev["shipping"],
            "cogs_cents": ev["cogs"],
            "contribution_cents": contribution,
            "settle_date": start + ev["settle_day"],
            "settled": (ev["status"] == _SOLD) & (ev["settle_day"] < self._day),
            "returned": happened,
            "return_date": np.where(happened, start + ev["return_day"],
                                    np.datetime64("NaT", "D")),
            "restocked": restocked,
            "customer_id": ev["customer"],
            "new_customer": ev["new_customer"],
        })

    def cash_arrays(self) -> dict[str, np.ndarray]:
        """Money in and out of the bank per simulated day, in centavos (the simulation's own
        cash book, computed apart from the ledger so the two can be reconciled).

        >>> store = simulate(days=7, seed=0)
        >>> sorted(store.cash_arrays())
        ['ads', 'purchases', 'refunds', 'settlements', 'shipping']
        """
        ev = self._events()
        n = self._day
        sold = ev["status"] == _SOLD
        ret = ev["returned"]
        buy_day, buy_cost, buy_iva = self._purchase_arrays()
        return {
            "settlements": day_sum(ev["settle_day"][sold], ev["settle"][sold], n),
            "refunds": day_sum(ev["return_day"][ret],
                               (ev["gross"] - ev["isr"] - ev["ivawh"])[ret], n),
            "ads": self._days_arrays()["ad"].sum(axis=0),
            "purchases": day_sum(buy_day, buy_cost + buy_iva, n),
            "shipping": day_sum(ev["day"], ev["shipping"] + ev["ship_iva"], n),
        }

    def bank_balance(self) -> int:
        """The simulated bank balance after the last day, in centavos.

        >>> OnlineStore(opening_cash="1000").bank_balance()   # nothing simulated yet
        100000
        """
        cash = self.cash_arrays()
        return int(self.opening_cash_cents + cash["settlements"].sum() - cash["refunds"].sum()
                   - cash["ads"].sum() - cash["purchases"].sum() - cash["shipping"].sum())

    @property
    def daily(self) -> pd.DataFrame:
        """Daily KPIs: visits, orders, revenue, margin, cash, stock (money in centavos).

        ``margin_cents`` is the day's profit (sales - refunds - cost of sales - fees -
        shipping - advertising); its sum is the income statement's net income.

        >>> simulate(days=7, seed=0).daily.shape
        (7, 21)
        """
        if "daily" not in self._cache:
            self._cache["daily"] = self._daily_frame()
        return self._cache["daily"]

    def _daily_frame(self) -> pd.DataFrame:
        ev = self._events()
        n = self._day
        d = ev["day"]
        sold = ev["status"] == _SOLD
        happened = ev["returned"] & (ev["return_day"] < n)
        rday = ev["return_day"]
        restocked_cost = self._cost_cents[ev["product"]] * ev["units"] * (
            happened & ev["restock"])
        days = self._days_arrays()
        ad_net = net_of_rate(days["ad"], self._general_ppm).sum(axis=0)
        cash = self.cash_arrays()
        bank = self.opening_cash_cents + np.cumsum(
            cash["settlements"] - cash["refunds"] - cash["ads"] - cash["purchases"]
            - cash["shipping"])
        in_transit = np.cumsum(day_sum(d, ev["settle"] * sold, n)
                               - cash["settlements"])
        sales = day_sum(d, ev["net"], n)
        refunds = day_sum(rday[happened], ev["net"][happened], n)
        cogs = day_sum(d, ev["cogs"], n) - day_sum(rday[happened], restocked_cost[happened], n)
        commissions = day_sum(d, ev["commission"], n)
        pay_fees = day_sum(d, ev["pay_fee"], n)
        shipping = day_sum(d, ev["shipping"], n)
        return pd.DataFrame({
            "date": np.datetime64(self.start, "D") + np.arange(n),
            "visits": days["visits"].sum(axis=0),
            "ad_clicks": days["clicks"].sum(axis=0),
            "orders": np.bincount(d[sold], minlength=n),
            "units": np.bincount(d, weights=ev["units"], minlength=n).astype(np.int64),
            "lost_stockout": np.bincount(d[ev["status"] == _STOCKOUT], minlength=n),
            "lost_voucher": np.bincount(d[ev["status"] == _EXPIRED], minlength=n),
            "conversion": np.divide(np.bincount(d[sold], minlength=n),
                                    days["visits"].sum(axis=0).clip(min=1)),
            "new_customers": np.bincount(d[ev["new_customer"]], minlength=n),
            "gross_cents": day_sum(d, ev["gross"], n),
            "sales_cents": sales,
            "refunds_cents": refunds,
            "cogs_cents": cogs,
            "commissions_cents": commissions,
            "payment_fees_cents": pay_fees,
            "shipping_cents": shipping,
            "ads_cents": ad_net,
            "margin_cents": sales - refunds - cogs - commissions - pay_fees - shipping - ad_net,
            "cash_cents": bank,
            "in_transit_cents": in_transit,
            "stock_units": days["stock"].sum(axis=0),
        })

    def stock_check(self) -> dict[str, int]:
        """Units in and out: ``opening + received + returned_to_stock == sold + on_hand``.

        >>> check = simulate(days=60, seed=2).stock_check()
        >>> check["opening"] + check["received"] + check["returned_to_stock"] == (
        ...     check["sold"] + check["on_hand"])
        True
        """
        ev = self._events()
        buys = np.array(self._buys, dtype=np.int64).reshape(-1, 4)
        back = ev["restock"] & (ev["return_day"] < self._day)
        return {
            "opening": int(self._opening_units.sum()),
            "received": int(buys[buys[:, 1] < self._day, 3].sum()),
            "returned_to_stock": int(ev["units"][back].sum()),
            "sold": int(ev["units"].sum()),
            "on_hand": int(self._on_hand.sum()),
        }

    def stock_history(self) -> pd.DataFrame:
        """Units on hand of each SKU at the end of every simulated day.

        >>> int(simulate(days=30, seed=0).stock_history().to_numpy().min()) >= 0
        True
        """
        return pd.DataFrame(self._days_arrays()["stock"].T, columns=list(self.catalog.skus),
                            index=pd.Index(np.datetime64(self.start, "D")
                                           + np.arange(self._day), name="date"))

    @property
    def on_hand(self) -> dict[str, int]:
        """Units on hand of each SKU now.

        >>> OnlineStore().on_hand["REBOZO"]
        40
        """
        return dict(zip(self.catalog.skus, (int(v) for v in self._on_hand), strict=True))

    def summary(self) -> dict[str, int | float]:
        """Totals so far (money in centavos): orders, sales, profit, cash, lost orders...

        >>> s = simulate(days=14, seed=0).summary()
        >>> s["profit_cents"] == int(simulate(days=14, seed=0).daily["margin_cents"].sum())
        True
        """
        ev = self._events()
        sold = ev["status"] == _SOLD
        n = int(sold.sum())
        happened = ev["returned"] & (ev["return_day"] < self._day)
        restocked = happened & ev["restock"]
        days = self._days_arrays()
        ad_gross = int(days["ad"].sum())
        ad_net = int(net_of_rate(days["ad"], self._general_ppm).sum())
        profit = int((ev["net"] - ev["cogs"] - ev["commission"] - ev["pay_fee"]
                      - ev["shipping"]).sum()
                     - (ev["net"][happened]).sum()
                     + (self._cost_cents[ev["product"]] * ev["units"])[restocked].sum()
                     - ad_net)
        return {
            "orders": n,
            "units": int(ev["units"].sum()),
            "visits": int(days["visits"].sum()),
            "sales_cents": int(ev["net"].sum()),
            "refunds_cents": int(ev["net"][happened].sum()),
            "ads_paid_cents": ad_gross,
            "profit_cents": profit,
            "cash_cents": self.bank_balance(),
            "lost_stockout": int((ev["status"] == _STOCKOUT).sum()),
            "lost_voucher": int((ev["status"] == _EXPIRED).sum()),
            "new_customers": int(ev["new_customer"].sum()),
            "return_rate": float(happened.sum() / n) if n else 0.0,
            "stock_units": int(self._on_hand.sum()),
        }

    # -- the books --------------------------------------------------------------------
    def postings(self) -> pd.DataFrame:
        """The simulated events as ledger postings (see :func:`mipyme.store.books.postings`).

        >>> int(simulate(days=7, seed=0).postings()["amount_cents"].sum())
        0
        """
        from mipyme.store.books import postings

        return postings(self)

    @property
    def journal(self):
        """The finance engine's journal for the simulated period (built once, cached).

        >>> simulate(days=7, seed=0).journal.is_valid
        True
        """
        if "journal" not in self._cache:
            from mipyme.store.books import books

            self._cache["journal"] = books(self)
        return self._cache["journal"]

    def statements(self, lang: str | None = None) -> dict[str, pd.DataFrame]:
        """Income statement, balance sheet and cash flow of the simulated period.

        >>> sorted(simulate(days=7).statements())
        ['balance_sheet', 'cash_flow', 'income_statement']
        """
        from mipyme.finance import balance_sheet, cash_flow, income_statement

        end = self.start + dt.timedelta(days=self._day - 1)
        return {"income_statement": income_statement(self.journal, self.start, end, lang=lang),
                "balance_sheet": balance_sheet(self.journal, end, lang=lang),
                "cash_flow": cash_flow(self.journal, self.start, end, lang=lang)}


def simulate(days: int = 365, *, seed: int = 0, catalog: Catalog | None = None,
             start: object = "2026-01-01", opening_cash: object = "50000",
             traffic: object = 1, prices: Mapping[str, object] | None = None,
             ad_budget: Mapping[str, object] | None = None, auto_reorder: bool = True,
             limits: Limits | None = None) -> OnlineStore:
    """Simulate a store for ``days`` days and return it (orders, daily KPIs, books).

    The defaults are a small crafts store calibrated to ``shared/domain-notes.md``: a few
    orders a day, the example catalog, no ads. ``traffic`` scales organic visits; ads are
    ``{channel: pesos per week}``.

    >>> store = simulate(days=14, seed=7, ad_budget={"web": 500})
    >>> store.summary()["orders"] == int((store.orders["status"] == "sold").sum())
    True
    >>> simulate(days=14, ad_budget={"web": -5})
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'ad_budget['web']' debe ser cero o más (se recibió -5)
    """
    store = OnlineStore(catalog, seed=seed, start=start, opening_cash=opening_cash,
                        traffic=traffic, auto_reorder=auto_reorder, prices=prices,
                        ad_budget=ad_budget, limits=limits)
    return store.run(days)


#: What :func:`sale_breakdown` returns, in order: the parts of one sale, in pesos.
SALE_PARTS: tuple[str, ...] = (
    "gross", "iva", "sales", "isr_withheld", "iva_withheld", "commission", "payment_fee",
    "fees_iva", "shipping", "cogs", "contribution", "deposited")


@lru_cache(maxsize=8)
def _pricing_store(catalog: Catalog, start: dt.date) -> OnlineStore:
    """A store with no days simulated, to price single sales (setting one up takes ~10 ms)."""
    return OnlineStore(catalog, start=start)


def sale_breakdown(sku: str, channel: str, *, price: object | None = None, units: int = 1,
                   method: str | None = None, catalog: Catalog | None = None,
                   start: object = "2026-01-01") -> dict[str, Decimal | int]:
    """Every peso of one sale, as the simulator counts it (exact pesos, rounded half-up).

    The same arithmetic as an order of :func:`simulate` (it is the simulator's own), for one
    sale chosen by hand: ``units`` of ``sku`` at ``price`` (IVA included; default the list
    price) on ``channel``, paid with ``method`` (on a marketplace its checkout; in the own
    store ``"card"`` unless told). Keys: gross (what the buyer paid), iva, sales (before
    IVA), isr_withheld, iva_withheld, commission, payment_fee, fees_iva (IVA on both fees),
    shipping (before IVA), cogs (cost of the goods), contribution (sales - commission -
    payment fee - shipping - cost), deposited (what reaches the bank) and ``days`` (from the
    sale to the deposit).

    >>> sale = sale_breakdown("REBOZO", "mercado_libre")
    >>> sale["gross"], sale["commission"], sale["contribution"], sale["days"]
    (Decimal('1150.00'), Decimal('177.50'), Decimal('283.88'), 7)
    >>> sale_breakdown("REBOZO", "web", method="marketplace")
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'method' debe ser uno de ('card', 'oxxo', 'spei', 'mercado_pago') (se recibió 'marketplace')
    """
    # a shallow copy of a store set up once: decide() and _money() only rebind its arrays
    store = copy.copy(_pricing_store(catalog if catalog is not None else example_catalog(),
                                     parse_date(start, "start")))
    skus = store.catalog.skus
    if sku not in skus:
        raise InputError("errors.one_of", arg="sku", choices=skus, value=sku)
    chan = store.channel_codes.index(check_channel(channel))
    market = bool(store._is_market[chan])
    allowed = (("marketplace",) if market else
               tuple(m for m in store.method_codes if m != "marketplace"))
    method = method if method is not None else ("marketplace" if market else "card")
    if method not in allowed:
        raise InputError("errors.one_of", arg="method", choices=allowed, value=method)
    units = _positive_int(units, "units")
    if price is not None:
        store.decide(price={sku: price})
    one = np.zeros(1, dtype=np.int64)
    ev = store._money(one, np.array([skus.index(sku)]), np.array([chan]),
                      np.array([units]), np.array([store.method_codes.index(method)]),
                      np.array([_SOLD]), np.zeros(1, dtype=bool), np.zeros(1, dtype=bool),
                      np.ones(1), np.zeros(1))
    cents = {
        "gross": ev["gross"], "iva": ev["iva"], "sales": ev["net"], "isr_withheld": ev["isr"],
        "iva_withheld": ev["ivawh"], "commission": ev["commission"],
        "payment_fee": ev["pay_fee"], "fees_iva": ev["fee_iva"], "shipping": ev["shipping"],
        "cogs": ev["cogs"],
        # as in OnlineStore.orders for a sale that is not returned
        "contribution": (ev["net"] - ev["cogs"] - ev["commission"] - ev["pay_fee"]
                         - ev["shipping"]),
        "deposited": ev["settle"],
    }
    out: dict[str, Decimal | int] = {k: pesos(v[0]) for k, v in cents.items()}
    out["days"] = int(ev["settle_day"][0])
    return out


def show(frame: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """A store table as a student reads it: labels in ``lang``, centavos as pesos (Money).

    Columns the catalog has no label for (e.g. the SKUs of :meth:`OnlineStore.stock_history`)
    keep their name.

    >>> daily = simulate(days=7, seed=0).daily
    >>> show(daily, lang="en").columns[:3].tolist()
    ['date', 'visits', 'ad clicks']
    """
    lang = lang or get_language()
    out = {}
    names = {}
    for code in ("channel", "payment"):
        table = channels() if code == "channel" else payments()
        names[code] = table[f"name_{'en' if lang == 'en' else 'es'}"].to_dict()
    for column in frame.columns:
        values = frame[column]
        key = column
        if column.endswith("_cents"):
            key = column[: -len("_cents")]
            values = [Money.from_cents(v) for v in values]
        elif pd.api.types.is_datetime64_any_dtype(values):
            values = values.dt.date  # a day reads as 2026-01-31, without a clock time
        elif column in names:
            values = values.astype(str).map(names[column])
        elif column == "status":
            values = values.astype(str).map(lambda s: t(f"store.status.{s}", lang))
        label = f"store.col.{key}"
        out[t(label, lang) if label in catalog() else column] = values
    return pd.DataFrame(out, index=frame.index)
