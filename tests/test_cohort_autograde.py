"""``mipyme autograde`` over a real nbgrader course with ordinary, broken and hostile
submissions: the batch completes, every grade is what stock ``nbgrader autograde`` gives,
every odd submission gets a score and a reason, the sandbox keeps the course safe, reruns
lose and duplicate nothing, and feedback does not show the hidden tests."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import nbformat
import pytest

from autograde_support import (
    HIDDEN_MARK,
    NOTEBOOK,
    ORDINARY,
    TAMPERING,
    Listener,
    cell_scores,
    copy_course,
    hand_in,
    hostile_corpus,
    journal,
    make_course,
    submission_rows,
)
from cohort_support import ASSIGNMENT, nbgrader
from exercise_support import secret_lines
from mipyme.cohort.autograde import autograde
from mipyme.cohort.feedback import generate_feedback
from mipyme.cohort.sandbox import Limits

#: Submissions stock nbgrader grades without harm: the scores must be the same.
EQUIVALENT = (*ORDINARY, "edit_locked", "delete_locked", "silence")
#: Hostile submissions whose salary cell never finishes: household tests count, salary not.
SALARY_BROKEN = ("loop", "stubborn", "memory", "forkbomb", "exit", "flood")
#: Hostile code in a cell of their own: the attack fails, the answers still count.
ATTACKS = ("snoop", "network", "vandal", "forger", "children")
#: Tampering that beats stock nbgrader (graded there too, to show the attack is real).
BEATS_STOCK = ("transformer", "kit_patch")
#: Generous: a loaded CI machine must not time out honest cells.
LIMITS = Limits(cell_timeout=20, notebook_timeout=90)


@pytest.fixture(scope="module")
def listener():
    server = Listener()
    yield server
    server.close()


@pytest.fixture(scope="module")
def courses(tmp_path_factory, listener):
    """The course graded by ``mipyme autograde`` and a copy graded by stock nbgrader."""
    base = tmp_path_factory.mktemp("autograde")
    course = make_course(base / "buap-ag", ["seed"])
    for student, work in hostile_corpus(course, listener.port).items():
        hand_in(course, student, work)
    stock = copy_course(course, base / "stock")
    for folder in (stock / "submitted").iterdir():
        if folder.name not in (*EQUIVALENT, *BEATS_STOCK):
            shutil.rmtree(folder)
    report = autograde(ASSIGNMENT, course, workers=2, limits=LIMITS, lang="en")
    nbgrader(stock, "autograde", ASSIGNMENT, "--force")
    return course, stock, report


def test_the_batch_completes_with_a_score_for_everyone(courses):
    course, _, report = courses
    handed_in = {p.name for p in (course / "submitted").iterdir()}
    assert {r.student for r in report.results} == handed_in
    assert report.ok, report.summary("en")
    for result in report.results:
        assert result.status in ("graded", "flagged", "zero", "manual"), result
        assert result.score is not None and result.max_score == 11.0, result
    scores = cell_scores(course)
    assert set(scores) == handed_in


def test_scores_are_those_of_stock_nbgrader(courses):
    course, stock, _ = courses
    ours, theirs = cell_scores(course), cell_scores(stock)
    for student in EQUIVALENT:
        assert ours[student] == theirs[student], student
        mine = sorted(p.name for p in (course / "autograded" / student / ASSIGNMENT).iterdir())
        stocks = sorted(p.name for p in (stock / "autograded" / student / ASSIGNMENT).iterdir())
        assert mine == stocks, student
    assert sum(ours["solution"].values()) == 5.0  # all four tests; the written parts by hand
    assert sum(ours["blank"].values()) == 0.0


def test_nbgrader_export_reads_the_gradebook_mipyme_wrote(courses):
    import csv

    course = courses[0]
    nbgrader(course, "export", "--to", str(course / "grades.csv"))
    with open(course / "grades.csv", newline="", encoding="utf-8") as rows:
        scores = {r["student_id"]: float(r["score"]) for r in csv.DictReader(rows)
                  if r["assignment"] == ASSIGNMENT}
    totals = {s: sum(cells.values()) for s, cells in cell_scores(course).items()}
    assert {s: scores[s] for s in totals} == totals


def test_hostile_submissions_lose_only_what_they_broke(courses):
    scores = cell_scores(courses[0])
    solution = scores["solution"]
    for student in SALARY_BROKEN:
        for cell, score in scores[student].items():
            expected = solution[cell] if cell.startswith("test_household") else 0.0
            assert score == expected, (student, cell)
    for student in ATTACKS:
        assert scores[student] == solution, student


REASONS = {
    "loop": ("flagged", "cohort.reason.timeout"),
    "stubborn": ("flagged", "cohort.reason.stuck"),
    "memory": ("flagged", "cohort.reason.memory"),
    "exit": ("flagged", "cohort.reason.died"),
    "flood": ("flagged", "cohort.reason.output"),
    "snoop": ("flagged", "cohort.reason.errors_outside"),
    "network": ("flagged", "cohort.reason.errors_outside"),
    "vandal": ("flagged", "cohort.reason.errors_outside"),
    "forger": ("flagged", "cohort.reason.errors_outside"),
    "edit_locked": ("flagged", "cohort.reason.changed_cells"),
    "delete_locked": ("flagged", "cohort.reason.deleted_cells"),
    # nbgrader cannot grade them: left for hand grading as nbgrader leaves them
    "corrupt": ("manual", "cohort.dropin.unreadable"),
    "empty": ("manual", "cohort.dropin.unreadable"),
    "misnamed": ("zero", "cohort.reason.missing_notebook"),
}


@pytest.mark.parametrize("student", sorted(REASONS))
def test_each_odd_submission_gets_its_reason_in_both_languages(courses, student):
    result = courses[2].by_student()[student]
    status, key = REASONS[student]
    assert result.status == status, result
    assert key in [k for k, _ in result.reasons], result
    assert result.reason("es") and result.reason("en") and result.reason("es") != result.reason(
        "en")


def test_tampering_with_the_tests_buys_nothing(courses):
    """Tests run in a judge apart from the student's kernel: a new parser, new builtins, a
    patched kit or a hook that prints each cell change nothing, and no test code leaks."""
    scores, stock = cell_scores(courses[0]), cell_scores(courses[1])
    for student in BEATS_STOCK:  # in stock nbgrader the wrong answer passes
        assert stock[student]["test_salary_lowest"] > 0, student
    for student in TAMPERING:
        assert scores[student] == scores["sueldo_promedio"], student
        assert scores[student]["test_salary_lowest"] == 0.0, student
    course = courses[0]
    for student in TAMPERING:
        for line in ("owner_salary_plan", "revisa_sueldo(", "SEEN", "CELL revisa"):
            outputs = "".join(json.dumps(c.get("outputs", [])) for c in
                              nbformat.read(course / "autograded" / student / ASSIGNMENT /
                                            NOTEBOOK, as_version=4).cells)
            assert line not in outputs, (student, line)


def test_silenced_errors_do_not_silence_the_tests(courses):
    nb = nbformat.read(courses[0] / "autograded" / "silence" / ASSIGNMENT / NOTEBOOK,
                       as_version=4)
    errors = [o for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")
              for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors and all("NotImplementedError" in o["evalue"] or "respondes" in o["evalue"]
                          for o in errors), errors


def test_limits_hold_for_the_whole_submission(courses):
    """Three children of 1.5 GB share the box's 2 GiB (some are killed), and 40 cells of 3 s,
    each within the cell limit, stop at the notebook's 90 s."""
    by_student = courses[2].by_student()
    nb = nbformat.read(courses[0] / "autograded" / "children" / ASSIGNMENT / NOTEBOOK,
                       as_version=4)
    text = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
    assert "KILLED" in text and "KILLED 0" not in text, text[:500]
    sleepy = by_student["sleepy"]
    assert "cohort.reason.notebook_timeout" in [k for k, _ in sleepy.reasons], sleepy
    assert cell_scores(courses[0])["sleepy"] == {cell: 0.0 for cell in
                                                 cell_scores(courses[0])["solution"]}


def test_a_fork_bomb_is_stopped_with_a_reason(courses):
    result = courses[2].by_student()["forkbomb"]
    assert result.status == "flagged" and result.reasons, result


def test_ordinary_submissions_carry_no_reason(courses):
    by_student = courses[2].by_student()
    for student in ORDINARY:
        assert by_student[student].status == "graded", by_student[student]
        assert not by_student[student].reasons


def test_wrong_scores_stay_wrong_and_edited_tests_are_restored(courses):
    scores = cell_scores(courses[0])
    assert scores["edit_locked"] == scores["sueldo_promedio"]  # the edit bought nothing
    assert scores["delete_locked"]["test_household_found"] == 0.0
    assert scores["silence"] == scores["blank"]
    for student in ("corrupt", "empty", "misnamed"):
        assert set(scores[student].values()) == {0.0}
    from nbgrader.api import Gradebook

    from mipyme.cohort.course import gradebook_url

    with Gradebook(gradebook_url(courses[0])) as gb:
        for student in ("corrupt", "empty"):  # never silent final zeros
            sub = gb.find_submission(ASSIGNMENT, student)
            assert sub.needs_manual_grade, student
        assert not gb.find_submission(ASSIGNMENT, "misnamed").needs_manual_grade
    assert courses[2].exit_code == 1
    reason = courses[2].by_student()["misnamed"].reason("en")
    assert "Ch01_fundamentos (1).ipynb" in reason and NOTEBOOK in reason


def _outputs(nb: nbformat.NotebookNode) -> str:
    """Everything the cells printed or showed (not their code, nor tracebacks quoting it),
    and the names and messages of their errors."""
    import json

    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                parts.append(f"{out.get('ename')}: {out.get('evalue')}")
            else:
                parts.append(json.dumps(out, ensure_ascii=False))
    return "\n".join(parts)


def test_the_sandbox_kept_the_course_the_tests_and_the_network_safe(courses, listener):
    course = courses[0]
    assert listener.hits == []
    for name in ("gradebook.db", "nbgrader_config.py", f"source/{ASSIGNMENT}/{NOTEBOOK}"):
        assert (course / name).is_file(), name
    executed = nbformat.read(course / "autograded" / "snoop" / ASSIGNMENT / NOTEBOOK,
                             as_version=4)
    text = _outputs(executed)
    source = nbformat.read(course / "source" / ASSIGNMENT / NOTEBOOK, as_version=4)
    assert HIDDEN_MARK not in text
    assert not [line for line in secret_lines(source) if line in text]
    assert "FOUND 0" in text and "FileNotFoundError" in text
    scores = cell_scores(course)
    assert scores["forger"] == scores["solution"]
    network = _outputs(nbformat.read(
        course / "autograded" / "network" / ASSIGNMENT / NOTEBOOK, as_version=4))
    assert "URLError" in network and "leak" not in network


def test_a_rerun_skips_everything_and_force_grades_again(courses):
    course, _, first = courses
    rows = submission_rows(course)
    again = autograde(ASSIGNMENT, course, workers=2, limits=LIMITS, lang="en")
    # what nbgrader could not grade is tried again, as nbgrader does, and still waits
    assert {r.student: r.status for r in again.results if r.status != "skipped"} == {
        "corrupt": "manual", "empty": "manual"}
    assert again.exit_code == 1
    assert [(r.student, r.score) for r in again.results] == [
        (r.student, r.score) for r in first.results]
    forced = autograde(ASSIGNMENT, course, students=["solution", "corrupt"], force=True,
                       limits=LIMITS, lang="en")
    assert [r.status for r in forced.results] == ["manual", "graded"]
    assert submission_rows(course) == rows


def _page_text(path) -> str:
    """The text a reader sees on an HTML page (no tags, styles or scripts)."""
    import html
    import re

    text = path.read_text(encoding="utf-8")
    text = re.sub(r"<(style|script)\b.*?</\1>", "", text, flags=re.S | re.I)
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def test_feedback_names_failed_checks_without_hidden_tests(courses):
    course, stock, _ = courses
    written = generate_feedback(ASSIGNMENT, course, students=["sueldo_promedio", "solution"])
    assert len(written) == 2
    source = nbformat.read(course / "source" / ASSIGNMENT / NOTEBOOK, as_version=4)
    secrets = secret_lines(source, regions=("HIDDEN TESTS",))
    assert len(secrets) > 10
    page = _page_text(course / "feedback" / "sueldo_promedio" / ASSIGNMENT /
                      NOTEBOOK.replace(".ipynb", ".html"))
    assert not [line for line in secrets if line in page]
    assert "most recent call last" not in page and "AssertionError" not in page
    assert "did not pass" in page and "no pasó" in page  # both languages
    assert "test_salary_lowest" in page
    # stock nbgrader's feedback for the same submission does show the hidden tests
    nbgrader(stock, "generate_feedback", ASSIGNMENT, "--force")
    stock_page = _page_text(stock / "feedback" / "sueldo_promedio" / ASSIGNMENT /
                            NOTEBOOK.replace(".ipynb", ".html"))
    assert [line for line in secrets if line in stock_page]


def _cli(*args: str, env: dict | None = None, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "mipyme.cli", "--lang", "en", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env, start_new_session=True, **kwargs)


def test_killing_a_batch_midway_loses_and_duplicates_nothing(courses, tmp_path):
    base = courses[0]
    course = make_course(tmp_path / "kill", ["seed"])
    people = [f"s{i}" for i in range(6)]
    for i, student in enumerate(people):
        kind = ORDINARY[i % len(ORDINARY)]
        shutil.copytree(base / "submitted" / kind, course / "submitted" / student)
    proc = _cli("autograde", ASSIGNMENT, "--course", str(course), "--workers", "1")
    deadline = time.monotonic() + 300
    while len(journal(course)) < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    recorded = {r["student"] for r in journal(course)}
    assert 2 <= len(recorded) < len(people)
    done = _cli("autograde", ASSIGNMENT, "--course", str(course), "--workers", "2")
    out, err = done.communicate(timeout=600)
    assert done.returncode == 0, err
    assert f"{len(people)}/{len(people)}" in err  # the progress bar
    assert f"{len(recorded)} already graded" in out
    scores = cell_scores(course)
    expected = cell_scores(base)
    for i, student in enumerate(people):
        assert scores[student] == expected[ORDINARY[i % len(ORDINARY)]], student
    rows = submission_rows(course)
    assert rows["submissions"] == len(people)
    assert rows["notebooks"] == len(people)
    assert rows["grades"] == len(people) * len(expected["solution"])


def test_without_a_sandbox_it_refuses_unless_told(tmp_path, courses):
    course = courses[0]
    bare = tmp_path / "bin"  # a PATH without bwrap
    bare.mkdir()
    env = {**os.environ, "PATH": str(bare)}
    proc = _cli("autograde", ASSIGNMENT, "--course", str(course), env=env)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 3
    assert "bubblewrap" in err and "--unsafe-no-sandbox" in err
    assert submission_rows(course)["submissions"] == len(list((course / "submitted").iterdir()))


def test_bad_arguments_name_the_argument_and_the_value(tmp_path, courses):
    from mipyme.errors import InputError

    with pytest.raises(InputError, match=r"'course'.*nowhere"):
        autograde(ASSIGNMENT, tmp_path / "nowhere")
    with pytest.raises(InputError, match=r"'workers'.*0"):
        autograde(ASSIGNMENT, courses[0], workers=0)
    with pytest.raises(InputError, match=r"'assignment'.*ch99"):
        autograde("ch99", courses[0])
