"""Plausible wrong answers to graphs/01_mutual_friends, each breaking one contract clause."""

HEADER = """
from collections import Counter


def suggest_friends(friends, user, k):
"""
CHECK_K = """
    if k < 0:
        raise ValueError(f"k must be >= 0, got {k}")
"""
COUNT = """
    direct = set(friends.get(user, ())) - {user}
    mutual = Counter(c for f in direct for c in set(friends.get(f, ())) if c != user and c not in direct)
"""
RANK = """
    return sorted(mutual.items(), key=lambda kv: (-kv[1], kv[0]))[:k]
"""


def variant(body: str) -> str:
    return HEADER + body


MUTANTS = {
    "counts_direct_friends_as_candidates": (
        "candidates",
        variant(
            CHECK_K
            + """
    direct = set(friends.get(user, ()))
    mutual = Counter(c for f in direct for c in set(friends.get(f, ())) if c != user)
"""
            + RANK
        ),
    ),
    "ties_left_in_counter_order": (
        "ordering",
        variant(
            CHECK_K
            + COUNT
            + """
    return mutual.most_common(k)
"""
        ),
    ),
    "sorts_ties_by_id_descending": (
        "ordering",
        variant(
            CHECK_K
            + COUNT
            + """
    return sorted(mutual.items(), key=lambda kv: (kv[1], kv[0]), reverse=True)[:k]
"""
        ),
    ),
    "returns_a_dict": (
        "returns",
        variant(
            CHECK_K
            + COUNT
            + """
    return dict(sorted(mutual.items(), key=lambda kv: (-kv[1], kv[0]))[:k])
"""
        ),
    ),
    "numpy_counts": (
        "returns",
        variant(
            CHECK_K
            + COUNT
            + """
    import numpy as np
    return [(c, np.int64(n)) for c, n in sorted(mutual.items(), key=lambda kv: (-kv[1], kv[0]))[:k]]
"""
        ),
    ),
    "lists_instead_of_tuples": (
        "returns",
        variant(
            CHECK_K
            + COUNT
            + """
    return [[c, n] for c, n in sorted(mutual.items(), key=lambda kv: (-kv[1], kv[0]))[:k]]
"""
        ),
    ),
    "an_object_that_equals_everything": (
        "returns",
        variant("""
    class Anything(list):
        def __eq__(self, other):
            return True

    return Anything()
"""),
    ),
    "unknown_user_raises_key_error": (
        "unknown_user",
        variant(
            CHECK_K
            + """
    direct = set(friends[user]) - {user}
    mutual = Counter(c for f in direct for c in set(friends[f]) if c != user and c not in direct)
"""
            + RANK
        ),
    ),
    "k_zero_means_no_limit": (
        "top_k",
        variant(
            CHECK_K
            + COUNT
            + """
    ranked = sorted(mutual.items(), key=lambda kv: (-kv[1], kv[0]))
    return ranked[:k] if k else ranked
"""
        ),
    ),
    "cuts_before_breaking_ties": (
        "top_k",
        variant(
            CHECK_K
            + COUNT
            + """
    top = mutual.most_common(k)
    return sorted(top, key=lambda kv: (-kv[1], kv[0]))
"""
        ),
    ),
    "negative_k_slices_silently": ("errors", variant(COUNT + RANK)),
    "error_without_the_value": (
        "errors",
        variant(
            """
    if k < 0:
        raise ValueError("k must not be negative")
"""
            + COUNT
            + RANK
        ),
    ),
    "unknown_user_checked_before_k": (
        "errors",
        variant(
            """
    if user not in friends:
        return []
"""
            + CHECK_K
            + COUNT
            + RANK
        ),
    ),
    "counts_duplicate_listings": (
        "counting",
        variant(
            CHECK_K
            + """
    direct = set(friends.get(user, ())) - {user}
    mutual = Counter(c for f in direct for c in friends.get(f, ()) if c != user and c not in direct)
"""
            + RANK
        ),
    ),
    "drops_the_self_listing_in_place": (
        "no_mutation",
        variant(
            CHECK_K
            + """
    mine = friends.get(user, set())
    if user in mine and isinstance(mine, set):
        mine.discard(user)
    direct = set(mine)
    mutual = Counter(c for f in direct for c in set(friends.get(f, ())) if c != user and c not in direct)
"""
            + RANK
        ),
    ),
    "caches_by_user": (
        "stateless",
        """
from collections import Counter

_cache = {}


def suggest_friends(friends, user, k):
    if k < 0:
        raise ValueError(f"k must be >= 0, got {k}")
    if user not in _cache:
        direct = set(friends.get(user, ())) - {user}
        mutual = Counter(c for f in direct for c in set(friends.get(f, ())) if c != user and c not in direct)
        _cache[user] = sorted(mutual.items(), key=lambda kv: (-kv[1], kv[0]))
    return _cache[user][:k]
""",
    ),
    "scans_every_user": (
        "scale",
        variant(
            CHECK_K
            + """
    direct = set(friends.get(user, ())) - {user}
    scores = [(o, len(direct & set(friends[o]))) for o in friends if o != user and o not in direct]
    return sorted([s for s in scores if s[1]], key=lambda kv: (-kv[1], kv[0]))[:k]
"""
        ),
    ),
}
