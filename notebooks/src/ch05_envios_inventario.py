# %% [markdown]
# # 05 · Envíos e inventario / Shipping and inventory
#
# Elige el idioma en la primera celda de código. · Choose the language in the first code cell.

# %%
from mipyme.notebook import say, setup, show

LANG = setup("es")  # "es" (español) o/or "en" (English)
say("notebook.language_set")

# %%
say("nb.ch05.intro")

# %%
from mipyme.store import chargeable_weight

print(chargeable_weight(0.6, 25, 20, 20))  # alebrije: 0.6 kg reales, caja de 25 x 20 x 20 cm

# %%
say("nb.ch05.weight_explained")

# %%
import pandas as pd

from mipyme.notebook import text
from mipyme.store import example_catalog, shipping_cost

catalogo = example_catalog()
envios = pd.DataFrame({
    text("store.col.product"): [p.name for p in catalogo],
    text("store.col.weight_kg"): [p.weight_kg for p in catalogo],
    text("store.col.volumetric_kg"): [round(p.volumetric_kg, 2) for p in catalogo],
    text("nb.ch05.chargeable"): [chargeable_weight(p.weight_kg, p.length_cm, p.width_cm,
                                                   p.height_cm) for p in catalogo],
    "Estafeta ($)": [shipping_cost("estafeta", p.weight_kg, p.length_cm, p.width_cm,
                                   p.height_cm) for p in catalogo],
    "Mercado Envíos ($)": [shipping_cost("mercado_libre", p.weight_kg, p.length_cm, p.width_cm,
                                         p.height_cm) for p in catalogo],
})
show(envios, "nb.ch05.shipping_caption")

# %%
say("nb.ch05.free_shipping")

# %%
say("nb.ch05.stock_intro")

# %%
from dataclasses import replace

from mipyme.store import Catalog, simulate
from mipyme.store import show as tabla

resultados = {}
for veces in (0.5, 1, 2):
    otro = Catalog(tuple(replace(p, reorder_point=int(p.reorder_point * veces))
                         for p in catalogo))
    resultados[f"{veces:g} x"] = simulate(365, seed=2026, catalog=otro).summary()
columnas = ["lost_stockout", "profit_cents", "cash_cents"]
show(tabla(pd.DataFrame(resultados).T[columnas]), "nb.ch05.reorder_caption")

# %%
import matplotlib.pyplot as plt

from mipyme.finance.charts import OKABE_ITO

tienda = simulate(365, seed=2026)
rebozo = catalogo.products[catalogo.skus.index("REBOZO")]
fig, ax = plt.subplots()
ax.plot(tienda.stock_history()["REBOZO"], color=OKABE_ITO["blue"], label=text("nb.ch05.on_hand"))
ax.axhline(rebozo.reorder_point, color=OKABE_ITO["vermillion"], linestyle="--",
           label=text("nb.ch05.reorder_point"))
ax.set_title(text("nb.ch05.stock_title"))
ax.set_ylabel(text("nb.ch05.units"))
ax.legend(fontsize=8, frameon=False)
plt.show()

# %%
say("nb.ch05.stock_explained", point=rebozo.reorder_point, qty=rebozo.reorder_qty,
    lead=rebozo.lead_time_days)

# %%
say("nb.ch05.game_intro")

# %%
from mipyme.dashboards.game import GameBoard

demo = GameBoard(["Águilas", "Jaguares"], seed=2026, weeks=3)
demo.decide("Águilas", price_pct=95, ad_mercado_libre=800, reorder=30)
demo.decide("Jaguares", price_pct=115, ad_web=400)
for _ in range(3):
    marcador = demo.next_week()
show(marcador, "nb.ch05.scoreboard_caption")
demo.render()

# %%
say("nb.ch05.game_class")

# %%
clase = GameBoard(["Águilas", "Jaguares", "Colibríes"], seed=2026, weeks=8)
clase.widget()

# %%
say("nb.ch05.rule_of_thumb")

# %%
say("nb.ch05.your_turn")
