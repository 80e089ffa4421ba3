"""Hidden tests for experimentation_ml/06_drift_monitor: PSI against the worked example and its
definition, quantile binning, and the KS statistic against a brute force."""

import math

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from workbook.compare import Tolerance
from workbook.contract import pins
from workbook.grading.asserts import assert_raises, assert_returns
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales, workload

CLOSE = Tolerance(rel=1e-9, abs=1e-12)


def psi_oracle(baseline, current, eps=1e-4):
    tb, tc = sum(baseline), sum(current)
    total = 0.0
    for x, y in zip(baseline, current, strict=True):
        b = x / tb if x else eps
        c = y / tc if y else eps
        total += (c - b) * math.log(c / b)
    return total


def ks_oracle(a, b):
    """Brute force: both empirical CDFs at every sample point, counted one by one."""
    best = 0.0
    for x in list(a) + list(b):
        fa = sum(1 for v in a if v <= x) / len(a)
        fb = sum(1 for v in b if v <= x) / len(b)
        best = max(best, abs(fa - fb))
    return best


def bins_oracle(reference, values, n_bins):
    edges = np.quantile(np.asarray(reference, dtype=float), [i / n_bins for i in range(1, n_bins)])
    counts = [0] * n_bins
    for v in values:
        counts[sum(1 for e in edges if e <= v)] += 1
    return np.array(counts, dtype=np.int64)


# --- psi ----------------------------------------------------------------------------------------


@pins("psi_formula")
def test_psi_of_the_worked_example_from_shares_and_counts():
    assert_returns(0.08754687373538998, psi, [0.2, 0.5, 0.3], [0.1, 0.6, 0.3], tol=CLOSE)
    assert_returns(0.08754687373538998, psi, [20, 50, 30], [10, 60, 30], tol=CLOSE)
    assert_returns(0.08754687373538998, psi, np.array([2, 5, 3]), [1_000, 6_000, 3_000], tol=CLOSE)
    assert_returns(0.0, psi, [1, 2, 3], [2, 4, 6])


@pins("psi_formula")
@derandomized(max_examples=100)
@given(st.lists(st.tuples(st.integers(1, 1_000), st.integers(1, 1_000)), min_size=2, max_size=12))
def test_psi_equals_its_definition_and_is_symmetric(pairs):
    baseline, current = [b for b, _ in pairs], [c for _, c in pairs]
    assert_returns(psi_oracle(baseline, current), psi, baseline, current, tol=CLOSE)
    assert_returns(psi_oracle(baseline, current), psi, current, baseline, tol=CLOSE)


@pins("zero_bins")
def test_empty_bins_use_eps_without_renormalising():
    expected = 0.5 * math.log(2) + (1e-4 - 0.5) * math.log(1e-4 / 0.5)
    assert_returns(expected, psi, [50, 50], [100, 0], tol=CLOSE)
    expected = (0.5 - 0.01) * math.log(0.5 / 0.01) + (0.5 - 1.0) * math.log(0.5 / 1.0)
    assert_returns(expected, psi, [0, 10], [5, 5], 0.01, tol=CLOSE)
    assert_returns(
        psi_oracle([0, 3, 7], [4, 0, 6], 1e-6), psi, [0, 3, 7], [4, 0, 6], 1e-6, tol=CLOSE
    )


# --- quantile_bins ------------------------------------------------------------------------------


@pins("binning")
def test_bins_of_the_statement_example_and_edges_go_up():
    assert_returns(np.array([2, 2]), quantile_bins, [1, 2, 3, 4], [0, 1.75, 2.5, 9], 2)
    # quartile edges of 0..100: 25, 50, 75; values on them go to the bin above
    assert_returns(np.array([1, 1, 1, 2]), quantile_bins, list(range(101)), [10, 25, 50, 75, 80], 4)
    # the edges come from the reference, never from the values being binned
    assert_returns(np.array([4, 0]), quantile_bins, list(range(100)), [0, 1, 2, 3], 2)


@pins("binning")
def test_deciles_of_the_reference_hold_a_tenth_each():
    reference = np.random.default_rng(1).normal(0, 1, 10_000)
    assert_returns(np.full(10, 1_000, dtype=np.int64), quantile_bins, reference, reference)


@pins("binning")
@derandomized(max_examples=80)
@given(
    st.lists(st.integers(-5, 5), min_size=1, max_size=20),
    st.lists(st.integers(-6, 6), max_size=20),
    st.integers(2, 6),
)
def test_bins_equal_a_count_against_the_edges(reference, values, n_bins):
    assert_returns(bins_oracle(reference, values, n_bins), quantile_bins, reference, values, n_bins)


# --- ks ---------------------------------------------------------------------------------------


@pins("ks")
def test_ks_of_small_hand_examples():
    assert_returns(1 / 3, ks_statistic, [1, 2, 3], [2, 3, 4], tol=CLOSE)
    assert_returns(0.0, ks_statistic, [1, 2, 2, 3], [3, 2, 1, 2])
    assert_returns(1.0, ks_statistic, [1, 2], [3, 4, 5])
    # ties across samples: after 1, F_a = 0.5 and F_b = 0; after 2, both 1
    assert_returns(0.5, ks_statistic, [1, 2], [2, 2, 2], tol=CLOSE)


@pins("ks")
@derandomized(max_examples=100)
@given(
    st.lists(st.integers(0, 8), min_size=1, max_size=15),
    st.lists(st.integers(0, 8), min_size=1, max_size=15),
)
def test_ks_equals_a_brute_force_with_ties(a, b):
    assert_returns(ks_oracle(a, b), ks_statistic, a, b, tol=CLOSE)


# --- levels and errors ----------------------------------------------------------------------------


@pins("levels")
def test_levels_and_their_boundaries():
    cases = [
        (0.0, "stable"),
        (0.0999, "stable"),
        (0.1, "moderate"),
        (0.2499, "moderate"),
        (0.25, "major"),
        (7.0, "major"),
    ]
    for value, level in cases:
        assert_returns(level, drift_level, value)


@pins("errors")
def test_invalid_inputs_raise_value_error():
    assert_raises(ValueError, psi, [1, 2], [1, 2, 3], match="3")
    assert_raises(ValueError, psi, [1], [1])
    assert_raises(ValueError, psi, [1, -2], [1, 2], match="-2")
    assert_raises(ValueError, psi, [0, 0], [1, 2])
    assert_raises(ValueError, psi, [1, 2], [1, 2], 0.0, match="0.0")
    assert_raises(ValueError, quantile_bins, [1, 2], [1], 1, match="1")
    assert_raises(ValueError, quantile_bins, [], [1], 2)
    assert_raises(ValueError, ks_statistic, [], [1.0])
    assert_raises(ValueError, drift_level, -0.1, match="-0.1")
    assert_raises(ValueError, drift_level, math.nan, match="nan")


@pins("no_mutation")
def test_inputs_are_not_modified():
    a, b = np.array([3.0, 1.0, 2.0]), [4.0, 2.0, 3.0]
    assert_returns(1 / 3, ks_statistic, a, b, tol=CLOSE)
    reference, values = np.array([4.0, 3.0, 2.0, 1.0]), np.array([9.0, 0.0, 2.5, 1.75])
    assert_returns(np.array([2, 2]), quantile_bins, reference, values, 2)
    counts = np.array([20.0, 50.0, 30.0])
    assert_returns(0.08754687373538998, psi, counts, [10, 60, 30], tol=CLOSE)


# --- scale --------------------------------------------------------------------------------------


@pins("scale")
def test_scale_ks_of_two_million_value_samples():
    rng = np.random.default_rng(2)
    a = workload("a million values", lambda: rng.normal(0, 1, 1_000_000))
    b = workload("another million", lambda: rng.normal(0.01, 1, 1_000_000))

    def reference():
        x, y = np.sort(a), np.sort(b)
        points = np.concatenate([x, y])
        return np.abs(
            np.searchsorted(x, points, "right") / len(x)
            - np.searchsorted(y, points, "right") / len(y)
        ).max()

    assert_scales(
        lambda: ks_statistic(a, b),
        reference,
        factor=5,
        what="ks_statistic of two samples of 1,000,000 values",
        advice="Sort both samples once and evaluate both empirical CDFs with np.searchsorted; "
        "never compare every pair or loop over values in Python.",
    )
