"""Timed mock interviews: a fresh attempt at an unsolved exercise that fits the band and round."""

import random
import time
from pathlib import Path

import nbformat

from workbook import build, catalog, markers, notebook_file
from workbook.metadata import Metadata
from workbook.paths import Layout
from workbook.progress import solved


class NoExerciseFits(LookupError):
    """No unsolved exercise matches the filters."""


def candidates(
    layout: Layout, band: str | None, round: str | None, track: str | None, minutes: int | None
) -> list[Metadata]:
    """Unsolved exercises matching every given filter, in catalogue order."""
    done = solved(layout)
    return [
        m
        for m in catalog.exercises(layout)
        if m.id not in done
        and (band is None or m.fits_band(band))
        and (round is None or m.round == round)
        and (track is None or m.track == track)
        and (minutes is None or m.minutes <= minutes)
    ]


def start_attempt(
    layout: Layout,
    choice: Metadata,
    minutes: int,
    now: float,
    path: Path | None = None,
    banner: str | None = None,
) -> Path:
    """Write attempts/<track>__<slug>-<time>.ipynb (or `path`) with the time budget at the top."""
    solution = layout.solution(choice.id)
    nb = build.to_exercise(notebook_file.read(solution), solution)
    ends = time.strftime("%H:%M", time.localtime(now + minutes * 60))
    banner = nbformat.v4.new_markdown_cell(
        banner
        or f"> **Mock interview: {minutes} minutes, until {ends}.** Talk through the contract "
        "before you code, say the complexity, test an edge case. Grade with `ex.submit()` or "
        "`workbook grade` when the time is up: the elapsed time is recorded."
    )
    banner.id = "mock-interview-banner"
    nb.cells.insert(0, banner)
    nb.metadata[markers.NOTEBOOK_METADATA_KEY]["attempt"] = {"started": now, "minutes": minutes}
    if path is None:
        name = f"{choice.track}__{choice.id.split('/')[1]}-{stamp(now)}.ipynb"
        path = layout.root / "attempts" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(notebook_file.dumps(nb), encoding="utf-8")
    return path


def stamp(now: float) -> str:
    """A sortable local time for file names: 20261201-140500."""
    return time.strftime("%Y%m%d-%H%M%S", time.localtime(now))


def mock(
    layout: Layout, band=None, round=None, track=None, minutes=None, seed=None, now=None
) -> tuple[Metadata, Path]:
    """Pick an unsolved exercise (the same seed picks the same one) and start a timed attempt."""
    options = candidates(layout, band, round, track, minutes)
    if not options:
        raise NoExerciseFits("no unsolved exercise fits those filters; loosen them or reset one")
    choice = random.Random(seed).choice(options)
    return choice, start_attempt(
        layout, choice, minutes or choice.minutes, time.time() if now is None else now
    )
