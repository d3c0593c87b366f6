"""What a student prints or shows: the pro-forma quote (HTML) and the price-ladder chart.

The waterfall here is drawn with matplotlib in an Okabe-Ito colour-blind-safe palette;
labels come from the i18n catalog and the figure carries an ``alt_text`` sentence.

>>> from mipyme.export import Product, Shipment, ladder_chart
>>> mugs = Product("Taza", "talavera", "120", "0.6", ("14", "12", "12"))
>>> fig = ladder_chart(Shipment(mugs, 200), "US", on="2026-01-21", lang="en")
>>> fig.alt_text.startswith("Price ladder")
True
"""

from __future__ import annotations

import html
from decimal import Decimal

from matplotlib.figure import Figure

from mipyme.charts import OKABE_ITO, waterfall
from mipyme.errors import renamed
from mipyme.export.costing import Shipment
from mipyme.export.markets import ExportData
from mipyme.i18n import get_language, language, t
from mipyme.money import ExchangeRates, Money

__all__ = ["OKABE_ITO", "ladder_chart", "proforma_html", "waterfall_figure", "with_money"]

def with_money(frame, columns: tuple[str, ...] | list[str] = (),
               mxn: tuple[str, ...] | list[str] = ()):
    """A table of the export engine ready to show: its amounts as Money, its currency once.

    The engine's tables (:func:`price_ladder`, :func:`fx_scenarios`,
    :func:`appreciation_effect`, :func:`compare_channels`) keep amounts as ``Decimal`` and
    the currency in a ``currency`` column, which is handy for arithmetic. For people, the
    amounts in ``columns`` become ``Money`` in that currency, those in ``mxn`` become pesos,
    and the ``currency`` column goes (the table's money columns then carry it in their
    header, see :func:`mipyme.notebook.people_table`).

    >>> from mipyme.export import Product, Shipment, price_ladder
    >>> mugs = Product("Taza", "talavera", "120", "0.6", ("14", "12", "12"))
    >>> ladder = with_money(price_ladder(Shipment(mugs, 200), "US", on="2026-01-21"),
    ...                     ["price", "step"])
    >>> list(ladder.columns), ladder["price"].iloc[0]
    (['rule', 'price', 'step'], Money('2062.80', 'USD'))
    >>> with_money(ladder, ["units"])
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'columns' debe ser uno de ('rule', 'price', 'step') (se recibió 'units')
    """
    from mipyme.errors import InputError

    frame = frame.copy()
    for name in (*columns, *mxn):
        if name not in frame.columns:
            raise InputError("errors.one_of", arg="columns", choices=tuple(frame.columns),
                             value=name)
    currencies = frame["currency"] if "currency" in frame.columns else ["MXN"] * len(frame)
    for name in columns:
        frame[name] = [Money(x, c) for x, c in zip(frame[name], currencies, strict=True)]
    for name in mxn:
        frame[name] = [Money(x, "MXN") for x in frame[name]]
    return frame.drop(columns=[c for c in ("currency",) if c in frame.columns])


def proforma_html(quote, lang: str | None = None) -> str:
    """A printable pro-forma quote: header, the seller's lines, total, and buyer's costs.

    >>> from mipyme.export import Product, Shipment, quote
    >>> honey = Product("Miel", "honey", "90", "1.2", ("10", "10", "12"))
    >>> q = quote(Shipment(honey, 100), "EXW", "CA",
    ...           currency="CAD", on="2026-01-21")
    >>> page = q.to_html("en")
    >>> "Pro-forma quote" in page and "EXW Puebla" in page
    True
    """
    lang = lang or get_language()
    with language(lang):
        esc = html.escape
        s = quote.shipment
        rows = "".join(
            f"<tr><td>{esc(x.name())}</td><td>{esc(x.basis())}</td>"
            f"<td class='n'>{x.amount:,.2f}</td></tr>" for x in quote.seller)
        buyer_rows = "".join(
            f"<tr><td>{esc(x.name())}</td><td>{esc(x.basis())}</td>"
            f"<td class='n'>{x.amount:,.2f}</td></tr>" for x in quote.buyer)
        market = quote.market.name(lang)
        head = (
            f"<h1>{esc(t('export.html.title'))}</h1>"
            f"<p><b>{esc(t('export.html.terms'))}:</b> {esc(quote.rule)} {esc(quote.place)} "
            f"(Incoterms® 2020) &middot; <b>{esc(t('export.html.market'))}:</b> {esc(market)}"
            f" &middot; <b>{esc(t('export.html.date'))}:</b> {quote.on.isoformat()}</p>"
            f"<p><b>{esc(t('export.html.product'))}:</b> {esc(s.product.name)} &middot; "
            f"{s.units} {esc(t('export.html.units'))} &middot; "
            f"{esc(t('export.html.mode'))}: {esc(t(f'export.mode.{s.mode}'))} &middot; "
            f"{esc(t('export.html.rate', currency=quote.currency))}: {quote.mxn_per_unit}</p>")
        columns = (f"<tr><th>{esc(t('export.col.line'))}</th><th>{esc(t('export.col.basis'))}"
                   f"</th><th>{esc(t('export.col.amount'))} ({quote.currency})</th></tr>")
        total = (f"<tr class='total'><td colspan='2'>{esc(t('export.html.total'))} "
                 f"{esc(quote.rule)}</td><td class='n'>{quote.price.format(lang)}</td></tr>")
        landed = (f"<tr class='total'><td colspan='2'>{esc(t('export.html.landed'))}</td>"
                  f"<td class='n'>{quote.landed.format(lang)}</td></tr>")
        buyer = (f"<h2>{esc(t('export.html.buyer_costs'))}</h2><table>{columns}{buyer_rows}"
                 f"{landed}</table>") if quote.buyer else ""
        style = ("<style>body{font-family:sans-serif;max-width:60em}table{border-collapse:"
                 "collapse;width:100%}td,th{border-bottom:1px solid #999;padding:.2em .5em;"
                 "text-align:left}.n{text-align:right}.total td{font-weight:bold}</style>")
        note = f"<p><small>{esc(t('export.html.note'))}</small></p>"
        return (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>"
                f"<title>{esc(t('export.html.title'))}</title>{style}</head><body>{head}"
                f"<table>{columns}{rows}{total}</table>{buyer}{note}</body></html>")


def waterfall_figure(steps: list[tuple[str, Decimal]], title: str, ylabel: str,
                     total_label: str) -> Figure:
    """Renamed: use :func:`mipyme.charts.waterfall` (this name warns, then calls it)."""
    renamed("mipyme.export.waterfall_figure", "mipyme.charts.waterfall")
    return waterfall(steps, title, total_label, ylabel=ylabel)


def ladder_chart(shipment: Shipment, market: str, currency: str = "USD", on: object = None,
                 rates: ExchangeRates | None = None, *, lang: str | None = None,
                 data: ExportData | None = None) -> Figure:
    """The price ladder EXW -> ... -> DDP as a waterfall chart, with ``fig.alt_text``."""
    from mipyme.export.quote import price_ladder

    ladder = price_ladder(shipment, market, currency, on, rates, data=data)
    lang = lang or get_language()
    with language(lang):
        steps = [(r if i == 0 else f"+ {r}", step) for i, (r, step) in
                 enumerate(zip(ladder["rule"], ladder["step"], strict=True))]
        market_name = (data.market(market) if data else _market(market)).name(lang)
        first, last = ladder["price"].iloc[0], ladder["price"].iloc[-1]
        fig = waterfall(
            steps, t("export.chart.title", product=shipment.product.name, market=market_name),
            ladder["rule"].iloc[-1], currency=ladder["currency"].iloc[0],
            ylabel=t("export.chart.ylabel", currency=ladder["currency"].iloc[0]))
        fig.alt_text = t("export.chart.alt", product=shipment.product.name,
                         market=market_name, first=Money(first, currency).format(lang),
                         last=Money(last, currency).format(lang),
                         rules=", ".join(ladder["rule"]))
    return fig


def _market(code: str):
    from mipyme.export.markets import export_data

    return export_data().market(code)
