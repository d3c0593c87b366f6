# %% [markdown]
# # 15 · IVA, RESICO y factura electrónica / IVA, RESICO and e-invoices
#
# Elige el idioma en la primera celda de código. · Choose the language in the first code cell.

# %%
from mipyme.notebook import say, setup, show

LANG = setup("es")  # "es" (español) o/or "en" (English)
say("notebook.language_set")

# %%
say("nb.ch15.intro")

# %%
import pandas as pd

from mipyme.finance import iva_rate
from mipyme.notebook import text

HOY = "2026-03-01"  # la fecha de las tasas / the date of the rates
tipos = ["general", "export", "food", "medicine"]
tasas = pd.DataFrame({
    text("nb.ch15.col_kind"): [text(f"nb.ch15.kind_{tipo}") for tipo in tipos],
    text("nb.ch15.col_rate"): [iva_rate(tipo, on=HOY) for tipo in tipos],
})
show(tasas, "nb.ch15.rates_caption")

# %%
say("nb.ch15.border")

# %%
from mipyme.errors import InputError

print(iva_rate("border", on="2025-06-30"))
try:
    iva_rate("border", on=HOY)
except InputError as error:
    print(error)

# %%
say("nb.ch15.split_intro")

# %%
from mipyme.finance import add_iva, split_iva

print(split_iva("140.00", on=HOY))  # una taza de barro, precio con IVA
print(add_iva("590.00", kind="food", on=HOY))  # 1 kg de café tostado en México
print(add_iva("590.00", kind="export", on=HOY))  # el mismo café, exportado

# %%
say("nb.ch15.payable_intro")

# %%
from mipyme.finance import iva_payable

diciembre = iva_payable(trasladado="3200.00", acreditable="1150.00")
print(diciembre)

# %%
say("nb.ch15.in_favor_intro")

# %%
from decimal import Decimal

from mipyme.datasets import load_orders

ventas = load_orders("cafe")
marzo = ventas[(ventas["date"].dt.strftime("%Y-%m") == "2025-03") & (ventas["status"] == "sold")]
trasladado = sum(marzo["iva"], Decimal("0"))
marzo_iva = iva_payable(trasladado=trasladado, acreditable="1840.00")
print(marzo_iva)

# %%
say("nb.ch15.resico_intro")

# %%
from mipyme.finance.taxes import resico_brackets

tabla = resico_brackets(on=HOY)
tabla.columns = [text("nb.ch15.col_up_to"), text("nb.ch15.col_rate")]
show(tabla, "nb.ch15.brackets_caption")

# %%
say("nb.ch15.resico_months_intro")

# %%
from mipyme.finance import resico_monthly_isr
from mipyme.finance.taxes import resico_annual_check, resico_rate

vendidas = ventas[(ventas["status"] == "sold") & (ventas["date"].dt.year == 2025)]
ingreso_mes = (vendidas.assign(neto=vendidas["total"] - vendidas["iva"])
               .groupby(vendidas["date"].dt.strftime("%Y-%m"))["neto"].sum())
isr = pd.DataFrame({
    text("nb.ch15.col_month"): ingreso_mes.index,
    text("nb.ch15.col_income"): ingreso_mes.to_list(),
    text("nb.ch15.col_rate"): [resico_rate(i, on=HOY) for i in ingreso_mes],
    text("nb.ch15.col_isr"): [resico_monthly_isr(i, on=HOY) for i in ingreso_mes],
})
show(isr, "nb.ch15.isr_caption")
print(resico_annual_check(ingreso_mes, on=HOY))

# %%
say("nb.ch15.resico_read")

# %%
say("nb.ch15.marketplace_intro")

# %%
from mipyme.finance import marketplace_withholding

con_rfc = marketplace_withholding("1000.00", has_rfc=True, on=HOY).to_frame()
sin_rfc = marketplace_withholding("1000.00", has_rfc=False, on=HOY).to_frame()
retenciones = con_rfc.rename(columns={con_rfc.columns[1]: text("nb.ch15.with_rfc")})
retenciones[text("nb.ch15.without_rfc")] = sin_rfc.iloc[:, 1]
show(retenciones, "nb.ch15.marketplace_caption")

# %%
say("nb.ch15.marketplace_read")

# %%
say("nb.ch15.cfdi")

# %%
say("nb.ch15.interact_intro")

# %%
from ipywidgets import IntSlider, interact

from mipyme.money import Money


def isr_del_mes(ingreso):
    """El ISR de RESICO de un mes con este ingreso (sin IVA)."""
    tasa = resico_rate(ingreso, on=HOY)
    print(text("nb.ch15.resico_line", income=Money(ingreso).format(), rate=f"{tasa:.2%}",
               isr=Money(resico_monthly_isr(ingreso, on=HOY)).format()))


control = interact(isr_del_mes, ingreso=IntSlider(
    value=25000, min=0, max=250000, step=500, continuous_update=False,
    description=text("nb.ch15.slider_income"), style={"description_width": "initial"}))

# %%
say("nb.ch15.rule_of_thumb")

# %%
say("nb.ch15.your_turn")
