"""Plausible wrong answers to experimentation_ml/08_design_skip_prediction, each breaking one clause.

Each source redefines one function; the rest of the solution stays in place.
"""

RPS = """
def prediction_rps(daily_plays: float, peak_factor: float) -> float:
    _check("daily_plays", daily_plays, daily_plays >= 0, ">= 0")
    _check("peak_factor", peak_factor, peak_factor >= 1, ">= 1")
    return float(daily_plays) / SECONDS_PER_DAY * peak_factor
"""

LOOKUPS = """
def feature_lookups_per_second(rps: float, lookups_per_prediction: float) -> float:
    _check("rps", rps, rps >= 0, ">= 0")
    _check("lookups_per_prediction", lookups_per_prediction, lookups_per_prediction >= 0, ">= 0")
    return float(rps) * lookups_per_prediction
"""

REPLICAS = """
def serving_replicas(
    peak_rps: float, rps_per_replica: float, target_utilisation: float = 0.7
) -> int:
    _check("peak_rps", peak_rps, peak_rps >= 0, ">= 0")
    _check("rps_per_replica", rps_per_replica, rps_per_replica > 0, "> 0")
    _check(
        "target_utilisation", target_utilisation, 0 < target_utilisation <= 1, "in (0, 1]"
    )
    quotient = peak_rps / (rps_per_replica * target_utilisation)
    nearest = round(quotient)
    if abs(quotient - nearest) <= 1e-9 * quotient:
        return int(nearest)
    return math.ceil(quotient)
"""

ONLINE = """
def online_cost_per_day(daily_plays: float, usd_per_million: float) -> float:
    _check("daily_plays", daily_plays, daily_plays >= 0, ">= 0")
    _check("usd_per_million", usd_per_million, usd_per_million >= 0, ">= 0")
    return float(daily_plays) / 1e6 * usd_per_million
"""

BATCH = """
def batch_cost_per_day(users: int, tracks_per_user: int, usd_per_million: float) -> float:
    _check("users", users, users >= 0, ">= 0")
    _check("tracks_per_user", tracks_per_user, tracks_per_user >= 0, ">= 0")
    _check("usd_per_million", usd_per_million, usd_per_million >= 0, ">= 0")
    return float(users) * tracks_per_user / 1e6 * usd_per_million
"""

CHOOSE = """
def choose_inference(
    needs_fresh_features: bool, online_usd: float, batch_usd: float, budget_usd: float
) -> str:
    for name, value in (("online_usd", online_usd), ("batch_usd", batch_usd)):
        _check(name, value, value >= 0, ">= 0")
    _check("budget_usd", budget_usd, budget_usd >= 0, ">= 0")
    if needs_fresh_features and online_usd <= budget_usd:
        return "online"
    fits = [(cost, name) for cost, name in ((batch_usd, "batch"), (online_usd, "online"))]
    fits = [(cost, name) for cost, name in fits if cost <= budget_usd]
    if not fits:
        return "neither"
    return min(fits, key=lambda pair: pair[0])[1]
"""

PSI = """
def daily_psi(reference, days, n_bins: int = 10, eps: float = 1e-4) -> list[float]:
    _check("n_bins", n_bins, n_bins >= 2, ">= 2")
    _check("eps", eps, 0 < eps < 1, "in (0, 1)")
    ref = np.asarray(reference, dtype=float).reshape(-1)
    if ref.size == 0:
        raise ValueError("the reference sample is empty")
    edges = np.quantile(ref, np.arange(1, n_bins) / n_bins)

    def shares(values):
        counts = np.bincount(np.searchsorted(edges, values, side="right"), minlength=n_bins)
        share = counts / counts.sum()
        return np.where(share == 0, eps, share)

    b = shares(ref)
    out = []
    for index, day in enumerate(days):
        values = np.asarray(day, dtype=float).reshape(-1)
        if values.size == 0:
            raise ValueError(f"day {index} has no values")
        c = shares(values)
        out.append(float(((c - b) * np.log(c / b)).sum()))
    return out
"""

ALERT = """
def first_alert(psi_values, moderate: float = 0.1, major: float = 0.25) -> int | None:
    if not 0 < moderate < major:
        raise ValueError(f"need 0 < moderate < major, got {moderate} and {major}")
    values = [float(v) for v in psi_values]
    for v in values:
        if not (math.isfinite(v) and v >= 0):
            raise ValueError(f"a PSI is a finite number >= 0, got {v}")
    for day, value in enumerate(values):
        if value >= major or (day > 0 and value >= moderate and values[day - 1] >= moderate):
            return day
    return None
"""


def patch(source: str, *pairs: str) -> str:
    """`source` with each (old, new) replaced; every `old` must occur."""
    for old, new in zip(pairs[::2], pairs[1::2], strict=True):
        assert old in source, old
        source = source.replace(old, new)
    return source


MUTANTS = {
    # --- units
    "rps_per_minute_of_the_day": (
        "units",
        patch(RPS, "/ SECONDS_PER_DAY *", "/ 1_440 *"),
    ),
    "cost_per_thousand_predictions": (
        "units",
        patch(ONLINE, "/ 1e6 *", "/ 1e3 *"),
    ),
    "batch_cost_per_million_users_not_predictions": (
        "units",
        patch(
            BATCH,
            "return float(users) * tracks_per_user / 1e6 * usd_per_million",
            "return float(users) / 1e6 * usd_per_million",
        ),
    ),
    # --- formulas
    "peak_factor_forgotten": (
        "estimate_formulas",
        patch(RPS, "/ SECONDS_PER_DAY * peak_factor", "/ SECONDS_PER_DAY"),
    ),
    "peak_divides_by_the_factor": (
        "estimate_formulas",
        patch(RPS, "/ SECONDS_PER_DAY * peak_factor", "/ SECONDS_PER_DAY / peak_factor"),
    ),
    "lookups_added_not_multiplied": (
        "estimate_formulas",
        patch(
            LOOKUPS, "float(rps) * lookups_per_prediction", "float(rps) + lookups_per_prediction"
        ),
    ),
    "lookups_count_one_extra_for_the_session": (
        "estimate_formulas",
        patch(
            LOOKUPS,
            "float(rps) * lookups_per_prediction",
            "float(rps) * (lookups_per_prediction + 1)",
        ),
    ),
    # --- types
    "rps_numpy_float": (
        "estimate_types",
        patch(RPS, "return float(daily_plays)", "return np.float64(daily_plays)"),
    ),
    "batch_cost_int_for_int_arguments": (
        "estimate_types",
        patch(
            BATCH,
            "return float(users) * tracks_per_user / 1e6 * usd_per_million",
            "return users * tracks_per_user * usd_per_million // 10**6",
        ),
    ),
    "lookups_int_for_int_arguments": (
        "estimate_types",
        patch(
            LOOKUPS,
            "return float(rps) * lookups_per_prediction",
            "return rps * lookups_per_prediction",
        ),
    ),
    "replicas_as_float": (
        "estimate_types",
        patch(
            REPLICAS,
            "return int(nearest)",
            "return float(nearest)",
            "return math.ceil(quotient)",
            "return float(math.ceil(quotient))",
        ),
    ),
    # --- rounding replicas
    "replicas_plain_ceil": (
        "replicas_round_up",
        patch(
            REPLICAS,
            "    if abs(quotient - nearest) <= 1e-9 * quotient:\n        return int(nearest)\n",
            "",
        ),
    ),
    "replicas_rounded_to_nearest": (
        "replicas_round_up",
        patch(REPLICAS, "return math.ceil(quotient)", "return int(nearest)"),
    ),
    "replicas_ignore_utilisation": (
        "replicas_round_up",
        patch(
            REPLICAS,
            "quotient = peak_rps / (rps_per_replica * target_utilisation)",
            "quotient = peak_rps / rps_per_replica",
        ),
    ),
    "replicas_snap_too_widely": (
        "replicas_round_up",
        patch(REPLICAS, "<= 1e-9 * quotient", "<= 1e-3 * quotient"),
    ),
    "at_least_one_replica": (
        "replicas_round_up",
        patch(REPLICAS, "return int(nearest)", "return max(1, int(nearest))"),
    ),
    # --- errors
    "peak_factor_below_one_allowed": (
        "estimate_errors",
        patch(RPS, "peak_factor >= 1", "peak_factor > 0"),
    ),
    "full_utilisation_rejected": (
        "estimate_errors",
        patch(REPLICAS, "0 < target_utilisation <= 1", "0 < target_utilisation < 1"),
    ),
    "utilisation_above_one_allowed": (
        "estimate_errors",
        patch(REPLICAS, "0 < target_utilisation <= 1", "0 < target_utilisation"),
    ),
    "negative_price_allowed": (
        "estimate_errors",
        patch(BATCH, 'usd_per_million >= 0, ">= 0"', 'True, ">= 0"'),
    ),
    "negative_budget_allowed": (
        "estimate_errors",
        patch(CHOOSE, 'budget_usd >= 0, ">= 0"', 'True, ">= 0"'),
    ),
    "errors_without_the_value": (
        "estimate_errors",
        patch(
            RPS,
            "def prediction_rps(",
            "def _check(name, value, ok, rule):\n"
            "    if not ok:\n"
            "        raise ValueError(f'{name} must be {rule}')\n\n\n"
            "def prediction_rps(",
        ),
    ),
    "batch_checks_price_first": (
        "estimate_errors",
        patch(
            BATCH,
            '    _check("users", users, users >= 0, ">= 0")\n'
            '    _check("tracks_per_user", tracks_per_user, tracks_per_user >= 0, ">= 0")\n'
            '    _check("usd_per_million", usd_per_million, usd_per_million >= 0, ">= 0")\n',
            '    _check("usd_per_million", usd_per_million, usd_per_million >= 0, ">= 0")\n'
            '    _check("users", users, users >= 0, ">= 0")\n'
            '    _check("tracks_per_user", tracks_per_user, tracks_per_user >= 0, ">= 0")\n',
        ),
    ),
    # --- the decision rule
    "fresh_means_online_whatever_the_cost": (
        "choose_rule",
        patch(
            CHOOSE,
            "if needs_fresh_features and online_usd <= budget_usd:",
            "if needs_fresh_features:",
        ),
    ),
    "tie_goes_online": (
        "choose_rule",
        patch(
            CHOOSE,
            '((batch_usd, "batch"), (online_usd, "online"))',
            '((online_usd, "online"), (batch_usd, "batch"))',
        ),
    ),
    "budget_is_exclusive": (
        "choose_rule",
        patch(CHOOSE, "if cost <= budget_usd]", "if cost < budget_usd]"),
    ),
    "fresh_without_budget_gives_up": (
        "choose_rule",
        patch(
            CHOOSE,
            '    if needs_fresh_features and online_usd <= budget_usd:\n        return "online"\n',
            "    if needs_fresh_features:\n"
            '        return "online" if online_usd <= budget_usd else "neither"\n',
        ),
    ),
    "batch_whenever_it_fits": (
        "choose_rule",
        patch(
            CHOOSE,
            "    fits = [(cost, name) for cost, name in ((batch_usd",
            "    if batch_usd <= budget_usd:\n"
            '        return "batch"\n'
            "    fits = [(cost, name) for cost, name in ((batch_usd",
        ),
    ),
    # --- the monitor
    "value_on_an_edge_goes_below": (
        "psi_rule",
        patch(PSI, 'side="right"', 'side="left"'),
    ),
    "baseline_assumed_uniform": (
        "psi_rule",
        patch(PSI, "    b = shares(ref)\n", "    b = np.full(n_bins, 1 / n_bins)\n"),
    ),
    "eps_then_renormalised": (
        "psi_rule",
        patch(
            PSI,
            "        return np.where(share == 0, eps, share)",
            "        share = np.where(share == 0, eps, share)\n        return share / share.sum()",
        ),
    ),
    "nearest_quantile_edges": (
        "psi_rule",
        patch(
            PSI,
            "np.arange(1, n_bins) / n_bins)",
            "np.arange(1, n_bins) / n_bins, method='nearest')",
        ),
    ),
    "one_sided_kl_not_psi": (
        "psi_rule",
        patch(PSI, "((c - b) * np.log(c / b)).sum()", "(c * np.log(c / b)).sum()"),
    ),
    "psi_numpy_floats": (
        "psi_types",
        patch(
            PSI,
            "out.append(float(((c - b) * np.log(c / b)).sum()))",
            "out.append(((c - b) * np.log(c / b)).sum())",
        ),
    ),
    "psi_returns_an_array": (
        "psi_types",
        patch(PSI, "    return out\n", "    return np.array(out)\n"),
    ),
    "empty_day_gives_nan": (
        "monitor_errors",
        patch(
            PSI,
            '            raise ValueError(f"day {index} has no values")\n',
            "            pass\n",
        ),
    ),
    "eps_not_validated": (
        "monitor_errors",
        patch(PSI, '_check("eps", eps, 0 < eps < 1, "in (0, 1)")', "pass"),
    ),
    "reference_sorted_in_place": (
        "no_mutation",
        patch(
            PSI,
            "    ref = np.asarray(reference, dtype=float).reshape(-1)\n",
            "    if isinstance(reference, np.ndarray):\n"
            "        reference.sort()\n"
            "    ref = np.asarray(reference, dtype=float).reshape(-1)\n",
        ),
    ),
    "python_loop_over_values": (
        "scale",
        patch(
            PSI,
            '        counts = np.bincount(np.searchsorted(edges, values, side="right"), minlength=n_bins)\n',
            "        counts = np.zeros(n_bins, dtype=np.int64)\n"
            "        edge_list = edges.tolist()\n"
            "        for v in np.asarray(values, dtype=float).tolist():\n"
            "            i = 0\n"
            "            while i < len(edge_list) and edge_list[i] <= v:\n"
            "                i += 1\n"
            "            counts[i] += 1\n",
        ),
    ),
    "alert_strictly_above": (
        "alert_rule",
        patch(
            ALERT,
            "value >= major or (day > 0 and value >= moderate and values[day - 1] >= moderate)",
            "value > major or (day > 0 and value > moderate and values[day - 1] > moderate)",
        ),
    ),
    "alert_on_the_first_day_of_the_pair": (
        "alert_rule",
        patch(
            ALERT,
            "            return day\n",
            "            return day - 1 if value < major else day\n",
        ),
    ),
    "one_moderate_day_is_enough": (
        "alert_rule",
        patch(
            ALERT,
            "(day > 0 and value >= moderate and values[day - 1] >= moderate)",
            "value >= moderate",
        ),
    ),
    "alert_day_one_based": (
        "alert_rule",
        patch(ALERT, "            return day\n", "            return day + 1\n"),
    ),
    "no_alert_is_minus_one": (
        "alert_rule",
        patch(ALERT, "    return None\n", "    return -1\n"),
    ),
    "wraps_around_to_the_last_day": (
        "alert_rule",
        patch(ALERT, "(day > 0 and value >= moderate", "(value >= moderate"),
    ),
    "psi_checked_only_until_the_alert": (
        "monitor_errors",
        patch(
            ALERT,
            "    for v in values:\n"
            "        if not (math.isfinite(v) and v >= 0):\n"
            '            raise ValueError(f"a PSI is a finite number >= 0, got {v}")\n'
            "    for day, value in enumerate(values):\n",
            "    for day, value in enumerate(values):\n"
            "        if not (math.isfinite(value) and value >= 0):\n"
            '            raise ValueError(f"a PSI is a finite number >= 0, got {value}")\n',
        ),
    ),
    "thresholds_not_validated": (
        "monitor_errors",
        patch(ALERT, "    if not 0 < moderate < major:\n", "    if False:\n"),
    ),
}
