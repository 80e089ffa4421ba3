"""Plausible wrong answers to event_streams/02_design_event_delivery."""

MUTANTS = {
    "rates_per_hour_not_per_second": """
def average_events_per_second(events_per_day):
    return events_per_day / 24
""",
    "peak_ignores_ratio_and_bytes_in_kilobytes": """
def peak_events_per_second(events_per_day, peak_to_average):
    return events_per_day / 86_400


def bytes_per_day(events_per_day, bytes_per_event):
    return events_per_day * bytes_per_event / 1024
""",
    "partitions_int_plus_one_without_validation": """
def partitions_needed(peak_events_per_second, bytes_per_event, partition_bytes_per_second, target_utilisation):
    return int(peak_events_per_second * bytes_per_event / (partition_bytes_per_second * target_utilisation)) + 1
""",
    "partitions_rounded_to_nearest": """
def partitions_needed(peak_events_per_second, bytes_per_event, partition_bytes_per_second, target_utilisation):
    if not 0 < target_utilisation <= 1 or bytes_per_event <= 0:
        raise ValueError(target_utilisation)
    return round(peak_events_per_second * bytes_per_event / (partition_bytes_per_second * target_utilisation))
""",
    "storage_forgets_replicas": """
def storage_bytes(bytes_per_day, retention_days, replication):
    return bytes_per_day * retention_days
""",
    "backlog_without_the_clamp_at_zero": """
import numpy as np


def consumer_backlog(arrivals_per_s, capacity_per_s):
    return np.cumsum(np.asarray(arrivals_per_s, dtype=float) - capacity_per_s)
""",
    "backlog_python_loop": """
import numpy as np


def consumer_backlog(arrivals_per_s, capacity_per_s):
    out, backlog = [], 0.0
    for a in arrivals_per_s:
        backlog = max(0.0, backlog + a - capacity_per_s)
        out.append(backlog)
    return np.array(out)
""",
    "completeness_counts_duplicates": """
def hourly_bucket_completeness(events, wait_ms):
    close = (events["event_ts"] // HOUR_MS + 1) * HOUR_MS + wait_ms
    return float((events["received_ts"] <= close).mean())
""",
    "completeness_strict_close": """
def hourly_bucket_completeness(events, wait_ms):
    first = events.groupby("event_id").agg(event_ts=("event_ts", "first"), received_ts=("received_ts", "min"))
    close = (first["event_ts"] // HOUR_MS + 1) * HOUR_MS + wait_ms
    return float((first["received_ts"] < close).mean())
""",
}
