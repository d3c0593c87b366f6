"""The pages of one edition, written as sources for Jupyter Book.

Each chapter has three pages with the same file names in every edition:

``chNN/index.md``
    The chapter page: title, part, learning objectives (from the facilitator notes), the
    chapter's reading (``book/chapters/chNN.<lang>.md``, with its exercise and worked
    solution; without a reading, the key points of the facilitator notes), links to the
    notebook and the notes, and the graded assignment.
``chNN/notebook.ipynb``
    The edition's own notebook (``notebooks/<lang>/``, built from the chapter's bilingual
    source), its first code cell choosing that language, so it runs in that language when
    the book is built.
``chNN/facilitator.md``
    The facilitator notes (``book/facilitator/chNN.toml``) rendered in the edition's language,
    followed by the worked answers of the chapter's practice set.

After the reading, the chapter page has the chapter's practice set
(``book/practice/chNN.toml``, :mod:`mipyme.book.practice`): worked examples, then the
exercises' statements (their answers only in the facilitator page), and the "Terms in this
chapter" list linking to the glossary (``book/glossary.toml``, :mod:`mipyme.book.glossary`),
whose page ``glossary.md`` comes after the chapters in every edition.

The guides become ``guides/<stem>.md``; the home page, the table of contents and the
Jupyter Book configuration are written here too (:func:`write_edition`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import nbformat

from mipyme.book.digests import kit_zips, library_digest, release_assignments
from mipyme.book.glossary import PAGE as GLOSSARY_PAGE
from mipyme.book.glossary import (
    Glossary,
    chapter_terms_markdown,
    glossary_markdown,
    load_glossary,
)
from mipyme.book.plan import chapter_number, edition_plan, guide_plan
from mipyme.book.practice import (
    Practice,
    answers_markdown,
    load_practice,
    practice_file,
    practice_markdown,
)
from mipyme.book.readings import Guides, guide_text, reading_text
from mipyme.curriculum import Chapter, Curriculum
from mipyme.errors import InputError
from mipyme.i18n import LANGUAGES, check_language, t

__all__ = ["localize_notebook", "write_edition"]

_PACKAGE = Path(__file__).parent
#: The folder of each edition's sources (and of nothing else) with the students' copies of
#: the graded assignments; the chapter pages link to them as downloads.
_RELEASES = "_assignments"
#: The field kit's zips, copied into each edition's sources so the site offers them.
_FIELDKIT = "_fieldkit"
_STARTUP = "from mipyme.book.kernel import register_alt_text\nregister_alt_text()\n"
_SETUP_CALL = re.compile(r'setup\("(?:es|en)"\)')


def localize_notebook(nb: nbformat.NotebookNode, lang: str, title: str
                      ) -> nbformat.NotebookNode:
    """The notebook for one edition: first code cell in ``lang``, first heading ``title``.

    >>> nb = nbformat.v4.new_notebook(cells=[
    ...     nbformat.v4.new_markdown_cell("# 12 · Registros / Records\\n\\nTexto."),
    ...     nbformat.v4.new_code_cell('LANG = setup("es")')])
    >>> out = localize_notebook(nb, "en", "Notebook 12: Records")
    >>> out.cells[0].source, out.cells[1].source
    ('# Notebook 12: Records\\n\\nTexto.', 'LANG = setup("en")')
    """
    lang = check_language(lang)
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    first_code = next((c for c in nb.cells if c.cell_type == "code"), None)
    if first_code is None or not _SETUP_CALL.search(first_code.source):
        raise InputError("book.no_setup_cell")
    first_code.source = _SETUP_CALL.sub(f'setup("{lang}")', first_code.source, count=1)
    first = nb.cells[0] if nb.cells else None
    if first is not None and first.cell_type == "markdown":
        lines = first.source.splitlines()
        if lines and lines[0].startswith("# "):
            first.source = "\n".join([f"# {title}", *lines[1:]])
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return nb


def _write(path: Path, text: str, written: set[Path]) -> None:
    """Write only when the text changed, so Sphinx rebuilds only the pages that changed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    written.add(path)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def _copy(source: Path, path: Path, written: set[Path]) -> None:
    """Copy a file (a zip) only when its bytes changed, like :func:`_write`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    written.add(path)
    data = source.read_bytes()
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)


def _notes(course: Curriculum, chapter: Chapter):
    if not (course.root / chapter.facilitator).is_file():
        return None
    from mipyme.facilitator import load_notes

    return load_notes(chapter.id, path=course.root / chapter.facilitator)


def _practice(book_dir: Path, chapter: Chapter) -> Practice | None:
    path = practice_file(book_dir, chapter.id)
    return load_practice(path) if path.is_file() else None


def _chapter_page(course: Curriculum, chapter: Chapter, pages: list[tuple[str, str]],
                  lang: str, reading: str | None = None,
                  released: Iterable[str] = (), *, practice: Practice | None = None,
                  glossary: Glossary | None = None, kit: Path | None = None) -> str:
    def tr(key: str, **params: object) -> str:
        return t(f"book.{key}", lang=lang, **params)

    part = next(p for p in course.parts if p.id == chapter.part)
    kinds = {kind for _, kind in pages}
    lines = [f"# {tr('chapter_heading', number=chapter_number(chapter), title=chapter.title(lang))}",
             "", f"*{tr('part_label', part=part.title(lang))}*", ""]
    notes = _notes(course, chapter)
    if notes is not None:
        lines += [f"## {tr('objectives')}", ""]
        lines += [f"- {o.get(lang).strip()}" for o in notes.objectives]
        lines.append("")
    if reading is not None:
        # The reading closes with its own key points; the notes' would repeat them.
        lines += [reading.strip(), ""]
    elif notes is not None:
        lines += [f"## {tr('key_points')}", ""]
        lines += [f"- {k.get(lang).strip()}" for k in notes.key_points]
        lines.append("")
    if practice is not None:
        lines += [practice_markdown(practice, lang), ""]
    terms = chapter_terms_markdown(glossary, chapter.id, lang) if glossary else ""
    if terms:
        lines += [terms, ""]
    lines += [f"## {tr('in_chapter')}", ""]
    if "notebook" in kinds:
        lines.append(f"- {{doc}}`{tr('notebook_link')} <notebook>`")
    else:
        lines.append(f"- {tr('notebook_missing')}")
    if "facilitator" in kinds:
        lines.append(f"- {{doc}}`{tr('facilitator_link')} <facilitator>`")
    else:
        lines.append(f"- {tr('facilitator_missing')}")
    if kit is not None:
        size = f"{kit.stat().st_size / 1_000_000:.1f}"
        lines.append(f"- {{download}}`{tr('fieldkit_link', size=size)} </{_FIELDKIT}/{kit.name}>`")
    else:
        lines.append(f"- {tr('fieldkit_missing')}")
    lines += ["", f"## {tr('assignment')}", ""]
    if chapter.assignment in released:
        name = chapter.assignment
        download = f"{{download}}`{name}.ipynb </{_RELEASES}/{name}.ipynb>`"
        lines.append(tr("assignment_text", assignment=name, download=download))
    elif (course.root / "exercises" / "source" / chapter.assignment).is_dir():
        lines.append(tr("assignment_source", assignment=chapter.assignment))
    else:
        lines.append(tr("assignment_missing", assignment=chapter.assignment))
    lines.append("")
    return "\n".join(lines)


def _guide_page(guides: Guides, page: str, text: str | None, lang: str) -> str:
    guide = next(g for g in guides.pages if g.page == page)
    body = (text or "").strip()
    if body.startswith("# "):
        return body + "\n"
    return f"# {guide.title(lang)}\n\n{body}\n"


def _guide_parts(guides: Guides, plan: dict[str, list[str]], place: str):
    return [(part, plan[part.id]) for part in guides.parts
            if part.place == place and part.id in plan]


def _home_guides(guides: Guides, plan: dict[str, list[str]], place: str, lang: str
                 ) -> list[str]:
    lines = []
    titles = {g.page: g.title(lang) for g in guides.pages}
    for part, pages in _guide_parts(guides, plan, place):
        lines += [f"### {part.title(lang)}", ""]
        lines += [f"- {{doc}}`{titles[page]} <{page}>`" for page in pages]
        lines.append("")
    return lines


def _toc_guides(guides: Guides, plan: dict[str, list[str]], place: str, lang: str
                ) -> list[str]:
    out = []
    for part, pages in _guide_parts(guides, plan, place):
        out += [f"  - caption: {json.dumps(part.title(lang), ensure_ascii=False)}",
                "    chapters:"]
        out += [f"      - file: {page}" for page in pages]
    return out


def _home_page(course: Curriculum, plan: dict[str, list[tuple[str, str]]], lang: str,
               guides: Guides | None = None, guide_pages: dict[str, list[str]] | None = None,
               glossary_page: bool = False) -> str:
    guides, guide_pages = guides or Guides(), guide_pages or {}
    lines = [f"# {t('book.title', lang=lang)}", "", t("book.intro", lang=lang), "",
             t("book.other_edition", lang=lang), "", f"## {t('book.contents', lang=lang)}", ""]
    lines += _home_guides(guides, guide_pages, "before", lang)
    for part in course.parts:
        chapters = [c for c in course.chapters if c.part == part.id and c.id in plan]
        if not chapters:
            continue
        lines += [f"### {part.title(lang)}", ""]
        lines += [f"- {{doc}}`{t('book.chapter_heading', lang=lang, number=chapter_number(c), title=c.title(lang))} <{c.id}/index>`"
                  for c in chapters]
        lines.append("")
    if glossary_page:
        lines += [f"### {t('book.glossary', lang=lang)}", "",
                  f"- {{doc}}`{t('book.glossary', lang=lang)} <{GLOSSARY_PAGE}>`", ""]
    lines += _home_guides(guides, guide_pages, "after", lang)
    return "\n".join(lines)


def _toc(course: Curriculum, plan: dict[str, list[tuple[str, str]]], lang: str,
         guides: Guides | None = None, guide_pages: dict[str, list[str]] | None = None,
         glossary_page: bool = False) -> str:
    guides, guide_pages = guides or Guides(), guide_pages or {}
    out = ["# Generated by mipyme.book from curriculum.toml and book/guides.toml: do not edit.",
           "format: jb-book", "root: index", "parts:"]
    out += _toc_guides(guides, guide_pages, "before", lang)
    for part in course.parts:
        chapters = [c for c in course.chapters if c.part == part.id and c.id in plan]
        if not chapters:
            continue
        out += [f"  - caption: {json.dumps(part.title(lang), ensure_ascii=False)}",
                "    chapters:"]
        for chapter in chapters:
            pages = plan[chapter.id]
            out.append(f"      - file: {pages[0][0]}")
            if len(pages) > 1:
                out.append("        sections:")
                out += [f"          - file: {page}" for page, _ in pages[1:]]
    if glossary_page:
        out += [f"  - caption: {json.dumps(t('book.glossary', lang=lang), ensure_ascii=False)}",
                "    chapters:", f"      - file: {GLOSSARY_PAGE}"]
    out += _toc_guides(guides, guide_pages, "after", lang)
    return "\n".join(out) + "\n"


def _config(lang: str, cache: Path, execute: bool, skip_execution: Sequence[str],
            timeout: int) -> str:
    config = {
        "title": t("book.title", lang=lang),
        "author": t("book.author", lang=lang),
        "copyright": "2026",
        "only_build_toc_files": True,
        "exclude_patterns": ["_build", "**.ipynb_checkpoints", "ipython", _RELEASES,
                             _FIELDKIT],
        "execute": {
            "execute_notebooks": "cache" if execute else "off",
            "cache": str(cache),
            "exclude_patterns": list(skip_execution),
            "timeout": timeout,
            "run_in_temp": False,
            "allow_errors": False,
            "stderr_output": "warn",
        },
        "html": {
            "favicon": "_static/favicon.svg",
            "use_multitoc_numbering": False,
            "home_page_in_navbar": True,
            "use_repository_button": False,
            "use_issues_button": False,
            "use_edit_page_button": False,
        },
        "launch_buttons": {"thebe": False},
        "sphinx": {
            "extra_extensions": ["sphinx_exercise", "mipyme.book.sphinx_ext"],
            "config": {
                "language": lang,
                "nitpicky": True,
                "mipyme_lang": lang,
                "mipyme_editions": list(LANGUAGES),
                "nb_execution_raise_on_error": True,
                # A live dashboard needs a kernel: the page shows its picture (text/html).
                "nb_mime_priority_overrides": [
                    ["html", "application/vnd.jupyter.widget-view+json", None]],
                "nb_execution_show_tb": True,
                "html_last_updated_fmt": "",
                "html_show_sourcelink": False,
            },
        },
    }
    # JSON is valid YAML, and it quotes every string safely.
    return "# Generated by mipyme.book: do not edit.\n" + json.dumps(
        config, ensure_ascii=False, indent=2) + "\n"


def write_edition(course: Curriculum, lang: str, src: Path, *, cache: Path,
                  only: Iterable[str] | None = None, execute: bool | Iterable[str] = True,
                  timeout: int = 180, book_dir: str | Path | None = None,
                  fieldkit: str | Path | None = None) -> list[str]:
    """Generate one edition's sources in ``src``; return the page names, in order.

    ``execute`` is True (run every notebook), False (run none) or the chapter ids whose
    notebooks run (the others are shown unexecuted). ``book_dir`` holds the readings
    (``chapters/``) and the guides (``guides.toml``, ``guides/``); default: the kit's
    ``book/``. Files in ``src`` that no longer belong to the edition are removed;
    unchanged files are left untouched. Each chapter page links to the students' copy of
    its graded assignment (:func:`release_assignments`, kept in ``cache``'s parent folder
    under ``releases/``), a download of the site, and to its field kit's zip when
    ``fieldkit`` (the folder ``make fieldkit`` writes) has one.
    """
    lang = check_language(lang)
    src = Path(src)
    book_dir = Path(book_dir) if book_dir else course.root / "book"
    plan = edition_plan(course, only)
    guides, guide_pages = guide_plan(book_dir)
    glossary = load_glossary(book_dir, [c.id for c in course.chapters])
    has_glossary = bool(glossary.terms)
    written: set[Path] = set()
    _write(src / "_config.yml", _config(lang, Path(cache), bool(execute),
                                        _skip(plan, execute), timeout), written)
    _write(src / "_toc.yml", _toc(course, plan, lang, guides, guide_pages, has_glossary),
           written)
    _write(src / "index.md", _home_page(course, plan, lang, guides, guide_pages, has_glossary),
           written)
    static = src / "_static" / "favicon.svg"
    _write(static, (_PACKAGE / "static" / "favicon.svg").read_text(encoding="utf-8"), written)
    pages = ["index"]

    def add_guides(place: str) -> None:
        for _part, part_pages in _guide_parts(guides, guide_pages, place):
            for page in part_pages:
                pages.append(page)
                stem = page.removeprefix("guides/")
                _write(src / f"{page}.md",
                       _guide_page(guides, page, guide_text(book_dir, stem, lang), lang),
                       written)

    add_guides("before")
    notebooks = [course.root / course.chapter(c).notebook_path(lang) for c in plan
                 if "notebook" in {kind for _, kind in plan[c]}]
    library = library_digest(notebooks)
    releases = release_assignments(course, [course.chapter(c).assignment for c in plan],
                                   Path(cache).parent / "releases")
    for name, notebook in releases.items():
        _write(src / _RELEASES / f"{name}.ipynb", notebook.read_text(encoding="utf-8"),
               written)
    kits = kit_zips(fieldkit, lang)
    for chapter_id, chapter_pages in plan.items():
        chapter = course.chapter(chapter_id)
        for page, kind in chapter_pages:
            pages.append(page)
            if kind == "chapter":
                reading = reading_text(book_dir, chapter.id, lang)
                kit = kits.get(chapter.id)
                if kit is not None:
                    _copy(kit, src / _FIELDKIT / kit.name, written)
                _write(src / f"{page}.md",
                       _chapter_page(course, chapter, chapter_pages, lang, reading,
                                     releases, practice=_practice(book_dir, chapter),
                                     glossary=glossary, kit=kit), written)
            elif kind == "notebook":
                nb = nbformat.read(course.root / chapter.notebook_path(lang), as_version=4)
                title = t("book.notebook_title", lang=lang, number=chapter_number(chapter),
                          title=chapter.title(lang))
                nb = localize_notebook(nb, lang, title)
                # The execution cache keys on the code and the kernelspec: with the library's
                # digest there, a change in the code a notebook runs re-runs the notebook.
                nb.metadata.setdefault("kernelspec", {"name": "python3",
                                                      "display_name": "Python 3"})
                nb.metadata.kernelspec["mipyme_library"] = library
                _write(src / f"{page}.ipynb", nbformat.writes(nb) + "\n", written)
            else:
                from mipyme.facilitator import render_markdown

                text = render_markdown(_notes(course, chapter), lang)
                practice = _practice(book_dir, chapter)
                if practice is not None:
                    text = text.rstrip("\n") + "\n\n" + answers_markdown(practice, lang)
                from mipyme.facilitator_workshop import load_plan, workshop_markdown

                workshop = load_plan(chapter.id,
                                     path=book_dir / "workshops" / f"{chapter.id}.toml")
                if workshop is not None:
                    text = text.rstrip("\n") + "\n\n" + workshop_markdown(workshop, lang)
                _write(src / f"{page}.md", text, written)
    if has_glossary:
        pages.append(GLOSSARY_PAGE)
        titles = {c: t("book.chapter_heading", lang=lang, number=chapter_number(
            course.chapter(c)), title=course.chapter(c).title(lang)) for c in plan}
        _write(src / f"{GLOSSARY_PAGE}.md", glossary_markdown(glossary, lang, titles), written)
    add_guides("after")
    startup = src / "ipython" / "profile_default" / "startup" / "00-mipyme-alt-text.py"
    _write(startup, _STARTUP, written)
    for path in sorted(src.rglob("*"), reverse=True):
        if "_build" in path.relative_to(src).parts:
            continue
        if path.is_file() and path not in written:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return pages


def _skip(plan: dict[str, list[tuple[str, str]]], execute: bool | Iterable[str]) -> list[str]:
    if isinstance(execute, bool):
        return []
    run = set(execute)
    return [f"{chapter_id}/notebook.ipynb" for chapter_id in plan if chapter_id not in run]
