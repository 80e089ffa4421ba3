"""Hidden tests for event_streams/04_hit_counter: the `HitCounter` class."""

import tracemalloc

from hypothesis import given
from hypothesis import strategies as st

from workbook.contract import pins
from workbook.grading.asserts import assert_equal, assert_raises, assert_returns, assert_type
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales, workload

WINDOW, LATENESS = 300, 5
EXAMPLE = [
    ("hit", 1),
    ("hit", 2),
    ("hit", 2),
    ("hit", 300),
    ("count", 300),
    ("count", 301),
    ("hit", 296),
    ("hit", 295),
    ("count", 299),
    ("count", 601),
]


def replay(calls):
    """Run ("hit", ts) / ("count", ts) calls on one new HitCounter; a ValueError is an answer."""
    counter = HitCounter()
    answers = []
    for method, ts in calls:
        try:
            answers.append(getattr(counter, method)(ts))
        except ValueError:
            answers.append("ValueError")
    return answers


def brute_force(calls):
    """Keep every recorded play and recount per query: the oracle."""
    now, plays, answers = -1, [], []
    for method, ts in calls:
        if ts < now - LATENESS:
            answers.append(False if method == "hit" else "ValueError")
            continue
        now = max(now, ts)
        if method == "hit":
            plays.append(ts)
            answers.append(True)
        else:
            answers.append(sum(1 for t in plays if ts - WINDOW < t <= ts))
    return answers


class Reference:
    """A ring of 305 (second, plays) buckets: the scale test's yardstick."""

    def __init__(self):
        self.second, self.plays, self.now = [-1] * 305, [0] * 305, -1

    def hit(self, ts):
        if ts < self.now - LATENESS:
            return False
        self.now = max(self.now, ts)
        slot = ts % 305
        if self.second[slot] != ts:
            self.second[slot], self.plays[slot] = ts, 0
        self.plays[slot] += 1
        return True

    def count(self, ts):
        self.now = max(self.now, ts)
        return sum(p for s, p in zip(self.second, self.plays, strict=True) if ts - WINDOW < s <= ts)


@pins("window", "lateness", "past_queries")
def test_example_from_the_statement():
    assert_returns([True, True, True, True, 4, 3, True, False, 4, 0], replay, EXAMPLE)
    assert_returns(
        [True, True, True, True, 4, 3, True, False, 4, 0, "ValueError"],
        replay,
        [*EXAMPLE, ("count", 590)],
    )


@pins("returns")
def test_hit_returns_a_bool_and_count_an_int():
    counter = HitCounter()
    assert_type(counter.hit(10), bool, "HitCounter().hit(10)")
    assert_type(counter.hit(11), bool, "hit(11) after hit(10)")
    assert_type(counter.count(11), int, "count(11) after hit(10), hit(11)")
    assert_type(counter.hit(1), bool, "hit(1) after count(11): a dropped play")
    assert_type(HitCounter().count(0), int, "HitCounter().count(0)")
    assert_returns(
        [True, True, 2, False], replay, [("hit", 10), ("hit", 11), ("count", 11), ("hit", 1)]
    )


@pins("window")
def test_a_play_exactly_300_seconds_old_is_not_counted():
    calls = [("hit", 100), ("count", 399), ("count", 400), ("count", 401)]
    assert_returns([True, 1, 0, 0], replay, calls)
    calls = [("hit", 0), ("hit", 299), ("count", 299), ("count", 300), ("count", 598)]
    assert_returns([True, True, 2, 1, 1], replay, calls)
    assert_returns([True, 1, 0], replay, [("hit", 1000), ("count", 1299), ("count", 1300)])


@pins("duplicates")
def test_every_play_in_one_second_counts():
    calls = [("hit", 50)] * 1000 + [("hit", 51)] * 3 + [("count", 51), ("count", 349)]
    assert_returns([True] * 1003 + [1003, 1003], replay, calls)
    calls = [("hit", 7), ("hit", 9), ("hit", 7), ("hit", 5), ("hit", 7), ("count", 9)]
    assert_returns([True] * 5 + [5], replay, calls)


@pins("lateness")
def test_a_play_5_seconds_late_is_recorded_and_6_seconds_late_is_dropped():
    calls = [("hit", 100), ("hit", 95), ("hit", 94), ("hit", 99), ("count", 100)]
    assert_returns([True, True, False, True, 3], replay, calls)
    calls = [("hit", 700), ("hit", 0), ("hit", 694), ("hit", 695), ("count", 700)]
    assert_returns([True, False, False, True, 2], replay, calls)


@pins("lateness")
def test_count_moves_the_clock_forward():
    calls = [("count", 200), ("hit", 194), ("hit", 195), ("count", 200)]
    assert_returns([0, False, True, 1], replay, calls)
    calls = [("hit", 10), ("count", 20), ("hit", 14), ("hit", 15), ("count", 20)]
    assert_returns([True, 1, False, True, 2], replay, calls)


@pins("lateness")
def test_a_dropped_play_changes_nothing():
    counter = HitCounter()
    answers = [counter.hit(400), counter.hit(390), counter.hit(300), counter.count(400)]
    answers += [counter.count(395), counter.hit(395)]
    assert_equal(
        answers,
        [True, False, False, 1, 0, True],
        "hit(400), hit(390), hit(300), count(400), count(395), hit(395) on one HitCounter",
    )


@pins("past_queries")
def test_a_query_up_to_5_seconds_back_counts_plays_up_to_then():
    calls = [
        ("hit", 500),
        ("hit", 502),
        ("hit", 505),
        ("count", 500),
        ("count", 503),
        ("count", 505),
        ("count", 504),
    ]
    assert_returns([True, True, True, 1, 2, 3, 2], replay, calls)
    # the window of a past query reaches 304 s behind now
    calls = [("hit", 196), ("hit", 200), ("hit", 500), ("count", 495), ("count", 499)]
    assert_returns([True, True, True, 2, 1], replay, calls)


@pins("past_queries")
def test_a_query_more_than_5_seconds_back_raises_and_changes_nothing():
    counter = HitCounter()
    counter.hit(1000)
    assert_raises(ValueError, counter.count, 994, match="994")
    assert_raises(ValueError, counter.count, 0, match="0")
    assert_equal(
        [counter.count(995), counter.hit(995), counter.count(1000)],
        [0, True, 2],
        "count(995), hit(995), count(1000) after hit(1000) and the rejected count(994)",
    )


@pins("errors")
def test_bad_timestamps_raise_and_change_nothing():
    counter = HitCounter()
    for bad in (12.0, True, "12", None):
        assert_raises(TypeError, counter.hit, bad)
        assert_raises(TypeError, counter.count, bad)
    assert_raises(ValueError, counter.hit, -3, match="-3")
    assert_raises(ValueError, counter.count, -8, match="-8")
    assert_raises(TypeError, counter.hit, -3.5)
    assert_equal(
        [counter.hit(0), counter.count(0)],
        [True, 1],
        "hit(0), count(0) after rejected calls with 12.0, True, '12', None, -3 and -8",
    )


@pins("empty")
def test_a_new_counter_counts_zero():
    assert_returns([0], replay, [("count", 0)])
    assert_returns([0, 0], replay, [("count", 7), ("count", 10**9)])


@pins("independent")
def test_counters_do_not_share_buckets():
    first, second = HitCounter(), HitCounter()
    first.hit(10)
    first.hit(10)
    second.hit(10)
    answers = [first.count(10), second.count(10), HitCounter().count(10)]
    assert_equal(answers, [2, 1, 0], "first: hit(10) twice; second: hit(10); count(10) each")


CALL = st.tuples(
    st.sampled_from(["hit", "hit", "hit", "count"]),
    st.one_of(st.integers(0, 3), st.sampled_from([4, 5, 6, 295, 299, 300, 301, 304, 305])),
    st.integers(0, 8),
)


@pins("window", "lateness", "past_queries", "duplicates")
@derandomized(max_examples=30)
@given(steps=st.lists(CALL, max_size=40))
def test_matches_a_brute_force_recount(steps):
    cursor, calls = 0, []
    for method, advance, late in steps:
        cursor += advance
        calls.append((method, max(0, cursor - late)))
    assert_returns(brute_force(calls), replay, calls)


@pins("memory")
def test_memory_is_bounded_by_the_window_not_the_plays():
    HitCounter().hit(0)  # fail fast
    tracemalloc.start()
    try:
        counter = HitCounter()
        counter.hit(0)
        before, _ = tracemalloc.get_traced_memory()
        ts = 1_000_000  # one int object, so the plays themselves cost nothing
        for _ in range(20_000):
            counter.hit(ts)
        for second in range(ts, ts + 800):
            for _ in range(100):
                counter.hit(second)
        counter.count(ts + 799)
        after, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    grown = after - before
    assert grown < 100_000, (
        f"after 100,000 plays (20,000 in one second, then 100 a second for 800 s) the counter "
        f"holds {grown:,} bytes more than when it was empty; the limit is 100,000. Count plays "
        "per second in a fixed ring of 305 buckets instead of storing one entry per play."
    )
    assert_equal(counter.count(ts + 799), 30_000, "count(1_000_799) after those plays")


def traffic():
    return [1_000 + i // 100 for i in range(500_000)]


def drive(counter, timestamps):
    for i, ts in enumerate(timestamps):
        counter.hit(ts)
        if i % 1_000 == 999:
            counter.count(ts)


@pins("scale_events")
def test_scale_500000_plays_over_5000_seconds():
    assert_returns([True, 1], replay, [("hit", 1), ("count", 1)])  # fail fast
    timestamps = workload("hit_counter_500000", traffic)
    assert_scales(
        lambda: drive(HitCounter(), timestamps),
        lambda: drive(Reference(), timestamps),
        factor=10,
        what="500,000 hit() calls over 5,000 s with a count() every 1,000",
        advice="Make hit O(1): update one bucket (ts % 305); never scan or clean every bucket, "
        "and never store or sort every play.",
    )
