"""Grading speed, measured side by side in one run (this machine is noisy; compare ratios).

Prints median wall times of interleaved runs:
- `workbook grade` versus bare `pytest --nbval-lax` on the same notebook (target ratio <= 1.25),
- one exercise graded (target <= 2 s), one solution graded (its scale tests included),
- every notebook graded in parallel, and the cost of one check() call.
Usage: python benchmarks/grading.py [--runs N] [--suite]  (--suite also times `pytest -n auto`).
"""

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXERCISE = "exercises/graphs/01_mutual_friends.ipynb"
SOLUTION = "solutions/graphs/01_mutual_friends.ipynb"


def wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
    )
    return time.perf_counter() - start


def grade(*paths: str) -> list[str]:
    return [sys.executable, "-m", "workbook.cli", "grade", *paths, "--results-file=none"]


def bare_nbval(path: str) -> list[str]:
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
        path,
    ]


def check_overhead_ms(calls: int = 2_000) -> float:
    from workbook.checking import Case, Tolerance, as_case, run_case

    case = as_case(Case(args=([3, 1, 2],), expected=[1, 2, 3]), 1, "sorted")
    start = time.perf_counter()
    for _ in range(calls):
        run_case(sorted, case, Tolerance())
    return (time.perf_counter() - start) / calls * 1_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--suite", action="store_true", help="also time the whole pytest suite once"
    )
    args = parser.parse_args()
    commands = {
        "workbook grade (exercise)": grade(EXERCISE),
        "pytest --nbval-lax (same exercise)": bare_nbval(EXERCISE),
        "workbook grade (solution, with scale tests)": grade(SOLUTION),
    }
    times = {name: [] for name in commands}
    for _ in range(args.runs):  # interleaved, so drift in machine load hits every command alike
        for name, command in commands.items():
            times[name].append(wall(command))
    median = {name: statistics.median(values) for name, values in times.items()}
    for name, value in median.items():
        print(f"{name:>48}: {value:6.2f} s  (runs: {', '.join(f'{v:.2f}' for v in times[name])})")
    ratio = median["workbook grade (exercise)"] / median["pytest --nbval-lax (same exercise)"]
    print(f"{'ratio workbook grade / bare nbval':>48}: {ratio:6.2f}   (target <= 1.25)")
    everything = wall(grade("solutions", "exercises", "--jobs=2"))
    print(f"{'all 16 notebooks graded, --jobs=2':>48}: {everything:6.2f} s")
    print(f"{'check() overhead per case':>48}: {check_overhead_ms():6.3f} ms")
    if args.suite:
        suite = wall([sys.executable, "-m", "pytest", "-n", "auto", "--dist", "loadfile", "-q"])
        print(f"{'whole test suite (pytest -n auto)':>48}: {suite:6.1f} s")


if __name__ == "__main__":
    main()
