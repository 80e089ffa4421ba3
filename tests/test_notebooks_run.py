"""The guides and dashboards run top to bottom without an error under plain nbval (--nbval-lax).

Solution and exercise notebooks are run, cell by cell, by tests/test_exercises_graded.py.
"""

import os
import subprocess
import sys

from conftest import ROOT


def test_notebooks_run_clean_under_nbval_lax():
    folder = "notebooks"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--nbval-lax",
            "--nbval-current-env",
            "-p",
            "no:cacheprovider",
            "-o",
            "addopts=",
            "-q",
            "--nbval-cell-timeout=120",
            "-p",
            "no:xdist",
            str(ROOT / folder),
        ],
        env={
            **os.environ,
            "WORKBOOK_GRADING": "1",
        },  # the suite's runs are not a learner's progress
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
