"""Posting and reporting a year of daily transactions.

Baseline, measured in the same run: a straightforward pure-Python ledger (a dict of
Decimal balances, one transaction at a time) computing the same balances and net income.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
import pandas as pd

from mipyme.finance import (
    Journal,
    Transaction,
    balance_sheet,
    cash_flow,
    credit,
    debit,
    default_chart,
    income_statement,
    trial_balance,
)
from timing import best_of

PER_DAY = 300  # one posted sale per order: a year of ~110,000 orders, as in the store bench


def year_of_postings(seed: int = 7) -> pd.DataFrame:
    """365 days x PER_DAY transactions of sale (with IVA), cost of the sale and a fee."""
    rng = np.random.default_rng(seed)
    days = pd.date_range("2026-01-01", periods=365, freq="D")
    n = len(days) * PER_DAY
    net = rng.integers(5_000, 300_000, n)  # centavos
    iva = (net * 16 + 50) // 100
    cost = net * 45 // 100
    fee = net * 35 // 1000
    txn = np.arange(n)
    date = np.repeat(days.values, PER_DAY)
    parts = [
        (txn, "1020", net + iva - fee), (txn, "6020", fee), (txn, "4010", -net),
        (txn, "2050", -iva), (txn, "5010", cost), (txn, "1100", -cost),
    ]
    frame = pd.DataFrame({
        "txn": np.concatenate([p[0] for p in parts]),
        "date": np.concatenate([date] * len(parts)),
        "account": np.concatenate([[p[1]] * n for p in parts]),
        "amount_cents": np.concatenate([p[2] for p in parts]).astype(np.int64),
    })
    frame["description"] = "Venta"
    return frame.sort_values(["txn"], kind="stable").reset_index(drop=True)


def naive(frame: pd.DataFrame) -> tuple[dict[str, Decimal], Decimal]:
    """The baseline: one Python loop, Decimal balances in a dict."""
    chart = default_chart()
    balances: dict[str, Decimal] = {}
    for account, cents in zip(frame["account"].tolist(), frame["amount_cents"].tolist(),
                              strict=True):
        code = chart.get(account).code
        balances[code] = balances.get(code, Decimal("0.00")) + Decimal(cents) / 100
    net = -sum((v for k, v in balances.items() if k[0] in "456"), Decimal("0.00"))
    return balances, net


def run():
    frame = year_of_postings()
    n_txn = frame["txn"].nunique()

    def fast():
        books = Journal.from_postings(frame)
        statement = income_statement(books)
        balance_sheet(books)
        cash_flow(books)
        trial_balance(books)
        return statement.attrs["net_income"]

    _, expected = naive(frame)
    if fast() != expected:
        raise RuntimeError(f"fast {fast()} != baseline {expected}")
    t_fast = best_of(fast, repeat=3)
    t_naive = best_of(lambda: naive(frame), repeat=3)
    yield "ledger.year_txns", n_txn, "transactions"
    yield "ledger.post_and_report_year", t_fast, "s"
    yield "ledger.txns_per_s", n_txn / t_fast, "transactions/s"
    yield "ledger.speedup_vs_python_loop", t_naive / t_fast, "x (baseline: dict of Decimal loop)"

    # One transaction at a time through Transaction objects, as a student would type them.
    sample = frame[frame["txn"] < 2000]
    txns = [Transaction(dt.date(2026, 1, 1), "Venta", tuple(
        debit(a, Decimal(c) / 100) if c > 0 else credit(a, Decimal(-c) / 100)
        for a, c in zip(g["account"], g["amount_cents"], strict=True)))
        for _, g in sample.groupby("txn")]
    t_objects = best_of(lambda: Journal(txns).validate(), repeat=3)
    yield "ledger.typed_txns_per_s", len(txns) / t_objects, "transactions/s (Transaction objects)"
