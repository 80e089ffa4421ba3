"""Plausible wrong answers to experimentation_ml/01_ship_decision, each breaking one contract clause.

Each mutant redefines one function after the reference's cells have run."""

from workbook.contract import swap

DECIDE = """
def ship_decision(metrics, alpha=0.05, deterioration_alpha=0.05):
    check(metrics, alpha, deterioration_alpha)
    z = NormalDist().inv_cdf
    successes = sum(m.kind == "success" for m in metrics)
    z_success = z(1 - alpha / successes)
    z_guardrail = z(1 - alpha)
    z_deterioration = z(1 - deterioration_alpha / len(metrics))
    improved = tuple(
        m.name for m in metrics if m.kind == "success" and m.estimate - z_success * m.std_error > 0
    )
    failed = tuple(
        m.name
        for m in metrics
        if m.kind == "guardrail"
        and m.nim is not None
        and not m.estimate - z_guardrail * m.std_error > -m.nim
    )
    deteriorated = tuple(
        m.name for m in metrics if m.estimate + z_deterioration * m.std_error < 0
    )
    if deteriorated:
        action = "abort"
    elif improved and not failed:
        action = "ship"
    else:
        action = "do not ship"
    return Decision(action, improved, failed, deteriorated)
"""

CHECK = """
def check(metrics, alpha, deterioration_alpha):
    for name, value in (("alpha", alpha), ("deterioration_alpha", deterioration_alpha)):
        if not 0 < value < 1:
            raise ValueError(f"{name} must be in (0, 1), got {value}")
    seen = set()
    for m in metrics:
        if m.kind not in ("success", "guardrail"):
            raise ValueError(f"{m.name}: kind must be 'success' or 'guardrail', got {m.kind!r}")
        if not m.std_error > 0:
            raise ValueError(f"{m.name}: std_error must be > 0, got {m.std_error}")
        if m.nim is not None and m.kind == "success":
            raise ValueError(f"{m.name}: a success metric has no margin, got nim={m.nim}")
        if m.nim is not None and not m.nim > 0:
            raise ValueError(f"{m.name}: a margin must be > 0, got {m.nim}")
        if m.name in seen:
            raise ValueError(f"metric name {m.name!r} appears twice")
        seen.add(m.name)
    if not any(m.kind == "success" for m in metrics):
        raise ValueError(f"no success metric among {[m.name for m in metrics]}")
"""


MUTANTS = {
    # success
    "success_not_split": (
        "success",
        swap(DECIDE, ("z_success = z(1 - alpha / successes)", "z_success = z(1 - alpha)")),
    ),
    "success_split_over_all_metrics": (
        "success",
        swap(
            DECIDE,
            ("z_success = z(1 - alpha / successes)", "z_success = z(1 - alpha / len(metrics))"),
        ),
    ),
    "success_two_sided": (
        "success",
        swap(
            DECIDE,
            ("z_success = z(1 - alpha / successes)", "z_success = z(1 - alpha / (2 * successes))"),
        ),
    ),
    "success_at_least_zero": (
        "success",
        swap(
            DECIDE,
            (
                "m.estimate - z_success * m.std_error > 0",
                "m.estimate - z_success * m.std_error >= 0",
            ),
        ),
    ),
    "success_by_point_estimate": (
        "success",
        swap(DECIDE, ("m.estimate - z_success * m.std_error > 0", "m.estimate > 0")),
    ),
    # guardrail
    "guardrails_share_alpha": (
        "guardrail",
        swap(
            DECIDE,
            (
                "z_guardrail = z(1 - alpha)",
                "z_guardrail = z(1 - alpha / max(1, sum(m.kind == 'guardrail' for m in metrics)))",
            ),
        ),
    ),
    "guardrail_margin_ignored": ("guardrail", swap(DECIDE, ("> -m.nim", "> 0"))),
    "guardrail_at_the_margin_passes": (
        "guardrail",
        swap(
            DECIDE,
            (
                "not m.estimate - z_guardrail * m.std_error > -m.nim",
                "m.estimate - z_guardrail * m.std_error < -m.nim",
            ),
        ),
    ),
    "guardrail_without_margin_blocks": (
        "guardrail",
        swap(
            DECIDE,
            (
                "        and m.nim is not None\n        and not m.estimate - z_guardrail * m.std_error > -m.nim",
                "        and not m.estimate - z_guardrail * m.std_error > -(m.nim or 0.0)",
            ),
        ),
    ),
    # deterioration
    "deterioration_not_split": (
        "deterioration",
        swap(
            DECIDE,
            (
                "z_deterioration = z(1 - deterioration_alpha / len(metrics))",
                "z_deterioration = z(1 - deterioration_alpha)",
            ),
        ),
    ),
    "deterioration_only_for_guardrails": (
        "deterioration",
        swap(
            DECIDE,
            (
                "        m.name for m in metrics if m.estimate + z_deterioration",
                "        m.name for m in metrics if m.kind == 'guardrail' and m.estimate + z_deterioration",
            ),
        ),
    ),
    "deterioration_at_zero": (
        "deterioration",
        swap(
            DECIDE,
            (
                "m.estimate + z_deterioration * m.std_error < 0",
                "m.estimate + z_deterioration * m.std_error <= 0",
            ),
        ),
    ),
    "deterioration_by_alpha": (
        "deterioration",
        swap(
            DECIDE,
            (
                "z_deterioration = z(1 - deterioration_alpha / len(metrics))",
                "z_deterioration = z(1 - alpha / len(metrics))",
            ),
        ),
    ),
    # action
    "ship_beats_abort": (
        "action",
        swap(
            DECIDE,
            (
                '    if deteriorated:\n        action = "abort"\n    elif improved and not failed:\n        action = "ship"\n',
                '    if improved and not failed:\n        action = "ship"\n    elif deteriorated:\n        action = "abort"\n',
            ),
        ),
    ),
    "ship_when_all_success_improve": (
        "action",
        swap(
            DECIDE,
            (
                "    elif improved and not failed:",
                "    elif len(improved) == sum(m.kind == 'success' for m in metrics) and not failed:",
            ),
        ),
    ),
    "abort_spelled_stop": ("action", swap(DECIDE, ('action = "abort"', 'action = "stop"'))),
    # evidence
    "evidence_only_for_its_action": (
        "evidence",
        swap(
            DECIDE,
            (
                "    return Decision(action, improved, failed, deteriorated)",
                "    return Decision(action, improved if action == 'ship' else (), failed if action == 'do not ship' else (), deteriorated)",
            ),
        ),
    ),
    "evidence_as_lists": (
        "evidence",
        swap(
            DECIDE,
            (
                "    return Decision(action, improved, failed, deteriorated)",
                "    return Decision(action, list(improved), list(failed), list(deteriorated))",
            ),
        ),
    ),
    "evidence_sorted": (
        "evidence",
        swap(
            DECIDE,
            (
                "    return Decision(action, improved, failed, deteriorated)",
                "    return Decision(action, tuple(sorted(improved)), tuple(sorted(failed)), tuple(sorted(deteriorated)))",
            ),
        ),
    ),
    # direction
    "lower_is_better_by_name": (
        "direction",
        swap(
            DECIDE,
            (
                "    check(metrics, alpha, deterioration_alpha)\n",
                "    check(metrics, alpha, deterioration_alpha)\n    metrics = [m._replace(estimate=-m.estimate) if ('time' in m.name or m.name.endswith('_ms')) else m for m in metrics]\n",
            ),
        ),
    ),
    # errors
    "no_success_allowed": (
        "errors",
        swap(
            CHECK, ('    if not any(m.kind == "success" for m in metrics):', "    if not metrics:")
        ),
    ),
    "margin_on_success_allowed": (
        "errors",
        swap(CHECK, ('        if m.nim is not None and m.kind == "success":', "        if False:")),
    ),
    "zero_std_error_allowed": (
        "errors",
        swap(CHECK, ("        if not m.std_error > 0:", "        if m.std_error < 0:")),
    ),
    "duplicate_names_allowed": (
        "errors",
        swap(CHECK, ("        if m.name in seen:", "        if False:")),
    ),
    "alpha_unchecked": (
        "errors",
        swap(CHECK, ("        if not 0 < value < 1:", "        if value <= 0:")),
    ),
    "unknown_kind_as_guardrail": (
        "errors",
        swap(CHECK, ('        if m.kind not in ("success", "guardrail"):', "        if False:")),
    ),
    "metrics_sorted_in_place": (
        "errors",
        swap(
            CHECK,
            (
                "    seen = set()\n",
                "    seen = set()\n    metrics.sort(key=lambda m: m.kind != 'success')\n",
            ),
        ),
    ),
    # scale
    "successes_recounted": (
        "scale",
        swap(
            DECIDE,
            (
                "m.estimate - z_success * m.std_error > 0",
                "m.estimate - z(1 - alpha / sum(x.kind == 'success' for x in metrics)) * m.std_error > 0",
            ),
        ),
    ),
}
