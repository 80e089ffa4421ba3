"""Copies of a learner's notebooks, written before anything replaces them, and restored on demand."""

import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from workbook.paths import Layout


@dataclass(frozen=True)
class Backup:
    """One saved copy: where it is and which exercise notebook it came from."""

    path: Path
    exercise_id: str

    @property
    def taken(self) -> str:
        return self.path.name.split(".")[1]


def folder(layout: Layout) -> Path:
    return layout.root / ".workbook" / "backups"


def save(path: Path, exercise_id: str, layout: Layout) -> Backup:
    """Copy `path` into .workbook/backups under a name no other backup has."""
    track, slug = exercise_id.split("/")
    stamp = time.strftime("%Y%m%d-%H%M%S") + f"-{time.time_ns() % 10**9:09d}"
    target = folder(layout) / f"{track}__{slug}.{stamp}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    suffix = 1
    while target.exists():  # two backups in the same nanosecond still get two files
        suffix += 1
        target = target.with_name(f"{track}__{slug}.{stamp}-{suffix}.ipynb")
    shutil.copy2(path, target)
    return Backup(target, exercise_id)


def listed(layout: Layout) -> list[Backup]:
    """Every backup, oldest first."""
    found = []
    for path in sorted(folder(layout).glob("*__*.*.ipynb")):
        track, rest = path.name.split("__", 1)
        found.append(Backup(path, f"{track}/{rest.split('.', 1)[0]}"))
    return sorted(found, key=lambda b: (b.taken, b.path.name))


def restore(name: str, layout: Layout) -> tuple[Path, Backup | None]:
    """Put a backup back in exercises/; the notebook it replaces is backed up first."""
    match = [b for b in listed(layout) if b.path.name == Path(name).name]
    if not match:
        raise FileNotFoundError(f"no backup named {name!r}: `workbook backups` lists them")
    backup = match[0]
    target = layout.exercise(backup.exercise_id)
    previous = save(target, backup.exercise_id, layout) if target.exists() else None
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(backup.path, target)
    return target, previous
