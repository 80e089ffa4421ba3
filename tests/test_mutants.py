"""Every hidden test fails on at least one plausible wrong answer (tests/mutants/<id>.py).

A mutant is a cell appended to the solution notebook that redefines some of its functions
wrongly, the way a candidate might: an off-by-one, a wrong tie-break, a quadratic loop.
"""

import importlib.util
import json

import nbformat
import pytest
from conftest import ROOT, run_workbook

from workbook.exercise import hidden_test_names

MUTANTS = ROOT / "tests" / "mutants"
EXERCISES = sorted(str(p.relative_to(MUTANTS).with_suffix("")) for p in MUTANTS.glob("*/*.py"))


def mutants_of(exercise_id: str) -> dict[str, str]:
    spec = importlib.util.spec_from_file_location("mutants", MUTANTS / f"{exercise_id}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.MUTANTS


def write_mutant(exercise_id: str, name: str, source: str, folder) -> None:
    nb = nbformat.read(ROOT / "solutions" / f"{exercise_id}.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(source))
    nb.metadata["workbook"] = {"id": exercise_id}
    (folder / f"{name}.ipynb").write_text(nbformat.writes(nb), encoding="utf-8")


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_every_hidden_test_fails_on_some_plausible_wrong_answer(exercise_id, tmp_path):
    for name, source in mutants_of(exercise_id).items():
        write_mutant(exercise_id, name, source, tmp_path)
    results = tmp_path / "results.jsonl"
    run_workbook(
        "grade",
        str(tmp_path),
        "--jobs=2",
        "--cell-timeout=30",
        "--notebook-timeout=300",
        f"--results-file={results}",
    )
    records = [json.loads(line) for line in results.read_text().splitlines()]
    caught = {test for r in records for test, outcome in r["tests"].items() if outcome != "passed"}
    hidden = (ROOT / "tests" / "hidden" / f"{exercise_id}.py").read_text(encoding="utf-8")
    survivors = [t for t in hidden_test_names(hidden) if t not in caught]
    assert len(records) == len(mutants_of(exercise_id)), "some mutants were not graded"
    assert not survivors, f"no plausible wrong answer makes these tests fail: {survivors}"


def test_every_exercise_has_mutants():
    solutions = sorted(
        str(p.relative_to(ROOT / "solutions").with_suffix(""))
        for p in (ROOT / "solutions").glob("*/*.ipynb")
    )
    assert solutions == EXERCISES
