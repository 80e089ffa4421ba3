"""Hidden tests for graphs/03_leetcodify_friends: `similar_friends` and `recommend_friends`."""

import itertools
from collections import defaultdict

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from workbook.contract import pins
from workbook.grading.asserts import assert_returns, assert_type
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales, workload

MONDAY, TUESDAY = "2021-03-15", "2021-03-16"


def listens_frame(rows, id_dtype="int64", day_dtype="str", **extra) -> pd.DataFrame:
    """`listens` from (user_id, song_id, day) rows, with the dtypes the contract allows."""
    users, songs, days = zip(*rows, strict=True) if rows else ((), (), ())
    day = pd.Series(list(days), dtype="str")
    return pd.DataFrame(
        {
            "user_id": pd.Series(list(users), dtype=id_dtype),
            "song_id": pd.Series(list(songs), dtype=id_dtype),
            "day": pd.to_datetime(day) if day_dtype == "datetime64" else day,
            **extra,
        }
    )


def friendship_frame(rows, id_dtype="int64") -> pd.DataFrame:
    ones, twos = zip(*rows, strict=True) if rows else ((), ())
    return pd.DataFrame(
        {
            "user1_id": pd.Series(list(ones), dtype=id_dtype),
            "user2_id": pd.Series(list(twos), dtype=id_dtype),
        }
    )


def plays(user, songs, day=MONDAY):
    return [(user, song, day) for song in songs]


# The published LeetCode 1917/1919 tables.
LISTENS = listens_frame(
    plays(1, [10, 11, 12])
    + plays(2, [10, 11, 12])
    + plays(3, [10, 11, 12])
    + plays(4, [10, 11, 13])
    + plays(5, [10, 11, 12], TUESDAY)
)
FRIENDSHIP_1919 = friendship_frame([(1, 2), (2, 4), (2, 5)])
FRIENDSHIP_1917 = friendship_frame([(1, 2)])


def brute_matches(rows) -> set[tuple[int, int]]:
    """Every ordered pair of distinct users with >= 3 common songs on one day, by enumeration."""
    songs = defaultdict(set)
    for user, song, day in rows:
        songs[user, day].add(song)
    users = sorted({user for user, _, _ in rows})
    days = {day for _, _, day in rows}
    return {
        (a, b)
        for a, b in itertools.permutations(users, 2)
        if any(len(songs[a, day] & songs[b, day]) >= 3 for day in days)
    }


def brute_similar(rows, friends) -> list[tuple[int, int]]:
    matches = brute_matches(rows)
    friendships = {(min(a, b), max(a, b)) for a, b in friends if a != b}
    return sorted(pair for pair in friendships if pair in matches)


def brute_recommend(rows, friends) -> list[tuple[int, int]]:
    friendships = {(a, b) for a, b in friends} | {(b, a) for a, b in friends}
    return sorted(pair for pair in brute_matches(rows) if pair not in friendships)


def reference_hits(listens, ordered):
    plays_ = listens[["user_id", "song_id", "day"]].drop_duplicates()
    both = plays_.merge(plays_, on=["song_id", "day"], suffixes=("_a", "_b"))
    keep = (
        both["user_id_a"] != both["user_id_b"] if ordered else both["user_id_a"] < both["user_id_b"]
    )
    per_day = both[keep].groupby(["user_id_a", "user_id_b", "day"], sort=False).size()
    hits = per_day[per_day >= 3].reset_index()
    return pd.DataFrame({"a": hits["user_id_a"], "b": hits["user_id_b"]}).drop_duplicates()


def reference_similar(listens, friendship):
    """The scale tests' yardstick: one self-join, one groupby, one merge."""
    one, two = friendship["user1_id"], friendship["user2_id"]
    friends = pd.DataFrame({"a": one.where(one < two, two), "b": two.where(one < two, one)})
    found = reference_hits(listens, ordered=False).merge(friends.drop_duplicates(), on=["a", "b"])
    return found.sort_values(["a", "b"])


def reference_recommend(listens, friendship):
    one, two = friendship["user1_id"], friendship["user2_id"]
    friends = pd.DataFrame({"a": pd.concat([one, two]), "b": pd.concat([two, one])})
    marked = reference_hits(listens, ordered=True).merge(
        friends.drop_duplicates(), on=["a", "b"], how="left", indicator=True
    )
    return marked[marked["_merge"] == "left_only"].sort_values(["a", "b"])


@pins("similar_pairs", "same_day")
def test_leetcode_1919_example_gives_one_pair_of_friends():
    assert_returns([(1, 2)], similar_friends, LISTENS, FRIENDSHIP_1919)


@pins("recommendations", "same_day")
def test_leetcode_1917_example_recommends_in_both_directions():
    expected = [(1, 3), (2, 3), (3, 1), (3, 2)]
    assert_returns(expected, recommend_friends, LISTENS, FRIENDSHIP_1917)
    assert_returns(expected, recommend_friends, LISTENS, FRIENDSHIP_1919)


@pins("returns")
def test_returns_a_list_of_tuples_of_python_ints():
    for fn, friends in ((similar_friends, FRIENDSHIP_1919), (recommend_friends, FRIENDSHIP_1917)):
        result = fn(LISTENS, friends)
        call = f"{fn.__name__}(LISTENS, FRIENDSHIP)"
        assert_type(result, list, call)
        for pair in result:
            assert_type(pair, tuple, f"an item of {call}")
            assert_type(pair[0], int, f"an id in {call}")
            assert_type(pair[1], int, f"an id in {call}")
    assert_returns([(1, 2)], similar_friends, LISTENS, FRIENDSHIP_1919)
    assert_returns([(1, 3), (2, 3), (3, 1), (3, 2)], recommend_friends, LISTENS, FRIENDSHIP_1917)


@pins("returns")
def test_nothing_qualifies_gives_an_empty_list():
    assert_returns([], similar_friends, LISTENS, friendship_frame([(2, 4), (4, 5)]))
    no_match = listens_frame(plays(1, [10, 11]) + plays(2, [10, 11]))
    assert_returns([], recommend_friends, no_match, FRIENDSHIP_1917)


@pins("ordering")
def test_pairs_are_sorted_by_first_then_second_id():
    # users 9, 7, 8 and 3 all play the same three songs; rows arrive highest id first
    rows = plays(9, [3, 2, 1]) + plays(8, [3, 2, 1]) + plays(7, [3, 2, 1]) + plays(3, [3, 2, 1])
    listens = listens_frame(rows)
    friends = friendship_frame([(9, 8), (8, 3), (9, 7), (3, 7)])
    assert_returns([(3, 7), (3, 8), (7, 9), (8, 9)], similar_friends, listens, friends)
    expected = [(3, 9), (7, 8), (8, 7), (9, 3)]
    assert_returns(expected, recommend_friends, listens, friends)


@pins("similar_pairs")
def test_a_friendship_written_backwards_or_listed_twice_gives_one_pair():
    friends = friendship_frame([(2, 1), (1, 2), (2, 1), (3, 1)])
    assert_returns([(1, 2), (1, 3)], similar_friends, LISTENS, friends)
    assert_returns([(2, 3)], similar_friends, LISTENS, friendship_frame([(3, 2), (3, 2)]))


@pins("recommendations")
def test_friends_in_either_orientation_are_not_recommended():
    assert_returns([(1, 3), (3, 1)], recommend_friends, LISTENS, friendship_frame([(2, 1), (3, 2)]))
    assert_returns([(1, 2), (2, 1)], recommend_friends, LISTENS, friendship_frame([(3, 1), (2, 3)]))


@pins("recommendations")
def test_users_without_any_friendship_row_are_recommended():
    # 6 and 7 appear in no friendship row; 1 and 6 are not friends either
    rows = plays(1, [1, 2, 3]) + plays(6, [1, 2, 3]) + plays(7, [1, 2, 3])
    friends = friendship_frame([(1, 7), (2, 3)])
    assert_returns(
        [(1, 6), (6, 1), (6, 7), (7, 6)], recommend_friends, listens_frame(rows), friends
    )


@pins("same_day")
def test_matches_on_different_days_do_not_add_up():
    two_and_two = plays(1, [10, 11]) + plays(2, [10, 11]) + plays(1, [12, 13], TUESDAY)
    two_and_two += plays(2, [12, 13], TUESDAY)
    same_two_twice = plays(1, [10, 11]) + plays(2, [10, 11]) + plays(1, [10, 11], TUESDAY)
    same_two_twice += plays(2, [10, 11], TUESDAY)
    three_over_two_days = plays(1, [10, 11]) + plays(2, [10, 11]) + plays(1, [12], TUESDAY)
    three_over_two_days += plays(2, [12], TUESDAY)
    for rows in (two_and_two, same_two_twice, three_over_two_days):
        assert_returns([], similar_friends, listens_frame(rows), FRIENDSHIP_1917)
        assert_returns([], recommend_friends, listens_frame(rows), friendship_frame([]))


@pins("same_day")
def test_a_pair_matching_on_two_days_is_listed_once():
    rows = plays(1, [1, 2, 3]) + plays(2, [1, 2, 3]) + plays(1, [4, 5, 6], TUESDAY)
    rows += plays(2, [4, 5, 6], TUESDAY)
    assert_returns([(1, 2)], similar_friends, listens_frame(rows), FRIENDSHIP_1917)
    assert_returns([(1, 2), (2, 1)], recommend_friends, listens_frame(rows), friendship_frame([]))


@pins("threshold")
def test_exactly_three_shared_songs_qualify_and_two_do_not():
    rows = plays(1, [1, 2, 3, 4]) + plays(2, [2, 3, 4, 5]) + plays(3, [3, 4, 5, 6])
    friends = friendship_frame([(1, 2), (1, 3), (2, 3)])
    assert_returns([(1, 2), (2, 3)], similar_friends, listens_frame(rows), friends)
    expected = [(1, 2), (2, 1), (2, 3), (3, 2)]
    assert_returns(expected, recommend_friends, listens_frame(rows), friendship_frame([]))


@pins("duplicate_listens")
def test_replaying_a_song_counts_once():
    rows = plays(1, [10, 11, 11, 11]) + plays(2, [10, 11, 10]) + plays(3, [10, 10, 10])
    listens = listens_frame(rows)
    assert_returns([], similar_friends, listens, friendship_frame([(1, 2), (1, 3), (2, 3)]))
    assert_returns([], recommend_friends, listens, friendship_frame([]))


@pins("duplicate_listens")
def test_replays_with_different_timestamps_still_count_once():
    rows = plays(1, [10, 11, 12]) + plays(2, [10, 11, 11])
    listens = listens_frame(rows, ts=[100, 200, 300, 150, 250, 900])
    assert_returns([], similar_friends, listens, FRIENDSHIP_1917)
    assert_returns([], recommend_friends, listens, friendship_frame([]))
    listens = listens_frame(rows + plays(2, [12]), ts=[100, 200, 300, 150, 250, 900, 950])
    assert_returns([(1, 2)], similar_friends, listens, FRIENDSHIP_1917)


@pins("self_pairs")
def test_self_friendship_rows_are_ignored():
    friends = friendship_frame([(3, 3), (1, 1), (1, 2)])
    assert_returns([(1, 2)], similar_friends, LISTENS, friends)
    assert_returns([(1, 3), (2, 3), (3, 1), (3, 2)], recommend_friends, LISTENS, friends)


@pins("self_pairs")
def test_nobody_is_recommended_to_themself():
    expected = [(1, 2), (1, 3), (2, 1), (2, 3), (3, 1), (3, 2)]
    assert_returns(expected, recommend_friends, LISTENS, friendship_frame([]))
    alone = listens_frame(plays(8, [1, 2, 3, 4]))
    assert_returns([], recommend_friends, alone, friendship_frame([]))


@pins("empty")
def test_empty_frames_are_valid_input():
    no_listens, no_friends = listens_frame([]), friendship_frame([])
    assert_returns([], similar_friends, no_listens, FRIENDSHIP_1919)
    assert_returns([], recommend_friends, no_listens, FRIENDSHIP_1919)
    assert_returns([], similar_friends, LISTENS, no_friends)
    expected = [(1, 2), (1, 3), (2, 1), (2, 3), (3, 1), (3, 2)]
    assert_returns(expected, recommend_friends, LISTENS, no_friends)
    assert_returns([], similar_friends, no_listens, no_friends)
    assert_returns([], recommend_friends, no_listens, no_friends)


@pins("dtypes")
def test_int32_and_nullable_ids_and_datetime_days_give_the_same_python_ints():
    rows = (
        plays(1, [10, 11, 12]) + plays(2, [10, 11, 12]) + plays(3, [10, 11, 12])
        + plays(4, [10, 11, 13]) + plays(5, [10, 11, 12], TUESDAY)
    )  # fmt: skip
    for id_dtype in ("int32", "Int64", "int64"):
        for day_dtype in ("str", "datetime64"):
            listens = listens_frame(rows, id_dtype, day_dtype)
            assert_returns(
                [(1, 2)], similar_friends, listens, friendship_frame([(1, 2), (2, 4)], id_dtype)
            )
            assert_returns(
                [(1, 3), (2, 3), (3, 1), (3, 2)],
                recommend_friends,
                listens,
                friendship_frame([(2, 1)], id_dtype),
            )


@pins("dtypes")
def test_extra_columns_and_any_index_are_ignored():
    listens = LISTENS.assign(ms_played=range(100, 115), track_uri="spotify:track:x")
    listens = listens.set_axis([7] * 5 + list(range(10)))
    friends = FRIENDSHIP_1919.assign(since="2020").set_axis(["x", "y", "x"])
    assert_returns([(1, 2)], similar_friends, listens, friends)
    assert_returns([(1, 3), (2, 3), (3, 1), (3, 2)], recommend_friends, listens, friends)


@pins("no_mutation")
def test_inputs_are_not_modified():
    rows = plays(2, [11, 10, 12, 12]) + plays(1, [12, 11, 10]) + plays(3, [10, 11, 12])
    listens = listens_frame(rows, ms_played=range(10)).set_axis(list(range(19, 9, -1)))
    friends = friendship_frame([(2, 1), (3, 3), (2, 1), (3, 1)]).set_axis([5, 1, 3, 2])
    # assert_returns also fails, naming the argument, if a call changed its input
    assert_returns([(1, 2), (1, 3)], similar_friends, listens, friends)
    assert_returns([(2, 3), (3, 2)], recommend_friends, listens, friends)


def slots_to_rows(slots):
    """Eight (user, day) slots, users 1-4 on Monday and Tuesday, each a list of songs 1-4
    with replays: dense enough that pairs often share exactly two, three or four songs."""
    return [
        (1 + i // 2, song, (MONDAY, TUESDAY)[i % 2])
        for i, songs in enumerate(slots)
        for song in songs
    ]


LISTEN_ROWS = st.lists(st.lists(st.integers(1, 4), max_size=6), min_size=8, max_size=8).map(
    slots_to_rows
)
# user 5 has friends but never listens
FRIEND_ROWS = st.lists(st.tuples(st.integers(1, 5), st.integers(1, 5)), max_size=6)

# The two randomized tests check every clause on small tables (empty ones included) against a
# brute force. They pin only `empty`, whose mutant fails on the first example: a mutant that
# fails after many examples makes hypothesis shrink through hundreds of pandas calls, and the
# audit grades every mutant of a clause with every test that pins it. The other clauses have
# dedicated tests above.


@pins("empty")
@derandomized(max_examples=25)
@given(rows=LISTEN_ROWS, friends=FRIEND_ROWS)
def test_similar_friends_match_a_brute_force_on_random_tables(rows, friends):
    assert_returns(
        brute_similar(rows, friends),
        similar_friends,
        listens_frame(rows),
        friendship_frame(friends),
    )


@pins("empty")
@derandomized(max_examples=25)
@given(rows=LISTEN_ROWS, friends=FRIEND_ROWS)
def test_recommendations_match_a_brute_force_on_random_tables(rows, friends):
    assert_returns(
        brute_recommend(rows, friends),
        recommend_friends,
        listens_frame(rows),
        friendship_frame(friends),
    )


def many_listens(size=150_000, users=100_000, songs=50_000, parties=5_000, seed=7):
    """`size` listens over 30 days: listening parties (2-5 users playing the same 2-5 songs on one
    day, so pairs both qualify and narrowly miss) plus uniform background plays; and the
    parties' pairs, half of which are friends."""
    rng = np.random.default_rng(seed)
    days = pd.date_range("2026-01-01", periods=30).strftime("%Y-%m-%d").to_numpy()
    user_parts, song_parts, day_parts, pairs = [], [], [], []
    for _ in range(parties):
        members = rng.choice(users, rng.integers(2, 6), replace=False)
        tracks = rng.choice(songs, rng.integers(2, 6), replace=False)
        user_parts.append(np.repeat(members, len(tracks)))
        song_parts.append(np.tile(tracks, len(members)))
        day_parts.append(np.full(len(members) * len(tracks), rng.integers(0, 30)))
        pairs.extend(itertools.combinations(members.tolist(), 2))
    rest = size - sum(len(part) for part in user_parts)
    user = np.concatenate([*user_parts, rng.integers(0, users, rest)])
    song = np.concatenate([*song_parts, rng.integers(0, songs, rest)])
    day = np.concatenate([*day_parts, rng.integers(0, 30, rest)])
    order = rng.permutation(size)
    listens = pd.DataFrame(
        {
            "user_id": user[order].astype("int64"),
            "song_id": song[order].astype("int64"),
            "day": pd.Series(days[day[order]], dtype="str"),
        }
    )
    pairs = np.array(pairs)
    return listens, pairs[rng.random(len(pairs)) < 0.5], rng


def friendships_for(pairs, count, users, rng):
    """`count` friendship rows: party pairs first (some written backwards), then random ones."""
    chosen = pairs[: count // 2]
    chosen = np.where(rng.random((len(chosen), 1)) < 0.5, chosen, chosen[:, ::-1])
    rest = rng.integers(0, users, (count - len(chosen), 2))
    rows = np.concatenate([chosen, rest])[rng.permutation(count)]
    return friendship_frame(list(map(tuple, rows.tolist())))


def scale_inputs():
    listens, pairs, rng = many_listens()
    few = friendships_for(pairs, 1_000, 100_000, rng)
    many = friendships_for(pairs, 100_000, 100_000, rng)
    return listens, few, many


@pins("scale_listens")
def test_scale_similar_friends_on_150000_listens():
    similar_friends(LISTENS, FRIENDSHIP_1919)  # fail fast, before building the large input
    listens, few, _ = workload("leetcodify_listens", scale_inputs)
    assert_scales(
        lambda: similar_friends(listens, few),
        lambda: reference_similar(listens, few),
        factor=10,
        what="similar_friends on 150,000 listens by 100,000 users, 1,000 friendships",
        advice="Find co-listens with one self-merge of listens on (song_id, day) and count them "
        "with one groupby; no iterrows or apply(axis=1) over listens.",
    )


@pins("scale_friendships")
def test_scale_similar_friends_with_100000_friendships():
    similar_friends(LISTENS, FRIENDSHIP_1919)
    listens, _, many = workload("leetcodify_listens", scale_inputs)
    assert_scales(
        lambda: similar_friends(listens, many),
        lambda: reference_similar(listens, many),
        factor=10,
        what="similar_friends on 150,000 listens with 100,000 friendship rows",
        advice="Join the friendships to the qualifying pairs with one merge; do not filter "
        "listens once per friendship.",
    )


@pins("scale_users")
def test_scale_recommendations_for_100000_users():
    recommend_friends(LISTENS, FRIENDSHIP_1917)
    listens, _, many = workload("leetcodify_listens", scale_inputs)
    assert_scales(
        lambda: recommend_friends(listens, many),
        lambda: reference_recommend(listens, many),
        factor=10,
        what="recommend_friends on 150,000 listens by 100,000 users",
        advice="Only users who played the same song on the same day can qualify: get them from "
        "a self-merge on (song_id, day), then anti-join the friendships; never loop over all "
        "pairs of users.",
    )
