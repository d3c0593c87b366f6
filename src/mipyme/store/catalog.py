"""The catalog: products with cost, price, weight, size, category and stock.

Categories (conversion, price elasticity, returns) come from ``data/store_categories.csv``,
estimates (unverified; see each row's source): conversion by category
(jewelry 1.26%, home 1.85%, fashion 3.59%, food 6.64%), elasticities around the -2.62 mean of
Bijmolt et al. (2005) and returns near the 18.3% of online purchases returned in Mexico in
2023 (an estimate by Envíame, a logistics company). Each product pays the IVA of its kind
(``iva_kind``: food 0%, the rest 16%), whatever the channel, except a sale abroad (0%).

>>> from mipyme.store.catalog import CatalogItem, example_catalog
>>> cat = example_catalog()
>>> cat.skus[:3]
('ARE-PLATA', 'BLUSA-BORD', 'TAZA-TALAV')
>>> CatalogItem("X", "Taza", "home", unit_cost="80", price="-5")
Traceback (most recent call last):
...
mipyme.errors.InputError: 'price' debe ser mayor que cero (se recibió '-5')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

import pandas as pd

from mipyme.errors import InputError, InputTypeError
from mipyme.i18n import get_language, t
from mipyme.money import Money, as_decimal, count_arg, round_money
from mipyme.tables import read_table

__all__ = ["Catalog", "CatalogItem", "categories", "example_catalog", "iva_kinds"]


@cache
def categories() -> pd.DataFrame:
    """The category table (``data/store_categories.csv``), indexed by category code.

    >>> categories().loc["food", "conversion"]
    Decimal('0.0664')
    """
    frame = read_table("store_categories", required=(
        "category", "name_es", "name_en", "conversion", "elasticity", "return_rate",
        "restock_rate", "return_days", "units_per_order", "iva_kind"),
        decimals=("conversion", "elasticity", "return_rate", "restock_rate", "return_days",
                  "units_per_order"))
    return frame.set_index("category")


@cache
def iva_kinds() -> tuple[str, ...]:
    """The kinds of sale in ``data/iva_rates.csv`` (a product's ``iva_kind`` is one of them).

    >>> iva_kinds()
    ('general', 'border', 'export', 'food', 'medicine', 'border_south')
    """
    return tuple(dict.fromkeys(read_table("iva_rates", required=("kind",))["kind"]))


def _int(value: object, arg: str, low: int = 0) -> int:
    return count_arg(value, arg, minimum=low)


def _positive_float(value: object, arg: str) -> float:
    number = float(as_decimal(value, arg, places=6))
    if number <= 0:
        raise InputError("errors.positive", arg=arg, value=value)
    return number


@dataclass(frozen=True, slots=True)
class CatalogItem:
    """One product of the store.

    Parameters
    ----------
    sku, name:
        Code and name.
    category:
        A row of ``store_categories.csv`` (``jewelry``, ``home``, ``fashion``, ``food``).
    unit_cost:
        What one unit costs the seller, before IVA.
    price:
        The list price for the buyer, IVA included (how prices are shown in Mexico). The
        category's conversion is calibrated at this price.
    weight_kg, length_cm, width_cm, height_cm:
        The packed unit, for the chargeable weight.
    stock:
        Units on hand on the first day.
    reorder_point, reorder_qty, lead_time_days:
        When units on hand plus on order fall to ``reorder_point`` the store orders
        ``reorder_qty`` units, which arrive ``lead_time_days`` later (batch mode).
    popularity:
        Relative share of each channel's visits that look at this product.
    iva_kind:
        The product's kind in ``iva_rates.csv`` (``general`` 16%, ``food`` 0%...): the IVA
        charged on its sales in Mexico. Default: the category's ``iva_kind`` in
        ``store_categories.csv`` (food 0%, LIVA art. 2o.-A fr. I b; the rest 16%). A drink
        other than milk sold as food, such as mezcal, is ``general``.

    >>> p = CatalogItem("TAZA", "Taza", "home", unit_cost="120", price="320", stock=50)
    >>> p.price, p.unit_cost, p.iva_kind
    (Decimal('320.00'), Decimal('120.00'), 'general')
    >>> CatalogItem("CAFE", "Café tostado", "food", unit_cost="95", price="240").iva_kind
    'food'
    >>> CatalogItem("MEZ", "Mezcal", "food", unit_cost="230", price="690", iva_kind="general"
    ...             ).iva_kind
    'general'
    >>> CatalogItem("MEZ", "Mezcal", "food", unit_cost="230", price="690", iva_kind="drinks")
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'iva_kind' debe ser uno de ('general', 'border', 'export', 'food', 'medicine', 'border_south') (se recibió 'drinks')
    >>> CatalogItem("TAZA", "Taza", "toys", unit_cost="120", price="320")
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'category' debe ser uno de ('jewelry', 'home', 'fashion', 'food') (se recibió 'toys')
    """

    sku: str
    name: str
    category: str
    unit_cost: Decimal
    price: Decimal
    weight_kg: float = 0.5
    length_cm: float = 20.0
    width_cm: float = 15.0
    height_cm: float = 10.0
    stock: int = 0
    reorder_point: int = 0
    reorder_qty: int = 0
    lead_time_days: int = 7
    popularity: float = 1.0
    iva_kind: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.sku, str) or not self.sku:
            raise InputError("errors.one_of", arg="sku", choices="text", value=self.sku)
        known = tuple(categories().index)
        if self.category not in known:
            raise InputError("errors.one_of", arg="category", choices=known,
                             value=self.category)
        cost = round_money(as_decimal(self.unit_cost, "unit_cost"))
        if cost < 0:
            raise InputError("errors.not_negative", arg="unit_cost", value=self.unit_cost)
        price = round_money(as_decimal(self.price, "price"))
        if price <= 0:
            raise InputError("errors.positive", arg="price", value=self.price)
        object.__setattr__(self, "unit_cost", cost)
        object.__setattr__(self, "price", price)
        for name in ("weight_kg", "length_cm", "width_cm", "height_cm", "popularity"):
            object.__setattr__(self, name, _positive_float(getattr(self, name), name))
        for name in ("stock", "reorder_point", "reorder_qty"):
            object.__setattr__(self, name, _int(getattr(self, name), name))
        object.__setattr__(self, "lead_time_days", _int(self.lead_time_days,
                                                        "lead_time_days", low=1))
        kind = (self.iva_kind if self.iva_kind is not None
                else str(categories().loc[self.category, "iva_kind"]))
        if kind not in iva_kinds():
            raise InputError("errors.one_of", arg="iva_kind", choices=iva_kinds(), value=kind)
        object.__setattr__(self, "iva_kind", kind)

    @property
    def volumetric_kg(self) -> float:
        """Volumetric weight, L x W x H / 5000 (the most common courier divisor).

        >>> CatalogItem("A", "Alebrije", "home", unit_cost="350", price="980", length_cm=25,
        ...         width_cm=20, height_cm=20).volumetric_kg
        2.0
        """
        return self.length_cm * self.width_cm * self.height_cm / 5000.0


@dataclass(frozen=True, slots=True)
class Catalog:
    """The products a store sells (a tuple; SKUs unique).

    >>> cat = Catalog((CatalogItem("A", "Aretes", "jewelry", unit_cost="100", price="300"),))
    >>> len(cat), cat.skus
    (1, ('A',))
    >>> Catalog((cat.products[0], cat.products[0]))
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: el SKU 'A' aparece más de una vez en el catálogo
    """

    products: tuple[CatalogItem, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        products = tuple(self.products)
        if not products:
            raise InputError("errors.positive", arg="len(products)", value=0)
        seen: set[str] = set()
        for product in products:
            if not isinstance(product, CatalogItem):
                raise InputTypeError("store.errors.not_a_product", value=product)
            if product.sku in seen:
                raise InputError("store.errors.duplicate_sku", sku=product.sku)
            seen.add(product.sku)
        object.__setattr__(self, "products", products)

    def __len__(self) -> int:
        return len(self.products)

    def __iter__(self):
        return iter(self.products)

    @property
    def skus(self) -> tuple[str, ...]:
        """The SKUs, in catalog order.

        >>> len(example_catalog().skus)
        6
        """
        return tuple(p.sku for p in self.products)

    def to_frame(self, lang: str | None = None) -> pd.DataFrame:
        """The catalog as a table a student reads.

        >>> example_catalog().to_frame(lang="en").columns[:4].tolist()
        ['SKU', 'product', 'category', 'unit cost']
        """
        cats = categories()
        col = "name_en" if (lang or get_language()) == "en" else "name_es"
        return pd.DataFrame({
            t("store.col.sku", lang): [p.sku for p in self],
            t("store.col.product", lang): [p.name for p in self],
            t("store.col.category", lang): [cats.loc[p.category, col] for p in self],
            t("store.col.unit_cost", lang): [Money(p.unit_cost) for p in self],
            t("store.col.price", lang): [Money(p.price) for p in self],
            t("store.col.weight_kg", lang): [p.weight_kg for p in self],
            t("store.col.volumetric_kg", lang): [round(p.volumetric_kg, 3) for p in self],
            t("store.col.stock", lang): [p.stock for p in self],
        })


def example_catalog(scale: int = 1) -> Catalog:
    """A small Mexican crafts store: six products in four categories (example values).

    Prices are IVA included; a typical order (1-2 units) is worth MXN 700-900, a little
    under the MXN 1,000 national average order value (AMVO 2024, an estimate), as
    befits a crafts store. Popularity weights put the store's overall conversion near the
    2.5-3% of small web stores (an estimate). ``scale`` multiplies stock and reorder
    quantities (for a bigger store, e.g. the benchmark).

    >>> [p.price for p in example_catalog()][:2]
    [Decimal('450.00'), Decimal('690.00')]
    >>> example_catalog(scale=10).products[0].stock
    600
    """
    scale = _int(scale, "scale", low=1)
    rows = [
        ("ARE-PLATA", "Aretes de plata de Taxco", "jewelry", "180", "450", 0.05, 10, 8, 4,
         60, 20, 60, 10, 1.0),
        ("BLUSA-BORD", "Blusa bordada de Oaxaca", "fashion", "260", "690", 0.30, 30, 25, 4,
         80, 25, 80, 14, 1.2),
        ("TAZA-TALAV", "Taza de talavera poblana", "home", "120", "320", 0.45, 15, 12, 12,
         100, 30, 100, 10, 1.0),
        ("CAFE-CHIS", "Café de Chiapas 500 g", "food", "95", "240", 0.55, 20, 12, 8,
         150, 50, 150, 5, 0.6),
        ("REBOZO", "Rebozo de algodón", "fashion", "520", "1150", 0.40, 35, 25, 6,
         40, 12, 40, 21, 0.6),
        ("ALEBRIJE", "Alebrije mediano", "home", "350", "980", 0.60, 25, 20, 20,
         40, 10, 40, 21, 0.8),
    ]
    return Catalog(tuple(
        CatalogItem(sku, name, cat, unit_cost=cost, price=price, weight_kg=w, length_cm=ln,
                width_cm=wd, height_cm=h, stock=stock * scale, reorder_point=rp * scale,
                reorder_qty=rq * scale, lead_time_days=lead, popularity=pop)
        for sku, name, cat, cost, price, w, ln, wd, h, stock, rp, rq, lead, pop in rows))


def __getattr__(name: str) -> object:
    """``Product`` is now :class:`CatalogItem` (an export ``Product`` is another thing): the
    old name still answers, and warns with the new one."""
    if name == "Product":
        from mipyme.errors import renamed

        renamed("mipyme.store.Product", "mipyme.store.CatalogItem")
        return CatalogItem
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
