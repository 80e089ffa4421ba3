"""Hidden tests for event_streams/09_sql_to_mapreduce: the SQL, map/reduce and external versions."""

import random
import sqlite3
import tempfile
from collections import defaultdict

from hypothesis import given
from hypothesis import strategies as st

from workbook.contract import pins
from workbook.grading.asserts import assert_equal, assert_raises, assert_returns, assert_type
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales, workload

PLAYS = [
    ("SE", "ABBA", "ana"),
    ("SE", "ABBA", "ana"),
    ("SE", "ABBA", "bo"),
    ("SE", "Robyn", "ana"),
    ("SE", "Robyn", "cy"),
    ("SE", "Avicii", "dag"),
    ("US", "Robyn", "ana"),
    ("US", "Drake", "ed"),
]
EXPECTED = [("SE", "ABBA", 2), ("SE", "Robyn", 2), ("US", "Drake", 1), ("US", "Robyn", 1)]

ORACLE_SQL = """
    SELECT country, artist, listeners FROM (
        SELECT country, artist, listeners,
               ROW_NUMBER() OVER (PARTITION BY country ORDER BY listeners DESC, artist) AS n
        FROM (SELECT country, artist, COUNT(DISTINCT listener) AS listeners
              FROM plays GROUP BY country, artist)
    ) WHERE n <= :k ORDER BY country, listeners DESC, artist
"""


def sqlite_rows(sql, rows, k):
    with sqlite3.connect(":memory:") as db:
        db.execute("CREATE TABLE plays (country TEXT, artist TEXT, listener TEXT)")
        db.executemany("INSERT INTO plays VALUES (?, ?, ?)", rows)
        return db.execute(sql, {"k": k}).fetchall()


def oracle(rows, k):
    """The oracle: SQLite on the same rows, with a query written independently."""
    return sqlite_rows(ORACLE_SQL, rows, k)


def your_sql_on_sqlite(rows, k):
    """Runs the query from top_artists_sql() on a `plays` table holding `rows`."""
    return sqlite_rows(top_artists_sql(), rows, k)


def external_in_a_tempdir(rows, k, max_rows_in_memory):
    """top_artists_external(iter(rows), k, max_rows_in_memory, <a fresh temporary directory>)."""
    with tempfile.TemporaryDirectory() as tmp:
        return top_artists_external(iter(rows), k, max_rows_in_memory, tmp)


def unread_rows():
    raise AssertionError("rows were read before k and max_rows_in_memory were checked")
    yield  # pragma: no cover


plays_strategy = st.lists(
    st.tuples(
        st.sampled_from(["SE", "US", "BR"]),
        st.sampled_from(["ABBA", "Robyn", "abba", "Émilie", "Zara"]),
        st.sampled_from(["ana", "bo", "cy", "dag"]),
    ),
    max_size=30,
)


@pins("distinct", "ordering", "top_k")
def test_example_from_the_statement():
    assert_returns(EXPECTED, top_artists_mapreduce, PLAYS, 2)
    assert_returns([("SE", "ABBA", 2), ("US", "Drake", 1)], top_artists_mapreduce, PLAYS, 1)
    assert_returns(
        [*EXPECTED[:2], ("SE", "Avicii", 1), *EXPECTED[2:]], top_artists_mapreduce, PLAYS, 10
    )


@pins("returns")
def test_returns_a_list_of_str_str_int_tuples_and_empty_for_no_rows():
    for name, result in (
        ("top_artists_mapreduce(PLAYS, 2)", top_artists_mapreduce(PLAYS, 2)),
        ("top_artists_external(iter(PLAYS), 2, 3, tmp)", external_in_a_tempdir(PLAYS, 2, 3)),
    ):
        assert_type(result, list, name)
        for i, row in enumerate(result):
            assert_type(row, tuple, f"{name}[{i}]")
            for j, kind in enumerate((str, str, int)):
                assert_type(row[j], kind, f"{name}[{i}][{j}]")
    assert_returns([], top_artists_mapreduce, [], 3)
    assert_returns([], external_in_a_tempdir, [], 3, 10)


@pins("sql")
def test_the_sql_is_a_str_and_gives_the_example_rows():
    assert_type(top_artists_sql(), str, "top_artists_sql()")
    assert_returns(EXPECTED, your_sql_on_sqlite, PLAYS, 2)
    assert_returns([("SE", "ABBA", 2), ("US", "Drake", 1)], your_sql_on_sqlite, PLAYS, 1)
    # a tie at the cut: ROW_NUMBER, not RANK
    tie = [("SE", a, "u") for a in ("b", "a", "c")]
    assert_returns([("SE", "a", 1), ("SE", "b", 1)], your_sql_on_sqlite, tie, 2)
    assert_returns([], your_sql_on_sqlite, [], 2)


@pins("sql", "distinct", "ordering", "top_k")
@derandomized(max_examples=25)
@given(rows=plays_strategy, k=st.integers(1, 6))
def test_sql_and_mapreduce_match_sqlite_on_random_plays(rows, k):
    expected = oracle(rows, k)
    assert_returns(expected, your_sql_on_sqlite, rows, k)
    assert_returns(expected, top_artists_mapreduce, rows, k)


@pins("distinct")
def test_listeners_are_distinct_and_counted_per_country():
    plays = [("SE", "ABBA", "ana")] * 10 + [("SE", "Robyn", "bo"), ("SE", "Robyn", "cy")]
    assert_returns([("SE", "Robyn", 2), ("SE", "ABBA", 1)], top_artists_mapreduce, plays, 2)
    both = [("SE", "ABBA", "ana"), ("NO", "ABBA", "ana"), ("NO", "ABBA", "ana")]
    assert_returns([("NO", "ABBA", 1), ("SE", "ABBA", 1)], top_artists_mapreduce, both, 1)


@pins("ordering")
def test_rows_sorted_by_country_then_listeners_desc_then_artist_in_str_order():
    plays = [
        ("US", "zed", "a"),
        ("BR", "Anitta", "a"),
        ("US", "Zed", "a"),  # "Z" < "z" in str order
        ("US", "Émilie", "a"),  # "É" sorts after ASCII letters
        ("US", "Adele", "a"),
        ("US", "Adele", "b"),
        ("AR", "Duki", "a"),
    ]
    expected = [
        ("AR", "Duki", 1),
        ("BR", "Anitta", 1),
        ("US", "Adele", 2),
        ("US", "Zed", 1),
        ("US", "zed", 1),
        ("US", "Émilie", 1),
    ]
    assert_returns(expected, top_artists_mapreduce, plays, 5)
    assert_returns(expected, top_artists_mapreduce, plays[::-1], 5)
    assert_returns(expected, external_in_a_tempdir, plays[::-1], 5, 2)


@pins("top_k")
def test_ties_at_the_cut_never_give_more_than_k_rows():
    plays = [("SE", artist, "u") for artist in ("d", "b", "a", "c")] + [("SE", "e", "v")] * 2
    plays += [("SE", "e", "w")]
    assert_returns([("SE", "e", 2), ("SE", "a", 1)], top_artists_mapreduce, plays, 2)
    assert_returns(
        [("SE", "e", 2), ("SE", "a", 1), ("SE", "b", 1)], top_artists_mapreduce, plays, 3
    )
    assert_returns([("SE", "e", 2)], top_artists_mapreduce, plays, 1)
    assert_returns([("SE", "e", 2), ("SE", "a", 1)], external_in_a_tempdir, plays, 2, 2)


@pins("top_k")
def test_a_country_with_fewer_than_k_artists_lists_them_all():
    plays = [("IS", "Björk", "a"), ("SE", "ABBA", "a"), ("SE", "Robyn", "b"), ("SE", "Lykke", "c")]
    expected = [("IS", "Björk", 1), ("SE", "ABBA", 1), ("SE", "Lykke", 1), ("SE", "Robyn", 1)]
    assert_returns(expected, top_artists_mapreduce, plays, 3)
    assert_returns(expected, top_artists_mapreduce, plays, 1_000)
    assert_returns([("IS", "Björk", 1), ("SE", "ABBA", 1)], top_artists_mapreduce, plays, 1)


@pins("map_reduce")
def test_map_fn_keys_by_country_and_reduce_fn_takes_values_in_any_order():
    groups = defaultdict(list)
    for row in PLAYS:
        pairs = list(map_fn(row))
        if not pairs or any(key != row[0] for key, _ in pairs):
            raise AssertionError(
                f"map_fn({row!r}) returned {pairs!r}: every key must be the country {row[0]!r}"
            )
        for key, value in pairs:
            groups[key].append(value)
    values = groups["SE"][::-1]
    random.Random(3).shuffle(values)
    assert_returns(EXPECTED[:2], reduce_fn, "SE", values, 2)
    assert_returns(
        [*EXPECTED[:2], ("SE", "Avicii", 1)], reduce_fn, "SE", tuple(groups["SE"][::-1]), 5
    )
    assert_returns(EXPECTED[2:], reduce_fn, "US", groups["US"][::-1], 2)


@pins("errors")
def test_bad_k_and_cap_raise_before_rows_are_read():
    for bad in (0, -3):
        assert_raises(ValueError, top_artists_mapreduce, PLAYS, bad, match=str(bad))
        assert_raises(
            ValueError, top_artists_external, PLAYS, bad, 10, "/nonexistent", match=str(bad)
        )
        assert_raises(
            ValueError, top_artists_external, PLAYS, 2, bad, "/nonexistent", match=str(bad)
        )
    for bad in (True, 2.0, "2", None):
        assert_raises(TypeError, top_artists_mapreduce, PLAYS, bad)
        assert_raises(TypeError, top_artists_external, PLAYS, bad, 10, "/nonexistent")
        assert_raises(TypeError, top_artists_external, PLAYS, 2, bad, "/nonexistent")
    assert_raises(ValueError, top_artists_mapreduce, unread_rows(), 0, match="0")
    assert_raises(ValueError, top_artists_external, unread_rows(), 0, 10, "/nonexistent", match="0")
    assert_raises(ValueError, top_artists_external, unread_rows(), 2, 0, "/nonexistent", match="0")
    # k is checked first
    assert_raises(TypeError, top_artists_external, unread_rows(), 1.5, 0, "/nonexistent")
    assert_raises(
        ValueError, top_artists_external, unread_rows(), -1, 2.5, "/nonexistent", match="-1"
    )


@pins("no_mutation")
def test_rows_and_values_are_not_modified():
    # assert_returns fails, naming the argument, if the call changed it
    assert_returns(EXPECTED, top_artists_mapreduce, PLAYS[::-1], 2)
    values = [value for row in PLAYS[::-1] if row[0] == "SE" for _, value in map_fn(row)]
    assert_returns(EXPECTED[:2], reduce_fn, "SE", values, 2)
    with tempfile.TemporaryDirectory() as tmp:
        assert_returns(EXPECTED, top_artists_external, PLAYS[::-1], 2, 3, tmp)


@pins("external")
@derandomized(max_examples=40)
@given(rows=plays_strategy, k=st.integers(1, 4), cap=st.integers(1, 8))
def test_external_matches_sqlite_for_every_cap_reading_an_iterator_once(rows, k, cap):
    assert_returns(oracle(rows, k), external_in_a_tempdir, rows, k, cap)


@pins("external")
def test_external_with_a_cap_that_does_not_divide_the_rows():
    plays = PLAYS * 3 + [("US", "Drake", "fi")]  # 25 rows: runs of 4 leave one row over
    expected = [("SE", "ABBA", 2), ("SE", "Robyn", 2), ("US", "Drake", 2), ("US", "Robyn", 1)]
    for cap in (1, 4, 7, 24, 25, 26, 1_000):
        assert_returns(expected, external_in_a_tempdir, plays, 2, cap)


class Listener(str):
    """A listener id that counts how many of its kind are alive (CPython frees at once)."""

    alive = 0

    def __del__(self):
        Listener.alive -= 1


def counted_rows(n, seen):
    rng = random.Random(9)
    for _ in range(n):
        Listener.alive += 1
        listener = Listener(f"user{rng.randrange(2_000)}")
        seen.append(Listener.alive)
        yield (f"C{rng.randrange(20):02d}", f"artist{rng.randrange(300)}", listener)
        del listener
    seen.append(Listener.alive)


@pins("memory")
def test_external_holds_at_most_max_rows_in_memory_rows():
    assert_returns([("SE", "ABBA", 1)], external_in_a_tempdir, [("SE", "ABBA", "a")], 1, 1)
    cap = 500
    seen = []
    Listener.alive = 0
    with tempfile.TemporaryDirectory() as tmp:
        result = top_artists_external(counted_rows(20_000, seen), 3, cap, tmp)
    most = max(seen)
    if most > 2 * cap + 2:
        raise AssertionError(
            f"top_artists_external(<20,000 rows from a generator>, 3, {cap}, tmp) held {most:,} "
            f"input rows at once; the cap is {cap} (the test allows {2 * cap + 2}). Sort at most "
            f"max_rows_in_memory rows, write them to a file under tmpdir, clear the buffer, "
            f"and merge the files with heapq.merge at the end."
        )
    expected_rows = [(c, a, str(u)) for c, a, u in counted_rows(20_000, [])]
    assert_equal(result, oracle(expected_rows, 3), "top_artists_external(20,000 rows, 3, 500, tmp)")


def reference(rows, k):
    listeners = defaultdict(lambda: defaultdict(set))
    for country, artist, listener in rows:
        listeners[country][artist].add(listener)
    result = []
    for country in sorted(listeners):
        ranked = sorted((-len(who), artist) for artist, who in listeners[country].items())
        result.extend((country, artist, -n) for n, artist in ranked[:k])
    return result


def many_plays(n, countries, artists, users, seed):
    rng = random.Random(seed)
    return [
        (
            f"C{rng.randrange(countries)}",
            f"artist{rng.randrange(artists)}",
            f"u{rng.randrange(users)}",
        )
        for _ in range(n)
    ]


@pins("scale_rows")
def test_scale_100000_rows():
    assert_returns(EXPECTED, top_artists_mapreduce, PLAYS, 2)  # fail fast
    rows = workload("top_artists_100000_rows", lambda: many_plays(100_000, 2, 10, 3_000, 1))
    assert_scales(
        lambda: top_artists_mapreduce(rows, 10),
        lambda: reference(rows, 10),
        factor=10,
        what="top_artists_mapreduce on 100,000 plays (2 countries, 10 artists, 3,000 listeners)",
        advice="Count distinct listeners with a set per artist (a list makes every play a scan "
        "of the listeners seen so far), and do one pass over the rows.",
    )


@pins("scale_k")
def test_scale_20000_artists_with_k_5000():
    assert_returns(EXPECTED, top_artists_mapreduce, PLAYS, 2)
    rows = workload("top_artists_20000_artists", lambda: many_plays(40_000, 1, 20_000, 50, 2))
    assert_scales(
        lambda: top_artists_mapreduce(rows, 5_000),
        lambda: reference(rows, 5_000),
        factor=10,
        what="top_artists_mapreduce on one country with 20,000 artists, k=5,000",
        advice="Sort a country's (-listeners, artist) pairs once and slice, or use "
        "heapq.nsmallest(k, ...); never pick the maximum k times.",
    )
