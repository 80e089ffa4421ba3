"""submit(): grade the saved notebook from inside JupyterLab, the same way `workbook grade` does."""

import html
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from workbook import results
from workbook.paths import Layout

MARGIN_SECONDS = 30  # kernel start-up and reporting on top of the notebook's grading budget
GRADING = "WORKBOOK_GRADING"  # set in kernels started by the grader: submit() must not recurse
COUNT_CHECKS = "WORKBOOK_COUNT_CHECKS"  # set by the grader: unattempted visible checks raise
COLOURS = {"passed": "#1db954", "not implemented": "#8a8a8a", "failed": "#e22134"}


@dataclass
class Submission:
    """One grading of a saved notebook: outcome and first-line reason per hidden test."""

    notebook: Path
    tests: dict[str, str]
    reasons: dict[str, str]
    cell_errors: list[str]
    unsaved: int = 0  # cells the kernel ran that the saved file does not contain
    problem: str = ""

    def summary(self) -> str:
        from workbook.grading.record import passed_summary, untouched_summary

        if self.problem:
            return self.problem
        if self.untouched:
            return f"{self.notebook}: not attempted yet: {untouched_summary(self.tests)}"
        return f"{self.notebook}: {passed_summary(self.tests)}"

    @property
    def untouched(self) -> bool:
        from workbook.grading.record import untouched

        return untouched(self.tests)

    def rows(self) -> dict[str, str]:
        """One row per test, or none when the summary already says nothing is attempted."""
        return {} if self.untouched else self.tests

    def reason(self, name: str) -> str:
        return self.reasons.get(name, "") if self.tests[name] != "passed" else ""

    def __repr__(self) -> str:
        lines = [self.summary()]
        if self.unsaved:
            lines.append(
                f"warning: {self.unsaved} cell(s) you ran are not in the saved file; save it and submit again"
            )
        lines += [f"  {o:>15}  {n}  {self.reason(n)}".rstrip() for n, o in self.rows().items()]
        return "\n".join(lines + [f"  your notebook's {e}" for e in self.cell_errors])

    def _repr_html_(self) -> str:
        left = "style='text-align:left'"
        warning = (
            f"<p style='color:#e22134'>{self.unsaved} cell(s) you ran are not in the saved file: "
            "save (Ctrl+S) and submit again.</p>"
            if self.unsaved
            else ""
        )
        rows = "".join(
            f"<tr><td {left}><b style='color:{COLOURS.get(o, '#000')}'>{o}</b></td>"
            f"<td {left}>{html.escape(n)}</td><td {left}>{_code(self.reason(n))}</td></tr>"
            for n, o in self.rows().items()
        )
        errors = "".join(f"<li>{html.escape(e)}</li>" for e in self.cell_errors)
        errors = f"<p>Cells that raised errors:</p><ul>{errors}</ul>" if errors else ""
        return f"<div>{warning}<p><b>{html.escape(self.summary())}</b></p><table>{rows}</table>{errors}</div>"


def _code(text: str) -> str:
    return f"<code>{html.escape(text)}</code>" if text else ""


def grader_environment() -> dict[str, str]:
    """This environment without the hint that names JupyterLab's notebook."""
    return {k: v for k, v in os.environ.items() if k != "JPY_SESSION_NAME"}


def notebook_in_this_kernel(root: Path) -> Path | None:
    """The notebook JupyterLab started this kernel for (it sets JPY_SESSION_NAME), if any."""
    name = os.environ.get("JPY_SESSION_NAME")
    if not name:
        return None
    path = Path(name)
    return path if path.is_absolute() else root / path


def unsaved_cells(notebook: Path, ran: list[str]) -> int:
    """How many cells the kernel ran whose source the saved notebook does not contain."""
    from workbook import notebook_file  # nbformat: only when submitting, not on import in a kernel

    saved = {cell.source.strip() for cell in notebook_file.code_cells(notebook_file.read(notebook))}
    return sum(
        1
        for source in ran
        if source.strip() and "submit(" not in source and source.strip() not in saved
    )


def grade_saved(
    notebook: Path, ran: list[str], layout: Layout, notebook_timeout: float = 60.0
) -> Submission:
    """Grade the file on disk in a separate process; bounded, and recorded in the results file."""
    shown = notebook.relative_to(layout.root) if notebook.is_relative_to(layout.root) else notebook
    unsaved = unsaved_cells(notebook, ran)
    with tempfile.TemporaryDirectory() as scratch:
        mine = Path(scratch) / "results.jsonl"
        command = [
            sys.executable,
            "-m",
            "workbook.cli",
            "grade",
            str(notebook),
            f"--results-file={mine}",
            f"--notebook-timeout={notebook_timeout}",
        ]
        try:
            subprocess.run(
                command,
                capture_output=True,
                text=True,
                cwd=layout.root,
                env=grader_environment(),
                timeout=notebook_timeout + MARGIN_SECONDS,
            )
        except subprocess.TimeoutExpired:
            return Submission(shown, {}, {}, [], unsaved, f"grading {shown} did not finish in time")
        if not mine.exists():
            problem = f"{shown} could not be graded: run `workbook grade {shown}` in a terminal to see why"
            return Submission(shown, {}, {}, [], unsaved, problem)
        records = results.read(mine)
    results.append(layout.results_file, records)
    record = records[-1]
    return Submission(
        shown, record["tests"], record.get("reasons", {}), record.get("cell_errors", []), unsaved
    )
