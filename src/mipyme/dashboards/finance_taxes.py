"""Chapter 15's dashboard: Ernesto's month -> the IVA and the RESICO income tax he pays.

Ernesto Landa roasts coffee in Coatepec (Café Cumbre de Coatepec, chapter 15). The student
moves his month's income (before IVA), the share of it that is coffee (IVA at 0%), the
share sold through marketplaces (which withhold part of his taxes, as they have since June
2020) and his purchases, and sees the IVA he charged and paid (:func:`mipyme.finance.add_iva`, :func:`mipyme.finance.iva_payable`),
his RESICO income tax (:func:`mipyme.finance.resico_monthly_isr`), what the platforms
already withheld (:func:`mipyme.finance.marketplace_withholding`) and what is left to pay.
Rates are those in force on ``on`` (the data tables' rows, never numbers in the code).

>>> from mipyme.dashboards.finance_taxes import TaxDashboard
>>> board = TaxDashboard()
>>> result = board.update(income=60000, coffee_pct=0, platform_pct=0, purchases=11500)
>>> result["isr"], result["iva"].amount
(Money('900.00', 'MXN'), Money('7760.00', 'MXN'))
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

from matplotlib.ticker import FuncFormatter, MaxNLocator

from mipyme.dashboards.base import Control, Dashboard
from mipyme.finance import add_iva, iva_payable, marketplace_withholding, resico_monthly_isr
from mipyme.finance.charts import OKABE_ITO
from mipyme.finance.taxes import resico_brackets, resico_rate
from mipyme.i18n import t
from mipyme.money import Money, as_decimal, round_money
from mipyme.tables import parse_date

__all__ = ["TaxDashboard"]

_THOUSANDS = FuncFormatter(lambda x, _: f"{x:,.0f}")
_BARS = ("iva_charged", "iva_paid", "iva_withheld", "iva_left", "isr", "isr_withheld",
         "isr_left")


def _pesos(value: float, arg: str) -> Decimal:
    return round_money(as_decimal(f"{value:.2f}", arg))


def _plain(text: str) -> str:
    """Text for a chart: a dollar sign is a peso sign here, not the start of a formula."""
    return text.replace("$", r"\$")


class TaxDashboard(Dashboard):
    """A month of Ernesto's taxes in RESICO: IVA to pay and income tax, after withholding.

    Controls: the month's income before IVA (0 to 250,000 pesos), the percentage that is
    coffee (IVA at 0%; the rest are mugs at 16%), the percentage sold through
    marketplaces (with an RFC) and the month's purchases before IVA (taxed at 16%, with
    invoice).

    Predict, then check: the student predicts the month's RESICO income tax.
    """

    prediction_key: ClassVar[str] = "dash.finch.ch15.predict_isr"

    def __init__(self, on: object = "2026-03-01", **values: Any) -> None:
        controls = (
            Control("income", "dash.finch.ch15.income", "float", 40000.0, 0, 250000, 500),
            Control("coffee_pct", "dash.finch.ch15.coffee_pct", "int", 60, 0, 100, 5),
            Control("platform_pct", "dash.finch.ch15.platform_pct", "int", 30, 0, 100, 5),
            Control("purchases", "dash.finch.ch15.purchases", "float", 11500.0, 0, 100000, 500),
        )
        self.on = parse_date(on, "on")
        # The RESICO line, drawn once: the tax at both ends of each bracket (a step at
        # each limit, because the rate applies to the whole month's income).
        brackets = resico_brackets(on=self.on)
        xs: list[float] = []
        ys: list[float] = []
        low = Decimal("0")
        for upper in brackets["up_to"]:
            top = min(upper, Decimal("250000"))
            for x in (low, top):
                xs.append(float(x))
                ys.append(float(resico_monthly_isr(x, on=self.on)))
            low = upper + Decimal("0.01")
            if upper >= Decimal("250000"):
                break
        self.resico_line = (xs, ys)
        super().__init__(controls=controls, values=dict(values))

    def compute(self, **v: Any) -> dict[str, Any]:
        on = self.on
        income = _pesos(v["income"], "income")
        zero = round_money(income * int(v["coffee_pct"]) / 100)
        general = income - zero
        platform = Decimal(int(v["platform_pct"])) / 100
        purchases = _pesos(v["purchases"], "purchases")
        charged = (add_iva(general, on=on) - general) + (add_iva(zero, kind="food", on=on) - zero)
        paid = add_iva(purchases, on=on) - purchases
        iva = iva_payable(Money(charged), Money(paid))
        # Marketplace sales, in the same mix of coffee and mugs as the whole month.
        held = [marketplace_withholding(Money(round_money(part * platform)), has_rfc=True,
                                        on=on, iva_kind=kind)
                for part, kind in ((general, "general"), (zero, "food"))]
        isr = resico_monthly_isr(Money(income), on=on)
        isr_withheld = sum((h.isr_withheld for h in held), Money("0"))
        iva_withheld = sum((h.iva_withheld for h in held), Money("0"))
        return {
            "income": Money(income), "rate": resico_rate(income, on=on),
            "iva_charged": Money(charged), "iva_paid": Money(paid), "iva": iva,
            "iva_withheld": iva_withheld, "iva_left": iva.amount - iva_withheld,
            "isr": isr, "isr_withheld": isr_withheld, "isr_left": isr - isr_withheld,
        }

    # -- display ---------------------------------------------------------------------
    def build(self, figure: Any) -> dict[str, Any]:
        left, right = figure.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.3]})
        xs, ys = self.resico_line
        left.plot(xs, ys, color=OKABE_ITO["blue"], linewidth=1.5)
        marker = left.plot([0], [0], "o", color=OKABE_ITO["vermillion"], markersize=8)[0]
        left.set_title(t("dash.finch.ch15.line_title"), fontsize=9)
        left.set_xlabel(t("dash.finch.ch15.income_axis"))
        left.set_ylabel(t("dash.finch.pesos"))
        for axis in (left.xaxis, left.yaxis):
            axis.set_major_locator(MaxNLocator(4))
            axis.set_major_formatter(_THOUSANDS)
        colours = [OKABE_ITO[c] for c in ("sky_blue", "green", "yellow", "blue",
                                           "orange", "yellow", "vermillion")]
        names = [t(f"dash.finch.ch15.bar_{b}") for b in _BARS]
        rows = list(range(len(names)))
        bars = right.barh(rows, [0] * len(rows), color=colours, edgecolor="#444",
                          linewidth=0.4)
        right.set_yticks(rows, names, fontsize=7)
        right.invert_yaxis()
        right.axvline(0, color="#444", linewidth=0.8)
        right.xaxis.set_major_locator(MaxNLocator(4))
        right.xaxis.set_major_formatter(_THOUSANDS)
        right.set_xlabel(t("dash.finch.pesos"))
        labels = [right.text(0, i, "", va="center", fontsize=7) for i in rows]
        figure.subplots_adjust(left=0.09, right=0.97, top=0.88, bottom=0.14, wspace=0.75)
        return {"right": right, "marker": marker, "bars": list(bars), "labels": labels}

    def refresh(self, result: dict[str, Any], art: dict[str, Any]) -> None:
        right = art["right"]
        art["marker"].set_data([float(result["income"].amount)], [float(result["isr"].amount)])
        values = [float(result[b].amount) for b in _BARS]
        for bar, label, value, key in zip(art["bars"], art["labels"], values, _BARS,
                                          strict=True):
            bar.set_width(value)
            label.set_position((value, label.get_position()[1]))
            label.set_ha("left" if value >= 0 else "right")
            label.set_text(" " + _plain(result[key].format()).replace(" MXN", "") + " ")
        low, high = min(0.0, *values), max(0.0, *values)
        room = (high - low) * 0.4 or 100.0
        right.set_xlim(low - (1.5 * room if low < 0 else 0), high + room)
        right.set_title(_plain(t("dash.finch.ch15.bars_title", income=result["income"],
                                 rate=f"{float(result['rate']):.1%}")), fontsize=9)

    def prediction(self, result: dict[str, Any]) -> Decimal:
        """The month's RESICO income tax (before what the platforms withheld), in pesos."""
        return result["isr"].amount

    def summary(self, result: dict[str, Any]) -> str:
        parts = {}
        for tax in ("iva", "isr"):
            left = result[f"{tax}_left"]
            favour = left.amount < 0  # withheld or credited more than the month's tax
            parts[f"{tax}_part"] = t(f"dash.finch.ch15.{tax}_{'in_favor' if favour else 'to_pay'}",
                                     amount=-left if favour else left)
        return t("dash.finch.ch15.summary", income=result["income"],
                 rate=f"{float(result['rate']):.1%}", isr=result["isr"],
                 charged=result["iva_charged"], paid=result["iva_paid"],
                 withheld=result["iva_withheld"] + result["isr_withheld"], **parts)

    def alt_text(self, result: dict[str, Any]) -> str:
        return t("dash.finch.ch15.alt", income=result["income"],
                 rate=f"{float(result['rate']):.1%}", isr=result["isr"],
                 iva_left=result["iva_left"], isr_left=result["isr_left"])
