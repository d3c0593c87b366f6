"""The finance engine: chart of accounts, journal, reports, taxes, credit and rules of thumb.

>>> from mipyme.finance import Journal, Transaction, debit, credit, income_statement
>>> books = Journal([Transaction("2026-05-10", "Venta Día de las Madres",
...                              (debit("Bancos", 1160), credit("Ventas", 1000),
...                               credit("IVA trasladado", 160)))])
>>> income_statement(books, lang="en").attrs["net_income"]
Decimal('1000.00')
"""

from mipyme.finance import charts, examples, loans, rules, taxes
from mipyme.finance.accounts import (
    ACCOUNT_TYPES,
    Account,
    ChartOfAccounts,
    default_chart,
)
from mipyme.finance.journal import Journal, Posting, Transaction, cents_to_decimal, credit, debit
from mipyme.finance.loans import LoanOffer, compare_loans, effective_annual_cost, loan_schedule
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
from mipyme.finance.rules import (
    break_even_revenue,
    break_even_units,
    contribution_margin,
    separate_money,
)
from mipyme.finance.taxes import (
    add_iva,
    iva_payable,
    iva_rate,
    marketplace_withholding,
    resico_monthly_isr,
    split_iva,
)

__all__ = [
    "ACCOUNT_TYPES",
    "CLOSING_REF",
    "Account",
    "ChartOfAccounts",
    "Journal",
    "LoanOffer",
    "Posting",
    "ReportIdentityError",
    "Transaction",
    "account_balance",
    "add_iva",
    "balance_sheet",
    "break_even_revenue",
    "break_even_units",
    "cash_flow",
    "cents_to_decimal",
    "charts",
    "close_year",
    "closing_entry",
    "compare_loans",
    "contribution_margin",
    "credit",
    "debit",
    "default_chart",
    "effective_annual_cost",
    "examples",
    "general_ledger",
    "income_statement",
    "iva_payable",
    "iva_rate",
    "loan_schedule",
    "loans",
    "marketplace_withholding",
    "monthly_summary",
    "resico_monthly_isr",
    "rules",
    "separate_money",
    "split_iva",
    "taxes",
    "trial_balance",
]
