"""Runs inside the grading kernel: executes one hidden test against the notebook's names."""

import ast
import functools
import traceback
from pathlib import Path

PACKAGE = str(Path(__file__).resolve().parent.parent)
REPLAY = (
    "The examples are fixed (derandomized), so the same input fails again: rerun with "
    "`workbook grade <notebook> -k {test}`."
)


class HiddenTestFailure(Exception):
    """A hidden test failed; the message starts with `ExceptionType: message`."""


@functools.lru_cache(maxsize=8)
def _compile(path: Path, mtime_ns: int):
    """The module's code, assertion-rewritten; cached per file version across a notebook's tests."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source, filename=str(path))
    try:  # pytest's rewriting gives bare `assert a == b` a message showing both sides
        from _pytest.assertion.rewrite import rewrite_asserts

        rewrite_asserts(tree, source.encode(), str(path))
    except ImportError:
        pass
    return compile(tree, str(path), "exec")


def _frame_label(filename: str, cells: dict[int, str]) -> str | None:
    try:
        from IPython import get_ipython

        count = get_ipython().compile._filename_map.get(filename)
    except AttributeError:
        count = None
    return cells.get(count, f"In [{count}]") if count is not None else None


def describe(error: BaseException, hidden_path: str, cells: dict[int, str]) -> str:
    """First line `ExceptionType: message`, then the frames in the hidden test and the notebook."""
    frames = traceback.extract_tb(error.__traceback__)[1:]  # drop this module's own frame
    first = "".join(traceback.format_exception_only(type(error), error)).strip()
    if isinstance(error, NameError) and frames and frames[-1].filename == hidden_path:
        first += (
            f". The notebook must define `{error.name}`: check the spelling and that the cell "
            "defining it runs without an error"
        )
    if isinstance(error, MemoryError):
        from workbook.grading.bounds import memory_message

        first = "MemoryError: " + memory_message()
    if "Failing test case:" in first or "Falsifying example:" in first:  # hypothesis, new and old
        first += "\n" + REPLAY.format(test=frames[0].name if frames else "<test>")
    lines = [first, "Traceback (hidden test, then your code):"]
    test_label = f"hidden test {Path(hidden_path).name}"
    for index, frame in enumerate(frames):
        label = test_label if frame.filename == hidden_path else _frame_label(frame.filename, cells)
        if frame.filename.startswith(PACKAGE) or (label is None and index != len(frames) - 1):
            continue  # the workbook's own helpers, or library internals between test and learner
        where = label or frame.filename
        lines.append(f"  {where}, line {frame.lineno}, in {frame.name}")
        if frame.line:
            lines.append(f"    {frame.line.strip()}")
    return "\n".join(lines)


def run(
    hidden_path: str,
    test_name: str,
    namespace: dict,
    cells: dict[int, str],
    exports: tuple[str, ...] | None = None,
) -> None:
    """Load the hidden-test module over the notebook's exported names and call one test.

    Only the names the contract exports are taken from the notebook: rebinding `np` or
    `check` in a learner's cell cannot change what a hidden test sees.
    """
    names = namespace if exports is None else exports
    module = {name: namespace[name] for name in names if name in namespace}
    module.update(__name__=f"hidden:{Path(hidden_path).stem}", __file__=hidden_path)
    path = Path(hidden_path)
    exec(_compile(path, path.stat().st_mtime_ns), module)
    try:
        module[test_name]()
    except Exception as error:
        _plain_tracebacks()
        raise HiddenTestFailure(describe(error, hidden_path, cells)) from None


def _plain_tracebacks() -> None:
    """The grader reads only the failure message; skip IPython's slow coloured traceback."""
    try:
        from IPython import get_ipython

        get_ipython().InteractiveTB.set_mode(mode="Minimal")
    except (ImportError, AttributeError):
        pass
