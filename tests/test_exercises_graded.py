"""Every solution passes all its hidden tests; every untouched exercise fails all as not implemented
(or as failed, where the exercise starts from existing code with a bug in it).

Both run every cell without an error on the way (this is also the check that the solution and
exercise notebooks run clean; tests/test_notebooks_run.py covers the other notebooks).
"""

import json

import pytest
from conftest import ROOT, run_workbook

from workbook import markers
from workbook.exercise import hidden_test_names


def graded(folder: str, tmp_path) -> dict[str, dict]:
    results = tmp_path / "results.jsonl"
    run = run_workbook(
        "grade",
        folder,
        "--jobs=2",
        f"--results-file={results}",
        f"--junitxml={tmp_path / 'junit.xml'}",
        timeout=1800,  # every notebook of a folder, next to the rest of the suite on 2 cores
    )
    assert results.exists(), run.output
    return {r["exercise"]: r for r in map(json.loads, results.read_text().splitlines())}


def expected_tests() -> dict[str, list[str]]:
    """The visible checks' row, then every hidden test, per exercise."""
    hidden = ROOT / "tests" / "hidden"
    return {
        str(p.relative_to(hidden).with_suffix("")): [
            "visible_checks",
            *hidden_test_names(p.read_text(encoding="utf-8")),
        ]
        for p in sorted(hidden.glob("*/*.py"))
    }


def ships_code(exercise_id: str) -> bool:
    """An exercise that starts from existing code (a `### STARTER`): its bug fails, not a stub."""
    return markers.STARTER in (ROOT / "solutions" / f"{exercise_id}.ipynb").read_text("utf-8")


@pytest.mark.parametrize(
    ("folder", "outcome"), [("solutions", "passed"), ("exercises", "not implemented")]
)
def test_every_hidden_test_has_the_expected_outcome(folder, outcome, tmp_path):
    results = graded(str(ROOT / folder), tmp_path)
    for exercise_id, names in expected_tests().items():
        record = results.get(exercise_id, {})
        got = record.get("tests", {})
        assert list(got) == names, f"{folder}/{exercise_id}: graded {list(got)}, expected {names}"
        allowed = {outcome} | (
            {"failed"} if outcome != "passed" and ships_code(exercise_id) else set()
        )
        wrong = {name: o for name, o in got.items() if o not in allowed}
        assert not wrong, f"{folder}/{exercise_id}: expected every test {outcome!r}, got {wrong}"
        assert record["cell_errors"] == [], f"{folder}/{exercise_id}: cells failed"
