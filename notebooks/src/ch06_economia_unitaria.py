# %% [markdown]
# # 06 · Economía unitaria y precios / Unit economics and pricing
#
# Elige el idioma en la primera celda de código. · Choose the language in the first code cell.

# %%
from mipyme.notebook import say, setup, show

LANG = setup("es")  # "es" (español) o/or "en" (English)
say("notebook.language_set")

# %%
say("nb.ch06.intro")

# %%
from mipyme.datasets import load_catalog
from mipyme.notebook import text

catalogo = load_catalog("talavera").set_index("sku")
plato = catalogo.loc["TAL-PLT-27"]
nombre = "name_es" if LANG == "es" else "name_en"
piezas = catalogo.loc[["TAL-PLT-27", "TAL-PLT-20", "TAL-TZA", "TAL-JAR-30", "TAL-AZU-10"]]
show(piezas[[nombre, "unit_cost", "price", "iva_rate"]].rename(columns={
    nombre: text("nb.ch06.col_piece"), "unit_cost": text("nb.ch06.col_unit_cost"),
    "price": text("nb.ch06.col_price"), "iva_rate": text("nb.ch06.col_iva_rate")}),
    "nb.ch06.catalog_caption")

# %%
say("nb.ch06.margin_intro")

# %%
from mipyme.finance.rules import contribution_margin
from mipyme.finance.taxes import split_iva
from mipyme.money import Money

precio_sin_iva, iva = split_iva(plato["price"])
margen = contribution_margin(precio_sin_iva, plato["unit_cost"])
say("nb.ch06.margin_result", price=Money(plato["price"]).format(),
    net=Money(precio_sin_iva).format(), cost=Money(plato["unit_cost"]).format(),
    margin=Money(margen.per_unit).format(), ratio=f"{margen.ratio * 100:.1f}")

# %%
say("nb.ch06.break_even_intro")

# %%
from mipyme.datasets import load_costs
from mipyme.finance.rules import break_even_units

costos = load_costs("talavera")
diciembre = costos[(costos["month"] == "2025-12-01") & (costos["kind"] == "fixed")]
show(diciembre[[nombre, "amount"]].rename(columns={
    nombre: text("nb.ch06.col_concept"), "amount": text("nb.ch06.col_amount")}),
    "nb.ch06.fixed_caption")
fijos = sum(diciembre["amount"])
platos = break_even_units(fijos, precio_sin_iva, plato["unit_cost"])
say("nb.ch06.break_even_result", fixed=Money(fijos).format(), units=platos,
    margin=Money(margen.per_unit).format())

# %%
say("nb.ch06.optimal_intro")

# %%
import pandas as pd

from mipyme.store import optimal_price

elasticidades = ["-1.5", "-2.0", "-2.6", "-2.62", "-3.5"]
tabla = pd.DataFrame({
    text("nb.ch06.col_elasticity"): elasticidades,
    text("nb.ch06.col_optimal"): [optimal_price(plato["unit_cost"], e) for e in elasticidades],
})
show(tabla, "nb.ch06.optimal_caption")

# %%
say("nb.ch06.optimal_reading")

# %%
from mipyme.errors import InputError

try:
    optimal_price(plato["unit_cost"], "-0.8")
except InputError as error:
    print(error)

# %%
say("nb.ch06.interact_intro")

# %%
from ipywidgets import FloatSlider, interact


def precio_y_equilibrio(costo=180.0, elasticidad=-2.6, costos_fijos=52000.0):
    optimo = optimal_price(f"{costo:.2f}", f"{elasticidad:.2f}")
    unidades = break_even_units(f"{costos_fijos:.2f}", optimo, f"{costo:.2f}")
    say("nb.ch06.interact_result", price=Money(optimo).format(), units=unidades)


estilo = {"description_width": "initial"}
_ = interact(
    precio_y_equilibrio,
    costo=FloatSlider(value=180, min=50, max=600, step=10, style=estilo,
                      description=text("nb.ch06.slider_cost")),
    elasticidad=FloatSlider(value=-2.6, min=-3.5, max=-1.5, step=0.1, style=estilo,
                            description=text("nb.ch06.slider_elasticity")),
    costos_fijos=FloatSlider(value=52000, min=10000, max=100000, step=1000, style=estilo,
                             description=text("nb.ch06.slider_fixed")))

# %%
say("nb.ch06.fees_intro")

# %%
from mipyme.export import Product, Shipment, quote

pieza = Product(plato["name_es"], "talavera", plato["unit_cost"], plato["weight_kg"],
                (plato["length_cm"], plato["width_cm"], plato["height_cm"]))
venta = Shipment(pieza, units=1, mode="courier", overhead_rate="0", margin_rate="0.5")
con_comision = quote(venta, "EXW", "MX", currency="MXN", on="2026-01-21", platform_fee="0.15")
show(con_comision.table(), "nb.ch06.fees_caption")
say("nb.ch06.fees_result", price=con_comision.price.format(),
    fee=Money(con_comision.lines["amount"].iloc[-1]).format())

# %%
say("nb.ch06.percent_trap")

# %%
try:
    quote(venta, "EXW", "MX", currency="MXN", on="2026-01-21", platform_fee=15)
except InputError as error:
    print(error)

# %%
say("nb.ch06.key_points")

# %%
say("nb.ch06.your_turn")
