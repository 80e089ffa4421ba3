"""The catalogue orders exercises for a band and writes a study plan from their metadata."""

from workbook import catalog
from workbook.metadata import Metadata


def meta(exercise_id, difficulty, minutes, bands=("Engineer I", "Senior Engineer")) -> Metadata:
    return Metadata(
        exercise_id, exercise_id, "graphs", difficulty, bands, "on-site coding", minutes, ("x",)
    )


def test_suggested_order_keeps_the_band_and_puts_the_easiest_first():
    items = [
        meta("graphs/03_c", "stretch", 20),
        meta("graphs/02_b", "interview", 40),
        meta("graphs/01_a", "interview", 30),
        meta("graphs/04_d", "warm-up", 60, bands=("Senior Engineer", "Staff Engineer")),
    ]
    assert [m.id for m in catalog.suggested_order(items, "Engineer II")] == [
        "graphs/01_a",
        "graphs/02_b",
        "graphs/03_c",
    ]
    assert catalog.suggested_order(items, "Staff Engineer")[0].id == "graphs/04_d"


def test_study_plan_lists_every_band_and_links_the_exercises():
    plan = catalog.study_plan_markdown([meta("graphs/01_a", "warm-up", 20)])
    assert plan.count("**") == 8  # four bands
    assert "1. [graphs/01_a](../exercises/graphs/01_a.ipynb) · warm-up" in plan
    assert "**Staff Engineer**\n\n(nothing in this track yet)" in plan
