"""Hidden tests for screen/01_fundamentals: the answer sheet against the key, topic by topic."""

from workbook.contract import pins
from workbook.grading.asserts import assert_equal
from workbook.quiz import format_problems, questions

SHEET = questions()


def assert_topic(*topics):
    """Every answer in `topics` matches the key; the message names each miss and why."""
    given = answers()
    misses = [
        f"answers()[{q.id!r}]: expected {q.answer!r}, got {given.get(q.id)!r}. {q.explanation}"
        for q in SHEET
        if q.topic in topics and not q.is_correct(given.get(q.id))
    ]
    assert not misses, f"{len(misses)} wrong in {', '.join(topics)}:\n" + "\n".join(misses)


@pins("answer_format")
def test_answers_is_a_dict_with_every_question_and_no_other():
    given = answers()
    assert_equal(type(given).__name__, "dict", "type(answers())")
    assert_equal(sorted(given), sorted(q.id for q in SHEET), "sorted(answers())")


@pins("answer_format")
def test_every_answer_has_the_form_of_its_question():
    problems = format_problems(answers(), SHEET)
    assert not problems, "answers() has malformed values:\n" + "\n".join(problems)


@pins("networking")
def test_networking_answers():
    assert_topic("networking")


@pins("databases")
def test_database_answers():
    assert_topic("databases")


@pins("operating_systems")
def test_operating_system_answers():
    assert_topic("operating systems")


@pins("data_structures")
def test_data_structure_answers():
    assert_topic("data structures")


@pins("distributed_systems")
def test_distributed_systems_answers():
    assert_topic("distributed systems")


@pins("debugging")
def test_debugging_answers():
    assert_topic("debugging")


@pins("probabilistic_and_unix")
def test_probabilistic_data_structure_and_unix_answers():
    assert_topic("probabilistic data structures", "unix")
