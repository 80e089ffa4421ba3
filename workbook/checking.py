"""Visible checks: run a learner's function on a few cases and say passed, not attempted or failed."""

import copy
import enum
import html
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from workbook.compare import Tolerance, difference


class Outcome(enum.Enum):
    PASSED = "passed"
    NOT_ATTEMPTED = "not attempted"
    FAILED = "failed"


@dataclass(frozen=True)
class Raises:
    """Expect the call to raise this exception type."""

    exception: type[BaseException]

    def __repr__(self) -> str:
        return f"raises {self.exception.__name__}"


def raises(exception: type[BaseException]) -> Raises:
    """Use as a case's expected value when the call must raise `exception`."""
    return Raises(exception)


@dataclass(frozen=True)
class Case:
    """One visible check: call fn(*args, **kwargs) and expect `expected`."""

    args: tuple
    expected: object
    kwargs: dict = field(default_factory=dict)
    name: str = ""

    def call_text(self, fn_name: str) -> str:
        parts = [_short(a) for a in self.args] + [
            f"{k}={_short(v)}" for k, v in self.kwargs.items()
        ]
        return f"{fn_name}({', '.join(parts)})"


@dataclass
class CaseResult:
    case: Case
    outcome: Outcome
    detail: str = ""


@dataclass
class CheckReport:
    """The result of one check() call; renders as HTML in JupyterLab and as text elsewhere."""

    fn_name: str
    results: list[CaseResult]
    hidden_tests: int | None

    @property
    def outcome(self) -> Outcome:
        outcomes = {r.outcome for r in self.results}
        for outcome in (Outcome.FAILED, Outcome.NOT_ATTEMPTED):
            if outcome in outcomes:
                return outcome
        return Outcome.PASSED

    def summary(self) -> str:
        n = len(self.results)
        if self.outcome is Outcome.NOT_ATTEMPTED:
            return f"{self.fn_name}: not attempted yet (the stub raises NotImplementedError)."
        if self.outcome is Outcome.FAILED:
            failed = sum(r.outcome is Outcome.FAILED for r in self.results)
            return f"{self.fn_name}: {failed} of {n} visible checks failed."
        hidden = (
            f" {self.hidden_tests} hidden tests remain: grade the saved notebook with "
            "`workbook grade <this notebook>`."
            if self.hidden_tests
            else " Hidden tests remain: grade the saved notebook with `workbook grade`."
        )
        return f"{self.fn_name}: all {n} visible checks passed.{hidden}"

    def __repr__(self) -> str:
        lines = [self.summary()]
        for r in self.results:
            lines.append(
                f"  {r.outcome.value:>13}  {r.case.name}" + (f": {r.detail}" if r.detail else "")
            )
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        colour = {
            Outcome.PASSED: "#1db954",
            Outcome.NOT_ATTEMPTED: "#8a8a8a",
            Outcome.FAILED: "#e22134",
        }
        rows = "".join(
            f"<tr><td style='color:{colour[r.outcome]};font-weight:bold'>{r.outcome.value}</td>"
            f"<td>{html.escape(r.case.name)}</td><td><code>{html.escape(r.detail)}</code></td></tr>"
            for r in self.results
        )
        return (
            f"<div><p style='color:{colour[self.outcome]};font-weight:bold'>"
            f"{html.escape(self.summary())}</p><table>{rows}</table></div>"
        )


def _short(value, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def as_case(raw, index: int, fn_name: str) -> Case:
    """Accept Case objects or (args, expected) pairs."""
    if isinstance(raw, Case):
        case = raw
    else:
        args, expected = raw
        case = Case(
            args=tuple(args) if isinstance(args, list | tuple) else (args,), expected=expected
        )
    if not case.name:
        case = Case(
            case.args, case.expected, case.kwargs, f"case {index}: {case.call_text(fn_name)}"
        )
    return case


def _equality_is_meaningful(value) -> bool:
    return difference(copy.deepcopy(value), value) is None


def run_case(fn: Callable, case: Case, tol: Tolerance) -> CaseResult:
    """Call fn on copies of the case's arguments and judge the result."""
    pristine = copy.deepcopy((case.args, case.kwargs))
    args, kwargs = copy.deepcopy(pristine)
    try:
        actual = fn(*args, **kwargs)
    except NotImplementedError:
        return CaseResult(case, Outcome.NOT_ATTEMPTED)
    except Exception as error:
        if isinstance(case.expected, Raises) and isinstance(error, case.expected.exception):
            return CaseResult(case, Outcome.PASSED)
        return CaseResult(case, Outcome.FAILED, f"raised {type(error).__name__}: {error}")
    if isinstance(case.expected, Raises):
        return CaseResult(
            case, Outcome.FAILED, f"expected {case.expected!r}, returned {_short(actual)}"
        )
    found = difference(actual, case.expected, tol)
    if found:
        return CaseResult(case, Outcome.FAILED, found)
    for position, (given, before) in enumerate(zip(args, pristine[0], strict=True)):
        if _equality_is_meaningful(before) and difference(given, before, tol):
            return CaseResult(
                case, Outcome.FAILED, f"argument {position + 1} was modified in place"
            )
    return CaseResult(case, Outcome.PASSED)


def _show(report: CheckReport) -> None:
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:
        print(repr(report))
        return
    if get_ipython() is None:
        print(repr(report))
    else:
        display(report)


def check(
    fn: Callable,
    cases: Iterable,
    *,
    rel_tol: float = 1e-9,
    abs_tol: float = 1e-9,
    hidden_tests: int | None = None,
) -> Outcome:
    """Run visible cases against fn; raise AssertionError naming the first failing case."""
    if not callable(fn):
        raise TypeError(f"check() needs the function itself, got {type(fn).__name__}")
    name = getattr(fn, "__name__", repr(fn))
    tol = Tolerance(rel_tol, abs_tol)
    results = []
    for index, raw in enumerate(cases, start=1):
        result = run_case(fn, as_case(raw, index, name), tol)
        results.append(result)
        if result.outcome is Outcome.NOT_ATTEMPTED:
            break
    report = CheckReport(name, results, hidden_tests)
    _show(report)
    if report.outcome is Outcome.FAILED:
        failed = [r for r in results if r.outcome is Outcome.FAILED]
        raise AssertionError(
            f"{len(failed)} of {len(results)} visible checks of {name} failed:\n"
            + "\n".join(f"  {r.case.name}: {r.detail}" for r in failed)
        )
    return report.outcome
