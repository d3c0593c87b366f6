"""Export quotes per second: a grid of 11 rules x 4 markets x 4 exchange rates.

The baseline calls ``quote()`` once per cell (what a notebook slider would do naively);
``price_grid()`` computes each market's cost build-up once per rate and insurance cover
and only re-splits it per rule. Both are measured in the same run; the ratio compares.
"""

from __future__ import annotations

import warnings

from mipyme.export import FX_SCENARIOS, RULES, Product, Shipment, price_grid, quote
from mipyme.money import default_rates
from timing import best_of

ON = "2026-01-21"
MARKETS = ("US", "CA", "DE", "MX")


def _shipment() -> Shipment:
    mugs = Product("Taza de Talavera", "talavera", "120", "0.6", ("14", "12", "12"))
    return Shipment(mugs, 200, mode="sea")


def run():
    warnings.simplefilter("ignore")
    ship = _shipment()
    base = default_rates()
    cells = len(RULES) * len(MARKETS) * len(FX_SCENARIOS)

    def loop():
        for rate in FX_SCENARIOS:
            table = base.with_rate("USD", ON, rate)
            for market in MARKETS:
                for rule in RULES:
                    quote(ship, rule, market, "USD", ON, table)

    def grid():
        price_grid(ship, RULES, MARKETS, FX_SCENARIOS, "USD", ON, base)

    loop_s = best_of(loop, repeat=3)
    grid_s = best_of(grid, repeat=3)
    yield ("export_quotes_per_s_loop", cells / loop_s, "quotes/s")
    yield ("export_quotes_per_s_grid", cells / grid_s, "quotes/s")
    yield ("export_grid_speedup_vs_loop", loop_s / grid_s, "x")
    yield ("export_grid_176_cells_ms", grid_s * 1000, "ms")
