# %% [markdown] lang="es"
# # 18 · Cumplir para exportar: requisitos y logística

# %% [markdown] lang="en"
# # 18 · Export compliance and logistics

# %%
from mipyme.notebook import say, setup, show

LANG = setup("es")
say("notebook.language_set")

# %% [markdown] lang="es"
# ## El precio no basta: la mercancía tiene que poder salir y entrar
#
# En los capítulos 7 a 11 aprendimos a poner precio a una exportación. Pero una cotización
# perfecta no sirve si la caja se queda detenida en la frontera. Cada producto tiene sus
# **requisitos**: registros, certificados, etiquetas, permisos. Algunos los hace el taller,
# otros el agente aduanal y otros la importadora del otro lado. Y cada uno **tarda**.
#
# En este cuaderno usamos a las seis empresas del curso:
#
# - **Mezcal Lluvia de Piedra** (Rosa Martínez, Santiago Matatlán): NOM-070, TTB y FDA.
# - **Café Cumbre de Coatepec** (Ernesto Landa) y **Miel Flor de Tajonal** (Wendy Chan, Maní):
#   registro ante la FDA y aviso previo de cada embarque.
# - **Talavera Azul de la Luz** (Guadalupe Hernández): el plomo de los esmaltes.
# - **Tejidos de la Montaña** (María Gómez Pérez): la etiqueta textil y el T-MEC para artesanías.
# - **Plata Luna de Taxco** (Alejandro Salgado): el Padrón de Exportadores Sectorial.
#
# Los plazos y costos de la tabla del kit son **estimaciones** para enseñar: cada fila dice su
# fuente, y antes de prometer una fecha hay que confirmarla con la autoridad.

# %% [markdown] lang="en"
# ## The price is not enough: the goods must be able to leave and enter
#
# In chapters 7 to 11 we learned to price an export. But a perfect quote is useless if the box
# is held at the border. Each product has its **requirements**: registrations, certificates,
# labels, permits. Some are done by the workshop, others by the customs broker and others by
# the importer on the other side. And each one **takes time**.
#
# In this notebook we use the course's six businesses:
#
# - **Mezcal Lluvia de Piedra** (Rosa Martínez, Santiago Matatlán): NOM-070, TTB and FDA.
# - **Café Cumbre de Coatepec** (Ernesto Landa) and **Miel Flor de Tajonal** (Wendy Chan, Maní):
#   FDA registration and prior notice of each shipment.
# - **Talavera Azul de la Luz** (Guadalupe Hernández): the lead in the glazes.
# - **Tejidos de la Montaña** (María Gómez Pérez): the textile label and USMCA for handicrafts.
# - **Plata Luna de Taxco** (Alejandro Salgado): the sector exporters' register.
#
# The lead times and costs in the kit's table are **estimates** for teaching: each row gives its
# source, and before promising a date it must be confirmed with the authority.

# %% [markdown] lang="es"
# ## Paso 1 · Lo que pide cada producto
#
# Empezamos con el mezcal de Rosa para Estados Unidos. La columna «Espera a» dice qué trámite
# tiene que estar listo antes: la aprobación de etiqueta (COLA) la pide la importadora, y solo
# puede pedirla cuando ya tiene su permiso de la TTB.

# %% [markdown] lang="en"
# ## Step 1 · What each product needs
#
# We start with Rosa's mezcal for the United States. The "Waits for" column says which step
# must be done first: the label approval (COLA) is requested by the importer, and she can only
# request it once she has her TTB permit.

# %%
from mipyme.export import requirements
from mipyme.notebook import text


def tabla_requisitos(producto, mercado="US"):
    pasos = requirements(producto, mercado, lang=LANG)
    nombres = dict(zip(pasos["requirement"], pasos["name"], strict=True))
    return pasos.assign(
        kind=[text(f"nb.ch18.{k}") for k in pasos["kind"]],
        who=[text(f"compliance.who.{w}") for w in pasos["who"]],
        after=[nombres.get(a, "") for a in pasos["after"]],
    )[["name", "kind", "who", "after", "lead_days", "source"]].rename(columns={
        "name": text("nb.ch18.col_step"), "kind": text("nb.ch18.col_kind"),
        "who": text("nb.ch18.col_who"), "after": text("nb.ch18.col_after"),
        "lead_days": text("nb.ch18.col_days"), "source": text("nb.ch18.col_source")})


show(tabla_requisitos("mezcal"), "nb.ch18.requirements_caption")

# %% [markdown] lang="es"
# **Cómo leerla:** hay requisitos de **México** (RFC y e.firma, encargo conferido al agente
# aduanal, factura con complemento de comercio exterior, NOM-070, Padrón de Exportadores
# Sectorial) y requisitos de **Estados Unidos** (registro y aviso previo ante la FDA, permiso y
# etiqueta de la TTB). Cambia `"mezcal"` por `"talavera"`, `"cotton_apparel"` o
# `"silver_jewelry"` y vuelve a correr la celda: cada producto tiene su lista.

# %% [markdown] lang="en"
# **How to read it:** there are **Mexican** requirements (RFC and e.firma, the customs broker
# named in the SAT portal, the invoice with the foreign-trade complement, NOM-070, the sector
# exporters' register) and **US** requirements (FDA registration and prior notice, the TTB
# permit and label). Change `"mezcal"` to `"talavera"`, `"cotton_apparel"` or
# `"silver_jewelry"` and run the cell again: each product has its own list.

# %% [markdown] lang="es"
# ## Paso 2 · El autodiagnóstico: ¿qué me falta?
#
# Wendy Chan ya tiene su RFC con e.firma y ya dio de alta a su agente aduanal en el portal del
# SAT. Quiere mandar miel de melipona a una tienda de Houston. El autodiagnóstico recibe sus
# respuestas (`True` si ya lo tiene, `False` si no) y le dice, en palabras sencillas, qué le
# falta y cuándo podría enviar si empieza hoy, 2 de marzo de 2026.

# %% [markdown] lang="en"
# ## Step 2 · The self-check: what am I missing?
#
# Wendy Chan already has her RFC with e.firma and has named her customs broker in the SAT
# portal. She wants to send melipona honey to a shop in Houston. The self-check takes her
# answers (`True` if she has it, `False` if not) and tells her, in plain words, what is missing
# and when she could ship if she starts today, 2 March 2026.

# %%
import pandas as pd

from mipyme.export import readiness

respuestas = {"rfc_efirma": True, "encargo_conferido": True}
diagnostico = readiness("honey", "US", respuestas, today="2026-03-02")
show(pd.DataFrame({text("nb.ch18.col_what"): diagnostico.messages(LANG)}),
     "nb.ch18.missing_caption")
say("nb.ch18.ship_date", date=diagnostico.ship_date.isoformat(),
    days=(diagnostico.ship_date - diagnostico.today).days)

# %% [markdown] lang="es"
# **Cómo leerla:** le faltan cinco requisitos obligatorios y uno opcional (la certificación de
# origen T-MEC, que le ahorra arancel a su cliente). La fecha no es «hoy más el trámite más
# largo» sin más: el aviso previo de cada embarque solo se puede mandar cuando la instalación ya
# está registrada ante la FDA.

# %% [markdown] lang="en"
# **How to read it:** she is missing five required steps and an optional one (the USMCA
# certification of origin, which saves her customer duty). The date is not simply "today plus
# the longest step": the prior notice of each shipment can only be sent once the facility is
# registered with the FDA.

# %% [markdown] lang="es"
# ## Paso 3 · La fecha la pone la cadena más larga
#
# Los trámites que no dependen uno del otro se hacen al mismo tiempo; los que sí, uno tras
# otro. Esta tabla dice, para el mezcal de Rosa sin nada hecho, en qué día empieza y en qué día
# termina cada trámite.

# %% [markdown] lang="en"
# ## Step 3 · The longest chain sets the date
#
# Steps that do not depend on each other run at the same time; those that do, one after the
# other. This table says, for Rosa's mezcal with nothing done, on which day each step starts and
# on which day it ends.

# %%
from mipyme.export import earliest_ship_date, schedule

plan = schedule("mezcal", "US", lang=LANG)
obligatorios = plan[plan["kind"] == "must"].reset_index(drop=True)
show(obligatorios[["name", "start", "end"]].rename(columns={
    "name": text("nb.ch18.col_step"), "start": text("nb.ch18.col_start"),
    "end": text("nb.ch18.col_end")}), "nb.ch18.schedule_caption")
print(earliest_ship_date("mezcal", "US", "2026-03-02"))

# %% [markdown] lang="es"
# **Cómo leerla:** el trámite más largo es el permiso de la importadora ante la TTB (60 días),
# pero la aprobación de etiqueta (20 días) empieza hasta que ese permiso existe. La cadena
# completa tarda 80 días: el mezcal sale, lo más pronto, el 21 de mayo de 2026. Si Rosa vende a
# una importadora que **ya** tiene permiso y etiqueta aprobada, la cadena más larga pasa a ser la
# certificación NOM-070 (30 días) y la fecha se adelanta al 1 de abril.

# %% [markdown] lang="en"
# **How to read it:** the longest single step is the importer's TTB permit (60 days), but the
# label approval (20 days) only starts once that permit exists. The whole chain takes 80 days:
# the mezcal leaves on 21 May 2026 at the earliest. If Rosa sells to an importer that
# **already** has her permit and an approved label, the longest chain becomes the NOM-070
# certification (30 days) and the date moves up to 1 April.

# %% [markdown] lang="es"
# ## Paso 4 · ¿Quién es la importadora registrada?
#
# Quien despacha la mercancía en el país de destino es la **importadora registrada**: firma la
# entrada, responde ante la aduana y paga arancel, cuotas e impuestos. La regla Incoterms lo
# decide. Solo con **DDP** lo es la vendedora.

# %% [markdown] lang="en"
# ## Step 4 · Who is the importer of record?
#
# Whoever clears the goods in the destination country is the **importer of record**: she files
# the entry, answers to customs and pays duty, fees and taxes. The Incoterms rule decides it.
# Only under **DDP** is it the seller.

# %%
from mipyme.export import RULES, importer_of_record

reglas = pd.DataFrame([{
    text("nb.ch18.col_rule"): r,
    text("nb.ch18.col_importer"): text(f"nb.ch18.{importer_of_record(r).importer}"),
    text("nb.ch18.col_duty"): text(f"nb.ch18.{importer_of_record(r).duty}"),
    text("nb.ch18.col_taxes"): text(f"nb.ch18.{importer_of_record(r).import_taxes}"),
} for r in RULES])
show(reglas, "nb.ch18.ior_caption")
print(importer_of_record("DDP").sentence(LANG))

# %% [markdown] lang="es"
# **Cómo leerla:** si Ernesto vende DDP a Houston, **él** es el importador registrado en Estados
# Unidos: necesita a alguien que despache allá en su nombre y responde por el aviso previo, el
# arancel y los reembolsos. Con DAP, todo eso es de la compradora.

# %% [markdown] lang="en"
# **How to read it:** if Ernesto sells DDP to Houston, **he** is the importer of record in the
# United States: he needs someone to clear the goods there on his behalf, and he answers for the
# prior notice, the duty and any refunds. Under DAP, all of that is the buyer's.

# %% [markdown] lang="es"
# ## Paso 5 · Por camión y cruzando el puente
#
# El motor de cotización también cotiza **camión** hasta la frontera y el cruce (por ejemplo
# Nuevo Laredo - Laredo). Comparamos 200 bolsas de café de Ernesto por camión y por paquetería,
# con DAP y con DDP. Los fletes por camión son estimaciones.

# %% [markdown] lang="en"
# ## Step 5 · By truck, across the bridge
#
# The quote engine also prices **truck** freight to the border and the crossing (for example
# Nuevo Laredo - Laredo). We compare 200 bags of Ernesto's coffee by truck and by courier,
# under DAP and under DDP. The truck rates are estimates.

# %%
from mipyme.datasets import load_catalog
from mipyme.export import Product, Shipment, prior_notice_deadline, quote
from mipyme.money import Money

bolsa = load_catalog("cafe").set_index("sku").loc["CAF-GR-1K"]
cafe = Product(bolsa["name_es" if LANG == "es" else "name_en"], "coffee",
               unit_cost=bolsa["unit_cost"], weight_kg=bolsa["weight_kg"],
               dimensions_cm=(bolsa["length_cm"], bolsa["width_cm"], bolsa["height_cm"]))
filas = []
for modo in ("truck", "courier"):
    for regla in ("DAP", "DDP"):
        q = quote(Shipment(cafe, units=200, mode=modo, origin="Coatepec"), regla, "US",
                  currency="USD", on="2026-03-02")
        lineas = q.landed_lines.set_index("line")["amount"]
        pagado = regla == "DDP"
        filas.append({text("nb.ch18.col_mode"): text(f"export.mode.{modo}"),
                      text("nb.ch18.col_rule"): regla,
                      text("nb.ch18.col_clearance"): Money(lineas["import_clearance"]
                                                           if pagado else 0, "USD"),
                      text("nb.ch18.col_price"): q.price,
                      text("nb.ch18.col_per_unit"): q.price_per_unit})
show(pd.DataFrame(filas), "nb.ch18.modes_caption")
limite = prior_notice_deadline("2026-03-10 09:00", "truck")
say("nb.ch18.deadline", arrival="2026-03-10 09:00", deadline=limite.strftime("%Y-%m-%d %H:%M"),
    hours=2)

# %% [markdown] lang="es"
# **Cómo leerla:** por camión el precio DDP es más bajo que por paquetería, y la diferencia
# entre DAP y DDP es el despacho en Estados Unidos, que con DDP paga Ernesto como importador
# registrado. El aviso previo a la FDA por camión debe estar confirmado 2 horas antes de llegar
# al puente; por avión serían 4 y por barco 8 (21 CFR 1.279).

# %% [markdown] lang="en"
# **How to read it:** by truck the DDP price is lower than by courier, and the difference
# between DAP and DDP is the US clearance, which under DDP Ernesto pays as importer of record.
# The FDA prior notice by truck must be confirmed 2 hours before reaching the bridge; by air it
# would be 4 and by sea 8 (21 CFR 1.279).

# %% [markdown] lang="es"
# ## Explora: ¿cuándo puede salir la mercancía?
#
# En el tablero eliges el producto y dices qué ya está hecho: el RFC con e.firma, y la parte de
# la importadora. Cada barra es un trámite obligatorio, del día en que puede empezar al día en
# que termina; las barras rojas son la cadena más larga y la línea punteada es la primera fecha
# de envío.
#
# **Antes de mover el control:** Wendy Chan ya tiene su RFC y su e.firma. El trámite más largo
# de la miel es el registro ante la FDA, de 7 días. ¿Cuántos días faltan para que su miel pueda
# salir? Escribe tu predicción en la celda de abajo.

# %% [markdown] lang="en"
# ## Explore: when can the goods leave?
#
# In the dashboard you pick the product and say what is already done: the RFC with e.firma, and
# the importer's part. Each bar is a required step, from the day it can start to the day it
# ends; the red bars are the longest chain and the dotted line is the earliest ship date.
#
# **Before you move the control:** Wendy Chan already has her RFC and e.firma. The longest
# single step for honey is the FDA registration, 7 days. How many days until her honey can
# leave? Write your prediction in the cell below.

# %%
prediccion = None  # escribe tu número / write your number

# %%
from mipyme.dashboards.export_compliance import ComplianceDashboard

tablero = ComplianceDashboard(product="mezcal", market="US", today="2026-03-02")
tablero.widget()

# %% [markdown] lang="es"
# Ahora elige la **miel** y marca «sí» en «RFC y e.firma listos», y compara con tu predicción
# (corre la celda de abajo). Luego vuelve al mezcal y marca que la importadora ya hizo su
# parte: ¿cuántos días se ahorra Rosa?

# %% [markdown] lang="en"
# Now pick **honey**, set "RFC and e.firma ready" to "yes", and compare with your prediction
# (run the cell below). Then go back to mezcal and say the importer has done her part: how many
# days does Rosa save?

# %%
tablero.compare(prediccion)

# %% [markdown] lang="es"
# ## Regla práctica
#
# - Antes de cotizar, haz el **autodiagnóstico**: qué pide tu producto en México y en el
#   mercado de destino, quién lo hace y cuánto tarda.
# - La fecha de envío la pone la **cadena más larga**, no el trámite más largo: un trámite que
#   espera a otro suma sus días a los de ese otro.
# - Con **DDP eres la importadora registrada**: tú respondes por el aviso previo, el arancel y
#   los impuestos en destino.
# - Los plazos y costos del kit son **estimaciones**: confirma con la FDA, la TTB, el SAT,
#   SENASICA o tu agente aduanal antes de prometer una fecha.

# %% [markdown] lang="en"
# ## Rule of thumb
#
# - Before quoting, do the **self-check**: what your product needs in Mexico and in the
#   destination market, who does it and how long it takes.
# - The ship date is set by the **longest chain**, not the longest step: a step that waits for
#   another adds its days to that other one's.
# - Under **DDP you are the importer of record**: you answer for the prior notice, the duty and
#   the taxes at destination.
# - The kit's lead times and costs are **estimates**: confirm with the FDA, the TTB, the SAT,
#   SENASICA or your customs broker before promising a date.

# %% [markdown] lang="es"
# ## Tu turno
#
# 1. Con el tablero, elige la **Talavera** de Guadalupe Hernández. ¿Qué trámite pone la fecha
#    de envío y en qué fecha puede salir? ¿Qué pasa si vende platos solo decorativos?
# 2. Haz el autodiagnóstico de **Tejidos de la Montaña** para Estados Unidos sin nada hecho
#    (`readiness("cotton_apparel", "US", {}, today="2026-03-02")`). ¿Cuántos requisitos
#    obligatorios le faltan, cuándo puede enviar y cuánto cambia la fecha si también espera el
#    certificado de artesanía (`include_benefits=True` en `earliest_ship_date`)?
# 3. Prepara una explicación de 5 minutos para un grupo de mezcaleras de Oaxaca: ¿por qué
#    vender DDP las hace importadoras registradas en Estados Unidos y qué tienen que pedirle a su
#    importadora antes de mandar la primera caja? Usa la tabla del paso 4.

# %% [markdown] lang="en"
# ## Your turn
#
# 1. With the dashboard, pick Guadalupe Hernández's **Talavera**. Which step sets the ship
#    date, and on which date can it leave? What happens if she sells purely decorative plates?
# 2. Do the self-check for **Tejidos de la Montaña** to the United States with nothing done
#    (`readiness("cotton_apparel", "US", {}, today="2026-03-02")`). How many required steps are
#    missing, when can she ship, and how much does the date change if she also waits for the
#    handicraft certificate (`include_benefits=True` in `earliest_ship_date`)?
# 3. Plan a 5-minute explanation for a group of women mezcal makers from Oaxaca: why does selling
#    DDP make them importers of record in the United States, and what must they ask their
#    importer for before sending the first box? Use the table of step 4.
