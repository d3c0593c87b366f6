"""Mexican taxes: IVA, RESICO and marketplace withholding (since 2020), worked by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mipyme.errors import InputError
from mipyme.finance.taxes import (
    add_iva,
    iva_payable,
    iva_rate,
    marketplace_withholding,
    resico_annual_check,
    resico_brackets,
    resico_monthly_isr,
    resico_rate,
    split_iva,
)
from mipyme.i18n import language
from mipyme.money import Money, round_money

D = Decimal
IN_2026 = "2026-01-21"
IN_2025 = "2025-06-30"

cents = st.integers(min_value=0, max_value=10**9).map(lambda c: D(c) / 100)


# -- IVA ----------------------------------------------------------------------------------


def test_general_iva_hand_example():
    # 1,160.00 paid at 16 %: net = 1,160 / 1.16 = 1,000.00 and IVA = 160.00.
    assert split_iva("1160.00", on=IN_2026) == (D("1000.00"), D("160.00"))
    assert add_iva("1000.00", on=IN_2026) == D("1160.00")


def test_split_keeps_every_centavo():
    # 99.90 / 1.16 = 86.1206... -> 86.12 net; IVA is what is left: 99.90 - 86.12 = 13.78.
    net, iva = split_iva("99.90", on=IN_2026)
    assert (net, iva) == (D("86.12"), D("13.78"))
    assert net + iva == D("99.90")


def test_border_rate_is_8_percent_until_the_decree_ends():
    # 1,080.00 in Tijuana in 2025 at 8 %: 1,000.00 + 80.00.
    assert iva_rate("border", on=IN_2025) == D("0.08")
    assert split_iva("1080", kind="border", on=IN_2025) == (D("1000.00"), D("80.00"))
    assert iva_rate("border", on="2025-12-31") == D("0.08")


def test_border_rate_in_2026_is_not_in_the_table_and_says_so():
    with pytest.raises(InputError) as err:
        iva_rate("border", on="2026-01-01")
    assert err.value.key == "finance.taxes.no_rate_in_force"
    assert "iva_rates.csv" in str(err.value)
    assert "2025-12-31" in str(err.value)


def test_zero_rate_kinds():
    for kind in ("export", "food", "medicine"):
        assert iva_rate(kind, on=IN_2026) == D("0.00")
        assert split_iva("500", kind=kind, on=IN_2026) == (D("500.00"), D("0.00"))


def test_iva_errors_name_the_argument():
    with pytest.raises(InputError) as err:
        iva_rate("luxury", on=IN_2026)
    assert err.value.key == "errors.one_of"
    with language("en"), pytest.raises(InputError, match="'gross' must be zero or more"):
        split_iva("-1", on=IN_2026)
    with pytest.raises(InputError, match="2009-12-31"):
        iva_rate("general", on="2009-12-31")


def test_money_in_money_out():
    net, iva = split_iva(Money("116", "MXN"), on=IN_2026)
    assert (net, iva) == (Money("100"), Money("16"))


@settings(max_examples=200, deadline=None)
@given(net=cents, kind=st.sampled_from(["general", "border", "export", "food"]))
def test_split_undoes_add(net, kind):
    gross = add_iva(net, kind=kind, on=IN_2025)
    assert split_iva(gross, kind=kind, on=IN_2025) == (net, gross - net)


@settings(max_examples=200, deadline=None)
@given(gross=cents, kind=st.sampled_from(["general", "border", "export"]))
def test_split_adds_back_to_the_gross(gross, kind):
    net, iva = split_iva(gross, kind=kind, on=IN_2025)
    assert net + iva == gross
    # net is within half a centavo of gross / (1 + r), so the IVA is within
    # 0.005 x (1 + r) < 0.006 of net x r.
    assert abs(iva - net * iva_rate(kind, on=IN_2025)) < D("0.006")


def test_iva_payable_and_balance_in_favour():
    # Charged 160.00 on sales, paid 48.00 on supplies: 112.00 to pay.
    owed = iva_payable("160.00", "48.00")
    assert owed.amount == D("112.00") and not owed.in_favor
    assert owed.label == "IVA a pagar"
    # Charged 40.00, paid 100.00: 60.00 in the business's favour, kept negative.
    with language("en"):
        favour = iva_payable("40", "100")
    assert favour.amount == D("-60.00") and favour.in_favor
    assert favour.label == "IVA balance in your favour"


# -- RESICO -----------------------------------------------------------------------------


@pytest.mark.parametrize(("income", "isr"), [
    ("0", "0.00"),
    ("25000.00", "250.00"),      # 1.0 % x 25,000.00; the limit belongs to the bracket
    ("25000.01", "275.00"),      # 1.1 % x 25,000.01 = 275.00011
    ("30000", "330.00"),         # 1.1 % on the WHOLE income, not only above 25,000
    ("83333.33", "1250.00"),     # 1.5 % x 83,333.33 = 1,249.99995
    ("100000", "2000.00"),       # 2.0 %
    ("3500000", "87500.00"),     # 2.5 %
])
def test_resico_monthly_isr_by_hand(income, isr):
    assert resico_monthly_isr(income, on=IN_2026) == D(isr)


def test_resico_brackets_table_matches_lisr_113e():
    table = resico_brackets(IN_2026)
    assert list(table["rate"]) == [D("0.0100"), D("0.0110"), D("0.0150"), D("0.0200"),
                                   D("0.0250")]
    assert table["up_to"].iloc[-1] == D("3500000.00")


def test_resico_above_the_monthly_limit_no_longer_applies():
    with pytest.raises(InputError) as err:
        resico_rate("3500000.01", on=IN_2026)
    assert err.value.key == "finance.taxes.resico_over_limit"


def test_resico_annual_limit_is_a_finding_with_the_month():
    # 12 months of 300,000 = 3,600,000 > 3,500,000: passed in December (cumulative
    # 3,300,000 after November).
    months = pd.Series(["300000"] * 12, index=[f"2026-{m:02d}" for m in range(1, 13)])
    findings = resico_annual_check(months, on=IN_2026)
    assert len(findings) == 1
    assert findings[0].level == "warning"
    assert findings[0].where == "2026-12"
    assert "3600000.00" in findings[0].message
    assert resico_annual_check(["290000"] * 12, on=IN_2026) == []  # 3,480,000


@settings(max_examples=100, deadline=None)
@given(income=st.integers(min_value=0, max_value=350_000_000).map(lambda c: D(c) / 100))
def test_resico_isr_is_between_1_and_2_5_percent(income):
    isr = resico_monthly_isr(income, on=IN_2026)
    assert round_money(income * D("0.01")) <= isr <= round_money(income * D("0.025"))


# -- marketplace withholding (since 2020-06-01) ------------------------------------------


def test_marketplace_with_rfc_by_hand():
    # Net 1,000.00; buyer pays 1,160.00; ISR 2.5 % = 25.00; IVA 8 % of the NET = 80.00
    # (half of the 160.00 IVA); the seller receives 1,160 - 25 - 80 = 1,055.00.
    w = marketplace_withholding("1000", has_rfc=True, on="2026-02-01")
    assert (w.iva_trasladado, w.gross, w.isr_withheld, w.iva_withheld, w.received) == (
        D("160.00"), D("1160.00"), D("25.00"), D("80.00"), D("1055.00"))
    assert w.iva_withheld * 2 == w.iva_trasladado


def test_marketplace_without_rfc_by_hand():
    # ISR 20 % = 200.00; IVA 16 % = 160.00 (all of it); receives 1,160 - 360 = 800.00.
    w = marketplace_withholding(Money("1000"), has_rfc=False, on="2026-02-01")
    assert (w.isr_withheld, w.iva_withheld, w.received) == (
        Money("200"), Money("160"), Money("800"))


def test_withholding_is_not_new_in_2026_only_its_isr_rate_is():
    # Platforms withhold since 2020-06-01 (LISR 113-A, LIVA 18-J). A 1,000.00 sale with an
    # RFC in 2025: ISR 1% = 10.00, IVA half of 160.00 = 80.00, the seller receives
    # 1,160 - 10 - 80 = 1,070.00. In 2026 ISR rises to 2.5% (LIF 2026 art. 25 fr. VI): 25.00.
    w2025 = marketplace_withholding("1000", True, on="2025-12-31")
    assert (w2025.isr_withheld, w2025.iva_withheld, w2025.received) == (
        D("10.00"), D("80.00"), D("1070.00"))
    assert marketplace_withholding("1000", True, on="2021-01-01").isr_withheld == D("10.00")
    assert marketplace_withholding("1000", True, on="2026-01-01").isr_withheld == D("25.00")
    # Before 2020-06-01 there was no withholding regime: the table says so.
    with pytest.raises(InputError) as err:
        marketplace_withholding("1000", True, on=dt.date(2020, 5, 31))
    assert err.value.key == "finance.taxes.no_rate_in_force"
    with pytest.raises(InputError):
        marketplace_withholding("1000", "sí", on=IN_2026)


def test_iva_withheld_is_half_of_the_iva_the_sale_carries():
    # A 1,000.00 sale in the northern border region in 2025, IVA at 8% = 80.00: the
    # platform withholds half of it, 40.00 (not 8% of the net price, which would be all).
    w = marketplace_withholding("1000", True, on=IN_2025, iva_kind="border")
    assert (w.iva_trasladado, w.iva_withheld) == (D("80.00"), D("40.00"))
    # Without an RFC, all of the IVA: 80.00.
    assert marketplace_withholding("1000", False, on=IN_2025,
                                   iva_kind="border").iva_withheld == D("80.00")


@pytest.mark.parametrize(("income", "isr", "withheld", "favour"), [
    # Chapter 15: Ernesto sells 40,000.00 of coffee in a month, all on platforms. RESICO:
    # 1.1% x 40,000 = 440.00; withheld 2.5% x 40,000 = 1,000.00; 560.00 in his favour.
    ("40000", "440.00", "1000.00", "560.00"),
    # 25,000.00: 1% = 250.00 against 625.00 withheld, 375.00 in his favour.
    ("25000", "250.00", "625.00", "375.00"),
    # Only in the top bracket (2.5%) do they match: 300,000.00 -> 7,500.00 both ways.
    ("300000", "7500.00", "7500.00", "0.00"),
])
def test_platform_withholding_usually_exceeds_resico_isr(income, isr, withheld, favour):
    on = "2026-03-01"
    w = marketplace_withholding(income, True, on=on, iva_kind="food")
    assert resico_monthly_isr(income, on=on) == D(isr)
    assert w.isr_withheld == D(withheld)
    assert w.isr_withheld - resico_monthly_isr(income, on=on) == D(favour)


@settings(max_examples=100, deadline=None)
@given(income=st.integers(min_value=0, max_value=350_000_000).map(lambda c: D(c) / 100))
def test_2026_withholding_is_never_below_resico_isr(income):
    on = "2026-03-01"
    assert (marketplace_withholding(income, True, on=on).isr_withheld
            >= resico_monthly_isr(income, on=on))


def test_roasted_coffee_is_food_at_zero_rate():
    # LIVA art. 2o.-A fr. I b): products intended for food, processed or not. A 590.00 bag
    # of roasted coffee carries no IVA; the table's source says so.
    assert add_iva("590.00", kind="food", on=IN_2026) == D("590.00")
    from mipyme.tables import read_table

    rates = read_table("iva_rates", required=("kind",))
    source = rates.loc[rates["kind"] == "food", "source"].iloc[0]
    assert "2o.-A fr. I b)" in source and "processed or not" in source


def test_marketplace_table_is_labelled_in_the_language_in_use():
    w = marketplace_withholding("1000", True, on=IN_2026)
    es = w.to_frame()
    with language("en"):
        en = w.to_frame()
    assert list(es.columns) != list(en.columns)
    assert list(es.iloc[:, 1]) == list(en.iloc[:, 1])
    assert "what the seller receives" in list(en.iloc[:, 0])


def test_no_iva_is_withheld_from_a_sale_taxed_at_zero():
    # 1,000 of coffee beans (0% IVA) sold with an RFC: ISR 2.5% = 25.00 is withheld,
    # but there is no IVA in the sale to withhold, so the seller receives 975.00.
    from mipyme.finance.taxes import marketplace_withholding

    w = marketplace_withholding("1000", has_rfc=True, on="2026-03-01", iva_kind="food")
    assert w.iva_withheld == Decimal("0.00")
    assert w.isr_withheld == Decimal("25.00")
    assert w.received == Decimal("975.00")


def test_the_southern_border_region_has_its_own_dated_row_and_no_invented_2026():
    # Decreto de estímulos fiscales región fronteriza sur, DOF 2020-12-30: 8% effective from
    # 2021-01-01 to 2025-12-31; the 2026 status is not in the table, so a 2026 sale is refused
    # with the table's periods named, never given a guessed rate.
    import datetime as dt

    from mipyme.errors import InputError
    from mipyme.finance import taxes

    assert taxes.iva_rate("border_south", dt.date(2021, 1, 1)) == Decimal("0.08")
    assert taxes.iva_rate("border_south", dt.date(2025, 12, 31)) == Decimal("0.08")
    with pytest.raises(InputError, match="2021-01-01"):
        taxes.iva_rate("border_south", dt.date(2026, 1, 1))
