"""Each chapter's worked example, with the library's numbers (never computed here).

A worked example is a short story (which business, which sale) and a few rows of figures,
each one a value returned by a public function of a domain room: the store's
``sale_breakdown``, the finance room's taxes, margins and loans, the export room's quotes. The
same figures feed the handout, the WhatsApp cards, the slides and, for the chapters with a
spreadsheet template, the inputs and expected results of that template's test.

>>> ex = worked_example("ch04")
>>> [str(value) for _, value in ex.rows][:3]
['1000.00', '39.00', '6.24']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from mipyme.errors import InputError
from mipyme.export import Product, Shipment, compare_channels, fx_scenarios, price_ladder, quote
from mipyme.finance import (
    LoanOffer,
    break_even_revenue,
    break_even_units,
    compare_loans,
    contribution_margin,
    marketplace_withholding,
    resico_monthly_isr,
    split_iva,
)
from mipyme.finance.loans import FREQUENCIES
from mipyme.i18n import t
from mipyme.money import Money
from mipyme.store import channels, sale_breakdown, shipping_cost

__all__ = ["DAY", "Example", "coffee_shipment", "fmt", "loan_offers", "worked_example"]

#: The day every example is priced on (tables are dated; the readings use the same day).
DAY = "2026-01-21"


@dataclass(frozen=True)
class Example:
    """A worked example: story and title keys, figure rows, and its spreadsheet (if any).

    ``rows`` are ``(label key, value)``; a value is a ``Decimal`` in pesos unless
    ``currency`` says otherwise, or an ``int`` (units, days). ``sheet`` names the template
    whose worked example this is; ``inputs`` and ``expected`` fill and check it.
    """

    chapter: str
    params: dict = field(default_factory=dict)
    rows: tuple[tuple[str, object], ...] = ()
    currency: str = "MXN"
    sheet: str = ""
    inputs: dict = field(default_factory=dict)
    expected: dict = field(default_factory=dict)

    def title(self, lang: str) -> str:
        return t(f"fieldkit.ex.{self.chapter}.title", lang=lang)

    def story(self, lang: str) -> str:
        shown = {k: fmt(v, lang, self.currency) for k, v in self.params.items()}
        return t(f"fieldkit.ex.{self.chapter}.story", lang=lang, **shown)

    def table(self, lang: str) -> list[tuple[str, str]]:
        """The rows as a person reads them: label and formatted value."""
        out = []
        for key, value in self.rows:
            key, params = key if isinstance(key, tuple) else (key, {})
            out.append((t(key, lang=lang, **params), fmt(value, lang, self.currency)))
        return out


def fmt(value: object, lang: str, currency: str = "MXN") -> str:
    """A figure as the handout prints it: money with its currency, rates as %, counts."""
    if isinstance(value, bool | int):
        return f"{value:,}"
    if isinstance(value, Money):
        return value.format(lang)
    if isinstance(value, Decimal):
        return Money(value, currency).format(lang)
    if isinstance(value, tuple) and value and value[0] == "%":
        return f"{Decimal(value[1]) * 100:.1f} %"
    return str(value)


def _sale(chapter: str, sku: str = "TAZA-TALAV", channel: str = "web", **kw) -> dict:
    return sale_breakdown(sku, channel, start=DAY, **kw)


def _price_channel(chapter: str) -> Example:
    rows, inputs, expected = [], {}, {}
    table = channels()
    withholding = marketplace_withholding("100.00", has_rfc=True, on=DAY)
    for code in ("web", "mercado_libre", "amazon_mx"):
        sale = _sale("ch02", channel=code)
        rows += [(f"fieldkit.channel.{code}", ""), ("fieldkit.row.deposited", sale["deposited"]),
                 ("fieldkit.row.contribution", sale["contribution"])]
        row = table.loc[code]
        market = row["withholding"] == "yes"
        inputs[code] = {
            "gross": sale["gross"], "commission_rate": Decimal(str(row["commission_rate"])),
            "commission_fixed": Decimal(str(row["fixed_fee"])),
            "pay_rate": Decimal("0") if market else Decimal("0.036"),
            "pay_fixed": Decimal("0") if market else Decimal("3.00"),
            "isr_rate": withholding.isr_withheld / 100 if market else Decimal("0"),
            "ivawh_rate": withholding.iva_withheld / 100 if market else Decimal("0"),
            "shipping": sale["shipping"], "cost": sale["cogs"],
        }
        expected[code] = {k: sale[k] for k in ("iva", "sales", "commission", "payment_fee",
                                               "fees_iva", "isr_withheld", "iva_withheld",
                                               "deposited", "contribution")}
    return Example(chapter, {"price": Decimal("320.00")}, tuple(rows), sheet="price_channel",
                   inputs=inputs, expected=expected)


def loan_offers() -> tuple[LoanOffer, LoanOffer]:
    """The two offers of the credit chapter (a group loan and a bank loan)."""
    return (LoanOffer("A", Decimal("10000"), Decimal("0.72"), 16, frequency="weekly"),
            LoanOffer("B", Decimal("10000"), Decimal("0.30"), 4, opening_fee=Decimal("200")))


def _loans(chapter: str) -> Example:
    a, b = loan_offers()
    table = compare_loans(a, b, start="2026-02-02")
    rows = []
    for name in ("A", "B"):
        rows += [(f"fieldkit.loan.{name}", ""),
                 ("fieldkit.row.payment", table.loc[name, "payment"]),
                 ("fieldkit.row.total_paid", table.loc[name, "total_paid"]),
                 ("fieldkit.row.cat", ("%", table.loc[name, "cat"]))]
    inputs = {o.name: {"principal": o.principal, "annual_rate": o.annual_rate,
                       "periods": o.periods, "per_year": FREQUENCIES[o.frequency][0],
                       "opening_fee": o.opening_fee} for o in (a, b)}
    expected = {name: {k: Decimal(str(table.loc[name, k]))
                       for k in ("payment", "total_paid", "interest", "cost", "cat")}
                for name in ("A", "B")}
    return Example(chapter, {}, tuple(rows), sheet="loans", inputs=inputs, expected=expected)


def _break_even(chapter: str) -> Example:
    fixed = Decimal("15000.00")
    net, iva = split_iva("320.00", on=DAY)
    margin = contribution_margin(net, "120.00")
    units = break_even_units(fixed, net, "120.00")
    revenue = break_even_revenue(fixed, net, "120.00")
    rows = (("fieldkit.row.price_with_iva", Decimal("320.00")), ("fieldkit.row.iva", iva),
            ("fieldkit.row.net_price", net), ("fieldkit.row.unit_cost", Decimal("120.00")),
            ("fieldkit.row.margin", margin.per_unit), ("fieldkit.row.fixed", fixed),
            ("fieldkit.row.be_units", units), ("fieldkit.row.be_revenue", revenue))
    return Example(chapter, {"fixed": fixed}, rows, sheet="break_even",
                   inputs={"price": Decimal("320.00"), "iva_rate": Decimal("0.16"),
                           "unit_cost": Decimal("120.00"), "fixed": fixed},
                   expected={"net": net, "iva": iva, "margin": margin.per_unit,
                             "units": units, "revenue": revenue})


def coffee_shipment() -> Shipment:
    """400 bags of Chiapas coffee by sea from Veracruz: the export chapters' shipment."""
    cafe = Product("Café de Chiapas 500 g", "coffee", unit_cost=Decimal("95"),
                   weight_kg=Decimal("0.55"),
                   dimensions_cm=(Decimal("20"), Decimal("12"), Decimal("8")))
    return Shipment(cafe, units=400, mode="sea", origin="Tapachula", origin_port="Veracruz")


def _export_quote(chapter: str) -> Example:
    ship = coffee_shipment()
    ladder = price_ladder(ship, "US", currency="USD", on=DAY)
    ddp = quote(ship, "DDP", "US", currency="USD", on=DAY)
    rows = tuple((f"fieldkit.rule.{r}", Money(p, "USD"))
                 for r, p in zip(ladder["rule"], ladder["price"], strict=True))
    lines = [(x.line, x.amount_mxn, x.amount) for x in ddp.seller]
    prices = dict(zip(ladder["rule"], (Decimal(str(p)) for p in ladder["price"]), strict=True))
    return Example(chapter, {"units": 400}, rows, sheet="export_quote",
                   inputs={"rate": ddp.mxn_per_unit, "lines": lines},
                   expected={"prices": prices})


@cache
def worked_example(chapter: str) -> Example:
    """The worked example of ``chapter`` (``"ch01"`` … ``"ch16"``), figures from the library."""
    if chapter == "ch01":
        s = _sale(chapter)
        return Example(chapter, {"price": s["gross"]}, (
            ("fieldkit.row.gross", s["gross"]), ("fieldkit.row.iva", s["iva"]),
            ("fieldkit.row.payment_fee", s["payment_fee"]), ("fieldkit.row.fees_iva", s["fees_iva"]),
            ("fieldkit.row.cost", s["cogs"]), ("fieldkit.row.contribution", s["contribution"])))
    if chapter in ("ch02", "ch17"):
        return _price_channel(chapter)
    if chapter == "ch03":
        s = _sale(chapter)
        cpc = Decimal(str(channels().loc["web", "cpc"]))
        return Example(chapter, {"cpc": cpc}, (
            ("fieldkit.row.contribution", s["contribution"]), ("fieldkit.row.cpc", cpc)))
    if chapter == "ch04":
        card = _sale(chapter, "REBOZO", price="1000.00", method="card")
        spei = _sale(chapter, "REBOZO", price="1000.00", method="spei")
        return Example(chapter, {"price": Decimal("1000.00")}, (
            ("fieldkit.row.gross", card["gross"]),
            ("fieldkit.row.card_fee", card["payment_fee"]), ("fieldkit.row.fees_iva", card["fees_iva"]),
            ("fieldkit.row.deposited_card", card["deposited"]),
            ("fieldkit.row.spei_fee", spei["payment_fee"]), ("fieldkit.row.deposited_spei", spei["deposited"])))
    if chapter == "ch05":
        dims = ("0.45", "15", "12", "12")
        return Example(chapter, {}, (
            ("fieldkit.row.ship_estafeta", shipping_cost("estafeta", *dims)),
            ("fieldkit.row.ship_meli", shipping_cost("mercado_libre", *dims))))
    if chapter in ("ch06", "ch13"):
        return _break_even(chapter)
    if chapter in ("ch07", "ch08"):
        return _export_quote(chapter)
    if chapter == "ch09":
        ddp = quote(coffee_shipment(), "DDP", "US", currency="USD", on=DAY)
        rows = tuple((f"export.line.{x.line}", Money(x.amount, "USD")) for x in ddp.seller
                     if x.line in ("product_cost", "international_freight", "duty",
                                   "import_fees", "import_taxes"))
        return Example(chapter, {}, (*rows, ("fieldkit.row.price_ddp", ddp.price)))
    if chapter == "ch10":
        table = compare_channels(coffee_shipment(), "US", currency="USD", on=DAY)
        rows = tuple((f"fieldkit.compare.{k}", Money(p, "USD"))
                     for k, p in enumerate(table["price_per_unit"]))
        return Example(chapter, {}, rows)
    if chapter == "ch11":
        table = fx_scenarios(coffee_shipment(), "FOB", "US", currency="USD", on=DAY)
        rows = tuple((("fieldkit.row.fx_scenario", {"rate": r}), Money(p, "USD"))
                     for r, p in zip(table["mxn_per_unit"], table["price"], strict=True))
        return Example(chapter, {}, rows)
    if chapter == "ch12":
        net, iva = split_iva("1160.00", on=DAY)
        return Example(chapter, {}, (("fieldkit.row.gross", Decimal("1160.00")),
                                     ("fieldkit.row.net_price", net), ("fieldkit.row.iva", iva)))
    if chapter in ("ch14", "ch16"):
        return _loans(chapter)
    if chapter == "ch15":
        with_rfc = marketplace_withholding("1000.00", has_rfc=True, on=DAY)
        without = marketplace_withholding("1000.00", has_rfc=False, on=DAY)
        return Example(chapter, {}, (
            ("fieldkit.row.net_price", with_rfc.net_sale), ("fieldkit.row.iva", with_rfc.iva_trasladado),
            ("fieldkit.row.isr_rfc", with_rfc.isr_withheld), ("fieldkit.row.ivawh_rfc", with_rfc.iva_withheld),
            ("fieldkit.row.received_rfc", with_rfc.received),
            ("fieldkit.row.received_norfc", without.received),
            ("fieldkit.row.resico", resico_monthly_isr("60000.00", on=DAY))))
    raise InputError("errors.one_of", arg="chapter", value=chapter,
                     choices=tuple(f"ch{n:02d}" for n in range(1, 18)))
