"""The cost build-up of one shipment, line by line, in pesos.

Every cost line from the workshop to the buyer's door is computed in MXN and rounded to
centavos; who pays each line is decided later by the Incoterms rule. The build-up adds the
costs in the order the goods meet them:

- EXW = cost + overhead + margin + export packing
- FCA = EXW + loading + export clearance (customs broker); at a named place other than the
  seller's premises (``Shipment(fca_place="Aeropuerto de Mérida")``) the seller also pays the
  inland haul to that place (ICC, Incoterms 2020, FCA A4/A9)
- FOB = FCA + inland freight + origin terminal handling
- CFR/CPT = FOB + international freight
- CIF/CIP = CFR / (1 - 1.1 r), r the insurance premium rate (cover of 110% of CIF)
- DAP = CIF + destination handling + delivery; DPU = DAP + unloading
- DDP = DAP + import clearance + duty + import fees + import taxes

>>> from mipyme.export.costing import Product, Shipment
>>> mug = Product("Taza de Talavera", "talavera", unit_cost="120", weight_kg="0.5",
...               dimensions_cm=("12", "10", "10"))
>>> Shipment(mug, units=10, mode="courier").chargeable_weight()
Decimal('5')
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from decimal import Decimal

from mipyme import measures
from mipyme.errors import InputError, renamed
from mipyme.export.incoterms import LINES, check_mode
from mipyme.export.markets import ExportData, Market, RateRow
from mipyme.i18n import t
from mipyme.money import ExchangeRates, amount_arg, count_arg, round_money
from mipyme.tables import parse_date

__all__ = [
    "Buildup",
    "Product",
    "Shipment",
    "buildup",
    "chargeable_weight",
    "freight_tons",
    "line_payer",
]

_ZERO = Decimal("0.00")


@dataclass(frozen=True, slots=True)
class Product:
    """What the workshop sells: one unit, packed for export.

    Parameters
    ----------
    name : str
        How the seller calls it (shown on the pro-forma quote).
    tariff_key : str
        Key of the product in ``data/tariffs.csv`` (``'coffee'``, ``'talavera'``, ...).
    unit_cost : Decimal-like
        Ex-works production cost of one unit, in MXN.
    weight_kg : Decimal-like
        Gross weight of one packed unit.
    dimensions_cm : (L, W, H) or None
        Size of one packed unit; needed for air and courier (chargeable weight).
    usmca_originating : bool
        Whether the goods qualify as originating under the market's trade agreement.

    >>> Product("Miel", "honey", unit_cost="-5", weight_kg="1")
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'unit_cost' debe ser cero o más (se recibió '-5')
    """

    name: str
    tariff_key: str
    unit_cost: Decimal
    weight_kg: Decimal
    dimensions_cm: tuple[Decimal, Decimal, Decimal] | None = None
    usmca_originating: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "unit_cost", amount_arg(self.unit_cost, "unit_cost"))
        object.__setattr__(self, "weight_kg", amount_arg(self.weight_kg, "weight_kg", positive=True, places=4))
        if self.dimensions_cm is not None:
            if len(self.dimensions_cm) != 3:
                raise InputError("export.dimensions_three", value=self.dimensions_cm)
            object.__setattr__(self, "dimensions_cm", tuple(
                amount_arg(d, "dimensions_cm", positive=True, places=2) for d in self.dimensions_cm))


@dataclass(frozen=True, slots=True)
class Shipment:
    """A number of units of one product, sent by one mode of transport.

    ``overhead_rate`` is added on the production cost; ``margin_rate`` on cost plus
    overhead; ``insurance_rate`` (premium as a fraction) replaces the table's ICC rate.
    ``origin`` is the seller's premises. ``fca_place`` is the named place of an FCA sale when
    it is not the seller's premises (an airport, a forwarder's warehouse): the seller then
    delivers there on her own truck, so under FCA the inland freight is hers; left empty,
    FCA is at ``origin`` and the buyer's carrier collects there.

    >>> coffee = Product("Café de Xicotepec", "coffee", unit_cost="150", weight_kg="0.5")
    >>> Shipment(coffee, units=0)
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'units' debe ser mayor que cero (se recibió 0)
    """

    product: Product
    units: int
    mode: str = "sea"
    overhead_rate: Decimal = field(default=Decimal("0.15"))
    margin_rate: Decimal = field(default=Decimal("0.25"))
    insurance_rate: Decimal | None = None
    origin: str = "Puebla"
    origin_port: str = "Veracruz"
    fca_place: str | None = None

    def __post_init__(self) -> None:
        if self.fca_place is not None:
            place = str(self.fca_place).strip()
            if not place:
                raise InputError("export.fca_place_empty", value=self.fca_place)
            object.__setattr__(self, "fca_place", place)
        if not isinstance(self.product, Product):
            raise InputError("export.not_a_product", value=self.product)
        object.__setattr__(self, "units", count_arg(self.units, "units", minimum=1))
        object.__setattr__(self, "mode", check_mode(self.mode))
        object.__setattr__(self, "overhead_rate",
                           amount_arg(self.overhead_rate, "overhead_rate", places=6))
        object.__setattr__(self, "margin_rate", amount_arg(self.margin_rate, "margin_rate", places=6))
        if self.insurance_rate is not None:
            rate = amount_arg(self.insurance_rate, "insurance_rate", places=6)
            if rate >= Decimal("0.5"):
                raise InputError("errors.between", arg="insurance_rate", low=0, high=0.5,
                                 value=self.insurance_rate)
            object.__setattr__(self, "insurance_rate", rate)

    @property
    def weight_kg(self) -> Decimal:
        """Gross weight of the shipment."""
        return self.product.weight_kg * self.units

    @property
    def volume_cm3(self) -> Decimal | None:
        """Volume of the shipment (``None`` if the product has no dimensions)."""
        dims = self.product.dimensions_cm
        if dims is None:
            return None
        return dims[0] * dims[1] * dims[2] * self.units

    def chargeable_weight(self, divisor: object = 5000) -> Decimal:
        """The whole shipment's courier or air chargeable weight, ``max(kg, cm3 / divisor)``.

        Couriers use 5000 cm3 per kg, air cargo usually 6000 (the kit's one rule,
        :func:`mipyme.measures.chargeable_weight`).

        >>> pillow = Product("Cojín bordado", "cotton_apparel", unit_cost="200",
        ...                  weight_kg="0.4", dimensions_cm=("40", "40", "15"))
        >>> Shipment(pillow, units=2, mode="courier").chargeable_weight()
        Decimal('9.6')
        >>> Shipment(Product("Miel", "honey", "90", "1.2"), 2, mode="courier").chargeable_weight()
        Traceback (most recent call last):
        ...
        mipyme.errors.InputError: para enviar por courier se necesitan las medidas del empaque (largo x ancho x alto en cm) para calcular el peso cobrable; se recibió solo el peso (2.4 kg)
        """
        volume = self.volume_cm3
        if volume is None:
            raise InputError("export.needs_dimensions", mode=self.mode, weight=self.weight_kg)
        length, width, height = self.product.dimensions_cm
        return measures.chargeable_weight(self.weight_kg, length * width * height * self.units,
                                          1, 1, divisor)


def line_payer(rule: str, line: str, shipment: Shipment, payers: dict) -> str:
    """Who pays ``line`` under ``rule`` for this shipment: the table's answer, except that
    FCA at a named place other than the seller's premises puts the inland haul on the seller.

    >>> from mipyme.export.incoterms import incoterm_table
    >>> honey = Product("Miel", "honey", "90", "1.2", ("10", "10", "12"))
    >>> payers = incoterm_table().payers
    >>> line_payer("FCA", "inland_freight", Shipment(honey, 10, mode="air"), payers)
    'buyer'
    >>> airport = Shipment(honey, 10, mode="air", origin="Maní", fca_place="Aeropuerto de Mérida")
    >>> line_payer("FCA", "inland_freight", airport, payers)
    'seller'
    """
    if rule == "FCA" and line == "inland_freight" and shipment.fca_place:
        return "seller"
    return payers[(rule, line)]


def chargeable_weight(*args: object, **kwargs: object) -> Decimal:
    """The kit's one chargeable-weight rule (:func:`mipyme.measures.chargeable_weight`).

    ``chargeable_weight(weight_kg, length_cm, width_cm, height_cm, divisor=5000)``. Given a
    :class:`Shipment` (the old form), it warns that the name is now
    :meth:`Shipment.chargeable_weight` and answers the same.

    >>> chargeable_weight("0.6", 25, 20, 20)
    Decimal('2')
    """
    if args and isinstance(args[0], Shipment):
        renamed("mipyme.export.chargeable_weight(shipment)", "shipment.chargeable_weight()")
        return args[0].chargeable_weight(*args[1:], **kwargs)
    return measures.chargeable_weight(*args, **kwargs)


def freight_tons(shipment: Shipment) -> Decimal:
    """Sea freight ton (W/M): the larger of tonnes and cubic metres.

    Without dimensions only the weight counts, with a warning.

    >>> crate = Product("Vajilla", "talavera", "800", weight_kg="12",
    ...                 dimensions_cm=("50", "40", "40"))
    >>> freight_tons(Shipment(crate, units=20))
    Decimal('1.6')
    """
    tonnes = shipment.weight_kg / 1000
    volume = shipment.volume_cm3
    if volume is None:
        warnings.warn(t("export.sea_without_dimensions", weight=shipment.weight_kg),
                      UserWarning, stacklevel=3)
        return tonnes
    return max(tonnes, volume / Decimal(1_000_000))


@dataclass(frozen=True, slots=True)
class Buildup:
    """Every cost line of a shipment in MXN, with the basis of each (for the quote).

    A basis is an i18n key and its parameters; a parameter ``("t", key)`` is itself a
    text translated when the quote is shown, so one quote reads in either language.
    """

    amounts: dict[str, Decimal]
    basis: dict[str, tuple[str, dict]]
    cover: str
    duty_rate: Decimal
    customs_value: Decimal


def _charge(row: RateRow, shipment: Shipment, fx: DayRates) -> tuple[Decimal, tuple[str, dict]]:
    """Amount in MXN of one logistics rate for this shipment, and its basis."""
    if row.basis == "shipment":
        qty, key = Decimal(1), "export.basis.per_shipment"
    elif row.basis == "kg":
        qty, key = shipment.weight_kg, "export.basis.per_kg"
    elif row.basis == "chargeable_kg":
        qty, key = shipment.chargeable_weight(row.divisor or 5000), "export.basis.chargeable"
    else:  # wm
        qty, key = freight_tons(shipment), "export.basis.wm"
    local = max(row.minimum, row.fixed + row.amount * qty)
    amount = round_money(local * fx.mxn(row.currency)) if local else _ZERO
    params = {"qty": f"{qty:.2f}", "amount": f"{row.amount:,.2f}", "fixed": f"{row.fixed:,.2f}",
              "minimum": f"{row.minimum:,.2f}", "currency": row.currency,
              "divisor": row.divisor or "", "mxn": f"{amount:,.2f}"}
    if row.fixed:
        key = key + "_fixed"
    if row.minimum and row.fixed + row.amount * qty < row.minimum:
        key = "export.basis.minimum"
    return amount, (key, params)


class DayRates:
    """Pesos per unit of each currency on one date, looked up once."""

    __slots__ = ("cache", "on", "rates")

    def __init__(self, rates: ExchangeRates, on: object) -> None:
        self.rates, self.on, self.cache = rates, on, {"MXN": Decimal(1), "": Decimal(1)}

    def mxn(self, currency: str) -> Decimal:
        if currency not in self.cache:
            self.cache[currency] = self.rates.mxn_per_unit(currency, self.on)
        return self.cache[currency]


def percent_text(rate: Decimal) -> str:
    """A rate as a percent for people: 0.003464 -> '0.3464%', 0.15 -> '15%'."""
    text = f"{rate * 100:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%"


def buildup(shipment: Shipment, market: Market, on, rates: ExchangeRates,
            data: ExportData, cover: str = "C", fx: DayRates | None = None) -> Buildup:
    """All cost lines of ``shipment`` to ``market`` in MXN, insurance priced with ICC ``cover``.

    The amounts do not depend on who pays them; the Incoterms rule only splits them.

    >>> from mipyme.export.markets import export_data
    >>> from mipyme.money import default_rates
    >>> crate = Product("Vajilla", "talavera", "800", weight_kg="12",
    ...                 dimensions_cm=("50", "40", "40"))
    >>> b = buildup(Shipment(crate, units=20), export_data().market("US"), "2026-01-21",
    ...             default_rates(), export_data())
    >>> b.amounts["product_cost"], b.amounts["margin"]
    (Decimal('16000.00'), Decimal('4600.00'))
    """
    day = parse_date(on, "on")
    fx = fx or DayRates(rates, day)
    mode, code = shipment.mode, market.code
    amounts: dict[str, Decimal] = {}
    basis: dict[str, tuple[str, dict]] = {}
    product = shipment.product

    cost = round_money(product.unit_cost * shipment.units)
    amounts["product_cost"] = cost
    basis["product_cost"] = ("export.basis.units", {"units": shipment.units,
                                                    "unit": f"{product.unit_cost:,.2f}"})
    overhead = round_money(cost * shipment.overhead_rate)
    amounts["overhead"] = overhead
    basis["overhead"] = ("export.basis.rate_of", {"rate": percent_text(shipment.overhead_rate),
                                                  "base": f"{cost:,.2f}"})
    margin = round_money((cost + overhead) * shipment.margin_rate)
    amounts["margin"] = margin
    basis["margin"] = ("export.basis.rate_of", {"rate": percent_text(shipment.margin_rate),
                                                "base": f"{cost + overhead:,.2f}"})
    for line in ("export_packing", "loading", "export_clearance", "inland_freight",
                 "origin_handling", "international_freight"):
        amounts[line], basis[line] = _charge(data.rate_row(line, mode, code), shipment, fx)

    cfr = sum((amounts[x] for x in LINES[:9]), _ZERO)
    if shipment.insurance_rate is not None:
        r = shipment.insurance_rate
    else:
        r = data.rate_row(f"insurance_icc_{cover.lower()}", mode, code).amount
    cif = round_money(cfr / (1 - Decimal("1.1") * r))
    amounts["insurance"] = cif - cfr
    basis["insurance"] = ("export.basis.insurance", {"rate": percent_text(r), "cover": cover,
                                                     "cfr": f"{cfr:,.2f}", "cif": f"{cif:,.2f}"})
    for line in ("destination_handling", "delivery", "unloading", "import_clearance"):
        amounts[line], basis[line] = _charge(data.rate_row(line, mode, code), shipment, fx)

    if market.duty_base == "transaction":
        value, valuation = sum((amounts[x] for x in LINES[:8]), _ZERO), "transaction"
    else:
        value, valuation = cif, "cif"
    rate, used = data.duty_rate(product.tariff_key, code, on, product.usmca_originating)
    amounts["duty"] = round_money(value * rate)
    basis["duty"] = ("export.basis.duty", {
        "rate": percent_text(rate), "base": f"{value:,.2f}", "valuation": ("t", f"export.valuation.{valuation}"),
        "hs": used[0].hs_code, "fta": market.fta if (product.usmca_originating and rate == 0
                                                    and market.fta) else "-"})
    fee, fee_key = _ZERO, "export.basis.import_fees"
    exempt = product.usmca_originating and market.fee_fta_exempt
    informal = market.is_informal(value, fx.mxn(market.fee_currency))
    if market.processing_fee_rate and not exempt:
        if informal:  # informal entry: one flat fee, no ad valorem rate, floor or cap
            fee = round_money(market.informal_fee * fx.mxn(market.fee_currency))
            fee_key = "export.basis.import_fees_informal"
        else:
            low = round_money(market.processing_fee_min * fx.mxn(market.fee_currency))
            high = round_money(market.processing_fee_max * fx.mxn(market.fee_currency))
            fee = min(max(round_money(value * market.processing_fee_rate), low), high)
    harbor = _ZERO
    if mode == "sea" and market.harbor_fee_rate:
        harbor = round_money(value * market.harbor_fee_rate)
    amounts["import_fees"] = fee + harbor
    basis["import_fees"] = (fee_key, {
        "fee": f"{fee:,.2f}", "rate": percent_text(market.processing_fee_rate),
        "flat": f"{market.informal_fee or 0:,.2f}", "threshold": f"{market.informal_entry_max or 0:,.0f}",
        "currency": market.fee_currency,
        "harbor": f"{harbor:,.2f}", "exempt": ("t", "export.fee_exempt") if (
            exempt and market.processing_fee_rate) else ""})
    tax_base = value + amounts["duty"] + amounts["import_fees"]
    amounts["import_taxes"] = round_money(tax_base * market.vat_rate)
    basis["import_taxes"] = ("export.basis.taxes", {"rate": percent_text(market.vat_rate),
                                                    "base": f"{tax_base:,.2f}"})
    data.check_fresh(data.names["markets"], market.as_of, market.valid_to, day,
                     period=market.period)
    freight = data.rate_row("international_freight", mode, code)
    data.check_fresh(data.names["freight"], freight.as_of, None, day)
    return Buildup(amounts=amounts, basis=basis, cover=cover, duty_rate=rate,
                   customs_value=value)
