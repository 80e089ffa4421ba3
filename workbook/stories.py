"""The values round's story bank: stories in situation-task-actions-result form, and their lint.

The lint checks a story's structure (parts, length, voice, a number in the result), never
whether it is true or good: that is for the interviewer, and for the rubric.
"""

import re
from dataclasses import dataclass, fields

WORDS_PER_MINUTE = 150  # a conversational speaking rate; the workbook pins it
SPOKEN_MINUTES = (1.5, 2.5)
MIN_PART_WORDS = 8
MIN_WENT_WRONG_WORDS = 15

# Spotify's values: innovative, collaborative, sincere, passionate, playful (the band manifesto).
QUESTIONS = {
    "autonomy": "Tell me about a time you worked autonomously, without heavy process. How did "
    "you decide what to do, and how did you keep others aligned?",
    "proud_feature": "Tell me about a feature you are proud of, including the part you got wrong.",
    "change_spotify": "What would you change about Spotify, and how would you find out whether "
    "you were right?",
    "beyond_technical": "What do you bring to a team beyond technical skill?",
}
ASKS_WHAT_WENT_WRONG = ("proud_feature",)


@dataclass(frozen=True)
class Story:
    """One story for one values question; `went_wrong` is required where the question asks."""

    question: str
    situation: str
    task: str
    actions: str
    result: str
    went_wrong: str = ""

    def text(self) -> str:
        return " ".join(getattr(self, f.name) for f in fields(self) if f.name != "question")


def words(text: str) -> int:
    """Spoken words: runs of letters, digits and apostrophes (`2,000` is one)."""
    return len(re.findall(r"[\w'’][\w'’,.%-]*", text))


def spoken_minutes(story: Story) -> float:
    """How long the story takes to tell at the workbook's speaking rate."""
    return words(story.text()) / WORDS_PER_MINUTE


def voice(text: str) -> tuple[int, int]:
    """How often `text` says who acted: ('I' as a subject, 'we' as a subject).

    Only subjects count: "my team shipped it" says what the team did, not what I did.
    """
    singular = re.findall(r"\bI(?:'m|'ve|'d|'ll|’m|’ve|’d|’ll)?\b", text)
    plural = re.findall(r"\bwe(?:'re|'ve|'d|'ll|’re|’ve|’d|’ll)?\b", text, re.IGNORECASE)
    return len(singular), len(plural)


def four_parts(story: Story) -> list[str]:
    """Situation, task, actions and result each have a few words."""
    return [
        f"`{part}` needs at least {MIN_PART_WORDS} words"
        for part in ("situation", "task", "actions", "result")
        if not isinstance(getattr(story, part), str) or words(getattr(story, part)) < MIN_PART_WORDS
    ]


def spoken_length(story: Story) -> list[str]:
    """About two minutes to tell: 1.5 to 2.5 at the pinned speaking rate."""
    low, high = SPOKEN_MINUTES
    if low <= spoken_minutes(story) <= high:
        return []
    return [
        f"{words(story.text())} words take {spoken_minutes(story):.2f} min to tell; aim for "
        f"{low}-{high} min ({int(low * WORDS_PER_MINUTE)}-{int(high * WORDS_PER_MINUTE)} words)"
    ]


def first_person(story: Story) -> list[str]:
    """The actions say what I did, not what we did."""
    singular, plural = voice(story.actions)
    if singular >= 3 and singular >= plural:
        return []
    return [
        f"the actions say 'I' {singular} times and 'we' {plural} times; say what you did "
        "(at least 3 'I', and at least as many as 'we')"
    ]


def measurable_result(story: Story) -> list[str]:
    """The result has a number in it."""
    return [] if re.search(r"\d", story.result) else ["the result has no number; measure it"]


def went_wrong(story: Story) -> list[str]:
    """Questions that ask for the part you got wrong get one."""
    if (
        story.question not in ASKS_WHAT_WENT_WRONG
        or words(story.went_wrong) >= MIN_WENT_WRONG_WORDS
    ):
        return []
    return [
        f"the question asks what you got wrong; `went_wrong` needs {MIN_WENT_WRONG_WORDS}+ words"
    ]


RULES = {
    "four_parts": four_parts,
    "spoken_length": spoken_length,
    "first_person": first_person,
    "measurable_result": measurable_result,
    "went_wrong": went_wrong,
}


def malformed(story) -> list[str]:
    """Why `story` is not a Story for a known question with text parts."""
    if not isinstance(story, Story):
        return [f"expected a Story, got {type(story).__name__}"]
    if story.question not in QUESTIONS:
        return [f"story for {story.question!r}: unknown question (one of {', '.join(QUESTIONS)})"]
    parts = [f.name for f in fields(story) if not isinstance(getattr(story, f.name), str)]
    return [f"story for {story.question!r}: `{p}` must be a str" for p in parts]


def story_problems(story, rules=tuple(RULES)) -> list[str]:
    """What the lint finds wrong with one story under `rules`, one sentence each."""
    found = malformed(story)
    if found:
        return found
    return [f"story for {story.question!r}: {p}" for rule in rules for p in RULES[rule](story)]


def bank_problems(bank, rules=tuple(RULES)) -> list[str]:
    """Every problem of a story bank: each story's, then questions no story answers."""
    if not isinstance(bank, list):
        return [f"story_bank() must return a list of Story, got {type(bank).__name__}"]
    found = [problem for story in bank for problem in story_problems(story, rules)]
    covered = {story.question for story in bank if isinstance(story, Story)}
    found += [
        f"no story answers {q!r}: {text}" for q, text in QUESTIONS.items() if q not in covered
    ]
    return found
