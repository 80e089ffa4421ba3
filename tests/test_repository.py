"""Invariants of the checkout: generated files are fresh and every exercise is complete."""

import yaml

from workbook import build, catalog, markers, metadata, notebook_file
from workbook.exercise import hidden_test_names
from workbook.paths import Layout, exercise_id_from_path

LAYOUT = Layout()
# A fundamentals sheet and a story bank have no input size a learner could iterate over.
WITHOUT_SIZES = ("phone screen fundamentals", "values")
SOLUTIONS = sorted(LAYOUT.solutions.glob("*/*.ipynb"))


def ids(paths, base):
    return sorted(str(p.relative_to(base).with_suffix("")) for p in paths)


def test_exercises_folder_matches_a_fresh_build():
    expected = build.expected_exercises(LAYOUT)
    stale = [
        str(p)
        for p, text in expected.items()
        if not p.exists() or p.read_text(encoding="utf-8") != text
    ]
    extra = set(LAYOUT.exercises.glob("*/*.ipynb")) - set(expected)
    assert not stale and not extra, (
        f"run `workbook build`: stale {stale}, without a solution {extra}"
    )


def test_building_twice_gives_identical_bytes():
    assert build.expected_exercises(LAYOUT) == build.expected_exercises(LAYOUT)


def test_readme_index_matches_the_metadata():
    readme = catalog.readme_path(LAYOUT).read_text(encoding="utf-8")
    fresh = catalog.with_index(readme, catalog.index_markdown(catalog.exercises(LAYOUT)))
    assert readme == fresh, "README's exercise index is stale: run `workbook build`"


def test_every_solution_has_a_hidden_test_module_and_every_module_a_solution():
    modules = ids(LAYOUT.hidden_tests.glob("*/*.py"), LAYOUT.hidden_tests)
    assert ids(SOLUTIONS, LAYOUT.solutions) == modules


def test_every_exercise_has_valid_metadata():
    assert len(catalog.exercises(LAYOUT)) == len(SOLUTIONS) >= 8


def test_every_track_has_at_least_two_exercises():
    tracks = [path.parent.name for path in SOLUTIONS]
    for track in ("cold_start", "graphs", "audio_buffering", "event_streams"):
        assert tracks.count(track) >= 2, track


def test_every_exercise_meets_the_structural_standard():
    for path in SOLUTIONS:
        cells, exercise_id = notebook_file.read(path).cells, exercise_id_from_path(path)
        hidden = hidden_test_names(
            LAYOUT.hidden_test_module(exercise_id).read_text(encoding="utf-8")
        )
        checks = [c for c in cells if markers.has_marker(c, markers.CHECKS)]
        hints = [c for c in cells if markers.has_marker(c, markers.HINT)]
        discussion = [c for c in cells if markers.has_marker(c, markers.SOLUTION_ONLY_MARKDOWN)]
        assert len(hidden) >= 8, f"{exercise_id}: {len(hidden)} hidden tests, need 8"
        if catalog.exercise(LAYOUT, exercise_id).round not in WITHOUT_SIZES:
            assert any("scale" in name for name in hidden), f"{exercise_id}: no scale test"
        assert checks, f"{exercise_id}: needs a {markers.CHECKS} cell (one per part)"
        assert 2 <= len(hints) <= 3, f"{exercise_id}: {len(hints)} hints, need 2-3"
        assert discussion and "Follow-ups" in "".join(c.source for c in discussion), exercise_id
        assert any(markers.SOLUTION_BEGIN in c.source for c in cells), exercise_id
        assert f'exercise("{exercise_id}")' in "".join(c.source for c in cells), (
            f"{exercise_id}: the notebook must call exercise({exercise_id!r}) with its own id"
        )


def test_no_solution_leaks_into_an_exercise():
    for path in LAYOUT.exercises.glob("*/*.ipynb"):
        text = path.read_text(encoding="utf-8")
        assert markers.SOLUTION_BEGIN not in text and markers.SOLUTION_ONLY_MARKDOWN not in text, (
            path
        )


def test_metadata_vocabulary_covers_every_band_and_round_used():
    for meta in catalog.exercises(LAYOUT):
        assert set(meta.bands) <= set(metadata.BANDS) and meta.round in metadata.ROUNDS


def test_environment_yml_pins_python_and_adds_no_dependency_of_its_own():
    env = yaml.safe_load((LAYOUT.root / "environment.yml").read_text())
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert env["name"] and any(d.startswith("python=3.1") for d in conda)
    assert sorted(d.split("=")[0] for d in conda) == ["pip", "python"]
    assert pip == ["-e .[dev]"], "environment.yml must install the package, not list dependencies"
