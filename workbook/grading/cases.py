"""Hidden-test helpers for case rounds: run a learner's `diagnose` on many seeded incidents."""

from collections.abc import Callable, Iterable

from workbook.case import vocabulary_problem
from workbook.grading.asserts import assert_equal


def seeds_of(incident: Callable, cause: str, seeds: Iterable[int]) -> list[int]:
    """The seeds whose planted incident has `cause`."""
    return [s for s in seeds if incident(s).cause == cause]


def assert_diagnoses(diagnose, case_module, seeds: Iterable[int]) -> None:
    """Fail unless `diagnose` returns a Diagnosis drawn from the case's tables on every seed."""
    for seed in seeds:
        got = diagnose(case_module.open_case(seed))
        assert_equal(type(got).__name__, "Diagnosis", f"type(diagnose(open_case({seed})))")
        problem = vocabulary_problem(got, case_module.VOCABULARY)
        assert not problem, f"diagnose(open_case({seed})): {problem}"


def assert_field(diagnose, case_module, field: str, seeds: Iterable[int], why: str) -> None:
    """Fail, listing the first seeds, unless `diagnose` gets `field` right on every seed."""
    seeds, wrong = list(seeds), []
    for seed in seeds:
        got = diagnose(case_module.open_case(seed))
        problem = vocabulary_problem(got, case_module.VOCABULARY)
        assert not problem, f"diagnose(open_case({seed})): {problem}"
        want = getattr(case_module.planted(seed), field)
        if getattr(got, field) != want:
            wrong.append(f"seed {seed}: expected {want!r}, got {getattr(got, field)!r}")
    assert not wrong, (
        f"diagnose(open_case(seed)).{field} is wrong on {len(wrong)} of {len(seeds)} incidents "
        f"({why}):\n" + "\n".join(wrong[:5])
    )


def assert_within_budget(diagnose, open_case: Callable, seeds: Iterable[int], budget: int) -> None:
    """Fail unless `diagnose` asks at most `budget` questions on every seed."""
    over = []
    for seed in seeds:
        case = open_case(seed)
        diagnose(case)
        if case.probes > budget:
            over.append((seed, case.probes))
    assert not over, (
        f"diagnose(case) asked more than {budget} questions on {len(over)} incidents, "
        f"e.g. (seed, probes) {over[:4]}"
    )


def tonight_within_budget(tonight, tonights_diagnosis, budget: int) -> None:
    """Fail when the notebook's questions to its own incident, plus those of one call of
    `tonights_diagnosis()`, exceed `budget` (run before anything else asks `tonight`)."""
    in_notebook = tonight.probes
    tonights_diagnosis()
    assert tonight.probes <= budget, (
        f"tonight was asked {tonight.probes} questions, over the budget of {budget}: "
        f"{in_notebook} by the saved notebook and {tonight.probes - in_notebook} by one call of "
        f"tonights_diagnosis(): {tonight.asked}"
    )
