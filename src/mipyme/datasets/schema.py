"""The one description of every example table: columns, types, units, meaning and sources.

Everything else reads from here: the generator writes the columns in this order and format,
the loaders check a file against it, and the bilingual data dictionary
(``datasets/README.md``) is written from it.

Column kinds
------------
``int``      whole number (``int64``)
``money``    an amount with two decimals, loaded as :class:`decimal.Decimal` (never float)
``decimal``  an exact number with ``places`` decimals (rates, kilograms), loaded as ``Decimal``
``date``     a day written ``YYYY-MM-DD``, loaded as ``datetime64`` (use ``.dt.month`` etc.)
``category`` one of a fixed set of codes, loaded as a pandas ``category``
``text``     free text (names, identifiers)
``bool``     ``true`` or ``false``, loaded as ``bool``

>>> from mipyme.datasets.schema import table_schema
>>> orders = table_schema("orders")
>>> orders.column("quantity").kind
'int'
>>> orders.file_name("talavera")
'talavera_orders.csv'
>>> table_schema("ventas")
Traceback (most recent call last):
...
mipyme.errors.InputError: 'table' debe ser uno de ('businesses', 'catalog', 'suppliers', 'orders', 'costs', 'fx', 'channels', 'calendar') (se recibió 'ventas')
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from mipyme.errors import InputError
from mipyme.i18n import check_language, get_language, t

__all__ = [
    "BUSINESS_CODES",
    "CATEGORIES",
    "CHANNELS",
    "KINDS",
    "PAYMENT_METHODS",
    "TABLES",
    "UNITS",
    "Column",
    "Table",
    "describe",
    "table_schema",
]

#: Column kinds a schema may use.
KINDS = ("int", "money", "decimal", "date", "category", "text", "bool")

#: Units, as shown in the data dictionary: ``code -> (es, en)``.
UNITS: dict[str, tuple[str, str]] = {
    "": ("-", "-"),
    "mxn": ("pesos (MXN)", "pesos (MXN)"),
    "currency": ("en la moneda de la columna `currency`", "in the currency of column `currency`"),
    "mxn_per_usd": ("pesos por dólar", "pesos per US dollar"),
    "mxn_per_unit": ("pesos por unidad de `unit`", "pesos per unit of `unit`"),
    "fraction": ("fracción (0.16 = 16%)", "fraction (0.16 = 16%)"),
    "factor": ("veces (1 = sin cambio)", "times (1 = no change)"),
    "kg": ("kilogramos", "kilograms"),
    "cm": ("centímetros", "centimetres"),
    "pieces": ("piezas", "pieces"),
    "orders_day": ("pedidos por día", "orders per day"),
    "days": ("días", "days"),
    "people": ("personas", "people"),
    "year": ("año", "year"),
    "date": ("fecha AAAA-MM-DD", "date YYYY-MM-DD"),
    "month": ("mes (primer día, AAAA-MM-01)", "month (first day, YYYY-MM-01)"),
    "code": ("código", "code"),
}

#: The example businesses, in the order the dictionary lists them.
BUSINESS_CODES = ("talavera", "telar", "cafe", "mezcal", "plata", "miel")
CATEGORIES = ("home", "fashion", "jewelry", "food")
CHANNELS = ("web", "mercado_libre", "amazon_mx", "etsy", "whatsapp", "market_stall", "wholesale")
PAYMENT_METHODS = ("card", "oxxo", "spei", "mercado_pago", "marketplace", "cash")
STATUSES = ("sold", "stockout", "voucher_expired")
_CURRENCIES = ("MXN", "USD")
_MX_STATES = ("AGS", "BC", "BCS", "CAMP", "CHIS", "CHIH", "CDMX", "COAH", "COL", "DGO", "GTO",
              "GRO", "HGO", "JAL", "MEX", "MICH", "MOR", "NAY", "NL", "OAX", "PUE", "QRO", "QROO",
              "SLP", "SIN", "SON", "TAB", "TAMPS", "TLAX", "VER", "YUC", "ZAC")

_GEN = "generado / generated"


@dataclass(frozen=True, slots=True)
class Column:
    """One column: name, kind, unit, meaning in both languages and the calibration source.

    ``minimum`` is the smallest value allowed (numbers); ``choices`` the codes allowed
    (categories); ``nullable`` whether a cell may be empty; ``places`` the decimals of a
    ``decimal`` column (money always has 2).
    """

    name: str
    kind: str
    unit: str
    es: str
    en: str
    source: str = ""
    minimum: object = None
    choices: tuple[str, ...] = ()
    nullable: bool = False
    places: int = 2

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise InputError("errors.one_of", arg="kind", choices=KINDS, value=self.kind)
        if self.unit not in UNITS:
            raise InputError("errors.one_of", arg="unit", choices=tuple(UNITS), value=self.unit)

    @property
    def decimals(self) -> int:
        """Decimals written for this column (2 for money)."""
        return 2 if self.kind == "money" else self.places


@dataclass(frozen=True, slots=True)
class Table:
    """One table: its columns in file order, the row order, and whether it exists per business."""

    name: str
    es: str
    en: str
    columns: tuple[Column, ...]
    sort_by: tuple[str, ...]
    per_business: bool = False

    def column(self, name: str) -> Column:
        """The column called ``name``."""
        for col in self.columns:
            if col.name == name:
                return col
        raise InputError("errors.one_of", arg="column", choices=self.names, value=name)

    @property
    def names(self) -> tuple[str, ...]:
        """Column names in file order."""
        return tuple(col.name for col in self.columns)

    def file_name(self, business: str | None = None) -> str:
        """The CSV file name: ``<business>_<table>.csv`` or ``<table>.csv``."""
        if self.per_business:
            if business is None:
                raise InputError("datasets.business_needed", table=self.name)
            return f"{business}_{self.name}.csv"
        return f"{self.name}.csv"


def _c(name: str, kind: str, unit: str, es: str, en: str, source: str = "", **kw) -> Column:
    return Column(name, kind, unit, es, en, source, **kw)


_ZERO = Decimal("0")

_BUSINESSES = Table(
    "businesses",
    "Los negocios de ejemplo (ficticios): dónde están, qué hacen y cuánto venden al día.",
    "The example businesses (fictional): where they are, what they make, how much they sell.",
    (
        _c("business", "category", "code", "código del negocio", "business code",
           choices=BUSINESS_CODES),
        _c("name", "text", "", "nombre comercial (ficticio)", "trade name (fictional)"),
        _c("owner", "text", "", "dueña o dueño (ficticio)", "owner (fictional)"),
        _c("city", "text", "", "ciudad o pueblo", "city or town"),
        _c("state", "category", "code", "estado (clave)", "state (code)", choices=_MX_STATES),
        _c("craft_es", "text", "", "oficio, en español", "craft, in Spanish"),
        _c("craft_en", "text", "", "oficio, en inglés", "craft, in English"),
        _c("category", "category", "code", "categoría de tienda en línea de sus productos",
           "online-store category of its products",
           "store_categories.csv (conversion categories: estimates, unverified)",
           choices=CATEGORIES),
        _c("tariff_product", "text", "code",
           "producto en la tabla de aranceles (`tariffs.csv`)",
           "product in the tariff table (`tariffs.csv`)"),
        _c("founded", "int", "year", "año de fundación", "year founded", minimum=1900),
        _c("employees", "int", "people", "personas que trabajan en el negocio",
           "people working in the business", minimum=0),
        _c("orders_per_day", "decimal", "orders_day",
           "pedidos al menudeo por día en 2024, antes de temporadas",
           "retail orders a day in 2024, before seasons",
           "example value for teaching, kept under the RESICO limit (MXN 3.5 M a year, LISR art. "
           "113-E; estimate, unverified)",
           minimum=_ZERO),
        _c("yearly_growth", "decimal", "fraction", "crecimiento de la demanda por año",
           "growth of demand per year", "example value for teaching", places=4),
    ),
    ("business",),
)

_CATALOG = Table(
    "catalog",
    "Catálogo de productos de un negocio, con costo, precio, IVA y medidas del paquete.",
    "A business's product catalog, with cost, price, IVA and parcel size.",
    (
        _c("sku", "text", "code", "clave del producto", "product code (SKU)"),
        _c("name_es", "text", "", "nombre del producto en español", "product name in Spanish"),
        _c("name_en", "text", "", "nombre del producto en inglés", "product name in English"),
        _c("category", "category", "code", "categoría (hogar, moda, joyería, alimentos)",
           "category (home, fashion, jewelry, food and drink)",
           "store_categories.csv (conversion and return categories: estimates, unverified)",
           choices=CATEGORIES),
        _c("unit_cost", "money", "mxn",
           "costo variable de una pieza (materiales y trabajo a destajo), antes de IVA",
           "variable cost of one piece (materials and piece-rate work), before IVA",
           "example value for teaching (datasets_products.csv)", minimum=_ZERO),
        _c("price", "money", "mxn", "precio al público en México, IVA incluido",
           "retail price in Mexico, IVA included",
           "example value for teaching, 2024 prices (datasets_products.csv)", minimum=_ZERO),
        _c("iva_rate", "decimal", "fraction",
           "tasa de IVA del producto (0 en alimentos, procesados o no, como café tostado y "
           "miel; 16% en bebidas distintas de la leche, como el mezcal)",
           "IVA rate of the product (0 on food, processed or not, such as roasted coffee and "
           "honey; 16% on drinks other than milk, such as mezcal)",
           "iva_rates.csv (IVA 16%, LIVA art. 1; 0% on food in general with listed exceptions, "
           "LIVA art. 2o.-A fr. I b)",
           minimum=_ZERO),
        _c("weight_kg", "decimal", "kg", "peso del paquete listo para enviar",
           "weight of the packed parcel", "example value for teaching", minimum=_ZERO,
           places=3),
        _c("length_cm", "int", "cm", "largo del paquete", "parcel length", minimum=1),
        _c("width_cm", "int", "cm", "ancho del paquete", "parcel width", minimum=1),
        _c("height_cm", "int", "cm", "alto del paquete", "parcel height", minimum=1),
    ),
    ("sku",),
    per_business=True,
)

_SUPPLIERS = Table(
    "suppliers",
    "Proveedores de un negocio (nombres ficticios): qué venden, a qué costo y con qué plazos.",
    "A business's suppliers (fictional names): what they sell, at what cost and on what terms.",
    (
        _c("supplier_id", "text", "code", "clave del proveedor", "supplier code"),
        _c("name", "text", "", "nombre del proveedor (ficticio)", "supplier name (fictional)"),
        _c("material_es", "text", "", "material o servicio, en español",
           "material or service, in Spanish"),
        _c("material_en", "text", "", "material o servicio, en inglés",
           "material or service, in English"),
        _c("unit", "category", "code", "unidad de compra: kg, g, l (litro), pieza, hora",
           "unit bought: kg, g, l (litre), pieza (piece), hora (hour)",
           choices=("kg", "g", "l", "pieza", "hora")),
        _c("unit_cost", "money", "mxn_per_unit", "costo por unidad, antes de IVA",
           "cost per unit, before IVA",
           "example value for teaching, 2024 prices (datasets_suppliers.csv)", minimum=_ZERO),
        _c("lead_time_days", "int", "days", "días desde el pedido hasta la entrega",
           "days from order to delivery", "example value for teaching", minimum=0),
        _c("payment_terms_days", "int", "days", "días de crédito (0 = pago al pedir)",
           "days of credit (0 = pay on order)", "example value for teaching", minimum=0),
        _c("state", "category", "code", "estado del proveedor (clave)",
           "supplier's state (code)", choices=_MX_STATES),
    ),
    ("supplier_id",),
    per_business=True,
)

_ORDERS = Table(
    "orders",
    "Pedidos de dos años (2024-2025), una fila por pedido (un producto, una o más piezas). "
    "Los canales en línea vienen del simulador de tienda (`mipyme.store`); WhatsApp, tianguis "
    "y mayoreo, del generador de datos.",
    "Two years of orders (2024-2025), one row per order (one product, one or more pieces). "
    "Online channels come from the store simulator (`mipyme.store`); WhatsApp, the weekend "
    "market and wholesale from the dataset generator.",
    (
        _c("order_id", "text", "code", "número de pedido", "order number"),
        _c("date", "date", "date", "fecha del pedido", "order date",
           "seasons: store_calendar.csv (online) and datasets_calendar.csv (customary dates; "
           "effects: example values)"),
        _c("channel", "category", "code", "canal de venta (ver tabla `channels`)",
           "sales channel (see table `channels`)",
           "online: store_channels.csv traffic; others: datasets_channel_mix.csv",
           choices=CHANNELS),
        _c("customer_id", "text", "code",
           "clave del cliente (vacía en ventas de mostrador anónimas)",
           "customer code (empty for anonymous stall sales)", nullable=True),
        _c("country", "category", "code", "país del comprador (MX, US)",
           "buyer's country (MX, US)", choices=("MX", "US")),
        _c("state", "text", "code", "estado del comprador (clave)", "buyer's state (code)",
           "example weights (datasets_states.csv)"),
        _c("sku", "text", "code", "producto (ver `catalog`)", "product (see `catalog`)"),
        _c("quantity", "int", "pieces", "piezas", "pieces",
           "units per order by category (store_categories.csv); average order value about "
           "MXN 1,000 (AMVO 2024; estimate, unverified)", minimum=1),
        _c("unit_price", "money", "mxn", "precio de una pieza, IVA incluido",
           "price of one piece, IVA included", "catalog price x channel price_factor",
           minimum=_ZERO),
        _c("total", "money", "mxn", "cantidad x precio, IVA incluido (0 si la venta se perdió)",
           "quantity x price, IVA included (0 if the sale was lost)", minimum=_ZERO),
        _c("iva", "money", "mxn", "IVA incluido en el total (0 en exportación y alimentos)",
           "IVA inside the total (0 on exports and food)",
           "iva_rates.csv (16%, LIVA art. 1; 0% on food, LIVA art. 2o.-A fr. I b; 0% exports, "
           "LIVA art. 29)", minimum=_ZERO),
        _c("commission", "money", "mxn", "comisión del marketplace, antes de IVA",
           "marketplace commission, before IVA", "store_channels.csv (each row names its source or says estimate)",
           minimum=_ZERO),
        _c("payment_fee", "money", "mxn",
           "comisión del medio de pago, antes de IVA (su IVA es acreditable; 0 en una "
           "transferencia SPEI directa a la cuenta del vendedor)",
           "payment fee, before IVA (its IVA is creditable; 0 on a SPEI transfer straight to "
           "the seller's account)",
           "store_payments.csv (each row names its source or says estimate)",
           minimum=_ZERO),
        _c("shipping", "money", "mxn", "envío que paga el vendedor, antes de IVA",
           "shipping paid by the seller, before IVA", "store_shipping.csv (each row names its source or says estimate)",
           minimum=_ZERO),
        _c("payment_method", "category", "code", "forma de pago", "payment method",
           "store_payments.csv (online); datasets_payments.csv (others)",
           choices=PAYMENT_METHODS),
        _c("status", "category", "code",
           "sold (vendido), stockout (sin existencias: venta perdida), voucher_expired "
           "(ficha OXXO no pagada: venta perdida)",
           "sold, stockout (out of stock: lost sale), voucher_expired (unpaid OXXO voucher: "
           "lost sale)", "store simulator", choices=STATUSES),
        _c("returned", "bool", "", "true si el comprador devolvió el pedido",
           "true if the buyer returned the order",
           "online returns 18.3% in 2023, double in Buen Fin and Hot Sale (Envíame as reported by "
           "LogistiX News: estimate, unverified)"),
    ),
    ("date", "order_id"),
    per_business=True,
)

_COSTS = Table(
    "costs",
    "Costos de cada mes: fijos (renta, luz, sueldos, ...) y variables (materiales, empaque).",
    "Costs of each month: fixed (rent, electricity, wages, ...) and variable (materials, "
    "packaging).",
    (
        _c("month", "date", "month", "mes", "month"),
        _c("concept", "text", "code", "clave del concepto", "item code"),
        _c("name_es", "text", "", "concepto en español", "item in Spanish"),
        _c("name_en", "text", "", "concepto en inglés", "item in English"),
        _c("kind", "category", "code", "fixed (fijo) o variable", "fixed or variable",
           choices=("fixed", "variable")),
        _c("amount", "money", "mxn", "importe del mes, antes de IVA", "amount of the month, "
           "before IVA", "fixed: example values (datasets_fixed_costs.csv); variable: unit "
           "costs of the pieces ordered that month", minimum=_ZERO),
    ),
    ("month", "kind", "concept"),
    per_business=True,
)

_FX = Table(
    "fx",
    "Pesos por dólar en días hábiles (lunes a viernes). SOLO los días marcados `anchor` son "
    "datos reales (Banxico FIX); los demás son una caminata aleatoria con semilla que pasa "
    "exactamente por ellos.",
    "Pesos per US dollar on business days (Monday to Friday). ONLY the days marked `anchor` "
    "are real data (Banxico FIX); the rest is a seeded random walk bridged through them.",
    (
        _c("date", "date", "date", "día hábil", "business day"),
        _c("mxn_per_usd", "decimal", "mxn_per_usd", "pesos por un dólar", "pesos per one dollar",
           "anchors: Banxico FIX (exchange_rates.csv; values as reported by the press: estimates); "
           "others simulated",
           minimum=_ZERO, places=4),
        _c("anchor", "bool", "", "true si el dato es real (publicado)",
           "true if the figure is real (published)"),
        _c("source", "text", "", "de dónde sale el dato", "where the figure comes from"),
    ),
    ("date",),
)

_CHANNELS = Table(
    "channels",
    "Canales de venta: en línea (simulador de tienda) o no, factor de precio y días de venta.",
    "Sales channels: online (store simulator) or not, price factor and selling days.",
    (
        _c("channel", "category", "code", "clave del canal", "channel code", choices=CHANNELS),
        _c("name_es", "text", "", "nombre en español", "name in Spanish"),
        _c("name_en", "text", "", "nombre en inglés", "name in English"),
        _c("online", "bool", "", "true si es venta en línea (la simula `mipyme.store`)",
           "true for online sales (simulated by `mipyme.store`)"),
        _c("price_factor", "decimal", "factor", "precio del canal / precio de lista",
           "channel price / list price", "example value for teaching (datasets_channels.csv)",
           minimum=_ZERO),
        _c("days", "category", "code", "días que vende: all (todos) o weekend (fin de semana)",
           "days it sells: all or weekend", choices=("all", "weekend")),
    ),
    ("channel",),
)

_CALENDAR = Table(
    "calendar",
    "Temporadas de los canales no en línea: cuánto sube la demanda (las de los canales en "
    "línea están en `store_calendar.csv`).",
    "Seasons of the channels that are not online: how much demand rises (the online ones are "
    "in `store_calendar.csv`).",
    (
        _c("event", "text", "code", "clave de la temporada", "season code"),
        _c("name_es", "text", "", "nombre en español", "name in Spanish"),
        _c("name_en", "text", "", "nombre en inglés", "name in English"),
        _c("start", "date", "date", "primer día", "first day",
           "dates: customary dates of each celebration"),
        _c("end", "date", "date", "último día", "last day",
           "dates: customary dates of each celebration"),
        _c("business", "text", "code", "negocio (* = todos)", "business (* = all)"),
        _c("demand_multiplier", "decimal", "factor", "cuántas veces sube la demanda",
           "how many times demand rises", "example values for teaching (unverified)",
           minimum=_ZERO),
        _c("source", "text", "", "fuente", "source"),
    ),
    ("start", "event", "business"),
)

#: Every generated table, by name.
TABLES: dict[str, Table] = {t.name: t for t in (
    _BUSINESSES, _CATALOG, _SUPPLIERS, _ORDERS, _COSTS, _FX, _CHANNELS, _CALENDAR)}


def table_schema(name: str) -> Table:
    """The schema of the table called ``name`` (see :data:`TABLES`)."""
    try:
        return TABLES[name]
    except (KeyError, TypeError):
        raise InputError("errors.one_of", arg="table", choices=tuple(TABLES),
                         value=name) from None


def describe(name: str, lang: str | None = None) -> pd.DataFrame:
    """The columns of table ``name`` as a small DataFrame a student can read.

    >>> describe("fx", lang="en")[["column", "unit"]]
            column                 unit
    0         date     date YYYY-MM-DD
    1  mxn_per_usd  pesos per US dollar
    2       anchor                    -
    3       source                    -
    """
    lang = check_language(lang) if lang is not None else get_language()
    table = table_schema(name)
    i = 0 if lang == "es" else 1
    heads = [t(f"datasets.head.{k}", lang=lang) for k in
             ("column", "type", "unit", "description", "source")]
    rows = [{heads[0]: c.name, heads[1]: c.kind, heads[2]: UNITS[c.unit][i],
             heads[3]: c.es if lang == "es" else c.en, heads[4]: c.source} for c in table.columns]
    return pd.DataFrame(rows, columns=list(heads))

