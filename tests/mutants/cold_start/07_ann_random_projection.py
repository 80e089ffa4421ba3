"""Plausible wrong answers to cold_start/07_ann_random_projection, each breaking one contract clause.

Each mutant redefines one function after the reference's cells have run."""

from workbook.contract import swap

ANGULAR = """
def angular_distance(u, v):
    norm_u, norm_v = float(np.linalg.norm(u)), float(np.linalg.norm(v))
    if norm_u == 0 or norm_v == 0:
        raise ValueError(f"angular distance needs non-zero vectors, got norms {norm_u} and {norm_v}")
    cos = float(np.dot(u, v)) / (norm_u * norm_v)
    return float(np.sqrt(max(0.0, 2.0 * (1.0 - cos))))
"""

BUILD = """
def build_index(vectors, n_trees, seed, leaf_size=10):
    vectors = np.asarray(vectors, dtype=float)
    if vectors.ndim != 2 or len(vectors) == 0:
        raise ValueError(f"vectors must be a 2-D array with rows, got shape {vectors.shape}")
    if n_trees < 1:
        raise ValueError(f"n_trees must be >= 1, got {n_trees}")
    if leaf_size < 1:
        raise ValueError(f"leaf_size must be >= 1, got {leaf_size}")
    norms = np.linalg.norm(vectors, axis=1)
    if (norms == 0).any():
        raise ValueError(f"row {int(np.flatnonzero(norms == 0)[0])} is the zero vector")
    unit = vectors / norms[:, None]
    rng = np.random.default_rng(seed)

    def grow(ids):
        if len(ids) <= leaf_size:
            return ("leaf", tuple(int(i) for i in ids))
        a, b = rng.choice(ids, size=2, replace=False)
        normal = unit[a] - unit[b]
        length = np.linalg.norm(normal)
        if length > 0:
            normal = normal / length
            plus = unit[ids] @ normal >= 0
            if 0 < plus.sum() < len(ids):
                return ("split", normal, grow(ids[plus]), grow(ids[~plus]))
        half = len(ids) // 2
        return ("split", np.zeros(unit.shape[1]), grow(ids[:half]), grow(ids[half:]))

    all_ids = np.arange(len(unit))
    return Index(unit, [grow(all_ids) for _ in range(n_trees)])
"""

QUERY = """
def query(index, q, n, search_k=None):
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    if search_k is None:
        search_k = len(index.trees) * n
    elif search_k < 1:
        raise ValueError(f"search_k must be >= 1 (or None), got {search_k}")
    q = np.asarray(q, dtype=float)
    if q.shape != index.unit.shape[1:]:
        raise ValueError(f"q has shape {q.shape}; the items have {index.unit.shape[1]} dimensions")
    q_norm = float(np.linalg.norm(q))
    if q_norm == 0:
        raise ValueError("q is the zero vector: its angular distance is undefined")
    if n == 0:
        return []
    heap = [(-np.inf, order, root) for order, root in enumerate(index.trees)]
    pushed = len(heap)
    found = []
    while heap and len(found) < search_k:
        negative, _, node = heapq.heappop(heap)
        if node[0] == "leaf":
            found.extend(node[1])
            continue
        d, m = -negative, float(node[1] @ q)
        heapq.heappush(heap, (-min(d, m), pushed, node[2]))
        heapq.heappush(heap, (-min(d, -m), pushed + 1, node[3]))
        pushed += 2
    ids = np.unique(np.array(found, dtype=np.int64))
    cos = index.unit[ids] @ (q / q_norm)
    order = np.lexsort((ids, -cos))[:n]
    return [int(i) for i in ids[order]]
"""


RETURN_ANGULAR = "    return float(np.sqrt(max(0.0, 2.0 * (1.0 - cos))))\n"
WALK = "        d, m = -negative, float(node[1] @ q)\n"
PUSH_PLUS = "        heapq.heappush(heap, (-min(d, m), pushed, node[2]))\n"
PUSH_MINUS = "        heapq.heappush(heap, (-min(d, -m), pushed + 1, node[3]))\n"
RANK = "    order = np.lexsort((ids, -cos))[:n]\n"

MUTANTS = {
    # angular
    "euclidean_on_raw_vectors": (
        "angular",
        swap(
            ANGULAR,
            (RETURN_ANGULAR, "    return float(np.linalg.norm(np.asarray(u) - np.asarray(v)))\n"),
        ),
    ),
    "one_minus_cos": ("angular", swap(ANGULAR, (RETURN_ANGULAR, "    return float(1.0 - cos)\n"))),
    "squared_distance": (
        "angular",
        swap(ANGULAR, (RETURN_ANGULAR, "    return float(max(0.0, 2.0 * (1.0 - cos)))\n")),
    ),
    "no_clamp_gives_nan": (
        "angular",
        swap(ANGULAR, (RETURN_ANGULAR, "    return float(np.sqrt(2.0 * (1.0 - cos)))\n")),
    ),
    "zero_vector_distance_two": (
        "angular",
        swap(
            ANGULAR,
            (
                '        raise ValueError(f"angular distance needs non-zero vectors, got norms {norm_u} and {norm_v}")\n',
                "        return 2.0\n",
            ),
        ),
    ),
    "numpy_float": (
        "angular",
        swap(ANGULAR, (RETURN_ANGULAR, "    return np.sqrt(max(0.0, 2.0 * (1.0 - cos)))\n")),
    ),
    # index
    "raw_vectors_stored": (
        "index",
        swap(
            BUILD,
            (
                "    unit = vectors / norms[:, None]\n",
                "    unit = vectors.copy()\n    unit_ = vectors / norms[:, None]\n",
            ),
        )
        .replace("normal = unit[a] - unit[b]", "normal = unit_[a] - unit_[b]")
        .replace("plus = unit[ids] @ normal", "plus = unit_[ids] @ normal"),
    ),
    "normalises_in_place": (
        "index",
        swap(
            BUILD,
            (
                "    vectors = np.asarray(vectors, dtype=float)\n",
                "    vectors = np.asarray(vectors, dtype=float)\n    original = vectors\n",
            ),
            (
                "    unit = vectors / norms[:, None]\n",
                "    original /= norms[:, None]\n    unit = original\n",
            ),
        ),
    ),
    "numpy_int_ids": (
        "index",
        swap(BUILD, ('return ("leaf", tuple(int(i) for i in ids))', 'return ("leaf", tuple(ids))')),
    ),
    "list_of_ids": (
        "index",
        swap(
            BUILD,
            (
                'return ("leaf", tuple(int(i) for i in ids))',
                'return ("leaf", [int(i) for i in ids])',
            ),
        ),
    ),
    "shuffled_leaves": (
        "index",
        swap(
            BUILD,
            ("    all_ids = np.arange(len(unit))\n", "    all_ids = rng.permutation(len(unit))\n"),
        ),
    ),
    # leaves
    "leaf_size_exclusive": (
        "leaves",
        swap(BUILD, ("if len(ids) <= leaf_size:", "if len(ids) < leaf_size:")),
    ),
    "leaf_size_plus_one": (
        "leaves",
        swap(BUILD, ("if len(ids) <= leaf_size:", "if len(ids) <= leaf_size + 1:")),
    ),
    "default_leaf_size_16": (
        "leaves",
        swap(
            BUILD,
            (
                "def build_index(vectors, n_trees, seed, leaf_size=10):",
                "def build_index(vectors, n_trees, seed, leaf_size=16):",
            ),
        ),
    ),
    # split
    "random_hyperplane": (
        "split",
        swap(
            BUILD,
            (
                "        normal = unit[a] - unit[b]\n",
                "        normal = rng.normal(0, 1, unit.shape[1])\n",
            ),
        ),
    ),
    "normal_not_normalised": (
        "split",
        swap(BUILD, ("        normal = normal / length\n", "")),
    ),
    "split_on_raw_vectors": (
        "split",
        swap(
            BUILD,
            ("        normal = unit[a] - unit[b]\n", "        normal = vectors[a] - vectors[b]\n"),
        ),
    ),
    "zero_margin_to_minus": (
        "split",
        swap(BUILD, ("plus = unit[ids] @ normal >= 0", "plus = unit[ids] @ normal > 0")),
    ),
    "sampled_with_replacement": (
        "split",
        swap(
            BUILD,
            (
                "a, b = rng.choice(ids, size=2, replace=False)",
                "a, b = rng.choice(ids, size=2, replace=True)",
            ),
        ),
    ),
    # fallback
    "oversized_leaf_fallback": (
        "fallback",
        swap(
            BUILD,
            (
                '        return ("split", np.zeros(unit.shape[1]), grow(ids[:half]), grow(ids[half:]))\n',
                '        return ("leaf", tuple(int(i) for i in ids))\n',
            ),
        ),
    ),
    "fallback_upper_half_plus": (
        "fallback",
        swap(BUILD, ("grow(ids[:half]), grow(ids[half:])", "grow(ids[half:]), grow(ids[:half])")),
    ),
    "fallback_ceil_half": (
        "fallback",
        swap(BUILD, ("half = len(ids) // 2", "half = (len(ids) + 1) // 2")),
    ),
    # deterministic
    "generator_per_tree": (
        "deterministic",
        swap(
            BUILD,
            (
                "    return Index(unit, [grow(all_ids) for _ in range(n_trees)])\n",
                "    trees = []\n    for _ in range(n_trees):\n        rng = np.random.default_rng(seed)\n        trees.append(grow(all_ids))\n    return Index(unit, trees)\n",
            ),
            ("    rng = np.random.default_rng(seed)\n\n", "    rng = None\n\n"),
            ("    def grow(ids):\n", "    def grow(ids):\n        nonlocal rng\n"),
        ),
    ),
    "unseeded": (
        "deterministic",
        swap(BUILD, ("rng = np.random.default_rng(seed)", "rng = np.random.default_rng()")),
    ),
    # search
    "priority_sign_swapped": (
        "search",
        swap(
            QUERY,
            (PUSH_PLUS, "        heapq.heappush(heap, (-min(d, -m), pushed, node[2]))\n"),
            (PUSH_MINUS, "        heapq.heappush(heap, (-min(d, m), pushed + 1, node[3]))\n"),
        ),
    ),
    "margin_without_parent_min": (
        "search",
        swap(
            QUERY,
            (PUSH_PLUS, "        heapq.heappush(heap, (-m, pushed, node[2]))\n"),
            (PUSH_MINUS, "        heapq.heappush(heap, (m, pushed + 1, node[3]))\n"),
        ),
    ),
    "minus_pushed_first": (
        "search",
        swap(
            QUERY,
            ("(-min(d, m), pushed, node[2])", "(-min(d, m), pushed + 1, node[2])"),
            ("(-min(d, -m), pushed + 1, node[3])", "(-min(d, -m), pushed, node[3])"),
        ),
    ),
    "ties_last_in_first_out": (
        "search",
        swap(
            QUERY,
            (
                "    heap = [(-np.inf, order, root) for order, root in enumerate(index.trees)]\n",
                "    heap = [(-np.inf, -order, root) for order, root in enumerate(index.trees)]\n",
            ),
            ("(-min(d, m), pushed, node[2])", "(-min(d, m), -pushed, node[2])"),
            ("(-min(d, -m), pushed + 1, node[3])", "(-min(d, -m), -pushed - 1, node[3])"),
        ),
    ),
    # search_k
    "default_search_k_n": (
        "search_k",
        swap(QUERY, ("search_k = len(index.trees) * n", "search_k = n")),
    ),
    "stops_at_first_leaf": (
        "search_k",
        swap(
            QUERY,
            (
                "            found.extend(node[1])\n            continue\n",
                "            found.extend(node[1])\n            break\n",
            ),
        ),
    ),
    "counts_distinct_candidates": (
        "search_k",
        swap(
            QUERY,
            ("while heap and len(found) < search_k:", "while heap and len(set(found)) < search_k:"),
        ),
    ),
    "stops_only_above_search_k": (
        "search_k",
        swap(
            QUERY,
            ("while heap and len(found) < search_k:", "while heap and len(found) <= search_k:"),
        ),
    ),
    "first_tree_only": (
        "search_k",
        swap(
            QUERY,
            (
                "for order, root in enumerate(index.trees)]",
                "for order, root in enumerate(index.trees[:1])]",
            ),
        ),
    ),
    # ranking
    "ties_by_higher_id": (
        "ranking",
        swap(QUERY, (RANK, "    order = np.lexsort((-ids, -cos))[:n]\n")),
    ),
    "farthest_first": ("ranking", swap(QUERY, (RANK, "    order = np.lexsort((ids, cos))[:n]\n"))),
    "candidates_by_id": ("ranking", swap(QUERY, (RANK, "    order = np.arange(len(ids))[:n]\n"))),
    "repeats_not_removed": (
        "ranking",
        swap(
            QUERY,
            (
                "    ids = np.unique(np.array(found, dtype=np.int64))\n",
                "    ids = np.sort(np.array(found, dtype=np.int64))\n",
            ),
        ),
    ),
    "normalises_q_in_place": (
        "ranking",
        swap(
            QUERY,
            (
                "    if n == 0:\n        return []\n",
                "    q /= q_norm\n    q_norm = 1.0\n    if n == 0:\n        return []\n",
            ),
        ),
    ),
    "numpy_ints_returned": (
        "ranking",
        swap(QUERY, ("    return [int(i) for i in ids[order]]\n", "    return list(ids[order])\n")),
    ),
    # errors
    "zero_row_accepted": (
        "errors",
        swap(
            BUILD,
            (
                '        raise ValueError(f"row {int(np.flatnonzero(norms == 0)[0])} is the zero vector")\n',
                "        norms = np.where(norms == 0, 1.0, norms)\n",
            ),
        ),
    ),
    "no_trees_accepted": (
        "errors",
        swap(BUILD, ("    if n_trees < 1:\n", "    if n_trees < 0:\n")),
    ),
    "leaf_size_zero_accepted": (
        "errors",
        swap(BUILD, ("    if leaf_size < 1:\n", "    if leaf_size < 0:\n")),
    ),
    "empty_vectors_accepted": (
        "errors",
        swap(BUILD, ("if vectors.ndim != 2 or len(vectors) == 0:", "if vectors.ndim != 2:")),
    ),
    "negative_n_gives_empty": (
        "errors",
        swap(QUERY, ("    if n < 0:\n", "    if n < -10**9:\n")).replace(
            "    if n == 0:\n", "    if n <= 0:\n"
        ),
    ),
    "search_k_zero_accepted": (
        "errors",
        swap(QUERY, ("    elif search_k < 1:\n", "    elif search_k < 0:\n")),
    ),
    "zero_query_accepted": (
        "errors",
        swap(
            QUERY,
            (
                '        raise ValueError("q is the zero vector: its angular distance is undefined")\n',
                "        q_norm = 1.0\n",
            ),
        ),
    ),
    "query_length_unchecked": (
        "errors",
        swap(QUERY, ("    if q.shape != index.unit.shape[1:]:\n", "    if False:\n")),
    ),
    # recall
    # recall
    "one_leaf_per_tree_no_backtracking": (
        "recall",
        swap(
            QUERY,
            (
                "    while heap and len(found) < search_k:\n",
                '    for node in index.trees:\n        while node[0] == "split":\n            node = node[2] if float(node[1] @ q) >= 0 else node[3]\n        found.extend(node[1])\n    while False:\n',
            ),
        ),
    ),
    # scale
    "brute_force_scan": (
        "scale",
        swap(
            QUERY,
            (
                "    heap = [(-np.inf, order, root) for order, root in enumerate(index.trees)]\n",
                "    ids = np.arange(len(index.unit))\n    found, heap = [], []\n",
            ),
            ("    ids = np.unique(np.array(found, dtype=np.int64))\n", ""),
        ),
    ),
    "renormalises_every_query": (
        "scale",
        swap(
            QUERY,
            (
                "    cos = index.unit[ids] @ (q / q_norm)\n",
                "    unit = index.unit / np.linalg.norm(index.unit, axis=1)[:, None]\n    cos = unit[ids] @ (q / q_norm)\n",
            ),
        ),
    ),
}
