"""MiPyME Lab: models a Mexican micro-business can learn from, in Spanish and English.

The library is the one source of the kit's models: notebooks, exercises and chapters
import it rather than re-implementing formulas.

>>> import mipyme
>>> mipyme.Money("100")
Money('100.00', 'MXN')
"""

from mipyme.i18n import get_language, language, set_language, t
from mipyme.money import CURRENCIES, ExchangeRates, Money, default_rates, round_money

__all__ = [
    "CURRENCIES",
    "ExchangeRates",
    "Money",
    "__version__",
    "default_rates",
    "get_language",
    "language",
    "round_money",
    "set_language",
    "t",
]

__version__ = "0.1.0"
