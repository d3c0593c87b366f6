"""The journal (libro diario): transactions of two or more postings that balance.

A posting moves money into (debit, positive) or out of (credit, negative) one account.
Amounts are kept as whole centavos inside, so a year of books sums exactly and fast.

>>> import datetime as dt
>>> from mipyme.finance.journal import Journal, Transaction, debit, credit
>>> books = Journal()
>>> books.add(Transaction(dt.date(2026, 1, 5), "Aportación de capital",
...                       (debit("Bancos", "20000"), credit("Capital", "20000"))))
>>> books.add(Transaction(dt.date(2026, 1, 6), "Venta de contado",
...                       (debit("Caja", "1160"), credit("Ventas", "1000"),
...                        credit("IVA trasladado", "160"))))
>>> books.validate()
[]
>>> len(books)
2

Problems come back all together, not one at a time:

>>> books.add(Transaction(dt.date(2026, 1, 7), "Compra", (debit("Inventrio", "500"),
...                                                       credit("Bancos", "400"))))
>>> for finding in books.validate():
...     print(finding)
ERROR unbalanced [3]: la póliza 3 ('Compra') no cuadra: debe $500.00 MXN y haber $400.00 MXN (diferencia $100.00 MXN)
ERROR unknown_account [3]: la póliza 3 ('Compra') usa la cuenta desconocida 'Inventrio'; ¿quisiste decir 'Inventario' (1100)?
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import pandas as pd

from mipyme.errors import Finding, InputError, InputTypeError
from mipyme.finance.accounts import ChartOfAccounts, default_chart
from mipyme.i18n import t
from mipyme.money import Money, as_decimal, pesos, round_money
from mipyme.tables import parse_date

__all__ = ["Journal", "Posting", "Transaction", "cents_to_decimal", "credit", "debit"]

_HUNDRED = Decimal(100)


def _to_cents(amount: Decimal) -> int:
    return int(amount * _HUNDRED)


def cents_to_decimal(cents: int) -> Decimal:
    """Whole centavos back to a ``Decimal`` of pesos.

    >>> cents_to_decimal(123456)
    Decimal('1234.56')
    """
    return pesos(cents)


@dataclass(frozen=True, slots=True)
class Posting:
    """One line of a transaction: an account and a signed amount (debit > 0, credit < 0)."""

    account: str
    amount: Decimal

    def __post_init__(self) -> None:
        if not isinstance(self.account, str) or not self.account.strip():
            raise InputError("errors.one_of", arg="account", choices="(código o nombre)",
                             value=self.account)
        value = self.amount.amount if isinstance(self.amount, Money) else self.amount
        amount = as_decimal(value, "amount")
        if amount != round_money(amount):
            raise InputError("ledger.amount_not_cents", arg="amount", value=value)
        object.__setattr__(self, "amount", round_money(amount))

    @property
    def debit(self) -> Decimal:
        """The debit side of this posting (0 for a credit)."""
        return self.amount if self.amount > 0 else Decimal("0.00")

    @property
    def credit(self) -> Decimal:
        """The credit side of this posting (0 for a debit)."""
        return -self.amount if self.amount < 0 else Decimal("0.00")


def _side(account: str, amount: object, sign: int) -> Posting:
    value = amount.amount if isinstance(amount, Money) else amount
    decimal = as_decimal(value, "amount")
    if decimal < 0:
        raise InputError("errors.not_negative", arg="amount", value=value)
    return Posting(account, sign * decimal)


def debit(account: str, amount: object) -> Posting:
    """A debit (cargo) to ``account``: money goes into an asset or an expense.

    >>> debit("Bancos", "116.00")
    Posting(account='Bancos', amount=Decimal('116.00'))
    >>> debit("Bancos", -5)
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'amount' debe ser cero o más (se recibió -5)
    """
    return _side(account, amount, 1)


def credit(account: str, amount: object) -> Posting:
    """A credit (abono) to ``account``: stored as a negative amount.

    >>> credit("Ventas", "100")
    Posting(account='Ventas', amount=Decimal('-100.00'))
    """
    return _side(account, amount, -1)


@dataclass(frozen=True, slots=True)
class Transaction:
    """A dated entry (póliza) of postings. It balances when debits equal credits."""

    date: dt.date
    description: str
    postings: tuple[Posting, ...]
    ref: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "date", parse_date(self.date, "date"))
        postings = tuple(self.postings)
        for posting in postings:
            if not isinstance(posting, Posting):
                raise InputTypeError("ledger.not_a_posting", value=posting)
        object.__setattr__(self, "postings", postings)

    @property
    def imbalance(self) -> Decimal:
        """Debits minus credits (zero for a balanced transaction)."""
        return sum((p.amount for p in self.postings), Decimal("0.00"))


_COLUMNS = ["txn", "date", "description", "ref", "account", "amount_cents"]


class Journal:
    """The books: an ordered list of transactions checked against a chart of accounts.

    Parameters
    ----------
    chart:
        The chart of accounts (default: :func:`~mipyme.finance.accounts.default_chart`).
    closed_through:
        Postings on or before this date belong to a closed period and are findings.
    """

    def __init__(self, transactions: Iterable[Transaction] = (), *,
                 chart: ChartOfAccounts | None = None,
                 closed_through: object = None) -> None:
        self.chart = chart or default_chart()
        self.closed_through = (parse_date(closed_through, "closed_through")
                               if closed_through is not None else None)
        self._frames: list[pd.DataFrame] = []
        self._pending: list[dict] = []
        self._next_txn = 1
        self._closed_after_txn = 0  # transactions recorded before closing are not findings
        self._cache: pd.DataFrame | None = None
        self.extend(transactions)

    # -- adding ------------------------------------------------------------------
    def add(self, transaction: Transaction) -> None:
        """Record one transaction (checked later by :meth:`validate`)."""
        if not isinstance(transaction, Transaction):
            raise InputTypeError("ledger.not_a_posting", value=transaction)
        txn = self._next_txn
        self._next_txn += 1
        for posting in transaction.postings:
            self._pending.append({
                "txn": txn, "date": transaction.date, "description": transaction.description,
                "ref": transaction.ref, "account": posting.account,
                "amount_cents": _to_cents(posting.amount)})
        if not transaction.postings:
            self._pending.append({
                "txn": txn, "date": transaction.date, "description": transaction.description,
                "ref": transaction.ref, "account": "", "amount_cents": 0})
        self._cache = None

    def extend(self, transactions: Iterable[Transaction]) -> None:
        """Record many transactions."""
        for transaction in transactions:
            self.add(transaction)

    @classmethod
    def from_postings(cls, postings: pd.DataFrame, *, chart: ChartOfAccounts | None = None,
                      closed_through: object = None, check: bool = True) -> Journal:
        """Build books fast from a table of postings (the simulators' bulk path).

        ``postings`` has columns ``txn`` (any id; rows with the same id form one
        transaction), ``date``, ``description``, ``account`` (code or name) and
        ``amount_cents`` (signed integer centavos, debit > 0); ``ref`` is optional.
        With ``check`` (the default) books with errors raise an ``InputError`` listing them.

        >>> import pandas as pd
        >>> rows = pd.DataFrame({"txn": [1, 1], "date": ["2026-03-01"] * 2,
        ...                      "description": ["Venta del día"] * 2,
        ...                      "account": ["1020", "4010"], "amount_cents": [50000, -50000]})
        >>> Journal.from_postings(rows).validate()
        []
        """
        journal = cls(chart=chart, closed_through=closed_through)
        journal.append_postings(postings, check=check)
        return journal

    def append_postings(self, postings: pd.DataFrame, *, check: bool = True) -> None:
        """Add a table of postings (see :meth:`from_postings`) to these books."""
        missing = [c for c in ("txn", "date", "description", "account", "amount_cents")
                   if c not in postings.columns]
        if missing:
            raise InputError("errors.data_missing_column", file="postings", column=missing[0])
        frame = postings.copy()
        codes, _ = pd.factorize(frame["txn"], sort=False)
        frame["txn"] = codes.astype(np.int64) + self._next_txn
        self._next_txn += int(codes.max()) + 1 if len(codes) else 0
        if "ref" not in frame.columns:
            frame["ref"] = ""
        frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[ns]")
        cents = frame["amount_cents"]
        if not pd.api.types.is_integer_dtype(cents):
            raise InputTypeError("errors.not_a_number", arg="amount_cents", value=cents.dtype)
        frame["amount_cents"] = cents.astype(np.int64)
        frame["account"] = frame["account"].astype(str)
        frame["description"] = frame["description"].astype(str)
        frame["ref"] = frame["ref"].astype(str)
        self._frames.append(frame[_COLUMNS])
        self._cache = None
        if check:
            self.check(only_errors=True)

    # -- reading -----------------------------------------------------------------
    def __len__(self) -> int:
        return int(self.postings["txn"].nunique()) if self._frames or self._pending else 0

    @property
    def postings(self) -> pd.DataFrame:
        """Every posting: ``txn, date, description, ref, account, code, amount_cents``.

        ``code`` is the account's code in the chart (empty when the account is unknown).
        """
        if self._cache is None:
            frames = list(self._frames)
            if self._pending:
                pending = pd.DataFrame(self._pending, columns=_COLUMNS)
                pending["date"] = pd.to_datetime(pending["date"]).astype("datetime64[ns]")
                frames.append(pending)
                self._frames = frames[:]
                self._pending = []
            if frames:
                frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
                self._frames = [frame]
            else:
                frame = pd.DataFrame({c: pd.Series(dtype=object) for c in _COLUMNS})
                frame["amount_cents"] = frame["amount_cents"].astype(np.int64)
            # Accounts, codes and refs repeat a lot: categoricals keep grouping fast.
            account = frame["account"].astype("category")
            lookup = {}
            for name in account.cat.categories:
                found = self.chart.find(name)
                lookup[name] = found.code if found else ""
            code = pd.Categorical(account.cat.categories.map(lookup)[account.cat.codes])
            code = code.set_categories(sorted(set(code.categories) | {""}))
            frame = frame.assign(account=account, code=code,
                                 ref=frame["ref"].astype("category"))
            self._cache = frame
        return self._cache

    def transactions(self) -> list[Transaction]:
        """The books as :class:`Transaction` records (slow for big books; for reading)."""
        out = []
        for _, group in self.postings.groupby("txn", sort=True):
            first = group.iloc[0]
            out.append(Transaction(first["date"].date(), first["description"], tuple(
                Posting(a, cents_to_decimal(c)) for a, c in
                zip(group["account"], group["amount_cents"], strict=True) if a),
                first["ref"]))
        return out

    def close_period(self, through: object) -> None:
        """Close every period up to ``through``.

        Transactions recorded after closing but dated on or before ``through`` are
        findings: a closed month is not edited, a correction goes in an open one.
        """
        self.closed_through = parse_date(through, "through")
        self._closed_after_txn = self._next_txn - 1

    # -- checking ----------------------------------------------------------------
    def validate(self) -> list[Finding]:
        """Every problem in the books at once: errors first, then warnings.

        Errors: a transaction with fewer than two postings, one that does not balance,
        an unknown account, a date in a closed period. Warning: a cash or bank account
        whose balance goes below zero (money cannot be spent before it comes in).
        """
        frame = self.postings
        findings: list[Finding] = []
        if frame.empty:
            return findings
        real = frame[frame["account"].astype(str) != ""]
        by_txn = frame.groupby("txn", sort=True)
        first = by_txn.agg(date=("date", "first"), description=("description", "first"))
        counts = real.groupby("txn").size().reindex(first.index, fill_value=0)
        debits = real["amount_cents"].clip(lower=0).groupby(real["txn"]).sum().reindex(
            first.index, fill_value=0)
        credits = (-real["amount_cents"].clip(upper=0)).groupby(real["txn"]).sum().reindex(
            first.index, fill_value=0)
        for txn in first.index[counts < 2]:
            findings.append(Finding("error", "too_few_postings", t(
                "ledger.finding.too_few_postings", txn=txn,
                description=first.at[txn, "description"], count=int(counts[txn])), str(txn)))
        for txn in first.index[debits != credits]:
            d, c = cents_to_decimal(debits[txn]), cents_to_decimal(credits[txn])
            findings.append(Finding("error", "unbalanced", t(
                "ledger.finding.unbalanced", txn=txn, description=first.at[txn, "description"],
                debits=Money(d), credits=Money(c), difference=Money(d - c)), str(txn)))
        unknown = real[real["code"] == ""]
        for row in unknown.drop_duplicates(["txn", "account"]).itertuples(index=False):
            findings.append(Finding("error", "unknown_account", t(
                "ledger.finding.unknown_account", txn=row.txn, description=row.description,
                account=row.account, hint=self.chart.suggest(row.account)), str(row.txn)))
        if self.closed_through is not None:
            late = first.index > self._closed_after_txn
            closed = first[late & (first["date"] <= pd.Timestamp(self.closed_through))]
            for txn, row in closed.iterrows():
                findings.append(Finding("error", "closed_period", t(
                    "ledger.finding.closed_period", txn=txn, description=row["description"],
                    date=row["date"].date(), closed=self.closed_through), str(txn)))
        findings.sort(key=lambda f: (int(f.where) if f.where.isdigit() else 0))
        findings.extend(self._negative_cash())
        return findings

    def _negative_cash(self) -> list[Finding]:
        frame = self.postings
        cash = frame[frame["code"].isin(self.chart.cash_codes)]
        out = []
        for code, group in cash.groupby("code", sort=True, observed=True):
            daily = group.groupby("date")["amount_cents"].sum().sort_index().cumsum()
            below = daily[daily < 0]
            if len(below):
                account = self.chart.get(code)
                out.append(Finding("warning", "negative_cash", t(
                    "ledger.finding.negative_cash", account=account.name(),
                    balance=Money(cents_to_decimal(below.iloc[0])), date=below.index[0].date()),
                    str(code)))
        return out

    @property
    def is_valid(self) -> bool:
        """True when :meth:`validate` finds no errors (warnings allowed)."""
        return not any(f.level == "error" for f in self.validate())

    def check(self, *, only_errors: bool = True) -> None:
        """Raise one ``InputError`` listing every error in the books (none: return)."""
        errors = [f for f in self.validate() if f.level == "error" or not only_errors]
        if errors:
            raise InputError("ledger.invalid_journal", count=len(errors),
                             findings="\n".join(f"- {f}" for f in errors))

    def table(self, lang: str | None = None) -> pd.DataFrame:
        """The journal as a student writes it: date, transaction, account, debit, credit."""
        frame = self.postings
        names = {a.code: a.name(lang) for a in self.chart}
        cents = frame["amount_cents"]
        return pd.DataFrame({
            t("ledger.col.date", lang): frame["date"].dt.date,
            t("ledger.col.txn", lang): frame["txn"],
            t("ledger.col.description", lang): frame["description"],
            t("ledger.col.code", lang): frame["code"].astype(str),
            t("ledger.col.account", lang): [names.get(c, a) for c, a in zip(
                frame["code"].astype(str), frame["account"].astype(str), strict=True)],
            t("ledger.col.debit", lang): [cents_to_decimal(c) if c > 0 else Decimal("0.00")
                                          for c in cents],
            t("ledger.col.credit", lang): [cents_to_decimal(-c) if c < 0 else Decimal("0.00")
                                           for c in cents],
        })
