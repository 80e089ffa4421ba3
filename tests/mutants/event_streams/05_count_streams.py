"""Plausible wrong answers to event_streams/05_count_streams, each breaking one contract clause."""

from workbook.contract import swap

GOOD = """
KINDS = ("play", "pause", "seek", "skip", "end")


def count_streams(events, threshold_ms=30_000):
    if isinstance(threshold_ms, bool) or not isinstance(threshold_ms, int):
        raise TypeError(f"threshold_ms must be an int, got {threshold_ms!r}")
    if threshold_ms <= 0:
        raise ValueError(f"threshold_ms must be positive, got {threshold_ms}")
    seen = set()
    unique = []
    for event in events:
        if event[3] not in KINDS:
            raise ValueError(f"unknown event kind {event[3]!r} in event {event[0]!r}")
        if event[0] not in seen:
            seen.add(event[0])
            unique.append(event)
    unique.sort(key=lambda e: (e[1], e[2], e[0]))

    streams = {}
    track, played, since = None, 0, None

    def close(ts):
        nonlocal track, played, since
        if track is not None:
            if since is not None:
                played += ts - since
            if played >= threshold_ms:
                streams[track] = streams.get(track, 0) + 1
        track, played, since = None, 0, None

    for i, (_, device, ts, kind, event_track) in enumerate(unique):
        if kind == "play":
            if event_track == track:
                if since is None:
                    since = ts
            else:
                close(ts)
                track, played, since = event_track, 0, ts
        elif kind == "pause":
            if since is not None:
                played, since = played + ts - since, None
        elif kind in ("skip", "end"):
            close(ts)
        if i + 1 == len(unique) or unique[i + 1][1] != device:
            close(ts)
    return streams
"""

DEDUP = """    seen = set()
    unique = []
    for event in events:
        if event[3] not in KINDS:
            raise ValueError(f"unknown event kind {event[3]!r} in event {event[0]!r}")
        if event[0] not in seen:
            seen.add(event[0])
            unique.append(event)
    unique.sort(key=lambda e: (e[1], e[2], e[0]))
"""
LAST_EVENT = """        if i + 1 == len(unique) or unique[i + 1][1] != device:
            close(ts)
"""
THRESHOLD_CHECKS = """    if isinstance(threshold_ms, bool) or not isinstance(threshold_ms, int):
        raise TypeError(f"threshold_ms must be an int, got {threshold_ms!r}")
    if threshold_ms <= 0:
        raise ValueError(f"threshold_ms must be positive, got {threshold_ms}")
"""


MUTANTS = {
    # returns
    "zero_counts_included": (
        "returns",
        swap(
            GOOD,
            (
                "            if played >= threshold_ms:\n"
                "                streams[track] = streams.get(track, 0) + 1\n",
                "            streams[track] = streams.get(track, 0) + (played >= threshold_ms)\n",
            ),
        ),
    ),
    "counts_as_floats": (
        "returns",
        swap(
            GOOD,
            (
                "streams[track] = streams.get(track, 0) + 1",
                "streams[track] = streams.get(track, 0.0) + 1",
            ),
        ),
    ),
    # threshold
    "exactly_30_seconds_is_not_a_stream": (
        "threshold",
        swap(GOOD, ("if played >= threshold_ms:", "if played > threshold_ms:")),
    ),
    "threshold_hard_coded": (
        "threshold",
        swap(GOOD, ("if played >= threshold_ms:", "if played >= 30_000:")),
    ),
    "long_plays_counted_per_30_seconds": (
        "threshold",
        swap(
            GOOD,
            (
                "streams[track] = streams.get(track, 0) + 1",
                "streams[track] = streams.get(track, 0) + played // threshold_ms",
            ),
        ),
    ),
    # played_time
    "paused_time_counted": (
        "played_time",
        swap(
            GOOD,
            (
                "                played, since = played + ts - since, None\n",
                "                pass\n",
            ),
        ),
    ),
    "seek_treated_as_a_pause": (
        "played_time",
        swap(
            GOOD, ('        elif kind == "pause":\n', '        elif kind in ("pause", "seek"):\n')
        ),
    ),
    # plays
    "every_play_event_starts_a_new_play": (
        "plays",
        swap(GOOD, ("            if event_track == track:\n", "            if False:\n")),
    ),
    "pause_ends_the_play": (
        "plays",
        swap(
            GOOD,
            (
                "            if since is not None:\n                played, since = played + ts - since, None\n",
                "            close(ts)\n",
            ),
        ),
    ),
    # open_at_end
    "open_plays_never_counted": (
        "open_at_end",
        swap(
            GOOD,
            (
                LAST_EVENT,
                "        if i + 1 == len(unique) or unique[i + 1][1] != device:\n"
                "            track, played, since = None, 0, None\n",
            ),
        ),
    ),
    # devices
    "devices_mixed_up": (
        "devices",
        swap(
            GOOD,
            (
                "unique.sort(key=lambda e: (e[1], e[2], e[0]))",
                "unique.sort(key=lambda e: (e[2], e[0]))",
            ),
            (LAST_EVENT, "        if i + 1 == len(unique):\n            close(ts)\n"),
        ),
    ),
    # ordering
    "input_order_within_a_device": (
        "ordering",
        swap(
            GOOD,
            ("unique.sort(key=lambda e: (e[1], e[2], e[0]))", "unique.sort(key=lambda e: e[1])"),
        ),
    ),
    "ties_in_input_order": (
        "ordering",
        swap(
            GOOD,
            (
                "unique.sort(key=lambda e: (e[1], e[2], e[0]))",
                "unique.sort(key=lambda e: (e[1], e[2]))",
            ),
        ),
    ),
    # duplicates
    "duplicates_counted_twice": (
        "duplicates",
        swap(GOOD, ("        if event[0] not in seen:\n", "        if True:\n")),
    ),
    "last_copy_wins": (
        "duplicates",
        swap(
            GOOD,
            (
                DEDUP,
                "    latest = {}\n"
                "    for event in events:\n"
                "        if event[3] not in KINDS:\n"
                '            raise ValueError(f"unknown event kind {event[3]!r}")\n'
                "        latest[event[0]] = event\n"
                "    unique = sorted(latest.values(), key=lambda e: (e[1], e[2], e[0]))\n",
            ),
        ),
    ),
    # errors
    "float_threshold_accepted": (
        "errors",
        swap(
            GOOD,
            (
                THRESHOLD_CHECKS,
                '    if threshold_ms <= 0:\n        raise ValueError(f"threshold_ms must be positive, got {threshold_ms}")\n',
            ),
        ),
    ),
    "unknown_kinds_ignored": (
        "errors",
        swap(
            GOOD,
            (
                '        if event[3] not in KINDS:\n            raise ValueError(f"unknown event kind {event[3]!r} in event {event[0]!r}")\n',
                "",
            ),
        ),
    ),
    "kinds_checked_after_dedup": (
        "errors",
        swap(
            GOOD,
            (
                '        if event[3] not in KINDS:\n            raise ValueError(f"unknown event kind {event[3]!r} in event {event[0]!r}")\n        if event[0] not in seen:\n',
                '        if event[0] not in seen:\n            if event[3] not in KINDS:\n                raise ValueError(f"unknown event kind {event[3]!r}")\n',
            ),
        ),
    ),
    "threshold_checked_after_reading_events": (
        "errors",
        swap(
            GOOD,
            (THRESHOLD_CHECKS, ""),
            (
                "    streams = {}\n",
                "    if not unique:\n        return {}\n" + THRESHOLD_CHECKS + "    streams = {}\n",
            ),
        ),
    ),
    # no_mutation
    "events_sorted_in_place": (
        "no_mutation",
        swap(
            GOOD,
            (
                DEDUP,
                "    for event in events:\n"
                "        if event[3] not in KINDS:\n"
                '            raise ValueError(f"unknown event kind {event[3]!r}")\n'
                "    events.sort(key=lambda e: (e[1], e[2], e[0]))\n"
                "    seen = set()\n"
                "    unique = []\n"
                "    for event in events:\n"
                "        if event[0] not in seen:\n"
                "            seen.add(event[0])\n"
                "            unique.append(event)\n",
            ),
        ),
    ),
    # scale_events
    "duplicates_looked_up_in_a_list": (
        "scale_events",
        swap(
            GOOD,
            ("    seen = set()\n", "    seen = []\n"),
            ("            seen.add(event[0])\n", "            seen.append(event[0])\n"),
        ),
    ),
    # scale_devices
    "events_filtered_once_per_device": (
        "scale_devices",
        swap(
            GOOD,
            (
                "    unique.sort(key=lambda e: (e[1], e[2], e[0]))\n",
                "    ordered = []\n"
                "    for name in sorted({e[1] for e in unique}):\n"
                "        ordered += sorted((e for e in unique if e[1] == name), key=lambda e: (e[2], e[0]))\n"
                "    unique = ordered\n",
            ),
        ),
    ),
}
