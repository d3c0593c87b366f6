# %% [markdown] lang="es"
# # 07 · Incoterms 2020

# %% [markdown] lang="en"
# # 07 · Incoterms 2020

# %%
from mipyme.notebook import say, setup, show

LANG = setup("es")
say("notebook.language_set")

# %% [markdown] lang="es"
# ## ¿Quién paga qué, y hasta dónde?
#
# Wendy Chan produce miel de tajonal y de melipona en Maní, Yucatán (**Miel Flor de Tajonal**).
# Una tienda de Montreal le pide precio por 240 frascos. Antes de decir una cifra, Wendy y su
# cliente tienen que ponerse de acuerdo en **hasta dónde llega el precio**: ¿lo entrega en su
# bodega, en el aeropuerto, o en la puerta del cliente con impuestos pagados?
#
# Para eso existen los **Incoterms 2020** de la Cámara de Comercio Internacional (ICC, vigentes
# desde el 1 de enero de 2020): 11 reglas de tres letras que dicen quién paga cada costo y en
# qué momento pasa el riesgo del vendedor al comprador. El kit las guarda **como datos** (un
# archivo `incoterms.csv` que puedes imprimir y comparar con el texto de la ICC). Esta tabla dice,
# para cada costo del camino, quién lo paga en cada regla:

# %% [markdown] lang="en"
# ## Who pays what, and up to where?
#
# Wendy Chan produces tajonal and melipona honey in Maní, Yucatán (**Miel Flor de Tajonal**). A
# shop in Montreal asks her for a price for 240 jars. Before she says a figure, Wendy and her
# customer must agree **how far the price goes**: is it delivered at her warehouse, at the
# airport, or at the customer's door with taxes paid?
#
# That is what the International Chamber of Commerce's **Incoterms 2020** are for (in force since
# 1 January 2020): 11 three-letter rules that say who pays each cost and when the risk passes
# from seller to buyer. The kit keeps them **as data** (a file `incoterms.csv` you can print and
# check against the ICC text). This table says, for each cost along the way, who pays it under
# each rule:

# %%
from mipyme.export import RULES, who_pays

show(who_pays(RULES), "nb.ch07.table_caption")

# %% [markdown] lang="es"
# ## La misma tabla, en colores
#
# En azul lo que paga el vendedor; en naranja lo que paga el comprador. De izquierda a derecha,
# las reglas **para cualquier transporte** (EXW a DDP) y luego las **solo marítimas** (FAS, FOB,
# CFR, CIF).

# %% [markdown] lang="en"
# ## The same table, in colours
#
# In blue what the seller pays; in orange what the buyer pays. From left to right, the rules
# **for any mode of transport** (EXW to DDP) and then the **sea-only** rules (FAS, FOB, CFR, CIF).

# %%
import matplotlib.pyplot as plt
from matplotlib.patches import Patch

from mipyme.export import LINES, payer
from mipyme.finance.charts import OKABE_ITO
from mipyme.i18n import t

vendedor = [[payer(regla, linea) == "seller" for regla in RULES] for linea in LINES]
colores = [[OKABE_ITO["blue"] if x else OKABE_ITO["orange"] for x in fila] for fila in vendedor]
fig, ax = plt.subplots(figsize=(8, 6))
for y, fila in enumerate(colores):
    for x, color in enumerate(fila):
        ax.add_patch(plt.Rectangle((x, y), 0.95, 0.9, color=color))
ax.set_xlim(0, len(RULES))
ax.set_ylim(len(LINES), 0)
ax.set_xticks([i + 0.47 for i in range(len(RULES))], RULES)
ax.set_yticks([i + 0.45 for i in range(len(LINES))], [t(f"export.line.{x}") for x in LINES],
              fontsize=8)
ax.xaxis.tick_top()
ax.legend(handles=[Patch(color=OKABE_ITO["blue"], label=t("export.payer.seller")),
                   Patch(color=OKABE_ITO["orange"], label=t("export.payer.buyer"))],
          loc="lower left", bbox_to_anchor=(0, -0.12), ncol=2, frameon=False)
ax.set_title(t("nb.ch07.chart_title"), pad=24)
plt.show()

# %% [markdown] lang="es"
# **Cómo leerlo:** en **EXW** el vendedor solo pone la mercancía lista en su taller; en **DDP**
# lo paga todo, hasta el arancel y los impuestos del país del comprador. Entre los dos, cada
# regla agrega algunos costos al vendedor. Fíjate en **DPU**: es la única regla en la que el
# vendedor paga la descarga en destino.

# %% [markdown] lang="en"
# **How to read it:** under **EXW** the seller only has the goods ready at the workshop; under
# **DDP** the seller pays everything, even the duty and taxes of the buyer's country. In between,
# each rule adds some costs to the seller. Look at **DPU**: it is the only rule under which the
# seller pays for unloading at the destination.

# %% [markdown] lang="es"
# ## Pagar no es lo mismo que cargar con el riesgo
#
# Que pagues el flete no quiere decir que el riesgo siga siendo tuyo. En **CIF**, por ejemplo, el
# vendedor paga el flete marítimo y el seguro hasta el puerto de destino, pero el riesgo pasa al
# comprador **cuando la mercancía está a bordo en el puerto de origen**. Si el barco tiene un
# accidente, el problema es del comprador (por eso el vendedor le compra un seguro). La tabla
# dice dónde pasa el riesgo en cada regla y con qué transporte se puede usar.

# %% [markdown] lang="en"
# ## Paying is not the same as carrying the risk
#
# Paying for the freight does not mean the risk is still yours. Under **CIF**, for example, the
# seller pays sea freight and insurance to the destination port, but the risk passes to the buyer
# **when the goods are on board at the origin port**. If the ship has an accident, it is the
# buyer's problem (which is why the seller buys insurance for the buyer). The table says where the
# risk passes under each rule and with which transport it can be used.

# %%
riesgo = who_pays(RULES).iloc[-2:].T
riesgo.columns.name = None
show(riesgo, "nb.ch07.risk_caption")

# %% [markdown] lang="es"
# ## Error común: FOB por avión
#
# FAS, FOB, CFR y CIF son **solo para barco** (o vía fluvial): hablan de la borda del buque y del
# puerto. Mucha gente cotiza "FOB aeropuerto" o "FOB bodega", y eso causa pleitos sobre quién
# pagaba qué. Si Wendy manda la miel por avión y pide un precio FOB, la cotización no se hace y un
# mensaje le dice qué regla usar:

# %% [markdown] lang="en"
# ## A common mistake: FOB by air
#
# FAS, FOB, CFR and CIF are **for ships only** (or inland waterways): they talk about the ship's
# rail and the port. Many people quote "FOB airport" or "FOB warehouse", and that leads to
# disputes over who was paying what. If Wendy sends the honey by air and asks for a FOB price, the
# quote is refused, with a message that tells her which rule to use:

# %%
from mipyme.datasets import load_catalog
from mipyme.errors import InputError
from mipyme.export import Product, Shipment, quote

frasco = load_catalog("miel").set_index("sku").loc["MIE-TAJ-350"]
miel = Product(frasco["name_es" if LANG == "es" else "name_en"], "honey",
               unit_cost=frasco["unit_cost"], weight_kg=frasco["weight_kg"],
               dimensions_cm=(frasco["length_cm"], frasco["width_cm"], frasco["height_cm"]))
# Wendy entrega en el aeropuerto de Mérida: el camión desde Maní es suyo (FCA en otro lugar)
# Wendy delivers at Mérida airport: the truck from Maní is hers (FCA at another place)
aeropuerto = "Aeropuerto de Mérida" if LANG == "es" else "Mérida Airport"
por_avion = Shipment(miel, units=240, mode="air", origin="Maní", fca_place=aeropuerto)
try:
    quote(por_avion, "FOB", "CA", currency="CAD", on="2026-01-21")
except InputError as error:
    print(error)

# %%
fca = quote(por_avion, "FCA", "CA", currency="CAD", on="2026-01-21")
say("nb.ch07.fca_result", rule=fca.rule, place=fca.place, price=fca.price.format(),
    landed=fca.landed.format())
show(fca.table(landed=True), "nb.ch07.fca_caption")

# %% [markdown] lang="es"
# ## Explora: regla y transporte
#
# En el tablero de abajo eliges la regla y el transporte. Cada barra es un costo del camino de la
# miel, de la bodega a la puerta del cliente: **azul** si lo paga Wendy (va dentro de su precio),
# **naranja** si lo paga el comprador aparte. Arriba ves el precio en el lugar convenido.
#
# **Antes de mover el control:** con **FCA Aeropuerto de Mérida** por avión, Wendy cobra
# **C$2,335.32 CAD** por los 240 frascos (ya con el camión de Maní al aeropuerto, que en FCA en un
# lugar que no es su bodega le toca a ella). Si cambia a **CPT** (ella paga también el flete aéreo
# hasta Canadá), ¿cuál será su precio, en dólares canadienses? Escribe tu predicción en la celda de
# abajo.

# %% [markdown] lang="en"
# ## Explore: rule and transport
#
# In the dashboard below you pick the rule and the transport. Each bar is a cost along the honey's
# way, from the warehouse to the customer's door: **blue** if Wendy pays it (it is inside her
# price), **orange** if the buyer pays it separately. At the top you see the price at the named
# place.
#
# **Before you move the control:** with **FCA Mérida Airport** by air, Wendy charges **C$2,335.32
# CAD** for the 240 jars (the truck from Maní to the airport included: under FCA at a place other
# than her premises it is hers). If she switches to **CPT** (she also pays the air freight to
# Canada), what will her price be, in Canadian dollars? Write your prediction in the cell below.

# %%
prediccion = None  # escribe tu número / write your number

# %%
from mipyme.dashboards.export_chapters import IncotermDashboard

tablero = IncotermDashboard(por_avion, market="CA", currency="CAD", on="2026-01-21",
                            rule="FCA", mode="air")
tablero.widget()

# %% [markdown] lang="es"
# Ahora elige **CPT** en la regla y compara con tu predicción (corre la celda de abajo). Después
# prueba **FOB** con transporte aéreo: el tablero no da precio y te dice qué regla usar.

# %% [markdown] lang="en"
# Now pick **CPT** as the rule and compare with your prediction (run the cell below). Then try
# **FOB** with air transport: the dashboard gives no price and tells you which rule to use.

# %%
tablero.compare(prediccion)

# %% [markdown] lang="es"
# ## Regla práctica
#
# - Un precio de exportación **siempre lleva su regla y su lugar**: "FCA Aeropuerto de Mérida",
#   "CIF Montreal". Sin eso, no es un precio.
# - En FCA, si el lugar no es tu bodega, el transporte hasta ese lugar **es tuyo**: súmalo.
# - Quién **paga** y quién **carga con el riesgo** son dos preguntas distintas (mira CIF y CPT).
# - FAS, FOB, CFR y CIF son solo para barco; por avión o paquetería usa **FCA, CPT o CIP**.
# - Si estás empezando, **FCA** en tu ciudad es una buena regla: cumples con el despacho de
#   exportación (que el comprador extranjero no puede hacer) y no te comprometes con costos en
#   el otro país.

# %% [markdown] lang="en"
# ## Rule of thumb
#
# - An export price **always carries its rule and its place**: "FCA Mérida Airport",
#   "CIF Montreal". Without them, it is not a price.
# - Under FCA, if the place is not your premises, the transport to that place **is yours**: add
#   it.
# - Who **pays** and who **carries the risk** are two different questions (look at CIF and CPT).
# - FAS, FOB, CFR and CIF are for ships only; by air or parcel use **FCA, CPT or CIP**.
# - If you are starting out, **FCA** in your city is a good rule: you handle export clearance
#   (which a foreign buyer cannot do) and you take on no costs in the other country.

# %% [markdown] lang="es"
# ## Tu turno
#
# 1. ¿En qué reglas paga el vendedor el seguro? ¿Qué cobertura mínima pide cada una (según las
#    reglas Incoterms 2020 de la ICC: CIF pide ICC (C), CIP pide ICC (A))?
# 2. Cotiza la miel de Wendy por barco con FOB y con CIF. ¿Cuánto sube el precio y por qué?
# 3. Prepara una explicación de 5 minutos, con un dibujo del camino de la miel de Maní a
#    Montreal, de dónde pasa el riesgo en FCA y en DAP.

# %% [markdown] lang="en"
# ## Your turn
#
# 1. Under which rules does the seller pay for insurance? What minimum cover does each ask for
#    (under the ICC's Incoterms 2020 rules: CIF asks for ICC (C), CIP for ICC (A))?
# 2. Quote Wendy's honey by sea under FOB and under CIF. How much does the price rise, and why?
# 3. Plan a 5-minute explanation, with a drawing of the honey's journey from Maní to Montreal, of
#    where the risk passes under FCA and under DAP.
