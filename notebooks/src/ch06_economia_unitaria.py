# %% [markdown] lang="es"
# # 06 · Economía unitaria y precios

# %% [markdown] lang="en"
# # 06 · Unit economics and pricing

# %%
from mipyme.notebook import say, setup, show

LANG = setup("es")
say("notebook.language_set")

# %% [markdown] lang="es"
# ## ¿Cuánto te deja cada plato?
#
# Guadalupe Hernández dirige **Talavera Azul de la Luz**, un taller de cerámica en Puebla con
# cuatro artesanos. Vende platos, tazas, jarrones y azulejos en su tienda en línea y en
# marketplaces. Antes de pensar en exportar, necesita tres respuestas:
#
# 1. ¿cuánto le deja **cada pieza** después de pagar el material (margen de contribución)?
# 2. ¿cuántas piezas debe vender al mes para **no perder** (punto de equilibrio)?
# 3. ¿qué **precio** le conviene, y cómo cobrarlo cuando una plataforma se queda con una comisión?
#
# Empezamos con su catálogo (precios al público con IVA incluido, costos en pesos).

# %% [markdown] lang="en"
# ## How much does each plate leave you?
#
# Guadalupe Hernández runs **Talavera Azul de la Luz**, a ceramics workshop in Puebla with four
# artisans. She sells plates, mugs, vases and tiles in her online store and on marketplaces.
# Before she thinks about exporting, she needs three answers:
#
# 1. how much does **each piece** leave after paying for materials (contribution margin)?
# 2. how many pieces must she sell a month **not to lose money** (break-even)?
# 3. which **price** suits her, and how to charge it when a platform keeps a commission?
#
# We start with her catalog (retail prices with IVA included, costs in pesos).

# %%
from mipyme.datasets import load_catalog
from mipyme.notebook import text

catalogo = load_catalog("talavera").set_index("sku")
plato = catalogo.loc["TAL-PLT-27"]
nombre = "name_es" if LANG == "es" else "name_en"
piezas = catalogo.loc[["TAL-PLT-27", "TAL-PLT-20", "TAL-TZA", "TAL-JAR-30", "TAL-AZU-10"]]
show(piezas[[nombre, "unit_cost", "price", "iva_rate"]].reset_index(drop=True),
     "nb.ch06.catalog_caption", money=["unit_cost", "price"], percent=["iva_rate"],
     labels={nombre: "nb.ch06.col_piece", "unit_cost": "nb.ch06.col_unit_cost",
             "price": "nb.ch06.col_price", "iva_rate": "nb.ch06.col_iva_rate"})

# %% [markdown] lang="es"
# ## Paso 1 · El margen de contribución
#
# El precio al público **incluye IVA**, y ese 16% no es tuyo: se lo entregas al SAT. Primero
# separamos el IVA; luego restamos el costo variable de la pieza (barro, esmalte, horno, caja).
# Lo que queda es el **margen de contribución**: lo que cada venta aporta para pagar la renta,
# los sueldos y, al final, tu ganancia.

# %% [markdown] lang="en"
# ## Step 1 · The contribution margin
#
# The retail price **includes IVA**, and that 16% is not yours: you hand it to the SAT. First we
# take the IVA out; then we subtract the piece's variable cost (clay, glaze, kiln, box). What is
# left is the **contribution margin**: what each sale brings to pay the rent, the wages and, in
# the end, your profit.

# %%
from mipyme.finance.rules import contribution_margin
from mipyme.finance.taxes import split_iva
from mipyme.money import Money

precio_sin_iva, iva = split_iva(plato["price"])
margen = contribution_margin(precio_sin_iva, plato["unit_cost"])
say("nb.ch06.margin_result", price=Money(plato["price"]).format(),
    net=Money(precio_sin_iva).format(), cost=Money(plato["unit_cost"]).format(),
    margin=Money(margen.per_unit).format(), ratio=f"{margen.ratio * 100:.1f}")

# %% [markdown] lang="es"
# ## Paso 2 · El punto de equilibrio
#
# Los costos **fijos** se pagan vendas o no: renta del taller, sueldos, luz, internet, contador,
# publicidad y tu propio sueldo. Tomamos los de diciembre de 2025 y preguntamos: si el taller
# solo vendiera este plato, ¿cuántos tendría que vender para cubrirlos?
#
# Punto de equilibrio = costos fijos ÷ margen por unidad, **redondeado hacia arriba** (no se
# vende medio plato).

# %% [markdown] lang="en"
# ## Step 2 · Break-even
#
# **Fixed** costs are paid whether you sell or not: workshop rent, wages, electricity, internet,
# the accountant, advertising and your own salary. We take December 2025's and ask: if the
# workshop sold only this plate, how many would it have to sell to cover them?
#
# Break-even = fixed costs ÷ margin per unit, **rounded up** (nobody sells half a plate).

# %%
from mipyme.datasets import load_costs
from mipyme.finance.rules import break_even_units

costos = load_costs("talavera")
diciembre = costos[(costos["month"] == "2025-12-01") & (costos["kind"] == "fixed")]
show(diciembre[[nombre, "amount"]].reset_index(drop=True), "nb.ch06.fixed_caption",
     money=["amount"], labels={nombre: "nb.ch06.col_concept", "amount": "nb.ch06.col_amount"})
fijos = sum(diciembre["amount"])
platos = break_even_units(fijos, precio_sin_iva, plato["unit_cost"])
say("nb.ch06.break_even_result", fixed=Money(fijos).format(), units=platos,
    margin=Money(margen.per_unit).format())

# %% [markdown] lang="es"
# ## Paso 3 · ¿Qué precio conviene?
#
# Si subes el precio, cada venta deja más, pero vendes menos. Cuánto menos lo dice la
# **elasticidad precio**: con elasticidad −2.6, subir el precio 1% baja las ventas cerca de
# 2.6%. Un estudio con 1,851 estimaciones encontró una elasticidad promedio de **−2.62**, casi
# siempre entre −1.5 y −3.5 (Bijmolt y coautores, *Journal of Marketing Research*, 2005).
#
# Con demanda de elasticidad constante, el precio que da la mayor ganancia es
#
# **P\* = c · e / (1 + e)**
#
# donde *c* es el costo de una unidad más y *e* la elasticidad (menor que −1). La tabla lo
# calcula para el costo del plato con varias elasticidades; −2.6 es la que usamos en este curso
# para artículos de hogar y decoración.

# %% [markdown] lang="en"
# ## Step 3 · Which price suits you?
#
# If you raise the price, each sale leaves more, but you sell less. How much less is told by the
# **price elasticity**: with elasticity −2.6, raising the price by 1% lowers sales by about 2.6%.
# A study of 1,851 estimates found a mean elasticity of **−2.62**, almost always between −1.5 and
# −3.5 (Bijmolt and co-authors, *Journal of Marketing Research*, 2005).
#
# With constant-elasticity demand, the price that gives the largest profit is
#
# **P\* = c · e / (1 + e)**
#
# where *c* is the cost of one more unit and *e* the elasticity (below −1). The table computes it
# for the plate's cost with several elasticities; −2.6 is the one this course uses for home and
# decor.

# %%
import pandas as pd

from mipyme.store import optimal_price

elasticidades = ["-1.5", "-2.0", "-2.6", "-2.62", "-3.5"]
tabla = pd.DataFrame({
    text("nb.ch06.col_elasticity"): elasticidades,
    text("nb.ch06.col_optimal"): [optimal_price(plato["unit_cost"], e) for e in elasticidades],
})
show(tabla, "nb.ch06.optimal_caption", money=[text("nb.ch06.col_optimal")])

# %% [markdown] lang="es"
# **Cómo leerla:** cuanto más sensibles al precio son tus clientes (elasticidad más negativa),
# más cerca del costo debe quedar tu precio. Con −1.5 conviene cobrar el triple del costo; con
# −3.5, solo 40% más. Las piezas únicas y hechas a mano suelen tener clientes menos sensibles
# que los productos que se consiguen en cualquier tienda.
#
# Si la demanda es **inelástica** (elasticidad entre −1 y 0), la fórmula no tiene respuesta:
# subir el precio siempre aumentaría la ganancia, y eso nunca dura. Si lo intentas, el cálculo te
# avisa:

# %% [markdown] lang="en"
# **How to read it:** the more price-sensitive your customers (the more negative the elasticity),
# the closer to cost your price should be. At −1.5 it pays to charge three times the cost; at
# −3.5, only 40% more. Unique, handmade pieces usually have less sensitive customers than goods
# found in any shop.
#
# If demand is **inelastic** (elasticity between −1 and 0), the formula has no answer: raising
# the price would always raise profit, and that never lasts. If you try, the calculation warns you:

# %%
from mipyme.errors import InputError

try:
    optimal_price(plato["unit_cost"], "-0.8")
except InputError as error:
    print(error)

# %% [markdown] lang="es"
# ## Pruébalo tú: el precio mueve el margen
#
# En el tablero de abajo cambias el **precio al público** del plato (con IVA) y el **costo de la
# pieza**; los gastos fijos son los de diciembre. A la izquierda, las ventas y los costos del mes
# según los platos vendidos: donde se cruzan está el punto de equilibrio. A la derecha, a dónde
# va el precio de un plato.
#
# **Antes de mover los controles:** con el plato a $520, Guadalupe necesita vender los platos que
# calculaste en el paso 2 para no perder. Si sube el precio a $600, ¿cuántos platos al mes
# necesita vender para no perder? Escribe tu predicción en la celda de abajo.

# %% [markdown] lang="en"
# ## Try it yourself: price moves the margin
#
# In the dashboard below you change the plate's **retail price** (IVA included) and the **cost of
# the piece**; the fixed costs are December's. On the left, the month's sales and costs by
# plates sold: where they cross is the break-even. On the right, where one plate's price goes.
#
# **Before you move the controls:** with the plate at $520, Guadalupe needs to sell the plates you
# worked out in step 2 not to lose money. If she raises the price to $600, how many plates a
# month does she need to sell not to lose money? Write your guess in the cell below.

# %%
prediccion = None  # escribe tu número / write your number

# %%
from mipyme.dashboards.store_chapters import MarginDashboard

tablero = MarginDashboard(fixed_costs=fijos, price=float(plato["price"]),
                          unit_cost=float(plato["unit_cost"]))
tablero.widget()

# %% [markdown] lang="es"
# Ahora mueve el **precio al público** a $600 y compara con tu predicción:

# %% [markdown] lang="en"
# Now move the **retail price** to $600 and compare with your guess:

# %%
tablero.compare(prediccion)

# %% [markdown] lang="es"
# ## Paso 4 · Cobrar la comisión de la plataforma sin perder margen
#
# Un marketplace se queda con un **porcentaje del precio final**, no del costo. Si Guadalupe
# quiere recibir su costo, su empaque y su margen completos, el precio debe ser
#
# **precio = (costo + margen) / (1 − comisión)**
#
# Aquí vendemos un plato por paquetería en México, con un margen de 50% sobre el costo, en una
# plataforma que cobra 15%. (La cotización usa la regla EXW, "en tu taller", que verás en el
# capítulo 7: solo cuenta lo que pagas tú antes de que el paquete salga.)

# %% [markdown] lang="en"
# ## Step 4 · Passing the platform's fee on without losing margin
#
# A marketplace keeps a **share of the final price**, not of the cost. If Guadalupe wants to
# receive her full cost, packing and margin, the price must be
#
# **price = (cost + margin) / (1 − fee rate)**
#
# Here we sell one plate by parcel in Mexico, with a 50% margin on cost, on a platform that
# charges 15%. (The quote uses the EXW rule, "at your workshop", which you will meet in
# chapter 7: it counts only what you pay before the parcel leaves.)

# %%
from mipyme.export import Product, Shipment, quote

pieza = Product(plato["name_es"], "talavera", plato["unit_cost"], plato["weight_kg"],
                (plato["length_cm"], plato["width_cm"], plato["height_cm"]))
venta = Shipment(pieza, units=1, mode="courier", overhead_rate="0", margin_rate="0.5")
con_comision = quote(venta, "EXW", "MX", currency="MXN", on="2026-01-21", platform_fee="0.15")
show(con_comision.table(), "nb.ch06.fees_caption")
say("nb.ch06.fees_result", price=con_comision.price.format(),
    fee=Money(con_comision.lines["amount"].iloc[-1]).format())

# %% [markdown] lang="es"
# ### La trampa del porcentaje
#
# La cotización pide las tasas como **fracción**: 15% se escribe `0.15`, no `15`. Si escribes
# `15`, estarías diciendo que la plataforma cobra 1,500%. En lugar de darte un precio absurdo,
# la cotización se detiene y te dice qué pasó:

# %% [markdown] lang="en"
# ### The percent trap
#
# The quote takes rates as **fractions**: 15% is written `0.15`, not `15`. If you write `15`,
# you would be saying the platform charges 1,500%. Instead of giving you an absurd price, the
# quote stops and tells you what happened:

# %%
try:
    quote(venta, "EXW", "MX", currency="MXN", on="2026-01-21", platform_fee=15)
except InputError as error:
    print(error)

# %% [markdown] lang="es"
# ## Regla práctica
#
# - **Saca el IVA antes de calcular márgenes**: el IVA no es ingreso tuyo.
# - **Margen de contribución** = precio sin IVA − costo variable. **Punto de equilibrio** =
#   costos fijos ÷ margen, redondeado hacia arriba.
# - Un buen precio depende de qué tan sensibles son tus clientes: **P\* = c · e / (1 + e)**.
# - Las comisiones se cobran sobre el precio: **divide entre (1 − comisión)**, no sumes el
#   porcentaje. Y escribe las tasas como fracción (`0.15`).

# %% [markdown] lang="en"
# ## Rule of thumb
#
# - **Take IVA out before computing margins**: IVA is not your income.
# - **Contribution margin** = price without IVA − variable cost. **Break-even** = fixed costs ÷
#   margin, rounded up.
# - A good price depends on how sensitive your customers are: **P\* = c · e / (1 + e)**.
# - Fees are charged on the price: **divide by (1 − fee rate)**, do not add the percentage. And
#   write rates as fractions (`0.15`).

# %% [markdown] lang="es"
# ## Tu turno
#
# 1. Calcula el margen de contribución y el punto de equilibrio de la **taza con plato**
#    (`TAL-TZA`) con los mismos costos fijos. ¿Cuántas tazas equivalen a un plato?
# 2. Repite el paso 4 con una comisión de 12% y margen de 40%. ¿Cuánto cambia el precio?
# 3. Prepara una explicación de 5 minutos, con un ejemplo de tu comunidad, de por qué
#    "sumar el 15%" no alcanza para pagar una comisión de 15%.

# %% [markdown] lang="en"
# ## Your turn
#
# 1. Compute the contribution margin and the break-even of the **cup and saucer** (`TAL-TZA`)
#    with the same fixed costs. How many cups equal one plate?
# 2. Repeat step 4 with a 12% fee and a 40% margin. How much does the price change?
# 3. Plan a 5-minute explanation, with an example from your community, of why "adding 15%" is
#    not enough to pay a 15% fee.
