"""The contract every graded exercise keeps, checked for every assignment of the curriculum map.

Through the real nbgrader (generate_assignment, then autograde): the release hides solutions
and hidden tests; the instructor's solution handed in as a student gets every autograded
point; the blank release gets none, each cell with a plain-words reason in both languages;
each typical-mistake submission in ``tests/fixtures/submissions/<assignment>/`` gets exactly
the points written in its file, with feedback that names the mistake. Without nbgrader: the
source notebook is built from its spec, and every feedback message the spec names exists in
both languages.

Each assertion here is the strictest one that the four room modules used to repeat; what
belongs to one chapter (which misconceptions its fixtures cover, the solutions agreeing with
the library on any input) stays in ``test_exercises_<room>.py``.

Every submission of every assignment is graded in ONE ``grade_many`` call (the assignments
run in parallel), because each notebook costs a kernel start.
"""

from __future__ import annotations

import re

import nbformat
import pytest

from exercise_support import ROOT, grade_course, mistakes, read_step, secret_lines
from mipyme.curriculum import load_curriculum
from mipyme.grading.build_source import build_notebook, load_spec
from mipyme.grading.roundtrip import answer_cells, solutions
from mipyme.i18n import texts

ASSIGNMENTS = tuple(c.assignment for c in load_curriculum().ready())
MISTAKES = [(a, name) for a in ASSIGNMENTS for name in mistakes(a)]


def spec(assignment: str) -> dict:
    return load_spec(ROOT / "exercises" / "specs" / f"{assignment}.toml")


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    return grade_course(tmp_path_factory.mktemp("course"), ASSIGNMENTS)


def test_every_chapter_of_the_map_has_its_graded_exercise():
    assert len(ASSIGNMENTS) == 18
    for assignment in ASSIGNMENTS:
        assert (ROOT / "exercises" / "specs" / f"{assignment}.toml").is_file()
        assert len(mistakes(assignment)) >= 2, assignment


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_source_notebook_is_built_from_its_spec(assignment):
    path = ROOT / "exercises" / "source" / assignment / f"{assignment}.ipynb"
    built = nbformat.writes(build_notebook(spec(assignment), ROOT)) + "\n"
    assert path.read_text(encoding="utf-8") == built
    # 2-4 autograded tasks split into test cells for partial credit, and the written answer
    # and the teach-back (last) graded by hand.
    cells = spec(assignment)["cell"]
    kinds = [c["kind"] for c in cells]
    assert 2 <= kinds.count("answer") <= 4
    assert kinds.count("tests") >= kinds.count("answer")
    assert kinds.count("written") == 2
    assert [c["id"] for c in cells if c["kind"] == "written"][-1] == "teachback"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_message_a_spec_names_exists_in_both_languages(assignment):
    text = (ROOT / "exercises" / "specs" / f"{assignment}.toml").read_text(encoding="utf-8")
    chapter = assignment[:4]
    named = set(re.findall(r'"(grading\.[a-z0-9_.]+)"', text))
    # keys built in an f-string, f"grading.ch07.who.{who}": every key under the prefix
    prefixes = set(re.findall(rf'f"(grading\.{chapter}\.[a-z0-9_.]+\.)\{{', text))
    entries = texts()
    # A chapter's own messages (grading.chNN.*), or the room's shared ones (grading.unit.*).
    own = {k for k in entries if k.startswith(f"grading.{chapter}.")}
    assert len(named | prefixes) >= 3, "the spec names what each mistake means"
    assert named - set(entries) == set()
    for prefix in prefixes:
        assert any(k.startswith(prefix) for k in entries), prefix
    unused = {k for k in own if k not in named and not any(k.startswith(p) for p in prefixes)}
    assert unused == set(), "no unused message left in the chapter's file"
    for key in own | named:
        assert entries[key]["es"].strip() and entries[key]["en"].strip(), key
        assert entries[key]["es"] != entries[key]["en"], key


def test_the_fixture_files_are_valid_submissions():
    for assignment in ASSIGNMENTS:
        source = ROOT / "exercises" / "source" / assignment / f"{assignment}.ipynb"
        known = set(answer_cells(nbformat.read(source, as_version=4)))
        for name, case in mistakes(assignment).items():
            assert set(case["answers"]) <= known, (assignment, name)
            assert isinstance(case["score"], int) and case["lost"], (assignment, name)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_release_has_no_solution_and_no_hidden_test(graded, assignment):
    source = read_step(graded, "source", assignment)
    release = read_step(graded, "release", assignment)
    text = "\n".join(cell.source for cell in release.cells)
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "HIDDEN TESTS", "MARK SCHEME"):
        assert marker not in text
    secrets = secret_lines(source)
    assert len(secrets) > 10  # the check below is not empty
    assert sorted(line for line in secrets if line in text) == []
    # Every solution region of a code cell was replaced by the bilingual stub.
    regions = sum(c.source.count("### BEGIN SOLUTION") for c in source.cells
                  if c.cell_type == "code")
    assert regions >= len(solutions(source)) >= 2
    assert text.count("raise NotImplementedError()") == regions
    assert "ESCRIBE TU RESPUESTA AQUÍ / WRITE YOUR ANSWER HERE" in text


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_instructors_solution_gets_full_marks(graded, assignment):
    result = graded[assignment]["solution"]
    assert result.auto_max >= 5
    assert result.failed() == []
    assert result.auto_score == result.auto_max
    # The written answer and the teach-back wait for a person with a rubric.
    manual = [c for c in result.cells if c.kind == "manual"]
    assert [c.max_score for c in manual] == [2.0, 4.0]
    assert manual[-1].name == "teachback"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_blank_release_gets_zero_with_a_plain_words_reason(graded, assignment):
    result = graded[assignment]["blank"]
    assert result.auto_score == 0
    assert len(result.failed()) == len(result.scores())
    for cell in result.failed():
        assert "Todavía no respondes" in result.message(cell)
        assert "You have not answered" in result.message(cell)


@pytest.mark.parametrize(("assignment", "case"), MISTAKES)
def test_a_typical_mistake_gets_the_expected_partial_points(graded, assignment, case):
    expected = mistakes(assignment)[case]
    result = graded[assignment][case]
    assert sorted(result.failed()) == sorted(expected["lost"])
    assert result.auto_score == expected["score"]
    assert 0 <= result.auto_score < result.auto_max
    for cell, words in expected.get("messages", {}).items():
        message = result.message(cell)
        assert words in message
        assert "Traceback" not in message
        assert len(message.split("\n")) == 2  # Spanish, then English
    frame = result.feedback("en")
    assert list(frame.columns) == ["cell", "points", "maximum", "what is missing"]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_no_test_cell_shows_a_value_nbgrader_would_read_as_partial_credit(graded, assignment):
    done = read_step(graded, "autograded", assignment, "solution")
    for cell in done.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") and cell.cell_type == "code":
            kinds = [o.output_type for o in cell.outputs]
            assert "execute_result" not in kinds, meta["grade_id"]
            assert "error" not in kinds, meta["grade_id"]
            assert "stream" not in kinds, meta["grade_id"]  # no warnings either
