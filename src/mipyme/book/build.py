"""Generate the Spanish and English editions of the book from the curriculum map, and build them.

Both editions come from ONE structure, ``curriculum.toml``: the same parts, the same
chapters in the same order and the same page names, so they cannot drift apart. Each
chapter has three pages with the same file names in every edition:

``chNN/index.md``
    The chapter page: title, part, learning objectives (from the facilitator notes), the
    chapter's reading (``book/chapters/chNN.<lang>.md``, with its exercise and worked
    solution; without a reading, the key points of the facilitator notes), links to the
    notebook and the notes, and the graded assignment.
``chNN/notebook.ipynb``
    The chapter's notebook with its first code cell switched to the edition's language
    (``setup("en")``), so it executes in that language when the book is built.
``chNN/facilitator.md``
    The facilitator notes (``book/facilitator/chNN.toml``) rendered in the edition's language.

The guides listed in ``book/guides.toml`` (a part for each kind of user before the
curriculum parts, the facilitator's guide after them) become ``guides/<stem>.md`` in every
edition, from ``book/guides/<stem>.<lang>.md``.

A page whose file the kit does not have yet (a planned chapter, a guide being written) is
left out of BOTH editions. The generated sources go to ``build/book-src/<lang>/`` (never committed), the
built site to ``build/book/es/``, ``build/book/en/`` and a ``build/book/index.html`` that
sends the reader to the Spanish edition.

>>> from mipyme.curriculum import load_curriculum
>>> plan = edition_plan(load_curriculum(), only=["ch12"])
>>> [page for page, _ in plan["ch12"]][:2]
['ch12/index', 'ch12/notebook']
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import nbformat

from mipyme.book.readings import Guides, guide_text, load_guides, reading_text
from mipyme.curriculum import Chapter, Curriculum, load_curriculum
from mipyme.errors import InputError
from mipyme.i18n import LANGUAGES, check_language, t

__all__ = [
    "EditionResult",
    "build_book",
    "build_edition",
    "edition_plan",
    "guide_plan",
    "localize_notebook",
    "page_paths",
    "write_edition",
]

_PACKAGE = Path(__file__).parent
_KERNEL_RACE = ("Kernel died before replying", "Address already in use")
_STARTUP = "from mipyme.book.kernel import register_alt_text\nregister_alt_text()\n"
_REDIRECT = """<!DOCTYPE html>
<html lang="es">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta http-equiv="refresh" content="0; url=es/index.html">
<link rel="canonical" href="es/index.html">
<link rel="alternate" hreflang="en" href="en/index.html">
</head>
<body>
<main>
<h1>{title}</h1>
<p><a href="es/index.html" hreflang="es">{go_es}</a></p>
<p lang="en"><a href="en/index.html" hreflang="en">{go_en}</a></p>
</main>
</body>
</html>
"""


@dataclass(frozen=True, slots=True)
class EditionResult:
    """What building one edition did: its language, where its site is, and the build log."""

    lang: str
    html: Path
    returncode: int
    log: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def _number(chapter: Chapter) -> int:
    digits = "".join(ch for ch in chapter.id if ch.isdigit())
    return int(digits) if digits else 0


def _chapters(course: Curriculum, only: Iterable[str] | None) -> tuple[Chapter, ...]:
    if not only:
        return course.chapters
    wanted = [course.chapter(name).id for name in only]
    return tuple(c for c in course.chapters if c.id in wanted)


def edition_plan(course: Curriculum, only: Iterable[str] | None = None
                 ) -> dict[str, list[tuple[str, str]]]:
    """The pages of every chapter, the same for every edition: ``{id: [(page, kind), ...]}``.

    ``kind`` is ``"chapter"``, ``"notebook"`` or ``"facilitator"``. A notebook or notes page
    is planned only if its file exists in the kit.
    """
    plan: dict[str, list[tuple[str, str]]] = {}
    for chapter in _chapters(course, only):
        pages = [(f"{chapter.id}/index", "chapter")]
        if (course.root / chapter.notebook).is_file():
            pages.append((f"{chapter.id}/notebook", "notebook"))
        if (course.root / chapter.facilitator).is_file():
            pages.append((f"{chapter.id}/facilitator", "facilitator"))
        plan[chapter.id] = pages
    return plan


def guide_plan(book_dir: str | Path) -> tuple[Guides, dict[str, list[str]]]:
    """The guides and, for each guide part, the pages that exist (in some language).

    A page listed in ``guides.toml`` whose files do not exist yet is left out; a part with
    no page is left out. Every edition gets the same pages (``guides/<stem>``).

    >>> from mipyme.curriculum import find_root
    >>> guides, pages = guide_plan(find_root() / "book")
    >>> pages["usuarios"]
    ['guides/instructor', 'guides/estudiante', 'guides/coordinacion']
    """
    book_dir = Path(book_dir)
    guides = load_guides(book_dir)
    plan: dict[str, list[str]] = {}
    for part in guides.parts:
        pages = [page.page for page in guides.pages_of(part.id)
                 if any(guide_text(book_dir, page.file, lang) is not None
                        for lang in LANGUAGES)]
        if pages:
            plan[part.id] = pages
    return guides, plan


def page_paths(site: Path) -> list[str]:
    """The HTML pages of one built edition, relative to it (``ch12/index.html``, ...).

    Sphinx's own pages (``genindex``, ``search``) are included; static files are not.
    """
    site = Path(site)
    skip = ("_static/", "_sources/", "_images/", "_sphinx_design_static/")
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if not p.relative_to(site).as_posix().startswith(skip))


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
    if first_code is None or 'setup("es")' not in first_code.source:
        raise InputError("book.no_setup_cell")
    first_code.source = first_code.source.replace('setup("es")', f'setup("{lang}")')
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


def _notes(course: Curriculum, chapter: Chapter):
    if not (course.root / chapter.facilitator).is_file():
        return None
    from mipyme.facilitator import load_notes

    return load_notes(chapter.id)


def _chapter_page(course: Curriculum, chapter: Chapter, pages: list[tuple[str, str]],
                  lang: str, reading: str | None = None) -> str:
    def tr(key: str, **params: object) -> str:
        return t(f"book.{key}", lang=lang, **params)

    part = next(p for p in course.parts if p.id == chapter.part)
    kinds = {kind for _, kind in pages}
    lines = [f"# {tr('chapter_heading', number=_number(chapter), title=chapter.title(lang))}",
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
    lines += [f"## {tr('in_chapter')}", ""]
    if "notebook" in kinds:
        lines.append(f"- {{doc}}`{tr('notebook_link')} <notebook>`")
    else:
        lines.append(f"- {tr('notebook_missing')}")
    if "facilitator" in kinds:
        lines.append(f"- {{doc}}`{tr('facilitator_link')} <facilitator>`")
    else:
        lines.append(f"- {tr('facilitator_missing')}")
    lines += ["", f"## {tr('assignment')}", ""]
    if (course.root / "exercises" / "source" / chapter.assignment).is_dir():
        lines.append(tr("assignment_text", assignment=chapter.assignment))
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
               guides: Guides | None = None, guide_pages: dict[str, list[str]] | None = None
               ) -> str:
    guides, guide_pages = guides or Guides(), guide_pages or {}
    lines = [f"# {t('book.title', lang=lang)}", "", t("book.intro", lang=lang), "",
             t("book.other_edition", lang=lang), "", f"## {t('book.contents', lang=lang)}", ""]
    lines += _home_guides(guides, guide_pages, "before", lang)
    for part in course.parts:
        chapters = [c for c in course.chapters if c.part == part.id and c.id in plan]
        if not chapters:
            continue
        lines += [f"### {part.title(lang)}", ""]
        lines += [f"- {{doc}}`{t('book.chapter_heading', lang=lang, number=_number(c), title=c.title(lang))} <{c.id}/index>`"
                  for c in chapters]
        lines.append("")
    lines += _home_guides(guides, guide_pages, "after", lang)
    return "\n".join(lines)


def _toc(course: Curriculum, plan: dict[str, list[tuple[str, str]]], lang: str,
         guides: Guides | None = None, guide_pages: dict[str, list[str]] | None = None) -> str:
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
    out += _toc_guides(guides, guide_pages, "after", lang)
    return "\n".join(out) + "\n"


def _config(lang: str, cache: Path, execute: bool, skip_execution: Sequence[str],
            timeout: int) -> str:
    config = {
        "title": t("book.title", lang=lang),
        "author": t("book.author", lang=lang),
        "copyright": "2026",
        "only_build_toc_files": True,
        "exclude_patterns": ["_build", "**.ipynb_checkpoints", "ipython"],
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
                  timeout: int = 180, book_dir: str | Path | None = None) -> list[str]:
    """Generate one edition's sources in ``src``; return the page names, in order.

    ``execute`` is True (run every notebook), False (run none) or the chapter ids whose
    notebooks run (the others are shown unexecuted). ``book_dir`` holds the readings
    (``chapters/``) and the guides (``guides.toml``, ``guides/``); default: the kit's
    ``book/``. Files in ``src`` that no longer belong to the edition are removed;
    unchanged files are left untouched.
    """
    lang = check_language(lang)
    src = Path(src)
    book_dir = Path(book_dir) if book_dir else course.root / "book"
    plan = edition_plan(course, only)
    guides, guide_pages = guide_plan(book_dir)
    written: set[Path] = set()
    _write(src / "_config.yml", _config(lang, Path(cache), bool(execute),
                                        _skip(plan, execute), timeout), written)
    _write(src / "_toc.yml", _toc(course, plan, lang, guides, guide_pages), written)
    _write(src / "index.md", _home_page(course, plan, lang, guides, guide_pages), written)
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
    for chapter_id, chapter_pages in plan.items():
        chapter = course.chapter(chapter_id)
        for page, kind in chapter_pages:
            pages.append(page)
            if kind == "chapter":
                reading = reading_text(book_dir, chapter.id, lang)
                _write(src / f"{page}.md",
                       _chapter_page(course, chapter, chapter_pages, lang, reading), written)
            elif kind == "notebook":
                nb = nbformat.read(course.root / chapter.notebook, as_version=4)
                title = t("book.notebook_title", lang=lang, number=_number(chapter),
                          title=chapter.title(lang))
                _write(src / f"{page}.ipynb",
                       nbformat.writes(localize_notebook(nb, lang, title)) + "\n", written)
            else:
                from mipyme.facilitator import render_markdown

                _write(src / f"{page}.md", render_markdown(_notes(course, chapter), lang),
                       written)
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


def _datasets(root: Path) -> Path:
    folder = Path(os.environ.get("MIPYME_DATASETS") or root / "datasets" / "generated")
    if not (folder / "businesses.csv").exists():
        subprocess.run([sys.executable, "-m", "mipyme.datasets", "build", "--out", str(folder),
                        "--seed", "2026"], check=True, cwd=root)
    return folder.resolve()


def build_edition(src: Path, lang: str, *, datasets: Path, quiet: bool = True
                  ) -> EditionResult:
    """Run ``jupyter-book build`` on one edition's sources, warnings as errors (``-W -n``)."""
    src = Path(src).resolve()
    env = {**os.environ, "MIPYME_DATASETS": str(datasets),
           "IPYTHONDIR": str(src / "ipython"), "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    cmd = [sys.executable, "-c", "from jupyter_book.cli.main import main; main()", "build", str(src),
           "--path-output", str(src), "-W", "-n", "--keep-going"]
    if quiet:
        cmd.append("-q")
    log = ""
    for _attempt in range(2):
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=src)
        log += proc.stdout + proc.stderr
        # Two kernels started at once can race for the same TCP port; executed notebooks
        # are cached, so a second run only re-runs the one whose kernel died.
        if proc.returncode == 0 or not any(m in log for m in _KERNEL_RACE):
            break
    return EditionResult(lang, src / "_build" / "html", proc.returncode, log)


def build_book(out: str | Path = "build/book", *, langs: Sequence[str] = LANGUAGES,
               only: Iterable[str] | None = None, execute: bool | Iterable[str] = True,
               src: str | Path | None = None, cache: str | Path | None = None,
               course: Curriculum | None = None, jobs: int = 2,
               book_dir: str | Path | None = None) -> list[EditionResult]:
    """Generate and build the editions in ``langs``; copy each site to ``out/<lang>/``.

    Editions build side by side (``jobs`` at a time). ``out/index.html`` sends readers
    to the Spanish edition. Returns one :class:`EditionResult` per edition; a failed
    edition's site is not copied.
    """
    course = course or load_curriculum()
    langs = [check_language(lang) for lang in langs]
    out = Path(out).resolve()
    src = Path(src).resolve() if src else out.parent / f"{out.name}-src"
    cache = Path(cache).resolve() if cache else out.parent / f"{out.name}-cache"
    only = list(only) if only else None
    execute = execute if isinstance(execute, bool) else [course.chapter(c).id for c in execute]
    datasets = _datasets(course.root)
    for lang in langs:
        write_edition(course, lang, src / lang, cache=cache / lang, only=only, execute=execute,
                      book_dir=book_dir)
    with ThreadPoolExecutor(max(1, jobs)) as pool:
        results = list(pool.map(lambda lang: build_edition(src / lang, lang, datasets=datasets),
                                langs))
    out.mkdir(parents=True, exist_ok=True)
    for i, result in enumerate(results):
        if result.ok:
            target = out / result.lang
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(result.html, target)
            results[i] = replace(result, html=target)
    (out / "index.html").write_text(_REDIRECT.format(
        title=t("book.title", lang="es"), go_es=t("book.redirect", lang="es"),
        go_en=t("book.redirect", lang="en")), encoding="utf-8")
    return results
