"""Invariants of every quote, for many random shipments (hypothesis)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mipyme.export import RULES, SEA_ONLY, price_grid, quote
from mipyme.money import default_rates
from strategies import shipments

ON = "2026-03-02"
markets = st.sampled_from(("US", "CA", "DE", "MX"))
currencies = st.sampled_from(("MXN", "USD", "EUR", "CAD"))
SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(shipments(), st.sampled_from(RULES), markets, currencies)
def test_lines_add_up_to_the_price_and_landed(ship, rule, market, currency):
    if rule in SEA_ONLY and ship.mode != "sea":
        return
    q = quote(ship, rule, market, currency, ON)
    assert sum(q.lines["amount"]) == q.price.amount
    assert q.price.amount + sum(q.buyer_lines["amount"], Decimal(0)) == q.landed.amount
    assert all(a >= 0 for a in q.lines["amount"])
    assert q.price.currency == currency


@SETTINGS
@given(shipments(), markets, currencies)
def test_ddp_at_least_dap_at_least_cpt(ship, market, currency):
    price = {r: quote(ship, r, market, currency, ON).price.amount
             for r in ("EXW", "FCA", "CPT", "CIP", "DAP", "DPU", "DDP")}
    assert price["DDP"] >= price["DAP"] >= price["CIP"] >= price["CPT"] >= price["FCA"]
    assert price["FCA"] >= price["EXW"]
    assert price["DPU"] >= price["DAP"]


@SETTINGS
@given(shipments(modes=("sea",)), markets)
def test_sea_ladder_climbs(ship, market):
    price = [quote(ship, r, market, "USD", ON).price.amount
             for r in ("EXW", "FCA", "FAS", "FOB", "CFR", "CIF", "DAP", "DDP")]
    assert price == sorted(price)


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shipments(modes=("sea",)))
def test_grid_gives_the_same_prices_as_one_quote_at_a_time(ship):
    grid = price_grid(ship, markets=("US", "DE"), mxn_per_unit=("16.5", "25"), on=ON)
    for row in grid.itertuples():
        rates = default_rates().with_rate("USD", ON, row.mxn_per_unit)
        assert quote(ship, row.rule, row.market, "USD", ON, rates).price.amount == row.price
