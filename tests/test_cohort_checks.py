"""The entrepreneurs' knowledge check, before and after, read by the program report.

The fixture folder ``tests/fixtures/checks`` is what instructors of two workshops send back:

- ``taller_puebla/check-tienda.csv``: six participants, before and after (5 questions);
- ``taller_oaxaca/check-tienda.csv``: OAX-01 before and after, OAX-02 before (their after
  row has 6 correct of 5 questions) and three bad rows (a moment "durante", a full name with
  an answer "e", a date 2026-13-01);
- ``taller_puebla/check-exportar.csv``: saved by a spreadsheet in Spanish (BOM, ``;``, CRLF,
  ``antes``/``después``): three participants with both checks, four with the before only.

Expected figures, computed by hand from those rows (score as % of max_score):

- tienda, paired PUE-01..06 and OAX-01 (7 people): before 20, 40, 0, 60, 40, 80, 20
  (mean 260/7 %); after 80, 60, 40, 60, 100, 60, 80 (mean 480/7 %); mean gain 220/7
  points; Hake (480/7 - 260/7) / (100 - 260/7) = (220/7) / (440/7) = 0.5; improved: PUE-01,
  02, 03, 05 and OAX-01 = 5 (PUE-04 equal, PUE-06 lower). Answered before: 8 (OAX-02 too);
  after: 7.
- exportar, paired EXP-01..03 (3 people): before 25, 50, 0 (mean 25 %); after 75, 50, 100
  (mean 75 %); gain 50 points; Hake 50 / 75 = 2/3; improved 2. Before: 7; after: 3.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

import pytest

from cohort_support import CohortSpec, roster_rows, write_roster_csv
from mipyme.cli import main
from mipyme.cohort.checks import (
    CheckResults,
    check_gains,
    checks_section,
    publishable_check_gains,
    read_check_results,
    results_header,
)
from mipyme.cohort.course import init_course
from mipyme.cohort.report import HIDDEN, MIN_GROUP, SMALL, build_report
from mipyme.curriculum import load_curriculum
from mipyme.errors import InputError
from mipyme.fieldkit.checks import csv_header, part_questions
from mipyme.i18n import t

FIXTURES = Path(__file__).parent / "fixtures" / "checks"
OAXACA = "taller_oaxaca/check-tienda.csv"


@pytest.fixture(scope="module")
def results() -> CheckResults:
    return read_check_results(FIXTURES)


def _by_part(frame):
    return {row["part"]: row for _, row in frame.iterrows()}


def test_gains_per_part_are_the_hand_computed_ones(results):
    gains = _by_part(check_gains(results))
    tienda, exportar = gains["tienda"], gains["exportar"]
    assert (tienda["before"], tienda["after"], tienda["paired"], tienda["improved"]) == \
        (8, 7, 7, 5)
    assert tienda["before_pct"] == pytest.approx(260 / 7)
    assert tienda["after_pct"] == pytest.approx(480 / 7)
    assert tienda["gain_pts"] == pytest.approx(220 / 7)
    assert tienda["gain_norm"] == pytest.approx(0.5)
    assert (exportar["before"], exportar["after"], exportar["paired"],
            exportar["improved"]) == (7, 3, 3, 2)
    assert exportar["before_pct"] == pytest.approx(25)
    assert exportar["after_pct"] == pytest.approx(75)
    assert exportar["gain_pts"] == pytest.approx(50)
    assert exportar["gain_norm"] == pytest.approx(2 / 3)
    assert "finanzas" not in gains  # no results: no row


def test_every_bad_row_is_named_and_the_good_ones_are_kept(results):
    found = {(p.file, p.row, p.column, p.value) for p in results.problems}
    assert found == {(OAXACA, 5, "score", "6"), (OAXACA, 6, "moment", "durante"),
                     (OAXACA, 7, "participant", "Ana López"), (OAXACA, 7, "q2", "e"),
                     (OAXACA, 8, "date", "2026-13-01")}
    assert results.set_aside == 4  # rows 5 to 8 of the Oaxaca file
    kept = results.rows[results.rows["file"] == OAXACA]
    assert sorted(kept["row"]) == [2, 3, 4]
    assert len(results.rows) == 12 + 10 + 3  # Puebla tienda, Puebla exportar, Oaxaca
    # every message names the file, the row, the column, the rule and the value, in each language
    problem = next(p for p in results.problems if p.column == "score")
    es, en = problem.message("es"), problem.message("en")
    for text in (es, en):
        assert OAXACA in text and "5" in text and "score" in text and "6" in text
    assert "no pueden ser más que las preguntas" in es
    assert "cannot be more than the questions" in en


def test_the_spanish_spreadsheet_file_is_read_whole(results):
    exportar = results.rows[results.rows["part"] == "exportar"]
    assert len(exportar) == 10
    assert set(exportar["moment"]) == {"before", "after"}  # antes / después


def test_a_part_with_fewer_than_five_paired_shows_counts_only(results):
    assert MIN_GROUP == 5
    shown = publishable_check_gains(check_gains(results), lang="en")
    rows = {r[0]: list(r[1:]) for r in shown.itertuples(index=False)}
    small = rows["Pricing and export"]
    assert small[0] == "7"  # answered before: a count of 5 or more, shown
    assert small[1:] == [SMALL] * 7  # answered after, paired, 2 shares, 2 gains, improved
    assert not any("%" in cell for cell in small)
    big = rows["Selling online"]
    # 2 of the 7 paired did not improve: the count who improved would give them away
    assert big == ["8", "7", "7", "37%", "69%", "+31.4 points", "0.50", HIDDEN]
    assert "nan" not in shown.to_string().lower()


def test_a_mean_of_100_before_has_an_undefined_gain_not_nan(tmp_path):
    header = ",".join(results_header(2))
    rows = [f"F-{k},finanzas,{m},2026-09-0{1 + (m == 'after')},a,b,2,2"
            for k in range(1, 6) for m in ("before", "after")]
    (tmp_path / "f.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    gains = check_gains(read_check_results(tmp_path))
    shown = publishable_check_gains(gains, lang="es")
    title = next(p for p in load_curriculum().parts if p.id == "finanzas").title("es")
    # nobody improved: the 5 paired who did not are no small group, the 0 who did is
    assert shown.iloc[0].tolist() == [title, "5", "5", "5", "100%", "100%", "+0.0 puntos",
                                      "no definida", SMALL]


def test_the_field_kit_header_is_the_header_the_reader_accepts(tmp_path):
    for part in (p.id for p in load_curriculum().parts):
        n = len(part_questions(part))
        header = csv_header(part)  # what the field kit writes in check-{part}.csv
        assert header.split(",") == results_header(n)
        answers = ",".join(["a"] * n)
        (tmp_path / f"check-{part}.csv").write_text(
            f"{header}\nX-1,{part},before,2026-09-01,{answers},0,{n}\n"
            f"X-1,{part},after,2026-09-29,{answers},{n},{n}\n", encoding="utf-8")
    read = read_check_results(tmp_path)
    assert read.problems == () and read.set_aside == 0
    assert len(read.rows) == 2 * len(load_curriculum().parts)


def test_a_wrong_header_sets_the_file_aside_and_says_why(tmp_path):
    (tmp_path / "a.csv").write_text("participant,part,moment,fecha,q1,score,max_score\n"
                                    "A-1,tienda,before,2026-09-01,a,1,1\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("", encoding="utf-8")
    read = read_check_results(tmp_path)
    assert read.rows.empty and read.set_aside == 1
    header, empty = read.problems
    assert (header.file, header.row, header.column) == ("a.csv", 1, "date")
    assert "participant,part,moment,date,q1,score,max_score" in header.message("en")
    assert (empty.file, empty.row) == ("b.csv", 1)


def test_one_code_twice_for_a_moment_sets_both_rows_aside(tmp_path):
    header = ",".join(results_header(1))
    for name in ("uno", "dos"):
        (tmp_path / f"{name}.csv").write_text(
            f"{header}\nP-1,tienda,before,2026-09-01,a,1,1\n", encoding="utf-8")
    read = read_check_results(tmp_path)
    assert read.rows.empty and read.set_aside == 2
    assert {(p.file, p.rule) for p in read.problems} == {("uno.csv", "twice"),
                                                          ("dos.csv", "twice")}
    assert "dos.csv (2); uno.csv (2)" in read.problems[0].message("en")


def test_a_missing_folder_names_the_argument_and_the_value(tmp_path):
    with pytest.raises(InputError) as err:
        read_check_results(tmp_path / "nowhere")
    assert "--checks" in str(err.value) and "nowhere" in str(err.value)
    with pytest.raises(InputError, match="--checks"):
        read_check_results(tmp_path)  # no CSV in it


@pytest.fixture(scope="module")
def program(tmp_path_factory) -> Path:
    """A program of one cohort with nothing handed in yet (enough for the page)."""
    root = tmp_path_factory.mktemp("checks_program")
    people = (("Mujer", "Sí"), ("Mujer", "No"), ("Hombre", "No"), ("Mujer", "No"),
              ("Prefiero no decir", "No"))
    spec = CohortSpec("c1", "upx-c1", "UPX", "Cohorte 1", people, ())
    roster = write_roster_csv(root / "roster.csv", roster_rows(spec))
    init_course(root / "program" / "c1", roster, "upx-c1", assignments=["ch01_fundamentos"])
    return root / "program"


def _section(page: str) -> str:
    start = page.index('<section id="knowledge-check">')
    return page[start:page.index("</section>", start)]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_report_carries_the_section_in_each_language(program, tmp_path, lang):
    page = build_report(program, tmp_path / "r.html", lang=lang,
                        checks=FIXTURES).read_text(encoding="utf-8")
    section = _section(page)
    assert f"<h2>{escape(t('cohort.checks.title', lang=lang))}</h2>" in section
    assert escape(t("cohort.checks.caption", lang=lang)) in section
    images = re.findall(r'<img src="data:image/png;base64,[^"]+" alt="([^"]+)"', section)
    assert len(images) == 1 and ("37%" in images[0] and "69%" in images[0])
    points = "+31.4 puntos" if lang == "es" else "+31.4 points"
    assert f"<td>37%</td><td>69%</td><td>{points}</td><td>0.50</td>" in section
    assert not re.search(r">\s*nan\s*<", section, re.I)  # no NaN in any cell
    plain = build_report(program, tmp_path / "plain.html", lang=lang).read_text("utf-8")
    assert "knowledge-check" not in plain


def test_the_command_adds_the_section_and_lists_the_rows_set_aside(program, tmp_path,
                                                                    capsys):
    out = tmp_path / "report.html"
    code = main(["--lang", "en", "report", str(program), "--out", str(out),
                 "--checks", str(FIXTURES)])
    assert code == 0
    err = capsys.readouterr().err
    assert "4 row(s)" in err
    assert f"{OAXACA}, row 8, column “date”" in err and "2026-13-01" in err
    assert escape(t("cohort.checks.title", lang="en")) in out.read_text(encoding="utf-8")


def test_the_section_is_made_from_results_already_read(results):
    section = checks_section(results, lang="es")
    assert section.heading == "Evaluación de emprendedoras (antes y después)"
    assert "4 fila(s)" in section.body_html
