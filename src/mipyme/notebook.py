"""Helpers for the chapter notebooks: choose the language once, show results and tables.

A notebook's prose is in its own Markdown cells, in the notebook's language (see
:mod:`mipyme.authoring`). :func:`say` shows the few sentences that carry numbers the
notebook computes, in the language chosen by :func:`setup`.

>>> from mipyme.notebook import setup, text
>>> setup("en")
'en'
>>> text("notebook.language_set")
'Language: English. This notebook also exists in Spanish.'
>>> setup("es")
'es'
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable, Mapping
from typing import Any

from mipyme.i18n import set_language, t

__all__ = ["people_table", "say", "setup", "show", "text"]


def setup(lang: str = "es") -> str:
    """Choose the notebook's language (``"es"`` or ``"en"``) and a readable chart style.

    In a notebook it also turns on inline figures, so a chart the library returns is
    shown under its cell.
    """
    set_language(lang)
    import matplotlib

    try:
        from IPython import get_ipython

        shell = get_ipython()
    except ImportError:  # plain Python: no notebook to draw in
        shell = None
    if shell is not None and hasattr(shell, "kernel"):
        shell.run_line_magic("matplotlib", "inline")

    matplotlib.rcParams.update({"figure.figsize": (7, 3.6), "figure.dpi": 100,
                                "axes.spines.top": False, "axes.spines.right": False})
    return lang


def text(key: str, **params: Any) -> str:
    """The text for ``key`` in the notebook's language."""
    return t(key, **params)


def say(key: str, **params: Any) -> None:
    """Show the prose ``key`` as Markdown in the notebook's language."""
    from IPython.display import Markdown, display

    from mipyme.authoring import escape_dollars

    display(Markdown(escape_dollars(t(key, **params))))


def show(frame: Any, caption_key: str | None = None, *, money: Iterable[str] = (),
         percent: Iterable[str] = (), labels: Mapping[str, str] | None = None,
         missing_key: str = "notebook.table.missing") -> None:
    """Show a table for people, with an optional caption from the catalogue.

    See :func:`people_table` for what is done to the table; in a notebook the result is
    shown as HTML under the cell.
    """
    from IPython.display import HTML, Markdown, display

    if caption_key:
        display(Markdown(f"**{t(caption_key)}**"))
    display(HTML(people_table(frame, money=money, percent=percent, labels=labels,
                              missing_key=missing_key)))


def people_table(frame: Any, *, money: Iterable[str] = (), percent: Iterable[str] = (),
                 labels: Mapping[str, str] | None = None,
                 missing_key: str = "notebook.table.missing") -> str:
    """A table as HTML a person can read: the rules every notebook table follows.

    - No pandas index: a meaningful index (names, dates) becomes the first column; a plain
      row number is dropped.
    - Money (``Money`` values, or the columns named in ``money``) with its symbol in each
      cell and its currency code once, in the column's header.
    - Fractions in the columns named in ``percent`` shown as percentages (0.036 -> 3.6%).
    - Column names in the notebook's language: ``labels`` maps a column to a catalogue key
      (or to the text itself); a column named after a key of the catalogue is translated.
    - Every row and every character shown (long text wraps); a missing value is a dash,
      explained under the table (``missing_key``), never ``NaN`` or ``None``.

    >>> import pandas as pd
    >>> from mipyme.money import Money
    >>> html = people_table(pd.DataFrame({"canal": ["Tienda", "Amazon"],
    ...                                   "precio": [Money("250"), Money("289.5")],
    ...                                   "comisión": [0.0, 0.036],
    ...                                   "nota": [None, "pago a 14 días"]}),
    ...                     percent=["comisión"])
    >>> "precio (MXN)" in html, "$289.50" in html, "3.6%" in html, "NaN" in html
    (True, True, True, False)
    """
    import pandas as pd

    from mipyme.money import Money

    if isinstance(frame, pd.Series):
        frame = frame.to_frame()
    frame = frame.copy()
    if not isinstance(frame.index, pd.RangeIndex) or frame.index.name is not None:
        names = [n if n is not None else "" for n in frame.index.names]
        frame.index.names = names
        frame = frame.reset_index()
    money, percent = set(money), set(percent)
    labels = dict(labels or {})
    missing = False
    header: list[str] = []
    columns: list[list[str]] = []
    for name in frame.columns:
        values = list(frame[name])
        currencies = {v.currency for v in values if isinstance(v, Money)}
        is_money = name in money or bool(currencies)
        label = _label(str(name), labels)
        if is_money:
            if not currencies:
                currencies = {"MXN"}
            if len(currencies) == 1:
                label = f"{label} ({next(iter(currencies))})"
        cells = []
        for value in values:
            if _is_missing(value):
                cells.append("—")
                missing = True
            elif is_money:
                amount = value if isinstance(value, Money) else Money(str(value))
                shown = amount.format()
                if len(currencies) == 1:
                    shown = shown.rsplit(" ", 1)[0]
                cells.append(shown)
            elif name in percent:
                cells.append(_percent(value))
            elif isinstance(value, float):
                cells.append(f"{value:,.2f}")
            elif isinstance(value, (dt.date, pd.Timestamp)):
                cells.append(value.strftime("%Y-%m-%d"))
            elif isinstance(value, int) and not isinstance(value, bool):
                cells.append(f"{value:,}")
            else:
                cells.append(str(value))
        header.append(label)
        columns.append(cells)
    rows = list(zip(*columns, strict=True)) if columns else []
    numeric = [all(_looks_numeric(c) for c in col) for col in columns]
    out = ['<table class="mipyme-table" style="border-collapse:collapse">', "<thead><tr>"]
    out += [f'<th style="text-align:{"right" if n else "left"};white-space:normal">'
            f"{html.escape(h)}</th>" for h, n in zip(header, numeric, strict=True)]
    out.append("</tr></thead><tbody>")
    for row in rows:
        # Numbers and dates never break across lines; text wraps.
        out.append("<tr>" + "".join(
            f'<td style="text-align:{"right" if n else "left"};'
            f'white-space:{"nowrap" if n or _DATE.match(c) else "normal"};'
            f'max-width:28rem">{html.escape(c)}</td>'
            for c, n in zip(row, numeric, strict=True)) + "</tr>")
    out.append("</tbody></table>")
    if missing:
        out.append(f'<p class="mipyme-table-note"><small>{html.escape(t(missing_key))}'
                   "</small></p>")
    return "".join(out)


def _percent(value: Any) -> str:
    """A fraction as a percentage with up to two decimals: 0.0349 -> 3.49%, 0.16 -> 16%."""
    text = f"{float(value) * 100:.2f}".rstrip("0").rstrip(".")
    return f"{text}%"


def _label(name: str, labels: Mapping[str, str]) -> str:
    chosen = labels.get(name, name)
    try:
        return t(chosen)
    except KeyError:
        return chosen


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        import pandas as pd

        return bool(pd.isna(value)) if not isinstance(value, (list, tuple, dict)) else False
    except (TypeError, ValueError):
        return False


def _looks_numeric(cell: str) -> bool:
    return cell == "—" or bool(_NUMERIC.match(cell))


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NUMERIC = re.compile(r"^-?[^\d\s-]{0,3}-?[\d,]+(\.\d+)?%?$")
