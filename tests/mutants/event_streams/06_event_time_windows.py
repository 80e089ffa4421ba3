"""Plausible wrong answers to event_streams/06_event_time_windows, each breaking one contract clause."""

from workbook.contract import swap

GOOD = '''
import heapq

MODES = ("accumulating", "discarding")


def window_panes(
    arrivals,
    size: int = 120,
    allowed_lateness: int = 0,
    mode: str = "accumulating",
):
    """Fixed event-time windows of `size` seconds fired by the watermark (ON_TIME), with a
    LATE pane per kept late event, events more than `allowed_lateness` behind dropped,
    and duplicates (by event_id) ignored. `arrivals` is not modified."""
    for name, value, low in (("size", size, 1), ("allowed_lateness", allowed_lateness, 0)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{name} must be an int, got {value!r}")
        if value < low:
            raise ValueError(f"{name} must be at least {low}, got {value}")
    if mode not in MODES:
        raise ValueError(f"mode must be 'accumulating' or 'discarding', got {mode!r}")

    panes = []
    seen: set[str] = set()
    total: dict[int, int] = {}  # window start -> sum of kept scores
    unfired: dict[int, int] = {}  # window start -> sum since its last pane
    fired: dict[int, int] = {}  # window start -> panes fired so far
    pending: list[int] = []  # min-heap of starts of windows waiting for their ON_TIME pane
    watermark = None

    def fire(start: int, timing: str) -> None:
        value = total[start] if mode == "accumulating" else unfired[start]
        panes.append((start, fired.get(start, 0), timing, value))
        fired[start] = fired.get(start, 0) + 1
        unfired[start] = 0

    for arrival in arrivals:
        if arrival[0] == "watermark":
            time = arrival[1]
            if watermark is not None and time < watermark:
                raise ValueError(f"watermark went back from {watermark} to {time}")
            watermark = time
            while pending and pending[0] + size <= watermark:
                fire(heapq.heappop(pending), "ON_TIME")
        elif arrival[0] == "event":
            _, event_id, event_time, score = arrival
            if event_id in seen:
                continue
            seen.add(event_id)
            start = event_time - event_time % size
            end = start + size
            late = watermark is not None and end <= watermark
            if late and watermark >= end + allowed_lateness:
                continue  # beyond the allowed lateness: dropped
            if start not in total:
                total[start], unfired[start] = 0, 0
                if not late:
                    heapq.heappush(pending, start)
            total[start] += score
            unfired[start] += score
            if late:
                fire(start, "LATE")
        else:
            raise ValueError(f"unknown arrival kind {arrival[0]!r}")
    return panes

'''


MUTANTS = {
    # returns
    "timing_as_a_bool": (
        "returns",
        swap(
            GOOD,
            (
                "panes.append((start, fired.get(start, 0), timing, value))",
                'panes.append((start, fired.get(start, 0), timing == "ON_TIME", value))',
            ),
        ),
    ),
    # windows
    "window_end_inclusive": (
        "windows",
        swap(
            GOOD,
            (
                "            start = event_time - event_time % size\n",
                "            start = event_time - event_time % size\n            if event_time % size == 0 and event_time:\n                start -= size\n",
            ),
        ),
    ),
    "start_truncated_towards_zero": (
        "windows",
        swap(
            GOOD,
            (
                "            start = event_time - event_time % size\n",
                "            start = int(event_time / size) * size\n",
            ),
        ),
    ),
    # on_time
    "fires_only_past_the_end": (
        "on_time",
        swap(
            GOOD,
            (
                "while pending and pending[0] + size <= watermark:",
                "while pending and pending[0] + size < watermark:",
            ),
        ),
    ),
    "flushes_at_the_end_of_input": (
        "on_time",
        swap(
            GOOD,
            (
                "    return panes\n",
                '    while pending:\n        fire(heapq.heappop(pending), "ON_TIME")\n    return panes\n',
            ),
        ),
    ),
    # late
    "lateness_boundary_inclusive": (
        "late",
        swap(
            GOOD,
            (
                "if late and watermark >= end + allowed_lateness:",
                "if late and watermark > end + allowed_lateness:",
            ),
        ),
    ),
    "late_events_silently_added": (
        "late",
        swap(GOOD, ('            if late:\n                fire(start, "LATE")\n', "")),
    ),
    # pane_index
    "late_panes_indexed_from_zero": (
        "pane_index",
        swap(
            GOOD,
            (
                "panes.append((start, fired.get(start, 0), timing, value))",
                'panes.append((start, fired.get(start, 0) - (timing == "LATE" and start in fired), timing, value))',
            ),
        ),
    ),
    # accumulation
    "modes_swapped": (
        "accumulation",
        swap(
            GOOD,
            (
                'value = total[start] if mode == "accumulating" else unfired[start]',
                'value = unfired[start] if mode == "accumulating" else total[start]',
            ),
        ),
    ),
    "discarding_never_resets": (
        "accumulation",
        swap(GOOD, ("        unfired[start] = 0\n", "")),
    ),
    # duplicates
    "dedup_only_kept_events": (
        "duplicates",
        swap(
            GOOD,
            ("            seen.add(event_id)\n            start", "            start"),
            (
                "            total[start] += score\n",
                "            seen.add(event_id)\n            total[start] += score\n",
            ),
        ),
    ),
    "last_copy_wins": (
        "duplicates",
        swap(
            GOOD,
            (
                "    for arrival in arrivals:\n",
                '    latest = {a[1]: a for a in arrivals if a[0] == "event"}\n    for arrival in arrivals:\n',
            ),
            (
                "            _, event_id, event_time, score = arrival\n",
                "            _, event_id, event_time, score = latest[arrival[1]]\n",
            ),
        ),
    ),
    # errors
    "backward_watermark_ignored": (
        "errors",
        swap(
            GOOD,
            (
                '                raise ValueError(f"watermark went back from {watermark} to {time}")\n',
                "                continue\n",
            ),
        ),
    ),
    "zero_lateness_rejected": (
        "errors",
        swap(
            GOOD,
            (
                '("allowed_lateness", allowed_lateness, 0)',
                '("allowed_lateness", allowed_lateness, 1)',
            ),
        ),
    ),
    "float_size_accepted": (
        "errors",
        swap(
            GOOD,
            (
                "        if isinstance(value, bool) or not isinstance(value, int):\n",
                "        if isinstance(value, str):\n",
            ),
        ),
    ),
    # no_mutation
    "arrivals_deduplicated_in_place": (
        "no_mutation",
        swap(
            GOOD,
            (
                "    for arrival in arrivals:\n",
                '    firsts = set()\n    for i in range(len(arrivals) - 1, -1, -1):\n        a = arrivals[i]\n        if a[0] == "event" and sum(1 for b in arrivals[:i] if b[0] == "event" and b[1] == a[1]):\n            del arrivals[i]\n    for arrival in arrivals:\n',
            ),
        ),
    ),
    # scale
    "every_window_scanned_at_every_watermark": (
        "scale",
        swap(
            GOOD,
            (
                '            while pending and pending[0] + size <= watermark:\n                fire(heapq.heappop(pending), "ON_TIME")\n',
                '            for start in sorted(total):\n                if start in pending and start + size <= watermark:\n                    pending.remove(start)\n                    fire(start, "ON_TIME")\n',
            ),
            (
                "                    heapq.heappush(pending, start)\n",
                "                    pending.append(start)\n",
            ),
        ),
    ),
}
