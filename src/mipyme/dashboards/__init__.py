"""Interactive dashboards for the notebooks (computation apart from display).

Each dashboard's ``update(**changes)`` recomputes and redraws without a browser, which is
what the tests and the benchmarks call; ``widget()`` builds the ipywidgets for a notebook.
Every chapter's notebook has one; :data:`CHAPTER_DASHBOARDS` names it with the arguments the
notebook gives it, so tests and benchmarks build exactly what a student moves.
"""

from __future__ import annotations

import importlib
from typing import Any

from mipyme.dashboards.base import Control, Dashboard
from mipyme.dashboards.export import QuoteBuilderDashboard
from mipyme.dashboards.export_chapters import (
    CustomsDashboard,
    IncotermDashboard,
    MarketplaceDashboard,
)
from mipyme.dashboards.finance import FinanceDashboard
from mipyme.dashboards.finance_journal import JournalDashboard
from mipyme.dashboards.finance_statements import StatementsDashboard
from mipyme.dashboards.finance_taxes import TaxDashboard
from mipyme.dashboards.finance_year import YearDashboard
from mipyme.dashboards.game import GameBoard
from mipyme.dashboards.store import StoreDashboard
from mipyme.dashboards.store_chapters import (
    ChannelSaleDashboard,
    MarginDashboard,
    ReorderDashboard,
    SettlementDashboard,
    StoreMonthDashboard,
)

__all__ = [
    "CHAPTER_DASHBOARDS",
    "ChannelSaleDashboard",
    "Control",
    "CustomsDashboard",
    "Dashboard",
    "FinanceDashboard",
    "GameBoard",
    "IncotermDashboard",
    "JournalDashboard",
    "MarginDashboard",
    "MarketplaceDashboard",
    "QuoteBuilderDashboard",
    "ReorderDashboard",
    "SettlementDashboard",
    "StatementsDashboard",
    "StoreDashboard",
    "StoreMonthDashboard",
    "TaxDashboard",
    "YearDashboard",
    "chapter_dashboard",
    "chapter_dashboards",
]

#: chapter id -> ("module:Class", the keyword arguments its notebook passes).
CHAPTER_DASHBOARDS: dict[str, tuple[str, dict[str, Any]]] = {
    "ch01": ("mipyme.dashboards.store_chapters:StoreMonthDashboard", {"sku": "TAZA-TALAV"}),
    "ch02": ("mipyme.dashboards.store_chapters:ChannelSaleDashboard", {"sku": "REBOZO"}),
    "ch03": ("mipyme.dashboards.store:StoreDashboard", {"seed": 2026, "days": 90}),
    "ch04": ("mipyme.dashboards.store_chapters:SettlementDashboard", {"sku": "CAFE-CHIS"}),
    "ch05": ("mipyme.dashboards.store_chapters:ReorderDashboard", {"sku": "REBOZO", "seed": 2026}),
    "ch06": ("mipyme.dashboards.store_chapters:MarginDashboard",
             {"fixed_costs": "48250.00", "price": 520.0, "unit_cost": 180.0}),
    "ch07": ("mipyme.dashboards.export_chapters:IncotermDashboard",
             {"market": "CA", "currency": "CAD", "on": "2026-01-21", "rule": "FCA",
              "mode": "air"}),
    "ch08": ("mipyme.dashboards.export:QuoteBuilderDashboard",
             {"on": "2026-01-21", "product": "coffee", "units": 400}),
    "ch09": ("mipyme.dashboards.export_chapters:CustomsDashboard",
             {"market": "US", "origin": "no", "date": "2026-01-21"}),
    "ch10": ("mipyme.dashboards.export_chapters:MarketplaceDashboard",
             {"on": "2026-01-21", "fee_pct": 0.0, "units": 1, "market": "US"}),
    "ch11": ("mipyme.dashboards.export:QuoteBuilderDashboard",
             {"on": "2026-01-21", "product": "mezcal", "units": 600, "rule": "FOB"}),
    "ch12": ("mipyme.dashboards.finance_journal:JournalDashboard", {}),
    "ch13": ("mipyme.dashboards.finance_statements:StatementsDashboard", {}),
    "ch14": ("mipyme.dashboards.finance:FinanceDashboard", {}),
    "ch15": ("mipyme.dashboards.finance_taxes:TaxDashboard", {"on": "2026-03-01"}),
    "ch16": ("mipyme.dashboards.finance_year:YearDashboard",
             {"seed": 2026, "rent": 4000, "web_ads": 300, "ads": 500, "salary": 12000}),
    "ch17": ("mipyme.dashboards.store_practice:ReturnsDashboard", {"product": "blusa"}),
    "ch18": ("mipyme.dashboards.export_compliance:ComplianceDashboard",
             {"product": "mezcal", "market": "US", "today": "2026-03-02"}),
}


def chapter_dashboards() -> list[str]:
    """The chapters that have a dashboard, in order."""
    return sorted(CHAPTER_DASHBOARDS)


def chapter_dashboard(chapter: str) -> Dashboard:
    """A new dashboard of ``chapter``'s notebook, built as the notebook builds it."""
    path, kwargs = CHAPTER_DASHBOARDS[chapter]
    module, name = path.split(":")
    return getattr(importlib.import_module(module), name)(**kwargs)
