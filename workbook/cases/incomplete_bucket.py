"""The 14:00 hourly bucket is incomplete: event delivery's state behind `ask(...)`, one incident per seed.

Clients send events to gateways in three datacenters; the gateways publish every event type to
one shared stream; a pool of bucket writers consumes it and writes hourly buckets per event
type, closing an hour once every source's events for it are written. It is 15:30 now.
"""

import random
from dataclasses import dataclass

import pandas as pd

from workbook.case import Case, Diagnosis, Question, expert_diagnosis

NOW = 15 * 60 + 30  # minutes after midnight
BUDGET = 5
PEAK_EVENTS_PER_S = 2_000_000
DATACENTERS = {"europe-west1": 0.45, "us-central1": 0.40, "asia-east1": 0.15}
NAMED_TYPES = (
    "Heartbeat", "EndSong", "PlaybackStart", "PageView", "UserAction", "SearchQuery",
    "AdImpression", "ClientError", "Recommendation", "SessionStart", "ShareAction",
    "Download", "ConnectDevice", "RoyaltyReport", "LyricsView", "QueueChange",
)  # fmt: skip
HOURLY_LOAD = {11: 0.85, 12: 0.9, 13: 0.95, 14: 1.0, 15: 1.0}  # of the 14:00 peak
CAPACITY = 1.12  # writer pool at its maximum size, as a multiple of the normal 14:00 load
MAX_WORKERS = 60

CAUSES = {
    "starvation": "one event type's volume grew several-fold; the writers, already at their "
    "maximum size, fall behind on the shared stream for every type",
    "bad_deploy": "a new bucket-writer version fails on some events and restarts in a loop",
    "region_outage": "one datacenter's gateways cannot publish; its events wait at the edge",
    "late_clients": "phones that were offline upload old events hours late",
    "storage_quota": "the bucket storage rejects writes",
}
QUICK_FIXES = {
    "shed_flooding_type": "move the flooding event type to a side subscription so the rest catch up",
    "rollback_writer": "roll the bucket writer back to its previous version",
    "fail_over_region": "send the failed datacenter's clients to a healthy datacenter",
    "add_workers": "raise the writers' maximum worker count",
    "wait": "wait for the late events and close the bucket later",
    "raise_quota": "ask for a larger storage quota",
}
PERMANENT_FIXES = {
    "stream_per_event_type": "a stream and writer pool per event type: a flood in one type "
    "cannot starve the others",
    "schema_checks_before_deploy": "test writer versions against every event schema, then "
    "canary them, before they reach all traffic",
    "multi_region_publishing": "gateways publish to another region when their own is unreachable",
    "bigger_autoscaling_limit": "a higher maximum worker count",
    "longer_close_delay": "close hourly buckets later",
    "quota_alerts": "alert before storage quotas run out",
}
VOCABULARY = {"root_cause": CAUSES, "quick_fix": QUICK_FIXES, "permanent_fix": PERMANENT_FIXES}
FIXES = {
    "starvation": ("shed_flooding_type", "stream_per_event_type"),
    "bad_deploy": ("rollback_writer", "schema_checks_before_deploy"),
    "region_outage": ("fail_over_region", "multi_region_publishing"),
}


@dataclass(frozen=True)
class State:
    """Everything the incident is made of; questions reveal parts of it."""

    cause: str
    culprit: str
    start: int  # minute the incident started
    shares: dict  # event type -> share of normal volume
    extra: float  # starvation: added load as a multiple of normal volume
    versions: tuple  # bucket-writer (old, new)
    deploys: tuple  # (minute, service, from, to)


def open_case(seed: int, event_types: int = len(NAMED_TYPES)) -> Case:
    """Tonight's incident for `seed`: the same seed replays the same incident."""
    questions = [
        Question("backlog", "unacked messages on the shared subscription, every 10 min", backlog),
        Question("writers", "bucket-writer workers, CPU, restarts and throughput", writers),
        Question("volume", "events/s received by the gateways per hour, by type or datacenter", volume),
        Question("bucket", "events written to one hourly bucket per type vs the day before", bucket),
        Question("logs", "the last lines a service logged", logs),
        Question("deploys", "what was deployed today", deploys),
    ]  # fmt: skip
    title = "The 14:00 bucket is incomplete"
    return Case(title, seed, incident(seed, event_types), questions, BUDGET)


def planted(seed: int, event_types: int = len(NAMED_TYPES)) -> Diagnosis:
    """The diagnosis an expert reaches for `seed`."""
    return expert_diagnosis(incident(seed, event_types), FIXES)


def incident(seed: int, event_types: int) -> State:
    """Draw one incident: its cause, culprit, start and the red herrings around it."""
    rng = random.Random(seed)
    names = list(NAMED_TYPES[:event_types]) + [
        f"Event{i:03d}" for i in range(len(NAMED_TYPES), event_types)
    ]
    rng.shuffle(names)
    weights = [1 / (rank + 1) ** 1.1 for rank in range(len(names))]
    shares = {n: w / sum(weights) for n, w in zip(names, weights, strict=True)}
    cause = rng.choice(sorted(FIXES))
    start = 14 * 60 + rng.randrange(12, 31)
    old = (2, rng.randrange(10, 20), rng.randrange(0, 9))
    versions = (".".join(map(str, old)), f"{old[0]}.{old[1] + 1}.0")
    herrings = [
        (14 * 60 + rng.randrange(0, 40), "search-frontend", "1.88.2", "1.89.0"),
        (12 * 60 + rng.randrange(0, 60), "playlist-api", "4.2.0", "4.2.1"),
        (start - rng.randrange(3, 15), "client-android", "8.9.38", "8.9.40 (10 % rollout)"),
    ]
    culprit = {
        "starvation": names[rng.randrange(2, min(len(names), 10 + len(names) // 20))],
        "bad_deploy": f"bucket-writer {versions[1]}",
        "region_outage": rng.choice(sorted(DATACENTERS)),
    }[cause]
    morning = f"{old[0]}.{old[1]}.{max(0, old[2] - 1)}"
    herrings.append((9 * 60 + rng.randrange(0, 60), "bucket-writer", morning, versions[0]))
    if cause == "bad_deploy":
        herrings.append((start, "bucket-writer", *versions))
    return State(cause, culprit, start, shares, rng.uniform(0.25, 0.6), versions, tuple(herrings))


def _clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _grid() -> range:
    return range(13 * 60, NOW + 1, 10)


def _load(state: State, minute: int) -> float:
    """Events published per second at `minute`, as a multiple of the normal 14:00 load."""
    base = HOURLY_LOAD[minute // 60]
    if minute < state.start:
        return base
    if state.cause == "starvation":
        return base + state.extra
    if state.cause == "region_outage":
        return base * (1 - DATACENTERS[state.culprit])
    return base


def _processed(state: State, minute: int) -> float:
    if minute < state.start:
        return _load(state, minute)
    return {"starvation": CAPACITY, "bad_deploy": 0.04, "region_outage": _load(state, minute)}[
        state.cause
    ]


def backlog(state: State) -> pd.DataFrame:
    rows, unacked, oldest = [], 0.0, 20
    for minute in _grid():
        if minute > state.start:
            unacked += max(0.0, _load(state, minute) - _processed(state, minute)) * 600
            behind = 1 - _processed(state, minute) / _load(state, minute)
            oldest = 20 if unacked <= 0 else (minute - state.start) * 60 * behind
        rows.append((_clock(minute), round(unacked * PEAK_EVENTS_PER_S), int(oldest)))
    return pd.DataFrame(rows, columns=["time", "unacked_messages", "oldest_unacked_s"])


def writers(state: State) -> pd.DataFrame:
    rows = []
    for minute in _grid():
        after = minute > state.start
        work = _processed(state, minute) / CAPACITY
        workers = MAX_WORKERS if after and state.cause == "starvation" else round(50 * work)
        cpu = 96 if after and state.cause == "starvation" else 58 + 8 * work
        restarts = 14 if after and state.cause == "bad_deploy" else 0
        if after and state.cause == "bad_deploy":
            workers, cpu = 45, 7
        events = round(_processed(state, minute) * PEAK_EVENTS_PER_S)
        rows.append((_clock(minute), workers, MAX_WORKERS, round(cpu), restarts, events))
    columns = ["time", "workers", "max_workers", "cpu_pct", "restarts", "events_per_s"]
    return pd.DataFrame(rows, columns=columns)


def _after(state: State, hour: int) -> float:
    """The share of `hour` that lies after the incident started."""
    return max(0, min(60, hour * 60 + 60 - state.start)) / 60


def _rate(state: State, hour: int, by: str, key: str) -> float:
    """Events/s the gateways publish for one type or datacenter, as a multiple of normal."""
    share = state.shares[key] if by == "event_type" else DATACENTERS[key]
    rate, after = HOURLY_LOAD[hour] * share, _after(state, hour)
    if state.cause == "starvation" and (by == "datacenter" or key == state.culprit):
        rate += after * state.extra * (share if by == "datacenter" else 1)
    if state.cause == "region_outage":
        lost = DATACENTERS[state.culprit] if by == "event_type" else float(key == state.culprit)
        rate *= 1 - after * lost
    return rate


def volume(state: State, by: str = "event_type", event_type: str | None = None) -> pd.DataFrame:
    if by not in ("event_type", "datacenter"):
        raise ValueError(f"by must be 'event_type' or 'datacenter', got {by!r}")
    if event_type is not None and (by != "event_type" or event_type not in state.shares):
        raise ValueError(f"no event type {event_type!r} (with by='event_type')")
    keys = [event_type] if event_type else list(state.shares if by == "event_type" else DATACENTERS)
    table = {
        f"{hour:02d}:00": {k: round(_rate(state, hour, by, k) * PEAK_EVENTS_PER_S) for k in keys}
        for hour in sorted(HOURLY_LOAD)
    }
    return pd.DataFrame(table).rename_axis(by)


def bucket(state: State, hour: str = "14:00") -> pd.DataFrame:
    valid = [f"{h:02d}:00" for h in range(11, 15)]
    if hour not in valid:
        raise ValueError(
            f"hour must be one of {', '.join(valid)} (15:00 is still open), got {hour!r}"
        )
    h = int(hour[:2])
    before = 1 - _after(state, h)
    written = (
        {
            "starvation": before + (1 - before) * CAPACITY / (CAPACITY + state.extra) * 0.8,
            "bad_deploy": before + (1 - before) * 0.04,
            "region_outage": 1.0,  # of what was published: the lost datacenter's events never came
        }[state.cause]
        if before < 1
        else 1.0
    )
    rows = []
    for name, share in state.shares.items():
        day_before = share * HOURLY_LOAD[h] * PEAK_EVENTS_PER_S * 3600
        today = _rate(state, h, "event_type", name) * PEAK_EVENTS_PER_S * 3600
        rows.append((name, round(day_before), round(today * written), before == 1))
    columns = ["event_type", "events_day_before", "events_written", "closed"]
    return pd.DataFrame(rows, columns=columns).set_index("event_type")


def logs(state: State, service: str = "bucket-writer") -> pd.DataFrame:
    if service not in ("bucket-writer", "gateway"):
        raise ValueError(f"service must be 'bucket-writer' or 'gateway', got {service!r}")
    lines = {
        ("bucket-writer", "starvation"): [
            ("WARN", "subscription backlog above 10 minutes; pool at max_workers"),
            ("INFO", "hour 14:00 still open: watermark behind by {lag} min"),
        ],
        ("bucket-writer", "bad_deploy"): [
            ("INFO", "starting bucket-writer {new}"),
            ("ERROR", "worker crashed: SchemaError: unknown field 'offline_ms' in EndSong"),
            ("INFO", "worker restarted (attempt {n})"),
        ],
        ("bucket-writer", "region_outage"): [
            ("INFO", "hour 14:00 still open: waiting for events from every datacenter"),
        ],
        ("gateway", "region_outage"): [
            ("ERROR", "publish failed: DEADLINE_EXCEEDED (region {dc}); spooling to disk"),
        ],
    }.get((service, state.cause), [("INFO", "published batch of 1000 events")])
    rows = []
    for i, minute in enumerate(range(NOW - 24, NOW, 2)):
        level, text = lines[i % len(lines)]
        text = text.format(lag=(minute - state.start) // 2, new=state.versions[1], n=i + 1,
                           dc=state.culprit)  # fmt: skip
        rows.append((_clock(minute), service, level, text))
    return pd.DataFrame(rows, columns=["time", "service", "level", "message"])


def deploys(state: State) -> pd.DataFrame:
    rows = sorted((_clock(m), service, old, new) for m, service, old, new in state.deploys)
    return pd.DataFrame(rows, columns=["time", "service", "from_version", "to_version"])
