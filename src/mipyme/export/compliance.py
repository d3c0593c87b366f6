"""Export compliance: what a product needs, besides a price, to leave Mexico and enter a market.

The requirements are data (``data/export_requirements.csv``): one row per requirement of a
product (a tariff product of the example businesses, or ``*``) for a market (or ``*``), with
who does it, what must be done first, its lead time in days and its cost, each with its
primary source and ``as_of``. Lead times and costs are estimates unless the row says otherwise.

- :func:`requirements`: the requirements of a product for a market, as a table;
- :func:`readiness`: an export-readiness self-check (answers -> what is missing, in words);
- :func:`earliest_ship_date`: today plus the longest chain of steps still to do;
- :func:`prior_notice_deadline`: the latest time FDA must confirm a prior notice (21 CFR 1.279);
- :func:`importer_of_record`: who is importer of record and pays duty, fees and taxes under
  each Incoterms rule (from the kit's Incoterms table).

>>> import datetime as dt
>>> [r for r in requirement_ids("mezcal", "US") if r.startswith("ttb")]
['ttb_cola']
>>> earliest_ship_date("mezcal", "US", "2026-03-02")
datetime.date(2026, 5, 21)
>>> importer_of_record("DDP").importer
'seller'
>>> prior_notice_deadline("2026-03-10 14:00", "truck")
datetime.datetime(2026, 3, 10, 12, 0)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

import pandas as pd

from mipyme.errors import InputError
from mipyme.export.incoterms import check_rule, payer
from mipyme.i18n import get_language, language, t
from mipyme.tables import date_or_today, parse_date, read_table

__all__ = [
    "PRIOR_NOTICE_HOURS",
    "PRODUCTS",
    "ImporterOfRecord",
    "Readiness",
    "compliance_cost",
    "earliest_ship_date",
    "export_requirements",
    "importer_of_record",
    "prior_notice_deadline",
    "readiness",
    "requirement_ids",
    "requirements",
    "schedule",
]

#: The tariff products of the example businesses (``businesses.csv``).
PRODUCTS: tuple[str, ...] = ("talavera", "cotton_apparel", "coffee", "mezcal",
                             "silver_jewelry", "honey")

#: Hours before arrival by which FDA must have confirmed a prior notice, by the kit's modes:
#: 21 CFR 1.279(a) (73 FR 66402, 2008-11-07): 2 by road, 4 by rail or air, 8 by water; by
#: international mail, before the parcel is sent (``mail``: 0 hours before sending).
#: A courier parcel flies: the air rule.
PRIOR_NOTICE_HOURS: dict[str, int] = {"truck": 2, "rail": 4, "air": 4, "courier": 4,
                                      "sea": 8}

_KINDS = ("must", "benefit")
_WHO = ("exporter", "producer", "broker", "importer", "lab")


@cache
def _packaged() -> pd.DataFrame:
    return export_requirements()


def export_requirements(path: str | None = None) -> pd.DataFrame:
    """The requirements table (``data/export_requirements.csv``, or an instructor's copy).

    >>> table = export_requirements()
    >>> {"requirement", "lead_days", "cost", "source", "as_of"} <= set(table.columns)
    True
    """
    frame = read_table(path or "export_requirements", decimals=("cost",), required=(
        "product", "market", "requirement", "kind", "who", "after", "lead_days", "cost",
        "currency"))
    name = "export_requirements"
    for i, row in enumerate(frame.itertuples(index=False), start=2):
        if row.kind not in _KINDS:
            raise InputError("errors.data_bad_value", file=name, row=i, column="kind",
                             problem=" / ".join(_KINDS), value=row.kind)
        if row.who not in _WHO:
            raise InputError("errors.data_bad_value", file=name, row=i, column="who",
                             problem=" / ".join(_WHO), value=row.who)
        if not row.lead_days.isdigit():
            raise InputError("errors.data_bad_value", file=name, row=i, column="lead_days",
                             problem="0, 1, 2...", value=row.lead_days)
    frame["lead_days"] = frame["lead_days"].astype(int)
    return frame


def _check_product(product: object) -> str:
    if product not in PRODUCTS:
        raise InputError("errors.one_of", arg="product", choices=PRODUCTS, value=product)
    return str(product)


def _check_market(market: object) -> str:
    if not isinstance(market, str) or len(market.strip()) != 2:
        raise InputError("compliance.bad_market", value=market)
    return market.strip().upper()


def _rows(product: str, market: str, table: pd.DataFrame | None) -> pd.DataFrame:
    product, market = _check_product(product), _check_market(market)
    frame = _packaged() if table is None else table
    chosen = frame[frame["product"].isin((product, "*")) & frame["market"].isin((market, "*"))]
    return chosen.drop_duplicates("requirement", keep="first").reset_index(drop=True)


def requirement_ids(product: str, market: str = "US",
                    table: pd.DataFrame | None = None) -> list[str]:
    """The ids of the requirements of ``product`` for ``market``, in the table's order.

    >>> requirement_ids("talavera", "US")
    ['rfc_efirma', 'encargo_conferido', 'cfdi_comercio_exterior', 'usmca_certification', \
'fda_lead_test', 'decorative_ceramic_mark']
    """
    return list(_rows(product, market, table)["requirement"])


def requirements(product: str, market: str = "US", lang: str | None = None,
                 table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The requirements of ``product`` for ``market``, one row each, described in ``lang``.

    Columns: ``requirement`` (id), ``name``, ``kind`` (``must``/``benefit``), ``who``,
    ``after``, ``lead_days``, ``cost``, ``currency``, ``source``, ``as_of``.

    >>> table = requirements("coffee", "US", lang="en").set_index("requirement")
    >>> table.loc["fda_prior_notice", "name"]
    'FDA prior notice of each shipment'
    >>> int(table.loc["fda_facility_registration", "lead_days"])
    7
    """
    rows = _rows(product, market, table)
    with language(lang or get_language()):
        names = [t(f"compliance.req.{r}.name") for r in rows["requirement"]]
    out = rows[["requirement", "kind", "who", "after", "lead_days", "cost", "currency",
                "source", "as_of"]].copy()
    out.insert(1, "name", names)
    return out


def _finish_days(rows: pd.DataFrame, done: set[str]) -> dict[str, int]:
    """Days from today until each requirement is done: its lead time after what comes first.

    A requirement already done takes 0 days; a step whose first step is not for this product
    starts today. Steps run side by side unless one must come after another.
    """
    lead = dict(zip(rows["requirement"], rows["lead_days"], strict=True))
    after = dict(zip(rows["requirement"], rows["after"], strict=True))
    finish: dict[str, int] = {}

    def days(req: str, seen: tuple[str, ...] = ()) -> int:
        if req in finish:
            return finish[req]
        if req in seen:  # a loop in the table: refuse it by name
            raise InputError("compliance.loop", requirement=req)
        first = after.get(req, "")
        start = days(first, (*seen, req)) if first in lead else 0
        finish[req] = start + (0 if req in done else int(lead[req]))
        return finish[req]

    for req in lead:
        days(req)
    return finish


def _check_answers(answers: Mapping[str, object] | None, known: list[str]) -> set[str]:
    if answers is None:
        return set()
    if not isinstance(answers, Mapping):
        raise InputError("compliance.answers_not_dict", value=answers)
    done = set()
    for key, value in answers.items():
        if key not in known:
            raise InputError("errors.one_of", arg="answers", choices=tuple(known), value=key)
        if not isinstance(value, bool):
            raise InputError("compliance.answer_not_bool", requirement=key, value=value)
        if value:
            done.add(key)
    return done


def earliest_ship_date(product: str, market: str, today: object,
                       done: Mapping[str, object] | None = None, *, include_benefits: bool = False,
                       table: pd.DataFrame | None = None) -> dt.date:
    """The first day the goods can leave: ``today`` plus the longest chain of steps left.

    Only the ``must`` requirements count (``include_benefits=True`` waits for the benefits
    too). ``done`` is the self-check's answers (``{"rfc_efirma": True, ...}``).

    Mezcal to the United States, nothing done: the importer's TTB permit (60 days) and then
    the label approval (20) take 80 days, longer than any other chain, so from 2 March 2026
    the earliest day is 21 May 2026:

    >>> earliest_ship_date("mezcal", "US", "2026-03-02")
    datetime.date(2026, 5, 21)
    >>> earliest_ship_date("mezcal", "US", "2026-03-02",
    ...                    {"us_importer_permit": True, "ttb_cola": True})
    datetime.date(2026, 4, 1)
    """
    day = parse_date(today, "today")
    rows = _rows(product, market, table)
    finished = _check_answers(done, list(rows["requirement"]))
    finish = _finish_days(rows, finished)
    counted = [r for r, k in zip(rows["requirement"], rows["kind"], strict=True)
               if k == "must" or include_benefits]
    return day + dt.timedelta(days=max((finish[r] for r in counted), default=0))


def schedule(product: str, market: str, done: Mapping[str, object] | None = None, *,
             lang: str | None = None, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each requirement's days from today: ``start`` (when what comes first is done) and
    ``end``; a requirement already done takes no days. The earliest ship date is today plus
    the largest ``end`` of a ``must`` row.

    >>> plan = schedule("mezcal", "US").set_index("requirement")
    >>> plan.loc["ttb_cola", ["start", "end"]].tolist()
    [60, 80]
    >>> plan.loc["fda_prior_notice", ["start", "end"]].tolist()
    [7, 8]
    """
    rows = requirements(product, market, lang=lang, table=table)
    finished = _check_answers(done, list(rows["requirement"]))
    finish = _finish_days(rows, finished)
    out = rows[["requirement", "name", "kind", "who", "after"]].copy()
    out["end"] = [finish[r] for r in rows["requirement"]]
    out["start"] = [finish[r] - (0 if r in finished else int(d))
                    for r, d in zip(rows["requirement"], rows["lead_days"], strict=True)]
    out["done"] = [r in finished for r in rows["requirement"]]
    return out[["requirement", "name", "kind", "who", "after", "start", "end", "done"]]


@dataclass(frozen=True, slots=True)
class Readiness:
    """The self-check's result: what is done, what is missing, and when the goods can leave."""

    product: str
    market: str
    today: dt.date
    done: tuple[str, ...]
    missing: tuple[str, ...]
    benefits: tuple[str, ...]
    ship_date: dt.date

    @property
    def ready(self) -> bool:
        """True when no ``must`` requirement is missing."""
        return not self.missing

    def messages(self, lang: str | None = None) -> list[str]:
        """What is missing in plain words, one sentence each, then the benefits not used."""
        with language(lang or get_language()):
            out = [t(f"compliance.req.{r}.missing") for r in self.missing]
            out += [t("compliance.benefit", text=t(f"compliance.req.{r}.missing"))
                    for r in self.benefits]
        return out

    def summary(self, lang: str | None = None) -> str:
        """One paragraph: ready or not, how many steps are missing, the earliest ship date."""
        with language(lang or get_language()):
            if self.ready:
                return t("compliance.ready", date=self.ship_date.isoformat())
            return t("compliance.not_ready", count=len(self.missing),
                     date=self.ship_date.isoformat(),
                     days=(self.ship_date - self.today).days)


def readiness(product: str, market: str, answers: Mapping[str, object] | None = None,
              today: object = None, table: pd.DataFrame | None = None) -> Readiness:
    """The export-readiness self-check: ``answers`` says which requirements are done;
    ``today`` is the day she starts (today's date if none is given).

    A requirement left out of ``answers`` counts as not done. An unknown requirement or an
    answer that is not ``True``/``False`` is refused, naming it.

    >>> check = readiness("honey", "US", {"rfc_efirma": True, "encargo_conferido": True},
    ...                   today="2026-03-02")
    >>> check.ready, check.missing[:2]
    (False, ('cfdi_comercio_exterior', 'fda_facility_registration'))
    >>> check.ship_date
    datetime.date(2026, 3, 10)
    >>> readiness("honey", "US", {"fda": True})
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'answers' debe ser uno de ('rfc_efirma', 'encargo_conferido', \
'cfdi_comercio_exterior', 'usmca_certification', 'fda_facility_registration', 'fda_us_agent', \
'fda_prior_notice', 'senasica_certificate') (se recibió 'fda')
    """
    day = date_or_today(today, "today")
    rows = _rows(product, market, table)
    known = list(rows["requirement"])
    done = _check_answers(answers, known)
    kinds = dict(zip(rows["requirement"], rows["kind"], strict=True))
    return Readiness(
        product=_check_product(product), market=_check_market(market), today=day,
        done=tuple(r for r in known if r in done),
        missing=tuple(r for r in known if r not in done and kinds[r] == "must"),
        benefits=tuple(r for r in known if r not in done and kinds[r] == "benefit"),
        ship_date=earliest_ship_date(product, market, day, {r: True for r in done},
                                     table=table))


def prior_notice_deadline(arrival: object, mode: str) -> dt.datetime:
    """The latest time FDA must have confirmed the prior notice of a food shipment.

    21 CFR 1.279(a): 2 hours before arrival by road (``truck``), 4 by rail or air (a courier
    parcel flies), 8 by water (``sea``). By international mail the notice goes before the
    parcel is sent: use the sending time as ``arrival`` with ``mode="mail"``.

    >>> prior_notice_deadline("2026-03-10 14:00", "sea")
    datetime.datetime(2026, 3, 10, 6, 0)
    >>> prior_notice_deadline("2026-03-10 14:00", "mail")
    datetime.datetime(2026, 3, 10, 14, 0)
    >>> prior_notice_deadline("2026-03-10 14:00", "bike")
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'mode' debe ser uno de ('truck', 'rail', 'air', 'courier', 'sea', \
'mail') (se recibió 'bike')
    """
    modes = (*PRIOR_NOTICE_HOURS, "mail")
    if mode not in modes:
        raise InputError("errors.one_of", arg="mode", choices=modes, value=mode)
    if isinstance(arrival, dt.datetime):
        when = arrival
    else:
        try:
            when = dt.datetime.fromisoformat(str(arrival))
        except ValueError:
            raise InputError("compliance.bad_time", arg="arrival", value=arrival) from None
    return when - dt.timedelta(hours=PRIOR_NOTICE_HOURS.get(mode, 0))


@dataclass(frozen=True, slots=True)
class ImporterOfRecord:
    """Under one Incoterms rule: who clears the goods into the market and who pays what."""

    rule: str
    importer: str
    duty: str
    import_fees: str
    import_taxes: str

    def sentence(self, lang: str | None = None) -> str:
        """The rule in one sentence, in ``lang``."""
        with language(lang or get_language()):
            return t(f"compliance.ior.{self.importer}", rule=self.rule)


def importer_of_record(rule: str) -> ImporterOfRecord:
    """Who is importer of record (whoever clears the goods into the market) and who pays the
    duty, the import fees and the import taxes under ``rule`` (the kit's Incoterms table).

    >>> ior = importer_of_record("DAP")
    >>> ior.importer, ior.duty
    ('buyer', 'buyer')
    >>> from mipyme.export.incoterms import RULES
    >>> [r for r in RULES if importer_of_record(r).importer == "seller"]
    ['DDP']
    """
    code = check_rule(rule)
    return ImporterOfRecord(rule=code, importer=payer(code, "import_clearance"),
                            duty=payer(code, "duty"), import_fees=payer(code, "import_fees"),
                            import_taxes=payer(code, "import_taxes"))


def compliance_cost(product: str, market: str, currency: str,
            table: pd.DataFrame | None = None) -> Decimal:
    """The sum of the fixed costs in ``currency`` of the requirements (estimates)."""
    rows = _rows(product, market, table)
    return sum((c for c, cur in zip(rows["cost"], rows["currency"], strict=True)
                if cur == currency and c is not None), Decimal("0"))
