"""Stalls doubled in one country after a client release: playback's state behind `ask(...)`.

Clients stream from two CDNs' points of presence in the country, over a handful of ISPs; a
new client version went out to half of the country's users on the third day of the week.
"""

import random
from dataclasses import dataclass

import pandas as pd

from workbook.case import Case, Diagnosis, Question, expert_diagnosis

BUDGET = 5
DAYS = tuple(f"2026-11-{d}" for d in range(24, 31))
RELEASE_DAY = 2  # index in DAYS: 2026-11-26
BASE_STALL_PCT = 0.8  # "less than 1 % of all playbacks stutter" (Kreitz and Niemelä, 2010)
COUNTRIES = ("BR", "MX", "IN", "ID", "PH", "TR", "NG", "CO")
ISPS = ("Orbita", "Celeste Móvil", "RedNorte", "Sonda Fibra", "Pampa Net", "Ñandú Telecom")

CAUSES = {
    "client_regression": "the new client version stalls more, wherever and however it streams",
    "cdn_degraded": "one CDN point of presence serves slowly (cache misses, slow first bytes)",
    "isp_congestion": "one ISP's network is congested: its users get too little throughput",
    "server_capacity": "the storage servers behind both CDNs are overloaded",
    "app_crashes": "the app crashes, and restarts are counted as stalls",
}
QUICK_FIXES = {
    "halt_rollout": "stop the rollout and turn the new playback code off by remote config",
    "shift_cdn_traffic": "steer the country's traffic away from the slow point of presence",
    "lower_start_bitrate": "start playback at a lower bitrate for that ISP's users",
    "roll_back_release": "ship the previous client version to everyone again",
    "add_storage_servers": "add storage servers behind the CDNs",
}
PERMANENT_FIXES = {
    "stall_guardrail_rollouts": "staged rollouts that stop on their own when playback "
    "guardrails (stall rate per country and network) degrade",
    "qoe_cdn_steering": "steer between CDNs by the stall rates clients report, per point of presence",
    "isp_embedded_cache": "caches inside the ISP's network (or more peering capacity with it)",
    "bigger_client_buffer": "a larger playback buffer in every client",
    "crash_free_gate": "block releases whose crash-free rate drops",
}
VOCABULARY = {"root_cause": CAUSES, "quick_fix": QUICK_FIXES, "permanent_fix": PERMANENT_FIXES}
FIXES = {
    "client_regression": ("halt_rollout", "stall_guardrail_rollouts"),
    "cdn_degraded": ("shift_cdn_traffic", "qoe_cdn_steering"),
    "isp_congestion": ("lower_start_bitrate", "isp_embedded_cache"),
}


@dataclass(frozen=True)
class State:
    """Everything the incident is made of; questions reveal parts of it."""

    cause: str
    culprit: str
    country: str
    versions: tuple  # (old, new)
    isps: dict  # ISP -> share of the country's playbacks
    pops: dict  # point of presence -> share
    factor: float  # how many times as often the affected slice stalls
    noise: tuple  # small day-to-day wobble, one per day
    bias: dict  # each version, point of presence and ISP stalls a little more or less than others
    speed: dict  # ISP -> its usual median throughput, kbps


def open_case(seed: int, isps: int = len(ISPS)) -> Case:
    """Tonight's incident for `seed`: the same seed replays the same incident."""
    questions = [
        Question("stalls", "stall rate (% of playbacks with a stall) per day, by a dimension", stalls),
        Question("releases", "client releases and their rollout in the country", releases),
        Question("cdn_health", "cache hit ratio and p95 first-byte time per point of presence", cdn_health),
        Question("throughput", "median download throughput per ISP per day", throughput),
        Question("crashes", "crash-free sessions per client version", crashes),
    ]  # fmt: skip
    state = incident(seed, isps)
    return Case(f"Stalls doubled in {state.country}", seed, state, questions, BUDGET)


def planted(seed: int, isps: int = len(ISPS)) -> Diagnosis:
    """The diagnosis an expert reaches for `seed`."""
    return expert_diagnosis(incident(seed, isps), FIXES)


def incident(seed: int, isps: int) -> State:
    """Draw one incident: cause, culprit and the country's networks."""
    rng = random.Random(seed)
    names = list(ISPS[:isps]) + [f"ISP {i:03d}" for i in range(len(ISPS), isps)]
    weights = [rng.uniform(0.5, 3) for _ in names]
    shares = {n: w / sum(weights) for n, w in zip(names, weights, strict=True)}
    country = rng.choice(COUNTRIES).lower()
    pops = {f"cdn-a/{country}1": rng.uniform(0.35, 0.65)}
    pops[f"cdn-b/{country}1"] = 1 - pops[f"cdn-a/{country}1"]
    minor = rng.randrange(30, 60)
    versions = (f"8.9.{minor}", f"8.9.{minor + 2}")
    cause = rng.choice(sorted(FIXES))
    culprit = {
        "client_regression": versions[1],
        "cdn_degraded": rng.choice(sorted(pops)),
        "isp_congestion": rng.choice(sorted(shares, key=shares.get)[-3:]),
    }[cause]
    noise = tuple(rng.uniform(-0.04, 0.04) for _ in DAYS)
    affected = {"client_regression": 0.5, "cdn_degraded": pops, "isp_congestion": shares}[cause]
    share = affected if cause == "client_regression" else affected[culprit]
    # the affected slice stalls 1 + 1/share times as often, so the country's rate doubles
    factor = min(1 + 1 / share, 8.0)
    bias = {versions[0]: 1.0, versions[1]: rng.uniform(0.9, 1.15)}
    bias |= {pop: rng.uniform(0.9, 1.12) for pop in pops}
    bias |= {isp: rng.uniform(0.75, 1.3) for isp in shares}
    speed = {isp: rng.uniform(900, 3600) for isp in shares}
    return State(
        cause, culprit, country.upper(), versions, shares, pops, factor, noise, bias, speed
    )


def _adoption(day: int) -> float:
    """Share of the country's playbacks on the new version."""
    return 0.0 if day < RELEASE_DAY else min(0.5, 0.1 + 0.1 * (day - RELEASE_DAY))


def _rate(state: State, day: int, version: str, pop: str, isp: str) -> float:
    """Stall % of one slice of playbacks on one day."""
    rate = BASE_STALL_PCT * (1 + state.noise[day])
    rate *= state.bias[version] * state.bias[pop] * state.bias[isp]
    started = day >= RELEASE_DAY
    hit = {
        "client_regression": version == state.versions[1],
        "cdn_degraded": started and pop == state.culprit,
        "isp_congestion": started and isp == state.culprit,
    }[state.cause]
    return rate * state.factor if hit else rate


def _slices(state: State, day: int):
    """(share, version, pop, isp) of every slice of the country's playbacks on `day`."""
    adopted = _adoption(day)
    for version, v_share in ((state.versions[0], 1 - adopted), (state.versions[1], adopted)):
        for pop, p_share in state.pops.items():
            for isp, i_share in state.isps.items():
                if v_share:
                    yield v_share * p_share * i_share, version, pop, isp


def stalls(state: State, by: str = "version") -> pd.DataFrame:
    position = {"version": 0, "cdn": 1, "isp": 2, "country": None}
    if by not in position:
        raise ValueError(f"by must be one of {', '.join(position)}, got {by!r}")
    table = {}
    for day, date in enumerate(DAYS):
        totals, weights = {}, {}
        for share, *slice_ in _slices(state, day):
            key = state.country if by == "country" else slice_[position[by]]
            totals[key] = totals.get(key, 0) + share * _rate(state, day, *slice_)
            weights[key] = weights.get(key, 0) + share
        column = {k: round(totals[k] / weights[k], 2) for k in totals}
        if by == "country":
            for other in COUNTRIES:
                column.setdefault(other, round(BASE_STALL_PCT * (1 + state.noise[-1 - day]), 2))
        table[date] = column
    return pd.DataFrame(table).rename_axis(by)


def releases(state: State) -> pd.DataFrame:
    rows = [(DAYS[0], state.versions[0], "all platforms", 100)]
    rows += [
        (DAYS[d], state.versions[1], "android, ios", round(_adoption(d) * 100))
        for d in range(RELEASE_DAY, len(DAYS))
    ]
    return pd.DataFrame(rows, columns=["date", "version", "platforms", "rollout_pct"])


def cdn_health(state: State) -> pd.DataFrame:
    rows = []
    for pop in state.pops:
        for day, date in enumerate(DAYS):
            bad = state.cause == "cdn_degraded" and pop == state.culprit and day >= RELEASE_DAY
            hit = 0.71 if bad else 0.95 + state.noise[day] / 10
            rows.append((pop, date, round(hit, 3), 610 if bad else 95))
    return pd.DataFrame(rows, columns=["pop", "date", "cache_hit_ratio", "p95_first_byte_ms"])


def throughput(state: State, isp: str | None = None) -> pd.DataFrame:
    if isp is not None and isp not in state.isps:
        raise ValueError(f"no ISP {isp!r}")
    table = {}
    for day, date in enumerate(DAYS):
        column = {}
        for name in [isp] if isp else state.isps:
            slow = state.cause == "isp_congestion" and name == state.culprit and day >= RELEASE_DAY
            usual = state.speed[name] * (1 + state.noise[day])
            column[name] = round(usual * (0.45 if slow else 1.0))
        table[date] = column
    return pd.DataFrame(table).rename_axis("isp")


def crashes(state: State) -> pd.DataFrame:
    rows = [(v, round(99.6 - 0.1 * i, 2)) for i, v in enumerate(state.versions)]
    return pd.DataFrame(rows, columns=["version", "crash_free_sessions_pct"]).set_index("version")
