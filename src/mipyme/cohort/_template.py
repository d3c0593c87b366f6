"""The template kernel: one warm Python, forked into a fresh box for each submission.

Runs inside a box of its own (:meth:`mipyme.cohort.sandbox.Sandbox.template_command`), as
root in that box with only the capabilities it needs to build the next box (mount, set user
ids, bring up a network interface). It imports, once, what every grading kernel imports
(ipykernel, IPython, numpy, pandas, matplotlib, the kit: :data:`WARM`) and then waits for
the grader on its standard input, one JSON request per line:

- ``{"op": "fork", ...}``: make a new box for one submission's kernel and answer
  ``{"pid": N}`` (its process id as the grader sees it). The kernel waits, holding nothing
  of the student's yet, until the grader has put it in its control group;
- ``{"op": "go", "pid": N}``: let that kernel start; ``{"op": "drop", "pid": N}``: end it.

No student code ever runs in this process, and nothing of any submission reaches it: a
request names only the box's user id, its work folder and limits. Each fork goes through
two processes:

- the **keeper** leaves this process's session and namespaces (new mount, process, network,
  IPC and host-name namespaces), builds the box's file system (a fresh ``/tmp``,
  ``/dev/shm`` and ``/dev/pts``, its own work folder and nothing else of the grader's work
  folders), brings up its loopback and starts the box's first process; it stays as that
  process's parent and ends with it (and, with this process, kills it);
- the box's **first process** (process 1 of its namespace, as bubblewrap's is) waits for
  the grader, then takes a cgroup namespace and a session of its own, mounts its own
  ``/proc``, sets the limits, becomes the box's user for good (no groups, no capability in
  any set, checked; ``no_new_privs``, the seccomp filter of :mod:`mipyme.cohort._limits`),
  then starts the kernel as its child and reaps what the kernel leaves behind.

The kernel itself starts as ``python -m ipykernel_launcher -f FILE ...`` would, with the
same arguments, in the submission's folder, with the box's environment and a fresh random
seed. What differs from a kernel started cold: the modules of :data:`WARM` are already
imported, Python's hash seed is the template's, and the kernel's memory layout (where
libraries are loaded) is the template's, the same for every kernel of a batch.
"""

from __future__ import annotations

import ctypes
import json
import os
import signal
import sys

#: What every grading kernel imports (failures are ignored: a module that is not installed
#: is simply imported later, by the notebook, as in a cold kernel).
WARM = ("ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.zmqshell",
        "IPython.core.interactiveshell", "jupyter_client.session", "zmq", "numpy",
        "pandas", "matplotlib", "matplotlib.figure", "mipyme", "mipyme.money",
        "mipyme.grading", "mipyme.finance", "mipyme.store", "mipyme.export")

CLONE_NEWNS, CLONE_NEWCGROUP = 0x00020000, 0x02000000
CLONE_NEWUTS, CLONE_NEWIPC = 0x04000000, 0x08000000
CLONE_NEWPID, CLONE_NEWNET = 0x20000000, 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 0x20, 0x1000, 0x4000, 1 << 18
MNT_DETACH = 2
PR_SET_PDEATHSIG, PR_CAPBSET_DROP, PR_CAP_AMBIENT = 1, 24, 47
#: Where the keeper holds the box's work folder (``w``) and the read-only folders under
#: ``/tmp`` (``k0``, ``k1``...) while it covers ``/tmp`` and the grader's work folders.
STAGE = "/.box"
#: Read-only folders under ``/tmp`` every box must still see (``--keep=PATH``).
KEEP: list[str] = []

_libc = ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def _mount(source: str, target: str, fstype: str | None, flags: int, data: str = "") -> None:
    _check(_libc.mount(source.encode(), target.encode(),
                       fstype.encode() if fstype else None, ctypes.c_ulong(flags),
                       data.encode() or None), f"mount {target}")


def _unshare(flags: int) -> None:
    _check(_libc.unshare(flags), "unshare")


def _loopback_up() -> None:
    """``ip link set lo up`` in the box's new network namespace (as bubblewrap does)."""
    import fcntl
    import socket
    import struct

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        request = struct.pack("16sH22x", b"lo", 0)
        flags = struct.unpack("16sH22x", fcntl.ioctl(sock, 0x8913, request))[1]  # GIFFLAGS
        fcntl.ioctl(sock, 0x8914, struct.pack("16sH22x", b"lo", flags | 1))  # IFF_UP


def _build_files(req: dict) -> None:
    """The box's view: its own ``/tmp``, ``/dev/shm`` and ``/dev/pts``, its work folder at
    the same path, and none of the grader's other work folders (the template's box binds
    them all); read-only folders under ``/tmp`` (:data:`KEEP`) are bound again on top."""
    workdir, parent = req["workdir"], req["work_parent"]
    _mount("none", "/", None, MS_REC | MS_PRIVATE)
    held = [(workdir, f"{STAGE}/w", False)] + [
        (path, f"{STAGE}/k{i}", True) for i, path in enumerate(KEEP)]
    for path, stage, _ in held:
        _mount(path, stage, None, MS_BIND | MS_REC)
    size = f"size={int(req['tmp_bytes'])},mode=1777"
    _mount("tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, size)
    _mount("tmpfs", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV, size)
    _mount("devpts", "/dev/pts", "devpts", MS_NOSUID | MS_NOEXEC,
           "newinstance,ptmxmode=0666,mode=620")
    if not (parent + "/").startswith("/tmp/"):
        _mount("tmpfs", parent, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=0755")
    for path, stage, read_only in held:
        _make_path(path)
        _mount(stage, path, None, MS_BIND | MS_REC)
        if read_only:
            _mount("none", path, None, MS_REMOUNT | MS_BIND | MS_RDONLY)
        _check(_libc.umount2(stage.encode(), MNT_DETACH), f"umount {stage}")


def _make_path(path: str) -> None:
    """Make ``path`` and its missing parents (0755), as bubblewrap makes a bind's parents."""
    built = ""
    for part in path.strip("/").split("/"):
        built += "/" + part
        if not os.path.isdir(built):
            os.mkdir(built)
            os.chmod(built, 0o755)


def _drop_privileges(uid: int) -> None:
    """Become ``uid`` for good: no groups, no capability in any set, no way back."""
    for cap in range(64):
        if _libc.prctl(PR_CAPBSET_DROP, ctypes.c_ulong(cap), 0, 0, 0) != 0 and \
                ctypes.get_errno() == 22:  # EINVAL: past the last capability
            break
    _libc.prctl(PR_CAP_AMBIENT, ctypes.c_ulong(4), 0, 0, 0)  # clear the ambient set
    os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    data = (ctypes.c_uint32 * 6)()  # effective, permitted, inheritable (x2): all empty
    _check(_libc.capset(ctypes.byref(Header(0x20080522, 0)), data), "capset")
    if os.getuid() != uid or os.geteuid() != uid or os.getgroups():
        raise OSError("the box's user id did not take")
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb") and \
                    int(value, 16) != 0:
                raise OSError(f"{name} is not empty")


def _close_fds() -> None:
    devnull = os.open("/dev/null", os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    os.closerange(3, max(os.sysconf("SC_OPEN_MAX"), 3))


def _kernel(req: dict) -> None:
    """Start the kernel as ``python -m ipykernel_launcher -f FILE`` would (never returns)."""
    import random
    import runpy

    os.environ.clear()
    os.environ.update(req["env"])
    os.environ["PWD"] = req["cwd"]  # as bubblewrap's --chdir sets it for a cold kernel
    os.chdir(req["cwd"])
    sys.path.insert(0, req["cwd"])  # as -m puts it; the launcher takes it out again
    random.seed()
    if "numpy" in sys.modules:
        sys.modules["numpy"].random.seed()
    sys.argv = ["ipykernel_launcher", *req["args"]]
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    code = 0
    try:
        runpy.run_module("ipykernel_launcher", run_name="__main__", alter_sys=True)
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    except BaseException:
        code = 1
    os._exit(code)


def _first_process(req: dict, go: int) -> None:
    """Process 1 of the box: wait for the grader, lock the box, start and reap the kernel."""
    if os.read(go, 1) != b"g":  # the grader dropped this box
        os._exit(0)
    os.close(go)
    _unshare(CLONE_NEWCGROUP)  # in its control group now: that group is its root
    os.setsid()  # a session of its own, as bubblewrap's --new-session gives a cold box
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)  # process 1: what the box sends is ignored
    _mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    from mipyme.cohort import _limits

    # processes + 1: this first process runs as the box's user too (a cold box's first
    # process, bubblewrap's, is root's), so the kernel may start as many as in a cold box
    _limits.apply(memory=req["memory"], processes=int(req["processes"]) + 1,
                  file_size=req["file_size"], cpu=req["cpu"])
    _drop_privileges(int(req["uid"]))
    _libc.prctl(PR_SET_PDEATHSIG, ctypes.c_ulong(signal.SIGKILL), 0, 0, 0)
    _limits.install_seccomp()
    _close_fds()
    kernel = os.fork()
    if kernel == 0:
        _kernel(req)
    while True:  # process 1 reaps every orphan; the box ends with the kernel
        try:
            pid, status = os.wait()
        except ChildProcessError:
            os._exit(0)
        except InterruptedError:
            continue
        if pid == kernel:
            os._exit(os.waitstatus_to_exitcode(status) & 0xFF)


def _keeper(req: dict, report: int, go: int) -> None:
    """Build the box, start its first process, report its id, then wait for it to end."""
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        os.setsid()
        _libc.prctl(PR_SET_PDEATHSIG, ctypes.c_ulong(signal.SIGKILL), 0, 0, 0)
        _unshare(CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS)
        _check(_libc.sethostname(b"sandbox", 7), "sethostname")
        _build_files(req)
        _loopback_up()
        first = os.fork()
        if first == 0:
            os.close(report)
            try:
                _first_process(req, go)
            finally:
                os._exit(70)
        os.close(go)
        os.write(report, json.dumps({"pid": first}).encode())
        os.close(report)
    except BaseException as err:
        os.write(report, json.dumps({"error": f"{type(err).__name__}: {err}"}).encode())
        os._exit(70)
    _close_fds()
    while True:
        try:
            _, status = os.waitpid(first, 0)
            os._exit(os.waitstatus_to_exitcode(status) & 0xFF)
        except InterruptedError:
            continue
        except ChildProcessError:
            os._exit(0)


def _reap(*_: object) -> None:
    while True:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _fork(req: dict, waiting: dict[int, int]) -> dict:
    report_r, report_w = os.pipe()
    go_r, go_w = os.pipe()
    keeper = os.fork()
    if keeper == 0:
        try:
            os.close(report_r)
            os.close(go_w)
            for fd in waiting.values():
                os.close(fd)
            _keeper(req, report_w, go_r)
        finally:
            os._exit(70)
    os.close(report_w)
    os.close(go_r)
    chunks = []
    while chunk := os.read(report_r, 4096):
        chunks.append(chunk)
    os.close(report_r)
    try:
        answer = json.loads(b"".join(chunks) or b'{"error": "the box did not start"}')
    except ValueError:
        answer = {"error": "the box did not start"}
    if "pid" in answer:
        waiting[int(answer["pid"])] = go_w
    else:
        os.close(go_w)
    return answer


def serve(stdin, stdout) -> None:
    """Answer the grader's requests until its side of the pipe closes."""
    waiting: dict[int, int] = {}  # box's first process -> the pipe that lets it start
    for line in stdin:
        try:
            req = json.loads(line)
            op = req.get("op")
            if op == "fork":
                answer = _fork(req, waiting)
            elif op in ("go", "drop"):
                fd = waiting.pop(int(req["pid"]), None)
                if fd is not None:
                    if op == "go":
                        os.write(fd, b"g")
                    os.close(fd)
                answer = {"ok": fd is not None}
            else:
                answer = {"error": f"unknown op {op!r}"}
        except Exception as err:  # a bad request is answered, never fatal
            answer = {"error": f"{type(err).__name__}: {err}"}
        stdout.write(json.dumps(answer) + "\n")
        stdout.flush()


def main() -> None:
    import importlib
    import threading

    KEEP.extend(a.removeprefix("--keep=") for a in sys.argv[1:] if a.startswith("--keep="))
    if sys.path and sys.path[0] in ("", os.getcwd()):
        del sys.path[0]  # as the kernel's launcher does: nothing from the working folder
    for name in WARM:
        try:
            importlib.import_module(name)
        except Exception:  # not installed: the notebook imports it later, as when cold
            continue
    if threading.active_count() != 1 or len(os.listdir("/proc/self/task")) != 1:
        print(json.dumps({"error": "threads started while warming up"}), flush=True)
        return
    signal.signal(signal.SIGCHLD, _reap)
    stdin = os.fdopen(os.dup(0), "r", encoding="utf-8")
    stdout = os.fdopen(os.dup(1), "w", encoding="utf-8")
    devnull = os.open("/dev/null", os.O_RDWR)
    for fd in (0, 1, 2):  # the boxes close the grader's pipes before anything else runs
        os.dup2(devnull, fd)
    os.close(devnull)
    stdout.write(json.dumps({"ready": True, "warm": sorted(
        n for n in WARM if n in sys.modules)}) + "\n")
    stdout.flush()
    serve(stdin, stdout)


if __name__ == "__main__":
    main()
