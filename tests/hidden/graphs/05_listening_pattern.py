"""Hidden tests for graphs/05_listening_pattern: `most_common_pattern(plays)`."""

import itertools
import random
from collections import Counter, defaultdict

from hypothesis import given
from hypothesis import strategies as st

from workbook.contract import pins
from workbook.grading.asserts import assert_returns, assert_type
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales, workload

PLAYS = [
    ("ana", 1, "Intro"),
    ("ana", 2, "Halo"),
    ("ana", 3, "Outro"),
    ("bo", 4, "Intro"),
    ("bo", 5, "Crazy"),
    ("bo", 6, "Halo"),
    ("bo", 7, "Outro"),
    ("cy", 9, "Halo"),
    ("cy", 8, "Intro"),
    ("cy", 10, "Outro"),
]


def listen(user, tracks, start=0):
    """One listener's plays, one per second from `start`."""
    return [(user, start + i, track) for i, track in enumerate(tracks)]


def contains(history, pattern) -> bool:
    """Whether `pattern` is a subsequence of `history` (greedy scan)."""
    rest = iter(history)
    return all(any(track == wanted for track in rest) for wanted in pattern)


def brute_force(plays):
    """Try every pattern over the tracks seen, count the listeners containing it."""
    order = sorted(range(len(plays)), key=lambda i: (plays[i][1], i))  # stable by timestamp
    history = defaultdict(list)
    for i in order:
        history[plays[i][0]].append(plays[i][2])
    tracks = sorted({track for _, _, track in plays})
    best = None
    for pattern in itertools.product(tracks, repeat=3):  # product is in increasing tuple order
        score = sum(contains(h, pattern) for h in history.values())
        if score and (best is None or score > best[0]):
            best = (score, pattern)
    return best[1] if best else None


def reference(plays):
    history = defaultdict(list)
    for user, _, track in sorted(plays, key=lambda play: play[1]):
        history[user].append(track)
    scores = Counter()
    for tracks in history.values():
        scores.update(set(itertools.combinations(tracks, 3)))
    return min(scores, key=lambda pattern: (-scores[pattern], pattern)) if scores else None


@pins("time_order")
def test_example_from_the_statement():
    assert_returns(("Intro", "Halo", "Outro"), most_common_pattern, PLAYS)


@pins("time_order", "ties")
def test_leetcode_1152_examples_with_tracks_for_websites():
    users = ["joe"] * 3 + ["james"] * 4 + ["mary"] * 3
    sites = ["home", "about", "career", "home", "cart", "maps", "home", "home", "about", "career"]
    plays = [(u, t, s) for u, t, s in zip(users, range(1, 11), sites, strict=True)]
    assert_returns(("home", "about", "career"), most_common_pattern, plays)
    plays = listen("ua", ["a", "b", "a"], 1) + listen("ub", ["a", "b", "c"], 4)
    assert_returns(("a", "b", "a"), most_common_pattern, plays)


@pins("returns")
def test_returns_a_tuple_of_three_str():
    result = most_common_pattern(PLAYS)
    assert_type(result, tuple, "most_common_pattern(PLAYS)")
    for track in result:
        assert_type(track, str, "a track in most_common_pattern(PLAYS)")
    assert_returns(("Intro", "Halo", "Outro"), most_common_pattern, PLAYS)


@pins("time_order")
def test_plays_in_any_order_are_sorted_by_time_per_listener():
    plays = [("bo", 30, "c"), ("ana", 3, "c"), ("bo", 10, "a"), ("ana", 1, "a")]
    plays += [("bo", 20, "b"), ("ana", 2, "b"), ("cy", 5, "c"), ("cy", 6, "b"), ("cy", 7, "a")]
    assert_returns(("a", "b", "c"), most_common_pattern, plays)
    # timestamps decide, not the position in the list: a reversed list gives the same answer
    assert_returns(("a", "b", "c"), most_common_pattern, plays[::-1])


@pins("time_order")
def test_other_plays_may_come_in_between():
    plays = listen("ana", ["x", "a", "y", "b", "z", "c"]) + listen("bo", ["a", "q", "b", "c"])
    plays += listen("cy", ["a", "b", "w", "w", "c"])
    assert_returns(("a", "b", "c"), most_common_pattern, plays)


@pins("time_order")
def test_interleaved_listeners_are_grouped_by_user_id():
    # ana's and bo's plays alternate in the list and in time: each is still one listener
    plays = [("ana", 1, "p"), ("bo", 2, "p"), ("ana", 3, "q"), ("bo", 4, "q"), ("ana", 5, "r")]
    plays += [("bo", 6, "r"), *listen("cy", ["x", "y", "z"], 10)]
    assert_returns(("p", "q", "r"), most_common_pattern, plays)


@pins("equal_timestamps")
def test_equal_timestamps_keep_their_input_order():
    plays = [("ana", 7, "zed"), ("ana", 7, "mid"), ("ana", 7, "abc")]
    assert_returns(("zed", "mid", "abc"), most_common_pattern, plays)
    plays = [("bo", 2, "b"), ("ana", 1, "c"), ("ana", 1, "a"), ("ana", 0, "b"), ("bo", 1, "c")]
    plays += [("bo", 2, "a")]
    # ana: b (0), c, a (both at 1, list order); bo: c (1), b, a (both at 2, list order)
    assert_returns(("b", "c", "a"), most_common_pattern, plays)


@pins("repeats")
def test_a_pattern_may_repeat_a_track():
    plays = listen("ana", ["a", "a", "b"]) + listen("bo", ["a", "x", "a", "b"])
    plays += listen("cy", ["a", "b", "c"])
    assert_returns(("a", "a", "b"), most_common_pattern, plays)
    assert_returns(("s", "s", "s"), most_common_pattern, listen("dj", ["s", "s", "s", "s"]))


@pins("once_per_listener")
def test_a_listener_counts_once_per_pattern():
    # ana contains (a, b, c) six ways; bo and cy have (x, y, z) once each
    plays = listen("ana", ["a", "a", "b", "b", "c", "c"])
    plays += listen("bo", ["x", "y", "z"]) + listen("cy", ["x", "y", "z"])
    assert_returns(("x", "y", "z"), most_common_pattern, plays)


@pins("ties")
def test_ties_go_to_the_smallest_pattern_in_code_point_order():
    plays = listen("ana", ["t9", "t9", "t9"]) + listen("bo", ["t10", "t9", "t9"])
    assert_returns(("t10", "t9", "t9"), most_common_pattern, plays)
    plays = listen("ana", ["a", "b", "c"]) + listen("bo", ["B", "b", "c"])
    assert_returns(("B", "b", "c"), most_common_pattern, plays)


@pins("ties")
def test_a_tie_is_settled_over_all_tied_patterns_not_the_first_found():
    # (z, z, z) is found first and ties with (a, b, c), which is smaller
    plays = listen("ana", ["z", "z", "z"]) + listen("bo", ["z", "z", "z"])
    plays += listen("cy", ["a", "b", "c"]) + listen("dee", ["a", "b", "c"])
    assert_returns(("a", "b", "c"), most_common_pattern, plays)
    assert_returns(("a", "b", "c"), most_common_pattern, plays[::-1])


@pins("ties")
def test_a_higher_score_beats_a_smaller_pattern():
    plays = listen("ana", ["a", "b", "c"]) + listen("bo", ["x", "y", "z"])
    plays += listen("cy", ["x", "y", "z"])
    assert_returns(("x", "y", "z"), most_common_pattern, plays)


@pins("short_histories")
def test_listeners_with_fewer_than_three_plays_count_for_nothing():
    plays = listen("ana", ["a", "b"]) + listen("bo", ["a", "b"]) + listen("cy", ["x", "y", "z"])
    assert_returns(("x", "y", "z"), most_common_pattern, plays)


@pins("short_histories")
def test_no_listener_with_three_plays_gives_none():
    assert_returns(None, most_common_pattern, [])
    assert_returns(None, most_common_pattern, listen("ana", ["a", "b"]) + listen("bo", ["c"]))


@pins("no_mutation")
def test_plays_are_not_modified():
    plays = list(reversed(PLAYS))
    # assert_returns also fails, naming the argument, if the call changed `plays`
    assert_returns(("Intro", "Halo", "Outro"), most_common_pattern, plays)


PLAY_LISTS = st.lists(
    st.tuples(
        st.sampled_from(["ana", "Bo", "zoë"]),
        st.integers(0, 5),
        st.sampled_from(["t1", "t10", "t9", "T3"]),
    ),
    max_size=14,
)


@pins("time_order", "equal_timestamps", "repeats", "once_per_listener", "ties")
@derandomized(max_examples=80)
@given(plays=PLAY_LISTS)
def test_matches_a_brute_force_over_every_pattern(plays):
    assert_returns(brute_force(plays), most_common_pattern, plays)


def many_plays(listeners, per_listener, tracks, seed):
    """Listeners with `per_listener` plays each, Zipf-like track popularity, shuffled."""
    rng = random.Random(seed)
    names = [f"spotify:track:{k:05d}" for k in range(tracks)]
    weights = [1 / (k + 1) for k in range(tracks)]
    plays = []
    for user in range(listeners):
        ts = rng.randint(0, 10**6)
        for track in rng.choices(names, weights, k=per_listener):
            ts += rng.randint(0, 300)
            plays.append((f"user{user:05d}", ts, track))
    rng.shuffle(plays)
    return plays


@pins("scale_listeners")
def test_scale_5000_listeners_with_8_plays():
    most_common_pattern(PLAYS)  # fail fast, before building the large input
    plays = workload("pattern_5000_listeners", lambda: many_plays(5_000, 8, 2_000, 1))
    assert_scales(
        lambda: most_common_pattern(plays),
        lambda: reference(plays),
        factor=10,
        what="most_common_pattern on 5,000 listeners with 8 plays each",
        advice="Enumerate each listener's own triples once (itertools.combinations on the "
        "time-sorted history) and count them in one Counter; never check every candidate "
        "pattern against every listener.",
    )


@pins("scale_history")
def test_scale_100_listeners_with_30_plays():
    most_common_pattern(PLAYS)
    plays = workload("pattern_30_plays", lambda: many_plays(100, 30, 500, 2))
    assert_scales(
        lambda: most_common_pattern(plays),
        lambda: reference(plays),
        factor=10,
        what="most_common_pattern on 100 listeners with 30 plays each",
        advice="Deduplicate a listener's triples with set(...): `if t not in seen` on a list "
        "scans the list at every triple.",
    )
