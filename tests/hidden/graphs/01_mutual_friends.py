"""Hidden tests for graphs/01_mutual_friends: `suggest_friends(friends, user, k)`."""

from collections import Counter

import networkx as nx
import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from workbook.contract import pins
from workbook.grading.asserts import (
    assert_raises,
    assert_returns,
    assert_type,
)
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales, workload

TINY = {
    "ana": {"bo", "cy"},
    "bo": {"ana", "cy", "dev"},
    "cy": {"ana", "bo", "dev", "eli"},
    "dev": {"bo", "cy"},
    "eli": {"cy"},
}
FANS = [f"fan{i:02d}" for i in range(30)]
# "me" has one friend, "hub", who has 30 other friends: 30 candidates tied at one mutual friend.
STAR = {"me": {"hub"}, "hub": {"me", *FANS}, **{fan: {"hub"} for fan in FANS}}


def reference(friends, user, k):
    direct = set(friends.get(user, ())) - {user}
    mutual = Counter(
        c for f in direct for c in set(friends.get(f, ())) if c != user and c not in direct
    )
    return sorted(mutual.items(), key=lambda item: (-item[1], item[0]))[:k]


def oracle(edges: list[tuple[int, int]], user: int, k: int) -> list[tuple[str, int]]:
    """networkx's common neighbours of `user` with every node that is not `user` or a friend."""
    graph = nx.Graph((a, b) for a, b in edges if a != b)
    if user not in graph:
        return []
    counts = [
        (f"u{other}", len(list(nx.common_neighbors(graph, user, other))))
        for other in graph
        if other != user and not graph.has_edge(user, other)
    ]
    return sorted([c for c in counts if c[1]], key=lambda item: (-item[1], item[0]))[:k]


def adjacency(edges: list[tuple[int, int]], repeat: int = 1) -> dict[str, list[str]]:
    friends: dict[str, list[str]] = {}
    for a, b in edges:
        friends.setdefault(f"u{a}", []).extend([f"u{b}"] * repeat)
        if a != b:
            friends.setdefault(f"u{b}", []).extend([f"u{a}"] * repeat)
    return friends


@pins("ordering", "counting", "candidates")
def test_example_from_the_statement():
    assert_returns([("dev", 2), ("eli", 1)], suggest_friends, TINY, "ana", 2)


@pins("returns")
def test_returns_a_list_of_str_int_tuples():
    result = suggest_friends(TINY, "ana", 2)
    assert_type(result, list, 'suggest_friends(TINY, "ana", 2)')
    for pair in result:
        assert_type(pair, tuple, 'an item of suggest_friends(TINY, "ana", 2)')
        assert_type(pair[0], str, 'a candidate in suggest_friends(TINY, "ana", 2)')
        assert_type(pair[1], int, 'a count in suggest_friends(TINY, "ana", 2)')
    assert_returns([("dev", 2), ("eli", 1)], suggest_friends, TINY, "ana", 2)


@pins("ordering")
def test_equal_counts_are_ordered_by_candidate_id():
    assert_returns([(fan, 1) for fan in FANS], suggest_friends, STAR, "me", 30)


@pins("top_k", "ordering")
def test_a_tie_at_the_top_k_cut_keeps_the_smallest_ids():
    assert_returns([(fan, 1) for fan in FANS[:5]], suggest_friends, STAR, "me", 5)
    assert_returns([("fan00", 1)], suggest_friends, STAR, "me", 1)


@pins("candidates")
def test_excludes_the_user_and_existing_friends():
    assert_returns([("eli", 1)], suggest_friends, TINY, "bo", 10)
    assert_returns([("ana", 1), ("bo", 1), ("dev", 1)], suggest_friends, TINY, "eli", 10)


@pins("candidates")
def test_people_without_a_mutual_friend_are_not_candidates():
    friends = {**TINY, "solo": {"max"}, "max": {"solo"}}
    assert_returns([("dev", 2), ("eli", 1)], suggest_friends, friends, "ana", 10)


@pins("unknown_user")
def test_unknown_user_or_user_without_friends_gets_nothing():
    assert_returns([], suggest_friends, {**TINY, "new": set()}, "new", 5)
    assert_returns([], suggest_friends, TINY, "zoë", 5)


@pins("top_k")
def test_k_zero_and_k_beyond_the_candidates():
    assert_returns([], suggest_friends, TINY, "ana", 0)
    assert_returns([("dev", 2), ("eli", 1)], suggest_friends, TINY, "ana", 100)


@pins("errors")
def test_negative_k_raises_value_error_naming_k():
    assert_raises(ValueError, suggest_friends, TINY, "ana", -1, match="-1")
    assert_raises(ValueError, suggest_friends, TINY, "ana", -7, match="-7")


@pins("errors")
def test_negative_k_is_checked_before_the_user_is_looked_up():
    assert_raises(ValueError, suggest_friends, TINY, "zoë", -1, match="-1")
    assert_raises(ValueError, suggest_friends, {}, "ana", -2, match="-2")


@pins("counting")
def test_a_friend_listed_twice_counts_once():
    friends = {user: sorted(others) * 2 for user, others in TINY.items()}
    assert_returns([("dev", 2), ("eli", 1)], suggest_friends, friends, "ana", 5)


@pins("no_mutation")
def test_friends_are_not_modified_even_with_a_self_listing():
    friends = {user: set(others) for user, others in TINY.items()}
    friends["ana"].add("ana")  # the dirty data the statement describes
    friends["cy"] = ["ana", "bo", "dev", "eli", "cy"]
    assert_returns([("dev", 2), ("eli", 1)], suggest_friends, friends, "ana", 5)


@pins("stateless")
def test_a_second_graph_gets_its_own_answer():
    assert_returns([("dev", 2), ("eli", 1)], suggest_friends, TINY, "ana", 5)
    changed = {**TINY, "ana": {"bo"}, "bo": {"ana", "cy", "dev"}, "cy": {"bo", "dev", "eli"}}
    assert_returns([("cy", 1), ("dev", 1)], suggest_friends, changed, "ana", 5)


@pins("counting")
def test_karate_club_members_0_and_33_share_four_friends():
    # Zachary's karate club (bundled with networkx): 0 and 33 share exactly 8, 13, 19 and 31.
    graph = nx.karate_club_graph()
    friends = {f"u{n}": {f"u{m}" for m in graph[n]} for n in graph}
    result = suggest_friends(friends, "u0", 50)
    assert_type(result, list, 'suggest_friends(karate, "u0", 50)')
    assert_returns(4, lambda: dict(result).get("u33"))


EDGES = st.lists(st.tuples(st.integers(0, 11), st.integers(0, 11)), max_size=40)


@pins("candidates", "counting", "ordering", "top_k")
@derandomized(max_examples=80)
@given(edges=EDGES, user=st.integers(0, 13), k=st.integers(0, 8), repeat=st.integers(1, 2))
def test_matches_networkx_common_neighbours_on_random_graphs(edges, user, k, repeat):
    friends = adjacency(edges, repeat)
    assert_returns(oracle(edges, user, k), suggest_friends, friends, f"u{user}", k)


@pins("scale")
def big_graph() -> tuple[dict[str, set[str]], list[str]]:
    """10^5 users, 300,000 random friendships, and u0 with 20,000 friends; 50 users to query."""
    rng = np.random.default_rng(1)
    n = 100_000
    a, b = rng.integers(0, n, 300_000).tolist(), rng.integers(0, n, 300_000).tolist()
    friends = {f"u{i}": set() for i in range(n)}
    for x, y in zip(a + [0] * 20_000, b + rng.integers(1, n, 20_000).tolist(), strict=True):
        if x != y:
            friends[f"u{x}"].add(f"u{y}")
            friends[f"u{y}"].add(f"u{x}")
    fans = sorted(friends["u0"])[:5]  # friends of the 20,000-friend account
    hub = friends["u0"] | {"u0"}
    near = [f for fan in fans for f in sorted(friends[fan]) if f not in hub][:20]
    others = [f"u{i}" for i in rng.integers(1_000, n, 40) if f"u{i}" not in hub][:25]
    return friends, fans + near + others  # `near` has the big account as a candidate


@pins("scale")
def test_scale_stays_near_friends_of_friends_with_a_20000_friend_account():
    suggest_friends(TINY, "ana", 1)  # fail fast, before building the large input
    friends, users = workload("mutual_friends", big_graph)
    assert_scales(
        lambda: [suggest_friends(friends, u, 10) for u in users],
        lambda: [reference(friends, u, 10) for u in users],
        factor=10,
        what="50 calls on a 100,000-user graph, next to a 20,000-friend account",
        advice="Count along user -> friend -> candidate once; do not scan every user or "
        "intersect each candidate's whole friend list.",
    )
