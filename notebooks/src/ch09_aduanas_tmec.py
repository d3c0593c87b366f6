# %% [markdown] lang="es"
# # 09 · Aduanas y T-MEC

# %% [markdown] lang="en"
# # 09 · Customs and USMCA

# %%
from mipyme.notebook import say, setup, show

LANG = setup("es")
say("notebook.language_set")

# %% [markdown] lang="es"
# ## Cruzar la frontera: ¿cuánto cobra la aduana?
#
# Alejandro Salgado hace joyería de plata .925 en Taxco de Alarcón, Guerrero (**Plata Luna de
# Taxco**). Una boutique de Dallas le pide 300 pares de arracadas, **entregadas y con todo
# pagado** (DDP): Alejandro cotiza el envío por paquetería, el despacho en los dos lados y
# también el arancel y las cuotas de la aduana de Estados Unidos.
#
# En ese último escalón hay tres preguntas que cambian mucho el precio:
#
# 1. ¿sobre **qué valor** cobra cada país el arancel?
# 2. ¿qué **cuotas** se suman al arancel?
# 3. ¿las arracadas son **originarias del T-MEC** (el tratado entre México, Estados Unidos y
#    Canadá, USMCA en inglés)? Si lo son, entran sin arancel.
#
# Y una cuarta, que en 2026 pesa tanto como las otras: **¿en qué fecha** se importan?

# %% [markdown] lang="en"
# ## Crossing the border: what does customs charge?
#
# Alejandro Salgado makes .925 silver jewelry in Taxco de Alarcón, Guerrero (**Plata Luna de
# Taxco**). A boutique in Dallas asks him for 300 pairs of hoop earrings, **delivered with
# everything paid** (DDP): Alejandro quotes the parcel shipping, clearance on both sides and also
# the duty and fees of US customs.
#
# That last step hides three questions that change the price a lot:
#
# 1. on **which value** does each country charge duty?
# 2. which **fees** are added to the duty?
# 3. are the earrings **USMCA-originating** (the agreement between Mexico, the United States and
#    Canada, T-MEC in Spanish)? If they are, they enter duty-free.
#
# And a fourth one that weighs as much as the others in 2026: **on what date** are they imported?

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

# %% [markdown] lang="es"
# ## Paso 1 · Cada aduana mide el valor a su manera
#
# El arancel es un porcentaje, pero ¿porcentaje **de qué**? Cotizamos el mismo envío DDP a tres
# mercados, el 21 de enero de 2026, todo en dólares para comparar. La última columna dice sobre
# qué valor se calculó el arancel:
#
# - **Estados Unidos** cobra sobre el **valor de transacción**: el precio hasta la salida de
#   México, **sin** flete internacional ni seguro. No hay IVA federal a la importación.
# - **Canadá** también excluye el flete desde el lugar de embarque, y cobra el **GST de 5%**
#   sobre valor + arancel (impuestos provinciales no incluidos).
# - **Alemania** (Unión Europea) cobra sobre el **valor CIF**, es decir **con** flete y seguro
#   hasta la frontera de la UE, y luego el **IVA de importación de 19%** sobre valor + arancel.
#
# Las reglas de Estados Unidos vienen de CBP y del Arancel Armonizado (USITC); las tasas de Canadá y
# Alemania son valores de ejemplo para enseñar (sin verificar).

# %% [markdown] lang="en"
# ## Step 1 · Each customs office measures value its own way
#
# Duty is a percentage, but a percentage **of what**? We quote the same DDP shipment to three
# markets on 21 January 2026, all in dollars to compare. The last column says on which value the
# duty was computed:
#
# - **The United States** charges on the **transaction value**: the price up to leaving Mexico,
#   **without** international freight or insurance. There is no federal VAT on imports.
# - **Canada** also leaves out the freight from the place of shipment, and charges **5% GST** on
#   value + duty (provincial taxes not included).
# - **Germany** (European Union) charges on the **CIF value**, that is **with** freight and
#   insurance up to the EU border, and then **19% import VAT** on value + duty.
#
# The US rules come from CBP and the Harmonized Tariff Schedule (USITC); the Canadian and German rates are example values
# for teaching (unverified).

# %%
import pandas as pd

from mipyme.export import quote
from mipyme.money import Money
from mipyme.notebook import text


def renglon(q):
    lineas = q.landed_lines.set_index("line")
    return {text("nb.ch09.col_market"): q.market.name(LANG),
            text("nb.ch09.col_duty"): Money(lineas.loc["duty", "amount"], "USD"),
            text("nb.ch09.col_fees"): Money(lineas.loc["import_fees", "amount"], "USD"),
            text("nb.ch09.col_taxes"): Money(lineas.loc["import_taxes", "amount"], "USD"),
            text("nb.ch09.col_ddp"): q.price,
            text("nb.ch09.col_basis"): lineas.loc["duty", "basis"]}


mercados = pd.DataFrame([renglon(quote(envio, "DDP", m, currency="USD", on="2026-01-21"))
                         for m in ("US", "CA", "DE")])
show(mercados, "nb.ch09.bases_caption")

# %% [markdown] lang="es"
# **Cómo leerla:** en Alemania el valor en aduana es más alto porque **incluye el flete y el
# seguro**, y encima de todo va el IVA de importación: la línea de impuestos pesa más que el
# arancel. En Estados Unidos no hay IVA, pero la tasa es mucho más alta: ese 30% no es solo
# el arancel de las arracadas de plata (5%, fracción 7113.11.50 del Arancel Armonizado de
# Estados Unidos, para joyería de plata de más de 18 USD la docena); incluye un arancel
# adicional que vemos en el paso 3.

# %% [markdown] lang="en"
# **How to read it:** in Germany the customs value is higher because it **includes freight and
# insurance**, and import VAT comes on top of everything: the taxes line weighs more than the
# duty. In the United States there is no VAT, but the rate is much higher: that 30% is not just
# the duty on the silver earrings (5%, HTS 7113.11.50 of the Harmonized Tariff Schedule of the
# United States, for silver jewelry over 18 USD a dozen); it includes an extra tariff we look at
# in step 3.

# %%
from mipyme.export import export_data

eua = export_data().market("US")
say("nb.ch09.fees_intro", rate=f"{eua.processing_fee_rate * 100:.4f}",
    low=f"{eua.processing_fee_min:,.2f}", high=f"{eua.processing_fee_max:,.2f}",
    threshold=f"{eua.informal_entry_max:,.0f}", flat=f"{eua.informal_fee:,.2f}",
    harbor=f"{eua.harbor_fee_rate * 100:.3f}")

# %%
cuotas = []
for unidades in (30, 300, 3000, 40000):
    for modo in ("courier", "sea"):
        q = quote(dataclasses.replace(envio, units=unidades, mode=modo), "DDP", "US",
                  currency="USD", on="2026-01-21")
        linea = q.landed_lines.set_index("line").loc["import_fees"]
        cuotas.append({text("nb.ch09.col_units"): unidades,
                       text("nb.ch09.col_mode"): text(f"export.mode.{modo}"),
                       text("nb.ch09.col_fees"): Money(linea["amount"], "USD"),
                       text("nb.ch09.col_basis"): linea["basis"]})
show(pd.DataFrame(cuotas), "nb.ch09.fees_caption")

# %% [markdown] lang="es"
# **Cómo leerla:** 30 pares valen menos de 2,500 dólares: van por **entrada informal** y pagan
# solo la cuota fija. Con 300 pares ya es entrada formal y el porcentaje daría menos que el
# mínimo, así que se paga el **mínimo**. Con 40,000 pares se llega al **máximo**. Por barco se
# suma la cuota portuaria; por paquetería o avión, no.

# %% [markdown] lang="en"
# **How to read it:** 30 pairs are worth less than 2,500 dollars: they go by **informal entry**
# and pay only the flat fee. With 300 pairs it is a formal entry and the percentage would come to
# less than the minimum, so the **minimum** is paid. With 40,000 pairs the **maximum** is reached.
# By sea the harbor fee is added; by courier or air, it is not.

# %% [markdown] lang="es"
# ## Paso 3 · 2026: la fecha importa tanto como el producto
#
# Esta es la línea de tiempo de Estados Unidos (órdenes ejecutivas y avisos de CBP; revisa las fechas antes de cotizar):
#
# - **29 de agosto de 2025:** se suspende para todos los países el *de minimis* (Sección 321):
#   antes, los paquetes de menos de 800 dólares entraban sin arancel. En 2026 sigue suspendido,
#   así que **cada paquete paga arancel**, por chico que sea.
# - **Del 4 de marzo de 2025 al 23 de febrero de 2026:** arancel IEEPA de **25%** adicional a los
#   productos mexicanos que no califican para el T-MEC (Orden Ejecutiva 14194, 90 FR 9117). La
#   Suprema Corte de Estados Unidos resolvió el 20 de febrero de 2026 que la ley IEEPA no permite
#   esos aranceles, y la CBP dejó de cobrarlo a las entradas desde el 24 de febrero (CBP CSMS
#   #67834313). Los reembolsos son para el **importador registrado**: en DDP, normalmente el
#   vendedor.
# - **Del 24 de febrero al 23 de julio de 2026 (ambos incluidos):** arancel temporal de **10% de
#   la Sección 122**; las mercancías que califican para el T-MEC quedan exentas. Para después del
#   23 de julio la tabla no tiene nada verificado.
#
# Estos son los aranceles adicionales con sus fechas (en `tariffs.csv` está también la fuente de
# cada uno):

# %% [markdown] lang="en"
# ## Step 3 · 2026: the date matters as much as the product
#
# This is the US timeline (executive orders and CBP notices; check the dates before you quote):
#
# - **29 August 2025:** the *de minimis* exemption (Section 321) is suspended for all countries:
#   before, parcels under 800 dollars entered duty-free. It is still suspended in 2026, so **every
#   parcel pays duty**, however small.
# - **4 March 2025 to 23 February 2026:** an extra **25% IEEPA tariff** on Mexican goods that do
#   not qualify for USMCA (Executive Order 14194, 90 FR 9117). The US Supreme Court ruled on 20
#   February 2026 that the IEEPA law does not allow those tariffs, and CBP stopped collecting it
#   on entries from 24 February (CBP CSMS #67834313). Refunds go to the **importer of record**:
#   under DDP, usually the seller.
# - **24 February to 23 July 2026 (both included):** a temporary **10% Section 122 tariff**; goods
#   that qualify for USMCA are exempt. For after 23 July the table has nothing verified.
#
# These are the extra tariffs with their dates (`tariffs.csv` also holds the source of each
# one):

# %%
datos = export_data()
extras = pd.DataFrame([{
    text("nb.ch09.col_surcharge"): x.name_es if LANG == "es" else x.name_en,
    text("nb.ch09.col_rate"): x.rate,
    text("nb.ch09.col_from"): x.valid_from,
    text("nb.ch09.col_to"): x.valid_to,
    text("nb.ch09.col_usmca_exempt"): text("nb.ch09.yes" if x.fta_exempt else "nb.ch09.no"),
} for x in datos.tariffs if x.kind == "surcharge" and x.market == "US"])
show(extras, "nb.ch09.surcharges_caption", percent=[text("nb.ch09.col_rate")])

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

# %% [markdown] lang="es"
# Los puntos de la gráfica son tres fechas de importación: el 21 de enero (con IEEPA), el 2 de
# marzo (con la Sección 122) y el 3 de agosto de 2026 (solo el arancel base, porque la tabla no
# tiene recargos después del 23 de julio). Estas son las cotizaciones DDP de Alejandro en esas
# fechas con la tabla del kit, sin y con origen T-MEC:

# %% [markdown] lang="en"
# The dots on the chart are three import dates: 21 January (with IEEPA), 2 March (with Section
# 122) and 3 August 2026 (base duty only, because the table has no surcharge after 23 July).
# These are Alejandro's DDP quotes on those dates with the kit's table, without and with USMCA
# origin:

# %%
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
            text("nb.ch09.col_rate"): tasa,
            text("nb.ch09.col_duty"): Money(lineas["duty"], "USD"),
            text("nb.ch09.col_fees"): Money(lineas["import_fees"], "USD"),
            text("nb.ch09.col_ddp"): q.price,
            text("nb.ch09.col_per_unit"): q.price_per_unit,
        })
show(pd.DataFrame(filas), "nb.ch09.dates_caption", percent=[text("nb.ch09.col_rate")])

# %% [markdown] lang="es"
# **Cómo leerla:** sin origen T-MEC, el arancel pasa de 30% a 15% y luego a 5%, y como los 300
# pares son una entrada formal siempre se paga la cuota de procesamiento mínima. Con origen T-MEC
# el arancel es **0%** en las tres fechas y no hay cuota: el precio DDP no se mueve. Para un taller
# que exporta, **demostrar el origen** vale más que cualquier descuento que pueda negociar.

# %% [markdown] lang="en"
# **How to read it:** without USMCA origin, the duty goes from 30% to 15% and then to 5%, and since
# the 300 pairs are a formal entry the minimum processing fee is always paid. With USMCA origin the
# duty is **0%** on all three dates and there is no fee: the DDP price does not move. For a
# workshop that exports, **proving origin** is worth more than any discount it could negotiate.

# %% [markdown] lang="es"
# ## Explora: mercado, origen y fecha
#
# En el tablero eliges el mercado, si las arracadas son originarias del tratado (T-MEC con Estados
# Unidos y Canadá; el tratado con la Unión Europea para Alemania) y la fecha de importación. Cada
# barra es el precio DDP de las 300 arracadas, partido en producto y camino, arancel, cuotas e
# impuestos: arriba sin origen, abajo con origen. La barra de tu elección lleva el borde grueso.
#
# **Antes de mover el control:** el 21 de enero de 2026, sin origen T-MEC, las 300 arracadas
# pagan **US$1,264.88 USD** de arancel en Estados Unidos (30%). Si se importan el **2 de marzo
# de 2026**, ¿cuánto pagarán de arancel, en dólares? Escribe tu predicción en la celda de abajo.

# %% [markdown] lang="en"
# ## Explore: market, origin and date
#
# In the dashboard you pick the market, whether the earrings are originating under the agreement
# (USMCA with the United States and Canada; the EU agreement for Germany) and the import date.
# Each bar is the DDP price of the 300 pairs of earrings, split into goods and transport, duty,
# fees and taxes: on top without origin, below with origin. The bar of your choice has the thick
# border.
#
# **Before you move the control:** on 21 January 2026, without USMCA origin, the 300 pairs pay
# **US$1,264.88 USD** of duty in the United States (30%). If they are imported on **2 March
# 2026**, how much duty will they pay, in dollars? Write your prediction in the cell below.

# %%
prediccion = None  # escribe tu número / write your number

# %%
from mipyme.dashboards.export_chapters import CustomsDashboard

tablero = CustomsDashboard(envio, market="US", origin="no", date="2026-01-21")
tablero.widget()

# %% [markdown] lang="es"
# Ahora cambia la fecha al **2 de marzo de 2026** y compara con tu predicción (corre la celda de
# abajo). Luego cambia el origen a "sí": ¿cuánto vale la certificación de origen en cada fecha?

# %% [markdown] lang="en"
# Now change the date to **2 March 2026** and compare with your prediction (run the cell below).
# Then change the origin to "yes": how much is the certification of origin worth on each date?

# %%
tablero.compare(prediccion)

# %% [markdown] lang="es"
# ## Regla práctica
#
# - Antes de cotizar DDP, pregunta **sobre qué valor** cobra el país: Estados Unidos y Canadá
#   excluyen el flete internacional; la Unión Europea cobra sobre el valor CIF y suma IVA.
# - Hasta 2,500 dólares la entrada puede ser **informal**, con una cuota fija chica; arriba de
#   eso la cuota tiene **mínimo** y **máximo**.
# - Si tu producto califica para el **T-MEC**, consigue y guarda la **certificación de origen**:
#   en enero de 2026 fue la diferencia entre pagar 30% y 0%.
# - Los aranceles cambian seguido: **pon fecha a cada cotización** y revisa la tabla antes de
#   enviarla.

# %% [markdown] lang="en"
# ## Rule of thumb
#
# - Before quoting DDP, ask **on which value** the country charges: the United States and Canada
#   leave out international freight; the European Union charges on the CIF value and adds VAT.
# - Up to 2,500 dollars the entry can be **informal**, with a small flat fee; above that the fee
#   has a **minimum** and a **maximum**.
# - If your product qualifies for **USMCA**, get and keep the **certification of origin**:
#   in January 2026 it was the difference between paying 30% and 0%.
# - Tariffs change often: **date every quote** and check the table before sending it.

# %% [markdown] lang="es"
# ## Tu turno
#
# 1. Con el tablero, compara Canadá y Alemania para las arracadas **originarias**. ¿Qué línea
#    queda aunque el arancel sea 0%? ¿Por qué?
# 2. Cambia el envío a 30 pares (`dataclasses.replace(envio, units=30)`) y vuelve a calcular la
#    tabla del paso 3. ¿Qué tipo de entrada es y cuánto pesa la cuota de procesamiento por par
#    sin origen T-MEC?
# 3. Prepara una explicación de 5 minutos para un grupo de plateros de Taxco: ¿por qué la misma
#    caja de arracadas paga tres aranceles distintos según la fecha de 2026 en que entra? Usa la
#    gráfica del paso 3.

# %% [markdown] lang="en"
# ## Your turn
#
# 1. With the dashboard, compare Canada and Germany for the **originating** earrings. Which line
#    remains even when the duty is 0%? Why?
# 2. Change the shipment to 30 pairs (`dataclasses.replace(envio, units=30)`) and recompute the
#    table of step 3. What kind of entry is it, and how much does the processing fee weigh per
#    pair without USMCA origin?
# 3. Plan a 5-minute explanation for a group of Taxco silversmiths: why does the same box of hoop
#    earrings pay three different duties depending on the 2026 date it enters? Use the chart from
#    step 3.
