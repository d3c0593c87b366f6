"""The finance dashboard: price and costs -> break-even; a loan -> a year of cash.

Computation uses the finance engine (:mod:`mipyme.finance.rules`,
:mod:`mipyme.finance.loans`); the dashboard only gathers inputs and draws.

>>> from mipyme.dashboards.finance import FinanceDashboard
>>> board = FinanceDashboard()
>>> result = board.update(price=250, unit_cost=120, fixed_costs=6500)
>>> result["break_even_units"]
50
>>> board.update(price=100, unit_cost=120)
Traceback (most recent call last):
...
mipyme.errors.InputError: 'unit_cost' debe estar entre 10 y 800 (se recibió 120) y menor que 'price'
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, ClassVar

import numpy as np
import pandas as pd
from matplotlib.dates import DateFormatter, MonthLocator
from matplotlib.ticker import FuncFormatter, MaxNLocator

from mipyme.dashboards._shared import move_cash_line
from mipyme.dashboards.base import Control, Dashboard
from mipyme.errors import InputError
from mipyme.finance.charts import OKABE_ITO
from mipyme.finance.loans import effective_annual_cost, loan_schedule
from mipyme.finance.rules import break_even_units, contribution_margin
from mipyme.i18n import t
from mipyme.money import Money, as_decimal, round_money

__all__ = ["FinanceDashboard"]


def _money(value: float) -> Decimal:
    return round_money(as_decimal(f"{value:.2f}", "value"))


class FinanceDashboard(Dashboard):
    """Break-even and a year of cash with a loan, for a micro-business.

    Controls: loan amount, yearly rate and method (flat, as microcredit often quotes, or
    declining balance, as banks do), paid monthly over 12 months; price, variable cost
    per unit, monthly fixed costs and units sold per month.

    Predict, then check: the student predicts the monthly loan payment
    (:meth:`prediction`), for example for 30,000 pesos at 72% flat over 12 months.
    """

    prediction_key: ClassVar[str] = "dash.finch.ch14.predict_payment"

    def __init__(self, **values: Any) -> None:
        # The loan first: chapter 14 is about credit, and its prediction moves the loan.
        controls = (
            Control("loan", "dash.finch.ch14.loan", "float", 20000.0, 0, 200000, 1000),
            Control("rate", "dash.fin.rate", "float", 0.72, 0.0, 1.5, 0.01),
            Control("method", "dash.fin.method", "choice", "flat", options=("flat", "declining"),
                    option_keys=("dash.fin.flat", "dash.fin.declining")),
            Control("price", "dash.finch.ch14.price", "float", 250.0, 20, 2000, 10),
            Control("unit_cost", "dash.finch.ch14.unit_cost", "float", 120.0, 10, 800, 5),
            Control("fixed_costs", "dash.finch.ch14.fixed_costs", "float", 8000.0, 0, 60000, 500),
            Control("units", "dash.fin.units", "int", 90, 0, 600, 5),
        )
        super().__init__(controls=controls, values=dict(values))

    def update(self, **changes: Any) -> Any:
        price = changes.get("price", self.values["price"])
        cost = changes.get("unit_cost", self.values["unit_cost"])
        if cost >= price:
            control = self.control("unit_cost")
            raise InputError("dash.fin.cost_below_price", low=control.low, high=control.high,
                             value=cost)
        return super().update(**changes)

    def compute(self, **v: Any) -> dict[str, Any]:
        price, unit_cost = _money(v["price"]), _money(v["unit_cost"])
        fixed = _money(v["fixed_costs"])
        margin = contribution_margin(price, unit_cost)
        units = int(v["units"])
        profit = round_money(margin.per_unit * units - fixed)
        start = dt.date(2026, 1, 31)
        months = pd.date_range(start, periods=12, freq="ME")
        payments = [Decimal("0.00")] * 12
        cat = None
        loan = _money(v["loan"])
        if loan > 0:
            schedule = loan_schedule(loan, as_decimal(f"{v['rate']:.4f}", "rate", places=4),
                                     12, frequency="monthly", method=v["method"], start=start)
            payments = list(schedule["payment"])
            cat = effective_annual_cost(schedule)
        cash, balance = [], loan
        for pay in payments:
            balance = balance + profit - pay
            cash.append(balance)
        return {
            "margin": margin,
            "break_even_units": break_even_units(fixed, price, unit_cost),
            "profit": profit,
            "payment": payments[0],
            "cat": cat,
            "cash": pd.Series([float(c) for c in cash], index=months),
            "lowest_cash": min(cash),
            "price": price, "unit_cost": unit_cost, "fixed": fixed, "units": units,
        }

    def build(self, figure: Any) -> dict[str, Any]:
        left, right = figure.subplots(1, 2)
        artists = {
            "left": left, "right": right,
            "revenue": left.plot([], [], color=OKABE_ITO["blue"],
                                 label=t("dash.fin.revenue"))[0],
            "cost": left.plot([], [], color=OKABE_ITO["vermillion"],
                              label=t("dash.fin.total_cost"))[0],
            "break_even": left.axvline(0, color="#444", linestyle="--",
                                       label=t("dash.fin.break_even")),
            "units": left.axvline(0, color=OKABE_ITO["green"], linestyle=":",
                                  label=t("dash.fin.units_now")),
            "cash": right.plot(np.array([], dtype="datetime64[ns]"), [],
                               color=OKABE_ITO["blue"], marker="o")[0],
            "below": None,
        }
        left.set_xlabel(t("dash.fin.units_axis"))
        left.set_ylabel(t("dash.fin.pesos"))
        left.set_title(t("dash.fin.break_even_title"))
        left.legend(fontsize=8, frameon=False, loc="upper left")
        right.axhline(0, color="#444", linewidth=0.8)
        right.set_title(t("dash.fin.cash_title"))
        right.set_ylabel(t("dash.fin.pesos"))
        right.set_xlabel(t("dash.fin.month_axis"))
        right.xaxis.set_major_locator(MonthLocator(interval=2))
        right.xaxis.set_major_formatter(DateFormatter("%m"))
        for ax in (left, right):
            ax.yaxis.set_major_locator(MaxNLocator(5))
            ax.yaxis.set_major_formatter(FuncFormatter(lambda x, _: f"{x:,.0f}"))
        return artists

    def draw(self, result: dict[str, Any], figure: Any) -> None:
        super().draw(result, figure)
        figure.tight_layout()  # once, around the first numbers' tick labels

    def refresh(self, result: dict[str, Any], art: dict[str, Any]) -> None:
        left, right = art["left"], art["right"]
        be = result["break_even_units"]
        top = max(10, 2 * be, result["units"] + 10)
        price, cost, fixed = (float(result["price"]), float(result["unit_cost"]),
                              float(result["fixed"]))
        art["revenue"].set_data([0, top], [0, price * top])
        art["cost"].set_data([0, top], [fixed, fixed + cost * top])
        art["break_even"].set_xdata([be, be])
        art["units"].set_xdata([result["units"], result["units"]])
        move_cash_line(right, art, result["cash"])
        for ax in (left, right):
            ax.relim()
            ax.autoscale_view()
        left.set_xlim(0, top)

    def prediction(self, result: dict[str, Any]) -> Decimal:
        """The monthly loan payment the dashboard shows (the first of the schedule), in pesos."""
        return result["payment"]

    def alt_text(self, result: dict[str, Any]) -> str:
        """The chart in words: where revenue meets cost, and the lowest cash of the year."""
        return t("dash.fin.alt", units=result["break_even_units"],
                 lowest=Money(result["lowest_cash"]))

    def summary(self, result: dict[str, Any]) -> str:
        cat = "-" if result["cat"] is None else f"{float(result['cat']) * 100:.1f}%"
        return t("dash.fin.summary", units=result["break_even_units"],
                 profit=Money(result["profit"]), payment=Money(result["payment"]), cat=cat,
                 lowest=Money(result["lowest_cash"]))
