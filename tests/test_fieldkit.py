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
from mipyme.fieldkit.examples import worked_example
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
    # card 3.6% of 1,000 = 36 + 3 = 39; IVA 16% of 39 = 6.24; payout 1,000 - 45.24
    text = "\n".join(m.text for m in messages(chapter_content("ch04", "en")))
    for figure in ("$39.00", "$6.24", "$954.76", "$12.50", "$985.50"):
        assert figure in text


def test_worked_examples_are_the_library_rules_worked_by_hand():
    be = worked_example("ch06")
    # 320 / 1.16 = 275.86; margin 275.86 - 120 = 155.86; 15,000 / 155.86 = 96.24 -> 97
    assert be.expected["net"] == Decimal("275.86") and be.expected["margin"] == Decimal("155.86")
    assert be.expected["units"] == 97
    channel = worked_example("ch02").expected
    # Mercado Libre: 15% of 320 + 5 = 53.00; IVA on it 8.48; ISR 2.5% and IVA 8% of 275.86
    assert channel["mercado_libre"]["commission"] == Decimal("53.00")
    assert channel["mercado_libre"]["fees_iva"] == Decimal("8.48")
    assert channel["mercado_libre"]["isr_withheld"] == Decimal("6.90")
    assert channel["mercado_libre"]["iva_withheld"] == Decimal("22.07")
    # own store, card: 3.6% of 320 + 3 = 14.52; payout 320 - 14.52 - 2.32
    assert channel["web"]["deposited"] == Decimal("303.16")
    loans = worked_example("ch14").expected
    assert loans["B"]["total_paid"] - loans["B"]["cost"] == Decimal("10000.00")


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
