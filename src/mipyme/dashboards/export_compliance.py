"""Chapter 18: how long the paperwork takes before the goods can leave.

One product of the example businesses and one market. Each requirement is a bar from the day
it can start to the day it is done (:func:`mipyme.export.requirements`); a step that must wait
for another starts when that one ends, so the earliest ship date is the end of the longest
chain (:func:`mipyme.export.earliest_ship_date`), not the longest single step. The student
says what is already done (the RFC and e.firma; the importer's side abroad) and sees the date
move. Every day comes from the library's table (lead times there are estimates).

>>> board = ComplianceDashboard()
>>> board.prediction(board.update())
80
>>> board.prediction(board.update(importer_ready="yes"))
30
>>> board.update(product="chocolate")
Traceback (most recent call last):
...
mipyme.errors.InputError: 'product' debe ser uno de ('mezcal', 'coffee', 'honey', 'talavera', \
'cotton_apparel', 'silver_jewelry') (se recibió 'chocolate')
"""

from __future__ import annotations

from typing import Any, ClassVar

from mipyme.dashboards._shared import checked_values
from mipyme.dashboards.base import Control, Dashboard
from mipyme.export import earliest_ship_date, requirements, schedule
from mipyme.finance.charts import OKABE_ITO
from mipyme.i18n import t
from mipyme.tables import parse_date

__all__ = ["ComplianceDashboard"]

_PRODUCTS = ("mezcal", "coffee", "honey", "talavera", "cotton_apparel", "silver_jewelry")
_YES_NO = ("no", "yes")


class ComplianceDashboard(Dashboard):
    """Product, market and what is done -> each step's days and the earliest ship date."""

    prediction_key: ClassVar[str] = "dash.compliance.predict"

    def __init__(self, *, market: str = "US", today: str = "2026-03-02",
                 **values: Any) -> None:
        self.market = market
        self.today = parse_date(today, "today")
        controls = (
            Control("product", "dash.compliance.product", "choice", "mezcal",
                    options=_PRODUCTS,
                    option_keys=tuple(f"dash.compliance.product_name.{p}" for p in _PRODUCTS)),
            Control("rfc_ready", "dash.compliance.rfc_ready", "choice", "no", options=_YES_NO,
                    option_keys=("dash.compliance.no", "dash.compliance.yes")),
            Control("importer_ready", "dash.compliance.importer_ready", "choice", "no",
                    options=_YES_NO,
                    option_keys=("dash.compliance.no", "dash.compliance.yes")),
        )
        super().__init__(controls=controls, values=checked_values(controls, values))

    def compute(self, **v: Any) -> dict[str, Any]:
        steps = requirements(v["product"], self.market)
        done = {r: True for r, who in zip(steps["requirement"], steps["who"], strict=True)
                if (v["rfc_ready"] == "yes" and r == "rfc_efirma")
                or (v["importer_ready"] == "yes" and who == "importer")}
        plan = schedule(v["product"], self.market, done)
        plan = plan[plan["kind"] == "must"]
        ship = earliest_ship_date(v["product"], self.market, self.today, done)
        days = (ship - self.today).days
        after = dict(zip(plan["requirement"], plan["after"], strict=True))
        critical = {r for r, end, finished in zip(plan["requirement"], plan["end"],
                                                  plan["done"], strict=True)
                    if end == days and days > 0 and not finished}
        for req in list(critical):  # what the longest steps wait for is on the chain too
            while after.get(req) in after and after[req] not in critical:
                req = after[req]
                critical.add(req)
        bars = [{"name": row.name, "start": int(row.start), "end": int(row.end),
                 "done": bool(row.done), "critical": row.requirement in critical
                 and not row.done} for row in plan.itertuples(index=False)]
        return {"bars": bars, "ship": ship, "days": days,
                "product": v["product"], "missing": sum(not b["done"] for b in bars)}

    # Not build/refresh: each product has its own steps, so the number of bars and their
    # names change with the product control; the figure is drawn afresh on every update.
    def draw(self, result: dict[str, Any], figure: Any) -> None:
        figure.subplots_adjust(left=0.36, right=0.97, bottom=0.14, top=0.88)
        ax = figure.subplots()
        bars = result["bars"]
        longest = result["days"]
        for i, bar in enumerate(reversed(bars)):
            color = OKABE_ITO["vermillion"] if bar["critical"] else OKABE_ITO["blue"]
            if bar["done"]:
                color = "#BBBBBB"
            ax.barh(i, max(bar["end"] - bar["start"], 0.3), left=bar["start"], color=color)
            ax.text(bar["end"] + 0.6, i, str(bar["end"] - bar["start"]), va="center",
                    fontsize=7)
        ax.set_yticks(range(len(bars)), [b["name"] for b in reversed(bars)], fontsize=7)
        ax.axvline(longest, color=OKABE_ITO["vermillion"], linestyle="--", linewidth=1)
        ax.set_xlabel(t("dash.compliance.x_axis"))
        ax.set_xlim(0, max(longest, 10) * 1.12)
        ax.tick_params(axis="x", labelsize=7)
        ax.set_title(t("dash.compliance.title", product=t(
            f"dash.compliance.product_name.{result['product']}"),
            date=result["ship"].isoformat(), days=longest), fontsize=10)
        figure.alt_text = self.alt_text(result)

    def summary(self, result: dict[str, Any]) -> str:
        return t("dash.compliance.summary", product=t(
            f"dash.compliance.product_name.{result['product']}"), missing=result["missing"],
            days=result["days"], date=result["ship"].isoformat())

    def prediction(self, result: dict[str, Any]) -> int:
        return int(result["days"])

