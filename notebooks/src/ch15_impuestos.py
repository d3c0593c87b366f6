# %% [markdown] lang="es"
# # 15 · IVA, RESICO y factura electrónica

# %% [markdown] lang="en"
# # 15 · IVA, RESICO and e-invoices

# %%
from mipyme.notebook import say, setup, show

LANG = setup("es")
say("notebook.language_set")

# %% [markdown] lang="es"
# ## Los impuestos de un productor de café
#
# Ernesto Landa tuesta y vende café de Coatepec, Veracruz, con su marca Café Cumbre de Coatepec:
# en su página, en Mercado Libre y Amazon, en el tianguis y por WhatsApp. También vende tazas de
# barro, y este año quiere exportar. Está en el **RESICO** (Régimen Simplificado de Confianza)
# como persona física.
#
# Cada mes tiene que saber dos cosas:
#
# 1. cuánto **IVA** le toca pagar (o cuánto le debe el SAT a él);
# 2. cuánto **ISR** paga en RESICO por lo que cobró.
#
# Las tasas no están escritas en el código: vienen de tablas con fecha y fuente, así que cuando
# cambie la ley se cambia una fila. Empecemos por las tasas de IVA vigentes en marzo de 2026.

# %% [markdown] lang="en"
# ## The taxes of a coffee grower
#
# Ernesto Landa roasts and sells coffee from Coatepec, Veracruz, under his brand Café Cumbre de
# Coatepec: on his website, on Mercado Libre and Amazon, at the street market and on WhatsApp.
# He also sells clay mugs, and this year he wants to export. He is in **RESICO** (the simplified
# trust regime) as an individual.
#
# Every month he needs to know two things:
#
# 1. how much **IVA** (Mexican VAT) he has to pay (or how much the tax office, the SAT, owes him);
# 2. how much **ISR** (income tax) he pays in RESICO on what he collected.
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
# ### Las regiones fronterizas norte y sur: hay que revisar 2026 en el DOF
#
# Dos decretos de estímulos fiscales dieron a los negocios de las fronteras un crédito de la mitad
# del IVA, así que cobraban en la práctica **8%** en lugar de 16%: el de la **región fronteriza
# norte** (DOF, 31 de diciembre de 2018) y el de la **región fronteriza sur** (DOF, 30 de diciembre
# de 2020; 24 municipios de Campeche, Chiapas, Quintana Roo y Tabasco). Las prórrogas que
# encontramos llegan **hasta el 31 de diciembre de 2025**. Si siguen en 2026 **no está
# confirmado**: hay que revisarlo en el Diario Oficial. Por eso nuestra tabla de tasas no tiene
# fila de 2026 y el cálculo se niega a inventar una tasa: te dice qué tabla revisar. Si tú vendes
# en una de esas regiones, busca el decreto de prórroga en el DOF o pregúntale a tu contador, y
# agrega la fila con su fuente.

# %% [markdown] lang="en"
# ### The northern and southern border regions: 2026 must be checked in the DOF
#
# Two tax-incentive decrees gave businesses on the borders a credit of half of the IVA, so in
# practice they charged **8%** instead of 16%: the **northern border region** decree (DOF,
# 31 December 2018) and the **southern border region** decree (DOF, 30 December 2020; 24
# municipalities of Campeche, Chiapas, Quintana Roo and Tabasco). The extensions we found run
# **through 31 December 2025**. Whether they continue in 2026 is **not confirmed**: it must be
# checked in the Diario Oficial (DOF). That is why our table of rates has no 2026 row and the
# calculation refuses to make up a rate: it tells you which table to check. If you sell in one of
# those regions, look for the extension decree in the DOF or ask your accountant, and add the row
# with its source.

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
# Los precios al público en México ya incluyen el IVA. Para saber cuánto es de Ernesto y cuánto
# es del SAT, `split_iva` separa el precio en (neto, IVA), sin perder un centavo. `add_iva` hace
# lo contrario. Fíjate en la diferencia entre 0% y "exento": con tasa 0% Ernesto **sí** puede
# acreditar el IVA que paga a sus proveedores; eso le va a importar en un momento.

# %% [markdown] lang="en"
# ### Taking the IVA out of a price
#
# Consumer prices in Mexico already include IVA. To know how much is Ernesto's and how much
# belongs to the SAT, `split_iva` splits a price into (net, IVA) without losing a centavo.
# `add_iva` does the opposite. Note the difference between 0% and "exempt": at the 0% rate Ernesto
# **can** credit the IVA he pays his suppliers; that will matter in a moment.

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
# - **IVA trasladado**: el que Ernesto cobra a sus clientes en sus ventas (no es suyo).
# - **IVA acreditable**: el que él paga a sus proveedores (bolsas, luz, publicidad, envíos),
#   con factura.
#
# Cada mes paga la diferencia: **IVA a pagar = trasladado − acreditable**. En diciembre vendió
# muchas tazas y kits de regalo: cobró 3,200 pesos de IVA y pagó 1,150 en sus compras.

# %% [markdown] lang="en"
# ## The month's IVA: output minus input
#
# - **Output IVA** (*trasladado*): what Ernesto charges his customers on his sales (it is not
#   his).
# - **Input IVA** (*acreditable*): what he pays his suppliers (bags, electricity, advertising,
#   shipping), with an invoice.
#
# Each month he pays the difference: **IVA payable = output − input**. In December he sold many
# mugs and gift sets: he charged 3,200 pesos of IVA and paid 1,150 on his purchases.

# %%
from mipyme.finance import iva_payable

diciembre = iva_payable(trasladado=Money("3200.00"), acreditable=Money("1150.00"))
print(diciembre)

# %% [markdown] lang="es"
# ### Un saldo a favor
#
# En marzo de 2025 casi todo lo que vendió Ernesto fue café, con tasa 0%: el IVA que cobró (solo
# el de las tazas) lo sacamos de sus pedidos. Pero en sus compras sí pagó IVA: 1,840 pesos en
# bolsas con válvula, luz, internet y publicidad. Resultado: **el SAT le debe a él**. Eso es un
# **saldo a favor**: en general se puede acreditar en los meses siguientes o pedir su devolución
# (pregúntale a tu contador cómo, y guarda todas tus facturas de compra: sin factura no hay IVA
# acreditable).

# %% [markdown] lang="en"
# ### A balance in your favour
#
# In March 2025 almost everything Ernesto sold was coffee, at the 0% rate: the IVA he charged
# (only on the mugs) we take from his orders. But on his purchases he did pay IVA: 1,840 pesos
# on valve bags, electricity, internet and advertising. Result: **the SAT owes him**. That is a
# **balance in his favour** (*saldo a favor*): in general it can be credited in the following
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
# ### Los meses de Ernesto
#
# Tomamos sus pedidos cobrados de 2025, les quitamos el IVA y los sumamos por mes. Luego el código
# busca la tasa de cada mes y calcula el ISR. Al final, `resico_annual_check` revisa
# que el año no pase el tope de 3.5 millones (una lista vacía quiere decir que todo bien).

# %% [markdown] lang="en"
# ### Ernesto's months
#
# We take his collected orders from 2025, remove the IVA and add them up by month. Then the code
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
# ## El marketplace te retiene impuestos (desde 2020; más ISR en 2026)
#
# Desde el **1 de junio de 2020**, las plataformas digitales (Mercado Libre, Amazon y otras)
# **retienen** ISR e IVA a las personas físicas que venden en ellas, y le entregan ese dinero al
# SAT. No es algo nuevo de 2026: lo que cambió en 2026 es que el ISR retenido por vender bienes
# subió de **1%** (2021 a 2025) a **2.5%**. En 2026:
#
# - **con RFC**: 2.5% de ISR y la mitad del IVA que cobraste (8% del precio sin IVA, a tasa 16%);
# - **sin RFC**: 20% de ISR y todo el IVA (16%).
#
# Veamos qué le llega a Ernesto por 1,000 pesos (sin IVA) en tazas de barro, que llevan 16%.

# %% [markdown] lang="en"
# ## The marketplace withholds taxes (since 2020; more income tax in 2026)
#
# Since **1 June 2020**, digital platforms (Mercado Libre, Amazon and others) **withhold**
# income tax and IVA from individuals who sell on them, and hand that money to the SAT. It is not
# new in 2026: what changed in 2026 is that the income tax withheld on sales of goods rose from
# **1%** (2021 to 2025) to **2.5%**. In 2026:
#
# - **with an RFC** (tax ID): 2.5% income tax and half of the IVA you charged (8% of the price
#   before IVA, at the 16% rate);
# - **without an RFC**: 20% income tax and all of the IVA (16%).
#
# Let us see what reaches Ernesto for 1,000 pesos (before IVA) of clay mugs, which carry 16%.

# %%
from mipyme.finance import marketplace_withholding

con_rfc = marketplace_withholding("1000.00", has_rfc=True, on=HOY).to_frame()
sin_rfc = marketplace_withholding("1000.00", has_rfc=False, on=HOY).to_frame()
retenciones = con_rfc.rename(columns={con_rfc.columns[1]: text("nb.ch15.with_rfc")})
retenciones[text("nb.ch15.without_rfc")] = sin_rfc.iloc[:, 1]
show(retenciones, "nb.ch15.marketplace_caption",
     money=[text("nb.ch15.with_rfc"), text("nb.ch15.without_rfc")])

# %% [markdown] lang="es"
# **Sin RFC, Ernesto recibe 255 pesos menos por cada 1,000 que vende.** Con RFC, lo retenido
# no se pierde: es un pago a cuenta de sus impuestos (en el libro aparece como *ISR retenido* e
# *IVA retenido*, que son activos) y se toma en cuenta al calcular lo que debe cada mes; revisa
# con tu contador cómo aplica en tu caso. Sacar el RFC y estar en RESICO es, casi siempre, mucho
# más barato que vender sin RFC.
#
# Fuentes: LISR arts. 113-A a 113-C y LIVA art. 18-J (reforma publicada en el DOF el 9 de
# diciembre de 2019, vigente desde el 1 de junio de 2020); 2.5% de ISR desde el 1 de enero de 2026,
# Ley de Ingresos de la Federación 2026 (LIF 2026), art. 25, fr. VI. El 20% de ISR sin RFC es una
# estimación, sin verificar.
#
# ### Con 2.5% le retienen más ISR del que debe en RESICO
#
# En RESICO, Ernesto paga de 1% a 2.5% de lo que cobra; la plataforma le retiene 2.5%. Solo en el
# último renglón de la tabla las dos tasas son iguales: casi siempre **le retienen más ISR del que
# debe**, y le queda un **saldo a favor**. Veamos un mes en que vende 40,000 pesos de café, todo
# por plataformas (el café va a tasa 0%, así que no le retienen IVA):

# %% [markdown] lang="en"
# **Without an RFC, Ernesto receives 255 pesos less for every 1,000 he sells.** With an RFC,
# what is withheld is not lost: it is a payment on account of his taxes (in the books it appears
# as *Income tax withheld* and *VAT withheld*, which are assets) and it counts when working out
# what he owes each month; check with your accountant how it applies to you. Getting an RFC and
# being in RESICO is, almost always, much cheaper than selling without one.
#
# Sources: LISR arts. 113-A to 113-C and LIVA art. 18-J (reform published in the DOF on 9 December
# 2019, in force from 1 June 2020); 2.5% income tax from 1 January 2026, Federal Revenue Law 2026
# (LIF 2026), art. 25, fr. VI. The 20% income tax without an RFC is an estimate, unverified.
#
# ### At 2.5%, more income tax is withheld than he owes in RESICO
#
# In RESICO, Ernesto pays 1% to 2.5% of what he collects; the platform withholds 2.5%. Only in
# the table's last row are the two rates equal: almost always **more income tax is withheld than
# he owes**, and he is left with a **balance in his favour**. Let us look at a month in which he
# sells 40,000 pesos of coffee, all on platforms (coffee is at 0%, so no IVA is withheld):

# %%
mes = Money("40000.00")  # un mes de café por plataformas / a month of coffee on platforms
retencion = marketplace_withholding(mes, has_rfc=True, on=HOY, iva_kind="food")
isr_resico = resico_monthly_isr(mes, on=HOY)
say("nb.ch15.withheld_vs_resico", income=mes.format(),
    rate=f"{resico_rate(mes.amount, on=HOY):.1%}", isr=isr_resico.format(),
    withheld=retencion.isr_withheld.format(),
    favour=(retencion.isr_withheld - isr_resico).format())

# %% [markdown] lang="es"
# Cómo recupera ese saldo (acreditarlo en los meses siguientes o pedir la devolución) conviene
# confirmarlo con su contador o con el SAT. Si vende mucho por plataformas, le pasa cada mes:
# tiene que contarlo en su flujo de efectivo.

# %% [markdown] lang="en"
# How he gets that balance back (crediting it in the following months or asking for a refund) is
# worth confirming with his accountant or the SAT. If he sells a lot on platforms, it happens
# every month: he has to count it in his cash flow.

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
# Cuando Ernesto exporte de forma definitiva (por ejemplo, café a una tostadora de Texas), su
# CFDI de exportación lleva el **complemento de comercio exterior**: datos de la mercancía y de
# la operación que la aduana cruza con el pedimento. La venta va con IVA de **0%**, y el IVA de
# sus compras lo puede acreditar o pedir en devolución. Antes de su primera exportación conviene
# revisar el complemento con su agente aduanal y su contador: es donde más se atoran las
# primeras facturas de exportación.
#
# Fuente: SAT, CFDI versión 4.0 (Anexo 20 de la Resolución Miscelánea Fiscal) y su complemento de
# comercio exterior para las exportaciones definitivas.

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
# When Ernesto exports for good (for example, coffee to a roaster in Texas), his export CFDI
# carries the **foreign-trade complement** (*complemento de comercio exterior*): data on the
# goods and the operation that customs matches against the customs declaration (*pedimento*).
# The sale carries **0%** IVA, and the IVA on his purchases can be credited or refunded. Before
# his first export he should go over the complement with his customs broker and his accountant:
# it is where first export invoices most often get stuck.
#
# Source: SAT, CFDI version 4.0 (Annex 20 of the Resolución Miscelánea Fiscal) and its
# foreign-trade complement for definitive exports.

# %% [markdown] lang="es"
# ## Tablero: el IVA y el ISR de un mes de Ernesto
#
# En el tablero mueves el ingreso del mes (sin IVA), qué parte es café (IVA de 0%; lo demás son
# tazas al 16%), qué parte vende en Mercado Libre y Amazon (que le retienen impuestos) y sus
# compras con factura. A la izquierda, la línea del ISR de RESICO con sus saltos en 25,000,
# 50,000 y 83,333.33 pesos; el punto es el mes que elegiste. A la derecha, su IVA y su ISR del
# mes, lo que ya le retuvieron las plataformas y lo que le falta pagar.
#
# **Antes de mover los controles, predice.** El tablero empieza con un mes de 40,000 pesos. Si
# Ernesto cobra **60,000 pesos** en el mes (sin IVA), **¿cuánto ISR de RESICO paga?** Usa la
# tabla de tasas de arriba y escribe tu predicción en la celda de abajo.

# %% [markdown] lang="en"
# ## Dashboard: the IVA and income tax of one month for Ernesto
#
# In the dashboard you move the month's income (without IVA), the share that is coffee (0% IVA;
# the rest are mugs at 16%), the share he sells on Mercado Libre and Amazon (which withhold taxes
# from him) and his purchases with an invoice. On the left, the RESICO income-tax line with its
# jumps at 25,000, 50,000 and 83,333.33 pesos; the dot is the month you chose. On the right, his
# IVA and income tax for the month, what the platforms already withheld and what he still has
# to pay.
#
# **Before you move the controls, predict.** The dashboard starts with a 40,000-peso month. If
# Ernesto collects **60,000 pesos** in the month (without IVA), **how much RESICO income tax does
# he pay?** Use the table of rates above and write your prediction in the cell below.

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
# Cada vez que te pagan, pasa a una cuenta aparte el IVA que cobraste y un porcentaje para el ISR
# (en RESICO, de 1% a 2.5% de lo cobrado sin IVA). Así, cuando toque declarar el mes siguiente, el
# dinero ya está ahí. Y pide factura de todo lo que compras para el negocio: es IVA que recuperas.

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
# 1. Con `resico_monthly_isr`, compara lo que le queda a Ernesto (ingreso menos ISR) con 25,000
#    pesos exactos y con 25,010. ¿Con cuál le queda más? ¿Hasta qué ingreso pasa eso? ¿Qué le
#    dirías si está a punto de cerrar una venta chica a fin de mes?
# 2. Ernesto exporta 40,000 pesos de café en un mes y paga 2,400 pesos de IVA en sus compras.
#    Usa `add_iva(..., kind="export")` y `iva_payable` para calcular su IVA del mes. ¿Paga o tiene
#    saldo a favor?
# 3. Enseña: un vecino vende en Mercado Libre sin RFC. En 3 minutos, explícale con la tabla de
#    retenciones cuánto pierde por cada 1,000 pesos y qué necesita para sacar su RFC.
# 4. En abril de 2026 Ernesto vende 40,000 pesos de café (sin IVA): 30,000 por Mercado Libre y
#    10,000 en el tianguis. Con `resico_monthly_isr` y `marketplace_withholding(...,
#    iva_kind="food")`, calcula su ISR de RESICO del mes y el ISR que le retuvo la plataforma.
#    ¿Le falta pagar ISR o tiene saldo a favor? ¿De cuánto?

# %% [markdown] lang="en"
# ## Your turn
#
# 1. With `resico_monthly_isr`, compare what Ernesto keeps (income minus tax) with exactly 25,000
#    pesos and with 25,010. Which leaves him more? Up to what income does that happen? What would
#    you tell him if he is about to close a small sale at the end of the month?
# 2. Ernesto exports 40,000 pesos of coffee in a month and pays 2,400 pesos of IVA on his
#    purchases. Use `add_iva(..., kind="export")` and `iva_payable` to work out the month's IVA.
#    Does he pay, or does he have a balance in his favour?
# 3. Teach it: a neighbour sells on Mercado Libre without an RFC. In 3 minutes, use the
#    withholding table to explain how much he loses per 1,000 pesos and what he needs to get an
#    RFC.
# 4. In April 2026 Ernesto sells 40,000 pesos of coffee (before IVA): 30,000 on Mercado Libre and
#    10,000 at the street market. With `resico_monthly_isr` and `marketplace_withholding(...,
#    iva_kind="food")`, work out his RESICO income tax for the month and the income tax the
#    platform withheld. Does he still owe income tax, or does he have a balance in his favour? How
#    much?
