# %% [markdown]
# # 09 · Aduanas y T-MEC / Customs and USMCA
#
# Elige el idioma en la primera celda de código. · Choose the language in the first code cell.

# %%
from mipyme.notebook import say, setup, show

LANG = setup("es")  # "es" (español) o/or "en" (English)
say("notebook.language_set")

# %%
say("nb.ch09.intro")

# %%
import dataclasses

from mipyme.datasets import load_catalog
from mipyme.export import Product, Shipment

arracadas = load_catalog("plata").set_index("sku").loc["PLA-ARR"]
nombre = arracadas["name_es" if LANG == "es" else "name_en"]
medidas = (arracadas["length_cm"], arracadas["width_cm"], arracadas["height_cm"])
originaria = Product(nombre, "silver_jewelry", unit_cost=arracadas["unit_cost"],
                     weight_kg=arracadas["weight_kg"], dimensions_cm=medidas)
sin_origen = dataclasses.replace(originaria, usmca_originating=False)
envio = Shipment(sin_origen, units=300, mode="courier", origin="Taxco")
say("nb.ch09.shipment", units=envio.units, name=nombre, cost=originaria.unit_cost,
    kg=f"{envio.weight_kg:,.1f}")

# %%
say("nb.ch09.bases_intro")

# %%
import pandas as pd

from mipyme.export import quote
from mipyme.notebook import text


def renglon(q):
    lineas = q.landed_lines.set_index("line")
    return {text("nb.ch09.col_market"): q.market.name(LANG),
            text("nb.ch09.col_duty"): lineas.loc["duty", "amount"],
            text("nb.ch09.col_fees"): lineas.loc["import_fees", "amount"],
            text("nb.ch09.col_taxes"): lineas.loc["import_taxes", "amount"],
            text("nb.ch09.col_ddp"): q.price.amount,
            text("nb.ch09.col_basis"): lineas.loc["duty", "basis"]}


mercados = pd.DataFrame([renglon(quote(envio, "DDP", m, currency="USD", on="2026-01-21"))
                         for m in ("US", "CA", "DE")])
show(mercados, "nb.ch09.bases_caption")

# %%
say("nb.ch09.bases_reading")

# %%
from mipyme.export import export_data

eua = export_data().market("US")
say("nb.ch09.fees_intro", rate=f"{eua.processing_fee_rate * 100:.4f}",
    low=f"{eua.processing_fee_min:,.2f}", high=f"{eua.processing_fee_max:,.2f}",
    harbor=f"{eua.harbor_fee_rate * 100:.3f}")

# %%
cuotas = []
for unidades in (300, 3000, 40000):
    for modo in ("courier", "sea"):
        q = quote(dataclasses.replace(envio, units=unidades, mode=modo), "DDP", "US",
                  currency="USD", on="2026-01-21")
        linea = q.landed_lines.set_index("line").loc["import_fees"]
        cuotas.append({text("nb.ch09.col_units"): unidades,
                       text("nb.ch09.col_mode"): text(f"export.mode.{modo}"),
                       text("nb.ch09.col_fees"): linea["amount"],
                       text("nb.ch09.col_basis"): linea["basis"]})
show(pd.DataFrame(cuotas), "nb.ch09.fees_caption")

# %%
say("nb.ch09.fees_reading")

# %%
say("nb.ch09.timeline_intro")

# %%
datos = export_data()
extras = pd.DataFrame([{
    text("nb.ch09.col_surcharge"): x.name_es if LANG == "es" else x.name_en,
    text("nb.ch09.col_rate"): x.rate,
    text("nb.ch09.col_from"): x.valid_from,
    text("nb.ch09.col_to"): x.valid_to,
    text("nb.ch09.col_usmca_exempt"): text("nb.ch09.yes" if x.fta_exempt else "nb.ch09.no"),
    text("nb.ch09.col_source"): x.source,
} for x in datos.tariffs if x.kind == "surcharge" and x.market == "US"])
show(extras, "nb.ch09.surcharges_caption")

# %%
import datetime as dt

import matplotlib.pyplot as plt

from mipyme.finance.charts import OKABE_ITO
from mipyme.i18n import t

dias = [dt.date(2026, 1, 1) + dt.timedelta(days=i) for i in range(273)]
fechas = [dt.date(2026, 1, 21), dt.date(2026, 3, 2), dt.date(2026, 8, 3)]
fig, ax = plt.subplots(figsize=(8, 3.8))
puntos = {}
for origen, color, estilo in ((False, OKABE_ITO["vermillion"], "-"),
                              (True, OKABE_ITO["blue"], "--")):
    tasas = [float(datos.duty_rate("silver_jewelry", "US", d, origen)[0]) * 100 for d in dias]
    etiqueta = t("nb.ch09.chart_usmca" if origen else "nb.ch09.chart_no_usmca")
    ax.step(dias, tasas, where="post", color=color, linestyle=estilo, label=etiqueta)
    for d in fechas:
        y = tasas[dias.index(d)]
        puntos[(origen, d)] = f"{y:.1f}%"
        ax.plot(d, y, "o", color=color)
        ax.annotate(f"{y:.1f}%", (d, y), textcoords="offset points", xytext=(0, 6),
                    ha="center", fontsize=8, color=color)
ax.set_ylabel(t("nb.ch09.chart_ylabel"))
ax.set_title(t("nb.ch09.chart_title"))
ax.legend(frameon=False)
fig.autofmt_xdate()
fig.alt_text = t("nb.ch09.chart_alt", first=puntos[(False, fechas[0])],
                 second=puntos[(False, fechas[1])], third=puntos[(False, fechas[2])])
plt.show()

# %%
say("nb.ch09.dates_intro")

# %%
from mipyme.money import round_money

filas = []
for producto in (sin_origen, originaria):
    for fecha in ("2026-01-21", "2026-03-02", "2026-08-03"):
        q = quote(dataclasses.replace(envio, product=producto), "DDP", "US", currency="USD",
                  on=fecha)
        lineas = q.landed_lines.set_index("line")["amount"]
        tasa, _ = datos.duty_rate("silver_jewelry", "US", fecha, producto.usmca_originating)
        filas.append({
            text("nb.ch09.col_usmca"): text("nb.ch09.yes" if producto.usmca_originating
                                            else "nb.ch09.no"),
            text("nb.ch09.col_date"): fecha,
            text("nb.ch09.col_rate"): f"{tasa * 100:.1f}%",
            text("nb.ch09.col_duty"): lineas["duty"],
            text("nb.ch09.col_fees"): lineas["import_fees"],
            text("nb.ch09.col_ddp"): q.price.amount,
            text("nb.ch09.col_per_unit"): round_money(q.price_per_unit.amount),
        })
show(pd.DataFrame(filas), "nb.ch09.dates_caption")

# %%
say("nb.ch09.dates_reading")

# %%
say("nb.ch09.interact_intro")

# %%
from ipywidgets import Dropdown, interact


def costo_puesto(mercado="US", origen=False, fecha="2026-01-21"):
    q = quote(dataclasses.replace(envio, product=originaria if origen else sin_origen),
              "DDP", mercado, currency="USD", on=fecha)
    show(q.table(), "nb.ch09.interact_caption")
    say("nb.ch09.interact_result", place=q.place, price=q.price.format(),
        per_unit=q.price_per_unit.format())


estilo = {"description_width": "initial"}
_ = interact(
    costo_puesto,
    mercado=Dropdown(options=[(datos.market(m).name(LANG), m) for m in ("US", "CA", "DE")],
                     value="US", description=text("nb.ch09.dropdown_market"), style=estilo),
    origen=Dropdown(options=[(text("nb.ch09.no"), False), (text("nb.ch09.yes"), True)],
                    value=False, description=text("nb.ch09.dropdown_usmca"), style=estilo),
    fecha=Dropdown(options=["2026-01-21", "2026-03-02", "2026-08-03"], value="2026-01-21",
                   description=text("nb.ch09.dropdown_date"), style=estilo))

# %%
say("nb.ch09.key_points")

# %%
say("nb.ch09.your_turn")
