"""`workbook audit`: every contract clause is pinned by a hidden test and broken by a mutant it kills.

One kernel per exercise: the solution runs once per subject in a fresh namespace, and each
mutant is graded only by the tests needed to show the map clause -> tests -> killed mutants:
the tests pinning its clause, fastest first, until one kills it.
"""

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from workbook import catalog, contract, markers, notebook_file
from workbook.grading.bounds import grading_environment
from workbook.grading.hidden import test_cell_source
from workbook.grading.kernel import NotebookKernel
from workbook.paths import Layout

SOLUTION = "the reference solution"


@dataclass
class Audit:
    """What one exercise's audit found."""

    exercise_id: str
    clauses: tuple[tuple[str, str], ...]
    pinned: dict[str, tuple[str, ...]]
    mutants: list[contract.Mutant]
    failures: dict[str, dict[str, str]] = field(default_factory=dict)  # subject -> test -> why
    seconds: dict[str, float] = field(default_factory=dict)  # test -> wall time over all subjects

    def tests_pinning(self, clause: str) -> list[str]:
        return [test for test, clauses in self.pinned.items() if clause in clauses]

    def killers(self, mutant: str) -> list[str]:
        return list(self.failures.get(mutant, {}))

    def problems(self) -> list[str]:
        """Every way the contract, the hidden tests and the mutants fail to line up."""
        names = {name for name, _ in self.clauses}
        found = [
            f"hidden test {t} pins no clause: add @pins(...)"
            for t, c in self.pinned.items()
            if not c
        ]
        for test, clauses in self.pinned.items():
            found += [
                f"hidden test {test} pins unknown clause {c!r}" for c in clauses if c not in names
            ]
        for mutant in self.mutants:
            if mutant.clause not in names:
                found.append(f"mutant {mutant.name} breaks unknown clause {mutant.clause!r}")
        for name, _ in self.clauses:
            if not self.tests_pinning(name):
                found.append(f"clause {name!r}: no hidden test pins it")
            if not any(m.clause == name for m in self.mutants):
                found.append(f"clause {name!r}: no mutant breaks it")
        for mutant in self.mutants:
            pinning = set(self.tests_pinning(mutant.clause))
            if pinning and not pinning & set(self.killers(mutant.name)):
                found.append(
                    f"mutant {mutant.name} (breaks {mutant.clause!r}) passes every test pinning it"
                )
        for test, why in self.failures.get(SOLUTION, {}).items():
            found.append(f"the reference solution fails {test}: {why}")
        killed = {t for m in self.mutants for t in self.killers(m.name)}
        found += [f"hidden test {t} fails on no mutant" for t in self.pinned if t not in killed]
        return found

    def report(self) -> str:
        lines = [self.exercise_id]
        for name, text in self.clauses:
            lines.append(f"  {name}: {text}")
            lines.append(f"    tests:   {', '.join(self.tests_pinning(name)) or '(none)'}")
            for mutant in (m for m in self.mutants if m.clause == name):
                killed = sorted(set(self.killers(mutant.name)) & set(self.tests_pinning(name)))
                lines.append(
                    f"    mutant:  {mutant.name} -> killed by {', '.join(killed) or 'NOTHING'}"
                )
        slowest = sorted(self.seconds.items(), key=lambda item: -item[1])[:3]
        lines.append("  slowest: " + ", ".join(f"{t} {s:.1f} s" for t, s in slowest))
        problems = self.problems()
        lines += [f"  PROBLEM {p}" for p in problems] or ["  ok: every clause pinned and defended"]
        return "\n".join(lines)


def plan_cells(solution: Path) -> list[str]:
    """The solution's code cells that define things: no demos (`try_on`), checks or submit cell."""
    skip = (markers.SOLUTION_ONLY_CODE, markers.CHECKS)
    return [
        c.source
        for c in notebook_file.code_cells(notebook_file.read(solution))
        if markers.first_line(c.source) not in skip
        and "submit(" not in c.source
        and ".try_on(" not in c.source
    ]


def audit(
    layout: Layout, exercise_id: str, cell_timeout: float = 60.0, reference: bool = True
) -> Audit:
    """Run the solution (unless `reference` is False: graded elsewhere) and the mutants of one
    exercise against its hidden tests."""
    meta = catalog.exercise(layout, exercise_id)
    hidden = layout.hidden_test_module(exercise_id)
    result = Audit(
        exercise_id,
        meta.contract,
        contract.pinned_clauses(hidden.read_text(encoding="utf-8")),
        contract.load_mutants(layout.mutants_module(exercise_id)),
    )
    os.environ.update(grading_environment())  # the audit kernel sees what a grading kernel sees
    with tempfile.TemporaryDirectory() as scratch:
        plan = Path(scratch) / "plan.json"
        mutants = {m.name: m.source for m in result.mutants}
        plan.write_text(
            json.dumps({"cells": plan_cells(layout.solution(exercise_id)), "mutants": mutants})
        )
        kernel = NotebookKernel(str(layout.solution(exercise_id).parent), cell_timeout, 10**6)
        try:
            _run_subjects(kernel, result, plan, hidden, meta.exports, reference)
        finally:
            kernel.stop()
    return result


def _run_subjects(kernel, result: Audit, plan: Path, hidden: Path, exports, reference) -> None:
    def subject(name: str | None, tests: list[str], first_kill: bool = False) -> dict[str, str]:
        setup = kernel.run(
            "import workbook.grading.sandbox as __sandbox\n"
            f"__ns = __sandbox.namespace({str(plan)!r}, {name!r})"
        )
        if not setup.ok:
            return {t: f"the mutant does not run: {setup.ename}: {setup.evalue}" for t in tests}
        failed = {}
        for test in tests:
            run = kernel.run(test_cell_source(hidden, test, {}, exports, namespace="__ns"))
            result.seconds[test] = result.seconds.get(test, 0.0) + run.seconds
            if run.needs_new_kernel:
                kernel.replace()
                failed[test] = run.evalue
                rest = tests[tests.index(test) + 1 :]
                return failed if first_kill else {**failed, **subject(name, rest)}
            if not run.ok:
                failed[test] = run.evalue.split("\n", 1)[0]
                if first_kill:
                    break
        return failed

    if reference:
        result.failures[SOLUTION] = subject(None, list(result.pinned))
    # a mutant meets the cheapest of its clause's tests first (scale tests last, unmeasured)
    cost = {t: result.seconds.get(t, float("scale" in t)) for t in result.pinned}
    for mutant in result.mutants:
        tests = sorted(result.tests_pinning(mutant.clause), key=lambda t: cost.get(t, 0.0))
        result.failures[mutant.name] = subject(mutant.name, tests, first_kill=True)
    killed = {t for m in result.mutants for t in result.killers(m.name)}
    for test in (t for t in result.pinned if t not in killed):
        own = set(result.pinned[test])  # mutants of the test's own clauses are likeliest to fail it
        for mutant in sorted(result.mutants, key=lambda m: m.clause not in own):
            if subject(mutant.name, [test]):
                result.failures[mutant.name][test] = "killed"
                break
