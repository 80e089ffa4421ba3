"""Hidden tests for audio_buffering/02_playback_buffer: `simulate_playback(...)`."""

from fractions import Fraction

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from workbook.compare import Tolerance
from workbook.contract import pins
from workbook.data import load_throughput
from workbook.grading.asserts import assert_equal, assert_raises, assert_returns, assert_type
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales, workload

COLUMNS = ["t_s", "downloaded_s", "played_s", "buffer_s", "state"]
CLOSE = Tolerance(rel=1e-9, abs=1e-9)
EXAMPLE_ROWS = [
    (1, 2.0, 1.0, 1.0, "playing"),
    (2, 4.0, 2.0, 2.0, "playing"),
    (3, 4.0, 3.0, 1.0, "playing"),
    (4, 4.0, 4.0, 0.0, "playing"),
    (5, 4.0, 4.0, 0.0, "stalled"),
    (6, 6.0, 5.0, 1.0, "playing"),
    (7, 6.0, 6.0, 0.0, "playing"),
]


def playback(delay: float, stalls: int, stall_time: float, rows: list[tuple]) -> "Playback":
    """The expected result, built with the notebook's own `Playback`."""
    return Playback(delay, stalls, stall_time, pd.DataFrame(rows, columns=COLUMNS))


def exact_simulation(throughput, bitrate, track, startup, resume):
    """An independent, exact (rational) implementation of the model: the expected Playback,
    or None when the trace ends before the track has played."""
    track = Fraction(track)
    downloaded = played = delay = stall_time = Fraction(0)
    stalls, state, rows = 0, "waiting", []
    for t, kbps in enumerate(throughput):
        downloaded += min(Fraction(kbps) / Fraction(bitrate), track - downloaded)
        buffered = downloaded - played
        threshold = Fraction(startup if state == "waiting" else resume)
        if state != "playing" and (buffered >= threshold or downloaded == track):
            state = "playing"
        if state == "playing":
            play = min(Fraction(1), buffered, track - played)
            played += play
            if played < track and play < 1:
                stalls, stall_time, state = stalls + 1, stall_time + 1 - play, "stalled"
        elif state == "waiting":
            delay += 1
        else:
            stall_time += 1
        rows.append((t + 1, float(downloaded), float(played), float(downloaded - played), state))
        if played == track:
            return playback(float(delay), stalls, float(stall_time), rows)
    return None


def reference(throughput, bitrate, track, startup, resume):
    """A float reference that calibrates the scale test."""
    downloaded = played = buffer = delay = stall_time = 0.0
    stalls, state, rows = 0, "waiting", []
    for t, kbps in enumerate(np.asarray(throughput, dtype=float).tolist()):
        got = min(kbps / bitrate, track - downloaded)
        downloaded, buffer = downloaded + got, buffer + got
        threshold = startup if state == "waiting" else resume
        if state != "playing" and (buffer >= threshold - 1e-9 or downloaded >= track - 1e-9):
            state = "playing"
        if state == "playing":
            play = min(1.0, buffer, track - played)
            played, buffer = played + play, buffer - play
            if track - played > 1e-9 and play < 1.0 - 1e-9:
                stalls, stall_time, state = stalls + 1, stall_time + 1.0 - play, "stalled"
        elif state == "waiting":
            delay += 1.0
        else:
            stall_time += 1.0
        rows.append((t + 1, downloaded, played, buffer, state))
        if track - played <= 1e-9:
            return delay, stalls, stall_time, pd.DataFrame(rows, columns=COLUMNS)
    raise ValueError(len(throughput))


@pins("step_order", "stalls", "timeline")
def test_example_from_the_statement():
    assert_returns(
        playback(0.0, 1, 1.0, EXAMPLE_ROWS),
        simulate_playback,
        [320, 320, 0, 0, 0, 320, 320],
        160,
        6,
        2,
        2,
    )


@pins("returns")
def test_summary_fields_are_python_float_int_float():
    for args in (([320, 320, 0, 0, 0, 320, 320], 160, 6, 2, 2), ([80] * 40, 160, 6, 2, 2)):
        result = simulate_playback(*args)
        call = f"simulate_playback{args!r:.60}"
        assert_type(result, Playback, call)
        assert_type(result.startup_delay_s, float, call + ".startup_delay_s")
        assert_type(result.stall_count, int, call + ".stall_count")
        assert_type(result.stall_time_s, float, call + ".stall_time_s")
    result = simulate_playback(np.array([80] * 40), 160, 6, 2, 2)
    assert_equal(
        (result.startup_delay_s, result.stall_count, result.stall_time_s),
        (3.0, 1, 3.5),
        "simulate_playback(np.array([80] * 40), 160, 6, 2, 2) (delay, stalls, stall time)",
    )


@pins("timeline")
def test_timeline_columns_dtypes_and_index():
    frame = simulate_playback([320, 320, 0, 0, 0, 320, 320], 160, 6, 2, 2).timeline
    expected = pd.DataFrame(EXAMPLE_ROWS, columns=COLUMNS)
    assert_type(frame, pd.DataFrame, "simulate_playback(example).timeline")
    assert_equal(list(frame.columns), COLUMNS, "the timeline's columns")
    assert_equal(
        [str(t) for t in frame.dtypes], [str(t) for t in expected.dtypes], "the timeline's dtypes"
    )
    assert_equal(frame, expected, "simulate_playback(example).timeline")


@pins("thresholds", "returns")
def test_startup_delay_when_throughput_is_below_the_bitrate():
    assert_returns(
        playback(
            3.0,
            0,
            0.0,
            [
                (1, 0.5, 0.0, 0.5, "waiting"),
                (2, 1.0, 0.0, 1.0, "waiting"),
                (3, 1.5, 0.0, 1.5, "waiting"),
                (4, 2.0, 1.0, 1.0, "playing"),
                (5, 2.5, 2.0, 0.5, "playing"),
                (6, 3.0, 3.0, 0.0, "playing"),
            ],
        ),
        simulate_playback,
        [80] * 40,
        160,
        3,
        2,
        2,
    )


@pins("thresholds")
def test_resume_uses_the_resume_threshold_not_the_startup_one():
    trace = [320, 0, 0, 80, 80, 80, 80, 80, 80, 80, 80, 320, 320, 320, 320, 320]
    assert_returns(exact_simulation(trace, 160, 8, 1, 3), simulate_playback, trace, 160, 8, 1, 3)
    assert_returns(exact_simulation(trace, 160, 8, 3, 1), simulate_playback, trace, 160, 8, 3, 1)


@pins("thresholds")
def test_a_fully_downloaded_track_starts_below_the_threshold():
    assert_returns(
        playback(0.0, 0, 0.0, [(1, 1.0, 1.0, 0.0, "playing")]),
        simulate_playback,
        [160, 0, 0],
        160,
        1,
        5,
        5,
    )
    tail = [160, 0, 0, 0, 1_000, 0, 0, 0]  # stalled; the last 1.5 s arrive, resume_s = 4
    assert_returns(exact_simulation(tail, 160, 2.5, 1, 4), simulate_playback, tail, 160, 2.5, 1, 4)


@pins("thresholds", "stalls")
def test_startup_zero_plays_at_once_and_an_empty_first_second_is_a_stall():
    assert_returns(
        playback(
            0.0,
            1,
            1.0,
            [
                (1, 0.0, 0.0, 0.0, "stalled"),
                (2, 2.0, 1.0, 1.0, "playing"),
                (3, 2.0, 2.0, 0.0, "playing"),
            ],
        ),
        simulate_playback,
        [0, 320, 0, 0],
        160,
        2,
        0,
        2,
    )


@pins("stalls")
def test_a_long_outage_is_one_stall_with_its_full_duration():
    trace = [480] * 3 + [0] * 20 + [480] * 30
    expected = exact_simulation(trace, 160, 20, 2, 4)
    assert_equal((expected.stall_count, expected.stall_time_s), (1, 15.0), "the oracle")
    assert_returns(expected, simulate_playback, trace, 160, 20, 2, 4)


@pins("stalls")
def test_a_short_last_second_is_not_a_stall():
    assert_returns(
        playback(
            0.0,
            0,
            0.0,
            [
                (1, 2.5, 1.0, 1.5, "playing"),
                (2, 2.5, 2.0, 0.5, "playing"),
                (3, 2.5, 2.5, 0.0, "playing"),
            ],
        ),
        simulate_playback,
        [400, 400, 400],
        160,
        2.5,
        2,
        4,
    )
    assert_returns(
        playback(0.0, 1, 0.5, [(1, 0.5, 0.5, 0.0, "stalled"), (2, 1.5, 1.5, 0.0, "playing")]),
        simulate_playback,
        [80, 160],
        160,
        1.5,
        0,
        1,
    )


@pins("conservation", "step_order")
def test_download_stops_at_the_end_of_the_track_and_rows_balance():
    assert_returns(
        playback(
            0.0,
            0,
            0.0,
            [
                (1, 3.0, 1.0, 2.0, "playing"),
                (2, 3.0, 2.0, 1.0, "playing"),
                (3, 3.0, 3.0, 0.0, "playing"),
            ],
        ),
        simulate_playback,
        [1_600, 1_600, 1_600],
        160,
        3,
    )
    rng = np.random.default_rng(6)
    for trial in range(10):
        trace = rng.choice([0, 40, 160, 320, 640], 400).tolist()
        frame = simulate_playback(trace, 160, 60, 2, 4).timeline
        rows = frame[["downloaded_s", "played_s", "buffer_s"]].to_numpy()
        worst = {
            "max |downloaded_s - played_s - buffer_s|": float(
                np.abs(rows[:, 0] - rows[:, 1] - rows[:, 2]).max()
            ),
            "max downloaded_s - track_s": float(max(rows[:, 0].max() - 60, 0.0)),
            "max -buffer_s": float(max(-rows[:, 2].min(), 0.0)),
        }
        assert_equal(
            worst,
            dict.fromkeys(worst, 0.0),
            f"invariants of simulate_playback(random trace #{trial}, 160, 60, 2, 4)",
            tol=CLOSE,
        )


@pins("tolerance")
def test_a_threshold_reached_by_adding_tenths_is_met():
    # 16 kbit/s at 160 kbit/s is 0.1 s per second; ten of them sum to 0.9999999999999999
    trace = [16] * 10 + [1_600] * 4
    assert_returns(exact_simulation(trace, 160, 3, 1, 1), simulate_playback, trace, 160, 3, 1, 1)
    assert_equal(exact_simulation(trace, 160, 3, 1, 1).startup_delay_s, 9.0, "the oracle")
    assert_returns(
        exact_simulation([16] * 12, 160, 1, 5, 5), simulate_playback, [16] * 12, 160, 1, 5, 5
    )


@pins("tolerance")
def test_a_buffer_2e_8_below_the_threshold_does_not_start():
    trace = [320 - 160 * 2e-8, 0, 320, 320, 320, 0, 0]  # 1.99999998 s of audio, startup_s = 2
    expected = exact_simulation(trace, 160, 4, 2, 2)
    assert_equal(expected.startup_delay_s, 2.0, "the oracle")
    assert_returns(expected, simulate_playback, trace, 160, 4, 2, 2, tol=CLOSE)


@pins("tolerance")
def test_a_second_short_by_less_than_eps_is_a_full_second():
    trace = [160 * (1 - 1e-10), 160, 160, 160]  # 0.9999999999 s arrive in the first second
    rows = [
        (1, 1 - 1e-10, 1 - 1e-10, 0.0, "playing"),
        (2, 2 - 1e-10, 2 - 1e-10, 0.0, "playing"),
        (3, 3 - 1e-10, 3 - 1e-10, 0.0, "playing"),
    ]
    assert_returns(playback(0.0, 0, 0.0, rows), simulate_playback, trace, 160, 3, 0, 0, tol=CLOSE)


@pins("end_of_trace")
def test_the_trace_ends_before_the_track_is_played():
    assert_raises(ValueError, simulate_playback, [320, 0], 160, 6, match="2")
    # everything downloaded in the first second, but 5 s of it are still unplayed
    assert_raises(ValueError, simulate_playback, [960] * 5, 160, 6, 2, 4, match="5")
    assert_raises(ValueError, simulate_playback, [], 160, 6, match="0")
    assert_raises(ValueError, simulate_playback, [160] * 37, 160, 60, 0, 0, match="37")


@pins("end_of_trace")
def test_a_trace_exactly_long_enough_and_the_seconds_after_the_end():
    rows = [(t, 6.0, float(t), 6.0 - t, "playing") for t in range(1, 7)]
    assert_returns(playback(0.0, 0, 0.0, rows), simulate_playback, [960] * 6, 160, 6, 2, 4)
    assert_returns(
        playback(0.0, 0, 0.0, rows), simulate_playback, [960] * 6 + [0] * 500, 160, 6, 2, 4
    )


@pins("errors")
def test_bad_arguments_raise_value_error_naming_them_and_the_value():
    good = [320] * 9
    for args, names in (
        ((good, 0, 6), ("bitrate_kbps", "0")),
        ((good, -160, 6), ("bitrate_kbps", "-160")),
        ((good, 160, 0), ("track_s", "0")),
        ((good, 160, -1), ("track_s", "-1")),
        ((good, 160, 6, -1, 2), ("startup_s", "-1")),
        ((good, 160, 6, 2, -0.5), ("resume_s", "-0.5")),
        (([320, -5, 320], 160, 1), ("throughput_kbps", "-5")),
        (([320, float("nan"), 320], 160, 1), ("throughput_kbps", "nan")),
        (([320, float("inf"), 320], 160, 1), ("throughput_kbps", "inf")),
    ):
        for name in names:
            assert_raises(ValueError, simulate_playback, *args, match=name)


@pins("errors")
def test_the_whole_trace_is_validated_up_front_and_arguments_in_order():
    # the track is done after one second: a bad value afterwards is still bad data
    assert_raises(ValueError, simulate_playback, [960, 960, -5], 160, 1, match="-5")
    assert_raises(ValueError, simulate_playback, [960] + [float("nan")] * 3, 160, 1, match="nan")
    # two problems: the first argument wins; a bad argument wins over a too-short trace
    assert_raises(ValueError, simulate_playback, [320, -5], 0, 6, match="throughput_kbps")
    assert_raises(ValueError, simulate_playback, [320, 0], 0, 6, match="bitrate_kbps")
    assert_raises(ValueError, simulate_playback, [320, 0], 160, 0, -1, match="track_s")
    assert_raises(ValueError, simulate_playback, [320, 0], 160, 6, -1, -1, match="startup_s")


@pins("inputs")
def test_lists_tuples_and_numpy_arrays_give_the_same_result_and_are_not_modified():
    trace = [320, 320, 0, 0, 0, 320, 320]
    expected = playback(0.0, 1, 1.0, EXAMPLE_ROWS)
    assert_returns(expected, simulate_playback, list(trace), 160, 6, 2, 2)
    assert_returns(expected, simulate_playback, tuple(trace), 160, 6, 2, 2)
    assert_returns(expected, simulate_playback, np.array(trace), 160, 6, 2, 2)
    assert_returns(expected, simulate_playback, np.array(trace, dtype=float), 160, 6, 2, 2)
    assert_returns(expected, simulate_playback, np.array(trace, dtype=np.float32), 160, 6, 2, 2)


@pins("stateless")
def test_a_second_call_starts_from_scratch():
    assert_returns(
        playback(0.0, 1, 1.0, EXAMPLE_ROWS),
        simulate_playback,
        [320, 320, 0, 0, 0, 320, 320],
        160,
        6,
        2,
        2,
    )
    assert_returns(
        playback(0.0, 0, 0.0, [(1, 1.0, 1.0, 0.0, "playing")]),
        simulate_playback,
        [160],
        160,
        1,
        0,
        0,
    )
    assert_returns(
        playback(0.0, 1, 1.0, EXAMPLE_ROWS),
        simulate_playback,
        [320, 320, 0, 0, 0, 320, 320],
        160,
        6,
        2,
        2,
    )


@pins("stalls", "thresholds", "step_order", "conservation", "end_of_trace", "timeline")
@derandomized(max_examples=60)
@given(
    trace=st.lists(st.sampled_from([0, 0, 48, 96, 160, 200, 320, 500]), max_size=60),
    bitrate=st.sampled_from([96, 160, 320]),
    half_seconds=st.integers(1, 40),
    startup=st.integers(0, 5),
    resume=st.integers(0, 7),
)
def test_matches_an_exact_rational_simulation_on_random_traces(
    trace, bitrate, half_seconds, startup, resume
):
    track = half_seconds / 2
    expected = exact_simulation(trace, bitrate, track, startup, resume)
    if expected is None:
        assert_raises(ValueError, simulate_playback, trace, bitrate, track, startup, resume)
    else:
        assert_returns(
            expected, simulate_playback, trace, bitrate, track, startup, resume, tol=CLOSE
        )


@pins("stalls", "thresholds")
def test_train_trace_from_the_dataset_matches_the_exact_simulation():
    trace = load_throughput().query("trace_id == 'commute_train'").kbps.to_numpy()[1200:]
    expected = exact_simulation(trace.tolist(), 160, 900, 2, 4)
    assert_returns(expected, simulate_playback, trace, 160, 900, 2.0, 4.0, tol=CLOSE)


def day_trace() -> list[float]:
    """86,400 seconds of throughput: enough for an 80,000 s track at 160 kbit/s."""
    rng = np.random.default_rng(3)
    return rng.choice([0, 100, 200, 400, 800], 86_400).tolist()


@pins("scale")
def test_scale_a_24_hour_trace_in_one_pass():
    simulate_playback([160], 160, 1)  # fail fast, before building the large input
    trace = workload("playback_day_trace", day_trace)
    assert_scales(
        lambda: simulate_playback(trace, 160, 80_000, 2, 4),
        lambda: reference(trace, 160, 80_000, 2, 4),
        factor=5,
        what="simulate_playback over a 24-hour trace and an 80,000 s track",
        advice="Keep the state in plain floats, append each row to a list of tuples and build "
        "the DataFrame once at the end; no pd.concat, .loc append or scan of the trace per second.",
    )
