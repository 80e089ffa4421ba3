"""The story lint: each rule at its boundaries."""

from workbook.stories import Story, bank_problems, spoken_length, story_problems, words

PART = "one two three four five six seven eight"  # exactly 8 words


def story(total_words=240, actions=None, **parts):
    """A story of `total_words` words whose actions say 'I' three times."""
    actions = actions or "I asked, I measured and I shipped the change to everyone"
    base = Story("autonomy", PART, PART, actions, "It fell by 12 percent in two weeks")
    padding = total_words - words(base.text())
    return Story(**{**vars(base), "situation": PART + " word" * padding, **parts})


def test_words_count_numbers_with_separators_as_one():
    assert words("2,000 listeners, 18 % of plays and 4.2 s") == 8


def test_spoken_length_is_inclusive_at_225_and_375_words():
    assert spoken_length(story(225)) == spoken_length(story(375)) == []
    assert spoken_length(story(224)) and spoken_length(story(376))


def test_a_part_of_seven_words_is_too_short():
    problems = story_problems(story(task="one two three four five six seven"))
    assert problems == ["story for 'autonomy': `task` needs at least 8 words"]


def test_as_many_we_as_i_is_first_person_enough_but_fewer_is_not():
    even = "I asked, we agreed, I measured, we reviewed, I shipped and we celebrated it"
    assert story_problems(story(actions=even)) == []
    more_we = even + " and We rested"
    assert story_problems(
        story(actions="My team shipped it, my manager agreed and my peers reviewed")
    )
    assert (
        "the actions say 'I' 3 times and 'we' 4 times" in story_problems(story(actions=more_we))[0]
    )


def test_a_result_without_a_digit_is_flagged_and_pride_needs_what_went_wrong():
    flat = story(result="it fell by twelve percent within two weeks of shipping")
    assert story_problems(flat) == ["story for 'autonomy': the result has no number; measure it"]
    pride = story(question="proud_feature", went_wrong="I was too fast.")
    assert "went_wrong" in story_problems(pride)[0]


def test_a_bank_names_unknown_questions_wrong_types_and_uncovered_questions():
    problems = bank_problems([story(question="leadership"), ("a", "tuple")])
    assert problems[:2] == [
        "story for 'leadership': unknown question (one of autonomy, proud_feature, "
        "change_spotify, beyond_technical)",
        "expected a Story, got tuple",
    ]
    assert len([p for p in problems if p.startswith("no story answers")]) == 4
    assert bank_problems({}) == ["story_bank() must return a list of Story, got dict"]
