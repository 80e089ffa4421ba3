"""Where a learner stands: per exercise, from the results file that checks and grading append to."""

import itertools
from dataclasses import dataclass, field
from pathlib import Path

from workbook import catalog, results
from workbook.paths import Layout

SESSION_GAP_S = 30 * 60  # activity further apart than this is not counted as time spent


@dataclass
class ExerciseProgress:
    id: str
    title: str
    bands: str
    visible_passed: bool = False
    best: tuple[int, int] = (0, 0)  # (passed, total) of the best grading
    attempts: int = 0
    times: list[float] = field(default_factory=list)
    mocks: list[dict] = field(default_factory=list)

    @property
    def status(self) -> str:
        passed, total = self.best
        if total and passed == total:
            return "hidden tests pass"
        if self.visible_passed:
            return "visible checks pass"
        return "in progress" if self.times else "not started"

    @property
    def minutes_spent(self) -> float:
        stamps = sorted(self.times)
        gaps = [b - a for a, b in itertools.pairwise(stamps) if b - a < SESSION_GAP_S]
        return sum(gaps) / 60


def is_learners(record: dict, layout: Layout) -> bool:
    """A visible check, or a grading of a notebook in exercises/ or attempts/ (not solutions/)."""
    if record.get("kind") == "check":
        return True
    path = record.get("path")
    if not path:  # recorded before paths were: judge by the notebook as pytest named it
        return not record.get("notebook", "").startswith("solutions/")
    folders = (layout.exercises.resolve(), (layout.root / "attempts").resolve())
    return any(Path(path).is_relative_to(folder) for folder in folders)


def progress(layout: Layout) -> list[ExerciseProgress]:
    """Progress of every exercise in the catalogue, in catalogue order."""
    table = {m.id: ExerciseProgress(m.id, m.title, m.band_range) for m in catalog.exercises(layout)}
    for record in results.read(layout.results_file):
        entry = table.get(record.get("exercise", ""))
        if entry is None or not is_learners(record, layout) or record.get("kind") == "drill":
            continue  # a timed drill scores a random dozen, not the exercise
        entry.times.append(record.get("unix", 0.0))
        if record.get("kind") == "check":
            entry.visible_passed |= record.get("outcome") == "passed"
        else:
            entry.attempts += 1
            entry.best = max(entry.best, (record.get("passed", 0), record.get("total", 0)))
            if record.get("attempt"):
                entry.mocks.append(
                    {
                        **record["attempt"],
                        "passed": record.get("passed"),
                        "total": record.get("total"),
                    }
                )
    return list(table.values())


def solved(layout: Layout) -> set[str]:
    """Ids of the exercises whose every hidden test has passed."""
    return {row.id for row in progress(layout) if row.status == "hidden tests pass"}


def render(rows: list[ExerciseProgress]) -> str:
    """A text table grouped by track."""
    lines, track = [], None
    for row in rows:
        if row.id.split("/")[0] != track:
            track = row.id.split("/")[0]
            lines += [
                "",
                track,
                f"  {'exercise':<36} {'status':<20} {'best':>7} {'attempts':>8} {'minutes':>7}",
            ]
        passed, total = row.best
        best = f"{passed}/{total}" if total else "-"
        lines.append(
            f"  {row.id.split('/')[1]:<36} {row.status:<20} {best:>7} {row.attempts:>8} {row.minutes_spent:>7.0f}"
        )
    mocks = [(r.id, m) for r in rows for m in r.mocks]
    if mocks:
        lines += ["", "mock interviews"]
        lines += [
            f"  {i:<40} {m['passed']}/{m['total']} after {m['elapsed_minutes']:.0f} of {m['minutes']} min"
            + ("" if m["within_budget"] else "  (over time)")
            for i, m in mocks
        ]
    done = sum(r.status == "hidden tests pass" for r in rows)
    return "\n".join([*lines, "", f"{done} of {len(rows)} exercises pass every hidden test"])
