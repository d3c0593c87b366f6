"""What a chapter's field kit says, gathered from the kit's sources, in one language.

Nothing here is written twice: titles and parts come from ``curriculum.toml``; objectives,
key points, misconceptions and questions from the facilitator notes
(``book/facilitator/chNN.toml``); the timed workshop without computers from the chapter's plan
(``book/workshops/chNN.toml``, :mod:`mipyme.facilitator_workshop`); the worked example's
figures from the library (:mod:`mipyme.fieldkit.examples`).

>>> kit = chapter_content("ch04", "en")
>>> kit.number, kit.part_title
(4, 'Selling online')
>>> kit.rule.splitlines()[0].startswith("Card:")
True
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from mipyme.curriculum import load_curriculum
from mipyme.facilitator import FacilitatorNotes, load_notes
from mipyme.facilitator_workshop import WorkshopPlan, load_plan
from mipyme.fieldkit.examples import Example, worked_example
from mipyme.i18n import check_language, t

__all__ = ["ChapterContent", "chapter_content", "markdown_html"]


@dataclass(frozen=True)
class ChapterContent:
    """One chapter's field kit content in one language."""

    chapter: str
    lang: str
    number: int
    part: str
    part_title: str
    title: str
    notes: FacilitatorNotes
    example: Example

    def text(self, item) -> str:
        return item.get(self.lang)

    @property
    def objectives(self) -> list[str]:
        return [o.get(self.lang) for o in self.notes.objectives]

    @property
    def key_points(self) -> list[str]:
        return [k.get(self.lang) for k in self.notes.key_points]

    @property
    def phone_title(self) -> str:
        """The first line of the notes' phone summary (``📱 Lesson 4: ...``)."""
        return self.notes.low_connectivity.phone.get(self.lang).strip().splitlines()[0]

    @property
    def rule(self) -> str:
        """The rule of thumb: the phone-sized summary of the notes, without its title line."""
        lines = self.notes.low_connectivity.phone.get(self.lang).strip().splitlines()
        return "\n".join(line for line in lines[1:] if line.strip())

    @property
    def workshop(self) -> str:
        """How to run the chapter with paper, phone and spreadsheet only (Markdown).

        The timed plan (materials, then one list item per step with its minutes) when the
        chapter has one; else the loose tips of the notes' ``[low_connectivity]``. The
        slides' speaker notes show it.
        """
        plan = self.workshop_plan
        if plan is None:
            return self.notes.low_connectivity.text.get(self.lang).strip()
        lang = self.lang
        lines = [f"**{t('workshop.heading', lang=lang, minutes=plan.minutes)}.** "
                 f"{t('workshop.materials', lang=lang)}: {' · '.join(plan.materials(lang))}.",
                 ""]
        for n, step in enumerate(plan.steps, start=1):
            text = " ".join(step.text(lang).split())
            lines.append(f"- **{t('workshop.min', lang=lang, minutes=step.minutes)} · "
                         f"{n}. {step.title(lang)}.** {text}")
        return "\n".join(lines)

    @property
    def workshop_plan(self) -> WorkshopPlan | None:
        """The timed workshop without computers (steps, minutes, materials), if written."""
        return load_plan(self.chapter)


def chapter_content(chapter_id: str, lang: str) -> ChapterContent:
    """Gather chapter ``chapter_id``'s field kit content in ``lang`` (``"es"`` or ``"en"``)."""
    lang = check_language(lang)
    course = load_curriculum()
    chapter = course.chapter(chapter_id)
    part = next(p for p in course.parts if p.id == chapter.part)
    return ChapterContent(chapter.id, lang, int(chapter.id[2:]), part.id, part.title(lang),
                          chapter.title(lang), load_notes(chapter.id),
                          worked_example(chapter.id))


_BOLD = re.compile(r"\*\*(.+?)\*\*")
_EM = re.compile(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])")


def _inline(text: str) -> str:
    out = html.escape(text, quote=False)
    out = _BOLD.sub(r"<strong>\1</strong>", out)
    return _EM.sub(r"<em>\1</em>", out)


def markdown_html(text: str) -> str:
    """The little Markdown of the notes (paragraphs, ``- `` lists, bold) as HTML.

    >>> markdown_html("Hi **you**\\n- one\\n  more\\n- two")
    '<p>Hi <strong>you</strong></p><ul><li>one more</li><li>two</li></ul>'
    """
    blocks: list[tuple[str, list[str]]] = []
    for raw in text.strip().splitlines():
        line = raw.strip()
        if not line:
            blocks.append(("p", []))
        elif re.match(r"^([-*]|\d+\.)\s", raw.lstrip()) and raw[:1] != " ":
            blocks.append(("li", [re.sub(r"^([-*]|\d+\.)\s+", "", line)]))
        elif blocks and blocks[-1][1]:
            blocks[-1][1].append(line)
        else:
            blocks.append(("p", [line]))
    out, in_list = [], False
    for kind, lines in blocks:
        if not lines:
            continue
        if kind == "li" and not in_list:
            out.append("<ul>")
            in_list = True
        if kind != "li" and in_list:
            out.append("</ul>")
            in_list = False
        out.append(f"<{kind}>{_inline(' '.join(lines))}</{kind}>")
    if in_list:
        out.append("</ul>")
    return "".join(out)


def activity_name(activity: str, lang: str) -> str:
    return t(f"fieldkit.activity.{activity}", lang=lang)
