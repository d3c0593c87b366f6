"""A cohort's nbgrader course from its roster: made once, then only ever given new students."""

from __future__ import annotations

import pytest

from cohort_support import ROSTER_HEADER, write_roster_csv
from mipyme.cohort.course import gradebook_url, init_course, open_gradebook, read_cohort
from mipyme.errors import InputError

ROWS = [list(ROSTER_HEADER),
        ["c01", "Ana", "Núñez", "ana@udlap.mx", "UDLAP", "2026A", "Mujer", "No"],
        ["c02", "José", "Pérez", "jose@udlap.mx", "UDLAP", "2026A", "Hombre", "Sí"]]


def _students(course):
    with open_gradebook(gradebook_url(course)) as gb:
        return {s.id: (s.first_name, s.last_name, s.email) for s in gb.students}


def test_a_new_course_has_the_roster_in_its_gradebook_and_its_cohort_file(tmp_path):
    roster = write_roster_csv(tmp_path / "r.csv", ROWS)
    result = init_course(tmp_path / "c", roster, "udlap-2026a",
                         assignments=["ch01_fundamentos"])
    assert result.created and result.added == ("c01", "c02")
    assert _students(tmp_path / "c") == {"c01": ("Ana", "Núñez", "ana@udlap.mx"),
                                         "c02": ("José", "Pérez", "jose@udlap.mx")}
    info = read_cohort(tmp_path / "c")
    assert (info.course_id, info.universities, info.assignments) == (
        "udlap-2026a", ("UDLAP",), ("ch01_fundamentos",))
    assert (tmp_path / "c" / "source" / "ch01_fundamentos" / "ch01_fundamentos.ipynb").is_file()
    assert "udlap-2026a" in (tmp_path / "c" / "nbgrader_config.py").read_text(encoding="utf-8")


def test_running_init_again_adds_new_students_and_refuses_changes(tmp_path):
    course = tmp_path / "c"
    init_course(course, write_roster_csv(tmp_path / "r.csv", ROWS), "udlap-2026a",
                assignments=["ch01_fundamentos"])
    more = [*ROWS, ["c03", "Eva", "Cruz", "eva@udlap.mx", "UDLAP", "2026A", "", ""]]
    result = init_course(course, write_roster_csv(tmp_path / "r2.csv", more), "udlap-2026a")
    assert (result.created, result.added, result.kept) == (False, ("c03",), ("c01", "c02"))
    assert set(_students(course)) == {"c01", "c02", "c03"}
    changed = [row[:] for row in more]
    changed[1][3] = "otra@udlap.mx"
    with pytest.raises(InputError, match="c01"):
        init_course(course, write_roster_csv(tmp_path / "r3.csv", changed), "udlap-2026a")
    assert _students(course)["c01"][2] == "ana@udlap.mx"
