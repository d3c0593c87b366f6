"""Load the example datasets as typed DataFrames, checking every file against its schema.

Money columns come back as :class:`decimal.Decimal` objects (exact centavos, never floats),
dates as ``datetime64`` (so ``orders["date"].dt.month`` works), codes as pandas categories.
A file that was edited by hand and no longer fits its schema raises
:class:`~mipyme.errors.InputError` naming the file, the row, the column and the problem.

The files are found in ``folder``; without it, in the folder named by the environment variable
``MIPYME_DATASETS``, else in ``datasets/generated`` of the current folder or one above it
(where ``make datasets`` writes them).

>>> import tempfile
>>> from mipyme.datasets import build, load_catalog
>>> folder = build(tempfile.mkdtemp(), only=("talavera",), orders=False)
>>> plates = load_catalog("talavera", folder=folder)
>>> plates.loc[plates["sku"] == "TAL-PLT-27", "price"].item()
Decimal('520.00')
>>> load_catalog("tequila", folder=folder)
Traceback (most recent call last):
...
mipyme.errors.InputError: 'business' debe ser uno de ('talavera', 'telar', 'cafe', 'mezcal', 'plata', 'miel') (se recibió 'tequila')
"""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd

from mipyme.datasets.schema import BUSINESS_CODES, TABLES, Column, Table, table_schema
from mipyme.errors import InputError
from mipyme.i18n import t
from mipyme.tables import read_table

__all__ = [
    "check_frame",
    "default_folder",
    "load_catalog",
    "load_costs",
    "load_fx",
    "load_orders",
    "load_suppliers",
    "load_table",
    "read_checked",
]

#: Environment variable that points the loaders at a folder of generated files.
ENV_VAR = "MIPYME_DATASETS"

_PATTERNS = {
    "int": r"-?\d+",
    "money": r"-?\d+(\.\d{1,2})?",
    "decimal": r"-?\d+(\.\d+)?",
}
_TRUE, _FALSE = "true", "false"


def default_folder() -> Path:
    """Where the generated datasets are: ``$MIPYME_DATASETS`` or ``datasets/generated``."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        candidate = folder / "datasets" / "generated"
        if (candidate / "businesses.csv").exists():
            return candidate
    raise InputError("datasets.not_built", folder=str(Path("datasets") / "generated"))


def _folder(folder: str | os.PathLike | None) -> Path:
    return Path(folder) if folder is not None else default_folder()


def _check_business(business: object) -> str:
    if business not in BUSINESS_CODES:
        raise InputError("errors.one_of", arg="business", choices=BUSINESS_CODES,
                         value=business)
    return str(business)


def _problem(key: str, **params: object) -> str:
    return t(f"datasets.problem.{key}", **params)


def _fail(file: str, row: int, column: str, problem: str, value: object) -> None:
    raise InputError("errors.data_bad_value", file=file, row=row, column=column,
                     problem=problem, value=value)


def _first(mask: np.ndarray) -> int:
    return int(np.flatnonzero(mask)[0])


def _check_header(columns: list[str], table: Table, file: str) -> None:
    expected = table.names
    missing = [c for c in expected if c not in columns]
    extra = [c for c in columns if c not in expected]
    duplicated = sorted({c for c in columns if columns.count(c) > 1})
    if duplicated:
        raise InputError("datasets.duplicate_column", file=file, column=duplicated[0])
    if missing and extra:
        raise InputError("datasets.renamed_column", file=file, column=missing[0],
                         found=extra[0])
    if missing:
        raise InputError("errors.data_missing_column", file=file, column=missing[0])
    if extra:
        raise InputError("datasets.extra_column", file=file, column=extra[0],
                         table=table.name, expected=", ".join(expected))


def _number_values(text: pd.Series, col: Column, file: str) -> list[Decimal] | np.ndarray:
    ok = text.str.fullmatch(_PATTERNS[col.kind]).to_numpy(dtype=bool)
    if not ok.all():
        i = _first(~ok)
        value = text.iloc[i]
        looks_numeric = pd.Series([value]).str.fullmatch(_PATTERNS["decimal"]).iloc[0]
        if col.kind == "int" and looks_numeric:
            problem = _problem("not_whole")
        elif col.kind == "money" and looks_numeric:
            problem = _problem("too_many_decimals", places=2)
        else:
            problem = _problem("not_number")
        _fail(file, i + 2, col.name, problem, value)
    if col.kind == "int":
        values = text.astype("int64").to_numpy()
        numbers = values
    else:
        values = [Decimal(v) for v in text]
        numbers = np.array([float(v) for v in values]) if values else np.array([])
    if col.minimum is not None and len(text):
        low = numbers < float(col.minimum)
        if low.any():
            i = _first(low)
            _fail(file, i + 2, col.name, _problem("below", minimum=col.minimum), text.iloc[i])
    return values


def _typed(text: pd.Series, col: Column, file: str) -> object:
    """Check one column of texts against ``col`` and return its typed values."""
    text = text.astype(object).where(text.notna(), "")
    empty = (text == "").to_numpy(dtype=bool)
    if empty.any() and not col.nullable:
        _fail(file, _first(empty) + 2, col.name, _problem("empty"), "")
    if col.kind in ("int", "money", "decimal"):
        return _number_values(text, col, file)
    if col.kind == "date":
        days = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
        bad = days.isna().to_numpy() & ~empty
        if bad.any():
            i = _first(bad)
            _fail(file, i + 2, col.name, _problem("not_date"), text.iloc[i])
        return days
    if col.kind == "bool":
        bad = ~text.isin((_TRUE, _FALSE)).to_numpy(dtype=bool)
        if bad.any():
            i = _first(bad)
            _fail(file, i + 2, col.name, _problem("not_bool"), text.iloc[i])
        return (text == _TRUE).to_numpy(dtype=bool)
    if col.kind == "category":
        bad = ~text.isin(col.choices).to_numpy(dtype=bool) & ~empty
        if bad.any():
            i = _first(bad)
            _fail(file, i + 2, col.name, _problem("not_one_of", choices=", ".join(col.choices)),
                  text.iloc[i])
        return pd.Categorical(text, categories=list(col.choices))
    return text.astype(object).to_numpy()


def check_frame(raw: pd.DataFrame, table: Table | str, file: str = "") -> pd.DataFrame:
    """Check a DataFrame of texts (as read from a CSV) against a schema; return it typed.

    Rows are numbered as in the file: the header is row 1, the first data row is row 2.

    >>> import pandas as pd
    >>> raw = pd.DataFrame({"date": ["2024-01-02"], "mxn_per_usd": ["16.9712"],
    ...                     "anchor": ["false"], "source": ["simulated"]})
    >>> check_frame(raw, "fx")["mxn_per_usd"].item()
    Decimal('16.9712')
    >>> raw.loc[0, "mxn_per_usd"] = "-1.0"
    >>> check_frame(raw, "fx", file="fx.csv")
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: el archivo fx.csv, fila 2, columna 'mxn_per_usd': es menor que 0 (se recibió '-1.0')
    """
    table = table if isinstance(table, Table) else table_schema(table)
    file = file or f"{table.name}.csv"
    _check_header([str(c) for c in raw.columns], table, file)
    out = {col.name: _typed(raw[col.name], col, file) for col in table.columns}
    frame = pd.DataFrame(out, columns=list(table.names))
    for col in table.columns:
        if col.kind in ("money", "decimal"):
            frame[col.name] = frame[col.name].astype(object)
    frame.attrs["table"] = table.name
    return frame


def read_checked(path: str | os.PathLike, table: Table | str) -> pd.DataFrame:
    """Read the CSV at ``path`` and check it against ``table``; errors name the file."""
    path = Path(path)
    table = table if isinstance(table, Table) else table_schema(table)
    if not path.exists():
        raise InputError("datasets.no_file", file=str(path))
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (pd.errors.ParserError, UnicodeDecodeError) as err:
        raise InputError("datasets.bad_csv", file=path.name,
                         problem=str(err).strip().splitlines()[-1]) from None
    frame = check_frame(raw, table, file=path.name)
    frame.attrs["path"] = str(path)
    return frame


def load_table(name: str, business: str | None = None, *,
               folder: str | os.PathLike | None = None) -> pd.DataFrame:
    """Load one generated table (``business`` for the per-business ones).

    Tables copied from the kit's own data (``tariffs``, ``freight_rates``, ``store_*``) are
    read with :func:`mipyme.tables.read_table` (checked for ``source`` and ``as_of`` only).

    >>> import tempfile
    >>> from mipyme.datasets import build
    >>> folder = build(tempfile.mkdtemp(), only=("cafe",), orders=False)
    >>> load_table("channels", folder=folder)["channel"].tolist()[:3]
    ['amazon_mx', 'etsy', 'market_stall']
    >>> load_table("catalog", folder=folder)
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: la tabla 'catalog' es de un negocio: indica cuál con business=...
    """
    base = _folder(folder)
    if name not in TABLES:
        copied = base / f"{name}.csv"
        if copied.exists():
            return read_table(copied)
        table_schema(name)  # raises naming the known tables
    table = table_schema(name)
    if table.per_business:
        if business is None:
            raise InputError("datasets.business_needed", table=name)
        business = _check_business(business)
    return read_checked(base / table.file_name(business), table)


def load_catalog(business: str, *, folder: str | os.PathLike | None = None) -> pd.DataFrame:
    """The product catalog of ``business`` (prices and costs as ``Decimal`` pesos)."""
    return load_table("catalog", _check_business(business), folder=folder)


def load_suppliers(business: str, *, folder: str | os.PathLike | None = None) -> pd.DataFrame:
    """The suppliers of ``business``."""
    return load_table("suppliers", _check_business(business), folder=folder)


def load_costs(business: str, *, folder: str | os.PathLike | None = None) -> pd.DataFrame:
    """The monthly costs of ``business`` (fixed and variable), 2024-2025."""
    return load_table("costs", _check_business(business), folder=folder)


def load_orders(business: str, *, folder: str | os.PathLike | None = None) -> pd.DataFrame:
    """Two years of orders of ``business``, one row per order line.

    Every ``sku`` must be in the business's catalog; an unknown one is reported with its row.
    """
    business = _check_business(business)
    orders = load_table("orders", business, folder=folder)
    skus = set(load_catalog(business, folder=folder)["sku"])
    unknown = ~orders["sku"].isin(skus).to_numpy(dtype=bool)
    if unknown.any():
        i = _first(unknown)
        _fail(Path(orders.attrs["path"]).name, i + 2, "sku",
              _problem("not_in_catalog", business=business), orders["sku"].iloc[i])
    return orders


def load_fx(*, folder: str | os.PathLike | None = None) -> pd.DataFrame:
    """Pesos per US dollar on business days; only rows with ``anchor`` true are real data."""
    return load_table("fx", folder=folder)
