"""The workshop without computers (``book/workshops/chNN.toml``): one timed plan per chapter.

Every ready chapter has a plan that adds up, with 5 to 8 steps, both languages in step (the
same steps, the same figures), and figures taken from the chapter's reading or its field kit
example; the facilitator page of the book carries the plan and the student page does not; the
loader names every problem of a broken plan.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from html import unescape
from pathlib import Path

import pytest

from mipyme.book.pages import write_edition
from mipyme.curriculum import load_curriculum
from mipyme.errors import InputError
from mipyme.facilitator_workshop import (
    MAX_STEPS,
    MIN_STEPS,
    check_plan,
    load_plan,
    plan_path,
    workshop_markdown,
)
from mipyme.fieldkit.content import chapter_content
from mipyme.fieldkit.examples import worked_example
from mipyme.fieldkit.whatsapp import messages
from mipyme.finance import iva_rate
from mipyme.i18n import LANGUAGES, t

COURSE = load_curriculum()
READY = [c.id for c in COURSE.ready()]

# A figure: digits with thousands commas and decimals (48,250.00), a decimal (1.16) or a whole
# number of three digits or more (180). Smaller whole numbers (steps, minutes, 15%) are not
# checked against the sources.
_NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.,])\d+(?:\.\d+)?")


def numbers(text: str) -> list[Decimal]:
    """Every number in ``text`` as a Decimal, thousands separators removed, zeros trimmed."""
    out = []
    for token in _NUMBER.findall(text):
        value = Decimal(token.replace(",", ""))
        out.append(value.normalize() if value != value.to_integral() else value.quantize(1))
    return out


def figures(text: str) -> list[Decimal]:
    return [n for n in numbers(text) if n != n.to_integral() or n >= 100]


def test_numbers_reads_thousands_and_decimals():
    assert numbers("$48,250.00 y 0.900 kg, 180 platos, 15 %") == [
        Decimal("48250"), Decimal("0.9"), Decimal("180"), Decimal("15")]
    assert figures("12 pasos, 1.16 y 2026-05-21") == [Decimal("1.16"), Decimal("2026")]


@pytest.mark.parametrize("chapter", READY)
def test_every_ready_chapter_has_a_valid_plan(chapter):
    path = plan_path(chapter)
    assert path.is_file(), f"{chapter}: no workshop plan at {path}"
    assert check_plan(path) == []
    plan = load_plan(chapter)
    assert plan.chapter == chapter
    assert plan.minutes == sum(step.minutes for step in plan.steps)
    assert MIN_STEPS <= len(plan.steps) <= MAX_STEPS
    assert len(plan.materials("es")) == len(plan.materials("en")) > 0


@pytest.mark.parametrize("chapter", READY)
def test_both_languages_carry_the_same_figures(chapter):
    plan = load_plan(chapter)
    for n, step in enumerate(plan.steps, start=1):
        assert not step.title.missing() and not step.text.missing(), (chapter, n)
        es, en = Counter(numbers(step.text.es)), Counter(numbers(step.text.en))
        assert es == en, f"{chapter} step {n}: es {es - en} / en {en - es}"


def _sources(chapter: str) -> set[Decimal]:
    """Figures of the reading, the field kit's example and its phone messages, and 1 + IVA."""
    text = []
    for lang in LANGUAGES:
        text += [m.text for m in messages(chapter_content(chapter, lang))]
        reading = COURSE.root / "book" / "chapters" / f"{chapter}.{lang}.md"
        if reading.is_file():
            text.append(reading.read_text(encoding="utf-8"))
        ex = worked_example(chapter)
        text.append(ex.story(lang))
        text += [f"{label} {value}" for label, value in ex.table(lang)]
    return set(numbers("\n".join(text))) | {1 + iva_rate()}


@pytest.mark.parametrize("chapter", READY)
def test_figures_come_from_the_reading_or_the_example(chapter):
    known = _sources(chapter)
    plan = load_plan(chapter)
    for n, step in enumerate(plan.steps, start=1):
        for lang in LANGUAGES:
            stray = [str(f) for f in figures(step.text.get(lang)) if f not in known]
            assert not stray, f"{chapter} step {n} ({lang}): {stray} not in reading or example"


def test_the_example_figures_are_in_the_plan():
    # The plan works the reading's example: its headline result is on the paper.
    plan = load_plan("ch06")
    text = " ".join(step.text.es for step in plan.steps)
    assert {Decimal("268.28"), Decimal("180"), Decimal("48250")} <= set(numbers(text))


def test_problems_are_all_listed(tmp_path: Path):
    bad = tmp_path / "ch06.toml"
    bad.write_text('chapter = "ch05"\nminutes = 30\nmaterials_es = ["papel"]\n'
                   'materials_en = []\n'
                   '[[step]]\nminutes = 10\ntitle_es = "Uno"\ntitle_en = "One"\nes = "a"\n'
                   'en = ""\n'
                   '[[step]]\nminutes = 0\ntitle_es = "Dos"\ntitle_en = "Two"\nes = "b"\n'
                   'en = "b"\n', encoding="utf-8")
    found = {(p.field, p.rule) for p in check_plan(bad, "ch06")}
    assert found == {("chapter", "wrong_chapter"), ("materials_en", "missing_text"),
                     ("materials_en", "same_count"), ("step", "step_count"),
                     ("step[1].en", "missing_text"), ("step[2].minutes", "positive_minutes"),
                     ("minutes", "minutes_sum")}
    with pytest.raises(InputError) as err:
        load_plan("ch06", path=bad)
    message = str(err.value)
    assert "ch06.toml" in message and "step[2].minutes" in message and "7" in message


def test_problem_message_names_field_rule_and_value(tmp_path: Path):
    bad = tmp_path / "ch06.toml"
    bad.write_text("chapter = [", encoding="utf-8")
    (problem,) = check_plan(bad)
    assert problem.rule == "bad_file"
    assert problem.message("en").startswith("ch06.toml, -: the file must be valid TOML")


def test_a_chapter_without_a_file_has_no_plan(tmp_path: Path):
    assert load_plan("ch06", path=tmp_path / "none.toml") is None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_markdown_has_every_step_with_its_minutes(lang):
    plan = load_plan("ch06")
    page = workshop_markdown(plan, lang)
    assert page.startswith(f"## {t('workshop.heading', lang=lang, minutes=plan.minutes)}")
    for n, step in enumerate(plan.steps, start=1):
        assert f"### {n}. {step.title(lang)} ({step.minutes} min)" in page
        assert f"| {n}. {step.title(lang)} | {step.minutes} |" in page
    for item in plan.materials(lang):
        assert f"- {item}" in page


def test_facilitator_page_carries_the_plan_and_student_page_does_not(tmp_path: Path):
    for lang in LANGUAGES:
        src = tmp_path / lang
        write_edition(COURSE, lang, src, cache=tmp_path / "cache", only=["ch06"],
                      execute=False)
        heading = t("workshop.title", lang=lang)
        pages = {p.relative_to(src).as_posix(): p.read_text(encoding="utf-8")
                 for p in src.rglob("*.md")}
        facilitator = [k for k in pages if k.endswith("facilitator.md")]
        assert facilitator, sorted(pages)
        assert all(f"## {heading}" in pages[k] for k in facilitator)
        plan = load_plan("ch06")
        assert all(plan.steps[1].title(lang) in pages[k] for k in facilitator)
        students = [k for k in pages if "ch06" in k and not k.endswith("facilitator.md")]
        assert students
        assert not any(heading in pages[k] for k in students)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_handout_instructor_page_shows_the_timed_plan(lang):
    from mipyme.fieldkit.handout import handout_html

    page = handout_html(chapter_content("ch06", lang))
    instructor = unescape(page.split("class=\"instructor\"", 1)[1])
    plan = load_plan("ch06")
    assert t("workshop.heading", lang=lang, minutes=plan.minutes) in instructor
    for step in plan.steps:
        assert step.title(lang) in instructor
    assert plan.materials(lang)[0] in instructor


@pytest.mark.parametrize("lang", LANGUAGES)
def test_slides_speaker_notes_carry_the_timed_plan(lang):
    from mipyme.fieldkit.slides import slide_list

    notes = unescape(" ".join(n for _, _, n in slide_list(chapter_content("ch06", lang))))
    plan = load_plan("ch06")
    assert t("workshop.heading", lang=lang, minutes=plan.minutes) in notes
    for n, step in enumerate(plan.steps, start=1):
        assert f"{step.minutes} min · {n}. {step.title(lang)}." in notes
