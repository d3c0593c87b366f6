# %% [markdown] lang="es"
# # 14 · Flujo de efectivo y crédito

# %% [markdown] lang="en"
# # 14 · Cash flow and credit

# %%
from mipyme.notebook import say, setup, show

LANG = setup("es")
say("notebook.language_set")

# %% [markdown] lang="es"
# ## ¿Qué préstamo conviene?
#
# Doña Rosa teje en telar de cintura en Chiapas y necesita 10,000 pesos para comprar hilo antes
# de la temporada. Tiene dos ofertas:
#
# - un **crédito grupal**: 72% de interés al año *sobre el monto original* (tasa fija), pagos
#   **semanales** durante 16 semanas;
# - un **préstamo bancario**: 30% anual sobre saldos insolutos, 4 pagos mensuales y una comisión
#   por apertura de 200 pesos.
#
# La tabla compara cuánto paga en total, cada cuánto y el **costo anual total** (CAT) de cada una.

# %% [markdown] lang="en"
# ## Which loan is better?
#
# Doña Rosa weaves on a backstrap loom in Chiapas and needs 10,000 pesos to buy yarn before the
# season. She has two offers:
#
# - a **group loan**: 72% interest a year *on the original amount* (flat rate), **weekly**
#   payments over 16 weeks;
# - a **bank loan**: 30% a year on the declining balance, 4 monthly payments and a 200-peso
#   opening fee.
#
# The table compares how much she pays in all, how often, and each offer's **total yearly cost**
# (CAT).

# %%
from mipyme.finance.loans import LoanOffer, compare_loans, translate_loan_columns

grupal = LoanOffer("grupal", "10000", "0.72", 16, frequency="weekly", method="flat")
banco = LoanOffer("banco", "10000", "0.30", 4, opening_fee="200")
show(translate_loan_columns(compare_loans(grupal, banco, start="2026-02-02")),
     "nb.ch14.compare_caption")

# %% [markdown] lang="es"
# **El CAT junta todo**: intereses, comisiones y cada cuánto pagas, en un solo porcentaje anual.
# Una tasa fija semanal de 72% resulta en un costo anual mucho mayor, porque pagas intereses sobre
# dinero que ya devolviste. (Banxico publica el CAT oficial con sus propias reglas; aquí
# calculamos la idea.)

# %% [markdown] lang="en"
# **The CAT puts everything together**: interest, fees and how often you pay, in one yearly
# percentage. A 72% flat rate paid weekly ends up costing much more a year, because you pay
# interest on money you have already paid back. (Banxico publishes the official CAT with its own
# rules; here we compute the idea.)

# %% [markdown] lang="es"
# ## Tablero: punto de equilibrio y efectivo del año
#
# Mueve el precio, los costos, las ventas y el préstamo. A la izquierda ves cuántas unidades
# necesitas vender para no perder; a la derecha, el efectivo de cada fin de mes pagando el
# préstamo. **Si la línea baja de cero, te quedas sin dinero aunque el negocio gane.**

# %% [markdown] lang="en"
# ## Dashboard: break-even and a year of cash
#
# Move the price, the costs, the sales and the loan. On the left you see how many units you must
# sell not to lose money; on the right, the cash at each month end while paying the loan. **If the
# line goes below zero, you run out of money even if the business makes a profit.**

# %%
from mipyme.dashboards.finance import FinanceDashboard

tablero = FinanceDashboard()
tablero.widget()

# %% [markdown] lang="es"
# ## Tu turno
#
# 1. Con el tablero, encuentra el precio más bajo con el que el efectivo nunca baja de cero.
# 2. Cambia el método de interés de "tasa fija" a "saldos insolutos". ¿Cuánto baja el CAT?
# 3. Prepara una explicación de 10 minutos del CAT para un grupo de artesanas: ¿qué ejemplo usas?

# %% [markdown] lang="en"
# ## Your turn
#
# 1. With the dashboard, find the lowest price at which cash never goes below zero.
# 2. Change the interest method from "flat" to "declining balance". How much does the CAT drop?
# 3. Plan a 10-minute explanation of the CAT for a group of artisans: which example do you use?
