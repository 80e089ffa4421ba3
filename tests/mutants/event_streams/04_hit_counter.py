"""Plausible wrong answers to event_streams/04_hit_counter, each breaking one contract clause."""

from workbook.contract import swap

GOOD = """
WINDOW = 300
LATENESS = 5


class HitCounter:
    def __init__(self):
        self._slots = WINDOW + LATENESS
        self._second = [-1] * self._slots
        self._plays = [0] * self._slots
        self._now = -1

    def _check(self, ts):
        if isinstance(ts, bool) or not isinstance(ts, int):
            raise TypeError(f"a timestamp must be an int, got {ts!r}")
        if ts < 0:
            raise ValueError(f"a timestamp must be >= 0, got {ts}")

    def hit(self, ts):
        self._check(ts)
        if ts < self._now - LATENESS:
            return False
        self._now = max(self._now, ts)
        slot = ts % self._slots
        if self._second[slot] != ts:
            self._second[slot], self._plays[slot] = ts, 0
        self._plays[slot] += 1
        return True

    def count(self, ts):
        self._check(ts)
        if ts < self._now - LATENESS:
            raise ValueError(f"cannot count at {ts}: more than {LATENESS} s before {self._now}")
        self._now = max(self._now, ts)
        return sum(
            plays
            for second, plays in zip(self._second, self._plays, strict=True)
            if ts - WINDOW < second <= ts
        )
"""

TYPE_CHECK = """        if isinstance(ts, bool) or not isinstance(ts, int):
            raise TypeError(f"a timestamp must be an int, got {ts!r}")
"""
COUNT_GUARD = """        if ts < self._now - LATENESS:
            raise ValueError(f"cannot count at {ts}: more than {LATENESS} s before {self._now}")
        self._now = max(self._now, ts)
"""


MUTANTS = {
    # returns
    "hit_returns_nothing": (
        "returns",
        swap(
            GOOD,
            ("            return False\n", "            return\n"),
            ("        return True\n", ""),
        ),
    ),
    "count_returns_a_float": (
        "returns",
        swap(
            GOOD,
            ("        return sum(\n", "        return float(\n        sum(\n"),
            (
                "            if ts - WINDOW < second <= ts\n        )\n",
                "            if ts - WINDOW < second <= ts\n        ))\n",
            ),
        ),
    ),
    # window
    "a_play_300_seconds_old_is_counted": (
        "window",
        swap(GOOD, ("if ts - WINDOW < second <= ts", "if ts - WINDOW <= second <= ts")),
    ),
    "window_of_299_seconds": (
        "window",
        swap(GOOD, ("if ts - WINDOW < second <= ts", "if ts - WINDOW + 1 < second <= ts")),
    ),
    # duplicates
    "one_play_per_second": (
        "duplicates",
        swap(GOOD, ("        self._plays[slot] += 1\n", "        self._plays[slot] = 1\n")),
    ),
    # lateness
    "exactly_5_seconds_late_is_dropped": (
        "lateness",
        swap(
            GOOD,
            (
                "        if ts < self._now - LATENESS:\n            return False\n",
                "        if ts <= self._now - LATENESS:\n            return False\n",
            ),
        ),
    ),
    "count_does_not_move_the_clock": (
        "lateness",
        swap(
            GOOD, (COUNT_GUARD, COUNT_GUARD.replace("        self._now = max(self._now, ts)\n", ""))
        ),
    ),
    "late_plays_never_dropped": (
        "lateness",
        swap(GOOD, ("        if ts < self._now - LATENESS:\n            return False\n", "")),
    ),
    # past_queries
    "future_plays_counted_in_a_past_query": (
        "past_queries",
        swap(GOOD, ("if ts - WINDOW < second <= ts", "if ts - WINDOW < second")),
    ),
    "ring_of_300_slots": (
        "past_queries",
        swap(GOOD, ("        self._slots = WINDOW + LATENESS\n", "        self._slots = WINDOW\n")),
    ),
    "old_queries_answered": (
        "past_queries",
        swap(GOOD, (COUNT_GUARD, "        self._now = max(self._now, ts)\n")),
    ),
    # errors
    "float_timestamps_accepted": (
        "errors",
        swap(
            GOOD,
            (TYPE_CHECK, ""),
            ("        slot = ts % self._slots\n", "        slot = int(ts) % self._slots\n"),
        ),
    ),
    "negative_timestamps_accepted": (
        "errors",
        swap(
            GOOD,
            (
                "        if ts < 0:\n            raise ValueError",
                "        if ts < -10**9:\n            raise ValueError",
            ),
        ),
    ),
    # empty
    "count_before_any_play_raises": (
        "empty",
        swap(
            GOOD,
            (
                "    def count(self, ts):\n        self._check(ts)\n",
                "    def count(self, ts):\n        self._check(ts)\n        if self._now < 0:\n"
                '            raise ValueError("no plays yet")\n',
            ),
        ),
    ),
    # independent
    "buckets_shared_by_the_class": (
        "independent",
        swap(
            GOOD,
            ("class HitCounter:\n", "class HitCounter:\n    _shared = ([-1] * 305, [0] * 305)\n\n"),
            (
                "        self._second = [-1] * self._slots\n        self._plays = [0] * self._slots\n",
                "        self._second, self._plays = HitCounter._shared\n",
            ),
        ),
    ),
    # memory
    "every_play_kept_in_a_sorted_list": (
        "memory",
        """
import bisect

WINDOW = 300
LATENESS = 5


class HitCounter:
    def __init__(self):
        self._times = []
        self._now = -1

    def _check(self, ts):
        if isinstance(ts, bool) or not isinstance(ts, int):
            raise TypeError(f"a timestamp must be an int, got {ts!r}")
        if ts < 0:
            raise ValueError(f"a timestamp must be >= 0, got {ts}")

    def hit(self, ts):
        self._check(ts)
        if ts < self._now - LATENESS:
            return False
        if ts > self._now:
            self._now = ts
            expired = bisect.bisect_left(self._times, ts - WINDOW - LATENESS + 1)
            if expired:
                del self._times[:expired]
        bisect.insort(self._times, ts)
        return True

    def count(self, ts):
        self._check(ts)
        if ts < self._now - LATENESS:
            raise ValueError(f"cannot count at {ts}: more than {LATENESS} s before {self._now}")
        self._now = max(self._now, ts)
        low = bisect.bisect_right(self._times, ts - WINDOW)
        return bisect.bisect_right(self._times, ts) - low
""",
    ),
    # scale_events
    "expired_buckets_cleared_on_every_hit": (
        "scale_events",
        swap(
            GOOD,
            (
                "        slot = ts % self._slots\n",
                "        for s in range(self._slots):\n"
                "            if self._second[s] <= self._now - WINDOW - LATENESS:\n"
                "                self._second[s], self._plays[s] = -1, 0\n"
                "        slot = ts % self._slots\n",
            ),
        ),
    ),
}
