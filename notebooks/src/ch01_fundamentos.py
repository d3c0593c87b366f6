# %% [markdown] lang="es"
# # 01 · Fundamentos del negocio digital para mipymes

# %% [markdown] lang="en"
# # 01 · Foundations of digital business for micro-businesses

# %%
from mipyme.notebook import say, setup, show, text

LANG = setup("es")
say("notebook.language_set")

# %% [markdown] lang="es"
# ## ¿Por qué vender en línea?
#
# Las micro, pequeñas y medianas empresas (mipymes) generan **más de la mitad del PIB de México
# (52%) y 72% del empleo formal** (cifras del INEGI citadas por Concanaco-Servytur, 2025), pero
# **24.46% no usa ningún dato digital** para llevar su negocio (Concanaco-Servytur, *3.er Estudio
# de Digitalización PYMES*, 2026). Mientras tanto, el comercio electrónico ya vende
# **941 mil millones de pesos al año (2025), 17.7% de las ventas al menudeo**, con **77.2 millones
# de compradores en línea** (AMVO 2026); un pedido promedio ronda los **1,000 pesos** (AMVO 2024).
#
# Guadalupe Hernández hace talavera en Puebla (*Talavera Azul de la Luz*). Con artesanas y
# artesanos de Taxco, Oaxaca y Chiapas quiere abrir una **tienda en línea compartida**. Antes de
# invertir, vamos a **simular un año completo** de esa tienda: visitas, pedidos, comisiones,
# envíos, devoluciones y el dinero que de verdad llega al banco.
#
# *Fuentes: Concanaco-Servytur (2025 y 2026) y AMVO, Estudio de Venta Online (2024 y 2026), según los
# reportó la prensa; el curso no pudo revisar las publicaciones originales, así que toma estas
# cifras como estimaciones, sin verificar.*

# %% [markdown] lang="en"
# ## Why sell online?
#
# Micro, small and medium-sized businesses (mipymes) produce **over half of Mexico's GDP (52%) and
# 72% of formal employment** (INEGI figures as cited by Concanaco-Servytur, 2025), yet **24.46% use
# no digital data** to run their business (Concanaco-Servytur, *3rd SME Digitalisation Study*,
# 2026). Meanwhile e-commerce already sells **MXN 941 billion a year (2025),
# 17.7% of retail**, to **77.2 million online buyers** (AMVO 2026); an average order is about
# **1,000 pesos** (AMVO 2024).
#
# Guadalupe Hernández makes talavera pottery in Puebla (*Talavera Azul de la Luz*). With artisans
# from Taxco, Oaxaca and Chiapas she wants to open a **shared online store**. Before spending any
# money, we will **simulate a whole year** of that store: visits, orders, fees, shipping, returns
# and the money that actually reaches the bank.
#
# *Sources: Concanaco-Servytur (2025 and 2026) and AMVO, Online Sales Study (2024 and 2026), as reported
# in the press; the course could not check the original publications, so take these figures as
# estimates, unverified.*

# %% [markdown] lang="es"
# ### Paso 1 · El catálogo
#
# Seis productos de cuatro categorías. El **precio** ya incluye IVA (así lo ve quien compra); el
# **costo unitario** es lo que le cuesta a la tienda cada pieza. El **peso volumétrico** importará
# para los envíos (capítulo 5).

# %% [markdown] lang="en"
# ### Step 1 · The catalog
#
# Six products in four categories. The **price** includes IVA (as the buyer sees it); the **unit
# cost** is what each piece costs the store. The **volumetric weight** will matter for shipping
# (chapter 5).

# %%
from mipyme.store import example_catalog

catalogo = example_catalog()
show(catalogo.to_frame(), "nb.ch01.catalog_caption")

# %% [markdown] lang="es"
# ### Paso 2 · Un año de tienda, día por día
#
# `simulate(365, seed=2026)` simula el año 2026: cada día llegan visitas de cuatro canales
# (tienda propia, Mercado Libre, Amazon y Etsy), algunas compran, se cobran comisiones, se paga
# el envío, hay devoluciones y la tienda vuelve a pedir mercancía cuando se le acaba. El número
# de `seed` fija el azar: con el mismo número obtienes exactamente los mismos resultados que tu
# grupo. Estos son los primeros 7 días:

# %% [markdown] lang="en"
# ### Step 2 · A year of the store, day by day
#
# `simulate(365, seed=2026)` simulates the year 2026: every day visits arrive from four channels
# (own web store, Mercado Libre, Amazon and Etsy), some of them buy, fees are charged, shipping is
# paid, goods are returned and the store reorders when it runs low. The number in `seed` fixes
# the randomness: with the same number you get exactly the same results as your group. These are
# the first 7 days:

# %%
from mipyme.store import readable as tabla
from mipyme.store import simulate

tienda = simulate(365, seed=2026)
columnas = ["date", "visits", "orders", "conversion", "sales_cents", "cogs_cents",
            "commissions_cents", "payment_fees_cents", "shipping_cents", "margin_cents",
            "cash_cents", "in_transit_cents"]
show(tabla(tienda.daily[columnas].head(7)), "nb.ch01.daily_caption",
     percent=[text("store.col.conversion")])

# %% [markdown] lang="es"
# Lee una fila de izquierda a derecha: **visitas → pedidos → ventas → costos → margen**. La
# **conversión** es pedidos ÷ visitas: de cada 100 personas que entran, compran 2 o 3. El
# **margen** del día ya descuenta costo de la mercancía, comisiones, cobro, envíos y publicidad.
# Fíjate también en dos columnas que no son lo mismo: el **efectivo en el banco** y el dinero
# **en tránsito** (vendido pero todavía no depositado).

# %% [markdown] lang="en"
# Read a row from left to right: **visits → orders → sales → costs → margin**. **Conversion** is
# orders ÷ visits: out of every 100 people who come in, 2 or 3 buy. The day's **margin** already
# takes off the cost of the goods, commissions, payment fees, shipping and advertising. Notice
# two columns that are not the same thing: **cash in the bank** and money **in transit** (sold
# but not yet deposited).

# %%
import pandas as pd

resumen = pd.DataFrame([tienda.summary()])
pedidos = ["visits", "orders", "units", "lost_stockout", "lost_voucher", "new_customers",
           "return_rate", "stock_units"]
dinero = ["sales_cents", "refunds_cents", "ads_paid_cents", "profit_cents", "cash_cents"]
show(tabla(resumen[pedidos]), "nb.ch01.summary_caption", percent=[text("store.col.return_rate")])
show(tabla(resumen[dinero]), "nb.ch01.summary_money_caption")

# %% [markdown] lang="es"
# ### Paso 3 · El calendario comercial
#
# En México las ventas no son parejas: suben en **Reyes, San Valentín, Día de las Madres, Hot
# Sale (fin de mayo), Día de Muertos, El Buen Fin (mediados de noviembre) y diciembre**
# (Guadalupe-Reyes). La gráfica muestra las ventas de cada mes (barras; en naranja los meses de
# temporada alta) y la línea gris el **multiplicador de demanda** promedio del mes, que viene del
# archivo de datos `store_calendar.csv`.

# %% [markdown] lang="en"
# ### Step 3 · The commercial calendar
#
# In Mexico sales are not even through the year: they rise at **Three Kings Day, Valentine's
# Day, Mother's Day, Hot Sale (late May), Day of the Dead, El Buen Fin (mid-November) and
# December** (Guadalupe-Reyes). The chart shows each month's sales (bars; the high-season months
# in orange) and the grey line the month's average **demand multiplier**, which comes from the
# data file `store_calendar.csv`.

# %%
import matplotlib.pyplot as plt

from mipyme.dashboards.store import pesos
from mipyme.finance.charts import OKABE_ITO
from mipyme.store import season

diario = tienda.daily.set_index("date")
ventas_mes = diario["sales_cents"].resample("ME").sum().map(pesos).astype(float)
temporada = season(diario.index).groupby(diario.index.month)["demand_multiplier"].mean()
colores = [OKABE_ITO["orange"] if m >= 1.2 else OKABE_ITO["blue"] for m in temporada]

fig, ax = plt.subplots()
ax.bar(ventas_mes.index.strftime("%m"), ventas_mes.values, color=colores)
ax.set_title(text("nb.ch01.chart_title"))
ax.set_xlabel(text("nb.ch01.chart_month"))
ax.set_ylabel(text("nb.ch01.chart_pesos"))
ax.yaxis.set_major_formatter("{x:,.0f}")
linea = ax.twinx()
linea.plot(ventas_mes.index.strftime("%m"), temporada.values, color="#444", marker="o")
linea.set_ylabel(text("nb.ch01.chart_multiplier"))
plt.show()

# %%
from mipyme.store import calendar

nombre = calendar().set_index("event").loc["buen_fin", f"name_{LANG}"]
en_buen_fin = season(diario.index, lang=LANG)["event"].to_numpy() == nombre
parte = diario["sales_cents"][en_buen_fin].sum() / diario["sales_cents"].sum()
say("nb.ch01.buen_fin", share=f"{parte:.1%}", lost=diario["lost_stockout"][en_buen_fin].sum())

# %% [markdown] lang="es"
# ### Paso 4 · ¿Cuánto queda al mes?
#
# No todo lo que pagan los clientes es de la tienda. De cada taza de talavera de $320 se van el
# IVA, el costo de la taza, las comisiones del canal y del cobro y, a veces, el envío. En el
# tablero de abajo la tienda vende 100 tazas al mes: la mitad en su tienda en línea propia y la
# mitad en Mercado Libre. Puedes mover el precio, las tazas del mes y la parte que se vende en
# Mercado Libre.
#
# **Antes de mover los controles:** si la tienda vendiera las 100 tazas **solo en su tienda
# propia** (0% en Mercado Libre), ¿cuánto le quedaría en el mes para pagar sus gastos fijos?
# Escribe tu predicción en la celda de abajo, en pesos.

# %% [markdown] lang="en"
# ### Step 4 · How much is left each month?
#
# Not everything customers pay belongs to the store. From each $320 talavera mug go the IVA, the
# mug's cost, the channel's and the payment's fees and, sometimes, the shipping. In the dashboard
# below the store sells 100 mugs a month: half in its own web store and half on Mercado Libre.
# You can move the price, the mugs per month and the share sold on Mercado Libre.
#
# **Before you move the controls:** if the store sold all 100 mugs **only in its own web store**
# (0% on Mercado Libre), how much would be left in the month to pay its fixed costs? Write your
# guess in the cell below, in pesos.

# %%
prediccion = None  # escribe tu número / write your number

# %%
from mipyme.dashboards.store_chapters import StoreMonthDashboard

tablero = StoreMonthDashboard(sku="TAZA-TALAV")
tablero.widget()

# %% [markdown] lang="es"
# Ahora mueve el control **% vendido en Mercado Libre** a 0 y compara con tu predicción:

# %% [markdown] lang="en"
# Now move the **% sold on Mercado Libre** control to 0 and compare with your guess:

# %%
tablero.compare(prediccion)

# %% [markdown] lang="es"
# Mira la línea bajo la gráfica: en Mercado Libre cada taza deja muy poco, porque la tienda paga
# la comisión del canal **y** el envío. Un canal que trae más ventas no siempre deja más dinero.

# %% [markdown] lang="en"
# Look at the line under the chart: on Mercado Libre each mug leaves very little, because the
# store pays the channel's commission **and** the shipping. A channel that brings more sales does
# not always leave more money.

# %% [markdown] lang="es"
# > **Regla práctica.** Vender no es lo mismo que ganar, y ganar no es lo mismo que tener el
# > dinero en el banco. Mira siempre tres números juntos: **pedidos, margen y efectivo**.

# %% [markdown] lang="en"
# > **Rule of thumb.** Selling is not the same as earning, and earning is not the same as having
# > the money in the bank. Always look at three numbers together: **orders, margin and cash**.

# %% [markdown] lang="es"
# ## Tu turno
#
# 1. Cambia el número de `seed=2026` por otro y vuelve a correr el cuaderno. ¿Qué números cambian
#    mucho y cuáles casi no? ¿Por qué crees que pasa?
# 2. Simula con más tráfico: `simulate(365, seed=2026, traffic=2)`. ¿Se duplica la utilidad?
#    Busca en la tabla del año la columna que lo explica.
# 3. **Enseña tú:** prepara una explicación de 5 minutos para un grupo de artesanas de por qué
#    "vender mucho en El Buen Fin" no basta. Usa la gráfica mensual como apoyo.

# %% [markdown] lang="en"
# ## Your turn
#
# 1. Change the number in `seed=2026` to another one and run the notebook again. Which numbers
#    change a lot and which hardly move? Why do you think that is?
# 2. Simulate with more traffic: `simulate(365, seed=2026, traffic=2)`. Does the profit double?
#    Find the column in the year's table that explains it.
# 3. **Teach it back:** plan a 5-minute explanation for a group of women artisans of why "selling
#    a lot during El Buen Fin" is not enough. Use the monthly chart to support it.
