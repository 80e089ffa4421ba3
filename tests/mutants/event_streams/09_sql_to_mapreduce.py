"""Plausible wrong answers to event_streams/09_sql_to_mapreduce, each breaking one contract clause."""

from workbook.contract import swap

GOOD = '''
import heapq
import itertools
import json
import os
from collections import defaultdict
from collections.abc import Iterable

Row = tuple[str, str, str]  # (country, artist, listener)
Result = tuple[str, str, int]  # (country, artist, listeners)


def check_positive_int(name: str, value) -> None:
    """TypeError unless `value` is an int (not a bool); ValueError if it is < 1."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, got {value!r}")
    if value < 1:
        raise ValueError(f"{name} must be at least 1, got {value}")

def top_artists_sql() -> str:
    """A SQLite query over plays(country, artist, listener), parameter :k: the top k
    artists per country by distinct listeners, as rows (country, artist, listeners)
    ordered by country, listeners descending, artist."""
    return """
        WITH counts AS (
            SELECT country, artist, COUNT(DISTINCT listener) AS listeners
            FROM plays
            GROUP BY country, artist
        ),
        ranked AS (
            SELECT country, artist, listeners,
                   ROW_NUMBER() OVER (
                       PARTITION BY country ORDER BY listeners DESC, artist
                   ) AS position
            FROM counts
        )
        SELECT country, artist, listeners
        FROM ranked
        WHERE position <= :k
        ORDER BY country, listeners DESC, artist
    """

def map_fn(row: Row) -> Iterable[tuple[str, object]]:
    """(key, value) pairs for one play; the key is the row's country."""
    country, artist, listener = row
    return [(country, (artist, listener))]


def reduce_fn(country: str, values: Iterable, k: int) -> list[Result]:
    """The top-k rows (country, artist, listeners) of one country, from every value
    map_fn emitted for it (in any order). `values` is not modified."""
    listeners: dict[str, set[str]] = defaultdict(set)
    for artist, listener in values:
        listeners[artist].add(listener)
    best = heapq.nsmallest(k, ((-len(who), artist) for artist, who in listeners.items()))
    return [(country, artist, -negative) for negative, artist in best]


def shuffle(pairs: Iterable[tuple[str, object]]) -> list[tuple[str, list]]:
    """Group values by key, keys in ascending order: what the framework does between map
    and reduce."""
    groups: dict[str, list] = defaultdict(list)
    for key, value in pairs:
        groups[key].append(value)
    return sorted(groups.items(), key=lambda item: item[0])


def top_artists_mapreduce(rows: Iterable[Row], k: int) -> list[Result]:
    """The driver: map every row, shuffle, reduce each country, concatenate."""
    check_positive_int("k", k)
    pairs = (pair for row in rows for pair in map_fn(row))
    result: list[Result] = []
    for country, values in shuffle(pairs):
        result.extend(reduce_fn(country, values, k))
    return result

def top_artists_external(
    rows: Iterable[Row], k: int, max_rows_in_memory: int, tmpdir: str
) -> list[Result]:
    """top_artists_mapreduce(rows, k), holding at most about `max_rows_in_memory` rows:
    spill sorted runs to files under `tmpdir`, then k-way merge them (heapq.merge)."""
    check_positive_int("k", k)
    check_positive_int("max_rows_in_memory", max_rows_in_memory)
    runs: list[str] = []
    buffer: list[Row] = []

    def spill() -> None:
        buffer.sort()
        run = os.path.join(tmpdir, f"run-{len(runs):06d}.jsonl")
        with open(run, "w", encoding="utf-8") as out:
            out.writelines(json.dumps(row) + "\\n" for row in buffer)
        runs.append(run)
        buffer.clear()

    for country, artist, listener in rows:
        buffer.append((country, artist, listener))
        if len(buffer) >= max_rows_in_memory:
            spill()
    if buffer:
        spill()

    files = [open(run, encoding="utf-8") for run in runs]  # noqa: SIM115
    try:
        merged = heapq.merge(*(map(json.loads, file) for file in files))
        result: list[Result] = []
        for country, plays in itertools.groupby(merged, key=lambda row: row[0]):
            top: list[tuple[int, int, str]] = []  # min-heap: the worst of the best k on top
            by_artist = itertools.groupby(plays, key=lambda row: row[1])
            for order, (artist, group) in enumerate(by_artist):
                # sorted runs: equal listeners are adjacent, so count the changes
                listeners = sum(1 for _ in itertools.groupby(row[2] for row in group))
                # artists arrive in name order: on a tie, the later one is the worse one
                heapq.heappush(top, (listeners, -order, artist))
                if len(top) > k:
                    heapq.heappop(top)
            ranked = sorted(top, key=lambda item: (-item[0], item[2]))
            result.extend((country, artist, listeners) for listeners, _, artist in ranked)
        return result
    finally:
        for file in files:
            file.close()
'''


MUTANTS = {
    # sql
    "sql_ranks_with_rank_keeping_ties": (
        "sql",
        swap(
            GOOD,
            ("ROW_NUMBER() OVER", "RANK() OVER"),
            ("ORDER BY listeners DESC, artist\n", "ORDER BY listeners DESC\n"),
        ),
    ),
    "sql_counts_plays": (
        "sql",
        swap(GOOD, ("COUNT(DISTINCT listener)", "COUNT(*)")),
    ),
    # returns
    "external_returns_lists_from_json": (
        "returns",
        swap(
            GOOD,
            (
                "result.extend((country, artist, listeners) for listeners, _, artist in ranked)",
                "result.extend([country, artist, listeners] for listeners, _, artist in ranked)",
            ),
        ),
    ),
    # distinct
    "reduce_counts_plays_not_listeners": (
        "distinct",
        swap(
            GOOD,
            (
                "    listeners: dict[str, set[str]] = defaultdict(set)\n",
                "    listeners = defaultdict(list)\n",
            ),
            (
                "        listeners[artist].add(listener)\n",
                "        listeners[artist].append(listener)\n",
            ),
        ),
    ),
    # ordering
    "shuffle_keeps_first_seen_country_order": (
        "ordering",
        swap(
            GOOD,
            (
                "    return sorted(groups.items(), key=lambda item: item[0])\n",
                "    return list(groups.items())\n",
            ),
        ),
    ),
    "artists_by_name_before_listeners": (
        "ordering",
        swap(
            GOOD,
            (
                "    return [(country, artist, -negative) for negative, artist in best]\n",
                "    return sorted((country, artist, -negative) for negative, artist in best)\n",
            ),
        ),
    ),
    # top_k
    "reduce_keeps_ties_at_the_cut": (
        "top_k",
        swap(
            GOOD,
            (
                "    best = heapq.nsmallest(k, ((-len(who), artist) for artist, who in listeners.items()))\n",
                "    ranked = sorted((-len(who), artist) for artist, who in listeners.items())\n"
                "    cut = ranked[min(k, len(ranked)) - 1][0] if ranked else 0\n"
                "    best = [pair for pair in ranked if pair[0] <= cut]\n",
            ),
        ),
    ),
    "tie_broken_by_the_larger_name": (
        "top_k",
        swap(
            GOOD,
            (
                "    best = heapq.nsmallest(k, ((-len(who), artist) for artist, who in listeners.items()))\n",
                "    ranked = sorted(listeners.items(), key=lambda item: len(item[1]), reverse=True)\n"
                "    best = sorted((-len(who), artist) for artist, who in ranked[:k])\n",
            ),
        ),
    ),
    # map_reduce
    "reduce_needs_values_sorted_by_the_shuffle": (
        "map_reduce",
        swap(
            GOOD,
            (
                "    listeners: dict[str, set[str]] = defaultdict(set)\n"
                "    for artist, listener in values:\n"
                "        listeners[artist].add(listener)\n",
                "    listeners = defaultdict(set)\n"
                "    for (artist, who) in itertools.groupby(values, key=lambda value: value[0]):\n"
                "        listeners[artist] = {listener for _, listener in who}\n",
            ),
            (
                "        groups[key].append(value)\n",
                "        groups[key].append(value)\n    for v in groups.values():\n        v.sort()\n",
            ),
        ),
    ),
    # errors
    "zero_k_returns_nothing": (
        "errors",
        swap(GOOD, ("    if value < 1:\n", "    if value < 0:\n")),
    ),
    "bool_k_accepted": (
        "errors",
        swap(
            GOOD,
            (
                "    if isinstance(value, bool) or not isinstance(value, int):\n",
                "    if not isinstance(value, int):\n",
            ),
        ),
    ),
    "cap_checked_after_reading_rows": (
        "errors",
        swap(
            GOOD,
            ('    check_positive_int("max_rows_in_memory", max_rows_in_memory)\n', ""),
            (
                "    if buffer:\n        spill()\n",
                '    if buffer:\n        spill()\n    check_positive_int("max_rows_in_memory", max_rows_in_memory)\n',
            ),
        ),
    ),
    # no_mutation
    "reduce_sorts_values_in_place": (
        "no_mutation",
        swap(
            GOOD,
            (
                "    listeners: dict[str, set[str]] = defaultdict(set)\n",
                "    values.sort()\n    listeners: dict[str, set[str]] = defaultdict(set)\n",
            ),
        ),
    ),
    # external
    "last_partial_run_never_spilled": (
        "external",
        swap(GOOD, ("    if buffer:\n        spill()\n", "")),
    ),
    "external_counts_plays_in_a_run": (
        "external",
        swap(
            GOOD,
            (
                "listeners = sum(1 for _ in itertools.groupby(row[2] for row in group))",
                "listeners = sum(1 for _ in group)",
            ),
        ),
    ),
    # memory
    "external_sorts_everything_in_memory": (
        "memory",
        swap(
            GOOD,
            (
                "    for country, artist, listener in rows:\n",
                "    rows = sorted(rows)\n    for country, artist, listener in rows:\n",
            ),
        ),
    ),
    # scale_rows
    "listeners_kept_in_a_list": (
        "scale_rows",
        swap(
            GOOD,
            (
                "    listeners: dict[str, set[str]] = defaultdict(set)\n",
                "    listeners = defaultdict(list)\n",
            ),
            (
                "        listeners[artist].add(listener)\n",
                "        if listener not in listeners[artist]:\n            listeners[artist].append(listener)\n",
            ),
        ),
    ),
    # scale_k
    "maximum_picked_k_times": (
        "scale_k",
        swap(
            GOOD,
            (
                "    best = heapq.nsmallest(k, ((-len(who), artist) for artist, who in listeners.items()))\n",
                "    remaining = [(-len(who), artist) for artist, who in listeners.items()]\n"
                "    best = []\n"
                "    for _ in range(min(k, len(remaining))):\n"
                "        pick = min(remaining)\n"
                "        remaining.remove(pick)\n"
                "        best.append(pick)\n",
            ),
        ),
    ),
}
