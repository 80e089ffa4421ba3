"""Grading speed, measured side by side in one run (this machine is noisy; compare ratios).

Prints:
- `workbook grade` of a solved exercise versus bare `pytest --nbval-lax` doing the same work
  (the solution notebook with the hidden tests appended as cells): the median of interleaved
  pairs and their ratio (target <= 1.10);
- the cost of one check() case;
- with --suite: the whole test suite, its seconds per exercise, and a projection to 50
  exercises on this machine's cores (goal: under 20 minutes).
Usage: python benchmarks/grading.py [--runs N] [--exercise ID] [--suite]
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbook import notebook_file  # noqa: E402
from workbook.exercise import hidden_test_names  # noqa: E402

PER_EXERCISE_TESTS = ("test_audit.py", "test_exercises_graded.py", "test_notebooks_run.py")


def wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
    )
    return time.perf_counter() - start


def same_work_notebooks(exercise_id: str, folder: Path) -> tuple[Path, Path]:
    """The solution as graded, and the solution with its hidden tests appended as cells."""
    solution = notebook_file.read(ROOT / "solutions" / f"{exercise_id}.ipynb")
    solution.metadata["workbook"] = {"id": exercise_id}
    graded = folder / "graded.ipynb"
    graded.write_text(notebook_file.dumps(solution), encoding="utf-8")
    hidden = (ROOT / "tests" / "hidden" / f"{exercise_id}.py").read_text(encoding="utf-8")
    solution.cells.append(nbformat.v4.new_code_cell(hidden))
    solution.cells += [nbformat.v4.new_code_cell(f"{t}()") for t in hidden_test_names(hidden)]
    bare = folder / "bare.ipynb"
    bare.write_text(notebook_file.dumps(solution), encoding="utf-8")
    return graded, bare


def grade(path: Path) -> list[str]:
    return [sys.executable, "-m", "workbook.cli", "grade", str(path), "--results-file=none"]


def bare_nbval(path: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "pytest",
        "--nbval-lax",
        "--nbval-current-env",
        "-q",
        "-p",
        "no:cacheprovider",
        "-o",
        "addopts=",
        str(path),
    ]


def check_overhead_ms(calls: int = 2_000) -> float:
    from workbook.checking import Case, Tolerance, as_case, run_case

    case = as_case(Case(args=([3, 1, 2],), expected=[1, 2, 3]), 1, "sorted")
    start = time.perf_counter()
    for _ in range(calls):
        run_case(sorted, case, Tolerance())
    return (time.perf_counter() - start) / calls * 1_000


def grading_ratio(exercise_id: str, runs: int) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        graded, bare = same_work_notebooks(exercise_id, Path(scratch))
        pairs = [(wall(grade(graded)), wall(bare_nbval(bare))) for _ in range(runs)]
    ours, theirs = (statistics.median(side) for side in zip(*pairs, strict=True))
    ratios = [a / b for a, b in pairs]
    print(f"exercise {exercise_id}, {runs} interleaved pairs")
    print(f"  workbook grade (solution):           {ours:6.2f} s median")
    print(f"  pytest --nbval-lax (same work):      {theirs:6.2f} s median")
    print(
        f"  ratio (median of pair ratios):       {statistics.median(ratios):6.2f}"
        f"   (pairs: {', '.join(f'{r:.2f}' for r in ratios)}; target <= 1.10)"
    )


def suite_projection(target_exercises: int = 50) -> None:
    exercises = len(list((ROOT / "solutions").glob("*/*.ipynb")))
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as scratch:
        junit = Path(scratch) / "suite.xml"
        suite = [sys.executable, "-m", "pytest", "-n", "auto", "--dist", "loadfile", "-q"]
        total = wall([*suite, f"--junitxml={junit}"])
        cases = ET.parse(junit).getroot().iter("testcase")
        times = [(c.get("file") or c.get("classname", ""), float(c.get("time", 0))) for c in cases]
    per_exercise = sum(
        t for name, t in times if any(p.split(".")[0] in name for p in PER_EXERCISE_TESTS)
    )
    fixed = sum(t for _, t in times) - per_exercise
    each = per_exercise / exercises
    projected = (fixed + each * target_exercises) / cores
    print(
        f"whole suite (pytest -n auto, {cores} cores): {total:6.1f} s wall for {exercises} exercises"
    )
    print(f"  per exercise: {each:5.1f} s of test time; fixed: {fixed:5.1f} s of test time")
    print(
        f"  projected for {target_exercises} exercises: {projected / 60:5.1f} min "
        "(goal: under 20 min)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--exercise", default="graphs/01_mutual_friends")
    parser.add_argument("--suite", action="store_true", help="also time the whole test suite")
    args = parser.parse_args()
    grading_ratio(args.exercise, args.runs)
    print(f"check() overhead per case: {check_overhead_ms():.3f} ms")
    if args.suite:
        suite_projection()


if __name__ == "__main__":
    main()
