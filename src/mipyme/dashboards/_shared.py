"""What several dashboards do alike, written once (view helpers; no numbers computed here).

:func:`checked_values` checks a dashboard's starting values; the ``move_*`` functions move
what two dashboards draw the same way.
"""

from __future__ import annotations

from typing import Any

from mipyme.dashboards.base import Control
from mipyme.errors import InputError
from mipyme.finance.charts import OKABE_ITO

__all__ = ["checked_values", "move_cash_line", "move_value_bars"]


def checked_values(controls: tuple[Control, ...], values: dict[str, Any]) -> dict[str, Any]:
    """Starting values given by name, each checked by its control (an unknown name is refused)."""
    names = {c.name: c for c in controls}
    for name in values:
        if name not in names:
            raise InputError("errors.one_of", arg="control", choices=tuple(names), value=name)
    return {name: names[name].check(value) for name, value in values.items()}


def move_cash_line(ax: Any, art: dict[str, Any], cash: Any) -> None:
    """Move the cash line ``art["cash"]`` to ``cash`` (a Series) and shade, in vermillion,
    the months below zero (``art["below"]``: an area has no data to move, so it is redrawn)."""
    art["cash"].set_data(cash.index, cash.values)
    if art["below"] is not None:
        art["below"].remove()
    art["below"] = ax.fill_between(cash.index, cash.values, 0, where=cash.values < 0,
                                   color=OKABE_ITO["vermillion"], alpha=0.3)


def move_value_bars(ax: Any, bars: list[Any], labels: list[Any], values: list[float],
                    texts: list[str]) -> None:
    """Set upright bars to ``values``, each with its amount above it (below, if negative),
    and the axis to fit them with room for the labels."""
    for i, (bar, label, value, text) in enumerate(zip(bars, labels, values, texts,
                                                      strict=True)):
        bar.set_height(value)
        label.set_position((i, value))
        label.set_va("bottom" if value >= 0 else "top")
        label.set_text(text)
    low, high = min(0.0, *values), max(0.0, *values)
    room = (high - low) * 0.15 or 1000.0
    ax.set_ylim(low - (room if low < 0 else 0), high + room)
