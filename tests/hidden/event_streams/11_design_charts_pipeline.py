"""Hidden tests for event_streams/11_design_charts_pipeline: estimates, a shuffle-skew model
with key salting, and the weekly chart."""

import math
from collections import Counter
from fractions import Fraction

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from workbook.compare import Tolerance
from workbook.contract import pins
from workbook.data import load_plays
from workbook.grading.asserts import assert_equal, assert_raises, assert_returns, assert_type
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales, workload

TENTH_OF_A_PERCENT = Tolerance(rel=1e-3, abs=0.0)
PLAYS = [7, 7, 7, 7, 7, 7, 1, 2, 3, 4, 5, 6]
WEEK = pd.DataFrame(
    {
        "track_id": ["t1", "t1", "t2", "t2", "t3", "t3", "t3", "t0"],
        "ms_played": [35_000, 40_000, 30_000, 30_000, 29_999, 29_999, 29_999, 200_000],
    }
)


def ints(*values) -> np.ndarray:
    return np.array(values, dtype=np.int64)


def loads_brute_force(artist_ids, reducers):
    loads = [0] * reducers
    for a in artist_ids:
        loads[int(a) % reducers] += 1
    return np.array(loads, dtype=np.int64)


def salted_brute_force(artist_ids, reducers, hot_artists, salts):
    """The rule as stated, one play at a time: numbered plays, salts, then partial records."""
    hot = set(int(a) for a in hot_artists)
    stage1, stage2 = [0] * reducers, [0] * reducers
    seen = Counter()
    salts_used = {}
    for a in artist_ids:
        a = int(a)
        if a in hot:
            salt = seen[a] % salts
            seen[a] += 1
            salts_used.setdefault(a, set()).add(salt)
            stage1[(a + salt) % reducers] += 1
        else:
            stage1[a % reducers] += 1
    for a, used in salts_used.items():
        stage2[a % reducers] += len(used)
    return np.array(stage1, dtype=np.int64), np.array(stage2, dtype=np.int64)


def chart_brute_force(track_ids, ms_played, n):
    counts = Counter(t for t, ms in zip(track_ids, ms_played, strict=True) if ms >= 30_000)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:n]


def frame(rows):
    ids, ms = zip(*rows, strict=True) if rows else ((), ())
    return pd.DataFrame(
        {
            "track_id": pd.Series(list(ids), dtype="str"),
            "ms_played": pd.Series(list(ms), dtype="int64"),
        }
    )


# --- Part 1: estimates -----------------------------------------------------------------------


@pins("decimal_units")
def test_350_tb_a_day_is_4_05_gb_per_second():
    # Spotify, Q1 2019: more than 350 TB of raw events a day (InfoQ, Dec 2019)
    assert_returns(4.05e9, bytes_per_second, 350e12, tol=TENTH_OF_A_PERCENT)
    assert_returns(4_050_925_925.9259, bytes_per_second, 350e12, tol=Tolerance(rel=1e-9))
    assert_returns(1e12 / 86_400, bytes_per_second, 1e12, tol=TENTH_OF_A_PERCENT)
    assert_returns(0.0, bytes_per_second, 0.0)


@pins("estimate_types")
def test_estimates_are_python_floats_ints_and_strs():
    assert_returns(1.0, bytes_per_second, 86_400)
    assert_returns(300.0, join_network_bytes, 100, 200, 3, "shuffle_join")
    assert_returns(600.0, join_network_bytes, 100, 200, 3, "hash_join")
    for call, value, kind in (
        ("workers_needed(10**12, 10**8, 100)", workers_needed(10**12, 10**8, 100), int),
        ("workers_needed(1e12, 1e8, 3600.0)", workers_needed(1e12, 1e8, 3600.0), int),
        ("join_strategy(1, 2, 3)", join_strategy(1, 2, 3), str),
    ):
        assert_type(value, kind, call)


@pins("workers_round_up")
def test_workers_round_up_and_zero_bytes_need_none():
    assert_returns(100, workers_needed, 1e12, 1e8, 100)
    assert_returns(101, workers_needed, 1.001e12, 1e8, 100)
    assert_returns(1, workers_needed, 1.0, 1e8, 100)
    assert_returns(0, workers_needed, 0.0, 1e8, 100)
    # a year of raw events at 350 TB/day, 100 MB/s workers, one day: 14,785.9 -> 14,786
    assert_returns(14_786, workers_needed, 365 * 350e12, 100e6, 86_400)


@pins("workers_round_up")
def test_an_exact_quotient_adds_no_spare_worker_however_floats_round():
    # 4.9e12 / (7e8 * 0.7) is 10000.000000000002 in floating point
    assert_returns(10_000, workers_needed, 4.9e12, 7e8, 0.7)
    assert_returns(10, workers_needed, 4.9e9, 7e8, 0.7)
    assert_returns(10_001, workers_needed, 4.9e12 * (1 + 1e-6), 7e8, 0.7)


@pins("workers_round_up")
@derandomized(max_examples=40)
@given(
    input_gb=st.integers(0, 10**6),
    rate_mb=st.integers(1, 2_000),
    deadline_tenths=st.integers(1, 100_000),
)
def test_workers_match_exact_rational_arithmetic(input_gb, rate_mb, deadline_tenths):
    input_bytes, rate, deadline = input_gb * 1e9, rate_mb * 1e6, deadline_tenths / 10
    q = Fraction(input_gb * 10**9) / (Fraction(rate_mb * 10**6) * Fraction(deadline_tenths, 10))
    nearest = round(q)
    expected = nearest if abs(q - nearest) <= q / 10**9 else math.ceil(q)
    assert_returns(expected, workers_needed, input_bytes, rate, deadline)


@pins("estimate_errors")
def test_impossible_estimates_raise_value_error_naming_the_parameter():
    for fn, args, name, value in (
        (bytes_per_second, (-1.0,), "bytes_per_day", "-1"),
        (workers_needed, (-5.0, 1e8, 10), "input_bytes", "-5"),
        (workers_needed, (1e9, 0, 10), "worker_bytes_per_second", "0"),
        (workers_needed, (1e9, 1e8, -3), "deadline_seconds", "-3"),
        (workers_needed, (1e9, 1e8, 0), "deadline_seconds", "0"),
        (join_network_bytes, (-2.0, 1.0, 1, "shuffle_join"), "event_bytes", "-2"),
        (join_network_bytes, (1.0, -7.0, 1, "hash_join"), "catalogue_bytes", "-7"),
        (join_network_bytes, (1.0, 1.0, 0, "hash_join"), "workers", "0"),
        (join_strategy, (-1.0, 16e9, 375e9), "catalogue_bytes", "-1"),
        (join_strategy, (1.0, 0, 375e9), "worker_memory_bytes", "0"),
        (join_strategy, (1.0, 16e9, -5.0), "worker_disk_bytes", "-5"),
        (join_strategy, (1.0, 16e9, 375e9, 0), "memory_share", "0"),
        (join_strategy, (1.0, 16e9, 375e9, 1.5), "memory_share", "1.5"),
    ):
        assert_raises(ValueError, fn, *args, match=name)
        assert_raises(ValueError, fn, *args, match=value)


@pins("estimate_errors")
def test_errors_in_argument_order_and_boundary_values_are_accepted():
    assert_raises(ValueError, workers_needed, -1.0, 0, 0, match="input_bytes")
    assert_raises(ValueError, workers_needed, 1.0, 0, 0, match="worker_bytes_per_second")
    assert_raises(ValueError, join_network_bytes, -1.0, -2.0, 0, "x", match="event_bytes")
    assert_raises(ValueError, join_strategy, 1.0, 0, 0, 2.0, match="worker_memory_bytes")
    assert_raises(ValueError, join_strategy, 1.0, 1.0, 0, 2.0, match="worker_disk_bytes")
    assert_returns("hash_join", join_strategy, 0.0, 1.0, 1.0, 1.0)
    assert_returns(0.0, join_network_bytes, 0.0, 0.0, 1, "shuffle_join")


@pins("join_bytes")
def test_shuffle_moves_both_sides_and_side_inputs_copy_the_catalogue():
    week, catalogue = 1.4e12, 20e9
    assert_returns(1.42e12, join_network_bytes, week, catalogue, 20, "shuffle_join")
    assert_returns(4e11, join_network_bytes, week, catalogue, 20, "sparkey_join")
    assert_returns(4e11, join_network_bytes, week, catalogue, 20, "hash_join")
    assert_returns(1.42e12, join_network_bytes, week, catalogue, 71, "sparkey_join")
    assert_returns(1.42e12, join_network_bytes, week, catalogue, 1, "shuffle_join")
    assert_returns(2e10, join_network_bytes, week, catalogue, 1, "hash_join")


@pins("join_bytes")
def test_an_unknown_strategy_raises_value_error():
    for strategy in ("broadcast", "Shuffle_join", "", "sort_merge_join"):
        assert_raises(ValueError, join_network_bytes, 1e12, 1e9, 10, strategy, match="strategy")
        assert_raises(
            ValueError,
            join_network_bytes,
            1e12,
            1e9,
            10,
            strategy,
            match=repr(strategy)[1:-1] or "''",
        )


@pins("join_choice")
def test_join_strategy_thresholds_are_inclusive():
    assert_returns("hash_join", join_strategy, 8e9, 16e9, 375e9)
    assert_returns("sparkey_join", join_strategy, 8e9 + 1, 16e9, 375e9)
    assert_returns("sparkey_join", join_strategy, 20e9, 16e9, 375e9)
    assert_returns("sparkey_join", join_strategy, 375e9, 16e9, 375e9)
    assert_returns("shuffle_join", join_strategy, 375e9 + 1, 16e9, 375e9)
    assert_returns("hash_join", join_strategy, 12e9, 16e9, 375e9, 0.75)
    assert_returns("sparkey_join", join_strategy, 12e9, 16e9, 375e9, 0.7)
    assert_returns("hash_join", join_strategy, 16e9, 16e9, 375e9, 1.0)
    assert_returns("shuffle_join", join_strategy, 20e9, 16e9, 10e9, 1.0)


# --- Part 2: skew and salting ---------------------------------------------------------------


@pins("partition_rule", "loads_type")
def test_reducer_loads_worked_example():
    assert_returns(ints(2, 8, 2), reducer_loads, PLAYS, 3)
    assert_returns(ints(2, 8, 2), reducer_loads, np.array(PLAYS), 3)
    assert_returns(ints(0, 1, 1, 1, 1, 1, 1, 6, 0, 0), reducer_loads, PLAYS, 10)
    assert_returns(ints(12), reducer_loads, PLAYS, 1)


@pins("partition_rule")
def test_reducers_that_get_nothing_are_listed_and_ids_above_reducers_wrap():
    assert_returns(ints(0, 0, 0, 2, 0), reducer_loads, [3, 8], 5)
    assert_returns(ints(1, 0, 0, 0), reducer_loads, [1_000_000_000_000], 4)


@pins("loads_type")
def test_loads_are_int64_arrays_also_without_plays():
    assert_returns(ints(0, 0), reducer_loads, [], 2)
    assert_returns(ints(0, 0, 0), reducer_loads, np.array([], dtype=np.int32), 3)
    assert_returns(ints(1, 1), reducer_loads, np.array([4, 5], dtype=np.int32), 2)
    assert_returns((ints(0, 0), ints(0, 0)), salted_reducer_loads, [], 2, {1}, 4)
    result = salted_reducer_loads(PLAYS, 3, [7], 3)
    assert_type(result, tuple, "salted_reducer_loads(PLAYS, 3, [7], 3)")


@derandomized(max_examples=40)
@given(ids=st.lists(st.integers(0, 60), max_size=80), reducers=st.integers(1, 12))
@pins("partition_rule")
def test_loads_match_a_brute_force(ids, reducers):
    assert_returns(loads_brute_force(ids, reducers), reducer_loads, ids, reducers)


@pins("skew_definition")
def test_skew_is_makespan_over_mean():
    assert_returns(2.0, skew_ratio, ints(2, 8, 2))
    assert_returns(1.0, skew_ratio, ints(4, 4, 4))
    assert_returns(3.0, skew_ratio, ints(0, 0, 5))
    assert_returns(1.0, skew_ratio, ints(7))
    assert_returns(1.0, skew_ratio, ints(0, 0, 0))
    assert_returns(1.5, skew_ratio, [1, 3])
    assert_returns(27 / 11, skew_ratio, np.array([0.1, 0.1, 0.9]), tol=Tolerance(rel=1e-9))


@pins("skew_definition")
def test_skew_of_no_reducers_or_a_negative_load_raises():
    assert_raises(ValueError, skew_ratio, np.array([], dtype=np.int64))
    assert_raises(ValueError, skew_ratio, [])
    assert_raises(ValueError, skew_ratio, ints(3, -1, 4))


@pins("salting_rule", "merge_stage")
def test_salting_worked_example():
    expected = (ints(4, 4, 4), ints(0, 3, 0))
    assert_returns(expected, salted_reducer_loads, PLAYS, 3, {7}, 3)
    assert_returns(expected, salted_reducer_loads, np.array(PLAYS), 3, [7, 7], 3)
    assert_returns(expected, salted_reducer_loads, PLAYS, 3, np.array([7, 99]), 3)


@pins("salting_rule")
def test_salts_are_dealt_round_robin_and_offset_the_reducer():
    # 7 plays of artist 10, 3 salts: 3, 2, 2 plays on reducers 10, 11, 12 (mod 8 = 2, 3, 4)
    assert_returns(
        (ints(0, 0, 3, 2, 2, 0, 0, 0), ints(0, 0, 3, 0, 0, 0, 0, 0)),
        salted_reducer_loads,
        [10] * 7,
        8,
        {10},
        3,
    )
    # salted keys wrap around: artist 4 on 5 reducers with 3 salts -> reducers 4, 0, 1
    assert_returns(
        (ints(1, 1, 0, 0, 1), ints(0, 0, 0, 0, 3)), salted_reducer_loads, [4, 4, 4], 5, {4}, 3
    )


@pins("salting_rule")
def test_one_salt_or_no_hot_artist_is_the_plain_hash():
    assert_returns((ints(2, 8, 2), ints(0, 1, 0)), salted_reducer_loads, PLAYS, 3, {7}, 1)
    assert_returns((ints(2, 8, 2), ints(0, 0, 0)), salted_reducer_loads, PLAYS, 3, set(), 5)
    assert_returns((ints(2, 8, 2), ints(0, 0, 0)), salted_reducer_loads, PLAYS, 3, {42}, 5)


@pins("merge_stage")
def test_stage_two_gets_one_record_per_salt_that_received_a_play():
    # 2 plays, 5 salts: only 2 partial counts to merge
    assert_returns((ints(0, 1, 1, 0), ints(0, 2, 0, 0)), salted_reducer_loads, [1, 1], 4, {1}, 5)
    # two hot artists merging on the same reducer
    assert_returns(
        (ints(0, 4, 2, 0), ints(0, 4, 0, 0)),
        salted_reducer_loads,
        [1, 1, 1, 5, 5, 5],
        4,
        {1, 5},
        2,
    )
    # cold plays never go to stage 2
    assert_returns((ints(3, 1), ints(0, 1)), salted_reducer_loads, [0, 0, 0, 1], 2, {1}, 4)


HOT_PLAYS = st.lists(st.sampled_from([0, 1, 2, 3, 5, 8, 13, 13, 13, 13, 21, 40]), max_size=60)


@pins("salting_rule", "merge_stage")
@derandomized(max_examples=50)
@given(
    ids=HOT_PLAYS,
    reducers=st.integers(1, 9),
    hot=st.sets(st.sampled_from([0, 1, 13, 21, 40, 77]), max_size=4),
    salts=st.integers(1, 7),
)
def test_salted_loads_match_a_play_by_play_brute_force(ids, reducers, hot, salts):
    assert_returns(
        salted_brute_force(ids, reducers, hot, salts),
        salted_reducer_loads,
        ids,
        reducers,
        hot,
        salts,
    )


@pins("model_errors")
def test_bad_reducers_salts_or_ids_raise_value_error():
    for fn, args, name, value in (
        (reducer_loads, (PLAYS, 0), "reducers", "0"),
        (reducer_loads, (PLAYS, -2), "reducers", "-2"),
        (reducer_loads, ([1, -4, 2], 3), "artist_ids", "-4"),
        (salted_reducer_loads, (PLAYS, 0, {7}, 3), "reducers", "0"),
        (salted_reducer_loads, (PLAYS, 3, {7}, 0), "salts", "0"),
        (salted_reducer_loads, ([3, -9], 3, {7}, 2), "artist_ids", "-9"),
        (salted_reducer_loads, ([], 3, {7}, -1), "salts", "-1"),
    ):
        assert_raises(ValueError, fn, *args, match=name)
        assert_raises(ValueError, fn, *args, match=value)
    assert_raises(ValueError, reducer_loads, [-1], 0, match="artist_ids")
    assert_raises(ValueError, salted_reducer_loads, PLAYS, 0, {7}, 0, match="reducers")


@pins("no_mutation")
def test_inputs_are_not_modified():
    ids = np.array(PLAYS)
    hot = {7}
    assert_returns((ints(4, 4, 4), ints(0, 3, 0)), salted_reducer_loads, ids, 3, hot, 3)
    assert_returns(ints(2, 8, 2), reducer_loads, ids, 3)
    loads = ints(2, 8, 2)
    assert_returns(2.0, skew_ratio, loads)
    plays = WEEK.copy()
    assert_returns([("t1", 2), ("t2", 2)], weekly_chart, plays, 2)
    assert_equal(list(plays.columns), ["track_id", "ms_played"], "columns of plays after the call")
    assert_equal(
        plays["track_id"].tolist(), WEEK["track_id"].tolist(), "plays.track_id after the call"
    )


# --- Part 3: the chart ----------------------------------------------------------------------


@pins("chart_counting", "chart_order")
def test_chart_worked_example():
    assert_returns([("t1", 2), ("t2", 2)], weekly_chart, WEEK, 2)
    assert_returns([("t1", 2), ("t2", 2), ("t0", 1)], weekly_chart, WEEK, 10)
    assert_returns([("t1", 2)], weekly_chart, WEEK, 1)


@pins("chart_counting")
def test_exactly_thirty_seconds_counts_and_one_millisecond_less_does_not():
    plays = frame([("a", 30_000), ("b", 29_999), ("b", 29_999), ("c", 30_001), ("c", 0)])
    assert_returns([("a", 1), ("c", 1)], weekly_chart, plays, 5)
    assert_returns([], weekly_chart, frame([("x", 29_999), ("y", 1)]), 3)


@pins("chart_order")
def test_ties_at_the_cut_are_broken_by_track_id():
    plays = frame([(t, 60_000) for t in ["d", "b", "c", "a", "c", "b", "e", "b"]])
    assert_returns([("b", 3), ("c", 2), ("a", 1)], weekly_chart, plays, 3)
    assert_returns([("b", 3), ("c", 2), ("a", 1), ("d", 1)], weekly_chart, plays, 4)
    assert_returns([], weekly_chart, plays, 0)


@pins("chart_order")
def test_track_ids_sort_by_code_point():
    plays = frame([(t, 31_000) for t in ["é", "e", "Z", "a", "ß", "É", "10", "9"]])
    assert_returns(
        [("10", 1), ("9", 1), ("Z", 1), ("a", 1), ("e", 1), ("É", 1), ("ß", 1), ("é", 1)],
        weekly_chart,
        plays,
        8,
    )


@pins("chart_counting", "chart_order")
@derandomized(max_examples=30)
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(["t1", "t2", "t3", "T1", "ä", "t10"]),
            st.sampled_from([0, 29_999, 30_000, 30_001, 200_000]),
        ),
        max_size=40,
    ),
    n=st.integers(0, 8),
)
def test_chart_matches_a_brute_force(rows, n):
    plays = frame(rows)
    expected = chart_brute_force(plays["track_id"].tolist(), plays["ms_played"].tolist(), n)
    assert_returns(expected, weekly_chart, plays, n)


@pins("chart_counting", "chart_order", "chart_type")
def test_chart_on_the_plays_dataset_matches_a_brute_force():
    plays = load_plays()
    expected = chart_brute_force(plays["track_id"].tolist(), plays["ms_played"].tolist(), 50)
    assert_returns(expected, weekly_chart, plays, 50)


@pins("chart_type")
def test_chart_is_a_list_of_str_int_tuples():
    chart = weekly_chart(WEEK, 3)
    assert_type(chart, list, "weekly_chart(WEEK, 3)")
    for entry in chart:
        assert_type(entry, tuple, f"an entry {entry!r} of weekly_chart(WEEK, 3)")
        assert_type(entry[0], str, f"the track_id {entry[0]!r} in weekly_chart(WEEK, 3)")
        assert_type(entry[1], int, f"the streams {entry[1]!r} in weekly_chart(WEEK, 3)")
    assert_returns([], weekly_chart, WEEK.iloc[:0], 3)


@pins("chart_errors")
def test_a_negative_n_raises_also_on_an_empty_frame():
    assert_raises(ValueError, weekly_chart, WEEK, -1, match="n")
    assert_raises(ValueError, weekly_chart, WEEK, -1, match="-1")
    assert_raises(ValueError, weekly_chart, WEEK.iloc[:0], -3, match="-3")


# --- scale -----------------------------------------------------------------------------------


def five_million_plays() -> np.ndarray:
    rng = np.random.default_rng(12)
    weights = np.arange(1, 100_001, dtype=float) ** -1.1
    return rng.permutation(100_000)[rng.choice(100_000, 5_000_000, p=weights / weights.sum())]


@pins("scale_loads")
def test_scale_five_million_plays_on_500_reducers():
    reducer_loads(PLAYS, 3)  # fail fast, before building the large input
    ids = workload("charts_five_million_plays", five_million_plays)
    assert_scales(
        lambda: reducer_loads(ids, 500),
        lambda: np.bincount(ids % 500, minlength=500),
        factor=10,
        what="reducer_loads over 5,000,000 plays",
        advice="Count with np.bincount(artist_ids % reducers, minlength=reducers): no Python loop "
        "over plays.",
    )


@pins("scale_loads")
def test_scale_salting_five_million_plays():
    salted_reducer_loads(PLAYS, 3, {7}, 3)  # fail fast
    ids = workload("charts_five_million_plays", five_million_plays)
    counts = np.bincount(ids)
    hot = np.argsort(-counts, kind="stable")[:200]
    hot_set = set(hot.tolist())

    def reference():
        cold = ids[~np.isin(ids, hot)]
        loads = np.bincount(cold % 500, minlength=500)
        c = counts[hot][:, None]
        j = np.arange(16)[None, :]
        np.add.at(loads, ((hot[:, None] + j) % 500).ravel(), (c // 16 + (j < c % 16)).ravel())
        return loads

    assert_scales(
        lambda: salted_reducer_loads(ids, 500, hot_set, 16),
        reference,
        factor=10,
        what="salted_reducer_loads over 5,000,000 plays, 200 hot artists, 16 salts",
        advice="Count plays per artist once (np.bincount), give each salt c // s plays plus one "
        "for the first c % s salts, and add them with np.add.at: no loop over plays.",
    )


def a_million_plays() -> pd.DataFrame:
    rng = np.random.default_rng(13)
    weights = np.arange(1, 20_001, dtype=float) ** -0.9
    tracks = rng.choice(20_000, 1_000_000, p=weights / weights.sum())
    return pd.DataFrame(
        {
            "track_id": pd.Series([f"t{t:05d}" for t in tracks], dtype="str"),
            "ms_played": rng.integers(0, 300_000, 1_000_000),
        }
    )


@pins("scale_chart")
def test_scale_a_million_plays_chart():
    weekly_chart(WEEK, 2)  # fail fast
    plays = workload("charts_a_million_plays", a_million_plays)

    def reference():
        counts = plays.loc[plays["ms_played"] >= 30_000, "track_id"].value_counts()
        return counts.sort_index().sort_values(ascending=False, kind="stable").head(200)

    assert_scales(
        lambda: weekly_chart(plays, 200),
        reference,
        factor=10,
        what="weekly_chart over 1,000,000 plays",
        advice="Filter with a boolean mask, count with value_counts(), sort once by streams and "
        "track_id: no iterrows, apply or per-track filtering.",
    )
