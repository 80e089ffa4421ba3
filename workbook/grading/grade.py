"""`workbook grade`: run the grading plugin over notebooks and folders."""

import importlib.util
from pathlib import Path

import pytest


def notebooks_under(paths: list[str]) -> list[str]:
    """Notebook files named directly or found in the given folders (checkpoints excluded)."""
    found = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found += sorted(
                str(p) for p in path.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts
            )
        else:
            found.append(str(path))
    return found


def grade(
    paths: list[str],
    cell_timeout: float,
    notebook_timeout: float,
    junitxml: str | None,
    results_file: str | None,
    jobs: int,
    select: str | None,
    verbose: bool,
    hidden_tests: str | None = None,
) -> int:
    """Grade notebooks; the exit status is non-zero when any hidden test fails."""
    notebooks = notebooks_under(paths)
    missing = [n for n in notebooks if not Path(n).exists()]
    if missing or not notebooks:
        print("workbook grade: no such notebook: " + (", ".join(missing) or " ".join(paths)))
        return 4
    args = [
        *notebooks,
        "--grade",
        "-p",
        "no:cacheprovider",
        "--color=no",
        f"--cell-timeout={cell_timeout}",
        f"--notebook-timeout={notebook_timeout}",
        "-o",
        "addopts=",
        "-p",
        "workbook.fastimport",
        "-W",
        "ignore::pytest.PytestAssertRewriteWarning",
    ]
    args += (
        ["-v", "--tb=long"]
        if verbose
        else ["-q", "--tb=no", "--no-header", "-p", "no:warnings", "-rN"]
    )
    if junitxml:
        args.append(f"--junitxml={junitxml}")
    if results_file:
        args.append(f"--results-file={results_file}")
    if hidden_tests:
        args.append(f"--hidden-tests={hidden_tests}")
    if select:
        args += ["-k", select]
    if jobs > 1 and len(notebooks) > 1:
        if importlib.util.find_spec("xdist") is None:
            print("workbook grade: --jobs needs pytest-xdist (pip install -e '.[dev]')")
            return 4
        args += ["-n", str(min(jobs, len(notebooks))), "--dist", "loadfile"]
    return int(pytest.main(args))
