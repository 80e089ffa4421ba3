"""Hidden tests for cold_start/08_new_track_from_audio: ridge from audio features to factors
against numpy's least squares, R² by its definition, and cosine neighbours by a full sort."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from workbook.compare import Tolerance
from workbook.contract import pins
from workbook.grading.asserts import assert_equal, assert_raises, assert_returns, fail_if
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales, workload

CLOSE = Tolerance(rel=1e-8, abs=1e-10)
A_SMALL = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
F_SMALL = np.array([[2.0], [1.0], [3.0]])


def planted(n=2_000, d=20, f=8, noise=0.5, seed=0):
    rng = np.random.default_rng(seed)
    mixing = rng.normal(0, 1, (d, d)) / np.sqrt(d) + np.eye(d)
    A = rng.normal(0, 1, (n, d)) @ mixing
    A -= A.mean(axis=0)
    W_true = rng.normal(0, 1, (d, f)) / np.sqrt(d)
    return A, A @ W_true + rng.normal(0, noise, (n, f))


def ridge_by_lstsq(A, F, reg):
    """Ridge as least squares on the augmented system [A; sqrt(reg) I] W = [F; 0]."""
    d = A.shape[1]
    stacked = np.vstack([A, np.sqrt(reg) * np.eye(d)])
    targets = np.vstack([F, np.zeros((d, F.shape[1]))])
    return np.linalg.lstsq(stacked, targets, rcond=None)[0]


def r2_oracle(F_true, F_pred):
    total = sum(
        (F_true[i, j] - F_true[:, j].mean()) ** 2
        for i in range(len(F_true))
        for j in range(F_true.shape[1])
    )
    residual = sum(
        (F_true[i, j] - F_pred[i, j]) ** 2
        for i in range(len(F_true))
        for j in range(F_true.shape[1])
    )
    return float(1.0 - residual / total)


def neighbours_oracle(F, q, k):
    eligible = [i for i in range(len(F)) if np.linalg.norm(F[i]) > 0]
    cos = {i: float(F[i] @ q / (np.linalg.norm(F[i]) * np.linalg.norm(q))) for i in eligible}
    return sorted(eligible, key=lambda i: (-cos[i], i))[:k]


# --- fit_ridge --------------------------------------------------------------------------------


@pins("ridge", "returns")
def test_the_worked_examples():
    assert_returns(np.array([[2.0], [1.0]]), fit_ridge, A_SMALL, F_SMALL, 0.0, tol=CLOSE)
    assert_returns(np.array([[1.375], [0.875]]), fit_ridge, A_SMALL, F_SMALL, 1.0, tol=CLOSE)
    assert_returns(np.array([[1.375], [0.875]]), fit_ridge, A_SMALL, F_SMALL, tol=CLOSE)


@pins("ridge")
@derandomized(max_examples=40)
@given(st.integers(0, 10_000), st.sampled_from([0.0, 0.01, 1.0, 50.0]), st.integers(1, 4))
def test_ridge_equals_least_squares_on_the_augmented_system(seed, reg, f):
    rng = np.random.default_rng(seed)
    A, F = rng.normal(0, 1, (30, 6)), rng.normal(0, 1, (30, f))
    assert_returns(ridge_by_lstsq(A, F, reg), fit_ridge, A, F, reg, tol=CLOSE)


@pins("ridge")
def test_no_intercept_is_added():
    A = np.array([[1.0], [2.0], [3.0]])
    F = np.array([[3.0], [5.0], [7.0]])  # 2a + 1: the best line through the origin is 17/7
    assert_returns(np.array([[34 / 14]]), fit_ridge, A, F, 0.0, tol=CLOSE)


@pins("ridge_errors")
def test_mismatched_rows_and_negative_reg_raise():
    assert_raises(ValueError, fit_ridge, A_SMALL, F_SMALL[:2], match="(3, 2)")
    assert_raises(ValueError, fit_ridge, A_SMALL, F_SMALL, -0.5, match="-0.5")
    singular = np.array([[1.0, 2.0], [2.0, 4.0], [3.0, 6.0]])
    assert_raises(np.linalg.LinAlgError, fit_ridge, singular, F_SMALL, 0.0)


@pins("returns")
def test_inputs_are_not_modified_and_the_shape_is_features_by_factors():
    A, F = planted(60, 5, 3)
    W = fit_ridge(A, F, 2.0)
    assert_equal(
        (W.shape, str(W.dtype)), ((5, 3), "float64"), "fit_ridge(A 60x5, F 60x3).shape, dtype"
    )
    assert_returns(ridge_by_lstsq(A, F, 2.0), fit_ridge, A, F, 2.0, tol=CLOSE)


# --- r_squared --------------------------------------------------------------------------------


@pins("r2")
def test_r_squared_of_the_mean_is_zero_and_of_the_truth_one():
    assert_returns(0.0, r_squared, F_SMALL, np.full((3, 1), 2.0))
    assert_returns(1.0, r_squared, F_SMALL, F_SMALL.copy())
    assert_returns(-1.0, r_squared, F_SMALL, np.array([[0.0], [1.0], [3.0]]), tol=CLOSE)


@pins("r2")
def test_r_squared_uses_one_mean_per_factor_and_pools_the_sums():
    F_true = np.array([[0.0, 100.0], [2.0, 104.0]])
    F_pred = np.array([[1.0, 101.0], [1.0, 103.0]])
    # SS_tot = 1 + 1 + 4 + 4 = 10 around (1, 102); SS_res = 1 + 1 + 1 + 1 = 4
    assert_returns(0.6, r_squared, F_true, F_pred, tol=CLOSE)


@pins("r2")
@derandomized(max_examples=40)
@given(st.integers(0, 10_000), st.integers(2, 6), st.integers(1, 3))
def test_r_squared_equals_its_definition(seed, n, f):
    rng = np.random.default_rng(seed)
    F_true, F_pred = rng.normal(0, 1, (n, f)), rng.normal(0, 1, (n, f))
    assert_returns(r2_oracle(F_true, F_pred), r_squared, F_true, F_pred, tol=CLOSE)


@pins("r2")
def test_r_squared_rejects_different_shapes_and_constant_truth():
    assert_raises(ValueError, r_squared, F_SMALL, F_SMALL[:2])
    assert_raises(ValueError, r_squared, np.ones((3, 1)), F_SMALL)


# --- nearest_tracks ---------------------------------------------------------------------------


@pins("neighbours")
def test_nearest_tracks_by_angle_not_length_with_ties_by_index():
    # cosines exact in floating point: axis directions and a 3-4-5 triangle
    F = np.array(
        [[0.0, 3.0], [2.0, 0.0], [3.0, 4.0], [0.0, 0.0], [5.0, 0.0], [0.0, 1.0], [-1.0, 0.0]]
    )
    assert_returns([1, 4, 2, 0, 5, 6], nearest_tracks, F, np.array([1.0, 0.0]), 9)
    assert_returns([1, 4, 2], nearest_tracks, F, np.array([2.0, 0.0]), 3)
    assert_returns([0, 5, 2, 1], nearest_tracks, F, np.array([0.0, 1.0]), 4)


@pins("neighbours")
def test_nearest_tracks_edge_cases():
    F = np.array([[0.0, 0.0], [1.0, 0.0]])
    assert_returns([1], nearest_tracks, F, np.array([1.0, 0.0]), 5)
    assert_returns([], nearest_tracks, F, np.array([1.0, 0.0]), 0)
    assert_raises(ValueError, nearest_tracks, F, np.zeros(2), 1)
    assert_raises(ValueError, nearest_tracks, F, np.array([1.0, 0.0]), -2, match="-2")


@pins("neighbours")
@derandomized(max_examples=40)
@given(st.integers(0, 10_000), st.integers(0, 25))
def test_nearest_tracks_equal_a_full_sort(seed, k):
    rng = np.random.default_rng(seed)
    # directions whose cosines are exact in floating point, at random lengths: ties happen
    directions = np.array(
        [[1, 0, 0], [0, 1, 0], [0, 0, 1], [-1, 0, 0], [0, -1, 0], [3, 4, 0], [0, 0, 0]]
    )
    F = directions[rng.integers(0, 7, 20)] * rng.integers(1, 4, (20, 1)).astype(float)
    q = directions[rng.integers(0, 6)] * float(rng.integers(1, 4))
    assert_returns(neighbours_oracle(F, q, k), nearest_tracks, F, q, k)


# --- quality and scale ------------------------------------------------------------------------


@pins("quality")
def test_held_out_r_squared_on_the_planted_data():
    A, F = planted()
    W = fit_ridge(A[:1_500], F[:1_500], 1.0)
    score = r_squared(F[1_500:], A[1_500:] @ W)
    fail_if(
        None if score >= 0.85 else "the fitted map predicts held-out factors poorly",
        fit_ridge,
        ("A[:1500] (planted, seed 0)", "F[:1500]", 1.0),
        "held-out R² >= 0.85 (the reference reaches 0.8746)",
        f"{score:.4f}",
    )


@pins("scale")
def test_scale_nearest_tracks_over_a_million():
    F = workload(
        "1,000,000 x 32 factors", lambda: np.random.default_rng(3).normal(0, 1, (1_000_000, 32))
    )
    q = np.ones(32)

    def reference():
        norms = np.linalg.norm(F, axis=1)
        sims = (F @ q) / (norms * np.linalg.norm(q))
        return np.lexsort((np.arange(len(F)), -sims))[:10]

    assert_scales(
        lambda: nearest_tracks(F, q, 10),
        reference,
        factor=5,
        what="nearest_tracks over 1,000,000 tracks x 32 factors",
        advice="Compute every similarity at once: F @ q divided by the row norms "
        "(np.linalg.norm(F, axis=1)); never loop over tracks in Python.",
    )
