"""Plausible wrong answers to audio_buffering/09_adaptive_bitrate, each breaking one contract clause.

Each mutant redefines one function after the reference's cells have run."""

from workbook.contract import swap

BUFFER = """
def buffer_based(buffer_s, ladder=LADDER, reservoir_s=5.0, cushion_s=10.0):
    check_ladder(ladder)
    if cushion_s <= 0:
        raise ValueError(f"cushion_s must be > 0, got {cushion_s}")
    top = len(ladder) - 1
    if buffer_s >= reservoir_s + cushion_s:
        return top
    if buffer_s < reservoir_s:
        return 0
    return min(top, int(top * (buffer_s - reservoir_s) / cushion_s))
"""

THROUGHPUT = """
def throughput_based(history_kbps, ladder=LADDER, window=5):
    check_ladder(ladder)
    if window < 1:
        raise ValueError(f"window must be >= 1, got {window}")
    recent = list(history_kbps)[-window:]
    if not recent or min(recent) <= 0:
        return 0
    predicted = len(recent) / sum(1 / x for x in recent)
    fits = [i for i, rate in enumerate(ladder) if rate <= predicted]
    return fits[-1] if fits else 0
"""

QOE = """
def qoe(bitrates_kbps, rebuffer_s, rebuf_penalty=4.3, smooth_penalty=1.0):
    if len(bitrates_kbps) != len(rebuffer_s):
        raise ValueError(f"{len(bitrates_kbps)} bitrates but {len(rebuffer_s)} rebuffer times")
    switches = sum(abs(b - a) for a, b in pairwise(bitrates_kbps))
    return float(
        sum(bitrates_kbps) / 1000
        - rebuf_penalty * sum(rebuffer_s)
        - smooth_penalty * switches / 1000
    )
"""

STREAM = """
def stream(trace_kbps, policy, n_chunks, ladder=LADDER, chunk_s=4.0, buffer_max_s=60.0):
    check_ladder(ladder)
    trace = list(trace_kbps)
    if any(not math.isfinite(x) or x < 0 for x in trace) or not any(x > 0 for x in trace):
        raise ValueError(f"trace_kbps must be finite, >= 0 and not all 0, got {trace_kbps!r}")
    for name, value, ok in (
        ("n_chunks", n_chunks, n_chunks >= 0),
        ("chunk_s", chunk_s, chunk_s > 0),
        ("buffer_max_s", buffer_max_s, buffer_max_s >= chunk_s),
    ):
        if not ok:
            raise ValueError(f"{name} out of range: got {value}")
    clock = buffer = 0.0
    history, chunks = [], []
    for _ in range(n_chunks):
        level = policy(buffer, list(history))
        if isinstance(level, bool) or not isinstance(level, int) or not 0 <= level < len(ladder):
            raise ValueError(f"policy returned {level!r}, not an index into the ladder")
        remaining = ladder[level] * chunk_s
        start = clock
        while remaining > 0:
            second = math.floor(clock)
            rate = trace[second % len(trace)]
            room = rate * (second + 1 - clock)
            if room >= remaining:
                clock += remaining / rate
                remaining = 0.0
            else:
                remaining -= room
                clock = second + 1.0
        download = clock - start
        history.append(ladder[level] * chunk_s / download)
        rebuffer = max(download - buffer, 0.0)
        buffer = max(buffer - download, 0.0) + chunk_s
        if buffer > buffer_max_s:
            clock += buffer - buffer_max_s
            buffer = buffer_max_s
        chunks.append((ladder[level], rebuffer, buffer))
    return chunks
"""


MUTANTS = {
    # buffer_rule
    "rounded_not_floored": (
        "buffer_rule",
        swap(
            BUFFER,
            (
                "int(top * (buffer_s - reservoir_s) / cushion_s)",
                "round(top * (buffer_s - reservoir_s) / cushion_s)",
            ),
        ),
    ),
    "n_levels_not_n_minus_one": (
        "buffer_rule",
        swap(BUFFER, ("int(top * (buffer_s", "int(len(ladder) * (buffer_s")),
    ),
    "reservoir_ignored": (
        "buffer_rule",
        swap(
            BUFFER,
            (
                "int(top * (buffer_s - reservoir_s) / cushion_s)",
                "int(top * buffer_s / (reservoir_s + cushion_s))",
            ),
        ),
    ),
    "constants_not_parameters": (
        "buffer_rule",
        swap(
            BUFFER,
            (
                "    top = len(ladder) - 1\n",
                "    top = len(ladder) - 1\n    reservoir_s, cushion_s = 5.0, 10.0\n",
            ),
        ),
    ),
    # throughput_rule
    "arithmetic_mean": (
        "throughput_rule",
        swap(THROUGHPUT, ("len(recent) / sum(1 / x for x in recent)", "sum(recent) / len(recent)")),
    ),
    "whole_history": (
        "throughput_rule",
        swap(THROUGHPUT, ("list(history_kbps)[-window:]", "list(history_kbps)")),
    ),
    "strictly_below": (
        "throughput_rule",
        swap(THROUGHPUT, ("if rate <= predicted", "if rate < predicted")),
    ),
    "zero_skipped": (
        "throughput_rule",
        swap(
            THROUGHPUT,
            (
                "    recent = list(history_kbps)[-window:]\n",
                "    recent = [x for x in history_kbps if x > 0][-window:]\n",
            ),
        ),
    ),
    "last_sample_only": (
        "throughput_rule",
        swap(
            THROUGHPUT,
            ("predicted = len(recent) / sum(1 / x for x in recent)", "predicted = recent[-1]"),
        ),
    ),
    # qoe_rule
    "switches_in_kbps": (
        "qoe_rule",
        swap(QOE, ("smooth_penalty * switches / 1000", "smooth_penalty * switches")),
    ),
    "switch_from_zero": (
        "qoe_rule",
        swap(QOE, ("pairwise(bitrates_kbps)", "pairwise([0, *bitrates_kbps])")),
    ),
    "penalties_fixed": (
        "qoe_rule",
        swap(
            QOE,
            (
                "        sum(bitrates_kbps) / 1000\n",
                "        sum(bitrates_kbps) / 1000\n        + 0 * (rebuf_penalty + smooth_penalty)\n",
            ),
            ("- rebuf_penalty *", "- 4.3 *"),
            ("- smooth_penalty *", "- 1.0 *"),
        ),
    ),
    "zip_truncates": (
        "qoe_rule",
        swap(QOE, ("    if len(bitrates_kbps) != len(rebuffer_s):\n", "    if False:\n")),
    ),
    # download_rule
    "whole_seconds_per_chunk": (
        "download_rule",
        swap(
            STREAM,
            (
                "        download = clock - start\n",
                "        clock = math.ceil(clock)\n        download = clock - start\n",
            ),
        ),
    ),
    "throughput_in_bytes": (
        "download_rule",
        swap(
            STREAM,
            (
                "history.append(ladder[level] * chunk_s / download)",
                "history.append(ladder[level] * chunk_s / 8 / download)",
            ),
        ),
    ),
    # playback_rule
    "no_startup_rebuffer": (
        "playback_rule",
        swap(
            STREAM,
            (
                "        rebuffer = max(download - buffer, 0.0)\n",
                "        rebuffer = max(download - buffer, 0.0) if chunks else 0.0\n",
            ),
        ),
    ),
    "no_cap": (
        "playback_rule",
        swap(STREAM, ("        if buffer > buffer_max_s:", "        if False:")),
    ),
    "cap_without_waiting": (
        "playback_rule",
        swap(STREAM, ("            clock += buffer - buffer_max_s\n", "")),
    ),
    "rebuffer_whole_download": (
        "playback_rule",
        swap(
            STREAM,
            (
                "rebuffer = max(download - buffer, 0.0)",
                "rebuffer = download if download > buffer else 0.0",
            ),
            (
                "buffer = max(buffer - download, 0.0) + chunk_s",
                "buffer = max(buffer - download, 0.0) + chunk_s",
            ),
        ),
    ),
    # policy_calls
    "history_shared": (
        "policy_calls",
        swap(STREAM, ("level = policy(buffer, list(history))", "level = policy(buffer, history)")),
    ),
    "level_not_checked": (
        "policy_calls",
        swap(
            STREAM,
            (
                '        if isinstance(level, bool) or not isinstance(level, int) or not 0 <= level < len(ladder):\n            raise ValueError(f"policy returned {level!r}, not an index into the ladder")\n',
                "        level = int(level)\n",
            ),
        ),
    ),
    # stream_returns
    "bitrate_as_float": (
        "stream_returns",
        swap(
            STREAM,
            (
                "chunks.append((ladder[level], rebuffer, buffer))",
                "chunks.append((float(ladder[level]), rebuffer, buffer))",
            ),
        ),
    ),
    "index_not_bitrate": (
        "stream_returns",
        swap(
            STREAM,
            (
                "chunks.append((ladder[level], rebuffer, buffer))",
                "chunks.append((level, rebuffer, buffer))",
            ),
        ),
    ),
    "buffer_before_the_wait": (
        "stream_returns",
        swap(
            STREAM,
            (
                "        if buffer > buffer_max_s:\n            clock += buffer - buffer_max_s\n            buffer = buffer_max_s\n        chunks.append((ladder[level], rebuffer, buffer))\n",
                "        chunks.append((ladder[level], rebuffer, buffer))\n        if buffer > buffer_max_s:\n            clock += buffer - buffer_max_s\n            buffer = buffer_max_s\n",
            ),
        ),
    ),
    # errors
    "all_zero_trace_accepted": (
        "errors",
        swap(
            STREAM,
            (" or not any(x > 0 for x in trace)", ""),
            ("        while remaining > 0:\n", "        while remaining > 0 and clock < 10**6:\n"),
        ),
    ),
    "ladder_order_unchecked": (
        "errors",
        "def check_ladder(ladder):\n    if len(ladder) == 0:\n        raise ValueError(f'ladder must be non-empty, got {ladder!r}')\n",
    ),
    "cap_below_a_chunk_accepted": (
        "errors",
        swap(STREAM, ("buffer_max_s >= chunk_s", "buffer_max_s > 0")),
    ),
    "checked_lazily": (
        "errors",
        swap(
            STREAM,
            (
                '    if any(not math.isfinite(x) or x < 0 for x in trace) or not any(x > 0 for x in trace):\n        raise ValueError(f"trace_kbps must be finite, >= 0 and not all 0, got {trace_kbps!r}")\n',
                "",
            ),
            (
                "            rate = trace[second % len(trace)]\n",
                "            rate = trace[second % len(trace)]\n            if not math.isfinite(rate) or rate < 0:\n                raise ValueError(f'bad trace value {rate}')\n",
            ),
        ),
    ),
    # no_mutation
    "history_trimmed_in_place": (
        "no_mutation",
        swap(
            THROUGHPUT,
            (
                "    recent = list(history_kbps)[-window:]\n",
                "    del history_kbps[:-window]\n    recent = history_kbps\n",
            ),
        ),
    ),
    "trace_modified": (
        "no_mutation",
        swap(
            STREAM,
            (
                "    trace = list(trace_kbps)\n",
                "    trace = trace_kbps\n    trace[:] = [max(x, 1e-9) if x == 0 else x for x in trace]\n",
            ),
        ),
    ),
    # scale
    "walk_from_the_start": (
        "scale",
        swap(
            STREAM,
            (
                "        while remaining > 0:\n",
                "        walked = 0.0\n        for s in range(int(clock)):\n            walked += trace[s % len(trace)]\n        while remaining > 0:\n",
            ),
        ),
    ),
}
