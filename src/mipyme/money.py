"""Money: exact amounts in a currency, one rounding rule, dated exchange rates.

Money is never a float. Amounts are :class:`decimal.Decimal`, rounded to centavos
half-up by :func:`round_money`, the one rounding rule of the kit.

>>> from mipyme.money import Money, round_money
>>> price = Money("199.90")
>>> price
Money('199.90', 'MXN')
>>> price * 3
Money('599.70', 'MXN')
>>> round_money("2.345")
Decimal('2.35')
>>> Money("10", "USD") + Money("5", "MXN")
Traceback (most recent call last):
...
mipyme.errors.InputError: no se pueden combinar USD y MXN sin convertir; usa .convert()

Floats that do not hold exact cents are refused, with the fix in the message:

>>> Money(0.1 + 0.2)
Traceback (most recent call last):
...
mipyme.errors.InputTypeError: 'amount' es un float que no representa centavos exactos (se recibió 0.30000000000000004); usa Decimal('0.30') o el texto '0.30'
"""

from __future__ import annotations

import bisect
import datetime as dt
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache, total_ordering
from pathlib import Path

import pandas as pd

from mipyme.errors import InputError, InputTypeError
from mipyme.tables import parse_date, read_table

__all__ = [
    "CENT",
    "CURRENCIES",
    "ZERO",
    "ExchangeRates",
    "Money",
    "StaleRateWarning",
    "amount_arg",
    "as_decimal",
    "chart_amount",
    "check_currency",
    "count_arg",
    "default_rates",
    "pesos",
    "pesos_view",
    "round_money",
]

#: The smallest unit of every supported currency (all have two minor units).
CENT = Decimal("0.01")
ZERO = Decimal("0.00")


@cache
def _currency_table() -> pd.DataFrame:
    return read_table("currencies", required=("code", "name_es", "name_en", "symbol"))


def _currencies() -> tuple[str, ...]:
    return tuple(_currency_table()["code"])


#: ISO codes the kit knows (MXN, USD, EUR, CAD), from ``data/currencies.csv``.
CURRENCIES: tuple[str, ...] = _currencies()


def check_currency(code: object, arg: str = "currency") -> str:
    """Return ``code`` if it is a known currency, else raise naming the argument.

    >>> check_currency("USD")
    'USD'
    >>> check_currency("usd")
    'USD'
    >>> check_currency("BTC", arg="to")
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'to' debe ser una moneda conocida ('MXN', 'USD', 'EUR', 'CAD') (se recibió 'BTC')
    """
    if isinstance(code, str) and code.upper() in CURRENCIES:
        return code.upper()
    raise InputError("errors.unknown_currency", arg=arg, choices=CURRENCIES, value=code)


def as_decimal(value: object, arg: str = "amount", *, places: int | None = 2) -> Decimal:
    """Turn ``value`` into an exact ``Decimal``, refusing floats that would lose cents.

    ``places`` is how many decimals a float may carry and still be accepted (``None``:
    floats are refused outright). Integers, texts and Decimals are always exact.

    >>> as_decimal("19.99")
    Decimal('19.99')
    >>> as_decimal(19.99)
    Decimal('19.99')
    >>> as_decimal(0.16, arg="rate", places=4)
    Decimal('0.16')
    >>> as_decimal("doce", arg="price")
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'price' debe ser un número (se recibió 'doce')
    """
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, bool):
        raise InputTypeError("errors.not_a_number", arg=arg, value=value)
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip().replace(",", ""))
        except InvalidOperation:
            raise InputError("errors.not_a_number", arg=arg, value=value) from None
    elif isinstance(value, float):
        if places is None:
            raise InputTypeError("errors.float_not_allowed", arg=arg, value=value)
        text = Decimal(repr(value))
        quantum = Decimal(1).scaleb(-places)
        hint = text.quantize(quantum, rounding=ROUND_HALF_UP)
        if text != hint:
            raise InputTypeError("errors.float_loses_cents", arg=arg, value=value,
                                 hint=str(hint))
        result = text
    elif hasattr(value, "item") and not isinstance(value, (list, tuple)):  # numpy scalars
        return as_decimal(value.item(), arg, places=places)
    else:
        raise InputTypeError("errors.not_a_number", arg=arg, value=value)
    if not result.is_finite():
        raise InputError("errors.not_a_number", arg=arg, value=value)
    return result


def amount_arg(value: object, arg: str, *, positive: bool = False,
               places: int | None = 2) -> Decimal:
    """An exact, non-negative (or with ``positive``, greater than zero) number for ``arg``.

    The one check every model uses where an amount, a weight or a rate enters: it accepts
    ``Money`` (its amount), Decimals, integers, texts and floats that hold ``places``
    decimals exactly, and names the argument, the rule and the value when it refuses.

    >>> amount_arg("12.50", "price")
    Decimal('12.50')
    >>> amount_arg(Money("3"), "fee")
    Decimal('3.00')
    >>> amount_arg(0, "price", positive=True)
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'price' debe ser mayor que cero (se recibió 0)
    """
    number = value.amount if isinstance(value, Money) else as_decimal(value, arg, places=places)
    if positive and number <= 0:
        raise InputError("errors.positive", arg=arg, value=value)
    if number < 0:
        raise InputError("errors.not_negative", arg=arg, value=value)
    return number


def count_arg(value: object, arg: str, *, minimum: int = 0, strict: bool = False) -> int:
    """A whole number of things (units, days, periods) for ``arg``: the one check the kit uses.

    Accepts integers and integral texts or Decimals (``"12"``, ``Decimal("12")``); refuses
    ``True``, fractions and floats that are not whole, naming the rule each breaks. With
    ``strict`` (settings written in code, such as the grader's limits), only an ``int`` is a
    whole number.

    >>> count_arg("12", "units", minimum=1)
    12
    >>> count_arg(2.5, "units", minimum=1)
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'units' debe ser un número entero (se recibió 2.5)
    >>> count_arg(0, "units", minimum=1)
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'units' debe ser mayor que cero (se recibió 0)
    """
    if isinstance(value, bool) or (strict and not isinstance(value, int)):
        raise InputError("errors.whole_number", arg=arg, value=value)
    if isinstance(value, int):
        number = value
    else:
        try:
            exact = Decimal(str(value).strip()) if isinstance(value, (str, float, Decimal)) \
                else None
        except InvalidOperation:
            exact = None
        if exact is None or not exact.is_finite() or exact != exact.to_integral_value():
            raise InputError("errors.whole_number", arg=arg, value=value)
        number = int(exact)
    if number < minimum:
        if minimum == 1:
            raise InputError("errors.positive", arg=arg, value=value)
        if minimum == 0:
            raise InputError("errors.not_negative", arg=arg, value=value)
        raise InputError("errors.at_least", arg=arg, minimum=minimum, value=value)
    return number


def pesos(cents: object) -> Decimal:
    """Centavos (a whole number, as the simulators count) as an exact amount of pesos.

    >>> pesos(123456), pesos(-5)
    (Decimal('1234.56'), Decimal('-0.05'))
    """
    return Decimal(int(cents)).scaleb(-2)


def pesos_view(frame: pd.DataFrame, currency: str = "MXN") -> pd.DataFrame:
    """A simulator table for people: every ``*_cents`` column as ``Money``, named without it.

    Students never see centavos; the simulators count in them so every sum is exact.

    >>> view = pesos_view(pd.DataFrame({"day": [1], "sales_cents": [123456]}))
    >>> list(view.columns), view.loc[0, "sales"]
    (['day', 'sales'], Money('1234.56', 'MXN'))
    """
    out = frame.copy()
    renames = {}
    for column in frame.columns:
        if isinstance(column, str) and column.endswith("_cents"):
            out[column] = [Money.from_cents(v, currency) for v in frame[column]]
            renames[column] = column.removesuffix("_cents")
    return out.rename(columns=renames)


def chart_amount(value: object, arg: str = "amount") -> Decimal:
    """A number to draw, as exact centavos: ``Money`` (its amount), a Decimal, a text, or any
    float (a pandas column drawn on a chart), rounded half-up to centavos; negative allowed.

    >>> chart_amount(Money("3")), chart_amount(0.1 + 0.2), chart_amount("-12.345")
    (Decimal('3.00'), Decimal('0.30'), Decimal('-12.35'))
    """
    if isinstance(value, Money):
        return value.amount
    if isinstance(value, float) or type(value).__module__ == "numpy":
        value = as_decimal(repr(float(value)), arg, places=None)
    return round_money(as_decimal(value, arg, places=10))


def round_money(value: object) -> Decimal:
    """Round to centavos, half-up: the one rounding rule of the kit.

    Half-up (``ROUND_HALF_UP``) is how a receipt is rounded by hand in Mexico:
    0.005 goes up to 0.01. Python's own ``round`` rounds half to even; we do not use it.

    >>> round_money("0.005"), round_money("0.0049"), round_money("-0.005")
    (Decimal('0.01'), Decimal('0.00'), Decimal('-0.01'))
    """
    return as_decimal(value, "amount", places=10).quantize(CENT, rounding=ROUND_HALF_UP)


@total_ordering
@dataclass(frozen=True, slots=True, init=False)
class Money:
    """An exact amount of money in one currency, always rounded to centavos.

    >>> Money(100, "usd")
    Money('100.00', 'USD')
    >>> Money("1234.5").format("es")
    '$1,234.50 MXN'
    >>> Money("-3", "EUR").format("en")
    '-€3.00 EUR'
    >>> Money("10") / 3
    Money('3.33', 'MXN')
    >>> Money("10") / Money("4")
    Decimal('2.5')
    """

    amount: Decimal
    currency: str

    def __init__(self, amount: object = 0, currency: str = "MXN") -> None:
        object.__setattr__(self, "currency", check_currency(currency))
        object.__setattr__(self, "amount", round_money(as_decimal(amount, "amount")))

    # -- construction -----------------------------------------------------------
    @classmethod
    def zero(cls, currency: str = "MXN") -> Money:
        """No money, in ``currency``."""
        return cls(0, currency)

    @classmethod
    def sum(cls, items: Iterable[Money], currency: str = "MXN") -> Money:
        """Add up ``items`` (all in one currency); an empty list gives zero ``currency``.

        >>> Money.sum([Money("1.10"), Money("2.20")])
        Money('3.30', 'MXN')
        """
        total = cls.zero(currency)
        first = True
        for item in items:
            if first:
                total = cls.zero(item.currency)
                first = False
            total = total + item
        return total

    # -- arithmetic -------------------------------------------------------------
    def _same(self, other: object) -> Money:
        if not isinstance(other, Money):
            raise InputTypeError("errors.not_a_number", arg="other", value=other)
        if other.currency != self.currency:
            raise InputError("errors.currency_mismatch", left=self.currency,
                             right=other.currency)
        return other

    def __add__(self, other: Money) -> Money:
        if isinstance(other, int) and other == 0:  # lets sum() work
            return self
        return Money(self.amount + self._same(other).amount, self.currency)

    __radd__ = __add__

    def __sub__(self, other: Money) -> Money:
        return Money(self.amount - self._same(other).amount, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def __abs__(self) -> Money:
        return Money(abs(self.amount), self.currency)

    def __mul__(self, factor: object) -> Money:
        if isinstance(factor, Money):
            raise InputTypeError("errors.not_a_number", arg="factor", value=factor)
        return Money(self.amount * as_decimal(factor, "factor", places=6), self.currency)

    __rmul__ = __mul__

    def __truediv__(self, other: object) -> Money | Decimal:
        if isinstance(other, Money):
            return self.amount / self._same(other).amount
        divisor = as_decimal(other, "divisor", places=6)
        if divisor == 0:
            raise InputError("errors.positive", arg="divisor", value=other)
        return Money(self.amount / divisor, self.currency)

    def __lt__(self, other: Money) -> bool:
        return self.amount < self._same(other).amount

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        return self.currency == other.currency and self.amount == other.amount

    def __hash__(self) -> int:
        return hash((self.amount, self.currency))

    def __bool__(self) -> bool:
        return self.amount != 0

    # -- display ----------------------------------------------------------------
    def __repr__(self) -> str:
        return f"Money('{self.amount}', '{self.currency}')"

    def __str__(self) -> str:
        return self.format()

    @classmethod
    def from_cents(cls, cents: object, currency: str = "MXN") -> Money:
        """Money from a whole number of centavos (cents), as the simulators keep it.

        >>> Money.from_cents(123456)
        Money('1234.56', 'MXN')
        """
        return cls(pesos(cents), currency)

    def format(self, lang: str | None = None) -> str:
        """Text for a person: symbol, thousands separator, two decimals and the code.

        Mexico writes amounts like English does (``1,234.50``), so both languages
        use the same digits; only surrounding words differ elsewhere.
        """
        row = _currency_table().set_index("code").loc[self.currency]
        sign = "-" if self.amount < 0 else ""
        return f"{sign}{row['symbol']}{abs(self.amount):,.2f} {self.currency}"

    def __float__(self) -> float:
        """For charts and pandas only; never compute money with the float."""
        return float(self.amount)

    # -- conversion -------------------------------------------------------------
    def convert(self, to: str, on: object, rates: ExchangeRates | None = None) -> Money:
        """This amount in currency ``to`` at the rate in force on date ``on``.

        >>> Money(100, "USD").convert("MXN", on="2026-01-21")
        Money('1745.20', 'MXN')
        """
        to = check_currency(to, "to")
        if to == self.currency:
            return self
        rate = (rates or default_rates()).rate(self.currency, to, on)
        return Money(self.amount * rate, to)


class StaleRateWarning(UserWarning):
    """The newest exchange rate found is older than the table's ``max_age_days``."""


class ExchangeRates:
    """A dated table of pesos per unit of each currency; any pair converts through MXN.

    The rate used for a date is the latest one published on or before it.

    >>> fx = default_rates()
    >>> fx.rate("USD", "MXN", "2026-01-21")
    Decimal('17.4520')
    >>> fx.rate("MXN", "USD", "2026-01-21")
    Decimal('0.057300')
    >>> fx.rate("USD", "MXN", "2019-01-01")
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: no hay tipo de cambio USD->MXN en o antes de 2019-01-01 (la tabla empieza en 2020-03-23)
    """

    #: Decimal places kept for derived rates (inverse and cross rates).
    PLACES = 6

    def __init__(self, table: pd.DataFrame, *, max_age_days: int | None = 400) -> None:
        for column in ("date", "currency", "mxn_per_unit"):
            if column not in table.columns:
                raise InputError("errors.data_missing_column", file="exchange rates",
                                 column=column)
        frame = table.copy()
        frame["date"] = [parse_date(d, "date") for d in frame["date"]]
        frame["currency"] = [check_currency(c, "currency") for c in frame["currency"]]
        for i, value in enumerate(frame["mxn_per_unit"], start=2):
            if not isinstance(value, Decimal) or value <= 0:
                raise InputError("errors.data_bad_value", file="exchange rates", row=i,
                                 column="mxn_per_unit", problem="must be > 0 / debe ser > 0",
                                 value=value)
        self.table = frame.sort_values(["currency", "date"]).reset_index(drop=True)
        self.max_age_days = max_age_days
        self._series = {
            code: (list(group["date"]), list(group["mxn_per_unit"]))
            for code, group in self.table.groupby("currency", sort=False)
        }

    @classmethod
    def from_csv(cls, path: str | Path | None = None, **kwargs: object) -> ExchangeRates:
        """Read a table with ``date, currency, mxn_per_unit, source, as_of`` columns."""
        table = read_table(path or "exchange_rates", required=("date", "currency"),
                           decimals=("mxn_per_unit",), dates=("as_of", "date"))
        return cls(table, **kwargs)

    def mxn_per_unit(self, currency: str, on: object) -> Decimal:
        """Pesos for one unit of ``currency`` on date ``on`` (1 for MXN)."""
        currency = check_currency(currency)
        day = parse_date(on, "on")
        if currency == "MXN":
            return Decimal(1)
        dates, values = self._series.get(currency, ([], []))
        i = bisect.bisect_right(dates, day)
        if i == 0:
            raise InputError("errors.no_rate", base=currency, quote="MXN", on=day,
                             first=dates[0] if dates else "-")
        found = dates[i - 1]
        if self.max_age_days is not None and (day - found).days > self.max_age_days:
            warnings.warn(
                StaleRateWarning(_stale_text(currency, found, day)), stacklevel=3)
        return values[i - 1]

    def rate(self, base: str, quote: str, on: object) -> Decimal:
        """Units of ``quote`` for one unit of ``base`` on date ``on``."""
        base, quote = check_currency(base, "base"), check_currency(quote, "quote")
        if base == quote:
            return Decimal(1)
        try:
            b = self.mxn_per_unit(base, on)
            q = self.mxn_per_unit(quote, on)
        except InputError as err:
            if err.key == "errors.no_rate":
                raise InputError("errors.no_rate", base=base, quote=quote,
                                 on=err.params["on"], first=err.params["first"]) from None
            raise
        if quote == "MXN":
            return b
        return (b / q).quantize(Decimal(1).scaleb(-self.PLACES), rounding=ROUND_HALF_UP)

    def with_rate(self, currency: str, on: object, mxn_per_unit: object,
                  source: str = "scenario") -> ExchangeRates:
        """A new table with one more rate (for scenarios: 'the peso at 20')."""
        row = {"date": parse_date(on, "on"), "currency": check_currency(currency),
               "mxn_per_unit": as_decimal(mxn_per_unit, "mxn_per_unit", places=6),
               "source": source, "as_of": parse_date(on, "on")}
        if row["mxn_per_unit"] <= 0:
            raise InputError("errors.positive", arg="mxn_per_unit", value=mxn_per_unit)
        table = pd.concat([self.table, pd.DataFrame([row])], ignore_index=True)
        table = table.drop_duplicates(["currency", "date"], keep="last")
        return ExchangeRates(table, max_age_days=self.max_age_days)


def _stale_text(currency: str, found: dt.date, day: dt.date) -> str:
    from mipyme.i18n import t

    return t("errors.stale_rate", base=currency, quote="MXN", rate_date=found,
             days=(day - found).days, on=day)


@cache
def default_rates() -> ExchangeRates:
    """The packaged exchange-rate table (``data/exchange_rates.csv``)."""
    return ExchangeRates.from_csv()
