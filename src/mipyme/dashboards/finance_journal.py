"""Chapter 12's dashboard: one transaction of Guadalupe's month -> its entry, the bank and the balance.

Guadalupe Hernández makes Talavera plates in Puebla (Talavera Azul de la Luz, chapter 12).
Her first month is already in her journal (:func:`mipyme.finance.examples.talavera_month`);
the student chooses one more transaction and its amount, and sees the entry it
makes (debits and credits), what is left in the bank (:func:`mipyme.finance.account_balance`)
and the trial balance (:func:`mipyme.finance.trial_balance`). An entry that does not
balance (a sale written down without its IVA) is not posted: the dashboard shows the gap
and the finding :meth:`mipyme.finance.Journal.validate` gives for it. IVA comes from
:func:`mipyme.finance.add_iva`.

>>> from mipyme.dashboards.finance_journal import JournalDashboard
>>> board = JournalDashboard()
>>> result = board.update(transaction="purchase", amount=1500)
>>> result["balanced"], result["bank"]
(True, Money('9300.00', 'MXN'))
>>> board.update(transaction="sale_no_iva", amount=1000)["difference"]
Money('160.00', 'MXN')
"""

from __future__ import annotations

import textwrap
from decimal import Decimal
from typing import Any, ClassVar

from matplotlib.ticker import FuncFormatter, MaxNLocator

from mipyme.dashboards.base import Control, Dashboard
from mipyme.finance import (
    Journal,
    Transaction,
    account_balance,
    add_iva,
    credit,
    debit,
    trial_balance,
)
from mipyme.finance.charts import OKABE_ITO
from mipyme.finance.examples import talavera_month
from mipyme.i18n import t
from mipyme.money import Money, as_decimal, round_money

__all__ = ["JournalDashboard"]

#: The day the student's transaction is written, after Guadalupe's first month.
DAY = "2026-01-20"

_KINDS = ("purchase", "sale", "drawing", "loan", "sale_no_iva")

#: Every account Guadalupe's month and the student's transaction can touch, in chart order.
_TRIAL_CODES = ("1020", "1030", "1100", "1150", "2050", "2100", "3010", "3020", "4010",
                "5010", "6020")


#: Axis numbers with thousands separators, as amounts are written in Mexico.
_THOUSANDS = FuncFormatter(lambda x, _: f"{x:,.0f}")


def _plain(text: str) -> str:
    """Text for a chart: a dollar sign is a peso sign here, not the start of a formula."""
    return text.replace("$", r"\$")


def _entry(kind: str, net: Decimal) -> Transaction:
    """The student's transaction: ``net`` is the amount before IVA."""
    gross = add_iva(net, on=DAY)
    iva = gross - net
    label = t(f"dash.finch.ch12.kind_{kind}")
    postings = {
        "purchase": (debit("Inventario", net), debit("IVA acreditable", iva),
                     credit("Bancos", gross)),
        "sale": (debit("Bancos", gross), credit("Ventas", net), credit("IVA trasladado", iva)),
        "drawing": (debit("Retiros del dueño", net), credit("Bancos", net)),
        "loan": (debit("Bancos", net), credit("Préstamos", net)),
        # The usual mistake: the customer paid the price with IVA, the sale was written
        # without it, so the entry's credits fall short by the IVA.
        "sale_no_iva": (debit("Bancos", gross), credit("Ventas", net)),
    }[kind]
    return Transaction(DAY, label, postings)


class JournalDashboard(Dashboard):
    """Write one transaction in Guadalupe's journal and see the entry, the bank and the balance.

    Controls: the transaction (a purchase of materials paid from the bank, a sale paid by
    transfer, money Guadalupe takes home, a loan, or a sale written without its IVA) and its
    amount before IVA (100 to 20,000 pesos).

    Predict, then check: the student predicts what is left in the bank.
    """

    prediction_key: ClassVar[str] = "dash.finch.ch12.predict_bank"

    def __init__(self, **values: Any) -> None:
        controls = (
            Control("transaction", "dash.finch.ch12.transaction", "choice", "purchase",
                    options=_KINDS,
                    option_keys=tuple(f"dash.finch.ch12.kind_{k}" for k in _KINDS)),
            Control("amount", "dash.finch.ch12.amount", "float", 1000.0, 100, 20000, 100),
        )
        super().__init__(controls=controls, values=dict(values))

    def compute(self, **v: Any) -> dict[str, Any]:
        net = round_money(as_decimal(f"{v['amount']:.2f}", "amount"))
        entry = _entry(v["transaction"], net)
        books = talavera_month()
        books.add(entry)
        findings = books.validate()
        debits = sum((p.debit for p in entry.postings), Decimal("0"))
        credits = sum((p.credit for p in entry.postings), Decimal("0"))
        balanced = debits == credits
        chart = books.chart
        lines = [(chart.get(p.account).name(), p.debit, p.credit) for p in entry.postings]
        # An entry that does not balance is not posted: the balance stays as it was.
        posted = books if balanced else talavera_month()
        return {
            "kind": v["transaction"], "net": net, "entry": entry, "lines": lines,
            "debits": Money(debits), "credits": Money(credits), "balanced": balanced,
            "difference": Money(debits - credits),
            "findings": findings,
            "bank": Money(account_balance(posted, "Bancos")),
            "trial": trial_balance(posted),
        }

    # -- display ---------------------------------------------------------------------
    def build(self, figure: Any) -> dict[str, Any]:
        """Draw the empty frame once; :meth:`refresh` fills it (fast: no new axes)."""
        left, right = figure.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.4]})
        chart = Journal().chart
        colours = [OKABE_ITO[c] for c in ("blue", "orange", "green")]
        # Left: the entry as two stacked bars, debits and credits, one block per line.
        blocks = {side: [left.bar(x, 0, color=colours[i], edgecolor="white", width=0.6)[0]
                         for i in range(3)] for x, side in ((0, "debit"), (1, "credit"))}
        labels = {side: [left.text(x, 0, "", ha="center", va="center", fontsize=7,
                                   color="white", fontweight="bold")
                         for _ in range(3)] for x, side in ((0, "debit"), (1, "credit"))}
        gap = left.bar(1, 0, color="none", edgecolor=OKABE_ITO["vermillion"], hatch="//",
                       linewidth=1.5, width=0.6)[0]
        gap_text = left.text(1, 0, "", ha="center", va="center", fontsize=7,
                             color=OKABE_ITO["vermillion"], fontweight="bold")
        left.set_xticks([0, 1], [t("dash.finch.ch12.debit"), t("dash.finch.ch12.credit")])
        left.set_xlim(-0.5, 1.5)
        left.set_ylabel(t("dash.finch.pesos"))
        left.yaxis.set_major_formatter(_THOUSANDS)
        # Right: the trial balance, one bar per account that any transaction here can touch.
        names = [chart.get(code).name() for code in _TRIAL_CODES]
        rows = list(range(len(names)))
        bars = right.barh(rows, [0] * len(rows), color=OKABE_ITO["blue"])
        right.set_yticks(rows, names, fontsize=7)
        right.invert_yaxis()
        right.axvline(0, color="#444", linewidth=0.8)
        right.text(0.99, 0.01, t("dash.finch.ch12.sides"), transform=right.transAxes,
                   ha="right", va="bottom", fontsize=7, color="#444")
        right.set_xlabel(t("dash.finch.pesos"))
        right.xaxis.set_major_locator(MaxNLocator(4))
        right.xaxis.set_major_formatter(_THOUSANDS)
        figure.subplots_adjust(left=0.1, right=0.98, top=0.86, bottom=0.12, wspace=0.6)
        return {"left": left, "right": right, "blocks": blocks, "labels": labels, "gap": gap,
                "gap_text": gap_text, "bars": list(bars)}

    def refresh(self, result: dict[str, Any], art: dict[str, Any]) -> None:
        left, right = art["left"], art["right"]
        for column, side in ((1, "debit"), (2, "credit")):
            bottom = 0.0
            chosen = [line for line in result["lines"] if line[column]]
            for i, (block, label) in enumerate(zip(art["blocks"][side], art["labels"][side],
                                                   strict=True)):
                value = float(chosen[i][column]) if i < len(chosen) else 0.0
                block.set_y(bottom)
                block.set_height(value)
                label.set_position((block.get_x() + 0.3, bottom + value / 2))
                label.set_text(textwrap.fill(chosen[i][0], 11) if i < len(chosen) else "")
                bottom += value
        gap = float(result["difference"].amount)
        top = float(result["debits"].amount)
        art["gap"].set_y(top - gap)
        art["gap"].set_height(gap)
        art["gap"].set_visible(bool(gap))
        art["gap_text"].set_position((1, top - gap / 2))
        art["gap_text"].set_text(_plain(t("dash.finch.ch12.missing", gap=result["difference"]))
                                 if gap else "")
        left.set_ylim(0, top * 1.05)
        left.set_title(t("dash.finch.ch12.entry_title" if result["balanced"]
                         else "dash.finch.ch12.unbalanced_title"), fontsize=10,
                       color="black" if result["balanced"] else OKABE_ITO["vermillion"])
        trial = result["trial"]
        signed = dict(zip(trial.iloc[:-1, 0], (float(d) - float(c) for d, c in zip(
            trial.iloc[:-1, 2], trial.iloc[:-1, 3], strict=True)), strict=True))
        for code, bar in zip(_TRIAL_CODES, art["bars"], strict=True):
            value = signed.get(code, 0.0)
            bar.set_width(value)
            bar.set_color(OKABE_ITO["blue"] if value >= 0 else OKABE_ITO["vermillion"])
        reach = max(abs(v) for v in signed.values()) * 1.1
        right.set_xlim(-reach, reach)
        right.set_title(_plain(t("dash.finch.ch12.trial_title",
                                 debits=Money(trial.attrs["debits"]),
                                 credits=Money(trial.attrs["credits"]))), fontsize=9)

    def prediction(self, result: dict[str, Any]) -> Decimal:
        """What is left in Guadalupe's bank account after the transaction (if it balances), in pesos."""
        return result["bank"].amount

    def summary(self, result: dict[str, Any]) -> str:
        if not result["balanced"]:
            problem = next(f for f in result["findings"] if f.code == "unbalanced")
            return t("dash.finch.ch12.summary_unbalanced", debits=result["debits"],
                     credits=result["credits"], gap=result["difference"],
                     finding=problem.message, bank=result["bank"])
        line = t("dash.finch.ch12.summary", debits=result["debits"],
                 credits=result["credits"], bank=result["bank"])
        warnings = [f.message for f in result["findings"] if f.level == "warning"]
        if warnings:
            line += " · ⚠ " + " ".join(warnings)
        return line

    def alt_text(self, result: dict[str, Any]) -> str:
        if not result["balanced"]:
            return t("dash.finch.ch12.alt_unbalanced", debits=result["debits"],
                     credits=result["credits"], gap=result["difference"])
        return t("dash.finch.ch12.alt", kind=t(f"dash.finch.ch12.kind_{result['kind']}"),
                 debits=result["debits"], accounts=len(result["trial"]) - 1,
                 bank=result["bank"])
