"""One HTML report over many cohorts (``mipyme report``), and the tables behind it.

A program folder holds cohort course directories (each made by ``mipyme cohort init``:
``cohort.toml``, ``roster.csv`` and the gradebook). :func:`load_program` reads them all;
each table of the report is a function returning a DataFrame:

- :func:`completion_table`: the share of students who handed in each assignment, per cohort,
  university or for the whole program;
- :func:`score_table`: score distributions (as % of the assignment's points);
- :func:`difficulty_table`: for each autograded test cell, the share of students who lost
  points in it, hardest first, to guide instructors;
- :func:`goals_table`: progress towards the program's inclusion goals
  (``data/program_goals.csv``), as aggregates only. Any count of fewer than 5 people is shown
  as "< 5", and complementary suppression hides further cells so that no hidden count can
  be worked out by subtraction (from the row's participants or from the program total).

:func:`report_html` builds the page (one self-contained file: charts are PNG images inside
the page, base64, each with alternative text that states what it shows; styles are inline;
no scripts and no links to other sites) and :func:`build_report` writes it. Every text is in
Spanish or English (``lang``).

>>> from mipyme.cohort.report import suppress_counts
>>> table = suppress_counts({"A": {"participants": 12, "women": 4},
...                          "B": {"participants": 30, "women": 12},
...                          "C": {"participants": 20, "women": 9}},
...                         {"participants": 62, "women": 25})
>>> table["women"].tolist()
['< 5', '12', '*', '25']
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from mipyme.cohort.course import CohortInfo, gradebook_url, open_gradebook, read_cohort
from mipyme.cohort.roster import gender_group, indigenous_group, read_roster
from mipyme.errors import InputError
from mipyme.finance.charts import OKABE_ITO
from mipyme.i18n import catalog, get_language, language, t
from mipyme.tables import read_table

__all__ = [
    "GOAL_GROUPS",
    "MIN_GROUP",
    "Program",
    "build_report",
    "completion_table",
    "difficulty_table",
    "goals_table",
    "load_program",
    "publishable_completion",
    "publishable_scores",
    "read_goal_table",
    "read_goals",
    "report_html",
    "score_table",
    "suppress_counts",
]

#: Groups smaller than this are never shown as a number.
MIN_GROUP = 5
#: Shown in place of a count of fewer than :data:`MIN_GROUP` people.
SMALL = "< 5"
#: Shown in place of a count hidden so that a small one cannot be worked out.
HIDDEN = "*"

_PALETTE = [OKABE_ITO[k] for k in ("blue", "orange", "green", "vermillion", "purple",
                                   "sky_blue", "yellow", "black")]
_LEVELS = ("cohort", "university", "program")


@dataclass(frozen=True, slots=True)
class Program:
    """Every cohort of a program, read from their course directories.

    ``participants``: one row per student (course, university, cohort, gender and indigenous
    groups). ``results``: one row per student x assignment (submitted, score, max_score).
    ``items``: one row per student x autograded test cell (score, max_score).
    """

    root: Path
    cohorts: tuple[CohortInfo, ...]
    participants: pd.DataFrame
    results: pd.DataFrame
    items: pd.DataFrame


def _float(value: object) -> float:
    return float(value) if value is not None else 0.0


def load_program(program_dir: str | Path) -> Program:
    """Read every cohort course directory (a folder with ``cohort.toml``) under
    ``program_dir``.

    >>> load_program("/nonexistent")
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: '/nonexistent' no tiene cursos de cohortes (carpetas con cohort.toml)
    """
    root = Path(program_dir)
    folders = sorted(p.parent for p in root.glob("*/cohort.toml")) if root.is_dir() else []
    if (root / "cohort.toml").is_file():
        folders = [root]
    if not folders:
        raise InputError("cohort.report.no_cohorts", path=str(root))
    infos, people, results, items = [], [], [], []
    for folder in folders:
        info = read_cohort(folder)
        infos.append(info)
        roster = read_roster(folder / "roster.csv")
        by_id = {s.student_id: s for s in roster.students}
        for s in roster.students:
            people.append({"course_id": info.course_id, "student_id": s.student_id,
                           "university": s.university, "cohort": s.cohort,
                           "gender": gender_group(s.gender),
                           "indigenous": indigenous_group(s.indigenous)})
        with open_gradebook(gradebook_url(folder), info.course_id) as gb:
            for assignment in gb.assignments:
                subs = {s.student.id: s for s in gb.assignment_submissions(assignment.name)}
                for sid, student in by_id.items():
                    sub = subs.get(sid)
                    results.append({"course_id": info.course_id, "student_id": sid,
                                    "university": student.university,
                                    "cohort": student.cohort,
                                    "assignment": assignment.name,
                                    "submitted": sub is not None,
                                    "score": _float(sub.score) if sub else None,
                                    "max_score": _float(assignment.max_score)})
                    if sub is None:
                        continue
                    for notebook in sub.notebooks:
                        for grade in notebook.grades:
                            if grade.cell_type != "code":
                                continue  # written answers are graded by hand
                            score = grade.manual_score if grade.manual_score is not None \
                                else grade.auto_score
                            items.append({"course_id": info.course_id, "student_id": sid,
                                          "assignment": assignment.name,
                                          "notebook": notebook.name, "cell": grade.name,
                                          "score": _float(score),
                                          "max_score": _float(grade.max_score)})
    return Program(root, tuple(infos),
                   pd.DataFrame(people, columns=["course_id", "student_id", "university",
                                                 "cohort", "gender", "indigenous"]),
                   pd.DataFrame(results, columns=["course_id", "student_id", "university",
                                                  "cohort", "assignment", "submitted",
                                                  "score", "max_score"]),
                   pd.DataFrame(items, columns=["course_id", "student_id", "assignment",
                                                "notebook", "cell", "score", "max_score"]))


def _group_column(by: str) -> str:
    if by not in _LEVELS:
        raise InputError("errors.one_of", arg="by", choices=_LEVELS, value=by)
    return by


def _with_group(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    frame = frame.copy()
    if by == "program":
        frame["program"] = t("cohort.report.all_program")
    elif by == "cohort":
        frame["cohort"] = frame["university"] + " · " + frame["cohort"]
    return frame


def completion_table(program: Program, by: str = "cohort") -> pd.DataFrame:
    """Students, submissions and completion (% who handed in) per group and assignment.

    ``by`` is ``"cohort"`` (university · cohort), ``"university"`` or ``"program"``.
    """
    column = _group_column(by)
    frame = _with_group(program.results, by)
    out = frame.groupby([column, "assignment"], sort=True).agg(
        students=("student_id", "count"), submitted=("submitted", "sum")).reset_index()
    out["submitted"] = out["submitted"].astype(int)
    out["completion_pct"] = (100 * out["submitted"] / out["students"]).round(1)
    return out.rename(columns={column: "group"})


def score_table(program: Program, by: str = "cohort") -> pd.DataFrame:
    """Score distribution (% of points) of the submitted work, per group and assignment:
    count, mean, quartiles, minimum and maximum."""
    column = _group_column(by)
    frame = _with_group(program.results, by)
    frame = frame[frame["submitted"] & (frame["max_score"] > 0)].copy()
    frame["pct"] = 100 * frame["score"].astype(float) / frame["max_score"].astype(float)
    if frame.empty:
        return pd.DataFrame(columns=["group", "assignment", "submitted", "mean_pct", "min_pct",
                                     "q1_pct", "median_pct", "q3_pct", "max_pct"])
    grouped = frame.groupby([column, "assignment"], sort=True)["pct"]
    out = pd.DataFrame({
        "submitted": grouped.count(), "mean_pct": grouped.mean(), "min_pct": grouped.min(),
        "q1_pct": grouped.quantile(0.25), "median_pct": grouped.median(),
        "q3_pct": grouped.quantile(0.75), "max_pct": grouped.max()}).round(1).reset_index()
    return out.rename(columns={column: "group"})


def difficulty_table(program: Program) -> pd.DataFrame:
    """For each autograded test cell: students graded, how many lost points and the share
    (%) who did, hardest first."""
    items = program.items
    if items.empty:
        return pd.DataFrame(columns=["assignment", "cell", "students", "lost_points",
                                     "lost_pct", "mean_score", "max_score"])
    items = items.assign(lost=items["score"] < items["max_score"])
    out = items.groupby(["assignment", "cell"]).agg(
        students=("student_id", "count"), lost_points=("lost", "sum"),
        mean_score=("score", "mean"), max_score=("max_score", "max")).reset_index()
    out["lost_points"] = out["lost_points"].astype(int)
    out["lost_pct"] = (100 * out["lost_points"] / out["students"]).round(1)
    out["mean_score"] = out["mean_score"].round(2)
    out = out.sort_values(["lost_pct", "assignment", "cell"], ascending=[False, True, True])
    return out[["assignment", "cell", "students", "lost_points", "lost_pct", "mean_score",
                "max_score"]].reset_index(drop=True)


#: The groups :func:`goals_table` counts (a goal file may name only these).
GOAL_GROUPS: tuple[str, ...] = ("women", "indigenous")


def read_goal_table(path: str | Path | None = None) -> pd.DataFrame:
    """The program's inclusion goals with where each comes from: columns ``goal``, ``share``
    (a ``Decimal`` between 0 and 1), ``program``, ``source`` and ``as_of``
    (default: the kit's ``program_goals.csv``).

    >>> read_goal_table()[["goal", "share", "as_of"]].values.tolist()
    [['women', Decimal('0.35'), datetime.date(2026, 1, 1)], ['indigenous', Decimal('0.08'), datetime.date(2026, 1, 1)]]
    """
    frame = read_table(path or "program_goals", required=("goal", "share"),
                       decimals=("share",))
    for goal, share in zip(frame["goal"], frame["share"], strict=True):
        if goal not in GOAL_GROUPS:
            raise InputError("errors.one_of", arg="goal", choices=GOAL_GROUPS, value=goal)
        if share is None or not Decimal(0) <= share <= Decimal(1):
            raise InputError("errors.between", arg="share", low=0, high=1, value=share)
    if "program" not in frame.columns:
        frame["program"] = ""
    return frame[["goal", "share", "program", "source", "as_of"]]


def read_goals(path: str | Path | None = None) -> dict[str, Decimal]:
    """The program's inclusion goals: ``{group: share}`` (default: ``program_goals.csv``).

    >>> read_goals()
    {'women': Decimal('0.35'), 'indigenous': Decimal('0.08')}
    """
    frame = read_goal_table(path)
    return dict(zip(frame["goal"], frame["share"], strict=True))


def _goal_frame(goals: Mapping[str, Decimal] | pd.DataFrame | str | Path | None
                ) -> pd.DataFrame:
    if goals is None or isinstance(goals, (str, Path)):
        return read_goal_table(goals)
    if isinstance(goals, pd.DataFrame):
        return goals
    return pd.DataFrame([{"goal": g, "share": Decimal(str(v)), "program": "", "source": "",
                          "as_of": ""} for g, v in goals.items()])


def _goal_sources_html(frame: pd.DataFrame) -> str:
    rows = pd.DataFrame({
        "goal": [t(f"cohort.report.group.{g}") for g in frame["goal"]],
        "share": [f"≥ {100 * Decimal(v):.0f}%" for v in frame["share"]],
        "program": frame["program"], "source": frame["source"],
        "as_of": [str(v) for v in frame["as_of"]]})
    return _table_html(rows, t("cohort.report.caption.goal_sources"))


def suppress_counts(rows: Mapping[str, Mapping[str, int]], total: Mapping[str, int], *,
                    base: str = "participants", minimum: int = MIN_GROUP) -> pd.DataFrame:
    """Counts of people per group as texts safe to publish, with the total row last.

    Rules, in order:

    1. a row whose ``base`` (participants) is under ``minimum`` shows ``"< 5"`` everywhere;
    2. a count under ``minimum`` shows ``"< 5"``; a count whose complement in its row
       (``base - count``) is under ``minimum`` and above zero is hidden (``"*"``), since
       it would give the small complement away;
    3. complementary suppression: in each column the rows add up to the total, so if exactly
       one of them (total included) is hidden, the smallest other one is hidden too (the
       total when there is no other row).

    >>> suppress_counts({"A": {"participants": 4, "women": 2},
    ...                  "B": {"participants": 40, "women": 20}},
    ...                 {"participants": 44, "women": 22})["participants"].tolist()
    ['< 5', '*', '44']
    """
    names = list(rows)
    columns = list(total)
    value = {name: dict(rows[name]) for name in names}
    value["__total__"] = dict(total)
    order = [*names, "__total__"]
    shown: dict[str, dict[str, str]] = {n: {} for n in order}
    for name in order:
        size = value[name].get(base, 0)
        for column in columns:
            count = value[name][column]
            if size < minimum or count < minimum:
                shown[name][column] = SMALL
            elif column != base and 0 < size - count < minimum:
                shown[name][column] = HIDDEN
            else:
                shown[name][column] = str(count)
    for column in columns:
        while True:
            hidden = [n for n in order if shown[n][column] in (SMALL, HIDDEN)]
            if len(hidden) != 1:
                break
            others = [n for n in names if n not in hidden]
            pick = min(others, key=lambda n: (value[n][column], n)) if others else "__total__"
            shown[pick][column] = HIDDEN
    frame = pd.DataFrame([[shown[n][c] for c in columns] for n in order], columns=columns)
    frame.insert(0, "group", [*names, t("cohort.report.all_program")])
    return frame


def _share_text(count: str, base: str) -> str:
    if not count.isdigit() or not base.isdigit() or int(base) == 0:
        return HIDDEN if count in (SMALL, HIDDEN) or base in (SMALL, HIDDEN) else ""
    return f"{100 * Decimal(count) / Decimal(base):.1f}%"


def goals_table(program: Program, goals: Mapping[str, Decimal] | None = None, *,
                minimum: int = MIN_GROUP) -> pd.DataFrame:
    """Participants, women and people from indigenous communities per university and for the
    whole program, as publishable texts (see :func:`suppress_counts`), with each share and
    whether the goal is met (only where the counts are shown).

    Columns: ``group, participants, women, women_pct, women_goal_met, indigenous,
    indigenous_pct, indigenous_goal_met``.
    """
    goals = dict(goals) if goals is not None else read_goals()
    people = program.participants
    groups = {"women": people["gender"] == "woman", "indigenous": people["indigenous"] == "yes"}

    def counts(mask: pd.Series) -> dict[str, int]:
        return {"participants": int(mask.sum()),
                **{g: int((mask & m).sum()) for g, m in groups.items()}}

    everyone = pd.Series(True, index=people.index)
    rows = {u: counts(people["university"] == u) for u in sorted(people["university"].unique())}
    table = suppress_counts(rows, counts(everyone), minimum=minimum)
    for group in groups:
        share = [_share_text(c, b) for c, b in zip(table[group], table["participants"],
                                                  strict=True)]
        goal = goals.get(group)
        met = []
        for text in share:
            if not text.endswith("%") or goal is None:
                met.append("")
            else:
                ok = Decimal(text[:-1]) >= 100 * goal
                met.append(t("cohort.report.yes") if ok else t("cohort.report.no"))
        position = table.columns.get_loc(group) + 1
        table.insert(position, f"{group}_pct", share)
        table.insert(position + 1, f"{group}_goal_met", met)
    return table


# -- charts ---------------------------------------------------------------------------------

def _finish(fig: Figure, alt: str) -> Figure:
    fig.alt_text = alt
    fig.set_label(alt)
    fig.tight_layout()
    return fig


def _completion_chart(table: pd.DataFrame) -> Figure | None:
    table = table[table["students"] >= MIN_GROUP]
    if table.empty:
        return None
    wide = table.pivot(index="assignment", columns="group", values="completion_pct")
    fig = Figure(figsize=(9, 4))
    ax = fig.add_subplot()
    width = 0.8 / max(1, len(wide.columns))
    for i, group in enumerate(wide.columns):
        xs = [x + i * width for x in range(len(wide.index))]
        ax.bar(xs, wide[group].fillna(0), width=width, label=str(group),
               color=_PALETTE[i % len(_PALETTE)], edgecolor="black", linewidth=0.3,
               hatch=["", "//", "..", "xx", "\\\\", "++", "--", "oo"][i % 8])
    ax.set_xticks([x + 0.4 - width / 2 for x in range(len(wide.index))])
    ax.set_xticklabels([a.split("_")[0] for a in wide.index], rotation=0, fontsize=8)
    ax.set_ylim(0, 100)
    ax.set_ylabel(t("cohort.report.chart.completion_axis"))
    ax.set_title(t("cohort.report.chart.completion_title"))
    ax.legend(fontsize=8, loc="lower left")
    ax.spines[["top", "right"]].set_visible(False)
    low = table.sort_values("completion_pct").iloc[0]
    alt = t("cohort.report.chart.completion_alt", groups=len(wide.columns),
            assignments=len(wide.index), low_group=low["group"],
            low_assignment=low["assignment"], low=f"{low['completion_pct']:.0f}")
    return _finish(fig, alt)


def _score_chart(program: Program, by: str) -> Figure | None:
    frame = _with_group(program.results, by)
    frame = frame[frame["submitted"] & (frame["max_score"] > 0)].copy()
    if frame.empty:
        return None
    frame["pct"] = 100 * frame["score"].astype(float) / frame["max_score"].astype(float)
    key = "assignment" if by == "program" else by
    # A box of fewer than MIN_GROUP scores would show people's own scores: left out.
    labels = [k for k in sorted(frame[key].unique())
              if (frame[key] == k).sum() >= MIN_GROUP]
    if not labels:
        return None
    data = [frame.loc[frame[key] == k, "pct"].tolist() for k in labels]
    frame = frame[frame[key].isin(labels)]
    fig = Figure(figsize=(9, 4))
    ax = fig.add_subplot()
    box = ax.boxplot(data, patch_artist=True, medianprops={"color": OKABE_ITO["black"]})
    for patch in box["boxes"]:
        patch.set_facecolor(OKABE_ITO["sky_blue"])
    ax.set_xticks(range(1, len(labels) + 1))
    short = [k.split("_")[0] for k in labels] if key == "assignment" else labels
    ax.set_xticklabels(short, fontsize=8, rotation=0 if len(labels) < 8 else 45)
    ax.set_ylim(-2, 102)
    ax.set_ylabel(t("cohort.report.chart.score_axis"))
    ax.set_title(t(f"cohort.report.chart.score_title_{by}"))
    ax.spines[["top", "right"]].set_visible(False)
    medians = {k: float(pd.Series(d).median()) for k, d in zip(labels, data, strict=True)}
    low = min(medians, key=lambda k: medians[k])
    alt = t("cohort.report.chart.score_alt", groups=len(labels), low_group=low,
            low=f"{medians[low]:.0f}", overall=f"{frame['pct'].median():.0f}")
    return _finish(fig, alt)


def _difficulty_chart(table: pd.DataFrame, top: int = 12) -> Figure | None:
    if table.empty:
        return None
    head = table.head(top).iloc[::-1]
    fig = Figure(figsize=(9, max(3, 0.35 * len(head) + 1)))
    ax = fig.add_subplot()
    labels = [f"{a.split('_')[0]} · {c}" for a, c in zip(head["assignment"], head["cell"],
                                                         strict=True)]
    ax.barh(labels, head["lost_pct"], color=OKABE_ITO["vermillion"])
    ax.set_xlim(0, 100)
    ax.set_xlabel(t("cohort.report.chart.difficulty_axis"))
    ax.set_title(t("cohort.report.chart.difficulty_title"))
    ax.tick_params(axis="y", labelsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    first = table.iloc[0]
    alt = t("cohort.report.chart.difficulty_alt", count=len(head), cell=first["cell"],
            assignment=first["assignment"], pct=f"{first['lost_pct']:.0f}")
    return _finish(fig, alt)


def _goals_chart(table: pd.DataFrame, goals: Mapping[str, Decimal]) -> Figure | None:
    total = table.iloc[-1]
    bars = [(g, float(total[f"{g}_pct"][:-1])) for g in ("women", "indigenous")
            if str(total[f"{g}_pct"]).endswith("%") and g in goals]
    if not bars:
        return None
    fig = Figure(figsize=(7, 2.8))
    ax = fig.add_subplot()
    names = [t(f"cohort.report.group.{g}") for g, _ in bars]
    ax.barh(names, [v for _, v in bars], color=OKABE_ITO["blue"],
            label=t("cohort.report.chart.goals_share"))
    for i, (g, _) in enumerate(bars):
        goal = 100 * float(goals[g])
        ax.plot([goal, goal], [i - 0.4, i + 0.4], color=OKABE_ITO["orange"], linewidth=3,
                label=t("cohort.report.chart.goals_goal") if i == 0 else None)
    ax.set_xlim(0, 100)
    ax.set_xlabel(t("cohort.report.chart.goals_axis"))
    ax.set_title(t("cohort.report.chart.goals_title"))
    ax.legend(fontsize=8, loc="lower right")
    ax.spines[["top", "right"]].set_visible(False)
    parts = [t("cohort.report.chart.goals_part", group=n, share=f"{v:.1f}",
               goal=f"{100 * float(goals[g]):.0f}") for n, (g, v) in zip(names, bars,
                                                                         strict=True)]
    return _finish(fig, t("cohort.report.chart.goals_alt", parts="; ".join(parts)))


def _image(fig: Figure | None) -> str:
    """A chart as an ``<img>`` with its PNG inside the page (base64) and its alt text."""
    if fig is None:
        return ""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=96, metadata={"Software": None})
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    alt = html.escape(fig.alt_text, quote=True)
    return (f'<figure><img src="data:image/png;base64,{data}" alt="{alt}">'
            f"<figcaption>{html.escape(fig.alt_text)}</figcaption></figure>")


# -- the page -------------------------------------------------------------------------------

_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;
max-width:70rem;padding:0 1rem;color:#111;line-height:1.45}
h1{font-size:1.7rem}h2{margin-top:2.2rem;border-bottom:2px solid #0072B2}
table{border-collapse:collapse;margin:0.8rem 0;font-size:0.85rem;display:block;overflow-x:auto}
th,td{border:1px solid #bbb;padding:0.25rem 0.5rem;text-align:right}
th{background:#e8f1f8}td:first-child,th:first-child{text-align:left}
figure{margin:1rem 0}figure img{max-width:100%;height:auto}
figcaption,.note{font-size:0.85rem;color:#333}
"""


def _header(column: str) -> str:
    key = f"cohort.report.col.{column}"
    return t(key) if key in catalog() else str(column)


def _table_html(frame: pd.DataFrame, caption: str) -> str:
    headers = [_header(c) for c in frame.columns]
    head = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in headers)
    body = []
    for row in frame.itertuples(index=False):
        cells = []
        for value in row:
            text = "" if value is None or (isinstance(value, float) and value != value) \
                else (f"{value:.1f}" if isinstance(value, float) else str(value))
            cells.append(f"<td>{html.escape(text)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (f"<table><caption>{html.escape(caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>")


def publishable_completion(table: pd.DataFrame, *, minimum: int = MIN_GROUP) -> pd.DataFrame:
    """A :func:`completion_table` as the report shows it: one row per group, one column per
    assignment, the share who handed in as text, and ``"< 5"`` for a group of fewer than
    ``minimum`` students (its share would tell what few people did).

    >>> table = pd.DataFrame({"group": ["A", "B"], "assignment": ["ch01", "ch01"],
    ...                       "students": [12, 3], "submitted": [9, 1],
    ...                       "completion_pct": [75.0, 33.3]})
    >>> publishable_completion(table).values.tolist()
    [['A', '75%'], ['B', '< 5']]
    """
    if table.empty:
        return pd.DataFrame(columns=["group"])
    shown = table.assign(text=[
        SMALL if n < minimum else f"{v:.0f}%"
        for n, v in zip(table["students"], table["completion_pct"], strict=True)])
    wide = shown.pivot(index="group", columns="assignment", values="text").fillna("")
    wide.columns.name = None
    return wide.reset_index()


def publishable_scores(table: pd.DataFrame, *, minimum: int = MIN_GROUP) -> pd.DataFrame:
    """A :func:`score_table` as the report shows it: the statistics of a group with fewer than
    ``minimum`` hand-ins become ``"< 5"``, and the count of hand-ins is left out (with the
    completion share it would give the group's size away).

    >>> table = pd.DataFrame({"group": ["A", "B"], "assignment": ["ch01", "ch01"],
    ...     "submitted": [9, 2], "mean_pct": [80.0, 50.0], "median_pct": [82.5, 50.0]})
    >>> publishable_scores(table).values.tolist()
    [['A', 'ch01', '80.0', '82.5'], ['B', 'ch01', '< 5', '< 5']]
    """
    stats = [c for c in table.columns if c not in ("group", "assignment", "submitted")]
    out = table[["group", "assignment"]].copy()
    for column in stats:
        out[column] = [SMALL if n < minimum else f"{v:.1f}"
                       for n, v in zip(table["submitted"], table[column], strict=True)]
    return out


def report_html(program: Program, *, lang: str | None = None,
                goals: Mapping[str, Decimal] | pd.DataFrame | str | Path | None = None,
                today: dt.date | None = None) -> str:
    """The report as one self-contained HTML page, in ``lang`` (default: the language in
    use).

    ``goals``: ``{group: share}``, a table like :func:`read_goal_table`'s, or the path of a
    goals CSV (default: the kit's ``program_goals.csv``); with a table or a file the page
    names each goal's source and date.
    """
    with language(lang or get_language()) as current:
        goal_frame = _goal_frame(goals)
        goals = dict(zip(goal_frame["goal"], goal_frame["share"], strict=True))
        by_uni = completion_table(program, "university")
        by_cohort = completion_table(program, "cohort")
        difficulty = difficulty_table(program)
        goal_table = goals_table(program, goals)
        scores_uni = score_table(program, "university")
        universities = sorted(program.participants["university"].unique())
        parts = [
            "<!DOCTYPE html>",
            f'<html lang="{current}"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{html.escape(t('cohort.report.title'))}</title>",
            f"<style>{_STYLE}</style></head><body><main>",
            f"<h1>{html.escape(t('cohort.report.title'))}</h1>",
            "<p>" + html.escape(t("cohort.report.intro", cohorts=len(program.cohorts),
                                  universities=len(universities),
                                  date=(today or dt.date.today()).isoformat())) + "</p>",
            f"<h2>{html.escape(t('cohort.report.h.goals'))}</h2>",
            "<p class=\"note\">" + html.escape(t("cohort.report.privacy", small=SMALL,
                                                 hidden=HIDDEN, n=MIN_GROUP)) + "</p>",
            _table_html(goal_table, t("cohort.report.caption.goals",
                                      women=f"{100 * goals.get('women', 0):.0f}",
                                      indigenous=f"{100 * goals.get('indigenous', 0):.0f}")),
            _image(_goals_chart(goal_table, goals)),
            _goal_sources_html(goal_frame),
            f"<h2>{html.escape(t('cohort.report.h.completion'))}</h2>",
            _image(_completion_chart(by_uni)),
            _table_html(publishable_completion(by_uni),
                        t("cohort.report.caption.completion_uni")),
            _table_html(publishable_completion(by_cohort),
                        t("cohort.report.caption.completion_cohort")),
            f"<h2>{html.escape(t('cohort.report.h.scores'))}</h2>",
            _image(_score_chart(program, "program")),
            _image(_score_chart(program, "university")),
            _image(_score_chart(program, "cohort")),
            _table_html(publishable_scores(scores_uni), t("cohort.report.caption.scores")),
            _table_html(publishable_scores(score_table(program, "cohort")),
                        t("cohort.report.caption.scores_cohort")),
            f"<h2>{html.escape(t('cohort.report.h.difficulty'))}</h2>",
            "<p>" + html.escape(t("cohort.report.difficulty_intro")) + "</p>",
            _image(_difficulty_chart(difficulty)),
            _table_html(difficulty, t("cohort.report.caption.difficulty")),
            "</main></body></html>",
        ]
        return "\n".join(p for p in parts if p)


def build_report(program_dir: str | Path, out: str | Path | None = None, *,
                 lang: str | None = None, goals: str | Path | Mapping | None = None,
                 today: dt.date | None = None) -> Path:
    """Write the program report (default: ``PROGRAM_DIR/report.html``); returns its path.

    ``goals`` is a mapping ``{group: share}`` or a CSV like ``program_goals.csv`` (see
    :func:`report_html`).

    >>> build_report("/nonexistent", lang="en")
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: '/nonexistent' has no cohort courses (folders with cohort.toml)
    """
    with language(lang or get_language()):
        program = load_program(program_dir)
        page = report_html(program, goals=goals, today=today)
    target = Path(out) if out else Path(program_dir) / "report.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page, encoding="utf-8")
    return target

