# %% [markdown] lang="es"
# # 04 · Pagos y el momento del efectivo

# %% [markdown] lang="en"
# # 04 · Payments and cash timing

# %%
from mipyme.notebook import say, setup, show

LANG = setup("es")
say("notebook.language_set")

# %% [markdown] lang="es"
# ## Vendí hoy... ¿cuándo me pagan?
#
# Wendy Chan vende miel de abeja y de melipona desde Maní, Yucatán (*Miel Flor de Tajonal*). En
# su tienda en línea sus clientes pagan con **tarjeta, ficha de OXXO, SPEI o Mercado Pago**. Cada forma de pago tiene una **comisión** y un **tiempo** hasta que el dinero llega a su
# cuenta. En los marketplaces, además, el pago llega días después de la venta.
#
# Las comisiones y los plazos son datos (`store_payments.csv`), con su fuente:

# %% [markdown] lang="en"
# ## I sold today... when do I get paid?
#
# Wendy Chan sells bee and melipona honey from Maní, Yucatán (*Miel Flor de Tajonal*). In her web
# store her customers pay by **card, OXXO cash voucher, SPEI or Mercado Pago**. Each
# payment method has a **fee** and a **delay** until the money reaches her account. On
# marketplaces, too, the money arrives days after the sale.
#
# Fees and delays are data (`store_payments.csv`), with their source:

# %%
from mipyme.notebook import text
from mipyme.store import payments

columnas = ["fee_rate", "fixed_fee", "settlement_days", "web_share", "pay_rate", "voucher_days",
            "as_of"]
metodos = payments().set_index(f"name_{LANG}")[columnas].rename_axis("method")
show(metodos, "nb.ch04.methods_caption", money=["fixed_fee"],
     percent=["fee_rate", "web_share", "pay_rate"],
     labels={c: f"nb.ch04.col.{c}" for c in metodos.reset_index()},
     missing_key="nb.ch04.no_voucher")

# %% [markdown] lang="es"
# - La **tarjeta** es la forma que más compradores mencionan (Hot Sale 2024, AMVO: 42% de los
#   compradores pagó con débito y 40% con crédito; cada quien podía mencionar varias formas, por
#   eso no suman 100%). Cobra alrededor de 3.6% + 3 pesos y deposita en unos días.
# - **Mercado Pago** cobra más si quieres el dinero al instante (3.49% + 4 pesos) y menos si
#   esperas: 3.19% + 4 pesos a 14 días, 2.95% + 4 pesos a 30 días.
# - La **ficha de OXXO** deja pagar en efectivo a quien no tiene tarjeta, pero **vence** en 1 a
#   7 días: si el cliente no va a pagarla, **la venta se pierde**.
# - **SPEI con pasarela de pago:** la pasarela cobra una cuota fija (unos 12.50 pesos) y el
#   dinero llega el mismo día. Es el precio de la pasarela, no del SPEI: una transferencia
#   directa a tu CLABE (o con CoDi o DiMo) normalmente no te cuesta nada.
#
# Todas estas comisiones son **antes de IVA**: súmales 16%. Ese IVA sale con la comisión, pero
# es **acreditable** si tu negocio está inscrito en el IVA: el costo es la comisión. *Cifras de
# ejemplo, sin verificar: revisa en la página de comisiones de cada plataforma las vigentes
# antes de usarlas.*

# %% [markdown] lang="en"
# - **Cards** are the method most buyers name (Hot Sale 2024, AMVO: 42% of buyers paid by debit
#   and 40% by credit; each could name several methods, so the shares do not add up to 100%).
#   They cost about 3.6% + 3 pesos and pay out in a few days.
# - **Mercado Pago** charges more if you want the money instantly (3.49% + 4 pesos) and less if
#   you wait: 3.19% + 4 pesos at 14 days, 2.95% + 4 pesos at 30 days.
# - The **OXXO voucher** lets people without a card pay in cash, but it **expires** in 1 to 7 days:
#   if the customer never goes to pay it, **the sale is lost**.
# - **SPEI through a payment gateway:** the gateway charges a flat fee (about 12.50 pesos) and the
#   money arrives the same day. It is the gateway's price, not SPEI's: a transfer straight to
#   your CLABE (or by CoDi or DiMo) usually costs you nothing.
#
# All these fees are **before IVA**: add 16%. That IVA leaves with the fee, but it is
# **creditable** if your business is registered for IVA: the cost is the fee. *Example figures,
# unverified: check each platform's current fees on its own fee page before use.*

# %%
import pandas as pd

from mipyme.store import readable as tabla
from mipyme.store import simulate

tienda = simulate(365, seed=2026)
propia = tabla(tienda.orders[tienda.orders["channel"] == "web"])
show(pd.crosstab(propia[text("store.col.payment")], propia[text("store.col.status")]),
     "nb.ch04.status_caption")

# %%
from mipyme.dashboards.store import pesos
from mipyme.money import Money

vencidas = tienda.orders[tienda.orders["status"] == "voucher_expired"]
perdido = (vencidas["unit_price_cents"] * vencidas["units"]).sum()
say("nb.ch04.oxxo", count=len(vencidas), lost=Money(pesos(perdido)))

# %% [markdown] lang="es"
# ### La brecha de efectivo
#
# A la izquierda, lo **cobrado a los clientes** (con IVA) y lo **depositado en tu cuenta** en las
# primeras semanas del año, acumulados: la línea de depósitos va siempre atrás, y más baja porque
# ya le quitaron comisiones y retenciones. A la derecha, el dinero **en tránsito** cada día del
# año: vendido, pero todavía no en tu cuenta.

# %% [markdown] lang="en"
# ### The cash gap
#
# On the left, what was **charged to customers** (IVA included) and what was **deposited in your
# account** in the first weeks of the year, added up: the deposits line is always behind, and
# lower because fees and withholdings were already taken off. On the right, the money **in
# transit** on each day of the year: sold, but not yet in your account.

# %%
import matplotlib.pyplot as plt

from mipyme.finance.charts import OKABE_ITO

diario = tienda.daily.set_index("date")
cobrado = diario["gross_cents"].cumsum().map(pesos).astype(float)
depositos = pd.Series(tienda.cash_arrays()["settlements"], index=diario.index)
depositado = depositos.cumsum().map(pesos).astype(float)
en_transito = diario["in_transit_cents"].map(pesos).astype(float)

fig, (izq, der) = plt.subplots(1, 2, figsize=(9, 3.6))
izq.plot(cobrado[:45], color=OKABE_ITO["blue"], label=text("nb.ch04.sold"))
izq.plot(depositado[:45], color=OKABE_ITO["orange"], linestyle="--",
         label=text("nb.ch04.deposited"))
izq.set_title(text("nb.ch04.first_weeks"), fontsize=10)
izq.legend(fontsize=8, frameon=False)
der.fill_between(diario.index, en_transito, color=OKABE_ITO["vermillion"], alpha=0.5)
der.set_title(text("nb.ch04.in_transit"), fontsize=10)
for ax in (izq, der):
    ax.set_ylabel(text("nb.ch04.pesos"))
    ax.yaxis.set_major_formatter("{x:,.0f}")
    ax.tick_params(axis="x", labelrotation=45, labelsize=7)
fig.tight_layout()
plt.show()

# %%
pico = diario["in_transit_cents"].idxmax()
say("nb.ch04.gap_explained", day=pico.strftime("%d/%m"),
    amount=Money(pesos(diario.loc[pico, "in_transit_cents"])))

# %% [markdown] lang="es"
# ### ¿Cuántos días tarda en llegar?
#
# En el tablero de abajo, la tienda propia vende 10 bolsas de café de Chiapas de $240 al día
# (comida, como la miel de Wendy), pagadas con tarjeta, y el dinero de cada día llega 3 días
# después. Puedes cambiar la forma de pago, los días hasta que llega el dinero y las ventas por
# día. El área roja es el dinero **en camino**: ya vendido, todavía no en la cuenta.
#
# **Antes de mover los controles:** si el depósito tardara 14 días en lugar de 3, ¿cuánto dinero
# estaría en camino en el peor día del mes? Escribe tu predicción en la celda de abajo, en pesos.

# %% [markdown] lang="en"
# ### How many days until it arrives?
#
# In the dashboard below, the own store sells 10 bags of Chiapas coffee at $240 a day (food, like
# Wendy's honey), paid by card, and each day's money arrives 3 days later. You can change the
# payment method, the days until the money arrives and the sales per day. The red area is the
# money **on its way**: already sold, not yet in the account.
#
# **Before you move the controls:** if the deposit took 14 days instead of 3, how much money would
# be on its way on the worst day of the month? Write your guess in the cell below, in pesos.

# %%
prediccion = None  # escribe tu número / write your number

# %%
from mipyme.dashboards.store_chapters import SettlementDashboard

tablero = SettlementDashboard(sku="CAFE-CHIS")
tablero.widget()

# %% [markdown] lang="es"
# Ahora mueve **Días hasta que llega el dinero** a 14 y compara con tu predicción:

# %% [markdown] lang="en"
# Now move **Days until the money arrives** to 14 and compare with your guess:

# %%
tablero.compare(prediccion)

# %% [markdown] lang="es"
# > **Regla práctica.** Una venta es efectivo hasta que **llega a tu cuenta**. Antes de una
# > temporada alta, calcula cuánto dinero vas a tener "en camino" y ten un colchón para esos días.

# %% [markdown] lang="en"
# > **Rule of thumb.** A sale is cash only when it **reaches your account**. Before a high season,
# > work out how much money will be "on its way" and keep a cushion for those days.

# %% [markdown] lang="es"
# ## Tu turno
#
# 1. En la tabla de formas de pago, ¿cuánto te descuentan de una venta de 1,000 pesos con
#    tarjeta? ¿Y por SPEI con la pasarela? Separa la comisión de su IVA: ¿cuál es el costo y cuál
#    puedes acreditar?
# 2. Filtra `tienda.orders` para ver los pedidos de Amazon México: compara la columna de fecha de
#    venta con la de fecha de depósito. ¿Cuántos días esperas?
# 3. **Enseña tú:** en 5 minutos, explica con la gráfica de la derecha por qué una tienda que
#    vende bien puede quedarse sin dinero en diciembre. Usa un ejemplo de tu comunidad.

# %% [markdown] lang="en"
# ## Your turn
#
# 1. In the payment-method table, how much comes off a 1,000-peso sale by card? And by SPEI
#    through the gateway? Separate the fee from its IVA: which is the cost and which can you
#    credit?
# 2. Filter `tienda.orders` for the Amazon Mexico orders: compare the date column with the payout
#    date column. How many days do you wait?
# 3. **Teach it back:** in 5 minutes, explain with the chart on the right why a store that sells
#    well can run out of money in December. Use an example from your community.
