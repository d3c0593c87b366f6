# %% [markdown] lang="es"
# # 11 · Riesgo cambiario

# %% [markdown] lang="en"
# # 11 · Exchange-rate risk

# %%
from mipyme.notebook import say, setup, show

LANG = setup("es")
say("notebook.language_set")

# %% [markdown] lang="es"
# ## Vendes en dólares, pagas en pesos
#
# Rosa Martínez produce mezcal artesanal en Santiago Matatlán, Oaxaca (**Mezcal Lluvia de
# Piedra**). Un distribuidor de Texas le compra **600 botellas** de espadín joven, con el precio
# **fijo en dólares** desde que firman y el pago dos o tres meses después. El agave, la leña, el
# vidrio y los sueldos de Rosa se pagan **en pesos**.
#
# Entre la firma y el pago, el peso se mueve. Si el dólar baja de 18 a 16.5 pesos, los mismos
# dólares le dan **menos pesos** a Rosa, pero sus costos no bajan. A eso se le llama **riesgo
# cambiario**. Primero, miremos cuánto se ha movido el peso:

# %% [markdown] lang="en"
# ## You sell in dollars, you pay in pesos
#
# Rosa Martínez makes artisanal mezcal in Santiago Matatlán, Oaxaca (**Mezcal Lluvia de
# Piedra**). A distributor in Texas buys **600 bottles** of young espadín from her, with the price
# **fixed in dollars** from the signing and payment two or three months later. Rosa's agave,
# firewood, glass and wages are paid **in pesos**.
#
# Between signing and payment the peso moves. If the dollar falls from 18 to 16.5 pesos, the same
# dollars give Rosa **fewer pesos**, but her costs do not fall. That is called **exchange-rate
# risk**. First, let us look at how much the peso has moved:

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

# %% [markdown] lang="es"
# **Cómo leerla:** solo los **puntos** son datos reales (el tipo de cambio FIX que publica
# Banxico; sin verificar contra su publicación); la línea entre ellos es una caminata al
# azar que el kit inventa para practicar (siempre la misma), **no** el tipo de cambio real de
# esos días. Aun así, los puntos cuentan la historia: el "superpeso" de 2024 (unos 16.3 pesos por
# dólar), el salto a más de 20 a finales de 2024, y 17.45 el 21 de enero de 2026. En el pico de
# 2020 el dólar llegó a unos 25 pesos. Un exportador que cotiza a dos o tres meses tiene que
# contar con movimientos así.

# %% [markdown] lang="en"
# **How to read it:** only the **dots** are real figures (the FIX exchange rate published by
# Banxico; unverified against its publication); the line between them is a random walk the kit makes
# up for practice (always the same one), **not** the real exchange rate on those days. Even so,
# the dots tell the story: the 2024 "superpeso" (about 16.3 pesos per dollar), the jump to over 20
# in late 2024, and 17.45 on 21 January 2026. At the 2020 peak the dollar reached about 25 pesos.
# An exporter who quotes two or three months ahead has to reckon with moves like these.

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

# %% [markdown] lang="es"
# ## Paso 1 · Cuatro escenarios del peso
#
# Probamos los escenarios del salón: **16.5** (superpeso 2024), **18** (cierre de 2025), **20**
# (finales de 2024) y **25** (pico de 2020) pesos por dólar. Para cada uno, la tabla dice:
#
# - el **precio en dólares** que Rosa tendría que cotizar con ese tipo de cambio para ganar el
#   mismo margen;
# - su **margen en pesos si el cliente sigue pagando el precio de hoy** (el caso real: el precio
#   ya está firmado).

# %% [markdown] lang="en"
# ## Step 1 · Four peso scenarios
#
# We try the classroom scenarios: **16.5** (2024 superpeso), **18** (end of 2025), **20** (late
# 2024) and **25** (2020 peak) pesos per dollar. For each one the table says:
#
# - the **price in dollars** Rosa would have to quote at that rate to earn the same margin;
# - her **margin in pesos if the customer keeps paying today's price** (the real case: the price
#   is already signed).

# %%
from mipyme.export import fx_scenarios, with_money

escenarios = fx_scenarios(embarque, "FOB", "US", currency="USD", on="2026-01-21")
show(with_money(escenarios, ["price"], mxn=["margin_mxn_at_today_price"]),
     "nb.ch11.scenarios_caption", labels={c: f"nb.ch11.col_{c}" for c in escenarios.columns})

# %% [markdown] lang="es"
# **Cómo leerla:** con un peso fuerte (16.5), Rosa tendría que **subir** su precio en dólares
# para ganar lo mismo; si no puede, su margen se encoge. Con un peso débil (25), los mismos
# dólares le dejan mucho más. Fíjate en que el margen se mueve **mucho más** que el tipo de
# cambio: de 16.5 a 18 el dólar sube 9%, pero el margen en pesos sube más de 60%. Es porque casi
# todos los costos de Rosa están en pesos y no cambian; solo unos pocos (las maniobras en el
# puerto) se pagan en dólares.

# %% [markdown] lang="en"
# **How to read it:** with a strong peso (16.5), Rosa would have to **raise** her dollar price to
# earn the same; if she cannot, her margin shrinks. With a weak peso (25), the same dollars leave
# her much more. Notice that the margin moves **much more** than the exchange rate: from 16.5 to
# 18 the dollar rises 9%, but the margin in pesos rises more than 60%. That is because almost all
# of Rosa's costs are in pesos and do not change; only a few (port handling) are paid in dollars.

# %%
from mipyme.export import break_even_rate

equilibrio = break_even_rate(embarque, "FOB", "US", on="2026-01-21")
say("nb.ch11.break_even", rate=equilibrio, price=hoy.price.format(), today=hoy.mxn_per_unit,
    drop=f"{(1 - equilibrio / hoy.mxn_per_unit) * 100:.1f}")

# %% [markdown] lang="es"
# ## Paso 3 · Un peso 10% más fuerte
#
# ¿Qué le pasa al margen si, entre la firma y el pago, el peso se aprecia 10% (el dólar pasa de
# 17.45 a unos 15.71 pesos)? El precio en dólares no cambia; cambian los pesos que Rosa recibe.

# %% [markdown] lang="en"
# ## Step 3 · A 10% stronger peso
#
# What happens to the margin if, between signing and payment, the peso appreciates 10% (the
# dollar goes from 17.45 to about 15.71 pesos)? The dollar price does not change; the pesos Rosa
# receives do.

# %%
from mipyme.export import appreciation_effect

efecto = appreciation_effect(embarque, "FOB", "US", currency="USD", on="2026-01-21",
                             appreciation="0.10")
show(with_money(efecto, ["price"], mxn=["revenue_mxn", "costs_mxn", "margin_mxn"]),
     "nb.ch11.appreciation_caption", percent=["margin_share"],
     labels={c: f"nb.ch11.col_{c}" for c in efecto.columns})

# %% [markdown] lang="es"
# **Cómo leerla:** el ingreso en pesos baja 10%, pero los costos casi no se mueven, así que el
# **margen cae mucho más que 10%**: más de la mitad. Un margen chico es el que más sufre con el
# tipo de cambio. Por eso vale la pena cotizar con un colchón, fijar una vigencia corta a la
# cotización, o cobrar una parte por adelantado.

# %% [markdown] lang="en"
# **How to read it:** revenue in pesos falls 10%, but costs hardly move, so the **margin falls far
# more than 10%**: more than half. A thin margin is the one that suffers most from the exchange
# rate. That is why it pays to quote with a cushion, give the quote a short validity, or collect
# part of it in advance.

# %% [markdown] lang="es"
# ## Paso 4 · La pregunta al revés: el cliente tiene un tope
#
# El distribuidor le dice a Rosa: "no puedo pagar más de **20 dólares por botella** puesta en mi
# bodega de Dallas", contando el flete, el seguro, las maniobras y el despacho que él paga encima
# del precio FOB. `max_exworks_cost` responde al revés: ¿cuál es el **costo máximo por botella**
# con el que Rosa todavía cumple ese tope, sin tocar sus tasas de gastos indirectos y de margen?

# %% [markdown] lang="en"
# ## Step 4 · The question turned around: the customer has a ceiling
#
# The distributor tells Rosa: "I cannot pay more than **20 dollars a bottle** delivered to my
# warehouse in Dallas", counting the freight, insurance, handling and clearance he pays on top of
# the FOB price. `max_exworks_cost` answers the other way round: what is the **highest cost per
# bottle** at which Rosa still meets that ceiling, without touching her overhead and margin rates?

# %%
from mipyme.export import max_exworks_cost
from mipyme.money import Money

presupuesto = Money("12000", "USD")
tope = max_exworks_cost(embarque, "FOB", "US", presupuesto, on="2026-01-21")
say("nb.ch11.inverse_result", budget=presupuesto.format(), per_bottle=(presupuesto / 600).format(),
    landed=hoy.landed.format(), top=tope.format(), cost=Money(mezcal.unit_cost).format())

# %% [markdown] lang="es"
# ## Cotizador: mueve el tipo de cambio
#
# El cotizador del capítulo 8, ya con el mezcal de Rosa. Mueve el control de **pesos por dólar**
# y mira dos cosas: el precio FOB que tendrías que cotizar, y en el resumen de abajo, el margen
# que te quedaría **si el cliente siguiera pagando el precio de hoy**.
#
# El tablero empieza en **17.50 pesos por dólar**: el precio **FOB Veracruz** de las 600 botellas
# es **US$20.10 USD por botella**.
#
# **Antes de mover el control:** si el peso se fortalece y el dólar baja a **16.50 pesos**, ¿qué
# precio por botella tendría que cotizar Rosa para ganar el mismo margen en pesos? Escribe tu
# predicción en la celda de abajo.

# %% [markdown] lang="en"
# ## Quote builder: move the exchange rate
#
# The chapter 8 quote builder, now with Rosa's mezcal. Move the **pesos per dollar** control and
# watch two things: the FOB price you would have to quote, and in the summary below, the margin
# you would keep **if the customer kept paying today's price**.
#
# The dashboard starts at **17.50 pesos per dollar**: the **FOB Veracruz** price of the 600
# bottles is **US$20.10 USD per bottle**.
#
# **Before you move the control:** if the peso strengthens and the dollar falls to **16.50
# pesos**, what price per bottle would Rosa have to quote to earn the same margin in pesos? Write
# your prediction in the cell below.

# %%
prediccion = None  # escribe tu número / write your number

# %%
from mipyme.dashboards.export import QuoteBuilderDashboard

cotizador = QuoteBuilderDashboard(on="2026-01-21", product="mezcal", units=600, rule="FOB")
cotizador.widget()

# %% [markdown] lang="es"
# Ahora mueve el control de pesos por dólar a **16.50** y compara con tu predicción (corre la
# celda de abajo). En el resumen, mira también cuánto margen le quedaría a Rosa si el cliente
# sigue pagando el precio de hoy.

# %% [markdown] lang="en"
# Now move the pesos per dollar control to **16.50** and compare with your prediction (run the
# cell below). In the summary, also look at how much margin Rosa would keep if the customer
# keeps paying today's price.

# %%
cotizador.compare(prediccion)

# %% [markdown] lang="es"
# ## Regla práctica
#
# - Si cobras en dólares y pagas en pesos, **un peso fuerte te quita margen**. Conoce tu tipo de
#   cambio de equilibrio antes de firmar.
# - Cotiza con **escenarios** (16.5, 18, 20, 25) y no con el tipo de cambio de un solo día.
# - Un margen chico es muy sensible: un peso 10% más fuerte puede llevarse más de la mitad.
# - Protégete con lo que está a tu alcance: **vigencia corta** de la cotización, **anticipo**,
#   o una cláusula que ajuste el precio si el tipo de cambio se mueve mucho.

# %% [markdown] lang="en"
# ## Rule of thumb
#
# - If you charge in dollars and pay in pesos, **a strong peso takes margin away**. Know your
#   break-even rate before signing.
# - Quote with **scenarios** (16.5, 18, 20, 25), not with a single day's exchange rate.
# - A thin margin is very sensitive: a 10% stronger peso can take more than half of it.
# - Protect yourself with what is within reach: a **short validity** for the quote, an **advance
#   payment**, or a clause that adjusts the price if the exchange rate moves a lot.

# %% [markdown] lang="es"
# ## Tu turno
#
# 1. Repite el paso 2 con margen de 40% (`Shipment(..., margin_rate="0.40")`). ¿Cuánto baja el
#    tipo de cambio de equilibrio? ¿Por qué?
# 2. Con el cotizador, busca a partir de qué tipo de cambio el margen con el precio de hoy cae a
#    la mitad.
# 3. Prepara una explicación de 5 minutos para un grupo de mezcaleros: ¿por qué el "superpeso" es
#    una mala noticia para quien exporta? Usa la gráfica del tipo de cambio y la tabla del paso 3.

# %% [markdown] lang="en"
# ## Your turn
#
# 1. Repeat step 2 with a 40% margin (`Shipment(..., margin_rate="0.40")`). How much does the
#    break-even rate fall? Why?
# 2. With the quote builder, find from which exchange rate the margin at today's price falls to
#    half.
# 3. Plan a 5-minute explanation for a group of mezcal makers: why is the "superpeso" bad news for
#    an exporter? Use the exchange-rate chart and the table from step 3.
