# %% [markdown]
# # 12 · Llevar registros: el libro diario / Record keeping: the journal
#
# Elige el idioma en la primera celda de código. · Choose the language in the first code cell.

# %%
from mipyme.notebook import say, setup, show

LANG = setup("es")  # "es" (español) o/or "en" (English)
say("notebook.language_set")

# %%
say("nb.ch12.intro")

# %%
from mipyme.finance import Journal, Transaction, credit, debit

libro = Journal([
    Transaction("2026-01-02", "Capital inicial", (debit("Bancos", 10000), credit("Capital", 10000))),
    Transaction("2026-01-03", "Compra de barro y esmalte",
                (debit("Inventario", 2000), debit("IVA acreditable", 320), credit("Bancos", 2320))),
    Transaction("2026-01-15", "Venta de 6 platos con tarjeta",
                (debit("Pagos por liquidar", 3480), credit("Ventas", 3000),
                 credit("IVA trasladado", 480))),
    Transaction("2026-01-15", "Costo de los 6 platos",
                (debit("Costo de ventas", 1200), credit("Inventario", 1200))),
    Transaction("2026-01-17", "La pasarela deposita la venta",
                (debit("Bancos", 3360), debit("Comisiones de cobro", 120),
                 credit("Pagos por liquidar", 3480))),
])
show(libro.table(), "nb.ch12.journal_caption")

# %%
say("nb.ch12.debit_credit")

# %%
say("nb.ch12.validate_intro")

# %%
con_error = Journal([
    Transaction("2026-01-20", "Venta sin IVA (error)",
                (debit("Bancos", 1160), credit("Ventas", 1000))),
    Transaction("2026-01-21", "Pago de envíos", (debit("Envíos", 150), credit("Bancso", 150))),
])
for hallazgo in con_error.validate():
    print(hallazgo)

# %%
say("nb.ch12.ledger_intro")

# %%
from mipyme.finance import general_ledger, trial_balance

show(general_ledger(libro, "Bancos"), "nb.ch12.ledger_caption")
show(trial_balance(libro), "nb.ch12.trial_caption")

# %%
say("nb.ch12.rule_of_thumb")

# %%
say("nb.ch12.your_turn")
