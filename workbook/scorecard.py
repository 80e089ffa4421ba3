"""A mock loop's scorecard: per round, hidden tests, time against budget, self-assessment, verdict."""

import html
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from workbook import loop
from workbook.paths import Layout


@dataclass(frozen=True)
class RoundScore:
    """One round of a loop and how it went."""

    round: loop.Round
    passed: int | None = None
    total: int | None = None
    minutes_used: float | None = None
    rubric: int | None = None

    @property
    def share(self) -> float | None:
        return self.passed / self.total if self.total else None

    def verdict(self, band: str) -> str:
        """`meets the bar`, or the first reason it does not."""
        needed_share, needed_level = loop.BARS[band]
        if self.total is None:
            return "not graded yet"
        if self.share < needed_share:
            return f"below the bar: {self.share:.0%} of tests, needs {needed_share:.0%}"
        if self.round.round in loop.SELF_ASSESSED:
            if self.rubric is None:
                return "tests pass the bar; rate yourself in the notebook's last cell"
            if self.rubric < needed_level:
                return f"below the bar: rubric {loop.RUBRIC_LEVELS[self.rubric]}"
        if self.minutes_used is not None and self.minutes_used > self.round.minutes:
            return f"meets the bar, over time ({self.minutes_used:.0f} of {self.round.minutes} min)"
        return "meets the bar"


@dataclass(frozen=True)
class Scorecard:
    folder: Path
    role: str
    band: str
    rounds: list[RoundScore]

    def frame(self) -> pd.DataFrame:
        """One row per round: stage, round, exercise, tests, minutes, rubric, verdict."""
        rows = [
            {
                "stage": s.round.stage,
                "round": s.round.round,
                "exercise": s.round.exercise,
                "tests passed": s.passed,
                "tests": s.total,
                "minutes used": None if s.minutes_used is None else round(s.minutes_used, 1),
                "budget": s.round.minutes,
                "self-assessed": loop.RUBRIC_LEVELS.get(s.rubric, ""),
                "verdict": s.verdict(self.band),
            }
            for s in self.rounds
        ]
        return pd.DataFrame(rows).astype({"tests passed": "Int64", "tests": "Int64"})

    def summary(self) -> str:
        """How the loop compares with the band's bar, in two sentences."""
        met = [s for s in self.rounds if s.verdict(self.band).startswith("meets the bar")]
        open_ = [s.round.exercise for s in self.rounds if s.total is None]
        weak = [s.round.round for s in self.rounds if s.verdict(self.band).startswith("below")]
        share, level = loop.BARS[self.band]
        text = (
            f"{len(met)} of {len(self.rounds)} rounds meet the {self.band} bar "
            f"({share:.0%} of hidden tests, rubric {loop.RUBRIC_LEVELS[level]} for design and values)."
        )
        if weak:
            text += f" Below the bar: {', '.join(weak)}: practise these rounds next."
        if open_:
            text += f" Not graded yet: {len(open_)} round(s); grade them with `workbook grade attempts/{self.folder.name}`."
        return text

    def render(self) -> str:
        """The scorecard as text for the terminal."""
        table = self.frame().astype(object).fillna("-").to_string(index=False)
        return f"{self.folder.name}: {self.role}, {self.band}\n\n{table}\n\n{self.summary()}"

    def _repr_html_(self) -> str:
        head = f"<p><b>{html.escape(self.folder.name)}</b>: {self.role}, {self.band}</p>"
        return (
            head
            + self.frame().to_html(index=False, na_rep="-")
            + f"<p>{html.escape(self.summary())}</p>"
        )


def scorecard(layout: Layout, folder: Path) -> Scorecard:
    """Read a loop's plan, its notebooks' latest gradings and self-assessments."""
    plan_file = folder / loop.PLAN_FILE
    if not plan_file.exists():
        raise FileNotFoundError(
            f"{folder} is not a mock loop (no {loop.PLAN_FILE}); start one with `workbook mock --loop`"
        )
    plan = json.loads(plan_file.read_text(encoding="utf-8"))
    gradings = loop.latest_gradings(layout, folder)
    scores, clock = [], plan["started"]  # rounds run one after another, in the plan's order
    for entry in plan["rounds"]:
        r = loop.Round(**entry)
        record = gradings.get(r.notebook, {})
        used = None
        if record:
            used, clock = max(0.0, record["unix"] - clock) / 60, max(clock, record["unix"])
        rubric = (
            loop.self_assessment(folder / r.notebook) if r.round in loop.SELF_ASSESSED else None
        )
        scores.append(RoundScore(r, record.get("passed"), record.get("total"), used, rubric))
    return Scorecard(folder, plan["role"], plan["band"], scores)


def latest_loop(layout: Layout) -> Path | None:
    """The most recently started mock loop's folder, if there is one."""
    folders = sorted(
        (layout.root / "attempts").glob(f"loop-*/{loop.PLAN_FILE}"),
        key=lambda p: p.parent.name[-15:],
    )
    return folders[-1].parent if folders else None


def completed_loops(layout: Layout) -> int:
    """How many mock loops have every round graded."""
    folders = [p.parent for p in (layout.root / "attempts").glob(f"loop-*/{loop.PLAN_FILE}")]
    return sum(all(s.total is not None for s in scorecard(layout, f).rounds) for f in folders)
