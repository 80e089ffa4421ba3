"""Plausible wrong answers to graphs/10_design_friend_activity, each breaking one contract clause.

Each source redefines one function; the others stay the reference solution.
"""

from workbook.contract import swap

UPDATES = """
def status_updates_per_second(listeners, seconds_per_track):
    if listeners < 0:
        raise ValueError(f"listeners must be >= 0, got {listeners}")
    if seconds_per_track <= 0:
        raise ValueError(f"seconds_per_track must be > 0, got {seconds_per_track}")
    return float(listeners / seconds_per_track)
"""

PUSH = """
def push_writes_per_second(updates_per_second, mean_followers):
    if updates_per_second < 0:
        raise ValueError(f"updates_per_second must be >= 0, got {updates_per_second}")
    if mean_followers < 0:
        raise ValueError(f"mean_followers must be >= 0, got {mean_followers}")
    return float(updates_per_second * (1 + mean_followers))
"""

READS = """
def sidebar_reads_per_second(open_sidebars, refresh_seconds):
    if open_sidebars < 0:
        raise ValueError(f"open_sidebars must be >= 0, got {open_sidebars}")
    if refresh_seconds <= 0:
        raise ValueError(f"refresh_seconds must be > 0, got {refresh_seconds}")
    return float(open_sidebars / refresh_seconds)
"""

FANOUT_TIME = """
def seconds_to_fan_out(followers, writes_per_second):
    if followers < 0:
        raise ValueError(f"followers must be >= 0, got {followers}")
    if writes_per_second <= 0:
        raise ValueError(f"writes_per_second must be > 0, got {writes_per_second}")
    return float(followers / writes_per_second)
"""

COSTS = """
import numpy as np


def hybrid_costs(followers, threshold):
    counts = np.asarray(followers, dtype=np.int64)
    if counts.size == 0:
        raise ValueError("followers must not be empty")
    if (counts < 0).any():
        raise ValueError(f"followers must be >= 0, found {int(counts.min())}")
    if threshold < 0:
        raise ValueError(f"threshold must be >= 0, got {threshold}")
    push = counts < threshold
    n = counts.size
    writes_per_update = 1 + counts[push].sum() / n
    keys_per_read = 1 + counts[~push].sum() / n
    max_fanout = int(counts[push].max()) if push.any() else 0
    return float(writes_per_update), float(keys_per_read), max_fanout
"""

DELAYS = """
import math

import numpy as np


def fanout_delays(update_times, fanouts, writes_per_second):
    times = np.asarray(update_times, dtype=float)
    work = np.asarray(fanouts, dtype=float)
    if times.ndim != 1 or not np.isfinite(times).all() or (np.diff(times) < 0).any():
        raise ValueError("update_times must be a finite, non-decreasing 1-D sequence")
    if work.shape != times.shape:
        raise ValueError("fanouts must have one value per update")
    bad = np.flatnonzero(~np.isfinite(work) | (work < 0))
    if bad.size:
        raise ValueError(f"fanouts must be finite and >= 0: [{int(bad[0])}] is {work[bad[0]]}")
    if not (math.isfinite(writes_per_second) and writes_per_second > 0):
        raise ValueError(f"writes_per_second must be finite and > 0, got {writes_per_second}")
    served = np.cumsum(work / writes_per_second)
    before = served - work / writes_per_second
    finish = served + np.maximum.accumulate(times - before)
    return finish - times
"""

CHOOSE = """
import numpy as np


def choose_threshold(followers, update_users, update_times, writes_per_second, slo_seconds, candidates):
    if slo_seconds < 0:
        raise ValueError(f"slo_seconds must be >= 0, got {slo_seconds}")
    options = sorted({int(c) for c in candidates}, reverse=True)
    if not options:
        raise ValueError("candidates must not be empty")
    if options[-1] < 0:
        raise ValueError(f"candidates must be >= 0, found {options[-1]}")
    reach = np.asarray(followers, dtype=np.int64)[np.asarray(update_users, dtype=np.intp)]
    for threshold in options:
        fanouts = 1 + np.where(reach < threshold, reach, 0)
        delays = fanout_delays(update_times, fanouts, writes_per_second)
        if delays.size == 0 or float(np.quantile(delays, 0.99)) <= slo_seconds:
            return threshold
    raise ValueError(f"no candidate threshold meets slo_seconds={slo_seconds}")
"""


DELAY_CORE = """    served = np.cumsum(work / writes_per_second)
    before = served - work / writes_per_second
    finish = served + np.maximum.accumulate(times - before)
    return finish - times
"""
P99 = "        if delays.size == 0 or float(np.quantile(delays, 0.99)) <= slo_seconds:\n"

MUTANTS = {
    # estimate_types
    "numpy_float_from_np_divide": (
        "estimate_types",
        swap(
            UPDATES,
            (
                "    return float(listeners / seconds_per_track)\n",
                "    import numpy as np\n    return np.divide(listeners, seconds_per_track)\n",
            ),
        ),
    ),
    "integer_division_for_ints": (
        "estimate_types",
        swap(
            FANOUT_TIME,
            (
                "    return float(followers / writes_per_second)\n",
                "    if isinstance(followers, int) and isinstance(writes_per_second, int):\n        return followers // writes_per_second\n    return float(followers / writes_per_second)\n",
            ),
        ),
    ),
    # formulas
    "push_forgets_the_own_status": (
        "formulas",
        swap(
            PUSH,
            (
                "    return float(updates_per_second * (1 + mean_followers))\n",
                "    return float(updates_per_second * mean_followers)\n",
            ),
        ),
    ),
    "fan_out_time_inverted": (
        "formulas",
        swap(
            FANOUT_TIME,
            (
                "    return float(followers / writes_per_second)\n",
                "    return float(writes_per_second / followers) if followers else 0.0\n",
            ),
        ),
    ),
    # estimate_tolerance
    "track_length_in_minutes": (
        "estimate_tolerance",
        swap(
            UPDATES,
            (
                "    return float(listeners / seconds_per_track)\n",
                "    return float(listeners / seconds_per_track * 60)\n",
            ),
        ),
    ),
    "rounded_to_thousands": (
        "estimate_tolerance",
        swap(
            READS,
            (
                "    return float(open_sidebars / refresh_seconds)\n",
                "    return float(round(open_sidebars / refresh_seconds, -3))\n",
            ),
        ),
    ),
    # estimate_errors
    "zero_track_length_divides": (
        "estimate_errors",
        swap(UPDATES, ("    if seconds_per_track <= 0:\n", "    if seconds_per_track < 0:\n")),
    ),
    "negative_followers_allowed": (
        "estimate_errors",
        swap(
            FANOUT_TIME,
            (
                '    if followers < 0:\n        raise ValueError(f"followers must be >= 0, got {followers}")\n',
                "",
            ),
        ),
    ),
    "error_without_the_name": (
        "estimate_errors",
        swap(
            READS,
            (
                '        raise ValueError(f"refresh_seconds must be > 0, got {refresh_seconds}")\n',
                '        raise ValueError(f"must be positive, got {refresh_seconds}")\n',
            ),
        ),
    ),
    "rate_checked_first": (
        "estimate_errors",
        swap(
            PUSH,
            (
                '    if updates_per_second < 0:\n        raise ValueError(f"updates_per_second must be >= 0, got {updates_per_second}")\n    if mean_followers < 0:\n        raise ValueError(f"mean_followers must be >= 0, got {mean_followers}")\n',
                '    if mean_followers < 0:\n        raise ValueError(f"mean_followers must be >= 0, got {mean_followers}")\n    if updates_per_second < 0:\n        raise ValueError(f"updates_per_second must be >= 0, got {updates_per_second}")\n',
            ),
        ),
    ),
    # costs_formulas
    "mean_over_push_accounts_only": (
        "costs_formulas",
        swap(
            COSTS,
            (
                "    writes_per_update = 1 + counts[push].sum() / n\n",
                "    writes_per_update = 1 + (counts[push].mean() if push.any() else 0.0)\n",
            ),
        ),
    ),
    "reads_forget_the_inbox": (
        "costs_formulas",
        swap(
            COSTS,
            (
                "    keys_per_read = 1 + counts[~push].sum() / n\n",
                "    keys_per_read = counts[~push].sum() / n\n",
            ),
        ),
    ),
    "reads_count_pulled_accounts": (
        "costs_formulas",
        swap(
            COSTS,
            (
                "    keys_per_read = 1 + counts[~push].sum() / n\n",
                "    keys_per_read = 1 + (~push).sum()\n",
            ),
        ),
    ),
    # costs_threshold
    "threshold_account_pushes": (
        "costs_threshold",
        swap(COSTS, ("    push = counts < threshold\n", "    push = counts <= threshold\n")),
    ),
    # costs_types
    "numpy_scalars": (
        "costs_types",
        swap(
            COSTS,
            (
                "    max_fanout = int(counts[push].max()) if push.any() else 0\n    return float(writes_per_update), float(keys_per_read), max_fanout\n",
                "    max_fanout = counts[push].max() if push.any() else np.int64(0)\n    return writes_per_update, keys_per_read, max_fanout\n",
            ),
        ),
    ),
    "a_list_not_a_tuple": (
        "costs_types",
        swap(
            COSTS,
            (
                "    return float(writes_per_update), float(keys_per_read), max_fanout\n",
                "    return [float(writes_per_update), float(keys_per_read), max_fanout]\n",
            ),
        ),
    ),
    # costs_errors
    "empty_population_divides_by_zero": (
        "costs_errors",
        swap(
            COSTS,
            (
                '    if counts.size == 0:\n        raise ValueError("followers must not be empty")\n',
                "",
            ),
        ),
    ),
    "threshold_checked_first": (
        "costs_errors",
        swap(
            COSTS,
            (
                '    if threshold < 0:\n        raise ValueError(f"threshold must be >= 0, got {threshold}")\n',
                "",
            ),
            (
                "    counts = np.asarray(followers, dtype=np.int64)\n",
                '    if threshold < 0:\n        raise ValueError(f"threshold must be >= 0, got {threshold}")\n    counts = np.asarray(followers, dtype=np.int64)\n',
            ),
        ),
    ),
    # delays_recursion
    "queue_never_idles": (
        "delays_recursion",
        swap(
            DELAYS,
            (
                DELAY_CORE,
                "    finish = times[:1].sum() + np.cumsum(work / writes_per_second)\n    return finish - times\n",
            ),
        ),
    ),
    "waiting_time_without_service": (
        "delays_recursion",
        swap(
            DELAYS,
            (
                DELAY_CORE,
                "    served = np.cumsum(work / writes_per_second)\n    before = served - work / writes_per_second\n    finish = served + np.maximum.accumulate(times - before)\n    return finish - times - work / writes_per_second\n",
            ),
        ),
    ),
    "sorts_by_fan_out_at_equal_times": (
        "delays_recursion",
        swap(
            DELAYS,
            (
                DELAY_CORE,
                "    order = np.lexsort((work, times))\n    served = np.cumsum(work[order] / writes_per_second)\n    before = served - work[order] / writes_per_second\n    finish = served + np.maximum.accumulate(times[order] - before)\n    out = np.empty_like(times)\n    out[order] = finish - times[order]\n    return out\n",
            ),
        ),
    ),
    # delays_type
    "returns_a_list": (
        "delays_type",
        swap(DELAYS, ("    return finish - times\n", "    return (finish - times).tolist()\n")),
    ),
    "keeps_the_input_dtype": (
        "delays_type",
        swap(
            DELAYS,
            (
                "    return finish - times\n",
                "    return (finish - times).astype(np.asarray(update_times).dtype) if len(times) else np.asarray(update_times)\n",
            ),
        ),
    ),
    # delays_tolerance
    "float32_accumulation": (
        "delays_tolerance",
        swap(
            DELAYS,
            (
                DELAY_CORE,
                "    service = (work / writes_per_second).astype(np.float32)\n    served = np.cumsum(service, dtype=np.float32)\n    finish = served + np.maximum.accumulate(times.astype(np.float32) - (served - service))\n    return (finish - times.astype(np.float32)).astype(float)\n",
            ),
        ),
    ),
    # delays_errors
    "sorts_unsorted_times": (
        "delays_errors",
        swap(
            DELAYS,
            (
                "    if times.ndim != 1 or not np.isfinite(times).all() or (np.diff(times) < 0).any():\n",
                "    times = np.sort(times)\n    if times.ndim != 1 or not np.isfinite(times).all():\n",
            ),
        ),
    ),
    "negative_fanouts_allowed": (
        "delays_errors",
        swap(
            DELAYS,
            (
                "    bad = np.flatnonzero(~np.isfinite(work) | (work < 0))\n",
                "    bad = np.flatnonzero(~np.isfinite(work))\n",
            ),
        ),
    ),
    "zero_rate_gives_infinity": (
        "delays_errors",
        swap(
            DELAYS,
            (
                "    if not (math.isfinite(writes_per_second) and writes_per_second > 0):\n",
                "    if writes_per_second < 0:\n",
            ),
        ),
    ),
    # threshold_rule
    "smallest_feasible_candidate": (
        "threshold_rule",
        swap(
            CHOOSE,
            (
                "    options = sorted({int(c) for c in candidates}, reverse=True)\n",
                "    options = sorted({int(c) for c in candidates})\n",
            ),
            (
                '    if options[-1] < 0:\n        raise ValueError(f"candidates must be >= 0, found {options[-1]}")\n',
                '    if options[0] < 0:\n        raise ValueError(f"candidates must be >= 0, found {options[0]}")\n',
            ),
        ),
    ),
    "strict_target": (
        "threshold_rule",
        swap(
            CHOOSE,
            (
                P99,
                "        if delays.size == 0 or float(np.quantile(delays, 0.99)) < slo_seconds:\n",
            ),
        ),
    ),
    "nearest_rank_percentile": (
        "threshold_rule",
        swap(
            CHOOSE,
            (
                P99,
                "        if delays.size == 0 or float(np.sort(delays)[int(0.99 * delays.size)]) <= slo_seconds:\n",
            ),
        ),
    ),
    "mean_delay_instead_of_p99": (
        "threshold_rule",
        swap(
            CHOOSE, (P99, "        if delays.size == 0 or float(delays.mean()) <= slo_seconds:\n")
        ),
    ),
    "threshold_accounts_push": (
        "threshold_rule",
        swap(
            CHOOSE,
            (
                "        fanouts = 1 + np.where(reach < threshold, reach, 0)\n",
                "        fanouts = 1 + np.where(reach <= threshold, reach, 0)\n",
            ),
        ),
    ),
    "pull_updates_leave_the_queue": (
        "threshold_rule",
        swap(
            CHOOSE,
            (
                "        fanouts = 1 + np.where(reach < threshold, reach, 0)\n",
                "        fanouts = np.where(reach < threshold, 1 + reach, 0)\n",
            ),
        ),
    ),
    "numpy_integer_result": (
        "threshold_rule",
        swap(
            CHOOSE,
            (
                "    options = sorted({int(c) for c in candidates}, reverse=True)\n",
                "    options = sorted(set(np.asarray(candidates, dtype=np.int64).tolist()), reverse=True)\n    options = [np.int64(c) for c in options]\n",
            ),
        ),
    ),
    # threshold_errors
    "none_when_nothing_fits": (
        "threshold_errors",
        swap(
            CHOOSE,
            (
                '    raise ValueError(f"no candidate threshold meets slo_seconds={slo_seconds}")\n',
                "    return None\n",
            ),
        ),
    ),
    "negative_target_accepted": (
        "threshold_errors",
        swap(CHOOSE, ("    if slo_seconds < 0:\n", "    if slo_seconds < -1e9:\n")),
    ),
    "negative_candidates_accepted": (
        "threshold_errors",
        swap(CHOOSE, ("    if options[-1] < 0:\n", "    if options[-1] < -10:\n")),
    ),
    # no_mutation
    "sorts_candidates_in_place": (
        "no_mutation",
        swap(
            CHOOSE,
            (
                "    options = sorted({int(c) for c in candidates}, reverse=True)\n",
                "    if isinstance(candidates, list):\n        candidates.sort(reverse=True)\n    options = sorted({int(c) for c in candidates}, reverse=True)\n",
            ),
        ),
    ),
    "sorts_followers_in_place": (
        "no_mutation",
        swap(
            COSTS,
            (
                "    counts = np.asarray(followers, dtype=np.int64)\n",
                "    counts = np.asarray(followers, dtype=np.int64)\n    counts.sort()  # to split with searchsorted\n",
            ),
        ),
    ),
    # stateless
    "caches_the_fan_out_per_trace_size": (
        "stateless",
        swap(
            CHOOSE,
            (
                "    reach = np.asarray(followers, dtype=np.int64)[np.asarray(update_users, dtype=np.intp)]\n",
                "    key = len(update_users)\n    if key not in _reach:\n        _reach[key] = np.asarray(followers, dtype=np.int64)[np.asarray(update_users, dtype=np.intp)]\n    reach = _reach[key]\n",
            ),
            ("import numpy as np\n", "import numpy as np\n\n_reach = {}\n"),
        ),
    ),
    # scale_delays
    "python_loop_over_updates": (
        "scale_delays",
        swap(
            DELAYS,
            (
                DELAY_CORE,
                "    out = np.empty_like(times)\n    finish = -math.inf\n    for k in range(times.size):\n        finish = max(finish, times[k]) + work[k] / writes_per_second\n        out[k] = finish - times[k]\n    return out\n",
            ),
        ),
    ),
    # scale_threshold
    "queue_simulated_per_update": (
        "scale_threshold",
        swap(
            CHOOSE,
            (
                "        fanouts = 1 + np.where(reach < threshold, reach, 0)\n"
                "        delays = fanout_delays(update_times, fanouts, writes_per_second)\n",
                "        finish, delays = -np.inf, []\n"
                "        for t, r in zip(update_times, reach):\n"
                "            finish = max(finish, t) + (1 + (r if r < threshold else 0)) / writes_per_second\n"
                "            delays.append(finish - t)\n"
                "        delays = np.array(delays, dtype=float)\n",
            ),
        ),
    ),
}
