"""Weak story banks a candidate writes, each breaking one clause."""


def edited(which, **parts):
    """The reference bank with one story's parts replaced (question=None drops the story)."""
    return (
        "import dataclasses\n"
        "_reference = story_bank\n"
        "def story_bank():\n"
        "    bank = []\n"
        "    for story in _reference():\n"
        f"        if story.question == {which!r}:\n"
        f"            if {parts!r} == {{'drop': True}}:\n"
        "                continue\n"
        f"            story = dataclasses.replace(story, **{parts!r})\n"
        "        bank.append(story)\n"
        "    return bank\n"
    )


LONG = " ".join(["I then checked every dashboard again with the team to be sure."] * 30)
WE = (
    "We traced the slow requests and we found that we loaded every track first. We proposed "
    "a streaming page, we wrote the design, our client teams reviewed it, and we rolled it "
    "out to 1 %, then 10 %, while we watched the latency on our dashboard. I helped."
)

MUTANTS = {
    "a_dict_of_stories": (
        "bank_type",
        "_reference = story_bank\n"
        "def story_bank():\n    return {s.question: s for s in _reference()}\n",
    ),
    "stories_as_tuples": (
        "bank_type",
        "import dataclasses\n_reference = story_bank\n"
        "def story_bank():\n    return [dataclasses.astuple(s) for s in _reference()]\n",
    ),
    "question_asked_in_words": ("bank_type", edited("autonomy", question="Tell me about autonomy")),
    "no_result": ("four_parts", edited("beyond_technical", result="")),
    "task_folded_into_situation": ("four_parts", edited("autonomy", task="Decide.")),
    "five_minute_story": ("spoken_length", edited("change_spotify", actions=LONG)),
    "one_minute_story": (
        "spoken_length",
        edited(
            "beyond_technical",
            actions="I interviewed five recent hires, I wrote a setup script, and I paired "
            "with each new hire on their first day.",
        ),
    ),
    "we_did_it": ("first_person", edited("proud_feature", actions=WE)),
    "result_in_adjectives": (
        "measurable_result",
        edited(
            "proud_feature",
            result="Latency fell a lot, timeouts went away and other services started "
            "reusing the endpoint soon after.",
        ),
    ),
    "pride_without_the_mistake": ("went_wrong", edited("proud_feature", went_wrong="")),
    "mistake_in_one_line": ("went_wrong", edited("proud_feature", went_wrong="I was too fast.")),
    "no_story_about_spotify": ("coverage", edited("change_spotify", drop=True)),
}
