"""A full mock loop: every round of a Spotify loop for a role and band, timed, then a scorecard."""

import ast
import json
import random
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat

from workbook import catalog, metadata, mock, notebook_file, progress, results
from workbook.metadata import Metadata
from workbook.paths import Layout

# (stage, round, how many) in the order a candidate meets them
ROUNDS = {
    "backend": (
        ("screen", "phone screen fundamentals", 1),
        ("screen", "phone screen coding", 2),
        ("take-home", "home assignment", 1),
        ("on-site", "on-site coding", 1),
        ("on-site", "system design", 1),
        ("on-site", "case", 1),
        ("on-site", "values", 1),
    ),
}
ROUNDS["data"] = ROUNDS["backend"]
ROUNDS["ml"] = (*ROUNDS["backend"], ("on-site", "data/ML", 2))  # ML data and ML depth
TRACKS = {
    "backend": ("graphs", "audio_buffering", "event_streams", "home", "screen", "values"),
    "data": ("event_streams", "experimentation_ml", "cold_start", "home", "screen", "values"),
    "ml": ("cold_start", "experimentation_ml", "event_streams", "home", "screen", "values"),
}
TAKE_HOMES = {  # which take-home a hiring team sends each role
    "backend": ("home/02_playlist_service", "home/03_pair_programming"),
    "data": ("home/01_listening_data_analysis",),
    "ml": ("home/01_listening_data_analysis", "home/03_pair_programming"),
}
SELF_ASSESSED = ("system design", "values")
RUBRIC_LEVELS = {1: "below Engineer II", 2: "Engineer II", 3: "Senior", 4: "Staff"}
# the share of hidden tests and the rubric level a round needs to meet a band's bar
BARS = {
    "Engineer I": (0.6, 1),
    "Engineer II": (0.7, 2),
    "Senior Engineer": (0.8, 3),
    "Staff Engineer": (0.9, 4),
}
PLAN_FILE = "loop.json"
ASSESSMENT_CELL = "loop-self-assessment"


@dataclass(frozen=True)
class Round:
    stage: str
    round: str
    exercise: str
    minutes: int
    notebook: str  # file name inside the loop's folder


def pick_rounds(layout: Layout, role: str, band: str, seed: int | None) -> list[Round]:
    """The loop's rounds: per round type, exercises for the role nearest the band, unsolved first."""
    rng, chosen = random.Random(seed), set()
    solved = progress.solved(layout)
    items = [m for m in catalog.exercises(layout) if m.track in TRACKS[role]]
    rounds = []
    for stage, kind, count in ROUNDS[role]:
        pool = [m for m in items if m.round == kind and m.id not in chosen]
        if kind == "home assignment":
            pool = [m for m in pool if m.id in TAKE_HOMES[role]]
        for choice in best_fits(pool, band, solved, rng)[:count]:
            chosen.add(choice.id)
            name = f"{len(rounds) + 1:02d}_{choice.id.replace('/', '__')}.ipynb"
            rounds.append(Round(stage, kind, choice.id, choice.minutes, name))
    return rounds


def best_fits(pool: list[Metadata], band: str, solved: set[str], rng=None) -> list[Metadata]:
    """The pool (shuffled by `rng`, if given) ordered by distance from `band`, unsolved first."""
    wanted = metadata.BANDS.index(band)

    def distance(m: Metadata) -> int:
        low, high = (metadata.BANDS.index(b) for b in m.bands)
        return max(low - wanted, wanted - high, 0)

    shuffled = rng.sample(pool, len(pool)) if rng else list(pool)
    return sorted(shuffled, key=lambda m: (distance(m), m.id in solved))


def start_loop(layout: Layout, role: str, band: str, seed=None, now=None) -> Path:
    """Write attempts/loop-<time>/ with one timed notebook per round and the loop's plan."""
    now = time.time() if now is None else now
    folder = layout.root / "attempts" / f"loop-{role}-{mock.stamp(now)}"
    rounds = pick_rounds(layout, role, band, seed)
    for number, r in enumerate(rounds, 1):
        banner = (
            f"> **Mock loop, round {number} of {len(rounds)} ({r.stage}, {r.round}): "
            f"{r.minutes} minutes.** Start when you open this notebook and grade it with "
            "`ex.submit()` or `workbook grade` when the time is up; the scorecard counts your "
            "time from the previous round's grading. `workbook scorecard "
            f"attempts/{folder.name}` shows where you stand."
        )
        meta = catalog.exercise(layout, r.exercise)
        path = mock.start_attempt(layout, meta, r.minutes, now, folder / r.notebook, banner)
        if r.round in SELF_ASSESSED:
            add_self_assessment(path)
    plan = {
        "role": role,
        "band": band,
        "seed": seed,
        "started": now,
        "rounds": [vars(r) for r in rounds],
    }
    (folder / PLAN_FILE).write_text(json.dumps(plan, indent=1) + "\n", encoding="utf-8")
    return folder


def add_self_assessment(path: Path) -> None:
    """Append the rubric self-assessment cells a design or values round ends with."""
    nb = notebook_file.read(path)
    levels = ", ".join(f"{n} = {text}" for n, text in RUBRIC_LEVELS.items())
    note = nbformat.v4.new_markdown_cell(
        "## Self-assessment\n\nWhen the time is up, compare your answer with the rubric in the "
        f"solution (`solutions/...`) and rate it: {levels}."
    )
    cell = nbformat.v4.new_code_cell("self_assessment = None  # 1, 2, 3 or 4")
    note.id, cell.id = f"{ASSESSMENT_CELL}-note", ASSESSMENT_CELL
    nb.cells += [note, cell]
    path.write_text(notebook_file.dumps(nb), encoding="utf-8")


def self_assessment(path: Path) -> int | None:
    """The level the learner wrote in a round's self-assessment cell, if any."""
    for cell in notebook_file.read(path).cells:
        if cell.get("id") == ASSESSMENT_CELL:
            try:
                value = ast.literal_eval(cell.source.split("=", 1)[1].split("#")[0].strip())
            except (ValueError, SyntaxError, IndexError):
                return None
            return value if value in RUBRIC_LEVELS else None
    return None


def latest_gradings(layout: Layout, folder: Path) -> dict[str, dict]:
    """Per notebook file name in `folder`, the last grading record of it."""
    found = {}
    for record in results.read(layout.results_file):
        path = Path(record.get("path") or "")
        if record.get("kind") != "check" and path.parent == folder.resolve():
            found[path.name] = record
    return found
