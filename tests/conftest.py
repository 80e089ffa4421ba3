"""Shared helpers for the workbook's own tests."""

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_HIDDEN_TESTS = ROOT / "tests" / "fixtures" / "hidden"

collect_ignore = ["fixtures", "hidden"]


@dataclass
class Run:
    returncode: int
    output: str
    seconds: float


def run_workbook(*args: str, timeout: float = 300, cwd: Path = ROOT) -> Run:
    """Run the `workbook` command as a learner would, capturing everything it prints."""
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "workbook.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=cwd,
    )
    return Run(done.returncode, done.stdout + done.stderr, time.monotonic() - start)


def write_notebook(
    path: Path, cells: list[str], exercise_id: str = "fixture/01_add", kernel_name: str = "python3"
) -> Path:
    """A notebook of code cells recording `exercise_id`, as `workbook build` would."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(src) for src in cells])
    nb.metadata = {
        "kernelspec": {"name": kernel_name, "display_name": kernel_name, "language": "python"},
        "workbook": {"id": exercise_id},
    }
    path.write_text(nbformat.writes(nb), encoding="utf-8")
    return path


@pytest.fixture
def grade_fixture(tmp_path):
    """Grade a fixture notebook against tests/fixtures/hidden (timeouts can be overridden)."""

    def grade(
        notebook: Path, *extra: str, cell_timeout: float = 10, notebook_timeout: float = 60
    ) -> Run:
        return run_workbook(
            "grade",
            str(notebook),
            f"--hidden-tests={FIXTURE_HIDDEN_TESTS}",
            f"--results-file={tmp_path / 'results.jsonl'}",
            f"--cell-timeout={cell_timeout}",
            f"--notebook-timeout={notebook_timeout}",
            f"--junitxml={tmp_path / 'junit.xml'}",
            *extra,
        )

    return grade


def results(tmp_path: Path) -> list[dict]:
    path = tmp_path / "results.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def http_status(url: str) -> int:
    """The HTTP status of a GET, or 0 when nothing answers."""
    try:
        return urllib.request.urlopen(url, timeout=5).status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


@contextlib.contextmanager
def running_lab(home: Path, token: str, env: dict[str, str] | None = None):
    """`workbook lab` on a free loopback port with isolated Jupyter dirs; yields its base URL."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    isolated = {
        **os.environ,
        "JUPYTER_TOKEN": token,
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
        **(env or {}),
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "workbook.cli", "lab", "--no-browser", f"--port={port}"],
        cwd=ROOT,
        env=isolated,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while http_status(f"{base}/api/status?token={token}") != 200:
            assert server.poll() is None and time.monotonic() < deadline, "JupyterLab did not start"
            time.sleep(0.3)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
