"""Worked quotes: one shipment of Talavera plates priced under each of the 11 rules.

The test's own figures (pesos, with logistics rates written below so the arithmetic is
easy to follow; markets and tariffs are the packaged ones):

    100 plates at MXN 100 each, 1 kg and 20 x 20 x 10 cm each (0.4 m3, 0.1 t -> 0.4 W/M)
    production cost            100 x 100            = 10,000.00
    overhead                   10% of 10,000        =  1,000.00
    margin                     20% of 11,000        =  2,200.00
    export packing                                  =    500.00   EXW = 13,700.00
    loading                                         =    300.00
    export clearance (broker)                       =  2,000.00   FCA = 16,000.00
    inland freight                                  =  1,000.00   FAS = 17,000.00
    origin terminal handling   0.4 W/M x 500        =    200.00   FOB = 17,200.00
    international freight      0.4 W/M x 5,000      =  2,000.00   CFR = CPT = 19,200.00
    insurance ICC (C), r=0.3%  CIF = 19,200 / (1 - 1.1 x 0.003) = 19,200 / 0.9967
                                                    = 19,263.5698 -> CIF = 19,263.57
    insurance ICC (A), r=0.5%  CIP = 19,200 / 0.9945 = 19,306.1840 -> CIP = 19,306.18
    destination handling 400 + delivery 600                      DAP = 20,306.18
    unloading 150                                                DPU = 20,456.18
    DDP to the US, goods NOT originating under USMCA, on 2026-03-02:
      customs value = FOB value (no freight, no insurance)       =  17,200.00
      duty 9.8% (HTS 6912) + 10% Section 122 = 19.8% of 17,200   =   3,405.60
      MPF: 17,200 / 20 = USD 860, an informal entry (up to USD 2,500,
      19 CFR 143.21): flat USD 2.69 x 20                         =     53.80
      HMF (sea) 0.125% x 17,200                                   =     21.50
      import broker                                               =    800.00
      DDP = 20,306.18 + 800 + 3,405.60 + 53.80 + 21.50            =  24,587.08
"""

from __future__ import annotations

import warnings
from decimal import Decimal

import pytest

from export_support import FREIGHT, ON, plates
from mipyme.errors import InputError
from mipyme.export import (
    ExportData,
    Product,
    Shipment,
    StaleTableWarning,
    quote,
)
from mipyme.i18n import language
from mipyme.money import Money, default_rates


@pytest.mark.parametrize(("rule", "price"), [
    ("EXW", "13700.00"), ("FCA", "16000.00"), ("FAS", "17000.00"), ("FOB", "17200.00"),
    ("CFR", "19200.00"), ("CPT", "19200.00"), ("CIF", "19263.57"), ("CIP", "19306.18"),
    ("DAP", "20306.18"), ("DPU", "20456.18"), ("DDP", "24587.08"),
])
def test_worked_price_for_every_rule(rule, price, data, fx):
    q = quote(plates(), rule, "US", "MXN", ON, fx, data=data)
    assert q.price == Money(price, "MXN")
    assert q.lines["amount"].sum() == q.price.amount


def test_insurance_follows_cif_equals_cfr_over_one_minus_1_1_r(data, fx):
    q = quote(plates(), "CIF", "US", "MXN", ON, fx, data=data)
    insurance = q.lines.set_index("line").loc["insurance", "amount"]
    assert insurance == Decimal("63.57")  # 19,263.57 - 19,200.00
    # the premium is 1.1 x r of the CIF value: 1.1 x 0.003 x 19,263.57 = 63.57
    assert abs(Decimal("1.1") * Decimal("0.003") * q.price.amount - insurance) < Decimal("0.01")


def test_the_insurance_rate_is_a_parameter(data, fx):
    ship = plates()
    custom = Shipment(ship.product, 100, overhead_rate="0.10", margin_rate="0.20",
                      insurance_rate="0.01")
    # CIF = 19,200 / (1 - 0.011) = 19,200 / 0.989 = 19,413.5490 -> 19,413.55
    assert quote(custom, "CIF", "US", "MXN", ON, fx, data=data).price.amount == Decimal(
        "19413.55")


def test_ddp_lines_show_duty_fees_and_the_buyer_still_unloads(data, fx):
    q = quote(plates(), "DDP", "US", "MXN", ON, fx, data=data)
    lines = q.lines.set_index("line")["amount"]
    assert lines["duty"] == Decimal("3405.60")
    assert lines["import_fees"] == Decimal("75.30")  # 53.80 + 21.50
    assert list(q.buyer_lines["line"]) == ["unloading"]
    assert q.landed.amount == Decimal("24737.08")  # 24,587.08 + 150 unloading


def test_fob_buyer_lines_estimate_the_rest_of_the_trip(data, fx):
    q = quote(plates(), "FOB", "US", "MXN", ON, fx, data=data)
    assert set(q.buyer_lines["line"]) == {
        "international_freight", "insurance", "destination_handling", "delivery",
        "unloading", "import_clearance", "duty", "import_fees", "import_taxes"}
    assert q.landed.amount == q.price.amount + q.buyer_lines["amount"].sum()


def test_usd_quote_converts_each_peso_line_at_the_rate(data, fx):
    # FOB at 20 pesos per dollar: 500 + 50 + 110 + 25 + 15 + 100 + 50 + 10 = 860.00
    q = quote(plates(), "FOB", "US", "USD", ON, fx, data=data)
    assert list(q.lines["amount"]) == [Decimal(x) for x in (
        "500.00", "50.00", "110.00", "25.00", "15.00", "100.00", "50.00", "10.00")]
    assert q.price == Money("860.00", "USD")
    assert q.mxn_per_unit == Decimal("20")


def test_usd_cif_lines_add_up_to_the_price_to_the_cent(data, fx):
    q = quote(plates(), "CIF", "US", "USD", ON, fx, data=data)
    # insurance 63.57 / 20 = 3.1785 -> 3.18; CIF = 960.00 + 3.18
    assert q.price == Money("963.18", "USD")
    assert sum(q.lines["amount"]) == q.price.amount


def test_originating_goods_enter_the_us_duty_free_without_mpf(data, fx):
    q = quote(plates(originating=True), "DDP", "US", "MXN", ON, fx, data=data)
    lines = q.lines.set_index("line")["amount"]
    assert lines["duty"] == Decimal("0.00")
    assert lines["import_fees"] == Decimal("21.50")  # only the harbor fee
    assert q.price.amount == Decimal("21127.68")  # 20,306.18 + 800 + 21.50


def test_quote_table_and_lines_are_bilingual(data, fx):
    q = quote(plates(), "FOB", "US", "MXN", ON, fx, data=data)
    assert q.lines.loc[0, "name_es"] == "costo de producción"
    assert q.lines.loc[0, "name_en"] == "production cost"
    assert list(q.table().columns) == ["Concepto", "Quién paga", "Importe", "Cálculo"]
    assert q.table("en").iloc[0, 1] == "seller"
    assert q.place == "Veracruz"


def test_the_pro_forma_html_lists_lines_total_and_buyer_costs(data, fx):
    ship = plates()
    product = Product("Plato <azul> & blanco", "talavera", "100", "1", ("20", "20", "10"))
    ship = Shipment(product, 100, overhead_rate="0.10", margin_rate="0.20")
    q = quote(ship, "CIF", "US", "MXN", ON, fx, data=data)
    es, en = q.to_html(), q.to_html("en")
    assert "Cotización pro forma" in es and "Pro-forma quote" in en
    assert "CIF Houston" in en
    assert "$19,263.57 MXN" in en
    assert "Plato &lt;azul&gt; &amp; blanco" in en
    assert "Costs borne by the buyer" in en


# -- bad input ------------------------------------------------------------------------

def test_unknown_market_is_refused(data, fx):
    with language("en"), pytest.raises(InputError, match=r"'market' must be one of .*'JP'"):
        quote(plates(), "FOB", "JP", "USD", ON, fx, data=data)


def test_unknown_rule_is_refused(data, fx):
    with pytest.raises(InputError, match="'rule'"):
        quote(plates(), "FOX", "US", "USD", ON, fx, data=data)


def test_negative_cost_is_refused():
    with language("en"), pytest.raises(InputError,
                                       match=r"'unit_cost' must be zero or more \(got '-1'\)"):
        Product("Plato", "talavera", "-1", "1")


def test_units_must_be_a_positive_whole_number():
    product = Product("Plato", "talavera", "100", "1")
    for bad in (0, -3, 2.5, True):
        with pytest.raises(InputError, match="'units'"):
            Shipment(product, bad)


def test_courier_quote_needs_dimensions(fx):
    honey = Product("Miel", "honey", "90", "1.2")
    with language("en"), pytest.raises(InputError, match="needs the package dimensions"):
        quote(Shipment(honey, 2, mode="courier"), "DDP", "US", "USD", ON, fx)


def test_product_without_a_tariff_line_is_refused(fx):
    rugs = Product("Tapete", "wool_rug", "500", "3", ("100", "50", "5"))
    with language("en"), pytest.raises(InputError, match="no example tariff line for 'wool_rug'"):
        quote(Shipment(rugs, 2, mode="courier"), "DDP", "US", "USD", ON, fx)


def test_a_quote_after_the_tables_validity_warns(fx):
    # the US fees (MPF floor and cap) are valid until 2026-09-30
    late = default_rates().with_rate("USD", "2026-10-15", "20")
    with pytest.warns(StaleTableWarning, match="2026-09-30"):
        quote(plates(), "DDP", "US", "USD", "2026-10-15", late)


def test_old_tables_warn_past_a_configurable_age(data, fx, tmp_path):
    path = tmp_path / "freight.csv"
    path.write_text(FREIGHT, encoding="utf-8")
    strict = ExportData.from_files(freight=path, max_age_days=30)
    with pytest.warns(StaleTableWarning, match="días"):
        quote(plates(), "FOB", "CA", "USD", ON, fx, data=strict)  # tariffs from 2026-01-01
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        quote(plates(), "FOB", "CA", "USD", ON, fx, data=data)  # default 365 days: quiet


def test_platform_fee_must_be_below_one(data, fx):
    with pytest.raises(InputError, match="'platform_fee'"):
        quote(plates(), "FOB", "US", "USD", ON, fx, platform_fee="1.2", data=data)


def test_the_basis_of_each_line_reads_in_the_language_asked(data, fx):
    q = quote(plates(), "DDP", "US", "MXN", ON, fx, data=data)
    en = q.table("en").set_index("Cost line")["Basis"]
    es = q.table("es").set_index("Concepto")["Cálculo"]
    assert en["duty"] == ("19.8% of the customs value 17,200.00 MXN (transaction value, "
                          "excluding international freight and insurance); tariff line "
                          "6912.00.48; agreement: -")
    assert es["arancel"].startswith("19.8% sobre el valor en aduana 17,200.00 MXN (valor de "
                                    "transacción")
