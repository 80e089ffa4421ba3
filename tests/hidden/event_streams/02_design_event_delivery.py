"""Hidden tests for event_streams/02_design_event_delivery: estimates and two executable models."""

import numpy as np
import pandas as pd

from workbook.data import load_events
from workbook.grading.asserts import assert_equal, assert_raises, assert_scales

HOUR_MS = 3_600_000


def backlog_loop(arrivals, capacity):
    out, backlog = [], 0.0
    for a in arrivals:
        backlog = max(0.0, backlog + a - capacity)
        out.append(backlog)
    return np.array(out)


def completeness_brute_force(events, wait_ms):
    first = {}
    for event_id, event_ts, received in zip(
        events.event_id, events.event_ts, events.received_ts, strict=True
    ):
        if event_id not in first or received < first[event_id][1]:
            first[event_id] = (event_ts, received)
    on_time = sum(
        received <= (ts // HOUR_MS + 1) * HOUR_MS + wait_ms for ts, received in first.values()
    )
    return on_time / len(first)


def test_average_rate_of_spotify_2017_volume():
    # 100 billion events a day (Spotify Engineering, 2017) is about 1.16 million a second.
    assert_equal(
        average_events_per_second(100e9),
        1_157_407.407,
        "average_events_per_second(100e9)",
        rel_tol=1e-3,
    )


def test_peak_rate_applies_the_peak_to_average_ratio():
    # At 1.3x the 2017 average, the peak is about the published 1.5 million events/s.
    assert_equal(
        peak_events_per_second(100e9, 1.3),
        1_504_629.63,
        "peak_events_per_second(100e9, 1.3)",
        rel_tol=1e-3,
    )


def test_bytes_per_day_of_one_kilobyte_events():
    assert_equal(bytes_per_day(100e9, 1_000), 1e14, "bytes_per_day(100e9, 1000)", rel_tol=1e-3)


def test_partitions_round_up_the_peak_load():
    assert_equal(
        partitions_needed(1.5e6, 1_000, 10e6, 0.7), 215, "partitions_needed(1.5e6, 1000, 10e6, 0.7)"
    )


def test_partitions_exact_quotient_adds_no_spare_partition():
    assert_equal(
        partitions_needed(7_000, 1_000, 10e6, 0.7), 1, "partitions_needed(7000, 1000, 10e6, 0.7)"
    )
    assert_equal(
        partitions_needed(8e6, 1_000, 10e6, 1.0), 800, "partitions_needed(8e6, 1000, 10e6, 1.0)"
    )


def test_partitions_reject_impossible_utilisation_and_sizes():
    for utilisation in (0, -0.5, 1.5):
        assert_raises(
            ValueError,
            lambda u=utilisation: partitions_needed(1e6, 1_000, 10e6, u),
            f"partitions_needed(..., target_utilisation={utilisation})",
        )
    assert_raises(
        ValueError,
        lambda: partitions_needed(1e6, 0, 10e6, 0.7),
        "partitions_needed(1e6, 0, 10e6, 0.7)",
    )


def test_storage_counts_retention_and_every_replica():
    # 350 TB a day (2019), kept 7 days with 3 replicas, is 7.35 PB.
    assert_equal(storage_bytes(350e12, 7, 3), 7.35e15, "storage_bytes(350e12, 7, 3)", rel_tol=1e-3)


def test_consumer_backlog_worked_example():
    result = consumer_backlog(np.array([5, 5, 20, 20, 5, 5, 5]), 10)
    assert_equal(
        np.asarray(result, dtype=float),
        np.array([0.0, 0, 10, 20, 15, 10, 5]),
        "consumer_backlog([5, 5, 20, 20, 5, 5, 5], 10)",
    )


def test_consumer_backlog_matches_a_loop_on_random_spikes():
    rng = np.random.default_rng(4)
    for trial in range(10):
        arrivals = rng.poisson(100, 500) * rng.choice([1, 1, 1, 3], 500)
        capacity = float(rng.integers(90, 200))
        result = np.asarray(consumer_backlog(arrivals, capacity), dtype=float)
        assert_equal(
            result,
            backlog_loop(arrivals, capacity),
            f"consumer_backlog(random spikes #{trial}, {capacity})",
            rel_tol=1e-9,
            abs_tol=1e-6,
        )


def test_bucket_completeness_counts_a_retried_event_once_at_its_first_arrival():
    events = pd.DataFrame(
        {
            "event_id": ["e1", "e2", "e2"],
            "event_ts": [0, 10, 10],
            "received_ts": [HOUR_MS + 5, 100, HOUR_MS + 999_999],
        }
    )
    assert_equal(
        hourly_bucket_completeness(events, 0), 0.5, "hourly_bucket_completeness(two events, 0)"
    )


def test_bucket_completeness_arrival_exactly_at_close_is_on_time():
    events = pd.DataFrame(
        {
            "event_id": ["a", "b"],
            "event_ts": [HOUR_MS + 1, 5],
            "received_ts": [2 * HOUR_MS + 60_000, HOUR_MS + 60_001],
        }
    )
    assert_equal(
        hourly_bucket_completeness(events, 60_000),
        0.5,
        "hourly_bucket_completeness(events, 60_000)",
    )


def test_bucket_completeness_on_the_events_dataset_matches_a_brute_force():
    events = load_events()
    for wait_ms in (0, 300_000, 3_600_000, 6 * 3_600_000):
        expected = completeness_brute_force(events, wait_ms)
        assert_equal(
            hourly_bucket_completeness(events, wait_ms),
            expected,
            f"hourly_bucket_completeness(load_events(), {wait_ms})",
            rel_tol=1e-9,
        )


def test_scale_four_weeks_of_backlog_second_by_second():
    consumer_backlog(np.array([1.0]), 1.0)  # fail fast, before building the large input
    rng = np.random.default_rng(8)
    arrivals = rng.poisson(1_000, 28 * 86_400).astype(float)
    assert_scales(
        lambda: consumer_backlog(arrivals, 1_005.0),
        lambda: (
            np.cumsum(arrivals - 1_005.0)
            - np.minimum(np.minimum.accumulate(np.cumsum(arrivals - 1_005.0)), 0)
        ),
        factor=5,
        what="consumer_backlog over 2,419,200 seconds",
    )
