# %% [markdown]
# # 07 · Incoterms 2020 / Incoterms 2020
#
# Elige el idioma en la primera celda de código. · Choose the language in the first code cell.

# %%
from mipyme.notebook import say, setup, show

LANG = setup("es")  # "es" (español) o/or "en" (English)
say("notebook.language_set")

# %%
say("nb.ch07.intro")

# %%
from mipyme.export import RULES, who_pays

show(who_pays(RULES), "nb.ch07.table_caption")

# %%
say("nb.ch07.chart_intro")

# %%
import matplotlib.pyplot as plt
from matplotlib.patches import Patch

from mipyme.export import LINES, payer
from mipyme.finance.charts import OKABE_ITO
from mipyme.i18n import t

vendedor = [[payer(regla, linea) == "seller" for regla in RULES] for linea in LINES]
colores = [[OKABE_ITO["blue"] if x else OKABE_ITO["orange"] for x in fila] for fila in vendedor]
fig, ax = plt.subplots(figsize=(8, 6))
for y, fila in enumerate(colores):
    for x, color in enumerate(fila):
        ax.add_patch(plt.Rectangle((x, y), 0.95, 0.9, color=color))
ax.set_xlim(0, len(RULES))
ax.set_ylim(len(LINES), 0)
ax.set_xticks([i + 0.47 for i in range(len(RULES))], RULES)
ax.set_yticks([i + 0.45 for i in range(len(LINES))], [t(f"export.line.{x}") for x in LINES],
              fontsize=8)
ax.xaxis.tick_top()
ax.legend(handles=[Patch(color=OKABE_ITO["blue"], label=t("export.payer.seller")),
                   Patch(color=OKABE_ITO["orange"], label=t("export.payer.buyer"))],
          loc="lower left", bbox_to_anchor=(0, -0.12), ncol=2, frameon=False)
ax.set_title(t("nb.ch07.chart_title"), pad=24)
plt.show()

# %%
say("nb.ch07.chart_reading")

# %%
say("nb.ch07.risk_intro")

# %%
riesgo = who_pays(RULES).iloc[-2:].T
riesgo.columns.name = None
show(riesgo, "nb.ch07.risk_caption")

# %%
say("nb.ch07.sea_only_intro")

# %%
from mipyme.errors import InputError
from mipyme.export import Product, Shipment, quote

miel = Product("Miel de tajonal 350 g", "honey", unit_cost="95", weight_kg="0.5",
               dimensions_cm=("9", "9", "13"))
por_avion = Shipment(miel, units=240, mode="air", origin="Mérida")
try:
    quote(por_avion, "FOB", "CA", currency="CAD", on="2026-01-21")
except InputError as error:
    print(error)

# %%
fca = quote(por_avion, "FCA", "CA", currency="CAD", on="2026-01-21")
say("nb.ch07.fca_result", rule=fca.rule, place=fca.place, price=fca.price.format(),
    landed=fca.landed.format())
show(fca.table(landed=True), "nb.ch07.fca_caption")

# %%
say("nb.ch07.interact_intro")

# %%
from ipywidgets import Dropdown, interact

from mipyme.notebook import text


def quien_paga(regla="FOB"):
    show(who_pays([regla]))


_ = interact(quien_paga, regla=Dropdown(options=RULES, value="FOB",
                                        description=text("nb.ch07.dropdown")))

# %%
say("nb.ch07.key_points")

# %%
say("nb.ch07.your_turn")
