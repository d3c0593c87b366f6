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

import warnings
from dataclasses import dataclass

from mipyme.i18n import t

__all__ = ["Finding", "InputError", "InputTypeError", "RenamedWarning", "renamed"]


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


class RenamedWarning(FutureWarning):
    """A name the kit renamed: it still works, and the warning names the replacement.

    Students' notebooks outlive versions of the kit, so an old name keeps working and says,
    in the learner's language, what to write instead.
    """


def renamed(old: str, new: str) -> None:
    """Warn that ``old`` is now ``new`` (shown once per place in the student's code).

    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     renamed("mipyme.store.show", "mipyme.store.readable")
    >>> print(caught[0].message)
    'mipyme.store.show' ahora se llama 'mipyme.store.readable'; el nombre anterior seguirá funcionando un tiempo, pero conviene cambiarlo.
    """
    warnings.warn(t("errors.renamed", old=old, new=new), RenamedWarning, stacklevel=3)
