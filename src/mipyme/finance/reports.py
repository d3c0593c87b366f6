"""Reports as pandas DataFrames, each checking its own identity.

Amounts are exact ``Decimal`` pesos. Each report raises :class:`ReportIdentityError` if
its identity fails (that would be a bug, or books edited behind the journal's back).

>>> import datetime as dt
>>> from mipyme.finance.journal import Journal, Transaction, debit, credit
>>> from mipyme.finance.reports import income_statement, balance_sheet, account_balance
>>> books = Journal([
...     Transaction("2026-01-02", "Aportación", (debit("Bancos", 5000), credit("Capital", 5000))),
...     Transaction("2026-01-03", "Compra de mercancía", (debit("Inventario", 1000),
...                 debit("IVA acreditable", 160), credit("Bancos", 1160))),
...     Transaction("2026-01-10", "Venta", (debit("Bancos", 2320), credit("Ventas", 2000),
...                 credit("IVA trasladado", 320))),
...     Transaction("2026-01-10", "Costo de la venta", (debit("Costo de ventas", 1000),
...                 credit("Inventario", 1000))),
... ])
>>> income_statement(books).attrs["net_income"]
Decimal('1000.00')
>>> account_balance(books, "Bancos")
Decimal('6160.00')
>>> balance_sheet(books).attrs["assets"]
Decimal('6320.00')
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd

from mipyme.finance.accounts import Account
from mipyme.finance.journal import Journal, Posting, Transaction, cents_to_decimal
from mipyme.i18n import t
from mipyme.money import Money
from mipyme.tables import parse_date

__all__ = [
    "CLOSING_REF",
    "ReportIdentityError",
    "account_balance",
    "balance_sheet",
    "cash_flow",
    "close_year",
    "closing_entry",
    "general_ledger",
    "income_statement",
    "monthly_summary",
    "trial_balance",
]

#: The ``ref`` of year-end closing entries; the income statement leaves them out.
CLOSING_REF = "cierre"


class ReportIdentityError(RuntimeError):
    """A report's accounting identity does not hold."""

    def __init__(self, report: str, detail: str) -> None:
        super().__init__(t("ledger.identity_broken", report=report, detail=detail))


def _period(journal: Journal, start: object = None, end: object = None) -> pd.DataFrame:
    frame = journal.postings
    frame = frame[frame["code"] != ""]
    if start is not None:
        frame = frame[frame["date"] >= _day(start, "start")]
    if end is not None:
        frame = frame[frame["date"] <= _day(end, "end")]
    return frame


def _day(value: object, arg: str) -> pd.Timestamp:
    return pd.Timestamp(parse_date(value, arg))


def _balances(frame: pd.DataFrame) -> pd.Series:
    return frame.groupby("code", sort=True, observed=True)["amount_cents"].sum()


def _rows(accounts: list[Account], balances: pd.Series, sign: int, section: str,
          lang: str | None) -> list[dict]:
    rows = []
    for account in accounts:
        cents = int(balances.get(account.code, 0))
        if cents:
            rows.append({"section": section, "code": account.code,
                         "account": account.name(lang), "cents": sign * cents})
    return rows


def _frame(rows: list[dict], lang: str | None) -> pd.DataFrame:
    return pd.DataFrame({
        t("ledger.col.section", lang): [r["section"] for r in rows],
        t("ledger.col.code", lang): [r["code"] for r in rows],
        t("ledger.col.account", lang): [r["account"] for r in rows],
        t("ledger.col.amount", lang): [cents_to_decimal(r["cents"]) for r in rows],
    })


def _total(label_key: str, cents: int, section: str, lang: str | None) -> dict:
    return {"section": section, "code": "", "account": t(label_key, lang), "cents": cents}


def account_balance(journal: Journal, account: str, on: object = None) -> Decimal:
    """The balance of ``account`` on date ``on`` (debit-positive: an asset is positive).

    >>> from mipyme.finance.journal import Journal
    >>> account_balance(Journal(), "Caja")
    Decimal('0.00')
    """
    code = journal.chart.get(account).code
    frame = _period(journal, end=on)
    return cents_to_decimal(int(frame.loc[frame["code"] == code, "amount_cents"].sum()))


def trial_balance(journal: Journal, on: object = None, lang: str | None = None) -> pd.DataFrame:
    """Balanza de comprobación: every account's balance as a debit or a credit.

    The identity: total debits equal total credits.
    """
    balances = _balances(_period(journal, end=on))
    accounts = [a for a in journal.chart if int(balances.get(a.code, 0))]
    cents = np.array([int(balances[a.code]) for a in accounts], dtype=np.int64)
    debit_total, credit_total = int(cents.clip(min=0).sum()), int(-cents.clip(max=0).sum())
    if debit_total != credit_total:
        raise ReportIdentityError("trial_balance", f"{debit_total} != {credit_total} cents")
    frame = pd.DataFrame({
        t("ledger.col.code", lang): [a.code for a in accounts] + [""],
        t("ledger.col.account", lang): [a.name(lang) for a in accounts]
        + [t("ledger.row.total", lang)],
        t("ledger.col.debit", lang): [cents_to_decimal(max(c, 0)) for c in cents]
        + [cents_to_decimal(debit_total)],
        t("ledger.col.credit", lang): [cents_to_decimal(max(-c, 0)) for c in cents]
        + [cents_to_decimal(credit_total)],
    })
    frame.attrs["debits"] = cents_to_decimal(debit_total)
    frame.attrs["credits"] = cents_to_decimal(credit_total)
    return frame


def income_statement(journal: Journal, start: object = None, end: object = None,
                     lang: str | None = None) -> pd.DataFrame:
    """Estado de resultados for the period: income, cost of sales, expenses, net income.

    Income shows credit-positive, costs and expenses debit-positive. ``attrs`` carries
    ``revenue``, ``sales`` (account 4010 alone), ``gross_profit`` and ``net_income``.
    The identity: net income equals minus the sum of every income and expense balance.
    """
    frame = _period(journal, start, end)
    frame = frame[frame["ref"] != CLOSING_REF]
    balances = _balances(frame)
    chart = list(journal.chart)
    income = [a for a in chart if a.type == "income"]
    cost = [a for a in chart if a.type == "expense" and a.code.startswith("5")]
    expenses = [a for a in chart if a.type == "expense" and not a.code.startswith("5")]
    revenue = -sum(int(balances.get(a.code, 0)) for a in income)
    cost_total = sum(int(balances.get(a.code, 0)) for a in cost)
    expense_total = sum(int(balances.get(a.code, 0)) for a in expenses)
    gross = revenue - cost_total
    net = gross - expense_total
    direct = -sum(int(balances.get(a.code, 0)) for a in income + cost + expenses)
    if net != direct:
        raise ReportIdentityError("income_statement", f"{net} != {direct} cents")
    sec_i, sec_c, sec_e = (t("ledger.row.income", lang), t("ledger.row.cost", lang),
                           t("ledger.row.expenses", lang))
    rows = _rows(income, balances, -1, sec_i, lang)
    rows.append(_total("ledger.row.income", revenue, sec_i, lang))
    rows += _rows(cost, balances, 1, sec_c, lang)
    rows.append(_total("ledger.row.gross_profit", gross, sec_c, lang))
    rows += _rows(expenses, balances, 1, sec_e, lang)
    rows.append(_total("ledger.row.expenses", expense_total, sec_e, lang))
    rows.append(_total("ledger.row.net_income", net, "", lang))
    out = _frame(rows, lang)
    out.attrs.update(revenue=cents_to_decimal(revenue),
                     sales=cents_to_decimal(-int(balances.get("4010", 0))),
                     gross_profit=cents_to_decimal(gross), net_income=cents_to_decimal(net))
    return out


def balance_sheet(journal: Journal, on: object = None, lang: str | None = None) -> pd.DataFrame:
    """Balance general on date ``on``: assets = liabilities + equity (checked).

    Income and expenses not yet closed appear as the result of the period in equity.
    """
    balances = _balances(_period(journal, end=on))
    chart = list(journal.chart)
    by_type = {k: [a for a in chart if a.type == k] for k in ("asset", "liability", "equity")}
    assets = sum(int(balances.get(a.code, 0)) for a in by_type["asset"])
    liabilities = -sum(int(balances.get(a.code, 0)) for a in by_type["liability"])
    result = -sum(int(balances.get(a.code, 0)) for a in chart if a.type in ("income", "expense"))
    equity = -sum(int(balances.get(a.code, 0)) for a in by_type["equity"]) + result
    if assets != liabilities + equity:
        raise ReportIdentityError("balance_sheet",
                                  f"assets {assets} != {liabilities} + {equity} cents")
    sec_a, sec_l, sec_e = (t("ledger.row.assets", lang), t("ledger.row.liabilities", lang),
                           t("ledger.row.equity", lang))
    rows = _rows(by_type["asset"], balances, 1, sec_a, lang)
    rows.append(_total("ledger.row.assets", assets, sec_a, lang))
    rows += _rows(by_type["liability"], balances, -1, sec_l, lang)
    rows.append(_total("ledger.row.liabilities", liabilities, sec_l, lang))
    rows += _rows(by_type["equity"], balances, -1, sec_e, lang)
    if result:
        rows.append({"section": sec_e, "code": "", "cents": result,
                     "account": t("ledger.row.current_result", lang)})
    rows.append(_total("ledger.row.equity", equity, sec_e, lang))
    rows.append(_total("ledger.row.liabilities_equity", liabilities + equity, "", lang))
    out = _frame(rows, lang)
    out.attrs.update(assets=cents_to_decimal(assets), liabilities=cents_to_decimal(liabilities),
                     equity=cents_to_decimal(equity), result=cents_to_decimal(result))
    return out


def cash_flow(journal: Journal, start: object = None, end: object = None,
              lang: str | None = None) -> pd.DataFrame:
    """Estado de flujo de efectivo, direct method, for the period.

    Every transaction that moves cash or bank accounts is split by what the money was
    for (its other accounts), grouped in operating, investing and financing sections.
    The identity: the net flow equals the change in cash between the start and the end.
    """
    chart = journal.chart
    cash_codes = set(chart.cash_codes)
    everything = journal.postings[journal.postings["code"] != ""]
    frame = _period(journal, start, end)
    moving = frame.loc[frame["code"].isin(cash_codes), "txn"].unique()
    counter = frame[frame["txn"].isin(moving) & ~frame["code"].isin(cash_codes)]
    by_code = (-counter.groupby("code", observed=True)["amount_cents"].sum()).to_dict()
    cash_all = everything[everything["code"].isin(cash_codes)]
    if start is not None:
        begin = int(cash_all.loc[cash_all["date"] < _day(start, "start"),
                                 "amount_cents"].sum())
    else:
        begin = 0
    finish = int(frame.loc[frame["code"].isin(cash_codes), "amount_cents"].sum()) + begin
    rows: list[dict] = []
    net = 0
    for section in ("operating", "investing", "financing"):
        label = t(f"ledger.row.{section}", lang)
        accounts = [a for a in chart if not a.cash and a.cash_flow == section]
        subtotal = sum(int(by_code.get(a.code, 0)) for a in accounts)
        rows += [{"section": label, "code": a.code, "account": a.name(lang),
                  "cents": int(by_code[a.code])} for a in accounts if by_code.get(a.code)]
        rows.append({"section": label, "code": "", "account": label, "cents": subtotal})
        net += subtotal
    if net != finish - begin:
        raise ReportIdentityError("cash_flow", f"net {net} != {finish} - {begin} cents")
    rows.append(_total("ledger.row.net_change", net, "", lang))
    rows.append(_total("ledger.row.cash_start", begin, "", lang))
    rows.append(_total("ledger.row.cash_end", finish, "", lang))
    out = _frame(rows, lang)
    out.attrs.update(net_change=cents_to_decimal(net), cash_start=cents_to_decimal(begin),
                     cash_end=cents_to_decimal(finish))
    return out


def general_ledger(journal: Journal, account: str, start: object = None, end: object = None,
                   lang: str | None = None) -> pd.DataFrame:
    """Libro mayor of one account: its postings with a running balance on its normal side.

    >>> from mipyme.finance.journal import Journal, Transaction, debit, credit
    >>> books = Journal([Transaction("2026-02-01", "Préstamo",
    ...                              (debit("Bancos", 3000), credit("Préstamos", 3000)))])
    >>> general_ledger(books, "Prestamos", lang="en")["balance"].tolist()
    [Decimal('3000.00')]
    """
    acc = journal.chart.get(account)
    frame = _period(journal, start, end)
    rows = frame[frame["code"] == acc.code]
    opening = 0
    if start is not None:
        before = _period(journal, end=None)
        before = before[(before["code"] == acc.code)
                        & (before["date"] < _day(start, "start"))]
        opening = int(before["amount_cents"].sum())
    sign = 1 if acc.debit_normal else -1
    running = (opening + rows["amount_cents"].cumsum()) * sign
    cents = rows["amount_cents"]
    return pd.DataFrame({
        t("ledger.col.date", lang): rows["date"].dt.date.to_list(),
        t("ledger.col.txn", lang): rows["txn"].to_list(),
        t("ledger.col.description", lang): rows["description"].to_list(),
        t("ledger.col.debit", lang): [cents_to_decimal(max(c, 0)) for c in cents],
        t("ledger.col.credit", lang): [cents_to_decimal(max(-c, 0)) for c in cents],
        t("ledger.col.balance", lang): [cents_to_decimal(c) for c in running],
    })


def monthly_summary(journal: Journal, lang: str | None = None) -> pd.DataFrame:
    """Income, expenses, net income and cash at the end of each month."""
    frame = _period(journal)
    frame = frame[frame["ref"] != CLOSING_REF]
    types = {a.code: a.type for a in journal.chart}
    kind = frame["code"].astype(str).map(types)
    month = frame["date"].dt.to_period("M")
    income = (-frame["amount_cents"].where(kind == "income", 0)).groupby(month).sum()
    expenses = frame["amount_cents"].where(kind == "expense", 0).groupby(month).sum()
    cash = frame["amount_cents"].where(frame["code"].isin(journal.chart.cash_codes), 0)
    cash_end = cash.groupby(month).sum().cumsum()
    months = income.index
    return pd.DataFrame({
        t("ledger.col.month", lang): [str(m) for m in months],
        t("ledger.col.income", lang): [cents_to_decimal(c) for c in income],
        t("ledger.col.expenses", lang): [cents_to_decimal(c) for c in expenses],
        t("ledger.col.net_income", lang): [cents_to_decimal(i - e) for i, e in
                                           zip(income, expenses, strict=True)],
        t("ledger.col.cash_end", lang): [cents_to_decimal(c) for c in cash_end],
    })


def closing_entry(journal: Journal, through: object) -> Transaction:
    """The year-end entry that zeroes income and expenses into retained earnings (3030)."""
    day = parse_date(through, "through")
    frame = _period(journal, end=day)
    balances = _balances(frame)
    postings = []
    total = 0
    for account in journal.chart:
        if account.type in ("income", "expense"):
            cents = int(balances.get(account.code, 0))
            if cents:
                postings.append(Posting(account.code, cents_to_decimal(-cents)))
                total += cents
    postings.append(Posting("3030", cents_to_decimal(total)))
    return Transaction(day, t("ledger.closing", date=day), tuple(postings), CLOSING_REF)


def close_year(journal: Journal, through: object) -> Money:
    """Post the closing entry and close the period; returns the year's net income."""
    entry = closing_entry(journal, through)
    journal.add(entry)
    journal.close_period(through)
    return Money(-entry.postings[-1].amount)
