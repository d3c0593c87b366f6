"""The box a submission's kernel runs in, enforced by the real kernel (issue 17, items 3, 6, 9).

Limits per box, not per process: three children that each fit the memory limit do not fit
it together (the box's control group kills them) and the whole notebook has a wall-clock
bound. Private work folders: 0700 and the box's own, unreadable to other users, removed at
the end and, when a grader was killed, at the next start. A tighter box: no user namespaces,
no ``ptrace``, ``mount``, ``keyctl``... inside it, and no two boxes of concurrent graders share
a user id.

Everything runs real kernels in real bubblewrap boxes, as CI does (root, cgroup v1 or v2).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import platform
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import nbformat
import pytest

from mipyme.cohort import boxgroups, executors
from mipyme.cohort.executors import STOPPED, Job, run_job
from mipyme.cohort.sandbox import (
    DENIED,
    UID_BASE,
    Limits,
    Sandbox,
    find_sandbox,
    lease_uid,
    limits_command,
    seccomp_program,
)
from mipyme.errors import InputError
from mipyme.hub.cgroups import Quotas
from mipyme.i18n import t

GIB = 2**30
ROOT = os.geteuid() == 0
NEEDS_ROOT = "these tests run as root, like CI (make test): the box's user ids and groups"
SRC = str(Path(__file__).resolve().parents[1] / "src")


@pytest.fixture(scope="module")
def box() -> Sandbox:
    assert ROOT, NEEDS_ROOT
    return find_sandbox()


def notebook(*cells: str) -> str:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    return nbformat.writes(nb)


def job(box: Sandbox, *cells: str, limits: Limits | None = None,
        files: dict[str, bytes] | None = None) -> Job:
    return Job("ana", "a1", notebook(*cells), files or {}, {"timeout": 60},
               limits or Limits(cell_timeout=60), box, "en")


def texts(outcome) -> list[str]:
    """Each cell's printed text (an error's name and value for a cell that failed)."""
    out = []
    for cell in nbformat.reads(outcome.notebook, as_version=4).cells:
        out.append("".join(o.get("text", "") if o.output_type == "stream"
                           else f"{o.get('ename')}: {o.get('evalue')}" for o in cell.outputs))
    return out


def work_parent() -> Path:
    return Path(tempfile.gettempdir()) / f"mipyme-grade-{os.geteuid()}"


def group_folders(tag: str) -> list[Path]:
    """The group folders (every hierarchy) of the boxes of the grader with ``tag``."""
    quotas = boxgroups.machine()
    return [folder for base in quotas.group().values() if base.is_dir()
            for folder in base.iterdir() if folder.name.startswith(tag + "-")]


class GroupWatch:
    """Samples this process's box groups while a job runs: the most memory they held, their
    limits and processes."""

    def __init__(self) -> None:
        self.peak = 0
        self.limits: dict[str, str] = {}
        self.pids: set[int] = set()
        self.seen: set[Path] = set()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> GroupWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        tag = boxgroups.owner_tag()
        while not self._stop.is_set():
            for folder in group_folders(tag):
                self.seen.add(folder)
                for name in ("memory.max_usage_in_bytes", "memory.peak"):
                    with contextlib.suppress(OSError, ValueError):
                        self.peak = max(self.peak, int((folder / name).read_text()))
                for name in ("memory.limit_in_bytes", "memory.memsw.limit_in_bytes",
                             "memory.max", "pids.max", "cpu.cfs_quota_us", "cpu.max"):
                    with contextlib.suppress(OSError):
                        self.limits[name] = (folder / name).read_text().strip()
                with contextlib.suppress(OSError, ValueError):
                    self.pids.update(int(p) for p in (folder / "cgroup.procs")
                                     .read_text().split())
            time.sleep(0.05)


# -- Limits ------------------------------------------------------------------------------


def _appears(pattern: str, tries: int = 1200):
    """The first file of the grader's work folders matching ``pattern`` once one exists
    (polled every 50 ms, ``tries`` times), or ``None``."""
    for _ in range(tries):
        found = list(work_parent().glob(pattern))
        if found:
            return found[0]
        time.sleep(0.05)
    return None

def test_limits_bound_the_whole_notebook_and_refuse_nonsense():
    assert Limits().notebook_timeout == 600 and Limits().cpus == 1.0
    assert Limits(notebook_timeout=None).notebook_timeout is None
    for bad in (0, -5, 2.5, True, "10"):
        with pytest.raises(InputError, match="notebook_timeout"):
            Limits(notebook_timeout=bad)
    for bad in (0, -1, 5000, True):
        with pytest.raises(InputError, match="cpus"):
            Limits(cpus=bad)
    for lang in ("es", "en"):
        assert "10" in t("cohort.reason.notebook_timeout", lang=lang, seconds=10)
    assert t("cohort.reason.notebook_timeout", lang="es", seconds=1) != t(
        "cohort.reason.notebook_timeout", lang="en", seconds=1)


# -- Limits per box (item 3) ---------------------------------------------------------------


def test_three_children_share_one_memory_quota(box):
    assert boxgroups.machine().available, boxgroups.reason()
    assert box.quotas_reason == ""
    hog = "b = b'x' * (1500 * 10**6); import time; time.sleep(6)"
    cell = ("import subprocess, sys\n"
            f"kids = [subprocess.Popen([sys.executable, '-c', {hog!r}]) for _ in range(3)]\n"
            "print(sorted(k.wait() for k in kids))")
    limits = Limits(memory_bytes=2 * GIB, processes=64, cell_timeout=120)
    with GroupWatch() as watch:
        outcome = run_job(job(box, cell, limits=limits))
    assert outcome.status == "ok", outcome
    codes = json.loads(texts(outcome)[0])
    # 1.5 GB each fits the 2 GiB rlimit of a process, but two do not fit the box together:
    # the group's OOM killer takes them (SIGKILL) until what is left fits.
    assert codes.count(0) <= 1 and -signal.SIGKILL in codes, codes
    assert GIB < watch.peak <= 2 * GIB, watch.peak  # the children were in it; never 4.5 GiB
    assert watch.limits["pids.max"] == "64", watch.limits
    if "memory.limit_in_bytes" in watch.limits:  # cgroup v1
        assert watch.limits["memory.limit_in_bytes"] == str(2 * GIB)
        assert watch.limits["memory.memsw.limit_in_bytes"] == str(2 * GIB)
        assert watch.limits["cpu.cfs_quota_us"] == "100000"
    else:
        assert watch.limits["memory.max"] == str(2 * GIB)
        assert watch.limits["cpu.max"].split() == ["100000", "100000"]
    assert watch.seen and not any(folder.exists() for folder in watch.seen)  # removed


@pytest.fixture(scope="module")
def past_deadline(box):
    """20 cells of 2 s each, 5 s per cell, 10 s for the notebook: the outcome, the kernel
    manager and what the box's group held."""
    managers = []
    make = executors.kernel_manager_class

    def recording():
        cls = make()

        class Recorded(cls):
            def __init__(self, **kwargs):
                super().__init__(**kwargs)
                managers.append(self)

        return Recorded

    cells = ["import time; time.sleep(2); print('done')"] * 20
    limits = Limits(cell_timeout=5, notebook_timeout=10)
    with pytest.MonkeyPatch.context() as patch, GroupWatch() as watch:
        patch.setattr(executors, "kernel_manager_class", recording)
        outcome = run_job(job(box, *cells, limits=limits))
    return outcome, managers, watch


def test_the_notebook_deadline_stops_the_box(past_deadline):
    outcome, managers, watch = past_deadline
    ran = [text for text in texts(outcome) if text.strip() == "done"]
    assert 0 < len(ran) < 20, texts(outcome)  # stopped halfway, not cell by cell
    assert any(STOPPED in text for text in texts(outcome))  # the rest cannot score
    [km] = managers
    assert km.deadline_hit
    assert km.stop_reason() == ("timeout", "cohort.reason.notebook_timeout", {"seconds": 10})
    assert watch.pids  # the box ran in its group, which could only be removed once empty
    assert watch.seen and not any(folder.exists() for folder in watch.seen)


def test_a_notebook_past_its_deadline_is_reported_as_a_timeout(past_deadline):
    outcome = past_deadline[0]
    assert (outcome.status, outcome.reason, outcome.params) == (
        "timeout", "cohort.reason.notebook_timeout", {"seconds": 10}), outcome


def test_without_control_groups_the_box_keeps_its_rlimits_and_says_why(box, monkeypatch,
                                                                         caplog):
    monkeypatch.setattr(boxgroups, "detect", lambda prefix: Quotas(
        None, {}, "only root can create control groups", prefix=prefix))
    boxgroups.machine.cache_clear()
    try:
        with caplog.at_level(logging.WARNING, logger="mipyme.cohort"):
            assert box.quotas_reason == "only root can create control groups"
            assert boxgroups.reason() == box.quotas_reason
            limits = Limits(memory_bytes=GIB, cell_timeout=60)
            with box.launch(["true"], tempfile.gettempdir(), limits, {}) as run:
                assert run.group is None and run.popen_kwargs() == {}
            outcome = run_job(job(box, "import resource\n"
                                       "print(resource.getrlimit(resource.RLIMIT_AS)[0])",
                                  limits=limits))
        warned = [r for r in caplog.records if "per-process limits only" in r.getMessage()]
        assert len(warned) == 1, caplog.records  # said once, not per box
        assert outcome.status == "ok" and texts(outcome)[0].strip() == str(GIB), outcome
        for lang in ("es", "en"):
            assert "only root" in t("cohort.sandbox.no_quotas", lang=lang,
                                    reason=box.quotas_reason)
    finally:
        boxgroups.machine.cache_clear()


# -- Private work folders (item 6) ---------------------------------------------------------

PEEK = """
import os, time
folder = os.getcwd()
work = os.path.dirname(folder)
open('ready', 'w').close()
for _ in range(600):
    if os.path.exists('go'):
        break
    time.sleep(0.1)
print(os.getuid(), oct(os.stat(work).st_mode & 0o777), os.stat(work).st_uid,
      oct(os.stat('notas.csv').st_mode & 0o777), os.stat('notas.csv').st_uid, work)
"""


def test_work_folders_are_private_to_the_box_and_removed(box):
    result = {}
    runner = threading.Thread(target=lambda: result.setdefault("outcome", run_job(
        job(box, PEEK, files={"notas.csv": b"secreto\n", "sub/otra.txt": b"x"}))))
    runner.start()
    try:
        # the kernel starts, then waits for us
        ready = _appears(f"{boxgroups.owner_tag()}-*/submission/ready")
        assert ready is not None, "the notebook never started"
        submission = ready.parent
        parent = os.stat(work_parent())
        assert (parent.st_mode & 0o777, parent.st_uid) == (0o700, os.geteuid())
        assert os.stat(submission / "sub" / "otra.txt").st_mode & 0o777 == 0o600
        assert os.stat(submission / "sub").st_mode & 0o777 == 0o700
        nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        for argv in (["ls", work_parent()], ["ls", submission.parent], ["ls", submission],
                     ["cat", submission / "notas.csv"]):
            peek = subprocess.run([*nobody, *map(str, argv)], capture_output=True,
                                  text=True, check=False)
            assert peek.returncode != 0 and "Permission denied" in peek.stderr, peek
            assert "secreto" not in peek.stdout and "notas" not in peek.stdout
    finally:
        if ready is not None:
            (ready.parent / "go").write_text("")
        runner.join()
    outcome = result["outcome"]
    assert outcome.status == "ok", outcome
    uid, work_mode, work_uid, file_mode, file_uid, work = texts(outcome)[0].split()
    assert int(uid) >= UID_BASE and int(work_uid) == int(file_uid) == int(uid)
    assert (work_mode, file_mode) == ("0o700", "0o600")
    assert Path(work).parent == work_parent() and not Path(work).exists()


def test_a_killed_graders_leftovers_are_removed_at_the_next_start(box):
    code = f"""
import sys
sys.path.insert(0, {SRC!r})
from mipyme.cohort.executors import Job, run_job
from mipyme.cohort.sandbox import Limits, find_sandbox
import nbformat
nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
    "open('started', 'w').close()\\nimport time\\ntime.sleep(600)")])
nb.metadata["kernelspec"] = {{"name": "python3", "display_name": "P", "language": "python"}}
run_job(Job("ana", "a1", nbformat.writes(nb), {{}}, {{"timeout": 900}},
            Limits(cell_timeout=900, notebook_timeout=None), find_sandbox(), "en"))
"""
    grader = subprocess.Popen([sys.executable, "-c", code])
    try:
        tag = boxgroups.owner_tag(grader.pid)
        started = _appears(f"{tag}-*/submission/started")
        assert started is not None, "the grader never started its kernel"
        groups = group_folders(tag)
        assert groups, "the grader's box has no control group"
        assert any((g / "cgroup.procs").read_text().split() for g in groups)
    finally:
        grader.kill()  # kill -9: no clean-up of its own
        grader.wait()
    work = started.parent.parent
    assert work.exists() and all(g.exists() for g in groups)  # left behind
    outcome = run_job(job(box, "print('next')"))
    assert outcome.status == "ok" and texts(outcome)[0].strip() == "next", outcome
    assert not work.exists()
    assert not any(g.exists() for g in groups)  # emptied (nothing of the box runs) and gone


# -- A tighter box (item 9) ------------------------------------------------------------------

ARCH = {"x86_64": 0, "aarch64": 1}[platform.machine()]
ESCAPES = f"""
import ctypes, os, subprocess
libc = ctypes.CDLL(None, use_errno=True)
def call(name, *args):
    ctypes.set_errno(0)
    nr = {json.dumps({k: v[ARCH] for k, v in DENIED.items() if v[ARCH]})}.get(name)
    result = libc.syscall(nr if nr is not None else {56 if ARCH == 0 else 220}, *args)
    if result == 0 and name == 'clone':
        os._exit(0)  # a child made it: it must not run the rest of the cell
    return name, result, ctypes.get_errno()
rows = [
    call('ptrace', 0, 0, 0, 0),  # PTRACE_TRACEME
    call('unshare', 0x10000000),  # CLONE_NEWUSER
    call('clone', 0x10000000 | 17, 0, 0, 0, 0),  # a child in a new user namespace
    call('mount', b'none', b'/tmp', b'tmpfs', 0, None),
    call('keyctl', 0, -3, 0),  # KEYCTL_GET_KEYRING_ID of the session keyring
    call('bpf', 0, 0, 0),
    call('setns', -1, 0),
]
buf = ctypes.create_string_buffer(8)
local = (ctypes.c_void_p * 2)(ctypes.addressof(buf), 8)
remote = (ctypes.c_void_p * 2)(ctypes.addressof(buf), 8)
rows.append(call('process_vm_readv', os.getpid(), local, 1, remote, 1, 0))
rows.append(('unshare -U', subprocess.run(['unshare', '-U', 'true'],
                                         capture_output=True).returncode, 0))
rows.append(('unshare -Ur', subprocess.run(['unshare', '-Ur', 'id'],
                                          capture_output=True).returncode, 0))
pid = os.fork()
if pid == 0:
    os._exit(7)
rows.append(('fork', os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]), 0))
import threading
done = []
worker = threading.Thread(target=done.append, args=(1,))
worker.start()
worker.join()
rows.append(('thread', len(done), 0))
print(repr(rows))
"""


def test_inside_the_box_namespaces_ptrace_mount_and_keys_are_refused(box):
    outcome = run_job(job(box, ESCAPES))
    assert outcome.status == "ok", texts(outcome)
    import ast

    rows = {name: (result, errno_) for name, result, errno_ in ast.literal_eval(
        texts(outcome)[0])}
    for name in ("ptrace", "unshare", "clone", "mount", "keyctl", "bpf", "setns",
                 "process_vm_readv"):
        assert rows[name] == (-1, 1), (name, rows[name])  # -1, EPERM
    assert rows["unshare -U"][0] != 0 and rows["unshare -Ur"][0] != 0
    assert rows["fork"] == (7, 0) and rows["thread"] == (1, 0)  # the ordinary still works


def test_the_seccomp_filter_outside_a_box():
    """The filter alone (no bubblewrap): ``clone3`` answers ENOSYS, the rest as in a box."""
    probe = ("import ctypes, subprocess\n"
             "libc = ctypes.CDLL(None, use_errno=True)\n"
             "print(libc.syscall(435, 0, 0), ctypes.get_errno(),"
             " libc.unshare(0x10000000), ctypes.get_errno(),"
             " subprocess.run(['true']).returncode)")
    cmd = limits_command(sys.executable, memory=4 * GIB, processes=4096, file_size=GIB,
                          cpu=60, seccomp=True)
    filtered = subprocess.run([*cmd, sys.executable, "-c", probe], capture_output=True,
                              text=True, timeout=60, check=False)
    assert filtered.stdout.split() == ["-1", "38", "-1", "1", "0"], filtered
    bare = subprocess.run([*cmd[:-2], "--", sys.executable, "-c", probe],
                          capture_output=True, text=True, timeout=60, check=False)
    assert bare.stdout.split()[2:4] != ["-1", "1"] or not ROOT, bare  # root may unshare


def test_the_filter_program_is_well_formed():
    import struct

    for machine in ("x86_64", "aarch64"):
        program = seccomp_program(machine)
        rows = [struct.unpack("=HBBI", program[i:i + 8]) for i in range(0, len(program), 8)]
        assert rows[0] == (0x20, 0, 0, 4) and rows[-1][0] == 0x06  # arch first, returns last
        for index, (code, jt, jf, _k) in enumerate(rows):
            if code & 0x07 == 0x05:  # a jump: both targets inside the program
                assert index + 1 + max(jt, jf) < len(rows), (machine, index)
        returns = {k for code, _, _, k in rows if code == 0x06}
        assert returns == {0x7FFF0000, 0x00050001, 0x00050026, 0x80000000}


LEASER = f"""
import sys
sys.path.insert(0, {SRC!r})
from mipyme.cohort.sandbox import lease_uid
leases = [lease_uid() for _ in range(40)]
print(' '.join(str(lease.uid) for lease in leases), flush=True)
sys.stdin.readline()  # hold them until the test has both lists
"""


def test_two_graders_never_lease_the_same_uid():
    assert ROOT, NEEDS_ROOT
    graders = [subprocess.Popen([sys.executable, "-c", LEASER], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True) for _ in range(2)]
    try:
        held = [set(map(int, g.stdout.readline().split())) for g in graders]
        mine = lease_uid()  # and this process, at the same time
    finally:
        for g in graders:
            g.stdin.close()
            g.wait(timeout=60)
    assert all(len(h) == 40 for h in held), held
    assert not held[0] & held[1] and mine.uid not in held[0] | held[1]
    # A grader that is gone, however it ended, holds nothing: its ids can be taken again.
    lock = os.open(f"/run/mipyme-uids/{min(held[0])}", os.O_RDWR)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    finally:
        os.close(lock)
    mine.release()


def test_the_summary_says_when_boxes_had_per_process_limits_only(tmp_path):
    from mipyme.cohort.autograde import AutogradeReport

    report = AutogradeReport("ch01", tmp_path, (), 1.0, "LocalExecutor", "bwrap",
                             "no cgroup v2 with controllers")
    es, en = report.summary("es"), report.summary("en")
    assert "no cgroup v2 with controllers" in es and "grupos de control" in es
    assert "control groups" in en
    assert "control" not in AutogradeReport("ch01", tmp_path, (), 1.0, "x", "bwrap").summary(
        "en").split("\n", 1)[-1]
