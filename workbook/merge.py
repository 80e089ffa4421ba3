"""A git merge driver for exercise notebooks: upstream's statement and checks, the learner's answers.

Git calls it as `workbook merge-notebook %O %A %B %P` (base, ours = the learner's, theirs =
upstream's, path) when both sides changed a notebook; the result replaces %A.

Cells are matched by id, then by role (the cell that defines a given function or class, for a
cell upstream re-created with a new id). Every cell the learner added or edited is kept. Where
both sides changed the same cell and neither can simply win, both versions are kept under a
labelled markdown cell and git is told there is a conflict; a clean merge never drops learner code.
"""

import ast
import copy
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from workbook import markers, notebook_file

CONFLICT_MARKER = "**workbook merge: both you and upstream changed the cell below.**"
_DEF = re.compile(r"^(?:async\s+)?(?:def|class)\s+([A-Za-z_]\w*)", re.MULTILINE)


def defined_names(cell) -> frozenset[str]:
    """Top-level functions and classes a code cell defines (a regex when it does not parse)."""
    if cell.cell_type != "code":
        return frozenset()
    try:
        tree = ast.parse(cell.source)
    except SyntaxError:
        return frozenset(_DEF.findall(cell.source))
    kinds = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    return frozenset(node.name for node in tree.body if isinstance(node, kinds))


def is_stub(cell) -> bool:
    return cell.cell_type == "code" and markers.STUB in cell.source


@dataclass
class Merge:
    """One three-way merge of a notebook's cells."""

    base: dict
    ours: dict
    theirs: list
    answers: set[str]
    cells: list = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    conflict: bool = False
    learner_ids: set[str] = field(default_factory=set)  # merged cells that carry learner edits

    def keep_mine(self, mine, cell_id: str) -> None:
        kept = copy.deepcopy(mine)
        kept.id = cell_id
        self.cells.append(kept)
        if self.learner_changed(mine):
            self.learner_ids.add(cell_id)

    def learner_changed(self, cell) -> bool:
        original = self.base.get(cell.id)
        return original is None or original.source != cell.source

    def learner_names(self) -> frozenset[str]:
        """Names defined by cells the learner added or edited."""
        changed = (c for c in self.ours.values() if self.learner_changed(c))
        return frozenset().union(*(defined_names(c) for c in changed))


def role_aliases(base: dict, theirs: list) -> dict[str, str]:
    """Upstream cells with a new id that took over a removed base cell's role (same definitions)."""
    their_ids = {c.id for c in theirs}
    removed = [c for c in base.values() if c.id not in their_ids and defined_names(c)]
    aliases = {}
    for cell in theirs:
        if cell.id in base:
            continue
        match = next((b for b in removed if defined_names(b) & defined_names(cell)), None)
        if match is not None:
            aliases[cell.id] = match.id
            removed.remove(match)
    return aliases


def merge(base_nb, ours_nb, theirs_nb) -> tuple[object, list[str], bool]:
    """The merged notebook, notes for the learner, and whether git should report a conflict."""
    m = Merge(
        base={c.id: c for c in base_nb.cells},
        ours={c.id: c for c in ours_nb.cells},
        theirs=list(theirs_nb.cells),
        answers=answer_ids(base_nb, theirs_nb),
    )
    aliases = role_aliases(m.base, m.theirs)
    placed: set[str] = set()
    for cell in m.theirs:
        base_id = cell.id if cell.id in m.base else aliases.get(cell.id)
        _place(m, cell, base_id, placed)
    _keep_learner_cells(m, ours_nb, placed)
    _no_stub_after_the_learners_definition(m)
    result = copy.deepcopy(theirs_nb)
    result.cells = m.cells
    return result, m.notes, m.conflict


def _place(m: Merge, theirs, base_id: str | None, placed: set[str]) -> None:
    original, mine = m.base.get(base_id), m.ours.get(base_id)
    if original is None:  # a cell upstream added
        m.cells.append(copy.deepcopy(theirs))
        return
    placed.add(base_id)
    upstream_changed = theirs.source != original.source
    if mine is None:  # the learner deleted it
        if upstream_changed and not (defined_names(theirs) & m.learner_names()):
            m.cells.append(copy.deepcopy(theirs))
        elif upstream_changed:
            m.notes.append(
                f"upstream changed cell {theirs.id}, which you replaced with your own code"
            )
        return
    if mine.source == theirs.source or not upstream_changed:
        m.keep_mine(mine, theirs.id)  # the same text, or only the learner changed it
    elif not m.learner_changed(mine):
        m.cells.append(copy.deepcopy(theirs))
    elif base_id in m.answers or is_stub(original):
        m.keep_mine(mine, theirs.id)
        m.notes.append(
            f"kept your answer in cell {theirs.id}; upstream also changed it:\n{theirs.source}"
        )
    else:
        m.conflict = True
        m.cells.append(
            nbformat.v4.new_markdown_cell(
                f"{CONFLICT_MARKER} Yours comes first, then upstream's: keep one, delete the other."
            )
        )
        m.keep_mine(mine, f"{theirs.id}-yours"[:64])
        m.cells.append(copy.deepcopy(theirs))
        m.notes.append(f"both changed cell {theirs.id}: kept both, marked in the notebook")


def _keep_learner_cells(m: Merge, ours_nb, placed: set[str]) -> None:
    """Cells the learner added, or edited where upstream deleted them, after their predecessor."""
    previous = None
    for cell in ours_nb.cells:
        upstream_deleted = cell.id in m.base and cell.id not in placed
        if cell.id not in placed and m.learner_changed(cell):
            if upstream_deleted:
                m.notes.append(f"upstream removed cell {cell.id}; your edited version is kept")
            ids = [c.id for c in m.cells]
            position = ids.index(previous) + 1 if previous in ids else len(m.cells)
            m.cells.insert(position, copy.deepcopy(cell))
            m.learner_ids.add(cell.id)
        if any(c.id == cell.id for c in m.cells):
            previous = cell.id


def _no_stub_after_the_learners_definition(m: Merge) -> None:
    """Move an upstream stub that would redefine (and so hide) the learner's function above it."""
    for cell in [c for c in m.cells if c.id in m.learner_ids]:
        names = defined_names(cell)
        after = m.cells[m.cells.index(cell) + 1 :]
        for stub in [c for c in after if is_stub(c) and c.id not in m.learner_ids]:
            if defined_names(stub) & names:
                m.cells.remove(stub)
                m.cells.insert(m.cells.index(cell), stub)
                m.notes.append(
                    f"moved upstream's stub cell {stub.id} above your code, so yours is what runs"
                )


def answer_ids(*notebooks) -> set[str]:
    """Ids of the cells that hold a learner's answers, as recorded by the build."""
    found = set()
    for nb in notebooks:
        found |= set(nb.metadata.get(markers.NOTEBOOK_METADATA_KEY, {}).get("answer_cells", {}))
    return found


def register_driver(root: Path) -> bool:
    """Register this driver in the git clone at `root` (see .gitattributes); False outside git."""
    inside = subprocess.run(
        ["git", "rev-parse", "--git-dir"], cwd=root, capture_output=True, check=False
    )
    if inside.returncode != 0:
        return False
    driver = f"{sys.executable} -m workbook.cli merge-notebook %O %A %B %P"
    for key, value in (
        ("merge.workbook-notebook.name", "keep the learner's answers in exercise notebooks"),
        ("merge.workbook-notebook.driver", driver),
    ):
        subprocess.run(["git", "config", key, value], cwd=root, check=True)
    return True


def main(argv: list[str]) -> int:
    """git merge driver entry point; exit 1 leaves the conflict to git."""
    base_path, ours_path, theirs_path, name = (Path(a) for a in argv[:4])
    try:
        base, ours, theirs = (notebook_file.read(p) for p in (base_path, ours_path, theirs_path))
    except notebook_file.NotebookFileError as error:
        print(f"workbook merge: {name}: {error}", file=sys.stderr)
        return 1
    result, notes, conflict = merge(base, ours, theirs)
    ours_path.write_text(notebook_file.dumps(result), encoding="utf-8")
    for note in notes:
        print(f"workbook merge: {name}: {note}", file=sys.stderr)
    return 1 if conflict else 0
