"""Finance charts: the right marks, colour-blind-safe colours, catalog labels, alt text."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from mipyme.errors import InputError
from mipyme.finance.charts import (
    OKABE_ITO,
    break_even_chart,
    cash_balance_chart,
    waterfall_chart,
)
from mipyme.i18n import language, t

D = Decimal


def _weeks():
    return pd.Series([D("1500.00"), D("200.50"), D("-300.00"), D("900.00")],
                     index=pd.date_range("2026-03-01", periods=4, freq="7D"))


def test_cash_balance_chart_draws_one_balance_line_and_the_zero_line():
    fig = cash_balance_chart(_weeks())
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert len(ax.lines) == 2
    assert list(ax.lines[0].get_ydata()) == [1500.0, 200.5, -300.0, 900.0]
    assert "-$300.00 MXN" in fig.alt_text and "2026-03-15" in fig.alt_text
    assert fig.get_label() == fig.alt_text


def test_cash_balance_chart_accepts_floats_and_refuses_empty():
    floats = pd.Series([0.1 + 0.2, 10.0], index=pd.date_range("2026-01-01", periods=2))
    assert len(cash_balance_chart(floats).axes[0].lines) == 2
    with pytest.raises(InputError):
        cash_balance_chart(pd.Series([], dtype=float))


def test_cash_labels_follow_the_language():
    es = cash_balance_chart(_weeks())
    with language("en"):
        en = cash_balance_chart(_weeks())
    assert es.axes[0].get_title() == t("finance.charts.cash_title", lang="es")
    assert en.axes[0].get_title() == t("finance.charts.cash_title", lang="en")
    assert es.axes[0].get_title() != en.axes[0].get_title()
    assert es.alt_text != en.alt_text


def test_waterfall_income_statement():
    # Sales 1,000 - cost of sales 600 - rent 250 + other income 50 = 200 profit.
    steps = [("ventas", D("1000")), ("costo de ventas", D("-600")), ("renta", D("-250")),
             ("otros ingresos", D("50"))]
    fig = waterfall_chart(steps, title="Estado de resultados")
    ax = fig.axes[0]
    bars = ax.patches
    assert len(bars) == len(steps) + 1
    # Each change starts where the last one ended: 1000, 400, 150 ... total 200 from 0.
    assert [b.get_y() for b in bars[1:]] == [1000.0, 400.0, 150.0, 0.0]
    assert bars[-1].get_height() == 200.0
    colours = [to_hex(b.get_facecolor()).upper() for b in bars]
    assert colours == [OKABE_ITO["blue"], OKABE_ITO["vermillion"], OKABE_ITO["vermillion"],
                       OKABE_ITO["green"], OKABE_ITO["blue"]]
    assert "$200.00 MXN" in fig.alt_text
    assert ax.get_title() == "Estado de resultados"


def test_waterfall_total_label_from_catalog_or_caller():
    fig = waterfall_chart([("EXW", "100"), ("flete", "20")], total_label="CIF")
    assert [x.get_text() for x in fig.axes[0].get_xticklabels()][-1] == "CIF"
    with language("en"):
        fig = waterfall_chart([("EXW", "100"), ("freight", "20")])
        assert fig.alt_text.startswith("Waterfall chart")
    assert [x.get_text() for x in fig.axes[0].get_xticklabels()][-1] == t(
        "finance.charts.total", lang="en")
    with pytest.raises(InputError):
        waterfall_chart([])


def test_break_even_chart_lines_cross_at_the_break_even_point():
    # 6,000 fixed, price 50, variable 30: 300 units; the x axis goes to 600.
    fig = break_even_chart("6000", "50", "30")
    ax = fig.axes[0]
    revenue, cost, fixed, marker = ax.lines
    assert list(revenue.get_xdata()) == [0, 600]
    assert list(revenue.get_ydata()) == [0.0, 30000.0]
    assert list(cost.get_ydata()) == [6000.0, 24000.0]
    assert list(fixed.get_ydata()) == [6000.0, 6000.0]
    assert list(marker.get_xdata()) == [300, 300]
    # Both lines at 300 units: revenue 300 x 50 = 15,000 = cost 6,000 + 300 x 30.
    def at(line, x):
        (x0, x1), (y0, y1) = line.get_xdata(), line.get_ydata()
        return y0 + (y1 - y0) * (x - x0) / (x1 - x0)

    assert at(revenue, 300) == at(cost, 300) == 15000.0
    assert "300" in fig.alt_text


def test_break_even_labels_differ_by_language_and_come_from_the_catalog():
    es = break_even_chart("6000", "50", "30", max_units=400)
    with language("en"):
        en = break_even_chart("6000", "50", "30", max_units=400)
    assert es.axes[0].get_xlabel() == t("finance.charts.units", lang="es")
    assert en.axes[0].get_xlabel() == t("finance.charts.units", lang="en")
    es_legend = [x.get_text() for x in es.axes[0].get_legend().get_texts()]
    en_legend = [x.get_text() for x in en.axes[0].get_legend().get_texts()]
    assert es_legend[0] == t("finance.charts.revenue", lang="es")
    assert en_legend[0] == t("finance.charts.revenue", lang="en")
    assert es_legend != en_legend
    assert es.alt_text != en.alt_text and en.alt_text.startswith("Break-even")


def test_break_even_chart_refuses_a_losing_price():
    with pytest.raises(InputError) as err:
        break_even_chart("6000", "20", "30")
    assert err.value.key == "finance.rules.price_not_above_cost"
