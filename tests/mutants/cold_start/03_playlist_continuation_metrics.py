"""Plausible wrong answers to cold_start/03_playlist_continuation_metrics, each breaking one clause."""

from workbook.contract import swap

GOOD = """
import math
from collections import Counter

MAX_RECOMMENDATIONS = 500
PAGE = 10
NO_HIT_CLICKS = 51


def _relevant_set(recommended, relevant):
    truth = set(relevant)
    if not truth:
        raise ValueError("relevant is empty: a playlist without withheld tracks has no score")
    if len(recommended) > MAX_RECOMMENDATIONS:
        raise ValueError(
            f"{len(recommended)} recommendations: at most {MAX_RECOMMENDATIONS} are allowed"
        )
    seen = set()
    for track in recommended:
        if track in seen:
            raise ValueError(f"{track!r} is recommended more than once")
        seen.add(track)
    return truth


def r_precision(recommended, relevant):
    truth = _relevant_set(recommended, relevant)
    return sum(track in truth for track in recommended[: len(truth)]) / len(truth)


def _weight(position):
    return 1.0 if position == 1 else 1.0 / math.log2(position)


def challenge_ndcg(recommended, relevant):
    truth = _relevant_set(recommended, relevant)
    hits = [i for i, track in enumerate(recommended, start=1) if track in truth]
    if not hits:
        return 0.0
    dcg = sum(_weight(i) for i in hits)
    idcg = sum(_weight(i) for i in range(1, len(hits) + 1))
    return dcg / idcg


def recommended_songs_clicks(recommended, relevant):
    truth = _relevant_set(recommended, relevant)
    for position, track in enumerate(recommended, start=1):
        if track in truth:
            return (position - 1) // PAGE
    return NO_HIT_CLICKS


def score_submission(recommendations, withheld):
    if len(recommendations) != len(withheld):
        raise ValueError(
            f"{len(recommendations)} recommendation lists for {len(withheld)} playlists"
        )
    if not recommendations:
        raise ValueError("no playlists to score")
    r_prec = ndcg = clicks = 0.0
    for recommended, relevant in zip(recommendations, withheld, strict=True):
        r_prec += r_precision(recommended, relevant)
        ndcg += challenge_ndcg(recommended, relevant)
        clicks += recommended_songs_clicks(recommended, relevant)
    n = len(recommendations)
    return (r_prec / n, ndcg / n, clicks / n)


def borda_ranking(leaderboard):
    names = [team for team, *_ in leaderboard]
    repeated = [name for name, n in Counter(names).items() if n > 1]
    if repeated:
        raise ValueError(f"team {repeated[0]!r} is listed more than once")
    p = len(leaderboard)
    points = [0] * p
    places = [[0] * p for _ in range(p)]
    for column, sign in ((1, -1), (2, -1), (3, 1)):
        order = sorted(range(p), key=lambda t: sign * leaderboard[t][column])
        for place, team in enumerate(order):
            points[team] += p - place
            places[team][place] += 1
    best_first = sorted(range(p), key=lambda t: (-points[t], [-n for n in places[t]], names[t]))
    return [(names[t], points[t]) for t in best_first]
"""

R_PREC = "    return sum(track in truth for track in recommended[: len(truth)]) / len(truth)\n"
NDCG_BODY = """    dcg = sum(_weight(i) for i in hits)
    idcg = sum(_weight(i) for i in range(1, len(hits) + 1))
    return dcg / idcg
"""
CLICK_HIT = "            return (position - 1) // PAGE\n"
CLICK_NONE = "    return NO_HIT_CLICKS\n"
EMPTY_CHECK = """    if not truth:
        raise ValueError("relevant is empty: a playlist without withheld tracks has no score")
"""
LENGTH_CHECK = """    if len(recommended) > MAX_RECOMMENDATIONS:
        raise ValueError(
            f"{len(recommended)} recommendations: at most {MAX_RECOMMENDATIONS} are allowed"
        )
"""
REPEAT_CHECK = """    seen = set()
    for track in recommended:
        if track in seen:
            raise ValueError(f"{track!r} is recommended more than once")
        seen.add(track)
"""
PAIR_CHECK = """    if len(recommendations) != len(withheld):
        raise ValueError(
            f"{len(recommendations)} recommendation lists for {len(withheld)} playlists"
        )
"""
METRIC_SORT = "        order = sorted(range(p), key=lambda t: sign * leaderboard[t][column])\n"
FINAL_SORT = (
    "    best_first = sorted(range(p), key=lambda t: (-points[t], [-n for n in places[t]], "
    "names[t]))\n"
)


MUTANTS = {
    # returns
    "clicks_returned_as_a_float": (
        "returns",
        swap(
            GOOD,
            (CLICK_HIT, "            return float((position - 1) // PAGE)\n"),
            (CLICK_NONE, "    return float(NO_HIT_CLICKS)\n"),
        ),
    ),
    "ndcg_returns_int_zero": (
        "returns",
        swap(
            GOOD, ("    if not hits:\n        return 0.0\n", "    if not hits:\n        return 0\n")
        ),
    ),
    "submission_means_from_numpy": (
        "returns",
        swap(
            GOOD,
            (
                "    return (r_prec / n, ndcg / n, clicks / n)\n",
                "    import numpy as np\n\n"
                "    return tuple(np.float64(x) / n for x in (r_prec, ndcg, clicks))\n",
            ),
        ),
    ),
    "submission_returns_a_list": (
        "returns",
        swap(
            GOOD,
            (
                "    return (r_prec / n, ndcg / n, clicks / n)\n",
                "    return [r_prec / n, ndcg / n, clicks / n]\n",
            ),
        ),
    ),
    "borda_points_as_floats": (
        "returns",
        swap(GOOD, ("    points = [0] * p\n", "    points = [0.0] * p\n")),
    ),
    # relevant_as_set
    "r_precision_divides_by_len_of_the_list": (
        "relevant_as_set",
        swap(
            GOOD,
            (
                R_PREC,
                "    return sum(track in truth for track in recommended[: len(relevant)]) "
                "/ len(relevant)\n",
            ),
        ),
    ),
    # r_precision
    "r_precision_counts_hits_anywhere": (
        "r_precision",
        swap(
            GOOD, (R_PREC, "    return sum(track in truth for track in recommended) / len(truth)\n")
        ),
    ),
    "r_precision_window_one_short": (
        "r_precision",
        swap(GOOD, ("recommended[: len(truth)]", "recommended[: len(truth) - 1]")),
    ),
    "r_precision_divides_by_the_list_length_when_short": (
        "r_precision",
        swap(
            GOOD,
            (
                R_PREC,
                "    window = recommended[: len(truth)]\n"
                "    return sum(track in truth for track in window) / max(len(window), 1)\n",
            ),
        ),
    ),
    # ndcg
    "textbook_ndcg": (
        "ndcg",
        swap(
            GOOD,
            (
                NDCG_BODY,
                "    dcg = sum(1 / math.log2(i + 1) for i in hits)\n"
                "    ideal = min(len(truth), len(recommended))\n"
                "    idcg = sum(1 / math.log2(i + 1) for i in range(1, ideal + 1))\n"
                "    return dcg / idcg\n",
            ),
        ),
    ),
    "discount_log2_i_plus_1": (
        "ndcg",
        swap(
            GOOD,
            (
                "    return 1.0 if position == 1 else 1.0 / math.log2(position)\n",
                "    return 1.0 / math.log2(position + 1)\n",
            ),
        ),
    ),
    "ideal_over_all_withheld_tracks": (
        "ndcg",
        swap(
            GOOD,
            (
                "    idcg = sum(_weight(i) for i in range(1, len(hits) + 1))\n",
                "    idcg = sum(_weight(i) for i in range(1, min(len(truth), 500) + 1))\n",
            ),
        ),
    ),
    "ideal_over_the_list_length": (
        "ndcg",
        swap(
            GOOD,
            (
                "    idcg = sum(_weight(i) for i in range(1, len(hits) + 1))\n",
                "    idcg = sum(_weight(i) for i in range(1, len(recommended) + 1))\n",
            ),
        ),
    ),
    "ndcg_nan_without_hits": (
        "ndcg",
        swap(
            GOOD,
            ("    if not hits:\n        return 0.0\n", ""),
            (
                "    return dcg / idcg\n",
                "    return dcg / idcg if idcg else float('nan')\n",
            ),
        ),
    ),
    # clicks
    "clicks_counts_pages_from_one": (
        "clicks",
        swap(GOOD, (CLICK_HIT, "            return (position - 1) // PAGE + 1\n")),
    ),
    "clicks_position_over_10": (
        "clicks",
        swap(GOOD, (CLICK_HIT, "            return position // PAGE\n")),
    ),
    "clicks_50_when_nothing_relevant": (
        "clicks",
        swap(GOOD, (CLICK_NONE, "    return MAX_RECOMMENDATIONS // PAGE\n")),
    ),
    "clicks_sentinel_from_the_list_length": (
        "clicks",
        swap(GOOD, (CLICK_NONE, "    return len(recommended) // PAGE + 1\n")),
    ),
    # errors
    "empty_relevant_scores_zero": (
        "errors",
        swap(
            GOOD,
            (EMPTY_CHECK, ""),
            (R_PREC, "    if not truth:\n        return 0.0\n" + R_PREC),
        ),
    ),
    "more_than_500_accepted": ("errors", swap(GOOD, (LENGTH_CHECK, ""))),
    "exactly_500_rejected": (
        "errors",
        swap(GOOD, ("    if len(recommended) > MAX", "    if len(recommended) >= MAX")),
    ),
    "repeats_allowed": ("errors", swap(GOOD, (REPEAT_CHECK, ""))),
    "repeat_message_without_the_track": (
        "errors",
        swap(
            GOOD,
            (
                '            raise ValueError(f"{track!r} is recommended more than once")\n',
                '            raise ValueError("a track is recommended more than once")\n',
            ),
        ),
    ),
    # submission
    "mismatched_lengths_truncated": (
        "submission",
        swap(
            GOOD,
            (PAIR_CHECK, ""),
            ("zip(recommendations, withheld, strict=True)", "zip(recommendations, withheld)"),
        ),
    ),
    "empty_submission_scores_zero": (
        "submission",
        swap(
            GOOD,
            (
                '    if not recommendations:\n        raise ValueError("no playlists to score")\n',
                "    if not recommendations:\n        return (0.0, 0.0, 0.0)\n",
            ),
        ),
    ),
    "r_precision_pooled_over_playlists": (
        "submission",
        swap(
            GOOD,
            (
                "    r_prec = ndcg = clicks = 0.0\n",
                "    r_prec = ndcg = clicks = 0.0\n    found = total = 0\n",
            ),
            (
                "        r_prec += r_precision(recommended, relevant)\n",
                "        size = len(set(relevant))\n"
                "        found += round(r_precision(recommended, relevant) * size)\n"
                "        total += size\n",
            ),
            ("    return (r_prec / n,", "    return (found / total,"),
        ),
    ),
    # borda_points
    "more_clicks_ranked_higher": (
        "borda_points",
        swap(GOOD, ("((1, -1), (2, -1), (3, 1))", "((1, -1), (2, -1), (3, -1))")),
    ),
    "p_minus_1_points_for_first": (
        "borda_points",
        swap(
            GOOD,
            (
                "            points[team] += p - place\n",
                "            points[team] += p - place - 1\n",
            ),
        ),
    ),
    # metric_ties
    "ties_go_to_the_later_submission": (
        "metric_ties",
        swap(
            GOOD,
            (
                METRIC_SORT,
                "        order = sorted(reversed(range(p)), key=lambda t: sign * leaderboard[t][column])\n",
            ),
        ),
    ),
    "ties_on_a_metric_broken_by_name": (
        "metric_ties",
        swap(
            GOOD,
            (
                METRIC_SORT,
                "        order = sorted(range(p), key=lambda t: (sign * leaderboard[t][column], names[t]))\n",
            ),
        ),
    ),
    "tied_teams_share_the_better_place": (
        "metric_ties",
        swap(
            GOOD,
            (
                "        for place, team in enumerate(order):\n",
                "        values = [leaderboard[t][column] for t in order]\n"
                "        for place, team in enumerate(order):\n"
                "            place = values.index(leaderboard[team][column])\n",
            ),
        ),
    ),
    # final_ties
    "final_ties_by_submission_order": (
        "final_ties",
        swap(GOOD, (", names[t]))\n", "))\n")),
    ),
    "final_ties_by_name_only": (
        "final_ties",
        swap(GOOD, ("(-points[t], [-n for n in places[t]], names[t])", "(-points[t], names[t])")),
    ),
    "only_first_places_compared": (
        "final_ties",
        swap(GOOD, ("[-n for n in places[t]]", "-places[t][0]")),
    ),
    "fewer_first_places_wins": (
        "final_ties",
        swap(GOOD, ("[-n for n in places[t]]", "places[t]")),
    ),
    "names_compared_case_insensitively": (
        "final_ties",
        swap(
            GOOD,
            ("[-n for n in places[t]], names[t])", "[-n for n in places[t]], names[t].lower())"),
        ),
    ),
    "empty_leaderboard_raises": (
        "final_ties",
        swap(
            GOOD,
            (
                "    names = [team for team, *_ in leaderboard]\n",
                "    if not leaderboard:\n        raise ValueError('no teams')\n"
                "    names = [team for team, *_ in leaderboard]\n",
            ),
        ),
    ),
    "repeated_team_names_accepted": (
        "final_ties",
        swap(GOOD, ("    if repeated:\n", "    if False:\n")),
    ),
    # tolerance
    "ndcg_rounded_to_6_decimals": (
        "tolerance",
        swap(GOOD, ("    return dcg / idcg\n", "    return round(dcg / idcg, 6)\n")),
    ),
    "r_precision_rounded_to_4_decimals": (
        "tolerance",
        swap(
            GOOD,
            (R_PREC, R_PREC.replace("    return ", "    return round(").replace("\n", ", 4)\n")),
        ),
    ),
    # no_mutation
    "leaderboard_sorted_in_place": (
        "no_mutation",
        swap(
            GOOD,
            (
                "    names = [team for team, *_ in leaderboard]\n",
                "    leaderboard.sort(key=lambda row: row[0])\n"
                "    names = [team for team, *_ in leaderboard]\n",
            ),
        ),
    ),
    "withheld_converted_to_sets_in_place": (
        "no_mutation",
        swap(
            GOOD,
            (
                "    r_prec = ndcg = clicks = 0.0\n",
                "    for i, relevant in enumerate(withheld):\n"
                "        withheld[i] = set(relevant)\n"
                "    r_prec = ndcg = clicks = 0.0\n",
            ),
        ),
    ),
    # scale
    "membership_tested_in_a_list": (
        "scale",
        swap(GOOD, ("    truth = set(relevant)\n", "    truth = list(dict.fromkeys(relevant))\n")),
    ),
    "repeats_found_by_rescanning_the_prefix": (
        "scale",
        swap(
            GOOD,
            (
                REPEAT_CHECK,
                "    for i, track in enumerate(recommended):\n"
                "        if track in recommended[:i]:\n"
                '            raise ValueError(f"{track!r} is recommended more than once")\n',
            ),
        ),
    ),
}
