"""Hidden tests for graphs/02_degrees_of_separation: `collaboration_path(collaborators, source, target)`."""

import copy
import itertools
import random

import networkx as nx
import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from workbook.contract import pins
from workbook.data import load_collaborations
from workbook.grading.asserts import (
    assert_raises,
    assert_returns,
    assert_type,
    assert_unmodified,
    fail_if,
)
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales, workload
from workbook.preview import preview

SMALL = {
    "Avicii": {"Aloe Blacc", "Rita Ora"},
    "Aloe Blacc": {"Avicii", "Pharrell"},
    "Rita Ora": {"Avicii", "Pharrell"},
    "Pharrell": {"Aloe Blacc", "Rita Ora", "Daft Punk"},
    "Daft Punk": {"Pharrell"},
    "Sigur Rós": set(),
}


def assert_shortest_chain(collaborators, source, target, hops, example=None):
    """Call collaboration_path and fail, showing the input, unless it returns a valid chain of
    exactly `hops` hops from source to target (any shortest chain is accepted)."""
    before = copy.deepcopy((collaborators, source, target))
    path = collaboration_path(collaborators, source, target)
    args = (collaborators, source, target)
    problem = None
    if type(path) is not list:
        problem = f"expected a list of artists, got a {type(path).__name__}"
    elif any(type(artist) is not str for artist in path):
        problem = "every artist in the chain must be a str"
    elif not path or path[0] != source or path[-1] != target:
        problem = f"the chain must start at {source!r} and end at {target!r}"
    else:
        broken = [(a, b) for a, b in itertools.pairwise(path) if b not in collaborators[a]]
        if broken:
            problem = f"{broken[0][0]!r} and {broken[0][1]!r} never collaborated"
        elif len(path) - 1 != hops:
            problem = f"the chain has {len(path) - 1} hops; the shortest has {hops}"
    shown = f" such as {preview(example, 200)}" if example else ""
    fail_if(
        problem and f"returned a wrong chain: {problem}",
        collaboration_path,
        args,
        expected=f"a chain of {hops} hops{shown}",
        actual=preview(path, 200),
    )
    assert_unmodified(collaboration_path, (before, {}), (args, {}))


def bidirectional(graph, source, target):
    """The scale tests' yardstick: layer by layer from both ends, smaller frontier first."""
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


@pins("returns", "shortest")
def test_example_from_the_statement():
    assert_shortest_chain(
        SMALL, "Avicii", "Daft Punk", 3, ["Avicii", "Aloe Blacc", "Pharrell", "Daft Punk"]
    )
    assert_returns(
        ["Aloe Blacc", "Pharrell", "Daft Punk"],
        collaboration_path,
        SMALL,
        "Aloe Blacc",
        "Daft Punk",
    )


@pins("returns")
def test_returns_a_list_of_str_from_source_to_target():
    path = collaboration_path(SMALL, "Daft Punk", "Aloe Blacc")
    assert_type(path, list, 'collaboration_path(SMALL, "Daft Punk", "Aloe Blacc")')
    assert_returns(["Daft Punk", "Pharrell", "Aloe Blacc"], lambda: path)
    assert_returns(["Pharrell", "Daft Punk"], collaboration_path, SMALL, "Pharrell", "Daft Punk")
    unicode = {"Björk": {"Sigur Rós"}, "Sigur Rós": {"Björk", "Mø"}, "Mø": {"Sigur Rós"}}
    assert_returns(["Björk", "Sigur Rós", "Mø"], collaboration_path, unicode, "Björk", "Mø")
    assert_returns(["Mø", "Sigur Rós", "Björk"], collaboration_path, unicode, "Mø", "Björk")


@pins("shortest")
def test_any_shortest_chain_is_accepted_in_both_directions():
    for source, target in (
        ("Avicii", "Daft Punk"),
        ("Daft Punk", "Avicii"),
        ("Aloe Blacc", "Rita Ora"),
    ):
        hops = nx.shortest_path_length(nx.Graph(SMALL), source, target)
        assert_shortest_chain(SMALL, source, target, hops)


@pins("shortest")
def test_a_long_detour_is_not_a_shortest_chain():
    # a ring of 8 artists with one shortcut: 0 -> 4 is two hops through the shortcut artist
    ring = {f"r{i}": {f"r{(i - 1) % 8}", f"r{(i + 1) % 8}"} for i in range(8)}
    ring["r0"].add("hub")
    ring["r4"].add("hub")
    ring["hub"] = {"r0", "r4"}
    assert_returns(["r0", "hub", "r4"], collaboration_path, ring, "r0", "r4")
    assert_shortest_chain(ring, "r1", "r5", 4)


@pins("shortest")
def test_meeting_in_the_middle_needs_whole_layers():
    # Searching from both ends one artist at a time, and stopping at the first meeting,
    # returns a5-a4-a0-a1-a3 (4 hops) here; the shortest is a5-a6-a1-a3 (3 hops).
    adjacency = {0: [1, 2, 4, 6], 1: [0, 2, 3, 6], 2: [0, 1], 3: [1], 4: [0, 5], 5: [4, 6]}
    adjacency[6] = [0, 1, 5]
    graph = {f"a{i}": [f"a{j}" for j in others] for i, others in adjacency.items()}
    assert_shortest_chain(graph, "a5", "a3", 3, ["a5", "a6", "a1", "a3"])


@pins("same_artist")
def test_same_artist_is_a_chain_of_one():
    assert_returns(["Pharrell"], collaboration_path, SMALL, "Pharrell", "Pharrell")
    assert_returns(["Sigur Rós"], collaboration_path, SMALL, "Sigur Rós", "Sigur Rós")
    selfish = {"Prince": {"Prince", "Sheila E."}, "Sheila E.": {"Prince"}}
    assert_returns(["Prince"], collaboration_path, selfish, "Prince", "Prince")


@pins("unreachable")
def test_no_chain_gives_none():
    assert_returns(None, collaboration_path, SMALL, "Avicii", "Sigur Rós")
    assert_returns(None, collaboration_path, SMALL, "Sigur Rós", "Daft Punk")
    two_islands = {"a": {"b"}, "b": {"a"}, "c": {"d"}, "d": {"c"}}
    assert_returns(None, collaboration_path, two_islands, "a", "d")


@pins("unknown_artist")
def test_unknown_artist_raises_key_error_naming_it():
    assert_raises(KeyError, collaboration_path, SMALL, "Nobody", "Avicii", match="Nobody")
    assert_raises(KeyError, collaboration_path, SMALL, "Avicii", "Nobody", match="Nobody")
    assert_raises(KeyError, collaboration_path, SMALL, "Sigur Rós", "Nobody", match="Nobody")
    assert_raises(
        KeyError, collaboration_path, {"Solo": set()}, "Solo", "Stranger", match="Stranger"
    )


@pins("unknown_artist")
def test_unknown_artists_are_checked_first_and_source_before_target():
    assert_raises(KeyError, collaboration_path, SMALL, "Ghost", "Ghost", match="Ghost")
    assert_raises(KeyError, collaboration_path, SMALL, "Ghost", "Phantom", match="Ghost")
    assert_raises(KeyError, collaboration_path, {}, "Ghost", "Phantom", match="Ghost")


@pins("no_mutation")
def test_collaborators_are_not_modified_even_with_a_self_listing():
    graph = {artist: set(others) for artist, others in SMALL.items()}
    graph["Pharrell"].add("Pharrell")  # the dirty data the statement describes
    graph["Daft Punk"] = ["Pharrell", "Daft Punk"]
    assert_shortest_chain(graph, "Avicii", "Daft Punk", 3)
    assert_returns(None, collaboration_path, graph, "Daft Punk", "Sigur Rós")
    assert_returns(["Pharrell", "Daft Punk"], collaboration_path, graph, "Pharrell", "Daft Punk")


@pins("stateless")
def test_a_second_graph_gets_its_own_answer():
    assert_returns(
        ["a", "b", "c"], collaboration_path, {"a": {"b"}, "b": {"a", "c"}, "c": {"b"}}, "a", "c"
    )
    assert_returns(
        ["a", "c"], collaboration_path, {"a": {"b", "c"}, "b": {"a"}, "c": {"a"}}, "a", "c"
    )
    assert_returns(None, collaboration_path, {"a": set(), "c": set()}, "a", "c")


EDGES = st.lists(st.tuples(st.integers(0, 11), st.integers(0, 11)), max_size=30)


@pins("shortest", "unreachable", "same_artist", "returns")
@derandomized(max_examples=80)
@given(edges=EDGES, source=st.integers(0, 11), target=st.integers(0, 11))
def test_matches_networkx_on_random_graphs(edges, source, target):
    names = [f"a{i}" if i % 3 else f"ä{i}" for i in range(12)]  # some unicode ids
    used = sorted({source, target, *itertools.chain.from_iterable(edges)})
    collaborators = {names[i]: set() for i in used}  # only the artists this example touches
    for a, b in edges:  # self-listings included: dirty data to ignore
        collaborators[names[a]].add(names[b])
        collaborators[names[b]].add(names[a])
    graph = nx.Graph()
    graph.add_nodes_from(collaborators)
    graph.add_edges_from((names[a], names[b]) for a, b in edges if a != b)
    s, t = names[source], names[target]
    if not nx.has_path(graph, s, t):
        assert_returns(None, collaboration_path, collaborators, s, t)
    else:
        example = nx.shortest_path(graph, s, t)
        assert_shortest_chain(collaborators, s, t, len(example) - 1, example)


@pins("shortest", "unreachable")
def test_on_the_workbook_collaboration_dataset():
    frame = load_collaborations()
    graph = {a: set() for a in sorted(set(frame.artist_a) | set(frame.artist_b))}
    for a, b in zip(frame.artist_a, frame.artist_b, strict=True):
        graph[a].add(b)
        graph[b].add(a)
    lengths = nx.single_source_shortest_path_length(nx.Graph(graph), "a0000")
    island = next(a for a in graph if a not in lengths and graph[a])
    assert_returns(None, collaboration_path, graph, "a0000", island)
    far = max(lengths, key=lambda a: (lengths[a], a))
    assert_shortest_chain(graph, "a0000", far, lengths[far])


def random_graph() -> dict[str, set[str]]:
    """10^5 artists, 400,000 random collaborations: average degree 8, chains of 5 to 7 hops."""
    rng = np.random.default_rng(5)
    n = 100_000
    a, b = rng.integers(0, n, 400_000).tolist(), rng.integers(0, n, 400_000).tolist()
    graph = {f"a{i}": set() for i in range(n)}
    for x, y in zip(a, b, strict=True):
        if x != y:
            graph[f"a{x}"].add(f"a{y}")
            graph[f"a{y}"].add(f"a{x}")
    return graph


def near_pairs() -> list[tuple[str, str]]:
    """2,000 pairs two or three hops apart (a random walk from a random artist)."""
    graph, rng, pairs = workload("artists_random", random_graph), random.Random(2), []
    while len(pairs) < 2_000:
        source = target = f"a{rng.randrange(100_000)}"
        for _ in range(rng.choice([2, 3])):
            target = rng.choice(sorted(graph[target])) if graph[target] else target
        pairs.append((source, target))
    return pairs


def hub_graph() -> tuple[dict[str, set[str]], list[tuple[str, str]]]:
    """The random graph plus a 50,000-collaborator hub next to each source, and each target at
    the end of a thin five-artist tail: 20 queries of 7 to 8 hops."""
    rng = random.Random(7)
    graph = {
        artist: set(others) for artist, others in workload("artists_random", random_graph).items()
    }
    graph["hub"] = set()
    for m in rng.sample(range(100_000), 50_000):
        graph["hub"].add(f"a{m}")
        graph[f"a{m}"].add("hub")
    pairs = []
    for i in range(20):
        graph[f"s{i}"] = {"hub"}
        graph["hub"].add(f"s{i}")
        previous = f"a{rng.randrange(100_000)}"
        for j in range(5):
            graph[f"t{i}_{j}"] = {previous}
            graph[previous].add(f"t{i}_{j}")
            previous = f"t{i}_{j}"
        pairs.append((f"s{i}", previous))
    return graph, pairs


@pins("scale_n")
def test_scale_short_chains_cost_the_same_on_100000_artists():
    collaboration_path(SMALL, "Avicii", "Pharrell")  # fail fast, before building the large input
    graph = workload("artists_random", random_graph)
    pairs = workload("artists_near_pairs", near_pairs)
    assert_scales(
        lambda: [collaboration_path(graph, s, t) for s, t in pairs],
        lambda: [bidirectional(graph, s, t) for s, t in pairs],
        factor=10,
        what="2,000 queries of 2 to 3 hops on 100,000 artists",
        advice="A query must only touch the artists its search reaches: no visited map or "
        "distance table over every artist, no copy of the graph (or nx.Graph) per call.",
    )


@pins("scale_distance")
def test_scale_meets_in_the_middle_on_far_pairs():
    collaboration_path(SMALL, "Avicii", "Pharrell")
    graph = workload("artists_random", random_graph)
    rng = random.Random(3)
    pairs = [(f"a{rng.randrange(100_000)}", f"a{rng.randrange(100_000)}") for _ in range(200)]
    assert_scales(
        lambda: [collaboration_path(graph, s, t) for s, t in pairs],
        lambda: [bidirectional(graph, s, t) for s, t in pairs],
        factor=10,
        what="200 queries between random artists (5 to 7 hops) on 100,000 artists",
        advice="Search from both ends, one whole layer at a time, and stop when the two "
        "searches meet: a breadth-first search from one end visits most of the graph.",
    )


@pins("scale_degree")
def test_scale_a_50000_collaborator_hub_next_to_the_source():
    collaboration_path(SMALL, "Avicii", "Pharrell")
    graph, pairs = workload("artists_hub", hub_graph)
    assert_scales(
        lambda: [collaboration_path(graph, s, t) for s, t in pairs],
        lambda: [bidirectional(graph, s, t) for s, t in pairs],
        factor=10,
        what="20 queries from next to a 50,000-collaborator hub to the end of a thin tail",
        advice="Always expand the side whose frontier is smaller; strict alternation expands "
        "the hub's 50,000 collaborators while the thin side would have met in a few steps.",
    )
