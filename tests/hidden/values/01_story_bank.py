"""Hidden tests for values/01_story_bank: the learner's stories through the lint, rule by rule."""

from workbook.contract import pins
from workbook.grading.asserts import assert_equal
from workbook.stories import QUESTIONS, bank_problems, malformed


def assert_rule(rule):
    """Every story in the bank passes one lint rule; the message lists each problem."""
    bank = story_bank()
    problems = [p for story in bank for p in malformed(story)]
    problems = problems or bank_problems(bank, rules=(rule,))
    problems = [p for p in problems if not p.startswith("no story answers")]
    assert not problems, f"story_bank() breaks '{rule}':\n" + "\n".join(problems)


@pins("bank_type")
def test_story_bank_is_a_list_of_stories():
    bank = story_bank()
    assert_equal(type(bank).__name__, "list", "type(story_bank())")
    kinds = sorted({type(story).__name__ for story in bank})
    assert_equal(kinds, ["Story"], "the types in story_bank()")


@pins("bank_type")
def test_every_story_answers_a_known_question_with_text_parts():
    problems = [p for story in story_bank() for p in malformed(story)]
    assert not problems, "story_bank():\n" + "\n".join(problems)


@pins("four_parts")
def test_every_story_has_situation_task_actions_and_result():
    assert_rule("four_parts")


@pins("spoken_length")
def test_every_story_takes_one_and_a_half_to_two_and_a_half_minutes():
    assert_rule("spoken_length")


@pins("first_person")
def test_actions_are_told_in_the_first_person():
    assert_rule("first_person")


@pins("measurable_result")
def test_every_result_has_a_number():
    assert_rule("measurable_result")


@pins("went_wrong")
def test_a_story_about_pride_says_what_went_wrong():
    assert_rule("went_wrong")


@pins("coverage")
def test_every_question_has_a_story():
    covered = {getattr(story, "question", None) for story in story_bank()}
    missing = [q for q in QUESTIONS if q not in covered]
    assert not missing, f"no story in story_bank() answers {missing}"
