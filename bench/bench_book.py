"""The book: cold build time, and the rebuild time after editing one chapter.

Builds the whole book (every chapter, both editions, every notebook executed), the way
`make book` does, from a scratch copy of the kit with an empty execution cache: that is
the baseline. Then it edits one chapter twice and builds again each time:

- its reading, in both languages (no notebook runs again: only the two pages change);
- its notebook, one code cell added (only that notebook runs again, once per edition).

Each rebuild reuses the execution cache (jupyter-cache), the students' copies of the
assignments and Sphinx's environment, so it should be a small fraction of the cold build.
``MIPYME_BENCH_BOOK_ONLY=ch12,ch14`` measures a subset of chapters instead.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

import nbformat

from mipyme.book.build import build_book
from mipyme.book.plan import datasets_folder
from mipyme.curriculum import find_root, load_curriculum

EDITED = "ch12"


def _scratch_kit(root: Path, into: Path) -> Path:
    shutil.copy(root / "curriculum.toml", into / "curriculum.toml")
    for folder in ("notebooks", "book", "exercises"):
        shutil.copytree(root / folder, into / folder,
                        ignore=shutil.ignore_patterns("_build", ".ipynb_checkpoints"))
    (into / "datasets").mkdir()
    os.symlink(datasets_folder(root), into / "datasets" / "generated")  # built once if missing
    return into


def _timed_build(out: Path, course, only) -> float:
    start = time.perf_counter()
    results = build_book(out, course=course, only=only)
    seconds = time.perf_counter() - start
    failed = [f"{r.lang}: {r.log[-2000:]}" for r in results if not r.ok]
    if failed:
        raise RuntimeError("the book did not build:\n" + "\n".join(failed))
    return seconds


def _edit_reading(kit: Path) -> None:
    for lang, line in (("es", "Una frase nueva para medir la reconstrucción."),
                       ("en", "A new sentence to time the rebuild.")):
        reading = kit / "book" / "chapters" / f"{EDITED}.{lang}.md"
        reading.write_text(reading.read_text(encoding="utf-8") + f"\n{line}\n",
                           encoding="utf-8")


def _edit_notebook(kit: Path, course) -> None:
    for lang in ("es", "en"):
        path = kit / course.chapter(EDITED).notebook_path(lang)
        nb = nbformat.read(path, as_version=4)
        nb.cells.append(nbformat.v4.new_code_cell("2 + 2"))
        nbformat.write(nb, path)


def run():
    only = [c for c in os.environ.get("MIPYME_BENCH_BOOK_ONLY", "").split(",") if c] or None
    scope = f"subset_{len(only)}ch" if only else "full"
    with tempfile.TemporaryDirectory(prefix="mipyme-bench-book-") as tmp:
        kit = _scratch_kit(find_root(), Path(tmp))
        course = load_curriculum(kit / "curriculum.toml")
        if only and EDITED not in only:
            only = [EDITED, *only]
        out = Path(tmp) / "build" / "book"
        cold = _timed_build(out, course, only)
        _edit_reading(kit)
        reading = _timed_build(out, course, only)
        _edit_notebook(kit, course)
        notebook = _timed_build(out, course, only)
    pages = len(course.chapters) if only is None else len(only)
    yield f"book.{scope}.chapters", pages, "chapters (both editions)"
    yield f"book.{scope}.cold_build", cold, "s (baseline)"
    yield f"book.{scope}.rebuild_after_reading_edit", reading, "s"
    yield f"book.{scope}.rebuild_after_reading_edit_vs_cold", reading / cold, \
        "ratio (baseline: cold_build)"
    yield f"book.{scope}.rebuild_after_notebook_edit", notebook, "s"
    yield f"book.{scope}.rebuild_after_notebook_edit_vs_cold", notebook / cold, \
        "ratio (baseline: cold_build)"
