"""`workbook plan`: the catalogue ordered into days for a role and band, with mock loops at the end."""

from dataclasses import dataclass, field

from workbook import catalog, loop, metadata
from workbook.metadata import Metadata
from workbook.paths import Layout


@dataclass
class Day:
    number: int
    items: list[Metadata] = field(default_factory=list)
    mock_loop: int = 0  # the ordinal of the mock loop taken this day, 0 for a study day

    @property
    def minutes(self) -> int:
        return sum(m.minutes for m in self.items)


def mock_days(days: int) -> list[int]:
    """Days for full mock loops: near the end, each followed by a day to work on what it showed."""
    if days >= 7:
        return [days - 3, days - 1]
    return [days - 1] if days >= 3 else []


def study_order(layout: Layout, band: str, role: str) -> list[Metadata]:
    """The role's exercises for its loop's rounds at the band: warm-ups, then the easiest of
    each round type not yet met, then the rest from easy to hard."""
    kinds = {kind for _, kind, _ in loop.ROUNDS[role]}
    items = [
        m for m in catalog.exercises(layout) if m.track in loop.TRACKS[role] and m.round in kinds
    ]
    items = [m for m in items if m.track != "home" or m.id in loop.TAKE_HOMES[role]]
    fits = [m for m in items if m.fits_band(band)]
    for kind in sorted(kinds - {m.round for m in fits}):  # covered even if nothing fits the band
        fits += loop.best_fits([m for m in items if m.round == kind], band, set())[:1]
    firsts = {min((m for m in fits if m.round == kind), key=_ease).id for kind in kinds}

    def tier(m: Metadata) -> int:
        return 0 if m.difficulty == "warm-up" else 1 if m.id in firsts else 2

    return sorted(fits, key=lambda m: (tier(m), *_ease(m)))


def _ease(m: Metadata) -> tuple:
    return metadata.DIFFICULTIES.index(m.difficulty), m.minutes, m.id


def study_plan(
    layout: Layout, days: int, band: str, role: str, minutes_per_day: int = 150
) -> tuple[list[Day], list[Metadata]]:
    """Day by day, and what did not fit (do it if time allows)."""
    if days < 1 or minutes_per_day < 5:
        raise ValueError(
            f"need at least 1 day and 5 minutes a day, got {days} and {minutes_per_day}"
        )
    loops = mock_days(days)
    plan = [Day(n, mock_loop=loops.index(n) + 1 if n in loops else 0) for n in range(1, days + 1)]
    queue = study_order(layout, band, role)
    study = [d for d in plan if not d.mock_loop]
    for left, day in zip(range(len(study), 0, -1), study, strict=True):
        share = -(-sum(m.minutes for m in queue) // left)  # spread what is left evenly
        while queue and (
            not day.items
            or (day.minutes < share and day.minutes + queue[0].minutes <= minutes_per_day)
        ):
            day.items.append(queue.pop(0))
    return plan, queue


def render(
    plan: list[Day], rest: list[Metadata], band: str, role: str, done: set[str], loops_done: int
) -> str:
    """The plan as text, with done days and exercises ticked."""
    lines = [f"{len(plan)}-day plan for a {role} loop at {band}", ""]
    for day in plan:
        if day.mock_loop:
            tick = "x" if loops_done >= day.mock_loop else " "
            lines.append(
                f"[{tick}] Day {day.number}: mock loop {day.mock_loop}: "
                f'workbook mock --loop --band "{band}" --role {role}, then workbook scorecard'
            )
            continue
        if not day.items:
            lines.append(
                f"[ ] Day {day.number}: redo the rounds your last scorecard put below the bar"
            )
            continue
        tick = "x" if all(m.id in done for m in day.items) else " "
        lines.append(f"[{tick}] Day {day.number} ({day.minutes} min)")
        lines += [
            f"      [{'x' if m.id in done else ' '}] {m.id}  {m.round}, {m.difficulty}, {m.minutes} min"
            for m in day.items
        ]
    if rest:
        lines += ["", f"If time allows ({len(rest)} more):"] + [
            f"      [{'x' if m.id in done else ' '}] {m.id}" for m in rest
        ]
    return "\n".join(lines)
