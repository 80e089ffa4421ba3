"""Hidden tests for event_streams/02_design_event_delivery: estimates and two executable models."""

import math
from fractions import Fraction

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from workbook.compare import Tolerance
from workbook.contract import pins
from workbook.data import load_events
from workbook.grading.asserts import assert_equal, assert_raises, assert_returns, assert_type
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales, workload

HOUR_MS = 3_600_000
TENTH_OF_A_PERCENT = Tolerance(rel=1e-3, abs=0.0)
BACKLOG = Tolerance(rel=1e-9, abs=1e-6)
TWO_EVENTS = pd.DataFrame(
    {
        "event_id": ["e1", "e2", "e2"],
        "event_ts": [0, 10, 10],
        "received_ts": [HOUR_MS + 5, 100, HOUR_MS + 999_999],
    }
)


def frame(rows: list[tuple[str, int, int]]) -> pd.DataFrame:
    """An events frame with the dataset's dtypes: (event_id, event_ts, received_ts) rows."""
    ids, event_ts, received = zip(*rows, strict=True) if rows else ((), (), ())
    return pd.DataFrame(
        {
            "event_id": pd.Series(list(ids), dtype="str"),
            "event_ts": pd.Series(list(event_ts), dtype="int64"),
            "received_ts": pd.Series(list(received), dtype="int64"),
        }
    )


def backlog_loop(arrivals, capacity):
    """The recursion exactly as stated, one second at a time."""
    out, backlog = [], 0.0
    for a in arrivals:
        backlog = max(0.0, backlog + float(a) - capacity)
        out.append(backlog)
    return np.array(out, dtype=float)


def completeness_brute_force(events, wait_ms):
    """Earliest arrival per event id, then one comparison per event, in plain Python."""
    first = {}
    for event_id, event_ts, received in zip(
        events.event_id, events.event_ts, events.received_ts, strict=True
    ):
        if event_id not in first or received < first[event_id][1]:
            first[event_id] = (int(event_ts), int(received))
    if not first:
        return 1.0
    on_time = sum(
        received <= (ts // HOUR_MS + 1) * HOUR_MS + wait_ms for ts, received in first.values()
    )
    return on_time / len(first)


def exact_partitions(peak, size, rate, utilisation):
    """The contract's rule on the exact rational quotient of the decimal inputs: a whole
    number within 1e-9 (relative) is that number, anything else rounds up."""
    quotient = Fraction(str(peak)) * Fraction(str(size))
    quotient /= Fraction(str(rate)) * Fraction(str(utilisation))
    nearest = round(quotient)
    if nearest >= 1 and abs(quotient - nearest) <= quotient / 10**9:
        return nearest
    return math.ceil(quotient)


# --- Part 1: estimates -------------------------------------------------------------------


@pins("formulas", "estimate_tolerance")
def test_average_rate_of_spotify_2017_volume():
    # 100 billion events a day (Spotify Engineering, 2017) is about 1.16 million a second.
    assert_returns(1_157_407.407, average_events_per_second, 100e9, tol=TENTH_OF_A_PERCENT)
    assert_returns(1.0, average_events_per_second, 86_400.0)


@pins("formulas")
def test_peak_rate_applies_the_peak_to_average_ratio():
    # At 1.3x the 2017 average, the peak is about the published 1.5 million events/s.
    assert_returns(1_504_629.63, peak_events_per_second, 100e9, 1.3, tol=TENTH_OF_A_PERCENT)
    assert_returns(2e6, peak_events_per_second, 86.4e9, 2.0, tol=TENTH_OF_A_PERCENT)
    assert_returns(1e6, peak_events_per_second, 86.4e9, 1.0, tol=TENTH_OF_A_PERCENT)


@pins("formulas")
def test_bytes_per_day_and_storage_count_every_replica():
    assert_returns(1e14, bytes_per_day, 100e9, 1_000.0, tol=TENTH_OF_A_PERCENT)
    assert_returns(3.5e14, bytes_per_day, 3.5e11, 1_000.0, tol=TENTH_OF_A_PERCENT)
    # 350 TB a day (2019), kept 7 days with 3 replicas, is 7.35 PB.
    assert_returns(7.35e15, storage_bytes, 350e12, 7.0, 3, tol=TENTH_OF_A_PERCENT)
    assert_returns(2.45e15, storage_bytes, 350e12, 7.0, 1, tol=TENTH_OF_A_PERCENT)
    assert_returns(1.05e15, storage_bytes, 350e12, 1.0, 3, tol=TENTH_OF_A_PERCENT)


@pins("estimate_types")
def test_estimates_are_python_floats_also_for_int_arguments():
    assert_returns(1.0, average_events_per_second, 86_400)
    assert_returns(0.5, average_events_per_second, 43_200)
    assert_returns(3.0, peak_events_per_second, 86_400, 3)
    assert_returns(1_000.0, bytes_per_day, 10, 100)
    assert_returns(2.1e13, storage_bytes, 10**12, 7, 3)
    for call, value in (
        ("partitions_needed(1.5e6, 1000, 10e6, 0.7)", partitions_needed(1.5e6, 1_000, 10e6, 0.7)),
        ("partitions_needed(1000, 1000, 10**6, 1)", partitions_needed(1000, 1000, 10**6, 1)),
    ):
        assert_type(value, int, call)


@pins("estimate_tolerance")
def test_a_day_is_86400_seconds_and_sizes_are_in_bytes():
    assert_returns(100_000.0, average_events_per_second, 8.64e9, tol=TENTH_OF_A_PERCENT)
    assert_returns(1e12, bytes_per_day, 1e9, 1_000.0, tol=TENTH_OF_A_PERCENT)
    assert_returns(1.296e6, peak_events_per_second, 8.64e10, 1.296, tol=TENTH_OF_A_PERCENT)


@pins("estimate_errors")
def test_impossible_estimates_raise_value_error_naming_the_parameter():
    for fn, args, name, value in (
        (average_events_per_second, (-1.0,), "events_per_day", "-1"),
        (peak_events_per_second, (-5.0, 2.0), "events_per_day", "-5"),
        (peak_events_per_second, (1e9, 0.5), "peak_to_average", "0.5"),
        (peak_events_per_second, (1e9, 0), "peak_to_average", "0"),
        (bytes_per_day, (-2.0, 1_000), "events_per_day", "-2"),
        (bytes_per_day, (1e9, 0), "bytes_per_event", "0"),
        (bytes_per_day, (1e9, -300), "bytes_per_event", "-300"),
        (storage_bytes, (-1.0, 7, 3), "bytes_per_day", "-1"),
        (storage_bytes, (1e12, -7, 3), "retention_days", "-7"),
        (storage_bytes, (1e12, 7, 0), "replication", "0"),
    ):
        assert_raises(ValueError, fn, *args, match=name)
        assert_raises(ValueError, fn, *args, match=value)


@pins("estimate_errors")
def test_errors_in_argument_order_and_zero_is_a_quiet_day():
    assert_raises(ValueError, peak_events_per_second, -5.0, 0.5, match="events_per_day")
    assert_raises(ValueError, bytes_per_day, -1.0, 0, match="events_per_day")
    assert_raises(ValueError, storage_bytes, 1e12, -1, 0, match="retention_days")
    assert_raises(ValueError, storage_bytes, -1.0, -1, 0, match="bytes_per_day")
    assert_returns(0.0, average_events_per_second, 0.0)
    assert_returns(0.0, peak_events_per_second, 0.0, 1.3)
    assert_returns(0.0, bytes_per_day, 0.0, 500.0)
    assert_returns(0.0, storage_bytes, 0.0, 7.0, 3)
    assert_returns(0.0, storage_bytes, 1e12, 0.0, 3)


@pins("partitions_round_up")
def test_partitions_round_up_the_peak_load():
    assert_returns(215, partitions_needed, 1.5e6, 1_000, 10e6, 0.7)
    assert_returns(2, partitions_needed, 1_000, 1_000, 1e6, 0.5)
    assert_returns(1, partitions_needed, 1, 1, 10e6, 0.7)


@pins("partitions_round_up")
def test_an_exact_quotient_adds_no_spare_partition_however_floats_round():
    assert_returns(1, partitions_needed, 7_000, 1_000, 10e6, 0.7)
    assert_returns(800, partitions_needed, 8e6, 1_000, 10e6, 1.0)
    # 3000 * 700 / 1e6 / 0.3 is 7.000000000000001 in floating point: still 7 partitions
    assert_returns(7, partitions_needed, 3_000, 700, 1e6, 0.3)
    assert_returns(6, partitions_needed, 3_000, 700, 1e6, 0.35)
    assert_returns(7, partitions_needed, 7_000, 100, 1e6, 0.1)


@pins("partitions_round_up")
def test_a_quotient_just_above_a_whole_number_needs_one_more():
    assert_returns(8, partitions_needed, 3_000.03, 700, 1e6, 0.3)  # 7.00007
    assert_returns(8, partitions_needed, 3_000 * (1 + 1e-6), 700, 1e6, 0.3)  # 7.000007


DECIMAL_UTILISATION = st.integers(1, 20).map(lambda k: round(k * 0.05, 2))


@pins("partitions_round_up")
@derandomized(max_examples=80)
@given(
    peak=st.integers(1, 100_000),
    size=st.integers(1, 2_000),
    rate_tenths_mb=st.integers(1, 100),
    utilisation=DECIMAL_UTILISATION,
)
def test_partitions_match_exact_rational_arithmetic(peak, size, rate_tenths_mb, utilisation):
    rate = rate_tenths_mb * 1e5
    expected = exact_partitions(peak, size, rate, utilisation)
    assert_returns(expected, partitions_needed, float(peak), float(size), rate, utilisation)


@pins("partition_errors")
def test_partitions_reject_impossible_utilisation_and_sizes():
    for args, name, value in (
        ((1e6, 1_000, 10e6, 0), "target_utilisation", "0"),
        ((1e6, 1_000, 10e6, -0.5), "target_utilisation", "-0.5"),
        ((1e6, 1_000, 10e6, 1.5), "target_utilisation", "1.5"),
        ((0, 1_000, 10e6, 0.7), "peak_events_per_second", "0"),
        ((-3e6, 1_000, 10e6, 0.7), "peak_events_per_second", "-3000000"),
        ((1e6, 0, 10e6, 0.7), "bytes_per_event", "0"),
        ((1e6, 1_000, 0, 0.7), "partition_bytes_per_second", "0"),
        ((1e6, 1_000, -1e6, 0.7), "partition_bytes_per_second", "-1000000"),
    ):
        assert_raises(ValueError, partitions_needed, *args, match=name)
        assert_raises(ValueError, partitions_needed, *args, match=value)


@pins("partition_errors")
def test_partition_errors_in_argument_order():
    assert_raises(ValueError, partitions_needed, 0, 1_000, 10e6, 0, match="peak_events_per_second")
    assert_raises(ValueError, partitions_needed, 1e6, 0, 0, 2, match="bytes_per_event")
    assert_raises(ValueError, partitions_needed, 1e6, 1, 0, 0, match="partition_bytes_per_second")
    assert_returns(100, partitions_needed, 1e6, 1_000, 10e6, 1.0)


# --- Decision A: consumer backlog ---------------------------------------------------------


@pins("backlog_recursion", "backlog_type")
def test_consumer_backlog_worked_example():
    assert_returns(
        np.array([0.0, 0, 10, 20, 15, 10, 5]),
        consumer_backlog,
        np.array([5, 5, 20, 20, 5, 5, 5]),
        10,
    )


@pins("backlog_recursion")
def test_a_drained_queue_refills_from_zero_and_zero_capacity_accumulates():
    assert_returns(np.array([10.0, 0, 0, 0, 10]), consumer_backlog, [20.0, 0, 0, 0, 20], 10.0)
    assert_returns(np.array([20.0, 20, 20, 60]), consumer_backlog, [20.0, 0, 0, 40], 0.0)
    assert_returns(np.array([5.0, 2, 0, 3]), consumer_backlog, [8.0, 0, 0, 6], 3.0)


@pins("backlog_type")
def test_backlog_is_a_float64_array_for_lists_ints_and_no_seconds():
    assert_returns(np.array([0.0, 5.0]), consumer_backlog, [10, 20], 15)
    assert_returns(np.array([], dtype=float), consumer_backlog, [], 10.0)
    assert_returns(np.array([], dtype=float), consumer_backlog, np.array([], dtype=np.int64), 1)
    result = consumer_backlog(np.array([3, 1, 4], dtype=np.int64), 2)
    assert_type(result, np.ndarray, "consumer_backlog(np.array([3, 1, 4]), 2)")
    assert_equal(str(result.dtype), "float64", "consumer_backlog(np.array([3, 1, 4]), 2).dtype")
    assert_equal(result.shape, (3,), "consumer_backlog(np.array([3, 1, 4]), 2).shape")


SECONDS = st.lists(st.one_of(st.integers(0, 300), st.floats(0, 300, allow_nan=False)), max_size=120)


@pins("backlog_recursion", "backlog_tolerance")
@derandomized(max_examples=80)
@given(arrivals=SECONDS, capacity=st.one_of(st.integers(0, 200), st.floats(0, 200)))
def test_backlog_matches_the_recursion_on_random_traces(arrivals, capacity):
    assert_returns(
        backlog_loop(arrivals, capacity), consumer_backlog, arrivals, capacity, tol=BACKLOG
    )


@pins("backlog_tolerance")
def test_fractional_rates_over_a_week_stay_within_tolerance_and_never_negative():
    rng = np.random.default_rng(4)
    arrivals = rng.choice([0.1, 0.2, 0.3, 3.7], 7 * 86_400) * rng.choice([1, 1, 1, 3], 7 * 86_400)
    for capacity in (0.7, 1.6):
        result = consumer_backlog(arrivals, capacity)
        call = f"consumer_backlog(a week of fractional rates, {capacity})"
        assert_equal(result, backlog_loop(arrivals, capacity), call, tol=BACKLOG)
        assert_equal(result[result < 0].tolist(), [], f"the negative values of {call}")


@pins("backlog_errors")
def test_negative_or_non_finite_rates_raise_value_error():
    for args, name, value in (
        (([5.0, -1.0, 5.0], 10.0), "arrivals_per_s", "-1"),
        (([5.0, float("nan")], 10.0), "arrivals_per_s", "nan"),
        (([5.0, float("inf")], 10.0), "arrivals_per_s", "inf"),
        (([5.0, 5.0], -5.0), "capacity_per_s", "-5"),
        (([5.0, 5.0], float("inf")), "capacity_per_s", "inf"),
        (([5.0, 5.0], float("nan")), "capacity_per_s", "nan"),
        (([5.0, -2.0], -5.0), "arrivals_per_s", "-2"),
    ):
        assert_raises(ValueError, consumer_backlog, *args, match=name)
        assert_raises(ValueError, consumer_backlog, *args, match=value)


@pins("no_mutation")
def test_arrivals_and_events_are_not_modified():
    arrivals = np.array([5.0, 5.0, 20.0, 20.0, 5.0])
    assert_returns(np.array([0.0, 0, 10, 20, 15]), consumer_backlog, arrivals, 10.0)
    assert_returns(np.array([0.0, 0, 10, 20, 15]), consumer_backlog, arrivals.tolist(), 10.0)
    shuffled = TWO_EVENTS.iloc[[2, 0, 1]]
    assert_returns(0.5, hourly_bucket_completeness, shuffled, 0)
    assert_returns(0.5, hourly_bucket_completeness, TWO_EVENTS.copy(), 0)


@pins("scale_backlog")
def test_scale_four_weeks_of_backlog_second_by_second():
    consumer_backlog(np.array([1.0]), 1.0)  # fail fast, before building the large input
    arrivals = workload(
        "event_delivery_four_weeks",
        lambda: np.random.default_rng(8).poisson(1_000, 28 * 86_400).astype(float),
    )

    def reference():
        net = np.cumsum(arrivals - 1_005.0)
        return net - np.minimum(np.minimum.accumulate(net), 0.0)

    assert_scales(
        lambda: consumer_backlog(arrivals, 1_005.0),
        reference,
        factor=5,
        what="consumer_backlog over 2,419,200 seconds",
        advice="Write the backlog as S[t] - min(0, min(S[0..t])) with S = cumsum(arrivals - "
        "capacity): np.cumsum and np.minimum.accumulate, no Python loop over seconds.",
    )


# --- Decision B: hourly bucket completeness -----------------------------------------------


@pins("dedup")
def test_a_retried_event_counts_once_at_its_first_arrival():
    assert_returns(0.5, hourly_bucket_completeness, TWO_EVENTS, 0)
    assert_returns(1.0, hourly_bucket_completeness, TWO_EVENTS, 5)


@pins("dedup")
def test_the_first_arrival_is_the_earliest_not_the_first_row():
    late_copy_first = frame(
        [("e1", 10, 2 * HOUR_MS), ("e1", 10, 500), ("e2", 20, 600), ("e3", 30, 3 * HOUR_MS)]
    )
    assert_returns(2 / 3, hourly_bucket_completeness, late_copy_first, 0)
    assert_returns(1.0, hourly_bucket_completeness, late_copy_first, 2 * HOUR_MS)


@pins("bucket_close")
def test_arrival_exactly_at_the_close_is_on_time_and_hours_start_on_the_hour():
    events = frame([("a", HOUR_MS + 1, 2 * HOUR_MS + 60_000), ("b", 5, HOUR_MS + 60_001)])
    assert_returns(0.5, hourly_bucket_completeness, events, 60_000)
    on_the_hour = frame([("a", HOUR_MS, 2 * HOUR_MS), ("b", HOUR_MS - 1, HOUR_MS + 1)])
    assert_returns(0.5, hourly_bucket_completeness, on_the_hour, 0)
    assert_returns(1.0, hourly_bucket_completeness, on_the_hour, 1)


@pins("bucket_close")
def test_buckets_use_event_time_not_receive_time():
    # a phone offline for 3 hours: received 3 h after its event, in another hour entirely
    offline = frame(
        [("x", 10 * HOUR_MS + 5, 13 * HOUR_MS + 5), ("y", 10 * HOUR_MS + 9, 10 * HOUR_MS + 99)]
    )
    assert_returns(0.5, hourly_bucket_completeness, offline, 30 * 60_000)
    assert_returns(1.0, hourly_bucket_completeness, offline, 3 * HOUR_MS)


@pins("completeness_type")
def test_completeness_is_a_python_float_fraction():
    assert_returns(1.0, hourly_bucket_completeness, TWO_EVENTS, 10**7)
    result = hourly_bucket_completeness(load_events(), 0)
    assert_type(result, float, "hourly_bucket_completeness(load_events(), 0)")
    assert_equal(0.0 <= result <= 1.0, True, f"0 <= {result!r} <= 1")


@pins("no_events")
def test_no_events_means_nothing_is_late():
    assert_returns(1.0, hourly_bucket_completeness, frame([]), 0)
    assert_returns(1.0, hourly_bucket_completeness, TWO_EVENTS.iloc[:0], 3_600_000)


@pins("completeness_errors")
def test_a_negative_wait_raises_before_the_frame_is_read():
    assert_raises(ValueError, hourly_bucket_completeness, TWO_EVENTS, -1, match="wait_ms")
    assert_raises(ValueError, hourly_bucket_completeness, TWO_EVENTS, -60_000, match="-60000")
    assert_raises(ValueError, hourly_bucket_completeness, frame([]), -5, match="-5")


@pins("dedup", "bucket_close")
def test_the_events_dataset_matches_a_brute_force():
    events = load_events()
    for wait_ms in (0, 300_000, 3_600_000, 6 * 3_600_000):
        assert_returns(
            completeness_brute_force(events, wait_ms), hourly_bucket_completeness, events, wait_ms
        )


EVENT_ROWS = st.lists(
    st.tuples(
        st.sampled_from(["a", "b", "c", "d", "é", "f"]),
        st.one_of(
            st.integers(0, 4 * HOUR_MS),
            st.sampled_from([0, HOUR_MS - 1, HOUR_MS, 2 * HOUR_MS - 1, 2 * HOUR_MS]),
        ),
        st.one_of(st.integers(0, 120_000), st.integers(HOUR_MS, 3 * HOUR_MS)),  # delay
    ),
    max_size=12,
)


@pins("dedup", "bucket_close")
@derandomized(max_examples=60)
@given(rows=EVENT_ROWS, wait_ms=st.sampled_from([0, 1, 60_000, HOUR_MS, 2 * HOUR_MS]))
def test_matches_a_brute_force_on_random_retries_in_any_order(rows, wait_ms):
    # retries repeat their event's event_ts: the first listing of an id fixes it
    event_ts = {}
    for event_id, ts, _ in rows:
        event_ts.setdefault(event_id, ts)
    events = frame([(i, event_ts[i], event_ts[i] + delay) for i, _, delay in rows])
    assert_returns(
        completeness_brute_force(events, wait_ms), hourly_bucket_completeness, events, wait_ms
    )


@pins("stateless")
def test_a_second_frame_of_the_same_size_gets_its_own_answer():
    assert_returns(0.5, hourly_bucket_completeness, TWO_EVENTS, 0)
    on_time = frame([("e1", 0, 5), ("e2", 10, 100), ("e2", 10, 200)])
    assert_returns(1.0, hourly_bucket_completeness, on_time, 0)
    late = frame([("e1", 0, 5 * HOUR_MS), ("e2", 10, 5 * HOUR_MS), ("e3", 10, 100)])
    assert_returns(1 / 3, hourly_bucket_completeness, late, 0)


def many_events() -> pd.DataFrame:
    """500,000 rows in arrival order: 490,000 events over two days, 2 % retried, 3 % late."""
    rng = np.random.default_rng(5)
    n, unique = 500_000, 490_000
    retried = rng.choice(unique, n - unique, replace=False)
    event_ts = 1_767_225_600_000 + rng.integers(0, 48 * HOUR_MS, unique)
    delay = rng.exponential(2_000, unique).astype(np.int64)
    late = rng.random(unique) < 0.03
    delay[late] += rng.integers(HOUR_MS, 8 * HOUR_MS, int(late.sum()))
    ids = np.concatenate([np.arange(unique), retried])
    event_ts_all = np.concatenate([event_ts, event_ts[retried]])
    received = np.concatenate(
        [
            event_ts + delay,
            event_ts[retried] + delay[retried] + rng.integers(1_000, 600_000, n - unique),
        ]
    )
    order = np.argsort(received, kind="stable")
    return pd.DataFrame(
        {
            "event_id": pd.Series([f"e{i:07d}" for i in ids[order]], dtype="str"),
            "event_ts": event_ts_all[order],
            "received_ts": received[order],
        }
    )


@pins("scale_events")
def test_scale_half_a_million_events():
    hourly_bucket_completeness(TWO_EVENTS, 0)  # fail fast, before building the large input
    events = workload("event_delivery_half_a_million", many_events)

    def reference():
        first = events.groupby("event_id", sort=False).agg(
            event_ts=("event_ts", "first"), received_ts=("received_ts", "min")
        )
        close = (first["event_ts"] // HOUR_MS + 1) * HOUR_MS + 300_000
        return float((first["received_ts"] <= close).mean())

    assert_scales(
        lambda: hourly_bucket_completeness(events, 300_000),
        reference,
        factor=10,
        what="hourly_bucket_completeness over 500,000 events",
        advice="Collapse retries with one groupby('event_id') (min received_ts), then compare "
        "whole columns; no apply, iterrows or per-id filtering.",
    )
