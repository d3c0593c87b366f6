"""Destination markets as data: how each values goods, what it charges, and when.

Figures in these tests use logistics rates written here (pesos, round numbers) and the
packaged markets and tariffs, so every number below can be checked by hand.

    one box of 10 silver pendants: MXN 500 each, 0.1 kg and 10 x 10 x 5 cm each
    cost 5,000; overhead 0; margin 0; packing 0; every logistics line 0 except
    international freight MXN 1,000 per shipment; insurance rate 0 (r = 0)
    FOB value = 5,000.00; CIF value = 6,000.00
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from mipyme.export import ExportData, Product, Shipment, quote
from mipyme.export.markets import export_data, markets_table, tariff_lines
from mipyme.money import default_rates
from mipyme.tables import read_table

ZERO_LINES = ("export_packing", "loading", "export_clearance", "inland_freight",
              "origin_handling", "destination_handling", "delivery", "unloading",
              "import_clearance")


def freight_csv(freight="1000"):
    rows = ["line,mode,market,basis,currency,fixed,amount,minimum,divisor,source,as_of"]
    rows += [f"{x},any,*,shipment,MXN,0,0,,,test,2026-03-01" for x in ZERO_LINES]
    rows += [f"international_freight,any,*,shipment,MXN,0,{freight},,,test,2026-03-01",
             "insurance_icc_a,any,*,rate,,,0,,,test,2026-03-01",
             "insurance_icc_c,any,*,rate,,,0,,,test,2026-03-01"]
    return "\n".join(rows) + "\n"


@pytest.fixture
def make_data(tmp_path):
    def build(freight="1000"):
        path = tmp_path / f"freight_{freight}.csv"
        path.write_text(freight_csv(freight), encoding="utf-8")
        return ExportData.from_files(freight=path)
    return build


ON = "2026-08-03"  # no US surcharge in force that day


def pendants(originating=True, mode="sea", units=10, cost="500"):
    product = Product("Dije de plata", "silver_jewelry", cost, "0.1", ("10", "10", "5"),
                      usmca_originating=originating)
    return Shipment(product, units, mode=mode, overhead_rate="0", margin_rate="0")


def ddp_lines(ship, market, data, on=ON, rates=None):
    q = quote(ship, "DDP", market, "MXN", on, rates or default_rates(), data=data)
    return q.lines.set_index("line")["amount"]


def test_every_export_table_has_source_and_as_of_on_every_row():
    for name in ("incoterms", "markets", "tariffs", "freight_rates"):
        frame = read_table(name)
        assert frame["source"].str.strip().ne("").all(), name
        assert frame["as_of"].notna().all(), name


def test_every_export_figure_names_its_source_or_says_it_is_an_estimate():
    from test_sources import source_is_accepted

    for name in ("markets", "tariffs", "freight_rates"):
        frame = read_table(name)
        for source in frame["source"]:
            assert "domain" not in source.lower() and source_is_accepted(source), (name, source)


def test_the_four_markets_and_six_example_products_are_there():
    assert set(markets_table()["market"]) == {"US", "CA", "DE", "MX"}
    lines = tariff_lines()
    mfn = lines[lines["kind"] == "mfn"]
    products = {"coffee", "talavera", "silver_jewelry", "cotton_apparel", "honey", "mezcal"}
    for market in ("US", "CA", "DE", "MX"):
        assert set(mfn[mfn["market"] == market]["product"]) == products


def test_us_examples_match_the_tariff_schedule():
    data = export_data()
    assert data.tariff_line("coffee", "US").rate == 0
    assert data.tariff_line("silver_jewelry", "US").rate == Decimal("0.05")  # HTSUS 7113.11.50
    assert data.tariff_line("silver_jewelry", "US").hs_code == "7113.11.50"
    assert data.tariff_line("cotton_apparel", "US").rate == Decimal("0.165")
    assert Decimal("0.045") <= data.tariff_line("talavera", "US").rate <= Decimal("0.098")


def test_us_duty_is_on_transaction_value_without_freight(make_data):
    # non-originating silver, 5% of the FOB value 5,000.00 = 250.00, whatever the freight
    for freight in ("1000", "3000"):
        lines = ddp_lines(pendants(originating=False), "US", make_data(freight))
        assert lines["duty"] == Decimal("250.00")


def test_eu_duty_and_vat_are_on_the_cif_value(make_data):
    # Germany: 2.5% of CIF 6,000.00 = 150.00; VAT 19% of (6,000 + 150) = 1,168.50
    lines = ddp_lines(pendants(originating=False), "DE", make_data())
    assert lines["duty"] == Decimal("150.00")
    assert lines["import_taxes"] == Decimal("1168.50")
    # more freight, more duty: CIF 8,000 -> 2.5% = 200.00
    assert ddp_lines(pendants(originating=False), "DE", make_data("3000"))["duty"] == Decimal(
        "200.00")


def test_canada_charges_gst_on_value_plus_duty(make_data):
    # CA silver 8.5% of FOB 5,000 = 425.00; GST 5% of 5,425.00 = 271.25
    lines = ddp_lines(pendants(originating=False), "CA", make_data())
    assert lines["duty"] == Decimal("425.00")
    assert lines["import_taxes"] == Decimal("271.25")


def test_usmca_originating_goods_pay_no_duty_and_no_mpf(make_data):
    lines = ddp_lines(pendants(originating=True), "US", make_data())
    assert lines["duty"] == Decimal("0.00")
    # sea: only the harbor fee, 0.125% of 5,000 = 6.25
    assert lines["import_fees"] == Decimal("6.25")


def test_harbor_fee_only_by_sea(make_data):
    # by air the same goods pay no harbor maintenance fee
    assert ddp_lines(pendants(mode="air"), "US", make_data())["import_fees"] == Decimal("0.00")


def test_mpf_floor_and_cap_in_dollars(make_data):
    rates = default_rates().with_rate("USD", ON, "20")
    data = make_data()
    # small: 5,000 MXN = USD 250, an informal entry (up to USD 2,500): flat USD 2.69 x 20 =
    # 53.80, not the formal floor; + HMF 0.125% x 5,000 = 6.25
    small = ddp_lines(pendants(originating=False), "US", data, rates=rates)
    assert small["import_fees"] == Decimal("60.05")
    # formal (USD 5,000 > 2,500): 0.3464% x 100,000 = 346.40, below the floor USD 33.58 x 20
    # = 671.60; + HMF 0.125% x 100,000 = 125.00
    formal = ddp_lines(pendants(originating=False, units=200), "US", data, rates=rates)
    assert formal["import_fees"] == Decimal("671.60") + Decimal("125.00")
    # big: 1,000 pendants = 500,000 x 0.3464% = 1,732.00, within; 5,000,000 x 0.3464% =
    # 17,320.00 above the cap USD 651.50 x 20 = 13,030.00; HMF 0.125% x 5,000,000 = 6,250.00
    mid = ddp_lines(pendants(originating=False, units=1000), "US", data, rates=rates)
    assert mid["import_fees"] == Decimal("1732.00") + Decimal("625.00")
    big = ddp_lines(pendants(originating=False, units=10000), "US", data, rates=rates)
    assert big["import_fees"] == Decimal("13030.00") + Decimal("6250.00")


def test_section_122_surcharge_only_in_its_window_and_not_for_usmca_goods(make_data):
    data = make_data()
    # 2026-03-02: 5% + 10% = 15% of 5,000 = 750.00
    def duty(on, originating):
        rates = default_rates().with_rate("USD", on, "18")
        return ddp_lines(pendants(originating=originating), "US", data, on, rates)["duty"]
    assert duty("2026-03-02", False) == Decimal("750.00")
    assert duty("2026-03-02", True) == Decimal("0.00")
    assert duty("2026-07-23", False) == Decimal("750.00")  # last day, inclusive
    assert duty("2026-07-24", False) == Decimal("250.00")  # window over: 5% only
    assert duty("2026-08-03", False) == Decimal("250.00")
    # 2026-01-21: the IEEPA tariff (EO 14194, 25%) still applied: 30% of 5,000 = 1,500.00
    assert duty("2026-01-21", False) == Decimal("1500.00")
    # IEEPA collected up to entries of 2026-02-23 (CSMS #67834313), Section 122 from 02-24
    assert duty("2026-02-23", False) == Decimal("1500.00")
    assert duty("2026-02-24", False) == Decimal("750.00")
    assert duty("2026-01-21", True) == Decimal("0.00")


def test_mexico_domestic_sale_has_no_duty_and_charges_iva(make_data):
    # domestic: no duty; IVA 16% of 6,000 = 960.00
    lines = ddp_lines(pendants(), "MX", make_data())
    assert lines["duty"] == Decimal("0.00")
    assert lines["import_taxes"] == Decimal("960.00")


def test_packaged_mexico_rates_have_no_export_or_import_formalities():
    data = export_data()
    for line in ("export_clearance", "import_clearance"):
        for mode in ("sea", "air", "courier"):
            assert data.rate_row(line, mode, "MX").amount == 0
