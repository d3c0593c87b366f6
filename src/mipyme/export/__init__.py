"""Export pricing: from the workshop's cost to the buyer's landed price (Incoterms 2020).

One entry point, :func:`quote`; the rest answers the classroom's questions about a quote:
the price ladder, exchange-rate scenarios, the break-even rate, the inverse question (the
buyer's budget -> the highest cost I can afford) and sales channels compared.

>>> from mipyme.export import Product, Shipment, quote
>>> talavera = Product("Plato de Talavera", "talavera", unit_cost="250", weight_kg="1.2",
...                    dimensions_cm=("30", "30", "8"))
>>> q = quote(Shipment(talavera, units=50), "CIF", "US", currency="USD", on="2026-01-21")
>>> q.rule, q.place
('CIF', 'Houston')
>>> q.lines["amount"].sum() == q.price.amount
True
"""

from mipyme.export.compliance import (
    PRIOR_NOTICE_HOURS,
    ImporterOfRecord,
    Readiness,
    compliance_cost,
    earliest_ship_date,
    export_requirements,
    importer_of_record,
    prior_notice_deadline,
    readiness,
    requirement_ids,
    requirements,
    schedule,
)
from mipyme.export.costing import Product, Shipment, buildup, chargeable_weight, freight_tons
from mipyme.export.incoterms import (
    ALL_MODES,
    LINES,
    MODES,
    RULES,
    SEA_ONLY,
    SEA_RULE_FOR_ANY_MODE,
    check_rule,
    payer,
    who_pays,
)
from mipyme.export.markets import ExportData, StaleTableWarning, export_data
from mipyme.export.quote import (
    FX_SCENARIOS,
    Quote,
    QuoteLine,
    appreciation_effect,
    break_even_rate,
    compare_channels,
    fx_scenarios,
    ladder_rules,
    marketplace_fees,
    max_exworks_cost,
    price_grid,
    price_ladder,
    quote,
)
from mipyme.export.report import ladder_chart, proforma_html, waterfall_figure, with_money

__all__ = [
    "ALL_MODES",
    "FX_SCENARIOS",
    "LINES",
    "MODES",
    "PRIOR_NOTICE_HOURS",
    "RULES",
    "SEA_ONLY",
    "SEA_RULE_FOR_ANY_MODE",
    "ExportData",
    "ImporterOfRecord",
    "Product",
    "Quote",
    "QuoteLine",
    "Readiness",
    "Shipment",
    "StaleTableWarning",
    "appreciation_effect",
    "break_even_rate",
    "buildup",
    "chargeable_weight",
    "check_rule",
    "compare_channels",
    "compliance_cost",
    "earliest_ship_date",
    "export_data",
    "export_requirements",
    "freight_tons",
    "fx_scenarios",
    "importer_of_record",
    "ladder_chart",
    "ladder_rules",
    "marketplace_fees",
    "max_exworks_cost",
    "payer",
    "price_grid",
    "price_ladder",
    "prior_notice_deadline",
    "proforma_html",
    "quote",
    "readiness",
    "requirement_ids",
    "requirements",
    "schedule",
    "waterfall_figure",
    "who_pays",
    "with_money",
]
