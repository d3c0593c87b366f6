"""Whole-centavo arithmetic on numpy arrays with the kit's one rounding rule (half-up).

Money in the simulator is ``int64`` centavos so a year of orders sums exactly and fast.
These helpers give, for every element, what :func:`mipyme.money.round_money` gives for one
amount (tested against it), without a Python loop.
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np

from mipyme.errors import InputError
from mipyme.money import as_decimal

#: Rates are kept as integer parts per million (6 decimals: 0.0349 -> 34_900).
PPM = 1_000_000


def to_cents(value: object, arg: str = "amount") -> int:
    """Whole centavos of an amount that must be exact to the cent."""
    amount = as_decimal(value, arg)
    cents = amount * 100
    if cents != cents.to_integral_value():
        raise InputError("errors.float_loses_cents", arg=arg, value=value,
                         hint=str(amount.quantize(Decimal("0.01"))))
    return int(cents)


def to_ppm(value: object, arg: str = "rate") -> int:
    """A rate as integer parts per million; more than 6 decimals is refused."""
    rate = as_decimal(value, arg, places=6)
    ppm = rate * PPM
    if ppm != ppm.to_integral_value():
        raise InputError("errors.not_a_number", arg=arg, value=value)
    return int(ppm)


def div_half_up(num: np.ndarray, den: int | np.ndarray) -> np.ndarray:
    """``num / den`` rounded half away from zero, for integer arrays (``den`` > 0)."""
    num = np.asarray(num, dtype=np.int64)
    sign = np.where(num < 0, -1, 1)
    return sign * ((2 * np.abs(num) + den) // (2 * np.asarray(den, dtype=np.int64)))


def mul_rate(cents: np.ndarray, ppm: int | np.ndarray) -> np.ndarray:
    """``cents * rate`` rounded half-up to whole centavos (rate in ppm)."""
    return div_half_up(np.asarray(cents, dtype=np.int64) * np.asarray(ppm, dtype=np.int64), PPM)


def net_of_rate(gross: np.ndarray, ppm: int | np.ndarray) -> np.ndarray:
    """The amount before a tax of ``rate`` included in ``gross``: ``gross / (1 + rate)``."""
    return div_half_up(np.asarray(gross, dtype=np.int64) * PPM,
                        PPM + np.asarray(ppm, dtype=np.int64))


def day_sum(day: np.ndarray, cents: np.ndarray, ndays: int) -> np.ndarray:
    """Exact int64 total of ``cents`` per day index (days outside ``0..ndays-1`` dropped)."""
    day = np.asarray(day, dtype=np.int64)
    keep = (day >= 0) & (day < ndays)
    out = np.zeros(ndays, dtype=np.int64)
    np.add.at(out, day[keep], np.asarray(cents, dtype=np.int64)[keep])
    return out


def split_even(total_cents: int, parts: int) -> np.ndarray:
    """Split ``total_cents`` into ``parts`` whole-centavo pieces that add up exactly."""
    base, extra = divmod(int(total_cents), parts)
    out = np.full(parts, base, dtype=np.int64)
    out[:extra] += 1
    return out
