"""Plausible wrong answers to audio_buffering/08_shuffle, each breaking one contract clause.

Each mutant redefines one function after the reference's cells have run."""

from workbook.contract import swap

POSITIONS = """
def spread_positions(tracks, rng):
    check_unique(tracks)
    by_artist = {}
    for track_id, artist in tracks:
        by_artist.setdefault(artist, []).append(track_id)
    positions = {}
    for songs in by_artist.values():
        n = len(songs)
        rng.shuffle(songs)
        offset = rng.uniform(0, 1 / n)
        for k, track_id in enumerate(songs):
            positions[track_id] = offset + k / n + rng.uniform(-JITTER / n, JITTER / n)
    return positions
"""

SPREAD = """
def spread_shuffle(tracks, rng):
    positions = spread_positions(tracks, rng)
    return sorted((track_id for track_id, _ in tracks), key=positions.__getitem__)
"""

PENALTY = """
def freshness_penalty(order, recent):
    rank = {}
    for r, track_id in enumerate(recent):
        rank.setdefault(track_id, r)
    length, window = len(order), len(recent)
    return sum(
        (length - i) * (window - rank[track_id])
        for i, track_id in enumerate(order)
        if track_id in rank
    )
"""

FEWER = """
def fewer_repeats_shuffle(tracks, recent, seed, candidates=10):
    if isinstance(candidates, bool) or not isinstance(candidates, int):
        raise TypeError(f"candidates must be an int, got {candidates!r}")
    if candidates < 1:
        raise ValueError(f"candidates must be at least 1, got {candidates}")
    check_unique(tracks)
    rng = random.Random(seed)
    ids = [track_id for track_id, _ in tracks]
    best, best_penalty = None, None
    for _ in range(candidates):
        order = list(ids)
        rng.shuffle(order)
        penalty = freshness_penalty(order, recent)
        if best is None or penalty < best_penalty:
            best, best_penalty = order, penalty
    return best
"""


MUTANTS = {
    # positions_rule
    "no_offset": (
        "positions_rule",
        swap(POSITIONS, ("offset = rng.uniform(0, 1 / n)", "offset = 0.0")),
    ),
    "offset_over_the_whole_playlist": (
        "positions_rule",
        swap(POSITIONS, ("offset = rng.uniform(0, 1 / n)", "offset = rng.uniform(0, 1)")),
    ),
    "no_jitter": (
        "positions_rule",
        swap(POSITIONS, (" + rng.uniform(-JITTER / n, JITTER / n)", "")),
    ),
    "jitter_not_scaled_by_n": (
        "positions_rule",
        swap(POSITIONS, ("rng.uniform(-JITTER / n, JITTER / n)", "rng.uniform(-JITTER, JITTER)")),
    ),
    "jitter_only_forward": (
        "positions_rule",
        swap(POSITIONS, ("rng.uniform(-JITTER / n, JITTER / n)", "rng.uniform(0, JITTER / n)")),
    ),
    "spacing_by_playlist_length": (
        "positions_rule",
        swap(POSITIONS, ("offset + k / n +", "offset + k / len(tracks) +")),
    ),
    "positions_as_ranks": (
        "positions_rule",
        swap(
            POSITIONS,
            (
                "    return positions\n",
                "    return {t: i for i, t in enumerate(sorted(positions, key=positions.get))}\n",
            ),
        ),
    ),
    # positions_random
    "artist_order_not_shuffled": (
        "positions_random",
        swap(POSITIONS, ("        rng.shuffle(songs)\n", "")),
    ),
    "own_random_generator": (
        "positions_random",
        swap(
            POSITIONS, ("    positions = {}\n", "    positions = {}\n    rng = random.Random()\n")
        ),
    ),
    # spread_order
    "sorted_descending": (
        "spread_order",
        swap(SPREAD, ("key=positions.__getitem__)", "key=positions.__getitem__, reverse=True)")),
    ),
    "ties_by_track_id": (
        "spread_order",
        swap(SPREAD, ("key=positions.__getitem__)", "key=lambda t: (positions[t], t))")),
    ),
    "grouped_by_artist": (
        "spread_order",
        swap(
            SPREAD,
            (
                "(track_id for track_id, _ in tracks), key=positions.__getitem__)",
                "(track_id for track_id, _ in tracks), key=lambda t: (dict(tracks)[t], positions[t]))",
            ),
        ),
    ),
    # spread_effect
    "fisher_yates_after_all": (
        "spread_effect",
        "def spread_shuffle(tracks, rng):\n    spread_positions(tracks, random.Random(0))\n"
        "    ids = [t for t, _ in tracks]\n    rng.shuffle(ids)\n    return ids\n",
    ),
    # penalty_rule
    "late_positions_penalised": ("penalty_rule", swap(PENALTY, ("(length - i) *", "(i + 1) *"))),
    "old_plays_penalised": (
        "penalty_rule",
        swap(PENALTY, ("(window - rank[track_id])", "(rank[track_id] + 1)")),
    ),
    "last_occurrence_in_recent": (
        "penalty_rule",
        swap(PENALTY, ("rank.setdefault(track_id, r)", "rank[track_id] = r")),
    ),
    "window_counts_only_present_ids": (
        "penalty_rule",
        swap(
            PENALTY,
            (
                "length, window = len(order), len(recent)",
                "length, window = len(order), len(set(recent) & set(order))",
            ),
        ),
    ),
    "one_based_positions": (
        "penalty_rule",
        swap(PENALTY, ("(length - i) *", "(length - i - 1) *")),
    ),
    "penalty_as_a_float": (
        "penalty_rule",
        swap(PENALTY, ("    return sum(", "    return float(sum(")) + ")\n",
    ),
    # candidates_rule
    "a_generator_per_candidate": (
        "candidates_rule",
        swap(
            FEWER,
            (
                "        order = list(ids)\n        rng.shuffle(order)",
                "        order = list(ids)\n        random.Random(seed + _).shuffle(order)",
            ),
        ),
    ),
    "shuffling_the_previous_candidate": (
        "candidates_rule",
        swap(
            FEWER,
            (
                "        order = list(ids)\n        rng.shuffle(order)",
                "        rng.shuffle(ids)\n        order = list(ids)",
            ),
        ),
    ),
    "latest_of_ties": (
        "candidates_rule",
        swap(FEWER, ("penalty < best_penalty", "penalty <= best_penalty")),
    ),
    "one_candidate_too_many": (
        "candidates_rule",
        swap(FEWER, ("range(candidates)", "range(candidates + 1)")),
    ),
    "ids_sorted_first": (
        "candidates_rule",
        swap(
            FEWER,
            (
                "ids = [track_id for track_id, _ in tracks]",
                "ids = sorted(track_id for track_id, _ in tracks)",
            ),
        ),
    ),
    "default_of_five": ("candidates_rule", swap(FEWER, ("candidates=10", "candidates=5"))),
    # returns
    "empty_gives_none": (
        "returns",
        swap(FEWER, ("    return best\n", "    return best or None\n")),
    ),
    "tracks_modified": (
        "returns",
        swap(
            SPREAD,
            (
                "    positions = spread_positions(tracks, rng)\n",
                "    positions = spread_positions(tracks, rng)\n    tracks.sort(key=lambda t: positions[t[0]])\n",
            ),
        ),
    ),
    "returns_pairs": (
        "returns",
        swap(
            FEWER,
            (
                "    return best\n",
                "    artist = dict(tracks)\n    return [(t, artist[t]) for t in best] if best else best\n",
            ),
        ),
    ),
    # errors
    "duplicates_ignored": (
        "errors",
        "def check_unique(tracks):\n    return None\n",
    ),
    "float_candidates_accepted": (
        "errors",
        swap(
            FEWER,
            (
                '    if isinstance(candidates, bool) or not isinstance(candidates, int):\n        raise TypeError(f"candidates must be an int, got {candidates!r}")\n',
                "    candidates = int(candidates)\n",
            ),
        ),
    ),
    "duplicates_checked_first": (
        "errors",
        swap(
            FEWER,
            (
                "    if isinstance(candidates, bool)",
                "    check_unique(tracks)\n    if isinstance(candidates, bool)",
            ),
        ),
    ),
    "zero_candidates_give_an_empty_list": (
        "errors",
        swap(
            FEWER,
            (
                '    if candidates < 1:\n        raise ValueError(f"candidates must be at least 1, got {candidates}")\n',
                "",
            ),
            ("    return best\n", "    return best or []\n"),
        ),
    ),
    # scale
    "insertion_into_a_list": (
        "scale",
        "def spread_shuffle(tracks, rng):\n    import bisect\n    positions = spread_positions(tracks, rng)\n"
        "    keys, order = [], []\n    for track_id, _ in tracks:\n"
        "        i = bisect.bisect_right(keys, positions[track_id])\n"
        "        keys.insert(i, positions[track_id])\n        order.insert(i, track_id)\n    return order\n",
    ),
}
