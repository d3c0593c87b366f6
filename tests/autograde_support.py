"""A cohort course with ordinary and hostile submissions, for the autograder's tests.

Every submission is the kit's real ch01 assignment as released by the real
``nbgrader generate_assignment``, answered (or broken) the way a student could.
"""

from __future__ import annotations

import copy
import http.server
import json
import shutil
import threading
from pathlib import Path

import nbformat

from cohort_support import ASSIGNMENT, _answers, nbgrader, write_roster_csv
from mipyme.cohort.course import gradebook_url, init_course, open_gradebook
from mipyme.curriculum import find_root
from mipyme.grading.roundtrip import fill

NOTEBOOK = f"{ASSIGNMENT}.ipynb"
HIDDEN_MARK = "### BEGIN HIDDEN TESTS"
#: Submissions that tamper with how the tests run (parser, builtins, the kit's checks, hooks
#: that print the test's code): each answers the salary as the average, which is wrong.
TAMPERING = ("transformer", "builtins", "kit_patch", "peek")
#: Points of each autograded test cell of ch01 (from the gradebook after generate).
ORDINARY = ("solution", "blank", "sueldo_promedio", "sueldo_como_mezcla")


def _cell(nb: nbformat.NotebookNode, grade_id: str) -> int:
    return next(i for i, c in enumerate(nb.cells)
                if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def prepend(nb, grade_id: str, code: str):
    """``nb`` with ``code`` run at the start of the cell ``grade_id``."""
    out = copy.deepcopy(nb)
    cell = out.cells[_cell(out, grade_id)]
    cell.source = code.strip("\n") + "\n" + cell.source
    return out


def insert_after(nb, grade_id: str, code: str):
    """``nb`` with a new (unlocked, ungraded) code cell after the cell ``grade_id``."""
    out = copy.deepcopy(nb)
    out.cells.insert(_cell(out, grade_id) + 1, nbformat.v4.new_code_cell(code.strip("\n")))
    return out


class Listener:
    """An HTTP server on loopback that counts the requests it gets."""

    def __init__(self) -> None:
        self.hits: list[str] = []
        hits = self.hits

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                hits.append(self.path)
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"leak")

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()


def hostile_corpus(course: Path, port: int) -> dict[str, object]:
    """Student id -> a notebook (or raw bytes, or ``(file name, notebook)``) to hand in."""
    release = nbformat.read(course / "release" / ASSIGNMENT / NOTEBOOK, as_version=4)
    source = nbformat.read(course / "source" / ASSIGNMENT / NOTEBOOK, as_version=4)
    solution = fill(release, _answers("solution", source), ASSIGNMENT)
    blank = fill(release, _answers("blank", source), ASSIGNMENT)
    mistake = fill(release, _answers("sueldo_promedio", source), ASSIGNMENT)
    root = str(course)
    kit = str(find_root() / "exercises")
    out: dict[str, object] = {
        name: fill(release, _answers(name, source), ASSIGNMENT) for name in ORDINARY}
    out.update({
        "loop": prepend(solution, "salary", "while True:\n    pass"),
        "stubborn": prepend(solution, "salary", (
            "import time\nwhile True:\n    try:\n        time.sleep(1000)\n"
            "    except KeyboardInterrupt:\n        pass")),
        "memory": prepend(solution, "salary", "hog = bytearray(3 * 2**30)"),
        "forkbomb": prepend(solution, "salary", "import os\nwhile True:\n    os.fork()"),
        "exit": prepend(solution, "salary", "import os\nos._exit(3)"),
        "flood": prepend(solution, "salary",
                         "for _ in range(200):\n    print('x' * 2**20)"),
        "snoop": insert_after(solution, "setup", f"""
import glob, pathlib
found = []
for pattern in ({root + '/source/**/*.ipynb'!r}, {root + '/**/*.ipynb'!r},
                {kit + '/**/*.ipynb'!r}, '/tmp/**/*.ipynb'):
    for name in glob.glob(pattern, recursive=True):
        text = pathlib.Path(name).read_text(errors='ignore')
        if {HIDDEN_MARK!r} in text:
            found.append(text)
print('FOUND', len(found))
print(''.join(found)[:5000])
print(open({root + '/source/' + ASSIGNMENT + '/' + NOTEBOOK!r}).read())
"""),
        "network": insert_after(solution, "setup", f"""
import urllib.request
print(urllib.request.urlopen('http://127.0.0.1:{port}/from-the-sandbox', timeout=3).read())
"""),
        "vandal": insert_after(solution, "setup", f"""
import shutil, os
for name in ({root + '/gradebook.db'!r}, {root + '/nbgrader_config.py'!r}):
    try:
        os.remove(name)
    except OSError as err:
        print('could not', err)
shutil.rmtree({root + '/source'!r})
"""),
        "forger": insert_after(solution, "setup", f"""
import sqlite3
db = sqlite3.connect({root + '/gradebook.db'!r})
db.execute('update grade set manual_score = 100')
db.commit()
"""),
        "edit_locked": _edit(mistake, "test_salary_lowest", "pass"),
        "delete_locked": _delete(solution, "test_household_found"),
        "silence": insert_after(blank, "setup", (
            "ip = get_ipython()\nip.showtraceback = lambda *a, **k: None\n"
            "import sys\nsys.excepthook = lambda *a: None")),
        # Limits for the whole submission, not per process or per cell.
        "children": insert_after(solution, "setup", """
import subprocess, sys, time
hog = "b = bytearray(1500 * 2**20); import time; time.sleep(60)"
kids = [subprocess.Popen([sys.executable, "-c", hog]) for _ in range(3)]
time.sleep(8)
print("KILLED", sum(k.poll() is not None and k.returncode < 0 for k in kids))
for k in kids:
    k.kill()
"""),
        "sleepy": _sleepy(solution, cells=40, seconds=3),
        # Tampering with how the tests run: each answers the salary wrong (the average).
        "transformer": prepend(mistake, "salary", (
            "get_ipython().input_transformers_cleanup.append(lambda lines: ['pass\\n'])")),
        "builtins": prepend(mistake, "salary", (
            "import builtins, math\nbuiltins.abs = lambda x: 0\n"
            "math.isclose = lambda *a, **k: True\nbuiltins.isinstance = lambda *a: True")),
        "kit_patch": prepend(mistake, "salary", (
            "import mipyme.grading, mipyme.grading.feedback as fb\n"
            "fb.check = fb.check_amount = lambda *a, **k: None\n"
            "mipyme.grading.check = mipyme.grading.check_amount = fb.check\n"
            "check = check_amount = fb.check")),
        "peek": insert_after(mistake, "salary", (
            "import sys\n"
            "get_ipython().events.register('pre_run_cell', "
            "lambda info: print('CELL', info.raw_cell))\n"
            "_answer = fixed_salary\n"
            "def fixed_salary(profits):\n"
            "    print('SEEN', _ih[-1], In[-1])\n"
            "    print('CALLER', [repr(sys._getframe(i).f_code) for i in range(1, 4)])\n"
            "    return _answer(profits)")),
        "corrupt": nbformat.writes(solution).encode()[:2000],
        "empty": b"",
        "misnamed": ("Ch01_fundamentos (1).ipynb", solution),
    })
    return out


def _sleepy(nb, *, cells: int, seconds: int):
    """``nb`` with ``cells`` new cells after the setup, each sleeping ``seconds``: each cell
    is within its limit, the notebook is not."""
    out = copy.deepcopy(nb)
    at = _cell(out, "setup") + 1
    for _ in range(cells):
        out.cells.insert(at, nbformat.v4.new_code_cell(f"import time\ntime.sleep({seconds})"))
    return out


def _edit(nb, grade_id: str, code: str):
    out = copy.deepcopy(nb)
    out.cells[_cell(out, grade_id)].source = code
    return out


def _delete(nb, grade_id: str):
    out = copy.deepcopy(nb)
    del out.cells[_cell(out, grade_id)]
    return out


def hand_in(course: Path, student: str, work: object) -> None:
    folder = course / "submitted" / student / ASSIGNMENT
    folder.mkdir(parents=True, exist_ok=True)
    name = NOTEBOOK
    if isinstance(work, tuple):
        name, work = work
    path = folder / name
    if isinstance(work, bytes):
        path.write_bytes(work)
    else:
        nbformat.write(work, path)
    (folder / "timestamp.txt").write_text("2026-11-20 10:00:00.000000 UTC")


def make_course(folder: Path, students: list[str], *, db_url: str | None = None) -> Path:
    """An nbgrader course for ch01 with ``students`` on its roster, assignment generated."""
    rows = [["id_estudiante", "nombre", "apellidos", "correo", "universidad", "cohorte"]]
    rows += [[s, "Ana", "Pérez", f"{s}@buap.mx", "BUAP", "2026A"] for s in students]
    roster = write_roster_csv(folder.parent / f"{folder.name}-roster.csv", rows)
    init_course(folder, roster, folder.name, assignments=[ASSIGNMENT], db_url=db_url)
    nbgrader(folder, "generate_assignment", ASSIGNMENT, "--force")
    return folder


def copy_course(course: Path, target: Path) -> Path:
    """A copy of a course before grading (another gradebook, same submissions)."""
    shutil.copytree(course, target, symlinks=True)
    config = target / "nbgrader_config.py"
    text = config.read_text(encoding="utf-8").replace(str(course), str(target))
    config.write_text(text, encoding="utf-8")
    return target


def cell_scores(course: Path, db_url: str | None = None) -> dict[str, dict[str, float]]:
    """student -> {cell: score} for every graded cell, straight from the gradebook."""
    out: dict[str, dict[str, float]] = {}
    with open_gradebook(db_url or gradebook_url(course)) as gb:
        for sub in gb.assignment_submissions(ASSIGNMENT):
            cells = out.setdefault(sub.student.id, {})
            for nb in sub.notebooks:
                for grade in nb.grades:
                    cells[grade.name] = grade.score
    return out


def submission_rows(course: Path, db_url: str | None = None) -> dict[str, int]:
    """How many rows the gradebook holds: submissions, notebooks and grades."""
    from nbgrader.api import Grade, SubmittedAssignment, SubmittedNotebook

    with open_gradebook(db_url or gradebook_url(course)) as gb:
        return {"submissions": gb.db.query(SubmittedAssignment).count(),
                "notebooks": gb.db.query(SubmittedNotebook).count(),
                "grades": gb.db.query(Grade).count()}


def journal(course: Path) -> list[dict]:
    path = course / ".mipyme" / "autograde" / f"{ASSIGNMENT}.jsonl"
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
