"""Hidden tests for cold_start/05_cooccurrence_continuation: sparse co-occurrence counts,
continuation by summed co-occurrence with a popularity fallback, and a leak-free split."""

import copy
import random
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from workbook.contract import pins
from workbook.grading.asserts import assert_equal, assert_raises, assert_returns, fail_if
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales, workload

PLAYLISTS = [["a", "b", "c"], ["a", "b"], ["b", "c", "d", "c"], ["e"]]
POPULARITY = {"a": 2, "b": 3, "c": 2, "d": 1, "e": 1}


def plain(counts):
    """Nested plain dicts without zero or empty entries."""
    return {a: {b: n for b, n in c.items() if n} for a, c in counts.items() if any(c.values())}


def counts_of(playlists):
    return plain(cooccurrence(playlists))


def oracle_counts(playlists):
    """Brute force over every pair of tracks: in how many playlists do both appear?"""
    tracks = sorted({t for p in playlists for t in p})
    out = {}
    for a in tracks:
        for b in tracks:
            if a != b:
                n = sum(1 for p in playlists if a in p and b in p)
                if n:
                    out.setdefault(a, {})[b] = n
    return out


def oracle_continue(seeds, playlists, popularity, k):
    counts = oracle_counts(playlists)
    seed_set = set(seeds)
    tracks = {t for p in playlists for t in p} | set(popularity)
    score = {
        t: sum(counts.get(s, {}).get(t, 0) for s in seed_set) for t in tracks if t not in seed_set
    }
    first = sorted(
        (t for t in score if score[t] > 0), key=lambda t: (-score[t], -popularity.get(t, 0), t)
    )[:k]
    rest = sorted(
        (t for t in popularity if t not in seed_set and t not in first),
        key=lambda t: (-popularity[t], t),
    )
    return first + rest[: max(0, k - len(first))]


def continued(seeds, playlists, popularity, k):
    return continue_playlist(seeds, cooccurrence(playlists), popularity, k)


# --- cooccurrence ------------------------------------------------------------------------------


@pins("counting")
def test_counts_of_the_statement_example():
    expected = {
        "a": {"b": 2, "c": 1},
        "b": {"a": 2, "c": 2, "d": 1},
        "c": {"a": 1, "b": 2, "d": 1},
        "d": {"b": 1, "c": 1},
    }
    assert_returns(expected, counts_of, PLAYLISTS)


@pins("counting")
def test_counts_are_counters_per_track():
    counts = cooccurrence(PLAYLISTS)
    assert_equal(type(counts).__name__, "dict", "type(cooccurrence(...))")
    assert_equal(type(counts["b"]).__name__, "Counter", "type(cooccurrence(...)['b'])")


@pins("counting")
@derandomized(max_examples=80)
@given(st.lists(st.lists(st.sampled_from(["a", "b", "c", "d", "e", "É"]), max_size=6), max_size=8))
def test_counts_equal_a_brute_force_over_pairs(playlists):
    assert_returns(oracle_counts(playlists), counts_of, playlists)


# --- continue_playlist -----------------------------------------------------------------------


@pins("scoring", "ranking", "fallback", "returns")
def test_continue_the_statement_examples():
    counts = cooccurrence(PLAYLISTS)
    assert_returns(["b", "c", "d", "e"], continue_playlist, ["a"], counts, POPULARITY, 4)
    assert_returns(["b", "a"], continue_playlist, ["c", "d"], counts, POPULARITY, 2)


@pins("scoring")
def test_unknown_and_repeated_seeds():
    counts = cooccurrence(PLAYLISTS)
    assert_returns(["b", "a"], continue_playlist, ["zzz"], counts, POPULARITY, 2)
    assert_returns(
        ["b", "c", "d", "e"], continue_playlist, ["a", "a", "zzz"], counts, POPULARITY, 4
    )
    # a repeated seed counts once: y (2 with s2) beats x (1 with s1), whatever x's popularity
    playlists = [["s1", "x"], ["s2", "y"], ["s2", "y"], ["x"], ["x"]]
    popularity = {"s1": 1, "s2": 2, "x": 3, "y": 2}
    assert_returns(["y", "x"], continued, ["s1", "s1", "s2"], playlists, popularity, 2)
    # scores add up over seeds: t (1 + 1) ties u (2), and t wins on its id
    playlists = [["s1", "t"], ["s2", "t"], ["s1", "u"], ["s1", "u"]]
    popularity = {"s1": 3, "s2": 1, "t": 2, "u": 2}
    assert_returns(["t", "u"], continued, ["s1", "s2"], playlists, popularity, 2)


@pins("ranking")
def test_seeds_never_come_back_and_ties_go_to_popularity_then_id():
    playlists = [["s", "x", "y"], ["s", "y", "x"], ["s", "Z"], ["s", "Z"], ["x", "q"], ["Z", "q"]]
    popularity = {"s": 4, "x": 3, "y": 2, "Z": 3, "q": 2}
    # x, y and Z each co-occur twice with s; x and Z have popularity 3: "Z" < "x" in str order
    assert_returns(["Z", "x", "y"], continued, ["s"], playlists, popularity, 3)
    assert_returns(["Z", "x", "y", "q"], continued, ["s"], playlists, popularity, 9)


@pins("fallback")
def test_fallback_skips_seeds_and_chosen_tracks():
    playlists = [["a", "b"], ["c"], ["c", "d"], ["d"]]
    popularity = {"a": 1, "b": 1, "c": 2, "d": 2, "z": 5}
    assert_returns(["b", "z", "c", "d"], continued, ["a"], playlists, popularity, 4)
    assert_returns(["z", "c", "d", "b"], continued, ["a", "nothing"], [["q"]], popularity, 4)


@pins("scoring", "ranking", "fallback")
@derandomized(max_examples=80)
@given(
    st.lists(
        st.lists(st.sampled_from(["a", "b", "c", "d", "e", "f"]), min_size=1, max_size=5),
        max_size=8,
    ),
    st.lists(st.sampled_from(["a", "b", "c", "x"]), max_size=3),
    st.integers(0, 8),
)
def test_continue_equals_a_brute_force(playlists, seeds, k):
    popularity = dict(Counter(t for p in playlists for t in set(p)))
    assert_returns(
        oracle_continue(seeds, playlists, popularity, k), continued, seeds, playlists, popularity, k
    )


@pins("returns")
def test_k_zero_and_no_mutation():
    counts = cooccurrence(PLAYLISTS)
    before = copy.deepcopy(counts)
    assert_returns([], continue_playlist, ["a"], counts, dict(POPULARITY), 0)
    assert_returns(["b", "c"], continue_playlist, ["a"], counts, dict(POPULARITY), 2)
    assert_equal(counts, before, "counts after continue_playlist")
    assert_returns(oracle_counts(PLAYLISTS), counts_of, copy.deepcopy(PLAYLISTS))


# --- holdout_split ----------------------------------------------------------------------------


def split_oracle(playlists, n_test, seed, n_seeds=5):
    eligible = [i for i, p in enumerate(playlists) if len(set(p)) > n_seeds]
    chosen = random.Random(seed).sample(eligible, n_test)
    train = [p for i, p in enumerate(playlists) if i not in chosen]
    test = []
    for i in chosen:
        distinct = list(dict.fromkeys(playlists[i]))
        test.append((distinct[:n_seeds], set(distinct[n_seeds:])))
    return train, test


@pins("split")
def test_split_of_the_statement_example():
    assert_returns(
        ([["d"]], [(["a", "b"], {"c"})]), holdout_split, [["a", "b", "a", "c"], ["d"]], 1, 0, 2
    )


@pins("split", "leakage")
def test_split_equals_the_rule_on_many_playlists():
    rng = random.Random(4)
    playlists = [[f"t{rng.randrange(30)}" for _ in range(rng.randrange(1, 12))] for _ in range(60)]
    for seed in (0, 1, 2):
        assert_returns(split_oracle(playlists, 10, seed), holdout_split, playlists, 10, seed)
    assert_returns(split_oracle(playlists, 5, 3, 2), holdout_split, playlists, 5, 3, 2)


@pins("leakage")
def test_test_playlists_are_not_in_train_even_when_duplicated_elsewhere():
    playlists = [["a", "b", "c", "d", "e", "f"], ["g", "h", "i", "j", "k", "l"], ["x"]]
    train, test = holdout_split(playlists, 1, 7)
    seeds, held = test[0]
    leaked = [p for p in train if set(seeds) <= set(p) and held & set(p)]
    fail_if(
        leaked and "a test playlist is also in train",
        holdout_split,
        (playlists, 1, 7),
        "train without it",
        str(train),
    )
    assert_equal(len(train), 2, "len(train)")


@pins("errors")
def test_invalid_arguments_raise():
    counts = cooccurrence(PLAYLISTS)
    assert_raises(ValueError, continue_playlist, ["a"], counts, POPULARITY, -2, match="-2")
    assert_raises(ValueError, holdout_split, PLAYLISTS, 1, 0, 0, match="0")
    assert_raises(ValueError, holdout_split, PLAYLISTS, 3, 0, 2, match="3")  # two are eligible
    assert_raises(ValueError, holdout_split, PLAYLISTS, -1, 0, match="-1")


# --- scale ----------------------------------------------------------------------------------


@pins("scale")
def test_scale_40000_playlists_of_5_tracks():
    from itertools import permutations

    rng = random.Random(8)
    playlists = workload(
        "40,000 playlists",
        lambda: [[f"t{rng.randrange(200_000)}" for _ in range(5)] for _ in range(40_000)],
    )

    def reference():
        counts = {}
        for p in playlists:
            for a, b in permutations(set(p), 2):
                counts.setdefault(a, Counter())[b] += 1
        return counts

    assert_scales(
        lambda: cooccurrence(playlists),
        reference,
        factor=5,
        what="cooccurrence of 40,000 playlists of 5 tracks",
        advice="Count only the pairs that occur, playlist by playlist (a dict of Counters); "
        "never allocate a tracks-by-tracks matrix or rescan the playlists for each pair.",
    )
