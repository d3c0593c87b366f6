# %% [markdown]
# # 01 · Fundamentos del negocio digital para mipymes / Foundations of digital business for micro-businesses
#
# Elige el idioma en la primera celda de código. · Choose the language in the first code cell.

# %%
from mipyme.notebook import say, setup, show

LANG = setup("es")  # "es" (español) o/or "en" (English)
say("notebook.language_set")

# %%
say("nb.ch01.intro")

# %%
say("nb.ch01.catalog_intro")

# %%
from mipyme.store import example_catalog

catalogo = example_catalog()
show(catalogo.to_frame(), "nb.ch01.catalog_caption")

# %%
say("nb.ch01.simulate_intro")

# %%
from mipyme.store import show as tabla
from mipyme.store import simulate

tienda = simulate(365, seed=2026)
show(tabla(tienda.daily.head(7)), "nb.ch01.daily_caption")

# %%
say("nb.ch01.daily_explained")

# %%
import pandas as pd

resumen = tienda.summary()
show(tabla(pd.DataFrame([resumen])).T, "nb.ch01.summary_caption")

# %%
say("nb.ch01.calendar_intro")

# %%
import matplotlib.pyplot as plt

from mipyme.finance.charts import OKABE_ITO
from mipyme.notebook import text
from mipyme.store import season

diario = tienda.daily.set_index("date")
ventas_mes = diario["sales_cents"].resample("ME").sum() / 100  # pesos, solo para graficar
temporada = season(diario.index).groupby(diario.index.month)["demand_multiplier"].mean()
colores = [OKABE_ITO["orange"] if m >= 1.2 else OKABE_ITO["blue"] for m in temporada]

fig, ax = plt.subplots()
ax.bar(ventas_mes.index.strftime("%m"), ventas_mes.values, color=colores)
ax.set_title(text("nb.ch01.chart_title"))
ax.set_xlabel(text("nb.ch01.chart_month"))
ax.set_ylabel(text("nb.ch01.chart_pesos"))
ax.yaxis.set_major_formatter("{x:,.0f}")
linea = ax.twinx()
linea.plot(ventas_mes.index.strftime("%m"), temporada.values, color="#444", marker="o")
linea.set_ylabel(text("nb.ch01.chart_multiplier"))
plt.show()

# %%
from mipyme.store import calendar

nombre = calendar().set_index("event").loc["buen_fin", f"name_{LANG}"]
en_buen_fin = season(diario.index, lang=LANG)["event"].to_numpy() == nombre
parte = diario["sales_cents"][en_buen_fin].sum() / diario["sales_cents"].sum()
say("nb.ch01.buen_fin", share=f"{parte:.1%}", lost=diario["lost_stockout"][en_buen_fin].sum())

# %%
say("nb.ch01.rule_of_thumb")

# %%
say("nb.ch01.your_turn")
