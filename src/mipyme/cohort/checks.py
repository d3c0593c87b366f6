"""The entrepreneurs' knowledge check, before and after: the results file and what the
program report shows of it (``mipyme report PROGRAM_DIR --checks FOLDER``).

The field kit (:mod:`mipyme.fieldkit.checks`) prints, per part of the course, a check the
entrepreneurs answer before the workshops and again after them, with a scoring sheet and a
CSV file to type the results into. That file's layout is defined here, once
(:data:`CSV_COLUMNS`, :func:`results_header`), and the field kit writes it from here: one row
per participant and moment::

    participant,part,moment,date,q1,...,qN,score,max_score

:func:`read_check_results` reads a folder of filled files (every ``*.csv`` in it and its
subfolders: the instructors' results from many workshops). Every row is checked and every
problem is named (file, row, column, rule and value, in the user's language); a bad row is set
aside and the good ones are kept. A participant code must be unique in the program (two
workshops use different codes, for example with the workshop's prefix): the same participant
with two checks of the same part and moment are both set aside, since neither can be chosen.

:func:`check_gains` computes, per part, over the participants with both checks (paired):
the mean score before and after as a share of the maximum, the mean gain (in points of that
share), the normalised gain of Hake (1998) over the class averages,
``(after - before) / (100 - before)`` (undefined when the mean before is 100%), and how many
improved. :func:`publishable_check_gains` applies the report's privacy rule
(:data:`~mipyme.cohort.report.MIN_GROUP`): a count of fewer than 5 people is shown as
``"< 5"``; a part with fewer than 5 paired participants shows only its counts, no share and
no gain; a count of people who improved whose complement (paired, not improved) is between 1
and 4 is hidden (``"*"``). :func:`checks_section` is the report's section.

>>> results_header(3)
['participant', 'part', 'moment', 'date', 'q1', 'q2', 'q3', 'score', 'max_score']
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from mipyme.curriculum import load_curriculum
from mipyme.errors import InputError
from mipyme.i18n import get_language, language, t

__all__ = [
    "CSV_COLUMNS",
    "GAIN_COLUMNS",
    "MOMENTS",
    "CheckProblem",
    "CheckResults",
    "check_gains",
    "checks_section",
    "publishable_check_gains",
    "read_check_results",
    "results_header",
]

#: The results file's columns, in order (``q1`` … ``qN`` between ``date`` and ``score``).
CSV_COLUMNS = {
    "participant": {"es": "clave de la participante (sin nombre completo)",
                    "en": "participant's code (no full name)"},
    "part": {"es": "parte del curso (su clave: tienda, exportar, finanzas…)",
             "en": "course part (its id: tienda, exportar, finanzas…)"},
    "moment": {"es": "before (antes) o after (después)", "en": "before or after"},
    "date": {"es": "fecha AAAA-MM-DD", "en": "date YYYY-MM-DD"},
    "q": {"es": "q1 … qN: letra marcada (a, b, c, d; vacío si no contestó)",
          "en": "q1 … qN: letter marked (a, b, c, d; empty if unanswered)"},
    "score": {"es": "respuestas correctas", "en": "correct answers"},
    "max_score": {"es": "número de preguntas", "en": "number of questions"},
}
#: The values of ``moment`` (``antes`` and ``después`` are read as these too).
MOMENTS = ("before", "after")
_MOMENT_WORDS = {"before": "before", "antes": "before", "after": "after",
                 "despues": "after", "después": "after"}
_FIRST = [c for c in CSV_COLUMNS if c not in ("q", "score", "max_score")]
_LAST = ["score", "max_score"]
_CODE = re.compile(r"^[A-Za-z0-9._-]+$")
_LETTERS = ("a", "b", "c", "d")


def results_header(questions: int) -> list[str]:
    """The results file's columns for a check of ``questions`` questions."""
    return [*_FIRST, *(f"q{k}" for k in range(1, questions + 1)), *_LAST]


@dataclass(frozen=True, slots=True)
class CheckProblem:
    """One problem of a results file: where (``file``, ``row`` as a spreadsheet numbers it,
    the header being row 1, and ``column``), which rule (an i18n key and its parameters)
    and the ``value`` found. ``str()`` says it in the language in use."""

    file: str
    row: int
    column: str
    rule: str
    value: str
    params: tuple[tuple[str, object], ...] = ()

    def message(self, lang: str | None = None) -> str:
        rule = t(f"cohort.checks.rule.{self.rule}", lang=lang, **dict(self.params))
        return t("cohort.checks.problem", lang=lang, file=self.file, row=self.row,
                 column=self.column, rule=rule, value=self.value)

    def __str__(self) -> str:
        return self.message()


@dataclass(frozen=True, slots=True)
class CheckResults:
    """What :func:`read_check_results` read: the good rows (``rows``: ``file``, ``row``,
    ``participant``, ``part``, ``moment``, ``date``, ``score``, ``max_score``), every problem
    (``problems``), the files read and how many rows were set aside."""

    rows: pd.DataFrame
    problems: tuple[CheckProblem, ...]
    files: tuple[Path, ...]
    set_aside: int


_ROW_COLUMNS = ["file", "row", "participant", "part", "moment", "date", "score", "max_score"]


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:  # a spreadsheet saved in Windows' encoding
        return data.decode("cp1252", errors="replace")


def _header_problem(name: str, line: int, header: list[str]) -> CheckProblem | None:
    expected = results_header(max(1, len(header) - len(_FIRST) - len(_LAST)))
    if header == expected:
        return None
    shown = ",".join(header)
    for k, (got, want) in enumerate(zip(header, expected, strict=False)):
        if got != want:
            return CheckProblem(name, line, want, "header", shown,
                                (("position", k + 1), ("expected", ",".join(expected))))
    return CheckProblem(name, line, expected[-1] if len(header) < len(expected) else header[-1],
                        "header", shown, (("position", min(len(header), len(expected)) + 1),
                                          ("expected", ",".join(expected))))


def _row_problems(name: str, number: int, cells: dict[str, str], questions: int,
                  parts: tuple[str, ...]) -> tuple[list[CheckProblem], dict | None]:
    bad: list[CheckProblem] = []

    def problem(column: str, rule: str, **params: object) -> None:
        bad.append(CheckProblem(name, number, column, rule, cells.get(column, ""),
                                tuple(params.items())))

    code = cells["participant"]
    if not code:
        problem("participant", "empty")
    elif not _CODE.match(code):
        problem("participant", "code")
    part = cells["part"]
    if part not in parts:
        problem("part", "part", choices=", ".join(parts))
    moment = _MOMENT_WORDS.get(cells["moment"].lower())
    if moment is None:
        problem("moment", "moment")
    try:
        day = dt.date.fromisoformat(cells["date"])
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", cells["date"]):
            raise ValueError
    except ValueError:
        day = None
        problem("date", "date")
    for k in range(1, questions + 1):
        if cells[f"q{k}"].lower() not in ("", *_LETTERS):
            problem(f"q{k}", "letter")
    numbers = {}
    for column in _LAST:
        value = cells[column]
        numbers[column] = int(value) if value.isdigit() else None
        if numbers[column] is None:
            problem(column, "whole")
    if numbers["max_score"] is not None and numbers["max_score"] != questions:
        problem("max_score", "max", questions=questions)
        numbers["max_score"] = None
    if None not in numbers.values() and numbers["score"] > numbers["max_score"]:
        problem("score", "score", max_score=numbers["max_score"])
    if bad:
        return bad, None
    return [], {"file": name, "row": number, "participant": code, "part": part,
                "moment": moment, "date": day, **numbers}


def _read_file(path: Path, name: str, parts: tuple[str, ...]
               ) -> tuple[list[dict], list[CheckProblem], int]:
    text = _decode(path.read_bytes())
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    lines = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    numbered = [(k, row) for k, row in enumerate(lines, start=1)
                if any(cell.strip() for cell in row)]
    if not numbered:
        return [], [CheckProblem(name, 1, "—", "no_header", "")], 0
    (line, header_row), body = numbered[0], numbered[1:]
    header = [h.strip().lower() for h in header_row]
    wrong = _header_problem(name, line, header)
    if wrong is not None:  # no cell can be trusted: every row is set aside
        return [], [wrong], len(body)
    questions = len(header) - len(_FIRST) - len(_LAST)
    good, problems, aside = [], [], 0
    for number, row in body:
        if len(row) != len(header):
            problems.append(CheckProblem(name, number, "—", "cells", ",".join(row),
                                         (("count", len(row)), ("expected", len(header)))))
            aside += 1
            continue
        cells = {h: c.strip() for h, c in zip(header, row, strict=True)}
        found, kept = _row_problems(name, number, cells, questions, parts)
        problems += found
        if kept is None:
            aside += 1
        else:
            good.append(kept)
    return good, problems, aside


def read_check_results(folder: str | Path) -> CheckResults:
    """Every results file (``*.csv``) of ``folder`` and its subfolders, checked row by row.

    A folder that does not exist, or has no CSV file, is an :class:`~mipyme.errors.InputError`;
    a problem in a file is a :class:`CheckProblem` and only its row is set aside (a file whose
    header is not the layout's sets aside all its rows)."""
    root = Path(folder)
    if not root.is_dir():
        raise InputError("cohort.checks.no_folder", arg="--checks", value=str(folder))
    files = tuple(sorted(p for p in root.rglob("*") if p.is_file()
                         and p.suffix.lower() == ".csv"))
    if not files:
        raise InputError("cohort.checks.no_files", arg="--checks", value=str(folder))
    parts = tuple(p.id for p in load_curriculum().parts)
    rows: list[dict] = []
    problems: list[CheckProblem] = []
    aside = 0
    for path in files:
        good, bad, skipped = _read_file(path, path.relative_to(root).as_posix(), parts)
        rows += good
        problems += bad
        aside += skipped
    frame = pd.DataFrame(rows, columns=_ROW_COLUMNS)
    # The same participant twice for one part and moment: neither row can be chosen.
    twice = frame.duplicated(["participant", "part", "moment"], keep=False)
    for (code, part, moment), group in frame[twice].groupby(
            ["participant", "part", "moment"], sort=True):
        places = "; ".join(f"{f} ({r})" for f, r in zip(group["file"], group["row"],
                                                         strict=True))
        for f, r in zip(group["file"], group["row"], strict=True):
            problems.append(CheckProblem(f, int(r), "participant", "twice", code,
                                         (("part", part), ("moment", moment),
                                          ("places", places))))
    aside += int(twice.sum())
    frame = frame[~twice].reset_index(drop=True)
    return CheckResults(frame, tuple(problems), files, aside)


#: The columns of :func:`check_gains`.
GAIN_COLUMNS = ["part", "before", "after", "paired", "before_pct", "after_pct", "gain_pts",
                "gain_norm", "improved"]


def check_gains(results: CheckResults | pd.DataFrame) -> pd.DataFrame:
    """Per part (in the curriculum's order): how many took the check before, after, and
    both (``paired``); over the paired, the mean score before and after in % of the maximum,
    the mean gain in points (``gain_pts``), Hake's normalised gain over those means
    (``gain_norm``; NaN when the mean before is 100%) and how many scored more after."""
    rows = results.rows if isinstance(results, CheckResults) else results
    out = []
    for part in (p.id for p in load_curriculum().parts):
        mine = rows[rows["part"] == part]
        if mine.empty:
            continue
        share = 100 * mine["score"].astype(float) / mine["max_score"].astype(float)
        wide = mine.assign(share=share).pivot(index="participant", columns="moment",
                                              values="share")
        wide = wide.reindex(columns=list(MOMENTS))
        paired = wide.dropna()
        before = paired["before"].mean() if len(paired) else float("nan")
        after = paired["after"].mean() if len(paired) else float("nan")
        norm = (after - before) / (100 - before) if len(paired) and before < 100 \
            else float("nan")
        out.append({"part": part, "before": int(wide["before"].notna().sum()),
                    "after": int(wide["after"].notna().sum()), "paired": len(paired),
                    "before_pct": before, "after_pct": after,
                    "gain_pts": (paired["after"] - paired["before"]).mean()
                    if len(paired) else float("nan"),
                    "gain_norm": norm,
                    "improved": int((paired["after"] > paired["before"]).sum())})
    return pd.DataFrame(out, columns=GAIN_COLUMNS)


def _count(value: int, minimum: int) -> str:
    from mipyme.cohort.report import SMALL

    return SMALL if value < minimum else str(value)


def _number(value: float, kind: str) -> str:
    if value != value:
        return t("cohort.checks.undefined")
    if kind == "pct":
        return f"{value:.0f}%"
    if kind == "pts":
        return t("cohort.checks.points", value=f"{value:+.1f}")
    return f"{value:.2f}"


def publishable_check_gains(numbers: pd.DataFrame, *, minimum: int | None = None,
                            lang: str | None = None) -> pd.DataFrame:
    """:func:`check_gains` as texts a funder can read, with readable column names in
    ``lang``: counts of fewer than ``minimum`` (the report's
    :data:`~mipyme.cohort.report.MIN_GROUP`) people as ``"< 5"``; a part with fewer than
    ``minimum`` paired participants shows its counts only (its shares and gains ``"< 5"``);
    the count who improved is hidden (``"*"``) when the paired who did not improve are
    between 1 and ``minimum - 1``."""
    from mipyme.cohort.report import HIDDEN, MIN_GROUP, SMALL

    minimum = MIN_GROUP if minimum is None else minimum
    with language(lang or get_language()):
        titles = {p.id: p.title(get_language()) for p in load_curriculum().parts}
        rows = []
        for r in numbers.itertuples(index=False):
            small = r.paired < minimum
            improved = _count(r.improved, minimum)
            if not small and 0 < r.paired - r.improved < minimum:
                improved = HIDDEN
            rows.append([titles.get(r.part, r.part), _count(r.before, minimum),
                         _count(r.after, minimum), _count(r.paired, minimum),
                         *(SMALL if small else _number(v, k) for v, k in (
                             (r.before_pct, "pct"), (r.after_pct, "pct"),
                             (r.gain_pts, "pts"), (r.gain_norm, "norm"))),
                         SMALL if small else improved])
        return pd.DataFrame(rows, columns=[t(f"cohort.checks.col.{c}") for c in GAIN_COLUMNS])


def _chart(numbers: pd.DataFrame, minimum: int):
    """Mean score before and after per part (parts with ``minimum`` paired people)."""
    from matplotlib.figure import Figure

    from mipyme.charts import OKABE_ITO, finish

    shown = numbers[numbers["paired"] >= minimum]
    if shown.empty:
        return None
    titles = {p.id: p.title(get_language()) for p in load_curriculum().parts}
    labels = [titles.get(p, p) for p in shown["part"]]
    fig = Figure(figsize=(8, 3.6))
    ax = fig.add_subplot()
    xs = range(len(shown))
    ax.bar([x - 0.2 for x in xs], shown["before_pct"], width=0.4,
           color=OKABE_ITO["sky_blue"], edgecolor="black", linewidth=0.3,
           label=t("cohort.checks.chart.before"))
    ax.bar([x + 0.2 for x in xs], shown["after_pct"], width=0.4, color=OKABE_ITO["blue"],
           edgecolor="black", linewidth=0.3, hatch="//", label=t("cohort.checks.chart.after"))
    ax.set_xticks(list(xs))
    ax.set_xticklabels(labels, fontsize=8)
    ax.set_ylim(0, 100)
    ax.set_ylabel(t("cohort.checks.chart.axis"))
    ax.set_title(t("cohort.checks.chart.title"))
    ax.legend(fontsize=8, loc="lower right")
    ax.spines[["top", "right"]].set_visible(False)
    finish(fig, t("cohort.checks.chart.alt", parts="; ".join(
        t("cohort.checks.chart.alt_part", part=label, before=f"{b:.0f}", after=f"{a:.0f}",
          paired=n) for label, b, a, n in zip(labels, shown["before_pct"],
                                              shown["after_pct"], shown["paired"],
                                              strict=True))))
    data = pd.DataFrame({t("cohort.checks.col.part"): labels,
                         t("cohort.checks.col.before_pct"): [_number(v, "pct") for v in
                                                             shown["before_pct"]],
                         t("cohort.checks.col.after_pct"): [_number(v, "pct") for v in
                                                            shown["after_pct"]]})
    return fig, data


def _p(text: str, css: str = "") -> str:
    cls = f' class="{css}"' if css else ""
    return f"<p{cls}>{html.escape(text)}</p>"


def checks_section(checks: str | Path | CheckResults, *, lang: str | None = None):
    """The report's section "Entrepreneurs' knowledge check (before and after)" for a
    results folder (or what :func:`read_check_results` read): what it measures, the chart of
    the mean scores before and after per part, the table of :func:`publishable_check_gains`
    and, when rows were set aside, how many and why (the problems are listed by
    ``mipyme report`` on the terminal, not in the page)."""
    from mipyme.cohort.report import HIDDEN, MIN_GROUP, SMALL, Section, figure_html, table_html

    with language(lang or get_language()):
        results = checks if isinstance(checks, CheckResults) else read_check_results(checks)
        numbers = check_gains(results)
        body = [_p(t("cohort.checks.intro", files=len(results.files),
                    rows=len(results.rows))),
                _p(t("cohort.checks.method", n=MIN_GROUP, small=SMALL, hidden=HIDDEN),
                  "note")]
        if results.set_aside:
            body.append(_p(t("cohort.checks.set_aside", count=results.set_aside,
                            problems=len(results.problems)), "note"))
        if numbers.empty:
            body.append(_p(t("cohort.checks.no_data")))
        else:
            made = _chart(numbers, MIN_GROUP)
            if made is not None:
                body.append(figure_html(*made, t("cohort.checks.chart.title")))
            body.append(table_html(publishable_check_gains(numbers),
                                   t("cohort.checks.caption")))
        return Section(t("cohort.checks.title"), "\n".join(body), id="knowledge-check")
