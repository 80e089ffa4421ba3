"""Hidden tests for event_streams/12_case_incomplete_bucket: `diagnose` on many incidents."""

from workbook.case import Diagnosis
from workbook.cases import incomplete_bucket as bucket
from workbook.contract import pins
from workbook.grading.asserts import assert_equal
from workbook.grading.cases import (
    assert_diagnoses,
    assert_field,
    assert_within_budget,
    seeds_of,
    tonight_within_budget,
)

SEEDS = range(60)  # 24 starvations, 15 bad deploys, 21 region outages


def incidents(cause):
    return seeds_of(lambda s: bucket.incident(s, 16), cause, SEEDS)


@pins("tonight")
def test_tonights_investigation_stays_within_budget():
    tonight_within_budget(tonight, tonights_diagnosis, bucket.BUDGET)  # first: nothing asked yet


@pins("diagnosis_type")
def test_returns_a_diagnosis_from_the_tables():
    assert_diagnoses(diagnose, bucket, (1, 5, 2))


@pins("diagnosis_type", "root_cause", "culprit", "quick_fix", "permanent_fix")
def test_worked_examples_from_the_statement():
    want = {
        1: Diagnosis("bad_deploy", "bucket-writer 2.17.0", "rollback_writer", "schema_checks_before_deploy"),
        5: Diagnosis("region_outage", "us-central1", "fail_over_region", "multi_region_publishing"),
    }  # fmt: skip
    for seed, diagnosis in want.items():
        assert_equal(diagnose(bucket.open_case(seed)), diagnosis, f"diagnose(open_case({seed}))")


@pins("root_cause")
def test_root_cause_is_found_for_every_kind_of_incident():
    why = "each cause shows in the backlog, the writers and the volumes"
    assert_field(diagnose, bucket, "root_cause", SEEDS, why)


@pins("root_cause", "red_herrings")
def test_bad_deploys_are_told_from_floods_by_the_writers_restarts():
    seeds = incidents("bad_deploy") + incidents("starvation")[:8]
    assert_field(diagnose, bucket, "root_cause", seeds, "restarts vs a maxed-out pool")


@pins("culprit")
def test_the_flooding_type_is_the_one_that_grew_not_the_largest():
    why = "compare each type's 14:00 rate with its 13:00 rate"
    assert_field(diagnose, bucket, "culprit", incidents("starvation"), why)


@pins("culprit")
def test_the_culprit_of_a_bad_deploy_is_the_writer_version_deployed():
    why = "'bucket-writer <to_version>' of the crashing deploy"
    assert_field(diagnose, bucket, "culprit", incidents("bad_deploy"), why)


@pins("culprit")
def test_the_culprit_of_an_outage_is_the_datacenter_that_went_quiet():
    why = "not the smallest datacenter: the one whose rate fell"
    assert_field(diagnose, bucket, "culprit", incidents("region_outage"), why)


@pins("quick_fix")
def test_quick_fixes_close_tonights_bucket():
    why = "act on the culprit; the pool is already at its maximum"
    assert_field(diagnose, bucket, "quick_fix", SEEDS, why)


@pins("permanent_fix")
def test_permanent_fixes_remove_the_class_of_incident():
    why = "isolation, schema checks before deploy, multi-region"
    assert_field(diagnose, bucket, "permanent_fix", SEEDS, why)


@pins("red_herrings")
def test_other_services_deploys_are_not_blamed():
    seeds = incidents("starvation") + incidents("region_outage")
    found = [s for s in seeds if diagnose(bucket.open_case(s)).root_cause == "bad_deploy"]
    assert not found, (
        f"diagnose(open_case(seed)) blamed a deploy on incidents {found[:5]} where the writers "
        "never crashed; every night has deploys (search-frontend, client-android, the morning's "
        "bucket-writer)"
    )


@pins("probe_budget")
def test_at_most_five_probes_on_every_incident():
    assert_within_budget(diagnose, bucket.open_case, SEEDS, bucket.BUDGET)


@pins("probe_budget")
def test_scale_at_most_five_probes_with_300_event_types():
    for seed in (2, 3, 1, 0):
        case = bucket.open_case(seed, event_types=300)
        got = diagnose(case)
        assert case.probes <= bucket.BUDGET, (
            f"diagnose(open_case({seed}, event_types=300)) asked {case.probes} questions: ask "
            "about all types at once and compare them, not one type per question"
        )
        want = bucket.planted(seed, 300)
        assert_equal(got, want, f"diagnose(open_case({seed}, event_types=300))")


@pins("tonight")
def test_tonights_diagnosis_matches_the_incident():
    assert_equal(tonights_diagnosis(), bucket.planted(TONIGHT), "tonights_diagnosis()")
