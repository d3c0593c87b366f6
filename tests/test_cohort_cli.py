"""``mipyme cohort init``, ``mipyme export`` and ``mipyme report`` as a coordinator runs them."""

from __future__ import annotations

import csv

import pytest

from cohort_support import ASSIGNMENT, PROGRAM, ROSTER_HEADER, program, write_roster_csv
from mipyme.cli import main
from mipyme.cohort.course import gradebook_url, open_gradebook
from mipyme.i18n import t

__all__ = ["program"]  # the session fixture, imported for pytest

ROWS = [list(ROSTER_HEADER),
        ["u01", "Ñeli", "Núñez Álvarez", "neli@upaep.mx", "UPAEP", "2026A", "Mujer", "Sí"],
        ["u02", "Raúl", "Peña", "raul@upaep.mx", "UPAEP", "2026A", "Hombre", "No"]]


def _init(tmp_path, roster, lang=None):
    return main([*(["--lang", lang] if lang else []), "cohort", "init",
                 str(tmp_path / "course"), "--roster", str(roster),
                 "--course-id", "upaep-2026a", "--assignment", ASSIGNMENT])


def _gradebook_names(course):
    with open_gradebook(gradebook_url(course)) as gb:
        return {s.id: f"{s.first_name} {s.last_name}" for s in gb.students}


def test_cohort_init_makes_the_course_from_a_good_roster(tmp_path, capsys):
    roster = write_roster_csv(tmp_path / "lista.csv", ROWS)
    assert _init(tmp_path, roster, "en") == 0
    out = capsys.readouterr().out
    assert "course 'upaep-2026a' created" in out and "2 student(s)" in out
    assert _gradebook_names(tmp_path / "course") == {"u01": "Ñeli Núñez Álvarez",
                                                     "u02": "Raúl Peña"}


def test_cohort_init_reads_an_excel_latin1_roster_and_says_so(tmp_path, capsys):
    roster = write_roster_csv(tmp_path / "lista.csv", ROWS, encoding="cp1252", delimiter=";")
    assert b"\xd1eli" in roster.read_bytes()  # Ñ as one Latin-1 byte: not UTF-8
    assert _init(tmp_path, roster) == 0
    out = capsys.readouterr().out
    assert "cp1252" in out  # the warning, in Spanish by default
    assert _gradebook_names(tmp_path / "course")["u01"] == "Ñeli Núñez Álvarez"
    with open(tmp_path / "course" / "roster.csv", encoding="utf-8", newline="") as file:
        kept = list(csv.DictReader(file))
    assert [r["last_name"] for r in kept] == ["Núñez Álvarez", "Peña"]


def test_a_bad_roster_exits_2_with_every_problem_and_creates_nothing(tmp_path, capsys):
    bad = [["id_estudiante", "nombre", "apellidos", "universidad", "cohorte"],
           ["u01", "Ana", "Ruiz", "UPAEP", "A"],
           ["u02", "Eva", "", "UPAEP", "A"],
           ["u01", "Luis", "Díaz", "UPAEP", "A"]]
    roster = write_roster_csv(tmp_path / "lista.csv", bad)
    assert _init(tmp_path, roster, "en") == 2
    err = capsys.readouterr().err
    assert "missing_columns" in err and "'email'" in err
    assert "duplicate_id" in err and "'u01'" in err and "[2, 4]" in err
    assert "empty_cell [row 3]" in err
    assert not (tmp_path / "course").exists()


def test_a_missing_roster_file_names_the_argument(tmp_path, capsys):
    assert _init(tmp_path, tmp_path / "nope.csv", "en") == 2
    assert "'roster' must be a CSV file that exists" in capsys.readouterr().err


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("command,key", [(["cohort", "init"], "cohort.cli.init_roster"),
                                         (["export"], "cohort.cli.export_format"),
                                         (["report"], "cohort.cli.report_out")])
def test_help_is_in_the_language_asked_for(lang, command, key, capsys):
    argv = (["--lang", "en"] if lang == "en" else []) + [*command, "--help"]
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    assert " ".join(t(key, lang=lang).split())[:60] in out
    other = "en" if lang == "es" else "es"
    assert " ".join(t(key, lang=other).split())[:60] not in out


def test_export_needs_an_assignment_or_all(program, capsys):
    course = program / PROGRAM[0].folder
    assert main(["--lang", "en", "export", "--course", str(course), "--format", "csv"]) == 2
    assert "'assignment' must be an assignment's name or --all" in capsys.readouterr().err
    assert main(["export", "nope", "--course", str(course), "--format", "csv"]) == 2
    assert "'assignment' debe ser uno de" in capsys.readouterr().err


def test_export_writes_the_file_and_says_how_many(program, tmp_path, capsys):
    course = program / PROGRAM[0].folder
    out = tmp_path / "moodle.csv"
    assert main(["--lang", "en", "export", "--all", "--course", str(course), "--format",
                 "moodle", "--out", str(out)]) == 0
    message = capsys.readouterr().out
    assert f"{len(PROGRAM[0].people)} student(s), 1 assignment(s)" in message
    with open(out, encoding="utf-8", newline="") as file:
        assert len(list(csv.reader(file))) == 1 + len(PROGRAM[0].people)


def test_export_reads_the_gradebook_given_with_db(program, tmp_path):
    course = program / PROGRAM[1].folder
    out = tmp_path / "grades.csv"
    assert main(["export", ASSIGNMENT, "--course", str(course), "--format", "csv",
                 "--db", gradebook_url(course), "--out", str(out)]) == 0
    with open(out, encoding="utf-8", newline="") as file:
        ids = {row["student_id"] for row in csv.DictReader(file)}
    assert ids == {PROGRAM[1].student_id(i) for i in range(len(PROGRAM[1].people))}


def test_report_writes_one_html_file_in_the_language_asked(program, tmp_path, capsys):
    out = tmp_path / "informe.html"
    assert main(["report", str(program), "--out", str(out), "--lang", "en"]) == 0
    assert str(out) in capsys.readouterr().out
    page = out.read_text(encoding="utf-8")
    assert '<html lang="en">' in page and t("cohort.report.title", lang="en") in page
    assert main(["report", str(tmp_path / "empty")]) == 2
    assert "no tiene cursos de cohortes" in capsys.readouterr().err
