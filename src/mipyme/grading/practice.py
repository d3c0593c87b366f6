"""Practice books with seeded random amounts, so hidden tests use numbers no one can copy.

>>> from mipyme.grading.practice import practice_books, statement_balances
>>> from mipyme.finance import balance_sheet
>>> books = practice_books(seed=1)
>>> books.is_valid
True
>>> balances = statement_balances(books)
>>> sheet = balance_sheet(books)
>>> sum(v for k, v in balances.items() if k in ("Bancos", "Inventario", "IVA acreditable")) == (
...     sheet.attrs["assets"])
True
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np

from mipyme.finance import Journal, Transaction, cents_to_decimal, credit, debit, iva_rate
from mipyme.money import round_money

__all__ = ["practice_books", "statement_balances"]


def practice_books(seed: int, *, year: int = 2026, month: int = 6) -> Journal:
    """A month of a small shop's books: capital, a loan, purchases and sales with IVA,
    cost of sales, expenses, a payment to suppliers and an owner's drawing.

    Every amount is drawn with ``numpy.random.default_rng(seed)``; the same seed gives the
    same books.

    >>> len(practice_books(seed=7)) == len(practice_books(seed=7))
    True
    """
    rng = np.random.default_rng(seed)

    def pesos(low: int, high: int) -> Decimal:
        return cents_to_decimal(int(rng.integers(low * 100, high * 100)))

    def day(d: int) -> str:
        return f"{year:04d}-{month:02d}-{d:02d}"

    iva = iva_rate("general", on=day(1))  # the rate of the IVA table on the books' date
    capital, retained, loan = pesos(15000, 30000), pesos(0, 6000), pesos(0, 10000)
    opening = [debit("Bancos", capital + retained + loan), credit("Capital", capital)]
    opening += [credit("Resultados acumulados", retained)] if retained else []
    opening += [credit("Prestamos", loan)] if loan else []
    bought = pesos(3000, 9000)
    bought_iva = round_money(bought * iva)
    sold = pesos(8000, 20000)
    sold_iva = round_money(sold * iva)
    cost = min(bought, round_money(sold * int(rng.integers(35, 60)) / 100))
    paid = round_money((bought + bought_iva) / 2)
    books = [
        Transaction(day(1), "Saldos iniciales", tuple(opening)),
        Transaction(day(3), "Compra de mercancía a crédito", (
            debit("Inventario", bought), debit("IVA acreditable", bought_iva),
            credit("Proveedores", bought + bought_iva))),
        Transaction(day(15), "Ventas de la quincena", (
            debit("Bancos", sold + sold_iva), credit("Ventas", sold),
            credit("IVA trasladado", sold_iva))),
        Transaction(day(15), "Costo de lo vendido", (
            debit("Costo de ventas", cost), credit("Inventario", cost))),
        Transaction(day(20), "Pago a proveedores", (
            debit("Proveedores", paid), credit("Bancos", paid))),
    ]
    for i, account in enumerate(("Renta", "Envios", "Comisiones", "Publicidad")):
        amount = pesos(300, 3000)
        books.append(Transaction(day(21 + i), account, (debit(account, amount),
                                                        credit("Bancos", amount))))
    drawing = pesos(1000, 6000)
    books.append(Transaction(day(28), "Retiro de la dueña", (
        debit("Retiros del dueño", drawing), credit("Bancos", drawing))))
    return Journal(books)


def statement_balances(journal: Journal) -> dict[str, Decimal]:
    """Each account with a balance, by its Spanish name, as a positive amount.

    This is how the statement exercises give balances to a student: what each account
    holds, without debit and credit signs (an owner's drawing is a positive amount too).

    >>> from mipyme.finance import Journal, Transaction, debit, credit
    >>> statement_balances(Journal([Transaction("2026-06-01", "Aportación",
    ...                                         (debit("Bancos", 500), credit("Capital", 500)))]))
    {'Bancos': Decimal('500.00'), 'Capital': Decimal('500.00')}
    """
    frame = journal.postings
    totals = frame.groupby("code", observed=True)["amount_cents"].sum()
    out = {}
    for account in journal.chart:
        cents = int(totals.get(account.code, 0))
        if cents:
            out[account.name_es] = cents_to_decimal(abs(cents))
    return out
