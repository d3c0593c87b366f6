"""Interactive dashboards for the notebooks (computation apart from display).

Each dashboard's ``update(**changes)`` recomputes and redraws without a browser, which is
what the tests and the benchmarks call; ``widget()`` builds the ipywidgets for a notebook.
"""

from mipyme.dashboards.base import Control, Dashboard
from mipyme.dashboards.export import QuoteBuilderDashboard
from mipyme.dashboards.finance import FinanceDashboard
from mipyme.dashboards.game import GameBoard
from mipyme.dashboards.store import StoreDashboard

__all__ = [
    "Control",
    "Dashboard",
    "FinanceDashboard",
    "GameBoard",
    "QuoteBuilderDashboard",
    "StoreDashboard",
]
