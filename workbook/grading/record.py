"""Collect hidden-test outcomes per notebook, print a short report and append to the results file."""

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from workbook import results
from workbook.escape import printable
from workbook.paths import Layout

PASSED, FAILED, NOT_IMPLEMENTED = "passed", "failed", "not implemented"
VISIBLE_CHECKS = "visible_checks"  # the row of the notebook's own checks cells
WORKER_LINE = re.compile(r"^\[gw\d+\] .*\n")  # pytest-xdist's prefix on a worker's failure


def reason(report) -> str:
    """The failure text as the plugin wrote it."""
    return WORKER_LINE.sub("", report.longreprtext).strip()


def classify(report) -> str:
    if report.passed:
        return PASSED
    return NOT_IMPLEMENTED if reason(report).startswith("NotImplementedError") else FAILED


@dataclass
class NotebookResult:
    notebook: str
    exercise: str = ""
    path: str = ""  # absolute, so progress can tell a learner's notebook from a solution
    tests: dict[str, str] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)
    cell_errors: list[str] = field(default_factory=list)
    attempt: dict | None = None
    error: str = ""
    warnings: list[str] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(o == outcome for o in self.tests.values())

    def untouched(self) -> bool:
        return untouched(self.tests)

    def as_record(self) -> dict:
        attempt = None
        if self.attempt:  # a timed mock interview: how long it took against its budget
            elapsed = (time.time() - self.attempt["started"]) / 60
            attempt = {
                **self.attempt,
                "elapsed_minutes": round(elapsed, 1),
                "within_budget": elapsed <= self.attempt["minutes"],
            }
        return {
            "attempt": attempt,
            "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "unix": time.time(),
            "exercise": self.exercise,
            "notebook": self.notebook,
            "path": self.path,
            "total": len(self.tests),
            "passed": self.count(PASSED),
            "failed": self.count(FAILED),
            "not_implemented": self.count(NOT_IMPLEMENTED),
            "tests": self.tests,
            "reasons": {n: printable(t.split("\n", 1)[0]) for n, t in self.reasons.items()},
            "cell_errors": [printable(e) for e in self.cell_errors],
            "warnings": [printable(w) for w in self.warnings],
        }


def untouched(tests: dict[str, str]) -> bool:
    """Every row says not implemented: the learner has not started."""
    return bool(tests) and all(o == NOT_IMPLEMENTED for o in tests.values())


def _hidden_count(tests: dict[str, str]) -> int:
    return sum(name != VISIBLE_CHECKS for name in tests)


def passed_summary(tests: dict[str, str]) -> str:
    """`12 of 14 passed (the visible checks and 13 hidden tests)`."""
    passed = sum(o == PASSED for o in tests.values())
    if VISIBLE_CHECKS not in tests:
        return f"{passed} of {len(tests)} hidden tests passed"
    return f"{passed} of {len(tests)} passed (the visible checks and {_hidden_count(tests)} hidden tests)"


def untouched_summary(tests: dict[str, str]) -> str:
    """One line for a notebook whose answers are all still the stub."""
    return (
        f"the stub raises NotImplementedError, so all {_hidden_count(tests)} hidden tests"
        + (" and the visible checks" if VISIBLE_CHECKS in tests else "")
        + " are waiting for your code"
    )


class Recorder:
    """A pytest plugin object registered by the grading plugin when --grade is given."""

    def __init__(self, config):
        self.config = config
        self.results: dict[str, NotebookResult] = {}
        self.records: list[dict] = []  # this run's records, once the session has finished
        self.started = time.monotonic()

    def _result(self, nodeid: str) -> NotebookResult:
        notebook = nodeid.split("::", 1)[0]
        return self.results.setdefault(notebook, NotebookResult(notebook))

    def pytest_collectreport(self, report):
        if report.failed and report.nodeid.endswith(".ipynb"):
            self._result(report.nodeid).error = reason(report)

    def pytest_runtest_logreport(self, report):
        warnings = dict(report.user_properties).get("warnings")
        if report.when == "teardown" and warnings:
            self._result(report.nodeid).warnings = warnings
        if report.when == "call" or (report.when == "setup" and report.failed):
            result = self._result(report.nodeid)
            name = report.nodeid.split("::", 1)[1]
            properties = dict(report.user_properties)
            result.exercise = properties.get("exercise", result.exercise)
            result.path = properties.get("path", result.path)
            result.cell_errors = properties.get("cell_errors", result.cell_errors)
            result.attempt = properties.get("attempt", result.attempt)
            result.tests[name] = classify(report)
            if not report.passed:
                result.reasons[name] = reason(report)

    def pytest_sessionfinish(self, session):
        if hasattr(self.config, "workerinput"):
            return  # xdist workers report to the controller, which records
        self.records = [r.as_record() for r in self.results.values() if r.tests]
        target = self.config.option.workbook_results
        if target != "none":
            results.append(Path(target) if target else Layout().results_file, self.records)

    def pytest_terminal_summary(self, terminalreporter):
        def write(line: str) -> None:
            terminalreporter.write_line(printable(line))

        write("")
        for result in sorted(self.results.values(), key=lambda r: r.notebook):
            write(f"{result.notebook}  ({result.exercise or 'not graded'})")
            if result.error:
                write("  " + result.error.replace("\n", "\n  "))
                continue
            if result.untouched():
                write(f"  not attempted yet: {untouched_summary(result.tests)}")
                continue
            for name, outcome in result.tests.items():
                reason = result.reasons.get(name, "").split("\n", 1)[0]
                write(f"  {outcome:>15}  {name}" + (f"  ({reason})" if outcome == FAILED else ""))
            first_failure = next((n for n, o in result.tests.items() if o == FAILED), None)
            if first_failure:
                write(f"  first failure in full, {first_failure}:")
                write("    " + result.reasons[first_failure].replace("\n", "\n    "))
            for problem in result.cell_errors:
                write(f"  your notebook's {problem}")
            for warning in result.warnings:
                write(f"  warning: {warning}")
            write(f"  {passed_summary(result.tests)}")
        if self.results:
            write(
                f"graded {len(self.results)} notebook(s) in {time.monotonic() - self.started:.1f} s"
            )
