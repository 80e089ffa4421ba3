"""The case-round mechanism: questions answered from seeded state, every answered probe counted."""

import pytest

from workbook.case import Diagnosis, vocabulary_problem
from workbook.cases import incomplete_bucket, stall_spike


def test_each_answered_question_is_one_probe_and_listing_them_is_free():
    case = incomplete_bucket.open_case(3)
    case.questions()
    case.ask("backlog")
    case.ask("volume", by="datacenter")
    assert case.probes == 2
    assert case.asked == [("backlog", {}), ("volume", {"by": "datacenter"})]


def test_an_unknown_question_names_the_questions_and_is_not_counted():
    case = stall_spike.open_case(3)
    with pytest.raises(ValueError, match="ask one of stalls, releases"):
        case.ask("grep")
    assert case.probes == 0


def test_an_unknown_option_names_the_options_and_is_not_counted():
    case = stall_spike.open_case(3)
    with pytest.raises(TypeError, match=r"ask\('stalls'\) takes the options by='version'"):
        case.ask("stalls", country="BR")
    assert case.probes == 0


def test_the_same_seed_replays_the_same_incident():
    first, again = incomplete_bucket.open_case(7), incomplete_bucket.open_case(7)
    assert first.ask("volume").equals(again.ask("volume"))
    assert incomplete_bucket.planted(7) == incomplete_bucket.planted(7)


def test_probes_beyond_the_budget_are_answered_with_a_warning(capsys):
    case = stall_spike.open_case(0)
    for _ in range(stall_spike.BUDGET + 1):
        case.ask("releases")
    assert "probe 6 of a budget of 5" in capsys.readouterr().out
    assert "6 of 5 probes used" in case._repr_html_()


def test_a_diagnosis_outside_the_tables_is_named():
    wrong = Diagnosis("starvation", "EndSong", "add_more_workers", "stream_per_event_type")
    assert "quick_fix='add_more_workers' is not one of" in vocabulary_problem(
        wrong, incomplete_bucket.VOCABULARY
    )
    assert "expected a Diagnosis, got tuple" in vocabulary_problem(
        tuple(vars(wrong).values()), incomplete_bucket.VOCABULARY
    )


@pytest.mark.parametrize("module", [incomplete_bucket, stall_spike])
def test_every_planted_cause_has_fixes_from_the_tables(module):
    for seed in range(40):
        assert vocabulary_problem(module.planted(seed), module.VOCABULARY) == ""
