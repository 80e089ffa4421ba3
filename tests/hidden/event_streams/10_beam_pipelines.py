"""Hidden tests for event_streams/10_beam_pipelines: `to_test_stream`, `SessionizePlays` and
`TeamScorePanes`, run on Beam's DirectRunner against exercises 01 and 06's rules."""

import heapq

import apache_beam as beam
from apache_beam.testing.test_stream import ElementEvent, WatermarkEvent
from apache_beam.transforms import trigger, window
from apache_beam.utils.timestamp import MAX_TIMESTAMP, Timestamp
from apache_beam.utils.windowed_value import PaneInfoTiming
from hypothesis import given
from hypothesis import strategies as st

from workbook.contract import pins
from workbook.grading.asserts import assert_equal, assert_raises, assert_returns, fail_if
from workbook.grading.randomized import derandomized
from workbook.pipelines import run_pipeline

SCORES = [
    ("event", "TeamX", 26, 5),
    ("event", "TeamX", 144, 7),
    ("watermark", 120),
    ("event", "TeamX", 219, 3),
    ("event", "TeamX", 259, 4),
    ("event", "TeamX", 186, 8),
    ("event", "TeamX", 399, 3),
    ("watermark", 240),
    ("watermark", 360),
    ("event", "TeamX", 85, 9),
    ("event", "TeamX", 446, 8),
    ("event", "TeamX", 466, 1),
    ("watermark", 480),
]
WITH_SIX = [*SCORES[:5], ("event", "TeamX", 53, 6), *SCORES[5:]]
BOOK = [
    ("TeamX", 0, 0, "ON_TIME", 5),
    ("TeamX", 120, 0, "ON_TIME", 18),
    ("TeamX", 240, 0, "ON_TIME", 4),
    ("TeamX", 360, 0, "ON_TIME", 12),
]
PLAYS = [("ana", 0), ("ana", 600), ("bo", 100), ("ana", 1500), ("ana", 3301)]


# --- oracles, independent of the learner's code -------------------------------------------


def expected_panes(arrivals, size=120, allowed_lateness=0, mode="accumulating"):
    """Exercise 06's algorithm per team, with the DirectRunner's drop rule (W > end + lateness)
    and the watermark at infinity after the last arrival."""
    teams = sorted({a[1] for a in arrivals if a[0] == "event"})
    panes = []
    for team in teams:
        mine = [a for a in arrivals if a[0] == "watermark" or a[1] == team]
        total, unfired, fired, pending, watermark = {}, {}, {}, [], None
        for arrival in [*mine, ("watermark", float("inf"))]:
            if arrival[0] == "watermark":
                watermark = arrival[1]
                while pending and pending[0] + size <= watermark:
                    start = heapq.heappop(pending)
                    value = total[start] if mode == "accumulating" else unfired[start]
                    panes.append((team, start, fired.get(start, 0), "ON_TIME", value))
                    fired[start], unfired[start] = fired.get(start, 0) + 1, 0
                continue
            _, _, event_time, score = arrival
            start = event_time - event_time % size
            late = watermark is not None and start + size <= watermark
            if late and watermark > start + size + allowed_lateness:
                continue
            if start not in total:
                total[start], unfired[start] = 0, 0
                if not late:
                    heapq.heappush(pending, start)
            total[start] += score
            unfired[start] += score
            if late:
                value = total[start] if mode == "accumulating" else unfired[start]
                panes.append((team, start, fired.get(start, 0), "LATE", value))
                fired[start], unfired[start] = fired.get(start, 0) + 1, 0
    return sorted(panes)


def expected_sessions(plays, gap_s=1800):
    """Brute force: each listener's plays in time order, split where the gap reaches gap_s."""
    sessions = []
    for user in sorted({u for u, _ in plays}):
        times = sorted(ts for u, ts in plays if u == user)
        start = previous = times[0]
        count = 0
        for ts in times:
            if ts - previous >= gap_s:
                sessions.append((user, start, previous + gap_s, count))
                start, count = ts, 0
            previous, count = ts, count + 1
        sessions.append((user, start, previous + gap_s, count))
    return sorted(sessions)


class ReferencePanes(beam.PTransform):
    """The trigger of exercise 06, to test a learner's stream on its own."""

    def __init__(self, size=120, allowed_lateness=0):
        super().__init__()
        self.size, self.allowed_lateness = size, allowed_lateness

    def expand(self, scores):
        windowed = scores | beam.WindowInto(
            window.FixedWindows(self.size),
            trigger=trigger.AfterWatermark(late=trigger.AfterCount(1)),
            allowed_lateness=self.allowed_lateness,
            accumulation_mode=trigger.AccumulationMode.ACCUMULATING,
        )
        return windowed | beam.CombinePerKey(sum) | beam.ParDo(ReferencePaneRow())


class ReferencePaneRow(beam.DoFn):
    def process(self, kv, w=beam.DoFn.WindowParam, pane=beam.DoFn.PaneInfoParam):
        yield kv[0], int(w.start), pane.index, PaneInfoTiming.to_string(pane.timing), kv[1]


def reference_stream(arrivals):
    """A TestStream built without the learner's code."""
    from apache_beam.testing.test_stream import TestStream

    stream, watermark = TestStream(), None
    for arrival in arrivals:
        if arrival[0] == "event":
            value = window.TimestampedValue((arrival[1], arrival[3]), arrival[2])
            stream = stream.add_elements([value])
        elif arrival[1] != watermark:
            stream, watermark = stream.advance_watermark_to(arrival[1]), arrival[1]
    return stream.advance_watermark_to_infinity()


# --- running the learner's transforms -------------------------------------------------------


def panes_of(arrivals, *params):
    """The learner's TeamScorePanes(*params) fed by a reference TestStream, sorted."""
    transform = TeamScorePanes(*params)
    stream = reference_stream(arrivals)
    return sorted(run_pipeline(lambda p: p | stream | transform, streaming=True))


def stream_through_reference(arrivals, size=120, allowed_lateness=0):
    """The learner's to_test_stream feeding the reference transform, sorted."""
    stream = to_test_stream(arrivals)
    transform = ReferencePanes(size, allowed_lateness)
    return sorted(run_pipeline(lambda p: p | stream | transform, streaming=True))


def sessions_of(plays, *params):
    """The learner's SessionizePlays(*params) over beam.Create(plays), sorted."""
    transform = SessionizePlays(*params)
    return sorted(run_pipeline(lambda p: p | beam.Create(plays) | transform))


def sessions_of_stamped_at_zero(plays, gap_s=1800):
    """As sessions_of, with every play first stamped at event time 0."""
    transform = SessionizePlays(gap_s)

    def build(p):
        stamped = p | beam.Create(plays) | beam.Map(lambda x: window.TimestampedValue(x, 0))
        return stamped | transform

    return sorted(run_pipeline(build))


def stream_events(arrivals):
    """The learner's stream as ("element", value, seconds) and ("watermark", seconds)."""
    stream = to_test_stream(arrivals)
    fail_if(
        None if type(stream).__name__ == "TestStream" else f"returned a {type(stream).__name__}",
        to_test_stream,
        (arrivals,),
        "a TestStream",
        repr(stream),
    )
    events = []
    for event in stream._events:
        if isinstance(event, ElementEvent):
            for value in event.timestamped_values:
                events.append(("element", value.value, _seconds(value.timestamp)))
        elif isinstance(event, WatermarkEvent):
            events.append(("watermark", _seconds(event.new_watermark)))
    return events


def _seconds(timestamp):
    timestamp = Timestamp.of(timestamp)
    return "infinity" if timestamp >= MAX_TIMESTAMP else timestamp.micros / 1e6


arrivals_strategy = st.lists(
    st.one_of(
        st.tuples(
            st.just("event"),
            st.sampled_from(["TeamX", "TeamY"]),
            st.integers(0, 60),
            st.integers(1, 9),
        ),
        st.tuples(st.just("watermark"), st.integers(0, 15)),
    ),
    min_size=1,
    max_size=12,
).map(
    # watermarks as running sums of their steps: never decreasing
    lambda raw: [
        a
        if a[0] == "event"
        else ("watermark", sum(b[1] for b in raw[: i + 1] if b[0] == "watermark"))
        for i, a in enumerate(raw)
    ]
)


# --- to_test_stream ---------------------------------------------------------------------------


@pins("stream_events")
def test_stream_holds_team_score_elements_at_event_time_in_arrival_order():
    expected = [
        ("element", ("TeamX", 5), 26.0),
        ("element", ("TeamX", 7), 144.0),
        ("watermark", 120.0),
        ("element", ("TeamX", 3), 219.0),
        ("watermark", 240.0),
        ("element", ("TeamY", 9), 85.0),
        ("watermark", "infinity"),
    ]
    arrivals = [*SCORES[:4], SCORES[7], ("event", "TeamY", 85, 9)]
    assert_returns(expected, stream_events, arrivals)


@pins("stream_events", "stream_end")
def test_stream_through_a_reference_trigger_gives_the_book_panes():
    late = ("TeamX", 0, 1, "LATE", 14)
    assert_returns(sorted([*BOOK, late]), stream_through_reference, SCORES, 120, 86_400)


@pins("stream_end")
def test_stream_ends_with_the_watermark_at_infinity_so_open_windows_fire():
    assert_returns(
        [("TeamY", 0, 0, "ON_TIME", 2)], stream_through_reference, [("event", "TeamY", 5, 2)], 10
    )
    assert_returns(("watermark", "infinity"), lambda a: stream_events(a)[-1], [("watermark", 7)])


@pins("stream_watermarks")
def test_an_equal_watermark_is_skipped():
    arrivals = [("watermark", 10), ("event", "TeamX", 3, 1), ("watermark", 10), ("watermark", 12)]
    expected = [
        ("watermark", 10.0),
        ("element", ("TeamX", 1), 3.0),
        ("watermark", 12.0),
        ("watermark", "infinity"),
    ]
    assert_returns(expected, stream_events, arrivals)


@pins("stream_watermarks")
def test_a_watermark_going_back_raises_value_error_naming_it():
    assert_raises(ValueError, to_test_stream, [("watermark", 50), ("watermark", 49)], match="49")


@pins("stream_watermarks")
def test_an_unknown_arrival_kind_raises_value_error_naming_it():
    arrivals = [("event", "TeamX", 1, 1), ("heartbeat", 5)]
    assert_raises(ValueError, to_test_stream, arrivals, match="heartbeat")


# --- SessionizePlays --------------------------------------------------------------------------


@pins("sessions_output", "sessions_time")
def test_sessions_of_the_statement_example():
    expected = [("ana", 0, 3300, 3), ("ana", 3301, 5101, 1), ("bo", 100, 1900, 1)]
    assert_returns(expected, sessions_of, PLAYS)


@pins("sessions_time")
def test_sessions_restamp_plays_with_their_own_ts():
    expected = [("ana", 0, 3300, 3), ("ana", 3301, 5101, 1), ("bo", 100, 1900, 1)]
    assert_returns(expected, sessions_of_stamped_at_zero, PLAYS)


@pins("sessions_rule")
def test_a_play_exactly_gap_later_starts_a_session_and_shared_ts_each_count():
    plays = [("zoë", 1800), ("zoë", 0), ("zoë", 1800), ("zoë", 3599), ("Ana", 7)]
    expected = [("Ana", 7, 1807, 1), ("zoë", 0, 1800, 1), ("zoë", 1800, 5399, 3)]
    assert_returns(expected, sessions_of, plays)


@pins("sessions_rule")
def test_sessions_honour_a_non_default_gap():
    plays = [("ana", 0), ("ana", 59), ("ana", 118), ("ana", 178)]
    assert_returns([("ana", 0, 178, 3), ("ana", 178, 238, 1)], sessions_of, plays, 60)


@pins("sessions_rule")
@derandomized(max_examples=6, shrink=False)
@given(
    st.lists(
        st.tuples(st.sampled_from(["ana", "bo", "Zoë"]), st.integers(0, 400)),
        min_size=1,
        max_size=15,
    ),
    st.integers(1, 120),
)
def test_sessions_equal_a_brute_force_on_random_plays(plays, gap_s):
    assert_returns(expected_sessions(plays, gap_s), sessions_of, plays, gap_s)


@pins("sessions_gap")
def test_gap_must_be_a_positive_int():
    for bad in (True, 1800.0, "1800"):
        assert_raises(TypeError, SessionizePlays, bad)
    assert_raises(ValueError, SessionizePlays, 0, match="0")
    assert_raises(ValueError, SessionizePlays, -30, match="-30")


@pins("sessions_distributed")
def test_scale_sessions_are_grouped_in_beam_session_windows_not_on_one_worker():
    pipeline = beam.Pipeline()
    output = pipeline | beam.Create(PLAYS) | SessionizePlays(900)
    windowfn = output.windowing.windowfn
    fail_if(
        None
        if isinstance(windowfn, window.Sessions) and windowfn.gap_size == 900
        else "its output is not in Beam session windows of gap_s: the grouping did not happen in Beam",
        SessionizePlays,
        (900,),
        "output windowed by Sessions(900)",
        repr(windowfn),
    )


# --- TeamScorePanes ---------------------------------------------------------------------------


@pins("panes_output", "panes_windows")
def test_the_book_scores_give_the_book_panes_with_exact_types():
    assert_returns(sorted([*BOOK, ("TeamX", 0, 1, "LATE", 14)]), panes_of, SCORES, 120, 86_400)


@pins("panes_windows")
def test_teams_are_summed_separately_in_windows_of_the_given_size():
    arrivals = [
        ("event", "TeamX", 1, 5),
        ("event", "TeamY", 2, 7),
        ("event", "TeamX", 9, 1),
        ("event", "TeamX", 10, 4),
        ("watermark", 10),
        ("event", "TeamY", 3, 2),
    ]
    expected = [
        ("TeamX", 0, 0, "ON_TIME", 6),
        ("TeamX", 10, 0, "ON_TIME", 4),
        ("TeamY", 0, 0, "ON_TIME", 7),
        ("TeamY", 0, 1, "LATE", 9),
    ]
    assert_returns(expected, panes_of, arrivals, 10, 5)


@pins("pane_index", "panes_accumulation")
def test_each_kept_late_score_fires_its_own_pane_with_the_next_index():
    arrivals = [
        ("event", "TeamX", 1, 5),
        ("watermark", 20),
        ("event", "TeamX", 2, 1),
        ("event", "TeamX", 3, 2),
    ]
    expected = [
        ("TeamX", 0, 0, "ON_TIME", 5),
        ("TeamX", 0, 1, "LATE", 6),
        ("TeamX", 0, 2, "LATE", 8),
    ]
    assert_returns(expected, panes_of, arrivals, 10, 100)
    discarding = [(*p[:4], v) for p, v in zip(expected, [5, 1, 2], strict=True)]
    assert_returns(discarding, panes_of, arrivals, 10, 100, "discarding")


@pins("panes_accumulation")
def test_discarding_panes_carry_only_the_scores_since_the_last_pane():
    assert_returns(
        sorted([*BOOK, ("TeamX", 0, 1, "LATE", 9)]), panes_of, SCORES, 120, 86_400, "discarding"
    )


@pins("panes_lateness")
def test_default_lateness_keeps_a_score_at_the_window_end_and_drops_a_later_one():
    assert_returns(BOOK, panes_of, SCORES)
    at_end = [("event", "TeamX", 1, 5), ("watermark", 120), ("event", "TeamX", 2, 1)]
    later = [("event", "TeamX", 1, 5), ("watermark", 180), ("event", "TeamX", 2, 1)]
    on_time = ("TeamX", 0, 0, "ON_TIME", 5)
    assert_returns([on_time, ("TeamX", 0, 1, "LATE", 6)], panes_of, at_end)
    assert_returns([on_time], panes_of, later)


@pins("panes_lateness")
def test_two_minutes_of_lateness_keep_the_six_and_drop_the_nine():
    expected = sorted([*BOOK, ("TeamX", 0, 1, "LATE", 11)])
    assert_returns(expected, panes_of, WITH_SIX, 120, 120)


@pins("panes_lateness")
def test_a_score_arriving_at_exactly_end_plus_lateness_is_kept_one_second_later_dropped():
    at_edge = [("event", "TeamX", 1, 5), ("watermark", 13), ("event", "TeamX", 2, 1)]
    after = [("event", "TeamX", 1, 5), ("watermark", 14), ("event", "TeamX", 2, 1)]
    kept = [("TeamX", 0, 0, "ON_TIME", 5), ("TeamX", 0, 1, "LATE", 6)]
    assert_returns(kept, panes_of, at_edge, 10, 3)
    assert_returns(kept[:1], panes_of, after, 10, 3)


@pins("panes_windows", "panes_lateness")
@derandomized(max_examples=6, shrink=False)
@given(
    arrivals_strategy,
    st.sampled_from([5, 10]),
    st.sampled_from([0, 3, 10]),
    st.sampled_from(["accumulating", "discarding"]),
)
def test_panes_equal_exercise_06_on_random_arrivals(arrivals, size, lateness, mode):
    expected = expected_panes(arrivals, size, lateness, mode)
    assert_returns(expected, panes_of, arrivals, size, lateness, mode)


@pins("panes_params")
def test_invalid_parameters_raise_at_construction():
    for args in [(True,), (120.0,), (120, 1.5), (120, False)]:
        assert_raises(TypeError, TeamScorePanes, *args)
    assert_raises(ValueError, TeamScorePanes, 0, match="0")
    assert_raises(ValueError, TeamScorePanes, 120, -1, match="-1")
    assert_raises(ValueError, TeamScorePanes, 120, 0, "retracting", match="retracting")
    assert_equal(
        type(TeamScorePanes(1, 0, "discarding")).__name__,
        "TeamScorePanes",
        "TeamScorePanes(1, 0, 'discarding')",
    )
