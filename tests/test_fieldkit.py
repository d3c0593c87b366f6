"""The field kit's content, without a browser or a spreadsheet engine (fast).

The numbers an entrepreneur sees are the library's: each worked example is checked against
the rule worked by hand; messages fit a phone screen; both languages say the same.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

import pytest

from mipyme.curriculum import load_curriculum
from mipyme.facilitator import numbers_in
from mipyme.fieldkit import kit_path
from mipyme.fieldkit.checks import csv_header, part_questions
from mipyme.fieldkit.content import chapter_content, markdown_html
from mipyme.fieldkit.examples import CHAPTERS as EXAMPLES
from mipyme.fieldkit.examples import cast, worked_example
from mipyme.fieldkit.handout import handout_html
from mipyme.fieldkit.slides import slides_html
from mipyme.fieldkit.whatsapp import MESSAGE_LIMIT, messages, quiz_text, voice_script

CHAPTERS = [c.id for c in load_curriculum().ready()]


def test_every_ready_chapter_has_a_kit_in_both_languages():
    assert len(CHAPTERS) >= 16
    for chapter in CHAPTERS:
        assert kit_path(chapter, "es") == f"fieldkit/es/{chapter}-es.zip"
        assert kit_path(chapter, "en") == f"fieldkit/en/{chapter}-en.zip"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_messages_fit_a_phone_screen_in_both_languages_and_say_the_same(chapter):
    es = messages(chapter_content(chapter, "es"))
    en = messages(chapter_content(chapter, "en"))
    assert 5 <= len(es) <= 7 and len(es) == len(en)
    for a, b in zip(es, en, strict=True):
        assert 0 < len(a.text) <= MESSAGE_LIMIT and 0 < len(b.text) <= MESSAGE_LIMIT
        assert len(a.alt) <= MESSAGE_LIMIT and a.alt != b.alt
        assert a.card == b.card
        # same figures in both editions (numbers as written: 1,000.00)
        assert numbers_in(a.text) == numbers_in(b.text), (a.text, b.text)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_quiz_has_three_questions_with_answers_and_a_voice_script(chapter):
    for lang in ("es", "en"):
        content = chapter_content(chapter, lang)
        quiz = quiz_text(content)
        assert quiz.count("✅") == 3
        assert all(f"\n{n}. " in quiz for n in (1, 2, 3))
        voice = voice_script(content)
        assert content.title in voice and 60 <= len(voice.split()) <= 400


def test_card_example_holds_the_library_figures_of_chapter_4():
    # Wendy's 1,000-peso honey order (0 % IVA): card 3.6% of 1,000 + 3 = 39.00, its IVA 6.24,
    # payout 1,000 - 45.24; SPEI through the gateway 12.50 + 2.00, payout 985.50
    text = "\n".join(m.text for m in messages(chapter_content("ch04", "en")))
    for figure in ("$0.00", "$39.00", "$6.24", "$954.76", "$12.50", "$985.50", "Wendy Chan"):
        assert figure in text


def test_every_ready_chapter_has_its_own_example_with_the_readings_cast():
    assert set(CHAPTERS) <= set(EXAMPLES)
    stories = {c: worked_example(c).story("en") for c in CHAPTERS}
    assert len(set(stories.values())) == len(CHAPTERS)  # no example reused across chapters
    owners = {"ch01": "Guadalupe Hernández", "ch02": "María Gómez Pérez",
              "ch03": "Alejandro Salgado", "ch04": "Wendy Chan", "ch05": "Guadalupe Hernández",
              "ch06": "Talavera Azul de la Luz", "ch07": "Wendy Chan",
              "ch08": "Café Cumbre de Coatepec", "ch09": "Plata Luna de Taxco",
              "ch10": "Tejidos de la Montaña", "ch11": "Rosa Martínez",
              "ch12": "Guadalupe Hernández", "ch13": "Mezcal Lluvia de Piedra",
              "ch14": "Doña Juana", "ch15": "Ernesto Landa", "ch16": "Lupita",
              "ch17": "María Gómez Pérez", "ch18": "Rosa Martínez"}
    for chapter, name in owners.items():
        for lang in ("es", "en"):
            assert name in worked_example(chapter).story(lang), (chapter, lang)
    assert worked_example("ch08").params["business"] == cast("cafe")["business"]


def test_worked_examples_are_the_readings_figures_worked_by_hand():
    # ch06: 520 / 1.16 = 448.28; margin 448.28 - 180 = 268.28; fixed costs of the data
    # 48,250.00 / 268.28 = 179.85 -> 180 plates; on a 15% marketplace
    # 448.28 x 1.16 / (1 - 0.15 x 1.16) = 629.55
    be = worked_example("ch06")
    assert be.inputs == {"price": Decimal("520.00"), "iva_rate": Decimal("0.16"),
                         "unit_cost": Decimal("180.00"), "fixed": Decimal("48250.00")}
    assert be.expected["net"] == Decimal("448.28") and be.expected["margin"] == Decimal("268.28")
    assert be.expected["units"] == 180
    assert be.rows[-1] == (("fieldkit.row.platform_price", {"fee": "15"}), Decimal("629.55"))
    channel = worked_example("ch02").expected
    # María's rebozo, 1,150 with IVA, cost 520: own store 991.38 - 44.40 - 175 - 520 = 251.98;
    # Mercado Libre 15% of 1,150 + 5 = 177.50 and 991.38 - 177.50 - 130 - 520 = 163.88
    assert channel["web"]["payment_fee"] == Decimal("44.40")
    assert channel["web"]["contribution"] == Decimal("251.98")
    assert channel["mercado_libre"]["commission"] == Decimal("177.50")
    assert channel["mercado_libre"]["fees_iva"] == Decimal("28.40")
    assert channel["mercado_libre"]["contribution"] == Decimal("163.88")
    # withheld from 2026 with an RFC: ISR 2.5% and IVA 8% of 991.38
    assert channel["mercado_libre"]["isr_withheld"] == Decimal("24.78")
    assert channel["mercado_libre"]["iva_withheld"] == Decimal("79.31")
    loans = worked_example("ch14").expected
    # Doña Juana: 10,000 at 72% weekly, first week 138.46 of interest and 22.15 of IVA on
    # the level payment 701.08: 723.23; the bank's 632.72 + 101.23 + 200 = 933.95
    assert loans["A"]["payment"] == Decimal("723.23")
    assert loans["A"]["total_paid"] == Decimal("11412.10")
    assert loans["B"]["cost"] == Decimal("933.95")
    assert loans["B"]["total_paid"] - loans["B"]["cost"] == Decimal("10000.00")
    ladder = worked_example("ch08").expected["prices"]
    assert ladder["FOB"] == Decimal("4821.46") and ladder["CIF"] == Decimal("4939.90")
    ch09 = dict(worked_example("ch09").table("en"))
    # 4,216.28 USD of customs value at 30%, 15% and 5%
    assert [ch09[f"Duty if it enters on {d}"] for d in
            ("21 January 2026", "2 March 2026", "3 August 2026")] == [
        "US$1,264.88 USD", "US$632.44 USD", "US$210.81 USD"]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_handout_and_slides_carry_the_notes_in_each_language(chapter):
    for lang in ("es", "en"):
        content = chapter_content(chapter, lang)
        page = handout_html(content)
        assert f'lang="{lang}"' in page
        for point in content.key_points:
            assert escape(point) in page
        # the example's figures are on the page, as the library gives them
        for label, value in content.example.table(lang):
            assert escape(label) in page and escape(value) in page
        deck = slides_html(content)
        assert deck.count("<section") >= 5 and "class='notes'" in deck
        assert "http://" not in deck and "https://" not in deck  # offline
    es = chapter_content(chapter, "es").example.table("es")
    en = chapter_content(chapter, "en").example.table("en")
    assert [numbers_in(v) for _, v in es] == [numbers_in(v) for _, v in en]


def test_knowledge_check_csv_layout_has_one_column_per_question():
    course = load_curriculum()
    for part in (p.id for p in course.parts):
        n = len(part_questions(part))
        header = csv_header(part).split(",")
        assert n == sum(1 for c in course.ready() if c.part == part)
        assert header[:4] == ["participant", "part", "moment", "date"]
        assert header[4:-2] == [f"q{k}" for k in range(1, n + 1)]
        assert header[-2:] == ["score", "max_score"]


def test_markdown_of_the_notes_becomes_lists_and_bold():
    html = markdown_html("- **Printed:** a sheet\n  with a week\n- two")
    assert html == "<ul><li><strong>Printed:</strong> a sheet with a week</li><li>two</li></ul>"
    assert "<script>" not in markdown_html("<script>x</script>")
