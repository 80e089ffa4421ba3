"""Assertions for hidden tests, with messages that show the call, the expectation and the answer."""

import time
from collections.abc import Callable

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


def seconds(fn: Callable[[], object], repeat: int = 1) -> float:
    """The least CPU time of `repeat` calls of fn.

    CPU time of this process, not wall time: other work on a busy machine (parallel CI,
    other kernels) slows the wall clock of both sides unevenly but barely changes CPU time.
    """
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def assert_scales(
    candidate: Callable[[], object], reference: Callable[[], object], factor: float, what: str
) -> None:
    """Fail when candidate takes more than `factor` times the reference measured in this run."""
    budget = factor * seconds(reference, repeat=3) + 0.05
    took = seconds(candidate)
    if took > budget:
        raise AssertionError(
            f"{what} took {took:.2f} s of CPU; the limit on this machine is {budget:.2f} s "
            f"({factor:g}x a reference solution measured just now). Look for a quadratic step."
        )


def _short(value, limit: int = 300) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
