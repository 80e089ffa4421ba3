"""Hidden tests for experimentation_ml/08_design_skip_prediction: serving and cost estimates,
the batch-or-online rule, and a daily PSI monitor that must catch a seeded drift."""

import bisect
import math

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from workbook.compare import Tolerance
from workbook.contract import pins
from workbook.grading.asserts import assert_equal, assert_raises, assert_returns, assert_type
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales, workload

TENTH_OF_A_PERCENT = Tolerance(rel=1e-3, abs=0.0)
TIGHT = Tolerance(rel=1e-9, abs=1e-12)


def psi_by_hand(reference, days, n_bins=10, eps=1e-4):
    """The rule as stated, value by value: bisect on the quantile edges, math.log per bin."""
    edges = [
        float(e)
        for e in np.quantile(np.asarray(reference, dtype=float), np.arange(1, n_bins) / n_bins)
    ]

    def shares(values):
        counts = [0] * n_bins
        for v in values:
            counts[bisect.bisect_right(edges, float(v))] += 1
        total = sum(counts)
        return [eps if c == 0 else c / total for c in counts]

    b = shares(reference)
    out = []
    for day in days:
        c = shares(day)
        out.append(sum((ci - bi) * math.log(ci / bi) for bi, ci in zip(b, c, strict=True)))
    return out


def psi_by_histogram(reference, days, n_bins=10, eps=1e-4):
    """np.histogram's half-open bins [e_i, e_i+1) put a value on an edge above it, as pinned."""
    inner = np.quantile(np.asarray(reference, dtype=float), np.arange(1, n_bins) / n_bins)
    edges = np.concatenate([[-np.inf], inner, [np.inf]])

    def shares(values):
        counts = np.histogram(values, bins=edges)[0]
        share = counts / counts.sum()
        return np.where(share == 0, eps, share)

    b = shares(reference)
    return [float(np.sum((c - b) * np.log(c / b))) for c in map(shares, days)]


def alert_brute_force(values, moderate=0.1, major=0.25):
    for d in range(len(values)):
        if values[d] >= major:
            return d
        if d >= 1 and min(values[d - 1], values[d]) >= moderate:
            return d
    return None


def choose_by_table(fresh, online, batch, budget):
    if fresh and online <= budget:
        return "online"
    options = []
    if batch <= budget:
        options.append((batch, 0, "batch"))
    if online <= budget:
        options.append((online, 1, "online"))
    return sorted(options)[0][2] if options else "neither"


def skip_feature_stream(days=28, drift_day=14, per_day=20_000, seed=7):
    rng = np.random.default_rng(seed)
    reference = rng.beta(2, 5, 100_000)
    samples = []
    for day in range(days):
        k = max(0, day - drift_day + 1)
        samples.append(rng.beta(2 + 0.15 * k, 5 - 0.1 * k, per_day))
    return reference, samples


# --- Part 1: estimates ------------------------------------------------------------------------


@pins("units", "estimate_formulas")
def test_two_billion_plays_peak_at_69_thousand_predictions_per_second():
    assert_returns(69_444.444, prediction_rps, 2e9, 3, tol=TENTH_OF_A_PERCENT)
    assert_returns(23_148.148, prediction_rps, 2_000_000_000, 1, tol=TENTH_OF_A_PERCENT)
    assert_returns(1.0, prediction_rps, 86_400, 1, tol=TIGHT)
    assert_returns(2.5, prediction_rps, 86_400, 2.5, tol=TIGHT)
    assert_returns(0.0, prediction_rps, 0, 4)


@pins("units", "estimate_formulas")
def test_costs_are_dollars_per_day_at_prices_per_million():
    assert_returns(1_000.0, online_cost_per_day, 2e9, 0.5, tol=TENTH_OF_A_PERCENT)
    assert_returns(0.75, online_cost_per_day, 1_000_000, 0.75, tol=TIGHT)
    assert_returns(6_000.0, batch_cost_per_day, 600_000_000, 500, 0.02, tol=TENTH_OF_A_PERCENT)
    assert_returns(6.0, batch_cost_per_day, 1_000, 2_000, 3, tol=TIGHT)
    assert_returns(0.0, batch_cost_per_day, 10, 0, 3)


@pins("estimate_formulas")
def test_feature_lookups_multiply_the_prediction_rate():
    assert_returns(138_888.8, feature_lookups_per_second, 69_444.4, 2, tol=TENTH_OF_A_PERCENT)
    assert_returns(15.0, feature_lookups_per_second, 5, 3, tol=TIGHT)
    assert_returns(0.0, feature_lookups_per_second, 5, 0)


@pins("estimate_types")
def test_estimates_are_python_floats_ints_and_str():
    for call, value, kind in (
        ("prediction_rps(86400, 1)", prediction_rps(86_400, 1), float),
        ("feature_lookups_per_second(5, 3)", feature_lookups_per_second(5, 3), float),
        ("online_cost_per_day(1000000, 1)", online_cost_per_day(1_000_000, 1), float),
        ("batch_cost_per_day(1000, 1000, 1)", batch_cost_per_day(1_000, 1_000, 1), float),
        ("serving_replicas(100, 10, 1)", serving_replicas(100, 10, 1), int),
        ("serving_replicas(4900.0, 700.0, 0.7)", serving_replicas(4900.0, 700.0, 0.7), int),
        ("serving_replicas(69444.4, 2000, 0.7)", serving_replicas(69_444.4, 2_000, 0.7), int),
        ("choose_inference(False, 1, 2, 3)", choose_inference(False, 1, 2, 3), str),
    ):
        assert_type(value, kind, call)


@pins("replicas_round_up")
def test_replicas_round_up_but_not_on_float_noise():
    assert 4_900 / (700 * 0.7) > 10  # the float noise this test is about
    assert_returns(10, serving_replicas, 4_900, 700, 0.7)
    assert_returns(20, serving_replicas, 4_900, 700, 0.35)
    assert_returns(50, serving_replicas, 69_444.4, 2_000, 0.7)
    assert_returns(11, serving_replicas, 4_901, 700, 0.7)
    assert_returns(10, serving_replicas, 7_000, 700, 1)
    assert_returns(11, serving_replicas, 7_000.01, 700, 1)
    assert_returns(1, serving_replicas, 0.001, 700, 0.7)
    assert_returns(0, serving_replicas, 0, 700, 0.7)
    assert_returns(15, serving_replicas, 10_000, 1_000)  # default utilisation 0.7: 14.29 -> 15


@pins("replicas_round_up")
@derandomized(max_examples=30)
@given(
    replicas=st.integers(1, 10_000),
    per=st.sampled_from([1, 3, 7, 100, 700, 2_000, 1_234.5]),
    util=st.sampled_from([0.1, 0.3, 0.35, 0.6, 0.7, 0.8, 0.9, 1.0]),
)
def test_an_exact_load_needs_exactly_that_many_replicas(replicas, per, util):
    peak = replicas * per * util  # float noise either way around the whole number
    assert_returns(replicas, serving_replicas, peak, per, util)
    assert_returns(replicas + 1, serving_replicas, peak * (1 + 1e-6), per, util)


@pins("estimate_errors")
def test_impossible_estimate_inputs_raise_naming_the_parameter():
    for fn, args, name, value in (
        (prediction_rps, (-1, 3), "daily_plays", "-1"),
        (prediction_rps, (1e9, 0.99), "peak_factor", "0.99"),
        (feature_lookups_per_second, (-5, 2), "rps", "-5"),
        (feature_lookups_per_second, (5, -2), "lookups_per_prediction", "-2"),
        (serving_replicas, (-3, 700, 0.7), "peak_rps", "-3"),
        (serving_replicas, (3, 0, 0.7), "rps_per_replica", "0"),
        (serving_replicas, (3, -7, 0.7), "rps_per_replica", "-7"),
        (serving_replicas, (3, 700, 0), "target_utilisation", "0"),
        (serving_replicas, (3, 700, 1.5), "target_utilisation", "1.5"),
        (online_cost_per_day, (-2, 0.5), "daily_plays", "-2"),
        (online_cost_per_day, (2, -0.5), "usd_per_million", "-0.5"),
        (batch_cost_per_day, (-4, 500, 0.02), "users", "-4"),
        (batch_cost_per_day, (4, -500, 0.02), "tracks_per_user", "-500"),
        (batch_cost_per_day, (4, 500, -0.02), "usd_per_million", "-0.02"),
        (choose_inference, (True, -1.0, 2.0, 3.0), "online_usd", "-1.0"),
        (choose_inference, (True, 1.0, -2.0, 3.0), "batch_usd", "-2.0"),
        (choose_inference, (False, 1.0, 2.0, -3.0), "budget_usd", "-3.0"),
    ):
        assert_raises(ValueError, fn, *args, match=name)
        assert_raises(ValueError, fn, *args, match=value)
    # the first bad parameter in argument order is named
    assert_raises(ValueError, prediction_rps, -1, 0, match="daily_plays")
    assert_raises(ValueError, serving_replicas, 3, 0, 0, match="rps_per_replica")
    assert_raises(ValueError, batch_cost_per_day, 4, -1, -1, match="tracks_per_user")
    # the boundaries that are allowed
    assert_returns(1, serving_replicas, 700, 700, 1.0)
    assert_returns(0.0, online_cost_per_day, 2e9, 0)
    assert_returns("online", choose_inference, True, 0.0, 0.0, 0.0)


# --- the decision rule --------------------------------------------------------------------------


@pins("choose_rule")
def test_fresh_features_choose_online_when_it_fits_the_budget():
    assert_returns("online", choose_inference, True, 1_000.0, 6_000.0, 2_000.0)
    assert_returns(
        "online", choose_inference, True, 2_000.0, 500.0, 2_000.0
    )  # inclusive, not cheapest
    assert_returns("batch", choose_inference, True, 2_000.01, 500.0, 2_000.0)  # falls back to stale
    assert_returns("neither", choose_inference, True, 3_000.0, 6_000.0, 2_000.0)


@pins("choose_rule")
def test_without_freshness_the_cheaper_option_in_budget_wins_and_batch_on_a_tie():
    assert_returns("online", choose_inference, False, 1_000.0, 6_000.0, 10_000.0)
    assert_returns("batch", choose_inference, False, 6_000.0, 1_000.0, 10_000.0)
    assert_returns("batch", choose_inference, False, 1_000.0, 1_000.0, 2_000.0)
    assert_returns("batch", choose_inference, False, 1_000.0, 1_000.0, 1_000.0)
    assert_returns("online", choose_inference, False, 1_000.0, 6_000.0, 1_000.0)
    assert_returns("batch", choose_inference, False, 6_000.0, 1_000.0, 1_000.0)
    assert_returns("neither", choose_inference, False, 1_000.0, 1_000.0, 999.99)


@pins("choose_rule")
@derandomized(max_examples=40)
@given(
    fresh=st.booleans(),
    online=st.integers(0, 6),
    batch=st.integers(0, 6),
    budget=st.integers(0, 6),
)
def test_choice_matches_the_decision_table(fresh, online, batch, budget):
    expected = choose_by_table(fresh, float(online), float(batch), float(budget))
    assert_returns(expected, choose_inference, fresh, float(online), float(batch), float(budget))


# --- Part 2: the monitor ------------------------------------------------------------------------


@pins("psi_rule", "psi_types")
def test_worked_example_and_an_empty_bin_costs_eps():
    expected = (1e-4 - 0.5) * math.log(1e-4 / 0.5) + 0.5 * math.log(2)
    assert_returns(
        [0.0, expected], daily_psi, [1, 2, 3, 4], [[1, 2, 3, 4], [4, 4, 4, 4]], 2, tol=TIGHT
    )
    # a value on an edge (2.5) goes to the bin above
    assert_returns([0.0], daily_psi, [1, 2, 3, 4], [[1, 2.5]], 2, tol=TIGHT)
    # eps at a non-default value
    other = (1e-2 - 0.5) * math.log(1e-2 / 0.5) + 0.5 * math.log(2)
    assert_returns([other], daily_psi, [1, 2, 3, 4], [[9, 9]], 2, 1e-2, tol=TIGHT)
    assert_returns([], daily_psi, [1, 2, 3, 4], [], 2)


@pins("psi_rule")
def test_baseline_is_the_references_own_counts_not_equal_shares():
    # a reference with ties: quantile edges [1, 1, 1] over 4 bins put 1 of 8 values below and 7 above
    reference = [0, 1, 1, 1, 1, 1, 1, 1]
    assert_returns(
        psi_by_hand(reference, [reference]), daily_psi, reference, [reference], 4, tol=TIGHT
    )
    assert_returns([0.0], daily_psi, reference, [reference], 4, tol=TIGHT)
    day = [0, 0, 5, 5]
    assert_returns(psi_by_hand(reference, [day], 4), daily_psi, reference, [day], 4, tol=TIGHT)


@pins("psi_rule", "psi_types")
@derandomized(max_examples=50, shrink=False)
@given(
    reference=st.lists(st.integers(0, 12), min_size=1, max_size=40),
    days=st.lists(st.lists(st.integers(-2, 14), min_size=1, max_size=30), max_size=4),
    n_bins=st.integers(2, 6),
    as_array=st.booleans(),
)
def test_daily_psi_matches_a_value_by_value_oracle(reference, days, n_bins, as_array):
    halves = [r / 2 for r in reference]  # ties and values on edges are common
    expected = psi_by_hand(halves, days, n_bins)
    got = daily_psi(np.array(halves) if as_array else halves, days, n_bins)
    call = f"daily_psi({halves}, {days}, {n_bins})"
    assert_type(got, list, call)
    for value in got:
        assert_type(value, float, f"a day's PSI in {call}")
    assert_equal(got, expected, call, tol=Tolerance(rel=1e-9, abs=1e-12))


@pins("alert_rule")
def test_two_moderate_days_in_a_row_alert_on_the_second():
    assert_returns(4, first_alert, [0.02, 0.12, 0.05, 0.11, 0.10, 0.3])
    assert_returns(1, first_alert, [0.1, 0.1])
    assert_returns(None, first_alert, [0.12, 0.05, 0.2])
    assert_returns(None, first_alert, [0.0999999, 0.2, 0.0999999, 0.2])
    assert_returns(
        None, first_alert, [0.2]
    )  # a single moderate day, the first one, has no predecessor


@pins("alert_rule")
def test_a_major_day_alerts_alone_and_thresholds_are_inclusive():
    assert_returns(1, first_alert, [0.02, 0.25])
    assert_returns(0, first_alert, [0.25])
    assert_returns(None, first_alert, [0.02, 0.2499999])
    assert_returns(2, first_alert, [0.15, 0.0, 0.22], 0.1, 0.2)
    assert_returns(0, first_alert, [0.3, 0.0, 0.5], 0.1, 0.2)


@pins("alert_rule")
def test_custom_thresholds_and_no_days():
    assert_returns(None, first_alert, [])
    assert_returns(2, first_alert, [0.04, 0.05, 0.05], 0.05, 0.5)
    assert_returns(1, first_alert, [0.3, 0.45], 0.2, 0.4)
    assert_returns(None, first_alert, [0.3, 0.1, 0.35], 0.2, 0.4)


@pins("alert_rule")
@derandomized(max_examples=80)
@given(values=st.lists(st.sampled_from([0.0, 0.05, 0.1, 0.15, 0.25, 0.4]), max_size=12))
def test_alert_matches_a_brute_force(values):
    assert_returns(alert_brute_force(values), first_alert, values)
    assert_returns(alert_brute_force(values, 0.05, 0.15), first_alert, values, 0.05, 0.15)


@pins("alert_rule", "psi_rule")
def test_the_seeded_drift_is_caught_within_four_days_and_not_before():
    reference, samples = workload("skip_feature_stream_drifting", skip_feature_stream)
    expected = workload("skip_feature_stream_psi", lambda: psi_by_histogram(reference, samples))
    got = daily_psi(reference, samples)
    assert_equal(
        got, expected, "daily_psi on the seeded stream", tol=Tolerance(rel=1e-9, abs=1e-12)
    )
    day = alert_brute_force(expected)
    assert day is not None and 14 <= day <= 18, day
    assert_returns(day, first_alert, got)
    assert_returns(None, first_alert, got[:14])
    # without drift, the same stream never alerts
    _, quiet = workload("skip_feature_stream_quiet", lambda: skip_feature_stream(drift_day=10**6))
    assert_returns(None, first_alert, daily_psi(reference, quiet))


@pins("monitor_errors")
def test_monitor_errors_contain_the_bad_value():
    assert_raises(ValueError, daily_psi, [1, 2, 3], [[1]], 1, match="1")
    assert_raises(ValueError, daily_psi, [1, 2, 3], [[1]], 10, 0, match="0")
    assert_raises(ValueError, daily_psi, [1, 2, 3], [[1]], 10, 1, match="1")
    assert_raises(ValueError, daily_psi, [], [[1]], 10)
    assert_raises(ValueError, daily_psi, [1, 2, 3], [[1], [2], []], 2, match="2")
    assert_raises(ValueError, first_alert, [0.1], 0.3, 0.25, match="0.3")
    assert_raises(ValueError, first_alert, [0.1], 0, 0.25, match="0")
    assert_raises(ValueError, first_alert, [0.1], 0.25, 0.25, match="0.25")
    assert_raises(ValueError, first_alert, [0.05, -0.1], match="-0.1")
    assert_raises(ValueError, first_alert, [0.3, 0.05, float("nan")], match="nan")
    assert_raises(ValueError, first_alert, [0.3, float("inf")], match="inf")


@pins("no_mutation")
def test_inputs_are_not_modified():
    reference = np.array([4.0, 1.0, 3.0, 2.0, 5.0])
    days = [np.array([3.0, 1.0, 2.0]), [5.0, 4.0, 0.0]]
    expected = psi_by_hand(reference, days, 2)
    # assert_returns also fails when a call changes its arguments (sorting them in place, say)
    assert_returns(expected, daily_psi, reference, days, 2, tol=TIGHT)
    assert_returns(expected, daily_psi, list(reference), [list(d) for d in days], 2, tol=TIGHT)
    assert_returns(3, first_alert, [0.2, 0.05, 0.12, 0.15])
    assert_returns(3, first_alert, np.array([0.2, 0.05, 0.12, 0.15]))


def scale_inputs():
    rng = np.random.default_rng(2026)
    reference = rng.beta(2, 5, 200_000)
    days = [rng.beta(2, 5, 50_000) for _ in range(30)]
    return reference, days


def vectorised_reference(reference, days):
    edges = np.quantile(reference, np.arange(1, 10) / 10)
    b = np.bincount(np.searchsorted(edges, reference, side="right"), minlength=10) / len(reference)
    out = []
    for day in days:
        c = np.bincount(np.searchsorted(edges, day, side="right"), minlength=10) / len(day)
        b2, c2 = np.where(b == 0, 1e-4, b), np.where(c == 0, 1e-4, c)
        out.append(float(((c2 - b2) * np.log(c2 / b2)).sum()))
    return out


@pins("scale")
def test_scale_thirty_days_of_fifty_thousand_values():
    reference, days = workload("skip_psi_thirty_days", scale_inputs)
    assert_scales(
        lambda: daily_psi(reference, days),
        lambda: vectorised_reference(reference, days),
        10,
        "daily_psi, 200,000 reference values and 30 days of 50,000",
        "compute the edges once, then np.searchsorted + np.bincount per day: no Python loop over values",
    )
