"""The finance engine: chart of accounts, journal, reports, taxes, credit and rules of thumb.

>>> from mipyme.finance import Journal, Transaction, debit, credit, income_statement
>>> books = Journal([Transaction("2026-05-10", "Venta Día de las Madres",
...                              (debit("Bancos", 1160), credit("Ventas", 1000),
...                               credit("IVA trasladado", 160)))])
>>> income_statement(books, lang="en").attrs["net_income"]
Decimal('1000.00')
"""

from mipyme.finance.accounts import (
    ACCOUNT_TYPES,
    Account,
    ChartOfAccounts,
    default_chart,
)
from mipyme.finance.journal import Journal, Posting, Transaction, cents_to_decimal, credit, debit
from mipyme.finance.reports import (
    CLOSING_REF,
    ReportIdentityError,
    account_balance,
    balance_sheet,
    cash_flow,
    close_year,
    closing_entry,
    general_ledger,
    income_statement,
    monthly_summary,
    trial_balance,
)

__all__ = [
    "ACCOUNT_TYPES",
    "CLOSING_REF",
    "Account",
    "ChartOfAccounts",
    "Journal",
    "Posting",
    "ReportIdentityError",
    "Transaction",
    "account_balance",
    "balance_sheet",
    "cash_flow",
    "cents_to_decimal",
    "close_year",
    "closing_entry",
    "credit",
    "debit",
    "default_chart",
    "general_ledger",
    "income_statement",
    "monthly_summary",
    "trial_balance",
]
