"""Selling online in practice (chapter 17): what returns and chargebacks really cost an order.

A paid order can end three ways. It is **kept** (the buyer keeps the piece), it is
**returned** (the buyer sends it back and gets the price back) or it is **charged back**
(the buyer's bank takes the money back from the seller after a dispute; the piece usually
does not come back). The seller plans with the expected result of one order:

- kept: ``price - fee - unit_cost - shipping``;
- returned: the seller refunds the price and loses ``fee + shipping + return_shipping +
  damaged_rate x unit_cost`` (the fee is not given back: check your payment processor;
  ``return_shipping`` is 0 when the buyer pays the way back, as LFPC art. 56 allows for a
  revocation; ``damaged_rate`` is the share of returned pieces that can no longer be sold);
- charged back: the seller loses ``fee + unit_cost + shipping + chargeback_fee``;
- expected profit = (1 - r - c) x kept - r x returned loss - c x chargeback loss, with ``r``
  the return rate and ``c`` the chargeback rate.

All amounts are pesos before IVA (IVA collected belongs to SAT, and a refunded sale's IVA is
cancelled with it). The fee is charged on the price the buyer pays, IVA included
(``iva_rate``): ``fee = fee_rate x price x (1 + iva_rate) + fee_fixed``, before the fee's own
IVA, which a registered seller credits. Rates and fees from sources are in
``store_practice.csv`` with their ``source`` and ``as_of``; the ones nobody has verified say
"estimate".

A hand-embroidered blouse of 1,150 pesos (991.38 before IVA), paid by card (3.6% + 3 pesos),
shipped for 150 pesos each way, with 18.3% of orders returned:

>>> risk = order_risk("991.38", "480", "150", fee_rate="0.036", fee_fixed="3",
...                   iva_rate="0.16", return_rate="0.183")
>>> risk.fee, risk.kept, risk.return_loss, risk.expected
(Decimal('44.40'), Decimal('316.98'), Decimal('344.40'), Decimal('195.95'))

One chargeback on a 520-peso jar of honey wipes out the profit of five kept orders:

>>> honey = order_risk("520", "220", "150", fee_rate="0.0349", fee_fixed="4",
...                    chargeback_rate="0.01", chargeback_fee="150")
>>> honey.kept, honey.chargeback_loss, orders_to_recover(honey.chargeback_loss, honey.kept)
(Decimal('127.85'), Decimal('542.15'), 5)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from functools import cache

import pandas as pd

from mipyme.errors import InputError
from mipyme.money import CENT, amount_arg, as_decimal, round_money
from mipyme.tables import read_table

__all__ = [
    "OrderRisk",
    "order_risk",
    "orders_to_recover",
    "practice_rate",
    "practice_rates",
    "price_for_margin",
]

_ONE = Decimal(1)


def _rate(value: object, arg: str) -> Decimal:
    """A share between 0 and 1 (inclusive of 0, below 1), exact."""
    number = amount_arg(value, arg, places=6)
    if number >= _ONE:
        raise InputError("errors.between", arg=arg, low=0, high="0.999999", value=value)
    return number


@dataclass(frozen=True, slots=True)
class OrderRisk:
    """One order's three endings and its expected profit, in pesos before IVA.

    ``kept`` is what a kept order leaves (what most people call "the profit"); the two
    losses are what a returned and a charged-back order cost; ``expected`` is the profit
    of an average order once returns and chargebacks are counted; ``hidden_cost`` is the gap
    between the two (``kept - expected``).
    """

    price: Decimal
    fee: Decimal
    kept: Decimal
    return_loss: Decimal
    chargeback_loss: Decimal
    return_rate: Decimal
    chargeback_rate: Decimal
    expected: Decimal

    @property
    def hidden_cost(self) -> Decimal:
        """What returns and chargebacks take from each order on average."""
        return self.kept - self.expected

    @property
    def margin(self) -> Decimal:
        """Expected profit as a share of the price, to 4 decimals (0.0925 is 9.25%)."""
        return (self.expected / self.price).quantize(Decimal("0.0001"))

    @property
    def kept_share(self) -> Decimal:
        """The share of orders that stay sold."""
        return _ONE - self.return_rate - self.chargeback_rate

    def table(self) -> pd.DataFrame:
        """The three endings: share of orders, pesos per order of that kind, and the
        weighted pesos each adds to the average order (they add up to ``expected``)."""
        rows = [("kept", self.kept_share, self.kept),
                ("returned", self.return_rate, -self.return_loss),
                ("chargeback", self.chargeback_rate, -self.chargeback_loss)]
        return pd.DataFrame({
            "ending": [r[0] for r in rows],
            "share": [r[1] for r in rows],
            "pesos": [r[2] for r in rows],
            "weighted": [r[1] * r[2] for r in rows],
        })


def _inputs(price: object, unit_cost: object, shipping: object, fee_rate: object,
            fee_fixed: object, iva_rate: object, return_rate: object,
            return_shipping: object, damaged_rate: object, chargeback_rate: object,
            chargeback_fee: object) -> dict[str, Decimal]:
    values = {
        "price": amount_arg(price, "price"),
        "unit_cost": amount_arg(unit_cost, "unit_cost"),
        "shipping": amount_arg(shipping, "shipping"),
        "fee_rate": _rate(fee_rate, "fee_rate"),
        "fee_fixed": amount_arg(fee_fixed, "fee_fixed"),
        "iva_rate": _rate(iva_rate, "iva_rate"),
        "return_rate": _rate(return_rate, "return_rate"),
        "damaged_rate": amount_arg(damaged_rate, "damaged_rate", places=6),
        "chargeback_rate": _rate(chargeback_rate, "chargeback_rate"),
        "chargeback_fee": amount_arg(chargeback_fee, "chargeback_fee"),
    }
    values["return_shipping"] = (values["shipping"] if return_shipping is None
                                 else amount_arg(return_shipping, "return_shipping"))
    if values["damaged_rate"] > _ONE:
        raise InputError("errors.between", arg="damaged_rate", low=0, high=1,
                         value=damaged_rate)
    if values["return_rate"] + values["chargeback_rate"] > _ONE:
        raise InputError("errors.practice_rates_sum", first="return_rate",
                         second="chargeback_rate", a=return_rate, b=chargeback_rate)
    return values


def order_risk(price: object, unit_cost: object, shipping: object, *, fee_rate: object = 0,
               fee_fixed: object = 0, iva_rate: object = 0, return_rate: object = 0,
               return_shipping: object = None, damaged_rate: object = 0,
               chargeback_rate: object = 0, chargeback_fee: object = 0) -> OrderRisk:
    """The three endings of one order and its expected profit (see the module's rules).

    ``price`` is before IVA; ``iva_rate`` only serves to charge the fee on what the buyer
    pays. ``return_shipping`` defaults to ``shipping`` (the seller pays the way back too).

    >>> order_risk("100", "40", "20").expected
    Decimal('40.00')
    >>> order_risk("100", "40", "20", return_rate="0.10").expected
    Decimal('32.00')
    >>> order_risk("100", "40", "20", return_rate="0.6", chargeback_rate="0.5")
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'return_rate' + 'chargeback_rate' debe ser 1 o menos (se recibió '0.6' + '0.5')
    """
    v = _inputs(price, unit_cost, shipping, fee_rate, fee_fixed, iva_rate, return_rate,
                return_shipping, damaged_rate, chargeback_rate, chargeback_fee)
    fee = round_money(v["fee_rate"] * v["price"] * (_ONE + v["iva_rate"]) + v["fee_fixed"])
    kept = v["price"] - fee - v["unit_cost"] - v["shipping"]
    return_loss = round_money(fee + v["shipping"] + v["return_shipping"]
                              + v["damaged_rate"] * v["unit_cost"])
    chargeback_loss = fee + v["unit_cost"] + v["shipping"] + v["chargeback_fee"]
    r, c = v["return_rate"], v["chargeback_rate"]
    expected = round_money((_ONE - r - c) * kept - r * return_loss - c * chargeback_loss)
    return OrderRisk(price=round_money(v["price"]), fee=fee, kept=round_money(kept),
                     return_loss=return_loss, chargeback_loss=round_money(chargeback_loss),
                     return_rate=r, chargeback_rate=c, expected=expected)


def orders_to_recover(loss: object, profit_per_order: object) -> int:
    """How many kept orders it takes to earn back ``loss``: ``ceil(loss / profit)``.

    >>> orders_to_recover("542.15", "127.85")
    5
    >>> orders_to_recover("100", "0")
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'profit_per_order' debe ser mayor que cero (se recibió '0')
    """
    lost = amount_arg(loss, "loss")
    profit = amount_arg(profit_per_order, "profit_per_order", positive=True)
    return math.ceil(lost / profit)


def price_for_margin(unit_cost: object, shipping: object, margin: object, *,
                     fee_rate: object = 0, fee_fixed: object = 0, iva_rate: object = 0,
                     return_rate: object = 0, return_shipping: object = None,
                     damaged_rate: object = 0, chargeback_rate: object = 0,
                     chargeback_fee: object = 0) -> Decimal:
    """The price before IVA whose expected profit is ``margin`` of the price.

    With ``k = (1 - r - c) - fee_rate x (1 + iva_rate)`` and the costs every order carries
    on average ``K = fee_fixed + unit_cost x (1 - r x (1 - damaged_rate)) + shipping +
    r x return_shipping + c x chargeback_fee``, the expected profit is ``k x price - K``, so
    ``price = K / (k - margin)``, rounded UP to the centavo so the margin is reached.

    >>> price_for_margin("40", "20", "0.25")
    Decimal('80.00')
    >>> price_for_margin("40", "20", "0.95", fee_rate="0.10")
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'margin' debe ser menor que 0.9000 (lo que queda de cada peso después de devoluciones, contracargos y comisión) para que exista un precio (se recibió '0.95')
    """
    v = _inputs(1, unit_cost, shipping, fee_rate, fee_fixed, iva_rate, return_rate,
                return_shipping, damaged_rate, chargeback_rate, chargeback_fee)
    target = _as_margin(margin)
    r, c = v["return_rate"], v["chargeback_rate"]
    k = (_ONE - r - c) - v["fee_rate"] * (_ONE + v["iva_rate"])
    costs = (v["fee_fixed"] + v["unit_cost"] * (_ONE - r * (_ONE - v["damaged_rate"]))
             + v["shipping"] + r * v["return_shipping"] + c * v["chargeback_fee"])
    if k - target <= 0:
        raise InputError("errors.practice_no_price", arg="margin",
                         limit=k.quantize(Decimal("0.0001")), value=margin)
    return (costs / (k - target)).quantize(CENT, rounding=ROUND_CEILING)


def _as_margin(value: object) -> Decimal:
    """A target margin: a share below 1 (it may be negative, to price at a planned loss)."""
    number = as_decimal(value, "margin", places=6)
    if number >= _ONE:
        raise InputError("errors.practice_no_price", arg="margin", limit="1", value=value)
    return number


@cache
def _table() -> pd.DataFrame:
    return read_table("store_practice", required=("parameter", "value", "unit"),
                      decimals=("value",))


def practice_rates() -> pd.DataFrame:
    """The chapter's rates and limits, each with its ``source`` and ``as_of``.

    >>> "chargeback_fee" in set(practice_rates()["parameter"])
    True
    """
    return _table().copy()


def practice_rate(parameter: str) -> Decimal:
    """One value of ``store_practice.csv`` by its name.

    >>> practice_rate("revocation_business_days")
    Decimal('5')
    >>> practice_rate("fraud_rate")
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'parameter' debe ser uno de ('return_rate_online', 'return_rate_sale_event', 'chargeback_rate', 'chargeback_fee', 'revocation_business_days', 'resico_income_limit') (se recibió 'fraud_rate')
    """
    table = _table()
    names = tuple(table["parameter"])
    if parameter not in names:
        raise InputError("errors.one_of", arg="parameter", choices=names, value=parameter)
    return table.loc[table["parameter"] == parameter, "value"].iloc[0]
