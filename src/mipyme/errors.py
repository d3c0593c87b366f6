"""Errors that name the argument, the rule and the value, in the learner's language.

>>> from mipyme.errors import InputError
>>> from mipyme.i18n import language
>>> with language("en"):
...     raise InputError("errors.not_negative", arg="quantity", value=-2)
Traceback (most recent call last):
...
mipyme.errors.InputError: 'quantity' must be zero or more (got -2)
>>> with language("es"):
...     print(InputError("errors.not_negative", arg="cantidad", value=-2))
'cantidad' debe ser cero o más (se recibió -2)
"""

from __future__ import annotations

from dataclasses import dataclass

from mipyme.i18n import t

__all__ = ["Finding", "InputError", "InputTypeError"]


class InputError(ValueError):
    """A bad value given to the kit. ``key`` and ``params`` say which rule it broke."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(t(key, **params))


class InputTypeError(InputError, TypeError):
    """A value of the wrong kind (for example a float where money must be exact)."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in a student's books or plan; validators return a list of them.

    ``level`` is ``"error"`` (the books are wrong) or ``"warning"`` (legal but suspicious).
    """

    level: str
    code: str
    message: str
    where: str = ""

    def __str__(self) -> str:
        where = f" [{self.where}]" if self.where else ""
        return f"{self.level.upper()} {self.code}{where}: {self.message}"
