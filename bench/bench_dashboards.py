"""Latency of one dashboard interaction: recompute, redraw and render the SVG a notebook shows.

For each dashboard, 50 interactions (a control moved through its range), p50 and p95 in
milliseconds, and p95 as a ratio of the 100 ms a person feels as instant.
"""

from __future__ import annotations

import importlib
import time

import matplotlib

matplotlib.use("Agg")

from timing import percentiles

TARGET_MS = 100.0
INTERACTIONS = 50

#: (name, module, class, control moved, values it takes in turn)
DASHBOARDS = [
    ("finance", "mipyme.dashboards.finance", "FinanceDashboard", "price",
     [200.0 + 10 * i for i in range(INTERACTIONS)]),
    ("store", "mipyme.dashboards.store", "StoreDashboard", "price_pct",
     [50 + 5 * (i % 30) for i in range(INTERACTIONS)]),
    ("export_quote", "mipyme.dashboards.export", "QuoteBuilderDashboard", "mxn_per_usd",
     [15.0 + 0.25 * (i % 44) for i in range(INTERACTIONS)]),
]


def _interactions(board, control: str, values: list) -> list[float]:
    board.render()
    samples = []
    for value in values:
        start = time.perf_counter()
        board.update(**{control: value})
        board.svg()  # the picture the notebook page receives
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def _sweep(control, count: int) -> list:
    """Values a student could give ``control``, in turn across its whole range."""
    if control.kind == "choice":
        return [control.options[i % len(control.options)] for i in range(count)]
    low, high = control.low, control.high
    values = [low + (high - low) * (i % 25) / 24 for i in range(count)]
    return [round(v) for v in values] if control.kind == "int" else values


def run():
    for name, module, cls, control, values in DASHBOARDS:
        try:
            board = getattr(importlib.import_module(module), cls)()
        except (ImportError, AttributeError):
            continue  # a dashboard not in this checkout
        samples = _interactions(board, control, values)
        p50, p95 = percentiles(samples, 50, 95)
        yield f"dashboard.{name}.p50", p50, "ms"
        yield f"dashboard.{name}.p95", p95, "ms"
        yield f"dashboard.{name}.p95_vs_100ms", p95 / TARGET_MS, "ratio (<= 1 feels instant)"
    # Every chapter's dashboard, as its notebook builds it, its first control moved.
    from mipyme.dashboards import chapter_dashboard, chapter_dashboards

    for chapter in chapter_dashboards():
        board = chapter_dashboard(chapter)
        control = board.controls[0]
        samples = _interactions(board, control.name, _sweep(control, INTERACTIONS))
        p50, p95 = percentiles(samples, 50, 95)
        yield f"dashboard.{chapter}.p50", p50, "ms"
        yield f"dashboard.{chapter}.p95", p95, "ms"
        yield f"dashboard.{chapter}.p95_vs_100ms", p95 / TARGET_MS, "ratio (<= 1 feels instant)"
    yield from _game()


def _game():
    """The classroom game: one interaction is 'next week' for two teams, then the redraw."""
    from mipyme.dashboards.base import figure_svg
    from mipyme.dashboards.game import GameBoard

    board = GameBoard(seed=1, weeks=INTERACTIONS + 1)
    board.render()
    samples = []
    for _ in range(INTERACTIONS):
        start = time.perf_counter()
        board.next_week()
        figure_svg(board.figure)  # the picture the notebook page receives
        samples.append((time.perf_counter() - start) * 1000)
    p50, p95 = percentiles(samples, 50, 95)
    yield "dashboard.game_week.p50", p50, "ms"
    yield "dashboard.game_week.p95", p95, "ms"
    yield "dashboard.game_week.p95_vs_100ms", p95 / TARGET_MS, "ratio (<= 1 feels instant)"
