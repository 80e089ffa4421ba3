"""Where the workbook's folders are, relative to one repository root."""

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
# `<track>/NN_slug`: lower case, one slash, so an id can never climb out of a folder.
EXERCISE_ID = re.compile(r"^(?P<track>[a-z][a-z0-9_]*)/(?P<number>[0-9]{2})_(?P<slug>[a-z0-9_]+)$")


@dataclass(frozen=True)
class Layout:
    """The folders of one workbook checkout."""

    # WORKBOOK_ROOT points the CLI and the grader at another checkout (tests use a copy).
    root: Path = field(
        default_factory=lambda: Path(os.environ.get("WORKBOOK_ROOT") or PACKAGE_ROOT)
    )

    @property
    def solutions(self) -> Path:
        return self.root / "solutions"

    @property
    def exercises(self) -> Path:
        return self.root / "exercises"

    @property
    def notebooks(self) -> Path:
        return self.root / "notebooks"

    @property
    def hidden_tests(self) -> Path:
        return self.root / "tests" / "hidden"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def results_file(self) -> Path:
        # WORKBOOK_RESULTS_FILE lets tests and CI keep their gradings out of a learner's progress.
        return Path(
            os.environ.get("WORKBOOK_RESULTS_FILE") or self.root / ".workbook" / "results.jsonl"
        )

    def solution(self, exercise_id: str) -> Path:
        return self.solutions / f"{exercise_id}.ipynb"

    def exercise(self, exercise_id: str) -> Path:
        return self.exercises / f"{exercise_id}.ipynb"

    def hidden_test_module(self, exercise_id: str) -> Path:
        return self.hidden_tests / f"{exercise_id}.py"

    def mutants_module(self, exercise_id: str) -> Path:
        return self.root / "tests" / "mutants" / f"{exercise_id}.py"


def exercise_id_from_path(path: Path) -> str:
    """`<track>/NN_slug` from a notebook path such as solutions/graphs/01_x.ipynb."""
    return f"{path.parent.name}/{path.stem}"
