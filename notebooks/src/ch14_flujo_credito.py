# %% [markdown]
# # 14 · Flujo de efectivo y crédito / Cash flow and credit
#
# Elige el idioma en la primera celda de código. · Choose the language in the first code cell.

# %%
from mipyme.notebook import say, setup, show

LANG = setup("es")  # "es" (español) o/or "en" (English)
say("notebook.language_set")

# %%
say("nb.ch14.intro")

# %%
from mipyme.finance.loans import LoanOffer, compare_loans, translate_loan_columns

grupal = LoanOffer("grupal", "10000", "0.72", 16, frequency="weekly", method="flat")
banco = LoanOffer("banco", "10000", "0.30", 4, opening_fee="200")
show(translate_loan_columns(compare_loans(grupal, banco, start="2026-02-02")),
     "nb.ch14.compare_caption")

# %%
say("nb.ch14.cat")

# %%
say("nb.ch14.dashboard_intro")

# %%
from mipyme.dashboards.finance import FinanceDashboard

tablero = FinanceDashboard()
tablero.widget()

# %%
say("nb.ch14.your_turn")
