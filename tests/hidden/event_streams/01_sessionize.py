"""Hidden tests for event_streams/01_sessionize: `sessionize(plays, gap_s=1800)`."""

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from workbook.contract import pins
from workbook.data import load_plays
from workbook.grading.asserts import assert_raises, assert_returns, assert_type
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales, workload

COLUMNS = ["user_id", "session", "start_ts", "end_ts", "plays"]


def frame(user_ids, ts, **extra) -> pd.DataFrame:
    """Plays as the statement promises them: str listener ids, int64 unix seconds."""
    return pd.DataFrame(
        {
            "user_id": pd.Series(list(user_ids), dtype="str"),
            "ts": pd.Series(list(ts), dtype="int64"),
            **extra,
        }
    )


def sessions(rows) -> pd.DataFrame:
    """The frame sessionize must return for (user_id, session, start_ts, end_ts, plays) rows."""
    columns = list(zip(*rows, strict=True)) if rows else [()] * 5
    return pd.DataFrame(
        {
            name: pd.Series(list(values), dtype="str" if name == "user_id" else "int64")
            for name, values in zip(COLUMNS, columns, strict=True)
        }
    )


def brute_force(plays, gap_s=1800) -> pd.DataFrame:
    """Each listener's plays in time order, cut where the gap reaches gap_s."""
    times = {}
    for user, ts in zip(plays["user_id"], plays["ts"], strict=True):
        times.setdefault(user, []).append(int(ts))
    rows = []
    for user in sorted(times):
        ordered = sorted(times[user])
        start, last, count, number = ordered[0], ordered[0], 1, 0
        for t in ordered[1:]:
            if t - last >= gap_s:
                rows.append((user, number, start, last + gap_s, count))
                start, count, number = t, 0, number + 1
            last, count = t, count + 1
        rows.append((user, number, start, last + gap_s, count))
    return sessions(rows)


def vectorised(plays, gap_s=1800):
    """The scale tests' yardstick: one sort, one shift/diff, one groupby."""
    ordered = plays.sort_values(["user_id", "ts"], kind="stable")
    starts = ordered["user_id"].ne(ordered["user_id"].shift()) | ordered["ts"].diff().ge(gap_s)
    grouped = ordered.groupby(starts.cumsum().to_numpy())
    return grouped["ts"].agg(["min", "max", "size"])


EXAMPLE = frame(["ana", "ana", "bo", "ana", "ana"], [0, 600, 100, 1500, 3301])
EXPECTED = sessions([("ana", 0, 0, 3300, 3), ("ana", 1, 3301, 5101, 1), ("bo", 0, 100, 1900, 1)])


@pins("boundaries", "numbering", "ordering")
def test_example_from_the_statement():
    assert_returns(EXPECTED, sessionize, EXAMPLE)


@pins("returns")
def test_returns_the_five_columns_int64_and_a_fresh_index():
    plays = frame(["bo", "ana", "ana", "bo"], [10, 5000, 0, 4000]).set_axis([7, 3, 9, 1])
    out = sessionize(plays)
    assert_type(out, pd.DataFrame, "sessionize(plays)")
    assert_returns(COLUMNS, lambda: list(out.columns))
    assert_returns(
        {
            "user_id": "str",
            "session": "int64",
            "start_ts": "int64",
            "end_ts": "int64",
            "plays": "int64",
        },
        lambda: {name: str(dtype) for name, dtype in out.dtypes.items()},
    )
    assert_returns([0, 1, 2, 3], lambda: out.index.tolist())
    expected = sessions(
        [
            ("ana", 0, 0, 1800, 1),
            ("ana", 1, 5000, 6800, 1),
            ("bo", 0, 10, 1810, 1),
            ("bo", 1, 4000, 5800, 1),
        ]
    )
    assert_returns(expected, lambda: out)


@pins("boundaries")
def test_the_streaming_systems_session_example():
    # Streaming Systems (Akidau, Chernyak, Lax 2018), Example 4-3: TeamX's nine scores with a
    # one-minute gap, times in seconds after 12:00:00. With the book's adjusted times the team has
    # two sessions, [00:26, 05:19) and [06:39, 08:46), scoring 36 and 12.
    times = [26, 144, 219, 259, 186, 399, 85, 446, 466]
    assert_returns(
        sessions([("TeamX", 0, 26, 319, 6), ("TeamX", 1, 399, 526, 3)]),
        sessionize,
        frame(["TeamX"] * 9, times),
        60,
    )
    # With the original times, 12:00:26, 12:01:26 and 12:02:26 are exactly one gap apart: their
    # windows only touch, so they stay separate sessions (scores 5, 9, 22 and 12).
    original = [26, 146, 219, 259, 186, 399, 86, 446, 466]
    assert_returns(
        sessions(
            [
                ("TeamX", 0, 26, 86, 1),
                ("TeamX", 1, 86, 146, 1),
                ("TeamX", 2, 146, 319, 4),
                ("TeamX", 3, 399, 526, 3),
            ]
        ),
        sessionize,
        frame(["TeamX"] * 9, original),
        60,
    )


@pins("boundaries")
def test_a_play_exactly_one_gap_later_starts_a_new_session():
    assert_returns(
        sessions([("u1", 0, 0, 3300, 2), ("u1", 1, 3300, 5100, 1)]),
        sessionize,
        frame(["u1"] * 3, [0, 1500, 3300]),
    )


@pins("boundaries")
def test_one_second_less_than_the_gap_continues_the_session():
    assert_returns(sessions([("u1", 0, 0, 3599, 2)]), sessionize, frame(["u1"] * 2, [0, 1799]))


@pins("boundaries")
def test_the_gap_is_honoured_away_from_its_default():
    plays = frame(["u"] * 4, [0, 59, 119, 120])
    assert_returns(sessions([("u", 0, 0, 119, 2), ("u", 1, 119, 180, 2)]), sessionize, plays, 60)
    assert_returns(
        sessions([("u", i, t, t + 1, 1) for i, t in enumerate([0, 59, 119, 120])]),
        sessionize,
        plays,
        1,
    )
    assert_returns(sessions([("u", 0, 0, 7320, 4)]), sessionize, plays, gap_s=7_200)
    assert_returns(sessions([("u", 0, 0, 7320, 4)]), sessionize, plays, np.int64(7_200))


@pins("out_of_order")
def test_out_of_order_rows_are_taken_in_time_order_per_listener():
    plays = frame(["ana", "bo", "ana", "ana", "bo", "ana"], [5000, 10, 0, 200, 4000, 1900])
    expected = sessions(
        [
            ("ana", 0, 0, 3700, 3),
            ("ana", 1, 5000, 6800, 1),
            ("bo", 0, 10, 1810, 1),
            ("bo", 1, 4000, 5800, 1),
        ]
    )
    assert_returns(expected, sessionize, plays)


@pins("duplicates")
def test_plays_in_the_same_second_share_a_session_and_all_count():
    assert_returns(
        sessions([("ana", 0, 60, 1860, 3)]), sessionize, frame(["ana"] * 3, [60, 60, 60])
    )
    plays = frame(["ana", "ana", "ana", "bo", "bo"], [0, 0, 5000, 7, 7])
    expected = sessions([("ana", 0, 0, 1800, 2), ("ana", 1, 5000, 6800, 1), ("bo", 0, 7, 1807, 2)])
    assert_returns(expected, sessionize, plays)


@pins("numbering")
def test_sessions_are_numbered_per_listener_from_zero():
    plays = frame(["a", "a", "a", "b", "b"], [0, 4000, 8000, 0, 4000])
    expected = sessions(
        [
            ("a", 0, 0, 1800, 1),
            ("a", 1, 4000, 5800, 1),
            ("a", 2, 8000, 9800, 1),
            ("b", 0, 0, 1800, 1),
            ("b", 1, 4000, 5800, 1),
        ]
    )
    assert_returns(expected, sessionize, plays)


@pins("ordering")
def test_rows_are_sorted_by_user_id_in_plain_str_order_then_session():
    plays = frame(["ana", "Zoë", "Ana", "ana", "Zoë"], [100, 5, 50, 9000, 9000])
    expected = sessions(
        [
            ("Ana", 0, 50, 1850, 1),
            ("Zoë", 0, 5, 1805, 1),
            ("Zoë", 1, 9000, 10800, 1),
            ("ana", 0, 100, 1900, 1),
            ("ana", 1, 9000, 10800, 1),
        ]
    )
    assert_returns(expected, sessionize, plays)


@pins("last_session")
def test_every_listeners_last_session_is_emitted():
    assert_returns(sessions([("solo", 0, 42, 1842, 1)]), sessionize, frame(["solo"], [42]))
    plays = frame(["a", "b", "b", "c"], [0, 0, 9000, 500])
    expected = sessions(
        [
            ("a", 0, 0, 1800, 1),
            ("b", 0, 0, 1800, 1),
            ("b", 1, 9000, 10800, 1),
            ("c", 0, 500, 2300, 1),
        ]
    )
    assert_returns(expected, sessionize, plays)


@pins("empty")
def test_empty_input_gives_an_empty_typed_frame():
    assert_returns(sessions([]), sessionize, frame([], []))
    assert_returns(sessions([]), sessionize, frame([], [], track_id=pd.Series([], dtype="str")), 60)


@pins("errors")
def test_a_gap_that_is_not_an_int_raises_type_error():
    for gap in (1800.0, 1800.5, True, "1800", None):
        assert_raises(TypeError, sessionize, EXAMPLE, gap)


@pins("errors")
def test_a_zero_or_negative_gap_raises_value_error_naming_it():
    assert_raises(ValueError, sessionize, EXAMPLE, 0, match="0")
    assert_raises(ValueError, sessionize, EXAMPLE, -5, match="-5")
    assert_raises(ValueError, sessionize, EXAMPLE, np.int64(-7), match="-7")


@pins("errors")
def test_the_type_is_checked_before_the_sign_and_before_reading_plays():
    assert_raises(TypeError, sessionize, EXAMPLE, -1.5)
    assert_raises(TypeError, sessionize, EXAMPLE, False)
    assert_raises(ValueError, sessionize, frame([], []), 0, match="0")
    assert_raises(ValueError, sessionize, frame([], []), -3, match="-3")


@pins("no_mutation")
def test_plays_are_not_modified_when_unsorted_with_extra_columns():
    plays = frame(
        ["bo", "ana", "ana", "bo", "ana"],
        [4000, 5000, 0, 10, 0],
        track_id=["t1", "t2", "t3", "t4", "t5"],
        ms_played=[1_000, 200_000, 31_000, 45_000, 31_000],
    ).set_axis([40, 10, 30, 20, 0])
    expected = sessions(
        [
            ("ana", 0, 0, 1800, 2),
            ("ana", 1, 5000, 6800, 1),
            ("bo", 0, 10, 1810, 1),
            ("bo", 1, 4000, 5800, 1),
        ]
    )
    assert_returns(expected, sessionize, plays)


@pins("stateless")
def test_a_second_call_starts_from_nothing():
    assert_returns(sessions([("ana", 0, 0, 1800, 1)]), sessionize, frame(["ana"], [0]))
    assert_returns(sessions([("ana", 0, 600, 2400, 1)]), sessionize, frame(["ana"], [600]))
    assert_returns(sessions([("ana", 0, 0, 1800, 1)]), sessionize, frame(["ana"], [0]))


@pins("boundaries", "out_of_order", "last_session")
@derandomized(max_examples=40)
@given(
    plays=st.lists(
        st.tuples(st.sampled_from(["ana", "Bo", "zoë"]), st.integers(0, 12).map(lambda m: m * 300)),
        min_size=1,
        max_size=15,
    ),
    gap_s=st.sampled_from([300, 600, 1800, 1]),
)
def test_matches_a_brute_force_on_random_plays(plays, gap_s):
    # times on a 5-minute grid, so plays land exactly one gap apart as often as not
    users, times = zip(*plays, strict=True)
    frame_ = frame(users, times)
    assert_returns(brute_force(frame_, gap_s), sessionize, frame_, gap_s)


@pins("boundaries", "out_of_order")
def test_matches_the_brute_force_on_the_plays_dataset():
    plays = load_plays()
    assert_returns(brute_force(plays), sessionize, plays)


def many_plays(listeners: int):
    rng = np.random.default_rng(3)
    n = 300_000
    ids = np.char.add("u", rng.integers(0, listeners, n).astype(str))
    return frame(ids, rng.integers(0, 14 * 86_400, n))


@pins("scale_rows")
def test_scale_300000_plays_by_1000_listeners():
    sessionize(EXAMPLE)  # fail fast, before building the large input
    plays = workload("sessionize_1000_listeners", lambda: many_plays(1_000))
    assert_scales(
        lambda: sessionize(plays),
        lambda: vectorised(plays),
        factor=5,
        what="sessionize on 300,000 plays by 1,000 listeners",
        advice="Sort once by (user_id, ts), mark session starts with shift()/diff(), number "
        "them with cumsum() and aggregate with one groupby; no iterrows or apply(axis=1).",
    )


@pins("scale_listeners")
def test_scale_300000_plays_by_100000_listeners():
    sessionize(EXAMPLE)
    plays = workload("sessionize_100000_listeners", lambda: many_plays(100_000))
    assert_scales(
        lambda: sessionize(plays),
        lambda: vectorised(plays),
        factor=5,
        what="sessionize on 300,000 plays by 100,000 listeners",
        advice="Work on all listeners at once: a new listener is one more session start in "
        "the same shift()/cumsum() pass; do not loop over groupby groups or use "
        "groupby(...).apply.",
    )
