"""The example businesses' books that chapters 12 and 13 teach with, written once.

The notebooks, the dashboards and the tests all take these months from here, so a
figure changes in one place. The businesses are the kit's cast (``businesses.csv``):

- :func:`talavera_month`: January 2026 of **Talavera Azul de la Luz**, Guadalupe
  Hernández's Talavera workshop in Puebla (chapter 12, the journal);
- :func:`mezcal_month`: March 2026 of **Mezcal Lluvia de Piedra**, Rosa Martínez's
  mezcal business in Santiago Matatlán, Oaxaca (chapter 13, the financial statements).

The descriptions of the entries are in the language in use when the books are written.

Hand check of Guadalupe's month. She puts in 10,000; buys clay and glaze for 2,000 plus
320 of IVA; sells 6 plates by card for 3,000 plus 480 of IVA (3,480 the gateway holds);
the plates cost 1,200. On the 17th the gateway pays out 3,360 and keeps a 120-peso fee
that includes IVA: 120 / 1.16 = 103.45 of fee (an expense) and 16.55 of IVA she can
credit (*IVA acreditable*), as chapters 2 and 4 say. Bank: 10,000 - 2,320 + 3,360 =
11,040; profit: 3,000 - 1,200 - 103.45 = 1,696.55.

>>> from mipyme.finance import account_balance
>>> books = talavera_month()
>>> account_balance(books, "Bancos"), account_balance(books, "Comisiones de cobro")
(Decimal('11040.00'), Decimal('103.45'))
>>> account_balance(books, "IVA acreditable")
Decimal('336.55')
>>> account_balance(mezcal_month(), "Bancos", on="2026-03-31")
Decimal('36384.80')
"""

from __future__ import annotations

from decimal import Decimal

from mipyme.errors import InputError
from mipyme.finance.journal import Journal, Transaction, credit, debit
from mipyme.finance.taxes import add_iva, split_iva
from mipyme.i18n import t
from mipyme.money import as_decimal, round_money
from mipyme.tables import read_table

__all__ = [
    "GATEWAY_FEE",
    "MEZCAL_BOTTLE_COST",
    "MEZCAL_BOTTLE_PRICE",
    "business_owner",
    "mezcal_month",
    "talavera_month",
]

#: What the payment gateway keeps from Guadalupe's card sale, IVA included (chapter 12).
GATEWAY_FEE = Decimal("120.00")
#: A bottle of espadín of Rosa's: price before IVA and what it cost her (chapter 13).
MEZCAL_BOTTLE_PRICE = Decimal("690.00")
MEZCAL_BOTTLE_COST = Decimal("230.00")


def business_owner(business: str) -> str:
    """The owner of one of the kit's example businesses, from ``businesses.csv``.

    >>> business_owner("mezcal")
    'Rosa Martínez'
    """
    table = read_table("businesses", required=("business", "name", "owner"))
    rows = table[table["business"] == business]
    if rows.empty:
        raise InputError("errors.one_of", arg="business",
                         choices=tuple(table["business"]), value=business)
    return str(rows.iloc[0]["owner"])


def talavera_month() -> Journal:
    """Guadalupe Hernández's first month (January 2026), as chapter 12 writes it.

    Capital, a purchase of materials, a card sale with its cost, and the gateway's payout
    two days later: the fee it keeps (:data:`GATEWAY_FEE`, IVA included) is split with
    :func:`~mipyme.finance.split_iva` into the fee (an expense, *Comisiones de cobro*)
    and its IVA (creditable, *IVA acreditable*).
    """
    payout_day = "2026-01-17"
    fee, fee_iva = split_iva(GATEWAY_FEE, on=payout_day)
    sale = Decimal("3000.00")
    sale_gross = add_iva(sale, on="2026-01-15")
    key = "finance.examples.talavera"
    return Journal([
        Transaction("2026-01-02", t(f"{key}.capital"),
                    (debit("Bancos", 10000), credit("Capital", 10000))),
        Transaction("2026-01-03", t(f"{key}.materials"),
                    (debit("Inventario", 2000), debit("IVA acreditable", 320),
                     credit("Bancos", 2320))),
        Transaction("2026-01-15", t(f"{key}.card_sale"),
                    (debit("Pagos por liquidar", sale_gross), credit("Ventas", sale),
                     credit("IVA trasladado", sale_gross - sale))),
        Transaction("2026-01-15", t(f"{key}.cost"),
                    (debit("Costo de ventas", 1200), credit("Inventario", 1200))),
        Transaction(payout_day, t(f"{key}.payout"),
                    (debit("Bancos", sale_gross - GATEWAY_FEE),
                     debit("Comisiones de cobro", fee), debit("IVA acreditable", fee_iva),
                     credit("Pagos por liquidar", sale_gross))),
    ])


def mezcal_month(fair: int = 12, restaurant: int = 10, drawings: object = "6000") -> Journal:
    """Rosa Martínez's March 2026, as chapter 13 writes it, with these sales and drawings.

    ``fair``: bottles sold at the mezcal fair, paid on the spot; ``restaurant``: bottles a
    restaurant in Oaxaca takes and pays in 30 days; ``drawings``: the money Rosa takes home
    on the 31st (an owner's drawing, not an expense). The chapter's month is the default.
    """
    drawings = round_money(as_decimal(drawings, "drawings"))
    owner = business_owner("mezcal")
    key = "finance.examples.mezcal"
    rows = [
        Transaction("2026-03-02", t(f"{key}.open", owner=owner),
                    (debit("Bancos", 30000), credit("Capital", 30000))),
        Transaction("2026-03-03", t(f"{key}.loan"),
                    (debit("Bancos", 20000), credit("Préstamos", 20000))),
        Transaction("2026-03-04", t(f"{key}.machine"),
                    (debit("Mobiliario y equipo", 10000), debit("IVA acreditable", 1600),
                     credit("Bancos", 11600))),
        Transaction("2026-03-05", t(f"{key}.bottles"),
                    (debit("Inventario", 9200), debit("IVA acreditable", 1472),
                     credit("Proveedores", 10672))),
    ]
    for day, units, account, sale in (("2026-03-14", fair, "Bancos", "fair"),
                                      ("2026-03-20", restaurant, "Clientes", "restaurant")):
        if units:
            net = MEZCAL_BOTTLE_PRICE * units
            gross = add_iva(net, on=day)
            rows += [
                Transaction(day, t(f"{key}.{sale}", units=units),
                            (debit(account, gross), credit("Ventas", net),
                             credit("IVA trasladado", gross - net))),
                Transaction(day, t(f"{key}.cost", units=units),
                            (debit("Costo de ventas", MEZCAL_BOTTLE_COST * units),
                             credit("Inventario", MEZCAL_BOTTLE_COST * units))),
            ]
    rows += [
        Transaction("2026-03-21", t(f"{key}.shipping"),
                    (debit("Envíos", 500), debit("IVA acreditable", 80), credit("Bancos", 580))),
        Transaction("2026-03-25", t(f"{key}.ads"),
                    (debit("Publicidad", 1000), debit("IVA acreditable", 160),
                     credit("Bancos", 1160))),
        Transaction("2026-03-31", t(f"{key}.rent"),
                    (debit("Renta", 3000), debit("IVA acreditable", 480), credit("Bancos", 3480))),
        Transaction("2026-03-31", t(f"{key}.interest"),
                    (debit("Intereses", 400), credit("Bancos", 400))),
    ]
    if drawings:
        rows.append(Transaction("2026-03-31", t(f"{key}.drawings", owner=owner),
                                (debit("Retiros del dueño", drawings),
                                 credit("Bancos", drawings))))
    return Journal(rows)
