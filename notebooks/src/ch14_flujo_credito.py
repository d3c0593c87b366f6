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
# Doña Juana teje en telar de cintura en Chiapas y necesita 10,000 pesos para comprar hilo antes
# de la temporada. Tiene dos ofertas:
#
# - un **crédito grupal**: 72% de interés al año *sobre saldos insolutos* (sobre lo que todavía
#   debe), pagos **semanales** durante 16 semanas;
# - un **préstamo bancario**: 30% anual sobre saldos insolutos, 4 pagos mensuales y una comisión
#   por apertura de 200 pesos.
#
# En las dos se paga **16% de IVA sobre los intereses** (Ley del IVA, arts. 1, 14 y 18-A). La
# tercera fila es el **peor caso**: si alguien cobrara el mismo 72% con *tasa plana*, sobre el
# monto original. La tabla compara cuánto paga en total, cada cuánto y el **costo anual total**
# (CAT) de cada una, con y sin el IVA.

# %% [markdown] lang="en"
# ## Which loan is better?
#
# Doña Juana weaves on a backstrap loom in Chiapas and needs 10,000 pesos to buy yarn before the
# season. She has two offers:
#
# - a **group loan**: 72% interest a year *on the declining balance* (on what she still owes),
#   **weekly** payments over 16 weeks;
# - a **bank loan**: 30% a year on the declining balance, 4 monthly payments and a 200-peso
#   opening fee.
#
# Both charge **16% IVA on the interest** (Ley del IVA, arts. 1, 14 and 18-A). The third row is
# the **worst case**: a lender charging the same 72% as a *flat rate*, on the original amount.
# The table compares how much she pays in all, how often, and each offer's **total yearly cost**
# (CAT), with and without the IVA.

# %%
from mipyme.finance.loans import LoanOffer, compare_loans, translate_loan_columns
from mipyme.notebook import text

grupal = LoanOffer(text("nb.ch14.offer_group"), "10000", "0.72", 16, frequency="weekly",
                   iva_on_interest=True)
banco = LoanOffer(text("nb.ch14.offer_bank"), "10000", "0.30", 4, opening_fee="200",
                  iva_on_interest=True)
plana = LoanOffer(text("nb.ch14.offer_flat"), "10000", "0.72", 16, frequency="weekly",
                  method="flat", iva_on_interest=True)
pesos = [text(f"finance.loans.column.{c}") for c in
         ("principal", "payment", "total_paid", "interest", "iva", "fees", "cost")]
show(translate_loan_columns(compare_loans(grupal, banco, plana, start="2026-02-02")),
     "nb.ch14.compare_caption", money=pesos,
     percent=[text("finance.loans.column.cat"), text("finance.loans.column.cat_without_iva")])

# %% [markdown] lang="es"
# **El CAT junta todo**: intereses, comisiones y cada cuánto pagas, en un solo porcentaje anual.
# El 72% sobre saldos con pagos semanales da un CAT de 104.4% sin IVA, porque el interés se
# acumula 52 veces al año: (1 + 0.72 ÷ 52)^52 − 1. Con el IVA de los intereses, 129.0%. Con tasa
# plana, el peor caso, 253.4% sin IVA: pagas intereses sobre dinero que ya devolviste. (Banxico
# publica el CAT oficial sin IVA y con sus propias reglas; aquí calculamos la idea.)

# %% [markdown] lang="en"
# **The CAT puts everything together**: interest, fees and how often you pay, in one yearly
# percentage. 72% on the declining balance with weekly payments gives a CAT of 104.4% without
# IVA, because interest compounds 52 times a year: (1 + 0.72 ÷ 52)^52 − 1. With the IVA on the
# interest, 129.0%. With a flat rate, the worst case, 253.4% without IVA: you pay interest on
# money you have already paid back. (Banxico publishes the official CAT without IVA and with its
# own rules; here we compute the idea.)

# %% [markdown] lang="es"
# ## Tablero: punto de equilibrio y efectivo del año
#
# Ahora Doña Juana piensa en un año completo con un préstamo pagado en 12 meses. En el tablero
# puedes mover el préstamo, el precio, los costos y las ventas. A la izquierda ves cuántas
# unidades necesita vender para no perder; a la derecha, el efectivo de cada fin de mes pagando
# el préstamo. **Si la línea baja de cero, se queda sin dinero aunque el negocio gane.**
#
# **Antes de mover los controles, predice.** El tablero empieza con el peor caso: un préstamo de
# 20,000 pesos al 72% anual con tasa fija (plana), en 12 pagos mensuales y sin IVA: paga
# 20,000 × 72% = 14,400 de intereses, y en total 34,400, es decir 2,866.67 pesos al mes. Si en lugar de 20,000 pide **30,000 pesos**,
# con la misma tasa y el mismo plazo, **¿cuánto paga cada mes?** Escribe tu predicción en la
# celda de abajo.

# %% [markdown] lang="en"
# ## Dashboard: break-even and a year of cash
#
# Now Doña Juana thinks about a whole year with a loan paid back over 12 months. In the dashboard
# you can move the loan, the price, the costs and the sales. On the left you see how many units
# she must sell not to lose money; on the right, the cash at each month end while she pays the
# loan. **If the line goes below zero, she runs out of money even if the business makes a
# profit.**
#
# **Before you move the controls, predict.** The dashboard starts with the worst case: a
# 20,000-peso loan at a 72% flat yearly rate, in 12 monthly payments and without IVA: she pays
# 20,000 × 72% = 14,400 of interest, 34,400 in all, that is 2,866.67 pesos a month. If she borrows **30,000 pesos** instead of 20,000, at the
# same rate and over the same term, **how much does she pay each month?** Write your prediction in
# the cell below.

# %%
prediccion = None  # escribe tu número / write your number

# %%
from mipyme.dashboards.finance import FinanceDashboard

tablero = FinanceDashboard()
tablero.widget()

# %% [markdown] lang="es"
# Ahora mueve el control del **préstamo a 30,000** y compara con tu predicción (si lees este
# cuaderno sin poder mover los controles, la celda de abajo lo hace por ti):

# %% [markdown] lang="en"
# Now move the **loan** control **to 30,000** and compare with your prediction (if you are
# reading this notebook without live controls, the cell below does it for you):

# %%
tablero.update(loan=30000)
tablero.compare(prediccion)

# %% [markdown] lang="es"
# ## Tu turno
#
# 1. Con el tablero, encuentra el precio más bajo con el que el efectivo nunca baja de cero.
# 2. Cambia cómo se cobran los intereses, de "tasa fija sobre el monto original" a "sobre saldos
#    insolutos". ¿Cuánto baja el pago mensual? ¿Y el CAT?
# 3. Prepara una explicación de 10 minutos del CAT para un grupo de artesanas: ¿qué ejemplo usas?

# %% [markdown] lang="en"
# ## Your turn
#
# 1. With the dashboard, find the lowest price at which cash never goes below zero.
# 2. Change how interest is charged, from "flat, on the original amount" to "on the declining
#    balance". How much does the monthly payment drop? And the CAT?
# 3. Plan a 10-minute explanation of the CAT for a group of artisans: which example do you use?
