"""Case rounds: a production system's state behind `ask(...)`, with every question counted.

A case module builds a `Case` from a seed (the same seed replays the same incident) and names
the causes and fixes a diagnosis may choose from. The learner asks questions as if the
interviewer were their terminal; each answered question is a probe.
"""

import html
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Diagnosis:
    """A candidate's conclusion: what broke, where, the quick fix and the permanent fix."""

    root_cause: str
    culprit: str
    quick_fix: str
    permanent_fix: str


@dataclass(frozen=True)
class Question:
    """One thing the learner may ask: `answer(state, **options)` returns a table."""

    name: str
    shows: str
    answer: Callable[..., pd.DataFrame]

    def options(self) -> str:
        params = list(inspect.signature(self.answer).parameters.values())[1:]
        return ", ".join(f"{p.name}={p.default!r}" for p in params) or "(none)"


class Case:
    """An incident to investigate: ask questions, count probes, compare with a budget."""

    def __init__(self, title: str, seed: int, state, questions: list[Question], budget: int):
        self.title, self.seed, self.budget = title, seed, budget
        self._state = state
        self._questions = {q.name: q for q in questions}
        self.asked: list[tuple[str, dict]] = []

    @property
    def probes(self) -> int:
        """How many questions have been answered so far."""
        return len(self.asked)

    def questions(self) -> pd.DataFrame:
        """What you can ask, its options and what it shows (listing them is free)."""
        rows = [(q.name, q.options(), q.shows) for q in self._questions.values()]
        return pd.DataFrame(rows, columns=["question", "options", "shows"]).set_index("question")

    def ask(self, question: str, **options) -> pd.DataFrame:
        """Answer one question about the system; a question with bad options is not counted."""
        found = self._questions.get(question)
        if found is None:
            raise ValueError(
                f"there is no question {question!r}; ask one of {', '.join(self._questions)} "
                "(case.questions() lists them with their options)"
            )
        try:
            inspect.signature(found.answer).bind(self._state, **options)
        except TypeError:
            raise TypeError(
                f"ask({question!r}) takes the options {found.options()}, got {options}"
            ) from None
        answer = found.answer(self._state, **options)
        self.asked.append((question, dict(options)))
        if self.probes > self.budget:
            print(
                f"probe {self.probes} of a budget of {self.budget}: wrap up and say your diagnosis"
            )
        return answer

    def __repr__(self) -> str:
        return f"<{self.title}: seed {self.seed}, {self.probes} of {self.budget} probes used>"

    def _repr_html_(self) -> str:
        asked = "".join(f"<li><code>{html.escape(_call(q, o))}</code></li>" for q, o in self.asked)
        return (
            f"<b>{html.escape(self.title)}</b> (seed {self.seed}): "
            f"{self.probes} of {self.budget} probes used<ol>{asked}</ol>"
        )


def _call(question: str, options: dict) -> str:
    shown = "".join(f", {k}={v!r}" for k, v in options.items())
    return f"ask({question!r}{shown})"


def expert_diagnosis(state, fixes: Mapping[str, tuple[str, str]]) -> Diagnosis:
    """The planted cause and culprit of an incident's `state`, with the fixes for that cause."""
    quick, permanent = fixes[state.cause]
    return Diagnosis(state.cause, state.culprit, quick, permanent)


def vocabulary_problem(diagnosis, vocabulary: Mapping[str, Mapping[str, str]]) -> str:
    """Why `diagnosis` is not a Diagnosis drawn from the case's vocabulary, or ''."""
    if not isinstance(diagnosis, Diagnosis):
        return f"expected a Diagnosis, got {type(diagnosis).__name__}: {diagnosis!r}"
    for field, allowed in vocabulary.items():
        value = getattr(diagnosis, field)
        if value not in allowed:
            return f"{field}={value!r} is not one of {', '.join(allowed)}"
    if not (isinstance(diagnosis.culprit, str) and diagnosis.culprit):
        return f"culprit must be a non-empty str, got {diagnosis.culprit!r}"
    return ""
