"""Hidden tests for experimentation_ml/09_design_podcast_search: the in-batch softmax loss,
recall@k, dense search with a term fallback against a brute force, and the estimates."""

import math

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from workbook.compare import Tolerance
from workbook.contract import pins
from workbook.grading.asserts import assert_raises, assert_returns
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales, workload

CLOSE = Tolerance(rel=1e-12, abs=1e-12)
S_EXAMPLE = np.array([[2.0, 0.0, 0.0], [0.0, 2.0, 0.0], [1.0, 1.0, 1.0]])
EPISODES = np.array([[1.0, 0.0], [0.8, 0.6], [0.0, 1.0], [0.0, 0.0], [-1.0, 0.0]])
TERMS = [{"electric", "cars"}, {"climate"}, {"true", "crime"}, {"electric", "climate"}, {"cooking"}]


def loss_oracle(S, temperature=1.0):
    total = 0.0
    for i, row in enumerate(S):
        logits = [x / temperature for x in row]
        top = max(logits)
        total += top + math.log(sum(math.exp(x - top) for x in logits)) - logits[i]
    return float(total / len(S))


def search_oracle(q, q_terms, vectors, terms, k, min_cosine=0.3):
    scored = []
    for i, v in enumerate(vectors):
        nv, nq = math.sqrt(sum(x * x for x in v)), math.sqrt(sum(x * x for x in q))
        if nv > 0 and nq > 0:
            cos = sum(a * b for a, b in zip(v, q, strict=True)) / (nv * nq)
            if cos >= min_cosine:
                scored.append((-cos, i))
    chosen = [i for _, i in sorted(scored)][:k]
    rest = sorted(
        (-len(q_terms & t), i) for i, t in enumerate(terms) if i not in chosen and q_terms & t
    )
    return chosen + [i for _, i in rest][: k - len(chosen)]


# --- loss -------------------------------------------------------------------------------------


@pins("loss")
def test_loss_of_the_worked_example_and_its_temperature():
    assert_returns(0.5259006070372929, in_batch_softmax_loss, S_EXAMPLE, tol=CLOSE)
    assert_returns(loss_oracle(S_EXAMPLE, 0.5), in_batch_softmax_loss, S_EXAMPLE, 0.5, tol=CLOSE)
    assert_returns(math.log(4), in_batch_softmax_loss, np.zeros((4, 4)), tol=CLOSE)


@pins("loss")
def test_loss_is_stable_for_huge_similarities():
    assert_returns(
        loss_oracle(S_EXAMPLE * 5_000), in_batch_softmax_loss, S_EXAMPLE * 5_000, tol=CLOSE
    )
    assert_returns(
        loss_oracle(S_EXAMPLE * 10, 0.001), in_batch_softmax_loss, S_EXAMPLE * 10, 0.001, tol=CLOSE
    )


@pins("loss")
@derandomized(max_examples=80)
@given(
    st.integers(1, 6).flatmap(
        lambda n: st.lists(
            st.lists(st.floats(-20, 20), min_size=n, max_size=n), min_size=n, max_size=n
        )
    ),
    st.sampled_from([0.05, 1.0, 3.0]),
)
def test_loss_equals_its_definition(rows, temperature):
    S = np.array(rows)
    assert_returns(
        loss_oracle(S, temperature),
        in_batch_softmax_loss,
        S,
        temperature,
        tol=Tolerance(rel=1e-9, abs=1e-9),
    )


@pins("loss_errors")
def test_loss_rejects_bad_shapes_and_temperatures():
    assert_raises(ValueError, in_batch_softmax_loss, np.ones((2, 3)), match="(2, 3)")
    assert_raises(ValueError, in_batch_softmax_loss, np.ones((0, 0)), match="(0, 0)")
    assert_raises(ValueError, in_batch_softmax_loss, S_EXAMPLE, 0.0, match="0.0")


# --- recall -------------------------------------------------------------------------------------


@pins("recall")
def test_recall_at_k_examples_and_errors():
    assert_returns(0.75, recall_at_k, [[3, 1, 2], [5]], [{1, 9}, {5}], 2)
    assert_returns(0.0, recall_at_k, [[3, 1, 2], [7, 5]], [{1, 9}, {5}], 1)
    assert_returns(1.0, recall_at_k, [[1, 1, 2]], [{1, 2}], 3)
    assert_raises(ValueError, recall_at_k, [[1]], [set()], 1)
    assert_raises(ValueError, recall_at_k, [[1]], [{1}, {2}], 1)
    assert_raises(ValueError, recall_at_k, [[1]], [{1}], 0, match="0")


# --- search ---------------------------------------------------------------------------------


@pins("search")
def test_search_of_the_statement_examples():
    assert_returns(
        [0, 1, 3], search_episodes, np.array([1.0, 0.0]), {"climate"}, EPISODES, TERMS, 3
    )
    assert_returns(
        [3, 0], search_episodes, np.array([0.0, 0.0]), {"electric", "climate"}, EPISODES, TERMS, 2
    )
    assert_returns([0, 1], search_episodes, np.array([1.0, 0.0]), {"climate"}, EPISODES, TERMS, 2)


@pins("search")
def test_the_cosine_threshold_is_inclusive_and_a_parameter():
    # cos(episode 1) = 0.8 exactly, cos(episode 2) = 0.0
    assert_returns([0, 1], search_episodes, np.array([1.0, 0.0]), set(), EPISODES, TERMS, 5, 0.8)
    assert_returns([0], search_episodes, np.array([1.0, 0.0]), set(), EPISODES, TERMS, 5, 0.81)
    assert_returns([0, 1, 2], search_episodes, np.array([1.0, 0.0]), set(), EPISODES, TERMS, 5, 0.0)
    # the default threshold is 0.3: a cosine of 1 / sqrt(5) = 0.447 is in
    plain = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0]])
    assert_returns([1, 0], search_episodes, np.array([1.0, 2.0]), set(), plain, [set()] * 3, 3)


@pins("search")
@derandomized(max_examples=60, shrink=False)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([(1, 0), (0, 1), (-1, 0), (3, 4), (0, 0), (2, 0)]),
            st.sets(st.sampled_from("abcd"), max_size=3),
        ),
        min_size=1,
        max_size=10,
    ),
    st.sampled_from([(1.0, 0.0), (0.0, 1.0), (0.0, 0.0), (6.0, 8.0)]),
    st.sets(st.sampled_from("abcd"), max_size=3),
    st.integers(1, 8),
    st.sampled_from([0.0, 0.3, 0.6]),
)
def test_search_equals_a_brute_force(episodes, q, q_terms, k, min_cosine):
    vectors = np.array([v for v, _ in episodes], dtype=float)
    terms = [t for _, t in episodes]
    expected = search_oracle(q, q_terms, vectors.tolist(), terms, k, min_cosine)
    assert_returns(expected, search_episodes, np.array(q), q_terms, vectors, terms, k, min_cosine)


# --- estimates --------------------------------------------------------------------------------


@pins("estimates")
def test_estimates_of_the_statement():
    assert_returns(5_000_000 * (768 * 4 + 128), index_memory_bytes, 5_000_000, 768)
    assert_returns(1_000 * (64 + 16 * 4), index_memory_bytes, 1_000, 64, 16, 1)
    assert_returns(6, replicas_needed, 2_000, 400)
    assert_returns(4, replicas_needed, 2.1, 0.7)  # 2.1 / 0.7 is 3.0000000000000004
    assert_returns(3, replicas_needed, 2_001, 1_000, 0)
    assert_returns(2, replicas_needed, 0, 100, 2)


@pins("estimate_errors")
def test_estimates_reject_impossible_inputs():
    assert_raises(ValueError, index_memory_bytes, -1, 768, match="-1")
    assert_raises(ValueError, index_memory_bytes, 10, 0, match="0")
    assert_raises(ValueError, replicas_needed, 10, 0, match="0")
    assert_raises(ValueError, replicas_needed, -5, 10, match="-5")
    assert_raises(ValueError, replicas_needed, 10, 10, -1, match="-1")


# --- scale --------------------------------------------------------------------------------------


@pins("scale")
def test_scale_search_over_500000_episodes():
    vectors = workload(
        "500,000 x 32 episodes", lambda: np.random.default_rng(2).normal(0, 1, (500_000, 32))
    )
    terms = [set()] * 500_000
    q = np.ones(32)

    def reference():
        cos = (vectors @ q) / (np.linalg.norm(vectors, axis=1) * np.linalg.norm(q))
        keep = np.flatnonzero(cos >= 0.3)
        return keep[np.lexsort((keep, -cos[keep]))][:10]

    assert_scales(
        lambda: search_episodes(q, set(), vectors, terms, 10),
        reference,
        factor=5,
        what="search_episodes over 500,000 episodes x 32 dimensions",
        advice="Score every episode at once (episode_vectors @ query / norms) and sort only the "
        "ones above the threshold; never loop over episodes in Python.",
    )
