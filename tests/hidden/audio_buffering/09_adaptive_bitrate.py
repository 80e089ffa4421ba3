"""Hidden tests for audio_buffering/09_adaptive_bitrate: the buffer and throughput rules, QoE,
and the chunk simulator, against Pensieve's published anchors and an independent oracle."""

import bisect
import math

from hypothesis import given
from hypothesis import strategies as st

from workbook.compare import Tolerance
from workbook.contract import pins
from workbook.grading.asserts import assert_equal, assert_raises, assert_returns
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales, workload

LADDER = (24, 96, 160, 320)
PENSIEVE = (300, 750, 1200, 1850, 2850, 4300)
CLOSE = Tolerance(rel=1e-9, abs=1e-9)


def fixed(level):
    """A policy that always picks `level`."""

    def policy(buffer_s, history_kbps):
        return level

    return policy


def by_buffer(buffer_s, history_kbps):
    """A policy that touches every level as the buffer moves: the randomized tests' policy."""
    return int(round(buffer_s, 6)) % 4  # rounded: float noise must not flip a level


def by_history(buffer_s, history_kbps):
    """A policy that follows the last measured throughput (in kbps), rounded to hundreds."""
    return min(3, int(round(history_kbps[-1], 6)) // 100) if history_kbps else 0


def oracle(trace, policy, n_chunks, ladder=LADDER, chunk_s=4.0, buffer_max_s=60.0):
    """Download ends found on the cumulative-kbit curve of the repeated trace, by bisection
    over whole seconds: a different algorithm from walking the trace second by second."""
    period = sum(trace)
    cumulative = [0.0]
    for rate in trace:
        cumulative.append(cumulative[-1] + rate)

    def delivered(t):  # kbit delivered from time 0 to t
        laps, rest = divmod(t, len(trace))
        whole = int(rest)
        return laps * period + cumulative[whole] + trace[whole % len(trace)] * (rest - whole)

    def finish(start, kbit):  # the time when `kbit` more have been delivered
        goal = delivered(start) + kbit
        laps, rest = divmod(goal, period)
        if rest == 0 and laps > 0:  # reached at the end of the previous lap's last busy second
            laps, rest = laps - 1, period
        second = bisect.bisect_left(cumulative, rest) - 1
        second = max(0, min(second, len(trace) - 1))
        while cumulative[second + 1] < rest:
            second += 1
        while second > 0 and cumulative[second] >= rest and trace[second - 1] > 0:
            second -= 1
        inside = (rest - cumulative[second]) / trace[second] if trace[second] else 0.0
        end = laps * len(trace) + second + inside
        return max(end, start)

    clock = buffer = 0.0
    history, chunks = [], []
    for _ in range(n_chunks):
        level = policy(buffer, list(history))
        size = ladder[level] * chunk_s
        end = finish(clock, size)
        download = end - clock
        clock = end
        history.append(size / download)
        rebuffer = max(download - buffer, 0.0)
        buffer = max(buffer - download, 0.0) + chunk_s
        if buffer > buffer_max_s:
            clock += buffer - buffer_max_s
            buffer = buffer_max_s
        chunks.append((ladder[level], rebuffer, buffer))
    return chunks


# --- buffer_based ---------------------------------------------------------------------------


@pins("buffer_rule")
def test_buffer_rule_reproduces_pensieve_levels():
    # Pensieve's bb.py: int(5 * (buffer - 5) / 10) between 5 s and 15 s
    expected = {
        0.0: 0,
        5.0: 0,
        6.99: 0,
        7.0: 1,
        9.0: 2,
        11.0: 3,
        13.0: 4,
        14.9: 4,
        15.0: 5,
        60.0: 5,
    }
    for buffer_s, level in expected.items():
        assert_returns(level, buffer_based, buffer_s, PENSIEVE)


@pins("buffer_rule")
def test_buffer_rule_boundaries_on_spotify_levels():
    cases = {4.999: 0, 5.0: 0, 8.3: 0, 8.34: 1, 11.67: 2, 14.999: 2, 15.0: 3, 200.0: 3}
    for buffer_s, level in cases.items():
        assert_returns(level, buffer_based, buffer_s)


@pins("buffer_rule")
def test_buffer_rule_honours_reservoir_and_cushion():
    assert_returns(0, buffer_based, 19.9, LADDER, 20.0, 30.0)
    assert_returns(1, buffer_based, 30.0, LADDER, 20.0, 30.0)  # floor(3 * 10 / 30) = 1
    assert_returns(2, buffer_based, 49.9, LADDER, 20.0, 30.0)
    assert_returns(3, buffer_based, 50.0, LADDER, 20.0, 30.0)
    assert_returns(0, buffer_based, 99.0, (160,))


# --- throughput_based -----------------------------------------------------------------------


@pins("throughput_rule")
def test_throughput_rule_uses_the_harmonic_mean():
    assert_returns(2, throughput_based, [400, 100, 400])  # harmonic mean 200, arithmetic 300
    assert_returns(3, throughput_based, [320, 320])  # a prediction equal to a bitrate fits
    assert_returns(0, throughput_based, [10, 20])  # below the lowest level
    assert_returns(0, throughput_based, [])


@pins("throughput_rule")
def test_throughput_rule_looks_only_at_the_window():
    history = [50, 50, 50, 1000, 1000, 1000, 1000, 1000]
    assert_returns(3, throughput_based, history)  # the last 5 are all 1000
    assert_returns(2, throughput_based, history, LADDER, 6)  # 6 / (1/50 + 5/1000) = 240 -> 160
    assert_returns(1, throughput_based, history, LADDER, 8)  # 8 / (3/50 + 5/1000) = 123 -> 96
    assert_returns(0, throughput_based, [1000, 0, 1000])  # a stalled download in the window
    assert_returns(3, throughput_based, [0, 500, 500, 500, 500, 500])


@pins("throughput_rule", "no_mutation")
@derandomized(max_examples=80)
@given(st.lists(st.integers(1, 2_000), max_size=12), st.integers(1, 6))
def test_throughput_rule_equals_the_definition_on_random_histories(history, window):
    recent = history[-window:]
    predicted = len(recent) / sum(1 / x for x in recent) if recent else 0
    expected = max([i for i, rate in enumerate(LADDER) if rate <= predicted], default=0)
    assert_returns(expected, throughput_based, history, LADDER, window)


# --- qoe --------------------------------------------------------------------------------------


@pins("qoe_rule")
def test_qoe_of_the_pensieve_worked_example_is_1_75():
    assert_returns(1.75, qoe, [750, 1200, 1200, 4300], [0, 0.5, 0, 0], tol=CLOSE)
    assert_returns(0.0, qoe, [], [])
    assert_returns(0.32, qoe, [320], [0.0], tol=CLOSE)


@pins("qoe_rule")
def test_qoe_penalties_are_parameters():
    # 0.344 - 8 * 1.5 - 2 * (136 + 136 + 112) / 1000
    assert_returns(
        0.344 - 12.0 - 0.768, qoe, [24, 160, 24, 136], [1.0, 0.5, 0, 0], 8.0, 2.0, tol=CLOSE
    )


@pins("qoe_rule")
def test_qoe_of_sequences_of_different_lengths_raises():
    assert_raises(ValueError, qoe, [24, 96], [0.0])


# --- stream -----------------------------------------------------------------------------------


@pins("stream_returns", "download_rule", "playback_rule")
def test_a_constant_link_at_the_chunk_bitrate():
    expected = [(160, 4.0, 4.0), (160, 0.0, 4.0), (160, 0.0, 4.0)]
    assert_returns(expected, stream, [160] * 10, fixed(2), 3, tol=CLOSE)
    assert_returns([], stream, [160], fixed(2), 0)


@pins("download_rule")
def test_chunks_start_mid_second_and_the_trace_repeats():
    # 96 kbit chunks. 1: 0 -> 0.96 s at 100 kbps. 2: 4 kbit in the rest of second 0, then 92 at
    # 300 kbps: ends 1.30667. 3 and 4: 0.32 s each at 300 kbps (ends 1.62667, 1.94667).
    # 5: 16 kbit left in second 1, then 80 at 100 kbps in second 2 (the trace repeats): 2.8.
    downloads = [0.96, 1.30666666667 - 0.96, 0.32, 0.32, 2.8 - 1.94666666667]
    buffers, buffer = [], 0.0
    for d in downloads:
        buffer = max(buffer - d, 0.0) + 4.0
        buffers.append(buffer)
    expected = [(24, 0.96, 4.0)] + [(24, 0.0, b) for b in buffers[1:]]
    assert_returns(expected, stream, [100, 300], fixed(0), 5, tol=Tolerance(rel=1e-9, abs=1e-9))


@pins("playback_rule")
def test_a_full_buffer_waits_at_the_cap():
    # 1280 kbit at 10,000 kbps = 0.128 s per chunk; cap 10 s
    expected = [(320, 0.128, 4.0), (320, 0.0, 7.872), (320, 0.0, 10.0), (320, 0.0, 10.0)]
    assert_returns(expected, stream, [10_000] * 30, fixed(3), 4, LADDER, 4.0, 10.0, tol=CLOSE)


@pins("playback_rule")
def test_waiting_at_the_cap_moves_the_clock():
    # chunks of 96 kbit; cap 4 s. 1: 0.0096 s. 2: 0.0096 s, buffer 7.9904 > 4: wait 3.9904 s,
    # so chunk 3 starts at 4.0096 s, in the slow part: 96 kbit at 10 kbps take 9.6 s
    expected = [(24, 0.0096, 4.0), (24, 0.0, 4.0), (24, 5.6, 4.0)]
    assert_returns(
        expected, stream, [10_000] + [10] * 100, fixed(0), 3, LADDER, 4.0, 4.0, tol=CLOSE
    )


@pins("playback_rule", "download_rule")
def test_a_tunnel_drains_the_buffer_and_rebuffers():
    trace = [1_000] * 3 + [0] * 20 + [1_000] * 100
    assert_returns(oracle(trace, fixed(3), 12), stream, trace, fixed(3), 12, tol=CLOSE)


@pins("policy_calls")
def test_the_policy_sees_the_buffer_and_a_copy_of_past_throughputs():
    seen = []

    def spy(buffer_s, history_kbps):
        seen.append((buffer_s, list(history_kbps)))
        history_kbps.append(1e9)  # must not leak into the simulation
        return 0

    result = stream([96] * 20, spy, 3)
    assert_equal(
        result,
        [(24, 1.0, 4.0), (24, 0.0, 7.0), (24, 0.0, 10.0)],
        "stream([96] * 20, spy, 3)",
        CLOSE,
    )
    assert_equal(
        seen, [(0.0, []), (4.0, [96.0]), (7.0, [96.0, 96.0])], "the policy's arguments", CLOSE
    )


@pins("policy_calls")
def test_a_policy_answer_that_is_not_a_level_raises():
    for bad in (4, -1, 1.0, True, None):
        assert_raises(ValueError, stream, [160] * 5, fixed(bad), 1, match=repr(bad))


@pins("stream_returns", "download_rule", "playback_rule")
@derandomized(max_examples=60)
@given(
    st.lists(st.integers(0, 600), min_size=1, max_size=12).filter(any),
    st.integers(0, 25),
    st.sampled_from([2.0, 4.0]),
    st.sampled_from([8.0, 60.0]),
    st.sampled_from([by_buffer, by_history]),
)
def test_stream_equals_an_independent_simulation(trace, n_chunks, chunk_s, buffer_max_s, policy):
    expected = oracle(trace, policy, n_chunks, LADDER, chunk_s, buffer_max_s)
    assert_returns(
        expected, stream, trace, policy, n_chunks, LADDER, chunk_s, buffer_max_s, tol=CLOSE
    )


# --- errors and inputs --------------------------------------------------------------------------


@pins("errors")
def test_invalid_arguments_raise_value_error_naming_them():
    assert_raises(ValueError, buffer_based, 5.0, (), match="()")
    assert_raises(ValueError, buffer_based, 5.0, (96, 24), match="96")
    assert_raises(ValueError, buffer_based, 5.0, LADDER, 5.0, 0.0, match="0")
    assert_raises(ValueError, throughput_based, [100], (24, 24), match="24")
    assert_raises(ValueError, throughput_based, [100], LADDER, 0, match="0")
    assert_raises(ValueError, stream, [100, -1], fixed(0), 1, match="-1")
    assert_raises(ValueError, stream, [100, math.nan], fixed(0), 1, match="nan")
    assert_raises(ValueError, stream, [0, 0, 0], fixed(0), 1)
    assert_raises(ValueError, stream, [100], fixed(0), -1, match="-1")
    assert_raises(ValueError, stream, [100], fixed(0), 1, LADDER, 0.0, match="0")
    assert_raises(ValueError, stream, [100], fixed(0), 1, LADDER, 4.0, 3.0, match="3")
    assert_raises(ValueError, stream, [100], fixed(0), 1, (160, 96), match="160")


@pins("errors")
def test_arguments_are_checked_before_any_chunk():
    calls = []

    def counting(buffer_s, history_kbps):
        calls.append(buffer_s)
        return 0

    assert_raises(ValueError, stream, [100, 100, -5], counting, 3)
    assert_equal(calls, [], "policy calls before the trace was rejected")


@pins("no_mutation")
def test_inputs_are_not_modified():
    trace, ladder, history = [100, 300, 0], [24, 96, 160, 320], [400, 100, 400]
    assert_returns(
        oracle(trace, fixed(1), 3, tuple(ladder)), stream, trace, fixed(1), 3, ladder, tol=CLOSE
    )
    assert_returns(2, throughput_based, history, ladder)


# --- scale --------------------------------------------------------------------------------------


@pins("scale")
def test_scale_20000_chunks_over_an_hour_trace():
    trace = workload("one-hour trace", lambda: [200 + (s * 37) % 900 for s in range(3_600)])
    assert_scales(
        lambda: stream(trace, by_buffer, 20_000),
        lambda: oracle(trace, by_buffer, 20_000),
        factor=5,
        what="stream over 20,000 chunks of a one-hour trace",
        advice="Keep the clock between chunks and continue from it; never walk the trace from "
        "its start (or sum it) for every chunk.",
    )
