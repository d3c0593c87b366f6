"""Warm kernels forked from a template (issue 18): boxed as a cold kernel, and nothing of one
student ever reaches the next.

Real kernels in real boxes, as CI runs them (root, bubblewrap, control groups): a kernel the
template forked must look, from inside, like a kernel started cold (same user rights, limits,
seccomp filter, file system, environment, path), and a student who tries to leave something
behind (globals, modules, changed library functions, files anywhere the box can write,
environment, processes, threads, sockets) finds none of it in the next student's kernel,
whether the next one runs after or at the same time.
"""

from __future__ import annotations

import json
import os
import threading

import nbformat
import pytest

from mipyme.cohort import template
from mipyme.cohort.executors import Job, run_job
from mipyme.cohort.sandbox import Limits, find_sandbox
from mipyme.cohort.template import TEMPLATES, serves
from test_cohort_box import texts as printed  # each cell's printed text

ROOT = os.geteuid() == 0


@pytest.fixture(scope="module")
def box():
    assert ROOT, "these tests run as root, like CI (make test)"
    return find_sandbox()


@pytest.fixture(autouse=True)
def fresh_templates():
    TEMPLATES.close()
    yield
    TEMPLATES.close()


def notebook(*cells: str) -> str:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    return nbformat.writes(nb)


def run(box, *cells: str, student: str = "ana", files: dict | None = None):
    outcome = run_job(Job(student, "a1", notebook(*cells), files or {}, {"timeout": 60},
                          Limits(cell_timeout=60), box, "en"))
    assert outcome.status == "ok", (outcome.reason, outcome.params)
    return outcome


# What a kernel sees of itself, as one JSON line (the user id and the pids left out).
PORTRAIT = r'''
import json, os, resource, socket, sys
status = dict(line.split(":", 1) for line in open("/proc/self/status") if ":" in line)
limits = {name: resource.getrlimit(getattr(resource, name)) for name in (
    "RLIMIT_AS", "RLIMIT_FSIZE", "RLIMIT_CPU", "RLIMIT_CORE", "RLIMIT_NOFILE")}
print(json.dumps({
    "uid_is_gid": os.getuid() == os.getgid() == os.geteuid(), "box_uid": os.getuid() >= 61000,
    "groups": os.getgroups(), "pid": os.getpid(), "umask": os.umask(0o022),
    "caps": {k: status[k].strip() for k in ("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb")},
    "seccomp": status["Seccomp"].strip(), "no_new_privs": status["NoNewPrivs"].strip(),
    "limits": limits, "nproc": resource.getrlimit(resource.RLIMIT_NPROC)[0],
    "cwd_is_submission": os.getcwd().endswith("/submission"),
    "argv0": os.path.basename(sys.argv[0]), "path": sys.path, "main": __name__,
    "env": sorted(os.environ), "lang": os.environ["MIPYME_LANG"],
    "host": socket.gethostname(), "interfaces": sorted(n for _, n in socket.if_nameindex()),
    "dev": sorted(os.listdir("/dev")), "shm": os.listdir("/dev/shm"),
    "tmp": sorted(os.listdir("/tmp")), "procs": sorted(p for p in os.listdir("/proc")
                                                      if p.isdigit()) != [],
    "tmp_blocks": os.statvfs("/tmp").f_blocks,
    "shell": type(get_ipython()).__name__,
    "args": [a for a in sys.argv[1:] if not a.endswith(".json")],
    "session": (os.getsid(0), os.getpgid(0)), "pts": sorted(os.listdir("/dev/pts")),
    "cgroups": sorted({line.split(":", 2)[2].strip() for line in open("/proc/self/cgroup")}),
}, sort_keys=True))
'''

# The box's process 1 is not the kernel's to stop: the notebook goes on either way.
SIGNAL_ONE = r'''
import os, signal
for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
    try:
        os.kill(1, signum)
    except OSError:
        pass
'''


def portrait(box) -> dict:
    outcome = run(box, PORTRAIT, SIGNAL_ONE, "import time; time.sleep(0.5); print('alive')")
    # the benchmark's cost split: the start is part of the notebook's time, never all of it
    assert 0 < outcome.start_seconds < outcome.seconds
    assert printed(outcome)[2] == "alive\n"
    return json.loads(printed(outcome)[0])


def test_a_forked_kernel_is_boxed_exactly_as_a_cold_one(box, monkeypatch):
    assert serves(box, "python3")
    warm = portrait(box)
    assert TEMPLATES.running() == 1, "the kernel did not come from the template"
    monkeypatch.setenv("MIPYME_GRADE_TEMPLATE", "0")
    assert not serves(box, "python3")
    TEMPLATES.close()
    cold = portrait(box)
    assert not TEMPLATES.running()
    # the cold box's first process is bubblewrap's (root); the warm one's is the box's user
    # and is counted in its process limit, so the kernel may start one more there
    assert warm.pop("nproc") == cold.pop("nproc")
    assert set(warm["env"]) ^ set(cold["env"]) == set()
    assert {k: (v, cold.get(k)) for k, v in warm.items() if cold.get(k) != v} == {}
    assert warm["caps"] == {k: "0000000000000000" for k in warm["caps"]}
    assert warm["seccomp"] == "2" and warm["no_new_privs"] == "1"
    assert warm["box_uid"] and warm["uid_is_gid"] and warm["groups"] == []
    assert warm["interfaces"] == ["lo"] and warm["host"] == "sandbox"
    assert warm["pid"] == 2 and warm["shm"] == [] and warm["pts"] == ["ptmx"]
    assert warm["session"] == [1, 1] and warm["cgroups"] == ["/"]
    assert "--HistoryManager.hist_file=:memory:" in warm["args"]


LEAVE = r'''
import builtins, os, pathlib, socket, subprocess, sys, threading, time, types
import pandas, mipyme.money
SECRET = "left-by-ana"
sys.modules["ana_module"] = types.ModuleType("ana_module")
pandas.ANA = SECRET
mipyme.money.round_money = lambda value: SECRET
builtins.ANA = SECRET
sys.path.append("/tmp/ana-path")
os.environ["ANA"] = SECRET
for folder in (".", "/tmp", "/dev/shm", os.environ["HOME"], os.environ["IPYTHONDIR"]):
    pathlib.Path(folder, "ana.txt").write_text(SECRET)
sleeper = subprocess.Popen(["sleep", "300"], start_new_session=True)
threading.Thread(target=time.sleep, args=(300,), daemon=True).start()
server = socket.socket(); server.bind(("127.0.0.1", 45678)); server.listen()
hidden = socket.socket(socket.AF_UNIX); hidden.bind("\0ana-socket"); hidden.listen()
terminal = os.openpty()
print("left", sleeper.pid)
'''

FIND = r'''
import builtins, os, socket, subprocess, sys
import pandas, mipyme.money
found = []
found += [k for k in ("SECRET", "sleeper", "server") if k in globals()]
found += ["module"] if "ana_module" in sys.modules else []
found += ["pandas"] if hasattr(pandas, "ANA") else []
found += ["money"] if mipyme.money.round_money.__name__ != "round_money" else []
found += ["builtins"] if hasattr(builtins, "ANA") else []
found += ["path"] if "/tmp/ana-path" in sys.path else []
found += ["env"] if "ANA" in os.environ else []
found += ["terminal"] if sorted(os.listdir("/dev/pts")) != ["ptmx"] else []
for top in ("/tmp", "/dev/shm", os.environ["HOME"], "."):
    for root, dirs, files in os.walk(top):
        found += [os.path.join(root, f) for f in files if f == "ana.txt"]
ps = subprocess.run(["ps", "-eo", "comm"], capture_output=True, text=True).stdout.split()
found += ["process"] if "sleep" in ps else []
for family, address in ((socket.AF_INET, ("127.0.0.1", 45678)),
                        (socket.AF_UNIX, "\0ana-socket")):
    with socket.socket(family) as probe:
        try:
            probe.connect(address)
            found.append(f"socket {address!r}")
        except OSError:
            pass
writable = set()
for root, dirs, files in os.walk("/"):
    if root.startswith(("/proc", "/sys")):
        dirs[:] = []
        continue
    if os.access(root, os.W_OK):
        writable.add(root)
print("found", found)
mine = os.path.dirname(os.getcwd())
print("writable", sorted(w for w in writable if not w.startswith((mine, "/tmp", "/dev/shm"))))
'''


def test_nothing_of_one_student_reaches_the_next(box):
    left = printed(run(box, LEAVE, student="ana"))
    assert left[0].startswith("left "), left
    after = printed(run(box, FIND, student="bea"))
    assert TEMPLATES.running() == 1, "the kernels did not come from the template"
    assert after[0].splitlines() == ["found []", "writable []"], after


def test_nothing_passes_between_students_graded_at_the_same_time(box):
    import time

    from mipyme.cohort.executors import work_parent

    outcomes = {}

    def ana():
        outcomes["ana"] = run(box, LEAVE, "import time; time.sleep(8)", student="ana")

    thread = threading.Thread(target=ana)
    thread.start()
    # bea starts once ana's kernel holds its sockets and processes (its first cell ran)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(work_parent().rglob("ana.txt")):
        time.sleep(0.1)
    assert any(work_parent().rglob("ana.txt")), "ana's first cell never ran"
    bea = printed(run(box, FIND, student="bea"))
    assert thread.is_alive(), "ana's kernel ended before bea looked"
    thread.join()
    assert printed(outcomes["ana"])[0].startswith("left ")
    assert bea[0].splitlines() == ["found []", "writable []"], bea


def test_only_the_standard_python_kernel_comes_from_the_template(box, monkeypatch, tmp_path):
    from jupyter_client.kernelspec import KernelSpecManager

    assert serves(box, "python3")
    assert not serves(box, "no-such-kernel")
    spec = KernelSpecManager().get_kernel_spec("python3")
    folder = tmp_path / "kernels" / "warmup"
    folder.mkdir(parents=True)
    (folder / "kernel.json").write_text(json.dumps({
        "argv": [*spec.argv], "display_name": "with env", "language": "python",
        "env": {"STARTUP": "1"}}))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))
    assert not serves(box, "warmup")  # a kernel with its own environment starts cold
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    assert not serves(box, "python3")  # a grader that is not root: each box starts cold
    monkeypatch.undo()
    monkeypatch.setenv("MIPYME_GRADE_TEMPLATE", "off")
    assert not serves(box, "python3")
    assert not serves(find_sandbox(unsafe=True), "python3")


def test_a_template_that_cannot_start_leaves_the_batch_cold(box, monkeypatch, caplog):
    monkeypatch.setattr(template, "COMMAND", ("-c", "import sys; sys.exit(3)"))
    with caplog.at_level("WARNING", logger="mipyme.cohort"):
        outcome = run(box, "print(6 * 7)")
    assert printed(outcome) == ["42\n"]
    assert "no warm kernels" in caplog.text
    assert not TEMPLATES.running()
