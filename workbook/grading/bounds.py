"""Keep a grading run inside its bounds whatever the learner's code does.

- Processes: the grader becomes a child subreaper (Linux), so a process the learner starts with
  `setsid` or a double fork is re-parented to the grader instead of escaping; every descendant
  is ended when a notebook is done.
- Memory: the kernel's data segment is capped (RLIMIT_DATA, inherited by its children).
- Time: a watchdog process ends the whole run at an overall deadline, even if the kernel, a
  child or the grader itself was stopped with SIGSTOP.
"""

import contextlib
import ctypes
import os
import signal
import sys
import time
from pathlib import Path

from workbook.submission import COUNT_CHECKS, GRADING

PR_SET_CHILD_SUBREAPER = 36
GIB = 2**30
MEMORY_VARIABLE = "WORKBOOK_MEMORY_GIB"  # the cap, for messages inside the kernel
WATCHDOG_VARIABLE = "WORKBOOK_WATCHDOG_PID"  # never ended with the learner's processes


def become_subreaper() -> bool:
    """Adopt orphaned descendants (Linux only); whether it worked."""
    if not sys.platform.startswith("linux"):
        return False
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    return False


def descendants(pid: int) -> list[int]:
    """Every live process below `pid`, read from /proc."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, frontier = [], [pid]
    while frontier:
        below = children.get(frontier.pop(), [])
        found += below
        frontier += below
    return found


def end_descendants(pid: int | None = None) -> list[int]:
    """Continue (if stopped) and kill every descendant of `pid`; reap what we can. Their pids."""
    spared = {int(os.environ.get(WATCHDOG_VARIABLE) or 0)}
    ended = [p for p in descendants(pid or os.getpid()) if p not in spared]
    for child in ended:
        for sig in (signal.SIGCONT, signal.SIGKILL):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(child, sig)
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline:
        try:
            if os.waitpid(-1, os.WNOHANG) == (0, 0):
                break
        except ChildProcessError:
            break
    return ended


def memory_limit_source(gib: float) -> str:
    """A cell the grader runs first in each kernel: cap the data segment at `gib` GiB."""
    limit = int(gib * GIB)
    return f"import resource as _r\n_r.setrlimit(_r.RLIMIT_DATA, ({limit}, {limit}))\ndel _r"


def grading_environment(memory_gib: float = 4.0) -> dict[str, str]:
    """What every grading kernel inherits: no submit() or progress records from inside the
    grade, unattempted visible checks counted, repeatable set orders, and the memory cap."""
    return {
        GRADING: "1",
        COUNT_CHECKS: "1",
        "PYTHONHASHSEED": "0",
        MEMORY_VARIABLE: str(memory_gib),
    }


def memory_message() -> str:
    """A MemoryError in a grading kernel, said in terms of the cap it inherited."""
    gib = float(os.environ.get(MEMORY_VARIABLE, "4"))
    return (
        f"used more than {gib:g} GiB of memory (the grading cap, --memory): look for a "
        "structure that grows with the square of the input, or a copy per step"
    )


def start_watchdog(seconds: float) -> int | None:
    """Fork a process that kills this one and its descendants after `seconds` (POSIX)."""
    if not hasattr(os, "fork"):
        return None
    grader = os.getpid()
    pid = os.fork()
    if pid:
        os.environ[WATCHDOG_VARIABLE] = str(pid)
        return pid
    try:  # the child never returns into the grader's code
        _watch(grader, seconds)
    finally:
        os._exit(0)


def _watch(grader: int, seconds: float) -> None:
    os.setsid()  # outside the grader's process group and session
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if os.getppid() != grader:
            return  # the grader finished
        time.sleep(0.5)
    sys.stderr.write(
        f"\nworkbook grade: stopped after {seconds:g} s, the overall deadline; something kept "
        "the run from finishing (a stopped kernel, a child process or the grader itself).\n"
    )
    victims = [grader, *(p for p in descendants(grader) if p != os.getpid())]
    for victim in victims:
        for sig in (signal.SIGCONT, signal.SIGKILL):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(victim, sig)
