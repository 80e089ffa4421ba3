"""Hidden tests for graphs/09_collaboration_bridges: `scenes(artists, collaborations)` and
`critical_collaborations(collaborations)`."""

import networkx as nx
import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from workbook.contract import pins
from workbook.data import load_artists, load_collaborations
from workbook.grading.asserts import assert_returns, assert_type
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales, workload

COLLABORATIONS = [
    ("Avicii", "Aloe Blacc"),
    ("Avicii", "Rita Ora"),
    ("Rita Ora", "David Guetta"),
    ("David Guetta", "Avicii"),
    ("David Guetta", "Sia"),
    ("Sia", "Labrinth"),
    ("Labrinth", "Diplo"),
    ("Diplo", "Sia"),
    ("Daft Punk", "Pharrell"),
    ("Pharrell", "Daft Punk"),
]
ARTISTS = sorted({artist for pair in COLLABORATIONS for artist in pair} | {"Sigur Rós"})
SCENES = [
    ["Aloe Blacc", "Avicii", "David Guetta", "Diplo", "Labrinth", "Rita Ora", "Sia"],
    ["Daft Punk", "Pharrell"],
    ["Sigur Rós"],
]
CRITICAL = [("Aloe Blacc", "Avicii"), ("Daft Punk", "Pharrell"), ("David Guetta", "Sia")]


def simple_graph(artists, collaborations) -> nx.Graph:
    graph = nx.Graph()
    graph.add_nodes_from(artists)
    for a, b in collaborations:
        graph.add_nodes_from((a, b))
        if a != b:
            graph.add_edge(a, b)
    return graph


def expected_scenes(artists, collaborations):
    components = nx.connected_components(simple_graph(artists, collaborations))
    return sorted((sorted(c) for c in components), key=lambda c: (-len(c), c[0]))


def expected_critical(collaborations):
    return sorted(tuple(sorted(e)) for e in nx.bridges(simple_graph((), collaborations)))


def reference_scenes(artists, collaborations):
    """The scale tests' yardstick: adjacency sets and an explicit stack."""
    graph = {a: set() for a in artists}
    for a, b in collaborations:
        graph.setdefault(a, set())
        graph.setdefault(b, set())
        if a != b:
            graph[a].add(b)
            graph[b].add(a)
    seen, groups = set(), []
    for start in graph:
        if start not in seen:
            seen.add(start)
            group, frontier = [start], [start]
            while frontier:
                for other in graph[frontier.pop()]:
                    if other not in seen:
                        seen.add(other)
                        group.append(other)
                        frontier.append(other)
            groups.append(sorted(group))
    groups.sort(key=lambda g: (-len(g), g[0]))
    return groups


def reference_critical(collaborations):
    """The scale tests' yardstick: Tarjan's low-link with an explicit stack."""
    graph = {}
    for a, b in collaborations:
        if a != b:
            graph.setdefault(a, set()).add(b)
            graph.setdefault(b, set()).add(a)
    found, low, critical = {}, {}, []
    for root in graph:
        if root in found:
            continue
        found[root] = low[root] = len(found)
        stack = [(root, None, iter(graph[root]))]
        while stack:
            artist, parent, others = stack[-1]
            for other in others:
                if other == parent:
                    continue
                if other in found:
                    low[artist] = min(low[artist], found[other])
                else:
                    found[other] = low[other] = len(found)
                    stack.append((other, artist, iter(graph[other])))
                    break
            else:
                stack.pop()
                if parent is not None:
                    low[parent] = min(low[parent], low[artist])
                    if low[artist] > found[parent]:
                        critical.append(tuple(sorted((parent, artist))))
    return sorted(critical)


@pins("scene_members", "scene_order", "bridges", "bridge_order")
def test_example_from_the_statement():
    assert_returns(SCENES, scenes, ARTISTS, COLLABORATIONS)
    assert_returns(CRITICAL, critical_collaborations, COLLABORATIONS)


@pins("scenes_returns")
def test_scenes_is_a_list_of_lists_of_str():
    found = scenes(ARTISTS, COLLABORATIONS)
    assert_type(found, list, "scenes(ARTISTS, COLLABORATIONS)")
    for scene in found:
        assert_type(scene, list, "a scene in scenes(ARTISTS, COLLABORATIONS)")
        for artist in scene:
            assert_type(artist, str, "an artist in scenes(ARTISTS, COLLABORATIONS)")
    assert_returns(SCENES, lambda: found)
    assert_returns([], scenes, [], [])
    assert_returns([["solo"]], scenes, ["solo"], [])


@pins("bridges_returns")
def test_critical_pairs_are_a_list_of_sorted_str_tuples():
    found = critical_collaborations(COLLABORATIONS)
    assert_type(found, list, "critical_collaborations(COLLABORATIONS)")
    for pair in found:
        assert_type(pair, tuple, "a pair in critical_collaborations(COLLABORATIONS)")
    assert_returns(CRITICAL, lambda: found)
    assert_returns([], critical_collaborations, [])
    assert_returns([("a", "b")], critical_collaborations, [("b", "a")])
    assert_returns([("Björk", "Mø")], critical_collaborations, [("Mø", "Björk")])


@pins("scene_members")
def test_artists_without_collaborators_are_scenes_of_one():
    assert_returns([["a", "b"], ["c"]], scenes, ["c"], [("b", "a")])
    assert_returns([["a"], ["b"], ["c"]], scenes, ["b", "a"], [("c", "c")])
    assert_returns([["x", "y"]], scenes, ["x", "y"], [("x", "y"), ("y", "y")])
    assert_returns(SCENES, scenes, ARTISTS[::-1], COLLABORATIONS)


@pins("scene_members")
def test_artists_only_in_pairs_are_counted():
    assert_returns(
        [
            ["Aloe Blacc", "Avicii", "David Guetta", "Diplo", "Labrinth", "Rita Ora", "Sia"],
            ["Daft Punk", "Pharrell"],
        ],
        scenes,
        [],
        COLLABORATIONS,
    )


@pins("scene_order")
def test_scenes_by_size_then_smallest_artist():
    pairs = [("z", "y"), ("y", "x"), ("m", "n"), ("b", "c"), ("é", "f")]
    assert_returns(
        [["x", "y", "z"], ["b", "c"], ["f", "é"], ["m", "n"], ["a"], ["q"]],
        scenes,
        ["q", "a"],
        pairs,
    )
    # size beats the smallest artist: the three-artist scene starting with "x" comes first
    assert_returns([["x", "y", "z"], ["a", "b"]], scenes, [], [("a", "b"), ("z", "x"), ("x", "y")])


@pins("bridges")
def test_pairs_on_a_cycle_are_not_critical():
    ring = [("a", "b"), ("b", "c"), ("c", "d"), ("d", "a")]
    assert_returns([], critical_collaborations, ring)
    assert_returns([("d", "e")], critical_collaborations, [*ring, ("d", "e")])
    # two cycles joined by one pair, and a pendant pair on each
    barbell = [("a", "b"), ("b", "c"), ("c", "a"), ("c", "x"), ("x", "y"), ("y", "z"), ("z", "x")]
    assert_returns([("c", "x"), ("p", "z")], critical_collaborations, [*barbell, ("p", "z")])


@pins("bridges")
def test_a_forest_is_all_bridges_and_self_pairs_never_are():
    tree = [("r", "a"), ("r", "b"), ("a", "c"), ("a", "d"), ("s", "t")]
    assert_returns(
        [("a", "c"), ("a", "d"), ("a", "r"), ("b", "r"), ("s", "t")], critical_collaborations, tree
    )
    assert_returns([], critical_collaborations, [("solo", "solo")])
    assert_returns([("a", "b")], critical_collaborations, [("a", "a"), ("a", "b"), ("b", "b")])


@pins("bridge_order")
def test_pairs_are_sorted_by_first_then_second_artist():
    pairs = [("m", "z"), ("m", "b"), ("a", "z"), ("Ö", "c"), ("B", "c")]
    assert_returns(
        [("B", "c"), ("a", "z"), ("b", "m"), ("c", "Ö"), ("m", "z")],
        critical_collaborations,
        pairs,
    )


@pins("duplicates")
def test_a_pair_listed_twice_is_one_collaboration():
    assert_returns([("a", "b")], critical_collaborations, [("a", "b"), ("a", "b")])
    assert_returns([("a", "b")], critical_collaborations, [("a", "b"), ("b", "a"), ("a", "b")])
    doubled = COLLABORATIONS + [(b, a) for a, b in COLLABORATIONS] + COLLABORATIONS
    assert_returns(CRITICAL, critical_collaborations, doubled)
    assert_returns(SCENES, scenes, ARTISTS + ARTISTS, doubled)


@pins("no_mutation")
def test_inputs_are_not_modified():
    pairs = [*COLLABORATIONS, ("Sigur Rós", "Sigur Rós")]
    assert_returns(CRITICAL, critical_collaborations, pairs)
    assert_returns(SCENES, scenes, ARTISTS[::-1], pairs)
    assert_returns(SCENES, scenes, set(ARTISTS), pairs)


@pins("stateless")
def test_a_second_graph_gets_its_own_answer():
    assert_returns(CRITICAL, critical_collaborations, COLLABORATIONS)
    assert_returns([("a", "b")], critical_collaborations, [("a", "b")])
    # the same number of pairs: the reversed repeat is replaced by a pair closing a triangle
    closed = [*COLLABORATIONS[:-1], ("Aloe Blacc", "Rita Ora")]
    assert_returns(
        [("Daft Punk", "Pharrell"), ("David Guetta", "Sia")], critical_collaborations, closed
    )
    assert_returns(SCENES, scenes, ARTISTS, COLLABORATIONS)
    assert_returns([["a", "b"]], scenes, ["a"], [("a", "b")])


@pins("scene_members", "scene_order", "bridges", "bridge_order")
def test_the_workbook_collaboration_data_matches_networkx():
    artists = list(load_artists().artist_id)
    frame = load_collaborations()
    pairs = list(zip(frame.artist_a, frame.artist_b, strict=True))
    assert_returns(expected_scenes(artists, pairs), scenes, artists, pairs)
    assert_returns(expected_critical(pairs), critical_collaborations, pairs)
    # one more pair closes a cycle in the big scene: the pairs on it stop being critical
    closing = [*pairs, ("a0001", "a0700")]
    assert_returns(expected_critical(closing), critical_collaborations, closing)


NAMES = [f"a{i}" if i % 4 else f"ä{i}" for i in range(12)]
PAIRS = st.lists(st.tuples(st.integers(0, 11), st.integers(0, 11)), max_size=22)


@pins("scene_members", "scene_order", "duplicates")
@derandomized(max_examples=40)
@given(pairs=PAIRS, loners=st.sets(st.integers(0, 11), max_size=4))
def test_scenes_match_networkx_connected_components(pairs, loners):
    collaborations = [(NAMES[a], NAMES[b]) for a, b in pairs]
    artists = [NAMES[i] for i in sorted(loners)]
    assert_returns(expected_scenes(artists, collaborations), scenes, artists, collaborations)


@pins("bridges", "bridge_order", "duplicates")
@derandomized(max_examples=40)
@given(pairs=PAIRS)
def test_critical_pairs_match_networkx_bridges(pairs):
    collaborations = [(NAMES[a], NAMES[b]) for a, b in pairs]
    assert_returns(expected_critical(collaborations), critical_collaborations, collaborations)


def chain(n: int) -> tuple[list[str], list[tuple[str, str]]]:
    """n artists in one line of one-off features, listed in a shuffled order."""
    names = [f"artist{i:06d}" for i in range(n)]
    pairs = [(names[i], names[i + 1]) for i in range(n - 1)]
    order = np.random.default_rng(n).permutation(n - 1).tolist()
    return names, [pairs[i] for i in order]


def random_graph(n: int) -> tuple[list[str], list[tuple[str, str]]]:
    """n artists: first a "Various Artists" hub paired with every artist (the hub named second),
    then 2n random pairs (some repeated, some self-pairs)."""
    rng = np.random.default_rng(11)
    names = [f"artist{i:06d}" for i in range(n)]
    a, b = rng.integers(0, n, 2 * n).tolist(), rng.integers(0, n, 2 * n).tolist()
    hub = [(name, "Various Artists") for name in names]
    return names, hub + [(names[x], names[y]) for x, y in zip(a, b, strict=True)]


def run_both(artists, pairs):
    return scenes(artists, pairs), critical_collaborations(pairs)


@pins("scale_depth")
def test_scale_a_chain_of_100000_artists():
    run_both(["a", "b"], [("a", "b")])  # fail fast, before building the large inputs
    for n in (10_000, 100_000):
        artists, pairs = workload(f"collaboration_chain_{n}", lambda n=n: chain(n))
        result = []
        assert_scales(
            lambda artists=artists, pairs=pairs, result=result: result.append(
                run_both(artists, pairs)
            ),
            lambda artists=artists, pairs=pairs: (
                reference_scenes(artists, pairs),
                reference_critical(pairs),
            ),
            factor=10,
            what=f"scenes and critical pairs of a chain of {n:,} artists",
            advice="Search with an explicit stack of (artist, parent, iterator) entries, not "
            "recursion: Python stops at about 1,000 nested calls.",
        )
        found_scenes, found_critical = result[-1]
        assert_returns([sorted(artists)], lambda found_scenes=found_scenes: found_scenes)
        assert_returns(sorted(tuple(sorted(p)) for p in pairs), lambda found=found_critical: found)


@pins("scale_size")
def test_scale_100000_artists_200000_collaborations_and_a_hub():
    run_both(["a", "b"], [("a", "b")])
    for n in (20_000, 100_000):
        artists, pairs = workload(f"collaboration_random_hub_{n}", lambda n=n: random_graph(n))
        assert_scales(
            lambda artists=artists, pairs=pairs: run_both(artists, pairs),
            lambda artists=artists, pairs=pairs: (
                reference_scenes(artists, pairs),
                reference_critical(pairs),
            ),
            factor=10,
            what=f"{n:,} artists, {2 * n:,} random collaborations and a hub",
            advice="One pass over the pairs to build adjacency sets, then one search for the "
            "scenes and one low-link search for the critical pairs: never remove a pair and "
            "search again, never relabel a whole scene when two merge.",
        )
