"""What a build of the book is made of, as digests: whether a build is stale, and the cache of
the students' copies of the graded assignments.

:func:`inputs_digest` covers everything a build is made from; :func:`build_is_current` holds
a built site's :data:`STAMP` against it. :func:`library_digest` is what a notebook runs of
the kit (the book's execution cache re-runs a notebook when it changes), and
:func:`release_assignments` keeps nbgrader's released copies under a digest of their sources.
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
import shutil
import tempfile
import tomllib
from collections.abc import Iterable, Sequence
from pathlib import Path

import nbformat

from mipyme.book.plan import datasets_folder
from mipyme.curriculum import Curriculum, load_curriculum
from mipyme.i18n import LANGUAGES, check_language

__all__ = [
    "STAMP",
    "build_is_current",
    "build_stamp",
    "code_digest",
    "hash_files",
    "inputs_digest",
    "kit_zips",
    "library_digest",
    "release_assignments",
    "release_config",
    "tool_versions",
]

#: The file in the site folder that says what the site was built from (see
#: :func:`build_is_current`).
STAMP = ".mipyme-build.json"

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


def hash_files(digest, files: Iterable[Path], base: Path) -> None:
    """Feed ``digest`` each file's path (relative to ``base``) and bytes, in order."""
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


def code_digest(names: Iterable[str], extra_sources: Iterable[str] = ()) -> str:
    """A digest of the modules ``names`` load, every data table and the texts they use."""
    modules = _library_modules(names).values()
    sources = [file.read_text(encoding="utf-8") for file in modules] + list(extra_sources)
    digest = hashlib.sha256()
    hash_files(digest, modules, _LIBRARY)
    hash_files(digest, [p for p in (_LIBRARY / "data").glob("*") if p.is_file()], _LIBRARY)
    hash_files(digest, _texts_used(sources), _LIBRARY)
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
    return code_digest(names, cells)


def tool_versions() -> str:
    """The versions of the build tools, as one text (``name=-`` when not installed)."""
    from importlib.metadata import PackageNotFoundError, version

    out = []
    for name in _TOOLS:
        try:
            out.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            out.append(f"{name}=-")
    return ";".join(out)


def release_config(root: Path) -> list[Path]:
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
    files = [root / "curriculum.toml", *release_config(root)]
    for chapter in course.chapters:
        files += [root / chapter.notebook_path(lang) for lang in LANGUAGES]
        files += [root / chapter.notebook_source, root / chapter.facilitator]
        files += list((root / "exercises" / "source" / chapter.assignment).rglob("*"))
    files += [p for p in book_dir.rglob("*") if "_build" not in p.parts]
    hash_files(digest, files, root)
    hash_files(digest, Path(__file__).parent.rglob("*"), _LIBRARY)
    if datasets is not None:
        hash_files(digest, Path(datasets).glob("*"), Path(datasets))
    notebooks = [root / c.notebook_path(lang) for c in course.chapters for lang in LANGUAGES
                 if (root / c.notebook_path(lang)).is_file()]
    digest.update(library_digest(notebooks).encode() + code_digest(_BUILDER).encode()
                  + tool_versions().encode())
    return digest.hexdigest()


def kit_zips(fieldkit: str | Path | None, lang: str) -> dict[str, Path]:
    """The field kit's zips of one edition that exist (chapter id -> zip), as
    ``make fieldkit`` writes them: ``<fieldkit>/<lang>/<chapter>-<lang>.zip``."""
    if fieldkit is None:
        return {}
    folder = Path(fieldkit) / lang
    return {p.name.removesuffix(f"-{lang}.zip"): p
            for p in sorted(folder.glob(f"*-{lang}.zip")) if p.is_file()}


def build_stamp(course: Curriculum, langs: Sequence[str], only: Iterable[str] | None,
                execute: bool | Iterable[str], book_dir: str | Path | None,
                datasets: Path, fieldkit: str | Path | None = None) -> dict:
    """What :data:`STAMP` records of a build: its inputs' digest and its options (and the
    field kit's zips the chapter pages offer, so a rebuilt kit makes the site stale)."""
    run = execute if isinstance(execute, bool) else sorted(course.chapter(c).id
                                                          for c in execute)
    kits = hashlib.sha256()
    for lang in sorted(langs):
        hash_files(kits, kit_zips(fieldkit, lang).values(), Path(fieldkit or "."))
    return {"inputs": inputs_digest(course, book_dir, datasets),
            "langs": sorted(langs),
            "only": sorted(course.chapter(c).id for c in only) if only else None,
            "execute": run, "fieldkit": kits.hexdigest()}


def build_is_current(out: str | Path = "build/book", *, course: Curriculum | None = None,
                     langs: Sequence[str] = LANGUAGES, only: Iterable[str] | None = None,
                     execute: bool | Iterable[str] = True,
                     book_dir: str | Path | None = None,
                     fieldkit: str | Path | None = None) -> bool:
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
    fieldkit = Path(fieldkit) if fieldkit else out.parent / "fieldkit"
    return stamp == build_stamp(course, [check_language(x) for x in langs], only, execute,
                                book_dir, datasets_folder(course.root), fieldkit)


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
    config = release_config(root)
    out: dict[str, Path] = {}
    missing: dict[str, Path] = {}
    for name in assignments:
        source = exercises / "source" / name
        if not source.is_dir():
            continue
        digest = hashlib.sha256(tool_versions().encode())
        hash_files(digest, [*source.rglob("*"), *config], root)
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
