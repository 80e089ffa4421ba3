"""The handle a notebook uses for its own exercise: visible checks with the hidden-test count."""

import ast
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from workbook.checking import Outcome, check
from workbook.paths import Layout
from workbook.results import record_check
from workbook.submission import (
    COUNT_CHECKS,
    GRADING,
    Submission,
    grade_saved,
    notebook_in_this_kernel,
)


def hidden_test_names(source: str) -> list[str]:
    """Names of the top-level test functions in a hidden-test module's source, in order."""
    tree = ast.parse(source)
    return [
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
    ]


@dataclass(frozen=True)
class Exercise:
    """One exercise, named by its id `<track>/NN_slug`."""

    id: str
    layout: Layout = field(default_factory=Layout)

    def hidden_tests(self) -> list[str]:
        path = self.layout.hidden_test_module(self.id)
        return hidden_test_names(path.read_text(encoding="utf-8")) if path.exists() else []

    def check(self, fn: Callable, cases: Iterable, **tolerance: float) -> None:
        """check(fn, cases), reporting how many hidden tests remain when the visible ones pass.

        Returns nothing, so the cell shows the report only. While the grader runs the notebook,
        visible checks that are not attempted raise NotImplementedError: the grade counts them.
        """
        outcome = Outcome.FAILED
        try:
            outcome = check(fn, cases, hidden_tests=len(self.hidden_tests()) or None, **tolerance)
        finally:
            if not os.environ.get(GRADING):
                record_check(self.layout, self.id, outcome.value)
        if outcome is Outcome.NOT_ATTEMPTED and os.environ.get(COUNT_CHECKS):
            raise NotImplementedError(f"the visible checks of {fn.__name__} are not attempted yet")

    def try_on(self, fn: Callable, *args, **kwargs):
        """fn(*args, **kwargs), or None with a note while fn is still the stub."""
        try:
            return fn(*args, **kwargs)
        except NotImplementedError:
            print(f"{getattr(fn, '__name__', 'this function')} is not implemented yet")
            return None

    def submit(self, notebook: str | Path | None = None) -> Submission:
        """Grade the saved notebook file against the hidden tests and show one row per test."""
        if os.environ.get(GRADING):
            return Submission(
                Path(str(notebook)),
                {},
                {},
                [],
                problem="submit() is skipped while the grader runs this notebook",
            )
        path = Path(notebook) if notebook else notebook_in_this_kernel(self.layout.root)
        if path is None or not path.exists():
            return Submission(
                Path(str(notebook)),
                {},
                {},
                [],
                problem=(
                    "cannot tell which notebook this kernel runs; pass its path, "
                    f'e.g. ex.submit("exercises/{self.id}.ipynb")'
                ),
            )
        return grade_saved(path.resolve(), cells_run_in_this_kernel(), self.layout)


def cells_run_in_this_kernel() -> list[str]:
    """The sources IPython has executed in this kernel (its input history), if any."""
    try:
        from IPython import get_ipython
    except ImportError:
        return []
    shell = get_ipython()
    return list(shell.history_manager.input_hist_raw[1:]) if shell is not None else []


def exercise(exercise_id: str) -> Exercise:
    """The handle for exercise `exercise_id`, e.g. exercise("graphs/01_mutual_friends")."""
    return Exercise(exercise_id)
