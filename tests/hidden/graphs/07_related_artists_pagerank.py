"""Hidden tests for graphs/07_related_artists_pagerank: `personalized_pagerank(related, seed, ...)`."""

import networkx as nx
import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

from workbook.compare import Tolerance
from workbook.contract import pins
from workbook.grading.asserts import (
    assert_equal,
    assert_raises,
    assert_returns,
    assert_type,
)
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales, workload

RELATED = {
    "Robyn": ["Lykke Li", "Tove Lo"],
    "Lykke Li": ["Tove Lo"],
    "Tove Lo": [],
}
EXAMPLE = {
    "Robyn": 0.45223280658663706,
    "Lykke Li": 0.19219873286511846,
    "Tove Lo": 0.3555684605482446,
}
NEAR = Tolerance(rel=0, abs=1e-9)  # same iterates as networkx, up to summation order


def oracle(related, seed, alpha=0.85, tol=1e-6, max_iter=100):
    """networkx's own pure-Python power iteration (nx.pagerank itself needs scipy), on a
    DiGraph of every artist, duplicates collapsed and self-links dropped. None if it fails."""
    graph = nx.DiGraph()
    graph.add_nodes_from(related)
    for artist, others in related.items():
        graph.add_nodes_from(others)
        graph.add_edges_from((artist, other) for other in others if other != artist)
    try:
        scores = _pagerank_python(
            graph, alpha=alpha, personalization={seed: 1}, tol=tol, max_iter=max_iter
        )
    except nx.PowerIterationFailedConvergence:
        return None
    return {artist: float(score) for artist, score in scores.items()}


def assert_does_not_converge(related, seed, alpha, tol, max_iter):
    """RuntimeError naming max_iter. The stub's NotImplementedError is a RuntimeError too:
    a first call lets it surface as "not implemented" instead of passing for the error."""
    personalized_pagerank({"Solo": []}, "Solo")
    assert_raises(
        RuntimeError,
        personalized_pagerank,
        related,
        seed,
        alpha,
        tol,
        max_iter,
        match=str(max_iter),
    )


def converges_at(related, seed, alpha, tol, k) -> bool:
    """Whether networkx's loop stops at exactly iteration k: it returns with k, not with k - 1."""
    return oracle(related, seed, alpha, tol, k) is not None and (
        k == 1 or oracle(related, seed, alpha, tol, k - 1) is None
    )


def exact(related, seed, alpha):
    """The fixed point itself, by a dense linear solve (an oracle independent of any loop)."""
    artists = list(related) + sorted({o for os in related.values() for o in os} - set(related))
    index = {a: i for i, a in enumerate(artists)}
    n = len(artists)
    step = np.zeros((n, n))
    for artist, others in related.items():
        links = {index[o] for o in others} - {index[artist]}
        for j in links:
            step[index[artist], j] = 1 / len(links)
    s = index[seed]
    step[step.sum(axis=1) == 0, s] = 1.0  # dead ends go to the seed
    teleport = np.zeros(n)
    teleport[s] = 1 - alpha
    x = np.linalg.solve((np.eye(n) - alpha * step).T, teleport)
    return dict(zip(artists, x.tolist(), strict=True))


def reference(related, seed, alpha=0.85, tol=1e-6, max_iter=100):
    """The scale tests' yardstick: edge arrays and np.bincount."""
    index = {a: i for i, a in enumerate(related)}
    artists = list(related)
    for others in related.values():
        for other in others:
            if other not in index:
                index[other] = len(artists)
                artists.append(other)
    sources, targets = [], []
    for artist, others in related.items():
        i = index[artist]
        links = {index[o] for o in others}
        links.discard(i)
        sources += [i] * len(links)
        targets += links
    src, dst = np.array(sources, dtype=np.intp), np.array(targets, dtype=np.intp)
    n = len(artists)
    degree = np.bincount(src, minlength=n)
    share, dangling, s = 1.0 / degree[src], degree == 0, index[seed]
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        last = x
        x = alpha * np.bincount(dst, weights=last[src] * share, minlength=n)
        x[s] += alpha * last[dangling].sum() + 1.0 - alpha
        if np.abs(x - last).sum() < n * tol:
            return dict(zip(artists, x.tolist(), strict=True))
    raise RuntimeError(max_iter)


@pins("iteration", "dangling", "convergence")
def test_example_from_the_statement():
    assert_returns(EXAMPLE, personalized_pagerank, RELATED, "Robyn", tol=NEAR)
    assert_returns(oracle(RELATED, "Robyn"), personalized_pagerank, RELATED, "Robyn", tol=NEAR)


@pins("returns")
def test_returns_a_dict_of_python_floats_for_every_artist():
    scores = personalized_pagerank(RELATED, "Tove Lo")
    assert_type(scores, dict, 'personalized_pagerank(RELATED, "Tove Lo")')
    for artist, score in scores.items():
        assert_type(
            score, float, f'scores[{artist!r}] of personalized_pagerank(RELATED, "Tove Lo")'
        )
    # Robyn and Lykke Li end at exactly 0.0 and must still be there
    assert_returns({"Robyn": 0.0, "Lykke Li": 0.0, "Tove Lo": 1.0}, lambda: scores)
    assert_returns({"Solo": 1.0}, personalized_pagerank, {"Solo": []}, "Solo")


@pins("artists")
def test_an_artist_only_named_in_a_list_is_a_dead_end_and_can_be_the_seed():
    # "Tove Lo" is not a key: she is an artist without related artists, as in RELATED
    named_only = {"Robyn": ["Lykke Li", "Tove Lo"], "Lykke Li": ["Tove Lo"]}
    assert_returns(EXAMPLE, personalized_pagerank, named_only, "Robyn", tol=NEAR)
    assert_returns(
        {"Robyn": 0.0, "Lykke Li": 0.0, "Tove Lo": 1.0},
        personalized_pagerank,
        named_only,
        "Tove Lo",
        tol=NEAR,
    )


@pins("artists", "iteration")
def test_n_counts_artists_named_only_in_lists():
    # four artists, two of them never a key: the start is 1/4 each and tol * n uses n = 4
    related = {"Mø": ["Major Lazer", "Diplo"], "Major Lazer": ["Diplo", "Mø"]}
    assert_returns(oracle(related, "Mø"), personalized_pagerank, related, "Mø", tol=NEAR)
    related = {"Björk": ["Sigur Rós"], "Sigur Rós": ["Björk", "Múm", "Ólafur Arnalds"]}
    assert_returns(
        oracle(related, "Björk", 0.85, 1e-3),
        personalized_pagerank,
        related,
        "Björk",
        0.85,
        1e-3,
        tol=NEAR,
    )


@pins("dangling")
def test_dead_ends_send_their_mass_to_the_seed_and_the_scores_sum_to_one():
    # three dead ends around a seed: classic PageRank would spread their mass over all five
    related = {"seed": ["d1", "d2", "d3"], "d1": [], "d2": [], "d3": [], "far": ["d1"]}
    scores = personalized_pagerank(related, "seed")
    assert_returns(oracle(related, "seed"), lambda: scores, tol=NEAR)
    assert_equal(sum(scores.values()), 1.0, 'sum(personalized_pagerank(related, "seed").values())')


@pins("iteration")
def test_the_jump_back_goes_to_the_seed_and_unreachable_artists_fade():
    # Björk and Sigur Rós only link to each other: from Robyn nobody reaches them, so they
    # only keep what they started with, times alpha per iteration
    related = {**RELATED, "Björk": ["Sigur Rós"], "Sigur Rós": ["Björk"]}
    scores = personalized_pagerank(related, "Robyn", 0.85, 1e-12, 500)
    assert_returns(oracle(related, "Robyn", 0.85, 1e-12, 500), lambda: scores, tol=NEAR)
    truth = exact(related, "Robyn", 0.85)
    assert_returns(truth, lambda: scores, tol=Tolerance(0, 1e-9))


@pins("iteration")
def test_alpha_at_non_default_values():
    for alpha in (0.5, 0.9, 0.99):
        expected = oracle(RELATED, "Lykke Li", alpha, 1e-8, 5_000)
        assert_returns(
            expected, personalized_pagerank, RELATED, "Lykke Li", alpha, 1e-8, 5_000, tol=NEAR
        )
    assert_returns(
        {"Robyn": 1.0, "Lykke Li": 0.0, "Tove Lo": 0.0},
        personalized_pagerank,
        RELATED,
        "Robyn",
        0.0,
    )
    assert_returns(
        {"Robyn": 1.0, "Lykke Li": 0.0, "Tove Lo": 0.0},
        personalized_pagerank,
        RELATED,
        "Robyn",
        0,
    )


@pins("dirty_data")
def test_duplicates_count_once_and_self_links_are_ignored():
    dirty = {
        "Robyn": ["Lykke Li", "Tove Lo", "Lykke Li", "Robyn"],
        "Lykke Li": ["Tove Lo", "Tove Lo"],
        "Tove Lo": ["Tove Lo"],  # only itself: a dead end
    }
    assert_returns(EXAMPLE, personalized_pagerank, dirty, "Robyn", tol=NEAR)


@pins("convergence")
def test_tol_is_scaled_by_the_number_of_artists():
    # at tol = 1e-3 on three artists the loop stops when the change is below 3e-3
    assert_returns(
        oracle(RELATED, "Robyn", 0.85, 1e-3),
        personalized_pagerank,
        RELATED,
        "Robyn",
        0.85,
        1e-3,
        tol=NEAR,
    )
    ring = {f"r{i}": [f"r{(i + 1) % 40}", f"r{(i + 7) % 40}"] for i in range(40)}
    for tol in (1e-4, 1e-6, 1e-9):
        assert_returns(
            oracle(ring, "r0", 0.85, tol), personalized_pagerank, ring, "r0", 0.85, tol, tol=NEAR
        )


@pins("convergence")
def test_the_change_must_be_strictly_below_tol_times_n():
    # alpha = 0 on two artists: iteration 1 moves (1/2, 1/2) to (1, 0), an L1 change of
    # exactly 1.0 = tol * n with tol = 0.5. Not strictly below: iteration 2 is needed.
    pair = {"a": ["b"], "b": ["a"]}
    assert_does_not_converge(pair, "a", 0.0, 0.5, 1)
    assert_returns({"a": 1.0, "b": 0.0}, personalized_pagerank, pair, "a", 0.0, 0.5, 2)
    assert_returns({"a": 1.0, "b": 0.0}, personalized_pagerank, pair, "a", 0.0, 0.50001, 1)


@pins("max_iter", "convergence")
def test_a_graph_converging_at_iteration_k_needs_exactly_k():
    assert_returns(True, lambda: converges_at(RELATED, "Robyn", 0.85, 1e-6, 25))
    assert_returns(EXAMPLE, personalized_pagerank, RELATED, "Robyn", 0.85, 1e-6, 25, tol=NEAR)
    assert_does_not_converge(RELATED, "Robyn", 0.85, 1e-6, 24)
    ring = {f"r{i}": [f"r{(i + 1) % 30}", f"r{(i + 3) % 30}"] for i in range(30)}
    assert_returns(True, lambda: converges_at(ring, "r5", 0.9, 1e-9, 144))
    expected = oracle(ring, "r5", 0.9, 1e-9, 144)
    assert_returns(expected, personalized_pagerank, ring, "r5", 0.9, 1e-9, 144, tol=NEAR)
    assert_does_not_converge(ring, "r5", 0.9, 1e-9, 143)


@pins("max_iter")
def test_no_convergence_raises_runtime_error_naming_max_iter():
    assert_does_not_converge(RELATED, "Robyn", 0.85, 1e-6, 3)
    assert_does_not_converge(RELATED, "Robyn", 0.99, 1e-15, 77)
    assert_does_not_converge(RELATED, "Robyn", 0.85, 1e-6, 1)


@pins("unknown_seed")
def test_unknown_seed_raises_key_error_naming_it():
    assert_raises(KeyError, personalized_pagerank, RELATED, "ABBA", match="ABBA")
    assert_raises(KeyError, personalized_pagerank, RELATED, "robyn", match="robyn")
    assert_raises(KeyError, personalized_pagerank, {}, "Robyn", match="Robyn")
    assert_raises(KeyError, personalized_pagerank, {"Solo": []}, "Sólo", match="Sólo")


@pins("errors")
def test_invalid_parameters_raise_value_error_naming_them():
    for kwargs, name, value in (
        ({"alpha": 1.0}, "alpha", "1.0"),
        ({"alpha": 1.5}, "alpha", "1.5"),
        ({"alpha": -0.1}, "alpha", "-0.1"),
        ({"tol": 0.0}, "tol", "0.0"),
        ({"tol": -1e-6}, "tol", "-1e-06"),
        ({"max_iter": 0}, "max_iter", "0"),
        ({"max_iter": -5}, "max_iter", "-5"),
    ):
        assert_raises(ValueError, personalized_pagerank, RELATED, "Robyn", match=name, **kwargs)
        assert_raises(ValueError, personalized_pagerank, RELATED, "Robyn", match=value, **kwargs)


@pins("errors")
def test_checks_run_in_argument_order():
    assert_raises(KeyError, personalized_pagerank, RELATED, "ABBA", 2.0, 0.0, 0, match="ABBA")
    assert_raises(KeyError, personalized_pagerank, {}, "ABBA", -1.0, match="ABBA")
    assert_raises(ValueError, personalized_pagerank, RELATED, "Robyn", 1.0, 0.0, 0, match="alpha")
    assert_raises(ValueError, personalized_pagerank, RELATED, "Robyn", 0.5, 0.0, 0, match="tol")
    assert_returns(
        {"Robyn": 1.0, "Lykke Li": 0.0, "Tove Lo": 0.0},
        personalized_pagerank,
        RELATED,
        "Robyn",
        0.0,
        1.0,
        1,
    )


@pins("no_mutation")
def test_related_is_not_modified_even_with_duplicates_and_self_links():
    dirty = {
        "Robyn": ["Lykke Li", "Robyn", "Tove Lo", "Lykke Li"],
        "Lykke Li": ["Tove Lo", "Lykke Li"],
    }
    assert_returns(EXAMPLE, personalized_pagerank, dirty, "Robyn", tol=NEAR)
    assert_returns(EXAMPLE, personalized_pagerank, {**RELATED}, "Robyn", tol=NEAR)


@pins("stateless")
def test_a_second_graph_of_the_same_size_gets_its_own_answer():
    assert_returns(EXAMPLE, personalized_pagerank, RELATED, "Robyn", tol=NEAR)
    flipped = {"Robyn": ["Tove Lo"], "Lykke Li": ["Robyn"], "Tove Lo": ["Lykke Li", "Robyn"]}
    assert_returns(oracle(flipped, "Robyn"), personalized_pagerank, flipped, "Robyn", tol=NEAR)
    assert_returns(EXAMPLE, personalized_pagerank, dict(RELATED), "Robyn", tol=NEAR)


NAMES = [f"a{i}" if i % 4 else f"å{i}" for i in range(10)]
LISTS = st.dictionaries(st.integers(0, 9), st.lists(st.integers(0, 9), max_size=5), max_size=10)


@pins("iteration", "dirty_data")
@derandomized(max_examples=30)
@given(
    lists=LISTS,
    seed=st.integers(0, 9),
    alpha=st.sampled_from([0.0, 0.5, 0.85, 0.9]),
    tol=st.sampled_from([1e-3, 1e-6, 1e-9]),
)
def test_matches_networkx_power_iteration_on_random_graphs(lists, seed, alpha, tol):
    related = {NAMES[a]: [NAMES[b] for b in others] for a, others in lists.items()}
    artists = set(related) | {b for others in related.values() for b in others}
    if NAMES[seed] not in artists:
        assert_raises(KeyError, personalized_pagerank, related, NAMES[seed], alpha, tol)
        return
    expected = oracle(related, NAMES[seed], alpha, tol)
    if expected is None:
        assert_does_not_converge(related, NAMES[seed], alpha, tol, 100)
    else:
        assert_returns(expected, personalized_pagerank, related, NAMES[seed], alpha, tol, tol=NEAR)


@pins("iteration", "dangling")
@derandomized(max_examples=20)
@given(lists=LISTS, seed=st.integers(0, 9), alpha=st.sampled_from([0.3, 0.85]))
def test_matches_the_exact_fixed_point_at_a_tight_tol(lists, seed, alpha):
    related = {NAMES[a]: [NAMES[b] for b in others] for a, others in lists.items()}
    related.setdefault(NAMES[seed], [])
    assert_returns(
        exact(related, NAMES[seed], alpha),
        personalized_pagerank,
        related,
        NAMES[seed],
        alpha,
        1e-13,
        1_000,
        tol=Tolerance(0, 1e-9),
    )


def catalogue(n: int, seed: int) -> dict[str, list[str]]:
    """n artists, 20 related each drawn from a heavy-tailed popularity: 5 % of the lists are
    empty and n / 100 more artists are only named in lists."""
    rng = np.random.default_rng(seed)
    extra = n // 100
    popularity = 1.0 / np.arange(1, n + extra + 1) ** 0.8
    picks = rng.choice(n + extra, size=(n, 20), p=popularity / popularity.sum()).tolist()
    names = [f"artist{i:06d}" for i in range(n + extra)]
    empty = set(rng.choice(n, n // 20, replace=False).tolist())
    return {names[i]: [] if i in empty else [names[j] for j in row] for i, row in enumerate(picks)}


@pins("scale")
def test_scale_100000_artists_with_20_related_each():
    personalized_pagerank(RELATED, "Robyn")  # fail fast, before building the large inputs
    advice = (
        "Index the artists once, keep the links as integer arrays (or adjacency lists) and "
        "push scores along out-links: no n x n matrix, no scan of every artist to find who "
        "links to whom."
    )
    for n, name in ((10_000, "related_artists_10k"), (100_000, "related_artists_100k")):
        related = workload(name, lambda n=n: catalogue(n, 7))
        assert_scales(
            lambda related=related: personalized_pagerank(related, "artist000042"),
            lambda related=related: reference(related, "artist000042"),
            factor=10,
            what=f"one call on {n:,} artists with 20 related artists each",
            advice=advice,
        )
