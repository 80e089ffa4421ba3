"""Strict equality for the values exercises return: exact types first, then values with tolerance.

The type of the actual value is checked against the expected one before any of its methods
runs, so a learner's object with an `__eq__` that always says True, or a `bool` where an `int`
is promised, cannot pass. Floats compare within a tolerance; everything else exactly.
"""

import dataclasses
import math
from dataclasses import dataclass

from workbook.preview import preview

REL_TOL = 1e-9
ABS_TOL = 1e-9


@dataclass(frozen=True)
class Tolerance:
    """How close two floats must be to count as equal."""

    rel: float = REL_TOL
    abs: float = ABS_TOL


def _module(value) -> str:
    return type(value).__module__.split(".")[0]


def type_name(value) -> str:
    kind = type(value)
    module = kind.__module__
    return kind.__name__ if module in ("builtins", "__main__") else f"{module}.{kind.__name__}"


def _a(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


def difference(actual, expected, tol: Tolerance = Tolerance(), where: str = "") -> str | None:
    """None when equal within tolerance, else one sentence saying where they first differ."""
    at = f" at {where}" if where else ""
    if type(actual) is not type(expected):
        return (
            f"expected {_a(type_name(expected))}, got {_a(type_name(actual))}: "
            f"{preview(actual, 120)}{at}"
        )
    if _module(expected) == "pandas":
        return _pandas_difference(actual, expected, tol, at)
    if _module(expected) == "numpy" and getattr(expected, "ndim", 0) >= 1:
        return _array_difference(actual, expected, tol, at)
    if isinstance(expected, float) or (
        _module(expected) == "numpy" and getattr(expected, "ndim", None) == 0
    ):
        return _number_difference(actual, expected, tol, at)
    if isinstance(expected, dict):
        return _dict_difference(actual, expected, tol, where)
    if isinstance(expected, list | tuple):
        return _sequence_difference(actual, expected, tol, where)
    if isinstance(expected, set | frozenset):
        return _set_difference(actual, expected, at)
    if dataclasses.is_dataclass(expected):
        return _dataclass_difference(actual, expected, tol, where)
    if isinstance(expected, int | str | bytes | bytearray | type(None)) or type(expected) in (
        range,
        complex,
    ):
        return None if actual == expected else _differs(actual, expected, at)
    # Same type from a library (a Decimal, a datetime): its own __eq__ is trusted.
    return None if expected == actual else _differs(actual, expected, at)


def _differs(actual, expected, at: str) -> str:
    return f"expected {preview(expected, 120)}, got {preview(actual, 120)}{at}"


def _number_difference(actual, expected, tol, at):
    if math.isnan(expected) and math.isnan(actual):
        return None
    if math.isclose(actual, expected, rel_tol=tol.rel, abs_tol=tol.abs):
        return None
    return (
        f"expected {expected!r}, got {actual!r}{at} (tolerance: rel {tol.rel:g}, abs {tol.abs:g})"
    )


def _dict_difference(actual, expected, tol, where):
    missing = [k for k in expected if k not in actual]
    extra = [k for k in actual if k not in expected]
    if missing or extra:
        parts = [f"missing keys {preview(missing, 120)}"] if missing else []
        parts += [f"unexpected keys {preview(extra, 120)}"] if extra else []
        return ", ".join(parts) + (f" at {where}" if where else "")
    for key in expected:
        found = difference(actual[key], expected[key], tol, f"{where}[{key!r}]")
        if found:
            return found
    return None


def _sequence_difference(actual, expected, tol, where):
    for index, (a, e) in enumerate(zip(actual, expected, strict=False)):
        found = difference(a, e, tol, f"{where}[{index}]")
        if found:
            return found
    if len(actual) == len(expected):
        return None
    first = min(len(actual), len(expected))
    side, item = ("missing", expected[first]) if first < len(expected) else ("extra", actual[first])
    return (
        f"expected {len(expected)} items, got {len(actual)}; the first {side} item is at "
        f"{where}[{first}]: {preview(item, 120)}"
    )


def _set_difference(actual, expected, at):
    missing, extra = expected - actual, actual - expected
    if not (missing or extra):
        return None
    parts = [f"missing {preview(sorted(missing, key=repr), 120)}"] if missing else []
    parts += [f"unexpected {preview(sorted(extra, key=repr), 120)}"] if extra else []
    return ", ".join(parts) + at


def _dataclass_difference(actual, expected, tol, where):
    for item in dataclasses.fields(expected):
        found = difference(
            getattr(actual, item.name), getattr(expected, item.name), tol, f"{where}.{item.name}"
        )
        if found:
            return found
    return None


def _array_difference(actual, expected, tol, at):
    import numpy as np

    if actual.shape != expected.shape:
        return f"expected shape {expected.shape}, got {actual.shape}{at}"
    if actual.dtype.kind != expected.dtype.kind:
        return f"expected dtype {expected.dtype}, got {actual.dtype}{at}"
    if np.issubdtype(expected.dtype, np.number):
        close = np.isclose(actual, expected, rtol=tol.rel, atol=tol.abs, equal_nan=True)
    else:
        close = actual == expected
    if np.all(close):
        return None
    first = tuple(int(i) for i in np.argwhere(~close)[0])
    return f"arrays differ{at} first at index {first}: expected {expected[first]!r}, got {actual[first]!r}"


def _pandas_difference(actual, expected, tol, at):
    import pandas as pd

    check = {
        pd.DataFrame: pd.testing.assert_frame_equal,
        pd.Series: pd.testing.assert_series_equal,
        pd.Index: pd.testing.assert_index_equal,
    }.get(type(expected))
    if check is None:
        return None if expected.equals(actual) else _differs(actual, expected, at)
    options = {"check_exact": False, "rtol": tol.rel, "atol": tol.abs}
    if check is not pd.testing.assert_index_equal:
        options["check_dtype"] = True
        options["check_index_type"] = True  # a RangeIndex is promised, not just its values
    try:
        check(actual, expected, **options)
    except AssertionError as error:
        return f"{type(expected).__name__}s differ{at}: " + " ".join(str(error).split())
    return None
