"""Worked answers to each notebook's "Tu turno" / "Your turn", in the facilitator notes.

Every figure an answer states comes from the library: the tests below recompute the key
figures of each answer with the library's public functions (the same calls the notebook
makes) and check that they appear, formatted as the kit formats them, in the Spanish and
the English text. When the library or its data change, an answer that no longer matches
fails here instead of drifting. The answers also cover every question of every prompt,
state the same numbers in both languages and never appear in a student notebook.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from mipyme.curriculum import load_curriculum
from mipyme.facilitator import (
    YOUR_TURN,
    Answer,
    Text,
    answer_label,
    load_notes,
    numbers_in,
    render_markdown,
    validate_notes,
)
from mipyme.i18n import language, t, texts
from mipyme.money import Money

COURSE = load_curriculum()
CHAPTERS = [c.id for c in COURSE.chapters]
ROOT = COURSE.root


# -- helpers -------------------------------------------------------------------------------

def mxn(amount: object) -> str:
    """Pesos as the kit writes them: ``$1,234.50 MXN``."""
    return Money(amount).format()


def usd(amount: object) -> str:
    return Money(amount, "USD").format()


def cad(amount: object) -> str:
    return Money(amount, "CAD").format()


def pesos(cents: object) -> str:
    """Whole centavos of the store simulator as formatted pesos."""
    return mxn(Decimal(int(cents)).scaleb(-2))


def count(value: object) -> str:
    return f"{int(value):,}"


def pct(value: object, places: int = 1) -> str:
    return f"{float(value) * 100:.{places}f}%"


def answer(chapter_id: str, question: str) -> Answer:
    found = [a for a in load_notes(chapter_id).answers if a.question == question]
    assert len(found) == 1, f"{chapter_id}: {len(found)} answers for {question!r}"
    return found[0]


#: (chapter, question) -> the figures its answer must state, recomputed by the library. A
#: figure is a text both languages state, or a pair (Spanish text, English text).
FIGURES: dict[tuple[str, str], Callable[[], list[str | tuple[str, str]]]] = {}


def figures(chapter_id: str, question: str):
    def register(function: Callable[[], list[str]]) -> Callable[[], list[str]]:
        FIGURES[(chapter_id, question)] = function
        return function
    return register


# -- the store simulator (chapters 1-5, 13, 16) --------------------------------------------

@cache
def year_of_store(seed: int = 2026, traffic: int = 1):
    from mipyme.store import simulate

    return simulate(365, seed=seed, traffic=traffic)


@figures("ch01", "your_turn.1")
def _ch01_seeds() -> list[str]:
    from mipyme.store import calendar, season

    out = []
    for seed in (2026, 2027, 7):
        store = year_of_store(seed)
        summary = store.summary()
        daily = store.daily.set_index("date")
        name = calendar().set_index("event").loc["buen_fin", "name_es"]
        buen_fin = season(daily.index, lang="es")["event"].to_numpy() == name
        share = daily["sales_cents"][buen_fin].sum() / daily["sales_cents"].sum()
        out += [count(summary["orders"]), pesos(summary["profit_cents"]),
                count(summary["lost_stockout"]), pct(summary["return_rate"]), pct(share),
                ", ".join(str(n) for n in store.daily.head(7)["orders"])]
    # "orders change by less than 3% and profit by less than 5%" (against seed 2026)
    base = year_of_store(2026).summary()
    for seed in (2027, 7):
        other = year_of_store(seed).summary()
        assert abs(other["orders"] / base["orders"] - 1) < 0.03
        assert abs(other["profit_cents"] / base["profit_cents"] - 1) < 0.05
    return out


@figures("ch01", "your_turn.2")
def _ch01_traffic() -> list[str]:
    one, two = year_of_store(2026).summary(), year_of_store(2026, traffic=2).summary()
    return [count(one["visits"]), count(two["visits"]), count(one["orders"]),
            count(two["orders"]), pesos(one["profit_cents"]), pesos(two["profit_cents"]),
            f"{two['profit_cents'] / one['profit_cents']:.2f}", count(one["lost_stockout"]),
            count(two["lost_stockout"]),
            (t("store.col.lost_stockout", lang="es"), t("store.col.lost_stockout", lang="en"))]


@figures("ch01", "your_turn.3")
def _ch01_buen_fin() -> list[str]:
    from mipyme.store import calendar, season

    daily = year_of_store(2026).daily.set_index("date")
    name = calendar().set_index("event").loc["buen_fin", "name_es"]
    buen_fin = season(daily.index, lang="es")["event"].to_numpy() == name
    share = daily["sales_cents"][buen_fin].sum() / daily["sales_cents"].sum()
    months = daily["sales_cents"].resample("ME").sum()
    assert (months.idxmax().month, months.idxmin().month) == (12, 2)  # December, February
    assert months.max() < 2 * months.min()  # "not even twice the weakest"
    return [str(int(buen_fin.sum())), pct(share), count(daily["lost_stockout"][buen_fin].sum()),
            pesos(months.max()), pesos(months.min())]


def one_piece_per_channel(sku: str) -> pd.DataFrame:
    """The notebook's table of chapter 2: one unit of ``sku`` sold on each channel."""
    from mipyme.store import channels

    orders = year_of_store(2026).orders
    sold = orders[(orders["sku"] == sku) & (orders["status"] == "sold") & (orders["units"] == 1)
                  & ~orders["returned"] & orders["payment"].isin(["card", "marketplace"])]
    return sold.groupby("channel", observed=True).head(1).set_index("channel").reindex(
        channels().index)


@figures("ch02", "your_turn.1")
def _ch02_mugs() -> list[str]:
    mugs = one_piece_per_channel("TAZA-TALAV")
    out = [pesos(c) for c in mugs["contribution_cents"]]
    out += [pesos(mugs.loc[c, "shipping_cents"]) for c in ("mercado_libre", "amazon_mx")]
    rebozo = one_piece_per_channel("REBOZO")
    return [*out, pesos(rebozo.loc["mercado_libre", "contribution_cents"])]


@figures("ch02", "your_turn.2")
def _ch02_source() -> list[str]:
    from mipyme.store import channels

    row = channels().loc["mercado_libre"]
    assert "example values for teaching (unverified)" in row["source"]
    return [pct(row["commission_rate"], 0), mxn(row["fixed_fee"]), str(row["as_of"])[:10],
            "example values for teaching (unverified)"]


@figures("ch02", "your_turn.3")
def _ch02_withholding() -> list[str]:
    from mipyme.finance import marketplace_withholding, split_iva

    rebozo = one_piece_per_channel("REBOZO").loc["mercado_libre"]
    net, _ = split_iva("1150.00", on="2026-01-21")
    with_rfc = marketplace_withholding(net, has_rfc=True, on="2026-01-21")
    without = marketplace_withholding(net, has_rfc=False, on="2026-01-21")
    assert pesos(rebozo["isr_withheld_cents"]) == mxn(with_rfc.isr_withheld)
    return [pesos(rebozo["isr_withheld_cents"]), pesos(rebozo["iva_withheld_cents"]),
            mxn(with_rfc.isr_withheld + with_rfc.iva_withheld),
            mxn(without.isr_withheld + without.iva_withheld), mxn(with_rfc.received),
            mxn(without.received)]


@cache
def store_board(quarter: str, price_pct: int, etsy: float = 0.0) -> dict:
    from mipyme.dashboards.store import StoreDashboard

    board = StoreDashboard(seed=2026, days=90)
    ads = {f"ad_{code}": (etsy if code == "etsy" else 0.0) for code in board.CHANNELS}
    return board.compute(price_pct=price_pct, quarter=quarter, **ads)


def best_price(quarter: str) -> tuple[int, Decimal]:
    results = {p: store_board(quarter, p)["profit"] for p in range(50, 205, 5)}
    best = max(results, key=results.get)
    return best, results[best]


@figures("ch03", "your_turn.1")
def _ch03_price() -> list[str]:
    (q1, profit1), (q4, profit4) = best_price("q1"), best_price("q4")
    return [f"{q1}%", mxn(profit1), f"{q4}%", mxn(profit4), mxn(store_board("q1", 100)["profit"]),
            mxn(store_board("q1", 50)["profit"])]


@figures("ch03", "your_turn.2")
def _ch03_etsy() -> list[str]:
    before, after = store_board("q1", 100), store_board("q1", 100, 2000.0)
    b, a = before["by_channel"].loc["etsy"], after["by_channel"].loc["etsy"]
    return [count(b["orders"]), count(a["orders"]), mxn(b["contribution"]),
            mxn(a["contribution"]), mxn(a["ads"]), mxn(b["profit"]), mxn(a["profit"]),
            mxn(after["ads"]), count(before["orders"]), count(after["orders"])]


@figures("ch03", "your_turn.3")
def _ch03_funnel() -> list[str]:
    from mipyme.store import simulate

    store = simulate(90, seed=2026, ad_budget={"web": 700, "mercado_libre": 700})
    funnel = store.daily[["visits", "orders"]].sum()
    rate = funnel["orders"] / funnel["visits"]
    return [count(funnel["visits"]), count(funnel["orders"]), f"{rate:.2%}",
            f"{1000 * rate:.0f}"]


@figures("ch04", "your_turn.1")
def _ch04_fees() -> list[str]:
    from mipyme.finance import add_iva
    from mipyme.store import payments

    table = payments()
    out = []
    for method in ("card", "spei"):
        fee = Money(1000) * Decimal(str(table.loc[method, "fee_rate"])) + Money(
            str(table.loc[method, "fixed_fee"]))
        total = add_iva(fee, on="2026-01-21")
        out += [mxn(fee.amount), mxn((total - fee).amount), mxn(total.amount),
                (Money(1000) - total).format()]
    return out


@figures("ch04", "your_turn.2")
def _ch04_amazon() -> list[str]:
    from mipyme.store import channels

    orders = year_of_store(2026).orders
    amazon = orders[(orders["channel"] == "amazon_mx") & (orders["status"] == "sold")]
    waits = set((pd.to_datetime(amazon["settle_date"]) - pd.to_datetime(amazon["date"])).dt.days)
    assert waits == {int(channels().loc["amazon_mx", "payout_days"])}
    first = amazon.iloc[0]
    from mipyme.store import payments

    return [str(waits.pop()), str(first["date"])[:10], str(first["settle_date"])[:10],
            str(int(channels().loc["mercado_libre", "payout_days"])),
            str(int(payments().loc["card", "settlement_days"])),
            (t("store.col.date", lang="es"), t("store.col.date", lang="en")),
            (t("store.col.settle_date", lang="es"), t("store.col.settle_date", lang="en"))]


@figures("ch04", "your_turn.3")
def _ch04_transit() -> list[str]:
    store = year_of_store(2026)
    daily = store.daily.set_index("date")
    peak = daily["in_transit_cents"].idxmax()
    months = daily["in_transit_cents"].resample("ME").max()
    expired = store.orders[store.orders["status"] == "voucher_expired"]
    return [peak.strftime("%Y-%m-%d"), pesos(daily.loc[peak, "in_transit_cents"]),
            pesos(months.iloc[10]), pesos(months.iloc[11]), count(len(expired)),
            pesos((expired["unit_price_cents"] * expired["units"]).sum())]


@figures("ch05", "your_turn.1")
def _ch05_weight() -> list[str]:
    from mipyme.store import chargeable_weight, shipping_cost

    return [f"{chargeable_weight(1.2, 30, 30, 15):g} kg",
            mxn(shipping_cost("estafeta", 1.2, 30, 30, 15)),
            mxn(shipping_cost("estafeta", 1.2, 10, 10, 10)), "13,500"]


def game(jaguares_reorder: int):
    from mipyme.dashboards.game import GameBoard

    board = GameBoard(["Águilas", "Jaguares"], seed=2026, weeks=3)
    board.decide("Águilas", price_pct=95, ad_mercado_libre=800, reorder=30)
    board.decide("Jaguares", price_pct=115, ad_web=400, reorder=jaguares_reorder)
    for _ in range(3):
        board.next_week()
    return board


@figures("ch05", "your_turn.2")
def _ch05_game() -> list[str]:
    from mipyme.finance import add_iva

    before, after = game(0), game(40)
    jb, ja = (b.game.store("Jaguares") for b in (before, after))
    assert jb.summary()["profit_cents"] == ja.summary()["profit_cents"]
    bought = ja.purchases_table()
    paid = Money(Decimal(int(bought[bought["arrived"]]["cost_cents"].sum())).scaleb(-2))
    waiting = Money(Decimal(int(bought[~bought["arrived"]]["cost_cents"].sum())).scaleb(-2))
    return [pesos(jb.summary()["cash_cents"]), pesos(ja.summary()["cash_cents"]),
            pesos(jb.summary()["cash_cents"] - ja.summary()["cash_cents"]), mxn(paid.amount),
            mxn((add_iva(paid) - paid).amount), pesos(ja.summary()["profit_cents"]),
            count(jb.summary()["stock_units"]), count(ja.summary()["stock_units"]),
            mxn(waiting.amount), mxn(add_iva(waiting).amount)]


# -- chapter 6: unit economics --------------------------------------------------------------

def talavera(sku: str):
    from mipyme.datasets import load_catalog

    return load_catalog("talavera").set_index("sku").loc[sku]


def fixed_costs() -> Decimal:
    """The workshop's monthly fixed costs: the talavera rows of the kit's table (48,250.00)."""
    from mipyme.tables import read_table

    costs = read_table("datasets_fixed_costs", decimals=("monthly_amount",))
    return sum(costs.loc[costs["business"] == "talavera", "monthly_amount"])


@figures("ch06", "your_turn.1")
def _ch06_cup() -> list[str]:
    from mipyme.finance.rules import break_even_units, contribution_margin
    from mipyme.finance.taxes import split_iva

    out, margins = [mxn(fixed_costs())], []
    for sku in ("TAL-TZA", "TAL-PLT-27"):
        piece = talavera(sku)
        net, _ = split_iva(piece["price"])
        margin = contribution_margin(net, piece["unit_cost"])
        margins.append(margin.per_unit)
        out += [mxn(net), mxn(piece["unit_cost"]), mxn(margin.per_unit), pct(margin.ratio),
                str(break_even_units(fixed_costs(), net, piece["unit_cost"]))]
    cup = talavera("TAL-TZA")
    wrong = Money(cup["price"]) - Money(cup["unit_cost"])  # the cost taken off the price with IVA
    rounded_down = int(fixed_costs() // margins[0])
    return [*out, f"{margins[1] / margins[0]:.2f}", wrong.format(), str(rounded_down)]


def plate_keep(margin: str) -> Decimal:
    """What Guadalupe wants to receive for a plate: cost + margin + packing, by the quote."""
    from mipyme.export import Product, Shipment, quote

    plate = talavera("TAL-PLT-27")
    piece = Product(plate["name_es"], "talavera", plate["unit_cost"], plate["weight_kg"],
                    (plate["length_cm"], plate["width_cm"], plate["height_cm"]))
    sale = Shipment(piece, units=1, mode="courier", overhead_rate="0", margin_rate=margin)
    return quote(sale, "EXW", "MX", currency="MXN", on="2026-01-21")


def split_price(price: Decimal, fee: str) -> tuple[Decimal, Decimal, Decimal]:
    """IVA, the platform's fee (on the price with IVA) and what the seller keeps."""
    from mipyme.money import round_money

    net = round_money(price / Decimal("1.16"))
    charged = round_money(price * Decimal(fee))
    return price - net, charged, net - charged


@figures("ch06", "your_turn.2")
def _ch06_fee() -> list[str]:
    from mipyme.finance.rules import platform_price
    from mipyme.money import round_money

    old, new = plate_keep("0.5"), plate_keep("0.40")
    prices = [platform_price(old.price.amount, "0.15"), platform_price(new.price.amount, "0.12")]
    (iva0, fee0, kept0), (iva1, fee1, kept1) = (split_price(prices[0], "0.15"),
                                                split_price(prices[1], "0.12"))
    assert (kept0, kept1) == (old.price.amount, new.price.amount)
    lines = [q.lines.set_index("line")["amount"] for q in (old, new)]
    added = round_money(new.price.amount * Decimal("1.12"))  # the wrong way: on top
    added_iva = round_money(added * Decimal("1.16"))
    return [mxn(prices[0]), mxn(prices[1]), mxn(iva0), mxn(iva1), mxn(fee0), mxn(fee1),
            mxn(prices[0] - prices[1]), mxn(lines[0]["product_cost"]), mxn(lines[0]["margin"]),
            mxn(lines[1]["margin"]), mxn(lines[0]["export_packing"]), mxn(old.price.amount),
            mxn(new.price.amount), mxn(added), mxn(added_iva),
            mxn(split_price(added_iva, "0.12")[2])]


@figures("ch06", "your_turn.3")
def _ch06_add_fifteen() -> list[str]:
    from mipyme.finance.rules import platform_price
    from mipyme.money import round_money

    keep = plate_keep("0.5").price.amount
    added = round_money(keep * Decimal("1.15"))
    added_iva = round_money(added * Decimal("1.16"))
    _, platform, kept = split_price(added_iva, "0.15")
    return [mxn(keep), mxn(added), mxn(added_iva), mxn(platform), mxn(kept), mxn(keep - kept),
            mxn(platform_price(keep, "0.15"))]


# -- chapters 7-11: export ------------------------------------------------------------------

def honey(mode: str):
    from mipyme.export import Product, Shipment

    jar = Product("Miel de tajonal 350 g", "honey", unit_cost="65", weight_kg="0.55",
                  dimensions_cm=("9", "9", "13"))
    return Shipment(jar, units=240, mode=mode, origin="Maní")


@figures("ch07", "your_turn.1")
def _ch07_insurance() -> list[str]:
    from mipyme.export import RULES, payer
    from mipyme.export.incoterms import incoterm_table

    sellers = [r for r in RULES if payer(r, "insurance") == "seller"]
    assert sellers == ["CIP", "DAP", "DPU", "DDP", "CIF"]
    cover = incoterm_table().cover
    return [*sellers, f"ICC ({cover['CIF']})", f"ICC ({cover['CIP']})"]


@figures("ch07", "your_turn.2")
def _ch07_fob_cif() -> list[str]:
    from mipyme.export import quote

    fob = quote(honey("sea"), "FOB", "CA", currency="CAD", on="2026-01-21")
    cif = quote(honey("sea"), "CIF", "CA", currency="CAD", on="2026-01-21")
    lines = cif.lines.set_index("line")["amount"]
    assert fob.landed == cif.landed
    return [fob.price.format(), cif.price.format(), (cif.price - fob.price).format(),
            cad(lines["international_freight"]), cad(lines["insurance"]),
            pct((cif.price.amount - fob.price.amount) / fob.price.amount), cif.landed.format(),
            fob.place, cif.place]


@figures("ch07", "your_turn.3")
def _ch07_risk() -> list[str]:
    from mipyme.export.incoterms import incoterm_table

    risk = incoterm_table().risk
    return [(t(f"export.risk.{risk[r]}", lang="es"), t(f"export.risk.{risk[r]}", lang="en"))
            for r in ("FCA", "DAP")]


@cache
def coffee(units: int = 400, insurance_rate: str | None = None):
    from mipyme.datasets import load_catalog
    from mipyme.export import Product, Shipment

    bag = load_catalog("cafe").set_index("sku").loc["CAF-GR-500"]
    product = Product(bag["name_es"], "coffee", unit_cost=bag["unit_cost"],
                      weight_kg=bag["weight_kg"],
                      dimensions_cm=(bag["length_cm"], bag["width_cm"], bag["height_cm"]))
    extra = {"insurance_rate": insurance_rate} if insurance_rate else {}
    return Shipment(product, units=units, mode="sea", origin="Coatepec", origin_port="Veracruz",
                    **extra)


@figures("ch08", "your_turn.1")
def _ch08_volume() -> list[str]:
    from mipyme.dashboards.export import QuoteBuilderDashboard

    board = QuoteBuilderDashboard(on="2026-01-21", product="coffee", units=400)
    small, big = (board.compute(rule="FOB", market="US", product="coffee", mode="sea",
                                units=u, mxn_per_usd=17.5) for u in (100, 1000))
    drop = small["price_per_unit"] - big["price_per_unit"]
    return [small["price"].format(), big["price"].format(), small["price_per_unit"].format(),
            big["price_per_unit"].format(), drop.format(),
            pct(drop.amount / small["price_per_unit"].amount),
            f"{big['price'].amount / small['price'].amount:.1f}",
            f"{board.values['mxn_per_usd']:g}"]


@figures("ch08", "your_turn.2")
def _ch08_icc_a() -> list[str]:
    from mipyme.export import quote

    c, a = (quote(coffee(400, r), "CIF", "US", currency="USD", on="2026-01-21")
            for r in (None, "0.005"))
    ins = [q.lines.set_index("line").loc["insurance", "amount"] for q in (c, a)]
    return [c.price.format(), a.price.format(), (a.price - c.price).format(), usd(ins[0]),
            usd(ins[1]), c.price_per_unit.format(), a.price_per_unit.format()]


@figures("ch08", "your_turn.3")
def _ch08_ladder() -> list[str]:
    from mipyme.export import price_ladder

    ladder = price_ladder(coffee(), "US", currency="USD", on="2026-01-21",
                          rules=("EXW", "FCA", "FOB", "CFR", "CIF", "DAP", "DDP"))
    steps = ladder.set_index("rule")["step"].iloc[1:]
    assert set(steps.astype(float).nlargest(2).index) == {"FOB", "DAP"}  # big steps on land
    return [usd(x) for x in ladder["step"]] + [usd(ladder["price"].iloc[-1])]


def earrings(originating: bool, units: int = 300):
    from mipyme.datasets import load_catalog
    from mipyme.export import Product, Shipment

    row = load_catalog("plata").set_index("sku").loc["PLA-ARR"]
    product = Product(row["name_es"], "silver_jewelry", unit_cost=row["unit_cost"],
                      weight_kg=row["weight_kg"],
                      dimensions_cm=(row["length_cm"], row["width_cm"], row["height_cm"]),
                      usmca_originating=originating)
    return Shipment(product, units=units, mode="courier", origin="Taxco")


@figures("ch09", "your_turn.1")
def _ch09_taxes() -> list[str]:
    from mipyme.export import quote

    out = []
    for market in ("CA", "DE"):
        q = quote(earrings(True), "DDP", market, currency="USD", on="2026-01-21")
        lines = q.landed_lines.set_index("line")["amount"]
        assert lines["duty"] == 0
        out += [usd(lines["import_taxes"]), usd(lines["import_clearance"]), q.price.format()]
    return out


DATES = ("2026-01-21", "2026-03-02", "2026-08-03")


@figures("ch09", "your_turn.2")
def _ch09_thirty() -> list[str]:
    from mipyme.export import quote
    from mipyme.money import round_money

    out = []
    for units in (30, 300):
        q = quote(earrings(False, units), "DDP", "US", currency="USD", on=DATES[0])
        fee = Money(q.landed_lines.set_index("line").loc["import_fees", "amount"], "USD")
        out += [fee.format(), (fee / units).format()]
    for originating in (False, True):
        for day in DATES:
            q = quote(earrings(originating, 30), "DDP", "US", currency="USD", on=day)
            out.append(usd(round_money(q.price_per_unit.amount)))
    return out


@figures("ch09", "your_turn.3")
def _ch09_dates() -> list[str]:
    from mipyme.export import export_data, quote

    data, out = export_data(), []
    for day in DATES:
        rate, _ = data.duty_rate("silver_jewelry", "US", day, False)
        q = quote(earrings(False), "DDP", "US", currency="USD", on=day)
        out += [pct(rate), usd(q.landed_lines.set_index("line").loc["duty", "amount"])]
    return out


def telar(sku: str):
    from mipyme.datasets import load_catalog
    from mipyme.export import Product

    row = load_catalog("telar").set_index("sku").loc[sku]
    return Product(row["name_es"], "cotton_apparel", unit_cost=row["unit_cost"],
                   weight_kg=row["weight_kg"],
                   dimensions_cm=(row["length_cm"], row["width_cm"], row["height_cm"]))


@figures("ch10", "your_turn.1")
def _ch10_huipil() -> list[str]:
    from mipyme.export import Shipment, quote

    out = []
    for sku in ("TEJ-HUI", "TEJ-REB"):
        parcel = Shipment(telar(sku), units=1, mode="courier", origin="San Cristóbal de las Casas")
        q = quote(parcel, "DDP", "US", currency="USD", on="2026-01-21")
        out += [count(parcel.volume_cm3), f"{parcel.chargeable_weight():g} kg",
                usd(q.lines.set_index("line").loc["international_freight", "amount"])]
    return out


@cache
def channels_table(market: str, per_order: int) -> pd.DataFrame:
    from mipyme.export import Shipment, compare_channels

    return compare_channels(Shipment(telar("TEJ-REB"), units=200,
                                     origin="San Cristóbal de las Casas"),
                            market, currency="USD", on="2026-01-21", parcel_units=per_order)


def parcel_per_piece(market: str, per_order: int, row: int = 2) -> Decimal:
    return channels_table(market, per_order)["landed_per_unit"].iloc[row]


@figures("ch10", "your_turn.2")
def _ch10_germany() -> list[str]:
    fits = [n for n in range(1, 11) if parcel_per_piece("DE", n) < 80]
    assert fits[0] == 5
    from mipyme.export import Shipment, quote

    ten = Shipment(telar("TEJ-REB"), units=10, mode="courier",
                   origin="San Cristóbal de las Casas")
    with_fees = quote(ten, "DDP", "DE", currency="USD", on="2026-01-21", platform_fee="0.12")
    per_piece = Money(with_fees.price.amount / 10, "USD")
    assert per_piece.amount >= 80
    return [str(fits[0]), usd(parcel_per_piece("DE", 4)), usd(parcel_per_piece("DE", 5)),
            usd(parcel_per_piece("DE", 1)), per_piece.format()]


@figures("ch10", "your_turn.3")
def _ch10_twelve() -> list[str]:
    from mipyme.export import Shipment, marketplace_fees, quote

    rate, _ = marketplace_fees(on="2026-01-21")
    parcel = Shipment(telar("TEJ-REB"), units=1, mode="courier",
                      origin="San Cristóbal de las Casas")
    base, right, ads = (quote(parcel, "DDP", "US", currency="USD", on="2026-01-21",
                              platform_fee=fee)
                        for fee in (None, rate, rate + Decimal("0.15")))
    added = base.price * (1 + rate)
    platform = added * rate
    fee = [q.lines.set_index("line").loc["platform_fee", "amount"] for q in (right, ads)]
    return [pct(rate, 0), base.price.format(), right.price.format(), usd(fee[0]),
            added.format(), platform.format(), (added - platform).format(),
            (base.price - (added - platform)).format(), ads.price.format(), usd(fee[1]),
            right.margin.format()]


def mezcal(margin_rate: str | None = None):
    from mipyme.datasets import load_catalog
    from mipyme.export import Product, Shipment

    bottle = load_catalog("mezcal").set_index("sku").loc["MEZ-ESP-750"]
    product = Product(bottle["name_es"], "mezcal", unit_cost=bottle["unit_cost"],
                      weight_kg=bottle["weight_kg"],
                      dimensions_cm=(bottle["length_cm"], bottle["width_cm"], bottle["height_cm"]))
    extra = {"margin_rate": margin_rate} if margin_rate else {}
    return Shipment(product, units=600, mode="sea", origin="Santiago Matatlán", **extra)


@figures("ch11", "your_turn.1")
def _ch11_margin() -> list[str]:
    from mipyme.export import break_even_rate, quote

    out, rates = [], []
    for margin in (None, "0.40"):
        shipment = mezcal(margin)
        today = quote(shipment, "FOB", "US", currency="USD", on="2026-01-21")
        rate = break_even_rate(shipment, "FOB", "US", on="2026-01-21")
        rates.append(rate)
        out += [str(rate), f"{(1 - rate / today.mxn_per_unit) * 100:.1f}%", today.price.format()]
    return [*out, str(rates[0] - rates[1])]


@figures("ch11", "your_turn.2")
def _ch11_half() -> list[str]:
    from mipyme.dashboards.export import QuoteBuilderDashboard
    from mipyme.export import fx_scenarios

    board = QuoteBuilderDashboard(on="2026-01-21", product="mezcal", units=600, rule="FOB")
    result = {r: board.compute(rule="FOB", market="US", product="mezcal", mode="sea",
                               units=600, mxn_per_usd=r) for r in (15.75, 16.0)}
    margin = result[16.0]["margin_mxn"]
    half = margin / 2
    scenarios = [Decimal(x) / 100 for x in range(1570, 1600)]
    table = fx_scenarios(mezcal(), "FOB", "US", currency="USD", on="2026-01-21",
                         scenarios=tuple(scenarios))
    below = table[[Money(m) <= half for m in table["margin_mxn_at_today_price"]]]
    edge = below["mxn_per_unit"].max()
    above = table[table["mxn_per_unit"] > edge].iloc[0]
    return [margin.format(), half.format(), f"{edge:.2f}",
            mxn(below["margin_mxn_at_today_price"].iloc[-1]), f"{above['mxn_per_unit']:.2f}",
            mxn(above["margin_mxn_at_today_price"]), result[15.75]["margin_mxn_at_today_price"]
            .format(), result[16.0]["margin_mxn_at_today_price"].format(),
            f"{(1 - edge / Decimal('17.4520')) * 100:.1f}%", f"{Decimal('17.4520') / 2:.1f}"]


@figures("ch11", "your_turn.3")
def _ch11_superpeso() -> list[str]:
    from mipyme.datasets import load_fx
    from mipyme.export import appreciation_effect, fx_scenarios

    fx = load_fx()
    low = fx[fx["anchor"]].sort_values("mxn_per_usd").iloc[0]
    effect = appreciation_effect(mezcal(), "FOB", "US", currency="USD", on="2026-01-21",
                                 appreciation="0.10")
    scenarios = fx_scenarios(mezcal(), "FOB", "US", currency="USD", on="2026-01-21")
    return [str(low["mxn_per_usd"]), str(low["date"])[:10],
            mxn(effect["margin_mxn"].iloc[0]), mxn(effect["margin_mxn"].iloc[1]),
            pct(effect["margin_share"].iloc[0]), pct(effect["margin_share"].iloc[1]),
            mxn(scenarios["margin_mxn_at_today_price"].iloc[0])]


# -- chapters 12-16: books, statements, credit, taxes, capstone -----------------------------

def by_account(table: pd.DataFrame) -> pd.Series:
    """A financial statement as {account or total: amount} (its 3rd and 4th columns)."""
    return table.set_index(table.columns[2])[table.columns[3]]


def talavera_with_boxes():
    """Guadalupe's month (chapter 12's example) with the boxes of "Your turn" question 1."""
    from mipyme.finance import Transaction, add_iva, credit, debit
    from mipyme.finance.examples import talavera_month

    book = talavera_month()
    with_iva = add_iva("300", on="2026-01-20")
    book.add(Transaction("2026-01-20", "Cajas de empaque",
                         (debit("Empaque", 300), debit("IVA acreditable", with_iva - 300),
                          credit("Bancos", with_iva))))
    return book


@figures("ch12", "your_turn.1")
def _ch12_boxes() -> list[str]:
    from mipyme.finance import account_balance, add_iva, income_statement

    book = talavera_with_boxes()
    assert book.validate() == []
    with_iva = add_iva("300", on="2026-01-20")
    profit = income_statement(book, start="2026-01-01", end="2026-01-31").attrs["net_income"]
    assert profit == Decimal("1396.55")  # by hand: 3,000 - 1,200 - 103.45 of fee - 300 of boxes
    return [mxn(with_iva - 300), mxn(with_iva), mxn(account_balance(book, "Bancos")),
            mxn(profit)]


@figures("ch12", "your_turn.2")
def _ch12_salary() -> list[str]:
    from mipyme.finance import Transaction, account_balance, credit, debit, income_statement

    out = []
    for account in ("Retiros del dueño", "Sueldos"):
        book = talavera_with_boxes()
        book.add(Transaction("2026-01-31", "Sueldo fijo de Guadalupe",
                             (debit(account, 4000), credit("Bancos", 4000))))
        assert book.validate() == []
        out += [mxn(income_statement(book, start="2026-01-01", end="2026-01-31")
                    .attrs["net_income"]), mxn(account_balance(book, "Bancos"))]
    assert out[2] == mxn("-2603.45")  # by hand: 1,396.55 - 4,000 of "salary"
    return out


@figures("ch12", "your_turn.3")
def _ch12_bank() -> list[str]:
    from mipyme.finance import account_balance, split_iva
    from mipyme.finance.examples import GATEWAY_FEE, talavera_month

    book = talavera_month()
    fee, fee_iva = split_iva(GATEWAY_FEE, on="2026-01-17")
    assert (fee, fee_iva) == (Decimal("103.45"), Decimal("16.55"))  # 120 / 1.16, by hand
    assert account_balance(book, "Comisiones de cobro") == fee
    return [mxn(account_balance(book, "Ventas") * -1 + -account_balance(book, "IVA trasladado")),
            mxn(-account_balance(book, "Ventas")), mxn(-account_balance(book, "IVA trasladado")),
            mxn(GATEWAY_FEE), mxn(fee), mxn(fee_iva),
            mxn(account_balance(book, "Pagos por liquidar", on="2026-01-15") - GATEWAY_FEE)]


@figures("ch12", "check")
def _ch12_check() -> list[str]:
    from mipyme.finance import Journal, Transaction, credit, debit

    broken = Journal([
        Transaction("2026-01-20", "Venta sin IVA (error)",
                    (debit("Bancos", 1160), credit("Ventas", 1000))),
        Transaction("2026-01-21", "Pago de envíos", (debit("Envíos", 150), credit("Bancso", 150))),
    ])
    codes = [f.code for f in broken.validate()]
    assert codes == ["unbalanced", "unknown_account"]
    return [mxn("1160"), mxn("1000"), mxn("160"), "Bancso", "1020"]


def rosa(april: bool = False):
    """Rosa's March (chapter 13's example) and, for "Your turn" question 1, April's two
    entries: the restaurant pays and she pays the distillery."""
    from mipyme.finance import Transaction, credit, debit
    from mipyme.finance.examples import mezcal_month

    book = mezcal_month()
    if april:
        book.add(Transaction("2026-04-15", "El restaurante paga",
                             (debit("Bancos", 8004), credit("Clientes", 8004))))
        book.add(Transaction("2026-04-15", "Pago al palenque",
                             (debit("Proveedores", 10672), credit("Bancos", 10672))))
    return book


@figures("ch13", "your_turn.1")
def _ch13_april() -> list[str]:
    from mipyme.finance import cash_flow, income_statement

    book = rosa(april=True)
    assert book.validate() == []
    profit = income_statement(book, start="2026-04-01", end="2026-04-30").attrs["net_income"]
    flow = cash_flow(book, start="2026-04-01", end="2026-04-30").attrs
    return [mxn(profit), mxn(flow["net_change"]), mxn(flow["cash_start"]), mxn(flow["cash_end"])]


@figures("ch13", "your_turn.2")
def _ch13_machine() -> list[str]:
    from mipyme.finance import account_balance, add_iva, cash_flow, income_statement

    march = rosa()
    profit = income_statement(march, start="2026-03-01", end="2026-03-31").attrs["net_income"]
    flow = cash_flow(march, start="2026-03-01", end="2026-03-31")
    with language("es"):
        sections = by_account(cash_flow(march, start="2026-03-01", end="2026-03-31"))
    machine = add_iva("10000", on="2026-03-31")
    assert machine > 2 * profit  # "more than twice as much"
    april_cash = account_balance(rosa(april=True), "Bancos", on="2026-04-30")
    return [mxn(profit), mxn(flow.attrs["cash_end"]), mxn(machine), mxn(april_cash),
            mxn(april_cash - machine), mxn(-account_balance(march, "Préstamos")),
            mxn(sections["Actividades de operación"]),
            mxn(sections["Actividades de financiamiento"])]


@figures("ch13", "your_turn.3")
def _ch13_waterfall() -> list[str]:
    from mipyme.finance import account_balance, cash_flow

    march = rosa()
    accounts = ("Ventas", "Costo de ventas", "Envíos", "Publicidad", "Renta", "Intereses")
    steps = [abs(account_balance(march, a, on="2026-03-31")) for a in accounts]
    return [mxn(s) for s in steps] + [
        mxn(cash_flow(march, start="2026-03-01", end="2026-03-31").attrs["net_change"])]


@figures("ch13", "months")
def _ch13_months() -> list[str]:
    from mipyme.finance import monthly_summary

    summary = monthly_summary(year_of_store(2026).journal)
    income, profit = (summary.iloc[:, i].astype(float) for i in (1, 3))
    rows = [income.idxmax(), income.idxmin(), profit.idxmax(), profit.idxmin()]
    assert [summary.iloc[r, 0] for r in rows] == ["2026-12", "2026-02", "2026-12", "2026-06"]
    assert income.nlargest(2).index[1] == 4  # May comes second
    assert income.iloc[0] > income.mean() and income.iloc[10] > income.mean()  # Jan, Nov
    return [mxn(summary.iloc[r, c]) for r, c in zip(rows, (1, 1, 3, 3), strict=True)] + [
        mxn(summary.iloc[4, 1]), mxn(summary.iloc[-1, 4]),
        pesos(year_of_store(2026).summary()["profit_cents"]), mxn(summary.iloc[6, 4]),
        mxn(summary.iloc[7, 4])]


def finance_board(**changes) -> dict:
    from mipyme.dashboards.finance import FinanceDashboard

    board = FinanceDashboard()
    return board.compute(**{**board.values, **changes})


@figures("ch14", "your_turn.1")
def _ch14_price() -> list[str]:
    low = [p for p in range(130, 2001, 10) if finance_board(price=float(p))["lowest_cash"] >= 0]
    assert low[0] == 230
    from mipyme.finance.rules import break_even_units

    board = finance_board()
    per_month = Money(board["payment"]) - Money(20000) / 12
    zero_profit = Money(8000) / 90 + Money(120)
    assert break_even_units(8000, zero_profit.amount, 120) == 90
    return [mxn(finance_board(price=220.0)["lowest_cash"]),
            mxn(finance_board(price=230.0)["lowest_cash"]),
            mxn(finance_board(price=222.22)["lowest_cash"]),
            mxn(finance_board(price=222.23)["lowest_cash"]), mxn(board["payment"]),
            "230", "222.23", (Money(20000) / 12).format(), per_month.format(),
            zero_profit.format()]


@figures("ch14", "your_turn.2")
def _ch14_method() -> list[str]:
    flat, declining = finance_board(method="flat"), finance_board(method="declining")
    return [pct(flat["cat"]), pct(declining["cat"]),
            f"{(flat['cat'] - declining['cat']) * 100:.1f}", mxn(flat["payment"]),
            mxn(declining["payment"])]


@figures("ch14", "your_turn.3")
def _ch14_cat() -> list[str]:
    from mipyme.finance.loans import LoanOffer, compare_loans

    table = compare_loans(LoanOffer("grupal", "10000", "0.72", 16, frequency="weekly",
                                    iva_on_interest=True),
                          LoanOffer("banco", "10000", "0.30", 4, opening_fee="200",
                                    iva_on_interest=True),
                          LoanOffer("plana", "10000", "0.72", 16, frequency="weekly",
                                    method="flat", iva_on_interest=True),
                          start="2026-02-02")
    out = []
    for offer in ("grupal", "banco", "plana"):
        row = table.loc[offer]
        out += [mxn(row["payment"]), mxn(row["total_paid"]), mxn(row["cost"]), pct(row["cat"]),
                pct(row["cat_without_iva"])]
    return out


def keeps(income: object) -> Decimal:
    """What is left of a month's income (before IVA) after the RESICO income tax."""
    from mipyme.finance import resico_monthly_isr

    return Decimal(income) - resico_monthly_isr(income, on="2026-03-01")


def break_even_income(limit: str) -> Decimal:
    """The lowest income above a bracket's limit that keeps as much as the limit itself."""
    from mipyme.finance.taxes import resico_rate

    cent = Decimal("0.01")
    above = Decimal(limit) + cent
    edge = (keeps(limit) / (1 - resico_rate(above, on="2026-03-01"))).quantize(cent)
    while keeps(edge) < keeps(limit):
        edge += cent
    while keeps(edge - cent) >= keeps(limit):
        edge -= cent
    assert edge > above and keeps(edge - cent) < keeps(limit) <= keeps(edge)
    return edge


@figures("ch15", "your_turn.1")
def _ch15_jump() -> list[str]:
    from mipyme.finance import resico_monthly_isr

    edge = break_even_income("25000")
    return [mxn(resico_monthly_isr("25000", on="2026-03-01")), mxn(keeps("25000")),
            mxn(resico_monthly_isr("25010", on="2026-03-01")), mxn(keeps("25010")),
            mxn(keeps("25000") - keeps("25010")), mxn(edge), mxn(edge - Decimal("0.01")),
            mxn(resico_monthly_isr("25000.01", on="2026-03-01"))]


@figures("ch15", "your_turn.2")
def _ch15_export() -> list[str]:
    from mipyme.finance import add_iva, iva_payable

    total = add_iva("40000", kind="export", on="2026-03-01")
    balance = iva_payable(trasladado=total - Decimal("40000"), acreditable="2400")
    assert balance.in_favor
    return [mxn(total), mxn(total - Decimal("40000")), mxn(balance.amount)]


@figures("ch15", "your_turn.3")
def _ch15_rfc() -> list[str]:
    from mipyme.finance import marketplace_withholding

    yes = marketplace_withholding("1000.00", has_rfc=True, on="2026-03-01")
    no = marketplace_withholding("1000.00", has_rfc=False, on="2026-03-01")
    return [mxn(yes.received), mxn(no.received), mxn(yes.received - no.received),
            mxn(yes.isr_withheld), mxn(no.isr_withheld), mxn(yes.iva_withheld),
            mxn(no.iva_withheld), mxn(no.gross)]


@figures("ch15", "your_turn.4")
def _ch15_withheld_above_resico() -> list[str]:
    from mipyme.finance import marketplace_withholding, resico_monthly_isr

    isr = resico_monthly_isr("40000", on="2026-04-30")
    held = marketplace_withholding("30000", True, on="2026-04-30", iva_kind="food")
    # by hand: 1.1% x 40,000 = 440; 2.5% x 30,000 = 750; 750 - 440 = 310 in his favour
    assert (isr, held.isr_withheld) == (Decimal("440.00"), Decimal("750.00"))
    return [mxn(isr), mxn(held.isr_withheld), mxn(held.iva_withheld),
            mxn(held.isr_withheld - isr)]


@figures("ch15", "explore")
def _ch15_jumps() -> list[str]:
    from mipyme.finance import resico_monthly_isr

    out = []
    for limit in ("25000", "50000", "83333.33"):
        at = resico_monthly_isr(limit, on="2026-03-01")
        after = resico_monthly_isr(Decimal(limit) + Decimal("0.01"), on="2026-03-01")
        out += [mxn(at), mxn(after), mxn(after - at), mxn(break_even_income(limit))]
    return out


@cache
def lupita(salary: int = 12000, rent: int = 4000, ads: tuple = (("web", 300),
                                                                ("mercado_libre", 500))):
    """The capstone's year: the store with Lupita's ads, her rent and her fixed salary."""
    from mipyme.finance import Transaction, add_iva, credit, debit
    from mipyme.store import simulate

    store = simulate(days=365, seed=2026, start="2026-01-01", ad_budget=dict(ads))
    book = store.journal
    for month in range(1, 13):
        day = f"2026-{month:02d}-28"
        with_iva = add_iva(rent, on=day)
        book.add(Transaction(day, "Renta del taller", (
            debit("Renta", rent), debit("IVA acreditable", with_iva - rent),
            credit("Bancos", with_iva))))
        book.add(Transaction(day, "Sueldo fijo de Lupita (retiro)", (
            debit("Retiros del dueño", salary), credit("Bancos", salary))))
    return store, book


@cache
def lupita_reports(**decisions):
    from mipyme.finance import balance_sheet, cash_flow, income_statement, monthly_summary

    store, book = lupita(**decisions)
    assert book.validate() == [] or decisions, "the capstone's own decisions must validate"
    with language("es"):
        return (store, book, income_statement(book, start="2026-01-01", end="2026-12-31"),
                balance_sheet(book, on="2026-12-31"),
                cash_flow(book, start="2026-01-01", end="2026-12-31"), monthly_summary(book))


@figures("ch16", "statements")
def _ch16_statements() -> list[str]:
    _, _, income, balance, flow, _ = lupita_reports()
    i, b, f = by_account(income), by_account(balance), by_account(flow)
    assert i["Envíos"] > i["Comisiones"]  # shipping "just above the commissions"
    return [mxn(i["Ventas"]), mxn(-i["Devoluciones sobre ventas"]), mxn(income.attrs["revenue"]),
            mxn(income.attrs["net_income"]), mxn(i["Costo de ventas"]), mxn(i["Envíos"]),
            mxn(i["Comisiones"]), mxn(b["Bancos"]), mxn(b["IVA trasladado"]),
            mxn(f["Actividades de operación"]), mxn(-f["Retiros del dueño"])]


@figures("ch16", "cash_chart")
def _ch16_chart() -> list[str]:
    store, _, income, _, flow, summary = lupita_reports()
    cash = summary.iloc[:, 4].astype(float)
    low = int(cash.idxmin())
    money = pd.DataFrame(store.cash_arrays(), index=store.daily["date"]).resample("ME").sum()
    return [mxn(summary.iloc[low, 4]), str(summary.iloc[low, 0]),
            pesos(money["purchases"].iloc[low]), pesos(money["purchases"].iloc[low - 1]),
            pesos(money["settlements"].iloc[low]), pesos(money["settlements"].iloc[low - 1]),
            mxn(income.attrs["net_income"]), mxn(flow.attrs["cash_end"])]


def lupita_taxes() -> dict[str, Decimal]:
    from mipyme.finance import account_balance, iva_payable, resico_monthly_isr

    _, book, _, _, _, summary = lupita_reports()
    isr = sum(resico_monthly_isr(x, on="2026-12-31") for x in summary.iloc[:, 1])
    iva = iva_payable(trasladado=-account_balance(book, "IVA trasladado"),
                      acreditable=account_balance(book, "IVA acreditable"))
    return {"isr": isr, "isr_withheld": account_balance(book, "ISR retenido"),
            "iva": iva.amount, "iva_withheld": account_balance(book, "IVA retenido")}


@figures("ch16", "taxes")
def _ch16_taxes() -> list[str]:
    tax = lupita_taxes()
    return [mxn(tax["isr"]), mxn(tax["isr_withheld"]), mxn(tax["isr"] - tax["isr_withheld"]),
            mxn(tax["iva"]), mxn(tax["iva_withheld"]),
            mxn(tax["iva_withheld"] - tax["iva"])]


@figures("ch16", "decision.1")
def _ch16_need() -> list[str]:
    summary = lupita_reports()[5]
    tax = lupita_taxes()
    october = summary.iloc[9, 4]
    return [mxn(summary.iloc[8, 4]), mxn(october), mxn(october - 60000),
            mxn(tax["isr"] - tax["isr_withheld"])]


def lupita_loans() -> pd.DataFrame:
    from mipyme.finance.loans import LoanOffer, compare_loans

    return compare_loans(LoanOffer("banco", "60000", "0.28", 12, opening_fee="1200"),
                         LoanOffer("fintech", "60000", "0.55", 6, iva_on_interest=True),
                         start="2026-10-01")


@figures("ch16", "decision.2")
def _ch16_payment() -> list[str]:
    summary = lupita_reports()[5]
    loans = lupita_loans()
    profit = summary.iloc[:, 3].astype(float)
    return [mxn(loans.loc["banco", "payment"]), mxn(loans.loc["fintech", "payment"]),
            mxn(summary.iloc[int(profit.idxmin()), 3]), str(summary.iloc[int(profit.idxmin()), 0])]


@figures("ch16", "decision.3")
def _ch16_term() -> list[str]:
    loans = lupita_loans()
    out = []
    for offer in ("banco", "fintech"):
        row = loans.loc[offer]
        out += [mxn(row["cost"]), pct(row["cat"]), mxn(row["interest"])]
    return [*out, mxn(loans.loc["fintech", "iva"])]


def lowest_bank_balance(salary: int) -> tuple[Decimal, str]:
    """The bank's lowest balance at the end of any day of the year, and that day."""
    from mipyme.finance import general_ledger

    _, book = lupita(salary=salary)
    ledger = general_ledger(book, "Bancos")
    date, debit, credit = (ledger.columns[i] for i in (0, 3, 4))
    moves = (ledger[debit] - ledger[credit]).groupby(ledger[date]).sum()
    balance = moves.cumsum()
    day = balance.astype(float).idxmin()
    return balance[day], str(day)[:10]


def highest_safe_salary(low: int = 12000, high: int = 25000) -> int:
    """The highest whole-peso monthly salary that never leaves the bank below zero on any day.

    Found as a learner would, trying salaries: the salary only takes money out of the bank, so
    the lowest balance falls as it rises and halving the range between a salary that keeps the
    bank at or above zero (``low``) and one that does not (``high``) finds the limit.
    """
    assert lowest_bank_balance(low)[0] >= 0 > lowest_bank_balance(high)[0]
    while high - low > 1:
        mid = (low + high) // 2
        if lowest_bank_balance(mid)[0] >= 0:
            low = mid
        else:
            high = mid
    return low


@figures("ch16", "your_turn.1")
def _ch16_salary() -> list[str]:
    out = []
    for salary in (12000, 20000, 25000):
        _, _, income, _, _, summary = lupita_reports(salary=salary)
        lowest = summary.iloc[:, 4].astype(float).idxmin()
        out += [mxn(income.attrs["net_income"]), mxn(summary.iloc[lowest, 4])]
    limit = highest_safe_salary()
    assert lupita(salary=limit)[1].validate() == [] and lowest_bank_balance(limit)[0] >= 0
    short, day = lowest_bank_balance(limit + 1)
    assert short < 0 and [f.code for f in lupita(salary=limit + 1)[1].validate()] == [
        "negative_cash"]
    out += [f"{limit:,}", f"{limit + 1:,}", mxn(lowest_bank_balance(limit)[0]), mxn(short), day]
    _, _, income, _, _, summary = lupita_reports(ads=())
    return [*out, mxn(income.attrs["net_income"]), mxn(summary.iloc[-1, 4])]


@figures("ch16", "your_turn.2")
def _ch16_offer() -> list[str]:
    from mipyme.finance.loans import LoanOffer, compare_loans

    table = compare_loans(LoanOffer("grupal", "60000", "0.72", 26, frequency="weekly",
                                    method="flat"),
                          LoanOffer("banco 6", "60000", "0.28", 6, opening_fee="1200"),
                          start="2026-10-01")
    out = []
    for offer in ("grupal", "banco 6"):
        row = table.loc[offer]
        out += [mxn(row["payment"]), mxn(row["cost"]), pct(row["cat"])]
    return out


# -- chapter 17: selling online in practice ---------------------------------------------------

@figures("ch17", "your_turn.1")
def _ch17_buen_fin_buyer_pays() -> list[str]:
    from mipyme.store import order_risk

    card = {"fee_rate": "0.036", "fee_fixed": "3", "iva_rate": "0.16"}
    buyer = order_risk("991.38", "480", "150", return_rate="0.366", return_shipping="0", **card)
    seller = order_risk("991.38", "480", "150", return_rate="0.366", **card)
    assert buyer.return_loss == Decimal("194.40")  # 44.40 fee + 150 out, by hand
    return [mxn(buyer.kept), mxn(buyer.return_loss), mxn(buyer.expected),
            mxn(seller.expected), mxn(buyer.expected - seller.expected)]


@figures("ch17", "your_turn.2")
def _ch17_honey_chargebacks() -> list[str]:
    from mipyme.dashboards.store_practice import ReturnsDashboard

    result = ReturnsDashboard(product="miel").update(return_pct=18.3, chargeback_pct=2.0)
    risk = result["risk"]
    return [mxn(risk.kept), mxn(risk.return_loss), mxn(risk.chargeback_loss),
            mxn(risk.expected), mxn(risk.hidden_cost), f"**{result['wiped']}**"]


# -- export compliance (chapter 18) ----------------------------------------------------------

@figures("ch18", "your_turn.1")
def _ch18_talavera() -> list[str]:
    from mipyme.export import PRIOR_NOTICE_HOURS, earliest_ship_date, schedule

    plan = schedule("talavera", "US").set_index("requirement")
    assert PRIOR_NOTICE_HOURS["truck"] == 2
    return [str(plan.loc["fda_lead_test", "end"]),
            str(earliest_ship_date("talavera", "US", "2026-03-02")),
            str(earliest_ship_date("talavera", "US", "2026-03-02", {"fda_lead_test": True})),
            "3.0", "2.0", "1.0", "0.5"]


@figures("ch18", "your_turn.2")
def _ch18_textiles() -> list[str]:
    from mipyme.export import earliest_ship_date, readiness

    check = readiness("cotton_apparel", "US", {}, today="2026-03-02")
    plain = earliest_ship_date("cotton_apparel", "US", "2026-03-02")
    waiting = earliest_ship_date("cotton_apparel", "US", "2026-03-02", include_benefits=True)
    return [f"**{len(check.missing)}**", str(plain), str(waiting),
            f"**{(waiting - plain).days}**"]


# -- the tests ------------------------------------------------------------------------------

@pytest.mark.parametrize(("chapter_id", "question"), sorted(FIGURES))
def test_the_answer_states_the_figures_the_library_computes(chapter_id, question):
    expected = FIGURES[(chapter_id, question)]()
    found = answer(chapter_id, question)
    for k, lang in enumerate(("es", "en")):
        text = " ".join(found.text.get(lang).split())
        missing = [x for x in expected if (x[k] if isinstance(x, tuple) else x) not in text]
        assert not missing, f"{chapter_id} {question} ({lang}) lacks {missing}"


@pytest.mark.parametrize("chapter_id", CHAPTERS)
def test_every_answer_with_figures_is_recomputed_here(chapter_id):
    """An answer that is not an open question must have its figures checked above."""
    for found in load_notes(chapter_id).answers:
        if not found.open:
            assert (chapter_id, found.question) in FIGURES, found.question


def _markdown_cells(chapter_id: str) -> list[str]:
    """The text of the chapter's notebook cells a student reads, wherever it lives now.

    The notebook's own markdown (the side-by-side source ``notebooks/src/*.py`` and the
    built ``.ipynb`` of each edition) and, while it still exists, the i18n entry the
    notebook used to show with ``say("nb.chNN.your_turn")``.
    """
    chapter = COURSE.chapter(chapter_id)
    stem = Path(chapter.notebook).stem
    cells = []
    for source in sorted((ROOT / "notebooks").rglob(f"{stem}.py")):
        for cell in re.split(r"^# %%", source.read_text(encoding="utf-8"), flags=re.M)[1:]:
            head, _, body = cell.partition("\n")
            if "[markdown]" in head:
                cells.append("\n".join(re.sub(r"^# ?", "", line) for line in body.splitlines()))
    for built in sorted((ROOT / "notebooks").rglob(f"{stem}.ipynb")):
        for cell in json.loads(built.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "markdown":
                cells.append("".join(cell["source"]))
    entry = texts().get(f"nb.{chapter_id}.your_turn")
    if entry:
        cells += [entry["es"], entry["en"]]
    return cells


def your_turn_items(chapter_id: str) -> set[int]:
    """The numbers of the questions under the notebook's "Tu turno" / "Your turn" heading."""
    items: set[int] = set()
    found = False
    for cell in _markdown_cells(chapter_id):
        if re.search(r"^#+\s*(Tu turno|Your turn)\b", cell, re.M):
            found = True
            items |= {int(n) for n in re.findall(r"^\s*(\d+)\.\s", cell, re.M)}
    assert found, f"{chapter_id}: no 'Tu turno' / 'Your turn' in the notebook"
    return items


@pytest.mark.parametrize("chapter_id", CHAPTERS)
def test_every_question_of_your_turn_has_an_answer_in_both_languages(chapter_id):
    notes = load_notes(chapter_id)
    items = your_turn_items(chapter_id)
    assert items, f"{chapter_id}: 'Your turn' has no numbered questions"
    answered = {a.item for a in notes.answers if a.prompt == YOUR_TURN}
    assert items <= answered, f"{chapter_id}: no answer for questions {sorted(items - answered)}"
    for found in notes.answers:
        assert found.text.es.strip() and found.text.en.strip(), found.question
    # The other prompts the notes declare are answered too.
    for prompt in notes.prompts:
        assert any(a.prompt == prompt.id for a in notes.answers), prompt.id


@pytest.mark.parametrize("chapter_id", CHAPTERS)
def test_spanish_and_english_answers_state_the_same_numbers(chapter_id):
    for found in load_notes(chapter_id).answers:
        assert numbers_in(found.text.es) == numbers_in(found.text.en), found.question
        if not found.open:
            assert numbers_in(found.text.es), f"{chapter_id} {found.question}: no figures"


def _plain(text: str) -> str:
    text = re.sub(r"[*_`«»\"“”]", "", text)
    return " ".join(text.lower().split())


@cache
def _student_text() -> str:
    """Everything a student can read in a notebook, flattened for searching."""
    parts = []
    notebooks = ROOT / "notebooks"
    for path in sorted(notebooks.rglob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            parts.append("".join(cell["source"]))
            for output in cell.get("outputs", []):
                parts.append("".join(output.get("text", "")))
                for value in output.get("data", {}).values():
                    parts.append(value if isinstance(value, str) else "".join(
                        x for x in value if isinstance(x, str)))
    for path in sorted((notebooks / "src").glob("*.py")):
        parts.append(re.sub(r"^# ?", "", path.read_text(encoding="utf-8"), flags=re.M))
    for path in sorted((ROOT / "src" / "mipyme" / "data" / "i18n").glob("nb_*.toml")):
        parts.append(path.read_text(encoding="utf-8"))
    return _plain("\n".join(parts))


def _sentences(text: str) -> list[str]:
    """The answer's sentences long enough to be its own words (8 words or more)."""
    pieces = re.split(r"(?<=[.!?:;])\s+|\n\s*[-|]|\n\n", text)
    return [p for p in (_plain(x) for x in pieces) if len(p.split()) >= 8]


@pytest.mark.parametrize("chapter_id", CHAPTERS)
def test_no_answer_is_in_a_student_notebook(chapter_id):
    corpus = _student_text()
    assert len(corpus) > 10_000
    for found in load_notes(chapter_id).answers:
        for lang in ("es", "en"):
            leaked = [s for s in _sentences(found.text.get(lang)) if s in corpus]
            assert not leaked, f"{chapter_id} {found.question} ({lang}): {leaked[:2]}"


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_answers_are_a_titled_section_of_the_facilitator_page(lang):
    notes = load_notes("ch07")
    page = render_markdown(notes, lang)
    heading = f"## {t('facilitator.answers', lang=lang)}"
    assert heading in page
    assert page.index(f"## {t('facilitator.key_points', lang=lang)}") < page.index(heading)
    assert page.index(heading) < page.index(f"## {t('facilitator.sources', lang=lang)}")
    section = page.split(heading, 1)[1]
    for found in notes.answers:
        assert f"### {answer_label(notes, found, lang)}\n" in section
        assert found.text.get(lang).strip() in section.replace("\\$", "$")
    open_line = f"*{t('facilitator.open_answer', lang=lang)}*"
    assert section.count(open_line) == sum(a.open for a in notes.answers)
    other = "en" if lang == "es" else "es"
    assert t("facilitator.answers", lang=other) not in page


@pytest.mark.parametrize("lang", ["es", "en"])
def test_money_on_the_page_is_not_read_as_math_by_the_book(lang):
    """The book's Markdown reads the text between two dollar signs as a formula."""
    mdit = pytest.importorskip("myst_parser.parsers.mdit")
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig

    parser = mdit.create_md_parser(MdParserConfig(enable_extensions={"dollarmath"}),
                                   RendererHTML)
    for chapter_id in CHAPTERS:
        notes = load_notes(chapter_id)
        html = parser.render(render_markdown(notes, lang))
        assert 'class="math' not in html, chapter_id
        for found in notes.answers:
            for amount in re.findall(r"(?:US|C)?\$[\d,]+\.\d\d [A-Z]{3}", found.text.get(lang)):
                assert amount in html, (chapter_id, found.question, amount)


def test_answer_headings_name_the_prompt_and_the_question():
    notes = load_notes("ch16")
    labels = {a.question: answer_label(notes, a, "es") for a in notes.answers}
    assert labels["your_turn.2"] == "Tu turno · pregunta 2"
    declared = {p.id: p.text.es for p in notes.prompts}
    assert labels["decision.1"] == f"{declared['decision']} · pregunta 1"
    assert labels["taxes"] == declared["taxes"]
    with language("en"):
        assert answer_label(notes, notes.answers[-1]).startswith("Your turn · question")


def test_a_broken_answer_section_gives_every_finding():
    notes = load_notes("ch07")
    first, second, *rest = notes.answers
    broken = dataclasses.replace(notes, answers=(
        dataclasses.replace(first, text=Text(first.text.es, first.text.en + " 99")),
        dataclasses.replace(second, text=Text(second.text.es, "")),
        dataclasses.replace(second, question="tu_turno.2"),
        dataclasses.replace(second, question=first.question),
        Answer("your_turn.x", Text("1", "1")),
        Answer("your_turn.4", Text("Sin cifras.", "No figures.")),
        *rest,
    ))
    with language("en"):
        findings = {(f.code, f.where): f for f in validate_notes(broken)}
    assert set(findings) == {
        ("facilitator.answer_numbers", "answer[1]"),
        ("facilitator.missing_text", "answer[2].en"),
        ("facilitator.unknown_prompt", "answer[3]"),
        ("facilitator.duplicate_answer", "answer[4]"),
        ("facilitator.unknown_prompt", "answer[5]"),
        ("facilitator.answer_no_numbers", "answer[6]"),
    }
    assert findings[("facilitator.answer_numbers", "answer[1]")].message.endswith(
        "(only in Spanish: []; only in English: ['99'])")
    assert findings[("facilitator.answer_no_numbers", "answer[6]")].level == "warning"
    # No answer to "Your turn" at all, and a declared prompt nobody answers.
    from mipyme.facilitator import Prompt

    bare = dataclasses.replace(notes, answers=(), prompts=(Prompt("extra", Text("x", "y")),))
    codes = {(f.code, f.where) for f in validate_notes(bare)}
    assert codes == {("facilitator.missing_section", "answer"),
                     ("facilitator.unanswered_prompt", "answer")}


def test_numbers_are_read_the_way_the_kit_writes_them():
    assert numbers_in("$1,234.50 MXN y US$17.26 USD") == {"1234.50", "17.26"}
    assert numbers_in("1, 2 y 3") == {"1", "2", "3"}
    assert numbers_in("el 2026-01-21: 31.3%") == {"2026", "01", "21", "31.3"}
    assert numbers_in("ICC (A), sin cifras") == set()
