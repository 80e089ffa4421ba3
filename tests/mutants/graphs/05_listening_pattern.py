"""Plausible wrong answers to graphs/05_listening_pattern, each breaking one contract clause."""

from workbook.contract import swap

GOOD = """
from collections import Counter, defaultdict
from itertools import combinations


def most_common_pattern(plays):
    history = defaultdict(list)
    for user, _, track in sorted(plays, key=lambda play: play[1]):
        history[user].append(track)
    scores = Counter()
    for tracks in history.values():
        scores.update(set(combinations(tracks, 3)))
    if not scores:
        return None
    return min(scores, key=lambda pattern: (-scores[pattern], pattern))
"""

SORT = "sorted(plays, key=lambda play: play[1])"
COUNT = "        scores.update(set(combinations(tracks, 3)))\n"
PICK = "    return min(scores, key=lambda pattern: (-scores[pattern], pattern))"


MUTANTS = {
    # returns
    "returns_a_list": (
        "returns",
        swap(GOOD, (PICK, PICK.replace("return min(", "return list(min(") + ")")),
    ),
    "returns_pattern_and_score": (
        "returns",
        swap(
            GOOD,
            (
                PICK,
                "    best = min(scores, key=lambda p: (-scores[p], p))\n    return best, scores[best]",
            ),
        ),
    ),
    # time_order
    "assumes_plays_are_sorted": ("time_order", swap(GOOD, (SORT, "plays"))),
    "consecutive_plays_only": (
        "time_order",
        swap(
            GOOD,
            (
                COUNT,
                "        scores.update({tuple(tracks[i : i + 3]) for i in range(len(tracks) - 2)})\n",
            ),
        ),
    ),
    "groupby_without_sorting_by_user": (
        "time_order",
        """
from collections import Counter
from itertools import combinations, groupby


def most_common_pattern(plays):
    scores = Counter()
    ordered = sorted(plays, key=lambda play: play[1])
    for _, group in groupby(ordered, key=lambda play: play[0]):
        tracks = [track for _, _, track in group]
        scores.update(set(combinations(tracks, 3)))
    if not scores:
        return None
    return min(scores, key=lambda pattern: (-scores[pattern], pattern))
""",
    ),
    # equal_timestamps
    "sorted_as_whole_tuples": ("equal_timestamps", swap(GOOD, (SORT, "sorted(plays)"))),
    "ties_in_time_broken_by_track": (
        "equal_timestamps",
        swap(GOOD, (SORT, "sorted(plays, key=lambda play: (play[1], play[2]))")),
    ),
    # repeats
    "distinct_tracks_only": (
        "repeats",
        swap(
            GOOD,
            (
                COUNT,
                "        scores.update({p for p in combinations(tracks, 3) if len(set(p)) == 3})\n",
            ),
        ),
    ),
    # once_per_listener
    "counts_every_occurrence": (
        "once_per_listener",
        swap(GOOD, (COUNT, "        scores.update(combinations(tracks, 3))\n")),
    ),
    # ties
    "largest_pattern_on_a_tie": (
        "ties",
        swap(GOOD, (PICK, "    return max(scores, key=lambda p: (scores[p], p))")),
    ),
    "first_found_on_a_tie": ("ties", swap(GOOD, (PICK, "    return scores.most_common(1)[0][0]"))),
    "case_insensitive_tie_break": (
        "ties",
        swap(
            GOOD,
            (
                PICK,
                "    return min(scores, key=lambda p: (-scores[p], tuple(t.lower() for t in p)))",
            ),
        ),
    ),
    # short_histories
    "max_of_nothing": (
        "short_histories",
        swap(GOOD, ("    if not scores:\n        return None\n", "")),
    ),
    "empty_tuple_for_nothing": (
        "short_histories",
        swap(
            GOOD,
            (
                "    if not scores:\n        return None\n",
                "    if not scores:\n        return ()\n",
            ),
        ),
    ),
    # no_mutation
    "sorts_plays_in_place": (
        "no_mutation",
        swap(
            GOOD,
            (
                f"    for user, _, track in {SORT}:",
                "    plays.sort(key=lambda play: play[1])\n    for user, _, track in plays:",
            ),
        ),
    ),
    # scale
    "recounts_every_candidate": (
        "scale_listeners",
        """
from collections import defaultdict
from itertools import combinations


def _contains(history, pattern):
    rest = iter(history)
    return all(any(track == wanted for track in rest) for wanted in pattern)


def most_common_pattern(plays):
    history = defaultdict(list)
    for user, _, track in sorted(plays, key=lambda play: play[1]):
        history[user].append(track)
    candidates = set()
    for tracks in history.values():
        candidates.update(combinations(tracks, 3))
    best = None
    for pattern in sorted(candidates):
        score = sum(_contains(tracks, pattern) for tracks in history.values())
        if best is None or score > best[0]:
            best = (score, pattern)
    return best[1] if best else None
""",
    ),
    "deduplicates_with_a_list": (
        "scale_history",
        swap(
            GOOD,
            (
                COUNT,
                "        seen = []\n"
                "        for pattern in combinations(tracks, 3):\n"
                "            if pattern not in seen:\n"
                "                seen.append(pattern)\n"
                "        scores.update(seen)\n",
            ),
        ),
    ),
}
