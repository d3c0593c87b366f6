"""The book: cold build time and rebuild time after editing one chapter.

Builds both editions of a two-chapter subset (one notebook executed) in a scratch copy of
the kit, then edits one chapter's reading and builds again. The rebuild reuses the
execution cache and Sphinx's environment, so it should be a small fraction of the cold build.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from mipyme.book.build import build_book
from mipyme.curriculum import find_root, load_curriculum

CHAPTERS = ("ch12", "ch14")


def _scratch_kit(root: Path, into: Path) -> Path:
    for name in ("curriculum.toml",):
        shutil.copy(root / name, into / name)
    for folder in ("notebooks", "book", "exercises"):
        shutil.copytree(root / folder, into / folder, ignore=shutil.ignore_patterns("_build"))
    data = root / "datasets" / "generated"
    (into / "datasets").mkdir()
    os.symlink(data, into / "datasets" / "generated")
    return into


def run():
    root = find_root()
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "kit").mkdir()
        kit = _scratch_kit(root, Path(tmp) / "kit")
        course = load_curriculum(kit / "curriculum.toml")
        out = Path(tmp) / "site"
        start = time.perf_counter()
        results = build_book(out, only=CHAPTERS, course=course)
        cold = time.perf_counter() - start
        if not all(r.ok for r in results):
            raise RuntimeError("cold build failed")
        reading = kit / "book" / "chapters" / f"{CHAPTERS[0]}.es.md"
        if reading.exists():
            reading.write_text(reading.read_text(encoding="utf-8")
                               + "\nUna frase nueva para medir la reconstrucción.\n",
                               encoding="utf-8")
        else:  # no reading yet: edit the chapter's notebook prose instead
            nb = kit / course.chapter(CHAPTERS[0]).notebook
            nb.write_text(nb.read_text(encoding="utf-8").replace("Record keeping",
                                                                 "Record-keeping"),
                          encoding="utf-8")
        start = time.perf_counter()
        results = build_book(out, only=CHAPTERS, course=course)
        rebuild = time.perf_counter() - start
        if not all(r.ok for r in results):
            raise RuntimeError("rebuild failed")
    yield "book.subset_2ch_both_editions.cold_build", cold, "s"
    yield "book.subset_2ch_both_editions.rebuild_after_edit", rebuild, "s"
    yield "book.rebuild_vs_cold", rebuild / cold, "ratio (baseline: the cold build)"
