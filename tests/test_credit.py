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


def test_a_four_week_loan_on_the_declining_balance_by_hand():
    # 1,000.00 at 52 % a year, 4 weekly payments: i = 0.52 / 52 = 1 % a week,
    # payment = 1000 x 0.01 / (1 - 1.01^-4) = 256.281... -> 256.28.
    # Week 1: interest 10.00, principal 246.28, balance 753.72
    # Week 2: interest 7.5372 -> 7.54, principal 248.74, balance 504.98
    # Week 3: interest 5.0498 -> 5.05, principal 251.23, balance 253.75
    # Week 4: interest 2.5375 -> 2.54, principal 253.75 (all that is left): 256.29.
    s = loan_schedule("1000", "0.52", 4, frequency="weekly", start=START)
    assert list(s["interest"]) == [D("10.00"), D("7.54"), D("5.05"), D("2.54")]
    assert list(s["principal"]) == [D("246.28"), D("248.74"), D("251.23"), D("253.75")]
    assert list(s["payment"]) == [D("256.28"), D("256.28"), D("256.28"), D("256.29")]
    # 1 % a week compounded 52 times: 1.01^52 - 1 = 0.6777 -> 67.8 %.
    assert effective_annual_cost(s) == D("0.678")


def test_iva_on_the_interest_of_the_four_week_loan_by_hand():
    # The same loan with 16 % IVA on each week's interest:
    # 10.00 x 0.16 = 1.60; 7.54 x 0.16 = 1.2064 -> 1.21; 5.05 x 0.16 = 0.808 -> 0.81;
    # 2.54 x 0.16 = 0.4064 -> 0.41. Each payment carries its IVA on top.
    s = loan_schedule("1000", "0.52", 4, frequency="weekly", start=START,
                      iva_on_interest=True)
    assert list(s["iva"]) == [D("1.60"), D("1.21"), D("0.81"), D("0.41")]
    assert list(s["payment"]) == [D("257.88"), D("257.49"), D("257.09"), D("256.70")]
    # Each week costs 1 % x 1.16 = 1.16 % of what is owed: 1.0116^52 - 1 = 0.8217 -> 82.2 %.
    assert effective_annual_cost(s) == D("0.822")
    # Without the IVA (how lenders publish the CAT) it is the 67.8 % of the plain loan.
    assert effective_annual_cost(s, without_iva=True) == D("0.678")
    with pytest.raises(InputError, match="'without_iva'"):
        effective_annual_cost(s, without_iva="no")


def test_group_loan_of_chapter_14():
    """Group loan of 10,000 at 72 % a year, 16 weekly payments (about 4 months).

    Declining balance (how such loans are quoted): i = 0.72 / 52 = 1.3846 % a week;
    a year compounds it 52 times: (1 + 0.72/52)^52 - 1 = 1.0443 -> 104.4 %.
    With 16 % IVA on the interest each week costs 0.72 x 1.16 / 52 = 1.6062 %:
    1.016062^52 - 1 = 1.2900 -> 129.0 %.

    Worst case, flat (interest on the original 10,000 every week): 10,000 x 0.72 x 16/52 =
    2,215.38 of interest, 763.46 a week; the debt averages about half the loan, so the
    cost is more than double: 253.4 % without IVA.
    """
    declining = loan_schedule("10000", "0.72", 16, frequency="weekly", start=START)
    assert effective_annual_cost(declining) == D("1.044")
    with_iva = loan_schedule("10000", "0.72", 16, frequency="weekly", start=START,
                             iva_on_interest=True)
    assert effective_annual_cost(with_iva) == D("1.290")
    assert effective_annual_cost(with_iva, without_iva=True) == D("1.044")
    # IVA = 16 % of the interest: 1,217.35 x 0.16 = 194.78 (to the centavo per week: 194.75).
    assert abs(sum(with_iva["iva"]) - D("1217.35") * D("0.16")) <= D("0.08")

    flat = loan_schedule("10000", "0.72", 16, frequency="weekly", method="flat", start=START)
    assert sum(flat["interest"]) == D("2215.38")
    assert flat["payment"].iloc[0] == D("763.46")
    flat_cat = effective_annual_cost(flat)
    assert flat_cat == D("2.534")
    assert flat_cat > 2 * effective_annual_cost(declining)
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
    # The group loan charges no IVA: its CAT without IVA is the same; the bank's is lower.
    assert table.loc["grupal", "cat_without_iva"] == table.loc["grupal", "cat"]
    assert table.loc["banco", "cat_without_iva"] < table.loc["banco", "cat"]
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
