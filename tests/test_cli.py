"""The command line: scaffolding an exercise, the lab's safe defaults, usage errors."""

import os
import subprocess
import sys

from conftest import http_status, run_workbook, running_lab

from workbook import build, scaffold
from workbook.cli import lab_command
from workbook.paths import Layout


def test_new_scaffolds_a_buildable_exercise_that_grades(tmp_path):
    layout = Layout(tmp_path)
    created = scaffold.new_exercise("graphs/07_toy", layout)
    assert created == [
        layout.solution("graphs/07_toy"),
        layout.hidden_test_module("graphs/07_toy"),
        layout.mutants_module("graphs/07_toy"),
    ]
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
    assert run.returncode == 1 and "not attempted yet" in run.output


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


def test_lab_refuses_requests_without_the_token(tmp_path):
    token = "workbook-test-token"
    with running_lab(tmp_path, token) as base:
        assert http_status(f"{base}/api/status?token={token}") == 200
        assert http_status(f"{base}/api/status") == 403
        assert http_status(f"{base}/api/status?token=wrong") == 403


def test_lab_registers_the_merge_driver_inside_a_git_clone(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    env = {**os.environ, "WORKBOOK_ROOT": str(tmp_path), "GIT_CONFIG_GLOBAL": os.devnull}
    done = subprocess.run(
        [sys.executable, "-m", "workbook.cli", "lab", "--version"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    driver = subprocess.run(
        ["git", "config", "merge.workbook-notebook.driver"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "merge-notebook %O %A %B %P" in driver.stdout


def test_grading_uses_every_core_unless_told_otherwise():
    from workbook.cli import parser

    args = parser().parse_args(["grade", "exercises"])
    assert args.jobs == (os.cpu_count() or 1)
