"""submit(): grades the saved file like `workbook grade`, bounded, and warns about unsaved work."""

import json
import shutil

from conftest import ROOT

from workbook import notebook_file
from workbook.exercise import Exercise
from workbook.paths import Layout
from workbook.submission import grade_saved, notebook_in_this_kernel, unsaved_cells


def copy_of(kind: str, tmp_path):
    target = tmp_path / kind / "graphs" / "01_mutual_friends.ipynb"
    target.parent.mkdir(parents=True)
    shutil.copy(ROOT / kind / "graphs" / "01_mutual_friends.ipynb", target)
    return target


def test_submit_grades_the_saved_solution_and_records_the_result(tmp_path):
    handle = Exercise("graphs/01_mutual_friends", Layout(tmp_path))
    notebook = copy_of("solutions", tmp_path)
    before = notebook.read_bytes()
    submission = handle.submit(notebook)
    assert set(submission.tests.values()) == {"passed"}
    hidden = Exercise("graphs/01_mutual_friends").hidden_tests()
    assert list(submission.tests) == ["visible_checks", *hidden]
    assert f"passed (the visible checks and {len(hidden)} hidden tests)" in repr(submission)
    assert "<table>" in submission._repr_html_()
    assert notebook.read_bytes() == before
    record = json.loads((tmp_path / ".workbook" / "results.jsonl").read_text().splitlines()[-1])
    assert record["exercise"] == "graphs/01_mutual_friends"


def test_submit_of_an_untouched_exercise_says_not_attempted_once(tmp_path):
    submission = Exercise("graphs/01_mutual_friends", Layout(tmp_path)).submit(
        copy_of("exercises", tmp_path)
    )
    assert set(submission.tests.values()) == {"not implemented"}
    for shown in (repr(submission), submission._repr_html_()):
        assert shown.count("not attempted yet") == 1 and "test_" not in shown, shown


def test_submit_warns_when_cells_that_ran_are_not_in_the_saved_file(tmp_path):
    notebook = copy_of("exercises", tmp_path)
    saved = [c.source for c in notebook_file.code_cells(notebook_file.read(notebook))]
    assert unsaved_cells(notebook, [*saved, "ex.submit()"]) == 0  # running without editing is fine
    answer = next(source for source in saved if "raise NotImplementedError" in source)
    edited = answer.replace("raise NotImplementedError", "return []  #")
    submission = grade_saved(notebook, [*saved, edited], Layout(tmp_path))
    assert submission.unsaved == 1 and "save it and submit again" in repr(submission)


def test_submit_without_a_known_notebook_says_how_to_name_it(tmp_path, monkeypatch):
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    submission = Exercise("graphs/01_mutual_friends", Layout(tmp_path)).submit()
    assert 'ex.submit("exercises/graphs/01_mutual_friends.ipynb")' in repr(submission)


def test_the_kernel_finds_its_notebook_from_jupyterlabs_session_name(monkeypatch, tmp_path):
    monkeypatch.setenv("JPY_SESSION_NAME", "exercises/graphs/01_mutual_friends.ipynb")
    assert (
        notebook_in_this_kernel(tmp_path) == tmp_path / "exercises/graphs/01_mutual_friends.ipynb"
    )
