"""`workbook progress`: status per exercise from checks and gradings in the results file."""

import json

from workbook.paths import Layout
from workbook.progress import progress, render
from workbook.results import record_check


def write(layout: Layout, *records: dict) -> None:
    layout.results_file.parent.mkdir(parents=True, exist_ok=True)
    with layout.results_file.open("a") as out:
        out.writelines(json.dumps(r) + "\n" for r in records)


def layout_with_catalogue(tmp_path) -> Layout:
    layout = Layout(tmp_path)
    (tmp_path / "solutions").symlink_to(Layout().solutions)
    return layout


def test_statuses_follow_checks_and_gradings(tmp_path):
    layout = layout_with_catalogue(tmp_path)
    record_check(layout, "graphs/01_mutual_friends", "passed")
    write(
        layout,
        {"exercise": "graphs/02_degrees_of_separation", "passed": 4, "total": 11, "unix": 1000.0},
        {"exercise": "graphs/02_degrees_of_separation", "passed": 11, "total": 11, "unix": 1600.0},
        {"exercise": "cold_start/01_popular_now", "passed": 0, "total": 13, "unix": 5.0},
    )
    rows = {row.id: row for row in progress(layout)}
    assert rows["graphs/01_mutual_friends"].status == "visible checks pass"
    assert rows["graphs/02_degrees_of_separation"].status == "hidden tests pass"
    assert rows["graphs/02_degrees_of_separation"].attempts == 2
    assert rows["graphs/02_degrees_of_separation"].minutes_spent == 10
    assert rows["cold_start/01_popular_now"].status == "in progress"
    assert rows["audio_buffering/01_ring_buffer"].status == "not started"
    text = render(list(rows.values()))
    assert "11/11" in text and f"1 of {len(rows)} exercises pass every hidden test" in text


def test_a_damaged_results_line_is_skipped(tmp_path):
    layout = layout_with_catalogue(tmp_path)
    layout.results_file.parent.mkdir(parents=True)
    layout.results_file.write_text(
        '{"exercise": "graphs/01_mutual_f\n{"exercise": "graphs/01_mutual_friends", "passed": 1, "total": 13}\n'
    )
    rows = {row.id: row for row in progress(layout)}
    assert rows["graphs/01_mutual_friends"].attempts == 1


def test_only_the_learners_notebooks_count_never_a_graded_solution(tmp_path):
    layout = layout_with_catalogue(tmp_path)
    solved = {"exercise": "graphs/01_mutual_friends", "passed": 13, "total": 13, "unix": 1.0}
    write(
        layout,
        {**solved, "path": str(tmp_path / "solutions" / "graphs" / "01_mutual_friends.ipynb")},
        {**solved, "notebook": "solutions/graphs/01_mutual_friends.ipynb"},
        {
            **solved,
            "exercise": "graphs/02_degrees_of_separation",
            "path": str(tmp_path / "attempts" / "x.ipynb"),
        },
        {
            **solved,
            "exercise": "cold_start/01_popular_now",
            "path": str(layout.exercise("cold_start/01_popular_now")),
        },
    )
    rows = {row.id: row for row in progress(layout)}
    assert rows["graphs/01_mutual_friends"].attempts == 0
    assert rows["graphs/02_degrees_of_separation"].attempts == 1
    assert rows["cold_start/01_popular_now"].attempts == 1
