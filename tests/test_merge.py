"""`git pull` keeps every line a learner wrote when upstream changes an exercise (real git).

Each scenario: a learner's clone with the merge driver registered, one learner commit, one
upstream commit, `git pull`. The learner's code must survive, and where the learner's answer
passed the hidden tests before the pull it must pass them after.
"""

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass

import nbformat
import pytest
from conftest import ROOT, run_workbook

from workbook import markers, notebook_file
from workbook.merge import CONFLICT_MARKER

EXERCISE = "exercises/graphs/01_mutual_friends.ipynb"
GIT_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.com",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.com",
    "GIT_CONFIG_GLOBAL": os.devnull,
}
ANSWER = """    if k < 0:
        raise ValueError(f"k must be >= 0, got {k}")
    direct = set(friends.get(user, ())) - {user}
    mutual = Counter(
        c for f in direct for c in set(friends.get(f, ())) if c != user and c not in direct
    )
    return sorted(mutual.items(), key=lambda kv: (-kv[1], kv[0]))[:k]  # my answer"""
MINE = "# my answer"


def git(repo, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", "-c", "init.defaultBranch=main", "-c", "pull.rebase=false", *args],
        cwd=repo,
        env=GIT_ENV,
        capture_output=True,
        text=True,
        check=False,
    )


def edit(repo, change: Callable) -> None:
    path = repo / EXERCISE
    nb = notebook_file.read(path)
    change(nb)
    path.write_text(notebook_file.dumps(nb), encoding="utf-8")
    git(repo, "commit", "-qam", "edit")


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


def cell(nb, start: str):
    return next(c for c in nb.cells if c.source.startswith(start))


def stub_cell(nb):
    return next(c for c in nb.cells if markers.STUB in c.source)


def code(source: str):
    return nbformat.v4.new_code_cell(source)


# What learners do.
def answer_in_stub(nb):
    stub = stub_cell(nb)
    stub.source = stub.source.replace(f"    {markers.STUB}", ANSWER)


def answer_in_new_cell(nb, delete_stub=False):
    stub = stub_cell(nb)
    mine = code(stub.source.replace(f"    {markers.STUB}", ANSWER))
    nb.cells.insert(nb.cells.index(stub) + 1, mine)
    if delete_stub:
        nb.cells.remove(stub)


def answer_with_helper_cells(nb):
    answer_in_stub(nb)
    index = nb.cells.index(stub_cell_or_answer(nb))
    nb.cells.insert(
        index, code(f"def helper_rank(items):  {MINE} helper\n    return sorted(items)")
    )
    nb.cells.append(nbformat.v4.new_markdown_cell("My notes: ties by id."))


def stub_cell_or_answer(nb):
    return next(c for c in nb.cells if "def suggest_friends" in c.source)


def run_every_cell(nb):
    for count, c in enumerate((c for c in nb.cells if c.cell_type == "code"), 1):
        c.execution_count = count
        c.outputs = [nbformat.v4.new_output("stream", text=f"ran {count}\n")]


def rename_the_function(nb):
    stub = stub_cell(nb)
    stub.source = stub.source.replace("def suggest_friends(", "def suggest(").replace(
        f"    {markers.STUB}", ANSWER
    )


def edit_the_setup_cell(nb):
    answer_in_stub(nb)
    setup = cell(nb, "from collections import Counter")
    setup.source += f"\nimport heapq  {MINE} import"


def note_in_the_try_it_cell(nb):
    answer_in_stub(nb)
    cell(nb, "from collections import defaultdict").source += f"\n{MINE}: try u0001 too"


# What upstream does.
def clarify_the_statement(nb):
    nb.cells[1].source += "\n\nA clarified question."


def change_the_docstring(nb):
    stub = stub_cell(nb)
    stub.source = stub.source.replace('"""Up to k', '"""At most k')


def re_id_the_answer_cell(nb):
    change_the_docstring(nb)
    stub_cell(nb).id = "recreated-answer"


def split_the_answer_cell(nb):
    stub = stub_cell(nb)
    stub.id = "split-definition"
    nb.cells.insert(
        nb.cells.index(stub), code("# the signature's types\nTop = list[tuple[str, int]]")
    )


def add_an_exercise_function(nb):
    stub = stub_cell(nb)
    extra = (
        f'def explain(user: str) -> str:\n    """Why a suggestion was made."""\n    {markers.STUB}'
    )
    nb.cells.insert(nb.cells.index(stub) + 1, code(extra))


def delete_the_try_it_cell(nb):
    nb.cells.remove(cell(nb, "from collections import defaultdict"))


def change_the_stub_line(nb):
    stub = stub_cell(nb)
    stub.source = stub.source.replace(
        markers.STUB, 'raise NotImplementedError("start from the hints")'
    )


def change_the_setup_cell(nb):
    cell(nb, "from collections import Counter").source += "\nimport itertools"


@dataclass(frozen=True)
class Scenario:
    learner: Callable
    upstream: Callable
    passes_after: bool = True  # the learner's answer passed before the pull
    conflict: bool = False


SCENARIOS = {
    "answer in the stub cell, statement clarified": Scenario(answer_in_stub, clarify_the_statement),
    "answer in a new cell, docstring changed": Scenario(answer_in_new_cell, change_the_docstring),
    "stub deleted, answer in a new cell, docstring changed": Scenario(
        lambda nb: answer_in_new_cell(nb, delete_stub=True), change_the_docstring
    ),
    "helper cells added, statement clarified": Scenario(
        answer_with_helper_cells, clarify_the_statement
    ),
    "upstream re-creates the answer cell": Scenario(answer_in_stub, re_id_the_answer_cell),
    "upstream splits the answer cell": Scenario(answer_in_stub, split_the_answer_cell),
    "upstream adds an exercise function": Scenario(answer_in_stub, add_an_exercise_function),
    "upstream deletes a cell the learner edited": Scenario(
        note_in_the_try_it_cell, delete_the_try_it_cell
    ),
    "both edit the answer cell": Scenario(answer_in_stub, change_the_stub_line),
    "learner renamed the function": Scenario(
        rename_the_function, clarify_the_statement, passes_after=False
    ),
    "outputs and execution counts only": Scenario(
        run_every_cell, clarify_the_statement, passes_after=False
    ),
    "both edit the setup cell": Scenario(edit_the_setup_cell, change_the_setup_cell, conflict=True),
}


@pytest.mark.parametrize("name", SCENARIOS)
def test_pull_keeps_every_learner_line(name, tmp_path):
    scenario = SCENARIOS[name]
    upstream, learner = repositories(tmp_path)
    edit(learner, scenario.learner)
    mine = [c.source for c in notebook_file.read(learner / EXERCISE).cells if MINE in c.source]
    edit(upstream, scenario.upstream)
    pull = git(learner, "pull", "origin", "main")
    said = pull.stdout + pull.stderr
    assert (pull.returncode != 0) == scenario.conflict, said
    assert ("CONFLICT" in said) == scenario.conflict, said
    merged = notebook_file.read(learner / EXERCISE)
    nbformat.validate(merged)
    sources = [c.source for c in merged.cells]
    for source in mine:
        assert source in sources, f"lost the learner's cell:\n{source}"
    if scenario.conflict:
        assert any(CONFLICT_MARKER in s for s in sources)
    if scenario.passes_after:
        graded = run_workbook(
            "grade",
            str(learner / EXERCISE),
            "-k",
            "example or ordered or twice",
            f"--results-file={tmp_path / 'results.jsonl'}",
        )
        assert graded.returncode == 0, graded.output


def test_upstream_statement_and_checks_are_taken(tmp_path):
    upstream, learner = repositories(tmp_path)
    edit(learner, answer_in_stub)

    def upstream_change(nb):
        clarify_the_statement(nb)
        cell(nb, markers.CHECKS).source += "\n# one more check"

    edit(upstream, upstream_change)
    assert git(learner, "pull", "-q", "origin", "main").returncode == 0
    merged = notebook_file.read(learner / EXERCISE)
    assert merged.cells[1].source.endswith("A clarified question.")
    assert cell(merged, markers.CHECKS).source.endswith("# one more check")


def test_a_malformed_notebook_is_left_to_git_as_a_conflict(tmp_path):
    upstream, learner = repositories(tmp_path)
    (learner / EXERCISE).write_text("{ not json", encoding="utf-8")
    git(learner, "commit", "-qam", "broken")
    edit(upstream, lambda nb: setattr(nb.cells[1], "source", "changed"))
    pull = git(learner, "pull", "origin", "main")
    assert pull.returncode != 0 and "CONFLICT" in pull.stdout + pull.stderr
