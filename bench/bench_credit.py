"""Loan schedules per second: the kit's Decimal schedule vs a naive float loop.

The baseline is the plain float loop a student might write first (no rounding rule, no
DataFrame); the ratio says what exact centavos and a readable table cost.
"""

from __future__ import annotations

from mipyme.finance.loans import effective_annual_cost, loan_schedule
from timing import best_of

N = 200


def _naive(principal: float, rate: float, periods: int, per_year: int) -> list[tuple]:
    i = rate / per_year
    payment = principal * i / (1 - (1 + i) ** -periods)
    balance, rows = principal, []
    for k in range(1, periods + 1):
        interest = balance * i
        balance -= payment - interest
        rows.append((k, payment, interest, payment - interest, balance))
    return rows


def run():
    def kit():
        for _ in range(N):
            loan_schedule("10000", "0.72", 16, frequency="weekly", start="2026-02-02")

    def naive():
        for _ in range(N):
            _naive(10000.0, 0.72, 16, 52)

    kit_rate = N / best_of(kit)
    naive_rate = N / best_of(naive)
    yield "credit.schedule_16_weekly", kit_rate, "schedules/s"
    yield "credit.schedule_naive_float", naive_rate, "schedules/s"
    yield "credit.schedule_vs_naive", kit_rate / naive_rate, "ratio"
    schedule = loan_schedule("10000", "0.72", 16, frequency="weekly", start="2026-02-02")
    yield "credit.cat_solves", 50 / best_of(
        lambda: [effective_annual_cost(schedule) for _ in range(50)]), "solves/s"
