"""Hidden tests for cold_start/04_title_only_continuation: title normalisation and
recommendations from same-title playlists, against a brute force over MPD-shaped slices."""

import copy
import random
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from workbook.contract import pins
from workbook.grading.asserts import assert_equal, assert_raises, assert_returns
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales, workload


def mpd(*playlists):
    """One MPD-shaped slice from (name, [uri, ...]) pairs."""
    return [
        {
            "info": {"slice": "0-999", "version": "v1"},
            "playlists": [
                {
                    "name": name,
                    "pid": i,
                    "tracks": [{"track_uri": u, "pos": p} for p, u in enumerate(uris)],
                }
                for i, (name, uris) in enumerate(playlists)
            ],
        }
    ]


EXAMPLE = mpd(
    ("chill vibes", ["a", "b"]), ("Chill Vibes!", ["b", "c", "b"]), ("workout", ["d", "b", "e"])
)


def oracle_normalize(title):
    out = []
    for ch in unicodedata.normalize("NFKD", title.lower()):
        if unicodedata.combining(ch):
            continue
        out.append(ch if (ch.isalnum() or ch.isspace()) else " ")
    return " ".join("".join(out).split())


def oracle(title, slices, k):
    """Brute force: for every distinct track, count playlists by scanning them all."""
    playlists = [p for s in slices for p in s["playlists"]]
    tracks = sorted({t["track_uri"] for p in playlists for t in p["tracks"]})
    wanted = oracle_normalize(title)
    same = [p for p in playlists if wanted and oracle_normalize(p["name"]) == wanted]

    def holds(p, uri):
        return any(t["track_uri"] == uri for t in p["tracks"])

    score = {u: sum(holds(p, u) for p in same) for u in tracks}
    pop = {u: sum(holds(p, u) for p in playlists) for u in tracks}
    first = sorted((u for u in tracks if score[u] > 0), key=lambda u: (-score[u], -pop[u], u))[:k]
    rest = sorted((u for u in tracks if u not in first), key=lambda u: (-pop[u], u))
    return first + rest[: k - len(first)]


# --- normalize_title -------------------------------------------------------------------------


@pins("normalize")
def test_normalize_the_statement_examples():
    cases = {
        "Chill Vibes 🌙": "chill vibes",
        "  CHILL   vibes!!": "chill vibes",
        "Café del Mar": "cafe del mar",
        "R&B / Soul": "r b soul",
        "🔥🔥": "",
        "": "",
    }
    for title, expected in cases.items():
        assert_returns(expected, normalize_title, title)


@pins("normalize")
def test_normalize_keeps_other_scripts_and_digits_and_splits_on_punctuation():
    cases = {
        "チル🌙": "チル",
        "2000s Hits": "2000s hits",
        "rock/pop": "rock pop",
        "Ünïcödé\tÑandú": "unicode nandu",
        "lo-fi_beats": "lo fi beats",
        "ＦＵＬＬＷＩＤＴＨ": "fullwidth",
        "Straße": "straße",
    }
    for title, expected in cases.items():
        assert_returns(expected, normalize_title, title)


@pins("normalize")
@derandomized(max_examples=150)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=20))
def test_normalize_equals_the_definition_on_random_text(title):
    assert_returns(oracle_normalize(title), normalize_title, title)


# --- recommend_for_title ---------------------------------------------------------------------


@pins("matching", "counting", "ranking", "fallback", "returns")
def test_recommend_the_statement_example():
    assert_returns(["b", "a", "c", "d"], recommend_for_title, "Chill Vibes 🌙", EXAMPLE, 4)
    assert_returns(["b", "a", "c", "d", "e"], recommend_for_title, "Chill Vibes 🌙", EXAMPLE, 9)


@pins("matching")
def test_an_emoji_only_title_matches_nothing_even_an_emoji_only_name():
    slices = mpd(("🔥", ["x", "y"]), ("party", ["y", "z"]), ("party", ["z"]))
    assert_returns(["y", "z", "x"], recommend_for_title, "🔥🔥", slices, 3)


@pins("matching")
def test_only_exact_normalised_titles_match():
    slices = mpd(
        ("chill", ["a"]),
        ("chill vibes", ["b"]),
        ("chillvibes", ["c"]),
        ("Chill-Vibes", ["d"]),
        ("chill vibes 2", ["e"]),
    )
    assert_returns(["b", "d", "a"], recommend_for_title, "chill vibes", slices, 3)


@pins("counting")
def test_a_track_repeated_in_one_playlist_counts_once():
    slices = mpd(("x", ["a", "a", "a"]), ("x", ["b"]), ("x", ["b"]), ("other", ["a", "a"]))
    assert_returns(["b", "a"], recommend_for_title, "x", slices, 2)


@pins("ranking")
def test_ties_by_global_popularity_then_uri():
    slices = mpd(
        ("mix", ["zeta", "beta", "alpha"]),
        ("other", ["zeta"]),
        ("other", ["zeta", "beta"]),
        ("more", ["Beta"]),
    )
    assert_returns(["zeta", "beta", "alpha", "Beta"], recommend_for_title, "MIX", slices, 4)
    assert_returns(
        ["B", "a"], recommend_for_title, "x", mpd(("x", ["a", "B"])), 2
    )  # plain str order


@pins("fallback")
def test_fallback_fills_with_popular_tracks_not_already_chosen():
    slices = mpd(("a", ["t1"]), ("b", ["t2", "t3"]), ("b", ["t2", "t1"]), ("c", ["t2", "t4"]))
    assert_returns(["t1", "t2", "t3"], recommend_for_title, "a", slices, 3)
    assert_returns(["t2", "t1", "t3", "t4"], recommend_for_title, "nobody", slices, 10)


@pins("matching", "counting", "ranking", "fallback")
@derandomized(max_examples=80)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Chill", "chill!", "CHILL 🌙", "Gym", "gym", "Café", "cafe", "🔥"]),
            st.lists(st.sampled_from(["u1", "u2", "u3", "u4", "u5", "u6", "U1"]), max_size=5),
        ),
        max_size=8,
    ),
    st.sampled_from(["chill", "Gym 💪", "CAFE", "🔥", "nothing"]),
    st.integers(0, 8),
)
def test_recommend_equals_a_brute_force(playlists, title, k):
    slices = mpd(*playlists)
    assert_returns(oracle(title, slices, k), recommend_for_title, title, slices, k)


@pins("returns")
def test_k_zero_and_several_slices_and_no_mutation():
    slices = EXAMPLE + mpd(("chill vibes", ["c", "f"]))
    before = copy.deepcopy(slices)
    assert_returns([], recommend_for_title, "chill vibes", slices, 0)
    assert_returns(["b", "c", "a"], recommend_for_title, "chill vibes", slices, 3)
    assert_equal(slices, before, "slices after recommend_for_title")


@pins("errors")
def test_invalid_k_and_title_raise():
    assert_raises(ValueError, recommend_for_title, "x", EXAMPLE, -3, match="-3")
    for bad in (True, 2.0, "2"):
        assert_raises(TypeError, recommend_for_title, "x", EXAMPLE, bad)
    assert_raises(TypeError, recommend_for_title, None, EXAMPLE, 2)
    assert_raises(TypeError, normalize_title, 42)


# --- scale ------------------------------------------------------------------------------------


def big_mpd():
    rng = random.Random(11)
    names = ["Chill", "chill 🌙", "Gym", "Party", "Road trip", "Focus"]
    playlists = [
        (rng.choice(names), [f"spotify:track:{rng.randrange(5_000):05d}" for _ in range(30)])
        for _ in range(20_000)
    ]
    return [mpd(*playlists[i : i + 1_000])[0] for i in range(0, 20_000, 1_000)]


@pins("scale")
def test_scale_20000_playlists_of_30_tracks():
    from collections import Counter

    slices = workload("20,000 playlists", big_mpd)

    def reference():
        matching, popularity = Counter(), Counter()
        for p in (p for s in slices for p in s["playlists"]):
            uris = {t["track_uri"] for t in p["tracks"]}
            popularity.update(uris)
            if oracle_normalize(p["name"]) == "chill":
                matching.update(uris)
        return sorted(matching, key=lambda u: (-matching[u], -popularity[u], u))[:500]

    assert_scales(
        lambda: recommend_for_title("CHILL", slices, 500),
        reference,
        factor=5,
        what="recommend_for_title over 20,000 playlists of 30 tracks",
        advice="Count with one pass over the playlists (a Counter for matching playlists and one "
        "for all); never rescan the playlists for each track.",
    )
