"""Plausible wrong answers to graphs/01_mutual_friends; together they make every hidden test fail."""

HEADER = """
from collections import Counter


def suggest_friends(friends, user, k):
"""

MUTANTS = {
    "counts_direct_friends_as_candidates": HEADER
    + """
    direct = set(friends.get(user, ()))
    mutual = Counter(c for f in direct for c in set(friends.get(f, ())) if c != user)
    return sorted(mutual.items(), key=lambda kv: (-kv[1], kv[0]))[:k]
""",
    "ties_left_in_arbitrary_order": HEADER
    + """
    direct = set(friends.get(user, ())) - {user}
    mutual = Counter(c for f in direct for c in set(friends.get(f, ())) if c != user and c not in direct)
    return mutual.most_common(k)
""",
    "returns_a_dict": HEADER
    + """
    direct = set(friends.get(user, ())) - {user}
    mutual = Counter(c for f in direct for c in set(friends.get(f, ())) if c != user and c not in direct)
    return dict(sorted(mutual.items(), key=lambda kv: (-kv[1], kv[0]))[:k])
""",
    "unknown_user_raises_and_k_unchecked": HEADER
    + """
    direct = set(friends[user]) - {user}
    mutual = Counter(c for f in direct for c in set(friends[f]) if c != user and c not in direct)
    ranked = sorted(mutual.items(), key=lambda kv: (-kv[1], kv[0]))
    return ranked[:k] if k else ranked
""",
    "counts_duplicate_listings": HEADER
    + """
    direct = set(friends.get(user, ())) - {user}
    mutual = Counter(c for f in direct for c in friends.get(f, ()) if c != user and c not in direct)
    return sorted(mutual.items(), key=lambda kv: (-kv[1], kv[0]))[:k]
""",
    "excludes_by_adding_the_user_to_their_own_friend_set": HEADER
    + """
    exclude = friends.get(user, set())
    exclude.add(user)
    mutual = Counter(c for f in exclude - {user} for c in set(friends.get(f, ())) if c not in exclude)
    return sorted(mutual.items(), key=lambda kv: (-kv[1], kv[0]))[:k]
""",
    "scans_every_user_and_keeps_zero_counts": HEADER
    + """
    if k < 0:
        raise ValueError(k)
    direct = set(friends.get(user, ())) - {user}
    scores = [(o, len(direct & set(friends[o]))) for o in friends if o != user and o not in direct]
    return sorted(scores, key=lambda kv: (-kv[1], kv[0]))[:k]
""",
    "ranks_by_jaccard_similarity": HEADER
    + """
    if k < 0:
        raise ValueError(k)
    direct = set(friends.get(user, ())) - {user}
    mutual = Counter(c for f in direct for c in set(friends.get(f, ())) if c != user and c not in direct)
    score = {c: n / len(direct | set(friends[c])) for c, n in mutual.items()}
    return sorted(score.items(), key=lambda kv: (-kv[1], kv[0]))[:k]
""",
}
