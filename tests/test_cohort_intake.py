"""Taking in submissions safely (issue 17: links, caps, one run at a time, the gradebook).

A real nbgrader course is graded by ``mipyme autograde`` with honest students and students
who hand in links (to another student's notebook, to the course's ``source/`` with the
hidden tests, the student's or the assignment's folder itself), hard links, fifos,
sockets, devices, sparse files of 250 MB, too many files, a huge notebook and too many
cells. Each refused submission scores 0 with a reason naming the file, nbgrader never
touches it, nothing of what a link points to reaches ``autograded/`` or ``feedback/``, and
the honest students keep their scores. Then: a second run while one holds the lock is
refused naming it; a gradebook that cannot be written stops everything before anything is
touched; and the hub's ``nbgrader collect`` (a real nbgrader exchange) refuses links.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest

from autograde_support import (
    HIDDEN_MARK,
    NOTEBOOK,
    cell_scores,
    hand_in,
    hostile_corpus,
    insert_after,
    journal,
    make_course,
)
from cohort_support import ASSIGNMENT
from mipyme.cohort import intake
from mipyme.cohort.autograde import JOURNAL_DIR, autograde
from mipyme.cohort.autograde_journal import submission_fingerprint
from mipyme.cohort.feedback import generate_feedback
from mipyme.cohort.intake import Caps, Refused, copy_tree, scan
from mipyme.cohort.sandbox import Limits
from mipyme.errors import InputError
from mipyme.i18n import language

LIMITS = Limits(cell_timeout=20)
SECRET = "DATO-PRIVADO-DE-OTRA-PERSONA"
CSV = "mes,ventas\nenero,1200\n"
HONEST = ("solution", "con_datos")


def _solution(course: Path):
    return hostile_corpus(course, 9)["solution"]


def _sparse(path: Path, size: int) -> None:
    with open(path, "wb") as out:
        out.truncate(size)


def _hostile(course: Path) -> dict[str, tuple[str, str]]:
    """Hand in every refused kind of submission; student -> (reason key, file named)."""
    sub = course / "submitted"
    solution = _solution(course)
    expected: dict[str, tuple[str, str]] = {}

    hand_in(course, "sparse", solution)
    for i in range(14):
        _sparse(sub / "sparse" / ASSIGNMENT / f"respaldo{i}.bin", 250 * 10**6)
    expected["sparse"] = ("cohort.reason.too_big", "sparse/" + ASSIGNMENT)

    folder = sub / "peek" / ASSIGNMENT  # the notebook is another student's
    folder.mkdir(parents=True)
    (folder / NOTEBOOK).symlink_to(f"../../solution/{ASSIGNMENT}/{NOTEBOOK}")
    (folder / "timestamp.txt").write_text("2026-11-20 10:00:00.000000 UTC")
    old = course / "autograded" / "peek" / ASSIGNMENT  # what an earlier run left
    old.mkdir(parents=True)
    (old / NOTEBOOK).write_text("calificado antes")
    expected["peek"] = ("cohort.reason.link", f"peek/{ASSIGNMENT}/{NOTEBOOK}")

    hand_in(course, "secrets", solution)  # a data folder that is the hidden tests' folder
    (sub / "secrets" / ASSIGNMENT / "datos").symlink_to(course / "source" / ASSIGNMENT)
    expected["secrets"] = ("cohort.reason.link", f"secrets/{ASSIGNMENT}/datos")

    (sub / "alias").symlink_to("solution")  # the whole student folder
    expected["alias"] = ("cohort.reason.link", "alias")

    (sub / "swap").mkdir()  # the assignment folder
    (sub / "swap" / ASSIGNMENT).symlink_to(f"../solution/{ASSIGNMENT}")
    expected["swap"] = ("cohort.reason.link", f"swap/{ASSIGNMENT}")

    hand_in(course, "hardlink", solution)
    os.link(course / "source" / ASSIGNMENT / NOTEBOOK,
            sub / "hardlink" / ASSIGNMENT / "apuntes.txt")
    expected["hardlink"] = ("cohort.reason.hard_link", f"hardlink/{ASSIGNMENT}/apuntes.txt")

    hand_in(course, "fifo", solution)  # stock nbgrader would wait on it forever
    os.mkfifo(sub / "fifo" / ASSIGNMENT / "tubo")
    expected["fifo"] = ("cohort.reason.special_file", f"fifo/{ASSIGNMENT}/tubo")

    hand_in(course, "socket", solution)
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sub / "socket" / ASSIGNMENT / "enchufe"))
    server.close()
    expected["socket"] = ("cohort.reason.special_file", f"socket/{ASSIGNMENT}/enchufe")

    hand_in(course, "device", solution)
    os.mknod(sub / "device" / ASSIGNMENT / "disco", stat.S_IFCHR | 0o600, os.makedev(1, 3))
    expected["device"] = ("cohort.reason.special_file", f"device/{ASSIGNMENT}/disco")

    hand_in(course, "manyfiles", solution)
    (sub / "manyfiles" / ASSIGNMENT / "copias").mkdir()
    for i in range(200):
        (sub / "manyfiles" / ASSIGNMENT / "copias" / f"{i}.txt").write_text("x")
    expected["manyfiles"] = ("cohort.reason.too_many_files", f"manyfiles/{ASSIGNMENT}")

    hand_in(course, "bignb", solution)  # 17 MiB that are never read
    _sparse(sub / "bignb" / ASSIGNMENT / NOTEBOOK, 17 * 2**20)
    expected["bignb"] = ("cohort.reason.notebook_too_big", f"bignb/{ASSIGNMENT}/{NOTEBOOK}")

    many = nbformat.from_dict(solution)
    many.cells += [nbformat.v4.new_code_cell("") for _ in range(2000)]
    hand_in(course, "manycells", many)
    expected["manycells"] = ("cohort.reason.too_many_cells",
                             f"manycells/{ASSIGNMENT}/{NOTEBOOK}")
    return expected


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """A course with two honest students and every refused kind, graded once."""
    course = make_course(tmp_path_factory.mktemp("intake") / "buap-in", ["seed"])
    solution = _solution(course)
    hand_in(course, "solution", solution)
    hand_in(course, "con_datos", insert_after(solution, "setup",
                                              "print(open('datos/ventas.csv').read())"))
    (course / "submitted" / "con_datos" / ASSIGNMENT / "datos").mkdir()
    (course / "submitted" / "con_datos" / ASSIGNMENT / "datos" / "ventas.csv").write_text(CSV)
    expected = _hostile(course)
    report = autograde(ASSIGNMENT, course, workers=2, limits=LIMITS, lang="en")
    return course, report, expected


def _tree_bytes(top: Path) -> int:
    """Bytes under ``top``: apparent sizes and blocks on disk, whichever is larger."""
    total = 0
    for folder, _, files in os.walk(top):
        for name in files:
            st = os.lstat(os.path.join(folder, name))
            total += max(st.st_size, st.st_blocks * 512)
    return total


def test_refused_kinds_are_all_in_the_batch(graded):
    _, report, expected = graded
    assert {r.student for r in report.results} == {*HONEST, *expected}
    assert report.ok, report.summary("en")


@pytest.mark.parametrize("student", ["sparse", "peek", "secrets", "alias", "swap", "hardlink",
                                     "fifo", "socket", "device", "manyfiles", "bignb",
                                     "manycells"])
def test_a_refused_submission_scores_zero_with_a_reason_naming_the_file(graded, student):
    course, report, expected = graded
    key, file = expected[student]
    result = report.by_student()[student]
    assert result.status == "zero", result
    assert result.score == 0.0 and result.max_score == 11.0, result
    assert [k for k, _ in result.reasons] == [key], result
    for lang in ("es", "en"):
        assert file in result.reason(lang), (lang, result.reason(lang))
    assert result.reason("es") != result.reason("en")
    assert set(cell_scores(course)[student].values()) == {0.0}
    # nbgrader never ran on it: nothing in autograded/, an earlier run's files are gone
    assert not os.path.lexists(course / "autograded" / student)
    assert not (course / "autograded" / student / ASSIGNMENT).exists()


def test_reasons_name_the_cap_the_limit_and_the_value(graded):
    by_student = graded[1].by_student()
    assert "3.3 GiB" in by_student["sparse"].reason("en")
    assert "64 MiB" in by_student["sparse"].reason("en")
    assert "203 files and folders" in by_student["manyfiles"].reason("en")  # + 3 of hand_in
    assert "200" in by_student["manyfiles"].reason("en")
    assert "17 MiB" in by_student["bignb"].reason("es")
    assert "16 MiB" in by_student["bignb"].reason("es")
    text = by_student["manycells"].reason("es")
    assert f"{len(_solution(graded[0]).cells) + 2000} celdas" in text and "2000" in text


def test_honest_students_keep_their_scores_and_their_data_files(graded):
    course, report, _ = graded
    scores = cell_scores(course)
    for student in HONEST:
        assert report.by_student()[student].status in ("graded", "flagged")
        assert sum(scores[student].values()) == 5.0, student  # every autograded test
    assert scores["solution"] == scores["con_datos"]
    executed = nbformat.read(course / "autograded" / "con_datos" / ASSIGNMENT / NOTEBOOK,
                             as_version=4)
    printed = "".join(o.get("text", "") for c in executed.cells for o in c.get("outputs", []))
    assert CSV in printed  # the data file reached the box


def _files(top: Path) -> set[str]:
    return {str(p.relative_to(top)) for p in top.rglob("*") if not p.is_dir()}


def test_nothing_of_a_link_target_reaches_autograded_or_feedback(graded):
    course = graded[0]
    generate_feedback(ASSIGNMENT, course)
    assert {p.name for p in (course / "autograded").iterdir()} == set(HONEST)
    assert {p.name for p in (course / "feedback").iterdir()} == set(HONEST)
    source = _files(course / "source" / ASSIGNMENT)
    for student in HONEST:  # what they handed in, and what nbgrader adds from source/
        handed_in = _files(course / "submitted" / student / ASSIGNMENT)
        assert _files(course / "autograded" / student / ASSIGNMENT) <= handed_in | source
    for path in (course / "feedback").rglob("*"):
        assert not path.is_symlink(), path
        if path.is_file():
            assert HIDDEN_MARK not in path.read_text(errors="ignore"), path
    # 14 sparse files of 250 MB: not a byte of them was copied anywhere
    assert _tree_bytes(course / "autograded") < 8 * 2**20
    assert not [p for p in (course / "autograded").rglob("*") if p.is_symlink()]


def test_a_student_folder_that_is_a_link_is_not_graded_as_its_target(graded):
    course, report, _ = graded
    scores = cell_scores(course)
    assert sum(scores["solution"].values()) == 5.0
    for student in ("alias", "swap", "peek"):
        assert sum(scores[student].values()) == 0.0, student
    assert "alias" in report.by_student()["alias"].reason("en")


def test_a_rerun_skips_refused_submissions_and_keeps_their_reasons(graded):
    course, first, _ = graded
    lines = len(journal(course))
    again = autograde(ASSIGNMENT, course, workers=2, limits=LIMITS, lang="en")
    assert {r.status for r in again.results} == {"skipped"}
    assert [(r.student, r.reasons) for r in again.results] == [
        (r.student, tuple((k, p) for k, p in r.reasons)) for r in first.results]
    assert len(journal(course)) == lines


def test_an_honest_folder_keeps_the_fingerprint_journals_already_hold(graded):
    import hashlib as h

    folder = graded[0] / "submitted" / "con_datos" / ASSIGNMENT
    digest = h.sha256()  # how the journal fingerprinted submissions before this change
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        st = path.stat()
        digest.update(f"{path.relative_to(folder)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    assert submission_fingerprint(folder) == digest.hexdigest()[:32]
    peek = graded[0] / "submitted" / "peek" / ASSIGNMENT
    assert submission_fingerprint(peek) != submission_fingerprint(
        graded[0] / "submitted" / "solution" / ASSIGNMENT)


# -- the scan and the copy on their own ------------------------------------------------------

def test_caps_refuse_what_is_not_a_positive_whole_number():
    for name in ("total_bytes", "files", "notebook_bytes", "cells"):
        for bad in (0, -1, 1.5, True):
            with pytest.raises(InputError, match=f"'{name}'"):
                Caps(**{name: bad})
    assert Caps(files=3).files == 3


def test_a_scan_counts_past_the_cap_only_so_far(tmp_path):
    for i in range(80):
        (tmp_path / f"{i}.txt").write_text("x")
    found = scan(tmp_path, Caps(files=5))
    assert found.count == "50+"
    assert found.reasons[0][0] == "cohort.reason.too_many_files"
    assert found.reasons[0][1]["value"] == "50+" and found.reasons[0][1]["limit"] == 5
    assert scan(tmp_path, Caps(files=80)).ok and scan(tmp_path, Caps(files=79)).count == 80


def test_reading_a_notebook_never_follows_a_link(tmp_path):
    (tmp_path / "real.ipynb").write_text('{"cells": [1, 2, 3]}')
    (tmp_path / "link.ipynb").symlink_to(tmp_path / "real.ipynb")
    assert intake.read_bytes(tmp_path / "real.ipynb", 100) == b'{"cells": [1, 2, 3]}'
    with pytest.raises(OSError):
        intake.read_bytes(tmp_path / "link.ipynb", 100)
    with pytest.raises(OSError):
        intake.read_bytes(tmp_path / "real.ipynb", 5)  # over the limit: nothing read
    files, dropped = intake.read_folder(tmp_path, 100)
    assert set(files) == {"real.ipynb"} and dropped == []
    assert intake.read_folder(tmp_path, 5) == ({}, ["real.ipynb"])


def test_a_link_swapped_in_while_copying_is_refused_and_nothing_is_kept(tmp_path):
    secret = tmp_path / "otra_casa" / "secreto.txt"
    secret.parent.mkdir()
    secret.write_text(SECRET)
    src = tmp_path / "entrega"
    (src / "datos").mkdir(parents=True)
    (src / "a.txt").write_text("hola")
    (src / "datos" / "b.txt").write_text("mundo")

    def swap(rel: str, is_folder: bool, size: int) -> bool:
        if rel == "datos/b.txt":  # after lstat saw a plain file, before it is opened
            (src / rel).unlink()
            (src / rel).symlink_to(secret)
        return True

    with pytest.raises(Refused) as err:
        copy_tree(src, tmp_path / "copia", keep=swap)
    assert err.value.reasons == [("cohort.reason.link", {"files": "entrega/datos/b.txt"})]
    assert not (tmp_path / "copia").exists()
    (src / "datos" / "b.txt").unlink()
    (src / "datos" / "b.txt").write_text("mundo")
    assert copy_tree(src, tmp_path / "copia") == 9
    assert (tmp_path / "copia" / "datos" / "b.txt").read_text() == "mundo"
    with pytest.raises(Refused, match="too_big"):
        copy_tree(src, tmp_path / "chica", max_bytes=5)
    assert not (tmp_path / "chica").exists()


# -- one run at a time -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def small(tmp_path_factory):
    course = make_course(tmp_path_factory.mktemp("intake-small") / "buap-sm", ["seed"])
    solution = _solution(course)
    hand_in(course, "solution", solution)
    hand_in(course, "bignb", solution)
    _sparse(course / "submitted" / "bignb" / ASSIGNMENT / NOTEBOOK, 17 * 2**20)
    return course


HOLD = """
import sys, time
from mipyme.cohort.intake import run_lock
with run_lock(sys.argv[1], sys.argv[2]):
    print("held", flush=True)
    time.sleep(600)
"""


def test_a_second_run_is_refused_naming_the_first_until_it_dies(small):
    lock = small / JOURNAL_DIR / f"{ASSIGNMENT}.lock"
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(lock), ASSIGNMENT],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        started = json.loads(lock.read_text())["started"]
        for lang in ("es", "en"):
            with language(lang), pytest.raises(InputError) as err:
                autograde(ASSIGNMENT, small, students=["bignb"], lang=lang)
            assert err.value.key == "cohort.errors.running"
            assert str(holder.pid) in str(err.value) and started in str(err.value)
            assert ("being graded" in str(err.value)) == (lang == "en")
        assert journal(small) == []
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
    report = autograde(ASSIGNMENT, small, students=["bignb"], limits=LIMITS)
    assert [r.status for r in report.results] == ["zero"]
    assert [r["student"] for r in journal(small)] == ["bignb"]
    again = autograde(ASSIGNMENT, small, students=["bignb"], limits=LIMITS)  # released
    assert [r.status for r in again.results] == ["skipped"]


def test_the_command_line_takes_the_caps(small, capsys):
    from mipyme.cli import main

    with language("es"):  # main sets the language: back to Spanish afterwards
        assert main(["--lang", "en", "autograde", ASSIGNMENT, "--course", str(small),
                     "--max-files", "0"]) == 1  # nbgrader's exit codes: 0 and 1
        assert "'files'" in capsys.readouterr().err
        assert main(["--lang", "en", "autograde", ASSIGNMENT, "--course", str(small),
                     "--student", "solution", "--max-cells", "3", "--timeout", "20"]) == 0
    out = capsys.readouterr().out
    assert "the most a notebook may have is 3" in out
    record = [r for r in journal(small) if r["student"] == "solution"][-1]
    assert record["status"] == "zero" and record["reasons"][0][0] == "cohort.reason.too_many_cells"


# -- the gradebook must be writable before anything is graded -------------------------------

def _state(course: Path, db: Path | None) -> tuple:
    """The journal, the gradebook and autograded/ as bytes and names."""
    files = [course / JOURNAL_DIR / f"{ASSIGNMENT}.jsonl", db or course / "gradebook.db"]
    sums = [hashlib.sha256(f.read_bytes()).hexdigest() if f.exists() else None for f in files]
    graded = sorted((str(p), p.stat().st_mtime_ns) for p in (course / "autograded").rglob("*"))
    return sums, graded


@pytest.mark.parametrize("how", ["file", "folder", "full disk", "unreachable server"])
def test_a_gradebook_that_cannot_be_written_stops_everything_first(graded, tmp_path, how):
    course = graded[0]
    db_url, db, undo = None, None, []
    url = f"sqlite:///{course / 'gradebook.db'}"
    try:
        if how == "file":  # root ignores file modes: make the file immutable
            subprocess.run(["chattr", "+i", course / "gradebook.db"], check=True)
            undo.append(["chattr", "-i", course / "gradebook.db"])
        elif how == "folder":  # the file is writable, its folder is not (no journal)
            subprocess.run(["chattr", "+i", course], check=True)
            undo.append(["chattr", "-i", course])
        elif how == "full disk":
            disk = tmp_path / "disk"
            disk.mkdir()
            subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", disk],
                           check=True)
            undo.append(["umount", disk])
            db = disk / "gradebook.db"
            shutil.copy(course / "gradebook.db", db)
            with pytest.raises(OSError), open(disk / "lleno", "wb") as fill:
                while True:
                    fill.write(b"\0" * 4096)
                    fill.flush()
            db_url = url = f"sqlite:///{db}"
        else:
            db_url = "postgresql://nobody:s3creto@127.0.0.1:1/x"
            url = "postgresql://nobody:***@127.0.0.1:1/x"
        before = _state(course, db)
        for lang in ("es", "en"):
            with language(lang), pytest.raises(InputError) as err:
                autograde(ASSIGNMENT, course, db_url=db_url, force=True, lang=lang)
            assert err.value.key == "cohort.errors.gradebook"
            assert url in str(err.value) and "s3creto" not in str(err.value)
        assert "gradebook" in str(err.value) and "No submission was graded" in str(err.value)
        assert _state(course, db) == before
    finally:
        for cmd in reversed(undo):
            subprocess.run(cmd, check=True)


# -- the hub's nbgrader collect --------------------------------------------------------------

STAMP = "2026-11-20 10:00:00.000000 UTC"


def _exchange(tmp: Path, safe: bool) -> tuple[Path, Path, Path]:
    """An nbgrader exchange with an honest and three linking students, and a course."""
    elsewhere = tmp / "otra_casa"
    (elsewhere / "entrega").mkdir(parents=True)
    (elsewhere / "secreto.txt").write_text(SECRET)
    (elsewhere / "entrega" / NOTEBOOK).write_text(SECRET)
    inbound = tmp / "exchange" / "curso" / "inbound"
    inbound.mkdir(parents=True)
    course = tmp / "curso"
    course.mkdir()
    setting = "c.ExchangeFactory.collect = 'mipyme.hub.exchange.SafeCollect'\n" if safe else ""
    (course / "nbgrader_config.py").write_text(
        "c = get_config()  # noqa: F821\nc.CourseDirectory.course_id = 'curso'\n"
        f"c.Exchange.root = {str(tmp / 'exchange')!r}\n" + setting)
    for student in ("ana", "beto", "dani"):
        folder = _inbound(inbound, student)
        (folder / NOTEBOOK).write_text(f"cuaderno de {student}")
        (folder / "datos").mkdir()
        (folder / "datos" / "ventas.csv").write_text(CSV)
    (_inbound(inbound, "beto") / "datos" / "privado.txt").symlink_to(elsewhere / "secreto.txt")
    os.link(elsewhere / "secreto.txt", _inbound(inbound, "dani") / "notas.txt")
    (inbound / f"caro+{ASSIGNMENT}+{STAMP}+abc").symlink_to(elsewhere / "entrega")
    return inbound, course, elsewhere


def _inbound(inbound: Path, student: str, stamp: str = STAMP) -> Path:
    folder = inbound / f"{student}+{ASSIGNMENT}+{stamp}+abc"
    if not folder.exists():
        folder.mkdir()
        (folder / "timestamp.txt").write_text(stamp)
    return folder


def _collect(course: Path, *args: str) -> str:
    env = {**os.environ, "MIPYME_LANG": "en",  # nbgrader runs alembic: find it
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    proc = subprocess.run([sys.executable, "-m", "nbgrader", "collect", ASSIGNMENT, *args],
                          cwd=course, env=env, capture_output=True, text=True, timeout=300,
                          check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout + proc.stderr


def _everything(top: Path) -> str:
    return "".join(p.read_text(errors="ignore") for p in top.rglob("*")
                   if p.is_file() and not p.is_symlink())


def test_stock_collect_copies_what_links_point_to(tmp_path):
    _, course, _ = _exchange(tmp_path, safe=False)
    _collect(course)
    assert SECRET in _everything(course / "submitted")  # what SafeCollect is for


def test_the_safe_collect_refuses_links_hard_links_and_linked_folders(tmp_path):
    _, course, _ = _exchange(tmp_path, safe=True)
    log = _collect(course)
    submitted = course / "submitted"
    assert sorted(p.name for p in submitted.iterdir()) == ["ana"]
    ana = submitted / "ana" / ASSIGNMENT
    assert (ana / "datos" / "ventas.csv").read_text() == CSV
    assert (ana / NOTEBOOK).read_text() == "cuaderno de ana"
    assert not [p for p in ana.rglob("*") if p.is_symlink() or (
        p.is_file() and p.stat().st_nlink > 1)]
    assert SECRET not in _everything(submitted)
    for named in ("datos/privado.txt", "notas.txt", f"caro+{ASSIGNMENT}+"):
        assert named in log, log
    assert "was not collected" in log


def test_the_safe_collect_skips_a_fifo_and_keeps_the_earlier_submission(tmp_path):
    inbound, course, _ = _exchange(tmp_path, safe=True)
    _collect(course)
    later = _inbound(inbound, "ana", "2026-11-21 10:00:00.000000 UTC")
    (later / NOTEBOOK).write_text("cuaderno nuevo")
    os.mkfifo(later / "tubo")  # stock nbgrader's copy would wait on it forever
    log = _collect(course, "--update")
    assert "tubo" in log and "was not collected" in log
    assert (course / "submitted" / "ana" / ASSIGNMENT / NOTEBOOK).read_text() == \
        "cuaderno de ana"
    (later / "tubo").unlink()
    _collect(course, "--update")
    assert (course / "submitted" / "ana" / ASSIGNMENT / NOTEBOOK).read_text() == \
        "cuaderno nuevo"


def test_the_hub_grader_collects_with_the_safe_collect(tmp_path):
    from nbgrader.exchange import ExchangeFactory
    from traitlets.config.loader import PyFileConfigLoader

    from mipyme.hub.core import grader_nbgrader_config
    from mipyme.hub.exchange import SafeCollect

    plan = SimpleNamespace(exchange=tmp_path / "exchange", course_id="curso",
                           course=tmp_path / "curso")
    (tmp_path / "nbgrader_config.py").write_text(grader_nbgrader_config(plan))
    config = PyFileConfigLoader("nbgrader_config.py", path=str(tmp_path)).load_config()
    assert ExchangeFactory(config=config).collect is SafeCollect
