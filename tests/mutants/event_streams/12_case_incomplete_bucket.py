"""Plausible wrong investigations of event_streams/12_case_incomplete_bucket, each breaking one clause."""

from workbook.contract import swap

DIAGNOSE = """
def diagnose(case):
    behind = case.ask("backlog")["oldest_unacked_s"].iloc[-1] > 120
    if not behind:
        arriving = case.ask("volume", by="datacenter")
        drop = arriving["14:00"] / arriving["13:00"]
        return Diagnosis("region_outage", drop.idxmin(), "fail_over_region", "multi_region_publishing")
    pool = case.ask("writers")
    if pool["restarts"].iloc[-1] > 0:
        history = case.ask("deploys")
        latest = history[history["service"] == "bucket-writer"].iloc[-1]
        return Diagnosis(
            "bad_deploy", f"bucket-writer {latest['to_version']}", "rollback_writer",
            "schema_checks_before_deploy",
        )
    arriving = case.ask("volume")
    growth = arriving["14:00"] / arriving["13:00"]
    return Diagnosis("starvation", growth.idxmax(), "shed_flooding_type", "stream_per_event_type")
"""

MUTANTS = {
    "returns_a_dict": (
        "diagnosis_type",
        DIAGNOSE + "\n_diagnose = diagnose\n"
        "def diagnose(case):\n    return vars(_diagnose(case)).copy()\n",
    ),
    "fix_spelled_as_its_meaning": (
        "diagnosis_type",
        swap(
            DIAGNOSE, ('"rollback_writer"', '"roll the bucket writer back to its previous version"')
        ),
    ),
    "always_a_flood": (
        "root_cause",
        swap(
            DIAGNOSE,
            ("if not behind:", "if False:"),
            ('if pool["restarts"].iloc[-1] > 0:', "if False:"),
        ),
    ),
    "backlog_read_at_its_first_row": (
        "root_cause",
        swap(DIAGNOSE, ('["oldest_unacked_s"].iloc[-1]', '["oldest_unacked_s"].iloc[0]')),
    ),
    "unacked_count_never_falls_below_threshold": (
        "root_cause",
        swap(
            DIAGNOSE, ('["oldest_unacked_s"].iloc[-1] > 120', '["unacked_messages"].iloc[-1] >= 0')
        ),
    ),
    "restarts_ignored_low_cpu_read_as_flood": (
        "root_cause",
        swap(DIAGNOSE, ('pool["restarts"].iloc[-1] > 0', 'pool["cpu_pct"].iloc[-1] > 100')),
    ),
    "largest_type_blamed": (
        "culprit",
        swap(DIAGNOSE, ('growth.idxmax(), "shed', 'arriving["14:00"].idxmax(), "shed')),
    ),
    "growth_from_11_to_12": (
        "culprit",
        swap(
            DIAGNOSE,
            (
                'growth = arriving["14:00"] / arriving["13:00"]',
                'growth = arriving["12:00"] / arriving["11:00"]',
            ),
        ),
    ),
    "smallest_datacenter_blamed": (
        "culprit",
        swap(DIAGNOSE, ('drop.idxmin(), "fail', 'arriving["14:00"].idxmin(), "fail')),
    ),
    "version_without_service": (
        "culprit",
        swap(DIAGNOSE, ("f\"bucket-writer {latest['to_version']}\"", "latest['to_version']")),
    ),
    "version_rolled_back_from": (
        "culprit",
        swap(DIAGNOSE, ("latest['to_version']", "latest['from_version']")),
    ),
    "more_workers_for_a_flood": (
        "quick_fix",
        swap(DIAGNOSE, ('"shed_flooding_type"', '"add_workers"')),
    ),
    "wait_out_an_outage": (
        "quick_fix",
        swap(DIAGNOSE, ('"fail_over_region"', '"wait"')),
    ),
    "bigger_pool_forever": (
        "permanent_fix",
        swap(DIAGNOSE, ('"stream_per_event_type"', '"bigger_autoscaling_limit"')),
    ),
    "close_later_after_outage": (
        "permanent_fix",
        swap(DIAGNOSE, ('"multi_region_publishing"', '"longer_close_delay"')),
    ),
    "latest_deploy_blamed": (
        "red_herrings",
        DIAGNOSE
        + """
_diagnose = diagnose
def diagnose(case):
    history = case.ask("deploys")
    latest = history.iloc[-1]
    if latest["time"] >= "14:00":
        return Diagnosis("bad_deploy", f"{latest['service']} {latest['to_version']}",
                         "rollback_writer", "schema_checks_before_deploy")
    return _diagnose(case)
""",
    ),
    "any_writer_deploy_today_blamed": (
        "red_herrings",
        DIAGNOSE
        + """
_diagnose = diagnose
def diagnose(case):
    history = case.ask("deploys")
    writer = history[history["service"] == "bucket-writer"]
    if len(writer):
        return Diagnosis("bad_deploy", f"bucket-writer {writer.iloc[-1]['to_version']}",
                         "rollback_writer", "schema_checks_before_deploy")
    return _diagnose(case)
""",
    ),
    "one_question_per_event_type": (
        "probe_budget",
        swap(
            DIAGNOSE,
            (
                'arriving = case.ask("volume")\n',
                'import pandas as pd\n    arriving = pd.concat([case.ask("volume", event_type=t) '
                'for t in case.ask("bucket").index])\n',
            ),
        ),
    ),
    "reads_every_log_first": (
        "probe_budget",
        DIAGNOSE
        + """
_diagnose = diagnose
def diagnose(case):
    for service in ("bucket-writer", "gateway"):
        case.ask("logs", service=service)
    case.ask("bucket")
    return _diagnose(case)
""",
    ),
    "tonight_blames_the_android_release": (
        "tonight",
        'def tonights_diagnosis():\n    return Diagnosis("bad_deploy", "client-android 8.9.40", '
        '"rollback_writer", "schema_checks_before_deploy")\n',
    ),
    "tonight_names_the_largest_type": (
        "tonight",
        'def tonights_diagnosis():\n    return Diagnosis("starvation", "EndSong", '
        '"shed_flooding_type", "stream_per_event_type")\n',
    ),
    "tonight_asked_everything": (
        "tonight",
        'for _q in ("backlog", "writers", "volume", "logs", "deploys", "bucket"):\n    tonight.ask(_q)\n',
    ),
}
