"""An exercise's contract: named clauses that hidden tests pin and mutants break.

The clauses live once, in the solution's front matter (`[contract]`). A hidden test names the
clauses it pins with `@pins("ties", ...)`; a mutant names the one clause it breaks. `audit`
joins the three. This module stays light: the grading kernel imports `pins`.
"""

import ast
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


def pins(*clauses: str) -> Callable:
    """Mark a hidden test with the contract clauses it checks."""

    def mark(test: Callable) -> Callable:
        test.clauses = clauses
        return test

    return mark


def pinned_clauses(source: str) -> dict[str, tuple[str, ...]]:
    """Each top-level test function of a hidden-test module and the clauses its @pins names."""
    pinned = {}
    for node in ast.parse(source).body:
        if not (isinstance(node, ast.FunctionDef) and node.name.startswith("test_")):
            continue
        clauses: tuple[str, ...] = ()
        for decorator in node.decorator_list:
            if isinstance(decorator, ast.Call) and getattr(decorator.func, "id", "") == "pins":
                clauses += tuple(arg.value for arg in decorator.args)
        pinned[node.name] = clauses
    return pinned


@dataclass(frozen=True)
class Mutant:
    """A plausible wrong answer: source that redefines names, and the one clause it breaks."""

    name: str
    clause: str
    source: str


def load_mutants(path: Path) -> list[Mutant]:
    """The mutants of one exercise: `MUTANTS = {name: (clause, source)}` in `path`."""
    spec = importlib.util.spec_from_file_location(f"mutants_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    found = []
    for name, entry in module.MUTANTS.items():
        if not (isinstance(entry, tuple) and len(entry) == 2):
            raise ValueError(f"{path}: mutant {name!r} must be (clause, source)")
        found.append(Mutant(name, *entry))
    return found


def markdown(clauses: tuple[tuple[str, str], ...]) -> str:
    """The contract as the learner sees it: one row per named clause."""
    rows = "\n".join(f"| `{name}` | {table_cell(text)} |" for name, text in clauses)
    return (
        "## Contract\n\n"
        "The hidden tests check each clause below by name; a failing test says which.\n\n"
        f"| clause | what your code must do |\n|---|---|\n{rows}"
    )


def table_cell(text: str) -> str:
    """Text safe inside a markdown table cell: a bare | ends the cell, even in a code span."""
    return text.replace("|", r"\|")


def swap(template: str, *pairs: tuple[str, str]) -> str:
    """`template` with each `old` replaced by `new`: how mutants edit the reference's source.

    Fails loudly when an `old` is missing, so a mutant never silently equals the reference."""
    for old, new in pairs:
        if old not in template:
            raise ValueError(f"mutant template does not contain {old!r}")
        template = template.replace(old, new)
    return template
