"""Mexican taxes as data: IVA, RESICO monthly ISR and what marketplaces withhold.

Every rate comes from a dated table in ``mipyme/data`` (``iva_rates.csv``,
``resico_brackets.csv``, ``marketplace_withholding.csv``), each row with the dates it is
in force and its ``source``. A function asked about a date no row covers raises an
:class:`~mipyme.errors.InputError` that names the table, so an instructor knows which row
to add.

Amounts may be numbers (``Decimal``, ``int``, text) or :class:`~mipyme.money.Money`; the
answer comes back in the same kind, rounded to centavos with ``round_money``.

>>> from mipyme.finance.taxes import add_iva, split_iva
>>> add_iva("1000.00", on="2026-01-21")
Decimal('1160.00')
>>> split_iva("1160.00", on="2026-01-21")
(Decimal('1000.00'), Decimal('160.00'))
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache

import pandas as pd

from mipyme.errors import Finding, InputError, renamed
from mipyme.i18n import t
from mipyme.money import Money, as_decimal, round_money
from mipyme.tables import date_or_today, read_table

__all__ = [
    "IvaBalance",
    "MarketplaceWithholding",
    "add_iva",
    "iva_payable",
    "iva_rate",
    "marketplace_withholding",
    "resico_annual_check",
    "resico_brackets",
    "resico_monthly_isr",
    "resico_rate",
    "split_iva",
]

_DATES = ("as_of", "valid_from", "valid_to")


# -- reading the tables --------------------------------------------------------------


@cache
def _iva_table() -> pd.DataFrame:
    return read_table("iva_rates", required=("kind", "rate", "valid_from", "valid_to"),
                      decimals=("rate",), dates=_DATES)


@cache
def _resico_table() -> pd.DataFrame:
    return read_table("resico_brackets", required=("kind", "upper", "rate", "valid_from",
                                                   "valid_to"),
                      decimals=("upper", "rate"), dates=_DATES)


@cache
def _marketplace_table() -> pd.DataFrame:
    return read_table("marketplace_withholding",
                      required=("has_rfc", "isr_rate", "iva_share", "valid_from", "valid_to"),
                      decimals=("isr_rate", "iva_share", "iva_rate"), dates=_DATES)


def _day(on: object) -> dt.date:
    return date_or_today(on, "on")


def _in_force(frame: pd.DataFrame, day: dt.date, what: str, **where: object) -> pd.DataFrame:
    """Rows matching ``where`` whose ``valid_from <= day <= valid_to`` (empty = open)."""
    mask = pd.Series(True, index=frame.index)
    for column, value in where.items():
        mask &= frame[column] == value
    rows = frame[mask]
    live = [(start <= day) and (end is None or day <= end)
            for start, end in zip(rows["valid_from"], rows["valid_to"], strict=True)]
    found = rows[live]
    if found.empty:
        periods = "; ".join(f"{s} - {e or '...'}" for s, e in
                            zip(rows["valid_from"], rows["valid_to"], strict=True)) or "-"
        raise InputError("finance.taxes.no_rate_in_force", what=what, on=day,
                         file=frame.attrs.get("path", "?").rsplit("/", 1)[-1],
                         periods=periods)
    return found


def _amount(value: object, arg: str) -> tuple[Decimal, str | None]:
    """The amount of ``value`` and its currency (``None`` for a plain number)."""
    if isinstance(value, Money):
        return value.amount, value.currency
    return as_decimal(value, arg), None


def _like(amount: Decimal, currency: str | None) -> Decimal | Money:
    """``amount`` as Money in ``currency``, or as a rounded Decimal when there is none."""
    return Money(amount, currency) if currency else round_money(amount)


def _not_negative(value: object, arg: str) -> tuple[Decimal, str | None]:
    amount, currency = _amount(value, arg)
    if amount < 0:
        raise InputError("errors.not_negative", arg=arg, value=value)
    return amount, currency


# -- IVA -------------------------------------------------------------------------------


def iva_rate(kind: str = "general", on: object = None) -> Decimal:
    """The IVA rate of ``kind`` in force on date ``on`` (default: today).

    Kinds: ``general`` (16%), ``border`` (8% in the northern border region, decree in
    force through 2025-12-31; whether it was extended for 2026 must be checked in the
    DOF, so the table has no 2026 row), ``export`` (0%, LIVA art. 29), ``food`` (0%,
    LIVA art. 2o.-A fr. I b): products intended for food, processed or not, such as
    roasted coffee, with the exceptions the law lists) and ``medicine`` (0%).

    Parameters
    ----------
    kind:
        Which rate, one of the kinds in ``iva_rates.csv``.
    on:
        The date of the sale (``date`` or ``"YYYY-MM-DD"``).

    Examples
    --------
    >>> iva_rate("general", on="2026-01-21")
    Decimal('0.16')
    >>> iva_rate("border", on="2025-06-30")
    Decimal('0.08')
    >>> iva_rate("border", on="2026-01-21")
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: no hay tasa de IVA 'border' vigente el 2026-01-21 en iva_rates.csv (periodos en la tabla: 2019-01-01 - 2025-12-31); revisa la fuente y agrega una fila
    """
    return _iva_rate_on(kind, _day(on))


@lru_cache(maxsize=4096)
def _iva_rate_on(kind: str, day: dt.date) -> Decimal:
    """The lookup behind :func:`iva_rate`, kept per (kind, day): a simulated store asks for
    the same few rates thousands of times."""
    table = _iva_table()
    kinds = tuple(dict.fromkeys(table["kind"]))
    if kind not in kinds:
        raise InputError("errors.one_of", arg="kind", choices=kinds, value=kind)
    rows = _in_force(table, day, f"IVA '{kind}'", kind=kind)
    return rows.iloc[-1]["rate"]


def add_iva(net: object, kind: str = "general", on: object = None) -> Decimal | Money:
    """The price with IVA: ``net + round_money(net * rate)``.

    >>> add_iva("1000.00", on="2026-01-21")
    Decimal('1160.00')
    >>> add_iva(Money("250.00"), kind="export", on="2026-01-21")
    Money('250.00', 'MXN')
    >>> add_iva("-5", on="2026-01-21")
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'net' debe ser cero o más (se recibió '-5')
    """
    amount, currency = _not_negative(net, "net")
    rate = iva_rate(kind, on)
    amount = round_money(amount)
    return _like(amount + round_money(amount * rate), currency)


def split_iva(gross: object, kind: str = "general", on: object = None
              ) -> tuple[Decimal | Money, Decimal | Money]:
    """Split a price that includes IVA into ``(net, iva)``; the two add back to ``gross``.

    The net is ``round_money(gross / (1 + rate))`` and the IVA is what is left, so no
    centavo is lost: 1,160.00 at 16% is 1,000.00 + 160.00.

    >>> split_iva("1160.00", on="2026-01-21")
    (Decimal('1000.00'), Decimal('160.00'))
    >>> split_iva(Money("99.90"), on="2026-01-21")
    (Money('86.12', 'MXN'), Money('13.78', 'MXN'))
    """
    amount, currency = _not_negative(gross, "gross")
    amount = round_money(amount)
    rate = iva_rate(kind, on)
    net = round_money(amount / (1 + rate))
    return _like(net, currency), _like(amount - net, currency)


@dataclass(frozen=True, slots=True)
class IvaBalance:
    """IVA for a period: charged to customers (trasladado) minus paid to suppliers
    (acreditable).

    ``amount`` is positive when IVA is owed to the SAT and negative when it is a
    balance in the business's favour (saldo a favor); ``label`` says which, in the
    language in use when it was computed.

    >>> iva_payable("40.00", "100.00").in_favor
    True
    """

    trasladado: Decimal | Money
    acreditable: Decimal | Money
    amount: Decimal | Money
    label: str

    @property
    def in_favor(self) -> bool:
        """True when the SAT owes the business (saldo a favor)."""
        value = self.amount.amount if isinstance(self.amount, Money) else self.amount
        return value < 0

    def __str__(self) -> str:
        return f"{self.label}: {self.amount}"


def iva_payable(trasladado: object, acreditable: object) -> IvaBalance:
    """IVA to pay for a period: ``trasladado - acreditable`` (negative = saldo a favor).

    >>> iva_payable("160.00", "48.00")
    IvaBalance(trasladado=Decimal('160.00'), acreditable=Decimal('48.00'), amount=Decimal('112.00'), label='IVA a pagar')
    >>> print(iva_payable(Money("40.00"), Money("100.00")))
    saldo a favor de IVA: -$60.00 MXN
    """
    out, out_cur = _not_negative(trasladado, "trasladado")
    inp, in_cur = _not_negative(acreditable, "acreditable")
    currency = out_cur or in_cur
    if out_cur and in_cur and out_cur != in_cur:
        raise InputError("errors.currency_mismatch", left=out_cur, right=in_cur)
    balance = round_money(out) - round_money(inp)
    label = t("finance.taxes.iva_in_favor" if balance < 0 else "finance.taxes.iva_to_pay")
    return IvaBalance(_like(out, currency), _like(inp, currency), _like(balance, currency),
                      label)


# -- RESICO ------------------------------------------------------------------------------


def resico_brackets(on: object = None) -> pd.DataFrame:
    """The RESICO monthly brackets in force on ``on``: columns ``up_to`` and ``rate``.

    >>> resico_brackets("2026-01-21")
            up_to    rate
    0    25000.00  0.0100
    1    50000.00  0.0110
    2    83333.33  0.0150
    3   208333.33  0.0200
    4  3500000.00  0.0250
    """
    rows = _in_force(_resico_table(), _day(on), "RESICO", kind="monthly_bracket")
    frame = pd.DataFrame({"up_to": list(rows["upper"]), "rate": list(rows["rate"])})
    return frame.sort_values("up_to", key=lambda s: s.map(Decimal)).reset_index(drop=True)


def resico_rate(income: object, on: object = None) -> Decimal:
    """The RESICO rate for a month with ``income`` (the bracket's upper limit included).

    >>> resico_rate("25000.00", on="2026-01-21"), resico_rate("25000.01", on="2026-01-21")
    (Decimal('0.0100'), Decimal('0.0110'))
    >>> resico_rate("4000000", on="2026-01-21")
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'income' de 4000000 pasa el tope mensual de RESICO (3500000.00); con ese ingreso este régimen ya no aplica
    """
    amount, _ = _not_negative(income, "income")
    brackets = resico_brackets(on)
    for upper, rate in zip(brackets["up_to"], brackets["rate"], strict=True):
        if amount <= upper:
            return rate
    raise InputError("finance.taxes.resico_over_limit", arg="income", value=amount,
                     limit=brackets["up_to"].iloc[-1])


def resico_monthly_isr(income: object, on: object = None) -> Decimal | Money:
    """Monthly ISR in RESICO: the bracket's rate times the WHOLE monthly income.

    The rate is flat on all the month's income (not marginal like the general ISR
    table): 30,000.00 falls in the 1.1% bracket, so the ISR is 330.00.

    >>> resico_monthly_isr("30000", on="2026-01-21")
    Decimal('330.00')
    >>> resico_monthly_isr(Money("25000"), on="2026-01-21")
    Money('250.00', 'MXN')
    """
    amount, currency = _not_negative(income, "income")
    return _like(amount * resico_rate(amount, on), currency)


def resico_annual_check(monthly_incomes: Iterable[object] | pd.Series, on: object = None
                        ) -> list[Finding]:
    """Findings about a year in RESICO: a warning if income passes the yearly limit.

    ``monthly_incomes`` is a list or a Series (its index, e.g. month names, is used to
    say in which month the limit was passed). An empty list means no findings.

    >>> resico_annual_check(["250000"] * 12, on="2026-01-21")
    []
    >>> for f in resico_annual_check(["400000"] * 12, on="2026-01-21"):
    ...     print(f)
    WARNING finance.resico_over_annual_limit [9]: los ingresos del año suman 4800000.00, más que el tope de RESICO de 3500000.00 (se pasó en el periodo 9); este régimen ya no aplica
    """
    if isinstance(monthly_incomes, pd.Series):
        series = monthly_incomes
    else:
        values = list(monthly_incomes)
        series = pd.Series(values, index=range(1, len(values) + 1), dtype=object)
    rows = _in_force(_resico_table(), _day(on), "RESICO", kind="annual_limit")
    limit = rows.iloc[-1]["upper"]
    total = Decimal(0)
    crossed = None
    for where, value in series.items():
        amount, _ = _not_negative(value, "monthly_incomes")
        total += amount
        if crossed is None and total > limit:
            crossed = where
    if crossed is None:
        return []
    total = round_money(total)
    return [Finding("warning", "finance.resico_over_annual_limit",
                    t("finance.taxes.resico_over_annual_limit", total=total, limit=limit,
                      where=crossed), where=str(crossed))]


# -- marketplaces (since 2020-06-01) ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class MarketplaceWithholding:
    """What a marketplace withholds from one sale by an individual seller, and what is left.

    ``gross`` is what the buyer pays (net + IVA charged); ``received`` is what the seller
    gets: ``gross - isr_withheld - iva_withheld``.
    """

    net_sale: Decimal | Money
    iva_trasladado: Decimal | Money
    gross: Decimal | Money
    isr_withheld: Decimal | Money
    iva_withheld: Decimal | Money
    received: Decimal | Money
    has_rfc: bool

    @property
    def iva_charged(self) -> Decimal | Money:
        """Renamed :attr:`iva_trasladado`, as in :class:`IvaBalance` (warns, then answers)."""
        renamed("MarketplaceWithholding.iva_charged", "MarketplaceWithholding.iva_trasladado")
        return self.iva_trasladado

    def to_frame(self) -> pd.DataFrame:
        """The same numbers as a two-column table labelled in the language in use.

        >>> marketplace_withholding("1000", True, on="2026-03-01").to_frame()
                          concepto  importe
        0     venta sin IVA (neta)  1000.00
        1           IVA trasladado   160.00
        2     total que paga el cliente  1160.00
        3             ISR retenido    25.00
        4             IVA retenido    80.00
        5  lo que recibe el vendedor  1055.00
        """
        names = ("net_sale", "iva_trasladado", "gross", "isr_withheld", "iva_withheld",
                 "received")
        labels = {"iva_trasladado": "iva_charged"}  # the catalogue's key for its label
        return pd.DataFrame({
            t("finance.taxes.concept"): [t(f"finance.taxes.{labels.get(n, n)}") for n in names],
            t("finance.taxes.amount"): [getattr(self, n) for n in names],
        })


def marketplace_withholding(net_sale: object, has_rfc: bool, on: object = None, *,
                            iva_kind: str = "general") -> MarketplaceWithholding:
    """What a marketplace withholds from one sale by an individual: ISR and IVA.

    Platforms withhold since 2020-06-01 (LISR art. 113-A, LIVA art. 18-J). ISR is a
    share of the net price: with an RFC 1% from 2021 to 2025 and 2.5% from 2026-01-01
    (LIF 2026 art. 25 fr. VI). IVA withheld is a share of the IVA the sale carries: half
    with an RFC (8% of the net price at 16%), all of it without one; a sale at 0% (food,
    exports) carries none, so none is withheld. Rates by date from
    ``marketplace_withholding.csv``.

    Hand example, a 1,000.00 sale (net) with RFC: the buyer pays 1,160.00; the
    marketplace keeps 25.00 ISR and 80.00 IVA; the seller receives 1,055.00.

    >>> w = marketplace_withholding("1000", has_rfc=True, on="2026-03-01")
    >>> w.gross, w.isr_withheld, w.iva_withheld, w.received
    (Decimal('1160.00'), Decimal('25.00'), Decimal('80.00'), Decimal('1055.00'))
    >>> marketplace_withholding(Money("1000"), has_rfc=False, on="2026-03-01").received
    Money('800.00', 'MXN')
    >>> marketplace_withholding("1000", True, on="2025-12-31").isr_withheld  # 1% in 2025
    Decimal('10.00')
    >>> marketplace_withholding("1000", True, on="2020-05-31")
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: no hay tasa de retención de plataformas vigente el 2020-05-31 en marketplace_withholding.csv (periodos en la tabla: 2020-06-01 - ...); revisa la fuente y agrega una fila
    """
    if not isinstance(has_rfc, bool):
        raise InputError("errors.one_of", arg="has_rfc", choices=(True, False), value=has_rfc)
    amount, currency = _not_negative(net_sale, "net_sale")
    amount = round_money(amount)
    day = _day(on)
    what = t("finance.taxes.marketplace_what")
    row = _in_force(_marketplace_table(), day, what, has_rfc="yes" if has_rfc else "no"
                    ).iloc[-1]
    iva = round_money(amount * iva_rate(iva_kind, day))
    isr_withheld = round_money(amount * row["isr_rate"])
    # The platform withholds a share of the IVA the sale carries (LIVA art. 18-J): goods
    # taxed at 0% (food, exports) carry none, so none is withheld.
    iva_withheld = round_money(iva * row["iva_share"])
    gross = amount + iva
    received = gross - isr_withheld - iva_withheld
    return MarketplaceWithholding(*(_like(v, currency) for v in (
        amount, iva, gross, isr_withheld, iva_withheld, received)), has_rfc=has_rfc)
