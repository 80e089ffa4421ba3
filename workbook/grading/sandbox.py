"""Runs inside an audit kernel: a fresh namespace per subject (the solution or one mutant)."""

import contextlib
import json
from pathlib import Path


def namespace(plan: str, mutant: str | None = None) -> dict:
    """The solution's code cells run in a new module namespace, then one mutant's source."""
    from IPython.core.inputtransformer2 import TransformerManager

    spec = json.loads(Path(plan).read_text(encoding="utf-8"))
    transform = TransformerManager().transform_cell
    ns: dict = {"__name__": "__main__"}
    for number, source in enumerate(spec["cells"], 1):
        # a failing demo cell must not stop the definitions after it
        with contextlib.suppress(Exception):
            exec(compile(transform(source), f"<solution cell {number}>", "exec"), ns)
    if mutant is not None:
        exec(compile(spec["mutants"][mutant], f"<mutant {mutant}>", "exec"), ns)
    return ns
