"""Hidden tests for audio_buffering/04_recently_played_cache: the `TrackCache` class."""

from collections import OrderedDict

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from workbook.contract import pins
from workbook.grading.asserts import assert_equal, assert_raises, assert_returns, assert_type
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales, workload

EXAMPLE = [
    ("put", "intro", 4_200_000),
    ("put", "outro", 2_520_000),
    ("get", "intro"),
    ("put", "remix", 3_280_000),
    ("put", "b-side", 1_000_000),
    ("get", "single"),
    ("play", "intro"),
    ("put", "live", 9_000_000),
    ("put", "demo", 5_000_000),
    ("used",),
    ("len",),
    ("stop",),
    ("put", "live", 9_000_000),
    ("put", "huge", 10_000_001),
]
EXAMPLE_ANSWERS = [[], [], True, [], ["outro"], False, True, [], ["remix", "b-side"]]
EXAMPLE_ANSWERS += [9_200_000, 2, None, ["intro", "demo"], []]


def replay(capacity_bytes, calls):
    """Run ("put", id, size), ("get", id), ("play", id), ("in", id), ("stop",), ("used",),
    ("len",) on one new TrackCache and return the answers."""
    cache = TrackCache(capacity_bytes)
    answers = []
    for name, *args in calls:
        if name == "used":
            answers.append(cache.used_bytes)
        elif name == "len":
            answers.append(len(cache))
        elif name == "in":
            answers.append(args[0] in cache)
        else:
            answers.append(getattr(cache, name)(*args))
    return answers


def brute_force(capacity_bytes, calls):
    """The oracle: sizes and a last-used tick per track; evict the unpinned minimum tick,
    re-summing every size each time."""
    sizes, last, tick, pinned, answers = {}, {}, 0, None, []
    for name, *args in calls:
        if name == "used":
            answers.append(sum(sizes.values()))
        elif name == "len":
            answers.append(len(sizes))
        elif name == "in":
            answers.append(args[0] in sizes)
        elif name == "stop":
            pinned = None
            answers.append(None)
        elif name in ("get", "play"):
            hit = args[0] in sizes
            if hit:
                tick += 1
                last[args[0]] = tick
            if name == "play":
                pinned = args[0]
            answers.append(hit)
        else:
            track, size = args
            others = {k: v for k, v in sizes.items() if k != track}
            if others.get(pinned, 0) + size > capacity_bytes:
                answers.append([])
                continue
            evicted = []
            while sum(others.values()) + size > capacity_bytes:
                victim = min((k for k in others if k != pinned), key=lambda k: last[k])
                del others[victim]
                evicted.append(victim)
            sizes = {**others, track: size}
            tick += 1
            last[track] = tick
            answers.append(evicted)
    return answers


class OrderedDictCache:
    """The scale test's yardstick: an OrderedDict LRU with one pin."""

    def __init__(self, capacity):
        self.capacity, self.sizes, self.used, self.pinned = capacity, OrderedDict(), 0, None

    def get(self, track):
        if track not in self.sizes:
            return False
        self.sizes.move_to_end(track)
        return True

    def play(self, track):
        hit = self.get(track)
        self.pinned = track
        return hit

    def put(self, track, size):
        held = self.sizes.get(self.pinned, 0) if self.pinned != track else 0
        if held + size > self.capacity:
            return []
        self.used -= self.sizes.pop(track, 0)
        evicted = []
        while self.used + size > self.capacity:
            victim = next(iter(self.sizes))
            if victim == self.pinned:
                victim = next(k for k in self.sizes if k != self.pinned)
            self.used -= self.sizes.pop(victim)
            evicted.append(victim)
        self.sizes[track] = size
        self.used += size
        return evicted


def check(capacity, calls):
    assert_returns(brute_force(capacity, calls), replay, capacity, calls)


@pins("capacity", "recency", "eviction", "pinned", "too_big")
def test_example_from_the_statement():
    assert_returns(EXAMPLE_ANSWERS, replay, 10_000_000, EXAMPLE)
    assert_returns(EXAMPLE_ANSWERS, brute_force, 10_000_000, EXAMPLE)  # the oracle agrees


@pins("returns")
def test_exact_types_of_every_answer():
    cache = TrackCache(100)
    assert_type(cache.put("a", 60), list, "TrackCache(100).put('a', 60)")
    assert_type(cache.get("a"), bool, "get('a') after put('a', 60)")
    assert_type(cache.get("zz"), bool, "get('zz'): a miss")
    assert_type(cache.play("a"), bool, "play('a'): a hit")
    assert_type(cache.play("b"), bool, "play('b'): a miss")
    assert_type(cache.used_bytes, int, "used_bytes after put('a', 60)")
    assert_type(len(cache), int, "len(cache) after put('a', 60)")
    evicted = cache.put("b", 50)
    assert_type(evicted, list, "put('b', 50) that evicts 'a'")
    assert_equal(evicted, ["a"], "put('b', 50) after put('a', 60) in a 100-byte cache")
    assert_type(evicted[0], str, "the evicted id in put('b', 50)")
    assert_equal(cache.used_bytes, 50, "used_bytes after put('a', 60), put('b', 50)")
    first, second = cache.put("c", 10), cache.put("d", 10)
    assert first is not second, "put must return a new list on every call"
    first.append("x")
    assert_equal(cache.put("e", 10), [], "put('e', 10) after appending to an earlier result")
    assert_raises(AttributeError, setattr, cache, "used_bytes", 0)
    assert_equal(cache.used_bytes, 80, "used_bytes after trying to assign it")


@pins("capacity")
def test_exactly_full_fits_and_one_byte_more_evicts():
    check(10, [("put", "a", 4), ("put", "b", 6), ("used",), ("len",)])
    assert_returns(
        [[], [], 10, 2], replay, 10, [("put", "a", 4), ("put", "b", 6), ("used",), ("len",)]
    )
    calls = [("put", "a", 4), ("put", "b", 5), ("put", "c", 1), ("put", "d", 1), ("used",)]
    assert_returns([[], [], [], ["a"], 7], replay, 10, calls)
    assert_returns([[], 7], replay, 7, [("put", "solo", 7), ("used",)])
    assert_returns([[], ["a"], 1], replay, 1, [("put", "a", 1), ("put", "b", 1), ("len",)])


@pins("capacity")
def test_bounded_by_bytes_not_by_count():
    calls = [("put", f"t{i:02d}", 2) for i in range(50)] + [("len",), ("used",)]
    assert_returns([[]] * 50 + [50, 100], replay, 100, calls)
    calls = [*calls[:50], ("put", "album", 99), ("len",), ("used",)]
    expected = [[]] * 50 + [[f"t{i:02d}" for i in range(50)], 1, 99]
    assert_returns(expected, replay, 100, calls)
    calls = [("put", "big", 4_200_000), ("put", "small", 1), ("len",), ("used",)]
    assert_returns([[], ["big"], 1, 1], replay, 4_200_000, calls)


@pins("recency")
def test_a_hit_refreshes_recency_and_a_miss_does_not():
    calls = [("put", "a", 3), ("put", "b", 3), ("put", "c", 3), ("get", "a"), ("put", "d", 3)]
    assert_returns([[], [], [], True, ["b"]], replay, 10, calls)
    calls = [("put", "a", 3), ("put", "b", 3), ("put", "c", 3), ("play", "a"), ("stop",)]
    calls += [("put", "d", 3), ("put", "e", 3)]
    assert_returns([[], [], [], True, None, ["b"], ["c"]], replay, 10, calls)
    calls = [("put", "a", 5), ("put", "b", 5), ("get", "x"), ("play", "y"), ("put", "c", 5)]
    assert_returns([[], [], False, False, ["a"]], replay, 10, calls)


@pins("recency")
def test_put_of_a_cached_track_makes_it_most_recent():
    calls = [("put", "a", 3), ("put", "b", 3), ("put", "c", 3), ("put", "a", 3), ("put", "d", 3)]
    assert_returns([[], [], [], [], ["b"]], replay, 10, calls)
    calls = [("put", "a", 3), ("put", "b", 3), ("put", "a", 2), ("put", "c", 6)]
    assert_returns([[], [], [], ["b"]], replay, 10, calls)


@pins("recency", "returns")
def test_membership_answers_without_changing_recency():
    calls = [("put", "a", 5), ("put", "b", 5), ("in", "a"), ("in", "zz"), ("put", "c", 5)]
    calls += [("in", "a"), ("in", "b"), ("in", "c")]
    assert_returns([[], [], True, False, ["a"], False, True, True], replay, 10, calls)
    cache = TrackCache(10)
    cache.put("a", 5)
    assert_type("a" in cache, bool, "'a' in cache")
    for odd in (5, None, ("a",), ["a"], {"a": 1}):
        assert_equal(odd in cache, False, f"{odd!r} in cache")


@pins("eviction")
def test_evicts_least_recent_first_and_only_as_many_as_needed():
    calls = [("put", x, 2) for x in "abcde"] + [("put", "f", 5), ("used",), ("len",)]
    assert_returns([[]] * 5 + [["a", "b", "c"], 9, 3], replay, 10, calls)
    calls = [("put", x, 2) for x in "abcde"] + [("get", "a"), ("get", "c"), ("put", "f", 9)]
    assert_returns([[]] * 5 + [True, True, ["b", "d", "e", "a"]], replay, 11, calls)
    calls = [("put", "a", 9), ("put", "b", 1), ("put", "c", 1)]
    assert_returns([[], [], ["a"]], replay, 10, calls)


@pins("update")
def test_an_update_stops_counting_the_old_size():
    calls = [("put", "a", 6), ("put", "a", 3), ("used",), ("put", "b", 7), ("len",), ("used",)]
    assert_returns([[], [], 3, [], 2, 10], replay, 10, calls)
    calls = [("put", "a", 4), ("put", "b", 3), ("put", "a", 7), ("used",), ("len",)]
    assert_returns([[], [], [], 10, 2], replay, 10, calls)


@pins("update")
def test_a_growing_track_evicts_others_never_itself():
    calls = [("put", "a", 4), ("put", "b", 3), ("put", "c", 3), ("put", "a", 8), ("used",)]
    assert_returns([[], [], [], ["b", "c"], 8], replay, 10, calls)
    calls = [("put", "a", 5), ("put", "b", 5), ("put", "a", 10), ("len",)]
    assert_returns([[], [], ["b"], 1], replay, 10, calls)
    calls = [("put", "a", 5), ("put", "a", 5), ("put", "a", 5), ("used",), ("len",)]
    assert_returns([[], [], [], 5, 1], replay, 10, calls)
    calls = [("put", "a", 5), ("put", "b", 5), ("put", "b", 5), ("used",)]
    assert_returns([[], [], [], 10], replay, 10, calls)


@pins("pinned")
def test_the_pinned_track_is_skipped_when_it_is_the_oldest():
    calls = [("put", "a", 4), ("put", "b", 3), ("put", "c", 3), ("play", "a"), ("get", "b")]
    calls += [("get", "c"), ("put", "d", 3), ("put", "e", 3)]
    assert_returns([[], [], [], True, True, True, ["b"], ["c"]], replay, 10, calls)
    # skipping the pinned track leaves it where it was: once unpinned, it is the oldest
    calls2 = [("put", "a", 4), ("play", "a"), ("put", "b", 3), ("put", "c", 3), ("put", "d", 3)]
    calls2 += [("stop",), ("put", "f", 1), ("put", "g", 4)]
    assert_returns([[], True, [], [], ["b"], None, ["a"], ["c"]], replay, 10, calls2)
    # once unpinned, the track is evicted by its recency: it is still the oldest
    calls += [("stop",), ("put", "f", 1)]
    assert_returns([[], [], [], True, True, True, ["b"], ["c"], None, ["a"]], replay, 10, calls)


@pins("pinned")
def test_play_pins_a_track_before_it_is_stored():
    calls = [("play", "a"), ("put", "a", 6), ("put", "b", 4), ("put", "c", 4), ("in", "a")]
    assert_returns([False, [], [], ["b"], True], replay, 10, calls)


@pins("pinned")
def test_a_new_play_moves_the_pin_and_stop_removes_it():
    calls = [("put", "a", 5), ("put", "b", 5), ("play", "a"), ("play", "b"), ("put", "c", 5)]
    assert_returns([[], [], True, True, ["a"]], replay, 10, calls)
    calls = [("put", "a", 5), ("play", "a"), ("stop",), ("put", "b", 10)]
    assert_returns([[], True, None, ["a"]], replay, 10, calls)
    calls = [("put", "a", 5), ("play", "a"), ("play", "nowhere"), ("put", "b", 10)]
    assert_returns([[], True, False, ["a"]], replay, 10, calls)


@pins("too_big")
def test_a_track_larger_than_the_cache_is_not_cached():
    calls = [("put", "a", 4), ("put", "b", 4), ("put", "huge", 11), ("used",), ("len",)]
    calls += [("in", "huge"), ("put", "c", 2), ("put", "d", 1)]
    assert_returns([[], [], [], 8, 2, False, [], ["a"]], replay, 10, calls)
    assert_returns([[], 0, 0], replay, 10, [("put", "huge", 11), ("used",), ("len",)])


@pins("too_big", "pinned")
def test_a_track_too_big_to_fit_beside_the_pinned_one_changes_nothing():
    calls = [("put", "a", 2), ("put", "p", 4), ("play", "p"), ("put", "x", 7), ("used",)]
    calls += [("len",), ("put", "y", 6), ("used",)]
    assert_returns([[], [], True, [], 6, 2, ["a"], 10], replay, 10, calls)
    # a cached copy keeps its old size and its recency
    calls = [("put", "a", 3), ("put", "p", 4), ("put", "b", 3), ("play", "p"), ("put", "a", 7)]
    calls += [("used",), ("put", "c", 3)]
    assert_returns([[], [], [], True, [], 10, ["a"]], replay, 10, calls)
    # the pinned track itself may grow to the whole capacity
    calls = [("put", "a", 3), ("play", "p"), ("put", "p", 4), ("put", "p", 10), ("len",)]
    assert_returns([[], False, [], ["a"], 1], replay, 10, calls)
    calls = [("play", "p"), ("put", "p", 11), ("put", "q", 3), ("used",)]
    assert_returns([False, [], [], 3], replay, 10, calls)


@pins("errors")
def test_bad_arguments_raise_and_change_nothing():
    for bad in (10.0, True, "10", None):
        assert_raises(TypeError, TrackCache, bad)
    assert_raises(ValueError, TrackCache, 0, match="0")
    assert_raises(ValueError, TrackCache, -4, match="-4")
    cache = TrackCache(10)
    cache.put("a", 4)
    cache.put("b", 4)
    for bad in (4.0, True, False, "4", None, 4.5):
        assert_raises(TypeError, cache.put, "c", bad)
    assert_raises(ValueError, cache.put, "c", 0, match="0")
    assert_raises(ValueError, cache.put, "c", -7, match="-7")
    assert_raises(ValueError, cache.put, "a", -3, match="-3")
    for bad_id in (7, None, b"a", ("a",)):
        assert_raises(TypeError, cache.put, bad_id, 4)
        assert_raises(TypeError, cache.get, bad_id)
        assert_raises(TypeError, cache.play, bad_id)
    assert_raises(TypeError, cache.put, 7, -1)  # the id is checked first
    assert_raises(TypeError, cache.put, 7, 4.0)
    assert_raises(TypeError, cache.put, "c", -1.0)  # the size's type before its value
    assert_equal(
        [cache.used_bytes, len(cache), cache.put("c", 2), cache.put("d", 1)],
        [8, 2, [], ["a"]],
        "used_bytes, len, put('c', 2), put('d', 1) after rejected calls on a cache of a:4, b:4",
    )
    cache = TrackCache(10)
    cache.put("a", 5)
    cache.play("a")
    assert_raises(TypeError, cache.play, 3)
    assert_equal(cache.put("b", 6), [], "put('b', 6) beside the pinned a:5 after play(3) failed")


@pins("empty")
def test_a_new_cache_is_empty():
    assert_returns(
        [0, 0, False, False, False],
        replay,
        10,
        [("len",), ("used",), ("get", "a"), ("in", "a"), ("play", "a")],
    )
    assert_returns([[], 10, 1], replay, 10, [("put", "a", 10), ("used",), ("len",)])


@pins("independent")
def test_caches_do_not_share_tracks():
    first, second = TrackCache(10), TrackCache(10)
    first.put("a", 6)
    second.play("b")
    answers = [second.get("a"), second.used_bytes, len(second), second.put("a", 6)]
    answers += [first.put("b", 6), first.used_bytes, TrackCache(10).used_bytes]
    assert_equal(
        answers,
        [False, 0, 0, [], ["a"], 6, 0],
        "first.put('a', 6); second.play('b'); second: get('a'), used, len, put('a', 6); "
        "first.put('b', 6), first.used_bytes; a new cache's used_bytes",
    )


IDS = st.sampled_from(["a", "b", "c", "d", "e", "é"])
CALL = st.one_of(
    st.tuples(st.just("put"), IDS, st.integers(1, 12)),
    st.tuples(st.just("put"), IDS, st.integers(1, 12)),
    st.tuples(st.sampled_from(["get", "play", "in"]), IDS),
    st.tuples(st.sampled_from(["stop", "used", "len"])),
)


@pins("capacity", "recency", "eviction", "update", "pinned", "too_big")
@derandomized(max_examples=25)
@given(capacity=st.integers(1, 20), calls=st.lists(CALL, max_size=20))
def test_matches_a_brute_force_oracle_on_random_traces(capacity, calls):
    check(capacity, calls)


def zipf_trace():
    """20,000 plays of 2,000 tracks, the k-th most popular with weight k**-0.9 (seed 2010)."""
    rng = np.random.default_rng(2010)
    weights = np.arange(1, 2_001, dtype=float) ** -0.9
    picks = rng.choice(2_000, size=20_000, p=weights / weights.sum())
    sizes = rng.integers(600_000, 9_000_000, size=2_000)  # 24-320 kbps, 200-225 s
    return [(f"track{i:04d}", int(sizes[i])) for i in picks]


def hits_and_evictions(cache, trace):
    hits, evicted = 0, 0
    for track, size in trace:
        if cache.play(track):
            hits += 1
        else:
            evicted += len(cache.put(track, size))
    return hits, evicted


@pins("capacity", "recency", "eviction", "pinned")
def test_hit_ratio_on_a_seeded_zipf_trace():
    trace = workload("recently_played_zipf", zipf_trace)
    for capacity in (50_000_000, 400_000_000):
        expected = hits_and_evictions(OrderedDictCache(capacity), trace)
        actual = hits_and_evictions(TrackCache(capacity), trace)
        assert_equal(
            actual,
            expected,
            f"(hits, evictions) replaying 20,000 Zipf(0.9) plays of 2,000 tracks (seed 2010) "
            f"through TrackCache({capacity:_}): play each track, put it on a miss",
        )
    calls = []
    for track, size in trace[:300]:
        calls += [("play", track), ("put", track, size)]
    check(20_000_000, calls)


def scale_trace():
    rng = np.random.default_rng(146)
    ops = rng.integers(0, 10, size=100_000)
    ids = rng.integers(0, 14_000, size=100_000)
    return [(int(op), f"t{i:05d}") for op, i in zip(ops, ids, strict=True)]


def size_of(track):
    return 500 + int(track[1:]) % 1_000


def drive(cache, trace):
    for op, track in trace:
        if op < 6:
            cache.get(track)
        elif op < 9:
            cache.put(track, size_of(track))
        else:
            cache.play(track)


def warm(cache):
    for i in range(10_000):
        cache.put(f"t{i:05d}", size_of(f"t{i:05d}"))
    return cache


@pins("scale")
def test_scale_100000_operations_on_10000_tracks():
    assert_returns([[], True], replay, 10, [("put", "a", 1), ("get", "a")])  # fail fast
    trace = workload("recently_played_scale", scale_trace)
    capacity = 10_000_000
    assert_scales(
        lambda: drive(warm(TrackCache(capacity)), trace),
        lambda: drive(warm(OrderedDictCache(capacity)), trace),
        factor=10,
        what="100,000 get/put/play calls on a full cache of 10,000 tracks",
        advice="Use a hash map whose order is the recency (collections.OrderedDict, or a dict "
        "plus a doubly linked list): move_to_end on a hit, pop the oldest on eviction, and keep "
        "a running total of the bytes; never scan, sort, sum or list.remove per call.",
    )
