# %% [markdown] lang="es"
# # 08 · Costeo de exportación

# %% [markdown] lang="en"
# # 08 · Export costing

# %%
from mipyme.notebook import say, setup, show

LANG = setup("es")
say("notebook.language_set")

# %% [markdown] lang="es"
# ## Del cafetal al cliente: ¿cuánto cuesta llegar?
#
# Ernesto Landa tuesta café de altura en Coatepec, Veracruz (**Café Cumbre de Coatepec**). Un
# tostador de Houston quiere 400 bolsas de 500 g por barco desde el puerto de Veracruz. Ernesto
# sabe cuánto le cuesta cada bolsa en su bodega, pero no cuánto cuesta **llevarla hasta
# Houston**: empaque para exportación, carga, agente aduanal, camión al puerto, maniobras,
# flete marítimo, seguro...
#
# En este capítulo armamos el precio **línea por línea**, de la bodega a la puerta del cliente,
# en el orden en que se van sumando los costos:
#
# - EXW = costo + gastos indirectos + margen + empaque de exportación
# - FCA = EXW + carga + despacho de exportación (agente aduanal)
# - FOB = FCA + flete interno + maniobras en la terminal de origen
# - CFR = FOB + flete internacional
# - CIF = CFR / (1 − 1.1 r), con *r* la tasa de la prima del seguro
# - DAP = CIF + manejo en destino + entrega; DDP = DAP + aranceles, cuotas e impuestos

# %% [markdown] lang="en"
# ## From the coffee farm to the customer: what does it cost to get there?
#
# Ernesto Landa roasts high-grown coffee in Coatepec, Veracruz (**Café Cumbre de Coatepec**). A
# roaster in Houston wants 400 bags of 500 g by sea from the port of Veracruz. Ernesto knows what
# each bag costs him at his warehouse, but not what it costs **to take it to Houston**: export
# packing, loading, the customs broker, the truck to the port, terminal handling, sea freight,
# insurance...
#
# In this chapter we build the price **line by line**, from the warehouse to the customer's door,
# in the order the costs add up:
#
# - EXW = cost + overhead + margin + export packing
# - FCA = EXW + loading + export clearance (customs broker)
# - FOB = FCA + inland freight + origin terminal handling
# - CFR = FOB + international freight
# - CIF = CFR / (1 − 1.1 r), with *r* the insurance premium rate
# - DAP = CIF + destination handling + delivery; DDP = DAP + duty, fees and taxes

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

# %% [markdown] lang="es"
# ## Paso 1 · La cotización CIF Houston, línea por línea
#
# Cada línea se calcula en pesos (las tarifas vienen de `freight_rates.csv`, con su fuente y
# fecha), se redondea al centavo y se convierte a dólares con el tipo de cambio del día
# (17.4520 pesos por dólar, FIX de Banxico del 21 de enero de 2026). El precio **es la suma de
# las líneas**, así que la cotización siempre cuadra al centavo. La columna "Cálculo" dice de
# dónde sale cada cifra.

# %% [markdown] lang="en"
# ## Step 1 · The CIF Houston quote, line by line
#
# Each line is computed in pesos (the rates come from `freight_rates.csv`, with their source and
# date), rounded to the centavo and converted to dollars at the day's rate (17.4520 pesos per
# dollar, Banxico's FIX of 21 January 2026). The price **is the sum of the lines**, so the quote
# always adds up to the cent. The "Basis" column says where each figure comes from.

# %%
from mipyme.export import quote

cif = quote(embarque, "CIF", "US", currency="USD", on="2026-01-21")
show(cif.table(), "nb.ch08.cif_caption")
say("nb.ch08.cif_total", rule=cif.rule, place=cif.place, price=cif.price.format(),
    per_unit=cif.price_per_unit.format())

# %% [markdown] lang="es"
# ## Paso 2 · El seguro: ¿por qué se divide?
#
# En CIF el vendedor contrata un seguro que cubra **al menos 110% del valor CIF** (la ICC pide
# cobertura mínima ICC (C) en CIF). Pero el valor CIF incluye... el propio seguro. Si *r* es la
# tasa de la prima:
#
# seguro = 1.1 · r · CIF  y  CIF = CFR + seguro
#
# Despejando: **CIF = CFR / (1 − 1.1 r)**. Con *r* = 0.3% (valor de ejemplo, rango
# 0.3-0.6%, estimación sin verificar), la línea del seguro lo muestra así:

# %% [markdown] lang="en"
# ## Step 2 · Insurance: why divide?
#
# Under CIF the seller buys insurance covering **at least 110% of the CIF value** (the ICC asks
# for minimum cover ICC (C) under CIF). But the CIF value includes... the insurance itself. If *r*
# is the premium rate:
#
# insurance = 1.1 · r · CIF  and  CIF = CFR + insurance
#
# Solving: **CIF = CFR / (1 − 1.1 r)**. With *r* = 0.3% (an example value, range
# 0.3-0.6%, an estimate, unverified), the insurance line shows it like this:

# %%
from mipyme.notebook import text

seguro = cif.lines[cif.lines["line"] == "insurance"]
print(text("nb.ch08.insurance_line"), seguro["basis"].iloc[0])

# %% [markdown] lang="es"
# ## Paso 3 · La escalera de precios
#
# El mismo embarque con cada regla, de la más barata (EXW, en la bodega de Coatepec) a la más
# completa (DDP, entregado en Dallas con todo pagado). Cada escalón dice cuánto agrega esa
# regla.

# %% [markdown] lang="en"
# ## Step 3 · The price ladder
#
# The same shipment under each rule, from the cheapest (EXW, at the Coatepec warehouse) to the
# most complete (DDP, delivered in Dallas with everything paid). Each step says how much that
# rule adds.

# %%
from mipyme.export import price_ladder, with_money

escalera = price_ladder(embarque, "US", currency="USD", on="2026-01-21",
                        rules=("EXW", "FCA", "FOB", "CFR", "CIF", "DAP", "DDP"))
show(with_money(escalera, ["price", "step"]), "nb.ch08.ladder_caption",
     labels={c: f"nb.ch08.col_{c}" for c in escalera.columns})

# %%
from IPython.display import display

from mipyme.export import ladder_chart

grafica = ladder_chart(embarque, "US", currency="USD", on="2026-01-21", lang=LANG)
print(grafica.alt_text)
display(grafica)

# %% [markdown] lang="es"
# **Cómo leerla:** los escalones grandes son los costos fijos por embarque (agente aduanal,
# camión a Veracruz, entrega en destino). Por eso mandar pocas bolsas sale caro: esos costos se
# reparten entre menos unidades. El café tostado entra a Estados Unidos sin arancel (HTS 0901,
# Arancel Armonizado de Estados Unidos, USITC), así que DDP solo agrega el despacho de importación y las cuotas.

# %% [markdown] lang="en"
# **How to read it:** the big steps are the fixed costs per shipment (customs broker, truck to
# Veracruz, delivery at destination). That is why sending few bags is expensive: those costs are
# shared among fewer units. Roasted coffee enters the United States duty-free (HTS 0901, course
# sources), so DDP only adds import clearance and fees.

# %% [markdown] lang="es"
# ## Paso 4 · La cotización pro forma
#
# Lo que Ernesto le manda al cliente: una **factura pro forma** con la regla y el lugar (FOB
# Veracruz), el producto, el tipo de cambio, cada línea con su cálculo y, aparte, lo que el
# comprador pagará encima. Se puede imprimir o guardar como página web con
# `open("cotizacion.html", "w").write(fob.to_html())`.

# %% [markdown] lang="en"
# ## Step 4 · The pro-forma quote
#
# What Ernesto sends the customer: a **pro-forma invoice** with the rule and the place (FOB
# Veracruz), the product, the exchange rate, each line with its basis and, apart, what the buyer
# will pay on top. It can be printed or saved as a web page with
# `open("quote.html", "w").write(fob.to_html())`.

# %%
from IPython.display import HTML

fob = quote(embarque, "FOB", "US", currency="USD", on="2026-01-21")
HTML(fob.to_html(LANG))

# %% [markdown] lang="es"
# ## Cotizador de exportación
#
# Elige la regla, el mercado, el producto, el transporte, las unidades y el tipo de cambio. El
# tablero dibuja la escalera de precios y marca tu regla con una línea punteada; abajo ves tu
# margen y qué pasaría con él si el cliente siguiera pagando el precio de hoy.
#
# El tablero empieza con el café de Ernesto: **FOB Veracruz**, 400 bolsas, a 17.50 pesos por
# dólar. Así, el precio es **US$12.02 USD por bolsa**.
#
# **Antes de mover el control:** si Ernesto manda solo **100 bolsas** en lugar de 400, ¿cuánto
# costará cada bolsa FOB Veracruz, en dólares? Piensa en los costos que se pagan una vez por
# embarque. Escribe tu predicción en la celda de abajo.

# %% [markdown] lang="en"
# ## Export quote builder
#
# Pick the rule, the market, the product, the transport, the units and the exchange rate. The
# dashboard draws the price ladder and marks your rule with a dashed line; below you see your
# margin and what would happen to it if the customer kept paying today's price.
#
# The dashboard starts with Ernesto's coffee: **FOB Veracruz**, 400 bags, at 17.50 pesos per
# dollar. That gives a price of **US$12.02 USD per bag**.
#
# **Before you move the control:** if Ernesto sends only **100 bags** instead of 400, how much
# will each bag cost FOB Veracruz, in dollars? Think of the costs paid once per shipment. Write
# your prediction in the cell below.

# %%
prediccion = None  # escribe tu número / write your number

# %%
from mipyme.dashboards.export import QuoteBuilderDashboard

cotizador = QuoteBuilderDashboard(on="2026-01-21", product="coffee", units=400)
cotizador.widget()

# %% [markdown] lang="es"
# Ahora mueve las unidades a **100** y compara con tu predicción (corre la celda de abajo).
# Después prueba a escoger **FOB** con transporte **aéreo**: el tablero no se rompe, te dice qué
# regla usar.

# %% [markdown] lang="en"
# Now move the units to **100** and compare with your prediction (run the cell below). Then try
# picking **FOB** with **air** transport: the dashboard does not break, it tells you which rule
# to use.

# %%
cotizador.compare(prediccion)

# %% [markdown] lang="es"
# ## Regla práctica
#
# - Arma el precio **de abajo hacia arriba**, línea por línea, y anota de dónde sale cada tarifa
#   y de qué fecha es.
# - El seguro se calcula sobre un valor que lo incluye: **CIF = CFR / (1 − 1.1 r)**.
# - Los costos por embarque pesan mucho en envíos chicos: **junta pedidos** o cotiza por
#   paquetería.
# - Manda siempre una **pro forma** con la regla, el lugar, la fecha y el tipo de cambio.

# %% [markdown] lang="en"
# ## Rule of thumb
#
# - Build the price **from the bottom up**, line by line, and note where each rate comes from and
#   its date.
# - Insurance is computed on a value that includes it: **CIF = CFR / (1 − 1.1 r)**.
# - Per-shipment costs weigh heavily on small shipments: **combine orders** or quote by parcel.
# - Always send a **pro-forma** with the rule, the place, the date and the exchange rate.

# %% [markdown] lang="es"
# ## Tu turno
#
# 1. Con el cotizador, compara 100 y 1,000 bolsas en FOB. ¿Cuánto baja el precio por bolsa?
# 2. Cambia el seguro a ICC (A) con `Shipment(..., insurance_rate="0.005")` y recalcula CIF.
#    ¿Cuánto sube?
# 3. Prepara una explicación de 10 minutos de la escalera de precios para un grupo de
#    productores de café: ¿qué escalón les sorprenderá más?

# %% [markdown] lang="en"
# ## Your turn
#
# 1. With the quote builder, compare 100 and 1,000 bags under FOB. How much does the price per
#    bag drop?
# 2. Switch the insurance to ICC (A) with `Shipment(..., insurance_rate="0.005")` and recompute
#    CIF. How much does it rise?
# 3. Plan a 10-minute explanation of the price ladder for a group of coffee growers: which step
#    will surprise them most?
