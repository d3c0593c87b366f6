"""A person's own JupyterLab (``make lab``): the chapter notebooks in one language, a folder for
assignments, and nbgrader's instructor tools only for instructors.

``python -m mipyme.lab --lang es --role student`` prepares a **workspace** and opens
JupyterLab on it (``--prepare-only`` stops after preparing)::

    ~/mipyme-lab/                (--dir, LAB_DIR in the Makefile)
        es/                      the folder JupyterLab shows (one per language)
            ch01_fundamentos.ipynb ... ch16_proyecto_final.ipynb
            tareas/LEEME.md      where to put an assignment, how to validate and hand it in
            .mipyme-lab.json     what the kit last copied here (hidden)
        en/                      the same in English, with assignments/README.md
        .jupyter/es-student/     Jupyter settings of each language and role (put on
        .jupyter/es-instructor/  JUPYTER_CONFIG_PATH), rewritten at each start
        .exchange/               the instructor's nbgrader exchange

The workspace lives outside the kit's ``build/`` (``make clean`` never touches a student's
work). The library's sources are not in it.

**The copy rule** (a notebook the student changed is never overwritten): at each start every
notebook of the kit's ``notebooks/<lang>/`` (and the assignments folder's README) is compared
with the workspace's copy and with what the kit last copied there (``.mipyme-lab.json``):

- missing from the workspace: copied (delete a notebook to get a fresh one on the next start);
- unchanged since the kit copied it and the kit now has another version: replaced;
- changed by the student (or there before the kit copied anything): left as it is; if the kit
  has another version since it last copied it, the start-up message says so (rename yours to
  get the new one).

**Roles.** A student's JupyterLab hides nbgrader's instructor tools (the formgrader, Create
Assignment, the course list) with the classroom hub's settings
(:func:`mipyme.hub.core.student_jupyter_config`), and, with no exchange to fetch from or submit
to, the Assignments tab and nbgrader's menu; the Validate button stays. An instructor's shows
them all, with the workspace as the nbgrader course and an exchange of its own. Both get an
``nbgrader_config.py`` (no "no config" warning) that makes Validate show the kit's
plain-words message first and whole (:mod:`mipyme.grading.validate`).

>>> import tempfile
>>> from pathlib import Path
>>> kit = Path(tempfile.mkdtemp())
>>> _ = (kit / "ch01_demo.ipynb").write_text("{}")
>>> ws = prepare("en", home=Path(tempfile.mkdtemp()), notebooks=kit)
>>> sorted(p.name for p in ws.root.iterdir())
['.mipyme-lab.json', 'assignments', 'ch01_demo.ipynb']
>>> ws.copied
('assignments/README.md', 'ch01_demo.ipynb')
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from mipyme import __version__
from mipyme.i18n import LANGUAGES, check_language, set_language, t

__all__ = [
    "ASSIGNMENTS",
    "COURSE_ID",
    "MANIFEST",
    "NO_EXCHANGE_PLUGINS",
    "NO_EXCHANGE_SERVER_EXTENSIONS",
    "ROLES",
    "Workspace",
    "command",
    "environment",
    "jupyter_config",
    "main",
    "prepare",
]

#: Who opens the lab: the first is the default.
ROLES: tuple[str, ...] = ("student", "instructor")
#: The assignments folder of each language's workspace.
ASSIGNMENTS: dict[str, str] = {"es": "tareas", "en": "assignments"}
#: What the kit last copied into a workspace: ``{"kit": version, "files": {path: sha256}}``.
MANIFEST = ".mipyme-lab.json"
#: The nbgrader course id of an instructor's workspace (the kit's course, ``exercises/``).
COURSE_ID = "mipyme"

#: A lab of one person has no nbgrader exchange: a student's Assignments tab (and nbgrader's
#: menu, that only opens it) would show nothing but errors, so they are off too. The classroom
#: hub, with its exchange, keeps them (:func:`mipyme.hub.core.student_jupyter_config`).
NO_EXCHANGE_PLUGINS = ("@jupyter/nbgrader:assignment-list", "@jupyter/nbgrader:menu")
NO_EXCHANGE_SERVER_EXTENSIONS = ("nbgrader.server_extensions.assignment_list",)

_VALIDATE_LINES = (
    "# Validate (the button and `nbgrader validate`) shows the kit's message first and whole.\n"
    "from mipyme.grading.validate import use_kit_validator  # noqa: E402\n"
    "use_kit_validator()\n")


@dataclass(frozen=True, slots=True)
class Workspace:
    """A prepared workspace: what JupyterLab opens and what changed at this start."""

    root: Path  #: the folder JupyterLab shows
    config: Path  #: the role's Jupyter settings (put on ``JUPYTER_CONFIG_PATH``)
    lang: str
    role: str
    notebooks: tuple[str, ...]  #: the kit's notebooks, by name
    copied: tuple[str, ...] = ()  #: new in the workspace
    updated: tuple[str, ...] = ()  #: unchanged by the student, replaced by the kit's new version
    kept: tuple[str, ...] = ()  #: changed by the student while the kit has another version

    @property
    def assignments(self) -> Path:
        """The folder for assignments (``tareas/`` or ``assignments/``)."""
        return self.root / ASSIGNMENTS[self.lang]


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.mipyme-new")
    tmp.write_bytes(data)
    tmp.replace(path)


def _sync(root: Path, rel: str, data: bytes, record: dict[str, str]) -> str:
    """Apply the copy rule to one file; return what happened: copied, updated, same, mine
    (the student's changes, nothing new from the kit) or kept (the student's changes while the
    kit has a new version)."""
    target = root / rel
    kit = _digest(data)
    if not target.exists():
        _write(target, data)
        record[rel] = kit
        return "copied"
    mine = _digest(target.read_bytes())
    if mine == kit:
        record[rel] = kit
        return "same"
    last = record.get(rel)  # what the kit copied here last time
    if last == mine:  # untouched since: the kit's new version replaces it
        _write(target, data)
        record[rel] = kit
        return "updated"
    if last is None or last == kit:  # the student's (or unknown) changes, nothing new
        return "mine"
    return "kept"  # the student's changes, and the kit has a new version


def jupyter_config(role: str, course: Path) -> dict[str, str]:
    """The Jupyter settings of ``role``: file path (inside a folder on ``JUPYTER_CONFIG_PATH``)
    -> text. ``course`` is the instructor's nbgrader course folder.

    >>> sorted(jupyter_config("student", Path("/w")))
    ['jupyter_server_config.json', 'labconfig/page_config.json', 'nbgrader_config.py']
    >>> "formgrader" in jupyter_config("student", Path("/w"))["labconfig/page_config.json"]
    True
    >>> sorted(jupyter_config("instructor", Path("/w")))
    ['nbgrader_config.py']
    """
    if role not in ROLES:
        raise ValueError(f"'role' must be one of {ROLES} (got {role!r})")
    head = (f'"""nbgrader settings of the {role} role in a workspace of mipyme.lab (rewritten '
            'at each start)."""\n'
            "c = get_config()  # noqa: F821\n")
    if role == "student":
        from mipyme.hub.core import student_jupyter_config

        settings = student_jupyter_config()
        settings["labconfig/page_config.json"]["disabledExtensions"].update(
            dict.fromkeys(NO_EXCHANGE_PLUGINS, True))
        settings["jupyter_server_config.json"]["ServerApp"]["jpserver_extensions"].update(
            dict.fromkeys(NO_EXCHANGE_SERVER_EXTENSIONS, False))
        files = {name: json.dumps(value, indent=1) + "\n" for name, value in settings.items()}
        files["nbgrader_config.py"] = head + _VALIDATE_LINES
        return files
    # The instructor's course is the workspace, with an exchange of its own next to it, so the
    # formgrader, Create Assignment and the Assignments tab work without a hub.
    return {"nbgrader_config.py": head
            + f"c.CourseDirectory.root = {str(course)!r}\n"
            + f"c.CourseDirectory.course_id = {COURSE_ID!r}\n"
            + f"c.Exchange.root = {str(course.parent / '.exchange')!r}\n"
            + _VALIDATE_LINES}


def _kit_notebooks(lang: str) -> Path:
    from mipyme.curriculum import find_root

    return find_root() / "notebooks" / lang


def prepare(lang: str = "es", role: str = "student", *, home: str | Path | None = None,
            notebooks: str | Path | None = None) -> Workspace:
    """Make (or bring up to date) the workspace of ``lang`` in ``home`` for ``role``.

    ``home`` defaults to ``~/mipyme-lab``, ``notebooks`` to the kit's ``notebooks/<lang>/``.
    Never overwrites a file the student changed (see the module's copy rule).
    """
    check_language(lang)
    if role not in ROLES:
        raise ValueError(f"'role' must be one of {ROLES} (got {role!r})")
    home = Path(home).expanduser() if home else Path.home() / "mipyme-lab"
    source = Path(notebooks) if notebooks else _kit_notebooks(lang)
    root = (home / lang).resolve()
    root.mkdir(parents=True, exist_ok=True)

    manifest_path = root / MANIFEST
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        record = dict(manifest.get("files", {}))
    except (OSError, ValueError):
        record = {}
    files = {p.name: p.read_bytes() for p in sorted(source.glob("*.ipynb"))}
    readme = f"{ASSIGNMENTS[lang]}/{t('lab.readme.file', lang)}"
    files[readme] = t("lab.readme.text", lang, folder=ASSIGNMENTS[lang]).encode("utf-8")
    done: dict[str, list[str]] = {"copied": [], "updated": [], "kept": [], "same": [],
                                  "mine": []}
    for rel in sorted(files):
        done[_sync(root, rel, files[rel], record)].append(rel)
    manifest_path.write_text(json.dumps({"kit": __version__, "files": record}, indent=1,
                                        sort_keys=True) + "\n", encoding="utf-8")

    config = home.resolve() / ".jupyter" / f"{lang}-{role}"
    if role == "instructor":
        (root.parent / ".exchange").mkdir(exist_ok=True)  # nbgrader wants it there already
    wanted = jupyter_config(role, root)
    for rel, text in wanted.items():
        _write(config / rel, text.encode("utf-8"))
    return Workspace(root, config, lang, role, tuple(n for n in files if n.endswith(".ipynb")),
                     tuple(done["copied"]), tuple(done["updated"]), tuple(done["kept"]))


def environment(workspace: Workspace, base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment JupyterLab runs in: the role's settings first on
    ``JUPYTER_CONFIG_PATH``, the kit's data (``MIPYME_DATASETS``), the workspace's language
    (``MIPYME_LANG``) and this Python's ``bin`` first on ``PATH`` (``nbgrader`` in a
    terminal)."""
    env = dict(os.environ if base is None else base)
    paths = [str(workspace.config), *filter(None, env.get("JUPYTER_CONFIG_PATH", "").split(
        os.pathsep))]
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(paths)
    if not env.get("MIPYME_DATASETS"):
        from mipyme.curriculum import find_root

        data = find_root() / "datasets" / "generated"
        if data.is_dir():
            env["MIPYME_DATASETS"] = str(data)
    env["MIPYME_LANG"] = workspace.lang
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


def command(workspace: Workspace, *, ip: str = "127.0.0.1",
            extra: Sequence[str] = ()) -> list[str]:
    """``jupyter lab`` on the workspace (``--allow-root`` when run as root)."""
    cmd = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={workspace.root}",
           "--no-browser", f"--ip={ip}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--ServerApp.allow_root=True")
    return cmd + list(extra)


def report(ws: Workspace) -> str:
    lines = [t("lab.start.workspace", path=ws.root, notebooks=len(ws.notebooks),
               assignments=ASSIGNMENTS[ws.lang])]
    if ws.copied:
        lines.append(t("lab.start.copied", names=", ".join(ws.copied)))
    if ws.updated:
        lines.append(t("lab.start.updated", names=", ".join(ws.updated)))
    lines += [t("lab.start.kept", name=name) for name in ws.kept]
    lines.append(t("lab.start.student") if ws.role == "student"
                 else t("lab.start.instructor", course=ws.root))
    return "\n".join(lines)


def _parser() -> argparse.ArgumentParser:
    from mipyme.cli import Parser

    parser = Parser(prog="python -m mipyme.lab", description=t("lab.cli.description"))
    parser.add_argument("--lang", choices=LANGUAGES, default=LANGUAGES[0], help=t("lab.cli.lang"))
    parser.add_argument("--role", choices=ROLES, default=ROLES[0], help=t("lab.cli.role"))
    parser.add_argument("--dir", metavar="DIR", help=t("lab.cli.dir"))
    parser.add_argument("--notebooks", metavar="DIR", help=t("lab.cli.notebooks"))
    parser.add_argument("--ip", default="127.0.0.1", help=t("lab.cli.ip"))
    parser.add_argument("--prepare-only", action="store_true", help=t("lab.cli.prepare_only"))
    parser.add_argument("jupyter_args", nargs="*", metavar="-- ARGS",
                        help=t("lab.cli.jupyter_args"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Prepare the workspace, say what changed, then become ``jupyter lab`` (exit code)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = next((a.split("=", 1)[1] if "=" in a else argv[i + 1]
                 for i, a in enumerate(argv) if a.split("=", 1)[0] == "--lang"
                 and ("=" in a or i + 1 < len(argv))), LANGUAGES[0])
    set_language(lang if lang in LANGUAGES else LANGUAGES[0])
    args = _parser().parse_args(argv)
    source = Path(args.notebooks) if args.notebooks else _kit_notebooks(args.lang)
    if not any(source.glob("*.ipynb")):
        print(t("lab.start.no_notebooks", path=source), file=sys.stderr)
        return 2
    ws = prepare(args.lang, args.role, home=args.dir, notebooks=source)
    print(report(ws), flush=True)
    if args.prepare_only:
        return 0
    print(t("lab.start.opening"), flush=True)
    cmd = command(ws, ip=args.ip, extra=args.jupyter_args)
    os.chdir(ws.root)
    os.execve(cmd[0], cmd, environment(ws))
    return 0  # not reached


if __name__ == "__main__":
    raise SystemExit(main())
