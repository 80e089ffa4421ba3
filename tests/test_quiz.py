"""The fundamentals sheet, its format checks and the timed drill."""

import json

from workbook import quiz
from workbook.paths import Layout


def test_the_sheet_has_at_least_25_questions_with_unique_ids_and_valid_keys():
    sheet = quiz.questions()
    assert len(sheet) >= 25
    assert len({q.id for q in sheet}) == len(sheet)
    for q in sheet:
        assert q.explanation and q.source, q.id
        assert (q.answer in dict(q.choices)) if q.choices else isinstance(q.answer, int | float)


def test_the_sheet_shown_to_learners_holds_no_answer_or_explanation():
    sheet = quiz.questions()
    shown = quiz.sheet_markdown(sheet)
    assert all(q.prompt in shown for q in sheet)
    assert not any(q.explanation in shown for q in sheet)


def test_format_problems_name_missing_malformed_and_unknown_answers():
    sheet = quiz.questions()
    given = {q.id: q.answer for q in sheet} | {"ttl_after_hops": "59", "udp_fit": "A", "x": 1}
    del given["kafka_ordering"]
    assert quiz.format_problems(given, sheet) == [
        "unknown question id 'x'",
        "udp_fit: 'A' is not one of a, b, c, d",
        "ttl_after_hops: a number (int or float) is expected, got '59'",
        "kafka_ordering: not answered",
    ]
    assert quiz.format_problems([], sheet) == ["answers() must return a dict, got list"]


def test_a_bool_is_not_a_number_answer_and_floats_match_within_tolerance():
    ttl = next(q for q in quiz.questions() if q.id == "consistent_hashing_move")
    assert ttl.is_correct(0.1) and ttl.is_correct(1 / 10) and not ttl.is_correct(True)


def test_a_drill_asks_a_seeded_dozen_and_records_score_and_time(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBOOK_RESULTS_FILE", str(tmp_path / "results.jsonl"))
    monkeypatch.delenv("WORKBOOK_GRADING", raising=False)
    ticks = iter([1000.0, 1000.0 + 13 * 60, 1000.0 + 13 * 60])
    drill = quiz.Drill(n=12, minutes=12, seed=4, clock=lambda: next(ticks))
    assert [q.id for q in drill.items] == [q.id for q in quiz.Drill(n=12, seed=4).items]
    first, second = drill.items[:2]
    result = drill.score({first.id: first.answer, second.id: "z"})
    assert (result.right, result.asked) == (1, 12)
    assert "over the 12-minute budget" in result._repr_markdown_()
    assert second.explanation in result._repr_markdown_()
    record = json.loads(Layout().results_file.read_text().splitlines()[-1])
    assert record["kind"] == "drill" and record["passed"] == 1 and record["elapsed_minutes"] == 13
