# %% [markdown]
# # 11 · Riesgo cambiario / Exchange-rate risk
#
# Elige el idioma en la primera celda de código. · Choose the language in the first code cell.

# %%
from mipyme.notebook import say, setup, show

LANG = setup("es")  # "es" (español) o/or "en" (English)
say("notebook.language_set")

# %%
say("nb.ch11.intro")

# %%
import matplotlib.pyplot as plt

from mipyme.datasets import load_fx
from mipyme.finance.charts import OKABE_ITO
from mipyme.i18n import t

fx = load_fx()
reales = fx[fx["anchor"]]
fig, ax = plt.subplots(figsize=(8, 3.8))
ax.plot(fx["date"], [float(x) for x in fx["mxn_per_usd"]], color=OKABE_ITO["sky_blue"],
        linewidth=1, label=t("nb.ch11.chart_simulated"))
ax.plot(reales["date"], [float(x) for x in reales["mxn_per_usd"]], "o",
        color=OKABE_ITO["vermillion"], label=t("nb.ch11.chart_real"))
ultimo = len(reales) - 1
for i, (fecha, valor) in enumerate(zip(reales["date"], reales["mxn_per_usd"], strict=True)):
    ax.annotate(f"{fecha:%Y-%m-%d}\n{valor}", (fecha, float(valor)), textcoords="offset points",
                xytext=(0, -28) if i == ultimo else (0, 8), ha="center", fontsize=7,
                bbox={"boxstyle": "round", "facecolor": "white", "edgecolor": "none",
                      "alpha": 0.7})
ax.set_ylim(15, 22)
ax.set_ylabel(t("nb.ch11.chart_ylabel"))
ax.set_title(t("nb.ch11.chart_title"))
ax.legend(frameon=False, loc="upper left")
fig.alt_text = t("nb.ch11.chart_alt", points="; ".join(
    f"{fecha:%Y-%m-%d}: {valor}" for fecha, valor in zip(reales["date"], reales["mxn_per_usd"],
                                                          strict=True)))
plt.show()

# %%
say("nb.ch11.chart_reading")

# %%
from mipyme.datasets import load_catalog
from mipyme.export import Product, Shipment, quote

botella = load_catalog("mezcal").set_index("sku").loc["MEZ-ESP-750"]
nombre = botella["name_es" if LANG == "es" else "name_en"]
mezcal = Product(nombre, "mezcal", unit_cost=botella["unit_cost"],
                 weight_kg=botella["weight_kg"],
                 dimensions_cm=(botella["length_cm"], botella["width_cm"], botella["height_cm"]))
embarque = Shipment(mezcal, units=600, mode="sea", origin="Santiago Matatlán")
hoy = quote(embarque, "FOB", "US", currency="USD", on="2026-01-21")
say("nb.ch11.quote", units=embarque.units, name=nombre, cost=mezcal.unit_cost, rule=hoy.rule,
    place=hoy.place, price=hoy.price.format(), per_unit=hoy.price_per_unit.format(),
    rate=hoy.mxn_per_unit)

# %%
say("nb.ch11.scenarios_intro")

# %%
from mipyme.export import fx_scenarios
from mipyme.notebook import text

escenarios = fx_scenarios(embarque, "FOB", "US", currency="USD", on="2026-01-21")
show(escenarios.rename(columns={c: text(f"nb.ch11.col_{c}") for c in escenarios.columns}),
     "nb.ch11.scenarios_caption")

# %%
say("nb.ch11.scenarios_reading")

# %%
from mipyme.export import break_even_rate

equilibrio = break_even_rate(embarque, "FOB", "US", on="2026-01-21")
say("nb.ch11.break_even", rate=equilibrio, price=hoy.price.format(), today=hoy.mxn_per_unit,
    drop=f"{(1 - equilibrio / hoy.mxn_per_unit) * 100:.1f}")

# %%
say("nb.ch11.appreciation_intro")

# %%
from mipyme.export import appreciation_effect

efecto = appreciation_effect(embarque, "FOB", "US", currency="USD", on="2026-01-21",
                             appreciation="0.10")
efecto["margin_share"] = [f"{x * 100:.1f}%" for x in efecto["margin_share"]]
show(efecto.rename(columns={c: text(f"nb.ch11.col_{c}") for c in efecto.columns}),
     "nb.ch11.appreciation_caption")

# %%
say("nb.ch11.appreciation_reading")

# %%
say("nb.ch11.inverse_intro")

# %%
from mipyme.export import max_exworks_cost
from mipyme.money import Money

presupuesto = Money("12000", "USD")
tope = max_exworks_cost(embarque, "FOB", "US", presupuesto, on="2026-01-21")
say("nb.ch11.inverse_result", budget=presupuesto.format(), per_bottle=(presupuesto / 600).format(),
    landed=hoy.landed.format(), top=tope.format(), cost=Money(mezcal.unit_cost).format())

# %%
say("nb.ch11.dashboard_intro")

# %%
from mipyme.dashboards.export import QuoteBuilderDashboard

cotizador = QuoteBuilderDashboard(on="2026-01-21", product="mezcal", units=600, rule="FOB")
cotizador.widget()

# %%
say("nb.ch11.key_points")

# %%
say("nb.ch11.your_turn")
