"""Deterministic generators for every dataset in data/ (`workbook data` writes them)."""

import hashlib
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

SEED = 20261122
N_USERS, N_ARTISTS, N_TRACKS = 2_000, 800, 5_000
DAY_S = 86_400
START_TS = 1_767_225_600  # 2026-01-01T00:00:00Z
SESSION_GAP_S = 30 * 60
SYLLABLES = [
    "la",
    "mo",
    "ré",
    "ki",
    "sø",
    "an",
    "ta",
    "lu",
    "né",
    "vi",
    "ör",
    "sa",
    "du",
    "mi",
    "kö",
    "ra",
]


def zipf_weights(n: int, exponent: float) -> np.ndarray:
    """Rank-frequency weights k^-s, normalised (scipy's zipfian is far too slow at this size)."""
    weights = np.arange(1, n + 1, dtype=float) ** -exponent
    return weights / weights.sum()


def artists(rng: np.random.Generator) -> pd.DataFrame:
    names = set()
    while len(names) < N_ARTISTS:
        parts = rng.choice(SYLLABLES, size=rng.integers(2, 5))
        names.add("".join(parts).capitalize())
    return pd.DataFrame(
        {"artist_id": [f"a{i:04d}" for i in range(N_ARTISTS)], "name": sorted(names)}
    )


def tracks(rng: np.random.Generator) -> pd.DataFrame:
    # Popular artists have more tracks; durations are log-normal around 3.5 minutes.
    artist = rng.choice(N_ARTISTS, size=N_TRACKS, p=zipf_weights(N_ARTISTS, 0.8))
    duration = np.clip(rng.lognormal(np.log(210_000), 0.25, N_TRACKS), 60_000, 900_000).astype(int)
    return pd.DataFrame(
        {
            "track_id": [f"t{i:05d}" for i in range(N_TRACKS)],
            "artist_id": [f"a{a:04d}" for a in artist],
            "duration_ms": duration,
        }
    )


def plays(rng: np.random.Generator, track_table: pd.DataFrame) -> pd.DataFrame:
    """Listening sessions: back-to-back plays, early skips, sessions separated by long gaps."""
    popularity = zipf_weights(N_TRACKS, 0.9)
    durations = track_table["duration_ms"].to_numpy()
    rows = []
    for user in range(N_USERS):
        n_sessions = 1 + rng.poisson(2.5)
        starts = np.sort(rng.uniform(0, 14 * DAY_S, n_sessions)).astype(int)
        for start in starts:
            t = START_TS + int(start)
            for track in rng.choice(N_TRACKS, size=1 + rng.poisson(8), p=popularity):
                skipped = rng.random() < 0.25
                played = int(rng.uniform(2_000, 45_000)) if skipped else int(durations[track])
                rows.append((f"u{user:04d}", f"t{track:05d}", t, played))
                t += played // 1000 + int(rng.integers(0, 4))
    frame = pd.DataFrame(rows, columns=["user_id", "track_id", "ts", "ms_played"])
    return frame.sort_values(["ts", "user_id"], kind="stable").reset_index(drop=True)


def friendships() -> pd.DataFrame:
    """A power-law friend graph with clustering (Holme and Kim's model)."""
    graph = nx.powerlaw_cluster_graph(N_USERS, 3, 0.3, seed=SEED)
    edges = sorted((min(a, b), max(a, b)) for a, b in graph.edges())
    return pd.DataFrame(
        [(f"u{a:04d}", f"u{b:04d}") for a, b in edges], columns=["user_a", "user_b"]
    )


def collaborations(rng: np.random.Generator) -> pd.DataFrame:
    """Artists who appeared on a track together: a main scale-free cluster and a few islands."""
    main = nx.powerlaw_cluster_graph(N_ARTISTS - 40, 1, 0.1, seed=SEED)
    islands = nx.disjoint_union_all([nx.path_graph(4) for _ in range(5)])
    graph = nx.disjoint_union(main, islands)  # the last 20 artists stay isolated
    edges = sorted((min(a, b), max(a, b)) for a, b in graph.edges())
    shared = 1 + rng.poisson(0.7, len(edges))
    return pd.DataFrame(
        [(f"a{a:04d}", f"a{b:04d}", int(n)) for (a, b), n in zip(edges, shared, strict=True)],
        columns=["artist_a", "artist_b", "shared_tracks"],
    )


def events(rng: np.random.Generator) -> pd.DataFrame:
    """Client events as received: retries duplicate some, mobile clients upload late."""
    n = 20_000
    event_ts = START_TS * 1000 + np.sort(rng.integers(0, 2 * DAY_S * 1000, n))
    delay = rng.lognormal(np.log(800), 1.0, n).astype(int)
    offline = rng.random(n) < 0.03  # phones that were offline upload hours later
    delay[offline] += rng.integers(3_600_000, 6 * 3_600_000, offline.sum())
    frame = pd.DataFrame(
        {
            "event_id": [f"e{i:06d}" for i in range(n)],
            "user_id": [f"u{u:04d}" for u in rng.integers(0, N_USERS, n)],
            "event_type": rng.choice(
                ["play_start", "play_end", "skip", "pause"], n, p=[0.4, 0.3, 0.2, 0.1]
            ),
            "event_ts": event_ts,
            "received_ts": event_ts + delay,
        }
    )
    retried = frame.sample(frac=0.02, random_state=SEED).copy()
    retried["received_ts"] += rng.integers(1_000, 120_000, len(retried))
    both = pd.concat([frame, retried], ignore_index=True)
    return both.sort_values(["received_ts", "event_id"], kind="stable").reset_index(drop=True)


def throughput(rng: np.random.Generator) -> pd.DataFrame:
    """One-second throughput samples of three one-hour mobile traces with outages."""
    levels = np.array([0, 64, 128, 256, 512, 1_000, 2_000, 4_000])
    frames = []
    for trace, stay in (("commute_train", 0.93), ("city_bus", 0.9), ("home_wifi", 0.98)):
        state, samples = 5, []
        for _ in range(3_600):
            if rng.random() > stay:
                state = int(np.clip(state + rng.choice([-2, -1, 1, 2]), 0, len(levels) - 1))
            noise = rng.normal(1.0, 0.15)
            samples.append(max(0, int(levels[state] * noise)))
        kbps = np.array(samples)
        for start in rng.integers(0, 3_500, 3 if trace != "home_wifi" else 1):
            kbps[start : start + rng.integers(5, 40)] = 0  # tunnels and dead zones
        frames.append(pd.DataFrame({"trace_id": trace, "t_s": np.arange(3_600), "kbps": kbps}))
    return pd.concat(frames, ignore_index=True)


def datasets() -> dict[str, Callable[[], pd.DataFrame]]:
    """Each dataset's file name and a function producing it, each from its own seeded stream."""
    track_table = tracks(np.random.default_rng([SEED, 1]))
    return {
        "artists.csv": lambda: artists(np.random.default_rng([SEED, 0])),
        "tracks.csv": lambda: track_table,
        "plays.csv": lambda: plays(np.random.default_rng([SEED, 2]), track_table),
        "friendships.csv": friendships,
        "collaborations.csv": lambda: collaborations(np.random.default_rng([SEED, 3])),
        "events.csv": lambda: events(np.random.default_rng([SEED, 4])),
        "throughput.csv": lambda: throughput(np.random.default_rng([SEED, 5])),
    }


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


CHECKSUMS_START = "<!-- checksums:start (generated by `workbook data`) -->"
CHECKSUMS_END = "<!-- checksums:end -->"


def checksum_table(paths: list[Path]) -> str:
    """A markdown table of file, size and SHA-256."""
    rows = ["| file | bytes | sha256 |", "|---|---|---|"]
    rows += [f"| `{p.name}` | {p.stat().st_size} | `{sha256(p)}` |" for p in paths]
    return "\n".join(rows)


def with_checksums(readme: str, table: str) -> str:
    """The data README with its checksum block replaced."""
    head, _, rest = readme.partition(CHECKSUMS_START)
    _, _, tail = rest.partition(CHECKSUMS_END)
    return f"{head}{CHECKSUMS_START}\n{table}\n{CHECKSUMS_END}{tail}"


def write_all(folder: Path) -> list[Path]:
    """Write every dataset as CSV into `folder`; the bytes depend only on the seed."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, make in datasets().items():
        path = folder / name
        make().to_csv(path, index=False, lineterminator="\n")
        written.append(path)
    readme = folder / "README.md"
    if readme.exists():
        readme.write_text(
            with_checksums(readme.read_text(encoding="utf-8"), checksum_table(written))
        )
        written.append(readme)
    return written
