"""Each chapter's worked example: the reading's own, with the library's numbers.

The field kit tells the same stories as the readings (``book/chapters/chNN.*.md`` and the
worked examples of ``book/practice/chNN.toml``), with the same cast of businesses
(``businesses.csv``, ``datasets_products.csv``, ``datasets_fixed_costs.csv``) and the same
figures. A worked example is a short story (whose business, which sale) and a few rows of
figures, each one a value returned by a public function of a domain room (the store's
``sale_breakdown``, the finance room's taxes, margins, books and loans, the export room's
quotes), or the reading's own step on such values (``1 ÷ conversion``, a difference), done
here the same way the reading's checks do it. The only figures typed here are the ones the
reading itself gives as inputs (an order of 1,000 pesos, a 15 % commission, a smaller box).
The same figures feed the handout, the WhatsApp cards, the slides and, for the chapters with
a spreadsheet template, the inputs and expected results of that template's test.

The module is longer than the usual 500 lines because it holds one short builder per chapter
(eighteen of them) next to the cast helpers they share; each builder names the reading's
worked example it repeats.

>>> ex = worked_example("ch04")
>>> [str(value) for _, value in ex.rows][:4]
['1000.00', '0.00', '39.00', '6.24']
>>> worked_example("ch06").params["business"]
'Talavera Azul de la Luz'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from mipyme.errors import InputError
from mipyme.export import (
    Product,
    Shipment,
    break_even_rate,
    buildup,
    compliance_cost,
    earliest_ship_date,
    export_data,
    fx_scenarios,
    price_ladder,
    quote,
    requirements,
    schedule,
)
from mipyme.finance import (
    LoanOffer,
    account_balance,
    add_iva,
    balance_sheet,
    break_even_revenue,
    break_even_units,
    cash_flow,
    compare_loans,
    contribution_margin,
    income_statement,
    iva_payable,
    iva_rate,
    marketplace_withholding,
    resico_monthly_isr,
    rules,
    split_iva,
    trial_balance,
)
from mipyme.finance import examples as books
from mipyme.finance.loans import FREQUENCIES
from mipyme.i18n import t
from mipyme.money import Money, default_rates, round_money
from mipyme.store import (
    Catalog,
    CatalogItem,
    channels,
    chargeable_weight,
    conversion,
    order_risk,
    payments,
    practice_rate,
    price_for_margin,
    sale_breakdown,
    shipping_cost,
)
from mipyme.tables import read_table

__all__ = ["CHAPTERS", "DAY", "LOAN_DAY", "Example", "cast", "coffee_shipment", "fmt",
           "loan_offers", "product", "product_row", "worked_example"]

#: The day every example is priced on (tables are dated; the readings use the same day).
DAY = "2026-01-21"


@dataclass(frozen=True)
class Example:
    """A worked example: story and title keys, figure rows, and its spreadsheet (if any).

    ``params`` fill the story: a figure, a name, or a ``{"es": ..., "en": ...}`` pair.
    ``rows`` are ``(label key, value)``; a value is a ``Decimal`` in pesos unless
    ``currency`` says otherwise, a ``Money`` in its own currency, an ``int`` (units, days),
    ``("%", rate, places)``, ``("n", number)`` or ``("kg", weight)``. ``sheet`` names the
    template whose worked example this is; ``inputs`` and ``expected`` fill and check it.
    """

    chapter: str
    params: dict = field(default_factory=dict)
    rows: tuple[tuple[object, object], ...] = ()
    currency: str = "MXN"
    sheet: str = ""
    inputs: dict = field(default_factory=dict)
    expected: dict = field(default_factory=dict)

    def title(self, lang: str) -> str:
        return t(f"fieldkit.ex.{self.chapter}.title", lang=lang)

    def story(self, lang: str) -> str:
        shown = {k: v[lang] if isinstance(v, dict) else fmt(v, lang, self.currency)
                 for k, v in self.params.items()}
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
        places = value[2] if len(value) > 2 else 1
        return f"{Decimal(str(value[1])) * 100:.{places}f} %"
    if isinstance(value, tuple) and value and value[0] == "n":
        return f"{Decimal(str(value[1])):,}"
    if isinstance(value, tuple) and value and value[0] == "kg":
        return f"{Decimal(str(value[1])).normalize():,f} kg"
    return str(value)


# --- the cast, from the data -----------------------------------------------------------

@cache
def cast(business: str) -> dict[str, str]:
    """An example business's name and owner, from ``businesses.csv``.

    >>> cast("plata")
    {'business': 'Plata Luna de Taxco', 'owner': 'Alejandro Salgado'}
    """
    table = read_table("businesses", required=("business", "name", "owner"))
    rows = table[table["business"] == business]
    if rows.empty:
        raise InputError("errors.one_of", arg="business", choices=tuple(table["business"]),
                         value=business)
    return {"business": str(rows.iloc[0]["name"]), "owner": str(rows.iloc[0]["owner"])}


def product_row(sku: str):
    """The row of ``sku`` in ``datasets_products.csv`` (amounts as ``Decimal``)."""
    table = read_table("datasets_products", decimals=("unit_cost", "price", "weight_kg",
                                                      "length_cm", "width_cm", "height_cm"))
    rows = table[table["sku"] == sku]
    if rows.empty:
        raise InputError("errors.one_of", arg="sku", choices=tuple(table["sku"]), value=sku)
    return rows.iloc[0]


def product(sku: str, tariff_product: str, **kw) -> Product:
    """An export ``Product`` from a row of ``datasets_products.csv`` (as the notebooks do)."""
    row = product_row(sku)
    return Product(str(row["name_es"]), tariff_product, unit_cost=row["unit_cost"],
                   weight_kg=row["weight_kg"],
                   dimensions_cm=(row["length_cm"], row["width_cm"], row["height_cm"]), **kw)


def _names(sku: str) -> dict[str, str]:
    row = product_row(sku)
    return {"es": str(row["name_es"]), "en": str(row["name_en"])}


def _fixed_costs(business: str) -> Decimal:
    table = read_table("datasets_fixed_costs", decimals=("monthly_amount",))
    return sum(table[table["business"] == business]["monthly_amount"], Decimal("0.00"))


def _dec(value: object) -> Decimal:
    return Decimal(str(value))


# --- the store: chapters 1 to 5 and 17 --------------------------------------------------

def _ch01(chapter: str) -> Example:
    """Guadalupe's Talavera cup sold by card in her own store (ch01, ``taza-tres-numeros``)."""
    s = sale_breakdown("TAZA-TALAV", "web", start=DAY)
    return Example(chapter, {"price": s["gross"], **cast("talavera")}, (
        ("fieldkit.row.gross", s["gross"]), ("fieldkit.row.iva", s["iva"]),
        ("fieldkit.row.net_price", s["sales"]), ("fieldkit.row.payment_fee", s["payment_fee"]),
        ("fieldkit.row.cost", s["cogs"]), ("fieldkit.row.contribution", s["contribution"]),
        ("fieldkit.row.fees_iva", s["fees_iva"]), ("fieldkit.row.deposited", s["deposited"]),
        ("fieldkit.row.days", s["days"])))


_PRICE_CHANNELS = ("web", "mercado_libre", "amazon_mx")


def _ch02(chapter: str) -> Example:
    """María's rebozo in her own store and on Mercado Libre (ch02, ``rebozo-dos-canales``).

    The price-per-channel template carries the same rebozo in the two channels of the
    reading and in Amazon México, each channel's rates read from the store's tables.
    """
    table, card = channels(), payments().loc["card"]
    withholding = marketplace_withholding("100.00", has_rfc=True, on=DAY)
    sales = {code: sale_breakdown("REBOZO", code, start=DAY) for code in _PRICE_CHANNELS}
    web, meli = sales["web"], sales["mercado_libre"]
    rows = (("fieldkit.row.gross", web["gross"]), ("fieldkit.row.iva", web["iva"]),
            ("fieldkit.row.net_price", web["sales"]), ("fieldkit.row.cost", web["cogs"]),
            ("fieldkit.channel.web", ""), ("fieldkit.row.payment_fee", web["payment_fee"]),
            ("fieldkit.row.shipping", web["shipping"]),
            ("fieldkit.row.contribution", web["contribution"]),
            ("fieldkit.channel.mercado_libre", ""), ("fieldkit.row.commission", meli["commission"]),
            ("fieldkit.row.shipping", meli["shipping"]),
            ("fieldkit.row.contribution", meli["contribution"]))
    inputs, expected = {}, {}
    for code, sale in sales.items():
        market = table.loc[code, "withholding"] == "yes"
        zero = Decimal("0")
        inputs[code] = {
            "gross": sale["gross"], "commission_rate": _dec(table.loc[code, "commission_rate"]),
            "commission_fixed": _dec(table.loc[code, "fixed_fee"]),
            "pay_rate": zero if market else _dec(card["fee_rate"]),
            "pay_fixed": zero if market else _dec(card["fixed_fee"]),
            "isr_rate": withholding.isr_withheld / 100 if market else zero,
            "ivawh_rate": withholding.iva_withheld / 100 if market else zero,
            "shipping": sale["shipping"], "cost": sale["cogs"],
        }
        expected[code] = {k: sale[k] for k in ("iva", "sales", "commission", "payment_fee",
                                               "fees_iva", "isr_withheld", "iva_withheld",
                                               "deposited", "contribution")}
    return Example(chapter, {"price": web["gross"], **cast("telar")}, rows,
                   sheet="price_channel", inputs=inputs, expected=expected)


def _ch03(chapter: str) -> Example:
    """Alejandro's silver earrings advertised by the click (ch03, ``clics-a-ganancia``)."""
    rows: list[tuple[object, object]] = []
    price = Decimal("0")
    for code in ("mercado_libre", "web"):
        sale = sale_breakdown("ARE-PLATA", code, start=DAY)
        price = sale["gross"]
        cpc = _dec(channels().loc[code, "cpc"])
        rate = _dec(conversion("jewelry", code, price, price))
        rows += [(f"fieldkit.channel.{code}", ""), ("fieldkit.row.cpc", cpc),
                 ("fieldkit.row.conversion", ("%", rate, 2)),
                 ("fieldkit.row.visits_per_sale", ("n", round_money(1 / rate))),
                 ("fieldkit.row.ads_per_sale", round_money(cpc / rate)),
                 ("fieldkit.row.margin_pair", sale["contribution"])]
    return Example(chapter, {"price": price, **cast("plata")}, tuple(rows))


def _ch04(chapter: str) -> Example:
    """Wendy's 1,000-peso honey order: card, SPEI or Mercado Pago (ch04, ``cobrar-mil``).

    The order (1,000 pesos, food at 0 % IVA) is the reading's input; the fees, their IVA and
    the payouts are the store's ``sale_breakdown`` with each method's row of the payments
    table.
    """
    order = Catalog((CatalogItem("MIEL", _names("MIE-TAJ-350")["es"], "food",
                                 unit_cost=Decimal("0.00"), price=Decimal("1000.00")),))
    sale = {m: sale_breakdown("MIEL", "web", method=m, catalog=order, start=DAY)
            for m in ("card", "spei", "mercado_pago")}
    rows: list[tuple[object, object]] = [("fieldkit.row.gross", sale["card"]["gross"]),
                                         ("fieldkit.row.iva", sale["card"]["iva"])]
    for m, s in sale.items():
        rows += [(f"fieldkit.row.fee_{m}", s["payment_fee"]), ("fieldkit.row.fees_iva", s["fees_iva"]),
                 (f"fieldkit.row.deposited_{m}", s["deposited"])]
    return Example(chapter, {"price": sale["card"]["gross"], **cast("miel")}, tuple(rows))


#: The tighter box of chapter 5's reading (cm), for the 27 cm plate.
_TIGHT_BOX = ("28", "28", "5")


def _ch05(chapter: str) -> Example:
    """Guadalupe's dinner plate: the box decides the shipping (ch05, ``caja-plato``)."""
    row = product_row("TAL-PLT-27")
    weight, box = row["weight_kg"], (row["length_cm"], row["width_cm"], row["height_cm"])
    now = shipping_cost("estafeta", weight, *box)
    tight = shipping_cost("estafeta", weight, *_TIGHT_BOX)
    plates = break_even_units(_fixed_costs("talavera"), split_iva(row["price"], on=DAY)[0],
                              row["unit_cost"])
    return Example(chapter, {"weight": ("kg", weight), "box": " × ".join(
        f"{d.normalize():f}" for d in box), "tight": " × ".join(_TIGHT_BOX), **cast("talavera")}, (
        ("fieldkit.row.chargeable_box", ("kg", chargeable_weight(weight, *box))),
        ("fieldkit.row.ship_box", now),
        ("fieldkit.row.chargeable_tight", ("kg", chargeable_weight(weight, *_TIGHT_BOX))),
        ("fieldkit.row.ship_tight", tight), ("fieldkit.row.saving", now - tight),
        (("fieldkit.row.saving_month", {"plates": plates}), (now - tight) * plates)))


#: María's hand-embroidered blouse in chapter 17's reading: price with IVA, cost, one-way
#: shipping (the reading's inputs; the fee, the return rates and the sums are the library's).
_BLOUSE = {"price": Decimal("1150.00"), "cost": Decimal("480.00"), "shipping": Decimal("150.00")}
_TARGET_MARGIN = Decimal("0.25")


def _ch17(chapter: str) -> Example:
    """The returns of María's blouse (ch17, "Ejemplo resuelto 1")."""
    net = split_iva(_BLOUSE["price"], on=DAY)[0]
    card = payments().loc["card"]
    terms = {"fee_rate": _dec(card["fee_rate"]), "fee_fixed": _dec(card["fixed_fee"]),
             "iva_rate": iva_rate("general", DAY)}
    online, season = practice_rate("return_rate_online"), practice_rate("return_rate_sale_event")
    usual = order_risk(net, _BLOUSE["cost"], _BLOUSE["shipping"], return_rate=online, **terms)
    buen_fin = order_risk(net, _BLOUSE["cost"], _BLOUSE["shipping"], return_rate=season, **terms)
    price = price_for_margin(_BLOUSE["cost"], _BLOUSE["shipping"], _TARGET_MARGIN,
                             return_rate=online, **terms)
    return Example(chapter, {"price": _BLOUSE["price"], "rate": ("%", online),
                             **cast("telar")}, (
        ("fieldkit.row.net_price", net), ("fieldkit.row.cost", _BLOUSE["cost"]),
        ("fieldkit.row.shipping_one_way", _BLOUSE["shipping"]),
        ("fieldkit.row.payment_fee", usual.fee), ("fieldkit.row.kept", usual.kept),
        ("fieldkit.row.return_loss", usual.return_loss), ("fieldkit.row.expected", usual.expected),
        ("fieldkit.row.hidden_cost", usual.hidden_cost),
        (("fieldkit.row.expected_season", {"rate": fmt(("%", season), "es")}), buen_fin.expected),
        (("fieldkit.row.price_for_margin", {"margin": f"{_TARGET_MARGIN * 100:.0f}"}), price)))


# --- unit economics: chapter 6 ------------------------------------------------------------

#: The marketplace commission of chapter 6's reading (on the price with IVA).
_MARKET_FEE = Decimal("0.15")


def _ch06(chapter: str) -> Example:
    """Guadalupe's dinner plate: margin, break-even, marketplace price (ch06)."""
    row = product_row("TAL-PLT-27")
    price, cost, fixed = row["price"], row["unit_cost"], _fixed_costs("talavera")
    iva = iva_rate("general", DAY)
    net, tax = split_iva(price, on=DAY)
    margin = contribution_margin(net, cost)
    units = break_even_units(fixed, net, cost)
    revenue = break_even_revenue(fixed, net, cost)
    listed = rules.platform_price(net, _MARKET_FEE, iva)
    rows = (("fieldkit.row.price_with_iva", price), ("fieldkit.row.iva", tax),
            ("fieldkit.row.net_price", net), ("fieldkit.row.unit_cost", cost),
            ("fieldkit.row.margin", margin.per_unit), ("fieldkit.row.fixed", fixed),
            ("fieldkit.row.be_units", units),
            (("fieldkit.row.platform_price", {"fee": f"{_MARKET_FEE * 100:.0f}"}), listed))
    return Example(chapter, {"fixed": fixed, "price": price, "cost": cost,
                             "product": _names("TAL-PLT-27"), **cast("talavera")}, rows,
                   sheet="break_even",
                   inputs={"price": price, "iva_rate": iva, "unit_cost": cost, "fixed": fixed},
                   expected={"net": net, "iva": tax, "margin": margin.per_unit,
                             "units": units, "revenue": revenue})


# --- export: chapters 7 to 11 ------------------------------------------------------------

def coffee_shipment() -> Shipment:
    """Ernesto Landa's 400 bags of Café Cumbre de Coatepec by sea from Veracruz (ch08)."""
    return Shipment(product("CAF-GR-500", "coffee"), units=400, mode="sea", origin="Coatepec",
                    origin_port="Veracruz")


def _ch07(chapter: str) -> Example:
    """Wendy's 240 jars of honey by air to Montreal, FCA Mérida airport (ch07)."""
    honey = product("MIE-TAJ-350", "honey")
    airport = Shipment(honey, units=240, mode="air", origin="Maní",
                       fca_place="Aeropuerto de Mérida")
    at_airport = quote(airport, "FCA", "CA", currency="CAD", on=DAY)
    at_home = quote(Shipment(honey, units=240, mode="air", origin="Maní"), "FCA", "CA",
                    currency="CAD", on=DAY)
    return Example(chapter, {"units": 240, **cast("miel")}, (
        ("fieldkit.row.fca_airport", at_airport.price),
        ("fieldkit.row.fca_home", at_home.price),
        ("fieldkit.row.truck", Money(at_airport.price.amount - at_home.price.amount, "CAD")),
        ("fieldkit.row.landed_buyer", at_airport.landed),
        ("fieldkit.row.rate_cad", ("n", at_airport.mxn_per_unit))), currency="CAD")


def _ch08(chapter: str) -> Example:
    """Ernesto's 400 bags of coffee, from EXW to DDP in dollars (ch08)."""
    ship = coffee_shipment()
    ladder = price_ladder(ship, "US", currency="USD", on=DAY)
    ddp = quote(ship, "DDP", "US", currency="USD", on=DAY)
    rows = tuple((f"fieldkit.rule.{r}", Money(p, "USD"))
                 for r, p in zip(ladder["rule"], ladder["price"], strict=True))
    lines = [(x.line, x.amount_mxn, x.amount) for x in ddp.seller]
    prices = dict(zip(ladder["rule"], (_dec(p) for p in ladder["price"]), strict=True))
    return Example(chapter, {"units": ship.units, "cost": Money(ship.product.unit_cost, "MXN"),
                             "rate": ("n", ddp.mxn_per_unit), **cast("cafe")}, rows,
                   currency="USD", sheet="export_quote",
                   inputs={"rate": ddp.mxn_per_unit, "lines": lines}, expected={"prices": prices})


#: The three days of entry of chapter 9's reading (IEEPA surcharge, Section 122, none); the
#: labels ``fieldkit.row.duty_0`` … ``duty_2`` name them.
_ENTRY_DAYS = ("2026-01-21", "2026-03-02", "2026-08-03")


def _ch09(chapter: str) -> Example:
    """Alejandro's 300 pairs of earrings DDP Dallas, three days of entry (ch09)."""
    earrings = product("PLA-ARR", "silver_jewelry", usmca_originating=False)
    ship = Shipment(earrings, units=300, mode="courier", origin="Taxco")
    data = export_data()
    value = buildup(ship, data.market("US"), DAY, default_rates(), data).customs_value
    quotes = {day: quote(ship, "DDP", "US", currency="USD", on=day) for day in _ENTRY_DAYS}

    def line(q, name):
        return Money(q.lines.set_index("line").loc[name, "amount"], "USD")

    rows: list[tuple[object, object]] = [("fieldkit.row.customs_value", value)]
    rows += [(f"fieldkit.row.duty_{k}", line(q, "duty")) for k, q in enumerate(quotes.values())]
    jan = quotes[DAY]
    origin = quote(Shipment(product("PLA-ARR", "silver_jewelry", usmca_originating=True),
                            units=300, mode="courier", origin="Taxco"), "DDP", "US",
                   currency="USD", on=DAY)
    rows += [("fieldkit.row.mpf", line(jan, "import_fees")), ("fieldkit.row.order_margin", jan.margin),
             ("fieldkit.row.ddp_no_origin", jan.price), ("fieldkit.row.ddp_origin", origin.price)]
    return Example(chapter, {"units": 300, "cost": earrings.unit_cost, **cast("plata")},
                   tuple(rows))


#: The flat box of chapter 10's reading (cm), for the folded rebozo.
_FLAT_BOX = ("25", "20", "4")


def _ch10(chapter: str) -> Example:
    """María's rebozo in one DDP parcel: the box she uses and a flat one (ch10)."""
    rebozo = product("TEJ-REB", "cotton_apparel")
    flat = Product(rebozo.name, "cotton_apparel", unit_cost=rebozo.unit_cost,
                   weight_kg=rebozo.weight_kg, dimensions_cm=tuple(Decimal(d) for d in _FLAT_BOX))
    rows: list[tuple[object, object]] = []
    prices = []
    for key, item in (("box", rebozo), ("flat", flat)):
        q = quote(Shipment(item, units=1, mode="courier", origin="San Cristóbal de las Casas"),
                  "DDP", "US", currency="USD", on=DAY)
        prices.append(q.price.amount)
        label = "chargeable_box_rebozo" if key == "box" else "chargeable_flat"
        rows += [(f"fieldkit.row.{label}", ("kg", chargeable_weight(
                     item.weight_kg, *item.dimensions_cm))),
                 (f"fieldkit.row.freight_{key}",
                  Money(q.lines.set_index("line").loc["international_freight", "amount"], "USD")),
                 (f"fieldkit.row.ddp_{key}", q.price)]
    rows.append(("fieldkit.row.saving_parcel", Money(prices[0] - prices[1], "USD")))
    dims = " × ".join(f"{d.normalize():f}" for d in rebozo.dimensions_cm)
    return Example(chapter, {"weight": ("kg", rebozo.weight_kg), "box": dims,
                             "flat": " × ".join(_FLAT_BOX), **cast("telar")}, tuple(rows))


def _ch11(chapter: str) -> Example:
    """Rosa's 600 bottles of mezcal FOB Veracruz and the exchange rate (ch11)."""
    ship = Shipment(product("MEZ-ESP-750", "mezcal"), units=600, mode="sea",
                    origin="Santiago Matatlán")
    today = quote(ship, "FOB", "US", currency="USD", on=DAY)
    table = fx_scenarios(ship, "FOB", "US", currency="USD", on=DAY)
    rows: list[tuple[object, object]] = [("fieldkit.row.fob_price", today.price),
                                         ("fieldkit.row.per_bottle", today.price_per_unit)]
    rows += [(("fieldkit.row.margin_at", {"rate": r}), _dec(m))
             for r, m in zip(table["mxn_per_unit"], table["margin_mxn_at_today_price"],
                             strict=True)][:2]
    rows.append(("fieldkit.row.be_rate", ("n", break_even_rate(ship, "FOB", "US", on=DAY))))
    return Example(chapter, {"units": 600, "rate": ("n", today.mxn_per_unit), **cast("mezcal")},
                   tuple(rows))


#: The day Rosa closes the sale in chapter 18's reading, and what a ready importer brings.
_SALE_DAY = "2026-03-02"
_IMPORTER_READY = {"us_importer_permit": True, "ttb_cola": True}


def _ch18(chapter: str) -> Example:
    """Rosa's mezcal to Chicago: the longest chain of paperwork sets the date (ch18).

    The requirements, their estimated lead times and costs are the export room's table
    (``export_requirements.csv``); the dates are ``earliest_ship_date``.
    """
    steps = requirements("mezcal", "US")
    plan = schedule("mezcal", "US").set_index("requirement")
    with_cert = _IMPORTER_READY | {"nom070_certificate": True}
    return Example(chapter, {"day": _SALE_DAY, **cast("mezcal")}, (
        ("fieldkit.row.steps", int((steps["kind"] == "must").sum())),
        ("fieldkit.row.days_permit", int(plan.loc["us_importer_permit", "end"])),
        ("fieldkit.row.days_nom070", int(plan.loc["nom070_certificate", "end"])),
        ("fieldkit.row.days_cola", int(plan.loc["ttb_cola", "end"])),
        ("fieldkit.row.ship_date", str(earliest_ship_date("mezcal", "US", _SALE_DAY))),
        ("fieldkit.row.ship_importer",
         str(earliest_ship_date("mezcal", "US", _SALE_DAY, _IMPORTER_READY))),
        ("fieldkit.row.ship_nom070", str(earliest_ship_date("mezcal", "US", _SALE_DAY, with_cert))),
        ("fieldkit.row.cost_nom070", compliance_cost("mezcal", "US", "MXN")),
        ("fieldkit.row.cost_fda_agent", Money(compliance_cost("mezcal", "US", "USD"), "USD"))))


# --- finance: chapters 12 to 16 -------------------------------------------------------------

def _ch12(chapter: str) -> Example:
    """Guadalupe's January 2026 in the journal (ch12, ``finance.examples.talavera_month``)."""
    journal = books.talavera_month()
    fee, fee_iva = split_iva(books.GATEWAY_FEE, on="2026-01-17")
    output = account_balance(journal, "IVA trasladado")
    credit = account_balance(journal, "IVA acreditable")
    return Example(chapter, {"fee": books.GATEWAY_FEE, **cast("talavera")}, (
        ("fieldkit.row.fee_net", fee), ("fieldkit.row.fee_iva", fee_iva),
        ("fieldkit.row.bank", account_balance(journal, "Bancos")),
        ("fieldkit.row.trial", trial_balance(journal).attrs["debits"]),
        ("fieldkit.row.iva_out", -output if output < 0 else output),
        ("fieldkit.row.iva_in", credit),
        ("fieldkit.row.iva_to_pay", iva_payable(abs(output), credit).amount),
        ("fieldkit.row.profit", income_statement(journal).attrs["net_income"])))


def _ch13(chapter: str) -> Example:
    """Rosa's March 2026: three statements and a drawing (ch13, ``mezcal_month``)."""
    journal = books.mezcal_month()
    income = income_statement(journal).attrs
    sheet = balance_sheet(journal, on="2026-03-31").attrs
    return Example(chapter, {**cast("mezcal")}, (
        ("fieldkit.row.sales_month", income["sales"]),
        ("fieldkit.row.profit", income["net_income"]),
        ("fieldkit.row.receivable", account_balance(journal, "Clientes")),
        ("fieldkit.row.bank_change", cash_flow(journal).attrs["net_change"]),
        ("fieldkit.row.assets", sheet["assets"]), ("fieldkit.row.equity", sheet["equity"]),
        ("fieldkit.row.equity_no_drawing",
         balance_sheet(books.mezcal_month(drawings=0), on="2026-03-31").attrs["equity"])))


def loan_offers() -> tuple[LoanOffer, LoanOffer]:
    """Doña Juana's two offers in chapter 14's reading, IVA on the interest in both."""
    return (LoanOffer("A", Decimal("10000"), Decimal("0.72"), 16, frequency="weekly",
                      iva_on_interest=True),
            LoanOffer("B", Decimal("10000"), Decimal("0.30"), 4, opening_fee=Decimal("200"),
                      iva_on_interest=True))


def _loan_example(chapter: str, offers: tuple[LoanOffer, ...], start: str, params: dict,
                  sheet: str = "") -> Example:
    table = compare_loans(*offers, start=start)
    rows: list[tuple[object, object]] = []
    for o in offers:
        rows += [(f"fieldkit.loan.{chapter}.{o.name}", ""),
                 ("fieldkit.row.first_payment", table.loc[o.name, "payment"]),
                 ("fieldkit.row.total_paid", table.loc[o.name, "total_paid"]),
                 ("fieldkit.row.loan_cost", table.loc[o.name, "cost"]),
                 ("fieldkit.row.cat_no_iva", ("%", table.loc[o.name, "cat_without_iva"])),
                 ("fieldkit.row.cat_iva", ("%", table.loc[o.name, "cat"]))]
    day = start
    inputs = {o.name: {"principal": o.principal, "annual_rate": o.annual_rate,
                       "periods": o.periods, "per_year": FREQUENCIES[o.frequency][0],
                       "opening_fee": o.opening_fee,
                       "iva_rate": iva_rate("general", day) if o.iva_on_interest
                       else Decimal("0")} for o in offers}
    expected = {o.name: {k: _dec(table.loc[o.name, k])
                         for k in ("payment", "total_paid", "interest", "iva", "cost", "cat",
                                   "cat_without_iva")} for o in offers}
    return Example(chapter, params, tuple(rows), sheet=sheet, inputs=inputs, expected=expected)


#: The day Doña Juana receives the money (the reading's loans do not depend on it).
LOAN_DAY = "2026-02-02"


def _ch14(chapter: str) -> Example:
    """Doña Juana's group loan against the bank's, IVA on the interest (ch14)."""
    return _loan_example(chapter, loan_offers(), LOAN_DAY, {"principal": Decimal("10000.00")},
                         sheet="loans")


def _ch16(chapter: str) -> Example:
    """Lupita's two loans for El Buen Fin: a bank and a fintech (ch16, ``prestamo-buen-fin``)."""
    offers = (LoanOffer("bank", Decimal("60000"), Decimal("0.28"), 12,
                        opening_fee=Decimal("1200")),
              LoanOffer("fintech", Decimal("60000"), Decimal("0.55"), 6, iva_on_interest=True))
    return _loan_example(chapter, offers, "2026-10-01", {"principal": Decimal("60000.00")})


def _ch15(chapter: str) -> Example:
    """Ernesto's March 2026: coffee at 0 %, mugs at 16 %, RESICO (ch15, ``marzo-cafe-y-tazas``).

    The month's figures (38,400 of coffee, 25 mugs at 140, 1,900 of IVA paid, a 120-peso
    gateway fee) are the reading's inputs; the taxes are the finance room's.
    """
    day = "2026-03-31"
    coffee, mugs, paid = Decimal("38400.00"), 25 * Decimal("140.00"), Decimal("1900.00")
    mug_sales, mug_iva = split_iva(mugs, on=day)
    fee_iva = split_iva("120.00", on=day)[1]
    return Example(chapter, {"coffee": coffee, "mugs": mugs, **cast("cafe")}, (
        ("fieldkit.row.coffee_iva", add_iva(coffee, kind="food", on=day) - coffee),
        ("fieldkit.row.mug_sales", mug_sales), ("fieldkit.row.mug_iva", mug_iva),
        ("fieldkit.row.iva_in_month", paid + fee_iva),
        ("fieldkit.row.iva_balance", iva_payable(mug_iva, paid + fee_iva).amount),
        ("fieldkit.row.resico", resico_monthly_isr(coffee + mug_sales, on=day))))


_BUILDERS = {"ch01": _ch01, "ch02": _ch02, "ch03": _ch03, "ch04": _ch04, "ch05": _ch05,
             "ch06": _ch06, "ch07": _ch07, "ch08": _ch08, "ch09": _ch09, "ch10": _ch10,
             "ch11": _ch11, "ch12": _ch12, "ch13": _ch13, "ch14": _ch14, "ch15": _ch15,
             "ch16": _ch16, "ch17": _ch17, "ch18": _ch18}

#: The chapters with a worked example (every ready chapter of ``curriculum.toml``).
CHAPTERS = tuple(_BUILDERS)


@cache
def worked_example(chapter: str) -> Example:
    """The worked example of ``chapter`` (``"ch01"`` … ``"ch18"``), figures from the library."""
    if chapter not in _BUILDERS:
        raise InputError("errors.one_of", arg="chapter", value=chapter, choices=CHAPTERS)
    return _BUILDERS[chapter](chapter)
