"""Build the field kit: every chapter, both languages, one zip per chapter and language.

Layout under ``out`` (default ``build/fieldkit``)::

    {lang}/chNN/handout-a4.pdf, handout-letter.pdf   printable handout
    {lang}/chNN/slides.html                          offline deck with speaker notes
    {lang}/chNN/whatsapp/messages.txt, card-NN.png, quiz.txt, voice-note.txt
    {lang}/chNN/sheets/*.xlsx                         the chapter's spreadsheet templates
    {lang}/chNN/check-{part}.pdf, check-{part}.csv    the part's knowledge check
    {lang}/chNN-{lang}.zip                            all of the above, for sharing offline

One Chromium serves every PDF and card of the build.
"""

from __future__ import annotations

import shutil
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from mipyme.curriculum import load_curriculum
from mipyme.fieldkit.browser import CutOffError, Renderer
from mipyme.fieldkit.checks import check_html, csv_header
from mipyme.fieldkit.content import chapter_content
from mipyme.fieldkit.examples import DAY
from mipyme.fieldkit.handout import MAX_PAGES, TYPE_SIZES, handout_html, page_count
from mipyme.fieldkit.sheets import write_sheet
from mipyme.fieldkit.slides import default_reveal, slides_html
from mipyme.fieldkit.whatsapp import CARD_SIZE, card_html, messages, quiz_text, voice_script
from mipyme.i18n import LANGUAGES, t

__all__ = ["CHAPTER_SHEETS", "PAPERS", "BuildReport", "build", "kit_path", "phone_bundle"]

PAPERS = {"A4": "handout-a4.pdf", "Letter": "handout-letter.pdf"}
#: The spreadsheet templates each chapter hands out.
CHAPTER_SHEETS = {"ch02": ("price_channel",), "ch06": ("break_even",),
                  "ch07": ("export_quote",), "ch08": ("export_quote",),
                  "ch13": ("break_even",), "ch14": ("cash_flow", "loans"),
                  "ch15": ("price_channel",), "ch16": ("cash_flow", "loans", "break_even"),
                  "ch17": ("price_channel",)}
_FONT_SIZES = (40, 36, 32, 29, 26, 23)


def kit_path(chapter_id: str, lang: str) -> str:
    """The zip of a chapter's kit, relative to the build folder (``build/``).

    >>> kit_path("ch04", "en")
    'fieldkit/en/ch04-en.zip'
    """
    chapter = load_curriculum().chapter(chapter_id)
    lang = lang if lang in LANGUAGES else LANGUAGES[0]
    return f"fieldkit/{lang}/{chapter.id}-{lang}.zip"


def phone_bundle(folder: Path) -> list[Path]:
    """What goes to a phone: the A4 handout, the messages and the cards of a chapter."""
    return [folder / PAPERS["A4"], *sorted((folder / "whatsapp").iterdir())]


@dataclass
class BuildReport:
    """Sizes (bytes) of each zip and of each phone bundle, and the build time."""

    zips: dict[str, int] = field(default_factory=dict)
    phone: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def _readme(content, folder: Path, sheets: bool) -> None:
    lang = content.lang
    lines = [t("fieldkit.readme.title", lang=lang, n=content.number, title=content.title), ""]
    for key in ("handout", "slides", "whatsapp", *(("sheets",) if sheets else ()), "check"):
        lines += [t(f"fieldkit.readme.{key}", lang=lang), ""]
    lines.append(t("fieldkit.readme.dated", lang=lang, day=DAY))
    (folder / t("fieldkit.readme.name", lang=lang)).write_text("\n".join(lines) + "\n",
                                                               encoding="utf-8")


def _cards(renderer: Renderer, content, folder: Path) -> None:
    seq = messages(content)
    lines = []
    for n, message in enumerate(seq, start=1):
        for size in _FONT_SIZES:
            try:
                renderer.png(card_html(content, message, n, len(seq), size),
                             folder / message.card, *CARD_SIZE)
                break
            except CutOffError:
                if size == _FONT_SIZES[-1]:
                    raise
        lines += [f"--- {n}/{len(seq)} · {message.card}", message.text,
                  f"[{message.alt}]", ""]
    (folder / "messages.txt").write_text("\n".join(lines), encoding="utf-8")
    (folder / "quiz.txt").write_text(quiz_text(content), encoding="utf-8")
    (folder / "voice-note.txt").write_text(voice_script(content), encoding="utf-8")


def build(out: str | Path = "build/fieldkit", chapters: tuple[str, ...] = (),
          reveal: Path | None = None) -> BuildReport:
    """Build the field kit of ``chapters`` (default: every ready chapter) into ``out``.

    ``reveal``: the reveal.js package folder for the slides (default: the one ``make
    fieldkit`` installs, when it is there; otherwise the kit's own offline deck).
    """
    started = time.perf_counter()
    out = Path(out)
    course = load_curriculum()
    wanted = [c for c in course.ready() if not chapters or c.id in chapters]
    report = BuildReport()
    reveal = reveal if reveal is not None else default_reveal()
    shared = out / ".shared"
    with Renderer() as renderer:
        for lang in LANGUAGES:
            base = shared / lang
            base.mkdir(parents=True, exist_ok=True)
            for part in {c.part for c in wanted}:
                renderer.pdf(check_html(part, lang), base / f"check-{part}.pdf", "A4")
                (base / f"check-{part}.csv").write_text(csv_header(part) + "\n", encoding="utf-8")
            for name in {s for c in wanted for s in CHAPTER_SHEETS.get(c.id, ())}:
                write_sheet(name, lang, base / f"{name}.xlsx")
            for chapter in wanted:
                folder = out / lang / chapter.id
                if folder.exists():
                    shutil.rmtree(folder)
                (folder / "whatsapp").mkdir(parents=True)
                content = chapter_content(chapter.id, lang)
                for paper, name in PAPERS.items():
                    for points in TYPE_SIZES:  # the largest type that keeps it to 4 pages
                        renderer.pdf(handout_html(content, points), folder / name, paper)
                        if page_count((folder / name).read_bytes()) <= MAX_PAGES:
                            break
                (folder / "slides.html").write_text(slides_html(content, reveal), encoding="utf-8")
                _cards(renderer, content, folder / "whatsapp")
                for name in CHAPTER_SHEETS.get(chapter.id, ()):
                    (folder / "sheets").mkdir(exist_ok=True)
                    shutil.copy(base / f"{name}.xlsx", folder / "sheets" / f"{name}.xlsx")
                _readme(content, folder, bool(CHAPTER_SHEETS.get(chapter.id)))
                for suffix in ("pdf", "csv"):
                    shutil.copy(base / f"check-{chapter.part}.{suffix}", folder)
                zip_path = out / lang / f"{chapter.id}-{lang}.zip"  # kit_path's layout
                with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as zf:
                    for file in sorted(folder.rglob("*")):
                        if file.is_file():
                            zf.write(file, Path(chapter.id) / file.relative_to(folder))
                key = f"{lang}/{chapter.id}"
                report.zips[key] = zip_path.stat().st_size
                report.phone[key] = sum(f.stat().st_size for f in phone_bundle(folder))
    shutil.rmtree(shared, ignore_errors=True)
    report.seconds = time.perf_counter() - started
    return report
