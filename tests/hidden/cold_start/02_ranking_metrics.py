"""Hidden tests for cold_start/02_ranking_metrics: precision, recall, NDCG and AP."""

import itertools
import math
import random

from workbook.grading.asserts import assert_equal, assert_raises, assert_scales

RECOMMENDED = ["c", "a", "x", "b"]
RELEVANT = {"a", "b", "d"}
GAINS = {"a": 3, "b": 2, "c": 1}


def dcg(gains_in_order):
    return sum(g / math.log2(i + 2) for i, g in enumerate(gains_in_order))


def brute_force_ndcg(recommended, gains, k):
    """The ideal DCG as the best of every ordering of the items with a gain."""
    items = [i for i, g in gains.items() if g > 0]
    ideal = max(
        (dcg([gains[i] for i in order[:k]]) for order in itertools.permutations(items)), default=0.0
    )
    return dcg([gains.get(i, 0) for i in recommended[:k]]) / ideal if ideal else 0.0


def brute_force_ap(recommended, relevant):
    if not relevant:
        return 0.0
    precisions = [
        len(set(recommended[:i]) & relevant) / i
        for i in range(1, len(recommended) + 1)
        if recommended[i - 1] in relevant
    ]
    return sum(precisions) / len(relevant)


def test_precision_and_recall_on_the_statement_example():
    assert_equal(
        precision_at_k(RECOMMENDED, RELEVANT, 3), 1 / 3, "precision_at_k(RECOMMENDED, RELEVANT, 3)"
    )
    assert_equal(
        recall_at_k(RECOMMENDED, RELEVANT, 4), 2 / 3, "recall_at_k(RECOMMENDED, RELEVANT, 4)"
    )


def test_ndcg_on_the_statement_example_uses_linear_gains_and_log2_discounts():
    expected = (1 + 3 / math.log2(3)) / (3 + 2 / math.log2(3) + 1 / 2)
    assert_equal(ndcg_at_k(RECOMMENDED, GAINS, 3), expected, "ndcg_at_k(RECOMMENDED, GAINS, 3)")


def test_ideal_dcg_includes_relevant_items_that_were_not_recommended():
    assert_equal(
        ndcg_at_k(["x", "a"], {"a": 1, "z": 1}, 2),
        (1 / math.log2(3)) / (1 + 1 / math.log2(3)),
        'ndcg_at_k(["x", "a"], {"a": 1, "z": 1}, 2)',
    )


def test_average_precision_divides_by_all_relevant_items():
    assert_equal(
        average_precision(RECOMMENDED, RELEVANT),
        (1 / 2 + 2 / 4) / 3,
        "average_precision(RECOMMENDED, RELEVANT)",
    )


def test_k_beyond_the_list_counts_missing_positions_as_misses():
    assert_equal(
        precision_at_k(["a", "b"], {"a", "b"}, 10),
        0.2,
        'precision_at_k(["a", "b"], {"a", "b"}, 10)',
    )
    assert_equal(
        recall_at_k(["a", "b"], {"a", "b"}, 10), 1.0, 'recall_at_k(["a", "b"], {"a", "b"}, 10)'
    )
    assert_equal(ndcg_at_k(["a"], {"a": 2}, 10), 1.0, 'ndcg_at_k(["a"], {"a": 2}, 10)')


def test_nothing_relevant_scores_zero_without_dividing_by_zero():
    assert_equal(recall_at_k(RECOMMENDED, set(), 3), 0.0, "recall_at_k(RECOMMENDED, set(), 3)")
    assert_equal(ndcg_at_k(RECOMMENDED, {"a": 0}, 3), 0.0, 'ndcg_at_k(RECOMMENDED, {"a": 0}, 3)')
    assert_equal(
        average_precision(RECOMMENDED, set()), 0.0, "average_precision(RECOMMENDED, set())"
    )
    assert_equal(precision_at_k([], RELEVANT, 3), 0.0, "precision_at_k([], RELEVANT, 3)")


def test_k_below_one_and_duplicates_raise_value_error():
    assert_raises(
        ValueError, lambda: precision_at_k(RECOMMENDED, RELEVANT, 0), "precision_at_k(..., k=0)"
    )
    assert_raises(
        ValueError, lambda: recall_at_k(RECOMMENDED, RELEVANT, -1), "recall_at_k(..., k=-1)"
    )
    assert_raises(ValueError, lambda: ndcg_at_k(RECOMMENDED, GAINS, 0), "ndcg_at_k(..., k=0)")
    assert_raises(
        ValueError,
        lambda: average_precision(["a", "b", "a"], RELEVANT),
        'average_precision(["a", "b", "a"], ...)',
    )
    assert_raises(
        ValueError,
        lambda: precision_at_k(["a", "a"], RELEVANT, 2),
        'precision_at_k(["a", "a"], ...)',
    )


def test_inputs_are_not_modified():
    recommended, relevant, gains = list(RECOMMENDED), set(RELEVANT), dict(GAINS)
    precision_at_k(recommended, relevant, 3), recall_at_k(recommended, relevant, 3)
    ndcg_at_k(recommended, gains, 3), average_precision(recommended, relevant)
    assert (recommended, relevant, gains) == (RECOMMENDED, RELEVANT, GAINS), (
        "a metric modified its inputs"
    )


def test_metrics_accept_relevant_items_as_a_list():
    assert_equal(
        recall_at_k(RECOMMENDED, ["a", "b", "d"], 4),
        2 / 3,
        'recall_at_k(RECOMMENDED, ["a", "b", "d"], 4)',
    )


def test_match_brute_force_on_random_rankings():
    rng = random.Random(5)
    for _trial in range(150):
        universe = [f"t{i}" for i in range(10)]
        recommended = rng.sample(universe, rng.randint(0, 8))
        relevant = set(rng.sample(universe, rng.randint(0, 5)))
        gains = {i: rng.choice([0, 1, 2, 3]) for i in rng.sample(universe, rng.randint(0, 6))}
        k = rng.randint(1, 10)
        hits = len(set(recommended[:k]) & relevant)
        assert_equal(
            precision_at_k(recommended, relevant, k),
            hits / k,
            f"precision_at_k({recommended}, {relevant}, {k})",
        )
        assert_equal(
            recall_at_k(recommended, relevant, k),
            hits / len(relevant) if relevant else 0.0,
            f"recall_at_k({recommended}, {relevant}, {k})",
        )
        assert_equal(
            ndcg_at_k(recommended, gains, k),
            brute_force_ndcg(recommended, gains, k),
            f"ndcg_at_k({recommended}, {gains}, {k})",
        )
        assert_equal(
            average_precision(recommended, relevant),
            brute_force_ap(recommended, relevant),
            f"average_precision({recommended}, {relevant})",
        )


def test_scale_100k_recommendations_against_a_50k_relevant_list():
    recall_at_k(RECOMMENDED, RELEVANT, 1)  # fail fast, before building the large input
    rng = random.Random(1)
    recommended = [f"t{i}" for i in range(100_000)]
    relevant = [f"t{i}" for i in rng.sample(range(200_000), 50_000)]
    as_set = set(relevant)  # the reference builds one set and scans the list twice
    assert_scales(
        lambda: (
            recall_at_k(recommended, relevant, 100_000),
            average_precision(recommended, relevant),
        ),
        lambda: (
            len(set(relevant)),
            sum(i in as_set for i in recommended),
            sum(i in as_set for i in recommended),
        ),
        factor=10,
        what="recall@k and AP on 100,000 recommendations",
    )
