"""The classroom hub: one JupyterHub for one cohort (``mipyme hub start --course DIR``).

See :mod:`mipyme.hub.core` (plan, prepare, start), :mod:`mipyme.hub.config` (the JupyterHub
settings) and ``src/mipyme/hub/README.md`` (how to run it, Zero to JupyterHub values, the
gradebook on PostgreSQL).
"""

from mipyme.hub.core import HubLimits, HubPlan, as_grader, missing, plan_hub, prepare, start

__all__ = ["HubLimits", "HubPlan", "as_grader", "missing", "plan_hub", "prepare", "start"]
