"""`workbook new <track>/<NN_slug>`: a solution notebook and a hidden-test module to fill in."""

import nbformat

from workbook import build, markers, metadata, notebook_file
from workbook.paths import EXERCISE_ID, Layout

FRONT_MATTER = f"""{markers.FRONT_MATTER}
```toml
title = "{{title}}"
track = "{{track}}"
difficulty = "interview"
bands = ["Engineer II", "Senior Engineer"]
round = "on-site coding"
minutes = 30
topics = ["{{track}}"]
exports = ["solve"]

[contract]
returns = "A new `list`; the input is not modified."
```"""

HIDDEN_MODULE = '''"""Hidden tests for {id}: plain functions using the names the contract exports."""

from workbook.contract import pins
from workbook.grading.asserts import assert_returns


@pins("returns")
def test_example_from_the_statement():
    assert_returns([], solve, [])
'''

MUTANTS_MODULE = '''"""Plausible wrong answers to {id}, each breaking one contract clause."""

MUTANTS = {{
    "returns_a_tuple": ("returns", "def solve(items):\\n    return tuple(items)\\n"),
}}
'''


def new_exercise(exercise_id: str, layout: Layout) -> list:
    """Create the solution notebook and hidden-test module; refuse to overwrite either."""
    match = EXERCISE_ID.match(exercise_id)
    if match is None or match["track"] not in metadata.TRACKS:
        raise ValueError(
            f"{exercise_id!r} is not <track>/NN_slug with a track from {', '.join(metadata.TRACKS)}"
        )
    solution, module = layout.solution(exercise_id), layout.hidden_test_module(exercise_id)
    mutants = layout.mutants_module(exercise_id)
    for path in (solution, module, mutants):
        if path.exists():
            raise FileExistsError(f"{path} already exists; nothing was written")
    title = match["slug"].replace("_", " ").capitalize()
    cells = [
        nbformat.v4.new_markdown_cell(FRONT_MATTER.format(title=title, track=match["track"])),
        nbformat.v4.new_markdown_cell(
            "## The question\n\nWhat the interviewer says, then what to clarify."
        ),
        nbformat.v4.new_code_cell(
            f'from workbook import exercise\n\nex = exercise("{exercise_id}")'
        ),
        nbformat.v4.new_code_cell(
            f'def solve(items: list) -> list:\n    """The contract."""\n    {markers.SOLUTION_BEGIN}\n'
            f"    return items\n    {markers.SOLUTION_END}"
        ),
        nbformat.v4.new_code_cell(f"{markers.CHECKS}\nex.check(solve, [(([],), [])])"),
        nbformat.v4.new_markdown_cell(f"{markers.HINT}\nA first nudge."),
        nbformat.v4.new_markdown_cell(
            f"{markers.SOLUTION_ONLY_MARKDOWN}\n## Discussion\n\nComplexity, alternatives, follow-ups."
        ),
    ]
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = {"kernelspec": build.KERNELSPEC}
    solution.parent.mkdir(parents=True, exist_ok=True)
    for path, text in (
        (solution, notebook_file.dumps(nb)),
        (module, HIDDEN_MODULE.format(id=exercise_id)),
        (mutants, MUTANTS_MODULE.format(id=exercise_id)),
    ):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return [solution, module, mutants]
