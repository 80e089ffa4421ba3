"""The phone-screen fundamentals sheet: questions, the answer key, and a timed drill."""

import math
import os
import random
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

from workbook import results
from workbook.paths import Layout
from workbook.submission import GRADING

SHEET = Path(__file__).with_name("fundamentals.toml")
EXERCISE_ID = "screen/01_fundamentals"


@dataclass(frozen=True)
class Question:
    """One question: choices (letter -> text) or none for a number answer."""

    id: str
    topic: str
    prompt: str
    answer: str | int | float
    explanation: str
    source: str
    choices: tuple[tuple[str, str], ...] = ()

    def is_correct(self, given) -> bool:
        if self.choices:
            return isinstance(given, str) and given == self.answer
        number = isinstance(given, int | float) and not isinstance(given, bool)
        return number and math.isclose(given, self.answer, rel_tol=1e-9)

    def markdown(self, number: int) -> str:
        lines = [f"**{number}. `{self.id}`** ({self.topic}): {self.prompt}"]
        lines += [f"   - ({letter}) {text}" for letter, text in self.choices]
        return "\n".join(lines)


def questions(path: Path = SHEET) -> list[Question]:
    """Every question on the sheet, in order."""
    raw = tomllib.loads(path.read_text(encoding="utf-8"))["question"]
    return [Question(**{**q, "choices": tuple(q.get("choices", {}).items())}) for q in raw]


def sheet_markdown(items: list[Question]) -> str:
    """The questions without their answers."""
    return "\n\n".join(q.markdown(n) for n, q in enumerate(items, 1))


def key_markdown(items: list[Question]) -> str:
    """Each question's answer with its explanation and source."""
    return "\n\n".join(f"**`{q.id}`: {q.answer!r}.** {q.explanation} *({q.source})*" for q in items)


def format_problems(answers, items: list[Question]) -> list[str]:
    """What is malformed about an answers dict, one sentence per problem (empty when fine)."""
    if not isinstance(answers, dict):
        return [f"answers() must return a dict, got {type(answers).__name__}"]
    known = {q.id: q for q in items}
    found = [f"unknown question id {key!r}" for key in answers if key not in known]
    for q in items:
        if q.id not in answers:
            found.append(f"{q.id}: not answered")
            continue
        given = answers[q.id]
        if q.choices and given not in dict(q.choices):
            found.append(f"{q.id}: {given!r} is not one of {', '.join(dict(q.choices))}")
        if not q.choices and (isinstance(given, bool) or not isinstance(given, int | float)):
            found.append(f"{q.id}: a number (int or float) is expected, got {given!r}")
    return found


class Drill:
    """A timed round of `n` random questions; score it with `drill.score(answers)`."""

    def __init__(self, n: int = 12, minutes: int = 12, seed: int | None = None, clock=time.time):
        pool = questions()
        self.items = random.Random(seed).sample(pool, min(n, len(pool)))
        self.minutes, self._clock = minutes, clock
        self.started = clock()

    def _repr_markdown_(self) -> str:
        return (
            f"**{len(self.items)} questions, {self.minutes} minutes from now.** Answer in a "
            "dict `{id: letter or number}` and call `drill.score(...)`.\n\n"
            + sheet_markdown(self.items)
        )

    def score(self, answers: dict, layout: Layout | None = None) -> "DrillResult":
        """Right answers, time used, and the explanation of every miss; recorded for progress."""
        elapsed = (self._clock() - self.started) / 60
        misses = [q for q in self.items if not q.is_correct(answers.get(q.id))]
        result = DrillResult(
            len(self.items) - len(misses), len(self.items), elapsed, self.minutes, misses
        )
        record = {
            "kind": "drill",
            "exercise": EXERCISE_ID,
            "passed": result.right,
            "total": result.asked,
            "elapsed_minutes": round(elapsed, 2),
            "minutes": self.minutes,
            "unix": self._clock(),
        }
        if not os.environ.get(GRADING):  # a drill is practice, not part of the notebook's grade
            results.append((layout or Layout()).results_file, [record])
        return result


@dataclass(frozen=True)
class DrillResult:
    right: int
    asked: int
    elapsed_minutes: float
    minutes: int
    misses: list[Question]

    def _repr_markdown_(self) -> str:
        timing = "within" if self.elapsed_minutes <= self.minutes else "over"
        head = (
            f"**{self.right} of {self.asked} right** in {self.elapsed_minutes:.1f} minutes "
            f"({timing} the {self.minutes}-minute budget)."
        )
        return "\n\n".join([head, *(key_markdown([q]) for q in self.misses)])

    def __repr__(self) -> str:
        return self._repr_markdown_()
