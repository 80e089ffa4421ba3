"""Plausible wrong answers to audio_buffering/03_bitrate_arithmetic, each breaking one clause."""

from workbook.contract import swap

GOOD = """
import math


def check_number(name, value, *, whole=False, positive=False):
    allowed = (int,) if whole else (int, float)
    if isinstance(value, bool) or not isinstance(value, allowed):
        kind = "an int" if whole else "an int or a float"
        raise TypeError(f"{name} must be {kind}, got {value!r}")
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value!r}")
    if value < 0 or (positive and value == 0):
        raise ValueError(f"{name} must be {'> 0' if positive else '>= 0'}, got {value!r}")


def track_bytes(duration_s, kbps):
    check_number("duration_s", duration_s)
    check_number("kbps", kbps, positive=True)
    return math.ceil(duration_s * kbps * 1000 / 8 - 1e-6)


def chunk_seconds(chunk_bytes, kbps):
    check_number("chunk_bytes", chunk_bytes, whole=True)
    check_number("kbps", kbps, positive=True)
    return chunk_bytes * 8 / (kbps * 1000)


def chunks_in_track(duration_s, kbps):
    return -(-track_bytes(duration_s, kbps) // 16_384)


def download_seconds(size_bytes, link_mbps, rtt_ms=0.0):
    check_number("size_bytes", size_bytes, whole=True)
    check_number("link_mbps", link_mbps, positive=True)
    check_number("rtt_ms", rtt_ms)
    return rtt_ms / 1000 + size_bytes * 8 / (link_mbps * 1_000_000)


def counts_as_stream(played_ms):
    check_number("played_ms", played_ms)
    return played_ms >= 30_000
"""

SIZE = "    return math.ceil(duration_s * kbps * 1000 / 8 - 1e-6)\n"
CHUNK_TIME = "    return chunk_bytes * 8 / (kbps * 1000)\n"
CHUNKS = "    return -(-track_bytes(duration_s, kbps) // 16_384)\n"
DOWNLOAD = "    return rtt_ms / 1000 + size_bytes * 8 / (link_mbps * 1_000_000)\n"
STREAM = "    return played_ms >= 30_000\n"
TYPE_CHECK = "    if isinstance(value, bool) or not isinstance(value, allowed):\n"


MUTANTS = {
    # units
    "kbps_as_1024_bit_per_s_in_sizes": (
        "units",
        swap(GOOD, (SIZE, SIZE.replace("* 1000 / 8", "* 1024 / 8"))),
    ),
    "kbps_as_1024_bit_per_s_in_chunk_seconds": (
        "units",
        swap(GOOD, (CHUNK_TIME, CHUNK_TIME.replace("kbps * 1000", "kbps * 1024"))),
    ),
    "megabit_as_2_to_the_20": (
        "units",
        swap(GOOD, (DOWNLOAD, DOWNLOAD.replace("link_mbps * 1_000_000", "link_mbps * 2**20"))),
    ),
    # track_size
    "size_in_bits_not_bytes": (
        "track_size",
        swap(GOOD, (SIZE, "    return math.ceil(duration_s * kbps * 1000 - 1e-6)\n")),
    ),
    "size_truncated": (
        "track_size",
        swap(GOOD, (SIZE, "    return int(duration_s * kbps * 1000 / 8 + 1e-6)\n")),
    ),
    "size_rounded_to_nearest": (
        "track_size",
        swap(GOOD, (SIZE, "    return round(duration_s * kbps * 1000 / 8)\n")),
    ),
    "size_rounded_half_up": (
        "track_size",
        swap(GOOD, (SIZE, "    return math.floor(duration_s * kbps * 1000 / 8 + 0.5)\n")),
    ),
    "size_left_as_a_float": (
        "track_size",
        swap(GOOD, (SIZE, "    return float(math.ceil(duration_s * kbps * 1000 / 8 - 1e-6))\n")),
    ),
    # float_noise
    "plain_ceil_rounds_noise_up": (
        "float_noise",
        swap(GOOD, (SIZE, "    return math.ceil(duration_s * kbps * 1000 / 8)\n")),
    ),
    "tolerance_of_a_thousandth_byte": (
        "float_noise",
        swap(GOOD, (SIZE, SIZE.replace("1e-6", "1e-3"))),
    ),
    # chunk_time
    "chunk_seconds_forgets_bits_per_byte": (
        "chunk_time",
        swap(GOOD, (CHUNK_TIME, "    return chunk_bytes / (kbps * 1000)\n")),
    ),
    "chunk_seconds_rounded_to_2_decimals": (
        "chunk_time",
        swap(GOOD, (CHUNK_TIME, "    return round(chunk_bytes * 8 / (kbps * 1000), 2)\n")),
    ),
    "chunk_bytes_read_as_kilobytes": (
        "chunk_time",
        swap(GOOD, (CHUNK_TIME, "    return chunk_bytes * 8 / kbps\n")),
    ),
    # chunk_size
    "chunk_of_16000_bytes": (
        "chunk_size",
        swap(GOOD, (CHUNKS, CHUNKS.replace("16_384", "16_000"))),
    ),
    "partial_last_chunk_dropped": (
        "chunk_size",
        swap(GOOD, (CHUNKS, "    return track_bytes(duration_s, kbps) // 16_384\n")),
    ),
    "always_one_more_chunk": (
        "chunk_size",
        swap(GOOD, (CHUNKS, "    return track_bytes(duration_s, kbps) // 16_384 + 1\n")),
    ),
    "chunks_from_unrounded_float_size": (
        "chunk_size",
        swap(GOOD, (CHUNKS, "    return math.ceil(duration_s * kbps * 1000 / 8 / 16_384)\n")),
    ),
    # download
    "link_rate_read_as_megabytes": (
        "download",
        swap(GOOD, (DOWNLOAD, DOWNLOAD.replace("size_bytes * 8 /", "size_bytes /"))),
    ),
    "round_trip_in_seconds_not_ms": (
        "download",
        swap(GOOD, (DOWNLOAD, DOWNLOAD.replace("rtt_ms / 1000", "rtt_ms"))),
    ),
    "round_trip_counted_twice": (
        "download",
        swap(GOOD, (DOWNLOAD, DOWNLOAD.replace("rtt_ms / 1000", "2 * rtt_ms / 1000"))),
    ),
    "round_trip_ignored": (
        "download",
        swap(GOOD, (DOWNLOAD, DOWNLOAD.replace("rtt_ms / 1000 + ", ""))),
    ),
    "empty_download_is_free": (
        "download",
        swap(GOOD, (DOWNLOAD, "    if size_bytes == 0:\n        return 0.0\n" + DOWNLOAD)),
    ),
    # stream_rule
    "exactly_30_seconds_is_not_a_stream": (
        "stream_rule",
        swap(GOOD, (STREAM, "    return played_ms > 30_000\n")),
    ),
    "played_ms_compared_with_seconds": (
        "stream_rule",
        swap(GOOD, (STREAM, "    return played_ms >= 30\n")),
    ),
    "whole_seconds_rounded_first": (
        "stream_rule",
        swap(GOOD, (STREAM, "    return round(played_ms / 1000) >= 30\n")),
    ),
    "stream_returns_an_int": (
        "stream_rule",
        swap(GOOD, (STREAM, "    return int(played_ms >= 30_000)\n")),
    ),
    # types
    "bools_accepted": (
        "types",
        swap(GOOD, (TYPE_CHECK, "    if not isinstance(value, allowed):\n")),
    ),
    "float_byte_counts_accepted": (
        "types",
        swap(
            GOOD,
            ("    allowed = (int,) if whole else (int, float)\n", "    allowed = (int, float)\n"),
        ),
    ),
    "wrong_type_raises_value_error": (
        "types",
        swap(
            GOOD,
            (
                '        raise TypeError(f"{name} must be {kind}',
                '        raise ValueError(f"{name} must be {kind}',
            ),
        ),
    ),
    "type_error_without_the_argument_name": (
        "types",
        swap(GOOD, ('raise TypeError(f"{name} must be {kind}', 'raise TypeError(f"must be {kind}')),
    ),
    # ranges
    "negative_values_accepted": (
        "ranges",
        swap(
            GOOD,
            (
                "    if value < 0 or (positive and value == 0):\n",
                "    if positive and value == 0:\n",
            ),
        ),
    ),
    "zero_rate_divides_by_zero": (
        "ranges",
        swap(GOOD, ("    if value < 0 or (positive and value == 0):\n", "    if value < 0:\n")),
    ),
    "nan_and_infinity_accepted": (
        "ranges",
        swap(
            GOOD,
            (
                '    if not math.isfinite(value):\n        raise ValueError(f"{name} must be finite, got {value!r}")\n',
                "",
            ),
        ),
    ),
    "zero_durations_rejected": (
        "ranges",
        swap(GOOD, ("    if value < 0 or (positive and value == 0):\n", "    if value <= 0:\n")),
    ),
    "rate_checked_before_duration": (
        "ranges",
        swap(
            GOOD,
            (
                '    check_number("duration_s", duration_s)\n    check_number("kbps", kbps, positive=True)\n',
                '    check_number("kbps", kbps, positive=True)\n    check_number("duration_s", duration_s)\n',
            ),
        ),
    ),
    "range_checked_before_type": (
        "ranges",
        swap(
            GOOD,
            (
                "    allowed = (int,) if whole else (int, float)\n",
                "    if isinstance(value, (int, float)) and not isinstance(value, bool) and value < 0:\n"
                '        raise ValueError(f"{name} must be >= 0, got {value!r}")\n'
                "    allowed = (int,) if whole else (int, float)\n",
            ),
        ),
    ),
    # scale
    "chunks_counted_in_a_loop": (
        "scale",
        swap(
            GOOD,
            (
                CHUNKS,
                "    left, chunks = track_bytes(duration_s, kbps), 0\n"
                "    while left > 0:\n"
                "        left -= 16_384\n"
                "        chunks += 1\n"
                "    return chunks\n",
            ),
        ),
    ),
}
