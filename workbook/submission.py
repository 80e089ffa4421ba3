"""submit(): grade the saved notebook from inside JupyterLab, the same way `workbook grade` does."""

import html
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from workbook.paths import Layout

MARGIN_SECONDS = 30  # kernel start-up and reporting on top of the notebook's grading budget
GRADING = "WORKBOOK_GRADING"  # set in kernels started by the grader: submit() must not recurse


@dataclass
class Submission:
    """One grading of a saved notebook: outcome and first-line reason per hidden test."""

    notebook: Path
    tests: dict[str, str]
    reasons: dict[str, str]
    cell_errors: list[str]
    stale_seconds: float = 0.0
    problem: str = ""

    def summary(self) -> str:
        if self.problem:
            return self.problem
        passed = sum(o == "passed" for o in self.tests.values())
        return f"{passed} of {len(self.tests)} hidden tests passed for {self.notebook}"

    def __repr__(self) -> str:
        lines = [self.summary()]
        if self.stale_seconds:
            lines.append(
                f"warning: the saved file is {self.stale_seconds:.0f} s older than your last run; save it and submit again"
            )
        lines += [
            f"  {o:>15}  {n}"
            + (f"  ({self.reasons[n]})" if n in self.reasons and o != "passed" else "")
            for n, o in self.tests.items()
        ]
        lines += [f"  your notebook's {e}" for e in self.cell_errors]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        colour = {"passed": "#1db954", "not implemented": "#8a8a8a", "failed": "#e22134"}
        warning = (
            f"<p style='color:#e22134'>The saved file is {self.stale_seconds:.0f} s older than your "
            "last run: save (Ctrl+S) and submit again.</p>"
            if self.stale_seconds
            else ""
        )
        rows = "".join(
            f"<tr><td style='color:{colour.get(o, '#000')};font-weight:bold'>{o}</td><td>{html.escape(n)}</td>"
            f"<td><code>{html.escape(self.reasons.get(n, '') if o != 'passed' else '')}</code></td></tr>"
            for n, o in self.tests.items()
        )
        errors = "".join(f"<li>{html.escape(e)}</li>" for e in self.cell_errors)
        return (
            f"<div>{warning}<p><b>{html.escape(self.summary())}</b></p><table>{rows}</table>"
            + (f"<p>Cells that raised errors:</p><ul>{errors}</ul>" if errors else "")
            + "</div>"
        )


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


def grade_saved(
    notebook: Path, last_run: float | None, layout: Layout, notebook_timeout: float = 60.0
) -> Submission:
    """Grade the file on disk in a separate process; bounded, and recorded in the results file."""
    stale = max(0.0, last_run - notebook.stat().st_mtime) if last_run else 0.0
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
                timeout=notebook_timeout + MARGIN_SECONDS,
            )
        except subprocess.TimeoutExpired:
            return Submission(
                notebook, {}, {}, [], stale, f"grading {notebook} did not finish in time"
            )
        if not mine.exists():
            return Submission(
                notebook,
                {},
                {},
                [],
                stale,
                f"{notebook} could not be graded: run `workbook grade {notebook}` in a terminal to see why",
            )
        lines = mine.read_text(encoding="utf-8").splitlines()
    shared = layout.results_file
    shared.parent.mkdir(parents=True, exist_ok=True)
    with shared.open("a", encoding="utf-8") as out:
        out.writelines(line + "\n" for line in lines)
    record = json.loads(lines[-1])
    return Submission(
        notebook, record["tests"], record.get("reasons", {}), record.get("cell_errors", []), stale
    )


class RunClock:
    """Remembers when the last cell ran, so submit() can tell whether the file was saved since."""

    def __init__(self) -> None:
        self.last_run: float | None = None

    def __call__(self, *args) -> None:
        self.last_run = time.time()

    def attach(self) -> "RunClock":
        try:
            from IPython import get_ipython

            shell = get_ipython()
        except ImportError:
            shell = None
        if shell is not None:
            shell.events.register("post_run_cell", self)
        return self
