"""A student's JupyterLab (``make lab``) in Chromium: their workspace and nothing of the
instructor's, and Validate shows the kit's plain-words message at the top of its dialog."""

from __future__ import annotations

import shutil
import urllib.error
import urllib.request

import pytest
from nbgrader import __version__ as nbgrader_version

from browser_support import chromium_page
from lab_support import ASSIGNMENT, partly_answered, student_lab
from mipyme.grading.feedback import say


@pytest.fixture(scope="module")
def student(tmp_path_factory):
    """One student lab (Spanish) for the module, with ch01 downloaded into tareas/: one
    answer right, ``fixed_salary`` left as released."""
    folder = tmp_path_factory.mktemp("student-lab")
    notebook, _ = partly_answered(folder / "download")
    with student_lab(folder / "mipyme-lab", "es") as (ws, base, token):
        shutil.copy(notebook, ws.assignments / notebook.name)
        yield ws, base, token


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as reply:
            return reply.status
    except urllib.error.HTTPError as err:
        return err.code


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_student_sees_their_workspace_and_no_instructor_tools(student, tmp_path):
    ws, base, token = student
    with chromium_page() as page:
        page.goto(f"{base}/lab?token={token}", timeout=120_000)
        page.wait_for_selector(".jp-DirListing-itemText", timeout=120_000)
        page.wait_for_function("document.querySelectorAll('.jp-DirListing-itemText').length > 16",
                               timeout=60_000)
        names = set(page.locator(".jp-DirListing-itemText").all_inner_texts())
        menus = page.locator(".lm-MenuBar-itemLabel").all_inner_texts()
        page.screenshot(path=str(tmp_path / "student-home.png"))
        create_assignment = page.get_by_text("Create Assignment").count()
    assert {"tareas", *ws.notebooks} <= names
    assert names - {"tareas", *ws.notebooks} <= {"jupyter.log"}  # the test's server log
    assert "src" not in names and "exercises" not in names
    assert "File" in menus and "Nbgrader" not in menus, menus
    assert create_assignment == 0
    # The instructor's server extensions are off too; Validate's is on.
    assert _status(f"{base}/formgrader?token={token}") == 404
    assert _status(f"{base}/formgrader/api/assignments?token={token}") == 404
    assert _status(f"{base}/nbgrader_version?version={nbgrader_version}&token={token}") == 200


def test_validate_shows_the_kit_message_at_the_top(student, tmp_path):
    ws, base, token = student
    path = f"{ws.assignments.name}/{ASSIGNMENT}.ipynb"
    with chromium_page() as page:
        page.goto(f"{base}/lab/tree/{path}?token={token}", timeout=120_000)
        page.wait_for_selector(".jp-Notebook", timeout=120_000)
        button = page.locator(".validate-button")
        button.wait_for(timeout=60_000)
        button.click()
        dialog = page.locator("#validation-message")
        dialog.wait_for(timeout=180_000)
        page.wait_for_timeout(500)
        page.screenshot(path=str(tmp_path / "validate.png"))
        first = dialog.locator("pre").first
        first_text = first.inner_text()
        texts = dialog.locator("pre").all_inner_texts()
        top = first.bounding_box()
        body = page.locator(".jp-Dialog-body").bounding_box()
        overflow = first.evaluate("el => el.scrollWidth - el.clientWidth")

    message = say("grading.not_answered", name="fixed_salary")
    # The first thing in the dialog after nbgrader's "The following cell failed:" is the
    # kit's message, whole; the test code comes after it, the traceback last.
    assert _flat(first_text).startswith(_flat(message)), first_text
    assert _flat(first_text).index("def revisa_sueldo") > len(_flat(message))
    assert "Traceback" not in first_text and any("Traceback" in t for t in texts[1:])
    # Visible without scrolling: inside the dialog's body, no line runs out of sight.
    assert body["y"] <= top["y"] < body["y"] + body["height"] / 2, (top, body)
    assert overflow <= 1
    # The server found the workspace's nbgrader config and validated without an error.
    log = (ws.root / "jupyter.log").read_text(encoding="utf-8")
    assert "Validating '" in log
    assert "No nbgrader_config.py file found" not in log and "Traceback" not in log
