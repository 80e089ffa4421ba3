"""Scale tests: a candidate's CPU time against a reference measured in the same kernel, same run.

CPU time (this process and its finished children), not wall time: on a busy machine the wall
clock of both sides stretches unevenly, CPU time barely moves.
"""

import contextlib
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator

_calibrations: dict[str, float] = {}  # per kernel: the reference's cost for one scale test
_workloads: dict[str, object] = {}  # per kernel: large inputs, built once


def workload(name: str, build: Callable[[], object]) -> object:
    """The large input `name`, built once per kernel (an audit grades many answers in one)."""
    if name not in _workloads:
        _workloads[name] = build()
    return _workloads[name]


def cpu_now() -> float:
    """CPU seconds used so far by this process (to the microsecond) and the children it reaped."""
    children = os.times()  # counts in clock ticks (10 ms): fine for children, coarse for us
    return time.process_time() + children.children_user + children.children_system


def cpu_seconds(fn: Callable[[], object], repeat: int = 3, enough: float = 1.0) -> float:
    """The least CPU time of up to `repeat` calls of fn, stopping once `enough` seconds are spent."""
    best, spent = float("inf"), 0.0
    for _ in range(repeat):
        start = cpu_now()
        fn()
        took = cpu_now() - start
        best, spent = min(best, took), spent + took
        if spent >= enough:
            break
    return best


class OverBudget(BaseException):
    """The candidate used more CPU time than the scale test allows.

    A BaseException, like KeyboardInterrupt, so an `except Exception` inside the candidate's
    code (or a library it calls) cannot swallow it.
    """


@contextlib.contextmanager
def cpu_limit(seconds: float) -> Iterator[None]:
    """Raise OverBudget inside the block once it has used `seconds` of CPU (POSIX main thread)."""
    if (
        not hasattr(signal, "ITIMER_PROF")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def stop(signum, frame):
        raise OverBudget

    previous = signal.signal(signal.SIGPROF, stop)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def assert_scales(
    candidate: Callable[[], object],
    reference: Callable[[], object],
    factor: float,
    what: str,
    advice: str,
) -> None:
    """Fail when candidate needs more than `factor` times the CPU of the reference.

    `what` names the workload (and keys the calibration, measured once per kernel);
    `advice` says what to change, in this exercise's terms.
    """
    if what not in _calibrations:
        _calibrations[what] = cpu_seconds(reference)
    budget = factor * _calibrations[what] + 0.05
    start = cpu_now()
    try:
        with cpu_limit(budget):
            candidate()
    except OverBudget:
        took = f"more than {max(cpu_now() - start, budget):.2f} s of CPU (stopped there)"
    else:
        used = cpu_now() - start
        if used <= budget:
            return
        took = f"{used:.2f} s of CPU"
    raise AssertionError(
        f"too slow: {what} took {took}; the limit is {budget:.2f} s of CPU, {factor:g}x a "
        f"reference solution measured just now on this machine. {advice}"
    )
