"""Hypothesis strategies shared by the property tests: amounts, dates, journals."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from hypothesis import strategies as st

from mipyme.finance import Transaction, credit, debit, default_chart

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
