"""Randomized hidden tests with hypothesis: derandomized, so a grade never changes between runs.

A failure reports hypothesis's shrunk, minimal input ("Failing test case: ...").
"""

from hypothesis import HealthCheck, Phase, settings


def derandomized(max_examples: int = 60, *, shrink: bool = True):
    """hypothesis settings for a hidden test: fixed examples, no database, no deadline.

    `shrink=False` reports the first failing input as generated: for tests where every
    example costs a pipeline run, shrinking would take longer than the test itself."""
    phases = [Phase.explicit, Phase.reuse, Phase.generate] + ([Phase.shrink] if shrink else [])
    return settings(
        derandomize=True,
        max_examples=max_examples,
        database=None,
        deadline=None,
        print_blob=False,
        phases=phases,  # never "Explanation": it reruns the test many times
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
