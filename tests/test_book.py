"""The bilingual book: a subset of it built the way `make book` builds all of it.

Two chapters, both editions, warnings as errors: ch02 (catalog and channels) has its
notebook EXECUTED, so its prose and its chart are in the page; ch12 (record keeping)
is shown unexecuted, to keep the suite fast. `make book` builds every chapter.
"""

from __future__ import annotations

import atexit
import re
import shutil
import tempfile
from functools import cache
from pathlib import Path

import nbformat
import pytest

from mipyme.book import (
    build_book,
    build_edition,
    edition_plan,
    localize_notebook,
    page_paths,
    switch_href,
    write_edition,
)
from mipyme.curriculum import load_curriculum
from mipyme.errors import InputError
from mipyme.i18n import t

SUBSET = ("ch02", "ch12")
EXECUTED = ("ch02",)


@cache
def built_subset() -> Path:
    """Build the subset once per test session (both test modules share it); the site folder."""
    folder = Path(tempfile.mkdtemp(prefix="mipyme-book-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    results = build_book(folder / "book", only=SUBSET, execute=EXECUTED)
    failed = [f"{r.lang}: {r.log[-3000:]}" for r in results if not r.ok]
    if failed:
        raise AssertionError("the book did not build:\n" + "\n".join(failed))
    return folder / "book"


@pytest.fixture(scope="module")
def site() -> Path:
    return built_subset()


def test_both_editions_build_with_warnings_as_errors(site):
    assert (site / "es" / "index.html").is_file()
    assert (site / "en" / "index.html").is_file()
    config = (site.parent / "book-src" / "es" / "_config.yml").read_text(encoding="utf-8")
    assert '"nitpicky": true' in config
    assert '"execute_notebooks": "cache"' in config


def test_a_warning_fails_the_build(tmp_path):
    """A reference to a page that does not exist is only a warning in Sphinx: here it fails."""
    course = load_curriculum()
    src = tmp_path / "es"
    write_edition(course, "es", src, cache=tmp_path / "cache", only=["ch12"], execute=False)
    page = src / "ch12" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n{doc}`no existe <no-such-page>`\n",
                    encoding="utf-8")
    result = build_edition(src, "es", datasets=tmp_path)
    assert not result.ok
    assert "no-such-page" in result.log


def test_editions_have_the_same_pages(site):
    es, en = page_paths(site / "es"), page_paths(site / "en")
    assert es == en
    for chapter in SUBSET:
        for name in ("index", "notebook", "facilitator"):
            assert f"{chapter}/{name}.html" in es
    assert "guides/instructor.html" in es


def test_the_table_of_contents_follows_the_curriculum_map_in_both_editions(site):
    def files(lang: str) -> list[str]:
        toc = (site.parent / "book-src" / lang / "_toc.yml").read_text(encoding="utf-8")
        return re.findall(r"file: (\S+)", toc)

    assert files("es") == files("en")
    order = [f.split("/")[0] for f in files("es") if f.endswith("/index")]
    course_order = [c.id for c in load_curriculum().chapters if c.id in SUBSET]
    assert order == course_order


def test_every_page_links_to_the_same_page_in_the_other_language(site):
    for lang, other in (("es", "en"), ("en", "es")):
        for rel in page_paths(site / lang):
            html = (site / lang / rel).read_text(encoding="utf-8")
            href = switch_href(rel.removesuffix(".html"), other)
            link = re.search(r'<a class="mipyme-lang-link" href="([^"]+)" hreflang="(\w+)"',
                             html)
            assert link, f"{lang}/{rel} has no language switch"
            assert link.groups() == (href, other), rel
            target = (site / lang / rel).parent / href
            assert target.resolve() == (site / other / rel).resolve()
            assert target.is_file()


def test_the_editions_speak_their_own_language(site):
    es = (site / "es" / "ch02" / "notebook.html").read_text(encoding="utf-8")
    en = (site / "en" / "ch02" / "notebook.html").read_text(encoding="utf-8")
    assert '<html lang="es"' in es and '<html lang="en"' in en
    assert t("notebook.language_set", lang="es") in es
    assert t("notebook.language_set", lang="en") in en
    assert t("notebook.language_set", lang="es") not in en


def test_executed_figures_carry_alt_text_in_the_edition_language(site):
    for lang, prefix in (("es", "Gráfica"), ("en", "Chart")):
        html = (site / lang / "ch02" / "notebook.html").read_text(encoding="utf-8")
        alts = re.findall(r'<img alt="([^"]*)" src="\.\./_images/', html)
        assert alts, f"no figure in the {lang} notebook page"
        assert all(alt.startswith(prefix) and len(alt) > 20 for alt in alts), alts


def test_chapter_page_names_objectives_notebook_notes_and_assignment(site):
    course = load_curriculum()
    chapter = course.chapter("ch12")
    from mipyme.facilitator import load_notes

    notes = load_notes("ch12")
    for lang in ("es", "en"):
        html = (site / lang / "ch12" / "index.html").read_text(encoding="utf-8")
        assert chapter.title(lang) in html.replace("&amp;", "&")
        assert t("book.objectives", lang=lang) in html
        first_objective = notes.objectives[0].get(lang).split()[0]
        assert first_objective in html
        assert 'href="notebook.html"' in html and 'href="facilitator.html"' in html
        assert chapter.assignment in html


def test_user_guides_come_before_the_chapters_and_the_facilitator_guide_after(site):
    from mipyme.book import guide_plan

    listed, guides = guide_plan(load_curriculum().root / "book")
    titles = {g.page: g for g in listed.pages}
    assert guides["usuarios"] == ["guides/instructor", "guides/estudiante",
                                  "guides/coordinacion"]
    for lang in ("es", "en"):
        toc = (site.parent / "book-src" / lang / "_toc.yml").read_text(encoding="utf-8")
        files = re.findall(r"file: (\S+)", toc)
        first_chapter = files.index(f"{SUBSET[0]}/index")
        assert files[:first_chapter] == guides["usuarios"]
        assert files[len(files) - len(guides.get("facilitacion", [])):] == \
            guides.get("facilitacion", [])
        for page in guides["usuarios"]:
            html = (site / lang / f"{page}.html").read_text(encoding="utf-8")
            assert titles[page].title(lang) in html.replace("&amp;", "&")
    # The instructor guide names the graded assignments' folder in both editions.
    for lang in ("es", "en"):
        html = (site / lang / "guides" / "instructor.html").read_text(encoding="utf-8")
        assert "autograde" in html and "exercises/README.md" in html


def test_the_site_root_sends_readers_to_the_spanish_edition(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    assert 'url=es/index.html' in html
    assert 'hreflang="en" href="en/index.html"' in html


# Small pieces, no build.

def test_switch_link_climbs_out_of_the_edition_and_into_the_same_page():
    # /es/ch12/notebook.html -> up two folders (ch12/, es/) -> /en/ch12/notebook.html
    assert switch_href("ch12/notebook", "en") == "../../en/ch12/notebook.html"
    assert switch_href("search", "es") == "../es/search.html"


def test_localized_notebook_runs_in_the_edition_language_and_drops_old_outputs():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# 12 · Registros / Records"),
        nbformat.v4.new_code_cell('LANG = setup("es")',
                                  outputs=[nbformat.v4.new_output("stream", text="hola")])])
    out = localize_notebook(nb, "en", "Notebook 12: Record keeping")
    assert out.cells[1].source == 'LANG = setup("en")'
    assert out.cells[1].outputs == []
    assert out.cells[0].source == "# Notebook 12: Record keeping"
    assert nb.cells[1].source == 'LANG = setup("es")'  # the original is untouched


def test_a_notebook_that_does_not_choose_its_language_is_refused():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    with pytest.raises(InputError):
        localize_notebook(nb, "en", "x")


def test_a_chapter_without_a_notebook_gets_only_its_existing_pages():
    course = load_curriculum()
    plan = edition_plan(course)
    assert list(plan) == [c.id for c in course.chapters]  # all 16, in map order
    for chapter in course.chapters:
        kinds = [kind for _, kind in plan[chapter.id]]
        assert kinds[0] == "chapter"
        assert ("notebook" in kinds) == (course.root / chapter.notebook).is_file()
        assert ("facilitator" in kinds) == (course.root / chapter.facilitator).is_file()


def test_both_editions_get_the_same_generated_files(tmp_path):
    course = load_curriculum()
    for lang in ("es", "en"):
        write_edition(course, lang, tmp_path / lang, cache=tmp_path / "c", only=["ch12"],
                      execute=False)
    def names(lang: str) -> list[str]:
        return sorted(p.relative_to(tmp_path / lang).as_posix()
                      for p in (tmp_path / lang).rglob("*") if p.is_file())

    assert names("es") == names("en")
    assert "ch12/notebook.ipynb" in names("es")
    english = nbformat.read(tmp_path / "en" / "ch12" / "notebook.ipynb", as_version=4)
    assert 'setup("en")' in next(c for c in english.cells if c.cell_type == "code").source
