"""The training cascade, for funders: instructors trained, certified and teaching, and the
entrepreneurs they reach, with the shares of women and indigenous people at each level.

Why one module over 500 lines: the cascade's three levels (instructors, their classes, the
entrepreneurs) are read, checked, counted and drawn with the same privacy rule (no group under
five people), which must stay in one place.

The levels (:data:`LEVELS`), each counting distinct people:

``trained``
    everyone in the instructor cohorts' rosters (``Program.participants`` of
    :func:`mipyme.cohort.report.load_program`);
``certified``
    the trained instructors who meet the certification rule. The facilitator's guide
    (``book/guides/facilitador-teach-back.*.md`` and ``facilitador-rubricas.*.md``) certifies
    with a 5-minute teaching demo scored on the 10-point observation rubric: **at least 7 of 10
    points with no criterion at zero** (:data:`CERTIFY_POINTS`, :data:`DEMO_CRITERIA`);
    :func:`certification_from_demo` applies it to the demo scores. The gradebook does not hold
    the demo: every assignment's teach-back cell (grade id :data:`TEACHBACK_ID`, graded by hand,
    4 points) is the *written plan*. :func:`certification_from_teachback` applies the guide's
    share (:data:`CERTIFY_SHARE`, 70%) to the plans an instructor had graded, as a stand-in when
    demo scores are not recorded; the report says which rule it used;
``teaching``
    the trained instructors named as the instructor of at least one second-level group;
``reached``
    the entrepreneurs in those groups.

**Second-level groups.** The link between an entrepreneurs' group and its instructor is the
field-check CSV (:mod:`mipyme.cohort.gains`): every row names the group (``cohort``) and the
``instructor_id`` (the instructor's ``student_id`` in their cohort's roster; add
``instructor_course``, their course id, only if the same id is in two instructor courses). A
group taught by two instructors names each on their own sheets.
:func:`mipyme.cohort.gains.field_participants` turns the file into the ``entrepreneurs`` table
:func:`cascade_table` takes; any table with the columns ``participant_id, cohort,
instructor_id, gender, indigenous`` (and optionally ``instructor_course``) will do.

>>> import pandas as pd
>>> from mipyme.cohort.cascade import cascade_table
>>> instructors = pd.DataFrame({"course_id": ["c"] * 2, "student_id": ["a1", "a2"],
...                             "gender": ["woman", "man"], "indigenous": ["yes", "no"]})
>>> certified = pd.DataFrame({"course_id": ["c"], "student_id": ["a1"], "certified": [True]})
>>> entrepreneurs = pd.DataFrame({"participant_id": ["e1", "e2"], "cohort": ["G1", "G1"],
...     "instructor_id": ["a1", "a1"], "gender": ["Mujer", "Hombre"], "indigenous": ["sí", ""]})
>>> cascade_table(instructors, certified, entrepreneurs, labels=False)[
...     ["level", "people", "women", "indigenous", "cohorts"]].values.tolist()
[['trained', 2, 1, 1, 1], ['certified', 1, 1, 1, None], ['teaching', 1, 1, 1, 1], ['reached', 2, 1, 1, 1]]
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from mipyme.charts import OKABE_ITO, finish
from mipyme.cohort.course import gradebook_url, open_gradebook, read_cohort
from mipyme.cohort.gains import gender_of, indigenous_of
from mipyme.cohort.report import (
    HIDDEN,
    MIN_GROUP,
    NOT_STATED_GROUPS,
    SMALL,
    Program,
    figure_html,
    suppress_counts,
    table_html,
)
from mipyme.errors import InputError
from mipyme.i18n import get_language, language, t

__all__ = [
    "CASCADE_COLUMNS",
    "CERTIFY_OUT_OF",
    "CERTIFY_POINTS",
    "CERTIFY_SHARE",
    "DEMO_CRITERIA",
    "LEVELS",
    "TEACHBACK_ID",
    "cascade_section",
    "cascade_table",
    "certification_from_demo",
    "certification_from_teachback",
    "publishable_cascade",
    "teachback_grades",
]

#: The grade id of the teach-back plan cell of every assignment (``exercises/specs/*.toml``).
TEACHBACK_ID = "teachback"
#: The guide's certification threshold: at least 7 of the observation rubric's 10 points...
CERTIFY_POINTS = 7
CERTIFY_OUT_OF = 10
#: ... i.e. 70% of the points (applied to the teach-back plans by
#: :func:`certification_from_teachback`).
CERTIFY_SHARE = Fraction(CERTIFY_POINTS, CERTIFY_OUT_OF)
#: The observation rubric's criteria and their points (``facilitador-rubricas.*.md``):
#: correct content with an example in pesos, an example from the group's context, checks
#: understanding, language and manner. No criterion may be at zero to certify.
DEMO_CRITERIA: dict[str, int] = {"content": 3, "context": 2, "check": 3, "language": 2}
#: The levels of the cascade, in order.
LEVELS: tuple[str, ...] = ("trained", "certified", "teaching", "reached")
#: Columns of :func:`cascade_table` (with ``labels=False``).
CASCADE_COLUMNS: tuple[str, ...] = ("level", "people", "women", "women_not_stated",
                                    "women_pct", "indigenous", "indigenous_not_stated",
                                    "indigenous_pct", "cohorts")
_COUNTS = ("people", "women", "women_not_stated", "indigenous", "indigenous_not_stated")
_NOT_STATED = ("women_not_stated", "indigenous_not_stated")
_SPLITS = (("women", "women_not_stated"), ("indigenous", "indigenous_not_stated"))


# -- certification -----------------------------------------------------------------------------

def teachback_grades(program: Program | str | Path, *,
                     grade_id: str = TEACHBACK_ID) -> pd.DataFrame:
    """Every hand-graded teach-back plan in a program's gradebooks: one row per course,
    student and assignment handed in (``course_id, student_id, assignment, score, max_score``);
    ``score`` is missing (NaN) while the plan has not been graded.

    ``program``: a :class:`~mipyme.cohort.report.Program` (its course folders) or the
    program's folder (every sub-folder with a ``cohort.toml``, or that folder itself)."""
    if isinstance(program, Program) and program.folders:
        folders = list(program.folders)
    else:
        root = Path(program.root if isinstance(program, Program) else program)
        folders = sorted(p.parent for p in root.glob("*/cohort.toml")) if root.is_dir() else []
        if (root / "cohort.toml").is_file():
            folders = [root]
        if not folders:
            raise InputError("cohort.report.no_cohorts", path=str(root))
    rows = []
    for folder in folders:
        info = read_cohort(folder)
        with open_gradebook(gradebook_url(folder), info.course_id) as gb:
            for assignment in gb.assignments:
                for sub in gb.assignment_submissions(assignment.name):
                    for notebook in sub.notebooks:
                        for grade in notebook.grades:
                            if grade.name != grade_id:
                                continue
                            score = (grade.manual_score if grade.manual_score is not None
                                     else grade.auto_score)
                            rows.append({"course_id": info.course_id,
                                         "student_id": sub.student.id,
                                         "assignment": assignment.name,
                                         "score": None if score is None else float(score),
                                         "max_score": float(grade.max_score or 0)})
    out = pd.DataFrame(rows, columns=["course_id", "student_id", "assignment", "score",
                                      "max_score"])
    return out.sort_values(["course_id", "student_id", "assignment"]).reset_index(drop=True)


def certification_from_teachback(grades: pd.DataFrame, *, share: Fraction | float = CERTIFY_SHARE,
                                 minimum_plans: int = 1) -> pd.DataFrame:
    """Who is certified by their graded teach-back plans (:func:`teachback_grades`): at least
    ``minimum_plans`` plans graded and, over them, at least ``share`` of their points.

    Returns ``course_id, student_id, plans, points, max_points, certified``.

    >>> grades = pd.DataFrame({"course_id": ["c"] * 3, "student_id": ["a", "a", "b"],
    ...     "assignment": ["ch01", "ch02", "ch01"], "score": [4.0, 2.0, None],
    ...     "max_score": [4.0, 4.0, 4.0]})
    >>> certification_from_teachback(grades)[["student_id", "plans", "points", "certified"]
    ...     ].values.tolist()
    [['a', 2, 6.0, True], ['b', 0, 0.0, False]]
    """
    share = Fraction(share).limit_denominator(1000)
    columns = ["course_id", "student_id", "plans", "points", "max_points", "certified"]
    if grades.empty:
        return pd.DataFrame(columns=columns)
    graded = grades.assign(done=grades["score"].notna(),
                           points=grades["score"].fillna(0.0).astype(float),
                           top=grades["max_score"].where(grades["score"].notna(), 0.0))
    out = graded.groupby(["course_id", "student_id"], sort=True).agg(
        plans=("done", "sum"), points=("points", "sum"), max_points=("top", "sum")
    ).reset_index()
    out["plans"] = out["plans"].astype(int)
    # Compare exactly: points / max >= share  <=>  points * den >= share_num * max.
    out["certified"] = [
        bool(n >= minimum_plans and m > 0 and Decimal(repr(p)) * share.denominator
             >= Decimal(repr(m)) * share.numerator)
        for n, p, m in zip(out["plans"], out["points"], out["max_points"], strict=True)]
    return out[columns]


def certification_from_demo(demo: pd.DataFrame, *, points: int = CERTIFY_POINTS,
                            criteria: Mapping[str, int] | None = None) -> pd.DataFrame:
    """Who passed the 5-minute certification demo, by the guide's rule: at least ``points``
    in total and no criterion at zero.

    ``demo`` has ``student_id`` (optionally ``course_id``) and one column per criterion of
    :data:`DEMO_CRITERIA` with the points given; or a ``score`` column with the total only
    (then the no-zero rule cannot be checked and only the total counts). Returns
    ``course_id, student_id, score, certified``; a bad score raises one ``InputError``.

    >>> demo = pd.DataFrame({"student_id": ["a", "b", "c"], "content": [3, 3, 0],
    ...     "context": [1, 2, 2], "check": [2, 1, 3], "language": [1, 0, 2]})
    >>> certification_from_demo(demo)[["student_id", "score", "certified"]].values.tolist()
    [['a', 7, True], ['b', 6, False], ['c', 7, False]]
    """
    criteria = dict(criteria or DEMO_CRITERIA)
    by_criteria = all(c in demo.columns for c in criteria)
    if "student_id" not in demo.columns or not (by_criteria or "score" in demo.columns):
        raise InputError("cohort.cascade.demo.missing", criteria=list(criteria),
                         found=list(demo.columns))
    tops = criteria if by_criteria else {"score": sum(criteria.values())}
    problems = []
    rows = []
    for _, row in demo.iterrows():
        values = {}
        for column, top in tops.items():
            raw = row[column]
            try:
                number = Decimal(str(raw).strip())
            except ArithmeticError:
                number = None
            if number is None or number != number.to_integral_value() or not 0 <= number <= top:
                problems.append(t("cohort.cascade.demo.bad_score", student=row["student_id"],
                                  column=column, top=top, value=raw))
                continue
            values[column] = int(number)
        total = sum(values.values())
        ok = total >= points and (not by_criteria or all(v > 0 for v in values.values()))
        rows.append({"course_id": str(row["course_id"]) if "course_id" in demo.columns else "",
                     "student_id": str(row["student_id"]), "score": total, "certified": ok})
    if problems:
        raise InputError("cohort.cascade.demo.invalid", count=len(problems),
                         problems="".join(f"\n  - {p}" for p in problems))
    return pd.DataFrame(rows, columns=["course_id", "student_id", "score", "certified"])


# -- the cascade -------------------------------------------------------------------------------

def _text(value: object) -> str:
    return "" if value is None or value != value else str(value).strip()


def _counts(frame: pd.DataFrame) -> dict[str, int]:
    return {"people": len(frame), "women": int((frame["gender"] == "woman").sum()),
            "women_not_stated": int(frame["gender"].isin(NOT_STATED_GROUPS).sum()),
            "indigenous": int((frame["indigenous"] == "yes").sum()),
            "indigenous_not_stated": int(frame["indigenous"].isin(NOT_STATED_GROUPS).sum())}


def _share(count: int, people: int, not_stated: int) -> float:
    stated = people - not_stated
    return 100.0 * count / stated if stated > 0 else float("nan")


def _levels(instructors: pd.DataFrame, certified: pd.DataFrame | None,
            entrepreneurs: pd.DataFrame) -> tuple[dict[str, pd.DataFrame], dict[str, int]]:
    people = pd.DataFrame({
        "course_id": [_text(v) for v in instructors["course_id"]]
        if "course_id" in instructors.columns else [""] * len(instructors),
        "student_id": [_text(v) for v in instructors["student_id"]],
        "gender": [gender_of(v) for v in instructors["gender"]]
        if "gender" in instructors.columns else [""] * len(instructors),
        "indigenous": [indigenous_of(v) for v in instructors["indigenous"]]
        if "indigenous" in instructors.columns else [""] * len(instructors),
    }).drop_duplicates(["course_id", "student_id"]).reset_index(drop=True)
    keys = list(zip(people["course_id"], people["student_id"], strict=True))
    courses: dict[str, list[str]] = {}
    for course, sid in keys:
        courses.setdefault(sid, []).append(course)

    def resolve(sid: str, course: str, unknown: set, ambiguous: set) -> tuple[str, str] | None:
        if course:
            if (course, sid) in set(keys):
                return (course, sid)
            unknown.add(f"{course}/{sid}")
            return None
        found = courses.get(sid, [])
        if len(found) == 1:
            return (found[0], sid)
        (ambiguous if found else unknown).add(sid)
        return None

    chosen: set[tuple[str, str]] = set()
    if certified is not None and not certified.empty:
        ok = certified[certified["certified"].astype(bool)]
        for _, row in ok.iterrows():
            course = _text(row["course_id"]) if "course_id" in ok.columns else ""
            key = resolve(_text(row["student_id"]), course, set(), set())
            if key is not None:  # certified people not in the rosters are not counted
                chosen.add(key)
    unknown: set[str] = set()
    ambiguous: set[str] = set()
    teaching: set[tuple[str, str]] = set()
    course_col = "instructor_course" in entrepreneurs.columns
    for sid, course in zip(entrepreneurs["instructor_id"],
                           entrepreneurs["instructor_course"] if course_col
                           else [""] * len(entrepreneurs), strict=True):
        key = resolve(_text(sid), _text(course), unknown, ambiguous)
        if key is not None:
            teaching.add(key)
    if unknown:
        raise InputError("cohort.cascade.unknown_instructors", ids=sorted(unknown))
    if ambiguous:
        raise InputError("cohort.cascade.ambiguous_instructors", ids=sorted(ambiguous))
    reached = entrepreneurs.assign(
        participant_id=[_text(v) for v in entrepreneurs["participant_id"]],
        gender=[gender_of(v) for v in entrepreneurs["gender"]]
        if "gender" in entrepreneurs.columns else gender_of(""),
        indigenous=[indigenous_of(v) for v in entrepreneurs["indigenous"]]
        if "indigenous" in entrepreneurs.columns else indigenous_of(""))

    def stated(values: pd.Series) -> str:
        return next((v for v in values if v not in NOT_STATED_GROUPS), values.iloc[0])

    # One row per person; a self-identification stated on any row counts.
    person = reached.groupby("participant_id", sort=True).agg(
        gender=("gender", stated), indigenous=("indigenous", stated)).reset_index()
    index = pd.Series(keys)
    levels = {
        "trained": people,
        "certified": people[index.isin(chosen).to_numpy()],
        "teaching": people[index.isin(teaching).to_numpy()],
        "reached": person,
    }
    if "cohort" in instructors.columns:
        groups = (instructors["university"].astype(str) + " · " if "university"
                  in instructors.columns else "") + instructors["cohort"].astype(str)
        trained_groups = int(groups.nunique())
    else:
        trained_groups = int(people["course_id"].nunique())
    second = int(entrepreneurs["cohort"].map(_text).nunique())
    return levels, {"trained": trained_groups, "teaching": second, "reached": second}


def _numbers(instructors: pd.DataFrame, certified: pd.DataFrame | None,
             entrepreneurs: pd.DataFrame) -> pd.DataFrame:
    levels, groups = _levels(instructors, certified, entrepreneurs)
    rows = []
    for level in LEVELS:
        c = _counts(levels[level])
        rows.append({"level": level, **c,
                     "women_pct": _share(c["women"], c["people"], c["women_not_stated"]),
                     "indigenous_pct": _share(c["indigenous"], c["people"],
                                              c["indigenous_not_stated"]),
                     "cohorts": groups.get(level)})
    frame = pd.DataFrame(rows, columns=list(CASCADE_COLUMNS))
    frame["cohorts"] = pd.Series([r["cohorts"] for r in rows], dtype=object)
    return frame


def _labelled(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out["level"] = [t(f"cohort.cascade.level.{v}") for v in out["level"]]
    out["cohorts"] = ["" if v is None or v != v else str(int(v)) for v in out["cohorts"]]
    return out.rename(columns={c: t(f"cohort.cascade.col.{c}") for c in out.columns})


def cascade_table(instructors: pd.DataFrame, certified: pd.DataFrame | None,
                  entrepreneurs: pd.DataFrame, *, lang: str | None = None,
                  labels: bool = True) -> pd.DataFrame:
    """The cascade's numbers: one row per level (:data:`LEVELS`) with ``people``; ``women``
    and ``indigenous`` with the people who did not state it (``*_not_stated``: blank, prefer
    not to say or unreadable, as in the report) and the share among those who did
    (``*_pct``); and ``cohorts`` (instructor cohorts for ``trained``; second-level groups for
    ``teaching`` and ``reached``). Nothing suppressed: for the program's own team; publish
    :func:`publishable_cascade`.

    ``instructors``: ``course_id, student_id, gender, indigenous`` (and ``university,
    cohort``), e.g. ``Program.participants``. ``certified``: ``course_id`` (optional),
    ``student_id``, ``certified`` (from :func:`certification_from_teachback` or
    :func:`certification_from_demo`; ``None``: nobody). ``entrepreneurs``: ``participant_id,
    cohort, instructor_id`` (optional ``instructor_course``), ``gender, indigenous``, e.g.
    :func:`mipyme.cohort.gains.field_participants`. Gender and indigenous may be the
    roster's groups or its words. An instructor id that is not in ``instructors`` (or is in
    two courses without ``instructor_course``) raises one ``InputError`` naming them all.
    """
    with language(lang or get_language()):
        numbers = _numbers(instructors, certified, entrepreneurs)
        return _labelled(numbers) if labels else numbers


def _share_text(count: str, base: str, not_stated: str) -> str:
    """The share among those who stated, as published text: exact when the counts shown give
    it, ``"≥ x%"`` (over every person of the level) when the not-stated count is hidden, as
    the report's inclusion tables do."""
    if not count.isdigit() or not base.isdigit() or int(base) == 0:
        return HIDDEN if SMALL in (count, base) or HIDDEN in (count, base) else ""
    c, b = Decimal(count), Decimal(base)
    if not_stated.isdigit():
        stated = b - Decimal(not_stated)
        return f"{100 * c / stated:.1f}%" if stated > 0 else ""
    return f"≥ {100 * c / b:.1f}%"


def _merge(old: str, new: str) -> str:
    rank = {SMALL: 2, HIDDEN: 1}
    return old if rank.get(old, 0) >= rank.get(new, 0) else new


def _publishable(numbers: pd.DataFrame, minimum: int) -> pd.DataFrame:
    counts = {r["level"]: {c: int(r[c]) for c in _COUNTS} for _, r in numbers.iterrows()}

    def suppress(rows: dict[str, dict[str, int]], total: dict[str, int]) -> pd.DataFrame:
        return suppress_counts(rows, total, base="people", minimum=minimum, zero=_NOT_STATED,
                               splits=_SPLITS)

    shown = {level: dict(suppress({level: counts[level]}, counts[level]).iloc[0][
        list(_COUNTS)]) for level in LEVELS}
    trained = counts["trained"]
    # Certified and teaching are parts of the trained: the rest of the trained could be worked
    # out by subtraction, so each pair is also suppressed as a partition of the trained.
    for level in ("certified", "teaching"):
        rest = {c: trained[c] - counts[level][c] for c in _COUNTS}
        if rest["people"] == 0:
            continue
        table = suppress({level: counts[level], "rest": rest}, trained)
        for c in _COUNTS:
            shown[level][c] = _merge(shown[level][c], table.iloc[0][c])
            shown["trained"][c] = _merge(shown["trained"][c], table.iloc[2][c])
    rows = []
    for _, r in numbers.iterrows():
        s = shown[r["level"]]
        rows.append({"level": r["level"], **{c: s[c] for c in _COUNTS},
                     "women_pct": _share_text(s["women"], s["people"], s["women_not_stated"]),
                     "indigenous_pct": _share_text(s["indigenous"], s["people"],
                                                   s["indigenous_not_stated"]),
                     "cohorts": r["cohorts"]})
    frame = pd.DataFrame(rows, columns=list(CASCADE_COLUMNS))
    frame["cohorts"] = pd.Series([r["cohorts"] for r in rows], dtype=object)
    return frame


def publishable_cascade(instructors: pd.DataFrame, certified: pd.DataFrame | None,
                        entrepreneurs: pd.DataFrame, *, lang: str | None = None,
                        minimum: int = MIN_GROUP, labels: bool = True) -> pd.DataFrame:
    """:func:`cascade_table` as texts safe to publish: each level's counts through
    :func:`~mipyme.cohort.report.suppress_counts` as the report's inclusion tables (under
    ``minimum``: ``"< 5"``, a not-stated zero shown as ``"0"``; a count whose complement in
    the level is small: ``"*"``), and ``certified`` and ``teaching`` also as parts of
    ``trained`` (if the trained who are not certified, or not teaching, are a small group, a
    second cell is hidden so that group cannot be worked out by subtraction). A share is
    exact where its counts are shown, a lower bound ``"≥ x%"`` where only the not-stated
    count is hidden, ``"*"`` otherwise."""
    with language(lang or get_language()):
        table = _publishable(_numbers(instructors, certified, entrepreneurs), minimum)
        return _labelled(table) if labels else table


def _number(text: str) -> float | None:
    """The value of a published share (``"52.9%"``; a lower bound ``"≥ 50.0%"`` counts as its
    bound), None when it is not shown."""
    return float(text.lstrip("≥ ")[:-1]) if text.endswith("%") else None


def _cascade_chart(shown: pd.DataFrame) -> tuple[Figure, pd.DataFrame] | None:
    rows = [(r["level"], r["women_pct"], r["indigenous_pct"]) for _, r in shown.iterrows()
            if r["women_pct"].endswith("%") or r["indigenous_pct"].endswith("%")]
    if not rows:
        return None
    fig = Figure(figsize=(8, 3.2))
    ax = fig.add_subplot()
    names = [t(f"cohort.cascade.level.{level}") for level, _, _ in rows][::-1]
    ys = list(range(len(rows)))
    for offset, column, colour, hatch, label in (
            (0.2, 1, OKABE_ITO["orange"], "", "cohort.cascade.chart.women"),
            (-0.2, 2, OKABE_ITO["green"], "//", "cohort.cascade.chart.indigenous")):
        # A share that is not shown gets no bar (not a bar at zero).
        points = [(y + offset, _number(row[column]))
                  for y, row in zip(ys, rows[::-1], strict=True) if row[column].endswith("%")]
        ax.barh([p[0] for p in points], [p[1] for p in points], height=0.4, color=colour,
                edgecolor="black", linewidth=0.3, hatch=hatch, label=t(label))
    ax.set_yticks(list(ys))
    ax.set_yticklabels(names, fontsize=8)
    ax.set_xlim(0, 100)
    ax.set_xlabel(t("cohort.cascade.chart.axis"))
    ax.set_title(t("cohort.cascade.chart.title"))
    ax.legend(fontsize=8, loc="lower right")
    ax.spines[["top", "right"]].set_visible(False)

    def said(text: str) -> str:
        return text if text.endswith("%") else t("cohort.cascade.chart.not_shown")

    parts = [t("cohort.cascade.chart.part", level=t(f"cohort.cascade.level.{level}"),
               women=said(w), indigenous=said(i)) for level, w, i in rows]
    finish(fig, t("cohort.cascade.chart.alt", parts="; ".join(parts)))
    data = pd.DataFrame({t("cohort.cascade.col.level"): [t(f"cohort.cascade.level.{level}")
                                                         for level, _, _ in rows],
                         t("cohort.cascade.col.women_pct"): [w for _, w, _ in rows],
                         t("cohort.cascade.col.indigenous_pct"): [i for _, _, i in rows]})
    return fig, data


def cascade_section(instructors: pd.DataFrame, certified: pd.DataFrame | None,
                    entrepreneurs: pd.DataFrame, *, basis: str = "teachback",
                    lang: str | None = None, minimum: int = MIN_GROUP
                    ) -> tuple[str, str, pd.DataFrame]:
    """The report's cascade section: ``(title, html, table)``.

    ``basis`` says how ``certified`` was decided, for the text: ``"teachback"``
    (:func:`certification_from_teachback`) or ``"demo"`` (:func:`certification_from_demo`).
    ``html`` has an explanation of each level and of the certification rule, a chart of the
    share of women and indigenous people per level (PNG inside the page, with alt text; only
    shares that are shown) and the :func:`publishable_cascade` table with a caption;
    ``table`` is that table (readable column names in ``lang``).
    """
    if basis not in ("teachback", "demo"):
        raise InputError("errors.one_of", arg="basis", choices=("teachback", "demo"),
                         value=basis)
    with language(lang or get_language()):
        shown = _publishable(_numbers(instructors, certified, entrepreneurs), minimum)
        table = _labelled(shown)
        rule = t(f"cohort.cascade.basis.{basis}", share=f"{float(CERTIFY_SHARE) * 100:.0f}",
                 plans=1, points=CERTIFY_POINTS, out_of=CERTIFY_OUT_OF)
        chart = _cascade_chart(shown)
        body = "\n".join(p for p in (
            "<p>" + html.escape(t("cohort.cascade.intro")) + "</p>",
            "<p class=\"note\">" + html.escape(rule) + "</p>",
            "<p class=\"note\">" + html.escape(t("cohort.cascade.privacy", small=SMALL,
                                                 hidden=HIDDEN, n=minimum)) + "</p>",
            figure_html(*chart, t("cohort.cascade.chart.title")) if chart else "",
            table_html(table, t("cohort.cascade.caption"), text_columns=table.columns[:1]))
            if p)
        return t("cohort.cascade.title"), body, table


def report_sections(program: Program) -> list[tuple[str, str, pd.DataFrame]]:
    """The report's cascade section (called by :func:`mipyme.cohort.report.report_html`):
    instructors trained and certified by their graded teach-back plans, and, when the program
    folder has field checks (:data:`mipyme.cohort.gains.FIELD_CHECKS_FILES`), the groups
    they taught and the entrepreneurs reached."""
    from mipyme.cohort.gains import field_checks_file, field_participants, read_field_checks

    if not len(program.participants):
        return []
    certified = certification_from_teachback(teachback_grades(program))
    path = field_checks_file(program)
    entrepreneurs = (field_participants(read_field_checks(path)) if path is not None
                     else None)
    if entrepreneurs is None or not len(entrepreneurs):
        return [cascade_section(program.participants, certified,
                                _no_entrepreneurs(), basis="teachback")]
    return [cascade_section(program.participants, certified, entrepreneurs,
                            basis="teachback")]


def _no_entrepreneurs() -> pd.DataFrame:
    return pd.DataFrame(columns=["participant_id", "cohort", "instructor_id",
                                 "instructor_course", "gender", "indigenous"])
