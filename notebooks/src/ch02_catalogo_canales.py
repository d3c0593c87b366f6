# %% [markdown] lang="es"
# # 02 · Catálogo y canales de venta

# %% [markdown] lang="en"
# # 02 · Catalog and sales channels

# %%
from mipyme.notebook import say, setup, show

LANG = setup("es")
say("notebook.language_set")

# %% [markdown] lang="es"
# ## ¿Dónde vendo mi rebozo?
#
# María Gómez Pérez y su cooperativa *Tejidos de la Montaña* (San Cristóbal de las Casas, Chiapas)
# venden rebozos de algodón a 1,150 pesos. Pueden venderlos en su **tienda en línea propia**, en
# **Mercado Libre**, en **Amazon México** o, para clientes de Estados Unidos, en **Etsy**. Cada
# canal cobra distinto: comisión, cuota fija, cuándo te paga, si retiene impuestos y quién paga
# el envío.
#
# En este kit esas tarifas **no están escondidas en el código**: son **datos** en archivos CSV,
# cada fila con su **fuente** (`source`) y su **fecha** (`as_of`). La tabla muestra la fecha; la
# fuente está en el archivo. Las tarifas cambian seguido: antes de dar un taller, revisa la fecha
# y actualiza el archivo.

# %% [markdown] lang="en"
# ## Where do I sell my rebozo?
#
# María Gómez Pérez and her cooperative *Tejidos de la Montaña* (San Cristóbal de las Casas,
# Chiapas) sell cotton rebozos (shawls) for 1,150 pesos. They can sell them in their **own web
# store**, on **Mercado Libre**, on **Amazon Mexico** or, for customers in the United States, on
# **Etsy**. Each channel charges differently: commission, fixed fee, when it pays you, whether it
# withholds taxes and who pays for shipping.
#
# In this kit those fees are **not hidden in the code**: they are **data** in CSV files, each row
# with its **source** (`source`) and its **date** (`as_of`). The table shows the date; the source
# is in the file. Fees change often: before a workshop, check the date and update the file.

# %%
from mipyme.notebook import text
from mipyme.store import channels

columnas = ["commission_rate", "fixed_fee", "payout_days", "withholding",
            "free_shipping_from", "as_of"]
canales = channels().set_index(f"name_{LANG}")[columnas].rename_axis("channel")
canales["withholding"] = canales["withholding"].map({"yes": text("nb.ch02.yes"),
                                                     "no": text("nb.ch02.no")})
show(canales, "nb.ch02.channels_caption", money=["fixed_fee", "free_shipping_from"],
     percent=["commission_rate"], labels={c: f"nb.ch02.col.{c}" for c in canales.reset_index()},
     missing_key="nb.ch02.no_free_shipping")

# %% [markdown] lang="es"
# Tres cosas que sorprenden la primera vez:
#
# - **Las comisiones se cobran sobre el precio con IVA**, y además te cobran **IVA sobre la
#   comisión** (acreditable si tu negocio está inscrito en el IVA y tiene la factura: no es un
#   costo).
# - Desde el 1 de junio de 2020 los **marketplaces retienen ISR e IVA** a las personas físicas
#   que venden ahí (LISR art. 113-A, LIVA art. 18-J). Con RFC: ISR de 1% de la venta sin IVA de
#   2021 a 2025 y de 2.5% desde 2026 (LIF 2026), y la mitad del IVA cobrado (nada en el café, que
#   va con IVA de 0%); sin RFC, 20% de ISR y todo el IVA. No es un costo extra: es un **adelanto
#   de tus impuestos**, pero ese dinero no llega a tu cuenta.
# - **Etsy** es venta al extranjero: la exportación va con **IVA 0%** (LIVA art. 29), y el envío
#   internacional lo paga quien compra.
#
# La conversión y la elasticidad dependen de lo que vendes: la comida convierte 6.64% y la
# joyería 1.26% (estimación, sin verificar). La elasticidad dice cuánto bajan los pedidos si subes el
# precio.

# %% [markdown] lang="en"
# Three things that surprise people the first time:
#
# - **Commissions are charged on the price including IVA**, and on top of that you pay **IVA on
#   the commission** (creditable if your business is registered for IVA and has the invoice: it
#   is not a cost).
# - Since 1 June 2020 **marketplaces withhold ISR and IVA** from individuals who sell on them
#   (LISR art. 113-A, LIVA art. 18-J). With a tax ID (RFC): ISR of 1% of the sale before IVA
#   from 2021 to 2025 and 2.5% from 2026 (LIF 2026), and half of the IVA charged (none on
#   coffee, which carries 0% IVA); without one, 20% ISR and all of the IVA. It is not an extra
#   cost: it is an **advance on your taxes**, but that money does not reach your account.
# - **Etsy** is selling abroad: exports carry **0% IVA** (LIVA art. 29), and the buyer pays for
#   the international shipping.
#
# Conversion and elasticity depend on what you sell: food converts 6.64% and jewelry 1.26%
# (estimate, unverified). Elasticity says how much orders fall if you raise the price.

# %%
from mipyme.store import categories

columnas = ["conversion", "elasticity", "return_rate", "units_per_order", "as_of"]
categorias = categories().set_index(f"name_{LANG}")[columnas].rename_axis("category")
show(categorias, "nb.ch02.categories_caption", percent=["conversion", "return_rate"],
     labels={c: f"nb.ch02.col.{c}" for c in categorias.reset_index()})

# %% [markdown] lang="es"
# ### El mismo rebozo, cuatro canales
#
# Simulamos un año de la tienda y tomamos **un rebozo vendido en cada canal** (una pieza, sin
# devolución; en la tienda propia, pagado con tarjeta). La tabla sigue cada peso de los 1,150
# que pagó el cliente.

# %% [markdown] lang="en"
# ### The same rebozo, four channels
#
# We simulate a year of the store and take **one rebozo sold on each channel** (one piece, not
# returned; in the own store, paid by card). The table follows each of the 1,150 pesos the
# customer paid.

# %%
from mipyme.store import readable as tabla
from mipyme.store import simulate

pedidos = simulate(365, seed=2026).orders
rebozos = pedidos[(pedidos["sku"] == "REBOZO") & (pedidos["status"] == "sold")
                  & (pedidos["units"] == 1) & ~pedidos["returned"]
                  & pedidos["payment"].isin(["card", "marketplace"])]
uno_por_canal = rebozos.groupby("channel", observed=True).head(1).set_index("channel")
uno_por_canal = uno_por_canal.reindex(channels().index).rename(index=channels()[f"name_{LANG}"])
partes = ["gross_cents", "iva_cents", "isr_withheld_cents", "iva_withheld_cents",
          "commission_cents", "payment_fee_cents", "fees_iva_cents", "shipping_cents",
          "cogs_cents", "contribution_cents"]
show(tabla(uno_por_canal[partes]).T.rename_axis(text("nb.ch02.col.part")),
     "nb.ch02.margin_caption")

# %% [markdown] lang="es"
# El **margen de contribución** es lo que queda para pagar los gastos fijos y ganar:
# ventas sin IVA − comisión del canal − comisión de cobro − envío − costo del rebozo. Los
# impuestos retenidos y el IVA de las comisiones no se restan aquí porque se recuperan en tu
# declaración (capítulo 15), aunque sí esperan fuera de tu cuenta.
#
# La tienda propia no cobra comisión de canal, pero **tú pagas el envío y tú consigues las
# visitas** (capítulo 3). Etsy deja más porque la venta va sin IVA y el cliente paga el envío.

# %% [markdown] lang="en"
# The **contribution margin** is what is left to pay the fixed costs and make a profit: sales
# before IVA − channel commission − payment fee − shipping − the rebozo's cost. Withheld taxes and
# the IVA on fees are not taken off here because you recover them in your tax return
# (chapter 15), although they do wait outside your account.
#
# The own store charges no channel commission, but **you pay the shipping and you bring the
# visitors** (chapter 3). Etsy leaves more because the sale carries no IVA and the customer pays
# the shipping.

# %%
import matplotlib.pyplot as plt

from mipyme.dashboards.store import pesos
from mipyme.finance.charts import OKABE_ITO

margen = uno_por_canal["contribution_cents"].map(pesos).astype(float)
fig, ax = plt.subplots()
ax.barh(margen.index, margen.values, color=OKABE_ITO["green"])
ax.invert_yaxis()
ax.set_title(text("nb.ch02.chart_title"))
ax.set_xlabel(text("nb.ch02.chart_pesos"))
plt.show()

# %% [markdown] lang="es"
# ### ¿Y si cambia el precio?
#
# En el tablero de abajo eliges el **precio** del rebozo y el **canal**. Cada barra es lo que paga
# el cliente, partido en lo que te queda, el costo del rebozo, las comisiones, el envío y el IVA;
# el canal elegido lleva borde negro. Las cuentas son las mismas de la tabla de arriba.
#
# **Antes de mover los controles:** en la tabla de arriba busca cuánto le queda a María por un
# rebozo de $1,150 vendido en Mercado Libre. Si sube el precio a $1,300 en Mercado Libre, ¿cuánto
# le queda por rebozo? Piensa qué partes crecen con el precio y cuáles no. Escribe tu predicción
# en la celda de abajo, en pesos.

# %% [markdown] lang="en"
# ### What if the price changes?
#
# In the dashboard below you choose the rebozo's **price** and the **channel**. Each bar is what
# the customer pays, split into what you keep, the rebozo's cost, the fees, shipping and IVA; the
# chosen channel has a black border. The sums are the same as in the table above.
#
# **Before you move the controls:** in the table above, find how much María keeps from a $1,150
# rebozo sold on Mercado Libre. If she raises the price to $1,300 on Mercado Libre, how much does
# she keep per rebozo? Think about which parts grow with the price and which do not. Write your
# guess in the cell below, in pesos.

# %%
prediccion = None  # escribe tu número / write your number

# %%
from mipyme.dashboards.store_chapters import ChannelSaleDashboard

tablero = ChannelSaleDashboard(sku="REBOZO")
tablero.widget()

# %% [markdown] lang="es"
# Ahora mueve el precio a $1,300 (con el canal en Mercado Libre) y compara con tu predicción:

# %% [markdown] lang="en"
# Now move the price to $1,300 (with the channel on Mercado Libre) and compare with your guess:

# %%
tablero.compare(prediccion)

# %% [markdown] lang="es"
# > **Regla práctica.** Compara canales por **lo que te queda por pieza**, no por el precio de
# > venta. Antes de subir un producto a un canal, haz su cuenta completa: IVA, comisión, cobro,
# > envío y costo.

# %% [markdown] lang="en"
# > **Rule of thumb.** Compare channels by **what each piece leaves you**, not by the selling
# > price. Before listing a product on a channel, do its full sum: IVA, commission, payment fee,
# > shipping and cost.

# %% [markdown] lang="es"
# ## Tu turno
#
# 1. Repite la tabla con las tazas de talavera (`"TAZA-TALAV"`, 320 pesos). ¿Qué canal conviene
#    ahora? Fíjate en el envío.
# 2. Abre `src/mipyme/data/store_channels.csv` y busca la fuente de la comisión de Mercado
#    Libre. ¿Está verificada? ¿Qué harías antes de usarla en un taller?
# 3. **Enseña tú:** explica en 3 minutos, con un rebozo en la mano, por qué la retención del
#    marketplace "no es un costo pero sí duele". Pide a tu pareja de práctica una retroalimentación
#    (un acierto y una mejora).

# %% [markdown] lang="en"
# ## Your turn
#
# 1. Redo the table for the talavera mugs (`"TAZA-TALAV"`, 320 pesos). Which channel is best now?
#    Look at the shipping.
# 2. Open `src/mipyme/data/store_channels.csv` and find the source of Mercado Libre's commission.
#    Is it verified? What would you do before using it in a workshop?
# 3. **Teach it back:** explain in 3 minutes, with a rebozo in your hand, why the marketplace
#    withholding "is not a cost but still hurts". Ask your practice partner for feedback (one
#    thing that worked, one to improve).
