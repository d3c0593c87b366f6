"""The example businesses' books (mipyme.finance.examples), checked by hand, and one cast.

Chapters 12, 13 and 15 teach with businesses of the kit's cast (``businesses.csv``): the
books are written once in the library, and the chapters name the same owners.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from mipyme.curriculum import load_curriculum
from mipyme.errors import InputError
from mipyme.finance import (
    account_balance,
    balance_sheet,
    cash_flow,
    income_statement,
    split_iva,
)
from mipyme.finance.examples import (
    GATEWAY_FEE,
    business_owner,
    mezcal_month,
    talavera_month,
)
from mipyme.i18n import language
from mipyme.tables import read_table

ROOT = load_curriculum().root
D = Decimal


def test_the_gateway_fee_is_split_into_fee_and_creditable_iva_by_hand():
    # 120 with IVA: 120 / 1.16 = 103.448... -> 103.45 of fee; 120 - 103.45 = 16.55 of IVA.
    assert split_iva(GATEWAY_FEE, on="2026-01-17") == (D("103.45"), D("16.55"))
    books = talavera_month()
    assert books.validate() == []
    assert account_balance(books, "Comisiones de cobro") == D("103.45")
    assert account_balance(books, "IVA acreditable") == D("336.55")  # 320 + 16.55
    assert account_balance(books, "Bancos") == D("11040.00")  # 10,000 - 2,320 + 3,360
    # 3,000 of sales - 1,200 of cost - 103.45 of fee (not 120: its IVA is not an expense)
    assert income_statement(books).attrs["net_income"] == D("1696.55")


def test_rosas_march_by_hand():
    books = mezcal_month()
    assert books.validate() == []
    income = income_statement(books, start="2026-03-01", end="2026-03-31").attrs
    # 22 bottles x 690 = 15,180; cost 22 x 230 = 5,060; expenses 500 + 1,000 + 3,000 + 400.
    assert income["net_income"] == D("5220.00")
    balance = balance_sheet(books, on="2026-03-31").attrs
    assert balance["equity"] == D("29220.00")  # 30,000 + 5,220 - 6,000
    assert balance["assets"] == D("62320.80")
    flow = cash_flow(books, start="2026-03-01", end="2026-03-31").attrs
    assert flow["net_change"] == D("36384.80")
    # 15 bottles for the restaurant: 5 x (690 - 230) = 2,300 more profit.
    more = mezcal_month(restaurant=15)
    assert income_statement(more).attrs["net_income"] == D("7520.00")


def test_the_books_are_described_in_the_language_in_use():
    with language("en"):
        english = talavera_month().table()
    spanish = talavera_month().table()
    assert english.iloc[:, 2].tolist() != spanish.iloc[:, 2].tolist()
    with language("en"):
        assert any("Rosa Martínez" in d for d in mezcal_month().table().iloc[:, 2])


def test_the_owners_come_from_the_cast():
    cast = read_table("businesses", required=("business", "owner"))
    owners = dict(zip(cast["business"], cast["owner"], strict=True))
    assert business_owner("mezcal") == owners["mezcal"] == "Rosa Martínez"
    assert business_owner("talavera") == owners["talavera"]
    with pytest.raises(InputError):
        business_owner("panadería")


@pytest.mark.parametrize(("chapter", "business", "gone"), [
    ("ch12", "talavera", "Ana"),
    ("ch13", "mezcal", "Joel"),
    ("ch15", "cafe", "Marisol"),
])
def test_the_finance_chapters_use_the_casts_names(chapter, business, gone):
    cast = read_table("businesses", required=("business", "name", "owner"))
    row = cast[cast["business"] == business].iloc[0]
    notebook = next((ROOT / "notebooks" / "src").glob(f"{chapter}_*.py"))
    texts = [notebook.read_text(encoding="utf-8"),
             (ROOT / "book" / "facilitator" / f"{chapter}.toml").read_text(encoding="utf-8")]
    for lang in ("es", "en"):
        reading = (ROOT / "book" / "chapters" / f"{chapter}.{lang}.md").read_text(
            encoding="utf-8")
        flowing = " ".join(reading.split())  # a name may break across two lines
        assert row["owner"] in flowing and row["name"] in flowing, (chapter, lang)
        texts.append(reading)
    for text in texts:
        assert not re.search(rf"\b{gone}\b", text), (chapter, gone)
