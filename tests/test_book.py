"""The bilingual book: all of it, built the way `make book` builds it.

Every chapter, both editions, every notebook executed, warnings as errors. The site is
`make book`'s own output in build/book when that was built from the sources as they are
now (its stamp records a digest of every input: `build_is_current`); otherwise it is built
here, once per test session, into the same folder, reusing the execution cache so only
what changed runs again. A test never passes on a stale site.
"""

from __future__ import annotations

import html as htmllib
import re
import shutil
from functools import cache
from pathlib import Path

import nbformat
import pytest

from mipyme.book import (
    build_book,
    build_edition,
    build_is_current,
    check_site,
    edition_plan,
    localize_notebook,
    page_paths,
    switch_href,
    write_edition,
)
from mipyme.curriculum import load_curriculum
from mipyme.errors import InputError
from mipyme.facilitator import load_notes, observable_verbs
from mipyme.i18n import t
from tests.exercise_support import secret_lines

ROOT = load_curriculum().root
BOOK = ROOT / "build" / "book"
EXECUTED_FIGURE = "ch02"  # a chapter whose notebook draws a chart


@cache
def full_book() -> Path:
    """The whole book, current with the sources (built now if it is not); the site folder.

    Shared by every book test module in the session.
    """
    if not build_is_current(BOOK):
        results = build_book(BOOK)
        failed = [f"{r.lang}: {r.log[-3000:]}" for r in results if not r.ok]
        if failed:
            raise AssertionError("the book did not build:\n" + "\n".join(failed))
        assert build_is_current(BOOK), "the book changed while it was being built"
    return BOOK


@pytest.fixture(scope="module")
def site() -> Path:
    return full_book()


_SMART = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def text_of(html: str) -> str:
    """The page's words: tags dropped, entities decoded, Sphinx's curly quotes made
    straight again, spaces collapsed."""
    text = htmllib.unescape(re.sub(r"<[^>]+>", " ", html)).translate(_SMART)
    return " ".join(text.split())


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
    for chapter in load_curriculum().chapters:
        for name in ("index", "notebook", "facilitator"):
            assert f"{chapter.id}/{name}.html" in es
    assert "guides/instructor.html" in es
    assert len(es) >= 16 * 3 + 10


def test_the_table_of_contents_follows_the_curriculum_map_in_both_editions(site):
    def files(lang: str) -> list[str]:
        toc = (site.parent / "book-src" / lang / "_toc.yml").read_text(encoding="utf-8")
        return re.findall(r"file: (\S+)", toc)

    assert files("es") == files("en")
    order = [f.split("/")[0] for f in files("es") if f.endswith("/index")]
    course_order = [c.id for c in load_curriculum().chapters]
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
        html = (site / lang / EXECUTED_FIGURE / "notebook.html").read_text(encoding="utf-8")
        alts = re.findall(r'<img alt="([^"]*)" src="\.\./_images/', html)
        assert alts, f"no figure in the {lang} notebook page"
        assert all(alt.startswith(prefix) and len(alt) > 20 for alt in alts), alts


_DOWNLOAD = re.compile(r'<a class="reference download internal" download="" '
                       r'href="([^"]+)">(?:<code[^>]*>)?(?:<span class="pre">)?([^<]+)<')


def test_every_chapter_page_has_the_whole_checklist_in_both_editions(site):
    """Objectives with observable verbs, the reading with an exercise and a dropdown
    solution, key points, the executed notebook, the facilitator notes and a link to
    the graded assignment, in every chapter of both editions."""
    course = load_curriculum()
    problems = []
    for chapter in course.chapters:
        notes = load_notes(chapter.id)
        for lang in ("es", "en"):
            where = f"{lang}/{chapter.id}"
            html = (site / lang / chapter.id / "index.html").read_text(encoding="utf-8")
            words = text_of(html)
            verbs = observable_verbs(lang)
            checks = {
                "title": chapter.title(lang) in words,
                "objectives": t("book.objectives", lang=lang) in words,
                "objective verbs": all(o.get(lang).split()[0].lower().strip(",:")
                                       in verbs for o in notes.objectives),
                "every objective": all(text_of(o.get(lang))[:40] in words
                                       for o in notes.objectives),
                "reading": (ROOT / "book" / "chapters" / f"{chapter.id}.{lang}.md").is_file(),
                "exercise": f'<div class="exercise admonition" id="{chapter.id}-ex1">' in html,
                "dropdown solution": '<div class="solution dropdown admonition"' in html,
                "key points": ("Puntos clave" if lang == "es" else "Key points") in words,
                "notebook link": 'href="notebook.html"' in html,
                "notes link": 'href="facilitator.html"' in html,
                "assignment": any(name == f"{chapter.assignment}.ipynb"
                                  for _, name in _DOWNLOAD.findall(html)),
            }
            problems += [f"{where}: {name}" for name, ok in checks.items() if not ok]
            notebook = (site / lang / chapter.id / "notebook.html").read_text("utf-8")
            if 'class="cell_output' not in notebook:
                problems.append(f"{where}: the notebook page shows no executed output")
            if not (site / lang / chapter.id / "facilitator.html").is_file():
                problems.append(f"{where}: no facilitator page")
    assert not problems, "\n".join(problems)


def visible_lines(cell) -> list[str]:
    """The lines of a source cell that a student's copy keeps: all but the solution and
    hidden-test regions (a solution cell without markers is replaced as a whole)."""
    if cell.metadata.get("nbgrader", {}).get("solution") and "BEGIN SOLUTION" not in cell.source:
        return []
    out, region = [], False
    for line in cell.source.split("\n"):
        if re.match(r"\s*### (BEGIN|END) (SOLUTION|HIDDEN TESTS)", line):
            region = "BEGIN" in line
        elif not region and line.strip():
            out.append(line)
    return out


def test_chapter_pages_link_the_students_copy_of_the_assignment_without_solutions(site):
    course = load_curriculum()
    for chapter in course.chapters:
        source = nbformat.read(ROOT / "exercises" / "source" / chapter.assignment
                               / f"{chapter.assignment}.ipynb", as_version=4)
        secrets = secret_lines(source)
        assert secrets, f"{chapter.assignment}: the source has no solution to hide"
        copies = []
        for lang in ("es", "en"):
            page = site / lang / chapter.id / "index.html"
            links = [href for href, name in _DOWNLOAD.findall(page.read_text("utf-8"))
                     if name == f"{chapter.assignment}.ipynb"]
            assert len(links) == 1, f"{lang}/{chapter.id}: {links}"
            target = (page.parent / htmllib.unescape(links[0])).resolve()
            assert target.is_file(), f"{lang}/{chapter.id}: {links[0]} does not resolve"
            assert target.is_relative_to((site / lang).resolve())
            copies.append(target.read_bytes())
            release = nbformat.reads(copies[-1].decode("utf-8"), as_version=4)
            lines = {line.strip() for cell in release.cells for line in cell.source.split("\n")}
            leaked = sorted(secrets & lines)
            assert not leaked, f"{lang}/{chapter.id}: solution lines in the download: {leaked}"
            text = copies[-1].decode("utf-8")
            assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text
            # It is the real release: the answer cells are there, stubbed, and everything
            # a student may see (instructions, set-up, visible tests) is there, cell by cell.
            assert "NotImplementedError" in text
            released = {c.metadata.get("nbgrader", {}).get("grade_id"): c.source
                        for c in release.cells}
            for cell in source.cells:
                grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
                assert grade_id in released, f"{lang}/{chapter.id}: no cell {grade_id}"
                missing = [line for line in visible_lines(cell)
                           if line not in released[grade_id]]
                assert not missing, f"{lang}/{chapter.id} {grade_id}: {missing}"
        assert copies[0] == copies[1], "both editions offer the same copy"


def test_user_guides_come_before_the_chapters_and_the_facilitator_guide_after(site):
    from mipyme.book import guide_plan

    listed, guides = guide_plan(load_curriculum().root / "book")
    titles = {g.page: g for g in listed.pages}
    assert guides["usuarios"] == ["guides/instructor", "guides/estudiante",
                                  "guides/coordinacion"]
    for lang in ("es", "en"):
        toc = (site.parent / "book-src" / lang / "_toc.yml").read_text(encoding="utf-8")
        files = re.findall(r"file: (\S+)", toc)
        first_chapter = files.index(f"{load_curriculum().chapters[0].id}/index")
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


def test_the_site_check_passes_on_the_built_site_and_names_every_problem_of_a_broken_one(
        site, tmp_path):
    assert check_site(site) == []
    broken = tmp_path / "book"
    shutil.copytree(site, broken)
    page = broken / "es" / "ch12" / "index.html"
    page.write_text(page.read_text("utf-8").replace(
        'href="notebook.html"', 'href="cuaderno.html"', 1), encoding="utf-8")
    (broken / "en" / "ch12" / "facilitator.html").unlink()
    download = next((broken / "en" / "_downloads").rglob("*.ipynb"))
    download.write_text(download.read_text("utf-8") + "### BEGIN SOLUTION\n", "utf-8")
    problems = check_site(broken)
    assert any("es/ch12/index.html" in p and "cuaderno.html" in p for p in problems), problems
    assert any("ch12/facilitator.html" in p for p in problems), problems
    assert any(download.name in p for p in problems), problems
    assert not any("al día" in p or "current" in p for p in problems), problems


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
    assert list(plan) == [c.id for c in course.chapters]  # all 18, in map order
    for chapter in course.chapters:
        kinds = [kind for _, kind in plan[chapter.id]]
        assert kinds[0] == "chapter"
        assert ("notebook" in kinds) == all(
            (course.root / chapter.notebook_path(lang)).is_file() for lang in ("es", "en"))
        assert ("facilitator" in kinds) == (course.root / chapter.facilitator).is_file()


def test_the_book_finds_the_field_kit_where_make_fieldkit_writes_it(tmp_path):
    from mipyme.book.digests import kit_zips
    from mipyme.fieldkit import kit_path

    build = tmp_path / "build"
    zipped = build / kit_path("ch06", "es")
    zipped.parent.mkdir(parents=True)
    zipped.write_bytes(b"PK")
    assert kit_zips(build / "fieldkit", "es") == {"ch06": zipped}
    assert kit_zips(build / "fieldkit", "en") == {}
    assert kit_zips(None, "es") == {}


def test_both_editions_get_the_same_generated_files(tmp_path):
    from mipyme.fieldkit import kit_path

    course = load_curriculum()
    for lang in ("es", "en"):
        zipped = tmp_path / "build" / kit_path("ch12", lang)
        zipped.parent.mkdir(parents=True)
        zipped.write_bytes(f"PK {lang}".encode())
    for lang in ("es", "en"):
        write_edition(course, lang, tmp_path / lang, cache=tmp_path / "c", only=["ch12"],
                      execute=False, fieldkit=tmp_path / "build" / "fieldkit")
        copied = tmp_path / lang / "_fieldkit" / f"ch12-{lang}.zip"
        assert copied.read_bytes() == f"PK {lang}".encode()
        page = (tmp_path / lang / "ch12" / "index.md").read_text(encoding="utf-8")
        assert f"</_fieldkit/ch12-{lang}.zip>`" in page  # a download of the site
    # Without a kit, the page says how to build it instead of linking nothing.
    write_edition(course, "en", tmp_path / "bare", cache=tmp_path / "c", only=["ch12"],
                  execute=False, fieldkit=tmp_path / "nowhere")
    bare = (tmp_path / "bare" / "ch12" / "index.md").read_text(encoding="utf-8")
    assert t("book.fieldkit_missing", lang="en") in bare and "_fieldkit" not in bare
    def names(lang: str) -> list[str]:
        return sorted(p.relative_to(tmp_path / lang).as_posix()
                      for p in (tmp_path / lang).rglob("*") if p.is_file())

    assert names("es") == [n.replace("-en.zip", "-es.zip") for n in names("en")]
    assert "ch12/notebook.ipynb" in names("es")
    english = nbformat.read(tmp_path / "en" / "ch12" / "notebook.ipynb", as_version=4)
    assert 'setup("en")' in next(c for c in english.cells if c.cell_type == "code").source
