"""The graded exercises of the export part (ch07-ch11): the misconceptions their fixtures cover.

The contract every assignment keeps is ``tests/test_exercise_contract.py``; this module checks
what is particular to these chapters.
"""

from __future__ import annotations

from exercise_support import mistakes

ASSIGNMENTS = ("ch07_incoterms", "ch08_costeo_exportacion", "ch09_aduanas_tmec",
               "ch10_marketplaces_exterior", "ch11_tipo_de_cambio")


def test_the_mistakes_cover_the_misconceptions_of_the_issue():
    # FOB by air, insurance without 110% / without dividing, duty on the CIF value for the US,
    # the fee added on the cost, multiplying instead of dividing by the exchange rate.
    assert "fob_por_avion" in mistakes("ch07_incoterms")
    assert {"seguro_sin_110", "seguro_sobre_cfr"} <= set(mistakes("ch08_costeo_exportacion"))
    assert "arancel_sobre_cif" in mistakes("ch09_aduanas_tmec")
    assert "comision_sobre_costo" in mistakes("ch10_marketplaces_exterior")
    assert "multiplica_en_vez_de_dividir" in mistakes("ch11_tipo_de_cambio")
    for assignment in ASSIGNMENTS:
        assert len(mistakes(assignment)) >= 2

