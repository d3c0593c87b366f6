"""Chapter 17: how returns and chargebacks eat the profit of an online order.

One product of the example businesses, sold in the seller's own store with its payment fee
and its shipping. The student moves the **return rate** (the chapter's key variable), the
chargeback rate and who pays the way back; the chart shows what an average order leaves
(:func:`mipyme.store.order_risk`) for every return rate from 0 to 50%, against what a kept
order leaves (the profit most sellers count). Every peso comes from the library.

>>> board = ReturnsDashboard()
>>> board.prediction(board.update(return_pct=36.6))
Money('74.91', 'MXN')
>>> board.update(return_paid_by="nadie")
Traceback (most recent call last):
...
mipyme.errors.InputError: 'return_paid_by' debe ser uno de ('seller', 'buyer') (se recibió 'nadie')
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar

import matplotlib.ticker as mticker

from mipyme.dashboards._shared import checked_values
from mipyme.dashboards.base import Control, Dashboard
from mipyme.errors import InputError
from mipyme.finance.charts import OKABE_ITO
from mipyme.i18n import t
from mipyme.money import Money, as_decimal
from mipyme.store import OrderRisk, order_risk, orders_to_recover

__all__ = ["ORDERS", "OrderSetup", "ReturnsDashboard"]


@dataclass(frozen=True, slots=True)
class OrderSetup:
    """One order of an example business: pesos before IVA, fee on what the buyer pays."""

    key: str
    price: str
    unit_cost: str
    shipping: str
    fee_rate: str
    fee_fixed: str
    iva_rate: str
    chargeback_fee: str = "150"


#: The orders of the chapter (prices and costs from ``datasets_products.csv``; card fee
#: 3.6% + 3 and Mercado Pago 3.49% + 4 from ``store_payments.csv``; shipping: the kit's
#: Estafeta rates for the packed parcel; chargeback fee: ``store_practice.csv``).
ORDERS: dict[str, OrderSetup] = {
    # Tejidos de la Montaña: blouse 1,150 with IVA = 991.38 before IVA, card, 0.6 kg -> 150.
    "blusa": OrderSetup("blusa", "991.38", "480", "150", "0.036", "3", "0.16"),
    # Miel Flor de Tajonal: melipona honey 520 (0% IVA), Mercado Pago link, 0.45 kg -> 150.
    "miel": OrderSetup("miel", "520", "220", "150", "0.0349", "4", "0"),
    # Talavera Azul de la Luz: dinner plate 520 with IVA = 448.28, card, 1.08 kg -> 175.
    "plato": OrderSetup("plato", "448.28", "180", "175", "0.036", "3", "0.16"),
}

_TICKS = mticker.StrMethodFormatter("{x:,.0f}")
_RATES = tuple(range(0, 51))  # the curve: return rates 0% to 50%


class ReturnsDashboard(Dashboard):
    """Return rate, chargeback rate and who pays the way back -> what an order leaves."""

    prediction_key: ClassVar[str] = "dash.practice.predict"
    PAYERS: ClassVar[tuple[str, ...]] = ("seller", "buyer")

    def __init__(self, *, product: str = "blusa", **values: Any) -> None:
        if product not in ORDERS:
            raise InputError("errors.one_of", arg="product", choices=tuple(ORDERS),
                             value=product)
        self.order = ORDERS[product]
        controls = (
            Control("return_pct", "dash.practice.return_pct", "float", 18.3, 0.0, 50.0, 0.1),
            Control("chargeback_pct", "dash.practice.chargeback_pct", "float", 0.0, 0.0, 5.0,
                    0.1),
            Control("return_paid_by", "dash.practice.return_paid_by", "choice", "seller",
                    options=self.PAYERS,
                    option_keys=tuple(f"dash.practice.payer.{p}" for p in self.PAYERS)),
        )
        super().__init__(controls=controls, values=checked_values(controls, values))

    def _risk(self, return_rate: Decimal, chargeback_rate: Decimal, payer: str) -> OrderRisk:
        o = self.order
        return order_risk(o.price, o.unit_cost, o.shipping, fee_rate=o.fee_rate,
                          fee_fixed=o.fee_fixed, iva_rate=o.iva_rate,
                          return_rate=return_rate,
                          return_shipping=o.shipping if payer == "seller" else "0",
                          chargeback_rate=chargeback_rate, chargeback_fee=o.chargeback_fee)

    def compute(self, **v: Any) -> dict[str, Any]:
        rate = as_decimal(f"{v['return_pct']:.1f}", "return_pct") / 100
        chargeback = as_decimal(f"{v['chargeback_pct']:.1f}", "chargeback_pct") / 100
        payer = v["return_paid_by"]
        risk = self._risk(rate, chargeback, payer)
        curve = [self._risk(Decimal(r) / 100, chargeback, payer).expected for r in _RATES]
        return {"risk": risk, "curve": curve, "payer": payer,
                "return_pct": v["return_pct"], "chargeback_pct": v["chargeback_pct"],
                "wiped": orders_to_recover(risk.chargeback_loss, risk.kept)
                if risk.kept > 0 else None}

    def build(self, figure: Any) -> dict[str, Any]:
        figure.subplots_adjust(left=0.13, right=0.97, bottom=0.14, top=0.88)
        ax = figure.subplots()
        ax.axhline(0, color="#999999", linewidth=0.8)
        kept = ax.axhline(0, color=OKABE_ITO["green"], linestyle="--",
                          label=t("dash.practice.kept_line"))
        curve = ax.plot([], [], color=OKABE_ITO["blue"], label=t("dash.practice.curve"))[0]
        point = ax.plot([], [], "o", color=OKABE_ITO["vermillion"],
                        label=t("dash.practice.now"))[0]
        ax.set_xlabel(t("dash.practice.x_axis"))
        ax.set_ylabel(t("dash.chapters.pesos"))
        ax.yaxis.set_major_formatter(_TICKS)
        ax.set_xlim(0, 50)
        ax.tick_params(labelsize=7)
        ax.legend(fontsize=8, frameon=False, loc="upper right")
        title = ax.set_title("", fontsize=10)
        return {"ax": ax, "kept": kept, "curve": curve, "point": point, "title": title}

    def refresh(self, result: dict[str, Any], artists: dict[str, Any]) -> None:
        risk = result["risk"]
        kept = float(risk.kept)
        values = [float(v) for v in result["curve"]]
        artists["kept"].set_ydata([kept, kept])
        artists["curve"].set_data(list(_RATES), values)
        artists["point"].set_data([float(result["return_pct"])], [float(risk.expected)])
        low, high = min([*values, 0.0]), max([*values, kept])
        pad = (high - low) * 0.08 or 1.0
        artists["ax"].set_ylim(low - pad, high + pad)
        artists["title"].set_text(t("dash.practice.title", product=t(
            f"dash.practice.product.{self.order.key}"), expected=Money(risk.expected)))

    def summary(self, result: dict[str, Any]) -> str:
        risk = result["risk"]
        text = t("dash.practice.summary", rate=_pct(result["return_pct"]),
                 kept=Money(risk.kept), expected=Money(risk.expected),
                 hidden=Money(risk.hidden_cost), loss=Money(risk.return_loss),
                 payer=t(f"dash.practice.payer.{result['payer']}"))
        if result["wiped"] is not None:
            text += " " + t("dash.practice.wiped", loss=Money(risk.chargeback_loss),
                            orders=result["wiped"])
        return text

    def alt_text(self, result: dict[str, Any]) -> str:
        risk = result["risk"]
        return t("dash.practice.alt", product=t(f"dash.practice.product.{self.order.key}"),
                 kept=Money(risk.kept), rate=_pct(result["return_pct"]),
                 expected=Money(risk.expected), end=Money(result["curve"][-1]))

    def prediction(self, result: dict[str, Any]) -> Money:
        return Money(result["risk"].expected)


def _pct(value: float) -> str:
    return f"{value:.1f}%"
