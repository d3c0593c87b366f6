"""Every hypothesis strategy of the property tests: amounts, dates, journals, shipments, stores."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from hypothesis import strategies as st

from mipyme.export import Product, Shipment
from mipyme.finance import Transaction, credit, debit, default_chart
from mipyme.store import Catalog, CatalogItem, example_catalog, simulate

#: Amounts in whole centavos, from one centavo to a million pesos.
cents = st.integers(min_value=1, max_value=100_000_000)
amounts = cents.map(lambda c: Decimal(c).scaleb(-2))
days = st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2026, 12, 31))
codes = st.sampled_from([a.code for a in default_chart()])


@st.composite
def transactions(draw, accounts=codes, dates=days):
    """A balanced transaction: 1-3 debits and 1-3 credits that add up to the same total."""
    debit_cents = draw(st.lists(cents, min_size=1, max_size=3))
    total = sum(debit_cents)
    n_credit = draw(st.integers(min_value=1, max_value=min(3, total)))
    cuts = []
    if n_credit > 1:
        cuts = sorted(draw(st.lists(st.integers(min_value=1, max_value=total - 1),
                                    min_size=n_credit - 1, max_size=n_credit - 1, unique=True)))
    bounds = [0, *cuts, total]
    credit_cents = [b - a for a, b in itertools.pairwise(bounds) if b > a]
    postings = [debit(draw(accounts), Decimal(c).scaleb(-2)) for c in debit_cents]
    postings += [credit(draw(accounts), Decimal(c).scaleb(-2)) for c in credit_cents]
    return Transaction(draw(dates), "generada", tuple(postings))


journals = st.lists(transactions(), min_size=1, max_size=25)

#: Amounts in pesos with centavos, from zero to half a million; rates from 0 to 300%.
PESOS = st.decimals(min_value=0, max_value=500_000, places=2, allow_nan=False)
RATES = st.decimals(min_value=0, max_value=3, places=4, allow_nan=False)

PRODUCTS = ("coffee", "talavera", "silver_jewelry", "cotton_apparel", "honey", "mezcal")
unit_costs = st.integers(min_value=0, max_value=500_000).map(lambda c: Decimal(c) / 100)
size = st.integers(min_value=1, max_value=80).map(Decimal)


@st.composite
def shipments(draw, modes=("sea", "air", "courier")):
    """An export shipment of one of the kit's products, of any size, cost and mode."""
    product = Product("x", draw(st.sampled_from(PRODUCTS)), draw(unit_costs),
                      draw(st.integers(1, 5000).map(lambda g: Decimal(g) / 1000)),
                      (draw(size), draw(size), draw(size)),
                      usmca_originating=draw(st.booleans()))
    return Shipment(product, draw(st.integers(1, 400)), mode=draw(st.sampled_from(modes)),
                    overhead_rate=draw(st.sampled_from(("0", "0.1", "0.15", "0.3"))),
                    margin_rate=draw(st.sampled_from(("0", "0.2", "0.25", "0.5"))))


@st.composite
def stores(draw):
    """A simulated store: part of the example catalog, any stock, prices, ads and days."""
    base = example_catalog()
    products = []
    for product in base.products[: draw(st.integers(min_value=1, max_value=6))]:
        stock = draw(st.integers(min_value=0, max_value=60))
        products.append(CatalogItem(
            product.sku, product.name, product.category, unit_cost=product.unit_cost,
            price=product.price, weight_kg=product.weight_kg, length_cm=product.length_cm,
            width_cm=product.width_cm, height_cm=product.height_cm, stock=stock,
            reorder_point=draw(st.integers(min_value=0, max_value=20)),
            reorder_qty=draw(st.integers(min_value=0, max_value=80)),
            lead_time_days=draw(st.integers(min_value=1, max_value=15))))
    prices = {p.sku: (p.price * Decimal(draw(st.sampled_from(["0.5", "1", "1.5"])))
                      ).quantize(Decimal("0.01")) for p in products}
    ads = {c: draw(st.sampled_from([0, 100, 1500])) for c in
           ("web", "mercado_libre", "amazon_mx", "etsy")}
    return simulate(days=draw(st.integers(min_value=1, max_value=70)),
                    seed=draw(st.integers(min_value=0, max_value=10_000)),
                    catalog=Catalog(tuple(products)), prices=prices, ad_budget=ads,
                    traffic=draw(st.sampled_from([0, 1, 3])),
                    opening_cash=draw(st.sampled_from(["0", "5000", "100000"])),
                    auto_reorder=draw(st.booleans()))
