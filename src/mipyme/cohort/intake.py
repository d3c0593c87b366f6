"""Taking in what students hand in, safely: no link is followed, nothing unbounded is read.

Why one module over 500 lines: every check made before a submission is read (links, special
files, sizes, counts, locks) is here, so a security review reads one file.

A submission is a folder a student filled. Before anything of it is read, copied or
fingerprinted, :func:`scan` looks at every entry with ``lstat`` (never following a link),
at every level, and refuses:

- symbolic links anywhere, including the student's folder or the assignment folder being
  one (a notebook that is a link to another student's notebook, a data folder that is a
  link to the course's ``source/``...);
- regular files with more than one name (hard links, which may be another file seen
  from outside the folder);
- devices, fifos and sockets;
- anything past the :class:`Caps`: total size (the apparent size, so a sparse file counts
  at its full length), number of files and folders, each notebook's size and, once the
  sizes are known to be within the caps, each notebook's number of cells
  (:func:`check_cells`).

Each refusal is a reason (an i18n key and its values) that names the file and why. The
grader (:mod:`mipyme.cohort.autograde`) scores a refused submission 0 without running any
of nbgrader on it; the hub's ``nbgrader collect`` (:mod:`mipyme.hub.exchange`) skips it.

Also here: :func:`read_folder` (a folder's files for the sandbox, opened without following
links, each one bounded), :func:`copy_tree` (a copy that never follows a link, even if the
source changes while it is copied), :func:`run_lock` (one grading run per course and
assignment at a time) and :func:`check_gradebook` (prove the gradebook can be written
before grading anything).

>>> Caps().total_bytes // 2**20, Caps().files, Caps().notebook_bytes // 2**20, Caps().cells
(64, 200, 16, 2000)
>>> Caps(files=0)
Traceback (most recent call last):
...
mipyme.errors.InputError: 'files' debe ser mayor que cero (se recibió 0)
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fnmatch
import hashlib
import json
import os
import shutil
import socket
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mipyme.errors import InputError
from mipyme.money import count_arg

__all__ = ["Caps", "Refused", "Scan", "check_cells", "check_gradebook", "copy_tree",
           "discard", "ignore_rule", "read_bytes", "read_folder", "run_lock", "scan",
           "size_text"]

_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_FILE_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
#: How many files a reason names before it says how many more there are.
_NAMED = 10
#: The scan stops counting at this many times the file cap (the value then ends in "+").
_COUNT_SPAN = 10
_CHUNK = 2**20

Reason = tuple[str, dict[str, Any]]


@dataclass(frozen=True, slots=True)
class Caps:
    """What one submission may hold, checked before anything of it is read.

    ``total_bytes`` is the apparent size of all its files together (a sparse file counts at
    its full length), ``files`` the number of files and folders in it, ``notebook_bytes``
    the size of each notebook and ``cells`` the number of cells of each notebook.

    >>> Caps(total_bytes=2**20).total_bytes
    1048576
    >>> Caps(cells=True)
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: 'cells' debe ser un número entero (se recibió True)
    """

    total_bytes: int = 64 * 2**20
    files: int = 200
    notebook_bytes: int = 16 * 2**20
    cells: int = 2000

    def __post_init__(self) -> None:
        for name in ("total_bytes", "files", "notebook_bytes", "cells"):
            value = count_arg(getattr(self, name), name, minimum=1, strict=True)
            object.__setattr__(self, name, value)


@dataclass(frozen=True, slots=True)
class Entry:
    """One entry of a submission, as ``lstat`` saw it: ``path`` is relative (with ``/``),
    ``kind`` is ``"file"``, ``"link"``, ``"hard_link"`` or ``"special"``."""

    path: str
    kind: str
    size: int
    mtime_ns: int


@dataclass(frozen=True, slots=True)
class Scan:
    """What :func:`scan` found in a submission folder.

    ``files`` are its regular files (one name each), sorted; ``others`` what it refused
    (links, hard links, special files); ``count`` how many files and folders it holds (a
    string ending in ``+`` when there were too many to count); ``total`` their apparent
    size; ``reasons`` why the submission is refused (empty: it may be graded).
    """

    folder: Path
    label: str
    files: tuple[Entry, ...] = ()
    others: tuple[Entry, ...] = ()
    count: int | str = 0
    total: int = 0
    reasons: tuple[Reason, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.reasons

    @property
    def notebooks(self) -> list[str]:
        """The names (without ``.ipynb``) of the notebooks at the top of the folder."""
        return sorted(e.path[:-6] for e in self.files
                      if "/" not in e.path and e.path.endswith(".ipynb"))

    def size_of(self, path: str) -> int | None:
        """The size of the regular file ``path`` (relative), ``None`` if there is none."""
        return next((e.size for e in self.files if e.path == path), None)

    def fingerprint(self) -> str:
        """What was handed in: every file's path, size and modification time as ``lstat``
        says, and every entry refused. A folder with nothing refused gets the fingerprint
        the grader's journal has always recorded (its regular files only), so journals
        written before stay valid. Like the journal, it does not depend on the caps: after
        changing them, grade again with ``force``."""
        digest = hashlib.sha256()
        for e in self.files:
            digest.update(f"{e.path}\0{e.size}\0{e.mtime_ns}\n".encode())
        for e in self.others:
            digest.update(f"!{e.kind}\0{e.path}\0{e.size}\0{e.mtime_ns}\n".encode())
        return digest.hexdigest()[:32]


class Refused(Exception):
    """A folder held something that must not be followed or copied; ``reasons`` say what."""

    def __init__(self, reasons: list[Reason]) -> None:
        super().__init__("; ".join(f"{k} {p}" for k, p in reasons))
        self.reasons = reasons


# -- sizes and names in reasons ------------------------------------------------------------

def size_text(n: int) -> str:
    """A size for people.

    >>> size_text(3 * 2**30), size_text(1536), size_text(250 * 10**6), size_text(7)
    ('3 GiB', '1.5 KiB', '238.4 MiB', '7 bytes')
    """
    for unit, scale in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if n >= scale:
            return f"{n / scale:,.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"


def _names(paths: list[str]) -> str:
    shown = ", ".join(paths[:_NAMED])
    return shown + (f" (+{len(paths) - _NAMED})" if len(paths) > _NAMED else "")


def _kind(mode: int, nlink: int) -> str:
    if stat.S_ISLNK(mode):
        return "link"
    if stat.S_ISDIR(mode):
        return "dir"
    if stat.S_ISREG(mode):
        return "hard_link" if nlink > 1 else "file"
    return "special"


_REASON = {"link": "cohort.reason.link", "hard_link": "cohort.reason.hard_link",
           "special": "cohort.reason.special_file"}


def _sort_key(path: str) -> tuple[str, ...]:
    return tuple(path.split("/"))  # as pathlib sorts: by parts


# -- the scan ------------------------------------------------------------------------------

def scan(folder: str | Path, caps: Caps | None = None, *, label: str | None = None,
         parents: int = 0) -> Scan:
    """Look at every entry of ``folder`` with ``lstat``, never following a link.

    ``label`` is how reasons name the folder (default: its name), ``parents`` how many of
    the folders above it must be real folders too (1: the student's folder above the
    assignment's). ``caps`` (``None``: no caps) are checked from what ``lstat`` says, so
    nothing is read. Never raises for what it finds: see :attr:`Scan.reasons`.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = (Path(tmp) / "a.ipynb").write_text("{}")
    ...     (Path(tmp) / "b.csv").symlink_to("/etc/passwd")
    ...     found = scan(tmp, label="ch01")
    >>> found.ok, found.notebooks, found.reasons
    (False, ['a'], (('cohort.reason.link', {'files': 'ch01/b.csv'}),))
    """
    folder = Path(folder)
    label = label or folder.name
    for level, name in [*((p, p.name) for p in reversed(folder.parents[:parents])),
                        (folder, label)]:
        problem = _not_a_folder(level, name)
        if problem:
            return Scan(folder, label, others=(Entry(name, problem[0].rsplit(".", 1)[-1],
                                                     0, 0),), reasons=(problem,))
    files: list[Entry] = []
    others: list[Entry] = []
    count, total, complete = 0, 0, True
    ceiling = caps.files * _COUNT_SPAN if caps else None
    failures: list[str] = []
    queue = [""]
    while queue and complete:
        rel_dir = queue.pop()
        try:
            with os.scandir(folder / rel_dir if rel_dir else folder) as entries:
                listed = list(entries)
        except OSError as err:
            failures.append(f"{label}/{rel_dir}: {err.strerror or err}")
            continue
        for entry in listed:
            rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
            count += 1
            if ceiling is not None and count >= ceiling:
                complete = False
                break
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError as err:
                failures.append(f"{label}/{rel}: {err.strerror or err}")
                continue
            kind = _kind(st.st_mode, st.st_nlink)
            if kind == "dir":
                queue.append(rel)
            elif kind == "file":
                files.append(Entry(rel, kind, st.st_size, st.st_mtime_ns))
                total += st.st_size
            else:
                others.append(Entry(rel, kind, st.st_size if kind != "special" else 0,
                                    st.st_mtime_ns))
                if kind == "hard_link":
                    total += st.st_size
    files.sort(key=lambda e: _sort_key(e.path))
    others.sort(key=lambda e: _sort_key(e.path))
    reasons: list[Reason] = []
    for kind in ("link", "hard_link", "special"):
        found = [f"{label}/{e.path}" for e in others if e.kind == kind]
        if found:
            reasons.append((_REASON[kind], {"files": _names(found)}))
    if failures:
        reasons.append(("cohort.reason.scan_failed", {"files": _names(failures)}))
    shown: int | str = count if complete else f"{count}+"
    if caps is not None:
        if not complete or count > caps.files:
            reasons.append(("cohort.reason.too_many_files", {
                "folder": label, "limit": caps.files, "value": shown}))
        if total > caps.total_bytes:
            reasons.append(("cohort.reason.too_big", {
                "folder": label, "limit": size_text(caps.total_bytes), "value": size_text(total)}))
        for e in files:
            if "/" not in e.path and e.path.endswith(".ipynb") and e.size > caps.notebook_bytes:
                reasons.append(("cohort.reason.notebook_too_big", {
                    "file": f"{label}/{e.path}", "limit": size_text(caps.notebook_bytes),
                    "value": size_text(e.size)}))
    return Scan(folder, label, tuple(files), tuple(others), shown, total, tuple(reasons))


def _not_a_folder(path: Path, name: str) -> Reason | None:
    try:
        st = os.lstat(path)
    except OSError as err:
        return ("cohort.reason.scan_failed", {"files": f"{name}: {err.strerror or err}"})
    if stat.S_ISLNK(st.st_mode):
        return ("cohort.reason.link", {"files": name})
    if not stat.S_ISDIR(st.st_mode):
        return ("cohort.reason.not_a_folder", {"file": name})
    return None


def check_cells(found: Scan, caps: Caps) -> list[Reason]:
    """The notebooks of ``found`` (a scan that passed) with more cells than ``caps`` allow.

    Each notebook is opened without following a link and read only if it is within
    ``caps.notebook_bytes``; one that is not JSON is left for nbgrader to call unreadable.
    """
    reasons: list[Reason] = []
    for name in found.notebooks:
        try:
            data = read_bytes(found.folder / f"{name}.ipynb", caps.notebook_bytes)
            nb = json.loads(data)
        except (OSError, ValueError):
            continue
        cells = _count_cells(nb)
        if cells > caps.cells:
            reasons.append(("cohort.reason.too_many_cells", {
                "file": f"{found.label}/{name}.ipynb", "limit": caps.cells, "value": cells}))
    return reasons


def _count_cells(nb: Any) -> int:
    if not isinstance(nb, dict):
        return 0
    cells = nb.get("cells")
    count = len(cells) if isinstance(cells, list) else 0
    for sheet in nb.get("worksheets") or ():  # nbformat 3
        if isinstance(sheet, dict) and isinstance(sheet.get("cells"), list):
            count += len(sheet["cells"])
    return count


# -- reading and copying without following links -------------------------------------------

class _TooBig(OSError):
    pass


def read_bytes(path: str | Path, limit: int, *, dir_fd: int | None = None) -> bytes:
    """The content of the regular file ``path``, opened without following a link; raises
    :class:`OSError` if it is not a regular file or holds more than ``limit`` bytes."""
    fd = os.open(path, _FILE_FLAGS, dir_fd=dir_fd)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError(f"not a regular file: {path}")
        if st.st_size > limit:
            raise _TooBig(f"{path}: {st.st_size} bytes")
        parts, size = [], 0
        while chunk := os.read(fd, min(_CHUNK, limit + 1 - size)):
            parts.append(chunk)
            size += len(chunk)
            if size > limit:  # it grew while being read
                raise _TooBig(f"{path}: more than {limit} bytes")
        return b"".join(parts)
    finally:
        os.close(fd)


def read_folder(folder: str | Path, file_bytes: int, *, skip: frozenset[str] = frozenset()
                ) -> tuple[dict[str, bytes], list[str]]:
    """Every regular file of ``folder`` (relative path -> content) but those in ``skip``,
    opened without following links; links and special files are left out, and files over
    ``file_bytes`` are dropped (second value: their paths)."""
    found = scan(folder)
    files: dict[str, bytes] = {}
    dropped: list[str] = []
    for e in (*found.files, *(o for o in found.others if o.kind == "hard_link")):
        if e.path in skip:
            continue
        if e.size > file_bytes:
            dropped.append(e.path)
            continue
        try:
            files[e.path] = read_bytes(Path(folder) / e.path, file_bytes)
        except _TooBig:
            dropped.append(e.path)
        except OSError:
            continue  # changed into something else since the scan: not a plain file
    return dict(sorted(files.items(), key=lambda kv: _sort_key(kv[0]))), sorted(
        dropped, key=_sort_key)


def copy_tree(src: str | Path, dest: str | Path, *,
              keep: Callable[[str, bool, int], bool] | None = None,
              max_bytes: int | None = None) -> int:
    """Copy the folder ``src`` to ``dest`` (which must not exist), never following a link.

    Every folder and file is opened relative to its already opened parent, with
    ``O_NOFOLLOW``, and checked to be the entry ``lstat`` saw, so a link put in place
    while the copy runs is refused too. A link, a file with more than one name, a special
    file or more than ``max_bytes`` in all raise :class:`Refused` and remove what was
    copied. ``keep(relative path, is_folder, size)`` may leave entries out. Permissions
    (without setuid bits) and modification times are kept. Returns the bytes copied.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = (Path(tmp) / "in").mkdir(), (Path(tmp) / "in" / "a.txt").write_text("hola")
    ...     copied = copy_tree(Path(tmp) / "in", Path(tmp) / "out")
    ...     (Path(tmp) / "in" / "b").symlink_to("/etc")
    ...     try:
    ...         copy_tree(Path(tmp) / "in", Path(tmp) / "again")
    ...     except Refused as err:
    ...         print(err.reasons, (Path(tmp) / "again").exists())
    [('cohort.reason.link', {'files': 'in/b'})] False
    >>> copied
    4
    """
    src, dest = Path(src), Path(dest)
    problem = _not_a_folder(src, src.name)
    if problem:
        raise Refused([problem])
    src_fd = os.open(src, _DIR_FLAGS)
    try:
        os.mkdir(dest, 0o700)
    except BaseException:
        os.close(src_fd)
        raise
    copied = 0
    stack: list[tuple[int, int, str, os.stat_result, Iterator[str]]] = []
    try:
        stack.append((src_fd, os.open(dest, _DIR_FLAGS), "", os.fstat(src_fd),
                      iter(sorted(os.listdir(src_fd)))))
        while stack:
            sfd, dfd, rel_dir, dir_st, names = stack[-1]
            name = next(names, None)
            if name is None:
                stack.pop()
                try:
                    os.fchmod(dfd, stat.S_IMODE(dir_st.st_mode) & 0o777 | 0o700)
                    os.utime(dfd, ns=(dir_st.st_atime_ns, dir_st.st_mtime_ns))
                finally:
                    _close(sfd, dfd, keep_open=src_fd)
                continue
            rel = f"{rel_dir}/{name}" if rel_dir else name
            st = os.stat(name, dir_fd=sfd, follow_symlinks=False)
            kind = _kind(st.st_mode, st.st_nlink)
            if kind not in ("dir", "file"):
                raise Refused([(_REASON[kind], {"files": f"{src.name}/{rel}"})])
            if keep is not None and not keep(rel, kind == "dir", st.st_size):
                continue
            if kind == "file":
                try:
                    copied += _copy_file(name, sfd, dfd, st, src.name, rel,
                                         None if max_bytes is None else max_bytes - copied)
                except _TooBig:
                    raise Refused([("cohort.reason.too_big", {
                        "folder": src.name, "limit": size_text(max_bytes or 0),
                        "value": f"> {size_text(max_bytes or 0)}"})]) from None
                continue
            child = _open_same(name, sfd, st, _DIR_FLAGS, src.name, rel)
            try:
                os.mkdir(name, 0o700, dir_fd=dfd)
                made = os.open(name, _DIR_FLAGS, dir_fd=dfd)
            except BaseException:
                os.close(child)
                raise
            stack.append((child, made, rel, st, iter(sorted(os.listdir(child)))))
    except BaseException:
        for sfd, dfd, *_ in stack:
            _close(sfd, dfd, keep_open=src_fd)
        discard(dest)
        raise
    finally:
        os.close(src_fd)
    return copied


def _close(*fds: int, keep_open: int) -> None:
    for fd in fds:
        if fd != keep_open:
            with contextlib.suppress(OSError):
                os.close(fd)


def _open_same(name: str, parent: int, st: os.stat_result, flags: int, top: str,
               rel: str) -> int:
    """Open ``name`` in ``parent`` without following a link and check it is still the
    entry ``st`` describes (not swapped since), with one name if it is a file."""
    try:
        fd = os.open(name, flags, dir_fd=parent)
    except OSError as err:  # ELOOP: it became a link
        raise Refused([("cohort.reason.link", {"files": f"{top}/{rel}"})]) from err
    now = os.fstat(fd)
    if (now.st_dev, now.st_ino) != (st.st_dev, st.st_ino) or (
            stat.S_ISREG(now.st_mode) and now.st_nlink > 1):
        os.close(fd)
        raise Refused([(_REASON["hard_link" if stat.S_ISREG(now.st_mode) else "link"],
                        {"files": f"{top}/{rel}"})])
    return fd


def _copy_file(name: str, sfd: int, dfd: int, st: os.stat_result, top: str, rel: str,
               room: int | None) -> int:
    fd = _open_same(name, sfd, st, _FILE_FLAGS, top, rel)
    try:
        out = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
                      | os.O_CLOEXEC, 0o600, dir_fd=dfd)
        copied = 0
        try:
            while chunk := os.read(fd, _CHUNK):
                copied += len(chunk)
                if room is not None and copied > room:
                    raise _TooBig(f"{top}/{rel}")
                os.write(out, chunk)
            os.fchmod(out, stat.S_IMODE(st.st_mode) & 0o777)
            os.utime(out, ns=(st.st_atime_ns, st.st_mtime_ns))
        finally:
            os.close(out)
        return copied
    finally:
        os.close(fd)


def discard(path: str | Path) -> None:
    """Remove ``path`` (a folder, a file or a link) without following a link inside it."""
    path = Path(path)
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISDIR(st.st_mode):
        shutil.rmtree(path)  # rmtree removes links inside, never what they point to
    else:
        path.unlink()


def ignore_rule(exclude: list[str] | None, include: list[str] | None,
                max_kb: float | None) -> Callable[[str, bool, int], bool]:
    """nbgrader's copy rules (``CourseDirectory.ignore``, ``include``, ``max_file_size``
    in kilobytes) as a ``keep`` function for :func:`copy_tree`."""
    def keep(rel: str, is_folder: bool, size: int) -> bool:
        name = rel.rsplit("/", 1)[-1]
        if exclude and any(fnmatch.fnmatch(name, glob) for glob in exclude):
            return False
        if is_folder:
            return True
        if include and not any(fnmatch.fnmatch(name, glob) for glob in include):
            return False
        return not (max_kb and size > 1000 * max_kb)
    return keep


# -- one run at a time ---------------------------------------------------------------------

@contextlib.contextmanager
def run_lock(path: str | Path, assignment: str) -> Iterator[dict[str, Any]]:
    """Hold the lock file ``path`` (``fcntl.flock``) while the ``with`` block runs.

    The holder's process id, machine and start time are written in it; a second holder
    is refused at once with an :class:`~mipyme.errors.InputError` that names them. The
    lock goes with the process that holds it, so a killed run never leaves it stuck.
    """
    import fcntl

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            raise InputError("cohort.errors.running", assignment=assignment,
                             pid=holder.get("pid", "?"), host=holder.get("host", "?"),
                             started=holder.get("started", "?"), lock=str(path)) from None
        me = {"pid": os.getpid(), "host": socket.gethostname(),
              "started": dt.datetime.now().astimezone().isoformat(timespec="seconds")}
        os.ftruncate(fd, 0)
        os.pwrite(fd, (json.dumps(me) + "\n").encode(), 0)
        try:
            yield me
        finally:
            os.ftruncate(fd, 0)  # still held: nobody reads a run that is over
    finally:
        os.close(fd)


def _holder(fd: int) -> dict[str, Any]:
    try:
        record = json.loads(os.pread(fd, 4096, 0) or b"{}")
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


# -- the gradebook can be written ----------------------------------------------------------

def check_gradebook(url: str, *, timeout: int = 10) -> None:
    """Prove the gradebook at ``url`` can be written, before anything is graded.

    A write (a row added to nbgrader's ``alembic_version`` table) is made in a transaction
    that is rolled back, so nothing changes; connecting and waiting for a lock give up after
    ``timeout`` seconds. A SQLite gradebook that does not exist yet is left for nbgrader to
    make. Raises :class:`~mipyme.errors.InputError` naming the URL (without its password)
    and the cause.

    >>> check_gradebook("sqlite:////nonexistent/gradebook.db")  # nbgrader will make it
    >>> check_gradebook("nosuchdb://x")
    Traceback (most recent call last):
    ...
    mipyme.errors.InputError: No se puede escribir en el cuaderno de calificaciones nosuchdb://x (NoSuchModuleError: Can't load plugin: sqlalchemy.dialects:nosuchdb). No se calificó ninguna entrega: revisa que el archivo y su carpeta acepten cambios, que quede espacio en disco y que el servidor de la base de datos responda.
    """
    from sqlalchemy import create_engine, inspect, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.pool import NullPool

    shown, secret = url, None
    try:
        parsed = make_url(url)
        shown, secret = parsed.render_as_string(hide_password=True), parsed.password
        backend = parsed.get_backend_name()
        args: dict[str, Any] = {}
        if backend == "sqlite":
            database = parsed.database or ""
            if database in ("", ":memory:") or not os.path.exists(database):
                return
            args = {"timeout": timeout}
        elif backend in ("postgresql", "mysql", "mariadb"):
            args = {"connect_timeout": max(2, timeout)}
        engine = create_engine(parsed, poolclass=NullPool, connect_args=args)
    except Exception as err:
        raise InputError("cohort.errors.gradebook", url=shown,
                         error=_cause(err, secret)) from None
    try:
        with engine.connect() as conn:
            if backend == "postgresql":
                conn.execute(text(f"SET LOCAL statement_timeout = {timeout * 1000}"))
                conn.execute(text(f"SET LOCAL lock_timeout = {timeout * 1000}"))
            if "alembic_version" in inspect(conn).get_table_names():
                # A row that really changes a page (SQLite skips rewriting an unchanged
                # row), so the write reaches the journal or the server's checks.
                conn.execute(text("INSERT INTO alembic_version (version_num) "
                                  "VALUES ('mipyme-preflight')"))
            conn.rollback()
    except Exception as err:
        raise InputError("cohort.errors.gradebook", url=shown,
                         error=_cause(err, secret)) from None
    finally:
        engine.dispose()


def _cause(err: Exception, secret: str | None) -> str:
    inner = getattr(err, "orig", None) or err
    lines = [line for line in str(inner).splitlines() if line.strip()]
    text = f"{type(inner).__name__}: {lines[0] if lines else ''}".strip()
    if secret:
        text = text.replace(secret, "***")
    return text[:300]

