"""The export quote builder: rule, market, product, mode and the peso -> the price ladder.

Computation uses the export engine (:func:`mipyme.export.price_grid` for the ladder,
:func:`mipyme.export.quote` for the chosen rule, :func:`mipyme.export.fx_scenarios` for the
margin if the buyer keeps paying today's price); the dashboard only gathers inputs and draws.
The example products are the flagship pieces of the kit's example businesses
(:func:`mipyme.datasets.catalog_table`), built once.

A sea-only rule (FAS, FOB, CFR, CIF) with air or courier is not a crash: the dashboard keeps
the student's choices, and the chart and the summary show the library's bilingual advice
(for example "FOB is for sea ... use FCA instead").

>>> from mipyme.dashboards.export import QuoteBuilderDashboard
>>> board = QuoteBuilderDashboard()
>>> result = board.update(rule="FOB", market="US", product="coffee", mode="sea",
...                       units=400, mxn_per_usd=20)
>>> result["price"].currency, result["rule"], result["place"]
('USD', 'FOB', 'Veracruz')
>>> result["ladder"]["rule"].tolist()
['EXW', 'FCA', 'FAS', 'FOB', 'CFR', 'CIF', 'DAP', 'DDP']
>>> from mipyme.i18n import language
>>> with language("en"):
...     print(board.summary(board.update(mode="air")))
FOB is for sea or inland waterway transport only (got mode='air', air transport); use FCA instead
"""

from __future__ import annotations

import datetime as dt
import html
from decimal import Decimal
from functools import lru_cache
from typing import Any, ClassVar

from mipyme.dashboards.base import Control, Dashboard, ShownText
from mipyme.datasets import businesses_table, catalog_table
from mipyme.errors import InputError
from mipyme.export import (
    MODES,
    RULES,
    Product,
    Shipment,
    check_rule,
    export_data,
    fx_scenarios,
    ladder_rules,
    price_grid,
    quote,
)
from mipyme.finance.charts import OKABE_ITO
from mipyme.i18n import get_language, t
from mipyme.money import Money, as_decimal, default_rates
from mipyme.tables import parse_date

__all__ = ["EXAMPLE_PRODUCTS", "QuoteBuilderDashboard", "RefusableDashboard"]

#: Tariff line -> (example business, SKU of its flagship product in the catalog).
EXAMPLE_PRODUCTS: dict[str, tuple[str, str]] = {
    "coffee": ("cafe", "CAF-GR-500"),
    "talavera": ("talavera", "TAL-PLT-27"),
    "silver_jewelry": ("plata", "PLA-ARR"),
    "cotton_apparel": ("telar", "TEJ-BLU"),
    "honey": ("miel", "MIE-500"),
    "mezcal": ("mezcal", "MEZ-ESP-750"),
}

_MARKETS = ("US", "CA", "DE", "MX")


def example_product(tariff_key: str) -> Product:
    """The flagship product of the business that sells under ``tariff_key``."""
    business, sku = EXAMPLE_PRODUCTS[tariff_key]
    row = catalog_table(business).set_index("sku").loc[sku]
    return Product(row["name_es"], tariff_key, unit_cost=row["unit_cost"],
                   weight_kg=f"{float(row['weight_kg']):.3f}",
                   dimensions_cm=(row["length_cm"], row["width_cm"], row["height_cm"]))


def refusal_advice(error: tuple[str, dict[str, Any]]) -> str:
    """The library's refusal as a sentence, with the transport mode named in words."""
    key, params = error
    params = dict(params)
    if params.get("mode") in MODES:
        params["mode"] = t(f"export.mode.{params['mode']}")
    return t(key, **params)


class RefusableDashboard(Dashboard):
    """A dashboard whose controls may give no price (FOB by air): it explains, never crashes.

    Its result carries ``"error"``: None, or the library's refusal (key, params).
    """

    def compare(self, guess: Any) -> str:
        """Like :meth:`Dashboard.compare`; if the controls give no price, say why instead."""
        if self.result is None:
            self.update()
        if self.result.get("error") is None:
            return ShownText(super().compare(guess))
        text = t("dash.exch.predict_refused", label=t(self.prediction_key),
                 advice=refusal_advice(self.result["error"]))
        try:
            from IPython.display import Markdown, display

            display(Markdown(text))
        except ImportError:  # pragma: no cover - plain Python
            pass
        return ShownText(text)


class QuoteBuilderDashboard(RefusableDashboard):
    """Price one shipment for export and see each Incoterms rule's step on the ladder.

    Controls: the rule, the market, the product (its tariff line), the transport mode,
    the units and the exchange rate in pesos per dollar (15 to 26). The quote is in US
    dollars, dated ``on`` (tariffs and fees in force that day). The figure a student
    predicts is the price per unit.
    """

    prediction_key: ClassVar[str] = "dash.export.predict_per_unit"

    def __init__(self, on: object = "2026-01-21", **values: Any) -> None:
        controls = (
            Control("rule", "dash.export.rule", "choice", "FOB", options=RULES),
            Control("market", "dash.export.market", "choice", "US", options=_MARKETS,
                    option_keys=tuple(f"dash.export.market_{m}" for m in _MARKETS)),
            Control("product", "dash.export.product", "choice", "coffee",
                    options=tuple(EXAMPLE_PRODUCTS),
                    option_keys=tuple(f"dash.export.product_{p}" for p in EXAMPLE_PRODUCTS)),
            Control("mode", "dash.export.mode", "choice", "sea", options=MODES,
                    option_keys=tuple(f"export.mode.{m}" for m in MODES)),
            Control("units", "dash.export.units", "int", 200, 1, 2000, 1),
            Control("mxn_per_usd", "dash.export.mxn_per_usd", "float", 17.5, 15.0, 26.0, 0.25),
        )
        self.on: dt.date = parse_date(on, "on")
        self.data = export_data()
        self.rates = default_rates()
        # Built once: the example products and the exchange-rate scenarios.
        self.products = {key: example_product(key) for key in EXAMPLE_PRODUCTS}
        cities = businesses_table().set_index("business")["city"]
        self.origins = {key: cities[business] for key, (business, _) in EXAMPLE_PRODUCTS.items()}
        self._rates_at = lru_cache(maxsize=64)(self._scenario_rates)
        super().__init__(controls=controls, values=dict(values))

    def _scenario_rates(self, mxn: Decimal):
        return self.rates.with_rate("USD", self.on, mxn)

    def compute(self, **v: Any) -> dict[str, Any]:
        mode = v["mode"]
        try:
            rule = check_rule(v["rule"], mode)
        except InputError as refused:  # a sea-only rule by air or courier: show the advice
            return {"error": (refused.key, refused.params), "rule": v["rule"], "mode": mode}
        product = self.products[v["product"]]
        shipment = Shipment(product, units=int(v["units"]), mode=mode,
                            origin=self.origins[v["product"]])
        mxn = as_decimal(f"{v['mxn_per_usd']:.4f}", "mxn_per_usd", places=4)
        ladder = price_grid(shipment, rules=ladder_rules(mode), markets=(v["market"],),
                            mxn_per_unit=(mxn,), currency="USD", on=self.on, rates=self.rates,
                            data=self.data)
        ladder = ladder[["rule", "price"]].reset_index(drop=True)
        ladder["step"] = ladder["price"] - ladder["price"].shift(1, fill_value=Decimal(0))
        chosen = quote(shipment, rule, v["market"], "USD", self.on, self._rates_at(mxn),
                       data=self.data)
        held = fx_scenarios(shipment, rule, v["market"], "USD", self.on, self.rates,
                            scenarios=(mxn,), data=self.data)
        margin_mxn = sum((x.amount_mxn for x in chosen.seller if x.line == "margin"),
                         Decimal(0))
        return {
            "error": None,
            "rule": rule, "mode": mode, "market": chosen.market, "place": chosen.place,
            "product": product, "product_key": v["product"], "units": shipment.units, "mxn_per_usd": mxn,
            "ladder": ladder, "quote": chosen,
            "price": chosen.price, "price_per_unit": chosen.price_per_unit,
            "landed": chosen.landed,
            "margin_mxn": Money(margin_mxn),
            "margin_share": (chosen.margin.amount / chosen.price.amount).quantize(
                Decimal("0.0001")),
            "margin_mxn_at_today_price": Money(held["margin_mxn_at_today_price"].iloc[0]),
        }

    def prediction(self, result: dict[str, Any]) -> Money:
        """The price per unit of the chosen rule (what the chapters ask to predict)."""
        return result["price_per_unit"]

    # -- display ---------------------------------------------------------------------
    @staticmethod
    def _frame(result: dict[str, Any]) -> tuple[str, ...]:
        """What the figure's frame depends on: the ladder's rules, or a refusal."""
        return ("refused",) if result["error"] is not None else tuple(result["ladder"]["rule"])

    def draw(self, result: dict[str, Any], figure: Any) -> None:
        self._frame_shown = self._frame(result)
        super().draw(result, figure)

    def redraw(self, result: dict[str, Any], figure: Any) -> None:
        """Move the bars and the price line; draw afresh only if the ladder's rules change."""
        if self._frame(result) != getattr(self, "_frame_shown", None):
            self._artists = None
        super().redraw(result, figure)

    def build(self, figure: Any) -> dict[str, Any]:
        ax = figure.add_subplot()
        rules = self._frame_shown
        if rules == ("refused",):
            ax.set_axis_off()
            return {"refused": (
                ax.text(0.5, 0.55, "", ha="center", va="center", fontsize=13,
                        fontweight="bold", color=OKABE_ITO["vermillion"], transform=ax.transAxes),
                ax.text(0.5, 0.38, "", ha="center", va="center", fontsize=9, wrap=True,
                        transform=ax.transAxes))}
        bars = [ax.bar(i, 1.0, color=OKABE_ITO["blue"] if i == 0 else OKABE_ITO["orange"],
                       edgecolor="black", linewidth=0.6)[0] for i in range(len(rules))]
        total = ax.bar(len(rules), 1.0, color=OKABE_ITO["green"], edgecolor="black")[0]
        line = ax.axhline(0.0, color=OKABE_ITO["vermillion"], linestyle="--", linewidth=1.2,
                          label=" ")
        labels = [name if i == 0 else f"+ {name}" for i, name in enumerate(rules)]
        ax.set_xticks(range(len(rules) + 1), [*labels, rules[-1]], rotation=30, ha="right")
        legend = ax.legend(fontsize=8, frameon=False, loc="upper left")
        figure.subplots_adjust(left=0.12, right=0.98, top=0.9, bottom=0.2)
        return {"ax": ax, "rules": rules, "bars": bars, "total": total, "line": line,
                "legend": legend, "title": ax.set_title("", fontsize=10)}

    def refresh(self, result: dict[str, Any], art: dict[str, Any]) -> None:
        if "refused" in art:
            title, message = art["refused"]
            title.set_text(t("dash.export.refused_title", rule=result["rule"]))
            message.set_text(refusal_advice(result["error"]))
            return
        ax, ladder, rule = art["ax"], result["ladder"], result["rule"]
        running = 0.0
        for i, (bar, name, step) in enumerate(zip(art["bars"], ladder["rule"], ladder["step"],
                                                  strict=True)):
            step = float(step)
            highlight = name == rule
            bar.set_y(running if i else 0.0)
            bar.set_height(step)
            bar.set_linewidth(2.5 if highlight else 0.6)
            bar.set_hatch("//" if highlight else None)
            running = running + step if i else step
        art["total"].set_height(running)
        price = float(result["price"].amount)
        art["line"].set_ydata([price, price])
        art["legend"].get_texts()[0].set_text(
            t("dash.export.chosen_line", rule=rule, place=result["place"]).replace("$", r"\$"))
        for tick, name in zip(ax.get_xticklabels(), art["rules"], strict=False):
            chosen = name == rule  # the chosen rule's step, in the colour of its price line
            tick.set_color(OKABE_ITO["vermillion"] if chosen else "black")
            tick.set_fontweight("bold" if chosen else "normal")
        ax.set_ylim(0, max(running, price) * 1.08)
        art["title"].set_text(t("dash.export.title", product=self._product_name(result),
                                market=result["market"].name(get_language()),
                                rate=f"{result['mxn_per_usd']:.2f}"))
        ax.set_ylabel(t("dash.export.ylabel", units=result["units"]))

    @staticmethod
    def _product_name(result: dict[str, Any]) -> str:
        return t(f"dash.export.product_{result['product_key']}")

    def alt_text(self, result: dict[str, Any]) -> str:
        """The chart in words: the ladder's first and last price and the chosen rule's
        (or, if the controls give no price, the advice the chart shows)."""
        if result["error"] is not None:
            return refusal_advice(result["error"])
        lang, ladder = get_language(), result["ladder"]
        return t("dash.export.alt", product=self._product_name(result),
                 market=result["market"].name(lang),
                 first=Money(ladder["price"].iloc[0], "USD").format(lang),
                 last=Money(ladder["price"].iloc[-1], "USD").format(lang),
                 rule=result["rule"], price=result["price"].format(lang))

    def summary(self, result: dict[str, Any]) -> str:
        if result["error"] is not None:
            return html.escape(refusal_advice(result["error"]), quote=False)
        lang = get_language()
        return t("dash.export.summary", rule=result["rule"], place=html.escape(result["place"]),
                 price=result["price"].format(lang),
                 per_unit=result["price_per_unit"].format(lang),
                 landed=result["landed"].format(lang),
                 margin=result["margin_mxn"].format(lang),
                 share=f"{float(result['margin_share']) * 100:.1f}",
                 held=result["margin_mxn_at_today_price"].format(lang))
