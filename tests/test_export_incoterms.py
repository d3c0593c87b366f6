"""Incoterms 2020 as data: who pays each cost line, where the risk passes, which modes."""

from __future__ import annotations

import itertools

import pytest

from mipyme.errors import InputError
from mipyme.export import LINES, RULES, SEA_ONLY, check_rule, payer, who_pays
from mipyme.export.incoterms import incoterm_table
from mipyme.i18n import language
from mipyme.tables import read_table


def test_the_table_has_one_row_per_rule_and_cost_line():
    frame = read_table("incoterms")
    assert len(RULES) == 11
    assert len(frame) == len(RULES) * len(LINES)
    assert set(zip(frame["rule"], frame["line"], strict=True)) == {
        (r, x) for r in RULES for x in LINES}
    assert set(frame["payer"]) == {"seller", "buyer"}


def test_sea_only_rules_are_fas_fob_cfr_cif():
    table = incoterm_table()
    assert {r for r in RULES if table.mode[r] == "sea"} == set(SEA_ONLY) == {
        "FAS", "FOB", "CFR", "CIF"}


def test_exw_leaves_everything_but_the_goods_and_packing_to_the_buyer():
    # EXW = cost + overhead + margin + export packing; the buyer even loads the truck.
    seller = [x for x in LINES if payer("EXW", x) == "seller"]
    assert seller == ["product_cost", "overhead", "margin", "export_packing"]


def test_only_dpu_makes_the_seller_unload_and_only_ddp_makes_him_pay_duty():
    assert [r for r in RULES if payer(r, "unloading") == "seller"] == ["DPU"]
    assert [r for r in RULES if payer(r, "duty") == "seller"] == ["DDP"]
    assert [r for r in RULES if payer(r, "import_taxes") == "seller"] == ["DDP"]


def test_export_clearance_is_the_sellers_except_under_exw():
    assert [r for r in RULES if payer(r, "export_clearance") == "buyer"] == ["EXW"]


def test_insurance_is_the_sellers_under_cif_cip_and_the_d_rules():
    assert {r for r in RULES if payer(r, "insurance") == "seller"} == {
        "CIF", "CIP", "DAP", "DPU", "DDP"}
    table = incoterm_table()
    assert table.cover["CIF"] == "C"
    assert table.cover["CIP"] == "A"


def test_main_carriage_is_paid_by_the_seller_in_c_and_d_rules_only():
    assert {r for r in RULES if payer(r, "international_freight") == "seller"} == {
        "CPT", "CIP", "CFR", "CIF", "DAP", "DPU", "DDP"}


def test_the_price_ladder_only_adds_lines():
    seller = incoterm_table().seller_lines
    chain = ["EXW", "FCA", "FAS", "FOB", "CFR", "CIF", "DAP", "DDP"]
    for cheaper, dearer in itertools.pairwise(chain):
        assert set(seller[cheaper]) < set(seller[dearer]), (cheaper, dearer)
    assert set(seller["CPT"]) == set(seller["CFR"])
    assert set(seller["DAP"]) < set(seller["DPU"])


def test_risk_passes_on_board_for_fob_cfr_cif_and_at_destination_for_d_rules():
    risk = incoterm_table().risk
    assert {risk[r] for r in ("FOB", "CFR", "CIF")} == {"on_board"}
    assert risk["CPT"] == risk["CIP"] == "first_carrier"
    assert risk["DPU"] == "after_unloading"
    assert risk["DAP"] == risk["DDP"] == "destination"


@pytest.mark.parametrize(("rule", "instead"), [("FAS", "FCA"), ("FOB", "FCA"),
                                               ("CFR", "CPT"), ("CIF", "CIP")])
@pytest.mark.parametrize("mode", ["air", "courier"])
def test_sea_only_rules_refuse_other_modes_and_name_the_right_rule(rule, instead, mode):
    with language("en"), pytest.raises(InputError) as err:
        check_rule(rule, mode)
    assert str(err.value) == (f"{rule} is for sea or inland waterway transport only "
                              f"(got mode='{mode}', {mode} transport); use {instead} instead")
    assert check_rule(instead, mode) == instead


def test_unknown_rule_names_the_argument_and_the_value():
    with language("en"), pytest.raises(InputError, match=r"'rule' must be one of .*'FOT'"):
        check_rule("FOT")
    assert check_rule(" fob ", "sea") == "FOB"


def test_unknown_mode_is_refused():
    with pytest.raises(InputError, match="'mode'"):
        check_rule("FCA", "rail")


def test_who_pays_chart_speaks_both_languages():
    es = who_pays(["EXW", "DDP"])
    en = who_pays(["EXW", "DDP"], lang="en")
    assert es.loc["arancel", "DDP"] == "vendedor"
    assert en.loc["duty", "EXW"] == "buyer"
    assert len(en) == len(LINES) + 2
    assert en.loc["Transport modes", "EXW"] == "any mode"
