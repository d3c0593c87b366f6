"""The price-ladder waterfall chart and the pro-forma page, in both languages."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mipyme.charts import OKABE_ITO, waterfall
from mipyme.errors import RenamedWarning
from mipyme.export import Product, Shipment, ladder_chart, price_ladder
from mipyme.export.report import waterfall_figure
from mipyme.i18n import language

ON = "2026-01-21"


def mugs(mode="sea"):
    return Shipment(Product("Taza", "talavera", "120", "0.6", ("14", "12", "12")), 200,
                    mode=mode)


def test_ladder_steps_add_up_to_ddp():
    ladder = price_ladder(mugs(), "DE", "EUR", ON)
    assert list(ladder["rule"]) == ["EXW", "FCA", "FAS", "FOB", "CFR", "CIF", "DAP", "DDP"]
    assert sum(ladder["step"]) == ladder["price"].iloc[-1]
    assert all(step >= 0 for step in ladder["step"])


def test_courier_ladder_uses_any_mode_rules():
    ladder = price_ladder(mugs("courier"), "US", "USD", ON)
    assert list(ladder["rule"]) == ["EXW", "FCA", "CPT", "CIP", "DAP", "DDP"]


def test_chart_has_a_bar_per_step_plus_the_total_and_alt_text_in_the_language():
    fig = ladder_chart(mugs(), "US", "USD", ON)
    ax = fig.axes[0]
    assert len(ax.patches) == 8 + 1
    assert ax.get_title() == "Escalera de precios: Taza a Estados Unidos"
    assert fig.alt_text.startswith("Escalera de precios de Taza a Estados Unidos")
    with language("en"):
        fig_en = ladder_chart(mugs(), "US", "USD", ON)
    assert fig_en.alt_text.startswith("Price ladder for Taza to United States")
    assert fig_en.axes[0].get_ylabel() == "price (USD)"


def test_waterfall_colours_are_okabe_ito():
    from matplotlib.colors import to_hex

    fig = waterfall([("EXW", Decimal("100")), ("+ FOB", Decimal("20"))], "t", "Total")
    colours = {to_hex(p.get_facecolor()).upper() for p in fig.axes[0].patches}
    assert colours <= {c.upper() for c in OKABE_ITO.values()}
    tops = [p.get_y() + p.get_height() for p in fig.axes[0].patches]
    assert tops == [100.0, 120.0, 120.0]


def test_the_old_waterfall_name_warns_and_names_the_replacement():
    with pytest.warns(RenamedWarning, match="mipyme.charts.waterfall"):
        fig = waterfall_figure([("EXW", Decimal("100"))], "t", "USD", "Total")
    assert len(fig.axes[0].patches) == 2
