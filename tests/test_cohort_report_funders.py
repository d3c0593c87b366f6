"""The program report a program can show its funders, over a real graded program.

Nothing is mocked. Four cohorts at three universities (BUAP has two), each a course made by
``mipyme cohort init`` with two assignments (ch01 and ch02) in its gradebook, released with
``nbgrader generate_assignment``, handed in (the solution, typical mistakes, the blank
release; some with written answers, some without) and graded with ``nbgrader autograde``;
an instructor grades some written answers by hand, others stay pending. The report is read
as of 2026-10-01:

============  =========  ==================================  ===============================
cohort        people     schedule                            ch01 hand-ins (* = wrote)
============  =========  ==================================  ===============================
BUAP 2026A    6          ch01 09-15, ch02 10-06 (not due)    sol*, sol*, prom*, mezcla*, blank
                                                             (+ an early ch02 hand-in)
BUAP 2026B    5          ch01 09-15, ch02 09-29              sol*, prom*, mezcla*, blank, sol*
                                                             (+ ch02: sol*, blank)
UDLAP 2026A   7          none: ch01 released, ch02 not       sol, mezcla*, prom
UPAEP 2026A   3          ch01 09-20, ch02 11-03              sol
============  =========  ==================================  ===============================

Hand grades (written_separate, teachback): BUAP 2026A: sol 2+4, prom 1+2 (the other sol
and mezcla pending); BUAP 2026B: sol 2+4, prom 1+2, mezcla 2+3, sol 1+1 (all of them).
Autograded points of ch01 (5): solution 5, prom 2, mezcla 4, blank 0; a hand-in that left
the written answers as released is scored 0 there by nbgrader itself: final. Every figure
checked below is worked out by hand from this table.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from browser_support import CHROMIUM, CHROMIUM_ARGS
from cohort_support import axe_script, nbgrader, write_roster_csv
from exercise_support import mistakes
from mipyme.cli import main
from mipyme.cohort.course import gradebook_url, init_course, open_gradebook, read_cohort
from mipyme.cohort.report import (
    HIDDEN,
    SMALL,
    Section,
    build_report,
    completion_table,
    difficulty_table,
    goals_table,
    grading_status_table,
    load_program,
    read_goal_table,
    report_html,
    score_table,
)
from mipyme.curriculum import find_root
from mipyme.errors import InputError
from mipyme.grading.roundtrip import fill, solutions
from mipyme.i18n import t

CH01, CH02 = "ch01_fundamentos", "ch02_catalogo_canales"
AS_OF = dt.date(2026, 10, 1)
WRITTEN = {"written_separate": "Separo el dinero de la casa y el del negocio: dos cajas.",
           "teachback": "Plan de 10 minutos con la libreta de doña Rosa y un ejercicio."}
HEADER = ("id_estudiante", "nombre", "apellidos", "correo", "universidad", "cohorte", "genero",
          "indigena")


@dataclass(frozen=True)
class Cohort:
    folder: str
    university: str
    cohort: str
    people: tuple[tuple[str, str], ...]  #: (gender, indigenous) as the roster says
    schedule: str  #: "csv": --schedule file through the CLI; "due": --due; "": none
    due: tuple[tuple[str, str], ...]
    #: (student, assignment, code answers, wrote the written answers)
    handed_in: tuple[tuple[int, str, str, bool], ...]
    #: (student, {cell: points}) given by hand
    by_hand: tuple[tuple[int, dict[str, float]], ...] = ()

    def sid(self, index: int) -> str:
        return f"{self.folder}-{index + 1:02d}"


PROGRAM = (
    Cohort("buap-a", "BUAP", "2026A",
           (("Mujer", "Sí"), ("Mujer", "Sí"), ("Mujer", "No"), ("Hombre", "No"),
            ("Hombre", "No"), ("Prefiero no decir", "")),
           "csv", (("ch01", "2026-09-15"), (CH02, "2026-10-06")),
           ((0, CH01, "solution", True), (1, CH01, "solution", True),
            (2, CH01, "sueldo_promedio", True), (3, CH01, "sueldo_como_mezcla", True),
            (4, CH01, "blank", False), (0, CH02, "solution", False)),
           ((0, {"written_separate": 2, "teachback": 4}),
            (2, {"written_separate": 1, "teachback": 2}))),
    Cohort("buap-b", "BUAP", "2026B",
           (("Mujer", "No"), ("Mujer", "No"), ("Hombre", "No"), ("Hombre", "No"),
            ("Hombre", "No")),
           "due", (("ch01", "2026-09-15"), ("ch02", "2026-09-29")),
           ((0, CH01, "solution", True), (1, CH01, "sueldo_promedio", True),
            (2, CH01, "sueldo_como_mezcla", True), (3, CH01, "blank", False),
            (4, CH01, "solution", True), (0, CH02, "solution", True),
            (1, CH02, "blank", False)),
           ((0, {"written_separate": 2, "teachback": 4}),
            (1, {"written_separate": 1, "teachback": 2}),
            (2, {"written_separate": 2, "teachback": 3}),
            (4, {"written_separate": 1, "teachback": 1}))),
    Cohort("udlap-a", "UDLAP", "2026A",
           (("Mujer", "Sí"), ("Mujer", "No"), ("Mujer", "No"), ("Mujer", "No"),
            ("Hombre", "No"), ("Hombre", "No"), ("Hombre", "No")),
           "", (),
           ((0, CH01, "solution", False), (1, CH01, "sueldo_como_mezcla", True),
            (2, CH01, "sueldo_promedio", False))),
    Cohort("upaep-a", "UPAEP", "2026A",
           (("Mujer", "Sí"), ("Hombre", "No"), ("Mujer", "No")),
           "due", (("ch01", "2026-09-20"), ("ch02", "2026-11-03")),
           ((0, CH01, "solution", False),)),
)


def _roster(base: Path, spec: Cohort) -> Path:
    rows = [list(HEADER)]
    for i, (gender, indigenous) in enumerate(spec.people):
        sid = spec.sid(i)
        rows.append([sid, f"Nombre{i}", f"Apellido{i}", f"{sid}@{spec.university.lower()}.mx",
                     spec.university, spec.cohort, gender, indigenous])
    return write_roster_csv(base / "rosters" / f"{spec.folder}.csv", rows)


def _work(release, source, assignment: str, code: str, wrote: bool):
    answers = {}
    if code != "blank":
        answers = dict(solutions(source))
        if code != "solution":
            answers.update(mistakes(assignment)[code]["answers"])
    work = fill(release, answers, assignment)
    if wrote:
        for cell in work.cells:
            grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
            if cell.cell_type == "markdown" and grade_id in (*WRITTEN, "written_channel"):
                cell.source = WRITTEN.get(grade_id, WRITTEN["written_separate"])
    return work


def _build(program: Path, spec: Cohort) -> None:
    roster = _roster(program.parent, spec)
    course = program / spec.folder
    course_id = spec.folder
    if spec.schedule == "csv":  # through the command line, as a coordinator does
        schedule = program.parent / f"{spec.folder}-calendario.csv"
        schedule.write_text("# calendario de la cohorte\nassignment,due\n" + "".join(
            f"{a},{d}\n" for a, d in spec.due), encoding="utf-8")
        assert main(["cohort", "init", str(course), "--roster", str(roster), "--course-id",
                     course_id, "--assignment", CH01, "--assignment", CH02,
                     "--schedule", str(schedule)]) == 0
    else:
        init_course(course, roster, course_id, assignments=[CH01, CH02],
                    due=[f"{a}={d}" for a, d in spec.due])
    assignments = sorted({a for _, a, _, _ in spec.handed_in})
    for assignment in assignments:
        nbgrader(course, "generate_assignment", assignment, "--force")
        name = f"{assignment}.ipynb"
        source = nbformat.read(course / "source" / assignment / name, as_version=4)
        release = nbformat.read(course / "release" / assignment / name, as_version=4)
        for index, done, code, wrote in spec.handed_in:
            if done != assignment:
                continue
            target = course / "submitted" / spec.sid(index) / assignment / name
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(_work(release, source, assignment, code, wrote), target)
        nbgrader(course, "autograde", assignment, "--force")
    with open_gradebook(gradebook_url(course)) as gb:
        for index, points in spec.by_hand:
            for cell, value in points.items():
                grade = gb.find_grade(cell, CH01, CH01, spec.sid(index))
                grade.manual_score = float(value)
                # the formgrader clears the flag; a score set straight in the database
                # (the last one of BUAP 2026B) leaves it up: both are graded
                if not (spec.folder == "buap-b" and index == 4):
                    grade.needs_manual_grade = False
        gb.db.commit()


@pytest.fixture(scope="module")
def funders(tmp_path_factory) -> Path:
    """The graded program folder (tests must not change it)."""
    program = tmp_path_factory.mktemp("funders") / "program"
    program.mkdir()
    # nbgrader runs ``alembic`` when it opens a gradebook: with this Python's scripts on PATH
    # from the start, no thread changes PATH under another one
    before = os.environ.get("PATH", "")
    os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + before
    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            list(pool.map(lambda spec: _build(program, spec), PROGRAM))
    finally:
        os.environ["PATH"] = before
    return program


@pytest.fixture(scope="module")
def goals_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("goals") / "metas.csv"
    path.write_text("goal,share,program,source,as_of\n"
                    "women,0.50,Programa piloto,Reglas de operación 2026 del Programa piloto"
                    " (sección 4.2),2026-02-01\n"
                    "indigenous,0.10,Programa piloto,Reglas de operación 2026 del Programa"
                    " piloto (sección 4.3),2026-02-01\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def pages(funders, goals_file, tmp_path_factory) -> dict[str, Path]:
    """The report in both languages; the Spanish one through ``mipyme report --pdf``."""
    out = tmp_path_factory.mktemp("funders-report")
    es = out / "informe.html"
    assert main(["report", str(funders), "--out", str(es), "--lang", "es", "--as-of",
                 AS_OF.isoformat(), "--goals", str(goals_file), "--pdf"]) == 0
    en = build_report(funders, out / "report.html", lang="en", as_of=AS_OF, goals=goals_file)
    return {"es": es, "en": en}


class _Page(HTMLParser):
    """Tables (caption -> rows of cell texts), figures, visible text and headings."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.figures: list[dict] = []
        self.headings: list[str] = []
        self.text: list[str] = []
        self._caption: str | None = None
        self._rows: list[list[str]] | None = None
        self._cell: list[str] | None = None
        self._in_caption = self._in_heading = False
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("style", "title"):
            self._skip += 1
        if tag == "figure":
            self.figures.append({"img": None, "tables": 0})
        elif tag == "img" and self.figures:
            self.figures[-1]["img"] = attrs.get("alt")
        elif tag == "table":
            if self.figures and self.figures[-1].get("open", True):
                self.figures[-1]["tables"] += 1
            self._rows, self._caption = [], ""
        elif tag == "caption":
            self._in_caption = True
        elif tag == "tr" and self._rows is not None:
            self._rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag in ("h1", "h2", "h3"):
            self._in_heading = True
            self.headings.append("")

    def handle_endtag(self, tag):
        if tag in ("style", "title"):
            self._skip -= 1
        if tag == "figure" and self.figures:
            self.figures[-1]["open"] = False
        elif tag == "caption":
            self._in_caption = False
        elif tag in ("td", "th") and self._cell is not None and self._rows:
            self._rows[-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table" and self._rows is not None:
            self.tables[self._caption or ""] = self._rows
            self._rows = None
        elif tag in ("h1", "h2", "h3"):
            self._in_heading = False

    def handle_data(self, data):
        if self._skip:
            return
        self.text.append(data)
        if self._in_caption:
            self._caption = (self._caption or "") + data
        elif self._cell is not None:
            self._cell.append(data)
        if self._in_heading:
            self.headings[-1] += data


def _parse(path_or_text: Path | str) -> _Page:
    page = _Page()
    page.feed(path_or_text.read_text(encoding="utf-8") if isinstance(path_or_text, Path)
              else path_or_text)
    return page


def _rows(page: _Page, caption: str) -> dict[str, list[str]]:
    """A table as {first cell: whole row}, header included under its first cell."""
    matches = [c for c in page.tables if c.startswith(caption)]
    assert len(matches) == 1, (caption, list(page.tables))
    return {r[0]: r for r in page.tables[matches[0]]}


def _column(rows: dict[str, list[str]], header_key: str, name: str) -> int:
    header = next(iter(rows.values()))
    return header.index(name) if header_key == "" else header.index(t(header_key))


def _label(assignment: str, lang: str, short: bool = False) -> str:
    n = int(assignment[2:4])
    if short:
        return t("cohort.report.chapter_short", lang=lang, n=n)
    titles = {"ch01": ("Fundamentos del negocio digital para mipymes",
                       "Foundations of digital business for micro-businesses"),
              "ch02": ("Catálogo y canales de venta", "Catalog and sales channels")}
    title = titles[assignment[:4]][lang == "en"]
    return t("cohort.report.chapter_label", lang=lang, n=n, title=title)


# -- what is due ----------------------------------------------------------------------------

def test_cohort_init_writes_the_schedule_and_the_report_counts_only_what_is_due(funders):
    assert dict(read_cohort(funders / "buap-a").schedule) == {
        CH01: dt.date(2026, 9, 15), CH02: dt.date(2026, 10, 6)}
    assert "[schedule]" in (funders / "buap-a" / "cohort.toml").read_text(encoding="utf-8")
    assert dict(read_cohort(funders / "buap-b").schedule)[CH02] == dt.date(2026, 9, 29)
    assert read_cohort(funders / "udlap-a").schedule == ()
    program = load_program(funders, as_of=AS_OF)
    counted = {(r.course_id, r.assignment): (r.counted, r.basis)
               for r in program.assignments.itertuples()}
    assert counted == {
        ("buap-a", CH01): (True, "schedule"), ("buap-a", CH02): (False, "schedule"),
        ("buap-b", CH01): (True, "schedule"), ("buap-b", CH02): (True, "schedule"),
        # no schedule: ch01 was released (generate_assignment), ch02 only listed
        ("udlap-a", CH01): (True, "released"), ("udlap-a", CH02): (False, "released"),
        ("upaep-a", CH01): (True, "schedule"), ("upaep-a", CH02): (False, "schedule")}
    table = completion_table(program, "cohort")
    got = {(r.group, r.assignment): (r.students, r.submitted)
           for r in table.itertuples()}
    assert got == {("BUAP · 2026A", CH01): (6, 5),  # the early ch02 hand-in is not counted
                   ("BUAP · 2026B", CH01): (5, 5), ("BUAP · 2026B", CH02): (5, 2),
                   ("UDLAP · 2026A", CH01): (7, 3), ("UPAEP · 2026A", CH01): (3, 1)}
    # a day earlier BUAP 2026B's ch02 was not due; in November everything is
    before = completion_table(load_program(funders, as_of=dt.date(2026, 9, 28)), "cohort")
    assert CH02 not in set(before["assignment"])
    later = completion_table(load_program(funders, as_of=dt.date(2026, 11, 3)), "cohort")
    assert len(later) == 7  # UDLAP's ch02 never counts: it was never released


@pytest.mark.parametrize("lang", ["es", "en"])
def test_completion_per_cohort_and_per_university_as_worked_out_by_hand(pages, lang):
    page = _parse(pages[lang])
    with_lang = {"lang": lang}
    cohort = _rows(page, t("cohort.report.caption.completion_cohort", **with_lang))
    header = cohort[t("cohort.report.col.assignment", **with_lang)]
    assert header[1:] == ["BUAP · 2026A", "BUAP · 2026B", "UDLAP · 2026A", "UPAEP · 2026A"]
    assert cohort[_label(CH01, lang)][1:] == ["83%", "100%", "43%", SMALL]
    assert cohort[_label(CH02, lang)][1:] == ["—", "40%", "—", "—"]
    assert cohort[t("cohort.report.all_due", **with_lang)][1:] == ["83%", "70%", "43%", SMALL]
    uni = _rows(page, t("cohort.report.caption.completion_uni", **with_lang))
    assert uni[t("cohort.report.col.assignment", **with_lang)][1:] == ["BUAP", "UDLAP",
                                                                        "UPAEP"]
    assert uni[_label(CH01, lang)][1:] == ["91%", "43%", SMALL]  # BUAP 10 of 11
    assert uni[_label(CH02, lang)][1:] == ["40%", "—", "—"]  # due at BUAP 2026B only
    assert uni[t("cohort.report.all_due", **with_lang)][1:] == ["75%", "43%", SMALL]
    schedule = _rows(page, t("cohort.report.caption.schedule", **with_lang))
    assert schedule["BUAP · 2026A"][1:] == [t("cohort.report.basis.schedule", **with_lang),
                                            "1", "2026-10-06"]
    assert schedule["UDLAP · 2026A"][1:] == [t("cohort.report.basis.released", **with_lang),
                                             "1", "—"]
    assert schedule["UPAEP · 2026A"][2:] == ["1", "2026-11-03"]
    text = pages[lang].read_text(encoding="utf-8")
    facts = dict(re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", text))
    # 26 hand-ins due (6 + 10 + 7 + 3), 16 received; 12 of them final
    assert facts[t("cohort.report.fact.completion", **with_lang)] == "62%"
    assert facts[t("cohort.report.fact.final", **with_lang)] == "75%"
    assert facts[t("cohort.report.fact.participants", **with_lang)] == "21"
    assert facts[t("cohort.report.fact.assignments_due", **with_lang)] == "2"


def _subset(funders: Path, target: Path, folders: list[str]) -> Path:
    target.mkdir()
    for name in folders:
        (target / name).symlink_to(funders / name, target_is_directory=True)
    return target


def test_plurals_and_the_university_table_only_when_a_university_has_several_cohorts(
        funders, tmp_path):
    cases = {
        "all": (funders, "4 cohortes en 3 universidades", "4 cohorts at 3 universities"),
        "one": (funders / "udlap-a", "1 cohorte en 1 universidad", "1 cohort at 1 university"),
        "buap": (_subset(funders, tmp_path / "buap", ["buap-a", "buap-b"]),
                 "2 cohortes en 1 universidad", "2 cohorts at 1 university"),
        "two": (_subset(funders, tmp_path / "two", ["udlap-a", "upaep-a"]),
                "2 cohortes en 2 universidades", "2 cohorts at 2 universities")}
    for name, (folder, es, en) in cases.items():
        program = load_program(folder, as_of=AS_OF)
        for lang, intro in (("es", es), ("en", en)):
            page = _parse(report_html(program, lang=lang))
            text = " ".join(page.text)
            assert intro in text, (name, lang)
            assert "(s)" not in text and "(es)" not in text, (name, lang)
            split = name in ("all", "buap")  # BUAP has two cohorts
            uni = t("cohort.report.caption.completion_uni", lang=lang)
            assert any(c.startswith(uni) for c in page.tables) == split, (name, lang)
            final_uni = t("cohort.report.caption.final_uni", lang=lang)
            assert (final_uni in page.tables) == split, (name, lang)


# -- grades -----------------------------------------------------------------------------------

def test_final_grades_apart_from_autograded_progress(funders, pages):
    program = load_program(funders, as_of=AS_OF)
    status = {(r.group, r.assignment): (r.submitted, r.final, r.pending)
              for r in grading_status_table(program).itertuples()}
    assert status == {("BUAP · 2026A", CH01): (5, 3, 2), ("BUAP · 2026B", CH01): (5, 5, 0),
                      ("BUAP · 2026B", CH02): (2, 1, 1), ("UDLAP · 2026A", CH01): (3, 2, 1),
                      ("UPAEP · 2026A", CH01): (1, 1, 0)}
    final = score_table(program, "cohort", "final").set_index(["group", "assignment"])
    b = final.loc[("BUAP · 2026B", CH01)]
    # 11/11, 5/11, 9/11, 0/11 and 7/11 of the points
    assert (b["submitted"], b["mean_pct"], b["median_pct"], b["q1_pct"], b["q3_pct"],
            b["min_pct"], b["max_pct"]) == (5, 58.2, 63.6, 45.5, 81.8, 0.0, 100.0)
    assert final.loc[("BUAP · 2026A", CH01)]["submitted"] == 3  # 11, 5 and 0 of 11
    assert final.loc[("BUAP · 2026A", CH01)]["mean_pct"] == round(100 * 16 / 33, 1)
    auto = score_table(program, "cohort", "autograded").set_index(["group", "assignment"])
    a = auto.loc[("BUAP · 2026A", CH01)]  # 5, 5, 2, 4 and 0 of the 5 autograded points
    assert (a["submitted"], a["mean_pct"], a["median_pct"]) == (5, 64.0, 80.0)
    uni = score_table(program, "university", "final").set_index(["group", "assignment"])
    assert uni.loc[("BUAP", CH01)]["submitted"] == 8
    assert uni.loc[("BUAP", CH01)]["median_pct"] == 54.5  # (5/11 + 7/11) / 2

    for lang in ("es", "en"):
        page = _parse(pages[lang])
        rows = page.tables[t("cohort.report.caption.final_cohort", lang=lang)]
        header, body = rows[0], rows[1:]
        assert header[:3] == [t("cohort.report.col.group", lang=lang),
                              t("cohort.report.col.assignment", lang=lang),
                              t("cohort.report.col.final_share", lang=lang)]
        shown = {(r[0], r[1]): r[2:] for r in body}
        short = _label(CH01, lang, short=True)
        assert shown[("BUAP · 2026B", short)] == ["100%", "58.2", "0.0", "45.5", "63.6",
                                                  "81.8", "100.0"]
        assert shown[("BUAP · 2026A", short)] == ["60%"] + [SMALL] * 6  # 3 final of 5
        assert set(shown[("UDLAP · 2026A", short)]) == {SMALL}
        assert set(shown[("BUAP · 2026B", _label(CH02, lang, short=True))]) == {SMALL}
        uni_rows = page.tables[t("cohort.report.caption.final_uni", lang=lang)]
        assert next(r for r in uni_rows if r[:2] == ["BUAP", short])[2] == "80%"
        auto_rows = page.tables[t("cohort.report.caption.autograded_cohort", lang=lang)]
        assert next(r for r in auto_rows if r[:2] == ["BUAP · 2026A", short])[2:] == [
            "64.0", "0.0", "40.0", "80.0", "100.0", "100.0"]


def test_item_difficulty_is_named_by_each_check_title_in_the_reports_language(funders, pages):
    program = load_program(funders, as_of=AS_OF)
    table = difficulty_table(program)
    ch01 = table[table["assignment"] == CH01].set_index("cell")
    # 14 ch01 hand-ins: 6 solutions, 3 "prom", 3 "mezcla", 2 blank
    assert set(ch01["students"]) == {14}
    assert ch01["lost_points"].to_dict() == {"test_household_only": 5,
                                             "test_salary_loss": 5,
                                             "test_salary_lowest": 5,
                                             "test_household_found": 2}
    assert set(table[table["assignment"] == CH02]["students"]) == {2}  # BUAP 2026B only
    expected = {"es": ("Gastos de la casa pagados con el negocio (prueba 2 de 2)",
                       "Un sueldo fijo que el negocio pueda pagar (prueba 1 de 2)"),
                "en": ("House spending paid by the business (check 2 of 2)",
                       "A fixed salary the business can pay (check 1 of 2)")}
    for lang, (hardest, salary) in expected.items():
        page = _parse(pages[lang])
        rows = page.tables[t("cohort.report.caption.difficulty", lang=lang)]
        header, body = rows[0], rows[1:]
        assert header[:2] == [t("cohort.report.col.assignment", lang=lang),
                              t("cohort.report.col.test", lang=lang)]
        assert body[0][:2] == [_label(CH01, lang, short=True), hardest]
        assert body[0][2:5] == ["14", "5", "35.7"]
        assert [salary, "14", "5", "35.7"] in [r[1:5] for r in body]
        ch02 = [r for r in body if r[0] == _label(CH02, lang, short=True)]
        assert ch02 and all(r[2:6] == [SMALL] * 4 for r in ch02), ch02
        assert body[-len(ch02):] == ch02  # fewer than 5 graded: at the end
        visible = " ".join(page.text)
        assert "test_" not in visible and "written_" not in visible
        figure = next(f for f in page.figures if hardest in (f["img"] or ""))
        assert "36%" in figure["img"]  # 5 of 14


# -- inclusion and goals --------------------------------------------------------------------

def test_inclusion_counts_not_stated_apart_and_shares_over_those_who_stated(funders, pages):
    program = load_program(funders, as_of=AS_OF)
    from decimal import Decimal

    table = goals_table(program, {"women": Decimal("0.5"), "indigenous": Decimal("0.1")})
    rows = {r["group"]: r for r in table.to_dict("records")}
    buap, udlap, upaep = rows["BUAP"], rows["UDLAP"], rows["UPAEP"]
    total = rows[t("cohort.report.all_program")]
    # BUAP: 11 people, 5 women, 1 did not say; the exact share (5 of 10) would give the 1
    # away, so the share over everyone (5 of 11) is shown as a lower bound
    assert (buap["participants"], buap["women"], buap["women_not_stated"]) == ("11", "5",
                                                                                SMALL)
    assert buap["women_pct"] == "≥ 45.5%"
    assert buap["women_goal_met"] == t("cohort.report.cannot_tell")  # 45.5% to 71.4%
    # UDLAP: 7 people (hidden so that UPAEP's 3 cannot be worked out), 4 women, all answered
    assert (udlap["participants"], udlap["women"], udlap["women_not_stated"]) == (
        HIDDEN, SMALL, "0")
    assert udlap["women_pct"] == HIDDEN
    assert set(upaep.values()) - {"UPAEP", ""} <= {SMALL, HIDDEN}
    # the program: 21 people, 11 women, 1 did not say: at least 52.4%, goal 50% met
    assert (total["participants"], total["women"], total["women_not_stated"]) == ("21", "11",
                                                                                  SMALL)
    assert total["women_pct"] == "≥ 52.4%"
    assert total["women_goal_met"] == t("cohort.report.yes")
    assert total["indigenous"] == SMALL and total["indigenous_pct"] == HIDDEN
    assert total["indigenous_goal_met"] == ""

    page = _parse(pages["en"])
    women = _rows(page, t("cohort.report.caption.inclusion_women", lang="en"))
    header = women["group"]
    assert header == ["group", "participants", "women", "not stated",
                      "% women (of those who answered)", "goal met?"]
    assert women["Whole program"] == ["Whole program", "21", "11", SMALL, "≥ 52.4%", "yes"]
    assert women["BUAP"] == ["BUAP", "11", "5", SMALL, "≥ 45.5%", "cannot tell"]


def test_a_report_with_no_goals_file_has_no_goals_section(funders, pages, goals_file):
    assert read_goal_table().empty  # the kit ships no program's goals
    program = load_program(funders, as_of=AS_OF)
    for lang in ("es", "en"):
        page = _parse(report_html(program, lang=lang))
        assert t("cohort.report.h.goals", lang=lang) not in page.headings
        assert t("cohort.report.h.participants", lang=lang) in page.headings
        assert t("cohort.report.caption.goal_sources", lang=lang) not in page.tables
        women = _rows(page, t("cohort.report.caption.inclusion_women", lang=lang))
        assert t("cohort.report.col.goal_met", lang=lang) not in women["BUAP"] + next(
            iter(women.values()))
        with_goals = _parse(pages[lang])
        assert t("cohort.report.h.goals", lang=lang) in with_goals.headings
        sources = with_goals.tables[t("cohort.report.caption.goal_sources", lang=lang)]
        assert sources[1][2:] == ["Programa piloto", "Reglas de operación 2026 del Programa "
                                  "piloto (sección 4.2)", "2026-02-01"]


def test_a_goals_file_must_cite_a_publication_once_per_goal(tmp_path):
    bad = tmp_path / "metas.csv"
    for rows, needle in (
            ("women,0.35,Ecosistema Puebla Digital,program targets; shared/domain-notes.md,"
             "2026-01-01\n", "shared/domain-notes.md"),
            ("women,0.35,Programa,notas.md,2026-01-01\n", "notas.md"),
            ("women,0.35,Programa,Reglas 2026 p. 4,2026-01-01\n"
             "women,0.40,Programa,Reglas 2027 p. 4,2027-01-01\n", "women"),
            ("women,0.35,Programa,Reglas 2026 p. 4,\n", "as_of"),
            ("women,0.35,,Reglas 2026 p. 4,2026-01-01\n", "program")):
        bad.write_text("goal,share,program,source,as_of\n" + rows, encoding="utf-8")
        with pytest.raises(InputError) as err:
            read_goal_table(bad)
        assert needle in str(err.value)
    good = tmp_path / "ok.csv"
    good.write_text("goal,share,program,source,as_of\n"
                    "women,0.35,Programa,https://example.org/reglas-2026.md,2026-01-01\n",
                    encoding="utf-8")
    assert read_goal_table(good)["share"].tolist()[0] * 100 == 35


def test_nothing_published_cites_the_kits_notes(pages):
    template = find_root() / "src" / "mipyme" / "data" / "templates" / "program_goals.csv"
    kit_file = template.read_text(encoding="utf-8")
    assert "shared/" not in kit_file and "domain-notes" not in kit_file
    for path in (*pages.values(), pages["es"].with_suffix(".pdf")):
        data = path.read_bytes()
        assert b"shared/" not in data and b"domain-notes" not in data, path


# -- the page: accessible, printable ----------------------------------------------------------

def test_every_chart_has_its_numbers_in_a_table(pages):
    for lang, path in pages.items():
        page = _parse(path)
        assert len(page.figures) >= 5, lang  # goals, completion, final, autograded, difficulty
        for figure in page.figures:
            assert figure["img"] and len(figure["img"]) > 30, figure
            assert figure["tables"] == 1, figure
        text = path.read_text(encoding="utf-8")
        assert text.count("<details>") == len(page.figures)
        assert "Content-Security-Policy" in text and "<script" not in text
        assert not re.search(r"https?://", text)


def _pdf_pages(data: bytes) -> int:
    """Pages of a PDF, read from its page tree (Chromium writes plain dictionaries)."""
    kids = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
    counts = [int(c) for c in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", data)
              + re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", data)]
    assert counts and max(counts) == kids, (kids, counts)
    return kids


def test_the_pdf_is_written_beside_the_html_and_has_pages(pages):
    pdf = pages["es"].with_suffix(".pdf")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert _pdf_pages(data) >= 3


def test_in_chromium_no_table_is_cut_on_screen_or_in_print(pages, tmp_path):
    from playwright.sync_api import sync_playwright

    axe = axe_script(find_root() / "build" / "node")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                     headless=True)
        try:
            for lang, path in pages.items():
                for width, media in ((1280, "screen"), (390, "screen"), (720, "print")):
                    context = browser.new_context(viewport={"width": width, "height": 900},
                                                  bypass_csp=True)
                    page = context.new_page()
                    requests: list[str] = []
                    page.on("request", lambda r, seen=requests: seen.append(r.url))
                    page.emulate_media(media=media)
                    page.goto(path.as_uri(), wait_until="load")
                    cut = page.evaluate(
                        "() => [...document.querySelectorAll('table, figure img')]"
                        ".filter(e => e.getClientRects().length)"
                        ".filter(e => e.getBoundingClientRect().right >"
                        " document.documentElement.clientWidth + 1"
                        " || e.scrollWidth > e.clientWidth + 1)"
                        ".map(e => (e.querySelector('caption') || e).textContent"
                        ".slice(0, 60))")
                    assert not cut, (lang, width, media, cut)
                    assert page.evaluate("document.documentElement.scrollWidth <="
                                         " document.documentElement.clientWidth"), (lang, width)
                    if width == 1280:
                        page.screenshot(path=str(tmp_path / f"report_{lang}.png"),
                                        full_page=True)
                        page.add_script_tag(path=str(axe))
                        found = page.evaluate(
                            "async () => (await axe.run(document, {resultTypes:"
                            " ['violations']})).violations.filter(v => ['serious',"
                            " 'critical'].includes(v.impact)).map(v => v.id)")
                        assert not found, (lang, found)
                    assert all(u.startswith(("file:", "data:")) for u in requests), requests
                    context.close()
        finally:
            browser.close()
    assert (tmp_path / "report_es.png").stat().st_size > 50_000


# -- schedules and the sections other modules add -------------------------------------------

def test_schedules_name_assignments_or_chapters_and_refuse_bad_dates(tmp_path, capsys):
    roster = write_roster_csv(tmp_path / "roster.csv", [
        ["student_id", "first_name", "last_name", "email", "university", "cohort"],
        ["a1", "Ana", "Núñez", "ana@buap.mx", "BUAP", "2026A"]])
    course = tmp_path / "curso"
    args = ["cohort", "init", str(course), "--roster", str(roster), "--course-id", "c-1",
            "--assignment", CH01, "--assignment", CH02]
    assert main([*args, "--due", "ch01=2026-13-01"]) == 2
    assert "2026-13-01" in capsys.readouterr().err and not course.exists()
    assert main([*args, "--due", "ch09=2026-09-01"]) == 2
    assert "ch09" in capsys.readouterr().err and not course.exists()
    assert main([*args, "--due", "ch01=2026-09-15"]) == 0
    assert "1 fecha de entrega" in capsys.readouterr().out
    assert read_cohort(course).schedule == ((CH01, dt.date(2026, 9, 15)),)
    # again with a new schedule: the deadlines move, nothing else changes
    assert main([*args, "--due", "ch01=2026-09-22", "--due", f"{CH02}=2026-10-06"]) == 0
    assert "2 fechas de entrega" in capsys.readouterr().out
    info = read_cohort(course)
    assert info.schedule == ((CH01, dt.date(2026, 9, 22)), (CH02, dt.date(2026, 10, 6)))
    assert info.due_by(dt.date(2026, 10, 1)) == (CH01,)
    assert main([*args]) == 0  # without --schedule/--due the schedule is kept
    assert read_cohort(course).schedule == info.schedule


def test_other_modules_add_sections_before_the_notes_on_method(funders):
    program = load_program(funders, as_of=AS_OF)
    page = report_html(program, lang="en", sections=[
        Section("Learning gains", "<p>gains here</p>", id="gains"),
        lambda p: ("Training cascade", f"<p>{len(p.cohorts)} cohorts</p>"),
        lambda p: None])
    headings = _parse(page).headings
    method = headings.index(t("cohort.report.h.method", lang="en"))
    assert headings[method - 2:method] == ["Learning gains", "Training cascade"]
    assert '<section id="gains">' in page and "<p>4 cohorts</p>" in page


def test_a_copy_of_the_program_moved_elsewhere_reads_the_same(funders, tmp_path):
    moved = shutil.copytree(funders / "buap-b", tmp_path / "program" / "buap-b")
    table = completion_table(load_program(moved.parent, as_of=AS_OF), "cohort")
    assert table["submitted"].tolist() == [5, 2]


def test_the_default_report_shows_the_cascade_and_the_field_checks_gains(funders, tmp_path):
    """With a field-check file in the program folder, the report (no sections given) adds the
    entrepreneurs' learning gains and the cascade from the gradebooks' teach-back plans."""
    program = shutil.copytree(funders, tmp_path / "program")
    right = ("b", "a", "a")  # ch01's diagnostic questions (book/facilitator/ch01.toml)
    lines = ["id_participante,cohorte,id_instructor,genero,indigena,capitulo,fase,p1,p2,p3"]
    for n in range(6):
        lines.append(f"e{n},Grupo Cholula,buap-a-01,Mujer,No,ch01,antes,c,c,{right[2]}")
        lines.append(f"e{n},Grupo Cholula,buap-a-01,Mujer,No,ch01,después,"
                     + ",".join(right))
    (program / "verificaciones_campo.csv").write_text("\n".join(lines) + "\n",
                                                      encoding="utf-8")
    for lang in ("es", "en"):
        page = report_html(load_program(program, as_of=AS_OF), lang=lang)
        headings = _parse(page).headings
        assert t("cohort.gains.title.entrepreneurs", lang=lang) in headings, headings
        assert t("cohort.cascade.title", lang=lang) in headings, headings
    plain = report_html(load_program(funders, as_of=AS_OF), lang="en")
    assert t("cohort.gains.title.entrepreneurs", lang="en") not in _parse(plain).headings
    assert t("cohort.cascade.title", lang="en") in _parse(plain).headings
