"""Plausible wrong answers to cold_start/02_ranking_metrics."""

MUTANTS = {
    "precision_divides_by_list_length": """
def precision_at_k(recommended, relevant, k):
    _validated(recommended, k)
    top = recommended[:k]
    return sum(item in set(relevant) for item in top) / len(top) if top else 0.0
""",
    "recall_divides_by_k": """
def recall_at_k(recommended, relevant, k):
    _validated(recommended, k)
    return sum(item in set(relevant) for item in recommended[:k]) / k
""",
    "ndcg_exponential_gains_and_no_zero_guard": """
def ndcg_at_k(recommended, gains, k):
    _validated(recommended, k)
    dcg = lambda values: sum((2 ** g - 1) / math.log2(i + 1) for i, g in enumerate(values, start=1))
    return dcg(gains.get(i, 0) for i in recommended[:k]) / dcg(sorted(gains.values(), reverse=True)[:k])
""",
    "ndcg_ideal_from_recommended_items_only": """
def ndcg_at_k(recommended, gains, k):
    _validated(recommended, k)
    dcg = lambda values: sum(g / math.log2(i + 1) for i, g in enumerate(values, start=1))
    ideal = dcg(sorted((gains.get(i, 0) for i in recommended), reverse=True)[:k])
    return dcg(gains.get(i, 0) for i in recommended[:k]) / ideal if ideal else 0.0
""",
    "ndcg_discount_off_by_one": """
def ndcg_at_k(recommended, gains, k):
    _validated(recommended, k)
    dcg = lambda values: sum(g / math.log2(i + 2) for i, g in enumerate(values, start=1))
    ideal = dcg(sorted((g for g in gains.values() if g > 0), reverse=True)[:k])
    return dcg(gains.get(i, 0) for i in recommended[:k]) / ideal if ideal else 0.0
""",
    "ap_divides_by_hits": """
def average_precision(recommended, relevant):
    _validated(recommended)
    hits, total = 0, 0.0
    for i, item in enumerate(recommended, start=1):
        if item in relevant:
            hits += 1
            total += hits / i
    return total / hits if hits else 0.0
""",
    "no_validation_and_ap_consumes_relevant": """
def _validated(recommended, k=None):
    pass


def average_precision(recommended, relevant):
    if not relevant:
        return 0.0
    total_relevant, hits, total = len(relevant), 0, 0.0
    for i, item in enumerate(recommended, start=1):
        if item in relevant:
            relevant.discard(item)
            hits += 1
            total += hits / i
    return total / total_relevant
""",
    "membership_tested_against_a_list": """
def recall_at_k(recommended, relevant, k):
    _validated(recommended, k)
    relevant = list(relevant)
    if not relevant:
        return 0.0
    return sum(item in relevant for item in recommended[:k]) / len(relevant)
""",
}
