# %% [markdown] lang="es"
# # 17 · Vender en línea en la práctica

# %% [markdown] lang="en"
# # 17 · Selling online in practice

# %%
from mipyme.notebook import say, setup, show

LANG = setup("es")
say("notebook.language_set")

# %% [markdown] lang="es"
# ## Un pedido pagado todavía no es una venta ganada
#
# Un pedido pagado puede terminar de tres maneras:
#
# - **se queda**: deja el precio menos la comisión del cobro, la pieza y el envío;
# - **se devuelve**: regresas el precio y pierdes la comisión, el envío de ida y, si tú lo pagas,
#   el de regreso;
# - **contracargo**: el banco de quien compró te quita el dinero y casi nunca regresa la pieza.
#
# María Gómez Pérez (*Tejidos de la Montaña*) vende una blusa bordada en 1,150 pesos con IVA
# (991.38 antes de IVA) en su sitio propio. Hacerla le cuesta 480 pesos, el envío 150 de ida y
# cobra con tarjeta (3.6% + 3 pesos, una estimación). En México se devuelve alrededor de 18.3% de
# lo que se compra en línea (Envíame, 2023, una estimación).

# %% [markdown] lang="en"
# ## A paid order is not yet a sale won
#
# A paid order can end in three ways:
#
# - **kept**: it leaves the price less the payment fee, the piece and the shipping;
# - **returned**: you give the price back and lose the fee, the shipping out and, if you pay it,
#   the shipping back;
# - **chargeback**: the buyer's bank takes the money from you and the piece almost never comes
#   back.
#
# María Gómez Pérez (*Tejidos de la Montaña*) sells an embroidered blouse for 1,150 pesos with IVA
# (991.38 before IVA) on her own site. Making it costs her 480 pesos, shipping 150 one way and she
# takes cards (3.6% + 3 pesos, an estimate). In Mexico about 18.3% of what is bought online is
# returned (Envíame, 2023, an estimate).

# %%
from mipyme.money import Money
from mipyme.notebook import text
from mipyme.store import order_risk

blusa = order_risk("991.38", "480", "150", fee_rate="0.036", fee_fixed="3", iva_rate="0.16",
                   return_rate="0.183")
finales = blusa.table()
finales["ending"] = [text(f"nb.ch17.ending.{e}") for e in finales["ending"]]
finales["pesos"] = [Money(v) for v in finales["pesos"]]
finales["weighted"] = [Money(v) for v in finales["weighted"]]
columnas = {c: text(f"nb.ch17.col.{c}") for c in ("ending", "share", "pesos", "weighted")}
show(finales.rename(columns=columnas), "nb.ch17.endings_caption",
     percent=[columnas["share"]])
say("nb.ch17.blouse_line", kept=Money(blusa.kept), loss=Money(blusa.return_loss),
    expected=Money(blusa.expected), hidden=Money(blusa.hidden_cost))

# %% [markdown] lang="es"
# La columna de la derecha suma lo que deja el pedido **promedio**. Esa es la cifra con la que
# se planea: no la del pedido que se queda.
#
# ## Un contracargo se come varios pedidos
#
# Wendy Chan (*Miel Flor de Tajonal*, Maní) vende un frasco de miel melipona en 520 pesos (IVA de
# 0%) por su catálogo de WhatsApp y cobra con una liga de Mercado Pago (3.49% + 4 pesos). El frasco
# le cuesta 220 pesos y el envío 150. Si alguien paga con una tarjeta robada, el banco le quita el
# dinero, la miel no regresa y el procesador le cobra 150 pesos más (valor de ejemplo).

# %% [markdown] lang="en"
# The right-hand column adds up to what the **average** order leaves. That is the figure to plan
# with: not the kept order's.
#
# ## One chargeback eats several orders
#
# Wendy Chan (*Miel Flor de Tajonal*, Maní) sells a jar of melipona honey for 520 pesos (0% IVA)
# through her WhatsApp catalog and takes the payment with a Mercado Pago link (3.49% + 4 pesos).
# The jar costs her 220 pesos and shipping 150. If someone pays with a stolen card, the bank takes
# the money back, the honey does not return and the processor charges her 150 pesos more (example
# value).

# %%
from mipyme.store import orders_to_recover

miel = order_risk("520", "220", "150", fee_rate="0.0349", fee_fixed="4",
                  chargeback_rate="0.01", chargeback_fee="150")
say("nb.ch17.chargeback_line", kept=Money(miel.kept), loss=Money(miel.chargeback_loss),
    orders=orders_to_recover(miel.chargeback_loss, miel.kept), expected=Money(miel.expected))

# %% [markdown] lang="es"
# ### Mueve las devoluciones
#
# En el tablero de abajo eliges qué parte de los pedidos se devuelve, qué parte termina en
# contracargo y quién paga el envío de regreso. La línea azul es lo que deja el pedido promedio
# de la blusa para cada tasa de devoluciones; la línea verde punteada, lo que deja un pedido que
# se queda.
#
# **Antes de mover los controles:** con 18.3% de devoluciones cada pedido deja 195.95 pesos. En
# El Buen Fin la tasa se duplica, a 36.6%. ¿Cuánto dejará entonces cada pedido en promedio?
# Escribe tu predicción en la celda de abajo.

# %% [markdown] lang="en"
# ### Move the returns
#
# In the dashboard below you choose what share of orders is returned, what share ends in a
# chargeback and who pays the return shipping. The blue line is what the blouse's average order
# leaves for each return rate; the dotted green line, what a kept order leaves.
#
# **Before you move the controls:** with 18.3% of returns each order leaves 195.95 pesos. In El
# Buen Fin the rate doubles, to 36.6%. How much will each order leave on average then? Write your
# guess in the cell below.

# %%
prediccion = None  # escribe tu número / write your number

# %%
from mipyme.dashboards.store_practice import ReturnsDashboard

tablero = ReturnsDashboard(product="blusa")
tablero.widget()

# %% [markdown] lang="es"
# Ahora mueve **pedidos devueltos** a 36.6 y compara con tu predicción:

# %% [markdown] lang="en"
# Now move **orders returned** to 36.6 and compare with your guess:

# %%
tablero.compare(prediccion)

# %% [markdown] lang="es"
# ## El precio que aguanta las devoluciones
#
# Si María quiere ganar 25% del precio aun con 18.3% de devoluciones, `price_for_margin` busca el
# precio antes de IVA cuyo pedido **promedio** deja ese margen.

# %% [markdown] lang="en"
# ## The price that withstands returns
#
# If María wants to earn 25% of the price even with 18.3% of returns, `price_for_margin` finds the
# price before IVA whose **average** order leaves that margin.

# %%
from decimal import Decimal

from mipyme.money import round_money
from mipyme.store import price_for_margin

tarjeta = {"fee_rate": "0.036", "fee_fixed": "3", "iva_rate": "0.16"}
precio = price_for_margin("480", "150", "0.25", return_rate="0.183", **tarjeta)
say("nb.ch17.price_line", price=Money(precio),
    with_iva=Money(round_money(precio * Decimal("1.16"))),
    plain=Money(price_for_margin("480", "150", "0.25", **tarjeta)))

# %% [markdown] lang="es"
# > **Regla práctica.** Planea con lo que deja el pedido promedio. Escribe tu política de
# > devoluciones antes de vender (la LFPC, art. 56, da 5 días hábiles para revocar una venta fuera
# > del local, con el flete a cargo de quien compra: confírmalo con PROFECO), guarda la prueba de
# > cada entrega y revisa en tu banco que el dinero llegó antes de enviar.

# %% [markdown] lang="en"
# > **Rule of thumb.** Plan with what the average order leaves. Write your returns policy before
# > selling (the LFPC, art. 56, gives 5 business days to revoke a sale made outside the premises,
# > with the freight paid by the buyer: confirm it with PROFECO), keep the proof of every delivery
# > and check in your bank that the money arrived before you ship.

# %% [markdown] lang="es"
# ## Tu turno
#
# 1. En El Buen Fin (36.6% de devoluciones), ¿cuánto deja el pedido promedio de la blusa si quien
#    devuelve paga el envío de regreso? Hazlo a mano y compruébalo con `order_risk` (usa
#    `return_shipping="0"`).
# 2. Abre el tablero de la miel de Wendy con `ReturnsDashboard(product="miel")`, deja 18.3% de
#    devoluciones y sube los contracargos a 2%. ¿Cuánto deja el pedido promedio? ¿La ganancia de
#    cuántos pedidos se come un contracargo?
# 3. **Enseña tú:** prepara 10 minutos para tu grupo con tres tarjetas («se queda», «se devuelve»,
#    «contracargo») y un producto de tu comunidad. Recibe retroalimentación con la tabla 2 × 2
#    (contenido/presentación × lo que funcionó/lo que mejorar).

# %% [markdown] lang="en"
# ## Your turn
#
# 1. In El Buen Fin (36.6% of returns), how much does the blouse's average order leave if the
#    customer who returns pays the shipping back? Do it by hand and check it with `order_risk`
#    (use `return_shipping="0"`).
# 2. Open the dashboard of Wendy's honey with `ReturnsDashboard(product="miel")`, keep 18.3% of
#    returns and raise chargebacks to 2%. How much does the average order leave? The profit of how
#    many orders does one chargeback eat?
# 3. **Teach it back:** prepare 10 minutes for your group with three cards ("kept", "returned",
#    "chargeback") and a product from your community. Get feedback with the 2 × 2 grid
#    (content/presentation × what worked/what to improve).
