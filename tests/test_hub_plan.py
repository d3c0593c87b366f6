"""The classroom hub's decisions, checked without root: what ``plan_hub`` decides from a course,
how it refuses a bad one (every problem at once), and the configuration it would write.

The hub test itself (``test_hub.py``) creates system users and needs root; these run anywhere.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from cohort_support import write_roster_csv
from mipyme.cohort.course import init_course
from mipyme.errors import InputError
from mipyme.hub.cgroups import Quota, writes
from mipyme.hub.core import (
    HubLimits,
    grader_name,
    grader_nbgrader_config,
    plan_hub,
    student_jupyter_config,
    validate_user_name,
)

HEADER = ["student_id", "first_name", "last_name", "email", "university", "cohort"]


@pytest.fixture
def open_tmp():
    """A folder every user can pass through (pytest's own tmp may be closed to others)."""
    folder = Path(tempfile.mkdtemp(prefix="mipyme-plan-"))
    os.chmod(folder, 0o755)
    yield folder
    import shutil

    shutil.rmtree(folder, ignore_errors=True)


def _course(root: Path, students: list[str], course_id: str = "BUAP-2026A") -> Path:
    rows = [HEADER] + [[s, "Ana", "Núñez", f"{s}@buap.mx", "BUAP", "2026A"] for s in students]
    roster = write_roster_csv(root / "roster.csv", rows)
    return init_course(root / "course", roster, course_id).directory


def test_the_plan_names_every_user_folder_and_address(open_tmp):
    course = _course(open_tmp, ["zz-ana", "zz-luis"])
    plan = plan_hub(course, state=open_tmp / "state", port=8123)
    assert plan.students == ("zz-ana", "zz-luis")
    assert plan.instructors == ("profe-buap-2026a",)  # one instructor unless named
    assert plan.grader == grader_name("BUAP-2026A") == "grader-buap-2026a"
    assert plan.users == ("zz-ana", "zz-luis", "profe-buap-2026a")
    assert plan.exchange == (open_tmp / "state" / "exchange").resolve()
    assert plan.homes == (open_tmp / "state" / "home").resolve()
    assert plan.service == "formgrader-BUAP-2026A"
    assert plan.quota_group == "buap-2026a"
    assert plan.url == "http://127.0.0.1:8123"


def test_a_bad_course_is_refused_with_every_problem_at_once(open_tmp):
    course = _course(open_tmp, ["zz-ana"])
    with pytest.raises(InputError) as caught:
        plan_hub(course, state=open_tmp / "state", instructors=["Profe Ana", "zz-ana"], port=0)
    text = str(caught.value)
    assert "Profe Ana" in text  # not a Linux user name
    assert "zz-ana" in text  # both student and instructor
    assert "0" in text and str(course) in text


def test_a_state_folder_others_cannot_pass_through_is_refused(open_tmp):
    course = _course(open_tmp, ["zz-ana"])
    closed = open_tmp / "closed"
    closed.mkdir(mode=0o700)
    with pytest.raises(InputError, match="closed"):
        plan_hub(course, state=closed / "state")


@pytest.mark.parametrize(("name", "ok"), [
    ("ana-2026", True), ("ana_b", True), ("a.b", False), ("Ana", False), ("ana núñez", False),
    ("ana-", False), ("", False), ("a" * 33, False)])
def test_user_names_must_be_both_hub_and_linux_names(name, ok):
    assert validate_user_name(name) is ok


def test_the_grader_config_points_nbgrader_at_the_course_and_never_follows_links(open_tmp):
    plan = plan_hub(_course(open_tmp, ["zz-ana"]), state=open_tmp / "state")
    text = grader_nbgrader_config(plan)
    assert repr(str(plan.exchange)) in text and repr(str(plan.course)) in text
    assert "mipyme.hub.exchange.SafeCollect" in text
    compile(text, "nbgrader_config.py", "exec")  # it is Python nbgrader can load


def test_students_do_not_see_the_instructors_tools():
    config = student_jupyter_config()
    hidden = config["labconfig/page_config.json"]["disabledExtensions"]
    assert hidden["@jupyter/nbgrader:formgrader"] is True
    assert hidden["@jupyter/nbgrader:create-assignment"] is True
    off = config["jupyter_server_config.json"]["ServerApp"]["jpserver_extensions"]
    assert off["nbgrader.server_extensions.formgrader"] is False


def test_limits_become_a_command_prefix_and_control_group_writes():
    limits = HubLimits(memory_bytes=2**30, processes=64, cpu_seconds=60, cpu_cores=0.5)
    prefix = " ".join(limits.command("/py"))
    assert "/py" in prefix and str(2**30) in prefix and "64" in prefix
    quota = Quota(memory_bytes=2**30, cpus=0.5, processes=64)
    v1 = dict(((h, f), v) for h, f, v in writes("v1", quota))
    assert v1[("memory", "memory.memsw.limit_in_bytes")] == str(2**30)  # swap counts too
    assert v1[("cpu", "cpu.cfs_quota_us")] == str(int(v1[("cpu", "cpu.cfs_period_us")]) // 2)
    v2 = dict(((h, f), v) for h, f, v in writes("v2", quota))
    assert v2[("", "memory.swap.max")] == "0" and v2[("", "pids.max")] == "64"
    with pytest.raises(InputError, match="cpus"):
        Quota(memory_bytes=1, cpus=0, processes=1)
