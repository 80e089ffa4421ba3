"""Hidden tests for cold_start/02_ranking_metrics: precision, recall, NDCG and AP at k."""

import itertools
import math
import random

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from workbook.compare import Tolerance
from workbook.contract import pins
from workbook.grading.asserts import assert_raises, assert_returns, assert_type
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales, workload

RECOMMENDED = ["c", "a", "x", "b"]
RELEVANT = {"a", "b", "d"}
GAINS = {"a": 3, "b": 2, "c": 1}
REL = Tolerance(1e-9, 0.0)  # relative only: full precision, however small the value


def dcg(gains_in_order) -> float:
    return sum(g / math.log2(i + 2) for i, g in enumerate(gains_in_order))


def brute_force_ndcg(recommended, gains, k) -> float:
    """The ideal DCG as the best DCG@k over every ordering of the items with a positive gain."""
    items = [i for i, g in gains.items() if g > 0]
    ideal = max(
        (dcg([gains[i] for i in order[:k]]) for order in itertools.permutations(items)),
        default=0.0,
    )
    return dcg([gains.get(i, 0) for i in recommended[:k]]) / ideal if ideal else 0.0


def brute_force_ap(recommended, relevant, k) -> float:
    """Precision@i recomputed from scratch at every relevant position i <= k."""
    relevant = set(relevant)
    if not relevant:
        return 0.0
    precisions = [
        len(set(recommended[:i]) & relevant) / i
        for i in range(1, min(k, len(recommended)) + 1)
        if recommended[i - 1] in relevant
    ]
    return sum(precisions) / min(k, len(relevant))


# The four metrics as a careful reference writes them: one set, one pass, one sort.
def ref_hits(recommended, relevant, k):
    relevant = set(relevant)
    assert len(set(recommended)) == len(recommended)
    return sum(item in relevant for item in recommended[:k]), relevant


def ref_ap(recommended, relevant, k):
    relevant = set(relevant)
    assert len(set(recommended)) == len(recommended)
    hits, total = 0, 0.0
    for i, item in enumerate(recommended[:k], start=1):
        if item in relevant:
            hits += 1
            total += hits / i
    return total / min(k, len(relevant)) if relevant else 0.0


def ref_ndcg(recommended, gains, k):
    assert len(set(recommended)) == len(recommended) and min(gains.values()) >= 0
    ideal = dcg(sorted((g for g in gains.values() if g > 0), reverse=True)[:k])
    return dcg(gains.get(i, 0) for i in recommended[:k]) / ideal if ideal else 0.0


@pins("precision", "recall", "ndcg", "average_precision")
def test_examples_from_the_statement():
    assert_returns(1 / 3, precision_at_k, RECOMMENDED, RELEVANT, 3)
    assert_returns(1 / 3, recall_at_k, RECOMMENDED, RELEVANT, 3)
    assert_returns(2 / 3, recall_at_k, RECOMMENDED, RELEVANT, 4)
    expected = (1 + 3 / math.log2(3)) / (3 + 2 / math.log2(3) + 1 / 2)
    assert_returns(expected, ndcg_at_k, RECOMMENDED, GAINS, 3, tol=REL)
    assert_returns((1 / 2 + 2 / 4) / 3, average_precision_at_k, RECOMMENDED, RELEVANT, 4)
    assert_returns(1 / 6, average_precision_at_k, RECOMMENDED, RELEVANT, 3)


@pins("returns")
def test_every_metric_returns_a_python_float_even_for_zero_and_one():
    cases = [
        (precision_at_k, (["a", "b"], {"a", "b"}, 2), 1.0),
        (precision_at_k, (["x"], {"a"}, 1), 0.0),
        (recall_at_k, (["a"], {"a"}, 1), 1.0),
        (recall_at_k, (["a"], set(), 1), 0.0),
        (ndcg_at_k, (["a", "b"], {"a": 2, "b": 1}, 2), 1.0),
        (ndcg_at_k, (["a"], {"a": 0}, 1), 0.0),
        (ndcg_at_k, (["a", "b"], {"a": np.float64(2.0), "b": np.float64(1.0)}, 2), 1.0),
        (average_precision_at_k, (["a", "b"], {"a", "b"}, 2), 1.0),
        (average_precision_at_k, (["a"], set(), 3), 0.0),
        (average_precision_at_k, (["x"], {"a"}, 3), 0.0),
    ]
    for fn, args, expected in cases:
        result = fn(*args)
        assert_type(result, float, f"{fn.__name__}{args!r}")
        assert_returns(expected, fn, *args, tol=REL)


@pins("precision")
def test_precision_counts_missing_positions_as_misses():
    assert_returns(0.2, precision_at_k, ["a", "b"], {"a", "b"}, 10)
    assert_returns(0.0, precision_at_k, [], {"a"}, 3)


@pins("precision")
def test_precision_ignores_hits_after_position_k():
    assert_returns(0.5, precision_at_k, ["a", "x", "b", "c"], {"a", "b", "c"}, 2)
    assert_returns(0.0, precision_at_k, ["x", "a"], {"a"}, 1)


@pins("recall")
def test_recall_divides_by_the_number_of_relevant_items_not_by_k():
    assert_returns(0.25, recall_at_k, ["a", "x", "y"], {"a", "b", "c", "d"}, 3)
    assert_returns(1.0, recall_at_k, ["a", "b"], {"a", "b"}, 10)
    assert_returns(0.5, recall_at_k, ["x", "a", "b"], {"a", "b"}, 2)


@pins("relevant_as_set")
def test_a_relevant_item_listed_twice_counts_once():
    twice = ["a", "a", "b", "d", "b"]
    assert_returns(2 / 3, recall_at_k, RECOMMENDED, twice, 4)
    assert_returns(1 / 3, precision_at_k, RECOMMENDED, twice, 3)
    assert_returns((1 / 2 + 2 / 4) / 3, average_precision_at_k, RECOMMENDED, twice, 4)
    assert_returns(1.0, average_precision_at_k, ["a"], ("a", "a"), 5)


@pins("ndcg")
def test_ndcg_matches_the_scikit_learn_documentation_example():
    # ndcg_score([[10, 0, 0, 1, 5]], [[.1, .2, .3, 4, 70]]) is 0.69... in scikit-learn's
    # docstring; [[.05, 1.1, 1., .5, .0]] gives 0.49..., and 0.35... with k=4.
    gains = {"i1": 10, "i2": 0, "i3": 0, "i4": 1, "i5": 5}
    ideal = 10 + 5 / math.log2(3) + 1 / 2
    first = (5 + 1 / math.log2(3) + 10 / math.log2(6)) / ideal
    assert_returns(first, ndcg_at_k, ["i5", "i4", "i3", "i2", "i1"], gains, 5, tol=REL)
    second = (1 / 2 + 10 / math.log2(5) + 5 / math.log2(6)) / ideal
    assert_returns(second, ndcg_at_k, ["i2", "i3", "i4", "i1", "i5"], gains, 5, tol=REL)
    third = (1 / 2 + 10 / math.log2(5)) / ideal
    assert_returns(third, ndcg_at_k, ["i2", "i3", "i4", "i1", "i5"], gains, 4, tol=REL)
    assert_returns(
        (0.69, 0.49, 0.35), lambda: tuple(math.floor(v * 100) / 100 for v in (first, second, third))
    )


@pins("ndcg")
def test_ideal_dcg_includes_gains_that_were_not_recommended():
    expected = (1 / math.log2(3)) / (1 + 1 / math.log2(3))
    assert_returns(expected, ndcg_at_k, ["x", "a"], {"a": 1, "z": 1}, 2, tol=REL)


@pins("ndcg")
def test_ideal_dcg_is_cut_at_k():
    # IDCG@1 is 3 alone: the perfect first item scores 1.0 at k=1.
    assert_returns(1.0, ndcg_at_k, ["a", "x"], {"a": 3, "b": 2, "c": 1}, 1, tol=REL)
    expected = 3 / (3 + 2 / math.log2(3))
    assert_returns(expected, ndcg_at_k, ["a", "x", "b"], {"a": 3, "b": 2, "c": 1}, 2, tol=REL)


@pins("gains")
def test_a_negative_gain_raises_naming_the_item_and_zero_is_allowed():
    assert_raises(ValueError, ndcg_at_k, RECOMMENDED, {"a": 1, "skipped": -1}, 3, match="skipped")
    assert_raises(ValueError, ndcg_at_k, ["a"], {"a": -0.5}, 1, match="'a'")
    assert_returns(1.0, ndcg_at_k, ["a", "b"], {"a": 2, "b": 0, "c": 0}, 2, tol=REL)
    assert_returns(0.5, ndcg_at_k, ["b", "x", "a"], {"a": 1, "b": 0}, 3, tol=REL)


@pins("average_precision")
def test_ap_at_k_divides_by_min_of_k_and_the_relevant_items():
    relevant = {"a", "b", "c", "d", "e"}
    assert_returns(1.0, average_precision_at_k, ["a", "b"], relevant, 2)  # min(2, 5) = 2
    assert_returns(0.4, average_precision_at_k, ["a", "b"], relevant, 10)  # min(10, 5) = 5
    assert_returns((1 / 2) / 2, average_precision_at_k, ["x", "a"], {"a", "b"}, 3)


@pins("average_precision")
def test_ap_at_k_ignores_hits_after_position_k():
    assert_returns(
        (1 + 2 / 3) / 3, average_precision_at_k, ["a", "x", "b", "c"], {"a", "b", "c"}, 3
    )
    assert_returns(0.0, average_precision_at_k, ["x", "a"], {"a"}, 1)


@pins("nothing_relevant")
def test_nothing_relevant_or_nothing_recommended_scores_zero():
    assert_returns(0.0, recall_at_k, RECOMMENDED, set(), 3)
    assert_returns(0.0, recall_at_k, RECOMMENDED, [], 3)
    assert_returns(0.0, ndcg_at_k, RECOMMENDED, {}, 3)
    assert_returns(0.0, ndcg_at_k, RECOMMENDED, {"a": 0, "b": 0}, 3)
    assert_returns(0.0, average_precision_at_k, RECOMMENDED, set(), 3)
    for fn, truth in (
        (precision_at_k, RELEVANT),
        (recall_at_k, RELEVANT),
        (ndcg_at_k, GAINS),
        (average_precision_at_k, RELEVANT),
    ):
        assert_returns(0.0, fn, [], truth, 3)


@pins("tolerance")
def test_values_are_full_precision_not_rounded():
    assert_returns(1 / 7, precision_at_k, ["a"], {"a"}, 7, tol=REL)
    assert_returns(1 / 7, recall_at_k, ["a"], set("abcdefg"), 5, tol=REL)
    assert_returns(1 / 3 / 7, average_precision_at_k, ["x", "y", "a"], set("abcdefg"), 7, tol=REL)
    ideal = dcg([5, 3])
    assert_returns(dcg([0, 5]) / ideal, ndcg_at_k, ["x", "a"], {"a": 5, "b": 3}, 2, tol=REL)


@pins("errors")
def test_k_below_one_raises_naming_k():
    for fn, truth in (
        (precision_at_k, RELEVANT),
        (recall_at_k, RELEVANT),
        (ndcg_at_k, GAINS),
        (average_precision_at_k, RELEVANT),
    ):
        assert_raises(ValueError, fn, RECOMMENDED, truth, 0, match="0")
        assert_raises(ValueError, fn, RECOMMENDED, truth, -3, match="-3")


@pins("errors")
def test_a_repeated_recommendation_raises_naming_the_item():
    for fn, truth in (
        (precision_at_k, RELEVANT),
        (recall_at_k, RELEVANT),
        (ndcg_at_k, GAINS),
        (average_precision_at_k, RELEVANT),
    ):
        assert_raises(ValueError, fn, ["a", "zed", "b", "zed"], truth, 2, match="zed")
        assert_raises(ValueError, fn, ["a", "b", "a"], truth, 5, match="'a'")


@pins("errors")
def test_k_is_checked_before_repeats_and_repeats_before_gains():
    for fn, truth in (
        (precision_at_k, RELEVANT),
        (recall_at_k, RELEVANT),
        (ndcg_at_k, GAINS),
        (average_precision_at_k, RELEVANT),
    ):
        assert_raises(ValueError, fn, ["zed", "zed"], truth, -5, match="-5")
        assert_raises(ValueError, fn, [], set(), -4, match="-4")
    assert_raises(ValueError, ndcg_at_k, ["zed", "zed"], {"a": -1}, 2, match="zed")


@pins("no_mutation")
def test_inputs_are_not_modified_even_with_a_relevant_list_with_repeats():
    twice = ["b", "a", "b", "d", "a"]
    assert_returns(1 / 3, precision_at_k, RECOMMENDED, twice, 3)
    assert_returns(2 / 3, recall_at_k, RECOMMENDED, twice, 4)
    assert_returns((1 / 2 + 2 / 4) / 3, average_precision_at_k, RECOMMENDED, twice, 4)
    gains = {"c": 1, "a": 3, "b": 2, "z": 0}
    expected = (1 + 3 / math.log2(3)) / (3 + 2 / math.log2(3) + 1 / 2)
    assert_returns(expected, ndcg_at_k, ["c", "a", "x", "b"], gains, 3, tol=REL)
    assert_returns(1 / 3, average_precision_at_k, RECOMMENDED, {"a", "b", "d"}, 4)


@pins("stateless")
def test_a_second_call_with_other_gains_gets_its_own_answer():
    assert_returns(1.0, ndcg_at_k, ["a", "b"], {"a": 2, "b": 1}, 2, tol=REL)
    expected = (1 + 3 / math.log2(3)) / (3 + 1 / math.log2(3))
    assert_returns(expected, ndcg_at_k, ["a", "b"], {"a": 1, "b": 3}, 2, tol=REL)
    assert_returns(0.5, recall_at_k, ["a"], {"a", "b"}, 2)
    assert_returns(1.0, recall_at_k, ["a"], {"a"}, 2)


UNIVERSE = ["a", "b", "c", "d", "e", "f", "g", "é"]


@pins("precision", "recall", "relevant_as_set", "ndcg", "average_precision")
@derandomized(max_examples=80)
@given(
    recommended=st.lists(st.sampled_from(UNIVERSE), unique=True, max_size=7),
    relevant=st.lists(st.sampled_from(UNIVERSE), max_size=8),
    as_set=st.booleans(),
    gains=st.dictionaries(
        st.sampled_from(UNIVERSE), st.sampled_from([0, 1, 2, 3, 0.5]), max_size=6
    ),
    k=st.integers(1, 9),
)
def test_matches_brute_force_definitions(recommended, relevant, as_set, gains, k):
    truth = set(relevant) if as_set else relevant
    hits = len(set(recommended[:k]) & set(relevant))
    assert_returns(hits / k, precision_at_k, recommended, truth, k, tol=REL)
    recall = hits / len(set(relevant)) if relevant else 0.0
    assert_returns(recall, recall_at_k, recommended, truth, k, tol=REL)
    assert_returns(
        brute_force_ndcg(recommended, gains, k), ndcg_at_k, recommended, gains, k, tol=REL
    )
    assert_returns(
        brute_force_ap(recommended, truth, k),
        average_precision_at_k,
        recommended,
        truth,
        k,
        tol=REL,
    )


def big_lists():
    """100,000 recommendations; 50,000 relevant ids (a list, half of them recommended)."""
    rng = random.Random(1)
    recommended = [f"t{i}" for i in range(100_000)]
    relevant = [f"t{i}" for i in rng.sample(range(200_000), 50_000)]
    hits = [f"t{i}" for i in range(0, 100_000, 2)]  # every other recommendation is relevant
    gains = {f"t{i}": rng.randint(0, 4) for i in range(150_000)}
    return recommended, relevant, hits, gains


@pins("scale_n")
def test_scale_membership_against_a_50000_item_relevant_list():
    recall_at_k(RECOMMENDED, RELEVANT, 1)  # fail fast, before building the large input
    recommended, relevant, _, _ = workload("ranking_lists", big_lists)
    k = 100_000
    assert_scales(
        lambda: (
            precision_at_k(recommended, relevant, k),
            recall_at_k(recommended, relevant, k),
            average_precision_at_k(recommended, relevant, 1_000),
        ),
        lambda: (
            ref_hits(recommended, relevant, k),
            ref_hits(recommended, relevant, k),
            ref_ap(recommended, relevant, 1_000),
        ),
        factor=10,
        what="precision, recall and AP@1000 on 100,000 recommendations vs 50,000 relevant ids",
        advice="Build set(relevant) once and test membership in the set; find repeated "
        "recommendations with one set or Counter, not list.count per item.",
    )


@pins("scale_k")
def test_scale_ap_at_k_with_k_100000_and_50000_hits():
    average_precision_at_k(RECOMMENDED, RELEVANT, 1)
    recommended, _, hits, _ = workload("ranking_lists", big_lists)
    hit_set = set(hits)
    assert_scales(
        lambda: average_precision_at_k(recommended, hit_set, 100_000),
        lambda: ref_ap(recommended, hit_set, 100_000),
        factor=10,
        what="average_precision_at_k with k=100,000 and 50,000 hits",
        advice="Walk the top k once with a running hit count; do not recompute precision@i "
        "(or slice the list) at every hit.",
    )


@pins("scale_gains")
def test_scale_ndcg_with_150000_gains_and_k_100000():
    ndcg_at_k(RECOMMENDED, GAINS, 1)
    recommended, _, _, gains = workload("ranking_lists", big_lists)
    assert_scales(
        lambda: ndcg_at_k(recommended, gains, 100_000),
        lambda: ref_ndcg(recommended, gains, 100_000),
        factor=10,
        what="ndcg_at_k with 150,000 gains and k=100,000",
        advice="Build the ideal list with one sort of the positive gains (or heapq.nlargest); "
        "do not pick the largest remaining gain k times.",
    )
