"""What happened in a simulated store: orders, days, stock, cash, books, as tables.

A base of :class:`~mipyme.store.simulate.OnlineStore`: every view is computed from the
arrays the simulation keeps (whole centavos) and cached until the next :meth:`run`.
:func:`readable` turns any of these tables into one a student reads.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from mipyme.errors import renamed
from mipyme.i18n import get_language, t, texts
from mipyme.money import Money
from mipyme.store.cents import day_sum, net_of_rate
from mipyme.store.channels import channels, payments

__all__ = ["EXPIRED", "SOLD", "STATUSES", "STOCKOUT", "StoreViews", "readable", "show"]

#: Order statuses: served, lost to a stock-out, lost because the OXXO voucher expired; the
#: simulation stores each order's status as its position here.
STATUSES: tuple[str, ...] = ("sold", "stockout", "voucher_expired")
SOLD, STOCKOUT, EXPIRED = 0, 1, 2


class StoreViews:
    """Orders, daily figures, stock, cash and books of the simulated period."""

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
        """Restock orders: day placed, day of arrival, SKU, units, cost (centavos, no IVA) and
        the IVA the supplier charges on it (the product's own rate: 0% on food).

        >>> from mipyme.store import OnlineStore, simulate
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
            "input_iva_cents": self._input_iva(buys[:, 1], buys[:, 2], cost),
            "arrived": buys[:, 1] < self._day})

    def _purchase_arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        buys = np.array(self._buys, dtype=np.int64).reshape(-1, 4)
        arrived = buys[:, 1] < self._day
        cost = self._cost_cents[buys[:, 2]] * buys[:, 3]
        return (buys[arrived, 1], cost[arrived],
                self._input_iva(buys[arrived, 1], buys[arrived, 2], cost[arrived]))

    @property
    def orders(self) -> pd.DataFrame:
        """One row per order (served or lost), money in whole centavos (``*_cents``).

        A return or a settlement after the last simulated day has not happened yet: its
        ``returned`` is False and ``settled`` is False.

        >>> from mipyme.store import OnlineStore, simulate
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
            "settled": (ev["status"] == SOLD) & (ev["settle_day"] < self._day),
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

        >>> from mipyme.store import OnlineStore, simulate
        >>> store = simulate(days=7, seed=0)
        >>> sorted(store.cash_arrays())
        ['ads', 'purchases', 'refunds', 'settlements', 'shipping']
        """
        ev = self._events()
        n = self._day
        sold = ev["status"] == SOLD
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

        >>> from mipyme.store import OnlineStore, simulate
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

        >>> from mipyme.store import OnlineStore, simulate
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
        sold = ev["status"] == SOLD
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
            "lost_stockout": np.bincount(d[ev["status"] == STOCKOUT], minlength=n),
            "lost_voucher": np.bincount(d[ev["status"] == EXPIRED], minlength=n),
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

        >>> from mipyme.store import OnlineStore, simulate
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

        >>> from mipyme.store import OnlineStore, simulate
        >>> int(simulate(days=30, seed=0).stock_history().to_numpy().min()) >= 0
        True
        """
        return pd.DataFrame(self._days_arrays()["stock"].T, columns=list(self.catalog.skus),
                            index=pd.Index(np.datetime64(self.start, "D")
                                           + np.arange(self._day), name="date"))

    @property
    def on_hand(self) -> dict[str, int]:
        """Units on hand of each SKU now.

        >>> from mipyme.store import OnlineStore, simulate
        >>> OnlineStore().on_hand["REBOZO"]
        40
        """
        return dict(zip(self.catalog.skus, (int(v) for v in self._on_hand), strict=True))

    def summary(self) -> dict[str, int | float]:
        """Totals so far (money in centavos): orders, sales, profit, cash, lost orders...

        >>> from mipyme.store import OnlineStore, simulate
        >>> s = simulate(days=14, seed=0).summary()
        >>> s["profit_cents"] == int(simulate(days=14, seed=0).daily["margin_cents"].sum())
        True
        """
        ev = self._events()
        sold = ev["status"] == SOLD
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
            "lost_stockout": int((ev["status"] == STOCKOUT).sum()),
            "lost_voucher": int((ev["status"] == EXPIRED).sum()),
            "new_customers": int(ev["new_customer"].sum()),
            "return_rate": float(happened.sum() / n) if n else 0.0,
            "stock_units": int(self._on_hand.sum()),
        }

    # -- the books --------------------------------------------------------------------
    def postings(self) -> pd.DataFrame:
        """The simulated events as ledger postings (see :func:`mipyme.store.books.postings`).

        >>> from mipyme.store import OnlineStore, simulate
        >>> int(simulate(days=7, seed=0).postings()["amount_cents"].sum())
        0
        """
        from mipyme.store.books import postings

        return postings(self)

    @property
    def journal(self):
        """The finance engine's journal for the simulated period (built once, cached).

        >>> from mipyme.store import OnlineStore, simulate
        >>> simulate(days=7, seed=0).journal.is_valid
        True
        """
        if "journal" not in self._cache:
            from mipyme.store.books import books

            self._cache["journal"] = books(self)
        return self._cache["journal"]

    def statements(self, lang: str | None = None) -> dict[str, pd.DataFrame]:
        """Income statement, balance sheet and cash flow of the simulated period.

        >>> from mipyme.store import OnlineStore, simulate
        >>> sorted(simulate(days=7).statements())
        ['balance_sheet', 'cash_flow', 'income_statement']
        """
        from mipyme.finance import balance_sheet, cash_flow, income_statement

        end = self.start + dt.timedelta(days=self._day - 1)
        return {"income_statement": income_statement(self.journal, self.start, end, lang=lang),
                "balance_sheet": balance_sheet(self.journal, end, lang=lang),
                "cash_flow": cash_flow(self.journal, self.start, end, lang=lang)}


def readable(frame: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """A store table as a student reads it: labels in ``lang``, centavos as pesos (Money).

    Columns the catalog has no label for (e.g. the SKUs of :meth:`OnlineStore.stock_history`)
    keep their name.

    >>> from mipyme.store import OnlineStore, simulate
    >>> daily = simulate(days=7, seed=0).daily
    >>> readable(daily, lang="en").columns[:3].tolist()
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
        out[t(label, lang) if label in texts() else column] = values
    return pd.DataFrame(out, index=frame.index)


def show(frame: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """Renamed: :func:`readable` (``show`` is the notebooks' way to display a table)."""
    renamed("mipyme.store.show", "mipyme.store.readable")
    return readable(frame, lang)
