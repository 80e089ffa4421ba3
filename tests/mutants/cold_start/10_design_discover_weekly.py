"""Plausible wrong answers to cold_start/10_design_discover_weekly, each breaking one clause.

Each source redefines one function; the rest of the solution stays in place.
"""

STORAGE = """
def list_storage_bytes(
    users: int, tracks_per_list: int = 30, bytes_per_id: float = 22, replicas: int = 1
) -> float:
    _check("users", users, users >= 0, ">= 0")
    _check("tracks_per_list", tracks_per_list, tracks_per_list >= 0, ">= 0")
    _check("bytes_per_id", bytes_per_id, bytes_per_id > 0, "> 0")
    _check("replicas", replicas, replicas >= 1, ">= 1")
    return float(users) * tracks_per_list * bytes_per_id * replicas
"""

SCORING = """
def scoring_multiply_adds(users: int, candidates: int, factors: int) -> float:
    for name, value in (("users", users), ("candidates", candidates), ("factors", factors)):
        _check(name, value, value >= 0, ">= 0")
    return float(users) * candidates * factors
"""

WORKERS = """
def workers_for_deadline(work: float, per_worker_rate: float, deadline_seconds: float) -> int:
    _check("work", work, work >= 0, ">= 0")
    _check("per_worker_rate", per_worker_rate, per_worker_rate > 0, "> 0")
    _check("deadline_seconds", deadline_seconds, deadline_seconds > 0, "> 0")
    quotient = work / (per_worker_rate * deadline_seconds)
    nearest = round(quotient)
    if abs(quotient - nearest) <= 1e-9 * quotient:
        return int(nearest)  # 100.00000000000001 is float noise, not a 101st worker
    return math.ceil(quotient)
"""

QPS = """
def peak_read_qps(
    users: int, reads_per_user: float, window_seconds: float, peak_factor: float
) -> float:
    _check("users", users, users >= 0, ">= 0")
    _check("reads_per_user", reads_per_user, reads_per_user >= 0, ">= 0")
    _check("window_seconds", window_seconds, window_seconds > 0, "> 0")
    _check("peak_factor", peak_factor, peak_factor >= 1, ">= 1")
    return float(users) * reads_per_user / window_seconds * peak_factor
"""

LPT = """
def lpt_schedule(sizes: Sequence[int], workers: int) -> tuple[int, list[int]]:
    values = [int(s) for s in np.asarray(sizes, dtype=np.int64).reshape(-1)]
    if values and min(values) < 0:
        raise ValueError(f"sizes must be >= 0, got {min(values)}")
    _check("workers", workers, workers >= 1, ">= 1")
    order = sorted(range(len(values)), key=lambda i: (-values[i], i))
    heap = [(0, w) for w in range(workers)]  # (load, worker): least loaded, then lowest index
    assignment = [0] * len(values)
    for i in order:
        load, w = heapq.heappop(heap)
        assignment[i] = w
        heapq.heappush(heap, (load + values[i], w))
    makespan = max(load for load, _ in heap)
    return int(makespan), assignment
"""

MIN_WORKERS = """
def min_workers(sizes: Sequence[int], capacity: float) -> int | None:
    values = np.asarray(sizes, dtype=np.int64).reshape(-1)
    if values.size and values.min() < 0:
        raise ValueError(f"sizes must be >= 0, got {values.min()}")
    _check("capacity", capacity, capacity >= 0, ">= 0")
    if values.size and values.max() > capacity:
        return None  # the largest partition alone misses the deadline: split it
    total = int(values.sum())
    # makespan >= total / W, so fewer than total / capacity workers can never make it
    workers = max(1, math.ceil(total / capacity)) if capacity > 0 else 1
    while lpt_schedule(values, workers)[0] > capacity:
        workers += 1
    return workers
"""

ASSEMBLE = """
def assemble_weekly(
    candidates: Iterable[str],
    heard: Collection[str],
    editorial: Iterable[str],
    size: int = 30,
    max_editorial: int = 5,
) -> list[str]:
    _check("size", size, size >= 0, ">= 0")
    _check("max_editorial", max_editorial, max_editorial >= 0, ">= 0")
    excluded = set(heard)
    picks: list[str] = []
    for track in editorial:
        if len(picks) >= min(size, max_editorial):
            break
        if track not in excluded:
            picks.append(track)
            excluded.add(track)
    algorithmic: list[str] = []
    for track in candidates:
        if len(algorithmic) + len(picks) >= size:
            break
        if track not in excluded:
            algorithmic.append(track)
            excluded.add(track)
    return algorithmic + picks
"""


def patch(source: str, *pairs: str) -> str:
    """`source` with each (old, new) replaced; every `old` must occur."""
    for old, new in zip(pairs[::2], pairs[1::2], strict=True):
        assert old in source, old
        source = source.replace(old, new)
    return source


MUTANTS = {
    # --- units and formulas
    "storage_in_gigabytes": (
        "decimal_units",
        patch(
            STORAGE,
            "return float(users) * tracks_per_list * bytes_per_id * replicas",
            "return float(users) * tracks_per_list * bytes_per_id * replicas / 1e9",
        ),
    ),
    "binary_gigabytes": (
        "decimal_units",
        patch(
            STORAGE,
            "return float(users) * tracks_per_list * bytes_per_id * replicas",
            "return float(users) * tracks_per_list * bytes_per_id * replicas / 2**30 * 1e9",
        ),
    ),
    "replicas_on_top_of_the_original": (
        "estimate_formulas",
        patch(STORAGE, "* replicas", "* (replicas + 1)"),
    ),
    "bytes_per_id_ignored": (
        "estimate_formulas",
        patch(STORAGE, "* bytes_per_id *", "* 22 *"),
    ),
    "scoring_without_factors": (
        "estimate_formulas",
        patch(
            SCORING,
            "return float(users) * candidates * factors",
            "return float(users) * candidates",
        ),
    ),
    "peak_factor_forgotten": (
        "estimate_formulas",
        patch(
            QPS,
            "return float(users) * reads_per_user / window_seconds * peak_factor",
            "return float(users) * reads_per_user / window_seconds",
        ),
    ),
    "window_is_always_a_day": (
        "estimate_formulas",
        patch(QPS, "/ window_seconds *", "/ 86_400 *"),
    ),
    "peak_divides_by_the_factor": (
        "estimate_formulas",
        patch(QPS, "/ window_seconds * peak_factor", "/ window_seconds / peak_factor"),
    ),
    # --- types
    "storage_int_for_int_arguments": (
        "estimate_types",
        patch(
            STORAGE,
            "return float(users) * tracks_per_list * bytes_per_id * replicas",
            "return users * tracks_per_list * bytes_per_id * replicas",
        ),
    ),
    "scoring_int_for_int_arguments": (
        "estimate_types",
        patch(
            SCORING,
            "return float(users) * candidates * factors",
            "return users * candidates * factors",
        ),
    ),
    "qps_numpy_float": (
        "estimate_types",
        patch(QPS, "return float(users)", "return np.float64(users)"),
    ),
    "workers_as_float": (
        "estimate_types",
        patch(
            WORKERS,
            "return int(nearest)",
            "return float(nearest)",
            "return math.ceil(quotient)",
            "return float(math.ceil(quotient))",
        ),
    ),
    # --- rounding workers
    "workers_plain_ceil": (
        "workers_round_up",
        patch(
            WORKERS,
            "    nearest = round(quotient)\n    if abs(quotient - nearest) <= 1e-9 * quotient:\n        return int(nearest)  # 100.00000000000001 is float noise, not a 101st worker\n",
            "",
        ),
    ),
    "workers_divided_one_at_a_time": (
        "workers_round_up",
        patch(
            WORKERS,
            "    nearest = round(quotient)\n    if abs(quotient - nearest) <= 1e-9 * quotient:\n        return int(nearest)  # 100.00000000000001 is float noise, not a 101st worker\n    return math.ceil(quotient)",
            "    return math.ceil(work / per_worker_rate / deadline_seconds)",
        ),
    ),
    "workers_rounded_to_nearest": (
        "workers_round_up",
        patch(WORKERS, "return math.ceil(quotient)", "return int(nearest)"),
    ),
    "workers_int_plus_one": (
        "workers_round_up",
        patch(
            WORKERS,
            "    nearest = round(quotient)\n    if abs(quotient - nearest) <= 1e-9 * quotient:\n        return int(nearest)  # 100.00000000000001 is float noise, not a 101st worker\n    return math.ceil(quotient)",
            "    return int(quotient) + 1",
        ),
    ),
    "at_least_one_worker": (
        "workers_round_up",
        patch(WORKERS, "return int(nearest)  #", "return max(1, int(nearest))  #"),
    ),
    "workers_snap_loosely": (
        "workers_round_up",
        patch(WORKERS, "1e-9 * quotient", "1e-6 * quotient"),
    ),
    "workers_floor": (
        "workers_round_up",
        patch(WORKERS, "return math.ceil(quotient)", "return math.floor(quotient)"),
    ),
    # --- estimate errors
    "zero_replicas_accepted": (
        "estimate_errors",
        patch(STORAGE, 'replicas >= 1, ">= 1"', 'replicas >= 0, ">= 0"'),
    ),
    "zero_bytes_per_id_accepted": (
        "estimate_errors",
        patch(STORAGE, 'bytes_per_id > 0, "> 0"', 'bytes_per_id >= 0, ">= 0"'),
    ),
    "peak_factor_below_one_accepted": (
        "estimate_errors",
        patch(QPS, 'peak_factor >= 1, ">= 1"', 'peak_factor > 0, "> 0"'),
    ),
    "zero_deadline_divides_by_zero": (
        "estimate_errors",
        patch(WORKERS, 'deadline_seconds > 0, "> 0"', 'deadline_seconds >= 0, ">= 0"'),
    ),
    "negative_candidates_accepted": (
        "estimate_errors",
        patch(
            SCORING,
            '(("users", users), ("candidates", candidates), ("factors", factors))',
            '(("users", users), ("factors", factors))',
        ),
    ),
    "errors_without_the_value": (
        "estimate_errors",
        patch(
            WORKERS,
            '    _check("work"',
            '    def _check(name, value, ok, rule):\n        if not ok:\n            raise ValueError(f"{name} must be {rule}")\n\n    _check("work"',
        ),
    ),
    "deadline_checked_before_rate": (
        "estimate_errors",
        patch(
            WORKERS,
            '    _check("per_worker_rate", per_worker_rate, per_worker_rate > 0, "> 0")\n    _check("deadline_seconds", deadline_seconds, deadline_seconds > 0, "> 0")\n',
            '    _check("deadline_seconds", deadline_seconds, deadline_seconds > 0, "> 0")\n    _check("per_worker_rate", per_worker_rate, per_worker_rate > 0, "> 0")\n',
        ),
    ),
    "replicas_checked_first": (
        "estimate_errors",
        patch(
            STORAGE,
            '    _check("users", users, users >= 0, ">= 0")\n',
            '    _check("replicas", replicas, replicas >= 1, ">= 1")\n    _check("users", users, users >= 0, ">= 0")\n',
        ),
    ),
    # --- LPT
    "ties_to_the_higher_worker": (
        "lpt_rule",
        patch(
            LPT,
            "heap = [(0, w) for w in range(workers)]",
            "heap = [(0, -w) for w in range(workers)]",
            "assignment[i] = w",
            "assignment[i] = -w",
        ),
    ),
    "equal_sizes_last_index_first": (
        "lpt_rule",
        patch(LPT, "key=lambda i: (-values[i], i)", "key=lambda i: (-values[i], -i)"),
    ),
    "list_scheduling_in_input_order": (
        "lpt_rule",
        patch(
            LPT,
            "order = sorted(range(len(values)), key=lambda i: (-values[i], i))",
            "order = range(len(values))",
        ),
    ),
    "smallest_first": (
        "lpt_rule",
        patch(LPT, "key=lambda i: (-values[i], i)", "key=lambda i: (values[i], i)"),
    ),
    "round_robin_after_sorting": (
        "lpt_rule",
        patch(
            LPT,
            "    for i in order:\n        load, w = heapq.heappop(heap)\n        assignment[i] = w\n        heapq.heappush(heap, (load + values[i], w))\n",
            "    loads = [0] * workers\n    for k, i in enumerate(order):\n        assignment[i] = k % workers\n        loads[k % workers] += values[i]\n    heap = [(load, w) for w, load in enumerate(loads)]\n",
        ),
    ),
    "makespan_is_the_average_load": (
        "lpt_rule",
        patch(LPT, "makespan = max(load for load, _ in heap)", "makespan = sum(values) // workers"),
    ),
    "makespan_numpy_int": (
        "lpt_types",
        patch(LPT, "return int(makespan), assignment", "return np.int64(makespan), assignment"),
    ),
    "assignment_numpy_array": (
        "lpt_types",
        patch(
            LPT, "return int(makespan), assignment", "return int(makespan), np.array(assignment)"
        ),
    ),
    "schedule_as_a_list": (
        "lpt_types",
        patch(LPT, "return int(makespan), assignment", "return [int(makespan), assignment]"),
    ),
    "makespan_numpy_int_for_numpy_sizes": (
        "lpt_types",
        patch(
            LPT,
            "values = [int(s) for s in np.asarray(sizes, dtype=np.int64).reshape(-1)]",
            "values = list(sizes)",
            "return int(makespan), assignment",
            "return makespan, assignment",
        ),
    ),
    # --- min_workers
    "a_partition_equal_to_capacity_is_too_big": (
        "min_workers_rule",
        patch(MIN_WORKERS, "values.max() > capacity", "values.max() >= capacity"),
    ),
    "capacity_strict_in_the_search": (
        "min_workers_rule",
        patch(
            MIN_WORKERS,
            "while lpt_schedule(values, workers)[0] > capacity:",
            "while lpt_schedule(values, workers)[0] >= capacity and workers < values.size:",
        ),
    ),
    "nothing_to_do_needs_no_workers": (
        "min_workers_rule",
        patch(
            MIN_WORKERS,
            "    total = int(values.sum())\n",
            "    total = int(values.sum())\n    if total == 0:\n        return 0\n",
        ),
    ),
    "impossible_raises_instead_of_none": (
        "min_workers_rule",
        patch(
            MIN_WORKERS,
            "return None  #",
            "raise ValueError('the largest partition exceeds capacity')  #",
        ),
    ),
    "the_estimate_without_the_simulation": (
        "min_workers_rule",
        patch(
            MIN_WORKERS,
            "    while lpt_schedule(values, workers)[0] > capacity:\n        workers += 1\n",
            "",
        ),
    ),
    "one_worker_per_partition_when_in_doubt": (
        "min_workers_rule",
        patch(
            MIN_WORKERS,
            "    while lpt_schedule(values, workers)[0] > capacity:\n        workers += 1\n",
            "    if lpt_schedule(values, workers)[0] > capacity:\n        workers = max(1, values.size)\n",
        ),
    ),
    # --- model errors
    "zero_workers_not_checked": (
        "model_errors",
        patch(LPT, '    _check("workers", workers, workers >= 1, ">= 1")\n', ""),
    ),
    "negative_capacity_accepted": (
        "model_errors",
        patch(MIN_WORKERS, '    _check("capacity", capacity, capacity >= 0, ">= 0")\n', ""),
    ),
    "workers_checked_before_sizes": (
        "model_errors",
        patch(
            LPT,
            '    _check("workers", workers, workers >= 1, ">= 1")\n',
            "",
            "    values = [",
            '    _check("workers", workers, workers >= 1, ">= 1")\n    values = [',
        ),
    ),
    "negative_size_error_without_the_value": (
        "model_errors",
        patch(
            MIN_WORKERS,
            'raise ValueError(f"sizes must be >= 0, got {values.min()}")',
            'raise ValueError("sizes must be >= 0")',
        ),
    ),
    # --- scale of the model
    "least_loaded_worker_by_scan": (
        "scale_model",
        patch(
            LPT,
            "        load, w = heapq.heappop(heap)\n        assignment[i] = w\n        heapq.heappush(heap, (load + values[i], w))\n",
            "        k = min(range(workers), key=lambda j: heap[j])\n        load, w = heap[k]\n        assignment[i] = w\n        heap[k] = (load + values[i], w)\n",
        ),
    ),
    "search_from_one_worker": (
        "scale_model",
        patch(
            MIN_WORKERS,
            "workers = max(1, math.ceil(total / capacity)) if capacity > 0 else 1",
            "workers = 1",
        ),
    ),
    # --- assembling the list
    "editorial_not_filtered": (
        "filter_rule",
        patch(
            ASSEMBLE,
            "        if track not in excluded:\n            picks.append(track)",
            "        if track not in picks:\n            picks.append(track)",
        ),
    ),
    "candidates_not_deduplicated": (
        "filter_rule",
        patch(
            ASSEMBLE,
            "            algorithmic.append(track)\n            excluded.add(track)\n",
            "            algorithmic.append(track)\n",
        ),
    ),
    "quota_counts_skipped_picks": (
        "filter_rule",
        patch(
            ASSEMBLE,
            "    for track in editorial:\n",
            "    for track in list(editorial)[: min(size, max_editorial)]:\n",
        ),
    ),
    "quota_ignores_size": (
        "filter_rule",
        patch(
            ASSEMBLE,
            "if len(picks) >= min(size, max_editorial):",
            "if len(picks) >= max_editorial:",
        ),
    ),
    "editorial_slots_reserved_even_when_unused": (
        "filter_rule",
        patch(
            ASSEMBLE,
            "if len(algorithmic) + len(picks) >= size:",
            "if len(algorithmic) >= size - min(size, max_editorial):",
        ),
    ),
    "heard_filtered_after_the_cut": (
        "filter_rule",
        patch(
            ASSEMBLE,
            "    for track in candidates:\n        if len(algorithmic) + len(picks) >= size:\n            break\n        if track not in excluded:",
            "    for track in list(candidates)[: size - len(picks)]:\n        if track not in excluded:",
        ),
    ),
    "algorithm_chooses_before_the_editors": (
        "filter_rule",
        """
def assemble_weekly(candidates, heard, editorial, size=30, max_editorial=5):
    _check("size", size, size >= 0, ">= 0")
    _check("max_editorial", max_editorial, max_editorial >= 0, ">= 0")
    quota = min(size, max_editorial)
    excluded = set(heard)
    algorithmic = []
    for track in candidates:
        if len(algorithmic) >= size - quota:
            break
        if track not in excluded:
            algorithmic.append(track)
            excluded.add(track)
    picks = []
    for track in editorial:
        if len(picks) >= quota:
            break
        if track not in excluded:
            picks.append(track)
            excluded.add(track)
    return algorithmic + picks
""",
    ),
    "editorial_first_in_the_list": (
        "filter_order",
        patch(ASSEMBLE, "return algorithmic + picks", "return picks + algorithmic"),
    ),
    "list_sorted": (
        "filter_order",
        patch(ASSEMBLE, "return algorithmic + picks", "return sorted(algorithmic + picks)"),
    ),
    "returns_a_tuple": (
        "filter_order",
        patch(ASSEMBLE, "return algorithmic + picks", "return tuple(algorithmic + picks)"),
    ),
    "negative_size_gives_empty_list": (
        "filter_errors",
        patch(
            ASSEMBLE,
            '    _check("size", size, size >= 0, ">= 0")\n',
            "    if size < 0:\n        return []\n",
        ),
    ),
    "quota_checked_before_size": (
        "filter_errors",
        patch(
            ASSEMBLE,
            '    _check("size", size, size >= 0, ">= 0")\n    _check("max_editorial", max_editorial, max_editorial >= 0, ">= 0")\n',
            '    _check("max_editorial", max_editorial, max_editorial >= 0, ">= 0")\n    _check("size", size, size >= 0, ">= 0")\n',
        ),
    ),
    "quota_above_size_rejected": (
        "filter_errors",
        patch(
            ASSEMBLE,
            "    excluded = set(heard)\n",
            '    _check("max_editorial", max_editorial, max_editorial <= size, "<= size")\n    excluded = set(heard)\n',
        ),
    ),
    # --- mutation and scale
    "heard_set_updated_in_place": (
        "no_mutation",
        patch(
            ASSEMBLE,
            "excluded = set(heard)",
            "excluded = heard if isinstance(heard, set) else set(heard)",
        ),
    ),
    "sizes_sorted_in_place": (
        "no_mutation",
        patch(
            LPT,
            "    heap = [(0, w)",
            "    if isinstance(sizes, list):\n        sizes.sort(reverse=True)  # largest first\n    heap = [(0, w)",
        ),
    ),
    "candidates_consumed": (
        "no_mutation",
        patch(
            ASSEMBLE,
            "    for track in candidates:\n",
            "    while candidates:\n        track = candidates.pop(0)\n",
        ),
    ),
    "heard_looked_up_in_the_list": (
        "scale_filter",
        patch(
            ASSEMBLE,
            "    excluded = set(heard)\n",
            "    excluded = set()\n",
            "if track not in excluded:",
            "if track not in heard and track not in excluded:",
        ),
    ),
}
