"""Sales channels, payment methods and shipping: fees and delays as data files.

* ``data/store_channels.csv``: own web store, Mercado Libre, Amazon Mexico and Etsy
  (cross-border): commission, fixed fee, payout delay, IVA (each product's own, or 0% on a
  sale abroad), whether the platform withholds ISR and IVA (by the sale's date), traffic.
* ``data/store_payments.csv``: card, OXXO voucher (expires; unpaid vouchers are lost sales),
  SPEI, Mercado Pago: fee, settlement delay, share of own-store orders.
* ``data/store_shipping.csv``: carrier rate tables by chargeable weight.

Each row's ``source`` names where its figure comes from, or labels it an estimate or an
example value. Change the files, not the code.

>>> from mipyme.store.channels import channels, shipping_cost
>>> channels().loc["mercado_libre", "commission_rate"]
Decimal('0.15')
>>> shipping_cost("mercado_libre", weight_kg=0.4, length_cm=10, width_cm=10, height_cm=5)
Decimal('100.00')
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import numpy as np
import pandas as pd

from mipyme.errors import InputError
from mipyme.measures import chargeable_weight
from mipyme.money import pesos

__all__ = [
    "channels",
    "chargeable_weight",
    "check_channel",
    "payments",
    "shipping_cost",
    "shipping_rates",
]


@cache
def channels() -> pd.DataFrame:
    """The channel table (``data/store_channels.csv``), indexed by channel code.

    >>> channels().index.tolist()
    ['web', 'mercado_libre', 'amazon_mx', 'etsy']
    """
    from mipyme.tables import read_table

    frame = read_table("store_channels", required=(
        "channel", "name_es", "name_en", "commission_rate", "fixed_fee", "payment",
        "payout_days", "iva_kind", "withholding", "organic_visits", "cpc", "ctr",
        "conversion_factor", "repeat_share", "ad_saturation", "free_shipping_from",
        "shipping_table"),
        decimals=("commission_rate", "fixed_fee", "payout_days", "organic_visits", "cpc", "ctr",
                  "conversion_factor", "repeat_share", "ad_saturation", "free_shipping_from"))
    return frame.set_index("channel")


@cache
def payments() -> pd.DataFrame:
    """The payment-method table (``data/store_payments.csv``), indexed by method.

    >>> payments().loc["oxxo", ["pay_rate", "voucher_days"]].tolist()
    [Decimal('0.70'), Decimal('3')]
    """
    from mipyme.tables import read_table

    frame = read_table("store_payments", required=(
        "method", "name_es", "name_en", "fee_rate", "fixed_fee", "settlement_days",
        "web_share", "pay_rate", "voucher_days"),
        decimals=("fee_rate", "fixed_fee", "settlement_days", "web_share", "pay_rate",
                  "voucher_days"))
    return frame.set_index("method")


@cache
def shipping_rates() -> pd.DataFrame:
    """The carrier rate tables (``data/store_shipping.csv``), sorted by table and weight.

    >>> shipping_rates().query("table == 'estafeta'")["max_kg"].tolist()[:2]
    [Decimal('1'), Decimal('2')]
    """
    from mipyme.tables import read_table

    frame = read_table("store_shipping", required=("table", "carrier", "max_kg", "rate",
                                                    "divisor"),
                       decimals=("max_kg", "rate", "divisor"))
    return frame.sort_values(["table", "max_kg"], kind="stable").reset_index(drop=True)


def check_channel(channel: object, arg: str = "channel") -> str:
    """Return ``channel`` if the channel table has it, else a clear error.

    >>> check_channel("etsy")
    'etsy'
    >>> check_channel("tiktok", arg="ad_budget")
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'ad_budget' debe ser uno de ('web', 'mercado_libre', 'amazon_mx', 'etsy') (se recibió 'tiktok')
    """
    known = tuple(channels().index)
    if channel not in known:
        raise InputError("errors.one_of", arg=arg, choices=known, value=channel)
    return str(channel)


def shipping_cost(table: str, weight_kg: object, length_cm: object, width_cm: object,
                  height_cm: object) -> Decimal:
    """Price (before IVA) of one parcel in carrier table ``table``.

    The parcel pays the first row whose ``max_kg`` holds its chargeable weight; heavier
    than the last row, it pays the last row once per started ``max_kg``.

    >>> shipping_cost("estafeta", 0.6, 25, 20, 20)   # 2 kg chargeable
    Decimal('175.00')
    >>> shipping_cost("estafeta", 30, 10, 10, 10)    # 30 kg: two 20 kg parcels
    Decimal('960.00')
    >>> shipping_cost("pony", 1, 1, 1, 1)
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'table' debe ser uno de ('amazon', 'dhl_intl', 'estafeta', 'mercado_libre') (se recibió 'pony')
    """
    rates = shipping_rates()
    known = tuple(pd.unique(rates["table"]))
    if table not in known:
        raise InputError("errors.one_of", arg="table", choices=known, value=table)
    rows = rates[rates["table"] == table]
    kg = chargeable_weight(weight_kg, length_cm, width_cm, height_cm, rows["divisor"].iloc[0])
    return pesos(shipping_cents(table, np.array([float(kg)]))[0])


@cache
def _rate_arrays(table: str) -> tuple[np.ndarray, np.ndarray]:
    rates = shipping_rates()
    rows = rates[rates["table"] == table]
    max_kg = np.array([float(v) for v in rows["max_kg"]])
    cents = np.array([int(v * 100) for v in rows["rate"]], dtype=np.int64)
    return max_kg, cents


def shipping_cents(table: str, kg: np.ndarray) -> np.ndarray:
    """Vectorised :func:`shipping_cost`: centavos per parcel for chargeable weights ``kg``."""
    max_kg, cents = _rate_arrays(table)
    kg = np.asarray(kg, dtype=float)
    idx = np.searchsorted(max_kg, kg - 1e-9, side="left")
    inside = idx < len(max_kg)
    out = np.empty(len(kg), dtype=np.int64)
    out[inside] = cents[idx[inside]]
    if (~inside).any():
        parcels = np.ceil(kg[~inside] / max_kg[-1] - 1e-9).astype(np.int64)
        out[~inside] = cents[-1] * parcels
    return out


def _volumetric_divisor(table: str) -> float:
    rates = shipping_rates()
    return float(rates.loc[rates["table"] == table, "divisor"].iloc[0])
