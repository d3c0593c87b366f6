# %% [markdown]
# # 13 · Estados financieros / Financial statements
#
# Elige el idioma en la primera celda de código. · Choose the language in the first code cell.

# %%
from mipyme.notebook import say, setup, show

LANG = setup("es")  # "es" (español) o/or "en" (English)
say("notebook.language_set")

# %%
say("nb.ch13.intro")

# %%
from IPython.display import display

from mipyme.finance import Journal, Transaction, credit, debit

libro = Journal([
    Transaction("2026-03-02", "Don Joel abre la cuenta del negocio",
                (debit("Bancos", 30000), credit("Capital", 30000))),
    Transaction("2026-03-03", "Préstamo de la caja popular",
                (debit("Bancos", 20000), credit("Préstamos", 20000))),
    Transaction("2026-03-04", "Etiquetadora y anaquel",
                (debit("Mobiliario y equipo", 10000), debit("IVA acreditable", 1600),
                 credit("Bancos", 11600))),
    Transaction("2026-03-05", "40 botellas de espadín del palenque, a crédito",
                (debit("Inventario", 9200), debit("IVA acreditable", 1472),
                 credit("Proveedores", 10672))),
    Transaction("2026-03-14", "Feria del mezcal: 12 botellas cobradas",
                (debit("Bancos", "9604.80"), credit("Ventas", 8280),
                 credit("IVA trasladado", "1324.80"))),
    Transaction("2026-03-14", "Costo de las 12 botellas",
                (debit("Costo de ventas", 2760), credit("Inventario", 2760))),
    Transaction("2026-03-20", "Restaurante en Oaxaca: 10 botellas, paga en 30 días",
                (debit("Clientes", 8004), credit("Ventas", 6900),
                 credit("IVA trasladado", 1104))),
    Transaction("2026-03-20", "Costo de las 10 botellas",
                (debit("Costo de ventas", 2300), credit("Inventario", 2300))),
    Transaction("2026-03-21", "Envío al restaurante",
                (debit("Envíos", 500), debit("IVA acreditable", 80), credit("Bancos", 580))),
    Transaction("2026-03-25", "Publicidad en redes",
                (debit("Publicidad", 1000), debit("IVA acreditable", 160),
                 credit("Bancos", 1160))),
    Transaction("2026-03-31", "Renta del cuarto de cata",
                (debit("Renta", 3000), debit("IVA acreditable", 480), credit("Bancos", 3480))),
    Transaction("2026-03-31", "Intereses del préstamo",
                (debit("Intereses", 400), credit("Bancos", 400))),
    Transaction("2026-03-31", "Don Joel lleva dinero a la casa",
                (debit("Retiros del dueño", 6000), credit("Bancos", 6000))),
])
print(libro.validate())
show(libro.table(), "nb.ch13.journal_caption")

# %%
say("nb.ch13.income_intro")

# %%
from mipyme.finance import income_statement

resultados = income_statement(libro, start="2026-03-01", end="2026-03-31")
show(resultados, "nb.ch13.income_caption")

# %%
say("nb.ch13.waterfall_intro")

# %%
from mipyme.finance import account_balance
from mipyme.finance.charts import waterfall_chart
from mipyme.notebook import text

cuentas = ["Ventas", "Costo de ventas", "Envíos", "Publicidad", "Renta", "Intereses"]
pasos = [(libro.chart.get(c).name(), -account_balance(libro, c, on="2026-03-31"))
         for c in cuentas]
cascada = waterfall_chart(pasos, title=text("nb.ch13.waterfall_title"),
                          total_label=text("nb.ch13.waterfall_total"))
print(cascada.alt_text)
display(cascada)

# %%
say("nb.ch13.balance_intro")

# %%
from mipyme.finance import balance_sheet
from mipyme.money import Money

balance = balance_sheet(libro, on="2026-03-31")
show(balance, "nb.ch13.balance_caption")
say("nb.ch13.balance_identity",
    assets=Money(balance.attrs["assets"]).format(),
    liabilities=Money(balance.attrs["liabilities"]).format(),
    equity=Money(balance.attrs["equity"]).format())

# %%
say("nb.ch13.drawings")

# %%
say("nb.ch13.cash_intro")

# %%
from mipyme.finance import cash_flow

flujo = cash_flow(libro, start="2026-03-01", end="2026-03-31")
show(flujo, "nb.ch13.cash_caption")

# %%
say("nb.ch13.profit_not_cash",
    profit=Money(resultados.attrs["net_income"]).format(),
    cash=Money(flujo.attrs["net_change"]).format(),
    receivable=Money(account_balance(libro, "Clientes", on="2026-03-31")).format(),
    payable=Money(-account_balance(libro, "Proveedores", on="2026-03-31")).format())

# %%
say("nb.ch13.year_intro")

# %%
from mipyme.finance import monthly_summary
from mipyme.store import simulate

tienda = simulate(days=365, seed=2026, start="2026-01-01")
resumen = monthly_summary(tienda.journal)
show(resumen, "nb.ch13.monthly_caption")

# %%
from mipyme.finance.charts import OKABE_ITO

meses = resumen.set_index(resumen.columns[0]).astype(float)  # números decimales solo para dibujar
ejes = meses.iloc[:, :3].plot.bar(
    color=[OKABE_ITO["green"], OKABE_ITO["vermillion"], OKABE_ITO["blue"]],
    title=text("nb.ch13.monthly_title"), ylabel=text("nb.ch13.pesos"), rot=45)

# %%
say("nb.ch13.monthly_read")

# %%
say("nb.ch13.close_intro")

# %%
from mipyme.finance import close_year

utilidad_del_anio = close_year(tienda.journal, through="2026-12-31")
print(utilidad_del_anio.format())
show(balance_sheet(tienda.journal, on="2026-12-31"), "nb.ch13.closed_caption")

# %%
say("nb.ch13.late_entry_intro")

# %%
tienda.journal.add(Transaction("2026-12-20", "Recibo de luz que se nos olvidó",
                               (debit("Servicios", 650), credit("Bancos", 650))))
for hallazgo in tienda.journal.validate():
    print(hallazgo)

# %%
say("nb.ch13.rule_of_thumb")

# %%
say("nb.ch13.your_turn")
