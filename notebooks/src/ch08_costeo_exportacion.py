# %% [markdown]
# # 08 · Costeo de exportación / Export costing
#
# Elige el idioma en la primera celda de código. · Choose the language in the first code cell.

# %%
from mipyme.notebook import say, setup, show

LANG = setup("es")  # "es" (español) o/or "en" (English)
say("notebook.language_set")

# %%
say("nb.ch08.intro")

# %%
from mipyme.datasets import load_catalog
from mipyme.export import Product, Shipment

bolsa = load_catalog("cafe").set_index("sku").loc["CAF-GR-500"]
nombre = bolsa["name_es" if LANG == "es" else "name_en"]
cafe = Product(nombre, "coffee", unit_cost=bolsa["unit_cost"], weight_kg=bolsa["weight_kg"],
               dimensions_cm=(bolsa["length_cm"], bolsa["width_cm"], bolsa["height_cm"]))
embarque = Shipment(cafe, units=400, mode="sea", origin="Coatepec", origin_port="Veracruz")
say("nb.ch08.shipment", units=embarque.units, name=cafe.name, cost=cafe.unit_cost,
    kg=f"{embarque.weight_kg:,.0f}")

# %%
say("nb.ch08.buildup_intro")

# %%
from mipyme.export import quote

cif = quote(embarque, "CIF", "US", currency="USD", on="2026-01-21")
show(cif.table(), "nb.ch08.cif_caption")
say("nb.ch08.cif_total", rule=cif.rule, place=cif.place, price=cif.price.format(),
    per_unit=cif.price_per_unit.format())

# %%
say("nb.ch08.insurance")

# %%
from mipyme.notebook import text

seguro = cif.lines[cif.lines["line"] == "insurance"]
print(text("nb.ch08.insurance_line"), seguro["basis"].iloc[0])

# %%
say("nb.ch08.ladder_intro")

# %%
from mipyme.export import price_ladder

escalera = price_ladder(embarque, "US", currency="USD", on="2026-01-21",
                        rules=("EXW", "FCA", "FOB", "CFR", "CIF", "DAP", "DDP"))
show(escalera.rename(columns={c: text(f"nb.ch08.col_{c}") for c in escalera.columns}),
     "nb.ch08.ladder_caption")

# %%
from IPython.display import display

from mipyme.export import ladder_chart

grafica = ladder_chart(embarque, "US", currency="USD", on="2026-01-21", lang=LANG)
print(grafica.alt_text)
display(grafica)

# %%
say("nb.ch08.ladder_reading")

# %%
say("nb.ch08.proforma_intro")

# %%
from IPython.display import HTML

fob = quote(embarque, "FOB", "US", currency="USD", on="2026-01-21")
HTML(fob.to_html(LANG))

# %%
say("nb.ch08.dashboard_intro")

# %%
from mipyme.dashboards.export import QuoteBuilderDashboard

cotizador = QuoteBuilderDashboard(on="2026-01-21", product="coffee", units=400)
cotizador.widget()

# %%
say("nb.ch08.key_points")

# %%
say("nb.ch08.your_turn")
