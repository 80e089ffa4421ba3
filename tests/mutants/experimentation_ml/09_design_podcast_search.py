"""Plausible wrong answers to experimentation_ml/09_design_podcast_search, each breaking one clause.

Each mutant redefines one function after the reference's cells have run."""

from workbook.contract import swap

LOSS = """
def in_batch_softmax_loss(similarity, temperature=1.0):
    S = np.asarray(similarity, dtype=float)
    if S.ndim != 2 or S.shape[0] != S.shape[1] or S.shape[0] == 0:
        raise ValueError(f"similarity must be a non-empty square matrix, got shape {S.shape}")
    if not temperature > 0:
        raise ValueError(f"temperature must be > 0, got {temperature}")
    logits = S / temperature
    top = logits.max(axis=1, keepdims=True)
    log_sum = top[:, 0] + np.log(np.exp(logits - top).sum(axis=1))
    return float((log_sum - np.diag(logits)).mean())
"""

RECALL = """
def recall_at_k(results, relevant, k):
    if k < 1:
        raise ValueError(f"k must be >= 1, got {k}")
    if len(results) != len(relevant) or not results:
        raise ValueError(f"{len(results)} result lists for {len(relevant)} queries")
    shares = []
    for found, wanted in zip(results, relevant, strict=True):
        if not wanted:
            raise ValueError(f"a query has no relevant episode: {wanted!r}")
        shares.append(len(set(found[:k]) & set(wanted)) / len(wanted))
    return float(sum(shares) / len(shares))
"""

SEARCH = """
def search_episodes(query_vector, query_terms, episode_vectors, episode_terms, k, min_cosine=0.3):
    norms = np.linalg.norm(episode_vectors, axis=1)
    q_norm = np.linalg.norm(query_vector)
    cosine = np.full(len(episode_vectors), -np.inf)
    has_vector = norms > 0
    if q_norm > 0:
        cosine[has_vector] = (episode_vectors[has_vector] @ query_vector) / (norms[has_vector] * q_norm)
    dense = np.flatnonzero(cosine >= min_cosine)
    chosen = [int(i) for i in dense[np.lexsort((dense, -cosine[dense]))][:k]]
    if len(chosen) < k:
        taken = set(chosen)
        shared = [(len(query_terms & terms), i) for i, terms in enumerate(episode_terms) if i not in taken]
        chosen += [i for n, i in sorted((-n, i) for n, i in shared if n > 0)][: k - len(chosen)]
    return chosen
"""

MEMORY = """
def index_memory_bytes(episodes, dim, links=32, bytes_per_value=4):
    if episodes < 0:
        raise ValueError(f"episodes must be >= 0, got {episodes}")
    for name, value in (("dim", dim), ("links", links), ("bytes_per_value", bytes_per_value)):
        if value < 1:
            raise ValueError(f"{name} must be >= 1, got {value}")
    return int(episodes * (dim * bytes_per_value + links * 4))
"""

REPLICAS = """
def replicas_needed(peak_qps, qps_per_replica, spare=1):
    if peak_qps < 0:
        raise ValueError(f"peak_qps must be >= 0, got {peak_qps}")
    if not qps_per_replica > 0:
        raise ValueError(f"qps_per_replica must be > 0, got {qps_per_replica}")
    if spare < 0:
        raise ValueError(f"spare must be >= 0, got {spare}")
    quotient = peak_qps / qps_per_replica
    nearest = round(quotient)
    if abs(quotient - nearest) <= 1e-9 * max(1.0, quotient):
        return int(nearest) + spare
    return math.ceil(quotient) + spare
"""


MUTANTS = {
    # loss
    "naive_exp": (
        "loss",
        swap(
            LOSS,
            (
                "    log_sum = top[:, 0] + np.log(np.exp(logits - top).sum(axis=1))",
                "    log_sum = np.log(np.exp(logits).sum(axis=1))",
            ),
        ),
    ),
    "temperature_multiplies": (
        "loss",
        swap(LOSS, ("    logits = S / temperature", "    logits = S * temperature")),
    ),
    "column_softmax": (
        "loss",
        swap(
            LOSS,
            (
                "    logits = S / temperature",
                "    logits = (S / temperature).T.copy()\n    logits = logits if S.shape[0] < 0 else logits",
            ),
        ),
    ),
    "sum_not_mean": (
        "loss",
        swap(
            LOSS,
            (
                "return float((log_sum - np.diag(logits)).mean())",
                "return float((log_sum - np.diag(logits)).sum())",
            ),
        ),
    ),
    "negatives_only_in_denominator": (
        "loss",
        swap(
            LOSS,
            (
                "np.exp(logits - top).sum(axis=1)",
                "(np.exp(logits - top).sum(axis=1) - np.exp(np.diag(logits) - top[:, 0]) + 1e-300)",
            ),
        ),
    ),
    # loss_errors
    "rectangles_accepted": ("loss_errors", swap(LOSS, ("S.shape[0] != S.shape[1] or ", ""))),
    "temperature_unchecked": (
        "loss_errors",
        swap(LOSS, ("    if not temperature > 0:", "    if temperature < 0:")),
    ),
    # recall
    "precision_not_recall": ("recall", swap(RECALL, ("/ len(wanted))", "/ k)"))),
    "pooled_over_queries": (
        "recall",
        swap(
            RECALL,
            (
                "    return float(sum(shares) / len(shares))",
                "    hits = sum(len(set(f[:k]) & set(w)) for f, w in zip(results, relevant, strict=True))\n    return float(hits / sum(len(w) for w in relevant))",
            ),
        ),
    ),
    "duplicates_counted": (
        "recall",
        swap(
            RECALL,
            ("len(set(found[:k]) & set(wanted))", "sum(1 for x in found[:k] if x in wanted)"),
        ),
    ),
    "empty_relevant_skipped": (
        "recall",
        swap(
            RECALL,
            (
                '            raise ValueError(f"a query has no relevant episode: {wanted!r}")',
                "            continue",
            ),
        ),
    ),
    # search
    "threshold_exclusive": (
        "search",
        swap(SEARCH, ("cosine >= min_cosine", "cosine > min_cosine")),
    ),
    "dot_product_not_cosine": (
        "search",
        swap(
            SEARCH,
            (
                "(episode_vectors[has_vector] @ query_vector) / (norms[has_vector] * q_norm)",
                "episode_vectors[has_vector] @ query_vector",
            ),
        ),
    ),
    "no_fallback": ("search", swap(SEARCH, ("    if len(chosen) < k:", "    if False:"))),
    "fallback_repeats_dense_hits": (
        "search",
        swap(SEARCH, ("if i not in taken]", "]"), ("[: k - len(chosen)]", "[: k - len(chosen)]")),
    ),
    "fallback_by_index_only": (
        "search",
        swap(
            SEARCH,
            (
                "sorted((-n, i) for n, i in shared if n > 0)",
                "sorted((i, i) for n, i in shared if n > 0)",
            ),
        ),
    ),
    "ties_by_higher_index": (
        "search",
        swap(
            SEARCH, ("np.lexsort((dense, -cosine[dense]))", "np.lexsort((-dense, -cosine[dense]))")
        ),
    ),
    "zero_vectors_match_everything": (
        "search",
        swap(
            SEARCH,
            (
                "    cosine = np.full(len(episode_vectors), -np.inf)\n",
                "    cosine = np.full(len(episode_vectors), 1.0)\n",
            ),
        ),
    ),
    "numpy_ints": (
        "search",
        swap(SEARCH, ("chosen = [int(i) for i in dense", "chosen = [i for i in dense")),
    ),
    "default_threshold_half": (
        "search",
        swap(SEARCH, ("k, min_cosine=0.3):", "k, min_cosine=0.5):")),
    ),
    # estimates
    "links_as_bytes": ("estimates", swap(MEMORY, ("links * 4", "links"))),
    "links_times_value_bytes": (
        "estimates",
        swap(MEMORY, ("links * 4", "links * bytes_per_value")),
    ),
    "memory_in_gigabytes": (
        "estimates",
        swap(
            MEMORY,
            (
                "    return int(episodes * (dim * bytes_per_value + links * 4))",
                "    return episodes * (dim * bytes_per_value + links * 4) / 1e9",
            ),
        ),
    ),
    "replicas_plain_ceil": (
        "estimates",
        swap(
            REPLICAS,
            ("    if abs(quotient - nearest) <= 1e-9 * max(1.0, quotient):", "    if False:"),
        ),
    ),
    "spare_ignored": (
        "estimates",
        swap(
            REPLICAS,
            ("return int(nearest) + spare", "return int(nearest) + 1"),
            ("return math.ceil(quotient) + spare", "return math.ceil(quotient) + 1"),
        ),
    ),
    "round_not_ceil": (
        "estimates",
        swap(REPLICAS, ("return math.ceil(quotient) + spare", "return round(quotient) + spare")),
    ),
    # estimate_errors
    "negative_spare_accepted": (
        "estimate_errors",
        swap(REPLICAS, ("    if spare < 0:", "    if False:")),
    ),
    "zero_dim_accepted": (
        "estimate_errors",
        swap(MEMORY, ("        if value < 1:", "        if value < 0:")),
    ),
    "negative_peak_accepted": (
        "estimate_errors",
        swap(REPLICAS, ("    if peak_qps < 0:", "    if False:")),
    ),
    # scale
    "loop_over_episodes": (
        "scale",
        swap(
            SEARCH,
            (
                "        cosine[has_vector] = (episode_vectors[has_vector] @ query_vector) / (norms[has_vector] * q_norm)\n",
                "        for i in np.flatnonzero(has_vector):\n            cosine[i] = float(episode_vectors[i] @ query_vector) / (norms[i] * q_norm)\n",
            ),
        ),
    ),
}
