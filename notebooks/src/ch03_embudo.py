# %% [markdown] lang="es"
# # 03 · El embudo de marketing

# %% [markdown] lang="en"
# # 03 · The marketing funnel

# %%
from mipyme.notebook import say, setup, show

LANG = setup("es")
say("notebook.language_set")

# %% [markdown] lang="es"
# ## De la visita a la venta
#
# Alejandro Salgado vende joyería de plata en Taxco (*Plata Luna de Taxco*). Mucha gente ve sus
# aretes en internet, pocos compran. Esa caída tiene nombre: el **embudo de marketing**.
#
# De cada 1,000 visitas a una tienda en línea, entre 64 y 79 agregan algo al carrito (6.4-7.9%),
# y cerca de 70% de los carritos se abandonan: al final compran unas 20 personas, **alrededor de
# 2%**; en tiendas pequeñas propias, 2.5-3% (estimación, sin verificar).
#
# Simulamos 90 días de la tienda compartida con **700 pesos a la semana de anuncios** en la
# tienda propia y otros 700 en Mercado Libre:

# %% [markdown] lang="en"
# ## From the visit to the sale
#
# Alejandro Salgado sells silver jewelry in Taxco (*Plata Luna de Taxco*). Many people see his
# earrings online, few buy. That drop has a name: the **marketing funnel**.
#
# Out of every 1,000 visits to an online store, between 64 and 79 add something to the cart
# (6.4-7.9%), and about 70% of carts are abandoned: in the end about 20 people buy, **around 2%**;
# in small own web stores, 2.5-3% (estimate, unverified).
#
# We simulate 90 days of the shared store with **700 pesos a week of ads** on the own web store and
# another 700 on Mercado Libre:

# %%
from mipyme.store import readable as tabla
from mipyme.store import simulate

tienda = simulate(90, seed=2026, ad_budget={"web": 700, "mercado_libre": 700})
embudo = tienda.daily[["visits", "ad_clicks", "orders", "lost_stockout", "lost_voucher"]].sum()
show(tabla(embudo.to_frame().T.reset_index(drop=True)), "nb.ch03.funnel_caption")
say("nb.ch03.funnel_explained", visits=f"{embudo['visits']:,}", orders=f"{embudo['orders']:,}",
    rate=f"{embudo['orders'] / embudo['visits']:.2%}")

# %% [markdown] lang="es"
# ### La conversión depende de qué vendes y dónde
#
# La comida se compra sin pensarlo tanto (6.64%); la joyería, mucho menos (1.26%) (fuentes del
# curso).
# En la tienda propia quien llega ya te buscaba, así que convierte más; en Etsy llegan curiosos
# de otro país. La tabla usa `conversion(categoría, canal, precio, precio_de_lista)` a precio de
# lista:

# %% [markdown] lang="en"
# ### Conversion depends on what you sell and where
#
# Food is bought without much thought (6.64%); jewelry, much less (1.26%) (estimates, unverified). In the
# own store, visitors were already looking for you, so they convert more; on Etsy, browsers from
# another country arrive. The table uses `conversion(category, channel, price, list_price)` at the
# list price:

# %%
import pandas as pd

from mipyme.notebook import text
from mipyme.store import categories, channels, conversion

cats, canales = categories(), channels()
por_categoria = pd.DataFrame(
    {canales.loc[c, f"name_{LANG}"]: [f"{conversion(k, c, 100, 100):.2%}" for k in cats.index]
     for c in canales.index},
    index=pd.Index(cats[f"name_{LANG}"], name=text("nb.ch03.category")))
show(por_categoria, "nb.ch03.conversion_caption")

# %% [markdown] lang="es"
# ### Comprar visitas: anuncios y costo por clic
#
# Un anuncio se paga por **clic** (costo por clic, CPC). Pero cada peso extra compra menos clics
# que el anterior: para ganar más clics hay que pujar más caro. La tabla muestra las visitas de
# un día (sin temporada) según cuánto pagas de anuncios **al día**, con `expected_visits`:

# %% [markdown] lang="en"
# ### Buying visits: ads and cost per click
#
# An ad is paid per **click** (cost per click, CPC). But each extra peso buys fewer clicks than
# the one before: to win more clicks you have to bid higher. The table shows one day's visits
# (outside any season) by how much you spend on ads **per day**, with `expected_visits`:

# %%
from mipyme.store import expected_visits

presupuestos = [0, 50, 100, 200, 400, 800]
visitas = pd.DataFrame(
    {f"${b:,}": [round(expected_visits(c, ad_budget_per_day=b)) for c in canales.index]
     for b in presupuestos},
    index=pd.Index(canales[f"name_{LANG}"], name=text("nb.ch03.budget_per_day")))
visitas.insert(0, text("nb.ch03.cpc"), canales["cpc"].to_list())
show(visitas, "nb.ch03.ads_caption", money=[text("nb.ch03.cpc")])

# %% [markdown] lang="es"
# Duplicar el presupuesto **no** duplica las visitas extra. Y una visita no es una venta: con 2%
# de conversión, 100 clics de 6 pesos (600 pesos) traen unos 2 pedidos. La pregunta correcta es
# **cuánto cuesta conseguir un cliente** y **cuánto deja ese cliente**.

# %% [markdown] lang="en"
# Doubling the budget does **not** double the extra visits. And a visit is not a sale: at 2%
# conversion, 100 clicks at 6 pesos (600 pesos) bring about 2 orders. The right question is **how
# much it costs to win a customer** and **how much that customer leaves you**.

# %% [markdown] lang="es"
# ### CAC y LTV por canal
#
# - **CAC** (costo de adquisición de clientes) = publicidad ÷ clientes nuevos.
# - **LTV** (valor de vida del cliente) = margen que dejó cada cliente en el periodo, contando
#   sus compras repetidas.
# - Si **LTV ÷ CAC** es mayor que 1, la publicidad se paga sola.
#
# `unit_economics(tienda)` lo calcula con los pedidos simulados:

# %% [markdown] lang="en"
# ### CAC and LTV by channel
#
# - **CAC** (customer acquisition cost) = advertising ÷ new customers.
# - **LTV** (customer lifetime value) = margin each customer left over the period, counting their
#   repeat purchases.
# - If **LTV ÷ CAC** is above 1, the advertising pays for itself.
#
# `unit_economics(store)` computes them from the simulated orders:

# %%
from mipyme.store import unit_economics

economia = unit_economics(tienda).rename(index=canales[f"name_{LANG}"])
show(tabla(economia).rename_axis(text("nb.ch03.channel")), "nb.ch03.cac_caption",
     missing_key="nb.ch03.no_ads")

# %% [markdown] lang="es"
# Ojo: aquí el CAC divide la publicidad entre **todos** los clientes nuevos del canal, también
# los que llegaron solos (sin anuncio). Es un CAC "mezclado", más optimista que el de los
# anuncios. Para saber si un anuncio sirve, compara la tienda **con y sin** ese anuncio: eso
# hace el tablero de abajo.

# %% [markdown] lang="en"
# Careful: here the CAC divides advertising by **all** the channel's new customers, including
# those who came on their own (without an ad). It is a "blended" CAC, more optimistic than the
# ads' own. To know whether an ad works, compare the store **with and without** it: that is what
# the dashboard below does.

# %% [markdown] lang="es"
# ## Tablero de la tienda
#
# Mueve el **precio** (como % del precio de lista), los **anuncios por semana** de cada canal y
# el **trimestre**. Cada cambio simula 90 días con los mismos clientes, así que solo ves el efecto
# de lo que moviste. A la izquierda, el efectivo en el banco y la ganancia acumulada; a la
# derecha, la ganancia de cada canal **después de pagar sus anuncios**.
#
# **Antes de mover los controles:** el tablero empieza sin anuncios, en el trimestre de enero a
# marzo. Si pones $1,000 a la semana de anuncios en Mercado Libre, ¿cuántos pedidos tendrá la
# tienda en esos 90 días? Fíjate primero en los pedidos sin anuncios (en la línea bajo la
# gráfica) y en la tabla de visitas por presupuesto. Escribe tu predicción en la celda de abajo.

# %% [markdown] lang="en"
# ## The store dashboard
#
# Move the **price** (as a % of the list price), each channel's **weekly ads** and the
# **quarter**. Each change simulates 90 days with the same customers, so you only see the effect of
# what you moved. On the left, cash in the bank and profit so far; on the right, each channel's
# profit **after paying for its ads**.
#
# **Before you move the controls:** the dashboard starts with no ads, in the January-March
# quarter. If you spend $1,000 a week on Mercado Libre ads, how many orders will the store have
# in those 90 days? First look at the orders without ads (in the line under the chart) and at the
# table of visits by budget. Write your guess in the cell below.

# %%
prediccion = None  # escribe tu número / write your number

# %%
from mipyme.dashboards.store import StoreDashboard

tablero = StoreDashboard(seed=2026, days=90)
tablero.widget()

# %% [markdown] lang="es"
# Ahora mueve los **anuncios en Mercado Libre** a $1,000 por semana y compara con tu predicción:

# %% [markdown] lang="en"
# Now move the **Mercado Libre ads** to $1,000 a week and compare with your guess:

# %%
tablero.compare(prediccion)

# %% [markdown] lang="es"
# > **Regla práctica.** No midas un anuncio por sus clics ni por sus ventas: mídelo por la
# > **ganancia extra** que deja después de pagarlo. Si LTV ÷ CAC está cerca de 1, no estás
# > ganando: estás comprando ventas.

# %% [markdown] lang="en"
# > **Rule of thumb.** Do not judge an ad by its clicks or its sales: judge it by the **extra
# > profit** it leaves after you pay for it. If LTV ÷ CAC is close to 1, you are not earning: you
# > are buying sales.

# %% [markdown] lang="es"
# ## Tu turno
#
# 1. En el tablero, con todos los anuncios en 0, busca el precio (en %) con la mayor ganancia.
#    ¿Es el mismo en el trimestre de octubre a diciembre?
# 2. Pon 2,000 pesos a la semana en Etsy. ¿Suben los pedidos? ¿Y la ganancia de Etsy?
# 3. **Enseña tú:** con el embudo de 1,000 visitas, explica a un grupo en 5 minutos por qué "más
#    seguidores" no es lo mismo que "más ventas". Termina con una pregunta de opción múltiple
#    cuya respuesta equivocada revele esa confusión.

# %% [markdown] lang="en"
# ## Your turn
#
# 1. In the dashboard, with every ad at 0, find the price (in %) with the highest profit. Is it
#    the same in the October-December quarter?
# 2. Put 2,000 pesos a week on Etsy. Do orders go up? And Etsy's profit?
# 3. **Teach it back:** with the 1,000-visit funnel, explain to a group in 5 minutes why "more
#    followers" is not the same as "more sales". End with a multiple-choice question whose wrong
#    answer reveals that confusion.
