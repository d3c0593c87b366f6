"""Spreadsheet templates (.xlsx) for the sums an entrepreneur repeats, in one language.

Five templates: price per channel (IVA, commissions, withholding), the export quote from EXW
to DDP, a 13-week cash flow, break-even, and two loans compared by CAT. Every result is a real
formula that repeats the library's rule (the same rounding to the cent, in the same order), so
a spreadsheet engine finds the library's figures; input cells are yellow, labelled and
unlocked, formula cells are locked (sheet protection without a password: it prevents
accidents, not a determined user). Each template ships filled with its chapter's worked
example, the reading's own (:data:`SHEETS`): María's rebozo per channel (ch02), Ernesto's 400
bags of coffee from EXW to DDP (ch08), Guadalupe's dinner plate at break-even (ch06), Doña
Juana's two loans with IVA on the interest (ch14), and the 13 weeks of María's workshop while
she pays a group loan (ch14's second worked example). The test recalculates them in
LibreOffice and compares with the library.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from mipyme.export import LINES, export_data, quote
from mipyme.fieldkit.examples import DAY, coffee_shipment, product_row, worked_example
from mipyme.finance import loan_schedule, split_iva
from mipyme.i18n import t

__all__ = ["CELLS", "SHEETS", "cash_flow_example", "export_inputs", "write_sheet"]

#: The templates, in the order a kit lists them, with the chapter whose example fills them.
SHEETS = {"price_channel": "ch02", "export_quote": "ch08", "cash_flow": "ch14",
          "break_even": "ch06", "loans": "ch14"}

#: Where each template's results are (sheet cells), for the test and for the guide.
CELLS: dict[str, dict[str, str]] = {}

_YELLOW = "FFF2CC"
_GREY = "E6E6E6"
_PRICE_CHANNELS = ("web", "mercado_libre", "amazon_mx")
_PRICE_INPUTS = ("gross", "commission_rate", "commission_fixed", "pay_rate", "pay_fixed",
                 "isr_rate", "ivawh_rate", "shipping", "cost")
_PRICE_RESULTS = ("sales", "iva", "commission", "payment_fee", "fees_iva", "isr_withheld",
                  "iva_withheld", "deposited", "contribution")
_RATES = {"commission_rate", "pay_rate", "isr_rate", "ivawh_rate", "iva_rate", "annual_rate",
          "overhead_rate", "margin_rate"}


def _styles():
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

    thin = Side(style="thin", color="000000")
    return {"input": (PatternFill("solid", fgColor=_YELLOW), Protection(locked=False)),
            "head": PatternFill("solid", fgColor=_GREY), "bold": Font(bold=True),
            "title": Font(bold=True, size=14), "border": Border(thin, thin, thin, thin),
            "wrap": Alignment(wrap_text=True, vertical="top"), "locked": Protection(locked=True)}


class _Sheet:
    """A worksheet being written: labels, inputs (yellow, unlocked) and formulas (locked)."""

    def __init__(self, ws, lang: str) -> None:
        self.ws, self.lang, self.st = ws, lang, _styles()

    def text(self, ref: str, value: str, *, bold: bool = False, head: bool = False) -> None:
        cell = self.ws[ref]
        cell.value = value
        cell.alignment = self.st["wrap"]
        if bold:
            cell.font = self.st["bold"]
        if head:
            cell.fill = self.st["head"]
            cell.font = self.st["bold"]

    def input(self, ref: str, value: object, name: str = "") -> None:
        cell = self.ws[ref]
        cell.value = float(value) if isinstance(value, Decimal) else value
        cell.fill, cell.protection = self.st["input"]
        cell.border = self.st["border"]
        cell.number_format = "0.00%" if name in _RATES else "#,##0.00"

    def formula(self, ref: str, formula: str, fmt: str = "#,##0.00") -> None:
        cell = self.ws[ref]
        cell.value = formula
        cell.protection = self.st["locked"]
        cell.border = self.st["border"]
        cell.number_format = fmt

    def header(self, title_key: str, columns: dict[str, int]) -> None:
        ws = self.ws
        ws["A1"] = t(f"fieldkit.sheet.{title_key}", lang=self.lang)
        ws["A1"].font = self.st["title"]
        ws["A2"] = t("fieldkit.sheet.input_note", lang=self.lang)
        for col, width in columns.items():
            ws.column_dimensions[col].width = width
        ws.protection.sheet = True
        ws.protection.formatCells = False
        ws.protection.formatColumns = False


def _price_channel(s: _Sheet) -> dict[str, str]:
    ex = worked_example(SHEETS["price_channel"])
    s.header("price_channel", {"A": 46, "B": 18, "C": 18, "D": 18})
    cols = dict(zip(_PRICE_CHANNELS, "BCD", strict=True))
    for code, col in cols.items():
        s.text(f"{col}4", t(f"fieldkit.channel.{code}", lang=s.lang), head=True)
    s.text("A4", t("fieldkit.sheet.input", lang=s.lang), head=True)
    s.text("A5", t("fieldkit.xl.iva_rate", lang=s.lang))
    s.input("B5", Decimal("0.16"), "iva_rate")
    row = {}
    for n, name in enumerate(_PRICE_INPUTS, start=6):
        row[name] = n
        s.text(f"A{n}", t(f"fieldkit.xl.{name}", lang=s.lang))
        for code, col in cols.items():
            s.input(f"{col}{n}", ex.inputs[code][name], name)
    first = 6 + len(_PRICE_INPUTS) + 1
    s.text(f"A{first}", t("fieldkit.sheet.result", lang=s.lang), head=True)
    out: dict[str, str] = {}
    for n, name in enumerate(_PRICE_RESULTS, start=first + 1):
        row[name] = n
        s.text(f"A{n}", t(f"fieldkit.xl.{name}", lang=s.lang), bold=name in ("deposited", "contribution"))
    for code, col in cols.items():
        r = {k: f"{col}{v}" for k, v in row.items()}
        rules = {
            "sales": f"=ROUND({r['gross']}/(1+$B$5),2)",
            "iva": f"={r['gross']}-{r['sales']}",
            "commission": f"=ROUND({r['gross']}*{r['commission_rate']}+{r['commission_fixed']},2)",
            "payment_fee": f"=ROUND({r['gross']}*{r['pay_rate']}+{r['pay_fixed']},2)",
            "fees_iva": f"=ROUND(({r['commission']}+{r['payment_fee']})*$B$5,2)",
            "isr_withheld": f"=ROUND({r['sales']}*{r['isr_rate']},2)",
            "iva_withheld": f"=ROUND({r['sales']}*{r['ivawh_rate']},2)",
            "deposited": (f"={r['gross']}-{r['commission']}-{r['payment_fee']}-{r['fees_iva']}"
                          f"-{r['isr_withheld']}-{r['iva_withheld']}"),
            "contribution": (f"={r['sales']}-{r['cost']}-{r['commission']}-{r['payment_fee']}"
                             f"-{r['shipping']}"),
        }
        for name, formula in rules.items():
            s.formula(r[name], formula)
            out[f"{code}.{name}"] = r[name]
    return out


def _break_even(s: _Sheet) -> dict[str, str]:
    ex = worked_example(SHEETS["break_even"])
    s.header("break_even", {"A": 44, "B": 18})
    for n, name in enumerate(("price", "iva_rate", "unit_cost", "fixed"), start=4):
        s.text(f"A{n}", t(f"fieldkit.xl.{name}", lang=s.lang))
        s.input(f"B{n}", ex.inputs[name], name)
    rules = {"net": "=ROUND(B4/(1+B5),2)", "iva": "=B4-B9", "margin": "=B9-B6",
             "units": "=ROUNDUP(B7/B11,0)", "revenue": "=ROUND(B7*B9/B11,2)"}
    s.text("A8", t("fieldkit.sheet.result", lang=s.lang), head=True)
    out = {}
    for n, (name, formula) in enumerate(rules.items(), start=9):
        s.text(f"A{n}", t(f"fieldkit.xl.{name}", lang=s.lang), bold=name in ("units", "revenue"))
        s.formula(f"B{n}", formula, "#,##0" if name == "units" else "#,##0.00")
        out[name] = f"B{n}"
    return out


_LOAN_ROWS = 60  # payments the schedule holds (five years monthly, about a year weekly)
_LOAN_INPUTS = ("principal", "annual_rate", "periods", "per_year", "opening_fee", "iva_rate")
_LOAN_RESULTS = ("level", "payment", "total_paid", "interest", "iva_total", "cost_total", "cat",
                 "cat_no_iva")
_LOAN_LABELS = {"iva_rate": "iva_on_interest"}


def _loans(s: _Sheet) -> dict[str, str]:
    """Two offers side by side, each with its schedule on the same sheet.

    The library's rule (``mipyme.finance.loan_schedule``, declining balance): a level payment
    of principal and interest; each period's interest on the balance, rounded to the cent; IVA
    on that interest (0 % if the loan carries none); the last payment takes what is left. The
    CAT compounds the IRR of the flows to a year, with the IVA and without it (as published).
    """
    ex = worked_example(SHEETS["loans"])
    offers = tuple(ex.inputs)
    s.header("loans", {c: 13 for c in "BCDEFGHIJKLMNOP"} | {"A": 44})
    out: dict[str, str] = {}
    s.text("A4", t("fieldkit.xl.offer", lang=s.lang), head=True)
    top = 5 + len(_LOAN_INPUTS)  # the results' header row
    first = top + len(_LOAN_RESULTS) + 4  # period 0 of the schedule; its header just above
    heads = ("period", "interest", "iva_paid", "principal_paid", "balance", "flow", "flow_no_iva")
    for k, (offer, col, sched) in enumerate(zip(offers, ("B", "C"), ("BCDEFGH", "JKLMNOP"),
                                                strict=True)):
        s.text(f"{col}4", t(f"fieldkit.loan.{SHEETS['loans']}.{offer}", lang=s.lang), head=True)
        ws = s.ws
        for n, name in enumerate(_LOAN_INPUTS, start=5):
            if k == 0:
                s.text(f"A{n}", t(f"fieldkit.xl.{_LOAN_LABELS.get(name, name)}", lang=s.lang))
            s.input(f"{col}{n}", ex.inputs[offer][name], name)
            if name in ("periods", "per_year"):
                ws[f"{col}{n}"].number_format = "0"
        p, rate, n_, per, fee, iva = (f"${col}${n}" for n in range(5, 5 + len(_LOAN_INPUTS)))
        c_per, c_int, c_iva, c_prin, c_bal, c_flow, c_net = sched
        for head, c in zip(heads, sched, strict=True):
            s.text(f"{c}{first - 1}", f"{t(f'fieldkit.xl.{head}', lang=s.lang)} ({offer})",
                   head=True)
        s.formula(f"{c_per}{first}", "=0", "0")
        s.formula(f"{c_bal}{first}", f"={p}", "#,##0.00")
        s.formula(f"{c_flow}{first}", f"=-({p}-{fee})")
        s.formula(f"{c_net}{first}", f"=-({p}-{fee})")
        i = f"({rate}/{per})"
        level = f"${col}${top + 1}"
        for row in range(first + 1, first + 1 + _LOAN_ROWS):
            k_ = f"{c_per}{row}"
            prev = f"{c_bal}{row - 1}"
            s.formula(k_, f"={c_per}{row - 1}+1", "0")
            s.formula(f"{c_int}{row}", f"=IF({k_}<={n_},ROUND({prev}*{i},2),0)")
            s.formula(f"{c_iva}{row}", f"=ROUND({c_int}{row}*{iva},2)")
            s.formula(f"{c_prin}{row}", f"=IF({k_}<={n_},IF({k_}={n_},{prev},"
                                        f"MAX(MIN({level}-{c_int}{row},{prev}),0)),0)")
            s.formula(f"{c_bal}{row}", f"={prev}-{c_prin}{row}")
            s.formula(f"{c_flow}{row}", f"={c_int}{row}+{c_iva}{row}+{c_prin}{row}")
            s.formula(f"{c_net}{row}", f"={c_int}{row}+{c_prin}{row}")
        last = first + _LOAN_ROWS
        rules = {
            "level": f"=IF({rate}=0,ROUND({p}/{n_},2),ROUND({p}*{i}/(1-(1+{i})^(-{n_})),2))",
            "payment": f"={c_flow}{first + 1}",
            "total_paid": f"=SUM({c_flow}{first + 1}:{c_flow}{last})+{fee}",
            "interest": f"=SUM({c_int}{first + 1}:{c_int}{last})",
            "iva_total": f"=SUM({c_iva}{first + 1}:{c_iva}{last})",
            "cost_total": f"={col}{top + 3}-{p}",
            "cat": f"=ROUND((1+IRR({c_flow}{first}:{c_flow}{last},0.01))^{per}-1,3)",
            "cat_no_iva": f"=ROUND((1+IRR({c_net}{first}:{c_net}{last},0.01))^{per}-1,3)",
        }
        s.text(f"A{top}", t("fieldkit.sheet.result", lang=s.lang), head=True)
        for n, name in enumerate(_LOAN_RESULTS, start=top + 1):
            if k == 0:
                s.text(f"A{n}", t(f"fieldkit.xl.{name}", lang=s.lang),
                       bold=name in ("total_paid", "cat"))
            s.formula(f"{col}{n}", rules[name],
                      "0.0%" if name.startswith("cat") else "#,##0.00")
            out[f"{offer}.{name}"] = f"{col}{n}"
    return out


def export_inputs() -> dict:
    """The export template's inputs from the library: the coffee shipment's DDP build-up.

    ``fixed`` maps each cost line charged per shipment to its pesos; ``insurance`` the
    premium rate each rule's cover uses; ``included`` the seller's lines of each rule.
    """
    ship = coffee_shipment()
    data = export_data()
    rules = ("EXW", "FCA", "FAS", "FOB", "CFR", "CIF", "DAP", "DDP")
    quotes = {r: quote(ship, r, "US", currency="USD", on=DAY) for r in rules}
    ddp = quotes["DDP"]
    mxn = {x.line: x.amount_mxn for x in ddp.seller}
    insurance = {r: data.rate_row(f"insurance_icc_{data.incoterms.cover[r].lower()}",
                                  ship.mode, "US").amount for r in rules}
    return {"unit_cost": ship.product.unit_cost, "units": ship.units,
            "overhead_rate": ship.overhead_rate, "margin_rate": ship.margin_rate,
            "rate": ddp.mxn_per_unit, "insurance": insurance,
            "fixed": {line: mxn[line] for line in LINES if line in mxn and line not in
                      ("product_cost", "overhead", "margin", "insurance")},
            "included": {r: {x.line for x in q.seller} for r, q in quotes.items()},
            "prices": {r: q.price.amount for r, q in quotes.items()}}


def _export_quote(s: _Sheet) -> dict[str, str]:
    data = export_inputs()
    rules = list(data["included"])
    cols = [chr(ord("D") + k) for k in range(len(rules))]
    s.header("export_quote", {"A": 40, "B": 16, "C": 16} | dict.fromkeys(cols, 12))
    heads = [("unit_cost", data["unit_cost"]), ("units", data["units"]),
             ("overhead_rate", data["overhead_rate"]), ("margin_rate", data["margin_rate"]),
             ("rate", data["rate"])]
    labels = {"unit_cost": "fieldkit.xl.unit_cost", "units": "fieldkit.xl.periods",
              "overhead_rate": "export.line.overhead", "margin_rate": "export.line.margin",
              "rate": "fieldkit.xl.rate"}
    labels["units"] = "fieldkit.xl.units_shipped"
    for n, (name, value) in enumerate(heads, start=4):
        s.text(f"A{n}", t(labels[name], lang=s.lang) + (" (%)" if name in _RATES else ""))
        s.input(f"B{n}", value, name)
    s.ws["B5"].number_format = "0"
    s.ws["B8"].number_format = "0.0000"
    top = 10
    s.text(f"A{top}", t("fieldkit.xl.line", lang=s.lang), head=True)
    s.text(f"B{top}", t("fieldkit.xl.mxn", lang=s.lang), head=True)
    s.text(f"C{top}", t("fieldkit.xl.usd", lang=s.lang), head=True)
    for rule, col in zip(rules, cols, strict=True):
        s.text(f"{col}{top}", rule, head=True)
    s.text(f"A{top + 1}", t("fieldkit.xl.insurance_rate", lang=s.lang))
    for rule, col in zip(rules, cols, strict=True):
        s.input(f"{col}{top + 1}", data["insurance"][rule], "insurance_rate")
        s.ws[f"{col}{top + 1}"].number_format = "0.000%"
    row = {line: top + 2 + k for k, line in enumerate(LINES)}
    for line, n in row.items():
        s.text(f"A{n}", t(f"export.line.{line}", lang=s.lang))
        if line == "product_cost":
            s.formula(f"B{n}", "=ROUND(B4*B5,2)")
        elif line == "overhead":
            s.formula(f"B{n}", f"=ROUND(B{row['product_cost']}*B6,2)")
        elif line == "margin":
            s.formula(f"B{n}", f"=ROUND((B{row['product_cost']}+B{row['overhead']})*B7,2)")
        elif line == "insurance":
            s.text(f"B{n}", "→")
        else:
            s.input(f"B{n}", data["fixed"].get(line, Decimal("0.00")), line)
        if line != "insurance":
            s.formula(f"C{n}", f"=ROUND(B{n}/$B$8,2)")
    cfr = f"SUM($B${row[LINES[0]]}:$B${row[LINES[8]]})"
    price_row = top + 2 + len(LINES)
    s.text(f"A{price_row}", t("fieldkit.xl.price_rules", lang=s.lang), bold=True)
    out = {}
    for rule, col in zip(rules, cols, strict=True):
        included = data["included"][rule]
        for line, n in row.items():
            if line not in included:
                continue
            if line == "insurance":
                s.formula(f"{col}{n}", f"=ROUND((ROUND({cfr}/(1-1.1*{col}${top + 1}),2)-{cfr})/$B$8,2)")
            else:
                s.formula(f"{col}{n}", f"=$C{n}")
        s.formula(f"{col}{price_row}", f"=SUM({col}{row[LINES[0]]}:{col}{row[LINES[-1]]})")
        out[rule] = f"{col}{price_row}"
    return out


#: Chapter 14's worked example ``alcanza-para-las-cuotas`` (María's looms): its inputs as
#: the reading gives them. A month is four weeks there, as here.
CASH_FLOW_LOAN = {"principal": "20000", "annual_rate": "0.72", "periods": 24,
                  "start": "2026-04-06"}
_REBOZOS_A_MONTH = 20
_FIXED_A_MONTH = Decimal("9000.00")


def cash_flow_example() -> dict:
    """The 13-week cash flow of María Gómez Pérez's workshop with the group loan (ch14).

    The reading's case: the rebozo sells for its catalog price with IVA (``TEJ-REB`` in
    ``datasets_products.csv``) and costs its catalog cost; 20 rebozos a month (5 a week),
    9,000 pesos of fixed costs a month (2,250 a week), and a 20,000-peso group loan at 72 %
    on the declining balance, 24 weekly payments with IVA on the interest, received on
    6 April 2026. Cash in is each week's sales before IVA (the IVA is the SAT's); cash out is
    the week's rebozos at cost, the week's fixed costs and the loan payment. She starts with
    no cash (the loan went into the looms). After four weeks she is 3,680.74 pesos short, as
    the reading finds.
    """
    row = product_row("TEJ-REB")
    net = split_iva(row["price"], on=CASH_FLOW_LOAN["start"])[0]
    weekly = _REBOZOS_A_MONTH // 4
    loan = loan_schedule(CASH_FLOW_LOAN["principal"], CASH_FLOW_LOAN["annual_rate"],
                         CASH_FLOW_LOAN["periods"], frequency="weekly",
                         start=CASH_FLOW_LOAN["start"], iva_on_interest=True)
    cash_in = [weekly * net for _ in range(13)]
    cash_out = [weekly * row["unit_cost"] + _FIXED_A_MONTH / 4 + loan["payment"].iloc[w]
                for w in range(13)]
    return {"opening": Decimal("0.00"), "cash_in": cash_in, "cash_out": cash_out}


def _cash_flow(s: _Sheet) -> dict[str, str]:
    ex = cash_flow_example()
    s.header("cash_flow", {"A": 12, "B": 18, "C": 18, "D": 18, "E": 18})
    s.text("A4", t("fieldkit.xl.opening_cash", lang=s.lang))
    s.input("B4", ex["opening"], "opening")
    for col, key in zip("ABCDE", ("week", "opening_cash", "cash_in", "cash_out", "closing_cash"),
                        strict=True):
        s.text(f"{col}6", t(f"fieldkit.xl.{key}", lang=s.lang), head=True)
    out = {}
    for w in range(1, 14):
        n = 6 + w
        s.formula(f"A{n}", f"={w}", "0")
        s.formula(f"B{n}", "=B4" if w == 1 else f"=E{n - 1}")
        s.input(f"C{n}", ex["cash_in"][w - 1], "cash_in")
        s.input(f"D{n}", ex["cash_out"][w - 1], "cash_out")
        s.formula(f"E{n}", f"=B{n}+C{n}-D{n}")
        out[f"week{w}"] = f"E{n}"
    s.text("A21", t("fieldkit.xl.lowest", lang=s.lang), bold=True)
    s.formula("B21", "=MIN(E7:E19)")
    out["lowest"] = "B21"
    return out


_WRITERS = {"price_channel": _price_channel, "export_quote": _export_quote,
            "cash_flow": _cash_flow, "break_even": _break_even, "loans": _loans}


def write_sheet(name: str, lang: str, path: Path) -> dict[str, str]:
    """Write template ``name`` in ``lang`` to ``path``; return where its results are."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = t(f"fieldkit.sheet.{name}", lang=lang)[:31]
    cells = _WRITERS[name](_Sheet(ws, lang))
    wb.save(path)
    CELLS[name] = cells
    return cells
