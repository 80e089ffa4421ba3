"""Hidden tests for event_streams/12_case_incomplete_bucket: `diagnose` on many incidents."""

from workbook.case import Diagnosis, vocabulary_problem
from workbook.cases.incomplete_bucket import BUDGET, VOCABULARY, incident, open_case, planted
from workbook.contract import pins
from workbook.grading.asserts import assert_equal

SEEDS = range(60)  # 24 starvations, 15 bad deploys, 21 region outages


def seeds_of(cause, seeds=SEEDS):
    return [s for s in seeds if incident(s, 16).cause == cause]


def investigated(seed, event_types=16):
    """diagnose() on a fresh incident: the diagnosis and the probes it used."""
    case = open_case(seed, event_types)
    return diagnose(case), case


def wrong_fields(field, seeds):
    """Seeds whose diagnosis gets `field` wrong, with what was expected and what came back."""
    found = []
    for seed in seeds:
        got, _ = investigated(seed)
        problem = vocabulary_problem(got, VOCABULARY)
        assert not problem, f"diagnose(open_case({seed})): {problem}"
        want = planted(seed)
        if getattr(got, field) != getattr(want, field):
            found.append(
                f"seed {seed}: expected {getattr(want, field)!r}, got {getattr(got, field)!r}"
            )
    return found


def assert_field(field, seeds, why):
    found = wrong_fields(field, seeds)
    assert not found, (
        f"diagnose(open_case(seed)).{field} is wrong on {len(found)} of {len(seeds)} incidents "
        f"({why}):\n" + "\n".join(found[:5])
    )


@pins("diagnosis_type")
def test_returns_a_diagnosis_from_the_tables():
    for seed in (1, 5, 2):
        got, _ = investigated(seed)
        assert_equal(type(got).__name__, "Diagnosis", f"type(diagnose(open_case({seed})))")
        problem = vocabulary_problem(got, VOCABULARY)
        assert not problem, f"diagnose(open_case({seed})): {problem}"


@pins("diagnosis_type", "root_cause", "culprit", "quick_fix", "permanent_fix")
def test_worked_examples_from_the_statement():
    want = {
        1: Diagnosis("bad_deploy", "bucket-writer 2.17.0", "rollback_writer", "schema_checks_before_deploy"),
        5: Diagnosis("region_outage", "us-central1", "fail_over_region", "multi_region_publishing"),
    }  # fmt: skip
    for seed, diagnosis in want.items():
        got, _ = investigated(seed)
        assert_equal(got, diagnosis, f"diagnose(open_case({seed}))")


@pins("root_cause")
def test_root_cause_is_found_for_every_kind_of_incident():
    assert_field(
        "root_cause", list(SEEDS), "each cause shows in the backlog, the writers and the volumes"
    )


@pins("root_cause", "red_herrings")
def test_bad_deploys_are_told_from_floods_by_the_writers_restarts():
    assert_field(
        "root_cause",
        seeds_of("bad_deploy") + seeds_of("starvation")[:8],
        "restarts vs a maxed-out pool",
    )


@pins("culprit")
def test_the_flooding_type_is_the_one_that_grew_not_the_largest():
    seeds = seeds_of("starvation")
    assert_field("culprit", seeds, "compare each type's 14:00 rate with its 13:00 rate")


@pins("culprit")
def test_the_culprit_of_a_bad_deploy_is_the_writer_version_deployed():
    assert_field(
        "culprit", seeds_of("bad_deploy"), "'bucket-writer <to_version>' of the crashing deploy"
    )


@pins("culprit")
def test_the_culprit_of_an_outage_is_the_datacenter_that_went_quiet():
    assert_field(
        "culprit", seeds_of("region_outage"), "not the smallest datacenter: the one whose rate fell"
    )


@pins("quick_fix")
def test_quick_fixes_close_tonights_bucket():
    assert_field("quick_fix", list(SEEDS), "act on the culprit; the pool is already at its maximum")


@pins("permanent_fix")
def test_permanent_fixes_remove_the_class_of_incident():
    assert_field(
        "permanent_fix", list(SEEDS), "isolation, schema checks before deploy, multi-region"
    )


@pins("red_herrings")
def test_other_services_deploys_are_not_blamed():
    seeds = seeds_of("starvation") + seeds_of("region_outage")
    found = [s for s in seeds if investigated(s)[0].root_cause == "bad_deploy"]
    assert not found, (
        f"diagnose(open_case(seed)) blamed a deploy on incidents {found[:5]} where the writers "
        "never crashed; every night has deploys (search-frontend, client-android, the morning's "
        "bucket-writer)"
    )


@pins("probe_budget")
def test_at_most_five_probes_on_every_incident():
    over = [(s, c.probes) for s in SEEDS for _, c in [investigated(s)] if c.probes > BUDGET]
    assert not over, (
        f"diagnose(case) asked more than {BUDGET} questions on {len(over)} incidents, "
        f"e.g. (seed, probes) {over[:4]}"
    )


@pins("probe_budget")
def test_scale_at_most_five_probes_with_300_event_types():
    for seed in (2, 3, 1, 0):
        case = open_case(seed, event_types=300)
        got = diagnose(case)
        assert case.probes <= BUDGET, (
            f"diagnose(open_case({seed}, event_types=300)) asked {case.probes} questions: ask "
            "about all types at once and compare them, not one type per question"
        )
        assert_equal(got, planted(seed, 300), f"diagnose(open_case({seed}, event_types=300))")


@pins("tonight")
def test_tonights_diagnosis_matches_the_incident():
    assert_equal(tonights_diagnosis(), planted(TONIGHT), "tonights_diagnosis()")


@pins("tonight")
def test_tonights_investigation_stays_within_budget():
    tonights_diagnosis()
    assert tonight.probes <= BUDGET, (
        f"the saved notebook asks `tonight` {tonight.probes} questions, over the budget of "
        f"{BUDGET}: {tonight.asked}"
    )
