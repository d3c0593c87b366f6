"""Dashboards driven without a browser: inputs in, numbers and figure out."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mipyme.dashboards.finance import FinanceDashboard
from mipyme.errors import InputError
from mipyme.i18n import language


def test_finance_dashboard_numbers_by_hand():
    board = FinanceDashboard()
    result = board.update(price=250, unit_cost=120, fixed_costs=6500, units=60, loan=0)
    # margin 130 per unit; 6,500 / 130 = 50 units; profit 60 x 130 - 6,500 = 1,300
    assert result["break_even_units"] == 50
    assert result["profit"] == Decimal("1300.00")
    assert result["cat"] is None
    assert result["cash"].iloc[-1] == pytest.approx(12 * 1300)


def test_finance_dashboard_loan_drains_cash_before_profit_fills_it():
    board = FinanceDashboard()
    flat = board.update(price=250, unit_cost=120, fixed_costs=6500, units=60, loan=20000,
                        rate=0.72, method="flat")
    declining = board.update(method="declining")
    assert flat["payment"] > declining["payment"]
    assert flat["cat"] > declining["cat"]
    assert flat["lowest_cash"] < declining["lowest_cash"]


def test_moving_a_control_redraws_the_figure_in_the_chosen_language():
    board = FinanceDashboard()
    with language("en"):
        figure = board.render()
        titles = [ax.get_title() for ax in figure.axes]
        assert titles == ["How many units to break even?", "Cash at month end, with the loan"]
        before = figure.axes[0].lines[2].get_xdata()[0]
        board.update(price=400)
        after = board.figure.axes[0].lines[2].get_xdata()[0]
        assert after < before  # a higher price needs fewer units
        assert "break even" in board.figure.alt_text.lower() or "cross" in board.figure.alt_text
        assert "Break-even" in board.summary(board.result)
    board.update(units=100)
    assert "Punto de equilibrio" in board.summary(board.result)


def test_controls_refuse_values_outside_their_range():
    board = FinanceDashboard()
    with language("en"):
        with pytest.raises(InputError, match=r"'units' must be between 0 and 600 \(got 900\)"):
            board.update(units=900)
        with pytest.raises(InputError, match="below 'price'"):
            board.update(price=100, unit_cost=150)
        with pytest.raises(InputError, match="'method' must be one of"):
            board.update(method="monthly")
    assert board.values["units"] == 90  # a refused change leaves the inputs as they were


def test_widget_builds_for_a_notebook():
    board = FinanceDashboard()
    box = board.widget()
    sliders = {c._mipyme_name: c for c in box.children if hasattr(c, "min")}
    assert len(sliders) == 6
    assert next(iter(sliders)) == "loan"  # chapter 14 is about credit: the loan comes first
    sliders["price"].value = 500  # what a student's drag does
    assert board.values["price"] == 500
    assert board.result["price"] == Decimal("500.00")


def test_the_page_receives_an_svg_named_by_its_alt_text():
    board = FinanceDashboard()
    with language("en"):
        svg = board.svg()
    assert svg.lstrip().startswith("<?xml") or "<svg" in svg[:200]
    assert 'role="img"' in svg and "aria-label=\"Left: revenue and total cost cross" in svg
    assert "<title>Left: revenue" in svg
    assert "How many units to break even?" in svg  # text stays text


def test_a_dashboard_drawn_once_starts_over_when_the_language_changes():
    # build() draws the labels once; after a change of language the base class draws them
    # again instead of moving artists whose labels are in the other language.
    from mipyme.dashboards.export_chapters import CustomsDashboard
    from mipyme.i18n import language, t

    board = CustomsDashboard()
    with language("es"):
        board.render()
        assert board.figure.axes[0].get_xlabel() == t("dash.customs.xlabel", lang="es")
        first_axes = board.figure.axes[0]
        board.update(origin="yes")
        assert board.figure.axes[0] is first_axes  # moved, not redrawn
    with language("en"):
        board.update(origin="no")
        assert board.figure.axes[0].get_xlabel() == t("dash.customs.xlabel", lang="en")
        assert board.figure.axes[0] is not first_axes
        assert board.figure.alt_text == board.alt_text(board.result)
