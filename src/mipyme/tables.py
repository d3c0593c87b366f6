"""Rates, fees and tariffs are data: CSV files with a ``source`` and an ``as_of`` column.

The files ship inside the package (``mipyme/data/*.csv``) so they work offline and in
JupyterLite. An instructor can pass their own file with the same columns.

>>> from mipyme.tables import read_table
>>> fx = read_table("exchange_rates")
>>> {"source", "as_of"} <= set(fx.columns)
True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path

import pandas as pd

from mipyme.errors import InputError

__all__ = ["PROVENANCE", "date_or_today", "parse_date", "read_table", "table_path"]

#: Columns every rate, fee or tariff table must carry.
PROVENANCE = ("source", "as_of")


def table_path(name: str) -> Path:
    """Path of the packaged table ``name`` (without ``.csv``)."""
    path = Path(str(resources.files("mipyme") / "data" / f"{name}.csv"))
    if not path.exists():
        raise FileNotFoundError(f"no packaged table named {name!r} ({path})")
    return path


def parse_date(value: object, arg: str = "date") -> dt.date:
    """A ``datetime.date`` from a date, a timestamp or an ISO text.

    >>> parse_date("2026-01-21")
    datetime.date(2026, 1, 21)
    >>> parse_date("21/01/2026", arg="on")
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'on' debe ser una fecha (AAAA-MM-DD) (se recibió '21/01/2026')
    """
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise InputError("errors.bad_date", arg=arg, value=value)


def date_or_today(value: object = None, arg: str = "on") -> dt.date:
    """The date given, or today's when none is: the one date default of the kit.

    Whatever uses it keeps the date it used (a quote's ``on``, a table's ``as_of`` column),
    so a result always says which day it describes.

    >>> date_or_today("2026-01-21")
    datetime.date(2026, 1, 21)
    >>> date_or_today() == dt.date.today()
    True
    """
    return dt.date.today() if value is None else parse_date(value, arg)


def read_table(
    name_or_path: str | Path,
    *,
    required: Iterable[str] = (),
    decimals: Iterable[str] = (),
    dates: Iterable[str] = ("as_of",),
    provenance: bool = True,
) -> pd.DataFrame:
    """Read a CSV table and check it: required columns present, decimals exact, dates valid.

    Parameters
    ----------
    name_or_path:
        A packaged table name (``"iva_rates"``) or the path of a CSV with the same columns.
    required:
        Columns that must be present (``source`` and ``as_of`` are always required when
        ``provenance`` is true).
    decimals:
        Columns parsed as :class:`decimal.Decimal` (money and rates are never floats).
    dates:
        Columns parsed as ``datetime.date``.

    Errors name the file, the row, the column and the value.
    """
    path = Path(name_or_path) if (isinstance(name_or_path, Path) or "/" in str(name_or_path)
                                  or str(name_or_path).endswith(".csv")) else table_path(
        str(name_or_path))
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8",
                        comment="#")
    needed = list(required) + (list(PROVENANCE) if provenance else [])
    for column in needed:
        if column not in frame.columns:
            raise InputError("errors.data_missing_column", file=path.name, column=column)
    for column in decimals:
        if column not in frame.columns:
            raise InputError("errors.data_missing_column", file=path.name, column=column)
        frame[column] = [_decimal_cell(v, path.name, i, column) for i, v in
                         enumerate(frame[column], start=2)]
    for column in dates:
        if column not in frame.columns:
            continue
        frame[column] = [_date_cell(v, path.name, i, column) for i, v in
                         enumerate(frame[column], start=2)]
    if provenance:
        for i, value in enumerate(frame["source"], start=2):
            if not value.strip():
                raise InputError("errors.data_bad_value", file=path.name, row=i,
                                 column="source", problem="empty / vacío", value=value)
    frame.attrs["path"] = str(path)
    return frame


def _decimal_cell(value: str, file: str, row: int, column: str) -> Decimal | None:
    if value == "":
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        raise InputError("errors.data_bad_value", file=file, row=row, column=column,
                         problem="not a number / no es número", value=value) from None


def _date_cell(value: str, file: str, row: int, column: str) -> dt.date | None:
    if value == "":
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError("errors.data_bad_value", file=file, row=row, column=column,
                         problem="not a date YYYY-MM-DD / no es fecha AAAA-MM-DD",
                         value=value) from None


def lookup(frame: pd.DataFrame, **where: object) -> Mapping[str, object]:
    """The single row of ``frame`` matching every ``column=value`` given."""
    mask = pd.Series(True, index=frame.index)
    for column, value in where.items():
        mask &= frame[column] == value
    rows = frame[mask]
    if len(rows) != 1:
        raise KeyError(f"{len(rows)} rows match {where} in {frame.attrs.get('path', 'table')}")
    return rows.iloc[0].to_dict()
