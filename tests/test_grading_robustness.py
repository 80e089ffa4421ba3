"""The grader ends within a stated bound with a clear message, and never changes the notebook."""

import json
import os
import xml.etree.ElementTree as ET

import pytest
from conftest import results, write_notebook

ADD = "def add(a, b):\n    return a + b"
TESTS = ("test_small_numbers", "test_negative_numbers", "test_large_numbers")


@pytest.fixture
def unchanged(tmp_path):
    """Asserts, after the test, that every fixture notebook kept its bytes and mtime."""
    snapshots = {}

    def remember(path):
        snapshots[path] = (path.read_bytes(), os.stat(path).st_mtime_ns)
        return path

    yield remember
    for path, (data, mtime) in snapshots.items():
        assert path.read_bytes() == data, f"{path.name} was modified by grading"
        assert os.stat(path).st_mtime_ns == mtime, f"{path.name} was touched by grading"


def outcomes(tmp_path):
    return results(tmp_path)[-1]["tests"]


def test_solved_notebook_passes_every_hidden_test(tmp_path, grade_fixture, unchanged):
    run = grade_fixture(unchanged(write_notebook(tmp_path / "solved.ipynb", [ADD])))
    assert run.returncode == 0, run.output
    assert outcomes(tmp_path) == dict.fromkeys(TESTS, "passed")
    assert "3 of 3 hidden tests passed" in run.output


def test_wrong_answer_names_the_call_expected_and_actual(tmp_path, grade_fixture, unchanged):
    nb = unchanged(write_notebook(tmp_path / "wrong.ipynb", ["def add(a, b):\n    return a - b"]))
    run = grade_fixture(nb)
    assert run.returncode == 1
    assert set(outcomes(tmp_path).values()) == {"failed"}
    assert "AssertionError: add(1, 2) returned a wrong value" in run.output
    assert "expected: 3\n" in run.output and "actual:   -1\n" in run.output
    assert "\x1b[" not in run.output


def test_bare_assert_failure_shows_both_sides_and_the_learner_cell(tmp_path, grade_fixture):
    nb = write_notebook(tmp_path / "wrong.ipynb", ["x = 1", "def add(a, b):\n    return a - b"])
    run = grade_fixture(nb, "--verbose")
    assert "AssertionError: assert -5 == -3" in run.output
    assert "hidden test 01_add.py, line 11, in test_negative_numbers" in run.output


def test_error_inside_the_learner_function_points_at_their_cell_and_line(tmp_path, grade_fixture):
    nb = write_notebook(tmp_path / "typo.ipynb", ["x = 1", "def add(a, b):\n    return a + c"])
    run = grade_fixture(nb, "--verbose")
    assert "NameError: name 'c' is not defined" in run.output
    assert "code cell 2, line 2, in add" in run.output


def test_untouched_stub_is_reported_as_not_implemented(tmp_path, grade_fixture, unchanged):
    stub = 'def add(a, b):\n    raise NotImplementedError("write your solution here")'
    run = grade_fixture(unchanged(write_notebook(tmp_path / "stub.ipynb", [stub])))
    assert run.returncode == 1
    assert outcomes(tmp_path) == dict.fromkeys(TESTS, "not implemented")


def test_syntax_error_cell_is_named_in_the_failures_it_causes(tmp_path, grade_fixture, unchanged):
    nb = unchanged(write_notebook(tmp_path / "syntax.ipynb", ["def add(a, b)\n    return a + b"]))
    run = grade_fixture(nb, "--verbose")
    assert run.returncode == 1
    assert "NameError: name 'add' is not defined. The notebook must define `add`" in run.output
    assert "code cell 1: SyntaxError" in run.output


def test_a_failing_learner_cell_is_reported_even_when_every_test_passes(tmp_path, grade_fixture):
    run = grade_fixture(write_notebook(tmp_path / "noisy.ipynb", [ADD, "1 / 0"]))
    assert run.returncode == 0
    assert "your notebook's code cell 2: ZeroDivisionError: division by zero" in run.output
    assert results(tmp_path)[-1]["cell_errors"] == [
        "code cell 2: ZeroDivisionError: division by zero"
    ]


def test_missing_function_says_which_name_the_notebook_must_define(tmp_path, grade_fixture):
    run = grade_fixture(
        write_notebook(tmp_path / "missing.ipynb", ["def plus(a, b):\n    return a + b"])
    )
    assert run.returncode == 1
    assert "The notebook must define `add`" in run.output


def test_top_level_infinite_loop_is_interrupted_and_later_cells_still_count(
    tmp_path, grade_fixture, unchanged
):
    nb = unchanged(write_notebook(tmp_path / "loop.ipynb", ["while True:\n    pass", ADD]))
    run = grade_fixture(nb, cell_timeout=3)
    assert outcomes(tmp_path) == dict.fromkeys(TESTS, "passed"), run.output
    assert "code cell 1: Timeout: used more than 3 s of CPU time" in run.output


def test_infinite_loop_in_the_function_is_bounded_by_the_notebook_budget(
    tmp_path, grade_fixture, unchanged
):
    nb = unchanged(
        write_notebook(
            tmp_path / "loop_fn.ipynb", ["def add(a, b):\n    while True:\n        pass"]
        )
    )
    run = grade_fixture(nb, "--verbose", cell_timeout=3, notebook_timeout=5)
    assert run.returncode == 1
    assert set(outcomes(tmp_path).values()) == {"failed"}
    assert "Timeout: used more than 3 s of CPU time" in run.output  # the first used its limit
    assert "the notebook's budget (5 s of CPU" in run.output  # the last was not even started


def test_loop_that_swallows_keyboard_interrupt_gets_a_fresh_kernel(
    tmp_path, grade_fixture, unchanged
):
    swallow = "import time\nwhile True:\n    try:\n        time.sleep(0.05)\n    except KeyboardInterrupt:\n        pass"
    nb = unchanged(write_notebook(tmp_path / "swallow.ipynb", [ADD, swallow]))
    run = grade_fixture(nb, cell_timeout=3)
    assert outcomes(tmp_path) == dict.fromkeys(TESTS, "passed"), run.output
    assert "ignored the interrupt, so the kernel was restarted" in run.output


def test_os_exit_is_noticed_at_once_and_the_kernel_replaced(tmp_path, grade_fixture, unchanged):
    nb = unchanged(write_notebook(tmp_path / "exit.ipynb", [ADD, "import os\nos._exit(3)"]))
    run = grade_fixture(nb, cell_timeout=20)
    # Death is noticed within a poll: the whole run ends well before one 20 s cell timeout.
    assert run.seconds < 20, run.output
    assert outcomes(tmp_path) == dict.fromkeys(TESTS, "passed"), run.output
    assert "code cell 2: KernelDied" in run.output


def test_cell_printing_megabytes_does_not_flood_the_report(tmp_path, grade_fixture, unchanged):
    nb = unchanged(write_notebook(tmp_path / "loud.ipynb", ["print('x' * 5_000_000)", ADD]))
    run = grade_fixture(nb)
    assert run.returncode == 0
    assert len(run.output) < 10_000


def test_malformed_json_gets_a_clear_error_and_the_file_is_untouched(
    tmp_path, grade_fixture, unchanged
):
    broken = tmp_path / "broken.ipynb"
    broken.write_text('{"cells": [', encoding="utf-8")
    run = grade_fixture(unchanged(broken))
    assert run.returncode != 0
    assert "not valid notebook JSON" in run.output
    assert "Traceback" not in run.output


def test_foreign_kernelspec_runs_in_the_current_environment(tmp_path, grade_fixture, unchanged):
    nb = write_notebook(tmp_path / "conda.ipynb", [ADD], kernel_name="conda-env-foo-py")
    run = grade_fixture(unchanged(nb))
    assert run.returncode == 0, run.output


def test_selecting_one_hidden_test_still_runs_the_learner_cells(tmp_path, grade_fixture):
    run = grade_fixture(
        write_notebook(tmp_path / "solved.ipynb", [ADD]), "-k", "test_large_numbers"
    )
    assert run.returncode == 0, run.output
    assert outcomes(tmp_path) == {"test_large_numbers": "passed"}


def test_junit_xml_names_each_hidden_test_after_its_function(tmp_path, grade_fixture):
    grade_fixture(write_notebook(tmp_path / "wrong.ipynb", ["def add(a, b):\n    return 0"]))
    cases = ET.parse(tmp_path / "junit.xml").getroot().iter("testcase")
    assert sorted(case.get("name") for case in cases) == sorted(TESTS)


def test_notebook_without_hidden_tests_is_refused_clearly(tmp_path, grade_fixture):
    run = grade_fixture(
        write_notebook(tmp_path / "other.ipynb", [ADD], exercise_id="fixture/99_none")
    )
    assert run.returncode != 0
    assert "no hidden tests for exercise 'fixture/99_none'" in run.output


def test_escape_sequences_in_a_learner_error_are_shown_not_run(tmp_path, grade_fixture):
    hostile = 'def add(a, b):\n    raise ValueError("\\x1b]0;owned\\x07\\x1b[31mred\\x1b[0m")'
    run = grade_fixture(write_notebook(tmp_path / "hostile.ipynb", [hostile]))
    assert "\x1b" not in run.output and "\x07" not in run.output
    assert "ValueError: \\x1b]0;owned\\x07\\x1b[31mred" in run.output
    record = (tmp_path / "results.jsonl").read_text()
    assert "\\u001b" not in record and "\\\\x1b]0;owned" in record


def test_a_cell_with_a_null_source_is_named_with_its_field(tmp_path, grade_fixture):
    path = write_notebook(tmp_path / "null.ipynb", [ADD])
    nb = json.loads(path.read_text())
    nb["cells"][0]["source"] = None
    path.write_text(json.dumps(nb))
    run = grade_fixture(path)
    assert "cell 1 (id " in run.output and "field 'source' is null, not text" in run.output


@pytest.mark.parametrize("bad_id", ["../../tmp/01_evil", "graphs/01_x/../../../etc", "Graphs/1_x"])
def test_an_exercise_id_that_could_leave_the_hidden_tests_folder_is_refused(
    tmp_path, grade_fixture, bad_id
):
    run = grade_fixture(write_notebook(tmp_path / "evil.ipynb", [ADD], exercise_id=bad_id))
    assert run.returncode != 0 and "is not an exercise id of the form <track>/NN_slug" in run.output
    assert results(tmp_path) == []
