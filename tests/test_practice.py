"""Practice sets: every ready chapter has worked examples and exercises of rising difficulty.

Each chapter's ``book/practice/chNN.toml`` has at least two worked examples and at least three
exercises (faded, guided, independent, in that order), every text in both languages. Every
number a check names is computed again here with the library (``expr``) and must equal
``expect`` and appear in the Spanish and the English text. The chapter page shows the worked
examples and the statements; the answers appear only in the facilitator page, never in the
student page nor in a student's notebook.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import shutil
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

import nbformat
import pytest

import mipyme
from mipyme.book import write_edition
from mipyme.book.practice import (
    LEVELS,
    MIN_EXERCISES,
    MIN_WORKED,
    answers_markdown,
    load_practice,
    practice_file,
    practice_findings,
    practice_markdown,
)
from mipyme.curriculum import load_curriculum
from mipyme.errors import InputError
from mipyme.i18n import language

COURSE = load_curriculum()
ROOT = COURSE.root
BOOK = ROOT / "book"
READY = [c.id for c in COURSE.chapters if c.status == "ready"]
WITH_PRACTICE = [c for c in READY if practice_file(BOOK, c).is_file()]


@cache
def namespace() -> dict:
    """What a check's ``expr`` may use: ``mipyme`` with its subpackages, Decimal and date."""
    for module in pkgutil.walk_packages(mipyme.__path__, "mipyme."):
        if module.ispkg and module.name.count(".") == 1 and not module.name.endswith(
                ("dashboards", "hub", "cohort", "book")):
            importlib.import_module(module.name)
    return {"mipyme": mipyme, "Decimal": Decimal, "date": date}


_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


def plain(text: str) -> str:
    """The text with numbers written plainly: ``1,264.88`` -> ``1264.88``, ``−`` -> ``-``."""
    return _THOUSANDS.sub("", text.replace("\u2212", "-"))


def states(text: str, number: str) -> bool:
    """Whether ``text`` states ``number`` as a whole number (not inside a longer one)."""
    return re.search(rf"(?<![\d.]){re.escape(plain(number))}(?![\d]|\.\d)", plain(text)) \
        is not None


def test_plain_numbers_ignore_thousands_separators_only():
    assert states("El total es 1,264.88 pesos.", "1264.88")
    assert states("El total es 1264.88 pesos.", "1,264.88")
    assert not states("El total es 11,264.88 pesos.", "1264.88")
    assert not states("Son 12.5 kg.", "12")
    assert states("Margen de −12.50 pesos.", "-12.50")


def test_every_ready_chapter_has_a_practice_set():
    missing = [c for c in READY if not practice_file(BOOK, c).is_file()]
    assert not missing, f"chapters without book/practice/<id>.toml: {missing}"


@pytest.mark.parametrize("chapter", WITH_PRACTICE)
def test_the_practice_set_follows_the_rules(chapter):
    path = practice_file(BOOK, chapter)
    assert practice_findings(path) == []
    practice = load_practice(path)
    assert practice.chapter == chapter
    assert len(practice.worked) >= MIN_WORKED
    assert len(practice.exercises) >= MIN_EXERCISES
    assert [e.level for e in practice.exercises[:3]] == list(LEVELS)
    for item in practice.worked:
        assert all(text.strip() for text in (item.title_es, item.title_en, item.es, item.en))
    for item in practice.exercises:
        assert all(text.strip() for text in (item.es, item.en, item.answer_es, item.answer_en))


@pytest.mark.parametrize("chapter", WITH_PRACTICE)
def test_every_check_computes_the_number_both_texts_state(chapter):
    practice = load_practice(practice_file(BOOK, chapter))
    problems = []
    for where, check, _texts in practice.checks():
        try:
            got = str(eval(check.expr, dict(namespace())))
        except Exception as exc:  # report every broken check together
            problems.append(f"{chapter} {where}: {check.expr!r} fails: {exc!r}")
            continue
        if got != check.expect:
            problems.append(f"{chapter} {where}: {check.expr!r} gives {got!r}, "
                            f"the file expects {check.expect!r}")
    for i, item in enumerate(practice.worked, 1):
        for lang in ("es", "en"):
            for check in item.checks:
                if not states(item.text(lang), check.expect):
                    problems.append(f"{chapter} worked[{i}].{lang} does not state "
                                    f"{check.expect}")
    for i, item in enumerate(practice.exercises, 1):
        for lang in ("es", "en"):
            text = item.text(lang) + "\n" + item.answer(lang)
            for check in item.checks:
                if not states(text, check.expect):
                    problems.append(f"{chapter} exercise[{i}].{lang} does not state "
                                    f"{check.expect}")
    assert not problems, "\n".join(problems)


# -- the rules, on broken files ------------------------------------------------------------

GOOD = '''chapter = "ch06"
[[worked]]
id = "uno"
title_es = "Uno"
title_en = "One"
es = "Son 400 pesos."
en = "It is 400 pesos."
[[worked.check]]
expr = "str(Decimal('400'))"
expect = "400"
[[worked]]
id = "dos"
title_es = "Dos"
title_en = "Two"
es = "Son 2 piezas."
en = "It is 2 pieces."
[[worked.check]]
expr = "str(1 + 1)"
expect = "2"
'''


def exercise(ident: str, level: str, answer_en: str = "Answer 3.") -> str:
    return f'''[[exercise]]
id = "{ident}"
level = "{level}"
es = "Enunciado."
en = "Statement."
answer_es = "Respuesta 3."
answer_en = "{answer_en}"
[[exercise.check]]
expr = "str(3)"
expect = "3"
'''


def test_a_good_file_loads_and_renders_statements_apart_from_answers(tmp_path):
    path = tmp_path / "ch06.toml"
    path.write_text(GOOD + exercise("a", "faded") + exercise("b", "guided")
                    + exercise("c", "independent", "Secret answer 3."), encoding="utf-8")
    practice = load_practice(path)
    page, notes = practice_markdown(practice, "en"), answers_markdown(practice, "en")
    assert "## Worked examples" in page and "## Practice" in page
    assert "### Exercise 1 · fill in the steps" in page
    assert "Secret answer" not in page and "Secret answer 3." in notes
    assert page.index("Example 2. Two") < page.index("## Practice")


def test_a_broken_file_names_file_field_rule_and_value_of_every_problem(tmp_path):
    path = tmp_path / "ch06.toml"
    broken = (GOOD.replace('chapter = "ch06"', 'chapter = "ch07"')
              .replace('en = "It is 2 pieces."', 'en = ""')
              + exercise("a", "guided") + exercise("b", "faded") + exercise("a", "hard")
              + 'colour = "blue"\n')
    path.write_text(broken, encoding="utf-8")
    with language("en"):
        messages = [f.message for f in practice_findings(path)]
        with pytest.raises(InputError, match=r"ch06\.toml"):
            load_practice(path)
    text = "\n".join(messages)
    assert "'chapter' must be 'ch06', the file's name (got 'ch07')" in text
    assert "'worked[2].en' must have a text (got '')" in text
    assert "'exercise[3].level' must be one of faded, guided, independent (got 'hard')" in text
    assert "in the order faded, guided, independent (got guided, faded, hard)" in text
    assert "there is no field 'exercise[3].check[1].colour'" in text
    assert "the id 'a' is repeated" in text
    assert all(m.startswith("ch06.toml: ") for m in messages)


def test_too_few_examples_or_exercises_and_missing_checks_are_refused(tmp_path):
    path = tmp_path / "ch06.toml"
    path.write_text(GOOD.split("[[worked]]\nid = \"dos\"")[0]
                    + exercise("a", "faded").split("[[exercise.check]]")[0], encoding="utf-8")
    with language("es"):
        text = "\n".join(f.message for f in practice_findings(path))
    assert "'worked' debe tener al menos 2 entradas (se recibieron 1)" in text
    assert "'exercise' debe tener al menos 3 entradas (se recibieron 1)" in text
    assert "'exercise[1].check' necesita al menos una comprobación" in text


# -- the pages -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def edition(tmp_path_factory) -> Path:
    """Both editions' sources for the chapters with a practice set (no Jupyter Book run)."""
    folder = tmp_path_factory.mktemp("practice")
    cache = tmp_path_factory.getbasetemp() / "mipyme-releases" / "cache"
    for lang in ("es", "en"):
        write_edition(COURSE, lang, folder / lang, cache=cache / lang, only=WITH_PRACTICE,
                      execute=False)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def paragraphs(text: str) -> list[str]:
    """The answer's paragraphs long enough to be recognised (the ones a leak would show)."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if len(p.strip()) > 40]


def collapsed(text: str) -> str:
    return " ".join(text.replace("\\$", "$").split())


@pytest.mark.parametrize("chapter", WITH_PRACTICE)
def test_answers_are_in_the_facilitator_page_and_never_in_the_student_page(edition, chapter):
    practice = load_practice(practice_file(BOOK, chapter))
    for lang in ("es", "en"):
        student = collapsed((edition / lang / chapter / "index.md").read_text("utf-8"))
        notes = collapsed((edition / lang / chapter / "facilitator.md").read_text("utf-8"))
        heading = {"es": "## Práctica", "en": "## Practice"}[lang]
        worked = {"es": "## Ejemplos resueltos", "en": "## Worked examples"}[lang]
        inside = {"es": "## En este capítulo", "en": "## In this chapter"}[lang]
        assert student.index(worked) < student.index(heading) < student.index(inside)
        for item in practice.worked:
            assert collapsed(item.text(lang))[:60] in student
        for item in practice.exercises:
            assert collapsed(item.text(lang))[:60] in student
            for part in paragraphs(item.answer(lang)):
                assert part[:80] not in student, f"{lang}/{chapter}: answer in the student page"
                assert part[:80] in notes.replace("> ", ""), f"{lang}/{chapter}: answer missing"
        answers = {"es": "## Respuestas de la práctica", "en": "## Practice answers"}[lang]
        assert answers in notes


def test_answers_never_reach_a_students_notebook():
    notebooks = {path: collapsed("\n".join(cell.source for cell in nbformat.read(
        path, as_version=4).cells)) for lang in ("es", "en")
        for path in (ROOT / "notebooks" / lang).glob("*.ipynb")}
    assert len(notebooks) >= 2 * len(WITH_PRACTICE)
    for chapter in WITH_PRACTICE:
        for item in load_practice(practice_file(BOOK, chapter)).exercises:
            for lang in ("es", "en"):
                for part in paragraphs(item.answer(lang)):
                    leaked = [p.name for p, text in notebooks.items() if part[:80] in text]
                    assert not leaked, f"{chapter} {item.id}: answer in {leaked}"
