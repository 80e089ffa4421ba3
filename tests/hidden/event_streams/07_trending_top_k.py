"""Hidden tests for event_streams/07_trending_top_k: `SpaceSaving` and `CountMin`."""

import hashlib
import itertools
import math
import random
import tracemalloc
from collections import Counter, OrderedDict

from hypothesis import given
from hypothesis import strategies as st

from workbook.contract import pins
from workbook.grading.asserts import assert_equal, assert_raises, assert_returns, assert_type
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales, workload

DOCS_RS_STREAM = ["1", "3", "2", "1", "3", "4", "3", "1", "2", "1"]


def row_hash(item, row):
    digest = hashlib.blake2b(
        item.encode("utf-8"), digest_size=8, salt=row.to_bytes(16, "little")
    ).digest()
    return int.from_bytes(digest, "little")


def summarise(k, stream):
    """Feed `stream` to a new SpaceSaving(k) and return its top()."""
    summary = SpaceSaving(k)
    for item in stream:
        summary.add(item)
    return summary.top()


def estimates(epsilon, delta, stream, queries):
    """Feed `stream` to a new CountMin(epsilon, delta); return its estimates for `queries`."""
    counts = CountMin(epsilon, delta)
    for item in stream:
        counts.add(item)
    return [counts.estimate(q) for q in queries]


def brute_space_saving(k, stream):
    """Space-Saving by the letter: the victim is the least (count, time of last increment)."""
    count, error, touched = {}, {}, {}
    for step, item in enumerate(stream):
        if item not in count and len(count) == k:
            victim = min(count, key=lambda x: (count[x], touched[x]))
            smallest = count.pop(victim)
            del error[victim], touched[victim]
            count[item], error[item] = smallest, smallest
        elif item not in count:
            count[item], error[item] = 0, 0
        count[item] += 1
        touched[item] = step
    return sorted(((x, c, error[x]) for x, c in count.items()), key=lambda e: (-e[1], e[0]))


def brute_count_min(epsilon, delta, stream, queries):
    """The standard Count-Min table, cell by cell."""
    width, depth = math.ceil(math.e / epsilon), math.ceil(math.log(1 / delta))
    table = [[0] * width for _ in range(depth)]
    for item in stream:
        for row in range(depth):
            table[row][row_hash(item, row) % width] += 1
    return [min(table[r][row_hash(q, r) % width] for r in range(depth)) for q in queries]


def zipf_stream(seed, length, tracks, exponent=1.1):
    """`length` plays of `tracks` track ids, Zipf-distributed, from a seeded generator."""
    names = [f"track:{i:06d}" for i in range(tracks)]
    weights = list(itertools.accumulate(1 / (i**exponent) for i in range(1, tracks + 1)))
    return random.Random(seed).choices(names, cum_weights=weights, k=length)


def long_tail_stream(seed, length):
    """30 % of plays from a Zipf head of 1,000 tracks, 70 % from a uniform tail of 10^6."""
    rng = random.Random(seed)
    head = zipf_stream(seed, length, 1_000)
    return [h if rng.random() < 0.3 else f"tail:{rng.randrange(10**6):07d}" for h in head]


class Reference:
    """O(1) Space-Saving (buckets of equal counts): the scale test's yardstick."""

    def __init__(self, k):
        self.k, self.count, self.error, self.buckets, self.min = k, {}, {}, {}, 0

    def add(self, item):
        if item in self.count:
            self.move(item, self.count[item])
        elif len(self.count) < self.k:
            self.count[item], self.error[item] = 1, 0
            self.buckets.setdefault(1, OrderedDict())[item] = None
            self.min = 1
        else:
            smallest = self.min
            victim, _ = self.buckets[smallest].popitem(last=False)
            del self.count[victim], self.error[victim]
            self.count[item], self.error[item] = smallest, smallest
            self.buckets[smallest][item] = None
            self.move(item, smallest)

    def move(self, item, c):
        bucket = self.buckets[c]
        del bucket[item]
        if not bucket:
            del self.buckets[c]
            if self.min == c:
                self.min = c + 1
        self.count[item] = c + 1
        self.buckets.setdefault(c + 1, OrderedDict())[item] = None


@pins("top_returns", "replacement")
def test_example_from_the_statement():
    assert_returns([("1", 4, 0), ("2", 3, 2), ("3", 3, 0)], summarise, 3, DOCS_RS_STREAM)
    assert_returns([("c", 2, 1), ("a", 1, 0)], summarise, 2, ["b", "a", "c"])


@pins("top_returns")
def test_top_is_a_list_of_str_int_int_tuples_by_count_then_item():
    summary = SpaceSaving(4)
    for item in ["zeta", "alpha", "zeta", "mid", "alpha", "beta"]:
        summary.add(item)
    result = summary.top()
    assert_type(result, list, "top() after 6 adds")
    for entry in result:
        assert_type(entry, tuple, "an entry of top()")
        assert_equal(len(entry), 3, f"len({entry!r}), an entry of top()")
        assert_type(entry[0], str, f"the item of {entry!r}")
        assert_type(entry[1], int, f"the count of {entry!r}")
        assert_type(entry[2], int, f"the error of {entry!r}")
    expected = [("alpha", 2, 0), ("zeta", 2, 0), ("beta", 1, 0), ("mid", 1, 0)]
    assert_equal(result, expected, "top() after zeta, alpha, zeta, mid, alpha, beta with k=4")
    assert_returns([("ärtist", 1, 0), ("北京", 1, 0)], summarise, 5, ["北京", "ärtist"])
    assert_returns([], summarise, 5, [])
    assert_returns([("x", 3, 0)], summarise, 1, ["x", "x", "x"])


@pins("top_returns")
def test_top_returns_a_new_list_each_time():
    summary = SpaceSaving(2)
    summary.add("a")
    first = summary.top()
    first.append(("junk", 9, 9))
    summary.add("b")
    assert_equal(
        summary.top(), [("a", 1, 0), ("b", 1, 0)], "top() after the caller changed a previous top()"
    )


@pins("replacement")
def test_ties_evict_the_item_that_reached_the_smallest_count_first():
    assert_returns([("c", 3, 2), ("b", 2, 0)], summarise, 2, ["a", "b", "a", "b", "c"])
    assert_returns([("c", 3, 2), ("a", 2, 0)], summarise, 2, ["b", "a", "b", "a", "c"])
    # an item that comes back after eviction starts again from the minimum
    assert_returns([("b", 2, 0), ("c", 2, 1)], summarise, 2, ["a", "b", "c", "b"])
    assert_returns([("a", 2, 1), ("c", 2, 1)], summarise, 2, ["a", "b", "c", "a"])


@pins("replacement")
@derandomized(max_examples=50)
@given(
    k=st.integers(1, 4),
    stream=st.lists(st.sampled_from(["a", "b", "c", "d", "e", "f"]), max_size=30),
)
def test_matches_space_saving_by_the_letter(k, stream):
    assert_returns(brute_space_saving(k, stream), summarise, k, stream)


@pins("guarantee")
def test_heavy_tracks_are_reported_and_counts_bracket_the_truth():
    for seed, k in ((1, 20), (2, 50), (3, 7)):
        stream = workload(f"zipf_{seed}_20000", lambda seed=seed: zipf_stream(seed, 20_000, 2_000))
        truth, n = Counter(stream), len(stream)
        reported = {item: (count, error) for item, count, error in summarise(k, stream)}
        for item, true in truth.items():
            if true * k > n:
                assert item in reported, (
                    f"SpaceSaving({k}) after {n} plays of a seeded Zipf stream does not report "
                    f"{item!r}, played {true} times > N/k = {n / k:.1f}"
                )
        for item, (count, error) in reported.items():
            true = truth[item]
            assert count - error <= true <= count and error * k <= n, (
                f"SpaceSaving({k}) after {n} plays reports {item!r} with count {count}, error "
                f"{error}; its true count is {true}: needs count - error <= true <= count and "
                f"error <= N/k = {n / k:.1f}"
            )


@pins("dimensions")
def test_width_and_depth_follow_epsilon_and_delta():
    for epsilon, delta, width, depth in (
        (0.001, 0.01, 2719, 5),
        (0.01, 0.01, 272, 5),
        (0.0001, 0.001, 27183, 7),
        (0.5, 0.5, 6, 1),
        (0.3, 0.2, 10, 2),
    ):
        sketch = CountMin(epsilon, delta)
        assert_type(sketch.width, int, f"CountMin({epsilon}, {delta}).width")
        assert_type(sketch.depth, int, f"CountMin({epsilon}, {delta}).depth")
        assert_equal(
            (sketch.width, sketch.depth),
            (width, depth),
            f"(width, depth) of CountMin({epsilon}, {delta})",
        )


@pins("hashing", "estimate")
def test_example_estimates_and_types():
    sketch = CountMin(0.001, 0.01)
    for item in DOCS_RS_STREAM:
        sketch.add(item)
    assert_type(sketch.estimate("1"), int, "estimate('1') after the docs.rs stream")
    assert_returns(
        [4, 3, 2, 1, 0], estimates, 0.001, 0.01, DOCS_RS_STREAM, ["1", "3", "2", "4", "5"]
    )
    assert_returns([0, 0], estimates, 0.01, 0.1, [], ["a", ""])


@pins("hashing")
def test_collisions_match_the_pinned_hash_exactly():
    stream = workload("zipf_4_3000", lambda: zipf_stream(4, 3_000, 1_500))
    queries = [*sorted(set(stream))[:300], "never played", "track:999999"]
    # width 28, depth 2: many collisions, so every estimate depends on the columns chosen
    assert_returns(brute_count_min(0.1, 0.2, stream, queries), estimates, 0.1, 0.2, stream, queries)


@pins("estimate")
def test_never_undercounts_and_overcounts_by_at_most_epsilon_n_mostly():
    for seed, exponent, epsilon, delta in (
        (5, 1.1, 0.001, 0.01),
        (7, 0, 0.001, 0.01),
    ):
        stream = workload(
            f"zipf_{seed}_{exponent}_15000",
            lambda seed=seed, exponent=exponent: zipf_stream(seed, 15_000, 5_000, exponent),
        )
        truth, n = Counter(stream), len(stream)
        items = sorted(truth)
        got = estimates(epsilon, delta, stream, items)
        within = 0
        for item, estimate in zip(items, got, strict=True):
            assert estimate >= truth[item], (
                f"CountMin({epsilon}, {delta}) after {n} plays estimates {item!r} at {estimate}; "
                f"it was played {truth[item]} times. Count-Min never undercounts."
            )
            within += estimate - truth[item] <= epsilon * n
        assert within >= (1 - delta) * len(items), (
            f"CountMin({epsilon}, {delta}) after {n} plays: only {within} of {len(items)} "
            f"tracks are within epsilon * N = {epsilon * n:g} of their true count; at least "
            f"{(1 - delta) * len(items):.0f} must be"
        )


@pins("errors")
def test_invalid_k_raises():
    for bad in (3.0, True, "3", None):
        assert_raises(TypeError, SpaceSaving, bad)
    assert_raises(ValueError, SpaceSaving, 0, match="0")
    assert_raises(ValueError, SpaceSaving, -4, match="-4")
    assert_returns([("a", 1, 0)], summarise, 1, ["a"])


@pins("errors")
def test_invalid_epsilon_or_delta_raises_naming_it():
    for bad in (0, 1, 0.0, 1.0, -0.1, 1.5, math.inf, math.nan):
        assert_raises(ValueError, CountMin, bad, 0.01, match="epsilon")
        assert_raises(ValueError, CountMin, 0.01, bad, match="delta")
    assert_raises(ValueError, CountMin, 0, 0, match="epsilon")
    assert_raises(ValueError, CountMin, 2.0, -1.0, match="epsilon")


@pins("independent")
def test_instances_do_not_share_counters():
    first, second = SpaceSaving(3), SpaceSaving(3)
    first.add("a")
    first.add("a")
    second.add("b")
    assert_equal(
        [first.top(), second.top(), SpaceSaving(3).top()],
        [[("a", 2, 0)], [("b", 1, 0)], []],
        "top() of: first after add('a') twice; second after add('b'); a new SpaceSaving(3)",
    )
    one, two = CountMin(0.01, 0.01), CountMin(0.01, 0.01)
    one.add("a")
    one.add("a")
    two.add("a")
    assert_equal(
        [one.estimate("a"), two.estimate("a"), CountMin(0.01, 0.01).estimate("a")],
        [2, 1, 0],
        "estimate('a') of: one after add('a') twice; two after add('a'); a new CountMin(0.01, 0.01)",
    )


@pins("memory")
def test_memory_depends_on_k_not_on_the_stream():
    assert_returns([("a", 1, 0)], summarise, 1, ["a"])  # fail fast
    names = workload("distinct_50000", lambda: [f"track:{i:06d}" for i in range(50_000)])
    tracemalloc.start()
    try:
        summary = SpaceSaving(100)
        summary.add(names[0])
        before, _ = tracemalloc.get_traced_memory()
        for name in names:
            summary.add(name)
        after, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    grown = after - before
    assert grown < 100_000, (
        f"after 50,000 distinct tracks SpaceSaving(100) holds {grown:,} bytes more than after "
        "its first add; the limit is 100,000. Keep k counters only: an evicted track is forgotten."
    )
    assert_equal(len(summary.top()), 100, "len(top()) of SpaceSaving(100) after 50,000 tracks")


def drive(summary, stream):
    for item in stream:
        summary.add(item)


@pins("scale_k")
def test_scale_50000_adds_with_k_10000():
    assert_returns([("a", 1, 0)], summarise, 1, ["a"])  # fail fast
    stream = workload("long_tail_50000", lambda: long_tail_stream(11, 50_000))
    assert_scales(
        lambda: drive(SpaceSaving(10_000), stream),
        lambda: drive(Reference(10_000), stream),
        factor=10,
        what="50,000 adds (70 % from a long tail of 10^6 tracks) into SpaceSaving(10_000)",
        advice="Find the smallest counter in O(1) or O(log k): group items in buckets by count "
        "(or keep an indexed heap); never scan the k counters on an add.",
    )
