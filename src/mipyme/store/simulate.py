"""The online store simulator: a Mexican small business selling online, day by day.

Why about 500 lines: the day-by-day engine (decisions, one chunk of days, the money of each
order) reads best in one place; the market (:mod:`~mipyme.store.market`) and the views
(:mod:`~mipyme.store.views`) are apart.

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
(``int64``), rounded half-up like :func:`mipyme.money.round_money`. Defaults come from the
``store_*.csv`` data files, each row with its source or labelled an estimate.

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
from decimal import Decimal
from functools import lru_cache

import numpy as np

from mipyme.errors import InputError, InputTypeError
from mipyme.money import as_decimal, pesos
from mipyme.store.catalog import Catalog, example_catalog
from mipyme.store.cents import (
    mul_rate,
    net_of_rate,
    split_even,
    to_cents,
)
from mipyme.store.channels import check_channel, shipping_cents
from mipyme.store.market import Limits, MarketParameters
from mipyme.store.views import EXPIRED, SOLD, STATUSES, STOCKOUT, StoreViews, readable, show
from mipyme.tables import parse_date

__all__ = ["STATUSES", "Limits", "OnlineStore", "readable", "sale_breakdown", "show", "simulate"]



def _positive_int(value: object, arg: str, low: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise InputTypeError("errors.not_a_number", arg=arg, value=value)
    if value < low:
        raise InputError("errors.positive" if low == 1 else "errors.not_negative", arg=arg,
                         value=value)
    return int(value)


class OnlineStore(MarketParameters, StoreViews):
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
        self._setup_market()
        # the store's state: decisions, stock, what is on its way, what happened
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
        # Six uniform draws per order, always in this order (changing it changes every store
        # of a given seed): how the buyer pays, whether she pays, whether she returns it,
        # whether it goes back to stock, whether she is a repeat customer, and which one.
        (pay_draw, paid_draw, return_draw, restock_draw, repeat_draw,
         customer_draw) = rng.random((6, n))
        method = np.where(self._is_market[chan], self._market_method,
                          np.searchsorted(self._web_cum, pay_draw, side="right").clip(
                              max=len(self._web_cum) - 1))
        expired = paid_draw >= self._pay_rate[method]
        returned = return_draw < self._return_rate[prod] * return_mult[day_l]
        restock = returned & (restock_draw < self._restock_rate[prod])
        # First come, first served: each day, the orders of a product are served in the order
        # they came (shuffled above) while stock lasts. ``cum`` is the running total of units
        # ordered that day for that product, counting every paid order; an order is served
        # only if that total still fits in what was on hand that morning. Once an order does
        # not fit, it and every later order of that product that day are lost to the
        # stock-out (no skipping ahead to a smaller one). Unpaid vouchers take no stock.
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
        status = np.where(sold, SOLD, np.where(expired, EXPIRED, STOCKOUT)).astype(np.int8)
        self._chunks.append(self._money(day_l + d0, prod, chan, qty, method, status,
                                        returned & sold, restock & sold, repeat_draw,
                                        customer_draw))
        self._day_chunks.append({"visits": visits, "clicks": clicks, "ad": ad,
                                 "stock": stock_end})

    def _money(self, day: np.ndarray, prod: np.ndarray, chan: np.ndarray, qty: np.ndarray,
               method: np.ndarray, status: np.ndarray, returned: np.ndarray,
               restock: np.ndarray, repeat_draw: np.ndarray, customer_draw: np.ndarray
               ) -> dict[str, np.ndarray]:
        """Every peso of each order, in whole centavos (zero for orders not served)."""
        sold = status == SOLD
        units = np.where(sold, qty, 0)
        price = self._price_cents[prod]
        gross = price * units
        iva_ppm, isr_ppm, ivawh_share = self._taxes(day, prod, chan)
        net = net_of_rate(gross, iva_ppm)
        iva = gross - net
        isr = mul_rate(net, isr_ppm)  # ISR on the price before IVA (LISR art. 113-A)
        ivawh = mul_rate(iva, ivawh_share)  # a share of the IVA charged (LIVA art. 18-J)
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
                shipping[mask] = shipping_cents(table, kg[mask])
        ship_iva = mul_rate(shipping, self._general_ppm)
        cogs = self._cost_cents[prod] * units
        # customers: new, or one who bought before (repeat buyers teach lifetime value)
        customer = np.full(len(day), -1, dtype=np.int64)
        served = np.flatnonzero(sold)
        new = repeat_draw[served] >= self._repeat[chan[served]]
        base = self._customers
        while True:
            before = base + np.cumsum(new) - new
            orphan = (~new) & (before == 0)
            if not orphan.any():
                break
            new = new | orphan
        ids = np.where(new, before, np.floor(customer_draw[served] * np.maximum(before, 1)))
        customer[served] = ids.astype(np.int64)
        new_flag = np.zeros(len(day), dtype=bool)
        new_flag[served] = new
        self._customers = base + int(new.sum())
        return {
            "day": day.astype(np.int64), "product": prod, "channel": chan, "method": method,
            "qty": qty.astype(np.int64), "units": units.astype(np.int64), "status": status,
            "price": price, "gross": gross, "net": net, "iva": iva, "isr": isr,
            "ivawh": ivawh, "commission": commission, "pay_fee": pay_fee, "fee_iva": fee_iva,
            "settle": settle_amount, "settle_day": settle_day.astype(np.int64),
            "shipping": shipping, "ship_iva": ship_iva, "cogs": cogs,
            "returned": returned, "restock": restock,
            "return_day": (day + self._rdays[prod]).astype(np.int64),
            "customer": customer, "new_customer": new_flag,
        }


def simulate(days: int = 365, *, seed: int = 0, catalog: Catalog | None = None,
             start: object = "2026-01-01", opening_cash: object = "50000",
             traffic: object = 1, prices: Mapping[str, object] | None = None,
             ad_budget: Mapping[str, object] | None = None, auto_reorder: bool = True,
             limits: Limits | None = None) -> OnlineStore:
    """Simulate a store for ``days`` days and return it (orders, daily KPIs, books).

    The defaults are a small crafts store (the ``store_*.csv`` data files): a few
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
    sale to the deposit). ``fees_iva`` leaves the deposit but is not in the contribution: a
    seller registered for IVA credits it (IVA acreditable). The sale is made on ``start``:
    its IVA is the product's (0% on food) and a marketplace withholds the rates in force that
    day (ISR 1% in 2021-2025, 2.5% from 2026; half of the IVA charged).

    >>> coffee = sale_breakdown("CAFE-CHIS", "mercado_libre")
    >>> coffee["iva"], coffee["iva_withheld"], coffee["isr_withheld"]
    (Decimal('0.00'), Decimal('0.00'), Decimal('6.00'))
    >>> sale_breakdown("REBOZO", "mercado_libre", start="2025-12-31")["isr_withheld"]
    Decimal('9.91')

    >>> sale = sale_breakdown("REBOZO", "mercado_libre")
    >>> sale["gross"], sale["commission"], sale["contribution"], sale["days"]
    (Decimal('1150.00'), Decimal('177.50'), Decimal('163.88'), 7)
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
                      np.array([SOLD]), np.zeros(1, dtype=bool), np.zeros(1, dtype=bool),
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
