"""Chapter 13's dashboard: Rosa's sales and drawings -> profit, cash and equity.

Rosa Martínez bottles mezcal in Santiago Matatlán (Mezcal Lluvia de Piedra, chapter 13;
her month is :func:`mipyme.finance.examples.mezcal_month`). The student moves how many
bottles she sells at the fair (paid on the spot), how many the restaurant takes (paid in
30 days) and how much she takes home, and sees the month's net income
(:func:`mipyme.finance.income_statement`), how much the bank changed
(:func:`mipyme.finance.cash_flow`), what customers still owe and her equity at the end of
the month (:func:`mipyme.finance.balance_sheet`). The lesson it shows: profit is not cash,
and money the owner takes home is not an expense.

>>> from mipyme.dashboards.finance_statements import StatementsDashboard
>>> board = StatementsDashboard()
>>> result = board.update(drawings=6000)
>>> result["net_income"], result["equity"]
(Money('5220.00', 'MXN'), Money('29220.00', 'MXN'))
>>> board.update(drawings=10000)["net_income"]
Money('5220.00', 'MXN')
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

from matplotlib.ticker import FuncFormatter, MaxNLocator

from mipyme.dashboards._shared import move_value_bars
from mipyme.dashboards.base import Control, Dashboard
from mipyme.finance import account_balance, balance_sheet, cash_flow, income_statement
from mipyme.finance.charts import OKABE_ITO
from mipyme.finance.examples import mezcal_month
from mipyme.i18n import t
from mipyme.money import Money, as_decimal, round_money

__all__ = ["StatementsDashboard"]

START, END = "2026-03-01", "2026-03-31"
_THOUSANDS = FuncFormatter(lambda x, _: f"{x:,.0f}")


def _plain(text: str) -> str:
    """Text for a chart: a dollar sign is a peso sign here, not the start of a formula."""
    return text.replace("$", r"\$")


class StatementsDashboard(Dashboard):
    """Rosa's month: sales and drawings in, net income, cash and equity out.

    Controls: bottles the restaurant takes (paid in 30 days, 0 to 20), bottles sold at
    the fair (paid on the spot, 0 to 20) and the money Rosa takes home (0 to 20,000
    pesos).

    Predict, then check: the student predicts the month's net income.
    """

    prediction_key: ClassVar[str] = "dash.finch.ch13.predict_profit"

    def __init__(self, **values: Any) -> None:
        controls = (
            Control("restaurant", "dash.finch.ch13.restaurant", "int", 10, 0, 20, 1),
            Control("fair", "dash.finch.ch13.fair", "int", 12, 0, 20, 1),
            Control("drawings", "dash.finch.ch13.drawings", "float", 6000.0, 0, 20000, 500),
        )
        super().__init__(controls=controls, values=dict(values))

    def compute(self, **v: Any) -> dict[str, Any]:
        books = mezcal_month(int(v["fair"]), int(v["restaurant"]), f"{v['drawings']:.2f}")
        income = income_statement(books, start=START, end=END)
        balance = balance_sheet(books, on=END)
        cash = cash_flow(books, start=START, end=END)
        return {
            "books": books,
            "revenue": Money(income.attrs["revenue"]),
            "net_income": Money(income.attrs["net_income"]),
            "cash_change": Money(cash.attrs["net_change"]),
            # The first subtotal of the cash-flow statement: its operating activities.
            "operating_cash": Money(cash[cash.iloc[:, 1] == ""].iloc[0, 3]),
            "cash_end": Money(cash.attrs["cash_end"]),
            "receivable": Money(account_balance(books, "Clientes", on=END)),
            "equity": Money(balance.attrs["equity"]),
            "drawings": Money(round_money(as_decimal(f"{v['drawings']:.2f}", "drawings"))),
            "findings": books.validate(),
        }

    # -- display ---------------------------------------------------------------------
    _BARS = ("net_income", "operating_cash", "receivable", "drawings")

    def build(self, figure: Any) -> dict[str, Any]:
        ax = figure.add_subplot()
        colours = [OKABE_ITO[c] for c in ("blue", "green", "orange", "vermillion")]
        names = [t(f"dash.finch.ch13.bar_{b}") for b in self._BARS]
        bars = ax.bar(range(len(names)), [0] * len(names), color=colours, width=0.6)
        ax.set_xticks(range(len(names)), names, fontsize=8)
        ax.axhline(0, color="#444", linewidth=0.8)
        ax.set_ylabel(t("dash.finch.pesos"))
        ax.yaxis.set_major_locator(MaxNLocator(5))
        ax.yaxis.set_major_formatter(_THOUSANDS)
        labels = [ax.text(i, 0, "", ha="center", va="bottom", fontsize=8)
                  for i in range(len(names))]
        figure.subplots_adjust(left=0.12, right=0.98, top=0.88, bottom=0.14)
        return {"ax": ax, "bars": list(bars), "labels": labels}

    def refresh(self, result: dict[str, Any], art: dict[str, Any]) -> None:
        move_value_bars(art["ax"], art["bars"], art["labels"],
                        [float(result[b].amount) for b in self._BARS],
                        [_plain(result[b].format()).replace(" MXN", "") for b in self._BARS])
        art["ax"].set_title(_plain(t("dash.finch.ch13.title", equity=result["equity"],
                                     cash=result["cash_end"])), fontsize=10)

    def prediction(self, result: dict[str, Any]) -> Decimal:
        """The month's net income (utilidad neta) the dashboard shows, in pesos."""
        return result["net_income"].amount

    def summary(self, result: dict[str, Any]) -> str:
        line = t("dash.finch.ch13.summary", revenue=result["revenue"],
                 profit=result["net_income"], cash=result["operating_cash"],
                 receivable=result["receivable"], drawings=result["drawings"],
                 equity=result["equity"])
        warnings = [f.message for f in result["findings"]]
        if warnings:
            line += " · ⚠ " + " ".join(warnings)
        return line

    def alt_text(self, result: dict[str, Any]) -> str:
        return t("dash.finch.ch13.alt", profit=result["net_income"],
                 cash=result["operating_cash"], receivable=result["receivable"],
                 drawings=result["drawings"], equity=result["equity"])
