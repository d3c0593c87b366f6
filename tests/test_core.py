"""Money, the i18n catalogue, the packaged data tables, the command line and the kit build."""

from __future__ import annotations

import string
import warnings
from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mipyme.cli import main
from mipyme.errors import InputError
from mipyme.i18n import LANGUAGES, language, t, texts
from mipyme.kit import build_kit, data_tables
from mipyme.money import ExchangeRates, Money, StaleRateWarning, default_rates, round_money
from mipyme.tables import read_table

D = Decimal


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_string_exists_in_both_languages_with_the_same_placeholders():
    entries = texts()
    assert len(entries) > 50
    for key, pair in entries.items():
        for lang in LANGUAGES:
            assert pair.get(lang, "").strip(), f"{key} has no {lang} text"
        assert _fields(pair["es"]) == _fields(pair["en"]), key


def test_missing_key_is_loud():
    with pytest.raises(KeyError, match="no text with key"):
        t("no.such.key")


def test_rounding_is_half_up_to_centavos():
    assert round_money("2.675") == D("2.68")  # float 2.675 would round down: not here
    assert round_money("2.665") == D("2.67")  # half-even would give 2.66
    assert round_money("-2.665") == D("-2.67")
    assert Money("0.125") == Money("0.13")


def test_money_refuses_mixing_and_lossy_floats():
    with language("en"):
        with pytest.raises(InputError, match="cannot combine USD and MXN"):
            Money(1, "USD") + Money(1)
        with pytest.raises(InputError, match=r"known currency .* \(got 'JPY'\)"):
            Money(1, "JPY")
        with pytest.raises(TypeError, match=r"'amount' is a float .*use Decimal\('0.30'\)"):
            Money(0.1 + 0.2)
    assert Money(19.99) == Money("19.99")  # a float with exact cents is what was meant


@given(st.integers(min_value=-10**9, max_value=10**9), st.integers(min_value=1, max_value=50))
def test_splitting_money_never_loses_a_centavo(cents, parts):
    total = Money(D(cents).scaleb(-2))
    share = total / parts
    last = total - share * (parts - 1)
    assert share * (parts - 1) + last == total
    assert abs(last - share) <= Money("0.01") * parts


def test_exchange_rates_use_the_latest_published_rate():
    fx = default_rates()
    assert fx.rate("USD", "MXN", "2025-12-31") == D("18.0012")
    assert fx.rate("USD", "MXN", "2026-01-20") == D("18.0012")  # the day before a new fix
    assert Money(100, "USD").convert("MXN", on="2026-01-21") == Money("1745.20")
    # Cross rate through the peso: EUR->USD = 20.30 / 17.452 = 1.16319046... -> 6 places
    assert fx.rate("EUR", "USD", "2026-01-21") == D("1.163190")
    with language("en"), pytest.raises(InputError, match="no USD->MXN exchange rate on or before"):
        fx.rate("USD", "MXN", "2010-01-01")


def test_a_stale_rate_warns_and_scenarios_add_rates():
    fx = default_rates()
    with pytest.warns(StaleRateWarning, match="2026-01-21"):
        fx.rate("USD", "MXN", "2027-12-01")
    scenario = fx.with_rate("USD", "2026-06-01", "20")
    assert scenario.rate("USD", "MXN", "2026-06-02") == D("20")
    assert fx.rate("USD", "MXN", "2026-06-02") == D("17.4520")  # the original is untouched
    with language("en"), pytest.raises(InputError, match="'mxn_per_unit' must be greater"):
        fx.with_rate("USD", "2026-06-01", "-1")


def test_rates_table_rejects_bad_rows(tmp_path):
    bad = tmp_path / "fx.csv"
    bad.write_text("date,currency,mxn_per_unit,source,as_of\n"
                   "2026-01-01,USD,diecisiete,x,2026-01-01\n", encoding="utf-8")
    with language("en"), pytest.raises(InputError, match=r"fx.csv, row 2, column 'mxn_per_unit'"):
        ExchangeRates.from_csv(bad)
    missing = tmp_path / "nosource.csv"
    missing.write_text("date,currency,mxn_per_unit,as_of\n", encoding="utf-8")
    with language("en"), pytest.raises(InputError, match="has no column 'source'"):
        ExchangeRates.from_csv(missing)


def test_every_packaged_table_says_where_its_figures_come_from():
    tables = data_tables()
    assert {"exchange_rates", "chart_of_accounts", "currencies"} <= set(tables)
    for name in tables:
        frame = read_table(name)  # raises if source or as_of is missing or empty
        assert len(frame) > 0, name
        assert all(isinstance(d, type(frame["as_of"].iloc[0])) for d in frame["as_of"]), name


def test_command_line_and_kit_build(tmp_path, capsys):
    assert main(["--lang", "en", "build", "--out", str(tmp_path / "kit")]) == 0
    assert "Course material ready" in capsys.readouterr().out
    for lang in LANGUAGES:
        page = (tmp_path / "kit" / lang / "index.html").read_text(encoding="utf-8")
        assert "exchange_rates" in page
        assert f'lang="{lang}"' in page
    table = pd.read_csv(tmp_path / "kit" / "es" / "exchange_rates.csv", comment="#")
    assert {"source", "as_of"} <= set(table.columns)
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "construye el material" in capsys.readouterr().out


def test_no_library_warnings_on_ordinary_use(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        # 5 EUR x 20.30 / 12.60 = 8.0555 CAD
        assert Money(5, "EUR").convert("CAD", on="2026-01-21") == Money("8.06", "CAD")
        build_kit(tmp_path)


def test_the_texts_old_name_still_answers_and_warns():
    import mipyme.i18n

    with pytest.warns(FutureWarning, match="mipyme.i18n.texts"):
        old = mipyme.i18n.catalog
    assert old is mipyme.i18n.texts
