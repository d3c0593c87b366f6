"""The graded exercises of the store part (ch01-ch06): the misconceptions their fixtures cover.

The contract every assignment keeps (the release, full marks, the blank release, each typical
mistake's points and feedback) is ``tests/test_exercise_contract.py``; this module checks
what is particular to these chapters.
"""

from __future__ import annotations

from exercise_support import ROOT, mistakes
from mipyme.grading.build_source import load_spec

ASSIGNMENTS = ("ch01_fundamentos", "ch02_catalogo_canales", "ch03_embudo", "ch04_pagos",
               "ch05_envios_inventario", "ch06_economia_unitaria")


def test_the_mistakes_cover_the_misconceptions_of_the_issue():
    # ch01 the owner's salary taken for mixing money, salary at the average month;
    # ch02 percent vs fraction, fixed fee forgotten (with IVA counted as profit); ch03 dividing
    # by orders instead of new customers (CAC; LTV with the funnel read backwards); ch04 IVA on
    # the fee forgotten, unpaid vouchers counted as sales (with cash on the day of the sale);
    # ch05 actual weight only, divisor 6000 (with the lead time forgotten).
    assert {"sueldo_como_mezcla", "sueldo_promedio"} == set(mistakes("ch01_fundamentos"))
    assert {"porcentaje_no_fraccion", "olvida_cuota_fija_e_iva"} == set(
        mistakes("ch02_catalogo_canales"))
    assert {"cac_entre_pedidos", "ltv_por_pedido"} == set(mistakes("ch03_embudo"))
    assert {"olvida_iva_comision", "fichas_vencidas_como_venta"} == set(mistakes("ch04_pagos"))
    assert {"solo_peso_real", "divide_entre_6000"} == set(mistakes("ch05_envios_inventario"))
    # ch06 the margin with the IVA inside (the chapter's first misconception), percent vs
    # fraction, the platform's fee added on top of the price or charged on the price without IVA
    assert {"margen_con_iva", "porcentaje_no_fraccion", "comision_encima",
            "comision_sin_iva"} <= set(mistakes("ch06_economia_unitaria"))
    assert "test_unit_margin" in mistakes("ch06_economia_unitaria")["margen_con_iva"]["lost"]
    lost = {(a, cell) for a in ASSIGNMENTS for spec in mistakes(a).values()
            for cell in spec["lost"]}
    for assignment in ASSIGNMENTS[:5]:  # every test cell is failed by some typical mistake
        source = load_spec(ROOT / "exercises" / "specs" / f"{assignment}.toml")
        cells = {c["id"] for c in source["cell"] if c["kind"] == "tests"}
        assert cells - {cell for a, cell in lost if a == assignment} <= {
            "test_expected_orders", "test_weight_dense", "test_payment_fee", "test_household_found"}

