"""Hidden tests for audio_buffering/08_shuffle: the 2014 spread shuffle and the 2025
Fewer Repeats shuffle."""

import itertools
import random

from hypothesis import given
from hypothesis import strategies as st

from workbook.contract import pins
from workbook.grading.asserts import assert_equal, assert_raises, assert_returns, fail_if
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales, workload

JITTER = 0.1
TRACKS = [("t1", "A"), ("t2", "A"), ("t3", "A"), ("t4", "B"), ("t5", "C"), ("t6", "C")]
TEN = [(f"t{i}", "A") for i in range(10)]
# artists of 1..7 tracks, interleaved in the input
MIXED = [(f"{a}{k}", a) for k in range(7) for a in "ABCDEFG"[: 7 - k]]


# --- oracles ------------------------------------------------------------------------------


def penalty_oracle(order, recent):
    """The contract's penalty, written from its sentence."""
    total = 0
    for i, track_id in enumerate(order):
        if track_id in recent:
            total += (len(order) - i) * (len(recent) - recent.index(track_id))
    return total


def fewer_repeats_oracle(tracks, recent, seed, candidates=10):
    """Candidates from one random.Random(seed), each a shuffle of the ids in input order."""
    rng = random.Random(seed)
    ids = [t for t, _ in tracks]
    scored = []
    for n in range(candidates):
        order = list(ids)
        rng.shuffle(order)
        scored.append((penalty_oracle(order, recent), n, order))
    return min(scored)[2] if scored else []


def artist_places(tracks, positions):
    """Each artist's positions, sorted."""
    places = {}
    for track_id, artist in tracks:
        places.setdefault(artist, []).append(positions[track_id])
    return {artist: sorted(p) for artist, p in places.items()}


def spacing_problem(tracks, positions):
    """None, or how an artist's positions break the spacing rule."""
    for artist, places in artist_places(tracks, positions).items():
        n = len(places)
        if not -JITTER / n - 1e-9 <= places[0] < (1 + JITTER) / n + 1e-9:
            return (
                f"artist {artist!r} ({n} tracks) starts at {places[0]:.4f}, outside [-0.1/n, 1.1/n)"
            )
        for a, b in itertools.pairwise(places):
            if not (1 - 2 * JITTER) / n - 1e-9 <= b - a <= (1 + 2 * JITTER) / n + 1e-9:
                return (
                    f"artist {artist!r} ({n} tracks) has consecutive positions {a:.4f} and "
                    f"{b:.4f}: {b - a:.4f} apart, outside [0.8/n, 1.2/n] = "
                    f"[{0.8 / n:.4f}, {1.2 / n:.4f}]"
                )
    return None


class FlatRng(random.Random):
    """A Random whose draws are all mid-range and whose shuffle keeps the order."""

    def random(self):
        return 0.5

    def shuffle(self, x):
        return None


def smallest_gap(order, artist_of):
    last, best = {}, len(order)
    for i, track_id in enumerate(order):
        artist = artist_of[track_id]
        if artist in last:
            best = min(best, i - last[artist])
        last[artist] = i
    return best


# --- spread_positions ---------------------------------------------------------------------


@pins("positions_rule")
def test_positions_are_a_float_per_track():
    positions = spread_positions(TRACKS, random.Random(1))
    assert_equal(type(positions).__name__, "dict", "type(spread_positions(TRACKS, Random(1)))")
    assert_equal(sorted(positions), ["t1", "t2", "t3", "t4", "t5", "t6"], "sorted(keys)")
    assert_equal(
        sorted({type(v).__name__ for v in positions.values()}), ["float"], "types of the positions"
    )


@pins("positions_rule")
def test_each_artist_is_spaced_0_8_to_1_2_over_n_from_a_start_below_1_1_over_n():
    for seed in range(150):
        positions = spread_positions(MIXED, random.Random(seed))
        fail_if(
            spacing_problem(MIXED, positions),
            spread_positions,
            (MIXED, f"random.Random({seed})"),
            "every artist's positions k/n + offset + jitter",
            str(artist_places(MIXED, positions)),
        )


@pins("positions_rule")
def test_offsets_and_jitter_use_their_whole_range():
    firsts, gaps = [], []
    for seed in range(400):
        places = artist_places(MIXED, spread_positions(MIXED, random.Random(seed)))
        n = len(places["A"])
        firsts.append(places["A"][0] * n)  # in units of A's spacing 1/7
        gaps += [(b - a) * n for a, b in itertools.pairwise(places["A"])]
    summary = (
        f"first position of a 7-track artist: min {min(firsts):.3f}, max {max(firsts):.3f} "
        f"(in units of 1/n); gaps: min {min(gaps):.3f}, max {max(gaps):.3f}"
    )
    wide = min(firsts) < 0.05 and max(firsts) > 0.95 and min(gaps) < 0.85 and max(gaps) > 1.15
    fail_if(
        None if wide else "offsets or jitter do not cover their ranges",
        spread_positions,
        (MIXED, "random.Random(seed) for 400 seeds"),
        "first positions across [-0.1, 1.1) x 1/n, gaps across [0.8, 1.2] x 1/n",
        summary,
    )


@pins("positions_random")
def test_the_same_seed_gives_the_same_positions_and_another_seed_others():
    assert_equal(
        spread_positions(MIXED, random.Random(5)),
        spread_positions(MIXED, random.Random(5)),
        "spread_positions(MIXED, Random(5)) twice",
    )
    same = spread_positions(MIXED, random.Random(5)) == spread_positions(MIXED, random.Random(6))
    fail_if(
        same and "seeds 5 and 6 gave identical positions",
        spread_positions,
        (MIXED,),
        "different",
        "same",
    )


@pins("positions_random")
def test_every_track_of_an_artist_comes_first_about_a_third_of_the_time():
    firsts = {"t1": 0, "t2": 0, "t3": 0}
    for seed in range(600):
        positions = spread_positions(TRACKS, random.Random(seed))
        firsts[min(firsts, key=positions.__getitem__)] += 1
    fair = all(140 <= count <= 260 for count in firsts.values())
    fail_if(
        None if fair else "an artist's tracks are not put in a random order",
        spread_positions,
        (TRACKS, "random.Random(seed) for 600 seeds"),
        "each of t1, t2, t3 first about 200 times",
        str(firsts),
    )


# --- spread_shuffle -----------------------------------------------------------------------


@pins("spread_order", "returns")
def test_spread_shuffle_sorts_by_the_positions_of_the_same_rng():
    for seed in range(20):
        positions = spread_positions(MIXED, random.Random(seed))
        expected = sorted((t for t, _ in MIXED), key=positions.__getitem__)
        assert_returns(expected, lambda s: spread_shuffle(MIXED, random.Random(s)), seed)


@pins("spread_order")
def test_equal_positions_keep_input_order():
    tracks = [("z1", "A"), ("b1", "B"), ("z2", "A"), ("b2", "B"), ("m1", "M")]
    # FlatRng: offset 0.5/n, no jitter, no shuffle: A and B both at 0.25 and 0.75, M at 0.5
    assert_returns(["z1", "b1", "m1", "z2", "b2"], lambda: spread_shuffle(tracks, FlatRng()))


@pins("spread_effect")
def test_spreading_beats_fisher_yates_on_the_smallest_same_artist_gap():
    playlist = [(f"x{i}", "dominant") for i in range(10)] + [
        (f"o{i}", f"a{i % 15}") for i in range(30)
    ]
    artist_of = dict(playlist)
    fisher_yates = spread = 0
    for seed in range(200):
        ids = [t for t, _ in playlist]
        random.Random(seed).shuffle(ids)
        fisher_yates += smallest_gap(ids, artist_of)
        spread += smallest_gap(spread_shuffle(playlist, random.Random(seed)), artist_of)
    fail_if(
        None if spread >= 1.5 * fisher_yates else "spreading does not separate same-artist songs",
        spread_shuffle,
        (playlist, "random.Random(seed) for 200 seeds"),
        f"a mean smallest gap well above Fisher-Yates's {fisher_yates / 200:.2f}",
        f"{spread / 200:.2f}",
    )


# --- freshness_penalty --------------------------------------------------------------------


@pins("penalty_rule")
def test_penalty_of_the_statement_examples():
    assert_returns(5, freshness_penalty, ["t1", "t2", "t3"], ["t3", "t1"])
    assert_returns(6, freshness_penalty, ["t1", "t2", "t3"], ["t3", "t3", "t1"])
    assert_returns(0, freshness_penalty, [], ["t1"])
    assert_returns(0, freshness_penalty, ["t1"], [])


@pins("penalty_rule")
def test_recent_ids_missing_from_the_order_still_count_in_its_length():
    # t2 at i = 1, r = 1: (2 - 1) * (3 - 1) = 2
    assert_returns(2, freshness_penalty, ["t1", "t2"], ["gone", "t2", "also_gone"])


@pins("penalty_rule")
def test_the_penalty_is_lowest_with_recent_tracks_last_most_recent_at_the_end():
    ids = ["a", "b", "c", "d", "e", "f"]
    recent = ["c", "f", "a"]
    best = min(itertools.permutations(ids), key=lambda o: (freshness_penalty(list(o), recent), o))
    assert_equal(
        list(best[-3:]), ["a", "f", "c"], "the last three of the order minimizing freshness_penalty"
    )


@pins("penalty_rule")
@derandomized(max_examples=60)
@given(
    st.permutations([f"t{i}" for i in range(8)]),
    st.lists(st.sampled_from([f"t{i}" for i in range(12)]), max_size=10),
)
def test_penalty_equals_the_formula_on_random_orders(order, recent):
    assert_returns(penalty_oracle(order, recent), freshness_penalty, order, recent)


# --- fewer_repeats_shuffle ----------------------------------------------------------------


@pins("candidates_rule", "returns")
def test_one_candidate_is_the_standard_shuffle():
    expected = ["t7", "t3", "t2", "t8", "t5", "t6", "t9", "t4", "t0", "t1"]
    assert_returns(expected, fewer_repeats_shuffle, TEN, [], 42, 1)


@pins("candidates_rule")
def test_with_nothing_recent_every_candidate_ties_and_the_first_wins():
    assert_returns(fewer_repeats_oracle(TEN, [], 7, 1), fewer_repeats_shuffle, TEN, [], 7)


@pins("candidates_rule")
def test_the_default_is_ten_candidates():
    recent = ["t0", "t1", "t2", "t3"]
    for seed in range(30):
        assert_returns(
            fewer_repeats_oracle(TEN, recent, seed, 10), fewer_repeats_shuffle, TEN, recent, seed
        )


@pins("candidates_rule")
@derandomized(max_examples=60)
@given(
    st.integers(0, 10**6),
    st.integers(1, 12),
    st.lists(st.sampled_from([f"t{i}" for i in range(12)]), max_size=8),
    st.integers(0, 9),
)
def test_fewer_repeats_equals_the_oracle_on_random_inputs(seed, candidates, recent, size):
    tracks = [(f"t{i}", "A" if i % 2 else "B") for i in reversed(range(size))]
    expected = fewer_repeats_oracle(tracks, recent, seed, candidates)
    assert_returns(expected, fewer_repeats_shuffle, tracks, recent, seed, candidates)


@pins("returns")
def test_empty_playlists_give_empty_lists():
    assert_returns([], fewer_repeats_shuffle, [], ["t1"], 3)
    assert_returns([], lambda: spread_shuffle([], random.Random(0)))
    assert_returns({}, lambda: spread_positions([], random.Random(0)))


@pins("returns")
def test_inputs_are_not_modified():
    tracks, recent = list(MIXED), ["A0", "B1", "A0"]
    assert_returns(
        fewer_repeats_oracle(tracks, recent, 9, 4), fewer_repeats_shuffle, tracks, recent, 9, 4
    )
    before = list(MIXED)
    spread_shuffle(tracks, random.Random(3))
    assert_equal(tracks, before, "tracks after spread_shuffle(tracks, Random(3))")


# --- errors ---------------------------------------------------------------------------------


@pins("errors")
def test_a_repeated_track_id_raises_value_error_naming_it():
    dup = [("t1", "A"), ("t9", "B"), ("t9", "C")]
    assert_raises(ValueError, spread_positions, dup, random.Random(0), match="t9")
    assert_raises(ValueError, spread_shuffle, dup, random.Random(0), match="t9")
    assert_raises(ValueError, fewer_repeats_shuffle, dup, [], 0, match="t9")


@pins("errors")
def test_candidates_must_be_a_positive_int_checked_first():
    for bad in (True, 2.0, "3"):
        assert_raises(TypeError, fewer_repeats_shuffle, TEN, [], 0, bad)
    assert_raises(ValueError, fewer_repeats_shuffle, TEN, [], 0, 0, match="0")
    assert_raises(ValueError, fewer_repeats_shuffle, TEN, [], 0, -4, match="-4")
    assert_raises(TypeError, fewer_repeats_shuffle, [("t1", "A"), ("t1", "A")], [], 0, 1.5)


# --- scale ----------------------------------------------------------------------------------


def reference_spread(tracks, rng):
    by_artist = {}
    for track_id, artist in tracks:
        by_artist.setdefault(artist, []).append(track_id)
    positions = {}
    for songs in by_artist.values():
        n = len(songs)
        rng.shuffle(songs)
        offset = rng.uniform(0, 1 / n)
        for k, track_id in enumerate(songs):
            positions[track_id] = offset + k / n + rng.uniform(-JITTER / n, JITTER / n)
    return sorted((t for t, _ in tracks), key=positions.__getitem__)


@pins("scale")
def test_scale_200000_tracks_by_2000_artists():
    big = workload("200,000 tracks", lambda: [(f"t{i}", f"a{i % 2000}") for i in range(200_000)])
    assert_scales(
        lambda: spread_shuffle(big, random.Random(1)),
        lambda: reference_spread(big, random.Random(1)),
        factor=5,
        what="spread_shuffle of 200,000 tracks by 2,000 artists",
        advice="Group by artist with a dict, compute every position once, then sort once: "
        "never insert into a list or search for the next smallest position per track.",
    )
