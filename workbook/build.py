"""Generate learner notebooks (exercises/) from authored solution notebooks (solutions/)."""

import copy
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from workbook import backups, contract, markers, metadata, notebook_file
from workbook.paths import Layout, exercise_id_from_path

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


class BuildError(ValueError):
    """A solution notebook cannot be turned into an exercise."""


def stub_solution_regions(source: str, where: str) -> str:
    """Replace each BEGIN/END SOLUTION region with a stub raising NotImplementedError, or with
    its starter: the commented lines after `### STARTER`, uncommented (existing code to fix)."""
    out, region, starter = [], None, None
    for line in source.split("\n"):
        stripped = line.strip()
        if stripped == markers.SOLUTION_BEGIN:
            if region is not None:
                raise BuildError(f"{where}: nested {markers.SOLUTION_BEGIN}")
            region, starter = line[: len(line) - len(line.lstrip())], None
        elif stripped == markers.STARTER and region is not None:
            starter = []
        elif stripped == markers.SOLUTION_END:
            if region is None:
                raise BuildError(f"{where}: {markers.SOLUTION_END} without a BEGIN")
            out += [region + markers.STUB] if starter is None else starter
            region = None
        elif region is not None and starter is not None:
            starter.append(_uncommented(line, where))
        elif region is None:
            out.append(line)
    if region is not None:
        raise BuildError(f"{where}: {markers.SOLUTION_BEGIN} without an END")
    return "\n".join(out)


def _uncommented(line: str, where: str) -> str:
    indent, text = line[: len(line) - len(line.lstrip())], line.strip()
    if text != "#" and not text.startswith("# "):
        raise BuildError(f"{where}: a starter line must be commented with '# ', got {line!r}")
    return (indent + text[2:]) if text != "#" else ""


def fold_hint(source: str, number: int, total: int) -> str:
    """A hint cell's text inside a collapsed <details> block."""
    body = markers.without_marker_line(source).strip()
    return f"<details>\n<summary>Hint {number} of {total}</summary>\n\n{body}\n\n</details>"


def is_solution_only(cell) -> bool:
    marker = (
        markers.SOLUTION_ONLY_CODE if cell.cell_type == "code" else markers.SOLUTION_ONLY_MARKDOWN
    )
    return markers.has_marker(cell, marker)


def answer_digest(source: str) -> str:
    """A short fingerprint of a cell's source, to notice a learner's edits."""
    return hashlib.sha256(source.encode()).hexdigest()[:16]


def to_exercise(solution: nbformat.NotebookNode, source: Path) -> nbformat.NotebookNode:
    """The learner's notebook for one solution notebook (pure: the input is not changed)."""
    exercise_id = exercise_id_from_path(source)
    meta = metadata.parse(metadata.front_matter_text(solution.cells, source), exercise_id, source)
    kept = [c for c in solution.cells[1:] if not is_solution_only(c)]
    hints = [c for c in kept if markers.has_marker(c, markers.HINT)]
    header = nbformat.v4.new_markdown_cell(metadata.header_markdown(meta))
    header.id = solution.cells[0].id
    cells, answers = [header], {}
    for index, original in enumerate(kept, start=2):
        cell = copy.deepcopy(original)
        cell.metadata = {"tags": original.metadata["tags"]} if original.metadata.get("tags") else {}
        if markers.has_marker(original, markers.HINT):
            cell.source = fold_hint(cell.source, hints.index(original) + 1, len(hints))
        if cell.cell_type == "code":
            if markers.SOLUTION_BEGIN in cell.source:
                cell.source = stub_solution_regions(cell.source, f"{source}, cell {index}")
                answers[cell.id] = answer_digest(cell.source)
            cell.outputs, cell.execution_count = [], None
        cells.append(cell)
    cells.insert(_first_code_index(cells), _contract_cell(meta))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.nbformat_minor = 5
    nb.metadata = {
        "kernelspec": KERNELSPEC,
        "language_info": {"name": "python"},
        markers.NOTEBOOK_METADATA_KEY: {
            "id": exercise_id,
            "answer_cells": answers,
            "cells": cell_digests(cells),
        },
    }
    return nb


def cell_digests(cells: list) -> list[str]:
    """`id:fingerprint` of each cell's type and source, in order (outputs aside).

    A list, not a mapping: notebook metadata is saved with sorted keys, which would lose order.
    """
    return [f"{c.id}:{answer_digest(c.cell_type + chr(10) + c.source)}" for c in cells]


def _contract_cell(meta: metadata.Metadata) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_markdown_cell(contract.markdown(meta.contract))
    cell.id = "contract"
    return cell


def _first_code_index(cells: list) -> int:
    return next((i for i, c in enumerate(cells) if c.cell_type == "code"), len(cells))


def learner_edits(
    existing: nbformat.NotebookNode, pristine_ids: set[str] = frozenset()
) -> list[str]:
    """How the notebook differs from what the build wrote: edited, added, deleted, reordered.

    A notebook built before cell fingerprints were recorded is judged the older way: its
    answer cells' fingerprints, and cells whose ids a fresh build (`pristine_ids`) lacks.
    """
    recorded_here = existing.metadata.get(markers.NOTEBOOK_METADATA_KEY, {})
    if "cells" not in recorded_here:
        return _older_edits(existing, recorded_here.get("answer_cells", {}), pristine_ids)
    recorded = dict(entry.rsplit(":", 1) for entry in recorded_here["cells"])
    current = dict(entry.rsplit(":", 1) for entry in cell_digests(existing.cells))
    edits = [f"edited cell {i}" for i, d in current.items() if i in recorded and recorded[i] != d]
    edits += [f"added cell {i}" for i in current if i not in recorded]
    edits += [f"deleted cell {i}" for i in recorded if i not in current]
    kept = [i for i in current if i in recorded]
    if not edits and kept != [i for i in recorded if i in current]:
        edits.append("reordered cells")
    return edits


@dataclass
class BuildReport:
    """What a build wrote, found stale, or refused to overwrite."""

    written: list[Path] = field(default_factory=list)
    stale: list[Path] = field(default_factory=list)
    refused: dict[Path, list[str]] = field(default_factory=dict)
    backups: list[Path] = field(default_factory=list)


def expected_exercises(layout: Layout) -> dict[Path, str]:
    """Every exercise file's expected bytes, keyed by path."""
    expected = {}
    for solution_path in sorted(layout.solutions.glob("*/*.ipynb")):
        nb = to_exercise(notebook_file.read(solution_path), solution_path)
        expected[layout.exercise(exercise_id_from_path(solution_path))] = notebook_file.dumps(nb)
    return expected


def build(layout: Layout, check: bool = False, force: bool = False) -> BuildReport:
    """Write (or with check=True only compare) every exercise notebook."""
    report = BuildReport()
    expected = expected_exercises(layout)
    report.stale += sorted(set(layout.exercises.glob("*/*.ipynb")) - set(expected))
    for path, text in expected.items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        if check:
            report.stale.append(path)
            continue
        edits = _edits_of(path, text) if current is not None else []
        if edits and not force:
            report.refused[path] = edits
            continue
        if edits:
            report.backups.append(backups.save(path, exercise_id_from_path(path), layout).path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        report.written.append(path)
    return report


def _older_edits(existing, answers: dict[str, str], pristine_ids: set[str]) -> list[str]:
    edits = [
        f"edited cell {c.id}"
        for c in existing.cells
        if c.id in answers and answer_digest(c.source) != answers[c.id]
    ]
    return edits + [f"added cell {c.id}" for c in existing.cells if c.id not in pristine_ids]


def _edits_of(path: Path, pristine_text: str) -> list[str]:
    """The learner's changes, or a note that the file cannot be read (then it is kept too)."""
    pristine_ids = {c.id for c in nbformat.reads(pristine_text, as_version=4).cells}
    try:
        return learner_edits(notebook_file.read(path), pristine_ids)
    except notebook_file.NotebookFileError:
        return ["the file is not a readable notebook"]


def reset(layout: Layout, exercise_id: str) -> Path | None:
    """Restore the pristine exercise notebook; return the backup of the learner's version, if any."""
    solution = layout.solution(exercise_id)
    if not solution.exists():
        raise FileNotFoundError(f"no exercise {exercise_id!r} (looked for {solution})")
    target = layout.exercise(exercise_id)
    pristine = notebook_file.dumps(to_exercise(notebook_file.read(solution), solution))
    current = target.read_text(encoding="utf-8") if target.exists() else None
    if current == pristine:
        return None
    saved = backups.save(target, exercise_id, layout).path if current is not None else None
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(pristine, encoding="utf-8")
    return saved
