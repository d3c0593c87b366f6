# %% [markdown] lang="es"
# # 05 · Envíos e inventario

# %% [markdown] lang="en"
# # 05 · Shipping and inventory

# %%
from mipyme.notebook import say, setup, show

LANG = setup("es")
say("notebook.language_set")

# %% [markdown] lang="es"
# ## El envío se cobra por tamaño, no solo por peso
#
# Guadalupe Hernández (*Talavera Azul de la Luz*, Puebla) manda tazas de talavera y, para la
# tienda compartida, alebrijes de Oaxaca. Un alebrije pesa poco, pero su caja es grande. Las
# paqueterías (Estafeta, DHL, FedEx, Redpack, UPS) cobran por el **peso cobrable**:
#
# **peso cobrable = el mayor entre el peso real (kg) y el peso volumétrico = largo × ancho × alto
# (cm) ÷ 5,000** (el divisor más común; cada paquetería publica el suyo: revísalo).
#
# Para el alebrije, en una caja de 25 × 20 × 20 cm: 25 × 20 × 20 ÷ 5,000 = **2 kg**, aunque en la
# báscula pese 0.6 kg.

# %% [markdown] lang="en"
# ## Shipping is charged by size, not just weight
#
# Guadalupe Hernández (*Talavera Azul de la Luz*, Puebla) ships talavera mugs and, for the shared
# store, alebrijes (painted wooden figures) from Oaxaca. An alebrije weighs little, but its box is
# big. Couriers (Estafeta, DHL, FedEx, Redpack, UPS) charge by **chargeable weight**:
#
# **chargeable weight = the larger of the actual weight (kg) and the volumetric weight = length ×
# width × height (cm) ÷ 5,000** (the most common divisor; each courier publishes its own: check it).
#
# For the alebrije, in a 25 × 20 × 20 cm box: 25 × 20 × 20 ÷ 5,000 = **2 kg**, even though it
# weighs 0.6 kg on the scale.

# %%
from mipyme.store import chargeable_weight

print(chargeable_weight(0.6, 25, 20, 20))  # alebrije: 0.6 kg reales, caja de 25 x 20 x 20 cm

# %% [markdown] lang="es"
# Así que se paga como un paquete de 2 kg. La tabla hace la misma cuenta para todo el catálogo y
# busca el precio en dos tarifas (archivo `store_shipping.csv`, precios antes de IVA, valores de
# ejemplo para enseñar):

# %% [markdown] lang="en"
# So it pays as a 2 kg parcel. The table does the same sum for the whole catalog and looks up the
# price in two rate tables (file `store_shipping.csv`, prices before IVA, example values for
# teaching):

# %%
import pandas as pd

from mipyme.notebook import text
from mipyme.store import example_catalog, shipping_cost

catalogo = example_catalog()
envios = pd.DataFrame({
    text("store.col.product"): [p.name for p in catalogo],
    text("store.col.weight_kg"): [p.weight_kg for p in catalogo],
    text("store.col.volumetric_kg"): [round(p.volumetric_kg, 2) for p in catalogo],
    text("nb.ch05.chargeable"): [chargeable_weight(p.weight_kg, p.length_cm, p.width_cm,
                                                   p.height_cm) for p in catalogo],
    "Estafeta": [shipping_cost("estafeta", p.weight_kg, p.length_cm, p.width_cm,
                               p.height_cm) for p in catalogo],
    "Mercado Envíos": [shipping_cost("mercado_libre", p.weight_kg, p.length_cm, p.width_cm,
                                     p.height_cm) for p in catalogo],
})
show(envios, "nb.ch05.shipping_caption", money=["Estafeta", "Mercado Envíos"])

# %% [markdown] lang="es"
# **Envío gratis... para quién.** En Mercado Libre y Amazon, desde 299 pesos el envío es "gratis"
# para quien compra: **lo pagas tú**, y sale de tu margen. En la tienda propia de este ejemplo tú
# lo pagas desde 999 pesos; por debajo, lo paga el cliente. Una caja más chica (o un empaque que
# no deje aire) puede bajar el peso cobrable y el costo de cada venta.

# %% [markdown] lang="en"
# **Free shipping... for whom.** On Mercado Libre and Amazon, from 299 pesos shipping is "free"
# for the buyer: **you pay it**, and it comes out of your margin. In this example's own store you
# pay it from 999 pesos; below that, the customer pays. A smaller box (or packing with no empty
# space) can lower the chargeable weight and the cost of every sale.

# %% [markdown] lang="es"
# ### ¿Cuándo vuelvo a pedir mercancía?
#
# Cada producto tiene un **punto de reorden**: cuando las piezas en existencia (más las que ya
# vienen en camino) bajan a ese número, se pide un lote nuevo al taller. El lote tarda el
# **tiempo de entrega** en llegar. Si el punto de reorden es muy bajo, la mercancía se acaba
# antes de que llegue el lote y **los pedidos se pierden**.
#
# Simulamos el mismo año con el punto de reorden a la mitad, igual y al doble:

# %% [markdown] lang="en"
# ### When do I reorder?
#
# Each product has a **reorder point**: when the units in stock (plus those already on their way)
# fall to that number, a new batch is ordered from the workshop. The batch takes the **lead time**
# to arrive. If the reorder point is too low, stock runs out before the batch arrives and **orders
# are lost**.
#
# We simulate the same year with the reorder point halved, unchanged and doubled:

# %%
from dataclasses import replace

from mipyme.store import Catalog, simulate
from mipyme.store import readable as tabla

resultados = {}
for veces in (0.5, 1, 2):
    otro = Catalog(tuple(replace(p, reorder_point=int(p.reorder_point * veces))
                         for p in catalogo))
    resultados[f"{veces:g} x"] = simulate(365, seed=2026, catalog=otro).summary()
columnas = ["lost_stockout", "profit_cents", "cash_cents"]
reorden = pd.DataFrame.from_dict(resultados, orient="index")[columnas]
show(tabla(reorden).rename_axis(text("nb.ch05.reorder_point_col")), "nb.ch05.reorder_caption")

# %%
import matplotlib.pyplot as plt

from mipyme.finance.charts import OKABE_ITO

tienda = simulate(365, seed=2026)
rebozo = catalogo.products[catalogo.skus.index("REBOZO")]
fig, ax = plt.subplots()
ax.plot(tienda.stock_history()["REBOZO"], color=OKABE_ITO["blue"], label=text("nb.ch05.on_hand"))
ax.axhline(rebozo.reorder_point, color=OKABE_ITO["vermillion"], linestyle="--",
           label=text("nb.ch05.reorder_point"))
ax.set_title(text("nb.ch05.stock_title"))
ax.set_ylabel(text("nb.ch05.units"))
ax.legend(fontsize=8, frameon=False)
plt.show()

# %%
say("nb.ch05.stock_explained", point=rebozo.reorder_point, qty=rebozo.reorder_qty,
    lead=rebozo.lead_time_days)

# %% [markdown] lang="es"
# ### Mueve el punto de reorden
#
# En el tablero de abajo simulas el año 2026 otra vez, con los mismos clientes, cambiando solo el
# **punto de reorden** del rebozo y los **días de entrega** del taller. La línea azul son los
# rebozos en existencia; las marcas rojas abajo, los días en que se perdieron pedidos porque ya no
# había.
#
# **Antes de mover los controles:** el rebozo se vuelve a pedir cuando quedan 12 piezas y el lote
# tarda 21 días. Si el punto de reorden sube a 24 piezas, ¿cuántos pedidos de rebozo se perderán
# en el año? Escribe tu predicción en la celda de abajo.

# %% [markdown] lang="en"
# ### Move the reorder point
#
# In the dashboard below you simulate the year 2026 again, with the same customers, changing only
# the rebozo's **reorder point** and the workshop's **delivery days**. The blue line is the rebozos
# in stock; the red marks at the bottom, the days when orders were lost because none were left.
#
# **Before you move the controls:** the rebozo is reordered when 12 pieces are left and the batch
# takes 21 days. If the reorder point goes up to 24 pieces, how many rebozo orders will be lost in
# the year? Write your guess in the cell below.

# %%
prediccion = None  # escribe tu número / write your number

# %%
from mipyme.dashboards.store_chapters import ReorderDashboard

tablero = ReorderDashboard(sku="REBOZO", seed=2026)
tablero.widget()

# %% [markdown] lang="es"
# Ahora mueve el **punto de reorden** a 24 y compara con tu predicción:

# %% [markdown] lang="en"
# Now move the **reorder point** to 24 and compare with your guess:

# %%
tablero.compare(prediccion)

# %% [markdown] lang="es"
# ## El juego de la tienda, semana por semana
#
# Ahora juega el grupo. Cada equipo maneja **la misma tienda en el mismo mercado** (mismo azar,
# mismos visitantes) y cada semana decide: **precio**, **anuncios por canal** y **cuántas piezas
# pedir al taller**. Aquí no hay reorden automático: si un equipo no pide mercancía, se le acaba.
#
# Primero una demostración corta: dos equipos, tres semanas.

# %% [markdown] lang="en"
# ## The store game, week by week
#
# Now the group plays. Each team runs **the same store in the same market** (same luck, same
# visitors) and each week decides: **price**, **ads per channel** and **how many units to order
# from the workshop**. There is no automatic reordering here: a team that orders nothing runs out.
#
# First a short demo: two teams, three weeks.

# %%
from mipyme.dashboards.game import GameBoard

demo = GameBoard(["Águilas", "Jaguares"], seed=2026, weeks=3)
demo.decide("Águilas", price_pct=95, ad_mercado_libre=800, reorder=30)
demo.decide("Jaguares", price_pct=115, ad_web=400)
for _ in range(3):
    marcador = demo.next_week()
show(marcador, "nb.ch05.scoreboard_caption",
     money=[text(f"store.col.{c}") for c in ("sales", "ad_spend", "profit", "cash")],
     percent=[text("store.col.return_rate")])
demo.render()

# %% [markdown] lang="es"
# **Para jugar en clase** (8 semanas): elige un equipo, mueve sus decisiones y pulsa *Guardar
# decisiones del equipo*; repite con cada equipo; luego pulsa *Siguiente semana*. El marcador y
# la gráfica se actualizan. Cinco minutos por semana para decidir es un buen ritmo.
#
# *Nota para quien facilita:* pide a cada equipo que escriba **por qué** tomó su decisión antes de
# ver el resultado; al final, compara lo que esperaban con lo que pasó.

# %% [markdown] lang="en"
# **To play in class** (8 weeks): pick a team, move its decisions and press *Save the team's
# decisions*; repeat for each team; then press *Next week*. The scoreboard and the chart update.
# Five minutes per week to decide is a good pace.
#
# *Facilitator's note:* ask each team to write down **why** it made its decision before seeing the
# result; at the end, compare what they expected with what happened.

# %%
clase = GameBoard(["Águilas", "Jaguares", "Colibríes"], seed=2026, weeks=8)
clase.widget()

# %% [markdown] lang="es"
# > **Regla práctica.** Un pedido perdido por falta de mercancía es una venta que ya habías
# > pagado (en anuncios y en visitas). Mide tu **peso cobrable** antes de fijar precios y fija tu
# > **punto de reorden** con tus días de entrega, no a ojo.

# %% [markdown] lang="en"
# > **Rule of thumb.** An order lost to a stock-out is a sale you had already paid for (in ads and
# > visits). Measure your **chargeable weight** before setting prices and set your **reorder
# > point** from your lead time, not by eye.

# %% [markdown] lang="es"
# ## Tu turno
#
# 1. Calcula a mano el peso cobrable de una caja de 30 × 30 × 15 cm que pesa 1.2 kg, y compruébalo
#    con `chargeable_weight`.
# 2. En la demostración del juego, haz que los Jaguares pidan 40 piezas de cada producto la
#    primera semana. ¿Cambia el marcador? ¿Por qué baja su efectivo?
# 3. **Enseña tú:** dirige una ronda del juego con tu grupo de práctica (3 semanas). Al final,
#    pide a cada equipo una frase: "la próxima vez, nosotros...". Recibe retroalimentación con la
#    tabla 2 × 2 (contenido/presentación × lo que funcionó/lo que mejorar).

# %% [markdown] lang="en"
# ## Your turn
#
# 1. Work out by hand the chargeable weight of a 30 × 30 × 15 cm box weighing 1.2 kg, and check it
#    with `chargeable_weight`.
# 2. In the game demo, make the Jaguares order 40 units of each product in the first week. Does
#    the scoreboard change? Why does their cash go down?
# 3. **Teach it back:** run a round of the game with your practice group (3 weeks). At the end,
#    ask each team for one sentence: "next time, we...". Get feedback with the 2 × 2 grid
#    (content/presentation × what worked/what to improve).
