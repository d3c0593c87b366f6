"""The online store simulator: a year of a Mexican small business selling online.

Products (:mod:`~mipyme.store.catalog`) sell on four channels with their fees, payments and
shipping as data files (:mod:`~mipyme.store.channels`); demand follows the Mexican commercial
calendar, ads and prices (:mod:`~mipyme.store.demand`); :func:`simulate` runs a store for N
days and posts every peso to the finance engine's books (:mod:`~mipyme.store.books`);
:class:`StoreGame` is the same engine as a classroom game, one week per step. Defaults are
set by the ``store_*.csv`` files, each row with its source (a primary source, or labelled an
estimate).

>>> from mipyme.store import simulate, reconcile
>>> store = simulate(days=30, seed=0)
>>> bool(reconcile(store)["ok"].all())
True
"""

from mipyme.store.books import KINDS, books, postings, reconcile
from mipyme.store.catalog import Catalog, CatalogItem, categories, example_catalog
from mipyme.store.channels import (
    channels,
    chargeable_weight,
    check_channel,
    payments,
    shipping_cost,
    shipping_rates,
)
from mipyme.store.demand import (
    MAX_CONVERSION,
    calendar,
    conversion,
    expected_visits,
    optimal_price,
    season,
)
from mipyme.store.economics import customers, money_on_the_way, unit_economics
from mipyme.store.game import StoreGame
from mipyme.store.practice import (
    OrderRisk,
    order_risk,
    orders_to_recover,
    practice_rate,
    practice_rates,
    price_for_margin,
)
from mipyme.store.simulate import (
    STATUSES,
    Limits,
    OnlineStore,
    readable,
    sale_breakdown,
    show,
    simulate,
)

__all__ = [
    "KINDS",
    "MAX_CONVERSION",
    "STATUSES",
    "Catalog",
    "CatalogItem",
    "Limits",
    "OnlineStore",
    "OrderRisk",
    "StoreGame",
    "books",
    "calendar",
    "categories",
    "channels",
    "chargeable_weight",
    "check_channel",
    "conversion",
    "customers",
    "example_catalog",
    "expected_visits",
    "money_on_the_way",
    "optimal_price",
    "order_risk",
    "orders_to_recover",
    "payments",
    "postings",
    "practice_rate",
    "practice_rates",
    "price_for_margin",
    "readable",
    "reconcile",
    "sale_breakdown",
    "season",
    "shipping_cost",
    "shipping_rates",
    "show",
    "simulate",
    "unit_economics",
]


def __getattr__(name: str) -> object:
    """``mipyme.store.Product`` is now :class:`CatalogItem`; the old name warns and answers."""
    if name == "Product":
        from mipyme.errors import renamed

        renamed("mipyme.store.Product", "mipyme.store.CatalogItem")
        return CatalogItem
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
