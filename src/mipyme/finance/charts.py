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

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from mipyme.errors import InputError
from mipyme.finance.rules import break_even_units
from mipyme.i18n import t
from mipyme.money import Money, as_decimal, count_arg, round_money
from mipyme.palette import OKABE_ITO  # the one palette of the kit, on the floor

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


def _finish(fig: Figure, alt_text: str) -> Figure:
    fig.alt_text = alt_text
    fig.set_label(alt_text)
    fig.tight_layout()
    return fig


def _as_money(value: object, arg: str) -> Decimal:
    """Chart input as pesos: Money, Decimal, text, or any float (rounded to centavos)."""
    if isinstance(value, Money):
        return value.amount
    if isinstance(value, (float, np.floating)):
        value = as_decimal(repr(float(value)), arg)
    return round_money(as_decimal(value, arg, places=10))


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
    amounts = [_as_money(v, "series") for v in series]
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
    return _finish(fig, alt)


def waterfall_chart(steps: Sequence[tuple[str, object]], title: str | None = None,
                    total_label: str | None = None) -> Figure:
    """A waterfall: a starting bar, then each change up or down, then the total.

    ``steps[0]`` is the starting amount (a full bar from zero); every later step is a
    change (green up, vermillion down) drawn from where the previous one ended; a last
    bar shows the total. Good for an income statement (sales, minus costs, ... = profit)
    or an export price ladder (EXW, + freight, + insurance, ... = CIF).

    Parameters
    ----------
    steps:
        ``(label, amount)`` pairs; labels are shown as given (translate them first).
    title:
        Chart title (default none).
    total_label:
        Name of the last bar (default: the catalog's "total").

    Examples
    --------
    Sales of 1,000, costs of 600 and other income of 50 leave 450:

    >>> fig = waterfall_chart([("ventas", "1000"), ("costos", "-600"), ("otros", "50")])
    >>> len(fig.axes[0].patches)
    4
    >>> [tick.get_text() for tick in fig.axes[0].get_xticklabels()]
    ['ventas', 'costos', 'otros', 'total']
    """
    if len(steps) < 1:
        raise InputError("errors.positive", arg="len(steps)", value=len(steps))
    labels = [str(label) for label, _ in steps]
    amounts = [_as_money(amount, "steps") for _, amount in steps]
    total = sum(amounts, Decimal("0.00"))
    bottoms, heights, colours = [0.0], [float(amounts[0])], [_TOTAL]
    running = amounts[0]
    for change in amounts[1:]:
        bottoms.append(float(running))
        heights.append(float(change))
        colours.append(_UP if change >= 0 else _DOWN)
        running += change
    bottoms.append(0.0)
    heights.append(float(total))
    colours.append(_TOTAL)
    labels.append(total_label or t("finance.charts.total"))
    fig = Figure(figsize=(max(6, 1.1 * len(labels)), 4))
    ax = fig.subplots()
    positions = list(range(len(labels)))
    bars = ax.bar(positions, heights, bottom=bottoms, color=colours,
                  edgecolor=OKABE_ITO["black"], linewidth=0.5)
    ax.bar_label(bars, labels=[_pesos(float(a)) for a in [*amounts, total]],
                 label_type="center", fontsize=8)
    ax.axhline(0, color=OKABE_ITO["black"], linewidth=0.8)
    ax.set_xticks(positions, labels, rotation=30, ha="right")
    ax.set_ylabel(t("finance.charts.pesos"))
    ax.yaxis.set_major_formatter(FuncFormatter(_pesos))
    if title:
        ax.set_title(title)
    alt = t("finance.charts.waterfall_alt", start=_money_text(amounts[0]),
            total=_money_text(total), changes=len(amounts) - 1)
    return _finish(fig, alt)


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
    fixed = _as_money(fixed_costs, "fixed_costs")
    p, c = _as_money(price, "price"), _as_money(unit_variable_cost, "unit_variable_cost")
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
    return _finish(fig, alt)
