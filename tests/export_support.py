"""A small, hand-checkable export world shared by the export tests (fixtures in conftest).

Flat freight rates in pesos (so every worked example can be done by hand in the test's
text), one quote date and the peso at 20 per dollar on it.
"""

from __future__ import annotations

from pathlib import Path

from mipyme.export import ExportData, Product, Shipment
from mipyme.money import default_rates

FREIGHT = """\
line,mode,market,basis,currency,fixed,amount,minimum,divisor,source,as_of
export_packing,any,*,shipment,MXN,0,500,,,test,2026-03-01
loading,any,*,shipment,MXN,0,300,,,test,2026-03-01
export_clearance,any,*,shipment,MXN,0,2000,,,test,2026-03-01
inland_freight,any,*,shipment,MXN,0,1000,,,test,2026-03-01
origin_handling,any,*,wm,MXN,0,500,,,test,2026-03-01
international_freight,any,*,wm,MXN,0,5000,,,test,2026-03-01
insurance_icc_a,any,*,rate,,,0.005,,,test,2026-03-01
insurance_icc_c,any,*,rate,,,0.003,,,test,2026-03-01
destination_handling,any,*,shipment,MXN,0,400,,,test,2026-03-01
delivery,any,*,shipment,MXN,0,600,,,test,2026-03-01
unloading,any,*,shipment,MXN,0,150,,,test,2026-03-01
import_clearance,any,*,shipment,MXN,0,800,,,test,2026-03-01
"""
ON = "2026-03-02"


def flat_freight_data(folder: Path) -> ExportData:
    """The export tables with the flat freight rates above (written into ``folder``)."""
    path = folder / "freight.csv"
    path.write_text(FREIGHT, encoding="utf-8")
    return ExportData.from_files(freight=path)


def peso_at_20():
    """The packaged exchange rates with the peso at 20 per dollar on ``ON``."""
    return default_rates().with_rate("USD", ON, "20")


def plates(originating=False, units=100):
    """Talavera plates at 100 pesos each, 1 kg, 20 x 20 x 10 cm; 10% overhead, 20% margin."""
    product = Product("Plato de Talavera", "talavera", "100", "1", ("20", "20", "10"),
                      usmca_originating=originating)
    return Shipment(product, units, overhead_rate="0.10", margin_rate="0.20")
