"""``make lab``: a student's workspace (mipyme.lab) and Validate with the kit's message first."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from lab_support import AVERAGE, partly_answered
from mipyme import lab
from mipyme.grading.feedback import say
from mipyme.hub.core import STUDENT_HIDDEN_PLUGINS, STUDENT_OFF_SERVER_EXTENSIONS
from mipyme.i18n import t


def _kit(folder: Path, **notebooks: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, title in notebooks.items():
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(f"# {title}")])
        nbformat.write(nb, folder / f"{name}.ipynb")
    return folder


def test_first_start_copies_the_notebooks_and_explains_the_assignments_folder(tmp_path):
    kit_es = _kit(tmp_path / "kit" / "es", ch01_fundamentos="Fundamentos", ch14_flujo="Flujo")
    kit_en = _kit(tmp_path / "kit" / "en", ch01_fundamentos="Foundations", ch14_flujo="Flow")
    home = tmp_path / "mipyme-lab"

    es = lab.prepare("es", home=home, notebooks=kit_es)
    en = lab.prepare("en", home=home, notebooks=kit_en)

    assert es.root == (home / "es").resolve() and en.root == (home / "en").resolve()
    for ws, kit in ((es, kit_es), (en, kit_en)):
        shown = sorted(p.name for p in ws.root.iterdir() if not p.name.startswith("."))
        assert shown == sorted(["ch01_fundamentos.ipynb", "ch14_flujo.ipynb",
                                lab.ASSIGNMENTS[ws.lang]])  # no library sources, no src/
        for name in ("ch01_fundamentos.ipynb", "ch14_flujo.ipynb"):
            assert (ws.root / name).read_bytes() == (kit / name).read_bytes()
        assert set(ws.copied) >= {"ch01_fundamentos.ipynb", "ch14_flujo.ipynb"}
    readme_es = (home / "es" / "tareas" / "LEEME.md").read_text(encoding="utf-8")
    readme_en = (home / "en" / "assignments" / "README.md").read_text(encoding="utf-8")
    assert readme_es.startswith("# Tus tareas") and readme_en.startswith("# Your assignments")
    for readme, folder in ((readme_es, "tareas"), (readme_en, "assignments")):
        assert "**Validate**" in readme and f"nbgrader validate {folder}/" in readme
    assert "Dónde poner una tarea" in readme_es and "Cómo entregarla" in readme_es
    assert "Where to put an assignment" in readme_en and "How to hand it in" in readme_en
    assert not (home / "es" / "assignments").exists() and not (home / "en" / "tareas").exists()


def test_a_notebook_the_student_changed_is_never_overwritten(tmp_path):
    kit = _kit(tmp_path / "kit", ch01_a="uno", ch02_b="dos", ch03_c="tres", ch04_d="cuatro")
    home = tmp_path / "home"
    ws = lab.prepare("es", home=home, notebooks=kit)
    mine = b'{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5, "mine": 1}'
    (ws.root / "ch01_a.ipynb").write_bytes(mine)  # the student's work, kit changes it next
    (ws.root / "ch03_c.ipynb").write_bytes(mine)  # the student's work, kit does not change it
    (ws.root / "ch04_d.ipynb").unlink()  # deleted: comes back fresh
    for name in ("ch01_a", "ch02_b"):  # a newer kit
        _kit(kit, **{name: "versión nueva"})
    new_kit = {p.name: p.read_bytes() for p in kit.iterdir()}

    again = lab.prepare("es", home=home, notebooks=kit)

    assert (ws.root / "ch01_a.ipynb").read_bytes() == mine
    assert (ws.root / "ch03_c.ipynb").read_bytes() == mine
    assert (ws.root / "ch02_b.ipynb").read_bytes() == new_kit["ch02_b.ipynb"]
    assert (ws.root / "ch04_d.ipynb").read_bytes() == new_kit["ch04_d.ipynb"]
    assert again.kept == ("ch01_a.ipynb",)  # said at start-up: the kit has a new version
    assert again.updated == ("ch02_b.ipynb",)
    assert again.copied == ("ch04_d.ipynb",)
    assert t("lab.start.kept", name="ch01_a.ipynb") in lab.report(again)

    # A third start with nothing new: still the student's, nothing copied or updated.
    third = lab.prepare("es", home=home, notebooks=kit)
    assert (third.copied, third.updated) == ((), ())
    assert (ws.root / "ch01_a.ipynb").read_bytes() == mine


def test_a_workspace_without_a_record_keeps_every_file_that_differs(tmp_path):
    kit = _kit(tmp_path / "kit", ch01_a="uno")
    root = tmp_path / "home" / "es"
    root.mkdir(parents=True)
    (root / "ch01_a.ipynb").write_text("lo que había", encoding="utf-8")
    ws = lab.prepare("es", home=tmp_path / "home", notebooks=kit)
    assert (root / "ch01_a.ipynb").read_text(encoding="utf-8") == "lo que había"
    assert ws.kept == () and "ch01_a.ipynb" not in ws.copied + ws.updated
    record = json.loads((root / lab.MANIFEST).read_text(encoding="utf-8"))
    assert "ch01_a.ipynb" not in record["files"]


def _disabled_plugins(ws: lab.Workspace, monkeypatch) -> set[str]:
    from jupyterlab_server.config import get_page_config

    monkeypatch.setenv("JUPYTER_CONFIG_PATH", lab.environment(ws, {})["JUPYTER_CONFIG_PATH"])
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(ws.root.parent / "no-user-config"))
    labextensions = Path(sys.prefix) / "share" / "jupyter" / "labextensions"
    disabled = get_page_config([str(labextensions)]).get("disabledExtensions", [])
    return set(disabled) if isinstance(disabled, list) else {n for n, v in disabled.items() if v}


def _server_extensions(ws: lab.Workspace, monkeypatch) -> dict[str, bool]:
    from jupyter_server.serverapp import ServerApp

    monkeypatch.setenv("JUPYTER_CONFIG_PATH", lab.environment(ws, {})["JUPYTER_CONFIG_PATH"])
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(ws.root.parent / "no-user-config"))
    app = ServerApp()
    try:
        app.load_config_file()
        return dict(app.jpserver_extensions)
    finally:
        ServerApp.clear_instance()


def test_instructor_tools_are_off_for_students_and_on_for_instructors(tmp_path, monkeypatch):
    kit = _kit(tmp_path / "kit", ch01_a="uno")
    student = lab.prepare("es", "student", home=tmp_path / "h", notebooks=kit)
    instructor = lab.prepare("es", "instructor", home=tmp_path / "h", notebooks=kit)
    assert student.root == instructor.root and student.config != instructor.config

    # Read back the way Jupyter reads them: the hub's list, plus the exchange's tools.
    hidden = _disabled_plugins(student, monkeypatch)
    assert hidden == {*STUDENT_HIDDEN_PLUGINS, *lab.NO_EXCHANGE_PLUGINS}
    assert "@jupyter/nbgrader:validate-assignment" not in hidden
    off = _server_extensions(student, monkeypatch)
    assert off == dict.fromkeys([*STUDENT_OFF_SERVER_EXTENSIONS,
                                 *lab.NO_EXCHANGE_SERVER_EXTENSIONS], False)
    assert _disabled_plugins(instructor, monkeypatch) == set()
    assert not any(v is False for v in _server_extensions(instructor, monkeypatch).values())

    # Each role has an nbgrader config (no "No nbgrader_config.py" warning), both with the
    # kit's Validate; the instructor's course is the workspace, with an exchange of its own.
    from traitlets.config.loader import PyFileConfigLoader

    for ws in (student, instructor):
        text = (ws.config / "nbgrader_config.py").read_text(encoding="utf-8")
        assert "use_kit_validator()" in text
    config = PyFileConfigLoader("nbgrader_config.py", str(instructor.config)).load_config()
    assert config.CourseDirectory.root == str(instructor.root)
    assert Path(config.Exchange.root).is_dir()
    config = PyFileConfigLoader("nbgrader_config.py", str(student.config)).load_config()
    assert "CourseDirectory" not in config and "Exchange" not in config


def test_the_hub_writes_the_same_student_settings_it_shares():
    from mipyme.hub.core import student_jupyter_config

    settings = student_jupyter_config()
    assert settings["labconfig/page_config.json"] == {
        "disabledExtensions": dict.fromkeys(STUDENT_HIDDEN_PLUGINS, True)}
    assert settings["jupyter_server_config.json"] == {"ServerApp": {
        "jpserver_extensions": dict.fromkeys(STUDENT_OFF_SERVER_EXTENSIONS, False)}}
    settings["labconfig/page_config.json"]["disabledExtensions"]["x"] = True  # a fresh copy
    assert "x" not in student_jupyter_config()["labconfig/page_config.json"][
        "disabledExtensions"]


def test_the_command_line_prepares_and_speaks_the_workspace_language(tmp_path):
    kit = _kit(tmp_path / "kit", ch01_a="uno")
    for lang, words in (("es", "Tu carpeta de trabajo"), ("en", "Your workspace")):
        proc = subprocess.run(
            [sys.executable, "-m", "mipyme.lab", "--lang", lang, "--dir", str(tmp_path / "h"),
             "--notebooks", str(kit), "--prepare-only"],
            capture_output=True, text=True, check=False)
        assert proc.returncode == 0, proc.stderr
        assert words in proc.stdout and str(tmp_path / "h" / lang) in proc.stdout
    proc = subprocess.run([sys.executable, "-m", "mipyme.lab", "--lang", "en", "--notebooks",
                           str(tmp_path / "empty"), "--dir", str(tmp_path / "h")],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 2 and "make notebooks" in proc.stderr


# -- Validate in a terminal -------------------------------------------------------------------


@pytest.fixture(scope="module")
def answered(tmp_path_factory):
    """ch01 with one answer right and ``fixed_salary`` wrong (the average month)."""
    return partly_answered(tmp_path_factory.mktemp("ch01"), salary=AVERAGE)


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("where", ["student workspace", "kit course"])
def test_nbgrader_validate_prints_the_kit_message_first_and_whole(answered, where, tmp_path):
    notebook, course = answered
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(tmp_path / "user-config")}
    if where == "student workspace":  # a terminal in the student's JupyterLab
        ws = lab.prepare("es", home=tmp_path / "h")
        env, cwd = lab.environment(ws, env), ws.root
        target = ws.assignments / notebook.name
        target.write_bytes(notebook.read_bytes())
    else:  # an instructor in the course folder (the kit's exercises/nbgrader_config.py)
        env.pop("JUPYTER_CONFIG_PATH", None)
        cwd, target = course, notebook
    proc = subprocess.run([sys.executable, "-m", "nbgrader", "validate", str(target)],
                          cwd=cwd, env=env, capture_output=True, text=True, check=False)
    out = proc.stdout
    assert proc.returncode == 0, proc.stderr
    assert "No nbgrader_config.py file found" not in proc.stderr

    message = say("grading.ch01.salary_average", average="9,000.00", lowest="6,000.00",
                  expected="6,000.00")
    sections = re.split(r"^=+$", out, flags=re.M)  # the summary, then one per failed cell
    first = sections[1]
    assert "The following cell failed" in first
    # Whole: every word, in order, and no line cut with nbgrader's "...".
    assert _flat(message) in _flat(first)
    assert not any(line.endswith("...") for line in first.splitlines()), first
    # First: before the test code and before the traceback.
    at = _flat(first).index(_flat(message))
    assert at < _flat(first).index("def revisa_sueldo")
    assert at < _flat(first).index("Traceback (most recent call last)")
    assert max(len(line) for line in out.splitlines()) <= 90
    # The loss test fails too, with its own message first.
    loss = say("grading.ch01.salary_loss_wrong", what="fixed_salary", expected="0.00",
               got="3,666.67", lowest="-2,000.00")
    second = _flat(sections[2])
    assert second.index(_flat(loss)) < second.index("Traceback")
    assert re.search(r"VALIDATION FAILED ON \d CELL", out)
