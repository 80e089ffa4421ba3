"""Plausible wrong answers to graphs/03_leetcodify_friends, each breaking one contract clause."""

from workbook.contract import swap

GOOD = """
import pandas as pd


def _hits(listens, ordered):
    plays = listens[["user_id", "song_id", "day"]].drop_duplicates()
    both = plays.merge(plays, on=["song_id", "day"], suffixes=("_a", "_b"))
    if ordered:
        both = both[both["user_id_a"] != both["user_id_b"]]
    else:
        both = both[both["user_id_a"] < both["user_id_b"]]
    per_day = both.groupby(["user_id_a", "user_id_b", "day"], sort=False).size()
    hits = per_day[per_day >= 3].reset_index()
    return pd.DataFrame({"a": hits["user_id_a"], "b": hits["user_id_b"]}).drop_duplicates()


def _normalised(friendship):
    one, two = friendship["user1_id"], friendship["user2_id"]
    friends = pd.DataFrame({"a": one.where(one < two, two), "b": two.where(one < two, one)})
    return friends[friends["a"] != friends["b"]].drop_duplicates()


def _symmetric(friendship):
    one, two = friendship["user1_id"], friendship["user2_id"]
    return pd.DataFrame(
        {"a": pd.concat([one, two], ignore_index=True), "b": pd.concat([two, one], ignore_index=True)}
    ).drop_duplicates()


def _pairs(found):
    found = found.sort_values(["a", "b"])
    return list(zip(found["a"].tolist(), found["b"].tolist()))


def similar_friends(listens, friendship):
    return _pairs(_hits(listens, ordered=False).merge(_normalised(friendship), on=["a", "b"]))


def recommend_friends(listens, friendship):
    marked = _hits(listens, ordered=True).merge(
        _symmetric(friendship), on=["a", "b"], how="left", indicator=True
    )
    return _pairs(marked[marked["_merge"] == "left_only"])
"""

SCALE = """
from collections import Counter

import pandas as pd


def _seen(listens):
    seen = {}
    for user, song, day in zip(
        listens["user_id"].tolist(), listens["song_id"].tolist(), listens["day"].tolist()
    ):
        seen.setdefault(user, set()).add((song, day))
    return seen


def _match(a, b, seen):
    days = Counter(day for _, day in seen.get(a, set()) & seen.get(b, set()))
    return any(n >= 3 for n in days.values())


def similar_friends(listens, friendship):
    seen = _seen(listens)
    found = set()
    for a, b in zip(friendship["user1_id"].tolist(), friendship["user2_id"].tolist()):
        if a != b and _match(a, b, seen):
            found.add((min(a, b), max(a, b)))
    return sorted(found)


def recommend_friends(listens, friendship):
    seen = _seen(listens)
    one, two = friendship["user1_id"].tolist(), friendship["user2_id"].tolist()
    friends = set(zip(one, two)) | set(zip(two, one))
    users = sorted(seen)
    return [
        (a, b)
        for a in users
        for b in users
        if a != b and (a, b) not in friends and _match(a, b, seen)
    ]
"""


PAIRS = """    found = found.sort_values(["a", "b"])
    return list(zip(found["a"].tolist(), found["b"].tolist()))"""

MUTANTS = {
    # returns
    "returns_the_dataframe": (
        "returns",
        swap(GOOD, (PAIRS, '    return found.sort_values(["a", "b"]).reset_index(drop=True)')),
    ),
    "tuples_of_numpy_ints": (
        "returns",
        swap(
            GOOD,
            (PAIRS, '    return [tuple(row) for row in found.sort_values(["a", "b"]).to_numpy()]'),
        ),
    ),
    "lists_instead_of_tuples": (
        "returns",
        swap(GOOD, (PAIRS, '    return found.sort_values(["a", "b"]).to_numpy().tolist()')),
    ),
    "an_object_that_equals_everything": (
        "returns",
        """
class Anything(list):
    def __eq__(self, other):
        return True


def similar_friends(listens, friendship):
    return Anything()


def recommend_friends(listens, friendship):
    return Anything()
""",
    ),
    # ordering
    "left_in_merge_order": (
        "ordering",
        swap(GOOD, ('    found = found.sort_values(["a", "b"])\n', "")),
    ),
    "sorted_by_the_second_id": (
        "ordering",
        swap(GOOD, ('found.sort_values(["a", "b"])', 'found.sort_values(["b", "a"])')),
    ),
    # similar_pairs
    "friendship_taken_as_written": (
        "similar_pairs",
        swap(
            GOOD,
            (
                '    return _pairs(_hits(listens, ordered=False).merge(_normalised(friendship), on=["a", "b"]))',
                '    as_written = friendship.rename(columns={"user1_id": "a", "user2_id": "b"})[["a", "b"]]\n'
                '    return _pairs(_hits(listens, ordered=True).merge(as_written, on=["a", "b"]))',
            ),
        ),
    ),
    "both_orientations_returned": (
        "similar_pairs",
        swap(
            GOOD,
            (
                '    return _pairs(_hits(listens, ordered=False).merge(_normalised(friendship), on=["a", "b"]))',
                '    return _pairs(_hits(listens, ordered=True).merge(_symmetric(friendship), on=["a", "b"]))',
            ),
        ),
    ),
    "duplicate_friendship_rows_kept": (
        "similar_pairs",
        swap(
            GOOD,
            (
                '    return friends[friends["a"] != friends["b"]].drop_duplicates()',
                '    return friends[friends["a"] != friends["b"]]',
            ),
        ),
    ),
    # recommendations
    "only_the_written_orientation_excluded": (
        "recommendations",
        swap(
            GOOD,
            (
                "_symmetric(friendship), on=",
                'friendship.rename(columns={"user1_id": "a", "user2_id": "b"})[["a", "b"]], on=',
            ),
        ),
    ),
    "one_direction_only": (
        "recommendations",
        swap(
            GOOD,
            (
                "    marked = _hits(listens, ordered=True).merge(",
                "    marked = _hits(listens, ordered=False).merge(",
            ),
        ),
    ),
    "only_users_with_friends_recommended": (
        "recommendations",
        swap(
            GOOD,
            (
                '    return _pairs(marked[marked["_merge"] == "left_only"])',
                '    known = set(friendship["user1_id"].tolist()) | set(friendship["user2_id"].tolist())\n'
                '    marked = marked[marked["a"].isin(known) & marked["b"].isin(known)]\n'
                '    return _pairs(marked[marked["_merge"] == "left_only"])',
            ),
        ),
    ),
    # same_day
    "day_ignored_in_the_join": (
        "same_day",
        swap(
            GOOD,
            (
                '    both = plays.merge(plays, on=["song_id", "day"], suffixes=("_a", "_b"))',
                '    both = plays.merge(plays, on="song_id", suffixes=("_a", "_b")).rename(columns={"day_a": "day"})',
            ),
        ),
    ),
    "shared_songs_summed_over_days": (
        "same_day",
        swap(
            GOOD,
            (
                '    per_day = both.groupby(["user_id_a", "user_id_b", "day"], sort=False).size()',
                '    per_day = both.groupby(["user_id_a", "user_id_b"], sort=False).size()',
            ),
        ),
    ),
    "distinct_songs_over_all_days": (
        "same_day",
        swap(
            GOOD,
            (
                '    per_day = both.groupby(["user_id_a", "user_id_b", "day"], sort=False).size()',
                '    per_day = both.groupby(["user_id_a", "user_id_b"], sort=False)["song_id"].nunique()',
            ),
        ),
    ),
    "pair_listed_once_per_matching_day": (
        "same_day",
        swap(
            GOOD,
            (
                '    return pd.DataFrame({"a": hits["user_id_a"], "b": hits["user_id_b"]}).drop_duplicates()',
                '    return pd.DataFrame({"a": hits["user_id_a"], "b": hits["user_id_b"]})',
            ),
        ),
    ),
    # threshold
    "more_than_three": ("threshold", swap(GOOD, ("per_day[per_day >= 3]", "per_day[per_day > 3]"))),
    # duplicate_listens
    "replays_counted": (
        "duplicate_listens",
        swap(
            GOOD,
            (
                '    plays = listens[["user_id", "song_id", "day"]].drop_duplicates()',
                '    plays = listens[["user_id", "song_id", "day"]]',
            ),
        ),
    ),
    "duplicates_dropped_over_all_columns": (
        "duplicate_listens",
        swap(
            GOOD,
            (
                '    plays = listens[["user_id", "song_id", "day"]].drop_duplicates()',
                '    plays = listens.drop_duplicates()[["user_id", "song_id", "day"]]',
            ),
        ),
    ),
    # self_pairs
    "recommends_users_to_themselves": (
        "self_pairs",
        swap(
            GOOD,
            (
                '    if ordered:\n        both = both[both["user_id_a"] != both["user_id_b"]]\n    else:',
                "    if ordered:\n        pass\n    else:",
            ),
        ),
    ),
    "self_friendship_row_paired": (
        "self_pairs",
        swap(
            GOOD,
            (
                '        both = both[both["user_id_a"] < both["user_id_b"]]',
                '        both = both[both["user_id_a"] <= both["user_id_b"]]',
            ),
            (
                '    return friends[friends["a"] != friends["b"]].drop_duplicates()',
                "    return friends.drop_duplicates()",
            ),
        ),
    ),
    # empty
    "apply_on_an_empty_friendship_table": (
        "empty",
        swap(
            GOOD,
            (
                '    friends = pd.DataFrame({"a": one.where(one < two, two), "b": two.where(one < two, one)})',
                "    friends = friendship.apply(\n"
                '        lambda row: pd.Series({"a": min(row["user1_id"], row["user2_id"]), '
                '"b": max(row["user1_id"], row["user2_id"])}),\n'
                "        axis=1,\n"
                "    )",
            ),
        ),
    ),
    # dtypes
    "zip_over_series_values": (
        "dtypes",
        swap(
            GOOD,
            (
                'list(zip(found["a"].tolist(), found["b"].tolist()))',
                'list(zip(found["a"], found["b"]))',
            ),
        ),
    ),
    "itertuples_over_the_result": (
        "dtypes",
        swap(
            GOOD,
            (
                'list(zip(found["a"].tolist(), found["b"].tolist()))',
                "[tuple(row) for row in found[['a', 'b']].itertuples(index=False)]",
            ),
        ),
    ),
    # no_mutation
    "replays_dropped_in_place": (
        "no_mutation",
        swap(
            GOOD,
            (
                '    plays = listens[["user_id", "song_id", "day"]].drop_duplicates()',
                '    listens.drop_duplicates(subset=["user_id", "song_id", "day"], inplace=True)\n'
                '    plays = listens[["user_id", "song_id", "day"]]',
            ),
        ),
    ),
    "friendship_normalised_in_place": (
        "no_mutation",
        swap(
            GOOD,
            (
                '    one, two = friendship["user1_id"], friendship["user2_id"]\n'
                '    friends = pd.DataFrame({"a": one.where(one < two, two), "b": two.where(one < two, one)})',
                '    one, two = friendship["user1_id"].copy(), friendship["user2_id"].copy()\n'
                '    friendship["user1_id"] = one.where(one < two, two)\n'
                '    friendship["user2_id"] = two.where(one < two, one)\n'
                '    friends = friendship.rename(columns={"user1_id": "a", "user2_id": "b"})[["a", "b"]]',
            ),
        ),
    ),
    # scale
    "iterrows_into_a_dict_of_sets": (
        "scale_listens",
        swap(
            SCALE,
            (
                "    for user, song, day in zip(\n"
                '        listens["user_id"].tolist(), listens["song_id"].tolist(), listens["day"].tolist()\n'
                "    ):\n"
                "        seen.setdefault(user, set()).add((song, day))",
                "    for _, row in listens.iterrows():\n"
                '        seen.setdefault(row["user_id"], set()).add((row["song_id"], row["day"]))',
            ),
        ),
    ),
    "listens_filtered_per_friendship": (
        "scale_friendships",
        # numpy masks rather than .loc: a pandas internal `except Exception` can swallow the
        # scale test's CPU-limit signal, and the audit then waits for the whole loop
        """
from collections import Counter


def similar_friends(listens, friendship):
    user = listens["user_id"].to_numpy()
    song, day = listens["song_id"].to_numpy(), listens["day"].to_numpy()
    found = set()
    for a, b in zip(friendship["user1_id"].tolist(), friendship["user2_id"].tolist()):
        if a == b:
            continue
        mine = set(zip(song[user == a].tolist(), day[user == a].tolist()))
        theirs = set(zip(song[user == b].tolist(), day[user == b].tolist()))
        days = Counter(d for _, d in mine & theirs)
        if any(n >= 3 for n in days.values()):
            found.add((min(a, b), max(a, b)))
    return sorted(found)
""",
    ),
    "all_pairs_of_users": ("scale_users", SCALE),
}
