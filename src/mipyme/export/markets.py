"""Destination markets, tariff lines and logistics rates, read from dated data files.

Everything a quote needs that changes over time lives in ``data/markets.csv``,
``data/tariffs.csv`` and ``data/freight_rates.csv``, each row with ``source`` and ``as_of``.
A quote dated later than a row's ``valid_to``, or more than ``max_age_days`` after its
``as_of``, raises a :class:`StaleTableWarning` that names the table and the dates.

>>> from mipyme.export.markets import export_data
>>> data = export_data()
>>> data.market("us").duty_base
'transaction'
>>> rate, why = data.duty_rate("talavera", "US", "2026-03-02", originating=False)
>>> rate
Decimal('0.198')
>>> data.duty_rate("talavera", "US", "2026-03-02", originating=True)[0]
Decimal('0')
"""

from __future__ import annotations

import datetime as dt
import warnings
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

import pandas as pd

from mipyme.errors import InputError
from mipyme.export.incoterms import IncotermTable, incoterm_table
from mipyme.i18n import Text, t
from mipyme.tables import parse_date, read_table

__all__ = [
    "ExportData",
    "Market",
    "RateRow",
    "StaleTableWarning",
    "TariffLine",
    "export_data",
    "markets_table",
    "tariff_lines",
]


class StaleTableWarning(UserWarning):
    """A rate, fee or tariff used by a quote may be out of date for the quote's date."""


@dataclass(frozen=True, slots=True)
class Market:
    """A destination market: how it values goods at customs and what it charges."""

    code: str
    name_es: str
    name_en: str
    currency: str
    duty_base: str
    fta: str
    vat_rate: Decimal
    processing_fee_rate: Decimal
    processing_fee_min: Decimal
    processing_fee_max: Decimal
    fee_currency: str
    fee_fta_exempt: bool
    harbor_fee_rate: Decimal
    port: str
    city: str
    valid_to: dt.date | None
    source: str
    as_of: dt.date
    informal_entry_max: Decimal | None = None
    informal_fee: Decimal | None = None
    period: str = ""

    @property
    def name(self) -> Text:
        """The market's name in both languages (``.name("en")``, ``.name.es``)."""
        return Text(self.name_es, self.name_en)

    def is_informal(self, value_mxn: Decimal, fee_currency_mxn: Decimal) -> bool:
        """Whether goods of customs value ``value_mxn`` go by informal entry.

        The US (19 CFR 143.21(a)): shipments valued at no more than 2,500 USD may be entered
        informally and pay one flat processing fee; above it, a formal entry pays the ad valorem
        fee between its floor and cap. ``fee_currency_mxn`` is pesos per unit of
        ``fee_currency``. A market without the threshold has no informal entry.

        >>> us = export_data().market("US")
        >>> us.is_informal(Decimal("43630.00"), Decimal("17.452")), us.informal_fee
        (True, Decimal('2.69'))
        >>> us.is_informal(Decimal("43630.01"), Decimal("17.452"))
        False
        """
        if self.informal_entry_max is None or self.informal_fee is None:
            return False
        return value_mxn <= self.informal_entry_max * fee_currency_mxn


@dataclass(frozen=True, slots=True)
class TariffLine:
    """One example tariff line (ad valorem) or a market-wide surcharge."""

    product: str
    hs_code: str
    name_es: str
    name_en: str
    market: str
    kind: str
    rate: Decimal
    fta_rate: Decimal | None
    fta_exempt: bool
    valid_from: dt.date | None
    valid_to: dt.date | None
    source: str
    as_of: dt.date


@dataclass(frozen=True, slots=True)
class RateRow:
    """One logistics, insurance or channel rate: ``max(minimum, fixed + amount x qty)``."""

    line: str
    mode: str
    market: str
    basis: str
    currency: str
    fixed: Decimal
    amount: Decimal
    minimum: Decimal
    divisor: Decimal | None
    source: str
    as_of: dt.date


_BASES = ("shipment", "kg", "chargeable_kg", "wm", "rate")


_OPTIONAL_MARKET_COLUMNS = ("informal_entry_max", "informal_fee", "period")


def markets_table(path: str | Path | None = None) -> pd.DataFrame:
    """The markets table as a DataFrame (``data/markets.csv`` unless ``path``).

    ``informal_entry_max``, ``informal_fee`` and ``period`` may be missing from an
    instructor's older copy: then the market has no informal entry and no period label.
    """
    frame = read_table(path or "markets", required=("market", "currency", "duty_base"),
                       decimals=("vat_rate", "processing_fee_rate", "processing_fee_min",
                                 "processing_fee_max", "harbor_fee_rate"),
                       dates=("as_of", "valid_to"))
    for column in _OPTIONAL_MARKET_COLUMNS:
        if column not in frame.columns:
            frame[column] = ""
    name = Path(frame.attrs["path"]).name
    for column in ("informal_entry_max", "informal_fee"):
        frame[column] = [_decimal_or_none(v, name, i, column)
                         for i, v in enumerate(frame[column], start=2)]
    return frame


def _decimal_or_none(value: object, file: str, row: int, column: str) -> Decimal | None:
    if value is None or str(value).strip() == "":
        return None
    try:
        return Decimal(str(value).strip())
    except ArithmeticError:
        raise InputError("errors.data_bad_value", file=file, row=row, column=column,
                         problem="not a number / no es número", value=value) from None


def tariff_lines(path: str | Path | None = None) -> pd.DataFrame:
    """The tariff table as a DataFrame (``data/tariffs.csv`` unless ``path``).

    >>> lines = tariff_lines()
    >>> sorted(set(lines["product"]) - {"*"})
    ['coffee', 'cotton_apparel', 'honey', 'mezcal', 'silver_jewelry', 'talavera']
    """
    return read_table(path or "tariffs", required=("product", "market", "kind", "rate"),
                      decimals=("rate", "fta_rate"), dates=("as_of", "valid_from", "valid_to"))


def _yes(value: object) -> bool:
    return str(value).strip().lower() in ("yes", "si", "sí", "true", "1")


class ExportData:
    """Markets, tariffs, logistics rates and the Incoterms table, indexed for quoting.

    Build it from the packaged files with :func:`export_data`, or from an instructor's own
    copies with ``ExportData.from_files(freight="my_rates.csv")``.
    """

    def __init__(self, markets: pd.DataFrame, tariffs: pd.DataFrame, freight: pd.DataFrame,
                 incoterms: IncotermTable | None = None, *, max_age_days: int | None = 365,
                 names: dict[str, str] | None = None) -> None:
        self.incoterms = incoterms or incoterm_table()
        self.max_age_days = max_age_days
        self.names = names or {"markets": "markets.csv", "tariffs": "tariffs.csv",
                               "freight": "freight_rates.csv"}
        self.markets: dict[str, Market] = {}
        for row in markets.itertuples(index=False):
            self.markets[row.market.upper()] = Market(
                code=row.market.upper(), name_es=row.name_es, name_en=row.name_en,
                currency=row.currency, duty_base=row.duty_base, fta=row.fta,
                vat_rate=row.vat_rate, processing_fee_rate=row.processing_fee_rate,
                processing_fee_min=row.processing_fee_min,
                processing_fee_max=row.processing_fee_max, fee_currency=row.fee_currency,
                fee_fta_exempt=_yes(row.fee_fta_exempt), harbor_fee_rate=row.harbor_fee_rate,
                port=row.port, city=row.city, valid_to=row.valid_to, source=row.source,
                as_of=row.as_of, informal_entry_max=row.informal_entry_max,
                informal_fee=row.informal_fee, period=str(row.period or "").strip())
        for code, market in self.markets.items():
            if market.duty_base not in ("transaction", "cif"):
                raise InputError("errors.one_of", arg=f"duty_base ({code})",
                                 choices=("transaction", "cif"), value=market.duty_base)
        self.tariffs: list[TariffLine] = [
            TariffLine(product=row.product, hs_code=row.hs_code, name_es=row.name_es,
                       name_en=row.name_en, market=row.market.upper(), kind=row.kind,
                       rate=row.rate, fta_rate=row.fta_rate, fta_exempt=_yes(row.fta_exempt),
                       valid_from=row.valid_from, valid_to=row.valid_to, source=row.source,
                       as_of=row.as_of)
            for row in tariffs.itertuples(index=False)]
        self.products: tuple[str, ...] = tuple(dict.fromkeys(
            x.product for x in self.tariffs if x.kind == "mfn"))
        self.rates: dict[tuple[str, str, str], RateRow] = {}
        for i, row in enumerate(freight.itertuples(index=False), start=2):
            if row.basis not in _BASES:
                raise InputError("errors.data_bad_value", file=self.names["freight"], row=i,
                                 column="basis", problem=" / ".join(_BASES), value=row.basis)
            self.rates[(row.line, row.mode, row.market.upper())] = RateRow(
                line=row.line, mode=row.mode, market=row.market.upper(), basis=row.basis,
                currency=row.currency, fixed=row.fixed or Decimal(0), amount=row.amount,
                minimum=row.minimum or Decimal(0), divisor=row.divisor, source=row.source,
                as_of=row.as_of)

    @classmethod
    def from_files(cls, markets: str | Path | None = None, tariffs: str | Path | None = None,
                   freight: str | Path | None = None, incoterms: str | Path | None = None,
                   *, max_age_days: int | None = 365) -> ExportData:
        """Read the packaged tables, replacing any given by a path to your own CSV."""
        names = {"markets": Path(markets).name if markets else "markets.csv",
                 "tariffs": Path(tariffs).name if tariffs else "tariffs.csv",
                 "freight": Path(freight).name if freight else "freight_rates.csv"}
        return cls(markets_table(markets), tariff_lines(tariffs), _freight_table(freight),
                   IncotermTable.from_csv(incoterms) if incoterms else None,
                   max_age_days=max_age_days, names=names)

    # -- look-ups ----------------------------------------------------------------
    def market(self, code: object) -> Market:
        """The market with ISO code ``code`` (``'US'``, ``'CA'``, ``'DE'``, ``'MX'``).

        >>> export_data().market("FR")
        Traceback (most recent call last):
        ...
        mipyme.errors.InputError: 'market' debe ser uno de ('US', 'CA', 'DE', 'MX') (se recibió 'FR')
        """
        key = code.upper().strip() if isinstance(code, str) else code
        if key not in self.markets:
            raise InputError("errors.one_of", arg="market", choices=tuple(self.markets),
                             value=code)
        return self.markets[key]

    def tariff_line(self, product: str, market: str) -> TariffLine:
        """The base (MFN) tariff line of ``product`` in ``market``."""
        for line in self.tariffs:
            if line.kind == "mfn" and line.product == product and line.market == market:
                return line
        raise InputError("export.no_tariff_line", product=product, market=market,
                         choices=self.products)

    def duty_rate(self, product: str, market: str, on: object,
                  originating: bool) -> tuple[Decimal, list[TariffLine]]:
        """The ad valorem duty rate on ``on`` and the tariff rows that make it up."""
        day = parse_date(on, "on")
        market = self.market(market).code
        base = self.tariff_line(product, market)
        used = [base]
        rate = base.fta_rate if (originating and base.fta_rate is not None) else base.rate
        for line in self.tariffs:
            if line.kind != "surcharge" or line.market != market:
                continue
            if line.product not in ("*", product):
                continue
            if (line.valid_from and day < line.valid_from) or (line.valid_to
                                                               and day > line.valid_to):
                continue
            if originating and line.fta_exempt:
                continue
            rate += line.rate
            used.append(line)
        self.check_fresh(self.names["tariffs"], base.as_of, base.valid_to, day)
        return rate, used

    def rate_row(self, line: str, mode: str, market: str) -> RateRow:
        """The most specific rate for ``line``: market before mode before the fallbacks."""
        for key in ((line, mode, market), (line, "any", market), (line, mode, "*"),
                    (line, "any", "*")):
            row = self.rates.get(key)
            if row is not None:
                return row
        raise InputError("export.data_missing_row", file=self.names["freight"],
                         row=f"{line} / {mode} / {market}")

    def check_fresh(self, table: str, as_of: dt.date | None, valid_to: dt.date | None,
                    on: dt.date, period: str = "") -> None:
        """Warn if a row is past its ``valid_to`` or older than ``max_age_days`` on ``on``.

        Past ``valid_to`` the quote still uses the row's figures, and the warning says they
        are used as an estimate (naming their ``period``, e.g. ``FY2026``, when the row has one).
        """
        if valid_to is not None and on > valid_to:
            key = "export.stale_valid_to_period" if period else "export.stale_valid_to"
            warnings.warn(StaleTableWarning(t(key, table=table, valid_to=valid_to, on=on,
                                              period=period)), stacklevel=4)
        elif (self.max_age_days is not None and as_of is not None
              and (on - as_of).days > self.max_age_days):
            warnings.warn(StaleTableWarning(t("export.stale_as_of", table=table, as_of=as_of,
                                              days=(on - as_of).days, on=on,
                                              max_days=self.max_age_days)), stacklevel=4)


def _freight_table(path: str | Path | None = None) -> pd.DataFrame:
    return read_table(path or "freight_rates",
                      required=("line", "mode", "market", "basis", "currency", "amount"),
                      decimals=("fixed", "amount", "minimum", "divisor"))


@cache
def _packaged(max_age_days: int | None) -> ExportData:
    return ExportData(markets_table(), tariff_lines(), _freight_table(),
                      max_age_days=max_age_days)


def export_data(max_age_days: int | None = 365) -> ExportData:
    """The packaged markets, tariffs and rates (cached), warning past ``max_age_days``.

    >>> sorted(export_data().markets)
    ['CA', 'DE', 'MX', 'US']
    """
    return _packaged(max_age_days)
