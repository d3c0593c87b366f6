"""What the book is made of: the pages of every chapter and guide, the same in every edition.

The plan comes from ONE structure, ``curriculum.toml`` (and ``book/guides.toml`` for the
guides): a page whose file the kit does not have yet is left out of every edition. The
datasets the notebooks read are found (and generated once if missing) here too.

>>> from mipyme.curriculum import load_curriculum
>>> plan = edition_plan(load_curriculum(), only=["ch12"])
>>> [page for page, _ in plan["ch12"]][:2]
['ch12/index', 'ch12/notebook']
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from mipyme.book.readings import Guides, guide_text, load_guides
from mipyme.curriculum import Chapter, Curriculum
from mipyme.i18n import LANGUAGES

__all__ = ["chapter_number", "datasets_folder", "edition_plan", "guide_plan"]


def chapter_number(chapter: Chapter) -> int:
    """The number of a chapter, from its id (``ch07`` -> 7; 0 without digits)."""
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


def datasets_folder(root: Path) -> Path:
    """The example businesses' datasets the notebooks read: ``MIPYME_DATASETS``, else
    ``datasets/generated`` in the kit at ``root`` (generated with seed 2026 if missing)."""
    folder = Path(os.environ.get("MIPYME_DATASETS") or root / "datasets" / "generated")
    if not (folder / "businesses.csv").exists():
        subprocess.run([sys.executable, "-m", "mipyme.datasets", "build", "--out", str(folder),
                        "--seed", "2026"], check=True, cwd=root)
    return folder.resolve()
