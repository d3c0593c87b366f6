"""``mipyme autograde`` beyond one SQLite file: a real PostgreSQL server started by the test
(its own cluster on a loopback port) and a real Dask ``LocalCluster`` of worker processes."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import nbformat
import pytest

from autograde_support import NOTEBOOK, ORDINARY, cell_scores, hand_in, make_course, submission_rows
from cohort_support import ASSIGNMENT, _answers
from exercise_support import mistakes
from mipyme.cohort.autograde import autograde
from mipyme.cohort.executors import DaskExecutor
from mipyme.cohort.sandbox import Limits
from mipyme.grading.roundtrip import fill

LIMITS = Limits(cell_timeout=30)


def _expected_total(student: str) -> float:
    """The autograded points each ordinary submission must get (from the fixtures)."""
    if student == "blank":
        return 0.0
    if student == "solution":
        return 5.0
    return float(mistakes(ASSIGNMENT)[student]["score"])


def _hand_in_ordinary(course: Path, extra: dict | None = None) -> None:
    release = nbformat.read(course / "release" / ASSIGNMENT / NOTEBOOK, as_version=4)
    source = nbformat.read(course / "source" / ASSIGNMENT / NOTEBOOK, as_version=4)
    for name in ORDINARY:
        hand_in(course, name, fill(release, _answers(name, source), ASSIGNMENT))
    for name, work in (extra or {}).items():
        hand_in(course, name, work)


def _auto_totals(course: Path, db_url: str | None = None) -> dict[str, float]:
    return {s: sum(v for k, v in cells.items() if k.startswith("test_"))
            for s, cells in cell_scores(course, db_url).items()}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def postgres():
    """A PostgreSQL server of its own: initdb in a temporary folder, a loopback port."""
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    assert versions, "PostgreSQL is missing: run `make system-deps`"
    bindir = versions[-1].parent
    folder = Path(tempfile.mkdtemp(prefix="mipyme-pg-"))
    data, run_dir = folder / "data", folder / "run"
    run_dir.mkdir()
    as_root = os.geteuid() == 0
    if as_root:  # the server refuses to run as root: give the folder to `postgres`
        shutil.chown(folder, "postgres", "postgres")
        shutil.chown(run_dir, "postgres", "postgres")
    prefix = ["runuser", "-u", "postgres", "--"] if as_root else []

    def pg(*cmd: str) -> None:
        proc = subprocess.run([*prefix, *cmd], capture_output=True, text=True, check=False)
        assert proc.returncode == 0, proc.stdout + proc.stderr

    port = _free_port()
    pg(str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-N")
    pg(str(bindir / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-w", "-o",
       f"-p {port} -k {run_dir} -c listen_addresses=127.0.0.1 -c fsync=off", "start")
    try:
        pg(str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres",
           "gradebook")
        yield f"postgresql://postgres@127.0.0.1:{port}/gradebook"
    finally:
        pg(str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)


def test_a_postgresql_gradebook_gets_the_same_grades_and_survives_a_rerun(postgres, tmp_path):
    course = make_course(tmp_path / "pg-course", ["seed"], db_url=postgres)
    assert not (course / "gradebook.db").exists()
    _hand_in_ordinary(course, {"empty": b""})
    report = autograde(ASSIGNMENT, course, workers=2, limits=LIMITS, lang="en")
    assert report.ok, report.summary("en")
    assert not (course / "gradebook.db").exists()  # everything went to PostgreSQL
    totals = _auto_totals(course, postgres)
    assert totals == {**{s: _expected_total(s) for s in ORDINARY}, "empty": 0.0}
    rows = submission_rows(course, postgres)
    forced = autograde(ASSIGNMENT, course, workers=2, force=True, limits=LIMITS, lang="en")
    assert [r.status for r in forced.results] == [r.status for r in report.results]
    assert submission_rows(course, postgres) == rows
    assert _auto_totals(course, postgres) == totals


def test_a_dask_cluster_of_worker_processes_gives_the_same_results(tmp_path):
    from distributed import Client, LocalCluster

    course = make_course(tmp_path / "dask-course", ["seed"])
    _hand_in_ordinary(course, {"exit": b"not a notebook"})
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None, host="127.0.0.1") as cluster, \
            Client(cluster) as client:
        executor = DaskExecutor(client)
        assert executor.workers == 2
        pids = set(client.run(os.getpid).values())
        assert len(pids) == 2 and os.getpid() not in pids
        report = autograde(ASSIGNMENT, course, executor=executor, limits=LIMITS, lang="en")
    assert report.ok, report.summary("en")
    assert "DaskExecutor" in report.executor
    on_dask = cell_scores(course)
    local = tmp_path / "local-course"
    shutil.copytree(course, local)
    shutil.rmtree(local / "autograded")
    shutil.rmtree(local / ".mipyme")
    (local / "gradebook.db").unlink()
    local_report = autograde(ASSIGNMENT, make_course_copy(local), workers=2, limits=LIMITS,
                             lang="en")
    assert cell_scores(local) == on_dask
    assert [(r.student, r.status, r.score) for r in local_report.results] == [
        (r.student, r.status, r.score) for r in report.results]
    assert _auto_totals(course)["solution"] == _expected_total("solution")


def make_course_copy(folder: Path) -> Path:
    """Recreate the gradebook of a copied course (generate_assignment fills it again)."""
    from cohort_support import nbgrader

    nbgrader(folder, "generate_assignment", ASSIGNMENT, "--force")
    return folder
