# %% [markdown] lang="es"
# # 12 · Llevar registros: el libro diario

# %% [markdown] lang="en"
# # 12 · Record keeping: the journal

# %%
from mipyme.notebook import say, setup, show, text

LANG = setup("es")
say("notebook.language_set")

# %% [markdown] lang="es"
# ## Cada peso deja huella
#
# Guadalupe Hernández hace platos de Talavera en Puebla, en su taller Talavera Azul de la Luz, y
# los vende en línea. Para saber si gana dinero, anota **cada movimiento** en su **libro
# diario**: la fecha, qué pasó y en qué cuentas.
#
# Cada registro (una *póliza*) tiene al menos dos movimientos: lo que entra a una cuenta (**debe**,
# cargo) y de dónde sale (**haber**, abono). El total del debe siempre es igual al total del haber.
#
# Abajo está el primer mes de Guadalupe: pone su capital, compra material, vende con tarjeta y
# la pasarela de pago le deposita dos días después, cobrándole una comisión. Ese mes ya viene
# escrito en la biblioteca (`talavera_month()`), así que todos vemos el mismo libro.

# %% [markdown] lang="en"
# ## Every peso leaves a trace
#
# Guadalupe Hernández makes Talavera plates in Puebla, in her workshop Talavera Azul de la Luz,
# and sells them online. To know whether she makes money, she writes down **every movement** in
# her **journal**: the date, what happened and which accounts.
#
# Each entry (a *transaction*) has at least two postings: what goes into an account (**debit**) and
# where it comes from (**credit**). Total debits always equal total credits.
#
# Below is Guadalupe's first month: she puts in her capital, buys materials, sells by card, and
# the payment gateway deposits the money two days later, minus a fee. That month is already
# written in the library (`talavera_month()`), so we all see the same books.

# %%
from mipyme.finance import Journal, Transaction, credit, debit
from mipyme.finance.examples import talavera_month

libro = talavera_month()
debe_haber = [text("ledger.col.debit"), text("ledger.col.credit")]
show(libro.table(), "nb.ch12.journal_caption", money=debe_haber)

# %% [markdown] lang="es"
# **Cómo leerlo.** En la venta del día 15, Guadalupe cobra 3,480 pesos: 3,000 son suyos
# (*Ventas*) y 480 son el IVA que le debe al SAT (*IVA trasladado*, 16%). Todavía no están en el
# banco: la pasarela los tiene (*Pagos por liquidar*). El día 17 llegan al banco **3,360**, porque
# la pasarela se quedó con 120 de comisión.
#
# Esos 120 **ya traen IVA**, y la pasarela le da factura: el IVA de la comisión es *IVA
# acreditable*, como el de sus compras. Por eso la póliza del día 17 separa 103.45 de comisión
# (un gasto) y 16.55 de IVA acreditable. `split_iva` hace esa cuenta (120 ÷ 1.16) sin perder un
# centavo.
#
# Vender no es lo mismo que cobrar: el dinero llega después.

# %% [markdown] lang="en"
# **How to read it.** In the sale on the 15th, Guadalupe charges 3,480 pesos: 3,000 are hers
# (*Sales*) and 480 are the VAT she owes the tax office (*Output VAT*, 16%). The money is not in
# the bank yet: the gateway holds it (*Payments in transit*). On the 17th, **3,360** arrive at the
# bank, because the gateway kept 120 as its fee.
#
# Those 120 **already include IVA**, and the gateway gives her an invoice: the IVA on the fee is
# *Input VAT*, like the IVA on her purchases. That is why the entry of the 17th splits it into
# 103.45 of fee (an expense) and 16.55 of input VAT. `split_iva` does that sum (120 ÷ 1.16)
# without losing a centavo.
#
# Selling is not the same as getting paid: the money arrives later.

# %%
from mipyme.finance import split_iva
from mipyme.finance.examples import GATEWAY_FEE

comision, iva_comision = split_iva(GATEWAY_FEE, on="2026-01-17")
say("nb.ch12.fee_split", gross=f"{GATEWAY_FEE:,.2f}", fee=f"{comision:,.2f}",
    iva=f"{iva_comision:,.2f}")

# %% [markdown] lang="es"
# ## Revisa tus registros antes de seguir
#
# Un error en el diario se arrastra a todos los reportes, así que conviene revisarlo seguido.
# `validate()` lee el libro completo y te dice **todos** los problemas de una vez: pólizas que no
# cuadran, cuentas que no existen, meses ya cerrados y un banco que queda en negativo. Mira lo
# que encuentra en este libro: ¿qué falta en la venta? ¿Qué le pasó al nombre del banco?

# %% [markdown] lang="en"
# ## Check your books before you go on
#
# A mistake in the journal carries into every report, so it pays to check it often. `validate()`
# reads the whole book and tells you **every** problem at once: entries that do not balance,
# accounts that do not exist, months already closed and a bank account going below zero. Look at
# what it finds in these books: what is missing in the sale? What happened to the bank's name?

# %%
con_error = Journal([
    Transaction("2026-01-20", "Venta sin IVA (error)",
                (debit("Bancos", 1160), credit("Ventas", 1000))),
    Transaction("2026-01-21", "Pago de envíos", (debit("Envíos", 150), credit("Bancso", 150))),
])
for hallazgo in con_error.validate():
    print("•", hallazgo.message)

# %% [markdown] lang="es"
# ## Del diario al mayor y a la balanza
#
# El **libro mayor** junta los movimientos de una sola cuenta con su saldo. La **balanza de
# comprobación** muestra el saldo de todas las cuentas: si el debe total no es igual al haber
# total, hay un error en el diario.

# %% [markdown] lang="en"
# ## From the journal to the ledger and the trial balance
#
# The **general ledger** gathers the postings of one account with its running balance. The
# **trial balance** shows every account's balance: if total debits do not equal total credits,
# there is an error in the journal.

# %%
from mipyme.finance import general_ledger, trial_balance

show(general_ledger(libro, "Bancos"), "nb.ch12.ledger_caption",
     money=[*debe_haber, text("ledger.col.balance")])
show(trial_balance(libro), "nb.ch12.trial_caption", money=debe_haber)

# %% [markdown] lang="es"
# ## Tablero: un movimiento más en el libro de Guadalupe
#
# En el tablero eliges un movimiento y su monto sin IVA, y ves la póliza que se escribe (a la
# izquierda: el debe y el haber, cuenta por cuenta) y cómo queda la balanza de comprobación (a
# la derecha). Abajo de la gráfica dice cuánto queda en el banco. Prueba también la *venta
# anotada sin su IVA*: esa póliza no cuadra y el tablero te dice por qué.
#
# **Antes de mover los controles, predice.** Según el libro mayor, Guadalupe tiene 11,040 pesos en
# Bancos. Si compra material por **1,500 pesos más IVA** (16%) y lo paga desde el banco,
# **¿cuánto le queda en Bancos?** Escribe tu predicción en la celda de abajo.

# %% [markdown] lang="en"
# ## Dashboard: one more transaction in Guadalupe's books
#
# In the dashboard you choose a transaction and its amount before VAT (*IVA* in Mexico), and you
# see the entry it writes (left: debits and credits, account by account) and how the trial
# balance looks (right). Under the chart it says how much is left in the bank. Also try the *sale
# written without its IVA*: that entry does not balance, and the dashboard tells you why.
#
# **Before you move the controls, predict.** According to the ledger, Guadalupe has 11,040 pesos in
# the Bank. If she buys materials for **1,500 pesos plus VAT** (16%) and pays from the bank, **how
# much is left in the Bank?** Write your prediction in the cell below.

# %%
prediccion = None  # escribe tu número / write your number

# %%
from mipyme.dashboards.finance_journal import JournalDashboard

tablero = JournalDashboard()
tablero.widget()

# %% [markdown] lang="es"
# Ahora elige «Compra de material, pagada del banco», mueve el monto a **1,500** y compara con
# tu predicción (si lees este cuaderno sin poder mover los controles, la celda de abajo lo hace
# por ti):

# %% [markdown] lang="en"
# Now choose «Materials bought, paid from the bank», move the amount to **1,500** and compare with
# your prediction (if you are reading this notebook without live controls, the cell below does it
# for you):

# %%
tablero.update(transaction="purchase", amount=1500)
tablero.compare(prediccion)

# %% [markdown] lang="es"
# ## Regla práctica: separa el dinero de la casa y del negocio
#
# Un estudio con microempresarios en República Dominicana (Drexler, Fischer y Schoar, 2014) encontró
# que reglas sencillas (**separar el dinero del negocio del de la casa**, pagarse un sueldo fijo,
# anotar todo) mejoraron las prácticas y los ingresos más que un curso completo de contabilidad. Si
# Guadalupe saca dinero del negocio para la casa, lo registra como *Retiros del dueño*, no como
# gasto del negocio.

# %% [markdown] lang="en"
# ## Rule of thumb: keep household and business money apart
#
# A study with micro-entrepreneurs in the Dominican Republic (Drexler, Fischer and Schoar, 2014)
# found that simple rules (**keep business money apart from household money**, pay yourself a
# fixed salary, write everything down) improved practices and revenue more than a full accounting
# course. When Guadalupe takes money from the business for the household, she records it as *Owner's
# drawings*, not as a business expense.

# %% [markdown] lang="es"
# ## Tu turno
#
# 1. Agrega al libro de Guadalupe una compra de cajas de empaque por 300 pesos más IVA, pagada desde
#    el banco. Corre `libro.validate()`: si no encuentra problemas, te da una lista vacía, `[]`.
# 2. Registra que Guadalupe se paga un sueldo fijo de 4,000 pesos. ¿Qué cuentas usas?
# 3. Explícale a una compañera, en dos frases, por qué el banco no recibe lo mismo que vendió
#    Guadalupe.

# %% [markdown] lang="en"
# ## Your turn
#
# 1. Add to Guadalupe's books a purchase of packing boxes for 300 pesos plus VAT, paid from the
#    bank. Run `libro.validate()`: if it finds no problems, it gives you an empty list, `[]`.
# 2. Record that Guadalupe pays herself a fixed salary of 4,000 pesos. Which accounts do you use?
# 3. Explain to a classmate, in two sentences, why the bank does not receive what Guadalupe sold.
