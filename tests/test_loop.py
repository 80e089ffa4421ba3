"""`workbook mock --loop`, `workbook scorecard` and `workbook plan`."""

import json

import pytest
from conftest import run_workbook

from workbook import loop, markers, notebook_file
from workbook.paths import Layout
from workbook.plan import render, study_plan
from workbook.scorecard import completed_loops, latest_loop, scorecard


@pytest.fixture
def layout(tmp_path, monkeypatch):
    (tmp_path / "solutions").symlink_to(Layout().solutions)
    monkeypatch.setenv("WORKBOOK_RESULTS_FILE", str(tmp_path / "results.jsonl"))
    return Layout(tmp_path)


def rounds_of(folder):
    return json.loads((folder / loop.PLAN_FILE).read_text())["rounds"]


def answer_with_the_solution(layout, attempt):
    """Put the reference solution's answer cells into an attempt notebook (same cell ids)."""
    exercise_id = notebook_file.read(attempt).metadata["workbook"]["id"]
    solution = {c.id: c.source for c in notebook_file.read(layout.solution(exercise_id)).cells}
    nb = notebook_file.read(attempt)
    for cell in nb.cells:
        if markers.SOLUTION_BEGIN in solution.get(cell.id, ""):
            cell.source = solution[cell.id]
    attempt.write_text(notebook_file.dumps(nb), encoding="utf-8")


def test_a_backend_loop_has_the_screen_a_take_home_and_four_on_site_rounds(layout):
    folder = loop.start_loop(layout, "backend", "Senior Engineer", seed=1, now=0.0)
    plan = rounds_of(folder)
    assert [(r["stage"], r["round"]) for r in plan] == [
        (stage, kind) for stage, kind, count in loop.ROUNDS["backend"] for _ in range(count)
    ]
    assert plan[3]["exercise"] in loop.TAKE_HOMES["backend"]
    assert all((folder / r["notebook"]).exists() for r in plan)
    first = notebook_file.read(folder / plan[0]["notebook"])
    assert "Mock loop, round 1 of 8" in first.cells[0].source
    assert first.metadata["workbook"]["attempt"] == {"started": 0.0, "minutes": plan[0]["minutes"]}


def test_an_ml_loop_adds_two_ml_rounds_and_the_same_seed_picks_the_same_rounds(layout):
    first = rounds_of(loop.start_loop(layout, "ml", "Senior Engineer", seed=5, now=0.0))
    again = rounds_of(loop.start_loop(layout, "ml", "Senior Engineer", seed=5, now=60.0))
    assert [r["exercise"] for r in first] == [r["exercise"] for r in again]
    assert [r["round"] for r in first].count("data/ML") == 2
    assert len({r["exercise"] for r in first}) == len(first)


def test_a_band_without_a_fitting_exercise_gets_the_nearest_one(layout):
    plan = rounds_of(loop.start_loop(layout, "backend", "Engineer I", seed=2, now=0.0))
    design = next(r for r in plan if r["round"] == "system design")
    assert design["exercise"]  # design exercises start at Senior: the nearest band is chosen


def test_design_and_values_rounds_end_with_a_self_assessment_that_the_scorecard_reads(layout):
    folder = loop.start_loop(layout, "data", "Senior Engineer", seed=3, now=0.0)
    values = folder / next(r["notebook"] for r in rounds_of(folder) if r["round"] == "values")
    assert loop.self_assessment(values) is None
    nb = notebook_file.read(values)
    nb.cells[-1].source = "self_assessment = 3  # 1, 2, 3 or 4"
    values.write_text(notebook_file.dumps(nb), encoding="utf-8")
    assert loop.self_assessment(values) == 3


def test_a_loop_run_end_to_end_scores_solved_and_unsolved_rounds(layout):
    folder = loop.start_loop(layout, "backend", "Senior Engineer", seed=1, now=0.0)
    plan = rounds_of(folder)
    fundamentals, case = folder / plan[0]["notebook"], folder / plan[6]["notebook"]
    answer_with_the_solution(layout, fundamentals)
    for attempt in (fundamentals, case):
        run_workbook("grade", str(attempt), f"--results-file={layout.results_file}")
    card = scorecard(layout, folder)
    verdicts = [s.verdict("Senior Engineer") for s in card.rounds]
    assert verdicts[0].startswith("meets the bar")
    assert verdicts[6].startswith("below the bar: 0% of tests")
    assert verdicts.count("not graded yet") == 6
    assert "1 of 8 rounds meet the Senior Engineer bar" in card.summary()
    assert "Below the bar: case" in card.summary()
    assert card.frame().loc[0, "tests passed"] == card.frame().loc[0, "tests"] == 10
    assert latest_loop(layout) == folder and completed_loops(layout) == 0


def test_scorecard_without_a_loop_says_how_to_start_one(tmp_path):
    run = run_workbook("scorecard", cwd=tmp_path)
    assert run.returncode == 2 and "workbook mock --loop" in run.output


def test_a_14_day_plan_starts_with_warm_ups_covers_every_round_and_ends_with_mock_loops(layout):
    days, rest = study_plan(layout, 14, "Senior Engineer", "backend")
    assert [d.number for d in days if d.mock_loop] == [11, 13]
    planned = [m for d in days for m in d.items]
    assert {m.round for m in planned} == {kind for _, kind, _ in loop.ROUNDS["backend"]}
    difficulties = [m.difficulty for m in planned]
    assert difficulties.index("interview") > max(
        i for i, d in enumerate(difficulties) if d == "warm-up"
    )
    assert all(d.minutes <= 150 or len(d.items) == 1 for d in days)
    assert not {m.id for m in planned + rest} & {"home/01_listening_data_analysis"}


def test_the_plan_ticks_days_whose_exercises_pass(layout):
    days, rest = study_plan(layout, 14, "Senior Engineer", "data")
    first_day = {m.id for m in days[0].items}
    text = render(days, rest, "Senior Engineer", "data", first_day, loops_done=1)
    assert text.splitlines()[2].startswith("[x] Day 1")
    assert "[x] Day 11: mock loop 1" in text and "[ ] Day 13: mock loop 2" in text
    with pytest.raises(ValueError, match="at least 1 day"):
        study_plan(layout, 0, "Senior Engineer", "data")
