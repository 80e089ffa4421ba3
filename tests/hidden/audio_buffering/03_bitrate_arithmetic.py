"""Hidden tests for audio_buffering/03_bitrate_arithmetic: sizes, chunks, downloads, streams."""

import math
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from workbook.contract import pins
from workbook.grading.asserts import assert_equal, assert_raises, assert_returns, assert_type
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales

QUALITIES = (24, 96, 160, 320)
CHUNK = 16_384  # bytes in a 16 kB chunk, per the contract


def exact_bytes(duration_s, kbps):
    """The oracle: exact rational bytes of the decimal inputs, rounded up."""
    return math.ceil(Fraction(str(duration_s)) * Fraction(str(kbps)) * 1000 / 8)


@pins("track_size", "units")
def test_track_sizes_of_a_210_second_track_match_the_published_anchors():
    for kbps, size in zip(QUALITIES, (630_000, 2_520_000, 4_200_000, 8_400_000), strict=True):
        assert_returns(size, track_bytes, 210, kbps)
    megabytes = [round(track_bytes(210, kbps) / 1e6, 2) for kbps in QUALITIES]
    assert_equal(
        megabytes, [0.63, 2.52, 4.2, 8.4], "track_bytes(210, kbps) / 1e6 for 24/96/160/320"
    )
    assert_returns(20_000, track_bytes, 1, 160)  # 160,000 bit/s = 20,000 B/s, not 20,480
    assert_returns(5_376_000, track_bytes, 268.8, 160)


@pins("track_size")
def test_track_bytes_rounds_a_partial_byte_up():
    assert_returns(1, track_bytes, 1, 0.004)  # 0.5 byte
    assert_returns(3, track_bytes, 1, 0.02)  # 2.5 bytes: not banker's rounding to 2
    assert_returns(3, track_bytes, 1, 0.0192)  # 2.4 bytes: up, not to the nearest
    assert_returns(3, track_bytes, 3, 0.008)  # exactly 3 bytes
    assert_returns(1, track_bytes, 0.001, 1)  # 0.125 byte
    assert_returns(0, track_bytes, 0, 160)
    assert_returns(0, track_bytes, 0.0, 320)


@pins("float_noise")
def test_float_noise_below_a_millionth_of_a_byte_is_ignored():
    assert_returns(300, track_bytes, 0.1, 24)  # 300.00000000000006 in floats
    assert_returns(1_200, track_bytes, 0.1, 96)
    assert_returns(600, track_bytes, 0.2, 24)
    assert_returns(16_384, track_bytes, 128, 1.024)
    # a real remainder of 1e-4 byte is not noise: it still rounds up
    assert_returns(2, track_bytes, 1, 0.0080008)
    assert_returns(201, track_bytes, 200, 0.0080000008)  # 200.00002 bytes


@pins("chunk_time", "units", "chunk_size")
def test_chunk_seconds_match_the_published_anchors():
    for kbps, seconds in zip(QUALITIES, (5.46, 1.37, 0.82, 0.41), strict=True):
        assert_equal(
            round(chunk_seconds(CHUNK, kbps), 2), seconds, f"round(chunk_seconds(16384, {kbps}), 2)"
        )
    assert_returns(16_384 * 8 / 24_000, chunk_seconds, 16_384, 24)
    assert_returns(0.8192, chunk_seconds, 16_384, 160)
    assert_returns(0.8, chunk_seconds, 16_000, 160)


@pins("chunk_time")
def test_chunk_seconds_is_an_unrounded_float():
    assert_returns(1.0, chunk_seconds, 1_000, 8)
    assert_returns(0.0, chunk_seconds, 0, 160)
    assert_returns(8 / 3_000, chunk_seconds, 1, 3)
    assert_returns(0.4096, chunk_seconds, 16_384, 320.0)
    assert_returns(2.0, chunk_seconds, 1, 0.004)
    assert_returns(8e12 / 1e8, chunk_seconds, 10**12, 10**5)


@pins("chunk_size")
def test_a_16_kB_chunk_is_16384_bytes():
    for kbps, chunks in zip(QUALITIES, (39, 154, 257, 513), strict=True):
        assert_returns(chunks, chunks_in_track, 210, kbps)  # 16,000 B would give 40/158/263/525


@pins("chunk_size")
def test_a_partial_last_chunk_counts_and_an_empty_track_needs_none():
    assert_returns(0, chunks_in_track, 0, 160)
    assert_returns(1, chunks_in_track, 0.001, 1)  # one byte
    assert_returns(1, chunks_in_track, 16, 8)  # 16,000 bytes
    assert_returns(1, chunks_in_track, 128, 1.024)  # exactly 16,384 bytes
    assert_returns(2, chunks_in_track, 17, 8)  # 17,000 bytes
    assert_returns(2, chunks_in_track, 32.768, 8)  # exactly 32,768 bytes
    assert_returns(9, chunks_in_track, 36, 32.768)  # 147,456.00000000003 bytes in floats: 9 chunks
    assert_returns(24_414_063, chunks_in_track, 10**7, 320)


@pins("download", "units")
def test_download_time_is_one_round_trip_plus_bits_over_the_link():
    assert_returns(16.9, download_seconds, 4_200_000, 2, 100)
    assert_returns(16.8, download_seconds, 4_200_000, 2)
    assert_returns(1.0, download_seconds, 1_000_000, 8)  # 8 Mbit over 8 Mbps, not 2**20
    assert_returns(0.0505 + 0.262144, download_seconds, 16_384, 0.5, 50.5)
    assert_returns(0.1, download_seconds, 0, 2, 100)  # the request still costs a round trip
    assert_returns(0.0, download_seconds, 0, 5)
    assert_returns(0.04, download_seconds, 0, 5, rtt_ms=40)


@pins("stream_rule")
def test_exactly_30_seconds_counts_as_a_stream():
    assert_returns(True, counts_as_stream, 30_000)
    assert_returns(True, counts_as_stream, 30_000.0)
    assert_returns(False, counts_as_stream, 29_999)
    assert_returns(False, counts_as_stream, 29_999.9)
    assert_returns(True, counts_as_stream, 30_000.1)
    assert_returns(False, counts_as_stream, 30)  # milliseconds, not seconds
    assert_returns(False, counts_as_stream, 0)
    assert_returns(True, counts_as_stream, 10**9)


@pins("track_size", "chunk_time", "chunk_size", "download", "stream_rule")
def test_exact_return_types():
    assert_type(track_bytes(210, 160), int, "track_bytes(210, 160)")
    assert_type(track_bytes(210.0, 160.0), int, "track_bytes(210.0, 160.0)")
    assert_type(chunk_seconds(1_000, 8), float, "chunk_seconds(1000, 8)")
    assert_type(chunks_in_track(210.0, 160.0), int, "chunks_in_track(210.0, 160.0)")
    assert_type(download_seconds(0, 1), float, "download_seconds(0, 1)")
    assert_type(download_seconds(1_000_000, 8, 0), float, "download_seconds(1000000, 8, 0)")
    assert_type(counts_as_stream(30_000), bool, "counts_as_stream(30000)")
    assert_type(counts_as_stream(1.5), bool, "counts_as_stream(1.5)")


CALLS = {
    "track_bytes": (lambda: track_bytes, ("duration_s", "kbps"), (210, 160)),
    "chunk_seconds": (lambda: chunk_seconds, ("chunk_bytes", "kbps"), (16_384, 160)),
    "chunks_in_track": (lambda: chunks_in_track, ("duration_s", "kbps"), (210, 160)),
    "download_seconds": (
        lambda: download_seconds,
        ("size_bytes", "link_mbps", "rtt_ms"),
        (4_200_000, 2, 100),
    ),
    "counts_as_stream": (lambda: counts_as_stream, ("played_ms",), (30_000,)),
}
BYTE_COUNTS = {"chunk_bytes", "size_bytes"}


def with_arg(args, i, value):
    return (*args[:i], value, *args[i + 1 :])


@pins("types")
def test_wrong_types_raise_type_error_naming_the_argument():
    for fn, names, good in CALLS.values():
        for i, name in enumerate(names):
            bads = [True, False, "1", None, [1]]
            if name in BYTE_COUNTS:
                bads += [16_384.0, 1.5]
            for bad in bads:
                assert_raises(TypeError, fn(), *with_arg(good, i, bad), match=name)


@pins("types")
def test_ints_and_floats_are_both_accepted_where_allowed():
    assert_returns(4_200_000, track_bytes, 210.0, 160.0)
    assert_returns(0.8192, chunk_seconds, 16_384, 160.0)
    assert_returns(257, chunks_in_track, 210.0, 160)
    assert_returns(16.9, download_seconds, 4_200_000, 2.0, 100.0)
    assert_returns(True, counts_as_stream, 30_000.0)


@pins("ranges")
def test_negative_nan_infinite_and_zero_rates_raise_value_error_naming_the_argument():
    for fn, names, good in CALLS.values():
        for i, name in enumerate(names):
            bads = [-1] if name in BYTE_COUNTS else [-1, -0.5, math.nan, math.inf, -math.inf]
            if name in ("kbps", "link_mbps"):
                bads += [0, 0.0]
            for bad in bads:
                assert_raises(ValueError, fn(), *with_arg(good, i, bad), match=name)


@pins("ranges")
def test_zero_is_allowed_for_durations_sizes_round_trips_and_play_times():
    assert_returns(0, track_bytes, 0, 24)
    assert_returns(0, chunks_in_track, 0.0, 24)
    assert_returns(0.0, chunk_seconds, 0, 24)
    assert_returns(0.0, download_seconds, 0, 1, 0)
    assert_returns(0.0, download_seconds, 0, 1, 0.0)
    assert_returns(False, counts_as_stream, 0.0)


@pins("ranges", "types")
def test_arguments_are_checked_in_order_type_before_range():
    assert_raises(TypeError, track_bytes, "210", -1, match="duration_s")
    assert_raises(ValueError, track_bytes, -210, "160", match="duration_s")
    assert_raises(ValueError, track_bytes, 210, 0, match="kbps")
    assert_raises(TypeError, chunk_seconds, 16_384.0, 0, match="chunk_bytes")
    assert_raises(TypeError, chunk_seconds, -16_384.0, 160, match="chunk_bytes")
    assert_raises(TypeError, download_seconds, -1.0, 2, match="size_bytes")
    assert_raises(ValueError, chunks_in_track, math.nan, 0, match="duration_s")
    assert_raises(ValueError, download_seconds, -1, "2", "x", match="size_bytes")
    assert_raises(TypeError, download_seconds, 1, None, -5, match="link_mbps")
    assert_raises(ValueError, download_seconds, 1, 0, None, match="link_mbps")


@pins("track_size", "float_noise", "chunk_time")
@derandomized(max_examples=60)
@given(
    duration_ms=st.integers(0, 10**7),
    kbps=st.one_of(st.sampled_from(QUALITIES), st.integers(1, 10_000)),
)
def test_size_and_seconds_round_trip_against_exact_arithmetic(duration_ms, kbps):
    duration_s = duration_ms / 1000
    expected = exact_bytes(duration_s, kbps)
    assert_returns(expected, track_bytes, duration_s, kbps)
    # the bytes rounded up hold the whole track and less than one extra byte of audio
    seconds = chunk_seconds(expected, kbps)
    byte_s = 8 / (kbps * 1000)
    assert_equal(
        -1e-9 <= seconds - duration_s < byte_s + 1e-9,
        True,
        f"chunk_seconds(track_bytes({duration_s}, {kbps}), {kbps}) - {duration_s} "
        f"in [0, one byte = {byte_s:g} s)",
    )


@pins("chunk_size")
@derandomized(max_examples=40)
@given(bytes_per_s=st.integers(1, 5_000), duration_s=st.integers(0, 200))
def test_chunk_count_matches_a_brute_force_count(bytes_per_s, duration_s):
    kbps = bytes_per_s * 8 / 1000
    size = exact_bytes(duration_s, Fraction(bytes_per_s * 8, 1000))
    chunks, left = 0, size
    while left > 0:
        left -= CHUNK
        chunks += 1
    assert_returns(chunks, chunks_in_track, duration_s, kbps)


@pins("download")
@derandomized(max_examples=40)
@given(
    size_bytes=st.integers(0, 10**10),
    link_mbps=st.integers(1, 10**5).map(lambda n: n / 100),
    rtt_ms=st.integers(0, 2_000),
)
def test_download_seconds_matches_exact_arithmetic(size_bytes, link_mbps, rtt_ms):
    exact = Fraction(rtt_ms, 1000) + Fraction(size_bytes * 8) / (
        Fraction(str(link_mbps)) * 1_000_000
    )
    assert_returns(float(exact), download_seconds, size_bytes, link_mbps, rtt_ms)


def many(fn, durations):
    for duration in durations:
        fn(duration, 320)


@pins("scale")
def test_scale_chunk_counts_do_not_loop_over_chunks():
    assert_returns(3, chunks_in_track, 1, 320)  # fail fast
    durations = [10**7 - i for i in range(200)]
    assert_scales(
        lambda: many(chunks_in_track, durations),
        lambda: many(lambda d, k: -(-math.ceil(d * k * 125 - 1e-6) // CHUNK), durations),
        factor=50,
        what="chunks_in_track of 200 recordings of 10^7 s at 320 kbps",
        advice="Divide with rounding up (-(-size // 16384)) instead of counting chunks in a loop.",
    )
