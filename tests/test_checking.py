"""check(): passed, not attempted or failed, with copies, tolerances and clear messages."""

from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pytest

from workbook import Case, Outcome, check, raises
from workbook.checking import CheckReport, as_case, run_case
from workbook.compare import Tolerance, difference
from workbook.exercise import Exercise
from workbook.paths import Layout
from workbook.preview import preview


def add(a, b):
    return a + b


def test_all_cases_passing_says_how_many_hidden_tests_remain(capsys):
    assert check(add, [((1, 2), 3), ((2, 2), 4)], hidden_tests=9) is Outcome.PASSED
    out = capsys.readouterr().out
    assert "all 2 visible checks passed" in out and "9 hidden tests remain" in out
    assert "all tests passed" not in out


def test_stub_is_not_attempted_and_does_not_raise(capsys):
    def stub(a, b):
        raise NotImplementedError("write your solution here")

    assert check(stub, [((1, 2), 3)]) is Outcome.NOT_ATTEMPTED
    assert "not attempted" in capsys.readouterr().out


def test_wrong_answer_raises_assertion_error_naming_case_expected_and_actual():
    def add_badly(a, b):
        return a + b + (a == 2)

    with pytest.raises(AssertionError, match=r"case 2: add_badly\(2, 2\): expected 4, got 5"):
        check(add_badly, [((1, 2), 3), ((2, 2), 4)])


def test_unexpected_exception_is_a_failure_naming_it():
    with pytest.raises(AssertionError, match="raised ZeroDivisionError"):
        check(lambda: 1 / 0, [((), 1)])


def test_expected_exception_passes_and_a_missing_one_fails():
    assert check(int, [(("x",), raises(ValueError))]) is Outcome.PASSED
    with pytest.raises(AssertionError, match="expected raises ValueError, returned 3"):
        check(int, [(("3",), raises(ValueError))])


def test_arguments_are_copies_and_mutation_is_reported():
    data = [3, 1, 2]

    def sort_in_place(items):
        items.sort()
        return items

    with pytest.raises(AssertionError, match="argument 1 was modified in place"):
        check(sort_in_place, [((data,), [1, 2, 3])])
    assert data == [3, 1, 2]


def test_floats_compare_with_tolerance_and_integers_exactly():
    assert difference(0.1 + 0.2, 0.3) is None
    assert difference(10**12 - 1, 10**12 + 1) is not None
    assert difference(1.0, 1.001, Tolerance(rel=1e-2)) is None
    assert difference("1", 1) == "expected an int, got a str: '1'"


def test_types_are_compared_exactly_before_values():
    assert difference(True, 1) == "expected an int, got a bool: True"
    assert difference(np.int64(3), 3) == "expected an int, got a numpy.int64: np.int64(3)"
    assert difference(np.float64(0.5), 0.5).startswith("expected a float, got a numpy.float64")
    assert difference(bytearray(b"ab"), b"ab").startswith("expected a bytes, got a bytearray")
    assert difference({"a": 1}, {"a": 1}) is None
    assert "got a collections.Counter" in difference(Counter(a=1), {"a": 1})


def test_a_learner_object_is_never_asked_whether_it_is_equal():
    asked = []

    class Anything(list):
        def __eq__(self, other):
            asked.append(other)
            return True

        def __len__(self):
            asked.append("len")
            return 0

    assert difference(Anything(), [1, 2]).startswith(
        "expected a list, got a test_checking.Anything"
    )
    assert asked == []


def test_unequal_lengths_name_the_first_missing_or_extra_item():
    assert difference([1, 2], [1, 2, 3]) == (
        "expected 3 items, got 2; the first missing item is at [2]: 3"
    )
    assert difference([1, 9, 3, 4], [1, 2, 3]) == "expected 2, got 9 at [1]"
    assert difference([1, 2, 3, 4], [1, 2, 3]).endswith("the first extra item is at [3]: 4")


def test_frames_compare_dtypes_and_index_exactly():
    frame = pd.DataFrame({"user": ["a", "b"], "plays": [1, 2]})
    assert "dtype" in difference(frame.astype({"plays": "float64"}), frame)
    assert "index" in difference(frame.set_axis([1, 2]), frame).lower()
    assert difference(frame[["plays", "user"]], frame) is not None


def test_dataclasses_compare_field_by_field():
    @dataclass
    class Stall:
        at: float
        seconds: float

    assert difference(Stall(1.0, 2.0), Stall(1.0, 2.0 + 1e-12)) is None
    assert difference(Stall(1.0, 3.0), Stall(1.0, 2.0)).endswith(
        "at .seconds (tolerance: rel 1e-09, abs 1e-09)"
    )


def test_numpy_arrays_and_dataframes_compare_with_tolerance():
    assert difference(np.array([1.0, 2.0 + 1e-12]), np.array([1.0, 2.0])) is None
    assert "first at index (1,)" in difference(np.array([1.0, 2.5]), np.array([1.0, 2.0]))
    frame = pd.DataFrame({"a": [1.0, 2.0]})
    assert difference(frame + 1e-12, frame) is None
    assert "DataFrames differ" in difference(frame + 1, frame)


def test_nested_containers_say_where_they_differ():
    assert difference({"a": [1, (2, 3)]}, {"a": [1, (2, 4)]}) == "expected 4, got 3 at ['a'][1][1]"
    assert difference((1,), [1]) == "expected a list, got a tuple: (1,)"


def test_cases_accept_pairs_and_named_case_objects():
    named = as_case(Case(args=(1, 2), expected=3, name="small"), 1, "add")
    assert named.name == "small" and as_case(((1, 2), 3), 4, "add").name == "case 4: add(1, 2)"
    assert (
        run_case(
            add, as_case(Case(args=(1,), kwargs={"b": 2}, expected=3), 1, "add"), Tolerance()
        ).outcome
        is Outcome.PASSED
    )


def test_report_renders_html_for_jupyter_and_text_elsewhere():
    report = CheckReport("add", [run_case(add, as_case(((1, 2), 3), 1, "add"), Tolerance())], 8)
    assert "<table>" in report._repr_html_() and "8 hidden tests remain" in report._repr_html_()
    assert repr(report).startswith("add: all 1 visible checks passed")


def test_check_needs_a_function_not_its_result():
    with pytest.raises(TypeError, match="needs the function itself"):
        check(add(1, 2), [((1, 2), 3)])


def test_exercise_handle_counts_its_hidden_tests(tmp_path):
    module = tmp_path / "tests" / "hidden" / "graphs" / "01_toy.py"
    module.parent.mkdir(parents=True)
    module.write_text(
        "def test_a():\n    pass\n\n\ndef helper():\n    pass\n\n\ndef test_b():\n    pass\n"
    )
    assert Exercise("graphs/01_toy", Layout(tmp_path)).hidden_tests() == ["test_a", "test_b"]


def test_the_exercise_handle_returns_nothing_so_a_checks_cell_shows_its_report_once(
    tmp_path, monkeypatch
):
    def stub(a, b):
        raise NotImplementedError("write your solution here")

    monkeypatch.setenv("WORKBOOK_RESULTS_FILE", str(tmp_path / "results.jsonl"))
    handle = Exercise("graphs/01_toy", Layout(tmp_path))
    assert handle.check(add, [((1, 2), 3)]) is None
    assert handle.check(stub, [((1, 2), 3)]) is None


def test_while_grading_unattempted_visible_checks_raise_so_the_grade_counts_them(monkeypatch):
    def stub(a, b):
        raise NotImplementedError("write your solution here")

    monkeypatch.setenv("WORKBOOK_COUNT_CHECKS", "1")
    with pytest.raises(NotImplementedError, match="visible checks of stub are not attempted"):
        Exercise("graphs/01_toy").check(stub, [((1, 2), 3)])


def test_a_small_frame_is_shown_whole_in_a_failure_and_a_large_one_by_its_head():
    small = pd.DataFrame({"row": range(12)})
    assert "11" in preview(small) and "rows in all" not in preview(small)
    large = pd.DataFrame({"row": range(500)})
    assert "499" not in preview(large) and "500 rows in all" in preview(large)


def test_a_series_preview_shows_its_values_and_length():
    shown = preview(pd.Series([0.5, 0.25], index=["radio", "charts"], name="skip_rate"))
    assert shown.startswith("Series (2 rows):") and "radio" in shown and "0.25" in shown
    long = preview(pd.Series(range(50)))
    assert "... 50 rows in all" in long
