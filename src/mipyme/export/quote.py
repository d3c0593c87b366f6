"""Export quotes: the price of a shipment under one Incoterms rule, in the buyer's currency.

Why one module over 500 lines: the quote and the questions asked of it (the price ladder, the
exchange-rate scenarios, the inverse price) share its assembly step and its checks.

Every line is computed in pesos and rounded to centavos, converted with the day's rate and
rounded again; the price IS the sum of the seller's rounded lines, so a quote always adds up
to the cent. What the buyer still pays on top (freight, duty, ...) is estimated the same way,
and price + buyer's lines is the landed price.

>>> from mipyme.export import Product, Shipment, quote
>>> mugs = Product("Taza de Talavera", "talavera", unit_cost="120", weight_kg="0.6",
...                dimensions_cm=("14", "12", "12"))
>>> q = quote(Shipment(mugs, units=200), "FOB", "US", currency="USD", on="2026-01-21")
>>> q.price
Money('2677.99', 'USD')
>>> q.lines["amount"].sum() == q.price.amount
True
>>> q.landed > q.price
True
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

import pandas as pd

from mipyme.errors import InputError
from mipyme.export.costing import (
    Buildup,
    DayRates,
    Product,  # noqa: F401 (used by the doctests)
    Shipment,
    buildup,
    line_payer,
    percent_text,
)
from mipyme.export.incoterms import LINES, RULES, check_rule
from mipyme.export.markets import ExportData, Market, export_data
from mipyme.i18n import get_language, language, t
from mipyme.money import (
    ZERO,
    ExchangeRates,
    Money,
    as_decimal,
    check_currency,
    default_rates,
    pesos,
)
from mipyme.money import round_money as _round
from mipyme.tables import date_or_today

__all__ = [
    "FX_SCENARIOS",
    "Quote",
    "QuoteLine",
    "appreciation_effect",
    "break_even_rate",
    "compare_channels",
    "fx_scenarios",
    "ladder_rules",
    "marketplace_fees",
    "max_exworks_cost",
    "price_grid",
    "price_ladder",
    "quote",
]

#: Pesos per dollar of the classroom scenarios (2024 superpeso, 2025 close, late 2024, 2020 peak).
FX_SCENARIOS: tuple[Decimal, ...] = (Decimal("16.5"), Decimal("18"), Decimal("20"),
                                     Decimal("25"))


@dataclass(frozen=True, slots=True)
class QuoteLine:
    """One line of a quote: a cost line, who pays it and its amount in the quote currency."""

    line: str
    payer: str
    amount: Decimal
    currency: str
    amount_mxn: Decimal
    basis_key: str
    basis_params: tuple[tuple[str, object], ...]

    def name(self, lang: str | None = None) -> str:
        """The line's name in ``lang``."""
        return t(f"export.line.{self.line}", lang=lang)

    def basis(self, lang: str | None = None) -> str:
        """How the amount was computed, in ``lang``."""
        params = {k: t(v[1], lang=lang) if isinstance(v, tuple) else v
                  for k, v in self.basis_params}
        return t(self.basis_key, lang=lang, **params)


@dataclass(frozen=True, slots=True)
class Quote:
    """A priced shipment under one rule. ``price`` is what the seller charges.

    ``lines`` (seller's lines) add up exactly to ``price``; ``buyer_lines`` are the costs the
    buyer carries on top; ``landed`` = price + buyer's lines.
    """

    shipment: Shipment
    rule: str
    market: Market
    currency: str
    on: dt.date
    mxn_per_unit: Decimal
    seller: tuple[QuoteLine, ...]
    buyer: tuple[QuoteLine, ...]
    price: Money
    landed: Money
    cover: str

    # -- tables ------------------------------------------------------------------
    @staticmethod
    def _frame(lines: tuple[QuoteLine, ...]) -> pd.DataFrame:
        return pd.DataFrame({
            "line": [x.line for x in lines],
            "name_es": [x.name("es") for x in lines],
            "name_en": [x.name("en") for x in lines],
            "payer": [x.payer for x in lines],
            "amount": pd.Series([x.amount for x in lines], dtype=object),
            "currency": [x.currency for x in lines],
            "basis": [x.basis() for x in lines],
        })

    @property
    def lines(self) -> pd.DataFrame:
        """The seller's lines (they make up the price): line, names, payer, amount, basis."""
        return self._frame(self.seller)

    @property
    def buyer_lines(self) -> pd.DataFrame:
        """What the buyer pays on top of the price (estimates with the same tables)."""
        return self._frame(self.buyer)

    @property
    def landed_lines(self) -> pd.DataFrame:
        """Every line from the workshop to the buyer's door, in build-up order."""
        order = {x: i for i, x in enumerate(LINES)}
        both = sorted(self.seller + self.buyer, key=lambda x: order.get(x.line, len(LINES)))
        return self._frame(tuple(both))

    def table(self, lang: str | None = None, landed: bool = False) -> pd.DataFrame:
        """The quote as a student reads it: translated column names and payer words.

        Amounts are ``Money`` (each knows its currency), so a table for people shows them
        with their symbol and the currency once, in the column's header.

        >>> honey = Product("Miel", "honey", "90", "1.2", ("10", "10", "12"))
        >>> q = quote(Shipment(honey, 100), "EXW", "CA",
        ...           currency="CAD", on="2026-01-21")
        >>> list(q.table("en").columns)
        ['Cost line', 'Who pays', 'Amount', 'Basis']
        """
        lines = self.seller + (self.buyer if landed else ())
        with language(lang or get_language()):
            return pd.DataFrame({
                t("export.col.line"): [x.name() for x in lines],
                t("export.col.payer"): [t(f"export.payer.{x.payer}") for x in lines],
                t("export.col.amount"): pd.Series([Money(x.amount, x.currency) for x in lines],
                                                  dtype=object),
                t("export.col.basis"): [x.basis() for x in lines],
            })

    # -- derived figures -----------------------------------------------------------
    @property
    def margin(self) -> Money:
        """The seller's margin in the quote currency (the ``margin`` line)."""
        return Money(sum((x.amount for x in self.seller if x.line == "margin"), ZERO),
                     self.currency)

    @property
    def costs_mxn(self) -> Decimal:
        """What the seller spends in pesos for this quote (every seller line but the margin)."""
        return sum((x.amount_mxn for x in self.seller if x.line != "margin"), ZERO)

    @property
    def price_per_unit(self) -> Money:
        """Price divided by the units shipped."""
        return Money(self.price.amount / self.shipment.units, self.currency)

    @property
    def place(self) -> str:
        """The named place that goes after the rule (``FOB Veracruz``)."""
        if self.rule == "FCA" and self.shipment.fca_place:
            return self.shipment.fca_place
        if self.rule in ("EXW", "FCA"):
            return self.shipment.origin
        if self.rule in ("FAS", "FOB"):
            return self.shipment.origin_port
        if self.rule in ("CFR", "CIF"):
            return self.market.port
        return self.market.city

    def to_html(self, lang: str | None = None) -> str:
        """A printable pro-forma quote (HTML) in ``lang``."""
        from mipyme.export.report import proforma_html

        return proforma_html(self, lang)

    def __repr__(self) -> str:
        return (f"Quote({self.rule} {self.place}, {self.market.code}, {self.shipment.units} x "
                f"{self.shipment.product.name!r}, price={self.price!r})")


def _checked(shipment: object, rule: object, market: object, currency: object,
             data: ExportData) -> tuple[str, Market, str]:
    if not isinstance(shipment, Shipment):
        raise InputError("export.not_a_shipment", value=shipment)
    rule = check_rule(rule, shipment.mode)
    market = data.market(market)
    currency = check_currency(currency)
    data.tariff_line(shipment.product.tariff_key, market.code)
    if shipment.mode in ("courier", "air"):
        shipment.chargeable_weight()  # refuses weight without dimensions, clearly
    return rule, market, currency


def _assemble(shipment: Shipment, rule: str, market: Market, currency: str, day: dt.date,
              build: Buildup, fx: DayRates, data: ExportData,
              platform_fee: tuple[Decimal, Decimal] | None = None) -> Quote:
    rate = fx.mxn(currency)
    payers = data.incoterms.payers
    seller: list[QuoteLine] = []
    buyer: list[QuoteLine] = []
    for line in LINES:
        mxn = build.amounts[line]
        key, params = build.basis[line]
        item = QuoteLine(line, line_payer(rule, line, shipment, payers), _round(mxn / rate),
                         currency, mxn, key,
                         tuple(params.items()))
        (seller if item.payer == "seller" else buyer).append(item)
    subtotal = sum((x.amount for x in seller), ZERO)
    if platform_fee is not None:
        fee_rate, fixed_mxn = platform_fee
        fixed = _round(fixed_mxn / rate)
        target = _round((subtotal + fixed) / (1 - fee_rate))
        fee = target - subtotal
        seller.append(QuoteLine("platform_fee", "seller", fee, currency, _round(fee * rate),
                                "export.basis.platform_fee",
                                (("rate", percent_text(fee_rate)),
                                 ("fixed", f"{fixed:,.2f}"), ("currency", currency),
                                 ("subtotal", f"{subtotal:,.2f}"))))
        subtotal = target
    price = Money(subtotal, currency)
    landed = Money(subtotal + sum((x.amount for x in buyer), ZERO), currency)
    return Quote(shipment, rule, market, currency, day, rate, tuple(seller), tuple(buyer),
                 price, landed, build.cover)


def quote(shipment: Shipment, rule: str, market: str, currency: str = "USD",
          on: object = None, rates: ExchangeRates | None = None, *,
          platform_fee: object = None, data: ExportData | None = None) -> Quote:
    """Price ``shipment`` to ``market`` under Incoterms ``rule``, in ``currency`` on ``on``.

    Parameters
    ----------
    shipment : Shipment
        What is sent, how, and the seller's overhead and margin rates.
    rule : str
        One of the 11 Incoterms 2020 rules; FAS/FOB/CFR/CIF need ``mode='sea'``.
    market : str
        Destination market code from ``data/markets.csv`` (US, CA, DE, MX).
    currency : str
        Currency of the quote (MXN, USD, EUR, CAD).
    on : date or ISO text
        Date of the quote (exchange rate, tariff in force); today if omitted.
    rates : ExchangeRates
        Exchange-rate table; ``default_rates()`` if omitted. Use ``with_rate`` for scenarios.
    platform_fee : Decimal-like or None
        Marketplace fee rate passed through: price = (cost + margin) / (1 - fee rate).
    data : ExportData
        Markets, tariffs and logistics rates; the packaged tables if omitted.

    Returns
    -------
    Quote

    Examples
    --------
    >>> coffee = Product("Café de Xicotepec", "coffee", unit_cost="150", weight_kg="0.5",
    ...                  dimensions_cm=("20", "10", "8"))
    >>> q = quote(Shipment(coffee, units=4, mode="courier"), "DDP", "US", on="2026-01-21")
    >>> q.price == q.landed
    True
    >>> with language("en"):
    ...     quote(Shipment(coffee, units=4, mode="air"), "FOB", "US", on="2026-01-21")
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: FOB is for sea or inland waterway transport only (got mode='air', air transport); use FCA instead
    """
    data = data or export_data()
    rates = rates or default_rates()
    day = date_or_today(on, "on")
    rule, market_row, currency = _checked(shipment, rule, market, currency, data)
    fee = None
    if platform_fee is not None:
        fee = (_fee_rate(platform_fee), Decimal(0))
    fx = DayRates(rates, day)
    build = buildup(shipment, market_row, day, rates, data, data.incoterms.cover[rule], fx)
    return _assemble(shipment, rule, market_row, currency, day, build, fx, data, fee)


def _fee_rate(value: object) -> Decimal:
    rate = as_decimal(value, "platform_fee", places=6)
    if not Decimal(0) <= rate < 1:
        raise InputError("errors.between", arg="platform_fee", low=0, high=1, value=value)
    return rate


def marketplace_fees(data: ExportData | None = None, on: object = None,
                     rates: ExchangeRates | None = None) -> tuple[Decimal, Money]:
    """The cross-border marketplace's fee rate and fixed fee per order (in MXN).

    >>> rate, fixed = marketplace_fees(on="2026-01-21")
    >>> rate
    Decimal('0.120')
    >>> fixed
    Money('7.85', 'MXN')
    """
    data = data or export_data()
    day = date_or_today(on, "on")
    fx = DayRates(rates or default_rates(), day)
    rate = sum((data.rate_row(x, "any", "*").amount for x in (
        "marketplace_transaction", "marketplace_conversion", "marketplace_payment")), Decimal(0))
    fixed = sum((_round(row.amount * fx.mxn(row.currency)) for row in (
        data.rate_row("marketplace_listing", "any", "*"),
        data.rate_row("marketplace_payment_fixed", "any", "*"))), ZERO)
    return rate, Money(fixed)


def _marketplace_quote(shipment: Shipment, market: str, currency: str, day: dt.date,
                       rates: ExchangeRates, data: ExportData) -> Quote:
    rule, market_row, currency = _checked(shipment, "DDP", market, currency, data)
    rate, fixed = marketplace_fees(data, day, rates)
    fx = DayRates(rates, day)
    build = buildup(shipment, market_row, day, rates, data, data.incoterms.cover[rule], fx)
    return _assemble(shipment, rule, market_row, currency, day, build, fx, data,
                     (rate, fixed.amount))


def ladder_rules(mode: str) -> tuple[str, ...]:
    """The rules of the price ladder for ``mode``, cheapest first (each adds costs).

    >>> ladder_rules("sea")
    ('EXW', 'FCA', 'FAS', 'FOB', 'CFR', 'CIF', 'DAP', 'DDP')
    >>> ladder_rules("courier")
    ('EXW', 'FCA', 'CPT', 'CIP', 'DAP', 'DDP')
    """
    if mode == "sea":
        return ("EXW", "FCA", "FAS", "FOB", "CFR", "CIF", "DAP", "DDP")
    return ("EXW", "FCA", "CPT", "CIP", "DAP", "DDP")


def price_ladder(shipment: Shipment, market: str, currency: str = "USD", on: object = None,
                 rates: ExchangeRates | None = None, rules: tuple[str, ...] | None = None, *,
                 data: ExportData | None = None) -> pd.DataFrame:
    """The price of the same shipment under each rule, with the step from the previous one.

    >>> mugs = Product("Taza", "talavera", "120", "0.6", ("14", "12", "12"))
    >>> ladder = price_ladder(Shipment(mugs, 200), "US", on="2026-01-21")
    >>> list(ladder["rule"])
    ['EXW', 'FCA', 'FAS', 'FOB', 'CFR', 'CIF', 'DAP', 'DDP']
    >>> ladder["step"].sum() == ladder["price"].iloc[-1]
    True
    """
    rules = tuple(rules) if rules is not None else ladder_rules(shipment.mode)
    prices = [quote(shipment, r, market, currency, on, rates, data=data).price.amount
              for r in rules]
    steps = [p - q for p, q in zip(prices, [ZERO, *prices[:-1]], strict=True)]
    return pd.DataFrame({"rule": list(rules), "price": pd.Series(prices, dtype=object),
                         "step": pd.Series(steps, dtype=object),
                         "currency": check_currency(currency)})


def _scenario(rates: ExchangeRates, currency: str, day: dt.date, mxn: Decimal) -> ExchangeRates:
    return rates.with_rate(currency, day, mxn, source="scenario")


def fx_scenarios(shipment: Shipment, rule: str, market: str, currency: str = "USD",
                 on: object = None, rates: ExchangeRates | None = None,
                 scenarios: tuple[object, ...] = FX_SCENARIOS, *,
                 data: ExportData | None = None) -> pd.DataFrame:
    """The quote under each exchange-rate scenario, and the margin if the price stays put.

    ``scenarios`` are pesos per unit of ``currency`` (the classroom's 16.5, 18, 20, 25 are
    pesos per dollar).

    Columns: pesos per unit, the price to quote at that rate, and the seller's margin in
    pesos if the buyer keeps paying today's price.

    >>> mugs = Product("Taza", "talavera", "120", "0.6", ("14", "12", "12"))
    >>> table = fx_scenarios(Shipment(mugs, 200), "FOB", "US", on="2026-01-21")
    >>> [str(x) for x in table["mxn_per_unit"]]
    ['16.5', '18', '20', '25']
    >>> bool(table["price"].is_monotonic_decreasing)
    True
    """
    data = data or export_data()
    rates = rates or default_rates()
    day = date_or_today(on, "on")
    today = quote(shipment, rule, market, currency, day, rates, data=data)
    rows = []
    for value in scenarios:
        mxn = as_decimal(value, "scenarios", places=4)
        q = quote(shipment, rule, market, currency, day, _scenario(rates, currency, day, mxn),
                  data=data)
        revenue = _round(today.price.amount * mxn)
        rows.append({"mxn_per_unit": mxn, "price": q.price.amount, "currency": q.currency,
                     "margin_mxn_at_today_price": revenue - q.costs_mxn})
    return pd.DataFrame(rows).astype(object)


def break_even_rate(shipment: Shipment, rule: str, market: str, price: Money | None = None,
                    on: object = None, rates: ExchangeRates | None = None, *,
                    currency: str = "USD", data: ExportData | None = None) -> Decimal:
    """Pesos per unit of the price's currency below which the sale loses money.

    The price is fixed in foreign currency (today's quote in ``currency`` unless ``price``
    is given); the
    seller's costs are in pesos, some of them (freight) priced abroad. Returns the rate,
    rounded up to 4 decimals, at which the pesos received just cover the costs.

    >>> mugs = Product("Taza", "talavera", "120", "0.6", ("14", "12", "12"))
    >>> ship = Shipment(mugs, 200)
    >>> be = break_even_rate(ship, "FOB", "US", on="2026-01-21")
    >>> Decimal("13") < be < Decimal("17.452")
    True
    """
    data = data or export_data()
    rates = rates or default_rates()
    day = date_or_today(on, "on")
    if price is not None and not isinstance(price, Money):
        raise InputError("export.not_money", arg="price", value=price)
    if price is None:
        price = quote(shipment, rule, market, currency, day, rates, data=data).price
    currency = price.currency
    if currency == "MXN":
        raise InputError("export.break_even_needs_foreign", value=currency)
    if price.amount <= 0:
        raise InputError("errors.positive", arg="price", value=price)

    def cost(rate: Decimal) -> Decimal:
        q = quote(shipment, rule, market, currency, day, _scenario(rates, currency, day, rate),
                  data=data)
        return q.costs_mxn

    r0 = rates.mxn_per_unit(currency, day)
    r1 = r0 * Decimal("0.8")
    c0, c1 = cost(r0), cost(r1)
    guess = r0
    for _ in range(6):  # secant steps; costs are linear in the rate between fee floors/caps
        slope = (c0 - c1) / (r0 - r1) if r0 != r1 else Decimal(0)
        if price.amount <= slope:
            raise InputError("export.break_even_impossible", price=price)
        guess = ((c0 - slope * r0) / (price.amount - slope)).quantize(
            Decimal("0.0001"), rounding=ROUND_CEILING)
        if guess == r0:
            break
        r1, c1, r0, c0 = r0, c0, guess, cost(guess)
    return guess


def appreciation_effect(shipment: Shipment, rule: str, market: str, currency: str = "USD",
                        on: object = None, rates: ExchangeRates | None = None,
                        appreciation: object = "0.10", *,
                        data: ExportData | None = None) -> pd.DataFrame:
    """What a stronger peso does to the margin when the price is fixed in foreign currency.

    A 10% appreciation takes the rate from r to r x (1 - 0.10) pesos per unit.

    >>> mugs = Product("Taza", "talavera", "120", "0.6", ("14", "12", "12"))
    >>> effect = appreciation_effect(Shipment(mugs, 200), "FOB", "US", on="2026-01-21")
    >>> effect["margin_mxn"].iloc[1] < effect["margin_mxn"].iloc[0]
    True
    """
    data = data or export_data()
    rates = rates or default_rates()
    day = date_or_today(on, "on")
    share = as_decimal(appreciation, "appreciation", places=4)
    if not Decimal(0) <= share < 1:
        raise InputError("errors.between", arg="appreciation", low=0, high=1, value=appreciation)
    today = quote(shipment, rule, market, currency, day, rates, data=data)
    r0 = today.mxn_per_unit
    r1 = r0 * (1 - share)
    later = quote(shipment, rule, market, currency, day, _scenario(rates, currency, day, r1),
                  data=data)
    rows = []
    for label, rate, q in (("today", r0, today), ("appreciated", r1, later)):
        revenue = _round(today.price.amount * rate)
        margin = revenue - q.costs_mxn
        rows.append({"scenario": t(f"export.scenario.{label}", pct=percent_text(share)),
                     "mxn_per_unit": rate, "price": today.price.amount, "currency": currency,
                     "revenue_mxn": revenue, "costs_mxn": q.costs_mxn, "margin_mxn": margin,
                     "margin_share": (margin / revenue).quantize(Decimal("0.0001"))
                     if revenue else Decimal(0)})
    return pd.DataFrame(rows).astype(object)


def max_exworks_cost(shipment: Shipment, rule: str, market: str, max_landed: Money,
                     on: object = None, rates: ExchangeRates | None = None, *,
                     data: ExportData | None = None) -> Money:
    """The highest unit production cost (MXN) whose landed price stays within ``max_landed``.

    The inverse question: the buyer pays at most ``max_landed`` delivered (price plus
    what the buyer pays on top under ``rule``), keeping the shipment's overhead and margin
    rates. Searched to the centavo: one more centavo of cost would break the budget.

    >>> mugs = Product("Taza", "talavera", "120", "0.6", ("14", "12", "12"))
    >>> ship = Shipment(mugs, 200)
    >>> top = max_exworks_cost(ship, "FOB", "US", Money("4000", "USD"), on="2026-01-21")
    >>> top.amount > mugs.unit_cost
    True
    """
    data = data or export_data()
    rates = rates or default_rates()
    day = date_or_today(on, "on")
    if not isinstance(max_landed, Money):
        raise InputError("export.not_money", arg="max_landed", value=max_landed)
    if max_landed.amount <= 0:
        raise InputError("errors.positive", arg="max_landed", value=max_landed)

    def landed(cents: int) -> Decimal:
        product = dataclasses.replace(shipment.product, unit_cost=pesos(cents))
        ship = dataclasses.replace(shipment, product=product)
        return quote(ship, rule, market, max_landed.currency, day, rates,
                     data=data).landed.amount

    if landed(0) > max_landed.amount:
        raise InputError("export.max_landed_too_low", budget=max_landed, rule=rule,
                         market=market)
    budget_mxn = max_landed.amount * rates.mxn_per_unit(max_landed.currency, day)
    lo, hi = 0, int(budget_mxn * 100 / shipment.units) + 1
    while landed(hi) <= max_landed.amount:  # safety: widen until over budget
        lo, hi = hi, hi * 2
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if landed(mid) <= max_landed.amount:
            lo = mid
        else:
            hi = mid
    return Money.from_cents(lo)


def compare_channels(shipment: Shipment, market: str, currency: str = "USD",
                     on: object = None, rates: ExchangeRates | None = None,
                     parcel_units: int = 1, *, data: ExportData | None = None) -> pd.DataFrame:
    """Three ways to sell abroad, per unit: B2B by sea (FOB, CIF), DDP parcel, marketplace.

    B2B ships ``shipment.units`` by sea to a distributor; the parcel and the marketplace
    send ``parcel_units`` by courier DDP to a consumer, the marketplace passing its fees
    through as price = (cost + margin) / (1 - fee rate).

    >>> mugs = Product("Taza", "talavera", "120", "0.6", ("14", "12", "12"))
    >>> table = compare_channels(Shipment(mugs, 200), "US", on="2026-01-21")
    >>> list(table["rule"])
    ['FOB', 'CIF', 'DDP', 'DDP']
    >>> bool(table["landed_per_unit"].iloc[0] < table["landed_per_unit"].iloc[2])
    True
    """
    data = data or export_data()
    rates = rates or default_rates()
    day = date_or_today(on, "on")
    b2b = dataclasses.replace(shipment, mode="sea")
    parcel = dataclasses.replace(shipment, mode="courier", units=parcel_units)
    quotes = [("b2b_fob", quote(b2b, "FOB", market, currency, day, rates, data=data)),
              ("b2b_cif", quote(b2b, "CIF", market, currency, day, rates, data=data)),
              ("parcel_ddp", quote(parcel, "DDP", market, currency, day, rates, data=data)),
              ("marketplace", _marketplace_quote(parcel, market, currency, day, rates, data))]
    rows = []
    for key, q in quotes:
        units = q.shipment.units
        rows.append({
            "channel": t(f"export.channel.{key}"), "rule": q.rule, "mode": q.shipment.mode,
            "units": units, "price": q.price.amount, "currency": q.currency,
            "price_per_unit": _round(q.price.amount / units),
            "landed_per_unit": _round(q.landed.amount / units),
            "margin_per_unit": _round(q.margin.amount / units),
            "margin_share_of_landed": (q.margin.amount / q.landed.amount).quantize(
                Decimal("0.0001")),
        })
    return pd.DataFrame(rows).astype(object)


def price_grid(shipment: Shipment, rules: tuple[str, ...] = RULES,
               markets: tuple[str, ...] = ("US", "CA", "DE", "MX"),
               mxn_per_unit: tuple[object, ...] = FX_SCENARIOS, currency: str = "USD",
               on: object = None, rates: ExchangeRates | None = None, *,
               data: ExportData | None = None) -> pd.DataFrame:
    """Prices for every rule x market x exchange rate, computing each build-up once.

    Gives the same prices as calling :func:`quote` in a loop (tested), several times
    faster: the cost lines do not depend on the rule, only who pays them does.

    >>> mugs = Product("Taza", "talavera", "120", "0.6", ("14", "12", "12"))
    >>> grid = price_grid(Shipment(mugs, 200), on="2026-01-21")
    >>> len(grid)  # 11 rules x 4 markets x 4 rates
    176
    """
    data = data or export_data()
    rates = rates or default_rates()
    day = date_or_today(on, "on")
    rules = tuple(check_rule(r, shipment.mode) for r in rules)
    currency = check_currency(currency)
    payers = data.incoterms.payers
    seller = {r: tuple(x for x in LINES if line_payer(r, x, shipment, payers) == "seller")
              for r in rules}
    covers = sorted({data.incoterms.cover[r] for r in rules})
    rows = []
    for code in markets:
        market_row = _checked(shipment, rules[0], code, currency, data)[1]
        for value in mxn_per_unit:
            mxn = as_decimal(value, "mxn_per_unit", places=4)
            fx = DayRates(rates, day)
            if currency != "MXN":  # same as rates.with_rate(currency, day, mxn), no copy
                if mxn <= 0:
                    raise InputError("errors.positive", arg="mxn_per_unit", value=value)
                fx.cache[currency] = mxn
            rate = fx.mxn(currency)
            prices: dict[str, Decimal] = {}
            for cover in covers:
                build = buildup(shipment, market_row, day, rates, data, cover, fx)
                converted = {x: _round(v / rate) for x, v in build.amounts.items()}
                for r in rules:
                    if data.incoterms.cover[r] == cover:
                        prices[r] = sum((converted[x] for x in seller[r]), ZERO)
            rows.extend((r, market_row.code, mxn, prices[r]) for r in rules)
    frame = pd.DataFrame(rows, columns=["rule", "market", "mxn_per_unit", "price"]).astype(object)
    frame["currency"] = currency
    return frame


