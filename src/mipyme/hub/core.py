"""Plan, prepare and start one cohort's JupyterHub (``mipyme hub start``).

Why one module over 500 lines: the hub's plan, the system users and folders it prepares and
the processes it starts are one sequence run as root; keeping it in one file keeps that
sequence readable top to bottom.

:func:`plan_hub` reads the course (``cohort.toml``, ``roster.csv``) and decides everything:
who logs in (the roster's ids, plus the instructors), which system users exist, the folders
and their permissions, the ports. :func:`missing` says what the machine lacks (root,
``useradd``, ``configurable-http-proxy``). :func:`prepare` makes it so (users, folders,
configuration files) and :func:`start` runs ``jupyterhub`` with the configuration that
:mod:`mipyme.hub.config` applies.

The layout under the hub's state folder (``--state``, by default
``/var/lib/mipyme-hub/<course_id>``)::

    hub.json                 everything mipyme.hub.config needs (written at each start)
    jupyterhub_config.py     two lines: load hub.json
    jupyterhub.sqlite, jupyterhub_cookie_secret, passwords.dbm    root only (0600)
    etc/jupyter/             what every student server reads (nbgrader exchange, course id,
                             instructor plug-ins hidden)
    exchange/                the nbgrader exchange (1777); exchange/<course_id> belongs to
                             the course's grader user
    home/<user>/             one home per student and instructor, 0700

The course folder belongs to the course's grader user (``grader-<course_id>``) with mode
0700: students cannot read the source (with its solutions), the gradebook or the other
students' submissions, and the grader of another course cannot either.

>>> validate_user_name("ana-01"), validate_user_name("Ana"), validate_user_name("1999")
(True, False, False)
>>> grader_name("BUAP.2026A")
'grader-buap-2026a'
"""

from __future__ import annotations

import contextlib
import grp
import json
import os
import pwd
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mipyme.errors import InputError
from mipyme.i18n import t

__all__ = [
    "HubLimits",
    "HubPlan",
    "as_grader",
    "find_proxy",
    "grader_name",
    "grader_nbgrader_config",
    "missing",
    "plan_hub",
    "prepare",
    "processes_of",
    "remove_system_users",
    "run_as_user",
    "start",
    "student_jupyter_config",
    "validate_user_name",
]

#: Linux user names ``useradd`` accepts without ``--badname`` (and JupyterHub keeps as is).
_USER_NAME = re.compile(r"^[a-z_][a-z0-9_-]{0,31}$")
#: Written into the GECOS field of every user this module creates (and may delete).
MARK = "mipyme-hub"
KIT_ROOT = Path(__file__).resolve().parents[3]


def validate_user_name(name: str) -> bool:
    """True if ``name`` can be both a JupyterHub user and a Linux user, unchanged."""
    return bool(_USER_NAME.match(name)) and not name.endswith("-")


def grader_name(course_id: str) -> str:
    """The system user that owns a course folder and runs its formgrader."""
    slug = re.sub(r"[^a-z0-9_-]+", "-", course_id.lower()).strip("-")
    return f"grader-{slug}"[:32].rstrip("-")


@dataclass(frozen=True, slots=True)
class HubLimits:
    """What one user's server and its kernels may use.

    Together, in the user's control group where the machine has them
    (:mod:`mipyme.hub.cgroups`): ``memory_bytes`` of memory (swap included), ``cpu_cores``
    of CPU share, ``processes`` processes. Each process, always (:mod:`mipyme.cohort._limits`):
    ``memory_bytes`` of address space, ``cpu_seconds`` of CPU time (a kernel stuck in a loop
    dies after that), ``file_bytes`` for the largest file, ``processes`` per uid.
    JupyterHub's ``mem_limit`` and ``cpu_limit`` carry the same values (for Zero to
    JupyterHub).

    >>> HubLimits(cpu_cores=0)
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'cpus' debe estar entre 0.01 y 1024 (se recibió 0)
    """

    memory_bytes: int = 2 * 2**30
    processes: int = 128
    cpu_seconds: int = 4 * 3600
    file_bytes: int = 512 * 2**20
    cpu_cores: float = 1.0

    def __post_init__(self) -> None:
        from mipyme.hub.cgroups import Quota

        Quota(memory_bytes=self.memory_bytes, cpus=self.cpu_cores, processes=self.processes)

    def command(self, python: str) -> list[str]:
        """The prefix that applies the limits, then runs the rest of the command."""
        from mipyme.cohort.sandbox import limits_command

        return limits_command(python, memory=self.memory_bytes, processes=self.processes,
                              file_size=self.file_bytes, cpu=self.cpu_seconds)


@dataclass(frozen=True, slots=True)
class HubPlan:
    """Everything about one cohort's hub, decided before anything is changed."""

    course: Path
    course_id: str
    state: Path
    students: tuple[str, ...]
    instructors: tuple[str, ...]
    ip: str = "127.0.0.1"
    port: int = 8000
    limits: HubLimits = field(default_factory=HubLimits)
    idle_timeout: int = 3600
    proxy: str | None = None
    kit: Path = KIT_ROOT
    lang: str = "es"

    @property
    def grader(self) -> str:
        return grader_name(self.course_id)

    @property
    def quota_group(self) -> str:
        """The course's control group, ``mipyme-hub/<this>/<user>`` (:mod:`mipyme.hub.cgroups`)."""
        return self.grader.removeprefix("grader-")

    @property
    def service(self) -> str:
        """The formgrader's name as a hub service (``/services/<name>/``)."""
        return f"formgrader-{self.course_id}"

    @property
    def users(self) -> tuple[str, ...]:
        return self.students + self.instructors

    @property
    def exchange(self) -> Path:
        return self.state / "exchange"

    @property
    def student_config(self) -> Path:
        return self.state / "etc" / "jupyter"

    @property
    def homes(self) -> Path:
        return self.state / "home"

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.ip in ("", "0.0.0.0") else self.ip
        return f"http://{host}:{self.port}"


def plan_hub(course: str | Path, *, state: str | Path | None = None,
             instructors: Sequence[str] = (), ip: str = "127.0.0.1", port: int = 8000,
             limits: HubLimits | None = None, idle_timeout: int = 3600,
             lang: str = "es") -> HubPlan:
    """Read the course and decide the hub; raise :class:`InputError` listing every problem."""
    from mipyme.cohort.course import read_cohort
    from mipyme.cohort.roster import read_roster

    folder = Path(course).resolve()
    info = read_cohort(folder)
    roster = read_roster(folder / "roster.csv")
    students = tuple(s.student_id for s in roster.students)
    chosen = tuple(dict.fromkeys(instructors)) or (f"profe-{grader_name(info.course_id)[7:]}"
                                                   [:32].rstrip("-"),)
    problems = [t("hub.plan.bad_name", name=name)
                for name in (*students, *chosen) if not validate_user_name(name)]
    problems += [t("hub.plan.both", name=name) for name in chosen if name in students]
    ours = set(students) | set(chosen) | {grader_name(info.course_id)}
    for name in sorted(ours):
        with contextlib.suppress(KeyError):
            if MARK not in pwd.getpwnam(name).pw_gecos:
                problems.append(t("hub.plan.existing_user", name=name))
    if not 0 < port < 65536:
        problems.append(t("hub.plan.bad_port", port=port))
    where = (Path(state) if state else Path("/var/lib/mipyme-hub") / info.course_id).resolve()
    closed = [p for p in where.parents if p.is_dir() and not p.stat().st_mode & 0o001]
    if closed:  # users reach their home, the exchange and the kit's copy through it
        problems.append(t("hub.plan.state_closed", state=where, folder=closed[0]))
    if problems:
        raise InputError("hub.plan.invalid", path=str(folder),
                         problems="".join(f"\n  - {p}" for p in problems))
    return HubPlan(folder, info.course_id, where, students, chosen, ip, port,
                   limits or HubLimits(), idle_timeout, find_proxy(), KIT_ROOT, lang)


def find_proxy() -> str | None:
    """``configurable-http-proxy``: ``$MIPYME_CHP``, the kit's ``build/node`` or ``PATH``."""
    for candidate in (os.environ.get("MIPYME_CHP"),
                      str(KIT_ROOT / "build" / "node" / "node_modules" / ".bin" /
                          "configurable-http-proxy"),
                      shutil.which("configurable-http-proxy")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def missing(plan: HubPlan) -> list[str]:
    """What this machine lacks to run the hub, one sentence each (empty: nothing)."""
    out = []
    if os.geteuid() != 0:
        out.append(t("hub.missing.root"))
    for tool in ("useradd", "userdel", "groupadd"):
        if shutil.which(tool) is None:
            out.append(t("hub.missing.tool", tool=tool))
    if plan.proxy is None:
        out.append(t("hub.missing.proxy"))
    elif shutil.which("node") is None:
        out.append(t("hub.missing.node"))
    for module in ("jupyterhub", "firstuseauthenticator", "jupyterhub_idle_culler",
                   "nbgrader"):
        try:
            __import__(module)
        except ImportError:
            out.append(t("hub.missing.module", module=module))
    return out


# -- system users and folders ----------------------------------------------------------------

def _run(cmd: list[str]) -> None:
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)}: {proc.stderr.strip()}")


def _ensure_user(name: str, home: Path, comment: str) -> pwd.struct_passwd:
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        home.parent.mkdir(parents=True, exist_ok=True)
        # A locked password: people log in through the hub, never over ssh or a console.
        _run(["useradd", "--create-home", "--home-dir", str(home), "--shell", "/bin/bash",
              "--comment", f"{comment},{MARK}", "--user-group", name])
        entry = pwd.getpwnam(name)
    own = Path(entry.pw_dir)
    own.mkdir(parents=True, exist_ok=True)
    os.chown(own, entry.pw_uid, entry.pw_gid)
    os.chmod(own, 0o700)
    return entry


def run_as_user(entry: pwd.struct_passwd, cmd: list[str],
                **kwargs) -> subprocess.CompletedProcess:
    """Run ``cmd`` as the user of ``entry`` (root only): a clean environment, the user's
    home as the folder, no supplementary groups; output captured as text, never raises."""
    env = {"HOME": entry.pw_dir, "USER": entry.pw_name, "LOGNAME": entry.pw_name,
           "PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin",
           "LANG": "C.UTF-8"}
    env.update(kwargs.pop("env", {}))
    return subprocess.run(cmd, user=entry.pw_uid, group=entry.pw_gid, extra_groups=[],
                          env=env, cwd=kwargs.pop("cwd", entry.pw_dir), check=False,
                          capture_output=True, text=True, **kwargs)


def _write(path: Path, text: str, mode: int, owner: pwd.struct_passwd | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".new")
    tmp.write_text(text, encoding="utf-8")
    os.chmod(tmp, mode)
    if owner is not None:
        os.chown(tmp, owner.pw_uid, owner.pw_gid)
    tmp.replace(path)


def _chown_tree(top: Path, entry: pwd.struct_passwd) -> None:
    for folder, dirs, files in os.walk(top):
        for name in (folder, *(os.path.join(folder, f) for f in dirs + files)):
            os.lchown(name, entry.pw_uid, entry.pw_gid)


# -- a Python every user can run ---------------------------------------------------------------

_SKIP_STDLIB = {"site-packages", "test", "idlelib", "tkinter", "turtledemo", "ensurepip",
                "lib2to3"}


def _usable_by(entry: pwd.struct_passwd, python: str) -> bool:
    try:
        return run_as_user(entry, [python, "-I", "-S", "-c", "pass"]).returncode == 0
    except PermissionError:  # the interpreter, or a folder above it, is closed to others
        return False


def runtime(state: Path, probe: pwd.struct_passwd) -> dict[str, str]:
    """The Python that users' servers run, and what their environment needs for it.

    If the kit's own interpreter can be run by an unprivileged user (``probe``), it is used
    as is. Otherwise (a Python installed under ``/root``, say, with ``pyenv``) its standard
    library is copied once to ``STATE/runtime`` (readable by all), and the kit's
    site-packages are added to it by a ``.pth`` file: nothing under ``/root`` is opened up.
    """
    kit_bin = Path(sys.executable).parent
    share = Path(sys.prefix) / "share" / "jupyter"
    env = {"JUPYTER_PATH": str(share), "JUPYTERLAB_DIR": str(share / "lab")}
    if _usable_by(probe, sys.executable):
        return {"python": sys.executable, "bin": str(kit_bin), **env, "LD_LIBRARY_PATH": ""}
    base = Path(sys.base_prefix)
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    rt = state / "runtime"
    marker = rt / ".source"
    stamp = f"{base} {sys.version}\n"
    if not (marker.is_file() and marker.read_text(encoding="utf-8") == stamp):
        shutil.rmtree(rt, ignore_errors=True)
        (rt / "bin").mkdir(parents=True)
        shutil.copy2(Path(sys._base_executable).resolve(), rt / "bin" / version)
        for alias in ("python3", "python"):
            (rt / "bin" / alias).symlink_to(version)
        (rt / "lib").mkdir()
        for lib in (base / "lib").glob("libpython*.so*"):
            shutil.copy2(lib, rt / "lib" / lib.name, follow_symlinks=True)
        shutil.copytree(base / "lib" / version, rt / "lib" / version,
                        ignore=lambda folder, names: [n for n in names if n in _SKIP_STDLIB
                                                      and folder == str(base / "lib" / version)])
        site = rt / "lib" / version / "site-packages"
        site.mkdir()
        kit_site = [p for p in sys.path if p.endswith("site-packages") and
                    p.startswith(sys.prefix)]
        (site / "zz-mipyme-kit.pth").write_text(
            "".join(f"import site; site.addsitedir({p!r})\n" for p in kit_site),
            encoding="utf-8")
        # The kit's commands (jupyter, nbgrader, mipyme...), run by this interpreter.
        for script in kit_bin.iterdir():
            if script.is_file() and not script.is_symlink() and not (rt / "bin" / script.name).exists():
                with contextlib.suppress(OSError, UnicodeDecodeError):
                    first = script.open(encoding="utf-8").readline()
                    if first.startswith("#!") and "python" in first:
                        wrapper = rt / "bin" / script.name
                        wrapper.write_text(f'#!/bin/sh\nexec {rt / "bin" / version} '
                                           f'{script} "$@"\n', encoding="utf-8")
                        wrapper.chmod(0o755)
        for folder, _dirs, files in os.walk(rt):
            os.chmod(folder, 0o755)
            for name in files:
                path = os.path.join(folder, name)
                if not os.path.islink(path):
                    os.chmod(path, os.stat(path).st_mode | 0o444)
        marker.write_text(stamp, encoding="utf-8")
    return {"python": str(rt / "bin" / version), "bin": str(rt / "bin"), **env,
            "LD_LIBRARY_PATH": str(rt / "lib")}


def _student_nbgrader_config(plan: HubPlan) -> str:
    return (
        '"""nbgrader settings of every user of this hub (written by mipyme hub start)."""\n'
        "c = get_config()  # noqa: F821\n"
        f"c.Exchange.root = {str(plan.exchange)!r}\n"
        f"c.CourseDirectory.course_id = {plan.course_id!r}\n"
        "# Validate shows the kit's plain-words message first and whole.\n"
        "from mipyme.grading.validate import use_kit_validator  # noqa: E402\n"
        "use_kit_validator()\n")


def grader_nbgrader_config(plan: HubPlan) -> str:
    """The text of the course grader's ``nbgrader_config.py`` for the hub of ``plan``."""
    return (
        '"""nbgrader settings of the course grader (written by mipyme hub start)."""\n'
        "c = get_config()  # noqa: F821\n"
        f"c.Exchange.root = {str(plan.exchange)!r}\n"
        f"c.CourseDirectory.course_id = {plan.course_id!r}\n"
        f"c.CourseDirectory.root = {str(plan.course)!r}\n"
        "# nbgrader collect (and the formgrader's) never follows a link a student left.\n"
        "c.ExchangeFactory.collect = 'mipyme.hub.exchange.SafeCollect'\n")


#: What students do not see in JupyterLab: the instructor's nbgrader tools.
STUDENT_HIDDEN_PLUGINS = ("@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
                          "@jupyter/nbgrader:course-list")
STUDENT_OFF_SERVER_EXTENSIONS = ("nbgrader.server_extensions.formgrader",
                                 "nbgrader.server_extensions.course_list")


def student_jupyter_config() -> dict[str, dict]:
    """The Jupyter settings that hide the instructor's nbgrader tools from a student: each
    file's path inside a folder on ``JUPYTER_CONFIG_PATH`` and its JSON content (the hub's
    ``etc/jupyter``, and ``make lab`` through :mod:`mipyme.lab`)."""
    return {
        "labconfig/page_config.json": {
            "disabledExtensions": dict.fromkeys(STUDENT_HIDDEN_PLUGINS, True)},
        "jupyter_server_config.json": {"ServerApp": {"jpserver_extensions": dict.fromkeys(
            STUDENT_OFF_SERVER_EXTENSIONS, False)}},
    }


def prepare(plan: HubPlan, *, hub_port: int | None = None, proxy_port: int | None = None,
            service_port: int | None = None) -> Path:
    """Create users, folders and configuration; return the ``jupyterhub_config.py`` path."""
    state = plan.state
    state.mkdir(parents=True, exist_ok=True)
    os.chown(state, 0, 0)
    os.chmod(state, 0o755)  # users walk through it to their home, the exchange and etc/
    plan.homes.mkdir(exist_ok=True)
    os.chmod(plan.homes, 0o755)
    grader = _ensure_user(plan.grader, plan.homes / plan.grader,
                          t("hub.user.grader", course_id=plan.course_id))
    entries = {name: _ensure_user(name, plan.homes / name, t("hub.user.person"))
               for name in plan.users}

    # The course: the grader's alone.
    _chown_tree(plan.course, grader)
    os.chmod(plan.course, 0o700)

    # The exchange: anyone may write in the root (nbgrader checks it), the course's folder
    # is the grader's so no student can take it first.
    plan.exchange.mkdir(exist_ok=True)
    os.chown(plan.exchange, 0, 0)
    os.chmod(plan.exchange, 0o1777)
    course_exchange = plan.exchange / plan.course_id
    course_exchange.mkdir(exist_ok=True)
    os.chown(course_exchange, grader.pw_uid, grader.pw_gid)
    os.chmod(course_exchange, 0o755)

    # What every user's server reads (JUPYTER_CONFIG_PATH).
    etc = plan.student_config
    _write(etc / "nbgrader_config.py", _student_nbgrader_config(plan), 0o644)
    for name, settings in student_jupyter_config().items():
        _write(etc / name, json.dumps(settings, indent=1), 0o644)
    for folder in (state / "etc", etc, etc / "labconfig"):
        os.chmod(folder, 0o755)

    # The grader: nbgrader finds the exchange and the course from anywhere.
    gjupyter = Path(grader.pw_dir) / ".jupyter"
    gjupyter.mkdir(exist_ok=True)
    os.chown(gjupyter, grader.pw_uid, grader.pw_gid)
    _write(gjupyter / "nbgrader_config.py", grader_nbgrader_config(plan), 0o644, grader)

    # The kit's notebooks and data, readable by all; each user copies the notebooks into
    # their home (never as root in their folder), the data stays shared (MIPYME_DATASETS).
    notebooks, datasets = publish_kit(plan)
    for entry in entries.values():
        target = Path(entry.pw_dir) / "mipyme-cuadernos"
        if not target.exists():
            proc = run_as_user(entry, ["cp", "-r", "--no-preserve=mode,ownership",
                                    str(notebooks), str(target)])
            if proc.returncode != 0:
                raise RuntimeError(f"{entry.pw_name}: cp {notebooks}: {proc.stderr.strip()}")

    rt = runtime(state, grader)
    (plan.course / ".mipyme-hub.json").write_text(json.dumps({"state": str(state)}),
                                                   encoding="utf-8")
    _write(state / "etc" / "grader" / "nbgrader_config.py", grader_nbgrader_config(plan), 0o644)
    settings = {
        "course": str(plan.course), "course_id": plan.course_id, "state": str(state),
        "students": list(plan.students), "instructors": list(plan.instructors),
        "grader": plan.grader, "grader_home": grader.pw_dir, "service": plan.service,
        "ip": plan.ip, "port": plan.port, "hub_port": hub_port or free_port(),
        "proxy_port": proxy_port or free_port(), "service_port": service_port or free_port(),
        "proxy": plan.proxy, "python": sys.executable, "runtime": rt,
        "kit_config": str(Path(sys.prefix) / "etc" / "jupyter"),
        "limits_cmd": plan.limits.command(rt["python"]),
        "mem_limit": plan.limits.memory_bytes, "cpu_limit": plan.limits.cpu_cores,
        "processes": plan.limits.processes, "quota_group": plan.quota_group,
        "idle_timeout": plan.idle_timeout, "student_config": str(etc),
        "exchange": str(plan.exchange), "lang": plan.lang, "datasets": str(datasets),
    }
    _write(state / "hub.json", json.dumps(settings, indent=1), 0o600)
    config = state / "jupyterhub_config.py"
    _write(config, '"""Written by mipyme hub start: the settings are in hub.json."""\n'
                   "from mipyme.hub.config import configure\n\n"
                   f"configure(c, {str(state / 'hub.json')!r})  # noqa: F821\n", 0o600)
    return config


def publish_kit(plan: HubPlan) -> tuple[Path, Path]:
    """Copy the kit's notebooks and example data to ``STATE/kit`` (root's, readable by all).

    The kit itself may sit where other users cannot read (``/root``). The data are the kit's
    ``datasets/generated`` or, if it was never built, generated there from the kit's seed.
    Returns the two folders.
    """
    from mipyme.datasets.generate import DEFAULT_SEED, build

    kit = plan.state / "kit"
    kit.mkdir(exist_ok=True)
    notebooks, datasets = kit / "notebooks", kit / "datasets"
    shutil.rmtree(notebooks, ignore_errors=True)
    shutil.copytree(plan.kit / "notebooks", notebooks,
                    ignore=shutil.ignore_patterns("src", ".ipynb_checkpoints", "__pycache__"))
    built = plan.kit / "datasets" / "generated"
    shutil.rmtree(datasets, ignore_errors=True)
    if (built / "businesses.csv").is_file():
        shutil.copytree(built, datasets)
    else:
        build(datasets, seed=DEFAULT_SEED)
    for top in (kit, notebooks, datasets):
        os.chmod(top, 0o755)
        for folder, dirs, files in os.walk(top):
            for name in dirs:
                os.chmod(Path(folder) / name, 0o755)
            for name in files:
                os.chmod(Path(folder) / name, 0o644)
    return notebooks, datasets


def free_port() -> int:
    """A TCP port free on the loopback interface right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def hub_command(config: Path) -> list[str]:
    """The ``jupyterhub`` command line for a prepared configuration."""
    return [str(Path(sys.executable).with_name("jupyterhub")), "-f", str(config)]


def start(plan: HubPlan) -> int:
    """Prepare, then become JupyterHub (same process: signals reach the hub itself)."""
    config = prepare(plan)
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    cmd = hub_command(config)
    sys.stdout.flush()
    sys.stderr.flush()
    os.chdir(plan.state)
    os.execve(cmd[0], cmd, env)
    return 1  # not reached


def as_grader(course: str | Path, argv: Sequence[str]) -> subprocess.CompletedProcess:
    """Run an instructor command (``nbgrader collect``, ``mipyme autograde``...) for a course
    the hub serves, with the hub's nbgrader settings (exchange, course id).

    ``nbgrader ...`` runs as the course's grader user (the exchange's course folder is
    the grader's, and nbgrader checks that). Anything else (``mipyme autograde``, whose
    sandbox gives each kernel an unprivileged user of its own, needs root) runs as root
    in the course folder, and afterwards every file of the course is given back to the
    grader (0700), so the formgrader can write what the command made.
    """
    from mipyme.cohort.course import read_cohort

    folder = Path(course).resolve()
    entry = pwd.getpwnam(grader_name(read_cohort(folder).course_id))
    state = Path(json.loads((folder / ".mipyme-hub.json").read_text(encoding="utf-8"))["state"])
    settings = json.loads((state / "hub.json").read_text(encoding="utf-8"))
    config = str(state / "etc" / "grader")
    cmd = list(argv)
    if cmd[:1] == ["nbgrader"]:
        rt = settings["runtime"]
        env = {"JUPYTER_CONFIG_PATH": f"{config}:{settings['kit_config']}",
               "JUPYTER_PATH": rt["JUPYTER_PATH"]}
        if rt.get("LD_LIBRARY_PATH"):
            env["LD_LIBRARY_PATH"] = rt["LD_LIBRARY_PATH"]
        env["PATH"] = f"{rt['bin']}:/usr/local/bin:/usr/bin:/bin"
        return run_as_user(entry, [rt["python"], "-m", "nbgrader", *cmd[1:]], cwd=str(folder),
                        env=env)
    env = dict(os.environ)
    env["JUPYTER_CONFIG_PATH"] = config
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    if cmd[:1] == ["mipyme"]:
        cmd = [sys.executable, "-m", "mipyme.cli", *cmd[1:]]
    try:
        return subprocess.run(cmd, cwd=folder, env=env, capture_output=True, text=True,
                              check=False)
    finally:
        _chown_tree(folder, entry)
        os.chmod(folder, 0o700)


def processes_of(uid: int) -> list[int]:
    """The ids of the processes user ``uid`` runs now (read from ``/proc``)."""
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError):
                if os.stat(f"/proc/{entry}").st_uid == uid:
                    out.append(int(entry))
    return out


def remove_system_users(names: Iterable[str]) -> list[str]:
    """Stop the processes of, and delete (with their homes), the users this module made.

    Users without the ``mipyme-hub`` mark are never touched. Returns who was removed.
    """
    import signal

    removed = []
    for name in names:
        try:
            entry = pwd.getpwnam(name)
        except KeyError:
            continue
        if MARK not in entry.pw_gecos or entry.pw_uid == 0:
            continue
        for pid in processes_of(entry.pw_uid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        subprocess.run(["userdel", "--remove", name], capture_output=True, check=False)
        with contextlib.suppress(KeyError):
            grp.getgrnam(name)
            subprocess.run(["groupdel", name], capture_output=True, check=False)
        removed.append(name)
    return removed
