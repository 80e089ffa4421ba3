"""Hidden tests for event_streams/03_moving_window_stats: `MovingAverage` and `sliding_median`."""

import random
import statistics
from collections import deque

from hypothesis import given
from hypothesis import strategies as st

from workbook.compare import Tolerance
from workbook.contract import pins
from workbook.grading.asserts import assert_equal, assert_raises, assert_returns, assert_type
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales, workload

EXACT = Tolerance(rel=0.0, abs=0.0)
DURATIONS = [5, 1, 3, 8, 8, 2]


def averages(size, durations):
    """Build one MovingAverage(size) and return next(d) for each duration, in order."""
    moving = MovingAverage(size)
    return [moving.next(d) for d in durations]


def brute_averages(size, durations):
    """Recompute every window from scratch, on ints: the exact reference."""
    return [
        sum(durations[max(0, k - size + 1) : k + 1]) / len(durations[max(0, k - size + 1) : k + 1])
        for k in range(len(durations))
    ]


def brute_medians(values, w):
    return [float(statistics.median(values[i : i + w])) for i in range(len(values) - w + 1)]


class ReferenceAverage:
    def __init__(self, size):
        self.size, self.window, self.total = size, deque(), 0

    def next(self, duration):
        self.window.append(duration)
        self.total += duration
        if len(self.window) > self.size:
            self.total -= self.window.popleft()
        return self.total / len(self.window)


def reference_medians(values, w):
    """Two heaps of (value, index) with lazy deletion: the scale tests' yardstick."""
    import heapq

    low, high, live_low, live_high, out = [], [], 0, 0, []

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
            v, j = heapq.heappop(low)
            heapq.heappush(high, (-v, -j))
            live_low, live_high = live_low - 1, live_high + 1
            prune(start)
        while live_low < live_high:
            v, j = heapq.heappop(high)
            heapq.heappush(low, (-v, -j))
            live_low, live_high = live_low + 1, live_high - 1
            prune(start)
        if start >= 0:
            out.append(float(-low[0][0]) if w % 2 else (-low[0][0] + high[0][0]) / 2)
    return out


@pins("average_window", "median_window", "median_even")
def test_examples_from_the_statement():
    assert_returns([1.0, 5.5, 4.666666666666667, 6.0], averages, 3, [1, 10, 3, 5])
    assert_returns([35422.0, 105048.0, 102337.0], averages, 2, [35422, 174674, 30000])
    assert_returns([3.0, 3.0, 8.0, 8.0], sliding_median, DURATIONS, 3)
    assert_returns([3.0, 2.0, 5.5, 8.0, 5.0], sliding_median, DURATIONS, 2)


@pins("average_returns")
def test_next_returns_a_float_even_when_the_mean_is_whole():
    moving = MovingAverage(2)
    for duration, call in [(7, "next(7)"), (9, "next(9) after next(7)")]:
        assert_type(moving.next(duration), float, f"MovingAverage(2).{call}")
    assert_returns([7.0, 0.0, 0.0], averages, 1, [7, 0, 0])


@pins("average_window")
def test_the_average_covers_the_last_size_plays_and_fewer_at_the_start():
    assert_returns([4.0, 6.0, 8.0, 2.0], averages, 1, [4, 6, 8, 2])
    assert_returns([10.0, 15.0, 20.0, 25.0, 30.0], averages, 10, [10, 20, 30, 40, 50])
    assert_returns([0.0, 50.0, 100.0, 100.0, 50.0], averages, 2, [0, 100, 100, 100, 0])
    assert_returns([2.0, 3.0, 4.0, 5.0, 7.0], averages, 4, [2, 4, 6, 8, 10])


@pins("average_window")
@derandomized(max_examples=40)
@given(
    size=st.integers(1, 6),
    durations=st.lists(st.integers(0, 2**31 - 1), max_size=25),
)
def test_averages_match_a_recount_of_every_window(size, durations):
    assert_returns(brute_averages(size, durations), averages, size, durations)


@pins("average_exact")
def test_the_average_is_exact_after_many_calls():
    rng = random.Random(7)
    durations = [rng.randint(0, 600_000) for _ in range(3_000)]
    for size in (3, 7, 100):
        expected = brute_averages(size, durations)
        moving = MovingAverage(size)
        actual = [moving.next(d) for d in durations]
        assert_equal(
            actual,
            expected,
            f"MovingAverage({size}).next(d) for 3,000 random durations in 0..600,000 ms "
            "(compared exactly: sum(window) / len(window) on ints)",
            tol=EXACT,
        )
    # large durations near the top of the range, where a float average loses the last digits
    top = [2**31 - 1, 2**31 - 3, 1, 2**31 - 7, 5, 3]
    assert_returns(brute_averages(3, top), averages, 3, top, tol=EXACT)


@pins("average_independent")
def test_instances_do_not_share_a_window():
    first, second = MovingAverage(2), MovingAverage(3)
    answers = [first.next(10), second.next(1000), first.next(20), second.next(2000)]
    answers += [first.next(30), MovingAverage(2).next(4)]
    assert_equal(
        answers,
        [10.0, 1000.0, 15.0, 1500.0, 25.0, 4.0],
        "first=MovingAverage(2), second=MovingAverage(3): first.next(10), second.next(1000), "
        "first.next(20), second.next(2000), first.next(30), MovingAverage(2).next(4)",
    )


@pins("errors_size")
def test_bad_sizes_raise_naming_size_and_the_value():
    for bad in (3.0, True, "3", None):
        assert_raises(TypeError, MovingAverage, bad, match="size")
    for bad in (0, -7):
        assert_raises(ValueError, MovingAverage, bad, match="size")
        assert_raises(ValueError, MovingAverage, bad, match=str(bad))
    assert_raises(TypeError, MovingAverage, 2.5, match="2.5")
    assert_returns([5.0], averages, 1, [5])


@pins("median_returns")
def test_the_median_is_a_new_list_of_floats_one_per_full_window():
    values = [4, 9, 2, 7, 5]
    result = sliding_median(values, 3)
    assert_type(result, list, "sliding_median([4, 9, 2, 7, 5], 3)")
    for median in result:
        assert_type(median, float, "each median in sliding_median([4, 9, 2, 7, 5], 3)")
    assert_returns([4.0, 7.0, 5.0], sliding_median, values, 3)
    assert_returns([4.0, 9.0, 2.0, 7.0, 5.0], sliding_median, values, 1)
    assert_returns([5.0], sliding_median, values, 5)


@pins("median_returns")
def test_fewer_values_than_w_give_an_empty_list():
    assert_returns([], sliding_median, [], 1)
    assert_returns([], sliding_median, [], 4)
    assert_returns([], sliding_median, [5, 1, 3], 4)
    assert_returns([3.0], sliding_median, [5, 1, 3], 3)


@pins("median_even")
def test_an_even_window_gives_the_mean_of_its_two_middle_values():
    assert_returns([2.5, 3.5, 4.0], sliding_median, [1, 4, 3, 2, 5, 6], 4)
    assert_returns([0.5, 1.5], sliding_median, [0, 1, 2], 2)
    big = [2**53 + 1, 2**53 + 4]  # (a + b) / 2 on ints is exact before rounding
    assert_returns([(big[0] + big[1]) / 2], sliding_median, big, 2, tol=EXACT)


@pins("median_window")
def test_repeated_values_count_and_leave_one_at_a_time():
    assert_returns([8.0, 8.0, 1.0, 1.0, 1.0], sliding_median, [8, 8, 8, 1, 1, 8, 1], 3)
    assert_returns([5.0, 5.0, 3.0, 1.0], sliding_median, [5, 5, 5, 3, 1, 1], 3)
    assert_returns([7.0, 7.0, 7.0], sliding_median, [7, 7, 7, 7, 7], 3)


@pins("median_window", "median_even")
@derandomized(max_examples=60)
@given(values=st.lists(st.integers(0, 6), max_size=30), w=st.integers(1, 8))
def test_medians_match_statistics_median_on_every_window(values, w):
    assert_returns(brute_medians(values, w), sliding_median, values, w, tol=EXACT)


@pins("errors_w")
def test_bad_windows_raise_before_values_are_read():
    for bad in (2.0, True, "2", None):
        assert_raises(TypeError, sliding_median, DURATIONS, bad, match="w")
    for bad in (0, -3):
        assert_raises(ValueError, sliding_median, DURATIONS, bad, match=str(bad))
    assert_raises(ValueError, sliding_median, [], 0, match="w")
    assert_raises(ValueError, sliding_median, [], -1, match="-1")
    assert_raises(TypeError, sliding_median, [], 1.5, match="1.5")


@pins("no_mutation")
def test_values_are_not_modified():
    # assert_returns also fails, naming the argument, if the call changed `values`
    assert_returns([3.0, 3.0, 8.0, 8.0], sliding_median, [5, 1, 3, 8, 8, 2], 3)
    assert_returns([2.5, 4.5, 4.5], sliding_median, [4, 1, 8, 1], 2)


def stream(n, seed):
    rng = random.Random(seed)
    return [rng.randint(0, 600_000) for _ in range(n)]


def feed(make, size, durations):
    moving = make(size)
    for d in durations:
        moving.next(d)


@pins("scale_calls")
def test_scale_50000_calls_on_a_small_window():
    assert_returns([1.0], averages, 3, [1])  # fail fast before the large input
    durations = workload("moving_average_50000", lambda: stream(50_000, 1))
    assert_scales(
        lambda: feed(MovingAverage, 3, durations),
        lambda: feed(ReferenceAverage, 3, durations),
        factor=10,
        what="50,000 next() calls on MovingAverage(3)",
        advice="Keep only the last `size` durations (a deque) and a running int total; "
        "never copy or rescan the history on a call.",
    )


@pins("scale_size")
def test_scale_50000_calls_on_a_window_of_20000():
    assert_returns([1.0], averages, 3, [1])
    durations = workload("moving_average_50000", lambda: stream(50_000, 1))
    assert_scales(
        lambda: feed(MovingAverage, 20_000, durations),
        lambda: feed(ReferenceAverage, 20_000, durations),
        factor=10,
        what="50,000 next() calls on MovingAverage(20_000)",
        advice="Update a running total by the new duration minus the one that leaves the "
        "window; sum(window) on every call costs O(size).",
    )


@pins("scale_n")
def test_scale_40000_values_with_a_window_of_5():
    assert_returns([1.0], sliding_median, [1], 1)
    values = workload("sliding_median_40000", lambda: stream(40_000, 2))
    assert_scales(
        lambda: sliding_median(values, 5),
        lambda: reference_medians(values, 5),
        factor=10,
        what="sliding_median of 40,000 values with w = 5",
        advice="Each step must cost O(log w): do not copy or scan `values` (or the medians "
        "so far) on every step.",
    )


@pins("scale_w")
def test_scale_20000_values_with_a_window_of_10000():
    assert_returns([1.0], sliding_median, [1], 1)
    values = workload("sliding_median_20000", lambda: stream(20_000, 3))
    assert_scales(
        lambda: sliding_median(values, 10_000),
        lambda: reference_medians(values, 10_000),
        factor=10,
        what="sliding_median of 20,000 values with w = 10,000",
        advice="Do not sort or scan each window: keep two heaps (the smaller half as a "
        "max-heap, the larger half as a min-heap) and delete lazily, by index.",
    )
