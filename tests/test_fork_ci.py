"""A learner's fork: the markdown summary for CI job pages, the workflow, and resetting an exercise."""

import shutil

import yaml
from conftest import ROOT, run_workbook

from workbook import build, notebook_file
from workbook.exercise import Exercise
from workbook.grading.grade import markdown_summary
from workbook.paths import Layout


def test_markdown_summary_has_one_row_per_notebook_and_a_total():
    records = [
        {
            "exercise": "graphs/01_x",
            "notebook": "a.ipynb",
            "total": 3,
            "passed": 3,
            "failed": 0,
            "not_implemented": 0,
        },
        {
            "exercise": "graphs/02_y",
            "notebook": "b.ipynb",
            "total": 4,
            "passed": 1,
            "failed": 3,
            "not_implemented": 0,
        },
    ]
    table = markdown_summary(records)
    assert "| graphs/01_x | `a.ipynb` | 3/3 | 0 | 0 | ✅ |" in table
    assert "| graphs/02_y | `b.ipynb` | 1/4 | 3 | 0 | ❌ |" in table
    assert table.endswith("1 of 2 notebooks pass every hidden test.")


def test_grade_summary_prints_only_the_table_on_stdout(tmp_path):
    notebook = tmp_path / "graphs" / "01_mutual_friends.ipynb"
    notebook.parent.mkdir()
    shutil.copy(ROOT / "exercises" / "graphs" / "01_mutual_friends.ipynb", notebook)
    run = run_workbook("grade", str(notebook), "--summary", "markdown", "--results-file=none")
    assert run.returncode == 1
    rows = 1 + len(Exercise("graphs/01_mutual_friends").hidden_tests())  # with the visible checks
    assert "| graphs/01_mutual_friends |" in run.output
    assert f"0/{rows} | 0 | {rows} | ⬜ |" in run.output


def test_workflow_grades_uploads_junit_and_writes_the_job_summary():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "grade.yml").read_text())
    steps = workflow["jobs"]["grade"]["steps"]
    commands = " ".join(step.get("run", "") for step in steps)
    assert "pip install -e" in commands
    assert "workbook grade exercises" in commands and "--junitxml grade.junit.xml" in commands
    assert '--summary markdown >> "$GITHUB_STEP_SUMMARY"' in commands
    upload = next(step for step in steps if "upload-artifact" in step.get("uses", ""))
    assert upload["with"]["path"] == "grade.junit.xml" and upload["if"] == "always()"


def test_reset_restores_the_pristine_exercise_and_keeps_a_backup(tmp_path):
    layout = Layout(tmp_path)
    shutil.copytree(ROOT / "solutions" / "graphs", tmp_path / "solutions" / "graphs")
    build.build(layout)
    path = layout.exercise("graphs/01_mutual_friends")
    pristine = path.read_bytes()
    nb = notebook_file.read(path)
    nb.cells[3].source += "\n# my work"
    path.write_text(notebook_file.dumps(nb), encoding="utf-8")
    mine = path.read_bytes()
    saved = build.reset(layout, "graphs/01_mutual_friends")
    assert path.read_bytes() == pristine and saved.read_bytes() == mine
    assert build.reset(layout, "graphs/01_mutual_friends") is None
