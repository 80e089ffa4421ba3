"""Plausible wrong answers to experimentation_ml/06_drift_monitor, each breaking one contract clause.

Each mutant redefines one function after the reference's cells have run."""

from workbook.contract import swap

PSI = """
def psi(baseline, current, eps=1e-4):
    b, c = shares(baseline), shares(current)
    if len(b) != len(c):
        raise ValueError(f"{len(b)} baseline bins but {len(c)} current bins")
    if not 0 < eps < 1:
        raise ValueError(f"eps must be in (0, 1), got {eps}")
    b, c = np.where(b == 0, eps, b), np.where(c == 0, eps, c)
    return float(((c - b) * np.log(c / b)).sum())
"""

SHARES = """
def shares(counts):
    values = np.asarray(counts, dtype=float)
    if values.ndim != 1 or len(values) < 2:
        raise ValueError(f"need at least 2 bins, got {len(values)}")
    if (values < 0).any():
        raise ValueError(f"counts must be >= 0, got {values.min()}")
    total = values.sum()
    if total == 0:
        raise ValueError("the counts add up to 0")
    return values / total
"""

BINS = """
def quantile_bins(reference, values, n_bins=10):
    if n_bins < 2:
        raise ValueError(f"n_bins must be >= 2, got {n_bins}")
    if len(reference) == 0:
        raise ValueError("the reference sample is empty")
    edges = np.quantile(np.asarray(reference, dtype=float), np.arange(1, n_bins) / n_bins)
    where = np.searchsorted(edges, np.asarray(values, dtype=float), side="right")
    return np.bincount(where, minlength=n_bins).astype(np.int64)
"""

KS = """
def ks_statistic(a, b):
    a, b = np.sort(np.asarray(a, dtype=float)), np.sort(np.asarray(b, dtype=float))
    if len(a) == 0 or len(b) == 0:
        raise ValueError(f"both samples need values, got sizes {len(a)} and {len(b)}")
    points = np.concatenate([a, b])
    cdf_a = np.searchsorted(a, points, side="right") / len(a)
    cdf_b = np.searchsorted(b, points, side="right") / len(b)
    return float(np.abs(cdf_a - cdf_b).max())
"""

LEVEL = """
def drift_level(psi_value):
    if not (math.isfinite(psi_value) and psi_value >= 0):
        raise ValueError(f"a PSI is a finite number >= 0, got {psi_value}")
    return next(level for bound, level in LEVELS if psi_value < bound)
"""


MUTANTS = {
    # psi_formula
    "kl_not_symmetric": (
        "psi_formula",
        swap(PSI, ("((c - b) * np.log(c / b)).sum()", "(c * np.log(c / b)).sum()")),
    ),
    "log10": ("psi_formula", swap(PSI, ("np.log(c / b)", "np.log10(c / b)"))),
    "counts_not_normalised": (
        "psi_formula",
        swap(
            SHARES,
            (
                "    return values / total",
                "    return values / (total if total <= 1.0 + 1e-9 else 1.0)",
            ),
        ),
    ),
    "absolute_difference": (
        "psi_formula",
        swap(PSI, ("((c - b) * np.log(c / b)).sum()", "(np.abs(c - b) * np.log(c / b)).sum()")),
    ),
    "numpy_float": (
        "psi_formula",
        swap(
            PSI,
            (
                "    return float(((c - b) * np.log(c / b)).sum())",
                "    return ((c - b) * np.log(c / b)).sum()",
            ),
        ),
    ),
    # zero_bins
    "eps_added_everywhere": (
        "zero_bins",
        swap(
            PSI,
            (
                "b, c = np.where(b == 0, eps, b), np.where(c == 0, eps, c)",
                "b, c = b + eps, c + eps",
            ),
        ),
    ),
    "renormalised_after_eps": (
        "zero_bins",
        swap(
            PSI,
            (
                "b, c = np.where(b == 0, eps, b), np.where(c == 0, eps, c)",
                "b, c = np.where(b == 0, eps, b), np.where(c == 0, eps, c)\n    b, c = b / b.sum(), c / c.sum()",
            ),
        ),
    ),
    "empty_bins_skipped": (
        "zero_bins",
        swap(
            PSI,
            (
                "    b, c = np.where(b == 0, eps, b), np.where(c == 0, eps, c)\n",
                "    keep = (b > 0) & (c > 0)\n    b, c = b[keep], c[keep]\n",
            ),
        ),
    ),
    "eps_ignored": (
        "zero_bins",
        swap(
            PSI,
            (
                "np.where(b == 0, eps, b), np.where(c == 0, eps, c)",
                "np.where(b == 0, 1e-4, b), np.where(c == 0, 1e-4, c)",
            ),
        ),
    ),
    # binning
    "edges_go_down": ("binning", swap(BINS, ('side="right"', 'side="left"'))),
    "equal_width_bins": (
        "binning",
        swap(
            BINS,
            (
                "edges = np.quantile(np.asarray(reference, dtype=float), np.arange(1, n_bins) / n_bins)",
                "r = np.asarray(reference, dtype=float)\n    edges = r.min() + (r.max() - r.min()) * np.arange(1, n_bins) / n_bins",
            ),
        ),
    ),
    "nearest_quantile_method": (
        "binning",
        swap(
            BINS,
            ("np.arange(1, n_bins) / n_bins)", "np.arange(1, n_bins) / n_bins, method='nearest')"),
        ),
    ),
    "edges_from_values": (
        "binning",
        swap(
            BINS,
            (
                "np.quantile(np.asarray(reference, dtype=float)",
                "np.quantile(np.asarray(values, dtype=float)",
            ),
        ),
    ),
    "shares_not_counts": (
        "binning",
        swap(
            BINS,
            (
                "    return np.bincount(where, minlength=n_bins).astype(np.int64)",
                "    return np.bincount(where, minlength=n_bins) / max(1, len(values))",
            ),
        ),
    ),
    # ks
    "ks_left_continuous": (
        "ks",
        swap(
            KS,
            (
                'cdf_a = np.searchsorted(a, points, side="right")',
                'cdf_a = np.searchsorted(a, points, side="left")',
            ),
        ),
    ),
    "ks_at_own_points_only": (
        "ks",
        swap(KS, ("    points = np.concatenate([a, b])\n", "    points = a\n")),
    ),
    "ks_signed": ("ks", swap(KS, ("np.abs(cdf_a - cdf_b).max()", "(cdf_a - cdf_b).max()"))),
    "ks_by_rank": (
        "ks",
        swap(
            KS,
            (
                '    cdf_b = np.searchsorted(b, points, side="right") / len(b)\n',
                "    cdf_b = np.searchsorted(b, points, side=\"right\") / len(b)\n    cdf_a = (np.arange(len(points)) + 1) / len(points) if len(a) == len(b) and False else cdf_a\n    cdf_b = np.searchsorted(b, points, side='left') / len(b) if (np.diff(b) == 0).any() else cdf_b\n",
            ),
        ),
    ),
    # levels
    "boundaries_belong_below": (
        "levels",
        swap(LEVEL, ("if psi_value < bound", "if psi_value <= bound")),
    ),
    "percent_thresholds": (
        "levels",
        "LEVELS = ((10, 'stable'), (25, 'moderate'), (math.inf, 'major'))\n" + LEVEL,
    ),
    "two_levels": ("levels", "LEVELS = ((0.25, 'stable'), (math.inf, 'major'))\n" + LEVEL),
    # errors
    "lengths_unchecked": (
        "errors",
        swap(
            PSI,
            (
                "    if len(b) != len(c):",
                "    n = min(len(b), len(c))\n    b, c = b[:n], c[:n]\n    if False:",
            ),
        ),
    ),
    "negative_counts_accepted": (
        "errors",
        swap(SHARES, ("    if (values < 0).any():", "    if False:")),
    ),
    "nan_psi_is_major": (
        "errors",
        swap(
            LEVEL,
            ("    if not (math.isfinite(psi_value) and psi_value >= 0):", "    if psi_value < 0:"),
        ),
    ),
    "eps_unchecked": ("errors", swap(PSI, ("    if not 0 < eps < 1:", "    if False:"))),
    # no_mutation
    "sorts_in_place": (
        "no_mutation",
        swap(
            KS,
            (
                "    a, b = np.sort(np.asarray(a, dtype=float)), np.sort(np.asarray(b, dtype=float))\n",
                "    a, b = np.asarray(a, dtype=float), np.sort(np.asarray(b, dtype=float))\n    a.sort()\n",
            ),
        ),
    ),
    "normalises_in_place": (
        "no_mutation",
        swap(
            SHARES,
            (
                "    return values / total",
                "    values /= total\n    if isinstance(counts, np.ndarray) and counts.dtype == float:\n        counts /= total\n    return values",
            ),
        ),
    ),
    # scale
    "pairwise_ks": (
        "scale",
        swap(
            KS,
            (
                '    cdf_a = np.searchsorted(a, points, side="right") / len(a)\n    cdf_b = np.searchsorted(b, points, side="right") / len(b)\n',
                "    cdf_a = np.array([np.count_nonzero(a <= x) for x in points]) / len(a)\n    cdf_b = np.array([np.count_nonzero(b <= x) for x in points]) / len(b)\n",
            ),
        ),
    ),
}
