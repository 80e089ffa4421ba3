"""Hidden tests for experimentation_ml/04_sample_ratio_mismatch: the chi-squared tail against
tabulated critical values and numerical integration, and the SRM check."""

import math

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from workbook.compare import Tolerance
from workbook.contract import pins
from workbook.grading.asserts import assert_raises, assert_returns, fail_if
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales, workload

TIGHT = Tolerance(rel=1e-9, abs=1e-300)
# upper 5 %, 1 % and 0.1 % points of chi-squared, df 1..5 (standard tables, 6 significant digits)
CRITICAL = {
    1: (3.84146, 6.63490, 10.8276),
    2: (5.99146, 9.21034, 13.8155),
    3: (7.81473, 11.3449, 16.2662),
    4: (9.48773, 13.2767, 18.4668),
    5: (11.0705, 15.0863, 20.5150),
}


def integrated_sf(x, df, steps=200_000):
    """Simpson's rule on the chi-squared density from x to x + 400 (the rest is negligible)."""
    log_norm = -(df / 2) * math.log(2) - math.lgamma(df / 2)

    def pdf(t):
        return math.exp(log_norm + (df / 2 - 1) * math.log(t) - t / 2)

    a, b = x, x + 400.0
    h = (b - a) / steps
    total = pdf(a) + pdf(b)
    for i in range(1, steps):
        total += (4 if i % 2 else 2) * pdf(a + i * h)
    return total * h / 3


def srm_oracle(counts, shares=None):
    k, total = len(counts), sum(counts)
    shares = shares or [1 / k] * k
    chi2 = sum((c - total * s) ** 2 / (total * s) for c, s in zip(counts, shares, strict=True))
    return chi2


# --- chi2_sf ----------------------------------------------------------------------------------


@pins("tail")
def test_tail_at_tabulated_critical_values():
    for df, points in CRITICAL.items():
        for x, p in zip(points, (0.05, 0.01, 0.001), strict=True):
            actual = chi2_sf(x, df)
            fail_if(
                None if abs(actual - p) <= 2e-5 * p + 1e-7 else "does not match the table",
                chi2_sf,
                (x, df),
                f"{p} (the tabulated upper point, 6 digits)",
                repr(actual),
            )


@pins("tail")
def test_tail_of_the_statement_examples_and_at_zero():
    assert_returns(0.00014780231033445412, chi2_sf, 14.4, 1, tol=TIGHT)
    assert_returns(math.exp(-2.5), chi2_sf, 5.0, 2, tol=TIGHT)
    assert_returns(1.0, chi2_sf, 0.0, 7)
    assert_returns(1.0, chi2_sf, 0, 1)


@pins("tail")
def test_tail_equals_numerical_integration():
    for df, x in ((1, 0.5), (2, 3.0), (3, 7.2), (4, 1.1), (7, 12.0), (10, 4.4)):
        assert_returns(integrated_sf(x, df), chi2_sf, x, df, tol=Tolerance(rel=1e-7, abs=1e-12))


@pins("tail")
@derandomized(max_examples=80)
@given(st.floats(0.01, 200), st.integers(1, 60))
def test_each_two_degrees_of_freedom_add_one_term(x, df):
    term = math.exp((df / 2) * math.log(x / 2) - x / 2 - math.lgamma(df / 2 + 1))
    assert_returns(chi2_sf(x, df) + term, chi2_sf, x, df + 2, tol=Tolerance(rel=1e-9, abs=1e-300))


@pins("stable")
def test_huge_degrees_of_freedom_stay_finite():
    # Wilson-Hilferty: the median of chi2(df) is about df - 2/3, so P(X >= df) is just below 0.5
    assert_returns(0.49940529189747834, chi2_sf, 100_000, 100_000, tol=Tolerance(rel=1e-6))
    for x, df in ((10**6, 3), (10**6, 100_000), (200_000.0, 1), (700.0, 2)):
        value = chi2_sf(x, df)
        fail_if(
            None
            if isinstance(value, float) and 0.0 <= value <= 1e-100
            else "not a tiny finite probability",
            chi2_sf,
            (x, df),
            "a float in [0, 1e-100]",
            repr(value),
        )
    assert_returns(1.0, chi2_sf, 1e-9, 99_999, tol=Tolerance(abs=1e-12))


# --- srm_check --------------------------------------------------------------------------------


@pins("statistic", "decision")
def test_srm_of_the_statement_examples():
    assert_returns((14.4, 0.00014780231033445412, True), srm_check, [50_600, 49_400], tol=TIGHT)
    assert_returns((0.4, 0.5270892568655381, False), srm_check, [50_100, 49_900], tol=TIGHT)
    assert_returns((0.0, 1.0, False), srm_check, [30_000, 70_000], [0.3, 0.7])
    # p = 0.0016: below the textbook 0.05, above the default 0.001
    assert_returns((10.0, 0.0015654022580025018, False), srm_check, [10, 0], tol=TIGHT)


@pins("statistic")
def test_three_arms_and_unequal_shares():
    # expected 2,000 / 3,000 / 5,000: chi2 = 100²/2000 + 50²/3000 + 50²/5000
    chi2 = 100**2 / 2000 + 50**2 / 3000 + 50**2 / 5000
    assert_returns(
        (chi2, chi2_sf(chi2, 2), False),
        srm_check,
        [2_100, 2_950, 4_950],
        (0.2, 0.3, 0.5),
        tol=TIGHT,
    )
    assert_returns((0.8, chi2_sf(0.8, 3), False), srm_check, np.array([10, 12, 10, 8]), tol=TIGHT)


@pins("statistic")
@derandomized(max_examples=80)
@given(st.lists(st.integers(0, 10_000), min_size=2, max_size=6).filter(lambda c: sum(c) > 0))
def test_srm_statistic_equals_the_definition(counts):
    chi2 = srm_oracle(counts)
    assert_returns(
        (chi2, chi2_sf(chi2, len(counts) - 1), chi2_sf(chi2, len(counts) - 1) < 0.001),
        srm_check,
        counts,
        tol=Tolerance(rel=1e-9, abs=1e-12),
    )


@pins("decision")
def test_a_p_value_equal_to_alpha_is_not_a_mismatch():
    _, p, _ = srm_check([50_600, 49_400])
    assert_returns((14.4, p, False), srm_check, [50_600, 49_400], None, p, tol=TIGHT)
    assert_returns((14.4, p, True), srm_check, [50_600, 49_400], None, p * 1.0000001, tol=TIGHT)
    assert_returns(
        (0.4, 0.5270892568655381, True), srm_check, [50_100, 49_900], None, 0.6, tol=TIGHT
    )


@pins("errors")
def test_invalid_inputs_raise_value_error_naming_them():
    assert_raises(ValueError, srm_check, [5])
    assert_raises(ValueError, srm_check, [5, -1], match="-1")
    assert_raises(ValueError, srm_check, [5, 2.5], match="2.5")
    assert_raises(ValueError, srm_check, [5, True], match="True")
    assert_raises(ValueError, srm_check, [0, 0])
    assert_raises(ValueError, srm_check, [5, 5], [1.0])
    assert_raises(ValueError, srm_check, [5, 5], [1.0, 0.0], match="0")
    assert_raises(ValueError, srm_check, [5, 5], [0.5, 0.6], match="1.1")
    assert_raises(ValueError, srm_check, [5, 5], None, 1.0, match="1.0")
    assert_raises(ValueError, srm_check, [5, 5], None, 0, match="0")
    assert_raises(ValueError, chi2_sf, -0.5, 1, match="-0.5")
    assert_raises(ValueError, chi2_sf, 1.0, 0, match="0")
    assert_raises(ValueError, chi2_sf, 1.0, 2.0, match="2.0")


@pins("no_mutation")
def test_inputs_are_not_modified():
    counts, shares = [2_100, 2_950, 4_950], [0.2, 0.3, 0.5]
    chi2 = srm_oracle(counts, shares)
    assert_returns((chi2, chi2_sf(chi2, 2), False), srm_check, counts, shares, tol=TIGHT)
    assert_returns((14.4, 0.00014780231033445412, True), srm_check, (50_600, 49_400), tol=TIGHT)
    arr = np.array([50_600, 49_400])
    assert_returns(
        (14.4, 0.00014780231033445412, True), srm_check, arr, np.array([0.5, 0.5]), tol=TIGHT
    )


@pins("scale")
def test_scale_100000_groups():
    rng = np.random.default_rng(0)
    counts = workload("100,001 groups", lambda: [int(c) for c in rng.poisson(1_000, 100_001)])

    def reference():
        observed = np.asarray(counts, dtype=float)
        expected = observed.sum() / len(observed)
        chi2 = float(((observed - expected) ** 2 / expected).sum())
        half = chi2 / 2
        i = np.arange(len(observed) // 2 if (len(observed) - 1) % 2 == 0 else 0)
        return chi2, float(
            np.exp(i * math.log(half) - half - np.array([math.lgamma(j + 1) for j in i])).sum()
        )

    assert_scales(
        lambda: srm_check(counts),
        reference,
        factor=5,
        what="srm_check over 100,001 groups (df = 100,000)",
        advice="Compute each tail term directly from its logarithm with math.lgamma; never "
        "recompute factorials or powers from scratch for every term.",
    )
