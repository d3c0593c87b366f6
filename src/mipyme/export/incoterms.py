"""The 11 Incoterms 2020 rules as data: for each cost line, who pays it (seller or buyer).

The table lives in ``data/incoterms.csv`` (one row per rule x cost line), so an instructor
can read it, print it and check it against the ICC text. The sea-only rules (FAS, FOB, CFR,
CIF) refuse other modes and say which rule to use instead.

>>> from mipyme.export.incoterms import payer, check_rule
>>> payer("FOB", "international_freight")
'buyer'
>>> payer("CIF", "insurance")
'seller'
>>> with language("en"):
...     check_rule("FOB", "air")
Traceback (most recent call last):
...
mipyme.errors.InputError: FOB is for sea or inland waterway transport only (got mode='air', air transport); use FCA instead
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd

from mipyme.errors import InputError
from mipyme.i18n import get_language, language, t
from mipyme.tables import read_table

__all__ = [
    "ALL_MODES",
    "LINES",
    "MODES",
    "RULES",
    "SEA_ONLY",
    "SEA_RULE_FOR_ANY_MODE",
    "check_mode",
    "check_rule",
    "incoterm_table",
    "payer",
    "who_pays",
]

#: The 11 rules of Incoterms 2020, any-mode rules first, in the ICC's order.
RULES: tuple[str, ...] = ("EXW", "FCA", "CPT", "CIP", "DAP", "DPU", "DDP",
                          "FAS", "FOB", "CFR", "CIF")

#: Transport modes the chapters' dashboards offer.
MODES: tuple[str, ...] = ("sea", "air", "courier")

#: Every mode the engine prices: the dashboards' modes and ``truck``, road freight to a land
#: border (e.g. Nuevo Laredo - Laredo), priced for the United States and Mexico only.
ALL_MODES: tuple[str, ...] = (*MODES, "truck")

#: Rules for sea and inland waterway transport only.
SEA_ONLY: tuple[str, ...] = ("FAS", "FOB", "CFR", "CIF")

#: The any-mode rule to use instead of a sea-only rule (containers, air, courier).
SEA_RULE_FOR_ANY_MODE: dict[str, str] = {"FAS": "FCA", "FOB": "FCA", "CFR": "CPT", "CIF": "CIP"}

#: Cost lines in the order they build up the price, from the workshop to the buyer's door.
LINES: tuple[str, ...] = (
    "product_cost", "overhead", "margin", "export_packing", "loading", "export_clearance",
    "inland_freight", "origin_handling", "international_freight", "insurance",
    "destination_handling", "delivery", "unloading", "import_clearance", "duty",
    "import_fees", "import_taxes",
)


@cache
def _packaged() -> IncotermTable:
    return IncotermTable.from_frame(read_table("incoterms", required=(
        "rule", "mode", "line", "payer", "risk_passes", "insurance_cover"), dates=("as_of",)))


class IncotermTable:
    """The rule x cost-line table, checked and indexed for fast look-ups."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame
        self.payers: dict[tuple[str, str], str] = {}
        self.mode: dict[str, str] = {}
        self.risk: dict[str, str] = {}
        self.cover: dict[str, str] = {}
        for i, row in enumerate(frame.itertuples(index=False), start=2):
            if row.payer not in ("seller", "buyer"):
                raise InputError("errors.data_bad_value", file="incoterms", row=i,
                                 column="payer", problem="seller / buyer", value=row.payer)
            self.payers[(row.rule, row.line)] = row.payer
            self.mode[row.rule] = row.mode
            self.risk[row.rule] = row.risk_passes
            self.cover[row.rule] = row.insurance_cover
        missing = [(r, x) for r in RULES for x in LINES if (r, x) not in self.payers]
        if missing:
            rule, line = missing[0]
            raise InputError("export.data_missing_row", file="incoterms",
                             row=f"{rule} x {line}")
        #: For each rule, the cost lines the seller pays (they make up the price).
        self.seller_lines: dict[str, tuple[str, ...]] = {
            r: tuple(x for x in LINES if self.payers[(r, x)] == "seller") for r in RULES}

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> IncotermTable:
        return cls(frame)

    @classmethod
    def from_csv(cls, path: str | Path) -> IncotermTable:
        """Read an instructor's own copy of ``incoterms.csv``."""
        return cls(read_table(path, required=("rule", "mode", "line", "payer", "risk_passes",
                                              "insurance_cover")))


def incoterm_table() -> IncotermTable:
    """The packaged table (``data/incoterms.csv``)."""
    return _packaged()


def check_rule(rule: object, mode: str | None = None) -> str:
    """Return the rule in capitals if it is an Incoterms 2020 rule usable with ``mode``.

    >>> check_rule("fca", "air")
    'FCA'
    >>> check_rule("FOT")
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'rule' debe ser uno de ('EXW', 'FCA', 'CPT', 'CIP', 'DAP', 'DPU', 'DDP', 'FAS', 'FOB', 'CFR', 'CIF') (se recibió 'FOT')
    """
    code = rule.upper().strip() if isinstance(rule, str) else rule
    if code not in RULES:
        raise InputError("errors.one_of", arg="rule", choices=RULES, value=rule)
    if mode is not None:
        mode = check_mode(mode)
        if code in SEA_ONLY and mode != "sea":
            raise InputError("export.sea_only_rule", rule=code, mode=mode,
                             mode_name=t(f"export.mode.{mode}"),
                             instead=SEA_RULE_FOR_ANY_MODE[code])
    return code


def check_mode(mode: object) -> str:
    """Return ``mode`` if the kit prices it (``'sea'``, ``'air'``, ``'courier'``, ``'truck'``).

    >>> check_mode("Air"), check_mode("truck")
    ('air', 'truck')
    """
    value = mode.lower().strip() if isinstance(mode, str) else mode
    if value not in ALL_MODES:
        raise InputError("errors.one_of", arg="mode", choices=ALL_MODES, value=mode)
    return value


def payer(rule: str, line: str, table: IncotermTable | None = None) -> str:
    """Who pays cost ``line`` under ``rule``: ``'seller'`` or ``'buyer'``.

    >>> payer("EXW", "loading"), payer("FCA", "loading")
    ('buyer', 'seller')
    >>> payer("DPU", "unloading"), payer("DDP", "unloading")
    ('seller', 'buyer')
    """
    rule = check_rule(rule)
    if line not in LINES:
        raise InputError("errors.one_of", arg="line", choices=LINES, value=line)
    return (table or incoterm_table()).payers[(rule, line)]


def who_pays(rules: tuple[str, ...] | list[str] = RULES, lang: str | None = None,
             table: IncotermTable | None = None) -> pd.DataFrame:
    """A chart for the classroom: one row per cost line, one column per rule.

    Cells say who pays (in ``lang``); the last rows say where the risk passes and which
    transport modes the rule allows.

    >>> chart = who_pays(["EXW", "FOB", "DDP"], lang="en")
    >>> chart.loc["duty", "DDP"], chart.loc["duty", "FOB"]
    ('seller', 'buyer')
    >>> chart.loc["Risk passes", "FOB"]
    'on board the ship at the origin port'
    """
    table = table or incoterm_table()
    rules = [check_rule(r) for r in rules]
    with language(lang or get_language()):
        data = {r: [t(f"export.payer.{table.payers[(r, x)]}") for x in LINES]
                + [t(f"export.risk.{table.risk[r]}"), t(f"export.mode_rule.{table.mode[r]}")]
                for r in rules}
        index = [t(f"export.line.{x}") for x in LINES] + [t("export.col.risk"),
                                                           t("export.col.modes")]
        frame = pd.DataFrame(data, index=index)
        frame.index.name = t("export.col.line")
    return frame

