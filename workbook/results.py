"""The results file: one JSON record per line, appended by checks and gradings, read by progress."""

import json
import time
from pathlib import Path


def append(path: Path, records: list[dict]) -> None:
    """Append records, creating the file and its folder when needed."""
    if not records:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as out:
        out.writelines(json.dumps(record) + "\n" for record in records)


def read(path: Path) -> list[dict]:
    """Every readable record; a damaged line is skipped rather than failing the whole view."""
    if not path.exists():
        return []
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return records


def record_check(layout, exercise_id: str, outcome: str) -> None:
    """Append one visible-check outcome to the layout's results file."""
    record = {"kind": "check", "exercise": exercise_id, "outcome": outcome, "unix": time.time()}
    append(layout.results_file, [record])
