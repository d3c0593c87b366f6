# %% [markdown] lang="es"
# # 16 · Proyecto final: un año de un negocio

# %% [markdown] lang="en"
# # 16 · Capstone: a year of a business

# %%
from mipyme.notebook import say, setup, show

LANG = setup("es")
say("notebook.language_set")

# %% [markdown] lang="es"
# ## Tu proyecto final: llevar un negocio un año y contárselo a tus compañeras
#
# Lupita tiene una tienda en línea de artesanías mexicanas: aretes de plata de Taxco, blusas
# bordadas de Oaxaca, tazas de Talavera de Puebla, café de Chiapas, rebozos y alebrijes. Vende en
# su página, en Mercado Libre, en Amazon y en Etsy. En este proyecto vas a **llevar su negocio
# durante todo 2026** con el simulador y hacer lo que hace una dueña al cerrar el año:
#
# 1. **correr el año** con tus decisiones (publicidad, renta, su sueldo);
# 2. **leer sus estados financieros**;
# 3. **calcular sus impuestos**;
# 4. **decidir si le conviene un préstamo** para el Buen Fin;
# 5. **preparar una presentación de 5 minutos** para tus compañeras: 3 números, 1 gráfica y
#    1 decisión.
#
# El último paso es el corazón de la formación de formadoras: si lo puedes explicar en 5 minutos,
# lo entendiste, y ya lo puedes enseñar.

# %% [markdown] lang="en"
# ## Your capstone: run a business for a year and tell your peers about it
#
# Lupita has an online store of Mexican crafts: silver earrings from Taxco, embroidered blouses
# from Oaxaca, Talavera mugs from Puebla, coffee from Chiapas, rebozos and alebrijes. She sells on
# her website, on Mercado Libre, on Amazon and on Etsy. In this project you will **run her
# business through all of 2026** with the simulator and do what an owner does when she closes the
# year:
#
# 1. **run the year** with your decisions (advertising, rent, her salary);
# 2. **read her financial statements**;
# 3. **work out her taxes**;
# 4. **decide whether a loan for Buen Fin makes sense**;
# 5. **prepare a 5-minute presentation** for your peers: 3 numbers, 1 chart and 1 decision.
#
# The last step is the heart of the training of trainers: if you can explain it in 5 minutes, you
# understood it, and you can teach it.

# %% [markdown] lang="es"
# ## Paso 1. Corre el año
#
# Las decisiones están arriba de la celda, en mayúsculas: cámbialas y vuelve a correr todo el
# cuaderno. El **escenario** es un número que fija el azar del mercado: con el mismo escenario y
# las mismas decisiones todos ven los mismos números (útil para comparar en grupo); cada equipo
# puede usar otro número.
#
# El simulador registra cada venta, comisión, envío, devolución y compra de inventario. Lo que no
# sabe son los gastos fijos de Lupita, así que los agregamos al libro: la **renta** del taller
# (un gasto, con su IVA acreditable) y su **sueldo fijo**, que en una persona física es un
# **retiro del dueño**, no un gasto (capítulo 13). `validate()` debe regresar una lista vacía.

# %% [markdown] lang="en"
# ## Step 1. Run the year
#
# The decisions are at the top of the cell, in capital letters: change them and run the whole
# notebook again. The **scenario** is a number that fixes the market's chance: with the same
# scenario and the same decisions everyone sees the same numbers (useful for comparing in a
# group); each team may use a different number.
#
# The simulator records every sale, fee, shipment, return and stock purchase. What it does not
# know is Lupita's fixed costs, so we add them to the books: the workshop **rent** (an expense,
# with its input IVA) and her **fixed salary**, which for an individual owner is an **owner's
# drawing**, not an expense (chapter 13). `validate()` must return an empty list.

# %%
from IPython.display import display

from mipyme.store import simulate


# Tus decisiones / Your decisions
ESCENARIO = 2026  # cada equipo puede usar otro número / each team may use another number
PUBLICIDAD = {"web": 300, "mercado_libre": 500}  # pesos por semana, con IVA / per week, IVA incl.
RENTA = 4000  # renta mensual del taller, sin IVA / monthly workshop rent, before IVA
SUELDO = 12000  # sueldo fijo de Lupita / Lupita's fixed salary

tienda = simulate(days=365, seed=ESCENARIO, start="2026-01-01", ad_budget=PUBLICIDAD)
show(tienda.catalog.to_frame(), "nb.ch16.catalog_caption")

# %%
from mipyme.finance import Transaction, add_iva, credit, debit

libro = tienda.journal
for mes in range(1, 13):
    dia = f"2026-{mes:02d}-28"
    renta_con_iva = add_iva(RENTA, on=dia)
    libro.add(Transaction(dia, "Renta del taller", (
        debit("Renta", RENTA), debit("IVA acreditable", renta_con_iva - RENTA),
        credit("Bancos", renta_con_iva))))
    libro.add(Transaction(dia, "Sueldo fijo de Lupita (retiro)", (
        debit("Retiros del dueño", SUELDO), credit("Bancos", SUELDO))))
print(libro.validate())

# %% [markdown] lang="es"
# ## Paso 2. Lee los estados financieros
#
# Los tres reportes del capítulo 13, ahora para todo el año. Mientras los lees, anota:
#
# - **Estado de resultados**: ¿cuánto vendió y cuánto le quedó? ¿Qué gasto pesa más? ¿Cuánto se
#   fue en devoluciones?
# - **Balance general**: ¿cuánto efectivo tiene? ¿Cuánto le debe al SAT (IVA trasladado)?
# - **Flujo de efectivo**: ¿la operación dejó dinero? ¿Cuánto se llevó Lupita a su casa?

# %% [markdown] lang="en"
# ## Step 2. Read the financial statements
#
# The three reports from chapter 13, now for the whole year. As you read them, write down:
#
# - **Income statement**: how much did she sell and how much was left? Which expense weighs
#   most? How much went to returns?
# - **Balance sheet**: how much cash does she have? How much does she owe the SAT (output IVA)?
# - **Cash-flow statement**: did the operation bring in money? How much did Lupita take home?

# %%
from mipyme.finance import balance_sheet, cash_flow, income_statement
from mipyme.notebook import text

resultados = income_statement(libro, start="2026-01-01", end="2026-12-31")
balance = balance_sheet(libro, on="2026-12-31")
flujo = cash_flow(libro, start="2026-01-01", end="2026-12-31")
importe = [text("ledger.col.amount")]
show(resultados, "nb.ch16.income_caption", money=importe)
show(balance, "nb.ch16.balance_caption", money=importe)
show(flujo, "nb.ch16.cash_caption", money=importe)

# %%
import pandas as pd

from mipyme.finance import monthly_summary
from mipyme.finance.charts import cash_balance_chart

resumen = monthly_summary(libro)
por_mes = [text(f"ledger.col.{c}") for c in ("income", "expenses", "net_income", "cash_end")]
show(resumen, "nb.ch16.monthly_caption", money=por_mes)
meses = pd.to_datetime(resumen.iloc[:, 0]) + pd.offsets.MonthEnd(0)
caja = pd.Series(resumen.iloc[:, 4].to_list(), index=meses)
grafica = cash_balance_chart(caja, title=text("nb.ch16.cash_chart_title"))
print(grafica.alt_text)
display(grafica)

# %% [markdown] lang="es"
# **Para tu presentación:** la gráfica de efectivo es buena candidata para tu "1 gráfica". Fíjate
# en el mes más bajo (está en la descripción de arriba de la gráfica) y pregúntate por qué: ¿un
# mes flojo de ventas, una compra grande de inventario, dinero que las plataformas todavía no
# pagan? Compara también la utilidad del año con el efectivo: no son iguales, y ya sabes por qué.

# %% [markdown] lang="en"
# **For your presentation:** the cash chart is a good candidate for your "1 chart". Look at the
# lowest month (it is in the description above the chart) and ask yourself why: a weak sales
# month, a big stock purchase, money the platforms have not paid out yet? Also compare the year's
# profit with the cash: they are not the same, and you already know why.

# %% [markdown] lang="es"
# ## Paso 3. Calcula sus impuestos
#
# Lupita está en RESICO y vende en marketplaces con RFC, así que las plataformas ya le
# retuvieron una parte de su ISR y de su IVA (capítulo 15). Calculamos:
#
# - el **ISR de RESICO** de cada mes sobre sus ingresos (aquí, las ventas menos devoluciones del
#   resumen mensual, sin IVA) y lo sumamos;
# - el **IVA del año**: trasladado menos acreditable, de los saldos del libro;
# - y les restamos lo que **ya retuvieron** las plataformas.
#
# Para simplificar sumamos el año completo; en la vida real el IVA y el ISR se declaran **cada
# mes**. Si el renglón "falta pagar" sale negativo, es un saldo a favor.

# %% [markdown] lang="en"
# ## Step 3. Work out her taxes
#
# Lupita is in RESICO and sells on marketplaces with an RFC, so the platforms already withheld
# part of her income tax and her IVA (chapter 15). We compute:
#
# - the **RESICO income tax** of each month on her income (here, sales minus returns from the
#   monthly summary, without IVA), and add it up;
# - the **year's IVA**: output minus input, from the balances in the books;
# - and we subtract what the platforms **already withheld**.
#
# To keep it simple we add up the whole year; in real life IVA and income tax are filed **every
# month**. If a "still to pay" line comes out negative, it is a balance in her favour.

# %%
from mipyme.finance import account_balance, iva_payable, resico_monthly_isr
from mipyme.finance.taxes import resico_annual_check

ingreso_mes = pd.Series(resumen.iloc[:, 1].to_list(), index=resumen.iloc[:, 0])
isr_mes = [resico_monthly_isr(ingreso, on="2026-12-31") for ingreso in ingreso_mes]
print(resico_annual_check(ingreso_mes, on="2026-12-31"))

iva_del_anio = iva_payable(trasladado=-account_balance(libro, "IVA trasladado"),
                           acreditable=account_balance(libro, "IVA acreditable"))
iva_retenido = account_balance(libro, "IVA retenido")
isr_retenido = account_balance(libro, "ISR retenido")
impuestos = pd.DataFrame({
    text("nb.ch16.col_tax"): [text(f"nb.ch16.tax_{k}") for k in
                              ("isr", "isr_withheld", "isr_left", "iva", "iva_withheld",
                               "iva_left")],
    text("nb.ch16.col_amount"): [sum(isr_mes), isr_retenido, sum(isr_mes) - isr_retenido,
                                 iva_del_anio.amount, iva_retenido,
                                 iva_del_anio.amount - iva_retenido],
})
show(impuestos, "nb.ch16.tax_caption", money=[text("nb.ch16.col_amount")])

# %% [markdown] lang="es"
# **Pregunta para tu presentación:** ¿cuánto de su efectivo al cierre **no es suyo**, porque se
# lo debe al SAT? ¿Tiene saldo a favor que podría recuperar? Recuerda: la lista vacía de
# `resico_annual_check` quiere decir que sus ingresos del año no pasan el tope de RESICO.

# %% [markdown] lang="en"
# **Question for your presentation:** how much of her year-end cash is **not hers**, because she
# owes it to the SAT? Does she have a balance in her favour she could recover? Remember: the
# empty list from `resico_annual_check` means that her income for the year stays under the RESICO
# cap.

# %% [markdown] lang="es"
# ## Tablero: dos decisiones para el año
#
# Antes de hablar de préstamos, prueba dos decisiones de Lupita sin volver a correr todo el
# cuaderno: cuánto gasta cada semana en anuncios de Mercado Libre y qué sueldo fijo se paga. El
# tablero empieza con tus decisiones de arriba. A la izquierda ves el efectivo al cierre de cada
# mes (la zona roja es dinero que no tiene); a la derecha, la utilidad del año, el efectivo al
# cierre, los impuestos que le faltan pagar (si la barra es negativa, es saldo a favor) y lo que
# se pagó de sueldo.
#
# **Antes de mover los controles, predice.** Busca en el flujo de efectivo de arriba con cuánto
# efectivo cierra Lupita el año con un sueldo de 12,000 pesos al mes. Si se sube el sueldo a
# **15,000 pesos al mes**, **¿con cuánto efectivo cierra el año?** Escribe tu predicción en la
# celda de abajo.

# %% [markdown] lang="en"
# ## Dashboard: two decisions for the year
#
# Before talking about loans, try two of Lupita's decisions without running the whole notebook
# again: how much she spends each week on Mercado Libre ads and which fixed salary she pays
# herself. The dashboard starts with your decisions from above. On the left you see the cash at
# each month's end (the red area is money she does not have); on the right, the year's profit,
# the cash at year end, the taxes she still has to pay (a negative bar is a balance in her
# favour) and what she paid herself.
#
# **Before you move the controls, predict.** Look in the cash-flow statement above for the cash
# Lupita ends the year with on a salary of 12,000 pesos a month. If she raises her salary to
# **15,000 pesos a month**, **how much cash does she end the year with?** Write your prediction in
# the cell below.

# %%
prediccion = None  # escribe tu número / write your number

# %%
from mipyme.dashboards.finance_year import YearDashboard

tablero = YearDashboard(seed=ESCENARIO, rent=RENTA, web_ads=PUBLICIDAD["web"],
                        ads=PUBLICIDAD["mercado_libre"], salary=SUELDO)
tablero.widget()

# %% [markdown] lang="es"
# Ahora mueve el sueldo a **15,000** y compara con tu predicción (si lees este cuaderno sin poder
# mover los controles, la celda de abajo lo hace por ti). ¿Cambió la utilidad del año? ¿Por qué
# no? Después sube los anuncios: ¿cuánto más vende y cuánto más le queda?

# %% [markdown] lang="en"
# Now move the salary to **15,000** and compare with your prediction (if you are reading this
# notebook without live controls, the cell below does it for you). Did the year's profit change?
# Why not? Then raise the ads: how much more does she sell, and how much more does she keep?

# %%
tablero.update(salary=15000)
tablero.compare(prediccion)

# %% [markdown] lang="es"
# ## Paso 4. ¿Le conviene un préstamo para el Buen Fin?
#
# Para el Buen Fin (mediados de noviembre, cuando muchos negocios hacen buena parte de sus ventas
# del año) Lupita quiere comprar 60,000 pesos de inventario en octubre. Tiene dos ofertas (valores
# de ejemplo para clase, no de una institución real):
#
# - **banco**: 28% anual sobre saldos insolutos, 12 pagos mensuales, comisión por apertura de
#   1,200 pesos;
# - **fintech**: 55% anual, 6 pagos mensuales, más IVA sobre los intereses.

# %% [markdown] lang="en"
# ## Step 4. Does a loan for Buen Fin make sense?
#
# For Buen Fin (mid-November, when many businesses make a good share of the year's sales) Lupita
# wants to buy 60,000 pesos of stock in October. She has two offers (example values for class,
# not from a real lender):
#
# - **bank**: 28% a year on the declining balance, 12 monthly payments, a 1,200-peso opening fee;
# - **fintech**: 55% a year, 6 monthly payments, plus IVA on the interest.

# %%
from mipyme.finance.loans import LoanOffer, compare_loans, translate_loan_columns

banco = LoanOffer(text("nb.ch16.offer_bank"), "60000", "0.28", 12, opening_fee="1200")
fintech = LoanOffer("fintech", "60000", "0.55", 6, iva_on_interest=True)
pesos = [text(f"finance.loans.column.{c}") for c in
         ("principal", "payment", "total_paid", "interest", "iva", "fees", "cost")]
show(translate_loan_columns(compare_loans(banco, fintech, start="2026-10-01")),
     "nb.ch16.loan_caption", money=pesos, percent=[text("finance.loans.column.cat")])

# %% [markdown] lang="es"
# **Tu decisión.** No basta con ver cuál es más barata. Pregúntate:
#
# 1. ¿**Necesita** el préstamo? Mira su efectivo en septiembre y octubre en el resumen mensual:
#    ¿podría pagar el inventario con su propio dinero sin quedarse corta (recuerda los impuestos
#    que debe)?
# 2. Si lo pide, ¿el pago mensual cabe en la utilidad de sus meses **más flojos**, no solo de los
#    buenos?
# 3. ¿Qué pasa si el Buen Fin sale peor de lo esperado? Un plazo más largo da un pago más chico,
#    pero cuesta más intereses en total.
#
# Escribe tu decisión en una frase: "Lupita debe (o no debe) ... porque ...".

# %% [markdown] lang="en"
# **Your decision.** It is not enough to see which one is cheaper. Ask yourself:
#
# 1. Does she **need** the loan? Look at her cash in September and October in the monthly
#    summary: could she pay for the stock with her own money without running short (remember the
#    taxes she owes)?
# 2. If she takes it, does the monthly payment fit in the profit of her **weakest** months, not
#    only the good ones?
# 3. What if Buen Fin goes worse than expected? A longer term gives a smaller payment, but costs
#    more interest in total.
#
# Write your decision in one sentence: "Lupita should (or should not) ... because ...".

# %% [markdown] lang="es"
# ## Paso 5. Tu presentación de 5 minutos: 3 números, 1 gráfica, 1 decisión
#
# Vas a presentarle el año de Lupita a tus compañeras como si fueras su asesora. La estructura:
#
# | minuto | qué dices |
# |---|---|
# | 0:00 – 0:30 | **El negocio**: quién es Lupita, qué vende y dónde. |
# | 0:30 – 2:00 | **3 números**: los de la tabla de abajo (o los que tú elijas), uno por uno, y qué significa cada uno. |
# | 2:00 – 3:30 | **1 gráfica**: la de efectivo (o una cascada del año, como en el capítulo 13). Di qué se ve antes de explicar por qué. |
# | 3:30 – 4:30 | **1 decisión**: el préstamo (u otra: más publicidad, subir precios). Tu frase y tus razones. |
# | 4:30 – 5:00 | **Una pregunta** para el grupo. |
#
# Consejos: una idea por minuto; di los números redondeados ("poco más de 2 millones", no
# "2,018,727.99"); y practica una vez en voz alta con reloj.

# %% [markdown] lang="en"
# ## Step 5. Your 5-minute presentation: 3 numbers, 1 chart, 1 decision
#
# You will present Lupita's year to your peers as if you were her adviser. The structure:
#
# | minute | what you say |
# |---|---|
# | 0:00 – 0:30 | **The business**: who Lupita is, what she sells and where. |
# | 0:30 – 2:00 | **3 numbers**: the ones in the table below (or your own choice), one at a time, and what each one means. |
# | 2:00 – 3:30 | **1 chart**: the cash chart (or a waterfall of the year, as in chapter 13). Say what it shows before explaining why. |
# | 3:30 – 4:30 | **1 decision**: the loan (or another one: more advertising, higher prices). Your sentence and your reasons. |
# | 4:30 – 5:00 | **One question** for the group. |
#
# Tips: one idea per minute; round the numbers ("just over 2 million", not "2,018,727.99");
# and practise once out loud with a clock.

# %%
from mipyme.money import Money

tres_numeros = pd.DataFrame({
    text("nb.ch16.col_number"): [text("nb.ch16.n_revenue"), text("nb.ch16.n_profit"),
                                 text("nb.ch16.n_cash")],
    text("nb.ch16.col_amount"): [Money(resultados.attrs["revenue"]),
                                 Money(resultados.attrs["net_income"]),
                                 Money(flujo.attrs["cash_end"])],
})
show(tres_numeros, "nb.ch16.three_caption")

# %% [markdown] lang="es"
# ## Retroalimentación entre pares
#
# Mientras una compañera presenta, las demás llenan esta cuadrícula de 2 × 2 (la de la
# formación de instructores de The Carpentries): una cosa que salió **bien** y una que se puede
# **mejorar**, tanto del **contenido** (¿los números y la decisión eran correctos y claros?) como
# de la **presentación** (¿se oyó, se vio la gráfica, alcanzó el tiempo?).
#
# | | salió bien | se puede mejorar |
# |---|---|---|
# | **contenido** | | |
# | **presentación** | | |
#
# Reglas: sé concreta ("el número de efectivo se entendió con el ejemplo de la quincena"), no
# general ("estuvo bien"); empieza por lo positivo; quien presenta solo escucha y da las gracias.
# Al final, cada quien escribe en una tarjeta una cosa que cambiaría la próxima vez que lo enseñe.

# %% [markdown] lang="en"
# ## Peer feedback
#
# While a peer presents, everyone else fills in this 2 × 2 grid (the one from The Carpentries
# instructor training): one thing that went **well** and one that could be **improved**, both
# about the **content** (were the numbers and the decision correct and clear?) and about the
# **presentation** (could we hear, could we see the chart, did the time work?).
#
# | | went well | could be improved |
# |---|---|---|
# | **content** | | |
# | **presentation** | | |
#
# Rules: be specific ("the cash number was clear with the payday example"), not general ("it was
# good"); start with the positive; the presenter only listens and says thank you. At the end,
# everyone writes on a card one thing they would change the next time they teach it.

# %% [markdown] lang="es"
# ## Tu turno
#
# 1. Cambia tus decisiones (la publicidad, la renta o el sueldo de Lupita) y vuelve a correr el
#    cuaderno. ¿Qué pasa con la utilidad y con el efectivo? ¿Puede pagarse un sueldo más alto
#    sin quedarse sin dinero en su peor mes?
# 2. Prueba otra oferta de crédito con `LoanOffer` (otro plazo, otra tasa, pagos semanales) y
#    decide si cambia tu recomendación.
# 3. Enseña: da tu presentación de 5 minutos a tu grupo, recoge la cuadrícula de
#    retroalimentación y escribe en dos frases qué mejorarías para darla con las emprendedoras
#    de tu comunidad.

# %% [markdown] lang="en"
# ## Your turn
#
# 1. Change your decisions (advertising, rent or Lupita's salary) and run the notebook again.
#    What happens to profit and to cash? Can she pay herself a higher salary without running out
#    of money in her worst month?
# 2. Try another loan offer with `LoanOffer` (another term, another rate, weekly payments) and
#    decide whether your recommendation changes.
# 3. Teach it: give your 5-minute presentation to your group, collect the feedback grid and write
#    in two sentences what you would improve to give it to the entrepreneurs in your community.
