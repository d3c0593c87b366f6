"""US entries: informal up to USD 2,500 (flat MPF), formal above (ad valorem MPF with floor
and cap); FY2026 figures used as an estimate after 2026-09-30; FCA at a named place.

Hand-computed from the rules, with the figures of the packaged markets table:

    informal entry: customs value up to USD 2,500 (19 CFR 143.21(a)): MPF USD 2.69 flat
    formal entry:   MPF = max(min(value x 0.3464%, USD 651.50), USD 33.58)
                    (FY2026: CBP Dec. 25-10, 90 FR 34665, 2025-07-23)
    harbor maintenance fee: 0.125% of the value, by sea only (19 CFR 24.24(a))

The logistics lines are written here (pesos), so the customs value is the cost of the goods:
overhead, margin and every other line before the border are 0.
"""

from __future__ import annotations

import dataclasses
import warnings
from decimal import Decimal

import pytest

from mipyme.errors import InputError
from mipyme.export import ExportData, Product, Shipment, StaleTableWarning, quote
from mipyme.export.markets import export_data
from mipyme.export.quote import price_grid
from mipyme.i18n import language
from mipyme.money import default_rates

LINES = ("export_packing", "loading", "export_clearance", "origin_handling",
         "destination_handling", "delivery", "unloading", "import_clearance")


def freight_csv(inland="0"):
    rows = ["line,mode,market,basis,currency,fixed,amount,minimum,divisor,source,as_of"]
    rows += [f"{x},any,*,shipment,MXN,0,0,,,test,2026-03-01" for x in LINES]
    rows += [f"inland_freight,any,*,shipment,MXN,0,{inland},,,test,2026-03-01",
             "international_freight,any,*,shipment,MXN,0,1000,,,test,2026-03-01",
             "insurance_icc_a,any,*,rate,,,0,,,test,2026-03-01",
             "insurance_icc_c,any,*,rate,,,0,,,test,2026-03-01"]
    return "\n".join(rows) + "\n"


@pytest.fixture
def data(tmp_path):
    path = tmp_path / "freight.csv"
    path.write_text(freight_csv(), encoding="utf-8")
    return ExportData.from_files(freight=path)


ON = "2026-08-03"  # no US surcharge in the table that day: 5% on silver jewelry


def earrings(units, cost="100", originating=False, mode="courier"):
    product = Product("Arracadas", "silver_jewelry", cost, "0.05", ("8", "6", "3"),
                      usmca_originating=originating)
    return Shipment(product, units, mode=mode, overhead_rate="0", margin_rate="0")


def fees(ship, data, rates, on=ON, currency="MXN"):
    q = quote(ship, "DDP", "US", currency, on, rates, data=data)
    return q.lines.set_index("line")["amount"]["import_fees"]


def test_a_30_pair_parcel_is_an_informal_entry_and_pays_the_flat_2_69(data):
    rates = default_rates().with_rate("USD", ON, "20")
    # 30 pairs x 100 pesos = 3,000 pesos = USD 150: informal; USD 2.69 x 20 = 53.80 pesos
    assert fees(earrings(30), data, rates) == Decimal("53.80")
    # in dollars: exactly the flat fee, whatever the value under the threshold
    assert fees(earrings(30), data, rates, currency="USD") == Decimal("2.69")
    assert fees(earrings(30, cost="1600"), data, rates, currency="USD") == Decimal("2.69")


def test_a_300_pair_entry_is_formal_and_pays_the_ad_valorem_fee_between_floor_and_cap(data):
    rates = default_rates().with_rate("USD", ON, "20")
    # 300 pairs x 1,000 = 300,000 pesos = USD 15,000: formal; 0.3464% = USD 51.96 -> 1,039.20
    assert fees(earrings(300, cost="1000"), data, rates) == Decimal("1039.20")
    # 300 x 200 = 60,000 pesos = USD 3,000: formal; 0.3464% = USD 10.392 < 33.58 -> floor
    assert fees(earrings(300, cost="200"), data, rates) == Decimal("671.60")  # 33.58 x 20
    # 300 x 10,000 = 3,000,000 pesos = USD 150,000: 0.3464% = USD 519.60, under the cap
    assert fees(earrings(300, cost="10000"), data, rates) == Decimal("10392.00")
    # 300 x 20,000 = USD 300,000: 0.3464% = USD 1,039.20 > 651.50 -> cap 13,030.00 pesos
    assert fees(earrings(300, cost="20000"), data, rates) == Decimal("13030.00")


def test_the_threshold_2500_is_still_informal_one_cent_more_is_formal(data):
    rates = default_rates().with_rate("USD", ON, "20")
    # USD 2,500.00 = 50,000.00 pesos: informal (not exceeding 2,500)
    assert fees(earrings(1, cost="50000.00"), data, rates) == Decimal("53.80")
    # USD 2,500.01 = 50,000.20 pesos: formal, 0.3464% = 173.20 pesos < floor 671.60
    assert fees(earrings(1, cost="50000.20"), data, rates) == Decimal("671.60")


def test_originating_goods_pay_no_mpf_informal_or_formal(data):
    rates = default_rates().with_rate("USD", ON, "20")
    assert fees(earrings(30, originating=True), data, rates) == Decimal("0.00")
    assert fees(earrings(300, cost="1000", originating=True), data, rates) == Decimal("0.00")


def test_harbor_fee_is_added_by_sea_only_on_an_informal_entry_too(data):
    rates = default_rates().with_rate("USD", ON, "20")
    # sea: flat 53.80 + HMF 0.125% x 3,000 = 3.75
    assert fees(earrings(30, mode="sea"), data, rates) == Decimal("57.55")
    assert fees(earrings(30, mode="air"), data, rates) == Decimal("53.80")


def test_the_packaged_us_row_cites_the_cfr_and_the_federal_register():
    us = export_data().market("US")
    assert (us.informal_entry_max, us.informal_fee) == (Decimal("2500"), Decimal("2.69"))
    assert (us.processing_fee_min, us.processing_fee_max) == (Decimal("33.58"),
                                                              Decimal("651.50"))
    for cite in ("19 CFR 143.21", "90 FR 34665", "CBP Dec. 25-10", "19 CFR 24.24(a)"):
        assert cite in us.source


def test_the_basis_says_informal_entry_and_its_flat_fee(data):
    rates = default_rates().with_rate("USD", ON, "20")
    q = quote(earrings(30), "DDP", "US", "MXN", ON, rates, data=data)
    line = next(x for x in q.seller if x.line == "import_fees")
    assert "informal entry" in line.basis("en") and "2.69 USD" in line.basis("en")
    assert "entrada informal" in line.basis("es")


@pytest.mark.parametrize(("lang", "words"), [("es", "estimación"), ("en", "estimate")])
def test_a_us_quote_after_fy2026_warns_that_fy2026_figures_are_an_estimate(data, lang, words):
    day = "2026-10-01"  # first day of US fiscal year 2027: no FY2027 figures in the table
    rates = default_rates().with_rate("USD", day, "20")
    with language(lang), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        q = quote(earrings(300, cost="200"), "DDP", "US", "MXN", day, rates, data=data)
    messages = [str(w.message) for w in caught if issubclass(w.category, StaleTableWarning)]
    assert any("markets.csv" in m and "FY2026" in m and words in m and "2026-09-30" in m
               for m in messages), messages
    # and the quote still uses the FY2026 floor: 33.58 x 20
    assert q.lines.set_index("line")["amount"]["import_fees"] == Decimal("671.60")


def test_no_markets_warning_on_the_last_day_of_fy2026(data):
    day = "2026-09-30"
    rates = default_rates().with_rate("USD", day, "20")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        quote(earrings(30), "DDP", "US", "MXN", day, rates, data=data)
    assert not [w for w in caught if "markets.csv" in str(w.message)]


@pytest.fixture
def inland_data(tmp_path):
    path = tmp_path / "freight_inland.csv"
    path.write_text(freight_csv(inland="700"), encoding="utf-8")
    return ExportData.from_files(freight=path)


def honey(fca_place=None):
    jar = Product("Miel", "honey", "100", "1", ("10", "10", "12"))
    return Shipment(jar, 20, mode="air", origin="Maní", overhead_rate="0", margin_rate="0",
                    fca_place=fca_place)


def test_fca_at_the_sellers_premises_leaves_the_inland_haul_to_the_buyer(inland_data):
    rates = default_rates().with_rate("CAD", ON, "12")
    q = quote(honey(), "FCA", "CA", "MXN", ON, rates, data=inland_data)
    # 20 jars x 100 = 2,000.00; the 700 truck is the buyer's
    assert q.price.amount == Decimal("2000.00")
    assert q.place == "Maní"
    assert "inland_freight" in set(q.buyer_lines["line"])


def test_fca_at_another_named_place_puts_the_haul_there_on_the_seller(inland_data):
    rates = default_rates().with_rate("CAD", ON, "12")
    ship = honey("Aeropuerto de Mérida")
    q = quote(ship, "FCA", "CA", "MXN", ON, rates, data=inland_data)
    # 2,000.00 goods + 700.00 truck from Maní to the airport
    assert q.price.amount == Decimal("2700.00")
    assert q.place == "Aeropuerto de Mérida"
    assert "inland_freight" not in set(q.buyer_lines["line"])
    # the landed cost is the same: only who pays the truck changes
    at_home = quote(honey(), "FCA", "CA", "MXN", ON, rates, data=inland_data)
    assert q.landed == at_home.landed
    # EXW stays at the premises, and the price grid agrees with the quote
    assert quote(ship, "EXW", "CA", "MXN", ON, rates, data=inland_data).price.amount == \
        Decimal("2000.00")
    grid = price_grid(ship, rules=("EXW", "FCA"), markets=("CA",), mxn_per_unit=("12",),
                      currency="MXN", on=ON, rates=rates, data=inland_data)
    assert list(grid["price"]) == [Decimal("2000.00"), Decimal("2700.00")]


def test_an_empty_fca_place_is_refused_naming_the_argument():
    with language("en"), pytest.raises(InputError, match="'fca_place'"):
        dataclasses.replace(honey(), fca_place="  ")
