"""The curriculum map keeps the book, the notebooks and the exercises in step."""

from __future__ import annotations

import pytest

from mipyme.curriculum import load_curriculum
from mipyme.errors import InputError


def test_every_ready_chapter_has_its_notebook_assignment_and_notes():
    course = load_curriculum()
    assert course.missing() == []


def test_the_two_practice_chapters_are_whole_in_both_languages():
    # Selling online in practice (ch17) and export compliance and logistics (ch18): each with
    # its reading, notebook, graded assignment, facilitator notes and practice, in the map.
    course = load_curriculum()
    root = course.root
    practice = [c for c in course.chapters if c.part == "practica"]
    assert [c.id for c in practice] == ["ch17", "ch18"]
    for chapter in practice:
        assert chapter.status == "ready"
        for lang in ("es", "en"):
            assert (root / "book" / "chapters" / f"{chapter.id}.{lang}.md").is_file()
            assert (root / chapter.notebook_path(lang)).is_file()
        assert (root / chapter.notebook_source).is_file()
        assert (root / chapter.facilitator).is_file()
        assert (root / "book" / "practice" / f"{chapter.id}.toml").is_file()
        assert (root / "exercises" / "specs" / f"{chapter.assignment}.toml").is_file()
        assert (root / "exercises" / "source" / chapter.assignment).is_dir()


def test_the_course_covers_the_three_parts_with_at_least_twelve_chapters():
    course = load_curriculum()
    assert len(course.chapters) >= 12
    assert {c.part for c in course.chapters} == {p.id for p in course.parts}
    for chapter in course.chapters:
        assert chapter.title("es") and chapter.title("en")
        assert chapter.notebook.startswith("notebooks/{lang}/")
        assert chapter.notebook_path("en") == chapter.notebook.replace("{lang}", "en")
        assert chapter.notebook_source.startswith("notebooks/src/")


def test_a_broken_map_is_refused(tmp_path):
    text = (load_curriculum().root / "curriculum.toml").read_text(encoding="utf-8")
    bad = tmp_path / "curriculum.toml"
    bad.write_text(text.replace('part = "finanzas"', 'part = "cocina"', 1), encoding="utf-8")
    with pytest.raises(InputError, match="cocina"):
        load_curriculum(bad)
    bad.write_text(text.replace('status = "ready"', 'status = "listo"', 1), encoding="utf-8")
    with pytest.raises(InputError, match="listo"):
        load_curriculum(bad)
