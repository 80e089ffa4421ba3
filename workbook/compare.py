"""Equality with tolerance for the values exercises return: numbers, containers, arrays, frames."""

import math
from dataclasses import dataclass

REL_TOL = 1e-9
ABS_TOL = 1e-9


@dataclass(frozen=True)
class Tolerance:
    """How close two floats must be to count as equal."""

    rel: float = REL_TOL
    abs: float = ABS_TOL


def _module(value) -> str:
    return type(value).__module__.split(".")[0]


def difference(actual, expected, tol: Tolerance = Tolerance(), where: str = "") -> str | None:
    """None when equal within tolerance, else one sentence saying where they differ."""
    at = f" at {where}" if where else ""
    if _module(expected) == "pandas" or _module(actual) == "pandas":
        return _pandas_difference(actual, expected, tol, at)
    if _module(expected) == "numpy" and hasattr(expected, "shape"):
        return _array_difference(actual, expected, tol, at)
    if isinstance(expected, bool) or expected is None or isinstance(expected, str):
        if type(actual) is not type(expected) or actual != expected:
            return f"expected {expected!r}, got {actual!r}{at}"
        return None
    if isinstance(expected, int | float) and not isinstance(expected, bool):
        return _number_difference(actual, expected, tol, at)
    if isinstance(expected, dict):
        return _dict_difference(actual, expected, tol, where)
    if isinstance(expected, list | tuple):
        return _sequence_difference(actual, expected, tol, where)
    return None if actual == expected else f"expected {expected!r}, got {actual!r}{at}"


def _number_difference(actual, expected, tol, at):
    is_number = isinstance(actual, int | float) or (
        _module(actual) == "numpy" and getattr(actual, "shape", None) == ()
    )
    if not is_number or isinstance(actual, bool):
        return f"expected a number {expected!r}, got {type(actual).__name__} {actual!r}{at}"
    if isinstance(expected, int) and isinstance(actual, int):
        return None if actual == expected else f"expected {expected!r}, got {actual!r}{at}"
    if math.isnan(expected) and math.isnan(actual):
        return None
    if math.isclose(actual, expected, rel_tol=tol.rel, abs_tol=tol.abs):
        return None
    return f"expected {expected!r}, got {actual!r}{at}"


def _dict_difference(actual, expected, tol, where):
    if not isinstance(actual, dict):
        return f"expected a dict, got {type(actual).__name__} {actual!r}"
    missing, extra = expected.keys() - actual.keys(), actual.keys() - expected.keys()
    if missing or extra:
        parts = [f"missing keys {sorted(missing, key=repr)}"] if missing else []
        parts += [f"unexpected keys {sorted(extra, key=repr)}"] if extra else []
        return ", ".join(parts) + (f" at {where}" if where else "")
    for key in expected:
        found = difference(actual[key], expected[key], tol, f"{where}[{key!r}]")
        if found:
            return found
    return None


def _sequence_difference(actual, expected, tol, where):
    kind = type(expected).__name__
    if type(actual) is not type(expected):
        return f"expected a {kind}, got {type(actual).__name__} {actual!r}"
    if len(actual) != len(expected):
        return f"expected {len(expected)} items, got {len(actual)}: {actual!r}"
    for index, (a, e) in enumerate(zip(actual, expected, strict=True)):
        found = difference(a, e, tol, f"{where}[{index}]")
        if found:
            return found
    return None


def _array_difference(actual, expected, tol, at):
    import numpy as np

    if not isinstance(actual, np.ndarray):
        return f"expected a numpy array, got {type(actual).__name__}{at}"
    if actual.shape != expected.shape:
        return f"expected shape {expected.shape}, got {actual.shape}{at}"
    if np.issubdtype(expected.dtype, np.number) and np.issubdtype(actual.dtype, np.number):
        close = np.isclose(actual, expected, rtol=tol.rel, atol=tol.abs, equal_nan=True)
    else:
        close = actual == expected
    if np.all(close):
        return None
    first = tuple(int(i) for i in np.argwhere(~close)[0])
    return f"arrays differ{at} first at index {first}: expected {expected[first]!r}, got {actual[first]!r}"


def _pandas_difference(actual, expected, tol, at):
    import pandas as pd

    if type(actual) is not type(expected):
        return f"expected a {type(expected).__name__}, got {type(actual).__name__}{at}"
    assert_equal = {
        pd.DataFrame: pd.testing.assert_frame_equal,
        pd.Series: pd.testing.assert_series_equal,
    }.get(type(expected))
    if assert_equal is None:
        return None if actual.equals(expected) else f"expected {expected!r}, got {actual!r}{at}"
    try:
        assert_equal(
            actual, expected, check_exact=False, check_dtype=False, rtol=tol.rel, atol=tol.abs
        )
    except AssertionError as error:
        return f"{type(expected).__name__}s differ{at}: " + " ".join(str(error).split())
    return None
