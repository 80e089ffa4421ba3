"""`git pull` keeps a learner's answers when upstream changes an exercise (real git repositories)."""

import os
import shutil
import subprocess
import sys

import nbformat
from conftest import ROOT

from workbook import markers, notebook_file

EXERCISE = "exercises/graphs/01_mutual_friends.ipynb"
GIT_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.com",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.com",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


def git(repo, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", "-c", "init.defaultBranch=main", "-c", "pull.rebase=false", *args],
        cwd=repo,
        env=GIT_ENV,
        capture_output=True,
        text=True,
        check=False,
    )


def edit(repo, change) -> None:
    path = repo / EXERCISE
    nb = notebook_file.read(path)
    change(nb)
    path.write_text(notebook_file.dumps(nb), encoding="utf-8")
    git(repo, "commit", "-qam", "edit")


def answer_cell(nb):
    ids = nb.metadata["workbook"]["answer_cells"]
    return next(c for c in nb.cells if c.id in ids)


def repositories(tmp_path):
    upstream, learner = tmp_path / "upstream", tmp_path / "learner"
    (upstream / "exercises" / "graphs").mkdir(parents=True)
    shutil.copy(ROOT / EXERCISE, upstream / EXERCISE)
    shutil.copy(ROOT / ".gitattributes", upstream / ".gitattributes")
    git(upstream, "init", "-q")
    git(upstream, "add", ".")
    git(upstream, "commit", "-qm", "workbook")
    git(tmp_path, "clone", "-q", str(upstream), str(learner))
    driver = f"{sys.executable} -m workbook.cli merge-notebook %O %A %B %P"
    git(learner, "config", "merge.workbook-notebook.driver", driver)
    return upstream, learner


def solve(nb):
    """What a learner's saved notebook looks like: an answer, outputs, execution counts, a note."""
    cell = answer_cell(nb)
    cell.source = cell.source.replace(markers.STUB, "return sorted(mine)  # my answer")
    for count, code in enumerate((c for c in nb.cells if c.cell_type == "code"), start=1):
        code.execution_count = count
        code.outputs = [nbformat.v4.new_output("stream", text=f"ran cell {count}\n")]
    nb.cells.append(nbformat.v4.new_markdown_cell("My notes: remember the tie-break."))


def checks_cell(nb):
    return next(c for c in nb.cells if markers.has_marker(c, markers.CHECKS))


def test_pull_keeps_the_learners_answer_and_takes_upstreams_statement(tmp_path):
    upstream, learner = repositories(tmp_path)
    edit(learner, solve)

    def upstream_change(nb):
        nb.cells[1].source += "\n\nA clarified question."
        checks_cell(nb).source += "\n# one more check"

    edit(upstream, upstream_change)
    pull = git(learner, "pull", "-q", "origin", "main")
    assert pull.returncode == 0, pull.stdout + pull.stderr
    merged = notebook_file.read(learner / EXERCISE)
    nbformat.validate(merged)
    assert merged.cells[1].source.endswith("A clarified question.")
    assert checks_cell(merged).source.endswith("# one more check")
    assert "return sorted(mine)  # my answer" in answer_cell(merged).source
    assert merged.cells[-1].source == "My notes: remember the tie-break."


def test_when_both_change_the_answer_cell_the_learners_version_wins_and_git_says_so(tmp_path):
    upstream, learner = repositories(tmp_path)
    edit(learner, solve)
    new_stub = 'raise NotImplementedError("start from the hints")'
    edit(
        upstream,
        lambda nb: setattr(
            answer_cell(nb), "source", answer_cell(nb).source.replace(markers.STUB, new_stub)
        ),
    )
    pull = git(learner, "pull", "origin", "main")
    assert pull.returncode == 0, pull.stdout + pull.stderr
    assert "kept your answer in cell" in pull.stdout + pull.stderr
    merged = notebook_file.read(learner / EXERCISE)
    assert (
        "# my answer" in answer_cell(merged).source and new_stub not in answer_cell(merged).source
    )


def test_a_malformed_notebook_is_left_to_git_as_a_conflict(tmp_path):
    upstream, learner = repositories(tmp_path)
    (learner / EXERCISE).write_text("{ not json", encoding="utf-8")
    git(learner, "commit", "-qam", "broken")
    edit(upstream, lambda nb: setattr(nb.cells[1], "source", "changed"))
    pull = git(learner, "pull", "origin", "main")
    assert pull.returncode != 0 and "CONFLICT" in pull.stdout + pull.stderr
