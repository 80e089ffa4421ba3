"""Plausible wrong answers to audio_buffering/02_playback_buffer, each breaking one clause."""

GOOD = """
import numpy as np
import pandas as pd

COLUMNS = ["t_s", "downloaded_s", "played_s", "buffer_s", "state"]


def simulate_playback(throughput_kbps, bitrate_kbps, track_s, startup_s=2.0, resume_s=4.0):
    trace = np.array(throughput_kbps, dtype=float)
    bad = np.flatnonzero(~np.isfinite(trace) | (trace < 0))
    if bad.size:
        raise ValueError(f"throughput_kbps[{int(bad[0])}] is {trace[bad[0]]}")
    for name, value, ok in (
        ("bitrate_kbps", bitrate_kbps, bitrate_kbps > 0),
        ("track_s", track_s, track_s > 0),
        ("startup_s", startup_s, startup_s >= 0),
        ("resume_s", resume_s, resume_s >= 0),
    ):
        if not ok:
            raise ValueError(f"{name} out of range: got {value}")
    downloaded = played = buffer = startup = stall_time = 0.0
    stalls, state, rows = 0, "waiting", []
    for t, kbps in enumerate(trace.tolist()):
        got = min(kbps / bitrate_kbps, track_s - downloaded)
        downloaded += got
        buffer += got
        threshold = startup_s if state == "waiting" else resume_s
        if state != "playing" and (buffer >= threshold - 1e-9 or downloaded >= track_s - 1e-9):
            state = "playing"
        if state == "playing":
            play = min(1.0, buffer, track_s - played)
            played += play
            buffer -= play
            if track_s - played > 1e-9 and play < 1.0 - 1e-9:
                stalls += 1
                stall_time += 1.0 - play
                state = "stalled"
        elif state == "waiting":
            startup += 1.0
        else:
            stall_time += 1.0
        rows.append((t + 1, downloaded, played, buffer, state))
        if track_s - played <= 1e-9:
            return Playback(startup, stalls, stall_time, pd.DataFrame(rows, columns=COLUMNS))
    raise ValueError(f"the trace ended after {len(trace)} s, before the track finished")
"""


def patch(*pairs: str) -> str:
    """GOOD with each (old, new) replaced; every `old` must occur."""
    source = GOOD
    for old, new in zip(pairs[::2], pairs[1::2], strict=True):
        assert old in source, old
        source = source.replace(old, new)
    return source


VALIDATION = """    bad = np.flatnonzero(~np.isfinite(trace) | (trace < 0))
    if bad.size:
        raise ValueError(f"throughput_kbps[{int(bad[0])}] is {trace[bad[0]]}")
"""
LOOP = "    for t, kbps in enumerate(trace.tolist()):\n"
DOWNLOAD = """        got = min(kbps / bitrate_kbps, track_s - downloaded)
        downloaded += got
        buffer += got
"""
START = """        if state != "playing" and (buffer >= threshold - 1e-9 or downloaded >= track_s - 1e-9):"""
RETURN = "            return Playback(startup, stalls, stall_time, pd.DataFrame(rows, columns=COLUMNS))\n"

MUTANTS = {
    "iterates_over_numpy_scalars": (
        "returns",
        patch(LOOP, "    for t, kbps in enumerate(trace):\n"),
    ),
    "counts_the_startup_delay_in_int_seconds": (
        "returns",
        patch(
            "    downloaded = played = buffer = startup = stall_time = 0.0\n",
            "    downloaded = played = buffer = stall_time = 0.0\n    startup = 0\n",
            "            startup += 1.0\n",
            "            startup += 1\n",
        ),
    ),
    "timeline_indexed_by_second": (
        "timeline",
        patch(
            RETURN,
            RETURN.replace("columns=COLUMNS)", 'columns=COLUMNS).set_index("t_s", drop=False)'),
        ),
    ),
    "timeline_from_t_zero": (
        "timeline",
        patch("        rows.append((t + 1, downloaded", "        rows.append((t, downloaded"),
    ),
    "state_as_a_category": (
        "timeline",
        patch(
            RETURN,
            '            frame = pd.DataFrame(rows, columns=COLUMNS).astype({"state": "category"})\n'
            "            return Playback(startup, stalls, stall_time, frame)\n",
        ),
    ),
    "plays_before_downloading": (
        "step_order",
        patch(DOWNLOAD, "", "        rows.append(", DOWNLOAD + "        rows.append("),
    ),
    "downloads_past_the_end_of_the_track": (
        "conservation",
        patch("got = min(kbps / bitrate_kbps, track_s - downloaded)", "got = kbps / bitrate_kbps"),
    ),
    "resumes_at_the_startup_threshold": (
        "thresholds",
        patch('threshold = startup_s if state == "waiting" else resume_s', "threshold = startup_s"),
    ),
    "waits_for_the_threshold_even_when_fully_downloaded": (
        "thresholds",
        patch(
            "(buffer >= threshold - 1e-9 or downloaded >= track_s - 1e-9)",
            "buffer >= threshold - 1e-9",
        ),
    ),
    "never_starts_on_an_empty_buffer": (
        "thresholds",
        patch(START, START.replace("(buffer >=", "buffer > 0 and (buffer >=")),
    ),
    "counts_every_stalled_second_as_a_stall": (
        "stalls",
        patch(
            "            stall_time += 1.0\n",
            "            stall_time += 1.0\n            stalls += 1\n",
        ),
    ),
    "stall_time_ignores_the_partial_second": (
        "stalls",
        patch("stall_time += 1.0 - play", "stall_time += 1.0"),
    ),
    "the_last_short_second_is_a_stall": (
        "stalls",
        patch("if track_s - played > 1e-9 and play < 1.0 - 1e-9:", "if play < 1.0 - 1e-9:"),
    ),
    "exact_float_comparisons": (
        "tolerance",
        patch(
            "(buffer >= threshold - 1e-9 or downloaded >= track_s - 1e-9)",
            "(buffer >= threshold or downloaded >= track_s)",
            "if track_s - played > 1e-9 and play < 1.0 - 1e-9:",
            "if played < track_s and play < 1.0:",
            "        if track_s - played <= 1e-9:\n",
            "        if played >= track_s:\n",
        ),
    ),
    "np_isclose_is_too_loose": (
        "tolerance",
        patch(
            "(buffer >= threshold - 1e-9 or downloaded >= track_s - 1e-9)",
            "(buffer >= threshold or np.isclose(buffer, threshold) or np.isclose(downloaded, track_s))",
        ),
    ),
    "returns_once_everything_is_downloaded": (
        "end_of_trace",
        patch(
            '    raise ValueError(f"the trace ended after {len(trace)} s, before the track finished")',
            "    if downloaded >= track_s - 1e-9:  # the rest plays out from the buffer\n"
            "        return Playback(startup, stalls, stall_time, pd.DataFrame(rows, columns=COLUMNS))\n"
            '    raise ValueError(f"the trace ended after {len(trace)} s, before the track finished")',
        ),
    ),
    "simulates_the_whole_trace": (
        "end_of_trace",
        patch(
            "        if track_s - played <= 1e-9:\n" + RETURN,
            "",
            '    raise ValueError(f"the trace ended after {len(trace)} s, before the track finished")',
            "    if track_s - played > 1e-9:\n"
            '        raise ValueError(f"the trace ended after {len(trace)} s")\n'
            "    return Playback(startup, stalls, stall_time, pd.DataFrame(rows, columns=COLUMNS))",
        ),
    ),
    "trace_error_without_its_length": (
        "end_of_trace",
        patch(
            '    raise ValueError(f"the trace ended after {len(trace)} s, before the track finished")',
            '    raise ValueError("the trace ended before the track finished")',
        ),
    ),
    "validates_the_trace_as_it_goes": (
        "errors",
        patch(
            VALIDATION,
            "",
            DOWNLOAD,
            "        if not (kbps >= 0 and kbps < float('inf')):\n"
            '            raise ValueError(f"throughput_kbps[{t}] is {kbps}")\n' + DOWNLOAD,
        ),
    ),
    "only_rejects_negative_throughput": (
        "errors",
        patch("~np.isfinite(trace) | (trace < 0)", "trace < 0"),
    ),
    "zero_bitrate_accepted": ("errors", patch("bitrate_kbps > 0)", "bitrate_kbps >= 0)")),
    "negative_thresholds_accepted": (
        "errors",
        patch(
            '        ("startup_s", startup_s, startup_s >= 0),\n        ("resume_s", resume_s, resume_s >= 0),\n',
            "",
        ),
    ),
    "one_message_for_every_bad_argument": (
        "errors",
        patch(
            'raise ValueError(f"{name} out of range: got {value}")',
            'raise ValueError("bad arguments")',
        ),
    ),
    "arguments_checked_before_the_trace": (
        "errors",
        patch(
            VALIDATION,
            "",
            "    downloaded = played = buffer = startup = stall_time = 0.0\n",
            VALIDATION + "    downloaded = played = buffer = startup = stall_time = 0.0\n",
        ),
    ),
    "empty_trace_checked_first": (
        "errors",
        patch(
            "    trace = np.array(throughput_kbps, dtype=float)\n",
            "    trace = np.array(throughput_kbps, dtype=float)\n"
            "    if len(trace) < track_s:\n"
            '        raise ValueError(f"the trace ended after {len(trace)} s, before the track finished")\n',
        ),
    ),
    "truthiness_check_on_the_trace": (
        "inputs",
        patch(
            "    trace = np.array(throughput_kbps, dtype=float)\n",
            "    if not throughput_kbps:\n"
            '        raise ValueError("the trace ended after 0 s")\n'
            "    trace = np.array(throughput_kbps, dtype=float)\n",
        ),
    ),
    "converts_the_trace_in_place": (
        "inputs",
        patch(
            "    trace = np.array(throughput_kbps, dtype=float)\n",
            "    trace = np.asarray(throughput_kbps, dtype=float)\n",
            "    downloaded = played = buffer = startup = stall_time = 0.0\n",
            "    trace /= bitrate_kbps  # seconds of audio per second\n    downloaded = played = buffer = startup = stall_time = 0.0\n",
            "got = min(kbps / bitrate_kbps, track_s - downloaded)",
            "got = min(kbps, track_s - downloaded)",
        ),
    ),
    "rows_kept_in_a_notebook_global": (
        "stateless",
        patch(
            '    stalls, state, rows = 0, "waiting", []\n',
            '    stalls, state, rows = 0, "waiting", ROWS\n',
        )
        + "\nROWS = []\n",
    ),
    "appends_to_a_dataframe_each_second": (
        "scale",
        patch(
            '    stalls, state, rows = 0, "waiting", []\n',
            '    stalls, state = 0, "waiting"\n    frame = pd.DataFrame({c: [] for c in COLUMNS})\n',
            "        rows.append((t + 1, downloaded, played, buffer, state))\n",
            "        frame = pd.concat([frame, pd.DataFrame([(t + 1, downloaded, played, buffer, state)], columns=COLUMNS)], ignore_index=True)\n",
            RETURN,
            "            return Playback(startup, stalls, stall_time, frame.astype({'t_s': 'int64'}))\n",
        ),
    ),
    "revalidates_the_rest_of_the_trace_each_second": (
        "scale",
        patch(
            DOWNLOAD,
            "        if (trace[t:] < 0).any():\n            raise ValueError(f'throughput_kbps is negative at {t}')\n"
            + DOWNLOAD,
        ),
    ),
}
