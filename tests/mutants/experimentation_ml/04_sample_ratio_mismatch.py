"""Plausible wrong answers to experimentation_ml/04_sample_ratio_mismatch, each breaking one contract clause.

Each mutant redefines one function after the reference's cells have run."""

from workbook.contract import swap

TAIL = """
def chi2_sf(x, df):
    if isinstance(df, bool) or not isinstance(df, (int, np.integer)) or df < 1:
        raise ValueError(f"df must be an int >= 1, got {df!r}")
    if not x >= 0:
        raise ValueError(f"x must be >= 0, got {x}")
    if x == 0:
        return 1.0
    half = x / 2
    log_half = math.log(half)
    if df % 2 == 0:
        exponents = [i * log_half - math.lgamma(i + 1) for i in range(df // 2)]
        head = 0.0
    else:
        exponents = [(i - 0.5) * log_half - math.lgamma(i + 0.5) for i in range(1, (df - 1) // 2 + 1)]
        head = math.erfc(math.sqrt(half))
    return head + sum(math.exp(e - half) for e in exponents)
"""

SRM = """
def srm_check(counts, shares=None, alpha=0.001):
    observed = list(counts)
    k = len(observed)
    if k < 2:
        raise ValueError(f"need at least 2 groups, got {k}")
    for count in observed:
        if isinstance(count, bool) or not isinstance(count, (int, np.integer)) or count < 0:
            raise ValueError(f"counts must be non-negative integers, got {count!r}")
    total = sum(observed)
    if total == 0:
        raise ValueError("the counts add up to 0: nothing to check")
    design = [1 / k] * k if shares is None else list(shares)
    if len(design) != k:
        raise ValueError(f"{len(design)} shares for {k} groups")
    if min(design) <= 0:
        raise ValueError(f"shares must be > 0, got {min(design)}")
    if abs(sum(design) - 1) > 1e-9:
        raise ValueError(f"shares must sum to 1, got {sum(design)}")
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be in (0, 1), got {alpha}")
    expected = np.asarray(design, dtype=float) * total
    chi2 = float((((np.asarray(observed, dtype=float) - expected) ** 2) / expected).sum())
    p_value = chi2_sf(chi2, k - 1)
    return chi2, p_value, p_value < alpha
"""


MUTANTS = {
    # tail
    "erf_not_erfc": (
        "tail",
        swap(TAIL, ("head = math.erfc(math.sqrt(half))", "head = 1 - math.erf(math.sqrt(x))")),
    ),
    "one_term_short": (
        "tail",
        swap(
            TAIL,
            ("range(df // 2)", "range(df // 2 - 1)"),
            ("range(1, (df - 1) // 2 + 1)", "range(1, (df - 1) // 2)"),
        ),
    ),
    "gamma_of_i": ("tail", swap(TAIL, ("math.lgamma(i + 0.5)", "math.lgamma(i)"))),
    "no_half": ("tail", swap(TAIL, ("    half = x / 2\n", "    half = x\n"))),
    "normal_approximation": (
        "tail",
        "def chi2_sf(x, df):\n    if df < 1 or x < 0:\n        raise ValueError(f'bad {x} {df}')\n"
        "    return 0.5 * math.erfc((x - df) / math.sqrt(2 * df) / math.sqrt(2))\n",
    ),
    "df_minus_one_inside": (
        "tail",
        swap(
            TAIL,
            ("    half = x / 2\n", "    df = max(1, df - 1) if df > 2 else df\n    half = x / 2\n"),
        ),
    ),
    # stable
    "naive_powers": (
        "stable",
        swap(
            TAIL,
            (
                "    return head + sum(math.exp(e - half) for e in exponents)",
                "    return head + math.exp(-half) * sum(math.exp(e) for e in exponents)",
            ),
        ),
    ),
    "factorials_as_floats": (
        "stable",
        swap(
            TAIL,
            (
                "exponents = [i * log_half - math.lgamma(i + 1) for i in range(df // 2)]",
                "exponents = [math.log(half**i / math.factorial(i)) if half**i / math.factorial(i) > 0 else -1e308 for i in range(df // 2)]",
            ),
        ),
    ),
    # statistic
    "observed_in_denominator": (
        "statistic",
        swap(
            SRM,
            ("/ expected).sum())", "/ np.maximum(np.asarray(observed, dtype=float), 1)).sum())"),
        ),
    ),
    "df_equals_groups": (
        "statistic",
        swap(SRM, ("p_value = chi2_sf(chi2, k - 1)", "p_value = chi2_sf(chi2, k)")),
    ),
    "shares_ignored": (
        "statistic",
        swap(
            SRM,
            (
                "design = [1 / k] * k if shares is None else list(shares)",
                "design = [1 / k] * k if shares is None else [1 / k] * len(list(shares))",
            ),
        ),
    ),
    "yates_correction": (
        "statistic",
        swap(
            SRM,
            (
                "(np.asarray(observed, dtype=float) - expected) ** 2",
                "(np.abs(np.asarray(observed, dtype=float) - expected) - 0.5) ** 2",
            ),
        ),
    ),
    "p_value_one_sided_half": (
        "statistic",
        swap(SRM, ("p_value = chi2_sf(chi2, k - 1)", "p_value = chi2_sf(chi2, k - 1) / 2")),
    ),
    "numpy_types": (
        "statistic",
        swap(
            SRM,
            (
                "    return chi2, p_value, p_value < alpha",
                "    return np.float64(chi2), p_value, np.bool_(p_value < alpha)",
            ),
        ),
    ),
    # decision
    "at_most_alpha": (
        "decision",
        swap(
            SRM, ("return chi2, p_value, p_value < alpha", "return chi2, p_value, p_value <= alpha")
        ),
    ),
    "alpha_fixed": (
        "decision",
        swap(
            SRM, ("return chi2, p_value, p_value < alpha", "return chi2, p_value, p_value < 0.001")
        ),
    ),
    "default_alpha_005": (
        "decision",
        swap(
            SRM,
            (
                "def srm_check(counts, shares=None, alpha=0.001):",
                "def srm_check(counts, shares=None, alpha=0.05):",
            ),
        ),
    ),
    # errors
    "float_counts_accepted": (
        "errors",
        swap(SRM, ("not isinstance(count, (int, np.integer)) or count < 0", "count < 0")),
    ),
    "shares_sum_unchecked": (
        "errors",
        swap(SRM, ("    if abs(sum(design) - 1) > 1e-9:", "    if False:")),
    ),
    "negative_x_accepted": (
        "errors",
        swap(TAIL, ("    if not x >= 0:", "    if False:"), ("    if x == 0:", "    if x <= 0:")),
    ),
    "alpha_unchecked": ("errors", swap(SRM, ("    if not 0 < alpha < 1:", "    if False:"))),
    "single_group_allowed": (
        "errors",
        swap(
            SRM,
            (
                '        raise ValueError(f"need at least 2 groups, got {k}")',
                "        return 0.0, 1.0, False",
            ),
        ),
    ),
    # no_mutation
    "shares_normalised_in_place": (
        "no_mutation",
        swap(
            SRM,
            (
                "    design = [1 / k] * k if shares is None else list(shares)\n",
                "    if shares is not None and hasattr(shares, '__setitem__'):\n        total_share = sum(shares)\n        for i in range(len(shares)):\n            shares[i] = shares[i] / total_share * 1.0000001\n    design = [1 / k] * k if shares is None else list(shares)\n",
            ),
        ),
    ),
    "tuple_rejected": (
        "no_mutation",
        swap(
            SRM,
            (
                "    observed = list(counts)\n",
                "    observed = counts if isinstance(counts, list) else counts.tolist()\n",
            ),
        ),
    ),
    # scale
    "factorials_recomputed": (
        "scale",
        swap(
            TAIL,
            (
                "exponents = [i * log_half - math.lgamma(i + 1) for i in range(df // 2)]",
                "exponents = [i * log_half - sum(math.log(j) for j in range(1, i + 1)) for i in range(df // 2)]",
            ),
        ),
    ),
}
