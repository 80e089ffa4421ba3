"""Hidden tests for cold_start/03_playlist_continuation_metrics: the RecSys Challenge 2018 scorer."""

import functools
import math
import random

from hypothesis import given
from hypothesis import strategies as st

from workbook.compare import Tolerance
from workbook.contract import pins
from workbook.grading.asserts import (
    assert_equal,
    assert_raises,
    assert_returns,
    assert_type,
    assert_unmodified,
)
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales, workload

G = ["1", "2", "3", "5", "8", "99"]
R_SHORT = ["5", "8", "13", "3"]
R_LONG = ["5", "8", "13", "3", "99", "87", "2", "150"]
SIX_DECIMALS = Tolerance(rel=0.0, abs=5e-7)  # the published anchors are rounded to 6 decimals


def rules_ndcg(recommended, relevant):
    """The rules' formulas, term by term: the oracle for challenge_ndcg."""
    g = set(relevant)
    rel = [1 if track in g else 0 for track in recommended]
    if not rel or sum(rel) == 0:
        return 0.0
    dcg = rel[0] + sum(rel[i - 1] / math.log2(i) for i in range(2, len(rel) + 1))
    common = len(g & set(recommended))
    idcg = 1 + sum(1 / math.log2(i) for i in range(2, common + 1))
    return dcg / idcg


def textbook_ndcg(recommended, relevant):
    """scikit-learn's form: 1/log2(i + 1), ideal over min(|G|, |R|): what the test must reject."""
    g = set(relevant)
    dcg = sum(1 / math.log2(i + 1) for i, t in enumerate(recommended, start=1) if t in g)
    idcg = sum(1 / math.log2(i + 1) for i in range(1, min(len(g), len(recommended)) + 1))
    return dcg / idcg


def rules_r_precision(recommended, relevant):
    g = set(relevant)
    return len(g & set(recommended[: len(g)])) / len(g)


def rules_clicks(recommended, relevant):
    g = set(relevant)
    positions = [i for i in range(1, len(recommended) + 1) if recommended[i - 1] in g]
    return math.floor((min(positions) - 1) / 10) if positions else 51


def padding(n, start=1000):
    """n tracks that are never relevant."""
    return [f"pad{i}" for i in range(start, start + n)]


# --------------------------------------------------------------------- the worked examples


@pins("r_precision", "ndcg", "clicks", "tolerance")
def test_first_worked_example():
    assert_returns(0.5, r_precision, R_SHORT, G)
    assert_returns(2.5 / (2 + 1 / math.log2(3)), challenge_ndcg, R_SHORT, G)
    assert_equal(
        challenge_ndcg(R_SHORT, G),
        0.950234,
        "challenge_ndcg(R, G), 6 decimals",
        tol=SIX_DECIMALS,
    )
    assert_returns(0, recommended_songs_clicks, R_SHORT, G)


@pins("r_precision", "ndcg", "clicks", "tolerance")
def test_second_worked_example():
    assert_returns(4 / 6, r_precision, R_LONG, G)
    dcg = 1 + 1 + 1 / 2 + 1 / math.log2(5) + 1 / math.log2(7)
    idcg = 1 + 1 + 1 / math.log2(3) + 1 / 2 + 1 / math.log2(5)
    assert_returns(dcg / idcg, challenge_ndcg, R_LONG, G)
    assert_equal(
        challenge_ndcg(R_LONG, G), 0.922866, "challenge_ndcg(R, G), 6 decimals", tol=SIX_DECIMALS
    )
    assert_returns(0, recommended_songs_clicks, R_LONG, G)


@pins("ndcg")
def test_the_textbook_ndcg_is_not_the_challenge_form():
    for recommended in (R_SHORT, R_LONG):
        textbook = textbook_ndcg(recommended, G)
        actual = challenge_ndcg(recommended, G)
        assert abs(actual - textbook) > 0.05, (
            f"challenge_ndcg({recommended}, {G}) returned {actual!r}, the textbook NDCG "
            f"(1/log2(i + 1), ideal over min(|G|, |R|)) = {textbook!r}; the contract asks for the "
            f"challenge's form: {rules_ndcg(recommended, G)!r}"
        )
    # one hit at position 2: the challenge form does not discount it, and the ideal is one hit
    assert_returns(1.0, challenge_ndcg, ["13", "5"], G)
    # relevant tracks first, however few: 1.0 (the ideal is over |G ∩ R|, not over |G|)
    assert_returns(1.0, challenge_ndcg, ["5", "8", "13", "87"], G)
    # two hits at positions 2 and 3: (1 + 1/log2 3) / (1 + 1)
    assert_returns((1 + 1 / math.log2(3)) / 2, challenge_ndcg, ["13", "5", "8"], G)


@pins("ndcg")
def test_ndcg_is_zero_when_nothing_relevant_is_recommended():
    assert_returns(0.0, challenge_ndcg, ["13", "87", "150"], G)
    assert_returns(0.0, challenge_ndcg, [], G)
    assert_returns(1.0, challenge_ndcg, ["99"], G)


@pins("r_precision")
def test_r_precision_looks_at_the_first_g_positions_only():
    g = ["a", "b", "c"]
    assert_returns(1 / 3, r_precision, ["x", "y", "a", "b"], g)  # a at 3 counts, b at 4 does not
    assert_returns(0.0, r_precision, ["x", "y", "z", "a", "b", "c"], g)
    assert_returns(1.0, r_precision, ["c", "a", "b", "x"], g)  # order does not matter
    assert_returns(1 / 3, r_precision, ["b"], g)  # a short list keeps the denominator |G|
    assert_returns(0.0, r_precision, [], g)


@pins("clicks")
def test_clicks_at_the_page_boundaries():
    g = ["hit"]
    for position, clicks in ((1, 0), (10, 0), (11, 1), (20, 1), (21, 2), (491, 49), (500, 49)):
        recommended = [*padding(position - 1), "hit", *padding(500 - position, start=5000)]
        assert_returns(clicks, recommended_songs_clicks, recommended, g)
    assert_returns(1, recommended_songs_clicks, [*padding(10), "hit"], g)


@pins("clicks")
def test_clicks_is_51_when_nothing_is_relevant():
    assert_returns(51, recommended_songs_clicks, padding(500), ["hit"])
    assert_returns(51, recommended_songs_clicks, padding(3), ["hit"])
    assert_returns(51, recommended_songs_clicks, [], ["hit"])


@pins("relevant_as_set")
def test_relevant_is_read_as_a_set():
    g = ["a", "b", "a", "b", "a"]  # two distinct tracks
    assert_returns(1.0, r_precision, ["b", "a", "x"], g)
    assert_returns(0.5, r_precision, ["x", "a", "b"], g)
    assert_returns(1.0, challenge_ndcg, ["a", "b"], g)
    assert_returns(0, recommended_songs_clicks, ["a"], g)
    assert_returns(0.5, r_precision, ["a", "x"], {"a", "b"})
    assert_returns(0.5, r_precision, ["a", "x"], ("a", "b"))
    assert_returns(0.5, r_precision, ["a", "x"], frozenset({"a", "b"}))
    # track level: only exact ids match
    assert_returns(0.0, r_precision, ["spotify:track:A"], ["spotify:track:a"])


@pins("returns")
def test_exact_return_types():
    for recommended, relevant in ((["a"], ["a"]), (["x"], ["a"]), (R_SHORT, G)):
        call = f"({recommended}, {relevant})"
        assert_type(r_precision(recommended, relevant), float, "r_precision" + call)
        assert_type(challenge_ndcg(recommended, relevant), float, "challenge_ndcg" + call)
        assert_type(
            recommended_songs_clicks(recommended, relevant), int, "recommended_songs_clicks" + call
        )
    scores = score_submission([R_SHORT, ["13"]], [G, G])
    assert_type(scores, tuple, "score_submission([R, ['13']], [G, G])")
    for value in scores:
        assert_type(value, float, "an element of score_submission([R, ['13']], [G, G])")
    assert_type(score_submission([["a"]], [["a"]])[2], float, "score_submission(...)[2], 0 clicks")
    ranking = borda_ranking([("b", 0.1, 0.2, 3.0), ("a", 0.2, 0.1, 3.0)])
    assert_type(ranking, list, "borda_ranking(...)")
    for row in ranking:
        assert_type(row, tuple, "a row of borda_ranking(...)")
        assert_type(row[0], str, "a team name in borda_ranking(...)")
        assert_type(row[1], int, "a team's points in borda_ranking(...)")


@pins("errors")
def test_invalid_playlists_raise_value_error():
    for metric in (r_precision, challenge_ndcg, recommended_songs_clicks):
        assert_raises(ValueError, metric, ["a"], [])
        assert_raises(ValueError, metric, [], set())
        assert_raises(ValueError, metric, padding(501), ["a"], match="501")
        assert_raises(ValueError, metric, ["a", "b", "z", "b"], ["a"], match="b")
        assert_raises(
            ValueError, metric, ["only-a-miss", "only-a-miss"], ["a"], match="only-a-miss"
        )
    assert_returns(0.0, r_precision, padding(500), ["a"])
    assert_returns(51, recommended_songs_clicks, padding(500), ["a"])


@pins("submission")
def test_score_submission_averages_per_playlist():
    ndcg = 2.5 / (2 + 1 / math.log2(3))
    assert_returns((0.25, ndcg / 2, 25.5), score_submission, [R_SHORT, ["13"]], [G, G])
    assert_returns((0.5, ndcg, 0.0), score_submission, [R_SHORT], [G])
    # playlists weigh the same, however many tracks they withhold
    big = [f"g{i}" for i in range(100)]
    expected = ((1.0 + 1 / 100) / 2, 1.0, (0 + 0) / 2)
    assert_returns(expected, score_submission, [["a"], ["g0"]], [["a"], big])


@pins("submission")
def test_score_submission_rejects_mismatched_or_empty_input():
    assert_raises(ValueError, score_submission, [R_SHORT, R_LONG], [G])
    assert_raises(ValueError, score_submission, [R_SHORT], [G, G])
    assert_raises(ValueError, score_submission, [], [])
    assert_raises(ValueError, score_submission, [R_SHORT, ["a"]], [G, []])
    assert_raises(ValueError, score_submission, [R_SHORT, ["a", "a"]], [G, G], match="a")


LEADERBOARD = [
    ("hybrid", 0.21, 0.38, 2.1),
    ("two-stage", 0.20, 0.39, 1.9),
    ("popularity", 0.05, 0.18, 9.6),
]


@pins("borda_points")
def test_borda_example_p_points_for_first():
    assert_returns([("two-stage", 8), ("hybrid", 7), ("popularity", 3)], borda_ranking, LEADERBOARD)
    assert_returns([("solo", 3)], borda_ranking, [("solo", 0.0, 0.0, 51.0)])
    four = [("d", 0.4, 0.4, 1.0), ("c", 0.3, 0.3, 2.0), ("b", 0.2, 0.2, 3.0), ("a", 0.1, 0.1, 4.0)]
    assert_returns([("d", 12), ("c", 9), ("b", 6), ("a", 3)], borda_ranking, four)


@pins("borda_points")
def test_fewer_clicks_is_better():
    # x wins R-precision, y wins NDCG, z has the fewest clicks: x 3 + 1 + 1, y 2 + 3 + 2,
    # z 1 + 2 + 3 (ranking clicks the wrong way round gives x 7, y 7, z 4)
    board = [("x", 0.3, 0.1, 5.0), ("y", 0.2, 0.3, 4.0), ("z", 0.1, 0.2, 1.0)]
    assert_returns([("y", 7), ("z", 6), ("x", 5)], borda_ranking, board)
    board = [("many-clicks", 0.5, 0.5, 30.0), ("few-clicks", 0.4, 0.4, 0.5)]
    assert_returns([("many-clicks", 5), ("few-clicks", 4)], borda_ranking, board)


@pins("metric_ties")
def test_a_tie_on_one_metric_goes_to_the_earlier_submission():
    board = [("late-z", 0.2, 0.3, 2.0), ("early-a", 0.2, 0.3, 2.0)]
    assert_returns([("late-z", 6), ("early-a", 3)], borda_ranking, board)
    board = [("b", 0.2, 0.1, 3.0), ("a", 0.2, 0.3, 3.0), ("c", 0.1, 0.2, 3.0)]
    # R-precision: b, a tie -> b 3, a 2, c 1; NDCG: a 3, c 2, b 1; clicks all tie: b 3, a 2, c 1
    # b and a both 7 points; b has two 1st places, a one
    assert_returns([("b", 7), ("a", 7), ("c", 4)], borda_ranking, board)


@pins("final_ties")
def test_equal_points_are_broken_by_first_places_then_second():
    board = [
        ("q", 0.3, 0.3, 2.0),
        ("p", 0.4, 0.4, 9.0),
        ("r", 0.2, 0.2, 1.0),
        ("s", 0.1, 0.1, 3.0),
    ]
    # R: p 4, q 3, r 2, s 1; NDCG: p 4, q 3, r 2, s 1; clicks: r 4, q 3, s 2, p 1
    # p 9 (two 1st places), q 9 (none): p first although q was submitted earlier
    assert_returns([("p", 9), ("q", 9), ("r", 8), ("s", 4)], borda_ranking, board)
    # same points and one 1st place each: more 2nd places wins
    board = [
        ("alpha", 0.4, 0.2, 3.0),
        ("beta", 0.3, 0.4, 4.0),
        ("c", 0.2, 0.3, 1.0),
        ("d", 0.1, 0.1, 2.0),
    ]
    # R: alpha 4, beta 3, c 2, d 1; NDCG: beta 4, c 3, alpha 2, d 1; clicks: c 4, d 3, alpha 2,
    # beta 1. alpha: places 1, 3, 3 -> 8; beta: 2, 1, 4 -> 8, with one 2nd place to alpha's none
    assert_returns([("c", 9), ("beta", 8), ("alpha", 8), ("d", 5)], borda_ranking, board)


@pins("final_ties")
def test_teams_with_identical_places_are_ordered_by_name():
    # a cycle: every team is 1st once, 2nd once, 3rd once (6 points each); str order puts
    # "Zeta" before "alpha" before "zeta"
    board = [("zeta", 0.3, 0.2, 3.0), ("Zeta", 0.1, 0.3, 2.0), ("alpha", 0.2, 0.1, 1.0)]
    assert_returns([("Zeta", 6), ("alpha", 6), ("zeta", 6)], borda_ranking, board)
    # four teams, three of them 9 points with one 1st, one 2nd and one 3rd place each
    board = [
        ("v", 0.4, 0.2, 2.0),
        ("u", 0.3, 0.4, 3.0),
        ("w", 0.2, 0.3, 1.0),
        ("x", 0.1, 0.1, 4.0),
    ]
    assert_returns([("u", 9), ("v", 9), ("w", 9), ("x", 3)], borda_ranking, board)
    cycle = [("mid", 0.2, 0.3, 3.0), ("top", 0.3, 0.1, 2.0), ("Bot", 0.1, 0.2, 1.0)]
    # top: R 1st, NDCG 3rd, clicks 2nd; mid: 2nd, 1st, 3rd; Bot: 3rd, 2nd, 1st -> 6 points each
    assert_returns([("Bot", 6), ("mid", 6), ("top", 6)], borda_ranking, cycle)


@pins("final_ties")
def test_an_empty_leaderboard_and_a_repeated_team():
    assert_returns([], borda_ranking, [])
    assert_raises(
        ValueError,
        borda_ranking,
        [("a", 0.1, 0.1, 1.0), ("dup", 0.2, 0.2, 2.0), ("dup", 0.3, 0.3, 3.0)],
        match="dup",
    )


@pins("no_mutation")
def test_no_argument_is_modified():
    recommended, relevant = ["5", "8", "13", "3", "99"], ["99", "5", "1", "5", "3"]
    for metric in (r_precision, challenge_ndcg, recommended_songs_clicks):
        before = ((list(recommended), list(relevant)), {})
        metric(recommended, relevant)
        assert_unmodified(metric, before, ((recommended, relevant), {}))
    recs, truths = [list(R_LONG), ["13"]], [list(G), ["b", "a", "b"]]
    before = (([list(r) for r in recs], [list(t) for t in truths]), {})
    score_submission(recs, truths)
    assert_unmodified(score_submission, before, ((recs, truths), {}))
    board = [("z", 0.1, 0.1, 9.0), ("a", 0.3, 0.2, 1.0), ("m", 0.2, 0.3, 2.0)]
    before = ((list(board),), {})
    borda_ranking(board)
    assert_unmodified(borda_ranking, before, ((board,), {}))


# ---------------------------------------------------------------- randomized, with oracles

TRACKS = st.sampled_from([f"t{i}" for i in range(30)])


@st.composite
def playlists(draw):
    recommended = draw(st.lists(TRACKS, max_size=30, unique=True))
    relevant = draw(st.lists(TRACKS, min_size=1, max_size=12))
    return recommended, relevant


@pins("r_precision", "ndcg", "clicks", "relevant_as_set")
@derandomized(max_examples=80, shrink=False)
@given(case=playlists())
def test_metrics_match_the_rules_formulas(case):
    recommended, relevant = case
    assert_returns(rules_r_precision(recommended, relevant), r_precision, recommended, relevant)
    assert_returns(rules_ndcg(recommended, relevant), challenge_ndcg, recommended, relevant)
    assert_returns(
        rules_clicks(recommended, relevant), recommended_songs_clicks, recommended, relevant
    )


def _oracle_borda(board):
    """Places by counting who beats whom (earlier submission wins a tie), then a comparator."""
    p = len(board)
    places = {}
    for t, (name, *values) in enumerate(board):
        mine = []
        for m, higher in ((0, True), (1, True), (2, False)):
            better = 0
            for u, (_, *others) in enumerate(board):
                if u == t:
                    continue
                beats = others[m] > values[m] if higher else others[m] < values[m]
                if beats or (others[m] == values[m] and u < t):
                    better += 1
            mine.append(better + 1)
        places[name] = mine
    points = {name: sum(p + 1 - place for place in ps) for name, ps in places.items()}

    def compare(a, b):
        if points[a] != points[b]:
            return points[b] - points[a]
        for place in range(1, p + 1):
            ca, cb = places[a].count(place), places[b].count(place)
            if ca != cb:
                return cb - ca
        return -1 if a < b else (1 if a > b else 0)

    order = sorted(places, key=functools.cmp_to_key(compare))
    return [(name, points[name]) for name in order]


NAMES = st.sampled_from(["a", "b", "c", "d", "e", "f", "A", "B", "ä", "z"])


@pins("borda_points", "metric_ties", "final_ties")
@derandomized(max_examples=80, shrink=False)
@given(
    rows=st.lists(
        st.tuples(
            NAMES,
            st.sampled_from([0.1, 0.2, 0.3]),
            st.sampled_from([0.1, 0.2, 0.3]),
            st.sampled_from([1.0, 2.0, 51.0]),
        ),
        max_size=7,
        unique_by=lambda row: row[0],
    )
)
def test_borda_matches_a_pairwise_oracle(rows):
    assert_returns(_oracle_borda(rows), borda_ranking, rows)


# ---------------------------------------------------------------------------- scale

DISCOUNT = [0.0, 1.0] + [1 / math.log2(i) for i in range(2, 501)]
IDEAL = [0.0]
for _i in range(1, 501):
    IDEAL.append(IDEAL[-1] + DISCOUNT[_i])


def single_pass(recommendations, withheld):
    """All three metrics in one pass per playlist, with sets: the scale test's yardstick."""
    r_prec = ndcg = clicks = 0.0
    for recommended, relevant in zip(recommendations, withheld, strict=True):
        g = set(relevant)
        if len(set(recommended)) != len(recommended):
            raise ValueError("repeat")
        hits = [i for i, track in enumerate(recommended, start=1) if track in g]
        r_prec += sum(1 for i in hits if i <= len(g)) / len(g)
        ndcg += sum(DISCOUNT[i] for i in hits) / IDEAL[len(hits)] if hits else 0.0
        clicks += (hits[0] - 1) // 10 if hits else 51
    n = len(recommendations)
    return (r_prec / n, ndcg / n, clicks / n)


def submission(n=2_000):
    rng = random.Random(2018)
    pool = [f"spotify:track:{i:022d}" for i in range(60_000)]
    rng.shuffle(pool)
    recommendations, withheld = [], []
    for _ in range(n):
        start = rng.randrange(0, 59_000)
        size = rng.randrange(100, 251)
        overlap = rng.randrange(0, size)
        recommended = pool[start : start + 500]
        relevant = pool[start + 500 - overlap : start + 500 - overlap + size]
        recommendations.append(recommended)
        withheld.append(relevant)
    return recommendations, withheld


@pins("scale")
def test_scale_2000_playlists_of_500_recommendations():
    assert_returns((0.5, 2.5 / (2 + 1 / math.log2(3)), 0.0), score_submission, [R_SHORT], [G])
    recommendations, withheld = workload("challenge_submission_2000", submission)
    assert_equal(
        score_submission(recommendations[:50], withheld[:50]),
        single_pass(recommendations[:50], withheld[:50]),
        "score_submission on the first 50 playlists of the scale workload",
    )
    assert_scales(
        lambda: score_submission(recommendations, withheld),
        lambda: single_pass(recommendations, withheld),
        factor=10,
        what="score_submission on 2,000 playlists x 500 recommendations, 100-250 withheld each",
        advice="Build set(relevant) once per playlist and check repeats with a set of tracks "
        "seen so far; never test `track in` a list, and never rescan recommended[:i].",
    )
