"""The example datasets: reproducible bytes, calibrated figures, and loaders that catch edits.

The worked examples use the Talavera workshop of Puebla: a dinner plate (TAL-PLT-27) lists at
MXN 520.00 IVA included, so its IVA is 520.00 - 520.00 / 1.16 = 520.00 - 448.28 = 71.72.
"""

from __future__ import annotations

import datetime as dt
import filecmp
import os
import shutil
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mipyme.datasets import (
    BUSINESS_CODES,
    DEFAULT_SEED,
    END,
    START,
    TABLES,
    build,
    data_dictionary,
    default_folder,
    describe,
    fx_series,
    load_catalog,
    load_costs,
    load_fx,
    load_orders,
    load_suppliers,
    load_table,
    read_checked,
    table_schema,
)
from mipyme.datasets.__main__ import main
from mipyme.datasets.schema import CATEGORIES, CHANNELS
from mipyme.errors import InputError
from mipyme.i18n import language
from mipyme.money import round_money
from mipyme.tables import read_table

ROOT = Path(__file__).resolve().parents[1]
RESICO_LIMIT = Decimal("3500000")  # yearly income limit of RESICO (LISR art. 113-E)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("ds_a"), seed=DEFAULT_SEED)


@pytest.fixture(scope="module")
def orders(built) -> dict[str, pd.DataFrame]:
    return {b: load_orders(b, folder=built) for b in BUSINESS_CODES}


# -- reproducible bytes ---------------------------------------------------------------------
def test_same_seed_gives_the_same_bytes(built, tmp_path):
    again = build(tmp_path / "b", seed=DEFAULT_SEED)
    names = sorted(p.name for p in built.iterdir())
    assert names == sorted(p.name for p in again.iterdir())
    match, mismatch, errors = filecmp.cmpfiles(built, again, names, shallow=False)
    assert mismatch == [] and errors == []
    assert len(match) == len(names) > 30


def test_another_seed_gives_other_orders_but_the_same_catalog(built, tmp_path):
    other = build(tmp_path / "c", seed=7, only=("miel",))
    same = (built / "miel_catalog.csv").read_bytes() == (other / "miel_catalog.csv").read_bytes()
    assert same
    assert (built / "miel_orders.csv").read_bytes() != (other / "miel_orders.csv").read_bytes()
    assert (built / "fx.csv").read_bytes() != (other / "fx.csv").read_bytes()


def test_files_are_utf8_with_unix_line_ends_and_sorted(built):
    raw = (built / "talavera_orders.csv").read_bytes()
    assert b"\r" not in raw
    raw.decode("utf-8")
    frame = load_orders("talavera", folder=built)
    assert frame["date"].is_monotonic_increasing


def test_output_stays_small(built):
    total = sum(p.stat().st_size for p in built.iterdir())
    assert total < 30 * 1024 * 1024


# -- dictionary -----------------------------------------------------------------------------
def test_committed_dictionary_is_what_the_generator_writes():
    committed = (ROOT / "datasets" / "README.md").read_text(encoding="utf-8")
    assert committed == data_dictionary(), "run: python -m mipyme.datasets dictionary " \
                                           "--out datasets/README.md"


def test_dictionary_names_every_column_in_both_languages():
    text = data_dictionary()
    spanish, english = text.split("## English")
    for table in TABLES.values():
        for column in table.columns:
            assert f"| `{column.name}` |" in spanish
            assert f"| `{column.name}` |" in english
    assert "| `price` | dinero" in spanish and "| `price` | money" in english


def test_every_calibrated_money_column_cites_a_source():
    for table in TABLES.values():
        for column in table.columns:
            if column.kind == "money" and column.name not in ("total",):
                assert column.source, f"{table.name}.{column.name} has no source"


def test_cli_writes_the_dictionary(tmp_path):
    target = tmp_path / "README.md"
    assert main(["dictionary", "--out", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == data_dictionary()


def test_describe_speaks_both_languages():
    assert describe("catalog", lang="es").columns[0] == "columna"
    english = describe("catalog", lang="en").set_index("column")
    assert english.loc["weight_kg", "unit"] == "kilograms"


# -- loaders: types -------------------------------------------------------------------------
def test_loaders_return_typed_frames(built, orders):
    sales = orders["talavera"]
    assert str(sales["date"].dtype).startswith("datetime64")
    assert sales["quantity"].dtype == "int64"
    assert isinstance(sales["channel"].dtype, pd.CategoricalDtype)
    assert all(isinstance(v, Decimal) for v in sales["total"])
    assert sales["returned"].dtype == bool
    plate = load_catalog("talavera", folder=built).set_index("sku").loc["TAL-PLT-27"]
    assert plate["price"] == Decimal("520.00") and plate["iva_rate"] == Decimal("0.16")
    silver = load_suppliers("plata", folder=built).set_index("supplier_id").loc["PLA-P01"]
    assert silver["unit"] == "g" and silver["unit_cost"] == Decimal("19.50")
    assert load_costs("cafe", folder=built)["month"].dt.day.eq(1).all()
    assert set(load_table("channels", folder=built)["channel"]) == set(CHANNELS)


def test_copied_tables_keep_their_provenance(built):
    tariffs = load_table("tariffs", folder=built)
    assert {"source", "as_of"} <= set(tariffs.columns)
    assert (built / "tariffs.csv").read_bytes() == (
        ROOT / "src" / "mipyme" / "data" / "tariffs.csv").read_bytes()


def test_default_folder_follows_the_environment(built, monkeypatch):
    monkeypatch.setenv("MIPYME_DATASETS", str(built))
    assert default_folder() == built
    assert len(load_fx()) > 400


def test_missing_data_says_how_to_build_it(tmp_path, monkeypatch):
    monkeypatch.delenv("MIPYME_DATASETS", raising=False)
    monkeypatch.chdir(tmp_path)
    with language("en"), pytest.raises(InputError, match="make datasets"):
        load_fx()


def test_unknown_business_and_table_are_named(built):
    with pytest.raises(InputError, match=r"'business'.*'tequila'"):
        load_orders("tequila", folder=built)
    with pytest.raises(InputError, match=r"'table'.*'ventas'"):
        load_table("ventas", folder=built)


# -- loaders: a wrong or edited file --------------------------------------------------------
def _edited(built: Path, tmp_path: Path, name: str, old: str, new: str, count: int = 1) -> Path:
    """Copy ``name`` to ``tmp_path`` with the first ``count`` occurrences of ``old`` changed."""
    text = (built / name).read_text(encoding="utf-8")
    assert old in text
    target = tmp_path / name
    target.write_text(text.replace(old, new, count), encoding="utf-8")
    return target


def _catalog_row(built: Path, sku: str) -> int:
    """Row number (header = 1) of ``sku`` in the Talavera catalog file."""
    lines = (built / "talavera_catalog.csv").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if line.startswith(sku + ","))


def test_missing_column_is_named(built, tmp_path):
    text = (built / "fx.csv").read_text(encoding="utf-8")
    frame = pd.read_csv(built / "fx.csv", dtype=str, keep_default_na=False)
    frame.drop(columns=["anchor"]).to_csv(tmp_path / "fx.csv", index=False)
    assert text  # the original is untouched
    with language("en"), pytest.raises(InputError) as err:
        load_fx(folder=tmp_path)
    assert str(err.value) == "the file fx.csv has no column 'anchor'"


def test_renamed_column_is_named(built, tmp_path):
    _edited(built, tmp_path, "talavera_catalog.csv", "unit_cost,price", "unit_cost,precio")
    with language("en"), pytest.raises(InputError) as err:
        load_catalog("talavera", folder=tmp_path)
    message = str(err.value)
    assert "talavera_catalog.csv" in message and "'price'" in message and "'precio'" in message


def test_extra_column_is_named(built, tmp_path):
    frame = pd.read_csv(built / "talavera_suppliers.csv", dtype=str, keep_default_na=False)
    frame["notes"] = "x"
    frame.to_csv(tmp_path / "talavera_suppliers.csv", index=False)
    with language("en"), pytest.raises(InputError) as err:
        load_suppliers("talavera", folder=tmp_path)
    assert "talavera_suppliers.csv" in str(err.value) and "'notes'" in str(err.value)


def test_non_numeric_price_names_file_row_and_column(built, tmp_path):
    row = _catalog_row(built, "TAL-PLT-27")
    _edited(built, tmp_path, "talavera_catalog.csv", "180.00,520.00", "180.00,quinientos")
    with language("en"), pytest.raises(InputError) as err:
        load_catalog("talavera", folder=tmp_path)
    assert str(err.value) == (f"the file talavera_catalog.csv, row {row}, column 'price': "
                              "is not a number (got 'quinientos')")


def test_negative_price_is_refused(built, tmp_path):
    row = _catalog_row(built, "TAL-PLT-27")
    _edited(built, tmp_path, "talavera_catalog.csv", "180.00,520.00", "180.00,-520.00")
    with language("es"), pytest.raises(InputError) as err:
        read_checked(tmp_path / "talavera_catalog.csv", "catalog")
    assert str(err.value) == (f"el archivo talavera_catalog.csv, fila {row}, columna 'price': "
                              "es menor que 0 (se recibió '-520.00')")


def test_bad_date_is_refused(built, tmp_path):
    first = (built / "fx.csv").read_text(encoding="utf-8").splitlines()[1].split(",")[0]
    _edited(built, tmp_path, "fx.csv", first, "02/01/2024")
    with language("en"), pytest.raises(InputError) as err:
        load_fx(folder=tmp_path)
    assert str(err.value) == ("the file fx.csv, row 2, column 'date': is not a date YYYY-MM-DD "
                              "(got '02/01/2024')")


@pytest.mark.parametrize(("old", "new", "column", "problem"), [
    (",home,", ",hogar,", "category", "must be one of"),
    ("520.00", "520.005", "price", "more than 2 decimals"),
    (",30,30,6", ",30.5,30,6", "length_cm", "whole number"),
    ("TAL-PLT-27,", ",", "sku", "is empty"),
])
def test_other_edits_are_named(built, tmp_path, old, new, column, problem):
    _edited(built, tmp_path, "talavera_catalog.csv", old, new)
    with language("en"), pytest.raises(InputError) as err:
        load_catalog("talavera", folder=tmp_path)
    assert f"column '{column}'" in str(err.value) and problem in str(err.value)


def test_order_for_a_product_not_in_the_catalog(built, tmp_path):
    shutil.copy(built / "talavera_catalog.csv", tmp_path)
    first = (built / "talavera_orders.csv").read_text(encoding="utf-8").splitlines()[1]
    sku = first.split(",")[6]
    _edited(built, tmp_path, "talavera_orders.csv", f",{sku},", ",TAL-XXX,")
    with language("en"), pytest.raises(InputError) as err:
        load_orders("talavera", folder=tmp_path)
    assert "row 2, column 'sku'" in str(err.value) and "TAL-XXX" in str(err.value)


def test_a_bool_column_takes_only_true_or_false(built, tmp_path):
    _edited(built, tmp_path, "fx.csv", ",false,", ",no,")
    with language("en"), pytest.raises(InputError, match="column 'anchor': must be true"):
        load_fx(folder=tmp_path)


# -- exchange rate --------------------------------------------------------------------------
def _anchors() -> dict[dt.date, Decimal]:
    rates = read_table("exchange_rates", decimals=("mxn_per_unit",), dates=("date", "as_of"))
    usd = rates[rates["currency"] == "USD"]
    return dict(zip(usd["date"], usd["mxn_per_unit"], strict=True))


def test_fx_passes_exactly_through_the_published_points():
    fx = fx_series(seed=DEFAULT_SEED).set_index("date")
    # The kit's exchange-rate table gives 18.0012 pesos per dollar on 2025-12-31 (an estimate,
    # unverified against Banxico's FIX publication).
    assert fx.loc[dt.date(2025, 12, 31), "mxn_per_usd"] == Decimal("18.0012")
    for day, value in _anchors().items():
        if day >= START:
            assert fx.loc[day, "mxn_per_usd"] == value
            assert bool(fx.loc[day, "anchor"])
    assert int(fx["anchor"].sum()) == sum(1 for d in _anchors() if d >= START)


def test_fx_covers_the_orders_on_business_days_only():
    fx = fx_series()
    assert fx["date"].iloc[0] <= dt.date(2024, 1, 2) and fx["date"].iloc[-1] >= END
    assert all(d.weekday() < 5 for d in fx["date"])
    assert fx["date"].is_monotonic_increasing and fx["date"].is_unique


@settings(max_examples=15, deadline=None)
@given(st.integers(min_value=0, max_value=2**32))
def test_any_seed_keeps_the_anchors_and_a_plausible_peso(seed):
    fx = fx_series(seed=seed)
    rates = [float(v) for v in fx["mxn_per_usd"]]
    assert min(rates) > 12 and max(rates) < 30
    real = fx[fx["anchor"]].set_index("date")["mxn_per_usd"].to_dict()
    assert real == {d: v for d, v in _anchors().items() if d >= START}


def test_simulated_days_say_they_are_not_real():
    fx = fx_series()
    assert fx.loc[~fx["anchor"], "source"].str.contains("not real").all()


# -- calibrated figures ---------------------------------------------------------------------
def test_totals_and_iva_add_up(orders):
    for sales in orders.values():
        sold = sales["status"] == "sold"
        assert (sales.loc[sold, "total"] == sales.loc[sold, "unit_price"]
                * sales.loc[sold, "quantity"]).all()
        assert (sales.loc[~sold, "total"] == 0).all()
    # worked example: one Talavera dinner plate at 520.00 carries 71.72 of IVA
    plates = orders["talavera"]
    one = plates[(plates["sku"] == "TAL-PLT-27") & (plates["quantity"] == 1)
                 & (plates["status"] == "sold")
                 & (plates["unit_price"] == Decimal("520.00")) & (plates["channel"] != "etsy")]
    assert len(one) > 0
    assert set(one["iva"]) == {Decimal("71.72")}
    assert Decimal("520.00") - round_money(Decimal("520.00") / Decimal("1.16")) == Decimal("71.72")
    # coffee and honey are food: IVA 0 (LIVA)
    assert (orders["cafe"].loc[orders["cafe"]["sku"] != "CAF-TAZ", "iva"] == 0).all()
    # the store simulator charges each product's own IVA (issue 20), on every channel: honey
    # on Mercado Libre 0; mezcal is a drink (16%, LIVA art. 2o.-A fr. I b numeral 1) even in
    # the food category: a 690.00 bottle sold in Mexico carries 690 - 594.83 = 95.17
    honey = orders["miel"]
    jars = honey[honey["sku"].isin(["MIE-500", "MIE-1K", "MIE-TAJ-350", "MIE-MEL-250",
                                    "MIE-PAN"]) & (honey["channel"] == "mercado_libre")
                 & (honey["status"] == "sold")]
    assert len(jars) > 0 and (jars["iva"] == 0).all()
    soap = honey[(honey["sku"] == "MIE-JAB") & (honey["status"] == "sold")
                 & (honey["channel"] != "etsy")]
    assert len(soap) > 0 and (soap["iva"] > 0).all()
    mezcal = orders["mezcal"]
    bottle = mezcal[(mezcal["sku"] == "MEZ-ESP-750") & (mezcal["quantity"] == 1)
                    & (mezcal["status"] == "sold") & (mezcal["unit_price"] == Decimal("690.00"))
                    & (mezcal["channel"].isin(["web", "mercado_libre", "amazon_mx"]))]
    assert len(bottle) > 0 and set(bottle["iva"]) == {Decimal("95.17")}


def test_wholesale_sells_at_sixty_percent_of_list(built, orders):
    catalog = load_catalog("mezcal", folder=built).set_index("sku")["price"]
    wholesale = orders["mezcal"][orders["mezcal"]["channel"] == "wholesale"]
    assert len(wholesale) > 0 and (wholesale["quantity"] >= 6).all()
    for sku, price in zip(wholesale["sku"], wholesale["unit_price"], strict=True):
        assert price == round_money(catalog[sku] * Decimal("0.60"))


def test_weekend_market_sells_on_weekends_only(orders):
    for sales in orders.values():
        stall = sales[sales["channel"] == "market_stall"]
        assert len(stall) > 0
        assert (stall["date"].dt.day_of_week >= 5).all()


def test_every_business_stays_inside_resico(orders):
    for business, sales in orders.items():
        sold = sales[sales["status"] == "sold"]
        for year in (2024, 2025):
            income = sum(sold.loc[sold["date"].dt.year == year, "total"], Decimal(0))
            assert Decimal(0) < income < RESICO_LIMIT, (business, year, income)


def test_two_full_years_of_orders_with_seasons(orders):
    for sales in orders.values():
        assert sales["date"].min() < pd.Timestamp("2024-01-15")
        assert sales["date"].max() > pd.Timestamp("2025-12-15")
        assert sales["order_id"].is_unique
    plata = orders["plata"]
    per_day = plata.groupby(plata["date"].dt.date).size()
    mothers = per_day[[d for d in per_day.index if d.month == 5 and d.day <= 10]].mean()
    assert mothers > per_day.mean()


def test_costs_materials_are_the_unit_costs_of_what_sold(built, orders):
    sales = orders["telar"]
    catalog = load_catalog("telar", folder=built).set_index("sku")["unit_cost"]
    march = sales[(sales["status"] == "sold") & (sales["date"].dt.year == 2025)
                  & (sales["date"].dt.month == 3)]
    expected = sum((catalog[s] * q for s, q in zip(march["sku"], march["quantity"],
                                                   strict=True)), Decimal(0))
    costs = load_costs("telar", folder=built)
    row = costs[(costs["concept"] == "materials") & (costs["month"] == "2025-03-01")]
    assert row["amount"].item() == expected > 0


def test_fixed_costs_rise_in_2025(built):
    costs = load_costs("talavera", folder=built)
    rent = costs[costs["concept"] == "rent"].set_index("month")["amount"]
    # 6,500.00 a month in 2024, plus 4.5% from January 2025 = 6,792.50
    assert rent[pd.Timestamp("2024-06-01")] == Decimal("6500.00")
    assert rent[pd.Timestamp("2025-06-01")] == Decimal("6792.50")


# -- input data -----------------------------------------------------------------------------
def test_inputs_cover_every_business():
    products = read_table("datasets_products")
    assert set(products["category"]) <= set(CATEGORIES)
    mix = read_table("datasets_channel_mix", decimals=("share",))
    for business in BUSINESS_CODES:
        assert (products["business"] == business).sum() >= 7
        assert (read_table("datasets_suppliers")["business"] == business).sum() >= 3
        assert sum(mix.loc[mix["business"] == business, "share"]) == Decimal("1.00")
    assert set(mix["channel"]) <= set(CHANNELS)


def test_schema_file_names():
    assert table_schema("orders").file_name("cafe") == "cafe_orders.csv"
    with language("en"), pytest.raises(InputError, match="business="):
        table_schema("costs").file_name()


def test_build_refuses_unknown_business(tmp_path):
    with language("en"), pytest.raises(InputError, match=r"'business'.*'tequila'"):
        build(tmp_path, only=("tequila",))
    assert not os.listdir(tmp_path)


ONLINE = ("web", "mercado_libre", "amazon_mx", "etsy")


def test_online_order_value_is_near_the_national_average(orders):
    # AMVO 2024: about MXN 1,000 per online order; a crafts and food store sits a bit under.
    sold = pd.concat([s[(s["status"] == "sold") & s["channel"].isin(ONLINE)]
                      for s in orders.values()])
    average = sum(sold["total"], Decimal(0)) / len(sold)
    assert Decimal(600) < average < Decimal(1400)
    food = orders["cafe"][(orders["cafe"]["status"] == "sold")
                          & orders["cafe"]["channel"].isin(ONLINE)]
    assert sum(food["total"], Decimal(0)) / len(food) < average


def test_clothing_is_returned_more_than_food(orders):
    def rate(sales):
        online = sales[(sales["status"] == "sold") & sales["channel"].isin(ONLINE)]
        return online["returned"].mean()

    assert rate(orders["telar"]) > 2 * rate(orders["cafe"])
    for sales in orders.values():  # only online buyers return
        assert not sales.loc[~sales["channel"].isin(ONLINE), "returned"].any()


def test_export_orders_go_to_the_us_without_iva(orders):
    etsy = orders["plata"][orders["plata"]["channel"] == "etsy"]
    assert len(etsy) > 0
    assert (etsy["country"] == "US").all() and (etsy["iva"] == 0).all()
    # mezcal does not sell on Etsy (not in its channel mix): no order there
    assert not (orders["mezcal"]["channel"] == "etsy").any()


def test_lost_sales_have_no_money_and_no_customer(orders):
    sales = pd.concat(orders.values())
    lost = sales[sales["status"] != "sold"]
    assert len(lost) > 0
    assert (lost["total"] == 0).all() and (lost["customer_id"] == "").all()


def test_orders_per_day_follow_the_business_table(built, orders):
    table = load_table("businesses", folder=built).set_index("business")
    for business, sales in orders.items():
        in_2024 = (sales["date"].dt.year == 2024).sum() / 366
        target = float(table.loc[business, "orders_per_day"])
        assert 0.8 * target < in_2024 < 1.6 * target, (business, in_2024, target)


def test_default_folder_is_found_from_a_subfolder(built, tmp_path, monkeypatch):
    monkeypatch.delenv("MIPYME_DATASETS", raising=False)
    shutil.copytree(built, tmp_path / "datasets" / "generated")
    (tmp_path / "notebooks").mkdir()
    monkeypatch.chdir(tmp_path / "notebooks")
    assert default_folder() == tmp_path / "datasets" / "generated"


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=20))
def test_money_survives_writing_and_loading(tmp_path_factory, cents):
    from mipyme.datasets.generate import write_table

    amounts = [Decimal(c).scaleb(-2) for c in cents]
    frame = pd.DataFrame({"month": [dt.date(2024, 1 + i % 12, 1) for i in range(len(cents))],
                          "concept": [f"c{i:02d}" for i in range(len(cents))],
                          "name_es": "renta", "name_en": "rent", "kind": "fixed",
                          "amount": amounts})
    path = write_table(frame, "costs", tmp_path_factory.mktemp("rt") / "x_costs.csv")
    back = read_checked(path, "costs").set_index("concept")["amount"]
    assert [back[f"c{i:02d}"] for i in range(len(cents))] == amounts


def test_cli_builds_one_business(tmp_path, capsys):
    assert main(["build", "--out", str(tmp_path), "--seed", "3", "--only", "miel"]) == 0
    assert "semilla 3" in capsys.readouterr().out
    assert len(load_orders("miel", folder=tmp_path)) > 1000


def test_a_broken_csv_is_named(built, tmp_path):
    text = (built / "talavera_suppliers.csv").read_text(encoding="utf-8")
    lines = text.splitlines()
    lines[2] += ",sobra,otra"
    (tmp_path / "talavera_suppliers.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with language("en"), pytest.raises(InputError, match=r"talavera_suppliers\.csv is not a valid"):
        load_suppliers("talavera", folder=tmp_path)
