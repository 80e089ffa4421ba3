"""The rows of a notebook's grade: its visible checks, then one per hidden test."""

from pathlib import Path

import pytest

from workbook.escape import printable
from workbook.grading import hidden
from workbook.grading.kernel import CellRun


class HiddenTestFailed(Exception):
    def __init__(self, run: CellRun):
        super().__init__(run.evalue)
        self.run = run


class GradedItem(pytest.Item):
    """One row of a notebook's grade, tagged with its exercise (and mock attempt, if any)."""

    def __init__(self, *, parent, name, **kwargs):
        super().__init__(name=name, parent=parent, **kwargs)
        self.user_properties.append(("exercise", parent.exercise_id))
        self.user_properties.append(("path", str(Path(parent.path).resolve())))
        attempt = parent.nb.metadata.get("workbook", {}).get("attempt")
        if attempt:
            self.user_properties.append(("attempt", attempt))

    def reportinfo(self):
        return self.path, None, f"{self.parent.exercise_id}::{self.name}"

    def repr_failure(self, excinfo, style=None):
        if not isinstance(excinfo.value, HiddenTestFailed):
            return printable(str(super().repr_failure(excinfo)))
        run = excinfo.value.run
        return printable(self.exprintable(run))

    def exprintable(self, run: CellRun) -> str:
        """The failure as the learner reads it: `ExceptionType: message` first."""
        return f"{run.ename}: {run.evalue}"


class VisibleChecks(GradedItem):
    """The notebook's own `#| checks` cells, counted in the grade: they ran with the learner's."""

    def runtest(self):
        notebook = self.parent  # the GradedNotebook that collected this row
        for number in notebook.checks_cells:
            run = notebook.learner_runs[number]
            if not run.ok:
                raise HiddenTestFailed(run)


class HiddenTest(GradedItem):
    """One hidden test function, run as a generated cell after the learner's cells."""

    def runtest(self):
        notebook = self.parent  # the GradedNotebook that collected this row
        self.user_properties.append(("cell_errors", notebook.earlier_failures()))
        run = notebook.kernel.run(
            hidden.test_cell_source(
                notebook.hidden_path, self.name, notebook.labels, notebook.exports
            )
        )
        if run.needs_new_kernel:
            notebook.restart()
        if not run.ok:
            raise HiddenTestFailed(run)

    def exprintable(self, run: CellRun) -> str:
        text = run.evalue if run.ename == "HiddenTestFailure" else f"{run.ename}: {run.evalue}"
        earlier = self.parent.earlier_failures()
        if earlier:
            text += (
                "\nCells of your notebook that failed before the hidden tests ran "
                "(this failure may come from them):\n  " + "\n  ".join(earlier)
            )
        return text
