"""Facilitator notes of the training-of-trainers track: every chapter has them, they are
complete in both languages, and a broken copy is reported all at once."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mipyme.curriculum import load_curriculum
from mipyme.errors import InputError
from mipyme.facilitator import (
    PHONE_LIMIT,
    LowConnectivity,
    Text,
    load_notes,
    observable_verbs,
    render_markdown,
    validate_notes,
)
from mipyme.i18n import language, t

CHAPTERS = [c.id for c in load_curriculum().chapters]


@pytest.mark.parametrize("chapter_id", CHAPTERS)
def test_every_chapter_has_notes_that_load_and_validate_clean(chapter_id):
    course = load_curriculum()
    chapter = course.chapter(chapter_id)
    assert (course.root / chapter.facilitator).is_file()
    notes = load_notes(chapter_id)
    assert notes.chapter == chapter_id
    assert [str(f) for f in validate_notes(notes)] == []
    # Beyond the validator's minimums: a real session has objectives, misconceptions and
    # a rubric, and every misconception is diagnosed by some wrong option.
    assert len(notes.objectives) >= 3
    assert len(notes.misconceptions) >= 3
    assert len(notes.teachback.rubric) >= 3
    assert len(notes.key_points) >= 3
    assert notes.sources


@pytest.mark.parametrize("chapter_id", CHAPTERS)
@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_page_has_its_headings_in_its_language_and_every_question(chapter_id, lang):
    notes = load_notes(chapter_id)
    page = render_markdown(notes, lang)
    other = "en" if lang == "es" else "es"
    for key in ("objectives", "misconceptions", "questions", "rubric", "low_connectivity",
                "phone_summary", "key_points", "answers"):
        heading = t(f"facilitator.{key}", lang=lang)
        assert re.search(rf"^#+ {re.escape(heading)}$", page, re.M), heading
        assert t(f"facilitator.{key}", lang=other) not in page
    title = load_curriculum().chapter(chapter_id).title(lang)
    assert page.startswith(f"# {title}")
    for question in notes.questions:
        assert question.text.get(lang).strip() in page
        for option in question.options:
            assert option.text.get(lang).strip() in page
    assert notes.low_connectivity.phone.get(lang).splitlines()[1].strip() in page


def test_the_answer_key_is_collapsed_and_names_what_each_wrong_option_reveals():
    """Chapter 6, question 2: (a) 575 pesos reveals 'adding the fee on top' (M2),
    (b) 588.24 is right, (c) writing 15 instead of 0.15 reveals M3."""
    page = render_markdown(load_notes("ch06"), "en")
    key = page.split("```{admonition} Answer key", 1)[1].split("```", 1)[0]
    assert key.startswith("\n:class: dropdown")
    question_2 = key.split("**Question 2**", 1)[1].split("**Question 3**", 1)[0]
    assert "(a) reveals: M2, \"To cover a 15% fee, I add 15% to the price\"" in question_2
    assert "(b) **correct**" in question_2
    assert "(c) reveals: M3" in question_2
    # The key is not shown before the questions are asked.
    assert page.index("**Question 3.**") < page.index("Answer key")


def test_the_rubric_and_the_two_by_two_grid_are_tables():
    page = render_markdown(load_notes("ch12"), "es")
    assert "| Criterio | Puntos |" in page
    assert "| Los asientos cuadran (debe = haber) y el IVA va en su propia cuenta. | 3 |" in page
    assert "| | Salió bien | Puede mejorar |" in page
    assert "| **Contenido** | | |" in page and "| **Presentación** | | |" in page
    assert "The Carpentries" in page


def test_the_session_plan_adds_up_on_the_page():
    """Chapter 16 is the long capstone session: 15 + 60 + 30 + 50 + 25 = 180 minutes."""
    page = render_markdown(load_notes("ch16"), "en")
    assert "## Session plan (180 minutes)" in page
    assert "| Teach-back | 50 |" in page
    assert "| **Total** | **180** |" in page


def test_render_uses_the_language_in_use_by_default():
    notes = load_notes("ch01")
    with language("en"):
        assert render_markdown(notes).startswith("# Foundations of digital business")
    assert render_markdown(notes).startswith("# Fundamentos del negocio digital")


def _break(text: str, old: str, new: str) -> str:
    assert text.count(old) >= 1, old
    return text.replace(old, new, 1)


def test_a_broken_copy_gives_every_finding_at_once(tmp_path):
    course = load_curriculum()
    text = (course.root / course.chapter("ch07").facilitator).read_text(encoding="utf-8")
    text = _break(text, "reading = 10", "reading = 15")                     # 125 != 120
    text = _break(text, 'es = "Identificar, para cada una', 'es = "Entender, para cada una')
    text = _break(text, 'en = "FCA Mérida Airport."\n', "")                  # no English
    text = _break(text, 'misconception = "fob-aereo"', 'misconception = "fob-por-avion"')
    text = _break(text, 'misconception = "exw-facil"\n', "")                 # names nothing
    text = _break(text, 'correct = false\nmisconception = "pagar-es-riesgo"', "correct = true")
    text = _break(text, 'phone_en = """\n', 'phone_en = """\n' + "x" * PHONE_LIMIT)
    broken = tmp_path / "ch07.toml"
    broken.write_text(text, encoding="utf-8")

    with language("en"):
        findings = validate_notes(load_notes("ch07", path=broken))
    got = {(f.code, f.where) for f in findings}
    assert got == {
        ("facilitator.timing_sum", "session_minutes"),
        ("facilitator.objective_verb", "objective[1].es"),
        ("facilitator.missing_text", "question[1].option[1].en"),
        ("facilitator.unknown_misconception", "question[1].option[2]"),
        ("facilitator.no_misconception", "question[1].option[3]"),
        ("facilitator.unused_misconception", "misconception[3]"),
        ("facilitator.correct_count", "question[2]"),
        ("facilitator.phone_too_long", "low_connectivity.phone_en"),
    }
    messages = {f.code: f.message for f in findings}
    assert messages["facilitator.timing_sum"] == (
        "the activities add up to 125 minutes, but the session lasts 120")
    assert messages["facilitator.missing_text"] == "the 'en' text is missing"
    length = PHONE_LIMIT + len(load_notes("ch07").low_connectivity.phone.en.strip())
    assert messages["facilitator.phone_too_long"] == (
        f"the phone summary in 'en' has {length} characters (at most {PHONE_LIMIT})")
    assert "'fob-por-avion'" in messages["facilitator.unknown_misconception"]
    assert "(it starts with 'entender')" in messages["facilitator.objective_verb"]
    assert "exactly one correct option (it has 2)" in messages["facilitator.correct_count"]
    assert [f.level for f in findings if f.code == "facilitator.unused_misconception"] == [
        "warning"]


def test_a_file_with_missing_sections_reports_each_one(tmp_path):
    bad = tmp_path / "ch03.toml"
    bad.write_text('chapter = "ch02"\nsession_minutes = 60\n[timing]\nreading = 60\n',
                   encoding="utf-8")
    findings = validate_notes(load_notes("ch03", path=bad))
    codes = [(f.code, f.where) for f in findings]
    assert ("facilitator.wrong_chapter", "chapter") in codes
    for where in ("objective", "misconception", "question", "teachback.rubric", "key_point"):
        assert ("facilitator.missing_section", where) in codes
    assert ("facilitator.missing_text", "teachback.es") in codes
    assert ("facilitator.missing_text", "low_connectivity.phone.en") in codes


def test_an_unreadable_file_is_refused_with_its_name(tmp_path):
    bad = tmp_path / "ch05.toml"
    bad.write_text('chapter = "ch05\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"ch05\.toml"):
        load_notes("ch05", path=bad)
    with pytest.raises(InputError, match="ch77"):
        load_notes("ch77")


def test_objectives_need_observable_verbs_in_both_languages():
    assert {"calcular", "registrar", "comparar", "explicar"} <= set(observable_verbs("es"))
    assert {"calculate", "record", "compare", "explain"} <= set(observable_verbs("en"))
    for vague in ("entender", "comprender", "saber", "conocer", "aprender"):
        assert vague not in observable_verbs("es")
    for vague in ("understand", "know", "learn", "appreciate"):
        assert vague not in observable_verbs("en")
    notes = load_notes("ch13")
    fine = replace(notes, objectives=(Text("¿Calcular el IVA?", "Calculate IVA."),))
    assert validate_notes(fine) == []


@given(extra=st.integers(min_value=-200, max_value=200))
def test_the_phone_summary_is_flagged_exactly_when_it_is_too_long(extra):
    notes = load_notes("ch04")
    length = max(1, PHONE_LIMIT + extra)
    low = LowConnectivity(notes.low_connectivity.text,
                          Text("a" * length, notes.low_connectivity.phone.en))
    findings = validate_notes(replace(notes, low_connectivity=low))
    flagged = [f.where for f in findings if f.code == "facilitator.phone_too_long"]
    assert flagged == (["low_connectivity.phone_es"] if length > PHONE_LIMIT else [])


@given(shift=st.integers(min_value=-30, max_value=30))
def test_timing_is_flagged_exactly_when_it_does_not_add_up(shift):
    notes = load_notes("ch10")
    timing = tuple((a, m + shift) if a == "discussion" else (a, m) for a, m in notes.timing)
    codes = {f.code for f in validate_notes(replace(notes, timing=timing))}
    discussion = dict(notes.timing)["discussion"] + shift
    if shift == 0:
        assert codes == set()
    elif discussion <= 0:
        assert "facilitator.bad_minutes" in codes and "facilitator.timing_sum" in codes
    else:
        assert codes == {"facilitator.timing_sum"}
