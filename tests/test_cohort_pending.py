"""Hand grading still to do: pending is never shown as zero, never exported as final.

Nothing is mocked. A real course (``init_course``, ``nbgrader generate_assignment``,
submissions with written answers, ``nbgrader autograde``) where an instructor has given some
written answers their points through nbgrader's Gradebook API, exactly as the formgrader's
grade handler does (``manual_score``, and ``needs_manual_grade`` cleared), and not others:

- ``p01``: the solution and both written answers, both graded by hand: final;
- ``p02``: the solution and both written answers, only the teach-back graded: provisional,
  ``written_separate`` (2 points) pending;
- ``p03``: a typical mistake and the teach-back written, ``written_separate`` left as
  released (nbgrader scores it 0 by itself): provisional, ``teachback`` (4 points) pending;
- ``p04``: the blank release: final, 0;
- ``p05``: hands in nothing.

The last test opens the course's formgrader outside the hub (JupyterLab started in the
course folder, as ``mipyme pending`` says) in Chromium, sees the submissions, grades the
pending cell of ``p02`` there, and ``mipyme pending`` sees it final.
"""

from __future__ import annotations

import csv
import html
import re
import shutil
import warnings
from pathlib import Path

import nbformat
import pytest

from cohort_support import ASSIGNMENT, nbgrader, write_roster_csv
from exercise_support import mistakes
from mipyme.cli import main
from mipyme.cohort.course import gradebook_url, init_course, open_gradebook
from mipyme.cohort.export import ProvisionalGradesWarning, export_grades, grades
from mipyme.cohort.feedback import generate_feedback
from mipyme.cohort.pending import (
    FINAL,
    PENDING_COLUMNS,
    PROVISIONAL,
    pending_table,
    status,
    summary_table,
)
from mipyme.grading.feedback import say
from mipyme.grading.roundtrip import fill, solutions
from mipyme.i18n import t

COURSE_ID = "pend-2026a"
NOTEBOOK = f"{ASSIGNMENT}.ipynb"
PEOPLE = ("p01", "p02", "p03", "p04", "p05")
WRITTEN = {"written_separate": "Separo la caja del negocio de la de mi casa: dos cuentas.",
           "teachback": "Plan: explico con la libreta de doña Rosa y hacemos un ejercicio."}
#: student -> (code answers, written answers) handed in
HANDED_IN = {"p01": ("solution", WRITTEN), "p02": ("solution", WRITTEN),
             "p03": ("sueldo_promedio", {"teachback": WRITTEN["teachback"]}),
             "p04": ("blank", {})}
#: (student, cell, points) given by hand in the formgrader's way
BY_HAND = (("p01", "written_separate", 2.0), ("p01", "teachback", 3.5), ("p02", "teachback", 4.0))
#: what is left: student -> {cell: points}
PENDING = {"p02": {"written_separate": 2.0}, "p03": {"teachback": 4.0}}


def _release_with(release, source, code: str, written: dict[str, str]):
    answers = {}
    if code != "blank":
        answers = dict(solutions(source))
        if code != "solution":
            answers.update(mistakes(ASSIGNMENT)[code]["answers"])
    work = fill(release, answers, ASSIGNMENT)
    for cell in work.cells:
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if cell.cell_type == "markdown" and grade_id in written:
            cell.source = written[grade_id]
    return work


def grade_by_hand(course: Path, student: str, cell: str, points: float | None) -> None:
    """What the formgrader's grade handler does when an instructor types a score (or
    clears it): set ``manual_score`` and whether the grade still needs a manual grade."""
    with open_gradebook(gradebook_url(course)) as gb:
        grade = gb.find_grade(cell, ASSIGNMENT, ASSIGNMENT, student)
        grade.manual_score = points
        grade.needs_manual_grade = points is None and grade.auto_score is None
        gb.db.commit()


def build_course(base: Path) -> Path:
    rows = [["id_estudiante", "nombre", "apellidos", "correo", "universidad", "cohorte"]]
    rows += [[sid, f"Nombre{i}", f"Apellido{i}", f"{sid}@buap.mx", "BUAP", "2026A"]
             for i, sid in enumerate(PEOPLE)]
    course = base / "course"
    init_course(course, write_roster_csv(base / "roster.csv", rows), COURSE_ID,
                assignments=[ASSIGNMENT])
    nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
    source = nbformat.read(course / "source" / ASSIGNMENT / NOTEBOOK, as_version=4)
    release = nbformat.read(course / "release" / ASSIGNMENT / NOTEBOOK, as_version=4)
    for student, (code, written) in HANDED_IN.items():
        folder = course / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True)
        nbformat.write(_release_with(release, source, code, written), folder / NOTEBOOK)
        (folder / "timestamp.txt").write_text("2026-11-20 10:00:00.000000 UTC")
    nbgrader(course, "autograde", ASSIGNMENT, "--force")
    for student, cell, points in BY_HAND:
        grade_by_hand(course, student, cell, points)
    return course


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    """The graded course (tests that change it work on a copy: :func:`copy_of`)."""
    return build_course(tmp_path_factory.mktemp("pending"))


def copy_of(course: Path, target: Path) -> Path:
    shutil.copytree(course, target)
    return target


def gradebook_rows(course: Path) -> dict[str, tuple[float, dict[str, tuple]]]:
    """student -> (score, {cell: (needs_manual_grade, manual_score, auto_score)}), read
    straight from nbgrader's gradebook."""
    out = {}
    with open_gradebook(gradebook_url(course)) as gb:
        for sub in gb.assignment_submissions(ASSIGNMENT):
            cells = {g.name: (g.needs_manual_grade, g.manual_score, g.auto_score)
                     for nb in sub.notebooks for g in nb.grades}
            out[sub.student.id] = (sub.score, cells)
    return out


def _read(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as file:
        return list(csv.reader(file))


def _page_text(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"<(style|script)\b.*?</\1>", "", text, flags=re.S | re.I)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


# -- the gradebook, as nbgrader wrote it -----------------------------------------------------


def test_the_course_really_has_hand_grading_pending_and_done(course):
    rows = gradebook_rows(course)
    assert set(rows) == set(HANDED_IN)
    # what nbgrader itself recorded: written answers wait, a blank one scored 0 on its own
    assert rows["p02"][1]["written_separate"] == (True, None, None)
    assert rows["p03"][1]["teachback"] == (True, None, None)
    assert rows["p03"][1]["written_separate"] == (False, None, 0.0)
    assert rows["p04"][1]["teachback"] == (False, None, 0.0)
    assert rows["p01"][1]["teachback"][:2] == (False, 3.5)
    assert rows["p01"][0] == 10.5  # 5 test points + 2 + 3.5 by hand


# -- pending.py ----------------------------------------------------------------------------


def test_status_says_final_or_provisional_for_every_submission(course):
    found = status(course)
    assert set(found) == {(s, ASSIGNMENT) for s in HANDED_IN}
    scores = {sid: score for sid, (score, _) in gradebook_rows(course).items()}
    for (student, _), sub in found.items():
        assert sub.score == scores[student]
        assert sub.max_score == 11.0
        assert {c.cell: c.points for c in sub.pending} == PENDING.get(student, {})
        assert sub.status == (PROVISIONAL if student in PENDING else FINAL)
    assert found[("p02", ASSIGNMENT)].pending_points == 2.0
    assert found[("p04", ASSIGNMENT)].score == 0.0 and found[("p04", ASSIGNMENT)].is_final


def test_pending_table_lists_each_cell_left_to_grade(course):
    table = pending_table(course, assignment=ASSIGNMENT)
    assert tuple(table.columns) == PENDING_COLUMNS
    assert [tuple(r) for r in table.itertuples(index=False)] == [
        ("p02", ASSIGNMENT, ASSIGNMENT, "written_separate", 2.0),
        ("p03", ASSIGNMENT, ASSIGNMENT, "teachback", 4.0)]
    assert pending_table(course, db_url=gradebook_url(course)).equals(table)


def test_summary_counts_submissions_and_points_per_assignment(course):
    [row] = summary_table(status(course).values(), [ASSIGNMENT]).to_dict("records")
    assert row == {"assignment": ASSIGNMENT, "submissions": 4, "final": 2, "provisional": 2,
                   "points_pending": 6.0}


def test_grading_or_ungrading_in_the_formgrader_way_moves_a_submission(course, tmp_path):
    copy = copy_of(course, tmp_path / "copy")
    grade_by_hand(copy, "p02", "written_separate", 1.5)
    after = status(copy)[("p02", ASSIGNMENT)]
    assert after.is_final and after.score == 10.5  # 5 + 1.5 + 4
    grade_by_hand(copy, "p01", "teachback", None)  # the instructor clears a score
    again = status(copy)[("p01", ASSIGNMENT)]
    assert again.status == PROVISIONAL and again.pending_points == 4.0
    assert status(course)[("p02", ASSIGNMENT)].status == PROVISIONAL  # the original is intact


# -- feedback ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pages(course) -> dict[str, Path]:
    written = generate_feedback(ASSIGNMENT, course)
    return {p.parent.parent.name: p for p in written}


def test_feedback_shows_pending_points_as_pending_not_zero(pages):
    text = _page_text(pages["p02"])
    for line in say("cohort.pending.feedback_cell", points="2").splitlines():
        assert line in text  # both languages
    assert "0.0 / 2.0" not in text  # the ungraded written answer is not "0 of 2"
    assert "4.0 / 4.0" in text  # the graded teach-back keeps its score
    for line in say("cohort.pending.feedback_summary", points="2").splitlines():
        assert line in text  # the summary says the total is provisional
    for line in say("cohort.pending.feedback_header", points="2").splitlines():
        assert line in text
    assert "estos 4 puntos" not in text


def test_feedback_marks_only_the_cells_still_waiting(pages):
    text = _page_text(pages["p03"])
    assert all(line in text for line in say("cohort.pending.feedback_cell",
                                             points="4").splitlines())
    assert "0.0 / 4.0" not in text
    assert "0.0 / 2.0" in text  # left as released: nbgrader's own 0, final
    for student in ("p01", "p04"):
        final = _page_text(pages[student])
        assert "todavía califica" not in final and "still has to grade" not in final
        assert "provisional" not in final.lower()
    assert "3.5 / 4.0" in _page_text(pages["p01"])


def test_feedback_command_says_how_many_pages_are_provisional(course, tmp_path, capsys):
    copy = copy_of(course, tmp_path / "copy")
    assert main(["--lang", "en", "feedback", ASSIGNMENT, "--course", str(copy)]) == 0
    out = capsys.readouterr()
    assert "4 feedback files" in out.out
    assert "2 of those pages show a provisional total" in out.err
    assert main(["feedback", ASSIGNMENT, "--course", str(copy), "--student", "p01"]) == 0
    assert "provisional" not in capsys.readouterr().err


# -- exports -------------------------------------------------------------------------------


def _by_student(rows: list[list[str]]) -> dict[str, dict[str, str]]:
    header = rows[0]
    return {r[header.index("student_id")]: dict(zip(header, r, strict=True)) for r in rows[1:]}


def test_grades_table_has_the_status_of_each_row(course):
    table = grades(course).set_index("student_id")
    assert table.loc["p02", "status"] == PROVISIONAL
    assert str(table.loc["p02", "pending_points"]) == "2.00"
    assert table.loc["p01", "status"] == FINAL and table.loc["p05", "status"] == ""


def test_csv_export_leaves_provisional_totals_empty_and_says_so(course, tmp_path):
    with pytest.warns(ProvisionalGradesWarning) as caught:
        path = export_grades(course, "csv", tmp_path / "g.csv")
    rows = _by_student(_read(path))
    for student in PENDING:
        assert rows[student]["score"] == rows[student]["raw_score"] == ""
        assert rows[student]["status"] == "provisional"
    assert rows["p02"]["pending_points"] == "2.00" and rows["p03"]["pending_points"] == "4.00"
    assert (rows["p01"]["score"], rows["p01"]["status"]) == ("10.50", "final")
    assert (rows["p04"]["score"], rows["p04"]["status"]) == ("0.00", "final")
    assert (rows["p05"]["score"], rows["p05"]["status"]) == ("", "")
    [warning] = caught
    message = str(warning.message)
    assert "2 entrega(s)" in message and "(6 puntos)" in message
    assert "--include-provisional" in message and str(path) in message


def test_csv_export_with_provisional_totals_marks_them(course, tmp_path):
    with pytest.warns(ProvisionalGradesWarning, match="columna status"):
        path = export_grades(course, "csv", tmp_path / "g.csv", include_provisional=True)
    rows = _by_student(_read(path))
    scores = {sid: f"{score:.2f}" for sid, (score, _) in gradebook_rows(course).items()}
    for student in HANDED_IN:
        assert rows[student]["score"] == scores[student]
    assert rows["p02"]["status"] == "provisional" and rows["p02"]["score"] == "9.00"


@pytest.mark.parametrize("fmt", ["moodle", "canvas"])
def test_lms_files_get_only_final_grades_unless_asked(course, tmp_path, fmt):
    with pytest.warns(ProvisionalGradesWarning):
        default = _read(export_grades(course, fmt, tmp_path / "d.csv"))
    with pytest.warns(ProvisionalGradesWarning, match="no tiene dónde marcarlas"):
        asked = _read(export_grades(course, fmt, tmp_path / "a.csv", include_provisional=True))
    column = 0 if fmt == "moodle" else 2  # ID number / SIS User ID
    body = 1 if fmt == "moodle" else 2  # Canvas: a Points Possible row
    first = {r[column]: r[-1] for r in default[body:]}
    second = {r[column]: r[-1] for r in asked[body:]}
    assert default[0] == asked[0] and len(first) == len(PEOPLE)
    assert first == {"p01": "10.50", "p02": "", "p03": "", "p04": "0.00", "p05": ""}
    assert second == {**first, "p02": "9.00",
                      "p03": f"{gradebook_rows(course)['p03'][0]:.2f}"}


def test_a_course_with_nothing_pending_exports_without_a_warning(course, tmp_path):
    copy = copy_of(course, tmp_path / "copy")
    grade_by_hand(copy, "p02", "written_separate", 2.0)
    grade_by_hand(copy, "p03", "teachback", 1.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ProvisionalGradesWarning)
        rows = _by_student(_read(export_grades(copy, "csv", tmp_path / "g.csv")))
    assert {r["status"] for r in rows.values()} == {"final", ""}


@pytest.mark.parametrize("lang", ["es", "en"])
def test_export_command_warns_on_stderr_in_the_language_asked(course, tmp_path, capsys, lang):
    out = tmp_path / "m.csv"
    assert main(["--lang", lang, "export", ASSIGNMENT, "--course", str(course), "--format",
                 "moodle", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert err.strip() == t("cohort.pending.export_left_out", lang=lang, count=2, points="6",
                            path=out, format="Moodle")
    assert {r[0]: r[-1] for r in _read(out)[1:]}["p02"] == ""
    assert main(["--lang", lang, "export", "--all", "--course", str(course), "--format",
                 "canvas", "--out", str(out), "--include-provisional"]) == 0
    err = capsys.readouterr().err
    assert err.strip() == t("cohort.pending.export_provisional_lms", lang=lang, count=2,
                            points="6", path=out, format="Canvas")
    assert {r[2]: r[-1] for r in _read(out)[2:]}["p02"] == "9.00"


# -- mipyme pending ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["es", "en"])
def test_pending_command_lists_what_is_left_and_how_to_grade_it(course, capsys, lang):
    assert main(["--lang", lang, "pending", "--course", str(course)]) == 0
    out = capsys.readouterr().out
    other = "en" if lang == "es" else "es"
    assert t("cohort.pending.title", lang=lang, course=course) in out
    header = [t(f"cohort.pending.col_{c}", lang=lang) for c in (
        "assignment", "submissions", "final", "provisional", "points_pending")]
    assert re.search(r"\s+".join(map(re.escape, header)), out), out
    assert re.search(rf"{ASSIGNMENT}\s+4\s+2\s+2\s+6\n", out), out
    assert t("cohort.pending.total", lang=lang, count=2, points="6") in out
    assert f"{ASSIGNMENT}: p02 (2), p03 (4)" in out
    assert f"cd {course} && jupyter lab" in out
    assert t("cohort.pending.hint_local_then", lang=lang) in out
    assert f"/services/formgrader-{COURSE_ID}/formgrader" in out
    assert t("cohort.pending.col_points_pending", lang=other) not in out
    assert t("cohort.pending.hint_local", lang=other) not in out


def test_pending_command_says_when_nothing_is_left(course, tmp_path, capsys):
    copy = copy_of(course, tmp_path / "copy")
    grade_by_hand(copy, "p02", "written_separate", 0.0)
    grade_by_hand(copy, "p03", "teachback", 4.0)
    assert main(["--lang", "en", "pending", "--course", str(copy),
                 "--assignment", ASSIGNMENT]) == 0
    out = capsys.readouterr().out
    assert t("cohort.pending.nothing", lang="en") in out
    assert re.search(rf"{ASSIGNMENT}\s+4\s+4\s+0\s+0\n", out), out
    assert "jupyter lab" not in out


def test_pending_command_names_a_bad_assignment_or_course(course, tmp_path, capsys):
    assert main(["--lang", "en", "pending", "--course", str(course),
                 "--assignment", "ch99"]) == 2
    assert "'assignment' must be one of" in capsys.readouterr().err
    assert main(["pending", "--course", str(tmp_path / "nope")]) == 2
    assert "'course'" in capsys.readouterr().err


# -- the formgrader, outside the hub, in Chromium ------------------------------------------


def test_the_formgrader_started_in_the_course_folder_lists_and_grades_submissions(
        course, tmp_path):
    """``cd COURSE && jupyter lab`` (what ``mipyme pending`` says): the formgrader lists the
    assignment's submissions (not "Loading, please wait..."), flags the two waiting for hand
    grading, and a score typed there makes ``mipyme pending`` see the submission final."""
    from browser_support import chromium_page, jupyter_lab

    copy = copy_of(course, tmp_path / "copy")
    with jupyter_lab(copy) as (base, token), chromium_page() as page:
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{base}/formgrader?token={token}", timeout=120_000)
        rows = page.locator("table tbody tr")
        row = rows.filter(has_text=ASSIGNMENT)
        row.wait_for(timeout=120_000)
        assert "Loading, please wait" not in page.inner_text("table")
        assert re.search(r"\b4\b", row.inner_text())  # 4 submissions

        page.goto(f"{base}/formgrader/manage_submissions/{ASSIGNMENT}", timeout=120_000)
        rows.filter(has_text="p04").wait_for(timeout=120_000)
        listed = page.inner_text("table")
        shown = {cells[1]: cells[3] for cells in (line.split("\t")
                                                  for line in listed.splitlines()[1:])}
        # the formgrader's own status agrees with mipyme pending; p05 handed in nothing
        assert shown == {s: "needs manual grading" if s in PENDING else "graded"
                         for s in HANDED_IN}, listed

        page.goto(f"{base}/formgrader/gradebook/{ASSIGNMENT}/{ASSIGNMENT}", timeout=120_000)
        rows.filter(has_text="#4").wait_for(timeout=120_000)
        assert rows.count() == len(HANDED_IN)
        # anonymous here: those flagged as needing a manual grade are the provisional ones
        assert page.locator(".needs-manual-grade .glyphicon-ok").count() == len(PENDING)

        # grade p02's written answer as an instructor does: type a score in its cell
        with open_gradebook(gradebook_url(copy)) as gb:
            submission_id = gb.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, "p02").id
        page.goto(f"{base}/formgrader/submissions/{submission_id}", timeout=120_000)
        score = page.locator("input.score#written_separate")
        score.wait_for(timeout=120_000)
        score.fill("1.5")
        score.press("Tab")  # the formgrader saves when the field changes and loses focus
        for _ in range(100):
            if status(copy)[("p02", ASSIGNMENT)].is_final:
                break
            page.wait_for_timeout(300)
        # (the grading page takes MathJax from a CDN: a classroom offline has no MathJax)
        assert [e for e in errors if "MathJax is not defined" not in e] == [], errors
    after = status(copy)[("p02", ASSIGNMENT)]
    assert after.is_final and after.score == 10.5
    assert list(pending_table(copy)["student"]) == ["p03"]
