"""`workbook mock`: a seeded pick among unsolved exercises, a timed attempt, elapsed time recorded."""

import json

import pytest
from conftest import run_workbook

from workbook import catalog, notebook_file
from workbook.mock import NoExerciseFits, mock
from workbook.paths import Layout
from workbook.progress import progress, render


@pytest.fixture
def layout(tmp_path):
    (tmp_path / "solutions").symlink_to(Layout().solutions)
    return Layout(tmp_path)


def graph_exercises(layout) -> set[str]:
    return {m.id for m in catalog.exercises(layout) if m.track == "graphs"}


def test_the_same_seed_picks_the_same_exercise_and_filters_apply(layout):
    first, _ = mock(layout, band="Senior Engineer", round="on-site coding", seed=3)
    again, _ = mock(layout, band="Senior Engineer", round="on-site coding", seed=3)
    assert (
        first.id == again.id
        and first.round == "on-site coding"
        and first.fits_band("Senior Engineer")
    )
    picks = {mock(layout, track="graphs", seed=s)[0].id for s in range(60)}
    assert picks == graph_exercises(layout)


def test_solved_exercises_are_not_offered(layout):
    layout.results_file.parent.mkdir(parents=True)
    layout.results_file.write_text(
        json.dumps({"exercise": "graphs/01_mutual_friends", "passed": 13, "total": 13}) + "\n"
    )
    offered = {mock(layout, track="graphs", seed=s)[0].id for s in range(60)}
    assert offered == graph_exercises(layout) - {"graphs/01_mutual_friends"}


def test_no_fit_is_a_clear_error(layout):
    with pytest.raises(NoExerciseFits, match="no unsolved exercise fits"):
        mock(layout, band="Engineer I", round="system design")


def test_attempt_shows_its_budget_and_grading_records_elapsed_time(layout):
    choice, path = mock(layout, track="graphs", minutes=30, seed=1, now=0.0)
    nb = notebook_file.read(path)
    assert "Mock interview: 30 minutes" in nb.cells[0].source
    assert nb.metadata["workbook"]["attempt"] == {"started": 0.0, "minutes": 30}
    run_workbook("grade", str(path), f"--results-file={layout.results_file}")
    record = json.loads(layout.results_file.read_text().splitlines()[-1])
    assert record["exercise"] == choice.id and record["attempt"]["within_budget"] is False
    assert "mock interviews" in render(progress(layout)) and "(over time)" in render(
        progress(layout)
    )
