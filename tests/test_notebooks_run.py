"""Every notebook runs top to bottom without an error under plain nbval (--nbval-lax)."""

import os
import subprocess
import sys

import pytest
from conftest import ROOT


@pytest.mark.parametrize("folder", ["notebooks", "solutions", "exercises"])
def test_notebooks_run_clean_under_nbval_lax(folder):
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
