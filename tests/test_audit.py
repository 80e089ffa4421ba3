"""Every contract clause is pinned by a hidden test and broken by a mutant that test kills.

`workbook audit` grades the reference solution and each mutant (a plausible wrong answer,
tests/mutants/<id>.py) in one kernel per exercise, each in a fresh namespace.
"""

import pytest
from conftest import ROOT, run_workbook

from workbook import contract
from workbook.audit import Audit
from workbook.paths import Layout

LAYOUT = Layout()
EXERCISES = sorted(
    str(p.relative_to(LAYOUT.solutions).with_suffix("")) for p in LAYOUT.solutions.glob("*/*.ipynb")
)


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_every_clause_is_pinned_and_every_mutant_is_killed(exercise_id):
    # the reference solution's own grade is checked by tests/test_exercises_graded.py
    run = run_workbook("audit", "--no-reference", exercise_id, timeout=600)
    assert run.returncode == 0, run.output
    assert "ok: every clause pinned and defended" in run.output


def test_every_exercise_has_a_mutants_module():
    modules = sorted(
        str(p.relative_to(ROOT / "tests" / "mutants").with_suffix(""))
        for p in (ROOT / "tests" / "mutants").glob("*/*.py")
    )
    assert modules == EXERCISES


def audit_of(pinned, mutants, failures) -> Audit:
    clauses = (("ties", "equal counts by id"), ("errors", "negative k raises ValueError"))
    return Audit("graphs/01_x", clauses, pinned, mutants, failures)


def test_audit_names_a_clause_without_a_test_or_a_mutant():
    audit = audit_of(
        {"test_ties": ("ties",)}, [contract.Mutant("m", "ties", "")], {"m": {"test_ties": "x"}}
    )
    assert audit.problems() == [
        "clause 'errors': no hidden test pins it",
        "clause 'errors': no mutant breaks it",
    ]


def test_audit_names_a_mutant_that_only_tests_of_other_clauses_kill():
    pinned = {"test_ties": ("ties",), "test_errors": ("errors",)}
    mutants = [contract.Mutant("slices", "errors", ""), contract.Mutant("order", "ties", "")]
    failures = {"slices": {"test_ties": "x"}, "order": {"test_ties": "x"}}
    assert audit_of(pinned, mutants, failures).problems() == [
        "mutant slices (breaks 'errors') passes every test pinning it",
        "hidden test test_errors fails on no mutant",
    ]


def test_audit_names_a_test_without_clauses_and_an_unknown_clause():
    pinned = {"test_a": (), "test_b": ("tie",), "test_ties": ("ties",), "test_errors": ("errors",)}
    mutants = [contract.Mutant("m", "ties", ""), contract.Mutant("n", "errors", "")]
    failures = {"m": {"test_ties": "x", "test_a": "x", "test_b": "x"}, "n": {"test_errors": "x"}}
    assert audit_of(pinned, mutants, failures).problems() == [
        "hidden test test_a pins no clause: add @pins(...)",
        "hidden test test_b pins unknown clause 'tie'",
    ]


def test_pinned_clauses_are_read_without_running_the_module():
    source = (
        "from workbook.contract import pins\n\n"
        "@pins('ties', 'top_k')\n@other\ndef test_a():\n    pass\n\n"
        "def test_b():\n    pass\n\ndef helper():\n    pass\n"
    )
    assert contract.pinned_clauses(source) == {"test_a": ("ties", "top_k"), "test_b": ()}
