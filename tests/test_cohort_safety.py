"""Nothing a student or a roster wrote can run where an instructor opens it.

Feedback pages (``mipyme feedback``) keep no script, handler, frame or ``javascript:`` link
from a student's notebook, and a hidden test's failure shows only the kit's own words, never
the expected values a test library prints. Grade files (CSV, Moodle, Canvas) and the course's
roster copy never hold a text a spreadsheet would run as a formula, and a roster whose ids
have control characters is refused, naming the row, the column, the rule and the value.
"""

from __future__ import annotations

import base64
import csv
import html
import re
import unittest
from decimal import Decimal
from html.parser import HTMLParser

import nbformat
import numpy as np
import pandas as pd
import pytest

from cohort_support import ASSIGNMENT, nbgrader, write_roster_csv
from mipyme.cohort.course import init_course
from mipyme.cohort.export import canvas_rows, csv_rows, export_grades, moodle_rows, write_grades
from mipyme.cohort.feedback import (
    clean_html,
    clean_svg,
    content_policy,
    disarm_page,
    generate_feedback,
    is_kit_message,
    plain_feedback,
    safe_notebook,
)
from mipyme.cohort.roster import (
    RosterError,
    parse_roster,
    read_roster,
    spreadsheet_text,
    validate_student_id,
    write_roster,
)
from mipyme.errors import InputError
from mipyme.grading.feedback import say
from mipyme.grading.roundtrip import fill, solutions
from mipyme.i18n import language

NOTEBOOK = f"{ASSIGNMENT}.ipynb"
FORMULAS = ("=HYPERLINK(\"http://x.example\",\"ver\")", "+52 222 1234", "-2+3", "@SUM(A1)",
            "\tcmd", "\rcmd", "＝1+1")


# -- what a browser would find in a page ---------------------------------------------------


class _Page(HTMLParser):
    """Every element and attribute of a page, as a browser's tokenizer sees them."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self._in_script: dict[str, str] | None = None
        self._script_text: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        attributes = {k.lower(): v or "" for k, v in attrs}
        self.tags.append((tag.lower(), attributes))
        if tag.lower() == "script":
            self._in_script, self._script_text = attributes, []

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag.lower(), {k.lower(): v or "" for k, v in attrs}))

    def handle_data(self, data):
        if self._in_script is not None:
            self._script_text.append(data)

    def handle_endtag(self, tag):
        if tag.lower() == "script" and self._in_script is not None:
            self.scripts.append((self._in_script, "".join(self._script_text)))
            self._in_script = None


def _url(value: str) -> str:
    return re.sub(r"[\x00-\x20\x7f-\xa0\s]+", "", html.unescape(value)).lower()


def active_parts(text: str, *, scripts_allowed: bool = False) -> list[str]:
    """What in ``text`` (HTML) could run or load a page: empty when nothing can."""
    found = []
    page = _Page(text)
    for tag, attrs in page.tags:
        if tag in ("iframe", "frame", "object", "embed", "applet", "form", "base", "portal",
                   "style", "link", "meta", "svg", "math") or (
                tag == "script" and not scripts_allowed):
            found.append(f"<{tag}>")
        for name, value in attrs.items():
            url = _url(value)
            if name == "style" and ("url(" in url or "javascript:" in url):
                found.append(f"{tag} style={value}")
            elif name.startswith("on") or name == "srcdoc":
                found.append(f"{tag} {name}=")
            elif url.startswith(("javascript:", "vbscript:")):
                found.append(f"{tag} {name}={value}")
            elif url.startswith("data:") and not (tag == "img" and name == "src"
                                                  and url.startswith("data:image/")):
                found.append(f"{tag} {name}={value[:30]}")
    return found


HOSTILE_HTML = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)><circle r=3></circle></svg>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
    "<a href=\" JAVASCRIPT:alert(1)\">x</a>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
    "<img src=\"data:text/html,<script>alert(1)</script>\">",
    "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
    "<form action=\"javascript:alert(1)\"><button>x</button></form>",
    "<object data=\"x.swf\"></object><embed src=\"x.swf\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<base href=\"javascript:alert(1)//\">",
    "<details open ontoggle=alert(1)>x</details>",
    "<input autofocus onfocus=alert(1)>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<style>body{display:none}</style>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
    "<!--<img src=x onerror=alert(1)>-->",
    "<svg><animate attributeName=href values=javascript:alert(1) /><a><text>x</text></a></svg>",
)


@pytest.mark.parametrize("payload", HOSTILE_HTML)
def test_clean_html_leaves_nothing_that_can_run(payload):
    cleaned = clean_html(f"<p>antes</p>{payload}<p>después</p>")
    assert active_parts(cleaned) == [], cleaned
    assert "<p>antes</p>" in cleaned and "<p>después</p>" in cleaned


def test_the_checks_of_this_file_see_the_attacks():
    unseen = {p for p in HOSTILE_HTML if not active_parts(p)}
    assert len(unseen) <= 3, unseen  # a comment, and two that only a confused parser runs


def test_clean_html_keeps_what_a_notebook_shows():
    text = ("<h2 id=\"t\">Título</h2><p>Hola <b>mundo</b> <em>y</em> <code>x</code></p>"
            "<table class=\"dataframe\" border=\"1\"><thead><tr style=\"text-align: right;\">"
            "<th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>"
            "<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"gráfica\">"
            "<a href=\"https://www.gob.mx/sat\">SAT</a>")
    cleaned = clean_html(text)
    for kept in ("<h2 id=\"t\">Título</h2>", "<b>mundo</b>", "<em>y</em>", "<code>x</code>",
                 "<th>a</th>", "<td>1</td>", "style=\"text-align: right;\"",
                 "src=\"data:image/png;base64,iVBORw0KGgo=\"", "alt=\"gráfica\"",
                 "href=\"https://www.gob.mx/sat\""):
        assert kept in cleaned, kept


def test_clean_svg_takes_out_scripts_handlers_and_links_but_keeps_the_drawing():
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
           ' onload="alert(1)"><script>alert(2)</script><defs><path id="p" d="M0 0"/></defs>'
           '<use xlink:href="#p"/><a xlink:href="javascript:alert(3)"><text>x</text></a>'
           '<foreignObject><div>hi</div></foreignObject><circle r="3" onclick="alert(4)"/>'
           '</svg>')
    cleaned = clean_svg(svg)
    assert "alert" not in cleaned and "foreignObject" not in cleaned
    assert 'xlink:href="#p"' in cleaned and "<circle" in cleaned and "<text>x</text>" in cleaned
    assert clean_svg('<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>') is None


def test_safe_notebook_keeps_only_outputs_a_page_shows_without_running_them():
    outputs = [
        nbformat.v4.new_output("display_data", data={"application/javascript": "alert(1)"}),
        nbformat.v4.new_output("display_data", data={
            "application/vnd.jupyter.widget-view+json": {"model_id": "x"},
            "text/plain": "IntSlider()"}),
        nbformat.v4.new_output("display_data", data={
            "text/html": "<img src=x onerror=alert(2)><b>ok</b>"},
            metadata={"text/html": {"isolated": True}}),
        nbformat.v4.new_output("display_data", data={"text/markdown": "<script>alert(3)</script>"
                                                                     "\n\n*hola*"}),
        nbformat.v4.new_output("display_data", data={"image/png": "iVBORw0KGgo="},
                               metadata={"image/png": {"width": 40},
                                         "filenames": {"image/png": "javascript:alert(4)"}}),
        nbformat.v4.new_output("stream", name="stdout", text="<script>alert(5)</script>"),
    ]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x", outputs=outputs)])
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    kept = safe_notebook(nb).cells[0].outputs
    assert [sorted(o.get("data", {})) for o in kept] == [
        ["text/plain"], ["text/html"], ["text/html"], ["image/png"], []]
    assert kept[1].data["text/html"] == "<img src=\"x\"><b>ok</b>" and not kept[1].metadata
    assert "<em>hola</em>" in kept[2].data["text/html"] and "alert" not in kept[2].data[
        "text/html"]
    assert kept[3].metadata == {"image/png": {"width": 40}}
    assert kept[4].text == "<script>alert(5)</script>"  # text: the page escapes it
    assert "widgets" not in nb.metadata


TEMPLATE = ('<!DOCTYPE html><html><head><meta charset="utf-8" /><title>n</title>'
            '<script src="https://cdnjs.cloudflare.com/ajax/libs/mathjax/2.7.7/latest.js'
            '?config=TeX-AMS_CHTML-full,Safe"> </script>'
            '<script type="text/x-mathjax-config">init_mathjax();</script>'
            '<script>var ok = 1;</script></head><body></body></html>')


def test_disarm_page_keeps_the_template_scripts_and_nothing_else():
    body = "".join(HOSTILE_HTML) + '<script type="text/x-mathjax-config">steal()</script>'
    page = TEMPLATE.replace("<body></body>", f"<body>{body}</body>")
    assert len(_Page(page).scripts) > 3
    out = disarm_page(page, TEMPLATE)
    scripts = _Page(out).scripts
    assert scripts == _Page(TEMPLATE).scripts
    leftover = [p for p in active_parts(out, scripts_allowed=True)
                if p not in ("<meta>", "<style>", "<svg>", "<math>")]  # inert once disarmed
    assert leftover == []
    policy = next(a["content"] for t, a in _Page(out).tags
                  if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert policy == content_policy(TEMPLATE)
    assert "default-src 'none'" in policy and "'unsafe-inline'" not in policy.split(
        "script-src")[1].split(";")[0]
    assert "https://cdnjs.cloudflare.com/ajax/libs/mathjax/" in policy
    assert "'sha256-" in policy  # the template's inline script, by hash


# -- hidden tests: the kit's words only ----------------------------------------------------


def _failure(check) -> tuple[str, str]:
    try:
        check()
    except AssertionError as err:
        return type(err).__name__, str(err)
    raise AssertionError("the check was meant to fail")


def _test_cell(grade_id: str, source: str, error: tuple[str, str]) -> nbformat.NotebookNode:
    ename, evalue = error
    cell = nbformat.v4.new_code_cell(source, outputs=[nbformat.v4.new_output(
        "error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"])])
    cell.metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True,
                                 "grade_id": grade_id, "points": 1, "score": 0.0}
    return cell


def _hidden(code: str) -> str:
    return f"x = 1\n### BEGIN HIDDEN TESTS\n{code}\n### END HIDDEN TESTS"


LIBRARY_FAILURES = {
    "numpy": lambda: np.testing.assert_allclose(np.array([1.0, 2.0]),
                                                np.array([98765.4321, 2.0])),
    "pandas": lambda: pd.testing.assert_frame_equal(pd.DataFrame({"a": [1.5]}),
                                                    pd.DataFrame({"a": [98765.4321]})),
    "unittest": lambda: unittest.TestCase().assertEqual(1.5, 98765.4321),
    "assert": lambda: np.testing.assert_equal(2, 98765.4321),
}


def test_a_hidden_test_shows_only_the_kit_words_never_expected_values():
    kit = say("grading.amount_wrong", what="total", expected="1,160.00", got="1,000.00")
    cells = [_test_cell(f"test_{name}", _hidden("check()"), _failure(check))
             for name, check in LIBRARY_FAILURES.items()]
    assert all("98765" in c.outputs[0].evalue for c in cells)  # what would leak
    cells.append(_test_cell("test_kit", _hidden("check()"), ("AssertionError", kit)))
    cells.append(_test_cell("test_key", _hidden("d['secreto']"),
                            ("KeyError", "'columna_secreta_98765'")))
    cells.append(_test_cell("test_visible", "check()", _failure(LIBRARY_FAILURES["numpy"])))
    nb = plain_feedback(nbformat.v4.new_notebook(cells=cells))
    shown = {c.metadata.nbgrader.grade_id: c.outputs[0].text for c in nb.cells[1:]}
    generic = say("cohort.feedback.hidden_failed")
    for name in (*(f"test_{n}" for n in LIBRARY_FAILURES), "test_key"):
        assert "98765" not in shown[name] and "DESIRED" not in shown[name], shown[name]
        # each language's line once, after that language's "did not pass"
        assert all(line in shown[name] for line in generic.splitlines()), shown[name]
    assert all(line in shown["test_kit"] for line in kit.splitlines())
    assert "98765" in shown["test_visible"]  # a visible test may say what it expected
    rows = [line for line in nb.cells[0].source.splitlines() if line.startswith("| `test_")]
    assert len(rows) == len(nb.cells) - 1
    for row in rows:  # the summary at the top says the same: values for the visible one only
        assert ("98765" in row) == row.startswith("| `test_visible`"), row
    assert "BEGIN HIDDEN" not in "".join(c.source for c in nb.cells)


def test_a_cell_that_differs_from_its_release_counts_as_hidden():
    cell = _test_cell("test_x", "check_secret()", _failure(LIBRARY_FAILURES["unittest"]))
    nb = plain_feedback(nbformat.v4.new_notebook(cells=[cell]), {"test_x": "# released"})
    assert "98765" not in nb.cells[1].outputs[0].text
    assert nb.cells[1].source == "# released"


def test_kit_messages_are_recognised_and_test_library_reports_are_not():
    assert is_kit_message(say("grading.not_a_number", what="x", value="'tres'"))
    assert is_kit_message(say("grading.not_answered", name="sale_entry"))
    for check in LIBRARY_FAILURES.values():
        assert not is_kit_message(_failure(check)[1])
    with language("en"):  # one language alone is not what say() gives
        from mipyme.i18n import t
        assert not is_kit_message(t("grading.not_answered", name="f"))
    assert not is_kit_message(say("grading.not_answered", name="a\nb"))


# -- a real feedback page --------------------------------------------------------------------


HIDDEN_CELLS = {
    "test_hidden_numpy": _hidden("np.testing.assert_allclose(np.array([1.0, 2.0]), "
                                 "np.array([98765.4321, 2.0]))"),
    "test_hidden_unittest": _hidden("import unittest\n"
                                    "unittest.TestCase().assertEqual(1.5, 54321.987)"),
    "test_hidden_kit": _hidden('check(False, "grading.amount_wrong", what="total", '
                               'expected="1,160.00", got="1,000.00")'),
    "test_visible_numpy": "np.testing.assert_allclose(np.array([1.0]), np.array([24680.5]))",
}

STUDENT_MARKDOWN = ("**hola_ok** <script>alert(1)</script>\n\n"
                    "<a href=\"javascript:alert(2)\">liga</a> <img src=x onerror=\"alert(3)\">")
STUDENT_CODE = """
from IPython.display import HTML, SVG, Javascript, Markdown, display
s = "scr" + "ipt"
display(HTML("<img src=x on" + "error='window.pw" + "ned_img=1'>"
             "<ifr" + "ame src='https://example.com/frm'></ifr" + "ame><b>negritas_ok</b>"))
display(Javascript("window.pw" + "ned_js = 1"))
display(SVG("<svg xmlns='http://www.w3.org/2000/svg' on" + "load='window.pw" + "ned_svg=1'>"
            "<" + s + ">window.pw" + "ned_svg2=1</" + s + "><circle r='3'/></svg>"))
display(Markdown("<" + s + ">window.pw" + "ned_md=1</" + s + ">\\n\\n*cursiva_ok*"))
"""


@pytest.fixture(scope="module")
def feedback_page(tmp_path_factory):
    """A course whose assignment has hidden tests that fail with a test library's report,
    one student's submission full of scripts, graded by nbgrader, and its feedback page."""
    base = tmp_path_factory.mktemp("safety")
    roster = write_roster_csv(base / "roster.csv", [
        ["id_estudiante", "nombre", "apellidos", "correo", "universidad", "cohorte"],
        ["ana", "Ana", "Ruiz", "ana@buap.mx", "BUAP", "2026A"]])
    course = base / "course"
    init_course(course, roster, "safety", assignments=[ASSIGNMENT])
    source_path = course / "source" / ASSIGNMENT / NOTEBOOK
    source = nbformat.read(source_path, as_version=4)
    for grade_id, code in HIDDEN_CELLS.items():
        cell = nbformat.v4.new_code_cell(code)
        cell.metadata["nbgrader"] = {"grade": True, "grade_id": grade_id, "locked": True,
                                     "points": 1, "schema_version": 3, "solution": False,
                                     "task": False}
        source.cells.append(cell)
    nbformat.write(source, source_path)
    nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
    release = nbformat.read(course / "release" / ASSIGNMENT / NOTEBOOK, as_version=4)
    work = fill(release, solutions(source), ASSIGNMENT)
    work.cells.append(nbformat.v4.new_markdown_cell(STUDENT_MARKDOWN))
    work.cells.append(nbformat.v4.new_code_cell(STUDENT_CODE.strip()))
    folder = course / "submitted" / "ana" / ASSIGNMENT
    folder.mkdir(parents=True)
    nbformat.write(work, folder / NOTEBOOK)
    (folder / "timestamp.txt").write_text("2026-11-20 10:00:00.000000 UTC")
    nbgrader(course, "autograde", ASSIGNMENT, "--force")
    graded = nbformat.read(course / "autograded" / "ana" / ASSIGNMENT / NOTEBOOK, as_version=4)
    [written] = generate_feedback(ASSIGNMENT, course, students=["ana"])
    return graded, written.read_text(encoding="utf-8")


def test_the_graded_notebook_really_holds_the_attacks(feedback_page):
    graded, _ = feedback_page
    outputs = [o for c in graded.cells for o in c.get("outputs", [])]
    kinds = {m for o in outputs for m in o.get("data", {})}
    assert {"application/javascript", "text/html", "image/svg+xml"} <= kinds
    errors = {o.get("evalue", "") for o in outputs if o.get("output_type") == "error"}
    assert any("98765" in e for e in errors) and any("54321" in e for e in errors)


def test_the_feedback_page_runs_nothing_the_student_wrote(feedback_page):
    _, page = feedback_page
    for marker in ("alert(", "pwned_img", "pwned_js", "pwned_svg", "pwned_md"):
        assert marker not in page, marker
    # (the template's own CSS mentions a[href^="javascript:"] to style such links)
    assert "javascript:" not in re.sub(r"<style\b.*?</style>", "", page, flags=re.S).lower()
    images = re.findall(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", page)
    assert images, "the student's SVG is still shown, as an image"
    for image in images:
        svg = base64.b64decode(image).decode("utf-8")
        assert "pwned" not in svg and "onload" not in svg and "<script" not in svg
    parsed = _Page(page)
    for attrs, _ in parsed.scripts:
        assert attrs.get("src", "").startswith(
            "https://cdnjs.cloudflare.com/ajax/libs/mathjax/") or attrs.get(
            "type") == "text/x-mathjax-config", attrs
    assert [p for p in active_parts(page, scripts_allowed=True)
            if p not in ("<meta>", "<style>")] == []
    policy = [a["content"] for t, a in parsed.tags
              if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert len(policy) == 1 and policy[0].startswith("default-src 'none'")
    for kept in ("<strong>hola_ok</strong>", "<b>negritas_ok</b>", "<em>cursiva_ok</em>"):
        assert kept in page, kept
    # the page still works: markdown is rendered (not shown as escaped tags), MathJax kept
    assert "&lt;p&gt;" not in page and "&lt;h2" not in page and "<h2" in page
    assert any("mathjax" in a.get("src", "") for a, _ in parsed.scripts)


def test_the_feedback_page_shows_no_hidden_expected_values(feedback_page):
    _, page = feedback_page
    text = html.unescape(page)
    assert "98765" not in text and "54321" not in text
    assert "DESIRED: array([98765" not in text and "ACTUAL: array([1., 2.])" not in text
    assert "assert_allclose(np.array([1.0, 2.0])" not in text  # the hidden code either
    for line in say("cohort.feedback.hidden_failed").splitlines():
        assert line in text
    kit = say("grading.amount_wrong", what="total", expected="1,160.00", got="1,000.00")
    assert all(line in text for line in kit.splitlines())
    assert "24680.5" in text  # the visible test keeps its report


# -- spreadsheets --------------------------------------------------------------------------


def _table(**values) -> pd.DataFrame:
    row = dict(assignment="ch01", duedate="", timestamp="", student_id="s1",
               last_name="Núñez", first_name="Ana", email="a@u.mx", raw_score=Decimal("-2.5"),
               late_submission_penalty=Decimal("0"), score=Decimal("-2.5"),
               max_score=Decimal("5"), university="BUAP", cohort="A", submitted=True)
    row.update(values)
    return pd.DataFrame([row])


def _no_formula(cells) -> list[str]:
    return [c for c in cells if isinstance(c, str) and c.startswith(
        ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")) and not re.fullmatch(
        r"-?\d+\.\d{2}", c)]


@pytest.mark.parametrize("value", FORMULAS)
def test_every_layout_neutralises_a_formula_in_any_text_cell(value, tmp_path):
    table = _table(first_name=value, last_name=value, email=value, university=value,
                   cohort=value, assignment=value)
    for rows in (csv_rows(table), moodle_rows(table), canvas_rows(table, {value: "7"})):
        cells = [c for row in rows for c in row]
        assert _no_formula(cells) == []
        assert f"'{value}" in cells
        assert "-2.50" in cells  # a negative score is a number, not text
    for fmt in ("csv", "moodle", "canvas"):
        path = write_grades(table, fmt, tmp_path / f"{fmt}.csv")
        with open(path, encoding="utf-8", newline="") as file:
            cells = [c for row in csv.reader(file) for c in row]
        assert _no_formula(cells) == [] and f"'{value}" in cells, fmt


def test_spreadsheet_text_leaves_numbers_and_plain_text_alone():
    assert spreadsheet_text(Decimal("-3.5")) == Decimal("-3.5")
    assert spreadsheet_text(-2) == -2 and spreadsheet_text(None) is None
    assert spreadsheet_text("Ana") == "Ana" and spreadsheet_text("'=x") == "'=x"
    assert [spreadsheet_text(v) for v in FORMULAS] == [f"'{v}" for v in FORMULAS]


def test_a_course_with_formulas_in_its_roster_exports_them_as_text(tmp_path):
    rows = [["id_estudiante", "nombre", "apellidos", "correo", "universidad", "cohorte"],
            ["a01", "=HYPERLINK(\"http://x.example\")", "+52 Ruiz", "-ana@buap.mx",
             "@SUM(1)", "-1+2"]]
    course = tmp_path / "course"
    init_course(course, write_roster_csv(tmp_path / "roster.csv", rows), "formulas",
                assignments=[ASSIGNMENT])
    roster_copy = (course / "roster.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in roster_copy and "'@SUM(1)" in roster_copy
    student = read_roster(course / "roster.csv").students[0]  # read back as written
    assert (student.first_name, student.university, student.cohort) == (
        "=HYPERLINK(\"http://x.example\")", "@SUM(1)", "-1+2")
    for fmt in ("csv", "moodle", "canvas"):
        with open(export_grades(course, fmt, tmp_path / f"{fmt}.csv"), encoding="utf-8",
                  newline="") as file:
            cells = [c for row in csv.reader(file) for c in row]
        assert _no_formula(cells) == [], fmt
        assert "'-ana@buap.mx" in cells, fmt
    with open(tmp_path / "csv.csv", encoding="utf-8", newline="") as file:
        row = next(r for r in csv.DictReader(file))
    assert (row["first_name"], row["last_name"], row["university"], row["cohort"]) == (
        "'=HYPERLINK(\"http://x.example\")", "'+52 Ruiz", "'@SUM(1)", "'-1+2")


def test_write_roster_protects_formulas_and_reads_them_back(tmp_path):
    text = ("student_id,first_name,last_name,email,university,cohort\n"
            "a1,=1+1,@x,ana@u.mx,+B,-C\n")
    roster = parse_roster(text)
    path = write_roster(roster, tmp_path / "roster.csv")
    with open(path, encoding="utf-8", newline="") as file:
        cells = [c for row in csv.reader(file) for c in row]
    assert _no_formula(cells) == []
    assert read_roster(path).students == roster.students


# -- roster ids ----------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["a0\n1", "a01\t", "\ta01", "a\x0001", "a\x1b01", "a01\r",
                                 "a\x7f01", "a\x8501"])
def test_an_id_with_a_control_character_is_refused_naming_row_column_rule_and_value(bad,
                                                                                  tmp_path):
    rows = [["nombre", "Matrícula", "apellidos", "correo", "universidad", "cohorte"],
            ["Eva", "a00", "Díaz", "eva@u.mx", "BUAP", "A"],
            ["Ana", bad, "Ruiz", "ana@u.mx", "BUAP", "A"]]
    path = write_roster_csv(tmp_path / "lista.csv", rows)  # as a spreadsheet writes it
    for lang, rule, row in (("es", "carácter de control", "fila 3"),
                            ("en", "control character", "row 3")):
        with pytest.raises(RosterError) as info, language(lang):
            read_roster(path)
        [finding] = info.value.findings
        assert finding.code == "control_in_id" and finding.level == "error"
        message = str(info.value)
        assert row in message and "'Matrícula'" in message and rule in message
        assert repr(bad) in message


def test_a_clean_id_next_to_the_rule_still_passes():
    roster = parse_roster("id,nombre,apellidos,correo,universidad,cohorte\n"
                          " a01 ,Ana,Ruiz,ana@u.mx,BUAP,A\n")
    assert roster.ids == ("a01",)
    with pytest.raises(InputError):
        validate_student_id("a01\n")
    assert validate_student_id("a01") == "a01"
