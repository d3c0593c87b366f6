"""Checks for autograder test cells that fail with a message a student can read.

Every message comes from the i18n catalog in Spanish and then English (one line each), and
names what is wrong in plain words, not only a traceback.

>>> from decimal import Decimal
>>> from mipyme.grading.feedback import check, check_amount, say
>>> check(Decimal("1160") == Decimal("1160.00"), "grading.amount_wrong", what="total",
...       expected="1160.00", got="1160.00")
>>> check_amount("1000.00", "1160.00", "total")
Traceback (most recent call last):
...
AssertionError: 'total' debe ser 1,160.00, pero tu respuesta dio 1,000.00
'total' must be 1,160.00, but your answer gave 1,000.00
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from mipyme.finance import Journal, Transaction, default_chart
from mipyme.i18n import LANGUAGES, t
from mipyme.money import Money

__all__ = [
    "amount_in",
    "as_number",
    "call",
    "check",
    "check_amount",
    "check_credit",
    "check_debit",
    "check_entry",
    "money_text",
    "say",
]

#: Half a centavo: answers closer than this to the expected amount count as equal.
HALF_CENT = Decimal("0.005")


def say(key: str, **params: object) -> str:
    """The text of ``key`` in every language of the kit, Spanish first, one line each.

    >>> print(say("grading.not_answered", name="sale_entry"))
    Todavía no respondes 'sale_entry': borra `raise NotImplementedError()` y escribe tu código.
    You have not answered 'sale_entry' yet: delete `raise NotImplementedError()` and write your code.
    """
    return "\n".join(t(key, lang, **params) for lang in LANGUAGES)


def check(condition: object, key: str, **params: object) -> None:
    """Raise ``AssertionError`` with the bilingual text of ``key`` unless ``condition`` holds.

    >>> check(1 + 1 == 3, "grading.not_a_number", what="x", value="tres")
    Traceback (most recent call last):
    ...
    AssertionError: 'x' debe ser un número (usa Decimal), pero tu respuesta dio 'tres'
    'x' must be a number (use Decimal), but your answer gave 'tres'
    """
    if not condition:
        raise AssertionError(say(key, **params))


def call(function: Callable, *args: object, **kwargs: object) -> object:
    """Run a student's function; an unanswered or crashing one fails in plain words.

    >>> def sale_entry(date, net):
    ...     raise NotImplementedError()
    >>> call(sale_entry, "2026-05-10", 1000)
    Traceback (most recent call last):
    ...
    AssertionError: Todavía no respondes 'sale_entry': borra `raise NotImplementedError()` y escribe tu código.
    You have not answered 'sale_entry' yet: delete `raise NotImplementedError()` and write your code.
    """
    name = getattr(function, "__name__", repr(function))
    try:
        return function(*args, **kwargs)
    except NotImplementedError:
        raise AssertionError(say("grading.not_answered", name=name)) from None
    except AssertionError:
        raise
    except Exception as err:
        raise AssertionError(say("grading.answer_raised", name=name,
                                 error=f"{type(err).__name__}: {err}")) from err


def as_number(value: object, what: str = "answer") -> Decimal:
    """A student's number as an exact ``Decimal`` (a float is read by its shortest text).

    >>> as_number(0.4), as_number("352.94"), as_number(7)
    (Decimal('0.4'), Decimal('352.94'), Decimal('7'))
    >>> as_number(None, "price")
    Traceback (most recent call last):
    ...
    AssertionError: 'price' debe ser un número (usa Decimal), pero tu respuesta dio None
    'price' must be a number (use Decimal), but your answer gave None
    """
    if isinstance(value, Money):
        return value.amount
    if hasattr(value, "item") and not isinstance(value, (str, bytes, Decimal)):
        value = value.item()  # numpy and pandas scalars
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, bool) or value is None:
        result = None
    elif isinstance(value, (int, float, str)):
        try:
            result = Decimal(repr(value) if isinstance(value, float) else str(value))
        except InvalidOperation:
            result = None
    else:
        result = None
    if result is None or not result.is_finite():
        raise AssertionError(say("grading.not_a_number", what=what, value=value))
    return result


def money_text(value: object) -> str:
    """An amount as a person writes it: thousands separator and two decimals.

    >>> money_text(Decimal("1160"))
    '1,160.00'
    """
    return f"{as_number(value):,.2f}"


def check_amount(got: object, expected: object, what: str, key: str = "grading.amount_wrong",
                 *, tolerance: object = HALF_CENT, **params: object) -> None:
    """Fail unless ``got`` is within ``tolerance`` of ``expected``.

    The message of ``key`` receives ``what``, ``expected`` and ``got`` (formatted as money)
    and any other ``params``. Checks return nothing, so a test cell never shows a value
    (nbgrader would read a number shown by a test cell as partial credit).

    >>> check_amount(Decimal("352.9411"), Decimal("352.94"), "price")
    """
    value = as_number(got, what)
    target = as_number(expected, what)
    if abs(value - target) > as_number(tolerance, "tolerance"):
        fields = {"what": what, "expected": money_text(target), "got": money_text(value)}
        fields.update(params)
        raise AssertionError(say(key, **fields))


# -- journal entries ----------------------------------------------------------------------


def check_entry(value: object, name: str) -> Transaction:
    """Fail unless ``value`` is a balanced entry of two or more postings to known accounts.

    >>> from mipyme.finance import Transaction, debit, credit
    >>> entry = Transaction("2026-05-10", "Venta", (debit("Bancos", 100), credit("Ventas", 90)))
    >>> check_entry(entry, "sale_entry")
    Traceback (most recent call last):
    ...
    AssertionError: La póliza de 'sale_entry' no cuadra: cargos 100.00 y abonos 90.00. En partida doble los cargos siempre suman lo mismo que los abonos.
    The entry of 'sale_entry' does not balance: debits 100.00, credits 90.00. In double entry, debits always add up to the credits.
    """
    check(isinstance(value, Transaction), "grading.not_a_transaction", name=name, value=value)
    # The journal's own checks say what is wrong; the student reads them in grading's words.
    books = Journal([value])
    wrong = {finding.code for finding in books.validate() if finding.level == "error"}
    check("too_few_postings" not in wrong, "grading.journal.too_few_postings", name=name)
    if "unknown_account" in wrong:
        postings = books.postings
        unknown = postings.loc[postings["code"] == "", "account"].astype(str)
        check(False, "grading.journal.unknown_account", account=unknown.iloc[0])
    debits = sum((p.debit for p in value.postings), Decimal(0))
    credits = sum((p.credit for p in value.postings), Decimal(0))
    check("unbalanced" not in wrong, "grading.journal.unbalanced", name=name,
          debits=money_text(debits), credits=money_text(credits))
    return value


def amount_in(transaction: Transaction, account: str) -> Decimal:
    """What an entry posts to ``account`` (by code or name): debit positive, credit negative.

    >>> from mipyme.finance import Transaction, debit, credit
    >>> sale = Transaction("2026-05-10", "Venta", (debit("Bancos", 116), credit("Ventas", 100),
    ...                                            credit("IVA trasladado", 16)))
    >>> amount_in(sale, "iva trasladado"), amount_in(sale, "1020"), amount_in(sale, "Caja")
    (Decimal('-16.00'), Decimal('116.00'), Decimal('0'))
    """
    chart = default_chart()
    code = chart.get(account).code
    total = Decimal(0)
    for posting in transaction.postings:
        found = chart.find(posting.account)
        if found is not None and found.code == code:
            total += posting.amount
    return total


def _check_side(transaction: Transaction, account: str, name: str, sign: int) -> None:
    amount = amount_in(transaction, account)
    check(amount != 0, "grading.journal.missing_account", account=account, name=name)
    key = "grading.journal.should_be_debit" if sign > 0 else "grading.journal.should_be_credit"
    check(amount * sign > 0, key, account=account)


def check_debit(transaction: Transaction, account: str, name: str) -> None:
    """Fail unless the entry debits ``account`` (use :func:`amount_in` for the amount).

    >>> from mipyme.finance import Transaction, debit, credit
    >>> swapped = Transaction("2026-05-10", "Venta", (credit("Bancos", 100),
    ...                                               debit("Ventas", 100)))
    >>> check_debit(swapped, "Bancos", "sale_entry")
    Traceback (most recent call last):
    ...
    AssertionError: 'Bancos' debe ir como cargo (debit) y tu póliza lo tiene como abono: ¿invertiste cargo y abono?
    'Bancos' must be a debit and your entry has it as a credit: did you swap debit and credit?
    """
    return _check_side(transaction, account, name, 1)


def check_credit(transaction: Transaction, account: str, name: str) -> None:
    """Fail unless the entry credits ``account`` (use :func:`amount_in` for the amount).

    >>> from mipyme.finance import Transaction, debit, credit
    >>> sale = Transaction("2026-05-10", "Venta", (debit("Bancos", 100), credit("Ventas", 100)))
    >>> check_credit(sale, "Ventas", "sale_entry")
    """
    return _check_side(transaction, account, name, -1)
