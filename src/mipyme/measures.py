"""Weights and sizes as a courier counts them: the one chargeable-weight rule of the kit.

A courier or an airline charges for the larger of what a parcel weighs and the room it
takes: its volumetric weight, length x width x height in cm divided by a divisor (5,000 cm3
per kg for most couriers, about 6,000 for air cargo; each carrier publishes its own). The
store's shipping and the export quotes both use this one function.

>>> from mipyme.measures import chargeable_weight
>>> chargeable_weight("0.6", 25, 20, 20)   # an alebrije: light, but its box is big
Decimal('2')
"""

from __future__ import annotations

from decimal import Decimal

from mipyme.errors import InputError
from mipyme.money import as_decimal

__all__ = ["chargeable_weight"]


def chargeable_weight(weight_kg: object, length_cm: object, width_cm: object,
                      height_cm: object, divisor: object = 5000) -> Decimal:
    """Chargeable weight in kg: ``max(actual kg, L x W x H cm / divisor)``, exact.

    >>> chargeable_weight(1.2, 30, 30, 15)   # 13,500 cm3 / 5,000 = 2.7 kg, more than 1.2 kg
    Decimal('2.7')
    >>> chargeable_weight(-1, 25, 20, 20)
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'weight_kg' debe ser mayor que cero (se recibió -1)
    """
    values = {}
    for name, value in (("weight_kg", weight_kg), ("length_cm", length_cm),
                        ("width_cm", width_cm), ("height_cm", height_cm),
                        ("divisor", divisor)):
        number = as_decimal(value, name, places=6)
        if number <= 0:
            raise InputError("errors.positive", arg=name, value=value)
        values[name] = number
    volume = values["length_cm"] * values["width_cm"] * values["height_cm"] / values["divisor"]
    return max(values["weight_kg"], volume).normalize()
