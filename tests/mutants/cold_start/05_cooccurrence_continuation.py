"""Plausible wrong answers to cold_start/05_cooccurrence_continuation, each breaking one contract clause.

Each mutant redefines one function after the reference's cells have run."""

from workbook.contract import swap

COUNT = """
def cooccurrence(playlists):
    counts = {}
    for playlist in playlists:
        tracks = set(playlist)
        for a, b in permutations(tracks, 2):
            counts.setdefault(a, Counter())[b] += 1
    return counts
"""

CONTINUE = """
def continue_playlist(seeds, counts, popularity, k):
    if k < 0:
        raise ValueError(f"k must be >= 0, got {k}")
    seed_set = set(seeds)
    score = Counter()
    for seed in seed_set:
        score.update(counts.get(seed, Counter()))
    for seed in seed_set:
        score.pop(seed, None)

    def key(t):
        return (-score[t], -popularity.get(t, 0), t)

    ranked = sorted((t for t in score if score[t] > 0), key=key)[:k]
    if len(ranked) < k:
        taken = seed_set | set(ranked)
        rest = sorted((t for t in popularity if t not in taken), key=lambda t: (-popularity[t], t))
        ranked += rest[: k - len(ranked)]
    return ranked
"""

SPLIT = """
def holdout_split(playlists, n_test, seed, n_seeds=5):
    if n_seeds < 1:
        raise ValueError(f"n_seeds must be >= 1, got {n_seeds}")
    eligible = [i for i, p in enumerate(playlists) if len(set(p)) > n_seeds]
    if not 0 <= n_test <= len(eligible):
        raise ValueError(f"n_test must be in 0..{len(eligible)}, got {n_test}")
    chosen = random.Random(seed).sample(eligible, n_test)
    held = set(chosen)
    train = [p for i, p in enumerate(playlists) if i not in held]
    test = []
    for i in chosen:
        tracks = distinct_in_order(playlists[i])
        test.append((tracks[:n_seeds], set(tracks[n_seeds:])))
    return train, test
"""


MUTANTS = {
    # counting
    "repeats_counted": (
        "counting",
        swap(
            COUNT,
            ("        tracks = set(playlist)\n", "        tracks = playlist\n"),
            ("permutations(tracks, 2)", "((a, b) for a, b in permutations(tracks, 2) if a != b)"),
        ),
    ),
    "one_direction_only": (
        "counting",
        swap(
            COUNT,
            ("permutations(tracks, 2)", "__import__('itertools').combinations(sorted(tracks), 2)"),
        ),
    ),
    "self_pairs": (
        "counting",
        swap(
            COUNT, ("permutations(tracks, 2)", "__import__('itertools').product(tracks, repeat=2)")
        ),
    ),
    "adjacent_pairs_only": (
        "counting",
        swap(
            COUNT,
            (
                "        tracks = set(playlist)\n        for a, b in permutations(tracks, 2):",
                "        for a, b in [*zip(playlist, playlist[1:], strict=False), *zip(playlist[1:], playlist, strict=False)]:\n            if a == b:\n                continue",
            ),
        ),
    ),
    "plain_dicts": (
        "counting",
        swap(
            COUNT,
            (
                "counts.setdefault(a, Counter())[b] += 1",
                "counts.setdefault(a, {})[b] = counts.setdefault(a, {}).get(b, 0) + 1",
            ),
        ),
    ),
    # scoring
    "repeated_seeds_counted": (
        "scoring",
        swap(
            CONTINUE,
            (
                "    for seed in seed_set:\n        score.update",
                "    for seed in seeds:\n        score.update",
            ),
        ),
    ),
    "best_seed_only": (
        "scoring",
        swap(
            CONTINUE,
            (
                "        score.update(counts.get(seed, Counter()))\n",
                "        for t, n in counts.get(seed, Counter()).items():\n            score[t] = max(score[t], n)\n",
            ),
        ),
    ),
    "unknown_seed_crashes": (
        "scoring",
        swap(CONTINUE, ("counts.get(seed, Counter())", "counts[seed]")),
    ),
    # ranking
    "seeds_kept": (
        "ranking",
        swap(
            CONTINUE,
            ("    for seed in seed_set:\n        score.pop(seed, None)\n", ""),
            ("        taken = seed_set | set(ranked)\n", "        taken = set(ranked)\n"),
        ),
    ),
    "ties_by_id_only": (
        "ranking",
        swap(CONTINUE, ("return (-score[t], -popularity.get(t, 0), t)", "return (-score[t], t)")),
    ),
    "ties_by_id_descending_case": (
        "ranking",
        swap(
            CONTINUE,
            (
                "return (-score[t], -popularity.get(t, 0), t)",
                "return (-score[t], -popularity.get(t, 0), t.lower())",
            ),
        ),
    ),
    "popularity_first": (
        "ranking",
        swap(
            CONTINUE,
            (
                "return (-score[t], -popularity.get(t, 0), t)",
                "return (-popularity.get(t, 0), -score[t], t)",
            ),
        ),
    ),
    # fallback
    "no_fallback": ("fallback", swap(CONTINUE, ("    if len(ranked) < k:", "    if False:"))),
    "fallback_may_repeat": (
        "fallback",
        swap(CONTINUE, ("        taken = seed_set | set(ranked)\n", "        taken = seed_set\n")),
    ),
    "fallback_includes_seeds": (
        "fallback",
        swap(
            CONTINUE, ("        taken = seed_set | set(ranked)\n", "        taken = set(ranked)\n")
        ),
    ),
    "fallback_by_id": (
        "fallback",
        swap(CONTINUE, ("key=lambda t: (-popularity[t], t))", "key=lambda t: t)")),
    ),
    # split
    "eligible_by_length_not_distinct": (
        "split",
        swap(SPLIT, ("if len(set(p)) > n_seeds]", "if len(p) > n_seeds]")),
    ),
    "at_least_n_seeds": (
        "split",
        swap(SPLIT, ("if len(set(p)) > n_seeds]", "if len(set(p)) >= n_seeds]")),
    ),
    "sample_over_all_indices": (
        "split",
        swap(
            SPLIT,
            (
                "random.Random(seed).sample(eligible, n_test)",
                "[eligible[i] for i in random.Random(seed).sample(range(len(eligible)), n_test)] if False else random.Random(seed).sample(range(len(playlists)), n_test)",
            ),
        ),
    ),
    "seeds_with_repeats": (
        "split",
        swap(
            SPLIT,
            (
                "        tracks = distinct_in_order(playlists[i])\n        test.append((tracks[:n_seeds], set(tracks[n_seeds:])))",
                "        tracks = playlists[i]\n        test.append((tracks[:n_seeds], set(tracks[n_seeds:]) - set(tracks[:n_seeds])))",
            ),
        ),
    ),
    "test_sorted": (
        "split",
        swap(SPLIT, ("    for i in chosen:\n", "    for i in sorted(chosen):\n")),
    ),
    "random_seeds": (
        "split",
        swap(
            SPLIT,
            (
                "        test.append((tracks[:n_seeds], set(tracks[n_seeds:])))",
                "        picked = random.Random(i).sample(tracks, n_seeds)\n        test.append((picked, set(tracks) - set(picked)))",
            ),
        ),
    ),
    # leakage
    "test_playlists_kept_in_train": (
        "leakage",
        swap(
            SPLIT,
            (
                "    train = [p for i, p in enumerate(playlists) if i not in held]\n",
                "    train = list(playlists)\n",
            ),
        ),
    ),
    # returns
    "k_zero_is_everything": ("returns", swap(CONTINUE, ("key=key)[:k]", "key=key)[: k or None]"))),
    "counts_popped_in_place": (
        "returns",
        swap(
            CONTINUE,
            (
                "    for seed in seed_set:\n        score.pop(seed, None)\n",
                "    for seed in seed_set:\n        score.pop(seed, None)\n        for other in counts.values():\n            other.pop(seed, None)\n",
            ),
        ),
    ),
    # errors
    "negative_k_empty": (
        "errors",
        swap(
            CONTINUE,
            (
                '    if k < 0:\n        raise ValueError(f"k must be >= 0, got {k}")\n',
                "    k = max(k, 0)\n",
            ),
        ),
    ),
    "n_test_unchecked": (
        "errors",
        swap(
            SPLIT,
            (
                "    if not 0 <= n_test <= len(eligible):",
                "    n_test = max(0, min(n_test, len(eligible)))\n    if False:",
            ),
        ),
    ),
    "n_seeds_unchecked": ("errors", swap(SPLIT, ("    if n_seeds < 1:", "    if False:"))),
    # scale
    "dense_matrix": (
        "scale",
        "def cooccurrence(playlists):\n    ids = sorted({t for p in playlists for t in p})\n    where = {t: i for i, t in enumerate(ids)}\n"
        "    import numpy as np\n    m = np.zeros((len(ids), len(ids)), dtype=np.int32)\n    for p in playlists:\n        s = [where[t] for t in set(p)]\n"
        "        for a in s:\n            for b in s:\n                if a != b:\n                    m[a, b] += 1\n"
        "    return {ids[a]: Counter({ids[b]: int(m[a, b]) for b in np.flatnonzero(m[a])}) for a in range(len(ids)) if m[a].any()}\n",
    ),
}
