"""Hidden tests for graphs/99_smoke: plain functions using the names the notebook defines."""

from workbook.grading.asserts import assert_equal


def test_example_from_the_statement():
    assert_equal(solve([]), [], "solve([])")
