"""Hidden tests for home/01_listening_data_analysis: eight functions over listening sessions.

Oracles are independent of the reference: SQLite queries over the de-duplicated rows, and
plain Python loops over rows for the per-session and per-listener answers."""

import math
import re
import sqlite3
from statistics import NormalDist

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from workbook.compare import Tolerance
from workbook.contract import pins
from workbook.data.sessions import CONTEXTS, listening_sessions
from workbook.grading.asserts import (
    assert_equal,
    assert_raises,
    assert_returns,
    assert_type,
    assert_unmodified,
    fail_if,
)
from workbook.grading.randomized import derandomized
from workbook.grading.scale import assert_scales, workload

KEY = ["session_id", "session_position"]
Z = NormalDist().inv_cdf(0.975)
CI_TOL = Tolerance(rel=1e-6, abs=1e-6)
CAVEATS = re.compile(r"\b(observational|confounded|confounding|confounder)\b", re.I)


def frame(rows) -> pd.DataFrame:
    """Plays with the data dictionary's dtypes from (session, user, day, position, context,
    shuffle, level, premium) tuples; level 0 = to the end, 1 = skip_3, 2 = skip_2, 3 = skip_1."""
    columns = list(zip(*rows, strict=True)) if rows else [()] * 8
    session, user, day, position, context, shuffle, level, premium = (list(c) for c in columns)
    level = np.array(level, dtype="int64")
    lengths = {}
    for s, p in zip(session, position, strict=True):
        lengths[s] = max(lengths.get(s, 0), p)
    return pd.DataFrame(
        {
            "session_id": pd.Series(session, dtype="int64"),
            "user_id": pd.Series(user, dtype="int64"),
            "date": pd.Series(
                [pd.Timestamp("2026-03-02") + pd.Timedelta(days=int(d)) for d in day],
                dtype="datetime64[ns]",
            ),
            "session_position": pd.Series(position, dtype="int64"),
            "session_length": pd.Series([lengths[s] for s in session], dtype="int64"),
            "track_id": pd.Series([100 + p for p in position], dtype="int64"),
            "context_type": pd.Categorical(context, categories=list(CONTEXTS)),
            "shuffle": pd.Series(shuffle, dtype="bool"),
            "skip_1": pd.Series(level >= 3, dtype="bool"),
            "skip_2": pd.Series(level >= 2, dtype="bool"),
            "skip_3": pd.Series(level >= 1, dtype="bool"),
            "not_skipped": pd.Series(level == 0, dtype="bool"),
            "premium": pd.Series(premium, dtype="bool"),
        }
    )


EXAMPLE_ROWS = [
    (3, 1, 1, 3, "user_collection", False, 2, False),
    (1, 1, 0, 2, "charts", True, 3, False),
    (2, 2, 0, 1, "user_collection", False, 0, True),
    (1, 1, 0, 1, "charts", True, 0, False),
    (3, 1, 1, 1, "user_collection", False, 1, False),
    (1, 1, 0, 2, "charts", True, 3, False),
    (2, 2, 0, 2, "user_collection", False, 1, True),
    (1, 1, 0, 3, "charts", True, 2, False),
    (3, 1, 1, 2, "user_collection", False, 0, False),
]
EXAMPLE = frame(EXAMPLE_ROWS)


def series(values, index, index_name, index_dtype, name, dtype) -> pd.Series:
    return pd.Series(
        list(values),
        index=pd.Index(list(index), dtype=index_dtype, name=index_name),
        dtype=dtype,
        name=name,
    )


def tiers(rows) -> pd.DataFrame:
    """premium_vs_free's frame from (premium, listeners, sessions_per_listener, skip_rate)."""
    columns = list(zip(*rows, strict=True)) if rows else [()] * 4
    return pd.DataFrame(
        {
            "listeners": pd.Series(list(columns[1]), dtype="int64"),
            "sessions_per_listener": pd.Series(list(columns[2]), dtype="float64"),
            "skip_rate": pd.Series(list(columns[3]), dtype="float64"),
        }
    ).set_axis(pd.Index(list(columns[0]), dtype="bool", name="premium"))


def cohorts(rows) -> pd.DataFrame:
    """retention's frame from (cohort day, days_since, cohort_size, active, retention)."""
    columns = list(zip(*rows, strict=True)) if rows else [()] * 5
    return pd.DataFrame(
        {
            "cohort": pd.Series(
                [pd.Timestamp("2026-03-02") + pd.Timedelta(days=d) for d in columns[0]],
                dtype="datetime64[ns]",
            ),
            "days_since": pd.Series(list(columns[1]), dtype="int64"),
            "cohort_size": pd.Series(list(columns[2]), dtype="int64"),
            "active": pd.Series(list(columns[3]), dtype="int64"),
            "retention": pd.Series(list(columns[4]), dtype="float64"),
        }
    )


# ---- independent oracles -------------------------------------------------------------------


def sqlite(df: pd.DataFrame, query: str) -> list[tuple]:
    """Run `query` over the distinct rows of df (table `plays`, bools as 0/1, dates as text)."""
    db = sqlite3.connect(":memory:")
    table = df.astype({"context_type": str, "date": str}).astype(
        {c: "int64" for c in ("shuffle", "skip_1", "skip_2", "skip_3", "not_skipped", "premium")}
    )
    db.execute(f"CREATE TABLE raw ({', '.join(table.columns)})")
    db.executemany(
        f"INSERT INTO raw VALUES ({', '.join('?' * table.shape[1])})",
        [tuple(x.item() if hasattr(x, "item") else x for x in row) for row in table.to_numpy()],
    )
    db.execute("CREATE TABLE plays AS SELECT DISTINCT * FROM raw")
    return db.execute(query).fetchall()


def oracle_by_position(df):
    rows = sqlite(
        df,
        "SELECT session_position, AVG(skip_2) FROM plays GROUP BY session_position "
        "ORDER BY session_position",
    )
    return series(
        [r[1] for r in rows],
        [r[0] for r in rows],
        "session_position",
        "int64",
        "skip_rate",
        "float64",
    )


def oracle_by_context(df):
    rows = sqlite(
        df,
        "SELECT context_type, AVG(skip_2) AS r FROM plays GROUP BY context_type "
        "ORDER BY r DESC, context_type ASC",
    )
    return series(
        [r[1] for r in rows], [r[0] for r in rows], "context_type", "str", "skip_rate", "float64"
    )


def oracle_premium(df):
    rows = sqlite(
        df,
        "SELECT premium, COUNT(DISTINCT user_id), "
        "CAST(COUNT(DISTINCT session_id) AS REAL) / COUNT(DISTINCT user_id), AVG(skip_2) "
        "FROM plays GROUP BY premium ORDER BY premium",
    )
    return tiers([(bool(r[0]), r[1], r[2], r[3]) for r in rows])


def distinct_plays(df):
    """One dict per play, first copy kept, by a loop over the rows."""
    seen, plays = set(), []
    for row in df.to_dict("records"):
        key = (row["session_id"], row["session_position"])
        if key not in seen:
            seen.add(key)
            plays.append(row)
    return plays


def oracle_shuffle(df):
    per_session = {}
    for play in distinct_plays(df):
        n, y, on = per_session.get(play["session_id"], (0, 0, play["shuffle"]))
        per_session[play["session_id"]] = (n + 1, y + int(play["skip_2"]), on)
    rates, variances = {}, {}
    for arm in (True, False):
        sessions = [(n, y) for n, y, on in per_session.values() if on == arm]
        total_n, total_y = sum(n for n, _ in sessions), sum(y for _, y in sessions)
        rate = total_y / total_n
        rates[arm] = rate
        variances[arm] = sum((y - rate * n) ** 2 for n, y in sessions) / total_n**2
    diff = rates[True] - rates[False]
    half = Z * math.sqrt(variances[True] + variances[False])
    return diff, diff - half, diff + half


def oracle_first_skip(df):
    first = {}
    for play in distinct_plays(df):
        s, p = play["session_id"], play["session_position"]
        first.setdefault(s, 0)
        if play["skip_2"] and (first[s] == 0 or p < first[s]):
            first[s] = p
    ids = sorted(first)
    return series([first[s] for s in ids], ids, "session_id", "int64", "first_skip", "int64")


def oracle_retention(df):
    days_of = {}
    for user, date in zip(df["user_id"], df["date"], strict=True):
        days_of.setdefault(int(user), set()).add(pd.Timestamp(date))
    if not days_of:
        return cohorts([])
    last = max(max(d) for d in days_of.values())
    start = pd.Timestamp("2026-03-02")
    rows = []
    for cohort in sorted({min(d) for d in days_of.values()}):
        members = [u for u, d in days_of.items() if min(d) == cohort]
        for k in range((last - cohort).days + 1):
            back = sum(1 for u in members if cohort + pd.Timedelta(days=k) in days_of[u])
            rows.append(((cohort - start).days, k, len(members), back, back / len(members)))
    return cohorts(rows)


# ---- random small weeks ----------------------------------------------------------------------

SESSION = st.tuples(
    st.integers(1, 4),  # user
    st.integers(0, 3),  # day
    st.sampled_from(CONTEXTS[:4]),
    st.booleans(),  # shuffle
    st.lists(st.integers(0, 3), min_size=1, max_size=5),  # skip level per position
)


@st.composite
def weeks(draw, min_sessions=1):
    sessions = draw(st.lists(SESSION, min_size=min_sessions, max_size=7))
    premium = draw(st.lists(st.booleans(), min_size=4, max_size=4))
    rows = [
        (100 + s, user, day, position, context, shuffle, level, premium[user - 1])
        for s, (user, day, context, shuffle, levels) in enumerate(sessions)
        for position, level in enumerate(levels, 1)
    ]
    copies = draw(st.lists(st.integers(0, len(rows) - 1), max_size=3)) if rows else []
    rows += [rows[i] for i in copies]
    order = draw(st.permutations(range(len(rows))))
    return frame([rows[i] for i in order])


def both_arms(df) -> bool:
    return df["shuffle"].any() and not df["shuffle"].all()


# ---- tests ------------------------------------------------------------------------------------


@pins("skip", "dedup", "rates", "context_order", "shuffle_ci", "premium", "first_skip", "retention")
def test_examples_from_the_statement():
    assert_returns(
        series([0.0, 1 / 3, 1.0], [1, 2, 3], "session_position", "int64", "skip_rate", "float64"),
        skip_rate_by_position,
        EXAMPLE,
    )
    assert_returns(
        series(
            [2 / 3, 0.2],
            ["charts", "user_collection"],
            "context_type",
            "str",
            "skip_rate",
            "float64",
        ),
        skip_rate_by_context,
        EXAMPLE,
    )
    diff, half = 2 / 3 - 0.2, Z * math.sqrt(0.0128)
    assert_returns((diff, diff - half, diff + half), shuffle_effect, EXAMPLE, tol=CI_TOL)
    assert_returns(tiers([(False, 1, 2.0, 0.5), (True, 1, 1.0, 0.0)]), premium_vs_free, EXAMPLE)
    assert_returns(
        series([2, 0, 3], [1, 2, 3], "session_id", "int64", "first_skip", "int64"),
        first_skip,
        EXAMPLE,
    )
    assert_returns(cohorts([(0, 0, 2, 2, 1.0), (0, 1, 2, 1, 0.5)]), retention, EXAMPLE)


@pins("clean")
def test_clean_plays_keeps_columns_and_dtypes_sorts_and_reindexes():
    plays = EXAMPLE.set_axis([9, 4, 7, 1, 3, 8, 2, 6, 5])
    expected = frame(sorted(set(EXAMPLE_ROWS), key=lambda r: (r[0], r[3])))
    assert_returns(expected, clean_plays, plays)
    out = clean_plays(plays)
    assert_type(out.index, pd.RangeIndex, "clean_plays(plays).index")


@pins("clean", "dedup")
@derandomized(max_examples=10, shrink=False)
@given(df=weeks(min_sessions=0))
def test_clean_plays_matches_distinct_rows_in_key_order(df):
    plays = sorted(distinct_plays(df), key=lambda p: (p["session_id"], p["session_position"]))
    expected = pd.DataFrame(plays, columns=df.columns).astype(df.dtypes.to_dict())
    expected["context_type"] = pd.Categorical(
        expected["context_type"].astype(str) if len(plays) else [], categories=list(CONTEXTS)
    )
    assert_returns(expected.reset_index(drop=True), clean_plays, df)


@pins("dedup")
def test_a_play_uploaded_twice_counts_once_everywhere():
    rows = [
        (1, 1, 0, 1, "radio", True, 2, True),
        (1, 1, 0, 2, "radio", True, 0, True),
        (2, 2, 0, 1, "radio", False, 0, False),
        (2, 2, 0, 2, "radio", False, 2, False),
        (2, 2, 0, 3, "radio", False, 0, False),
    ]
    once, thrice = frame(rows), frame([*rows, rows[0], rows[0], rows[3]])
    assert_returns(skip_rate_by_position(once), skip_rate_by_position, thrice)
    assert_returns(skip_rate_by_context(once), skip_rate_by_context, thrice)
    assert_returns(premium_vs_free(once), premium_vs_free, thrice)
    assert_returns(shuffle_effect(once), shuffle_effect, thrice, tol=CI_TOL)
    assert_returns(
        series([0.5, 1 / 3], [True, False], "premium", "bool", None, "float64").sort_index(),
        lambda df: premium_vs_free(df)["skip_rate"].rename(None),
        thrice,
    )


@pins("skip")
def test_skip_means_skip_2_not_skip_1_or_skip_3():
    # level 1: skip_3 only; level 2: skip_2 without skip_1; level 3: all three
    rows = [(1, 1, 0, p, "catalog", False, lvl, False) for p, lvl in enumerate([1, 2, 1, 3], 1)]
    rows += [(2, 1, 0, p, "charts", True, lvl, False) for p, lvl in enumerate([2, 2, 1, 0], 1)]
    df = frame(rows)
    assert_returns(
        series(
            [0.5, 1.0, 0.0, 0.5], [1, 2, 3, 4], "session_position", "int64", "skip_rate", "float64"
        ),
        skip_rate_by_position,
        df,
    )
    assert_returns(
        series([0.5, 0.5], ["catalog", "charts"], "context_type", "str", "skip_rate", "float64"),
        skip_rate_by_context,
        df,
    )
    assert_returns(
        series([2, 1], [1, 2], "session_id", "int64", "first_skip", "int64"), first_skip, df
    )


@pins("rates", "skip", "dedup")
@derandomized(max_examples=10, shrink=False)
@given(df=weeks(min_sessions=0))
def test_skip_rate_by_position_matches_sqlite(df):
    assert_returns(oracle_by_position(df), skip_rate_by_position, df)


@pins("context_order")
def test_contexts_sorted_by_rate_then_name_without_unused_categories():
    rows = [
        (1, 1, 0, 1, "radio", False, 2, False),
        (1, 1, 0, 2, "radio", False, 0, False),
        (2, 1, 0, 1, "charts", False, 0, False),
        (2, 1, 0, 2, "charts", False, 3, False),
        (3, 1, 0, 1, "catalog", False, 2, False),
        (4, 1, 0, 1, "editorial_playlist", False, 0, False),
    ]
    assert_returns(
        series(
            [1.0, 0.5, 0.5, 0.0],
            ["catalog", "charts", "radio", "editorial_playlist"],
            "context_type",
            "str",
            "skip_rate",
            "float64",
        ),
        skip_rate_by_context,
        frame(rows),
    )


@pins("context_order", "skip", "dedup")
@derandomized(max_examples=10, shrink=False)
@given(df=weeks(min_sessions=0))
def test_skip_rate_by_context_matches_sqlite(df):
    assert_returns(oracle_by_context(df), skip_rate_by_context, df)


@pins("shuffle_ci")
def test_shuffle_effect_returns_three_floats_as_fractions():
    out = shuffle_effect(EXAMPLE)
    assert_type(out, tuple, "shuffle_effect(EXAMPLE)")
    for i, value in enumerate(out):
        assert_type(value, float, f"shuffle_effect(EXAMPLE)[{i}]")
    fail_if(
        None if 0 < out[0] < 1 else "diff must be a fraction (0.4667), not percentage points",
        shuffle_effect,
        (EXAMPLE,),
        "about 0.4667",
        repr(out[0]),
    )


@pins("shuffle_ci", "dedup")
@derandomized(max_examples=15, shrink=False)
@given(df=weeks(min_sessions=2))
def test_shuffle_effect_matches_a_loop_over_sessions(df):
    if not both_arms(df):
        return
    assert_returns(oracle_shuffle(df), shuffle_effect, df, tol=CI_TOL)


@pins("shuffle_ci")
def test_shuffle_ci_treats_sessions_not_plays_as_units():
    # two sessions per arm, each all-or-nothing: plays are perfectly correlated in a session
    rows = [(1, 1, 0, p, "radio", True, 2, False) for p in range(1, 11)]
    rows += [(2, 2, 0, p, "radio", True, 0, False) for p in range(1, 11)]
    rows += [(3, 3, 0, p, "radio", False, 0, False) for p in range(1, 11)]
    rows += [(4, 4, 0, p, "radio", False, 0, False) for p in range(1, 6)]
    rows += [(4, 4, 0, p, "radio", False, 2, False) for p in range(6, 11)]
    # on: rate 0.5, V = (25 + 25) / 400; off: rate 0.25, V = (6.25 + 6.25) / 400
    half = Z * math.sqrt(50 / 400 + 12.5 / 400)
    assert_returns((0.25, 0.25 - half, 0.25 + half), shuffle_effect, frame(rows), tol=CI_TOL)


@pins("shuffle_errors", "summary_shuffle")
def test_shuffle_effect_raises_without_both_arms():
    only_on = frame([(1, 1, 0, 1, "radio", True, 2, False), (1, 1, 0, 2, "radio", True, 0, False)])
    only_off = frame([(1, 1, 0, 1, "radio", False, 2, False)])
    for df in (only_on, only_off, frame([])):
        assert_raises(ValueError, shuffle_effect, df, match="shuffle")
        assert_raises(ValueError, summary, df, match="shuffle")
        assert_unmodified(shuffle_effect, ((df.copy(),), {}), ((df,), {}))


@pins("premium")
def test_premium_vs_free_counts_distinct_listeners_and_sessions():
    rows = [(1, 7, 0, p, "radio", False, 2 * (p % 2), True) for p in range(1, 5)]
    rows += [(2, 7, 1, p, "radio", False, 0, True) for p in range(1, 3)]
    rows += [(3, 8, 1, 1, "charts", False, 2, True)]
    assert_returns(tiers([(True, 2, 1.5, 3 / 7)]), premium_vs_free, frame(rows))


@pins("premium", "dedup")
@derandomized(max_examples=10, shrink=False)
@given(df=weeks(min_sessions=0))
def test_premium_vs_free_matches_sqlite(df):
    assert_returns(oracle_premium(df), premium_vs_free, df)


@pins("first_skip", "dedup")
@derandomized(max_examples=10, shrink=False)
@given(df=weeks(min_sessions=0))
def test_first_skip_matches_a_loop_in_any_row_order(df):
    assert_returns(oracle_first_skip(df), first_skip, df)


@pins("first_skip")
def test_first_skip_is_the_smallest_position_not_the_first_row():
    rows = [
        (5, 1, 0, 4, "radio", False, 2, False),
        (5, 1, 0, 2, "radio", False, 3, False),
        (5, 1, 0, 1, "radio", False, 1, False),
        (5, 1, 0, 3, "radio", False, 2, False),
        (9, 1, 0, 1, "radio", False, 0, False),
        (2, 1, 0, 1, "radio", False, 2, False),
    ]
    assert_returns(
        series([1, 2, 0], [2, 5, 9], "session_id", "int64", "first_skip", "int64"),
        first_skip,
        frame(rows),
    )


@pins("retention")
def test_retention_is_classic_day_n_over_observable_days():
    rows = [
        (1, 1, 0, 1, "radio", False, 0, False),
        (2, 1, 3, 1, "radio", False, 0, False),  # user 1: days 0 and 3
        (3, 2, 0, 1, "radio", False, 0, False),
        (4, 2, 1, 1, "radio", False, 0, False),
        (5, 2, 1, 2, "radio", False, 0, False),  # user 2: days 0 and 1 (twice)
        (6, 3, 2, 1, "radio", False, 0, False),
        (7, 3, 2, 1, "radio", False, 0, False),  # user 3: day 2 only
    ]
    expected = cohorts(
        [
            (0, 0, 2, 2, 1.0),
            (0, 1, 2, 1, 0.5),
            (0, 2, 2, 0, 0.0),
            (0, 3, 2, 1, 0.5),
            (2, 0, 1, 1, 1.0),
            (2, 1, 1, 0, 0.0),
        ]
    )
    assert_returns(expected, retention, frame(rows))


@pins("retention")
@derandomized(max_examples=10, shrink=False)
@given(df=weeks(min_sessions=0))
def test_retention_matches_a_loop_over_listeners(df):
    assert_returns(oracle_retention(df), retention, df)


@pins("empty")
def test_empty_frames_give_empty_results_with_the_promised_types():
    empty = frame([])
    assert_returns(empty, clean_plays, empty)
    assert_returns(
        series([], [], "session_position", "int64", "skip_rate", "float64"),
        skip_rate_by_position,
        empty,
    )
    assert_returns(
        series([], [], "context_type", "str", "skip_rate", "float64"), skip_rate_by_context, empty
    )
    assert_returns(tiers([]), premium_vs_free, empty)
    assert_returns(series([], [], "session_id", "int64", "first_skip", "int64"), first_skip, empty)
    assert_returns(cohorts([]), retention, empty)


@pins("no_mutation")
def test_inputs_are_not_modified():
    data = listening_sessions(seed=5, n_users=40)
    df = data.set_axis(np.arange(len(data))[::-1] * 3)
    for fn in (
        clean_plays,
        skip_rate_by_position,
        skip_rate_by_context,
        shuffle_effect,
        premium_vs_free,
        first_skip,
        retention,
        summary,
    ):
        before = df.copy(deep=True)
        fn(df)
        assert_unmodified(fn, ((before,), {}), ((df,), {}))


def dataset():
    return workload("listening_sessions_2019", listening_sessions)


@pins("rates", "context_order", "retention")
def test_planted_effects_are_found_in_the_attached_week():
    df = dataset()
    position = skip_rate_by_position(df)
    fail_if(
        None if position.loc[15] - position.loc[1] > 0.1 else "the skip rate must rise",
        skip_rate_by_position,
        (df,),
        "position 15 at least 10 pp above position 1",
        f"{position.loc[1]:.3f} -> {position.loc[15]:.3f}",
    )
    context = skip_rate_by_context(df)
    assert_equal(
        list(context.index[[0, -1]]),
        ["charts", "user_collection"],
        "skip_rate_by_context(DATA): first and last context",
    )
    by_day = retention(df).groupby("days_since")["retention"].mean()
    fail_if(
        None if by_day.loc[1] > by_day.loc[5] + 0.2 else "day-1 retention must exceed day 5",
        retention,
        (df,),
        "mean day-1 retention > mean day-5 retention + 0.2",
        f"{by_day.loc[1]:.3f} vs {by_day.loc[5]:.3f}",
    )


@pins("shuffle_ci", "first_skip")
def test_shuffle_effect_and_first_skip_on_the_attached_week():
    df = dataset()
    diff, low, high = shuffle_effect(df)
    expected = workload("oracle_shuffle_2019", lambda: oracle_shuffle(df))
    assert_equal((diff, low, high), expected, "shuffle_effect(DATA)", tol=CI_TOL)
    fail_if(
        None if low > 0 else "the planted shuffle effect is positive and its CI excludes 0",
        shuffle_effect,
        (df,),
        "low > 0",
        repr((diff, low, high)),
    )
    expected = workload("oracle_first_skip_2019", lambda: oracle_first_skip(df))
    assert_equal(first_skip(df), expected, "first_skip(DATA)")


def summary_inputs():
    return [("EXAMPLE", EXAMPLE), ("DATA", dataset()), ("seed 11", listening_sessions(11, 60))]


@pins("summary_shuffle")
def test_summary_states_the_shuffle_effect_in_signed_points_with_its_ci():
    for name, df in summary_inputs():
        text = summary(df)
        assert_type(text, str, f"summary({name})")
        diff, low, high = shuffle_effect(df)
        wanted = f"{100 * diff:+.1f} pp (95% CI {100 * low:+.1f} to {100 * high:+.1f} pp)"
        fail_if(
            None if wanted in text else f"the summary of {name} must contain {wanted!r}",
            summary,
            (df,),
            wanted,
            text,
        )


@pins("summary_context")
def test_summary_names_the_most_skipped_context():
    for name, df in summary_inputs():
        top = str(skip_rate_by_context(df).index[0])
        text = summary(df)
        fail_if(
            None if top in text else f"the summary of {name} must name {top!r}",
            summary,
            (df,),
            top,
            text,
        )


@pins("summary_caveat")
def test_summary_says_the_comparison_is_not_causal():
    for name, df in summary_inputs():
        text = summary(df)
        fail_if(
            None if CAVEATS.search(text) else f"the summary of {name} has no caveat word",
            summary,
            (df,),
            "one of " + CAVEATS.pattern,
            text,
        )


@pins("summary_length")
def test_summary_is_at_most_200_words():
    for name, df in summary_inputs():
        text = summary(df)
        words = len(text.split())
        fail_if(
            None if 0 < words <= 200 else f"the summary of {name} has {words} words",
            summary,
            (df,),
            "1 to 200 words",
            f"{words} words",
        )


def big():
    return workload("listening_sessions_200k", lambda: listening_sessions(7, n_users=2_300))


def cleaned(df):
    """What the reference does first in every function: de-duplicate, sort, reindex."""
    return df.drop_duplicates(KEY).sort_values(KEY, kind="stable").reset_index(drop=True)


def reference_sessions(df):
    plays = cleaned(df)
    per = plays.groupby("session_id").agg(
        shuffle=("shuffle", "first"), n=("skip_2", "size"), y=("skip_2", "sum")
    )
    rate = per.groupby("shuffle")["y"].sum() / per.groupby("shuffle")["n"].sum()
    ((per["y"] - per["shuffle"].map(rate) * per["n"]) ** 2).groupby(per["shuffle"]).sum()
    plays = cleaned(df)
    plays["session_position"].where(plays["skip_2"]).groupby(plays["session_id"]).min()


def reference_tables(df):
    cleaned(df).groupby("session_position")["skip_2"].mean()
    cleaned(df).groupby("context_type", observed=True)["skip_2"].mean()
    tiers = cleaned(df).groupby("premium")
    tiers["user_id"].nunique(), tiers["session_id"].nunique(), tiers["skip_2"].mean()
    active = df[["user_id", "date"]].drop_duplicates()
    cohort = active.groupby("user_id")["date"].transform("min")
    pd.DataFrame({"c": cohort, "d": (active["date"] - cohort).dt.days}).value_counts()


@pins("scale")
def test_scale_200k_plays_shuffle_effect_and_first_skip():
    shuffle_effect(EXAMPLE)  # fail fast
    df = big()
    assert_scales(
        lambda: (shuffle_effect(df), first_skip(df)),
        lambda: reference_sessions(df),
        factor=5,
        what="shuffle_effect and first_skip on 200,000 plays (13,000 sessions)",
        advice="Collapse plays to sessions with one groupby(...).agg(...) and compute on the "
        "columns; no apply, no loop per session or per row.",
    )


@pins("scale")
def test_scale_200k_plays_rates_premium_and_retention():
    skip_rate_by_position(EXAMPLE)  # fail fast
    df = big()
    assert_scales(
        lambda: (
            skip_rate_by_position(df),
            skip_rate_by_context(df),
            premium_vs_free(df),
            retention(df),
        ),
        lambda: reference_tables(df),
        factor=5,
        what="skip rates, premium_vs_free and retention on 200,000 plays",
        advice="Use groupby aggregations (mean, nunique, size) on whole columns; no loop over "
        "rows, sessions or listeners.",
    )
