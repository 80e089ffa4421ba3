"""Plausible wrong answers to cold_start/06_implicit_als_fold_in, each breaking one contract clause.

Each mutant redefines one function after the reference's cells have run."""

from workbook.contract import swap

FACTORS = """
def user_factors(Y, YtY, items, plays, alpha=40.0, reg=0.1):
    items = np.asarray(items, dtype=np.int64)
    plays = np.asarray(plays, dtype=float)
    n, f = Y.shape
    if items.shape != plays.shape:
        raise ValueError(f"items and plays differ in length: {len(items)} and {len(plays)}")
    if YtY.shape != (f, f):
        raise ValueError(f"YtY must be ({f}, {f}), got {YtY.shape}")
    if items.size and (items.min() < 0 or items.max() >= n):
        bad = items[(items < 0) | (items >= n)][0]
        raise ValueError(f"item {bad} is outside 0..{n - 1}")
    if not np.all(np.isfinite(plays)) or np.any(plays < 0):
        bad = plays[~np.isfinite(plays) | (plays < 0)][0]
        raise ValueError(f"play counts must be finite and >= 0, got {bad}")
    if alpha < 0:
        raise ValueError(f"alpha must be >= 0, got {alpha}")
    if reg <= 0:
        raise ValueError(f"reg must be > 0, got {reg}")
    unique, where = np.unique(items, return_inverse=True)
    counts = np.bincount(where, weights=plays, minlength=len(unique))
    Yu = Y[unique]
    confidence = 1.0 + alpha * counts
    preference = (counts > 0).astype(float)
    A = YtY + (Yu.T * (confidence - 1.0)) @ Yu + reg * np.eye(f)
    b = Yu.T @ (confidence * preference)
    return np.linalg.solve(A, b)
"""

RECOMMEND = """
def recommend(Y, x, k, exclude=()):
    if k < 0:
        raise ValueError(f"k must be >= 0, got {k}")
    scores = Y @ x
    allowed = np.ones(len(scores), dtype=bool)
    allowed[np.asarray(list(exclude), dtype=np.int64)] = False
    candidates = np.flatnonzero(allowed)
    k = min(k, len(candidates))
    if k == 0:
        return []
    kth = np.partition(scores[candidates], len(candidates) - k)[len(candidates) - k]
    pool = candidates[scores[candidates] >= kth]
    order = np.lexsort((pool, -scores[pool]))[:k]
    return [int(i) for i in pool[order]]
"""


MUTANTS = {
    # formula
    "confidence_counted_twice": (
        "formula",
        swap(FACTORS, ("(Yu.T * (confidence - 1.0)) @ Yu", "(Yu.T * confidence) @ Yu")),
    ),
    "preference_is_the_play_count": (
        "formula",
        swap(FACTORS, ("preference = (counts > 0).astype(float)", "preference = counts")),
    ),
    "rhs_without_confidence": (
        "formula",
        swap(FACTORS, ("b = Yu.T @ (confidence * preference)", "b = Yu.T @ preference")),
    ),
    "no_regularisation": ("formula", swap(FACTORS, (" + reg * np.eye(f)", " + 1e-12 * np.eye(f)"))),
    "alpha_fixed_at_40": (
        "formula",
        swap(FACTORS, ("confidence = 1.0 + alpha * counts", "confidence = 1.0 + 40.0 * counts")),
    ),
    "log_confidence": (
        "formula",
        swap(
            FACTORS,
            ("confidence = 1.0 + alpha * counts", "confidence = 1.0 + alpha * np.log1p(counts)"),
        ),
    ),
    "zero_play_items_preferred": (
        "formula",
        swap(
            FACTORS,
            ("preference = (counts > 0).astype(float)", "preference = np.ones_like(counts)"),
        ),
    ),
    "weighted_lambda": (
        "formula",
        swap(FACTORS, ("reg * np.eye(f)", "reg * max(1, len(unique)) * np.eye(f)")),
    ),
    "lstsq_on_the_user_rows_only": (
        "formula",
        swap(
            FACTORS,
            (
                "    A = YtY + (Yu.T * (confidence - 1.0)) @ Yu + reg * np.eye(f)\n",
                "    A = (Yu.T * confidence) @ Yu + reg * np.eye(f)\n",
            ),
        ),
    ),
    # precomputed_gram
    "gram_recomputed": ("precomputed_gram", swap(FACTORS, ("A = YtY + ", "A = Y.T @ Y + "))),
    # duplicates
    "last_duplicate_wins": (
        "duplicates",
        swap(
            FACTORS,
            (
                "    counts = np.bincount(where, weights=plays, minlength=len(unique))\n",
                "    counts = np.zeros(len(unique))\n    counts[where] = plays\n",
            ),
        ),
    ),
    "duplicates_counted_as_rows": (
        "duplicates",
        swap(
            FACTORS,
            (
                "    unique, where = np.unique(items, return_inverse=True)\n    counts = np.bincount(where, weights=plays, minlength=len(unique))\n",
                "    unique, counts = items, plays\n",
            ),
        ),
    ),
    # returns
    "empty_history_fails": (
        "returns",
        swap(
            FACTORS,
            (
                "    unique, where = np.unique(items, return_inverse=True)\n",
                "    unique, where = np.unique(items, return_inverse=True)\n    assert len(unique), 'no items'\n",
            ),
        ),
    ),
    "float32_result": (
        "returns",
        swap(
            FACTORS,
            (
                "    return np.linalg.solve(A, b)\n",
                "    return np.linalg.solve(A, b).astype(np.float32)\n",
            ),
        ),
    ),
    "plays_modified": (
        "returns",
        swap(
            FACTORS,
            (
                "    plays = np.asarray(plays, dtype=float)\n",
                "    plays = np.asarray(plays, dtype=float)\n    if isinstance(plays, np.ndarray):\n        np.clip(plays, 0, None, out=plays)\n        plays += 0.0\n    items.sort()\n",
            ),
        ),
    ),
    # errors
    "negative_items_wrap": (
        "errors",
        swap(
            FACTORS,
            ("(items.min() < 0 or items.max() >= n)", "(items.max() >= n)"),
            ("items[(items < 0) | (items >= n)][0]", "items[items >= n][0]"),
        ),
    ),
    "negative_plays_accepted": (
        "errors",
        swap(
            FACTORS,
            ("np.any(plays < 0)", "False"),
            ("~np.isfinite(plays) | (plays < 0)", "~np.isfinite(plays)"),
        ),
    ),
    "zero_reg_accepted": ("errors", swap(FACTORS, ("if reg <= 0:", "if reg < 0:"))),
    "lengths_zipped": (
        "errors",
        swap(
            FACTORS,
            (
                "    if items.shape != plays.shape:\n",
                "    m = min(len(items), len(plays))\n    items, plays = items[:m], plays[:m]\n    if False:\n",
            ),
        ),
    ),
    "nan_plays_accepted": (
        "errors",
        swap(FACTORS, ("not np.all(np.isfinite(plays)) or ", ""), ("~np.isfinite(plays) | ", "")),
    ),
    # ranking
    "ascending_scores": (
        "ranking",
        swap(RECOMMEND, ("np.lexsort((pool, -scores[pool]))", "np.lexsort((pool, scores[pool]))")),
    ),
    "ties_by_higher_index": (
        "ranking",
        swap(
            RECOMMEND, ("np.lexsort((pool, -scores[pool]))", "np.lexsort((-pool, -scores[pool]))")
        ),
    ),
    "exclude_ignored": (
        "ranking",
        swap(RECOMMEND, ("    allowed[np.asarray(list(exclude), dtype=np.int64)] = False\n", "")),
    ),
    "k_items_before_excluding": (
        "ranking",
        swap(
            RECOMMEND,
            (
                "    allowed[np.asarray(list(exclude), dtype=np.int64)] = False\n",
                "    k -= len(set(exclude))\n    if k <= 0:\n        return []\n",
            ),
        ),
    ),
    "numpy_ints": (
        "ranking",
        swap(RECOMMEND, ("return [int(i) for i in pool[order]]", "return list(pool[order])")),
    ),
    "negative_k_gives_nothing": (
        "ranking",
        swap(
            RECOMMEND,
            (
                '    if k < 0:\n        raise ValueError(f"k must be >= 0, got {k}")\n',
                "    k = max(k, 0)\n",
            ),
        ),
    ),
    # scale
    "dense_confidence": (
        "scale",
        "def user_factors(Y, YtY, items, plays, alpha=40.0, reg=0.1):\n"
        "    r = np.zeros(len(Y))\n    np.add.at(r, np.asarray(items, dtype=np.int64), np.asarray(plays, dtype=float))\n"
        "    c = 1.0 + alpha * r\n    A = YtY + (Y.T * (c - 1.0)) @ Y + reg * np.eye(Y.shape[1])\n"
        "    return np.linalg.solve(A, Y.T @ (c * (r > 0)))\n",
    ),
}
