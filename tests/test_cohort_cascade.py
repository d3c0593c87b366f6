"""The training cascade: instructors trained, certified (from the teach-back grades in a real
nbgrader gradebook, or from the certification demo) and teaching, and the entrepreneurs they
reach, with the shares of women and indigenous people and small groups suppressed. Every
expected value is worked out by hand in the comments."""

from __future__ import annotations

import warnings
from html.parser import HTMLParser

import pandas as pd
import pytest

from cohort_support import ROSTER_HEADER, nbgrader, write_roster_csv
from mipyme.cohort.cascade import (
    CERTIFY_POINTS,
    CERTIFY_SHARE,
    DEMO_CRITERIA,
    cascade_section,
    cascade_table,
    certification_from_demo,
    certification_from_teachback,
    publishable_cascade,
    teachback_grades,
)
from mipyme.cohort.course import gradebook_url, init_course, open_gradebook
from mipyme.cohort.gains import field_participants, parse_field_checks
from mipyme.cohort.report import HIDDEN, SMALL, load_program
from mipyme.i18n import LANGUAGES, t

# -- a two-level cascade, by hand --------------------------------------------------------------
# 15 instructors in one cohort (BUAP · 2026A): i01-i09 women, i10-i14 men, i15 did not say;
# indigenous: i01, i02, i03, i10, i11.
GENDER = {f"i{n:02d}": "Mujer" if n <= 9 else "Hombre" if n <= 14 else "Prefiero no decir"
          for n in range(1, 16)}
INDIGENOUS = {f"i{n:02d}": "Sí" if n in (1, 2, 3, 10, 11) else "No" for n in range(1, 16)}
# Certified: i01-i06 and i10-i13 (10 people: 6 women, 5 indigenous).
CERTIFIED = {f"i{n:02d}" for n in (1, 2, 3, 4, 5, 6, 10, 11, 12, 13)}
# Second-level groups and who teaches them (6 instructors: i07 teaches without being
# certified): G1 i01 (e01-e10), G2 i02 and i07 (e11-e15, e16-e20), G3 i10 (e21-e30),
# G4 i11 and i12 (e31-e35, e36-e40).
TEACHER = {**{f"e{n:02d}": ("G1", "i01") for n in range(1, 11)},
           **{f"e{n:02d}": ("G2", "i02") for n in range(11, 16)},
           **{f"e{n:02d}": ("G2", "i07") for n in range(16, 21)},
           **{f"e{n:02d}": ("G3", "i10") for n in range(21, 31)},
           **{f"e{n:02d}": ("G4", "i11") for n in range(31, 36)},
           **{f"e{n:02d}": ("G4", "i12") for n in range(36, 41)}}


def _instructors() -> pd.DataFrame:
    ids = sorted(GENDER)
    return pd.DataFrame({"course_id": "buap-2026a", "student_id": ids, "university": "BUAP",
                         "cohort": "2026A", "gender": [GENDER[i] for i in ids],
                         "indigenous": [INDIGENOUS[i] for i in ids]})


def _certified() -> pd.DataFrame:
    # Two teach-back plans of 4 points each: 4 + 2 = 6 of 8 (75%) certifies; 3 + 2 = 5 of 8
    # (62.5%) does not; i15's plans were never graded.
    rows = []
    for sid in sorted(GENDER):
        scores = (4.0, 2.0) if sid in CERTIFIED else (None, None) if sid == "i15" else (3.0, 2.0)
        for assignment, score in zip(("ch01_fundamentos", "ch02_catalogo_canales"), scores,
                                     strict=True):
            rows.append({"course_id": "buap-2026a", "student_id": sid,
                         "assignment": assignment, "score": score, "max_score": 4.0})
    return certification_from_teachback(pd.DataFrame(rows))


def _entrepreneurs() -> pd.DataFrame:
    """40 entrepreneurs through the field-check CSV: e01-e28 women, e29-e38 men, e39-e40
    gender blank; e01-e12 indigenous, e13-e36 not, e37-e40 blank."""
    lines = ["id_participante,cohorte,id_instructor,genero,indigena,capitulo,fase,p1,p2,p3"]
    for n in range(1, 41):
        pid = f"e{n:02d}"
        cohort, instructor = TEACHER[pid]
        gender = "mujer" if n <= 28 else "hombre" if n <= 38 else ""
        indigenous = "sí" if n <= 12 else "no" if n <= 36 else ""
        lines.append(f"{pid},{cohort},{instructor},{gender},{indigenous},ch01,pre,b,a,c")
    return field_participants(parse_field_checks("\n".join(lines) + "\n"))


def test_certification_from_the_teach_back_plans():
    certified = _certified().set_index("student_id")
    assert set(certified.index[certified["certified"]]) == CERTIFIED
    assert certified.loc["i07", ["plans", "points", "max_points"]].tolist() == [2, 5.0, 8.0]
    assert certified.loc["i15", ["plans", "certified"]].tolist() == [0, False]
    assert CERTIFY_SHARE == pytest.approx(0.7) and CERTIFY_POINTS == 7
    # exactly 70% certifies (2.8 of 4), just under does not
    grades = pd.DataFrame({"course_id": "c", "student_id": ["a", "b"],
                           "assignment": "ch01_fundamentos", "score": [2.8, 2.79],
                           "max_score": [4.0, 4.0]})
    assert certification_from_teachback(grades)["certified"].tolist() == [True, False]


def test_the_cascade_numbers_by_hand():
    table = cascade_table(_instructors(), _certified(), _entrepreneurs(), labels=False)
    rows = table.set_index("level")
    counts = ["people", "women", "women_not_stated", "indigenous", "indigenous_not_stated"]
    assert rows.loc["trained", counts].tolist() == [15, 9, 1, 5, 0]
    assert rows.loc["certified", counts].tolist() == [10, 6, 0, 5, 0]
    assert rows.loc["teaching", counts].tolist() == [6, 3, 0, 4, 0]
    assert rows.loc["reached", counts].tolist() == [40, 28, 2, 12, 4]
    # shares among those who stated: 9 of 14, 5 of 15; 28 of 38, 12 of 36
    assert rows.loc["trained", "women_pct"] == pytest.approx(100 * 9 / 14)
    assert rows.loc["trained", "indigenous_pct"] == pytest.approx(100 * 5 / 15)
    assert rows.loc["teaching", "indigenous_pct"] == pytest.approx(100 * 4 / 6)
    assert rows.loc["reached", "women_pct"] == pytest.approx(100 * 28 / 38)
    assert rows.loc["reached", "indigenous_pct"] == pytest.approx(100 * 12 / 36)
    # one instructor cohort; four second-level groups
    assert rows["cohorts"].tolist() == [1, None, 4, 4]


def test_the_published_cascade_suppresses_small_groups_and_their_complements():
    shown = publishable_cascade(_instructors(), _certified(), _entrepreneurs(),
                                labels=False).set_index("level")
    counts = ["people", "women", "women_not_stated", "indigenous", "indigenous_not_stated"]
    # trained: 1 person did not state their gender (< 5), so the women's share is a lower
    # bound over all 15: 9 / 15
    assert shown.loc["trained", counts].tolist() == ["15", "9", SMALL, "5", "0"]
    assert shown.loc["trained", ["women_pct", "indigenous_pct"]].tolist() == [
        "≥ 60.0%", "33.3%"]
    # certified: 6 of 10 women leaves 4 men (hidden); the 5 not certified include 0
    # indigenous (< 5), so the certified indigenous count, 5 of the trained 5, is hidden too
    assert shown.loc["certified", counts].tolist() == ["10", HIDDEN, "0", HIDDEN, "0"]
    assert shown.loc["certified", ["women_pct", "indigenous_pct"]].tolist() == [HIDDEN] * 2
    # teaching: 3 women and 4 indigenous are small groups
    assert shown.loc["teaching", counts].tolist() == ["6", SMALL, "0", SMALL, "0"]
    # reached: 2 and 4 did not state (< 5): lower bounds 28 / 40 and 12 / 40
    assert shown.loc["reached", counts].tolist() == ["40", "28", SMALL, "12", SMALL]
    assert shown.loc["reached", ["women_pct", "indigenous_pct"]].tolist() == [
        "≥ 70.0%", "≥ 30.0%"]


def test_when_everyone_is_certified_nothing_is_hidden_for_it():
    everyone = pd.DataFrame({"student_id": sorted(GENDER), "certified": True})
    shown = publishable_cascade(_instructors(), everyone, _entrepreneurs(),
                                labels=False).set_index("level")
    assert shown.loc["certified", ["people", "women", "indigenous"]].tolist() == [
        "15", "9", "5"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_section_has_a_captioned_table_and_a_chart_with_alt_text(lang):
    title, body, table = cascade_section(_instructors(), _certified(), _entrepreneurs(),
                                         lang=lang)
    assert title == t("cohort.cascade.title", lang)
    assert list(table.iloc[:, 0]) == [t(f"cohort.cascade.level.{level}", lang) for level in
                                      ("trained", "certified", "teaching", "reached")]
    assert table.columns[1] == t("cohort.cascade.col.people", lang)
    tags: list[tuple[str, dict]] = []

    class Page(HTMLParser):
        def handle_starttag(self, tag, attrs):
            tags.append((tag, dict(attrs)))

    Page().feed(body)
    names = [tag for tag, _ in tags]
    assert names.count("img") == 1 and names.count("caption") == 2  # table + chart's numbers
    image = next(attrs for tag, attrs in tags if tag == "img")
    assert image["src"].startswith("data:image/png;base64,")
    # the chart names only the levels with a share shown
    assert t("cohort.cascade.level.reached", lang) in image["alt"]
    assert t("cohort.cascade.level.certified", lang) not in image["alt"]
    assert "≥ 70.0%" in image["alt"]
    assert t("cohort.cascade.basis.teachback", lang, share="70", plans=1) in body.replace(
        "&#x27;", "'")
    assert "<script" not in body
    _, demo_body, _ = cascade_section(_instructors(), _certified(), _entrepreneurs(),
                                      basis="demo", lang=lang)
    assert t("cohort.cascade.basis.demo", lang, points=7, out_of=10) in demo_body.replace(
        "&#x27;", "'")


def test_instructors_the_rosters_do_not_have_are_named_all_at_once():
    entrepreneurs = pd.DataFrame({"participant_id": ["e1", "e2", "e3"], "cohort": "G1",
                                  "instructor_id": ["i01", "x9", "z1"], "gender": "mujer",
                                  "indigenous": "no"})
    with pytest.raises(ValueError, match=r"\['x9', 'z1'\]"):
        cascade_table(_instructors(), _certified(), entrepreneurs)
    # the same id in two instructor courses needs the course
    two = pd.concat([_instructors(), _instructors().assign(course_id="udlap-2026a")])
    ok = entrepreneurs.iloc[:1]
    with pytest.raises(ValueError, match="instructor_course"):
        cascade_table(two, None, ok)
    table = cascade_table(two, None, ok.assign(instructor_course="udlap-2026a"), labels=False)
    assert table.set_index("level").loc["teaching", "people"] == 1
    assert table.set_index("level").loc["certified", "people"] == 0


def test_certification_from_the_demo_follows_the_guide():
    demo = pd.DataFrame({"student_id": ["a", "b", "c", "d"], "content": [3, 3, 0, 2],
                         "context": [2, 1, 2, 1], "check": [2, 3, 3, 2],
                         "language": [2, 0, 2, 2]})
    # a: 9, none at zero; b: 7 with language at zero; c: 7 with content at zero; d: 7
    out = certification_from_demo(demo).set_index("student_id")
    assert out["score"].tolist() == [9, 7, 7, 7]
    assert out["certified"].tolist() == [True, False, False, True]
    assert sum(DEMO_CRITERIA.values()) == 10
    bad = demo.assign(content=[4, 3, "tres", 2.5])
    with pytest.raises(ValueError) as caught:
        certification_from_demo(bad)
    message = str(caught.value)
    assert "3 problema(s)" in message
    assert "'4'" in message and "'tres'" in message and "'2.5'" in message
    totals = certification_from_demo(pd.DataFrame({"student_id": ["a", "b"],
                                                   "score": [7, 6]}))
    assert totals["certified"].tolist() == [True, False]


# -- the teach-back grades in a real gradebook -------------------------------------------------

@pytest.fixture(scope="module")
def program(tmp_path_factory):
    """One instructor cohort (6 people) with ch01 released by the real ``nbgrader``; five
    hand in, and their teach-back plans (4 points) get 4, 3, 2 and 2.8 by hand; the fifth's
    is not graded yet and the sixth hands in nothing."""
    root = tmp_path_factory.mktemp("cascade")
    rows = [list(ROSTER_HEADER)]
    for n in range(1, 7):
        rows.append([f"i{n}", "Ana", "Núñez", f"i{n}@buap.mx", "BUAP", "2026A",
                     "Mujer" if n % 2 else "Hombre", "Sí" if n <= 2 else "No"])
    roster = write_roster_csv(root / "roster.csv", rows)
    course = root / "program" / "buap"
    init_course(course, roster, "buap-2026a", assignments=["ch01_fundamentos"])
    nbgrader(course, "generate_assignment", "ch01_fundamentos", "--force")
    name = "ch01_fundamentos"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SQLAlchemy's notes from inside nbgrader's API
        with open_gradebook(gradebook_url(course)) as gb:
            for n in range(1, 6):
                gb.add_submission(name, f"i{n}")
            for student, points in (("i1", 4), ("i2", 3), ("i3", 2), ("i4", 2.8)):
                gb.find_grade("teachback", name, name, student).manual_score = points
            gb.db.commit()
    return root / "program"


def test_teach_back_grades_come_from_the_gradebook(program):
    grades = teachback_grades(program).set_index("student_id")
    assert list(grades.index) == ["i1", "i2", "i3", "i4", "i5"]
    assert grades["score"].tolist()[:4] == [4.0, 3.0, 2.0, 2.8]
    assert grades.loc["i5", "score"] != grades.loc["i5", "score"]  # not graded: NaN
    assert set(grades["max_score"]) == {4.0}
    assert set(grades["assignment"]) == {"ch01_fundamentos"}
    # from a Program too (its course folders)
    loaded = load_program(program)
    assert teachback_grades(loaded).equals(teachback_grades(program))


def test_a_cascade_from_the_program(program):
    loaded = load_program(program)
    certified = certification_from_teachback(teachback_grades(loaded))
    # 4/4, 3/4 and 2.8/4 reach 70%; 2/4 does not; i5 not graded; i6 handed in nothing
    assert certified.loc[certified["certified"], "student_id"].tolist() == ["i1", "i2", "i4"]
    entrepreneurs = pd.DataFrame({"participant_id": [f"e{n}" for n in range(12)],
                                  "cohort": ["Zacatlán"] * 6 + ["Cuetzalan"] * 6,
                                  "instructor_id": ["i1"] * 6 + ["i4"] * 6,
                                  "instructor_course": "buap-2026a",
                                  "gender": ["mujer"] * 9 + ["hombre"] * 3,
                                  "indigenous": ["sí"] * 5 + ["no"] * 7})
    table = cascade_table(loaded.participants, certified, entrepreneurs,
                          labels=False).set_index("level")
    # trained: i1, i3, i5 women; i1, i2 indigenous. Certified i1, i2, i4: women i1;
    # indigenous i1, i2. Teaching i1, i4: women i1; indigenous i1.
    assert table.loc["trained", ["people", "women", "indigenous"]].tolist() == [6, 3, 2]
    assert table.loc["certified", ["people", "women", "indigenous"]].tolist() == [3, 1, 2]
    assert table.loc["teaching", ["people", "women", "indigenous", "cohorts"]].tolist() == [
        2, 1, 1, 2]
    assert table.loc["reached", ["people", "women", "indigenous", "cohorts"]].tolist() == [
        12, 9, 5, 2]
    shown = publishable_cascade(loaded.participants, certified, entrepreneurs,
                                labels=False).set_index("level")
    assert shown.loc["certified", "people"] == SMALL
    # 9 women of 12 leaves 3 men: hidden
    assert shown.loc["reached", ["people", "women", "indigenous"]].tolist() == [
        "12", HIDDEN, "5"]
