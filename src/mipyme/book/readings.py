"""The written pages of the book: chapter readings and the guides, each in two languages.

Chapter readings live in ``book/chapters/<chapter>.<lang>.md``; the guides (a part for
each kind of user, and the facilitator's guide) are listed in ``book/guides.toml`` and
live in ``book/guides/<stem>.<lang>.md``. Every page is written twice, Spanish first, and
both files must keep the SAME STRUCTURE: the same headings (levels and order) and the same
MyST directives (names, order and labels). :func:`check_readings` compares every pair and
returns all the problems together (``python -m mipyme.book check-readings``).

>>> structure("## Idea\\n\\n```{exercise}\\n:label: ch07-ex1\\n\\nTexto.\\n```\\n")
([(2, 1)], [('exercise', 'ch07-ex1', '')])
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from mipyme.errors import Finding, InputError
from mipyme.i18n import LANGUAGES, Text, check_language, t

__all__ = [
    "GuidePage",
    "GuidePart",
    "Guides",
    "check_readings",
    "guide_text",
    "load_guides",
    "reading_pairs",
    "reading_text",
    "structure",
]

#: Where a guide part goes in the table of contents, around the curriculum parts.
PLACES = ("before", "after")
_FENCE = re.compile(r"^ {0,3}(`{3,}|:{3,})\s*(.*)$")
_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+\S")
_DIRECTIVE = re.compile(r"^\{([\w:-]+)\}\s*(.*)$")
_LABEL = re.compile(r"^\s*:label:\s*(\S+)")
#: Directives whose argument names another label (``{solution} ch07-ex1``).
_REFERENCING = ("solution",)


@dataclass(frozen=True, slots=True)
class GuidePart:
    """A part of guides in the table of contents, before or after the curriculum parts."""

    id: str
    place: str
    title_es: str
    title_en: str

    @property
    def title(self) -> Text:
        """The part's title in both languages (``.title("en")``, ``.title.es``)."""
        return Text(self.title_es, self.title_en)


@dataclass(frozen=True, slots=True)
class GuidePage:
    """One guide page: its part, its titles and its file stem (``book/guides/<stem>.<lang>.md``)."""

    id: str
    part: str
    title_es: str
    title_en: str
    file: str

    @property
    def title(self) -> Text:
        """The page's title in both languages (``.title("en")``, ``.title.es``)."""
        return Text(self.title_es, self.title_en)

    @property
    def page(self) -> str:
        """The page's name in every edition (``guides/<stem>``)."""
        return f"guides/{self.file}"


@dataclass(frozen=True, slots=True)
class Guides:
    """The guide parts and pages listed in ``book/guides.toml``, in order."""

    parts: tuple[GuidePart, ...] = ()
    pages: tuple[GuidePage, ...] = ()

    def pages_of(self, part: str) -> tuple[GuidePage, ...]:
        """The pages of one part, in order."""
        return tuple(p for p in self.pages if p.part == part)


def load_guides(book_dir: str | Path) -> Guides:
    """Read ``<book_dir>/guides.toml``; no file means no guides.

    >>> from mipyme.curriculum import find_root
    >>> guides = load_guides(find_root() / "book")
    >>> [part.place for part in guides.parts]
    ['before', 'after']
    >>> guides.pages[0].page
    'guides/instructor'
    """
    file = Path(book_dir) / "guides.toml"
    if not file.is_file():
        return Guides()
    data = tomllib.loads(file.read_text(encoding="utf-8"))
    parts = []
    for item in data.get("part", []):
        if item.get("place") not in PLACES:
            raise InputError("errors.one_of", arg="place", choices=list(PLACES),
                             value=item.get("place"))
        parts.append(GuidePart(item["id"], item["place"], item["title_es"], item["title_en"]))
    ids = [p.id for p in parts]
    pages = []
    for item in data.get("page", []):
        if item.get("part") not in ids:
            raise InputError("errors.one_of", arg="part", choices=ids, value=item.get("part"))
        pages.append(GuidePage(item["id"], item["part"], item["title_es"], item["title_en"],
                               item["file"]))
    return Guides(tuple(parts), tuple(pages))


def _text(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.is_file() else None


def reading_text(book_dir: str | Path, chapter: str, lang: str) -> str | None:
    """A chapter's reading in ``lang`` (``book/chapters/<chapter>.<lang>.md``), or None."""
    return _text(Path(book_dir) / "chapters" / f"{chapter}.{check_language(lang)}.md")


def guide_text(book_dir: str | Path, stem: str, lang: str) -> str | None:
    """A guide page in ``lang`` (``book/guides/<stem>.<lang>.md``), or None."""
    return _text(Path(book_dir) / "guides" / f"{stem}.{check_language(lang)}.md")


def structure(text: str) -> tuple[list[tuple[int, int]], list[tuple[str, str, str]]]:
    """The skeleton of a MyST page: its headings and its directives, in order.

    Headings are ``(level, line)`` pairs outside code; directives are
    ``(name, label, target)``: the ``:label:`` option and, for a ``{solution}``, the
    exercise it solves. Code blocks (```` ```python ````) hide what is inside them.

    >>> page = '''## Idea
    ... ```python
    ... # a comment, not a heading
    ... ```
    ... ```{solution} ch07-ex1
    ... :class: dropdown
    ...
    ... ### Worked
    ... ```'''
    >>> structure(page)
    ([(2, 1), (3, 8)], [('solution', '', 'ch07-ex1')])
    """
    headings: list[tuple[int, int]] = []
    directives: list[tuple[str, str, str]] = []
    stack: list[tuple[str, bool]] = []  # (fence, is_directive)
    pending: tuple[str, str] | None = None  # a directive whose options are being read
    pending_label = ""
    for number, line in enumerate(text.splitlines(), start=1):
        if pending is not None:
            label = _LABEL.match(line)
            if label:
                pending_label = label.group(1)
                continue
            if re.match(r"^\s*:[\w-]+:", line):
                continue
            directives.append((pending[0], pending_label, pending[1]))
            pending, pending_label = None, ""
        fence = _FENCE.match(line)
        if stack and not stack[-1][1]:  # inside a code block: only its closing fence counts
            if fence and not fence.group(2) and fence.group(1)[0] == stack[-1][0][0] \
                    and len(fence.group(1)) >= len(stack[-1][0]):
                stack.pop()
            continue
        if fence:
            marker, info = fence.group(1), fence.group(2).strip()
            if stack and not info and marker[0] == stack[-1][0][0] \
                    and len(marker) >= len(stack[-1][0]):
                stack.pop()
                continue
            directive = _DIRECTIVE.match(info)
            stack.append((marker, directive is not None))
            if directive:
                name, argument = directive.group(1), directive.group(2).strip()
                pending = (name, argument if name in _REFERENCING else "")
            continue
        heading = _HEADING.match(line)
        if heading:
            headings.append((len(heading.group(1)), number))
    if pending is not None:
        directives.append((pending[0], pending_label, pending[1]))
    return headings, directives


def _compare(name: str, texts: dict[str, str]) -> list[Finding]:
    first, *others = LANGUAGES
    head, direct = structure(texts[first])
    found = []
    for lang in others:
        other_head, other_direct = structure(texts[lang])
        levels, other_levels = [lv for lv, _ in head], [lv for lv, _ in other_head]
        if levels != other_levels:
            at = next((i for i, pair in enumerate(zip(levels, other_levels, strict=False))
                       if pair[0] != pair[1]), min(len(levels), len(other_levels)))
            found.append(Finding("error", "book.reading_headings", t(
                "book.reading_headings", name=name, edition=lang, first=first,
                count=len(levels), other_count=len(other_levels), position=at + 1,
                expected=_describe_heading(levels, at), got=_describe_heading(other_levels, at)),
                f"{name}.{lang}.md"))
        if direct != other_direct:
            at = next((i for i, pair in enumerate(zip(direct, other_direct, strict=False))
                       if pair[0] != pair[1]), min(len(direct), len(other_direct)))
            found.append(Finding("error", "book.reading_directives", t(
                "book.reading_directives", name=name, edition=lang, first=first,
                count=len(direct), other_count=len(other_direct), position=at + 1,
                expected=_describe_directive(direct, at),
                got=_describe_directive(other_direct, at)),
                f"{name}.{lang}.md"))
    return found


def _describe_heading(levels: list[int], at: int) -> str:
    return "#" * levels[at] if at < len(levels) else "-"


def _describe_directive(items: list[tuple[str, str, str]], at: int) -> str:
    if at >= len(items):
        return "-"
    name, label, target = items[at]
    return "{" + name + "}" + (f" {target}" if target else "") + (f" :label: {label}"
                                                                  if label else "")


def check_readings(root: str | Path) -> list[Finding]:
    """Compare every reading and guide page with its other language; all problems at once.

    ``root`` is the kit's folder (the one with ``book/``). Each chapter reading found in
    ``book/chapters/`` and each page listed in ``book/guides.toml`` must exist in every
    language with the same headings and directives. A listed guide page with no file in
    any language is still being written and is not a problem.

    >>> import tempfile
    >>> from mipyme.i18n import language
    >>> root = Path(tempfile.mkdtemp())
    >>> (root / "book" / "chapters").mkdir(parents=True)
    >>> _ = (root / "book" / "chapters" / "ch07.es.md").write_text("## Uno\\n\\n## Dos\\n")
    >>> _ = (root / "book" / "chapters" / "ch07.en.md").write_text("## One\\n\\n### Two\\n")
    >>> with language("en"):
    ...     print(*check_readings(root), sep="\\n")  # doctest: +NORMALIZE_WHITESPACE
    ERROR book.reading_headings [chapters/ch07.en.md]: 'chapters/ch07': the 'en' headings do
    not follow the 'es' ones (2 headings against 2; heading 2 is ###, expected ##)
    """
    book = Path(root) / "book"
    found: list[Finding] = []
    for name in reading_pairs(root):
        texts = {lang: _text(book / f"{name}.{lang}.md") for lang in LANGUAGES}
        present = {lang: text for lang, text in texts.items() if text is not None}
        missing = [lang for lang in LANGUAGES if lang not in present]
        for lang in missing:
            found.append(Finding("error", "book.reading_missing",
                                 t("book.reading_missing", name=name, edition=lang),
                                 f"{name}.{lang}.md"))
        if not missing:
            found += _compare(name, present)
    return found


def reading_pairs(root: str | Path) -> list[str]:
    """The written pages that exist in at least one language: ``chapters/ch07``, ``guides/...``.

    >>> from mipyme.curriculum import find_root
    >>> "guides/instructor" in reading_pairs(find_root())
    True
    """
    book = Path(root) / "book"
    names: set[str] = set()
    chapters = book / "chapters"
    if chapters.is_dir():
        for path in chapters.glob("*.md"):
            stem, _, lang = path.stem.rpartition(".")
            if lang in LANGUAGES:
                names.add(f"chapters/{stem}")
    names.update(f"guides/{page.file}" for page in load_guides(book).pages)
    return sorted(name for name in names
                  if any((book / f"{name}.{lang}.md").is_file() for lang in LANGUAGES))
