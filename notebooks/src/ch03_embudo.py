# %% [markdown]
# # 03 · El embudo de marketing / The marketing funnel
#
# Elige el idioma en la primera celda de código. · Choose the language in the first code cell.

# %%
from mipyme.notebook import say, setup, show

LANG = setup("es")  # "es" (español) o/or "en" (English)
say("notebook.language_set")

# %%
say("nb.ch03.intro")

# %%
from mipyme.store import show as tabla
from mipyme.store import simulate

tienda = simulate(90, seed=2026, ad_budget={"web": 700, "mercado_libre": 700})
embudo = tienda.daily[["visits", "ad_clicks", "orders", "lost_stockout", "lost_voucher"]].sum()
show(tabla(embudo.to_frame().T), "nb.ch03.funnel_caption")
say("nb.ch03.funnel_explained", visits=f"{embudo['visits']:,}", orders=f"{embudo['orders']:,}",
    rate=f"{embudo['orders'] / embudo['visits']:.2%}")

# %%
say("nb.ch03.conversion_intro")

# %%
import pandas as pd

from mipyme.notebook import text
from mipyme.store import categories, channels, conversion

cats, canales = categories(), channels()
por_categoria = pd.DataFrame(
    {canales.loc[c, f"name_{LANG}"]: [f"{conversion(k, c, 100, 100):.2%}" for k in cats.index]
     for c in canales.index},
    index=pd.Index(cats[f"name_{LANG}"], name=text("nb.ch03.category")))
show(por_categoria, "nb.ch03.conversion_caption")

# %%
say("nb.ch03.ads_intro")

# %%
from mipyme.store import expected_visits

presupuestos = [0, 50, 100, 200, 400, 800]
visitas = pd.DataFrame(
    {f"${b:,}": [round(expected_visits(c, ad_budget_per_day=b)) for c in canales.index]
     for b in presupuestos},
    index=pd.Index(canales[f"name_{LANG}"], name=text("nb.ch03.budget_per_day")))
visitas.insert(0, text("nb.ch03.cpc"), canales["cpc"].to_list())
show(visitas, "nb.ch03.ads_caption")

# %%
say("nb.ch03.ads_explained")

# %%
say("nb.ch03.cac_intro")

# %%
from mipyme.store import unit_economics

economia = unit_economics(tienda).rename(index=canales[f"name_{LANG}"])
show(tabla(economia).round(2), "nb.ch03.cac_caption")

# %%
say("nb.ch03.cac_explained")

# %%
say("nb.ch03.dashboard_intro")

# %%
from mipyme.dashboards.store import StoreDashboard

tablero = StoreDashboard(seed=2026, days=90)
tablero.widget()

# %%
say("nb.ch03.rule_of_thumb")

# %%
say("nb.ch03.your_turn")
