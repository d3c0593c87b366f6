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
# publicidad y tu propio sueldo. Tomamos los de un mes del taller, de la tabla de costos fijos
# del kit, y preguntamos: si el taller solo vendiera este plato, ¿cuántos tendría que vender
# para cubrirlos?
#
# Punto de equilibrio = costos fijos ÷ margen por unidad, **redondeado hacia arriba** (no se
# vende medio plato).

# %% [markdown] lang="en"
# ## Step 2 · Break-even
#
# **Fixed** costs are paid whether you sell or not: workshop rent, wages, electricity, internet,
# the accountant, advertising and your own salary. We take one month of the workshop's, from the
# kit's table of fixed costs, and ask: if the workshop sold only this plate, how many would it
# have to sell to cover them?
#
# Break-even = fixed costs ÷ margin per unit, **rounded up** (nobody sells half a plate).

# %%
from mipyme.finance.rules import break_even_units
from mipyme.tables import read_table

costos = read_table("datasets_fixed_costs", decimals=("monthly_amount",))
del_taller = costos[costos["business"] == "talavera"]
show(del_taller[[nombre, "monthly_amount"]].reset_index(drop=True), "nb.ch06.fixed_caption",
     money=["monthly_amount"],
     labels={nombre: "nb.ch06.col_concept", "monthly_amount": "nb.ch06.col_amount"})
fijos = sum(del_taller["monthly_amount"])
platos = break_even_units(fijos, precio_sin_iva, plato["unit_cost"])
say("nb.ch06.break_even_result", fixed=Money(fijos).format(), units=platos,
    margin=Money(margen.per_unit).format())

# %% [markdown] lang="es"
# ## Paso 3 · ¿Qué precio conviene?
#
# Si subes el precio, cada venta deja más, pero vendes menos. Cuánto menos lo dice la
# **elasticidad precio**: con elasticidad −2.6, subir el precio 1% baja las ventas cerca de
# 2.6%. Una revisión de 1,851 estimaciones de 81 estudios encontró un promedio de **−2.62**
# (Bijmolt, van Heerde y Pieters, *Journal of Marketing Research* 42(2), 2005). Ojo: son sobre
# todo elasticidades de **marcas** y de corto plazo (cuando una marca sube su precio, muchos
# compradores se cambian a otra del mismo anaquel), no la de los platos de Guadalupe, que nadie ha
# medido.
#
# Con demanda de elasticidad constante, el precio que da la mayor ganancia es
#
# **P\* = c · e / (1 + e)**
#
# donde *c* es el costo de una unidad más y *e* la elasticidad (menor que −1). La tabla lo
# calcula para el costo del plato con varias elasticidades: valores para practicar (estimación),
# no mediciones de este producto.

# %% [markdown] lang="en"
# ## Step 3 · Which price suits you?
#
# If you raise the price, each sale leaves more, but you sell less. How much less is told by the
# **price elasticity**: with elasticity −2.6, raising the price by 1% lowers sales by about 2.6%.
# A review of 1,851 estimates from 81 studies found an average of **−2.62** (Bijmolt, van Heerde
# and Pieters, *Journal of Marketing Research* 42(2), 2005). Careful: these are mostly
# short-run elasticities of **brands** (when one brand raises its price, many buyers switch to
# another on the same shelf), not the elasticity of Guadalupe's plates, which nobody has
# measured.
#
# With constant-elasticity demand, the price that gives the largest profit is
#
# **P\* = c · e / (1 + e)**
#
# where *c* is the cost of one more unit and *e* the elasticity (below −1). The table computes it
# for the plate's cost with several elasticities: values to practise with (an estimate), not
# measurements of this product.

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
# −3.5, solo 40% más. Léela como una **dirección**, no como el precio a publicar: con −2.62 la
# fórmula da unos 291 pesos sin IVA, 35% menos que los 448.28 de hoy, pero el precio de hoy puede
# reflejar lo que la fórmula no ve (las horas de trabajo a mano, el nombre del taller, clientes
# que pagan por una pieza única y un precio que dice calidad). Las piezas únicas y hechas a mano
# suelen tener clientes menos sensibles que los productos que se consiguen en cualquier tienda.
# Antes de mover todo el catálogo, **prueba en chico**: cambia 5 a 10% el precio de una pieza
# durante unas semanas y compara piezas vendidas y margen con las semanas anteriores.
#
# Si la demanda es **inelástica** (elasticidad entre −1 y 0), la fórmula no tiene respuesta:
# subir el precio siempre aumentaría la ganancia, y eso nunca dura. Si lo intentas, el cálculo te
# avisa:

# %% [markdown] lang="en"
# **How to read it:** the more price-sensitive your customers (the more negative the elasticity),
# the closer to cost your price should be. At −1.5 it pays to charge three times the cost; at
# −3.5, only 40% more. Read it as a **direction**, not as the price to publish: at −2.62 the
# formula gives about 291 pesos before IVA, 35% below today's 448.28, but today's price may
# reflect what the formula does not see (the hours of handwork, the workshop's name, customers
# who pay for a unique piece and a price that signals quality). Unique, handmade pieces usually
# have less sensitive customers than goods found in any shop. Before moving the whole catalogue,
# **test small first**: change one piece's price by 5 to 10% for a few weeks and compare pieces
# sold and margin with the weeks before.
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
# pieza**; los gastos fijos son los del paso 2. A la izquierda, las ventas y los costos del mes
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
# the piece**; the fixed costs are those of step 2. On the left, the month's sales and costs by
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
# Un marketplace se queda con un **porcentaje del precio publicado**, no del costo, y en México
# el precio que ve el cliente **lleva IVA**: la comisión se cobra también sobre el IVA. De un
# precio *P* con IVA, *P* ÷ 1.16 es de Guadalupe antes de la comisión (lo demás es del SAT) y la
# comisión es 15% de *P*. Para que le queden completos su costo, su empaque y su margen:
#
# **precio con IVA = (costo + margen) × 1.16 ÷ (1 − comisión × 1.16)**
#
# Aquí vendemos un plato por paquetería en México, con un margen de 50% sobre el costo, en una
# plataforma que cobra 15%. Primero, lo que ella quiere recibir (la cotización usa la regla EXW,
# "en tu taller", que verás en el capítulo 7: solo cuenta lo que pagas tú antes de que el
# paquete salga); luego, el precio con IVA que lo deja completo, junto al atajo de dividir entre
# 0.85 y después sumar el IVA.

# %% [markdown] lang="en"
# ## Step 4 · Passing the platform's fee on without losing margin
#
# A marketplace keeps a **share of the published price**, not of the cost, and in Mexico the
# price the customer sees **includes IVA**: the fee is charged on the IVA too. Of a price *P*
# with IVA, *P* ÷ 1.16 is Guadalupe's before the fee (the rest belongs to the SAT) and the fee is
# 15% of *P*. For her cost, packing and margin to remain in full:
#
# **price with IVA = (cost + margin) × 1.16 ÷ (1 − fee rate × 1.16)**
#
# Here we sell one plate by parcel in Mexico, with a 50% margin on cost, on a platform that
# charges 15%. First, what she wants to receive (the quote uses the EXW rule, "at your
# workshop", which you will meet in chapter 7: it counts only what you pay before the parcel
# leaves); then the price with IVA that leaves it whole, next to the shortcut of dividing by 0.85
# and adding IVA afterwards.

# %%
from decimal import Decimal

from mipyme.export import Product, Shipment, quote
from mipyme.finance.rules import platform_price
from mipyme.money import round_money

pieza = Product(plato["name_es"], "talavera", plato["unit_cost"], plato["weight_kg"],
                (plato["length_cm"], plato["width_cm"], plato["height_cm"]))
venta = Shipment(pieza, units=1, mode="courier", overhead_rate="0", margin_rate="0.5")
recibir = quote(venta, "EXW", "MX", currency="MXN", on="2026-01-21")
show(recibir.table(), "nb.ch06.keep_caption")

comision, tasa = "0.15", plato["iva_rate"]
quiere = recibir.price.amount  # 390.00
correcto = platform_price(quiere, comision, tasa)
atajo = round_money(round_money(quiere / (1 - Decimal(comision))) * (1 + tasa))


def reparto(precio):
    sin_iva, cobro = round_money(precio / (1 + tasa)), round_money(precio * Decimal(comision))
    return [precio, precio - sin_iva, cobro, sin_iva - cobro]


filas = [text("nb.ch06.row_right"), text("nb.ch06.row_shortcut")]
columnas = [text(f"nb.ch06.col_{c}") for c in ("price_iva", "iva", "fee", "kept")]
show(pd.DataFrame([reparto(correcto), reparto(atajo)], index=filas, columns=columnas),
     "nb.ch06.fees_caption", money=columnas)
say("nb.ch06.fees_result", price=Money(correcto).format(), keep=Money(quiere).format(),
    shortcut=Money(atajo).format(), short=Money(quiere - reparto(atajo)[-1]).format())

# %% [markdown] lang="es"
# ### La trampa del porcentaje
#
# El cálculo pide las tasas como **fracción**: 15% se escribe `0.15`, no `15`. Si escribes `15`,
# estarías diciendo que la plataforma cobra 1,500%. En lugar de darte un precio absurdo, el
# cálculo se detiene y te dice qué pasó:

# %% [markdown] lang="en"
# ### The percent trap
#
# The calculation takes rates as **fractions**: 15% is written `0.15`, not `15`. If you write
# `15`, you would be saying the platform charges 1,500%. Instead of giving you an absurd price,
# the calculation stops and tells you what happened:

# %%
try:
    platform_price(quiere, 15, tasa)
except InputError as error:
    print(error)

# %% [markdown] lang="es"
# ## Regla práctica
#
# - **Saca el IVA antes de calcular márgenes**: el IVA no es ingreso tuyo.
# - **Margen de contribución** = precio sin IVA − costo variable. **Punto de equilibrio** =
#   costos fijos ÷ margen, redondeado hacia arriba.
# - Un buen precio depende de qué tan sensibles son tus clientes: **P\* = c · e / (1 + e)**.
# - Las comisiones se cobran sobre el precio publicado, con IVA: **(costo + margen) × 1.16 ÷
#   (1 − comisión × 1.16)**; no sumes el porcentaje. Y escribe las tasas como fracción (`0.15`).
# - La elasticidad da una dirección, no un precio: prueba en chico antes de cambiar todo.

# %% [markdown] lang="en"
# ## Rule of thumb
#
# - **Take IVA out before computing margins**: IVA is not your income.
# - **Contribution margin** = price without IVA − variable cost. **Break-even** = fixed costs ÷
#   margin, rounded up.
# - A good price depends on how sensitive your customers are: **P\* = c · e / (1 + e)**.
# - Fees are charged on the published price, with IVA: **(cost + margin) × 1.16 ÷ (1 − fee rate
#   × 1.16)**; do not add the percentage. And write rates as fractions (`0.15`).
# - Elasticity gives a direction, not a price: test small before changing everything.

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
