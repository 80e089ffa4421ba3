"""Hidden tests for audio_buffering/02_playback_buffer: `simulate_playback(...)`."""

from fractions import Fraction

import numpy as np
import pandas as pd

from workbook.data import load_throughput
from workbook.grading.asserts import assert_equal, assert_raises, assert_scales

COLUMNS = ["t_s", "downloaded_s", "played_s", "buffer_s", "state"]


def outcome(result):
    return (result.startup_delay_s, result.stall_count, result.stall_time_s)


def exact_simulation(throughput, bitrate, track, startup, resume):
    """An independent, exact (rational) implementation of the model in the statement."""
    track, got_all = Fraction(track), False
    downloaded = played = Fraction(0)
    delay = stall_time = Fraction(0)
    stalls, state, rows = 0, "waiting", []
    for t, kbps in enumerate(throughput):
        step = min(Fraction(kbps) / Fraction(bitrate), track - downloaded)
        downloaded += step
        got_all = downloaded == track
        buffered = downloaded - played
        ready = buffered >= Fraction(startup if state == "waiting" else resume) or got_all
        state = "playing" if state == "playing" or ready else state
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
            return (float(delay), stalls, float(stall_time)), rows
    return None, rows


def reference(throughput, bitrate, track, startup, resume):
    downloaded = played = buffer = 0.0
    rows, state = [], "waiting"
    for t, kbps in enumerate(throughput):
        got = min(kbps / bitrate, track - downloaded)
        downloaded, buffer = downloaded + got, buffer + got
        if state != "playing" and (
            buffer >= (startup if state == "waiting" else resume) - 1e-9
            or downloaded >= track - 1e-9
        ):
            state = "playing"
        if state == "playing":
            play = min(1.0, buffer, track - played)
            played, buffer = played + play, buffer - play
            if track - played > 1e-9 and play < 1.0 - 1e-9:
                state = "stalled"
        rows.append((t + 1, downloaded, played, buffer, state))
        if track - played <= 1e-9:
            break
    return pd.DataFrame(rows, columns=COLUMNS)


def timeline_rows(result):
    frame = result.timeline
    assert isinstance(frame, pd.DataFrame), (
        f"timeline is a {type(frame).__name__}; expected a DataFrame"
    )
    assert list(frame.columns) == COLUMNS, (
        f"timeline columns are {list(frame.columns)}; expected {COLUMNS}"
    )
    return [
        (int(r[0]), float(r[1]), float(r[2]), float(r[3]), r[4])
        for r in frame.itertuples(index=False)
    ]


def test_example_from_the_statement():
    result = simulate_playback([320, 320, 0, 0, 0, 320, 320], 160, 6, 2, 2)
    assert_equal(outcome(result), (0.0, 1, 1.0), "summary of the statement's example")
    expected = [
        (1, 2.0, 1.0, 1.0, "playing"),
        (2, 4.0, 2.0, 2.0, "playing"),
        (3, 4.0, 3.0, 1.0, "playing"),
        (4, 4.0, 4.0, 0.0, "playing"),
        (5, 4.0, 4.0, 0.0, "stalled"),
        (6, 6.0, 5.0, 1.0, "playing"),
        (7, 6.0, 6.0, 0.0, "playing"),
    ]
    assert_equal(timeline_rows(result), expected, "timeline of the statement's example")


def test_startup_delay_when_throughput_is_below_the_bitrate():
    assert_equal(
        outcome(simulate_playback([80] * 40, 160, 3, 2, 2)),
        (3.0, 0, 0.0),
        "simulate_playback([80]*40, 160, 3, 2, 2)",
    )
    assert_equal(
        outcome(simulate_playback([80] * 40, 160, 6, 2, 2)),
        (3.0, 1, 3.5),
        "simulate_playback([80]*40, 160, 6, 2, 2)",
    )


def test_fast_network_starts_at_once_and_never_stalls():
    assert_equal(
        outcome(simulate_playback([1_000] * 300, 160, 210)),
        (0.0, 0, 0.0),
        "simulate_playback([1000]*300, 160, 210)",
    )


def test_resume_uses_the_resume_threshold_not_the_startup_one():
    trace = [320, 0, 0, 80, 80, 80, 80, 80, 80, 80, 80, 320, 320, 320, 320, 320]
    exact, _ = exact_simulation(trace, 160, 8, 1, 3)
    assert_equal(
        outcome(simulate_playback(trace, 160, 8, 1, 3)),
        exact,
        "simulate_playback(trace, 160, 8, startup_s=1, resume_s=3)",
    )


def test_short_track_starts_once_fully_downloaded_below_the_threshold():
    assert_equal(
        outcome(simulate_playback([160, 0, 0], 160, 1, 5, 5)),
        (0.0, 0, 0.0),
        "simulate_playback([160, 0, 0], 160, 1, 5, 5)",
    )


def test_a_long_outage_is_one_stall_with_its_full_duration():
    trace = [480] * 3 + [0] * 20 + [480] * 30
    exact, _ = exact_simulation(trace, 160, 20, 2, 4)
    assert_equal(
        outcome(simulate_playback(trace, 160, 20, 2, 4)),
        exact,
        "simulate_playback(outage trace, 160, 20, 2, 4)",
    )


def test_conservation_downloaded_equals_played_plus_buffered_on_every_row():
    rng = np.random.default_rng(6)
    for trial in range(20):
        trace = rng.choice([0, 40, 160, 320, 640], 400).tolist()
        frame = simulate_playback(trace, 160, 60, 2, 4).timeline
        gap = (frame.downloaded_s - frame.played_s - frame.buffer_s).abs().max()
        assert gap < 1e-9, (
            f"trace #{trial}: downloaded_s - played_s - buffer_s reaches {gap} (must be 0)"
        )
        assert frame.downloaded_s.max() <= 60 + 1e-9, (
            f"trace #{trial}: downloaded more than the track"
        )
        assert (frame.buffer_s >= -1e-9).all(), f"trace #{trial}: buffer went negative"


def test_trace_too_short_and_bad_parameters_raise_value_error():
    assert_raises(
        ValueError,
        lambda: simulate_playback([320, 0], 160, 6),
        "simulate_playback([320, 0], 160, 6)",
    )
    assert_raises(
        ValueError,
        lambda: simulate_playback([320] * 9, 0, 6),
        "simulate_playback(trace, bitrate_kbps=0, ...)",
    )
    assert_raises(
        ValueError,
        lambda: simulate_playback([320] * 9, 160, -1),
        "simulate_playback(trace, 160, track_s=-1)",
    )
    assert_raises(
        ValueError,
        lambda: simulate_playback([320, -5, 320], 160, 1),
        "simulate_playback([320, -5, 320], 160, 1)",
    )


def test_trace_is_not_modified():
    trace = [320, 0, 160, 320, 320, 320, 320]
    simulate_playback(trace, 160, 5, 1, 1)
    assert trace == [320, 0, 160, 320, 320, 320, 320], "simulate_playback modified throughput_kbps"


def test_matches_an_exact_rational_simulation_on_random_traces():
    rng = np.random.default_rng(12)
    for trial in range(60):
        trace = rng.choice([0, 0, 48, 96, 160, 200, 320, 500], 600).tolist()
        track, startup, resume = (
            int(rng.integers(1, 40)),
            int(rng.integers(0, 6)),
            int(rng.integers(0, 8)),
        )
        exact, rows = exact_simulation(trace, 160, track, startup, resume)
        result = simulate_playback(trace, 160, track, startup, resume)
        call = f"simulate_playback(random trace #{trial}, 160, {track}, {startup}, {resume})"
        assert_equal(outcome(result), exact, call, rel_tol=1e-9, abs_tol=1e-9)
        assert_equal(timeline_rows(result), rows, call + " timeline", rel_tol=1e-9, abs_tol=1e-9)


def test_train_trace_from_the_dataset_matches_the_exact_simulation():
    trace = load_throughput().query("trace_id == 'commute_train'").kbps.tolist()[1200:]
    exact, _ = exact_simulation(trace, 160, 900, 2, 4)
    assert_equal(
        outcome(simulate_playback(trace, 160, 900, 2.0, 4.0)),
        exact,
        "simulate_playback(train trace, 160, 900, 2, 4)",
        rel_tol=1e-9,
        abs_tol=1e-9,
    )


def test_scale_a_24_hour_trace_in_one_pass():
    simulate_playback([160], 160, 1)  # fail fast, before building the large input
    rng = np.random.default_rng(3)
    trace = rng.choice([0, 100, 200, 400, 800], 86_400).tolist()
    assert_scales(
        lambda: simulate_playback(trace, 160, 80_000, 2, 4),
        lambda: reference(trace, 160, 80_000, 2, 4),
        factor=5,
        what="simulate_playback over a 24-hour trace",
    )
