"""The chart of accounts of a Mexican micro-business, with Spanish and English names.

>>> from mipyme.finance.accounts import default_chart
>>> chart = default_chart()
>>> chart.get("Bancos").code
'1020'
>>> chart.get("bank").name("es")
'Bancos'
>>> chart.get("iva acreditable").type
'asset'
>>> chart.get("Banco")
Traceback (most recent call last):
...
mipyme.errors.InputError: cuenta desconocida 'Banco'; ¿quisiste decir 'Bancos' (1020)?
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from mipyme.errors import InputError
from mipyme.i18n import Text, t
from mipyme.tables import read_table

__all__ = ["ACCOUNT_TYPES", "CASH_FLOW_SECTIONS", "Account", "ChartOfAccounts", "default_chart"]

#: The five kinds of account. Assets and expenses grow with debits; the rest with credits.
ACCOUNT_TYPES = ("asset", "liability", "equity", "income", "expense")
#: Sections of the direct-method cash-flow statement.
CASH_FLOW_SECTIONS = ("operating", "investing", "financing")


def _fold(text: str) -> str:
    """Lower case without accents, so 'Envíos', 'envios' and 'ENVIOS' are the same name."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(plain.lower().split())


@dataclass(frozen=True, slots=True)
class Account:
    """One account: a code, a name in each language, a type, and how cash-flow sees it.

    >>> Account("6040", "Publicidad", "Advertising", "expense").debit_normal
    True
    """

    code: str
    name_es: str
    name_en: str
    type: str
    cash: bool = False
    cash_flow: str = "operating"

    def __post_init__(self) -> None:
        if not self.code or not str(self.code).strip():
            raise InputError("errors.not_negative", arg="code", value=self.code)
        if self.type not in ACCOUNT_TYPES:
            raise InputError("errors.one_of", arg="type", choices=ACCOUNT_TYPES, value=self.type)
        if not self.cash and self.cash_flow not in CASH_FLOW_SECTIONS:
            raise InputError("errors.one_of", arg="cash_flow", choices=CASH_FLOW_SECTIONS,
                             value=self.cash_flow)

    @property
    def name(self) -> Text:
        """The account's name in both languages: ``.name("en")``, ``.name.es``, or
        ``.name()`` in the language in use."""
        return Text(self.name_es, self.name_en)

    @property
    def debit_normal(self) -> bool:
        """True for assets and expenses, whose balance grows with debits."""
        return self.type in ("asset", "expense")


class ChartOfAccounts:
    """An immutable set of accounts, found by code or by name in either language.

    Extend it with :meth:`with_account`, which returns a new chart:

    >>> chart = default_chart().with_account("6110", "Capacitación", "Training", "expense")
    >>> chart.get("training").name("es")
    'Capacitación'
    """

    def __init__(self, accounts: tuple[Account, ...] | list[Account]) -> None:
        self.accounts: tuple[Account, ...] = tuple(accounts)
        self._by_key: dict[str, Account] = {}
        for account in self.accounts:
            for key in (account.code, _fold(account.name_es), _fold(account.name_en)):
                other = self._by_key.get(key)
                if other is not None and other is not account:
                    raise InputError("ledger.duplicate_account", name=key, first=other.code,
                                     second=account.code)
                self._by_key[key] = account

    @classmethod
    def from_csv(cls, path: str | Path | None = None) -> ChartOfAccounts:
        """Read a chart with ``code, name_es, name_en, type, cash, cash_flow`` columns."""
        frame = read_table(path or "chart_of_accounts",
                           required=("code", "name_es", "name_en", "type", "cash", "cash_flow"))
        return cls([
            Account(row.code, row.name_es, row.name_en, row.type, row.cash == "yes",
                    row.cash_flow or "operating")
            for row in frame.itertuples(index=False)
        ])

    def __len__(self) -> int:
        return len(self.accounts)

    def __iter__(self):
        return iter(self.accounts)

    def __contains__(self, key: object) -> bool:
        return self.find(key) is not None

    def find(self, key: object) -> Account | None:
        """The account with this code or name, or ``None``."""
        if isinstance(key, Account):
            return key if key in self.accounts else None
        if not isinstance(key, str):
            return None
        return self._by_key.get(key.strip()) or self._by_key.get(_fold(key))

    def get(self, key: object) -> Account:
        """The account with this code or name; an unknown one raises with a suggestion."""
        account = self.find(key)
        if account is None:
            raise InputError("ledger.unknown_account", account=key,
                             hint=self.suggest(key))
        return account

    def suggest(self, key: object) -> str:
        """A 'did you mean' hint for an unknown account name, in the language in use."""
        names = {_fold(a.name_es): a for a in self.accounts}
        names.update({_fold(a.name_en): a for a in self.accounts})
        close = difflib.get_close_matches(_fold(str(key)), list(names), n=1, cutoff=0.6)
        if not close:
            return t("ledger.no_suggestion")
        account = names[close[0]]
        return t("ledger.did_you_mean", name=account.name(), code=account.code)

    def with_account(self, code: str, name_es: str, name_en: str, type: str, *,
                     cash: bool = False, cash_flow: str = "operating") -> ChartOfAccounts:
        """A new chart with one more account (the user's own, e.g. a second bank)."""
        return ChartOfAccounts((*self.accounts,
                                Account(code, name_es, name_en, type, cash, cash_flow)))

    @property
    def cash_codes(self) -> tuple[str, ...]:
        """Codes of the accounts that hold money (cash and banks)."""
        return tuple(a.code for a in self.accounts if a.cash)

    def to_frame(self, lang: str | None = None) -> pd.DataFrame:
        """The chart as a table a student can read."""
        return pd.DataFrame({
            t("ledger.col.code", lang): [a.code for a in self.accounts],
            t("ledger.col.account", lang): [a.name(lang) for a in self.accounts],
            t("ledger.col.type", lang): [t(f"ledger.type.{a.type}", lang) for a in self.accounts],
        })


@cache
def default_chart() -> ChartOfAccounts:
    """The packaged chart of accounts (``data/chart_of_accounts.csv``)."""
    return ChartOfAccounts.from_csv()
