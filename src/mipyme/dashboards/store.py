"""The store dashboard: price and ads per channel -> visits, orders, profit and cash.

Each change simulates a short period (90 days by default) of the online store of
:mod:`mipyme.store` with a fixed seed, so the same inputs always give the same numbers and a
student sees only the effect of what they moved. Computation is the store simulator
(:func:`mipyme.store.simulate`); the dashboard only gathers inputs, adds up and draws.

>>> from mipyme.dashboards.store import StoreDashboard
>>> board = StoreDashboard(days=28)
>>> result = board.update(price_pct=100, ad_mercado_libre=700)
>>> result["profit"] == sum(result["by_channel"]["profit"])
True
>>> board.update(price_pct=300)
Traceback (most recent call last):
...
mipyme.errors.InputError: 'price_pct' debe estar entre 50 y 200 (se recibió 300)
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

import matplotlib.dates as mdates
import matplotlib.ticker as mticker
import numpy as np
import pandas as pd

from mipyme.dashboards.base import Control, Dashboard
from mipyme.errors import InputError
from mipyme.finance.charts import OKABE_ITO
from mipyme.i18n import get_language, t
from mipyme.money import Money, as_decimal, pesos, round_money  # pesos: kept importable here
from mipyme.store import Catalog, channels, example_catalog, simulate, unit_economics

__all__ = ["QUARTERS", "StoreDashboard", "pesos"]

#: The first day of each quarter a student can simulate (2026).
QUARTERS: dict[str, str] = {"q1": "2026-01-01", "q2": "2026-04-01", "q3": "2026-07-01",
                            "q4": "2026-10-01"}




def _amount(value: float) -> Decimal:
    return round_money(as_decimal(f"{value:.2f}", "value"))


def _whole(value: object, arg: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise InputError("errors.not_a_number", arg=arg, value=value)
    if not low <= value <= high:
        raise InputError("errors.between", arg=arg, low=low, high=high, value=value)
    return int(value)


class StoreDashboard(Dashboard):
    """Price and weekly ads per channel of the example crafts store, one quarter at a time.

    Controls: price as a percentage of each product's list price, the weekly ad budget
    (IVA included) of each channel (own web store, Mercado Libre, Amazon Mexico, Etsy) and
    the quarter of 2026 to simulate (the fourth has El Buen Fin and December).
    The result has the period's visits, orders, sales, profit, cash and, per channel,
    orders, sales, contribution, advertising and profit after advertising.

    Parameters
    ----------
    seed:
        The market's seed (same inputs and seed, same numbers).
    days:
        Length of the simulated period (7 to 366 days; 90 keeps each update fast).
    catalog:
        The products (default: :func:`mipyme.store.example_catalog`).
    opening_cash:
        Money in the bank on the first day.

    >>> StoreDashboard(days=0)
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'days' debe estar entre 7 y 366 (se recibió 0)
    """

    #: What a student predicts before moving a control: the period's orders.
    prediction_key: ClassVar[str] = "dash.store.predict_orders"

    #: Channel codes, in the order of ``data/store_channels.csv`` (one ad control each).
    CHANNELS: tuple[str, ...] = tuple(channels().index)

    def __init__(self, *, seed: int = 2026, days: int = 90, catalog: Catalog | None = None,
                 opening_cash: object = "50000", **values: Any) -> None:
        self.seed = _whole(seed, "seed", 0, 2**32 - 1)
        self.days = _whole(days, "days", 7, 366)
        self.catalog = catalog if catalog is not None else example_catalog()
        self.opening_cash = as_decimal(opening_cash, "opening_cash")
        controls = (
            Control("price_pct", "dash.store.price_pct", "int", 100, 50, 200, 5),
            *(Control(f"ad_{code}", f"dash.store.ad_{code}", "float", 0.0, 0, 5000, 100)
              for code in self.CHANNELS),
            Control("quarter", "dash.store.quarter", "choice", "q1",
                    options=tuple(QUARTERS),
                    option_keys=tuple(f"dash.store.{q}" for q in QUARTERS)),
        )
        super().__init__(controls=controls, values=dict(values))

    def prices(self, price_pct: int) -> dict[str, Decimal]:
        """Each product's price at ``price_pct`` percent of its list price (IVA included).

        >>> StoreDashboard().prices(110)["TAZA-TALAV"]      # 320 x 1.10
        Decimal('352.00')
        """
        share = Decimal(int(price_pct)) / 100
        return {p.sku: round_money(p.price * share) for p in self.catalog}

    def compute(self, **v: Any) -> dict[str, Any]:
        ads = {code: _amount(v[f"ad_{code}"]) for code in self.CHANNELS}
        store = simulate(self.days, seed=self.seed, catalog=self.catalog,
                         start=QUARTERS[v["quarter"]], opening_cash=self.opening_cash,
                         prices=self.prices(v["price_pct"]), ad_budget=ads)
        s = store.summary()
        daily = store.daily
        orders = store.orders
        sold = orders[orders["status"] == "sold"]
        by = sold.groupby("channel", observed=False)
        count = by.size()
        sales = by["sales_cents"].sum()
        contribution = by["contribution_cents"].sum()

        ad_net = unit_economics(store)["ads_cents"]
        codes = list(store.channel_codes)
        table = pd.DataFrame({
            "orders": [int(count.get(c, 0)) for c in codes],
            "sales": [pesos(sales.get(c, 0)) for c in codes],
            "contribution": [pesos(contribution.get(c, 0)) for c in codes],
            "ads": [pesos(ad_net[c]) for c in codes],
            "profit": [pesos(contribution.get(c, 0)) - pesos(ad_net[c]) for c in codes],
        }, index=pd.Index(codes, name="channel"))
        cash = daily["cash_cents"].to_numpy()
        return {
            "visits": s["visits"],
            "orders": s["orders"],
            "conversion": s["orders"] / s["visits"] if s["visits"] else 0.0,
            "lost": s["lost_stockout"] + s["lost_voucher"],
            "sales": pesos(s["sales_cents"]),
            "ads": pesos(s["ads_paid_cents"]),
            "profit": pesos(s["profit_cents"]),
            "cash": pesos(s["cash_cents"]),
            "lowest_cash": pesos(cash.min()),
            "in_transit": pesos(daily["in_transit_cents"].iloc[-1]),
            "by_channel": table,
            "series": pd.DataFrame({
                "cash": cash / 100.0,
                "profit": daily["margin_cents"].cumsum().to_numpy() / 100.0,
            }, index=pd.DatetimeIndex(daily["date"])),
            "price_pct": int(v["price_pct"]),
        }

    def channel_table(self, result: dict[str, Any] | None = None,
                      lang: str | None = None) -> pd.DataFrame:
        """The per-channel part of a result as a student reads it (labels in ``lang``).

        >>> board = StoreDashboard(days=14)
        >>> board.channel_table(board.update(), lang="en").columns.tolist()[:3]
        ['channel', 'orders', 'sales (before IVA)']
        """
        result = result if result is not None else (self.result or self.update())
        lang = lang or get_language()
        table = result["by_channel"]
        names = channels()[f"name_{'en' if lang == 'en' else 'es'}"]
        return pd.DataFrame({
            t("store.col.channel", lang): [names[c] for c in table.index],
            t("store.col.orders", lang): table["orders"].to_list(),
            t("store.col.sales", lang): table["sales"].to_list(),
            t("store.col.contribution", lang): table["contribution"].to_list(),
            t("store.col.ads", lang): table["ads"].to_list(),
            t("dash.store.profit_after_ads", lang): table["profit"].to_list(),
        })

    def build(self, figure: Any) -> dict[str, Any]:
        # a fixed layout (tight_layout would double the time of each update)
        figure.subplots_adjust(left=0.11, right=0.97, bottom=0.14, top=0.9, wspace=0.3)
        left, right = figure.subplots(1, 2)
        money_ticks = mticker.StrMethodFormatter("{x:,.0f}")
        no_days = np.array([], dtype="datetime64[ns]")
        cash = left.plot(no_days, [], color=OKABE_ITO["blue"],
                         label=t("dash.store.cash_line"))[0]
        profit = left.plot(no_days, [], color=OKABE_ITO["orange"], linestyle="--",
                           label=t("dash.store.profit_line"))[0]
        left.axhline(0, color="#444", linewidth=0.8)
        left.set_title(t("dash.store.cash_title"), fontsize=10)
        left.set_ylabel(t("dash.store.pesos"))
        left.yaxis.set_major_formatter(money_ticks)
        left.xaxis.set_major_locator(mdates.MonthLocator())
        left.xaxis.set_major_formatter(mdates.DateFormatter("%m/%d"))
        left.tick_params(axis="both", labelsize=7)
        left.legend(fontsize=8, frameon=False)
        names = self._names()
        rows = range(len(self.CHANNELS))
        bars = right.barh(rows, [0.0] * len(self.CHANNELS), height=0.45)
        for row, code in zip(rows, self.CHANNELS, strict=True):  # names above the bars
            right.text(0.02, row - 0.3, names[code], fontsize=8, va="bottom",
                       transform=right.get_yaxis_transform())
        right.set_yticks([])
        right.set_ylim(len(self.CHANNELS) - 0.5, -0.9)
        right.axvline(0, color="#444", linewidth=0.8)
        right.set_title(t("dash.store.channel_title"), fontsize=10)
        right.set_xlabel(t("dash.store.pesos"))
        right.xaxis.set_major_formatter(money_ticks)
        right.xaxis.set_major_locator(mticker.MaxNLocator(4))
        right.tick_params(axis="x", labelsize=7)
        return {"left": left, "right": right, "cash": cash, "profit": profit, "bars": bars}

    def refresh(self, result: dict[str, Any], art: dict[str, Any]) -> None:
        """Move the lines and bars drawn once (no new axes: what keeps a slider quick)."""
        left, right = art["left"], art["right"]
        series = result["series"]
        art["cash"].set_data(series.index, series["cash"].to_numpy())
        art["profit"].set_data(series.index, series["profit"].to_numpy())
        left.set_xlim(series.index[0], series.index[-1])
        low = min(series["cash"].min(), series["profit"].min(), 0.0)
        high = max(series["cash"].max(), series["profit"].max(), 0.0)
        pad = (high - low) * 0.05 or 1.0
        left.set_ylim(low - pad, high + pad)
        table = result["by_channel"]
        profit = [float(p) for p in table["profit"]]
        for bar, value in zip(art["bars"], profit, strict=True):
            bar.set_x(min(value, 0.0))
            bar.set_width(abs(value))
            bar.set_color(OKABE_ITO["green"] if value >= 0 else OKABE_ITO["vermillion"])
        span = max(max(abs(v) for v in profit), 1.0) * 1.1
        right.set_xlim(min(min(profit) * 1.1, 0.0) if min(profit) < 0 else 0.0,
                       span if max(profit) > 0 else 1.0)

    def alt_text(self, result: dict[str, Any]) -> str:
        best = result["by_channel"]["profit"].idxmax()
        return t("dash.store.alt", days=self.days, cash=Money(result["cash"]),
                 lowest=Money(result["lowest_cash"]), profit=Money(result["profit"]),
                 best=self._names()[best])

    @staticmethod
    def _names() -> pd.Series:
        return channels()[f"name_{'en' if get_language() == 'en' else 'es'}"]

    def prediction(self, result: dict[str, Any]) -> int:
        """The period's orders (what the chapter asks a student to predict).

        >>> board = StoreDashboard(days=14)
        >>> board.prediction(board.update()) == board.result["orders"]
        True
        """
        return result["orders"]

    def summary(self, result: dict[str, Any]) -> str:
        return t("dash.store.summary", visits=f"{result['visits']:,}",
                 orders=f"{result['orders']:,}", conversion=f"{result['conversion']:.2%}",
                 sales=Money(result["sales"]), profit=Money(result["profit"]),
                 cash=Money(result["cash"]), lost=result["lost"])
