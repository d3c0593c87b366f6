"""Chapter 16's dashboard: two decisions for Lupita's year -> profit, cash and taxes.

Lupita runs an online crafts store (chapter 16). The student chooses how much she spends
on Mercado Libre ads each week and the fixed salary she pays herself, and sees the year's
net income (:func:`mipyme.finance.income_statement`), the cash at each month's end and at
the end of the year (:func:`mipyme.finance.monthly_summary`,
:func:`mipyme.finance.cash_flow`) and the taxes still to pay after what the platforms
withheld (:func:`mipyme.finance.resico_monthly_isr`, :func:`mipyme.finance.iva_payable`,
:func:`mipyme.finance.account_balance`). The year itself comes from the store simulator
(:func:`mipyme.store.simulate`), run once per ad budget and kept with the rent, the
monthly income tax and the IVA (none of which the salary changes), so moving the salary
only rebuilds the books and their reports.

>>> from mipyme.dashboards.finance_year import YearDashboard
>>> board = YearDashboard()
>>> low, high = board.update(salary=12000), board.update(salary=15000)
>>> low["net_income"] == high["net_income"], low["cash_end"] - high["cash_end"]
(True, Money('36000.00', 'MXN'))
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Any, ClassVar

import pandas as pd
from matplotlib.ticker import FuncFormatter, MaxNLocator

from mipyme.dashboards._shared import move_cash_line, move_value_bars
from mipyme.dashboards.base import Control, Dashboard
from mipyme.finance import (
    Journal,
    Transaction,
    account_balance,
    add_iva,
    cash_flow,
    credit,
    debit,
    income_statement,
    iva_payable,
    monthly_summary,
    resico_monthly_isr,
)
from mipyme.finance.charts import OKABE_ITO
from mipyme.i18n import t
from mipyme.money import Money, as_decimal, round_money

__all__ = ["YearDashboard", "fixed_costs"]

START, END = "2026-01-01", "2026-12-31"
_THOUSANDS = FuncFormatter(lambda x, _: f"{x:,.0f}")
_BARS = ("net_income", "cash_end", "taxes_left", "salaries")


def _pesos(value: float) -> str:
    """A bar's label: whole pesos, enough for a year (a dollar sign is not a formula)."""
    sign = "-" if value < 0 else ""
    return f"{sign}\\${abs(value):,.0f}"


@lru_cache(maxsize=64)
def _year(seed: int, web_ads: int, ads: int, rent: Decimal) -> dict[str, Any]:
    """What does not depend on the salary, for this ad budget: run once, then kept.

    The simulated year with the rent added (its postings, to rebuild the books fast),
    the RESICO income tax of each month and the IVA and withholding balances.
    """
    from mipyme.store import simulate

    store = simulate(days=365, seed=seed, start=START,
                     ad_budget={"web": web_ads, "mercado_libre": ads})
    books = store.journal  # a fresh simulation: its books are ours to add the rent to
    books.extend(fixed_costs(rent, 0))
    months = monthly_summary(books)
    iva = iva_payable(trasladado=-account_balance(books, "IVA trasladado"),
                      acreditable=account_balance(books, "IVA acreditable"))
    return {
        "postings": books.postings,
        "isr": sum((resico_monthly_isr(i, on=END) for i in months.iloc[:, 1]), Decimal("0")),
        "iva": iva.amount,
        "withheld": account_balance(books, "IVA retenido")
        + account_balance(books, "ISR retenido"),
    }


def fixed_costs(rent: object, salary: object) -> list[Transaction]:
    """What the simulator does not know, as chapter 16 adds it: rent and Lupita's salary.

    The rent is an expense with its IVA; the salary of an individual owner is an owner's
    drawing, not an expense (chapter 13).
    """
    rent = round_money(as_decimal(rent, "rent"))
    salary = round_money(as_decimal(salary, "salary"))
    rows = []
    for month in range(1, 13):
        day = f"2026-{month:02d}-28"
        if rent:
            with_iva = add_iva(rent, on=day)
            rows.append(Transaction(day, t("dash.finch.ch16.txn_rent"), (
                debit("Renta", rent), debit("IVA acreditable", with_iva - rent),
                credit("Bancos", with_iva))))
        if salary:
            rows.append(Transaction(day, t("dash.finch.ch16.txn_salary"), (
                debit("Retiros del dueño", salary), credit("Bancos", salary))))
    return rows


class YearDashboard(Dashboard):
    """Lupita's 2026: Mercado Libre ads and her salary in; profit, cash and taxes out.

    Controls: Lupita's fixed monthly salary (0 to 30,000 pesos) and ads on Mercado Libre
    (pesos a week, IVA included, 0 to 3,000 in steps of 250). ``seed``, ``rent`` (monthly,
    before IVA) and ``web_ads`` (pesos a week on her own website) stay as the notebook
    sets them. With ``warm`` (the default) every ad budget the slider reaches is
    simulated when the dashboard is built.

    Predict, then check: the student predicts the cash at the end of the year.
    """

    prediction_key: ClassVar[str] = "dash.finch.ch16.predict_cash"

    def __init__(self, seed: int = 2026, rent: object = 4000, web_ads: int = 300, *,
                 warm: bool = True, **values: Any) -> None:
        controls = (
            Control("salary", "dash.finch.ch16.salary", "float", 12000.0, 0, 30000, 1000),
            Control("ads", "dash.finch.ch16.ads", "int", 500, 0, 3000, 250),
        )
        self.seed, self.web_ads = int(seed), int(web_ads)
        self.rent = round_money(as_decimal(rent, "rent"))
        super().__init__(controls=controls, values=dict(values))
        if warm:
            # Every year the ads slider can reach, simulated now (about a second), so
            # that each move of a slider only rebuilds the books: under 100 ms.
            ads = self.control("ads")
            for budget in range(int(ads.low), int(ads.high) + 1, int(ads.step)):
                _year(self.seed, self.web_ads, budget, self.rent)

    def compute(self, **v: Any) -> dict[str, Any]:
        year = _year(self.seed, self.web_ads, int(v["ads"]), self.rent)
        books = Journal.from_postings(year["postings"], check=False)
        books.extend(fixed_costs(0, f"{v['salary']:.2f}"))
        income = income_statement(books, start=START, end=END)
        cash = cash_flow(books, start=START, end=END)
        months = monthly_summary(books)
        isr, iva, withheld = year["isr"], year["iva"], year["withheld"]
        salary = round_money(as_decimal(f"{v['salary']:.2f}", "salary"))
        return {
            "net_income": Money(income.attrs["net_income"]),
            "revenue": Money(income.attrs["revenue"]),
            "cash_end": Money(cash.attrs["cash_end"]),
            "cash": pd.Series([float(c) for c in months.iloc[:, 4]],
                              index=[int(m[-2:]) for m in months.iloc[:, 0]]),
            "lowest_cash": Money(min(months.iloc[:, 4])),
            "isr": Money(isr), "iva": Money(iva), "withheld": Money(withheld),
            "taxes_left": Money(isr + iva - withheld),
            "salaries": Money(salary * 12),
            "ads": int(v["ads"]),
        }

    # -- display ---------------------------------------------------------------------
    def build(self, figure: Any) -> dict[str, Any]:
        left, right = figure.subplots(1, 2, gridspec_kw={"width_ratios": [1.2, 1]})
        cash = left.plot([], [], color=OKABE_ITO["blue"], marker="o", markersize=4)[0]
        left.axhline(0, color="#444", linewidth=0.8)
        left.set_title(t("dash.finch.ch16.cash_title"), fontsize=9)
        left.set_ylabel(t("dash.finch.pesos"))
        left.set_xlabel(t("dash.finch.ch16.month_axis"))
        left.set_xticks(range(1, 13))
        left.set_xlim(0.5, 12.5)
        left.yaxis.set_major_locator(MaxNLocator(5))
        left.yaxis.set_major_formatter(_THOUSANDS)
        names = [t(f"dash.finch.ch16.bar_{b}") for b in _BARS]
        colours = [OKABE_ITO[c] for c in ("blue", "green", "vermillion", "orange")]
        bars = right.bar(range(len(names)), [0] * len(names), color=colours, width=0.65)
        right.set_xticks(range(len(names)), names, fontsize=7)
        right.axhline(0, color="#444", linewidth=0.8)
        right.yaxis.set_major_locator(MaxNLocator(5))
        right.yaxis.set_major_formatter(_THOUSANDS)
        labels = [right.text(i, 0, "", ha="center", va="bottom", fontsize=7)
                  for i in range(len(names))]
        figure.subplots_adjust(left=0.12, right=0.98, top=0.86, bottom=0.16, wspace=0.3)
        return {"left": left, "right": right, "cash": cash, "below": None,
                "bars": list(bars), "labels": labels}

    def refresh(self, result: dict[str, Any], art: dict[str, Any]) -> None:
        left, right = art["left"], art["right"]
        cash = result["cash"]
        move_cash_line(left, art, cash)
        low, high = min(0.0, float(cash.min())), max(0.0, float(cash.max()))
        room = (high - low) * 0.1 or 1000.0
        left.set_ylim(low - room, high + room)
        values = [float(result[b].amount) for b in _BARS]
        move_value_bars(right, art["bars"], art["labels"], values, [_pesos(v) for v in values])
        right.set_title(t("dash.finch.ch16.bars_title"), fontsize=9)

    def prediction(self, result: dict[str, Any]) -> Decimal:
        """The cash in the bank at the end of the year, in pesos."""
        return result["cash_end"].amount

    def summary(self, result: dict[str, Any]) -> str:
        return t("dash.finch.ch16.summary", revenue=result["revenue"],
                 profit=result["net_income"], cash=result["cash_end"],
                 lowest=result["lowest_cash"], taxes=result["taxes_left"],
                 salaries=result["salaries"])

    def alt_text(self, result: dict[str, Any]) -> str:
        return t("dash.finch.ch16.alt", lowest=result["lowest_cash"], cash=result["cash_end"],
                 profit=result["net_income"], taxes=result["taxes_left"],
                 salaries=result["salaries"])
