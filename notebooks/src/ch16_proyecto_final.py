# %% [markdown]
# # 16 · Proyecto final: un año de un negocio / Capstone: a year of a business
#
# Elige el idioma en la primera celda de código. · Choose the language in the first code cell.

# %%
from mipyme.notebook import say, setup, show

LANG = setup("es")  # "es" (español) o/or "en" (English)
say("notebook.language_set")

# %%
say("nb.ch16.intro")

# %%
say("nb.ch16.step1")

# %%
from IPython.display import display

from mipyme.store import simulate


# Tus decisiones / Your decisions
SEMILLA = 2026  # cada equipo puede usar otra / each team may use another one
PUBLICIDAD = {"web": 300, "mercado_libre": 500}  # pesos por semana, con IVA / per week, IVA incl.
RENTA = 4000  # renta mensual del taller, sin IVA / monthly workshop rent, before IVA
SUELDO = 12000  # sueldo fijo de Lupita / Lupita's fixed salary

tienda = simulate(days=365, seed=SEMILLA, start="2026-01-01", ad_budget=PUBLICIDAD)
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

# %%
say("nb.ch16.step2")

# %%
from mipyme.finance import balance_sheet, cash_flow, income_statement

resultados = income_statement(libro, start="2026-01-01", end="2026-12-31")
balance = balance_sheet(libro, on="2026-12-31")
flujo = cash_flow(libro, start="2026-01-01", end="2026-12-31")
show(resultados, "nb.ch16.income_caption")
show(balance, "nb.ch16.balance_caption")
show(flujo, "nb.ch16.cash_caption")

# %%
import pandas as pd

from mipyme.finance import monthly_summary
from mipyme.finance.charts import cash_balance_chart
from mipyme.notebook import text

resumen = monthly_summary(libro)
show(resumen, "nb.ch16.monthly_caption")
meses = pd.to_datetime(resumen.iloc[:, 0]) + pd.offsets.MonthEnd(0)
caja = pd.Series(resumen.iloc[:, 4].to_list(), index=meses)
grafica = cash_balance_chart(caja, title=text("nb.ch16.cash_chart_title"))
print(grafica.alt_text)
display(grafica)

# %%
say("nb.ch16.step2_read")

# %%
say("nb.ch16.step3")

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
show(impuestos, "nb.ch16.tax_caption")

# %%
say("nb.ch16.step3_read")

# %%
say("nb.ch16.step4")

# %%
from mipyme.finance.loans import LoanOffer, compare_loans, translate_loan_columns

banco = LoanOffer("banco", "60000", "0.28", 12, opening_fee="1200")
fintech = LoanOffer("fintech", "60000", "0.55", 6, iva_on_interest=True)
show(translate_loan_columns(compare_loans(banco, fintech, start="2026-10-01")),
     "nb.ch16.loan_caption")

# %%
say("nb.ch16.step4_read")

# %%
say("nb.ch16.step5")

# %%
from mipyme.money import Money

tres_numeros = pd.DataFrame({
    text("nb.ch16.col_number"): [text("nb.ch16.n_revenue"), text("nb.ch16.n_profit"),
                                 text("nb.ch16.n_cash")],
    text("nb.ch16.col_amount"): [Money(resultados.attrs["revenue"]).format(),
                                 Money(resultados.attrs["net_income"]).format(),
                                 Money(flujo.attrs["cash_end"]).format()],
})
show(tres_numeros, "nb.ch16.three_caption")

# %%
say("nb.ch16.feedback")

# %%
say("nb.ch16.your_turn")
