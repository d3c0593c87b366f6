"""Learning gains: the facilitator notes' diagnostic questions as a pre and post quiz.

Why one module over 500 lines: the diagnostic quiz, the printed checks and the gains computed
from both share one answer key and one privacy rule; its sections (answer key, quiz, printed
checks, gains, HTML) are the next candidates to split.

Every chapter's facilitator notes (``book/facilitator/chNN.toml``) hold ``[[question]]``
diagnostic questions, multiple choice, with one correct option. The same questions, asked
before (``pre``) and after (``post``) the course, measure what people learned:

- **Instructors** answer them as an nbgrader assignment made from the notes by
  :func:`quiz_notebook` (``exercises/source/diagnostico_pre`` and ``diagnostico_post``, all
  chapters; :func:`write_quiz` rebuilds them, ``python -m mipyme.cohort.gains --check`` says
  whether they are out of date). Each question has an answer cell where the person writes
  the letter they choose (``respuesta_ch01_1 = "b"``) and a test cell worth 1 point whose
  hidden test compares it with the right option. A cohort adds the two assignments to its
  course (``mipyme cohort init ... --assignment diagnostico_pre --assignment
  diagnostico_post``); :func:`instructor_scores` reads the autograded results of a
  :class:`~mipyme.cohort.report.Program`.
- **Entrepreneurs** answer the printed check of the field kit; someone types the sheets into
  a CSV that :func:`read_field_checks` reads (every problem at once: row, column header and
  value), scored against the notes by :func:`answer_key`.

The field-check CSV
-------------------
One row per printed sheet (a participant's check of one chapter, before or after):

=================  ==========================================================================
column             what it holds (Spanish or English header, any case, with or without accents)
=================  ==========================================================================
participant_id     the participant's code (``id_participante``): letters, digits, ``.``, ``_``,
                   ``-``; a code, never a name
cohort             the entrepreneurs' group (``cohorte``, ``grupo``)
instructor_id      the instructor who taught the group (``id_instructor``): their
                   ``student_id`` in the instructor cohort's roster. This column is what links
                   a second-level cohort to its instructor (see :mod:`mipyme.cohort.cascade`);
                   a group taught by two instructors names each on their sheets
instructor_course  optional: the instructor's course id (``curso_instructor``), needed only when
                   the same instructor id is in two instructor courses
gender             optional, self-identified (``genero``): the roster's vocabulary
                   (:data:`~mipyme.cohort.roster.GENDER_VALUES`: ``mujer``, ``hombre``,
                   ``no binario``, ``prefiero no decir``...; blank: not stated)
indigenous         optional, self-identified (``indigena``): the roster's vocabulary
                   (:data:`~mipyme.cohort.roster.INDIGENOUS_VALUES`: ``sí``, ``no``,
                   ``prefiero no decir``...; blank: not stated)
chapter            ``ch01``, ``1`` or the chapter's slug (``capitulo``)
phase              ``pre`` (``antes``) or ``post`` (``después``) (``fase``)
p1, p2, ...        the letter marked for question 1, 2... of the chapter's notes (``a``, ``b``,
                   ``c``, ``d``, as the facilitator page letters them); blank: not answered
                   (it counts as wrong)
=================  ==========================================================================

Instead of ``p1, p2...`` a file may have one row per answer, with a ``question`` (``pregunta``)
and an ``answer`` (``respuesta``) column. A participant's cohort, gender and indigenous
answers must agree on all their rows (a blank is filled from the other rows). As in the
roster, a gender or indigenous value outside the vocabulary is a problem, never guessed.

Normalised gain
---------------
With scores as % of the questions of a chapter, for a participant with both a pre and a
post score (Hake, 1998)::

    g = (post - pre) / (100 - pre)

:func:`gain_table` reports, per cohort and chapter (and for all the chapters a participant
has both checks of): how many took each check and both, the mean of the individual gains
(a participant with ``pre = 100%`` has no gain: left out and counted) and the class-average
gain ``(mean post - mean pre) / (100 - mean pre)`` over everyone with both checks.
:func:`publishable_gains` shows any count under :data:`~mipyme.cohort.report.MIN_GROUP` as
``"< 5"`` (with :func:`~mipyme.cohort.report.suppress_counts`) and the statistics of fewer
than 5 people likewise; :func:`gains_section` renders the report's section.

>>> from mipyme.cohort.gains import participant_gains
>>> import pandas as pd
>>> scores = pd.DataFrame({"participant_id": ["a", "a"], "cohort": ["A", "A"],
...                        "chapter": ["ch01", "ch01"], "phase": ["pre", "post"],
...                        "correct": [1, 3], "questions": [4, 4]})
>>> row = participant_gains(scores).iloc[0]
>>> print(row["pre_pct"], row["post_pct"], round(row["gain"], 3), row["status"])
25.0 75.0 0.667 matched
"""

from __future__ import annotations

import argparse
import csv
import html
import io
import re
import sys
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pandas as pd
from matplotlib.figure import Figure

from mipyme.charts import OKABE_ITO, finish
from mipyme.cohort.report import (
    HIDDEN,
    MIN_GROUP,
    SMALL,
    Program,
    figure_html,
    suppress_counts,
    table_html,
)
from mipyme.cohort.roster import (
    GENDER_GROUPS,
    INDIGENOUS_GROUPS,
    NOT_STATED,
    UNKNOWN,
    decode_roster,
    gender_group,
    indigenous_group,
)
from mipyme.curriculum import find_root, load_curriculum
from mipyme.errors import Finding, InputError
from mipyme.facilitator import load_notes
from mipyme.grading.build_source import render_bilingual
from mipyme.i18n import get_language, language, t

__all__ = [
    "ALL_CHAPTERS",
    "CHECK_COLUMNS",
    "GAIN_COLUMNS",
    "LETTERS",
    "PHASES",
    "QUIZ_ASSIGNMENTS",
    "SCORE_COLUMNS",
    "ChecksError",
    "FieldChecks",
    "QuestionKey",
    "answer_key",
    "field_participants",
    "field_scores",
    "gain_table",
    "gains_section",
    "gender_of",
    "indigenous_of",
    "instructor_scores",
    "main",
    "parse_field_checks",
    "participant_gains",
    "publishable_gains",
    "quiz_name",
    "quiz_notebook",
    "read_field_checks",
    "write_quiz",
]

#: The two moments a quiz or check is taken.
PHASES: tuple[str, ...] = ("pre", "post")
#: Option letters, as the facilitator page letters them.
LETTERS = "abcdefgh"
#: The instructors' quiz assignments (all chapters), in ``exercises/source``.
QUIZ_ASSIGNMENTS: tuple[str, ...] = ("diagnostico_pre", "diagnostico_post")
#: The chapter value of the rows that pool every chapter a participant has both checks of.
ALL_CHAPTERS = "all"
#: Columns of a scores table (one row per participant x chapter x phase).
SCORE_COLUMNS: tuple[str, ...] = ("participant_id", "cohort", "instructor_id", "gender",
                                  "indigenous", "chapter", "phase", "correct", "questions")
#: Columns of :func:`gain_table` (with ``labels=False``).
GAIN_COLUMNS: tuple[str, ...] = ("group", "chapter", "participants", "pre", "post", "matched",
                                 "pre_100", "pre_mean", "post_mean", "gain_individual",
                                 "gain_class")
#: Canonical columns of a field-check file.
CHECK_COLUMNS: tuple[str, ...] = ("participant_id", "cohort", "instructor_id",
                                  "instructor_course", "gender", "indigenous", "chapter",
                                  "phase", "question", "answer")
_CHECK_REQUIRED = ("participant_id", "cohort", "instructor_id", "chapter", "phase")

_QUIZ = re.compile(r"^diagnostico(?:_[a-z0-9_]+?)?_(pre|post)$")
_TEST_CELL = re.compile(r"^test_(ch\d+)_(\d+)$")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")
_WIDE = re.compile(r"^(?:p|q|preg|pregunta|question|r|resp|respuesta|answer)_?(\d{1,2})$")
_SCHEMA = 3

_ALIASES: dict[str, tuple[str, ...]] = {
    "participant_id": ("participant_id", "id_participante", "participante", "participant",
                       "id", "folio", "codigo", "code", "id_emprendedora", "id_emprendedor"),
    "cohort": ("cohort", "cohorte", "grupo", "group", "cohorte_emprendedoras"),
    "instructor_id": ("instructor_id", "id_instructor", "id_instructora", "instructor",
                      "instructora", "facilitadora", "facilitador", "id_facilitadora",
                      "id_facilitador"),
    "instructor_course": ("instructor_course", "curso_instructor", "curso_de_instructor",
                          "curso_instructora", "course_id", "curso"),
    "gender": ("gender", "genero", "sexo", "genero_autoidentificado"),
    "indigenous": ("indigenous", "indigena", "comunidad_indigena", "indigenous_community",
                   "autoidentificacion_indigena"),
    "chapter": ("chapter", "capitulo", "leccion", "lesson", "cap"),
    "phase": ("phase", "fase", "momento", "when", "cuando"),
    "question": ("question", "pregunta", "numero_de_pregunta", "question_number", "no_pregunta"),
    "answer": ("answer", "respuesta", "letra", "letter", "opcion", "option"),
}
_HEADER = {alias: column for column, names in _ALIASES.items() for alias in names}
_PHASE_WORDS = {"pre": {"pre", "antes", "inicial", "inicio", "entrada", "before", "pretest"},
                "post": {"post", "despues", "final", "salida", "after", "postest", "posttest"}}
_GENDERS = (*GENDER_GROUPS, NOT_STATED, UNKNOWN)
_INDIGENOUS = (*INDIGENOUS_GROUPS, NOT_STATED, UNKNOWN)


def _key(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text).strip().lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[\s\-/.]+", "_", text).strip("_")


def gender_of(value: object) -> str:
    """A gender group (:func:`~mipyme.cohort.roster.gender_group`), whether ``value`` is
    already one or a word of the roster's vocabulary.

    >>> gender_of("Mujer"), gender_of("woman"), gender_of(None)
    ('woman', 'woman', 'not_stated')
    """
    text = "" if value is None or value != value else str(value)
    return text if text in _GENDERS else gender_group(text)


def indigenous_of(value: object) -> str:
    """An indigenous self-identification group
    (:func:`~mipyme.cohort.roster.indigenous_group`), whether ``value`` is already one or a
    word of the roster's vocabulary.

    >>> indigenous_of("sí"), indigenous_of("yes"), indigenous_of("")
    ('yes', 'yes', 'not_stated')
    """
    text = "" if value is None or value != value else str(value)
    return text if text in _INDIGENOUS else indigenous_group(text)


def _check_phase(phase: str) -> str:
    if phase not in PHASES:
        raise InputError("errors.one_of", arg="phase", choices=PHASES, value=phase)
    return phase


# -- the answer key ----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class QuestionKey:
    """One diagnostic question: how many options it has and the letter of the right one."""

    options: int
    correct: str

    def letters(self) -> str:
        """The letters a participant may mark (``"abc"`` for three options)."""
        return LETTERS[:self.options]


def answer_key(chapters: Iterable[str] | None = None) -> dict[str, tuple[QuestionKey, ...]]:
    """The diagnostic questions of the facilitator notes: ``{chapter id: questions}``.

    >>> key = answer_key(["ch01"])
    >>> key["ch01"][0]
    QuestionKey(options=3, correct='b')
    >>> len(answer_key()) >= 16
    True
    """
    course = load_curriculum()
    ids = ([course.chapter(c).id for c in chapters] if chapters is not None
           else [c.id for c in course.chapters])
    out: dict[str, tuple[QuestionKey, ...]] = {}
    for chapter in ids:
        questions = []
        for number, question in enumerate(load_notes(chapter).questions, 1):
            right = [i for i, option in enumerate(question.options) if option.correct]
            if len(right) != 1:
                raise InputError("cohort.gains.bad_question", chapter=chapter, number=number,
                                 count=len(right))
            questions.append(QuestionKey(len(question.options), LETTERS[right[0]]))
        out[chapter] = tuple(questions)
    return out


# -- the instructors' quiz (nbgrader) ----------------------------------------------------------

def quiz_name(phase: str, chapters: Iterable[str] | None = None) -> str:
    """The assignment name of a quiz: ``diagnostico_pre`` (all chapters) or
    ``diagnostico_ch01_post`` (the chapters named).

    >>> quiz_name("pre"), quiz_name("post", ["ch01", "ch02"])
    ('diagnostico_pre', 'diagnostico_ch01_ch02_post')
    """
    _check_phase(phase)
    if chapters is None:
        return f"diagnostico_{phase}"
    course = load_curriculum()
    return "_".join(["diagnostico", *(course.chapter(c).id for c in chapters), phase])


def _meta(grade_id: str, *, grade: bool = False, solution: bool = False, locked: bool = True,
          points: int | None = None) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked,
            "schema_version": _SCHEMA, "solution": solution, "task": False}
    if points is not None:
        meta["points"] = points
    return meta


def _markdown(text: str, grade_id: str) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_markdown_cell(text)
    cell.metadata["nbgrader"] = _meta(grade_id)
    cell.id = grade_id.replace(".", "-")
    return cell


def _code(source: str, grade_id: str, **meta: object) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["nbgrader"] = _meta(grade_id, **meta)
    cell.id = grade_id.replace(".", "-")
    return cell


# Runs in the kernel (and in the kit's judge): plain Python and the kit's bilingual checks.
_SETUP = '''
import re

from mipyme.grading import check


def _letra(valor):
    """La letra elegida, sin espacios, paréntesis ni punto / The chosen letter, cleaned."""
    if not isinstance(valor, str):
        return None
    texto = re.sub(r"^[\\s()\\[\\]{}.:]+|[\\s()\\[\\]{}.:]+$", "", valor).lower()
    return texto if len(texto) == 1 else None


def revisa_letra(valor, nombre, opciones):
    """Que la respuesta sea una de las letras de la pregunta / One of the question's letters."""
    check(valor is not None, "cohort.gains.quiz.not_answered", name=nombre)
    check(_letra(valor) is not None and _letra(valor) in opciones,
          "cohort.gains.quiz.not_a_letter", name=nombre, value=repr(valor),
          choices=", ".join(opciones))


def revisa_correcta(valor, nombre, correcta):
    """Que sea la opción correcta, sin decir cuál es / The right option, without saying which."""
    check(_letra(valor) == correcta, "cohort.gains.quiz.wrong", name=nombre)
'''.strip("\n")


def quiz_notebook(phase: str, chapters: Iterable[str] | None = None) -> nbformat.NotebookNode:
    """The nbgrader source notebook of the instructors' diagnostic quiz.

    ``phase`` is ``"pre"`` or ``"post"`` (same questions, in the same order; only the title
    changes); ``chapters`` defaults to every chapter of the curriculum. For each question:
    a locked markdown cell with the question and its lettered options in Spanish and
    English, an answer cell (``respuesta_ch01_1``; the solution is the right letter) and a
    test cell worth 1 point (``test_ch01_1``) that checks the answer is one of the letters
    and, in a hidden test, that it is the right one.

    >>> nb = quiz_notebook("pre", ["ch01"])
    >>> [c.metadata["nbgrader"]["grade_id"] for c in nb.cells][:6]
    ['header', 'setup', 'capitulo_ch01', 'pregunta_ch01_1', 'respuesta_ch01_1', 'test_ch01_1']
    >>> nb.cells[5].metadata["nbgrader"]["points"]
    1
    """
    _check_phase(phase)
    course = load_curriculum()
    selected = ([course.chapter(c) for c in chapters] if chapters is not None
                else list(course.chapters))
    key = answer_key([c.id for c in selected])
    count = sum(len(key[c.id]) for c in selected)
    header = (f"# {t(f'cohort.gains.quiz.title_{phase}', 'es')} / "
              f"{t(f'cohort.gains.quiz.title_{phase}', 'en')}\n\n"
              + render_bilingual(t("cohort.gains.quiz.intro", "es", count=count),
                                 t("cohort.gains.quiz.intro", "en", count=count)))
    cells = [_markdown(header, "header"), _code(_SETUP, "setup")]
    for chapter in selected:
        notes = load_notes(chapter.id)
        cells.append(_markdown(f"## {chapter.id} · {chapter.title_es} / {chapter.title_en}",
                               f"capitulo_{chapter.id}"))
        for number, (question, qkey) in enumerate(zip(notes.questions, key[chapter.id],
                                                      strict=True), 1):
            name = f"respuesta_{chapter.id}_{number}"

            def text(lang: str, question=question, name=name) -> str:
                options = "\n".join(f"- ({LETTERS[i]}) {o.text.get(lang).strip()}"
                                    for i, o in enumerate(question.options))
                how = t("cohort.gains.quiz.how", lang, name=name)
                return f"{question.text.get(lang).strip()}\n\n{options}\n\n{how}"

            label = f"{chapter.id}.{number}"
            cells.append(_markdown(
                f"### {t('cohort.gains.quiz.question', 'es', label=label)} / "
                f"{t('cohort.gains.quiz.question', 'en', label=label)}\n\n"
                + render_bilingual(text("es"), text("en")), f"pregunta_{chapter.id}_{number}"))
            cells.append(_code(
                f"# {t('cohort.gains.quiz.answer_hint', 'es')} / "
                f"{t('cohort.gains.quiz.answer_hint', 'en')}\n"
                f"### BEGIN SOLUTION\n{name} = \"{qkey.correct}\"\n### END SOLUTION",
                name, solution=True, locked=False))
            cells.append(_code(
                f"try:\n    respuesta = {name}\nexcept NameError:\n    respuesta = None\n"
                f"revisa_letra(respuesta, \"{name}\", \"{qkey.letters()}\")\n"
                f"### BEGIN HIDDEN TESTS\n"
                f"revisa_correcta(respuesta, \"{name}\", \"{qkey.correct}\")\n"
                f"### END HIDDEN TESTS",
                f"test_{chapter.id}_{number}", grade=True, points=1))
    nb = nbformat.v4.new_notebook()
    nb.cells = cells
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python",
                                 "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    nbformat.validate(nb)
    return nb


def write_quiz(root: str | Path | None = None, *, check: bool = False) -> list[Path]:
    """Write the instructors' quiz (:data:`QUIZ_ASSIGNMENTS`, every chapter) into
    ``exercises/source``; return the notebooks that changed (with ``check``, that are out of
    date, writing nothing)."""
    from mipyme.grading.build_source import write_notebooks

    base = Path(root) if root else find_root()
    return write_notebooks(
        ((base / "exercises" / "source" / name / f"{name}.ipynb", quiz_notebook(phase))
         for phase, name in zip(PHASES, QUIZ_ASSIGNMENTS, strict=True)), check=check)


def main(argv: list[str] | None = None) -> int:
    """``python -m mipyme.cohort.gains [--check]``: write the quiz, or exit 1 if it is stale."""
    parser = argparse.ArgumentParser(prog="python -m mipyme.cohort.gains",
                                     description=t("cohort.gains.cli.help"))
    parser.add_argument("--check", action="store_true", help=t("cohort.gains.cli.check"))
    args = parser.parse_args(argv)
    changed = write_quiz(check=args.check)
    for path in changed:
        print(("stale: " if args.check else "wrote: ") + str(path))
    return 1 if (args.check and changed) else 0


def instructor_scores(program: Program) -> pd.DataFrame:
    """The instructors' quiz scores in a program: one row per instructor, chapter and phase
    (columns :data:`SCORE_COLUMNS`), from the autograded test cells of every assignment named
    like a quiz (``diagnostico_pre``, ``diagnostico_ch01_post``...).

    ``participant_id`` is ``course_id/student_id``; ``cohort`` is ``university · cohort``
    as in the report. A question counts as right when its test cell has all its points.
    """
    items = program.items
    if items.empty:
        return pd.DataFrame(columns=list(SCORE_COLUMNS))
    phase = items["assignment"].str.extract(_QUIZ)[0]
    cell = items["cell"].str.extract(_TEST_CELL)
    quiz = items.assign(phase=phase, chapter=cell[0])
    quiz = quiz[quiz["phase"].notna() & quiz["chapter"].notna()]
    if quiz.empty:
        return pd.DataFrame(columns=list(SCORE_COLUMNS))
    quiz = quiz.assign(right=quiz["score"] >= quiz["max_score"])
    grouped = quiz.groupby(["course_id", "student_id", "chapter", "phase"], sort=True).agg(
        correct=("right", "sum"), questions=("cell", "nunique"),
        assignments=("assignment", "nunique")).reset_index()
    twice = grouped[grouped["assignments"] > 1]
    if not twice.empty:
        first = twice.iloc[0]
        raise InputError("cohort.gains.duplicate_score", participant=
                         f"{first['course_id']}/{first['student_id']}",
                         chapter=first["chapter"], phase=first["phase"])
    people = program.participants
    merged = grouped.merge(people, on=["course_id", "student_id"], how="left")
    out = pd.DataFrame({
        "participant_id": merged["course_id"] + "/" + merged["student_id"],
        "cohort": merged["university"].fillna("") + " · " + merged["cohort"].fillna(""),
        "instructor_id": "",
        "gender": [gender_of(v) for v in merged["gender"]],
        "indigenous": [indigenous_of(v) for v in merged["indigenous"]],
        "chapter": merged["chapter"], "phase": merged["phase"],
        "correct": merged["correct"].astype(int), "questions": merged["questions"].astype(int)})
    return out.reset_index(drop=True)


# -- the entrepreneurs' printed checks (CSV) ---------------------------------------------------

class ChecksError(InputError):
    """A field-check file with problems; ``findings`` lists every one of them."""

    def __init__(self, findings: Iterable[Finding], source: str = "") -> None:
        self.findings = tuple(findings)
        errors = [f for f in self.findings if f.level == "error"]
        lines = "".join(f"\n  - {f}" for f in errors)
        key = "cohort.gains.checks.invalid_file" if source else "cohort.gains.checks.invalid"
        super().__init__(key, count=len(errors), path=source, problems=lines)


@dataclass(frozen=True, slots=True)
class FieldChecks:
    """A checked field-check file.

    ``answers``: one row per question of each sheet (``row`` of the file, ``participant_id``,
    ``cohort``, ``instructor_id``, ``instructor_course``, ``gender`` and ``indigenous``
    groups, ``chapter``, ``phase``, ``question``, ``letter``: blank when not answered,
    ``correct``). ``sheets``: one row per participant, chapter and phase with ``correct``
    and ``questions`` (every question of the chapter, answered or not).
    """

    answers: pd.DataFrame
    sheets: pd.DataFrame
    encoding: str = "utf-8"
    delimiter: str = ","
    warnings: tuple[Finding, ...] = field(default=())


def _delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


_AROUND = re.compile(r"^[\s()\[\]{}.:]+|[\s()\[\]{}.:]+$")


def _letter(value: str) -> str:
    """A marked letter without spaces, brackets or a full stop: ``"(B)"`` -> ``"b"``."""
    return _AROUND.sub("", value).lower()


def _chapter_id(value: str, key: Mapping[str, tuple[QuestionKey, ...]]) -> str | None:
    text = _key(value)
    digits = re.fullmatch(r"(?:ch|cap|capitulo|chapter|leccion|lesson)?_?0*(\d{1,2})", text)
    if digits:
        candidate = f"ch{int(digits.group(1)):02d}"
        return candidate if candidate in key else None
    try:
        candidate = load_curriculum().chapter(value.strip()).id
    except InputError:
        return None
    return candidate if candidate in key else None


def _phase(value: str) -> str | None:
    text = _key(value)
    return next((p for p, words in _PHASE_WORDS.items() if text in words), None)


def parse_field_checks(text: str, *, key: Mapping[str, tuple[QuestionKey, ...]] | None = None,
                       encoding: str = "utf-8", source: str = "",
                       warnings: list[Finding] | None = None) -> FieldChecks:
    """Check a field-check CSV's text (see the module's docstring for the columns) and return
    it scored against ``key`` (default: :func:`answer_key`, the facilitator notes), or raise
    one :class:`ChecksError` naming every problem with its row, column header and value.

    >>> text = ("id_participante,cohorte,id_instructor,genero,capitulo,fase,p1,p2,p3\\n"
    ...         "e01,Zacatlán-1,a01,Mujer,1,antes,b,c,\\n"
    ...         "e01,Zacatlán-1,a01,Mujer,1,después,b,a,a\\n")
    >>> checks = parse_field_checks(text)
    >>> checks.sheets[["phase", "correct", "questions"]].values.tolist()
    [['pre', 1, 3], ['post', 3, 3]]
    >>> parse_field_checks(text.replace("después", "durante").replace(",c,", ",z,"))
    Traceback (most recent call last):
    ...
    mipyme.cohort.gains.ChecksError: el archivo de chequeos tiene 2 problema(s):
      - ERROR bad_letter [fila 2, columna 'p2']: la respuesta debe ser una de las letras de la pregunta 2 de ch01 (a, b, c) o quedar en blanco (se recibió 'z')
      - ERROR bad_phase [fila 3, columna 'fase']: la fase debe ser «pre» (antes) o «post» (después) (se recibió 'durante')
    """
    key = dict(key) if key is not None else answer_key()
    findings: list[Finding] = list(warnings or [])

    def problem(code: str, row: int, header: str, level: str = "error", **params: object
                ) -> None:
        findings.append(Finding(level, code, t(f"cohort.gains.checks.{code}", **params),
                                t("cohort.gains.checks.where", row=row, column=header)))

    text = text.lstrip("\ufeff")
    header_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = _delimiter(header_line)
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    numbered = [(n, row) for n, row in enumerate(records, 1) if any(c.strip() for c in row)]
    if not numbered:
        raise ChecksError([Finding("error", "empty", t("cohort.gains.checks.empty"))], source)
    header_number, header_row = numbered[0]
    header = [unicodedata.normalize("NFC", h.strip()) for h in header_row]
    mapping: dict[int, str] = {}
    wide: dict[int, int] = {}
    for index, name in enumerate(header):
        column = _HEADER.get(_key(name))
        match = _WIDE.fullmatch(_key(name))
        if column is None and match:
            number = int(match.group(1))
            if number in wide.values():
                problem("duplicate_column", header_number, name, canonical=f"p{number}")
            elif number < 1:
                problem("unknown_column", header_number, name, level="warning")
            else:
                wide[index] = number
        elif column is None:
            problem("unknown_column", header_number, name, level="warning")
        elif column in mapping.values():
            problem("duplicate_column", header_number, name, canonical=column)
        else:
            mapping[index] = column
    found = set(mapping.values())
    long_form = "question" in found or "answer" in found
    missing = [c for c in _CHECK_REQUIRED if c not in found]
    if long_form:
        missing += [c for c in ("question", "answer") if c not in found]
    if missing:
        findings.append(Finding("error", "missing_columns",
                                t("cohort.gains.checks.missing_columns", missing=missing,
                                  found=header)))
    if long_form and wide:
        findings.append(Finding("error", "mixed_answers", t("cohort.gains.checks.mixed_answers",
                                                          columns=[header[i] for i in wide])))
    elif not long_form and not wide:
        findings.append(Finding("error", "no_answers", t("cohort.gains.checks.no_answers",
                                                       found=header)))
    names = {column: header[i] for i, column in mapping.items()}
    wide_max = max(wide.values(), default=0)

    answers: list[dict] = []
    sheets: dict[tuple[str, str, str], dict] = {}
    seen_answer: dict[tuple[str, str, str, int], int] = {}
    person: dict[str, dict[str, tuple[str, int, str]]] = {}
    for number, row in numbered[1:]:
        values = {c: "" for c in CHECK_COLUMNS}
        for index, column in mapping.items():
            if index < len(row):
                values[column] = unicodedata.normalize("NFC", row[index].strip())
        if len(row) > len(header) and any(c.strip() for c in row[len(header):]):
            problem("extra_cells", number, "", count=len(row), expected=len(header))
        ok = True
        for column in _CHECK_REQUIRED:
            if column in found and not values[column]:
                problem("empty_cell", number, names[column], column=column)
                ok = False
        pid = values["participant_id"]
        if pid and not _ID.fullmatch(pid):
            problem("bad_participant_id", number, names["participant_id"], value=pid)
            ok = False
        chapter = None
        if values["chapter"]:
            chapter = _chapter_id(values["chapter"], key)
            if chapter is None:
                problem("unknown_chapter", number, names["chapter"], value=values["chapter"],
                        choices=", ".join(key))
                ok = False
        phase = None
        if values["phase"]:
            phase = _phase(values["phase"])
            if phase is None:
                problem("bad_phase", number, names["phase"], value=values["phase"])
                ok = False
        for column in ("gender", "indigenous"):
            if column in found and values[column] and (
                    gender_of if column == "gender" else indigenous_of)(values[column]) == UNKNOWN:
                code = ("ambiguous_gender" if column == "gender" and _key(values[column]) == "m"
                        else f"bad_{column}")
                problem(code, number, names[column], value=values[column])
                ok = False
        marks: list[tuple[int, str, str]] = []  # (question, letter, column header)
        if long_form and "question" in found and "answer" in found:
            raw = values["question"]
            q = int(raw) if raw.isdigit() else None
            if q is None or (chapter and not 1 <= q <= len(key[chapter])):
                problem("bad_question", number, names["question"], value=raw,
                        chapter=chapter or "?", count=len(key[chapter]) if chapter else "?")
                ok = False
            else:
                marks.append((q, values["answer"], names["answer"]))
        else:
            for index, q in sorted(wide.items(), key=lambda item: item[1]):
                cell = unicodedata.normalize("NFC", row[index].strip()) if index < len(row) \
                    else ""
                if chapter and q > len(key[chapter]):
                    if cell:
                        problem("extra_answer", number, header[index], value=cell,
                                chapter=chapter, count=len(key[chapter]))
                        ok = False
                    continue
                marks.append((q, cell, header[index]))
        checked: list[tuple[int, str]] = []
        for q, cell, column in marks:
            letter = _letter(cell) if cell else ""
            if chapter and letter and letter not in key[chapter][q - 1].letters():
                problem("bad_letter", number, column, value=cell, chapter=chapter, number=q,
                        choices=", ".join(key[chapter][q - 1].letters()))
                ok = False
            checked.append((q, letter))
        if not pid:
            continue
        # The person's own attributes must agree on every row (a blank is not a conflict).
        groups = {"cohort": values["cohort"], "gender": gender_of(values["gender"]),
                  "indigenous": indigenous_of(values["indigenous"])}
        known = person.setdefault(pid, {})
        for column, value in groups.items():
            if value in ("", NOT_STATED, UNKNOWN):
                continue
            if column in known and known[column][0] != value:
                problem("conflict", number, names.get(column, column), value=values[column],
                        participant=pid, first=known[column][1], other=known[column][2])
                ok = False
            else:
                known.setdefault(column, (value, number, values[column]))
        if not (chapter and phase):
            continue
        sheet_key = (pid, chapter, phase)
        sheet = sheets.get(sheet_key)
        if sheet is None:
            sheets[sheet_key] = {"row": number, "participant_id": pid,
                                 "cohort": values["cohort"],
                                 "instructor_id": values["instructor_id"],
                                 "instructor_course": values["instructor_course"],
                                 "chapter": chapter, "phase": phase}
        elif not long_form:
            problem("duplicate_sheet", number, names["participant_id"], participant=pid,
                    chapter=chapter, phase=phase, first=sheet["row"])
            continue
        elif (sheet["instructor_id"], sheet["instructor_course"]) != (
                values["instructor_id"], values["instructor_course"]):
            problem("conflict", number, names["instructor_id"], value=values["instructor_id"],
                    participant=pid, first=sheet["row"], other=sheet["instructor_id"])
            continue
        if not ok:
            continue
        for q, letter in checked:
            where = (pid, chapter, phase, q)
            if where in seen_answer:
                problem("duplicate_answer", number, names.get("question", ""), participant=pid,
                        chapter=chapter, phase=phase, number=q, first=seen_answer[where])
                continue
            seen_answer[where] = number
            answers.append({"row": number, "participant_id": pid, "chapter": chapter,
                            "phase": phase, "question": q, "letter": letter,
                            "correct": letter == key[chapter][q - 1].correct})
    if wide and not long_form:
        # A chapter of the file whose notes ask more questions than the sheet's last column.
        for chapter in sorted({sheet["chapter"] for sheet in sheets.values()}):
            if len(key[chapter]) > wide_max:
                findings.append(Finding("warning", "short_sheet", t(
                    "cohort.gains.checks.short_sheet", chapter=chapter,
                    count=len(key[chapter]), last=wide_max)))
    if not sheets and not any(f.level == "error" for f in findings):
        findings.append(Finding("error", "empty", t("cohort.gains.checks.empty")))
    if any(f.level == "error" for f in findings):
        raise ChecksError(findings, source)

    def attribute(pid: str, column: str) -> str:
        value = person.get(pid, {}).get(column)
        return value[0] if value else ("" if column == "cohort" else NOT_STATED)

    answer_frame = pd.DataFrame(answers, columns=["row", "participant_id", "chapter", "phase",
                                                  "question", "letter", "correct"])
    rows = []
    for (pid, chapter, phase), sheet in sheets.items():
        mine = answer_frame[(answer_frame["participant_id"] == pid)
                            & (answer_frame["chapter"] == chapter)
                            & (answer_frame["phase"] == phase)]
        rows.append({**sheet, "cohort": attribute(pid, "cohort") or sheet["cohort"],
                     "gender": attribute(pid, "gender"),
                     "indigenous": attribute(pid, "indigenous"),
                     "correct": int(mine["correct"].sum()), "questions": len(key[chapter])})
    sheet_frame = pd.DataFrame(rows, columns=["row", "participant_id", "cohort", "instructor_id",
                                              "instructor_course", "gender", "indigenous",
                                              "chapter", "phase", "correct", "questions"])
    sheet_frame = sheet_frame.sort_values("row").reset_index(drop=True)
    answer_frame = answer_frame.merge(
        sheet_frame[["participant_id", "chapter", "phase", "cohort", "instructor_id",
                     "instructor_course", "gender", "indigenous"]],
        on=["participant_id", "chapter", "phase"], how="left")
    answer_frame = answer_frame[["row", "participant_id", "cohort", "instructor_id",
                                 "instructor_course", "gender", "indigenous", "chapter",
                                 "phase", "question", "letter", "correct"]]
    return FieldChecks(answer_frame, sheet_frame,
                       encoding, delimiter, tuple(f for f in findings if f.level == "warning"))


def read_field_checks(path: str | Path, *,
                      key: Mapping[str, tuple[QuestionKey, ...]] | None = None) -> FieldChecks:
    """Read and check a field-check file (UTF-8 or Excel's cp1252; ``,``, ``;`` or tab)."""
    file = Path(path)
    if not file.is_file():
        raise InputError("cohort.gains.checks.no_file", path=str(file))
    text, encoding, warnings = decode_roster(file.read_bytes())
    return parse_field_checks(text, key=key, encoding=encoding, source=str(file),
                              warnings=warnings)


def field_scores(checks: FieldChecks) -> pd.DataFrame:
    """The scores of a field-check file: one row per sheet, columns :data:`SCORE_COLUMNS`."""
    return checks.sheets[list(SCORE_COLUMNS)].reset_index(drop=True)


def field_participants(checks: FieldChecks) -> pd.DataFrame:
    """Who the field checks reached: one row per participant and instructor who taught them
    (``participant_id, cohort, instructor_id, instructor_course, gender, indigenous``), the
    entrepreneurs' table :func:`mipyme.cohort.cascade.cascade_table` takes."""
    columns = ["participant_id", "cohort", "instructor_id", "instructor_course", "gender",
               "indigenous"]
    return checks.sheets[columns].drop_duplicates().sort_values(
        ["cohort", "participant_id", "instructor_id"]).reset_index(drop=True)


# -- gains -------------------------------------------------------------------------------------

def _pct(correct: int, questions: int) -> float:
    return 100.0 * correct / questions if questions else float("nan")


def participant_gains(scores: pd.DataFrame) -> pd.DataFrame:
    """One row per participant and chapter (and an :data:`ALL_CHAPTERS` row pooling the
    chapters they have both checks of): ``pre_pct``, ``post_pct``, ``gain`` and ``status``
    (``matched``; ``pre_100``: both, but a gain cannot be computed from 100%; ``pre_only``;
    ``post_only``).

    ``scores`` has one row per participant, chapter and phase (:data:`SCORE_COLUMNS`; only
    ``participant_id, cohort, chapter, phase, correct, questions`` are needed). A
    participant with two scores for the same chapter and phase is an error.
    """
    needed = ["participant_id", "cohort", "chapter", "phase", "correct", "questions"]
    lost = [c for c in needed if c not in scores.columns]
    if lost:
        raise InputError("errors.data_missing_column", file="scores", column=lost[0])
    columns = ["participant_id", "cohort", "chapter", "pre_correct", "pre_questions",
               "post_correct", "post_questions", "pre_pct", "post_pct", "gain", "status"]
    if scores.empty:
        return pd.DataFrame(columns=columns)
    for phase in scores["phase"].unique():
        _check_phase(phase)
    twice = scores[scores.duplicated(["participant_id", "chapter", "phase"], keep=False)]
    if not twice.empty:
        first = twice.iloc[0]
        raise InputError("cohort.gains.duplicate_score", participant=first["participant_id"],
                         chapter=first["chapter"], phase=first["phase"])
    cohort = scores.groupby("participant_id", sort=False)["cohort"].first()
    wide = scores.pivot_table(index=["participant_id", "chapter"], columns="phase",
                              values=["correct", "questions"], aggfunc="sum")
    rows = []
    pooled: dict[str, dict[str, list]] = {}
    for (pid, chapter), values in wide.iterrows():
        got = {(m, p): values.get((m, p)) for m in ("correct", "questions") for p in PHASES}
        has = {p: got[("questions", p)] == got[("questions", p)]
               and got[("questions", p)] is not None for p in PHASES}
        row = {"participant_id": pid, "cohort": cohort[pid], "chapter": chapter}
        for p in PHASES:
            row[f"{p}_correct"] = int(got[("correct", p)]) if has[p] else None
            row[f"{p}_questions"] = int(got[("questions", p)]) if has[p] else None
        rows.append(row)
        bucket = pooled.setdefault(pid, {"matched": [], "any": []})
        bucket["any"].append(row)
        if has["pre"] and has["post"]:
            bucket["matched"].append(row)
    for pid, bucket in pooled.items():
        use = bucket["matched"] or bucket["any"]
        row = {"participant_id": pid, "cohort": cohort[pid], "chapter": ALL_CHAPTERS}
        for p in PHASES:
            part = [r for r in use if r[f"{p}_questions"] is not None]
            row[f"{p}_correct"] = sum(r[f"{p}_correct"] for r in part) if part else None
            row[f"{p}_questions"] = sum(r[f"{p}_questions"] for r in part) if part else None
        rows.append(row)
    for row in rows:
        for p in PHASES:
            row[f"{p}_pct"] = (_pct(row[f"{p}_correct"], row[f"{p}_questions"])
                               if row[f"{p}_questions"] is not None else float("nan"))
        pre, post = row["pre_questions"] is not None, row["post_questions"] is not None
        row["gain"] = float("nan")
        if pre and post:
            if row["pre_correct"] >= row["pre_questions"]:
                row["status"] = "pre_100"
            else:
                row["status"] = "matched"
                row["gain"] = (row["post_pct"] - row["pre_pct"]) / (100.0 - row["pre_pct"])
        else:
            row["status"] = "pre_only" if pre else "post_only"
    out = pd.DataFrame(rows, columns=columns)
    order = {c: i for i, c in enumerate(sorted(set(out["chapter"]) - {ALL_CHAPTERS}))}
    order[ALL_CHAPTERS] = len(order)
    out = out.assign(_order=out["chapter"].map(order)).sort_values(
        ["_order", "cohort", "participant_id"]).drop(columns="_order")
    return out.reset_index(drop=True)


def _stats(frame: pd.DataFrame) -> dict[str, float | int]:
    both = frame[frame["status"].isin(["matched", "pre_100"])]
    gains = frame.loc[frame["status"] == "matched", "gain"]
    pre_mean = float(both["pre_pct"].mean()) if len(both) else float("nan")
    post_mean = float(both["post_pct"].mean()) if len(both) else float("nan")
    gain_class = ((post_mean - pre_mean) / (100.0 - pre_mean)
                  if len(both) and pre_mean < 100.0 else float("nan"))
    return {
        "participants": int(frame["participant_id"].nunique()),
        "pre": int(frame["status"].isin(["matched", "pre_100", "pre_only"]).sum()),
        "post": int(frame["status"].isin(["matched", "pre_100", "post_only"]).sum()),
        "matched": len(both), "pre_100": int((frame["status"] == "pre_100").sum()),
        "pre_mean": pre_mean, "post_mean": post_mean,
        "gain_individual": float(gains.mean()) if len(gains) else float("nan"),
        "gain_class": gain_class,
    }


def _program_label() -> str:
    return t("cohort.report.all_program")


def _gain_numbers(scores: pd.DataFrame) -> pd.DataFrame:
    people = participant_gains(scores)
    rows = []
    for chapter in people["chapter"].unique():
        part = people[people["chapter"] == chapter]
        for cohort in sorted(part["cohort"].unique()):
            rows.append({"group": cohort, "chapter": chapter,
                         **_stats(part[part["cohort"] == cohort])})
        rows.append({"group": _program_label(), "chapter": chapter, **_stats(part)})
    return pd.DataFrame(rows, columns=list(GAIN_COLUMNS))


def _labelled(frame: pd.DataFrame, prefix: str) -> pd.DataFrame:
    out = frame.copy()
    if "chapter" in out.columns:
        out["chapter"] = [t("cohort.gains.all_chapters") if c == ALL_CHAPTERS else c
                          for c in out["chapter"]]
    return out.rename(columns={c: t(f"{prefix}.{c}") for c in out.columns})


def gain_table(scores: pd.DataFrame, *, lang: str | None = None,
               labels: bool = True) -> pd.DataFrame:
    """Pre and post scores and normalised gains per cohort and chapter, with the whole
    program after each chapter's cohorts and the pooled chapters (:data:`ALL_CHAPTERS`) last.

    Columns (:data:`GAIN_COLUMNS`; with ``labels`` their readable names in ``lang``):
    ``participants`` with any score, ``pre`` and ``post`` (who took each), ``matched`` (both),
    ``pre_100`` (both, but 100% before: no individual gain), ``pre_mean`` and ``post_mean``
    (% over the matched), ``gain_individual`` (mean of ``(post - pre) / (100 - pre)`` over
    the matched without the ``pre_100``) and ``gain_class`` (``(post_mean - pre_mean) /
    (100 - pre_mean)``). Numbers as computed, nothing suppressed: for the program's own
    team; publish :func:`publishable_gains`.
    """
    with language(lang or get_language()):
        numbers = _gain_numbers(scores)
        return _labelled(numbers, "cohort.gains.col") if labels else numbers


def _fmt_pct(value: float) -> str:
    return f"{value:.1f}%"


def _fmt_gain(value: float) -> str:
    return t("cohort.gains.undefined") if value != value else f"{value:.2f}"


def _publishable_numbers(numbers: pd.DataFrame, minimum: int) -> pd.DataFrame:
    counts = ["participants", "pre", "post", "matched", "pre_100"]
    blocks = []
    for chapter in numbers["chapter"].unique():
        part = numbers[numbers["chapter"] == chapter]
        cohorts, program = part.iloc[:-1], part.iloc[-1]
        table = suppress_counts({r["group"]: {c: int(r[c]) for c in counts}
                                 for _, r in cohorts.iterrows()},
                                {c: int(program[c]) for c in counts}, minimum=minimum)
        # Statistics of fewer than `minimum` people are not shown; the program's are hidden
        # when the cohorts hidden that way add up to a small group (it could be worked out).
        hidden = {"matched": 0, "gain": 0}
        stats: list[dict[str, str]] = []
        for _, r in cohorts.iterrows():
            gain_n = int(r["matched"] - r["pre_100"])
            shown = {}
            for column in ("pre_mean", "post_mean", "gain_class"):
                small = r["matched"] < minimum
                shown[column] = SMALL if small else (
                    _fmt_pct(r[column]) if column != "gain_class" else _fmt_gain(r[column]))
            shown["gain_individual"] = SMALL if gain_n < minimum else _fmt_gain(
                r["gain_individual"])
            hidden["matched"] += int(r["matched"]) if r["matched"] < minimum else 0
            hidden["gain"] += gain_n if gain_n < minimum else 0
            stats.append(shown)
        gain_n = int(program["matched"] - program["pre_100"])
        shown = {}
        for column in ("pre_mean", "post_mean", "gain_class"):
            if program["matched"] < minimum:
                shown[column] = SMALL
            elif 0 < hidden["matched"] < minimum:
                shown[column] = HIDDEN
            else:
                shown[column] = (_fmt_pct(program[column]) if column != "gain_class"
                                 else _fmt_gain(program[column]))
        shown["gain_individual"] = (SMALL if gain_n < minimum else HIDDEN
                                    if 0 < hidden["gain"] < minimum
                                    else _fmt_gain(program["gain_individual"]))
        stats.append(shown)
        table["group"] = list(part["group"])
        table.insert(1, "chapter", chapter)
        for column in ("pre_mean", "post_mean", "gain_individual", "gain_class"):
            table[column] = [s[column] for s in stats]
        blocks.append(table)
    if not blocks:
        return pd.DataFrame(columns=list(GAIN_COLUMNS))
    return pd.concat(blocks, ignore_index=True)[list(GAIN_COLUMNS)]


def publishable_gains(scores: pd.DataFrame, *, lang: str | None = None,
                      minimum: int = MIN_GROUP, labels: bool = True) -> pd.DataFrame:
    """:func:`gain_table` as texts safe to publish.

    Counts go through :func:`~mipyme.cohort.report.suppress_counts` per chapter (the cohorts
    add up to the program): a count under ``minimum`` is ``"< 5"``, a count that would give a
    small complement away is ``"*"``. The mean scores and the class-average gain need
    ``minimum`` matched people, the mean individual gain ``minimum`` people with a gain;
    otherwise ``"< 5"``. The program's statistics become ``"*"`` when the cohorts whose
    statistics are hidden add up to between 1 and ``minimum - 1`` people (they could be worked
    out from the program's and the other cohorts' figures).
    """
    with language(lang or get_language()):
        table = _publishable_numbers(_gain_numbers(scores), minimum)
        return _labelled(table, "cohort.gains.col") if labels else table


# -- HTML --------------------------------------------------------------------------------------

def _gains_chart(numbers: pd.DataFrame, shown: pd.DataFrame
                 ) -> tuple[Figure, pd.DataFrame] | None:
    """Mean scores before and after per chapter for the whole program (chapters whose
    program means are shown), and the numbers it draws."""
    program = _program_label()
    mask = (numbers["group"] == program) & (numbers["chapter"] != ALL_CHAPTERS)
    visible = shown.loc[mask.to_numpy(), "pre_mean"].str.endswith("%").to_numpy()
    chapters = numbers[mask][visible]
    if chapters.empty:
        return None
    fig = Figure(figsize=(9, 3.8))
    ax = fig.add_subplot()
    xs = range(len(chapters))
    ax.bar([x - 0.2 for x in xs], chapters["pre_mean"], width=0.4, color=OKABE_ITO["sky_blue"],
           edgecolor="black", linewidth=0.3, label=t("cohort.gains.chart.pre"))
    ax.bar([x + 0.2 for x in xs], chapters["post_mean"], width=0.4, color=OKABE_ITO["blue"],
           edgecolor="black", linewidth=0.3, hatch="//", label=t("cohort.gains.chart.post"))
    ax.set_xticks(list(xs))
    ax.set_xticklabels(chapters["chapter"], fontsize=8)
    ax.set_ylim(0, 100)
    ax.set_ylabel(t("cohort.gains.chart.axis"))
    ax.set_title(t("cohort.gains.chart.title"))
    ax.legend(fontsize=8, loc="lower right")
    ax.spines[["top", "right"]].set_visible(False)
    defined = chapters[chapters["gain_class"] == chapters["gain_class"]]
    best = defined.loc[defined["gain_class"].idxmax()] if not defined.empty else chapters.iloc[0]
    finish(fig, t("cohort.gains.chart.alt", count=len(chapters), chapter=best["chapter"],
                  pre=f"{best['pre_mean']:.0f}", post=f"{best['post_mean']:.0f}",
                  gain=_fmt_gain(best["gain_class"])))
    data = pd.DataFrame({t("cohort.gains.col.chapter"): chapters["chapter"].tolist(),
                         t("cohort.gains.col.pre_mean"): [_fmt_pct(v) for v in
                                                          chapters["pre_mean"]],
                         t("cohort.gains.col.post_mean"): [_fmt_pct(v) for v in
                                                           chapters["post_mean"]],
                         t("cohort.gains.col.gain_class"): [_fmt_gain(v) for v in
                                                            chapters["gain_class"]]})
    return fig, data


def gains_section(scores: pd.DataFrame, *, audience: str = "instructors",
                  lang: str | None = None, minimum: int = MIN_GROUP
                  ) -> tuple[str, str, pd.DataFrame]:
    """The report's learning-gains section: ``(title, html, table)``.

    ``audience`` is ``"instructors"`` (scores from :func:`instructor_scores`) or
    ``"entrepreneurs"`` (from :func:`field_scores`); it only changes the texts. ``html`` is an
    explanation of the figures, a chart of the program's mean scores before and after per
    chapter (only chapters whose program figures are shown; PNG inside the page, with alt
    text and its numbers, by :func:`~mipyme.cohort.report.figure_html`) and the
    :func:`publishable_gains` table with a caption (:func:`~mipyme.cohort.report.table_html`);
    ``table`` is that table (readable column names in ``lang``), safe to export.
    """
    if audience not in ("instructors", "entrepreneurs"):
        raise InputError("errors.one_of", arg="audience",
                         choices=("instructors", "entrepreneurs"), value=audience)
    with language(lang or get_language()):
        title = t(f"cohort.gains.title.{audience}")
        numbers = _gain_numbers(scores)
        shown = _publishable_numbers(numbers, minimum)
        table = _labelled(shown, "cohort.gains.col")
        intro = "<p>" + html.escape(t(f"cohort.gains.intro.{audience}")) + "</p>"
        method = "<p class=\"note\">" + html.escape(t("cohort.gains.method", n=minimum,
                                                      small=SMALL, hidden=HIDDEN)) + "</p>"
        if numbers.empty:
            body = intro + "<p>" + html.escape(t("cohort.gains.no_data")) + "</p>"
            return title, body, table
        chart = _gains_chart(numbers, shown)
        body = "\n".join(p for p in (
            intro, method,
            figure_html(*chart, t("cohort.gains.chart.title")) if chart else "",
            table_html(table, t(f"cohort.gains.caption.{audience}"),
                       text_columns=table.columns[:2])) if p)
        return title, body, table


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


#: Where a program keeps its entrepreneurs' field checks: a file of the program folder.
FIELD_CHECKS_FILES = ("verificaciones_campo.csv", "field_checks.csv")


def field_checks_file(program: Program) -> Path | None:
    """The program's field-check CSV (:data:`FIELD_CHECKS_FILES` in its folder), if any."""
    for name in FIELD_CHECKS_FILES:
        path = Path(program.root) / name
        if path.is_file():
            return path
    return None


def report_sections(program: Program) -> list[tuple[str, str, pd.DataFrame]]:
    """The report's learning-gains sections (called by :func:`mipyme.cohort.report.
    report_html` in the report's language): the instructors' quiz, when a cohort of the
    program has one, and the entrepreneurs' field checks, when the program folder has
    them (:data:`FIELD_CHECKS_FILES`). A field-check file with problems stops the report
    with every problem named."""
    out = []
    scores = instructor_scores(program)
    if len(scores):
        out.append(gains_section(scores, audience="instructors"))
    path = field_checks_file(program)
    if path is not None:
        checks = field_scores(read_field_checks(path))
        if len(checks):
            out.append(gains_section(checks, audience="entrepreneurs"))
    return out
