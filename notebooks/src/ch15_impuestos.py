# %% [markdown] lang="es"
# # 15 · IVA, RESICO y factura electrónica

# %% [markdown] lang="en"
# # 15 · IVA, RESICO and e-invoices

# %%
from mipyme.notebook import say, setup, show

LANG = setup("es")
say("notebook.language_set")

# %% [markdown] lang="es"
# ## Los impuestos de una productora de café
#
# Marisol tuesta y vende café de Coatepec, Veracruz: en su página, en Mercado Libre y Amazon, en
# el tianguis y por WhatsApp. También vende tazas de barro, y este año quiere exportar. Está en el
# **RESICO** (Régimen Simplificado de Confianza) como persona física.
#
# Cada mes tiene que saber dos cosas:
#
# 1. cuánto **IVA** le toca pagar (o cuánto le debe el SAT a ella);
# 2. cuánto **ISR** paga en RESICO por lo que cobró.
#
# Las tasas no están escritas en el código: vienen de tablas con fecha y fuente, así que cuando
# cambie la ley se cambia una fila. Empecemos por las tasas de IVA vigentes en marzo de 2026.

# %% [markdown] lang="en"
# ## The taxes of a coffee grower
#
# Marisol roasts and sells coffee from Coatepec, Veracruz: on her website, on Mercado Libre and
# Amazon, at the street market and on WhatsApp. She also sells clay mugs, and this year she wants
# to export. She is in **RESICO** (the simplified trust regime) as an individual.
#
# Every month she needs to know two things:
#
# 1. how much **IVA** (Mexican VAT) she has to pay (or how much the tax office, the SAT, owes her);
# 2. how much **ISR** (income tax) she pays in RESICO on what she collected.
#
# The rates are not written in the code: they come from tables with a date and a source, so when
# the law changes, one row changes. Let us start with the IVA rates in force in March 2026.

# %%
import pandas as pd

from mipyme.finance import iva_rate
from mipyme.notebook import text

HOY = "2026-03-01"  # la fecha de las tasas / the date of the rates
tipos = ["general", "export", "food", "medicine"]
tasas = pd.DataFrame({
    text("nb.ch15.col_kind"): [text(f"nb.ch15.kind_{tipo}") for tipo in tipos],
    text("nb.ch15.col_rate"): [iva_rate(tipo, on=HOY) for tipo in tipos],
})
show(tasas, "nb.ch15.rates_caption", percent=[text("nb.ch15.col_rate")])

# %% [markdown] lang="es"
# ### La tasa de 8% en la frontera norte: sin verificar para 2026
#
# En la región fronteriza norte, un decreto permitió cobrar IVA de **8%** en lugar de 16%; la
# fuente que tenemos lo da **hasta el 31 de diciembre de 2025**. Si se extendió para 2026 **no
# está verificado**, así que nuestra tabla de tasas no tiene fila de 2026 y el cálculo se niega a
# inventar una tasa: te dice qué tabla revisar. Si tú vendes en la frontera, confirma con tu
# contador o en el Diario Oficial antes de cobrar 8%, y agrega la fila con su fuente.

# %% [markdown] lang="en"
# ### The 8% rate on the northern border: unverified for 2026
#
# In the northern border region, a decree allowed charging **8%** IVA instead of 16%; our source
# has it **through December 31, 2025**. Whether it was extended for 2026 is **unverified**, so the
# our table of rates has no 2026 row and the calculation refuses to make up a rate: it tells you
# which table to check. If you sell on the border, confirm with your accountant or in the Diario Oficial
# before charging 8%, and add the row with its source.

# %%
from mipyme.errors import InputError

print(f"{iva_rate('border', on='2025-06-30'):.0%}")
try:
    iva_rate("border", on=HOY)
except InputError as error:
    print(error)

# %% [markdown] lang="es"
# ### Separar el IVA de un precio
#
# Los precios al público en México ya incluyen el IVA. Para saber cuánto es de Marisol y cuánto
# es del SAT, `split_iva` separa el precio en (neto, IVA), sin perder un centavo. `add_iva` hace
# lo contrario. Fíjate en la diferencia entre 0% y "exento": con tasa 0% Marisol **sí** puede
# acreditar el IVA que paga a sus proveedores; eso le va a importar en un momento.

# %% [markdown] lang="en"
# ### Taking the IVA out of a price
#
# Consumer prices in Mexico already include IVA. To know how much is Marisol's and how much
# belongs to the SAT, `split_iva` splits a price into (net, IVA) without losing a centavo.
# `add_iva` does the opposite. Note the difference between 0% and "exempt": at the 0% rate Marisol
# **can** credit the IVA she pays her suppliers; that will matter in a moment.

# %%
from mipyme.finance import add_iva, split_iva
from mipyme.money import Money

neto, iva = split_iva("140.00", on=HOY)  # una taza de barro, precio con IVA
say("nb.ch15.split_line", gross="140.00", net=f"{neto:,.2f}", iva=f"{iva:,.2f}")
say("nb.ch15.add_line", net="590.00",  # 1 kg de café tostado, en México y exportado
    food=f"{add_iva('590.00', kind='food', on=HOY):,.2f}",
    export=f"{add_iva('590.00', kind='export', on=HOY):,.2f}",
    food_rate=f"{iva_rate('food', on=HOY):.0%}", export_rate=f"{iva_rate('export', on=HOY):.0%}")

# %% [markdown] lang="es"
# ## IVA del mes: trasladado menos acreditable
#
# - **IVA trasladado**: el que Marisol cobra a sus clientes en sus ventas (no es suyo).
# - **IVA acreditable**: el que ella paga a sus proveedores (bolsas, luz, publicidad, envíos),
#   con factura.
#
# Cada mes paga la diferencia: **IVA a pagar = trasladado − acreditable**. En diciembre vendió
# muchas tazas y kits de regalo: cobró 3,200 pesos de IVA y pagó 1,150 en sus compras.

# %% [markdown] lang="en"
# ## The month's IVA: output minus input
#
# - **Output IVA** (*trasladado*): what Marisol charges her customers on her sales (it is not
#   hers).
# - **Input IVA** (*acreditable*): what she pays her suppliers (bags, electricity, advertising,
#   shipping), with an invoice.
#
# Each month she pays the difference: **IVA payable = output − input**. In December she sold many
# mugs and gift sets: she charged 3,200 pesos of IVA and paid 1,150 on her purchases.

# %%
from mipyme.finance import iva_payable

diciembre = iva_payable(trasladado=Money("3200.00"), acreditable=Money("1150.00"))
print(diciembre)

# %% [markdown] lang="es"
# ### Un saldo a favor
#
# En marzo de 2025 casi todo lo que vendió Marisol fue café, con tasa 0%: el IVA que cobró (solo
# el de las tazas) lo sacamos de sus pedidos. Pero en sus compras sí pagó IVA: 1,840 pesos en
# bolsas con válvula, luz, internet y publicidad. Resultado: **el SAT le debe a ella**. Eso es un
# **saldo a favor**: en general se puede acreditar en los meses siguientes o pedir su devolución
# (pregúntale a tu contador cómo, y guarda todas tus facturas de compra: sin factura no hay IVA
# acreditable).

# %% [markdown] lang="en"
# ### A balance in your favour
#
# In March 2025 almost everything Marisol sold was coffee, at the 0% rate: the IVA she charged
# (only on the mugs) we take from her orders. But on her purchases she did pay IVA: 1,840 pesos
# on valve bags, electricity, internet and advertising. Result: **the SAT owes her**. That is a
# **balance in her favour** (*saldo a favor*): in general it can be credited in the following
# months or refunded (ask your accountant how, and keep every purchase invoice: no invoice, no
# input IVA).

# %%
from decimal import Decimal

from mipyme.datasets import load_orders

ventas = load_orders("cafe")
marzo = ventas[(ventas["date"].dt.strftime("%Y-%m") == "2025-03") & (ventas["status"] == "sold")]
trasladado = sum(marzo["iva"], Decimal("0"))
marzo_iva = iva_payable(trasladado=Money(trasladado), acreditable=Money("1840.00"))
print(marzo_iva)

# %% [markdown] lang="es"
# ## RESICO: un porcentaje pequeño de lo que cobras
#
# En el RESICO de personas físicas (ingresos de hasta 3.5 millones de pesos al año) el ISR se
# paga cada mes sobre lo que **cobraste** (sin IVA), **sin restar gastos**. La tasa depende del
# ingreso del mes y va de 1% a 2.5%:

# %% [markdown] lang="en"
# ## RESICO: a small percentage of what you collect
#
# In RESICO for individuals (income up to 3.5 million pesos a year) income tax is paid every
# month on what you **collected** (without IVA), **without deducting expenses**. The rate depends
# on the month's income and goes from 1% to 2.5%:

# %%
from mipyme.finance.taxes import resico_brackets

tabla = resico_brackets(on=HOY)
tabla.columns = [text("nb.ch15.col_up_to"), text("nb.ch15.col_rate")]
show(tabla, "nb.ch15.brackets_caption", money=[text("nb.ch15.col_up_to")],
     percent=[text("nb.ch15.col_rate")])

# %% [markdown] lang="es"
# ### Los meses de Marisol
#
# Tomamos sus pedidos cobrados de 2025, les quitamos el IVA y los sumamos por mes. Luego el código
# busca la tasa de cada mes y calcula el ISR. Al final, `resico_annual_check` revisa
# que el año no pase el tope de 3.5 millones (una lista vacía quiere decir que todo bien).

# %% [markdown] lang="en"
# ### Marisol's months
#
# We take her collected orders from 2025, remove the IVA and add them up by month. Then the code
# looks up each month's rate and computes the ISR. At the end, `resico_annual_check`
# checks that the year does not pass the 3.5-million cap (an empty list means all is well).

# %%
from mipyme.finance import resico_monthly_isr
from mipyme.finance.taxes import resico_annual_check, resico_rate

vendidas = ventas[(ventas["status"] == "sold") & (ventas["date"].dt.year == 2025)]
ingreso_mes = (vendidas.assign(neto=vendidas["total"] - vendidas["iva"])
               .groupby(vendidas["date"].dt.strftime("%Y-%m"))["neto"].sum())
isr = pd.DataFrame({
    text("nb.ch15.col_month"): ingreso_mes.index,
    text("nb.ch15.col_income"): ingreso_mes.to_list(),
    text("nb.ch15.col_rate"): [resico_rate(i, on=HOY) for i in ingreso_mes],
    text("nb.ch15.col_isr"): [resico_monthly_isr(i, on=HOY) for i in ingreso_mes],
})
show(isr, "nb.ch15.isr_caption", money=[text("nb.ch15.col_income"), text("nb.ch15.col_isr")],
     percent=[text("nb.ch15.col_rate")])
print(resico_annual_check(ingreso_mes, on=HOY))

# %% [markdown] lang="es"
# **Ojo, no es como el ISR "normal".** En RESICO la tasa se aplica a **todo** el ingreso del mes,
# no solo a la parte que pasa del límite. Por eso hay saltos: con 25,000 pesos en el mes pagas
# 250 (1%), pero con 25,000.01 pagas 275 (1.1% de todo). Un peso más de venta puede costar 25 de
# impuesto. Lo vas a ver en el tablero de abajo.

# %% [markdown] lang="en"
# **Careful, it is not like "normal" income tax.** In RESICO the rate applies to **all** of the
# month's income, not only to the part above the limit. That is why there are jumps: with 25,000
# pesos in the month you pay 250 (1%), but with 25,000.01 you pay 275 (1.1% of all of it). One
# more peso of sales can cost 25 in tax. You will see it in the dashboard below.

# %% [markdown] lang="es"
# ## 2026: el marketplace te retiene impuestos
#
# Desde 2026, las plataformas digitales (Mercado Libre, Amazon y otras) **retienen** ISR e IVA a
# las personas físicas que venden en ellas, y le entregan ese dinero al SAT:
#
# - **con RFC**: 2.5% de ISR y 8% de IVA (la mitad del 16% que cobraste);
# - **sin RFC**: 20% de ISR y 16% de IVA (todo).
#
# Veamos qué le llega a Marisol por 1,000 pesos (sin IVA) en tazas de barro, que llevan 16%.

# %% [markdown] lang="en"
# ## 2026: the marketplace withholds taxes
#
# From 2026, digital platforms (Mercado Libre, Amazon and others) **withhold** income tax and
# IVA from individuals who sell on them, and hand that money to the SAT:
#
# - **with an RFC** (tax ID): 2.5% income tax and 8% IVA (half of the 16% you charged);
# - **without an RFC**: 20% income tax and 16% IVA (all of it).
#
# Let us see what reaches Marisol for 1,000 pesos (before IVA) of clay mugs, which carry 16%.

# %%
from mipyme.finance import marketplace_withholding

con_rfc = marketplace_withholding("1000.00", has_rfc=True, on=HOY).to_frame()
sin_rfc = marketplace_withholding("1000.00", has_rfc=False, on=HOY).to_frame()
retenciones = con_rfc.rename(columns={con_rfc.columns[1]: text("nb.ch15.with_rfc")})
retenciones[text("nb.ch15.without_rfc")] = sin_rfc.iloc[:, 1]
show(retenciones, "nb.ch15.marketplace_caption",
     money=[text("nb.ch15.with_rfc"), text("nb.ch15.without_rfc")])

# %% [markdown] lang="es"
# **Sin RFC, Marisol recibe 255 pesos menos por cada 1,000 que vende.** Con RFC, lo retenido
# no se pierde: es un pago a cuenta de sus impuestos (en el libro aparece como *ISR retenido* e
# *IVA retenido*, que son activos) y se toma en cuenta al calcular lo que debe cada mes; revisa
# con tu contador cómo aplica en tu caso. Sacar el RFC y estar en RESICO es, casi siempre, mucho
# más barato que vender sin RFC.
#
# Fuente de las tasas: reforma de 2026 para plataformas digitales, según las notas de referencia
# de este curso.

# %% [markdown] lang="en"
# **Without an RFC, Marisol receives 255 pesos less for every 1,000 she sells.** With an RFC,
# what is withheld is not lost: it is a payment on account of her taxes (in the books it appears
# as *Income tax withheld* and *VAT withheld*, which are assets) and it counts when working out
# what she owes each month; check with your accountant how it applies to you. Getting an RFC and
# being in RESICO is, almost always, much cheaper than selling without one.
#
# Source of the rates: the 2026 reform for digital platforms, as summarised in this course's
# reference notes.

# %% [markdown] lang="es"
# ## La factura electrónica: CFDI 4.0
#
# En México una factura es un **CFDI** (Comprobante Fiscal Digital por Internet), hoy en su
# versión **4.0**. Es un archivo XML firmado y timbrado (validado) por un proveedor autorizado o
# por el servicio gratuito del SAT; el PDF es solo su representación impresa.
#
# - **Lo que pide el CFDI 4.0 de tu cliente**: su RFC, su nombre o razón social, su código postal
#   fiscal y su régimen fiscal, tal como aparecen en su constancia de situación fiscal. Si un
#   dato no coincide, la factura no se timbra: pídeselo completo antes de facturar.
# - **Ventas al público en general**: a quien no pide factura se le incluye en una **factura
#   global** del periodo.
# - **Por qué te conviene**: el IVA acreditable de tus compras solo cuenta si tienes su CFDI, y
#   muchos clientes (restaurantes, tiendas, hoteles) solo compran con factura.
#
# ### Exportar: el complemento de comercio exterior
#
# Cuando Marisol exporte de forma definitiva (por ejemplo, café a una tostadora de Texas), su
# CFDI de exportación lleva el **complemento de comercio exterior**: datos de la mercancía y de
# la operación que la aduana cruza con el pedimento. La venta va con IVA de **0%**, y el IVA de
# sus compras lo puede acreditar o pedir en devolución. Antes de su primera exportación conviene
# revisar el complemento con su agente aduanal y su contador: es donde más se atoran las
# primeras facturas de exportación.
#
# Fuente: las notas de referencia de este curso (CFDI 4.0; las exportaciones definitivas
# necesitan el complemento de comercio exterior).

# %% [markdown] lang="en"
# ## The e-invoice: CFDI 4.0
#
# In Mexico an invoice is a **CFDI** (digital tax receipt over the internet), now in version
# **4.0**. It is an XML file signed and stamped (validated) by an authorised provider or by the
# SAT's free service; the PDF is only its printed form.
#
# - **What CFDI 4.0 needs from your customer**: their RFC, their name or company name, their tax
#   postal code and their tax regime, exactly as they appear on their tax status certificate. If
#   one item does not match, the invoice is not stamped: ask for all of it before invoicing.
# - **Sales to the general public**: customers who do not ask for an invoice go into a **global
#   invoice** for the period.
# - **Why it pays off**: the input IVA on your purchases only counts if you have their CFDI, and
#   many customers (restaurants, shops, hotels) only buy with an invoice.
#
# ### Exporting: the foreign-trade complement
#
# When Marisol exports for good (for example, coffee to a roaster in Texas), her export CFDI
# carries the **foreign-trade complement** (*complemento de comercio exterior*): data on the
# goods and the operation that customs matches against the customs declaration (*pedimento*).
# The sale carries **0%** IVA, and the IVA on her purchases can be credited or refunded. Before
# her first export she should go over the complement with her customs broker and her accountant:
# it is where first export invoices most often get stuck.
#
# Source: this course's reference notes (CFDI 4.0; definitive exports need the foreign-trade
# complement).

# %% [markdown] lang="es"
# ## Tablero: el IVA y el ISR de un mes de Marisol
#
# En el tablero mueves el ingreso del mes (sin IVA), qué parte es café (IVA de 0%; lo demás son
# tazas al 16%), qué parte vende en Mercado Libre y Amazon (que le retienen impuestos) y sus
# compras con factura. A la izquierda, la línea del ISR de RESICO con sus saltos en 25,000,
# 50,000 y 83,333.33 pesos; el punto es el mes que elegiste. A la derecha, su IVA y su ISR del
# mes, lo que ya le retuvieron las plataformas y lo que le falta pagar.
#
# **Antes de mover los controles, predice.** El tablero empieza con un mes de 40,000 pesos. Si
# Marisol cobra **60,000 pesos** en el mes (sin IVA), **¿cuánto ISR de RESICO paga?** Usa la
# tabla de tasas de arriba y escribe tu predicción en la celda de abajo.

# %% [markdown] lang="en"
# ## Dashboard: the IVA and income tax of one month for Marisol
#
# In the dashboard you move the month's income (without IVA), the share that is coffee (0% IVA;
# the rest are mugs at 16%), the share she sells on Mercado Libre and Amazon (which withhold taxes
# from her) and her purchases with an invoice. On the left, the RESICO income-tax line with its
# jumps at 25,000, 50,000 and 83,333.33 pesos; the dot is the month you chose. On the right, her
# IVA and income tax for the month, what the platforms already withheld and what she still has
# to pay.
#
# **Before you move the controls, predict.** The dashboard starts with a 40,000-peso month. If
# Marisol collects **60,000 pesos** in the month (without IVA), **how much RESICO income tax does
# she pay?** Use the table of rates above and write your prediction in the cell below.

# %%
prediccion = None  # escribe tu número / write your number

# %%
from mipyme.dashboards.finance_taxes import TaxDashboard

tablero = TaxDashboard(on=HOY)
tablero.widget()

# %% [markdown] lang="es"
# Ahora mueve el ingreso del mes a **60,000** y compara con tu predicción (si lees este cuaderno
# sin poder mover los controles, la celda de abajo lo hace por ti). Después busca un salto: ¿qué
# pasa con el ISR entre 49,500 y 50,500 pesos?

# %% [markdown] lang="en"
# Now move the month's income to **60,000** and compare with your prediction (if you are reading
# this notebook without live controls, the cell below does it for you). Then look for a jump: what
# happens to the income tax between 49,500 and 50,500 pesos?

# %%
tablero.update(income=60000)
tablero.compare(prediccion)

# %% [markdown] lang="es"
# ## Regla práctica: el IVA no es tuyo; apártalo el día que cobras
#
# Cada vez que te pagan, pasa a una cuenta aparte el IVA que cobraste y un porcentaje para el
# ISR (en RESICO, de 1% a 2.5% de lo cobrado sin IVA). Así, cuando toque declarar el mes
# siguiente, el dinero ya está ahí. Y pide factura de todo lo que compras para el negocio: es IVA que recuperas.

# %% [markdown] lang="en"
# ## Rule of thumb: the IVA is not yours; set it aside the day you get paid
#
# Every time you get paid, move the IVA you charged and a percentage for income tax (in RESICO,
# 1% to 2.5% of what you collected without IVA) into a separate account. That way, when the
# monthly return is due the following month, the money is already there. And ask for an invoice
# for everything you buy for the business: it is IVA you get back.

# %% [markdown] lang="es"
# ## Tu turno
#
# 1. Con `resico_monthly_isr`, compara lo que le queda a Marisol (ingreso menos ISR) con 25,000
#    pesos exactos y con 25,010. ¿Con cuál le queda más? ¿Hasta qué ingreso pasa eso? ¿Qué le
#    dirías si está a punto de cerrar una venta chica a fin de mes?
# 2. Marisol exporta 40,000 pesos de café en un mes y paga 2,400 pesos de IVA en sus compras.
#    Usa `add_iva(..., kind="export")` y `iva_payable` para calcular su IVA del mes. ¿Paga o tiene
#    saldo a favor?
# 3. Enseña: un vecino vende en Mercado Libre sin RFC. En 3 minutos, explícale con la tabla de
#    retenciones cuánto pierde por cada 1,000 pesos y qué necesita para sacar su RFC.

# %% [markdown] lang="en"
# ## Your turn
#
# 1. With `resico_monthly_isr`, compare what Marisol keeps (income minus tax) with exactly 25,000
#    pesos and with 25,010. Which leaves her more? Up to what income does that happen? What would
#    you tell her if she is about to close a small sale at the end of the month?
# 2. Marisol exports 40,000 pesos of coffee in a month and pays 2,400 pesos of IVA on her
#    purchases. Use `add_iva(..., kind="export")` and `iva_payable` to work out the month's IVA.
#    Does she pay, or does she have a balance in her favour?
# 3. Teach it: a neighbour sells on Mercado Libre without an RFC. In 3 minutes, use the
#    withholding table to explain how much he loses per 1,000 pesos and what he needs to get an
#    RFC.
