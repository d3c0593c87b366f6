# %% [markdown]
# # 04 · Pagos y el momento del efectivo / Payments and cash timing
#
# Elige el idioma en la primera celda de código. · Choose the language in the first code cell.

# %%
from mipyme.notebook import say, setup, show

LANG = setup("es")  # "es" (español) o/or "en" (English)
say("notebook.language_set")

# %%
say("nb.ch04.intro")

# %%
from mipyme.notebook import text
from mipyme.store import payments

columnas = ["fee_rate", "fixed_fee", "settlement_days", "web_share", "pay_rate", "voucher_days",
            "source", "as_of"]
metodos = payments().set_index(f"name_{LANG}")[columnas]
show(metodos.rename(columns=lambda c: text(f"nb.ch04.col.{c}")), "nb.ch04.methods_caption")

# %%
say("nb.ch04.methods_explained")

# %%
import pandas as pd

from mipyme.store import show as tabla
from mipyme.store import simulate

tienda = simulate(365, seed=2026)
propia = tabla(tienda.orders[tienda.orders["channel"] == "web"])
show(pd.crosstab(propia[text("store.col.payment")], propia[text("store.col.status")]),
     "nb.ch04.status_caption")

# %%
from mipyme.dashboards.store import pesos
from mipyme.money import Money

vencidas = tienda.orders[tienda.orders["status"] == "voucher_expired"]
perdido = (vencidas["unit_price_cents"] * vencidas["units"]).sum()
say("nb.ch04.oxxo", count=len(vencidas), lost=Money(pesos(perdido)))

# %%
say("nb.ch04.gap_intro")

# %%
import matplotlib.pyplot as plt

from mipyme.finance.charts import OKABE_ITO

diario = tienda.daily.set_index("date")
cobrado = diario["gross_cents"].cumsum() / 100  # pesos, solo para graficar
depositado = pd.Series(tienda.cash_arrays()["settlements"], index=diario.index).cumsum() / 100

fig, (izq, der) = plt.subplots(1, 2, figsize=(9, 3.6))
izq.plot(cobrado[:45], color=OKABE_ITO["blue"], label=text("nb.ch04.sold"))
izq.plot(depositado[:45], color=OKABE_ITO["orange"], linestyle="--",
         label=text("nb.ch04.deposited"))
izq.set_title(text("nb.ch04.first_weeks"), fontsize=10)
izq.legend(fontsize=8, frameon=False)
der.fill_between(diario.index, diario["in_transit_cents"] / 100, color=OKABE_ITO["vermillion"],
                 alpha=0.5)
der.set_title(text("nb.ch04.in_transit"), fontsize=10)
for ax in (izq, der):
    ax.set_ylabel(text("nb.ch04.pesos"))
    ax.yaxis.set_major_formatter("{x:,.0f}")
    ax.tick_params(axis="x", labelrotation=45, labelsize=7)
fig.tight_layout()
plt.show()

# %%
pico = diario["in_transit_cents"].idxmax()
say("nb.ch04.gap_explained", day=pico.strftime("%d/%m"),
    amount=Money(pesos(diario.loc[pico, "in_transit_cents"])))

# %%
say("nb.ch04.rule_of_thumb")

# %%
say("nb.ch04.your_turn")
