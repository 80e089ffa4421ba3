"""Plausible wrong answers to experimentation_ml/03_peeking_and_sequential, each breaking one clause.

Each mutant redefines one function after the reference's cells have run."""

from workbook.contract import swap

LOOKS = """
def simulate_looks(n_looks, n_sims, rng):
    for name, value in (("n_looks", n_looks), ("n_sims", n_sims)):
        if value < 1:
            raise ValueError(f"{name} must be >= 1, got {value}")
    increments = rng.standard_normal((n_sims, n_looks))
    return np.cumsum(increments, axis=1) / np.sqrt(np.arange(1, n_looks + 1))
"""

RATE = """
def false_positive_rate(z, bounds):
    bounds = np.asarray(bounds, dtype=float)
    if bounds.ndim == 0:
        bounds = np.full(z.shape[1], float(bounds))
    if bounds.shape != (z.shape[1],):
        raise ValueError(f"{bounds.shape[0]} bounds for {z.shape[1]} looks")
    return float((np.abs(z) > bounds).any(axis=1).mean())
"""

BOUNDARY = """
def boundary(shape, c, n_looks):
    if shape not in SHAPES:
        raise ValueError(f"shape must be 'pocock' or 'obrien_fleming', got {shape!r}")
    if not c > 0:
        raise ValueError(f"c must be > 0, got {c}")
    if n_looks < 1:
        raise ValueError(f"n_looks must be >= 1, got {n_looks}")
    looks = np.arange(1, n_looks + 1)
    if shape == "pocock":
        return np.full(n_looks, float(c))
    return c * np.sqrt(n_looks / looks)
"""

CONSTANT = """
def boundary_constant(shape, n_looks, alpha, n_sims, seed):
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be in (0, 1), got {alpha}")
    shape_bounds = boundary(shape, 1.0, n_looks)
    z = simulate_looks(n_looks, n_sims, np.random.default_rng(seed))
    worst = (np.abs(z) / shape_bounds).max(axis=1)
    return float(np.quantile(worst, 1 - alpha))
"""


MUTANTS = {
    # looks
    "independent_looks": (
        "looks",
        swap(
            LOOKS,
            (
                "    return np.cumsum(increments, axis=1) / np.sqrt(np.arange(1, n_looks + 1))",
                "    return increments",
            ),
        ),
    ),
    "sums_not_rescaled": ("looks", swap(LOOKS, (" / np.sqrt(np.arange(1, n_looks + 1))", ""))),
    "divided_by_k": (
        "looks",
        swap(LOOKS, ("np.sqrt(np.arange(1, n_looks + 1))", "np.arange(1, n_looks + 1)")),
    ),
    "transposed_draws": (
        "looks",
        swap(
            LOOKS,
            (
                "increments = rng.standard_normal((n_sims, n_looks))",
                "increments = rng.standard_normal((n_looks, n_sims)).T",
            ),
        ),
    ),
    "own_generator": (
        "looks",
        swap(
            LOOKS,
            (
                "increments = rng.standard_normal",
                "increments = np.random.default_rng(0).standard_normal",
            ),
        ),
    ),
    # rejection
    "at_or_above_the_bound": (
        "rejection",
        swap(RATE, ("(np.abs(z) > bounds)", "(np.abs(z) >= bounds)")),
    ),
    "one_sided": ("rejection", swap(RATE, ("(np.abs(z) > bounds)", "(z > bounds)"))),
    "last_look_only": (
        "rejection",
        swap(
            RATE,
            ("(np.abs(z) > bounds).any(axis=1).mean()", "(np.abs(z[:, -1]) > bounds[-1]).mean()"),
        ),
    ),
    "share_of_looks": (
        "rejection",
        swap(RATE, ("(np.abs(z) > bounds).any(axis=1).mean()", "(np.abs(z) > bounds).mean()")),
    ),
    # naive_rate
    "bonferroni_inside": (
        "naive_rate",
        swap(
            RATE,
            (
                "    return float(",
                "    bounds = bounds + (0.0 if z.shape[1] == 1 else 0.3)\n    return float(",
            ),
        ),
    ),
    # shapes
    "obf_inverted": (
        "shapes",
        swap(
            BOUNDARY,
            ("    return c * np.sqrt(n_looks / looks)", "    return c * np.sqrt(looks / n_looks)"),
        ),
    ),
    "obf_without_sqrt": (
        "shapes",
        swap(
            BOUNDARY,
            ("    return c * np.sqrt(n_looks / looks)", "    return c * (n_looks / looks)"),
        ),
    ),
    "pocock_as_ints": (
        "shapes",
        swap(BOUNDARY, ("return np.full(n_looks, float(c))", "return [c] * n_looks")),
    ),
    # constant
    "quantile_of_each_look": (
        "constant",
        swap(
            CONSTANT,
            (
                "    worst = (np.abs(z) / shape_bounds).max(axis=1)\n",
                "    worst = (np.abs(z) / shape_bounds).ravel()\n",
            ),
        ),
    ),
    "quantile_at_alpha": (
        "constant",
        swap(CONSTANT, ("np.quantile(worst, 1 - alpha)", "np.quantile(worst, 1 - alpha / 2)")),
    ),
    "bonferroni_constant": (
        "constant",
        "from statistics import NormalDist\n\n\ndef boundary_constant(shape, n_looks, alpha, n_sims, seed):\n"
        "    if not 0 < alpha < 1:\n        raise ValueError(f'alpha must be in (0, 1), got {alpha}')\n"
        "    return float(NormalDist().inv_cdf(1 - alpha / (2 * n_looks)))\n",
    ),
    "shape_ignored": (
        "constant",
        swap(
            CONSTANT,
            (
                "    worst = (np.abs(z) / shape_bounds).max(axis=1)\n",
                "    worst = np.abs(z).max(axis=1)\n",
            ),
        ),
    ),
    "seed_ignored": (
        "constant",
        swap(CONSTANT, ("np.random.default_rng(seed)", "np.random.default_rng()")),
    ),
    # calibrated
    "rounded_constant": (
        "calibrated",
        swap(
            CONSTANT,
            (
                "    return float(np.quantile(worst, 1 - alpha))",
                "    return float(np.round(np.quantile(worst, 1 - alpha), 1))",
            ),
        ),
    ),
    # errors
    "unknown_shape_is_pocock": (
        "errors",
        swap(BOUNDARY, ("    if shape not in SHAPES:", "    if False:")),
    ),
    "bounds_broadcast_silently": (
        "errors",
        swap(
            RATE,
            (
                "    if bounds.shape != (z.shape[1],):",
                "    bounds = np.resize(bounds, z.shape[1])\n    if False:",
            ),
        ),
    ),
    "alpha_unchecked": ("errors", swap(CONSTANT, ("    if not 0 < alpha < 1:", "    if False:"))),
    "zero_looks_allowed": (
        "errors",
        swap(LOOKS, ("        if value < 1:", "        if value < 0:")),
    ),
    # scale
    "loop_over_experiments": (
        "scale",
        swap(
            LOOKS,
            (
                "    increments = rng.standard_normal((n_sims, n_looks))\n    return np.cumsum(increments, axis=1) / np.sqrt(np.arange(1, n_looks + 1))",
                "    increments = rng.standard_normal((n_sims, n_looks))\n    scale = np.sqrt(np.arange(1, n_looks + 1))\n    return np.array([np.cumsum(row) / scale for row in increments])",
            ),
        ),
    ),
}
