"""Hidden tests for audio_buffering/11_case_stall_spike: `diagnose` on many incidents."""

from workbook.case import Diagnosis
from workbook.cases import stall_spike as stalls
from workbook.contract import pins
from workbook.grading.asserts import assert_equal
from workbook.grading.cases import (
    assert_diagnoses,
    assert_field,
    assert_within_budget,
    seeds_of,
    tonight_within_budget,
)

SEEDS = range(60)  # 22 client regressions, 22 degraded CDNs, 16 congested ISPs


def incidents(cause):
    return seeds_of(lambda s: stalls.incident(s, 6), cause, SEEDS)


@pins("tonight")
def test_tonights_investigation_stays_within_budget():
    tonight_within_budget(tonight, tonights_diagnosis, stalls.BUDGET)  # first: nothing asked yet


@pins("diagnosis_type")
def test_returns_a_diagnosis_from_the_tables():
    assert_diagnoses(diagnose, stalls, (1, 4, 0))


@pins("diagnosis_type", "root_cause", "culprit", "quick_fix", "permanent_fix")
def test_worked_examples_from_the_statement():
    want = {
        1: Diagnosis("client_regression", "8.9.35", "halt_rollout", "stall_guardrail_rollouts"),
        4: Diagnosis("cdn_degraded", "cdn-a/ph1", "shift_cdn_traffic", "qoe_cdn_steering"),
    }
    for seed, diagnosis in want.items():
        assert_equal(diagnose(stalls.open_case(seed)), diagnosis, f"diagnose(open_case({seed}))")


@pins("root_cause")
def test_root_cause_is_found_for_every_kind_of_incident():
    why = "compare versions, then points of presence, then ISPs"
    assert_field(diagnose, stalls, "root_cause", SEEDS, why)


@pins("culprit")
def test_the_culprit_of_a_regression_is_the_new_version():
    why = "the version that stalls more, spelled as in ask('releases')"
    assert_field(diagnose, stalls, "culprit", incidents("client_regression"), why)


@pins("culprit")
def test_the_culprit_of_a_cdn_incident_is_the_slow_point_of_presence():
    why = "the point of presence whose stall rate rose"
    assert_field(diagnose, stalls, "culprit", incidents("cdn_degraded"), why)


@pins("culprit")
def test_the_congested_isp_is_the_one_that_stalls_not_the_largest():
    why = "the ISP whose stall rate rose, whatever its size"
    assert_field(diagnose, stalls, "culprit", incidents("isp_congestion"), why)


@pins("quick_fix")
def test_quick_fixes_work_today_on_installed_apps():
    why = "a mobile release cannot be taken back; act on the culprit"
    assert_field(diagnose, stalls, "quick_fix", SEEDS, why)


@pins("permanent_fix")
def test_permanent_fixes_stop_the_class_of_incident():
    why = "guarded rollouts, QoE-based CDN steering, caches inside the ISP"
    assert_field(diagnose, stalls, "permanent_fix", SEEDS, why)


@pins("red_herrings")
def test_the_release_is_not_blamed_when_both_versions_stall_alike():
    seeds = incidents("cdn_degraded") + incidents("isp_congestion")
    found = [s for s in seeds if diagnose(stalls.open_case(s)).root_cause == "client_regression"]
    assert not found, (
        f"diagnose(open_case(seed)) blamed the release on incidents {found[:5]} where the old "
        "and the new version stall alike; every incident follows the same release"
    )


@pins("red_herrings")
def test_a_point_of_presence_is_not_blamed_for_the_usual_small_differences():
    found = [
        s
        for s in incidents("isp_congestion")
        if diagnose(stalls.open_case(s)).root_cause == "cdn_degraded"
    ]
    assert not found, (
        f"diagnose(open_case(seed)) blamed a CDN on incidents {found[:5]} where one ISP is "
        "congested; points of presence always differ by a few percent"
    )


@pins("probe_budget")
def test_at_most_five_probes_on_every_incident():
    assert_within_budget(diagnose, stalls.open_case, SEEDS, stalls.BUDGET)


@pins("probe_budget")
def test_scale_at_most_five_probes_with_300_isps():
    for seed in (0, 2, 4, 1):
        case = stalls.open_case(seed, isps=300)
        got = diagnose(case)
        assert case.probes <= stalls.BUDGET, (
            f"diagnose(open_case({seed}, isps=300)) asked {case.probes} questions: compare all "
            "ISPs in one answer, not one ISP per question"
        )
        assert_equal(got, stalls.planted(seed, 300), f"diagnose(open_case({seed}, isps=300))")


@pins("tonight")
def test_tonights_diagnosis_matches_the_incident():
    assert_equal(tonights_diagnosis(), stalls.planted(TONIGHT), "tonights_diagnosis()")
