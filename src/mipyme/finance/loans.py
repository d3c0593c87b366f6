"""Loans: payment schedules, what a loan really costs (the CAT idea) and comparing offers.

Two ways lenders charge interest:

* ``"declining"`` (sobre saldos insolutos, French/annuity): each period's interest is the
  periodic rate times what is still owed; the payment is the same every period.
* ``"flat"`` (tasa global, common in Mexican microcredit): interest is charged on the
  ORIGINAL principal for every period, even though the debt shrinks, so the same
  yearly "rate" costs much more.

The periodic rate is the yearly rate divided by the payments in a year (52 weekly, 26
biweekly/catorcenal, 12 monthly). Every amount is rounded with ``round_money``; the last
payment absorbs the rounding, so the payments repay exactly the principal plus the total
interest and the balance ends at 0.00.

Schedules are DataFrames with the columns ``period, date, payment, interest, iva, fee,
principal, balance`` (amounts are ``Decimal``); ``payment = interest + iva + fee +
principal``. :func:`translate_loan_columns` gives a copy with the column names in the
language in use.

>>> from mipyme.finance.loans import loan_schedule
>>> loan_schedule("1000", "0.12", 3, frequency="monthly", start="2026-01-31")
   period        date  payment  interest   iva   fee  principal  balance
0       1  2026-02-28   340.02     10.00  0.00  0.00     330.02   669.98
1       2  2026-03-31   340.02      6.70  0.00  0.00     333.32   336.66
2       3  2026-04-30   340.03      3.37  0.00  0.00     336.66     0.00
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from mipyme.errors import InputError
from mipyme.i18n import t
from mipyme.money import amount_arg, as_decimal, count_arg, round_money
from mipyme.tables import date_or_today

__all__ = [
    "FREQUENCIES",
    "METHODS",
    "SCHEDULE_COLUMNS",
    "LoanOffer",
    "compare_loans",
    "effective_annual_cost",
    "loan_schedule",
    "translate_loan_columns",
]

#: Payment frequencies: payments per year and days between payments (None: calendar month).
FREQUENCIES: dict[str, tuple[int, int | None]] = {
    "weekly": (52, 7),
    "biweekly": (26, 14),
    "monthly": (12, None),
}
_FREQUENCY_ALIASES = {"semanal": "weekly", "catorcenal": "biweekly", "mensual": "monthly"}

#: How interest is charged: on the declining balance or flat on the original principal.
METHODS: tuple[str, ...] = ("declining", "flat")
_METHOD_ALIASES = {"insolutos": "declining", "saldos_insolutos": "declining",
                   "global": "flat"}

#: Columns of a schedule, in order.
SCHEDULE_COLUMNS = ("period", "date", "payment", "interest", "iva", "fee", "principal", "balance")

_RATE_PLACE = Decimal("0.001")  # CAT shown to 0.1 %
_MAX_PERIODS = 1200
_MAX_RATE = Decimal(10)  # 1,000 % a year: above this the input is surely a typo


def _frequency(value: str) -> str:
    key = _FREQUENCY_ALIASES.get(value, value) if isinstance(value, str) else value
    if key not in FREQUENCIES:
        raise InputError("errors.one_of", arg="frequency", choices=tuple(FREQUENCIES),
                         value=value)
    return key


def _method(value: str) -> str:
    key = _METHOD_ALIASES.get(value, value) if isinstance(value, str) else value
    if key not in METHODS:
        raise InputError("errors.one_of", arg="method", choices=METHODS, value=value)
    return key


def _money_arg(value: object, arg: str, *, positive: bool = False) -> Decimal:
    return round_money(amount_arg(value, arg, positive=positive))


def _rate_arg(value: object, arg: str = "annual_rate") -> Decimal:
    rate = as_decimal(value, arg, places=6)
    if not 0 <= rate <= _MAX_RATE:
        raise InputError("errors.between", arg=arg, low=0, high=_MAX_RATE, value=value)
    return rate


def _periods_arg(value: object) -> int:
    value = count_arg(value, "periods", minimum=1)
    if value > _MAX_PERIODS:
        raise InputError("errors.between", arg="periods", low=1, high=_MAX_PERIODS,
                         value=value)
    return value


def _add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved ``months`` calendar months on; the 31st becomes the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _due_date(start: dt.date, frequency: str, k: int) -> dt.date:
    days = FREQUENCIES[frequency][1]
    return _add_months(start, k) if days is None else start + dt.timedelta(days=days * k)


def _split_payments(principal: Decimal, rate: Decimal, periods: int, per_year: int,
                    method: str) -> list[tuple[Decimal, Decimal]]:
    """(interest, principal) for each period; the last period takes what is left."""
    rows: list[tuple[Decimal, Decimal]] = []
    balance = principal
    if method == "flat":
        interest_left = round_money(principal * rate * periods / per_year)
        each_interest = round_money(interest_left / periods)
        each_principal = round_money(principal / periods)
        for k in range(1, periods + 1):
            last = k == periods
            interest = interest_left if last else min(each_interest, interest_left)
            paid = balance if last else min(each_principal, balance)
            rows.append((interest, paid))
            interest_left -= interest
            balance -= paid
        return rows
    i = rate / per_year
    if i == 0:
        payment = round_money(principal / periods)
    else:
        payment = round_money(principal * i / (1 - (1 + i) ** -periods))
    for k in range(1, periods + 1):
        interest = round_money(balance * i)
        paid = balance if k == periods else max(min(payment - interest, balance),
                                                Decimal("0.00"))
        rows.append((interest, paid))
        balance -= paid
    return rows


def loan_schedule(principal: object, annual_rate: object, periods: int, *,
                  frequency: str = "monthly", method: str = "declining",
                  start: object = None, fee_per_payment: object = 0,
                  iva_on_interest: bool = False, opening_fee: object = 0) -> pd.DataFrame:
    """The payment schedule of a loan, one row per payment.

    Parameters
    ----------
    principal:
        Amount lent, in pesos (> 0).
    annual_rate:
        Yearly interest rate as a fraction (``"0.72"`` for 72 %), before IVA.
    periods:
        Number of payments.
    frequency:
        ``"weekly"`` (semanal), ``"biweekly"`` (catorcenal, every 14 days) or ``"monthly"``.
    method:
        ``"declining"`` (saldos insolutos) or ``"flat"`` (tasa global on the original
        principal).
    start:
        Date the money is received (default: today); the first payment is one period later.
    fee_per_payment:
        A fixed fee added to each payment (IVA included, if any).
    iva_on_interest:
        Add IVA on the interest (in Mexico interest pays IVA, 16 % general rate on ``start``).
    opening_fee:
        Comisión por apertura paid when the money is received. It is not a row of the
        schedule; it is kept in ``schedule.attrs["opening_fee"]`` for
        :func:`effective_annual_cost`.

    Returns
    -------
    pandas.DataFrame
        Columns ``period, date, payment, interest, iva, fee, principal, balance``;
        ``attrs`` holds ``principal``, ``opening_fee``, ``periods_per_year``,
        ``frequency`` and ``method``.

    Examples
    --------
    A flat loan of 1,000.00 at 52 % a year, 4 weekly payments: interest is
    1,000 x 0.52 x 4 / 52 = 40.00 in total, 10.00 a week, plus 250.00 of principal.

    >>> s = loan_schedule("1000", "0.52", 4, frequency="weekly", method="flat",
    ...                   start="2026-03-02")
    >>> s[["date", "payment", "interest", "principal", "balance"]]
             date  payment  interest  principal  balance
    0  2026-03-09   260.00     10.00     250.00   750.00
    1  2026-03-16   260.00     10.00     250.00   500.00
    2  2026-03-23   260.00     10.00     250.00   250.00
    3  2026-03-30   260.00     10.00     250.00     0.00
    >>> loan_schedule("1000", "0.52", 4, frequency="diario")
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'frequency' debe ser uno de ('weekly', 'biweekly', 'monthly') (se recibió 'diario')
    """
    amount = _money_arg(principal, "principal", positive=True)
    rate = _rate_arg(annual_rate)
    periods = _periods_arg(periods)
    frequency, method = _frequency(frequency), _method(method)
    day = date_or_today(start, "start")
    fee = _money_arg(fee_per_payment, "fee_per_payment")
    opening = _money_arg(opening_fee, "opening_fee")
    if not isinstance(iva_on_interest, bool):
        raise InputError("errors.one_of", arg="iva_on_interest", choices=(True, False),
                         value=iva_on_interest)
    iva_share = Decimal(0)
    if iva_on_interest:
        from mipyme.finance.taxes import iva_rate

        iva_share = iva_rate("general", day)
    per_year = FREQUENCIES[frequency][0]
    balance = amount
    rows = []
    for k, (interest, paid) in enumerate(
            _split_payments(amount, rate, periods, per_year, method), start=1):
        iva = round_money(interest * iva_share)
        balance -= paid
        rows.append((k, _due_date(day, frequency, k), interest + iva + fee + paid, interest,
                     iva, fee, paid, balance))
    frame = pd.DataFrame(rows, columns=list(SCHEDULE_COLUMNS))
    frame.attrs.update(principal=amount, opening_fee=opening, periods_per_year=per_year,
                       frequency=frequency, method=method)
    return frame


def effective_annual_cost(schedule: pd.DataFrame, principal: object = None,
                          upfront_fee: object = None, *,
                          periods_per_year: int | None = None,
                          without_iva: bool = False) -> Decimal:
    """The yearly cost of a loan with everything paid: the teaching version of the CAT.

    Finds the rate ``i`` per period at which the money actually received
    (``principal - upfront_fee``) equals the present value of all the payments, then
    compounds it to a year: ``(1 + i) ** periods_per_year - 1``, rounded to 0.1 %
    (``Decimal('1.044')`` means 104.4 %). ``i`` is found by bisection.

    Banxico's CAT (Costo Anual Total) has its own exact rules (which fees count, day
    counts, IVA excluded); this function teaches the idea and will be close to, but not
    always equal to, a published CAT. Lenders publish the CAT *without* IVA; when the
    schedule charges IVA on the interest, ``without_iva=True`` leaves that IVA out (the
    published-style figure) and the default counts it (what the borrower really pays).

    Parameters
    ----------
    schedule:
        A schedule from :func:`loan_schedule` (its ``payment`` column is used).
    principal, upfront_fee:
        Default to ``schedule.attrs`` (the loan's principal and opening fee).
    periods_per_year:
        Defaults to ``schedule.attrs["periods_per_year"]``.
    without_iva:
        Leave the ``iva`` column out of the payments (the CAT "sin IVA" lenders publish).

    Examples
    --------
    A 12 % yearly loan paid monthly on the declining balance costs
    ``1.01 ** 12 - 1 = 12.7 %`` a year:

    >>> s = loan_schedule("10000", "0.12", 12, start="2026-01-15")
    >>> effective_annual_cost(s)
    Decimal('0.127')
    >>> effective_annual_cost(s, upfront_fee="300")
    Decimal('0.194')
    >>> effective_annual_cost(s, upfront_fee="10000")
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'principal - upfront_fee' debe ser mayor que cero (se recibió Decimal('0.00'))

    72 % a year on the declining balance with weekly payments compounds to
    ``(1 + 0.72 / 52) ** 52 - 1 = 104.4 %``; with 16 % IVA on the interest each week costs
    ``0.72 x 1.16 / 52`` and the year ``129.0 %``:

    >>> g = loan_schedule("10000", "0.72", 16, frequency="weekly", start="2026-02-02",
    ...                   iva_on_interest=True)
    >>> effective_annual_cost(g), effective_annual_cost(g, without_iva=True)
    (Decimal('1.290'), Decimal('1.044'))
    """
    if not isinstance(without_iva, bool):
        raise InputError("errors.one_of", arg="without_iva", choices=(True, False),
                         value=without_iva)
    attrs = schedule.attrs
    amount = _money_arg(attrs.get("principal") if principal is None else principal,
                        "principal", positive=True)
    fee = _money_arg(attrs.get("opening_fee", 0) if upfront_fee is None else upfront_fee,
                     "upfront_fee")
    per_year = periods_per_year if periods_per_year is not None else attrs.get(
        "periods_per_year")
    per_year = count_arg(per_year, "periods_per_year", minimum=1)
    received = amount - fee
    if received <= 0:
        raise InputError("errors.positive", arg="principal - upfront_fee", value=received)
    paid = schedule["payment"]
    if without_iva and "iva" in schedule.columns:
        paid = paid - schedule["iva"]
    payments = [float(p) for p in paid]
    i = _irr(payments, float(received))
    yearly = (1 + i) ** per_year - 1
    return Decimal(repr(yearly)).quantize(_RATE_PLACE, rounding=ROUND_HALF_UP)


def _irr(payments: list[float], received: float) -> float:
    """Rate per period where the payments' present value equals ``received`` (bisection)."""

    def present_value(i: float) -> float:
        return sum(p / (1 + i) ** k for k, p in enumerate(payments, start=1))

    low, high = (0.0, 1.0) if present_value(0.0) >= received else (-0.99, 0.0)
    while present_value(high) > received and high < 1e6:
        high *= 2
    for _ in range(200):
        middle = (low + high) / 2
        if present_value(middle) > received:
            low = middle
        else:
            high = middle
    return (low + high) / 2


@dataclass(frozen=True, slots=True)
class LoanOffer:
    """One loan offer to compare: who offers it and its terms.

    >>> LoanOffer("banco", "10000", "0.30", 12).principal
    Decimal('10000.00')
    """

    name: str
    principal: Decimal
    annual_rate: Decimal
    periods: int
    frequency: str = "monthly"
    method: str = "declining"
    opening_fee: Decimal = field(default=Decimal("0.00"))
    fee_per_payment: Decimal = field(default=Decimal("0.00"))
    iva_on_interest: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "principal",
                           _money_arg(self.principal, "principal", positive=True))
        object.__setattr__(self, "annual_rate", _rate_arg(self.annual_rate))
        object.__setattr__(self, "periods", _periods_arg(self.periods))
        object.__setattr__(self, "frequency", _frequency(self.frequency))
        object.__setattr__(self, "method", _method(self.method))
        object.__setattr__(self, "opening_fee", _money_arg(self.opening_fee, "opening_fee"))
        object.__setattr__(self, "fee_per_payment",
                           _money_arg(self.fee_per_payment, "fee_per_payment"))

    def schedule(self, start: object = None) -> pd.DataFrame:
        """This offer's payment schedule (see :func:`loan_schedule`).

        >>> LoanOffer("tanda", "900", "0", 3).schedule("2026-01-10")["payment"].tolist()
        [Decimal('300.00'), Decimal('300.00'), Decimal('300.00')]
        """
        return loan_schedule(self.principal, self.annual_rate, self.periods,
                             frequency=self.frequency, method=self.method, start=start,
                             fee_per_payment=self.fee_per_payment,
                             iva_on_interest=self.iva_on_interest,
                             opening_fee=self.opening_fee)


def compare_loans(*offers: LoanOffer, start: object = None) -> pd.DataFrame:
    """Offers side by side: payment, total paid, interest, IVA, fees and yearly cost (CAT).

    ``total_paid`` counts the opening fee; ``cost = total_paid - principal`` is what the
    loan costs in pesos; ``cat`` is :func:`effective_annual_cost` (a fraction) with
    everything paid, IVA on the interest included; ``cat_without_iva`` leaves that IVA out,
    as lenders publish it (equal to ``cat`` when the offer charges no IVA).

    >>> group = LoanOffer("grupal", "10000", "0.72", 16, frequency="weekly")
    >>> bank = LoanOffer("banco", "10000", "0.30", 4, opening_fee="200")
    >>> compare_loans(group, bank, start="2026-02-02")[["payment", "total_paid", "cost", "cat"]]
            payment total_paid     cost    cat
    offer
    grupal   701.08   11217.35  1217.35  1.044
    banco   2658.18   10832.72   832.72  0.484
    """
    if not offers:
        raise InputError("errors.positive", arg="len(offers)", value=0)
    rows = []
    for offer in offers:
        if not isinstance(offer, LoanOffer):
            raise InputError("errors.one_of", arg="offers", choices="LoanOffer(...)",
                             value=offer)
        s = offer.schedule(start)
        fees = sum(s["fee"], Decimal("0.00")) + offer.opening_fee
        total_paid = sum(s["payment"], Decimal("0.00")) + offer.opening_fee
        rows.append({
            "offer": offer.name,
            "principal": offer.principal,
            "payment": s["payment"].iloc[0],
            "periods": offer.periods,
            "frequency": offer.frequency,
            "method": offer.method,
            "total_paid": total_paid,
            "interest": sum(s["interest"], Decimal("0.00")),
            "iva": sum(s["iva"], Decimal("0.00")),
            "fees": fees,
            "cost": total_paid - offer.principal,
            "cat": effective_annual_cost(s),
            "cat_without_iva": effective_annual_cost(s, without_iva=True),
        })
    return pd.DataFrame(rows).set_index("offer")


def translate_loan_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of a schedule or comparison with its column names in the language in use.

    The frequency and the interest method in a comparison are translated as well.

    >>> s = loan_schedule("1000", "0.12", 2, start="2026-01-01")
    >>> list(translate_loan_columns(s).columns)
    ['periodo', 'fecha', 'pago', 'interés', 'IVA', 'comisión', 'capital', 'saldo']
    """
    names = {c: t(f"finance.loans.column.{c}") for c in frame.columns
             if f"finance.loans.column.{c}" in _catalog()}
    out = frame.copy()
    # The words in the cells too (``weekly``, ``flat``), so a Spanish table reads Spanish.
    for column in ("frequency", "method"):
        if column in out.columns:
            out[column] = [t(f"finance.loans.value.{v}")
                           if f"finance.loans.value.{v}" in _catalog() else v
                           for v in out[column]]
    out = out.rename(columns=names)
    if frame.index.name and f"finance.loans.column.{frame.index.name}" in _catalog():
        out.index.name = t(f"finance.loans.column.{frame.index.name}")
    return out


def _catalog() -> dict[str, dict[str, str]]:
    from mipyme.i18n import texts

    return texts()
