"""Hidden tests for graphs/01_mutual_friends: `suggest_friends(friends, user, k)`."""

import copy
import random
from collections import Counter

import networkx as nx
import numpy as np

from workbook.grading.asserts import assert_equal, assert_raises, assert_scales, assert_type

TINY = {
    "ana": {"bo", "cy"},
    "bo": {"ana", "cy", "dev"},
    "cy": {"ana", "bo", "dev", "eli"},
    "dev": {"bo", "cy"},
    "eli": {"cy"},
}


def as_adjacency(graph: nx.Graph) -> dict[str, set[str]]:
    return {f"u{n}": {f"u{m}" for m in graph[n]} for n in graph}


def oracle(graph: nx.Graph, user, k):
    """networkx's common neighbours of `user` with every non-adjacent node."""
    counts = []
    for other in graph:
        if other == user or graph.has_edge(user, other):
            continue
        shared = len(list(nx.common_neighbors(graph, user, other)))
        if shared:
            counts.append((f"u{other}", shared))
    return sorted(counts, key=lambda item: (-item[1], item[0]))[:k]


def reference(friends, user, k):
    direct = set(friends.get(user, ())) - {user}
    mutual = Counter(c for f in direct for c in friends.get(f, ()) if c != user and c not in direct)
    return sorted(mutual.items(), key=lambda item: (-item[1], item[0]))[:k]


def test_example_from_the_statement():
    assert_equal(
        suggest_friends(TINY, "ana", 2), [("dev", 2), ("eli", 1)], 'suggest_friends(TINY, "ana", 2)'
    )


def test_returns_a_list_of_pairs():
    result = suggest_friends(TINY, "ana", 2)
    assert_type(result, list, 'suggest_friends(TINY, "ana", 2)')
    assert all(isinstance(pair, tuple) and len(pair) == 2 for pair in result), result


def test_ties_broken_by_user_id():
    friends = {
        "me": {"hub"},
        "hub": {"me", "zed", "amy", "kim"},
        "zed": {"hub"},
        "amy": {"hub"},
        "kim": {"hub"},
    }
    assert_equal(
        suggest_friends(friends, "me", 3),
        [("amy", 1), ("kim", 1), ("zed", 1)],
        'suggest_friends(friends, "me", 3)',
    )


def test_excludes_the_user_and_existing_friends():
    result = dict(suggest_friends(TINY, "bo", 10))
    assert "bo" not in result and not result.keys() & TINY["bo"], result
    assert_equal(suggest_friends(TINY, "bo", 10), [("eli", 1)], 'suggest_friends(TINY, "bo", 10)')


def test_user_without_friends_or_unknown_user_gets_nothing():
    assert_equal(
        suggest_friends({**TINY, "new": set()}, "new", 5), [], 'suggest_friends(..., "new", 5)'
    )
    assert_equal(suggest_friends(TINY, "zoë", 5), [], 'suggest_friends(TINY, "zoë", 5)')


def test_k_zero_and_k_beyond_the_candidates():
    assert_equal(suggest_friends(TINY, "ana", 0), [], 'suggest_friends(TINY, "ana", 0)')
    assert_equal(
        suggest_friends(TINY, "ana", 100),
        [("dev", 2), ("eli", 1)],
        'suggest_friends(TINY, "ana", 100)',
    )


def test_negative_k_raises_value_error():
    assert_raises(
        ValueError, lambda: suggest_friends(TINY, "ana", -1), 'suggest_friends(TINY, "ana", -1)'
    )


def test_candidates_need_at_least_one_mutual_friend():
    friends = {**TINY, "solo": {"max"}, "max": {"solo"}}
    assert_equal(
        suggest_friends(friends, "ana", 10),
        [("dev", 2), ("eli", 1)],
        'suggest_friends(friends, "ana", 10)',
    )


def test_friends_given_as_lists_are_counted_once():
    friends = {user: sorted(others) * 2 for user, others in TINY.items()}
    assert_equal(
        suggest_friends(friends, "ana", 5),
        [("dev", 2), ("eli", 1)],
        "suggest_friends with duplicate listings",
    )


def test_input_is_not_modified():
    friends = copy.deepcopy(TINY)
    suggest_friends(friends, "ana", 3)
    assert friends == TINY, "suggest_friends modified its friends argument"


def test_karate_club_mutual_friends_match_the_published_anchor():
    # Zachary's karate club: members 0 and 33 are not friends and share exactly 8, 13, 19, 31.
    result = dict(suggest_friends(as_adjacency(nx.karate_club_graph()), "u0", 50))
    assert_equal(result.get("u33"), 4, 'mutual friends of "u0" and "u33" in the karate club')


def test_matches_networkx_common_neighbours_on_random_power_law_graphs():
    rng = random.Random(7)
    for seed in range(6):
        graph = nx.powerlaw_cluster_graph(200, 3, 0.3, seed=seed)
        friends = as_adjacency(graph)
        for user in rng.sample(sorted(graph), 5):
            k = rng.choice([1, 5, 20])
            assert_equal(
                suggest_friends(friends, f"u{user}", k),
                oracle(graph, user, k),
                f'suggest_friends(graph{seed}, "u{user}", {k})',
            )


def test_scale_100k_users_touches_only_friends_of_friends():
    suggest_friends(TINY, "ana", 1)  # fail fast, before building the large input
    rng = np.random.default_rng(1)
    n = 100_000
    popularity = np.arange(1, n + 1) ** -0.8
    popularity /= popularity.sum()
    a, b = rng.choice(n, 400_000, p=popularity), rng.integers(0, n, 400_000)
    friends = {f"u{i}": set() for i in range(n)}
    for x, y in zip(a.tolist(), b.tolist(), strict=True):
        if x != y:
            friends[f"u{x}"].add(f"u{y}")
            friends[f"u{y}"].add(f"u{x}")
    users = [f"u{i}" for i in rng.integers(1_000, n, 50)]
    assert_scales(
        lambda: [suggest_friends(friends, u, 10) for u in users],
        lambda: [reference(friends, u, 10) for u in users],
        factor=10,
        what="50 calls on a 100,000-user graph",
    )
