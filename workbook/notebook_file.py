"""Reading and writing notebook files, with errors that say what is wrong with the file."""

import json
from pathlib import Path

import nbformat


class NotebookFileError(ValueError):
    """A file is not a readable Jupyter notebook."""


def read(path: Path) -> nbformat.NotebookNode:
    """Read a notebook as nbformat 4; a malformed file raises NotebookFileError."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise NotebookFileError(f"{path}: cannot read the file: {error}") from None
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        raise NotebookFileError(
            f"{path}: not valid notebook JSON ({error.msg} at line {error.lineno}, "
            f"column {error.colno}). The file was not changed; restore it from git "
            f"(`git checkout -- {path}`) or from JupyterLab's checkpoint."
        ) from None
    try:
        nb = nbformat.reads(text, as_version=4)
    except Exception as error:  # nbformat raises several unrelated types
        raise NotebookFileError(f"{path}: not a Jupyter notebook: {error}") from None
    problem = malformed_cell(nb)
    if problem:
        raise NotebookFileError(f"{path}: {problem}. The file was not changed.")
    return nb


CELL_TYPES = ("code", "markdown", "raw")


def malformed_cell(nb) -> str | None:
    """The first cell whose type or source cannot be used, named by number and id."""
    if not isinstance(nb.get("cells"), list):
        return "field 'cells' must be a list of cells"
    for number, cell in enumerate(nb.cells, 1):
        if not isinstance(cell, dict):
            return f"cell {number} is not an object"
        name = f"cell {number} (id {cell.get('id', 'none')})"
        if cell.get("cell_type") not in CELL_TYPES:
            return (
                f"{name}: field 'cell_type' is {cell.get('cell_type')!r}, not one of {CELL_TYPES}"
            )
        if not isinstance(cell.get("source"), str):
            found = cell.get("source")
            kind = "null" if found is None else type(found).__name__
            return f"{name}: field 'source' is {kind}, not text"
    return None


def dumps(nb: nbformat.NotebookNode) -> str:
    """Serialise a notebook deterministically, as JupyterLab would save it."""
    return nbformat.writes(nb, version=4) + "\n"


def code_cells(nb: nbformat.NotebookNode) -> list:
    """The notebook's code cells, in order."""
    return [cell for cell in nb.cells if cell.cell_type == "code"]
