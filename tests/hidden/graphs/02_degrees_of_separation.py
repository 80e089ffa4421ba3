"""Hidden tests for graphs/02_degrees_of_separation: `collaboration_path(collaborators, source, target)`."""

import copy
import itertools
import random

import networkx as nx
import numpy as np

from workbook.data import load_collaborations
from workbook.grading.asserts import assert_equal, assert_raises, assert_scales

SMALL = {
    "Avicii": {"Aloe Blacc", "Rita Ora"},
    "Aloe Blacc": {"Avicii", "Pharrell"},
    "Rita Ora": {"Avicii", "Pharrell"},
    "Pharrell": {"Aloe Blacc", "Rita Ora", "Daft Punk"},
    "Daft Punk": {"Pharrell"},
    "Sigur Rós": set(),
}


def assert_shortest_path(path, graph, source, target, length, call):
    """A path is right when it runs source→target over real edges with the shortest length."""
    assert isinstance(path, list), f"{call} returned {path!r}; expected a list of artists"
    assert path[:1] == [source] and path[-1:] == [target], (
        f"{call} returned {path!r}: it must start at {source!r} and end at {target!r}"
    )
    for a, b in itertools.pairwise(path):
        assert b in graph[a], f"{call} returned {path!r}, but {a!r} and {b!r} never collaborated"
    assert len(path) - 1 == length, (
        f"{call} returned a chain of {len(path) - 1} hops; the shortest has {length}"
    )


def adjacency(graph: nx.Graph) -> dict[str, set[str]]:
    return {f"a{n}": {f"a{m}" for m in graph[n]} for n in graph}


def bfs_from_both_ends(graph, source, target):
    if source == target:
        return [source]
    parents, frontiers = [{source: None}, {target: None}], [[source], [target]]
    while frontiers[0] and frontiers[1]:
        side = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1
        layer = []
        for node in frontiers[side]:
            for other in graph[node]:
                if other not in parents[side]:
                    parents[side][other] = node
                    if other in parents[1 - side]:
                        return other
                    layer.append(other)
        frontiers[side] = layer
    return None


def test_example_from_the_statement():
    call = 'collaboration_path(SMALL, "Avicii", "Daft Punk")'
    assert_shortest_path(
        collaboration_path(SMALL, "Avicii", "Daft Punk"), SMALL, "Avicii", "Daft Punk", 3, call
    )


def test_direct_collaborators_give_a_two_artist_chain():
    assert_equal(
        collaboration_path(SMALL, "Pharrell", "Daft Punk"),
        ["Pharrell", "Daft Punk"],
        'collaboration_path(SMALL, "Pharrell", "Daft Punk")',
    )


def test_same_artist_is_a_chain_of_one():
    assert_equal(
        collaboration_path(SMALL, "Sigur Rós", "Sigur Rós"),
        ["Sigur Rós"],
        'collaboration_path(SMALL, "Sigur Rós", "Sigur Rós")',
    )


def test_unknown_artist_raises_key_error():
    for source, target in (("Nobody", "Avicii"), ("Avicii", "Nobody")):
        assert_raises(
            KeyError,
            lambda s=source, t=target: collaboration_path(SMALL, s, t),
            f"collaboration_path(SMALL, {source!r}, {target!r})",
        )


def test_unreachable_artists_give_none():
    assert_equal(
        collaboration_path(SMALL, "Avicii", "Sigur Rós"),
        None,
        'collaboration_path(SMALL, "Avicii", "Sigur Rós")',
    )


def test_any_shortest_chain_is_accepted_in_both_directions():
    for source, target in (
        ("Avicii", "Daft Punk"),
        ("Daft Punk", "Avicii"),
        ("Aloe Blacc", "Rita Ora"),
    ):
        expected = nx.shortest_path_length(nx.Graph(SMALL), source, target)
        path = collaboration_path(SMALL, source, target)
        assert_shortest_path(
            path,
            SMALL,
            source,
            target,
            expected,
            f"collaboration_path(SMALL, {source!r}, {target!r})",
        )


def test_unicode_artist_names():
    graph = {"Björk": {"Sigur Rós"}, "Sigur Rós": {"Björk", "Mø"}, "Mø": {"Sigur Rós"}}
    assert_equal(
        collaboration_path(graph, "Björk", "Mø"),
        ["Björk", "Sigur Rós", "Mø"],
        'collaboration_path(graph, "Björk", "Mø")',
    )


def test_input_is_not_modified():
    graph = copy.deepcopy(SMALL)
    collaboration_path(graph, "Avicii", "Daft Punk")
    collaboration_path(graph, "Avicii", "Sigur Rós")
    assert graph == SMALL, "collaboration_path modified its collaborators argument"


def test_matches_networkx_shortest_path_lengths_on_random_graphs():
    rng = random.Random(3)
    for seed in range(8):
        graph = nx.gnm_random_graph(120, 150, seed=seed)  # sparse: several components
        collaborators = adjacency(graph)
        for _ in range(10):
            s, t = rng.randrange(120), rng.randrange(120)
            call = f'collaboration_path(graph{seed}, "a{s}", "a{t}")'
            path = collaboration_path(collaborators, f"a{s}", f"a{t}")
            if not nx.has_path(graph, s, t):
                assert_equal(path, None, call)
            else:
                assert_shortest_path(
                    path,
                    collaborators,
                    f"a{s}",
                    f"a{t}",
                    nx.shortest_path_length(graph, s, t),
                    call,
                )


def test_islands_of_the_collaboration_dataset_are_unreachable_from_the_main_cluster():
    frame = load_collaborations()
    graph = {a: set() for a in sorted(set(frame.artist_a) | set(frame.artist_b))}
    for a, b in zip(frame.artist_a, frame.artist_b, strict=True):
        graph[a].add(b)
        graph[b].add(a)
    component = nx.node_connected_component(nx.Graph(graph), "a0000")
    island = next(a for a in graph if a not in component and graph[a])
    assert_equal(
        collaboration_path(graph, "a0000", island),
        None,
        f'collaboration_path(dataset, "a0000", "{island}")',
    )
    far = max(component, key=lambda a: (nx.shortest_path_length(nx.Graph(graph), "a0000", a), a))
    length = nx.shortest_path_length(nx.Graph(graph), "a0000", far)
    assert_shortest_path(
        collaboration_path(graph, "a0000", far),
        graph,
        "a0000",
        far,
        length,
        f'collaboration_path(dataset, "a0000", "{far}")',
    )


def test_scale_meets_in_the_middle_on_100k_artists():
    collaboration_path(SMALL, "Avicii", "Pharrell")  # fail fast, before building the large input
    rng = np.random.default_rng(5)
    n = 100_000
    a, b = rng.integers(0, n, 400_000).tolist(), rng.integers(0, n, 400_000).tolist()
    graph = {f"a{i}": set() for i in range(n)}
    for x, y in zip(a, b, strict=True):
        if x != y:
            graph[f"a{x}"].add(f"a{y}")
            graph[f"a{y}"].add(f"a{x}")
    pairs = [(f"a{s}", f"a{t}") for s, t in rng.integers(0, n, (10, 2)).tolist()]
    assert_scales(
        lambda: [collaboration_path(graph, s, t) for s, t in pairs],
        lambda: [bfs_from_both_ends(graph, s, t) for s, t in pairs],
        factor=15,
        what="10 queries on a 100,000-artist graph",
    )
