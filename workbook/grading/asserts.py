"""Assertions for hidden tests: messages show the input, the expected and the actual value."""

import copy
import inspect
import random
from collections.abc import Callable

from workbook.compare import Tolerance, difference, type_name
from workbook.preview import preview

STRICT = Tolerance()


def call_text(fn: Callable, args: tuple, kwargs: dict) -> str:
    """`name(a, b, k=1)` with long arguments shortened."""
    name = getattr(fn, "__name__", "the function")
    shown = [_short(a) for a in args] + [f"{k}={_short(v)}" for k, v in kwargs.items()]
    return f"{name}({', '.join(shown)})"


def inputs_text(fn: Callable, args: tuple, kwargs: dict) -> str:
    """One line per argument, named as the function's signature names it."""
    named = _named_arguments(fn, args, kwargs)
    return "\n".join(f"  {name} = {preview(value)}" for name, value in named.items())


def assert_returns(expected, fn: Callable, *args, tol: Tolerance = STRICT, **kwargs) -> None:
    """Call fn(*args, **kwargs): fail unless it returns `expected` (exact types) without
    modifying its arguments. The message shows the input, both values and the first difference."""
    before = copy.deepcopy((args, kwargs))
    actual = fn(*args, **kwargs)
    found = difference(actual, expected, tol)
    if found:
        raise AssertionError(_message(fn, args, kwargs, expected, actual, found))
    assert_unmodified(fn, before, (args, kwargs))


def assert_unmodified(fn: Callable, before: tuple, after: tuple) -> None:
    """Fail, naming the argument and the first changed element, if a call changed its input."""
    (args_before, kwargs_before), (args_after, kwargs_after) = before, after
    names = _positional_names(fn, len(args_after)) + list(kwargs_after)
    pairs = list(zip(args_before, args_after, strict=True))
    pairs += [(kwargs_before[k], kwargs_after[k]) for k in kwargs_after]
    for name, (old, new) in zip(names, pairs, strict=True):
        if _random_source(old):
            continue  # drawing from a generator advances it: that is its use, not a mutation
        changed = difference(new, old)
        if changed:
            raise AssertionError(
                f"{call_text(fn, args_before, kwargs_before)} modified its input `{name}`: "
                f"{changed.replace('expected', 'it was').replace(', got', ', it became')}. "
                "The contract says inputs are not modified: work on a copy."
            )


def _random_source(value) -> bool:
    """A random number generator passed in to be drawn from (random.Random, numpy's)."""
    return isinstance(value, random.Random) or type(value).__module__.startswith("numpy.random")


def fail_if(problem: str | None, fn: Callable, args: tuple, expected: str, actual: str) -> None:
    """Fail when `problem` is set, with the call, its named inputs, what was expected and what
    came back: for checks no single expected value can express (any shortest path, any cycle)."""
    if problem:
        raise AssertionError(
            f"{call_text(fn, args, {})}: {problem}\n"
            f"input:\n{inputs_text(fn, args, {})}\n"
            f"expected: {expected}\nactual:   {actual}"
        )


def assert_equal(actual, expected, call: str, tol: Tolerance = STRICT, given: dict | None = None):
    """Fail with the call, the inputs in `given`, both values and the first difference."""
    found = difference(actual, expected, tol)
    if found:
        inputs = "\n".join(f"  {k} = {preview(v)}" for k, v in (given or {}).items())
        raise AssertionError(
            f"{call} returned a wrong value\n"
            + (f"input:\n{inputs}\n" if inputs else "")
            + f"expected: {preview(expected)}\nactual:   {preview(actual)}\n"
            + f"first difference: {found}"
        )


def assert_type(value, expected_type: type | tuple[type, ...], call: str) -> None:
    """Fail unless type(value) is exactly the promised type (a bool is not an int)."""
    allowed = expected_type if isinstance(expected_type, tuple) else (expected_type,)
    if type(value) not in allowed:
        names = " or ".join(t.__name__ for t in allowed)
        raise AssertionError(
            f"{call} returned a {type_name(value)} {preview(value, 120)}; the contract says {names}"
        )


def assert_raises(error: type[BaseException], fn: Callable, *args, match: str = "", **kwargs):
    """Fail unless fn(*args, **kwargs) raises `error` whose message contains `match`."""
    try:
        result = fn(*args, **kwargs)
    except Exception as raised:
        if isinstance(raised, NotImplementedError) and error is not NotImplementedError:
            raise  # the stub (a RuntimeError too): reported as "not implemented"
        if not isinstance(raised, error):
            raise AssertionError(
                f"{call_text(fn, args, kwargs)} must raise {error.__name__}; it raised "
                f"{type(raised).__name__}: {raised}"
            ) from raised
        if match and match not in str(raised):
            raise AssertionError(
                f"{call_text(fn, args, kwargs)} raised {type(raised).__name__}({str(raised)!r}); "
                f"the message must name {match!r}"
            ) from None
        return
    raise AssertionError(
        f"{call_text(fn, args, kwargs)} must raise {error.__name__}; it returned {preview(result)}"
        f"\ninput:\n{inputs_text(fn, args, kwargs)}"
    )


def _message(fn, args, kwargs, expected, actual, found) -> str:
    return (
        f"{call_text(fn, args, kwargs)} returned a wrong value\n"
        f"input:\n{inputs_text(fn, args, kwargs)}\n"
        f"expected: {preview(expected)}\nactual:   {preview(actual)}\n"
        f"first difference: {found}"
    )


def _named_arguments(fn: Callable, args: tuple, kwargs: dict) -> dict:
    try:
        bound = inspect.signature(fn).bind(*args, **kwargs)
    except (TypeError, ValueError):
        return {**{f"argument {i + 1}": a for i, a in enumerate(args)}, **kwargs}
    return dict(bound.arguments)


def _positional_names(fn: Callable, count: int) -> list[str]:
    try:
        parameters = list(inspect.signature(fn).parameters)
    except (TypeError, ValueError):
        parameters = []
    return [parameters[i] if i < len(parameters) else f"argument {i + 1}" for i in range(count)]


def _short(value) -> str:
    return preview(value, 60).split("\n", 1)[0]
