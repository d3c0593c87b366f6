"""The store's books: every sale, fee, refund, restock and ad peso as ledger postings.

The simulator does not write one transaction per order. It adds the orders up per day and
posts one summary entry per day and kind (like a small business posting its daily sales
report), in whole centavos, through :meth:`mipyme.finance.Journal.from_postings`:

============  ====================================================================
kind          entry (Dr = debit, Cr = credit)
============  ====================================================================
opening       Dr 1020 Bancos, Dr 1100 Inventario / Cr 3010 Capital
sales         Dr 1030 Pagos por liquidar (what will be paid out), Dr 1160 ISR retenido,
              Dr 1170 IVA retenido / Cr 4010 Ventas, Cr 2050 IVA trasladado
fees          Dr 6010 Comisiones, Dr 6020 Comisiones de cobro, Dr 1150 IVA acreditable
              / Cr 1030 (the platform keeps them from the payout)
settlement    Dr 1020 Bancos / Cr 1030 (on the day the money arrives)
shipping      Dr 6030 Envíos, Dr 1150 / Cr 1020 (labels the seller pays: free shipping)
cogs          Dr 5010 Costo de ventas / Cr 1100 Inventario
ads           Dr 6040 Publicidad, Dr 1150 / Cr 1020 (budgets include IVA)
purchases     Dr 1100 Inventario, Dr 1150 / Cr 1020 (paid when the goods arrive)
refunds       Dr 4020 Devoluciones sobre ventas, Dr 2050 / Cr 1160, Cr 1170, Cr 1020
restock       Dr 1100 Inventario / Cr 5010 (returned units that can be sold again)
============  ====================================================================

>>> from mipyme.store import simulate
>>> from mipyme.store.books import postings, reconcile
>>> store = simulate(days=21, seed=4)
>>> frame = postings(store)
>>> bool((frame.groupby("txn")["amount_cents"].sum() == 0).all())
True
>>> reconcile(store)["ok"].all()
np.True_
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from mipyme.finance import Journal, account_balance, income_statement
from mipyme.i18n import t
from mipyme.store.cents import day_sum, net_of_rate

__all__ = ["KINDS", "books", "postings", "reconcile"]

#: The kinds of daily entry, in the order they are posted each day.
KINDS: tuple[str, ...] = ("opening", "sales", "fees", "settlement", "shipping", "cogs", "ads",
                          "purchases", "refunds", "restock")


def _legs(store) -> dict[str, list[tuple[str, np.ndarray]]]:
    """Per kind, the (account, per-day signed centavos) legs; each kind balances by design."""
    ev = store._events()
    n = store.day
    d = ev["day"]
    sold = ev["status"] == 0
    happened = ev["returned"] & (ev["return_day"] < n)
    rd = ev["return_day"][happened]

    def per_day(values: np.ndarray) -> np.ndarray:
        return day_sum(d, values, n)

    def per_return_day(values: np.ndarray) -> np.ndarray:
        return day_sum(rd, values[happened], n)

    zero = np.zeros(n, dtype=np.int64)
    opening_cash = zero.copy()
    opening_cash[0] = store.opening_cash_cents
    opening_stock = zero.copy()
    opening_stock[0] = int((store._opening_units * store._cost_cents).sum())
    gross, net, iva = per_day(ev["gross"]), per_day(ev["net"]), per_day(ev["iva"])
    isr, ivawh = per_day(ev["isr"]), per_day(ev["ivawh"])
    commission, pay_fee, fee_iva = (per_day(ev["commission"]), per_day(ev["pay_fee"]),
                                    per_day(ev["fee_iva"]))
    settled = day_sum(ev["settle_day"][sold], ev["settle"][sold], n)
    shipping, ship_iva = per_day(ev["shipping"]), per_day(ev["ship_iva"])
    ads = store._days_arrays()["ad"]
    ads_net = net_of_rate(ads, store._general_ppm).sum(axis=0)
    ads_iva = ads.sum(axis=0) - ads_net
    buy_day, buy_cost, buy_iva = store._purchase_arrays()
    bought, bought_iva = day_sum(buy_day, buy_cost, n), day_sum(buy_day, buy_iva, n)
    r_net, r_iva = per_return_day(ev["net"]), per_return_day(ev["iva"])
    r_isr, r_ivawh = per_return_day(ev["isr"]), per_return_day(ev["ivawh"])
    r_cost = per_return_day(store._cost_cents[ev["product"]] * ev["units"] * ev["restock"])
    return {
        "opening": [("1020", opening_cash), ("1100", opening_stock),
                    ("3010", -(opening_cash + opening_stock))],
        "sales": [("1030", gross - isr - ivawh), ("1160", isr), ("1170", ivawh),
                  ("4010", -net), ("2050", -iva)],
        "fees": [("6010", commission), ("6020", pay_fee), ("1150", fee_iva),
                 ("1030", -(commission + pay_fee + fee_iva))],
        "settlement": [("1020", settled), ("1030", -settled)],
        "shipping": [("6030", shipping), ("1150", ship_iva), ("1020", -(shipping + ship_iva))],
        "cogs": [("5010", per_day(ev["cogs"])), ("1100", -per_day(ev["cogs"]))],
        "ads": [("6040", ads_net), ("1150", ads_iva), ("1020", -(ads_net + ads_iva))],
        "purchases": [("1100", bought), ("1150", bought_iva), ("1020", -(bought + bought_iva))],
        "refunds": [("4020", r_net), ("2050", r_iva), ("1160", -r_isr), ("1170", -r_ivawh),
                    ("1020", -(r_net + r_iva - r_isr - r_ivawh))],
        "restock": [("1100", r_cost), ("5010", -r_cost)],
    }


def postings(store, lang: str | None = None) -> pd.DataFrame:
    """The simulated period as a postings table for :meth:`Journal.from_postings`.

    Columns ``txn, date, description, account, amount_cents`` (signed centavos, debit > 0),
    one transaction per day and kind that had any money; every transaction sums to zero.

    >>> from mipyme.store import simulate
    >>> frame = postings(simulate(days=7, seed=0), lang="en")
    >>> frame.loc[frame["account"] == "4010", "description"].iloc[0]
    'Online sales of the day'
    """
    if store.day == 0:  # nothing simulated yet: no books
        return pd.DataFrame({"txn": pd.Series(dtype=np.int64),
                             "date": pd.Series(dtype="datetime64[s]"),
                             "description": pd.Series(dtype=object),
                             "account": pd.Series(dtype=object),
                             "amount_cents": pd.Series(dtype=np.int64)})
    legs = _legs(store)
    txn_parts, acct_parts, cents_parts, kind_parts = [], [], [], []
    for k, kind in enumerate(KINDS):
        accounts = [a for a, _ in legs[kind]]
        matrix = np.stack([v for _, v in legs[kind]])  # (legs, days)
        leg_i, day_i = np.nonzero(matrix)
        order = np.lexsort((leg_i, day_i))
        leg_i, day_i = leg_i[order], day_i[order]
        txn_parts.append(day_i * len(KINDS) + k)
        acct_parts.append(np.asarray(accounts, dtype=object)[leg_i])
        cents_parts.append(matrix[leg_i, day_i])
        kind_parts.append(np.full(len(leg_i), k))
    txn = np.concatenate(txn_parts)
    order = np.argsort(txn, kind="stable")
    txn = txn[order]
    kinds = np.concatenate(kind_parts)[order]
    texts = np.array([t(f"store.txn.{kind}", lang) for kind in KINDS], dtype=object)
    frame = pd.DataFrame({
        "txn": txn.astype(np.int64),
        "date": np.datetime64(store.start, "D") + txn // len(KINDS),
        "description": texts[kinds],
        "account": np.concatenate(acct_parts)[order],
        "amount_cents": np.concatenate(cents_parts)[order].astype(np.int64),
    })
    return frame


def books(store, lang: str | None = None) -> Journal:
    """The finance engine's journal of the simulated period (checked on the way in).

    >>> from mipyme.store import simulate
    >>> from mipyme.finance import account_balance
    >>> store = simulate(days=14, seed=0)
    >>> account_balance(books(store), "1020") * 100 == store.bank_balance()
    True
    """
    return Journal.from_postings(postings(store, lang))


def reconcile(store) -> pd.DataFrame:
    """The simulation against its books: each check with both figures and ``ok``.

    Bank balance, payments in transit, sales, refunds and net income must tie to the cent;
    units must be conserved.

    >>> from mipyme.store import simulate
    >>> reconcile(simulate(days=14, seed=1))["check"].tolist()
    ['bank', 'in_transit', 'sales', 'refunds', 'net_income', 'units']
    """
    journal = store.journal
    end = store.start + dt.timedelta(days=store.day - 1)
    orders = store.orders
    daily = store.daily
    statement = income_statement(journal, store.start, end)
    stock = store.stock_check()

    def cents(account: str) -> int:
        return int(account_balance(journal, account) * 100)

    rows = [
        ("bank", store.bank_balance(), cents("1020")),
        ("in_transit", int(daily["in_transit_cents"].iloc[-1]), cents("1030")),
        ("sales", int(orders["sales_cents"].sum()), int(statement.attrs["sales"] * 100)),
        ("refunds", int(orders.loc[orders["returned"], "sales_cents"].sum()), cents("4020")),
        ("net_income", int(daily["margin_cents"].sum()),
         int(statement.attrs["net_income"] * 100)),
        ("units", stock["opening"] + stock["received"] + stock["returned_to_stock"],
         stock["sold"] + stock["on_hand"]),
    ]
    frame = pd.DataFrame(rows, columns=["check", "simulation", "books"])
    frame["ok"] = frame["simulation"] == frame["books"]
    return frame
