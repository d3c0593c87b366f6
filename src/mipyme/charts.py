"""The kit's one chart toolkit: the palette, how a figure is finished, the waterfall chart.

Every chart of the kit takes its colours from :data:`OKABE_ITO` (eight colours people with
colour-blindness tell apart), ends with :func:`finish` (its alt text, as ``fig.alt_text`` and
as the figure's label, and a tight layout) and, when it shows a total built step by step, is
a :func:`waterfall`. It is on the floor: the finance charts, the export price ladder, the
dashboards and the cohort reports all use it without depending on each other.

>>> from mipyme.charts import OKABE_ITO, waterfall
>>> OKABE_ITO["blue"]
'#0072B2'
>>> fig = waterfall([("ventas", 1000), ("costos", -600)])
>>> fig.alt_text
'Gráfica de cascada: empieza en $1,000.00 MXN y termina en $400.00 MXN (cambios: 1).'
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from mipyme.errors import InputError
from mipyme.i18n import t
from mipyme.money import Money, chart_amount

__all__ = ["OKABE_ITO", "finish", "waterfall"]

#: The Okabe-Ito colour-blind-safe palette, by name, in its usual order.
OKABE_ITO: dict[str, str] = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
}

_UP, _DOWN, _TOTAL = OKABE_ITO["green"], OKABE_ITO["vermillion"], OKABE_ITO["blue"]


def finish(fig: Figure, alt_text: str) -> Figure:
    """Give ``fig`` its alt text (``fig.alt_text`` and its label) and a tight layout."""
    fig.alt_text = alt_text
    fig.set_label(alt_text)
    fig.tight_layout()
    return fig


def waterfall(steps: Sequence[tuple[str, object]], title: str | None = None,
              total_label: str | None = None, *, currency: str = "MXN",
              ylabel: str | None = None) -> Figure:
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
    currency:
        The amounts' currency (their labels and the alt text say it).
    ylabel:
        The axis title (default: pesos, or the currency's code).

    >>> fig = waterfall([("EXW", "100"), ("+ FOB", "20")], total_label="FOB", currency="USD")
    >>> [float(p.get_y() + p.get_height()) for p in fig.axes[0].patches]
    [100.0, 120.0, 120.0]
    >>> waterfall([])
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'len(steps)' debe ser mayor que cero (se recibió 0)
    """
    if len(steps) < 1:
        raise InputError("errors.positive", arg="len(steps)", value=len(steps))
    labels = [str(label) for label, _ in steps]
    amounts = [chart_amount(amount, "steps") for _, amount in steps]
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
    symbol = Money("0", currency).format().split("0")[0].lstrip("-")

    def axis(value: float, _pos: object = None) -> str:
        return f"{symbol}{value:,.0f}"

    fig = Figure(figsize=(max(6, 1.1 * len(labels)), 4))
    ax = fig.subplots()
    positions = list(range(len(labels)))
    bars = ax.bar(positions, heights, bottom=bottoms, color=colours,
                  edgecolor=OKABE_ITO["black"], linewidth=0.5)
    ax.bar_label(bars, labels=[axis(float(a)) for a in [*amounts, total]],
                 label_type="center", fontsize=8)
    ax.axhline(0, color=OKABE_ITO["black"], linewidth=0.8)
    ax.set_xticks(positions, labels, rotation=30, ha="right")
    ax.set_ylabel(ylabel or (t("finance.charts.pesos") if currency == "MXN" else currency))
    ax.yaxis.set_major_formatter(FuncFormatter(axis))
    if title:
        ax.set_title(title)
    alt = t("finance.charts.waterfall_alt", start=Money(amounts[0], currency).format(),
            total=Money(total, currency).format(), changes=len(amounts) - 1)
    return finish(fig, alt)
