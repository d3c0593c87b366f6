"""Facilitator notes of the training-of-trainers track: read, check and render them.

Why one module over 500 lines: the notes' format, its checks and its rendering (book page and
answers) change together whenever the notes gain a section.

Each chapter's notes are data, one TOML file per chapter (named in ``curriculum.toml``,
``book/facilitator/chNN.toml``), every text in Spanish (``es``) and English (``en``):
timing, learning objectives, common misconceptions, diagnostic questions whose wrong
options name the misconception they reveal, a teach-back with a rubric, an adaptation for
low connectivity and community settings, key points, and worked answers to the questions the
chapter's notebook leaves to the student ("Tu turno" / "Your turn", and any other prompt the
notes declare). The answers live only here, in the facilitator edition, never in the
students' notebook.

>>> from mipyme.facilitator import load_notes, render_markdown, validate_notes
>>> notes = load_notes("ch07")
>>> notes.chapter
'ch07'
>>> validate_notes(notes)
[]
>>> render_markdown(notes, "en").splitlines()[0]
'# Incoterms 2020: facilitator notes'
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from mipyme.curriculum import load_curriculum
from mipyme.errors import Finding, InputError
from mipyme.i18n import LANGUAGES, Text, check_language, get_language, t

__all__ = [
    "ACTIVITIES",
    "PHONE_LIMIT",
    "YOUR_TURN",
    "Answer",
    "FacilitatorNotes",
    "LowConnectivity",
    "Misconception",
    "Option",
    "Prompt",
    "Question",
    "RubricCriterion",
    "TeachBack",
    "Text",
    "answer_label",
    "load_notes",
    "numbers_in",
    "observable_verbs",
    "render_markdown",
    "validate_notes",
]

#: The activities of a session, in the order a session plan lists them.
ACTIVITIES: tuple[str, ...] = ("reading", "notebook", "exercise", "teachback", "discussion")

#: Longest phone-sized summary (characters, in each language): one WhatsApp screen.
PHONE_LIMIT = 500

# Word stems the low-connectivity adaptation must contain, by topic and language.
_TOPIC_STEMS: dict[str, dict[str, tuple[str, ...]]] = {
    "printed": {"es": ("impres",), "en": ("print",)},
    "children": {"es": ("niñ", "infantil"), "en": ("child",)},
    "language": {"es": ("lengua", "maya", "tseltal"), "en": ("language", "maya", "tseltal")},
}

_MIN_QUESTIONS = 2
_OPTIONS = (3, 4)

#: The prompt every chapter's notebook ends with ("Tu turno" / "Your turn"); its answers are
#: ``question = "your_turn.1"``, ``"your_turn.2"``... Other prompts are declared per chapter.
YOUR_TURN = "your_turn"

# A number as the kit writes it: thousands with commas, decimals with a point (1,234.56).
_NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


@dataclass(frozen=True, slots=True)
class Misconception:
    """A mistaken idea participants often bring, and how to address it."""

    id: str
    text: Text
    fix: Text


@dataclass(frozen=True, slots=True)
class Option:
    """One option of a diagnostic question; a wrong one names the misconception it reveals."""

    text: Text
    correct: bool
    misconception: str = ""


@dataclass(frozen=True, slots=True)
class Question:
    """A diagnostic multiple-choice question."""

    text: Text
    options: tuple[Option, ...]


@dataclass(frozen=True, slots=True)
class RubricCriterion:
    """One row of the teach-back observation rubric."""

    text: Text
    points: int


@dataclass(frozen=True, slots=True)
class TeachBack:
    """A short teach-back: the prompt, its length per person and the observation rubric."""

    minutes: int
    prompt: Text
    rubric: tuple[RubricCriterion, ...]


@dataclass(frozen=True, slots=True)
class LowConnectivity:
    """How to run the session with little or no internet, and a phone-sized summary."""

    text: Text
    phone: Text


@dataclass(frozen=True, slots=True)
class Prompt:
    """A question the notebook leaves to the student besides "Your turn", with its heading."""

    id: str
    text: Text


@dataclass(frozen=True, slots=True)
class Answer:
    """The worked answer to one question of a notebook prompt, for the facilitator.

    ``question`` names the prompt and, when the prompt is a numbered list, the item:
    ``"your_turn.2"`` is the second question of "Your turn"; ``"decision.1"`` the first item
    of a prompt the notes declare with id ``decision``. ``open`` marks a question with no
    single right figure (a teach-back, an opinion): its answer says what a good answer
    contains.
    """

    question: str
    text: Text
    open: bool = False

    @property
    def prompt(self) -> str:
        """The prompt's id (``"your_turn"``)."""
        return self.question.partition(".")[0]

    @property
    def item(self) -> int | None:
        """The question's number in the prompt's list, or None for a prompt with no list."""
        number = self.question.partition(".")[2]
        return int(number) if number.isdigit() else None


@dataclass(frozen=True, slots=True)
class FacilitatorNotes:
    """The facilitator notes of one chapter (see the module docstring for the parts)."""

    chapter: str
    session_minutes: int
    timing: tuple[tuple[str, int], ...]
    objectives: tuple[Text, ...]
    misconceptions: tuple[Misconception, ...]
    questions: tuple[Question, ...]
    teachback: TeachBack
    low_connectivity: LowConnectivity
    key_points: tuple[Text, ...]
    sources: tuple[str, ...] = ()
    expected_chapter: str = ""
    answers: tuple[Answer, ...] = ()
    prompts: tuple[Prompt, ...] = ()


def _text(raw: object, prefix: str = "") -> Text:
    raw = raw if isinstance(raw, dict) else {}
    return Text(str(raw.get(f"{prefix}es", "")), str(raw.get(f"{prefix}en", "")))


def _notes_from_dict(data: dict, expected: str) -> FacilitatorNotes:
    misconceptions = tuple(
        Misconception(str(m.get("id", "")), _text(m), _text(m, "fix_"))
        for m in data.get("misconception", [])
    )
    questions = tuple(
        Question(
            _text(q),
            tuple(
                Option(_text(o), o.get("correct") is True, str(o.get("misconception", "")))
                for o in q.get("option", [])
            ),
        )
        for q in data.get("question", [])
    )
    tb = data.get("teachback", {})
    teachback = TeachBack(
        tb.get("minutes", 10),
        _text(tb),
        tuple(RubricCriterion(_text(r), r.get("points", 0)) for r in tb.get("rubric", [])),
    )
    low = data.get("low_connectivity", {})
    return FacilitatorNotes(
        chapter=str(data.get("chapter", "")),
        session_minutes=data.get("session_minutes", 0),
        timing=tuple(data.get("timing", {}).items()),
        objectives=tuple(_text(o) for o in data.get("objective", [])),
        misconceptions=misconceptions,
        questions=questions,
        teachback=teachback,
        low_connectivity=LowConnectivity(_text(low), _text(low, "phone_")),
        key_points=tuple(_text(k) for k in data.get("key_point", [])),
        sources=tuple(str(s) for s in data.get("sources", [])),
        expected_chapter=expected,
        answers=tuple(Answer(str(a.get("question", "")), _text(a), a.get("open") is True)
                      for a in data.get("answer", [])),
        prompts=tuple(Prompt(str(p.get("id", "")), _text(p)) for p in data.get("prompt", [])),
    )


def load_notes(chapter_id: str, *, path: str | Path | None = None) -> FacilitatorNotes:
    """Read the facilitator notes of a chapter.

    Parameters
    ----------
    chapter_id : str
        The chapter's id (``"ch07"``), slug or assignment name, as in ``curriculum.toml``.
    path : str or Path, optional
        Read this file instead of the one the curriculum names (for drafts and tests).

    Returns
    -------
    FacilitatorNotes
        Loaded leniently: missing parts come back empty so that :func:`validate_notes`
        can report every problem at once.

    Raises
    ------
    InputError
        If the chapter is unknown or the file is not valid TOML.

    Examples
    --------
    >>> notes = load_notes("ch06")
    >>> notes.session_minutes == sum(minutes for _, minutes in notes.timing)
    True
    >>> load_notes("ch99")
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'chapter' debe ser uno de ('ch01', ...) (se recibió 'ch99')
    """
    course = load_curriculum()
    chapter = course.chapter(chapter_id)
    file = Path(path) if path is not None else course.root / chapter.facilitator
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InputError("facilitator.finding.bad_file", file=file.name, problem=exc) from None
    return _notes_from_dict(data, chapter.id)


def observable_verbs(lang: str | None = None) -> tuple[str, ...]:
    """The observable (Bloom) verbs a learning objective may start with.

    The list is data, in the i18n catalog (``facilitator.verbs``), so an instructor can
    extend it without touching code.

    >>> "calcular" in observable_verbs("es"), "understand" in observable_verbs("en")
    (True, False)
    """
    return tuple(v.strip().lower() for v in t("facilitator.verbs", lang=lang).split(","))


def numbers_in(text: str) -> set[str]:
    """The numbers a text states, written plainly (``"1,234.50"`` -> ``"1234.50"``).

    The kit writes numbers the same way in Spanish and English (Mexico uses the decimal
    point), so a worked answer must state the same numbers in both languages.

    >>> sorted(numbers_in("Vende 1,150 pesos: 15% de comisión y $172.50 MXN, el 2026-01-21."))
    ['01', '1150', '15', '172.50', '2026', '21']
    """
    return {match.replace(",", "") for match in _NUMBER.findall(text)}


def _first_word(text: str) -> str:
    word = text.strip().split(maxsplit=1)[0] if text.strip() else ""
    return word.strip(".,:;¿?¡!\"'()").lower()


def _positive_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def validate_notes(notes: FacilitatorNotes) -> list[Finding]:
    """Every problem in a chapter's facilitator notes, all at once (empty list: all good).

    Checks that every text exists in both languages; the session's activities are known
    and add up to the session length; each objective starts with an observable verb
    (:func:`observable_verbs`); misconception ids are unique and each one is diagnosed by
    some wrong option; there are at least two questions with 3-4 options, exactly one
    correct, and every wrong option names a misconception of the chapter; the teach-back
    fits its slot and its rubric has positive points; the low-connectivity adaptation
    mentions printed handouts, child-friendly spaces and local languages, and its phone
    summary is at most :data:`PHONE_LIMIT` characters in each language; there is at least
    one worked answer to "Your turn", every prompt the notes declare has an answer, each
    answer names a known prompt (``your_turn.2``, ``decision.1``) once, and its Spanish and
    English texts state the same numbers (:func:`numbers_in`); an answer that is not marked
    ``open`` and states no figure is a warning. Places are numbered from 1
    (``question[2].option[3]``, ``answer[4]``).

    Examples
    --------
    >>> from dataclasses import replace
    >>> from mipyme.i18n import language
    >>> notes = load_notes("ch07")
    >>> broken = replace(notes, objectives=(Text("Entender los Incoterms", "Understand Incoterms"),))
    >>> with language("en"):
    ...     for finding in validate_notes(broken):
    ...         print(finding)
    ERROR facilitator.objective_verb [objective[1].es]: the objective must start with an observable verb such as calcular, registrar, comparar (it starts with 'entender')
    ERROR facilitator.objective_verb [objective[1].en]: the objective must start with an observable verb such as calculate, record, compare (it starts with 'understand')
    """
    out: list[Finding] = []

    def add(code: str, where: str, level: str = "error", **params: object) -> None:
        out.append(Finding(level, f"facilitator.{code}", t(f"facilitator.finding.{code}",
                                                          **params), where))

    def need(text: Text, where: str) -> None:
        for lang in text.missing():
            add("missing_text", f"{where}.{lang}", language=lang)

    if notes.expected_chapter and notes.chapter != notes.expected_chapter:
        add("wrong_chapter", "chapter", value=notes.chapter, expected=notes.expected_chapter)

    # Timing.
    total = 0
    for activity, minutes in notes.timing:
        if activity not in ACTIVITIES:
            out.append(Finding("error", "facilitator.unknown_activity",
                               t("errors.one_of", arg="timing", choices=ACTIVITIES,
                                 value=activity), f"timing.{activity}"))
        if not _positive_int(minutes):
            add("bad_minutes", f"timing.{activity}", activity=activity, value=minutes)
        else:
            total += minutes
    if not notes.timing:
        add("missing_section", "timing", section="timing", minimum=1)
    if not _positive_int(notes.session_minutes) or total != notes.session_minutes:
        add("timing_sum", "session_minutes", total=total, session=notes.session_minutes)

    # Objectives.
    if not notes.objectives:
        add("missing_section", "objective", section="objective", minimum=1)
    for i, objective in enumerate(notes.objectives, 1):
        need(objective, f"objective[{i}]")
        for lang in LANGUAGES:
            text = objective.get(lang)
            verbs = observable_verbs(lang)
            if text.strip() and _first_word(text) not in verbs:
                add("objective_verb", f"objective[{i}].{lang}",
                    examples=", ".join(verbs[:3]), value=_first_word(text))

    # Misconceptions.
    if not notes.misconceptions:
        add("missing_section", "misconception", section="misconception", minimum=1)
    ids = [m.id for m in notes.misconceptions]
    for i, item in enumerate(notes.misconceptions, 1):
        if not item.id:
            add("missing_section", f"misconception[{i}].id", section="id", minimum=1)
        elif ids.count(item.id) > 1 and ids.index(item.id) == i - 1:
            add("duplicate_misconception", f"misconception[{i}].id", id=item.id)
        need(item.text, f"misconception[{i}]")
        need(item.fix, f"misconception[{i}].fix")

    # Questions.
    if len(notes.questions) < _MIN_QUESTIONS:
        add("missing_section", "question", section="question", minimum=_MIN_QUESTIONS)
    known = tuple(i for i in ids if i)
    diagnosed: set[str] = set()
    for q, question in enumerate(notes.questions, 1):
        need(question.text, f"question[{q}]")
        count = len(question.options)
        if not _OPTIONS[0] <= count <= _OPTIONS[1]:
            add("option_count", f"question[{q}]", count=count)
        right = sum(o.correct for o in question.options)
        if right != 1:
            add("correct_count", f"question[{q}]", count=right)
        for o, option in enumerate(question.options, 1):
            where = f"question[{q}].option[{o}]"
            need(option.text, where)
            if option.correct:
                continue
            if not option.misconception:
                add("no_misconception", where)
            elif option.misconception not in known:
                add("unknown_misconception", where, id=option.misconception, known=known)
            else:
                diagnosed.add(option.misconception)
    for i, item in enumerate(notes.misconceptions, 1):
        if item.id and item.id not in diagnosed:
            add("unused_misconception", f"misconception[{i}]", level="warning", id=item.id)

    # Teach-back.
    tb = notes.teachback
    need(tb.prompt, "teachback")
    slot = dict(notes.timing).get("teachback", 0)
    if not _positive_int(tb.minutes):
        add("bad_minutes", "teachback.minutes", activity="teachback", value=tb.minutes)
    elif _positive_int(slot) and tb.minutes > slot:
        add("teachback_minutes", "teachback.minutes", minutes=tb.minutes, slot=slot)
    if not tb.rubric:
        add("missing_section", "teachback.rubric", section="teachback.rubric", minimum=1)
    for r, criterion in enumerate(tb.rubric, 1):
        need(criterion.text, f"teachback.rubric[{r}]")
        if not _positive_int(criterion.points):
            add("bad_points", f"teachback.rubric[{r}].points", value=criterion.points)

    # Low connectivity.
    low = notes.low_connectivity
    need(low.text, "low_connectivity")
    need(low.phone, "low_connectivity.phone")
    for lang in LANGUAGES:
        text = low.text.get(lang).lower()
        if text.strip():
            for topic, stems in _TOPIC_STEMS.items():
                if not any(stem in text for stem in stems[lang]):
                    add("low_connectivity_topic", f"low_connectivity.{lang}",
                        topic=t(f"facilitator.topic.{topic}", lang=lang))
        length = len(low.phone.get(lang).strip())
        if length > PHONE_LIMIT:
            add("phone_too_long", f"low_connectivity.phone_{lang}", language=lang, length=length,
                limit=PHONE_LIMIT)

    # Key points.
    if not notes.key_points:
        add("missing_section", "key_point", section="key_point", minimum=1)
    for i, point in enumerate(notes.key_points, 1):
        need(point, f"key_point[{i}]")

    # Answers to the notebook's prompts.
    prompt_ids = [p.id for p in notes.prompts]
    for i, prompt in enumerate(notes.prompts, 1):
        if not prompt.id or prompt.id == YOUR_TURN or prompt_ids.count(prompt.id) > 1:
            add("bad_prompt", f"prompt[{i}].id", id=prompt.id)
        need(prompt.text, f"prompt[{i}]")
    if not any(a.prompt == YOUR_TURN for a in notes.answers):
        add("missing_section", "answer", section=f"answer ({YOUR_TURN})", minimum=1)
    known_prompts = (YOUR_TURN, *prompt_ids)
    for prompt_id in prompt_ids:
        if prompt_id and not any(a.prompt == prompt_id for a in notes.answers):
            add("unanswered_prompt", "answer", id=prompt_id)
    questions_seen: set[str] = set()
    for i, answer in enumerate(notes.answers, 1):
        where = f"answer[{i}]"
        rest = answer.question.partition(".")[2]
        if answer.prompt not in known_prompts or (rest and answer.item is None):
            add("unknown_prompt", where, question=answer.question, known=known_prompts)
        elif answer.question in questions_seen:
            add("duplicate_answer", where, question=answer.question)
        questions_seen.add(answer.question)
        need(answer.text, where)
        es, en = numbers_in(answer.text.es), numbers_in(answer.text.en)
        if answer.text.es.strip() and answer.text.en.strip() and es != en:
            add("answer_numbers", where, only_es=sorted(es - en), only_en=sorted(en - es))
        if not answer.open and answer.text.es.strip() and not es:
            add("answer_no_numbers", where, level="warning")
    return out


_CODE_SPAN = re.compile(r"(`+).*?\1")


def _escape_dollars(text: str) -> str:
    r"""``$`` written as ``\$`` outside code, so that the book does not read money as math.

    The book's Markdown (MyST with ``dollarmath``) takes the text between two dollar signs
    for a formula: "$39.00 MXN y $6.24 MXN" would print as math. Code spans and indented code
    blocks are left as they are.

    >>> print(_escape_dollars("cobran $45.24 MXN con `Money('45.24')` y $2.00 MXN"))
    cobran \$45.24 MXN con `Money('45.24')` y \$2.00 MXN
    """
    out = []
    for line in text.splitlines(keepends=True):
        if line.startswith("    "):
            out.append(line)
            continue
        parts, last = [], 0
        for code in _CODE_SPAN.finditer(line):
            parts += [re.sub(r"(?<!\\)\$", r"\\$", line[last:code.start()]), code.group()]
            last = code.end()
        parts.append(re.sub(r"(?<!\\)\$", r"\\$", line[last:]))
        out.append("".join(parts))
    return "".join(out)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def answer_label(notes: FacilitatorNotes, answer: Answer, lang: str | None = None) -> str:
    """The heading of one answer: its prompt's name and, for a numbered prompt, the item.

    >>> notes = load_notes("ch07")
    >>> answer_label(notes, notes.answers[0], "en")
    'Your turn · question 1'
    """
    lang = check_language(lang) if lang else get_language()
    declared = {p.id: p.text.get(lang).strip() for p in notes.prompts}
    name = declared.get(answer.prompt) or (
        t("facilitator.prompt.your_turn", lang=lang) if answer.prompt == YOUR_TURN
        else answer.prompt)
    if answer.item is None:
        return name
    return t("facilitator.answer_item", lang=lang, prompt=name, number=answer.item)


def _answers_markdown(notes: FacilitatorNotes, lang: str) -> list[str]:
    if not notes.answers:
        return []
    lines = [f"## {t('facilitator.answers', lang=lang)}", "",
             t("facilitator.answers_lead", lang=lang), ""]
    for answer in notes.answers:
        lines += [f"### {answer_label(notes, answer, lang)}", ""]
        if answer.open:
            lines += [f"*{t('facilitator.open_answer', lang=lang)}*", ""]
        lines += [_escape_dollars(answer.text.get(lang).strip()), ""]
    return lines


def render_markdown(notes: FacilitatorNotes, lang: str | None = None) -> str:
    """The notes as a MyST Markdown page for the book, in one language.

    Headings come from the i18n catalog (``facilitator.*``). The diagnostic questions
    are listed with lettered options; the answer key (the right option, and the
    misconception each wrong option reveals) sits in a collapsed ``dropdown``
    admonition. The rubric and the 2 × 2 feedback grid are tables. After the key points
    comes the section of worked answers to the notebook's "Your turn" (and to any other
    prompt the notes declare), one sub-heading per question (:func:`answer_label`); an open
    question's answer is introduced as the criteria of a good answer.

    Examples
    --------
    >>> page = render_markdown(load_notes("ch12"), "es")
    >>> page.splitlines()[0]
    '# Llevar registros: el libro diario: notas para facilitadores'
    >>> "## Preguntas de diagnóstico" in page and ":class: dropdown" in page
    True
    """
    lang = check_language(lang) if lang else get_language()

    def tr(key: str, **params: object) -> str:
        return t(f"facilitator.{key}", lang=lang, **params)

    try:
        title = load_curriculum().chapter(notes.chapter).title(lang)
    except InputError:
        title = notes.chapter
    lines = [f"# {tr('page_title', title=title)}", "", tr("intro", chapter=notes.chapter), ""]

    lines += [f"## {tr('timing', minutes=notes.session_minutes)}", "",
              f"| {tr('activity')} | {tr('minutes')} |", "|---|---:|"]
    for activity, minutes in notes.timing:
        name = tr(f"activities.{activity}") if activity in ACTIVITIES else activity
        lines.append(f"| {name} | {minutes} |")
    total = sum(m for _, m in notes.timing if _positive_int(m))
    lines += [f"| **{tr('total')}** | **{total}** |", ""]

    lines += [f"## {tr('objectives')}", "", tr("objectives_lead"), ""]
    lines += [f"- {o.get(lang).strip()}" for o in notes.objectives]
    lines.append("")

    lines += [f"## {tr('misconceptions')}", ""]
    names = {}
    for i, item in enumerate(notes.misconceptions, 1):
        names[item.id] = f"M{i}"
        lines += [f"**M{i}.** {item.text.get(lang).strip()}", "",
                  f"*{tr('fix')}:* {item.fix.get(lang).strip()}", ""]

    lines += [f"## {tr('questions')}", "", tr("questions_lead"), ""]
    letters = "abcdefgh"
    key: list[str] = []
    for q, question in enumerate(notes.questions, 1):
        lines += [f"**{tr('question_label', number=q)}.** {question.text.get(lang).strip()}", ""]
        lines += [f"- ({letters[o]}) {option.text.get(lang).strip()}"
                  for o, option in enumerate(question.options)]
        lines.append("")
        key.append(f"**{tr('question_label', number=q)}**")
        key.append("")
        for o, option in enumerate(question.options):
            if option.correct:
                key.append(f"- ({letters[o]}) **{tr('correct')}**")
            else:
                found = next((m for m in notes.misconceptions if m.id == option.misconception),
                             None)
                label = (f"{names[found.id]}, {found.text.get(lang).strip()}" if found
                         else option.misconception)
                key.append(f"- ({letters[o]}) {tr('reveals', misconception=label)}")
        key.append("")
    lines += [f"```{{admonition}} {tr('answer_key')}", ":class: dropdown", "", *key, "```", ""]

    tb = notes.teachback
    lines += [f"## {tr('teachback', minutes=tb.minutes)}", "", tb.prompt.get(lang).strip(), "",
              f"### {tr('rubric')}", "", f"| {tr('criterion')} | {tr('points')} |", "|---|---:|"]
    lines += [f"| {_cell(c.text.get(lang))} | {c.points} |" for c in tb.rubric]
    lines += ["", tr("grid"), "",
              f"| | {tr('grid_positive')} | {tr('grid_constructive')} |", "|---|---|---|",
              f"| **{tr('grid_content')}** | | |", f"| **{tr('grid_presentation')}** | | |", ""]

    low = notes.low_connectivity
    lines += [f"## {tr('low_connectivity')}", "", low.text.get(lang).strip(), "",
              f"### {tr('phone_summary')}", ""]
    phone = [line.strip() for line in low.phone.get(lang).strip().splitlines() if line.strip()]
    lines += ["> " + "\\\n> ".join(phone), ""]

    lines += [f"## {tr('key_points')}", ""]
    lines += [f"- {k.get(lang).strip()}" for k in notes.key_points]
    lines.append("")
    lines += _answers_markdown(notes, lang)
    if notes.sources:
        lines += [f"## {tr('sources')}", ""]
        lines += [f"- {source}" for source in notes.sources]
        lines.append("")
    return "\n".join(lines)
