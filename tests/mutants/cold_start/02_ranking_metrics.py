"""Plausible wrong answers to cold_start/02_ranking_metrics, each breaking one contract clause."""

GOOD = """
import math
from collections import Counter


def precision_at_k(recommended, relevant, k):
    if k < 1:
        raise ValueError(f"k must be >= 1, got {k}")
    repeated = next((item for item, n in Counter(recommended).items() if n > 1), None)
    if repeated is not None:
        raise ValueError(f"recommended lists {repeated!r} more than once")
    relevant = set(relevant)
    return sum(item in relevant for item in recommended[:k]) / k


def recall_at_k(recommended, relevant, k):
    if k < 1:
        raise ValueError(f"k must be >= 1, got {k}")
    repeated = next((item for item, n in Counter(recommended).items() if n > 1), None)
    if repeated is not None:
        raise ValueError(f"recommended lists {repeated!r} more than once")
    relevant = set(relevant)
    if not relevant:
        return 0.0
    return sum(item in relevant for item in recommended[:k]) / len(relevant)


def ndcg_at_k(recommended, gains, k):
    if k < 1:
        raise ValueError(f"k must be >= 1, got {k}")
    repeated = next((item for item, n in Counter(recommended).items() if n > 1), None)
    if repeated is not None:
        raise ValueError(f"recommended lists {repeated!r} more than once")
    negative = next((item for item, gain in gains.items() if gain < 0), None)
    if negative is not None:
        raise ValueError(f"gain of {negative!r} is negative: {gains[negative]}")

    def dcg(values):
        return sum(g / math.log2(i + 1) for i, g in enumerate(values, start=1))

    ideal = dcg(sorted((g for g in gains.values() if g > 0), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return float(dcg(gains.get(item, 0) for item in recommended[:k]) / ideal)


def average_precision_at_k(recommended, relevant, k):
    if k < 1:
        raise ValueError(f"k must be >= 1, got {k}")
    repeated = next((item for item, n in Counter(recommended).items() if n > 1), None)
    if repeated is not None:
        raise ValueError(f"recommended lists {repeated!r} more than once")
    relevant = set(relevant)
    if not relevant:
        return 0.0
    hits, total = 0, 0.0
    for i, item in enumerate(recommended[:k], start=1):
        if item in relevant:
            hits += 1
            total += hits / i
    return total / min(k, len(relevant))
"""

K_CHECK = """    if k < 1:
        raise ValueError(f"k must be >= 1, got {k}")
"""
REPEAT_CHECK = """    repeated = next((item for item, n in Counter(recommended).items() if n > 1), None)
    if repeated is not None:
        raise ValueError(f"recommended lists {repeated!r} more than once")
"""


def swap(*pairs: tuple[str, str], count: int = 1) -> str:
    """GOOD with `old` replaced by `new` (`count` times, or every time with count=0)."""
    source = GOOD
    for old, new in pairs:
        found = source.count(old)
        if not found or (count and found < count):
            raise ValueError(f"mutant template has {found} of {old!r}")
        source = source.replace(old, new) if count == 0 else source.replace(old, new, count)
    return source


def in_function(name: str, old: str, new: str) -> str:
    """GOOD with `old` replaced by `new` inside the function `name` only."""
    start = GOOD.index(f"def {name}(")
    end = GOOD.find("\ndef ", start + 1)
    end = len(GOOD) if end == -1 else end
    body = GOOD[start:end]
    if old not in body:
        raise ValueError(f"{name} does not contain {old!r}")
    return GOOD[:start] + body.replace(old, new) + GOOD[end:]


MUTANTS = {
    # returns
    "recall_returns_int_zero": (
        "returns",
        in_function("recall_at_k", "        return 0.0", "        return 0"),
    ),
    "ndcg_with_numpy": (
        "returns",
        in_function(
            "ndcg_at_k",
            "    return float(dcg(gains.get(item, 0) for item in recommended[:k]) / ideal)",
            "    import numpy as np\n"
            "    top = np.array([gains.get(item, 0) for item in recommended[:k]], dtype=float)\n"
            "    return np.sum(top / np.log2(np.arange(2, len(top) + 2))) / ideal",
        ),
    ),
    "ap_returns_int_when_nothing_is_hit": (
        "returns",
        in_function(
            "average_precision_at_k",
            "    return total / min(k, len(relevant))",
            "    return total / min(k, len(relevant)) if hits else 0",
        ),
    ),
    # precision
    "precision_divides_by_list_length": (
        "precision",
        in_function(
            "precision_at_k",
            "    return sum(item in relevant for item in recommended[:k]) / k",
            "    top = recommended[:k]\n"
            "    return sum(item in relevant for item in top) / len(top) if top else 0.0",
        ),
    ),
    "precision_counts_hits_after_k": (
        "precision",
        in_function(
            "precision_at_k",
            "    return sum(item in relevant for item in recommended[:k]) / k",
            "    return min(1.0, sum(item in relevant for item in recommended) / k)",
        ),
    ),
    # recall
    "recall_divides_by_k": (
        "recall",
        in_function("recall_at_k", "/ len(relevant)", "/ k"),
    ),
    "recall_divides_by_relevant_items_in_the_list": (
        "recall",
        in_function(
            "recall_at_k",
            "/ len(relevant)",
            "/ max(1, sum(item in relevant for item in recommended))",
        ),
    ),
    # relevant_as_set
    "recall_counts_repeated_relevant_items": (
        "relevant_as_set",
        in_function(
            "recall_at_k",
            "    relevant = set(relevant)\n    if not relevant:\n        return 0.0\n"
            "    return sum(item in relevant for item in recommended[:k]) / len(relevant)",
            "    if not relevant:\n        return 0.0\n"
            "    return sum(item in set(relevant) for item in recommended[:k]) / len(relevant)",
        ),
    ),
    "ap_counts_repeated_relevant_items": (
        "relevant_as_set",
        in_function(
            "average_precision_at_k",
            "    return total / min(k, len(relevant))",
            "    return total / min(k, len(list(relevant_given)))",
        ).replace(
            "def average_precision_at_k(recommended, relevant, k):\n",
            "def average_precision_at_k(recommended, relevant, k):\n    relevant_given = relevant\n",
        ),
    ),
    # ndcg
    "ndcg_exponential_gains": (
        "ndcg",
        swap(("        return sum(g / math.log2", "        return sum((2 ** g - 1) / math.log2")),
    ),
    "ndcg_ideal_from_recommended_items_only": (
        "ndcg",
        swap(
            (
                "    ideal = dcg(sorted((g for g in gains.values() if g > 0), reverse=True)[:k])",
                "    ideal = dcg(sorted((gains.get(i, 0) for i in recommended), reverse=True)[:k])",
            )
        ),
    ),
    "ndcg_discount_off_by_one": (
        "ndcg",
        swap(("g / math.log2(i + 1)", "g / math.log2(i + 2)")),
    ),
    "ndcg_ideal_not_cut_at_k": (
        "ndcg",
        swap(
            (
                "sorted((g for g in gains.values() if g > 0), reverse=True)[:k]",
                "sorted((g for g in gains.values() if g > 0), reverse=True)",
            )
        ),
    ),
    # gains
    "negative_gains_accepted": (
        "gains",
        swap(("if gain < 0), None)", "if False), None)")),
    ),
    "zero_gain_rejected": (
        "gains",
        swap(("if gain < 0), None)", "if gain <= 0), None)")),
    ),
    "only_recommended_gains_checked": (
        "gains",
        swap(
            (
                "(item for item, gain in gains.items() if gain < 0)",
                "(item for item in recommended[:k] if gains.get(item, 0) < 0)",
            )
        ),
    ),
    # average_precision
    "ap_divides_by_all_relevant_items": (
        "average_precision",
        in_function(
            "average_precision_at_k", "total / min(k, len(relevant))", "total / len(relevant)"
        ),
    ),
    "ap_divides_by_hits": (
        "average_precision",
        in_function(
            "average_precision_at_k",
            "total / min(k, len(relevant))",
            "(total / hits if hits else 0.0)",
        ),
    ),
    "ap_ignores_k_in_the_walk": (
        "average_precision",
        in_function(
            "average_precision_at_k",
            "enumerate(recommended[:k], start=1)",
            "enumerate(recommended, start=1)",
        ),
    ),
    # nothing_relevant
    "ndcg_divides_by_a_zero_ideal": (
        "nothing_relevant",
        swap(("    if ideal == 0:\n        return 0.0\n", "")),
    ),
    "ap_of_nothing_relevant_is_one_like_ml_metrics": (
        "nothing_relevant",
        in_function(
            "average_precision_at_k",
            "    if not relevant:\n        return 0.0",
            "    if not relevant:\n        return 1.0",
        ),
    ),
    # tolerance
    "rounded_to_four_decimals": (
        "tolerance",
        swap(
            (
                "    return sum(item in relevant for item in recommended[:k]) / k",
                "    return round(sum(item in relevant for item in recommended[:k]) / k, 4)",
            ),
            (
                "    return sum(item in relevant for item in recommended[:k]) / len(relevant)",
                "    return round(sum(item in relevant for item in recommended[:k]) / len(relevant), 4)",
            ),
            (
                "    return total / min(k, len(relevant))",
                "    return round(total / min(k, len(relevant)), 4)",
            ),
            (
                "    return float(dcg(gains.get(item, 0) for item in recommended[:k]) / ideal)",
                "    return round(dcg(gains.get(item, 0) for item in recommended[:k]) / ideal, 4)",
            ),
        ),
    ),
    # errors
    "no_validation": ("errors", swap((K_CHECK, ""), (REPEAT_CHECK, ""), count=0)),
    "k_zero_accepted": (
        "errors",
        swap(("    if k < 1:\n", "    if k < 0:\n"), count=0),
    ),
    "repeat_message_without_the_item": (
        "errors",
        swap(
            (
                'raise ValueError(f"recommended lists {repeated!r} more than once")',
                'raise ValueError("recommended has duplicates")',
            ),
            count=0,
        ),
    ),
    "k_message_without_the_value": (
        "errors",
        swap(
            (
                'raise ValueError(f"k must be >= 1, got {k}")',
                'raise ValueError("k must be positive")',
            ),
            count=0,
        ),
    ),
    "repeats_checked_before_k": (
        "errors",
        swap((K_CHECK + REPEAT_CHECK, REPEAT_CHECK + K_CHECK), count=0),
    ),
    "empty_list_returns_before_validation": (
        "errors",
        swap((K_CHECK, "    if not recommended:\n        return 0.0\n" + K_CHECK), count=0),
    ),
    "gains_checked_before_repeats": (
        "errors",
        in_function(
            "ndcg_at_k",
            REPEAT_CHECK
            + """    negative = next((item for item, gain in gains.items() if gain < 0), None)
    if negative is not None:
        raise ValueError(f"gain of {negative!r} is negative: {gains[negative]}")
""",
            """    negative = next((item for item, gain in gains.items() if gain < 0), None)
    if negative is not None:
        raise ValueError(f"gain of {negative!r} is negative: {gains[negative]}")
"""
            + REPEAT_CHECK,
        ),
    ),
    "ndcg_skips_the_repeat_check": ("errors", in_function("ndcg_at_k", REPEAT_CHECK, "")),
    # no_mutation
    "dedupes_the_callers_relevant_list_in_place": (
        "no_mutation",
        swap(
            (
                "    relevant = set(relevant)\n",
                "    if isinstance(relevant, list):\n"
                "        relevant[:] = list(dict.fromkeys(relevant))\n"
                "    relevant = set(relevant)\n",
            ),
            count=0,
        ),
    ),
    "drops_zero_gains_in_place": (
        "no_mutation",
        in_function(
            "ndcg_at_k",
            "    def dcg(values):",
            "    for item in [i for i, g in gains.items() if g == 0]:\n"
            "        del gains[item]\n\n    def dcg(values):",
        ),
    ),
    # stateless
    "ideal_dcg_cached_by_k": (
        "stateless",
        swap(
            ("def ndcg_at_k(", "_IDEAL = {}\n\n\ndef ndcg_at_k("),
            (
                "    ideal = dcg(sorted((g for g in gains.values() if g > 0), reverse=True)[:k])",
                "    if k not in _IDEAL:\n"
                "        _IDEAL[k] = dcg(sorted((g for g in gains.values() if g > 0), reverse=True)[:k])\n"
                "    ideal = _IDEAL[k]",
            ),
        ),
    ),
    "relevant_set_cached_across_calls": (
        "stateless",
        in_function(
            "recall_at_k",
            "    relevant = set(relevant)\n",
            "    global _RELEVANT\n"
            "    if '_RELEVANT' not in globals():\n"
            "        _RELEVANT = set(relevant)\n"
            "    relevant = _RELEVANT\n",
        ),
    ),
    # scale
    "membership_tested_against_the_list": (
        "scale_n",
        swap(
            ("    relevant = set(relevant)\n", "    relevant = list(dict.fromkeys(relevant))\n"),
            count=0,
        ),
    ),
    "repeats_found_with_list_count": (
        "scale_n",
        swap(
            (
                "next((item for item, n in Counter(recommended).items() if n > 1), None)",
                "next((item for item in recommended if recommended.count(item) > 1), None)",
            ),
            count=0,
        ),
    ),
    "ap_recomputes_precision_at_every_hit": (
        "scale_k",
        in_function(
            "average_precision_at_k",
            "            hits += 1\n            total += hits / i\n",
            "            total += precision_at_k(recommended, relevant, i)\n",
        ),
    ),
    "ideal_by_picking_the_largest_gain_k_times": (
        "scale_gains",
        swap(
            (
                "    ideal = dcg(sorted((g for g in gains.values() if g > 0), reverse=True)[:k])",
                "    remaining = [g for g in gains.values() if g > 0]\n"
                "    best = []\n"
                "    while remaining and len(best) < k:\n"
                "        top = max(remaining)\n"
                "        remaining.remove(top)\n"
                "        best.append(top)\n"
                "    ideal = dcg(best)",
            )
        ),
    ),
}
