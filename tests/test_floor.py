"""The floor's one representation per concept: whole numbers, centavos, the date default."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mipyme.errors import InputError
from mipyme.i18n import language
from mipyme.money import Money, count_arg, pesos, pesos_view
from mipyme.tables import date_or_today


@pytest.mark.parametrize("value", [2.5, "2.5", Decimal("0.1"), "dos", float("nan"), None,
                                   [3]])
def test_a_fraction_or_a_word_is_not_a_whole_number_and_the_message_says_so(value):
    with pytest.raises(InputError) as caught, language("en"):
        count_arg(value, "units", minimum=1)
    assert "whole number" in str(caught.value) and "'units'" in str(caught.value)


def test_true_is_not_a_count():
    with pytest.raises(InputError, match="entero"):
        count_arg(True, "units")


@pytest.mark.parametrize(("minimum", "words"), [(0, "cero o más"), (1, "mayor que cero"),
                                                (5, "al menos 5")])
def test_too_small_names_the_minimum(minimum, words):
    with pytest.raises(InputError, match=words):
        count_arg(-1, "days", minimum=minimum)


@given(st.integers(min_value=0, max_value=10**9))
def test_whole_numbers_pass_as_int_text_or_decimal(n):
    assert count_arg(n, "n") == count_arg(str(n), "n") == count_arg(Decimal(n), "n") == n


@given(st.integers(min_value=-10**12, max_value=10**12))
def test_centavos_become_exact_pesos(cents):
    assert pesos(cents) * 100 == cents
    assert Money.from_cents(cents).amount == pesos(cents)


def test_a_simulator_table_for_people_has_no_centavos():
    frame = pd.DataFrame({"day": [1, 2], "sales_cents": [123456, 5], "orders": [3, 1]})
    view = pesos_view(frame, "USD")
    assert list(view.columns) == ["day", "sales", "orders"]
    assert list(view["sales"]) == [Money("1234.56", "USD"), Money("0.05", "USD")]
    assert list(frame.columns) == ["day", "sales_cents", "orders"]  # the original is untouched


def test_the_date_default_is_today_only_when_no_date_is_given():
    assert date_or_today() == dt.date.today()
    assert date_or_today("2026-01-21") == dt.date(2026, 1, 21)
    with pytest.raises(InputError, match="'on'"):
        date_or_today("21/01/2026")


# One command-line parser that speaks the learner's language, for `mipyme` and the book.
@pytest.mark.parametrize(("lang", "usage", "options", "required"), [
    ("es", "uso:", "opciones:", "obligatorios"),
    ("en", "usage:", "options:", "required"),
])
def test_the_book_command_speaks_the_language_in_use(lang, usage, options, required, capsys):
    from mipyme.book.cli import main

    with language(lang), pytest.raises(SystemExit) as help_exit:
        main(["build", "--help"])
    assert help_exit.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{usage} python -m mipyme.book build")
    assert f"\n{options}\n" in out
    with language(lang), pytest.raises(SystemExit) as error_exit:
        main([])
    assert error_exit.value.code == 2
    assert required in capsys.readouterr().err


def _bilingual_accessors() -> list[tuple[str, str, bool]]:
    """Every class in the library with ``X_es: str`` and ``X_en: str`` and a member ``X``:
    (place, member, whether it is a property)."""
    import ast
    from pathlib import Path

    import mipyme

    found = []
    for path in sorted(Path(mipyme.__file__).parent.rglob("*.py")):
        for cls in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(cls, ast.ClassDef):
                continue
            # Text fields only (``title_es: str``); a list per language is another shape.
            fields = {n.target.id for n in cls.body
                      if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)
                      and ast.unparse(n.annotation) == "str"}
            pairs = {f[:-3] for f in fields if f.endswith("_es") and f"{f[:-3]}_en" in fields}
            for node in cls.body:
                if isinstance(node, ast.FunctionDef) and node.name in pairs:
                    is_property = any(isinstance(d, ast.Name) and d.id == "property"
                                      for d in node.decorator_list)
                    found.append((f"{path.name}:{cls.name}", node.name, is_property))
    return found


def test_every_two_language_name_is_given_out_as_the_one_text_type():
    from mipyme.curriculum import load_curriculum
    from mipyme.export import export_data
    from mipyme.i18n import Text

    accessors = _bilingual_accessors()
    assert len(accessors) >= 8, accessors  # chapters, parts, guides, practice, terms, markets...
    methods = [f"{place}.{name}" for place, name, is_property in accessors if not is_property]
    assert methods == [], f"give these out as a Text property: {methods}"
    chapter = load_curriculum().chapter("ch09")
    assert isinstance(chapter.title, Text)
    assert chapter.title("en") == chapter.title.en == chapter.title_en
    market = export_data().market("US")
    assert isinstance(market.name, Text) and market.name("es") == market.name_es
