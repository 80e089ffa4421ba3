"""Hidden tests for cold_start/01_popular_now: `popular_now(plays, now_ts, ...)`."""

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from workbook.compare import Tolerance
from workbook.contract import pins
from workbook.data import load_plays
from workbook.grading.asserts import assert_raises, assert_returns, assert_type
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales, workload

COLUMNS = ["user_id", "track_id", "ts", "ms_played"]
EXACT = Tolerance(1e-9, 0.0)  # relative only: a score of 2^-40 is not 0


def plays_frame(rows, **extra) -> pd.DataFrame:
    """Plays with the dtypes the statement promises: str ids, int64 times and durations."""
    users, tracks, times, played = zip(*rows, strict=True) if rows else ((), (), (), ())
    return pd.DataFrame(
        {
            "user_id": pd.Series(list(users), dtype="str"),
            "track_id": pd.Series(list(tracks), dtype="str"),
            "ts": pd.Series(list(times), dtype="int64"),
            "ms_played": pd.Series(list(played), dtype="int64"),
            **extra,
        }
    )


def result(rows, track_dtype="str") -> pd.DataFrame:
    """The frame popular_now must return for (track_id, score, listeners) rows."""
    tracks, scores, listeners = zip(*rows, strict=True) if rows else ((), (), ())
    return pd.DataFrame(
        {
            "track_id": pd.Series(list(tracks), dtype=track_dtype),
            "score": pd.Series(list(scores), dtype="float64"),
            "listeners": pd.Series(list(listeners), dtype="int64"),
        }
    )


def brute_force(plays, now, half_life, min_listeners, k, min_ms=30_000) -> pd.DataFrame:
    """Plain Python, row by row: the definition in the contract, read literally."""
    score, listeners = {}, {}
    for user, track, ts, ms in plays[COLUMNS].itertuples(index=False):
        if ms >= min_ms and ts <= now:
            score[track] = score.get(track, 0.0) + 0.5 ** ((now - ts) / half_life)
            listeners.setdefault(track, set()).add(user)
    kept = [
        (t, s, len(listeners[t])) for t, s in score.items() if len(listeners[t]) >= min_listeners
    ]
    return result(sorted(kept, key=lambda row: (-row[1], row[0]))[:k], plays["track_id"].dtype)


def vectorised(plays, now, half_life, min_listeners, k):
    """The scale tests' yardstick: one filter, one weight column, one groupby, one sort."""
    streams = plays[(plays["ms_played"] >= 30_000) & (plays["ts"] <= now)]
    table = (
        streams.assign(w=np.exp2(-(now - streams["ts"].to_numpy()) / half_life))
        .groupby("track_id", as_index=False)
        .agg(score=("w", "sum"), listeners=("user_id", "nunique"))
    )
    table = table[table["listeners"] >= min_listeners]
    return table.sort_values(["score", "track_id"], ascending=[False, True]).head(k)


EXAMPLE = plays_frame(
    [
        ("u1", "t1", 100_000, 200_000),
        ("u2", "t1", 13_600, 200_000),
        ("u1", "t2", 99_000, 29_999),
        ("u3", "t2", 99_000, 30_000),
        ("u3", "t3", 100_000, 60_000),
        ("u4", "t2", 150_000, 60_000),
    ]
)
T2 = 0.5 ** (1_000 / 86_400)  # t2's one stream, 1,000 s before now


@pins("streams", "score", "listeners")
def test_example_from_the_statement():
    assert_returns(result([("t1", 1.5, 2)]), popular_now, EXAMPLE, 100_000, 86_400, 2)
    assert_returns(
        result([("t1", 1.5, 2), ("t3", 1.0, 1), ("t2", T2, 1)]),
        popular_now,
        EXAMPLE,
        100_000,
        86_400,
        1,
        tol=EXACT,
    )


@pins("returns")
def test_returns_the_three_columns_with_their_dtypes_and_a_fresh_index():
    plays = plays_frame(
        [(f"u{i}", "ta", 0, 60_000) for i in range(2)]
        + [(f"u{i}", "tb", 0, 60_000) for i in range(1)]
        + [(f"u{i}", "tc", 0, 60_000) for i in range(3)]
    )
    plays = plays.set_axis(range(100, 100 + len(plays)))  # a filtered frame keeps its labels
    out = popular_now(plays, 0, 60, 1, 3)
    assert_type(out, pd.DataFrame, "popular_now(plays, 0, 60, 1, 3)")
    assert_returns(list(result([]).columns), lambda: list(out.columns))
    assert_returns(
        {"track_id": "str", "score": "float64", "listeners": "int64"},
        lambda: {name: str(dtype) for name, dtype in out.dtypes.items()},
    )
    assert_returns([0, 1, 2], lambda: out.index.tolist())
    assert_returns(result([("tc", 3.0, 3), ("ta", 2.0, 2), ("tb", 1.0, 1)]), lambda: out)


@pins("score")
def test_streams_one_and_two_half_lives_old_weigh_a_half_and_a_quarter():
    plays = plays_frame([("a", "t", 0, 60_000), ("b", "t", 3_600, 60_000)])
    assert_returns(result([("t", 0.75, 2)]), popular_now, plays, 7_200, 3_600, 1)


@pins("score")
def test_repeats_and_identical_rows_each_count_as_a_stream():
    rows = [("fan", "t1", 100, 60_000)] * 3 + [("fan", "t1", 40, 60_000), ("b", "t2", 100, 60_000)]
    assert_returns(
        result([("t1", 3.5, 1), ("t2", 1.0, 1)]), popular_now, plays_frame(rows), 100, 60, 1
    )


@pins("tolerance")
def test_scores_are_within_1e_9_of_the_exact_sum():
    plays = plays_frame(
        [("a", "t1", 1_000, 60_000), ("b", "t1", 50_001, 90_000), ("c", "t2", 77_777, 45_000)]
    )
    now, half = 100_000, 86_400
    expected = result(
        [
            ("t1", 0.5 ** (99_000 / half) + 0.5 ** (49_999 / half), 2),
            ("t2", 0.5 ** (22_223 / half), 1),
        ]
    )
    assert_returns(expected, popular_now, plays, now, half, 1, tol=EXACT)
    tiny = plays_frame([("a", "t", 0, 60_000)])  # 40 half-lives old: 2^-40, about 9.1e-13
    assert_returns(result([("t", 2.0**-40, 1)]), popular_now, tiny, 40, 1, 1, tol=EXACT)


@pins("streams")
def test_thirty_second_rule_exactly_30_s_counts_and_29_999_ms_does_not():
    plays = plays_frame([("a", "t1", 0, 30_000), ("b", "t2", 0, 29_999)])
    assert_returns(result([("t1", 1.0, 1)]), popular_now, plays, 0, 60, 1)


@pins("streams")
def test_min_ms_played_is_honoured_away_from_its_default():
    plays = plays_frame(
        [("a", "t1", 0, 0), ("b", "t2", 0, 45_000), ("c", "t3", 0, 44_999), ("d", "t4", 0, 10)]
    )
    assert_returns(
        result([("t1", 1.0, 1), ("t2", 1.0, 1), ("t3", 1.0, 1), ("t4", 1.0, 1)]),
        popular_now,
        plays,
        0,
        60,
        1,
        10,
        0,
    )
    assert_returns(result([("t2", 1.0, 1)]), popular_now, plays, 0, 60, 1, 10, 45_000)
    assert_returns(
        result([("t2", 1.0, 1), ("t3", 1.0, 1)]),
        popular_now,
        plays,
        0,
        60,
        min_listeners=1,
        min_ms_played=20_000,
    )


@pins("streams")
def test_plays_after_now_are_ignored_and_a_play_at_now_weighs_one():
    plays = plays_frame([("a", "t1", 10, 60_000), ("b", "t1", 11, 60_000), ("c", "t2", 10, 60_000)])
    assert_returns(result([("t1", 1.0, 1), ("t2", 1.0, 1)]), popular_now, plays, 10, 100, 1)


@pins("listeners")
def test_listeners_are_distinct_users_among_streams_only():
    plays = plays_frame(
        [("fan", "t1", 0, 60_000)] * 10
        + [("a", "t1", 0, 1_000), ("b", "t1", 5, 60_000)]  # a short play and a future play
        + [("a", "t2", 0, 60_000), ("b", "t2", 0, 60_000)]
    )
    assert_returns(result([("t2", 2.0, 2)]), popular_now, plays, 0, 60, 2)
    assert_returns(result([("t1", 10.0, 1), ("t2", 2.0, 2)]), popular_now, plays, 0, 60, 1)


@pins("listeners")
def test_a_track_with_exactly_min_listeners_is_kept():
    plays = plays_frame(
        [(f"u{i}", "t3", 0, 60_000) for i in range(3)]
        + [(f"u{i}", "t2", 0, 60_000) for i in range(2)] * 3
    )
    assert_returns(result([("t2", 6.0, 2), ("t3", 3.0, 3)]), popular_now, plays, 0, 60, 2)
    assert_returns(result([("t3", 3.0, 3)]), popular_now, plays, 0, 60, 3)
    five = plays_frame([(f"u{i}", "t", 0, 60_000) for i in range(5)])
    assert_returns(result([("t", 5.0, 5)]), popular_now, five, 0)  # the default, 5
    assert_returns(result([]), popular_now, five.iloc[:4], 0)


@pins("ordering")
def test_ties_broken_by_track_id_in_plain_str_order():
    plays = plays_frame(
        [(u, t, 0, 60_000) for t in ("tc", "ta", "Zed", "été", "tb") for u in ("u1", "u2")]
    )
    expected = result([(t, 2.0, 2) for t in ("Zed", "ta", "tb", "tc", "été")])
    assert_returns(expected, popular_now, plays, 0, 60, 1, 5)


@pins("ordering")
def test_higher_score_first_even_with_fewer_listeners():
    plays = plays_frame(
        [("a", "old", 0, 60_000), ("b", "old", 0, 60_000), ("c", "new", 100, 60_000)]
    )
    assert_returns(
        result([("old", 2 * 0.5**0.5, 2), ("new", 1.0, 1)]),
        popular_now,
        plays,
        100,
        200,
        1,
        tol=EXACT,
    )
    assert_returns(result([("new", 1.0, 1), ("old", 2.0**-99, 2)]), popular_now, plays, 100, 1, 1)


@pins("top_k", "ordering")
def test_a_tie_at_the_k_cut_keeps_the_smallest_ids():
    rows = [(u, t, 0, 60_000) for t in ("t9", "t3", "t5", "t1") for u in ("u1", "u2")]
    rows += [(u, "t0", 0, 60_000) for u in ("u1", "u2", "u3")]
    plays = plays_frame(rows)
    assert_returns(result([("t0", 3.0, 3), ("t1", 2.0, 2)]), popular_now, plays, 0, 60, 1, 2)
    assert_returns(
        result([("t0", 3.0, 3), ("t1", 2.0, 2), ("t3", 2.0, 2)]), popular_now, plays, 0, 60, 1, 3
    )


@pins("top_k")
def test_k_zero_the_default_k_and_k_beyond_the_tracks():
    assert_returns(result([]), popular_now, EXAMPLE, 100_000, 86_400, 1, 0)
    assert_returns(
        result([("t1", 1.5, 2), ("t3", 1.0, 1), ("t2", T2, 1)]),
        popular_now,
        EXAMPLE,
        100_000,
        86_400,
        1,
        50,
        tol=EXACT,
    )
    many = plays_frame([(u, f"t{i:02d}", 0, 60_000) for i in range(15) for u in "abcde"])
    assert_returns(result([(f"t{i:02d}", 5.0, 5) for i in range(10)]), popular_now, many, 0, 60)


@pins("empty")
def test_no_plays_or_no_surviving_track_gives_an_empty_typed_frame():
    assert_returns(result([]), popular_now, plays_frame([]), 0)
    assert_returns(result([]), popular_now, EXAMPLE, 100_000, 86_400, 3)
    assert_returns(result([]), popular_now, EXAMPLE, 0, 86_400, 1)  # every play is in the future
    short = plays_frame([("a", "t", 0, 10), ("b", "t", 0, 20)])
    assert_returns(result([]), popular_now, short, 0, 60, 1)


@pins("errors")
def test_bad_parameters_raise_value_error_naming_the_parameter_and_value():
    for name, value in (
        ("half_life_s", 0),
        ("half_life_s", -2.5),
        ("min_listeners", 0),
        ("min_listeners", -4),
        ("k", -3),
        ("min_ms_played", -7),
    ):
        kwargs = {name: value}
        assert_raises(ValueError, popular_now, EXAMPLE, 100_000, match=name, **kwargs)
        assert_raises(ValueError, popular_now, EXAMPLE, 100_000, match=str(value), **kwargs)


@pins("errors")
def test_validation_order_and_before_reading_plays():
    assert_raises(ValueError, popular_now, plays_frame([]), 0, k=-1, match="-1")
    assert_raises(ValueError, popular_now, EXAMPLE, 100_000, 0, -2, -3, -4, match="half_life_s")
    assert_raises(ValueError, popular_now, EXAMPLE, 100_000, 1, -2, -3, -4, match="min_listeners")
    assert_raises(ValueError, popular_now, EXAMPLE, 100_000, 1, 1, -3, -4, match="k must")
    assert_raises(ValueError, popular_now, EXAMPLE, 100_000, 1, 1, 0, -4, match="min_ms_played")
    assert_returns(result([]), popular_now, EXAMPLE, -5, 86_400, 1)  # now_ts is not validated


@pins("no_mutation")
def test_plays_are_not_modified_on_the_dirty_data_path():
    plays = plays_frame(
        [
            ("u2", "t1", 100_000, 200_000),
            ("u1", "t1", 13_600, 200_000),
            ("u1", "t2", 99_000, 29_999),  # short
            ("u3", "t2", 150_000, 60_000),  # future
            ("u3", "t3", 100_000, 60_000),
        ],
        device=["ios", "web", "ios", "android", "web"],
    ).set_axis([40, 10, 30, 20, 0])
    assert_returns(result([("t1", 1.5, 2), ("t3", 1.0, 1)]), popular_now, plays, 100_000, 86_400, 1)


@pins("stateless")
def test_a_second_call_gets_its_own_answer():
    assert_returns(result([("t1", 1.5, 2)]), popular_now, EXAMPLE, 100_000, 86_400, 2)
    other = plays_frame([("a", "t7", 100_000, 60_000), ("b", "t7", 100_000, 60_000)])
    assert_returns(result([("t7", 2.0, 2)]), popular_now, other, 100_000, 86_400, 2)
    assert_returns(result([("t7", 1.0, 2)]), popular_now, other, 186_400, 86_400, 2)


PLAYS = st.lists(
    st.tuples(
        st.sampled_from(["u1", "u2", "u3", "u4", "ü5"]),
        st.sampled_from(["t1", "t2", "t3", "T4", "ñ5", "t10"]),
        st.integers(-2, 6),  # age in half-lives; negative is in the future
        st.sampled_from([0, 10_000, 29_999, 30_000, 45_000, 200_000]),
    ),
    max_size=12,
)


@pins("score", "ordering")
@derandomized(max_examples=40)
@given(
    user_track_halflives_ms=PLAYS,
    half_life=st.sampled_from([60, 3_600, 86_400.0]),
    min_listeners=st.integers(1, 3),
    k=st.integers(0, 7),
    min_ms=st.sampled_from([30_000, 0, 45_000]),
)
def test_matches_a_row_by_row_brute_force(
    user_track_halflives_ms, half_life, min_listeners, k, min_ms
):
    # whole half-lives: every weight is a power of two, so sums, and ties, are exact
    now = 1_700_000_000
    plays = plays_frame(
        [(u, t, now - int(age * half_life), ms) for u, t, age, ms in user_track_halflives_ms]
    )
    assert_returns(
        brute_force(plays, now, half_life, min_listeners, k, min_ms),
        popular_now,
        plays,
        now,
        half_life,
        min_listeners,
        k,
        min_ms,
    )


@pins("score", "tolerance")
def test_matches_the_brute_force_on_the_plays_dataset():
    plays = load_plays()
    now = int(plays["ts"].quantile(0.8))  # a backfill: a fifth of the plays are in the future
    expected = brute_force(plays, now, 86_400, 5, 20)
    assert_returns(expected, popular_now, plays, now, 86_400, 5, 20, tol=EXACT)


def zipf_plays() -> pd.DataFrame:
    """10^6 plays over ten days, Zipf-popular tracks, half of them streams."""
    rng = np.random.default_rng(10)
    n = 1_000_000
    return pd.DataFrame(
        {
            "user_id": pd.array(np.char.add("u", rng.integers(0, 50_000, n).astype(str)), "str"),
            "track_id": pd.array(
                np.char.add("t", rng.zipf(1.3, n).clip(0, 100_000).astype(str)), "str"
            ),
            "ts": rng.integers(0, 10 * 86_400, n),
            "ms_played": rng.integers(0, 60_000, n),
        }
    )


def long_tail_plays() -> pd.DataFrame:
    """300,000 plays spread evenly over 100,000 tracks: most tracks survive min_listeners=1."""
    rng = np.random.default_rng(11)
    n = 300_000
    return pd.DataFrame(
        {
            "user_id": pd.array(np.char.add("u", rng.integers(0, 50_000, n).astype(str)), "str"),
            "track_id": pd.array(np.char.add("t", rng.integers(0, 100_000, n).astype(str)), "str"),
            "ts": rng.integers(0, 10 * 86_400, n),
            "ms_played": rng.integers(25_000, 60_000, n),
        }
    )


@pins("scale_rows")
def test_scale_one_million_plays_vectorised():
    popular_now(EXAMPLE, 100_000)  # fail fast, before building the large input
    plays = workload("popular_now_zipf", zipf_plays)
    now = 10 * 86_400  # every play is before now
    assert_scales(
        lambda: popular_now(plays, now, 86_400, 5, 10),
        lambda: vectorised(plays, now, 86_400, 5, 10),
        factor=5,
        what="popular_now on 10^6 plays",
        advice="Filter with boolean masks, compute the weights as one numpy expression and "
        "aggregate with one groupby(...).agg(score=..., listeners=('user_id', 'nunique')); "
        "no iterrows, itertuples or apply(axis=1).",
    )


@pins("scale_tracks")
def test_scale_one_hundred_thousand_tracks_without_a_loop_per_track():
    popular_now(EXAMPLE, 100_000)
    plays = workload("popular_now_long_tail", long_tail_plays)
    now = 10 * 86_400
    assert_scales(
        lambda: popular_now(plays, now, 86_400, 1, 10),
        lambda: vectorised(plays, now, 86_400, 1, 10),
        factor=5,
        what="popular_now on 300,000 plays over 100,000 tracks, k=10",
        advice="One groupby over all tracks at once; do not loop over the groups in Python.",
    )


@pins("scale_k")
def test_scale_k_fifty_thousand():
    popular_now(EXAMPLE, 100_000)
    plays = workload("popular_now_long_tail", long_tail_plays)
    now = 10 * 86_400
    assert_scales(
        lambda: popular_now(plays, now, 86_400, 1, 50_000),
        lambda: vectorised(plays, now, 86_400, 1, 50_000),
        factor=5,
        what="popular_now on 100,000 tracks with k=50,000",
        advice="Sort once by (score desc, track_id asc) and take head(k); do not pick the "
        "best remaining track k times.",
    )
