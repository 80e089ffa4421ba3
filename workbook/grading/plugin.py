"""pytest plugin: grade notebooks by running the learner's cells, then each hidden test, via nbval."""

import os
from pathlib import Path

import pytest
from nbval.plugin import IPyNbFile

from workbook import catalog, integrity, markers, metadata, notebook_file
from workbook.escape import printable
from workbook.grading import bounds, hidden
from workbook.grading.items import HiddenTest, VisibleChecks
from workbook.grading.kernel import CellRun, NotebookKernel
from workbook.grading.record import VISIBLE_CHECKS, Recorder
from workbook.paths import Layout


def pytest_addoption(parser):
    group = parser.getgroup("workbook", "Spotify interview workbook")
    group.addoption(
        "--grade",
        action="store_true",
        dest="workbook_grade",
        help="grade .ipynb files: learner cells, then the exercise's hidden tests",
    )
    group.addoption(
        "--cell-timeout",
        type=float,
        default=10.0,
        dest="workbook_cell_timeout",
        help="CPU seconds one cell or hidden test may use (default 10)",
    )
    group.addoption(
        "--notebook-timeout",
        type=float,
        default=60.0,
        dest="workbook_notebook_timeout",
        help="CPU seconds a whole notebook may use, hidden tests included (default 60)",
    )
    group.addoption(
        "--memory",
        type=float,
        default=4.0,
        dest="workbook_memory",
        help="GiB of memory a notebook's kernel may allocate (default 4)",
    )
    group.addoption(
        "--hidden-tests",
        default=None,
        dest="workbook_hidden_tests",
        help="folder of hidden-test modules (default tests/hidden of the workbook)",
    )
    group.addoption(
        "--results-file",
        default=None,
        dest="workbook_results",
        help="where results are appended as JSON lines (default .workbook/results.jsonl; "
        "'none' to skip)",
    )


def pytest_configure(config):
    if not config.option.workbook_grade:
        return
    if getattr(config.option, "nbval", False) or getattr(config.option, "nbval_lax", False):
        raise pytest.UsageError(
            "--grade runs notebooks itself; do not combine it with --nbval/--nbval-lax"
        )
    config.pluginmanager.register(Recorder(config), "workbook-recorder")
    os.environ.update(bounds.grading_environment(config.option.workbook_memory))
    bounds.become_subreaper()


def pytest_collect_file(file_path, parent):
    if parent.config.option.workbook_grade and file_path.suffix == ".ipynb":
        return GradedNotebook.from_parent(parent, path=file_path)
    return None


class NotebookError(Exception):
    """The notebook cannot be graded; the message says why."""


def failure_line(run: CellRun) -> str:
    return printable(f"{run.ename}: {run.evalue}".split("\n", 1)[0])


def memory_reason(run: CellRun) -> CellRun:
    """A learner cell's MemoryError, said in terms of the grading cap."""
    if run.ename == "MemoryError":
        run.evalue = bounds.memory_message()
    return run


class GradedNotebook(IPyNbFile):
    """nbval's notebook collector, reading the file once and yielding one item per hidden test."""

    def collect(self):
        path = Path(self.path)
        try:
            self.original_bytes = path.read_bytes()
            self.nb = notebook_file.read(path)
            self.exercise_id = hidden.notebook_exercise_id(self.nb, path)
            folder = self.config.option.workbook_hidden_tests or Layout().hidden_tests
            self.hidden_path, names = hidden.hidden_module(self.exercise_id, Path(folder).resolve())
            self.exports = exported_names(self.exercise_id)
            self.depends_on = integrity.depends_on(Layout(), self.exercise_id)
            self.damaged_before = integrity.problems(Layout(), self.depends_on)
        except (
            notebook_file.NotebookFileError,
            hidden.NoHiddenTests,
            metadata.MetadataError,
        ) as error:
            raise NotebookError(str(error)) from None
        self.checks_cells = [
            n
            for n, c in enumerate(notebook_file.code_cells(self.nb), 1)
            if markers.has_marker(c, markers.CHECKS)
        ]
        items = [VisibleChecks.from_parent(self, name=VISIBLE_CHECKS)] if self.checks_cells else []
        items += [HiddenTest.from_parent(self, name=name) for name in names]
        self.last_item = items[-1] if items else None
        yield from items

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, NotebookError):
            return f"NotebookError: {excinfo.value}"
        return super().repr_failure(excinfo)

    def setup(self):
        option = self.config.option
        self.kernel = NotebookKernel(
            str(Path(self.path).parent),
            option.workbook_cell_timeout,
            option.workbook_notebook_timeout,
            prelude=bounds.memory_limit_source(option.workbook_memory),
        )
        self.learner_cells = [
            (n, c.source) for n, c in enumerate(notebook_file.code_cells(self.nb), 1)
        ]
        self.labels: dict[int, str] = {}
        self.learner_runs: dict[int, CellRun] = {}
        for number, source in self.learner_cells:
            run = memory_reason(self.kernel.run(source))
            self.learner_runs[number] = run
            self._label(run, number)
            if run.needs_new_kernel:
                self.restart()

    def _label(self, run: CellRun, number: int) -> None:
        if run.execution_count is not None:
            self.labels[run.execution_count] = f"code cell {number}"

    def restart(self) -> None:
        """A fresh kernel with the learner's cells that ran cleanly run again."""
        self.kernel.replace()
        self.labels.clear()
        for number, source in self.learner_cells:
            if number in self.learner_runs and self.learner_runs[number].ok:
                self._label(self.kernel.run(source), number)

    def earlier_failures(self) -> list[str]:
        """Learner cells that failed, except the visible checks (they have their own row)."""
        return [
            f"code cell {n}: {failure_line(run)}"
            for n, run in self.learner_runs.items()
            if not run.ok and n not in self.checks_cells
        ]

    def teardown(self):
        kernel = getattr(self, "kernel", None)
        if kernel is not None:
            kernel.stop()
        bounds.end_descendants()  # whatever the learner's code started, setsid or not
        if self.last_item is not None:
            self.last_item.user_properties.append(("warnings", self.side_effects()))

    def side_effects(self) -> list[str]:
        """Files the grade depends on that differ from the workbook's, and who changed them."""
        found = [f"before grading, {p}" for p in self.damaged_before]
        found += [
            f"your code changed a file while it was graded: {p}"
            for p in integrity.problems(Layout(), self.depends_on)
            if p not in self.damaged_before
        ]
        if Path(self.path).read_bytes() != self.original_bytes:
            found.append(
                f"your code wrote to {Path(self.path).name} while it was graded; this grade is of "
                "the version saved before grading started"
            )
        return found


def exported_names(exercise_id: str) -> tuple[str, ...] | None:
    """The names an exercise's contract exports, or None (every name) without a solution."""
    layout = Layout()
    if not layout.solution(exercise_id).exists():
        return None
    return catalog.exercise(layout, exercise_id).exports or None
