"""Hidden tests for event_streams/05_count_streams: `count_streams`."""

import random
from collections import defaultdict

from hypothesis import given
from hypothesis import strategies as st

from workbook.contract import pins
from workbook.grading.asserts import assert_raises, assert_returns, assert_type
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales, workload

EVENTS = [
    ("e1", "phone", 0, "play", "halo"),
    ("e2", "phone", 20_000, "pause", ""),
    ("e3", "phone", 50_000, "play", "halo"),
    ("e4", "phone", 60_000, "skip", ""),
    ("e5", "phone", 60_000, "play", "intro"),
    ("e6", "phone", 65_000, "seek", ""),
    ("e7", "phone", 80_000, "end", ""),
    ("e8", "car", 0, "play", "intro"),
    ("e9", "car", 30_000, "play", "halo"),
    ("e4", "phone", 60_000, "skip", ""),
]


def replay_per_ms(events, threshold_ms):
    """The oracle: walk every millisecond of each device's timeline, adding 1 ms per
    millisecond spent playing; events at a millisecond apply first, in event_id order."""
    first = {}
    for event in events:
        first.setdefault(event[0], event)
    by_device = defaultdict(list)
    for event in first.values():
        by_device[event[1]].append(event)
    streams = {}

    def finish(track, played):
        if track is not None and played >= threshold_ms:
            streams[track] = streams.get(track, 0) + 1

    for device_events in by_device.values():
        at = defaultdict(list)
        for event in device_events:
            at[event[2]].append(event)
        start, stop = min(at), max(at)
        track, playing, played = None, False, 0
        for ms in range(start, stop + 1):
            for _, _, _, kind, event_track in sorted(at.get(ms, [])):
                if kind == "play":
                    if track == event_track:
                        playing = True
                    else:
                        finish(track, played)
                        track, playing, played = event_track, True, 0
                elif kind == "pause":
                    playing = False
                elif kind in ("skip", "end"):
                    finish(track, played)
                    track, playing, played = None, False, 0
            if ms < stop and track is not None and playing:
                played += 1
        finish(track, played)
    return streams


def play(track, start, seconds, device="tv", first_id=0):
    """A play of `track` from `start` ms, ended by an `end` after `seconds` seconds."""
    return [
        (f"{device}{first_id:04d}", device, start, "play", track),
        (f"{device}{first_id + 1:04d}", device, start + seconds * 1000, "end", ""),
    ]


@pins("threshold", "played_time", "plays", "open_at_end")
def test_example_from_the_statement():
    assert_returns({"halo": 1, "intro": 1}, count_streams, EVENTS)
    assert_returns({"halo": 1, "intro": 2}, count_streams, EVENTS, 20_000)


@pins("returns")
def test_returns_a_dict_of_int_counts_without_zero_entries():
    result = count_streams(EVENTS)
    assert_type(result, dict, "count_streams(EVENTS)")
    for track, streams in result.items():
        assert_type(track, str, "a key of count_streams(EVENTS)")
        assert_type(streams, int, f"count_streams(EVENTS)[{track!r}]")
    assert_returns({}, count_streams, [])
    assert_returns({}, count_streams, play("short", 0, 10))
    assert_returns(
        {"long": 1}, count_streams, play("short", 0, 10) + play("long", 20_000, 40, first_id=2)
    )


@pins("threshold")
def test_exactly_30_seconds_is_a_stream_and_one_ms_less_is_not():
    at = [("a", "tv", 0, "play", "x"), ("b", "tv", 30_000, "end", "")]
    below = [("a", "tv", 0, "play", "x"), ("b", "tv", 29_999, "end", "")]
    assert_returns({"x": 1}, count_streams, at)
    assert_returns({}, count_streams, below)
    assert_returns({"x": 1}, count_streams, below, 29_999)
    assert_returns({}, count_streams, at, 30_001)
    assert_returns({"x": 1}, count_streams, play("x", 0, 600))  # 10 minutes: still one stream


@pins("threshold")
def test_the_threshold_parameter_is_honoured():
    events = play("a", 0, 5) + play("b", 10_000, 12, first_id=2) + play("c", 30_000, 1, first_id=4)
    assert_returns({"a": 1, "b": 1, "c": 1}, count_streams, events, 1_000)
    assert_returns({"a": 1, "b": 1}, count_streams, events, 5_000)
    assert_returns({"b": 1}, count_streams, events, 12_000)
    assert_returns({"a": 1, "b": 1, "c": 1}, count_streams, events, 1)


@pins("played_time")
def test_paused_time_does_not_count():
    events = [
        ("p1", "tv", 0, "play", "x"),
        ("p2", "tv", 10_000, "pause", ""),
        ("p3", "tv", 500_000, "play", "x"),
        ("p4", "tv", 519_999, "end", ""),
    ]
    assert_returns({}, count_streams, events)
    assert_returns({"x": 1}, count_streams, events, 29_999)


@pins("played_time")
def test_a_seek_neither_adds_nor_removes_played_time():
    events = [
        ("s1", "tv", 0, "play", "x"),
        ("s2", "tv", 5_000, "seek", ""),  # jumps 3 minutes ahead in the track
        ("s3", "tv", 20_000, "seek", ""),  # and back
        ("s4", "tv", 30_000, "end", ""),
    ]
    assert_returns({"x": 1}, count_streams, events)
    short = [
        ("s1", "tv", 0, "play", "x"),
        ("s2", "tv", 5_000, "seek", ""),
        ("s4", "tv", 29_000, "end", ""),
    ]
    assert_returns({}, count_streams, short)
    paused = [
        ("s1", "tv", 0, "play", "x"),
        ("s2", "tv", 10_000, "pause", ""),
        ("s3", "tv", 20_000, "seek", ""),  # a seek while paused does not resume
        ("s4", "tv", 60_000, "end", ""),
    ]
    assert_returns({}, count_streams, paused)


@pins("plays")
def test_a_pause_and_resume_is_one_play():
    events = [
        ("r1", "tv", 0, "play", "x"),
        ("r2", "tv", 20_000, "pause", ""),
        ("r3", "tv", 40_000, "play", "x"),
        ("r4", "tv", 50_000, "pause", ""),
        ("r5", "tv", 55_000, "pause", ""),  # a second pause changes nothing
        ("r6", "tv", 60_000, "end", ""),
    ]
    assert_returns({"x": 1}, count_streams, events)
    assert_returns({"x": 1}, count_streams, events, 20_000)  # one play of 30 s, not two of 20 + 10


@pins("plays")
def test_a_play_of_another_track_ends_the_open_play():
    events = [
        ("t1", "tv", 0, "play", "x"),
        ("t2", "tv", 30_000, "play", "y"),
        ("t3", "tv", 40_000, "play", "y"),  # already playing: nothing
        ("t4", "tv", 70_000, "play", "x"),  # a new play of x
        ("t5", "tv", 95_000, "skip", ""),
    ]
    assert_returns({"x": 1, "y": 1}, count_streams, events)
    assert_returns({"x": 2, "y": 1}, count_streams, events, 25_000)
    # the track field of a pause, seek, skip or end is not read
    labelled = [
        ("t1", "tv", 0, "play", "x"),
        ("t2", "tv", 10_000, "pause", "y"),
        ("t3", "tv", 20_000, "play", "x"),
        ("t4", "tv", 30_000, "seek", "y"),
        ("t5", "tv", 40_000, "end", "y"),
    ]
    assert_returns({"x": 1}, count_streams, labelled)


@pins("plays")
def test_after_skip_or_end_the_same_track_is_a_new_play():
    events = [
        ("u1", "tv", 0, "play", "x"),
        ("u2", "tv", 20_000, "skip", ""),
        ("u3", "tv", 20_000, "skip", ""),  # nothing open: nothing happens
        ("u4", "tv", 30_000, "play", "x"),
        ("u5", "tv", 50_000, "end", ""),
        ("u6", "tv", 60_000, "pause", ""),
        ("u7", "tv", 70_000, "play", "x"),
        ("u8", "tv", 100_000, "end", ""),
    ]
    assert_returns({"x": 1}, count_streams, events)
    assert_returns({"x": 3}, count_streams, events, 20_000)


@pins("open_at_end")
def test_an_open_play_counts_up_to_the_devices_last_event():
    open_play = [("o1", "tv", 0, "play", "x"), ("o2", "tv", 31_000, "seek", "")]
    assert_returns({"x": 1}, count_streams, open_play)
    assert_returns({}, count_streams, open_play[:1])  # nothing after the play: 0 ms
    # another device's later events do not extend this play
    other = [
        ("o1", "tv", 0, "play", "x"),
        ("o2", "tv", 20_000, "seek", ""),
        ("o3", "car", 90_000, "pause", ""),
    ]
    assert_returns({}, count_streams, other)
    paused = [("o1", "tv", 0, "play", "x"), ("o2", "tv", 31_000, "pause", "")]
    assert_returns({"x": 1}, count_streams, paused)


@pins("devices")
def test_devices_do_not_affect_each_other():
    events = [
        ("d1", "phone", 0, "play", "x"),
        ("d2", "car", 0, "play", "x"),
        ("d3", "car", 10_000, "pause", ""),  # pauses the car only
        ("d4", "phone", 15_000, "skip", ""),  # ends the phone's play only
        ("d5", "car", 20_000, "play", "x"),  # resumes the car's play
        ("d6", "car", 40_000, "end", ""),  # car: 10 + 20 = 30 s
        ("d7", "tablet", 0, "play", "x"),
        ("d8", "tablet", 45_000, "end", ""),
    ]
    assert_returns({"x": 2}, count_streams, events)
    assert_returns({"x": 3}, count_streams, events, 15_000)


@pins("ordering")
def test_events_in_any_order_give_the_same_streams():
    shuffled = EVENTS[:]
    random.Random(5).shuffle(shuffled)
    assert_returns({"halo": 1, "intro": 1}, count_streams, shuffled)
    assert_returns({"halo": 1, "intro": 1}, count_streams, EVENTS[::-1])


@pins("ordering")
def test_equal_timestamps_are_applied_in_event_id_order():
    # "a" < "b": the end comes first, then the play starts a new play of x that runs to 60 s
    end_first = [
        ("0", "tv", 0, "play", "x"),
        ("b", "tv", 30_000, "play", "x"),
        ("a", "tv", 30_000, "end", ""),
        ("c", "tv", 60_000, "end", ""),
    ]
    assert_returns({"x": 2}, count_streams, end_first)
    # "a" < "b": the play of x is a no-op (already playing), then the end closes it at 30 s
    play_first = [
        ("0", "tv", 0, "play", "x"),
        ("a", "tv", 30_000, "play", "x"),
        ("b", "tv", 30_000, "end", ""),
        ("c", "tv", 60_000, "end", ""),
    ]
    assert_returns({"x": 1}, count_streams, play_first)
    # plain str order: "e10" < "e9", so the pause comes before y starts and y plays 40 s
    ids = [
        ("e1", "tv", 0, "play", "x"),
        ("e9", "tv", 40_000, "play", "y"),
        ("e10", "tv", 40_000, "pause", ""),
        ("e11", "tv", 80_000, "end", ""),
    ]
    assert_returns({"x": 1, "y": 1}, count_streams, ids)


@pins("duplicates")
def test_a_repeated_event_id_is_ignored_and_the_first_copy_wins():
    events = [
        ("a", "tv", 0, "play", "x"),
        ("b", "tv", 10_000, "pause", ""),
        ("b", "tv", 10_000, "pause", ""),
        ("c", "tv", 20_000, "play", "x"),
        ("d", "tv", 40_000, "end", ""),
    ]
    assert_returns({"x": 1}, count_streams, events)
    # the retry differs: the first copy (a pause at 10 s) wins over the later one (at 35 s)
    changed = [
        ("a", "tv", 0, "play", "x"),
        ("b", "tv", 10_000, "pause", ""),
        ("b", "tv", 35_000, "pause", ""),
        ("d", "tv", 40_000, "end", ""),
    ]
    assert_returns({}, count_streams, changed)
    later_first = [changed[0], changed[2], changed[1], changed[3]]
    assert_returns({"x": 1}, count_streams, later_first)


@pins("threshold", "played_time", "plays", "open_at_end", "devices", "ordering", "duplicates")
@derandomized(max_examples=40)
@given(
    raw=st.lists(
        st.tuples(
            st.integers(0, 14),  # event id number: repeats are duplicates
            st.sampled_from(["a", "b"]),
            st.integers(0, 60),
            st.sampled_from(["play", "play", "pause", "seek", "skip", "end"]),
            st.sampled_from(["x", "y"]),
        ),
        max_size=24,
    ),
    threshold=st.integers(1, 40),
)
def test_matches_a_millisecond_by_millisecond_replay(raw, threshold):
    events = [
        (f"e{n}", device, ts, kind, track if kind == "play" else "")
        for n, device, ts, kind, track in raw
    ]
    assert_returns(replay_per_ms(events, threshold), count_streams, events, threshold)


@pins("errors")
def test_bad_thresholds_and_unknown_kinds_raise():
    for bad in (30_000.0, True, "30000", None):
        assert_raises(TypeError, count_streams, EVENTS, bad, match="threshold_ms")
    for bad in (0, -5):
        assert_raises(ValueError, count_streams, EVENTS, bad, match=str(bad))
    assert_raises(ValueError, count_streams, [], 0, match="0")
    assert_raises(TypeError, count_streams, [("a", "tv", 0, "rewind", "")], 1.5)
    assert_raises(
        ValueError, count_streams, [*EVENTS, ("z", "tv", 0, "rewind", "")], match="rewind"
    )
    assert_raises(ValueError, count_streams, [("z", "tv", 0, "Play", "x")], match="Play")
    # an unknown kind is an error even on a duplicate id
    assert_raises(
        ValueError, count_streams, [*EVENTS, ("e1", "tv", 0, "resume", "")], match="resume"
    )


@pins("no_mutation")
def test_events_are_not_modified():
    # assert_returns also fails, naming the argument, if the call changed `events`
    assert_returns({"halo": 1, "intro": 1}, count_streams, EVENTS[::-1])
    assert_returns(
        {"x": 1},
        count_streams,
        [("b", "tv", 30_000, "end", ""), ("a", "tv", 0, "play", "x"), ("a", "tv", 0, "play", "x")],
    )


def batch(n, devices, seed):
    """`n` events from `devices` devices: plays of 10-60 s with pauses, seeks and retries."""
    rng = random.Random(seed)
    events = []
    clock = [0] * devices
    while len(events) < n:
        d = rng.randrange(devices)
        device = f"device{d}"
        kind = rng.choice(["play", "play", "pause", "seek", "skip", "end"])
        clock[d] += rng.randint(1_000, 60_000)
        events.append(
            (
                f"id{len(events)}",
                device,
                clock[d],
                kind,
                f"t{rng.randrange(500)}" if kind == "play" else "",
            )
        )
        if rng.random() < 0.05:
            events.append(events[-1])
    rng.shuffle(events)
    return events[:n]


def reference(events, threshold_ms=30_000):
    seen, unique = set(), []
    for event in events:
        if event[0] not in seen:
            seen.add(event[0])
            unique.append(event)
    unique.sort(key=lambda e: (e[1], e[2], e[0]))
    streams, track, played, since = {}, None, 0, None
    for i, (_, device, ts, kind, event_track) in enumerate(unique):
        if kind == "play" and event_track == track:
            since = ts if since is None else since
        elif kind == "pause" and since is not None:
            played, since = played + ts - since, None
        elif kind in ("play", "skip", "end"):
            if (
                track is not None
                and played + (ts - since if since is not None else 0) >= threshold_ms
            ):
                streams[track] = streams.get(track, 0) + 1
            track, played, since = (event_track, 0, ts) if kind == "play" else (None, 0, None)
        if i + 1 == len(unique) or unique[i + 1][1] != device:
            if (
                track is not None
                and played + (ts - since if since is not None else 0) >= threshold_ms
            ):
                streams[track] = streams.get(track, 0) + 1
            track, played, since = None, 0, None
    return streams


@pins("scale_events")
def test_scale_30000_events_from_100_devices():
    assert_returns({}, count_streams, [("a", "tv", 0, "play", "x")])  # fail fast
    events = workload("count_streams_100_devices", lambda: batch(30_000, 100, 1))
    assert_scales(
        lambda: count_streams(events),
        lambda: reference(events),
        factor=10,
        what="count_streams on 30,000 events from 100 devices",
        advice="Deduplicate with a set of event ids (not a list), sort a copy once by "
        "(device, ts, event_id), then replay it in one pass.",
    )


@pins("scale_devices")
def test_scale_30000_events_from_3000_devices():
    assert_returns({}, count_streams, [("a", "tv", 0, "play", "x")])
    events = workload("count_streams_3000_devices", lambda: batch(30_000, 3_000, 2))
    assert_scales(
        lambda: count_streams(events),
        lambda: reference(events),
        factor=10,
        what="count_streams on 30,000 events from 3,000 devices",
        advice="Never scan all events once per device: sort by (device, ts, event_id) and "
        "notice where the device changes, or group the events into a dict of lists in one pass.",
    )
