"""Plausible wrong answers to experimentation_ml/02_sample_size, each breaking one contract clause.

Each mutant redefines one function (or one helper of the reference) after the reference's cells
have run. The quantile mutants define Acklam's coefficients themselves."""

from workbook.contract import swap

QUANTILE = """
_A = (-3.969683028665376e01, 2.209460984245205e02, -2.759285104469687e02,
      1.383577518672690e02, -3.066479806614716e01, 2.506628277459239e00)
_B = (-5.447609879822406e01, 1.615858368580409e02, -1.556989798598866e02,
      6.680131188771972e01, -1.328068155288572e01)
_C = (-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e00,
      -2.549732539343734e00, 4.374664141464968e00, 2.938163982698783e00)
_D = (7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e00,
      3.754408661907416e00)
_P_LOW = 0.02425


def z_quantile(p):
    if not 0 < p < 1:
        raise ValueError(f"p must be in (0, 1), got {p}")
    p = float(p)
    if p > 0.5:
        return -z_quantile(1.0 - p)
    if p < _P_LOW:
        q = math.sqrt(-2 * math.log(p))
        c, d = _C, _D
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / (
            (((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1
        )
    else:
        q = p - 0.5
        r = q * q
        a, b = _A, _B
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (
            ((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1
        )
    if x < -37:
        return x
    error = 0.5 * math.erfc(-x / math.sqrt(2)) - p
    u = error * math.sqrt(2 * math.pi) * math.exp(x * x / 2)
    return x - u / (1 + x * u / 2)
"""

USERS = """
def users_per_arm(p_control, p_treatment, alpha=0.05, power=0.8):
    for name, p in (("p_control", p_control), ("p_treatment", p_treatment)):
        if not 0 < p < 1:
            raise ValueError(f"{name} must be in (0, 1), got {p}")
    if p_control == p_treatment:
        raise ValueError(f"p_control == p_treatment == {p_control}: no effect to detect")
    _check_levels(alpha, power)
    p_bar = (p_control + p_treatment) / 2
    null_sd = math.sqrt(2 * p_bar * (1 - p_bar))
    alternative_sd = math.sqrt(p_control * (1 - p_control) + p_treatment * (1 - p_treatment))
    z_alpha, z_power = -z_quantile(alpha / 2), z_quantile(power)
    raw = (z_alpha * null_sd + z_power * alternative_sd) ** 2 / (p_treatment - p_control) ** 2
    return _whole_users(raw)
"""

MULTIPLIER = """
def decision_rule_multiplier(n_success, n_guardrails, alpha=0.05, power=0.8):
    for name, count, least in (("n_success", n_success, 1), ("n_guardrails", n_guardrails, 0)):
        if isinstance(count, bool) or not isinstance(count, (int, np.integer)) or count < least:
            raise ValueError(f"{name} must be an integer >= {least}, got {count!r}")
    _check_levels(alpha, power)
    z_alpha = -z_quantile(alpha / (2 * n_success))
    z_power = -z_quantile((1 - power) / (n_guardrails + 1))
    return float(2 * (z_alpha + z_power) ** 2)
"""

RULE_USERS = """
def users_per_arm_for_rule(sigma, mde, n_success, n_guardrails, alpha=0.05, power=0.8):
    if not sigma > 0:
        raise ValueError(f"sigma must be > 0, got {sigma}")
    if not mde > 0:
        raise ValueError(f"mde must be > 0, got {mde}")
    multiplier = decision_rule_multiplier(n_success, n_guardrails, alpha, power)
    return _whole_users(multiplier * float(sigma) ** 2 / float(mde) ** 2)
"""

WHOLE = """
def _whole_users(raw):
    nearest = round(raw)
    if abs(raw - nearest) <= 1e-9 * max(1.0, raw):
        return max(1, int(nearest))
    return max(1, math.ceil(raw))
"""

LEVELS = """
def _check_levels(alpha, power):
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be in (0, 1), got {alpha}")
    if not 0.5 <= power < 1:
        raise ValueError(f"power must be in [0.5, 1), got {power}")
"""


BISECTION = """
def z_quantile(p):
    if not 0 < p < 1:
        raise ValueError(f"p must be in (0, 1), got {p}")
    p = float(p)
    if p > 0.5:
        return -z_quantile(1.0 - p)
    low, high = -40.0, 0.0
    for _ in range(HALVINGS):
        middle = (low + high) / 2
        if 0.5 * math.erfc(-middle / math.sqrt(2)) < p:
            low = middle
        else:
            high = middle
    return (low + high) / 2
"""


MUTANTS = {
    # quantile
    "acklam_without_refinement": (
        "quantile",
        swap(QUANTILE, ("    if x < -37:\n", "    if True:\n")),
    ),
    "refined_with_erf_no_symmetry": (
        "quantile",
        swap(
            QUANTILE,
            ("    if p > 0.5:\n        return -z_quantile(1.0 - p)\n", ""),
            (
                "    if p < _P_LOW:",
                "    if p > 1 - _P_LOW:\n        return -z_quantile(1 - p)\n    if p < _P_LOW:",
            ),
            (
                "error = 0.5 * math.erfc(-x / math.sqrt(2)) - p",
                "error = 0.5 * (1 + math.erf(x / math.sqrt(2))) - p",
            ),
        ).replace(
            "    if p > 1 - _P_LOW:\n        return -z_quantile(1 - p)\n",
            "    if p > 1 - _P_LOW:\n        q = math.sqrt(-2 * math.log(1 - p))\n"
            "        c, d = _C, _D\n"
            "        x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / "
            "((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)\n"
            "        error = 0.5 * (1 + math.erf(x / math.sqrt(2))) - p\n"
            "        u = error * math.sqrt(2 * math.pi) * math.exp(x * x / 2)\n"
            "        return x - u / (1 + x * u / 2)\n",
        ),
    ),
    "bisection_on_phi_without_symmetry": (
        "quantile",
        "def z_quantile(p):\n"
        "    if not 0 < p < 1:\n        raise ValueError(f'p must be in (0, 1), got {p}')\n"
        "    low, high = -40.0, 40.0\n"
        "    while high - low > 1e-12:\n"
        "        middle = (low + high) / 2\n"
        "        if 0.5 * math.erfc(-middle / math.sqrt(2)) < p:\n            low = middle\n"
        "        else:\n            high = middle\n"
        "    return (low + high) / 2\n",
    ),
    "abramowitz_stegun_26_2_23": (
        "quantile",
        "def z_quantile(p):\n"
        "    if not 0 < p < 1:\n        raise ValueError(f'p must be in (0, 1), got {p}')\n"
        "    tail = min(p, 1 - p)\n"
        "    t = math.sqrt(-2 * math.log(tail))\n"
        "    z = t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / "
        "(1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t ** 3)\n"
        "    return z if p > 0.5 else -z\n",
    ),
    # two_proportions
    "one_sided_alpha": (
        "two_proportions",
        swap(USERS, ("-z_quantile(alpha / 2)", "-z_quantile(alpha)")),
    ),
    "pooled_variance_everywhere": (
        "two_proportions",
        swap(
            USERS,
            (
                "alternative_sd = math.sqrt(p_control * (1 - p_control) + p_treatment * (1 - p_treatment))",
                "alternative_sd = null_sd",
            ),
        ),
    ),
    "unpooled_variance_everywhere": (
        "two_proportions",
        swap(
            USERS,
            (
                "null_sd = math.sqrt(2 * p_bar * (1 - p_bar))",
                "null_sd = math.sqrt(p_control * (1 - p_control) + p_treatment * (1 - p_treatment))",
            ),
        ),
    ),
    "power_split_as_if_two_sided": (
        "two_proportions",
        swap(USERS, ("z_quantile(power)", "-z_quantile((1 - power) / 2)")),
    ),
    "control_variance_only": (
        "two_proportions",
        swap(
            USERS,
            ("p_bar = (p_control + p_treatment) / 2", "p_bar = p_control"),
            (
                "alternative_sd = math.sqrt(p_control * (1 - p_control) + p_treatment * (1 - p_treatment))",
                "alternative_sd = null_sd",
            ),
        ),
    ),
    "lehr_sixteen": (
        "two_proportions",
        swap(
            USERS,
            (
                "raw = (z_alpha * null_sd + z_power * alternative_sd) ** 2",
                "raw = 16 * p_bar * (1 - p_bar)",
            ),
        ),
    ),
    "power_confused_with_beta": (
        "two_proportions",
        swap(USERS, ("z_quantile(power)", "z_quantile(1 - power)")),
    ),
    # rounding
    "round_to_nearest": (
        "rounding",
        swap(WHOLE, ("    return max(1, math.ceil(raw))", "    return round(raw)")),
    ),
    "truncate_with_int": (
        "rounding",
        swap(WHOLE, ("    return max(1, math.ceil(raw))", "    return int(raw)")),
    ),
    "ceil_without_snapping": (
        "rounding",
        "def _whole_users(raw):\n    return math.ceil(raw)\n",
    ),
    "zero_users_for_a_tiny_effect_size": (
        "rounding",
        swap(
            WHOLE,
            ("<= 1e-9 * max(1.0, raw)", "<= 1e-9"),
            ("return max(1, int(nearest))", "return int(nearest)"),
        ),
    ),
    "snap_far_too_wide": (
        "rounding",
        swap(WHOLE, ("<= 1e-9 * max(1.0, raw)", "<= 0.01")),
    ),
    # rule
    "sidak_instead_of_bonferroni": (
        "rule",
        swap(
            MULTIPLIER,
            (
                "-z_quantile(alpha / (2 * n_success))",
                "-z_quantile((1 - (1 - alpha) ** (1 / n_success)) / 2)",
            ),
        ),
    ),
    "beta_over_guardrails_only": (
        "rule",
        swap(MULTIPLIER, ("(n_guardrails + 1)", "max(n_guardrails, 1)")),
    ),
    "alpha_over_all_metrics": (
        "rule",
        swap(MULTIPLIER, ("(2 * n_success)", "(2 * (n_success + n_guardrails))")),
    ),
    "power_not_split": (
        "rule",
        swap(MULTIPLIER, ("(1 - power) / (n_guardrails + 1)", "(1 - power)")),
    ),
    "one_sided_success_tests": (
        "rule",
        swap(MULTIPLIER, ("(2 * n_success)", "n_success")),
    ),
    "alpha_not_split": (
        "rule",
        swap(MULTIPLIER, ("(2 * n_success)", "2")),
    ),
    # rule_users
    "sigma_not_squared": (
        "rule_users",
        swap(RULE_USERS, ("float(sigma) ** 2", "float(sigma)")),
    ),
    "lehr_sixteen_for_the_rule": (
        "rule_users",
        swap(RULE_USERS, ("multiplier * float(sigma)", "16 * float(sigma)")),
    ),
    "rule_counts_ignored": (
        "rule_users",
        swap(RULE_USERS, ("(n_success, n_guardrails, alpha, power)", "(1, 0, alpha, power)")),
    ),
    # types
    "quantile_returns_numpy_float": (
        "types",
        swap(
            QUANTILE,
            (
                "    return x - u / (1 + x * u / 2)",
                "    return np.float64(x - u / (1 + x * u / 2))",
            ),
        ).replace("    p = float(p)\n", ""),
    ),
    "count_returned_as_float": (
        "types",
        swap(
            WHOLE,
            ("return max(1, int(nearest))", "return float(max(1, nearest))"),
            ("return max(1, math.ceil(raw))", "return float(max(1, math.ceil(raw)))"),
        ),
    ),
    "numpy_counts_rejected": (
        "types",
        swap(MULTIPLIER, ("(int, np.integer)", "int")),
    ),
    "multiplier_returns_numpy_float": (
        "types",
        swap(
            MULTIPLIER,
            (
                "return float(2 * (z_alpha + z_power) ** 2)",
                "return 2 * np.square(z_alpha + z_power)",
            ),
        ),
    ),
    # errors
    "closed_interval_for_proportions": (
        "errors",
        swap(USERS, ("if not 0 < p < 1:", "if not 0 <= p <= 1:")),
    ),
    "equal_proportions_divide_by_zero": (
        "errors",
        swap(
            USERS,
            (
                '    if p_control == p_treatment:\n        raise ValueError(f"p_control == p_treatment == {p_control}: no effect to detect")\n',
                "",
            ),
        ),
    ),
    "quantile_not_validated": (
        "errors",
        swap(
            QUANTILE,
            (
                '    if not 0 < p < 1:\n        raise ValueError(f"p must be in (0, 1), got {p}")\n',
                "",
            ),
        ),
    ),
    "power_below_one_half_accepted": (
        "errors",
        swap(LEVELS, ("0.5 <= power < 1", "0 < power < 1")),
    ),
    "bool_and_float_counts_accepted": (
        "errors",
        swap(
            MULTIPLIER,
            (
                "isinstance(count, bool) or not isinstance(count, (int, np.integer)) or count < least",
                "count < least",
            ),
        ),
    ),
    "zero_sigma_accepted": (
        "errors",
        swap(RULE_USERS, ("if not sigma > 0:", "if sigma < 0:")),
    ),
    # scale
    "bisection_with_300_halvings": ("scale", BISECTION.replace("HALVINGS", "300")),
}
