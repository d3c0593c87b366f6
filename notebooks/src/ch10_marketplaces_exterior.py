# %% [markdown]
# # 10 · Vender al extranjero en marketplaces / Selling abroad through marketplaces
#
# Elige el idioma en la primera celda de código. · Choose the language in the first code cell.

# %%
from mipyme.notebook import say, setup, show

LANG = setup("es")  # "es" (español) o/or "en" (English)
say("notebook.language_set")

# %%
say("nb.ch10.intro")

# %%
from mipyme.datasets import load_catalog
from mipyme.export import Product, Shipment

fila = load_catalog("telar").set_index("sku").loc["TEJ-REB"]
nombre = fila["name_es" if LANG == "es" else "name_en"]
rebozo = Product(nombre, "cotton_apparel", unit_cost=fila["unit_cost"],
                 weight_kg=fila["weight_kg"],
                 dimensions_cm=(fila["length_cm"], fila["width_cm"], fila["height_cm"]))
say("nb.ch10.product", name=nombre, cost=rebozo.unit_cost, kg=f"{rebozo.weight_kg.normalize():f}",
    dims=" × ".join(f"{d.normalize():f}" for d in rebozo.dimensions_cm))

# %%
say("nb.ch10.weight_intro")

# %%
import dataclasses

import pandas as pd

from mipyme.export import chargeable_weight, quote
from mipyme.notebook import text

doblado = dataclasses.replace(rebozo, dimensions_cm=("25", "20", "4"))
filas = []
for caja, producto in (("nb.ch10.box_standard", rebozo), ("nb.ch10.box_flat", doblado)):
    paquete = Shipment(producto, units=1, mode="courier", origin="San Cristóbal de las Casas")
    envio = quote(paquete, "DDP", "US", currency="USD", on="2026-01-21")
    flete = envio.lines.set_index("line").loc["international_freight", "amount"]
    filas.append({text("nb.ch10.col_box"): text(caja),
                  text("nb.ch10.col_dims"): " × ".join(f"{d.normalize():f}"
                                                   for d in producto.dimensions_cm),
                  text("nb.ch10.col_volume"): paquete.volume_cm3,
                  text("nb.ch10.col_actual"): paquete.weight_kg,
                  text("nb.ch10.col_chargeable"): chargeable_weight(paquete),
                  text("nb.ch10.col_freight"): flete})
show(pd.DataFrame(filas), "nb.ch10.weight_caption")

# %%
say("nb.ch10.weight_reading")

# %%
say("nb.ch10.fees_intro")

# %%
from mipyme.export import export_data, marketplace_fees

datos = export_data()
renglones = ("marketplace_transaction", "marketplace_conversion", "marketplace_payment",
             "marketplace_listing", "marketplace_payment_fixed")
tarifas = pd.DataFrame([{
    text("nb.ch10.col_fee"): text(f"nb.ch10.fee_{r}"),
    text("nb.ch10.col_amount"): datos.rate_row(r, "any", "*").amount,
    text("nb.ch10.col_unit"): datos.rate_row(r, "any", "*").currency or text("nb.ch10.share"),
    text("nb.ch10.col_source"): datos.rate_row(r, "any", "*").source,
} for r in renglones])
show(tarifas, "nb.ch10.fees_caption")
tasa, fija = marketplace_fees(on="2026-01-21")
say("nb.ch10.fees_total", rate=f"{(tasa * 100).normalize():f}", fixed=fija.format())

# %%
say("nb.ch10.passthrough_intro")

# %%
from decimal import Decimal

un_rebozo = Shipment(rebozo, units=1, mode="courier", origin="San Cristóbal de las Casas")
anuncios = Decimal("0.15")
precios = []
for clave, comision in (("nb.ch10.fee_none", None), ("nb.ch10.fee_etsy", tasa),
                        ("nb.ch10.fee_etsy_ads", tasa + anuncios)):
    q = quote(un_rebozo, "DDP", "US", currency="USD", on="2026-01-21", platform_fee=comision)
    lineas = q.lines.set_index("line")["amount"]
    precios.append({text("nb.ch10.col_case"): text(clave),
                    text("nb.ch10.col_rate"): f"{(comision or Decimal(0)) * 100:.1f}%",
                    text("nb.ch10.col_price"): q.price.amount,
                    text("nb.ch10.col_platform"): lineas.get("platform_fee", Decimal("0.00")),
                    text("nb.ch10.col_margin"): q.margin.amount})
show(pd.DataFrame(precios), "nb.ch10.passthrough_caption")

# %%
say("nb.ch10.passthrough_reading")

# %%
say("nb.ch10.channels_intro")

# %%
from mipyme.export import compare_channels

columnas = ("channel", "rule", "units", "price_per_unit", "landed_per_unit", "margin_per_unit",
            "margin_share_of_landed")


def canales(mercado="US", por_pedido=1):
    tabla = compare_channels(Shipment(rebozo, units=200, origin="San Cristóbal de las Casas"),
                             mercado, currency="USD", on="2026-01-21", parcel_units=por_pedido)
    tabla["margin_share_of_landed"] = [f"{x * 100:.1f}%" for x in tabla["margin_share_of_landed"]]
    return tabla[list(columnas)].rename(columns={c: text(f"nb.ch10.col_{c}") for c in columnas})


tabla = canales()
show(tabla, "nb.ch10.channels_caption")

# %%
import matplotlib.pyplot as plt

from mipyme.finance.charts import OKABE_ITO
from mipyme.i18n import t

fig, ax = plt.subplots(figsize=(8, 3.6))
etiquetas = tabla[text("nb.ch10.col_channel")]
puesto = [float(x) for x in tabla[text("nb.ch10.col_landed_per_unit")]]
margen = [float(x) for x in tabla[text("nb.ch10.col_margin_per_unit")]]
ax.barh(etiquetas, puesto, color=OKABE_ITO["sky_blue"], label=t("nb.ch10.chart_landed"))
ax.barh(etiquetas, margen, color=OKABE_ITO["green"], label=t("nb.ch10.chart_margin"))
for y, x in enumerate(puesto):
    ax.annotate(f"{x:,.2f}", (x, y), textcoords="offset points", xytext=(4, 0), va="center",
                fontsize=8)
ax.set_xlim(0, max(puesto) * 1.12)
ax.invert_yaxis()
ax.set_xlabel(t("nb.ch10.chart_xlabel"))
ax.set_title(t("nb.ch10.chart_title"))
ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2)
fig.alt_text = t("nb.ch10.chart_alt", low=f"{min(puesto):,.2f}", high=f"{max(puesto):,.2f}",
                 margin=f"{margen[0]:,.2f}")
plt.show()

# %%
say("nb.ch10.channels_reading")

# %%
say("nb.ch10.interact_intro")

# %%
from ipywidgets import Dropdown, IntSlider, interact

estilo = {"description_width": "initial"}
_ = interact(
    lambda mercado, por_pedido: show(canales(mercado, por_pedido), "nb.ch10.channels_caption"),
    mercado=Dropdown(options=[(datos.market(m).name(LANG), m) for m in ("US", "CA", "DE")],
                     value="US", description=text("nb.ch10.dropdown_market"), style=estilo),
    por_pedido=IntSlider(value=1, min=1, max=10, step=1, style=estilo,
                         description=text("nb.ch10.slider_units")))

# %%
say("nb.ch10.key_points")

# %%
say("nb.ch10.your_turn")
