"""Practice sets: worked examples and exercises of rising difficulty for every chapter.

Each chapter has one file, ``book/practice/<chapter>.toml``, every text in Spanish and English:

- at least two ``[[worked]]`` examples with numbers (the situation, the steps, the result),
  shown to students on the chapter page before the practice;
- at least three ``[[exercise]]`` entries whose first three levels are, in order, ``faded``
  (a worked example with steps left to fill in), ``guided`` and ``independent``; each one has
  a worked answer (``answer_es``, ``answer_en``) that appears ONLY in the facilitator edition;
- under every worked example and exercise, ``[[...check]]`` rows (``expr``, ``expect``): a
  Python expression that computes a number the text states with the library's public
  functions, and the text of that number. ``tests/test_practice.py`` evaluates them.

:func:`practice_findings` reports every problem of a file at once (file, field, rule, value);
:func:`load_practice` refuses a file with a problem; :func:`practice_markdown` and
:func:`answers_markdown` write the chapter page's and the facilitator page's sections.

>>> from mipyme.curriculum import find_root
>>> practice = load_practice(find_root() / "book" / "practice" / "ch06.toml")
>>> [e.level for e in practice.exercises][:3]
['faded', 'guided', 'independent']
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from mipyme.errors import Finding, InputError
from mipyme.i18n import Text, check_language, t

__all__ = [
    "LEVELS",
    "MIN_EXERCISES",
    "MIN_WORKED",
    "Check",
    "Exercise",
    "Practice",
    "Worked",
    "answers_markdown",
    "load_practice",
    "practice_file",
    "practice_findings",
    "practice_markdown",
]

#: The levels of the exercises, in the order a chapter's first three exercises follow.
LEVELS: tuple[str, ...] = ("faded", "guided", "independent")
MIN_WORKED = 2
MIN_EXERCISES = 3

_WORKED_FIELDS = {"id", "title_es", "title_en", "es", "en", "check"}
_EXERCISE_FIELDS = {"id", "level", "es", "en", "answer_es", "answer_en", "check"}
_CHECK_FIELDS = {"expr", "expect"}
_HEADING = re.compile(r"^ {0,3}#{1,6}\s", re.M)
_CODE_SPAN = re.compile(r"`[^`]*`")


@dataclass(frozen=True, slots=True)
class Check:
    """A number the text states and the expression that computes it."""

    expr: str
    expect: str


@dataclass(frozen=True, slots=True)
class Worked:
    """A worked example: a title and a text in each language, and its checks."""

    id: str
    title_es: str
    title_en: str
    es: str
    en: str
    checks: tuple[Check, ...]

    @property
    def title(self) -> Text:
        """The title in both languages (``.title("en")``, ``.title.es``)."""
        return Text(self.title_es, self.title_en)

    @property
    def text(self) -> Text:
        """The text in both languages (``.text("en")``, ``.text.es``)."""
        return Text(self.es, self.en)


@dataclass(frozen=True, slots=True)
class Exercise:
    """An exercise: its level, the statement and the worked answer in each language."""

    id: str
    level: str
    es: str
    en: str
    answer_es: str
    answer_en: str
    checks: tuple[Check, ...]

    @property
    def text(self) -> Text:
        """The statement in both languages (``.text("en")``, ``.text.es``)."""
        return Text(self.es, self.en)

    @property
    def answer(self) -> Text:
        """The worked answer in both languages (``.answer("en")``, ``.answer.es``)."""
        return Text(self.answer_es, self.answer_en)


@dataclass(frozen=True, slots=True)
class Practice:
    """The practice set of one chapter."""

    chapter: str
    worked: tuple[Worked, ...]
    exercises: tuple[Exercise, ...]

    def checks(self) -> list[tuple[str, Check, str]]:
        """Every check with where it is (``worked[1].check[2]``) and the texts it must be in.

        The third item is the texts the number must appear in, joined (both languages; for
        an exercise, the statement and the answer of both languages).
        """
        out = []
        for i, item in enumerate(self.worked, 1):
            texts = "\n".join((item.es, item.en))
            out += [(f"worked[{i}].check[{j}]", c, texts) for j, c in enumerate(item.checks, 1)]
        for i, item in enumerate(self.exercises, 1):
            texts = "\n".join((item.es, item.answer_es, item.en, item.answer_en))
            out += [(f"exercise[{i}].check[{j}]", c, texts)
                    for j, c in enumerate(item.checks, 1)]
        return out


def practice_file(book_dir: str | Path, chapter: str) -> Path:
    """Where a chapter's practice set lives: ``<book_dir>/practice/<chapter>.toml``."""
    return Path(book_dir) / "practice" / f"{chapter}.toml"


def _read(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InputError("book.practice_bad_file", file=path.name, problem=exc) from None


def practice_findings(path: str | Path) -> list[Finding]:
    """Every problem of a practice file, all at once (empty list: all good).

    Each finding names the file, the field (``exercise[2].level``), the rule and the value.

    >>> import tempfile
    >>> from mipyme.i18n import language
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "ch06.toml").write_text('chapter = "ch06"\\n[[worked]]\\nid = "a"\\n')
    >>> with language("en"):
    ...     print(practice_findings(folder / "ch06.toml")[0])
    ERROR book.practice_too_few [ch06.toml: worked]: ch06.toml: 'worked' must have at least 2 entries (got 1)
    """
    path = Path(path)
    data = _read(path)
    found: list[Finding] = []

    def add(code: str, field: str, **params: object) -> None:
        found.append(Finding("error", f"book.{code}",
                             t(f"book.{code}", file=path.name, field=field, **params),
                             f"{path.name}: {field}"))

    def text(item: dict, key: str, where: str) -> None:
        value = item.get(key)
        if not isinstance(value, str) or not value.strip():
            add("practice_missing", f"{where}.{key}", value=value if value is not None else "")
        elif key in ("es", "en", "answer_es", "answer_en") and _HEADING.search(value):
            add("practice_heading", f"{where}.{key}",
                value=_HEADING.search(value).group().strip())

    def fields(item: dict, allowed: set[str], where: str) -> None:
        for key in sorted(set(item) - allowed):
            add("practice_unknown", f"{where}.{key}", allowed=", ".join(sorted(allowed)))

    def checks(item: dict, where: str) -> None:
        rows = item.get("check", [])
        if not rows:
            add("practice_no_check", f"{where}.check", value=0)
        for j, row in enumerate(rows, 1):
            fields(row, _CHECK_FIELDS, f"{where}.check[{j}]")
            for key in ("expr", "expect"):
                text(row, key, f"{where}.check[{j}]")

    expected = path.stem
    if data.get("chapter") != expected:
        add("practice_chapter", "chapter", value=data.get("chapter", ""), expected=expected)
    fields(data, {"chapter", "worked", "exercise"}, "")
    worked, exercises = data.get("worked", []), data.get("exercise", [])
    if len(worked) < MIN_WORKED:
        add("practice_too_few", "worked", minimum=MIN_WORKED, value=len(worked))
    if len(exercises) < MIN_EXERCISES:
        add("practice_too_few", "exercise", minimum=MIN_EXERCISES, value=len(exercises))
    ids: list[str] = []
    for i, item in enumerate(worked, 1):
        where = f"worked[{i}]"
        fields(item, _WORKED_FIELDS, where)
        for key in ("id", "title_es", "title_en", "es", "en"):
            text(item, key, where)
        checks(item, where)
        ids.append(str(item.get("id", "")))
    levels = []
    for i, item in enumerate(exercises, 1):
        where = f"exercise[{i}]"
        fields(item, _EXERCISE_FIELDS, where)
        for key in ("id", "es", "en", "answer_es", "answer_en"):
            text(item, key, where)
        level = item.get("level")
        if level not in LEVELS:
            add("practice_bad_level", f"{where}.level", choices=", ".join(LEVELS),
                value=level if level is not None else "")
        levels.append(level)
        checks(item, where)
        ids.append(str(item.get("id", "")))
    first = levels[:len(LEVELS)]
    if len(first) == len(LEVELS) and first != list(LEVELS):
        add("practice_order", "exercise.level", order=", ".join(LEVELS),
            value=", ".join(str(level) for level in first))
    for name in sorted({i for i in ids if i and ids.count(i) > 1}):
        add("practice_duplicate", "id", value=name)
    return found


def _checks(item: dict) -> tuple[Check, ...]:
    return tuple(Check(str(c["expr"]), str(c["expect"])) for c in item.get("check", []))


def load_practice(path: str | Path) -> Practice:
    """Read a practice file; refuse it, naming the first problem, if it has any.

    Raises
    ------
    InputError
        If the file is not valid TOML or breaks a rule (see :func:`practice_findings`).
    """
    path = Path(path)
    found = practice_findings(path)
    if found:
        raise InputError("book.practice_invalid", file=path.name, count=len(found),
                         first=found[0].message)
    data = _read(path)
    worked = tuple(Worked(w["id"], w["title_es"], w["title_en"], w["es"], w["en"], _checks(w))
                   for w in data["worked"])
    exercises = tuple(Exercise(e["id"], e["level"], e["es"], e["en"], e["answer_es"],
                               e["answer_en"], _checks(e)) for e in data["exercise"])
    return Practice(data["chapter"], worked, exercises)


def _escape_dollars(text: str) -> str:
    """``$`` outside code spans written as ``\\$`` (the book reads ``$...$`` as math)."""
    out = []
    for line in text.splitlines():
        parts, last = [], 0
        for code in _CODE_SPAN.finditer(line):
            parts += [re.sub(r"(?<!\\)\$", r"\\$", line[last:code.start()]), code.group()]
            last = code.end()
        parts.append(re.sub(r"(?<!\\)\$", r"\\$", line[last:]))
        out.append("".join(parts))
    return "\n".join(out)


def _exercise_heading(practice: Practice, number: int, lang: str) -> str:
    exercise = practice.exercises[number - 1]
    return t("book.practice_exercise", lang=lang, number=number,
             level=t(f"book.practice_level.{exercise.level}", lang=lang))


def practice_markdown(practice: Practice, lang: str) -> str:
    """The chapter page's practice: the worked examples, then the exercises' statements.

    The answers are never part of it (they go to :func:`answers_markdown`).
    """
    lang = check_language(lang)
    lines = [f"## {t('book.worked_examples', lang=lang)}", "",
             t("book.worked_lead", lang=lang), ""]
    for number, item in enumerate(practice.worked, 1):
        lines += [f"### {t('book.worked_example', lang=lang, number=number, title=item.title(lang))}",
                  "", _escape_dollars(item.text(lang).strip()), ""]
    lines += [f"## {t('book.practice', lang=lang)}", "", t("book.practice_lead", lang=lang), ""]
    for number, item in enumerate(practice.exercises, 1):
        lines += [f"### {_exercise_heading(practice, number, lang)}", "",
                  _escape_dollars(item.text(lang).strip()), ""]
    return "\n".join(lines)


def answers_markdown(practice: Practice, lang: str) -> str:
    """The facilitator page's section: every exercise's statement and its worked answer."""
    lang = check_language(lang)
    lines = [f"## {t('book.practice_answers', lang=lang)}", "",
             t("book.practice_answers_lead", lang=lang), ""]
    for number, item in enumerate(practice.exercises, 1):
        statement = _escape_dollars(item.text(lang).strip())
        lines += [f"### {_exercise_heading(practice, number, lang)}", "",
                  *(f"> {line}".rstrip() for line in statement.splitlines()), "",
                  _escape_dollars(item.answer(lang).strip()), ""]
    return "\n".join(lines)
