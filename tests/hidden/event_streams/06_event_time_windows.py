"""Hidden tests for event_streams/06_event_time_windows: `window_panes`."""

import random

from hypothesis import given
from hypothesis import strategies as st

from workbook.contract import pins
from workbook.grading.asserts import assert_raises, assert_returns, assert_type
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales, workload

# Streaming Systems, chapter 2 (takidau/streamingbook BeamModelTest.java): seconds after 12:00
SCORES = [
    ("event", "julie1", 26, 5),
    ("event", "ed", 144, 7),
    ("watermark", 120),
    ("event", "amy", 219, 3),
    ("event", "fred", 259, 4),
    ("event", "julie2", 186, 8),
    ("event", "naomi1", 399, 3),
    ("watermark", 240),
    ("watermark", 360),
    ("event", "frank", 85, 9),
    ("event", "becky", 446, 8),
    ("event", "naomi2", 466, 1),
    ("watermark", 480),
]
WITH_SIX = [*SCORES[:5], ("event", "six", 53, 6), *SCORES[5:]]
TWICE = [copy for a in SCORES for copy in ([a, a] if a[0] == "event" else [a])]
PERFECT = [
    ("event", "julie1", 26, 5),
    ("event", "ed", 144, 7),
    ("event", "amy", 219, 3),
    ("event", "fred", 259, 4),
    ("event", "julie2", 186, 8),
    ("event", "naomi1", 399, 3),
    ("event", "frank", 85, 9),
    ("watermark", 120),
    ("event", "becky", 446, 8),
    ("event", "naomi2", 466, 1),
    ("watermark", 240),
    ("watermark", 360),
    ("watermark", 480),
]
ON_TIME = [(0, 0, "ON_TIME", 5), (120, 0, "ON_TIME", 18), (240, 0, "ON_TIME", 4)]
LAST = (360, 0, "ON_TIME", 12)
DAYS = 1000 * 86_400  # the book's "allowed lateness 1000 days"


def brute_force(arrivals, size, lateness, mode):
    """The oracle: keep every kept event in a list and recompute each pane's sum from it."""
    kept = []  # (window start, score, arrival number, late)
    seen, fired_on_time, panes, last_pane_at = set(), set(), [], {}
    watermark = None
    for i, arrival in enumerate(arrivals):
        if arrival[0] == "watermark":
            watermark = arrival[1]
            starts = sorted({s for s, _, _, late in kept if not late})
            for s in starts:
                if s + size <= watermark and s not in fired_on_time:
                    fired_on_time.add(s)
                    panes.append(pane(kept, panes, last_pane_at, s, i, "ON_TIME", mode))
            continue
        _, event_id, t, score = arrival
        if event_id in seen:
            continue
        seen.add(event_id)
        s = (t // size) * size
        late = watermark is not None and watermark >= s + size
        if late and watermark >= s + size + lateness:
            continue
        kept.append((s, score, i, late and not any(k[0] == s for k in kept)))
        if late:
            panes.append(pane(kept, panes, last_pane_at, s, i, "LATE", mode))
    return panes


def pane(kept, panes, last_pane_at, s, i, timing, mode):
    since = last_pane_at.get(s, -1)
    scores = [
        score for start, score, j, _ in kept if start == s and (mode == "accumulating" or j > since)
    ]
    last_pane_at[s] = i
    return (s, sum(1 for p in panes if p[0] == s), timing, sum(scores))


@pins("on_time", "late", "pane_index", "accumulation", "windows")
def test_the_streaming_systems_scores_example():
    # Example 2-7 right (heuristic watermark, accumulating, long allowed lateness): late 14
    assert_returns([*ON_TIME, (0, 1, "LATE", 14), LAST], window_panes, SCORES, 120, DAYS)
    # Example 2-9 (discarding): the late pane carries only the 9
    assert_returns(
        [*ON_TIME, (0, 1, "LATE", 9), LAST], window_panes, SCORES, 120, DAYS, "discarding"
    )
    # Example 2-6 right (Beam's default allowed lateness, zero): the 9 is dropped
    assert_returns([*ON_TIME, LAST], window_panes, SCORES)
    # Example 2-6 left, a perfect watermark: 14, 18, 4, 12, all on time
    assert_returns(
        [(0, 0, "ON_TIME", 14), (120, 0, "ON_TIME", 18), (240, 0, "ON_TIME", 4), LAST],
        window_panes,
        PERFECT,
    )


@pins("late", "accumulation")
def test_allowed_lateness_of_two_minutes_keeps_the_six_and_drops_the_nine():
    # Example 2-8: the 6 (12:00:53) arrives with the watermark at 12:02 < 12:04: late 11;
    # the 9 arrives with the watermark at 12:06 >= 12:04: dropped
    expected = [ON_TIME[0], (0, 1, "LATE", 11), *ON_TIME[1:], LAST]
    assert_returns(expected, window_panes, WITH_SIX, 120, 120)
    discarding = [ON_TIME[0], (0, 1, "LATE", 6), *ON_TIME[1:], LAST]
    assert_returns(discarding, window_panes, WITH_SIX, 120, 120, "discarding")
    assert_returns(
        [ON_TIME[0], (0, 1, "LATE", 11), *ON_TIME[1:], (0, 2, "LATE", 20), LAST],
        window_panes,
        WITH_SIX,
        120,
        241,
    )


@pins("returns")
def test_returns_a_list_of_int_int_str_int_tuples():
    result = window_panes(SCORES, 120, DAYS)
    assert_type(result, list, "window_panes(SCORES, 120, DAYS)")
    for i, p in enumerate(result):
        assert_type(p, tuple, f"window_panes(SCORES, 120, DAYS)[{i}]")
        for j, kind in enumerate((int, int, str, int)):
            assert_type(p[j], kind, f"window_panes(SCORES, 120, DAYS)[{i}][{j}]")
    assert_returns([], window_panes, [])
    assert_returns([], window_panes, [("watermark", 500)])
    assert_returns([], window_panes, [("event", "a", 5, 1)])  # no watermark: nothing fires


@pins("windows")
def test_window_boundaries_and_negative_times():
    arrivals = [
        ("event", "a", 0, 1),
        ("event", "b", 9, 2),
        ("event", "c", 10, 4),  # the next window
        ("event", "d", -1, 8),  # [-10, 0)
        ("watermark", 20),
    ]
    expected = [(-10, 0, "ON_TIME", 8), (0, 0, "ON_TIME", 3), (10, 0, "ON_TIME", 4)]
    assert_returns(expected, window_panes, arrivals, 10)
    assert_returns([(-20, 0, "ON_TIME", 8), (0, 0, "ON_TIME", 7)], window_panes, arrivals, 20)


@pins("on_time")
def test_on_time_fires_when_the_watermark_reaches_the_end_in_start_order():
    arrivals = [("event", "a", 35, 1), ("event", "b", 5, 2), ("event", "c", 15, 4)]
    assert_returns([], window_panes, [*arrivals, ("watermark", 9)], 10)
    assert_returns([(0, 0, "ON_TIME", 2)], window_panes, [*arrivals, ("watermark", 10)], 10)
    assert_returns(
        [(0, 0, "ON_TIME", 2), (10, 0, "ON_TIME", 4), (30, 0, "ON_TIME", 1)],
        window_panes,
        [*arrivals, ("watermark", 100), ("watermark", 100), ("watermark", 200)],
        10,
    )


@pins("late")
def test_the_lateness_boundary_and_late_events_for_new_windows():
    base = [("event", "a", 5, 1), ("watermark", 10)]
    # end 10, lateness 5: kept while W < 15, dropped at W >= 15
    kept = [*base, ("watermark", 14), ("event", "b", 6, 2)]
    assert_returns([(0, 0, "ON_TIME", 1), (0, 1, "LATE", 3)], window_panes, kept, 10, 5)
    dropped = [*base, ("watermark", 15), ("event", "b", 6, 2)]
    assert_returns([(0, 0, "ON_TIME", 1)], window_panes, dropped, 10, 5)
    # a late event into a window that had nothing: a LATE pane with index 0, never ON_TIME
    fresh = [("watermark", 30), ("event", "c", 12, 7), ("watermark", 40)]
    assert_returns([(10, 0, "LATE", 7)], window_panes, fresh, 10, 100)
    assert_returns([], window_panes, fresh, 10, 0)
    # before the first watermark nothing is late
    assert_returns(
        [(0, 0, "ON_TIME", 3)], window_panes, [("event", "x", 1, 3), ("watermark", 10)], 10
    )


@pins("pane_index", "accumulation")
def test_pane_indexes_count_up_and_modes_differ_only_after_the_first_pane():
    arrivals = [("event", "a", 1, 1), ("watermark", 10)] + [
        ("event", f"late{n}", n, 10 * n) for n in range(2, 5)
    ]
    assert_returns(
        [(0, 0, "ON_TIME", 1), (0, 1, "LATE", 21), (0, 2, "LATE", 51), (0, 3, "LATE", 91)],
        window_panes,
        arrivals,
        10,
        60,
    )
    assert_returns(
        [(0, 0, "ON_TIME", 1), (0, 1, "LATE", 20), (0, 2, "LATE", 30), (0, 3, "LATE", 40)],
        window_panes,
        arrivals,
        10,
        60,
        "discarding",
    )


@pins("duplicates")
def test_a_repeated_event_id_is_ignored_and_the_first_copy_wins():
    arrivals = [
        ("event", "a", 1, 5),
        ("event", "a", 1, 5),
        ("event", "a", 25, 100),  # a retry with other fields: still the same event
        ("watermark", 30),
    ]
    assert_returns([(0, 0, "ON_TIME", 5)], window_panes, arrivals, 10)
    # a first copy dropped as too late still makes later copies duplicates
    dropped_first = [
        ("watermark", 100),
        ("event", "z", 5, 1),
        ("event", "z", 150, 1),
        ("watermark", 200),
    ]
    assert_returns([], window_panes, dropped_first, 10)
    assert_returns([*ON_TIME, (0, 1, "LATE", 14), LAST], window_panes, TWICE, 120, DAYS)


@pins("errors")
def test_bad_parameters_backward_watermarks_and_unknown_kinds_raise():
    for bad in (0, -120):
        assert_raises(ValueError, window_panes, SCORES, bad, match=str(bad))
    assert_raises(ValueError, window_panes, SCORES, 120, -1, match="-1")
    for bad in (120.0, True, "120"):
        assert_raises(TypeError, window_panes, SCORES, bad)
    for bad in (1.5, True):
        assert_raises(TypeError, window_panes, SCORES, 120, bad)
    assert_raises(ValueError, window_panes, SCORES, 120, 0, "retracting", match="retracting")
    assert_raises(ValueError, window_panes, [("unknown",)], 0, match="0")  # parameters first
    assert_raises(ValueError, window_panes, [("watermark", 50), ("watermark", 49)], 10, match="49")
    assert_raises(ValueError, window_panes, [("event", "a", 1, 1), ("tick", 5)], match="tick")


@pins("no_mutation")
def test_arrivals_are_not_modified():
    # assert_returns fails, naming the argument, if the call changed it
    assert_returns([*ON_TIME, (0, 1, "LATE", 14), LAST], window_panes, TWICE, 120, DAYS)
    assert_returns(
        [(0, 0, "ON_TIME", 3)],
        window_panes,
        [("event", "b", 2, 2), ("event", "a", 1, 1), ("watermark", 9)],
        9,
    )


arrival_strategy = st.one_of(
    st.tuples(
        st.just("event"), st.integers(0, 9).map(str), st.integers(-20, 60), st.integers(1, 9)
    ),
    st.tuples(st.just("watermark"), st.integers(0, 15)),
)


@pins("windows", "on_time", "late", "pane_index", "accumulation", "duplicates")
@derandomized(max_examples=50)
@given(
    raw=st.lists(arrival_strategy, max_size=25),
    size=st.integers(1, 15),
    lateness=st.integers(0, 30),
    mode=st.sampled_from(["accumulating", "discarding"]),
)
def test_matches_a_brute_force_recomputation(raw, size, lateness, mode):
    arrivals, watermark = [], -30
    for arrival in raw:
        if arrival[0] == "watermark":
            watermark += arrival[1]
            arrivals.append(("watermark", watermark))
        else:
            arrivals.append(arrival)
    assert_returns(
        brute_force(arrivals, size, lateness, mode), window_panes, arrivals, size, lateness, mode
    )


def stream(n, windows, seed):
    rng = random.Random(seed)
    arrivals, watermark = [], 0
    for i in range(n):
        t = rng.randrange(windows * 10)
        arrivals.append(("event", f"e{i}", t, rng.randint(1, 9)))
        watermark += rng.randint(0, 10)
        arrivals.append(("watermark", min(watermark, windows * 10)))
    return arrivals


def reference(arrivals, size, lateness):
    totals, pending, panes, seen, w = {}, [], [], set(), None
    import heapq

    for a in arrivals:
        if a[0] == "watermark":
            w = a[1]
            while pending and pending[0] + size <= w:
                s = heapq.heappop(pending)
                panes.append((s, 0, "ON_TIME", totals[s]))
        elif a[1] not in seen:
            seen.add(a[1])
            s = a[2] - a[2] % size
            if s not in totals:
                totals[s] = 0
                heapq.heappush(pending, s)
            totals[s] += a[3]
    return panes


@pins("scale")
def test_scale_40000_arrivals_over_10000_windows():
    assert_returns([], window_panes, [("event", "a", 1, 1)], 10)  # fail fast
    arrivals = workload("window_panes_40000", lambda: stream(20_000, 10_000, 3))
    assert_scales(
        lambda: window_panes(arrivals, 10, DAYS),
        lambda: reference(arrivals, 10, DAYS),
        factor=10,
        what="window_panes on 40,000 arrivals over 10,000 windows",
        advice="Keep the starts of windows waiting for their ON_TIME pane in a min-heap and pop "
        "while heap[0] + size <= watermark; never scan every window at every watermark.",
    )
