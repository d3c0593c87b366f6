"""Standard finance charts: cash balance, waterfall and break-even.

Every function returns a :class:`matplotlib.figure.Figure` (built without ``pyplot``, so
nothing global is left open; Jupyter shows it when it is the last line of a cell).
Colours come from the Okabe-Ito palette, which people with colour-blindness can tell
apart; labels come from the i18n catalog in the language in use.

Alt text: each figure carries a one-sentence description of what it shows, in the
language in use, as ``fig.alt_text``; the same sentence is also the figure's label
(``fig.get_label()``). Use it as the ``alt`` of the image when a chart is exported to a
web page or a book.

>>> from mipyme.finance.charts import waterfall_chart
>>> fig = waterfall_chart([("ventas", 1000), ("costos", -600)])
>>> fig.alt_text
'Gráfica de cascada: empieza en $1,000.00 MXN y termina en $400.00 MXN (cambios: 1).'
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from mipyme.charts import OKABE_ITO, finish, waterfall  # the kit's one chart toolkit
from mipyme.errors import InputError
from mipyme.finance.rules import break_even_units
from mipyme.i18n import t
from mipyme.money import Money, chart_amount, count_arg

__all__ = [
    "OKABE_ITO",
    "break_even_chart",
    "cash_balance_chart",
    "waterfall_chart",
]

_UP, _DOWN, _TOTAL = OKABE_ITO["green"], OKABE_ITO["vermillion"], OKABE_ITO["blue"]


def _pesos(value: float, _pos: object = None) -> str:
    return f"${value:,.0f}"


def _money_text(value: Decimal) -> str:
    return Money(value).format()


def cash_balance_chart(series: pd.Series, title: str | None = None) -> Figure:
    """A line of the cash balance over time, with the zero line and the days below it.

    Parameters
    ----------
    series:
        Balance indexed by date; values Decimal, Money or float.
    title:
        Chart title (default: the catalog's "cash balance").

    Examples
    --------
    >>> s = pd.Series([1500, 200, -300, 900],
    ...               index=pd.to_datetime(["2026-03-01", "2026-03-08", "2026-03-15",
    ...                                     "2026-03-22"]))
    >>> fig = cash_balance_chart(s)
    >>> len(fig.axes[0].lines)
    2
    >>> fig.alt_text
    'Saldo de caja del 2026-03-01 al 2026-03-22: el más bajo es -$300.00 MXN (2026-03-15) y el último es $900.00 MXN.'
    """
    if not isinstance(series, pd.Series) or series.empty:
        raise InputError("errors.positive", arg="len(series)",
                         value=len(series) if isinstance(series, pd.Series) else series)
    amounts = [chart_amount(v, "series") for v in series]
    dates = pd.to_datetime(series.index)
    values = [float(a) for a in amounts]
    fig = Figure(figsize=(8, 4))
    ax = fig.subplots()
    ax.plot(dates, values, color=_TOTAL, marker="o", linewidth=2,
            label=t("finance.charts.balance"))
    ax.axhline(0, color=OKABE_ITO["black"], linewidth=0.8)
    ax.fill_between(dates, values, 0, where=[v < 0 for v in values], color=_DOWN,
                    alpha=0.3, interpolate=True, label=t("finance.charts.below_zero"))
    ax.set_title(title or t("finance.charts.cash_title"))
    ax.set_xlabel(t("finance.charts.date"))
    ax.set_ylabel(t("finance.charts.pesos"))
    ax.yaxis.set_major_formatter(FuncFormatter(_pesos))
    ax.legend(loc="best")
    fig.autofmt_xdate()
    low = min(range(len(amounts)), key=lambda k: amounts[k])
    alt = t("finance.charts.cash_alt", start=dates[0].date(), end=dates[-1].date(),
            low=_money_text(amounts[low]), low_date=dates[low].date(),
            last=_money_text(amounts[-1]))
    return finish(fig, alt)


def waterfall_chart(steps: Sequence[tuple[str, object]], title: str | None = None,
                    total_label: str | None = None) -> Figure:
    """A waterfall in pesos: the kit's one waterfall (:func:`mipyme.charts.waterfall`).

    >>> fig = waterfall_chart([("ventas", "1000"), ("costos", "-600"), ("otros", "50")])
    >>> [tick.get_text() for tick in fig.axes[0].get_xticklabels()]
    ['ventas', 'costos', 'otros', 'total']
    """
    return waterfall(steps, title, total_label)


def break_even_chart(fixed_costs: object, price: object, unit_variable_cost: object,
                     max_units: int | None = None) -> Figure:
    """Revenue and total cost lines against units sold; they cross at the break-even point.

    Three lines (revenue, total cost, fixed costs) and a dashed vertical line at
    :func:`~mipyme.finance.rules.break_even_units`. ``max_units`` defaults to twice the
    break-even units (at least 10).

    >>> fig = break_even_chart("6000", "50", "30")
    >>> len(fig.axes[0].lines)
    4
    >>> fig.axes[0].get_xlabel()
    'unidades vendidas'
    >>> fig.alt_text
    'Punto de equilibrio: con costos fijos de $6,000.00 MXN, precio de $50.00 MXN y costo variable de $30.00 MXN por unidad, hay que vender 300 unidades.'
    """
    units = break_even_units(fixed_costs, price, unit_variable_cost)
    fixed = chart_amount(fixed_costs, "fixed_costs")
    p, c = chart_amount(price, "price"), chart_amount(unit_variable_cost, "unit_variable_cost")
    if max_units is None:
        max_units = max(10, 2 * units)
    max_units = count_arg(max_units, "max_units", minimum=1)
    xs = [0, max_units]
    fig = Figure(figsize=(7, 4))
    ax = fig.subplots()
    ax.plot(xs, [0.0, float(p * max_units)], color=_UP, linewidth=2,
            label=t("finance.charts.revenue"))
    ax.plot(xs, [float(fixed), float(fixed + c * max_units)], color=_DOWN, linewidth=2,
            label=t("finance.charts.total_cost"))
    ax.plot(xs, [float(fixed)] * 2, color=OKABE_ITO["orange"], linestyle=":",
            label=t("finance.charts.fixed_costs"))
    ax.axvline(units, color=OKABE_ITO["black"], linestyle="--", linewidth=1,
               label=t("finance.charts.break_even", units=units))
    ax.set_xlabel(t("finance.charts.units"))
    ax.set_ylabel(t("finance.charts.pesos"))
    ax.yaxis.set_major_formatter(FuncFormatter(_pesos))
    ax.set_title(t("finance.charts.break_even_title"))
    ax.legend(loc="upper left")
    alt = t("finance.charts.break_even_alt", fixed=_money_text(fixed), price=_money_text(p),
            cost=_money_text(c), units=units)
    return finish(fig, alt)
