"""Example datasets: five Mexican craft businesses (and a honey maker), two years of sales.

Talavera ceramics (Puebla), backstrap loom textiles (Chiapas), coffee (Veracruz), mezcal
(Oaxaca), silver jewelry (Taxco) and honey (Yucatán): each with a product catalog, suppliers,
two years of orders across channels and monthly costs; plus shared tables (a peso-dollar
series anchored on real Banxico figures, channels, seasons) and copies of the kit's fee,
shipping and tariff tables. Everything is generated from a seed (``make datasets``), the same
seed giving the same bytes, and documented in ``datasets/README.md``.

Money comes back as :class:`decimal.Decimal` (exact centavos); dates as ``datetime64``.

>>> import tempfile
>>> from mipyme.datasets import build, load_suppliers
>>> folder = build(tempfile.mkdtemp(), only=("plata",), orders=False)
>>> load_suppliers("plata", folder=folder)[["material_es", "unit", "unit_cost"]].iloc[0]
material_es    Plata .925 en grano
unit                             g
unit_cost                    19.50
Name: 0, dtype: object
"""

from mipyme.datasets.dictionary import data_dictionary
from mipyme.datasets.generate import (
    DEFAULT_SEED,
    END,
    START,
    build,
    businesses_table,
    catalog_table,
    fx_series,
    orders_table,
)
from mipyme.datasets.load import (
    check_frame,
    default_folder,
    load_catalog,
    load_costs,
    load_fx,
    load_orders,
    load_suppliers,
    load_table,
    read_checked,
)
from mipyme.datasets.schema import BUSINESS_CODES, TABLES, describe, table_schema

__all__ = [
    "BUSINESS_CODES",
    "DEFAULT_SEED",
    "END",
    "START",
    "TABLES",
    "build",
    "businesses_table",
    "catalog_table",
    "check_frame",
    "data_dictionary",
    "default_folder",
    "describe",
    "fx_series",
    "load_catalog",
    "load_costs",
    "load_fx",
    "load_orders",
    "load_suppliers",
    "load_table",
    "orders_table",
    "read_checked",
    "table_schema",
]
