"""Graded exercises (nbgrader): student feedback in plain words and the grading round trip.

Autograder test cells import the checks from here; they fail with a message in Spanish and
English that names what is wrong:

>>> from mipyme.grading import check_amount
>>> check_amount("300.45", "352.94", "price_with_fee")
Traceback (most recent call last):
...
AssertionError: 'price_with_fee' debe ser 352.94, pero tu respuesta dio 300.45
'price_with_fee' must be 352.94, but your answer gave 300.45

The round trip (release, submit, autograde with the real nbgrader) is in
:mod:`mipyme.grading.roundtrip`; the source notebooks are built from bilingual specs by
:mod:`mipyme.grading.build_source`.
"""

from mipyme.grading.feedback import (
    amount_in,
    as_number,
    call,
    check,
    check_amount,
    check_credit,
    check_debit,
    check_entry,
    money_text,
    say,
)

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
