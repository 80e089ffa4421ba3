"""`workbook new <track>/<NN_slug>`: a solution notebook and a hidden-test module to fill in."""

import re

import nbformat

from workbook import build, markers, metadata, notebook_file
from workbook.paths import Layout

ID_PATTERN = re.compile(r"^(?P<track>[a-z_]+)/(?P<number>\d\d)_(?P<slug>[a-z0-9_]+)$")

FRONT_MATTER = f"""{markers.FRONT_MATTER}
```toml
title = "{{title}}"
track = "{{track}}"
difficulty = "interview"
bands = ["Engineer II", "Senior Engineer"]
round = "on-site coding"
minutes = 30
topics = ["{{track}}"]
```"""

HIDDEN_MODULE = '''"""Hidden tests for {id}: plain functions using the names the notebook defines."""

from workbook.grading.asserts import assert_equal


def test_example_from_the_statement():
    assert_equal(solve([]), [], "solve([])")
'''


def new_exercise(exercise_id: str, layout: Layout) -> list:
    """Create the solution notebook and hidden-test module; refuse to overwrite either."""
    match = ID_PATTERN.match(exercise_id)
    if match is None or match["track"] not in metadata.TRACKS:
        raise ValueError(
            f"{exercise_id!r} is not <track>/NN_slug with a track from {', '.join(metadata.TRACKS)}"
        )
    solution, module = layout.solution(exercise_id), layout.hidden_test_module(exercise_id)
    for path in (solution, module):
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
    module.parent.mkdir(parents=True, exist_ok=True)
    solution.write_text(notebook_file.dumps(nb), encoding="utf-8")
    module.write_text(HIDDEN_MODULE.format(id=exercise_id), encoding="utf-8")
    return [solution, module]
