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
FOB is for sea or inland waterway transport only (got mode 'air'); use FCA instead
"""

from __future__ import annotations

import datetime as dt
import html
from decimal import Decimal
from functools import lru_cache
from typing import Any

import pandas as pd

from mipyme.dashboards.base import Control, Dashboard
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

__all__ = ["EXAMPLE_PRODUCTS", "QuoteBuilderDashboard"]

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


def _example_product(tariff_key: str) -> Product:
    """The flagship product of the business that sells under ``tariff_key``."""
    business, sku = EXAMPLE_PRODUCTS[tariff_key]
    row = catalog_table(business).set_index("sku").loc[sku]
    return Product(row["name_es"], tariff_key, unit_cost=row["unit_cost"],
                   weight_kg=f"{float(row['weight_kg']):.3f}",
                   dimensions_cm=(row["length_cm"], row["width_cm"], row["height_cm"]))


class QuoteBuilderDashboard(Dashboard):
    """Price one shipment for export and see each Incoterms rule's step on the ladder.

    Controls: the rule, the market, the product (its tariff line), the transport mode,
    the units and the exchange rate in pesos per dollar (15 to 26). The quote is in US
    dollars, dated ``on`` (tariffs and fees in force that day).
    """

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
        self.products = {key: _example_product(key) for key in EXAMPLE_PRODUCTS}
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

    # -- display ---------------------------------------------------------------------
    def draw(self, result: dict[str, Any], figure: Any) -> None:
        ax = figure.add_subplot()
        if result["error"] is not None:
            key, params = result["error"]
            message = t(key, **params)
            ax.set_axis_off()
            ax.text(0.5, 0.55, t("dash.export.refused_title", rule=result["rule"]),
                    ha="center", va="center", fontsize=13, fontweight="bold",
                    color=OKABE_ITO["vermillion"], transform=ax.transAxes)
            ax.text(0.5, 0.38, message, ha="center", va="center", fontsize=9, wrap=True,
                    transform=ax.transAxes)
            figure.alt_text = message
            return
        ladder: pd.DataFrame = result["ladder"]
        rule = result["rule"]
        labels = []
        running = 0.0
        for i, (name, step) in enumerate(zip(ladder["rule"], ladder["step"], strict=True)):
            step = float(step)
            colour = OKABE_ITO["blue"] if i == 0 else OKABE_ITO["orange"]
            highlight = name == rule
            ax.bar(i, step, bottom=running if i else 0.0, color=colour,
                   edgecolor="black", linewidth=2.5 if highlight else 0.6,
                   hatch="//" if highlight else None)
            running = running + step if i else step
            labels.append(name if i == 0 else f"+ {name}")
        ax.bar(len(labels), running, color=OKABE_ITO["green"], edgecolor="black")
        labels.append(ladder["rule"].iloc[-1])
        price = float(result["price"].amount)
        ax.axhline(price, color=OKABE_ITO["vermillion"], linestyle="--", linewidth=1.2,
                   label=t("dash.export.chosen_line", rule=rule, place=result["place"]))
        ax.set_xticks(range(len(labels)), labels, rotation=30, ha="right")
        for tick, name in zip(ax.get_xticklabels(), ladder["rule"], strict=False):
            if name == rule:  # the chosen rule's step, in the colour of its price line
                tick.set_color(OKABE_ITO["vermillion"])
                tick.set_fontweight("bold")
        lang = get_language()
        market = result["market"].name(lang)
        name = t(f"dash.export.product_{result['product_key']}")
        ax.set_title(t("dash.export.title", product=name, market=market,
                       rate=f"{result['mxn_per_usd']:.2f}"), fontsize=10)
        ax.set_ylabel(t("dash.export.ylabel", units=result["units"]))
        ax.legend(fontsize=8, frameon=False, loc="upper left")
        figure.subplots_adjust(left=0.12, right=0.98, top=0.9, bottom=0.2)
        figure.alt_text = t("dash.export.alt", product=name, market=market,
                            first=Money(ladder["price"].iloc[0], "USD").format(lang),
                            last=Money(ladder["price"].iloc[-1], "USD").format(lang),
                            rule=rule, price=result["price"].format(lang))

    def summary(self, result: dict[str, Any]) -> str:
        if result["error"] is not None:
            key, params = result["error"]
            return html.escape(t(key, **params), quote=False)
        lang = get_language()
        return t("dash.export.summary", rule=result["rule"], place=html.escape(result["place"]),
                 price=result["price"].format(lang),
                 per_unit=result["price_per_unit"].format(lang),
                 landed=result["landed"].format(lang),
                 margin=result["margin_mxn"].format(lang),
                 share=f"{float(result['margin_share']) * 100:.1f}",
                 held=result["margin_mxn_at_today_price"].format(lang))
