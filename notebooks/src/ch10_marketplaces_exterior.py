# %% [markdown] lang="es"
# # 10 · Vender al extranjero en marketplaces

# %% [markdown] lang="en"
# # 10 · Selling abroad through marketplaces

# %%
from mipyme.notebook import say, setup, show

LANG = setup("es")
say("notebook.language_set")

# %% [markdown] lang="es"
# ## Un rebozo de Chiapas, ¿cómo llega a Dallas?
#
# María Gómez Pérez dirige **Tejidos de la Montaña** en San Cristóbal de las Casas, Chiapas: seis
# tejedoras de telar de cintura que hacen rebozos, huipiles, blusas y caminos de mesa. Cada semana
# le escriben por Instagram clientas de Estados Unidos que quieren **una o dos piezas**, y una
# tienda de Dallas le ofrece comprar **200 rebozos** al año.
#
# Tiene tres caminos:
#
# 1. **B2B:** vender por volumen a un distribuidor, por barco (FOB o CIF);
# 2. **paquete directo:** mandar cada pedido por paquetería, entregado y con todo pagado (DDP);
# 3. **marketplace transfronterizo** (tipo Etsy): la plataforma le trae clientes, pero cobra
#    comisiones.
#
# Un dato que cambió las cuentas: **Correos de México suspendió los envíos de paquetes a Estados
# Unidos a finales de agosto de 2025** (según la prensa; sin verificar). Para vender pieza por pieza
# hay que usar paqueterías privadas (Estafeta, DHL, FedEx, Redpack, UPS), que cobran por
# **peso cobrable**.
#
# Suponemos que el rebozo es originario del T-MEC (hilo y tejido mexicanos: en textiles rige la
# regla de "hilo en adelante", capítulo 9), así que entra a Estados Unidos sin arancel.

# %% [markdown] lang="en"
# ## A rebozo from Chiapas: how does it get to Dallas?
#
# María Gómez Pérez runs **Tejidos de la Montaña** in San Cristóbal de las Casas, Chiapas: six
# backstrap-loom weavers who make rebozos (shawls), huipiles, blouses and table runners. Every week
# customers in the United States write to her on Instagram wanting **one or two pieces**, and a
# shop in Dallas offers to buy **200 rebozos** a year.
#
# She has three roads:
#
# 1. **B2B:** sell in volume to a distributor, by sea (FOB or CIF);
# 2. **direct parcel:** send each order by courier, delivered with everything paid (DDP);
# 3. **cross-border marketplace** (Etsy-like): the platform brings her customers, but charges
#    fees.
#
# One fact changed the sums: **Correos de México suspended parcels to the United States in late
# August 2025** (as reported in the press; unverified). To sell piece by piece she has to use private couriers
# (Estafeta, DHL, FedEx, Redpack, UPS), which charge by **chargeable weight**.
#
# We assume the rebozo is USMCA-originating (Mexican yarn and weaving: textiles follow the
# "yarn-forward" rule, chapter 9), so it enters the United States duty-free.

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

# %% [markdown] lang="es"
# ## Paso 1 · El peso cobrable: la paquetería cobra el espacio
#
# Una paquetería no cobra solo lo que pesa tu caja, sino **lo que ocupa** en el avión. Por eso
# cobra el mayor de dos pesos:
#
# **peso cobrable = máx(peso real en kg, largo × ancho × alto en cm / 5000)**
#
# Un rebozo pesa poco, pero abulta. En su caja de 35 × 25 × 5 cm ocupa 4,375 cm³, y
# 4,375 / 5000 = **0.875 kg**: más del doble de su peso real. ¿Y si María lo dobla más y usa una
# caja plana de 25 × 20 × 4 cm?

# %% [markdown] lang="en"
# ## Step 1 · Chargeable weight: the courier charges for space
#
# A courier does not only charge for what your box weighs, but for **the room it takes** on the
# plane. That is why it charges the larger of two weights:
#
# **chargeable weight = max(actual weight in kg, length × width × height in cm / 5000)**
#
# A rebozo weighs little but is bulky. In its 35 × 25 × 5 cm box it takes 4,375 cm³, and
# 4,375 / 5000 = **0.875 kg**: more than twice its actual weight. What if María folds it tighter
# and uses a flat 25 × 20 × 4 cm box?

# %%
import dataclasses

import pandas as pd

from mipyme.export import quote
from mipyme.money import Money
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
                  text("nb.ch10.col_volume"): int(paquete.volume_cm3),
                  text("nb.ch10.col_actual"): paquete.weight_kg,
                  text("nb.ch10.col_chargeable"): paquete.chargeable_weight(),
                  text("nb.ch10.col_freight"): Money(flete, "USD")})
show(pd.DataFrame(filas), "nb.ch10.weight_caption")

# %% [markdown] lang="es"
# **Cómo leerla:** con la caja plana el volumen ya no manda y se cobra el peso real. La tarifa de
# ejemplo del kit (una base fija más un precio por kg cobrable, sin verificar) baja unos dólares
# por paquete; en cien pedidos al año, es dinero. Pesa y mide **la caja ya cerrada**, no el
# producto.

# %% [markdown] lang="en"
# **How to read it:** with the flat box the volume no longer rules and the actual weight is
# charged. The kit's example rate (a fixed base plus a price per chargeable kg, unverified) drops
# by a few dollars per parcel; over a hundred orders a year, that is money. Weigh and measure **the
# closed box**, not the product.

# %% [markdown] lang="es"
# ## Paso 2 · Lo que cobra el marketplace
#
# Las comisiones de un marketplace transfronterizo están en la tabla `freight_rates.csv`, con su
# fuente. Las de Etsy (estimación, sin verificar, salvo la conversión de moneda, que publica Etsy en su centro de ayuda): **0.20 USD por publicación**, **6.5% por
# transacción** y **2.5% por conversión de moneda** (María cobra en dólares y recibe pesos). El
# cobro del pago (3% + 0.25 USD) es un valor de ejemplo, sin verificar.

# %% [markdown] lang="en"
# ## Step 2 · What the marketplace charges
#
# A cross-border marketplace's fees are in the table `freight_rates.csv`, with their source. The
# Etsy ones (estimates, unverified, except the currency conversion, which Etsy publishes in its help centre): **USD 0.20 per listing**, **6.5% per transaction** and
# **2.5% currency conversion** (María charges in dollars and receives pesos). Payment processing
# (3% + USD 0.25) is an example value, unverified.

# %%
from mipyme.export import export_data, marketplace_fees

datos = export_data()
renglones = ("marketplace_transaction", "marketplace_conversion", "marketplace_payment",
             "marketplace_listing", "marketplace_payment_fixed")


def cuanto(tarifa):
    """Comisión en % del precio, o fija en su moneda / a fee as a % of the price, or fixed."""
    if tarifa.currency:
        return Money(tarifa.amount, tarifa.currency).format()
    return f"{tarifa.amount * 100:.1f}%"


tarifas = pd.DataFrame([{
    text("nb.ch10.col_fee"): text(f"nb.ch10.fee_{r}"),
    text("nb.ch10.col_amount"): cuanto(datos.rate_row(r, "any", "*")),
} for r in renglones])
show(tarifas, "nb.ch10.fees_caption")
tasa, fija = marketplace_fees(on="2026-01-21")
say("nb.ch10.fees_total", rate=f"{(tasa * 100).normalize():f}", fixed=fija.format())

# %% [markdown] lang="es"
# ## Paso 3 · Trasladar la comisión sin perder margen
#
# Si María suma la comisión "por encima" (precio + 12%), se queda corta: la plataforma cobra su
# porcentaje **sobre el precio final**, que ya incluye la comisión. La fórmula correcta divide
# así:
#
# **precio = (costo + margen) / (1 − tasa de comisión)**
#
# Además, si la venta llega por los **anuncios externos** de Etsy (*offsite ads*), la plataforma
# cobra **15%** más sobre esa venta (estimación, sin verificar). Comparamos un rebozo DDP por paquetería
# sin comisión, con las comisiones de la tabla y con los anuncios (aquí solo la parte en
# porcentaje, sin la parte fija):

# %% [markdown] lang="en"
# ## Step 3 · Passing the fee on without losing margin
#
# If María adds the fee "on top" (price + 12%), she falls short: the platform charges its
# percentage **on the final price**, which already includes the fee. The right formula divides
# like this:
#
# **price = (cost + margin) / (1 − fee rate)**
#
# Also, if the sale comes through Etsy's **offsite ads**, the platform charges **15%** more on
# that sale (estimate, unverified). We compare one rebozo DDP by courier with no fee, with the table's
# fees and with the ads (here only the percentage part, without the fixed part):

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
                    text("nb.ch10.col_price"): q.price,
                    text("nb.ch10.col_platform"): Money(lineas.get("platform_fee", Decimal(0)),
                                                        "USD"),
                    text("nb.ch10.col_margin"): q.margin})
show(pd.DataFrame(precios), "nb.ch10.passthrough_caption")

# %% [markdown] lang="es"
# **Cómo leerla:** el margen de María es el mismo en los tres casos; lo que cambia es cuánto
# paga la clienta. Con anuncios externos, más de una cuarta parte del precio se va a la
# plataforma. Decide antes si aceptas esos anuncios, y si sí, fija el precio pensando en ellos.

# %% [markdown] lang="en"
# **How to read it:** María's margin is the same in all three cases; what changes is how much the
# customer pays. With offsite ads, more than a quarter of the price goes to the platform. Decide
# beforehand whether you accept those ads and, if you do, set the price with them in mind.

# %% [markdown] lang="es"
# ## Paso 4 · Los tres canales, por pieza
#
# `compare_channels` cotiza el mismo rebozo por los tres caminos: 200 piezas por barco a la
# tienda de Dallas (FOB Veracruz y CIF), un paquete DDP por paquetería a una clienta, y el mismo
# paquete vendido en el marketplace con las comisiones trasladadas. Todo por pieza, en dólares:
# el precio que cobra María, lo que le cuesta al comprador puesto en su puerta, y el margen.

# %% [markdown] lang="en"
# ## Step 4 · The three channels, per piece
#
# `compare_channels` quotes the same rebozo down the three roads: 200 pieces by sea to the Dallas
# shop (FOB Veracruz and CIF), one DDP parcel by courier to a customer, and the same parcel sold on
# the marketplace with the fees passed on. All per piece, in dollars: the price María charges,
# what it costs the buyer delivered to their door, and the margin.

# %%
from mipyme.export import compare_channels, with_money

columnas = ["channel", "rule", "units", "price_per_unit", "landed_per_unit", "margin_per_unit",
            "margin_share_of_landed", "currency"]
tabla = compare_channels(Shipment(rebozo, units=200, origin="San Cristóbal de las Casas"), "US",
                         currency="USD", on="2026-01-21")
tabla = with_money(tabla[columnas], ["price_per_unit", "landed_per_unit", "margin_per_unit"])
show(tabla, "nb.ch10.channels_caption", percent=["margin_share_of_landed"],
     labels={c: f"nb.ch10.col_{c}" for c in columnas})

# %%
import matplotlib.pyplot as plt

from mipyme.finance.charts import OKABE_ITO
from mipyme.i18n import t

fig, ax = plt.subplots(figsize=(8, 3.6))
etiquetas = tabla["channel"]
puesto = [float(x) for x in tabla["landed_per_unit"]]
margen = [float(x) for x in tabla["margin_per_unit"]]
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

# %% [markdown] lang="es"
# **Cómo leerla:** María gana lo mismo por pieza en los cuatro renglones, pero el comprador paga
# muy distinto. Por barco, los costos del embarque se reparten entre 200 rebozos; en un paquete
# de una sola pieza, la base de la paquetería, el despacho de exportación y el de importación los
# paga **un solo rebozo**. Por eso el margen es una parte mucho menor de lo que paga la clienta:
# el precio final puede quedar fuera de su alcance. Vender por paquete conviene con pedidos de
# **varias piezas**, o con piezas de más valor (un huipil, no una servilleta).

# %% [markdown] lang="en"
# **How to read it:** María earns the same per piece on all four rows, but the buyer pays very
# different amounts. By sea the shipment costs are shared among 200 rebozos; in a one-piece
# parcel, the courier's base charge, export clearance and import clearance are paid by **a single
# rebozo**. That is why the margin is a much smaller part of what the customer pays: the final
# price may end up beyond her reach. Selling by parcel pays off with orders of **several pieces**,
# or with pieces worth more (a huipil, not a napkin).

# %% [markdown] lang="es"
# ## Explora: comisiones, piezas por pedido y mercado
#
# En el tablero eliges cuánto cobra el marketplace (en % del precio final), cuántas piezas van en
# cada pedido y el mercado. La barra de arriba es el precio por pieza **sin comisiones**; la de
# abajo, el precio que **mantiene el margen de María** con las comisiones trasladadas, partido en
# costos y envío, su margen y lo que se queda el marketplace.
#
# **Antes de mover el control:** sin comisiones, un rebozo DDP por paquetería a Estados Unidos
# cuesta **US$106.71 USD**. Si el marketplace cobra **12%** del precio final (la suma de la tabla
# del paso 2), ¿qué precio por rebozo mantiene el margen de María? Escribe tu predicción en la
# celda de abajo.

# %% [markdown] lang="en"
# ## Explore: fees, pieces per order and market
#
# In the dashboard you pick how much the marketplace charges (as a % of the final price), how
# many pieces go in each order and the market. The top bar is the price per piece **with no
# fees**; the bottom one, the price that **keeps María's margin** with the fees passed on, split
# into costs and shipping, her margin and what the marketplace keeps.
#
# **Before you move the control:** with no fees, one rebozo DDP by courier to the United States
# costs **US$106.71 USD**. If the marketplace charges **12%** of the final price (the sum of the
# table in step 2), what price per rebozo keeps María's margin? Write your prediction in the cell
# below.

# %%
prediccion = None  # escribe tu número / write your number

# %%
from mipyme.dashboards.export_chapters import MarketplaceDashboard

tablero = MarketplaceDashboard(un_rebozo, on="2026-01-21", fee_pct=0.0, units=1, market="US")
tablero.widget()

# %% [markdown] lang="es"
# Ahora mueve las comisiones a **12** y compara con tu predicción (corre la celda de abajo).
# Luego sube las piezas por pedido: ¿con cuántas piezas el precio por rebozo con comisiones baja
# de 80 dólares?

# %% [markdown] lang="en"
# Now move the fees to **12** and compare with your prediction (run the cell below). Then raise
# the pieces per order: with how many pieces does the price per rebozo with fees drop below 80
# dollars?

# %%
tablero.compare(prediccion)

# %% [markdown] lang="es"
# ## Regla práctica
#
# - La paquetería cobra el **espacio**: peso cobrable = máx(peso real, L × A × H / 5000). Una
#   caja más chica puede bajar el flete más que cualquier descuento.
# - Traslada las comisiones **dividiendo**: precio = (costo + margen) / (1 − comisión). Sumar el
#   porcentaje encima te deja corta.
# - Los costos fijos por envío pesan mucho en un paquete de una pieza: **junta piezas por
#   pedido** (envío gratis a partir de dos piezas, un juego en vez de una pieza).
# - Desde agosto de 2025 Correos de México no lleva paquetes a Estados Unidos: cotiza con
#   paqueterías privadas.

# %% [markdown] lang="en"
# ## Rule of thumb
#
# - Couriers charge for **space**: chargeable weight = max(actual weight, L × W × H / 5000). A
#   smaller box can lower the freight more than any discount.
# - Pass fees on **by dividing**: price = (cost + margin) / (1 − fee rate). Adding the percentage
#   on top leaves you short.
# - Fixed per-shipment costs weigh heavily on a one-piece parcel: **put more pieces in each
#   order** (free shipping from two pieces, a set instead of one piece).
# - Since August 2025 Correos de México does not carry parcels to the United States: quote with
#   private couriers.

# %% [markdown] lang="es"
# ## Tu turno
#
# 1. Repite el paso 1 con el huipil (`TEJ-HUI`, 35 × 30 × 5 cm, 0.5 kg). ¿Qué manda, el peso
#    real o el volumen?
# 2. Con el tablero, busca cuántas piezas por pedido necesita María para que el paquete DDP a
#    Alemania quede por debajo de 80 USD por pieza.
# 3. Prepara una explicación de 5 minutos para un grupo de tejedoras: ¿por qué no basta con
#    "sumarle el 12%" al precio cuando vendes en un marketplace? Usa la tabla del paso 3.

# %% [markdown] lang="en"
# ## Your turn
#
# 1. Repeat step 1 with the huipil (`TEJ-HUI`, 35 × 30 × 5 cm, 0.5 kg). Which rules, the actual
#    weight or the volume?
# 2. With the dashboard, find how many pieces per order María needs for the DDP parcel to Germany
#    to fall below USD 80 per piece.
# 3. Plan a 5-minute explanation for a group of weavers: why is "adding 12%" to the price not
#    enough when you sell on a marketplace? Use the table from step 3.
