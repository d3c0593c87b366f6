"""The bilingual data dictionary (``datasets/README.md``), written from the schemas.

The committed ``datasets/README.md`` must equal :func:`data_dictionary` (a test checks it), so
the dictionary never drifts from the files. Regenerate it with
``python -m mipyme.datasets dictionary --out datasets/README.md``.

>>> from mipyme.datasets.dictionary import data_dictionary
>>> text = data_dictionary()
>>> text.splitlines()[0]
'# Datos de ejemplo / Example datasets'
>>> "## Español" in text and "## English" in text
True
"""

from __future__ import annotations

from mipyme.datasets.schema import TABLES, UNITS, Table
from mipyme.i18n import t

__all__ = ["data_dictionary", "table_markdown"]

_INPUTS = ("businesses", "datasets_products", "datasets_suppliers", "datasets_fixed_costs",
           "datasets_channels", "datasets_channel_mix", "datasets_payments",
           "datasets_calendar", "datasets_states", "exchange_rates")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table_markdown(table: Table, lang: str) -> str:
    """One table of the dictionary in ``lang``: heading, file name, meaning and its columns.

    >>> from mipyme.datasets.schema import table_schema
    >>> print(table_markdown(table_schema("fx"), "en").splitlines()[0])
    ### `fx` (`fx.csv`)
    """
    i = 0 if lang == "es" else 1
    file = f"<{t('datasets.doc.business', lang=lang)}>_{table.name}.csv" if table.per_business \
        else f"{table.name}.csv"
    heads = [t(f"datasets.head.{k}", lang=lang) for k in
             ("column", "type", "unit", "description", "source")]
    lines = [f"### `{table.name}` (`{file}`)", "", table.es if lang == "es" else table.en, "",
             "| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
    for col in table.columns:
        kind = t(f"datasets.kind.{col.kind}", lang=lang, places=col.places)
        desc = col.es if lang == "es" else col.en
        if col.choices and len(col.choices) <= 8:
            desc += ": " + ", ".join(f"`{c}`" for c in col.choices)
        if col.nullable:
            desc += " " + t("datasets.doc.nullable", lang=lang)
        source = col.source or "-"
        lines.append(f"| `{col.name}` | {kind} | {_cell(UNITS[col.unit][i])} | {_cell(desc)} "
                     f"| {_cell(source)} |")
    return "\n".join(lines) + "\n"


def _section(lang: str) -> str:
    parts = [f"## {t('datasets.doc.language', lang=lang)}", "",
             t("datasets.doc.intro", lang=lang), "",
             f"### {t('datasets.doc.inputs_title', lang=lang)}", "",
             t("datasets.doc.inputs", lang=lang), ""]
    parts += [f"- `src/mipyme/data/{name}.csv`" for name in _INPUTS]
    parts.append("")
    parts += [table_markdown(table, lang) for table in TABLES.values()]
    parts += [f"### {t('datasets.doc.copied_title', lang=lang)}", "",
              t("datasets.doc.copied", lang=lang), ""]
    return "\n".join(parts)


def data_dictionary() -> str:
    """The whole data dictionary, Spanish first then English, as Markdown text."""
    head = ["# Datos de ejemplo / Example datasets", "",
            "<!-- " + t("datasets.doc.generated", lang="en") + " -->", "", ""]
    return "\n".join(head) + _section("es") + "\n" + _section("en")
