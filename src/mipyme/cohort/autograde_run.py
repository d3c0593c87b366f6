"""nbgrader's own autograde for one submission, with the execution step boxed.

The parts of :func:`mipyme.cohort.autograde.autograde` that drive nbgrader: the course's
configuration, what every submission of a batch shares (:class:`GradingRun`), nbgrader's
``Autograde`` converter with its ``Execute`` step replaced by the sandboxed executor
(:class:`BoxedExecute`), and the gradebook reads and writes around it.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import nbformat

from mipyme.cohort.executors import Job, write_files
from mipyme.cohort.intake import read_folder
from mipyme.cohort.sandbox import Limits, Sandbox

__all__ = ["BoxedExecute", "GraderError", "GradingRun", "KernelRefused", "config_force", "course_config", "execute_settings",
           "expected_notebooks", "is_locked", "nbgrader_app", "nbgrader_autograde", "open_run_gradebook",
           "release_cells", "score_zero", "student_log", "students_fault",
           "submission_scores"]


# -- configuration -------------------------------------------------------------------------

def nbgrader_app(argv: Iterable[str] = (), course: str | Path | None = None,
                 command: str = "autograde"):
    """nbgrader's own application for ``command`` (``"autograde"`` or ``"feedback"``),
    initialized as ``nbgrader COMMAND ARGV`` would be: its configuration read from every
    place nbgrader reads it (``nbgrader_config.py`` in each of ``jupyter --paths``' config
    folders, in the working folder and in the course folder, through
    ``NbGrader.load_config_file``), ``--Class.trait=value`` and nbgrader's own options
    (``--db``, ``--notebook``, ``--student``, ``--force``/``-f``, ``--no-execute``...) on
    top, and the working folder on the import path (for plugins next to the config).

    ``course`` (``--course``), when given, is the course folder whatever the config says.
    ``--help-all`` and a wrong option end in ``SystemExit`` as in nbgrader."""
    from nbgrader.apps.autogradeapp import AutogradeApp
    from nbgrader.apps.generatefeedbackapp import GenerateFeedbackApp

    app_class = {"autograde": AutogradeApp, "feedback": GenerateFeedbackApp}[command]
    args = list(argv)
    if course:
        args.append(f"--CourseDirectory.root={Path(course).resolve()}")
    app = app_class()
    if course and (Path(course) / "nbgrader_config.py").is_file():
        # nbgrader warns when neither the working folder nor Jupyter's folders have one;
        # the course's own is read anyway, so the warning would only mislead here
        app.log.addFilter(lambda record: "No nbgrader_config.py" not in record.getMessage())
    app.initialize(args)
    here = os.getcwd()  # nbgrader puts it first on the import path each time: once is enough
    while sys.path.count(here) > 1:
        sys.path.pop(len(sys.path) - 1 - sys.path[::-1].index(here))  # the last copy
    return app


def course_config(course: str | Path | None, db_url: str | None = None, *,
                  argv: Iterable[str] = (), command: str = "autograde"):
    """The traitlets config nbgrader would use in ``course`` (see :func:`nbgrader_app`;
    ``None``: the course the configuration names, else the working folder), with the root
    made absolute and the gradebook at ``db_url`` (``--db``) if given, else where the
    configuration or ``cohort.toml`` say, else ``gradebook.db`` in the course."""
    from mipyme.cohort.course import gradebook_url

    app = nbgrader_app(argv, course, command)
    cfg = app.config.copy()
    root = Path(app.coursedir.root).resolve()
    cfg.CourseDirectory.root = str(root)
    if db_url:
        cfg.CourseDirectory.db_url = db_url
    elif "db_url" not in cfg.CourseDirectory:
        cfg.CourseDirectory.db_url = gradebook_url(root)
    if app.extra_args:
        cfg.MipymeCommand.extra_args = list(app.extra_args)
    return cfg


def execute_settings(cfg) -> dict[str, Any]:
    """The course's settings of nbgrader's execution step, as plain values for a job
    (values given on the command line, ``--Execute.timeout=2``, read as nbgrader's
    ``Execute`` reads them)."""
    from nbgrader.preprocessors import Execute

    step = Execute(config=cfg)
    settings: dict[str, Any] = {}
    for section in ("ExecutePreprocessor", "Execute"):
        if section in cfg:
            for key in cfg[section]:
                value = getattr(step, key, None) if step.has_trait(key) else cfg[section][key]
                if isinstance(value, (str, int, float, bool, list, dict, type(None))):
                    settings[key] = value
    return settings


def config_force(cfg, *sections: str) -> bool:
    """Whether the configuration says ``--force``/``-f`` (nbgrader puts it on the
    converter's class, ``Autograde.force`` or ``GenerateFeedback.force``, or on
    ``BaseConverter``)."""
    for section in ("BaseConverter", *sections):
        if section in cfg and "force" in cfg[section]:
            value = cfg[section]["force"]
            return value if isinstance(value, bool) else str(value).strip().lower() in (
                "1", "true", "yes")
    return False


# -- nbgrader, with the execution step boxed -----------------------------------------------

class GradingRun:
    """What every submission of one batch shares."""

    def __init__(self, *, assignment: str, cfg, executor, limits: Limits, sandbox: Sandbox,
                 lang: str, kernels: int) -> None:
        self.assignment, self.cfg, self.executor = assignment, cfg, executor
        self.limits, self.sandbox, self.lang = limits, sandbox, lang
        self.execute = execute_settings(cfg)
        self.lock = threading.Lock()  # nbgrader's own steps and the gradebook: one at a time
        self.kernels = threading.Semaphore(kernels)  # at most ``workers`` kernels at once
        self.root = Path(cfg.CourseDirectory.root)
        self.db_url = str(cfg.CourseDirectory.db_url)
        self.course_id = str(cfg.CourseDirectory.get("course_id", ""))
        # What every submission is checked against, read once per batch (under ``lock``).
        self._tests: dict[str, list[str]] = {}
        self._trusted: dict[str, dict[str, tuple[str, bool]]] = {}
        self._release: dict[str, dict[str, str] | None] = {}
        self.expected: list[str] = []
        from nbgrader.coursedir import CourseDirectory

        self.coursedir = CourseDirectory(config=cfg)

    def submitted(self, student: str) -> Path:
        """The student's folder of this assignment in ``submitted/`` (or the folder the
        configuration names: ``CourseDirectory.submitted_directory``)."""
        cd = self.coursedir
        return Path(cd.format_path(cd.submitted_directory, student, self.assignment))

    def autograded(self, student: str) -> Path:
        """The student's folder of this assignment in ``autograded/`` (or as configured)."""
        cd = self.coursedir
        return Path(cd.format_path(cd.autograded_directory, student, self.assignment))

    def test_cells(self, notebook: str) -> list[str]:
        """The autograded code cells of ``notebook``, from the gradebook."""
        if notebook not in self._tests:
            with open_run_gradebook(self) as gb:
                found = gb.find_notebook(notebook, self.assignment)
                self._tests[notebook] = sorted(c.name for c in found.grade_cells
                                               if c.cell_type == "code")
        return self._tests[notebook]

    def trusted(self, notebook: str) -> dict[str, tuple[str, bool]]:
        """The locked code cells of ``notebook`` from the gradebook (never from the
        student's file): ``grade_id -> (source, is_test)``, for the judge."""
        if notebook not in self._trusted:
            with open_run_gradebook(self) as gb:
                found = gb.find_notebook(notebook, self.assignment)
                tests = {c.name for c in found.grade_cells if c.cell_type == "code"}
                self._trusted[notebook] = {
                    c.name: (c.source, c.name in tests) for c in found.source_cells
                    if c.cell_type == "code" and c.locked}
        return self._trusted[notebook]

    def release(self, notebook: str) -> dict[str, str] | None:
        """The locked cells of ``notebook`` as the students got them."""
        if notebook not in self._release:
            self._release[notebook] = release_cells(
                self.root, self.assignment, notebook, is_locked,
                Path(self.coursedir.format_path(self.coursedir.release_directory, ".",
                                                self.assignment)))
        return self._release[notebook]


class GraderError(Exception):
    """The grader (not the submission) failed: do not record, grade again next time."""


class BoxedExecute:
    """Takes the place of nbgrader's ``Execute``: the notebook runs through the executor."""

    def __init__(self, run: GradingRun, converter: Any) -> None:
        self.run, self.converter = run, converter

    def __call__(self, nb, resources):
        run = self.run
        folder = Path(resources["metadata"]["path"])
        name = resources["nbgrader"]["notebook"]
        # Opened without following links, each file bounded; what the student handed in
        # passed the caps before nbgrader copied it here, so the total is bounded too.
        files, dropped = read_folder(folder, run.limits.file_bytes,
                                     skip=frozenset({f"{name}.ipynb"}))
        if dropped:
            self.converter.reasons.append(("cohort.reason.files_dropped",
                                           {"files": ", ".join(dropped)}))
        job = Job(resources["nbgrader"]["student"], run.assignment, nbformat.writes(nb), files,
                  run.execute, run.limits, run.sandbox, run.lang, run.trusted(name))
        run.lock.release()
        try:
            with run.kernels:
                outcome = run.executor.run(job)
        except Exception as err:  # the cluster or the machine failed, not the student
            raise GraderError(f"{type(err).__name__}: {err}") from err
        finally:
            run.lock.acquire()
        self.converter.outcomes[name] = outcome
        if outcome.status == "kernel":  # nbgrader refuses a kernel it does not have
            raise KernelRefused(outcome.params.get("kernel", ""))
        # What the notebook wrote in its folder stays next to it in autograded/, as with
        # nbgrader (regular files only, each within the box's file size limit).
        write_files(folder, dict(outcome.files))
        executed = nbformat.reads(outcome.notebook, as_version=4)
        return executed, resources


class KernelRefused(Exception):
    """The notebook names a kernel this machine does not have (nbgrader refuses it too)."""


def nbgrader_autograde(run: GradingRun, student: str, log: logging.Logger,
                       force: bool = False):
    """nbgrader's ``Autograde`` converter for one student, with the execution step boxed.
    ``force``: regrade even where nbgrader's own rule (``--force``, a newer timestamp)
    would skip."""
    from nbconvert.writers import FilesWriter
    from nbgrader.converters import Autograde
    from nbgrader.converters.base import BaseConverter
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.preprocessors import Execute

    class CohortAutograde(Autograde):
        """nbgrader's Autograde for one student, with the execution step boxed."""

        def start(self) -> None:
            # BaseConverter.start without os.chdir: every path is absolute, and threads
            # share one working directory.
            self.init_notebooks()
            self.writer = FilesWriter(parent=self, config=self.config)
            self.exporter = self.exporter_class(parent=self, config=self.config)
            for pp in self.preprocessors:
                self.exporter.register_preprocessor(pp)
            self.convert_notebooks()

        def _init_preprocessors(self) -> None:
            super()._init_preprocessors()
            # ``Execute.enabled = False`` (``--no-execute``) keeps nbgrader's own, switched off
            self.exporter._preprocessors = [
                BoxedExecute(run, self) if isinstance(pp, Execute) and pp.enabled else pp
                for pp in self.exporter._preprocessors]

        def init_destination(self, assignment_id: str, student_id: str) -> bool:
            # nbgrader's own rule (exclusions, existing and newer submissions, --force)
            self.processed = super().init_destination(assignment_id, student_id)
            return self.processed

        def convert_single_notebook(self, notebook_filename: str) -> None:
            name = Path(notebook_filename).stem
            try:
                self._sanitize_and_grade(notebook_filename)
            except GraderError:
                raise
            except KernelRefused as err:
                self.broken[name] = ("cohort.dropin.kernel", {"file": f"{name}.ipynb",
                                                               "kernel": str(err)})
                raise
            except Exception as err:
                if not students_fault(notebook_filename, err):
                    raise GraderError(f"{type(err).__name__}: {str(err)[:300]}") from err
                self._sanitizing = True
                # nbgrader's own handling follows: the submission is left as nbgrader
                # leaves a failed one (for hand grading), and the run ends with 1.
                self.broken[name] = ("cohort.dropin.unreadable", {
                    "file": f"{name}.ipynb", "error": f"{type(err).__name__}: {str(err)[:200]}"})
                raise

        def _sanitize_and_grade(self, notebook_filename: str) -> None:
            # Autograde.convert_single_notebook without nbgrader.utils.setenv, which deletes
            # NBGRADER_EXECUTION afterwards (under the other threads' feet); the sandboxed
            # kernel gets NBGRADER_EXECUTION=autograde from the executor.
            self._sanitizing = True
            self._init_preprocessors()
            BaseConverter.convert_single_notebook(self, notebook_filename)
            graded = os.path.join(self.writer.build_directory,
                                  os.path.basename(notebook_filename))
            self._sanitizing = False
            self._init_preprocessors()
            try:
                BaseConverter.convert_single_notebook(self, graded)
            finally:
                self._sanitizing = True

    coursedir = CourseDirectory(config=run.cfg)
    coursedir.assignment_id = run.assignment
    coursedir.student_id = student
    converter = CohortAutograde(coursedir=coursedir, config=run.cfg, log=log)
    if force:  # the journal saw a change nbgrader's timestamps would not show
        converter.force = True
    converter.outcomes, converter.reasons, converter.broken = {}, [], {}
    converter.processed = False
    return converter


def students_fault(filename: str, err: Exception) -> bool:
    """Whether a failure to convert a notebook comes from the file handed in: it is not a
    notebook, or nbgrader refused its cells (bad or foreign metadata)."""
    from nbgrader.nbgraderformat import SchemaTooNewError, SchemaTooOldError

    try:
        nbformat.validate(nbformat.read(filename, as_version=4))
    except Exception:
        return True
    module = type(err).__module__ or ""
    return isinstance(err, (SchemaTooNewError, SchemaTooOldError)) or module.startswith(
        ("nbgrader.preprocessors", "nbformat", "json"))


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def student_log(student: str) -> tuple[logging.Logger, _Collect]:
    """A logger for nbgrader's converter of one student, and the errors it collected."""
    log = logging.Logger(f"mipyme.autograde.{student}", logging.WARNING)
    handler = _Collect()
    log.addHandler(handler)
    return log, handler


# -- the gradebook -------------------------------------------------------------------------

def open_run_gradebook(run: GradingRun):
    """The gradebook of the batch, opened (use it in a ``with``)."""
    from mipyme.cohort.course import open_gradebook

    return open_gradebook(run.db_url, run.course_id or None)


def expected_notebooks(run: GradingRun) -> list[str]:
    """The notebooks of the assignment, as the gradebook lists them."""
    with open_run_gradebook(run) as gb:
        return sorted(nb.name for nb in gb.find_assignment(run.assignment).notebooks)


def score_zero(run: GradingRun, student: str, notebooks: Iterable[str], folder: Path) -> None:
    """Score 0 for these notebooks, the way nbgrader scores a notebook never handed in."""
    names = list(notebooks)
    with open_run_gradebook(run) as gb:
        timestamp = _timestamp(run, folder)
        gb.update_or_create_student(student)
        kwargs = {"timestamp": timestamp} if timestamp else {}
        gb.update_or_create_submission(run.assignment, student, **kwargs)
        for name in names:
            nb = gb.find_submission_notebook(name, run.assignment, student)
            for grade in nb.grades:
                grade.auto_score = 0
                grade.needs_manual_grade = False
        gb.db.commit()


def _timestamp(run: GradingRun, folder: Path):
    from nbgrader.coursedir import CourseDirectory

    return CourseDirectory(config=run.cfg).get_existing_timestamp(str(folder))


def is_locked(cell) -> bool:
    """Whether nbgrader locked ``cell`` (students may not change it)."""
    return bool(cell.get("metadata", {}).get("nbgrader", {}).get("locked"))


def release_cells(root: Path, assignment: str, notebook: str, keep: Callable[[Any], bool],
                  folder: Path | None = None) -> dict[str, str] | None:
    """``grade_id -> source`` of the cells of the released ``notebook`` that ``keep``
    accepts (``None`` when the course has no ``release/`` copy of it); ``folder``: the
    assignment's release folder, when the course names it otherwise."""
    path = (folder or root / "release" / assignment) / f"{notebook}.ipynb"
    if not path.is_file():
        return None
    nb = nbformat.read(path, as_version=4)
    return {c.metadata["nbgrader"]["grade_id"]: c.source for c in nb.cells
            if keep(c) and c.metadata.get("nbgrader", {}).get("grade_id")}


def submission_scores(run: GradingRun, student: str) -> tuple[float | None, float | None]:
    """The student's score and maximum in the gradebook (``None, None``: not there)."""
    with open_run_gradebook(run) as gb:
        try:
            sub = gb.find_submission(run.assignment, student)
        except Exception:
            return None, None
        return float(sub.score), float(sub.max_score)
