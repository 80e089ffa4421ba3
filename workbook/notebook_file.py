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
        return nbformat.reads(text, as_version=4)
    except Exception as error:  # nbformat raises several unrelated types
        raise NotebookFileError(f"{path}: not a Jupyter notebook: {error}") from None


def dumps(nb: nbformat.NotebookNode) -> str:
    """Serialise a notebook deterministically, as JupyterLab would save it."""
    return nbformat.writes(nb, version=4) + "\n"


def code_cells(nb: nbformat.NotebookNode) -> list:
    """The notebook's code cells, in order."""
    return [cell for cell in nb.cells if cell.cell_type == "code"]
