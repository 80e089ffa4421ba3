"""Grading notices damage to the files a grade depends on, and to the notebook it reads."""

import os
import shutil

import pytest
from conftest import ROOT, results, run_workbook, write_notebook

from workbook import integrity, notebook_file
from workbook.data import load_plays
from workbook.paths import Layout


@pytest.fixture
def checkout(tmp_path, monkeypatch):
    """A copy of the workbook's data, hidden tests and solutions, with its own manifest."""
    root = tmp_path / "checkout"
    for folder in ("data", "tests/hidden", "solutions"):
        shutil.copytree(ROOT / folder, root / folder)
    layout = Layout(root)
    (root / integrity.MANIFEST).write_text(integrity.manifest_text(layout), encoding="utf-8")
    monkeypatch.setenv("WORKBOOK_ROOT", str(root))
    return layout


def solved_copy(layout: Layout, path):
    nb = notebook_file.read(layout.solution("graphs/01_mutual_friends"))
    nb.metadata["workbook"] = {"id": "graphs/01_mutual_friends"}
    path.write_text(notebook_file.dumps(nb), encoding="utf-8")
    return path


def test_an_intact_checkout_has_no_problems(checkout):
    assert integrity.problems(checkout) == []


def test_a_truncated_dataset_is_named_with_how_to_restore_it(checkout):
    plays = checkout.data / "plays.csv"
    plays.write_bytes(plays.read_bytes()[:1000])
    assert integrity.problems(checkout) == [
        "data/plays.csv differs from the workbook's copy: restore it with `workbook reset "
        "--data` (or `git checkout -- data/`)"
    ]
    with pytest.raises(integrity.DataFileError, match=r"data/plays\.csv differs"):
        load_plays()


def test_reset_data_restores_the_datasets(checkout):
    (checkout.data / "plays.csv").write_text("user_id\n", encoding="utf-8")
    run = run_workbook("reset", "--data", cwd=checkout.root)
    assert run.returncode == 0, run.output
    assert integrity.problems(checkout) == []


def test_grading_warns_when_the_exercises_hidden_tests_were_changed(checkout, tmp_path):
    module = checkout.hidden_tests / "graphs" / "01_mutual_friends.py"
    module.write_text(module.read_text() + "\n\ndef test_free_pass():\n    pass\n")
    notebook = solved_copy(checkout, tmp_path / "answer.ipynb")
    run = run_workbook("grade", str(notebook), "--results-file=none", cwd=checkout.root)
    assert "warning: before grading, tests/hidden/graphs/01_mutual_friends.py differs" in run.output
    assert "git checkout -- tests/hidden/graphs/01_mutual_friends.py" in run.output


def test_another_exercises_changed_hidden_tests_do_not_concern_this_grade(checkout, tmp_path):
    module = checkout.hidden_tests / "graphs" / "02_degrees_of_separation.py"
    module.write_text(module.read_text() + "\n# edited\n")
    notebook = solved_copy(checkout, tmp_path / "answer.ipynb")
    run = run_workbook("grade", str(notebook), "--results-file=none", cwd=checkout.root)
    assert run.returncode == 0 and "warning" not in run.output, run.output


WRITES_THE_DATA = (
    "import os, pathlib\n"
    "pathlib.Path(os.environ['WORKBOOK_ROOT'], 'data', 'plays.csv').write_text('oops')\n"
    "def add(a, b):\n    return a + b"
)
WRITES_ITSELF = (
    "import pathlib\n"
    "for p in pathlib.Path('.').glob('*.ipynb'):\n    p.write_text(p.read_text() + ' ')\n"
    "def add(a, b):\n    return a + b"
)


@pytest.mark.parametrize(
    ("cell", "warning"),
    [
        (WRITES_THE_DATA, "your code changed a file while it was graded: data/plays.csv"),
        (WRITES_ITSELF, "your code wrote to answer.ipynb while it was graded"),
    ],
)
def test_a_file_written_during_grading_is_reported(
    checkout, tmp_path, grade_fixture, cell, warning
):
    notebook = write_notebook(tmp_path / "answer.ipynb", [cell])
    run = grade_fixture(notebook)
    assert f"warning: {warning}" in run.output
    assert warning in " ".join(results(tmp_path)[-1]["warnings"])
    assert os.environ["WORKBOOK_ROOT"] == str(checkout.root)
