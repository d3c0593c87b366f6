"""Learning gains: the diagnostic quiz made from the facilitator notes (graded by the real
nbgrader), the entrepreneurs' field-check CSV, and normalised gains with small groups
suppressed. Every expected value below is worked out by hand in the comments."""

from __future__ import annotations

import string
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from cohort_support import ROSTER_HEADER, nbgrader, write_roster_csv
from mipyme.cohort.course import init_course
from mipyme.cohort.gains import (
    ALL_CHAPTERS,
    QUIZ_ASSIGNMENTS,
    ChecksError,
    answer_key,
    field_participants,
    field_scores,
    gain_table,
    gains_section,
    instructor_scores,
    parse_field_checks,
    participant_gains,
    publishable_gains,
    quiz_notebook,
    read_field_checks,
    write_quiz,
)
from mipyme.cohort.report import HIDDEN, MIN_GROUP, SMALL, load_program
from mipyme.facilitator import load_notes
from mipyme.grading.roundtrip import fill
from mipyme.i18n import LANGUAGES, t, texts

# ch01's diagnostic questions (book/facilitator/ch01.toml): right options b, a, a; "c" is
# wrong in all three.
CH01 = ("b", "a", "a")
HEADER = "id_participante,cohorte,id_instructor,genero,indigena,capitulo,fase,p1,p2,p3"


def _letters(right: int) -> list[str]:
    """Answers with the first ``right`` questions right and the rest wrong."""
    return [CH01[i] if i < right else "c" for i in range(3)]


def _csv(people: dict[str, tuple[str, str, int | None, int | None]],
         gender: str = "Mujer") -> str:
    """``{participant: (cohort, instructor, right before, right after)}`` as a field-check
    CSV with one row per sheet (``None``: that check was not taken)."""
    lines = [HEADER]
    for pid, (cohort, instructor, pre, post) in people.items():
        for phase, right in (("antes", pre), ("después", post)):
            if right is not None:
                lines.append(",".join([pid, cohort, instructor, gender, "no", "ch01", phase,
                                       *_letters(right)]))
    return "\n".join(lines) + "\n"


# Cohort A (9 people; a7 had 100% before, a8 only took the pre check, a9 only the post):
#   right before/after out of 3, and g = (post - pre) / (100 - pre):
#   a1 1→3 g=1 · a2 0→2 g=2/3 · a3 2→2 g=0 · a4 1→2 g=1/2 · a5 0→3 g=1 · a6 2→3 g=1
#   a7 3→3 excluded · a8 1→- · a9 -→2
# Cohort B (3 people, a small group): b1 0→3 g=1 · b2 1→1 g=0 · b3 2→3 g=1
# Cohort C (5 people): c1 0→3 g=1 · c2 1→3 g=1 · c3 2→3 g=1 · c4 0→2 g=2/3 · c5 1→2 g=1/2
A = {"a1": ("A", "i01", 1, 3), "a2": ("A", "i01", 0, 2), "a3": ("A", "i01", 2, 2),
     "a4": ("A", "i01", 1, 2), "a5": ("A", "i01", 0, 3), "a6": ("A", "i01", 2, 3),
     "a7": ("A", "i01", 3, 3), "a8": ("A", "i01", 1, None), "a9": ("A", "i01", None, 2)}
B = {"b1": ("B", "i02", 0, 3), "b2": ("B", "i02", 1, 1), "b3": ("B", "i02", 2, 3)}
C = {"c1": ("C", "i03", 0, 3), "c2": ("C", "i03", 1, 3), "c3": ("C", "i03", 2, 3),
     "c4": ("C", "i03", 0, 2), "c5": ("C", "i03", 1, 2)}


def _numbers(people: dict) -> pd.DataFrame:
    scores = field_scores(parse_field_checks(_csv(people)))
    table = gain_table(scores, labels=False)
    return table.set_index(["chapter", "group"])


def test_the_answer_key_is_the_facilitator_notes():
    key = answer_key(["ch01", "ch12"])
    assert [q.correct for q in key["ch01"]] == list(CH01)
    assert [q.options for q in key["ch01"]] == [3, 3, 3]
    notes = load_notes("ch12")
    for question, qkey in zip(notes.questions, key["ch12"], strict=True):
        right = [i for i, o in enumerate(question.options) if o.correct]
        assert qkey.correct == "abcd"[right[0]] and qkey.options == len(question.options)


def test_the_quiz_in_the_kit_is_made_from_the_notes_and_up_to_date():
    assert write_quiz(check=True) == []
    pre, post = (quiz_notebook(p) for p in ("pre", "post"))
    ids = [c.metadata["nbgrader"]["grade_id"] for c in pre.cells]
    # same questions before and after; one 1-point test per question of every chapter
    assert ids == [c.metadata["nbgrader"]["grade_id"] for c in post.cells]
    tests = [c for c in pre.cells if c.metadata["nbgrader"]["grade"]]
    total = sum(len(q) for q in answer_key().values())
    assert len(tests) == total and all(c.metadata["nbgrader"]["points"] == 1 for c in tests)
    assert pre.cells[0].source != post.cells[0].source  # only the title says before/after
    assert [c.source for c in pre.cells[1:]] == [c.source for c in post.cells[1:]]


# -- the instructors' quiz through the real nbgrader -------------------------------------------

@pytest.fixture(scope="module")
def quiz_program(tmp_path_factory) -> Path:
    """One instructor cohort with the kit's quiz (pre and post, every chapter), released,
    answered and autograded by the real ``nbgrader``.

    - i1: before, ch01 all right and nothing else; after, everything right;
    - i2: before, the blank release; after, ch01 question 1 right, the rest "c" or blank;
    - i3: before only, ch01 question 2 right.
    """
    root = tmp_path_factory.mktemp("quiz")
    rows = [list(ROSTER_HEADER)]
    for i, gender in enumerate(("Mujer", "Hombre", "Mujer"), 1):
        rows.append([f"i{i}", "Ana", "Núñez", f"i{i}@buap.mx", "BUAP", "2026A", gender, "No"])
    roster = write_roster_csv(root / "roster.csv", rows)
    course = root / "program" / "buap"
    init_course(course, roster, "buap-2026a", assignments=list(QUIZ_ASSIGNMENTS))
    nbgrader(course, "generate_assignment", "*", "--force")
    key = answer_key()
    every = {f"respuesta_{ch}_{n}": q.correct for ch, qs in key.items()
             for n, q in enumerate(qs, 1)}

    def hand_in(student: str, phase: str, letters: dict[str, str]) -> None:
        name = f"diagnostico_{phase}"
        release = nbformat.read(course / "release" / name / f"{name}.ipynb", as_version=4)
        answers = {cell: f'{cell} = "{letter}"' for cell, letter in letters.items()}
        target = course / "submitted" / student / name / f"{name}.ipynb"
        target.parent.mkdir(parents=True)
        nbformat.write(fill(release, answers, name), target)

    hand_in("i1", "pre", {f"respuesta_ch01_{n}": CH01[n - 1] for n in (1, 2, 3)})
    hand_in("i1", "post", every)
    hand_in("i2", "pre", {})
    hand_in("i2", "post", {"respuesta_ch01_1": "(B)", "respuesta_ch01_2": "c"})
    hand_in("i3", "pre", {"respuesta_ch01_2": "A"})
    nbgrader(course, "autograde", "*", "--force")
    return root / "program"


def test_the_release_has_no_answer_and_no_hidden_test(quiz_program):
    for name in QUIZ_ASSIGNMENTS:
        text = (quiz_program / "buap" / "release" / name / f"{name}.ipynb").read_text(
            encoding="utf-8")
        assert "revisa_correcta(respuesta" not in text
        assert "BEGIN SOLUTION" not in text and "respuesta_ch01_1 = \\\"b\\\"" not in text
        assert "raise NotImplementedError()" in text


def test_instructor_scores_come_from_the_autograded_quiz(quiz_program):
    scores = instructor_scores(load_program(quiz_program))
    chapters = len(answer_key())
    # i1 and i2 took both quizzes, i3 only the pre quiz: one row per chapter and phase
    assert len(scores) == 5 * chapters
    row = scores.set_index(["participant_id", "chapter", "phase"])
    assert row.loc[("buap-2026a/i1", "ch01", "pre"), "correct"] == 3
    assert row.loc[("buap-2026a/i1", "ch02", "pre"), "correct"] == 0
    assert row.loc[("buap-2026a/i1", "ch16", "post"), "correct"] == 3
    assert row.loc[("buap-2026a/i2", "ch01", "pre"), "correct"] == 0
    assert row.loc[("buap-2026a/i2", "ch01", "post"), "correct"] == 1  # "(B)" counts as b
    assert row.loc[("buap-2026a/i3", "ch01", "pre"), "correct"] == 1  # "A" counts as a
    assert row.loc[("buap-2026a/i1", "ch10", "pre"), "questions"] == 2
    assert set(scores["cohort"]) == {"BUAP · 2026A"}
    assert set(scores.loc[scores["participant_id"] == "buap-2026a/i2", "gender"]) == {"man"}


def test_instructor_gains_from_the_gradebook(quiz_program):
    gains = participant_gains(instructor_scores(load_program(quiz_program)))
    by = gains.set_index(["participant_id", "chapter"])
    # i1: 100% before in ch01 (no gain, counted); 0% -> 100% elsewhere: g = 1
    assert by.loc[("buap-2026a/i1", "ch01"), "status"] == "pre_100"
    assert by.loc[("buap-2026a/i1", "ch05"), "gain"] == pytest.approx(1.0)
    # i2: ch01 0% -> 33.3%: g = 1/3; other chapters 0% -> 0%: g = 0
    assert by.loc[("buap-2026a/i2", "ch01"), "gain"] == pytest.approx(1 / 3)
    assert by.loc[("buap-2026a/i2", "ch07"), "gain"] == pytest.approx(0.0)
    assert by.loc[("buap-2026a/i3", "ch01"), "status"] == "pre_only"
    # all chapters pooled: i1 3 of 45 right before, 45 after: g = (100 - 6.67) / 93.33 = 1
    total = sum(len(q) for q in answer_key().values())
    assert by.loc[("buap-2026a/i1", ALL_CHAPTERS), "pre_pct"] == pytest.approx(300 / total)
    assert by.loc[("buap-2026a/i1", ALL_CHAPTERS), "gain"] == pytest.approx(1.0)
    # three people: every count and statistic of the cohort is suppressed
    shown = publishable_gains(instructor_scores(load_program(quiz_program)), labels=False)
    ch01 = shown[shown["chapter"] == "ch01"].iloc[0]
    assert ch01[["participants", "matched", "pre_mean", "gain_individual"]].tolist() == [
        SMALL] * 4


# -- the entrepreneurs' field checks -----------------------------------------------------------

def test_gains_by_hand_with_matched_unmatched_and_pre_100():
    table = _numbers({**A, **B})
    a = table.loc[("ch01", "A")]
    assert a[["participants", "pre", "post", "matched", "pre_100"]].tolist() == [9, 8, 8, 7, 1]
    # over the 7 matched: 9 of 21 right before, 18 of 21 after
    assert a["pre_mean"] == pytest.approx(100 * 9 / 21)
    assert a["post_mean"] == pytest.approx(100 * 18 / 21)
    # (1 + 2/3 + 0 + 1/2 + 1 + 1) / 6 people with a gain (a7 left out)
    assert a["gain_individual"] == pytest.approx((1 + 2 / 3 + 0 + 0.5 + 1 + 1) / 6)
    # class average: (18/21 - 9/21) / (1 - 9/21) = 9 / 12
    assert a["gain_class"] == pytest.approx(0.75)
    b = table.loc[("ch01", "B")]
    assert b["gain_individual"] == pytest.approx(2 / 3)
    assert b["gain_class"] == pytest.approx((7 - 3) / (9 - 3))
    program = table.loc[("ch01", t("cohort.report.all_program"))]
    assert program[["participants", "pre", "post", "matched", "pre_100"]].tolist() == [
        12, 11, 11, 10, 1]
    assert program["pre_mean"] == pytest.approx(40.0)  # 12 of 30
    assert program["gain_individual"] == pytest.approx((25 / 6 + 2) / 9)
    assert program["gain_class"] == pytest.approx(13 / 18)  # (25 - 12) / (30 - 12)
    # one chapter only: the pooled rows are the same figures
    pooled = table.loc[(ALL_CHAPTERS, "A")]
    assert pooled["gain_class"] == pytest.approx(0.75) and pooled["matched"] == 7


def test_pre_100_has_no_individual_gain_and_a_class_of_100_has_none_either():
    gains = participant_gains(field_scores(parse_field_checks(_csv(A))))
    a7 = gains[(gains["participant_id"] == "a7") & (gains["chapter"] == "ch01")].iloc[0]
    assert a7["status"] == "pre_100" and a7["gain"] != a7["gain"]  # NaN
    everyone = {f"p{i}": ("Z", "i01", 3, 2 + i % 2) for i in range(6)}
    row = gain_table(field_scores(parse_field_checks(_csv(everyone))), labels=False).iloc[0]
    assert row["pre_100"] == 6 and row["matched"] == 6
    assert row["gain_individual"] != row["gain_individual"]
    assert row["gain_class"] != row["gain_class"]
    shown = publishable_gains(field_scores(parse_field_checks(_csv(everyone))), lang="en",
                              labels=False).iloc[0]
    assert shown["gain_class"] == "undefined" and shown["gain_individual"] == SMALL
    assert shown["pre_mean"] == "100.0%"


def test_groups_under_5_are_suppressed_and_cannot_be_worked_out():
    shown = publishable_gains(field_scores(parse_field_checks(_csv({**A, **B}))),
                              labels=False)
    ch01 = shown[shown["chapter"] == "ch01"].set_index("group")
    counts = ["participants", "pre", "post", "matched", "pre_100"]
    # A: 8 of 9 took each check, 7 both: their complements (1, 2) are small -> "*";
    # B (3 people) is "< 5" everywhere, so A's participants are hidden too (12 - 9 = 3)
    assert ch01.loc["A", counts].tolist() == [HIDDEN, HIDDEN, HIDDEN, HIDDEN, SMALL]
    assert ch01.loc["B", counts].tolist() == [SMALL] * 5
    program = t("cohort.report.all_program")
    assert ch01.loc[program, counts].tolist() == ["12", HIDDEN, HIDDEN, HIDDEN, SMALL]
    # A has 7 matched and 6 gains: shown; B's statistics are not
    assert ch01.loc["A", ["pre_mean", "post_mean", "gain_individual", "gain_class"]].tolist() \
        == ["42.9%", "85.7%", "0.69", "0.75"]
    assert ch01.loc["B", ["pre_mean", "gain_individual", "gain_class"]].tolist() == [SMALL] * 3
    # the program's means with A's would give B's three people away: hidden
    assert ch01.loc[program, ["pre_mean", "post_mean", "gain_individual", "gain_class"]
                    ].tolist() == [HIDDEN] * 4


def test_the_program_is_shown_when_every_cohort_is_big_enough():
    shown = publishable_gains(field_scores(parse_field_checks(_csv({**A, **C}))),
                              labels=False)
    ch01 = shown[shown["chapter"] == "ch01"].set_index("group")
    # C: 4 of 15 right before, 13 after; g = (1 + 1 + 1 + 2/3 + 1/2) / 5; class 9/11
    assert ch01.loc["C", ["pre_mean", "post_mean", "gain_individual", "gain_class"]].tolist() \
        == ["26.7%", "86.7%", "0.83", "0.82"]
    # program: 13 of 36 before, 31 of 36 after; (25/6 + 25/6) / 11; (31 - 13) / (36 - 13)
    program = ch01.loc[t("cohort.report.all_program")]
    assert program[["pre_mean", "post_mean", "gain_individual", "gain_class"]].tolist() == [
        "36.1%", "86.1%", f"{(25 / 3) / 11:.2f}", f"{18 / 23:.2f}"]
    # 12 of the 14 have both checks: the 2 without could be worked out, so it is hidden
    assert program["participants"] == "14" and program["matched"] == HIDDEN


def test_the_long_layout_gives_the_same_scores_as_one_row_per_sheet():
    lines = ["participante,grupo,instructora,género,indígena,capítulo,momento,pregunta,respuesta"]
    for pid, (cohort, instructor, pre, post) in {**A, **B}.items():
        for phase, right in (("pre", pre), ("post", post)):
            if right is None:
                continue
            for number, letter in enumerate(_letters(right), 1):
                lines.append(f"{pid},{cohort},{instructor},mujer,No,1,{phase},{number},"
                             f"{letter}")
    long = field_scores(parse_field_checks("\n".join(lines) + "\n"))
    wide = field_scores(parse_field_checks(_csv({**A, **B})))
    key = ["participant_id", "chapter", "phase"]
    assert long.sort_values(key).reset_index(drop=True).equals(
        wide.sort_values(key).reset_index(drop=True))


def test_an_excel_file_in_cp1252_with_semicolons(tmp_path):
    text = ("ID participante;Cohorte;ID instructora;Género;Indígena;Capítulo;Fase;P1;P2;P3\r\n"
            "e1;Cuetzalan;i01;Mujer;Sí;ch01;Antes;b;c;\r\n"
            "e1;Cuetzalan;i01;;;ch01;Después;(B);a;A\r\n")
    path = tmp_path / "chequeos.csv"
    path.write_bytes(text.encode("cp1252"))
    checks = read_field_checks(path)
    assert checks.encoding == "cp1252" and checks.delimiter == ";"
    assert [w.code for w in checks.warnings] == ["encoding"]
    assert field_scores(checks)[["phase", "correct", "questions"]].values.tolist() == [
        ["pre", 1, 3], ["post", 3, 3]]
    # the blanks on the second sheet are filled from the first
    assert field_participants(checks)[["participant_id", "cohort", "instructor_id", "gender",
                                       "indigenous"]].values.tolist() == [
        ["e1", "Cuetzalan", "i01", "woman", "yes"]]


def test_every_problem_of_a_checks_file_is_reported_at_once_with_row_header_and_value():
    text = ("Participante,Cohorte,Instructora,Genero,Capitulo,Fase,P1,P2,P3,P4,notas\n"
            "e1,G1,i01,Mujer,ch01,antes,b,a,a,,ok\n"      # row 2: fine
            "e1,G2,i01,Mujer,ch01,después,b,z,a,,\n"      # row 3: other cohort, bad letter
            "e 2,G1,i01,Mujer,ch99,antes,b,a,a,,\n"       # row 4: bad id, unknown chapter
            "e3,G1,,Mujer,ch01,durante,b,a,a,c,\n"        # row 5: no instructor, phase, p4
            "e1,G1,i01,Hombre,ch01,antes,b,a,a,,\n"       # row 6: repeated sheet, gender
            "e4,G1,i01,M,ch01,post,b,a,a,,\n"            # row 7: "M" is ambiguous
            "e5,G1,i01,quizá,ch01,post,b,a,a,,\n")       # row 8: not in the vocabulary
    with pytest.raises(ChecksError) as caught:
        parse_field_checks(text)
    errors = [(f.code, f.where) for f in caught.value.findings if f.level == "error"]
    assert errors == [
        ("bad_letter", "fila 3, columna 'P2'"),
        ("conflict", "fila 3, columna 'Cohorte'"),
        ("bad_participant_id", "fila 4, columna 'Participante'"),
        ("unknown_chapter", "fila 4, columna 'Capitulo'"),
        ("empty_cell", "fila 5, columna 'Instructora'"),
        ("bad_phase", "fila 5, columna 'Fase'"),
        ("extra_answer", "fila 5, columna 'P4'"),
        ("conflict", "fila 6, columna 'Genero'"),
        ("duplicate_sheet", "fila 6, columna 'Participante'"),
        ("ambiguous_gender", "fila 7, columna 'Genero'"),
        ("bad_gender", "fila 8, columna 'Genero'"),
    ]
    message = str(caught.value)
    assert "11 problema(s)" in message
    for value in ("'G2'", "'z'", "'e 2'", "'ch99'", "'durante'", "'c'", "'Hombre'", "«M»",
                  "«quizá»"):
        assert value in message
    warnings = {f.code for f in caught.value.findings if f.level == "warning"}
    assert warnings == {"unknown_column"}


def test_a_checks_file_without_the_columns_it_needs():
    with pytest.raises(ChecksError) as caught:
        parse_field_checks("participante,capitulo\ne1,ch01\n")
    codes = [f.code for f in caught.value.findings]
    assert codes == ["missing_columns", "no_answers"]
    with pytest.raises(ChecksError, match="no tiene chequeos"):
        parse_field_checks("\n\n")


def test_two_scores_for_the_same_check_are_refused():
    scores = pd.DataFrame({"participant_id": ["a", "a"], "cohort": ["A", "A"],
                           "chapter": ["ch01", "ch01"], "phase": ["pre", "pre"],
                           "correct": [1, 2], "questions": [3, 3]})
    with pytest.raises(ValueError, match="'a' tiene dos calificaciones"):
        participant_gains(scores)


# -- the report section ------------------------------------------------------------------------

class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_section_has_a_captioned_table_and_a_chart_with_alt_text(lang):
    scores = field_scores(parse_field_checks(_csv({**A, **C})))
    title, body, table = gains_section(scores, audience="entrepreneurs", lang=lang)
    assert title == t("cohort.gains.title.entrepreneurs", lang)
    page = _Page()
    page.feed(body)
    tags = [tag for tag, _ in page.tags]
    # the table, and the chart's numbers as a table in a <details> (report.figure_html)
    assert tags.count("table") == 2 and tags.count("caption") == 2 and tags.count("img") == 1
    assert "details" in tags
    image = next(attrs for tag, attrs in page.tags if tag == "img")
    assert image["src"].startswith("data:image/png;base64,")
    assert "ch01" in image["alt"] and "86%" in image["alt"]
    assert list(table.columns) == [t(f"cohort.gains.col.{c}", lang) for c in (
        "group", "chapter", "participants", "pre", "post", "matched", "pre_100", "pre_mean",
        "post_mean", "gain_individual", "gain_class")]
    assert t("cohort.gains.all_chapters", lang) in set(table.iloc[:, 1])
    assert "<script" not in body


def test_the_section_shows_no_small_group_and_no_chart_without_a_big_one():
    scores = field_scores(parse_field_checks(_csv(B)))
    _, body, table = gains_section(scores, audience="instructors")
    assert "<img" not in body
    assert "33.3%" not in body and "77.8%" not in body  # B's own means
    assert set(table.iloc[:, 2]) == {SMALL}
    _, empty, _ = gains_section(pd.DataFrame(columns=["participant_id", "cohort", "chapter",
                                                      "phase", "correct", "questions"]))
    assert t("cohort.gains.no_data") in empty
    assert MIN_GROUP == 5


def test_every_text_is_in_both_languages_with_the_same_placeholders():
    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    keys = [k for k in texts() if k.startswith(("cohort.gains.", "cohort.cascade."))]
    assert len(keys) > 60
    for key in keys:
        pair = texts()[key]
        assert all(pair.get(lang, "").strip() for lang in LANGUAGES), key
        assert fields(pair["es"]) == fields(pair["en"]), key


def test_a_sheet_shorter_than_its_chapter_s_questions_is_warned_for_that_chapter_only(tmp_path):
    # ch04's notes ask 4 diagnostic questions; a sheet that stops at P3 warns for ch04 and
    # for no chapter the file does not hold (ch01's 3 questions fit).
    from mipyme.facilitator import load_notes

    assert len(load_notes("ch04").questions) > 3 >= len(load_notes("ch01").questions)
    path = tmp_path / "chequeos.csv"
    path.write_text("Participante,Cohorte,Instructora,Capitulo,Fase,P1,P2,P3\n"
                    "e1,G1,i01,ch04,antes,b,a,a\n"
                    "e1,G1,i01,ch01,antes,b,a,a\n", encoding="utf-8")
    warnings = [w for w in read_field_checks(path).warnings if w.code == "short_sheet"]
    assert len(warnings) == 1 and "ch04" in warnings[0].message
