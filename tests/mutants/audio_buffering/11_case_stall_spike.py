"""Plausible wrong investigations of audio_buffering/11_case_stall_spike, each breaking one clause."""

from workbook.contract import swap

DIAGNOSE = """
def diagnose(case):
    by_version = case.ask("stalls", by="version").iloc[:, -1]
    old, new = by_version.index
    if by_version[new] > 1.5 * by_version[old]:
        return Diagnosis("client_regression", new, "halt_rollout", "stall_guardrail_rollouts")
    by_cdn = case.ask("stalls", by="cdn").iloc[:, -1]
    if by_cdn.max() > 1.5 * by_cdn.min():
        return Diagnosis("cdn_degraded", by_cdn.idxmax(), "shift_cdn_traffic", "qoe_cdn_steering")
    by_isp = case.ask("stalls", by="isp").iloc[:, -1]
    return Diagnosis("isp_congestion", by_isp.idxmax(), "lower_start_bitrate", "isp_embedded_cache")
"""

WRAPPED = DIAGNOSE + "\n_diagnose = diagnose\n"

MUTANTS = {
    "returns_a_tuple": (
        "diagnosis_type",
        WRAPPED + "def diagnose(case):\n    d = _diagnose(case)\n"
        "    return (d.root_cause, d.culprit, d.quick_fix, d.permanent_fix)\n",
    ),
    "cause_in_capitals": (
        "diagnosis_type",
        swap(DIAGNOSE, ('"cdn_degraded", by_cdn', '"CDN_DEGRADED", by_cdn')),
    ),
    "versions_compared_on_the_oldest_day": (
        "root_cause",
        swap(DIAGNOSE, ('by="version").iloc[:, -1]', 'by="version").iloc[:, 0]')),
    ),
    "cdn_spread_never_enough": (
        "root_cause",
        swap(DIAGNOSE, ("by_cdn.max() > 1.5 * by_cdn.min()", "by_cdn.max() > 5 * by_cdn.min()")),
    ),
    "isp_blamed_for_everything_but_regressions": (
        "root_cause",
        swap(DIAGNOSE, ("if by_cdn.max() > 1.5 * by_cdn.min():", "if False:")),
    ),
    "old_version_blamed": (
        "culprit",
        swap(
            DIAGNOSE, ('Diagnosis("client_regression", new,', 'Diagnosis("client_regression", old,')
        ),
    ),
    "version_with_prefix": (
        "culprit",
        swap(
            DIAGNOSE,
            ('Diagnosis("client_regression", new,', 'Diagnosis("client_regression", "v" + new,'),
        ),
    ),
    "largest_isp_blamed": (
        "culprit",
        WRAPPED
        + """
def diagnose(case):
    d = _diagnose(case)
    if d.root_cause == "isp_congestion":
        return Diagnosis(d.root_cause, case._state.isps and max(case._state.isps, key=case._state.isps.get), d.quick_fix, d.permanent_fix)
    return d
""",
    ),
    "slowest_isp_blamed": (
        "culprit",
        swap(
            DIAGNOSE,
            (
                'by_isp = case.ask("stalls", by="isp").iloc[:, -1]',
                'by_isp = -case.ask("throughput").iloc[:, -1]',
            ),
        ),
    ),
    "cdn_blamed_for_any_difference": (
        "red_herrings",
        swap(DIAGNOSE, ("by_cdn.max() > 1.5 * by_cdn.min()", "by_cdn.max() > by_cdn.min()")),
    ),
    "cdn_provider_without_pop": (
        "culprit",
        swap(DIAGNOSE, ('by_cdn.idxmax(), "shift', 'by_cdn.idxmax().split("/")[0], "shift')),
    ),
    "roll_back_the_app": (
        "quick_fix",
        swap(DIAGNOSE, ('"halt_rollout"', '"roll_back_release"')),
    ),
    "move_cdn_for_an_isp": (
        "quick_fix",
        swap(DIAGNOSE, ('"lower_start_bitrate"', '"shift_cdn_traffic"')),
    ),
    "bigger_buffers": (
        "permanent_fix",
        swap(DIAGNOSE, ('"isp_embedded_cache"', '"bigger_client_buffer"')),
    ),
    "crash_gate_for_stalls": (
        "permanent_fix",
        swap(DIAGNOSE, ('"stall_guardrail_rollouts"', '"crash_free_gate"')),
    ),
    "release_blamed_because_it_came_first": (
        "red_herrings",
        WRAPPED
        + """
def diagnose(case):
    history = case.ask("releases")
    newest = history["version"].iloc[-1]
    if history["rollout_pct"].iloc[-1] > 0:
        return Diagnosis("client_regression", newest, "halt_rollout", "stall_guardrail_rollouts")
    return _diagnose(case)
""",
    ),
    "release_blamed_when_new_version_is_any_worse": (
        "red_herrings",
        swap(
            DIAGNOSE,
            ("by_version[new] > 1.5 * by_version[old]", "by_version[new] >= by_version[old]"),
        ),
    ),
    "one_question_per_isp": (
        "probe_budget",
        swap(
            DIAGNOSE,
            (
                'by_isp = case.ask("stalls", by="isp").iloc[:, -1]',
                'import pandas as pd\n    names = case.ask("throughput").index\n'
                '    speeds = pd.concat([case.ask("throughput", isp=n) for n in names]).iloc[:, -1]\n'
                "    by_isp = -speeds",
            ),
        ),
    ),
    "checks_every_dashboard_first": (
        "probe_budget",
        WRAPPED
        + """
def diagnose(case):
    for question in ("releases", "crashes", "cdn_health"):
        case.ask(question)
    return _diagnose(case)
""",
    ),
    "tonight_pulls_the_release": (
        "tonight",
        'def tonights_diagnosis():\n    return Diagnosis("client_regression", "8.9.52", '
        '"roll_back_release", "crash_free_gate")\n',
    ),
    "tonight_blames_the_largest_isp": (
        "tonight",
        "def tonights_diagnosis():\n"
        "    isp = max(tonight._state.isps, key=tonight._state.isps.get)\n"
        '    return Diagnosis("isp_congestion", isp, "lower_start_bitrate", "isp_embedded_cache")\n',
    ),
    "tonight_asked_everything": (
        "tonight",
        'for _q in ("releases", "crashes", "cdn_health", "throughput"):\n    tonight.ask(_q)\n'
        'for _by in ("country", "version"):\n    tonight.ask("stalls", by=_by)\n',
    ),
}
