"""A git merge driver for exercise notebooks: upstream's statement and checks, the learner's answers.

Git calls it as `workbook merge-notebook %O %A %B %P` (base, ours = the learner's, theirs =
upstream's, path) when both sides changed a notebook; the result replaces %A.
"""

import copy
import sys
from pathlib import Path

from workbook import markers, notebook_file


def _by_id(nb) -> dict:
    return {cell.get("id"): cell for cell in nb.cells}


def answer_ids(*notebooks) -> set[str]:
    """Ids of the cells that hold a learner's answers, as recorded by the build."""
    found = set()
    for nb in notebooks:
        found |= set(nb.metadata.get(markers.NOTEBOOK_METADATA_KEY, {}).get("answer_cells", {}))
    return found


def merge(base, ours, theirs) -> tuple[object, list[str]]:
    """The merged notebook and notes about answer cells both sides changed."""
    base_cells, our_cells = _by_id(base), _by_id(ours)
    answers, notes, merged = answer_ids(base, theirs), [], []
    for cell in theirs.cells:
        mine = our_cells.get(cell.id)
        if mine is None:
            merged.append(copy.deepcopy(cell))
            continue
        original = base_cells.get(cell.id)
        learner_changed = original is None or mine.source != original.source
        upstream_changed = original is None or cell.source != original.source
        if cell.id in answers and learner_changed:
            merged.append(copy.deepcopy(mine))
            if upstream_changed and cell.source != mine.source:
                notes.append(
                    f"kept your answer in cell {cell.id}; upstream also changed it:\n{cell.source}"
                )
        else:
            chosen = copy.deepcopy(mine if mine.source == cell.source else cell)
            merged.append(chosen)
    _keep_learner_cells(merged, ours, base_cells, _by_id(theirs))
    result = copy.deepcopy(theirs)
    result.cells = merged
    return result, notes


def _keep_learner_cells(merged: list, ours, base_cells: dict, their_cells: dict) -> None:
    """Insert the cells the learner added, after the cell they followed in their notebook."""
    previous = None
    for cell in ours.cells:
        added = cell.id not in base_cells and cell.id not in their_cells
        if added:
            position = next((i + 1 for i, c in enumerate(merged) if c.id == previous), len(merged))
            merged.insert(position, copy.deepcopy(cell))
        previous = cell.id


def main(argv: list[str]) -> int:
    """git merge driver entry point; exit 1 leaves the conflict to git."""
    base_path, ours_path, theirs_path, name = (Path(a) for a in argv[:4])
    try:
        base, ours, theirs = (notebook_file.read(p) for p in (base_path, ours_path, theirs_path))
    except notebook_file.NotebookFileError as error:
        print(f"workbook merge: {name}: {error}", file=sys.stderr)
        return 1
    result, notes = merge(base, ours, theirs)
    ours_path.write_text(notebook_file.dumps(result), encoding="utf-8")
    for note in notes:
        print(f"workbook merge: {name}: {note}", file=sys.stderr)
    return 0
