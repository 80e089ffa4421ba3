"""Hidden tests for experimentation_ml/05_quantile_difference: the weighted quantile against
numpy on expanded samples, the Poisson bootstrap against a multinomial one, and coverage."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from workbook.compare import Tolerance
from workbook.contract import pins
from workbook.grading.asserts import assert_equal, assert_raises, assert_returns, fail_if
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales, workload


def app_starts(n=20_000, slow_tail=0.0, seed=0):
    rng = np.random.default_rng(seed)
    times = rng.lognormal(np.log(800), 0.35, n)
    slowest = times > np.quantile(times, 0.8)
    return np.where(slowest, times * (1 + slow_tail), times)


CONTROL = app_starts(seed=1)
TREATMENT = app_starts(slow_tail=0.25, seed=2)


def expanded_quantile(values, weights, q):
    return float(
        np.quantile(np.repeat(np.asarray(values, dtype=float), weights), q, method="inverted_cdf")
    )


def multinomial_ci(control, treatment, q, n_boot, seed, level=0.95):
    rng = np.random.default_rng(seed)
    diffs = []
    for _ in range(n_boot):
        c = rng.choice(control, len(control))
        t = rng.choice(treatment, len(treatment))
        diffs.append(
            np.quantile(t, q, method="inverted_cdf") - np.quantile(c, q, method="inverted_cdf")
        )
    return np.quantile(diffs, [(1 - level) / 2, (1 + level) / 2])


# --- weighted_quantile --------------------------------------------------------------------


@pins("quantile_rule")
def test_weighted_quantile_of_the_statement_examples():
    assert_returns(20.0, weighted_quantile, [10, 20, 30, 40], [1, 1, 1, 1], 0.5)
    assert_returns(40.0, weighted_quantile, [10, 20, 30, 40], [0, 3, 0, 1], 0.9)
    assert_returns(10.0, weighted_quantile, [10, 20, 30, 40], [2, 0, 1, 1], 0.0)
    assert_returns(30.0, weighted_quantile, [40, 10, 30, 20], [1, 1, 1, 1], 0.75)
    assert_returns(20.0, weighted_quantile, [10, 20, 30], [0, 1, 1], 0.0)
    assert_returns(30.0, weighted_quantile, [10, 20, 30], [1, 1, 1], 1.0)


@pins("quantile_rule")
@derandomized(max_examples=150)
@given(
    st.lists(st.tuples(st.integers(-50, 50), st.integers(0, 4)), min_size=1, max_size=12).filter(
        lambda rows: sum(w for _, w in rows) > 0
    ),
    st.floats(0, 1),
)
def test_weighted_quantile_equals_numpy_on_the_expanded_sample(rows, q):
    values, weights = [v for v, _ in rows], [w for _, w in rows]
    assert_returns(expanded_quantile(values, weights, q), weighted_quantile, values, weights, q)


# --- poisson_bootstrap_ci -----------------------------------------------------------------


@pins("estimate")
def test_the_estimate_is_the_plain_quantile_difference():
    result = poisson_bootstrap_ci(CONTROL, TREATMENT, 0.9, 50, 0)
    expected = expanded_quantile(TREATMENT, 1, 0.9) - expanded_quantile(CONTROL, 1, 0.9)
    assert_equal(type(result).__name__, "tuple", "type(poisson_bootstrap_ci(...))")
    assert_equal(
        result[0],
        expected,
        "poisson_bootstrap_ci(CONTROL, TREATMENT, 0.9, 50, 0)[0]",
        Tolerance(rel=1e-12),
    )
    assert_equal(
        [type(x).__name__ for x in result], ["float"] * 3, "types of (estimate, low, high)"
    )


@pins("bootstrap")
def test_the_same_seed_gives_the_same_interval_and_intervals_contain_the_estimate():
    first = poisson_bootstrap_ci(CONTROL, TREATMENT, 0.9, 300, 4)
    assert_equal(
        first, poisson_bootstrap_ci(CONTROL, TREATMENT, 0.9, 300, 4), "two calls with seed 4"
    )
    estimate, low, high = first
    fail_if(
        None if low <= estimate <= high else "the estimate is outside its own interval",
        poisson_bootstrap_ci,
        ("CONTROL", "TREATMENT", 0.9, 300, 4),
        "low <= estimate <= high",
        str(first),
    )


@pins("bootstrap")
def test_interval_ends_are_the_quantiles_of_bootstrap_differences():
    # a one-value control: its quantile is fixed, so the interval is the treatment's alone
    control = np.array([5.0])
    treatment = np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0])
    _, low, high = poisson_bootstrap_ci(control, treatment, 0.5, 4_000, 0, 0.5)
    rng = np.random.default_rng(12)
    sims = []
    for _ in range(20_000):
        w = rng.poisson(1.0, 8)
        if w.sum():
            sims.append(expanded_quantile(treatment, w, 0.5) - 5.0)
    lo_ref, hi_ref = np.quantile(sims, [0.25, 0.75])
    fail_if(
        None
        if abs(low - lo_ref) <= 0.5 and abs(high - hi_ref) <= 0.5
        else "the interval is not the bootstrap's quartiles",
        poisson_bootstrap_ci,
        ("[5.0]", "[1..8]", 0.5, 4000, 0, 0.5),
        f"about ({lo_ref:.2f}, {hi_ref:.2f})",
        f"({low:.2f}, {high:.2f})",
    )


@pins("agreement")
def test_poisson_and_multinomial_bootstraps_agree():
    control, treatment = CONTROL[:5_000], TREATMENT[:5_000]
    _, low, high = poisson_bootstrap_ci(control, treatment, 0.9, 1_000, 3)
    ref_low, ref_high = workload(
        "multinomial CI", lambda: multinomial_ci(control, treatment, 0.9, 2_000, 5)
    )
    width = ref_high - ref_low
    ok = abs(low - ref_low) <= 0.15 * width and abs(high - ref_high) <= 0.15 * width
    fail_if(
        None if ok else "differs from the multinomial bootstrap",
        poisson_bootstrap_ci,
        ("CONTROL[:5000]", "TREATMENT[:5000]", 0.9, 1000, 3),
        f"({ref_low:.1f}, {ref_high:.1f}) ± {0.15 * width:.1f}",
        f"({low:.1f}, {high:.1f})",
    )


@pins("coverage")
def test_the_95_percent_interval_covers_the_true_difference():
    # exponential samples: the true p90 is 10 ln 10 for scale 10, and 12 ln 10 for scale 12
    truth = (12 - 10) * np.log(10)
    rng = np.random.default_rng(8)
    covered = 0
    for trial in range(100):
        control, treatment = rng.exponential(10, 800), rng.exponential(12, 800)
        _, low, high = poisson_bootstrap_ci(control, treatment, 0.9, 200, trial)
        covered += low <= truth <= high
    fail_if(
        None if covered >= 88 else "the interval misses the truth too often",
        poisson_bootstrap_ci,
        ("exponential(10), exponential(12), 800 each", 0.9, 200, "seed"),
        "at least 88 of 100 covering",
        f"{covered} of 100",
    )


@pins("errors")
def test_invalid_arguments_raise_value_error():
    assert_raises(ValueError, weighted_quantile, [1, 2], [1, 1], 1.5, match="1.5")
    assert_raises(ValueError, weighted_quantile, [1, 2], [1, -1], 0.5, match="-1")
    assert_raises(ValueError, weighted_quantile, [1, 2], [0, 0], 0.5)
    assert_raises(ValueError, weighted_quantile, [1, 2, 3], [1, 1], 0.5)
    assert_raises(ValueError, weighted_quantile, [], [], 0.5)
    assert_raises(ValueError, poisson_bootstrap_ci, [1.0], [], 0.5, 10, 0)
    assert_raises(ValueError, poisson_bootstrap_ci, [1.0], [2.0], 0.5, 0, 0, match="0")
    assert_raises(ValueError, poisson_bootstrap_ci, [1.0], [2.0], 0.5, 10, 0, 1.0, match="1.0")


@pins("errors")
def test_inputs_are_not_modified():
    values, weights = np.array([40.0, 10.0, 30.0, 20.0]), np.array([1.0, 1.0, 1.0, 1.0])
    assert_returns(30.0, weighted_quantile, values, weights, 0.75)
    control, treatment = CONTROL.copy()[::-1].copy(), TREATMENT.copy()
    expected = expanded_quantile(treatment, 1, 0.5) - expanded_quantile(control, 1, 0.5)
    result = poisson_bootstrap_ci(control, treatment, 0.5, 20, 0)
    assert_equal(result[0], expected, "estimate", Tolerance(rel=1e-12))
    assert_equal(control, CONTROL[::-1], "control after poisson_bootstrap_ci")


@pins("scale")
def test_scale_weighted_quantile_of_a_million_values():
    rng = np.random.default_rng(6)
    values = workload("1,000,000 values", lambda: rng.lognormal(6.7, 0.4, 1_000_000))
    weights = workload("their weights", lambda: rng.poisson(1.0, 1_000_000).astype(float))

    def reference():
        order = np.argsort(values)
        cumulative = np.cumsum(weights[order])
        return values[order][np.searchsorted(cumulative, 0.9 * cumulative[-1])]

    assert_scales(
        lambda: weighted_quantile(values, weights, 0.9),
        reference,
        factor=5,
        what="weighted_quantile of 1,000,000 values",
        advice="Sort once, accumulate the weights in sorted order, and binary-search the target "
        "(np.searchsorted); never add up the weights below each candidate value separately.",
    )
