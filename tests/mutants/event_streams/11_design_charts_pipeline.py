"""Plausible wrong answers to event_streams/11_design_charts_pipeline, each breaking one clause.

Each source redefines one function; the rest of the solution stays in place.
"""

BPS = """
def bytes_per_second(bytes_per_day: float) -> float:
    if bytes_per_day < 0:
        raise ValueError(f"bytes_per_day must be >= 0, got {bytes_per_day}")
    return float(bytes_per_day / SECONDS_PER_DAY)
"""

WORKERS = """
def workers_needed(input_bytes: float, worker_bytes_per_second: float, deadline_seconds: float) -> int:
    if input_bytes < 0:
        raise ValueError(f"input_bytes must be >= 0, got {input_bytes}")
    for name, value in (
        ("worker_bytes_per_second", worker_bytes_per_second),
        ("deadline_seconds", deadline_seconds),
    ):
        if value <= 0:
            raise ValueError(f"{name} must be > 0, got {value}")
    quotient = input_bytes / (worker_bytes_per_second * deadline_seconds)
    nearest = round(quotient)
    if abs(quotient - nearest) <= 1e-9 * quotient:
        return int(nearest)
    return int(np.ceil(quotient))
"""

JOIN_BYTES = """
def join_network_bytes(
    event_bytes: float, catalogue_bytes: float, workers: int, strategy: str
) -> float:
    for name, value in (("event_bytes", event_bytes), ("catalogue_bytes", catalogue_bytes)):
        if value < 0:
            raise ValueError(f"{name} must be >= 0, got {value}")
    if workers < 1:
        raise ValueError(f"workers must be >= 1, got {workers}")
    if strategy == "shuffle_join":
        return float(event_bytes + catalogue_bytes)
    if strategy in ("hash_join", "sparkey_join"):
        return float(catalogue_bytes * workers)
    raise ValueError(f"strategy must be one of {JOIN_STRATEGIES}, got {strategy!r}")
"""

STRATEGY = """
def join_strategy(
    catalogue_bytes: float,
    worker_memory_bytes: float,
    worker_disk_bytes: float,
    memory_share: float = 0.5,
) -> str:
    if catalogue_bytes < 0:
        raise ValueError(f"catalogue_bytes must be >= 0, got {catalogue_bytes}")
    for name, value in (
        ("worker_memory_bytes", worker_memory_bytes),
        ("worker_disk_bytes", worker_disk_bytes),
    ):
        if value <= 0:
            raise ValueError(f"{name} must be > 0, got {value}")
    if not 0 < memory_share <= 1:
        raise ValueError(f"memory_share must be in (0, 1], got {memory_share}")
    if catalogue_bytes <= memory_share * worker_memory_bytes:
        return "hash_join"
    if catalogue_bytes <= worker_disk_bytes:
        return "sparkey_join"
    return "shuffle_join"
"""

LOADS = """
def reducer_loads(artist_ids: np.ndarray, reducers: int) -> np.ndarray:
    ids = np.asarray(artist_ids, dtype=np.int64).reshape(-1)
    if ids.size and ids.min() < 0:
        raise ValueError(f"artist_ids must be >= 0, got {ids.min()}")
    if reducers < 1:
        raise ValueError(f"reducers must be >= 1, got {reducers}")
    return np.bincount(ids % reducers, minlength=reducers).astype(np.int64)
"""

SKEW = """
def skew_ratio(loads: np.ndarray) -> float:
    values = np.asarray(loads, dtype=float)
    if values.size == 0:
        raise ValueError("loads must have at least one reducer, got an empty array")
    if (values < 0).any():
        raise ValueError(f"loads must be >= 0, got {values.min()}")
    total = values.sum()
    if total == 0:
        return 1.0
    return float(values.max() * values.size / total)
"""

SALTED = """
def salted_reducer_loads(
    artist_ids: np.ndarray, reducers: int, hot_artists: Iterable[int], salts: int
) -> tuple[np.ndarray, np.ndarray]:
    ids = np.asarray(artist_ids, dtype=np.int64).reshape(-1)
    if ids.size and ids.min() < 0:
        raise ValueError(f"artist_ids must be >= 0, got {ids.min()}")
    for name, value in (("reducers", reducers), ("salts", salts)):
        if value < 1:
            raise ValueError(f"{name} must be >= 1, got {value}")
    counts = np.bincount(ids)
    hot = np.unique(np.asarray(list(hot_artists), dtype=np.int64))
    hot = hot[(hot >= 0) & (hot < counts.size)]
    hot = hot[counts[hot] > 0]
    cold = ids[~np.isin(ids, hot)]
    stage1 = np.bincount(cold % reducers, minlength=reducers).astype(np.int64)
    # the i-th play of a hot artist gets salt i % salts: salt j gets c // s plays, +1 if j < c % s
    c = counts[hot][:, None]
    salt = np.arange(salts)[None, :]
    per_salt = c // salts + (salt < c % salts)
    np.add.at(stage1, ((hot[:, None] + salt) % reducers).ravel(), per_salt.ravel())
    partials = np.minimum(counts[hot], salts)  # one partial count per salt that got a play
    stage2 = np.bincount(hot % reducers, weights=partials, minlength=reducers).astype(np.int64)
    return stage1, stage2
"""

CHART = """
def weekly_chart(plays: pd.DataFrame, n: int) -> list[tuple[str, int]]:
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    counted = plays.loc[plays["ms_played"] >= COUNTED_MS, "track_id"]
    counts = counted.value_counts(sort=False).rename("streams").rename_axis("track_id")
    top = counts.reset_index().sort_values(
        ["streams", "track_id"], ascending=[False, True], kind="stable"
    )
    top = top.head(n)
    return [(str(t), int(s)) for t, s in zip(top["track_id"], top["streams"], strict=True)]
"""


def patch(source: str, *pairs: str) -> str:
    """`source` with each (old, new) replaced; every `old` must occur."""
    for old, new in zip(pairs[::2], pairs[1::2], strict=True):
        assert old in source, old
        source = source.replace(old, new)
    return source


MUTANTS = {
    # --- units
    "bytes_per_second_in_gb": (
        "decimal_units",
        patch(BPS, "bytes_per_day / SECONDS_PER_DAY", "bytes_per_day / SECONDS_PER_DAY / 1e9"),
    ),
    "binary_gigabytes": (
        "decimal_units",
        patch(
            BPS, "bytes_per_day / SECONDS_PER_DAY", "bytes_per_day / SECONDS_PER_DAY * 1e9 / 2**30"
        ),
    ),
    "a_day_of_100000_seconds": (
        "decimal_units",
        patch(BPS, "bytes_per_day / SECONDS_PER_DAY", "bytes_per_day / 1e5"),
    ),
    # --- types
    "rate_by_floor_division": (
        "estimate_types",
        patch(
            BPS,
            "return float(bytes_per_day / SECONDS_PER_DAY)",
            "return bytes_per_day // SECONDS_PER_DAY",
        ),
    ),
    "workers_as_float": (
        "estimate_types",
        patch(
            WORKERS,
            "return int(nearest)",
            "return float(nearest)",
            "return int(np.ceil(quotient))",
            "return float(np.ceil(quotient))",
        ),
    ),
    "join_bytes_keep_int_arithmetic": (
        "estimate_types",
        patch(
            JOIN_BYTES,
            "return float(event_bytes + catalogue_bytes)",
            "return event_bytes + catalogue_bytes",
            "return float(catalogue_bytes * workers)",
            "return catalogue_bytes * workers",
        ),
    ),
    # --- workers
    "workers_int_plus_one": (
        "workers_round_up",
        patch(
            WORKERS,
            "    nearest = round(quotient)\n    if abs(quotient - nearest) <= 1e-9 * quotient:\n        return int(nearest)\n    return int(np.ceil(quotient))\n",
            "    return int(quotient) + 1\n",
        ),
    ),
    "workers_plain_ceil": (
        "workers_round_up",
        patch(
            WORKERS,
            "    nearest = round(quotient)\n    if abs(quotient - nearest) <= 1e-9 * quotient:\n        return int(nearest)\n",
            "",
        ),
    ),
    "workers_rounded_to_nearest": (
        "workers_round_up",
        patch(WORKERS, "    return int(np.ceil(quotient))\n", "    return round(quotient)\n"),
    ),
    "at_least_one_worker": (
        "workers_round_up",
        patch(
            WORKERS,
            "    return int(np.ceil(quotient))\n",
            "    return max(1, int(np.ceil(quotient)))\n",
            "        return int(nearest)\n",
            "        return max(1, int(nearest))\n",
        ),
    ),
    "workers_snap_loosely": (
        "workers_round_up",
        patch(WORKERS, "<= 1e-9 * quotient", "<= 1e-3 * quotient"),
    ),
    # --- estimate errors
    "workers_without_validation": (
        "estimate_errors",
        patch(
            WORKERS,
            "        if value <= 0:\n",
            "        if value < 0:\n",
            "    if input_bytes < 0:\n",
            "    if False:\n",
        ),
    ),
    "zero_deadline_divides_by_zero": (
        "estimate_errors",
        patch(WORKERS, "        if value <= 0:\n", "        if value < 0:\n"),
    ),
    "memory_share_zero_allowed": (
        "estimate_errors",
        patch(STRATEGY, "if not 0 < memory_share <= 1:", "if not 0 <= memory_share <= 1:"),
    ),
    "estimate_errors_without_the_value": (
        "estimate_errors",
        patch(
            JOIN_BYTES,
            'raise ValueError(f"{name} must be >= 0, got {value}")',
            'raise ValueError(f"{name} must not be negative")',
        ),
    ),
    "deadline_checked_before_rate": (
        "estimate_errors",
        patch(
            WORKERS,
            '        ("worker_bytes_per_second", worker_bytes_per_second),\n        ("deadline_seconds", deadline_seconds),\n',
            '        ("deadline_seconds", deadline_seconds),\n        ("worker_bytes_per_second", worker_bytes_per_second),\n',
        ),
    ),
    "disk_checked_before_memory": (
        "estimate_errors",
        patch(
            STRATEGY,
            '        ("worker_memory_bytes", worker_memory_bytes),\n        ("worker_disk_bytes", worker_disk_bytes),\n',
            '        ("worker_disk_bytes", worker_disk_bytes),\n        ("worker_memory_bytes", worker_memory_bytes),\n',
        ),
    ),
    # --- join bytes
    "side_input_skips_one_worker": (
        "join_bytes",
        patch(JOIN_BYTES, "catalogue_bytes * workers", "catalogue_bytes * (workers - 1)"),
    ),
    "shuffle_counts_only_the_events": (
        "join_bytes",
        patch(
            JOIN_BYTES, "return float(event_bytes + catalogue_bytes)", "return float(event_bytes)"
        ),
    ),
    "unknown_strategy_is_a_shuffle": (
        "join_bytes",
        patch(
            JOIN_BYTES,
            '    if strategy == "shuffle_join":\n        return float(event_bytes + catalogue_bytes)\n    if strategy in ("hash_join", "sparkey_join"):\n        return float(catalogue_bytes * workers)\n',
            '    if strategy in ("hash_join", "sparkey_join"):\n        return float(catalogue_bytes * workers)\n    return float(event_bytes + catalogue_bytes)\n',
        ),
    ),
    # --- join choice
    "memory_threshold_strict": (
        "join_choice",
        patch(
            STRATEGY,
            "catalogue_bytes <= memory_share * worker_memory_bytes",
            "catalogue_bytes < memory_share * worker_memory_bytes",
        ),
    ),
    "disk_threshold_strict": (
        "join_choice",
        patch(
            STRATEGY, "catalogue_bytes <= worker_disk_bytes", "catalogue_bytes < worker_disk_bytes"
        ),
    ),
    "memory_share_ignored": (
        "join_choice",
        patch(
            STRATEGY,
            "catalogue_bytes <= memory_share * worker_memory_bytes",
            "catalogue_bytes <= 0.5 * worker_memory_bytes",
        ),
    ),
    "whole_memory_for_the_catalogue": (
        "join_choice",
        patch(
            STRATEGY,
            "catalogue_bytes <= memory_share * worker_memory_bytes",
            "catalogue_bytes <= worker_memory_bytes",
        ),
    ),
    # --- partitioning and loads
    "only_reducers_that_got_plays": (
        "partition_rule",
        patch(
            LOADS, "np.bincount(ids % reducers, minlength=reducers)", "np.bincount(ids % reducers)"
        ),
    ),
    "range_partitioning": (
        "partition_rule",
        patch(
            LOADS,
            "    return np.bincount(ids % reducers, minlength=reducers).astype(np.int64)\n",
            "    top = int(ids.max()) + 1 if ids.size else 1\n"
            "    return np.bincount(ids * reducers // top, minlength=reducers).astype(np.int64)\n",
        ),
    ),
    "loads_as_a_list": (
        "loads_type",
        patch(LOADS, ".astype(np.int64)\n", ".tolist()\n"),
    ),
    "float_loads_from_a_histogram": (
        "loads_type",
        patch(
            LOADS,
            "    return np.bincount(ids % reducers, minlength=reducers).astype(np.int64)\n",
            "    return np.histogram(ids % reducers, bins=reducers, range=(0, reducers))[0].astype(float)\n",
        ),
    ),
    "salted_loads_as_a_list": (
        "loads_type",
        patch(SALTED, "    return stage1, stage2\n", "    return [stage1, stage2]\n"),
    ),
    # --- skew
    "excess_over_mean": (
        "skew_definition",
        patch(
            SKEW,
            "return float(values.max() * values.size / total)",
            "return float(values.max() * values.size / total - 1)",
        ),
    ),
    "idle_cluster_is_nan": (
        "skew_definition",
        patch(
            SKEW,
            "    if total == 0:\n        return 1.0\n",
            "    if total == 0:\n        return float('nan')\n",
        ),
    ),
    "negative_loads_accepted": (
        "skew_definition",
        patch(SKEW, "    if (values < 0).any():\n", "    if False:\n"),
    ),
    "numpy_float_skew": (
        "skew_definition",
        patch(
            SKEW,
            "return float(values.max() * values.size / total)",
            "return values.max() * values.size / total",
        ),
    ),
    # --- salting
    "composite_key_times_salts": (
        "salting_rule",
        patch(
            SALTED, "(hot[:, None] + salt) % reducers", "(hot[:, None] * salts + salt) % reducers"
        ),
    ),
    "salts_in_blocks": (
        "salting_rule",
        patch(
            SALTED,
            "    per_salt = c // salts + (salt < c % salts)\n",
            "    block = -(-c // salts)\n    per_salt = np.clip(c - salt * block, 0, block)\n",
        ),
    ),
    "salts_counted_from_one": (
        "salting_rule",
        patch(SALTED, "(hot[:, None] + salt) % reducers", "(hot[:, None] + salt + 1) % reducers"),
    ),
    "repeated_hot_artists_counted_twice": (
        "salting_rule",
        patch(
            SALTED,
            "    hot = np.unique(np.asarray(list(hot_artists), dtype=np.int64))\n",
            "    hot = np.asarray(list(hot_artists), dtype=np.int64)\n",
        ),
    ),
    # --- merge
    "every_salt_sends_a_partial": (
        "merge_stage",
        patch(
            SALTED,
            "partials = np.minimum(counts[hot], salts)",
            "partials = np.full(hot.size, salts)",
        ),
    ),
    "merge_sends_every_play_again": (
        "merge_stage",
        patch(SALTED, "partials = np.minimum(counts[hot], salts)", "partials = counts[hot]"),
    ),
    "merge_on_the_first_salt_reducer_plus_one": (
        "merge_stage",
        patch(
            SALTED,
            "np.bincount(hot % reducers, weights=partials",
            "np.bincount((hot + 1) % reducers, weights=partials",
        ),
    ),
    # --- model errors
    "zero_salts_accepted": (
        "model_errors",
        patch(SALTED, '(("reducers", reducers), ("salts", salts))', '(("reducers", reducers),)'),
    ),
    "negative_ids_left_to_bincount": (
        "model_errors",
        patch(LOADS, "    if ids.size and ids.min() < 0:\n", "    if False:\n"),
    ),
    "reducers_checked_before_ids": (
        "model_errors",
        patch(
            LOADS,
            '    if ids.size and ids.min() < 0:\n        raise ValueError(f"artist_ids must be >= 0, got {ids.min()}")\n    if reducers < 1:\n        raise ValueError(f"reducers must be >= 1, got {reducers}")\n',
            '    if reducers < 1:\n        raise ValueError(f"reducers must be >= 1, got {reducers}")\n    if ids.size and ids.min() < 0:\n        raise ValueError(f"artist_ids must be >= 0, got {ids.min()}")\n',
        ),
    ),
    # --- chart
    "strictly_more_than_30_seconds": (
        "chart_counting",
        patch(CHART, 'plays["ms_played"] >= COUNTED_MS', 'plays["ms_played"] > COUNTED_MS'),
    ),
    "thirty_milliseconds": (
        "chart_counting",
        patch(CHART, 'plays["ms_played"] >= COUNTED_MS', 'plays["ms_played"] >= 30'),
    ),
    "ties_by_track_id_descending": (
        "chart_order",
        patch(CHART, "ascending=[False, True]", "ascending=[False, False]"),
    ),
    "ties_in_value_counts_order": (
        "chart_order",
        patch(
            CHART,
            '    top = counts.reset_index().sort_values(\n        ["streams", "track_id"], ascending=[False, True], kind="stable"\n    )\n',
            "    top = counted.value_counts().rename('streams').rename_axis('track_id').reset_index()\n",
        ),
    ),
    "everyone_tied_at_the_cut_is_in": (
        "chart_order",
        patch(
            CHART,
            "    top = top.head(n)\n",
            "    top = top[top['streams'] >= top['streams'].iloc[n - 1]] if 0 < n <= len(top) else top.head(n)\n",
        ),
    ),
    "case_insensitive_tie_break": (
        "chart_order",
        patch(
            CHART,
            '    top = counts.reset_index().sort_values(\n        ["streams", "track_id"], ascending=[False, True], kind="stable"\n    )\n',
            '    top = counts.reset_index().sort_values(\n        ["streams", "track_id"], ascending=[False, True], kind="stable",\n        key=lambda col: col.str.lower() if col.name == "track_id" else col,\n    )\n',
        ),
    ),
    "numpy_stream_counts": (
        "chart_type",
        patch(
            CHART,
            'zip(top["track_id"], top["streams"], strict=True)',
            'zip(top["track_id"].to_numpy(), top["streams"].to_numpy(), strict=True)',
            "[(str(t), int(s)) for t, s in",
            "[(str(t), s) for t, s in",
        ),
    ),
    "chart_rows_as_lists": (
        "chart_type",
        patch(CHART, "[(str(t), int(s)) for t, s in", "[[str(t), int(s)] for t, s in"),
    ),
    "negative_n_drops_the_last": (
        "chart_errors",
        patch(CHART, "    if n < 0:\n", "    if False:\n"),
    ),
    "n_checked_after_an_empty_frame": (
        "chart_errors",
        patch(CHART, "    if n < 0:\n", "    if plays.empty:\n        return []\n    if n < 0:\n"),
    ),
    # --- mutation
    "flags_counted_plays_in_place": (
        "no_mutation",
        patch(
            CHART,
            '    counted = plays.loc[plays["ms_played"] >= COUNTED_MS, "track_id"]\n',
            '    plays["counted"] = plays["ms_played"] >= COUNTED_MS\n    counted = plays.loc[plays["counted"], "track_id"]\n',
        ),
    ),
    "sorts_the_loads_in_place": (
        "no_mutation",
        patch(
            SKEW,
            "    values = np.asarray(loads, dtype=float)\n",
            "    values = np.asarray(loads)\n    values.sort()\n    values = values.astype(float)\n",
        ),
    ),
    "reduces_ids_in_place": (
        "no_mutation",
        patch(
            LOADS,
            "    ids = np.asarray(artist_ids, dtype=np.int64).reshape(-1)\n",
            "    ids = np.asarray(artist_ids, dtype=np.int64).reshape(-1)\n    ids %= max(reducers, 1)\n",
        ),
    ),
    # --- scale
    "loads_by_python_loop": (
        "scale_loads",
        patch(
            LOADS,
            "    return np.bincount(ids % reducers, minlength=reducers).astype(np.int64)\n",
            "    loads = [0] * reducers\n    for a in ids.tolist():\n        loads[a % reducers] += 1\n    return np.array(loads, dtype=np.int64)\n",
        ),
    ),
    "salting_play_by_play": (
        "scale_loads",
        patch(
            SALTED,
            "    cold = ids[~np.isin(ids, hot)]\n",
            "    hot_set, seen, loads = set(hot.tolist()), {}, [0] * reducers\n"
            "    for a in ids.tolist():\n"
            "        k = seen.get(a, 0) if a in hot_set else 0\n"
            "        seen[a] = k + 1\n"
            "        loads[(a + k % salts) % reducers] += 1\n"
            "    return np.array(loads, dtype=np.int64), np.bincount(hot % reducers, weights=np.minimum(counts[hot], salts), minlength=reducers).astype(np.int64)\n"
            "    cold = ids[~np.isin(ids, hot)]\n",
        ),
    ),
    "chart_by_iterrows": (
        "scale_chart",
        patch(
            CHART,
            '    counted = plays.loc[plays["ms_played"] >= COUNTED_MS, "track_id"]\n',
            '    counted = pd.Series([row.track_id for _, row in plays.iterrows() if row.ms_played >= COUNTED_MS], dtype="str")\n',
        ),
    ),
}
