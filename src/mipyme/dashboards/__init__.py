"""Interactive dashboards for the notebooks (computation apart from display)."""

from mipyme.dashboards.base import Control, Dashboard

__all__ = ["Control", "Dashboard"]
