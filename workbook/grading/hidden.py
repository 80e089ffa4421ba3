"""Find an exercise's hidden tests and turn each one into a cell for the grading kernel."""

from pathlib import Path

from workbook import markers
from workbook.exercise import hidden_test_names
from workbook.paths import EXERCISE_ID, exercise_id_from_path


class NoHiddenTests(LookupError):
    """A notebook has no hidden-test module, or names an exercise id that cannot be one."""


def notebook_exercise_id(nb, path: Path) -> str:
    """The id a built notebook records, else the one its path implies (`<track>/NN_slug`)."""
    recorded = nb.metadata.get(markers.NOTEBOOK_METADATA_KEY, {}).get("id")
    exercise_id = recorded or exercise_id_from_path(path)
    if not (isinstance(exercise_id, str) and EXERCISE_ID.match(exercise_id)):
        raise NoHiddenTests(
            f"{path}: {exercise_id!r} (the notebook's metadata `workbook.id`, else its folder and "
            "file name) is not an exercise id of the form <track>/NN_slug: lower case, one slash"
        )
    return exercise_id


def hidden_module(exercise_id: str, folder: Path) -> tuple[Path, list[str]]:
    """The hidden-test module's path under `folder` and its test names, in file order."""
    path = folder / f"{exercise_id}.py"
    if not path.exists():
        raise NoHiddenTests(
            f"no hidden tests for exercise {exercise_id!r} (looked for {path}); only notebooks "
            "under exercises/ or solutions/, or copies that keep their metadata, can be graded"
        )
    return path, hidden_test_names(path.read_text(encoding="utf-8"))


def test_cell_source(
    module: Path,
    test_name: str,
    cell_labels: dict[int, str],
    exports: tuple[str, ...] | None = None,
    namespace: str = "globals()",
) -> str:
    """Code for one generated cell that runs one hidden test against the notebook's names."""
    return (
        f"# hidden test {test_name}\n"
        '__import__("workbook.grading.runtime", fromlist=["run"]).run(\n'
        f"    {str(module)!r}, {test_name!r}, {namespace}, {cell_labels!r}, {exports!r}\n)"
    )
