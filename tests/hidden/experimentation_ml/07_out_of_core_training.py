"""Hidden tests for experimentation_ml/07_out_of_core_training: features against an independent
row-by-row build, streaming SGD against a full-batch numpy replay of the same updates and against
Newton's optimum, a tracemalloc cap on a million-row CSV, and the leakage rule."""

import itertools
import math
import pathlib
import tempfile
import tracemalloc

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from workbook.compare import Tolerance
from workbook.contract import pins
from workbook.grading.asserts import (
    assert_equal,
    assert_raises,
    assert_returns,
    assert_type,
    fail_if,
)
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales, workload

CLOSE = Tolerance(rel=1e-9, abs=1e-12)
EXAMPLE_SCALING = (2.5, math.sqrt(1.25))
MEMORY_CAP = 25_000_000  # bytes of peak traced memory
BIG_ROWS = 600_000
SCALE_ROWS = 500_000


def example_frame():
    return pd.DataFrame(
        {
            "session_position": [1, 2, 3, 4],
            "premium": [0, 1, 1, 0],
            "skipped_previous": [0, 0, 1, 1],
            "paused_before_play": [1, 0, 0, 0],
            "hour_of_day": [23, 7, 12, 5],
            "skipped": [0, 1, 1, 0],
            "session_length": [4, 4, 4, 4],
        }
    )


def sessions(n_rows, seed):
    """Independent generator: rows of skip data with a future column that predicts the label."""
    rng = np.random.default_rng(seed)
    position = rng.integers(1, 21, n_rows)
    premium = rng.integers(0, 2, n_rows)
    previous = rng.integers(0, 2, n_rows)
    paused = (rng.random(n_rows) < 0.1).astype(np.int64)
    hour = rng.integers(0, 24, n_rows)
    logit = -0.8 + 0.05 * position - 0.5 * premium + 1.2 * previous - 0.6 * paused
    skipped = (rng.random(n_rows) < 1 / (1 + np.exp(-logit))).astype(np.int64)
    return pd.DataFrame(
        {
            "session_id": np.arange(n_rows) // 15,
            "session_position": position,
            "session_length": position + rng.integers(0, 10, n_rows),
            "hour_of_day": hour,
            "premium": premium,
            "skipped_previous": previous,
            "paused_before_play": paused,
            "skipped": skipped,
            "skipped_next": np.where(rng.random(n_rows) < 0.8, skipped, 1 - skipped),
        }
    )


def features_oracle(frame, scaling):
    """Row by row, from the table in the statement."""
    mean, std = scaling
    rows = []
    for r in frame.itertuples(index=False):
        bucket = [0.0] * 4
        bucket[int(r.hour_of_day) // 6] = 1.0
        rows.append(
            [
                (r.session_position - mean) / std,
                float(r.premium),
                float(r.skipped_previous),
                float(r.paused_before_play),
                *bucket,
            ]
        )
    return np.array(rows, dtype=np.float64).reshape(len(rows), 8)


def replay(frame, scaling, chunk_rows, epochs, lr, batch_size, l2, seed):
    """The pinned updates on the whole frame in memory, chunk boundaries every `chunk_rows` rows."""
    x = features_oracle(frame, scaling)
    y = frame["skipped"].to_numpy(dtype=float)
    return replay_arrays(x, y, chunk_rows, epochs, lr, batch_size, l2, seed)


def replay_arrays(x, y, chunk_rows, epochs, lr, batch_size, l2, seed):
    rng = np.random.default_rng(seed)
    w = np.zeros(x.shape[1])
    for _ in range(epochs):
        for lo in range(0, len(y), chunk_rows):
            xc, yc = x[lo : lo + chunk_rows], y[lo : lo + chunk_rows]
            order = rng.permutation(len(yc))
            for start in range(0, len(yc), batch_size):
                b = order[start : start + batch_size]
                p = 1.0 / (1.0 + np.exp(-(xc[b] @ w)))
                w = w - lr * (xc[b].T @ (p - yc[b]) / len(b) + l2 * w)
    return w


def newton_optimum(x, y, l2):
    """Minimiser of mean log loss + l2 / 2 * ||w||^2 by Newton's method."""
    w = np.zeros(x.shape[1])
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        gradient = x.T @ (p - y) / len(y) + l2 * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x / len(y) + l2 * np.eye(x.shape[1])
        w = w - np.linalg.solve(hessian, gradient)
    return w


def in_chunks(frame, rows):
    """A `chunks()` callable over slices of an in-memory frame (fresh copies each call)."""
    return lambda: (frame.iloc[lo : lo + rows].copy() for lo in range(0, len(frame), rows))


def big_csv():
    def build():
        folder = pathlib.Path(tempfile.mkdtemp(prefix="ooc_"))
        path = folder / "sessions.csv"
        sessions(BIG_ROWS, seed=99).to_csv(path, index=False)
        return path

    return workload("a 600,000-row sessions CSV", build)


# --- features ---------------------------------------------------------------------------------


@pins("features")
def test_features_of_the_worked_example():
    expected = np.array(
        [
            [-1.5 / math.sqrt(1.25), 0, 0, 1, 0, 0, 0, 1],
            [-0.5 / math.sqrt(1.25), 1, 0, 0, 0, 1, 0, 0],
            [0.5 / math.sqrt(1.25), 1, 1, 0, 0, 0, 1, 0],
            [1.5 / math.sqrt(1.25), 0, 1, 0, 1, 0, 0, 0],
        ],
        dtype=np.float64,
    )
    assert_returns(expected, build_features, example_frame(), EXAMPLE_SCALING, tol=CLOSE)
    assert_returns(np.empty((0, 8)), build_features, example_frame().head(0), EXAMPLE_SCALING)


@pins("features")
def test_hour_buckets_change_at_6_12_and_18():
    hours = [0, 5, 6, 11, 12, 17, 18, 23]
    frame = pd.DataFrame(
        {
            "session_position": [3] * 8,
            "premium": [1] * 8,
            "skipped_previous": [0] * 8,
            "paused_before_play": [0] * 8,
            "hour_of_day": hours,
        }
    )
    expected = features_oracle(frame, (3.0, 2.0))
    assert_returns(expected, build_features, frame, (3.0, 2.0), tol=CLOSE)


@pins("features")
@derandomized(max_examples=30, shrink=False)
@given(st.integers(1, 40), st.integers(0, 10_000), st.floats(-5, 25), st.floats(0.1, 9))
def test_features_equal_a_row_by_row_build(n_rows, seed, mean, std):
    frame = sessions(n_rows, seed)
    expected = features_oracle(frame, (mean, std))
    assert_returns(expected, build_features, frame, (mean, std), tol=CLOSE)


# --- fixed scaling (training-serving skew) -------------------------------------------------------


@pins("fixed_scaling")
def test_serving_one_row_gives_its_training_features():
    frame, scaling = sessions(300, seed=5), (10.5, 5.766281297335398)
    batch = build_features(frame, scaling)
    fail_if(
        None if batch.shape == (300, 8) else f"shape {batch.shape}",
        build_features,
        (frame, scaling),
        "shape (300, 8)",
        str(batch.shape),
    )
    for i in (0, 17, 299):
        row = frame.iloc[[i]]
        assert_returns(batch[i : i + 1], build_features, row, scaling, tol=CLOSE)
    # a training chunk of 50 rows: same features as in the full frame
    assert_returns(batch[100:150], build_features, frame.iloc[100:150], scaling, tol=CLOSE)


@pins("fixed_scaling", "update_rule")
def test_training_uses_the_scaling_passed_in_for_every_chunk():
    frame = sessions(400, seed=6)
    scaling = (7.0, 3.0)  # deliberately not the data's own statistics
    expected = replay(frame, scaling, 100, 2, 0.5, 40, 1e-3, 3)
    assert_returns(
        expected, sgd_logistic, in_chunks(frame, 100), scaling, 2, 0.5, 40, 1e-3, 3, tol=CLOSE
    )


# --- no future inputs (leakage in the features) -------------------------------------------------


@pins("no_future_inputs")
def test_features_ignore_columns_from_the_future():
    frame = sessions(200, seed=8)
    scaling = (10.0, 6.0)
    expected = features_oracle(frame, scaling)
    scrambled = frame.copy()
    scrambled["session_length"] = 1_000
    scrambled["skipped_next"] = 1 - frame["skipped_next"]
    scrambled["skipped"] = 0
    assert_returns(expected, build_features, scrambled, scaling, tol=CLOSE)
    only_inputs = frame[
        ["hour_of_day", "paused_before_play", "session_position", "skipped_previous", "premium"]
    ].copy()
    assert_returns(expected, build_features, only_inputs, scaling, tol=CLOSE)


# --- position scaling -----------------------------------------------------------------------------


@pins("scaling")
def test_position_scaling_of_the_example():
    assert_returns(EXAMPLE_SCALING, position_scaling, [example_frame()], tol=CLOSE)
    one = example_frame().head(1)
    assert_returns((1.0, 0.0), position_scaling, [one])


@pins("scaling")
def test_position_scaling_over_unequal_chunks_in_one_pass():
    frame = sessions(1_234, seed=9)
    position = frame["session_position"].to_numpy(dtype=float)
    expected = (float(position.mean()), float(position.std(ddof=0)))
    bounds = [0, 10, 700, 701, 1_234]
    generator = (frame.iloc[lo:hi].copy() for lo, hi in itertools.pairwise(bounds))
    result = position_scaling(generator)
    assert_type(result, tuple, "position_scaling(a generator of 4 chunks)")
    for value in result:
        assert_type(value, float, "position_scaling(a generator of 4 chunks)")
    assert_returns(
        expected,
        position_scaling,
        [frame.iloc[lo:hi] for lo, hi in itertools.pairwise(bounds)],
        tol=CLOSE,
    )
    assert_equal(result, expected, "position_scaling(a generator of 4 unequal chunks)", CLOSE)


# --- update rule ------------------------------------------------------------------------------


@pins("update_rule")
def test_first_full_batch_step_of_the_worked_example():
    expected = np.array([0.0, 0.25, 0.0, -0.125, -0.125, 0.125, 0.125, -0.125])
    assert_returns(
        expected,
        sgd_logistic,
        lambda: [example_frame()],
        EXAMPLE_SCALING,
        1,
        1.0,
        4,
        0.0,
        tol=CLOSE,
    )
    # with l2: the first step from zero is the same (l2 * 0 = 0); the second is not
    twice = replay(example_frame(), EXAMPLE_SCALING, 4, 2, 1.0, 4, 0.5, 0)
    assert_returns(
        twice, sgd_logistic, lambda: [example_frame()], EXAMPLE_SCALING, 2, 1.0, 4, 0.5, tol=CLOSE
    )


@pins("update_rule")
def test_streaming_sgd_equals_a_full_batch_replay_from_csv():
    frame = sessions(2_500, seed=10)
    with tempfile.TemporaryDirectory() as folder:
        path = pathlib.Path(folder) / "train.csv"
        frame.to_csv(path, index=False)
        scaling = (10.0, 5.5)
        expected = replay(frame, scaling, 700, 3, 0.3, 64, 1e-3, 7)
        assert_returns(
            expected,
            sgd_logistic,
            lambda: pd.read_csv(path, chunksize=700),
            scaling,
            3,
            0.3,
            64,
            1e-3,
            7,
            tol=CLOSE,
        )


@pins("update_rule")
@derandomized(max_examples=20, shrink=False)
@given(
    st.integers(1, 60),
    st.integers(1, 25),
    st.integers(1, 30),
    st.integers(1, 3),
    st.sampled_from([0.0, 1e-3, 0.1]),
    st.integers(0, 2**32 - 1),
)
def test_batches_never_span_chunks_and_one_generator_serves_all_epochs(
    n_rows, chunk_rows, batch_size, epochs, l2, seed
):
    frame = sessions(n_rows, seed % 1000)
    scaling = (10.0, 6.0)
    expected = replay(frame, scaling, chunk_rows, epochs, 0.2, batch_size, l2, seed)
    assert_returns(
        expected,
        sgd_logistic,
        in_chunks(frame, chunk_rows),
        scaling,
        epochs,
        0.2,
        batch_size,
        l2,
        seed,
        tol=CLOSE,
    )


@pins("update_rule")
def test_full_batch_descent_converges_to_newtons_optimum():
    frame = sessions(800, seed=11)
    position = frame["session_position"].to_numpy(dtype=float)
    scaling = (float(position.mean()), float(position.std()))
    x, y = features_oracle(frame, scaling), frame["skipped"].to_numpy(dtype=float)
    optimum = newton_optimum(x, y, 0.01)
    weights = sgd_logistic(lambda: [frame], scaling, 250, 2.0, len(frame), 0.01)
    assert_equal_close(weights, optimum, 1e-6, "250 full-batch epochs, lr=2, l2=0.01")
    # mini-batches hover around the optimum
    weights = sgd_logistic(in_chunks(frame, 500), scaling, 20, 0.3, 100, 0.01, 1)
    assert_equal_close(weights, optimum, 0.1, "20 epochs of batches of 100, lr=0.3")


def assert_equal_close(actual, expected, tolerance, what):
    gap = float(np.max(np.abs(np.asarray(actual, dtype=float) - expected)))
    fail_if(
        None if gap <= tolerance else f"largest gap {gap:.3g} > {tolerance}",
        sgd_logistic,
        (what,),
        f"within {tolerance} of Newton's optimum {np.round(expected, 6).tolist()}",
        str(np.round(np.asarray(actual, dtype=float), 6).tolist()),
    )


# --- memory -----------------------------------------------------------------------------------


def peak_bytes(fn):
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pins("memory")
def test_peak_memory_on_a_600_000_row_csv_stays_under_25_mb():
    path = big_csv()
    scaling = (10.5, 5.77)
    for name, run in (
        ("position_scaling", lambda: position_scaling(pd.read_csv(path, chunksize=50_000))),
        (
            "sgd_logistic",
            lambda: sgd_logistic(
                lambda: pd.read_csv(path, chunksize=50_000), scaling, 1, 0.1, 1_000
            ),
        ),
    ):
        peak = peak_bytes(run)
        fail_if(
            None if peak < MEMORY_CAP else f"peak traced memory {peak / 1e6:.1f} MB",
            run,
            (),
            f"{name} over pd.read_csv(<600,000 rows>, chunksize=50_000) under 25 MB",
            f"{peak / 1e6:.1f} MB",
        )


# --- serving ----------------------------------------------------------------------------------


@pins("serving")
def test_predict_skip_is_the_sigmoid_of_the_training_features():
    frame = sessions(50, seed=12)
    scaling = (10.0, 6.0)
    weights = np.array([0.3, -0.5, 1.2, -0.6, -0.4, -0.2, 0.1, 0.2])
    expected = 1.0 / (1.0 + np.exp(-(features_oracle(frame, scaling) @ weights)))
    assert_returns(expected, predict_skip, weights, frame, scaling, tol=CLOSE)
    assert_returns(expected[7:8], predict_skip, weights, frame.iloc[[7]], scaling, tol=CLOSE)


# --- leakage ----------------------------------------------------------------------------------


@pins("leakage")
def test_leaks_future_flags_columns_known_after_track_start():
    assert_returns(
        ["skipped_next", "skipped"],
        leaks_future,
        ["premium", "skipped_next", "session_position", "skipped"],
    )
    assert_returns(
        [],
        leaks_future,
        [
            "session_id",
            "hour_of_day",
            "premium",
            "session_position",
            "skipped_previous",
            "paused_before_play",
        ],
    )
    assert_returns(
        ["session_length", "seconds_played", "skipped"],
        leaks_future,
        ["session_length", "premium", "seconds_played", "skipped"],
    )
    assert_returns([], leaks_future, [])


@pins("leakage")
def test_unknown_columns_are_never_assumed_safe():
    assert_raises(ValueError, leaks_future, ["premium", "user_skip_rate_today"], match="user_skip")
    assert_raises(ValueError, leaks_future, ["Premium"], match="Premium")


# --- errors and mutation ----------------------------------------------------------------------


@pins("errors")
def test_invalid_inputs_raise_value_error():
    frame = example_frame()
    assert_raises(
        ValueError, build_features, frame.drop(columns="premium"), EXAMPLE_SCALING, match="premium"
    )
    bad_hour = frame.assign(hour_of_day=[23, 7, 24, 5])
    assert_raises(ValueError, build_features, bad_hour, EXAMPLE_SCALING, match="24")
    assert_raises(
        ValueError, build_features, frame.assign(hour_of_day=[-1, 7, 2, 5]), EXAMPLE_SCALING
    )
    assert_raises(ValueError, build_features, frame, (2.5, 0.0), match="0.0")
    assert_raises(ValueError, build_features, frame, (2.5, -1.0), match="-1.0")
    assert_raises(ValueError, build_features, frame, (2.5, math.nan), match="nan")
    chunks = lambda: [example_frame()]  # noqa: E731
    assert_raises(ValueError, sgd_logistic, chunks, EXAMPLE_SCALING, 0, match="0")
    assert_raises(ValueError, sgd_logistic, chunks, EXAMPLE_SCALING, 1, 0.1, 0, match="0")
    assert_raises(ValueError, sgd_logistic, chunks, EXAMPLE_SCALING, 1, 0.0, match="0.0")
    assert_raises(ValueError, sgd_logistic, chunks, EXAMPLE_SCALING, 1, -0.1, match="-0.1")
    assert_raises(ValueError, sgd_logistic, chunks, EXAMPLE_SCALING, 1, 0.1, 4, -1e-3)
    labels = lambda: [example_frame().assign(skipped=[0, 1, 2, 0])]  # noqa: E731
    assert_raises(ValueError, sgd_logistic, labels, EXAMPLE_SCALING, match="2")
    assert_raises(ValueError, sgd_logistic, lambda: [], EXAMPLE_SCALING)
    assert_raises(ValueError, sgd_logistic, lambda: [frame.head(0)], EXAMPLE_SCALING)
    assert_raises(ValueError, position_scaling, [])
    assert_raises(ValueError, position_scaling, [frame.head(0)])


@pins("no_mutation")
def test_inputs_are_not_modified():
    frame = sessions(120, seed=13)
    before = frame.copy()
    build_features(frame, (10.0, 6.0))
    predict_skip(np.ones(8), frame, (10.0, 6.0))
    position_scaling([frame])
    sgd_logistic(lambda: [frame], (10.0, 6.0), 2, 0.1, 32)
    problem = None
    try:
        pd.testing.assert_frame_equal(frame, before)
    except AssertionError as error:
        problem = str(error).splitlines()[0]
    fail_if(problem, sgd_logistic, (before,), "the frame unchanged", f"changed: {problem}")
    columns = ["skipped", "premium"]
    assert_returns(["skipped"], leaks_future, columns)


# --- scale ------------------------------------------------------------------------------------


@pins("scale")
def test_scale_one_epoch_over_500_000_rows():
    frame = workload("500,000 in-memory rows", lambda: sessions(SCALE_ROWS, seed=98))
    scaling = (10.5, 5.77)
    chunks = [frame.iloc[lo : lo + 50_000] for lo in range(0, SCALE_ROWS, 50_000)]

    def reference():
        rng = np.random.default_rng(0)
        w = np.zeros(8)
        for chunk in chunks:
            hour = chunk["hour_of_day"].to_numpy()
            x = np.column_stack(
                [
                    (chunk["session_position"].to_numpy(dtype=float) - scaling[0]) / scaling[1],
                    chunk[["premium", "skipped_previous", "paused_before_play"]].to_numpy(float),
                    (hour[:, None] // 6 == np.arange(4)).astype(float),
                ]
            )
            y = chunk["skipped"].to_numpy(dtype=float)
            order = rng.permutation(len(y))
            for start in range(0, len(y), 256):
                b = order[start : start + 256]
                w = w - 0.1 * (x[b].T @ (1 / (1 + np.exp(-(x[b] @ w))) - y[b]) / len(b) + 1e-4 * w)
        return w

    assert_scales(
        lambda: sgd_logistic(lambda: iter(chunks), scaling),
        reference,
        factor=5,
        what="one epoch of sgd_logistic over 500,000 rows in chunks of 50,000, batches of 256",
        advice="Build each chunk's feature matrix once with vectorised numpy and update with one "
        "matrix product per batch; never loop over rows in Python.",
    )
