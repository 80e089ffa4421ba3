"""Hidden tests for cold_start/01_popular_now: `popular_now(plays, now_ts, ...)`."""

import numpy as np
import pandas as pd

from workbook.data import load_plays
from workbook.grading.asserts import assert_equal, assert_raises, assert_scales

COLUMNS = ["track_id", "score", "listeners"]


def plays_frame(rows):
    return pd.DataFrame(rows, columns=["user_id", "track_id", "ts", "ms_played"])


def rows(result):
    assert isinstance(result, pd.DataFrame), (
        f"popular_now returned a {type(result).__name__}; expected a DataFrame"
    )
    assert list(result.columns) == COLUMNS, (
        f"popular_now returned columns {list(result.columns)}; expected {COLUMNS}"
    )
    return [(t, float(s), int(n)) for t, s, n in result.itertuples(index=False)]


def brute_force(plays, now, half_life, min_listeners, k, min_ms=30_000):
    score, listeners = {}, {}
    for user, track, ts, ms in plays.itertuples(index=False):
        if ms >= min_ms and ts <= now:
            score[track] = score.get(track, 0.0) + 0.5 ** ((now - ts) / half_life)
            listeners.setdefault(track, set()).add(user)
    kept = [
        (t, s, len(listeners[t])) for t, s in score.items() if len(listeners[t]) >= min_listeners
    ]
    return sorted(kept, key=lambda row: (-row[1], row[0]))[:k]


def vectorised(plays, now, half_life, min_listeners, k):
    streams = plays[(plays.ms_played >= 30_000) & (plays.ts <= now)]
    table = (
        streams.assign(w=np.exp2(-(now - streams.ts.to_numpy()) / half_life))
        .groupby("track_id")
        .agg(score=("w", "sum"), listeners=("user_id", "nunique"))
    )
    return table[table.listeners >= min_listeners].sort_values("score", ascending=False).head(k)


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


def test_example_from_the_statement():
    assert_equal(
        rows(popular_now(EXAMPLE, 100_000, 86_400, 2)),
        [("t1", 1.5, 2)],
        "popular_now(EXAMPLE, 100_000, 86_400, 2)",
    )


def test_a_stream_one_half_life_old_counts_half():
    plays = plays_frame([("a", "t", 0, 60_000), ("b", "t", 3_600, 60_000)])
    assert_equal(
        rows(popular_now(plays, 7_200, 3_600, 1)),
        [("t", 0.75, 2)],
        "popular_now(streams 2 and 1 half-lives old)",
    )


def test_thirty_second_rule_exactly_30_s_counts_and_29_999_ms_does_not():
    plays = plays_frame([("a", "t1", 0, 30_000), ("b", "t2", 0, 29_999)])
    assert_equal(
        rows(popular_now(plays, 0, 60, 1)),
        [("t1", 1.0, 1)],
        "popular_now(30 000 ms vs 29 999 ms plays)",
    )


def test_plays_after_now_are_ignored():
    plays = plays_frame([("a", "t1", 10, 60_000), ("b", "t1", 11, 60_000), ("c", "t2", 10, 60_000)])
    assert_equal(
        rows(popular_now(plays, 10, 100, 1)),
        [("t1", 1.0, 1), ("t2", 1.0, 1)],
        "popular_now(plays, now_ts=10)",
    )


def test_listeners_are_distinct_users_not_plays():
    plays = plays_frame(
        [("fan", "t1", 0, 60_000)] * 10 + [("a", "t2", 0, 60_000), ("b", "t2", 0, 60_000)]
    )
    assert_equal(
        rows(popular_now(plays, 0, 60, 2)),
        [("t2", 2.0, 2)],
        "popular_now(one superfan vs two listeners, min_listeners=2)",
    )


def test_ties_broken_by_track_id():
    plays = plays_frame([(u, t, 0, 60_000) for t in ("tc", "ta", "tb") for u in ("u1", "u2")])
    assert_equal(
        rows(popular_now(plays, 0, 60, 1, 3)),
        [("ta", 2.0, 2), ("tb", 2.0, 2), ("tc", 2.0, 2)],
        "popular_now(three tied tracks)",
    )


def test_k_zero_and_k_beyond_the_candidates():
    assert_equal(
        rows(popular_now(EXAMPLE, 100_000, 86_400, 1, 0)), [], "popular_now(EXAMPLE, ..., k=0)"
    )
    expected = [("t1", 1.5, 2), ("t3", 1.0, 1), ("t2", 0.5 ** (1_000 / 86_400), 1)]
    assert_equal(
        rows(popular_now(EXAMPLE, 100_000, 86_400, 1, 50)),
        expected,
        "popular_now(EXAMPLE, ..., k=50)",
    )


def test_no_plays_gives_an_empty_frame_with_the_columns():
    empty = plays_frame([]).astype({"ts": "int64", "ms_played": "int64"})
    assert_equal(rows(popular_now(empty, 0)), [], "popular_now(no plays, 0)")


def test_bad_parameters_raise_value_error():
    for kwargs in ({"half_life_s": 0}, {"half_life_s": -1}, {"k": -1}, {"min_listeners": 0}):
        assert_raises(
            ValueError,
            lambda kw=kwargs: popular_now(EXAMPLE, 100_000, **kw),
            f"popular_now(EXAMPLE, 100_000, **{kwargs})",
        )


def test_plays_are_not_modified():
    plays = EXAMPLE.copy()
    popular_now(plays, 100_000, 86_400, 1)
    pd.testing.assert_frame_equal(
        plays, EXAMPLE, obj="plays after popular_now (it must not be modified)"
    )


def test_matches_a_brute_force_on_random_plays():
    rng = np.random.default_rng(9)
    for trial in range(25):
        n = int(rng.integers(0, 200))
        plays = plays_frame(
            list(
                zip(
                    [f"u{i}" for i in rng.integers(0, 8, n)],
                    [f"t{i}" for i in rng.integers(0, 12, n)],
                    rng.integers(0, 10_000, n).tolist(),
                    rng.integers(0, 60_000, n).tolist(),
                    strict=True,
                )
            )
        )
        plays = plays.astype({"ts": "int64", "ms_played": "int64"})
        now, half, minl, k = (
            int(rng.integers(0, 12_000)),
            float(rng.choice([600, 3_600])),
            int(rng.integers(1, 3)),
            int(rng.integers(0, 15)),
        )
        call = f"popular_now(random plays #{trial}, {now}, {half}, {minl}, {k})"
        assert_equal(
            rows(popular_now(plays, now, half, minl, k)),
            brute_force(plays, now, half, minl, k),
            call,
            rel_tol=1e-9,
        )


def test_matches_a_brute_force_on_the_plays_dataset():
    plays = load_plays()
    now = int(plays.ts.max())
    assert_equal(
        rows(popular_now(plays, now, 86_400, 5, 20)),
        brute_force(plays, now, 86_400, 5, 20),
        "popular_now(load_plays(), last ts)",
        rel_tol=1e-9,
    )


def test_scale_one_million_plays_vectorised():
    popular_now(EXAMPLE, 100_000)  # fail fast, before building the large input
    rng = np.random.default_rng(10)
    n = 1_000_000
    plays = pd.DataFrame(
        {
            "user_id": np.char.add("u", rng.integers(0, 50_000, n).astype(str)),
            "track_id": np.char.add("t", rng.zipf(1.3, n).clip(0, 100_000).astype(str)),
            "ts": rng.integers(0, 10 * 86_400, n),
            "ms_played": rng.integers(0, 60_000, n),
        }
    )
    now = 2 * 86_400  # a backfill: ten days of plays, scored as of day two
    assert_scales(
        lambda: popular_now(plays, now, 86_400, 5, 10),
        lambda: vectorised(plays, now, 86_400, 5, 10),
        factor=6,
        what="popular_now on 10^6 plays (a tenth of them streams before now)",
    )
