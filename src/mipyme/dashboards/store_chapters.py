"""Small dashboards for the store chapters (1, 2, 4, 5 and 6): one key variable each.

Why one module over 500 lines: five small dashboards of the same shape (one key variable, a
chart, a prediction), each under 150 lines; one module per dashboard would repeat the imports
and helpers they share.

Every number comes from the library: one sale's pesos from
:func:`mipyme.store.sale_breakdown` (the simulator's own arithmetic), the money on its way
from :func:`mipyme.store.money_on_the_way`, stock-outs from :func:`mipyme.store.simulate`,
margin and break-even from :mod:`mipyme.finance.rules`. The dashboards only gather inputs,
add up and draw; each one names the figure a student predicts before moving a control.

==========================  =======  ====================================================
Dashboard                   Chapter  Key variable -> what it shows
==========================  =======  ====================================================
:class:`StoreMonthDashboard`   1     price, units, channel mix -> what is left in a month
:class:`ChannelSaleDashboard`  2     price and channel -> what one sale leaves the seller
:class:`SettlementDashboard`   4     payment method, days to deposit -> money on its way
:class:`ReorderDashboard`      5     reorder point, lead time -> orders lost to stock-outs
:class:`MarginDashboard`       6     price, unit cost -> contribution margin, break-even
==========================  =======  ====================================================

>>> from mipyme.dashboards.store_chapters import ChannelSaleDashboard
>>> board = ChannelSaleDashboard()
>>> board.prediction(board.update(price=1150.0, channel="mercado_libre"))
Money('163.88', 'MXN')
>>> board.update(channel="tiktok")
Traceback (most recent call last):
...
mipyme.errors.InputError: 'channel' debe ser uno de ('web', 'mercado_libre', 'amazon_mx', 'etsy') (se recibió 'tiktok')
"""

from __future__ import annotations

from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, ClassVar

import matplotlib.ticker as mticker
import numpy as np

from mipyme.dashboards._shared import checked_values
from mipyme.dashboards.base import Control, Dashboard
from mipyme.errors import InputError
from mipyme.finance.charts import OKABE_ITO
from mipyme.finance.rules import break_even_units, contribution_margin
from mipyme.finance.taxes import split_iva
from mipyme.i18n import get_language, t
from mipyme.money import Money, as_decimal, pesos, round_money
from mipyme.store import (
    Catalog,
    channels,
    example_catalog,
    money_on_the_way,
    sale_breakdown,
    simulate,
)

__all__ = ["ChannelSaleDashboard", "MarginDashboard", "ReorderDashboard",
           "SettlementDashboard", "StoreMonthDashboard"]

#: Where the buyer's pesos go, in the order the bars stack them (each a catalogue key).
_PARTS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("kept", ("contribution",), "green"),
    ("cost", ("cogs",), "grey"),
    ("fees", ("commission", "payment_fee"), "orange"),
    ("shipping", ("shipping",), "sky_blue"),
    ("iva", ("iva",), "purple"),
)
_COLOUR = {"grey": "#999999"}
_TICKS = mticker.StrMethodFormatter("{x:,.0f}")


def _pesos(value: float) -> Decimal:
    """A slider's number as exact pesos (two decimals)."""
    return round_money(as_decimal(f"{value:.2f}", "value"))


def _label(value: Decimal) -> str:
    """An amount for a label on a chart whose axis already says pesos: ``$1,150.00``."""
    return Money(value).format().rsplit(" ", 1)[0]


def _colour(name: str) -> str:
    return _COLOUR.get(name) or OKABE_ITO[name]


def _channel_name(code: str) -> str:
    return channels().loc[code, "name_en" if get_language() == "en" else "name_es"]


def _part(sale: dict[str, Any], keys: tuple[str, ...]) -> Decimal:
    return sum((sale[k] for k in keys), Decimal("0.00"))


def _product(catalog: Catalog, sku: str) -> Any:
    if sku not in catalog.skus:
        raise InputError("errors.one_of", arg="sku", choices=catalog.skus, value=sku)
    return catalog.products[catalog.skus.index(sku)]


def _price_control(name: str, label_key: str, list_price: Decimal, step: int) -> Control:
    """A price slider from half to twice the list price, on whole multiples of ``step``."""
    low = float(max(step, (list_price / 2 // step) * step))
    high = float(((list_price * 2) // step) * step)
    return Control(name, label_key, "float", float(list_price), low, high, step)


class StoreMonthDashboard(Dashboard):
    """Chapter 1: a month of one product: price, units and the share sold on Mercado Libre.

    Each unit sold in the own web store or on Mercado Libre leaves what
    :func:`mipyme.store.sale_breakdown` says; the month adds them up. The bar chart follows
    the month's pesos from what buyers paid to what is left to pay the fixed costs.

    >>> board = StoreMonthDashboard()
    >>> result = board.update(price=320.0, units=100, marketplace_pct=0)
    >>> result["left"]                     # 100 mugs in the own store: 100 x 141.34
    Decimal('14134.00')
    """

    prediction_key: ClassVar[str] = "dash.month.predict"

    def __init__(self, *, sku: str = "TAZA-TALAV", catalog: Catalog | None = None,
                 **values: Any) -> None:
        self.catalog = catalog if catalog is not None else example_catalog()
        self.product = _product(self.catalog, sku)
        controls = (
            _price_control("price", "dash.month.price", self.product.price, 10),
            Control("units", "dash.month.units", "int", 100, 0, 400, 10),
            Control("marketplace_pct", "dash.month.marketplace_pct", "int", 50, 0, 100, 10),
        )
        super().__init__(controls=controls, values=checked_values(controls, values))

    def compute(self, **v: Any) -> dict[str, Any]:
        price = _pesos(v["price"])
        units = int(v["units"])
        on_ml = int((Decimal(units * int(v["marketplace_pct"])) / 100)
                    .quantize(Decimal(1), rounding=ROUND_HALF_UP))
        counts = {"web": units - on_ml, "mercado_libre": on_ml}
        sales = {code: sale_breakdown(self.product.sku, code, price=price,
                                      catalog=self.catalog) for code in counts}
        month = {name: sum((counts[c] * _part(sales[c], keys) for c in counts),
                           Decimal("0.00"))
                 for name, keys, _ in _PARTS}
        return {"price": price, "units": units, "counts": counts, "per_sale": sales,
                "charged": sum((counts[c] * sales[c]["gross"] for c in counts),
                               Decimal("0.00")),
                "parts": month, "left": month["kept"]}

    def build(self, figure: Any) -> dict[str, Any]:
        figure.subplots_adjust(left=0.36, right=0.86, bottom=0.14, top=0.88)
        ax = figure.subplots()
        rows = ["charged", *(name for name, _, _ in reversed(_PARTS))]
        colours = [OKABE_ITO["blue"], *(_colour(c) for _, _, c in reversed(_PARTS))]
        bars = ax.barh(range(len(rows)), [0.0] * len(rows), color=colours, height=0.6)
        labels = [ax.text(0, i, "", va="center", fontsize=8) for i in range(len(rows))]
        ax.set_yticks(range(len(rows)), [t(f"dash.month.row.{r}") for r in rows], fontsize=9)
        ax.invert_yaxis()
        ax.set_xlabel(t("dash.chapters.pesos"))
        ax.xaxis.set_major_formatter(_TICKS)
        ax.tick_params(axis="x", labelsize=7)
        return {"ax": ax, "rows": rows, "bars": bars, "labels": labels,
                "title": ax.set_title("", fontsize=10)}

    def refresh(self, result: dict[str, Any], art: dict[str, Any]) -> None:
        values = [result["charged"], *(result["parts"][r] for r in art["rows"][1:])]
        top = max(float(result["charged"]), 1.0)
        for bar, label, value in zip(art["bars"], art["labels"], values, strict=True):
            bar.set_width(float(value))
            if label is art["labels"][-1]:
                bar.set_facecolor(OKABE_ITO["green" if value >= 0 else "vermillion"])
            label.set_x(max(float(value), 0.0) + top * 0.01)
            label.set_text(_label(value))
        art["ax"].set_xlim(min(0.0, float(result["left"]) * 1.1), top * 1.15)
        art["title"].set_text(t("dash.month.title", units=result["units"],
                                product=self.product.name))

    def summary(self, result: dict[str, Any]) -> str:
        per = result["per_sale"]
        return t("dash.month.summary", units=result["units"],
                 web=result["counts"]["web"], ml=result["counts"]["mercado_libre"],
                 charged=Money(result["charged"]), left=Money(result["left"]),
                 web_each=Money(per["web"]["contribution"]),
                 ml_each=Money(per["mercado_libre"]["contribution"]))

    def alt_text(self, result: dict[str, Any]) -> str:
        return t("dash.month.alt", units=result["units"], product=self.product.name,
                 charged=Money(result["charged"]), left=Money(result["left"]),
                 cost=Money(result["parts"]["cost"]), fees=Money(result["parts"]["fees"]),
                 shipping=Money(result["parts"]["shipping"]),
                 iva=Money(result["parts"]["iva"]))

    def prediction(self, result: dict[str, Any]) -> Money:
        return Money(result["left"])


class ChannelSaleDashboard(Dashboard):
    """Chapter 2: one piece sold in each of the four channels, at the price you choose.

    Each bar is what the buyer pays, split into what the seller keeps (the contribution
    margin), the cost of the piece, the channel's and the payment's fees, shipping and IVA.
    The chosen channel is marked; the line under the chart adds when the money arrives and
    what the marketplace withholds for taxes.

    >>> board = ChannelSaleDashboard()
    >>> result = board.update(price=1150.0, channel="etsy")
    >>> result["chosen"]["contribution"], result["chosen"]["iva"]     # export: IVA 0%
    (Decimal('523.00'), Decimal('0.00'))
    """

    prediction_key: ClassVar[str] = "dash.sale.predict"

    def __init__(self, *, sku: str = "REBOZO", catalog: Catalog | None = None,
                 **values: Any) -> None:
        self.catalog = catalog if catalog is not None else example_catalog()
        self.product = _product(self.catalog, sku)
        self.codes: tuple[str, ...] = tuple(channels().index)
        controls = (
            _price_control("price", "dash.sale.price", self.product.price, 10),
            Control("channel", "dash.sale.channel", "choice", "mercado_libre",
                    options=self.codes,
                    option_keys=tuple(f"dash.chapters.channel.{c}" for c in self.codes)),
        )
        super().__init__(controls=controls, values=checked_values(controls, values))

    def compute(self, **v: Any) -> dict[str, Any]:
        price = _pesos(v["price"])
        sales = {code: sale_breakdown(self.product.sku, code, price=price,
                                      catalog=self.catalog) for code in self.codes}
        return {"price": price, "channel": v["channel"], "sales": sales,
                "chosen": sales[v["channel"]]}

    def build(self, figure: Any) -> dict[str, Any]:
        figure.subplots_adjust(left=0.27, right=0.97, bottom=0.3, top=0.9)
        ax = figure.subplots()
        rows = range(len(self.codes))
        stacks = [ax.barh(rows, [0.0] * len(self.codes), color=_colour(colour), height=0.6,
                          label=t(f"dash.sale.part.{name}"))
                  for name, _, colour in _PARTS]
        kept = [ax.text(0, i, "", va="center", fontsize=8, color="white", fontweight="bold")
                for i in rows]
        ax.set_yticks(list(rows), [_channel_name(c) for c in self.codes], fontsize=9)
        ax.invert_yaxis()
        ax.set_xlabel(t("dash.chapters.pesos"))
        ax.xaxis.set_major_formatter(_TICKS)
        ax.tick_params(axis="x", labelsize=7)
        ax.legend(fontsize=8, frameon=False, ncol=5, loc="upper center",
                  bbox_to_anchor=(0.45, -0.16))
        return {"ax": ax, "stacks": stacks, "kept": kept,
                "title": ax.set_title("", fontsize=10)}

    def refresh(self, result: dict[str, Any], art: dict[str, Any]) -> None:
        ax, stacks = art["ax"], art["stacks"]
        lowest, widest = 0.0, float(result["price"])
        for i, code in enumerate(self.codes):
            sale, left = result["sales"][code], 0.0
            chosen = code == result["channel"]
            for (_, keys, _), stack in zip(_PARTS, stacks, strict=True):
                width = float(_part(sale, keys))
                bar = stack.patches[i]
                if width < 0:  # a sale that loses money: what is missing, left of zero
                    bar.set_x(width)
                    lowest = min(lowest, width)
                else:
                    bar.set_x(left)
                    left += width
                if stack is stacks[0]:
                    bar.set_facecolor(OKABE_ITO["green" if width >= 0 else "vermillion"])
                bar.set_width(abs(width))
                widest = max(widest, left)
                bar.set_edgecolor("black" if chosen else "none")
                bar.set_linewidth(1.6 if chosen else 0)
            kept, text = float(sale["contribution"]), art["kept"][i]
            text.set_x(4.0 if kept >= 0 else kept - 4.0)
            text.set_horizontalalignment("left" if kept >= 0 else "right")
            text.set_color("white" if kept >= 0 else "black")
            text.set_text(_label(sale["contribution"]))
        for i, label in enumerate(ax.get_yticklabels()):
            label.set_fontweight("bold" if self.codes[i] == result["channel"] else "normal")
        ax.set_xlim(lowest * 1.6 - (40 if lowest else 0), widest * 1.03)
        art["title"].set_text(t("dash.sale.title", product=self.product.name,
                                price=Money(result["price"])))

    def summary(self, result: dict[str, Any]) -> str:
        sale = result["chosen"]
        return t("dash.sale.summary", channel=_channel_name(result["channel"]),
                 price=Money(result["price"]), kept=Money(sale["contribution"]),
                 deposited=Money(sale["deposited"]), days=sale["days"],
                 withheld=Money(sale["isr_withheld"] + sale["iva_withheld"]))

    def alt_text(self, result: dict[str, Any]) -> str:
        kept = {c: s["contribution"] for c, s in result["sales"].items()}
        best = max(self.codes, key=lambda c: kept[c])
        return t("dash.sale.alt", product=self.product.name, price=Money(result["price"]),
                 list=", ".join(f"{_channel_name(c)} {Money(kept[c]).format()}"
                                for c in self.codes),
                 best=_channel_name(best))

    def prediction(self, result: dict[str, Any]) -> Money:
        return Money(result["chosen"]["contribution"])


class SettlementDashboard(Dashboard):
    """Chapter 4: how the payment method and the days until the deposit open a cash gap.

    The same product sells ``orders_per_day`` times a day in the own web store for 30
    days, paid with the chosen method (its fee from ``store_payments.csv``); each day's
    money reaches the bank ``settlement_days`` later. The gap between the two lines is the
    money on its way (:func:`mipyme.store.money_on_the_way`).

    >>> board = SettlementDashboard()
    >>> board.prediction(board.update(method="card", settlement_days=3, orders_per_day=10))
    Money('6795.00', 'MXN')
    """

    prediction_key: ClassVar[str] = "dash.settle.predict"
    METHODS: ClassVar[tuple[str, ...]] = ("card", "oxxo", "spei", "mercado_pago")
    DAYS: ClassVar[int] = 30

    def __init__(self, *, sku: str = "CAFE-CHIS", catalog: Catalog | None = None,
                 **values: Any) -> None:
        self.catalog = catalog if catalog is not None else example_catalog()
        self.product = _product(self.catalog, sku)
        controls = (
            Control("method", "dash.settle.method", "choice", "card", options=self.METHODS,
                    option_keys=tuple(f"dash.settle.pay.{m}" for m in self.METHODS)),
            Control("settlement_days", "dash.settle.settlement_days", "int", 3, 0, 21, 1),
            Control("orders_per_day", "dash.settle.orders_per_day", "int", 10, 1, 50, 1),
        )
        super().__init__(controls=controls, values=checked_values(controls, values))

    def compute(self, **v: Any) -> dict[str, Any]:
        sale = sale_breakdown(self.product.sku, "web", method=v["method"],
                              catalog=self.catalog)
        days = int(v["settlement_days"])
        table = money_on_the_way(sale, int(v["orders_per_day"]), days=self.DAYS,
                                 settlement_days=days)
        return {"method": v["method"], "settlement_days": days,
                "orders_per_day": int(v["orders_per_day"]), "sale": sale, "table": table,
                "peak": max(table["on_the_way"]),
                # what leaves with the fees (IVA included) and, of it, the IVA on the fees,
                # which a seller registered for IVA credits (it is not a cost)
                "fees_month": (sale["payment_fee"] + sale["fees_iva"])
                * int(v["orders_per_day"]) * self.DAYS,
                "fees_iva_month": sale["fees_iva"] * int(v["orders_per_day"]) * self.DAYS}

    def build(self, figure: Any) -> dict[str, Any]:
        figure.subplots_adjust(left=0.12, right=0.97, bottom=0.14, top=0.88)
        ax = figure.subplots()
        charged = ax.plot([], [], color=OKABE_ITO["blue"], label=t("dash.settle.charged"))[0]
        deposited = ax.plot([], [], color=OKABE_ITO["orange"], linestyle="--",
                            label=t("dash.settle.deposited"))[0]
        ax.set_xlabel(t("dash.settle.day_axis"))
        ax.set_ylabel(t("dash.chapters.pesos"))
        ax.yaxis.set_major_formatter(_TICKS)
        ax.tick_params(labelsize=7)
        ax.set_xlim(1, self.DAYS)
        ax.fill_between([], [], [], color=OKABE_ITO["vermillion"], alpha=0.3,
                        label=t("dash.settle.on_the_way"))
        ax.legend(fontsize=8, frameon=False, loc="upper left")
        return {"ax": ax, "charged": charged, "deposited": deposited, "gap": None,
                "title": ax.set_title("", fontsize=10)}

    def refresh(self, result: dict[str, Any], art: dict[str, Any]) -> None:
        ax = art["ax"]
        table = result["table"]
        day = table["day"].to_numpy()
        charged = np.array([float(v) for v in table["charged"]])
        deposited = np.array([float(v) for v in table["deposited"]])
        art["charged"].set_data(day, charged)
        art["deposited"].set_data(day, deposited)
        if art["gap"] is not None:  # an area has no data to move: drawn anew
            art["gap"].remove()
        art["gap"] = ax.fill_between(day, deposited, deposited + np.array(
            [float(v) for v in table["on_the_way"]]), color=OKABE_ITO["vermillion"], alpha=0.3)
        ax.set_ylim(0, charged[-1] * 1.05)
        art["title"].set_text(t("dash.settle.title", method=t(
            f"dash.settle.pay.{result['method']}"), days=result["settlement_days"]))

    def summary(self, result: dict[str, Any]) -> str:
        sale = result["sale"]
        return t("dash.settle.summary", orders=result["orders_per_day"],
                 price=Money(sale["gross"]), deposited=Money(sale["deposited"]),
                 days=result["settlement_days"], peak=Money(result["peak"]),
                 fees=Money(result["fees_month"]), fees_iva=Money(result["fees_iva_month"]))

    def alt_text(self, result: dict[str, Any]) -> str:
        return t("dash.settle.alt", days=result["settlement_days"],
                 method=t(f"dash.settle.pay.{result['method']}"),
                 peak=Money(result["peak"]))

    def prediction(self, result: dict[str, Any]) -> Money:
        return Money(result["peak"])


class ReorderDashboard(Dashboard):
    """Chapter 5: one product's reorder point and lead time over a simulated year.

    Each change simulates the store's year again (:func:`mipyme.store.simulate`, same seed)
    with the product's reorder point and lead time replaced, and counts the orders of that
    product lost because it had run out.

    >>> board = ReorderDashboard()
    >>> result = board.update(reorder_point=12, lead_time=21)
    >>> result["lost"] > board.update(reorder_point=30)["lost"]
    True
    """

    prediction_key: ClassVar[str] = "dash.reorder.predict"

    def __init__(self, *, sku: str = "REBOZO", seed: int = 2026, days: int = 365,
                 catalog: Catalog | None = None, **values: Any) -> None:
        self.catalog = catalog if catalog is not None else example_catalog()
        self.product = _product(self.catalog, sku)
        self.seed, self.days = seed, days
        controls = (
            Control("reorder_point", "dash.reorder.reorder_point", "int",
                    self.product.reorder_point, 0, 60, 2),
            Control("lead_time", "dash.reorder.lead_time", "int",
                    self.product.lead_time_days, 3, 42, 1),
        )
        super().__init__(controls=controls, values=checked_values(controls, values))

    def compute(self, **v: Any) -> dict[str, Any]:
        changed = replace(self.product, reorder_point=int(v["reorder_point"]),
                          lead_time_days=int(v["lead_time"]))
        catalog = Catalog(tuple(changed if p.sku == changed.sku else p for p in self.catalog))
        store = simulate(self.days, seed=self.seed, catalog=catalog)
        orders = store.orders
        mine = orders[orders["sku"] == changed.sku]
        lost = mine[mine["status"] == "stockout"]
        summary = store.summary()
        stock = store.stock_history()[changed.sku]
        return {"reorder_point": changed.reorder_point, "lead_time": changed.lead_time_days,
                "lost": len(lost), "sold": int((mine["status"] == "sold").sum()),
                "lost_days": np.unique(lost["date"].to_numpy()),
                "stock": stock, "profit": pesos(summary["profit_cents"])}

    def build(self, figure: Any) -> dict[str, Any]:
        figure.subplots_adjust(left=0.1, right=0.97, bottom=0.14, top=0.88)
        ax = figure.subplots()
        line = ax.plot(np.array([], dtype="datetime64[ns]"), [], color=OKABE_ITO["blue"],
                       label=t("dash.reorder.on_hand"))[0]
        point = ax.axhline(0, color=OKABE_ITO["vermillion"], linestyle="--",
                           label=t("dash.reorder.point_line"))
        lost = ax.scatter([], [], marker="|", s=80, color=OKABE_ITO["vermillion"],
                          label=t("dash.reorder.lost_marks"))
        ax.set_ylabel(t("dash.reorder.units_axis"))
        ax.tick_params(labelsize=7)
        ax.legend(fontsize=8, frameon=False, loc="upper right")
        return {"ax": ax, "line": line, "point": point, "lost": lost,
                "title": ax.set_title("", fontsize=10)}

    def refresh(self, result: dict[str, Any], art: dict[str, Any]) -> None:
        import matplotlib.dates as mdates

        ax = art["ax"]
        stock = result["stock"]
        values = stock.to_numpy()
        art["line"].set_data(stock.index, values)
        ax.relim()  # the days shown follow the line (with the usual margins)
        ax.autoscale_view(scaley=False)
        art["point"].set_ydata([result["reorder_point"]] * 2)
        days = mdates.date2num(result["lost_days"]) if len(result["lost_days"]) else []
        art["lost"].set_offsets(np.column_stack([days, np.zeros(len(days))])
                                if len(days) else np.empty((0, 2)))
        ax.set_ylim(-2, max(float(values.max()), result["reorder_point"]) * 1.15 + 1)
        art["title"].set_text(t("dash.reorder.title", product=self.product.name,
                                point=result["reorder_point"], lead=result["lead_time"]))

    def summary(self, result: dict[str, Any]) -> str:
        return t("dash.reorder.summary", product=self.product.name, sold=result["sold"],
                 lost=result["lost"], days=len(result["lost_days"]),
                 profit=Money(result["profit"]))

    def alt_text(self, result: dict[str, Any]) -> str:
        return t("dash.reorder.alt", product=self.product.name, point=result["reorder_point"],
                 lead=result["lead_time"], lost=result["lost"],
                 days=len(result["lost_days"]))

    def prediction(self, result: dict[str, Any]) -> int:
        return result["lost"]


class MarginDashboard(Dashboard):
    """Chapter 6: a piece's price and cost -> its contribution margin and break-even.

    The price includes IVA (:func:`mipyme.finance.taxes.split_iva` takes it out); margin
    and break-even come from :func:`mipyme.finance.rules.contribution_margin` and
    :func:`mipyme.finance.rules.break_even_units` with the month's fixed costs.

    >>> board = MarginDashboard(fixed_costs="48250.00")
    >>> board.prediction(board.update(price=520.0, unit_cost=180.0))
    180
    """

    prediction_key: ClassVar[str] = "dash.margin.predict"

    def __init__(self, *, fixed_costs: object = "48250.00", **values: Any) -> None:
        self.fixed_costs = round_money(as_decimal(fixed_costs, "fixed_costs"))
        if self.fixed_costs <= 0:
            raise InputError("errors.positive", arg="fixed_costs", value=fixed_costs)
        controls = (
            Control("price", "dash.margin.price", "float", 520.0, 300, 1200, 10),
            Control("unit_cost", "dash.margin.unit_cost", "float", 180.0, 50, 250, 5),
        )
        super().__init__(controls=controls, values=checked_values(controls, values))

    def compute(self, **v: Any) -> dict[str, Any]:
        price, cost = _pesos(v["price"]), _pesos(v["unit_cost"])
        net, iva = split_iva(price)
        margin = contribution_margin(net, cost)
        return {"price": price, "net": net, "iva": iva, "unit_cost": cost, "margin": margin,
                "break_even": break_even_units(self.fixed_costs, net, cost),
                "fixed": self.fixed_costs}

    def build(self, figure: Any) -> dict[str, Any]:
        figure.subplots_adjust(left=0.1, right=0.97, bottom=0.16, top=0.86, wspace=0.35)
        left, right = figure.subplots(1, 2, gridspec_kw={"width_ratios": [3, 2]})
        revenue = left.plot([], [], color=OKABE_ITO["blue"], label=t("dash.margin.revenue"))[0]
        cost = left.plot([], [], color=OKABE_ITO["vermillion"],
                         label=t("dash.margin.total_cost"))[0]
        be = left.axvline(0, color="#444", linestyle="--", label=t("dash.margin.break_even"))
        left.set_xlabel(t("dash.margin.units_axis"))
        left.set_ylabel(t("dash.chapters.pesos"))
        left.yaxis.set_major_formatter(_TICKS)
        left.tick_params(labelsize=7)
        left.legend(fontsize=8, frameon=False, loc="lower right")
        left_title = left.set_title("", fontsize=10)
        names = ("margin", "cost", "iva")
        colours = (OKABE_ITO["green"], _colour("grey"), OKABE_ITO["purple"])
        split = right.bar(range(3), [0.0] * 3, color=colours, width=0.6)
        split_labels = [right.text(i, 0, "", ha="center", va="bottom", fontsize=8)
                        for i in range(3)]
        right.set_xticks(range(3), [t(f"dash.margin.part.{n}") for n in names], fontsize=8)
        right.yaxis.set_major_formatter(_TICKS)
        right.tick_params(axis="y", labelsize=7)
        right.set_title(t("dash.margin.split_title"), fontsize=10)
        return {"left": left, "right": right, "revenue": revenue, "cost": cost, "be": be,
                "left_title": left_title, "split": split, "split_labels": split_labels}

    def refresh(self, result: dict[str, Any], art: dict[str, Any]) -> None:
        left, right = art["left"], art["right"]
        be = result["break_even"]
        top = max(10, int(be * 2))
        net, cost, fixed = (float(result["net"]), float(result["unit_cost"]),
                            float(result["fixed"]))
        art["revenue"].set_data([0, top], [0, net * top])
        art["cost"].set_data([0, top], [fixed, fixed + cost * top])
        art["be"].set_xdata([be, be])
        left.set_xlim(0, top)
        left.set_ylim(0, max(net, cost) * top * 1.05)
        art["left_title"].set_text(t("dash.margin.be_title", units=be))
        values = (result["margin"].per_unit, result["unit_cost"], result["iva"])
        for bar, label, value in zip(art["split"], art["split_labels"], values, strict=True):
            bar.set_height(float(value))
            label.set_y(float(value))
            label.set_text(_label(value))
        right.set_ylim(0, float(max(values)) * 1.2)

    def summary(self, result: dict[str, Any]) -> str:
        return t("dash.margin.summary", price=Money(result["price"]),
                 net=Money(result["net"]), margin=Money(result["margin"].per_unit),
                 ratio=f"{float(result['margin'].ratio):.1%}", fixed=Money(result["fixed"]),
                 units=result["break_even"])

    def alt_text(self, result: dict[str, Any]) -> str:
        return t("dash.margin.alt", price=Money(result["price"]),
                 margin=Money(result["margin"].per_unit), units=result["break_even"])

    def prediction(self, result: dict[str, Any]) -> int:
        return result["break_even"]
