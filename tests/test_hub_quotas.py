"""Per-user quotas of the classroom hub, enforced by the real kernel (control groups).

Each test runs processes in a group made by :mod:`mipyme.hub.cgroups` and checks what the
kernel did: two kernels that each fit the memory quota but not together lose one to the OOM
killer; a busy loop gets a fifth of a core when its quota is 0.2; a fork loop stops at the
process quota. Where the machine offers no control groups, the hub must say why instead.
"""

from __future__ import annotations

import contextlib
import os
import resource
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mipyme.errors import InputError
from mipyme.hub.cgroups import Quota, detect, join, writes

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="control groups need root")

MIB = 2**20


@pytest.fixture
def group():
    """A fresh course group with one user's quota: 200 MiB, 0.2 cores, 16 processes."""
    quotas = detect()
    assert quotas.available, f"the hub would run without per-user quotas: {quotas.reason}"
    course = "t" + secrets.token_hex(3)
    quota = Quota(memory_bytes=200 * MIB, cpus=0.2, processes=16)
    procs = quotas.create(quota, course, "ana-01")
    try:
        yield quotas, quota, procs
    finally:
        for procs_file in procs:
            for pid in procs_file.read_text().split():
                with contextlib.suppress(ProcessLookupError):
                    os.kill(int(pid), signal.SIGKILL)
        time.sleep(0.2)
        quotas.remove(course, "ana-01")
        quotas.remove(course)
        assert not any(folder.exists() for folder in quotas.group(course).values())


def run_in(procs: list[Path], code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], preexec_fn=lambda: join(procs),
                          capture_output=True, text=True, timeout=120, check=False)


def test_the_group_holds_the_quota_the_hub_asked_for(group):
    quotas, quota, procs = group
    folders = {h: p.parent for h, p in zip(quotas.bases, procs, strict=True)}
    for hierarchy, name, value in writes(quotas.version, quota):
        file = folders[hierarchy] / name
        if file.exists():
            assert file.read_text().split() == value.split(), file
    proc = run_in(procs, "print(open('/proc/self/cgroup').read())")
    assert proc.returncode == 0, proc.stderr
    lines = [line for line in proc.stdout.splitlines() if line]
    for hierarchy in quotas.bases:
        mine = [line for line in lines if hierarchy in line.split(":")[1].split(",")
                or (hierarchy == "" and line.startswith("0::"))]
        assert mine and all(line.endswith("/ana-01") for line in mine), (hierarchy, lines)


def test_two_kernels_that_fit_alone_share_one_memory_quota(group):
    _, _, procs = group
    hog = ("b = bytearray(150 * 2**20)\n"
           "b[::4096] = b'x' * len(b[::4096])\n"
           "import time; time.sleep(3)")
    proc = run_in(procs, f"""
import subprocess, sys
alone = subprocess.run([sys.executable, '-c', {hog!r}]).returncode
both = [subprocess.Popen([sys.executable, '-c', {hog!r}]) for _ in range(2)]
print(alone, sorted(p.wait() for p in both))
""")
    assert proc.returncode == 0, proc.stderr
    alone, both = proc.stdout.split(" ", 1)
    assert alone == "0"  # 150 MiB fits the 200 MiB quota
    assert both.strip() == "[-9, 0]"  # 300 MiB together do not: the kernel kills one


def test_a_busy_loop_gets_the_cpu_share_of_its_quota(group):
    _, _, procs = group
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    proc = run_in(procs, "import time\nt = time.monotonic()\n"
                         "while time.monotonic() - t < 2: pass")
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert proc.returncode == 0, proc.stderr
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    # 0.2 cores: at most about a fifth of the elapsed time, however loaded the machine is
    # (a full core would use all of it); one scheduling period of slack.
    assert cpu < 0.2 * wall + 0.15, (cpu, wall)


def test_a_fork_loop_stops_at_the_process_quota(group):
    _, _, procs = group
    proc = run_in(procs, """
import subprocess
started = []
try:
    for _ in range(40):
        started.append(subprocess.Popen(['sleep', '30']))
except OSError as err:
    print(len(started), err.errno)
for p in started:
    p.kill()
""")
    assert proc.returncode == 0, proc.stderr
    count, errno_ = proc.stdout.split()
    assert int(count) < 16 and errno_ == "11"  # EAGAIN: the 16-process quota, not 40


def test_a_group_made_again_takes_the_new_quota_up_or_down(group):
    quotas, _, procs = group
    course = procs[0].parent.parent.name
    for memory in (600 * MIB, 100 * MIB):  # raising needs memory+swap first, lowering after
        again = Quota(memory_bytes=memory, cpus=0.5, processes=32)
        quotas.create(again, course, "ana-01")
        folders = quotas.group(course, "ana-01")
        for hierarchy, name, value in writes(quotas.version, again):
            if (folders[hierarchy] / name).exists():
                assert (folders[hierarchy] / name).read_text().split() == value.split(), name


def test_quotas_refuse_nonsense_and_a_machine_without_groups_says_why(tmp_path):
    with pytest.raises(InputError, match="cpus"):
        Quota(memory_bytes=MIB, cpus=0, processes=1)
    with pytest.raises(InputError, match="processes"):
        Quota(memory_bytes=MIB, cpus=1, processes=-3)
    with pytest.raises(InputError, match="Ana"):
        detect().group("Ana")
    bare = detect(root=tmp_path, proc_cgroup="0::/\n")
    assert not bare.available and str(tmp_path) in bare.reason
