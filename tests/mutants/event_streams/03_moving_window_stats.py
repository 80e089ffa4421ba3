"""Plausible wrong answers to event_streams/03_moving_window_stats, each breaking one clause."""

from workbook.contract import swap

GOOD = """
import heapq
from collections import deque


def check_window(name, value):
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, got {value!r}")
    if value <= 0:
        raise ValueError(f"{name} must be positive, got {value}")


class MovingAverage:
    def __init__(self, size):
        check_window("size", size)
        self._size = size
        self._window = deque()
        self._total = 0

    def next(self, duration):
        self._window.append(duration)
        self._total += duration
        if len(self._window) > self._size:
            self._total -= self._window.popleft()
        return self._total / len(self._window)


def sliding_median(values, w):
    check_window("w", w)
    low = []
    high = []
    live_low = live_high = 0
    medians = []

    def prune(start):
        while low and -low[0][1] < start:
            heapq.heappop(low)
        while high and high[0][1] < start:
            heapq.heappop(high)

    for i, value in enumerate(values):
        start = i - w + 1
        if start > 0:
            if (values[start - 1], start - 1) <= (-low[0][0], -low[0][1]):
                live_low -= 1
            else:
                live_high -= 1
            prune(start)
        if low and (value, i) <= (-low[0][0], -low[0][1]):
            heapq.heappush(low, (-value, -i))
            live_low += 1
        else:
            heapq.heappush(high, (value, i))
            live_high += 1
        while live_low > live_high + 1:
            top_value, top_index = heapq.heappop(low)
            heapq.heappush(high, (-top_value, -top_index))
            live_low, live_high = live_low - 1, live_high + 1
            prune(start)
        while live_low < live_high:
            top_value, top_index = heapq.heappop(high)
            heapq.heappush(low, (-top_value, -top_index))
            live_low, live_high = live_low + 1, live_high - 1
            prune(start)
        if start >= 0:
            middle = -low[0][0]
            medians.append(float(middle) if w % 2 else (middle + high[0][0]) / 2)
    return medians
"""

NEXT_BODY = """        self._window.append(duration)
        self._total += duration
        if len(self._window) > self._size:
            self._total -= self._window.popleft()
        return self._total / len(self._window)
"""
APPEND_MEDIAN = """        if start >= 0:
            middle = -low[0][0]
            medians.append(float(middle) if w % 2 else (middle + high[0][0]) / 2)
"""


MUTANTS = {
    # average_returns
    "whole_means_returned_as_int": (
        "average_returns",
        swap(
            GOOD,
            (
                "        return self._total / len(self._window)",
                "        count = len(self._window)\n"
                "        if self._total % count == 0:\n"
                "            return self._total // count\n"
                "        return self._total / count",
            ),
        ),
    ),
    # average_window
    "always_divides_by_size": (
        "average_window",
        swap(GOOD, ("return self._total / len(self._window)", "return self._total / self._size")),
    ),
    "window_one_too_long": (
        "average_window",
        swap(
            GOOD, ("if len(self._window) > self._size:", "if len(self._window) > self._size + 1:")
        ),
    ),
    # average_exact
    "average_nudged_in_place": (
        "average_exact",
        swap(
            GOOD,
            ("        self._total = 0\n", "        self._avg = 0.0\n"),
            (
                NEXT_BODY,
                "        self._window.append(duration)\n"
                "        if len(self._window) > self._size:\n"
                "            self._avg += (duration - self._window.popleft()) / self._size\n"
                "        else:\n"
                "            self._avg += (duration - self._avg) / len(self._window)\n"
                "        return self._avg\n",
            ),
        ),
    ),
    # average_independent
    "window_shared_by_the_class": (
        "average_independent",
        swap(
            GOOD,
            (
                "class MovingAverage:\n",
                "class MovingAverage:\n    _window = deque()\n    _total = 0\n\n",
            ),
            ("        self._window = deque()\n        self._total = 0\n", ""),
            ("        self._total += duration\n", "        MovingAverage._total += duration\n"),
            (
                "            self._total -= self._window.popleft()\n",
                "            MovingAverage._total -= self._window.popleft()\n",
            ),
        ),
    ),
    # errors_size
    "size_type_not_checked": (
        "errors_size",
        swap(
            GOOD,
            (
                '        check_window("size", size)\n',
                "        if size <= 0:\n"
                '            raise ValueError(f"size must be positive, got {size}")\n',
            ),
        ),
    ),
    "size_zero_accepted": (
        "errors_size",
        swap(GOOD, ('        check_window("size", size)\n', "")),
    ),
    # median_returns
    "median_returns_a_tuple": (
        "median_returns",
        swap(GOOD, ("    return medians\n", "    return tuple(medians)\n")),
    ),
    "odd_median_left_as_int": (
        "median_returns",
        swap(GOOD, ("medians.append(float(middle) if", "medians.append(middle if")),
    ),
    "partial_windows_reported": (
        "median_returns",
        swap(
            GOOD,
            (
                APPEND_MEDIAN,
                APPEND_MEDIAN.replace("if start >= 0:", "if True:").replace(
                    "(middle + high[0][0]) / 2",
                    "((middle + high[0][0]) / 2 if high else float(middle))",
                ),
            ),
        ),
    ),
    # median_even
    "even_median_is_the_lower_middle": (
        "median_even",
        swap(GOOD, ("if w % 2 else (middle + high[0][0]) / 2", "")),
    ),
    "even_median_floor_divided": (
        "median_even",
        swap(GOOD, ("(middle + high[0][0]) / 2", "float((middle + high[0][0]) // 2)")),
    ),
    # median_window
    "duplicates_collapsed": (
        "median_window",
        """
import statistics


def sliding_median(values, w):
    if isinstance(w, bool) or not isinstance(w, int):
        raise TypeError(f"w must be an int, got {w!r}")
    if w <= 0:
        raise ValueError(f"w must be positive, got {w}")
    return [
        float(statistics.median(set(values[i : i + w]))) for i in range(len(values) - w + 1)
    ]
"""
        + GOOD.split("def sliding_median")[0],
    ),
    "stale_by_value_not_by_index": (
        "median_window",
        swap(
            GOOD,
            ("while low and -low[0][1] < start:", "while low and -low[0][0] in gone:"),
            ("while high and high[0][1] < start:", "while high and high[0][0] in gone:"),
            (
                "            prune(start)\n        if low",
                "            gone.add(values[start - 1])\n            prune(start)\n        if low",
            ),
            ("    medians = []\n", "    medians = []\n    gone = set()\n"),
        ),
    ),
    # errors_w
    "empty_values_return_before_checking_w": (
        "errors_w",
        swap(
            GOOD,
            (
                '    check_window("w", w)\n',
                '    if not values:\n        return []\n    check_window("w", w)\n',
            ),
        ),
    ),
    "w_type_not_checked": (
        "errors_w",
        swap(
            GOOD,
            (
                '    check_window("w", w)\n',
                "    if w <= 0:\n"
                '        raise ValueError(f"w must be positive, got {w}")\n'
                "    w = int(w)\n",
            ),
        ),
    ),
    # no_mutation
    "values_converted_to_float_in_place": (
        "no_mutation",
        swap(
            GOOD,
            (
                '    check_window("w", w)\n',
                '    check_window("w", w)\n    values[:] = [float(v) for v in values]\n',
            ),
        ),
    ),
    # scale_calls
    "history_copied_on_every_call": (
        "scale_calls",
        swap(
            GOOD,
            ("        self._window = deque()\n", "        self._history = []\n"),
            (
                NEXT_BODY,
                "        self._history = self._history + [duration]\n"
                "        self._total += duration\n"
                "        if len(self._history) > self._size:\n"
                "            self._total -= self._history[-self._size - 1]\n"
                "        return self._total / min(len(self._history), self._size)\n",
            ),
        ),
    ),
    # scale_size
    "window_summed_on_every_call": (
        "scale_size",
        swap(
            GOOD,
            ("        self._window = deque()\n", "        self._window = deque(maxlen=size)\n"),
            (
                NEXT_BODY,
                "        self._window.append(duration)\n"
                "        return sum(self._window) / len(self._window)\n",
            ),
        ),
    ),
    # scale_n
    "prefix_copied_on_every_step": (
        "scale_n",
        swap(GOOD, ("        if start >= 0:\n", "        if len(values[: i + 1]) >= w:\n")),
    ),
    # scale_w
    "statistics_median_per_window": (
        "scale_w",
        """
import statistics


def sliding_median(values, w):
    if isinstance(w, bool) or not isinstance(w, int):
        raise TypeError(f"w must be an int, got {w!r}")
    if w <= 0:
        raise ValueError(f"w must be positive, got {w}")
    return [float(statistics.median(values[i : i + w])) for i in range(len(values) - w + 1)]
"""
        + GOOD.split("def sliding_median")[0],
    ),
}
