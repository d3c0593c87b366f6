"""The curriculum map (``curriculum.toml`` at the top of the kit), read and checked.

>>> from mipyme.curriculum import load_curriculum
>>> course = load_curriculum()
>>> len(course.chapters) >= 12
True
>>> course.chapter("ch07").title("en")
'Incoterms 2020'
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from mipyme.errors import InputError
from mipyme.i18n import Text, get_language

__all__ = ["Chapter", "Curriculum", "Part", "find_root", "load_curriculum"]

STATUSES = ("planned", "ready")


def find_root(start: Path | None = None) -> Path:
    """The kit's top folder: the nearest parent holding ``curriculum.toml``."""
    here = (start or Path(__file__)).resolve()
    for folder in [here, *here.parents]:
        if (folder / "curriculum.toml").is_file():
            return folder
    raise FileNotFoundError("no curriculum.toml above " + str(here))


@dataclass(frozen=True, slots=True)
class Part:
    """A part of the course (selling online, pricing and export, finance)."""

    id: str
    title_es: str
    title_en: str

    @property
    def title(self) -> Text:
        """The title in both languages: ``.title("en")``, ``.title.es``."""
        return Text(self.title_es, self.title_en)


@dataclass(frozen=True, slots=True)
class Chapter:
    """One chapter: its notebook, its graded assignment and its facilitator notes."""

    id: str
    slug: str
    part: str
    title_es: str
    title_en: str
    notebook: str
    assignment: str
    facilitator: str
    status: str = "planned"

    @property
    def title(self) -> Text:
        """The title in both languages: ``.title("en")``, ``.title.es``."""
        return Text(self.title_es, self.title_en)

    def notebook_path(self, lang: str | None = None) -> str:
        """The chapter's built notebook in one edition (relative to the kit's folder)."""
        return self.notebook.format(lang=lang or get_language())

    @property
    def notebook_source(self) -> str:
        """The notebook's bilingual source, from which both editions are built."""
        return f"notebooks/src/{Path(self.notebook).stem}.py"


@dataclass(frozen=True, slots=True)
class Curriculum:
    """The whole course, in order."""

    root: Path
    parts: tuple[Part, ...]
    chapters: tuple[Chapter, ...]

    def chapter(self, id_: str) -> Chapter:
        for chapter in self.chapters:
            if id_ in (chapter.id, chapter.slug, chapter.assignment):
                return chapter
        raise InputError("errors.one_of", arg="chapter",
                         choices=tuple(c.id for c in self.chapters), value=id_)

    def ready(self) -> tuple[Chapter, ...]:
        """Chapters whose notebook, assignment and notes must all exist."""
        return tuple(c for c in self.chapters if c.status == "ready")

    def missing(self) -> list[str]:
        """Files that a ready chapter names but the kit does not have."""
        out = []
        for chapter in self.ready():
            for label, rel in (("notebook", chapter.notebook_path("es")),
                               ("notebook", chapter.notebook_path("en")),
                               ("notebook source", chapter.notebook_source),
                               ("facilitator", chapter.facilitator),
                               ("assignment", f"exercises/source/{chapter.assignment}")):
                if not (self.root / rel).exists():
                    out.append(f"{chapter.id} {label}: {rel}")
        return out


def load_curriculum(path: str | Path | None = None) -> Curriculum:
    """Read and check ``curriculum.toml`` (ids unique, parts known, statuses valid)."""
    file = Path(path) if path else find_root() / "curriculum.toml"
    data = tomllib.loads(file.read_text(encoding="utf-8"))
    parts = tuple(Part(**p) for p in data.get("part", []))
    chapters = tuple(Chapter(**c) for c in data.get("chapter", []))
    part_ids = {p.id for p in parts}
    seen: set[str] = set()
    for chapter in chapters:
        for key in (chapter.id, chapter.slug, chapter.assignment, chapter.notebook):
            if key in seen:
                raise InputError("errors.one_of", arg="chapter", choices="(unique ids)",
                                 value=key)
            seen.add(key)
        if "{lang}" not in chapter.notebook:
            raise InputError("errors.one_of", arg="notebook",
                             choices="(notebooks/{lang}/NAME.ipynb)", value=chapter.notebook)
        if chapter.part not in part_ids:
            raise InputError("errors.one_of", arg="part", choices=tuple(sorted(part_ids)),
                             value=chapter.part)
        if chapter.status not in STATUSES:
            raise InputError("errors.one_of", arg="status", choices=STATUSES,
                             value=chapter.status)
    return Curriculum(file.parent, parts, chapters)
