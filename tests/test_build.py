"""Building learner notebooks from solutions: pure steps, deterministic, never losing edits."""

import nbformat
import pytest

from workbook import backups, build, contract, markers, metadata, notebook_file
from workbook.paths import Layout

FRONT = """<!-- exercise -->
```toml
title = "Toy"
track = "graphs"
difficulty = "warm-up"
bands = ["Engineer I", "Engineer II"]
round = "on-site coding"
minutes = 10
topics = ["toy"]
exports = ["double"]

[contract]
returns = "An `int`, twice `x`."
```"""

SOLUTION_CELL = '''def double(x: int) -> int:
    """Twice x."""
    ### BEGIN SOLUTION
    y = x * 2
    return y
    ### END SOLUTION'''


def solution_notebook(front: str = FRONT) -> nbformat.NotebookNode:
    cells = [
        nbformat.v4.new_markdown_cell(front),
        nbformat.v4.new_markdown_cell("## The question"),
        nbformat.v4.new_code_cell(SOLUTION_CELL),
        nbformat.v4.new_code_cell("#| checks\ncheck(double, [((2,), 4)])"),
        nbformat.v4.new_markdown_cell("<!-- hint -->\nMultiply."),
        nbformat.v4.new_markdown_cell("<!-- hint -->\nBy two."),
        nbformat.v4.new_markdown_cell("<!-- solution-only -->\n## Discussion"),
        nbformat.v4.new_code_cell("#| solution-only\nprint(double(21))"),
    ]
    nb = nbformat.v4.new_notebook(cells=cells)
    cells[2].outputs = [nbformat.v4.new_output("stream", text="old output")]
    cells[2].execution_count = 7
    return nb


@pytest.fixture
def layout(tmp_path):
    path = tmp_path / "solutions" / "graphs" / "01_toy.ipynb"
    path.parent.mkdir(parents=True)
    path.write_text(notebook_file.dumps(solution_notebook()), encoding="utf-8")
    return Layout(tmp_path)


def built(layout):
    return notebook_file.read(layout.exercise("graphs/01_toy"))


def test_solution_region_becomes_an_indented_stub_keeping_signature_and_docstring():
    stub = build.stub_solution_regions(SOLUTION_CELL, "cell")
    assert stub == f'def double(x: int) -> int:\n    """Twice x."""\n    {markers.STUB}'


def test_a_starter_replaces_the_stub_with_the_existing_code_uncommented():
    source = (
        "def plays(a):\n"
        "    ### BEGIN SOLUTION\n"
        "    return sorted(a)\n"
        "    ### STARTER\n"
        "    # out = list(a)  # the code the learner starts from\n"
        "    #\n"
        "    # return out\n"
        "    ### END SOLUTION"
    )
    assert build.stub_solution_regions(source, "cell") == (
        "def plays(a):\n    out = list(a)  # the code the learner starts from\n\n    return out"
    )


def test_an_uncommented_starter_line_is_an_error_naming_the_cell():
    source = "### BEGIN SOLUTION\nx = 1\n### STARTER\nx = 2\n### END SOLUTION"
    with pytest.raises(build.BuildError, match=r"cell 4: a starter line must be commented"):
        build.stub_solution_regions(source, "cell 4")


@pytest.mark.parametrize(
    "broken",
    ["### BEGIN SOLUTION\nx", "x\n### END SOLUTION", "### BEGIN SOLUTION\n### BEGIN SOLUTION"],
)
def test_unbalanced_solution_markers_are_an_error_naming_the_cell(broken):
    with pytest.raises(build.BuildError, match=r"solutions/x\.ipynb, cell 3"):
        build.stub_solution_regions(broken, "solutions/x.ipynb, cell 3")


def test_build_removes_solution_only_cells_folds_hints_and_clears_outputs(layout):
    build.build(layout)
    nb = built(layout)
    sources = [c.source for c in nb.cells]
    assert not any("Discussion" in s or "print(double(21))" in s for s in sources)
    hints = [s for s in sources if s.startswith("<details>")]
    assert (
        len(hints) == 2 and "<summary>Hint 1 of 2</summary>" in hints[0] and "Multiply." in hints[0]
    )
    code = notebook_file.code_cells(nb)
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    assert markers.STUB in code[0].source and "y = x * 2" not in code[0].source


def test_header_comes_from_metadata_and_cell_ids_are_kept(layout):
    build.build(layout)
    nb, solution = built(layout), notebook_file.read(layout.solution("graphs/01_toy"))
    assert nb.cells[0].source.startswith(
        "# Toy\n\n**graphs/01_toy** · warm-up · Engineer I – Engineer II"
    )
    ids = [c.id for c in solution.cells[:6]]
    assert [c.id for c in nb.cells] == [*ids[:2], "contract", *ids[2:]]
    assert nb.metadata["workbook"]["id"] == "graphs/01_toy"


def test_the_contract_is_shown_before_the_first_code_cell(layout):
    build.build(layout)
    contract = built(layout).cells[2]
    assert contract.source.startswith("## Contract")
    assert "| `returns` | An `int`, twice `x`. |" in contract.source


def test_a_pipe_in_a_clause_stays_inside_its_table_cell():
    table = contract.markdown((("qoe", "sum of `|R[k] - R[k-1]|`"),))
    assert table.endswith(r"| `qoe` | sum of `\|R[k] - R[k-1]\|` |")


def test_building_twice_gives_identical_bytes_and_check_finds_nothing_stale(layout):
    build.build(layout)
    first = layout.exercise("graphs/01_toy").read_bytes()
    assert build.build(layout).written == []
    assert layout.exercise("graphs/01_toy").read_bytes() == first
    assert build.build(layout, check=True).stale == []


def test_check_names_stale_and_orphaned_exercises(layout):
    orphan = layout.exercises / "graphs" / "02_gone.ipynb"
    orphan.parent.mkdir(parents=True)
    orphan.write_text("{}", encoding="utf-8")
    assert set(build.build(layout, check=True).stale) == {layout.exercise("graphs/01_toy"), orphan}


def test_build_refuses_to_overwrite_a_learners_answer_and_force_backs_it_up_first(layout):
    build.build(layout)
    path = layout.exercise("graphs/01_toy")
    nb = notebook_file.read(path)
    answer = notebook_file.code_cells(nb)[0]
    answer.source = answer.source.replace(markers.STUB, "return x + x  # mine")
    path.write_text(notebook_file.dumps(nb), encoding="utf-8")
    solution = notebook_file.read(layout.solution("graphs/01_toy"))
    solution.cells[1].source = "## The question, reworded"
    layout.solution("graphs/01_toy").write_text(notebook_file.dumps(solution), encoding="utf-8")
    mine = path.read_bytes()

    report = build.build(layout)
    assert report.refused == {path: [f"edited cell {answer.id}"]} and path.read_bytes() == mine

    report = build.build(layout, force=True)
    assert report.written == [path] and report.backups[0].read_bytes() == mine
    assert "graphs__01_toy" in report.backups[0].name


def reword_the_question(layout):
    solution = notebook_file.read(layout.solution("graphs/01_toy"))
    solution.cells[1].source += " (reworded)"
    layout.solution("graphs/01_toy").write_text(notebook_file.dumps(solution), encoding="utf-8")


def answer_in_a_new_cell(nb):
    nb.cells.append(nbformat.v4.new_code_cell("def double(x):\n    return 2 * x  # mine"))


def delete_the_hint(nb):
    nb.cells.remove(next(c for c in nb.cells if "Hint 1" in c.source))


def swap_two_cells(nb):
    nb.cells[1], nb.cells[2] = nb.cells[2], nb.cells[1]


def only_run_it(nb):
    for cell in notebook_file.code_cells(nb):
        cell.execution_count = 3
        cell.outputs = [nbformat.v4.new_output("stream", text="ran\n")]


@pytest.mark.parametrize(
    ("change", "refused"),
    [
        (answer_in_a_new_cell, "added cell"),
        (delete_the_hint, "deleted cell"),
        (swap_two_cells, "reordered cells"),
        (only_run_it, None),
    ],
)
def test_any_change_but_outputs_blocks_the_build(layout, change, refused):
    build.build(layout)
    path = layout.exercise("graphs/01_toy")
    nb = notebook_file.read(path)
    change(nb)
    path.write_text(notebook_file.dumps(nb), encoding="utf-8")
    reword_the_question(layout)
    report = build.build(layout)
    if refused is None:
        assert report.written == [path] and not report.refused, report
    else:
        assert refused in " ".join(report.refused[path]) and report.written == []


def test_backups_taken_in_the_same_second_all_survive_and_can_be_restored(layout):
    build.build(layout)
    path = layout.exercise("graphs/01_toy")
    versions = []
    for n in range(3):
        path.write_text(path.read_text().replace("Twice", f"Twice ({n})"), encoding="utf-8")
        versions.append(path.read_bytes())
        backups.save(path, "graphs/01_toy", layout)
    saved = backups.listed(layout)
    assert [b.path.read_bytes() for b in saved] == versions
    current = path.read_bytes()
    target, previous = backups.restore(saved[0].path.name, layout)
    assert target == path and path.read_bytes() == versions[0]
    assert previous.path.read_bytes() == current


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (('difficulty = "warm-up"', 'difficulty = "hard"'), "difficulty"),
        (("minutes = 10", "minutes = 0"), "minutes"),
        (('track = "graphs"', 'track = "cold_start"'), "track"),
        (
            ('bands = ["Engineer I", "Engineer II"]', 'bands = ["Staff Engineer", "Engineer I"]'),
            "bands",
        ),
        (('topics = ["toy"]\n', ""), "topics"),
        (('round = "on-site coding"', 'round = "on-site coding"\ncolour = "red"'), "colour"),
    ],
)
def test_bad_metadata_names_the_file_and_the_field(tmp_path, change, field):
    path = tmp_path / "solutions" / "graphs" / "01_toy.ipynb"
    nb = solution_notebook(FRONT.replace(*change))
    with pytest.raises(metadata.MetadataError, match=f"01_toy.ipynb: metadata field '{field}'"):
        build.to_exercise(nb, path)


def test_missing_front_matter_is_an_error_saying_what_the_first_cell_must_be(tmp_path):
    nb = solution_notebook()
    nb.cells.pop(0)
    with pytest.raises(metadata.MetadataError, match="first cell must be a markdown cell"):
        build.to_exercise(nb, tmp_path / "graphs" / "01_toy.ipynb")


def test_malformed_notebook_file_is_reported_and_left_as_it_was(tmp_path):
    path = tmp_path / "broken.ipynb"
    path.write_text('{"cells": [}', encoding="utf-8")
    with pytest.raises(notebook_file.NotebookFileError, match="not valid notebook JSON"):
        notebook_file.read(path)
    assert path.read_text(encoding="utf-8") == '{"cells": [}'


def test_a_notebook_built_before_fingerprints_is_judged_by_its_answers_and_cell_ids(layout):
    build.build(layout)
    path = layout.exercise("graphs/01_toy")
    nb = notebook_file.read(path)
    del nb.metadata["workbook"]["cells"]
    path.write_text(notebook_file.dumps(nb), encoding="utf-8")
    reword_the_question(layout)
    assert build.build(layout).written == [path]  # untouched: rebuilt

    nb = notebook_file.read(path)
    del nb.metadata["workbook"]["cells"]
    answer_in_a_new_cell(nb)
    path.write_text(notebook_file.dumps(nb), encoding="utf-8")
    reword_the_question(layout)
    assert "added cell" in " ".join(build.build(layout).refused[path])
