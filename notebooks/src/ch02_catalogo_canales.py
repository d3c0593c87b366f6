# %% [markdown]
# # 02 · Catálogo y canales de venta / Catalog and sales channels
#
# Elige el idioma en la primera celda de código. · Choose the language in the first code cell.

# %%
from mipyme.notebook import say, setup, show

LANG = setup("es")  # "es" (español) o/or "en" (English)
say("notebook.language_set")

# %%
say("nb.ch02.intro")

# %%
from mipyme.notebook import text
from mipyme.store import channels

columnas = ["commission_rate", "fixed_fee", "payout_days", "withholding",
            "free_shipping_from", "shipping_table", "source", "as_of"]
canales = channels().set_index(f"name_{LANG}")[columnas]
show(canales.rename(columns=lambda c: text(f"nb.ch02.col.{c}")), "nb.ch02.channels_caption")

# %%
say("nb.ch02.channels_explained")

# %%
from mipyme.store import categories

columnas = ["conversion", "elasticity", "return_rate", "units_per_order", "source", "as_of"]
categorias = categories().set_index(f"name_{LANG}")[columnas]
show(categorias.rename(columns=lambda c: text(f"nb.ch02.col.{c}")), "nb.ch02.categories_caption")

# %%
say("nb.ch02.margin_intro")

# %%
from mipyme.store import show as tabla
from mipyme.store import simulate

pedidos = simulate(365, seed=2026).orders
rebozos = pedidos[(pedidos["sku"] == "REBOZO") & (pedidos["status"] == "sold")
                  & (pedidos["units"] == 1) & ~pedidos["returned"]
                  & pedidos["payment"].isin(["card", "marketplace"])]
uno_por_canal = rebozos.groupby("channel", observed=True).head(1).set_index("channel")
uno_por_canal = uno_por_canal.reindex(channels().index).rename(index=channels()[f"name_{LANG}"])
partes = ["gross_cents", "iva_cents", "isr_withheld_cents", "iva_withheld_cents",
          "commission_cents", "payment_fee_cents", "fees_iva_cents", "shipping_cents",
          "cogs_cents", "contribution_cents"]
show(tabla(uno_por_canal[partes]).T, "nb.ch02.margin_caption")

# %%
say("nb.ch02.margin_explained")

# %%
import matplotlib.pyplot as plt

from mipyme.finance.charts import OKABE_ITO

margen = uno_por_canal["contribution_cents"] / 100  # pesos, solo para graficar
fig, ax = plt.subplots()
ax.barh(margen.index, margen.values, color=OKABE_ITO["green"])
ax.invert_yaxis()
ax.set_title(text("nb.ch02.chart_title"))
ax.set_xlabel(text("nb.ch02.chart_pesos"))
plt.show()

# %%
say("nb.ch02.rule_of_thumb")

# %%
say("nb.ch02.your_turn")
