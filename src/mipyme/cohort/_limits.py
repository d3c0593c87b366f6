"""Set resource limits, then become the given command (run inside the sandbox).

``python -I -S _limits.py --memory=BYTES --processes=N --file-size=BYTES
--cpu=SECONDS [--seccomp] -- COMMAND ...``. Only lowers limits; the kernel cannot raise them
again. When the process limit is per user and this user already runs processes elsewhere (a
grader without its own user id), the limit counts on top of them.

With ``--seccomp`` it also installs a seccomp filter (:func:`seccomp_program`, classic BPF
built here, no library needed) that the command and all it starts keep for good: the system
calls a notebook never needs fail with ``EPERM`` (:data:`DENIED`), so do ``unshare`` and a
``clone`` that asks for a new namespace (no user namespace inside the box), ``clone3``
answers ``ENOSYS`` (its flags cannot be read; the C library falls back to ``clone``) and a
system call of another ABI (32-bit, x32) kills the process. On a machine other than x86_64
or aarch64 it refuses to start the command rather than run it unfiltered.

>>> len(seccomp_program("x86_64")) % 8, len(seccomp_program("aarch64")) % 8
(0, 0)
>>> seccomp_program("sparc")
Traceback (most recent call last):
...
OSError: seccomp: no filter for the sparc architecture
"""

from __future__ import annotations

import os
import resource
import struct
import sys

SCRIPT = os.path.realpath(__file__)

#: System calls a notebook never needs, with their numbers on x86_64 and aarch64 (``None``:
#: the call does not exist there). They fail with ``EPERM``.
DENIED = {
    "ptrace": (101, 117), "process_vm_readv": (310, 270), "process_vm_writev": (311, 271),
    "pidfd_getfd": (438, 438), "process_madvise": (440, 440), "kcmp": (312, 272),
    "mount": (165, 40), "umount2": (166, 39), "pivot_root": (155, 41), "chroot": (161, 51),
    "open_tree": (428, 428), "move_mount": (429, 429), "fsopen": (430, 430),
    "fsconfig": (431, 431), "fsmount": (432, 432), "fspick": (433, 433),
    "mount_setattr": (442, 442), "setns": (308, 268), "unshare": (272, 97),
    "swapon": (167, 224), "swapoff": (168, 225), "reboot": (169, 142), "acct": (163, 89),
    "kexec_load": (246, 104), "kexec_file_load": (320, 294), "init_module": (175, 105),
    "finit_module": (313, 273), "delete_module": (176, 106), "keyctl": (250, 219),
    "add_key": (248, 217), "request_key": (249, 218), "bpf": (321, 280),
    "perf_event_open": (298, 241), "userfaultfd": (323, 282),
    "open_by_handle_at": (304, 265), "name_to_handle_at": (303, 264), "quotactl": (179, 60),
    "syslog": (103, 116), "lookup_dcookie": (212, 18), "vhangup": (153, 58),
    "io_uring_setup": (425, 425), "io_uring_enter": (426, 426),
    "io_uring_register": (427, 427), "iopl": (172, None), "ioperm": (173, None),
    "uselib": (134, None), "_sysctl": (156, None),
}
_ARCHES = {  # machine: (AUDIT_ARCH_*, column of DENIED, clone, clone3)
    "x86_64": (0xC000003E, 0, 56, 435),
    "aarch64": (0xC00000B7, 1, 220, 435),
}
#: ``clone`` flags that make a namespace (mount, cgroup, UTS, IPC, user, PID, network).
CLONE_NEW_MASK = 0x7E020000
_X32_BIT = 0x40000000
_LD_ABS_W, _JEQ, _JSET, _RET = 0x20, 0x15, 0x45, 0x06
_ALLOW, _KILL_PROCESS, _ERRNO = 0x7FFF0000, 0x80000000, 0x00050000
_EPERM, _ENOSYS = 1, 38


def seccomp_program(machine: str) -> bytes:
    """The filter for ``machine`` (``os.uname().machine``) as ``struct sock_filter`` rows.

    Raises :class:`OSError` for a machine it has no system call numbers for.
    """
    if machine not in _ARCHES:
        raise OSError(f"seccomp: no filter for the {machine} architecture")
    arch, column, clone, clone3 = _ARCHES[machine]
    denied = sorted({n[column] for n in DENIED.values() if n[column] is not None})
    # Rows are (code, true label or None, false label or None, k); labels are resolved to
    # the relative jumps of classic BPF at the end.
    rows: list[tuple[int, str | None, str | None, int]] = [
        (_LD_ABS_W, None, None, 4),  # seccomp_data.arch
        (_JEQ, None, "kill", arch),
        (_LD_ABS_W, None, None, 0),  # seccomp_data.nr
    ]
    if machine == "x86_64":
        rows.append((_JSET, "kill", None, _X32_BIT))
    rows += [(_JEQ, "eperm", None, nr) for nr in denied]
    rows += [(_JEQ, "enosys", None, clone3), (_JEQ, None, "allow", clone),
             (_LD_ABS_W, None, None, 16),  # low half of args[0]: clone's flags
             (_JSET, "eperm", "allow", CLONE_NEW_MASK)]
    labels = {"allow": len(rows), "eperm": len(rows) + 1, "enosys": len(rows) + 2,
              "kill": len(rows) + 3}
    rows += [(_RET, None, None, _ALLOW), (_RET, None, None, _ERRNO | _EPERM),
             (_RET, None, None, _ERRNO | _ENOSYS), (_RET, None, None, _KILL_PROCESS)]
    out = bytearray()
    for index, (code, true, false, k) in enumerate(rows):
        jt = labels[true] - index - 1 if true else 0
        jf = labels[false] - index - 1 if false else 0
        out += struct.pack("=HBBI", code, jt, jf, k)
    return bytes(out)


def install_seccomp() -> None:
    """Install :func:`seccomp_program` on this process for good (``no_new_privs`` first)."""
    import ctypes

    program = ctypes.create_string_buffer(seccomp_program(os.uname().machine))

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    fprog = SockFprog(len(program.raw) // 8, ctypes.addressof(program))
    libc = ctypes.CDLL(None, use_errno=True)
    ulong = ctypes.c_ulong
    pr_set_no_new_privs, pr_set_seccomp, seccomp_mode_filter = 38, 22, 2
    if libc.prctl(pr_set_no_new_privs, ulong(1), ulong(0), ulong(0), ulong(0)) != 0 or \
            libc.prctl(pr_set_seccomp, ulong(seccomp_mode_filter),
                       ctypes.c_void_p(ctypes.addressof(fprog)), ulong(0), ulong(0)) != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"seccomp: {os.strerror(err)}")


def command(python: str, *, memory: int, processes: int, file_size: int, cpu: int,
            seccomp: bool = False) -> list[str]:
    """The prefix that runs this script (alone: ``-I -S``, no site, no kit import) to set
    the limits (and the seccomp filter), then the command that follows it."""
    return [python, "-I", "-S", SCRIPT, f"--memory={memory}", f"--processes={processes}",
            f"--file-size={file_size}", f"--cpu={cpu}", *(["--seccomp"] if seccomp else []),
            "--"]


def _count_own_processes() -> int:
    uid = os.getuid()
    count = 0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if os.stat(f"/proc/{entry}").st_uid == uid:
                    count += 1
            except OSError:
                pass
    return count


def apply(*, memory: int, processes: int, file_size: int, cpu: int) -> None:
    """Lower this process's limits (address space, processes, file size, CPU seconds; no
    core files) for good; also used by the template kernel's boxes."""
    limits = {
        resource.RLIMIT_AS: int(memory),
        resource.RLIMIT_FSIZE: int(file_size),
        resource.RLIMIT_CPU: int(cpu),
        resource.RLIMIT_CORE: 0,
    }
    nproc = int(processes)
    if os.getuid() != 0:
        nproc += _count_own_processes()
    limits[resource.RLIMIT_NPROC] = nproc
    for kind, value in limits.items():
        _soft, hard = resource.getrlimit(kind)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        resource.setrlimit(kind, (value, value))


def main(argv: list[str]) -> None:
    split = argv.index("--")
    opts = dict((*a.lstrip("-").split("=", 1), "")[:2] for a in argv[:split])
    command = argv[split + 1:]
    apply(memory=int(opts["memory"]), processes=int(opts["processes"]),
          file_size=int(opts["file-size"]), cpu=int(opts["cpu"]))
    if "seccomp" in opts:
        install_seccomp()  # an error stops here: the command never runs unfiltered
    os.execvp(command[0], command)


if __name__ == "__main__":
    main(sys.argv[1:])
