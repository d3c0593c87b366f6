"""Grade files from a real nbgrader gradebook, read back as Moodle and Canvas would read them."""

from __future__ import annotations

import csv
import re
from decimal import Decimal

import pytest

from cohort_support import ASSIGNMENT, PROGRAM, gradebook_scores, program
from mipyme.cohort.course import gradebook_url, open_gradebook
from mipyme.cohort.export import CANVAS_COLUMNS, export_grades, grades
from mipyme.errors import InputError

__all__ = ["program"]  # the session fixture, imported for pytest

SCORE = re.compile(r"^\d+\.\d{2}$")
# buap-2026a: 5 test points + 0.1 + 0.2 given by hand (floats in the gradebook) -> "5.30".
SPEC = PROGRAM[0]


def _read(path):
    with open(path, encoding="utf-8", newline="") as file:
        return list(csv.reader(file))


def _expected(course):
    """Each submitted student's score as a grade file should say it: 2 decimals."""
    return {sid: f"{score:.2f}" for (sid, _), score in gradebook_scores(course).items()}


def _roster(course):
    with open_gradebook(gradebook_url(course)) as gb:
        return {s.id: s for s in gb.students}


def test_the_csv_layout_has_every_student_and_the_gradebook_scores(program, tmp_path):
    course = program / SPEC.folder
    rows = _read(export_grades(course, "csv", tmp_path / "g.csv"))
    header, body = rows[0], rows[1:]
    assert header[:11] == ["assignment", "duedate", "timestamp", "student_id", "last_name",
                           "first_name", "email", "raw_score", "late_submission_penalty",
                           "score", "max_score"]
    table = [dict(zip(header, r, strict=True)) for r in body]
    assert {r["student_id"] for r in table} == set(_roster(course))
    expected = _expected(course)
    for row in table:
        assert row["score"] == expected.get(row["student_id"], "")
        assert (row["university"], row["cohort"]) == (SPEC.university, SPEC.cohort)
    hand_graded = SPEC.student_id(SPEC.manual[0][0])
    assert next(r["score"] for r in table if r["student_id"] == hand_graded) == "5.30"


def test_moodle_matches_on_email_with_one_column_per_assignment(program, tmp_path):
    course = program / SPEC.folder
    rows = _read(export_grades(course, "moodle", tmp_path / "m.csv"))
    assert rows[0] == ["ID number", "First name", "Last name", "Email address", ASSIGNMENT]
    people = _roster(course)
    expected = _expected(course)
    by_email = {r[3]: r[4] for r in rows[1:]}
    assert by_email == {s.email: expected.get(sid, "") for sid, s in people.items()}
    assert all(SCORE.match(v) for v in by_email.values() if v)
    assert sum(1 for v in by_email.values() if v) == len(SPEC.handed_in)


def test_canvas_has_its_identity_columns_and_a_points_possible_row(program, tmp_path):
    course = program / PROGRAM[2].folder
    rows = _read(export_grades(course, "canvas", tmp_path / "c.csv",
                               canvas_ids={ASSIGNMENT: "4512"}))
    assert tuple(rows[0][:5]) == CANVAS_COLUMNS == (
        "Student", "ID", "SIS User ID", "SIS Login ID", "Section")
    assert rows[0][5:] == [f"{ASSIGNMENT} (4512)"]
    with open_gradebook(gradebook_url(course)) as gb:
        points = gb.find_assignment(ASSIGNMENT).max_score
    assert rows[1] == ["Points Possible", "", "", "", "", f"{points:.2f}"]
    assert Decimal(rows[1][5]) == Decimal(11)  # ch01: 5 test points + 6 written
    people = _roster(course)
    expected = _expected(course)
    for name, canvas_id, sis_id, login, section, score in rows[2:]:
        student = people[sis_id]
        assert name == f"{student.last_name}, {student.first_name}"
        assert (canvas_id, login, section) == ("", student.email, PROGRAM[2].cohort)
        assert score == expected.get(sis_id, "")
    assert "6.75" in {r[5] for r in rows[2:]}  # 5 + 1.75 given by hand


def test_without_a_canvas_id_the_column_is_the_assignment_name(program, tmp_path):
    rows = _read(export_grades(program / SPEC.folder, "canvas", tmp_path / "c.csv"))
    assert rows[0][5:] == [ASSIGNMENT]


def test_grades_are_decimals_and_an_unsubmitted_assignment_is_empty(program):
    table = grades(program / PROGRAM[3].folder, assignment=ASSIGNMENT)
    submitted = table[table["submitted"]]
    assert all(isinstance(v, Decimal) for v in submitted["score"])
    assert table.loc[~table["submitted"], "score"].isna().all()
    assert len(submitted) == len(PROGRAM[3].handed_in)


def test_an_unknown_assignment_or_format_names_the_rule(program, tmp_path):
    with pytest.raises(InputError, match="'assignment' debe ser uno de"):
        grades(program / SPEC.folder, assignment="ch99")
    with pytest.raises(InputError, match="'format'"):
        export_grades(program / SPEC.folder, "xlsx", tmp_path / "x")
    with pytest.raises(InputError, match="no hay libro de calificaciones"):
        grades(tmp_path)
