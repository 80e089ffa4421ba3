"""Hidden tests for experimentation_ml/03_peeking_and_sequential: simulated looks against the
Brownian-motion structure, peeking rates and boundary constants against tabulated values."""

import math

import numpy as np

from workbook.compare import Tolerance
from workbook.contract import pins
from workbook.grading.asserts import assert_equal, assert_raises, assert_returns, fail_if
from workbook.grading.scale import assert_scales, workload

Z_975 = 1.959963984540054
EXACT = Tolerance(rel=1e-12, abs=1e-12)
TABLE = {
    ("pocock", 2): 2.178,
    ("pocock", 5): 2.413,
    ("obrien_fleming", 2): 1.977,
    ("obrien_fleming", 5): 2.040,
}


def looks_from_seed(n_looks, n_sims, seed):
    """simulate_looks with np.random.default_rng(seed): a failure shows the seed."""
    return simulate_looks(n_looks, n_sims, np.random.default_rng(seed))


def near(value, target, tolerance, call, what):
    """Fail with the call, what was measured, and the band it had to fall in."""
    if not abs(value - target) <= tolerance:
        raise AssertionError(f"{call}: {what} is {value:.4f}, expected {target} ± {tolerance}")


@pins("looks")
def test_looks_have_the_shape_type_and_random_walk_structure():
    z = simulate_looks(4, 200_000, np.random.default_rng(3))
    assert_equal(
        (z.shape, str(z.dtype)),
        ((200_000, 4), "float64"),
        "simulate_looks(4, 200000, rng) shape, dtype",
    )
    near(
        float(z.mean()), 0.0, 0.01, "simulate_looks(4, 200000, rng)", "the mean of the z-statistics"
    )
    for k in range(4):
        near(
            float(z[:, k].var()),
            1.0,
            0.02,
            "simulate_looks(4, 200000, rng)",
            f"the variance at look {k + 1}",
        )
    for j, k in ((0, 1), (0, 3), (1, 3), (2, 3)):
        corr = float(np.corrcoef(z[:, j], z[:, k])[0, 1])
        near(
            corr,
            math.sqrt((j + 1) / (k + 1)),
            0.01,
            "simulate_looks(4, 200000, rng)",
            f"the correlation of looks {j + 1} and {k + 1}",
        )


@pins("looks")
def test_looks_are_cumulative_sums_of_the_generators_increments():
    increments = np.random.default_rng(11).standard_normal((3, 5))
    expected = np.cumsum(increments, axis=1) / np.sqrt(np.arange(1, 6))
    assert_returns(expected, looks_from_seed, 5, 3, 11, tol=EXACT)


@pins("rejection")
def test_rejection_is_strict_and_at_any_look():
    z = np.array([[0.5, 2.5], [1.0, -1.0], [-3.0, 0.0], [1.96, -1.96]])
    assert_returns(0.5, false_positive_rate, z, 1.96)
    assert_returns(0.25, false_positive_rate, z, [2.0, 2.6])
    assert_returns(0.0, false_positive_rate, z, np.array([3.0, 3.0]))


@pins("naive_rate")
def test_peeking_rates_match_the_published_values():
    for looks, rate in ((1, 0.050), (2, 0.083), (5, 0.141), (10, 0.193)):
        z = simulate_looks(looks, 200_000, np.random.default_rng(looks))
        near(
            false_positive_rate(z, Z_975),
            rate,
            0.006,
            f"false_positive_rate(simulate_looks({looks}, 200000, rng), 1.96)",
            "the false-positive rate",
        )


@pins("shapes")
def test_boundary_shapes():
    assert_returns(
        np.array([4.0, 2 * math.sqrt(2), 2 * math.sqrt(4 / 3), 2.0]),
        boundary,
        "obrien_fleming",
        2.0,
        4,
        tol=EXACT,
    )
    assert_returns(np.full(3, 2.5), boundary, "pocock", 2.5, 3)
    assert_returns(np.array([1.5]), boundary, "obrien_fleming", 1.5, 1)


@pins("constant")
def test_boundary_constants_match_the_tables():
    for (shape, looks), value in TABLE.items():
        c = boundary_constant(shape, looks, 0.05, 200_000, 5)
        fail_if(
            None if isinstance(c, float) else f"returned a {type(c).__name__}, not a float",
            boundary_constant,
            (shape, looks, 0.05, 200_000, 5),
            "a float",
            repr(c),
        )
        near(
            c,
            value,
            0.02,
            f"boundary_constant({shape!r}, {looks}, 0.05, 200000, 5)",
            "the constant",
        )


@pins("constant")
def test_the_constant_is_the_quantile_of_the_largest_scaled_z():
    z = simulate_looks(3, 1_000, np.random.default_rng(9))
    shape = np.sqrt(3 / np.arange(1, 4))
    expected = float(np.quantile((np.abs(z) / shape).max(axis=1), 0.9))
    assert_returns(expected, boundary_constant, "obrien_fleming", 3, 0.1, 1_000, 9, tol=EXACT)


@pins("calibrated")
def test_a_calibrated_boundary_keeps_five_percent_on_fresh_simulations():
    for shape in ("pocock", "obrien_fleming"):
        c = boundary_constant(shape, 5, 0.05, 200_000, 21)
        z = simulate_looks(5, 200_000, np.random.default_rng(22))
        near(
            false_positive_rate(z, boundary(shape, c, 5)),
            0.05,
            0.005,
            f"{shape} boundary on fresh simulations",
            "the false-positive rate",
        )


@pins("errors")
def test_invalid_arguments_raise_value_error():
    rng = np.random.default_rng(0)
    assert_raises(ValueError, simulate_looks, 0, 10, rng, match="0")
    assert_raises(ValueError, simulate_looks, 3, 0, rng, match="0")
    assert_raises(ValueError, boundary, "haybittle", 3.0, 2, match="haybittle")
    assert_raises(ValueError, boundary, "pocock", 0.0, 2, match="0.0")
    assert_raises(ValueError, boundary_constant, "pocock", 3, 1.5, 100, 0, match="1.5")
    assert_raises(ValueError, false_positive_rate, np.zeros((2, 3)), [1.0, 2.0], match="2")


@pins("scale")
def test_scale_a_million_experiments_of_ten_looks():
    workload("warm-up", lambda: simulate_looks(2, 10, np.random.default_rng(0)))

    def reference():
        z = np.cumsum(np.random.default_rng(1).standard_normal((1_000_000, 10)), axis=1) / np.sqrt(
            np.arange(1, 11)
        )
        return (np.abs(z) > Z_975).any(axis=1).mean()

    assert_scales(
        lambda: false_positive_rate(simulate_looks(10, 1_000_000, np.random.default_rng(1)), Z_975),
        reference,
        factor=5,
        what="1,000,000 experiments of 10 looks",
        advice="Draw every increment in one call and use np.cumsum and array comparisons; never "
        "loop over experiments or looks in Python.",
    )
