"""The classroom hub end to end: a real JupyterHub, real users, Chromium, nbgrader.

A student logs in (sets a password), fetches ch01_fundamentos from the Assignments list,
answers it and submits; the instructor side collects, grades with ``mipyme autograde`` and
releases feedback; the student fetches the feedback and sees the score. A second student
cannot open the first one's server or files, nor the course; only the instructor opens the
formgrader service.
"""

from __future__ import annotations

import json
import os
import pwd
import re
import secrets
import shutil
import tempfile
from pathlib import Path

import nbformat
import pytest

from browser_support import chromium_page
from cohort_support import ASSIGNMENT, gradebook_scores, write_roster_csv
from hub_support import missing_pieces, running_hub, wait_until
from mipyme.cohort.course import init_course
from mipyme.errors import InputError
from mipyme.grading.roundtrip import fill, solutions
from mipyme.hub.cgroups import Quota, detect, writes
from mipyme.hub.config import settings_for
from mipyme.hub.core import (
    as_grader,
    grader_name,
    plan_hub,
    prepare,
    processes_of,
    remove_system_users,
    run_as_user,
)

pytestmark = pytest.mark.skipif(
    os.geteuid() != 0,
    reason="the classroom hub test needs root (it creates system users)")


@pytest.fixture(autouse=True)
def _needs_the_whole_hub():
    lacking = missing_pieces()
    assert not lacking, "; ".join(lacking)

PASSWORD = "clave-segura-2026"
NB = f"{ASSIGNMENT}.ipynb"
KIT_NOTEBOOK = "es/ch06_economia_unitaria.ipynb"


def login(page, hub, user: str, next_url: str = "") -> None:
    page.goto(f"{hub.url}/hub/login" + (f"?next={next_url}" if next_url else ""))
    page.fill("#username_input", user)
    page.fill("#password_input", PASSWORD)
    page.click("#login_submit")


def open_assignments(page, hub, user: str) -> None:
    page.goto(f"{hub.url}/user/{user}/lab")
    page.wait_for_selector(".jp-LabShell", timeout=120_000)
    page.get_by_text("Nbgrader", exact=True).click()
    page.get_by_text("Assignment List", exact=True).click()
    page.wait_for_selector("#released_assignments_list", timeout=60_000)


def api(page, method: str, url: str, body: object = None) -> tuple[int, object]:
    """A Jupyter API call from inside the page (the student's own session and XSRF)."""
    return page.evaluate("""async ([method, url, body]) => {
        const xsrf = (document.cookie.match(/_xsrf=([^;]+)/) || [])[1] || "";
        const r = await fetch(url, {method, headers: {"X-XSRFToken": decodeURIComponent(xsrf),
            "Content-Type": "application/json"}, body: body ? JSON.stringify(body) : undefined});
        let data = null; try { data = await r.json(); } catch (e) {}
        return [r.status, data];
    }""", [method, url, body])


def check(proc) -> str:
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout + proc.stderr


def check_quota(hub, user: str) -> None:
    """The user's server and kernels are in the user's control group, with the hub's quota
    (the defaults of ``mipyme hub start``); without control groups, the hub said why."""
    quotas = detect()
    if not quotas.available:
        assert "no per-user quotas" in hub.log.read_text() or "sin cuotas" in hub.log.read_text()
        return
    group = hub.grader.removeprefix("grader-")
    folders = quotas.group(group, user)
    expected = Quota(memory_bytes=2048 * 2**20, cpus=1.0, processes=128)
    for hierarchy, name, value in writes(quotas.version, expected):
        if (folders[hierarchy] / name).exists():
            assert (folders[hierarchy] / name).read_text().split() == value.split(), name
    pids = processes_of(pwd.getpwnam(user).pw_uid)
    assert pids  # the single-user server (and whatever it started)
    for folder in folders.values():
        members = set((folder / "cgroup.procs").read_text().split())
        assert {str(pid) for pid in pids} <= members, (folder, pids, members)


def run_kit_notebook(page, hub, user: str) -> None:
    """The kit's ch06 notebook, from the copy in the student's home, runs whole in her
    JupyterLab: the library, the widgets and the example businesses' data are all there."""
    page.goto(f"{hub.url}/user/{user}/lab/tree/mipyme-cuadernos/{KIT_NOTEBOOK}")
    page.wait_for_selector(".jp-Notebook", timeout=120_000)
    page.wait_for_function("document.body.innerText.includes('| Idle')", timeout=120_000)
    page.click("text=Run", timeout=30_000)
    page.click("text=Run All Cells", timeout=30_000)
    # The prose is readable before running; only a run draws the dashboard's summary line.
    page.wait_for_function("document.querySelector('.mipyme-summary') || "
                           "document.body.innerText.includes('Traceback')", timeout=120_000)
    page.wait_for_function(
        "document.body.innerText.includes('| Idle') && "
        "![...document.querySelectorAll('.jp-InputPrompt')].some(p => p.innerText.includes('*'))",
        timeout=120_000)
    # JupyterLab draws only the cells on screen: read the saved notebook for all of them.
    saved = Path(pwd.getpwnam(user).pw_dir) / "mipyme-cuadernos" / KIT_NOTEBOOK
    before = saved.stat().st_mtime_ns
    page.keyboard.press("Control+s")
    wait_until(lambda: saved.stat().st_mtime_ns != before, 60, "saving the notebook", hub.log)
    cells = [c for c in nbformat.read(saved, as_version=4).cells if c.cell_type == "code"]
    assert cells and all(c.execution_count for c in cells)
    outputs = [o for c in cells for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error" or o.get("name") == "stderr"]
    assert "Plato trinche 27 cm" in json.dumps(outputs)  # a row of the business's catalogue


def test_classroom_hub_round_trip():
    with running_hub() as hub, chromium_page() as page:
        ana, luis = hub.students
        check(as_grader(hub.course, ["nbgrader", "release_assignment", ASSIGNMENT]))

        # The student sets a password on first login, lands in JupyterLab, fetches.
        login(page, hub, ana)
        page.wait_for_url(re.compile(rf"/user/{ana}/lab"), timeout=120_000)
        open_assignments(page, hub, ana)
        released = page.locator("#released_assignments_list")
        released.get_by_text(ASSIGNMENT).first.wait_for(timeout=60_000)
        released.locator("button", has_text="Fetch").click()
        fetched = page.locator("#fetched_assignments_list")
        fetched.get_by_text(ASSIGNMENT).first.wait_for(timeout=60_000)
        check_quota(hub, ana)

        # Answers: the instructor's solutions written into the fetched notebook.
        path = f"{hub.url}/user/{ana}/api/contents/{ASSIGNMENT}/{NB}"
        status, model = api(page, "GET", path)
        assert status == 200, model
        release = nbformat.from_dict(model["content"])
        source = nbformat.read(hub.course / "source" / ASSIGNMENT / NB, as_version=4)
        answered = fill(release, solutions(source), ASSIGNMENT)
        status, _ = api(page, "PUT", path, {"type": "notebook", "format": "json",
                                            "content": json.loads(nbformat.writes(answered))})
        assert status == 200
        home = Path(pwd.getpwnam(ana).pw_dir)
        assert (home / ASSIGNMENT / NB).stat().st_uid == pwd.getpwnam(ana).pw_uid

        fetched.locator("button", has_text="Submit").first.click()
        page.locator("#submitted_assignments_list").get_by_text(ASSIGNMENT).first.wait_for(
            timeout=60_000)

        # The instructor side: collect, autograde, feedback, release.
        check(as_grader(hub.course, ["nbgrader", "collect", ASSIGNMENT]))
        assert (hub.course / "submitted" / ana / ASSIGNMENT / NB).is_file()
        check(as_grader(hub.course, ["mipyme", "autograde", ASSIGNMENT, "--course",
                                     str(hub.course)]))
        score = gradebook_scores(hub.course)[(ana, ASSIGNMENT)]
        assert score > 0
        check(as_grader(hub.course, ["mipyme", "feedback", ASSIGNMENT, "--course",
                                     str(hub.course)]))
        check(as_grader(hub.course, ["nbgrader", "release_feedback", ASSIGNMENT]))
        assert (hub.course.stat().st_mode & 0o777) == 0o700
        assert hub.course.stat().st_uid == pwd.getpwnam(hub.grader).pw_uid

        # The student fetches the feedback and sees the score.
        open_assignments(page, hub, ana)
        submitted = page.locator("#submitted_assignments_list")
        submitted.get_by_text(ASSIGNMENT).first.wait_for(timeout=60_000)
        submitted.locator("button", has_text="Fetch Feedback").first.click()
        feedback_dir = home / ASSIGNMENT / "feedback"
        html = wait_until(lambda: next(iter(feedback_dir.glob(f"*/{ASSIGNMENT}.html")), None),
                          60, "the feedback fetch", hub.log)
        stamp = html.parent.name
        page.goto(f"{hub.url}/user/{ana}/files/{ASSIGNMENT}/feedback/{stamp}/"
                  f"{ASSIGNMENT}.html")
        text = page.inner_text("body")
        numbers = {float(n) for n in re.findall(r"\d+(?:\.\d+)?", text)}
        assert score in numbers, (score, text[:500])
        run_kit_notebook(page, hub, ana)

        # A second student: own server only, nothing of Ana's, nothing of the course.
        other = page.context.browser.new_context().new_page()
        login(other, hub, luis)
        other.wait_for_url(re.compile(rf"/user/{luis}/"), timeout=120_000)
        reply = other.request.get(f"{hub.url}/user/{ana}/api/contents/{ASSIGNMENT}",
                                  max_redirects=0)
        assert reply.status in (302, 403, 404), reply.status
        if reply.status == 302:  # the hub sends Luis to his own server, never to Ana's
            assert f"/user/{ana}/" not in reply.headers.get("location", "")
        other.goto(f"{hub.url}/user/{ana}/files/{ASSIGNMENT}/{NB}")
        assert ana not in other.url or "answer" not in other.content()
        status, _ = api(other, "GET", f"{hub.url}/user/{ana}/api/contents")
        assert status != 200
        reply = other.request.get(f"{hub.url}/services/formgrader-{hub.course_id}/formgrader")
        assert reply.status == 403 or "formgrader" not in reply.url
        luis_user = pwd.getpwnam(luis)
        for target in (home / ASSIGNMENT / NB, hub.course / "source" / ASSIGNMENT / NB,
                       hub.course / "gradebook.db"):
            proc = run_as_user(luis_user, ["cat", str(target)])
            assert proc.returncode != 0 and "Permission denied" in proc.stderr, target

        # The instructor opens the course's formgrader (a hub service).
        prof = page.context.browser.new_context().new_page()
        login(prof, hub, hub.instructor, f"/services/formgrader-{hub.course_id}/formgrader")
        prof.wait_for_url(re.compile("/services/formgrader-"), timeout=120_000)
        prof.get_by_text(ASSIGNMENT).first.wait_for(timeout=60_000)


def test_the_idle_culler_stops_a_server_nobody_uses_and_frees_its_quota():
    with running_hub("--idle-timeout", "20") as hub, chromium_page() as page:
        ana = hub.students[0]
        login(page, hub, ana)
        page.wait_for_url(re.compile(rf"/user/{ana}/lab"), timeout=120_000)
        uid = pwd.getpwnam(ana).pw_uid
        assert processes_of(uid)
        quotas = detect()
        group = quotas.group(hub.grader.removeprefix("grader-"), ana)
        assert not quotas.available or all(folder.is_dir() for folder in group.values())
        page.goto("about:blank")  # she walks away: nothing reaches her server any more
        wait_until(lambda: not processes_of(uid), 120, "the idle culler", hub.log)
        assert f"Culling server {ana}" in hub.log.read_text()
        wait_until(lambda: not any(folder.exists() for folder in group.values()), 30,
                   "removing her control group", hub.log)


def test_two_courses_on_one_machine_cannot_open_each_others_files(tmp_path):
    """Two cohorts prepared side by side (no hub needed): each course's grader, instructor
    and students are refused the other course's folder, and each hub lets in its own people
    only, with its formgrader for its own instructor."""
    tag = "x" + secrets.token_hex(2)
    with pytest.raises(InputError, match="--state"):  # pytest's own tmp is root's alone
        plan_hub(init_course(tmp_path / "c", write_roster_csv(tmp_path / "r.csv", [
            ["student_id", "first_name", "last_name", "email", "university", "cohort"],
            [f"{tag}-eva", "Eva", "Ruiz", "eva@buap.mx", "BUAP", "2026A"]]),
            f"{tag}-2026a").directory, state=tmp_path / "state")
    tmp_path = Path(tempfile.mkdtemp(prefix="mipyme-hub-"))
    os.chmod(tmp_path, 0o755)
    people, made = {}, []
    try:
        for key in ("a", "b"):
            student, instructor = f"{tag}{key}-ana", f"{tag}{key}-profe"
            made += [student, instructor, grader_name(f"{tag}{key}-2026a")]
            roster = write_roster_csv(tmp_path / f"roster-{key}.csv", [
                ["student_id", "first_name", "last_name", "email", "university", "cohort"],
                [student, "Ana", "Núñez", "ana@buap.mx", "BUAP", "2026A"]])
            course = tmp_path / f"course-{key}"
            init_course(course, roster, f"{tag}{key}-2026a", assignments=[ASSIGNMENT])
            plan = plan_hub(course, state=tmp_path / f"state-{key}", instructors=[instructor])
            prepare(plan)
            people[key] = (plan, student, instructor)
        for mine, other in (("a", "b"), ("b", "a")):
            plan, student, instructor = people[mine]
            theirs = people[other][0]
            for name in (plan.grader, instructor, student):
                entry = pwd.getpwnam(name)
                for target in (theirs.course / "gradebook.db",
                               theirs.course / "source" / ASSIGNMENT / NB):
                    proc = run_as_user(entry, ["cat", str(target)])
                    assert proc.returncode != 0 and "Permission denied" in proc.stderr, \
                        (name, target)
            settings = json.loads((plan.state / "hub.json").read_text())
            hub = settings_for(settings)
            assert hub["Authenticator"]["allowed_users"] == {student, instructor}
            role = hub["JupyterHub"]["load_roles"][0]
            assert role["users"] == [instructor]
            assert role["scopes"] == [f"access:services!service={plan.service}"]
            # Its own grader does read its own course (the refusals above are not blanket).
            own = run_as_user(pwd.getpwnam(plan.grader),
                           ["head", "-c", "15", str(plan.course / "gradebook.db")])
            assert own.returncode == 0 and own.stdout == "SQLite format 3", own.stderr
    finally:
        remove_system_users(made)
        shutil.rmtree(tmp_path, ignore_errors=True)
