"""Loans: schedules that add up to the centavo, the yearly cost (CAT idea), comparisons."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mipyme.errors import InputError
from mipyme.finance.loans import (
    FREQUENCIES,
    LoanOffer,
    compare_loans,
    effective_annual_cost,
    loan_schedule,
    translate_loan_columns,
)
from mipyme.i18n import language
from mipyme.money import round_money

D = Decimal
START = "2026-02-02"


def test_declining_balance_by_hand():
    # 1,000.00 at 12 % a year, 3 monthly payments: i = 1 % a month,
    # payment = 1000 x 0.01 / (1 - 1.01^-3) = 340.022... -> 340.02.
    # Month 1: interest 10.00, principal 330.02, balance 669.98
    # Month 2: interest 6.6998 -> 6.70, principal 333.32, balance 336.66
    # Month 3: interest 3.3666 -> 3.37, principal 336.66 (all that is left): 340.03.
    s = loan_schedule("1000", "0.12", 3, start="2026-01-31")
    assert list(s["payment"]) == [D("340.02"), D("340.02"), D("340.03")]
    assert list(s["interest"]) == [D("10.00"), D("6.70"), D("3.37")]
    assert list(s["balance"]) == [D("669.98"), D("336.66"), D("0.00")]
    # Month ends: Jan 31 -> Feb 28 -> Mar 31 -> Apr 30.
    assert list(s["date"]) == [dt.date(2026, 2, 28), dt.date(2026, 3, 31),
                               dt.date(2026, 4, 30)]


def test_flat_rate_charges_interest_on_the_original_principal():
    # 1,000.00 flat at 52 % a year, 4 weekly payments: 1,000 x 0.52 x 4/52 = 40.00 of
    # interest, 10.00 every week even though the debt shrinks.
    s = loan_schedule("1000", "0.52", 4, frequency="weekly", method="flat", start=START)
    assert set(s["interest"]) == {D("10.00")}
    assert set(s["payment"]) == {D("260.00")}
    assert [d - dt.date(2026, 2, 2) for d in s["date"]] == [
        dt.timedelta(days=7 * k) for k in range(1, 5)]


def test_flat_last_payment_absorbs_rounding():
    # 1,000.00 / 3 = 333.33 a month; the last payment takes 333.34.
    s = loan_schedule("1000", "0", 3, method="global", start=START)
    assert list(s["principal"]) == [D("333.33"), D("333.33"), D("333.34")]
    assert s["balance"].iloc[-1] == D("0.00")


def test_catorcenal_is_every_14_days():
    s = loan_schedule("2600", "0.26", 2, frequency="catorcenal", start=START)
    assert s["date"].iloc[1] - s["date"].iloc[0] == dt.timedelta(days=14)
    assert s.attrs["periods_per_year"] == 26
    # first interest: 2,600 x 0.26 / 26 = 26.00
    assert s["interest"].iloc[0] == D("26.00")


def test_iva_on_interest_and_fees_are_in_the_payment():
    # Interest 10.00 in month 1 -> IVA 16 % = 1.60; a 5.00 fee each month.
    s = loan_schedule("1000", "0.12", 3, start="2026-01-31", iva_on_interest=True,
                      fee_per_payment="5")
    first = s.iloc[0]
    assert first["iva"] == D("1.60")
    assert first["fee"] == D("5.00")
    assert first["payment"] == first["interest"] + first["iva"] + first["fee"] + first[
        "principal"]


def test_bad_terms_name_the_argument():
    with pytest.raises(InputError) as err:
        loan_schedule("-5", "0.1", 3)
    assert "'principal'" in str(err.value)
    with pytest.raises(InputError, match="'periods'"):
        loan_schedule("1000", "0.1", 0)
    with pytest.raises(InputError, match="'annual_rate'"):
        loan_schedule("1000", "72", 3)  # 7,200 %: surely meant 0.72
    with pytest.raises(InputError, match="'method'"):
        loan_schedule("1000", "0.1", 3, method="aleman")


# -- yearly cost ---------------------------------------------------------------------------


def _present_value(schedule, cat, per_year):
    i = (1 + float(cat)) ** (1 / per_year) - 1
    return sum(float(p) / (1 + i) ** k for k, p in enumerate(schedule["payment"], start=1))


def test_cat_of_a_monthly_loan_by_hand():
    # 12 % a year monthly on the declining balance: 1.01^12 - 1 = 0.126825 -> 12.7 %.
    s = loan_schedule("10000", "0.12", 12, start=START)
    assert effective_annual_cost(s) == D("0.127")


def test_cat_counts_the_opening_fee():
    plain = loan_schedule("10000", "0.12", 12, start=START)
    with_fee = loan_schedule("10000", "0.12", 12, start=START, opening_fee="300")
    assert effective_annual_cost(with_fee) > effective_annual_cost(plain)
    # The definition: the payments discounted at the yearly cost equal the money received.
    cat = effective_annual_cost(with_fee)
    assert abs(_present_value(with_fee, cat, 12) - 9700) < 5


def test_microcredit_example_from_the_domain_notes():
    """Group loan of 10,000 at 72 % a year, 16 weekly payments (about 4 months).

    Declining balance: i = 0.72 / 52 = 1.3846 % a week; a year compounds it 52 times:
    (1 + 0.72/52)^52 - 1 = 1.0443, a CAT of about 104 % (fees, insurance and IVA on the
    interest would add the rest).

    Flat (interest on the original 10,000 every week): 10,000 x 0.72 x 16/52 = 2,215.38
    of interest, 763.46 a week. The average debt is only about half the loan, so the
    true cost is roughly 2n/(n+1) = 32/17 times the quoted rate, 135 % nominal, and
    (1 + 1.355/52)^52 - 1 = 2.8, i.e. more than double the declining-balance CAT.
    """
    declining = loan_schedule("10000", "0.72", 16, frequency="weekly", start=START)
    hand = (1 + D("0.72") / 52) ** 52 - 1
    cat = effective_annual_cost(declining)
    assert abs(cat - hand) <= D("0.002")
    assert D("0.9") < cat < D("1.2")  # "about 109 %" in the notes

    flat = loan_schedule("10000", "0.72", 16, frequency="weekly", method="flat", start=START)
    assert sum(flat["interest"]) == D("2215.38")
    assert flat["payment"].iloc[0] == D("763.46")
    flat_cat = effective_annual_cost(flat)
    assert flat_cat > 2 * cat
    assert D("2.0") < flat_cat < D("3.0")
    assert abs(_present_value(flat, flat_cat, 52) - 10000) < 5


def test_cat_needs_money_received():
    s = loan_schedule("1000", "0.1", 2, start=START)
    with pytest.raises(InputError):
        effective_annual_cost(s, upfront_fee="1000")


def test_compare_loans_adds_up():
    group = LoanOffer("grupal", "10000", "0.72", 16, frequency="weekly", method="flat")
    bank = LoanOffer("banco", "10000", "0.30", 12, opening_fee="250",
                     iva_on_interest=True)
    table = compare_loans(group, bank, start=START)
    assert list(table.index) == ["grupal", "banco"]
    for name in table.index:
        row = table.loc[name]
        assert row["cost"] == row["total_paid"] - row["principal"]
        assert row["cost"] == row["interest"] + row["iva"] + row["fees"]
    assert table.loc["grupal", "cat"] > table.loc["banco", "cat"]
    assert table.loc["banco", "fees"] == D("250.00")
    with pytest.raises(InputError):
        compare_loans()


def test_labels_come_from_the_catalog():
    s = loan_schedule("1000", "0.1", 2, start=START)
    es = list(translate_loan_columns(s).columns)
    with language("en"):
        en = list(translate_loan_columns(s).columns)
    assert es[:3] == ["periodo", "fecha", "pago"]
    assert en[:3] == ["period", "date", "payment"]


# -- every schedule repays exactly ------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(
    principal=st.integers(min_value=100, max_value=100_000_000).map(lambda c: D(c) / 100),
    rate=st.integers(min_value=0, max_value=20_000).map(lambda b: D(b) / 10_000),
    periods=st.integers(min_value=1, max_value=120),
    frequency=st.sampled_from(sorted(FREQUENCIES)),
    method=st.sampled_from(["declining", "flat"]),
    iva=st.booleans(),
    fee=st.sampled_from(["0", "5", "12.50"]),
)
def test_every_schedule_repays_principal_plus_interest(principal, rate, periods, frequency,
                                                       method, iva, fee):
    s = loan_schedule(principal, rate, periods, frequency=frequency, method=method,
                      start=START, iva_on_interest=iva, fee_per_payment=fee)
    assert len(s) == periods
    assert sum(s["principal"]) == principal
    assert s["balance"].iloc[-1] == D("0.00")
    assert all(b >= 0 for b in s["balance"])
    assert sum(s["payment"]) == principal + sum(s["interest"]) + sum(s["iva"]) + sum(s["fee"])
    assert all(x == round_money(x) for x in s["payment"])
    if method == "flat":
        per_year = FREQUENCIES[frequency][0]
        assert sum(s["interest"]) == round_money(principal * rate * periods / per_year)
