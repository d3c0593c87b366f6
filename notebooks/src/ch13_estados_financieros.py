# %% [markdown] lang="es"
# # 13 · Estados financieros

# %% [markdown] lang="en"
# # 13 · Financial statements

# %%
from mipyme.notebook import say, setup, show

LANG = setup("es")
say("notebook.language_set")

# %% [markdown] lang="es"
# ## Tres preguntas, tres estados
#
# Rosa Martínez embotella mezcal espadín en Santiago Matatlán, Oaxaca, con su marca Mezcal Lluvia
# de Piedra, y en marzo de 2026 abrió su
# negocio formal: puso sus ahorros, pidió un préstamo a la caja popular, compró una etiquetadora,
# vendió en la feria del mezcal y a un restaurante que le paga a 30 días.
#
# Con su libro diario (lo aprendiste en el capítulo 12), unas cuantas líneas de código arman tres
# reportes, y cada uno contesta una pregunta distinta:
#
# | reporte | pregunta que contesta |
# |---|---|
# | **estado de resultados** | ¿gané o perdí en el periodo? |
# | **balance general** | ¿qué tengo, qué debo y qué es mío en una fecha? |
# | **flujo de efectivo** | ¿de dónde vino y a dónde se fue el dinero del banco? |
#
# Este es el mes de Rosa. `validate()` no encuentra problemas (muestra una lista vacía, `[]`):
# el libro cuadra.

# %% [markdown] lang="en"
# ## Three questions, three statements
#
# Rosa Martínez bottles espadín mezcal in Santiago Matatlán, Oaxaca, under her brand Mezcal Lluvia
# de Piedra, and in March 2026 she opened her
# business formally: she put in her savings, took a loan from the savings cooperative, bought a
# labelling machine, sold at the mezcal fair and to a restaurant that pays her in 30 days.
#
# From her journal (you learned it in chapter 12), a few lines of code build three reports, and
# each one answers a different question:
#
# | report | question it answers |
# |---|---|
# | **income statement** | did I make or lose money in the period? |
# | **balance sheet** | what do I have, what do I owe and what is mine on a given date? |
# | **cash-flow statement** | where did the bank's money come from and where did it go? |
#
# This is Rosa's month. `validate()` finds no problems (it shows an empty list, `[]`): the books
# balance.

# %%
from IPython.display import display

from mipyme.finance import Transaction, credit, debit
from mipyme.finance.examples import mezcal_month
from mipyme.notebook import text

libro = mezcal_month()  # el mes de Rosa, escrito en la biblioteca / Rosa's month, from the library
print(libro.validate())
debe_haber = [text("ledger.col.debit"), text("ledger.col.credit")]
importe = [text("ledger.col.amount")]
show(libro.table(), "nb.ch13.journal_caption", money=debe_haber)

# %% [markdown] lang="es"
# ## 1. Estado de resultados: ¿gané?
#
# Junta los **ingresos** (ventas sin IVA) y les resta el **costo de lo vendido** (lo que le
# costaron las botellas que sí vendió) y los **gastos** del mes. Lo que queda es la **utilidad
# neta**.
#
# Fíjate en lo que **no** aparece: el IVA (no es de Rosa, es del SAT), el préstamo (es una
# deuda, no un ingreso), la etiquetadora (dura años, es un activo) y las botellas que siguen en la
# bodega (son inventario hasta que se venden).

# %% [markdown] lang="en"
# ## 1. Income statement: did I make money?
#
# It adds up the **income** (sales without VAT) and subtracts the **cost of goods sold** (what the
# bottles she actually sold cost her) and the month's **expenses**. What is left is the **net
# income**.
#
# Notice what does **not** appear: the VAT (it is not Rosa's, it belongs to the tax office),
# the loan (it is a debt, not income), the labelling machine (it lasts for years, it is an asset)
# and the bottles still in the storeroom (they are inventory until they are sold).

# %%
from mipyme.finance import income_statement

resultados = income_statement(libro, start="2026-03-01", end="2026-03-31")
show(resultados, "nb.ch13.income_caption", money=importe)

# %% [markdown] lang="es"
# ### La misma historia en cascada
#
# La gráfica de cascada cuenta el estado de resultados de izquierda a derecha: empieza con las
# ventas, cada barra roja es un peso que se va (costo o gasto) y la última barra azul es lo que
# queda. Es buena para explicarlo en una reunión: se ve de un vistazo qué gasto pesa más.
# Arriba de la gráfica va su descripción en texto, para quien no la puede ver.

# %% [markdown] lang="en"
# ### The same story as a waterfall
#
# The waterfall chart tells the income statement from left to right: it starts with sales, each
# red bar is money going out (a cost or an expense) and the last blue bar is what is left. It is
# good for explaining it in a meeting: you see at a glance which expense weighs most. Above the
# chart is its description as text, for people who cannot see it.

# %%
from mipyme.finance import account_balance
from mipyme.finance.charts import waterfall_chart

cuentas = ["Ventas", "Costo de ventas", "Envíos", "Publicidad", "Renta", "Intereses"]
pasos = [(libro.chart.get(c).name(), -account_balance(libro, c, on="2026-03-31"))
         for c in cuentas]
cascada = waterfall_chart(pasos, title=text("nb.ch13.waterfall_title"),
                          total_label=text("nb.ch13.waterfall_total"))
print(cascada.alt_text)
display(cascada)

# %% [markdown] lang="es"
# ## 2. Balance general: ¿qué tengo y qué debo?
#
# El balance es una **foto en una fecha** (aquí, el 31 de marzo). Del lado del **activo** está
# todo lo que el negocio tiene: el dinero del banco, lo que le deben los clientes, las botellas en
# bodega, el IVA que podrá acreditar y la etiquetadora. Del otro lado está **de quién es**: una
# parte se le debe a otros (**pasivo**: el palenque, el SAT, la caja popular) y el resto es de
# Rosa (**capital**).

# %% [markdown] lang="en"
# ## 2. Balance sheet: what do I have and what do I owe?
#
# The balance sheet is a **snapshot on a date** (here, March 31). On the **assets** side is
# everything the business has: the money in the bank, what customers owe it, the bottles in the
# storeroom, the VAT it will be able to credit and the labelling machine. On the other side is
# **whose it is**: part of it is owed to others (**liabilities**: the distillery, the tax office,
# the savings cooperative) and the rest belongs to Rosa (**equity**).

# %%
from mipyme.finance import balance_sheet

balance = balance_sheet(libro, on="2026-03-31")
show(balance, "nb.ch13.balance_caption", money=importe)
say("nb.ch13.balance_identity",  # cifras en pesos / amounts in pesos
    assets=f"{balance.attrs['assets']:,.2f}",
    liabilities=f"{balance.attrs['liabilities']:,.2f}",
    equity=f"{balance.attrs['equity']:,.2f}")

# %% [markdown] lang="es"
# ### Los retiros del dueño no son un gasto
#
# El 31 de marzo Rosa se llevó 6,000 pesos para la casa. Ese dinero **no** aparece en el
# estado de resultados: no es un gasto del negocio, es la dueña sacando lo que es suyo. Por eso
# aparece en el balance como **Retiros del dueño**, restando al capital.
#
# Si lo hubiera anotado como gasto, su utilidad de 5,220 pesos se vería como una **pérdida** de
# 780, y pensaría que el negocio no funciona cuando sí funciona. Pero ojo con lo contrario: se
# llevó **más** de lo que ganó en el mes, así que su capital bajó de 30,000 a 29,220 pesos. Un
# negocio al que el dueño le saca más de lo que gana se va comiendo a sí mismo.

# %% [markdown] lang="en"
# ### Owner's drawings are not an expense
#
# On March 31 Rosa took 6,000 pesos home. That money does **not** appear in the income
# statement: it is not a business expense, it is the owner taking out what is hers. That is why it
# appears in the balance sheet as **Owner's drawings**, reducing equity.
#
# Had she recorded it as an expense, her 5,220-peso profit would look like a **loss** of 780, and
# she would think the business does not work when it does. But watch the opposite danger: she took
# **more** than she earned in the month, so her equity went down from 30,000 to 29,220 pesos. A
# business whose owner takes out more than it earns slowly eats itself.

# %% [markdown] lang="es"
# ## 3. Flujo de efectivo: ¿a dónde se fue el dinero?
#
# Este reporte usa el **método directo**: toma cada movimiento del banco y lo acomoda según para
# qué fue el dinero.
#
# - **Operación**: el día a día (cobros de ventas, IVA, envíos, publicidad, renta, intereses).
# - **Inversión**: cosas que duran años (la etiquetadora).
# - **Financiamiento**: dinero del dueño y de los préstamos (capital, préstamo, retiros).
#
# La suma de las tres secciones es exactamente lo que cambió el saldo del banco.

# %% [markdown] lang="en"
# ## 3. Cash-flow statement: where did the money go?
#
# This report uses the **direct method**: it takes every bank movement and places it according to
# what the money was for.
#
# - **Operating**: the day-to-day (collections from sales, VAT, shipping, advertising, rent,
#   interest).
# - **Investing**: things that last for years (the labelling machine).
# - **Financing**: money from the owner and from loans (capital, the loan, drawings).
#
# The three sections add up to exactly how much the bank balance changed.

# %%
from mipyme.finance import cash_flow

flujo = cash_flow(libro, start="2026-03-01", end="2026-03-31")
show(flujo, "nb.ch13.cash_caption", money=importe)

# %%
say("nb.ch13.profit_not_cash",  # cifras en pesos / amounts in pesos
    profit=f"{resultados.attrs['net_income']:,.2f}",
    cash=f"{flujo.attrs['net_change']:,.2f}",
    receivable=f"{account_balance(libro, 'Clientes', on='2026-03-31'):,.2f}",
    payable=f"{-account_balance(libro, 'Proveedores', on='2026-03-31'):,.2f}")

# %% [markdown] lang="es"
# ## Tablero: ventas, cobros y retiros de Rosa
#
# En el tablero mueves cuántas botellas vende Rosa en la feria (se las pagan ahí mismo),
# cuántas se lleva el restaurante (paga en 30 días) y cuánto se lleva ella a la casa. Las barras
# muestran la **utilidad neta**, el **efectivo que dejó la operación**, lo que **le deben los
# clientes** y lo que **se llevó a la casa**; arriba, cuánto queda en el banco y su capital.
#
# **Antes de mover los controles, predice.** Cada botella se vende en 690 pesos sin IVA y le
# costó 230. Si el restaurante se lleva **15 botellas en lugar de 10** (y paga en 30 días, como
# siempre), **¿cuál es la utilidad neta del mes?** Escribe tu predicción en la celda de abajo.

# %% [markdown] lang="en"
# ## Dashboard: Rosa's sales, collections and drawings
#
# In the dashboard you move how many bottles Rosa sells at the fair (paid on the spot), how
# many the restaurant takes (it pays in 30 days) and how much she takes home. The bars show the
# **net income**, the **cash from operations**, what **customers owe her** and what she **took
# home**; above them, how much is left in the bank and her equity.
#
# **Before you move the controls, predict.** Each bottle sells for 690 pesos before VAT and cost
# her 230. If the restaurant takes **15 bottles instead of 10** (and pays in 30 days, as always),
# **what is the month's net income?** Write your prediction in the cell below.

# %%
prediccion = None  # escribe tu número / write your number

# %%
from mipyme.dashboards.finance_statements import StatementsDashboard

tablero = StatementsDashboard()
tablero.widget()

# %% [markdown] lang="es"
# Ahora mueve las botellas del restaurante a **15** y compara con tu predicción (si lees este
# cuaderno sin poder mover los controles, la celda de abajo lo hace por ti). Luego mira la barra
# verde: ¿cambió el efectivo de la operación? ¿Por qué no?

# %% [markdown] lang="en"
# Now move the restaurant's bottles to **15** and compare with your prediction (if you are reading
# this notebook without live controls, the cell below does it for you). Then look at the green
# bar: did the cash from operations change? Why not?

# %%
tablero.update(restaurant=15)
tablero.compare(prediccion)

# %% [markdown] lang="es"
# ## Un año completo: el resumen mes a mes
#
# Un mes no dice mucho. Para ver un año usamos el simulador de tienda en línea (una tienda de
# artesanías mexicanas que vende en su página y en marketplaces). Su mercado tiene azar, así que lo
# fijamos con el número 2026 para que todos veamos los mismos números. Sus libros salen del simulador con cada venta, comisión,
# envío y devolución ya registrados, y `monthly_summary` los resume por mes: ingresos, gastos,
# utilidad y efectivo al cierre de cada mes.

# %% [markdown] lang="en"
# ## A whole year: the month-by-month summary
#
# One month does not say much. To see a year we use the online store simulator (a Mexican crafts
# store selling on its own website and on marketplaces). Its market has chance in it, so we fix it
# with the number 2026 so that we all see the same numbers. Its books come out of the simulator with every sale, fee, shipment and return
# already recorded, and `monthly_summary` sums them up by month: income, expenses, profit and cash
# at each month's end.

# %%
from mipyme.finance import monthly_summary
from mipyme.store import simulate

tienda = simulate(days=365, seed=2026, start="2026-01-01")
resumen = monthly_summary(tienda.journal)
por_mes = [text(f"ledger.col.{c}") for c in ("income", "expenses", "net_income", "cash_end")]
show(resumen, "nb.ch13.monthly_caption", money=por_mes)

# %%
from mipyme.finance.charts import OKABE_ITO

meses = resumen.set_index(resumen.columns[0]).astype(float)  # números decimales solo para dibujar
ejes = meses.iloc[:, :3].plot.bar(
    color=[OKABE_ITO["green"], OKABE_ITO["vermillion"], OKABE_ITO["blue"]],
    title=text("nb.ch13.monthly_title"), ylabel=text("nb.ch13.pesos"), rot=45)
ejes.set_ylim(0, meses.iloc[:, :3].to_numpy().max() * 1.3)  # lugar para la leyenda / room
ejes.legend(ncols=3, frameon=False, loc="upper left")
ejes.yaxis.set_major_formatter("{x:,.0f}")  # miles con coma / thousands with a comma

# %% [markdown] lang="es"
# **Cómo leerla.** Busca los meses más altos y los más bajos: ¿coinciden con el calendario
# comercial (Día de las Madres, Hot Sale, Buen Fin, diciembre)? Compara la barra de utilidad con
# la columna *efectivo al cierre* de la tabla: el efectivo crece, pero no al mismo ritmo que la
# utilidad, porque parte del dinero está en camino (las plataformas pagan días después) o se fue a
# comprar inventario.
#
# Ojo: el simulador no incluye renta ni sueldos; en un negocio real esos gastos fijos salen cada
# mes, haya ventas o no.

# %% [markdown] lang="en"
# **How to read it.** Look for the highest and the lowest months: do they match the retail
# calendar (Mother's Day, Hot Sale, Buen Fin, December)? Compare the profit bars with the *cash at
# end* column of the table: cash grows, but not at the same pace as profit, because part of the
# money is on its way (platforms pay out days later) or went into buying stock.
#
# Careful: the simulator has no rent and no salaries; in a real business those fixed costs go out
# every month, sales or no sales.

# %% [markdown] lang="es"
# ## El cierre del año
#
# Al terminar el año, las cuentas de ingresos y gastos se **regresan a cero** y su saldo (la
# utilidad del año) pasa a **Resultados acumulados**, dentro del capital. Así el año siguiente
# empieza a contar su propia utilidad desde cero. `close_year` hace la póliza de cierre, **cierra
# el periodo** y regresa la utilidad del año.
#
# En el balance ya no aparece "Resultado del ejercicio": la utilidad quedó guardada en
# Resultados acumulados.

# %% [markdown] lang="en"
# ## Closing the year
#
# At the end of the year, the income and expense accounts go **back to zero** and their balance
# (the year's profit) moves to **Retained earnings**, inside equity. That way next year starts
# counting its own profit from zero. `close_year` makes the closing entry, **closes the period**
# and returns the year's profit.
#
# The balance sheet no longer shows "Result of the period": the profit is now kept in Retained
# earnings.

# %%
from mipyme.finance import close_year

utilidad_del_anio = close_year(tienda.journal, through="2026-12-31")
print(utilidad_del_anio.format())
show(balance_sheet(tienda.journal, on="2026-12-31"), "nb.ch13.closed_caption", money=importe)

# %% [markdown] lang="es"
# ### Un periodo cerrado no se toca
#
# En enero aparece un recibo de luz de diciembre que nadie anotó. Si lo agregamos con fecha de
# diciembre, `validate()` lo marca: ese año ya se cerró. La corrección se registra en el periodo
# abierto (enero), con una nota que diga de qué mes era.

# %% [markdown] lang="en"
# ### A closed period is not edited
#
# In January an electricity bill from December turns up that nobody recorded. If we add it dated
# in December, `validate()` flags it: that year is already closed. The correction goes into the
# open period (January), with a note saying which month it belonged to.

# %%
tienda.journal.add(Transaction("2026-12-20", "Recibo de luz que se nos olvidó",
                               (debit("Servicios", 650), credit("Bancos", 650))))
for hallazgo in tienda.journal.validate():
    print("•", hallazgo.message)

# %% [markdown] lang="es"
# ## Regla práctica: mira la utilidad **y** el efectivo, y págate un sueldo fijo
#
# - La **utilidad** te dice si el negocio gana; el **efectivo** te dice si puedes pagar la semana
#   que entra. Revisa los dos cada mes.
# - Lo que te llevas a la casa es un **retiro**, no un gasto. Mejor aún: págate un **sueldo fijo**
#   que el negocio aguante incluso en su peor mes. Esa regla sencilla ayudó más a
#   microempresarios que un curso completo de contabilidad (Drexler, Fischer y Schoar, 2014).

# %% [markdown] lang="en"
# ## Rule of thumb: watch profit **and** cash, and pay yourself a fixed salary
#
# - **Profit** tells you whether the business makes money; **cash** tells you whether you can pay
#   next week. Check both every month.
# - What you take home is a **drawing**, not an expense. Better still: pay yourself a **fixed
#   salary** the business can afford even in its worst month. That simple rule helped
#   micro-entrepreneurs more than a full accounting course (Drexler, Fischer and Schoar, 2014).

# %% [markdown] lang="es"
# ## Tu turno
#
# 1. En abril el restaurante le paga a Rosa los 8,004 pesos y ella le paga al palenque los
#    10,672. Agrega esas dos pólizas a `libro` y vuelve a correr `income_statement` y `cash_flow`
#    para abril. ¿Cambió la utilidad? ¿Cambió el efectivo? ¿Por qué?
# 2. Rosa quiere comprar una segunda etiquetadora de 10,000 pesos con su utilidad de marzo.
#    Con el balance y el flujo de efectivo, ¿le alcanza? ¿Qué le recomendarías?
# 3. Enseña: prepara una explicación de 5 minutos de "la utilidad no es efectivo" para un grupo de
#    productores, usando la cascada y un ejemplo de su propio negocio.

# %% [markdown] lang="en"
# ## Your turn
#
# 1. In April the restaurant pays Rosa the 8,004 pesos and she pays the distillery the 10,672.
#    Add those two entries to `libro` and run `income_statement` and `cash_flow` again for April.
#    Did the profit change? Did the cash? Why?
# 2. Rosa wants to buy a second 10,000-peso labelling machine with her March profit. Using the
#    balance sheet and the cash-flow statement, can she afford it? What would you advise her?
# 3. Teach it: prepare a 5-minute explanation of "profit is not cash" for a group of producers,
#    using the waterfall and an example from their own business.
