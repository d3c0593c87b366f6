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

import ast
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import unquote

import nbformat

from mipyme.book.readings import Guides, guide_text, load_guides, reading_text
from mipyme.curriculum import Chapter, Curriculum, load_curriculum
from mipyme.errors import InputError
from mipyme.i18n import LANGUAGES, check_language, t

__all__ = [
    "STAMP",
    "EditionResult",
    "build_book",
    "build_edition",
    "build_is_current",
    "check_site",
    "edition_plan",
    "guide_plan",
    "inputs_digest",
    "library_digest",
    "localize_notebook",
    "page_paths",
    "release_assignments",
    "write_edition",
]

#: The file in the site folder that says what the site was built from (see
#: :func:`build_is_current`).
STAMP = ".mipyme-build.json"

_PACKAGE = Path(__file__).parent
#: The folder of each edition's sources (and of nothing else) with the students' copies of
#: the graded assignments; the chapter pages link to them as downloads.
_RELEASES = "_assignments"
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
        if all((course.root / chapter.notebook_path(lang)).is_file() for lang in LANGUAGES):
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


# -- What the book is built from: digests that say whether a build is stale ---------------

_LIBRARY = Path(__file__).resolve().parents[1]  # src/mipyme
_TOOLS = ("jupyter-book", "sphinx", "myst-nb", "sphinx-exercise", "sphinx-book-theme",
          "nbgrader")
#: What the book builder itself runs to write the pages (the chapter pages, the notes).
_BUILDER = ("mipyme.book.build", "mipyme.book.cli", "mipyme.book.readings",
            "mipyme.book.sphinx_ext", "mipyme.facilitator", "mipyme.curriculum")
#: Packages whose ``__init__`` is not followed: importing ``mipyme.book.kernel`` in a
#: notebook runs ``mipyme/book/__init__.py``, which loads the builder, but the builder
#: never changes what a notebook shows.
_NOT_FOLLOWED = frozenset({"mipyme.book"})


def _module_file(name: str) -> Path | None:
    parts = name.split(".")[1:]
    base = _LIBRARY.joinpath(*parts)
    for candidate in ([base.with_suffix(".py")] if parts else []) + [base / "__init__.py"]:
        if candidate.is_file():
            return candidate
    return None


def _imported(tree: ast.AST, module: str, package: bool) -> Iterable[str]:
    """Every name an ``import`` in ``tree`` may load (modules, or attributes of one)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                here = module.split(".") if package else module.split(".")[:-1]
                here = here[:len(here) - (node.level - 1)]
                base = ".".join(here + ([node.module] if node.module else []))
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


def _cell_imports(source: str) -> Iterable[str]:
    # IPython magics and shell lines are not Python; the rest of the cell is.
    code = "\n".join("" if line.lstrip().startswith(("%", "!")) else line
                     for line in source.splitlines())
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return re.findall(r"\b(mipyme(?:\.\w+)*)", source)
    return list(_imported(tree, "__main__", False))


def _library_modules(names: Iterable[str]) -> dict[str, Path]:
    """The kit's modules that importing ``names`` runs (and their packages), by name.

    >>> sorted(_library_modules(["mipyme.money"]))
    ['mipyme', 'mipyme.errors', 'mipyme.i18n', 'mipyme.money', 'mipyme.tables']
    """
    seen: dict[str, Path] = {}
    todo = list(names)
    while todo:
        parts = todo.pop().split(".")
        if parts[0] != "mipyme":
            continue
        for end in range(1, len(parts) + 1):
            name = ".".join(parts[:end])
            if name in seen or name in _NOT_FOLLOWED:
                continue
            file = _module_file(name)
            if file is None:  # an attribute rather than a module
                continue
            seen[name] = file
            tree = ast.parse(file.read_text(encoding="utf-8"))
            todo.extend(_imported(tree, name, file.name == "__init__.py"))
    return seen


def _hash_files(digest, files: Iterable[Path], base: Path) -> None:
    for file in sorted(set(files)):
        if file.is_file() and "__pycache__" not in file.parts:
            rel = file.relative_to(base).as_posix() if file.is_relative_to(base) else str(file)
            digest.update(rel.encode() + b"\0" + file.read_bytes() + b"\0")


def _texts_used(sources: Iterable[str]) -> list[Path]:
    """The kit's text files (``data/i18n/*.toml``) with a namespace that ``sources`` use.

    A text is used through its key, always written out (``t("store.sale")``,
    ``InputError("errors.money")``), so a namespace counts when ``"store.`` appears.
    """
    code = "\n".join(sources)
    used = []
    for file in sorted((_LIBRARY / "data" / "i18n").glob("*.toml")):
        spaces = tomllib.loads(file.read_text(encoding="utf-8"))
        if any(f'"{ns}.' in code or f"'{ns}." in code for ns in spaces):
            used.append(file)
    return used


def _code_digest(names: Iterable[str], extra_sources: Iterable[str] = ()) -> str:
    """A digest of the modules ``names`` load, every data table and the texts they use."""
    modules = _library_modules(names).values()
    sources = [file.read_text(encoding="utf-8") for file in modules] + list(extra_sources)
    digest = hashlib.sha256()
    _hash_files(digest, modules, _LIBRARY)
    _hash_files(digest, [p for p in (_LIBRARY / "data").glob("*") if p.is_file()], _LIBRARY)
    _hash_files(digest, _texts_used(sources), _LIBRARY)
    return digest.hexdigest()[:16]


def library_digest(notebooks: Iterable[str | Path]) -> str:
    """A digest of the kit's code and data that the ``notebooks`` run.

    It covers every ``mipyme`` module the notebooks import (and what those import, read
    from their source), the figure alt-text hook, every data table of the kit (rates,
    tariffs) and the text files whose keys that code or the notebooks use. The book puts
    it in each notebook's ``kernelspec``, so the execution cache, which is keyed by the
    notebook's code and kernelspec, re-runs a notebook when the library it uses changes,
    not only when its own cells change; a change elsewhere in the kit (the grading tools,
    the book builder) runs nothing again.

    >>> a = library_digest([])
    >>> len(a), a == library_digest([])
    (16, True)
    """
    names = {"mipyme.book.kernel", "mipyme.notebook"}
    cells = []
    for path in notebooks:
        nb = nbformat.read(Path(path), as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                cells.append(cell.source)
                names.update(_cell_imports(cell.source))
    return _code_digest(names, cells)


def _tool_versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    out = []
    for name in _TOOLS:
        try:
            out.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            out.append(f"{name}=-")
    return ";".join(out)


def _release_config(root: Path) -> list[Path]:
    """What a released copy depends on besides its source: nbgrader's config and its texts."""
    return [root / "exercises" / "nbgrader_config.py",
            *sorted((_LIBRARY / "data" / "i18n").glob("grading*.toml"))]


def inputs_digest(course: Curriculum, book_dir: str | Path | None = None,
                  datasets: str | Path | None = None) -> str:
    """A digest of everything a build of the book is made from.

    The course map, every chapter's notebook and facilitator notes, the readings and
    guides (``book_dir``), the graded assignments' sources and nbgrader's configuration
    (for the students' copies), the book builder itself (:mod:`mipyme.book`, its
    templates and styles, and the texts of the pages), the library the notebooks run
    (:func:`library_digest`), the datasets and the versions of the build tools. Any change
    to one of them gives another digest.
    """
    root = Path(course.root)
    book_dir = Path(book_dir) if book_dir else root / "book"
    digest = hashlib.sha256()
    files = [root / "curriculum.toml", *_release_config(root)]
    for chapter in course.chapters:
        files += [root / chapter.notebook_path(lang) for lang in LANGUAGES]
        files += [root / chapter.notebook_source, root / chapter.facilitator]
        files += list((root / "exercises" / "source" / chapter.assignment).rglob("*"))
    files += [p for p in book_dir.rglob("*") if "_build" not in p.parts]
    _hash_files(digest, files, root)
    _hash_files(digest, Path(__file__).parent.rglob("*"), _LIBRARY)
    if datasets is not None:
        _hash_files(digest, Path(datasets).glob("*"), Path(datasets))
    notebooks = [root / c.notebook_path(lang) for c in course.chapters for lang in LANGUAGES
                 if (root / c.notebook_path(lang)).is_file()]
    digest.update(library_digest(notebooks).encode() + _code_digest(_BUILDER).encode()
                  + _tool_versions().encode())
    return digest.hexdigest()


def _stamp(course: Curriculum, langs: Sequence[str], only: Iterable[str] | None,
           execute: bool | Iterable[str], book_dir: str | Path | None,
           datasets: Path) -> dict:
    run = execute if isinstance(execute, bool) else sorted(course.chapter(c).id
                                                          for c in execute)
    return {"inputs": inputs_digest(course, book_dir, datasets),
            "langs": sorted(langs),
            "only": sorted(course.chapter(c).id for c in only) if only else None,
            "execute": run}


def build_is_current(out: str | Path = "build/book", *, course: Curriculum | None = None,
                     langs: Sequence[str] = LANGUAGES, only: Iterable[str] | None = None,
                     execute: bool | Iterable[str] = True,
                     book_dir: str | Path | None = None) -> bool:
    """Whether the site in ``out`` was built, completely, from the sources as they are now.

    :func:`build_book` writes :data:`STAMP` into ``out`` only after every edition built,
    with the :func:`inputs_digest` of what it built from and its options (editions,
    chapters, executed notebooks). This is True only if that stamp matches the kit now
    and every edition's site is there: a test that reuses ``make book``'s output never
    passes on a stale or half-built site.
    """
    course = course or load_curriculum()
    out = Path(out)
    try:
        stamp = json.loads((out / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not all((out / lang / "index.html").is_file() for lang in langs):
        return False
    return stamp == _stamp(course, [check_language(x) for x in langs], only, execute,
                           book_dir, _datasets(course.root))


def release_assignments(course: Curriculum, assignments: Iterable[str], cache: str | Path
                        ) -> dict[str, Path]:
    """The students' copies of ``assignments``: released by nbgrader, without solutions.

    ``nbgrader generate_assignment`` (through :class:`mipyme.grading.roundtrip.Course`)
    removes the solutions and the hidden tests, exactly as an instructor releases them.
    The copies are kept in ``cache/<assignment>/`` under a digest of their sources and
    nbgrader's configuration, so nbgrader runs again only when an assignment changed (and
    then once for all that changed); older copies are removed. Returns
    ``{assignment: notebook}`` for the assignments the kit has.
    """
    root = Path(course.root)
    exercises = root / "exercises"
    config = _release_config(root)
    out: dict[str, Path] = {}
    missing: dict[str, Path] = {}
    for name in assignments:
        source = exercises / "source" / name
        if not source.is_dir():
            continue
        digest = hashlib.sha256(_tool_versions().encode())
        _hash_files(digest, [*source.rglob("*"), *config], root)
        target = Path(cache) / name / f"{digest.hexdigest()[:16]}.ipynb"
        out[name] = target
        if not target.is_file():
            missing[name] = target
    if missing:
        from mipyme.grading.roundtrip import Course

        with tempfile.TemporaryDirectory(prefix="mipyme-release-") as tmp:
            released = Course(Path(tmp) / "course", exercises=exercises,
                              assignments=list(missing)).generate("*")
            for name, target in missing.items():
                target.parent.mkdir(parents=True, exist_ok=True)
                for old in target.parent.glob("*.ipynb"):
                    old.unlink()
                shutil.copy2(released / name / f"{name}.ipynb", target)
    return out


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


def _notes(course: Curriculum, chapter: Chapter):
    if not (course.root / chapter.facilitator).is_file():
        return None
    from mipyme.facilitator import load_notes

    return load_notes(chapter.id, path=course.root / chapter.facilitator)


def _chapter_page(course: Curriculum, chapter: Chapter, pages: list[tuple[str, str]],
                  lang: str, reading: str | None = None,
                  released: Iterable[str] = ()) -> str:
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
        "exclude_patterns": ["_build", "**.ipynb_checkpoints", "ipython", _RELEASES],
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
                  timeout: int = 180, book_dir: str | Path | None = None) -> list[str]:
    """Generate one edition's sources in ``src``; return the page names, in order.

    ``execute`` is True (run every notebook), False (run none) or the chapter ids whose
    notebooks run (the others are shown unexecuted). ``book_dir`` holds the readings
    (``chapters/``) and the guides (``guides.toml``, ``guides/``); default: the kit's
    ``book/``. Files in ``src`` that no longer belong to the edition are removed;
    unchanged files are left untouched. Each chapter page links to the students' copy of
    its graded assignment (:func:`release_assignments`, kept in ``cache``'s parent folder
    under ``releases/``), a download of the site.
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
    notebooks = [course.root / course.chapter(c).notebook_path(lang) for c in plan
                 if "notebook" in {kind for _, kind in plan[c]}]
    library = library_digest(notebooks)
    releases = release_assignments(course, [course.chapter(c).assignment for c in plan],
                                   Path(cache).parent / "releases")
    for name, notebook in releases.items():
        _write(src / _RELEASES / f"{name}.ipynb", notebook.read_text(encoding="utf-8"),
               written)
    for chapter_id, chapter_pages in plan.items():
        chapter = course.chapter(chapter_id)
        for page, kind in chapter_pages:
            pages.append(page)
            if kind == "chapter":
                reading = reading_text(book_dir, chapter.id, lang)
                _write(src / f"{page}.md",
                       _chapter_page(course, chapter, chapter_pages, lang, reading,
                                     releases), written)
            elif kind == "notebook":
                nb = nbformat.read(course.root / chapter.notebook_path(lang), as_version=4)
                title = t("book.notebook_title", lang=lang, number=_number(chapter),
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
    to the Spanish edition. When every edition built, ``out/.mipyme-build.json`` records
    what they were built from (:func:`build_is_current`). Returns one :class:`EditionResult` per edition; a failed
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
    out.mkdir(parents=True, exist_ok=True)
    (out / STAMP).unlink(missing_ok=True)  # a half-built site is never "current"
    stamp = _stamp(course, langs, only, execute, book_dir, datasets)
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
    if all(result.ok for result in results):
        (out / STAMP).write_text(json.dumps(stamp, indent=1) + "\n", encoding="utf-8")
    return results


# -- Checking a built site -----------------------------------------------------------------

_LINK = re.compile(r'\s(?:href|src)="([^"#?]*)[^"]*"')
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)
_SECRETS = ("### BEGIN SOLUTION", "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")


def check_site(out: str | Path = "build/book", *, langs: Sequence[str] = LANGUAGES,
               course: Curriculum | None = None) -> list[str]:
    """Every problem of a built site, in words (an empty list: the site is fine).

    The site must be current with the sources (:func:`build_is_current` with the default
    options, so what ``make book`` builds), the editions must have the same pages, every
    link and image in a page must point to a file of the site (links out of the site are
    not followed), and no download may carry a solution or a hidden test.

    >>> check_site("/no/such/site")[0].startswith("/no/such/site")
    True
    """
    course = course or load_curriculum()
    out = Path(out)
    langs = [check_language(lang) for lang in langs]
    if not all((out / lang / "index.html").is_file() for lang in langs):
        return [t("book.check_missing", path=out)]
    problems = []
    if not build_is_current(out, course=course, langs=langs):
        problems.append(t("book.check_stale", path=out))
    pages = {lang: page_paths(out / lang) for lang in langs}
    for lang in langs[1:]:
        for page in sorted(set(pages[langs[0]]) ^ set(pages[lang])):
            problems.append(t("book.check_unpaired", page=page, a=langs[0], b=lang))
    for lang in langs:
        site = (out / lang).resolve()
        for page in pages[lang]:
            html = (site / page).read_text(encoding="utf-8")
            for target in sorted(set(_LINK.findall(html))):
                if not target or _EXTERNAL.match(target):
                    continue
                file = ((site / page).parent / unquote(target)).resolve()
                if file.is_dir():
                    file = file / "index.html"
                if not file.is_relative_to(out.resolve()) or not file.exists():
                    problems.append(t("book.check_broken", page=f"{lang}/{page}",
                                      target=target))
        for download in sorted((site / "_downloads").rglob("*.ipynb")):
            text = download.read_text(encoding="utf-8")
            if any(secret in text for secret in _SECRETS):
                problems.append(t("book.check_secret",
                                  file=download.relative_to(out.resolve()).as_posix()))
    return problems
