"""Assertions for hidden tests, with messages that show the call, the expectation and the answer."""

import contextlib
import signal
import threading
import time
from collections.abc import Callable, Iterator

from workbook.compare import Tolerance, difference


def assert_equal(actual, expected, call: str, rel_tol: float = 1e-9, abs_tol: float = 1e-9) -> None:
    """Fail with `<call> returned X; expected Y (difference)` unless equal within tolerance."""
    found = difference(actual, expected, Tolerance(rel_tol, abs_tol))
    if found:
        detail = "" if found.startswith("expected ") and " at " not in found else f" ({found})"
        raise AssertionError(
            f"{call} returned {_short(actual)}; expected {_short(expected)}{detail}"
        )


def assert_type(value, expected_type, call: str) -> None:
    """Fail with a clear message when a call returns the wrong type."""
    if not isinstance(value, expected_type):
        names = getattr(expected_type, "__name__", str(expected_type))
        raise AssertionError(f"{call} returned a {type(value).__name__}; expected a {names}")


def assert_raises(error: type[BaseException], call: Callable[[], object], text: str) -> None:
    """Fail unless call() raises `error`; `text` shows the call as the learner would write it."""
    try:
        result = call()
    except error:
        return
    raise AssertionError(f"{text} must raise {error.__name__}; it returned {_short(result)}")


def cpu_seconds(fn: Callable[[], object], repeat: int = 3, enough: float = 1.0) -> float:
    """The least CPU time of up to `repeat` calls of fn, stopping once `enough` seconds are spent.

    CPU time of this process, not wall time: other work on a busy machine (parallel CI,
    other kernels) stretches the wall clock of both sides unevenly but barely changes CPU time.
    """
    best, spent = float("inf"), 0.0
    for _ in range(repeat):
        start = time.process_time()
        fn()
        took = time.process_time() - start
        best, spent = min(best, took), spent + took
        if spent >= enough:
            break
    return best


class OverBudget(Exception):
    """The candidate used more CPU time than the scale test allows."""


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
    candidate: Callable[[], object], reference: Callable[[], object], factor: float, what: str
) -> None:
    """Fail when candidate needs more than `factor` times the CPU of a reference measured now."""
    budget = factor * cpu_seconds(reference) + 0.05
    start = time.process_time()
    try:
        with cpu_limit(budget):
            candidate()
    except OverBudget:
        took = f"more than {time.process_time() - start:.2f} s of CPU (stopped there)"
    else:
        took = f"{time.process_time() - start:.2f} s of CPU"
        if time.process_time() - start <= budget:
            return
    raise AssertionError(
        f"{what} took {took}; the limit on this machine is {budget:.2f} s "
        f"({factor:g}x a reference solution measured just now). Look for a quadratic step "
        "or a Python loop where a vectorised operation would do."
    )


def _short(value, limit: int = 300) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
