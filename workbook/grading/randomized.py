"""Randomized hidden tests with hypothesis: derandomized, so a grade never changes between runs.

A failure reports hypothesis's shrunk, minimal input ("Failing test case: ...").
"""

from hypothesis import HealthCheck, Phase, settings


def derandomized(max_examples: int = 60):
    """hypothesis settings for a hidden test: fixed examples, no database, no deadline."""
    return settings(
        derandomize=True,
        max_examples=max_examples,
        database=None,
        deadline=None,
        print_blob=False,
        phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],  # no "Explanation"
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
