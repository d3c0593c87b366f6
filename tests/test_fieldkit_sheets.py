"""The spreadsheet templates, recalculated by a real engine (LibreOffice, headless).

Each template is written, converted by ``soffice --headless --convert-to xlsx`` (which
recalculates every formula) and read back: the results equal the library's to the cent, on
the chapter's worked example and on other inputs typed into the yellow cells. Slow: it starts
LibreOffice.
"""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from mipyme.fieldkit.examples import DAY, LOAN_DAY, worked_example
from mipyme.fieldkit.sheets import SHEETS, cash_flow_example, export_inputs, write_sheet
from mipyme.finance import LoanOffer, break_even_revenue, break_even_units, compare_loans
from mipyme.store import sale_breakdown

SOFFICE = shutil.which("soffice") or "/usr/bin/soffice"
CENT = Decimal("0.01")


def recalculated(files: list[Path], tmp: Path) -> dict[str, object]:
    """Convert ``files`` with LibreOffice (recalculating) and open the results, values only."""
    out = tmp / "recalculated"
    profile = tmp / "lo-profile"
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless",
                    "--calc", "--convert-to", "xlsx", "--outdir", str(out),
                    *map(str, files)], check=True, capture_output=True, timeout=180)
    return {f.stem: openpyxl.load_workbook(out / f.name, data_only=True).active for f in files}


def cents(value) -> Decimal:
    return Decimal(str(value)).quantize(CENT)


@pytest.fixture(scope="module")
def sheets(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("sheets")
    cells, files = {}, []
    for lang in ("es", "en"):
        for name in SHEETS:
            path = tmp / f"{name}-{lang}.xlsx"
            cells[name] = write_sheet(name, lang, path)
            files.append(path)
    # other inputs, typed into the yellow cells as a person would
    other = tmp / "break_even-other.xlsx"
    wb = openpyxl.load_workbook(tmp / "break_even-es.xlsx")
    wb.active["B4"], wb.active["B6"], wb.active["B7"] = 450, 180, 22000
    wb.save(other)
    loans = tmp / "loans-other.xlsx"
    wb = openpyxl.load_workbook(tmp / "loans-en.xlsx")
    ws = wb.active
    ws["B5"], ws["B6"], ws["B7"], ws["B8"], ws["B9"], ws["B10"] = 25000, 0.45, 24, 26, 500, 0.16
    wb.save(loans)
    return cells, recalculated([*files, other, loans], tmp), tmp


def test_templates_have_formulas_protected_and_inputs_unlocked(sheets):
    _, _, tmp = sheets
    for name in SHEETS:
        ws = openpyxl.load_workbook(tmp / f"{name}-es.xlsx").active
        assert ws.protection.sheet
        formulas = [c for row in ws.iter_rows() for c in row
                    if isinstance(c.value, str) and c.value.startswith("=")]
        inputs = [c for row in ws.iter_rows() for c in row if not c.protection.locked]
        assert len(formulas) >= 5 and inputs
        assert all(c.protection.locked for c in formulas)
        assert all(not (isinstance(c.value, str) and c.value.startswith("=")) for c in inputs)
        # every input row is labelled in column A
        assert all(ws[f"A{c.row}"].value for c in inputs if c.column_letter == "B")


def test_price_per_channel_equals_the_store_to_the_cent(sheets):
    cells, books, _ = sheets
    expected = worked_example("ch02").expected
    for lang in ("es", "en"):
        ws = books[f"price_channel-{lang}"]
        for code, results in expected.items():
            for key, value in results.items():
                cell = cells["price_channel"][f"{code}.{key}"]
                assert cents(ws[cell].value) == value, (code, key)
    amazon = sale_breakdown("REBOZO", "amazon_mx", start=DAY)
    assert expected["amazon_mx"]["deposited"] == amazon["deposited"]
    # María's rebozo in her own store: 991.38 - 44.40 - 175.00 - 520.00
    assert expected["web"]["contribution"] == Decimal("251.98")


def test_export_quote_equals_the_library_under_every_rule(sheets):
    cells, books, _ = sheets
    prices = export_inputs()["prices"]
    assert len(prices) == 8
    for lang in ("es", "en"):
        ws = books[f"export_quote-{lang}"]
        for rule, price in prices.items():
            assert cents(ws[cells["export_quote"][rule]].value) == price, rule


def test_break_even_equals_the_library_on_the_example_and_on_other_inputs(sheets):
    cells, books, _ = sheets
    ex = worked_example("ch06").expected
    where = cells["break_even"]
    for lang in ("es", "en"):
        ws = books[f"break_even-{lang}"]
        for key in ("net", "iva", "margin", "revenue"):
            assert cents(ws[where[key]].value) == ex[key], key
        assert ws[where["units"]].value == ex["units"]
    ws = books["break_even-other"]
    net = Decimal("387.93")  # 450 / 1.16
    assert cents(ws[where["net"]].value) == net
    assert ws[where["units"]].value == break_even_units("22000", net, "180")
    assert cents(ws[where["revenue"]].value) == break_even_revenue("22000", net, "180")


def test_loans_equal_the_library_payment_total_and_cat(sheets):
    cells, books, _ = sheets
    where = cells["loans"]
    expected = worked_example("ch14").expected
    # Doña Juana's two offers, IVA on the interest of both (the reading's figures)
    assert expected["A"]["total_paid"] == Decimal("11412.10")
    assert expected["B"]["total_paid"] == Decimal("10933.95")
    for lang in ("es", "en"):
        ws = books[f"loans-{lang}"]
        for offer, values in expected.items():
            for key, cell in (("payment", "payment"), ("total_paid", "total_paid"),
                              ("interest", "interest"), ("iva", "iva_total"),
                              ("cost", "cost_total")):
                assert cents(ws[where[f"{offer}.{cell}"]].value) == values[key], (offer, key)
            for key, cell in (("cat", "cat"), ("cat_without_iva", "cat_no_iva")):
                cat = Decimal(str(ws[where[f"{offer}.{cell}"]].value)).quantize(Decimal("0.001"))
                assert cat == values[key], (offer, key)
    other = compare_loans(LoanOffer("X", Decimal("25000"), Decimal("0.45"), 24,
                                    frequency="biweekly", opening_fee=Decimal("500"),
                                    iva_on_interest=True), start=LOAN_DAY)
    ws = books["loans-other"]
    assert cents(ws[where["A.payment"]].value) == other.loc["X", "payment"]
    assert cents(ws[where["A.total_paid"]].value) == other.loc["X", "total_paid"]
    assert cents(ws[where["A.iva_total"]].value) == other.loc["X", "iva"]
    for key, cell in (("cat", "A.cat"), ("cat_without_iva", "A.cat_no_iva")):
        cat = Decimal(str(ws[where[cell]].value)).quantize(Decimal("0.001"))
        assert cat == other.loc["X", key], key


def test_cash_flow_closes_each_week_with_opening_plus_in_minus_out(sheets):
    cells, books, _ = sheets
    ex = cash_flow_example()
    cash = ex["opening"]
    closing = []
    for cash_in, cash_out in zip(ex["cash_in"], ex["cash_out"], strict=True):
        cash = cash + cash_in - cash_out
        closing.append(cash)
    # Week 1 by hand: 5 rebozos at 1,150 / 1.16 = 991.38 bring 4,956.90; out go 5 x 520 = 2,600
    # at cost, 9,000 / 4 = 2,250 of fixed costs and the loan's first payment 1,029.46:
    # 5,879.46, so she closes at -922.56
    assert ex["cash_in"][0] == Decimal("4956.90")
    assert ex["cash_out"][0] == Decimal("5879.46")
    assert closing[0] == Decimal("-922.56")
    # After four weeks: 4 x (4,956.90 - 2,600 - 2,250) = 427.60 left over, minus the four
    # payments 1,029.46 + 1,027.89 + 1,026.30 + 1,024.69 = 4,108.34: María is 3,680.74 short
    # (chapter 14's worked example)
    assert closing[3] == Decimal("-3680.74")
    for lang in ("es", "en"):
        ws = books[f"cash_flow-{lang}"]
        for week, value in enumerate(closing, start=1):
            assert cents(ws[cells["cash_flow"][f"week{week}"]].value) == value
        assert cents(ws[cells["cash_flow"]["lowest"]].value) == min(closing)
