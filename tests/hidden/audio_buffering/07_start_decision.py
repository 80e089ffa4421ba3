"""Hidden tests for audio_buffering/07_start_decision: fit, simulate, decide."""

from fractions import Fraction
from itertools import pairwise

import numpy as np

from workbook.compare import Tolerance
from workbook.contract import pins
from workbook.grading.asserts import assert_equal, assert_raises, assert_returns, assert_type
from workbook.grading.scale import assert_scales, workload

SIM = Tolerance(rel=0, abs=0.02)
CLOSE = Tolerance(rel=1e-12, abs=1e-12)
TWO = [[0.8, 0.2], [0.4, 0.6]]


def exact_stall_probability(matrix, levels, start, buffered, remaining, bitrate):
    """Dynamic programming over (state, buffer, left to download), in exact fractions."""
    frontier = {(start, Fraction(buffered), Fraction(remaining)): 1.0}
    stall = 0.0
    while frontier:
        following = {}
        for (i, buffer, left), prob in frontier.items():
            if left == 0:
                continue
            for j, pij in enumerate(matrix[i]):
                if pij == 0:
                    continue
                got = min(Fraction(levels[j]) / Fraction(bitrate), left)
                if left - got == 0:
                    continue
                if buffer + got < 1:
                    stall += prob * pij
                    continue
                key = (j, buffer + got - 1, left - got)
                following[key] = following.get(key, 0.0) + prob * pij
        frontier = following
    return stall


def reference(samples, levels):
    """A vectorised fit that calibrates the scale test."""
    grid = np.asarray(levels, dtype=float)
    states = np.searchsorted((grid[:-1] + grid[1:]) / 2, np.asarray(samples, dtype=float))
    k = grid.size
    counts = np.bincount(states[:-1] * k + states[1:], minlength=k * k).reshape(k, k).astype(float)
    empty = counts.sum(axis=1) == 0
    counts[empty, empty] = 1.0
    return counts / counts.sum(axis=1, keepdims=True)


def reference_stall_probability(matrix, levels, start, buffered, remaining, bitrate, n_sims, rng):
    """A vectorised simulation that calibrates the scale test."""
    cumulative = np.cumsum(np.asarray(matrix, dtype=float), axis=1)
    rate = np.asarray(levels, dtype=float) / bitrate
    state = np.full(n_sims, start)
    buffer = np.full(n_sims, float(buffered))
    left = np.full(n_sims, float(remaining))
    running = left > 1e-9
    stalled = np.zeros(n_sims, dtype=bool)
    while running.any():
        state = (
            (rng.random(n_sims)[:, None] >= cumulative[state]).sum(axis=1).clip(max=rate.size - 1)
        )
        got = np.minimum(rate[state], left)
        left = np.where(running, left - got, left)
        buffer = np.where(running, buffer + got, buffer)
        done = running & (left <= 1e-9)
        stall = running & ~done & (buffer < 1 - 1e-9)
        stalled |= stall
        running &= ~(done | stall)
        buffer -= 1.0
    return float(stalled.mean())


def simulated(matrix, levels, start, buffered, remaining, bitrate=160, n_sims=20_000, seed=7):
    """stall_probability with rng = np.random.default_rng(seed)."""
    rng = np.random.default_rng(seed)
    return stall_probability(
        np.array(matrix), levels, start, buffered, remaining, bitrate, n_sims, rng
    )


@pins("fit", "nearest")
def test_fit_the_worked_example():
    expected = np.array([[0.0, 1.0, 0.0], [2 / 3, 1 / 3, 0.0], [0.0, 0.0, 1.0]])
    assert_returns(
        expected, fit_markov_chain, [100, 300, 300, 100, 200, 0], [0, 200, 400], tol=CLOSE
    )
    assert_equal(str(fit_markov_chain([0, 200], [0, 200]).dtype), "float64", "the matrix dtype")


@pins("fit")
def test_fit_counts_from_each_sample_to_the_next():
    # 0 -> 1 three times, 1 -> 0 once: the rows, not the columns, are the "from" states
    assert_returns(np.array([[0.0, 1.0], [1.0, 0.0]]), fit_markov_chain, [0, 9, 0, 9], [0, 9])
    assert_returns(np.array([[0.5, 0.5], [0.0, 1.0]]), fit_markov_chain, [0, 0, 9, 9, 9], [0, 9])
    assert_returns(
        np.array([[2 / 3, 1 / 3], [1.0, 0.0]]), fit_markov_chain, [0, 0, 0, 9, 0], [0, 9], tol=CLOSE
    )


@pins("fit")
def test_a_state_never_left_or_never_seen_gets_a_self_loop():
    assert_returns(
        np.array([[0.0, 1.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]),
        fit_markov_chain,
        [0, 100],
        [0, 100, 200],
    )
    assert_returns(np.eye(3), fit_markov_chain, [200, 200], [0, 100, 200])


@pins("nearest")
def test_halfway_goes_to_the_lower_level_and_the_ends_clamp():
    # 150 is halfway: state 0; 150.001 is state 1; -> transitions 0->1, 1->0
    assert_returns(
        np.array([[0.0, 1.0], [1.0, 0.0]]), fit_markov_chain, [150, 150.001, 150], [100, 200]
    )
    assert_returns(np.array([[0.0, 1.0], [1.0, 0.0]]), fit_markov_chain, [0, 10_000, 0], [100, 200])


@pins("fit", "nearest")
def test_fit_matches_a_counting_loop_on_random_traces():
    rng = np.random.default_rng(11)
    levels = [0, 80, 160, 320, 640]
    for _ in range(20):
        samples = rng.choice([0, 40, 41, 120, 200, 240, 500, 900, 80], rng.integers(2, 60)).tolist()
        states = [min(range(5), key=lambda i: (abs(s - levels[i]), i)) for s in samples]
        counts = np.zeros((5, 5))
        for a, b in pairwise(states):
            counts[a, b] += 1
        for i in range(5):
            if counts[i].sum() == 0:
                counts[i, i] = 1
        expected = counts / counts.sum(axis=1, keepdims=True)
        assert_returns(expected, fit_markov_chain, samples, levels, tol=CLOSE)


@pins("stall", "step")
def test_constant_throughput_is_exactly_zero_or_one():
    one = np.array([[1.0]])
    for level, buffered, remaining, expected in (
        (320, 0, 100, 0.0),
        (160, 0, 50, 0.0),
        (80, 0, 100, 1.0),
        (80, 2, 100, 1.0),
        (80, 2, 1.5, 0.0),
        (80, 2, 3.5, 1.0),
        (80, 0, 0.5, 0.0),
        (0, 5, 0, 0.0),
        (0, 0.5, 0.25, 1.0),
    ):
        assert_returns(expected, simulated, one, [level], 0, buffered, remaining, 160, 500, 0)


@pins("step")
def test_units_are_kilobits_over_kilobits():
    # 1411 kbit/s at 1411 kbit/s is exactly one second per second: never a stall
    assert_returns(0.0, simulated, [[1.0]], [1411], 0, 0, 30, 1411, 200, 0)
    assert_returns(1.0, simulated, [[1.0]], [1410], 0, 0, 30, 1411, 200, 0)


@pins("step")
def test_the_first_second_is_drawn_from_the_start_state_row():
    # state 0 always moves to the fast state 1; state 1 always moves to the dead state 0
    flip = [[0.0, 1.0], [1.0, 0.0]]
    assert_returns(0.0, simulated, flip, [0, 320], 0, 0, 1, 160, 100, 0)
    assert_returns(1.0, simulated, flip, [0, 320], 1, 0, 1, 160, 100, 0)


@pins("stall")
def test_a_buffer_within_eps_of_one_second_does_not_stall():
    # 1 - 1e-10 s per second: each buffer is short of 1 s by less than EPS, so no stall
    assert_returns(0.0, simulated, [[1.0]], [160 * (1 - 1e-10)], 0, 0, 5, 160, 100, 0)
    # 2e-8 s short is a real shortfall: the first second stalls
    assert_returns(1.0, simulated, [[1.0]], [160 * (1 - 2e-8)], 0, 0, 5, 160, 100, 0)
    assert_returns(1.0, simulated, [[1.0]], [0], 0, 1 - 2e-8, 5, 160, 100, 0)


@pins("estimate", "step", "stall")
def test_two_state_chain_matches_exact_dynamic_programming():
    for start in (0, 1):
        for buffered, remaining in ((1, 10), (2, 20), (0, 5), (3, 30)):
            expected = exact_stall_probability(TWO, [80, 320], start, buffered, remaining, 160)
            assert_returns(expected, simulated, TWO, [80, 320], start, buffered, remaining, tol=SIM)


@pins("estimate")
def test_returns_a_float_and_the_same_seed_gives_the_same_answer():
    first = simulated(TWO, [80, 320], 0, 2, 20)
    assert_type(first, float, "stall_probability(...)")
    assert_equal(simulated(TWO, [80, 320], 0, 2, 20), first, "a second call with the same seed")
    small = stall_probability(np.array(TWO), [80, 320], 0, 2, 20, 160, 7, np.random.default_rng(1))
    assert_equal(
        small * 7 == round(small * 7), True, "stall_probability(n_sims=7) * 7 is a whole count"
    )


@pins("decision")
def test_start_now_returns_bool_and_uses_the_last_sample_state():
    assert_returns(True, start_now, [320] * 30, [80, 320], 0, 60, 160, 0.0)
    assert_returns(False, start_now, [80] * 30, [80, 320], 2, 60, 160, 0.5)
    # alternating trace: 80 is always followed by 320 and 320 by 80; one second of buffer
    # survives only if the first simulated second is fast, i.e. the last sample was 80
    assert_returns(True, start_now, [320, 80] * 10, [80, 320], 0.4, 1, 160, 0.0)
    assert_returns(False, start_now, [80, 320] * 10, [80, 320], 0.4, 1, 160, 0.0)


@pins("decision")
def test_a_probability_equal_to_p_starts():
    assert_returns(True, start_now, [80] * 5, [80], 0, 10, 160, 1.0)
    assert_returns(True, start_now, [320] * 5, [320], 0, 10, 160, 0.0)
    assert_returns(False, start_now, [80] * 5, [80], 0, 10, 160, 0.999)
    assert_returns(False, start_now, [80, 320] * 5, [80, 320], 0.4, 1, 160, 0.999)


@pins("errors")
def test_every_documented_error():
    rng = np.random.default_rng(0)
    for args in (
        ([0, 1], []),
        ([0, 1], [100, 100]),
        ([0, 1], [200, 100]),
        ([0, 1], [-1, 100]),
        ([0, 1], [0, float("inf")]),
        ([5], [0, 100]),
        ([], [0, 100]),
        ([5, -1], [0, 100]),
        ([5, float("nan")], [0, 100]),
    ):
        assert_raises(ValueError, fit_markov_chain, *args)
    good = (np.eye(2), [0, 100], 0, 1, 10, 160, 10, rng)
    for index, bad in (
        (0, np.eye(3)),
        (0, np.array([[0.5, 0.4], [0.0, 1.0]])),
        (0, np.array([[1.5, -0.5], [0.0, 1.0]])),
        (1, [0, 100, 200]),
        (1, [100, 0]),
        (2, 2),
        (2, -1),
        (2, 0.0),
        (3, -0.1),
        (4, -1),
        (5, 0),
        (5, -160),
        (6, 0),
        (6, 2.5),
    ):
        args = list(good)
        args[index] = bad
        assert_raises(ValueError, stall_probability, *args)
    for p in (-0.01, 1.01):
        assert_raises(ValueError, start_now, [80, 80], [80], 1, 1, 160, p)


@pins("inputs")
def test_inputs_are_not_modified_and_arrays_work_like_lists():
    samples = np.array([100.0, 300.0, 300.0, 100.0, 200.0, 0.0])
    levels = np.array([0.0, 200.0, 400.0])
    before = (samples.copy(), levels.copy())
    matrix = fit_markov_chain(samples, levels)
    assert_equal((samples, levels), before, "samples and levels after fit_markov_chain")
    assert_returns(matrix, fit_markov_chain, samples.tolist(), levels.tolist())
    kept = matrix.copy()
    stall_probability(matrix, levels, 1, 2, 10, 160, 100, np.random.default_rng(0))
    assert_equal(matrix, kept, "the matrix after stall_probability")
    start_now(samples, levels, 2, 10, 160, 0.1)
    assert_equal((samples, levels), before, "samples and levels after start_now")


def big_samples() -> np.ndarray:
    return np.random.default_rng(5).uniform(0, 3000, 1_000_000)


@pins("scale")
def test_scale_fit_a_million_samples_and_simulate_ten_thousand_runs():
    fit_markov_chain([0, 1], [0, 1])
    samples = workload("start_decision_samples", big_samples)
    levels = np.linspace(0, 3000, 16)
    assert_scales(
        lambda: fit_markov_chain(samples, levels),
        lambda: reference(samples, levels),
        factor=5,
        what="fit_markov_chain on 1,000,000 samples and 16 levels",
        advice="Map all samples with one np.searchsorted and count pairs with np.bincount.",
    )
    chain = np.full((16, 16), 1 / 16)
    assert_scales(
        lambda: stall_probability(chain, levels, 3, 2, 300, 160, 10_000, np.random.default_rng(0)),
        lambda: reference_stall_probability(
            chain, levels, 3, 2, 300, 160, 10_000, np.random.default_rng(0)
        ),
        factor=5,
        what="stall_probability, 10,000 runs of a 300 s download",
        advice="Simulate all runs together: one rng.random(n_sims) and one numpy step per second.",
    )
