"""A real classroom hub for tests: a course from a roster, ``mipyme hub start`` on a loopback
port, and clean-up of every user and process it made.

Needs root (system users), ``configurable-http-proxy`` in build/node (the Makefile's ``hub``
target installs it), bubblewrap (the autograder) and Chromium (the browser side).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cohort_support import ASSIGNMENT, nbgrader, write_roster_csv
from mipyme.cohort.course import init_course
from mipyme.hub.cgroups import detect
from mipyme.hub.core import find_proxy, free_port, grader_name, remove_system_users


@dataclass
class Hub:
    url: str
    course: Path
    state: Path
    course_id: str
    students: tuple[str, ...]
    instructor: str
    proc: subprocess.Popen
    log: Path

    @property
    def grader(self) -> str:
        return grader_name(self.course_id)

    @property
    def users(self) -> tuple[str, ...]:
        return (*self.students, self.instructor, self.grader)


def missing_pieces() -> list[str]:
    """What the hub test needs that this machine lacks (``make test`` installs all of it).

    Only root can run it (it creates system users); as root a missing piece fails the test
    with this list rather than skipping it, since the Makefile installs every one of them.
    """
    lacking = []
    if find_proxy() is None:
        lacking.append("configurable-http-proxy is missing: run `make test` or `make hub` "
                       "(npm, into build/node)")
    if shutil.which("bwrap") is None:
        lacking.append("bubblewrap is missing: run `make system-deps`")
    return lacking


def wait_until(check, seconds: float, what: str, log: Path | None = None) -> object:
    """Poll ``check()`` until it returns something true; raise with the hub log tail."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.25)
    tail = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
    raise TimeoutError(f"{what} did not happen in {seconds} s\n{tail}")


def _api_up(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/hub/api/", timeout=2) as reply:
            return reply.status == 200 and "version" in json.loads(reply.read())
    except Exception:
        return False


def _stop(proc: subprocess.Popen, state: Path) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)
    pid_file = state / "proxy.pid"  # the proxy the hub started, if it outlived the hub
    with contextlib.suppress(OSError, ValueError):
        pid = int(pid_file.read_text().strip())
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        if b"configurable-http-proxy" in cmdline:
            os.kill(pid, signal.SIGKILL)


@contextlib.contextmanager
def running_hub(*options: str) -> Iterator[Hub]:
    """A course with two students and an instructor, served by a real hub (``options``:
    more arguments for ``mipyme hub start``)."""
    tag = "h" + secrets.token_hex(2)  # own user names: test runs side by side do not clash
    students = (f"{tag}-ana", f"{tag}-luis")
    instructor = f"{tag}-profe"
    course_id = f"{tag}-2026a"
    root = Path(tempfile.mkdtemp(prefix="mipyme-hub-"))
    os.chmod(root, 0o755)
    proc = None
    try:
        roster = write_roster_csv(root / "roster.csv", [
            ["student_id", "first_name", "last_name", "email", "university", "cohort"],
            [students[0], "Ana", "Núñez", "ana@buap.mx", "BUAP", "2026A"],
            [students[1], "Luis", "Pérez", "luis@buap.mx", "BUAP", "2026A"]])
        course = root / "course"
        init_course(course, roster, course_id, assignments=[ASSIGNMENT])
        nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
        port = free_port()
        log = root / "hub.log"
        state = root / "state"
        with open(log, "w") as out:
            proc = subprocess.Popen(
                [sys.executable, "-m", "mipyme.hub.cli", "start", "--course", str(course),
                 "--state", str(state), "--port", str(port), "--instructor", instructor,
                 *options],
                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        hub = Hub(f"http://127.0.0.1:{port}", course, state, course_id, students, instructor,
                  proc, log)
        wait_until(lambda: _api_up(hub.url) or proc.poll() is not None, 120, "the hub start",
                   log)
        assert proc.poll() is None, log.read_text()[-3000:]
        yield hub
    finally:
        if proc is not None:
            _stop(proc, root / "state")
        remove_system_users([*students, instructor, grader_name(course_id)])
        quotas, group = detect(), grader_name(course_id).removeprefix("grader-")
        if quotas.available:  # the groups of the servers the hub did not stop itself
            for user in (*students, instructor):
                quotas.remove(group, user)
            quotas.remove(group)
        shutil.rmtree(root, ignore_errors=True)
