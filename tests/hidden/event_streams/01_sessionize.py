"""Hidden tests for event_streams/01_sessionize: `sessionize(plays, gap_s=1800)`."""

import numpy as np
import pandas as pd

from workbook.data import load_plays
from workbook.grading.asserts import assert_equal, assert_raises, assert_scales

COLUMNS = ["user_id", "session", "start_ts", "end_ts", "plays"]


def frame(user_ids, ts):
    return pd.DataFrame({"user_id": user_ids, "ts": ts})


def rows(result):
    assert isinstance(result, pd.DataFrame), (
        f"sessionize returned a {type(result).__name__}; expected a DataFrame"
    )
    assert list(result.columns) == COLUMNS, (
        f"sessionize returned columns {list(result.columns)}; expected {COLUMNS}"
    )
    return [
        tuple(int(v) if k != "user_id" else v for k, v in row.items())
        for row in result.to_dict("records")
    ]


def brute_force(plays, gap_s=1800):
    times = {}
    for user, ts in zip(plays["user_id"], plays["ts"], strict=True):
        times.setdefault(user, []).append(int(ts))
    sessions = []
    for user in sorted(times):
        ordered = sorted(times[user])
        start, last, count, number = ordered[0], ordered[0], 1, 0
        for t in ordered[1:]:
            if t - last >= gap_s:
                sessions.append((user, number, start, last + gap_s, count))
                start, count, number = t, 0, number + 1
            last, count = t, count + 1
        sessions.append((user, number, start, last + gap_s, count))
    return sessions


def vectorised(plays, gap_s=1800):
    ordered = plays.sort_values(["user_id", "ts"], kind="stable")
    starts = ordered.user_id.ne(ordered.user_id.shift()) | ordered.ts.diff().ge(gap_s)
    grouped = ordered.groupby(starts.cumsum().to_numpy())
    return grouped.ts.agg(["min", "max", "size"])


def test_example_from_the_statement():
    plays = frame(["ana", "ana", "bo", "ana", "ana"], [0, 600, 100, 1500, 3301])
    expected = [("ana", 0, 0, 3300, 3), ("ana", 1, 3301, 5101, 1), ("bo", 0, 100, 1900, 1)]
    assert_equal(rows(sessionize(plays)), expected, "sessionize(EXAMPLE)")


def test_session_windows_match_beam_published_boundaries():
    # Beam Sessions(1800) over events at 0, 600, 1500, 3301 gives [0, 3300) x3 and [3301, 5101) x1.
    result = rows(sessionize(frame(["u1"] * 4, [0, 600, 1500, 3301]), 1800))
    assert_equal(
        result, [("u1", 0, 0, 3300, 3), ("u1", 1, 3301, 5101, 1)], "sessionize(beam example, 1800)"
    )


def test_event_exactly_one_gap_later_starts_a_new_session():
    result = rows(sessionize(frame(["u1"] * 3, [0, 1500, 3300]), 1800))
    assert_equal(
        result,
        [("u1", 0, 0, 3300, 2), ("u1", 1, 3300, 5100, 1)],
        "sessionize(events at 0, 1500, 3300)",
    )


def test_one_second_less_than_the_gap_continues_the_session():
    result = rows(sessionize(frame(["u1"] * 2, [0, 1799]), 1800))
    assert_equal(result, [("u1", 0, 0, 3599, 2)], "sessionize(events at 0, 1799)")


def test_out_of_order_rows_are_sorted_by_time_per_listener():
    plays = frame(["ana", "bo", "ana", "ana", "bo"], [5000, 10, 0, 200, 4000])
    expected = [
        ("ana", 0, 0, 2000, 2),
        ("ana", 1, 5000, 6800, 1),
        ("bo", 0, 10, 1810, 1),
        ("bo", 1, 4000, 5800, 1),
    ]
    assert_equal(rows(sessionize(plays)), expected, "sessionize(unsorted plays)")


def test_plays_in_the_same_second_share_a_session_and_all_count():
    assert_equal(
        rows(sessionize(frame(["ana"] * 3, [60, 60, 60]))),
        [("ana", 0, 60, 1860, 3)],
        "sessionize(three plays at ts=60)",
    )


def test_empty_input_gives_an_empty_frame_with_the_columns():
    result = sessionize(frame([], []).astype({"ts": "int64"}))
    assert_equal(rows(result), [], "sessionize(empty)")


def test_non_positive_gap_raises_value_error():
    for gap in (0, -5):
        assert_raises(
            ValueError,
            lambda g=gap: sessionize(frame(["ana"], [0]), g),
            f"sessionize(plays, {gap})",
        )


def test_extra_columns_are_ignored_and_input_is_not_modified():
    plays = pd.DataFrame(
        {"user_id": ["b", "a", "a"], "ts": [50, 4000, 10], "track_id": ["t1", "t2", "t3"]}
    )
    before = plays.copy()
    sessionize(plays)
    pd.testing.assert_frame_equal(
        plays, before, obj="plays after sessionize (it must not be modified)"
    )


def test_matches_a_brute_force_on_random_listeners():
    rng = np.random.default_rng(11)
    for trial in range(20):
        n = int(rng.integers(1, 80))
        plays = frame([f"u{u}" for u in rng.integers(0, 5, n)], rng.integers(0, 20_000, n))
        gap = int(rng.choice([60, 600, 1800]))
        assert_equal(
            rows(sessionize(plays, gap)),
            brute_force(plays, gap),
            f"sessionize(random plays #{trial}, {gap})",
        )


def test_matches_a_brute_force_on_the_plays_dataset():
    plays = load_plays()
    assert_equal(rows(sessionize(plays)), brute_force(plays), "sessionize(load_plays())")


def test_scale_one_million_plays_vectorised():
    sessionize(frame(["ana"], [0]))  # fail fast, before building the large input
    rng = np.random.default_rng(2)
    n = 1_000_000
    plays = frame(
        np.char.add("u", rng.integers(0, 100_000, n).astype(str)), rng.integers(0, 14 * 86_400, n)
    )
    assert_scales(
        lambda: sessionize(plays),
        lambda: vectorised(plays),
        factor=4,
        what="sessionize on 10^6 plays",
    )
