"""Hidden tests for cold_start/06_implicit_als_fold_in: the user update of implicit ALS against
the dense formula over the whole catalogue, and the top-k recommendation."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from workbook.compare import Tolerance
from workbook.contract import pins
from workbook.grading.asserts import assert_equal, assert_raises, assert_returns, fail_if
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales, workload

TIGHT = Tolerance(rel=1e-10, abs=1e-12)
Y_SMALL = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])


def dense(Y, items, plays, alpha=40.0, reg=0.1):
    """The textbook form: c and p for every item of the catalogue, then one dense solve."""
    r = np.zeros(len(Y))
    for item, count in zip(items, plays, strict=True):
        r[item] += count
    c = 1.0 + alpha * r
    p = (r > 0).astype(float)
    A = Y.T @ (c[:, None] * Y) + reg * np.eye(Y.shape[1])
    return np.linalg.solve(A, Y.T @ (c * p))


def catalogue(seed, n=40, f=5):
    return np.random.default_rng(seed).normal(0, 1, (n, f))


def folded(Y, items, plays, *params):
    """user_factors with YtY computed here, so messages show the catalogue and the history."""
    return user_factors(Y, Y.T @ Y, items, plays, *params)


# --- formula ------------------------------------------------------------------------------


@pins("formula", "returns")
def test_the_worked_example():
    assert_returns(np.array([6 / 11, -2 / 11]), folded, Y_SMALL, [0], [1], 1.0, 1.0, tol=TIGHT)


@pins("formula")
def test_default_alpha_is_40_and_reg_is_0_1():
    Y = catalogue(1)
    assert_returns(dense(Y, [3, 9, 17], [1, 4, 2]), folded, Y, [3, 9, 17], [1, 4, 2], tol=TIGHT)


@pins("formula")
def test_alpha_and_reg_are_honoured():
    Y = catalogue(2)
    for alpha, reg in ((0.0, 1.0), (5.0, 0.01), (100.0, 3.0)):
        expected = dense(Y, [0, 5], [2, 7], alpha, reg)
        assert_returns(expected, folded, Y, [0, 5], [2, 7], alpha, reg, tol=TIGHT)


@pins("formula")
def test_an_item_with_zero_plays_adds_nothing():
    Y = catalogue(3)
    expected = dense(Y, [4, 8], [3, 0])
    assert_returns(expected, folded, Y, [4, 8], [3, 0], tol=TIGHT)
    assert_returns(folded(Y, [4], [3]), folded, Y, [4, 8], [3, 0], tol=TIGHT)


@pins("formula")
@derandomized(max_examples=50)
@given(
    st.integers(0, 10_000),
    st.lists(st.tuples(st.integers(0, 39), st.floats(0, 50)), max_size=12),
    st.sampled_from([0.0, 1.0, 40.0]),
    st.sampled_from([0.01, 0.1, 2.0]),
)
def test_user_factors_equal_the_dense_formula(seed, history, alpha, reg):
    Y = catalogue(seed)
    items, plays = [i for i, _ in history], [c for _, c in history]
    assert_returns(
        dense(Y, items, plays, alpha, reg), folded, Y, items, plays, alpha, reg, tol=TIGHT
    )


@pins("precomputed_gram")
def test_the_given_YtY_is_used_as_given():
    # Y has 40 rows but only the user's rows and YtY may be read: a YtY with one more
    # item folded in must give the answer for that larger catalogue
    Y = catalogue(4)
    extra = np.vstack([Y, np.ones((1, Y.shape[1]))])
    expected = dense(extra, [2, 6], [3, 1])
    actual = user_factors(Y, extra.T @ extra, [2, 6], [3, 1])
    assert_equal(actual, expected, "user_factors(Y, YtY of Y plus one row, [2, 6], [3, 1])", TIGHT)


@pins("duplicates")
def test_repeated_items_add_their_plays():
    Y = catalogue(5)
    assert_returns(dense(Y, [7], [5]), folded, Y, [7, 7], [2, 3], tol=TIGHT)
    assert_returns(dense(Y, [7, 1], [5, 1]), folded, Y, [7, 1, 7], [2, 1, 3], tol=TIGHT)


# --- returns and errors ---------------------------------------------------------------------


@pins("returns")
def test_no_history_gives_zeros_and_arrays_work_like_lists():
    Y = catalogue(6)
    assert_returns(np.zeros(5), folded, Y, [], [])
    expected = dense(Y, [1, 2], [1, 1])
    assert_returns(expected, folded, Y, np.array([1, 2]), np.array([1.0, 1.0]), tol=TIGHT)


@pins("returns")
def test_inputs_are_not_modified():
    Y = catalogue(7)
    YtY = Y.T @ Y
    items, plays = np.array([5, 3, 3]), np.array([0.0, 1.0, 2.0])
    assert_returns(dense(Y, items, plays), user_factors, Y, YtY, items, plays, tol=TIGHT)


@pins("errors")
def test_invalid_inputs_raise_value_error_naming_the_value():
    Y = catalogue(8)
    YtY = Y.T @ Y
    assert_raises(ValueError, user_factors, Y, YtY, [1, 2], [1.0])
    assert_raises(ValueError, user_factors, Y, YtY, [40], [1.0], match="40")
    assert_raises(ValueError, user_factors, Y, YtY, [-1], [1.0], match="-1")
    assert_raises(ValueError, user_factors, Y, YtY, [1], [-2.0], match="-2")
    assert_raises(ValueError, user_factors, Y, YtY, [1], [float("nan")], match="nan")
    assert_raises(ValueError, user_factors, Y, YtY, [1], [1.0], -1.0, match="-1")
    assert_raises(ValueError, user_factors, Y, YtY, [1], [1.0], 40.0, 0.0, match="0")
    assert_raises(ValueError, user_factors, Y, YtY[:4, :4], [1], [1.0], match="4")


# --- recommend ------------------------------------------------------------------------------


def top_k_oracle(Y, x, k, exclude=()):
    scores = Y @ x
    ranked = sorted(
        (i for i in range(len(Y)) if i not in set(exclude)), key=lambda i: (-scores[i], i)
    )
    return ranked[:k]


@pins("ranking")
def test_recommend_the_worked_example_and_ties_by_index():
    assert_returns([2, 1], recommend, Y_SMALL, np.array([6 / 11, -2 / 11]), 2, [0])
    assert_returns([0, 1, 2], recommend, Y_SMALL, np.zeros(2), 3)
    tied = np.array([[1.0], [2.0], [2.0], [0.5], [2.0]])
    assert_returns([1, 2, 4], recommend, tied, np.array([1.0]), 3)
    assert_returns([2, 4, 0], recommend, tied, np.array([1.0]), 3, (1,))


@pins("ranking")
def test_recommend_runs_out_of_items_and_rejects_negative_k():
    assert_returns([2], recommend, Y_SMALL, np.array([6 / 11, -2 / 11]), 5, [0, 1])
    assert_returns([], recommend, Y_SMALL, np.array([1.0, 1.0]), 0)
    assert_raises(ValueError, recommend, Y_SMALL, np.array([1.0, 1.0]), -1, match="-1")


@pins("ranking")
@derandomized(max_examples=50)
@given(
    st.integers(0, 10_000),
    st.integers(0, 45),
    st.lists(st.integers(0, 39), max_size=10),
)
def test_recommend_equals_a_full_sort(seed, k, exclude):
    Y = np.round(catalogue(seed), 1)  # rounded: ties happen
    x = np.array([1.0, 0.0, 1.0, 0.0, 0.0])
    assert_returns(top_k_oracle(Y, x, k, exclude), recommend, Y, x, k, exclude)


# --- scale ----------------------------------------------------------------------------------


def reference(Y, YtY, items, plays, alpha=40.0, reg=0.1):
    Yu = Y[items]
    c = 1.0 + alpha * np.asarray(plays, dtype=float)
    A = YtY + (Yu.T * (c - 1.0)) @ Yu + reg * np.eye(Y.shape[1])
    return np.linalg.solve(A, Yu.T @ c)


@pins("scale")
def test_scale_fold_in_over_100000_items():
    Y = workload("100,000 x 64 item factors", lambda: catalogue(9, 100_000, 64))
    YtY = workload("their gram matrix", lambda: Y.T @ Y)
    items = list(range(0, 100_000, 2_000))
    plays = [1.0 + (i % 7) for i in range(len(items))]
    problem = None
    if not np.allclose(user_factors(Y, YtY, items, plays), reference(Y, YtY, items, plays)):
        problem = "wrong factors on the scale workload"
    fail_if(
        problem, user_factors, ("Y (100,000 x 64)", "YtY", "50 items", "plays"), "the fold-in", ""
    )

    def many(fn):
        return lambda: [fn(Y, YtY, items, plays) for _ in range(20)]

    assert_scales(
        many(user_factors),
        many(reference),
        factor=20,
        what="20 fold-ins of 50 items over 100,000 items x 64 factors",
        advice="Use the YtY you are given and only the user's rows Y[items]: never compute "
        "Y.T @ Y or a matrix over the whole catalogue per user.",
    )
