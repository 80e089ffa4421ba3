"""Hidden tests for cold_start/07_ann_random_projection: the angular formula by hand, the forest's
structure checked node by node, the walk against an independent best-first search over hand-built
trees, brute-force exact neighbours for recall, and a scale test against a full scan."""

import copy
import math
from typing import NamedTuple

import numpy as np
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
    fail_if,
)
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales, workload

CLOSE = Tolerance(rel=1e-12, abs=1e-12)


class Index(NamedTuple):
    unit: np.ndarray
    trees: list


UNIT4 = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]])
NORMAL4 = np.array([1.0, -1.0]) / np.sqrt(2.0)
TINY = Index(UNIT4, [("split", NORMAL4, ("leaf", (0, 3)), ("leaf", (1, 2)))])
X_AXIS, Y_AXIS = np.array([1.0, 0.0]), np.array([0.0, 1.0])


def clustered(n_items=5_000, dim=20, n_clusters=50, n_queries=50, seed=0):
    rng = np.random.default_rng(seed)
    centres = rng.normal(0, 1, (n_clusters, dim))
    items = centres[rng.integers(0, n_clusters, n_items)] + 0.3 * rng.normal(0, 1, (n_items, dim))
    picks = rng.integers(0, n_clusters, n_queries)
    queries = centres[picks] + 0.3 * rng.normal(0, 1, (n_queries, dim))
    return items, queries


# --- independent oracles -------------------------------------------------------------------------


def brute_force(vectors, q, n):
    """Exact neighbours: the angle computed item by item in plain Python, ties by lower id."""
    qn = math.sqrt(sum(x * x for x in q))
    dist = []
    for i, row in enumerate(vectors):
        cos = sum(a * b for a, b in zip(row, q, strict=True)) / (
            math.sqrt(sum(a * a for a in row)) * qn
        )
        dist.append((math.sqrt(max(0.0, 2 * (1 - cos))), i))
    return [i for _, i in sorted(dist)[:n]]


def walk(index, q, search_k):
    """Annoy's best-first walk with a plain list: pop the highest priority, earliest pushed."""
    queue = [(math.inf, k, root) for k, root in enumerate(index.trees)]
    pushed, found = len(queue), []
    while queue and len(found) < search_k:
        best = max(range(len(queue)), key=lambda j: (queue[j][0], -queue[j][1]))
        d, _, node = queue.pop(best)
        if node[0] == "leaf":
            found += list(node[1])
        else:
            m = float(np.dot(node[1], q))
            queue += [(min(d, m), pushed, node[2]), (min(d, -m), pushed + 1, node[3])]
            pushed += 2
    return found


def grow(unit, ids, leaf_size, rng):
    """A tree by the contract's rules, for hand-made indexes (not the candidate's build)."""
    if len(ids) <= leaf_size:
        return ("leaf", tuple(int(i) for i in ids))
    a, b = rng.choice(len(ids), 2, replace=False)
    normal = unit[ids[a]] - unit[ids[b]]
    if not normal.any():
        half = len(ids) // 2
        return (
            "split",
            normal * 0,
            grow(unit, ids[:half], leaf_size, rng),
            grow(unit, ids[half:], leaf_size, rng),
        )
    normal = normal / np.linalg.norm(normal)
    side = unit[ids] @ normal >= 0
    return (
        "split",
        normal,
        grow(unit, ids[side], leaf_size, rng),
        grow(unit, ids[~side], leaf_size, rng),
    )


def forest(vectors, n_trees, leaf_size, seed):
    unit = vectors / np.linalg.norm(vectors, axis=1)[:, None]
    rng = np.random.default_rng(seed + 1_000)
    return Index(unit, [grow(unit, np.arange(len(unit)), leaf_size, rng) for _ in range(n_trees)])


def ids_below(tree):
    if tree[0] == "leaf":
        return list(tree[1])
    return ids_below(tree[2]) + ids_below(tree[3])


def nodes(tree):
    """Every node of a tree with the sorted ids below it: [(node, ids)]."""
    here = [(tree, sorted(ids_below(tree)))]
    return here if tree[0] == "leaf" else here + nodes(tree[2]) + nodes(tree[3])


def structure_problem(index, vectors, leaf_size):
    """None when every tree obeys the contract's structure, else what is wrong."""
    unit = index.unit
    if not np.allclose(
        unit, vectors / np.linalg.norm(vectors, axis=1)[:, None], rtol=0, atol=1e-12
    ):
        return "index.unit is not each row of vectors divided by its norm"
    for t, tree in enumerate(index.trees):
        leaves = [node for node, _ in nodes(tree) if node[0] == "leaf"]
        ids = [i for leaf in leaves for i in leaf[1]]
        if sorted(ids) != list(range(len(vectors))):
            return f"tree {t}: the leaves do not hold every item exactly once"
        for leaf in leaves:
            if type(leaf[1]) is not tuple or any(type(i) is not int for i in leaf[1]):
                return f"tree {t}: leaf ids {leaf[1]!r} are not a tuple of Python ints"
            if list(leaf[1]) != sorted(leaf[1]):
                return f"tree {t}: leaf ids {leaf[1]} are not in ascending order"
            if not 1 <= len(leaf[1]) <= leaf_size:
                return f"tree {t}: a leaf holds {len(leaf[1])} items, leaf_size is {leaf_size}"
        for node, below in nodes(tree):
            if node[0] == "leaf":
                continue
            if len(below) <= leaf_size:
                return f"tree {t}: a node of {len(below)} items is split, leaf_size is {leaf_size}"
            normal, plus, minus = node[1], ids_below(node[2]), ids_below(node[3])
            if not (isinstance(normal, np.ndarray) and normal.dtype == np.float64):
                return f"tree {t}: a split's normal is {type(normal).__name__}, not float64 array"
            if not normal.any():
                half = len(below) // 2
                same = [
                    (a, b)
                    for a in below
                    for b in below
                    if a < b and np.array_equal(unit[a], unit[b])
                ]
                if not same:
                    return f"tree {t}: zero normal over items {below}, no two of which point the same way"
                if sorted(plus) != below[:half] or sorted(minus) != below[half:]:
                    return (
                        f"tree {t}: fallback over {below} sent {sorted(plus)} to plus, "
                        f"expected the lowest {half} ids {below[:half]}"
                    )
                continue
            if abs(np.linalg.norm(normal) - 1) > 1e-9:
                return f"tree {t}: a split's normal has length {np.linalg.norm(normal)}, not 1"
            diffs = unit[below][:, None, :] - unit[below][None, :, :]
            lengths = np.linalg.norm(diffs, axis=2)
            ok = lengths > 0
            scaled = np.where(ok[..., None], diffs / np.where(ok, lengths, 1)[..., None], 0)
            if not (np.abs(scaled - normal).max(axis=2) < 1e-9).any():
                return (
                    f"tree {t}: a split's normal {np.round(normal, 4)} is not "
                    "(unit[a] - unit[b]) / |unit[a] - unit[b]| for two items of its node"
                )
            wrong = [i for i in plus if not float(unit[i] @ normal) >= 0] + [
                i for i in minus if not float(unit[i] @ normal) < 0
            ]
            if wrong:
                i = wrong[0]
                return f"tree {t}: item {i} with margin {float(unit[i] @ normal)!r} is on the wrong side"
    return None


def same_forest(first, second):
    if not np.array_equal(first.unit, second.unit) or len(first.trees) != len(second.trees):
        return False
    return all(same_tree(a, b) for a, b in zip(first.trees, second.trees, strict=True))


def same_tree(a, b):
    if a[0] != b[0]:
        return False
    if a[0] == "leaf":
        return tuple(a[1]) == tuple(b[1])
    return np.array_equal(a[1], b[1]) and same_tree(a[2], b[2]) and same_tree(a[3], b[3])


def check_structure(vectors, n_trees, seed, leaf_size, what):
    index = build_index(vectors, n_trees, seed, leaf_size)
    fail_if(
        structure_problem(index, vectors, leaf_size),
        build_index,
        (vectors, n_trees, seed, leaf_size),
        "a forest that obeys the contract",
        what,
    )
    return index


# --- angular_distance ----------------------------------------------------------------------------


@pins("angular")
def test_angular_distance_of_the_worked_examples():
    assert_returns(0.0, angular_distance, np.array([3.0, 4.0]), np.array([6.0, 8.0]))
    assert_returns(math.sqrt(2), angular_distance, X_AXIS, np.array([0.0, 2.0]), tol=CLOSE)
    assert_returns(2.0, angular_distance, X_AXIS, np.array([-2.0, 0.0]))
    assert_returns(math.sqrt(0.8), angular_distance, X_AXIS, np.array([3.0, 4.0]), tol=CLOSE)


@pins("angular")
def test_angular_distance_clamps_a_cosine_that_rounds_above_one():
    ones = np.array([1.0, 1.0, 1.0])  # ones·ones / |ones|² is 1.0000000000000002 in floating point
    assert_returns(0.0, angular_distance, ones, ones.copy())
    assert_returns(0.0, angular_distance, ones, 5 * ones)


@pins("angular")
@derandomized(max_examples=40)
@given(st.integers(0, 10_000), st.integers(2, 6))
def test_angular_distance_is_the_euclidean_distance_of_normalised_vectors(seed, f):
    rng = np.random.default_rng(seed)
    u, v = rng.normal(0, 1, f) * rng.uniform(0.1, 10), rng.normal(0, 1, f) * rng.uniform(0.1, 10)
    expected = float(np.linalg.norm(u / np.linalg.norm(u) - v / np.linalg.norm(v)))
    assert_returns(expected, angular_distance, u, v, tol=Tolerance(rel=1e-9, abs=1e-9))


@pins("angular")
def test_angular_distance_rejects_a_zero_vector():
    assert_raises(ValueError, angular_distance, X_AXIS, np.zeros(2))
    assert_raises(ValueError, angular_distance, np.zeros(3), np.ones(3))


# --- build_index ---------------------------------------------------------------------------------


@pins("index", "leaves", "split")
@derandomized(max_examples=25, shrink=False)
@given(st.integers(0, 10_000), st.integers(1, 60), st.integers(1, 8), st.integers(1, 3))
def test_every_tree_obeys_the_structure(seed, n, leaf_size, n_trees):
    vectors = np.random.default_rng(seed).normal(0, 1, (n, 3)) * 3
    index = check_structure(vectors, n_trees, seed, leaf_size, "see the problem above")
    assert_type(index.trees, list, "build_index(...).trees")
    assert_equal(len(index.trees), n_trees, "len(build_index(...).trees)")
    assert_equal(str(index.unit.dtype), "float64", "build_index(...).unit.dtype")


@pins("index")
def test_build_returns_a_new_unit_array_and_leaves_vectors_alone():
    vectors = np.array([[3.0, 4.0], [0.0, -2.0], [1.0, 1.0]])
    before = copy.deepcopy(vectors)
    index = build_index(vectors, 2, 0, 1)
    assert_unmodified(build_index, ((before, 2, 0, 1), {}), ((vectors, 2, 0, 1), {}))
    assert_equal(
        index.unit,
        np.array([[0.6, 0.8], [0.0, -1.0], [1 / math.sqrt(2), 1 / math.sqrt(2)]]),
        "build_index([[3, 4], [0, -2], [1, 1]], 2, 0, 1).unit",
        tol=CLOSE,
    )
    fail_if(
        "index.unit shares memory with vectors" if np.shares_memory(index.unit, vectors) else None,
        build_index,
        (vectors, 2, 0, 1),
        "a new array",
        "a view of vectors",
    )
    integers = np.array([[3, 4], [0, -2], [1, 1]])
    assert_equal(str(build_index(integers, 1, 0).unit.dtype), "float64", "unit.dtype for int input")


@pins("leaves")
def test_leaf_size_is_inclusive_and_defaults_to_ten():
    vectors = np.random.default_rng(1).normal(0, 1, (11, 4))
    for n, leaf_size, kind in [(5, 5, "leaf"), (6, 5, "split"), (1, 1, "leaf"), (2, 1, "split")]:
        index = build_index(vectors[:n], 1, 0, leaf_size)
        assert_equal(
            index.trees[0][0], kind, f"build_index({n} items, leaf_size={leaf_size}).trees[0][0]"
        )
    assert_equal(
        build_index(vectors[:10], 2, 0).trees[0],
        ("leaf", tuple(range(10))),
        "root of 10 items, default",
    )
    assert_equal(
        build_index(vectors, 1, 0).trees[0][0], "split", "root of 11 items, default leaf_size"
    )
    check_structure(vectors, 1, 0, 1, "leaf_size = 1: every leaf a single item")


@pins("split")
def test_a_margin_of_exactly_zero_goes_to_plus():
    # the six axis directions: a split between two of them leaves the others at margin exactly 0
    vectors = np.vstack([np.eye(3), -np.eye(3)]) * np.array(
        [[1.0], [2.0], [3.0], [1.0], [2.0], [3.0]]
    )
    zero_margins = 0
    for seed in range(8):
        index = check_structure(vectors, 2, seed, 1, "a margin of exactly 0 sends the item to plus")
        for tree in index.trees:
            for node, below in nodes(tree):
                if node[0] == "split":
                    zero_margins += sum(float(index.unit[i] @ node[1]) == 0 for i in below)
    assert zero_margins > 0, "the data was meant to produce margins of exactly 0"


@pins("split")
def test_split_normals_come_from_two_items_not_a_random_direction_or_raw_vectors():
    rng = np.random.default_rng(7)
    vectors = rng.normal(0, 1, (40, 3)) * rng.uniform(0.2, 5, (40, 1))  # lengths differ
    for seed in range(3):
        check_structure(vectors, 3, seed, 2, "normals from two normalised items")


@pins("split")
def test_two_different_items_are_drawn_so_distinct_points_never_fall_back():
    vectors = np.random.default_rng(11).normal(0, 1, (64, 3))
    for seed in range(4):
        index = build_index(vectors, 3, seed, 1)
        zero = [
            node
            for tree in index.trees
            for node, _ in nodes(tree)
            if node[0] == "split" and not np.any(node[1])
        ]
        fail_if(
            f"{len(zero)} splits have a zero normal" if zero else None,
            build_index,
            (vectors, 3, seed, 1),
            "no fallback: all 64 items point different ways",
            f"{len(zero)} fallback splits",
        )


@pins("fallback")
def test_items_pointing_the_same_way_are_halved_by_id():
    # seven copies of one direction at lengths 5 to 35: their unit vectors are bitwise equal
    vectors = np.array([[3.0, 4.0]] * 7) * np.arange(1, 8)[:, None]
    index = check_structure(vectors, 1, 0, 2, "halves by id")
    expected = (
        "split",
        np.zeros(2),
        ("split", np.zeros(2), ("leaf", (0,)), ("leaf", (1, 2))),
        ("split", np.zeros(2), ("leaf", (3, 4)), ("leaf", (5, 6))),
    )
    fail_if(
        None if same_tree(index.trees[0], expected) else "not the pinned halving",
        build_index,
        (vectors, 1, 0, 2),
        str(expected),
        str(index.trees[0]),
    )


@pins("fallback")
def test_fallback_with_some_duplicates_keeps_the_structure():
    base = np.array([[1.0, 0.0], [0.0, 1.0], [3.0, 4.0], [-1.0, 0.0], [4.0, -3.0]])
    vectors = np.repeat(base, 5, axis=0) * np.tile(np.arange(1, 6), 5)[:, None]
    for seed in range(6):
        check_structure(vectors, 3, seed, 2, "duplicates: fallback splits by id")


@pins("deterministic")
def test_same_seed_same_forest_and_the_trees_differ():
    vectors = np.random.default_rng(3).normal(0, 1, (80, 5))
    first, second = build_index(vectors, 4, 42, 3), build_index(vectors, 4, 42, 3)
    fail_if(
        None if same_forest(first, second) else "two builds with seed 42 differ",
        build_index,
        (vectors, 4, 42, 3),
        "the same forest twice",
        "two different forests",
    )
    other = build_index(vectors, 4, 43, 3)
    fail_if(
        "seeds 42 and 43 gave the same forest" if same_forest(first, other) else None,
        build_index,
        (vectors, 4, 43, 3),
        "a different forest for another seed",
        "the same forest",
    )
    identical = [
        (i, j)
        for i in range(4)
        for j in range(i + 1, 4)
        if same_tree(first.trees[i], first.trees[j])
    ]
    fail_if(
        f"trees {identical[0]} are identical: one generator for the whole forest"
        if identical
        else None,
        build_index,
        (vectors, 4, 42, 3),
        "4 different trees",
        "repeated trees",
    )


# --- query ---------------------------------------------------------------------------------------


@pins("search", "search_k", "ranking")
def test_query_on_the_worked_example():
    q = np.array([1.0, 0.2])
    assert_returns([0], query, TINY, q, 1)
    assert_returns([0, 1, 3], query, TINY, q, 3)
    assert_returns([0, 3], query, TINY, q, 3, 2)
    assert_returns([1, 0, 2], query, TINY, np.array([0.2, 1.0]), 3, search_k=3)


@pins("search")
def test_the_side_the_query_is_on_is_searched_first():
    # q is on the minus side of the root: its leaf must come first
    assert_returns([2, 1], query, TINY, np.array([-1.0, 0.3]), 2, search_k=1)
    assert_returns([3, 0], query, TINY, np.array([0.3, -1.0]), 2, search_k=1)


@pins("search")
def test_priority_is_the_smallest_margin_on_the_path():
    # q = (0.5, 0.1). Both roots split on the x axis (m = 0.5): their plus leaves (0,) go first.
    # Tree 0's minus child (priority -0.5) splits on the y axis (m = 0.1): both its children
    # get min(-0.5, +-0.1) = -0.5, so tree 1's minus leaf (-0.5, pushed earlier) comes first.
    unit = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, -1.0], [-1.0, 0.0]])
    tree0 = ("split", X_AXIS, ("leaf", (0,)), ("split", Y_AXIS, ("leaf", (1,)), ("leaf", (2, 3))))
    tree1 = ("split", X_AXIS, ("leaf", (0,)), ("leaf", (1, 2, 3)))
    index = Index(unit, [tree0, tree1])
    q = np.array([0.5, 0.1])
    assert_returns([0], query, index, q, 4, search_k=2)
    assert_returns([0, 1, 2, 3], query, index, q, 4, search_k=3)


@pins("search")
def test_equal_priorities_pop_in_push_order():
    unit = np.array([[1.0, 0.0], [0.0, 1.0], [0.6, 0.8]])
    zero = np.zeros(2)
    halves = Index(unit, [("split", zero, ("leaf", (1,)), ("leaf", (0,)))])
    # margin 0: plus and minus both get priority 0; plus was pushed first
    assert_returns([1], query, halves, X_AXIS, 3, search_k=1)
    roots = Index(unit, [("leaf", (2,)), ("leaf", (0,)), ("leaf", (1,))])
    # every root starts at +inf: tree order
    assert_returns([2], query, roots, X_AXIS, 3, search_k=1)
    assert_returns([0, 2], query, roots, X_AXIS, 3, search_k=2)


@pins("search_k")
def test_search_k_counts_repeats_and_stops_at_once():
    unit = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.6, 0.8]])
    tree0 = ("split", X_AXIS, ("leaf", (0, 3)), ("leaf", (1, 2)))
    tree1 = ("split", X_AXIS, ("leaf", (1, 3)), ("leaf", (0, 2)))
    index = Index(unit, [tree0, tree1])
    # exactly search_k = 2 candidates after the first leaf: stop there
    assert_returns([0, 3], query, index, X_AXIS, 4, search_k=2)
    assert_returns([0, 3], query, index, X_AXIS, 4, search_k=1)
    # the two plus leaves give 4 candidates (3 distinct): search_k = 4 stops there
    assert_returns([0, 3, 1], query, index, X_AXIS, 4, search_k=3)
    assert_returns([0, 3, 1], query, index, X_AXIS, 4, search_k=4)
    assert_returns([0, 3, 1, 2], query, index, X_AXIS, 4, search_k=5)
    assert_returns([0, 3, 1, 2], query, index, X_AXIS, 9, search_k=100)


@pins("search_k")
def test_default_search_k_is_n_trees_times_n():
    unit = np.eye(6)
    chain = (
        "split",
        unit[0],
        ("leaf", (0,)),
        ("split", unit[1], ("leaf", (1,)), ("leaf", (2, 3, 4, 5))),
    )
    q = np.array([1.0, 0.9, 0.8, 0.7, 0.6, 0.5])
    one, two = Index(unit, [chain]), Index(unit, [chain, chain])
    # 1 tree, n = 3: search_k = 3: leaves (0,), (1,), then (2, 3, 4, 5)
    assert_returns([0, 1, 2], query, one, q, 3)
    assert_returns([0], query, one, q, 1)
    # 2 trees, n = 2: search_k = 4: (0,), (0,), (1,), (1,)
    assert_returns([0, 1], query, two, q, 2)
    # 2 trees, n = 3: search_k = 6: (0,), (0,), (1,), (1,), (2, 3, 4, 5)
    assert_returns([0, 1, 2], query, two, q, 3)


@pins("search_k", "ranking")
@derandomized(max_examples=40, shrink=False)
@given(st.integers(0, 10_000), st.integers(1, 3), st.integers(1, 4), st.integers(1, 40))
def test_query_equals_an_independent_walk(seed, n_trees, leaf_size, search_k):
    rng = np.random.default_rng(seed)
    vectors = rng.normal(0, 1, (int(rng.integers(1, 30)), 3))
    index = forest(vectors, n_trees, leaf_size, seed)
    q = rng.normal(0, 1, 3)
    n = int(rng.integers(0, len(vectors) + 2))
    ids = sorted(set(walk(index, q, search_k)))
    expected = [ids[j] for j in brute_force(index.unit[ids], q, n)]
    assert_returns(expected, query, index, q, n, search_k)


@pins("search_k", "ranking")
@derandomized(max_examples=25, shrink=False)
@given(st.integers(0, 10_000), st.integers(1, 3), st.integers(0, 12))
def test_a_full_search_equals_brute_force(seed, n_trees, n):
    rng = np.random.default_rng(seed)
    # directions at several lengths (ties happen) whose unit vectors are bitwise equal per direction
    # and whose cosines involve at most one non-zero product (no cancellation to round differently)
    directions = np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1], [-1, 0, 0], [0, 3, 4], [3, 0, 4]])
    vectors = directions[rng.integers(0, 6, 14)] * rng.integers(1, 4, (14, 1)).astype(float)
    q = directions[rng.integers(0, 6)] * float(rng.integers(1, 4))
    index = build_index(vectors, n_trees, seed, 2)
    assert_returns(brute_force(vectors, q, n), query, index, q, n, n_trees * 14)


@pins("ranking")
def test_ties_by_lower_id_and_a_query_of_any_length():
    unit = np.array([[0.0, 1.0], [1.0, 0.0], [0.0, -1.0], [1.0, 0.0], [0.6, 0.8]])
    index = Index(unit, [("leaf", (0, 1, 2, 3, 4))])
    assert_returns([1, 3, 4, 0, 2], query, index, X_AXIS, 5)
    assert_returns([1, 3], query, index, 1e6 * X_AXIS, 2)
    assert_returns([0, 4, 1, 3], query, index, np.array([0.0, 0.001]), 4)


@pins("ranking")
def test_query_returns_a_new_list_of_ints_and_modifies_nothing():
    q = np.array([1.0, 0.2])
    result = query(TINY, q, 3)
    assert_type(result, list, "query(TINY, [1.0, 0.2], 3)")
    for i in result:
        assert_type(i, int, "an id returned by query")
    assert_returns([], query, TINY, q, 0)
    assert_returns([], query, TINY, q, 0, 5)
    index = build_index(np.random.default_rng(0).normal(0, 1, (30, 3)), 2, 0, 3)
    saved = copy.deepcopy(index)
    query(index, np.ones(3), 5)
    fail_if(
        None if same_forest(index, saved) else "query changed the index",
        query,
        (index, np.ones(3), 5),
        "the index unchanged",
        "a modified index",
    )


# --- errors --------------------------------------------------------------------------------------


@pins("errors")
def test_build_rejects_bad_input_naming_the_value():
    good = np.array([[1.0, 0.0], [0.0, 1.0]])
    assert_raises(ValueError, build_index, np.array([1.0, 2.0]), 1, 0)
    assert_raises(ValueError, build_index, np.zeros((0, 3)), 1, 0)
    assert_raises(
        ValueError, build_index, np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]]), 1, 0, match="2"
    )
    assert_raises(ValueError, build_index, good, 0, 0, match="0")
    assert_raises(ValueError, build_index, good, -3, 0, match="-3")
    assert_raises(ValueError, build_index, good, 1, 0, 0, match="0")
    assert_raises(ValueError, build_index, good, 1, 0, -1, match="-1")


@pins("errors")
def test_query_rejects_bad_input_naming_the_value():
    q = np.array([1.0, 0.0])
    assert_raises(ValueError, query, TINY, q, -1, match="-1")
    assert_raises(ValueError, query, TINY, q, 2, 0, match="0")
    assert_raises(ValueError, query, TINY, q, 2, -5, match="-5")
    assert_raises(ValueError, query, TINY, np.array([1.0, 0.0, 0.0]), 2, match="3")
    assert_raises(ValueError, query, TINY, np.zeros(2), 2)
    assert_raises(ValueError, query, TINY, np.array([1.0, 0.0, 0.0]), 0, match="3")
    assert_raises(ValueError, query, Index(UNIT4, [("leaf", (0, 1))]), np.ones(5), 2, match="5")


# --- quality and scale ---------------------------------------------------------------------------


@pins("recall")
def test_recall_at_10_on_the_clustered_data():
    items, queries = clustered()
    unit = items / np.linalg.norm(items, axis=1)[:, None]
    index = build_index(items, 10, 0)
    hits = 0
    for q in queries:
        cos = unit @ (q / np.linalg.norm(q))
        truth = set(np.lexsort((np.arange(len(unit)), -cos))[:10].tolist())
        hits += len(truth & set(query(index, q, 10)))
    recall = hits / (10 * len(queries))
    fail_if(
        None if recall >= 0.80 else "the index misses too many true neighbours",
        build_index,
        ("clustered() items: 5,000 x 20", 10, 0),
        "mean recall@10 >= 0.80 with the default search_k (the reference reaches 0.866)",
        f"{recall:.3f}",
    )


BIG_QUERIES = 100


def level_forest(vectors, n_trees, leaf_size, seed):
    """A cheap forest for the scale test: one random normal per depth level, shared by every node
    of that level, so each tree costs one matrix product. The walk only needs valid trees."""
    unit = vectors / np.linalg.norm(vectors, axis=1)[:, None]
    rng = np.random.default_rng(seed)
    trees = []
    for _ in range(n_trees):
        normals = rng.normal(0, 1, (24, unit.shape[1]))
        normals /= np.linalg.norm(normals, axis=1)[:, None]
        sides = unit @ normals.T >= 0

        def grow(ids, depth, normals=normals, sides=sides):
            if len(ids) <= leaf_size or depth == len(normals):
                return ("leaf", tuple(ids.tolist()))
            plus = sides[ids, depth]
            return (
                "split",
                normals[depth],
                grow(ids[plus], depth + 1),
                grow(ids[~plus], depth + 1),
            )

        trees.append(grow(np.arange(len(unit)), 0))
    return Index(unit, trees)


def big_index():
    rng = np.random.default_rng(17)
    vectors = rng.normal(0, 1, (200_000, 32))
    return level_forest(vectors, 4, 25, 17), rng.normal(0, 1, (BIG_QUERIES, 32))


@pins("scale")
def test_scale_query_on_200_000_items_touches_only_what_it_visits():
    index, qs = workload("200,000 x 32 items, 4 trees, leaves of 25", big_index)

    def reference():
        for q in qs:
            ids = np.unique(np.array(walk_fast(index, q, 40)))
            cos = index.unit[ids] @ (q / np.linalg.norm(q))
            ids[np.lexsort((ids, -cos))][:10]

    assert_scales(
        lambda: [query(index, q, 10) for q in qs],
        reference,
        factor=5,
        what=f"{BIG_QUERIES} queries on 200,000 items x 32 dims, 4 trees",
        advice="Walk the trees with a heap and score only the candidates: never compute a "
        "distance, a norm or a copy over all of index.unit inside query.",
    )


def walk_fast(index, q, search_k):
    import heapq

    heap = [(-math.inf, k, root) for k, root in enumerate(index.trees)]
    pushed, found = len(heap), []
    while heap and len(found) < search_k:
        d, _, node = heapq.heappop(heap)
        if node[0] == "leaf":
            found += node[1]
            continue
        m = float(node[1] @ q)
        heapq.heappush(heap, (max(d, -m), pushed, node[2]))
        heapq.heappush(heap, (max(d, m), pushed + 1, node[3]))
        pushed += 2
    return found
