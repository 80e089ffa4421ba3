"""Plausible wrong answers to cold_start/08_new_track_from_audio, each breaking one contract clause.

Each mutant redefines one function after the reference's cells have run."""

from workbook.contract import swap

RIDGE = """
def fit_ridge(A, F, reg=1.0):
    if A.shape[0] != F.shape[0]:
        raise ValueError(f"A has {A.shape} and F has {F.shape}: one row per track in both")
    if reg < 0:
        raise ValueError(f"reg must be >= 0, got {reg}")
    return np.linalg.solve(A.T @ A + reg * np.eye(A.shape[1]), A.T @ F)
"""

R2 = """
def r_squared(F_true, F_pred):
    if F_true.shape != F_pred.shape:
        raise ValueError(f"shapes differ: {F_true.shape} and {F_pred.shape}")
    ss_tot = float(((F_true - F_true.mean(axis=0)) ** 2).sum())
    if ss_tot == 0:
        raise ValueError("F_true has no variance: R^2 is undefined")
    return 1.0 - float(((F_true - F_pred) ** 2).sum()) / ss_tot
"""

NEAREST = """
def nearest_tracks(F, q, k):
    if k < 0:
        raise ValueError(f"k must be >= 0, got {k}")
    q_norm = np.linalg.norm(q)
    if q_norm == 0:
        raise ValueError("q has norm 0: its cosine similarity is undefined")
    norms = np.linalg.norm(F, axis=1)
    eligible = np.flatnonzero(norms > 0)
    similarity = (F[eligible] @ q) / (norms[eligible] * q_norm)
    order = np.lexsort((eligible, -similarity))[:k]
    return [int(i) for i in eligible[order]]
"""


MUTANTS = {
    # ridge
    "reg_ignored": ("ridge", swap(RIDGE, ("A.T @ A + reg * np.eye(A.shape[1])", "A.T @ A"))),
    "reg_squared": ("ridge", swap(RIDGE, ("reg * np.eye", "reg**2 * np.eye"))),
    "reg_scaled_by_rows": (
        "ridge",
        swap(RIDGE, ("reg * np.eye(A.shape[1])", "reg * A.shape[0] * np.eye(A.shape[1])")),
    ),
    "intercept_added": (
        "ridge",
        swap(
            RIDGE,
            (
                "    return np.linalg.solve(A.T @ A + reg * np.eye(A.shape[1]), A.T @ F)\n",
                "    Ac, Fc = A - A.mean(axis=0), F - F.mean(axis=0)\n    return np.linalg.solve(Ac.T @ Ac + reg * np.eye(A.shape[1]), Ac.T @ Fc)\n",
            ),
        ),
    ),
    "pseudo_inverse_always": (
        "ridge_errors",
        swap(
            RIDGE,
            (
                "    return np.linalg.solve(A.T @ A + reg * np.eye(A.shape[1]), A.T @ F)\n",
                "    return np.linalg.pinv(A.T @ A + reg * np.eye(A.shape[1])) @ (A.T @ F)\n",
            ),
        ),
    ),
    "default_reg_zero": (
        "ridge",
        swap(RIDGE, ("def fit_ridge(A, F, reg=1.0):", "def fit_ridge(A, F, reg=0.0):")),
    ),
    # ridge_errors
    "negative_reg_accepted": (
        "ridge_errors",
        swap(RIDGE, ("    if reg < 0:\n", "    if False:\n")),
    ),
    "rows_unchecked": (
        "ridge_errors",
        swap(RIDGE, ("    if A.shape[0] != F.shape[0]:\n", "    if False:\n")),
    ),
    # returns
    "float32_weights": ("returns", swap(RIDGE, ("A.T @ F)\n", "A.T @ F).astype(np.float32)\n"))),
    "centres_in_place": (
        "returns",
        swap(
            RIDGE,
            (
                "    return np.linalg.solve(",
                "    F -= 0.0\n    A *= 1.0\n    A[:, :] = A - 0.0\n    F[:] = F * 1.0 + 0.0\n    F[0] = F[0]\n    A -= A.mean(axis=0) * 0 + A.mean(axis=0) * (abs(A.mean(axis=0)) > 1e-12)\n    return np.linalg.solve(",
            ),
        ),
    ),
    "factors_by_features": ("returns", swap(RIDGE, ("A.T @ F)\n", "A.T @ F).T.copy().T.T\n"))),
    # r2
    "one_global_mean": ("r2", swap(R2, ("F_true - F_true.mean(axis=0)", "F_true - F_true.mean()"))),
    "mean_of_per_factor_r2": (
        "r2",
        swap(
            R2,
            (
                "    return 1.0 - float(((F_true - F_pred) ** 2).sum()) / ss_tot\n",
                "    per = 1 - ((F_true - F_pred) ** 2).sum(axis=0) / ((F_true - F_true.mean(axis=0)) ** 2).sum(axis=0)\n    return float(per.mean())\n",
            ),
        ),
    ),
    "correlation_squared": (
        "r2",
        swap(
            R2,
            (
                "    return 1.0 - float(((F_true - F_pred) ** 2).sum()) / ss_tot\n",
                "    return float(np.corrcoef(F_true.ravel(), F_pred.ravel())[0, 1] ** 2)\n",
            ),
        ),
    ),
    "clipped_at_zero": (
        "r2",
        swap(R2, ("    return 1.0 - float(", "    return max(0.0, 1.0 - float(")) + ")\n",
    ),
    "constant_truth_gives_zero": (
        "r2",
        swap(
            R2,
            (
                '        raise ValueError("F_true has no variance: R^2 is undefined")\n',
                "        return 0.0\n",
            ),
        ),
    ),
    "numpy_float": (
        "r2",
        swap(
            R2,
            (
                "    return 1.0 - float(((F_true - F_pred) ** 2).sum()) / ss_tot\n",
                "    return 1.0 - ((F_true - F_pred) ** 2).sum() / np.float64(ss_tot)\n",
            ),
        ),
    ),
    # neighbours
    "dot_product_not_cosine": (
        "neighbours",
        swap(NEAREST, ("(F[eligible] @ q) / (norms[eligible] * q_norm)", "F[eligible] @ q")),
    ),
    "euclidean_distance": (
        "neighbours",
        swap(
            NEAREST,
            (
                "similarity = (F[eligible] @ q) / (norms[eligible] * q_norm)",
                "similarity = -np.linalg.norm(F[eligible] - q, axis=1)",
            ),
        ),
    ),
    "ties_by_higher_index": (
        "neighbours",
        swap(
            NEAREST, ("np.lexsort((eligible, -similarity))", "np.lexsort((-eligible, -similarity))")
        ),
    ),
    "zero_rows_kept": (
        "neighbours",
        swap(
            NEAREST,
            (
                "    eligible = np.flatnonzero(norms > 0)\n",
                "    eligible = np.arange(len(F))\n    norms = np.where(norms > 0, norms, 1.0)\n",
            ),
        ),
    ),
    "lowest_first": (
        "neighbours",
        swap(
            NEAREST, ("np.lexsort((eligible, -similarity))", "np.lexsort((eligible, similarity))")
        ),
    ),
    "zero_query_gives_nothing": (
        "neighbours",
        swap(
            NEAREST,
            (
                '        raise ValueError("q has norm 0: its cosine similarity is undefined")\n',
                "        return []\n",
            ),
        ),
    ),
    # quality
    "fits_on_a_subsample": (
        "quality",
        swap(
            RIDGE,
            (
                "    return np.linalg.solve(A.T @ A",
                "    A, F = A[:25], F[:25]\n    return np.linalg.solve(A.T @ A",
            ),
        ),
    ),
    # scale
    "loop_over_tracks": (
        "scale",
        swap(
            NEAREST,
            (
                "    similarity = (F[eligible] @ q) / (norms[eligible] * q_norm)\n",
                "    similarity = np.array([float(F[i] @ q) / (float(np.sqrt(F[i] @ F[i])) * q_norm) for i in eligible])\n",
            ),
        ),
    ),
}
