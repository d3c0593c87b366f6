"""Rosters as coordinators send them: Excel's cp1252 with semicolons, Spanish headers, and
every problem of a bad file reported at once."""

from __future__ import annotations

import pytest

from cohort_support import write_roster_csv
from mipyme.cohort.roster import (
    RosterError,
    gender_group,
    indigenous_group,
    parse_roster,
    read_roster,
)
from mipyme.i18n import language

HEADER = ["id_estudiante", "nombre", "apellidos", "correo", "universidad", "cohorte", "género",
          "indígena"]


def test_an_excel_cp1252_roster_with_semicolons_keeps_its_accents(tmp_path):
    rows = [HEADER, ["a01", "María José", "Núñez Peña", "mj@buap.mx", "BUAP", "2026A", "Mujer",
                     "Sí"],
            ["a02", "Íñigo", "Ávila", "ia@buap.mx", "BUAP", "2026A", "Hombre",
             "Me identifico como indígena"]]
    path = write_roster_csv(tmp_path / "lista.csv", rows, encoding="cp1252", delimiter=";")
    roster = read_roster(path)
    assert [s.last_name for s in roster.students] == ["Núñez Peña", "Ávila"]
    assert roster.students[1].first_name == "Íñigo"
    assert (roster.encoding, roster.delimiter) == ("cp1252", ";")
    assert [w.code for w in roster.warnings] == ["encoding"]
    assert [indigenous_group(s.indigenous) for s in roster.students] == ["yes", "yes"]


def test_every_problem_of_a_bad_roster_comes_back_at_once_naming_rows():
    text = ("id_estudiante,nombre,apellidos,universidad,cohorte\n"
            "a01,Ana,Ruiz,BUAP,A\n"
            "a02,Luis,,BUAP,A\n"
            "a01,Eva,Díaz,BUAP,A\n")
    with pytest.raises(RosterError) as info, language("en"):
        parse_roster(text)
    codes = sorted(f.code for f in info.value.findings)
    assert codes == ["duplicate_id", "empty_cell", "missing_columns"]
    message = str(info.value)
    assert "'email'" in message and "[2, 4]" in message and "row 3" in message


def test_gender_groups_do_not_guess_an_ambiguous_m():
    assert [gender_group(v) for v in ("MUJER", "Femenino", "hombre", "M", "No binaria", "")] \
        == ["woman", "woman", "man", "unknown", "other", "not_stated"]
    with pytest.raises(RosterError) as info:
        parse_roster("student_id,first_name,last_name,email,university,cohort,gender\n"
                     "a1,Ana,Ruiz,ana@u.mx,UPAEP,A,M\n")
    assert [f.code for f in info.value.findings] == ["ambiguous_gender"]
