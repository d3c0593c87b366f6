"""The workshop without computers: a timed plan per chapter, with paper, phone and spreadsheet.

Trained instructors run each chapter with micro-entrepreneurs who may have only a phone. The
plan of a chapter lives in ``book/workshops/chNN.toml``: its total minutes, the materials, and
5 to 8 steps (opening from the participants' own business, the reading's worked example on
paper, practice in pairs with the handout's worksheet, the phone, the spreadsheet if there is
one, a check of understanding, one action for the week), each in Spanish and English. The
facilitator page of the book and the handout's instructor page show it.

A plan is loaded leniently and checked at once: :func:`check_plan` lists every problem (file,
field, rule, value) so an author fixes them all in one pass; :func:`load_plan` refuses a plan
with problems, naming them.

>>> plan = load_plan("ch06")
>>> plan.minutes == sum(step.minutes for step in plan.steps)
True
>>> plan.steps[0].title("en") == plan.steps[0].title_en
True
>>> workshop_markdown(plan, "en").splitlines()[0].startswith("## Workshop without computers")
True
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from mipyme.curriculum import load_curriculum
from mipyme.errors import InputError
from mipyme.i18n import LANGUAGES, Text, check_language, get_language, t

__all__ = ["MAX_STEPS", "MIN_STEPS", "Problem", "Step", "WorkshopPlan", "check_plan",
           "load_plan", "plan_path", "read_plan", "workshop_markdown"]

#: How many steps a plan has: enough to start from experience, practise and close; few
#: enough to keep to time.
MIN_STEPS, MAX_STEPS = 5, 8
#: The folder of the plans, relative to the kit's top folder.
FOLDER = "book/workshops"


@dataclass(frozen=True, slots=True)
class Step:
    """One timed step: what the facilitator does and says, and what participants do."""

    minutes: int
    title_es: str
    title_en: str
    es: str
    en: str

    @property
    def title(self) -> Text:
        """The step's title in both languages: ``.title("en")``, ``.title.es``."""
        return Text(self.title_es, self.title_en)

    @property
    def text(self) -> Text:
        """What happens in the step, in both languages (a little Markdown)."""
        return Text(self.es.strip(), self.en.strip())


@dataclass(frozen=True, slots=True)
class WorkshopPlan:
    """A chapter's workshop without computers: total minutes, materials and steps."""

    chapter: str
    minutes: int
    materials_es: tuple[str, ...]
    materials_en: tuple[str, ...]
    steps: tuple[Step, ...]

    def materials(self, lang: str | None = None) -> tuple[str, ...]:
        """The materials in ``lang`` (default: the language in use)."""
        lang = check_language(lang) if lang else get_language()
        return self.materials_es if lang == "es" else self.materials_en


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem of a plan file: where (file, field), which rule, and the value found."""

    file: str
    field: str
    rule: str
    value: object

    def message(self, lang: str | None = None) -> str:
        """The problem in ``lang``: ``ch06.toml, step[2].minutes: ... (got 0)``."""
        rule = t(f"workshop.rule.{self.rule}", lang=lang, min=MIN_STEPS, max=MAX_STEPS)
        return t("workshop.problem", lang=lang, file=self.file, field=self.field, rule=rule,
                 value=repr(self.value))

    def __str__(self) -> str:
        return self.message()


def plan_path(chapter_id: str, root: str | Path | None = None) -> Path:
    """Where chapter ``chapter_id``'s plan lives (whether or not it exists yet)."""
    course = load_curriculum()
    chapter = course.chapter(chapter_id)
    return Path(root or course.root) / FOLDER / f"{chapter.id}.toml"


def _count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _words(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def read_plan(path: str | Path, chapter_id: str | None = None
              ) -> tuple[WorkshopPlan | None, list[Problem]]:
    """Read a plan file leniently: the plan (``None`` if unreadable) and every problem."""
    file = Path(path)
    name = file.name
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        return None, [Problem(name, "-", "bad_file", str(exc))]
    problems: list[Problem] = []

    def need(ok: bool, field: str, rule: str, value: object) -> None:
        if not ok:
            problems.append(Problem(name, field, rule, value))

    chapter = data.get("chapter", "")
    expected = chapter_id or file.stem
    need(chapter == expected, "chapter", "wrong_chapter", chapter)
    minutes = data.get("minutes")
    need(_count(minutes), "minutes", "positive_minutes", minutes)
    materials = {}
    for lang in LANGUAGES:
        items = data.get(f"materials_{lang}", [])
        need(isinstance(items, list) and bool(items) and all(_words(i) for i in items),
             f"materials_{lang}", "missing_text", items)
        materials[lang] = tuple(str(i) for i in items) if isinstance(items, list) else ()
    need(len(materials["es"]) == len(materials["en"]), "materials_en", "same_count",
         len(materials["en"]))
    raw = data.get("step", [])
    need(isinstance(raw, list) and MIN_STEPS <= len(raw) <= MAX_STEPS, "step", "step_count",
         len(raw) if isinstance(raw, list) else raw)
    steps = []
    for n, item in enumerate(raw if isinstance(raw, list) else [], start=1):
        item = item if isinstance(item, dict) else {}
        where = f"step[{n}]"
        need(_count(item.get("minutes")), f"{where}.minutes", "positive_minutes",
             item.get("minutes"))
        for key in ("title_es", "title_en", "es", "en"):
            need(_words(item.get(key)), f"{where}.{key}", "missing_text", item.get(key))
        steps.append(Step(item.get("minutes") if _count(item.get("minutes")) else 0,
                          *(str(item.get(k) or "") for k in ("title_es", "title_en", "es",
                                                             "en"))))
    total = sum(s.minutes for s in steps)
    if _count(minutes):
        need(total == minutes, "minutes", "minutes_sum", f"{minutes} ≠ {total}")
    plan = WorkshopPlan(str(chapter), minutes if _count(minutes) else total,
                        materials["es"], materials["en"], tuple(steps))
    return plan, problems


def check_plan(path: str | Path, chapter_id: str | None = None) -> list[Problem]:
    """Every problem of the plan file at ``path`` (an empty list: the plan is fine)."""
    return read_plan(path, chapter_id)[1]


def load_plan(chapter_id: str, *, path: str | Path | None = None) -> WorkshopPlan | None:
    """Chapter ``chapter_id``'s plan, or ``None`` if the chapter has none yet.

    Raises
    ------
    InputError
        If the file has any problem; the message lists them all (file, field, rule, value).
    """
    chapter = load_curriculum().chapter(chapter_id)
    file = Path(path) if path is not None else plan_path(chapter.id)
    if not file.is_file():
        return None
    plan, problems = read_plan(file, chapter.id)
    if problems:
        raise InputError("workshop.invalid", file=file.name, count=len(problems),
                         problems="; ".join(p.message() for p in problems))
    return plan


def workshop_markdown(plan: WorkshopPlan, lang: str | None = None) -> str:
    """The plan as a Markdown section (``##`` heading, materials, one ``###`` per step).

    >>> page = workshop_markdown(load_plan("ch06"), "es")
    >>> page.startswith("## Taller sin computadora") and "### 1." in page
    True
    """
    lang = check_language(lang) if lang else get_language()

    def tr(key: str, **params: object) -> str:
        return t(f"workshop.{key}", lang=lang, **params)

    lines = [f"## {tr('heading', minutes=plan.minutes)}", "", tr("intro"), "",
             f"**{tr('materials')}**", ""]
    lines += [f"- {item}" for item in plan.materials(lang)]
    lines += ["", f"| {tr('step')} | {tr('minutes')} |", "|---|---:|"]
    lines += [f"| {n}. {s.title(lang)} | {s.minutes} |" for n, s in enumerate(plan.steps, 1)]
    lines += [f"| **{tr('total')}** | **{plan.minutes}** |", ""]
    for n, step in enumerate(plan.steps, start=1):
        lines += [f"### {n}. {step.title(lang)} ({tr('min', minutes=step.minutes)})", "",
                  step.text(lang), ""]
    return "\n".join(lines).rstrip("\n") + "\n"
