"""Plausible wrong answers to audio_buffering/02_playback_buffer."""

GOOD = """
import numpy as np
import pandas as pd


def simulate_playback(throughput_kbps, bitrate_kbps, track_s, startup_s=2.0, resume_s=4.0):
    trace = np.asarray(throughput_kbps, dtype=float)
    if bitrate_kbps <= 0 or track_s <= 0 or startup_s < 0 or resume_s < 0 or (trace < 0).any():
        raise ValueError("bad input")
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
            timeline = pd.DataFrame(rows, columns=["t_s", "downloaded_s", "played_s", "buffer_s", "state"])
            return Playback(startup, stalls, stall_time, timeline)
    raise ValueError("trace too short")
"""

MUTANTS = {
    "counts_every_stalled_second_as_a_stall": GOOD.replace(
        "            stall_time += 1.0\n",
        "            stall_time += 1.0\n            stalls += 1\n",
    ),
    "resumes_at_the_startup_threshold": GOOD.replace(
        'threshold = startup_s if state == "waiting" else resume_s', "threshold = startup_s"
    ),
    "waits_for_the_threshold_even_when_fully_downloaded": GOOD.replace(
        "(buffer >= threshold - 1e-9 or downloaded >= track_s - 1e-9)", "buffer >= threshold - 1e-9"
    ),
    "downloads_past_the_end_of_the_track": GOOD.replace(
        "got = min(kbps / bitrate_kbps, track_s - downloaded)", "got = kbps / bitrate_kbps"
    ),
    "plays_before_downloading": GOOD.replace(
        "        got = min(kbps / bitrate_kbps, track_s - downloaded)\n        downloaded += got\n        buffer += got\n",
        "",
    ).replace(
        "        rows.append(",
        "        got = min(kbps / bitrate_kbps, track_s - downloaded)\n        downloaded += got\n        buffer += got\n        rows.append(",
    ),
    "stall_time_ignores_the_partial_second": GOOD.replace(
        "stall_time += 1.0 - play", "stall_time += 1.0"
    ),
    "no_validation_and_consumes_the_trace": GOOD.replace(
        '    trace = np.asarray(throughput_kbps, dtype=float)\n    if bitrate_kbps <= 0 or track_s <= 0 or startup_s < 0 or resume_s < 0 or (trace < 0).any():\n        raise ValueError("bad input")\n',
        "    trace = np.asarray(throughput_kbps, dtype=float)\n    if isinstance(throughput_kbps, list):\n        throughput_kbps.clear()\n",
    ).replace(
        '    raise ValueError("trace too short")',
        "    return Playback(startup, stalls, stall_time, pd.DataFrame(rows))",
    ),
    "appends_to_a_dataframe_each_second": GOOD.replace(
        '    stalls, state, rows = 0, "waiting", []\n',
        '    stalls, state = 0, "waiting"\n    frame = pd.DataFrame(columns=["t_s", "downloaded_s", "played_s", "buffer_s", "state"])\n',
    )
    .replace(
        "        rows.append((t + 1, downloaded, played, buffer, state))\n",
        "        frame = pd.concat([frame, pd.DataFrame([(t + 1, downloaded, played, buffer, state)], columns=frame.columns)], ignore_index=True)\n",
    )
    .replace(
        '            timeline = pd.DataFrame(rows, columns=["t_s", "downloaded_s", "played_s", "buffer_s", "state"])\n',
        "            timeline = frame\n",
    ),
}
