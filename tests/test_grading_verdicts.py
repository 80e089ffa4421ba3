"""Verdicts a learner can trust: visible checks count, shrunk inputs, fair limits, own names only."""

import contextlib
import subprocess
import sys

import nbformat
import pytest
from conftest import ROOT, results, run_workbook, write_notebook

from workbook import notebook_file
from workbook.grading.asserts import assert_raises
from workbook.grading.scale import assert_scales

ADD = "def add(a, b):\n    return a + b"
CHECKS = (
    "#| checks\nfrom workbook import check\ncheck(add, [((1, 2), 3), ((2, 2), 5), ((0, 0), 1)])"
)


def test_failing_visible_checks_keep_the_grade_below_full_and_show_every_failed_case(
    tmp_path, grade_fixture
):
    run = grade_fixture(write_notebook(tmp_path / "checks.ipynb", [ADD, CHECKS]))
    tests = results(tmp_path)[-1]["tests"]
    assert tests["visible_checks"] == "failed" and run.returncode == 1
    assert "3 of 4 passed (the visible checks and 3 hidden tests)" in run.output
    assert "2 of 3 visible checks of add failed" in run.output
    assert "add(2, 2): expected 5, got 4" in run.output
    assert "add(0, 0): expected 1, got 0" in run.output


def test_a_randomized_failure_shows_the_shrunk_input_and_how_to_replay_it(tmp_path, grade_fixture):
    wrong = "def add(a, b):\n    return a + b if a < 10 else a - b"
    notebook = write_notebook(
        tmp_path / "random.ipynb", [wrong], exercise_id="fixture/02_add_random"
    )
    first = grade_fixture(notebook).output
    assert "Failing test case: test_matches_python_addition(" in first
    assert "a=10," in first and "b=1," in first  # shrunk to the smallest failing input
    assert "input:\n      a = 10\n      b = 1\n" in first
    assert "workbook grade <notebook> -k test_matches_python_addition" in first
    assert grade_fixture(notebook).output.count("a=10,") == first.count("a=10,")  # derandomized


def test_rebinding_common_names_after_the_answer_grades_the_same(tmp_path):
    nb = notebook_file.read(ROOT / "solutions" / "graphs" / "01_mutual_friends.ipynb")
    rebind = "np = pd = nx = check = given = assert_returns = pins = range = zip = dict = None"
    nb.cells.append(nbformat.v4.new_code_cell(rebind))
    nb.metadata["workbook"] = {"id": "graphs/01_mutual_friends"}
    notebook = tmp_path / "rebinding.ipynb"
    notebook.write_text(notebook_file.dumps(nb), encoding="utf-8")
    run = run_workbook("grade", str(notebook), f"--results-file={tmp_path / 'results.jsonl'}")
    assert run.returncode == 0, run.output
    assert set(results(tmp_path)[-1]["tests"].values()) == {"passed"}


def test_a_scale_failure_never_reports_less_time_than_its_limit():
    def burn():
        total = 0
        for i in range(10**8):
            total += i
        return total

    with pytest.raises(AssertionError) as failure:
        assert_scales(burn, lambda: sum(range(10**5)), 2, "a test workload", "Use a formula.")
    message = str(failure.value)
    took = float(message.split("more than ")[1].split(" s")[0])
    limit = float(message.split("the limit is ")[1].split(" s")[0])
    assert took >= limit and message.endswith("Use a formula.")


HOG = "while True:\n    pass\n"


def test_eight_correct_notebooks_beside_two_cpu_hogs_all_pass(tmp_path):
    for n in range(4):
        for exercise_id in ("graphs/01_mutual_friends", "event_streams/01_sessionize"):
            nb = notebook_file.read(ROOT / "solutions" / f"{exercise_id}.ipynb")
            nb.metadata["workbook"] = {"id": exercise_id}
            target = tmp_path / f"{exercise_id.split('/')[1]}_{n}.ipynb"
            target.write_text(notebook_file.dumps(nb), encoding="utf-8")
    hogs = [subprocess.Popen([sys.executable, "-c", HOG]) for _ in range(2)]
    try:
        run = run_workbook(
            "grade", str(tmp_path), f"--results-file={tmp_path / 'results.jsonl'}", timeout=900
        )
    finally:
        for hog in hogs:
            hog.kill()
    records = results(tmp_path)
    assert len(records) == 8, run.output
    assert all(r["passed"] == r["total"] for r in records), run.output


def test_a_candidate_that_catches_every_exception_is_still_stopped_at_its_cpu_limit():
    def swallowing():
        for _ in range(10**4):
            with contextlib.suppress(Exception):  # what a library's retry loop does
                sum(range(10**5))

    with pytest.raises(AssertionError, match="too slow: a swallowing workload took more than"):
        assert_scales(swallowing, lambda: sum(range(10**4)), 2, "a swallowing workload", "Stop.")


def test_a_stub_is_not_mistaken_for_an_expected_runtime_error():
    def stub(x):
        raise NotImplementedError("write your solution here")

    with pytest.raises(NotImplementedError):
        assert_raises(RuntimeError, stub, 1)
