"""Dashboards of the export chapters: Incoterms (ch07), customs (ch09), marketplaces (ch10).

Each one moves the chapter's key variable and prices the chapter's example shipment with
:func:`mipyme.export.quote`, the one source of every export formula; the dashboards only
gather inputs, add up the quote's own lines for the picture, and draw.

- :class:`IncotermDashboard`: rule and transport mode -> who pays each cost and the price at
  the named place. A sea-only rule by air or courier is explained, not a crash.
- :class:`CustomsDashboard`: market, origin under the trade agreement and import date ->
  duty, fees, taxes and the delivered (DDP) price.
- :class:`MarketplaceDashboard`: the marketplace's fees and the pieces per order -> the price
  per piece that keeps the margin, and what the seller keeps of it.

>>> from mipyme.dashboards.export_chapters import IncotermDashboard
>>> board = IncotermDashboard()
>>> result = board.update(rule="FCA", mode="air")
>>> result["place"], result["price"].currency
('Maní', 'CAD')
>>> from mipyme.i18n import language
>>> with language("en"):
...     print(board.summary(board.update(rule="FOB")))
FOB is for sea or inland waterway transport only (got mode='air', air transport); use FCA instead
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
from decimal import Decimal
from typing import Any, ClassVar

from mipyme.dashboards.base import Control
from mipyme.dashboards.export import (
    EXAMPLE_PRODUCTS,
    RefusableDashboard,
    example_product,
    refusal_advice,
)
from mipyme.datasets import businesses_table
from mipyme.errors import InputError
from mipyme.export import LINES, MODES, RULES, Shipment, check_rule, export_data, quote
from mipyme.finance.charts import OKABE_ITO
from mipyme.i18n import get_language, t
from mipyme.money import Money, as_decimal, default_rates, round_money
from mipyme.tables import parse_date

__all__ = ["CustomsDashboard", "IncotermDashboard", "MarketplaceDashboard"]

_ZERO = Decimal("0.00")


def _example_shipment(tariff_key: str, units: int, mode: str) -> Shipment:
    """The flagship product of the business selling under ``tariff_key``, from its town."""
    business = EXAMPLE_PRODUCTS[tariff_key][0]
    city = businesses_table().set_index("business")["city"][business]
    return Shipment(example_product(tariff_key), units=units, mode=mode, origin=city)


def _two_stacked_bars(figure: Any, colours: tuple[str, ...], rows: tuple[str, str],
                      parts: list[str], xlabel: str, *, edge: bool = False) -> dict[str, Any]:
    """Two horizontal bars of stacked parts (a coloured segment per part), a total beside
    each, the parts' legend under the axis: what the customs and marketplace dashboards show.
    Returns the artists that move: ``segments`` (one bar container per part), ``totals``."""
    from matplotlib.patches import Patch

    ax = figure.add_subplot()
    lines = {"edgecolor": "black", "linewidth": 0.4} if edge else {}
    segments = [ax.barh([0, 1], [1.0, 1.0], color=c, height=0.55, **lines) for c in colours]
    totals = [ax.text(0, y, "", va="center", fontsize=9) for y in (0, 1)]
    ax.set_yticks([0, 1], list(rows))
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.legend(handles=[Patch(color=c, label=label) for label, c in zip(parts, colours,
                                                                     strict=True)],
              fontsize=8, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.18),
              ncol=len(parts))
    figure.subplots_adjust(left=0.2, right=0.95, top=0.88, bottom=0.3)
    return {"ax": ax, "segments": segments, "totals": totals,
            "title": ax.set_title("", fontsize=10)}


# -- ch07 · Incoterms ------------------------------------------------------------------------
class IncotermDashboard(RefusableDashboard):
    """One shipment, one rule, one transport mode: who pays each cost, and the price.

    Controls: the Incoterms 2020 rule and the transport mode. Every cost line from the
    workshop to the buyer's door is a bar, blue if the seller pays it (it is in her price),
    orange if the buyer pays it on top. The shipment, market and currency are fixed.
    """

    prediction_key: ClassVar[str] = "dash.incoterm.predict_price"

    def __init__(self, shipment: Shipment | None = None, market: str = "CA",
                 currency: str = "CAD", on: object = "2026-01-21", **values: Any) -> None:
        controls = (
            Control("rule", "dash.export.rule", "choice", "FCA", options=RULES),
            Control("mode", "dash.export.mode", "choice", "air", options=MODES,
                    option_keys=tuple(f"export.mode.{m}" for m in MODES)),
        )
        self.shipment = shipment if shipment is not None else _example_shipment("honey", 240,
                                                                                 "air")
        self.market, self.currency = market, currency
        self.on: dt.date = parse_date(on, "on")
        self.data, self.rates = export_data(), default_rates()
        super().__init__(controls=controls, values=dict(values))

    def compute(self, **v: Any) -> dict[str, Any]:
        mode = v["mode"]
        try:
            rule = check_rule(v["rule"], mode)
        except InputError as refused:  # a sea-only rule by air or courier: show the advice
            return {"error": (refused.key, refused.params), "rule": v["rule"], "mode": mode}
        shipment = dataclasses.replace(self.shipment, mode=mode)
        q = quote(shipment, rule, self.market, self.currency, self.on, self.rates,
                  data=self.data)
        amounts = {x.line: (x.amount, x.payer) for x in q.seller + q.buyer}
        return {"error": None, "rule": rule, "mode": mode, "quote": q, "place": q.place,
                "price": q.price, "landed": q.landed, "per_unit": q.price_per_unit,
                "buyer_pays": q.landed - q.price, "units": shipment.units,
                "lines": [(line, *amounts[line]) for line in LINES],
                "seller_lines": len(q.seller), "all_lines": len(LINES)}

    def prediction(self, result: dict[str, Any]) -> Money:
        return result["price"]

    # -- display ---------------------------------------------------------------------
    def build(self, figure: Any) -> dict[str, Any]:
        from matplotlib.patches import Patch

        ax = figure.add_subplot()
        rows = range(len(LINES))
        bars = ax.barh(rows, [1.0] * len(LINES), color=OKABE_ITO["blue"], height=0.7)
        labels = [ax.text(0, y, "", va="center", fontsize=7) for y in rows]
        ax.set_yticks(list(rows), [t(f"export.line.{x}") for x in LINES], fontsize=7)
        ax.invert_yaxis()
        # Each bar carries its amount, so the amount axis needs no ticks (fewer texts to
        # lay out keeps a move of the control fast).
        ax.tick_params(axis="y", length=0)
        ax.set_xticks([])
        ax.set_xlabel(t("dash.incoterm.xlabel", currency=self.currency))
        ax.legend(handles=[Patch(color=OKABE_ITO["blue"], label=t("export.payer.seller")),
                           Patch(color=OKABE_ITO["orange"], label=t("export.payer.buyer"))],
                  fontsize=8, frameon=False, loc="lower right")
        figure.subplots_adjust(left=0.36, right=0.97, top=0.86, bottom=0.12)
        # Where a rule cannot be used with the mode, the advice takes the chart's place.
        refused = (figure.text(0.5, 0.6, "", ha="center", va="center", fontsize=13,
                               fontweight="bold", color=OKABE_ITO["vermillion"]),
                   figure.text(0.5, 0.42, "", ha="center", va="center", fontsize=9,
                               wrap=True))
        return {"ax": ax, "bars": bars, "labels": labels, "refused": refused,
                "title": ax.set_title("", fontsize=10)}

    def refresh(self, result: dict[str, Any], art: dict[str, Any]) -> None:
        refused = result["error"] is not None
        art["ax"].set_visible(not refused)
        for text in art["refused"]:
            text.set_visible(refused)
        if refused:
            message = refusal_advice(result["error"])
            art["refused"][0].set_text(t("dash.export.refused_title", rule=result["rule"]))
            art["refused"][1].set_text(message)
            return
        top = max(float(amount) for _, amount, _ in result["lines"]) or 1.0
        for bar, label, (_, amount, payer) in zip(art["bars"], art["labels"], result["lines"],
                                                  strict=True):
            width = float(amount)
            bar.set_width(width)
            bar.set_color(OKABE_ITO["blue"] if payer == "seller" else OKABE_ITO["orange"])
            label.set_x(width + top * 0.01)
            label.set_text(f"{width:,.2f}")
        art["ax"].set_xlim(0, top * 1.18)
        lang = get_language()
        art["title"].set_text(_chart_text("dash.incoterm.title", rule=result["rule"],
                                place=result["place"], price=result["price"].format(lang),
                                landed=result["landed"].format(lang)))

    def summary(self, result: dict[str, Any]) -> str:
        if result["error"] is not None:
            return html.escape(refusal_advice(result["error"]), quote=False)
        lang = get_language()
        return t("dash.incoterm.summary", rule=result["rule"],
                 place=html.escape(result["place"]), price=result["price"].format(lang),
                 per_unit=result["per_unit"].format(lang), units=result["units"],
                 seller=result["seller_lines"], lines=result["all_lines"],
                 buyer=result["buyer_pays"].format(lang), landed=result["landed"].format(lang))

    def alt_text(self, result: dict[str, Any]) -> str:
        if result["error"] is not None:
            return refusal_advice(result["error"])
        lang = get_language()
        return t("dash.incoterm.alt", rule=result["rule"], place=result["place"],
                 seller=result["seller_lines"], lines=result["all_lines"],
                 price=result["price"].format(lang), landed=result["landed"].format(lang))


def _chart_text(key: str, **params: Any) -> str:
    """A catalogue text for a chart: a dollar sign is a dollar sign, not a formula."""
    return t(key, **params).replace("$", r"\$")


# -- ch09 · customs and USMCA ----------------------------------------------------------------
#: Import dates of chapter 9: with the IEEPA tariffs, with Section 122, base duty only.
IMPORT_DATES: tuple[str, ...] = ("2026-01-21", "2026-03-02", "2026-08-03")
_CUSTOMS_MARKETS = ("US", "CA", "DE")
#: The groups of a delivered (DDP) price, in the order they pile up.
_DDP_PARTS = ("to_border", "duty", "import_fees", "import_taxes")
_PART_COLOURS = (OKABE_ITO["sky_blue"], OKABE_ITO["vermillion"], OKABE_ITO["orange"],
                 OKABE_ITO["purple"])


class CustomsDashboard(RefusableDashboard):
    """A delivered (DDP) shipment: market, origin under the agreement and import date.

    Two bars, the same shipment without and with proof of origin, each split into the
    road to the border, the duty, the import fees and the import taxes; the bar of the
    chosen origin is outlined. The summary and the prediction follow the chosen origin.

    >>> board = CustomsDashboard()
    >>> board.update(market="US", origin="no", date="2026-03-02")["rate"]
    Decimal('0.15')
    >>> board.update(origin="yes")["duty"]
    Money('0.00', 'USD')
    """

    prediction_key: ClassVar[str] = "dash.customs.predict_duty"

    def __init__(self, shipment: Shipment | None = None, **values: Any) -> None:
        controls = (
            Control("market", "dash.export.market", "choice", "US", options=_CUSTOMS_MARKETS,
                    option_keys=tuple(f"dash.export.market_{m}" for m in _CUSTOMS_MARKETS)),
            Control("origin", "dash.customs.origin", "choice", "no", options=("no", "yes"),
                    option_keys=("dash.customs.origin_no", "dash.customs.origin_yes")),
            Control("date", "dash.customs.date", "choice", IMPORT_DATES[0],
                    options=IMPORT_DATES,
                    option_keys=tuple(f"dash.customs.date_{d}" for d in IMPORT_DATES)),
        )
        self.shipment = shipment if shipment is not None else _example_shipment(
            "silver_jewelry", 300, "courier")
        self.data, self.rates = export_data(), default_rates()
        super().__init__(controls=controls, values=dict(values))

    def _quote(self, market: str, originating: bool, day: str):
        product = dataclasses.replace(self.shipment.product, usmca_originating=originating)
        return quote(dataclasses.replace(self.shipment, product=product), "DDP", market, "USD",
                     day, self.rates, data=self.data)

    def compute(self, **v: Any) -> dict[str, Any]:
        market, day = v["market"], v["date"]
        chosen = v["origin"] == "yes"
        bars = {}
        for originating in (False, True):
            q = self._quote(market, originating, day)
            parts = dict.fromkeys(_DDP_PARTS, _ZERO)
            for x in q.seller + q.buyer:
                part = x.line if x.line in _DDP_PARTS else "to_border"
                parts[part] += x.amount
            rate, _ = self.data.duty_rate(self.shipment.product.tariff_key, market, day,
                                          originating)
            bars[originating] = {"quote": q, "parts": parts, "rate": rate}
        mine = bars[chosen]
        q = mine["quote"]
        return {"error": None, "market": q.market, "date": day, "originating": chosen,
                "bars": bars, "price": q.price, "per_unit": q.price_per_unit,
                "duty": Money(mine["parts"]["duty"], "USD"),
                "fees": Money(mine["parts"]["import_fees"], "USD"),
                "taxes": Money(mine["parts"]["import_taxes"], "USD"),
                "rate": mine["rate"], "place": q.place, "units": self.shipment.units}

    def prediction(self, result: dict[str, Any]) -> Money:
        return result["duty"]

    # -- display ---------------------------------------------------------------------
    def build(self, figure: Any) -> dict[str, Any]:
        return _two_stacked_bars(
            figure, _PART_COLOURS, (t("dash.customs.bar_no"), t("dash.customs.bar_yes")),
            [t(f"dash.customs.part_{p}") for p in _DDP_PARTS], t("dash.customs.xlabel"),
            edge=True)

    def refresh(self, result: dict[str, Any], art: dict[str, Any]) -> None:
        lang = get_language()
        top = 0.0
        for y, originating in enumerate((False, True)):
            bar = result["bars"][originating]
            left = 0.0
            highlight = originating == result["originating"]
            for part, container in zip(_DDP_PARTS, art["segments"], strict=True):
                width = float(bar["parts"][part])
                patch = container.patches[y]
                patch.set_x(left)
                patch.set_width(width)
                patch.set_linewidth(2.2 if highlight else 0.4)
                left += width
            art["totals"][y].set_x(left * 1.01)
            art["totals"][y].set_text(_chart_text("dash.customs.bar_total",
                                        price=bar["quote"].price.format(lang),
                                        rate=f"{float(bar['rate']) * 100:.1f}"))
            art["totals"][y].set_fontweight("bold" if highlight else "normal")
            top = max(top, left)
        art["ax"].set_xlim(0, top * 1.35)
        art["title"].set_text(t("dash.customs.title", units=result["units"],
                                market=result["market"].name(lang),
                                date=t(f"dash.customs.date_{result['date']}")))

    def summary(self, result: dict[str, Any]) -> str:
        lang = get_language()
        return t("dash.customs.summary", rate=f"{float(result['rate']) * 100:.1f}",
                 duty=result["duty"].format(lang), fees=result["fees"].format(lang),
                 taxes=result["taxes"].format(lang), place=html.escape(result["place"]),
                 price=result["price"].format(lang), per_unit=result["per_unit"].format(lang))

    def alt_text(self, result: dict[str, Any]) -> str:
        lang = get_language()
        without, with_origin = result["bars"][False], result["bars"][True]
        return t("dash.customs.alt", market=result["market"].name(lang),
                 date=t(f"dash.customs.date_{result['date']}"),
                 no=without["quote"].price.format(lang),
                 no_rate=f"{float(without['rate']) * 100:.1f}",
                 yes=with_origin["quote"].price.format(lang),
                 yes_rate=f"{float(with_origin['rate']) * 100:.1f}")


# -- ch10 · marketplaces abroad --------------------------------------------------------------
class MarketplaceDashboard(RefusableDashboard):
    """A delivered (DDP) parcel sold on a marketplace: its fees and the pieces per order.

    Controls: the marketplace's fees as a percentage of the final price, the pieces in each
    parcel and the market. The fee is passed on the way the library does it, so the margin
    stays; the chart splits one piece's price into costs, margin and the marketplace's cut,
    beside the same piece sold with no fee.

    >>> board = MarketplaceDashboard()
    >>> without, with_fee = board.update(fee_pct=0.0), board.update(fee_pct=12.0)
    >>> with_fee["margin"] == without["margin"], with_fee["price"] > without["price"]
    (True, True)
    >>> board.update(units=0)
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'units' debe estar entre 1 y 10 (se recibió 0)
    """

    prediction_key: ClassVar[str] = "dash.market.predict_price"

    def __init__(self, shipment: Shipment | None = None, on: object = "2026-01-21",
                 **values: Any) -> None:
        controls = (
            Control("fee_pct", "dash.market.fee_pct", "float", 0.0, 0.0, 40.0, 0.5),
            Control("units", "dash.market.units", "int", 1, 1, 10, 1),
            Control("market", "dash.export.market", "choice", "US", options=_CUSTOMS_MARKETS,
                    option_keys=tuple(f"dash.export.market_{m}" for m in _CUSTOMS_MARKETS)),
        )
        self.shipment = shipment if shipment is not None else _example_shipment(
            "cotton_apparel", 1, "courier")
        self.on: dt.date = parse_date(on, "on")
        self.data, self.rates = export_data(), default_rates()
        super().__init__(controls=controls, values=dict(values))

    def _per_piece(self, units: int, market: str, fee: Decimal | None) -> dict[str, Any]:
        shipment = dataclasses.replace(self.shipment, units=units, mode="courier")
        q = quote(shipment, "DDP", market, "USD", self.on, self.rates, platform_fee=fee,
                  data=self.data)
        # The quote's own lines, grouped: the marketplace's cut, the margin, the rest.
        groups = {"cut": _ZERO, "margin": _ZERO, "costs": _ZERO}
        for x in q.seller:
            group = {"platform_fee": "cut", "margin": "margin"}.get(x.line, "costs")
            groups[group] += x.amount
        groups["kept"] = groups["costs"] + groups["margin"]
        per = {k: Money(round_money(v / units), "USD") for k, v in groups.items()}
        return {"quote": q, "price": q.price_per_unit, **per}

    def compute(self, **v: Any) -> dict[str, Any]:
        fee = as_decimal(f"{v['fee_pct']:.2f}", "fee_pct") / 100
        units = int(v["units"])
        with_fee = self._per_piece(units, v["market"], fee if fee else None)
        without = self._per_piece(units, v["market"], None)
        return {"error": None, "fee": fee, "units": units, "market": with_fee["quote"].market,
                "with_fee": with_fee, "without": without, "price": with_fee["price"],
                "cut": with_fee["cut"], "kept": with_fee["kept"], "margin": with_fee["margin"],
                "price_without": without["price"]}

    def prediction(self, result: dict[str, Any]) -> Money:
        return result["price"]

    # -- display ---------------------------------------------------------------------
    _PARTS = ("costs", "margin", "cut")
    _COLOURS = (OKABE_ITO["sky_blue"], OKABE_ITO["green"], OKABE_ITO["vermillion"])

    def build(self, figure: Any) -> dict[str, Any]:
        return _two_stacked_bars(
            figure, self._COLOURS, (t("dash.market.bar_without"), t("dash.market.bar_with")),
            [t(f"dash.market.part_{p}") for p in self._PARTS], t("dash.market.xlabel"))

    def refresh(self, result: dict[str, Any], art: dict[str, Any]) -> None:
        lang = get_language()
        top = 0.0
        for y, bar in enumerate((result["without"], result["with_fee"])):
            left = 0.0
            for part, container in zip(self._PARTS, art["segments"], strict=True):
                width = float(bar[part].amount)
                patch = container.patches[y]
                patch.set_x(left)
                patch.set_width(width)
                left += width
            art["totals"][y].set_x(left * 1.01)
            art["totals"][y].set_text(bar["price"].format(lang).replace("$", r"\$"))
            top = max(top, left)
        art["ax"].set_xlim(0, top * 1.3)
        art["title"].set_text(t("dash.market.title", market=result["market"].name(lang),
                                units=result["units"], fee=_percent(result["fee"])))

    def summary(self, result: dict[str, Any]) -> str:
        lang = get_language()
        return t("dash.market.summary", fee=_percent(result["fee"]),
                 price=result["price"].format(lang), cut=result["cut"].format(lang),
                 kept=result["kept"].format(lang), margin=result["margin"].format(lang),
                 without=result["price_without"].format(lang))

    def alt_text(self, result: dict[str, Any]) -> str:
        lang = get_language()
        return t("dash.market.alt", fee=_percent(result["fee"]), units=result["units"],
                 market=result["market"].name(lang), without=result["price_without"].format(lang),
                 price=result["price"].format(lang), cut=result["cut"].format(lang))


def _percent(share: Decimal) -> str:
    """A fraction as a percentage for a sentence: 0.12 -> '12', 0.125 -> '12.5'."""
    return f"{(share * 100).normalize():f}"
