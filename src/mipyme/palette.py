"""The kit's one chart palette: Okabe-Ito, eight colours people with colour-blindness tell apart.

Every chart of the kit takes its colours from here: the finance charts, the dashboards, the
cohort reports. It is on the floor (it imports nothing of the kit), so a course report can
colour its bars without depending on the finance engine.

>>> from mipyme.palette import OKABE_ITO
>>> OKABE_ITO["blue"]
'#0072B2'
>>> list(OKABE_ITO)[:3]
['orange', 'sky_blue', 'green']
"""

from __future__ import annotations

__all__ = ["OKABE_ITO"]

#: The Okabe-Ito colour-blind-safe palette, by name, in its usual order.
OKABE_ITO: dict[str, str] = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
}
