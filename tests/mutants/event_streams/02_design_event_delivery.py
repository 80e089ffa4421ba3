"""Plausible wrong answers to event_streams/02_design_event_delivery, each breaking one clause.

Each source redefines one or two functions; the rest of the solution stays in place.
"""

PARTITIONS = """
import math


def partitions_needed(peak_events_per_second, bytes_per_event, partition_bytes_per_second, target_utilisation):
    for name, value in (
        ("peak_events_per_second", peak_events_per_second),
        ("bytes_per_event", bytes_per_event),
        ("partition_bytes_per_second", partition_bytes_per_second),
    ):
        if value <= 0:
            raise ValueError(f"{name} must be > 0, got {value}")
    if not 0 < target_utilisation <= 1:
        raise ValueError(f"target_utilisation must be in (0, 1], got {target_utilisation}")
    quotient = peak_events_per_second * bytes_per_event / (partition_bytes_per_second * target_utilisation)
    nearest = round(quotient)
    if nearest >= 1 and abs(quotient - nearest) <= 1e-9 * quotient:
        return nearest
    return math.ceil(quotient)
"""

BACKLOG = """
import math

import numpy as np


def consumer_backlog(arrivals_per_s, capacity_per_s):
    arrivals = np.asarray(arrivals_per_s, dtype=float)
    bad = np.flatnonzero(~np.isfinite(arrivals) | (arrivals < 0))
    if bad.size:
        raise ValueError(f"arrivals_per_s[{int(bad[0])}] is {arrivals[bad[0]]}")
    if not (math.isfinite(capacity_per_s) and capacity_per_s >= 0):
        raise ValueError(f"capacity_per_s must be finite and >= 0, got {capacity_per_s}")
    net = np.cumsum(arrivals - capacity_per_s)
    return net - np.minimum(np.minimum.accumulate(net), 0.0)
"""

COMPLETENESS = """
def hourly_bucket_completeness(events, wait_ms):
    if wait_ms < 0:
        raise ValueError(f"wait_ms must be >= 0, got {wait_ms}")
    if events.empty:
        return 1.0
    first = events.groupby("event_id", sort=False).agg(
        event_ts=("event_ts", "first"), received_ts=("received_ts", "min")
    )
    close = (first["event_ts"] // HOUR_MS + 1) * HOUR_MS + wait_ms
    return float((first["received_ts"] <= close).mean())
"""


def patch(source: str, *pairs: str) -> str:
    """`source` with each (old, new) replaced; every `old` must occur."""
    for old, new in zip(pairs[::2], pairs[1::2], strict=True):
        assert old in source, old
        source = source.replace(old, new)
    return source


FIRST = """    first = events.groupby("event_id", sort=False).agg(
        event_ts=("event_ts", "first"), received_ts=("received_ts", "min")
    )
"""
CLOSE = '    close = (first["event_ts"] // HOUR_MS + 1) * HOUR_MS + wait_ms\n'
CLAMP = "    return net - np.minimum(np.minimum.accumulate(net), 0.0)\n"
ARRIVALS_CHECK = """    bad = np.flatnonzero(~np.isfinite(arrivals) | (arrivals < 0))
    if bad.size:
        raise ValueError(f"arrivals_per_s[{int(bad[0])}] is {arrivals[bad[0]]}")
"""
UTILISATION_CHECK = """    if not 0 < target_utilisation <= 1:
        raise ValueError(f"target_utilisation must be in (0, 1], got {target_utilisation}")
"""

MUTANTS = {
    # --- estimates
    "average_with_floor_division": (
        "estimate_types",
        """
def average_events_per_second(events_per_day):
    if events_per_day < 0:
        raise ValueError(f"events_per_day must be >= 0, got {events_per_day}")
    return events_per_day // SECONDS_PER_DAY
""",
    ),
    "storage_keeps_int_arithmetic": (
        "estimate_types",
        """
def storage_bytes(bytes_per_day, retention_days, replication):
    for name, value, low in (("bytes_per_day", bytes_per_day, 0), ("retention_days", retention_days, 0), ("replication", replication, 1)):
        if value < low:
            raise ValueError(f"{name} must be >= {low}, got {value}")
    return bytes_per_day * retention_days * replication
""",
    ),
    "partitions_from_np_ceil": (
        "estimate_types",
        patch(
            PARTITIONS,
            "    return math.ceil(quotient)\n",
            "    return np.ceil(quotient)\n",
            "        return nearest\n",
            "        return np.float64(nearest)\n",
        )
        + "\nimport numpy as np\n",
    ),
    "rates_per_hour_not_per_second": (
        "formulas",
        """
def average_events_per_second(events_per_day):
    if events_per_day < 0:
        raise ValueError(f"events_per_day must be >= 0, got {events_per_day}")
    return float(events_per_day / 24)
""",
    ),
    "peak_ignores_the_ratio": (
        "formulas",
        """
def peak_events_per_second(events_per_day, peak_to_average):
    if events_per_day < 0:
        raise ValueError(f"events_per_day must be >= 0, got {events_per_day}")
    if peak_to_average < 1:
        raise ValueError(f"peak_to_average must be >= 1, got {peak_to_average}")
    return float(events_per_day / 86_400)
""",
    ),
    "storage_forgets_replicas": (
        "formulas",
        """
def storage_bytes(bytes_per_day, retention_days, replication):
    if bytes_per_day < 0:
        raise ValueError(f"bytes_per_day must be >= 0, got {bytes_per_day}")
    if retention_days < 0:
        raise ValueError(f"retention_days must be >= 0, got {retention_days}")
    if replication < 1:
        raise ValueError(f"replication must be >= 1, got {replication}")
    return float(bytes_per_day * retention_days)
""",
    ),
    "a_day_of_100000_seconds": (
        "estimate_tolerance",
        """
def average_events_per_second(events_per_day):
    if events_per_day < 0:
        raise ValueError(f"events_per_day must be >= 0, got {events_per_day}")
    return float(events_per_day / 1e5)  # "about 10^5 seconds in a day"
""",
    ),
    "bytes_per_day_in_kibibytes": (
        "estimate_tolerance",
        """
def bytes_per_day(events_per_day, bytes_per_event):
    if events_per_day < 0:
        raise ValueError(f"events_per_day must be >= 0, got {events_per_day}")
    if bytes_per_event <= 0:
        raise ValueError(f"bytes_per_event must be > 0, got {bytes_per_event}")
    return float(events_per_day * bytes_per_event / 1024)
""",
    ),
    "estimates_without_validation": (
        "estimate_errors",
        """
def average_events_per_second(events_per_day):
    return float(events_per_day / SECONDS_PER_DAY)


def storage_bytes(bytes_per_day, retention_days, replication):
    return float(bytes_per_day * retention_days * replication)
""",
    ),
    "peak_ratio_only_has_to_be_positive": (
        "estimate_errors",
        """
def peak_events_per_second(events_per_day, peak_to_average):
    if events_per_day < 0:
        raise ValueError(f"events_per_day must be >= 0, got {events_per_day}")
    if peak_to_average <= 0:
        raise ValueError(f"peak_to_average must be > 0, got {peak_to_average}")
    return float(events_per_day / SECONDS_PER_DAY * peak_to_average)
""",
    ),
    "ratio_checked_before_events": (
        "estimate_errors",
        """
def peak_events_per_second(events_per_day, peak_to_average):
    if peak_to_average < 1:
        raise ValueError(f"peak_to_average must be >= 1, got {peak_to_average}")
    if events_per_day < 0:
        raise ValueError(f"events_per_day must be >= 0, got {events_per_day}")
    return float(events_per_day / SECONDS_PER_DAY * peak_to_average)
""",
    ),
    "zero_events_rejected": (
        "estimate_errors",
        """
def average_events_per_second(events_per_day):
    if events_per_day <= 0:
        raise ValueError(f"events_per_day must be > 0, got {events_per_day}")
    return float(events_per_day / SECONDS_PER_DAY)
""",
    ),
    "estimate_errors_without_the_value": (
        "estimate_errors",
        """
def bytes_per_day(events_per_day, bytes_per_event):
    if events_per_day < 0:
        raise ValueError("events_per_day must not be negative")
    if bytes_per_event <= 0:
        raise ValueError("bytes_per_event must be positive")
    return float(events_per_day * bytes_per_event)
""",
    ),
    # --- partitions
    "partitions_int_plus_one": (
        "partitions_round_up",
        patch(
            PARTITIONS,
            "    nearest = round(quotient)\n    if nearest >= 1 and abs(quotient - nearest) <= 1e-9 * quotient:\n        return nearest\n    return math.ceil(quotient)\n",
            "    return int(quotient) + 1\n",
        ),
    ),
    "partitions_rounded_to_nearest": (
        "partitions_round_up",
        patch(PARTITIONS, "    return math.ceil(quotient)\n", "    return round(quotient)\n"),
    ),
    "plain_ceil_of_a_divided_quotient": (
        "partitions_round_up",
        patch(
            PARTITIONS,
            "    quotient = peak_events_per_second * bytes_per_event / (partition_bytes_per_second * target_utilisation)\n"
            "    nearest = round(quotient)\n    if nearest >= 1 and abs(quotient - nearest) <= 1e-9 * quotient:\n        return nearest\n",
            "    quotient = peak_events_per_second * bytes_per_event / partition_bytes_per_second / target_utilisation\n",
        ),
    ),
    "snaps_with_a_loose_tolerance": (
        "partitions_round_up",
        patch(PARTITIONS, "<= 1e-9 * quotient", "<= 1e-3 * quotient"),
    ),
    "utilisation_only_capped_at_one": (
        "partition_errors",
        patch(
            PARTITIONS,
            "    if not 0 < target_utilisation <= 1:\n",
            "    if target_utilisation > 1:\n",
        ),
    ),
    "partition_rate_not_checked": (
        "partition_errors",
        patch(
            PARTITIONS, '        ("partition_bytes_per_second", partition_bytes_per_second),\n', ""
        ),
    ),
    "one_message_for_every_bad_partition_input": (
        "partition_errors",
        patch(
            PARTITIONS,
            '            raise ValueError(f"{name} must be > 0, got {value}")',
            '            raise ValueError("rates and sizes must be positive")',
        ),
    ),
    "utilisation_checked_first": (
        "partition_errors",
        patch(
            PARTITIONS,
            UTILISATION_CHECK,
            "",
            "    for name, value in (\n",
            UTILISATION_CHECK + "    for name, value in (\n",
        ),
    ),
    # --- consumer backlog
    "backlog_without_the_clamp_at_zero": (
        "backlog_recursion",
        patch(BACKLOG, CLAMP, "    return net\n"),
    ),
    "clamps_once_at_the_end": (
        "backlog_recursion",
        patch(BACKLOG, CLAMP, "    return np.maximum(net, 0.0)\n"),
    ),
    "forgets_the_empty_start": (
        "backlog_recursion",
        patch(BACKLOG, CLAMP, "    return net - np.minimum.accumulate(net)\n"),
    ),
    "int_backlog_for_int_inputs": (
        "backlog_type",
        patch(
            BACKLOG,
            "    arrivals = np.asarray(arrivals_per_s, dtype=float)\n",
            "    arrivals = np.asarray(arrivals_per_s)\n",
            "    return net - np.minimum(np.minimum.accumulate(net), 0.0)\n",
            "    return net - np.minimum(np.minimum.accumulate(net), 0)\n",
        ),
    ),
    "backlog_as_a_list": (
        "backlog_type",
        patch(
            BACKLOG,
            CLAMP,
            "    return (net - np.minimum(np.minimum.accumulate(net), 0.0)).tolist()\n",
        ),
    ),
    "backlog_includes_the_start": (
        "backlog_type",
        patch(
            BACKLOG,
            "    net = np.cumsum(arrivals - capacity_per_s)\n",
            "    net = np.r_[0.0, np.cumsum(arrivals - capacity_per_s)]\n",
        ),
    ),
    "float32_to_save_memory": (
        "backlog_tolerance",
        patch(
            BACKLOG,
            "    net = np.cumsum(arrivals - capacity_per_s)\n",
            "    net = np.cumsum((arrivals - capacity_per_s).astype(np.float32))\n",
            CLAMP,
            "    return (net - np.minimum(np.minimum.accumulate(net), 0.0)).astype(float)\n",
        ),
    ),
    "backlog_accepts_negative_rates": (
        "backlog_errors",
        patch(
            BACKLOG,
            ARRIVALS_CHECK,
            "",
            "    if not (math.isfinite(capacity_per_s) and capacity_per_s >= 0):\n",
            "    if capacity_per_s < 0:\n",
        ),
    ),
    "backlog_errors_without_the_value": (
        "backlog_errors",
        patch(
            BACKLOG,
            'raise ValueError(f"arrivals_per_s[{int(bad[0])}] is {arrivals[bad[0]]}")',
            'raise ValueError("arrivals_per_s must be non-negative")',
        ),
    ),
    "subtracts_capacity_in_place": (
        "no_mutation",
        patch(
            BACKLOG,
            "    net = np.cumsum(arrivals - capacity_per_s)\n",
            "    arrivals -= capacity_per_s  # no temporary copy of a month of seconds\n    net = np.cumsum(arrivals)\n",
        ),
    ),
    "python_loop_over_seconds": (
        "scale_backlog",
        patch(
            BACKLOG,
            "    net = np.cumsum(arrivals - capacity_per_s)\n" + CLAMP,
            "    out, backlog = [], 0.0\n"
            "    for a in arrivals.tolist():\n"
            "        backlog = max(0.0, backlog + a - capacity_per_s)\n"
            "        out.append(backlog)\n"
            "    return np.array(out)\n",
        ),
    ),
    # --- bucket completeness
    "counts_retries_as_events": (
        "dedup",
        patch(COMPLETENESS, FIRST, "    first = events\n"),
    ),
    "keeps_the_first_row_of_each_id": (
        "dedup",
        patch(COMPLETENESS, FIRST, '    first = events.drop_duplicates("event_id")\n'),
    ),
    "uses_the_last_arrival": (
        "dedup",
        patch(
            COMPLETENESS, 'received_ts=("received_ts", "min")', 'received_ts=("received_ts", "max")'
        ),
    ),
    "strict_close": (
        "bucket_close",
        patch(COMPLETENESS, '(first["received_ts"] <= close)', '(first["received_ts"] < close)'),
    ),
    "hour_rounded_to_nearest": (
        "bucket_close",
        patch(
            COMPLETENESS,
            CLOSE,
            '    close = ((first["event_ts"] / HOUR_MS).round() + 1) * HOUR_MS + wait_ms\n',
        ),
    ),
    "buckets_by_receive_time": (
        "bucket_close",
        patch(
            COMPLETENESS,
            CLOSE,
            '    close = (first["received_ts"] // HOUR_MS + 1) * HOUR_MS + wait_ms\n',
        ),
    ),
    "numpy_float_result": (
        "completeness_type",
        patch(
            COMPLETENESS,
            '    return float((first["received_ts"] <= close).mean())',
            '    return (first["received_ts"] <= close).mean()',
        ),
    ),
    "percentage_not_fraction": (
        "completeness_type",
        patch(
            COMPLETENESS,
            '    return float((first["received_ts"] <= close).mean())',
            '    return float(100 * (first["received_ts"] <= close).mean())',
        ),
    ),
    "nan_for_no_events": (
        "no_events",
        patch(COMPLETENESS, "    if events.empty:\n        return 1.0\n", ""),
    ),
    "zero_for_no_events": (
        "no_events",
        patch(
            COMPLETENESS,
            "    if events.empty:\n        return 1.0\n",
            "    if events.empty:\n        return 0.0\n",
        ),
    ),
    "negative_wait_accepted": (
        "completeness_errors",
        patch(
            COMPLETENESS,
            '    if wait_ms < 0:\n        raise ValueError(f"wait_ms must be >= 0, got {wait_ms}")\n',
            "",
        ),
    ),
    "empty_frame_returns_before_validation": (
        "completeness_errors",
        patch(
            COMPLETENESS,
            '    if wait_ms < 0:\n        raise ValueError(f"wait_ms must be >= 0, got {wait_ms}")\n    if events.empty:\n        return 1.0\n',
            '    if events.empty:\n        return 1.0\n    if wait_ms < 0:\n        raise ValueError(f"wait_ms must be >= 0, got {wait_ms}")\n',
        ),
    ),
    "wait_error_without_the_value": (
        "completeness_errors",
        patch(
            COMPLETENESS,
            'raise ValueError(f"wait_ms must be >= 0, got {wait_ms}")',
            'raise ValueError("wait_ms must not be negative")',
        ),
    ),
    "adds_an_hour_column": (
        "no_mutation",
        patch(
            COMPLETENESS,
            FIRST,
            '    events["hour"] = events["event_ts"] // HOUR_MS\n' + FIRST,
        ),
    ),
    "sorts_the_events_in_place": (
        "no_mutation",
        patch(
            COMPLETENESS,
            FIRST,
            '    events.sort_values("received_ts", inplace=True)\n    first = events.drop_duplicates("event_id")\n',
        ),
    ),
    "caches_unique_events_by_frame_size": (
        "stateless",
        patch(
            COMPLETENESS,
            FIRST,
            "    key = len(events)  # the notebook asks five wait times of one frame\n"
            "    if key not in _UNIQUE:\n"
            + FIRST.replace("    first = ", "        _UNIQUE[key] = ").replace(
                "\n    ", "\n        "
            )
            + "    first = _UNIQUE[key]\n",
        )
        + "\n_UNIQUE = {}\n",
    ),
    "row_by_row_apply": (
        "scale_events",
        patch(
            COMPLETENESS,
            FIRST + CLOSE + '    return float((first["received_ts"] <= close).mean())',
            '    first = events.groupby("event_id", sort=False).agg(event_ts=("event_ts", "first"), received_ts=("received_ts", "min"))\n'
            '    on_time = first.apply(lambda row: row["received_ts"] <= (row["event_ts"] // HOUR_MS + 1) * HOUR_MS + wait_ms, axis=1)\n'
            "    return float(on_time.mean())",
        ),
    ),
    "filters_the_frame_per_event_id": (
        "scale_events",
        patch(
            COMPLETENESS,
            FIRST + CLOSE + '    return float((first["received_ts"] <= close).mean())',
            "    on_time = 0\n"
            "    ids = events['event_id'].unique()\n"
            "    for event_id in ids:\n"
            "        rows = events[events['event_id'] == event_id]\n"
            "        close = (int(rows['event_ts'].iloc[0]) // HOUR_MS + 1) * HOUR_MS + wait_ms\n"
            "        on_time += int(rows['received_ts'].min() <= close)\n"
            "    return on_time / len(ids)",
        ),
    ),
}
