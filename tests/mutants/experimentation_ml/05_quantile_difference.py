"""Plausible wrong answers to experimentation_ml/05_quantile_difference, each breaking one clause.

Each mutant redefines one function after the reference's cells have run."""

from workbook.contract import swap

WQ = """
def weighted_quantile(values, weights, q):
    values = np.asarray(values, dtype=float)
    weights = np.broadcast_to(np.asarray(weights, dtype=float), values.shape)
    check_sample(values, weights, q)
    order = np.argsort(values, kind="stable")
    cumulative = np.cumsum(weights[order])
    target = q * cumulative[-1]
    index = np.searchsorted(cumulative, target, side="left")
    index = min(index, len(values) - 1)
    if q == 0:
        index = int(np.flatnonzero(weights[order] > 0)[0])
    return float(values[order][index])
"""

CI = """
def poisson_bootstrap_ci(control, treatment, q, n_boot, seed, level=0.95):
    if n_boot < 1:
        raise ValueError(f"n_boot must be >= 1, got {n_boot}")
    if not 0 < level < 1:
        raise ValueError(f"level must be in (0, 1), got {level}")
    control, treatment = np.asarray(control, dtype=float), np.asarray(treatment, dtype=float)
    estimate = weighted_quantile(treatment, 1.0, q) - weighted_quantile(control, 1.0, q)
    rng = np.random.default_rng(seed)
    replicates = [replicate_quantiles(group, q, n_boot, rng) for group in (control, treatment)]
    differences = replicates[1] - replicates[0]
    low, high = np.quantile(differences, [(1 - level) / 2, (1 + level) / 2])
    return float(estimate), float(low), float(high)
"""

REP = """
def replicate_quantiles(values, q, n_boot, rng):
    ordered = np.sort(values)
    weights = rng.poisson(1.0, (n_boot, len(ordered))).astype(float)
    empty = weights.sum(axis=1) == 0
    while empty.any():
        weights[empty] = rng.poisson(1.0, (int(empty.sum()), len(ordered)))
        empty = weights.sum(axis=1) == 0
    cumulative = np.cumsum(weights, axis=1)
    targets = q * cumulative[:, -1]
    index = (cumulative < targets[:, None]).sum(axis=1)
    if q == 0:
        index = np.argmax(weights > 0, axis=1)
    return ordered[np.minimum(index, len(ordered) - 1)]
"""

CHECK = """
def check_sample(values, weights, q):
    if values.size == 0:
        raise ValueError("the sample is empty")
    if weights.shape != values.shape:
        raise ValueError(f"{weights.size} weights for {values.size} values")
    if (weights < 0).any():
        raise ValueError(f"weights must be >= 0, got {weights.min()}")
    if weights.sum() == 0:
        raise ValueError("the weights sum to 0")
    if not 0 <= q <= 1:
        raise ValueError(f"q must be in [0, 1], got {q}")
"""


MUTANTS = {
    # quantile_rule
    "strictly_above_target": ("quantile_rule", swap(WQ, ('side="left"', 'side="right"'))),
    "unsorted_values": (
        "quantile_rule",
        swap(WQ, ('order = np.argsort(values, kind="stable")', "order = np.arange(len(values))")),
    ),
    "linear_interpolation": (
        "quantile_rule",
        "def weighted_quantile(values, weights, q):\n    values = np.asarray(values, dtype=float)\n    weights = np.broadcast_to(np.asarray(weights, dtype=float), values.shape)\n"
        "    check_sample(values, weights, q)\n    return float(np.quantile(np.repeat(values, weights.astype(int)), q))\n",
    ),
    "q_zero_is_first_value": (
        "quantile_rule",
        swap(
            WQ,
            ("        index = int(np.flatnonzero(weights[order] > 0)[0])\n", "        index = 0\n"),
        ),
    ),
    "weights_ignored": (
        "quantile_rule",
        swap(
            WQ,
            (
                "cumulative = np.cumsum(weights[order])",
                "cumulative = np.cumsum(np.ones(len(values)))",
            ),
        ),
    ),
    # estimate
    "control_minus_treatment": (
        "estimate",
        swap(
            CI,
            (
                "estimate = weighted_quantile(treatment, 1.0, q) - weighted_quantile(control, 1.0, q)",
                "estimate = weighted_quantile(control, 1.0, q) - weighted_quantile(treatment, 1.0, q)",
            ),
        ),
    ),
    "estimate_is_the_bootstrap_mean": (
        "estimate",
        swap(
            CI,
            (
                "    return float(estimate), float(low), float(high)",
                "    return float(differences.mean()), float(low), float(high)",
            ),
        ),
    ),
    "numpy_floats": (
        "estimate",
        swap(
            CI,
            (
                "    return float(estimate), float(low), float(high)",
                "    return np.float64(estimate), low, high",
            ),
        ),
    ),
    # bootstrap
    "one_sided_ends": (
        "bootstrap",
        swap(CI, ("[(1 - level) / 2, (1 + level) / 2]", "[1 - level, level]")),
    ),
    "normal_interval": (
        "bootstrap",
        swap(
            CI,
            (
                "    low, high = np.quantile(differences, [(1 - level) / 2, (1 + level) / 2])",
                "    spread = differences.std()\n    low, high = estimate - 1.96 * spread, estimate + 1.96 * spread",
            ),
        ),
    ),
    "same_weights_for_both_groups": (
        "agreement",
        swap(
            CI,
            (
                "    replicates = [replicate_quantiles(group, q, n_boot, rng) for group in (control, treatment)]",
                "    replicates = [replicate_quantiles(group, q, n_boot, np.random.default_rng(seed)) for group in (control, treatment)]",
            ),
        ),
    ),
    "seed_ignored": (
        "bootstrap",
        swap(
            CI, ("    rng = np.random.default_rng(seed)\n", "    rng = np.random.default_rng()\n")
        ),
    ),
    # agreement
    "weights_of_two": (
        "agreement",
        swap(
            REP,
            (
                "weights = rng.poisson(1.0, (n_boot, len(ordered))).astype(float)",
                "weights = rng.poisson(2.0, (n_boot, len(ordered))).astype(float) ** 2",
            ),
        ),
    ),
    # coverage
    "half_the_replicates_spread": (
        "coverage",
        swap(
            CI,
            (
                "    differences = replicates[1] - replicates[0]\n",
                "    differences = replicates[1] - replicates[0]\n    differences = estimate + 0.4 * (differences - differences.mean())\n",
            ),
        ),
    ),
    # errors
    "negative_weights_allowed": (
        "errors",
        swap(CHECK, ("    if (weights < 0).any():", "    if False:")),
    ),
    "q_unchecked": ("errors", swap(CHECK, ("    if not 0 <= q <= 1:", "    if False:"))),
    "level_unchecked": ("errors", swap(CI, ("    if not 0 < level < 1:", "    if False:"))),
    "sorted_in_place": (
        "errors",
        swap(
            CI,
            (
                "    control, treatment = np.asarray(control, dtype=float), np.asarray(treatment, dtype=float)\n",
                "    control, treatment = np.asarray(control, dtype=float), np.asarray(treatment, dtype=float)\n    control.sort()\n",
            ),
        ),
    ),
    # scale
    "weight_below_each_candidate": (
        "scale",
        "def weighted_quantile(values, weights, q):\n    values = np.asarray(values, dtype=float)\n"
        "    weights = np.broadcast_to(np.asarray(weights, dtype=float), values.shape)\n    check_sample(values, weights, q)\n"
        "    total = weights.sum()\n    for v in np.sort(values[weights > 0]):\n        if weights[values <= v].sum() >= q * total:\n            return float(v)\n"
        "    return float(values[weights > 0].max())\n",
    ),
}
