"""The command line: scaffolding an exercise, the lab's safe defaults, usage errors."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from conftest import ROOT, run_workbook

from workbook import build, scaffold
from workbook.cli import lab_command
from workbook.paths import Layout


def test_new_scaffolds_a_buildable_exercise_that_grades(tmp_path):
    layout = Layout(tmp_path)
    created = scaffold.new_exercise("graphs/07_toy", layout)
    assert created == [layout.solution("graphs/07_toy"), layout.hidden_test_module("graphs/07_toy")]
    build.build(layout)
    run = run_workbook(
        "grade",
        str(layout.solution("graphs/07_toy")),
        f"--hidden-tests={layout.hidden_tests}",
        "--results-file=none",
    )
    assert run.returncode == 0, run.output
    run = run_workbook(
        "grade",
        str(layout.exercise("graphs/07_toy")),
        f"--hidden-tests={layout.hidden_tests}",
        "--results-file=none",
    )
    assert run.returncode == 1 and "not implemented" in run.output


def test_new_refuses_bad_ids_and_existing_files(tmp_path):
    layout = Layout(tmp_path)
    for bad in ("graphs/toy", "jazz/01_toy", "graphs/1_toy"):
        try:
            scaffold.new_exercise(bad, layout)
        except ValueError:
            continue
        raise AssertionError(f"{bad!r} was accepted")
    scaffold.new_exercise("graphs/01_toy", layout)
    try:
        scaffold.new_exercise("graphs/01_toy", layout)
    except FileExistsError as error:
        assert "nothing was written" in str(error)
    else:
        raise AssertionError("an existing exercise was overwritten")


def test_grade_of_a_missing_path_says_so():
    run = run_workbook("grade", "exercises/nope/01_missing.ipynb")
    assert run.returncode != 0 and "no such notebook" in run.output


def test_lab_binds_loopback_and_keeps_token_auth():
    command = lab_command(Layout(), [])
    assert "--ServerApp.ip=127.0.0.1" in command
    assert not any("token=" in part.lower() or "password" in part.lower() for part in command)
    assert ("--allow-root" in command) == (os.geteuid() == 0)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def status(url: str) -> int:
    try:
        return urllib.request.urlopen(url, timeout=5).status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def test_lab_refuses_requests_without_the_token(tmp_path):
    port, token = free_port(), "workbook-test-token"
    env = {
        **os.environ,
        "JUPYTER_TOKEN": token,
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "ws"),
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "workbook.cli", "lab", "--no-browser", f"--port={port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}/api/status"
        deadline = time.monotonic() + 60
        while status(f"{base}?token={token}") != 200:
            assert server.poll() is None and time.monotonic() < deadline, "JupyterLab did not start"
            time.sleep(0.3)
        assert status(base) == 403
        assert status(f"{base}?token=wrong") == 403
    finally:
        server.terminate()
        server.wait(timeout=30)
