"""`workbook grade`: run the grading plugin over notebooks and folders."""

import contextlib
import importlib.util
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from workbook.grading import bounds
from workbook.grading.kernel import WALL_FACTOR


def markdown_summary(records: list[dict]) -> str:
    """A markdown table of graded notebooks, for a CI job summary."""
    rows = [
        "| exercise | notebook | passed | failed | not implemented | |",
        "|---|---|---|---|---|---|",
    ]
    for r in sorted(records, key=lambda r: r["exercise"]):
        mark = (
            "✅"
            if r["total"] and r["passed"] == r["total"]
            else ("⬜" if r["not_implemented"] == r["total"] else "❌")
        )
        rows.append(
            f"| {r['exercise']} | `{r['notebook']}` | {r['passed']}/{r['total']} | {r['failed']} | {r['not_implemented']} | {mark} |"
        )
    done = sum(r["total"] and r["passed"] == r["total"] for r in records)
    return "\n".join(
        [
            "### Hidden tests",
            "",
            *rows,
            "",
            f"{done} of {len(records)} notebooks pass every hidden test.",
        ]
    )


def notebooks_under(paths: list[str]) -> list[str]:
    """Notebook files named directly or found in the given folders (checkpoints excluded)."""
    found = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found += sorted(
                str(p) for p in path.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts
            )
        else:
            found.append(str(path))
    return found


@dataclass(frozen=True)
class GradeOptions:
    """How to grade: the limits, the reports, and which hidden tests."""

    cell_timeout: float = 10.0
    notebook_timeout: float = 60.0
    junitxml: str | None = None
    results_file: str | None = None
    jobs: int = 1
    select: str | None = None
    verbose: bool = False
    hidden_tests: str | None = None
    summary: str | None = None
    memory: float = 4.0
    run_timeout: float | None = None  # wall seconds for the whole run; None: from the budgets


def pytest_args(notebooks: list[str], options: GradeOptions) -> list[str]:
    """The pytest command line that grades these notebooks."""
    args = [
        *notebooks,
        "--grade",
        "-p",
        "no:cacheprovider",
        "--color=no",
        "-o",
        "addopts=",
        f"--cell-timeout={options.cell_timeout}",
        f"--notebook-timeout={options.notebook_timeout}",
        f"--memory={options.memory}",
        "-p",
        "workbook.fastimport",
        "-W",
        "ignore::pytest.PytestAssertRewriteWarning",
    ]
    quiet = ["-q", "--tb=no", "--no-header", "-p", "no:warnings", "-rN"]
    args += ["-v", "--tb=long"] if options.verbose else quiet
    for flag, value in (
        ("--junitxml", options.junitxml),
        ("--results-file", options.results_file),
        ("--hidden-tests", options.hidden_tests),
    ):
        if value:
            args.append(f"{flag}={value}")
    if options.select:
        args += ["-k", options.select]
    if options.jobs > 1 and len(notebooks) > 1:
        args += ["-n", str(min(options.jobs, len(notebooks))), "--dist", "loadfile"]
    return args


def overall_deadline(notebooks: int, options: GradeOptions) -> float:
    """Wall seconds the whole run may take: every notebook's wall-clock net, plus start-up."""
    rounds = -(-notebooks // max(1, options.jobs))
    return rounds * (WALL_FACTOR * options.notebook_timeout + 30) + 60


def grade(paths: list[str], options: GradeOptions) -> int:
    """Grade notebooks; the exit status is non-zero when any hidden test fails."""
    notebooks = notebooks_under(paths)
    missing = [n for n in notebooks if not Path(n).exists()]
    if missing or not notebooks:
        print("workbook grade: no such notebook: " + (", ".join(missing) or " ".join(paths)))
        return 4
    if options.jobs > 1 and importlib.util.find_spec("xdist") is None:
        print("workbook grade: --jobs needs pytest-xdist (pip install -e '.[dev]')")
        return 4
    args = pytest_args(notebooks, options)
    bounds.start_watchdog(options.run_timeout or overall_deadline(len(notebooks), options))
    if options.summary == "markdown":
        return grade_with_summary(args)
    return int(pytest.main(args))


def grade_with_summary(args: list[str]) -> int:
    """Grade with pytest's report on stderr and only the markdown table on stdout."""
    finished = FinishedRecords()
    with contextlib.redirect_stdout(sys.stderr):
        status = int(pytest.main(args, plugins=[finished]))
    print(markdown_summary(finished.records))
    return status


class FinishedRecords:
    """Collects this run's records from the grading plugin's recorder when the session ends."""

    def __init__(self) -> None:
        self.records: list[dict] = []

    @pytest.hookimpl(trylast=True)  # after the recorder has built its records
    def pytest_sessionfinish(self, session):
        recorder = session.config.pluginmanager.get_plugin("workbook-recorder")
        self.records = recorder.records if recorder else []
